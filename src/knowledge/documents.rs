//! What a knowledge folder holds once read: documents, their passages (the unit the bot
//! quotes) and the settings files, as [`Knowledge`]. The loader (`folder.rs`) fills it in.

use std::fmt;
use std::path::PathBuf;

use super::problem::Problem;
use super::red_flags::RedFlags;
use super::replies::Replies;
use super::synonyms::Synonyms;

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

impl Knowledge {
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
