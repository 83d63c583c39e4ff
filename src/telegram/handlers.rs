//! What the bot does with each update: commands, questions, other messages and button
//! presses. Handlers render the engine's `Reply`; they never decide what to say.

use std::sync::Arc;

use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{
    ChatAction, InlineKeyboardMarkup, LinkPreviewOptions, MediaKind, Me, MessageEntityKind, MessageId, MessageKind,
    ParseMode, ReplyParameters,
};
use teloxide::utils::command::{BotCommands, parse_command};

use super::admin::{self, Admin, Stats};
use super::flood::{FloodControl, Verdict};
use super::keyboards::{self, Action};
use super::send::{deliver, describe};
use super::{BotApi, Event, EventSink, format};
use crate::engine::ReplyKind;
use crate::reload::SharedEngine;

pub type HandlerResult = Result<(), RequestError>;

/// Everything a handler needs besides the update, shared by all of them.
pub struct Context {
    pub engine: SharedEngine,
    pub admin: Admin,
    pub events: Option<EventSink>,
    pub flood: FloodControl,
    pub stats: Arc<Stats>,
}

impl Context {
    fn emit(&self, event: Event<'_>) {
        if let Some(sink) = &self.events {
            sink(event);
        }
    }
}

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
enum Input {
    /// `None` for a command the bot does not have.
    Command(Option<Command>),
    Question(String),
    NotText,
}

impl Input {
    /// `None` when the bot should stay silent: in a group, a message not addressed to it; a
    /// command for another bot; a service message (someone joined, a title changed, ...).
    fn of(msg: &Message, me: &Me) -> Option<Input> {
        let username = me.user.username.as_deref().unwrap_or_default();
        let group = msg.chat.is_group() || msg.chat.is_supergroup();
        let replies_to_me = msg.reply_to_message().and_then(|r| r.from.as_ref()).is_some_and(|u| u.id == me.id);
        let Some(text) = msg.text() else {
            let media = match &msg.kind {
                MessageKind::Common(c) => !matches!(c.media_kind, MediaKind::Text(_) | MediaKind::Migration(_)),
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
            let by_name = text.split_whitespace().next().is_some_and(|w| w.contains('@'));
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
            MessageEntityKind::Mention => !username.is_empty() && entity.text().trim_start_matches('@').eq_ignore_ascii_case(username),
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

/// Messages and edited messages.
pub async fn message<R: BotApi>(bot: R, msg: Message, me: Me, cx: Arc<Context>) -> HandlerResult {
    let Some(input) = Input::of(&msg, &me) else {
        return Ok(());
    };
    let chat = msg.chat.id;
    let engine = cx.engine.load_full();
    let replies = &engine.knowledge().replies;
    match cx.flood.check(chat) {
        Verdict::Answer => {}
        Verdict::Warn => {
            tracing::info!("a chat is sending too fast; sent the flood notice");
            return say(&bot, chat, &replies.fill(&replies.telegram.flood), None, Some(msg.id)).await;
        }
        Verdict::Ignore => return Ok(()),
    }
    let in_group = !msg.chat.is_private();
    let reply_to = in_group.then_some(msg.id);
    match input {
        Input::Question(question) => ask(&bot, &cx, chat, &question, Some(msg.id), true).await,
        Input::NotText => say(&bot, chat, &replies.fill(&replies.telegram.text_only), None, Some(msg.id)).await,
        Input::Command(command) => {
            let from = msg.from.as_ref().map(|u| u.id);
            let text = match command {
                Some(Command::Start) => {
                    let examples = keyboards::examples(&replies.telegram.examples);
                    return say(&bot, chat, &replies.fill(&replies.telegram.welcome), examples, reply_to).await;
                }
                Some(Command::Help) => replies.fill(&replies.telegram.help),
                Some(Command::About) => about(&engine),
                Some(Command::Privacy) => replies.fill(&replies.telegram.privacy),
                Some(Command::Status | Command::Reload) if !cx.admin.is_admin(from) => {
                    tracing::info!("refused an admin command from a user who is not an admin");
                    replies.fill(&replies.telegram.unknown_command)
                }
                Some(Command::Status) => admin::status(&engine, &cx.stats, &cx.admin),
                Some(Command::Reload) => reload(&bot, &cx.admin, chat).await,
                None => replies.fill(&replies.telegram.unknown_command),
            };
            say(&bot, chat, &text, None, reply_to).await
        }
    }
}

/// Button presses. Every callback query is answered, so no button keeps spinning.
pub async fn callback<R: BotApi>(bot: R, q: CallbackQuery, cx: Arc<Context>) -> HandlerResult {
    let action = q.data.as_deref().and_then(Action::decode);
    let message = q.regular_message();
    let engine = cx.engine.load_full();
    let replies = &engine.knowledge().replies;
    match action {
        Some(feedback @ (Action::Helpful(passage) | Action::NotHelpful(passage))) => {
            answer_callback(&bot, &q, Some(replies.fill(&replies.telegram.feedback_thanks))).await;
            let Some(message) = message else { return Ok(()) };
            // One vote per answer: the buttons go once pressed.
            if let Err(e) = deliver(bot.edit_message_reply_markup(message.chat.id, message.id), "editMessageReplyMarkup").await {
                tracing::debug!(error = %describe(&e), "could not remove the feedback buttons");
            }
            if matches!(feedback, Action::NotHelpful(_)) {
                let passage = keyboards::find_passage(engine.knowledge(), passage).map(|p| &p.id);
                let question = message.reply_to_message().and_then(|m| m.text());
                cx.emit(Event::NotHelpful { question, passage });
            }
            Ok(())
        }
        Some(pressed @ (Action::Topic(f) | Action::Example(f))) => {
            let Some(chat) = q.message.as_ref().map(|m| m.chat().id) else {
                answer_callback(&bot, &q, None).await;
                return Ok(());
            };
            match cx.flood.check(chat) {
                Verdict::Answer => {}
                Verdict::Warn => {
                    answer_callback(&bot, &q, Some(replies.fill(&replies.telegram.flood))).await;
                    return Ok(());
                }
                Verdict::Ignore => {
                    answer_callback(&bot, &q, None).await;
                    return Ok(());
                }
            }
            let question = match pressed {
                Action::Topic(_) => keyboards::find_topic(engine.knowledge(), f),
                _ => keyboards::find_example(engine.knowledge(), f),
            };
            answer_callback(&bot, &q, None).await;
            let Some(question) = question else {
                tracing::debug!("a button for a topic that is no longer in the knowledge was pressed");
                return Ok(());
            };
            // The answer replies to the patient's original question, as the fallback did.
            let original = message.and_then(|m| m.reply_to_message()).map(|m| m.id);
            ask(&bot, &cx, chat, question, original, false).await
        }
        None => {
            tracing::debug!("answered a callback query with data this bot does not understand");
            answer_callback(&bot, &q, None).await;
            Ok(())
        }
    }
}

/// Answers `question` with the engine's reply: an urgent one at once, alone and without
/// buttons; anything else after a typing indicator, with its buttons.
async fn ask<R: BotApi>(bot: &R, cx: &Context, chat: ChatId, question: &str, reply_to: Option<MessageId>, asked: bool) -> HandlerResult {
    let engine = cx.engine.load_full();
    let reply = engine.answer(question);
    cx.stats.count(reply.kind);
    let t = &engine.knowledge().replies.telegram;
    let keyboard = match reply.kind {
        ReplyKind::Answer => reply.passage.as_ref().map(|p| keyboards::feedback(&t.helpful, &t.not_helpful, &p.id)),
        ReplyKind::Fallback => {
            if asked {
                cx.emit(Event::Unanswered { question });
            }
            keyboards::topics(&reply.suggestions)
        }
        ReplyKind::Urgent | ReplyKind::SmallTalk => None,
    };
    if reply.kind != ReplyKind::Urgent {
        typing(bot, chat).await;
    }
    tracing::debug!(kind = %reply.kind, "replying");
    say(bot, chat, &reply.text, keyboard, reply_to).await
}

/// Sends plain `text` (escaped, split if long); the buttons go under the last part.
pub(super) async fn say<R: BotApi>(bot: &R, chat: ChatId, text: &str, keyboard: Option<InlineKeyboardMarkup>, reply_to: Option<MessageId>) -> HandlerResult {
    let parts = format::messages(text);
    let last = parts.len().saturating_sub(1);
    let mut keyboard = keyboard;
    for (i, part) in parts.into_iter().enumerate() {
        let mut request = bot.send_message(chat, part).parse_mode(ParseMode::Html).link_preview_options(no_preview());
        if let Some(id) = reply_to {
            request = request.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if i == last && let Some(k) = keyboard.take() {
            request = request.reply_markup(k);
        }
        deliver(request, "sendMessage").await?;
    }
    Ok(())
}

/// The typing indicator is a courtesy: one attempt, and a failure only logged.
async fn typing<R: BotApi>(bot: &R, chat: ChatId) {
    if let Err(e) = bot.send_chat_action(chat, ChatAction::Typing).await {
        tracing::debug!(error = %describe(&e), "could not show the typing indicator");
    }
}

async fn answer_callback<R: BotApi>(bot: &R, q: &CallbackQuery, text: Option<String>) {
    let mut request = bot.answer_callback_query(q.id.clone());
    if let Some(text) = text {
        request = request.text(text);
    }
    if let Err(e) = deliver(request, "answerCallbackQuery").await {
        tracing::warn!(error = %describe(&e), "could not answer a callback query");
    }
}

async fn reload<R: BotApi>(bot: &R, admin: &Admin, chat: ChatId) -> String {
    let Some(reload) = &admin.reload else {
        return "Live reload is not set up in this bot.".to_string();
    };
    typing(bot, chat).await;
    tracing::info!("reload requested by an admin");
    match reload().await {
        Ok(text) | Err(text) => text,
    }
}

/// `/about`: the clinic's wording, then each document with its review date.
fn about(engine: &crate::Engine) -> String {
    let k = engine.knowledge();
    let mut text = k.replies.fill(&k.replies.telegram.about);
    for d in &k.documents {
        text.push_str("\n• ");
        text.push_str(&d.title);
        if let Some(date) = &d.last_reviewed {
            text.push_str(&format!(" (last reviewed {date})"));
        }
    }
    text
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions { is_disabled: true, url: None, prefer_small_media: false, prefer_large_media: false, show_above_text: false }
}
