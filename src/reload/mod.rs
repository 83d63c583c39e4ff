//! The engine shared by a running front end, and keeping it current: the knowledge folder is
//! watched, and a change is loaded, checked, indexed and tested in the background, then
//! swapped in atomically. A folder that fails is never swapped in; the last good one stays.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwap;
use notify_debouncer_mini::notify::event::{AccessKind, AccessMode};
use notify_debouncer_mini::notify::{
    self, EventHandler, EventKind, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind,
};
use notify_debouncer_mini::{
    DebounceEventResult, DebouncedEventKind, Debouncer, new_debouncer_opt,
};

use crate::engine::{Engine, EngineError};
use crate::eval;
use crate::knowledge::{Knowledge, Severity};

/// The current engine. A question takes `load_full()` once and is answered entirely by that
/// version, so a reload never mixes old and new knowledge.
pub type SharedEngine = Arc<ArcSwap<Engine>>;

pub fn shared(engine: Engine) -> SharedEngine {
    Arc::new(ArcSwap::from_pointee(engine))
}

/// Quiet time after the last write before a reload starts: editors save in several steps
/// (temporary file, rename), and a copy of many files should be read once, complete.
/// With this, a change is live about 1-1.5 s after the last write (the issue allows 5 s).
pub const DEBOUNCE: Duration = Duration::from_millis(800);

/// What happened at the last reload attempt, for `/status` and logs.
#[derive(Debug, Clone)]
pub struct ReloadRecord {
    pub at: SystemTime,
    pub result: Result<String, String>,
}

/// Reloads one knowledge folder into one [`SharedEngine`]. Cheap to clone.
#[derive(Clone)]
pub struct Reloader {
    dir: PathBuf,
    engine: SharedEngine,
    last: Arc<Mutex<Option<ReloadRecord>>>,
    /// Serialises reloads: the watcher and `/reload` may ask at once.
    running: Arc<Mutex<()>>,
}

impl Reloader {
    pub fn new(dir: &Path, engine: SharedEngine) -> Reloader {
        Reloader {
            dir: dir.to_path_buf(),
            engine,
            last: Arc::default(),
            running: Arc::default(),
        }
    }

    pub fn engine(&self) -> &SharedEngine {
        &self.engine
    }

    /// Loads, checks, indexes and tests the folder, and swaps it in if all is well. `Ok` says
    /// what is now live; `Err` lists every problem (file and line) and nothing changes.
    pub fn reload_now(&self) -> Result<String, String> {
        let _one_at_a_time = self.running.lock().unwrap_or_else(|e| e.into_inner());
        let started = Instant::now();
        let result = build(&self.dir).map(|engine| {
            let k = engine.knowledge();
            let summary = format!(
                "loaded {} document(s), {} passage(s), {} synonym(s), {} red-flag rule(s) in {} ms",
                k.documents.len(),
                k.passages.len(),
                k.synonyms.entries.len(),
                k.red_flags.rules.len(),
                started.elapsed().as_millis()
            );
            self.engine.store(Arc::new(engine));
            summary
        });
        match &result {
            Ok(summary) => tracing::info!("knowledge reloaded: {summary}"),
            Err(problems) => tracing::warn!(
                "knowledge NOT reloaded, still answering from the last good version:\n{problems}"
            ),
        }
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(ReloadRecord {
            at: SystemTime::now(),
            result: result.clone(),
        });
        result
    }

    pub fn last(&self) -> Option<ReloadRecord> {
        self.last.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A line for `/status`: when the last reload ran and how it ended.
    pub fn status_line(&self) -> String {
        match self.last() {
            None => "Last reload: none since start".to_string(),
            Some(r) => {
                let ago = r.at.elapsed().map(|d| d.as_secs()).unwrap_or(0);
                match r.result {
                    Ok(s) => format!("Last reload: {ago} s ago, OK: {s}"),
                    Err(e) => format!(
                        "Last reload: {ago} s ago, REFUSED (still using the previous knowledge):\n{e}"
                    ),
                }
            }
        }
    }

    /// Watches the folder (subfolders too) and reloads after each burst of changes. `notify`
    /// is told the result of every reload, e.g. to tell the admins. Stops when dropped.
    pub fn watch(
        &self,
        notify: impl Fn(Result<String, String>) + Send + 'static,
    ) -> notify_debouncer_mini::notify::Result<Watch> {
        let reloader = self.clone();
        let mut debouncer = new_debouncer_opt::<_, ChangesOnly>(
            notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE),
            move |events: DebounceEventResult| match events {
                // `AnyContinuous` means "still being written": debouncer-mini sends it first
                // whenever one save spans more than an instant (truncate, write, close), then
                // `Any` once quiet. Reloading on both loaded (and reported) each save twice.
                Ok(events) if events.iter().any(|e| e.kind == DebouncedEventKind::Any) => {
                    notify(reloader.reload_now())
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("watching the knowledge folder failed: {e}"),
            },
        )?;
        debouncer
            .watcher()
            .watch(&self.dir, RecursiveMode::Recursive)?;
        Ok(Watch {
            _debouncer: debouncer,
        })
    }
}

/// A running folder watch; dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<ChangesOnly>,
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

/// A new engine from the folder, or every reason it cannot be used.
fn build(dir: &Path) -> Result<Engine, String> {
    let loaded = Knowledge::read(dir);
    if loaded.has_errors() {
        return Err(loaded
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"));
    }
    let engine = Engine::new(loaded.knowledge).map_err(|e: EngineError| e.to_string())?;
    let cases = dir.join("cases");
    if cases.is_dir() {
        eval::run_folder(&engine, &cases).map_err(|failures| {
            format!(
                "the clinic's own test cases in {} fail with this change:\n{}",
                cases.display(),
                failures.join("\n")
            )
        })?;
    }
    Ok(engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("doc.md"),
            format!("# Doc\n\n## Laser\n\n{text}\n"),
        )
        .unwrap();
        dir
    }

    #[test]
    fn a_good_change_is_swapped_in() {
        let dir = folder("Laser treatment uses light.");
        let shared = shared(Engine::load(dir.path()).unwrap());
        std::fs::write(
            dir.path().join("doc.md"),
            "# Doc\n\n## Laser\n\nLaser treatment uses focused light.\n",
        )
        .unwrap();
        let r = Reloader::new(dir.path(), shared.clone());
        assert!(r.reload_now().unwrap().contains("1 document"));
        assert!(shared.load().answer("laser").text.contains("focused light"));
    }

    #[test]
    fn a_broken_change_keeps_the_last_good_engine() {
        let dir = folder("Laser treatment uses light.");
        let shared = shared(Engine::load(dir.path()).unwrap());
        std::fs::write(dir.path().join("synonyms.toml"), "[synonyms\n").unwrap();
        let r = Reloader::new(dir.path(), shared.clone());
        let err = r.reload_now().unwrap_err();
        assert!(err.contains("synonyms.toml line 1"), "{err}");
        assert!(shared.load().answer("laser").text.contains("uses light"));
        assert!(r.status_line().contains("REFUSED"));
    }

    #[test]
    fn a_change_that_breaks_a_clinic_case_is_refused() {
        let dir = folder("Laser treatment uses light.");
        std::fs::create_dir(dir.path().join("cases")).unwrap();
        std::fs::write(
            dir.path().join("cases/laser.toml"),
            "[[case]]\nquestion = \"laser\"\nexpect = \"answer\"\npassages = [\"doc#laser-1\"]\n",
        )
        .unwrap();
        let shared = shared(Engine::load(dir.path()).unwrap());
        std::fs::write(
            dir.path().join("doc.md"),
            "# Doc\n\n## Lasers {#other}\n\nLaser treatment uses light.\n",
        )
        .unwrap();
        let err = Reloader::new(dir.path(), shared).reload_now().unwrap_err();
        assert!(err.contains("\"laser\""), "{err}");
    }
}
