//! Conservative spelling correction against the knowledge's own vocabulary (documents and
//! synonym keys): "sclerotheraphy" -> "sclerotherapy", but a real English word is never
//! changed into another ("slim" stays "slim": [`Vocabulary::correction`] checks that before
//! asking the [`Speller`]).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use strsim::{jaro_winkler, osa_distance};

use super::corpus::CorpusStats;
use crate::knowledge::Synonyms;
use crate::text::{self, lexicon};

/// The words the documents and synonym keys use (never "corrected"), and the speller that
/// turns a typo into one of them.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    speller: Speller,
}

impl Vocabulary {
    /// From the documents' words as written, with how often each occurs, and the synonym keys.
    pub fn build(mut surface: HashMap<String, u32>, synonyms: &Synonyms) -> Vocabulary {
        for e in &synonyms.entries {
            for w in text::words(&e.key) {
                surface.entry(w).or_default();
            }
        }
        let words: HashSet<String> = surface.keys().cloned().collect();
        // Generic words are correction targets too ("wiht" -> "with"), ranked below the
        // documents' own words, so a typo never hides behind one.
        let mut targets: Vec<(String, u32)> =
            surface.into_iter().map(|(w, n)| (w, n + 1)).collect();
        targets.extend(
            lexicon::generic_words()
                .filter(|w| !words.contains(*w))
                .map(|w| (w.to_string(), 0)),
        );
        Vocabulary {
            words,
            speller: Speller::new(targets),
        }
    }

    /// The documents or a synonym key use this word.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The word is known, or a typo of a known word: not to be split in two ("sclerotherpy").
    pub fn knows_or_corrects(&self, word: &str) -> bool {
        self.contains(word) || self.speller.correct(word).is_some()
    }

    /// The vocabulary word a typo stands for; `None` for words that are known or real English.
    pub fn correction(&self, word: &str, corpus: &CorpusStats) -> Option<String> {
        if word.chars().count() < 4
            || !word.chars().all(|c| c.is_ascii_alphabetic())
            || self.contains(word)
            || lexicon::is_generic(word)
            || lexicon::is_english_word(word)
            || corpus.knows(&text::stem(word))
            || text::english::is_name(word)
        {
            return None;
        }
        self.speller.correct(word).map(str::to_string)
    }
}

/// The words corrections may land on, with how often each occurs.
#[derive(Debug, Clone, Default)]
pub struct Speller {
    words: Vec<(String, u32)>,
    /// Letter counts of each word, to skip most candidates before the edit distance.
    letters: Vec<[u8; 27]>,
    /// Which letters each word has, a bit each ([`letter_set`]): a one-instruction first
    /// test before the counts.
    letter_sets: Vec<u32>,
    /// First character of each word.
    first: Vec<char>,
    /// Word numbers by length in characters, each list in word order.
    by_len: Vec<Vec<u32>>,
    /// The same, by length and then first character: a short word is only corrected to one
    /// with its own first letter, and scanning every word of its length for those was most
    /// of the time a message in another language took, word after unknown word.
    by_len_first: Vec<HashMap<char, Vec<u32>>>,
}

/// Counts of a-z (anything else in the last slot). One edit changes these counts by at most
/// two, so words whose counts differ by more than twice the allowed edits cannot match.
fn letter_counts(word: &str) -> [u8; 27] {
    let mut counts = [0u8; 27];
    for c in word.chars() {
        let i = if c.is_ascii_lowercase() {
            (c as u8 - b'a') as usize
        } else {
            26
        };
        counts[i] = counts[i].saturating_add(1);
    }
    counts
}

/// The letters a word has, from its [`letter_counts`]: bit `i` for letter `i`.
fn letter_set(counts: &[u8; 27]) -> u32 {
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .fold(0, |set, (i, _)| set | 1 << i)
}

/// How a candidate ranks: fewer edits, then the same first letter, then the more frequent
/// word, then Jaro-Winkler similarity; on a full tie, the word first in alphabetical order.
struct Rank {
    edits: usize,
    other_first: bool,
    rarity: u32,
    similarity: f64,
    index: u32,
}

impl Rank {
    fn better_than(&self, other: &Rank) -> bool {
        let a = (self.edits, self.other_first, self.rarity);
        let b = (other.edits, other.other_first, other.rarity);
        if a != b {
            return a < b;
        }
        if self.similarity != other.similarity {
            return self.similarity > other.similarity;
        }
        self.index < other.index
    }
}

impl Speller {
    pub fn new(mut words: Vec<(String, u32)>) -> Speller {
        words.retain(|(w, _)| w.chars().count() >= 4);
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let letters: Vec<[u8; 27]> = words.iter().map(|(w, _)| letter_counts(w)).collect();
        let letter_sets = letters.iter().map(letter_set).collect();
        let first: Vec<char> = words
            .iter()
            .map(|(w, _)| w.chars().next().unwrap_or(' '))
            .collect();
        let mut by_len: Vec<Vec<u32>> = Vec::new();
        for (i, (w, _)) in words.iter().enumerate() {
            let len = w.chars().count();
            if by_len.len() <= len {
                by_len.resize(len + 1, Vec::new());
            }
            by_len[len].push(i as u32);
        }
        let by_len_first = by_len
            .iter()
            .map(|list| {
                let mut m: HashMap<char, Vec<u32>> = HashMap::default();
                for &i in list {
                    m.entry(first[i as usize]).or_default().push(i);
                }
                m
            })
            .collect();
        Speller {
            words,
            letters,
            letter_sets,
            first,
            by_len,
            by_len_first,
        }
    }

    /// The vocabulary word `word` is most likely a typo of, if one is close enough. Ties go to
    /// the same first letter, then the more frequent word, then Jaro-Winkler similarity.
    pub fn correct(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let max = max_edits(len)?;
        let first = word.chars().next()?;
        let mut best: Option<Rank> = None;
        let counts = letter_counts(word);
        let set = letter_set(&counts);
        let lens = len.saturating_sub(max)..=(len + max).min(self.by_len.len().saturating_sub(1));
        // Short words: only with the same first letter (typos rarely hit the first one, and
        // "cost" must not become "most").
        let candidates = lens.flat_map(|l| -> &[u32] {
            if len < 7 {
                self.by_len_first[l].get(&first).map_or(&[], Vec::as_slice)
            } else {
                &self.by_len[l]
            }
        });
        for &i in candidates {
            let i = i as usize;
            let same_first = self.first[i] == first;
            // Each edit adds or removes at most two letters from the set of letters a word
            // has (a substitution one of each), so sets further apart than that are further
            // than `max` edits: most of the vocabulary goes here.
            if (set ^ self.letter_sets[i]).count_ones() as usize > 2 * max {
                continue;
            }
            let differ: usize = counts
                .iter()
                .zip(&self.letters[i])
                .map(|(a, b)| a.abs_diff(*b) as usize)
                .sum();
            if differ > 2 * max {
                continue;
            }
            let (candidate, freq) = &self.words[i];
            let d = osa_distance(word, candidate);
            if d == 0 || d > max {
                continue;
            }
            let rank = Rank {
                edits: d,
                other_first: !same_first,
                rarity: u32::MAX - freq,
                similarity: jaro_winkler(word, candidate),
                index: i as u32,
            };
            if best.as_ref().is_none_or(|b| rank.better_than(b)) {
                best = Some(rank);
            }
        }
        match best {
            Some(b) => Some(self.words[b.index as usize].0.as_str()),
            None => self.completion(word),
        }
    }

    /// The word a long one breaks off from ("dermatolog" -> "dermatologist", "telangiect"
    /// -> "telangiectasia"): a typo no edit distance reaches, as a thumb stops typing early.
    /// Only beginnings of [`MIN_PREFIX_LEN`] letters or more, at most [`MAX_MISSING`] letters
    /// short, and only to a word the documents use (a generic word only where they use it
    /// too); the most frequent of them, and on a tie the first in order.
    fn completion(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        if len < MIN_PREFIX_LEN {
            return None;
        }
        // The words are sorted: those starting with `word` follow one another.
        let from = self.words.partition_point(|(w, _)| w.as_str() < word);
        self.words[from..]
            .iter()
            .take_while(|(w, _)| w.starts_with(word))
            .filter(|(w, freq)| *freq > 0 && w.len() > word.len())
            .filter(|(w, _)| w.chars().count() <= len + MAX_MISSING)
            .fold(None, |best: Option<&(String, u32)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })
            .map(|(w, _)| w.as_str())
    }
}

/// How long a beginning must be to be read as a longer word (see [`Speller::completion`]):
/// shorter ones ("compr", "derma") fit too many words, and the leaflets' long words are what
/// patients cut short.
const MIN_PREFIX_LEN: usize = 8;

/// How many letters a word may lack at its end and still be read as the longer word:
/// "dermatolog" lacks three of "dermatologist".
const MAX_MISSING: usize = 4;

/// Edits allowed for a word of `len` letters: none below 4, one up to 7, two from 8 (measured
/// on typical patient typos: "vien", "lazer", "excercise", "telangectasia").
fn max_edits(len: usize) -> Option<usize> {
    match len {
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller() -> Speller {
        let words = [
            "sclerotherapy",
            "exercise",
            "telangiectasias",
            "laser",
            "veins",
            "vein",
            "skin",
            "most",
            "walking",
        ];
        Speller::new(words.iter().map(|w| (w.to_string(), 1)).collect())
    }

    #[test]
    fn common_typos_are_fixed() {
        let s = speller();
        assert_eq!(s.correct("sclerotheraphy"), Some("sclerotherapy"));
        assert_eq!(s.correct("excercise"), Some("exercise"));
        assert_eq!(s.correct("telangectasia"), Some("telangiectasias"));
        assert_eq!(s.correct("lazer"), Some("laser"));
        assert_eq!(s.correct("vien"), Some("vein"));
    }

    #[test]
    fn a_word_cut_short_is_the_word_it_starts() {
        let s = Speller::new(vec![
            ("dermatologist".to_string(), 3),
            ("compression".to_string(), 5),
            ("compressions".to_string(), 1),
            // A generic word (frequency 0) is never the word meant.
            ("therapeutically".to_string(), 0),
        ]);
        assert_eq!(s.correct("dermatolog"), Some("dermatologist"));
        assert_eq!(s.correct("compressio"), Some("compression"));
        assert_eq!(s.correct("therapeut"), None);
        // Too short to say which word it starts, or cut too far.
        assert_eq!(s.correct("dermat"), None);
        assert_eq!(s.correct("compres"), None);
    }

    #[test]
    fn distant_or_short_words_are_left_alone() {
        let s = speller();
        assert_eq!(s.correct("slim"), None);
        assert_eq!(s.correct("cost"), None);
        assert_eq!(s.correct("sauna"), None);
        assert_eq!(s.correct("leg"), None);
    }
}
