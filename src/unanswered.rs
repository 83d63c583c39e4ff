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

/// Reads a log and groups it: the words no document uses, most frequent first, and similar
/// questions together, largest group first.
pub fn report(path: &Path, engine: &Engine) -> io::Result<String> {
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
    let mut out = String::new();
    let not_helpful = entries
        .iter()
        .filter(|e| e.reason == Reason::NotHelpful)
        .count();
    let _ = writeln!(
        out,
        "Unanswered questions: {} ({} fallback, {not_helpful} marked \"Not helpful\")",
        entries.len(),
        entries.len() - not_helpful
    );
    if let (Some(first), Some(last)) = (
        entries.iter().map(|e| &e.time).min(),
        entries.iter().map(|e| &e.time).max(),
    ) {
        let _ = writeln!(out, "From {first} to {last}");
    }
    if !unreadable.is_empty() {
        let lines: Vec<String> = unreadable
            .iter()
            .take(10)
            .map(ToString::to_string)
            .collect();
        let _ = writeln!(
            out,
            "{} line(s) could not be read and were skipped (lines {})",
            unreadable.len(),
            lines.join(", ")
        );
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
    let _ = writeln!(
        out,
        "\nWords no document uses, most frequent first (a document or a synonym to add?):"
    );
    if words.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for (w, n) in words.iter().take(30) {
        let _ = writeln!(out, "  {n:>4}  {w}");
    }

    let _ = writeln!(out, "\nSimilar questions, largest group first:");
    for group in group_similar(&analysed) {
        let (first, rest) = group.split_first().expect("groups are never empty");
        let _ = writeln!(out, "  [{}] {}", group.len(), one_line(&analysed[*first].0));
        for i in rest.iter().take(5) {
            let _ = writeln!(out, "        {}", one_line(&analysed[*i].0));
        }
        if rest.len() > 5 {
            let _ = writeln!(out, "        ... and {} more", rest.len() - 5);
        }
    }
    Ok(out)
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
}
