//! Watching the knowledge folder: after each burst of changes a worker thread reloads it.
//! Noticing a change never waits for a reload: a change that arrives during one makes that
//! reload give up, and the worker starts again on the newest folder.

use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use notify_debouncer_mini::notify::event::{AccessKind, AccessMode};
use notify_debouncer_mini::notify::{
    self, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind,
};
use notify_debouncer_mini::{
    DebounceEventResult, DebouncedEventKind, Debouncer, new_debouncer_opt,
};

use super::reloader::{DEBOUNCE, Outcome, ReloadResult, Reloader};

impl Reloader {
    /// Watches the folder (subfolders too) and reloads after each burst of changes. `notify`
    /// is told the result of every reload that ran to its end, e.g. to tell the admins.
    /// Stops when dropped.
    pub fn watch(&self, notify: impl Fn(ReloadResult) + Send + 'static) -> notify::Result<Watch> {
        // One pending request is enough: the reload reads the whole folder as it is then.
        let (wake, requests) = sync_channel::<()>(1);
        let reloader = self.clone();
        let worker = std::thread::Builder::new()
            .name("knowledge-reload".to_string())
            .spawn(move || {
                while requests.recv().is_ok() {
                    match reloader.reload() {
                        Outcome::Superseded => {}
                        outcome => notify(outcome.into_result(reloader.dir())),
                    }
                }
            })
            .map_err(notify::Error::io)?;
        let debouncer = self.debouncer(wake)?;
        Ok(Watch {
            debouncer: Some(debouncer),
            worker: Some(worker),
        })
    }

    fn debouncer(&self, wake: SyncSender<()>) -> notify::Result<Debouncer<ChangesOnly>> {
        let reloader = self.clone();
        // Links are not followed: a link to a big folder elsewhere would be watched file by
        // file. Kubernetes' `..data` swap is a rename in the folder itself, so it is seen.
        let config = notify_debouncer_mini::Config::default()
            .with_timeout(DEBOUNCE)
            .with_notify_config(notify::Config::default().with_follow_symlinks(false));
        let mut debouncer =
            new_debouncer_opt::<_, ChangesOnly>(config, move |events: DebounceEventResult| {
                match events {
                    // `AnyContinuous` means "still being written": debouncer-mini sends it first
                    // whenever one save spans more than an instant (truncate, write, close), then
                    // `Any` once quiet. Reloading on both loaded (and reported) each save twice.
                    Ok(events) if events.iter().any(|e| e.kind == DebouncedEventKind::Any) => {
                        reloader.overtake();
                        // Full means a reload is already due; it will read this change too.
                        let _ = wake.try_send(());
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!("watching the knowledge folder failed: {e}"),
                }
            })?;
        debouncer
            .watcher()
            .watch(self.dir(), RecursiveMode::Recursive)?;
        Ok(debouncer)
    }
}

/// A running folder watch; dropping it stops watching and waits for a reload under way.
pub struct Watch {
    debouncer: Option<Debouncer<ChangesOnly>>,
    worker: Option<JoinHandle<()>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        // The debouncer holds the worker's only sender: without it the worker's loop ends.
        drop(self.debouncer.take());
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            tracing::warn!("the knowledge reload worker panicked");
        }
    }
}

/// The platform's watcher without the events of a file only opened or read. inotify reports
/// those too, and a reload reads every file: with them, each reload set off the next one,
/// every debounce period forever (and a broken folder sent the admins a notice each time).
struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let changes = move |event: notify::Result<notify::Event>| {
            if !event.as_ref().is_ok_and(|e| only_read(&e.kind)) {
                handler.handle_event(event);
            }
        };
        RecommendedWatcher::new(changes, config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn configure(&mut self, option: notify::Config) -> notify::Result<bool> {
        self.0.configure(option)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// Opened, read, or closed without writing: nothing in the folder changed.
fn only_read(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(access) if !matches!(access, AccessKind::Close(AccessMode::Write)))
}
