//! Runs the handler tree on received updates: one worker per chat with work, so each chat's
//! messages are answered in order and chats in parallel. An update leaves the durable queue
//! when it is handled; on stop, what is unfinished by the deadline stays there for next time.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::ops::ControlFlow;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use teloxide::RequestError;
use teloxide::dispatching::UpdateHandler;
use teloxide::dptree;
use teloxide::types::{ChatId, Me, Update, UpdateKind};
use tokio::task::JoinSet;

use super::api::BotApi;
use super::handlers::{Context, schema};
use super::journal::Journal;
use super::send::{describe, is_transient};

/// An update and when it reached the bot.
struct Arrived {
    update: Update,
    at: Instant,
}

/// Who may run the handlers, and on what.
struct Shared<R> {
    bot: R,
    me: Me,
    cx: Arc<Context>,
    handler: UpdateHandler<RequestError>,
    journal: Journal,
    /// Per chat with a worker: the updates waiting behind the one being handled.
    chats: Mutex<HashMap<ChatId, VecDeque<Arrived>>>,
    stopping: std::sync::atomic::AtomicBool,
}

pub struct Workers<R> {
    shared: Arc<Shared<R>>,
    tasks: Mutex<JoinSet<()>>,
    seen: Mutex<Seen>,
}

/// The update ids already taken, to drop what Telegram sends again: everything up to `floor`
/// (the last id recorded before this start), and the ids taken since.
struct Seen {
    floor: Option<u32>,
    ids: BTreeSet<u32>,
}

/// Ids remembered one by one; past this, the lowest are folded into the floor.
const SEEN_MAX: usize = 100_000;

impl<R: BotApi> Workers<R> {
    /// Workers for `bot`; `last` is the highest update id the queue recorded before.
    pub fn new(
        bot: R,
        me: Me,
        cx: Arc<Context>,
        journal: Journal,
        last: Option<u32>,
    ) -> Workers<R> {
        Workers {
            shared: Arc::new(Shared {
                bot,
                me,
                cx,
                handler: schema::<R>(),
                journal,
                chats: Mutex::default(),
                stopping: false.into(),
            }),
            tasks: Mutex::default(),
            seen: Mutex::new(Seen {
                floor: last,
                ids: BTreeSet::new(),
            }),
        }
    }

    /// Hands over what the last run recorded and left unanswered (all at or below the floor):
    /// taken now, so that Telegram sending them again changes nothing.
    pub fn resume(&self, left: Vec<Update>, at: Instant) {
        lock(&self.seen).ids.extend(left.iter().map(|u| u.id.0));
        for update in left {
            self.submit(update, at);
        }
    }

    /// The updates among `updates` seen for the first time; they are now taken.
    pub fn claim(&self, updates: Vec<Update>) -> Vec<Update> {
        let mut seen = lock(&self.seen);
        updates
            .into_iter()
            .filter(|u| {
                let id = u.id.0;
                if seen.floor.is_some_and(|f| id <= f) || !seen.ids.insert(id) {
                    return false;
                }
                if seen.ids.len() > SEEN_MAX
                    && let Some(lowest) = seen.ids.pop_first()
                {
                    seen.floor = seen.floor.max(Some(lowest));
                }
                true
            })
            .collect()
    }

    /// Hands a recorded update to its chat's worker, starting one if the chat has none.
    pub fn submit(&self, update: Update, at: Instant) {
        let chat = chat_of(&update);
        self.shared.cx.outbox.metrics.queued(1);
        let arrived = Arrived { update, at };
        let mut chats = lock(&self.shared.chats);
        if let Some(waiting) = chats.get_mut(&chat) {
            waiting.push_back(arrived);
            return;
        }
        chats.insert(chat, VecDeque::new());
        drop(chats);
        let mut tasks = lock(&self.tasks);
        while tasks.try_join_next().is_some() {}
        tasks.spawn(work(self.shared.clone(), chat, arrived));
    }

    /// Stops starting updates, lets those being handled finish until `deadline`, then drops
    /// the rest: they stay in the durable queue and are answered at the next start.
    pub async fn stop(&self, deadline: tokio::time::Instant) {
        self.shared
            .stopping
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let mut tasks = std::mem::take(&mut *lock(&self.tasks));
        let finished = tokio::time::timeout_at(deadline, async {
            while tasks.join_next().await.is_some() {}
        })
        .await;
        if finished.is_err() {
            tracing::warn!(
                unfinished = tasks.len(),
                "stopping before every reply in progress was sent; they stay queued for the next start"
            );
            tasks.abort_all();
            while tasks.join_next().await.is_some() {}
        }
    }
}

/// Handles `first`, then whatever its chat queued meanwhile, until the chat has nothing left.
async fn work<R: BotApi>(shared: Arc<Shared<R>>, chat: ChatId, first: Arrived) {
    let mut next = Some(first);
    while let Some(arrived) = next {
        handle(&shared, arrived).await;
        let mut chats = lock(&shared.chats);
        next = if shared.stopping.load(std::sync::atomic::Ordering::SeqCst) {
            None
        } else {
            chats.get_mut(&chat).and_then(VecDeque::pop_front)
        };
        if next.is_none()
            && let Some(left) = chats.remove(&chat)
        {
            // Left behind at a stop: they stay in the durable queue.
            shared.cx.outbox.metrics.queued(-(left.len() as i64));
        }
    }
}

async fn handle<R: BotApi>(shared: &Shared<R>, arrived: Arrived) {
    let id = arrived.update.id.0;
    let deps = dptree::deps![
        shared.bot.clone(),
        shared.me.clone(),
        shared.cx.clone(),
        arrived.update
    ];
    let keep = match shared.handler.dispatch(deps).await {
        ControlFlow::Break(Ok(())) => false,
        ControlFlow::Break(Err(e)) if is_transient(&e) => {
            tracing::warn!(error = %describe(&e), "could not send a reply; it stays queued for the next start");
            true
        }
        ControlFlow::Break(Err(e)) => {
            tracing::warn!(error = %describe(&e), "could not send a reply");
            false
        }
        ControlFlow::Continue(_) => {
            tracing::debug!(update = id, "ignored an update");
            false
        }
    };
    let metrics = &shared.cx.outbox.metrics;
    metrics.handled(arrived.at.elapsed());
    metrics.queued(-1);
    if !keep {
        shared.journal.done(id);
    }
}

/// The chat whose order an update keeps: its chat, else its sender's private chat.
fn chat_of(update: &Update) -> ChatId {
    if let Some(chat) = update.chat() {
        return chat.id;
    }
    match (&update.kind, update.from()) {
        (UpdateKind::Error(_), _) | (_, None) => ChatId(0),
        (_, Some(user)) => user.id.into(),
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means a worker panicked while moving an update between queues.
    m.lock().unwrap_or_else(|e| e.into_inner())
}
