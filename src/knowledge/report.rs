//! Keeping problem lists small: [`Capped`] keeps the first problems of one file while reading
//! it and counts the rest, and [`summary`] shortens a list for a Telegram notice, `/status`
//! or a log line. `check` still prints every kept problem.

use std::path::{Path, PathBuf};

use super::limits::count;
use super::problem::{Problem, Severity};

/// Problems shown in a notice, `/status` or the reload log; the rest are counted.
pub const SUMMARY_PROBLEMS: usize = 10;
/// Longest problem line in a summary: ten of them and a header stay well inside one
/// Telegram message (4,096 characters).
const SUMMARY_LINE_CHARS: usize = 300;

/// Collects the problems of one file (or one check) into `out`, keeping at most `room` and
/// counting the others; when dropped it adds one line saying how many were left out, as an
/// error if any of them was one, so a refused folder stays refused.
pub struct Capped<'a> {
    out: &'a mut Vec<Problem>,
    file: PathBuf,
    room: usize,
    more_errors: usize,
    more_warnings: usize,
}

impl<'a> Capped<'a> {
    pub fn new(out: &'a mut Vec<Problem>, file: &Path, room: usize) -> Capped<'a> {
        Capped {
            out,
            file: file.to_path_buf(),
            room,
            more_errors: 0,
            more_warnings: 0,
        }
    }

    pub fn push(&mut self, problem: Problem) {
        if self.room > 0 {
            self.room -= 1;
            self.out.push(problem);
        } else if problem.severity == Severity::Error {
            self.more_errors += 1;
        } else {
            self.more_warnings += 1;
        }
    }
}

impl Drop for Capped<'_> {
    fn drop(&mut self) {
        let more = self.more_errors + self.more_warnings;
        if more == 0 {
            return;
        }
        let message = format!(
            "{} more problem(s) here are not listed ({} error(s), {} warning(s)): fix those listed and run check again",
            count(more),
            count(self.more_errors),
            count(self.more_warnings)
        );
        self.out.push(if self.more_errors > 0 {
            Problem::error(&self.file, None, message)
        } else {
            Problem::warning(&self.file, None, message)
        });
    }
}

/// The errors among `problems`, at most [`SUMMARY_PROBLEMS`] of them, each line shortened,
/// then how many more there are: short enough for one Telegram message.
pub fn summary(problems: &[Problem]) -> String {
    let errors: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    let lines: Vec<String> = errors.iter().map(|p| p.to_string()).collect();
    summary_of_lines(&lines)
}

/// The first [`SUMMARY_PROBLEMS`] of `lines`, each shortened, then a count of the rest.
pub fn summary_of_lines(lines: &[String]) -> String {
    let mut out: Vec<String> = lines
        .iter()
        .take(SUMMARY_PROBLEMS)
        .map(|l| shorten(l, SUMMARY_LINE_CHARS))
        .collect();
    if lines.len() > SUMMARY_PROBLEMS {
        out.push(format!(
            "... and {} more; run `spider-vein-bot check` for the full list.",
            count(lines.len() - SUMMARY_PROBLEMS)
        ));
    }
    out.join("\n")
}

fn shorten(line: &str, max: usize) -> String {
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_keeps_the_first_problems_and_counts_the_rest_as_an_error() {
        let mut out = Vec::new();
        {
            let mut c = Capped::new(&mut out, Path::new("a.md"), 2);
            for i in 0..5 {
                c.push(Problem::warning(Path::new("a.md"), Some(i), "w"));
            }
            c.push(Problem::error(Path::new("a.md"), Some(9), "e"));
        }
        assert_eq!(out.len(), 3);
        assert_eq!(out[2].severity, Severity::Error);
        assert!(
            out[2].message.starts_with("4 more problem(s) here"),
            "{out:?}"
        );
    }

    #[test]
    fn a_summary_of_thousands_of_errors_fits_one_telegram_message() {
        let long = "x".repeat(5_000);
        let problems: Vec<Problem> = (0..3_116)
            .map(|i| Problem::error(Path::new("faq.md"), Some(i), long.clone()))
            .collect();
        let text = summary(&problems);
        assert!(text.chars().count() < 3_500, "{}", text.len());
        assert_eq!(text.lines().count(), SUMMARY_PROBLEMS + 1);
        assert!(
            text.ends_with("... and 3,106 more; run `spider-vein-bot check` for the full list.")
        );
    }
}
