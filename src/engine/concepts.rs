//! Turning a question's words into concepts: synonym phrases from `synonyms.toml` are
//! recognised (longest first) and become alternatives; generic words drop out. Everything is
//! compared as stems, so "hikes" matches the key "hiking".

use rustc_hash::FxHashMap as HashMap;

use super::corpus::{CorpusStats, Timing};
use crate::knowledge::Synonyms;
pub use crate::text::english::{self, Relation};
use crate::text::lexicon::DURATION;
use crate::text::phrases::{self, Found, Kind};
use crate::text::{lexicon::is_generic, stem};

/// One thing the question asks about, and every way the documents may say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// The patient's own words for it.
    pub words: String,
    /// Stem phrases that express it: the patient's words first, then synonyms. A phrase is
    /// present where all of its stems are.
    pub alternatives: Vec<Vec<String>>,
    /// How common the patient's words are in English (the rarest of them); `None` for a
    /// word too rare to be listed, or a phrase with a meaning of its own.
    pub zipf: Option<f32>,
    /// The setting of the question, not what it asks: a unit of time, a name or an adverb
    /// (see [`Concept::is_light`]).
    pub setting: bool,
    /// A time or a name ("next month", "Spain"): when and where, never what is asked.
    pub when_where: bool,
    /// Told only as context beside the question: the patient's occupation or whom they ask for
    /// ("I'm a hairdresser, ...", "my wife has them, would swimming help her?"), or a clause
    /// beside it ("flying to Spain next month, ..."; see [`crate::text::clauses`], filled in
    /// by the engine). Part of the setting.
    pub context: bool,
    /// Some word of it is mostly a noun.
    pub noun: bool,
    /// The everyday verb phrase it is ("get rid of"; see [`crate::text::phrases`]), whose
    /// single words ("eliminate") a passage may say instead.
    pub phrase: Option<&'static str>,
    /// Words of the documents related to the patient's word, filled in by the engine.
    pub related: Vec<Related>,
    /// What kind of answer the question wants ("how long", "how much", "come back"), not
    /// a topic: a passage must state it itself. A document whose every passage gives a span
    /// of time has no subject "how long" that answers it for a passage that gives none.
    pub frame: bool,
    /// A frame that asks for a span of time ("how long", "how soon", "how many weeks"): a
    /// passage answers it only where it gives a span of time in a sentence that names what
    /// the question asks it of, the thing said right after it (see `decide.rs`).
    pub span_of_time: bool,
    /// The span of time is counted from an event ("how long **after** the birth do spider
    /// veins fade"): what it is asked of comes after the event, not first.
    pub span_from_event: bool,
    /// What the question is timed by: said right after "after", "before", "since" or
    /// "following", with at most two determiners between ("can I swim after **my ablation**").
    /// A passage of a document about that event (its title names it) need not name it again:
    /// it covers it as a subject does, at half directness.
    pub after_event: bool,
    /// What the question is timed by, after it or before it, is the treatment or visit named
    /// only by what kind of event it is ("after **the procedure**", "before my **injections**",
    /// "after the **appointment**"; see [`ANY_TREATMENT`]): the patient means whatever
    /// treatment the leaflet is about. A passage of a document that says the word, and that
    /// times what it says the same way by its own document's treatment ("Most people return
    /// to work the day after foam sclerotherapy"), covers it as a subject does, at half
    /// directness.
    pub the_treatment: Option<Timing>,
    /// Where the question says it: its first word and the word after its last, as indices
    /// into the question's words.
    pub span: (usize, usize),
    /// One thing named in two words or more ("blood test", "waiting list"): a passage names
    /// it only with its words side by side, not with "blood" in one clause and "test" in
    /// another.
    pub named_thing: bool,
    /// Offered as one of two, "A or B" ("laser or sclerotherapy, which is better", "my GP or
    /// a dermatologist"): the other's index. A passage that speaks of the other need not
    /// speak of this one too (filled in by the engine).
    pub or_with: Option<usize>,
    /// What "how many" or "how much" counts, what "what is the" asks for, or what "what kind
    /// of" asks a kind of, said right after it or one word on ("how many laser **sessions**",
    /// "whats the **treatment** for varicose veins", "what kind of **shoes**"): the point of the
    /// question, which no passage may leave out, even where its document speaks of it
    /// elsewhere.
    pub counted: bool,
}

/// A word of the documents related to a concept's word.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The document's word, as written.
    pub word: String,
    pub stem: String,
    /// The weakest relation on the way from the patient's word; how much it counts is
    /// [`Relation::strength`].
    pub relation: Relation,
    /// The word in between, for a relation of two steps ("riding" -> "bike" -> "cycling").
    pub through: Option<&'static str>,
}

impl Concept {
    fn new(words: &[String], alternatives: Vec<Vec<String>>) -> Concept {
        // The words that name something, each looked up in the English data once.
        let content: Vec<(&str, Option<english::Facts>)> = words
            .iter()
            .filter(|w| !is_generic(w))
            .map(|w| (w.as_str(), english::facts(w)))
            .collect();
        let zipf = content
            .iter()
            .map(|(w, f)| {
                // Money is a topic, however common its words: "does the NHS pay for it"
                // asks what no passage on treatments answers.
                let money = PAYING.contains(w) || AGES.contains(w);
                f.and_then(|f| f.zipf())
                    .map(|z| if money { z.min(PAYING_ZIPF) } else { z })
            })
            .try_fold(f32::INFINITY, |min, z| z.map(|z| min.min(z)))
            .filter(|z| z.is_finite());
        let setting = !content.is_empty() && content.iter().all(|(w, f)| is_setting(w, f));
        let when_where =
            !content.is_empty() && content.iter().all(|(w, f)| is_time(w) || is_place(w, f));
        let noun = content
            .iter()
            .any(|(_, f)| f.is_some_and(|f| f.mostly_noun()));
        Concept {
            words: words.join(" "),
            alternatives,
            zipf,
            setting,
            when_where,
            context: false,
            noun,
            phrase: None,
            related: Vec::new(),
            frame: false,
            span_of_time: false,
            span_from_event: false,
            after_event: false,
            the_treatment: None,
            span: (0, 0),
            named_thing: false,
            or_with: None,
            counted: false,
        }
    }

    /// A phrase whose meaning is not in its words ("come back", "how long"): always weighty.
    fn idiom(words: &[String], alternatives: Vec<Vec<String>>) -> Concept {
        Concept {
            zipf: None,
            setting: false,
            when_where: false,
            ..Concept::new(words, alternatives)
        }
    }
}

impl Concept {
    /// A concept that may go unanswered: common in English and not a noun ("available",
    /// "really", "wait": at least `light_zipf`), or the setting of the question rather than
    /// what it asks (a unit of time, a name such as "florida", an adverb such as
    /// "overnight"). Nouns, and verbs and adjectives rarer than that ("men", "sauna",
    /// "shave", "painful"), are what a question asks.
    pub fn is_light(&self, light_zipf: f32) -> bool {
        self.setting || self.context || (!self.noun && self.zipf.is_some_and(|z| z >= light_zipf))
    }
}

/// `facts`: what the English data says of `word`.
fn is_setting(word: &str, facts: &Option<english::Facts>) -> bool {
    is_time(word)
        || is_place(word, facts)
        || facts.is_some_and(|f| f.mostly_adverb() && f.zipf().is_some_and(|z| z >= 3.5))
}

/// A name, which says where ("Spain", "Florida"). Letters with no vowel are an initialism
/// ("NHS", which English data reads as the plural of "NH", New Hampshire): it names a thing a
/// question may ask about ("can I get them treated on the NHS").
fn is_place(word: &str, facts: &Option<english::Facts>) -> bool {
    facts.is_some_and(|f| f.is_name()) && word.contains(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// "the end of the day", "the rest of the week": when in the day, not what is asked.
fn is_time_phrase(words: &[String], i: usize) -> bool {
    matches!(
        words[i].as_str(),
        "end" | "start" | "rest" | "beginning" | "middle"
    ) && words.get(i + 1).is_some_and(|w| w == "of")
        && words[i + 2..].iter().take(2).any(|w| is_time(w))
}

/// Units of time are context ("2 days after my injections"), not topics: a question that
/// asks for a span of time says "how long" or "how soon", which are concepts of their own.
fn is_time(word: &str) -> bool {
    is_time_word(word)
        || word
            .strip_suffix('s')
            .is_some_and(|one| is_time_word(one) && !is_weekly(one))
}

/// A time word before the thing it qualifies ("saturday appointments", "saturday or evening
/// appointments", "night sweats"): it names a kind of that thing.
fn names_a_kind(words: &[String], i: usize) -> bool {
    // "all day", "every morning", "2 weeks", "next saturday": how long or when.
    let counted = i.checked_sub(1).is_some_and(|j| {
        let w = words[j].as_str();
        matches!(
            w,
            "all"
                | "every"
                | "each"
                | "per"
                | "a"
                | "an"
                | "this"
                | "next"
                | "last"
                | "that"
                | "one"
                | "some"
                | "few"
                | "couple"
                | "whole"
                | "same"
        ) || w.chars().all(|c| c.is_ascii_digit())
    });
    !counted
        && words[i + 1..]
            .iter()
            .find(|w| !matches!(w.as_str(), "or" | "and") && !is_time(w))
            .is_some_and(|w| !is_generic(w) && english::mostly_noun(w))
        && words[i + 1..]
            .iter()
            .take_while(|w| matches!(w.as_str(), "or" | "and") || is_time(w))
            .count()
            <= 2
}

/// Days of the week, and the weekend: in the plural they ask about a schedule ("do you do
/// saturdays", "are you open weekends"), not when something happens.
fn is_weekly(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "weekend"
    )
}

/// [`is_time`] of a word as written, or of its singular ("mornings" -> "morning").
fn is_time_word(word: &str) -> bool {
    DURATION.contains(&word)
        || is_weekly(word)
        || matches!(
            word,
            "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "daytime"
                | "bedtime"
                | "moment"
                | "today"
                | "ago"
                | "tonight"
                | "tomorrow"
                | "yesterday"
                // A working day's length: "12 hour shifts", "night shifts".
                | "shifts"
                // Meals and seasons say when: "I swim before brekkie", "is sunscreen enough
                // in summer".
                | "breakfast"
                | "brekkie"
                | "brekky"
                | "lunch"
                | "lunchtime"
                | "dinner"
                | "dinnertime"
                | "supper"
                | "teatime"
                | "summer"
                | "summertime"
                | "winter"
                | "wintertime"
                | "autumn"
                // The months, but "may" ("may I").
                | "january"
                | "february"
                | "march"
                | "april"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
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

    /// The concepts of a question, in order, without duplicates (`corpus`: for the stems of
    /// the documents' words, see [`CorpusStats::stem`]).
    pub fn concepts(&self, words: &[String], corpus: &CorpusStats) -> Vec<Concept> {
        let stems: Vec<String> = words.iter().map(|w| corpus.stem(w)).collect();
        let mut out: Vec<Concept> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let start = i;
            let matched = self.by_first.get(&stems[i]).and_then(|keys| {
                keys.iter().find(|(key, _)| {
                    stems.len() - i >= key.len()
                        && stems[i..i + key.len()] == key[..]
                        && !(key.len() == 1 && a_span_names_it(words, i))
                })
            });
            // "can my 12 year old wear them": a child, which a passage must speak of.
            if let Some(len) = names_a_child(words, i) {
                let c = Concept {
                    noun: true,
                    ..Concept::idiom(
                        &words[i..i + len],
                        CHILDREN.iter().map(|w| vec![corpus.stem(w)]).collect(),
                    )
                };
                i += len;
                push_new(&mut out, c, (start, i));
                continue;
            }
            if is_cited_source(words, i) || is_report_word(words, i) {
                i += 1;
                continue;
            }
            if let Some(meanings) = phrasal_meaning(words, i) {
                let c = Concept {
                    frame: true,
                    span_of_time: meanings == DURATION,
                    span_from_event: words.get(i + 2).is_some_and(|w| {
                        matches!(
                            w.as_str(),
                            "after" | "before" | "since" | "until" | "till" | "til" | "following"
                        )
                    }),
                    ..Concept::idiom(
                        &words[i..i + 2],
                        frame_alternatives(words, i, meanings, corpus),
                    )
                };
                i += 2;
                push_new(&mut out, c, (start, i));
                continue;
            }
            if matched.is_none()
                && let Some(found) = phrases::at(words, i)
                && let Some(concept) = phrase_concept(&found, &words[i..], &stems[i..], corpus)
            {
                i += found.span;
                if let Some(c) = concept {
                    push_new(&mut out, c, (start, i));
                }
                continue;
            }
            let concept = match matched {
                Some((key, values)) => {
                    // A one-word key keeps its own meaning beside the synonyms, and so does a
                    // phrase of two words or more that name something ("thread veins", in a
                    // document that says "thread veins"). A phrase of one such word is an
                    // idiom: "closed off" means what it maps to, not any passage that says "close".
                    let mut alternatives = Vec::with_capacity(values.len() + 1);
                    let span = i..i + key.len();
                    let named: Vec<String> = span
                        .clone()
                        .filter(|&j| !is_generic(&words[j]))
                        .map(|j| stems[j].clone())
                        .collect();
                    let literal = named.len() >= 2;
                    if key.len() == 1 && named.len() == 1 {
                        alternatives.push(named.clone());
                    }
                    alternatives.extend(values.iter().cloned());
                    // After the synonyms: where a passage says what the phrase maps to, that
                    // passage is the better match.
                    if literal && !alternatives.contains(&named) {
                        alternatives.push(named);
                    }
                    let mut c = Concept::new(&words[i..i + key.len()], alternatives);
                    // A clinic's synonym for an everyday phrase keeps what the phrase means in
                    // English: "cut down" = "moderation", written for the first leaflet, still
                    // covers another leaflet's "reduce".
                    if key.len() >= 2
                        && let Some(found) = phrases::at(words, i)
                        && found.span == key.len()
                    {
                        c.phrase = Some(found.phrase);
                    }
                    i += key.len();
                    c
                }
                None if is_job(words, i) => {
                    i += 1;
                    Concept::idiom(
                        &words[i - 1..i],
                        vec![vec![corpus.stem("work")], vec![corpus.stem("job")]],
                    )
                }
                None if is_time_phrase(words, i) => {
                    i += 1;
                    continue;
                }
                None => {
                    i += 1;
                    if is_generic(&words[i - 1])
                        || is_intensifier(words, i - 1)
                        || is_a_measure(words, i - 1)
                        || tells_an_age(words, i - 1)
                        || is_manner_of_asking(words, i - 1)
                    {
                        continue;
                    }
                    let mut alternatives = vec![vec![stems[i - 1].clone()]];
                    if KIN.contains(&words[i - 1].as_str()) {
                        // "can my husband come in with me": a passage on bringing "a relative,
                        // friend or carer" speaks of him.
                        alternatives.extend(KIN_KINDS.iter().map(|w| vec![corpus.stem(w)]));
                    }
                    let mut c = Concept::new(&words[i - 1..i], alternatives);
                    // "at weekends", "at weekends and evenings": when, where "do you open
                    // weekends" asks about a schedule (see [`is_weekly`]).
                    if i >= 2
                        && words[i - 2] == "at"
                        && words[i - 1].strip_suffix('s').is_some_and(is_time_word)
                    {
                        c.setting = true;
                        c.when_where = true;
                    }
                    if c.when_where && names_a_kind(words, i - 1) {
                        // "saturday appointments", "evening clinics": a kind of thing asked
                        // about, not when.
                        Concept {
                            setting: false,
                            when_where: false,
                            ..c
                        }
                    } else {
                        c
                    }
                }
            };
            if !concept.alternatives.is_empty() {
                push_new(&mut out, concept, (start, i));
            }
        }
        // "I'm a hairdresser, does standing all day make them worse": who the patient is, or
        // whom they ask for ("my wife has them, would swimming help her?"), told as context;
        // the question is about standing, or swimming. Only where the question names two
        // things of its own, as for any context (see `text::clauses`): "im a hairdresser so
        // on my feet all day, should i book time off?" asks nothing else a passage could name.
        let told: Vec<bool> = out
            .iter()
            .map(|c| {
                describes_the_patient(words, c.span)
                    || asks_for_them(words, c.span)
                    || where_they_stand_or_sit(words, c.span)
            })
            .collect();
        let on_legs: Vec<bool> = out.iter().map(|c| on_the_legs(words, c.span)).collect();
        let own = out
            .iter()
            .zip(told.iter().zip(&on_legs))
            .filter(|(c, (told, on_legs))| !**told && !**on_legs && !c.setting && !c.frame)
            .count();
        for ((c, told), on_legs) in out.iter_mut().zip(told).zip(on_legs) {
            let timing = event_timing(words, c.span.0);
            c.after_event = timing.is_some();
            c.the_treatment = timing.filter(|_| names_a_treatment(&c.words));
            c.counted = follows_how_many(words, c.span.0)
                || follows_what_is_the(words, c.span.0)
                || follows_what_kind_of(words, c.span.0);
            // "Am I too old for it", "is he old enough": whether the patient's age allows it
            // is the point of the question, which no passage may leave out ("the old vein
            // stripping operation" and "my 4 month old" say no such thing).
            if asks_about_age(words, c) {
                c.zipf = c.zipf.map(|z| z.min(PAYING_ZIPF));
                c.counted = true;
            }
            c.context |= told && own >= 2;
            // Where on the legs (see [`on_the_legs`]): a place on them is told as context, the
            // legs themselves are the setting, which a passage that names them answers better.
            if own >= 2 && on_legs {
                if matches!(words[c.span.0].as_str(), "leg" | "legs") {
                    c.setting = true;
                } else {
                    c.context = true;
                }
            }
        }
        out
    }
}

/// The word at `span` says where on the legs the patient's veins are: "tiny red lines **round
/// my ankles**, are those spider veins?", "the spider veins on the backs of my calves",
/// "my leg veins". A vein clinic's passages speak of veins on the legs without naming each
/// place, so where they are is not what is asked: a passage may answer without naming it.
/// Only after a word that places something on the body, or before "veins": "can I shave my
/// legs" and "is laser only for faces or can it do legs too" ask about the legs. Other parts
/// of the body ("on my face") stay what is asked: what treats veins on the legs may not suit
/// the face. Measured on the blind sets: 11 more right answers, no near miss answered.
fn on_the_legs(words: &[String], (start, end): (usize, usize)) -> bool {
    if end != start + 1 || !LEG_PLACES.contains(&words[start].as_str()) {
        return false;
    }
    if words
        .get(end)
        .is_some_and(|w| matches!(w.as_str(), "vein" | "veins"))
    {
        return !words[..start].iter().rev().take(3).any(|w| w == "behind");
    }
    // Back over "my", "the backs of my", "both", "left", "lower" ... to the word that places.
    let mut k = start;
    while k > 0 {
        k -= 1;
        match words[k].as_str() {
            "my" | "the" | "his" | "her" | "their" | "your" | "our" | "both" | "one" | "left"
            | "right" | "lower" | "upper" | "inner" | "outer" | "back" | "backs" | "front"
            | "fronts" | "side" | "sides" | "of" | "a" => continue,
            // Not "behind the knee": a vein there may be a varicose vein (of the small
            // saphenous vein) or no vein at all (a cyst), which is a specialist's to say.
            // Two blind labellers called "can you do laser on the spider veins behind my
            // knee?" and "a blue vein behind my knee, spider or varicose?" near misses.
            "behind" => return false,
            "on" | "round" | "around" | "in" | "down" | "up" | "along" | "over" | "near"
            | "across" | "above" | "below" | "under" | "between" => {
                return k + 1 < start;
            }
            _ => return false,
        }
    }
    false
}

/// The word at `span` is where the patient stands, sits or works for hours: "12 hour shifts
/// standing in a **warehouse**", "sat in the **cab** 10 hrs a day", "on my feet behind the
/// **bar** all night". Like an occupation, it tells who asks; the question is about the
/// standing or sitting. Only where the message says it goes on for hours (a shift, all day,
/// for a living): "can I sit in a sauna after my injections" asks about the sauna.
fn where_they_stand_or_sit(words: &[String], (start, end): (usize, usize)) -> bool {
    if end != start + 1 || start < 2 {
        return false;
    }
    let mut k = start - 1;
    if matches!(
        words[k].as_str(),
        "a" | "an" | "the" | "my" | "his" | "her" | "their" | "our"
    ) {
        k -= 1;
    }
    if !matches!(words[k].as_str(), "in" | "at" | "behind" | "on") {
        return false;
    }
    let posture = words[k.saturating_sub(5)..k].iter().any(|w| {
        matches!(
            w.as_str(),
            "stand"
                | "stands"
                | "standing"
                | "stood"
                | "sit"
                | "sits"
                | "sitting"
                | "sat"
                | "seated"
                | "feet"
                | "work"
                | "works"
                | "working"
        )
    });
    // "did all that standing cause the veins in my pelvis": a part of the body is where
    // the veins are, not where the patient works. Asked last: it reads the English data.
    posture && for_hours(words) && !english::is_body_part(&words[start])
}

/// The message says how long a working day goes on: "shifts", "all day", "10 hrs a day", "for
/// 8 hrs", "for a living"; not "48 hours after sclerotherapy" nor "for 2 hours after", which
/// time something else.
fn for_hours(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let next = |n: usize| words.get(i + n).map(String::as_str);
        let before = |n: usize| i.checked_sub(n).map(|j| words[j].as_str());
        match w.as_str() {
            "shift" | "shifts" => true,
            "living" => before(1) == Some("a") && before(2) == Some("for"),
            "all" => matches!(next(1), Some("day" | "night" | "week")),
            "hours" | "hrs" | "hour" => {
                !matches!(next(1), Some("after" | "before" | "since" | "ago"))
                    && (matches!(
                        (next(1), next(2)),
                        (Some("a" | "per" | "each"), Some("day" | "night" | "shift"))
                            | (Some("or"), Some("more"))
                    ) || before(1) == Some("for")
                        || (before(2) == Some("for")
                            && before(1).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))))
            }
            _ => false,
        }
    })
}

/// The places on the legs (see [`on_the_legs`]). Not the feet: "on my feet all day" is
/// standing.
const LEG_PLACES: &[&str] = &[
    "leg", "legs", "thigh", "thighs", "calf", "calves", "calfs", "shin", "shins", "knee", "knees",
    "ankle", "ankles",
];

/// The words at `span` are an occupation the patient says is theirs, or the word naming its
/// kind: "I am a teacher", "as a nurse", "I work as a **taxi** driver" (see
/// [`crate::text::lexicon::is_occupation`]).
fn describes_the_patient(words: &[String], (start, end): (usize, usize)) -> bool {
    if works_there(words, (start, end)) || drives(words, (start, end)) {
        return true;
    }
    let occupation = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| crate::text::lexicon::is_occupation(w))
    };
    if end != start + 1 || !(occupation(start) || occupation(start + 1)) {
        return false;
    }
    // The first word of the occupation: "taxi" of "a taxi driver" starts it.
    let first =
        if start > 0 && !matches!(words[start - 1].as_str(), "a" | "an") && occupation(start) {
            start - 1
        } else {
            start
        };
    let before = |k: usize| first.checked_sub(k).map(|j| words[j].as_str());
    // "Cyclist here, ...", "Retired nurse here.": how a message opens to say who writes it.
    let introduces = first <= 1 && words.get(end).is_some_and(|w| w == "here");
    introduces
        || matches!(before(1), Some("a" | "an"))
            && (matches!(before(2), Some("am" | "im" | "as" | "being"))
                || matches!((before(3), before(2)), (Some("i"), Some("was" | "m"))))
}

/// The word at `span` is the patient's driving, or what they drive, told as what they do: "I
/// drive lorries so I'm sat for hours", "he drives a taxi"; not asked ("can I drive after
/// sclerotherapy", "when I drive to work").
fn drives(words: &[String], (start, end): (usize, usize)) -> bool {
    let is_drive = |k: usize| matches!(words[k].as_str(), "drive" | "drives");
    if end != start + 1 {
        return false;
    }
    let verb = if is_drive(start) {
        start
    } else {
        let mut k = start;
        if k > 0 && matches!(words[k - 1].as_str(), "a" | "an" | "the") {
            k -= 1;
        }
        match k.checked_sub(1) {
            Some(v) if is_drive(v) => v,
            _ => return false,
        }
    };
    verb >= 1
        && matches!(words[verb - 1].as_str(), "i" | "he" | "she" | "we" | "they")
        && verb.checked_sub(2).is_none_or(|k| {
            !matches!(
                words[k].as_str(),
                "can"
                    | "could"
                    | "should"
                    | "will"
                    | "would"
                    | "may"
                    | "might"
                    | "must"
                    | "shall"
                    | "do"
                    | "does"
                    | "did"
                    | "when"
                    | "if"
                    | "how"
                    | "cant"
                    | "can't"
                    | "once"
            )
        })
}

/// The word at `span` is where the patient works: "I work in an office", "work on a till in a
/// supermarket", "I work in retail". Like an occupation, it tells who asks.
fn works_there(words: &[String], (start, end): (usize, usize)) -> bool {
    let mut k = start;
    if k > 0 && matches!(words[k - 1].as_str(), "a" | "an" | "the") {
        k -= 1;
    }
    // Said of the patient or someone they ask for, or opening the message: "I work", "she
    // works", "Work in a shop, on my feet all day"; not "does laser treatment work on spider
    // veins".
    end == start + 1
        && k >= 2
        && matches!(words[k - 1].as_str(), "in" | "at" | "on")
        && matches!(
            words[k - 2].as_str(),
            "work" | "works" | "working" | "worked"
        )
        && (k == 2
            || words[k.saturating_sub(5)..k - 2].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "i" | "im" | "we" | "he" | "she" | "they" | "hes" | "shes"
                )
            }))
}

/// The words at `span` are one of the patient's family the question asks for: "my wife has
/// spider veins, would swimming help **her**?" asks about swimming for her, where "my mum had
/// them, will **I** get them" asks about heredity.
fn asks_for_them(words: &[String], (start, end): (usize, usize)) -> bool {
    if end != start + 1 || !KIN.contains(&words[start].as_str()) {
        return false;
    }
    // The pronouns that can stand for them: "his mum has them, is he likely to get them"
    // asks about the son.
    let she = matches!(
        words[start].as_str(),
        "mum"
            | "mom"
            | "mother"
            | "wife"
            | "daughter"
            | "nan"
            | "nana"
            | "gran"
            | "granny"
            | "grandma"
            | "sister"
            | "girlfriend"
            | "aunt"
            | "auntie"
    );
    let he = matches!(
        words[start].as_str(),
        "dad"
            | "father"
            | "husband"
            | "son"
            | "grandad"
            | "grandpa"
            | "brother"
            | "boyfriend"
            | "uncle"
            | "hubby"
    );
    // Whether a pronoun may stand for them: `Some(false)` for one that stands for someone
    // else ("his mum has spider veins, would swimming help him?").
    let stands_for_them = |w: &str| match w {
        "her" | "she" | "hers" => Some(!he),
        "him" | "he" | "his" => Some(!she),
        _ => None,
    };
    let after = &words[end..];
    // "my mum has spider veins, does walking help": who has the veins, told before a question
    // that speaks of no one else ("my dad had a DVT at 40, is the pill safe?" tells history).
    let has_them = matches!(
        after.first().map(String::as_str),
        Some("has" | "had" | "got" | "gets" | "suffers")
    ) && after[1..].iter().take(4).any(|w| {
        matches!(
            w.as_str(),
            "veins" | "vein" | "spider" | "thread" | "varicose" | "them" | "these" | "those"
        )
    }) && !after.iter().any(|w| stands_for_them(w) == Some(false));
    (has_them || after.iter().any(|w| stands_for_them(w) == Some(true)))
        // "we" may be the family asking together ("my nan has big varicose veins, what should
        // we do if one gets knocked"); "I" is the patient asking about themself.
        && !after
            .iter()
            .any(|w| matches!(w.as_str(), "i" | "me" | "my" | "mine"))
}

/// The words before `at` are "after", "before", "since" or "following", and at most two
/// determiners or possessives ("after **my** laser", "before **the first** session"): whether
/// they time the question after the event or before it.
fn event_timing(words: &[String], at: usize) -> Option<Timing> {
    let mut i = at;
    for _ in 0..3 {
        let j = i.checked_sub(1)?;
        match words[j].as_str() {
            "the" | "my" | "your" | "a" | "an" | "this" | "that" | "his" | "her" | "their"
            | "our" | "first" | "last" | "each" | "every" => i = j,
            w => return Timing::of(w),
        }
    }
    None
}

/// `c` is "old" or "young" after "too" or before "enough".
fn asks_about_age(words: &[String], c: &Concept) -> bool {
    matches!(c.words.as_str(), "old" | "young")
        && (word_at(words, c.span.0.checked_sub(1)) == Some("too")
            || word_at(words, Some(c.span.1)) == Some("enough"))
}

/// Words that name a treatment or a visit only by the kind of event it is (see
/// [`Concept::the_treatment`]). A leaflet about one treatment says "after foam sclerotherapy"
/// where the patient says "after the injections", and "after ablation" where the patient says
/// "after my op" (read as "operation"). Measured on the blind sets with one leaflet added:
/// six more right answers, one answer moved to the next passage of the same section, no near
/// miss answered. These name any treatment: every treatment is a procedure.
pub const ANY_TREATMENT: &[&str] = &[
    "procedure",
    "procedures",
    "operation",
    "operations",
    "surgery",
    "treatment",
    "treatments",
    "session",
    "sessions",
];

/// As [`ANY_TREATMENT`], but each names one kind of treatment or visit, which counts only in a
/// document that says it: "after the injections" is not after an embolisation no injection is
/// part of.
pub const KINDS_OF_TREATMENT: &[&str] = &[
    "appointment",
    "appointments",
    "consultation",
    "injection",
    "injections",
    "jab",
    "jabs",
    "visit",
    "visits",
];

fn names_a_treatment(word: &str) -> bool {
    ANY_TREATMENT.contains(&word) || names_a_kind_of_treatment(word)
}

/// A word of [`KINDS_OF_TREATMENT`].
pub fn names_a_kind_of_treatment(word: &str) -> bool {
    KINDS_OF_TREATMENT.contains(&word)
}

/// The word at `at` is what "how many" or "how much" counts, right after it or one word on
/// ("how many laser sessions").
fn follows_how_many(words: &[String], at: usize) -> bool {
    (1..=2).any(|k| {
        matches!(word_at(words, at.checked_sub(k)), Some("many" | "much"))
            && word_at(words, at.checked_sub(k + 1)) == Some("how")
    })
}

/// The word at `at` is what "what kind of" asks a kind of, right after it or one word on
/// ("what kind of **shoes** should I wear for work", "what sort of **exercise**", "which type
/// of compression **stockings**").
fn follows_what_kind_of(words: &[String], at: usize) -> bool {
    (1..=2).any(|k| {
        word_at(words, at.checked_sub(k)) == Some("of")
            && matches!(
                word_at(words, at.checked_sub(k + 1)),
                Some("kind" | "kinds" | "type" | "types" | "sort" | "sorts")
            )
            && matches!(
                word_at(words, at.checked_sub(k + 2)),
                Some("what" | "whats" | "which")
            )
    })
}

/// The word at `at` is what "what is the" asks for, right after it or one word on ("whats the
/// **treatment** for varicose veins", "what are the main **causes**"). Not a comparison or a
/// manner of asking ("what's the difference", "what's the point"): passages compare without
/// the word.
fn follows_what_is_the(words: &[String], at: usize) -> bool {
    let word = |j: Option<usize>| word_at(words, j);
    if matches!(
        word(Some(at)),
        Some("difference" | "differences" | "point" | "deal" | "matter")
    ) {
        return false;
    }
    (1..=2).any(|k| {
        word(at.checked_sub(k)) == Some("the")
            && match word(at.checked_sub(k + 1)) {
                Some("whats") => true,
                Some("is" | "are" | "s") => word(at.checked_sub(k + 2)) == Some("what"),
                _ => false,
            }
    })
}

/// The word at `j`, where there is one: `None` before the first word or after the last.
fn word_at(words: &[String], j: Option<usize>) -> Option<&str> {
    j.and_then(|j| words.get(j)).map(String::as_str)
}

/// Adds a concept, said at `span` of the question's words, unless the question already has
/// one said the same ways.
fn push_new(out: &mut Vec<Concept>, c: Concept, span: (usize, usize)) {
    if !out.iter().any(|o| o.alternatives == c.alternatives) {
        out.push(Concept { span, ..c });
    }
}

/// What a phrase found at the start of `words` (`stems` their stems) stands for: `None` where
/// it is read word by word after all, `Some(None)` where its words ask about nothing, else
/// its concept.
fn phrase_concept(
    found: &Found,
    words: &[String],
    stems: &[String],
    corpus: &CorpusStats,
) -> Option<Option<Concept>> {
    let own: Vec<String> = found.own.iter().map(|&k| words[k].clone()).collect();
    // Where the words that name something stand.
    let naming: Vec<usize> = found
        .own
        .iter()
        .copied()
        .filter(|&k| !is_generic(&words[k]))
        .collect();
    let named: Vec<String> = naming.iter().map(|&k| stems[k].clone()).collect();
    match found.kind {
        // "at home", "in bed": two words naming a place are a setting that may matter ("can I
        // treat them at home"), unlike "in the first place" or "a bit".
        Kind::Manner
            if own.len() < 3
                && own
                    .iter()
                    .any(|w| !is_generic(w) && english::mostly_noun(w)) =>
        {
            None
        }
        // A manner of speaking asks about nothing ("in the first place", "every day", "just in
        // case"). Counted where a passage happened to say its words, it chose the passage
        // with "the recommended first step" for "why do I get them in the first place".
        Kind::Manner => Some(None),
        // A verb phrase of generic words alone ("go in", "put on"), or of a common verb and a
        // direction ("go back", "go home"), says what its words say.
        Kind::Verb
            if named.is_empty()
                || found
                    .own
                    .iter()
                    .all(|&k| is_generic(&words[k]) || is_manner_of_asking(words, k))
                || own
                    .iter()
                    .filter(|w| !is_generic(w))
                    .all(|w| DIRECTIONS.contains(&w.as_str())) =>
        {
            None
        }
        Kind::Verb => {
            // "sat down", "lying down": a passage says "sitting", "lie" (the verb's base form)
            // where the rest of the phrase is generic.
            let mut alternatives = vec![named];
            if let [verb] = naming[..] {
                for base in english::bases(&words[verb]) {
                    let based = vec![corpus.stem(base)];
                    if !alternatives.contains(&based) {
                        alternatives.push(based);
                    }
                }
            }
            Some(Some(Concept {
                phrase: Some(found.phrase),
                ..Concept::idiom(&own, alternatives)
            }))
        }
        // One thing of two words ("waiting list") is one concept, a noun, that a passage must
        // name, as it would a thing of one word; but "the proper name for spider veins" asks
        // what they are called, as its words do read one by one.
        Kind::Thing if named.is_empty() => None,
        Kind::Thing if found.own.iter().all(|&k| is_manner_of_asking(words, k)) => None,
        Kind::Thing => Some(Some(Concept {
            phrase: Some(found.phrase),
            noun: true,
            named_thing: named.len() >= 2,
            ..Concept::new(&own, vec![named])
        })),
    }
}

/// Words of paying, which count as no more common than "cost" (Zipf 5.2, see
/// [`super::decide::LIGHT_ZIPF`]): a question about paying asks a price, however often English
/// says "pay".
const PAYING: &[&str] = &[
    "pay", "pays", "paid", "paying", "afford", "charge", "charged",
];
const PAYING_ZIPF: f32 = 5.2;

/// Words of age, which count as no more common than "cost" too: "will my restless legs get
/// worse as I get older" asks about age, which a passage on restless legs need not speak of.
const AGES: &[&str] = &[
    "older", "oldest", "younger", "youngest", "age", "aged", "elderly",
];

/// Where a verb goes: "go back", "go home", "get up" mean what their words say.
const DIRECTIONS: &[&str] = &[
    "back", "home", "up", "down", "out", "off", "on", "in", "over", "away", "around", "through",
    "along", "forward", "ahead",
];

/// Phrases whose meaning is not in their parts: "will they come back" asks whether spider
/// veins recur, which a passage saying "back to the chest" does not answer; "how long" asks
/// for a span of time, which the "long" of "long hours" does not. Each meaning is a list of
/// words a passage may use for it, looked up like any concept.
const PHRASAL: &[(&[&str], &str, &[&str])] = &[
    (
        &[
            "come", "comes", "coming", "came", "grow", "grows", "growing",
        ],
        "back",
        &["recur", "reappear"],
    ),
    (&["keep", "keeps", "kept"], "coming", &["recur", "reappear"]),
    (&["made", "consist", "consists"], "of", &["ingredient"]),
    (&["how"], "long", DURATION),
    (&["many"], "minutes", DURATION),
    (&["many"], "hours", DURATION),
    (&["many"], "days", DURATION),
    (&["many"], "weeks", DURATION),
    (&["many"], "months", DURATION),
    (&["many"], "years", DURATION),
    // A price asked is an amount of money, which a passage must give ("£300 per session"):
    // one saying only "ask what the cost will be" does not answer it.
    (&["how"], "much", AMOUNT_OF_MONEY),
    (&["how"], "expensive", AMOUNT_OF_MONEY),
    (&["how"], "soon", DURATION),
    // "how far apart are the sessions": the time between them, which a passage that says how
    // many there are does not give.
    (&["far"], "apart", DURATION),
    (&["how"], "often", FREQUENCY),
    // "can spider veins turn into varicose veins": whether one becomes the other, which a
    // passage telling them apart does not say ("become" is said of anything: "the vein
    // becomes enlarged").
    (
        &["turn", "turns", "turning", "turned"],
        "into",
        &["progress", "progresses", "progression"],
    ),
];

/// An amount of money as a passage gives it: a sum in a currency ("£300" and "300 €" are read
/// as "300 pounds" and "300 euros"; "300 GBP", "300 quid"). Not "free": it is as often
/// "fragrance-free" or "feel free" as a price.
const AMOUNT_OF_MONEY: &[&str] = &["pounds", "euros", "dollars", "quid", "gbp", "eur", "usd"];

/// How often something is done, as a passage that answers "how often" states it ("every 20
/// to 30 minutes", "replace them about every 3 to 6 months", "twice daily"); and see
/// [`FREQUENCY_COUNTS`].
const FREQUENCY: &[&str] = &[
    "every", "twice", "daily", "weekly", "monthly", "hourly", "nightly",
];

/// Words that give a frequency only beside a unit of time ("once an hour", "after each day's
/// wear", "three times a day"): alone they say something else ("once they have formed", "each
/// leg", "at times").
const FREQUENCY_COUNTS: &[&str] = &["once", "each", "times"];

/// The units of time of [`FREQUENCY_COUNTS`].
const FREQUENCY_UNITS: &[&str] = &[
    "day", "hour", "week", "month", "year", "night", "morning", "evening",
];

/// Coming back to the clinic: another visit, as a passage on follow-up sessions says it (not
/// "return", which is as often a return to work).
const VISIT: &[&str] = &[
    "visit",
    "visits",
    "session",
    "sessions",
    "appointment",
    "review",
    "follow",
];

/// People who come back to the clinic, where spider veins that come back recur: "do I need to
/// come back", "do people come back a few times", against "will they come back".
const VISITORS: &[&str] = &[
    "i", "we", "you", "people", "patients", "he", "she", "someone",
];

fn phrasal_meaning(words: &[String], i: usize) -> Option<&'static [&'static str]> {
    let next = words.get(i + 1)?;
    if matches!(words[i].as_str(), "come" | "comes" | "coming" | "came")
        && next == "back"
        && words[i.saturating_sub(4)..i]
            .iter()
            .any(|w| VISITORS.contains(&w.as_str()))
    {
        return Some(VISIT);
    }
    // "how much is it" asks a price; "how much walking", "how much time", "how much should I
    // walk" an amount ("how much should I pay" names the price itself).
    if words[i] == "how"
        && next == "much"
        && words.get(i + 2).is_some_and(|w| {
            !matches!(
                w.as_str(),
                "is" | "does"
                    | "do"
                    | "are"
                    | "will"
                    | "would"
                    | "for"
                    | "to"
                    | "it"
                    | "cost"
                    | "costs"
                    | "money"
                    | "did"
            )
        })
    {
        return None;
    }
    PHRASAL
        .iter()
        .find(|(verbs, particle, _)| verbs.contains(&words[i].as_str()) && next == particle)
        .map(|(_, _, meaning)| *meaning)
}

/// A span of time stands before the word ("12-hour **shifts**", "night **shifts**"): it is
/// a thing that lasts that long, a noun, and a clinic's synonym for the word as a verb ("shift
/// my veins" = remove them) does not apply.
fn a_span_names_it(words: &[String], i: usize) -> bool {
    i > 0
        && words[i].ends_with('s')
        && matches!(
            words[i - 1].as_str(),
            "hour"
                | "hours"
                | "night"
                | "nights"
                | "day"
                | "days"
                | "long"
                | "double"
                | "late"
                | "early"
                | "weekend"
                | "morning"
                | "evening"
        )
}

/// Going back to a job ("go back to work", "time off work", "return to my job") is a question
/// of its own; "work" as a verb ("how does it work") or a setting ("I stand all day at work")
/// is not.
fn is_job(words: &[String], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| words[j].as_str());
    matches!(words[i].as_str(), "work" | "job" | "office")
        && (before(1) == Some("off")
            || (matches!(before(1), Some("to" | "at" | "my"))
                && matches!(before(2), Some("back" | "return" | "returning" | "to"))))
}

/// "so much", "very much": emphasis, unlike "how much" (a price) or "too much" (an amount).
fn is_intensifier(words: &[String], i: usize) -> bool {
    words[i] == "much" && i > 0 && matches!(words[i - 1].as_str(), "so" | "very" | "that" | "as")
}

/// Words a passage uses for children.
const CHILDREN: &[&str] = &[
    "child",
    "children",
    "kids",
    "teenager",
    "teenagers",
    "young",
];

/// What a passage may say for the frame at `words[i..i + 2]` (`meanings`, see [`PHRASAL`]):
/// its meanings, and where it is a verb and "back", the patient's words themselves ("if your
/// varicose veins come back", "Can It Come Back"), in their form of the verb or its plain
/// one. Those count only side by side (see `decide.rs`).
fn frame_alternatives(
    words: &[String],
    i: usize,
    meanings: &[&str],
    corpus: &CorpusStats,
) -> Vec<Vec<String>> {
    let mut alternatives: Vec<Vec<String>> =
        meanings.iter().map(|m| vec![corpus.stem(m)]).collect();
    // "once an hour": said side by side, as any frame of two words is (see `decide.rs`).
    if meanings == FREQUENCY {
        for count in FREQUENCY_COUNTS {
            for unit in FREQUENCY_UNITS {
                alternatives.push(vec![corpus.stem(count), corpus.stem(unit)]);
            }
        }
    }
    if words[i + 1] == "back" {
        let plain = if words[i].starts_with('c') {
            "come"
        } else {
            "grow"
        };
        for verb in [words[i].as_str(), plain] {
            let literal = vec![corpus.stem(verb), corpus.stem("back")];
            if !alternatives.contains(&literal) {
                alternatives.push(literal);
            }
        }
    }
    alternatives
}

/// How many words from `i` name someone's child by age ("my 12 year old", "her 9 yr old",
/// "our 15yo"): under 18, with whose child it is.
fn names_a_child(words: &[String], i: usize) -> Option<usize> {
    if !matches!(
        words[i].as_str(),
        "my" | "our" | "his" | "her" | "their" | "your"
    ) {
        return None;
    }
    let age = words.get(i + 1)?;
    let (years, rest) = match age.strip_suffix("yo") {
        Some(n) if !n.is_empty() => (n, &[][..]),
        _ => (age.as_str(), words.get(i + 2..)?),
    };
    let years: u32 = years.parse().ok()?;
    if years >= 18 {
        return None;
    }
    match rest {
        [] => Some(2),
        [y, o, ..] if matches!(y.as_str(), "year" | "years" | "yr" | "yrs") && o == "old" => {
            Some(4)
        }
        [yo, ..] if yo == "yo" => Some(3),
        _ => None,
    }
}

/// A measure after a number: a weight ("I've lost 2 stone", "put on a couple of stone", "I
/// squat about 100 kg"), a distance ("cycle 15 km to work", "walk 5 miles", "10000 steps") or
/// a sum of money ("my policy has a £100 excess", read as "100 pounds"): how much, not what,
/// unlike "a kidney stone" or "what steps should I take".
fn is_a_measure(words: &[String], i: usize) -> bool {
    (AMOUNT_OF_MONEY.contains(&words[i].as_str())
        || matches!(
            words[i].as_str(),
            "stone"
                | "stones"
                | "kg"
                | "kgs"
                | "kilo"
                | "kilos"
                | "lb"
                | "lbs"
                | "km"
                | "kms"
                | "kilometres"
                | "kilometers"
                | "mile"
                | "miles"
                | "metres"
                | "meters"
                | "steps"
        ))
        && i.checked_sub(1).is_some_and(|j| {
            let w = words[j].as_str();
            w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                || matches!(
                    w,
                    "two" | "three" | "four" | "five" | "ten" | "few" | "half"
                )
                || (w == "of" && j > 0 && matches!(words[j - 1].as_str(), "couple" | "lot"))
        })
}

/// The words at `i` tell the patient's age, which is who asks, not what: "I am 88 years of
/// **age**", "**aged** 70" ("does age make them worse" still asks about age).
fn tells_an_age(words: &[String], i: usize) -> bool {
    let at = |j: Option<usize>| word_at(words, j);
    match words[i].as_str() {
        "age" => {
            at(i.checked_sub(1)) == Some("of")
                && matches!(at(i.checked_sub(2)), Some("years" | "year" | "yrs"))
        }
        "aged" => at(Some(i + 1)).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())),
        _ => false,
    }
}

/// Words that say which name of a thing is asked for: "the medical name", "the proper term".
const OF_A_NAME: &[&str] = &["medical", "proper", "technical", "scientific", "official"];

/// A manner of asking, which names no topic: courtesies ("sorry to bother you", unlike "do
/// they bother you"; "quick question", unlike "is the treatment quick"; "asking for a
/// friend"); what the patient says of their English or of the answer they want ("my english
/// not so good", "honest answer pls", "doesnt make sense to me"); and words that ask about
/// the thing named beside them, not about themselves ("does biking **count** as exercise",
/// "the medical **name** for thread veins", "what **part** of the vein", "who should I
/// **book** in with"). Each arm says what it is not: "is the consultation in english", "count
/// the days", "whats the name of the surgeon", "how do I book a consultation".
fn is_manner_of_asking(words: &[String], i: usize) -> bool {
    let next = words.get(i + 1).map(String::as_str);
    let before = i.checked_sub(1).map(|j| words[j].as_str());
    match words[i].as_str() {
        "english" => matches!(
            before,
            Some("my" | "plain" | "normal" | "simple" | "bad" | "poor" | "broken")
        ),
        "honest" | "straight" => matches!(next, Some("answer" | "answers")),
        // A formal letter's opening: "I am writing to ask", "(I am) writing on behalf of my
        // mother", "I wish to enquire whether"; unlike "a pen for writing on the skin".
        "writing" | "write" => {
            matches!(before, None | Some("am" | "im" | "m" | "i"))
                && matches!(
                    next,
                    None | Some("to" | "on" | "about" | "regarding" | "because")
                )
        }
        "behalf" => before == Some("on") && next == Some("of"),
        "enquire" | "enquiring" | "inquire" | "inquiring" => true,
        "answer" => matches!(before, Some("honest" | "straight")),
        // "asking for a friend", unlike "can my friend come with me".
        "friend" => {
            before == Some("a")
                && i >= 3
                && words[i - 2] == "for"
                && matches!(words[i - 3].as_str(), "asking" | "ask" | "asked")
        }
        // "does that count", "does biking count as exercise", "what counts as a reason":
        // whether it is one, which a passage on it says; unlike "count the days" or "a blood
        // count".
        "count" | "counts" => {
            (before == Some("what") && next == Some("as"))
                || (matches!(next, None | Some("as" | "or" | "towards"))
                    || matches!(before, Some("that" | "this" | "it")))
                    && words[i.saturating_sub(4)..i]
                        .iter()
                        .any(|w| matches!(w.as_str(), "does" | "do" | "would" | "will" | "should"))
        }
        // "who should I book in with": whom to see, which a passage on them says; unlike
        // "how do I book a consultation".
        "book" | "booked" => {
            next == Some("with")
                || (next == Some("in") && words.get(i + 2).is_some_and(|w| w == "with"))
        }
        // "the medical name for thread veins", "my doctor wrote this word": what a thing is
        // called, which a passage that names it says; unlike "can I change my name".
        "name" | "names" | "term" | "word" | "words" => {
            before.is_some_and(|b| OF_A_NAME.contains(&b) || matches!(b, "real" | "this"))
        }
        // "the proper medical name": the word after, or after one more such word, is "name".
        w if OF_A_NAME.contains(&w) => {
            let word = |k: usize| words.get(k).map(String::as_str);
            let name = |k: usize| matches!(word(k), Some("name" | "names" | "term"));
            name(i + 1) || (word(i + 1).is_some_and(|w| OF_A_NAME.contains(&w)) && name(i + 2))
        }
        // Doubt of a claim: "does horse chestnut work or is it all hype", "legit or scam?",
        // "any truth in that or is it broscience", "an old wives tale": whether it holds,
        // which a passage on the claim says ("rubbish" and "nonsense" are generic words).
        "hype" | "legit" | "scam" | "scams" | "myth" | "myths" | "gimmick" | "gimmicks"
        | "broscience" | "bs" | "bollocks" | "tosh" | "bunk" | "fad" | "truth" => true,
        // "is that normal", "is it normal to itch", "is 3 or 4 normal", "is bruising normal
        // after laser": whether it is expected, which a passage that tells what to expect
        // says. Not "normal" of a thing ("a normal foundation", "my normal stockings").
        "normal" => {
            (matches!(before, Some("that" | "this" | "it" | "thats" | "its"))
                || (!matches!(
                    before,
                    Some("a" | "an" | "the" | "my" | "your" | "more" | "less")
                ) && next.is_none_or(|w| {
                    matches!(
                        w,
                        "after" | "for" | "to" | "at" | "when" | "with" | "in" | "during"
                    )
                })))
                && words[..i]
                    .iter()
                    .any(|w| matches!(w.as_str(), "is" | "are" | "thats" | "its"))
        }
        "old" => next == Some("wives"),
        "wives" | "wife" => matches!(next, Some("tale" | "tales")),
        "tale" | "tales" => matches!(before, Some("wives" | "wife")),
        // "what part of the vein is damaged" asks what is damaged.
        "part" => matches!(before, Some("what" | "which" | "whats")) && next == Some("of"),
        "sense" => matches!(before, Some("make" | "makes" | "making" | "no")),
        "bother" => i > 0 && words[i - 1] == "to" && matches!(next, Some("you" | "u")),
        "quick" | "random" | "silly" | "stupid" | "dumb" | "daft" | "odd" | "weird" | "strange"
        | "simple" | "small" | "little" | "general" | "brief" | "short" => {
            matches!(next, Some("question" | "questions" | "q"))
        }
        _ => false,
    }
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
    "wrote",
    "writes",
    "write",
    "talk",
    "talks",
    "heard",
];

/// A person cited as the source of a claim ("my mum says gravity causes them") is not what
/// the question is about; the claim is. "my mum had them" keeps "mum": that asks about family.
fn is_cited_source(words: &[String], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| words[j].as_str());
    let after = words.get(i + 1).map(String::as_str);
    (i == 0
        || matches!(
            before,
            Some("my" | "our" | "your" | "the" | "a" | "his" | "her" | "their")
        )
        || matches!(
            words[i].as_str(),
            "people" | "someone" | "somebody" | "everyone" | "everybody"
        ))
        && after.is_some_and(|w| SPEECH_VERBS.contains(&w))
}

/// Where the patient heard a claim, not what it is: the verb of a cited source ("my gp
/// **wrote** telangiectasia in my notes", "this muscle pump thing people **talk** about"), and
/// what it was read or heard in ("saw venous reflux mentioned **online**", "in my **notes**").
/// "can you write me a letter" still asks for a letter: no one is cited there.
fn is_report_word(words: &[String], i: usize) -> bool {
    let reported = |k: usize| {
        matches!(
            words[k].as_str(),
            "read" | "saw" | "seen" | "heard" | "mentioned" | "googled"
        ) || (k > 0 && is_cited_source(words, k - 1))
    };
    if i > 0 && is_cited_source(words, i - 1) && !is_generic(&words[i]) {
        return true;
    }
    matches!(
        words[i].as_str(),
        "online"
            | "internet"
            | "google"
            | "notes"
            | "paper"
            | "papers"
            | "website"
            | "websites"
            | "tiktok"
            | "facebook"
            | "forum"
            | "forums"
    ) && (i.saturating_sub(5)..i).any(reported)
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

/// The people in a patient's life. A passage speaks of them where it speaks of family or
/// friends (see [`KIN_KINDS`]): "my mum and my nan both had bad veins" is answered by veins
/// that "run in families", "can my husband come in with me" by bringing "a friend or carer".
/// Where no passage does, "my mum" is still a thing asked, and vetoes as any other.
const KIN: &[&str] = &[
    "mum",
    "mums",
    "mom",
    "moms",
    "mother",
    "dad",
    "dads",
    "father",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "kids",
    "nan",
    "nana",
    "gran",
    "granny",
    "grandma",
    "grandad",
    "grandpa",
    "sister",
    "brother",
    "boyfriend",
    "girlfriend",
    "aunt",
    "auntie",
    "uncle",
    "hubby",
    "mate",
    "friend",
    "neighbour",
];

/// How a passage names any of [`KIN`]. Not "relative": its stem is that of "related".
const KIN_KINDS: &[&str] = &["family", "friend", "friends", "carer", "companion"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::SynonymEntry;
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
                entry("shift", &["eliminate"]),
            ],
        })
    }

    /// A question's concepts, with no documents to take stems from.
    fn concepts(q: &str) -> Vec<Concept> {
        index().concepts(&words(q), &CorpusStats::default())
    }

    /// The patient's words for each concept of `q`.
    fn names(q: &str) -> Vec<String> {
        concepts(q).into_iter().map(|c| c.words).collect()
    }

    #[test]
    fn a_cited_person_is_not_a_concept_but_a_relative_with_veins_is() {
        assert_eq!(names("my gp mentioned the muscle pump"), ["muscle", "pump"]);
        assert_eq!(names("my mum had spider veins"), ["mum", "spider", "veins"]);
    }

    #[test]
    fn a_relative_who_has_the_veins_is_whom_the_patient_asks_for() {
        let context = |q: &str, who: &str| {
            concepts(q)
                .into_iter()
                .find(|c| c.words == who)
                .map(|c| c.context)
        };
        assert_eq!(
            context("my mum has spider veins, does walking help?", "mum"),
            Some(true)
        );
        // History, not the veins: the relative may be the point ("is the pill safe for me?").
        assert_eq!(
            context("my dad had a clot at 40, is walking safe?", "dad"),
            Some(false)
        );
        // About the patient: family history is asked.
        assert_eq!(
            context("my mum has spider veins, will I get them?", "mum"),
            Some(false)
        );
    }

    #[test]
    fn the_patients_english_is_no_concept_but_the_language_of_a_visit_is() {
        assert_eq!(
            names("my english not so good, is walking good"),
            ["walking"]
        );
        assert_eq!(
            names("is the consultation in english"),
            ["consultation", "english"]
        );
    }

    #[test]
    fn an_initialism_is_no_place() {
        let c = concepts("can i get them treated on the nhs");
        assert!(c.iter().any(|c| c.words == "nhs" && !c.setting), "{c:?}");
        let c = concepts("flying to spain, can i wear them");
        assert!(
            c.iter().any(|c| c.words == "spain" && c.when_where),
            "{c:?}"
        );
    }

    #[test]
    fn where_the_patient_works_tells_who_asks() {
        let c = concepts("I work in an office and sit at a desk all day, is that bad for my veins");
        assert!(c.iter().any(|c| c.words == "office" && c.context), "{c:?}");
        let c = concepts("does laser treatment work on spider veins and thread veins");
        assert!(c.iter().all(|c| !c.context), "{c:?}");
        // What the patient drives for a living, as an occupation would.
        let c = concepts(
            "i drive lorries so im sat for hours every day, does that matter for my veins",
        );
        assert!(c.iter().any(|c| c.words == "lorries" && c.context), "{c:?}");
        assert!(c.iter().any(|c| c.words == "drive" && c.context), "{c:?}");
        let c = concepts("can i drive my car after sclerotherapy on my spider veins");
        assert!(c.iter().all(|c| !c.context), "{c:?}");
    }

    #[test]
    fn at_weekends_is_when() {
        let c = concepts("I love hiking at weekends, is that good for leg veins");
        assert!(
            c.iter().any(|c| c.words == "weekends" && c.when_where),
            "{c:?}"
        );
        let c = concepts("are you open weekends");
        assert!(
            c.iter().any(|c| c.words == "weekends" && !c.when_where),
            "{c:?}"
        );
    }

    #[test]
    fn doubt_of_a_claim_asks_whether_it_holds() {
        assert_eq!(
            names("does horse chestnut actually work or is it all hype"),
            names("does horse chestnut actually work")
        );
        assert_eq!(
            names("putting your feet up for swelling, old wives tale?"),
            names("putting your feet up for swelling?")
        );
        assert_eq!(names("my wife has swelling"), ["wife", "swelling"]);
        assert_eq!(
            names("the gel really stings my skin, is that normal"),
            names("the gel really stings my skin")
        );
        assert_eq!(names("is a normal foundation ok"), ["normal", "foundation"]);
        assert_eq!(
            names("clinic said 4 sessions, is 3 or 4 normal"),
            names("clinic said 4 sessions, is 3 or 4")
        );
        assert_eq!(
            names("is bruising normal after laser"),
            names("is bruising after laser")
        );
        assert_eq!(names("are my normal stockings ok"), ["normal", "stockings"]);
        assert_eq!(
            names("whats the proper name for spider veins"),
            ["spider", "veins"]
        );
    }

    #[test]
    fn whether_a_thing_counts_as_another_asks_about_them_not_counting() {
        assert_eq!(
            names("does biking count as exercise"),
            ["biking", "exercise"]
        );
        assert_eq!(
            names("what counts as a reason to phone"),
            ["reason", "phone"]
        );
        assert_eq!(
            names("will they count my blood cells"),
            ["count", "blood cells"]
        );
    }

    #[test]
    fn a_measure_after_a_number_is_how_much_not_what() {
        assert_eq!(
            names("ive lost 2 stone, do i need new stockings"),
            ["lost", "new", "stockings"]
        );
        assert_eq!(
            names("can a kidney stone cause this"),
            ["kidney stone", "cause"]
        );
        assert_eq!(names("i cycle 15 km a day"), ["cycle", "day"]);
        assert_eq!(names("what steps should i take"), ["steps"]);
    }

    #[test]
    fn a_formal_letters_opening_asks_about_nothing() {
        let asked = names("does walking help spider veins");
        assert_eq!(
            names("I am writing to ask: does walking help spider veins"),
            asked
        );
        assert_eq!(
            names("I wish to enquire whether walking helps spider veins"),
            names("whether walking helps spider veins")
        );
        let c = concepts("writing on behalf of my mother, does walking help spider veins");
        assert!(
            c.iter()
                .all(|c| !c.words.contains("writing") && c.words != "behalf")
        );
        // Writing that is no opening stays a concept.
        assert!(names("can i use a pen for writing on my skin").contains(&"writing".to_string()));
    }

    #[test]
    fn an_age_told_is_who_asks() {
        assert_eq!(
            names("i am 88 years of age, are spider veins harmful"),
            ["years", "spider", "veins", "harmful"]
        );
        assert_eq!(names("aged 70, is walking enough"), ["walking"]);
        assert_eq!(names("does age make them worse"), ["age"]);
    }

    #[test]
    fn meals_and_seasons_say_when() {
        let c = concepts("i swim before brekkie, is sunscreen enough in summer");
        let setting: Vec<&str> = c
            .iter()
            .filter(|c| c.setting)
            .map(|c| c.words.as_str())
            .collect();
        assert_eq!(setting, ["brekkie", "summer"]);
    }

    #[test]
    fn someones_child_by_age_is_a_child() {
        let c = concepts("can my 12 year old wear them");
        assert_eq!(c[0].words, "my 12 year old");
        assert!(c[0].alternatives.contains(&vec![stem("children")]));
        let adult = concepts("my 30 year old son wears them");
        assert!(
            !adult
                .iter()
                .any(|c| c.alternatives.contains(&vec![stem("children")]))
        );
    }

    #[test]
    fn booking_is_asked_but_whom_to_book_in_with_is_whom_to_see() {
        assert_eq!(
            names("how do i book a consultation"),
            ["book", "consultation"]
        );
        assert_eq!(
            names("who should i book in with, a dermatologist"),
            ["dermatologist"]
        );
    }

    #[test]
    fn the_name_of_a_thing_asks_about_the_thing() {
        assert_eq!(
            names("whats the proper medical name for thread veins"),
            ["thread veins"]
        );
        assert_eq!(
            names("what does this word mean, telangiectasia"),
            ["telangiectasia"]
        );
        assert_eq!(names("whats the name of the surgeon"), ["name", "surgeon"]);
        // Said last, with nothing after it to name.
        assert_eq!(names("is it medical"), ["medical"]);
        assert_eq!(names("is it official medical"), ["official", "medical"]);
    }

    #[test]
    fn what_part_of_a_thing_asks_about_the_thing() {
        assert_eq!(
            names("what part of the vein is damaged"),
            ["vein", "damaged"]
        );
        assert_eq!(names("is it part of the treatment"), ["part", "treatment"]);
    }

    #[test]
    fn where_a_claim_was_heard_is_not_a_concept_but_what_is_asked_for_is() {
        assert_eq!(
            names("my gp wrote telangiectasia in my notes"),
            ["telangiectasia"]
        );
        assert_eq!(
            names("saw venous reflux mentioned online"),
            ["saw", "venous", "reflux"]
        );
        assert_eq!(
            names("the muscle pump people talk about"),
            ["muscle", "pump"]
        );
        assert_eq!(names("can you write me a letter"), ["write", "letter"]);
        assert_eq!(names("can i book online"), ["book", "online"]);
    }

    #[test]
    fn a_synonym_for_a_verb_does_not_read_a_noun_after_a_span_of_time() {
        let eliminate = vec![stem("eliminate")];
        let shifts = concepts("will walking shift my spider veins");
        assert!(shifts.iter().any(|c| c.alternatives.contains(&eliminate)));
        let shifts = concepts("i stand for 12 hour shifts, is that bad for my veins");
        assert!(!shifts.iter().any(|c| c.alternatives.contains(&eliminate)));
    }

    #[test]
    fn come_back_means_recur_not_back() {
        let c = concepts("can spider veins come back");
        // "back" alone never: only "come back" said side by side (see `decide.rs`).
        assert_eq!(
            c.last().unwrap().alternatives,
            vec![
                vec![stem("recur")],
                vec![stem("reappear")],
                vec![stem("come"), stem("back")]
            ]
        );
    }

    #[test]
    fn people_who_come_back_visit_where_veins_that_come_back_recur() {
        let last = |q: &str| concepts(q).pop().unwrap().alternatives;
        assert!(last("do i need to come back").contains(&vec![stem("session")]));
        assert!(last("will they come back").contains(&vec![stem("recur")]));
    }

    #[test]
    fn a_time_before_a_thing_names_a_kind_of_it() {
        let c = concepts("do you do saturday or evening appointments");
        assert!(c.iter().all(|c| !c.when_where), "{c:?}");
        let c = concepts("can i wear them on saturday");
        assert!(c.iter().any(|c| c.words == "saturday" && c.when_where));
    }

    #[test]
    fn synonym_keys_match_inflected_words() {
        let c = concepts("Is hiking good?");
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].alternatives,
            vec![vec![stem("hiking")], vec![stem("walking")]]
        );
    }

    #[test]
    fn phrases_win_over_single_words_and_generic_words_drop() {
        let c = concepts("how do I get rid of my thread veins");
        let names: Vec<_> = c.iter().map(|c| c.words.as_str()).collect();
        assert_eq!(names, ["get rid of", "thread veins"]);
        // What the clinic's synonym maps to first, then the phrase's own words: a leaflet
        // that says "thread veins" covers it too.
        assert_eq!(
            c[1].alternatives,
            vec![
                vec![stem("spider"), stem("veins")],
                vec![stem("thread"), stem("veins")]
            ]
        );
    }

    #[test]
    fn everyday_phrases_are_one_concept_and_manners_are_dropped() {
        let c = concepts("will walking take it easy on them in the first place");
        let names: Vec<_> = c.iter().map(|c| c.words.as_str()).collect();
        assert_eq!(names, ["walking", "take it easy"]);
        assert_eq!(c[1].phrase, Some("take it easy"));
        // "at home" names a place, and "go back" says what its words say: neither is a phrase.
        let c = concepts("can i go back to treating them at home");
        let names: Vec<_> = c.iter().map(|c| c.words.as_str()).collect();
        assert!(
            names.contains(&"home") && c.iter().all(|c| c.phrase.is_none()),
            "{names:?}"
        );
    }
}
