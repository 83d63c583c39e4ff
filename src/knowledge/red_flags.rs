//! `red-flags.toml`: the warning signs that get the urgent reply instead of an answer.

use std::path::Path;

use serde::Deserialize;

use super::check::Problem;
use super::config::{DEFAULT_RED_FLAGS, RED_FLAGS_FILE, line_of_value};

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
        RedFlags::parse(
            Path::new(RED_FLAGS_FILE),
            DEFAULT_RED_FLAGS,
            &mut Vec::new(),
        )
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
        for mut rule in file.rule {
            rule.line = line_of_value(source, "id", &rule.id).unwrap_or(0);
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
        let builtin_ids: Vec<String> = toml::from_str::<RedFlagsFile>(DEFAULT_RED_FLAGS)
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
