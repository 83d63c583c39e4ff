//! What the engine knows about the words of the documents: in how many passages each stem
//! occurs, which stems each passage, document and document subject holds, and which passages
//! open their section. Built once per version of the knowledge folder, from one reading of
//! the documents that also feeds the search index and the speller.
//!
//! Stems are numbered: each distinct word is stemmed once, and a passage holds a sorted list
//! of stem numbers, four bytes a stem, instead of a set of strings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use super::concepts::{ANY_TREATMENT, KINDS_OF_TREATMENT};
use crate::knowledge::Knowledge;
use crate::text;
use crate::text::english;
use crate::text::lexicon::{DURATION, is_generic};

/// A stem found in more than this share of one document's passages is that document's
/// subject: every passage of the document covers it, through the document.
pub const SUBJECT_SHARE: f32 = 0.5;

/// How far apart the words of a thing named in two words may stand in a passage that names
/// it: "compression stockings or bandages" names compression bandages; "blood thinners" in
/// one clause and "test results" in another do not name a blood test.
pub const NEAR: usize = 3;

/// The stems of one passage, document or subject: sorted stem numbers, and for a passage the
/// heading's stems its text lacks.
#[derive(Debug, Clone, Copy)]
pub struct StemSet<'a> {
    own: &'a [u32],
    more: &'a [u32],
}

impl StemSet<'_> {
    /// The set holds stem number `id`.
    pub fn contains(&self, id: u32) -> bool {
        self.own.binary_search(&id).is_ok() || self.more.binary_search(&id).is_ok()
    }
}

/// Names the clinic's synonyms give one thing: "thread veins" = "spider veins" (two names
/// ending in the same word). A passage that says one name says the other, so that a leaflet
/// written about "thread veins" answers a patient asking about "spider veins". Synonyms
/// that map a phrase to a different head ("who should I see" = "vascular specialist") say
/// how patients ask, not that the two are one thing, and are not read this way.
struct SameNames {
    /// Each name (its words as [`singular`]) and the names the synonyms give the same thing.
    others: HashMap<Vec<String>, Vec<Vec<String>>>,
    /// Every name, either side.
    names: FxHashSet<Vec<String>>,
    /// The lengths of the names, in words.
    lengths: Vec<usize>,
}

/// At most this many words before "is a" name what a sentence defines: "Spider veins
/// (telangiectasias) are a ...", not "Most patients who have had the treatment say it is a
/// ...".
const MAX_DEFINED: usize = 5;

/// Longest name read, in words: longer synonyms are sentences patients type, not names, and
/// the bound keeps a hostile synonyms file from costing more than a few lookups a word.
const MAX_NAME_WORDS: usize = 4;

/// A word without a plural "s": names are matched by spelling, as a passage's words are read
/// once at load and stemming them all again would double the cost of loading.
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(w) if w.len() >= 3 && !w.ends_with('s') => w,
        _ => word,
    }
}

impl SameNames {
    fn new(synonyms: &crate::knowledge::Synonyms) -> SameNames {
        let read = |phrase: &str| -> Vec<String> {
            text::words(phrase)
                .iter()
                .map(|w| singular(w).to_string())
                .collect()
        };
        let mut others: HashMap<Vec<String>, Vec<Vec<String>>> = HashMap::default();
        for e in &synonyms.entries {
            let key = read(&e.key);
            if !(2..=MAX_NAME_WORDS).contains(&key.len()) {
                continue;
            }
            for value in &e.values {
                let value = read(value);
                if (2..=MAX_NAME_WORDS).contains(&value.len())
                    && key.last() == value.last()
                    && key != value
                {
                    let list = others.entry(key.clone()).or_default();
                    if !list.contains(&value) {
                        list.push(value);
                    }
                }
            }
        }
        let names: FxHashSet<Vec<String>> = others
            .iter()
            .flat_map(|(k, v)| std::iter::once(k).chain(v))
            .cloned()
            .collect();
        let mut lengths: Vec<usize> = names.iter().map(Vec::len).collect();
        lengths.sort_unstable();
        lengths.dedup();
        SameNames {
            others,
            names,
            lengths,
        }
    }

    /// The words of the other names of things `words` names, once each, leaving out names
    /// `words` says already.
    fn other_names(&self, words: &[String]) -> Vec<String> {
        if self.others.is_empty() {
            return Vec::new();
        }
        let words: Vec<String> = words.iter().map(|w| singular(w).to_string()).collect();
        // The names said, in a fixed order (by length, then place), so that the words read
        // are the same from load to load.
        let mut said: Vec<&[String]> = Vec::new();
        let mut seen: FxHashSet<&[String]> = FxHashSet::default();
        for &n in &self.lengths {
            for w in words.windows(n) {
                if self.names.contains(w) && seen.insert(w) {
                    said.push(w);
                }
            }
        }
        let mut out: Vec<String> = Vec::new();
        let mut added: FxHashSet<&str> = FxHashSet::default();
        for name in said {
            for other in self.others.get(name).into_iter().flatten() {
                if seen.contains(other.as_slice()) {
                    continue;
                }
                for v in other {
                    if added.insert(v) {
                        out.push(v.clone());
                    }
                }
            }
        }
        out
    }
}

/// Statistics of the documents' stems (see the module comment).
#[derive(Debug, Default)]
pub struct CorpusStats {
    /// Stem -> its number.
    ids: HashMap<Box<str>, u32>,
    /// Per stem number: in how many passages (body or heading) it occurs.
    doc_freq: Vec<u32>,
    /// Per passage: the stems of its text.
    body: Vec<Box<[u32]>>,
    /// Per passage: the stems of its heading that its text lacks.
    heading: Vec<Box<[u32]>>,
    /// Per passage: every two stems at most [`NEAR`] words apart in its text or heading, as
    /// `first << 32 | second`, sorted: where a passage names a thing of two words.
    pairs: Vec<Box<[u64]>>,
    /// Per passage: the stems of its sentences that give a span of time ("bruising usually
    /// fades within two to four weeks"), sorted: what a passage says how long of. A passage
    /// that says "weeks" of stockings does not say how long recovery takes. With the sentence
    /// before one that says "it" or "them", and the heading; all of the passage where the
    /// heading gives the span.
    timed: Vec<Box<[u32]>>,
    /// As `timed`, but only of sentences whose span is how long something lasts, not when it
    /// comes after another thing: "Phlebectomy is often done a few weeks after laser" does not
    /// say how long laser takes; "wear them for two weeks after" says how long they are worn.
    lasting: Vec<Box<[u32]>>,
    /// Per passage: the stems of what its sentences define, sorted: the words a sentence opens
    /// with before "is a" or "are the" ("Spider veins (telangiectasias)
    /// are a common cosmetic concern", "The muscle pump is a mechanism where ..."), and those
    /// after "is called" or "are known as" ("... is called oedema"). A question that asks what
    /// a thing is is answered by the passage that says it.
    defined: Vec<Box<[u32]>>,
    /// Per passage: each stem of its text with the sentences that hold it, as a mask (bit
    /// `i` for sentence `i`; the 64th and later share the last bit; all bits for a word the
    /// passage holds read another way, and for a word of its heading its text lacks, as
    /// [`CorpusStats::heading`] holds them), sorted by stem: where a passage says the
    /// question's things together, in one sentence, rather than scattered across it.
    sentences: Vec<Box<[(u32, u64)]>>,
    /// Per passage: does it open its section? Leads summarise, so they win ties.
    lead: Vec<bool>,
    /// Per passage: its document.
    document: Vec<u32>,
    /// Per document: the stems of all its passages.
    document_stems: Vec<Box<[u32]>>,
    /// Per document: the stems of its title, what the whole document is about.
    title: Vec<Box<[u32]>>,
    /// Per passage: the stems of its heading and of its document's title, sorted: what the
    /// passage is headed as being about, where its text may name a thing only in passing.
    headline: Vec<Box<[u32]>>,
    /// Per document: its subject, the stems found in most of its passages ("sclerotherapy"
    /// in an aftercare leaflet whose every paragraph names it).
    /// They choose the document; they do not tell its passages apart.
    subject: Vec<Box<[u32]>>,
    /// Per stem number: the documents whose subject holds it, so that finding whether some
    /// subject holds a concept reads the few documents that might instead of every one.
    subject_of: Vec<Box<[u32]>>,
    /// Per passage, indexed by [`Timing`]: it times something by its own document's treatment,
    /// saying "after", "before", "following" or "since" and then (see [`timed_events`]) a noun
    /// of the document's subject or title, or a word that names a treatment or visit ("the
    /// day after foam sclerotherapy", "before your appointment"; see
    /// [`Concept::the_treatment`]).
    ///
    /// [`Concept::the_treatment`]: super::concepts::Concept::the_treatment
    after_its_treatment: Vec<[bool; 2]>,
    /// Some passage is `after_its_treatment`, by [`Timing`].
    any_after_its_treatment: [bool; 2],
    /// Every word of the documents (lowercase, as written) -> its stem's number in `stems`:
    /// most words of a question are the documents' words, and stemming each again was a
    /// tenth of an answer's time.
    word_stems: HashMap<Box<str>, u32>,
    /// Stem number -> stem.
    stems: Vec<Box<str>>,
}

/// The documents read once into words and stems: what the statistics, the search index and
/// the speller are built from.
#[derive(Debug, Default)]
pub struct Reading {
    /// Per passage: the stem numbers of its text and of its heading, in order.
    pub body: Vec<Vec<u32>>,
    pub heading: Vec<Vec<u32>>,
    /// Per document: the stem numbers of its title.
    pub titles: Vec<Vec<u32>>,
    /// Every word of the passages' text and headings as written (lowercase), with how often
    /// it occurs; the titles' words with 0.
    pub surface: HashMap<String, u32>,
}

impl CorpusStats {
    /// The stems of `ids` (of a [`Reading`]), joined by spaces: text as the search index
    /// takes it.
    pub fn text(&self, ids: &[u32]) -> String {
        let mut out = String::with_capacity(ids.len() * 8);
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&self.stems[id as usize]);
        }
        out
    }
}

/// Whether a thing is said to come after an event or before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    After = 0,
    Before = 1,
}

impl Timing {
    /// "after", "following" and "since" time a thing after what follows them, "before" before.
    pub fn of(word: &str) -> Option<Timing> {
        match word {
            "after" | "following" | "since" => Some(Timing::After),
            "before" => Some(Timing::Before),
            _ => None,
        }
    }
}

/// Where a passage times something by an event: for each "after", "before", "following" or
/// "since", the positions in `words` of the first two words that name the event, past at most
/// two determiners, within the sentence (`ends`: where each sentence ends). Words that name
/// nothing ("after you take them off", "before and after") are no event, nor is a verb ("after
/// each day's wear") or an earlier event ("after previous surgery").
fn timed_events(words: &[String], ends: &[usize]) -> Vec<(Timing, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for &end in ends {
        for k in start..end {
            let Some(timing) = Timing::of(&words[k]) else {
                continue;
            };
            let mut j = k + 1;
            while j < end
                && j < k + 3
                && matches!(
                    words[j].as_str(),
                    "the" | "your" | "a" | "an" | "this" | "each" | "their" | "any" | "my"
                )
            {
                j += 1;
            }
            if j < end
                && matches!(
                    words[j].as_str(),
                    "previous" | "earlier" | "past" | "other" | "last" | "another" | "prior"
                )
            {
                continue;
            }
            out.extend(
                (j..(j + 2).min(end))
                    .take_while(|&n| !is_generic(&words[n]))
                    // An event is named by a noun, or by a word too rare for English data
                    // ("sclerotherapy"): "after each day's wear" is not after wearing.
                    .filter(|&n| !english::is_listed(&words[n]) || english::mostly_noun(&words[n]))
                    .map(|n| (timing, n)),
            );
        }
        start = end;
    }
    out
}

/// The sentences of a passage: split where a full stop, "!" or "?" ends one (followed by a
/// space or the end), not inside "1.5 hours" or "approx.20"; and at line breaks.
fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            _ => false,
        };
        if end {
            out.push(&text[start..i]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out
}

/// Each stem of `body` with the mask of the sentences holding it (see
/// [`CorpusStats::sentences`]): sentence 0 is `body[..ends[0]]`, sentence `i` is
/// `body[ends[i - 1]..ends[i]]`, and the stems after the last end are the passage's words
/// read another way, in every sentence; so are the heading's stems the text lacks
/// (`heading`), as the heading speaks of every sentence under it.
fn sentence_masks(body: &[u32], ends: &[usize], heading: &[u32]) -> Vec<(u32, u64)> {
    let mut out: Vec<(u32, u64)> = Vec::with_capacity(body.len() + heading.len());
    let mut start = 0;
    for (i, &end) in ends.iter().enumerate() {
        let bit = 1u64 << i.min(63);
        out.extend(body[start..end].iter().map(|&id| (id, bit)));
        start = end;
    }
    out.extend(body[start..].iter().map(|&id| (id, u64::MAX)));
    out.extend(heading.iter().map(|&id| (id, u64::MAX)));
    out.sort_unstable();
    // One entry per stem, with every sentence that holds it.
    let mut merged: Vec<(u32, u64)> = Vec::with_capacity(out.len());
    for (id, mask) in out {
        match merged.last_mut() {
            Some(last) if last.0 == id => last.1 |= mask,
            _ => merged.push((id, mask)),
        }
    }
    merged
}

/// Numbers stems, and stems each distinct word once.
#[derive(Default)]
struct Stemmer {
    ids: HashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    /// Word -> its stem's number.
    words: HashMap<Box<str>, u32>,
}

impl Stemmer {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let stem = text::stem(word);
        let id = match self.ids.get(stem.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.ids.insert(stem.clone().into_boxed_str(), id);
                self.stems.push(stem.into_boxed_str());
                id
            }
        };
        self.words.insert(word.into(), id);
        id
    }

    /// [`Stemmer::id`] of each word.
    fn ids(&mut self, words: &[&str]) -> Vec<u32> {
        words.iter().map(|w| self.id(w)).collect()
    }
}

/// How far before a span of time a word of length ("for", "within", "takes", "wait" ...)
/// makes it a length: "for at least two to three weeks after".
const SPAN_WORDS: usize = 6;

fn sorted_set(ids: &[u32]) -> Vec<u32> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

impl CorpusStats {
    /// Reads every passage's words once, and counts their stems.
    pub fn build(knowledge: &Knowledge) -> (CorpusStats, Reading) {
        let mut stemmer = Stemmer::default();
        let durations = stemmer.ids(DURATION);
        let pronouns = stemmer.ids(&["it", "its", "they", "them", "their", "this", "these"]);
        let (the, that) = (stemmer.id("the"), stemmer.id("that"));
        let copulas = stemmer.ids(&["is", "are"]);
        let what_follows = stemmer.ids(&["a", "an", "the", "one", "when", "called"]);
        let openers = stemmer.ids(&["a", "an", "the", "this", "these", "those"]);
        let naming = stemmer.ids(&["called", "known", "termed"]);
        let as_ = stemmer.id("as");
        // A unit of time gives a span, unless it names when: "bring your questions so that
        // you do not forget anything on the day", "wear them through the day" say nothing of
        // how long.
        let is_span = |ids: &[u32], k: usize| {
            durations.contains(&ids[k]) && !(k >= 1 && (ids[k - 1] == the || ids[k - 1] == that))
        };
        let gives_a_span = |ids: &[u32]| (0..ids.len()).any(|k| is_span(ids, k));
        // A span right before "after", "before", "later" or "ago" tells when, unless a word
        // before it makes it a length ("for two weeks after the injections", "wait 48 hours
        // before using it"). Of such a sentence, only what comes before the event says how
        // long: "The full result is seen two to three months after your last session" says
        // how long the result takes, not the session.
        let when_after = stemmer.ids(&["after", "before", "later", "ago"]);
        let lengths = stemmer.ids(&[
            "for", "within", "lasts", "last", "takes", "take", "wait", "waiting", "allow",
        ]);
        let at = stemmer.id("at");
        // How many of the sentence's first stems say how long something lasts: all of them,
        // up to a span that says when, or none. A span "at" a time is a moment ("reviewed at
        // six to twelve weeks after ablation"), which lasts no time at all.
        let gives_a_length = |ids: &[u32]| -> usize {
            let mut when = None;
            for k in (0..ids.len()).filter(|&k| is_span(ids, k)) {
                let before = &ids[k.saturating_sub(SPAN_WORDS)..k];
                let tells_when = ids.get(k + 1).is_some_and(|n| when_after.contains(n))
                    && !before.iter().any(|w| lengths.contains(w));
                if !tells_when {
                    return ids.len();
                }
                if !before.contains(&at) {
                    when.get_or_insert(k + 1);
                }
            }
            when.unwrap_or(0)
        };
        // What each passage times things by, after it or before it (see `after_its_treatment`).
        let mut treatment_words = stemmer.ids(ANY_TREATMENT);
        treatment_words.extend(stemmer.ids(KINDS_OF_TREATMENT));
        let mut timed_by: Vec<Vec<(Timing, u32)>> = Vec::new();
        let mut reading = Reading::default();
        let mut stats = CorpusStats::default();
        let mut stem_words =
            |words: Vec<String>, surface: &mut HashMap<String, u32>, count: u32| {
                words
                    .into_iter()
                    .map(|w| {
                        let id = stemmer.id(&w);
                        match surface.get_mut(w.as_str()) {
                            Some(n) => *n += count,
                            None => {
                                surface.insert(w, count);
                            }
                        }
                        id
                    })
                    .collect::<Vec<u32>>()
            };
        let names = SameNames::new(&knowledge.synonyms);
        let documents = knowledge.documents.len();
        // Per document: its passages, and in how many of them each stem occurs.
        let mut doc_passages = vec![0u32; documents];
        let mut doc_stem_freq: Vec<HashMap<u32, u32>> = vec![HashMap::default(); documents];
        for (i, p) in knowledge.passages.iter().enumerate() {
            // "make-up" is read as "make up", and also as "makeup", last, so that no phrase
            // of the passage runs across it.
            // Read sentence by sentence, so that which sentence holds each word is known
            // without reading the passage twice.
            let (mut words, ends) = text::words_of_pieces(sentences(&p.text));
            // The words after these are the passage's words read another way (below).
            let plain = words.len();
            let timing = timed_events(&words, &ends);
            words.extend(text::hyphen_joined(&p.text));
            let other_names = names.other_names(&words);
            words.extend(other_names);
            let body = stem_words(words, &mut reading.surface, 1);
            let heading = stem_words(text::words(&p.heading), &mut reading.surface, 1);
            let own = sorted_set(&body);
            let more: Vec<u32> = sorted_set(&heading)
                .into_iter()
                .filter(|id| own.binary_search(id).is_err())
                .collect();
            // Titles do not count here: a title's words would otherwise be in every passage
            // and look like background ("exercise" in "Can Exercise Get Rid of Spider Veins?").
            for &id in own.iter().chain(&more) {
                let id = id as usize;
                if stats.doc_freq.len() <= id {
                    stats.doc_freq.resize(id + 1, 0);
                }
                stats.doc_freq[id] += 1;
                *doc_stem_freq[p.document].entry(id as u32).or_default() += 1;
            }
            doc_passages[p.document] += 1;
            let lead = i == 0 || {
                let prev = &knowledge.passages[i - 1];
                prev.document != p.document || prev.heading != p.heading
            };
            stats.lead.push(lead);
            stats.document.push(p.document as u32);
            let near = |stems: &[u32]| -> Vec<u64> {
                (0..stems.len())
                    .flat_map(|i| {
                        stems[i + 1..stems.len().min(i + 1 + NEAR)]
                            .iter()
                            .map(move |&b| u64::from(stems[i]) << 32 | u64::from(b))
                    })
                    .collect()
            };
            let mut pairs = near(&body);
            pairs.extend(near(&heading));
            pairs.sort_unstable();
            pairs.dedup();
            stats.pairs.push(pairs.into_boxed_slice());
            let mut timed = Vec::new();
            let mut lasting = Vec::new();
            if heading.iter().any(|id| durations.contains(id)) {
                // A heading that gives the span ("The first 48 hours") gives it of every
                // sentence under it.
                timed.extend(&own);
                lasting.extend(&own);
            } else if own.iter().any(|id| durations.contains(id)) {
                let mut before: &[u32] = &[];
                let mut start = 0;
                for &end in &ends {
                    let ids = &body[start..end];
                    start = end;
                    let length = gives_a_length(ids);
                    for (spans, said) in [
                        (&mut timed, if gives_a_span(ids) { ids.len() } else { 0 }),
                        (&mut lasting, length),
                    ] {
                        if said > 0 {
                            // With the sentence before where this one says "it" or "them":
                            // that one names what they are.
                            if ids.iter().any(|id| pronouns.contains(id)) {
                                spans.extend(before);
                            }
                            spans.extend(&ids[..said]);
                        }
                    }
                    before = ids;
                }
            }
            stats
                .sentences
                .push(sentence_masks(&body, &ends, &more).into_boxed_slice());
            // The heading names what every sentence under it speaks of ("The scan takes about
            // 20 minutes", under "Your Duplex Ultrasound Scan"). So, near enough, do the
            // passage's words read another way ("make-up" closed up, the clinic's other names
            // for a thing): reading each sentence for them again cost a tenth of loading.
            for spans in [&mut timed, &mut lasting] {
                if !spans.is_empty() {
                    spans.extend(&heading);
                    spans.extend(&body[plain..]);
                }
            }
            stats.timed.push(sorted_set(&timed).into_boxed_slice());
            stats.lasting.push(sorted_set(&lasting).into_boxed_slice());
            let mut defined = Vec::new();
            let mut start = 0;
            for &end in &ends {
                let sentence = &body[start..end];
                let verb = sentence
                    .iter()
                    .enumerate()
                    .take(MAX_DEFINED + 1)
                    .skip(1)
                    .find(|&(k, id)| {
                        copulas.contains(id)
                            && sentence
                                .get(k + 1)
                                .is_some_and(|n| what_follows.contains(n))
                    });
                if let Some((k, _)) = verb {
                    defined.extend(sentence[..k].iter().filter(|id| !openers.contains(id)));
                }
                // "... is called oedema", "... are known as thread veins".
                for (k, pair) in sentence.windows(2).enumerate() {
                    if copulas.contains(&pair[0]) && naming.contains(&pair[1]) {
                        let named = &sentence[k + 2..];
                        let named = named.strip_prefix(&[as_]).unwrap_or(named);
                        defined.extend(named.iter().take(MAX_DEFINED));
                    }
                }
                start = end;
            }
            stats.defined.push(sorted_set(&defined).into_boxed_slice());
            timed_by.push(timing.iter().map(|&(t, k)| (t, body[k])).collect());
            stats.body.push(own.into_boxed_slice());
            stats.heading.push(more.into_boxed_slice());
            reading.body.push(body);
            reading.heading.push(heading);
        }
        reading.titles = knowledge
            .documents
            .iter()
            .map(|d| stem_words(text::words(&d.title), &mut reading.surface, 0))
            .collect();
        stats.title = reading
            .titles
            .iter()
            .map(|ids| sorted_set(ids).into_boxed_slice())
            .collect();
        stats.headline = reading
            .heading
            .iter()
            .zip(&stats.document)
            .map(|(heading, &d)| {
                let mut v = heading.clone();
                v.extend(stats.title[d as usize].iter());
                sorted_set(&v).into_boxed_slice()
            })
            .collect();
        stats.document_stems = doc_stem_freq
            .iter()
            .map(|freq| {
                let mut v: Vec<u32> = freq.keys().copied().collect();
                v.sort_unstable();
                v.into_boxed_slice()
            })
            .collect();
        // Not the title: "exercise" in "Can Exercise Get Rid of Spider Veins?" does not make
        // every passage of the leaflet an answer about exercise.
        stats.subject = doc_stem_freq
            .iter()
            .zip(&doc_passages)
            .map(|(freq, &n)| {
                let mut v: Vec<u32> = freq
                    .iter()
                    .filter(|&(_, &k)| n >= 2 && k as f32 / n as f32 > SUBJECT_SHARE)
                    .map(|(&s, _)| s)
                    .collect();
                v.sort_unstable();
                v.into_boxed_slice()
            })
            .collect();
        let mut subject_of: Vec<Vec<u32>> = vec![Vec::new(); stats.doc_freq.len()];
        for (d, subject) in stats.subject.iter().enumerate() {
            for &id in subject.iter() {
                subject_of[id as usize].push(d as u32);
            }
        }
        stats.subject_of = subject_of.into_iter().map(Vec::into_boxed_slice).collect();
        // A word of its document's subject or title, or one that names a treatment or visit.
        stats.after_its_treatment = timed_by
            .iter()
            .zip(&stats.document)
            .map(|(events, &d)| {
                let mut found = [false; 2];
                for &(timing, id) in events {
                    if treatment_words.contains(&id)
                        || stats.subject[d as usize].binary_search(&id).is_ok()
                        || stats.title[d as usize].binary_search(&id).is_ok()
                    {
                        found[timing as usize] = true;
                    }
                }
                found
            })
            .collect();
        for found in &stats.after_its_treatment {
            for (any, &one) in stats.any_after_its_treatment.iter_mut().zip(found) {
                *any |= one;
            }
        }
        // Only stems some passage holds are known; a title's own stems are not.
        stats.ids = stemmer
            .ids
            .into_iter()
            .filter(|&(_, id)| stats.doc_freq.get(id as usize).is_some_and(|&n| n > 0))
            .collect();
        stats.word_stems = stemmer.words;
        stats.stems = stemmer.stems;
        (stats, reading)
    }

    /// The stem of one lowercase word, as [`text::stem`] gives it: looked up for a word of the
    /// documents, worked out for any other.
    pub fn stem(&self, word: &str) -> String {
        match self.word_stems.get(word) {
            Some(&id) => self.stems[id as usize].to_string(),
            None => text::stem(word),
        }
    }

    /// The number of a stem some passage holds.
    pub fn id(&self, stem: &str) -> Option<u32> {
        self.ids.get(stem).copied()
    }

    /// In how many passages (text or heading) stem number `id` occurs.
    pub fn doc_freq_of(&self, id: u32) -> u32 {
        self.doc_freq[id as usize]
    }

    /// Some passage uses `stem`.
    pub fn knows(&self, stem: &str) -> bool {
        self.id(stem).is_some()
    }

    /// The stems of one passage's text.
    pub fn body(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.body[passage],
            more: &[],
        }
    }

    /// `passage` holds the stems of `phrase` side by side (at most [`NEAR`] words apart), in
    /// its text or its heading, in either order: "a test patch" names a patch test, and
    /// "compression stockings or bandages" compression bandages.
    pub fn side_by_side(&self, passage: usize, phrase: &[Option<u32>]) -> bool {
        let pairs = &self.pairs[passage];
        let holds = |a: u32, b: u32| {
            pairs
                .binary_search(&(u64::from(a) << 32 | u64::from(b)))
                .is_ok()
        };
        phrase.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => holds(a, b) || holds(b, a),
            _ => false,
        })
    }

    /// The sentences of `passage` that hold stem `id`, as a mask (see the field); none for a
    /// stem it lacks.
    pub fn sentences_with(&self, passage: usize, id: u32) -> u64 {
        let s = &self.sentences[passage];
        s.binary_search_by_key(&id, |&(stem, _)| stem)
            .map_or(0, |i| s[i].1)
    }

    /// What `passage`'s sentences define (see the field).
    pub fn defined(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.defined[passage],
            more: &[],
        }
    }

    /// The stems of `passage`'s sentences that give a span of time (see the field).
    pub fn timed(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.timed[passage],
            more: &[],
        }
    }

    /// The stems of `passage`'s sentences that say how long something lasts (see the field).
    pub fn lasting(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.lasting[passage],
            more: &[],
        }
    }

    /// The stems of one passage's heading that its text lacks.
    pub fn heading(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.heading[passage],
            more: &[],
        }
    }

    /// The stems of a passage's heading and its document's title.
    pub fn headline(&self, passage: usize) -> StemSet<'_> {
        StemSet {
            own: &self.headline[passage],
            more: &[],
        }
    }

    /// `passage` times something `timing` its own document's treatment (see the field).
    pub fn after_its_treatment(&self, passage: usize, timing: Timing) -> bool {
        self.after_its_treatment[passage][timing as usize]
    }

    /// Some passage times something `timing` its own document's treatment.
    pub fn some_passage_after_its_treatment(&self, timing: Timing) -> bool {
        self.any_after_its_treatment[timing as usize]
    }

    /// The stems of a document's title.
    pub fn title(&self, document: usize) -> StemSet<'_> {
        StemSet {
            own: &self.title[document],
            more: &[],
        }
    }

    /// The stems of every passage of a document.
    pub fn document_stems(&self, document: usize) -> StemSet<'_> {
        StemSet {
            own: &self.document_stems[document],
            more: &[],
        }
    }

    /// A document's subject (see [`SUBJECT_SHARE`]).
    pub fn subject(&self, document: usize) -> StemSet<'_> {
        StemSet {
            own: &self.subject[document],
            more: &[],
        }
    }

    /// The documents whose subject holds stem number `id`, in order.
    pub fn subject_of(&self, id: u32) -> &[u32] {
        &self.subject_of[id as usize]
    }

    /// The passage's document.
    pub fn document(&self, passage: usize) -> usize {
        self.document[passage] as usize
    }

    /// The passage opens its section.
    pub fn lead(&self, passage: usize) -> bool {
        self.lead[passage]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{SynonymEntry, Synonyms};

    fn synonyms(entries: &[(&str, &str)]) -> Synonyms {
        Synonyms {
            entries: entries
                .iter()
                .map(|(k, v)| SynonymEntry {
                    key: k.to_string(),
                    values: vec![v.to_string()],
                    line: 1,
                })
                .collect(),
        }
    }

    #[test]
    fn only_names_of_one_thing_are_read_as_each_other() {
        let names = SameNames::new(&synonyms(&[
            ("thread veins", "spider veins"),
            ("who should i see", "vascular specialist"),
            ("vascular surgeon", "vascular specialist"),
        ]));
        let words = |t: &str| text::words(t);
        assert_eq!(
            names.other_names(&words("fine red thread veins on the face")),
            ["spider", "vein"]
        );
        assert_eq!(
            names.other_names(&words("a thread vein")),
            ["spider", "vein"],
            "in the singular too"
        );
        assert!(
            names
                .other_names(&words("a vascular surgeon will see you"))
                .is_empty(),
            "a surgeon is one kind of specialist, not another name for every one"
        );
        assert!(
            names
                .other_names(&words("thread veins are spider veins"))
                .is_empty(),
            "a passage already saying both adds nothing"
        );
    }
}
