//! Words of the documents related to a question's words, through general English (see
//! [`crate::text::english`]): "hurt" finds a passage that says "pain", "bike" one that says
//! "cycling". Built once per knowledge version, so a question costs a hash lookup.

use rustc_hash::FxHashMap as HashMap;

use super::concepts::{Concept, Related, Relation, english};
use super::corpus::CorpusStats;
use crate::text::{
    lexicon::{clinic_sense, is_activity, is_generic},
    stem,
};

/// Related document words kept per word of a question.
const MAX_RELATED: usize = 8;

/// A document word this common in English (Zipf) relates to nothing useful.
const COMMON_ZIPF: f32 = 5.5;

/// For any English word (as written, lowercase), the documents' words related to it. Keyed by
/// the word, not its stem: stems join words of other meanings ("insurance" and "insure").
#[derive(Debug, Default)]
pub struct RelatedIndex {
    by_stem: HashMap<String, Vec<Related>>,
}

impl RelatedIndex {
    /// Indexes the relations of every word the documents use. Relations are listed both ways
    /// in the data, so looking them up from the documents' side finds every question word
    /// that relates to a document's word.
    pub fn build<'a>(document_words: impl Iterator<Item = &'a String>) -> RelatedIndex {
        let mut by_stem: HashMap<String, Vec<Related>> = HashMap::default();
        let mut stems: HashMap<&'static str, String> = HashMap::default();
        for word in document_words {
            // Words every text uses relate to too much ("have" is broader than "stock").
            if is_generic(word) || english::zipf(word).is_some_and(|z| z >= COMMON_ZIPF) {
                continue;
            }
            let own = stem(word);
            // A document saying "legs" speaks to a question about the thighs as one saying
            // "leg" does: the parts come from the base form.
            let parts = english::bases(word).into_iter().flat_map(|b| {
                english::related(b)
                    .into_iter()
                    .filter(|(_, r)| *r == Relation::Part)
            });
            let relations = english::related(word);
            // One step further through a word meaning the same: a passage saying "painless"
            // or "pains" (forms of "pain") speaks to a question saying "hurt" (~ "pain"). Only
            // the word itself with an ending, not a derivation that moves away from it
            // ("skin" is no form of "skinny"), so the meaning drifts no further than the
            // synonym's step.
            for &(root, listed) in &relations {
                let a_form = listed == Relation::Base
                    || (listed == Relation::Derived
                        && word.strip_prefix(root).is_some_and(|ending| {
                            // "urgent" is no form of "urge" ("itch" ~ "urge" made "itchy" an
                            // urgent word).
                            matches!(
                                ending,
                                "s" | "es"
                                    | "ed"
                                    | "d"
                                    | "ing"
                                    | "er"
                                    | "ers"
                                    | "less"
                                    | "ful"
                                    | "ness"
                                    | "ly"
                                    | "y"
                            )
                        }));
                if !a_form {
                    continue;
                }
                for (other, relation) in english::related(root) {
                    let close = match relation {
                        Relation::Synonym | Relation::Close => true,
                        Relation::Similar => similar_adjectives(root, other),
                        _ => false,
                    };
                    if !close || stems.entry(other).or_insert_with(|| stem(other)) == &own {
                        continue;
                    }
                    let list = by_stem.entry(other.to_string()).or_default();
                    if !list.iter().any(|r| r.stem == own) {
                        list.push(Related {
                            word: word.clone(),
                            stem: own.clone(),
                            relation,
                            through: Some(root),
                        });
                    }
                }
            }
            for (other, listed) in relations.into_iter().chain(parts) {
                // The data says how `other` stands to the document's word; the engine needs
                // the reverse: a question saying a narrower word ("yoga") is answered by a
                // passage saying the broader one ("exercise"), never the other way round.
                let relation = match listed {
                    // Neither a broader word nor a narrower one says the same thing: a passage
                    // on "treatments" says nothing of "massage", nor one on "yoga" of "exercise".
                    Relation::Narrower | Relation::Broader | Relation::Whole => continue,
                    // `other` is a part of the document's word: a question about the part
                    // ("thighs") is answered by a passage about the whole ("legs").
                    Relation::Part => Relation::Whole,
                    Relation::Similar if !similar_adjectives(word, other) => continue,
                    r => r,
                };
                if stems.entry(other).or_insert_with(|| stem(other)) == &own {
                    continue;
                }
                let list = by_stem.entry(other.to_string()).or_default();
                match list.iter_mut().find(|r| r.stem == own) {
                    Some(r) if r.relation <= relation => {}
                    Some(r) => {
                        r.relation = relation;
                        r.through = None;
                    }
                    None => list.push(Related {
                        word: word.clone(),
                        stem: own.clone(),
                        relation,
                        through: None,
                    }),
                }
            }
        }
        // The strongest few for each word: enough to find the passage, few enough that a
        // question costs microseconds.
        for list in by_stem.values_mut() {
            list.sort_by(|a, b| a.relation.cmp(&b.relation).then(a.word.cmp(&b.word)));
            list.truncate(MAX_RELATED);
        }
        RelatedIndex { by_stem }
    }

    /// The documents' words related to a one-word concept, and for a word no document
    /// uses, the documents' words its base forms and derivations point to.
    pub fn of(&self, c: &Concept, corpus: &CorpusStats) -> Vec<Related> {
        // An everyday verb phrase: the single words that mean it ("get rid of" ~ "eliminate").
        if let Some(phrase) = c.phrase {
            let mut found = Vec::new();
            for (word, relation) in crate::text::phrases::related(phrase) {
                let s = corpus.stem(word);
                if corpus.knows(&s) && c.alternatives.iter().all(|a| !a.contains(&s)) {
                    push(&mut found, word.to_string(), s, relation, None);
                }
            }
            return found;
        }
        let [own] = c
            .alternatives
            .first()
            .map(Vec::as_slice)
            .unwrap_or_default()
        else {
            return Vec::new();
        };
        let mut out: Vec<Related> = Vec::new();
        if c.words.contains(' ') {
            return Vec::new();
        }
        let mut keys: Vec<&str> = vec![c.words.as_str()];
        keys.extend(english::bases(&c.words));
        for key in keys {
            for &same in clinic_sense(key) {
                let s = corpus.stem(same);
                if s != *own && corpus.knows(&s) {
                    push(&mut out, same.to_string(), s, Relation::Clinic, None);
                }
            }
            for r in self.by_stem.get(key).into_iter().flatten() {
                if r.stem != *own {
                    push(
                        &mut out,
                        r.word.clone(),
                        r.stem.clone(),
                        r.relation,
                        r.through,
                    );
                }
            }
        }
        // A kind of exercise the documents name somewhere ("cycling") is exercise to every
        // passage of them: "will cycling fade the ones I have" is answered by "Exercise cannot
        // remove existing spider veins". One they never name ("is yoga good for my veins") is
        // left to them: it may be the very thing a specialist would want to weigh.
        if corpus.knows(own) && is_activity(&c.words) {
            for broader in ["exercise", "activity"] {
                let s = corpus.stem(broader);
                if s != *own && corpus.knows(&s) {
                    push(&mut out, broader.to_string(), s, Relation::Broader, None);
                }
            }
        }
        if corpus.knows(own) {
            return out;
        }
        for (other, relation) in english::related(&c.words) {
            if !matches!(relation, Relation::Base | Relation::Derived) {
                continue;
            }
            let s = corpus.stem(other);
            if s == *own {
                continue;
            }
            if corpus.knows(&s) {
                push(&mut out, other.to_string(), s.clone(), relation, None);
            }
            // A derivation passes on its relations: "itchiness" through "itch".
            if relation == Relation::Derived {
                for r in self.by_stem.get(other).into_iter().flatten() {
                    if r.stem != *own {
                        push(
                            &mut out,
                            r.word.clone(),
                            r.stem.clone(),
                            r.relation,
                            Some(other),
                        );
                    }
                }
            }
        }
        out
    }
}

/// Similar adjectives ("puffy" ~ "swollen") relate only between words that are mostly
/// adjectives: through a noun's rarer senses they drift too far ("stockings" -> "stock" ~
/// "regular").
fn similar_adjectives(a: &str, b: &str) -> bool {
    english::mostly_adjective(a) && english::mostly_adjective(b)
}

/// Adds a related word, keeping the strongest way to each.
fn push(
    out: &mut Vec<Related>,
    word: String,
    stem: String,
    relation: Relation,
    through: Option<&'static str>,
) {
    let related = Related {
        word,
        stem,
        relation,
        through,
    };
    match out.iter_mut().find(|r| r.stem == related.stem) {
        Some(r) if r.relation.strength() >= relation.strength() => {}
        Some(r) => *r = related,
        None => out.push(related),
    }
}
