//! Regression cases: questions with the reply kind (and, for answers, the passages) the clinic
//! expects. Loaded from TOML, run through the engine, reported per category. `eval`, `check`,
//! live reload and `cargo test` all use this same code.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::{Engine, Reply, ReplyKind};
use crate::knowledge::Problem;

/// One question and what the bot must reply.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub question: String,
    pub expect: ReplyKind,
    /// For `expect = "answer"`: the passage ids accepted as a right answer.
    #[serde(default)]
    pub passages: Vec<String>,
    /// Overrides the file's category.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    category: Option<String>,
    #[serde(default, rename = "case")]
    cases: Vec<Case>,
}

/// Reads case files, or every `*.toml` inside folders given. Problems say file and line.
pub fn load(paths: &[PathBuf]) -> (Vec<Case>, Vec<Problem>) {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|f| f.extension().is_some_and(|e| e == "toml"))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    for file in files {
        let Some(source) = crate::knowledge::read::read_text(&file, &mut problems) else {
            continue;
        };
        match toml::from_str::<CaseFile>(&source) {
            Ok(parsed) => {
                let default = parsed.category.unwrap_or_else(|| {
                    file.file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                });
                for mut case in parsed.cases {
                    case.category.get_or_insert_with(|| default.clone());
                    case.file = file.clone();
                    if case.expect == ReplyKind::Answer && case.passages.is_empty() {
                        problems.push(Problem::error(
                            &file,
                            None,
                            format!(
                                "case \"{}\" expects an answer but lists no accepted passages",
                                case.question
                            ),
                        ));
                        continue;
                    }
                    cases.push(case);
                }
            }
            Err(e) => problems.push(Problem::toml(&file, &source, &e)),
        }
    }
    (cases, problems)
}

/// Case problems that only the knowledge can reveal: accepted passage ids that do not exist.
pub fn check_ids(engine: &Engine, cases: &[Case]) -> Vec<Problem> {
    let k = engine.knowledge();
    let mut problems = Vec::new();
    for c in cases {
        for id in &c.passages {
            if !k.passages.iter().any(|p| p.id.0 == *id) {
                problems.push(Problem::error(
                    &c.file,
                    None,
                    format!("case \"{}\" accepts passage \"{id}\", which does not exist (run `spider-vein-bot passages` to list ids)", c.question),
                ));
            }
        }
    }
    problems
}

/// The result of one case.
#[derive(Debug)]
pub struct Outcome<'a> {
    pub case: &'a Case,
    pub reply: Reply,
    pub passed: bool,
}

/// Results of a run, with a per-category summary.
#[derive(Debug)]
pub struct Report<'a> {
    pub outcomes: Vec<Outcome<'a>>,
}

pub fn run<'a>(engine: &Engine, cases: &'a [Case]) -> Report<'a> {
    let outcomes = cases
        .iter()
        .map(|case| {
            let reply = engine.answer(&case.question);
            let passed = reply.kind == case.expect
                && (case.expect != ReplyKind::Answer
                    || reply
                        .passage
                        .as_ref()
                        .is_some_and(|p| case.passages.contains(&p.id.0)));
            Outcome {
                case,
                reply,
                passed,
            }
        })
        .collect();
    Report { outcomes }
}

impl Outcome<'_> {
    /// A failed case in words a member of staff can act on: what the case expects, what the
    /// bot now says, and how to accept the new reply if it is right.
    pub fn explain(&self) -> String {
        let q = display_question(&self.case.question);
        let file = self.case.file.display();
        let expected = match self.case.expect {
            ReplyKind::Answer => format!("an answer from {}", self.case.passages.join(" or ")),
            kind => format!("the {kind} reply"),
        };
        let (now, accept) = match (&self.reply.passage, self.reply.kind) {
            (Some(p), ReplyKind::Answer) if self.case.expect == ReplyKind::Answer => (
                format!("an answer from {}", p.id),
                format!("add \"{}\" to the case's passages", p.id),
            ),
            (Some(p), kind) => (
                format!("the {kind} reply from {}", p.id),
                format!("set expect = \"{kind}\" and passages = [\"{}\"]", p.id),
            ),
            (None, kind) => (
                format!("the {kind} reply"),
                format!("set expect = \"{kind}\""),
            ),
        };
        format!(
            "{q} expected {expected}, but now gets {now}. If the new reply is right, {accept} \
             in {file}; if not, change the documents so that the expected passage answers again \
             (`spider-vein-bot passages {q}` shows why)."
        )
    }
}

impl Report<'_> {
    pub fn failures(&self) -> impl Iterator<Item = &Outcome<'_>> {
        self.outcomes.iter().filter(|o| !o.passed)
    }

    pub fn passed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.passed).count()
    }

    /// (passed, total) per category, sorted by name.
    pub fn by_category(&self) -> BTreeMap<&str, (usize, usize)> {
        let mut map: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for o in &self.outcomes {
            let e = map
                .entry(o.case.category.as_deref().unwrap_or(""))
                .or_default();
            e.1 += 1;
            if o.passed {
                e.0 += 1;
            }
        }
        map
    }

    /// Every failure (question, expected, got, passage chosen), then the summary.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for o in self.failures() {
            let expected = match o.case.expect {
                ReplyKind::Answer => format!("answer from {}", o.case.passages.join(" or ")),
                kind => kind.to_string(),
            };
            let got = match &o.reply.passage {
                Some(p) => format!(
                    "{} from {} (confidence {:.2})",
                    o.reply.kind, p.id, o.reply.confidence
                ),
                None => format!("{} (confidence {:.2})", o.reply.kind, o.reply.confidence),
            };
            let _ = writeln!(
                out,
                "FAIL [{}] {}",
                o.case.category.as_deref().unwrap_or(""),
                display_question(&o.case.question)
            );
            let _ = writeln!(out, "     expected: {expected}");
            let _ = writeln!(out, "     got:      {got}");
            let _ = writeln!(out, "     file:     {}", o.case.file.display());
        }
        let _ = writeln!(out, "\n{:<20} {:>7} {:>7}", "category", "passed", "total");
        for (cat, (passed, total)) in self.by_category() {
            let _ = writeln!(out, "{cat:<20} {passed:>7} {total:>7}");
        }
        let total = self.outcomes.len();
        let failed = total - self.passed();
        let _ = writeln!(out, "\n{} passed, {} failed", self.passed(), failed);
        out
    }
}

/// Questions can be 10,000 characters of hostile text: show the start, escaped.
fn display_question(q: &str) -> String {
    let short: String = q.chars().take(100).collect();
    let more = if q.chars().count() > 100 {
        format!("... ({} characters)", q.chars().count())
    } else {
        String::new()
    };
    format!("{:?}{more}", short)
}

/// What running a folder of the clinic's cases found.
#[derive(Debug)]
pub struct FolderRun {
    /// Cases loaded and run.
    pub cases: usize,
    /// Files that could not be read, passage ids that do not exist, and each failing case as
    /// an error naming its file. Empty when every case passes.
    pub problems: Vec<Problem>,
}

/// Loads the cases in `dir` and runs them: the one way `check`, the warning at start and a
/// live reload test the clinic's own cases.
pub fn run_folder(engine: &Engine, dir: &Path) -> FolderRun {
    let (cases, mut problems) = load(&[dir.to_path_buf()]);
    problems.extend(check_ids(engine, &cases));
    let report = run(engine, &cases);
    for o in report.failures() {
        problems.push(Problem::error(
            &o.case.file,
            None,
            format!("case {}", o.explain()),
        ));
    }
    FolderRun {
        cases: cases.len(),
        problems,
    }
}
