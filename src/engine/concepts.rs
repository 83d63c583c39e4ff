//! Turning a question's words into concepts: synonym phrases from `synonyms.toml` are
//! recognised (longest first) and become alternatives; generic words drop out. Everything is
//! compared as stems, so "hikes" matches the key "hiking".

use rustc_hash::FxHashMap as HashMap;

use crate::knowledge::Synonyms;
use crate::text::{lexicon::is_generic, stem};

/// One thing the question asks about, and every way the documents may say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The patient's own words for it.
    pub words: String,
    /// Stem phrases that express it: the patient's words first, then synonyms. A phrase is
    /// present where all of its stems are.
    pub alternatives: Vec<Vec<String>>,
}

/// A synonym key as stems, and the stem phrases it may be expressed by.
type Entry = (Vec<String>, Vec<Vec<String>>);

/// Synonym keys indexed by their first stem, longest key first.
#[derive(Debug, Clone, Default)]
pub struct SynonymIndex {
    by_first: HashMap<String, Vec<Entry>>,
}

impl SynonymIndex {
    pub fn new(synonyms: &Synonyms) -> SynonymIndex {
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::default();
        for e in &synonyms.entries {
            let key: Vec<String> = crate::text::words(&e.key).iter().map(|w| stem(w)).collect();
            let Some(first) = key.first().cloned() else {
                continue;
            };
            let values: Vec<Vec<String>> = e
                .values
                .iter()
                .map(|v| value_stems(v))
                .filter(|v| !v.is_empty())
                .collect();
            let slot = by_first.entry(first).or_default();
            match slot.iter_mut().find(|(k, _)| *k == key) {
                // Two keys that stem alike ("hike", "hiking") share their values.
                Some((_, existing)) => existing.extend(values),
                None => slot.push((key, values)),
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        SynonymIndex { by_first }
    }

    /// The concepts of a question, in order, without duplicates.
    pub fn concepts(&self, words: &[String]) -> Vec<Concept> {
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let mut out: Vec<Concept> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let matched = self.by_first.get(&stems[i]).and_then(|keys| {
                keys.iter().find(|(key, _)| {
                    stems.len() - i >= key.len() && stems[i..i + key.len()] == key[..]
                })
            });
            if let Some(meaning) = phrasal_meaning(words, i) {
                let c = Concept {
                    words: words[i..i + 2].join(" "),
                    alternatives: vec![vec![stem(meaning)]],
                };
                i += 2;
                if !out.iter().any(|o| o.alternatives == c.alternatives) {
                    out.push(c);
                }
                continue;
            }
            let concept = match matched {
                Some((key, values)) => {
                    // A one-word key keeps its own meaning beside the synonyms. A phrase is an
                    // idiom: "closed off" means what it maps to, not any passage that says "close".
                    let mut alternatives = Vec::with_capacity(values.len() + 1);
                    if key.len() == 1 && !is_generic(&words[i]) {
                        alternatives.push(vec![stems[i].clone()]);
                    }
                    alternatives.extend(values.iter().cloned());
                    let c = Concept {
                        words: words[i..i + key.len()].join(" "),
                        alternatives,
                    };
                    i += key.len();
                    c
                }
                None => {
                    i += 1;
                    if is_generic(&words[i - 1])
                        || is_cited_source(words, i - 1)
                        || is_intensifier(words, i - 1)
                    {
                        continue;
                    }
                    Concept {
                        words: words[i - 1].clone(),
                        alternatives: vec![vec![stems[i - 1].clone()]],
                    }
                }
            };
            if !concept.alternatives.is_empty()
                && !out.iter().any(|c| c.alternatives == concept.alternatives)
            {
                out.push(concept);
            }
        }
        out
    }
}

/// Phrasal verbs whose meaning is not in their parts: "will they come back" asks whether
/// spider veins recur, which a passage saying "back to the chest" does not answer. The
/// meaning is looked up like any concept, so a document that speaks of recurring would match.
const PHRASAL: &[(&[&str], &str, &str)] = &[
    (
        &[
            "come", "comes", "coming", "came", "grow", "grows", "growing",
        ],
        "back",
        "recur",
    ),
    (&["keep", "keeps", "kept"], "coming", "recur"),
    (&["made", "consist", "consists"], "of", "ingredient"),
];

fn phrasal_meaning(words: &[String], i: usize) -> Option<&'static str> {
    let next = words.get(i + 1)?;
    PHRASAL
        .iter()
        .find(|(verbs, particle, _)| verbs.contains(&words[i].as_str()) && next == particle)
        .map(|(_, _, meaning)| *meaning)
}

/// "so much", "very much": emphasis, unlike "how much" (a price) or "too much" (an amount).
fn is_intensifier(words: &[String], i: usize) -> bool {
    words[i] == "much" && i > 0 && matches!(words[i - 1].as_str(), "so" | "very" | "that" | "as")
}

/// Verbs of reported speech: "my GP mentioned", "my mum says".
const SPEECH_VERBS: &[&str] = &[
    "says",
    "said",
    "say",
    "told",
    "tells",
    "mentioned",
    "mentions",
    "thinks",
    "thought",
    "reckons",
    "claims",
    "claimed",
    "suggested",
    "suggests",
    "recommended",
    "recommends",
    "insists",
    "swears",
    "believes",
    "explained",
];

/// A person cited as the source of a claim ("my mum says gravity causes them") is not what
/// the question is about; the claim is. "my mum had them" keeps "mum": that asks about family.
fn is_cited_source(words: &[String], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| words[j].as_str());
    let after = words.get(i + 1).map(String::as_str);
    matches!(
        before,
        Some("my" | "our" | "your" | "the" | "a" | "his" | "her" | "their")
    ) && after.is_some_and(|w| SPEECH_VERBS.contains(&w))
}

/// Stems of a synonym's value: its content words, or all of its words when every one is
/// generic ("thread-like" = "fine" must keep "fine").
fn value_stems(value: &str) -> Vec<String> {
    let words = crate::text::words(value);
    let content = content_stems(&words);
    if content.is_empty() {
        words.iter().map(|w| stem(w)).collect()
    } else {
        content
    }
}

/// Stems of the words that name something (generic words dropped).
fn content_stems(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| !is_generic(w))
        .map(|w| stem(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::config::SynonymEntry;
    use crate::text::words;

    fn index() -> SynonymIndex {
        let entry = |k: &str, v: &[&str]| SynonymEntry {
            key: k.into(),
            values: v.iter().map(|s| s.to_string()).collect(),
            line: 1,
        };
        SynonymIndex::new(&Synonyms {
            entries: vec![
                entry("hiking", &["walking"]),
                entry("thread veins", &["spider veins"]),
                entry("get rid of", &["eliminate"]),
            ],
        })
    }

    #[test]
    fn a_cited_person_is_not_a_concept_but_a_relative_with_veins_is() {
        let names = |q: &str| {
            index()
                .concepts(&words(q))
                .into_iter()
                .map(|c| c.words)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("my gp mentioned the muscle pump"), ["muscle", "pump"]);
        assert_eq!(names("my mum had spider veins"), ["mum", "spider", "veins"]);
    }

    #[test]
    fn come_back_means_recur_not_back() {
        let c = index().concepts(&words("can spider veins come back"));
        assert_eq!(c.last().unwrap().alternatives, vec![vec![stem("recur")]]);
    }

    #[test]
    fn synonym_keys_match_inflected_words() {
        let c = index().concepts(&words("Is hiking good?"));
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].alternatives,
            vec![vec![stem("hiking")], vec![stem("walking")]]
        );
    }

    #[test]
    fn phrases_win_over_single_words_and_generic_words_drop() {
        let c = index().concepts(&words("how do I get rid of my thread veins"));
        let names: Vec<_> = c.iter().map(|c| c.words.as_str()).collect();
        assert_eq!(names, ["get rid of", "thread veins"]);
        assert_eq!(c[1].alternatives, vec![vec![stem("spider"), stem("veins")]]);
    }
}
