//! The three TOML files clinic staff edit beside the documents: `synonyms.toml`,
//! `red-flags.toml` and `replies.toml`. Each has built-in defaults (the files shipped in
//! `knowledge/`), used when the clinic's folder has no such file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::check::Problem;

pub const SYNONYMS_FILE: &str = "synonyms.toml";
pub const RED_FLAGS_FILE: &str = "red-flags.toml";
pub const REPLIES_FILE: &str = "replies.toml";

const DEFAULT_SYNONYMS: &str = include_str!("../../knowledge/synonyms.toml");
const DEFAULT_RED_FLAGS: &str = include_str!("../../knowledge/red-flags.toml");
const DEFAULT_REPLIES: &str = include_str!("../../knowledge/replies.toml");

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

/// Warning signs that get the urgent reply instead of an answer.
#[derive(Debug, Clone, Default)]
pub struct RedFlags {
    pub rules: Vec<RedFlagRule>,
}

/// A question is urgent when it has a word from every group of `all` and none of `unless`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    pub id: String,
    pub name: String,
    pub all: Vec<Vec<String>>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedFlagsFile {
    #[serde(default)]
    rule: Vec<RedFlagRule>,
}

impl RedFlags {
    pub fn builtin() -> RedFlags {
        RedFlags::parse(
            Path::new(RED_FLAGS_FILE),
            DEFAULT_RED_FLAGS,
            &mut Vec::new(),
        )
    }

    pub fn parse(path: &Path, source: &str, problems: &mut Vec<Problem>) -> RedFlags {
        let file: RedFlagsFile = match toml::from_str(source) {
            Ok(f) => f,
            Err(e) => {
                problems.push(Problem::toml(path, source, &e));
                return RedFlags::default();
            }
        };
        let mut rules = Vec::new();
        for mut rule in file.rule {
            rule.line = line_of_value(source, "id", &rule.id).unwrap_or(0);
            let line = Some(rule.line).filter(|l| *l > 0);
            for group in &mut rule.all {
                for w in group.iter_mut() {
                    *w = w.trim().to_lowercase();
                }
                group.retain(|w| !w.is_empty() && w != "*");
            }
            if rule.all.is_empty() || rule.all.iter().any(Vec::is_empty) {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("rule \"{}\": `all` needs at least one list, and every list at least one word", rule.id),
                ));
                continue;
            }
            rules.push(rule);
        }
        if rules.is_empty() {
            problems.push(Problem::error(
                path,
                Some(1),
                "there are no red-flag rules: urgent warning signs would not be recognised. Restore the file from the shipped copy",
            ));
        }
        let builtin_ids: Vec<String> = toml::from_str::<RedFlagsFile>(DEFAULT_RED_FLAGS)
            .map(|f| f.rule.into_iter().map(|r| r.id).collect())
            .unwrap_or_default();
        for id in builtin_ids {
            if !rules.is_empty() && !rules.iter().any(|r| r.id == id) {
                problems.push(Problem::warning(
                    path,
                    None,
                    format!("the built-in warning-sign rule \"{id}\" is missing; patients describing it will not get the urgent reply"),
                ));
            }
        }
        RedFlags { rules }
    }
}

/// The clinic's fixed wording for every reply. Placeholders: `{clinic_name}`,
/// `{clinic_contact}`, `{emergency_number}`, and in `answer.source` also `{document}`, `{heading}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    pub clinic: ClinicInfo,
    pub answer: AnswerWording,
    pub fallback: FallbackWording,
    pub urgent: UrgentWording,
    pub smalltalk: SmallTalkWording,
    pub telegram: TelegramWording,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicInfo {
    pub name: String,
    pub contact: String,
    pub emergency_number: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerWording {
    pub opening: String,
    pub source: String,
    pub disclaimer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FallbackWording {
    pub text: String,
    pub suggestions_intro: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrgentWording {
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallTalkWording {
    pub greeting: String,
    pub thanks: String,
    pub goodbye: String,
    pub identity: String,
    pub about: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelegramWording {
    pub welcome: String,
    pub help: String,
    pub about: String,
    pub privacy: String,
    pub text_only: String,
    pub flood: String,
    pub unknown_command: String,
    pub feedback_thanks: String,
    pub helpful: String,
    pub not_helpful: String,
    pub examples: Vec<String>,
}

/// The built-in wording: the shipped `knowledge/replies.toml`, as a table the clinic's file
/// is laid over, so that a wording missing from the clinic's file keeps its default.
fn builtin_table() -> toml::Table {
    // The shipped file is part of the program; a broken one is a build defect.
    toml::from_str(DEFAULT_REPLIES)
        .expect("knowledge/replies.toml shipped with the program is valid TOML")
}

impl Default for Replies {
    fn default() -> Self {
        static BUILTIN: std::sync::OnceLock<Replies> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                toml::Value::Table(builtin_table())
                    .try_into()
                    .expect("knowledge/replies.toml shipped with the program is complete")
            })
            .clone()
    }
}

/// Lays `over` onto `base`, table by table.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

const PLACEHOLDERS: [&str; 3] = ["clinic_name", "clinic_contact", "emergency_number"];

impl Replies {
    pub fn parse(path: &Path, source: &str, problems: &mut Vec<Problem>) -> Replies {
        let over: toml::Table = match toml::from_str(source) {
            Ok(t) => t,
            Err(e) => {
                problems.push(Problem::toml(path, source, &e));
                return Replies::default();
            }
        };
        let mut table = builtin_table();
        merge(&mut table, over);
        let replies: Replies = match toml::Value::Table(table).try_into() {
            Ok(r) => r,
            Err(e) => {
                let e: toml::de::Error = e;
                let field = e
                    .message()
                    .split('`')
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
                let line = if field.is_empty() {
                    None
                } else {
                    line_of_key(source, &field)
                };
                problems.push(Problem::error(
                    path,
                    line,
                    format!(
                        "{} (check the spelling of the setting names)",
                        e.message().trim()
                    ),
                ));
                return Replies::default();
            }
        };
        for (section, key, text) in replies.fields() {
            let line = line_of_key(source, key);
            if text.trim().is_empty() {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("[{section}] {key} is empty: the wording may be changed, but never left empty"),
                ));
            }
            let extra: &[&str] = if (section, key) == ("answer", "source") {
                &["document", "heading"]
            } else {
                &[]
            };
            for name in placeholders(text) {
                if !PLACEHOLDERS.contains(&name) && !extra.contains(&name) {
                    problems.push(Problem::error(
                        path,
                        line,
                        format!("[{section}] {key} uses {{{name}}}, which is not known; use one of {{clinic_name}}, {{clinic_contact}}, {{emergency_number}}"),
                    ));
                }
            }
        }
        replies
    }

    /// Every wording field as (section, key, text), for checks.
    pub fn fields(&self) -> Vec<(&'static str, &'static str, &str)> {
        let mut v = vec![
            ("clinic", "name", self.clinic.name.as_str()),
            ("clinic", "contact", &self.clinic.contact),
            ("clinic", "emergency_number", &self.clinic.emergency_number),
            ("answer", "opening", &self.answer.opening),
            ("answer", "source", &self.answer.source),
            ("answer", "disclaimer", &self.answer.disclaimer),
            ("fallback", "text", &self.fallback.text),
            (
                "fallback",
                "suggestions_intro",
                &self.fallback.suggestions_intro,
            ),
            ("urgent", "text", &self.urgent.text),
            ("smalltalk", "greeting", &self.smalltalk.greeting),
            ("smalltalk", "thanks", &self.smalltalk.thanks),
            ("smalltalk", "goodbye", &self.smalltalk.goodbye),
            ("smalltalk", "identity", &self.smalltalk.identity),
            ("smalltalk", "about", &self.smalltalk.about),
            ("telegram", "welcome", &self.telegram.welcome),
            ("telegram", "help", &self.telegram.help),
            ("telegram", "about", &self.telegram.about),
            ("telegram", "privacy", &self.telegram.privacy),
            ("telegram", "text_only", &self.telegram.text_only),
            ("telegram", "flood", &self.telegram.flood),
            (
                "telegram",
                "unknown_command",
                &self.telegram.unknown_command,
            ),
            (
                "telegram",
                "feedback_thanks",
                &self.telegram.feedback_thanks,
            ),
            ("telegram", "helpful", &self.telegram.helpful),
            ("telegram", "not_helpful", &self.telegram.not_helpful),
        ];
        v.extend(
            self.telegram
                .examples
                .iter()
                .map(|e| ("telegram", "examples", e.as_str())),
        );
        v
    }

    /// Fills the clinic placeholders of a wording.
    pub fn fill(&self, template: &str) -> String {
        template
            .replace("{clinic_name}", &self.clinic.name)
            .replace("{clinic_contact}", &self.clinic.contact)
            .replace("{emergency_number}", &self.clinic.emergency_number)
    }
}

/// Names inside `{...}` in a wording.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// 1-based line of the first `key =` (or `"key" =`) in a TOML source.
fn line_of_key(source: &str, key: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| {
            let t = l.trim_start();
            let t = t
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
                .or_else(|| t.strip_prefix(key));
            t.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// 1-based line of `key = "value"`.
fn line_of_value(source: &str, key: &str, value: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains(&format!("\"{value}\"")))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_without_problems() {
        let mut problems = Vec::new();
        let s = Synonyms::parse(Path::new("s"), DEFAULT_SYNONYMS, &mut problems);
        let r = RedFlags::parse(Path::new("r"), DEFAULT_RED_FLAGS, &mut problems);
        Replies::parse(Path::new("p"), DEFAULT_REPLIES, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(s.entries.len() > 50);
        assert!(r.rules.len() >= 6);
    }

    #[test]
    fn empty_wording_is_an_error_with_its_line() {
        let mut problems = Vec::new();
        Replies::parse(
            Path::new("replies.toml"),
            "[answer]\nopening = \"Hi\"\ndisclaimer = \"  \"\n",
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.contains("never left empty"));
    }

    #[test]
    fn missing_wording_falls_back_to_the_builtin() {
        let r = Replies::parse(
            Path::new("replies.toml"),
            "[clinic]\nname = \"Vein Care\"\n",
            &mut Vec::new(),
        );
        assert_eq!(r.clinic.name, "Vein Care");
        assert_eq!(r.answer.disclaimer, Replies::default().answer.disclaimer);
    }

    #[test]
    fn unknown_placeholder_is_reported() {
        let mut problems = Vec::new();
        Replies::parse(
            Path::new("replies.toml"),
            "[urgent]\ntext = \"Call {emergency}\"\n",
            &mut problems,
        );
        assert!(problems[0].message.contains("{emergency}"), "{problems:?}");
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
