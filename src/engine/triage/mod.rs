//! Urgent triage: does the question describe a warning sign from `red-flags.toml`? Runs before
//! anything else, on the patient's own words, forgiving small typos in unfamiliar words.

use rustc_hash::FxHashMap as HashMap;
use strsim::osa_distance;
use unicode_normalization::UnicodeNormalization;

use crate::knowledge::RedFlags;
use crate::text::english;
use crate::text::lexicon::{is_english_word, is_generic};

mod forms;
mod senses;
mod tense;

pub use forms::without_denied_items;

use senses::{negated, not_the_sign};
use tense::not_now;

/// A word without its accents: "páin" -> "pain", "hinchazón" -> "hinchazon". Rules and
/// questions are compared this way, so an accent added or left out by mistake changes nothing.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// One word of a rule's word list: a word or a `prefix*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Pattern {
    /// With its letter counts, to rule out most typo matches before the edit distance
    /// (phrases compare each of their words with every unfamiliar word of a question).
    Word(String, Letters),
    Prefix(String),
}

impl Pattern {
    fn word(w: String) -> Pattern {
        let letters = Letters::of(&w);
        Pattern::Word(w, letters)
    }
}

#[derive(Debug, Clone)]
struct Rule {
    id: String,
    name: String,
    /// Numbers of groups in [`Triage::groups`]: one of each must match.
    all: Vec<u32>,
    /// The number of the group that cancels the rule.
    unless: u32,
}

/// The red-flag rules, compiled for matching. Each distinct word or prefix, alone or in a
/// phrase, is stored once and looked up once per question; the words found mark the lists
/// (groups) that name them on their own, so a rule is judged by a few flags instead of by
/// going through its lists, hundreds of words a question. A phrase is read word by word only
/// when a rule needs it and every one of its words is in the question: most of the phrases
/// ("short of breath") never are, and reading each at every place of every question was most
/// of triage's time.
#[derive(Debug, Clone)]
pub struct Triage {
    rules: Vec<Rule>,
    /// Every distinct word and prefix of the rules' lists.
    patterns: Vec<Pattern>,
    /// Every distinct phrase of the rules' lists, as numbers in [`Triage::patterns`].
    phrases: Vec<Box<[u32]>>,
    /// The rules' lists (`all`'s and `unless`): the numbers of their phrases. Their words of
    /// their own are found through [`Triage::groups_of`].
    groups: Vec<Vec<u32>>,
    /// Per pattern: the groups that list it as an entry of its own.
    groups_of: Vec<Vec<u32>>,
    /// Word patterns by their word, and prefix patterns by their prefix.
    words: HashMap<String, u32>,
    prefixes: HashMap<String, u32>,
    /// Patterns long enough to forgive a typo in: words by length in bytes, and prefixes;
    /// each list sorted by first byte (see [`same_first`]).
    fuzzy_words: Vec<Vec<Fuzzy>>,
    fuzzy_prefixes: Vec<Fuzzy>,
}

/// The patterns the words of a question match.
struct Present {
    /// Per pattern.
    is: Vec<bool>,
    /// The numbers of those that match, in the order found.
    list: Vec<u32>,
}

impl Present {
    fn mark(&mut self, p: u32) {
        if !self.is[p as usize] {
            self.is[p as usize] = true;
            self.list.push(p);
        }
    }
}

/// A pattern that forgives typos.
#[derive(Debug, Clone)]
struct Fuzzy {
    pattern: u32,
    word: String,
    letters: Letters,
    /// See [`max_typos`].
    typos: usize,
}

impl Fuzzy {
    fn new(pattern: u32, word: &str) -> Fuzzy {
        Fuzzy {
            pattern,
            word: word.to_string(),
            letters: Letters::of(word),
            typos: max_typos(word),
        }
    }
}

/// A word of the question with what fuzzy matching may do with it.
struct Token<'a> {
    word: &'a str,
    /// Unfamiliar words (not English, not generic) of 5+ letters may be typos of a rule word;
    /// real words never are, so that "while" never matches "white".
    fuzzy: bool,
    letters: Letters,
}

/// Counts of a-z (anything else in the last slot). One edit changes these counts by at most
/// two, so words whose counts differ by more than twice the allowed edits cannot match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Letters {
    counts: [u8; 27],
    /// Which slots are not zero: a slot one word has and the other lacks adds at least one to
    /// their difference, so comparing these first rules out most words with one instruction.
    mask: u32,
}

impl Letters {
    fn of(word: &str) -> Letters {
        let mut letters = Letters::default();
        for c in word.chars() {
            letters.add(c);
        }
        letters
    }

    fn add(&mut self, c: char) {
        let i = letter_slot(c);
        self.counts[i] = self.counts[i].saturating_add(1);
        self.mask |= 1 << i;
    }

    /// The counts differ by at most `most` in all.
    fn within(&self, other: &Letters, most: usize) -> bool {
        (self.mask ^ other.mask).count_ones() as usize <= most
            && self
                .counts
                .iter()
                .zip(&other.counts)
                .map(|(x, y)| x.abs_diff(*y) as usize)
                .sum::<usize>()
                <= most
    }
}

fn letter_slot(c: char) -> usize {
    if c.is_ascii_lowercase() {
        (c as u8 - b'a') as usize
    } else {
        26
    }
}

impl Triage {
    pub fn new(red_flags: &RedFlags) -> Triage {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut pattern_numbers: HashMap<Pattern, u32> = HashMap::default();
        let mut phrases: Vec<Box<[u32]>> = Vec::new();
        let mut phrase_numbers: HashMap<Box<[u32]>, u32> = HashMap::default();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut groups_of: Vec<Vec<u32>> = Vec::new();
        let mut group = |entries: &[String]| {
            let g = groups.len() as u32;
            let mut own_phrases = Vec::new();
            for e in entries {
                let ids: Vec<u32> = compile(e)
                    .into_iter()
                    .map(|p| {
                        *pattern_numbers.entry(p.clone()).or_insert_with(|| {
                            patterns.push(p);
                            groups_of.push(Vec::new());
                            patterns.len() as u32 - 1
                        })
                    })
                    .collect();
                match *ids.as_slice() {
                    [] => {}
                    [one] => groups_of[one as usize].push(g),
                    _ => {
                        let ids = ids.into_boxed_slice();
                        own_phrases.push(*phrase_numbers.entry(ids.clone()).or_insert_with(|| {
                            phrases.push(ids);
                            phrases.len() as u32 - 1
                        }));
                    }
                }
            }
            groups.push(own_phrases);
            g
        };
        let rules = red_flags
            .rules
            .iter()
            .map(|r| Rule {
                id: r.id.clone(),
                name: r.name.clone(),
                all: r.all.iter().map(|g| group(g)).collect(),
                unless: group(&r.unless),
            })
            .collect();
        let mut words: HashMap<String, u32> = HashMap::default();
        let mut prefixes: HashMap<String, u32> = HashMap::default();
        let mut fuzzy_words: Vec<Vec<Fuzzy>> = Vec::new();
        let mut fuzzy_prefixes = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let n = i as u32;
            match p {
                Pattern::Word(w, _) => {
                    words.insert(w.clone(), n);
                    if w.len() >= 5 {
                        if fuzzy_words.len() <= w.len() {
                            fuzzy_words.resize(w.len() + 1, Vec::new());
                        }
                        fuzzy_words[w.len()].push(Fuzzy::new(n, w));
                    }
                }
                Pattern::Prefix(p) => {
                    prefixes.insert(p.clone(), n);
                    if p.len() >= 5 {
                        fuzzy_prefixes.push(Fuzzy::new(n, p));
                    }
                }
            }
        }
        Triage {
            rules,
            patterns,
            phrases,
            groups,
            groups_of,
            words,
            prefixes,
            fuzzy_words: {
                // By length, then by first letter: a typo keeps the first letter, so only
                // one letter's run of each length is compared.
                for bucket in &mut fuzzy_words {
                    bucket.sort_by_key(|f| f.word.as_bytes()[0]);
                }
                fuzzy_words
            },
            fuzzy_prefixes: {
                fuzzy_prefixes.sort_by_key(|f| f.word.as_bytes()[0]);
                fuzzy_prefixes
            },
        }
    }

    /// The patterns a word of the question matches, exactly or, for an unfamiliar word,
    /// within a typo or two.
    fn match_patterns(&self, tokens: &[Token]) -> Present {
        let mut present = Present {
            is: vec![false; self.patterns.len()],
            list: Vec::new(),
        };
        for t in tokens.iter().filter(|t| !t.word.is_empty()) {
            let prefixes = t.word.char_indices().skip(1).map(|(k, _)| &t.word[..k]);
            let exact = self.words.get(t.word).into_iter().chain(
                prefixes
                    .chain([t.word])
                    .filter_map(|p| self.prefixes.get(p)),
            );
            for &p in exact {
                present.mark(p);
            }
            if !t.fuzzy {
                continue;
            }
            // Two typos at most: only words within two bytes of this one's length.
            let len = t.word.len();
            let lens = len.saturating_sub(2)..(len + 3).min(self.fuzzy_words.len());
            let first = t.word.as_bytes()[0];
            for f in lens.flat_map(|l| same_first(&self.fuzzy_words[l], first)) {
                if !present.is[f.pattern as usize]
                    && len.abs_diff(f.word.len()) <= f.typos
                    && t.letters.within(&f.letters, 2 * f.typos)
                    && osa_distance(t.word, &f.word) <= f.typos
                {
                    present.mark(f.pattern);
                }
            }
            // The letter counts of the word's beginnings, by length in bytes.
            let mut beginnings = vec![Letters::default(); len + 1];
            for (i, c) in t.word.char_indices() {
                let mut next = beginnings[i];
                next.add(c);
                for b in &mut beginnings[i + 1..=i + c.len_utf8()] {
                    *b = next;
                }
            }
            for f in same_first(&self.fuzzy_prefixes, first) {
                let prefix = f.word.as_str();
                if !present.is[f.pattern as usize]
                    && len >= prefix.len()
                    && t.word.is_char_boundary(prefix.len())
                    && beginnings[prefix.len()].within(&f.letters, 2)
                    && osa_distance(&t.word[..prefix.len()], prefix) <= 1
                {
                    present.mark(f.pattern);
                }
            }
        }
        present
    }

    /// True for a word a rule names, itself or by a prefix ("partout", "gonflée"): such a
    /// word is never read as two English words run together ("part", "out"). A prefix
    /// followed by an English word is two words all the same ("blood*" in "bloodclot").
    pub fn knows(&self, word: &str) -> bool {
        let word = fold(word);
        self.words.contains_key(word.as_str())
            || word
                .char_indices()
                .skip(1)
                .map(|(k, _)| k)
                .chain([word.len()])
                .any(|k| {
                    let rest = &word[k..];
                    self.prefixes.contains_key(&word[..k])
                        && (rest.len() < 3 || !english::zipf(rest).is_some_and(|z| z >= 3.0))
                })
    }

    /// The id of the first rule the question's words match, if any. A message that only asks
    /// in general ("can sclerotherapy cause a clot"), tells of the past ("I had a clot years
    /// ago") or denies the sign ("no pain or swelling") matches nothing, unless it also speaks
    /// of now ("... and now my calf is swollen"): when in doubt, urgent wins.
    pub fn check(&self, words: &[String]) -> Option<&str> {
        self.rule(words).map(|(id, _)| id)
    }

    /// The (id, name) of the first rule the question's words match, as [`Triage::check`].
    pub fn rule(&self, words: &[String]) -> Option<(&str, &str)> {
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        let mut negated = negated(&folded);
        for (n, a) in negated.iter_mut().zip(not_the_sign(&folded)) {
            *n |= a;
        }
        let tokens: Vec<Token> = folded
            .iter()
            .zip(&negated)
            .map(|(w, &negated)| {
                let fuzzy = !negated
                    && w.chars().count() >= 5
                    && !is_generic(w)
                    && !is_english_word(w)
                    && !NOT_TYPOS.contains(&w.as_str());
                Token {
                    word: if negated { "" } else { w },
                    fuzzy,
                    letters: if fuzzy {
                        Letters::of(w)
                    } else {
                        Letters::default()
                    },
                }
            })
            .collect();
        let present = self.match_patterns(&tokens);
        // Per group: a word of its own is in the question.
        let mut named = vec![false; self.groups.len()];
        for &p in &present.list {
            for &g in &self.groups_of[p as usize] {
                named[g as usize] = true;
            }
        }
        // Per phrase: not yet read (0), absent (1), present (2).
        let mut phrase_seen = vec![0u8; self.phrases.len()];
        let mut matches = |g: u32| {
            named[g as usize]
                || self.groups[g as usize].iter().any(|&ph| {
                    let ph = ph as usize;
                    if phrase_seen[ph] == 0 {
                        let words = &self.phrases[ph];
                        let found = words.iter().all(|&p| present.is[p as usize])
                            && matches_phrase(words, &self.patterns, &tokens);
                        phrase_seen[ph] = 1 + u8::from(found);
                    }
                    phrase_seen[ph] == 2
                })
        };
        let found = self
            .rules
            .iter()
            .find(|rule| rule.all.iter().all(|&g| matches(g)) && !matches(rule.unless));
        found
            .filter(|_| !not_now(&folded))
            .map(|r| (r.id.as_str(), r.name.as_str()))
    }
}

/// Words of medicine no English word list holds that are one or two letters from a rule
/// word, and name something else: "phlebitis" (a sore vein near the skin, which the clinic's
/// leaflets call an expected side effect) is no misspelt "phlébite", and "thrombophlebitis" no
/// misspelt "thrombosis". Their warning signs have rules of their own.
const NOT_TYPOS: &[&str] = &["phlebitis", "thrombophlebitis"];

/// "short of breath" -> three words; "swell*" -> a prefix. Contractions expand as in questions.
fn compile(entry: &str) -> Vec<Pattern> {
    let mut out = Vec::new();
    for piece in entry.split_whitespace() {
        let star = piece.ends_with('*');
        let mut ws: Vec<String> = crate::text::words(piece.trim_end_matches('*'))
            .iter()
            .map(|w| fold(w))
            .collect();
        let last = ws.pop();
        out.extend(ws.into_iter().map(Pattern::word));
        if let Some(w) = last {
            out.push(if star {
                Pattern::Prefix(w)
            } else {
                Pattern::word(w)
            });
        }
    }
    out
}

/// `phrase`: numbers in `patterns`.
fn matches_phrase(phrase: &[u32], patterns: &[Pattern], tokens: &[Token]) -> bool {
    if phrase.len() > tokens.len() {
        return false;
    }
    (0..=tokens.len() - phrase.len()).any(|start| {
        phrase
            .iter()
            .zip(&tokens[start..])
            .all(|(&p, t)| matches_word(&patterns[p as usize], t))
    })
}

/// The run of `sorted` (by first byte) whose words begin with `first`.
fn same_first(sorted: &[Fuzzy], first: u8) -> &[Fuzzy] {
    let lo = sorted.partition_point(|f| f.word.as_bytes()[0] < first);
    let hi = sorted.partition_point(|f| f.word.as_bytes()[0] <= first);
    &sorted[lo..hi]
}

/// A typo rarely changes a word's first letter, and forgiving one there lets a word of
/// another language pass for a rule word ("maillot", a swimsuit, for "caillot", a clot).
fn same_start(word: &str, rule_word: &str) -> bool {
    word.as_bytes().first() == rule_word.as_bytes().first()
}

/// A fuzzy token within the typos [`max_typos`] forgives of a rule word of 5 letters or more
/// (`letters`: the rule word's letter counts).
fn within_typos(t: &Token, w: &str, letters: &Letters) -> bool {
    w.len() >= 5
        && same_start(t.word, w)
        // Cheap first: a word longer or shorter by more than the typos allowed, or whose
        // letter counts differ by more than two a typo, cannot be within them. The edit
        // distance is most of triage's time when it runs on every phrase word.
        && t.word.len().abs_diff(w.len()) <= max_typos(w)
        && t.letters.within(letters, 2 * max_typos(w))
        && osa_distance(t.word, w) <= max_typos(w)
}

fn matches_word(p: &Pattern, t: &Token) -> bool {
    match p {
        Pattern::Word(w, letters) => t.word == w || (t.fuzzy && within_typos(t, w, letters)),
        Pattern::Prefix(prefix) => {
            t.word.starts_with(prefix.as_str())
                || (t.fuzzy
                    && same_start(t.word, prefix)
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
    fn named_suspicions_and_signs_after_a_treatment_are_urgent() {
        for q in [
            "I think I have a blood clot in my leg",
            "could this be DVT? my leg is swollen",
            "my lips and face are swelling after the injection",
            "itchy rash all over and I'm wheezing",
            "I suddenly lost the vision in one eye",
            "one side of my face is numb and my arm is weak",
            "the skin around the injection has turned white",
            "I fainted after the laser",
            "had phlebectomy yesterday and now the pain is severe",
            "had my EVLA yesterday and the pain is unbearable",
            "after my VenaSeal my foot has gone cold and white",
            "the redness is spreading and I have a fever",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn accents_joined_words_and_repeated_letters_do_not_hide_a_sign() {
        for q in [
            "chest páin",
            "coughing blóod",
            "my lég is suddenly swóllen and hot",
            "sooo swollen and hot leg",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
        let joined = crate::text::words_unjoined("chestpain", |_| false);
        assert!(Triage::new(&RedFlags::builtin()).check(&joined).is_some());
    }

    #[test]
    fn history_general_questions_and_denials_are_not_urgent() {
        for q in [
            "I had a clot years ago, does that matter for the injections",
            "can sclerotherapy cause a blood clot",
            "what are the signs of DVT",
            "no pain or swelling, just ugly veins",
            "my mum had DVT, am I at risk",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        assert_eq!(
            urgent(
                "can varicose veins cause chest pain? just curious as my uncle reckons they can"
            ),
            None
        );
        assert!(urgent("can veins cause chest pain? i just started getting it").is_some());
        // "I am at risk" and "my gran keeps saying" are not a sign happening now.
        assert_eq!(
            urgent("my mum had a clot in her lung years ago does that mean im at risk"),
            None
        );
        assert_eq!(
            urgent("my grandma keeps saying varicose veins cause clots is that true"),
            None
        );
        assert!(urgent("i had a clot years ago and i am in pain, my calf is swollen").is_some());
        // When in doubt, urgent wins: the past with a sign now.
        assert!(urgent("I had a clot years ago and now my calf is suddenly swollen").is_some());
        for q in [
            "I had a clot years ago and now my chest hurts",
            "had a DVT years ago and now i cannot get my breath",
            "can sclerotherapy cause a clot? my calf hurts and is swollen",
            "had a clot in 2019, now my leg hurts and is hot and swollen",
            "I had a DVT years ago, my calf aches and is hot",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
        for q in [
            "I've had leg ulcers for ten years and they usually heal, but this one has got bigger and it smells",
            "no pain at all, just the blood keeps coming from the sore on my shin",
            "the bruising after my first session was fine, but this time an injection spot has turned white and now it's going black",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
        for q in [
            "I had a DVT in 2015, treated for six months and I've been fine since. Can I have sclerotherapy?",
            "I've been on blood thinners since a clot in 2018, do I stop them before my consultation",
            "I fainted during a blood test when I was a teenager, will I be lying down for the injections",
            "worried I'll faint when I see the needle, what happens if I pass out during the session",
            "the bruise where they injected has gone blue and black, is that normal",
            "is it ok to drive a long way when I'm 8 months pregnant, given my sister had a clot after her baby",
            "I had a DVT 10 years ago, all fine now, can I book laser",
            "my sister had a dvt when pregnant, shes fine now, can it happen to me",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
    }

    #[test]
    fn numbing_by_the_clinic_is_not_a_numb_face() {
        for q in [
            "will they numb my face first",
            "do you use numbing cream on my face",
            "can you numb the area on my arm",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        for q in [
            "my face went numb",
            "my face feels numb since the laser",
            "a numbing feeling in my arm and face",
            "numb face and arm",
            "they numbed my leg and now my face is drooping",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn words_in_a_sense_that_is_not_a_sign_are_not_urgent() {
        for q in [
            "can i have a hot bath tonight? my legs are sore",
            "can I use a hot water bottle on my feet now the nights are cold",
            "my feet are always cold in winter, does that matter for stockings",
            "is laser ok for me, I have dark skin",
            "im black, can i have this done on my legs or is it only for pale skin",
            "can't see much difference yet after my second session, is that normal",
            "I'm pretty fit, when can I get back to running",
            "will my stockings still fit if I lose weight",
            "my leg still feels numb from the local anaesthetic, when does that wear off",
            "new spider veins have popped up on my legs, are they dangerous",
            "what colours do the stockings come in, black or skin tone",
            "this price is killing me, is there a payment plan for sclerotherapy",
            "dying to know when I can go swimming again after my injections",
            "took my breath away how much better my legs look since the treatment",
            "feeling a bit blue about how my legs look",
            "veins everywhere in my holiday photos, how do I book",
            "je suis morte de honte en maillot, c'est quoi le mieux, sclero ou laser",
            "hace 8 anos tuve una trombosis, ya estoy bien desde hace tiempo",
            "j'ai fait une embolie pulmonaire en 2019, plus aucun traitement depuis 2020",
            "my gums bleed a little when I brush my teeth, it stops straight away",
            "I always go a bit woozy at the sight of needles, can my husband come",
            "my stockings leave a faint line that is gone a few minutes after",
            "what are the dangers of the foam injection, can it make a clot",
            "my father had clot in the lung long time ago, is my risk high",
            "does running help the blood flow in my legs",
            "puffier round the eyes after face laser, lips and throat fine, no trouble breathing",
            "I panicked thinking the lump was a clot, but the nurse said it is trapped blood",
            "the ulcer is smaller every week and less painful",
            "lol i almost passed out from the price, do u do student discount",
            "my ulcer healed completely in the spring, my stockings are seven months old",
            "I have observed a faint blush of very fine red veins near the site",
            "I should be grateful if you could explain the risk of a blood clot, I have no symptoms",
            "cut my finger, bled for a minute, plaster on and it's fine. can I still have sclero tomorrow",
            "I once fainted at a blood test, can I lie down for the injections",
            "es peligroso the foam? what are the risks en general, like stroke or clots",
            "dvt signs?",
            "clot risk?",
            "white anti embolism ones?",
            "the skin on my old DVT leg is darker and a bit hard, is that part of PTS",
            "my leg feels heavy after standing, ever since my DVT 3 years ago",
            "is it worth taking an aspirin before a long flight to stop clots",
            "is it safe to go back to running after a DVT, it was over a year ago",
            "my mum had a clot in her lung 20 years ago, I feel completely fine, should I mention it",
            "will you give me a fit note for work after the procedure",
            "our company collapsed so I've lost my insurance, can I pay myself",
            "Husband reckons if he gets his blood pumping the veins round his ankles will shrink",
            "does swimming get the blood pumping in your legs",
            "my mum had her knee replaced 6 weeks ago, is she more at risk of a clot? shes 74",
            "does not drinking enough on a long journey make a blood clot more likley?",
            "had my baby 4 weeks ago, is flying riskier for clots right now?",
            "is it ok to have a couple glasses of wine on the plane or is that bad for clots",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        for q in [
            "my calf is hot and swollen, can I have a hot bath",
            "my foot has gone pale and cold after the injections",
            "pale skin on my foot since the laser and it feels cold",
            "I can't see out of my left eye since the injections",
            "she had a fit after the injection",
            "I keep pressing but blood pumping out of my ankle",
            "got up and theres blood pumping from a vein on my leg",
            "I think I have a clot, how likely is that after a long flight",
            "is it likely this is a DVT",
            "my calf is sore since the flight, could it be a clot, am I at risk",
            "worried ive got a clot in my leg, is that likely after ablation",
            "my mother 72 year, after long flight her leg is very big and painful, only one side",
            "he is having a fit",
            "he had a fit. Note that he is diabetic",
            "my leg is numb and cold after the laser",
            "my calf, it is hot and swollen since the flight",
            "it is so cold, my foot, it went white and numb",
            "my face went numb, was it the local anaesthetic",
            "there is black skin where they injected",
            "my leg is killing me since the ablation, it's hot and swollen",
            "she's slurring like she's had a bottle of wine and her arm is floppy",
            "my left calf is like a balloon since yesterday and it kills when i walk",
            "feels like an elephant sitting on my chest",
            "scratched an itch on my ankle and now it's gushing",
            "he suddenly doesn't know where he is and his smile is crooked",
            "mum past out in the car park and now shes on the floor wont wake up properly",
            "leg cold and blue below the knee after vein op wont warm up",
            "injection site black patch spreading",
            "i think ive got a blood clock in my leg right now",
            "tengo el pie helado y morado, me las quite hace media hora y sigue igual",
            "dopo l'ablazione laser ho un dolore fortissimo alla coscia",
            "seit heut morgen krieg ich kaum luft und hab grad blut abgehustet",
            "since last night the pain under my compression wrap is the worst it has ever been, painkillers do nothing",
            "after my ovarian vein coiling yesterday the pain is unbearable",
            "had laser on the veins on my face, now blisters are coming up and the skin looks white",
            "the bleeding has not stopped for an hour",
            "ok so now my tongue feels thick and its hard to swallow",
            "no, the bleeding hasnt stopped, the dressing is soaked",
            "also a blister has come up right on the injection site",
            "no the pain isnt easing, its a 10 out of 10 since the laser",
            "my face is puffing up after the laser and its getting harder to swallow",
            "had sclero this morning and my leg is in agony",
            "my wife fall down in the kitchen, she lost the consciousness for one minute",
            "the vein on my ankle exploded and the blood is coming and not stop",
            "my face is falling on one side and I cannot smile good",
            "I have pain in the breast when I take breath and I cannot take the air good",
            "brown staining around my ankle same as ever, when I can. the ulcer is worse, bigger every week",
            "brown staining along the vein, the usual. foot is blotchy blue and cold as ice",
            "lips fine but my tongue is swelling",
            "had sclero yesterday and the pain in my leg is literally 10/10",
            "my leg where they did the veins is in agony rn i cant sleep or walk",
            "everything went black and i woke up on the floor",
            "a patch of skin on my calf blanched to a white colour after my injections",
            "temperature 39.1 and the redness has spread 5cm past the pen line",
            "I fainted twice in the last hour, once in the kitchen and once in the loo",
            "pain 9/10 despite 2 co-codamol, in the leg they treated yesterday",
            "cant get my breath, heart going 130 bpm",
            "mi marido's left calf is hinchada y caliente since this morning",
            "my foot is eiskalt und ganz weiß and it hurts",
            "the Krampfader blutet stark, the towel is soaked through",
            "dad is shouting out with pain in the leg they treated yesterday, the paracetamol hasn't touched it",
            "my colleague just went grey and slid off her chair",
            "my wife suddenly can't catch her breath, she had her veins injected last week",
            "she stopped mid-sentence holding her chest",
            "calf huge n hot",
            "skin dying at injection site",
            "sore getting bigger",
            "what did the leaflet mean by skin going white at the injection site? one of mine has gone bright white",
            "post natal 4 wks, calf swollen one side, warm, red, painfull. midwife said call if this happens",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn phlebitis_named_is_no_sign_but_its_warning_signs_are() {
        for q in [
            "is arnica gel any good for phlebitis",
            "am i allowed to drive while i have superficial thrombophlebitis",
            "how long after having phlebitis can i give blood again",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        for q in [
            "the red hard line started below my knee but its gone right up my thigh now nearly to my groin",
            "the phlebitis is spreading up towards my groin",
            "I think I've got a clot in my leg",
            "I have phlebitis and now my calf is swollen and hot",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn hypotheticals_and_states_of_life_are_not_a_sign_happening_now() {
        for q in [
            "who do I call if I get chest pain after the treatment, just in case",
            "suppose my toes went numb in the stockings, would I just take them off",
            "my GP mentioned phlebitis, what is that exactly",
            "am i more at risk of blood clots now that im pregnant",
            "if i ever thought i had a clot would i ring 999 or just the gp",
            "if i think ive got a clot before my appt should i just wait and see you",
            "I had a clot last year, does that mean I cannot have sclerotherapy",
            "flying 3 weeks after ablation, is that ok? bit worried about clots on the plane",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        for q in [
            "I just noticed my calf is swollen and hot",
            "im pregnant and my chest hurts",
            "i am going to pass out",
            "I had a clot last year and I cannot breathe",
            "I'm worried it's a clot, is that possible",
            "worried about my calf, it is hot and swollen since the flight",
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
    fn a_sign_told_through_a_negative_is_urgent() {
        for q in [
            "it's not just a bruise, the skin around the injection has gone black",
            "never had pain like this in my treated leg, I can't even bear the sheet on it",
            "not able to stand up without blacking out",
            "nothing I do stops the blood",
            "I'm not OK. chest is tight",
            "he cannae lift his left arm",
        ] {
            assert!(urgent(q).is_some(), "{q}");
        }
    }

    #[test]
    fn a_sign_that_is_over_or_denied_is_not_urgent() {
        for q in [
            "the bleeding stopped after two minutes of pressure, anything else to do?",
            "Not bleeding now. The vein bled a little when I shaved but it stopped",
            "the swelling round my eyes has gone down now, it looks much better",
            "my left calf was swollen but the swelling went down overnight",
            "my ulcer is not getting worse, it is smaller this week",
        ] {
            assert_eq!(urgent(q), None, "{q}");
        }
        // The ordinary cause, named: but a dead arm with no cause is still the sign.
        assert_eq!(
            urgent("woke up with my hand dead and fizzing from sleeping on it"),
            None
        );
        assert!(urgent("woke up with my arm dead and I can't lift it").is_some());
        assert!(urgent("pins and needles all down my left side, face, hand and leg").is_some());
        // Still bleeding after it stopped once is the sign.
        assert!(urgent("it stopped bleeding but now it is bleeding heavily again").is_some());
        assert!(
            urgent("the vein bled, I pressed it and it stopped, then it started again an hour ago")
                .is_some()
        );
        assert_eq!(
            urgent(
                "my vein bled after I caught it on the car door, I pressed it for 10 minutes and it stopped"
            ),
            None
        );
        assert!(urgent("my ulcer is not getting any better and it smells").is_some());
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
