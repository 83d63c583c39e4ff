//! The decision: answer only when one passage covers every concept the question asks about.
//! A concept no document mentions at all ("sauna", "vitamins") means the documents cannot
//! answer, however strongly the other words match: that is how near misses become fallbacks
//! without any list of forbidden topics.

use serde::Serialize;

use super::concepts::{Concept, Related, Relation, names_a_kind_of_treatment};
use super::corpus::{CorpusStats, StemSet};

/// A word at least this common in English at large (Zipf 5.3: "available", "wait", "new",
/// "really") says little on its own: it may be missing from the passage that answers, and if
/// no document uses it, it vetoes nothing. Rarer words ("cost" 5.2, "safe" 5.1, "hurt" 4.9,
/// "shave" 3.8, "sauna" 3.2) must be covered, by themselves or by a related word.
pub const LIGHT_ZIPF: f32 = 5.3;

/// How much a concept weighs in a passage's coverage, from its Zipf frequency in English:
/// 1.0 for words at most as common as "veins" (3.5), falling to 0.1 for the most common.
/// Words too rare to be listed at all are as specific as words get.
pub fn informativeness(zipf: Option<f32>) -> f32 {
    match zipf {
        Some(z) => ((6.5 - z) / 3.0).clamp(0.1, 1.0),
        None => 1.0,
    }
}

/// How one concept of the question stands against the knowledge.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptReport {
    pub words: String,
    /// Some document mentions it (in any of its forms, or a related word).
    pub known: bool,
    /// It is the subject of some document.
    pub background: bool,
    /// So common in English that it may go unanswered (see [`LIGHT_ZIPF`]), or the setting of
    /// the question.
    pub light: bool,
    /// The setting of the question, not what it asks: a time, a name, or the context the
    /// patient told beside the question.
    pub setting: bool,
    /// Told only as context beside the question (see [`crate::text::clauses`]), or a time or
    /// a name: it counts where a passage speaks to it, and is left out where one does not.
    pub aside: bool,
    /// How informative it is in English at large (see [`informativeness`]).
    pub weight: f32,
}

/// One passage considered for the answer.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub passage: usize,
    pub bm25: f32,
    /// IDF-weighted share of the question's concepts this passage covers, 0 to 1.
    pub coverage: f32,
    /// Like `coverage`, but each concept counts less when only a synonym, the heading or the
    /// title expresses it: how directly the passage speaks to the question.
    pub directness: f32,
    /// Which of the question's concepts it covers (bit `j` for concept `j`; the 64th and later
    /// share the last bit), for working out its focus (see [`CorpusStats::focus`]) should it
    /// tie for the answer.
    #[serde(skip)]
    pub covered: u64,
    /// The passage opens its section.
    pub lead: bool,
    /// The patient's words for the concepts it misses.
    pub missing: Vec<String>,
    /// How many of the missing concepts are not light.
    pub missing_heavy: usize,
    /// The passage's document mentions every weighty concept it misses.
    pub missing_in_document: bool,
    /// Concepts covered only through a related word: "hurt ~ pain (synonym)".
    pub related: Vec<String>,
    /// Some weighty concept is in the passage itself, not only through a related word.
    pub direct: bool,
    /// Some concept is covered only by a word close in meaning by word vectors, or by the whole
    /// a body part belongs to ("feet" by "legs"): the weakest evidence there is, so the
    /// passage must then cover [`MIN_PARTIAL_COVERAGE`] of the question.
    pub via_weak: bool,
    /// Every concept of the question is its document's subject.
    pub on_subject: bool,
    /// Its document.
    #[serde(skip)]
    pub document: usize,
}

/// A concept's stems as numbers (`None` for one no passage holds), looked up once per
/// question: the decision tests them against every retrieved passage, its document and
/// every document's subject, and hashing the same strings again for each was the largest
/// cost of deciding on a folder of 50 documents.
#[derive(Debug, Clone)]
pub struct ConceptStems {
    /// As [`Concept::alternatives`].
    pub alternatives: Vec<Vec<Option<u32>>>,
    /// As [`Concept::related`].
    pub related: Vec<Option<u32>>,
}

impl ConceptStems {
    /// Some passage holds one of the concept's own stems or synonyms' stems.
    pub fn any_known(&self) -> bool {
        self.alternatives.iter().flatten().any(Option::is_some)
    }
}

/// `stems` holds every stem of a phrase (and the phrase has some).
pub fn present(phrase: &[Option<u32>], stems: StemSet<'_>) -> bool {
    !phrase.is_empty()
        && phrase
            .iter()
            .all(|id| id.is_some_and(|id| stems.contains(id)))
}

/// Where a passage holds every stem of a phrase (and the phrase has some).
enum Place {
    /// In its text.
    Body,
    /// In its text and heading, not its text alone.
    Heading,
}

/// [`present`] in a passage's text (`body`), else in its text and heading (`heading`: the
/// heading's stems its text lacks), reading each stem once.
fn place(phrase: &[Option<u32>], body: StemSet<'_>, heading: StemSet<'_>) -> Option<Place> {
    if phrase.is_empty() {
        return None;
    }
    let mut in_body = true;
    for id in phrase {
        let id = (*id)?;
        if !body.contains(id) {
            in_body = false;
            if !heading.contains(id) {
                return None;
            }
        }
    }
    Some(if in_body { Place::Body } else { Place::Heading })
}

impl CorpusStats {
    /// The numbers of a concept's stems.
    pub fn concept_stems(&self, c: &Concept) -> ConceptStems {
        ConceptStems {
            alternatives: c
                .alternatives
                .iter()
                .map(|a| a.iter().map(|s| self.id(s)).collect())
                .collect(),
            related: c.related.iter().map(|r| self.id(&r.stem)).collect(),
        }
    }

    /// In how many passages the rarest stem of a phrase occurs.
    fn df_of(&self, phrase: &[Option<u32>]) -> u32 {
        phrase
            .iter()
            .map(|id| id.map_or(0, |id| self.doc_freq_of(id)))
            .min()
            .unwrap_or(0)
    }

    /// `stems`: the concept's, from [`CorpusStats::concept_stems`].
    pub fn report(&self, c: &Concept, stems: &ConceptStems, light_zipf: f32) -> ConceptReport {
        let df = stems
            .alternatives
            .iter()
            .map(|a| self.df_of(a))
            .max()
            .unwrap_or(0);
        // Some document's subject holds every stem of an alternative: only the documents
        // whose subject holds its first stem can.
        let background = !c.frame
            && stems.alternatives.iter().any(|a| match a.first() {
                Some(&Some(first)) => self
                    .subject_of(first)
                    .iter()
                    .any(|&d| present(a, self.subject(d as usize))),
                _ => false,
            });
        let related = stems.related.iter().any(Option::is_some);
        ConceptReport {
            words: c.words.clone(),
            // "after the procedure" is known where some passage times things that way by
            // its document's treatment, whatever word it names it by; "after the
            // injections" only where a document says injections.
            known: df > 0
                || background
                || related
                || c.the_treatment.is_some_and(|t| {
                    !names_a_kind_of_treatment(&c.words) && self.some_passage_after_its_treatment(t)
                }),
            background,
            light: c.is_light(light_zipf),
            setting: c.setting || c.context,
            aside: c.context || c.when_where,
            weight: informativeness(c.zipf),
        }
    }

    /// How well `passage` expresses concept `c`, from 0 (not at all) to 1 (in the patient's
    /// own words, in the passage text). Synonyms, headings and titles count for less, so that
    /// among passages that all cover a question, the most direct one is quoted.
    fn match_quality<'c>(
        &self,
        c: &'c Concept,
        stems: &ConceptStems,
        passage: usize,
    ) -> (f32, Option<&'c Related>) {
        let subject = self.subject(self.document(passage));
        let (body, heading) = (self.body(passage), self.heading(passage));
        let mut best: f32 = 0.0;
        for (i, a) in stems.alternatives.iter().enumerate() {
            // A frame's words are none of its meanings ("come back": a visit or a session),
            // so none of them is said more directly than another.
            let own = i == 0 && !c.frame;
            // A thing of two words is named only by its words side by side.
            // So is a frame said in its own words ("come back").
            let place = place(a, body, heading).filter(|_| {
                !((own && c.named_thing) || (c.frame && a.len() > 1))
                    || self.side_by_side(passage, a)
            });
            let q = match place {
                Some(Place::Body) => {
                    if own {
                        1.0
                    } else {
                        0.8
                    }
                }
                Some(Place::Heading) => {
                    if own {
                        0.7
                    } else {
                        0.6
                    }
                }
                None if !c.frame && present(a, subject) => 0.5,
                None => 0.0,
            };
            best = best.max(q);
            if best == 1.0 {
                // Nothing says it better.
                break;
            }
        }
        // "How long off work after ablation", in a leaflet titled "Endovenous Thermal Ablation":
        // every passage of it speaks of what follows ablation, as its subject would.
        if best == 0.0
            && self
                .event_title(c, passage)
                .is_some_and(|title| stems.alternatives.iter().any(|a| present(a, title)))
        {
            best = 0.5;
        }
        // "Can I drive after the injections", where the leaflet says "after foam
        // sclerotherapy": the patient's treatment is the one the passage times things by.
        // Injections and visits only in a document that says so: "after the injections" is
        // not after an embolisation that no injection is part of. Any treatment is a
        // procedure. Context told beside the question ("came back 4 years after my op") is
        // spoken to in its own words, as with any related word.
        if best == 0.0
            && !c.context
            && let Some(timing) = c.the_treatment
            && self.after_its_treatment(passage, timing)
            && (!names_a_kind_of_treatment(&c.words)
                || stems
                    .alternatives
                    .iter()
                    .any(|a| present(a, self.document_stems(self.document(passage)))))
        {
            best = 0.5;
        }
        let mut via = None;
        if best < 1.0 {
            for (r, &id) in c.related.iter().zip(&stems.related) {
                let Some(id) = id else { continue };
                let q = if body.contains(id) {
                    r.relation.strength()
                } else if heading.contains(id) {
                    r.relation.strength() * 0.7
                } else {
                    0.0
                };
                if q > best {
                    best = q;
                    via = Some(r);
                }
            }
        }
        (best, via)
    }

    /// Some sentence of a passage that gives a span of time (`timed`: its stems, those of
    /// [`CorpusStats::timed`] or [`CorpusStats::lasting`]) names the concept of `stems`, or the
    /// concept is the document's `subject` (what every passage speaks of).
    fn timed_covers(&self, stems: &ConceptStems, timed: StemSet<'_>, subject: StemSet<'_>) -> bool {
        stems
            .alternatives
            .iter()
            .any(|a| present(a, timed) || present(a, subject))
            || stems
                .related
                .iter()
                .any(|id| id.is_some_and(|id| timed.contains(id)))
    }

    /// The question asks how long, and no sentence of the passage that gives a span of time
    /// (see [`CorpusStats::timed`]; for how long a thing lasts, not how long after an event,
    /// one that says how long, [`CorpusStats::lasting`]) names what it asks it of
    /// ([`timed_of`], with the weighty concepts said right after it), unless that is the
    /// document's subject.
    fn untimed(
        &self,
        concepts: &[Concept],
        stems: &[ConceptStems],
        reports: &[ConceptReport],
        passage: usize,
        subject: StemSet<'_>,
    ) -> bool {
        let Some(i) = concepts.iter().position(|c| c.span_of_time) else {
            return false;
        };
        let weighty = |j: usize| weighty(concepts, reports, j);
        if concepts[i].span_from_event {
            // Which words name the event and which the thing is not known: any will do.
            let mut asked = (0..concepts.len()).filter(|&j| weighty(j)).peekable();
            return asked.peek().is_some()
                && !asked.any(|j| self.timed_covers(&stems[j], self.timed(passage), subject));
        }
        // The thing asked of, with the weighty words said right after it: "how long does a
        // laser session take" asks it of the session, not of anything laser.
        let Some(j) = timed_of(concepts, reports, i) else {
            return false;
        };
        let mut end = j + 1;
        while end < concepts.len() && concepts[end].span.0 == concepts[end - 1].span.1 {
            end += 1;
        }
        // Only what the passage says at all: a word it lacks is missing already.
        (j..end).any(|k| {
            weighty(k)
                && (k == j || self.match_quality(&concepts[k], &stems[k], passage).0 > 0.0)
                && !self.timed_covers(&stems[k], self.lasting(passage), subject)
        })
    }

    /// The title of `passage`'s document, where `c` is what the question is timed by (see
    /// [`Concept::after_event`]): a passage of a leaflet titled after it speaks of it.
    fn event_title(&self, c: &Concept, passage: usize) -> Option<StemSet<'_>> {
        (c.after_event && !c.frame).then(|| self.title(self.document(passage)))
    }

    /// The sentences of `passage` that say a concept (`stems`: its stems), as a mask (see
    /// [`CorpusStats::sentences_with`]): every sentence where its heading (a word the text
    /// lacks) or the document's `subject` says it, as they speak of every sentence under them,
    /// and for what the question is timed by (see [`Concept::after_event`]), its document's
    /// `title`.
    fn sentence_mask(
        &self,
        stems: &ConceptStems,
        passage: usize,
        subject: StemSet<'_>,
        title: Option<StemSet<'_>>,
    ) -> u64 {
        if title.is_some_and(|t| stems.alternatives.iter().any(|a| present(a, t))) {
            return u64::MAX;
        }
        let mut mask = 0;
        for a in &stems.alternatives {
            if a.is_empty() {
                continue;
            }
            let mut all = u64::MAX;
            for id in a {
                let Some(id) = *id else {
                    all = 0;
                    break;
                };
                if !subject.contains(id) {
                    all &= self.sentences_with(passage, id);
                    if all == 0 {
                        break;
                    }
                }
            }
            mask |= all;
        }
        for id in stems.related.iter().flatten() {
            mask |= self.sentences_with(passage, *id);
        }
        mask
    }

    /// The passage is headed as being about all it covers of what is asked (`covered`, as
    /// [`Candidate::covered`]): its heading or its document's title names each such concept,
    /// in its own words or a related one ("is swimming good for spider veins", under "The Role
    /// of Exercise in Vascular Health" in "Can Exercise Get Rid of Spider Veins?"). Between
    /// documents that answer alike, a passage that names a thing in passing ("reapply
    /// sunscreen after swimming", in a leaflet on skin care) is not about it. All, not most: a
    /// title that names the legs ("Leg Ulcers and Skin Changes") is not about why blood pools
    /// in them.
    pub fn headed(
        &self,
        stems: &[ConceptStems],
        reports: &[ConceptReport],
        passage: usize,
        covered: u64,
    ) -> bool {
        let headline = self.headline(passage);
        let mut asked = stems
            .iter()
            .zip(reports)
            .enumerate()
            .filter(|&(j, (_, r))| !r.aside && covered & (1 << j.min(63)) != 0)
            .peekable();
        asked.peek().is_some()
            && asked.all(|(_, (s, _))| {
                s.alternatives.iter().any(|a| present(a, headline))
                    || s.related.iter().flatten().any(|&id| headline.contains(id))
            })
    }

    /// The largest share of what the question asks that two sentences in a row of a passage
    /// say (`covered`: the concepts it covers, as [`Candidate::covered`]; the heading, and the
    /// document's subject, count as part of every sentence). Among passages that cover a
    /// question alike, the one that says its things together answers it, not one that
    /// mentions them in passing, one here and one there. Context, times and names told beside
    /// the question are no part of what it asks ("when can I do leg **day** again").
    pub fn focus(
        &self,
        concepts: &[Concept],
        stems: &[ConceptStems],
        reports: &[ConceptReport],
        passage: usize,
        covered: u64,
    ) -> f32 {
        let is_covered = |j: usize| covered & (1 << j.min(63)) != 0;
        let asked: f32 = reports.iter().filter(|r| !r.aside).map(|r| r.weight).sum();
        let mut said = (0..reports.len()).filter(|&j| !reports[j].aside && is_covered(j));
        let subject = self.subject(self.document(passage));
        let title = |j: usize| self.event_title(&concepts[j], passage);
        // One thing asked is said together with itself wherever its words stand together.
        if let (Some(j), None) = (said.next(), said.next()) {
            // A word of its own stands together wherever the passage covers it.
            let one_word = stems[j].alternatives.iter().all(|a| a.len() <= 1);
            let together =
                one_word || self.sentence_mask(&stems[j], passage, subject, title(j)) != 0;
            return if together {
                reports[j].weight / asked
            } else {
                0.0
            };
        }
        // Per window of two sentences (at most 64), the weight of the concepts it says.
        let mut in_window = [0.0f32; 64];
        for (j, (s, r)) in stems.iter().zip(reports).enumerate() {
            if r.aside || !is_covered(j) {
                continue;
            }
            // Said in sentence i, it is said in the windows i - 1 and i.
            let mut mask = self.sentence_mask(s, passage, subject, title(j));
            mask |= mask >> 1;
            while mask != 0 {
                in_window[mask.trailing_zeros() as usize] += r.weight;
                mask &= mask - 1;
            }
        }
        let best = in_window.iter().copied().fold(0.0, f32::max);
        if asked > 0.0 { best / asked } else { 0.0 }
    }

    /// Scores one retrieved passage against the question's concepts (`stems`: theirs, from
    /// [`CorpusStats::concept_stems`]).
    pub fn candidate(
        &self,
        concepts: &[Concept],
        stems: &[ConceptStems],
        reports: &[ConceptReport],
        passage: usize,
        bm25: f32,
        detail: Detail,
    ) -> Candidate {
        let mut total = 0.0;
        let mut covered = 0.0;
        let mut directness = 0.0;
        let mut missing = Vec::new();
        let mut missing_heavy = 0;
        let mut missing_in_document = true;
        let doc_stems = self.document_stems(self.document(passage));
        let mut related = Vec::new();
        let mut direct = false;
        let mut via_weak = false;
        let subject = self.subject(self.document(passage));
        let on_subject = stems
            .iter()
            .all(|s| s.alternatives.iter().any(|a| present(a, subject)));
        let untimed = self.untimed(concepts, stems, reports, passage, subject);
        let from_event = concepts.iter().any(|c| c.span_from_event);
        let mut covered_concepts = 0u64;
        for (j, ((c, s), r)) in concepts.iter().zip(stems).zip(reports).enumerate() {
            let (mut q, via) = self.match_quality(c, s, passage);
            // Context, times and names are spoken to in their own words, not through a
            // related one: "6 weeks ago" is not "earlier" in a passage.
            if r.aside && via.is_some() {
                q = 0.0;
            }
            // "How long is the recovery": a span of time the passage gives of something else
            // ("wear them for two weeks") does not answer it.
            if c.span_of_time && untimed {
                q = 0.0;
            }
            // Context, times and names count where the passage speaks to them; where it does
            // not, they were never what was asked ("flying to Spain next month, ..."). So
            // does one of two things offered, where the passage speaks of the other ("laser
            // or sclerotherapy, which is better": a passage on laser answers).
            if q == 0.0
                && c.or_with
                    .is_some_and(|k| self.match_quality(&concepts[k], &stems[k], passage).0 > 0.0)
            {
                continue;
            }
            if q > 0.0 || !r.aside {
                total += r.weight;
            }
            direct |= q > 0.0 && via.is_none() && !r.light;
            if q > 0.0 {
                covered_concepts |= 1 << j.min(63);
                directness += r.weight * q;
                // A related word covers the concept as far as its relation reaches.
                covered += r.weight * if via.is_some() { q } else { 1.0 };
                if let Some(v) = via {
                    via_weak |= matches!(v.relation, Relation::Close | Relation::Whole);
                    if detail == Detail::Explained {
                        let through = v.through.map(|t| format!(" via {t}")).unwrap_or_default();
                        related.push(format!(
                            "{} ~ {} ({}{through})",
                            c.words,
                            v.word,
                            v.relation.name()
                        ));
                    }
                }
            } else {
                if detail == Detail::Explained {
                    missing.push(c.words.clone());
                }
                if !r.light {
                    missing_heavy += 1;
                    // "how soon after giving birth can I have them treated": what the span of
                    // time is counted from is no part a passage may leave out; nor is what
                    // "how many" counts, "what is the" asks for or "what kind of" asks a kind
                    // of ("how many laser sessions", "what kind of shoes").
                    missing_in_document &= !(c.counted || c.after_event && from_event)
                        && s.alternatives.iter().any(|a| present(a, doc_stems));
                }
            }
        }
        let coverage = if total > 0.0 { covered / total } else { 0.0 };
        let directness = if total > 0.0 { directness / total } else { 0.0 };
        Candidate {
            passage,
            bm25,
            coverage,
            directness,
            covered: covered_concepts,
            lead: self.lead(passage),
            missing,
            missing_heavy,
            missing_in_document,
            related,
            direct,
            via_weak,
            on_subject,
            document: self.document(passage),
        }
    }
}

/// What the span of time `concepts[i]` asks for is asked of: the first weighty concept after
/// it ("how long is **the recovery** after laser"), else the first of the question ("the
/// bruising, how long does it last"; "do I wear a stocking after the op, how many weeks").
fn timed_of(concepts: &[Concept], reports: &[ConceptReport], i: usize) -> Option<usize> {
    let weighty = |&j: &usize| weighty(concepts, reports, j);
    (i + 1..concepts.len())
        .find(weighty)
        .or_else(|| (0..i).find(weighty))
}

/// `concepts[j]` is something the question asks about: not light, and no frame.
fn weighty(concepts: &[Concept], reports: &[ConceptReport], j: usize) -> bool {
    !reports[j].light && !concepts[j].frame
}

/// How much of a [`Candidate`] to fill in: the decision needs its numbers; the patient's words
/// for what it misses and the related words that cover a concept are only for showing, and
/// building them for every retrieved passage was a tenth of deciding on 50 documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// [`Candidate::missing`] and [`Candidate::related`] stay empty.
    Decision,
    /// Everything, for showing why.
    Explained,
}

/// A passage may leave out ONE weighty concept of a question of three or more, when its own
/// document mentions that concept elsewhere and what it covers weighs at least this much: the
/// document answers the whole question, this passage most of it ("gym ... reverse my spider
/// veins"). Only its own document counts, so that adding another document that happens to
/// mention the missing word ("cream") never turns a fallback into an answer. Measured on 255
/// own and 290 blind questions: at 0.6 the first near misses ("back to the gym the day after
/// my injections") were answered wrongly; at 0.75 they stay fallbacks.
pub const MIN_PARTIAL_COVERAGE: f32 = 0.75;

/// Light concepts may go unanswered, but a passage must still carry most of the question's
/// weight: "what treatments are available" is answered by a passage on treatments, while a
/// question made of light words alone needs one that covers them.
pub const MIN_COVERAGE: f32 = 0.6;

/// The decision's two thresholds, [`MIN_COVERAGE`] and [`LIGHT_ZIPF`] unless a measurement
/// moves them (see `tests/curve.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// The share of the question's weight the answering passage must cover.
    pub coverage: f32,
    /// How common a word must be to go unanswered (see [`LIGHT_ZIPF`]).
    pub light_zipf: f32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            coverage: MIN_COVERAGE,
            light_zipf: LIGHT_ZIPF,
        }
    }
}

/// What decides between passages that cover a question equally well and as directly, before
/// BM25 does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// The best BM25 match.
    Bm25,
    /// A section's opening passage: the overview, for a one-concept question ("exercise").
    Lead,
    /// The introduction of the document about it, for a question only about the documents'
    /// own subject ("what actually are spider veins").
    Introduction,
    /// Both, the opening passage first: a one-concept question about the subject.
    LeadThenIntroduction,
}

impl TieBreak {
    /// For a question of one concept (`one_concept`), or only about the subject (`subject`).
    pub fn new(one_concept: bool, subject: bool) -> TieBreak {
        match (one_concept, subject) {
            (false, false) => TieBreak::Bm25,
            (true, false) => TieBreak::Lead,
            (false, true) => TieBreak::Introduction,
            (true, true) => TieBreak::LeadThenIntroduction,
        }
    }

    fn lead(self) -> bool {
        matches!(self, TieBreak::Lead | TieBreak::LeadThenIntroduction)
    }

    fn introduction(self) -> bool {
        matches!(
            self,
            TieBreak::Introduction | TieBreak::LeadThenIntroduction
        )
    }
}

/// The passage to answer with: the best-covering one (every concept, or all but one light
/// one); among equals, the one that says them closest together, then the most direct; on a
/// tie, the best BM25 match. Within a document, for a one-concept question ("exercise") a
/// section's opening passage wins before BM25: it is the overview, where BM25 would favour
/// whichever is shortest; and a question only about the document's own subject ("what
/// actually are spider veins") gets its introduction. Between documents those two do not
/// count, so that adding a leaflet leaves the answers of the others alone unless it says the
/// thing better.
///
/// `focus` gives a candidate's [`CorpusStats::focus`]: it is worked out only for the
/// candidates that tie for the best coverage, usually one or two. `headed` gives its
/// [`CorpusStats::headed`]: it is worked out only for each document's best passage, where
/// passages of two documents or more tie.
pub fn choose<'a>(
    candidates: &'a [Candidate],
    concepts: usize,
    tie_break: TieBreak,
    thresholds: &Thresholds,
    focus: impl Fn(&Candidate) -> f32,
    headed: impl Fn(&Candidate) -> bool,
    defines: impl Fn(&Candidate) -> bool,
) -> Option<&'a Candidate> {
    let passes = |c: &&Candidate| {
        c.direct
            && (!c.via_weak || c.coverage >= MIN_PARTIAL_COVERAGE)
            && ((c.missing_heavy == 0 && c.coverage >= thresholds.coverage)
                || (concepts >= 3
                    && c.missing_heavy == 1
                    && c.missing_in_document
                    && c.coverage >= MIN_PARTIAL_COVERAGE))
    };
    // A question that asks what a thing is, answered by a passage that says what it is
    // ("Spider veins (telangiectasias) are a common cosmetic concern ..."), is answered by
    // one of those, however well others cover what else it told.
    let defining = candidates.iter().filter(passes).any(&defines);
    let eligible = candidates
        .iter()
        .filter(passes)
        .filter(|c| !defining || defines(c));
    let best = eligible.clone().map(|c| c.coverage).reduce(f32::max)?;
    let mut tied = eligible.filter(|c| c.coverage == best).peekable();
    let first = tied.next()?;
    if tied.peek().is_none() {
        return Some(first);
    }
    // Each document's best passage, by every tie-break; then the best of those.
    let mut per_document: Vec<(&Candidate, f32)> = Vec::new();
    for c in std::iter::once(first).chain(tied) {
        let said = (c, focus(c));
        match per_document
            .iter_mut()
            .find(|(d, _)| d.document == c.document)
        {
            Some(kept) => {
                if ranked(tie_break, said, *kept).is_gt() {
                    *kept = said;
                }
            }
            None => per_document.push(said),
        }
    }
    // Between documents' best passages, the one that says the question together, then the
    // more direct, then the one headed as being about it, then the better BM25 match. A
    // section's opening passage or a document's introduction is preferred only within its
    // document: across documents, a new leaflet's openers that mention "sclerotherapy" in
    // passing ("to reserve a sclerotherapy appointment ...") took "what is sclerotherapy"
    // from the passage that explains it.
    if let [(only, _)] = per_document[..] {
        return Some(only);
    }
    // Those within a tie of the best focus, then of the best directness among them: a
    // filter, not a comparison of pairs, so that the order they come in cannot matter.
    let best_focus = per_document
        .iter()
        .map(|&(_, f)| f)
        .fold(f32::MIN, f32::max);
    per_document.retain(|&(_, f)| best_focus - f <= CROSS_DOCUMENT_TIE);
    let best_direct = per_document
        .iter()
        .map(|(c, _)| c.directness)
        .fold(f32::MIN, f32::max);
    per_document
        .into_iter()
        .filter(|(c, _)| best_direct - c.directness <= CROSS_DOCUMENT_TIE)
        .map(|(c, _)| (c, headed(c)))
        .max_by(|&(a, a_headed), &(b, b_headed)| {
            a_headed
                .cmp(&b_headed)
                .then(a.bm25.total_cmp(&b.bm25))
                .then(b.passage.cmp(&a.passage))
        })
        .map(|(c, _)| c)
}

/// Between documents, a focus or directness this much apart (a share of what the question
/// asks) is no difference: the one headed as being about the question, then the better BM25
/// match, answers. A new leaflet that says a question's everyday word itself ("how does laser
/// vein treatment work": "treatment") where the first leaflet says it in other words ("Laser
/// therapy ...") took the first leaflet's answers on that alone: the two new leaflets of
/// session six took 47 and 41 of its 302 right answers, 38 and 39 with this, and all 23 new
/// leaflets 606 in all, 502 with it; every blind set the same but one cross-document
/// question of the facial-veins leaflet, which the first leaflet now answers as well.
const CROSS_DOCUMENT_TIE: f32 = 0.1;

/// Between two tied passages of one document (with their focus), as [`choose`] says, with
/// `tie_break`'s preferences before BM25.
fn ranked(
    tie_break: TieBreak,
    (a, a_focus): (&Candidate, f32),
    (b, b_focus): (&Candidate, f32),
) -> std::cmp::Ordering {
    a_focus
        .total_cmp(&b_focus)
        .then(a.directness.total_cmp(&b.directness))
        .then(if tie_break.lead() {
            a.lead.cmp(&b.lead)
        } else {
            std::cmp::Ordering::Equal
        })
        .then(if tie_break.introduction() {
            // The introduction of the document about it.
            a.on_subject
                .cmp(&b.on_subject)
                .then(b.passage.cmp(&a.passage))
        } else {
            std::cmp::Ordering::Equal
        })
        .then(a.bm25.total_cmp(&b.bm25))
        .then(b.passage.cmp(&a.passage))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(passage: usize, document: usize, directness: f32, bm25: f32) -> Candidate {
        Candidate {
            passage,
            bm25,
            coverage: 1.0,
            directness,
            covered: 0b11,
            lead: false,
            missing: Vec::new(),
            missing_heavy: 0,
            missing_in_document: true,
            related: Vec::new(),
            direct: true,
            via_weak: false,
            on_subject: false,
            document,
        }
    }

    fn chosen(candidates: &[Candidate], focus: &[f32]) -> usize {
        choose(
            candidates,
            2,
            TieBreak::new(false, false),
            &Thresholds::default(),
            |c| focus[c.passage],
            |_| false,
            |_| false,
        )
        .expect("a passage covers the question")
        .passage
    }

    #[test]
    fn between_documents_a_small_difference_is_no_difference() {
        // A new document's passage a little more direct (it says the everyday word itself):
        // the better BM25 match of the first document answers.
        let c = [candidate(0, 0, 0.90, 7.0), candidate(1, 1, 0.95, 2.0)];
        assert_eq!(chosen(&c, &[1.0, 1.0]), 0);
        // Much more direct, or saying the question together where the other does not: it
        // answers, whatever BM25 says.
        let c = [candidate(0, 0, 0.70, 7.0), candidate(1, 1, 0.95, 2.0)];
        assert_eq!(chosen(&c, &[1.0, 1.0]), 1);
        let c = [candidate(0, 0, 0.95, 7.0), candidate(1, 1, 0.95, 2.0)];
        assert_eq!(chosen(&c, &[0.5, 1.0]), 1);
        // Which answers does not depend on the order they come in: the ties are with the
        // best, not between neighbours (0.80, 0.88, 0.96: only 0.88 and 0.96 tie).
        let c = [
            candidate(0, 0, 0.80, 9.0),
            candidate(1, 1, 0.88, 5.0),
            candidate(2, 2, 0.96, 1.0),
        ];
        assert_eq!(chosen(&c, &[1.0, 1.0, 1.0]), 1);
        let reversed = [c[2].clone(), c[1].clone(), c[0].clone()];
        assert_eq!(chosen(&reversed, &[1.0, 1.0, 1.0]), 1);
        // Within one document the more direct passage still answers.
        let c = [candidate(0, 0, 0.90, 7.0), candidate(1, 0, 0.95, 2.0)];
        assert_eq!(chosen(&c, &[1.0, 1.0]), 1);
    }
}
