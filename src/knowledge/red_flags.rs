//! `red-flags.toml`: the warning signs that get the urgent reply instead of an answer.

use std::path::Path;

use serde::Deserialize;

use super::problem::{Problem, ValueLines};

/// The file's name, at the top of the knowledge folder.
pub const FILE: &str = "red-flags.toml";

/// The built-in copy, used when the folder has no such file: the one shipped in `knowledge/`.
pub const BUILTIN: &str = include_str!("../../knowledge/red-flags.toml");

/// Warning signs that get the urgent reply instead of an answer.
#[derive(Debug, Clone, Default)]
pub struct RedFlags {
    pub rules: Vec<RedFlagRule>,
}

/// A question is urgent when it has a word from every group of `all` and none of `unless`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlagRule {
    pub id: String,
    pub name: String,
    pub all: Vec<Vec<String>>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedFlagsFile {
    #[serde(default)]
    rule: Vec<RedFlagRule>,
}

impl RedFlags {
    pub fn builtin() -> RedFlags {
        RedFlags::parse(Path::new(FILE), BUILTIN, &mut Vec::new())
    }

    pub fn parse(path: &Path, source: &str, problems: &mut Vec<Problem>) -> RedFlags {
        let file: RedFlagsFile = match toml::from_str(source) {
            Ok(f) => f,
            Err(e) => {
                problems.push(Problem::toml(path, source, &e));
                return RedFlags::default();
            }
        };
        let mut rules = Vec::new();
        let lines = ValueLines::new(source, "id");
        for mut rule in file.rule {
            rule.line = lines.get(&rule.id).unwrap_or(0);
            let line = Some(rule.line).filter(|l| *l > 0);
            for group in &mut rule.all {
                for w in group.iter_mut() {
                    *w = w.trim().to_lowercase();
                }
                group.retain(|w| !w.is_empty() && w != "*");
            }
            if rule.all.is_empty() || rule.all.iter().any(Vec::is_empty) {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("rule \"{}\": `all` needs at least one list, and every list at least one word", rule.id),
                ));
                continue;
            }
            rules.push(rule);
        }
        if rules.is_empty() {
            problems.push(Problem::error(
                path,
                Some(1),
                "there are no red-flag rules: urgent warning signs would not be recognised. Restore the file from the shipped copy",
            ));
        }
        let builtin_ids: Vec<String> = toml::from_str::<RedFlagsFile>(BUILTIN)
            .map(|f| f.rule.into_iter().map(|r| r.id).collect())
            .unwrap_or_default();
        for id in builtin_ids {
            if !rules.is_empty() && !rules.iter().any(|r| r.id == id) {
                problems.push(Problem::warning(
                    path,
                    None,
                    format!("the built-in warning-sign rule \"{id}\" is missing; patients describing it will not get the urgent reply"),
                ));
            }
        }
        RedFlags { rules }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_parses_without_problems() {
        let mut problems = Vec::new();
        let r = RedFlags::parse(Path::new(FILE), BUILTIN, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(r.rules.len() >= 6);
    }
}
