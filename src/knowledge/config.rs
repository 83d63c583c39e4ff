//! The three TOML files clinic staff edit beside the documents: `synonyms.toml`,
//! `red-flags.toml` and `replies.toml` (each in a module of its own). Each has built-in
//! defaults, the files shipped in `knowledge/`, used when the clinic's folder has no such file.

pub use super::red_flags::{RedFlagRule, RedFlags};
pub use super::replies::Replies;
pub use super::synonyms::{SynonymEntry, Synonyms};

pub const SYNONYMS_FILE: &str = "synonyms.toml";
pub const RED_FLAGS_FILE: &str = "red-flags.toml";
pub const REPLIES_FILE: &str = "replies.toml";

pub(super) const DEFAULT_SYNONYMS: &str = include_str!("../../knowledge/synonyms.toml");
pub(super) const DEFAULT_RED_FLAGS: &str = include_str!("../../knowledge/red-flags.toml");
pub(super) const DEFAULT_REPLIES: &str = include_str!("../../knowledge/replies.toml");

/// 1-based line of the first `key =` (or `"key" =`) in a TOML source.
pub(super) fn line_of_key(source: &str, key: &str) -> Option<usize> {
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
pub(super) fn line_of_value(source: &str, key: &str, value: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains(&format!("\"{value}\"")))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn builtin_files_parse_without_problems() {
        let mut problems = Vec::new();
        let s = Synonyms::parse(Path::new("s"), DEFAULT_SYNONYMS, &mut problems);
        let r = RedFlags::parse(Path::new("r"), DEFAULT_RED_FLAGS, &mut problems);
        Replies::parse(Path::new("p"), DEFAULT_REPLIES, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(s.entries.len() > 50);
        assert!(r.rules.len() >= 6);
    }
}
