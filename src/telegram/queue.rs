//! The durable queue of updates not yet answered, in an embedded redb database: an update is
//! recorded before Telegram is told it arrived, and removed once answered, so a
//! crash loses nothing and keeps no patient's message longer than needed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use redb::{Database, ReadableTable, TableDefinition};
use teloxide::types::Update;

/// Update id -> the update as JSON. Holds only updates not yet answered.
const UPDATES: TableDefinition<u32, &[u8]> = TableDefinition::new("updates");
/// `last` -> the highest update id recorded, to drop Telegram's re-deliveries; `last_at` ->
/// when (Unix seconds).
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
const LAST: &str = "last";
const LAST_AT: &str = "last_at";
/// Telegram numbers updates in sequence, but after a week without any it starts again from a
/// random number, which may be lower: an older `last` then means nothing.
const LAST_FORGOTTEN_AFTER: u64 = 6 * 24 * 3600;
/// The database's file name inside the state directory.
pub const FILE: &str = "updates.redb";

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("cannot create the state directory {0}: {1}")]
    Dir(PathBuf, std::io::Error),
    #[error("the update queue {0} cannot be opened (is another bot running on it?): {1}")]
    Open(PathBuf, Box<redb::DatabaseError>),
    #[error("the update queue failed: {0}")]
    Store(Box<redb::Error>),
    #[error("an update could not be stored: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<redb::TransactionError> for QueueError {
    fn from(e: redb::TransactionError) -> Self {
        QueueError::Store(Box::new(e.into()))
    }
}
impl From<redb::TableError> for QueueError {
    fn from(e: redb::TableError) -> Self {
        QueueError::Store(Box::new(e.into()))
    }
}
impl From<redb::StorageError> for QueueError {
    fn from(e: redb::StorageError) -> Self {
        QueueError::Store(Box::new(e.into()))
    }
}
impl From<redb::CommitError> for QueueError {
    fn from(e: redb::CommitError) -> Self {
        QueueError::Store(Box::new(e.into()))
    }
}

/// One change to the queue.
#[derive(Debug)]
pub enum Change {
    /// Updates received, to keep until answered.
    Record(Vec<Update>),
    /// An update answered (or that cannot be answered): forget it.
    Done(u32),
}

/// The queue. Cheap to clone; a change commits durably (fsync) before it returns, so call it
/// off the async workers (the [`super::journal`] thread does).
#[derive(Clone)]
pub struct Queue {
    db: Arc<Database>,
}

impl Queue {
    /// The queue in `dir` (created if needed), or, with `None`, one in memory only: for
    /// tests, where nothing needs to survive the process.
    pub fn open(dir: Option<&Path>) -> Result<Queue, QueueError> {
        let db = match dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| QueueError::Dir(dir.into(), e))?;
                let file = dir.join(FILE);
                Database::create(&file).map_err(|e| QueueError::Open(file, Box::new(e)))?
            }
            None => Database::builder()
                .create_with_backend(redb::backends::InMemoryBackend::new())
                .map_err(|e| QueueError::Open(PathBuf::from("(memory)"), Box::new(e)))?,
        };
        let tx = db.begin_write()?;
        tx.open_table(UPDATES)?;
        tx.open_table(META)?;
        tx.commit()?;
        Ok(Queue { db: Arc::new(db) })
    }

    /// Applies `changes` in order, in one transaction: one fsync for all of them. An update
    /// recorded and answered within the same changes never reaches the disk.
    pub fn apply(&self, changes: &[Change]) -> Result<(), QueueError> {
        let tx = self.db.begin_write()?;
        {
            let mut table = tx.open_table(UPDATES)?;
            let mut meta = tx.open_table(META)?;
            let mut highest = None;
            for change in changes {
                match change {
                    Change::Record(updates) => {
                        for update in updates {
                            let id = update.id.0;
                            if table.get(id)?.is_none() {
                                table.insert(id, serde_json::to_vec(update)?.as_slice())?;
                            }
                            highest = highest.max(Some(id));
                        }
                    }
                    Change::Done(id) => {
                        table.remove(*id)?;
                    }
                }
            }
            let last = recent_last(&meta)?;
            if let Some(h) = highest.filter(|h| last.is_none_or(|l| *h > l)) {
                meta.insert(LAST, u64::from(h))?;
                meta.insert(LAST_AT, unix_now())?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The updates recorded and not yet answered, oldest first; one that no longer parses is
    /// dropped, since no later start could answer it either.
    pub fn pending(&self) -> Result<Vec<Update>, QueueError> {
        let tx = self.db.begin_read()?;
        let table = tx.open_table(UPDATES)?;
        let mut updates = Vec::new();
        let mut unreadable = Vec::new();
        for entry in table.iter()? {
            let (id, json) = entry?;
            match serde_json::from_slice::<Update>(json.value()) {
                Ok(u) => updates.push(u),
                Err(_) => unreadable.push(id.value()),
            }
        }
        drop(table);
        drop(tx);
        for id in unreadable {
            tracing::warn!(
                update = id,
                "dropped a recorded update that no longer parses"
            );
            self.apply(&[Change::Done(id)])?;
        }
        Ok(updates)
    }

    /// The highest update id ever recorded, if any: polling starts after it.
    pub fn last_id(&self) -> Result<Option<u32>, QueueError> {
        let tx = self.db.begin_read()?;
        recent_last(&tx.open_table(META)?)
    }
}

/// `last`, unless it was recorded too long ago to compare new ids with.
fn recent_last(meta: &impl ReadableTable<&'static str, u64>) -> Result<Option<u32>, QueueError> {
    let at = meta.get(LAST_AT)?.map(|v| v.value()).unwrap_or(0);
    if unix_now().saturating_sub(at) > LAST_FORGOTTEN_AFTER {
        return Ok(None);
    }
    Ok(meta.get(LAST)?.and_then(|v| u32::try_from(v.value()).ok()))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: u32, text: &str) -> Update {
        serde_json::from_value(serde_json::json!({
            "update_id": id,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private", "first_name": "P"},
                        "from": {"id": 5, "is_bot": false, "first_name": "P"}, "text": text}
        }))
        .unwrap()
    }

    #[test]
    fn recorded_updates_survive_reopening_until_done() {
        let dir = tempfile::tempdir().unwrap();
        let q = Queue::open(Some(dir.path())).unwrap();
        q.apply(&[Change::Record(vec![update(7, "a"), update(8, "b")])])
            .unwrap();
        q.apply(&[Change::Done(7)]).unwrap();
        drop(q);
        let q = Queue::open(Some(dir.path())).unwrap();
        let pending = q.pending().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0], update(8, "b"));
        assert_eq!(q.last_id().unwrap(), Some(8));
    }

    #[test]
    fn recorded_and_answered_in_one_go_leaves_nothing() {
        let q = Queue::open(None).unwrap();
        q.apply(&[
            Change::Record(vec![update(3, "a"), update(4, "b")]),
            Change::Done(3),
        ])
        .unwrap();
        let pending: Vec<u32> = q.pending().unwrap().iter().map(|u| u.id.0).collect();
        assert_eq!(pending, [4]);
        assert_eq!(q.last_id().unwrap(), Some(4));
        q.apply(&[Change::Record(vec![update(2, "old")])]).unwrap();
        assert_eq!(q.last_id().unwrap(), Some(4), "last only grows");
    }

    #[test]
    fn a_second_bot_on_the_same_state_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let _first = Queue::open(Some(dir.path())).unwrap();
        assert!(matches!(
            Queue::open(Some(dir.path())),
            Err(QueueError::Open(..))
        ));
    }

    #[test]
    fn an_answered_update_leaves_the_queue() {
        let dir = tempfile::tempdir().unwrap();
        let q = Queue::open(Some(dir.path())).unwrap();
        q.apply(&[Change::Record(vec![update(1, "my private question")])])
            .unwrap();
        q.apply(&[Change::Done(1)]).unwrap();
        assert!(q.pending().unwrap().is_empty());
    }
}
