//! What a word of the message means for triage: denied ("no pain or swelling"), or used in a
//! sense that is no warning sign ("a hot bath", "I'm pretty fit", "dying to know"). Such a
//! word matches no rule.

use crate::text::lexicon::{NEGATORS, TURNS};

/// How many words after a negator it covers: "no pain or swelling in my legs".
const NEGATION_REACH: usize = 4;

/// "never had pain like this", "never felt anything so bad": the worst ever, not a denial.
fn never_like_this(words: &[String], i: usize) -> bool {
    words[i] == "never"
        && words[i + 1..].windows(2).take(5).any(|w| {
            matches!(
                (w[0].as_str(), w[1].as_str()),
                ("like", "this" | "that" | "it") | ("so" | "this", "bad")
            )
        })
}

/// "not able to stand up without blacking out", "cannot walk without fainting": a double
/// negative, the patient does black out.
fn without_after_cannot(words: &[String], i: usize) -> bool {
    words[i] == "without"
        && words[i.saturating_sub(6)..i]
            .iter()
            .any(|w| matches!(w.as_str(), "not" | "cannot" | "unable" | "never"))
}

/// Which words are denied: "no pain or swelling", "my legs are not swollen or hot". A denied
/// word matches no rule. "cannot" is not a denial here: "I cannot breathe" is the sign itself.
pub fn negated(words: &[String]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut reach = 0;
    for (i, w) in words.iter().enumerate() {
        // "and" in Spanish and Portuguese ends a denial too: "no" is also Portuguese for "in
        // the" ("no tornozelo e ta sangrando": in the ankle, and it is bleeding).
        if TURNS.contains(&w.as_str()) || matches!(w.as_str(), "e" | "y") {
            reach = 0;
        } else if w == "no"
            && matches!(
                words.get(i + 1).map(String::as_str),
                Some(
                    "the"
                        | "it"
                        | "its"
                        | "i"
                        | "my"
                        | "she"
                        | "he"
                        | "they"
                        | "we"
                        | "this"
                        | "that"
                        | "still"
                )
            )
            || (w == "no"
                && matches!(
                    words.get(i + 1).map(String::as_str),
                    Some("feeling" | "sensation")
                )
                && matches!(words.get(i + 2).map(String::as_str), Some("in" | "at")))
        {
            // "no, the bleeding hasn't stopped": an answer, not a denial of what follows.
            // "no feeling in my foot" is the sign itself, as "cannot breathe" is.
            reach = 0;
        } else if never_like_this(words, i) || without_after_cannot(words, i) {
            reach = 0;
        } else if NEGATORS.contains(&w.as_str()) {
            // "not stop", "will not stop": the bleeding that does not stop is the sign.
            let next = words.get(i + 1).map(String::as_str);
            // "not getting any better" is the sign; "not getting worse" a denial.
            let not_getting_better = next == Some("getting")
                && matches!(words.get(i + 2).map(String::as_str), Some("better" | "any"));
            if !matches!(
                next,
                Some(
                    "stop"
                        | "stopping"
                        | "stopped"
                        | "heal"
                        | "healing"
                        | "healed"
                        | "go"
                        | "going"
                        | "able"
                        | "breathe"
                        | "breathing"
                        | "feel"
                        | "see"
                        | "move"
                        | "speak"
                        | "talk"
                        | "wake"
                        | "waking"
                        | "easing"
                        | "touched"
                        // Painkillers "not touching it" is the sign.
                        | "touching"
                        | "improving"
                        | "settling"
                        | "helping"
                        | "warm"
                        | "respond"
                        | "responding"
                        | "get"
                        | "sure"
                        | "working"
                        // "not just a bruise", "not only", "I'm not OK", "not imagining it",
                        // "my words are not coming out right": no denial of what follows.
                        | "just"
                        | "only"
                        | "ok"
                        | "okay"
                        | "imagining"
                        | "coming"
                        // Spanish and Portuguese "no": "no para de sangrar" and "no veo
                        // nada" are the sign.
                        | "para"
                        | "puedo"
                        | "se"
                        | "me"
                        | "consigo"
                        | "veo"
                        | "vejo"
                )
            ) && !not_getting_better
            {
                // The denier itself is no word of a rule either: "not bleeding now" does not
                // make the "not" of "bleeding ... not stopping".
                out[i] = true;
                reach = NEGATION_REACH;
                continue;
            }
        } else if reach > 0 {
            out[i] = true;
            reach -= 1;
        }
    }
    out
}

/// Marks the parts the patient says are fine: "lips and throat fine", "breathing fine" (not
/// "is my leg fine?", a question).
fn mark_said_fine(words: &[String], out: &mut [bool]) {
    const PARTS: &[&str] = &[
        "lips",
        "lip",
        "throat",
        "tongue",
        "mouth",
        "breathing",
        "breath",
        "eyesight",
        "vision",
        "sight",
        "eyes",
        "chest",
        "calf",
        "calves",
        "leg",
        "legs",
        "foot",
        "feet",
        "toes",
        "face",
        "arm",
        "arms",
        "speech",
        "skin",
    ];
    for (i, w) in words.iter().enumerate() {
        if w != "fine" || i == 0 {
            continue;
        }
        let mut j = i - 1;
        if j > 0
            && matches!(
                words[j].as_str(),
                "is" | "are" | "feel" | "feels" | "look" | "looks" | "all" | "both"
            )
        {
            j -= 1;
        }
        let asked = words[j.saturating_sub(3)..j].iter().any(|w| {
            matches!(
                w.as_str(),
                "is" | "are" | "will" | "should" | "would" | "does"
            )
        });
        if asked || !PARTS.contains(&words[j].as_str()) {
            continue;
        }
        out[j] = true;
        while j >= 2 && words[j - 1] == "and" && PARTS.contains(&words[j - 2].as_str()) {
            out[j - 2] = true;
            j -= 2;
        }
    }
}

/// How far after a bleeding word its "stopped" may stand: "my vein bled after I caught it on
/// the car door, I lay down and pressed it for 10 minutes and it stopped".
const STOPPED_REACH: usize = 20;

/// How far from a swelling word its "gone down" may stand: "my eyes were really puffy, which
/// freaked me out, but by Thursday it had gone down".
const DOWN_REACH: usize = 10;

/// The verbs of "gone down", "going down", "came down".
const GOING: &[&str] = &["gone", "going", "went", "come", "came", "goes"];

/// A word of swelling: "swelling", "swollen", "puffy", "puffiness".
fn swelling(w: &str) -> bool {
    w.starts_with("swell") || w == "swollen" || w.starts_with("puff")
}

/// A word naming a clot: "clot", "DVT", "thrombosis", "embolism".
pub fn names_a_clot(word: &str) -> bool {
    matches!(word, "clot" | "clots" | "dvt" | "thrombosis" | "embolism")
}

/// How far from a clot word a word of risk may stand: "make a blood clot more likely", "is
/// she more at risk of a clot".
const RISK_REACH: usize = 4;

/// A word of risk or likelihood near the clot word at `i`: "risk", "riskier", "likely" (and
/// "likley"), "chance", "odds", "prone", and comparisons of safety ("is the gel safer than
/// tablets for clots").
fn risk_near(words: &[String], i: usize) -> bool {
    let end = (i + RISK_REACH + 1).min(words.len());
    words[i.saturating_sub(RISK_REACH)..end].iter().any(|w| {
        w.starts_with("risk")
            || w.starts_with("likel")
            || w.starts_with("likl")
            || w.starts_with("chance")
            || matches!(
                w.as_str(),
                "unlikely" | "odds" | "prone" | "likelihood" | "safer" | "safest"
            )
    })
}

/// The message places the clot at `i` in someone: "I have a clot", "could it be a DVT", "a
/// clot in my leg".
fn placed_in_them(words: &[String], i: usize) -> bool {
    let in_them = words[i + 1..].windows(2).take(2).any(|w| {
        matches!(w[0].as_str(), "in" | "on")
            && matches!(w[1].as_str(), "my" | "his" | "her" | "their" | "your")
    });
    said_to_be(words, i) || in_them
}

/// The message says someone has the clot at `i`, or that something is it: "I have a clot",
/// "worried I've got a DVT", "could it be a clot", "this is a DVT".
fn said_to_be(words: &[String], i: usize) -> bool {
    matches!(
        word_before_article(words, i),
        Some("have" | "got" | "having")
    ) || said_to_be_it(words, i)
}

/// The message says something is the clot at `i`: "could it be a clot", "is this a DVT",
/// "this is a DVT", "it's a clot".
pub fn said_to_be_it(words: &[String], i: usize) -> bool {
    let k = article_start(words, i);
    let before = k.checked_sub(1).map(|j| words[j].as_str());
    matches!(before, Some("be" | "its" | "it" | "this" | "that"))
        || (before == Some("is")
            && k >= 2
            && matches!(words[k - 2].as_str(), "it" | "this" | "that"))
}

/// Where the word at `i` starts with its articles: "a blood clot" starts at "a".
fn article_start(words: &[String], i: usize) -> usize {
    let mut k = i;
    while k > 0
        && matches!(
            words[k - 1].as_str(),
            "a" | "an" | "another" | "blood" | "the"
        )
    {
        k -= 1;
    }
    k
}

/// The word before the one at `i` and its articles: "have" in "have a blood clot".
fn word_before_article(words: &[String], i: usize) -> Option<&str> {
    article_start(words, i)
        .checked_sub(1)
        .map(|j| words[j].as_str())
}

/// Words used in a sense that is not a warning sign. Such a word matches no rule, as a denied
/// one does:
/// - "numb" as what the clinic does: "will they numb my face", "do you use numbing cream",
///   "to numb the area" ("my face went numb", "a numbing feeling" still count);
/// - heat and cold of things, not of a leg: "a hot bath", "warm water", "cold weather", "a
///   cold sore" ("my calf is hot" still counts);
/// - the colour of a person's skin: "pale skin", "I'm black", "is laser ok on dark skin"
///   ("the skin has gone white" still counts);
/// - "see" as in noticing results, visiting someone or looking at the veins: "when will I see
///   a difference", "who should I see", "can't they just see the veins" ("I can't see out of
///   one eye" still counts);
/// - the heart pumping blood, a painkiller asked about, frozen peas on a leg, cold asked
///   about as a treatment, a treated vein that collapses;
/// - "hard" as difficult ("it's hard to sit"), a temperature said to be normal, "a temp" who
///   works.
pub fn not_the_sign(words: &[String]) -> Vec<bool> {
    let at = |i: usize| words.get(i).map(String::as_str);
    let mut out: Vec<bool> = (0..words.len())
        .map(|i| {
            let before = i.checked_sub(1).and_then(at);
            let after = at(i + 1);
            match words[i].as_str() {
                // "Hard" as difficult: "it's hard to sit", "I had a hard time after my op",
                // "hard work" ("the vein has gone hard" still counts).
                "hard" => {
                    matches!(
                        after,
                        Some(
                            "to" | "time"
                                | "times"
                                | "for"
                                | "work"
                                | "going"
                                | "day"
                                | "days"
                                | "week"
                                | "enough"
                                | "on"
                        )
                    ) || matches!(
                        before,
                        Some("try" | "trying" | "tried" | "work" | "working")
                    )
                }
                // A temperature said to be normal: "my temp is normal but I'm shivering
                // because the house is cold", "my temperature was fine though".
                "temperature" | "temp"
                    if words[i + 1..].iter().take(3).any(|w| {
                        matches!(
                            w.as_str(),
                            "normal" | "fine" | "ok" | "okay" | "good" | "down" | "normalised"
                        )
                    }) =>
                {
                    true
                }
                // A temp is also a temporary worker: "I work as a temp", "temp work".
                "temp" => {
                    (before == Some("a") && i >= 2 && words[i - 2] == "as")
                        || matches!(after, Some("job" | "jobs" | "work" | "agency" | "worker"))
                }
                // Bleeding that has stopped: "the bleeding stopped after two minutes", "it bled
                // a little but stopped" (not "it has not stopped", "nothing stops it").
                // It stays the sign where it "started again".
                w if (w.starts_with("bleed") || w == "bled")
                    && words[i + 1..]
                        .iter()
                        .take(STOPPED_REACH)
                        .enumerate()
                        .any(|(k, x)| {
                            matches!(x.as_str(), "stopped" | "stops")
                                && !matches!(
                                    words[i + k].as_str(),
                                    "not" | "never" | "still" | "nothing"
                                )
                        })
                    && !words[i + 1..].iter().any(|x| {
                        matches!(x.as_str(), "again" | "restarted" | "started" | "starts")
                    }) =>
                {
                    true
                }
                // Swelling that has gone down is over: "the swelling has gone down now".
                w if swelling(w)
                    && words[i + 1..]
                        .windows(2)
                        .take(DOWN_REACH)
                        .any(|p| GOING.contains(&p[0].as_str()) && p[1] == "down") =>
                {
                    true
                }
                // ... and so is the "gone" of "gone down" ("my eyes have gone" is a sign of sight).
                w if GOING.contains(&w)
                    && after == Some("down")
                    && words[i.saturating_sub(DOWN_REACH)..i]
                        .iter()
                        .any(|w| swelling(w)) =>
                {
                    true
                }
                // "I almost passed out from the price", "nearly died laughing": a joke.
                "passed" | "pass" | "fainted" | "faint" | "died" | "dead" | "dying"
                    if words[i + 1..].iter().take(4).any(|w| {
                        matches!(
                            w.as_str(),
                            "price" | "prices" | "cost" | "costs" | "bill" | "quote" | "laughing"
                        )
                    }) =>
                {
                    true
                }
                // A limb "dead" from sleeping on it, a face numb "after the dentist": the
                // patient names the ordinary cause.
                "numb" | "numbs" | "numbed" | "numbness" | "dead" | "tingling" | "tingly"
                | "fizzing"
                    if words[i + 1..].windows(2).take(6).any(|p| {
                        matches!(
                            (p[0].as_str(), p[1].as_str()),
                            (
                                "sleeping" | "slept" | "lying" | "lay" | "sat" | "sitting",
                                "on"
                            ) | ("the", "dentist")
                                | ("at", "dentist")
                        )
                    }) =>
                {
                    true
                }
                // "numb from the local anaesthetic": the patient names the cause.
                "numb" | "numbs" | "numbed" | "numbness"
                    if after == Some("from")
                        && words[i + 2..].iter().take(3).any(|w| {
                            w.starts_with("anaesthe") || w.starts_with("anesthe") || w == "local"
                        }) =>
                {
                    true
                }
                "numb" | "numbs" | "numbed" | "numbing" => {
                    matches!(before, Some("they" | "you" | "we" | "to"))
                        || (words[i] == "numbing"
                            && matches!(
                                after,
                                Some(
                                    "cream"
                                        | "creams"
                                        | "gel"
                                        | "spray"
                                        | "injection"
                                        | "injections"
                                        | "jab"
                                        | "agent"
                                        | "medicine"
                                        | "stuff"
                                        | "solution"
                                )
                            ))
                }
                // A fit is a seizure; "I'm fit", "will they fit", "a stocking fitting" are not,
                // and nor is "a fit note" (a doctor's note for work). The words have lost
                // their full stops, so "he had a fit. Note ..." stays the sign.
                "fit" | "fits" => {
                    !matches!(
                        before,
                        Some("a" | "another" | "having" | "had" | "has" | "into")
                    ) || (matches!(after, Some("note" | "notes"))
                        && !matches!(
                            i.checked_sub(2).and_then(at),
                            Some("had" | "has" | "have" | "having" | "just")
                        ))
                }
                "fitting" => !matches!(before, Some("is" | "was" | "started" | "keeps" | "been")),
                // "our company collapsed", "the deal collapsed": no one fell; nor where a
                // treated vein collapses ("the vein just collapses and fades away").
                "collapsed" | "collapse" | "collapses" => {
                    matches!(
                        before,
                        Some(
                            "company" | "business" | "firm" | "deal" | "plans" | "bank" | "market"
                        )
                    ) || words[i.saturating_sub(2)..i]
                        .iter()
                        .any(|w| matches!(w.as_str(), "vein" | "veins" | "vessel" | "vessels"))
                }
                // "new veins have popped up": they appeared.
                "popped" | "pop" | "popping" => after == Some("up"),
                // "will new ones keep coming back": they return, nothing is pouring out.
                "coming" | "come" | "comes" | "came" => after == Some("back"),
                // "exercise gets the blood pumping", "keep your blood pumping": the idiom for
                // exercise. Blood "pumping out" or "pumping from" a vein is still the sign.
                "pumping"
                    if before == Some("blood")
                        && !matches!(after, Some("out" | "from" | "everywhere"))
                        && words[i.saturating_sub(4)..i - 1].iter().any(|w| {
                            matches!(
                                w.as_str(),
                                "get" | "gets" | "getting" | "got" | "keep" | "keeps" | "keeping"
                            )
                        }) =>
                {
                    true
                }
                // The heart pumping blood round the body: "the heart is pumping the blood, so
                // why do the legs need help". Blood pumping from a vein is still the sign.
                "pumping" | "pumps" | "pump"
                    if words[i.saturating_sub(3)..i].iter().any(|w| w == "heart") =>
                {
                    true
                }
                // A painkiller asked about ("what painkiller can I take"), not one that fails
                // ("painkillers don't touch it").
                "painkiller" | "painkillers"
                    if matches!(before, Some("which" | "what" | "any" | "best"))
                        || matches!(after, Some("can" | "should" | "would")) =>
                {
                    true
                }
                // Frozen peas or a cold pack held on a leg, and cold asked about as a
                // treatment ("hot or cold on it?", "is cold ok?"), are no cold foot.
                "frozen" => matches!(after, Some("peas" | "pack" | "veg")),
                "cold"
                    if matches!(after, Some("ok" | "okay" | "better" | "best"))
                        || (before == Some("or")
                            && i >= 2
                            && matches!(words[i - 2].as_str(), "hot" | "warm" | "heat")) =>
                {
                    true
                }
                "skin" => matches!(
                    after,
                    Some(
                        "tone"
                            | "tones"
                            | "type"
                            | "types"
                            | "colour"
                            | "color"
                            | "coloured"
                            | "colored"
                    )
                ),
                // The weather, or how the patient always is: "when it is cold out", "now the
                // nights are cold", "my feet are always cold in winter".
                "hot" | "warm" | "cold" | "warmer" | "hotter" | "colder"
                    if matches!(after, Some("out" | "outside"))
                        || before == Some("always")
                        || (after == Some("in")
                            && words[i + 2..].iter().take(2).any(|w| {
                                matches!(w.as_str(), "winter" | "summer" | "bed" | "cold" | "heat")
                            }))
                        || (matches!(before, Some("is" | "are" | "gets" | "get" | "getting"))
                            && i >= 2
                            && matches!(
                                words[i - 2].as_str(),
                                "nights"
                                    | "days"
                                    | "weather"
                                    | "mornings"
                                    | "evenings"
                                    | "winter"
                                    | "outside"
                                    | "house"
                                    | "room"
                                    | "there"
                            )) =>
                {
                    true
                }
                "hot" | "warm" | "cold" | "warmer" | "hotter" | "colder" => matches!(
                    after,
                    Some(
                        "bath"
                            | "baths"
                            | "shower"
                            | "showers"
                            | "tub"
                            | "tubs"
                            | "water"
                            | "weather"
                            | "day"
                            | "days"
                            | "summer"
                            | "climate"
                            | "country"
                            | "countries"
                            | "holiday"
                            | "yoga"
                            | "wax"
                            | "waxing"
                            | "drink"
                            | "drinks"
                            | "compress"
                            | "pack"
                            | "room"
                            | "sore"
                            | "sores"
                            | "spell"
                            | "sun"
                    )
                ),
                // Black and white are also what dying skin turns ("I've got black skin where
                // they injected"): only "I am black" is the patient's colour.
                "pale" | "fair" | "dark" | "darker" | "brown" | "olive" | "light" | "lighter"
                | "tanned"
                    if matches!(after, Some("skin" | "skinned" | "complexion"))
                        && matches!(
                            before,
                            Some(
                                "for"
                                    | "on"
                                    | "with"
                                    | "have"
                                    | "got"
                                    | "has"
                                    | "of"
                                    | "very"
                                    | "quite"
                                    | "naturally"
                                    | "really"
                            )
                        ) =>
                {
                    true
                }
                "pale" | "fair" | "dark" | "brown" | "black" | "white" | "olive" | "asian"
                    if before == Some("am") && i >= 2 && words[i - 2] == "i" =>
                {
                    true
                }
                // Figures of speech: "dying to know", "this price is killing me", "took my
                // breath away", "feeling blue about how my legs look", "veins everywhere",
                // "so much better".
                "dying" => after == Some("to"),
                "killing" | "kills" => words[i.saturating_sub(3)..i].iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "price"
                            | "prices"
                            | "cost"
                            | "costs"
                            | "bill"
                            | "wait"
                            | "waiting"
                            | "suspense"
                    )
                }),
                "breath" => after == Some("away"),
                "blue" if after == Some("about") => true,
                "everywhere" => {
                    matches!(before, Some("veins" | "vein" | "lines" | "them" | "spider"))
                }
                "much" => {
                    matches!(
                        after,
                        Some("better" | "nicer" | "improved" | "less" | "easier")
                    ) || (i >= 3 && matches!(words[i - 3].as_str(), "thank" | "thanks")
                        || i >= 2 && matches!(words[i - 2].as_str(), "thank" | "thanks"))
                }
                // Bleeding that stopped is over: "it bled but stopped", "it stops straight away"
                // ("has not stopped" is the sign).
                "stopped" | "stops" => {
                    !matches!(before, Some("not" | "never" | "still"))
                        // "nothing I do stops it".
                        && !words[i.saturating_sub(3)..i].iter().any(|w| w == "nothing")
                }
                // The risk of a clot, asked about: "is she more at risk of a clot", "does the
                // pill make a clot more likely", "is flying riskier for clots", "is wine bad for
                // clots", "safer when it comes to clots". Not where the message places one in the
                // patient: "I think I have a clot, how likely is that", "is it a clot", "a clot
                // in my leg".
                w if names_a_clot(w)
                    && (risk_near(words, i)
                        || (words[i] == "clots"
                            && matches!(
                                before,
                                Some("for" | "about" | "of" | "against" | "to")
                            )))
                    && !placed_in_them(words, i) =>
                {
                    true
                }
                // A clot of the past or one to prevent: "my old DVT", "ever since my DVT",
                // "after a DVT a year ago", "aspirin to stop clots".
                w if names_a_clot(w)
                    && words[i.saturating_sub(2)..i].iter().any(|w| {
                        matches!(
                            w.as_str(),
                            "old"
                                | "previous"
                                | "past"
                                | "since"
                                | "stop"
                                | "prevent"
                                | "avoid"
                                | "anti"
                        )
                    })
                    || (before == Some("a") && i >= 2 && words[i - 2] == "after") =>
                {
                    true
                }
                // "I always go woozy at the sight of needles", "I tend to go faint", "a faint
                // line", "faint red marks": how the patient always is, or a pale colour.
                "woozy" | "faint" | "fainting" | "faints"
                    if words[i.saturating_sub(4)..i]
                        .iter()
                        .any(|w| matches!(w.as_str(), "always" | "tend" | "tends" | "usually")) =>
                {
                    true
                }
                "faint" => matches!(
                    after,
                    Some(
                        "line"
                            | "lines"
                            | "mark"
                            | "marks"
                            | "red"
                            | "blue"
                            | "purple"
                            | "pink"
                            | "brown"
                            | "vein"
                            | "veins"
                            | "bruise"
                            | "bruising"
                            | "scar"
                            | "scars"
                            | "trace"
                            | "outline"
                            | "stain"
                            | "staining"
                            | "blush"
                            | "hint"
                            | "tinge"
                            | "shadow"
                            // "a few faint ones on her legs", "faint spider veins", "faint
                            // little lines": a pale colour of the veins themselves. Not "faint,
                            // spots in front of my eyes", which is the sign.
                            | "ones"
                            | "spider"
                            | "thread"
                            | "little"
                    )
                ),
                // "my stockings are seven months old": an age, not how long a sign has lasted.
                "months" | "weeks" | "years" if after == Some("old") => true,
                // "can I still have sclero tomorrow": still allowed, not still bleeding.
                "still" => matches!(
                    after,
                    Some(
                        "have"
                            | "go"
                            | "get"
                            | "do"
                            | "wear"
                            | "come"
                            | "fly"
                            | "book"
                            | "be"
                            | "use"
                    )
                ),
                // "less painful", "less swollen": getting better.
                _ if before == Some("less") => true,
                // "thinking the lump was a clot, but the nurse said ...": a suspicion that is over.
                "clot" | "dvt"
                    if before == Some("a")
                        && i >= 2
                        && matches!(words[i - 2].as_str(), "was" | "not") =>
                {
                    true
                }
                // "swelling that goes down overnight" gets better; it did not come overnight.
                "overnight" => before == Some("down"),
                // A bruise's colours: "the bruise has gone blue and black" is a bruise.
                "white" | "black" | "blue" | "grey" | "gray" | "blackish" | "dusky" | "purple"
                | "mottled" | "dark"
                    if words[i.saturating_sub(9)..(i + 5).min(words.len())]
                        .iter()
                        .enumerate()
                        .any(|(k, w)| {
                            // "not just a bruise, the skin has gone black": no bruise's colour.
                            let at = i.saturating_sub(9) + k;
                            w.starts_with("bruis")
                                && !words[at.saturating_sub(3)..at].windows(2).any(|p| {
                                    p[0] == "not" && matches!(p[1].as_str(), "just" | "only")
                                })
                        }) =>
                {
                    true
                }
                "see" | "seeing" => words[i + 1..].iter().take(3).any(|w| {
                    matches!(
                        w.as_str(),
                        "difference"
                            | "change"
                            | "improvement"
                            | "results"
                            | "result"
                            | "progress"
                            | "back"
                            | "specialist"
                            | "doctor"
                            | "gp"
                            | "nurse"
                            | "consultant"
                            | "surgeon"
                            | "dermatologist"
                            // "do I need to see someone", "can't they just see the veins".
                            | "someone"
                            | "somebody"
                            | "anyone"
                            | "anybody"
                            | "vein"
                            | "veins"
                    )
                }),
                _ => false,
            }
        })
        .collect();
    mark_said_fine(words, &mut out);
    out
}
