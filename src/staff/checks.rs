//! What `check` and `eval` find, for the pages: the folder's problems read from disk, and the
//! clinic's cases run against the live engine, one row each.

use std::path::Path;

use super::pages::CaseRow;
use crate::engine::{Engine, ReplyKind};
use crate::eval;
use crate::knowledge::{Knowledge, Problem, Skipped};

/// What `check` says about the folder as it is on disk now.
pub struct FolderCheck {
    pub problems: Vec<Problem>,
    /// Entries not read (hidden files, backups, links leading outside).
    pub skipped: Vec<Skipped>,
}

/// The folder's problems as `check` lists them: reading it as it is now, then the clinic's
/// cases against the live engine.
pub fn check_folder(engine: &Engine) -> FolderCheck {
    let dir = &engine.knowledge().dir;
    let loaded = Knowledge::read(dir);
    let mut problems = loaded.problems;
    let (_, case_problems, failures) = run_cases(engine, &dir.join("cases"));
    problems.extend(case_problems);
    problems.extend(failures);
    FolderCheck {
        problems,
        skipped: loaded.skipped,
    }
}

/// The clinic's cases, run: one row per case, the problems of the case files, and each
/// failure as a problem (as `check` reports it).
pub fn run_cases(engine: &Engine, dir: &Path) -> (Vec<CaseRow>, Vec<Problem>, Vec<Problem>) {
    if !dir.is_dir() {
        return Default::default();
    }
    let (cases, mut problems) = eval::load(&[dir.to_path_buf()]);
    problems.extend(eval::check_ids(engine, &cases));
    let report = eval::run(engine, &cases);
    let failures = report
        .failures()
        .map(|o| Problem::error(&o.case.file, None, format!("case {}", o.explain())))
        .collect();
    let rows = report
        .outcomes
        .iter()
        .map(|o| CaseRow {
            question: o.case.question.clone(),
            file: o
                .case
                .file
                .strip_prefix(dir)
                .unwrap_or(&o.case.file)
                .display()
                .to_string(),
            passed: o.passed,
            expected: match o.case.expect {
                ReplyKind::Answer => format!("answer from {}", o.case.passages.join(" or ")),
                kind => kind.to_string(),
            },
            got: match &o.reply.passage {
                Some(p) => format!("{} from {}", o.reply.kind, p.id),
                None => o.reply.kind.to_string(),
            },
        })
        .collect();
    (rows, problems, failures)
}
