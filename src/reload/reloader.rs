//! The engine shared by a running front end, and one reload of it: a change is loaded,
//! checked, indexed and tested, then swapped in atomically. A folder that fails is never
//! swapped in; the last good one stays. A reload overtaken by a newer change gives up early
//! and leaves it the turn.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use arc_swap::ArcSwap;

use crate::engine::Engine;
use crate::eval;
use crate::knowledge::report::{summary, summary_of_lines};
use crate::knowledge::{Knowledge, Problem, Severity};

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

/// What a reload put live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub passages: usize,
    pub synonyms: usize,
    pub red_flag_rules: usize,
    /// From the start of the reload to the swap.
    pub took: Duration,
    /// What `check` would warn about in the version now live ("the section \"Warning signs\"
    /// reads as urgent advice, but its heading is not marked urgent"): it loaded, but staff
    /// should hear of it where they hear the reload went through, not only from `check`.
    pub warnings: Vec<Problem>,
}

impl Summary {
    /// What was loaded, in one line, without the warnings.
    pub fn loaded(&self) -> String {
        format!(
            "loaded {} document(s), {} passage(s), {} synonym(s), {} red-flag rule(s) in {} ms",
            self.documents,
            self.passages,
            self.synonyms,
            self.red_flag_rules,
            self.took.as_millis()
        )
    }
}

/// The first few of `warnings`, for a Telegram message: how many, then each (see
/// [`summary_of_lines`]).
pub fn describe_warnings(warnings: &[Problem]) -> String {
    let lines: Vec<String> = warnings.iter().map(Problem::to_string).collect();
    format!(
        "{} warning(s), not errors: the new version is live, but please look at:\n{}",
        warnings.len(),
        summary_of_lines(&lines)
    )
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.loaded())?;
        if !self.warnings.is_empty() {
            write!(f, "\n{}", describe_warnings(&self.warnings))?;
        }
        Ok(())
    }
}

/// How a reload that ran to its end went: what is live now, or every problem that kept the
/// change out (file and line).
pub type ReloadResult = Result<Summary, Vec<Problem>>;

/// A refused reload's problems as admins and the log read them: how many errors, then the
/// first few, short enough for one Telegram message.
pub fn describe(problems: &[Problem]) -> String {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    format!("{errors} error(s):\n{}", summary(problems))
}

/// What happened at the last reload attempt, for `/status` and logs.
#[derive(Debug, Clone)]
pub struct ReloadRecord {
    pub at: SystemTime,
    pub result: ReloadResult,
}

/// How one reload attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Swapped in.
    Loaded(Summary),
    /// Refused: what is wrong.
    Refused(Vec<Problem>),
    /// A newer change arrived meanwhile; that one is loaded instead. Nothing changed.
    Superseded,
}

/// Why a reload asked for gave way: the folder changed again.
const NEWER_CHANGE: &str = "a newer change to the folder arrived meanwhile; it is being loaded now";

impl Outcome {
    /// The result as front ends show it: `Err` for a refused or overtaken change.
    pub fn into_result(self, dir: &Path) -> ReloadResult {
        match self {
            Outcome::Loaded(s) => Ok(s),
            Outcome::Refused(e) => Err(e),
            Outcome::Superseded => Err(vec![Problem::error(dir, None, NEWER_CHANGE)]),
        }
    }
}

/// Reloads one knowledge folder into one [`SharedEngine`]. Cheap to clone.
#[derive(Clone)]
pub struct Reloader {
    dir: PathBuf,
    engine: SharedEngine,
    last: Arc<Mutex<Option<ReloadRecord>>>,
    /// Serialises reloads: the watcher and `/reload` may ask at once.
    running: Arc<Mutex<()>>,
    /// Counts requests to reload; a reload whose number is no longer the latest gives up.
    latest: Arc<AtomicU64>,
}

impl Reloader {
    pub fn new(dir: &Path, engine: SharedEngine) -> Reloader {
        Reloader {
            dir: dir.to_path_buf(),
            engine,
            last: Arc::default(),
            running: Arc::default(),
            latest: Arc::default(),
        }
    }

    pub fn engine(&self) -> &SharedEngine {
        &self.engine
    }

    /// Loads, checks, indexes and tests the folder, and swaps it in if all is well. `Ok` says
    /// what is now live; `Err` lists the problems (file and line) and nothing changes.
    pub fn reload_now(&self) -> ReloadResult {
        self.reload().into_result(&self.dir)
    }

    /// The knowledge folder this reloads.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Says that the folder changed: a reload under way gives up at its next step.
    pub fn overtake(&self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
    }

    /// [`Reloader::reload_now`], telling an overtaken reload apart from a refused one.
    pub fn reload(&self) -> Outcome {
        let mine = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        let overtaken = || self.latest.load(Ordering::SeqCst) != mine;
        // A reload under way sees the new number and gives up quickly, so this wait is short.
        let _one_at_a_time = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if overtaken() {
            return Outcome::Superseded;
        }
        let started = Instant::now();
        let built = build(&self.dir, &overtaken);
        if overtaken() {
            tracing::debug!("knowledge reload overtaken by a newer change");
            drop(built);
            give_back_memory();
            return Outcome::Superseded;
        }
        let outcome = match built {
            Ok((engine, warnings)) => {
                let k = engine.knowledge();
                let summary = Summary {
                    documents: k.documents.len(),
                    passages: k.passages.len(),
                    synonyms: k.synonyms.entries.len(),
                    red_flag_rules: k.red_flags.rules.len(),
                    took: started.elapsed(),
                    warnings,
                };
                self.engine.store(Arc::new(engine));
                tracing::info!("knowledge reloaded: {summary}");
                Outcome::Loaded(summary)
            }
            Err(problems) => {
                tracing::warn!(
                    "knowledge NOT reloaded, still answering from the last good version:\n{}",
                    describe(&problems)
                );
                Outcome::Refused(problems)
            }
        };
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(ReloadRecord {
            at: SystemTime::now(),
            result: outcome.clone().into_result(&self.dir),
        });
        if !matches!(outcome, Outcome::Loaded(_)) {
            give_back_memory();
        }
        outcome
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
                        "Last reload: {ago} s ago, REFUSED (still using the previous knowledge):\n{}",
                        describe(&e)
                    ),
                }
            }
        }
    }
}

/// Returns the memory a refused reload freed to the system. glibc keeps freed memory in its
/// per-thread arenas: without this, the bot stayed at its largest refused folder (12 MB at
/// start, about 30 MB after refusing a 4 MB document, never less).
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What `check` warns about in a folder that loads, as a reload reports it: the documents'
/// warnings first (an unmarked warning-signs section), so that when only the first few are
/// shown they are the ones about what patients read; and none about a file the folder does
/// not have (the built-in synonyms, which a folder without `synonyms.toml` uses, warn about
/// every word no document says: `check` lists those, but staff have no file to fix).
pub fn warnings_of(problems: Vec<Problem>) -> Vec<Problem> {
    let mut warnings: Vec<Problem> = problems
        .into_iter()
        .filter(|p| p.severity == Severity::Warning && p.file.exists())
        .collect();
    warnings.sort_by_key(|p| p.file.extension().is_none_or(|e| e != "md"));
    warnings
}

/// A new engine from the folder with what `check` warns about in it, or every problem that
/// keeps it out.
fn build(dir: &Path, overtaken: &dyn Fn() -> bool) -> Result<(Engine, Vec<Problem>), Vec<Problem>> {
    let loaded = Knowledge::read_unless(dir, overtaken);
    if loaded.has_errors() {
        return Err(loaded.problems);
    }
    let warnings = warnings_of(loaded.problems);
    if overtaken() {
        return Err(vec![Problem::error(
            dir,
            None,
            crate::knowledge::folder::SUPERSEDED,
        )]);
    }
    let engine = Engine::new(loaded.knowledge)
        .map_err(|e| vec![Problem::error(dir, None, e.to_string())])?;
    let cases = dir.join("cases");
    if cases.is_dir() && !overtaken() {
        let run = eval::run_folder(&engine, &cases);
        if !run.problems.is_empty() {
            return Err(run.problems);
        }
    }
    Ok((engine, warnings))
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
        assert_eq!(r.reload_now().unwrap().documents, 1);
        assert!(shared.load().answer("laser").text.contains("focused light"));
    }

    #[test]
    fn a_change_that_loads_with_warnings_says_so() {
        let dir = folder("Laser treatment uses light.");
        let shared = shared(Engine::load(dir.path()).unwrap());
        std::fs::write(
            dir.path().join("doc.md"),
            "# Doc\n\n## Laser\n\nLaser treatment uses light.\n\n## Warning signs\n\nCall 999 if your calf swells.\n",
        )
        .unwrap();
        let r = Reloader::new(dir.path(), shared.clone());
        let summary = r.reload_now().unwrap();
        // This folder has no synonyms.toml of its own: the built-in synonyms' warnings about
        // it are not staff's to fix, and are left out.
        assert_eq!(summary.warnings.len(), 1, "{summary:?}");
        assert!(
            summary.warnings[0].message.contains("{.urgent}"),
            "{summary:?}"
        );
        let said = summary.to_string();
        assert!(
            said.contains("warning(s), not errors") && said.contains("{.urgent}"),
            "{said}"
        );
        assert!(r.status_line().contains("{.urgent}"), "{}", r.status_line());
        // It is live all the same.
        assert!(shared.load().answer("laser").text.contains("uses light"));
        // Once the section is marked, that warning is gone.
        std::fs::write(
            dir.path().join("doc.md"),
            "# Doc\n\n## Laser\n\nLaser treatment uses light.\n\n## Warning signs {.urgent}\n\nCall 999 if your calf swells.\n",
        )
        .unwrap();
        assert!(!r.reload_now().unwrap().to_string().contains("{.urgent}"));
    }

    #[test]
    fn a_broken_change_keeps_the_last_good_engine() {
        let dir = folder("Laser treatment uses light.");
        let shared = shared(Engine::load(dir.path()).unwrap());
        std::fs::write(dir.path().join("synonyms.toml"), "[synonyms\n").unwrap();
        let r = Reloader::new(dir.path(), shared.clone());
        let err = describe(&r.reload_now().unwrap_err());
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
        let err = describe(&Reloader::new(dir.path(), shared).reload_now().unwrap_err());
        assert!(err.contains("\"laser\""), "{err}");
    }
}
