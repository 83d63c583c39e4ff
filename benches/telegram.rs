//! The bot's own time from receiving an update to sending its reply, with 200 chats writing at
//! once, against the fake Bot API on 127.0.0.1. Latency per message = when the fake server's
//! `sendMessage` handler saw the reply minus when its `getUpdates` handed the update over; so
//! it covers parsing, dispatch, the typing indicator's round trip, the engine and the send.
//!
//! Two kinds of traffic from 200 chats: steady (each chat asks once a second, spread evenly)
//! and a burst (all 200 at the same instant, which on 2 cores measures queueing as much as
//! work). Two configurations: the handlers with a plain `Bot` (the bot's own work), and
//! production's `Throttle<Bot>` with its limits raised, which adds teloxide's 250 ms
//! scheduling tick under load. Percentiles are printed after each; criterion times rounds.

#[path = "../tests/support/fake_bot_api.rs"]
mod fake_bot_api;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use spider_vein_bot::Engine;
use spider_vein_bot::reload;
use spider_vein_bot::telegram::{self, BotApi, Mode, Settings};
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use fake_bot_api::{FakeBotApi, message, private_chat, text};

const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const CHATS: i64 = 200;
const QUESTIONS: [&str; 5] = [
    "what are spider veins",
    "does walking help my veins",
    "how does sclerotherapy work",
    "hello",
    "recommend a movie",
];

struct Running {
    api: FakeBotApi,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    next_chat: i64,
    latencies: Arc<Mutex<Vec<Duration>>>,
}

async fn start<R: BotApi>(make: impl FnOnce(teloxide::Bot) -> R) -> Running {
    let api = FakeBotApi::start().await;
    let engine = reload::shared(Engine::load(Path::new("knowledge")).expect("knowledge loads"));
    let bot = make(telegram::bot_with(Some(TOKEN), Some(&api.url())).expect("bot"));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(telegram::serve(
        bot,
        engine,
        Settings::default(),
        Mode::Polling,
        async {
            let _ = stopped.await;
        },
    ));
    api.wait_for("the bot to start", Duration::from_secs(10), |s| {
        s.calls_to("setMyCommands").first().map(|_| ())
    })
    .await;
    Running {
        api,
        stop,
        task,
        next_chat: 1,
        latencies: Arc::default(),
    }
}

/// The update ids of messages pushed, by (chat, message id), to match replies to updates.
type Pushed = std::collections::HashMap<(i64, i64), i64>;

/// One burst: 200 new chats each send one question at the same instant.
async fn burst(r: &mut Running) {
    let first = r.next_chat;
    r.next_chat += CHATS;
    let before = r.api.state().sent.len();
    let pushed: Pushed = (first..first + CHATS)
        .map(|chat| {
            (
                (chat, 1),
                r.api.push(message(text(
                    private_chat(chat),
                    chat,
                    1,
                    QUESTIONS[(chat % 5) as usize],
                ))),
            )
        })
        .collect();
    collect(r, before, &pushed).await;
}

/// Steady traffic: 200 chats each asking once a second, one message every 5 ms; 200 messages.
/// That is already six times what Telegram lets a bot send per second.
async fn steady(r: &mut Running) {
    let first = r.next_chat;
    r.next_chat += CHATS;
    let before = r.api.state().sent.len();
    let mut pushed = Pushed::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(5));
    for chat in first..first + CHATS {
        ticker.tick().await;
        pushed.insert(
            (chat, 1),
            r.api.push(message(text(
                private_chat(chat),
                chat,
                1,
                QUESTIONS[(chat % 5) as usize],
            ))),
        );
    }
    collect(r, before, &pushed).await;
}

/// Waits for a reply to each pushed message and records update -> reply times.
async fn collect(r: &Running, before: usize, pushed: &Pushed) {
    let expected = before + pushed.len();
    r.api
        .wait_for("the replies", Duration::from_secs(30), |s| {
            (s.sent.len() >= expected).then_some(())
        })
        .await;
    let s = r.api.state();
    let mut latencies = r.latencies.lock().unwrap();
    for sent in &s.sent[before..] {
        let update = sent.reply_to.and_then(|m| pushed.get(&(sent.chat_id, m)));
        if let Some(delivered) = update.and_then(|u| s.delivered_at.get(u)) {
            latencies.push(sent.at.saturating_duration_since(*delivered));
        }
    }
}

fn report(name: &str, latencies: &Mutex<Vec<Duration>>) {
    let mut l = latencies.lock().unwrap().clone();
    if l.is_empty() {
        return;
    }
    l.sort();
    let at = |q: f64| l[((l.len() as f64 * q).ceil() as usize).clamp(1, l.len()) - 1];
    println!(
        "{name}: {} replies; update -> reply p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        l.len(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        l[l.len() - 1].as_secs_f64() * 1e3
    );
}

/// Which traffic a benchmark sends.
#[derive(Clone, Copy)]
enum Traffic {
    Burst,
    Steady,
}

fn bench_config<R: BotApi>(
    c: &mut Criterion,
    rt: &Runtime,
    name: &str,
    traffic: Traffic,
    make: impl FnOnce(teloxide::Bot) -> R,
) {
    let running = Arc::new(tokio::sync::Mutex::new(rt.block_on(start(make))));
    let mut group = c.benchmark_group("telegram");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function(name, |b| {
        b.iter_custom(|rounds| {
            rt.block_on(async {
                let mut r = running.lock().await;
                let started = std::time::Instant::now();
                for _ in 0..rounds {
                    match traffic {
                        Traffic::Burst => burst(&mut r).await,
                        Traffic::Steady => steady(&mut r).await,
                    }
                }
                started.elapsed()
            })
        })
    });
    group.finish();
    let running = Arc::try_unwrap(running)
        .ok()
        .expect("the benchmark is done with the bot")
        .into_inner();
    report(name, &running.latencies);
    rt.block_on(async {
        let _ = running.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(20), running.task).await;
        running.api.stop().await;
    });
}

fn update_to_reply(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let raised = fake_bot_api::raised_limits();
    bench_config(
        c,
        &rt,
        "steady_200_chats/bot_own_time",
        Traffic::Steady,
        |bot| bot,
    );
    bench_config(
        c,
        &rt,
        "burst_200_chats/bot_own_time",
        Traffic::Burst,
        |bot| bot,
    );
    // Built inside `start`, on the runtime: the throttle spawns its worker there.
    bench_config(
        c,
        &rt,
        "steady_200_chats/with_throttle",
        Traffic::Steady,
        |bot| telegram::throttled(bot, raised),
    );
    bench_config(
        c,
        &rt,
        "burst_200_chats/with_throttle",
        Traffic::Burst,
        |bot| telegram::throttled(bot, raised),
    );
}

criterion_group!(benches, update_to_reply);
criterion_main!(benches);
