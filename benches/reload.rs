//! Reload speed (issue 4): from "the folder changed" to the new engine swapped in (read,
//! check, index, clinic cases, swap), excluding the debounce wait. Targets: the default folder
//! in at most 200 ms; a generated folder of 1,000 documents in at most 5 s, with questions
//! answered at full speed meanwhile (their latency is printed while a reload runs).

#[path = "support/seed.rs"]
mod seed;

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use seed::{folder_with_settings, sentences, shipped};
use spider_vein_bot::Engine;
use spider_vein_bot::reload::{self, Reloader};

/// A folder of `n` documents, each with three sections of two paragraphs, built from the seed
/// leaflet's sentences recombined with numbered terms, so the vocabulary grows with `n`.
fn generated(n: usize) -> tempfile::TempDir {
    let dir = folder_with_settings();
    let sentences = sentences();
    for d in 0..n {
        let mut text = format!("# Topic {d}: vein care note {d}\n\n");
        for s in 0..3 {
            text.push_str(&format!("## Section {s} on term{d}x{s}\n\n"));
            for p in 0..2 {
                let a = &sentences[(d * 7 + s * 3 + p) % sentences.len()];
                let b = &sentences[(d * 11 + s * 5 + p + 1) % sentences.len()];
                text.push_str(&format!(
                    "Note {d}.{s}.{p} about term{d}x{s} and word{}: {a}. {b}.\n\n",
                    (d * 13 + p) % 500
                ));
            }
        }
        std::fs::write(dir.path().join(format!("doc-{d:04}.md")), text).unwrap();
    }
    dir
}

fn reload_default(c: &mut Criterion) {
    let engine = reload::shared(Engine::load(&shipped()).unwrap());
    let reloader = Reloader::new(&shipped(), engine);
    c.bench_function("reload/default folder", |b| {
        b.iter(|| black_box(reloader.reload_now().unwrap()))
    });
}

fn reload_large(c: &mut Criterion) {
    let dir = generated(1000);
    let engine = reload::shared(Engine::load(dir.path()).unwrap_or_else(|e| panic!("{e}")));
    let reloader = Reloader::new(dir.path(), engine.clone());
    let mut group = c.benchmark_group("reload");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("1000 documents", |b| {
        b.iter(|| black_box(reloader.reload_now().unwrap()))
    });
    group.finish();

    // Questions during a reload: one thread answers while another reloads.
    let idle = latencies(&engine, Duration::from_secs(1), None);
    let busy = Arc::new(AtomicBool::new(true));
    let r = reloader.clone();
    let flag = busy.clone();
    let started = Instant::now();
    let reloading = std::thread::spawn(move || {
        let result = r.reload_now();
        flag.store(false, Ordering::Relaxed);
        result
    });
    let during = latencies(&engine, Duration::from_secs(10), Some(&busy));
    reloading.join().unwrap().unwrap();
    println!(
        "1000 documents: one reload took {:.2} s; answers idle p50 {:.1} µs p99 {:.1} µs; during the reload p50 {:.1} µs p99 {:.1} µs (n = {})",
        started.elapsed().as_secs_f64(),
        idle.0,
        idle.1,
        during.0,
        during.1,
        during.2
    );
}

/// (p50 µs, p99 µs, n) of answers for `limit`, or while `while_set` stays true.
fn latencies(
    engine: &reload::SharedEngine,
    limit: Duration,
    while_set: Option<&AtomicBool>,
) -> (f64, f64, usize) {
    let questions = [
        "is hiking good for my veins",
        "how many sclerotherapy sessions",
        "which vitamins prevent spider veins",
    ];
    let mut samples = Vec::new();
    let end = Instant::now() + limit;
    let mut i = 0;
    while Instant::now() < end && while_set.is_none_or(|f| f.load(Ordering::Relaxed)) {
        let t = Instant::now();
        black_box(engine.load_full().answer(questions[i % questions.len()]));
        samples.push(t.elapsed().as_nanos() as f64 / 1000.0);
        i += 1;
    }
    samples.sort_by(f64::total_cmp);
    let at = |p: f64| {
        samples
            .get(((samples.len() as f64) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    (at(0.5), at(0.99), samples.len())
}

criterion_group!(benches, reload_default, reload_large);
criterion_main!(benches);
