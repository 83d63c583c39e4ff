//! The answer pipeline, pure and synchronous: clean the text, triage warning signs, small
//! talk, spelling, synonyms, BM25 retrieval, then the decision and the fixed wording.
//! `Engine::answer` takes microseconds and touches no I/O.

pub mod concepts;
pub mod corpus;
pub mod decide;
pub mod related;
pub mod reply;
pub mod scores;
pub mod search;
pub mod smalltalk;
pub mod spelling;
pub mod triage;

use std::path::Path;

use serde::Serialize;

pub use reply::{PassageRef, Reply, ReplyKind, UrgentBecause};

use crate::knowledge::{Knowledge, KnowledgeError, SynonymEntry, Synonyms};
use crate::text;
use concepts::{Concept, SynonymIndex};
use corpus::CorpusStats;
pub use decide::Thresholds;
use decide::{Candidate, ConceptReport, ConceptStems, Detail, TieBreak};
use related::RelatedIndex;
use search::{IndexedPassage, SearchIndex};
use spelling::Vocabulary;
use triage::Triage;

/// How many passages BM25 hands to the decision. The decision reads each one's coverage, so
/// this only needs to be large enough to reach the passage that covers every concept. With two
/// dozen leaflets, twenty was too few: the passage that answers ranked below twenty others that
/// share the question's commonest words ("what are the signs my face has got infected after
/// the laser, what should i look out for" and the facial-veins leaflet's passage on when to get
/// urgent help). Thirty: on a folder of all 24 leaflets, 13 more of the first leaflet's 914
/// labelled questions right and 6 more of the new leaflets' 1,359, for 7% more instructions
/// per question on 50 documents (reading the next ten only where the first twenty answer
/// nothing got half of it for 3%).
const CANDIDATES: usize = 30;
/// Topics offered with a fallback.
const MAX_SUGGESTIONS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("could not build the search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// A question about the subject alone ("what actually are spider veins") asks what it is;
/// with "why" or "how" it asks for causes or mechanisms instead.
fn asks_what(words: &[String]) -> bool {
    !words
        .iter()
        .any(|w| matches!(w.as_str(), "why" | "how" | "cause" | "causes" | "caused"))
}

/// The concepts a question asks to have defined: what it names right after "what (exactly)
/// is" or "what (actually) are (the)", up to the end of what it asks ("what even are spider
/// veins", "whats a duplex scan exactly?? gp just said ..."; not "what are spider veins
/// caused by", where more follows), between "what does" and "mean" ("what does venous
/// reflux mean"), or between "how does" and "work" ("how does the calf muscle pump work":
/// the passage that says what the pump is says how it works, where the section's overview
/// only names it). Empty for any other question. With them, whether it asks what they are
/// (not how they work): only then are they searched for when they are a document's subject.
fn asked_to_define(
    words: &[String],
    concepts: &[Concept],
    reports: &[ConceptReport],
) -> (Vec<usize>, bool) {
    // Each "what" or "how" in turn: "not sure how to ask this, but what actually are spider
    // veins?" asks at its second.
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| matches!(w.as_str(), "what" | "whats" | "how"))
        .map(|(what, _)| defined_from(words, concepts, reports, what))
        .find(|(defined, _)| !defined.is_empty())
        .unwrap_or_default()
}

/// [`asked_to_define`], read from the "what" or "how" at `what`.
fn defined_from(
    words: &[String],
    concepts: &[Concept],
    reports: &[ConceptReport],
    what: usize,
) -> (Vec<usize>, bool) {
    let adverb = |w: &str| matches!(w, "exactly" | "actually" | "even" | "really" | "precisely");
    let mut k = what + 1;
    // "how does the muscle pump work": the thing, then "work".
    let works = words[what] == "how";
    // "whats", "what's": the verb is said.
    let mut said_is = words[what] == "whats";
    if !works && words.get(k).is_some_and(|w| w == "s") {
        said_is = true;
        k += 1;
    }
    while words.get(k).is_some_and(|w| adverb(w)) {
        k += 1;
    }
    if !works
        && words
            .get(k)
            .is_some_and(|w| matches!(w.as_str(), "is" | "are"))
    {
        said_is = true;
        k += 1;
    }
    // "what does venous reflux mean", "how does laser work"
    let does = !said_is
        && words
            .get(k)
            .is_some_and(|w| matches!(w.as_str(), "does" | "do"));
    if does {
        k += 1;
    } else if !said_is {
        return (Vec::new(), false);
    }
    while words
        .get(k)
        .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the" | "these" | "those") || adverb(w))
    {
        k += 1;
    }
    let mut out = Vec::new();
    let mut end = k;
    for (j, c) in concepts.iter().enumerate() {
        if c.span.0 < k {
            continue;
        }
        if c.span.0 != end || reports[j].aside || c.frame {
            break;
        }
        out.push(j);
        end = c.span.1;
    }
    if does {
        // "how does the calf muscle pump thing actually work"
        while words
            .get(end)
            .is_some_and(|w| adverb(w) || matches!(w.as_str(), "thing" | "things"))
        {
            end += 1;
        }
        let last: &[&str] = if works {
            &["work", "works"]
        } else {
            &["mean", "means"]
        };
        if !words.get(end).is_some_and(|w| last.contains(&w.as_str())) {
            return (Vec::new(), false);
        }
        end += 1;
    }
    // Nothing more asked after it: "what are spider veins caused by", "what are spider veins
    // exactly, and can walking get rid of them". Context told beside it is no part of it.
    if concepts
        .iter()
        .zip(reports)
        .any(|(c, r)| c.span.0 >= end && !r.aside)
    {
        return (Vec::new(), false);
    }
    (out, !works)
}

/// True when concept `i` is a related word of another, known concept of the same question.
fn restates_another(
    concepts: &[Concept],
    reports: &[ConceptReport],
    i: usize,
    corpus: &CorpusStats,
) -> bool {
    // The stems a related word would have to have: those of the other known one-stem concepts.
    let others: Vec<&str> = concepts
        .iter()
        .zip(reports)
        .enumerate()
        .filter(|&(j, (_, r))| j != i && r.known)
        .filter_map(
            |(_, (c, _))| match c.alternatives.first().map(Vec::as_slice) {
                Some([own]) => Some(own.as_str()),
                _ => None,
            },
        )
        .collect();
    if others.is_empty() {
        return false;
    }
    // Stemming keeps a word's first letter (`text::stem` says so and a test checks it on
    // every word of the English data), so only the related words that begin like one of
    // the others are stemmed: stemming them all was a tenth of the time of an answer.
    text::english::related(&concepts[i].words)
        .into_iter()
        .filter(|(_, r)| *r != text::english::Relation::Narrower)
        .any(|(w, _)| {
            others.iter().any(|o| o.chars().next() == w.chars().next())
                && others.contains(&corpus.stem(w).as_str())
        })
}

/// Everything needed to answer, built once per version of the knowledge folder.
#[derive(Debug)]
pub struct Engine {
    knowledge: Knowledge,
    triage: Triage,
    synonyms: SynonymIndex,
    vocabulary: Vocabulary,
    corpus: CorpusStats,
    related: RelatedIndex,
    thresholds: Thresholds,
    index: SearchIndex,
    default_suggestions: Vec<String>,
}

/// Why the engine answered as it did: for `passages QUERY`, `--format json` and tests.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// (typed, corrected) pairs.
    pub corrections: Vec<(String, String)>,
    pub concepts: Vec<ConceptReport>,
    /// Retrieved passages, best BM25 first.
    pub candidates: Vec<Candidate>,
    /// The passage chosen to answer with, if any covers every concept.
    pub chosen: Option<usize>,
}

/// `answer()`, or where it panics (a bug in the engine on some message), `fallback()`: the
/// patient still hears to see a specialist, and the front end goes on (the Telegram bot marks
/// the update done instead of failing again at every start, and answers the chat's later
/// messages). Triage runs before the analysis, so a warning sign is replied to before most of
/// the code that could fail; a panic in triage itself gets the fallback too.
pub fn or_fallback(answer: impl FnOnce() -> Reply, fallback: impl FnOnce() -> Reply) -> Reply {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer)).unwrap_or_else(|_| {
        // Not the message: patients' words are not logged.
        tracing::error!("the engine failed on a message; it got the fallback reply");
        fallback()
    })
}

/// The clinic's synonyms, and the abbreviations of vein care as synonyms of what they stand
/// for (see [`text::abbreviations`]): the standard ones, and those the documents define. "had
/// EVLA 5 days ago" is then answered where a leaflet says "endovenous laser ablation", or
/// only "ablation": a long form's last word, where it is rare in English (see
/// [`SPECIFIC_HEAD_ZIPF`]), names the same treatment in a vein clinic's leaflets. A line in
/// `synonyms.toml` for an abbreviation replaces this one, and `check` reports only the
/// clinic's lines. An abbreviation that is an everyday word ("a duplex ultrasound (US) scan",
/// "Face Arms Speech Time (FAST)") is left out: it would take over "contact us" and "fast".
fn with_abbreviations(knowledge: &Knowledge) -> Synonyms {
    let mut synonyms = knowledge.synonyms.clone();
    let mut keys: std::collections::HashSet<String> =
        synonyms.entries.iter().map(|e| e.key.clone()).collect();
    let defined = knowledge
        .passages
        .iter()
        .flat_map(|p| text::abbreviations::defined(&p.text));
    let standard = text::abbreviations::standard().map(|(s, l)| (s.to_string(), l.to_string()));
    for (short, long) in defined.chain(standard) {
        let everyday = text::lexicon::is_generic(&short)
            || text::english::zipf(&short).is_some_and(|z| z >= EVERYDAY_ZIPF);
        if everyday || !keys.insert(short.clone()) {
            continue;
        }
        let mut values = vec![long.clone()];
        if let Some(head) = long.rsplit(' ').next().filter(|head| {
            *head != long && text::english::zipf(head).is_none_or(|z| z <= SPECIFIC_HEAD_ZIPF)
        }) {
            values.push(head.to_string());
        }
        synonyms.entries.push(SynonymEntry {
            key: short,
            values,
            line: 0,
        });
    }
    synonyms
}

/// A long form's last word at most this common in English (Zipf; "ablation" is 2.8,
/// "thrombosis" 2.9, "veins" 3.8) names the treatment or condition alone; a commoner one
/// ("light", "therapy", "vein") does not.
const SPECIFIC_HEAD_ZIPF: f32 = 3.5;

/// An abbreviation at least this common in English as a word ("us", "or", "fast", "nice";
/// Zipf) is the word, not the abbreviation. "DVT" is 2.2, "IPL" 3.2, "NHS" 4.0.
const EVERYDAY_ZIPF: f32 = 4.0;

impl Engine {
    /// Reads, checks and indexes a knowledge folder.
    pub fn load(dir: &Path) -> Result<Engine, EngineError> {
        Engine::new(Knowledge::load(dir)?)
    }

    pub fn new(knowledge: Knowledge) -> Result<Engine, EngineError> {
        let (corpus, reading) = CorpusStats::build(&knowledge);
        let related = RelatedIndex::build(reading.surface.keys());
        // A paragraph under the title has the title as its heading: index it once, as title.
        let index = SearchIndex::build(knowledge.passages.iter().enumerate().map(|(i, p)| {
            IndexedPassage {
                body: corpus.text(&reading.body[i]),
                heading: if p.heading == knowledge.documents[p.document].title {
                    String::new()
                } else {
                    corpus.text(&reading.heading[i])
                },
                title: corpus.text(&reading.titles[p.document]),
            }
        }))?;
        let synonyms = with_abbreviations(&knowledge);
        let vocabulary = Vocabulary::build(reading.surface, &synonyms);
        // The first headings are the broadest topics; offer those by default.
        let mut default_suggestions: Vec<String> = Vec::new();
        for p in &knowledge.passages {
            if default_suggestions.len() == MAX_SUGGESTIONS {
                break;
            }
            if !default_suggestions.contains(&p.heading) {
                default_suggestions.push(p.heading.clone());
            }
        }
        Ok(Engine {
            triage: Triage::new(&knowledge.red_flags),
            synonyms: SynonymIndex::new(&synonyms),
            vocabulary,
            index,
            corpus,
            related,
            thresholds: Thresholds::default(),
            default_suggestions,
            knowledge,
        })
    }

    /// The same engine deciding with other thresholds: for measuring the trade-off between
    /// answering more and refusing near misses.
    pub fn with_thresholds(mut self, thresholds: Thresholds) -> Engine {
        self.thresholds = thresholds;
        self
    }

    pub fn knowledge(&self) -> &Knowledge {
        &self.knowledge
    }

    /// Answers one patient message. Never panics, whatever the input.
    pub fn answer(&self, question: &str) -> Reply {
        self.respond(question, Detail::Decision).0
    }

    /// The fallback reply with the broadest topics: for a message with no words, and for a
    /// front end whose call to [`Engine::answer`] failed.
    pub fn fallback(&self) -> Reply {
        reply::fallback(
            &self.knowledge.replies,
            self.default_suggestions.clone(),
            0.0,
        )
    }

    /// [`Engine::answer`] for a front end that must go on whatever a message holds (the
    /// Telegram bot, the terminal chat): see [`or_fallback`]. Tests and `eval` call
    /// [`Engine::answer`], so that a bug still shows.
    pub fn answer_or_fallback(&self, question: &str) -> Reply {
        or_fallback(|| self.answer(question), || self.fallback())
    }

    /// [`Engine::answer`], with the retrieval and decision steps behind the reply when they
    /// ran (not for a warning sign or small talk), from the same single pass: for the staff
    /// page, which shows both.
    pub fn answer_explained(&self, question: &str) -> (Reply, Option<Analysis>) {
        self.respond(question, Detail::Explained)
    }

    /// [`Engine::answer_explained`], its analysis filled in as far as `detail` asks.
    fn respond(&self, question: &str, detail: Detail) -> (Reply, Option<Analysis>) {
        let replies = &self.knowledge.replies;
        let cleaned = text::clean(question);
        let words = self.words(&cleaned);
        if words.is_empty() {
            return (self.fallback(), None);
        }
        // A pasted form's items answered no ("Chest pain? no") are no sign; the rest is
        // triaged as it is.
        let answered = triage::without_denied_items(question).map(|t| self.words(&text::clean(&t)));
        if let Some((id, name)) = self.triage.rule(answered.as_ref().unwrap_or(&words)) {
            let because = reply::UrgentBecause::Rule {
                id: id.to_string(),
                name: name.to_string(),
            };
            return (reply::urgent(replies, because), None);
        }
        if let Some(which) = smalltalk::classify(&words) {
            return (reply::smalltalk(replies, which), None);
        }
        let analysis = self.analyze_message(&cleaned, &words, detail);
        let reply = match analysis.chosen {
            Some(i) => {
                let c = &analysis.candidates[i];
                let p = &self.knowledge.passages[c.passage];
                let quoted = PassageRef::new(&self.knowledge, p);
                if p.urgent {
                    reply::urgent_answer(replies, quoted, c.coverage)
                } else {
                    reply::answer(replies, quoted, c.coverage)
                }
            }
            None => {
                let confidence = analysis
                    .candidates
                    .iter()
                    .map(|c| c.coverage)
                    .fold(0.0, f32::max);
                reply::fallback(replies, self.suggestions(&analysis), confidence)
            }
        };
        (reply, Some(analysis))
    }

    /// The retrieval and decision steps for a question, without triage or small talk.
    pub fn analyze(&self, question: &str) -> Analysis {
        let cleaned = text::clean(question);
        self.analyze_message(&cleaned, &self.words(&cleaned), Detail::Explained)
    }

    /// The retrieval and decision steps for a `cleaned` message of `words`: what it asks,
    /// without a letter's sign-off, read beside the context it tells.
    fn analyze_message(&self, cleaned: &str, words: &[String], detail: Detail) -> Analysis {
        self.analyze_words(
            text::clauses::without_sign_off(cleaned, words),
            &text::clauses::context_words(cleaned),
            detail,
        )
    }

    /// The question's words, with words run together split ("chestpain"), unless the
    /// documents use the word, it is a typo the speller fixes ("sclerotherpy"), or a
    /// warning-sign rule names it: "partout" and "gonflée" are French, not "part out".
    fn words(&self, cleaned: &str) -> Vec<String> {
        text::words_unjoined(cleaned, |w| {
            self.vocabulary.knows_or_corrects(w) || self.triage.knows(w)
        })
    }

    /// `context`: words the patient told only as context beside the question (see
    /// [`text::clauses`]); concepts made of them are the question's setting.
    fn analyze_words(&self, words: &[String], context: &[String], detail: Detail) -> Analysis {
        let mut corrections = Vec::new();
        let words: Vec<String> = words
            .iter()
            .map(|w| match self.vocabulary.correction(w, &self.corpus) {
                Some(fixed) => {
                    corrections.push((w.clone(), fixed.clone()));
                    fixed
                }
                None => w.clone(),
            })
            .collect();
        let mut concepts: Vec<Concept> = self.synonyms.concepts(&words, &self.corpus);
        for c in &mut concepts {
            c.related = self.related.of(c, &self.corpus);
            c.context |=
                !context.is_empty() && c.words.split(' ').all(|w| context.iter().any(|x| x == w));
        }
        let stems: Vec<ConceptStems> = concepts
            .iter()
            .map(|c| self.corpus.concept_stems(c))
            .collect();
        let reports: Vec<ConceptReport> = concepts
            .iter()
            .zip(&stems)
            .map(|(c, s)| self.corpus.report(c, s, self.thresholds.light_zipf))
            .collect();
        // A word no document uses that only restates another word of the question ("riding"
        // a "bike", "jogging" and "running") adds nothing to ask about: it goes.
        let redundant: Vec<bool> = (0..concepts.len())
            .map(|i| !reports[i].known && restates_another(&concepts, &reports, i, &self.corpus))
            .collect();
        let (mut kept, mut kept_stems, mut kept_reports) = (Vec::new(), Vec::new(), Vec::new());
        for ((c, s), (r, redundant)) in concepts
            .into_iter()
            .zip(stems)
            .zip(reports.into_iter().zip(redundant))
        {
            if !redundant {
                kept.push(c);
                kept_stems.push(s);
                kept_reports.push(r);
            }
        }
        let (mut concepts, stems, mut reports) = (kept, kept_stems, kept_reports);
        offered_as_one_of_two(&mut concepts, &reports, &words);
        // A question made only of common words still asks about them: "when can I get back
        // to running" asks about running, however common "running" is in English. One such
        // word alone does not say in which sense ("what time do you close", "valves close").
        if reports.iter().all(|r| r.light) && reports.iter().filter(|r| !r.setting).count() >= 2 {
            for r in reports.iter_mut().filter(|r| !r.setting) {
                r.light = false;
            }
        }
        // A heavy concept no document mentions vetoes; a light one ("available") does not,
        // nor one offered beside a known one ("aisle or window seat").
        let all_known = !concepts.is_empty()
            && reports.iter().enumerate().all(|(j, r)| {
                r.known || r.light || concepts[j].or_with.is_some_and(|k| reports[k].known)
            });

        // Rank by what sets passages apart: background concepts ("spider veins" in a spider-vein
        // leaflet) are in nearly every passage and would only favour short ones.
        let any_foreground = reports.iter().any(|r| !r.background);
        // "what actually are spider veins? my granddaughter says ...": the passage that says
        // what they are, where one does; searched for even when they are a subject.
        // Not for "how does laser vein treatment work": where no passage says what that is,
        // searching for the subject too only reorders the passages that say how it works.
        let (defined, what_it_is) = asked_to_define(&words, &concepts, &reports);
        let terms: Vec<Vec<Vec<&str>>> = concepts
            .iter()
            .zip(&stems)
            .zip(&reports)
            .enumerate()
            .filter(|(j, (_, r))| {
                !any_foreground || !r.background || what_it_is && defined.contains(j)
            })
            .map(|(_, c)| c)
            .map(|((c, s), _)| {
                // Related words only help find passages for a word no document uses itself;
                // each extra term costs the search time.
                let own_in_corpus = s.any_known();
                let related = c.related.iter().filter(move |_| !own_in_corpus);
                c.alternatives
                    .iter()
                    .map(|a| a.iter().map(String::as_str).collect())
                    .chain(related.map(|r| vec![r.stem.as_str()]))
                    .collect()
            })
            .collect();
        let candidates: Vec<Candidate> = self
            .index
            .search(&terms, CANDIDATES)
            .into_iter()
            .map(|(passage, bm25)| {
                self.corpus
                    .candidate(&concepts, &stems, &reports, passage, bm25, detail)
            })
            .collect();
        let defines = |c: &Candidate| {
            let passage = self.corpus.defined(c.passage);
            !defined.is_empty()
                && defined.iter().all(|&j| {
                    stems[j]
                        .alternatives
                        .iter()
                        .any(|a| decide::present(a, passage))
                })
        };
        // A concept no document mentions means no passage can answer, however well the rest matches.
        let chosen = if all_known {
            decide::choose(
                &candidates,
                concepts.len(),
                TieBreak::new(concepts.len() == 1, !any_foreground && asks_what(&words)),
                &self.thresholds,
                |c| {
                    self.corpus
                        .focus(&concepts, &stems, &reports, c.passage, c.covered)
                },
                |c| self.corpus.headed(&stems, &reports, c.passage, c.covered),
                defines,
            )
            .and_then(|best| candidates.iter().position(|c| std::ptr::eq(c, best)))
        } else {
            None
        };
        Analysis {
            corrections,
            concepts: reports,
            candidates,
            chosen,
        }
    }

    /// Headings of the passages closest to the question, else the broadest topics.
    fn suggestions(&self, analysis: &Analysis) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let related = analysis
            .candidates
            .iter()
            .map(|c| &self.knowledge.passages[c.passage].heading);
        for h in related.chain(self.default_suggestions.iter()) {
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
            if !out.contains(h) {
                out.push(h.clone());
            }
        }
        out
    }
}

/// Words that may open the second of two things offered: "laser or **the** injections", "my
/// GP or **a** dermatologist", "jogging or **just** brisk walking".
const OR_OPENERS: &[&str] = &[
    "a", "an", "the", "my", "your", "just", "maybe", "perhaps", "some", "should", "is", "do",
];

/// Links two weighty concepts offered as one of two, "A or B", side by side (see
/// [`Concept::or_with`]): a passage on one answers the choice. Not "can I swim or do I need to
/// rest", two questions, nor a setting.
fn offered_as_one_of_two(concepts: &mut [Concept], reports: &[ConceptReport], words: &[String]) {
    // Two things of a kind: both nouns, or words English data does not list (the names of
    // treatments and medicines: "sclerotherapy", "ropinirole"); not "swim or rest".
    let thing = |c: &Concept| c.noun || c.zipf.is_none();
    for j in 1..concepts.len() {
        let (a, b) = (&concepts[j - 1], &concepts[j]);
        if a.frame || b.frame || reports[j - 1].setting || reports[j].setting {
            continue;
        }
        let between = &words[a.span.1.min(b.span.0)..b.span.0];
        let offered = between.first().is_some_and(|w| w == "or")
            && between.len() <= 2
            && between[1..]
                .iter()
                .all(|w| OR_OPENERS.contains(&w.as_str()));
        if offered && thing(a) == thing(b) {
            concepts[j - 1].or_with = Some(j);
            concepts[j].or_with = Some(j - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small folder of its own, so these tests do not move when the clinic edits its files.
    fn engine(doc: &str) -> Engine {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("doc.md"), doc).unwrap();
        Engine::load(dir.path()).unwrap()
    }

    const DOC: &str = "# Veins\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n\n## Sclerotherapy\n\nSclerotherapy injects a solution that seals the vein.\n\n## Exercise\n\nRegular exercise such as walking improves circulation.\n";

    #[test]
    fn a_synonym_reaches_the_forms_a_passage_uses_but_no_further() {
        let e = engine(
            "# Scans\n\n## The scan\n\nThe duplex scan of your legs is painless and takes twenty minutes.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        // hurt ~ pain, said as "painless".
        let a = e.answer("does the leg scan hurt");
        assert_eq!(a.kind, ReplyKind::Answer, "{a:?}");
        // slimmer ~ skinny, but "skinny" is no form of "skin".
        assert_eq!(
            e.answer("will the scan make my legs slimmer").kind,
            ReplyKind::Fallback
        );
        // itch ~ urge, but "urgent" is no form of "urge".
        let e = engine(
            "# Veins\n\n## Help\n\nGet urgent help if your calf swells.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        let r = e.answer("my calf is a bit itchy, is that ok");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn a_passage_speaks_of_a_thing_by_any_name_the_clinic_gives_it() {
        let e = engine(
            "# Laser\n\n## Faces\n\nLaser treatment suits fine red thread veins around the nose and on the cheeks.\n\n## On the day\n\nCome without make-up on the area to be treated.\n",
        );
        // "thread veins" = ["spider veins"] in the shipped synonyms: one thing, two names.
        let a = e.answer("can laser treat spider veins on my nose");
        assert_eq!(a.passage.expect("answered").id.0, "doc#faces-1");
        // "make-up", typed closed up.
        let a = e.answer("can i have makeup on the area");
        assert_eq!(a.passage.expect("answered").id.0, "doc#on-the-day-1");
    }

    #[test]
    fn a_thing_of_two_words_is_named_only_by_its_words_side_by_side() {
        let e = engine(
            "# Visit\n\n## What to bring\n\nBring a list of your medicines, blood thinners included, and the results of any test or scan you have had.\n\n## Patch\n\nA small test patch is done on a less visible area before the first session.\n\n## Bandages\n\nKeep your compression stockings or bandages on for two days, then shower.\n",
        );
        // "blood" in one clause and "test" in another name no blood test.
        assert_eq!(e.answer("do i need a blood test").kind, ReplyKind::Fallback);
        // Side by side in either order, or a word or two apart.
        let a = e.answer("what is a patch test");
        assert_eq!(a.passage.expect("answered").id.0, "doc#patch-1");
        let a = e.answer("can i shower with my compression bandages on");
        assert_eq!(a.passage.expect("answered").id.0, "doc#bandages-1");
    }

    #[test]
    fn slim_is_not_corrected_to_skin() {
        let e = engine(DOC);
        assert!(e.analyze("slim legs").corrections.is_empty());
        assert_eq!(
            e.answer("do slim people get spider veins").kind,
            ReplyKind::Fallback
        );
    }

    #[test]
    fn typos_are_corrected_against_the_index_vocabulary() {
        let e = engine(DOC);
        let a = e.analyze("how does sclerotheraphy work");
        assert_eq!(
            a.corrections,
            vec![("sclerotheraphy".to_string(), "sclerotherapy".to_string())]
        );
        assert_eq!(
            e.answer("excercise and walking").passage.unwrap().id.0,
            "doc#exercise-1"
        );
    }

    #[test]
    fn a_concept_no_document_mentions_means_fallback_even_with_strong_matches() {
        let e = engine(DOC);
        let reply = e.answer("can I shave after sclerotherapy");
        assert_eq!(reply.kind, ReplyKind::Fallback);
        assert_eq!(
            reply.suggestions[0], "Sclerotherapy",
            "the related topic comes first"
        );
        assert_eq!(
            e.answer("what does sclerotherapy do").passage.unwrap().id.0,
            "doc#sclerotherapy-1"
        );
    }

    #[test]
    fn concepts_from_two_passages_are_not_answered_from_either() {
        let e = engine(DOC);
        assert_eq!(
            e.answer("is walking good after sclerotherapy").kind,
            ReplyKind::Fallback
        );
    }

    #[test]
    fn a_question_answered_by_an_urgent_section_gets_the_urgent_reply_and_the_passage() {
        let e = engine(
            "# Aftercare\n\n## Walking\n\nWalk every day after sclerotherapy.\n\n## Get help now {.urgent}\n\nGo to hospital straight away if a lump on the treated vein becomes hot and very tender.\n",
        );
        let r = e.answer("the lump on my treated vein is hot and tender");
        assert_eq!(r.kind, ReplyKind::Urgent);
        let p = r.passage.as_ref().expect("the urgent section is quoted");
        assert_eq!(p.id.0, "doc#get-help-now-1");
        assert!(r.text.contains("straight away if a lump"));
        assert_eq!(
            r.urgent_because,
            Some(UrgentBecause::Section {
                passage: p.id.clone()
            })
        );
        assert_eq!(
            e.answer("can I walk after sclerotherapy").kind,
            ReplyKind::Answer
        );
    }

    #[test]
    fn how_long_is_answered_only_by_a_passage_that_gives_a_span_of_time() {
        // "weeks" is in most passages: the document's subject. It must not answer "how long"
        // for the one passage that gives no span of time.
        let e = engine(
            "# Aftercare\n\n## Stockings\n\nWear your stockings for two weeks after sclerotherapy.\n\n## Walking\n\nWalk every day for a few weeks.\n\n## Sun\n\nKeep the treated skin out of the sun for four weeks.\n\n## Swimming\n\nWait two weeks before swimming.\n\n## Calls\n\nRing the clinic if you are worried about bruising.\n",
        );
        let r = e.answer("how long will the bruising last");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = e.answer("how long should I wear my stockings");
        assert_eq!(r.passage.expect("answered").id.0, "doc#stockings-1");
    }

    #[test]
    fn how_often_is_answered_by_a_passage_that_says_how_often() {
        let e = engine(
            "# Work\n\n## Why standing matters\n\nStanding still raises the pressure in your leg veins. Calf raises work the calf muscle pump.\n\n## On your feet\n\nEvery 20 to 30 minutes, do 10 to 15 calf raises, holding a counter for balance.\n\n## Shoes\n\nWear low heels at work.\n\n## Valves\n\nOnce the valves fail, blood pools in the lower legs.\n\n## Washing\n\nWash your stockings after each day's wear.\n",
        );
        // "once" says how often only beside a unit of time ("once an hour").
        let r = e.answer("how often does blood pool in the legs");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = e.answer("how often should I wash my stockings");
        assert_eq!(r.passage.expect("answered").id.0, "doc#washing-1");
        let r = e.answer("how often should I do calf raises at work");
        assert_eq!(r.passage.expect("answered").id.0, "doc#on-your-feet-1");
        // A passage that names the thing but not how often does not answer it.
        let r = e.answer("how often should I wear low heels");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn how_far_apart_asks_for_the_time_between() {
        let e = engine(
            "# Sclerotherapy\n\n## Sessions\n\nMost patients need a few sclerotherapy sessions, typically three to four.\n\n## Exercise\n\nWalking helps the circulation in the legs.\n",
        );
        let r = e.answer("how far apart are the sclerotherapy sessions");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let e = engine(
            "# Sclerotherapy\n\n## Sessions\n\nMost patients need three to four sclerotherapy sessions, spaced four to six weeks apart.\n\n## Exercise\n\nWalking helps the circulation in the legs.\n",
        );
        let r = e.answer("how far apart are the sclerotherapy sessions");
        assert_eq!(r.passage.expect("answered").id.0, "doc#sessions-1");
    }

    #[test]
    fn whether_one_thing_turns_into_another_needs_a_passage_that_says_so() {
        let e = engine(
            "# Veins\n\n## Two kinds\n\nSpider veins are distinct from varicose veins, which are larger and raised.\n\n## Exercise\n\nWalking helps the circulation in the legs.\n",
        );
        // The passage tells them apart; it does not say whether one becomes the other.
        let r = e.answer("can spider veins turn into varicose veins later");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let e = engine(
            "# Veins\n\n## Two kinds\n\nSpider veins are distinct from varicose veins, and rarely progress to them.\n\n## Exercise\n\nWalking helps the circulation in the legs.\n",
        );
        let r = e.answer("can spider veins turn into varicose veins later");
        assert_eq!(r.passage.expect("answered").id.0, "doc#two-kinds-1");
    }

    #[test]
    fn how_long_is_answered_by_a_span_of_time_given_of_what_is_asked() {
        let e = engine(
            "# Aftercare\n\n## After treatment\n\nHow long you wear stockings depends on the treatment: often one to two weeks. Walking after laser or sclerotherapy helps your recovery.\n\n## Your duplex scan\n\nThe scan shows how blood flows in your legs. It takes about 20 minutes.\n\n## On the day\n\nVein mapping is done with a handheld probe. It takes about 1.5 hours.\n\n## The first 48 hours\n\nKeep the bandages dry.\n\n## Fees\n\nEach laser session costs the same. Laser fees include a review about six weeks after treatment.\n",
        );
        // The passage says "recovery", and gives two weeks, but of wearing stockings.
        let r = e.answer("how long is the recovery after laser treatment");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = e.answer("how long do I wear stockings after treatment");
        assert_eq!(r.passage.expect("answered").id.0, "doc#after-treatment-1");
        // "It takes about 20 minutes": the heading says what "it" is.
        let r = e.answer("how long does the duplex scan take");
        assert_eq!(r.passage.expect("answered").id.0, "doc#your-duplex-scan-1");
        // "It" in the sentence that gives the span: the sentence before says what it is.
        // "1.5 hours" ends no sentence.
        let r = e.answer("how long does the vein mapping take");
        assert_eq!(r.passage.expect("answered").id.0, "doc#on-the-day-1");
        let r = e.answer("hw long does the vein mapping take");
        assert_eq!(r.passage.expect("answered").id.0, "doc#on-the-day-1");
        // A heading that gives the span gives it of what is under it.
        let r = e.answer("how long do I keep the bandages dry");
        assert_eq!(
            r.passage.expect("answered").id.0,
            "doc#the-first-48-hours-1"
        );
        // Of a laser session, not of anything laser.
        let r = e.answer("how long does a laser session take");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Counted from an event, the span may be given of any of the question's things.
        let r = e.answer("how long after laser do I wear stockings");
        assert_eq!(r.passage.expect("answered").id.0, "doc#after-treatment-1");
    }

    #[test]
    fn words_of_opinion_name_no_topic() {
        let e = engine(
            "# Laser\n\n## Aftercare\n\nAvoid hot baths and strenuous exercise for 48 hours after laser treatment.\n",
        );
        let r = e.answer("fancy a nice hot bath after laser today, is that ok");
        assert_eq!(r.passage.expect("answered").id.0, "doc#aftercare-1");
        // A thing no passage names still vetoes, however it is said.
        let r = e.answer("fancy a nice sauna after laser today, is that ok");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn the_people_in_a_patients_life_are_family_and_friends_to_a_passage() {
        let e = engine(
            "# Visit\n\n## Coming with you\n\nYou may bring a friend or carer with you to your consultation.\n\n## Fees\n\nA consultation costs the same for everyone.\n",
        );
        let r = e.answer("can my husband come in with me for the consultation");
        assert_eq!(r.passage.expect("answered").id.0, "doc#coming-with-you-1");
        // Where no passage speaks of family or friends, "my mum" is still a thing asked.
        let e = engine(DOC);
        let r = e.answer("my mum had sclerotherapy, will I need it too");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn a_question_of_common_words_still_asks_about_them() {
        let e = engine(
            "# Aftercare\n\n## Exercise\n\nWait two weeks before going back to running or swimming.\n\n## Valves\n\nThe valves in your veins close to stop blood flowing backwards.\n",
        );
        // "back" and "running" are both common in English, but they are what is asked.
        let r = e.answer("when can i get back to running");
        assert_eq!(r.passage.expect("answered").id.0, "doc#exercise-1");
        // One common word alone does not say in which sense: the clinic does not "close".
        let r = e.answer("what time do you close on a saturday");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn among_passages_that_cover_a_question_the_one_that_says_it_together_answers() {
        // Both passages say "laser" and "scars"; the first, shorter, says them far apart.
        let e = engine(
            "# Laser\n\n## Aftercare\n\nLaser works fast. Laser is safe for most skin. Keep the area out of the sun. Picking at scabs leaves scars.\n\n## Side effects\n\nAfter the treatment some redness and swelling is normal for a day or two, and it settles without any help from you. Laser treatment very rarely leaves scars on the skin of the legs or the face.\n\n## Booking\n\nBook by phone or email, and tell us about any medicines you take.\n\n## Fees\n\nA consultation costs the same for everyone.\n",
        );
        let r = e.answer("does laser leave scars");
        assert_eq!(r.passage.expect("answered").id.0, "doc#side-effects-1");
    }

    #[test]
    fn no_meaning_of_a_phrase_is_said_more_directly_than_another() {
        // "come back" means another visit or session: neither word is the patient's own, so
        // the passage on sessions is not beaten by one that happens to say "visit".
        let e = engine(
            "# Laser\n\n## Before\n\nAt your first visit before laser treatment the clinician checks your skin and does a test patch before the first session.\n\n## Sessions\n\nMost people need between two and four laser sessions, spaced four to six weeks apart, and some need more sessions.\n",
        );
        let r = e.answer("will i need to come back for more laser sessions");
        assert_eq!(r.passage.expect("answered").id.0, "doc#sessions-1");
    }

    #[test]
    fn a_section_opener_wins_only_within_its_document() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a-treatments.md"),
            "# Treatments\n\n## Options\n\nSeveral treatments can remove spider veins.\n\nSclerotherapy injects a solution into the vein, which seals it shut.\n\n## Exercise\n\nWalking helps your circulation.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b-fees.md"),
            "# Fees\n\n## Deposits\n\nTo reserve a laser or sclerotherapy appointment we ask for a deposit of fifty pounds when you book, which is taken off your bill on the day of your treatment.\n\n## Paying\n\nYou can pay by card at reception.\n",
        )
        .unwrap();
        let e = Engine::load(dir.path()).unwrap();
        // Both documents' passages say "sclerotherapy"; the fees leaflet's opens its section.
        let r = e.answer("sclerotherapy");
        assert_eq!(r.passage.expect("answered").id.0, "a-treatments#options-2");
        // Within one document, the opener is still the overview ("exercise").
        let r = e.answer("walking");
        assert_eq!(r.passage.expect("answered").id.0, "a-treatments#exercise-1");
    }

    #[test]
    fn an_event_a_document_is_titled_after_need_not_be_named_again() {
        let e = engine(
            "# Endovenous Ablation\n\n## What it is\n\nAblation seals a faulty vein with heat from a catheter; sclerotherapy seals one with a foam instead.\n\n## Work\n\nMost people go back to desk work within two days, or a week for heavy lifting.\n\n## Driving\n\nYou can drive once you can make an emergency stop.\n",
        );
        let r = e.answer("how long off work will I need after ablation");
        assert_eq!(r.passage.expect("answered").id.0, "doc#work-1");
        // Not an event the document is titled after: still a concept the passage must name.
        let r = e.answer("how long off work will I need after sclerotherapy");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn the_procedure_is_the_treatment_a_passage_times_things_by() {
        // A foam sclerotherapy leaflet with these sections after the one saying what it is.
        let foam = |sections: &str| {
            engine(&format!(
                "# Foam sclerotherapy\n\n## What it is\n\nFoam sclerotherapy closes varicose veins with injections of a medicine mixed into a foam.\n\n{sections}## Stockings\n\nWear the stocking for two weeks.\n\n## Bruising\n\nBruising fades within a month.\n"
            ))
        };
        let driving = "## Driving\n\nYou can drive the day after foam sclerotherapy, once you can make an emergency stop.\n\n";
        let parking = "## Parking\n\nYou can drive to the clinic and park outside for free.\n\n";
        let e = foam(&format!("{driving}{parking}"));
        for q in [
            "when can i drive after the injections",
            "can I drive after the procedure",
            "am i ok to drive after my op",
        ] {
            let r = e.answer(q);
            assert_eq!(r.passage.expect("answered").id.0, "doc#driving-1", "{q}");
        }
        // A passage that says nothing of after the treatment does not answer for it.
        let r = foam(parking).answer("can I drive after the procedure");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Nor does one that says what comes after, for a question of what comes before.
        let r = foam(driving).answer("can I drive before the procedure");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Nor one that says "after" of something that names nothing ("after you ...").
        let r =
            foam("## Driving\n\nYou can drive once you feel able to, after you have rested.\n\n")
                .answer("can I drive after the procedure");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn whether_age_allows_it_is_asked() {
        let e = engine(
            "# Veins\n\n## Treatment\n\nSclerotherapy treats spider veins on the legs with small injections. Most people need two or three sessions.\n\n## Restless legs\n\nRestless legs get worse with too little sleep.\n\n## Exercise\n\nWalking helps the calf muscle pump blood back to the heart.\n",
        );
        for q in [
            "am i too old for sclerotherapy",
            "my son is 16, is he old enough for sclerotherapy sessions",
            "will my restless legs get worse as i get older",
        ] {
            assert_eq!(e.answer(q).kind, ReplyKind::Fallback, "{q}");
        }
        // Age told, not asked: still answered.
        let r = e.answer("my 4 month old keeps me up, how many sclerotherapy sessions will i need");
        assert_eq!(r.passage.expect("answered").id.0, "doc#treatment-1");
    }

    #[test]
    fn a_part_of_the_body_is_no_workplace() {
        let e = engine(DOC);
        let a = e.analyze(
            "im a nurse on 12 hour shifts always on my feet. did all that standing cause the veins in my pelvis",
        );
        let pelvis = a
            .concepts
            .iter()
            .find(|c| c.words == "pelvis")
            .expect("a concept");
        assert!(!pelvis.light && !pelvis.setting, "{pelvis:?}");
        // Where they work still tells who asks.
        let a = e.analyze("12 hour shifts standing in a warehouse, is that why my veins ache");
        let warehouse = a
            .concepts
            .iter()
            .find(|c| c.words == "warehouse")
            .expect("a concept");
        assert!(warehouse.setting, "{warehouse:?}");
    }

    #[test]
    fn words_of_courtesy_name_no_topic() {
        let e = engine(DOC);
        for q in [
            "Dear Sir or Madam, kindly tell me whether walking improves circulation. I would be most grateful. Yours faithfully",
            "hiya hun, sorry to bother you, does walking improve circulation? ta xx",
            "quick question: does walking improve circulation?",
            "im confused, does walking improve circulation? whats your opinion",
            "my english not so good, does walking improve circulation?",
            "honest answer pls, does walking improve circulation? doesnt make sense to me",
            "yo bro does walking improve circulation? asking for a friend lol",
            "doc said walking improves circulation, is that right",
            "walking - does that count? does it improve circulation",
        ] {
            let r = e.answer(q);
            assert_eq!(r.passage.expect("answered").id.0, "doc#exercise-1", "{q}");
        }
    }

    #[test]
    fn a_time_that_says_when_is_no_span_of_time() {
        let when = engine(
            "# Veins\n\n## Stockings\n\nPut your stockings on in the morning and wear them through the day.\n",
        );
        let r = when.answer("how long do I wear the stockings?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let span = engine(
            "# Veins\n\n## Stockings\n\nWear your stockings for two weeks after treatment.\n",
        );
        let r = span.answer("how long do I wear the stockings?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#stockings-1");
        // A span before "after" says when one thing comes after another, not how long the
        // other takes; "for", "wait" and the like make it a length all the same.
        let after = engine(
            "# Veins

## Phlebectomy

Phlebectomy is often done a few weeks after laser treatment.

## Creams

Test a new cream on a small patch and wait 48 hours before using it.
",
        );
        let r = after.answer("how long does the laser treatment take?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = after.answer("how long should i wait after testing a new cream on a patch");
        assert_eq!(r.passage.expect("answered").id.0, "doc#creams-1");
        // Asked as a time from an event, it answers.
        let r = after.answer("how long after laser treatment is phlebectomy done?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#phlebectomy-1");
        // What comes before the event is what takes that long; a moment "at" a time lasts
        // nothing.
        let result = engine(
            "# Veins\n\n## Results\n\nThe full result is seen two to three months after your last laser session.\n\n## Reviews\n\nYour legs are reviewed at six weeks after the injections.\n",
        );
        let r = result.answer("how long does the full result take to show?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#results-1");
        let r = result.answer("how long does a laser session take?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = result.answer("how long does the review take?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn a_passage_may_say_come_back_in_those_words_side_by_side() {
        let e = engine(
            "# Veins\n\n## Later\n\nSpider veins can come back years after treatment.\n\n## Scan\n\nCome in comfortable clothes and lie on your back for the scan.\n",
        );
        let r = e.answer("will my spider veins come back after treatment?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#later-1");
        // "Come in ... on your back" says no such thing.
        let r = e.answer("will the scan come back clear?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn a_kind_of_exercise_the_documents_name_is_exercise_to_all_their_passages() {
        let e = engine(
            "# Veins\n\n## Removal\n\nExercise cannot remove existing spider veins.\n\n## Circulation\n\nCycling and walking improve circulation in the legs.\n",
        );
        let r = e.answer("will cycling remove my spider veins");
        assert_eq!(r.passage.expect("answered").id.0, "doc#removal-1");
        // No document names yoga: whether it helps is the specialist's to say.
        let r = e.answer("will yoga remove my spider veins");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn the_patients_occupation_is_context_not_what_is_asked() {
        let e = engine(
            "# Veins\n\n## Standing\n\nLong periods of standing or sitting raise the pressure in the leg veins.\n\n## Exercise\n\nRegular exercise such as walking improves circulation.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        let r = e.answer("I'm a hairdresser, does standing all day make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        let r = e.answer("as a taxi driver I'm sitting all day, does that make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        let r = e.answer("im a hairdresser, does standing all day make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        let r = e.answer("Retired hairdresser here. Does standing all day make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        // A phrase's verb in any form: "sat down" is sitting.
        let r = e.answer("Desk job, sat down all day. Does that make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        // Where they stand or sit for hours is context too; where they sit for a while is not.
        let r = e.answer(
            "I work 12 hour shifts standing in a warehouse, does that make my veins worse?",
        );
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        let r = e.answer("sat in the cab 10 hrs a day, does all that sitting make my veins worse?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#standing-1");
        let r = e.answer("is sitting in a sauna bad for my veins?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // A condition is no occupation: it may change the advice.
        let r = e.answer("I'm a diabetic, does standing all day make my veins worse?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Nothing else asked: the occupation stays a thing a passage must name.
        let r = e.answer("im a hairdresser so standing all day, should i book time off?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Hours that time something else are no working day: the bath stays asked.
        let e = engine(
            "# Veins\n\n## Injections\n\nAfter your injections, avoid sitting still for hours.\n\n## Exercise\n\nRegular exercise such as walking improves circulation.\n",
        );
        let r = e.answer("can I sit in the bath for 2 hours after my injections?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        let r = e.answer(
            "I work 10 hour shifts sitting in a cab, is sitting for hours ok after my injections?",
        );
        assert_eq!(r.passage.expect("answered").id.0, "doc#injections-1");
    }

    #[test]
    fn a_question_of_what_a_thing_is_is_answered_where_it_is_said() {
        let e = engine(
            "# Spider veins\n\nSpider veins (telangiectasias) are a common cosmetic concern: small red, blue or purple lines.\n\n## Walking\n\nWalking helps spider veins on the backs of the knees and keeps new spider veins from forming.\n\n## Causes\n\nSpider veins result from pressure in the small veins.\n",
        );
        // Before, the passage that names the knees answered: it covered the context too.
        let r = e.answer(
            "What exactly are spider veins? My granddaughter says I have them on the backs of my knees.",
        );
        assert_eq!(r.passage.expect("answered").id.0, "doc#spider-veins-1");
        let r = e.answer("whats a spider vein exactly");
        assert_eq!(r.passage.expect("answered").id.0, "doc#spider-veins-1");
        // More is asked than what they are.
        let r = e.answer("what are spider veins on the backs of the knees helped by");
        assert_eq!(r.passage.expect("answered").id.0, "doc#walking-1");
        let r = e.answer("what are spider veins exactly, and does walking help them?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#walking-1");
        // "is called", and "what does ... mean".
        let e = engine(
            "# Swelling\n\nOedema often starts at the ankles, and oedema may leave a dent when pressed.\n\n## What it is\n\nSwelling caused by fluid in the tissues is called oedema.\n",
        );
        let r = e.answer("what does oedema mean?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#what-it-is-1");
        let r = e.answer("what does oedema do to the ankles?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#swelling-1");
        // "how does ... work": the passage that says what it is, not the section's overview.
        let e = engine(
            "# Veins

## The muscle pump

Walking works the calf muscle pump and helps the circulation.

The calf muscle pump is a mechanism where muscles squeeze the deep veins.
",
        );
        for q in [
            "how does the calf muscle pump work",
            "how does the calf muscle pump thing actually work?",
        ] {
            let r = e.answer(q);
            assert_eq!(r.passage.expect(q).id.0, "doc#the-muscle-pump-2", "{q}");
        }
        // More is asked than how it works.
        let r = e.answer("how does walking help the calf muscle pump");
        assert_eq!(r.passage.expect("answered").id.0, "doc#the-muscle-pump-1");
        // Asked after another "how".
        let r = e.answer("not sure how to ask, but what actually is the calf muscle pump?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#the-muscle-pump-2");
    }

    #[test]
    fn where_on_the_legs_is_context_but_other_places_and_the_legs_as_object_are_asked() {
        let e = engine(
            "# Veins\n\n## Spider veins\n\nSpider veins are fine red, blue or purple lines just beneath the skin.\n\n## Laser\n\nLaser treats fine spider veins with focused light.\n\n## Walking\n\nWalking helps the circulation in the legs.\n",
        );
        for q in [
            "got fine purple lines round my ankles, are those spider veins?",
            "I have fine blue lines on the backs of my thighs, are they spider veins?",
        ] {
            let r = e.answer(q);
            assert_eq!(r.passage.expect(q).id.0, "doc#spider-veins-1", "{q}");
        }
        // Before, the ankles vetoed: no passage names them.
        let r = e.answer("fine spider veins on my ankles, is laser good for them?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#laser-1");
        // The legs are the setting: the passage that names them answers better.
        let r = e.answer("does walking help the spider veins on my legs?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#walking-1");
        // Another place on the body stays asked: what treats the legs may not suit it.
        let r = e.answer("fine spider veins on my nose, is laser good for them?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // The legs as what is done to, not where the veins are.
        let r = e.answer("can I shave my thighs if I have spider veins?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn whom_the_patient_asks_for_is_context_but_family_history_is_asked() {
        let e = engine(
            "# Veins\n\n## Swimming\n\nSwimming and walking help the circulation in the legs of people with spider veins.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n\n## Laser\n\nLaser treats fine veins on the face.\n",
        );
        let r = e.answer("my wife has spider veins, would swimming help her?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#swimming-1");
        let r = e.answer("my mum has spider veins, does swimming help?");
        assert_eq!(r.passage.expect("answered").id.0, "doc#swimming-1");
        // About the patient, with the family as history: no passage speaks of families.
        let r = e.answer("my mum has spider veins, would swimming help me avoid them?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // "he" is not the mum: the question is about the son.
        let r = e.answer("his mum has spider veins, would swimming help him?");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn one_of_two_things_offered_is_answered_by_a_passage_on_the_other() {
        let e = engine(
            "# Veins\n\n## Laser\n\nLaser treats very fine veins on the face.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        let r = e.answer("laser or sclerotherapy, which is better for fine veins on the face");
        assert_eq!(r.passage.expect("answered").id.0, "doc#laser-1");
        let r = e.answer("is laser or the injections better for very fine veins");
        assert_eq!(r.passage.expect("answered").id.0, "doc#laser-1");
        // Two questions, not two things offered: the second still needs its answer.
        let r = e.answer("does laser treat fine veins or do i need sclerotherapy");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
        // Neither offered thing is in the documents.
        let r = e.answer("is sclerotherapy or foam better for fine veins");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn what_a_span_of_time_is_counted_from_must_be_spoken_to() {
        let e = engine(
            "# Veins\n\n## Travel\n\nAfter vein treatment, wait four to six weeks before a long flight, and walk every day.\n\n## Pregnancy\n\nThe risk of a clot stays raised for six weeks after the birth, and the midwife gives advice on travel.\n",
        );
        let r = e.answer("how soon after treatment can i take a long flight");
        assert_eq!(r.passage.expect("answered").id.0, "doc#travel-1");
        // The document speaks of births, but not of treatment after one.
        let r = e.answer("how soon after giving birth can i have vein treatment");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn what_how_many_counts_must_be_in_the_passage() {
        let e = engine(
            "# Veins\n\n## Laser\n\nLaser treats very fine veins on the face.\n\n## Sclerotherapy\n\nSclerotherapy seals a spider vein; most people need three or four sessions.\n",
        );
        let r = e.answer("how many sclerotherapy sessions will i need");
        assert_eq!(r.passage.expect("answered").id.0, "doc#sclerotherapy-1");
        // The document speaks of sessions, but the laser passage does not.
        let r = e.answer("how many laser sessions will i need for the veins on my nose");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn what_what_is_the_asks_for_must_be_in_the_passage() {
        let e = engine(
            "# Veins\n\n## Varicose veins\n\nVaricose veins are larger, raised and rope-like, unlike spider veins.\n\n## Treatment\n\nSclerotherapy treats spider veins with an injection.\n",
        );
        let r = e.answer("what is the treatment for spider veins");
        assert_eq!(r.passage.expect("answered").id.0, "doc#treatment-1");
        // The document speaks of treatment, but not the passage on varicose veins.
        let r = e.answer("whats the treatment for varicose veins");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn what_what_kind_of_asks_for_must_be_in_the_passage() {
        let e = engine(
            "# Work\n\n## Footwear\n\nChoose supportive shoes with a low heel.\n\n## Your employer\n\nTell your manager at work about your varicose veins, and ask to wear compression stockings with your uniform.\n\n## Breaks\n\nTake short breaks and walk around.\n\n## Lifting\n\nAvoid heavy lifting for two weeks after treatment.\n\n## Sitting\n\nStand up once an hour if you sit at a desk.\n",
        );
        let r = e.answer("what kind of shoes should I choose");
        assert_eq!(r.passage.expect("answered").id.0, "doc#footwear-1");
        // The document speaks of shoes, but the passage on telling an employer does not.
        let r = e.answer("what kind of shoes should i wear for work with varicose veins");
        assert_eq!(r.kind, ReplyKind::Fallback, "{r:?}");
    }

    #[test]
    fn between_documents_the_passage_headed_as_being_about_it_answers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("exercise.md"),
            "# Can Exercise Help Spider Veins?\n\n## Exercise and the circulation\n\nRegular activity such as walking, cycling and swimming helps the circulation in the legs and keeps new spider veins from forming.\n\n## Treatment\n\nSclerotherapy seals spider veins with an injection.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("skin.md"),
            "# Skin Care\n\n## Sun\n\nSkin with spider veins needs sunscreen: put it on before going out and again after swimming.\n\n## Shaving\n\nShave gently over spider veins with a clean razor.\n",
        )
        .unwrap();
        let e = Engine::load(dir.path()).unwrap();
        // Both name swimming and spider veins; the skin leaflet's passage only in passing.
        let r = e.answer("is swimming good for spider veins");
        assert_eq!(
            r.passage.expect("answered").id.0,
            "exercise#exercise-and-the-circulation-1"
        );
        let r = e.answer("should i put sunscreen on after swimming");
        assert_eq!(r.passage.expect("answered").id.0, "skin#sun-1");
    }

    #[test]
    fn an_abbreviation_is_what_it_stands_for() {
        // Defined by the document: "(MAO)" after its long form; used alone elsewhere.
        let e = engine(
            "# Treatments\n\n## Glue\n\nMedical adhesive occlusion (MAO) seals a vein with glue.\n\n## After ablation\n\nAfter ablation, walk for half an hour every day for two weeks.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        let r = e.answer("how long should i walk each day after EVLA");
        assert_eq!(
            r.passage.expect("answered").id.0,
            "doc#after-ablation-1",
            "standard: endovenous laser ablation, an ablation"
        );
        let r = e.answer("does MAO use glue");
        assert_eq!(r.passage.expect("answered").id.0, "doc#glue-1");
        // An abbreviation nobody defined still vetoes.
        assert_eq!(e.answer("can i walk after PRP").kind, ReplyKind::Fallback);
        // One that is an everyday word stays the word: "(US)" does not take over "us".
        let e = engine(
            "# Scans\n\n## The scan\n\nA duplex ultrasound (US) scan shows how blood flows in your veins.\n\n## Contact\n\nPhone us on the number below to book.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n",
        );
        let r = e.answer("how do i phone us");
        assert_eq!(r.passage.expect("answered").id.0, "doc#contact-1");
    }

    #[test]
    fn an_operation_is_a_procedure_at_a_clinic() {
        let e = engine(
            "# Treatments\n\n## Removal\n\nSpider vein removal procedures are quick and done under local anaesthetic.\n\n## Skin\n\nSpider veins show through the skin as fine lines.\n\n## Medicines\n\nTell the nurse about every medicine you take.\n",
        );
        let r = e.answer("is spider vein removal a big operation");
        assert_eq!(r.passage.expect("answered").id.0, "doc#removal-1");
        let r = e.answer("should i tell the nurse about my tablets");
        assert_eq!(r.passage.expect("answered").id.0, "doc#medicines-1");
        // "the pill" is a contraceptive, not any medicine.
        assert_eq!(
            e.answer("should i tell the nurse about the pill").kind,
            ReplyKind::Fallback
        );
    }

    #[test]
    fn a_price_is_answered_where_a_sum_is_given() {
        let e = engine(
            "# Fees\n\n## Prices\n\nA consultation costs £195 and sclerotherapy costs £300 per session.\n\n## Top-up sessions\n\nTop-up sclerotherapy sessions are booked at your review; ask what the cost will be.\n\n## Insurance\n\nPay any insurance excess to reception on the day of treatment.\n",
        );
        let r = e.answer("how much does a top-up sclerotherapy session cost");
        assert_ne!(
            r.passage.map(|p| p.id.0).as_deref(),
            Some("doc#top-up-sessions-1"),
            "no sum is given there"
        );
        let r = e.answer("how much does sclerotherapy cost");
        assert_eq!(r.passage.expect("answered").id.0, "doc#prices-1");
        // A sum the patient tells is how much, not what is asked.
        let r = e.answer("i have a £100 insurance excess, who do i pay it to");
        assert_eq!(r.passage.expect("answered").id.0, "doc#insurance-1");
    }

    #[test]
    fn a_panic_in_the_engine_gets_the_fallback() {
        let e = engine(DOC);
        let answered = or_fallback(
            || e.answer("does walking improve circulation"),
            || e.fallback(),
        );
        assert_eq!(answered.kind, ReplyKind::Answer);
        let failed = or_fallback(|| panic!("index out of bounds"), || e.fallback());
        assert_eq!(failed.kind, ReplyKind::Fallback);
        assert_eq!(failed, e.answer(""));
    }

    #[test]
    fn warning_signs_come_before_small_talk_and_answers() {
        let e = engine(DOC);
        assert_eq!(
            e.answer("hi, my calf is suddenly swollen").kind,
            ReplyKind::Urgent
        );
        assert_eq!(e.answer("hi").kind, ReplyKind::SmallTalk);
    }
}
