//! `synonyms.toml`: the words patients use, mapped to the words the documents use.

use std::path::Path;

use serde::Deserialize;

use super::check::Problem;
use super::config::{DEFAULT_SYNONYMS, SYNONYMS_FILE, line_of_key};

/// Patient words mapped to the words the documents use.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    pub entries: Vec<SynonymEntry>,
}

#[derive(Debug, Clone)]
pub struct SynonymEntry {
    /// What patients type (a word or a short phrase), lowercase.
    pub key: String,
    /// Words or phrases found in the documents.
    pub values: Vec<String>,
    /// 1-based line in `synonyms.toml`, for messages.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[serde(default)]
    synonyms: toml::Table,
}

impl Synonyms {
    pub fn builtin() -> Synonyms {
        Synonyms::parse(Path::new(SYNONYMS_FILE), DEFAULT_SYNONYMS, &mut Vec::new())
    }

    pub fn parse(path: &Path, source: &str, problems: &mut Vec<Problem>) -> Synonyms {
        let file: SynonymsFile = match toml::from_str(source) {
            Ok(f) => f,
            Err(e) => {
                problems.push(Problem::toml(path, source, &e));
                return Synonyms::default();
            }
        };
        let mut entries = Vec::new();
        for (key, value) in file.synonyms {
            let line = line_of_key(source, &key);
            let values: Vec<String> = match value {
                toml::Value::String(s) => vec![s],
                toml::Value::Array(items) => items
                    .into_iter()
                    .filter_map(|v| match v {
                        toml::Value::String(s) => Some(s),
                        other => {
                            problems.push(Problem::error(
                                path,
                                line,
                                format!(
                                    "\"{key}\": every value must be text in quotes, found {other}"
                                ),
                            ));
                            None
                        }
                    })
                    .collect(),
                other => {
                    problems.push(Problem::error(
                        path,
                        line,
                        format!("\"{key}\" should map to a list of words in quotes, like [\"spider veins\"], found {other}"),
                    ));
                    continue;
                }
            };
            let key = key.trim().to_lowercase();
            let values: Vec<String> = values
                .into_iter()
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
                .collect();
            if key.is_empty() {
                problems.push(Problem::error(
                    path,
                    line,
                    "a synonym has an empty word on the left of =",
                ));
                continue;
            }
            if values.is_empty() {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("\"{key}\" maps to nothing: give at least one word from the documents"),
                ));
                continue;
            }
            entries.push(SynonymEntry {
                key,
                values,
                line: line.unwrap_or(0),
            });
        }
        Synonyms { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_syntax_error_names_the_line() {
        let mut problems = Vec::new();
        Synonyms::parse(
            Path::new("synonyms.toml"),
            "[synonyms]\nhiking = [\"walking\"\n",
            &mut problems,
        );
        assert_eq!(problems[0].line, Some(2), "{problems:?}");
    }
}
