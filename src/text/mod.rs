//! Language helpers shared by the knowledge loader and the engine: cleaning a message,
//! splitting it into words, stemming, and the words that never name a medical concept.

pub mod abbreviations;
pub mod clauses;
pub mod english;
pub mod lexicon;
pub mod phrases;
mod words;

pub use words::{
    MAX_QUESTION_CHARS, clean, hyphen_joined, split_run_together, stem, stems, words,
    words_of_pieces, words_unjoined,
};
