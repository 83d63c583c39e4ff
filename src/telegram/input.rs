//! Which messages are for the bot, and what they ask: a command, a question or something
//! that is not text. In groups only messages addressed to the bot count.

use teloxide::prelude::*;
use teloxide::types::{Me, MediaKind, MessageEntityKind, MessageKind};
use teloxide::utils::command::{BotCommands, parse_command};

/// The command menu registered with `setMyCommands`; the hidden ones are for admins.
#[derive(BotCommands, Clone, Copy, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Welcome, and example questions
    Start,
    /// How to ask a question
    Help,
    /// The documents I answer from
    About,
    /// What is stored about you
    Privacy,
    #[command(hide)]
    Status,
    #[command(hide)]
    Reload,
}

impl Command {
    fn named(name: &str) -> Option<Command> {
        match name.to_lowercase().as_str() {
            "start" => Some(Command::Start),
            "help" => Some(Command::Help),
            "about" => Some(Command::About),
            "privacy" => Some(Command::Privacy),
            "status" => Some(Command::Status),
            "reload" => Some(Command::Reload),
            _ => None,
        }
    }
}

/// A message the bot will answer, once it is known to be addressed to the bot.
#[derive(Debug, PartialEq)]
pub enum Input {
    /// `None` for a command the bot does not have.
    Command(Option<Command>),
    Question(String),
    NotText,
}

impl Input {
    /// `None` when the bot should stay silent: in a group, a message not addressed to it; a
    /// command for another bot; a service message (someone joined, a title changed, ...).
    pub fn of(msg: &Message, me: &Me) -> Option<Input> {
        let username = me.user.username.as_deref().unwrap_or_default();
        let group = msg.chat.is_group() || msg.chat.is_supergroup();
        let replies_to_me = msg
            .reply_to_message()
            .and_then(|r| r.from.as_ref())
            .is_some_and(|u| u.id == me.id);
        let Some(text) = msg.text() else {
            let media = match &msg.kind {
                MessageKind::Common(c) => {
                    !matches!(c.media_kind, MediaKind::Text(_) | MediaKind::Migration(_))
                }
                MessageKind::Dice(_) => true,
                _ => false,
            };
            return (media && (!group || replies_to_me)).then_some(Input::NotText);
        };
        if text.starts_with('/') {
            let (name, _) = parse_command(text, username)?;
            let command = Command::named(name);
            // In a group, "/foo" may be meant for another bot: only our own commands, or any
            // command addressed to us by name, get an answer.
            let by_name = text
                .split_whitespace()
                .next()
                .is_some_and(|w| w.contains('@'));
            return (!group || command.is_some() || by_name).then_some(Input::Command(command));
        }
        let (mentioned, question) = without_mentions(msg, text, me);
        if group && !mentioned && !replies_to_me {
            return None;
        }
        if question.trim().is_empty() {
            return Some(Input::Command(Some(Command::Help)));
        }
        Some(Input::Question(question))
    }
}

/// The text with mentions of the bot removed, and whether there were any.
fn without_mentions(msg: &Message, text: &str, me: &Me) -> (bool, String) {
    let username = me.user.username.as_deref().unwrap_or_default();
    let mut ranges = Vec::new();
    for entity in msg.parse_entities().unwrap_or_default() {
        let ours = match entity.kind() {
            MessageEntityKind::Mention => {
                !username.is_empty()
                    && entity
                        .text()
                        .trim_start_matches('@')
                        .eq_ignore_ascii_case(username)
            }
            MessageEntityKind::TextMention { user } => user.id == me.id,
            _ => false,
        };
        if ours {
            ranges.push(entity.range());
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in &ranges {
        out.push_str(text.get(at..r.start).unwrap_or_default());
        at = r.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    (!ranges.is_empty(), out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const BOT: i64 = 42;

    fn me() -> Me {
        serde_json::from_value(json!({
            "id": BOT, "is_bot": true, "first_name": "Clinic", "username": "ClinicBot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "has_main_web_app": false,
        }))
        .unwrap()
    }

    fn msg(chat: &str, text: &str, extra: Value) -> Message {
        let chat = match chat {
            "private" => json!({"id": 1, "type": "private", "first_name": "P"}),
            _ => json!({"id": -1, "type": "group", "title": "G"}),
        };
        let mut m = json!({"message_id": 7, "date": 0, "chat": chat, "from": {"id": 1, "is_bot": false, "first_name": "P"}, "text": text});
        if let Some(at) = text.find("@ClinicBot") {
            m["entities"] = json!([{"type": "mention", "offset": at, "length": 10}]);
        }
        for (k, v) in extra.as_object().cloned().unwrap_or_default() {
            m[k] = v;
        }
        serde_json::from_value(m).unwrap()
    }

    fn input(chat: &str, text: &str) -> Option<Input> {
        Input::of(&msg(chat, text, json!({})), &me())
    }

    #[test]
    fn in_a_private_chat_everything_is_for_the_bot() {
        assert_eq!(
            input("private", "do veins hurt"),
            Some(Input::Question("do veins hurt".into()))
        );
        assert_eq!(
            input("private", "/start"),
            Some(Input::Command(Some(Command::Start)))
        );
        assert_eq!(input("private", "/nope"), Some(Input::Command(None)));
    }

    #[test]
    fn in_a_group_only_what_is_addressed_to_the_bot() {
        assert_eq!(input("group", "do veins hurt"), None);
        assert_eq!(
            input("group", "@ClinicBot do veins hurt"),
            Some(Input::Question("do veins hurt".into()))
        );
        assert_eq!(
            input("group", "do veins hurt @ClinicBot?"),
            Some(Input::Question("do veins hurt ?".into()))
        );
        assert_eq!(
            input("group", "/help"),
            Some(Input::Command(Some(Command::Help)))
        );
        assert_eq!(input("group", "/help@OtherBot"), None);
        assert_eq!(
            input("group", "/nope"),
            None,
            "may be another bot's command"
        );
        assert_eq!(
            input("group", "/nope@ClinicBot"),
            Some(Input::Command(None))
        );
        let reply = json!({"reply_to_message": {"message_id": 6, "date": 0, "chat": {"id": -1, "type": "group", "title": "G"},
            "from": {"id": BOT, "is_bot": true, "first_name": "Clinic"}, "text": "an answer"}});
        assert_eq!(
            Input::of(&msg("group", "and lasers?", reply), &me()),
            Some(Input::Question("and lasers?".into()))
        );
    }

    #[test]
    fn a_bare_mention_is_taken_as_a_call_for_help() {
        assert_eq!(
            input("group", "@ClinicBot"),
            Some(Input::Command(Some(Command::Help)))
        );
    }
}
