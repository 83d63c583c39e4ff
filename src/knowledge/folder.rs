//! The loader: reads a whole knowledge folder into [`Knowledge`], collecting every problem
//! with its file and line, so that staff can fix a mistake instead of the bot failing.
//! `spider-vein-bot check` prints these.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::documents::{Document, Knowledge, Passage, PassageId, slugify};
use super::limits::{self, Limits};
use super::markdown;
use super::problem::{Problem, Severity};
use super::read::{Read, read_text_within};
use super::red_flags::{self, RedFlags};
use super::replies::{self, Replies};
use super::report::Capped;
use super::synonyms::{self, Synonyms};
use super::walk::{self, FileKind, Found, FoundFile, SkipReason, Skipped};

/// The result of reading a folder: what could be used, and every problem found.
#[derive(Debug)]
pub struct Loaded {
    pub knowledge: Knowledge,
    pub problems: Vec<Problem>,
    /// Entries not read (hidden, backups, not regular files, second names of one file).
    pub skipped: Vec<Skipped>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Errors that make a knowledge folder unusable; each says where and what to do.
#[derive(Debug, thiserror::Error)]
#[error("{}", format_problems(.0))]
pub struct KnowledgeError(pub Vec<Problem>);

fn format_problems(problems: &[Problem]) -> String {
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    format!(
        "the knowledge folder has {} error(s):\n{}",
        errors.len(),
        errors.join("\n")
    )
}

impl Knowledge {
    /// Reads `dir`, keeping everything usable and reporting every problem; never panics on
    /// what staff wrote.
    pub fn read(dir: &Path) -> Loaded {
        Self::read_with(dir, &Limits::default())
    }

    /// [`Knowledge::read`] under other limits (tests reach them cheaply this way).
    pub fn read_with(dir: &Path, limits: &Limits) -> Loaded {
        read_folder(dir, limits, &|| false)
    }

    /// [`Knowledge::read`] that gives up (with an error) as soon as `stop` says so: a live
    /// reload stops reading a folder that has changed again since.
    pub fn read_unless(dir: &Path, stop: &dyn Fn() -> bool) -> Loaded {
        read_folder(dir, &Limits::default(), stop)
    }

    /// Reads `dir` and refuses it if it has any error.
    pub fn load(dir: &Path) -> Result<Knowledge, KnowledgeError> {
        let loaded = Self::read(dir);
        if loaded.has_errors() {
            return Err(KnowledgeError(loaded.problems));
        }
        Ok(loaded.knowledge)
    }
}

/// Reads the folder under `limits`: every `*.md` below it, and the three TOML files at its
/// top. File sizes are checked before anything is read. `stop` is asked before each document:
/// when it says yes (a newer change arrived), reading ends with an error saying so.
pub fn read_folder(dir: &Path, limits: &Limits, stop: &dyn Fn() -> bool) -> Loaded {
    let mut problems = Vec::new();
    let mut found = Found::default();
    if !dir.is_dir() {
        problems.push(Problem::error(
            dir,
            None,
            "the knowledge folder does not exist or is not a folder (set it with --knowledge DIR or KNOWLEDGE_DIR)",
        ));
    } else {
        found = walk::walk(dir, limits, &mut problems);
    }
    let mut files: Vec<&FoundFile> = found
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Document)
        .collect();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));

    let mut documents = Vec::new();
    let mut passages = Vec::new();
    let mut vanished = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for file in files {
        if stop() {
            problems.push(Problem::error(dir, None, SUPERSEDED));
            break;
        }
        let rel = &file.rel;
        let path = dir.join(rel);
        let source = match read_text_within(&file.path, &path, limits.file_bytes) {
            Read::Text(source) => source,
            Read::Vanished => {
                vanished.push(Skipped {
                    path: rel.clone(),
                    reason: SkipReason::Vanished,
                });
                continue;
            }
            Read::Failed(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let room = limits.passages.saturating_sub(passages.len());
        let parsed = {
            let mut capped = Capped::new(&mut problems, &path, limits.problems_per_file);
            markdown::parse(&path, &source, &mut capped, room)
        };
        drop(source);
        if parsed.over_limit {
            problems.push(Problem::error(
                &path,
                None,
                format!(
                    "the documents hold more than {} passages, the limit, counting up to this file: split the folder or remove what patients do not need",
                    limits::count(limits.passages)
                ),
            ));
            break;
        }
        if parsed.passages.is_empty() {
            problems.push(Problem::error(
                &path,
                None,
                "this document has no passages: write at least one paragraph of text under a heading",
            ));
            continue;
        }
        let slug = document_slug(rel);
        if let Some(other) = slugs.insert(slug.clone(), path.clone()) {
            problems.push(Problem::error(
                &path,
                None,
                format!(
                    "this file has the same name as {} (ignoring case and punctuation): rename one",
                    other.display()
                ),
            ));
            continue;
        }
        if parsed.title.is_none() {
            problems.push(Problem::warning(
                &path,
                Some(1),
                "this document has no title (a first line like \"# Laser treatment\"); its file name is used instead",
            ));
        }
        let title = parsed
            .title
            .clone()
            .unwrap_or_else(|| title_from_file_name(rel));
        let index = documents.len();
        for p in parsed.passages {
            passages.push(Passage {
                id: PassageId(format!("{slug}#{}", p.anchor)),
                document: index,
                heading: if p.heading.is_empty() {
                    title.clone()
                } else {
                    p.heading
                },
                text: p.text,
                line: p.line,
                urgent: p.urgent,
            });
        }
        documents.push(Document {
            path: rel.clone(),
            slug,
            title,
            source: parsed.source,
            last_reviewed: parsed.last_reviewed,
        });
    }
    if dir.is_dir() && documents.is_empty() {
        problems.push(Problem::error(
            dir,
            None,
            "no documents with passages found: add at least one .md file",
        ));
    }

    let synonyms = read_config(
        dir,
        &found,
        synonyms::FILE,
        &mut problems,
        Synonyms::parse,
        Synonyms::builtin,
    );
    let red_flags = read_config(
        dir,
        &found,
        red_flags::FILE,
        &mut problems,
        RedFlags::parse,
        RedFlags::builtin,
    );
    let replies = read_config(
        dir,
        &found,
        replies::FILE,
        &mut problems,
        Replies::parse,
        Replies::default,
    );

    let mut knowledge = Knowledge {
        dir: dir.to_path_buf(),
        documents,
        passages,
        synonyms,
        red_flags,
        replies,
        warnings: Vec::new(),
    };
    {
        let mut capped = Capped::new(&mut problems, dir, limits.problems_per_file * 10);
        check_passages(&knowledge, &mut capped);
    }
    check_synonym_targets(&knowledge, &mut problems);
    // File by file, top to bottom: the order in which a person fixes them.
    problems.sort_by(|a, b| (&a.file, a.line.unwrap_or(0)).cmp(&(&b.file, b.line.unwrap_or(0))));
    knowledge.warnings = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .cloned()
        .collect();
    let mut skipped = found.skipped;
    skipped.extend(vanished);
    Loaded {
        knowledge,
        problems,
        skipped,
    }
}

/// Why a read was given up: the folder changed again, and the newer version is read next.
pub const SUPERSEDED: &str =
    "the folder changed again while it was being read; the newer version is read next";

/// A settings file the walk found (and accepted), or the built-in copy.
fn read_config<T>(
    dir: &Path,
    found: &Found,
    name: &str,
    problems: &mut Vec<Problem>,
    parse: fn(&Path, &str, &mut Vec<Problem>) -> T,
    builtin: fn() -> T,
) -> T {
    let path = dir.join(name);
    let Some(file) = found
        .files
        .iter()
        .find(|f| f.kind == FileKind::Settings && f.rel == Path::new(name))
    else {
        return builtin();
    };
    match read_text_within(&file.path, &path, limits::FILE_BYTES) {
        Read::Text(source) => parse(&path, &source, problems),
        Read::Vanished => builtin(),
        Read::Failed(p) => {
            problems.push(p);
            builtin()
        }
    }
}

fn document_slug(rel: &Path) -> String {
    let without_ext = rel.with_extension("");
    without_ext
        .components()
        .map(|c| slugify(&c.as_os_str().to_string_lossy()))
        .collect::<Vec<_>>()
        .join("/")
}

fn title_from_file_name(rel: &Path) -> String {
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.replace(['-', '_'], " ")
}

/// Duplicate passages and passages too long for one Telegram message.
fn check_passages(k: &Knowledge, problems: &mut Capped<'_>) {
    let mut seen: HashMap<String, &Passage> = HashMap::new();
    for p in &k.passages {
        let doc = k.document_of(p);
        let path = k.dir.join(&doc.path);
        let key = p
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if let Some(first) = seen.get(&key) {
            let first_doc = k.document_of(first);
            problems.push(Problem::error(
                &path,
                Some(p.line),
                format!(
                    "this passage repeats the one at {} line {}: keep only one copy",
                    k.dir.join(&first_doc.path).display(),
                    first.line
                ),
            ));
        } else {
            seen.insert(key, p);
        }
        if p.text.split_whitespace().count() < 4 {
            problems.push(Problem::warning(
                &path,
                Some(p.line),
                format!("\"{}\" is very short to be quoted on its own as an answer; join it to the paragraph it belongs to", p.text.chars().take(80).collect::<String>()),
            ));
        }
        let len = utf16_len(&k.replies.answer_text(&p.text, &doc.title, &p.heading));
        if len > limits::TELEGRAM_MESSAGE {
            problems.push(Problem::error(
                &path,
                Some(p.line),
                format!(
                    "this paragraph is too long for one Telegram message ({len} of {} characters with the answer wording): split it into shorter paragraphs",
                    limits::TELEGRAM_MESSAGE
                ),
            ));
        }
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A synonym that points at a word no document uses can never help; say so.
fn check_synonym_targets(k: &Knowledge, problems: &mut Vec<Problem>) {
    if k.passages.is_empty() {
        return;
    }
    // Each distinct word stemmed once: the documents repeat most of their words.
    let mut seen: HashSet<String> = HashSet::new();
    let mut words: HashSet<String> = HashSet::new();
    let texts = k.passages.iter().flat_map(|p| [&p.text, &p.heading]);
    for text in texts.chain(k.documents.iter().map(|d| &d.title)) {
        for w in crate::text::words(text) {
            if !seen.contains(&w) {
                words.insert(crate::text::stem(&w));
                seen.insert(w);
            }
        }
    }
    let path = k.dir.join(synonyms::FILE);
    for e in &k.synonyms.entries {
        for v in &e.values {
            let missing: Vec<String> = v
                .split_whitespace()
                .filter(|w| crate::text::stems(w).iter().any(|s| !words.contains(s)))
                .map(str::to_string)
                .collect();
            if !missing.is_empty() {
                problems.push(Problem::warning(
                    &path,
                    Some(e.line).filter(|l| *l > 0),
                    format!("\"{}\" maps to \"{v}\", but no document uses \"{}\", so this synonym cannot help", e.key, missing.join(" ")),
                ));
            }
        }
    }
}
