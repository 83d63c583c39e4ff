//! The bottom of the folder: a [`Problem`] found in the clinic's files, said so that staff can
//! fix it, and the helpers that find the line a TOML setting is on. Every other file here uses
//! these; this one uses none of them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with the clinic's files, said so that a non-programmer can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn error(file: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(file: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A TOML syntax or shape error, with the line it points at.
    pub fn toml(file: &Path, source: &str, err: &toml::de::Error) -> Problem {
        let line = err
            .span()
            .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
        let message = err.message().trim().to_string();
        Problem::error(file, line, format!("this is not valid TOML: {message}"))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => write!(
                f,
                "{kind}: {} line {line}: {}",
                self.file.display(),
                self.message
            ),
            None => write!(f, "{kind}: {}: {}", self.file.display(), self.message),
        }
    }
}

/// The 1-based line of every key of a TOML file: the first `key =` (or `"key" =`), read in
/// one pass. Finding each key by reading the file again took a hostile synonyms file of
/// 60,000 entries 39 seconds to load.
#[derive(Debug, Default)]
pub struct KeyLines(rustc_hash::FxHashMap<String, usize>);

impl KeyLines {
    pub fn new(source: &str) -> KeyLines {
        let mut lines = rustc_hash::FxHashMap::default();
        for (i, l) in source.lines().enumerate() {
            let t = l.trim_start();
            let key = match t.strip_prefix('"') {
                Some(r) => r.find('"').map(|end| (&r[..end], &r[end + 1..])),
                None => t.find('=').map(|eq| (t[..eq].trim_end(), &t[eq..])),
            };
            if let Some((key, rest)) = key
                && rest.trim_start().starts_with('=')
            {
                lines.entry(key.to_string()).or_insert(i + 1);
            }
        }
        KeyLines(lines)
    }

    /// The line of `key = ...`.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

/// The 1-based line of each quoted value on lines starting with `key` (`id = "vision"`), the
/// first where a value is on several, read in one pass.
#[derive(Debug, Default)]
pub struct ValueLines(rustc_hash::FxHashMap<String, usize>);

impl ValueLines {
    pub fn new(source: &str, key: &str) -> ValueLines {
        let mut lines = rustc_hash::FxHashMap::default();
        for (i, l) in source.lines().enumerate() {
            if !l.trim_start().starts_with(key) {
                continue;
            }
            for value in l.split('"').skip(1).step_by(2) {
                lines.entry(value.to_string()).or_insert(i + 1);
            }
        }
        ValueLines(lines)
    }

    /// The line of `key = "value"`.
    pub fn get(&self, value: &str) -> Option<usize> {
        self.0.get(value).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_value_is_found_on_its_own_line() {
        let synonyms = include_str!("../../knowledge/synonyms.toml");
        let lines = KeyLines::new(synonyms);
        let source: Vec<&str> = synonyms.lines().collect();
        let keys: toml::Table = toml::from_str(synonyms).unwrap();
        let keys = keys["synonyms"].as_table().unwrap();
        assert!(keys.len() > 100);
        for key in keys.keys() {
            let line = source[lines.get(key).expect(key) - 1].trim_start();
            let rest = line
                .strip_prefix(&format!("\"{key}\""))
                .or_else(|| line.strip_prefix(key.as_str()))
                .expect(key);
            assert!(rest.trim_start().starts_with('='), "{key}: {line}");
        }
        assert_eq!(KeyLines::new("a = 1\nab = 2\na = 3\n").get("a"), Some(1));
        assert_eq!(
            KeyLines::new("[answer]\nsource = \"x = y\"\n").get("source"),
            Some(2)
        );
        let red_flags = include_str!("../../knowledge/red-flags.toml");
        let ids = ValueLines::new(red_flags, "id");
        let source: Vec<&str> = red_flags.lines().collect();
        assert_eq!(
            source[ids.get("vision").unwrap() - 1].trim(),
            "id = \"vision\""
        );
        assert_eq!(ids.get("no such rule"), None);
    }
}
