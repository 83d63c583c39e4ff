//! The bot as patients meet it: the production path (`telegram::serve`, with its rate limiter
//! and update queue) against a fake Bot API on 127.0.0.1, over real HTTP.

#[path = "support/fake_bot_api.rs"]
mod fake_bot_api;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use spider_vein_bot::Engine;
use spider_vein_bot::reload::{self, SharedEngine};
use spider_vein_bot::telegram::{self, Admin, Event, FloodPolicy, Mode, Settings};
use teloxide::types::UserId;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

use fake_bot_api::{
    FakeBotApi, Fault, Sent, edited, group_chat, message, photo, press, private_chat,
    raised_limits, sticker, text, visible,
};

/// Generous bound for one reply on a loaded 2-core machine; replies normally take milliseconds.
const SOON: Duration = Duration::from_secs(10);
const ADMIN: i64 = 777;

fn engine() -> SharedEngine {
    reload::shared(
        Engine::load(Path::new("knowledge")).expect("the shipped knowledge folder loads"),
    )
}

fn replies() -> spider_vein_bot::knowledge::Replies {
    Engine::load(Path::new("knowledge"))
        .unwrap()
        .knowledge()
        .replies
        .clone()
}

/// What the event sink received, as text.
type Events = Arc<Mutex<Vec<String>>>;

struct Bot {
    api: FakeBotApi,
    events: Events,
    stop: Option<oneshot::Sender<()>>,
    running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Bot {
    async fn start() -> Bot {
        Bot::start_with(FakeBotApi::start().await, engine(), Settings::default()).await
    }

    async fn start_with(api: FakeBotApi, engine: SharedEngine, settings: Settings) -> Bot {
        Bot::launch(api, engine, settings, Mode::Polling).await
    }

    async fn launch(
        api: FakeBotApi,
        engine: SharedEngine,
        mut settings: Settings,
        mode: Mode,
    ) -> Bot {
        let events: Events = Arc::default();
        let sink = events.clone();
        settings.events = Some(Arc::new(move |e: Event<'_>| {
            let line = match e {
                Event::Unanswered { question } => format!("unanswered: {question}"),
                Event::NotHelpful { question, passage } => format!(
                    "not helpful: {} -> {}",
                    question.unwrap_or("?"),
                    passage.map(|p| p.0.as_str()).unwrap_or("?")
                ),
            };
            sink.lock().unwrap().push(line);
        }));
        settings.limits = raised_limits();
        let fake_bot_api::Launched { stop, running } =
            fake_bot_api::launch(&api, engine, settings, mode);
        Bot {
            api,
            events,
            stop: Some(stop),
            running,
        }
    }

    /// Stops the bot as SIGTERM would, and checks that it stops cleanly and promptly.
    async fn stop(mut self) -> FakeBotApi {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(20), &mut self.running)
            .await
            .expect("the bot stops within 20 s")
            .expect("the bot's task did not panic")
            .expect("the bot stopped without error");
        self.api
    }

    /// Waits for the `n`th message (counting from 1) to `chat`.
    async fn nth_to(&self, chat: i64, n: usize) -> Sent {
        self.api
            .wait_for(&format!("message {n} to chat {chat}"), SOON, |s| {
                s.sent_to(chat).get(n - 1).map(|m| (*m).clone())
            })
            .await
    }

    fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.api
            .state()
            .sent_to(chat)
            .into_iter()
            .cloned()
            .collect()
    }
}

fn ask(chat: i64, message_id: i64, question: &str) -> Value {
    message(text(private_chat(chat), chat, message_id, question))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_registers_commands_and_each_command_answers() {
    let bot = Bot::start().await;
    let r = replies();
    bot.api.push(ask(1, 1, "/start"));
    let welcome = bot.nth_to(1, 1).await;
    assert_eq!(visible(&welcome), r.fill(&r.telegram.welcome));
    let examples: Vec<String> = welcome
        .buttons()
        .into_iter()
        .map(|(label, _)| label)
        .collect();
    assert_eq!(examples, r.telegram.examples);

    // The menu was registered at start, without the admin commands.
    let commands = bot.api.state().calls_to("setMyCommands")[0].body["commands"].clone();
    let names: Vec<&str> = commands
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["start", "help", "about", "privacy"]);

    for (i, (command, expected)) in [
        ("/help", r.fill(&r.telegram.help)),
        ("/privacy", r.fill(&r.telegram.privacy)),
        ("/nonsense", r.fill(&r.telegram.unknown_command)),
        ("/status", r.fill(&r.telegram.unknown_command)),
        ("/reload", r.fill(&r.telegram.unknown_command)),
    ]
    .into_iter()
    .enumerate()
    {
        bot.api.push(ask(1, 2 + i as i64, command));
        assert_eq!(visible(&bot.nth_to(1, 2 + i).await), expected, "{command}");
    }
    bot.api.push(ask(1, 10, "/about"));
    let about = visible(&bot.nth_to(1, 7).await);
    assert!(about.starts_with(&r.fill(&r.telegram.about)), "{about}");
    let documents = engine().load_full().knowledge().documents.clone();
    assert!(!documents.is_empty());
    for d in documents {
        let line = match &d.last_reviewed {
            Some(date) => format!("• {} (last reviewed {date})", d.title),
            None => format!("• {}", d.title),
        };
        assert!(about.contains(&line), "{about}");
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_get_status_and_reload() {
    let reloads = Arc::new(Mutex::new(0));
    let counter = reloads.clone();
    let reloaded = reload::Summary {
        documents: 1,
        passages: 9,
        synonyms: 70,
        red_flag_rules: 12,
        took: Duration::from_millis(40),
        warnings: Vec::new(),
    };
    let summary = reloaded.clone();
    let settings = Settings {
        admin: Admin {
            ids: vec![UserId(ADMIN as u64)],
            reload: Some(Arc::new(move || {
                *counter.lock().unwrap() += 1;
                let summary = summary.clone();
                Box::pin(async move { Ok(summary) })
            })),
            status: Some(Arc::new(|| "Last reload: never".to_string())),
        },
        ..Settings::default()
    };
    let bot = Bot::start_with(FakeBotApi::start().await, engine(), settings).await;
    bot.api.push(ask(ADMIN, 1, "what are spider veins"));
    bot.nth_to(ADMIN, 1).await;
    bot.api.push(ask(ADMIN, 2, "/status"));
    let status = visible(&bot.nth_to(ADMIN, 2).await);
    let documents = engine().load_full().knowledge().documents.len();
    assert!(
        status.contains(&format!("Documents: {documents}")),
        "{status}"
    );
    assert!(
        status.contains("answer 1, fallback 0, urgent 0, smalltalk 0"),
        "{status}"
    );
    assert!(status.contains("Last reload: never"), "{status}");
    bot.api.push(ask(ADMIN, 3, "/reload"));
    assert_eq!(visible(&bot.nth_to(ADMIN, 3).await), reloaded.to_string());
    assert_eq!(*reloads.lock().unwrap(), 1);
    // Someone else trying the same gets the unknown-command reply and no reload.
    bot.api.push(ask(5, 1, "/reload"));
    let r = replies();
    assert_eq!(
        visible(&bot.nth_to(5, 1).await),
        r.fill(&r.telegram.unknown_command)
    );
    assert_eq!(*reloads.lock().unwrap(), 1);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_comes_after_typing_with_feedback_buttons() {
    let bot = Bot::start().await;
    let question = "Can exercise get rid of spider veins?";
    bot.api.push(ask(1, 1, question));
    let answer = bot.nth_to(1, 1).await;
    let expected = engine().load_full().answer(question);
    assert_eq!(visible(&answer), expected.text);
    assert_eq!(answer.parse_mode.as_deref(), Some("HTML"));
    assert_eq!(answer.reply_to, Some(1));
    let r = replies();
    let labels: Vec<String> = answer.buttons().into_iter().map(|(l, _)| l).collect();
    assert_eq!(
        labels,
        [r.telegram.helpful.clone(), r.telegram.not_helpful.clone()]
    );
    {
        let s = bot.api.state();
        let methods: Vec<&str> = s
            .calls
            .iter()
            .map(|c| c.method.as_str())
            .filter(|m| *m == "sendchataction" || *m == "sendmessage")
            .collect();
        assert_eq!(methods, ["sendchataction", "sendmessage"], "typing first");
        assert_eq!(s.calls_to("sendChatAction")[0].body["action"], "typing");
    }

    // "Not helpful": the query is answered with thanks, the buttons go, the clinic's log hook
    // hears which question and passage.
    let (_, not_helpful) = answer.buttons()[1].clone();
    bot.api.push(press("q1", 1, &answer.message, &not_helpful));
    let thanks = bot
        .api
        .wait_for("the callback answer", SOON, |s| {
            s.calls_to("answerCallbackQuery")
                .first()
                .map(|c| c.body.clone())
        })
        .await;
    assert_eq!(thanks["callback_query_id"], "q1");
    assert_eq!(thanks["text"], r.fill(&r.telegram.feedback_thanks));
    bot.api
        .wait_for("the buttons removed", SOON, |s| {
            s.calls_to("editMessageReplyMarkup")
                .first()
                .map(|c| c.body["message_id"].clone())
        })
        .await;
    let passage = &expected.passage.unwrap().id.0;
    assert_eq!(
        *bot.events.lock().unwrap(),
        [format!("not helpful: {question} -> {passage}")]
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fallback_offers_topics_that_answer_when_pressed() {
    let bot = Bot::start().await;
    bot.api.push(ask(1, 1, "recommend a movie"));
    let fallback = bot.nth_to(1, 1).await;
    let expected = engine().load_full().answer("recommend a movie");
    assert_eq!(visible(&fallback), expected.text);
    let buttons = fallback.buttons();
    let labels: Vec<String> = buttons.iter().map(|(l, _)| l.clone()).collect();
    assert_eq!(labels, expected.suggestions);
    assert!(buttons.iter().all(|(_, data)| data.len() <= 64));
    assert_eq!(
        *bot.events.lock().unwrap(),
        ["unanswered: recommend a movie"]
    );

    let (topic, data) = buttons[1].clone();
    bot.api.push(press("q1", 1, &fallback.message, &data));
    let answer = bot.nth_to(1, 2).await;
    let expected = engine().load_full().answer(&topic);
    assert_eq!(expected.kind, spider_vein_bot::ReplyKind::Answer);
    assert_eq!(visible(&answer), expected.text);
    assert_eq!(
        answer.reply_to,
        Some(1),
        "the answer replies to the original question"
    );
    assert_eq!(bot.api.state().answered_callbacks(), ["q1"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_urgent_reply_comes_first_alone_and_without_buttons() {
    let bot = Bot::start().await;
    let question = "my left calf is suddenly much bigger than the right one";
    bot.api.push(ask(1, 1, question));
    let urgent = bot.nth_to(1, 1).await;
    let r = replies();
    assert_eq!(visible(&urgent), r.fill(&r.urgent.text));
    assert!(urgent.reply_markup.is_none());
    let api = bot.stop().await;
    let s = api.state();
    assert_eq!(s.sent.len(), 1, "nothing else is sent");
    assert!(
        s.calls_to("sendChatAction").is_empty(),
        "not even a typing indicator delays it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_in_a_question_or_a_document_is_escaped() {
    // The fake Bot API refuses HTML Telegram would refuse, so every message arriving proves
    // the escaping. A document title with markup shows in /about.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stockings.md"),
        "---\ntitle: Stockings & <script>alert(1)</script>\nlast_reviewed: 2026-01-01\n---\n\n# Compression stockings\n\nCompression stockings squeeze the legs & help the veins at a pressure < 40 mmHg but > 15 mmHg.\n",
    )
    .unwrap();
    let engine = reload::shared(Engine::load(dir.path()).unwrap());
    let bot = Bot::start_with(FakeBotApi::start().await, engine, Settings::default()).await;
    bot.api.push(ask(
        1,
        1,
        "<script>alert('x')</script> do compression stockings help the veins?",
    ));
    let reply = bot.nth_to(1, 1).await;
    assert!(!reply.text.contains('<'), "{}", reply.text);
    bot.api
        .push(ask(1, 2, "do compression stockings help & why?"));
    let answer = bot.nth_to(1, 2).await;
    assert!(
        answer.text.contains(
            "squeeze the legs &amp; help the veins at a pressure &lt; 40 mmHg but &gt; 15 mmHg."
        ),
        "{}",
        answer.text
    );
    assert!(
        answer
            .text
            .contains("Source: \"Stockings &amp; &lt;script&gt;alert(1)&lt;/script&gt;\""),
        "{}",
        answer.text
    );
    bot.api.push(ask(1, 3, "/about"));
    let about = bot.nth_to(1, 3).await;
    assert!(
        about
            .text
            .contains("Stockings &amp; &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        about.text
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_longer_than_4096_characters_is_split_between_paragraphs() {
    // A clinic with many documents: /about lists them all, well over one message.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        std::fs::write(
            dir.path().join(format!("leaflet-{i}.md")),
            format!("---\ntitle: Patient leaflet number {i} about veins\nlast_reviewed: 2026-01-01\n---\n\n# Leaflet {i}\n\nThis leaflet number {i} explains topic {i} of vein care.\n"),
        )
        .unwrap();
    }
    // And a long fallback wording in several paragraphs, to see the buttons go under the last part.
    let long_paragraph =
        "If your question is not covered, our staff are glad to help you by phone or in person. "
            .repeat(12);
    let fallback = [long_paragraph.trim(); 5].join("\\n\\n");
    std::fs::write(
        dir.path().join("replies.toml"),
        format!("[fallback]\ntext = \"{fallback}\"\n"),
    )
    .unwrap();
    let engine = reload::shared(Engine::load(dir.path()).unwrap());
    let expected_fallback = engine.load_full().answer("recommend a movie");
    let expected_about = {
        let current = engine.load_full();
        let k = current.knowledge();
        let mut lines = vec![k.replies.fill(&k.replies.telegram.about)];
        lines.extend(
            k.documents
                .iter()
                .map(|d| format!("• {} (last reviewed 2026-01-01)", d.title)),
        );
        lines.join("\n")
    };
    let bot = Bot::start_with(FakeBotApi::start().await, engine, Settings::default()).await;

    bot.api.push(ask(1, 1, "/about"));
    bot.nth_to(1, 1).await;
    bot.api.settle(Duration::from_millis(300)).await;
    let parts = bot.sent_to(1);
    assert!(parts.len() >= 2, "{} parts", parts.len());
    for p in &parts {
        assert!(p.text.encode_utf16().count() <= 4096);
    }
    let joined: Vec<String> = parts.iter().map(visible).collect();
    assert_eq!(
        joined.join("\n"),
        expected_about,
        "every document listed, in order, cut only between lines"
    );
    assert_eq!(
        joined.concat().matches("Patient leaflet number").count(),
        150
    );

    bot.api.push(ask(1, 2, "recommend a movie"));
    bot.api
        .wait_for("the fallback's first part", SOON, |s| {
            s.sent_to(1)
                .iter()
                .find(|m| m.reply_to == Some(2))
                .map(|_| ())
        })
        .await;
    bot.api.settle(Duration::from_millis(300)).await;
    let parts: Vec<Sent> = bot
        .sent_to(1)
        .into_iter()
        .filter(|s| s.reply_to == Some(2))
        .collect();
    assert!(parts.len() >= 2, "{} parts", parts.len());
    let texts: Vec<String> = parts.iter().map(visible).collect();
    assert_eq!(
        texts.join("\n\n"),
        expected_fallback.text,
        "cut only between paragraphs"
    );
    assert!(
        parts[..parts.len() - 1]
            .iter()
            .all(|p| p.reply_markup.is_none())
    );
    assert!(
        !parts.last().unwrap().buttons().is_empty(),
        "the topics go under the last part"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_and_stickers_get_the_text_only_note_and_edits_are_answered() {
    let bot = Bot::start().await;
    let r = replies();
    bot.api.push(photo(private_chat(1), 1, 1));
    assert_eq!(
        visible(&bot.nth_to(1, 1).await),
        r.fill(&r.telegram.text_only)
    );
    bot.api.push(sticker(private_chat(1), 1, 2));
    assert_eq!(
        visible(&bot.nth_to(1, 2).await),
        r.fill(&r.telegram.text_only)
    );
    bot.api.push(edited(text(
        private_chat(1),
        1,
        3,
        "does walking help my veins",
    )));
    let reply = bot.nth_to(1, 3).await;
    assert_eq!(
        visible(&reply),
        engine()
            .load_full()
            .answer("does walking help my veins")
            .text
    );
    assert_eq!(reply.reply_to, Some(3));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_group_the_bot_speaks_only_when_addressed() {
    let bot = Bot::start().await;
    let group = -100;
    let at = |id: i64, t: &str| message(text(group_chat(group), 5, id, t));
    bot.api.push(at(1, "does walking help my veins")); // not addressed
    bot.api.push(photo(group_chat(group), 5, 2)); // not addressed
    bot.api.push(at(3, "/help@SomeOtherBot")); // another bot's command
    bot.api.push(at(4, "/nonsense")); // maybe another bot's command
    bot.api
        .push(at(5, "@SpiderVeinClinicBot does walking help my veins"));
    let mentioned = bot.nth_to(group, 1).await;
    assert_eq!(mentioned.reply_to, Some(5));
    assert_eq!(
        visible(&mentioned),
        engine()
            .load_full()
            .answer("does walking help my veins")
            .text
    );

    // A reply to the bot's message is addressed to it, without a mention.
    let mut follow_up = text(group_chat(group), 5, 6, "how does sclerotherapy work");
    follow_up["reply_to_message"] = mentioned.message.clone();
    bot.api.push(message(follow_up));
    assert_eq!(bot.nth_to(group, 2).await.reply_to, Some(6));
    bot.api.push(at(7, "/help"));
    bot.api.push(at(8, "/about@SpiderVeinClinicBot"));
    bot.nth_to(group, 4).await;
    bot.api.settle(Duration::from_millis(300)).await;
    let replied_to: Vec<Option<i64>> = bot.sent_to(group).iter().map(|s| s.reply_to).collect();
    assert_eq!(replied_to, [Some(5), Some(6), Some(7), Some(8)]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_reply_arrives_once() {
    let bot = Bot::start().await;
    bot.api.fail_next("sendMessage", Fault::RetryAfter(1));
    let started = Instant::now();
    bot.api.push(ask(1, 1, "what are spider veins"));
    bot.nth_to(1, 1).await;
    let api = bot.stop().await;
    let s = api.state();
    let attempts = s.calls_to("sendMessage");
    assert_eq!(
        attempts.iter().map(|c| c.status).collect::<Vec<_>>(),
        [429, 200]
    );
    assert!(
        attempts[1].at - attempts[0].at >= Duration::from_millis(950),
        "retry_after honoured"
    );
    assert_eq!(s.sent.len(), 1, "exactly once");
    assert!(started.elapsed() < SOON);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_is_retried_and_the_reply_arrives_once() {
    let bot = Bot::start().await;
    bot.api.fail_next("sendMessage", Fault::Status(500));
    bot.api.push(ask(1, 1, "what are spider veins"));
    // teloxide itself pauses 10 s after a 5xx before reporting it; then we retry.
    bot.api
        .wait_for("the reply after a 500", Duration::from_secs(30), |s| {
            s.sent.first().map(|_| ())
        })
        .await;
    let api = bot.stop().await;
    let s = api.state();
    assert_eq!(
        s.calls_to("sendMessage")
            .iter()
            .map(|c| c.status)
            .collect::<Vec<_>>(),
        [500, 200]
    );
    assert_eq!(s.sent.len(), 1, "exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_chats_of_five_messages_are_each_answered_once_in_order() {
    const CHATS: i64 = 200;
    const EACH: i64 = 5;
    let questions = [
        "what are spider veins",
        "does walking help my veins",
        "how does sclerotherapy work",
        "hello",
        "recommend a movie",
    ];
    let bot = Bot::start().await;
    for id in 1..=EACH {
        for chat in 1..=CHATS {
            bot.api.push(ask(chat, id, questions[(id - 1) as usize]));
        }
    }
    let total = (CHATS * EACH) as usize;
    bot.api
        .wait_for("every message answered", Duration::from_secs(120), |s| {
            (s.sent.len() >= total).then_some(())
        })
        .await;
    bot.api.settle(Duration::from_millis(500)).await;
    let api = bot.stop().await;
    let s = api.state();
    assert_eq!(s.sent.len(), total, "no message answered twice");
    let mut per_chat: HashMap<i64, Vec<i64>> = HashMap::new();
    for m in &s.sent {
        per_chat
            .entry(m.chat_id)
            .or_default()
            .push(m.reply_to.expect("replies name their question"));
    }
    assert_eq!(per_chat.len(), CHATS as usize);
    for (chat, order) in per_chat {
        assert_eq!(
            order,
            (1..=EACH).collect::<Vec<_>>(),
            "chat {chat}: each once, in order"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_chat_gets_one_notice_and_does_not_hold_up_others() {
    let settings = Settings {
        flood: FloodPolicy {
            burst: 3,
            per_minute: 1,
        },
        ..Settings::default()
    };
    let bot = Bot::start_with(FakeBotApi::start().await, engine(), settings).await;
    for id in 1..=30 {
        bot.api.push(ask(1, id, "what are spider veins"));
    }
    bot.api.push(ask(2, 1, "what are spider veins"));
    bot.nth_to(2, 1).await;
    bot.api.settle(Duration::from_millis(500)).await;
    let r = replies();
    let flooder: Vec<String> = bot.sent_to(1).iter().map(visible).collect();
    assert_eq!(flooder.len(), 4, "three answers and one notice");
    assert_eq!(flooder[3], r.fill(&r.telegram.flood));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_callback_is_answered_even_stale_or_malformed_ones() {
    let bot = Bot::start().await;
    bot.api.push(ask(1, 1, "what are spider veins"));
    let answer = bot.nth_to(1, 1).await;
    bot.api
        .push(press("garbage", 1, &answer.message, "not our data"));
    bot.api
        .push(press("gone", 1, &answer.message, "t:0000000000000000"));
    bot.api.push(press(
        "old",
        1,
        &json!({"chat": private_chat(1), "message_id": 1, "date": 0}),
        "e:0123456789abcdef",
    ));
    bot.api
        .wait_for("three answered callbacks", SOON, |s| {
            (s.answered_callbacks().len() == 3).then_some(())
        })
        .await;
    bot.api.settle(Duration::from_millis(300)).await;
    assert_eq!(
        bot.api.state().answered_callbacks(),
        ["garbage", "gone", "old"]
    );
    assert_eq!(bot.sent_to(1).len(), 1, "nothing sent for them");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_api_at_start_is_retried_until_it_answers() {
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = reserved.local_addr().unwrap();
    drop(reserved);
    let bot =
        telegram::bot_with(Some(fake_bot_api::TOKEN), Some(&format!("http://{addr}"))).unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(telegram::serve(
        bot,
        engine(),
        Settings::default(),
        Mode::Polling,
        async {
            let _ = stopped.await;
        },
    ));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        !running.is_finished(),
        "the bot waits for the Bot API instead of dying"
    );
    let api = FakeBotApi::start_on(tokio::net::TcpListener::bind(addr).await.unwrap()).await;
    api.wait_for("the commands registered", SOON, |s| {
        s.calls_to("setMyCommands").first().map(|_| ())
    })
    .await;
    api.push(ask(1, 1, "what are spider veins"));
    api.wait_for("the reply", SOON, |s| s.sent.first().map(|_| ()))
        .await;
    let _ = stop.send(());
    tokio::time::timeout(SOON, running)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_reply_in_progress() {
    let bot = Bot::start().await;
    bot.api.fail_next("sendMessage", Fault::RetryAfter(2));
    bot.api.push(ask(1, 1, "what are spider veins"));
    bot.api
        .wait_for("the first attempt", SOON, |s| {
            s.calls_to("sendMessage").first().map(|_| ())
        })
        .await;
    let api = bot.stop().await; // while the reply waits out its retry_after
    let s = api.state();
    assert_eq!(s.sent.len(), 1, "the reply was sent before the bot stopped");
    assert!(
        s.calls_to("getUpdates").last().unwrap().body["offset"].as_i64() >= Some(2),
        "the update was confirmed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_mode_checks_the_secret_and_keeps_the_webhook_for_other_replicas() {
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = reserved.local_addr().unwrap();
    drop(reserved);
    let mode = Mode::Webhook {
        url: format!("http://{listen}/telegram"),
        listen,
        secret: Some("shared-secret_1".into()),
    };
    let bot = Bot::launch(
        FakeBotApi::start().await,
        engine(),
        Settings::default(),
        mode,
    )
    .await;
    bot.api
        .wait_for("setWebhook", SOON, |s| {
            s.calls_to("setWebhook").first().map(|_| ())
        })
        .await;

    let update =
        json!({"update_id": 1, "message": text(private_chat(1), 1, 1, "what are spider veins")})
            .to_string();
    assert_eq!(
        post(listen, "/telegram", None, &update).await,
        401,
        "no secret, refused"
    );
    assert_eq!(post(listen, "/telegram", Some("wrong"), &update).await, 401);
    assert_eq!(
        post(listen, "/telegram", Some("shared-secret_1"), &update).await,
        200
    );
    let reply = bot.nth_to(1, 1).await;
    assert_eq!(
        visible(&reply),
        engine().load_full().answer("what are spider veins").text
    );
    // Telegram sends an update again when it did not get its 200 in time: answered once.
    assert_eq!(
        post(listen, "/telegram", Some("shared-secret_1"), &update).await,
        200
    );
    bot.api.settle(Duration::from_millis(300)).await;
    assert_eq!(
        bot.sent_to(1).len(),
        1,
        "a webhook retry is not answered twice"
    );

    let api = bot.stop().await;
    let s = api.state();
    let methods: Vec<&str> = s
        .calls
        .iter()
        .map(|c| c.method.as_str())
        .filter(|m| m.contains("webhook"))
        .collect();
    assert_eq!(
        methods.last(),
        Some(&"setwebhook"),
        "registered again after teloxide's deleteWebhook: {methods:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_replies_and_errors_without_text_or_ids() {
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let health = reserved.local_addr().unwrap();
    drop(reserved);
    let settings = Settings {
        health: Some(health),
        ..Settings::default()
    };
    let bot = Bot::start_with(FakeBotApi::start().await, engine(), settings).await;
    bot.api.fail_next("sendMessage", Fault::RetryAfter(1));
    bot.api.push(ask(987_654, 1, "what are spider veins"));
    bot.nth_to(987_654, 1).await;
    bot.api.push(ask(987_654, 2, "recommend a movie"));
    bot.nth_to(987_654, 2).await;

    // The bot counts a reply once `sendMessage` has returned, a moment after the fake saw it.
    let mut answer = String::new();
    for _ in 0..50 {
        let mut stream = tokio::net::TcpStream::connect(health).await.unwrap();
        stream
            .write_all(b"GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        answer.clear();
        tokio::time::timeout(SOON, stream.read_to_string(&mut answer))
            .await
            .unwrap()
            .unwrap();
        if answer.contains("bot_update_to_reply_seconds_count 2") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    for line in [
        "bot_replies_total{kind=\"answer\"} 1",
        "bot_replies_total{kind=\"fallback\"} 1",
        "bot_api_errors_total{error=\"429\"} 1",
        "bot_api_retries_total{method=\"sendMessage\"} 1",
        "bot_update_to_reply_seconds_count 2",
        "bot_engine_seconds_count 2",
        "bot_queue_depth 0",
        "bot_last_reload_success -1",
    ] {
        assert!(answer.contains(line), "{line} missing from\n{answer}");
    }
    for private in ["987654", "spider", "movie"] {
        assert!(!answer.contains(private), "{private} in the metrics");
    }
    bot.stop().await;
}

/// A bare HTTP/1.1 POST; returns the status code.
async fn post(addr: std::net::SocketAddr, path: &str, secret: Option<&str>, body: &str) -> u16 {
    // teloxide binds the webhook server in a task of its own, just after setWebhook.
    let mut stream = None;
    for _ in 0..50 {
        match tokio::net::TcpStream::connect(addr).await {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let mut stream = stream.expect("the webhook server listens");
    let secret = secret
        .map(|s| format!("X-Telegram-Bot-Api-Secret-Token: {s}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{secret}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(SOON, stream.read_to_string(&mut answer))
        .await
        .unwrap()
        .unwrap();
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
