//! `synonyms.toml`: the words patients use, mapped to the words the documents use.

use std::path::Path;

use serde::Deserialize;

use super::problem::{KeyLines, Problem};

/// The file's name, at the top of the knowledge folder.
pub const FILE: &str = "synonyms.toml";

/// The built-in copy, used when the folder has no such file: the one shipped in `knowledge/`.
pub const BUILTIN: &str = include_str!("../../knowledge/synonyms.toml");

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
        Synonyms::parse(Path::new(FILE), BUILTIN, &mut Vec::new())
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
        let lines = KeyLines::new(source);
        for (key, value) in file.synonyms {
            let line = lines.get(&key);
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
    fn the_builtin_file_parses_without_problems() {
        let mut problems = Vec::new();
        let s = Synonyms::parse(Path::new(FILE), BUILTIN, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(s.entries.len() > 50);
    }

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
