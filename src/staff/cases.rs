//! "Save as case": a question tried on the staff page, with the reply it gets now, appended to
//! `knowledge/cases/staff-page.toml`. The new file is checked first (it parses as a case file,
//! its passage ids exist, the case passes against the live engine), then swapped in with one
//! rename, so the folder watcher never reads half a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::engine::{Engine, ReplyKind};
use crate::eval;
use crate::knowledge::PassageId;

/// The case file the staff page writes, in `knowledge/cases/`.
pub const CASES_FILE: &str = "staff-page.toml";
/// The engine reads at most this much of a message; a longer case would test less than it says.
const MAX_QUESTION_CHARS: usize = 1000;
const HEADER: &str = "\
# Questions saved from the staff page, each with the reply it must get. `check`, `eval` and
# every reload run them: a change to the documents that breaks one is refused.
# Edit or delete cases freely.
category = \"staff page\"
";

/// One save at a time: two staff members saving at once must not lose a case.
static SAVING: Mutex<()> = Mutex::new(());

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("there is no question to save")]
    Empty,
    #[error("the question is longer than {MAX_QUESTION_CHARS} characters")]
    TooLong,
    #[error("this question is already a case, in {0}")]
    Duplicate(PathBuf),
    #[error("the case was not saved: {0}")]
    Invalid(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What was saved, and where.
#[derive(Debug, Clone)]
pub struct Saved {
    pub file: PathBuf,
    pub expect: ReplyKind,
    pub passage: Option<PassageId>,
}

#[derive(Serialize)]
struct CaseOut<'a> {
    question: &'a str,
    expect: ReplyKind,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    passages: Vec<&'a str>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    case: Vec<CaseOut<'a>>,
}

/// Saves `question` with the reply `engine` gives it now as a case of the engine's knowledge
/// folder.
pub fn save_case(engine: &Engine, question: &str) -> Result<Saved, SaveError> {
    let question = question.trim();
    if question.is_empty() {
        return Err(SaveError::Empty);
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Err(SaveError::TooLong);
    }
    let _one_at_a_time = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = engine.knowledge().dir.join("cases");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SaveError::Io { path, source }
    };
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    let (existing, _) = eval::load(std::slice::from_ref(&dir));
    if let Some(same) = existing.iter().find(|c| c.question.trim() == question) {
        return Err(SaveError::Duplicate(same.file.clone()));
    }

    let reply = engine.answer(question);
    let passage = match reply.kind {
        ReplyKind::Answer => reply.passage.as_ref().map(|p| p.id.clone()),
        _ => None,
    };
    let block = toml::to_string(&FileOut {
        case: vec![CaseOut {
            question,
            expect: reply.kind,
            passages: passage.iter().map(|p| p.0.as_str()).collect(),
        }],
    })
    .map_err(|e| SaveError::Invalid(e.to_string()))?;

    let path = dir.join(CASES_FILE);
    let mut text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => HEADER.to_string(),
        Err(e) => return Err(io(&path)(e)),
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&block);

    let tmp = temporary_name(&dir);
    let written = write_synced(&tmp, &text).map_err(io(&tmp));
    let checked = written.and_then(|()| check(engine, &tmp, question));
    if let Err(e) = checked {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Err(e) = fs::rename(&tmp, &path) {
        let _ = fs::remove_file(&tmp);
        return Err(io(&path)(e));
    }
    // The rename itself is durable once the folder is synced.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Saved {
        file: path,
        expect: reply.kind,
        passage,
    })
}

/// A hidden name in the cases folder: the knowledge folder's reader skips hidden files, and
/// a rename within one folder is atomic.
fn temporary_name(dir: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{CASES_FILE}.{}.{n}.tmp", std::process::id()))
}

fn write_synced(path: &Path, text: &str) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// The whole new file reads as `eval` reads it, and its new case passes now.
fn check(engine: &Engine, file: &Path, question: &str) -> Result<(), SaveError> {
    let (cases, problems) = eval::load(&[file.to_path_buf()]);
    let mut problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let Some(case) = cases.iter().rev().find(|c| c.question == question) else {
        problems.push("the new case cannot be read back".to_string());
        return Err(SaveError::Invalid(problems.join("; ")));
    };
    problems.extend(
        eval::check_ids(engine, std::slice::from_ref(case))
            .iter()
            .map(ToString::to_string),
    );
    if let Some(failure) = eval::run(engine, std::slice::from_ref(case))
        .failures()
        .next()
    {
        problems.push(failure.explain());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SaveError::Invalid(problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, Engine) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("doc.md"),
            "# Laser\n\n## Sun\n\nAvoid the sun for two weeks after laser treatment.\n",
        )
        .unwrap();
        let engine = Engine::load(dir.path()).unwrap();
        (dir, engine)
    }

    #[test]
    fn a_saved_case_is_read_back_by_eval_and_passes() {
        let (dir, engine) = folder();
        let saved = save_case(&engine, "can I sunbathe after laser").unwrap();
        assert_eq!(saved.file, dir.path().join("cases").join(CASES_FILE));
        save_case(&engine, "\"quoted\"\nand <b>two</b> lines = [x]").unwrap();
        let (cases, problems) = eval::load(&[dir.path().join("cases")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[1].question, "\"quoted\"\nand <b>two</b> lines = [x]");
        assert_eq!(eval::run(&engine, &cases).passed(), 2);
        // Nothing temporary is left behind.
        let names: Vec<_> = fs::read_dir(dir.path().join("cases"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [CASES_FILE]);
    }

    #[test]
    fn a_question_already_a_case_or_empty_is_not_saved() {
        let (_dir, engine) = folder();
        save_case(&engine, "sun after laser").unwrap();
        assert!(matches!(
            save_case(&engine, "  sun after laser "),
            Err(SaveError::Duplicate(_))
        ));
        assert!(matches!(save_case(&engine, "  "), Err(SaveError::Empty)));
    }

    #[test]
    fn a_broken_case_file_is_left_as_it_was() {
        let (dir, engine) = folder();
        let cases = dir.path().join("cases");
        fs::create_dir(&cases).unwrap();
        fs::write(cases.join(CASES_FILE), "[[case]\n").unwrap();
        let err = save_case(&engine, "sun after laser").unwrap_err();
        assert!(err.to_string().contains("not valid TOML"), "{err}");
        assert_eq!(
            fs::read_to_string(cases.join(CASES_FILE)).unwrap(),
            "[[case]\n"
        );
        assert_eq!(fs::read_dir(&cases).unwrap().count(), 1);
    }
}
