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

#[cfg(test)]
mod tests {
    use super::*;

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
