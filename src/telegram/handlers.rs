//! What the bot does with each update: commands, questions, other messages and button
//! presses. Handlers render the engine's `Reply`; they never decide what to say.

use std::sync::Arc;
use std::time::Instant;

use teloxide::RequestError;
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{
    ChatAction, InlineKeyboardMarkup, LinkPreviewOptions, Me, MessageId, ParseMode, ReplyParameters,
};

use super::admin::{self, Admin, Stats};
use super::api::BotApi;
use super::flood::{FloodControl, Verdict};
use super::format;
use super::input::{Command, Input};
use super::keyboards::{self, Action};
use super::send::{Outbox, describe};
use super::settings::{Event, EventSink};
use crate::engine::{Engine, ReplyKind};
use crate::reload::SharedEngine;

pub type HandlerResult = Result<(), RequestError>;

/// The handler tree: messages, edited messages (answered like new ones) and button presses.
pub fn schema<R: BotApi>() -> UpdateHandler<RequestError> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(message::<R>))
        .branch(Update::filter_edited_message().endpoint(message::<R>))
        .branch(Update::filter_callback_query().endpoint(callback::<R>))
}

/// Everything a handler needs besides the update, shared by all of them.
pub struct Context {
    pub engine: SharedEngine,
    pub admin: Admin,
    pub events: Option<EventSink>,
    pub flood: FloodControl,
    pub stats: Arc<Stats>,
    pub outbox: Arc<Outbox>,
}

impl Context {
    fn metrics(&self) -> &super::metrics::Metrics {
        &self.outbox.metrics
    }

    fn emit(&self, event: Event<'_>) {
        if let Some(sink) = &self.events {
            sink(event);
        }
    }
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
            return say(
                &bot,
                &cx.outbox,
                chat,
                &replies.fill(&replies.telegram.flood),
                None,
                Some(msg.id),
            )
            .await;
        }
        Verdict::Ignore => return Ok(()),
    }
    let in_group = !msg.chat.is_private();
    let reply_to = in_group.then_some(msg.id);
    match input {
        Input::Question(question) => {
            ask(&bot, &cx, &engine, chat, &question, Some(msg.id), true).await
        }
        Input::NotText => {
            say(
                &bot,
                &cx.outbox,
                chat,
                &replies.fill(&replies.telegram.text_only),
                None,
                Some(msg.id),
            )
            .await
        }
        Input::Command(command) => {
            let from = msg.from.as_ref().map(|u| u.id);
            let text = match command {
                Some(Command::Start) => {
                    let examples = keyboards::examples(&replies.telegram.examples);
                    return say(
                        &bot,
                        &cx.outbox,
                        chat,
                        &replies.fill(&replies.telegram.welcome),
                        examples,
                        reply_to,
                    )
                    .await;
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
            say(&bot, &cx.outbox, chat, &text, None, reply_to).await
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
            answer_callback(
                &bot,
                &cx.outbox,
                &q,
                Some(replies.fill(&replies.telegram.feedback_thanks)),
            )
            .await;
            if matches!(feedback, Action::NotHelpful(_)) {
                let passage = keyboards::find_passage(engine.knowledge(), passage).map(|p| &p.id);
                let question = message
                    .and_then(|m| m.reply_to_message())
                    .and_then(|m| m.text());
                cx.emit(Event::NotHelpful { question, passage });
            }
            // One vote per answer: the buttons go once pressed.
            if let Some(message) = message
                && let Err(e) = cx
                    .outbox
                    .deliver(
                        bot.edit_message_reply_markup(message.chat.id, message.id),
                        "editMessageReplyMarkup",
                    )
                    .await
            {
                tracing::debug!(error = %describe(&e), "could not remove the feedback buttons");
            }
            Ok(())
        }
        Some(pressed @ (Action::Topic(f) | Action::Example(f))) => {
            let Some(chat) = q.message.as_ref().map(|m| m.chat().id) else {
                answer_callback(&bot, &cx.outbox, &q, None).await;
                return Ok(());
            };
            match cx.flood.check(chat) {
                Verdict::Answer => {}
                Verdict::Warn => {
                    answer_callback(
                        &bot,
                        &cx.outbox,
                        &q,
                        Some(replies.fill(&replies.telegram.flood)),
                    )
                    .await;
                    return Ok(());
                }
                Verdict::Ignore => {
                    answer_callback(&bot, &cx.outbox, &q, None).await;
                    return Ok(());
                }
            }
            let question = match pressed {
                Action::Topic(_) => keyboards::find_topic(engine.knowledge(), f),
                _ => keyboards::find_example(engine.knowledge(), f),
            };
            answer_callback(&bot, &cx.outbox, &q, None).await;
            let Some(question) = question else {
                tracing::debug!(
                    "a button for a topic that is no longer in the knowledge was pressed"
                );
                return Ok(());
            };
            // The answer replies to the patient's original question, as the fallback did.
            let original = message.and_then(|m| m.reply_to_message()).map(|m| m.id);
            ask(&bot, &cx, &engine, chat, question, original, false).await
        }
        None => {
            tracing::debug!("answered a callback query with data this bot does not understand");
            answer_callback(&bot, &cx.outbox, &q, None).await;
            Ok(())
        }
    }
}

/// Answers `question` with the engine's reply: an urgent one at once, alone and without
/// buttons; anything else after a typing indicator, with its buttons.
/// `engine` is the one snapshot taken for this update, so a reload never mixes versions.
async fn ask<R: BotApi>(
    bot: &R,
    cx: &Context,
    engine: &Engine,
    chat: ChatId,
    question: &str,
    reply_to: Option<MessageId>,
    asked: bool,
) -> HandlerResult {
    let started = Instant::now();
    let reply = engine.answer_or_fallback(question);
    cx.metrics().reply(reply.kind, started.elapsed());
    cx.stats.count(reply.kind);
    let t = &engine.knowledge().replies.telegram;
    let keyboard = match reply.kind {
        ReplyKind::Answer => reply
            .passage
            .as_ref()
            .map(|p| keyboards::feedback(&t.helpful, &t.not_helpful, &p.id)),
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
    say(bot, &cx.outbox, chat, &reply.text, keyboard, reply_to).await
}

/// Sends plain `text` (escaped, split if long); the buttons go under the last part.
pub(super) async fn say<R: BotApi>(
    bot: &R,
    outbox: &Outbox,
    chat: ChatId,
    text: &str,
    keyboard: Option<InlineKeyboardMarkup>,
    reply_to: Option<MessageId>,
) -> HandlerResult {
    let parts = format::messages(text);
    let last = parts.len().saturating_sub(1);
    let mut keyboard = keyboard;
    for (i, part) in parts.into_iter().enumerate() {
        let mut request = bot
            .send_message(chat, part)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview());
        if let Some(id) = reply_to {
            request =
                request.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
        }
        if i == last
            && let Some(k) = keyboard.take()
        {
            request = request.reply_markup(k);
        }
        outbox.send(request).await?;
    }
    Ok(())
}

/// The typing indicator is a courtesy: one attempt, and a failure only logged.
async fn typing<R: BotApi>(bot: &R, chat: ChatId) {
    if let Err(e) = bot.send_chat_action(chat, ChatAction::Typing).await {
        tracing::debug!(error = %describe(&e), "could not show the typing indicator");
    }
}

async fn answer_callback<R: BotApi>(
    bot: &R,
    outbox: &Outbox,
    q: &CallbackQuery,
    text: Option<String>,
) {
    let mut request = bot.answer_callback_query(q.id.clone());
    if let Some(text) = text {
        request = request.text(text);
    }
    if let Err(e) = outbox.deliver(request, "answerCallbackQuery").await {
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
        Ok(summary) => summary.to_string(),
        Err(problems) => format!(
            "NOT loaded; I keep answering from the last good version.\n{}",
            crate::reload::describe(&problems)
        ),
    }
}

/// `/about`: the clinic's wording, then each document with its review date.
fn about(engine: &Engine) -> String {
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
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}
