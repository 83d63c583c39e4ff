//! General knowledge of English, made once by `tools/gen_english_data.py` from WordNet 3.0 and
//! wordfreq and shipped as `english.tsv`: how common each word is (so a missing "available"
//! cannot veto an answer while a missing "sauna" does), and the words related to it (so a
//! passage saying "itching" covers a question saying "itchy"). Nothing here knows the clinic.

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

use serde::Serialize;

static DATA: &str = include_str!("english.tsv");

/// How a word relates to a question's word. Each counts for less than the word itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// A base form: "rode" -> "ride", "feet" -> "foot".
    Base,
    /// A derivation: "itchy" -> "itch", "medication" -> "medicate".
    Derived,
    /// Shares the word's most frequent sense: "bike" -> "bicycle", "hurt" -> "pain".
    Synonym,
    /// The same thing in a clinic's sense of the word, which is not its everyday one:
    /// "operation" -> "procedure", "tablets" -> "medicines" (see
    /// [`crate::text::lexicon::clinic_sense`]).
    Clinic,
    /// A similar adjective or a pertainym: "permanent" -> "lasting".
    Similar,
    /// One step up the hierarchy: "yoga" -> "exercise", "jogging" -> "running".
    Broader,
    /// The whole a body part belongs to: "thigh" -> "leg", "cheek" -> "face". A passage about
    /// the legs speaks to a question about the thighs.
    Whole,
    /// A part of it: "leg" -> "thigh". A passage about the thighs does not answer a question
    /// about the legs, so the engine does not use these.
    Part,
    /// Close in meaning by static word vectors, where WordNet has no link: "socks" ~
    /// "stockings", "hurt" ~ "pain".
    Close,
    /// One step down: "exercise" -> "yoga". A passage about the narrower thing does not
    /// answer a question about the broader one, so the engine does not use these.
    Narrower,
}

impl Relation {
    fn from_code(c: &str) -> Option<Relation> {
        Some(match c {
            "b" => Relation::Base,
            "d" => Relation::Derived,
            "s" => Relation::Synonym,
            "a" => Relation::Similar,
            "u" => Relation::Broader,
            "v" => Relation::Close,
            "p" => Relation::Whole,
            "w" => Relation::Part,
            "n" => Relation::Narrower,
            _ => return None,
        })
    }

    /// How much a passage saying the related word speaks to the question's word (the word
    /// itself is 1). A derivation keeps the meaning; a synonym usually does; a broader or
    /// narrower word only partly.
    pub fn strength(self) -> f32 {
        match self {
            Relation::Base => 1.0,
            Relation::Derived => 0.9,
            Relation::Synonym => 0.75,
            Relation::Clinic => 0.75,
            Relation::Similar => 0.6,
            Relation::Broader => 0.5,
            Relation::Close => 0.5,
            Relation::Whole => 0.6,
            Relation::Part => 0.0,
            Relation::Narrower => 0.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Relation::Base => "base form",
            Relation::Derived => "derived form",
            Relation::Synonym => "synonym",
            Relation::Clinic => "in a clinic's sense",
            Relation::Similar => "similar word",
            Relation::Broader => "broader word",
            Relation::Close => "close in meaning",
            Relation::Whole => "the whole it is part of",
            Relation::Part => "a part of it",
            Relation::Narrower => "narrower word",
        }
    }
}

/// The data lines after the header, sorted by bytes as the generator writes them.
fn body() -> &'static str {
    static BODY: OnceLock<&'static str> = OnceLock::new();
    BODY.get_or_init(|| {
        let start: usize = DATA
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.len() + 1)
            .sum();
        &DATA[start.min(DATA.len())..]
    })
}

/// The data lines, indexed for lookup: where each line starts (4 bytes a word), and for each
/// pair of first two bytes the first line at or after it, so that a lookup searches only
/// the lines of its own two letters (a few dozen, in nearby memory) instead of all 100,000:
/// seven probes instead of seventeen. Built on first use in about a millisecond; 256 KB.
struct Lines {
    starts: Vec<u32>,
    /// `by_pair[k]`: the first line whose first two bytes, big-endian, are at least `k`.
    /// A one-letter word's second byte is its tab, so it sorts first, as it does in the file.
    by_pair: Vec<u32>,
}

/// The first two bytes of a line or word, with the tab that ends a one-letter word.
fn pair_key(bytes: &[u8]) -> usize {
    let first = bytes.first().copied().unwrap_or(0) as usize;
    let second = bytes.get(1).copied().unwrap_or(b'\t') as usize;
    first << 8 | second
}

fn lines() -> &'static Lines {
    static LINES: OnceLock<Lines> = OnceLock::new();
    LINES.get_or_init(|| {
        let text = body().as_bytes();
        let mut starts = Vec::with_capacity(100_000);
        let mut at = 0;
        while at < text.len() {
            // The data is a few megabytes, far below u32::MAX.
            starts.push(at as u32);
            at += text[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len() - at, |p| p + 1);
        }
        // Lines are sorted by bytes (a test checks it), so their keys never decrease.
        let mut by_pair = vec![starts.len() as u32; (1 << 16) + 1];
        for (i, &start) in starts.iter().enumerate().rev() {
            by_pair[pair_key(&text[start as usize..])] = i as u32;
        }
        for k in (0..1 << 16).rev() {
            by_pair[k] = by_pair[k].min(by_pair[k + 1]);
        }
        Lines { starts, by_pair }
    })
}

/// What the data says of one listed word, read in one lookup: for callers that ask several
/// things of the same word (a question's concept asks four).
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// Zipf frequency times ten, as written.
    zipf: &'static str,
    /// Part of speech of most senses: n, v, a, r, or p for a name.
    pos: &'static str,
    rels: &'static str,
}

impl Facts {
    /// See [`zipf`].
    pub fn zipf(&self) -> Option<f32> {
        self.zipf.parse::<u16>().ok().map(|z| f32::from(z) / 10.0)
    }

    /// See [`mostly_noun`].
    pub fn mostly_noun(&self) -> bool {
        self.pos == "n"
    }

    /// See [`is_name`].
    pub fn is_name(&self) -> bool {
        self.pos == "p"
    }

    /// See [`mostly_adverb`].
    pub fn mostly_adverb(&self) -> bool {
        self.pos == "r"
    }

    /// See [`mostly_adjective`].
    pub fn mostly_adjective(&self) -> bool {
        self.pos == "a"
    }
}

/// The facts of a listed word, from its line.
pub fn facts(word: &str) -> Option<Facts> {
    // The line is the word, then its fields, each after a tab: the word's own length skips it,
    // and the relations are the last field, the rest of the line (often a hundred bytes).
    let rest = line(word)?.get(word.len() + 1..).unwrap_or("");
    let (zipf, rest) = field(rest);
    let (pos, rels) = field(rest);
    Some(Facts { zipf, pos, rels })
}

/// The first tab-separated field of `text`, and the text after its tab. A byte loop rather
/// than `split`: the fields are a few bytes, and memchr's setup cost more than the search
/// when every concept of every question looks up its facts.
fn field(text: &'static str) -> (&'static str, &'static str) {
    match text.bytes().position(|b| b == b'\t') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    }
}

/// The data line of a listed word: a binary search over the sorted lines of the shipped text
/// itself, among those that begin with the word's first two bytes.
fn line(word: &str) -> Option<&'static str> {
    let body = body();
    let Lines { starts, by_pair } = lines();
    let line_at = |i: usize| {
        let start = starts[i] as usize;
        let end = starts.get(i + 1).map_or(body.len(), |e| *e as usize);
        body[start..end].trim_end_matches('\n')
    };
    // A line's word against `word`, byte by byte up to the tab, without slicing the line:
    // the same order as comparing the two strings.
    let bytes = body.as_bytes();
    let compare = |i: usize| {
        let mut at = starts[i] as usize;
        for &b in word.as_bytes() {
            match bytes.get(at) {
                Some(b'\t' | b'\n') | None => return std::cmp::Ordering::Less,
                Some(&k) if k != b => return k.cmp(&b),
                _ => at += 1,
            }
        }
        match bytes.get(at) {
            Some(b'\t' | b'\n') | None => std::cmp::Ordering::Equal,
            Some(_) => std::cmp::Ordering::Greater,
        }
    };
    let key = pair_key(word.as_bytes());
    let (mut lo, mut hi) = (by_pair[key] as usize, by_pair[key + 1] as usize);
    let i = loop {
        if lo >= hi {
            return None;
        }
        let mid = lo + (hi - lo) / 2;
        match compare(mid) {
            std::cmp::Ordering::Equal => break mid,
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    };
    Some(line_at(i))
}

/// True when most senses of the word are a noun's ("men", "age", "cost"): a common noun
/// still names what a question is about, where a common adjective ("available") does not.
pub fn mostly_noun(word: &str) -> bool {
    facts(word).is_some_and(|f| f.mostly_noun())
}

/// True for a part of the body ("pelvis", "calf", "groin"): a word the data lists with the
/// whole it belongs to or with parts of its own, which it does for body parts only.
pub fn is_body_part(word: &str) -> bool {
    facts(word)
        .is_some_and(|f| parse(f.rels).any(|(_, r)| matches!(r, Relation::Whole | Relation::Part)))
}

/// True for a name: a word whose every sense is an instance ("spain", "florida", "monday").
pub fn is_name(word: &str) -> bool {
    facts(word).is_some_and(|f| f.is_name())
}

/// True for a word mostly used as an adverb ("perfectly", "overnight").
pub fn mostly_adverb(word: &str) -> bool {
    facts(word).is_some_and(|f| f.mostly_adverb())
}

/// True when most senses of the word are an adjective's ("puffy", "swollen").
pub fn mostly_adjective(word: &str) -> bool {
    facts(word).is_some_and(|f| f.mostly_adjective())
}

/// True for a word English uses often enough to be listed (Zipf 2 or more).
pub fn is_listed(word: &str) -> bool {
    facts(word).is_some()
}

/// The word's Zipf frequency: log10 of its uses per billion words of English ("the" 7.7,
/// "available" 5.3, "sauna" 3.2). An inflected form counts as often as its base. `None` for
/// a word too rare to be listed (under 2.0), which is as specific as a word gets.
pub fn zipf(word: &str) -> Option<f32> {
    facts(word)?.zipf()
}

/// Every listed word at least this common in English (Zipf, see [`zipf`]), in the data's order.
pub fn common_words(min_zipf: f32) -> impl Iterator<Item = &'static str> {
    let body = body();
    // From where each line starts (the lines are already indexed): reading the body line by
    // line again would cost more than the stemming this is for.
    lines().starts.iter().filter_map(move |&start| {
        let (word, rest) = field(&body[start as usize..]);
        let zipf = field(rest).0.parse::<u16>().ok()?;
        (f32::from(zipf) / 10.0 >= min_zipf).then_some(word)
    })
}

/// Words related to `word`, with how, including those of its base forms ("riding" -> those
/// of "ride"). Empty for a word the data does not know.
pub fn related(word: &str) -> Vec<(&'static str, Relation)> {
    let mut out = Vec::new();
    let Some(Facts { rels, .. }) = facts(word) else {
        return out;
    };
    let mut bases = Vec::new();
    for (w, rel) in parse(rels) {
        if rel == Relation::Base {
            bases.push(w);
        }
        out.push((w, rel));
    }
    for base in bases {
        if let Some(Facts { rels, .. }) = facts(base) {
            out.extend(parse(rels).filter(|(w, _)| *w != word));
        }
    }
    if let Some(root) = suffix_root(word)
        && !out.iter().any(|(w, _)| *w == root)
    {
        out.push((root, Relation::Derived));
    }
    out
}

/// Suffixes WordNet leaves unlinked: "painless" and "painful" are derived from "pain",
/// "tenderness" from "tender".
const SUFFIXES: &[&str] = &["lessly", "fully", "less", "ful", "ness"];

/// The listed word a word is made from by one of [`SUFFIXES`] ("painless" -> "pain"), if the
/// rest is a word of three letters or more ("unless" is not "un" + "less").
fn suffix_root(word: &str) -> Option<&'static str> {
    SUFFIXES.iter().find_map(|suffix| {
        let rest = word.strip_suffix(suffix)?;
        if rest.len() < 3 {
            return None;
        }
        // The data's own copy of the word, which lives as long as the program.
        line(rest)?.split('\t').next()
    })
}

/// The base forms of an inflected word ("rode" -> "ride"); empty for a base form.
pub fn bases(word: &str) -> Vec<&'static str> {
    // Most words a question asks this of are base forms ("the", "my", "leg"): one hash lookup
    // instead of a search of the data.
    if !inflected().contains(word) {
        return Vec::new();
    }
    facts(word)
        .into_iter()
        .flat_map(|f| parse(f.rels))
        .filter(|(_, r)| *r == Relation::Base)
        .map(|(w, _)| w)
        .collect()
}

/// The words whose data lists a base form: the generator writes a word's relations
/// strongest kind first, so a base form, where there is one, is the first relation.
fn inflected() -> &'static HashSet<&'static str> {
    static INFLECTED: OnceLock<HashSet<&'static str>> = OnceLock::new();
    INFLECTED.get_or_init(|| {
        body()
            .lines()
            .filter_map(|line| {
                let mut fields = line.splitn(4, '\t');
                let word = fields.next()?;
                let first = fields.nth(2)?.split(' ').next()?;
                first.ends_with(":b").then_some(word)
            })
            .collect()
    })
}

/// The `word:kind` items of a relations field, as both data files write them.
pub(crate) fn parse(rels: &'static str) -> impl Iterator<Item = (&'static str, Relation)> {
    rels.split(' ').filter_map(|item| {
        let (w, code) = item.rsplit_once(':')?;
        Some((w, Relation::from_code(code)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`bases`] looks only at words whose first relation is a base form.
    #[test]
    fn base_forms_come_first_in_every_line() {
        for line in body().lines() {
            let rels = line.splitn(4, '\t').nth(3).unwrap_or("");
            let kinds: Vec<&str> = rels
                .split(' ')
                .filter_map(|r| r.rsplit_once(':'))
                .map(|(_, k)| k)
                .collect();
            let first_other = kinds.iter().position(|k| *k != "b").unwrap_or(kinds.len());
            assert!(kinds[first_other..].iter().all(|k| *k != "b"), "{line}");
        }
        assert_eq!(bases("rode"), ["ride"]);
        assert!(bases("ride").is_empty() && bases("the").is_empty());
    }

    #[test]
    fn the_data_is_sorted_for_binary_search_and_every_word_is_found() {
        let keys: Vec<&str> = body()
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert!(keys.len() > 50_000);
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        // Every one, through the index by first two bytes.
        for k in &keys {
            assert!(facts(k).is_some(), "{k}");
        }
    }

    /// The engine stems only the related words that begin like the stem it looks for.
    #[test]
    fn stemming_keeps_the_first_letter_of_every_word() {
        for line in body().lines() {
            let mut fields = line.split('\t');
            let word = fields.next().unwrap();
            let rels = fields.nth(2).unwrap_or("");
            for w in std::iter::once(word).chain(parse(rels).map(|(w, _)| w)) {
                let stem = crate::text::stem(w);
                assert_eq!(stem.chars().next(), w.chars().next(), "{w} -> {stem}");
            }
        }
    }

    #[test]
    fn common_words_are_more_frequent_than_specific_ones() {
        let z = |w| zipf(w).unwrap();
        assert!(z("new") > z("available"));
        assert!(z("available") > z("shave"));
        assert!(z("shave") > z("sauna"));
        assert!(zipf("telangiectasias").is_none_or(|z| z < 2.5));
        assert!(zipf("xqzv").is_none());
    }

    #[test]
    fn words_made_with_an_ending_wordnet_leaves_unlinked_relate_to_their_root() {
        assert!(related("painless").contains(&("pain", Relation::Derived)));
        assert!(related("tenderness").contains(&("tender", Relation::Derived)));
        assert!(!related("unless").iter().any(|(w, _)| *w == "un"));
    }

    #[test]
    fn related_words_come_with_their_relation() {
        let has = |w: &str, r: &str, rel: Relation| related(w).contains(&(r, rel));
        assert!(has("itchy", "itch", Relation::Derived));
        assert!(has("medication", "medicine", Relation::Synonym));
        assert!(has("bike", "bicycle", Relation::Synonym));
        assert!(has("riding", "ride", Relation::Base));
        assert!(bases("rode").contains(&"ride"));
        assert!(related("xqzv").is_empty());
    }

    #[test]
    fn word_vectors_add_what_wordnet_misses_but_never_opposites() {
        let has = |w: &str, r: &str| related(w).iter().any(|(x, _)| *x == r);
        assert!(related("socks").contains(&("stockings", Relation::Close)));
        assert!(related("stockings").contains(&("socks", Relation::Close)));
        assert!(related("hurt").contains(&("pain", Relation::Close)));
        assert!(related("fly").contains(&("flight", Relation::Close)));
        // Vectors put opposites side by side; the generator drops them.
        assert!(!has("strongest", "weaker"));
        assert!(!has("safely", "unsafe"));
        assert!(!has("appeared", "disappeared"));
        // Nor words alike only in their spelling ("tights" is not "tightrope").
        assert!(!has("tights", "tightrope"));
    }

    #[test]
    fn body_parts_know_their_whole_but_not_the_body() {
        assert!(related("thigh").contains(&("leg", Relation::Whole)));
        assert!(related("cheek").contains(&("face", Relation::Whole)));
        assert!(related("leg").contains(&("knee", Relation::Part)));
        assert!(!related("chest").iter().any(|(w, _)| *w == "body"));
    }
}
