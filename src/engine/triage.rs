//! Urgent triage: does the question describe a warning sign from `red-flags.toml`? Runs before
//! anything else, on the patient's own words, forgiving small typos in unfamiliar words.

use rustc_hash::FxHashSet;
use strsim::osa_distance;

use crate::knowledge::RedFlags;
use crate::text::lexicon::{is_english_word, is_generic};

/// One entry of a rule's word list: a word, a `prefix*`, or a phrase of them.
#[derive(Debug, Clone)]
enum Pattern {
    Word(String),
    Prefix(String),
}

#[derive(Debug, Clone)]
struct Rule {
    id: String,
    all: Vec<Vec<Vec<Pattern>>>,
    unless: Vec<Vec<Pattern>>,
}

/// The red-flag rules, compiled for matching.
#[derive(Debug, Clone)]
pub struct Triage {
    rules: Vec<Rule>,
}

/// A word of the question with what fuzzy matching may do with it.
struct Token<'a> {
    word: &'a str,
    /// Unfamiliar words (not English, not generic) of 5+ letters may be typos of a rule word;
    /// real words never are, so that "while" never matches "white".
    fuzzy: bool,
}

impl Triage {
    pub fn new(red_flags: &RedFlags) -> Triage {
        let rules = red_flags
            .rules
            .iter()
            .map(|r| Rule {
                id: r.id.clone(),
                all: r
                    .all
                    .iter()
                    .map(|g| {
                        g.iter()
                            .map(|e| compile(e))
                            .filter(|p| !p.is_empty())
                            .collect()
                    })
                    .collect(),
                unless: r
                    .unless
                    .iter()
                    .map(|e| compile(e))
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect();
        Triage { rules }
    }

    /// The id of the first rule the question's words match, if any.
    pub fn check(&self, words: &[String]) -> Option<&str> {
        let tokens: Vec<Token> = words
            .iter()
            .map(|w| Token {
                word: w,
                fuzzy: w.chars().count() >= 5 && !is_generic(w) && !is_english_word(w),
            })
            .collect();
        let question = Question {
            exact: tokens.iter().map(|t| t.word).collect(),
            any_fuzzy: tokens.iter().any(|t| t.fuzzy),
            tokens,
        };
        self.rules
            .iter()
            .find(|rule| {
                rule.all
                    .iter()
                    .all(|group| group.iter().any(|p| question.matches(p)))
                    && !rule.unless.iter().any(|p| question.matches(p))
            })
            .map(|r| r.id.as_str())
    }
}

/// The question's words, with a set for the common case: one exact word, no typos to forgive.
struct Question<'a> {
    tokens: Vec<Token<'a>>,
    exact: FxHashSet<&'a str>,
    any_fuzzy: bool,
}

impl Question<'_> {
    fn matches(&self, phrase: &[Pattern]) -> bool {
        match phrase {
            [Pattern::Word(w)] if !self.any_fuzzy => self.exact.contains(w.as_str()),
            _ => matches_phrase(phrase, &self.tokens),
        }
    }
}

/// "short of breath" -> three words; "swell*" -> a prefix. Contractions expand as in questions.
fn compile(entry: &str) -> Vec<Pattern> {
    let mut out = Vec::new();
    for piece in entry.split_whitespace() {
        let star = piece.ends_with('*');
        let mut ws = crate::text::words(piece.trim_end_matches('*'));
        let last = ws.pop();
        out.extend(ws.into_iter().map(Pattern::Word));
        if let Some(w) = last {
            out.push(if star {
                Pattern::Prefix(w)
            } else {
                Pattern::Word(w)
            });
        }
    }
    out
}

fn matches_phrase(phrase: &[Pattern], tokens: &[Token]) -> bool {
    if phrase.len() > tokens.len() {
        return false;
    }
    (0..=tokens.len() - phrase.len()).any(|start| {
        phrase
            .iter()
            .zip(&tokens[start..])
            .all(|(p, t)| matches_word(p, t))
    })
}

fn matches_word(p: &Pattern, t: &Token) -> bool {
    match p {
        Pattern::Word(w) => {
            t.word == w || (t.fuzzy && w.len() >= 5 && osa_distance(t.word, w) <= max_typos(w))
        }
        Pattern::Prefix(prefix) => {
            t.word.starts_with(prefix.as_str())
                || (t.fuzzy
                    && prefix.len() >= 5
                    && t.word.len() >= prefix.len()
                    && t.word.is_char_boundary(prefix.len())
                    && osa_distance(&t.word[..prefix.len()], prefix) <= 1)
        }
    }
}

/// Edits forgiven in a rule word: one in 5-7 letters, two from 8.
fn max_typos(word: &str) -> usize {
    if word.chars().count() >= 8 { 2 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn urgent(q: &str) -> Option<String> {
        Triage::new(&RedFlags::builtin())
            .check(&words(q))
            .map(str::to_string)
    }

    #[test]
    fn warning_signs_from_the_issue_are_urgent() {
        for q in [
            "my left calf is suddenly much bigger than the right one",
            "my chest feels tight and I'm gasping",
            "a spider vein on my thigh keeps bleeding through the bandage",
            "I cant breath",
            "I'm coughing up blood",
            "my foot turned cold and blue",
            "terrible pain in my leg after sclerotherapy",
            "I have an ulcer on my ankle that won't heal",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn typos_in_warning_words_are_forgiven() {
        assert!(urgent("my leg is swolen and hot").is_some());
        assert!(urgent("the vein keeps bleading").is_some());
    }

    #[test]
    fn ordinary_questions_are_not_urgent() {
        for q in [
            "what happens when blood flows backward?",
            "why are spider veins red or blue",
            "my legs feel tired while walking",
            "does sclerotherapy stop blood flow in the vein",
            "can exercise help my legs",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
    }
}
