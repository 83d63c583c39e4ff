//! Loading speed (issue 9): a generated folder of 1,000 and then 10,000 documents of five
//! passages each (10,000 documents = 50,000 passages), read and checked (`Knowledge::read`)
//! and then indexed into a ready engine (`Engine::load`). Target: 10,000 documents in at most
//! 5 s in release. Loading is linear: ten times the documents take about ten times as long.
//! 10,000 documents are 14 MB, within the bot's folder limit (32 MB); this reads them under
//! raised limits all the same, so that it measures speed whatever the limits become.

#[path = "support/seed.rs"]
mod seed;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use seed::{folder_with_settings, sentences};
use spider_vein_bot::Engine;
use spider_vein_bot::knowledge::{Knowledge, Limits};

/// The bot's limits with room for the 10,000 generated documents.
fn roomy() -> Limits {
    Limits {
        folder_bytes: 64 * 1024 * 1024,
        ..Limits::default()
    }
}

/// Reads, checks and indexes `dir` as `Engine::load` does, under [`roomy`] limits.
fn load_engine(dir: &Path) -> Engine {
    let loaded = Knowledge::read_with(dir, &roomy());
    assert!(
        !loaded.has_errors(),
        "{:?}",
        &loaded.problems[..3.min(loaded.problems.len())]
    );
    Engine::new(loaded.knowledge).unwrap_or_else(|e| panic!("{e}"))
}

/// CPU time this process has used, user and system: on a shared machine, wall time also
/// counts other people's builds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// `n` documents, each a title, an introduction and two sections of two paragraphs, from the
/// seed leaflet's sentences recombined with numbered terms, so the vocabulary grows with `n`.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = folder_with_settings();
    let sentences = sentences();
    let sentence = |i: usize| &sentences[i % sentences.len()];
    for d in 0..n {
        let mut text = format!(
            "# Topic {d}: vein care note {d}\n\nAbout term{d}: {}.\n\n",
            sentence(d * 3)
        );
        for s in 0..2 {
            text.push_str(&format!("## Section {s} on term{d}x{s}\n\n"));
            for p in 0..2 {
                text.push_str(&format!(
                    "Note {d}.{s}.{p} about term{d}x{s} and word{}: {}. {}.\n\n",
                    (d * 13 + p) % 500,
                    sentence(d * 7 + s * 3 + p),
                    sentence(d * 11 + s * 5 + p + 1)
                ));
            }
        }
        std::fs::write(dir.path().join(format!("doc-{d:05}.md")), text).unwrap();
    }
    dir
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in [1_000, 10_000] {
        let dir = generated(n);
        let started = Instant::now();
        let cpu = cpu_seconds();
        let engine = load_engine(dir.path());
        println!(
            "{n} documents, {} passages: first load {:.2} s ({:.2} s of CPU)",
            engine.knowledge().passages.len(),
            started.elapsed().as_secs_f64(),
            cpu_seconds() - cpu
        );
        drop(engine);
        group.bench_function(format!("read and check {n} documents"), |b| {
            b.iter(|| black_box(Knowledge::read_with(dir.path(), &roomy())))
        });
        group.bench_function(format!("read, check and index {n} documents"), |b| {
            b.iter(|| black_box(load_engine(dir.path())))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
