//! Every question answered once, through crashes and Bot API faults: the fake Bot API's
//! offset rules, the binary killed with SIGKILL under load and started again, a 429 for one
//! chat, 5xx answers and slow answers, and SIGTERM in the middle of such trouble.

#[path = "support/fake_bot_api.rs"]
mod fake_bot_api;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use spider_vein_bot::Engine;
use spider_vein_bot::reload;
use spider_vein_bot::telegram::{self, Mode, Settings};
use teloxide::prelude::*;
use tokio::sync::oneshot;

use fake_bot_api::{
    FakeBotApi, Fault, QUESTIONS, Recorded, TOKEN, launch, message, private_chat, raised_limits,
    text,
};

fn ask(chat: i64, message_id: i64) -> Value {
    message(text(
        private_chat(chat),
        chat,
        message_id,
        QUESTIONS[(message_id as usize - 1) % QUESTIONS.len()],
    ))
}

/// Replies per question, by (chat, message id).
fn replies(s: &Recorded) -> HashMap<(i64, i64), usize> {
    let mut count = HashMap::new();
    for m in &s.sent {
        if let Some(to) = m.reply_to {
            *count.entry((m.chat_id, to)).or_default() += 1;
        }
    }
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_keeps_an_update_until_a_later_offset_confirms_it() {
    let api = FakeBotApi::start().await;
    let bot = telegram::bot_with(Some(TOKEN), Some(&api.url())).unwrap();
    let first = api.push(ask(1, 1));
    let second = api.push(ask(1, 2));
    let ids =
        |u: Vec<teloxide::types::Update>| u.iter().map(|u| i64::from(u.id.0)).collect::<Vec<_>>();
    assert_eq!(ids(bot.get_updates().await.unwrap()), [first, second]);
    assert_eq!(
        ids(bot.get_updates().await.unwrap()),
        [first, second],
        "received is not confirmed"
    );
    assert_eq!(
        ids(bot.get_updates().offset(second as i32).await.unwrap()),
        [second]
    );
    assert_eq!(
        api.unconfirmed(),
        [second],
        "an offset confirms what is below it"
    );
    assert!(ids(bot.get_updates().offset(second as i32 + 1).await.unwrap()).is_empty());
    assert!(api.unconfirmed().is_empty());
}

/// The bot's process, killed if a test fails before it stops it.
struct BotProcess(Child);

impl std::ops::Deref for BotProcess {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for BotProcess {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The bot binary, as production runs it, on `state` and the fake Bot API.
fn spawn_bot(api: &FakeBotApi, state: &Path) -> BotProcess {
    let child = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"))
        .arg("telegram")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api.url())
        .env("STATE_DIR", state)
        .env("KNOWLEDGE_DIR", "knowledge")
        .env("RUST_LOG", "warn")
        .env_remove("WEBHOOK_URL")
        .env_remove("HEALTH_ADDR")
        .env_remove("ADMIN_IDS")
        .env_remove("LOG_UNANSWERED")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the bot binary starts");
    BotProcess(child)
}

/// Waits for `child` to exit, up to `within`; how long it took.
async fn exit_within(child: &mut Child, within: Duration) -> Duration {
    let started = Instant::now();
    while started.elapsed() < within {
        if child.try_wait().expect("wait for the bot").is_some() {
            return started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let _ = child.kill();
    panic!("the bot did not exit within {within:?}");
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_load_and_started_again_no_question_is_lost() {
    const CHATS: i64 = 100;
    const EACH: i64 = 5;
    let total = (CHATS * EACH) as usize;
    let api = FakeBotApi::start().await;
    let state = tempfile::tempdir().unwrap();
    let mut bot = spawn_bot(&api, state.path());
    for id in 1..=EACH {
        for chat in 1..=CHATS {
            api.push(ask(chat, id));
        }
    }
    // Telegram's own limits (30 a second): well over a hundred replies still to go.
    api.wait_for("a third of the replies", Duration::from_secs(60), |s| {
        (s.sent.len() >= total / 3).then_some(())
    })
    .await;
    bot.kill().expect("SIGKILL");
    let _ = bot.wait();
    let at_kill = api.state().sent.len();
    assert!(
        at_kill < total,
        "killed mid-load ({at_kill} of {total} sent)"
    );

    let mut bot = spawn_bot(&api, state.path());
    api.wait_for("every question answered", Duration::from_secs(90), |s| {
        (replies(s).len() >= total).then_some(())
    })
    .await;
    api.settle(Duration::from_millis(1500)).await;
    sigterm(&bot);
    exit_within(&mut bot, Duration::from_secs(8)).await;

    let s = api.state();
    let count = replies(&s);
    for chat in 1..=CHATS {
        for id in 1..=EACH {
            assert!(
                count.contains_key(&(chat, id)),
                "chat {chat} question {id} lost"
            );
        }
    }
    let duplicates: usize = count.values().map(|n| n - 1).sum();
    println!(
        "SIGKILL after {at_kill} of {total} replies: {duplicates} duplicate(s) after the restart"
    );
    assert!(
        duplicates <= 5,
        "only replies in flight at the kill may go twice: {duplicates}"
    );
    assert!(
        state.path().join(telegram::QUEUE_FILE).is_file(),
        "the queue lives in STATE_DIR"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_bot_api_trouble_exits_within_8_s_and_loses_nothing() {
    let api = FakeBotApi::start().await;
    let state = tempfile::tempdir().unwrap();
    // Every reply fails for a long while: 5xx (teloxide pauses 10 s after each) and slow answers.
    for _ in 0..20 {
        api.fail_next("sendMessage", Fault::Status(502));
        api.fail_next("sendMessage", Fault::Delay(Duration::from_secs(3)));
    }
    let mut bot = spawn_bot(&api, state.path());
    for chat in 1..=5 {
        api.push(ask(chat, 1));
    }
    api.wait_for("the first attempts", Duration::from_secs(20), |s| {
        (s.calls_to("sendMessage").len() >= 2).then_some(())
    })
    .await;
    let asked = Instant::now();
    sigterm(&bot);
    let took = exit_within(&mut bot, Duration::from_secs(8)).await;
    println!("stopped {took:?} after SIGTERM, during Bot API trouble");
    assert!(asked.elapsed() < Duration::from_secs(8));

    // The trouble is over: the next start sends what could not be sent.
    api.state().faults_cleared();
    let mut bot = spawn_bot(&api, state.path());
    api.wait_for("every question answered", Duration::from_secs(30), |s| {
        (replies(s).len() >= 5).then_some(())
    })
    .await;
    api.settle(Duration::from_millis(1000)).await;
    sigterm(&bot);
    exit_within(&mut bot, Duration::from_secs(8)).await;
    let count = replies(&api.state());
    assert!(count.values().all(|n| *n == 1), "each once: {count:?}");
}

/// The bot in this process, on its own update queue in `state`.
struct InProcess {
    stop: oneshot::Sender<()>,
    running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

fn start_in_process(api: &FakeBotApi, state: Option<&Path>) -> InProcess {
    let engine = reload::shared(Engine::load(Path::new("knowledge")).unwrap());
    let settings = Settings {
        limits: raised_limits(),
        state_dir: state.map(Path::to_path_buf),
        ..Settings::default()
    };
    let fake_bot_api::Launched { stop, running } = launch(api, engine, settings, Mode::Polling);
    InProcess { stop, running }
}

impl InProcess {
    async fn stop(self) -> Duration {
        let started = Instant::now();
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(8), self.running)
            .await
            .expect("the bot stops within 8 s")
            .unwrap()
            .unwrap();
        started.elapsed()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_for_one_chat_does_not_slow_the_others() {
    let api = FakeBotApi::start().await;
    let bot = start_in_process(&api, None);
    api.fail_next_in("sendMessage", 1, Fault::RetryAfter(3));
    api.push(ask(1, 1));
    api.wait_for("the 429", Duration::from_secs(10), |s| {
        s.calls_to("sendMessage")
            .iter()
            .find(|c| c.status == 429)
            .map(|_| ())
    })
    .await;
    let pushed = Instant::now();
    for chat in 2..=20 {
        api.push(ask(chat, 1));
    }
    api.wait_for("the other chats' replies", Duration::from_secs(10), |s| {
        (s.sent.iter().filter(|m| m.chat_id != 1).count() >= 19).then_some(())
    })
    .await;
    let others = pushed.elapsed();
    assert!(
        others < Duration::from_secs(1),
        "the others took {others:?}"
    );
    api.wait_for("chat 1's reply", Duration::from_secs(10), |s| {
        s.sent_to(1).first().map(|_| ())
    })
    .await;
    bot.stop().await;
    let s = api.state();
    let attempts = s.calls_to("sendMessage");
    let to_one: Vec<_> = attempts.iter().filter(|c| c.body["chat_id"] == 1).collect();
    assert_eq!(to_one.len(), 2);
    assert!(
        to_one[1].at - to_one[0].at >= Duration::from_millis(2950),
        "retry_after honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_and_slow_answers_lose_and_double_nothing() {
    let api = FakeBotApi::start().await;
    for i in 0..6 {
        api.fail_next(
            "sendMessage",
            if i % 2 == 0 {
                Fault::Delay(Duration::from_millis(700))
            } else {
                Fault::RetryAfter(1)
            },
        );
    }
    api.fail_next("getUpdates", Fault::RetryAfter(1));
    api.fail_next("getUpdates", Fault::Delay(Duration::from_millis(500)));
    let state = tempfile::tempdir().unwrap();
    let bot = start_in_process(&api, Some(state.path()));
    for chat in 1..=10 {
        for id in 1..=3 {
            api.push(ask(chat, id));
        }
    }
    api.wait_for("every question answered", Duration::from_secs(60), |s| {
        (replies(s).len() >= 30).then_some(())
    })
    .await;
    api.settle(Duration::from_millis(500)).await;
    bot.stop().await;
    let count = replies(&api.state());
    assert!(count.values().all(|n| *n == 1), "each once: {count:?}");
    assert!(api.unconfirmed().is_empty(), "every update confirmed");
}
