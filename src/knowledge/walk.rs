//! Finding the files of a knowledge folder before anything is read: which are documents or
//! settings, which are skipped and why. Links are followed only when their real target is
//! inside the folder, each target once, so a link loop or a link to the rest of the disk can
//! neither hang the bot nor reach patients. Kubernetes' `..data` mounts work: their links
//! point inside the folder.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::limits::{Limits, Size, count};
use super::problem::Problem;
use super::{red_flags, replies, synonyms};

/// Linux's "too many levels of symbolic links": links that point at each other.
const ELOOP: i32 = 40;

/// What kind of file the folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A `*.md` document.
    Document,
    /// `synonyms.toml`, `red-flags.toml` or `replies.toml` at the top.
    Settings,
    /// `cases/*.toml`, the clinic's own test questions.
    Cases,
}

/// A file to read.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// As staff named it, relative to the folder (a link's own name, not its target's).
    pub rel: PathBuf,
    /// Where to read it.
    pub path: PathBuf,
    pub kind: FileKind,
}

/// Why an entry was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason", content = "detail")]
pub enum SkipReason {
    /// Its name starts with a dot (also Kubernetes' own `..data` folders).
    Hidden,
    /// An editor's backup or swap file (`~`, `.swp`).
    Backup,
    /// A pipe, socket or device, not a regular file.
    NotAFile,
    /// A link to a file or folder already read under another name.
    AlreadyRead(PathBuf),
    /// Deleted between listing the folder and reading the file: the next reload reads again.
    Vanished,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Hidden => f.write_str("hidden (its name starts with a dot)"),
            SkipReason::Backup => f.write_str("an editor's backup or swap file"),
            SkipReason::NotAFile => f.write_str("not a regular file (a pipe, socket or device)"),
            SkipReason::AlreadyRead(first) => {
                write!(
                    f,
                    "the same file or folder as {}, read once",
                    first.display()
                )
            }
            SkipReason::Vanished => f.write_str("deleted while the folder was being read"),
        }
    }
}

/// An entry not read, with the reason; `check` lists these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    #[serde(flatten)]
    pub reason: SkipReason,
}

/// The result of walking a folder.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<FoundFile>,
    pub skipped: Vec<Skipped>,
}

/// Walks `root` under `limits`, adding every problem (outside links, loops, files too large,
/// too many files) to `problems`. Reads directories and metadata only, never file contents.
pub fn walk(root: &Path, limits: &Limits, problems: &mut Vec<Problem>) -> Found {
    let real_root = match root.canonicalize() {
        Ok(p) => p,
        Err(e) => {
            problems.push(Problem::error(
                root,
                None,
                format!("cannot open the knowledge folder: {e}"),
            ));
            return Found::default();
        }
    };
    let mut w = Walker {
        root,
        real_root: real_root.clone(),
        limits,
        problems,
        found: Found::default(),
        first_seen: HashMap::from([(real_root.clone(), PathBuf::from("."))]),
        entries: 0,
        bytes: 0,
        links: VecDeque::new(),
        stopped: false,
    };
    let mut ancestors = vec![real_root.clone()];
    w.dir(root, &real_root, &mut ancestors);
    // Links last, so that a file is read under its own name and a link to it is the copy.
    while let Some(link) = w.links.pop_front() {
        w.entry(link);
    }
    w.found
}

/// An entry of a folder, to look at.
struct Entry {
    /// As named under the root.
    path: PathBuf,
    /// Its real path if it is not a link (its folder's real path and its name).
    real: PathBuf,
    /// Real paths of the folders that contain it: a link to one of them is a loop.
    ancestors: Vec<PathBuf>,
}

struct Walker<'a> {
    root: &'a Path,
    real_root: PathBuf,
    limits: &'a Limits,
    problems: &'a mut Vec<Problem>,
    found: Found,
    /// Real path of every file and folder read, with the name it was first read under.
    first_seen: HashMap<PathBuf, PathBuf>,
    entries: usize,
    bytes: u64,
    /// Links met so far, looked at once everything that is not a link has been.
    links: VecDeque<Entry>,
    /// A folder-wide limit was reached: the folder is refused, nothing more is looked at.
    stopped: bool,
}

impl Walker<'_> {
    /// `dir` as named under the root, `real` its canonical path, `ancestors` the real paths of
    /// the folders that contain it (itself included).
    fn dir(&mut self, dir: &Path, real: &Path, ancestors: &mut Vec<PathBuf>) {
        let mut entries: Vec<(bool, std::ffi::OsString)> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .flatten()
                .map(|e| (e.file_type().is_ok_and(|t| t.is_symlink()), e.file_name()))
                .collect(),
            Err(e) => {
                self.problems.push(Problem::error(
                    dir,
                    None,
                    format!("cannot read this folder: {e}"),
                ));
                return;
            }
        };
        // Sorted, so that of two names for one file the same one is read every time.
        entries.sort();
        for (is_link, name) in entries {
            let entry = Entry {
                path: dir.join(&name),
                real: real.join(&name),
                ancestors: if is_link {
                    ancestors.clone()
                } else {
                    Vec::new()
                },
            };
            if is_link {
                self.links.push_back(entry);
            } else {
                self.entry_in(entry, ancestors);
            }
        }
    }

    fn entry(&mut self, mut link: Entry) {
        let mut ancestors = std::mem::take(&mut link.ancestors);
        self.entry_in(link, &mut ancestors);
    }

    fn entry_in(&mut self, entry: Entry, ancestors: &mut Vec<PathBuf>) {
        if self.stopped {
            return;
        }
        self.entries += 1;
        if self.entries > self.limits.files {
            self.problems.push(Problem::error(
                self.root,
                None,
                format!(
                    "this folder holds more than {} files and folders, the limit: remove what is not a document",
                    count(self.limits.files)
                ),
            ));
            self.stopped = true;
            return;
        }
        let path = entry.path;
        let rel = path.strip_prefix(self.root).unwrap_or(&path).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            return self.skip(rel, SkipReason::Hidden);
        }
        if is_backup(&name) {
            return self.skip(rel, SkipReason::Backup);
        }
        let Some((meta, target)) = self.resolve(&path, &entry.real) else {
            return;
        };
        if meta.is_dir() {
            if ancestors.contains(&target) {
                self.problems.push(Problem::error(
                    &path,
                    None,
                    format!(
                        "this link loops back to {}, a folder that contains it: delete the link",
                        self.shown(&target).display()
                    ),
                ));
            } else if let Some(first) = self.first_seen.get(&target) {
                let first = first.clone();
                self.skip(rel, SkipReason::AlreadyRead(first));
            } else {
                self.first_seen.insert(target.clone(), rel);
                ancestors.push(target.clone());
                self.dir(&path, &target, ancestors);
                ancestors.pop();
            }
        } else if meta.is_file() {
            if let Some(first) = self.first_seen.get(&target) {
                let first = first.clone();
                return self.skip(rel, SkipReason::AlreadyRead(first));
            }
            self.first_seen.insert(target, rel.clone());
            self.file(path, rel, meta.len());
        } else {
            self.skip(rel, SkipReason::NotAFile);
        }
    }

    /// The metadata and real path of the entry at `path` (whose real path is `real` unless it
    /// is a link). A link is followed only when its target is inside the folder.
    fn resolve(&mut self, path: &Path, real: &Path) -> Option<(Metadata, PathBuf)> {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            // Gone since the folder was listed: the watcher will see that and reload again.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                self.problems
                    .push(Problem::error(path, None, format!("cannot read this: {e}")));
                return None;
            }
        };
        if !meta.is_symlink() {
            return Some((meta, real.to_path_buf()));
        }
        let target = match path.canonicalize() {
            Ok(t) => t,
            Err(e) => {
                let to = std::fs::read_link(path).unwrap_or_default();
                self.problems.push(if e.raw_os_error() == Some(ELOOP) {
                    Problem::error(
                        path,
                        None,
                        format!(
                            "this link loops: {} leads back to a link on the way; delete it",
                            to.display()
                        ),
                    )
                } else {
                    // Most often a file just deleted or renamed: the next reload sees the rest.
                    Problem::warning(
                        path,
                        None,
                        format!(
                            "this link leads nowhere ({} cannot be opened: {e}); it is skipped",
                            to.display()
                        ),
                    )
                });
                return None;
            }
        };
        if !target.starts_with(&self.real_root) {
            self.problems.push(Problem::error(
                path,
                None,
                format!(
                    "this link leads outside the knowledge folder, to {}: only links to files inside the folder are read; copy the file in instead",
                    target.display()
                ),
            ));
            return None;
        }
        match std::fs::metadata(&target) {
            Ok(m) => Some((m, target)),
            Err(_) => None,
        }
    }

    fn file(&mut self, path: PathBuf, rel: PathBuf, size: u64) {
        let Some(kind) = kind_of(&rel) else {
            self.problems.push(Problem::warning(
                &path,
                None,
                "this is not a Markdown (.md) document and is ignored; save documents as .md",
            ));
            return;
        };
        if size > self.limits.file_bytes {
            self.problems.push(Problem::error(
                &path,
                None,
                format!(
                    "this file is {}, over the limit of {} for one file: split it into several documents",
                    Size(size),
                    Size(self.limits.file_bytes)
                ),
            ));
            return;
        }
        self.bytes += size;
        if self.bytes > self.limits.folder_bytes {
            self.problems.push(Problem::error(
                self.root,
                None,
                format!(
                    "the documents and settings in this folder are over the limit of {} together (reached at {}): remove what patients do not need",
                    Size(self.limits.folder_bytes),
                    rel.display()
                ),
            ));
            self.stopped = true;
            return;
        }
        self.found.files.push(FoundFile { rel, path, kind });
    }

    fn skip(&mut self, path: PathBuf, reason: SkipReason) {
        self.found.skipped.push(Skipped { path, reason });
    }

    /// A real path inside the folder, as a path under the folder's own name.
    fn shown(&self, real: &Path) -> PathBuf {
        match real.strip_prefix(&self.real_root) {
            Ok(rest) => self.root.join(rest),
            Err(_) => real.to_path_buf(),
        }
    }
}

/// Editors' backup, swap and autosave files: `notes.md~`, `.notes.md.swp`, `#notes.md#`.
fn is_backup(name: &str) -> bool {
    name.ends_with('~')
        || [".swp", ".swo", ".swx"].iter().any(|e| name.ends_with(e))
        || (name.starts_with('#') && name.ends_with('#'))
}

/// Files that belong in the folder: documents anywhere, settings at the top, cases in `cases/`.
fn kind_of(rel: &Path) -> Option<FileKind> {
    let name = rel.to_string_lossy();
    if name.to_lowercase().ends_with(".md") {
        return Some(FileKind::Document);
    }
    let top = rel.components().count() == 1;
    if top && [synonyms::FILE, red_flags::FILE, replies::FILE].contains(&name.as_ref()) {
        return Some(FileKind::Settings);
    }
    (rel.starts_with("cases") && name.ends_with(".toml")).then_some(FileKind::Cases)
}
