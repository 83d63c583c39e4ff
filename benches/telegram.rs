//! The bot's own time from receiving an update to sending its reply, and its throughput at
//! saturation, with Telegram's real limits, against the fake Bot API on 127.0.0.1. Latency per
//! message = when the fake's `sendMessage` handler saw the reply minus when its `getUpdates`
//! handed the update over: parsing, recording in the update queue, the typing indicator's
//! round trip, the engine, the rate limiter and the send.
//!
//! - below the limits: 20 new chats a second, each asking once, for 10 s (the issue asks p95
//!   of at most 5 ms);
//! - saturated: 100 chats ask 5 questions each at once; replies per second from the first to
//!   the last (the issue asks within 10% of Telegram's 30 a second).
//!
//! A bench binary rather than criterion: one saturated round takes about 17 s.
//! `cargo bench --bench telegram`.

#[path = "../tests/support/fake_bot_api.rs"]
mod fake_bot_api;

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use spider_vein_bot::Engine;
use spider_vein_bot::reload;
use spider_vein_bot::telegram::{Mode, Settings};
use tokio::sync::oneshot;

use fake_bot_api::{FakeBotApi, QUESTIONS, launch, message, private_chat, text};

struct Running {
    api: FakeBotApi,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _state: tempfile::TempDir,
}

/// The bot as production runs it: Telegram's limits, the update queue on disk.
async fn start() -> Running {
    let api = FakeBotApi::start().await;
    let engine = reload::shared(Engine::load(Path::new("knowledge")).expect("knowledge loads"));
    let state = tempfile::tempdir().expect("a temporary directory");
    let settings = Settings {
        state_dir: Some(state.path().to_path_buf()),
        ..Settings::default()
    };
    let fake_bot_api::Launched {
        stop,
        running: task,
    } = launch(&api, engine, settings, Mode::Polling);
    // The first `getUpdates` is a long poll, recorded only when it returns; deleteWebhook
    // comes just before it.
    api.wait_for("the bot to start", Duration::from_secs(10), |s| {
        s.calls_to("deleteWebhook").first().map(|_| ())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    Running {
        api,
        stop,
        task,
        _state: state,
    }
}

fn question(chat: i64, id: i64) -> serde_json::Value {
    message(text(
        private_chat(chat),
        chat,
        id,
        QUESTIONS[((chat + id) % 5) as usize],
    ))
}

/// Update -> reply times of the replies to `pushed` (update ids by chat and message id).
fn latencies(api: &FakeBotApi, pushed: &HashMap<(i64, i64), i64>) -> Vec<Duration> {
    let s = api.state();
    let mut l: Vec<Duration> = s
        .sent
        .iter()
        .filter_map(|m| {
            let update = pushed.get(&(m.chat_id, m.reply_to?))?;
            Some(m.at.saturating_duration_since(*s.delivered_at.get(update)?))
        })
        .collect();
    l.sort();
    l
}

fn percentile(l: &[Duration], q: f64) -> f64 {
    let i = ((l.len() as f64 * q).ceil() as usize).clamp(1, l.len()) - 1;
    l[i].as_secs_f64() * 1e3
}

async fn below_limits(r: &Running) {
    const PER_SECOND: i64 = 20;
    const SECONDS: i64 = 10;
    let mut pushed = HashMap::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(1000 / PER_SECOND as u64));
    for chat in 1..=PER_SECOND * SECONDS {
        ticker.tick().await;
        pushed.insert((chat, 1), r.api.push(question(chat, 1)));
    }
    let n = pushed.len();
    r.api
        .wait_for("the replies", Duration::from_secs(30), |s| {
            (s.sent.len() >= n).then_some(())
        })
        .await;
    let l = latencies(&r.api, &pushed);
    println!(
        "below the limits ({PER_SECOND} chats/s, {} replies): update -> reply p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        l.len(),
        percentile(&l, 0.50),
        percentile(&l, 0.95),
        percentile(&l, 0.99),
        percentile(&l, 1.0),
    );
}

async fn saturated(r: &Running) {
    const CHATS: i64 = 100;
    const EACH: i64 = 5;
    let before = r.api.state().sent.len();
    let first_chat = 1_000;
    let mut pushed = HashMap::new();
    for id in 1..=EACH {
        for chat in first_chat..first_chat + CHATS {
            pushed.insert((chat, id), r.api.push(question(chat, id)));
        }
    }
    let n = before + pushed.len();
    r.api
        .wait_for("the replies", Duration::from_secs(60), |s| {
            (s.sent.len() >= n).then_some(())
        })
        .await;
    let s = r.api.state();
    let sent = &s.sent[before..];
    let (first, last) = (sent[0].at, sent[sent.len() - 1].at);
    // The first second's burst is Telegram's allowance, not the sustained rate: count from
    // the 31st reply on.
    let steady = &sent[30..];
    let rate = (steady.len() - 1) as f64 / (last - steady[0].at).as_secs_f64();
    println!(
        "saturated ({} questions from {CHATS} chats at once): {:.1} s, sustained {rate:.1} replies/s (Telegram's limit: 30)",
        sent.len(),
        (last - first).as_secs_f64(),
    );
}

fn main() {
    // `cargo test --benches` runs bench binaries with no arguments but `--bench`; skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let r = start().await;
        below_limits(&r).await;
        saturated(&r).await;
        let _ = r.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(10), r.task).await;
        r.api.stop().await;
    });
}
