//! What the loading benchmarks build their generated folders from: the shipped folder's
//! settings, and the seed leaflet's sentences to recombine into as many documents as a case
//! needs. Each benchmark keeps the document shape its figures were measured with.

use std::path::{Path, PathBuf};

pub fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The seed leaflet's sentences of some length.
pub fn sentences() -> Vec<String> {
    let seed = std::fs::read_to_string(shipped().join("spider-veins-and-exercise.md")).unwrap();
    seed.lines()
        .filter(|l| l.len() > 80 && !l.starts_with('#'))
        .flat_map(|l| l.split(". "))
        .filter(|s| s.len() > 40)
        .map(str::to_string)
        .collect()
}

/// A temporary folder holding the shipped settings files and no document yet.
pub fn folder_with_settings() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["synonyms.toml", "red-flags.toml", "replies.toml"] {
        std::fs::copy(shipped().join(f), dir.path().join(f)).unwrap();
    }
    dir
}
