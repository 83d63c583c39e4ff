//! Whether the message tells of a warning sign happening now, or only asks in general ("can
//! sclerotherapy cause a clot"), tells of the past ("I had a DVT in 2018") or of a condition
//! ("if I ever thought I had a clot"). When in doubt, a sign is happening now.

use crate::text::lexicon::{ASKING, GENERAL, NOW, PAST, RELATIVES};

/// A message that asks about warning signs in general ("can sclerotherapy cause a clot", "what
/// is skin necrosis"), tells of them in the past ("I had a DVT in 2018", "my mum had a clot"),
/// with no word of them happening now. When in doubt, the rule's match stands.
pub fn not_now(words: &[String]) -> bool {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    // A question: it opens with a question word, or one stands before a pronoun ("... am I
    // at risk", "could it be"); "my leg is hot" is a statement.
    let asks = words.first().is_some_and(|w| ASKING.contains(&w.as_str()))
        // "what are the risks", anywhere in the message.
        || words
            .windows(2)
            .any(|w| w[0] == "what" && matches!(w[1].as_str(), "are" | "is"))
        // "I wonder whether I ought to be screened", "could you explain the risk".
        || words
            .iter()
            .any(|w| matches!(w.as_str(), "wonder" | "wondering" | "explain"))
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "puede" | "peut" | "kann" | "pode" | "puo" | "posso"
            )
        })
        || words.windows(2).any(|w| {
            ASKING.contains(&w[0].as_str())
                && matches!(
                    w[1].as_str(),
                    "i" | "it"
                        | "that"
                        | "this"
                        | "you"
                        | "they"
                        | "we"
                        | "there"
                        | "man"
                        | "one"
                        | "my"
                )
        });
    // "what is skin necrosis": a question about a word, unless it speaks of "my" or "I".
    let defines = words.first().is_some_and(|w| w == "what")
        && !words
            .iter()
            .any(|w| matches!(w.as_str(), "my" | "i" | "me" | "mine"));
    // "a bit worried about clots on the plane": a worry about the sign in general.
    let worry = words.windows(2).any(|w| {
        matches!(
            w[0].as_str(),
            "worried" | "worry" | "worrying" | "scared" | "afraid" | "nervous" | "concerned"
        ) && w[1] == "about"
    });
    // "same as ever", "worse than ever": as always, not "have you ever".
    let general_word = words.iter().enumerate().any(|(i, w)| {
        GENERAL.contains(&w.as_str())
            && !(w == "ever" && i > 0 && matches!(words[i - 1].as_str(), "as" | "than" | "for"))
    });
    // "dvt signs?", "clot risk?": a bare question about signs or risk, of no one.
    let of_no_one = !words.iter().any(|w| {
        matches!(
            w.as_str(),
            "i" | "my" | "me" | "he" | "she" | "his" | "her" | "we" | "our" | "they" | "their"
        ) || RELATIVES.contains(&w.as_str())
    });
    let bare = of_no_one
        && words.len() <= 4
        && has(&[
            "signs", "symptoms", "symptom", "risk", "risks", "chance", "chances",
        ]);
    // "can you get a high temperature after foam", "does everyone get a fever after it":
    // what happens to anyone, asked by no one of their own.
    // Not where the message speaks of anyone's own ("she is shivering and burning up, can you
    // get that after foam?"): `of_no_one`, as for a bare question.
    let to_anyone = of_no_one
        && words.windows(2).any(|w| {
            matches!(
                w[0].as_str(),
                "you" | "everyone" | "everybody" | "anyone" | "anybody" | "people" | "someone"
            ) && matches!(w[1].as_str(), "get" | "gets" | "have" | "feel")
        });
    let general = (asks && (general_word || defines || worry || to_anyone)) || bare;
    let year = words.iter().any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    });
    let last_year = words.windows(2).any(|w| {
        w[0] == "last"
            && matches!(
                w[1].as_str(),
                "year" | "summer" | "winter" | "spring" | "autumn" | "month"
            )
    });
    let relative_had = words.windows(2).any(|w| {
        RELATIVES.contains(&w[0].as_str())
            && matches!(
                w[1].as_str(),
                "had" | "has" | "died" | "hatte" | "tuvo" | "teve" | "got"
            )
    });
    // "a long time ago", "long ago": the past ("an hour ago" is not).
    let long_ago = words.windows(2).any(|w| w[0] == "long" && w[1] == "ago")
        || words
            .windows(3)
            .any(|w| w[0] == "long" && w[1] == "time" && w[2] == "ago");
    // "when I was a teenager", "when I was pregnant with my first", "as a child".
    let when_i_was = words
        .windows(3)
        .any(|w| w[0] == "when" && w[1] == "i" && w[2] == "was")
        || words.windows(3).any(|w| {
            w[0] == "as"
                && w[1] == "a"
                && matches!(
                    w[2].as_str(),
                    "child" | "kid" | "teenager" | "teen" | "baby"
                )
        });
    // "hace años" is the past, "hace media hora" half an hour ago.
    let hace = has(&["hace"]) && has(&["anos", "ano", "meses", "mes", "tiempo", "semanas"]);
    // "in the past", "I once had a clot", "once fainted at a blood test"; not "spread past
    // the pen line", "fainted twice, once in the kitchen".
    let the_past = words.windows(2).any(|w| w[0] == "the" && w[1] == "past");
    let once = words.windows(2).any(|w| {
        w[0] == "once"
            && (w[1].ends_with("ed")
                || matches!(
                    w[1].as_str(),
                    "had" | "was" | "were" | "got" | "went" | "did"
                ))
    });
    let past = has(PAST)
        || the_past
        || once
        || year
        || last_year
        || when_i_was
        || hace
        || long_ago
        || (relative_had && asks);
    (general || past) && !speaks_of_now(words)
}

/// Verbs that tell a sign in the present: "my calf hurts", "it smells".
const PRESENT_VERBS: &[&str] = &[
    "hurts", "aches", "throbs", "burns", "smells", "stinks", "bleeds", "oozes", "weeps",
];

/// "now", "since", "this morning", or "I have", "my ... is": the sign is happening.
fn speaks_of_now(words: &[String]) -> bool {
    // "if I ...", "if I think I have ...": a condition, not a statement.
    let conditional = |i: usize| {
        words[i.saturating_sub(3)..i]
            .iter()
            .any(|w| matches!(w.as_str(), "if" | "whether"))
    };
    let next = |i: usize| words.get(i + 1).map(String::as_str);
    // A word of now (see [`NOW`]) in a sense that is not: "just asking", "just a bit", "my
    // gran keeps saying", "fine since", "been fine", "fine now".
    let idle = |i: usize| match words[i].as_str() {
        // "just" is now only as "just noticed", "just burst", "has just started"; "just a
        // bit", "just in case", "should I just wait" are not.
        "just" => !next(i).is_some_and(|n| {
            (n.ends_with("ed") && n != "need" && n != "worried")
                || matches!(
                    n,
                    "had"
                        | "got"
                        | "came"
                        | "went"
                        | "felt"
                        | "burst"
                        | "fell"
                        | "saw"
                        | "began"
                        | "woke"
                        | "took"
                        | "found"
                        | "now"
                        | "begun"
                        | "done"
                        | "been"
                        | "come"
                        | "gone"
                        | "left"
                        | "ran"
                        | "stood"
                        | "collapsed"
                )
        }),
        "keeps" => matches!(next(i), Some("saying" | "telling" | "asking")),
        // "since this morning", "since the injection"; not "I've been fine since", "since a
        // clot in 2018", "desde hace tiempo", "depuis 2020".
        "since" | "desde" | "depuis" | "seit" | "seitdem" => {
            // "ever since": for a long time.
            (i > 0 && words[i - 1] == "ever")
                || next(i).is_none_or(|n| {
                    ASKING.contains(&n)
                        || matches!(
                            n,
                            "then"
                                | "childhood"
                                | "birth"
                                | "hace"
                                | "longtemps"
                                | "il"
                                | "jahren"
                                | "langem"
                                | "anos"
                                | "ans"
                                | "tempo"
                        )
                })
                || words[i + 1..].iter().take(4).any(|w| {
                    w.len() == 4
                        && w.starts_with(['1', '2'])
                        && w.chars().all(|c| c.is_ascii_digit())
                })
        }
        // "has been bleeding", "been swollen for two days"; not "been fine", "been on them".
        "been" => !next(i).is_some_and(|n| {
            n.ends_with("ing")
                || matches!(
                    n,
                    "swollen"
                        | "red"
                        | "hot"
                        | "numb"
                        | "cold"
                        | "sore"
                        | "painful"
                        | "tender"
                        | "unable"
                        | "getting"
                        | "like"
                        | "so"
                        | "really"
                        | "very"
                        | "worse"
                        | "pouring"
                        | "weeping"
                        | "black"
                        | "white"
                        | "blue"
                )
        }),
        // "now my chest hurts", "now I cannot breathe", "now the pain is bad": what follows
        // is happening; "fine now", "settled now", "now that I'm pregnant" are not a sign.
        "now" => !matches!(
            next(i),
            Some(
                "my" | "i"
                    | "it"
                    | "the"
                    | "there"
                    | "he"
                    | "she"
                    | "his"
                    | "her"
                    | "its"
                    | "everything"
                    | "both"
                    | "one"
            )
        ),
        _ => false,
    };
    // "I am at risk", "I am worried", "I am pregnant": a state of mind, of risk or of life,
    // not a sign.
    let am_a_sign = |i: usize| {
        !matches!(
            words.get(i + 2).map(String::as_str),
            Some(
                "at" | "more"
                    | "likely"
                    | "worried"
                    | "scared"
                    | "nervous"
                    | "wondering"
                    | "pregnant"
                    | "breastfeeding"
                    | "diabetic"
                    | "planning"
                    | "trying"
                    | "due"
                    | "thinking"
                    | "quite"
                    | "well"
                    | "fine"
                    | "otherwise"
                    | "perfectly"
                    | "rather"
                    | "apprehensive"
                    | "anxious"
                    | "weighing"
                    | "considering"
                    | "hoping"
                    | "keen"
                    | "interested"
            )
        ) && !words
            .get(i + 2)
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    };
    // "I cannot have sclerotherapy", "I cannot wear them": what the patient may do, not "I
    // cannot breathe".
    let cannot_a_sign = |i: usize| {
        !matches!(
            words.get(i + 2).map(String::as_str),
            Some(
                "have"
                    | "wear"
                    | "use"
                    | "fly"
                    | "drive"
                    | "afford"
                    | "wait"
                    | "decide"
                    | "remember"
                    | "tell"
            )
        )
    };
    // "worried it is a clot", "I reckon this is DVT": the patient suspects the sign in them.
    let suspects = |i: usize| {
        matches!(
            words[i].as_str(),
            "worried" | "scared" | "afraid" | "concerned" | "reckon" | "suspect" | "thinking"
        ) && match next(i) {
            Some("it" | "this" | "that") => true,
            // "worried I have a clot", not "worried I will faint when I see the needle".
            Some("i") => matches!(
                words.get(i + 2).map(String::as_str),
                Some("have" | "got" | "am" | "might" | "may")
            ),
            _ => false,
        }
    };
    // "in the last hour", "twice in the past hour"; "an hour ago", "20 minutes ago".
    let last_hour = |i: usize| {
        (matches!(words[i].as_str(), "last" | "past")
            && matches!(next(i), Some("hour" | "hours" | "few"))
            && i > 0
            && words[i - 1] == "the")
            || (matches!(
                words[i].as_str(),
                "hour" | "hours" | "minute" | "minutes" | "mins" | "hr" | "hrs"
            ) && next(i) == Some("ago"))
    };
    // "it hurts", "this one smells", "that keeps bleeding": a present verb of the sign.
    let present = |n: Option<&str>| {
        n.is_some_and(|n| PRESENT_VERBS.contains(&n) || matches!(n, "keeps" | "stings"))
    };
    let this_one = |i: usize| {
        matches!(words[i].as_str(), "it" | "this" | "that")
            && (present(next(i))
                || present(words.get(i + 2).map(String::as_str))
                || (next(i) == Some("one")
                    && matches!(
                        words.get(i + 2).map(String::as_str),
                        Some("is" | "has" | "keeps" | "looks" | "feels")
                    )))
    };
    // "the ulcer is worse", "it is getting bigger", "one of mine has gone white": a state now.
    let worsening = |i: usize| {
        (matches!(words[i].as_str(), "is" | "are" | "getting")
            && matches!(next(i), Some("worse" | "bigger" | "spreading")))
            || (matches!(words[i].as_str(), "has" | "have")
                && matches!(next(i), Some("gone" | "turned" | "become" | "started"))
                && !conditional(i))
    };
    words.iter().enumerate().any(|(i, w)| {
        (NOW.contains(&w.as_str()) && !idle(i))
            || worsening(i)
            || last_hour(i)
            || suspects(i)
            // "is it likely this is a DVT", "could it be a clot": the patient names one in them.
            // ("I have a clot" is told by "I have"; "got a clot then" may be the past.)
            || (super::senses::names_a_clot(w)
                && super::senses::said_to_be_it(words, i)
                && !words[i.saturating_sub(7)..i]
                    .iter()
                    .any(|w| matches!(w.as_str(), "if" | "whether")))
            || this_one(i)
            || (w == "i"
                && !conditional(i)
                && match next(i) {
                    // "I have been fine", "I have had a clot": the "been" or the past decides.
                    // Nor does "can I have sclerotherapy", a question.
                    Some("have") => {
                        let asked = i > 0 && ASKING.contains(&words[i - 1].as_str());
                        // "I have no symptoms", "I have not had": nothing now.
                        let past = matches!(
                            words.get(i + 2).map(String::as_str),
                            Some("been" | "had" | "no" | "not" | "never")
                        );
                        !asked && !past
                    }
                    // "I feel fine", not a sign.
                    Some("feel") => !matches!(
                        words.get(i + 2).map(String::as_str),
                        Some(
                            "fine"
                                | "ok"
                                | "okay"
                                | "well"
                                | "good"
                                | "great"
                                | "normal"
                                | "completely"
                                | "totally"
                                | "perfectly"
                                | "absolutely"
                        )
                    ),
                    Some("think") => true,
                    Some("cannot") => cannot_a_sign(i),
                    Some("am") => am_a_sign(i),
                    _ => false,
                })
            || (w == "my"
                && !conditional(i)
                && words[i + 1..].iter().enumerate().take(3).any(|(k, n)| {
                    PRESENT_VERBS.contains(&n.as_str())
                        || matches!(
                            n.as_str(),
                            "is" | "are"
                                | "feels"
                                | "looks"
                                | "has"
                                | "hurt"
                                | "ache"
                                | "swelling"
                                | "bleeding"
                                | "cannot"
                        )
                        || (n == "keeps" && !idle(i + 1 + k))
                }))
    })
}
