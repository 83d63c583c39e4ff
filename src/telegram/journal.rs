//! The update queue's one writer, on a thread of its own: changes from polling, the webhook
//! and the workers are applied in the order they were made, as many to a transaction as are
//! waiting, so one fsync (about 5 ms on our disks) serves a whole burst and never delays a
//! reply: an update is handled while it is being recorded, and Telegram is told it arrived
//! only once it is recorded.

use std::sync::mpsc;
use std::time::Duration;

use teloxide::types::Update;
use tokio::sync::oneshot;

use super::queue::{Change, Queue};

/// How long closing may wait for the last changes to be written.
const CLOSE_WITHIN: Duration = Duration::from_secs(1);

enum Op {
    Change(Change, Option<oneshot::Sender<bool>>),
    Close(oneshot::Sender<()>),
}

/// Sends changes to the writer. Cheap to clone.
#[derive(Clone)]
pub struct Journal {
    ops: mpsc::Sender<Op>,
}

impl Journal {
    /// Starts the writer thread on `queue`.
    pub fn start(queue: Queue) -> std::io::Result<Journal> {
        let (ops, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("update-queue".into())
            .spawn(move || write(&queue, &rx))?;
        Ok(Journal { ops })
    }

    /// Records `updates`. Made now, in order with every other change; the receiver says once
    /// they are on disk (`true`), or could not be written (`false`, logged).
    pub fn record(&self, updates: Vec<Update>) -> oneshot::Receiver<bool> {
        let (ack, acked) = oneshot::channel();
        let _ = self
            .ops
            .send(Op::Change(Change::Record(updates), Some(ack)));
        acked
    }

    /// Forgets an answered update.
    pub fn done(&self, id: u32) {
        let _ = self.ops.send(Op::Change(Change::Done(id), None));
    }

    /// Writes what is waiting and stops the writer (for at most a second).
    pub async fn close(&self) {
        let (ack, closed) = oneshot::channel();
        if self.ops.send(Op::Close(ack)).is_ok() {
            let _ = tokio::time::timeout(CLOSE_WITHIN, closed).await;
        }
    }
}

fn write(queue: &Queue, ops: &mpsc::Receiver<Op>) {
    while let Ok(first) = ops.recv() {
        let mut changes = Vec::new();
        let mut acks = Vec::new();
        let mut close = None;
        for op in std::iter::once(first).chain(ops.try_iter()) {
            match op {
                Op::Change(change, ack) => {
                    changes.push(change);
                    acks.extend(ack);
                }
                Op::Close(ack) => {
                    close = Some(ack);
                    break;
                }
            }
        }
        let written = match queue.apply(&changes) {
            Ok(()) => true,
            Err(e) => {
                tracing::error!("{e}");
                false
            }
        };
        for ack in acks {
            let _ = ack.send(written);
        }
        if let Some(ack) = close {
            let _ = ack.send(());
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: u32) -> Update {
        serde_json::from_value(serde_json::json!({
            "update_id": id,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private", "first_name": "P"},
                        "from": {"id": 5, "is_bot": false, "first_name": "P"}, "text": "q"}
        }))
        .unwrap()
    }

    #[tokio::test]
    async fn changes_are_applied_in_the_order_they_were_made() {
        let queue = Queue::open(None).unwrap();
        let journal = Journal::start(queue.clone()).unwrap();
        let recorded = journal.record(vec![update(1), update(2)]);
        journal.done(1);
        assert!(recorded.await.unwrap());
        journal.close().await;
        let left: Vec<u32> = queue.pending().unwrap().iter().map(|u| u.id.0).collect();
        assert_eq!(left, [2]);
    }
}
