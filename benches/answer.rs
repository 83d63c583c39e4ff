//! `Engine::answer` speed over every question we have (tests/cases and the blind sets in
//! tests/blind), each timed alone: criterion for the mean of a call, and a percentile pass for
//! p50, p99 and the slowest kinds (criterion reports no tail). On the shipped folder and on a
//! folder of 50 documents. Targets (issue 7): p50 at most 20 µs, p99 at most 100 µs.

/// The allocator the bot's binary uses (see src/bin/spider-vein-bot/main.rs), so that the
/// engine is timed as it runs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use spider_vein_bot::{Engine, eval};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every question, with its kind: the category of its case file, or "urgent"/"not-urgent"
/// for the blind triage sets (tests/blind/urgent*.toml).
fn questions() -> Vec<(String, String)> {
    // The triage sets are messages, not cases: read below, and their problems here ignored.
    let (cases, _) = eval::load(&[root().join("tests/cases"), root().join("tests/blind")]);
    let mut out: Vec<(String, String)> = cases
        .into_iter()
        .map(|c| (c.category.unwrap_or_default(), c.question))
        .collect();
    #[derive(serde::Deserialize)]
    struct Set {
        message: Vec<Message>,
    }
    #[derive(serde::Deserialize)]
    struct Message {
        text: String,
        urgent: bool,
    }
    let mut sets: Vec<PathBuf> = std::fs::read_dir(root().join("tests/blind"))
        .expect("tests/blind")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("urgent") && n.ends_with(".toml"))
        })
        .collect();
    sets.sort();
    for path in sets {
        let set: Set = toml::from_str(&std::fs::read_to_string(&path).expect("triage set"))
            .expect("triage set parses");
        out.extend(set.message.into_iter().map(|m| {
            let kind = if m.urgent { "urgent" } else { "not-urgent" };
            (kind.to_string(), m.text)
        }));
    }
    out
}

/// The shipped folder, or it with the blind-set documents and more made from their
/// paragraphs (each a document of its own title and headings), 50 documents in all.
fn folder(documents: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root().join("knowledge")).expect("knowledge/") {
        let p = entry.expect("entry").path();
        if p.is_file() {
            std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
        }
    }
    if documents > 1 {
        let docs: Vec<String> = std::fs::read_dir(root().join("tests/blind/docs"))
            .expect("docs")
            .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("doc"))
            .collect();
        for (i, d) in docs.iter().enumerate() {
            std::fs::write(dir.path().join(format!("doc-{i}.md")), d).expect("write");
        }
        let paragraphs: Vec<&str> = docs
            .iter()
            .flat_map(|d| d.split("\n\n"))
            .filter(|p| p.len() > 200 && !p.starts_with('#') && !p.starts_with("---"))
            .collect();
        for n in docs.len() + 1..documents {
            let mut text = format!("# Leaflet {n}\n\n");
            for k in 0..12 {
                let p = paragraphs[(n * 7 + k * 13) % paragraphs.len()];
                // A sentence of its own, so that no passage repeats another.
                text.push_str(&format!(
                    "## Topic {n}-{k}\n\n{p} This is note {k} of leaflet {n}.\n\n"
                ));
            }
            std::fs::write(dir.path().join(format!("leaflet-{n}.md")), text).expect("write");
        }
    }
    dir
}

fn engine(dir: &Path) -> Engine {
    Engine::load(dir).expect("the folder loads")
}

fn answer(c: &mut Criterion) {
    let questions = questions();
    for (name, documents) in [("shipped folder", 1), ("50 documents", 50)] {
        let dir = folder(documents);
        let engine = engine(dir.path());
        c.bench_function(&format!("answer/every question, {name}"), |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % questions.len();
                black_box(engine.answer(black_box(&questions[i].1)))
            })
        });
        percentiles(name, &engine, &questions);
    }
}

/// Times each question alone, many rounds, and prints p50, p99 and the slowest kinds.
fn percentiles(name: &str, engine: &Engine, questions: &[(String, String)]) {
    const ROUNDS: usize = 50;
    let mut all: Vec<u128> = Vec::with_capacity(questions.len() * ROUNDS);
    let mut by_kind: BTreeMap<&str, Vec<u128>> = BTreeMap::new();
    for _ in 0..ROUNDS {
        for (kind, q) in questions {
            let t = Instant::now();
            black_box(engine.answer(black_box(q)));
            let ns = t.elapsed().as_nanos();
            all.push(ns);
            by_kind.entry(kind).or_default().push(ns);
        }
    }
    let at = |v: &mut Vec<u128>, p: f64| {
        v.sort_unstable();
        v[((v.len() as f64 * p) as usize).min(v.len() - 1)] as f64 / 1000.0
    };
    println!(
        "{name}: {} questions, single calls p50 {:.1} µs, p99 {:.1} µs",
        questions.len(),
        at(&mut all, 0.5),
        at(&mut all, 0.99)
    );
    let mut kinds: Vec<(f64, f64, &str)> = by_kind
        .iter_mut()
        .map(|(k, v)| (at(v, 0.5), at(v, 0.99), *k))
        .collect();
    kinds.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (p50, p99, k) in kinds {
        println!("  {k:<16} p50 {p50:>6.1} µs  p99 {p99:>6.1} µs");
    }
}

fn load(c: &mut Criterion) {
    let shipped = folder(1);
    c.bench_function("engine/load shipped folder", |b| {
        b.iter(|| black_box(engine(shipped.path())))
    });
    let fifty = folder(50);
    c.bench_function("engine/load 50 documents", |b| {
        b.iter(|| black_box(engine(fifty.path())))
    });
}

criterion_group!(benches, answer, load);
criterion_main!(benches);
