//! A copy of the shipped knowledge folder in a temporary directory, for a test to change or
//! spoil without touching the repository's.
#![allow(dead_code)]

use std::path::Path;

/// What of the shipped folder to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    /// The documents and settings at its top, not its cases.
    Files,
    /// Everything, subfolders (the clinic's cases) included.
    Everything,
}

/// A temporary copy of the repository's `knowledge/`.
pub fn copy_of_knowledge(what: Copy) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        dir.path(),
        what,
    );
    dir
}

fn copy_folder(from: &Path, to: &Path, what: Copy) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if what == Copy::Everything {
                copy_folder(&entry.path(), &target, what);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
