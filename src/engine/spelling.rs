//! Conservative spelling correction against the knowledge's own vocabulary (documents and
//! synonym keys): "sclerotheraphy" -> "sclerotherapy", but a real English word is never
//! changed into another ("slim" stays "slim"; the caller checks that before asking).

use strsim::{jaro_winkler, osa_distance};

/// The words corrections may land on, with how often each occurs.
#[derive(Debug, Clone, Default)]
pub struct Speller {
    words: Vec<(String, u32)>,
    /// Letter counts of each word, to skip most candidates before the edit distance.
    letters: Vec<[u8; 27]>,
    /// Length of each word in characters.
    lens: Vec<usize>,
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

impl Speller {
    pub fn new(mut words: Vec<(String, u32)>) -> Speller {
        words.retain(|(w, _)| w.chars().count() >= 4);
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let letters = words.iter().map(|(w, _)| letter_counts(w)).collect();
        let lens = words.iter().map(|(w, _)| w.chars().count()).collect();
        Speller {
            words,
            letters,
            lens,
        }
    }

    /// The vocabulary word `word` is most likely a typo of, if one is close enough. Ties go to
    /// the same first letter, then the more frequent word, then Jaro-Winkler similarity.
    pub fn correct(&self, word: &str) -> Option<&str> {
        let len = word.chars().count();
        let max = max_edits(len)?;
        let first = word.chars().next()?;
        let mut best: Option<(usize, bool, u32, f64, &str)> = None;
        let counts = letter_counts(word);
        for (((candidate, freq), letters), &clen) in
            self.words.iter().zip(&self.letters).zip(&self.lens)
        {
            if clen.abs_diff(len) > max {
                continue;
            }
            let same_first = candidate.starts_with(first);
            // Short words: only with the same first letter (typos rarely hit the first one,
            // and "cost" must not become "most").
            if !same_first && len < 7 {
                continue;
            }
            let differ: usize = counts
                .iter()
                .zip(letters)
                .map(|(a, b)| a.abs_diff(*b) as usize)
                .sum();
            if differ > 2 * max {
                continue;
            }
            let d = osa_distance(word, candidate);
            if d == 0 || d > max {
                continue;
            }
            let key = (
                d,
                !same_first,
                u32::MAX - freq,
                -jaro_winkler(word, candidate),
                candidate.as_str(),
            );
            let better = match &best {
                None => true,
                Some(b) => {
                    (key.0, key.1, key.2) < (b.0, b.1, b.2)
                        || ((key.0, key.1, key.2) == (b.0, b.1, b.2) && key.3 < b.3)
                }
            };
            if better {
                best = Some(key);
            }
        }
        best.map(|b| b.4)
    }
}

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
    fn distant_or_short_words_are_left_alone() {
        let s = speller();
        assert_eq!(s.correct("slim"), None);
        assert_eq!(s.correct("cost"), None);
        assert_eq!(s.correct("sauna"), None);
        assert_eq!(s.correct("leg"), None);
    }
}
