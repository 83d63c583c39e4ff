//! A fake Telegram Bot API on 127.0.0.1 for the bot's tests and benchmark: it serves scripted
//! `getUpdates` (long polling included) with Telegram's offset rules (an update is gone only
//! once a later `getUpdates` has an offset past it), records every request, answers
//! `sendMessage` with a real-looking `Message`, and fails or delays chosen requests on demand
//! (429 with `retry_after`, 5xx, a slow answer), for any chat or for one.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};

/// The one token the tests and the benchmark give the bot: well formed, and the fake accepts it.
pub const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

/// Patients' questions whose replies fit in one message each: the traffic the delivery tests
/// and the benchmarks send.
pub const QUESTIONS: [&str; 5] = [
    "what are spider veins",
    "does walking help my veins",
    "how does sclerotherapy work",
    "hello",
    "recommend a movie",
];

/// The production bot (`telegram::serve`) in this process, against the fake at `api`.
pub struct Launched {
    /// Send (or drop) to stop the bot as SIGTERM would.
    pub stop: oneshot::Sender<()>,
    pub running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// The one way the tests and the benchmark start the bot in-process: `settings` and `mode`
/// as given, the Bot API at `api`, running until `Launched::stop` is sent or dropped.
pub fn launch(
    api: &FakeBotApi,
    engine: spider_vein_bot::reload::SharedEngine,
    settings: spider_vein_bot::telegram::Settings,
    mode: spider_vein_bot::telegram::Mode,
) -> Launched {
    let bot = spider_vein_bot::telegram::bot_with(Some(TOKEN), Some(&api.url()))
        .expect("the test token and the fake's URL are valid");
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(spider_vein_bot::telegram::serve(
        bot,
        engine,
        settings,
        mode,
        async {
            let _ = stopped.await;
        },
    ));
    Launched { stop, running }
}

/// Telegram's limits raised so tests do not wait a second per message. The rate limiter
/// itself (and its 429 handling) stays in the path.
pub fn raised_limits() -> spider_vein_bot::telegram::Limits {
    spider_vein_bot::telegram::Limits {
        per_second_overall: 100_000,
        per_second_chat: 1_000,
        per_minute_group: 100_000,
    }
}

pub const BOT_ID: i64 = 4242;
pub const BOT_USERNAME: &str = "SpiderVeinClinicBot";
/// Bot messages get ids from here on, so they never collide with the ids tests give patients.
const FIRST_BOT_MESSAGE_ID: i64 = 100_000;

/// A failure to serve instead of the next answer to a method.
#[derive(Debug, Clone, Copy)]
pub enum Fault {
    /// HTTP 429 with `parameters.retry_after`.
    RetryAfter(u32),
    /// An HTTP 5xx with Telegram's JSON error body.
    Status(u16),
    /// Answer normally, but only after this long.
    Delay(Duration),
}

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    /// Lowercase: teloxide writes `SendMessage`, the docs `sendMessage`.
    pub method: String,
    pub body: Value,
    pub status: u16,
    pub at: Instant,
}

/// One message the bot sent successfully.
#[derive(Debug, Clone)]
pub struct Sent {
    pub chat_id: i64,
    pub message_id: i64,
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_to: Option<i64>,
    pub reply_markup: Option<Value>,
    /// The whole `Message` returned to the bot, to build a callback query on it.
    pub message: Value,
    pub at: Instant,
}

impl Sent {
    /// The `callback_data` of every inline button, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let rows = self
            .reply_markup
            .as_ref()
            .and_then(|m| m["inline_keyboard"].as_array().cloned())
            .unwrap_or_default();
        rows.iter()
            .flat_map(|r| r.as_array().cloned().unwrap_or_default())
            .map(|b| {
                (
                    b["text"].as_str().unwrap_or_default().to_string(),
                    b["callback_data"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}

#[derive(Default)]
pub struct Recorded {
    pub calls: Vec<Call>,
    pub sent: Vec<Sent>,
    /// When each update was handed to the bot, by update id.
    pub delivered_at: HashMap<i64, Instant>,
    pending: VecDeque<Value>,
    next_update_id: i64,
    /// By method, then by chat (`None`: whichever chat comes next).
    faults: HashMap<(String, Option<i64>), VecDeque<Fault>>,
    next_message_id: i64,
    chats: HashMap<i64, Value>,
    messages: HashMap<(i64, i64), Value>,
}

impl Recorded {
    pub fn calls_to(&self, method: &str) -> Vec<&Call> {
        let method = method.to_lowercase();
        self.calls.iter().filter(|c| c.method == method).collect()
    }

    pub fn sent_to(&self, chat: i64) -> Vec<&Sent> {
        self.sent.iter().filter(|s| s.chat_id == chat).collect()
    }

    /// Serves every request normally from now on.
    pub fn faults_cleared(&mut self) {
        self.faults.clear();
    }

    pub fn answered_callbacks(&self) -> Vec<String> {
        self.calls_to("answerCallbackQuery")
            .iter()
            .filter(|c| c.status == 200)
            .map(|c| {
                c.body["callback_query_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }
}

struct Shared {
    state: Mutex<Recorded>,
    changed: Notify,
}

pub struct FakeBotApi {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl FakeBotApi {
    pub async fn start() -> FakeBotApi {
        FakeBotApi::start_on(
            TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1:0"),
        )
        .await
    }

    pub async fn start_on(listener: TcpListener) -> FakeBotApi {
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            state: Mutex::new(Recorded {
                next_update_id: 1,
                next_message_id: FIRST_BOT_MESSAGE_ID,
                ..Recorded::default()
            }),
            changed: Notify::new(),
        });
        let app = Router::new()
            .route("/{token}/{method}", post(api))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        FakeBotApi {
            addr,
            shared,
            stop: Some(stop),
            server: Some(server),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn state(&self) -> MutexGuard<'_, Recorded> {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues an update (`{"message": ...}` and the like) for `getUpdates`; returns its id.
    pub fn push(&self, mut update: Value) -> i64 {
        let id = {
            let mut s = self.state();
            let id = s.next_update_id;
            s.next_update_id += 1;
            update["update_id"] = json!(id);
            for key in ["message", "edited_message"] {
                let m = &update[key];
                if m.is_object() {
                    s.chats.insert(
                        m["chat"]["id"].as_i64().unwrap_or_default(),
                        m["chat"].clone(),
                    );
                    s.messages.insert(
                        (
                            m["chat"]["id"].as_i64().unwrap_or_default(),
                            m["message_id"].as_i64().unwrap_or_default(),
                        ),
                        m.clone(),
                    );
                }
            }
            s.pending.push_back(update);
            id
        };
        self.shared.changed.notify_waiters();
        id
    }

    pub fn fail_next(&self, method: &str, fault: Fault) {
        self.state()
            .faults
            .entry((method.to_lowercase(), None))
            .or_default()
            .push_back(fault);
    }

    /// Like [`FakeBotApi::fail_next`], for requests about `chat` only.
    pub fn fail_next_in(&self, method: &str, chat: i64, fault: Fault) {
        self.state()
            .faults
            .entry((method.to_lowercase(), Some(chat)))
            .or_default()
            .push_back(fault);
    }

    /// The updates Telegram still holds: not yet confirmed by an offset past them.
    pub fn unconfirmed(&self) -> Vec<i64> {
        self.state()
            .pending
            .iter()
            .map(|u| u["update_id"].as_i64().unwrap_or_default())
            .collect()
    }

    /// Waits until `check` returns `Some`, re-checking after every request; panics after `within`.
    pub async fn wait_for<T>(
        &self,
        what: &str,
        within: Duration,
        check: impl Fn(&Recorded) -> Option<T>,
    ) -> T {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let notified = self.shared.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(t) = check(&self.state()) {
                return t;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out after {within:?} waiting for {what}; the bot made these calls: {:#?}",
                    self.state()
                        .calls
                        .iter()
                        .map(|c| (&c.method, c.status))
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    /// Waits until the bot has made no request (other than polling) for `quiet`.
    pub async fn settle(&self, quiet: Duration) {
        let count = |s: &Recorded| s.calls.iter().filter(|c| c.method != "getupdates").count();
        let mut seen = count(&self.state());
        loop {
            tokio::time::sleep(quiet).await;
            let now = count(&self.state());
            if now == seen {
                return;
            }
            seen = now;
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
        }
    }
}

impl Drop for FakeBotApi {
    fn drop(&mut self) {
        if let Some(server) = &self.server {
            server.abort();
        }
    }
}

async fn api(
    State(shared): State<Arc<Shared>>,
    Path((token, method)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if !token.starts_with("bot") {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"ok": false, "error_code": 404, "description": "Not Found"})),
        )
            .into_response();
    }
    let method = method.to_lowercase();
    // SetWebhook comes as multipart; everything else as JSON.
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let fault = {
        let mut s = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let chat = body["chat_id"].as_i64();
        let mut next =
            |key: (String, Option<i64>)| s.faults.get_mut(&key).and_then(VecDeque::pop_front);
        chat.and_then(|c| next((method.clone(), Some(c))))
            .or_else(|| next((method.clone(), None)))
    };
    let fault = match fault {
        Some(Fault::Delay(d)) => {
            tokio::time::sleep(d).await;
            None
        }
        other => other,
    };
    if method == "getupdates" && fault.is_none() {
        return get_updates(&shared, body).await;
    }
    let (status, answer) = {
        let mut s = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (status, answer) = match fault {
            Some(Fault::RetryAfter(secs)) => (
                429,
                json!({"ok": false, "error_code": 429, "description": format!("Too Many Requests: retry after {secs}"), "parameters": {"retry_after": secs}}),
            ),
            Some(Fault::Status(code)) => (
                code,
                json!({"ok": false, "error_code": code, "description": "Internal Server Error"}),
            ),
            Some(Fault::Delay(_)) | None => match result_of(&mut s, &method, &body) {
                Ok(result) => (200, json!({"ok": true, "result": result})),
                Err(description) => (
                    400,
                    json!({"ok": false, "error_code": 400, "description": description}),
                ),
            },
        };
        s.calls.push(Call {
            method,
            body,
            status,
            at: Instant::now(),
        });
        (status, answer)
    };
    shared.changed.notify_waiters();
    (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        Json(answer),
    )
        .into_response()
}

/// The `result` of a successful call, or the description of a 400 Bad Request.
fn result_of(s: &mut Recorded, method: &str, body: &Value) -> Result<Value, String> {
    Ok(match method {
        "getme" => json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Spider Vein Clinic", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false,
        }),
        "getwebhookinfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        "sendmessage" => {
            let visible = match body["parse_mode"].as_str() {
                Some("HTML") => parse_html(body["text"].as_str().unwrap_or_default())?,
                _ => body["text"].as_str().unwrap_or_default().to_string(),
            };
            if visible.trim().is_empty() {
                return Err("Bad Request: message text is empty".into());
            }
            if visible.encode_utf16().count() > 4096 {
                return Err("Bad Request: message is too long".into());
            }
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            s.next_message_id += 1;
            let message_id = s.next_message_id;
            let chat = s.chats.get(&chat_id).cloned().unwrap_or_else(
                || json!({"id": chat_id, "type": "private", "first_name": "Patient"}),
            );
            let mut message = json!({
                "message_id": message_id, "date": 1_700_000_000, "chat": chat,
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Spider Vein Clinic", "username": BOT_USERNAME},
                "text": body["text"],
            });
            let reply_to = body["reply_parameters"]["message_id"].as_i64();
            if let Some(original) = reply_to.and_then(|id| s.messages.get(&(chat_id, id))) {
                message["reply_to_message"] = original.clone();
            }
            if body["reply_markup"].is_object() {
                message["reply_markup"] = body["reply_markup"].clone();
            }
            s.messages.insert((chat_id, message_id), message.clone());
            s.sent.push(Sent {
                chat_id,
                message_id,
                text: body["text"].as_str().unwrap_or_default().to_string(),
                parse_mode: body["parse_mode"].as_str().map(str::to_string),
                reply_to,
                reply_markup: body["reply_markup"]
                    .is_object()
                    .then(|| body["reply_markup"].clone()),
                message: message.clone(),
                at: Instant::now(),
            });
            message
        }
        "editmessagereplymarkup" => {
            let key = (
                body["chat_id"].as_i64().unwrap_or_default(),
                body["message_id"].as_i64().unwrap_or_default(),
            );
            match s.messages.get_mut(&key) {
                Some(m) => {
                    m.as_object_mut().map(|o| o.remove("reply_markup"));
                    m.clone()
                }
                None => json!(true),
            }
        }
        _ => json!(true),
    })
}

/// What Telegram shows for an HTML-formatted text, or its "can't parse entities" error: only
/// its few tags are allowed, and `&` must start one of its entities.
fn parse_html(text: &str) -> Result<String, String> {
    const TAGS: [&str; 16] = [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    ];
    let mut visible = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        visible.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest
                .find('>')
                .ok_or("Bad Request: can't parse entities: unclosed start tag")?;
            let name = rest[1..end]
                .trim_start_matches('/')
                .split_whitespace()
                .next()
                .unwrap_or_default();
            if !TAGS.contains(&name) {
                return Err(format!(
                    "Bad Request: can't parse entities: unsupported start tag \"{name}\""
                ));
            }
            rest = &rest[end + 1..];
        } else {
            let entity = ["&lt;", "&gt;", "&amp;", "&quot;"]
                .into_iter()
                .find(|e| rest.starts_with(e));
            let entity =
                entity.ok_or("Bad Request: can't parse entities: character '&' is reserved")?;
            visible.push(match entity {
                "&lt;" => '<',
                "&gt;" => '>',
                "&amp;" => '&',
                _ => '"',
            });
            rest = &rest[entity.len()..];
        }
    }
    visible.push_str(rest);
    Ok(visible)
}

/// The text as a patient reads it (HTML parsed), for comparing with the engine's reply.
pub fn visible(sent: &Sent) -> String {
    match sent.parse_mode.as_deref() {
        Some("HTML") => parse_html(&sent.text).unwrap_or_default(),
        _ => sent.text.clone(),
    }
}

async fn get_updates(shared: &Shared, body: Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = shared.changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let updates: Vec<Value> = {
            let mut s = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            // An offset confirms every update before it, as Telegram does; a negative one
            // keeps only the last -offset updates.
            if offset < 0 {
                let keep = offset.unsigned_abs() as usize;
                while s.pending.len() > keep {
                    s.pending.pop_front();
                }
            }
            while s
                .pending
                .front()
                .is_some_and(|u| u["update_id"].as_i64().unwrap_or_default() < offset)
            {
                s.pending.pop_front();
            }
            let updates: Vec<Value> = s.pending.iter().take(limit).cloned().collect();
            if !updates.is_empty() || tokio::time::Instant::now() >= deadline {
                let now = Instant::now();
                for u in &updates {
                    s.delivered_at
                        .entry(u["update_id"].as_i64().unwrap_or_default())
                        .or_insert(now);
                }
                s.calls.push(Call {
                    method: "getupdates".into(),
                    body: body.clone(),
                    status: 200,
                    at: now,
                });
            }
            updates
        };
        if !updates.is_empty() || tokio::time::Instant::now() >= deadline {
            return Json(json!({"ok": true, "result": updates})).into_response();
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

use axum::Json;

// ---- Updates as Telegram sends them ----

pub fn patient(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Patient", "language_code": "en"})
}

pub fn private_chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "Patient"})
}

pub fn group_chat(id: i64) -> Value {
    json!({"id": id, "type": "group", "title": "Vein patients group"})
}

/// A text message from user `from` in `chat`. Commands and mentions get their entities.
pub fn text(chat: Value, from: i64, message_id: i64, text: &str) -> Value {
    let mut m = json!({"message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": patient(from), "text": text});
    let mut entities = Vec::new();
    if text.starts_with('/') {
        let len = text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .encode_utf16()
            .count();
        entities.push(json!({"type": "bot_command", "offset": 0, "length": len}));
    }
    let mention = format!("@{BOT_USERNAME}");
    if let Some(at) = text.find(&mention) {
        let offset = text[..at].encode_utf16().count();
        entities.push(
            json!({"type": "mention", "offset": offset, "length": mention.encode_utf16().count()}),
        );
    }
    if !entities.is_empty() {
        m["entities"] = json!(entities);
    }
    m
}

pub fn message(m: Value) -> Value {
    json!({"message": m})
}

pub fn edited(mut m: Value) -> Value {
    m["edit_date"] = json!(1_700_000_100);
    json!({"edited_message": m})
}

pub fn photo(chat: Value, from: i64, message_id: i64) -> Value {
    json!({"message": {
        "message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": patient(from),
        "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90, "file_size": 1000}],
    }})
}

pub fn sticker(chat: Value, from: i64, message_id: i64) -> Value {
    json!({"message": {
        "message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": patient(from),
        "sticker": {"file_id": "CAAD", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
                    "is_animated": false, "is_video": false},
    }})
}

/// A press of the button with `data` under the bot's message `on`.
pub fn press(id: &str, from: i64, on: &Value, data: &str) -> Value {
    json!({"callback_query": {"id": id, "from": patient(from), "message": on, "chat_instance": "1", "data": data}})
}
