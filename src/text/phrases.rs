//! Everyday phrases whose meaning is not the sum of their words, made once by
//! `tools/gen_english_phrases.py` from WordNet's multi-word entries and shipped as
//! `english-phrases.tsv`. Word by word, "get rid of", "take it easy" and "in the first place"
//! look like questions about "rid", "easy", "first" and "place", and "waiting list" like two
//! common words that may go unanswered. As phrases they are a verb with a meaning of its own
//! (get rid of = eliminate; take it easy = relax), a manner of speaking that asks about
//! nothing (in the first place, just in case), or one thing named in two words, which a
//! passage must name (a waiting list, a blood clot).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::english::{self, Relation};

static DATA: &str = include_str!("english-phrases.tsv");

/// The longest phrase the data holds, in words.
const MAX_WORDS: usize = 4;

/// Words that may stand between a verb and its particle: "put them on", "set one off".
const OBJECTS: &[&str] = &[
    "it", "them", "one", "you", "me", "him", "her", "us", "these", "those", "this", "that",
];

/// What kind of phrase it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A verb with a meaning of its own: "get rid of", "take it easy", "set off".
    Verb,
    /// A manner of speaking, adverbial or adjectival: "in the first place", "a couple of".
    Manner,
    /// One thing named in two words or more: "waiting list", "blood clot".
    Thing,
}

/// A phrase found in a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The phrase as the data lists it: "get rid of".
    pub phrase: &'static str,
    pub kind: Kind,
    /// How many of the question's words it spans, an object between verb and particle
    /// included ("put them on": 3).
    pub span: usize,
    /// Which of those words are the phrase's own (not the object), as offsets in the span.
    pub own: Vec<usize>,
}

struct Entry {
    kind: Kind,
    relations: &'static str,
}

fn table() -> &'static HashMap<&'static str, Entry> {
    static TABLE: OnceLock<HashMap<&'static str, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let phrase = f.next()?;
                let kind = match f.next()? {
                    "v" => Kind::Verb,
                    "n" => Kind::Thing,
                    _ => Kind::Manner,
                };
                let relations = f.next().unwrap_or("");
                Some((phrase, Entry { kind, relations }))
            })
            .collect()
    })
}

/// The first words of every phrase, and the words that follow them: most places in a question
/// are ruled out with a lookup or two, before any form of a word is looked up.
struct Starts {
    first: HashSet<&'static str>,
    second: HashSet<&'static str>,
    /// The first two words of every phrase of three words or more: a longer phrase is looked
    /// up (in each form of its last word) only where the question's two words begin one.
    longer: HashSet<(&'static str, &'static str)>,
}

fn starts() -> &'static Starts {
    static STARTS: OnceLock<Starts> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut first = HashSet::default();
        let mut second = HashSet::default();
        let mut longer = HashSet::default();
        for phrase in table().keys() {
            let mut words = phrase.split(' ');
            let (one, two) = (words.next(), words.next());
            first.extend(one);
            second.extend(two);
            if let (Some(one), Some(two), Some(_)) = (one, two, words.next()) {
                longer.insert((one, two));
            }
        }
        Starts {
            first,
            second,
            longer,
        }
    })
}

/// A word as written and, for a plural, the singulars it may have: "lists" -> "list",
/// "boxes" -> "box", "policies" -> "policy". Spelling rules only, no lookup: a wrong guess
/// simply matches no phrase.
fn singulars(word: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let s = word.strip_suffix('s');
    let es = word.strip_suffix("es");
    let ies = word.strip_suffix("ies").map(|stem| format!("{stem}y"));
    std::iter::once(std::borrow::Cow::Borrowed(word))
        .chain(s.map(std::borrow::Cow::Borrowed))
        .chain(es.map(std::borrow::Cow::Borrowed))
        .chain(ies.map(std::borrow::Cow::Owned))
}

/// Verbs of where one is or goes whose phrase with "in", "at" or "on" takes no object ("sit
/// in" = attend, "work in" = add, "sleep in" = oversleep): followed by a place, they say where
/// ("sat in my seat", "I work in a shop", "can I sleep in my stockings").
const PLACED: &[&str] = &[
    "sit", "lie", "stand", "walk", "sleep", "stay", "work", "live", "rest", "fly", "wait", "fit",
    "move",
];

/// Words that open the place after such a verb and its preposition: "in my seat", "in a shop".
const PLACE_OPENERS: &[&str] = &[
    "the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those",
    "bed",
];

/// The verb `head` at word `i` with the preposition after it says where: "sat in my seat".
fn in_a_place(head: &str, words: &[String], i: usize) -> bool {
    PLACED.contains(&head)
        && matches!(
            words.get(i + 1).map(String::as_str),
            Some("in" | "at" | "on" | "into")
        )
        && words
            .get(i + 2)
            .is_some_and(|w| PLACE_OPENERS.contains(&w.as_str()))
}

/// The longest phrase starting at word `i` of a question: its verb in any form ("got rid of",
/// "taking it easy"), its last noun singular or plural ("waiting lists"), and for a verb and
/// particle, with an object between ("put them on").
pub fn at(words: &[String], i: usize) -> Option<Found> {
    let starts = starts();
    let next = words.get(i + 1)?;
    let follows = |w: &str| singulars(w).any(|s| starts.second.contains(s.as_ref()));
    let with_object = OBJECTS.contains(&next.as_str())
        && words
            .get(i + 2)
            .is_some_and(|p| starts.second.contains(p.as_str()));
    if !follows(next) && !with_object {
        return None;
    }
    let first = &words[i];
    let mut heads: Vec<&str> = Vec::with_capacity(2);
    if starts.first.contains(first.as_str()) {
        heads.push(first);
    }
    heads.extend(
        english::bases(first)
            .into_iter()
            .filter(|b| starts.first.contains(b)),
    );
    let mut key = String::new();
    for &head in &heads {
        for len in (2..=MAX_WORDS.min(words.len() - i)).rev() {
            if len > 2 && !starts.longer.contains(&(head, next.as_str())) {
                continue;
            }
            for last in singulars(&words[i + len - 1]) {
                key.clear();
                key.push_str(head);
                for w in &words[i + 1..i + len - 1] {
                    key.push(' ');
                    key.push_str(w);
                }
                key.push(' ');
                key.push_str(&last);
                if let Some((phrase, e)) = table().get_key_value(key.as_str()) {
                    if len == 2 && e.kind == Kind::Verb && in_a_place(head, words, i) {
                        continue;
                    }
                    return Some(Found {
                        phrase,
                        kind: e.kind,
                        span: len,
                        own: (0..len).collect(),
                    });
                }
            }
        }
    }
    if !with_object {
        return None;
    }
    for &head in &heads {
        // A verb, its object, then its particle: "put them on", "set one off".
        key.clear();
        key.push_str(head);
        key.push(' ');
        key.push_str(&words[i + 2]);
        if let Some((phrase, e)) = table().get_key_value(key.as_str())
            && e.kind == Kind::Verb
        {
            return Some(Found {
                phrase,
                kind: e.kind,
                span: 3,
                own: vec![0, 2],
            });
        }
    }
    None
}

/// Single words meaning what a phrase means ("get rid of" -> "eliminate", "side effect" ->
/// "fallout"), with how.
pub fn related(phrase: &str) -> Vec<(&'static str, Relation)> {
    table()
        .get(phrase)
        .into_iter()
        .flat_map(|e| english::parse(e.relations))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn found(text: &str, i: usize) -> Option<(&'static str, Kind, usize)> {
        at(&words(text), i).map(|f| (f.phrase, f.kind, f.span))
    }

    #[test]
    fn verbs_in_any_form_and_manners_are_found() {
        assert_eq!(
            found("will walking get rid of them", 2),
            Some(("get rid of", Kind::Verb, 3))
        );
        assert_eq!(
            found("i got rid of them", 1),
            Some(("get rid of", Kind::Verb, 3))
        );
        assert_eq!(
            found("what causes them in the first place", 3),
            Some(("in the first place", Kind::Manner, 4))
        );
        assert_eq!(
            found("a couple of days", 0),
            Some(("a couple of", Kind::Manner, 3))
        );
    }

    #[test]
    fn a_verb_of_where_followed_by_a_place_is_no_phrase() {
        assert_eq!(found("what can i do sat in my seat", 4), None);
        assert_eq!(found("i work in a shop", 1), None);
        assert_eq!(found("can i sleep in my stockings", 2), None);
        assert!(found("can i sleep in tomorrow", 2).is_some());
        assert!(found("i put on my stockings", 1).is_some());
    }

    #[test]
    fn a_verb_and_its_particle_may_have_an_object_between() {
        assert_eq!(
            found("will it set one off", 2),
            Some(("set off", Kind::Verb, 3))
        );
        // Not any word between: "set the alarm off" is not a phrase here.
        assert_eq!(found("set the alarm off", 0), None);
    }

    #[test]
    fn verb_phrases_bring_single_words_for_their_meaning() {
        assert!(related("get rid of").contains(&("eliminate", Relation::Synonym)));
        assert!(related("rid").is_empty());
    }

    #[test]
    fn things_of_two_words_are_found_in_the_plural_and_names_apart() {
        assert_eq!(
            found("how long are the waiting lists", 4),
            Some(("waiting list", Kind::Thing, 2))
        );
        // Names are not listed: "big bluey veins" is not IBM.
        assert_eq!(found("flying to new york", 2), None);
        assert_eq!(found("big blue veins", 0), None);
    }

    #[test]
    fn plain_word_pairs_are_not_phrases() {
        assert_eq!(found("compression stockings help", 0), None);
        assert_eq!(found("my legs", 0), None);
    }
}
