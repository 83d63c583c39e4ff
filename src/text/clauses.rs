//! The patient's context, told beside the question: "the nurse just handed me a pair. what
//! are compression socks?", "flying to Spain next month, should I wear them on the plane".
//! Words told only as context are the setting of the question, not what it asks, so a word
//! no document uses there ("nurse", "Spain") does not veto an answer to the question itself.
//!
//! Only plain context counts. Where the question points back at it ("getting a tattoo next
//! month, will **that** be ok?") the context is what is asked, and where the patient says
//! what they are or take ("I'm 20 weeks pregnant, ...", "I take aspirin. ...") it may be the
//! very thing that changes the advice: both stay part of the question.

use super::{lexicon::is_generic, words::words};

/// Words that open a question: an auxiliary ("can I", "should I") or a question word.
const OPENERS: &[&str] = &[
    "can", "could", "should", "would", "will", "shall", "may", "might", "must", "do", "does",
    "did", "is", "are", "am", "was", "were", "have", "has", "what", "how", "why", "when", "where",
    "which", "who", "whats", "hows", "any", "ok", "okay", "need",
];

/// A question must name at least this many things of its own for its context to be set
/// aside: "my dog has a limp, should I worry" asks about the dog, not about worrying.
const MIN_QUESTION_WORDS: usize = 2;

/// Words by which a question points back at what was said before it.
const BACK_REFERENCES: &[&str] = &["that", "this", "those"];

/// The words said only in context clauses, lowercase as [`words`] gives them; empty when the
/// message has no separate question, or its context may not be set aside (see the module).
pub fn context_words(text: &str) -> Vec<String> {
    // Code, not conversation ("'; DROP TABLE users; --"): nothing in it is mere context.
    if text.contains(['=', ';', '<', '>', '{', '}', '|', '\\']) || text.contains("--") {
        return Vec::new();
    }
    let mut questions: Vec<Vec<String>> = Vec::new();
    let mut context: Vec<Vec<String>> = Vec::new();
    for sentence in text.split_inclusive(['.', '?', '!', '\n']) {
        let asks = sentence.trim_end().ends_with('?');
        for clause in sentence.split(',') {
            let w = words(clause);
            let Some(first) = w.first() else { continue };
            if asks || OPENERS.contains(&first.as_str()) {
                questions.push(w);
            } else {
                context.push(w);
            }
        }
    }
    if questions.is_empty() || context.is_empty() {
        return Vec::new();
    }
    // "ropinirole or pramipexole, which is better": "which" with no noun of its own chooses
    // among what was said before it ("flying to Spain, which stockings should I wear" does not).
    let chooses = questions.iter().any(|q| {
        q.windows(2).any(|w| {
            w[0] == "which"
                && matches!(
                    w[1].as_str(),
                    "is" | "one"
                        | "ones"
                        | "of"
                        | "would"
                        | "do"
                        | "should"
                        | "are"
                        | "works"
                        | "better"
                        | "best"
                        | "s"
                )
        })
    });
    // "My GP said sclerotherapy is an option. Can I go back to the gym the same day after?":
    // "after" with nothing after it is after what was said before.
    // ("should we call anyone afterwards" may be after what the question itself says.)
    let after_it = questions.iter().any(|q| {
        q.last()
            .is_some_and(|w| matches!(w.as_str(), "after" | "before"))
    });
    let points_back = chooses
        || after_it
        || questions
            .iter()
            .flatten()
            .any(|w| BACK_REFERENCES.contains(&w.as_str()));
    let about_the_patient = context.iter().any(|c| c[0] == "i");
    let named = questions
        .iter()
        .flatten()
        .filter(|w| !is_generic(w))
        .count();
    // "what are telangiectasias? my dermatologist wrote it on my chart": a question opening
    // "what is", "what are", "what does" or "whats" (what a thing is, or what it means), asked
    // of one thing it names, is a whole question.
    let what_it_is = questions.iter().any(|q| match q.as_slice() {
        [what, verb, ..] if what == "what" => matches!(verb.as_str(), "is" | "are" | "does"),
        [whats, ..] => whats == "whats",
        _ => false,
    });
    let enough = if what_it_is { 1 } else { MIN_QUESTION_WORDS };
    if points_back || about_the_patient || named < enough {
        return Vec::new();
    }
    let mut out: Vec<String> = context
        .into_iter()
        .flatten()
        .filter(|w| !questions.iter().flatten().any(|q| q == w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How letters and emails close: "Kind regards, Priya", "Yours faithfully, J. Okafor",
/// "Many thanks, Sarah". Longest first, so that "kind regards" is read before "regards".
const SIGN_OFFS: &[&[&str]] = &[
    &["thanks", "in", "advance"],
    &["thank", "you", "in", "advance"],
    &["all", "the", "best"],
    &["with", "thanks"],
    &["kind", "regards"],
    &["best", "regards"],
    &["warm", "regards"],
    &["warmest", "regards"],
    &["best", "wishes"],
    &["many", "thanks"],
    &["thank", "you"],
    &["yours", "faithfully"],
    &["yours", "sincerely"],
    &["yours", "truly"],
    &["regards"],
    &["sincerely"],
    &["thanks"],
    &["cheers"],
];

/// The longest a sign-off and its signature run, in bytes: "Thank you in advance, Mrs
/// Ann-Marie Smith-Jones" is 47.
const MAX_SIGN_OFF_BYTES: usize = 80;

/// At most this many words after a sign-off are its signature: a name ("J. Okafor", "Mrs Ann
/// Lee"), not more of the question.
const MAX_SIGNATURE_WORDS: usize = 3;

/// `words` (the words of `text`) without the sign-off of a message written as a letter, and
/// the name signed after it: "... which treatment would suit these best? Best wishes, Anna"
/// asks nothing of Anna, and a name no document holds vetoed the answer. A sign-off opens a
/// sentence or a clause, or stands capitalised on a line of its own ("Is laser painful\nKind
/// regards\nPriya": line breaks are spaces by now); "with regards to laser" is no sign-off.
/// What follows it must look like a name: at most three words, each capitalised, a title or
/// an initial, and no question mark. "thanks for that, and can I swim after" and "Thanks,
/// I'm pregnant" are the question.
pub fn without_sign_off<'w>(text: &str, words: &'w [String]) -> &'w [String] {
    let clauses = text
        .match_indices(['.', '?', '!', ',', ';', ':'])
        .map(|(i, _)| i + 1);
    let capitalised = text
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .filter(|&i| text[i..].starts_with(char::is_uppercase));
    let starts = std::iter::once(0).chain(clauses).chain(capitalised);
    // Only a short tail can be a sign-off and a name: reading every clause to the end of a
    // long message would read it again for each comma.
    for start in starts.filter(|&start| text.len() - start <= MAX_SIGN_OFF_BYTES) {
        let tail_text = &text[start..];
        // Most clauses open with no sign-off's first word: they need no reading into words.
        let mut raw = tail_text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty());
        let first = raw.clone().next().unwrap_or_default();
        if tail_text.contains('?') || !SIGN_OFFS.iter().any(|f| f[0].eq_ignore_ascii_case(first)) {
            continue;
        }
        let tail = super::words::words(tail_text);
        let opens =
            |f: &&&[&str]| tail.len() >= f.len() && tail.iter().zip(f.iter()).all(|(w, f)| w == f);
        let Some(formula) = SIGN_OFFS.iter().find(opens) else {
            continue;
        };
        if tail.len() - formula.len() > MAX_SIGNATURE_WORDS || tail.len() >= words.len() {
            continue;
        }
        if raw.nth(formula.len() - 1).is_none() || !raw.all(looks_like_a_name) {
            continue;
        }
        // The same words end `words`, or it was split otherwise: leave it be.
        let kept = words.len() - tail.len();
        if words[kept..] == tail[..] {
            return &words[..kept];
        }
    }
    words
}

/// A word of a signature: capitalised ("Priya", "Smith-Jones"), a title or an initial, but not
/// "I" or "I'm", which open more of the message.
fn looks_like_a_name(word: &str) -> bool {
    let title = ["dr", "mr", "mrs", "ms", "miss", "prof", "rev"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(word));
    let me = word == "I" || word.starts_with("I'") || word == "Im" || word == "Ive";
    !me && (title || word.chars().count() == 1 || word.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letters_sign_off_and_signature_are_no_part_of_the_question() {
        let asked = |m: &str| without_sign_off(m, &words(m)).join(" ");
        assert_eq!(
            asked("Which treatment would suit these best? Best wishes, Anna"),
            "which treatment would suit these best"
        );
        assert_eq!(
            asked("Could you explain how it works? Yours faithfully, J. Okafor"),
            "could you explain how it works"
        );
        assert_eq!(
            asked("is laser safe on the face? Kind regards, Mrs Ann Lee"),
            "is laser safe on the face"
        );
        assert_eq!(asked("how many sessions? thanks"), "how many sessions");
        // More than a name after it: still the question.
        assert_eq!(
            asked("thanks for that, and can I swim after sclerotherapy"),
            "thanks for that and can i swim after sclerotherapy"
        );
        assert_eq!(
            asked("thank you for the leaflet, is walking good for my veins"),
            "thank you for the leaflet is walking good for my veins"
        );
        // A message that is only thanks is left to small talk.
        assert_eq!(asked("thanks"), "thanks");
        // What follows is no name: more of the question.
        assert_eq!(
            asked("How soon can I have laser on my face? Thanks, I'm pregnant"),
            "how soon can i have laser on my face thanks i am pregnant"
        );
        assert_eq!(
            asked("Can I use a tanning bed? Thanks, had sclerotherapy"),
            "can i use a tanning bed thanks had sclerotherapy"
        );
        // On lines of their own, which cleaning made spaces.
        assert_eq!(
            asked("Is facial laser painful Kind regards Priya Raman"),
            "is facial laser painful"
        );
        // Not at the start of a sentence or clause: no sign-off.
        assert_eq!(
            asked("what should i know with regards to laser"),
            "what should i know with regards to laser"
        );
    }

    #[test]
    fn things_a_question_chooses_among_are_no_context() {
        assert!(
            context_words("ropinirole or pramipexole, which is better for restless legs")
                .is_empty()
        );
        assert_eq!(
            context_words("flying to Spain next month, which stockings should I wear on the plane"),
            ["flying", "month", "next", "spain", "to"]
        );
    }

    #[test]
    fn a_question_that_ends_on_after_asks_about_what_was_said_before() {
        assert!(
            context_words(
                "My GP said sclerotherapy is an option. Can I go back to the gym the same day after?"
            )
            .is_empty()
        );
        // Without it, what was said before is context.
        assert!(
            context_words(
                "My GP said sclerotherapy is an option. Can I go back to the gym the same day?"
            )
            .contains(&"sclerotherapy".to_string())
        );
    }

    #[test]
    fn what_a_thing_is_asked_of_one_thing_is_a_whole_question() {
        let c = context_words("what are telangiectasias? my dermatologist wrote it on my chart");
        assert!(c.contains(&"chart".to_string()), "{c:?}");
        let c = context_words("whats sclerotherapy? my mate had it done");
        assert!(c.contains(&"mate".to_string()), "{c:?}");
        // Any other question of one thing keeps its context: it may be what is asked.
        assert!(context_words("my dog has a limp, should i worry?").is_empty());
        assert!(context_words("what is it? my leg has a lump").is_empty());
    }

    #[test]
    fn context_beside_a_question_is_set_aside() {
        let c = context_words("what are compression socks? the nurse just handed me a pair");
        assert!(c.contains(&"nurse".to_string()));
        assert!(!c.contains(&"socks".to_string()));
        let c = context_words("flying to spain next month, should i wear them on the plane");
        assert!(c.contains(&"spain".to_string()) && c.contains(&"flying".to_string()));
        assert!(!c.contains(&"plane".to_string()));
    }

    #[test]
    fn context_the_question_points_at_or_about_the_patient_stays() {
        assert!(
            context_words("getting a tattoo next month, will that be ok after sclero?").is_empty()
        );
        assert!(context_words("im 20 weeks pregnant, can i wear compression stockings").is_empty());
        assert!(
            context_words("I take aspirin every day. Do I need to stop before injections?")
                .is_empty()
        );
        assert!(context_words("can i wear them in the sauna").is_empty());
        assert!(context_words("the nurse gave me a pair").is_empty());
        assert!(context_words("my dog has a limp, should I worry").is_empty());
        assert!(context_words("how many sessions do I need?'; DROP TABLE users; --").is_empty());
    }
}
