//! spider-vein-bot: answers patients' questions about spider veins from a clinic's own documents.
//!
//! Data flows one way:
//!
//! ```text
//! knowledge/ (Markdown + TOML) -> knowledge::Knowledge (documents, passages, synonyms, red flags, wording)
//!   -> engine::Engine (tantivy index in RAM) -> Engine::answer(question) -> Reply -> front end
//!                                                                 (chat, ask, eval, Telegram)
//! ```
//!
//! The engine is pure and synchronous; front ends only render a [`Reply`]. Only the Telegram
//! front end, the staff page (`staff`) and the folder watcher are async.

pub mod engine;
pub mod eval;
pub mod knowledge;
pub mod reload;
pub mod staff;
pub mod telegram;
pub mod text;
pub mod unanswered;

pub use engine::{Engine, PassageRef, Reply, ReplyKind};
pub use knowledge::{Knowledge, Problem, Severity};
