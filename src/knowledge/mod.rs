//! Reading the clinic's knowledge folder: Markdown documents split into passages, plus the
//! three TOML files staff edit (synonyms, red flags, reply wording). Knows nothing of search.

pub mod check;
pub mod config;
pub mod limits;
pub mod markdown;
pub mod read;
pub mod red_flags;
pub mod replies;
pub mod report;
pub mod synonyms;
pub mod walk;

use std::fmt;
use std::path::{Path, PathBuf};

pub use check::{Problem, Severity};
pub use config::{RedFlagRule, RedFlags, Replies, Synonyms};
pub use limits::Limits;
pub use walk::{SkipReason, Skipped};

/// A passage's stable id: `document-slug#heading-slug-N`, N counting paragraphs under the heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct PassageId(pub String);

impl fmt::Display for PassageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One paragraph (or list) of a document: the unit the bot quotes, verbatim.
#[derive(Debug, Clone)]
pub struct Passage {
    pub id: PassageId,
    /// Index into [`Knowledge::documents`].
    pub document: usize,
    /// The nearest heading above the passage (the document title when there is none).
    pub heading: String,
    /// The text as a reader sees it: Markdown markup removed, sentences untouched.
    pub text: String,
    /// 1-based line in the document file where the passage starts.
    pub line: usize,
    /// In a section the clinic marked urgent (`{.urgent}` on its heading).
    pub urgent: bool,
}

/// One Markdown file of the knowledge folder.
#[derive(Debug, Clone)]
pub struct Document {
    /// File path relative to the knowledge folder, for messages.
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    /// Where the text comes from (front matter `source:`), if given.
    pub source: Option<String>,
    /// Front matter `last_reviewed:`, shown by `/about`.
    pub last_reviewed: Option<String>,
}

/// Everything the engine answers from, loaded from one folder.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub dir: PathBuf,
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub synonyms: Synonyms,
    pub red_flags: RedFlags,
    pub replies: Replies,
    /// Problems that do not stop the folder from being used.
    pub warnings: Vec<Problem>,
}

/// The result of reading a folder: what could be used, and every problem found.
#[derive(Debug)]
pub struct Loaded {
    pub knowledge: Knowledge,
    pub problems: Vec<Problem>,
    /// Entries not read (hidden, backups, not regular files, second names of one file).
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Errors that make a knowledge folder unusable; each says where and what to do.
#[derive(Debug, thiserror::Error)]
#[error("{}", format_problems(.0))]
pub struct KnowledgeError(pub Vec<Problem>);

fn format_problems(problems: &[Problem]) -> String {
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    format!(
        "the knowledge folder has {} error(s):\n{}",
        errors.len(),
        errors.join("\n")
    )
}

impl Knowledge {
    /// Reads `dir`, keeping everything usable and reporting every problem; never panics on
    /// what staff wrote.
    pub fn read(dir: &Path) -> Loaded {
        Self::read_with(dir, &Limits::default())
    }

    /// [`Knowledge::read`] under other limits (tests reach them cheaply this way).
    pub fn read_with(dir: &Path, limits: &Limits) -> Loaded {
        check::read_folder(dir, limits, &|| false)
    }

    /// [`Knowledge::read`] that gives up (with an error) as soon as `stop` says so: a live
    /// reload stops reading a folder that has changed again since.
    pub fn read_unless(dir: &Path, stop: &dyn Fn() -> bool) -> Loaded {
        check::read_folder(dir, &Limits::default(), stop)
    }

    /// Reads `dir` and refuses it if it has any error.
    pub fn load(dir: &Path) -> Result<Knowledge, KnowledgeError> {
        let loaded = Self::read(dir);
        if loaded.has_errors() {
            return Err(KnowledgeError(loaded.problems));
        }
        Ok(loaded.knowledge)
    }

    pub fn document_of(&self, passage: &Passage) -> &Document {
        &self.documents[passage.document]
    }
}

/// Lowercase ASCII slug: letters and digits kept, everything else becomes one `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_of_heading_drops_punctuation() {
        assert_eq!(
            slugify("Can Exercise Get Rid of Spider Veins?"),
            "can-exercise-get-rid-of-spider-veins"
        );
        assert_eq!(
            slugify("  The Role -- of  Exercise "),
            "the-role-of-exercise"
        );
    }
}
