//! Inline buttons and what pressing one means. Telegram gives a button only 64 bytes of
//! `callback_data`, so a button names its passage, topic or example by a 64-bit fingerprint
//! of its text, looked up again in the current knowledge when pressed. That survives a restart
//! and a reload; a button whose topic is gone is answered and ignored.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::knowledge::{Knowledge, Passage, PassageId};

/// What a pressed button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// "Helpful" under the answer quoting this passage (fingerprint of its id).
    Helpful(Fingerprint),
    /// "Not helpful" under the answer quoting this passage.
    NotHelpful(Fingerprint),
    /// A related topic under a fallback (fingerprint of the heading).
    Topic(Fingerprint),
    /// An example question under /start (fingerprint of the question).
    Example(Fingerprint),
}

/// FNV-1a, 64 bits, of a text: stable across builds and restarts, unlike `std`'s hasher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.as_bytes() {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Fingerprint(hash)
    }
}

impl Action {
    /// At most 18 bytes: a tag, a colon and 16 hex digits.
    pub fn encode(self) -> String {
        let (tag, Fingerprint(f)) = match self {
            Action::Helpful(f) => ('h', f),
            Action::NotHelpful(f) => ('n', f),
            Action::Topic(f) => ('t', f),
            Action::Example(f) => ('e', f),
        };
        format!("{tag}:{f:016x}")
    }

    /// `None` for anything this version did not send, including other bots' and old formats.
    pub fn decode(data: &str) -> Option<Action> {
        let (tag, hex) = data.split_once(':')?;
        if hex.len() != 16 {
            return None;
        }
        let f = Fingerprint(u64::from_str_radix(hex, 16).ok()?);
        match tag {
            "h" => Some(Action::Helpful(f)),
            "n" => Some(Action::NotHelpful(f)),
            "t" => Some(Action::Topic(f)),
            "e" => Some(Action::Example(f)),
            _ => None,
        }
    }
}

/// "Helpful" / "Not helpful" under an answer.
pub fn feedback(helpful: &str, not_helpful: &str, passage: &PassageId) -> InlineKeyboardMarkup {
    let f = Fingerprint::of(&passage.0);
    InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(helpful, Action::Helpful(f).encode()),
        InlineKeyboardButton::callback(not_helpful, Action::NotHelpful(f).encode()),
    ]])
}

/// One button per related topic under a fallback.
pub fn topics(headings: &[String]) -> Option<InlineKeyboardMarkup> {
    column(headings, |h| Action::Topic(Fingerprint::of(h)))
}

/// One button per example question under the welcome.
pub fn examples(questions: &[String]) -> Option<InlineKeyboardMarkup> {
    column(questions, |q| Action::Example(Fingerprint::of(q)))
}

fn column(labels: &[String], action: impl Fn(&str) -> Action) -> Option<InlineKeyboardMarkup> {
    let rows: Vec<Vec<InlineKeyboardButton>> = labels
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            vec![InlineKeyboardButton::callback(
                l.as_str(),
                action(l).encode(),
            )]
        })
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

/// The passage whose id has this fingerprint, in the current knowledge.
pub fn find_passage(knowledge: &Knowledge, f: Fingerprint) -> Option<&Passage> {
    knowledge
        .passages
        .iter()
        .find(|p| Fingerprint::of(&p.id.0) == f)
}

/// The heading with this fingerprint, in the current knowledge.
pub fn find_topic(knowledge: &Knowledge, f: Fingerprint) -> Option<&str> {
    knowledge
        .passages
        .iter()
        .map(|p| p.heading.as_str())
        .find(|h| Fingerprint::of(h) == f)
}

/// The example question with this fingerprint, in the current wording.
pub fn find_example(knowledge: &Knowledge, f: Fingerprint) -> Option<&str> {
    knowledge
        .replies
        .telegram
        .examples
        .iter()
        .map(String::as_str)
        .find(|q| Fingerprint::of(q) == f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_within_telegrams_64_bytes() {
        for a in [
            Action::Helpful(Fingerprint(0)),
            Action::NotHelpful(Fingerprint(u64::MAX)),
            Action::Topic(Fingerprint::of("Understanding Spider Veins")),
            Action::Example(Fingerprint(42)),
        ] {
            let data = a.encode();
            assert!(data.len() <= 64);
            assert_eq!(Action::decode(&data), Some(a));
        }
    }

    #[test]
    fn foreign_or_damaged_data_is_not_an_action() {
        for data in [
            "",
            "t:",
            "t:xyz",
            "x:0000000000000000",
            "t:00000000000000000",
            "hello",
            "t:00000000000000zz",
        ] {
            assert_eq!(Action::decode(data), None, "{data}");
        }
    }

    #[test]
    fn fingerprints_are_stable() {
        // FNV-1a test vector: a button sent before a restart must still be understood after it.
        assert_eq!(Fingerprint::of("a"), Fingerprint(0xaf63_dc4c_8601_ec8c));
    }

    #[test]
    fn topic_buttons_skip_empty_labels() {
        assert!(topics(&[]).is_none());
        let kb = topics(&["A".into(), " ".into(), "B".into()]).unwrap();
        assert_eq!(kb.inline_keyboard.len(), 2);
    }
}
