//! Memory of loading (issue 9), measured from outside: run one case under `/usr/bin/time -v`
//! and read "Maximum resident set size".
//!
//! ```text
//! cargo bench --bench memory --no-run            # then, with the binary it names:
//! /usr/bin/time -v target/release/deps/memory-* documents 10000   # 10,000 documents
//! /usr/bin/time -v target/release/deps/memory-* document 10       # one 10 MB document
//! target/release/deps/memory-* refused                            # RSS before and after
//! ```
//!
//! `documents N` and `document MB` load under limits roomy enough for them (this measures
//! memory, not what the bot accepts) and print the time taken. `refused` loads the shipped
//! folder, then reloads it with 6 MB of documents added and one passage repeated (an error
//! found only after everything is read), and prints the resident memory before and after.
//! With no arguments (as `cargo bench` runs it), it runs `refused`.

#[path = "support/seed.rs"]
mod seed;

use std::path::Path;
use std::time::Instant;

use seed::{folder_with_settings, sentences, shipped};
use spider_vein_bot::Engine;
use spider_vein_bot::knowledge::{Knowledge, Limits};
use spider_vein_bot::reload::{self, Reloader};

/// A document of `sections` sections of two paragraphs each, every paragraph unique.
fn document(d: usize, sections: usize, sentences: &[String]) -> String {
    let sentence = |i: usize| &sentences[i % sentences.len()];
    let mut text = format!(
        "# Topic {d}: vein care note {d}\n\nAbout term{d}: {}.\n\n",
        sentence(d * 3)
    );
    for s in 0..sections {
        text.push_str(&format!("## Section {s} on term{d}x{s}\n\n"));
        for p in 0..2 {
            text.push_str(&format!(
                "Note {d}.{s}.{p} about term{d}x{s} and word{}: {}. {}.\n\n",
                (d * 13 + s * 7 + p) % 500,
                sentence(d * 7 + s * 3 + p),
                sentence(d * 11 + s * 5 + p + 1)
            ));
        }
    }
    text
}

fn roomy() -> Limits {
    Limits {
        file_bytes: 1 << 30,
        folder_bytes: 1 << 30,
        passages: 10_000_000,
        ..Limits::default()
    }
}

fn load(dir: &Path) {
    let started = Instant::now();
    let loaded = Knowledge::read_with(dir, &roomy());
    assert!(!loaded.has_errors(), "{:?}", loaded.problems.first());
    let engine = Engine::new(loaded.knowledge).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "{} passages loaded in {:.2} s",
        engine.knowledge().passages.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Resident memory now, in MB (Linux).
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn refused() {
    let dir = folder_with_settings();
    for e in std::fs::read_dir(shipped()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let engine = reload::shared(Engine::load(dir.path()).unwrap_or_else(|e| panic!("{e}")));
    let reloader = Reloader::new(dir.path(), engine);
    reloader.reload_now().unwrap();
    let before = rss_mb();
    let sentences = sentences();
    let mut bytes = 0;
    let mut d = 0;
    while bytes < 6 << 20 {
        let text = document(d, 4, &sentences);
        bytes += text.len();
        std::fs::write(dir.path().join(format!("doc-{d:05}.md")), text).unwrap();
        d += 1;
    }
    // The last document repeats a passage of the first: refused after everything is read.
    std::fs::write(
        dir.path().join("zz-repeat.md"),
        document(0, 4, &sentences).replace("# Topic 0", "# Again"),
    )
    .unwrap();
    let refused = reloader.reload_now();
    assert!(refused.is_err(), "the reload must be refused");
    let after = rss_mb();
    println!(
        "resident memory: {before:.1} MB with the shipped folder, {after:.1} MB after a refused reload of {d} documents ({:.1} MB)",
        bytes as f64 / (1 << 20) as f64
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["documents", n] => {
            let n: usize = n.parse().expect("a number of documents");
            let dir = folder_with_settings();
            let sentences = sentences();
            for d in 0..n {
                let path = dir.path().join(format!("doc-{d:05}.md"));
                std::fs::write(path, document(d, 2, &sentences)).unwrap();
            }
            load(dir.path());
        }
        ["document", mb] => {
            let mb: usize = mb.parse().expect("a size in MB");
            let dir = folder_with_settings();
            let sentences = sentences();
            let mut text = String::new();
            let mut d = 0;
            while text.len() < mb << 20 {
                text.push_str(&document(d, 8, &sentences).replace("# Topic", "## Topic"));
                d += 1;
            }
            std::fs::write(
                dir.path().join("big.md"),
                format!("# One big document\n\n{text}"),
            )
            .unwrap();
            load(dir.path());
        }
        [] | ["refused"] => refused(),
        _ => eprintln!("usage: memory [documents N | document MB | refused]"),
    }
}
