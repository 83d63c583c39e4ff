//! The Bot API as the bot uses it: one trait bound that teloxide's `Bot`, its adaptors and
//! the tests' fake all meet.

use teloxide::RequestError;
use teloxide::prelude::*;

/// The Bot API as the handlers need it: teloxide's `Bot`, or any adaptor of it.
pub trait BotApi:
    Requester<
        Err = RequestError,
        GetMe: Send,
        GetUpdates: Send,
        SetMyCommands: Send,
        SetWebhook: Send,
        DeleteWebhook: Send,
        GetWebhookInfo: Send,
        SendMessage: Send,
        SendChatAction: Send,
        AnswerCallbackQuery: Send,
        EditMessageReplyMarkup: Send,
    > + Clone
    + Send
    + Sync
    + 'static
{
}

impl<T> BotApi for T where
    T: Requester<
            Err = RequestError,
            GetMe: Send,
            GetUpdates: Send,
            SetMyCommands: Send,
            SetWebhook: Send,
            DeleteWebhook: Send,
            GetWebhookInfo: Send,
            SendMessage: Send,
            SendChatAction: Send,
            AnswerCallbackQuery: Send,
            EditMessageReplyMarkup: Send,
        > + Clone
        + Send
        + Sync
        + 'static
{
}
