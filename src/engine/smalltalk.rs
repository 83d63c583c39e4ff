//! Recognising small talk: a message made only of greetings, thanks, goodbyes and questions
//! about the bot itself ("hi!", "ok thanks bye", "who are you?").

use super::reply::SmallTalk;
use crate::text::lexicon::{GOODBYES, GREETINGS, SMALLTALK_EXTRA, SMALLTALK_FILLER, THANKS};

/// The small-talk wording for `words`, or `None` if the message asks anything else.
pub fn classify(words: &[String]) -> Option<SmallTalk> {
    if words.is_empty() {
        return None;
    }
    let is = |list: &[&str], w: &str| list.contains(&w);
    let all_smalltalk = words.iter().all(|w| {
        let w = w.as_str();
        is(GREETINGS, w)
            || is(THANKS, w)
            || is(GOODBYES, w)
            || is(SMALLTALK_FILLER, w)
            || is(SMALLTALK_EXTRA, w)
    });
    if !all_smalltalk {
        return None;
    }
    let any = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if any(THANKS) || any(&["thnx", "thanx", "tnx"]) {
        Some(SmallTalk::Thanks)
    } else if any(GOODBYES) {
        Some(SmallTalk::Goodbye)
    } else if any(GREETINGS) || any(&["helo", "hii", "heya"]) {
        Some(SmallTalk::Greeting)
    } else if any(&[
        "you",
        "your",
        "bot",
        "robot",
        "human",
        "person",
        "help",
        "assistant",
        "yourself",
        "chatbot",
        "ai",
        "talking",
    ]) {
        Some(SmallTalk::Identity)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    #[test]
    fn greetings_thanks_and_identity_are_small_talk() {
        assert_eq!(classify(&words("Good morning!")), Some(SmallTalk::Greeting));
        assert_eq!(classify(&words("ok thanks bye")), Some(SmallTalk::Thanks));
        assert_eq!(classify(&words("who are you?")), Some(SmallTalk::Identity));
        assert_eq!(
            classify(&words("what can you do")),
            Some(SmallTalk::Identity)
        );
    }

    #[test]
    fn a_question_after_a_greeting_is_not_small_talk() {
        assert_eq!(classify(&words("hi, what is sclerotherapy?")), None);
        assert_eq!(classify(&words("ok")), None);
    }
}
