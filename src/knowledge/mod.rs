//! Reading the clinic's knowledge folder: Markdown documents split into passages, plus the
//! three TOML files staff edit (synonyms, red flags, reply wording). Knows nothing of search.
//!
//! From the bottom up: `problem.rs` (what is wrong, and where), `limits.rs`, `read.rs` (one
//! file, safely), `report.rs` (capped problem lists), `documents.rs` (what a folder holds),
//! `markdown.rs` (passages), the settings files `synonyms.rs`, `red_flags.rs` and `replies.rs`
//! (each with its file name and built-in copy), `walk.rs` (which files), and at the top
//! `folder.rs`, the loader.

pub mod documents;
pub mod folder;
pub mod limits;
pub mod markdown;
pub mod problem;
pub mod read;
pub mod red_flags;
pub mod replies;
pub mod report;
pub mod synonyms;
pub mod walk;

pub use documents::{Document, Knowledge, Passage, PassageId, slugify};
pub use folder::{KnowledgeError, Loaded};
pub use limits::Limits;
pub use problem::{Problem, Severity};
pub use red_flags::{RedFlagRule, RedFlags};
pub use replies::Replies;
pub use synonyms::{SynonymEntry, Synonyms};
pub use walk::{SkipReason, Skipped};
