//! The opt-in log of questions the bot could not answer (and answers marked "Not helpful"),
//! and `spider-vein-bot report`, which groups them so staff know what to add next. Off by
//! default: patients' questions are health data. Only the text and the time are kept.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::engine::Engine;

/// Why a question was logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Fallback,
    NotHelpful,
}

/// One line of the log (JSON Lines, so a question with line breaks stays one entry).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub time: String,
    pub reason: Reason,
    pub question: String,
}

/// An append-only log file, shared by all of the bot's tasks.
#[derive(Debug)]
pub struct UnansweredLog {
    path: PathBuf,
    file: Mutex<File>,
}

impl UnansweredLog {
    pub fn open(path: &Path) -> io::Result<UnansweredLog> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(UnansweredLog {
            path: path.to_path_buf(),
            file: Mutex::new(file),
        })
    }

    /// Appends one entry. A failure is logged (without the question) and otherwise ignored:
    /// losing a log line must never cost a patient their reply.
    pub fn record(&self, reason: Reason, question: &str) {
        let entry = Entry {
            time: now_rfc3339(),
            reason,
            question: question.to_string(),
        };
        let Ok(mut line) = serde_json::to_string(&entry) else {
            return;
        };
        line.push('\n');
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = file.write_all(line.as_bytes()) {
            tracing::warn!(
                "cannot append to the unanswered-questions log {}: {e}",
                self.path.display()
            );
        }
    }
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Two questions belong together when they share at least this share of their concepts.
const SIMILAR: f32 = 0.5;

/// What a log holds, grouped: for `report` (as text) and the staff page (as a page).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Entries read.
    pub total: usize,
    /// Of those, answers marked "Not helpful" (the rest got the fallback).
    pub not_helpful: usize,
    /// The first and the last entry's time.
    pub span: Option<(String, String)>,
    /// Line numbers that could not be read.
    pub unreadable: Vec<usize>,
    /// Words no document uses, with how many questions use them, most frequent first.
    pub words: Vec<(String, usize)>,
    /// Similar questions (each on one line), largest group first.
    pub groups: Vec<Vec<String>>,
    /// Counts per day (UTC), oldest first: counts only, never a question.
    pub days: Vec<Day>,
}

/// How many entries of each reason one day holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub fallback: usize,
    pub not_helpful: usize,
}

/// The most frequent unknown words a report lists.
const TOP_WORDS: usize = 30;

/// Reads a log and groups it: the words no document uses, most frequent first, similar
/// questions together, largest group first, and counts per day.
pub fn read_report(path: &Path, engine: &Engine) -> io::Result<Report> {
    let reader = BufReader::new(File::open(path)?);
    let mut entries = Vec::new();
    let mut unreadable = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(&line) {
            Ok(e) => entries.push(e),
            Err(_) => unreadable.push(i + 1),
        }
    }
    let not_helpful = entries
        .iter()
        .filter(|e| e.reason == Reason::NotHelpful)
        .count();
    let span = entries
        .iter()
        .map(|e| &e.time)
        .min()
        .zip(entries.iter().map(|e| &e.time).max())
        .map(|(a, b)| (a.clone(), b.clone()));

    let mut per_day: BTreeMap<String, Day> = BTreeMap::new();
    for e in &entries {
        // RFC 3339 starts with the date; a malformed time counts under what it has.
        let date: String = e.time.chars().take(10).collect();
        let day = per_day.entry(date.clone()).or_insert(Day {
            date,
            fallback: 0,
            not_helpful: 0,
        });
        match e.reason {
            Reason::Fallback => day.fallback += 1,
            Reason::NotHelpful => day.not_helpful += 1,
        }
    }

    let analysed: Vec<(String, Vec<String>, Vec<String>)> = entries
        .iter()
        .map(|e| {
            let a = engine.analyze(&e.question);
            let all: Vec<String> = a.concepts.iter().map(|c| c.words.clone()).collect();
            let unknown: Vec<String> = a
                .concepts
                .iter()
                .filter(|c| !c.known)
                .map(|c| c.words.clone())
                .collect();
            (e.question.clone(), all, unknown)
        })
        .collect();

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, _, unknown) in &analysed {
        for w in unknown.iter().collect::<HashSet<_>>() {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut words: Vec<(&str, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let groups = group_similar(&analysed)
        .into_iter()
        .map(|g| g.iter().map(|i| one_line(&analysed[*i].0)).collect())
        .collect();
    Ok(Report {
        total: entries.len(),
        not_helpful,
        span,
        unreadable,
        words: words
            .into_iter()
            .take(TOP_WORDS)
            .map(|(w, n)| (w.to_string(), n))
            .collect(),
        groups,
        days: per_day.into_values().collect(),
    })
}

/// [`read_report`] as text, for `spider-vein-bot report`.
pub fn report(path: &Path, engine: &Engine) -> io::Result<String> {
    Ok(read_report(path, engine)?.render())
}

impl Report {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Unanswered questions: {} ({} fallback, {} marked \"Not helpful\")",
            self.total,
            self.total - self.not_helpful,
            self.not_helpful
        );
        if let Some((first, last)) = &self.span {
            let _ = writeln!(out, "From {first} to {last}");
        }
        if !self.unreadable.is_empty() {
            let lines: Vec<String> = self
                .unreadable
                .iter()
                .take(10)
                .map(ToString::to_string)
                .collect();
            let _ = writeln!(
                out,
                "{} line(s) could not be read and were skipped (lines {})",
                self.unreadable.len(),
                lines.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "\nWords no document uses, most frequent first (a document or a synonym to add?):"
        );
        if self.words.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for (w, n) in &self.words {
            let _ = writeln!(out, "  {n:>4}  {w}");
        }
        let _ = writeln!(out, "\nSimilar questions, largest group first:");
        for group in &self.groups {
            let (first, rest) = group.split_first().expect("groups are never empty");
            let _ = writeln!(out, "  [{}] {first}", group.len());
            for q in rest.iter().take(5) {
                let _ = writeln!(out, "        {q}");
            }
            if rest.len() > 5 {
                let _ = writeln!(out, "        ... and {} more", rest.len() - 5);
            }
        }
        out
    }
}

/// Greedy grouping by shared concepts (Jaccard similarity), largest group first.
fn group_similar(analysed: &[(String, Vec<String>, Vec<String>)]) -> Vec<Vec<usize>> {
    let sets: Vec<HashSet<&str>> = analysed
        .iter()
        .map(|(_, all, _)| all.iter().map(String::as_str).collect())
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let home = groups.iter_mut().find(|g| {
            let other = &sets[g[0]];
            let inter = set.intersection(other).count() as f32;
            let union = set.union(other).count() as f32;
            union > 0.0 && inter / union >= SIMILAR
        });
        match home {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut sorted: BTreeMap<(std::cmp::Reverse<usize>, usize), Vec<usize>> = BTreeMap::new();
    for g in groups {
        sorted.insert((std::cmp::Reverse(g.len()), g[0]), g);
    }
    sorted.into_values().collect()
}

fn one_line(q: &str) -> String {
    let flat: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 100 {
        format!("{}...", flat.chars().take(100).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_similar_questions_group() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unanswered.jsonl");
        let log = UnansweredLog::open(&path).unwrap();
        log.record(Reason::Fallback, "is a sauna bad after laser treatment");
        log.record(Reason::Fallback, "sauna after laser treatment?");
        log.record(Reason::NotHelpful, "which vitamins prevent\nspider veins");
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"not json\n")
            .unwrap();

        let engine =
            Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
        let text = report(&path, &engine).unwrap();
        assert!(
            text.contains("Unanswered questions: 3 (2 fallback, 1 marked"),
            "{text}"
        );
        assert!(text.contains("     2  sauna"), "{text}");
        assert!(text.contains("     1  vitamins"), "{text}");
        assert!(
            text.contains("[2] is a sauna bad after laser treatment"),
            "{text}"
        );
        assert!(
            text.contains("which vitamins prevent spider veins"),
            "{text}"
        );
        assert!(text.contains("1 line(s) could not be read"), "{text}");
    }

    #[test]
    fn the_report_counts_each_day_by_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unanswered.jsonl");
        let line = |time: &str, reason: &str| {
            format!("{{\"time\":\"{time}\",\"reason\":\"{reason}\",\"question\":\"sauna?\"}}\n")
        };
        let log = [
            line("2026-11-29T23:59:59Z", "fallback"),
            line("2026-11-28T08:00:00Z", "fallback"),
            line("2026-11-29T00:00:00Z", "not_helpful"),
            line("2026-11-29T12:00:00Z", "fallback"),
        ]
        .concat();
        std::fs::write(&path, log).unwrap();
        let engine =
            Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")).unwrap();
        let r = read_report(&path, &engine).unwrap();
        let day = |date: &str, fallback, not_helpful| Day {
            date: date.to_string(),
            fallback,
            not_helpful,
        };
        assert_eq!(r.days, [day("2026-11-28", 1, 0), day("2026-11-29", 2, 1)]);
        assert_eq!((r.total, r.not_helpful), (4, 1));
    }
}
