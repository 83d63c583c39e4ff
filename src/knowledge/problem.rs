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

/// 1-based line of the first `key =` (or `"key" =`) in a TOML source.
pub fn line_of_key(source: &str, key: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| {
            let t = l.trim_start();
            let t = t
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
                .or_else(|| t.strip_prefix(key));
            t.is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// 1-based line of `key = "value"`.
pub fn line_of_value(source: &str, key: &str, value: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains(&format!("\"{value}\"")))
        .map(|i| i + 1)
}
