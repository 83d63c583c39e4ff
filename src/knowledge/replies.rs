//! `replies.toml`: the clinic's fixed wording for every reply, laid over the built-in wording
//! so that a setting left out keeps its default and an emptied one is an error.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::problem::{KeyLines, Problem};

/// The file's name, at the top of the knowledge folder.
pub const FILE: &str = "replies.toml";

/// The built-in copy, used when the folder has no such file: the one shipped in `knowledge/`.
pub const BUILTIN: &str = include_str!("../../knowledge/replies.toml");

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
    toml::from_str(BUILTIN).expect("knowledge/replies.toml shipped with the program is valid TOML")
}

impl Default for Replies {
    fn default() -> Self {
        static PARSED: std::sync::OnceLock<Replies> = std::sync::OnceLock::new();
        PARSED
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
        let lines = KeyLines::new(source);
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
                    lines.get(&field)
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
            let line = lines.get(key);
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

    /// An answer as the patient reads it: the opening, the passage verbatim, the line naming
    /// its source, and the disclaimer. The one place this layout is written: the engine
    /// answers with it, and the loader measures every passage with it against Telegram's limit.
    pub fn answer_text(&self, passage: &str, document: &str, heading: &str) -> String {
        format!(
            "{}\n\n{}\n\n{}\n\n{}",
            self.fill(&self.answer.opening),
            passage,
            self.source_line(document, heading),
            self.fill(&self.answer.disclaimer)
        )
    }

    /// The line that names where a quoted passage comes from, in the clinic's wording.
    pub fn source_line(&self, document: &str, heading: &str) -> String {
        self.fill(&self.answer.source)
            .replace("{document}", document)
            .replace("{heading}", heading)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_parses_without_problems() {
        let mut problems = Vec::new();
        Replies::parse(Path::new(FILE), BUILTIN, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn an_answer_quotes_its_passage_between_the_fixed_wording() {
        let r = Replies::parse(
            Path::new(FILE),
            "[clinic]\nname = \"Vein Care\"\n[answer]\nopening = \"From {clinic_name}:\"\nsource = \"({document}, {heading})\"\ndisclaimer = \"Not a diagnosis.\"\n",
            &mut Vec::new(),
        );
        assert_eq!(
            r.answer_text("Walk daily.", "Exercise", "Tips"),
            "From Vein Care:\n\nWalk daily.\n\n(Exercise, Tips)\n\nNot a diagnosis."
        );
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
}
