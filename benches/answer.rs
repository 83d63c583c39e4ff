//! `Engine::answer` speed on the shipped knowledge: criterion for the median, plus a plain
//! percentile pass over a mix of question kinds for p99 (criterion reports no tail).
//! Targets (issue 2): median at most 20 µs, p99 at most 100 µs.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use spider_vein_bot::Engine;

/// One of each kind the bot meets: answers, typos, near misses, urgent, small talk, other
/// languages and hostile input.
const QUESTIONS: &[&str] = &[
    "will more exercise shrink my spider veins",
    "is hiking good for my veins",
    "sclerothrapy sessions",
    "laser on little veins near my nose",
    "can I shave my legs after sclerotherapy",
    "which vitamins prevent spider veins",
    "my left calf is suddenly much bigger than the right one",
    "what time is it in Tokyo",
    "Que sont les varicosités ?",
    "good morning",
    "what is the difference between spider veins and varicose veins",
    "<script>alert(1)</script> how does laser work",
];

fn engine() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("the shipped knowledge loads")
}

fn answer(c: &mut Criterion) {
    let engine = engine();
    c.bench_function("answer/mix", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUESTIONS.len();
            black_box(engine.answer(black_box(QUESTIONS[i])))
        })
    });
    c.bench_function("answer/in-scope", |b| {
        b.iter(|| black_box(engine.answer(black_box("is hiking good for my veins"))))
    });
    percentiles(&engine);
}

/// Prints p50 and p99 of single calls over many rounds of the mix.
fn percentiles(engine: &Engine) {
    let mut samples: Vec<u128> = Vec::with_capacity(QUESTIONS.len() * 2000);
    for _ in 0..2000 {
        for q in QUESTIONS {
            let t = Instant::now();
            black_box(engine.answer(black_box(q)));
            samples.push(t.elapsed().as_nanos());
        }
    }
    for (i, q) in QUESTIONS.iter().enumerate() {
        let mut mine: Vec<u128> = samples
            .iter()
            .skip(i)
            .step_by(QUESTIONS.len())
            .copied()
            .collect();
        mine.sort_unstable();
        println!(
            "  {:>6.1} µs median  {q}",
            mine[mine.len() / 2] as f64 / 1000.0
        );
    }
    samples.sort_unstable();
    let at = |p: f64| {
        samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)] as f64 / 1000.0
    };
    println!(
        "answer/mix single calls: p50 {:.1} µs, p95 {:.1} µs, p99 {:.1} µs (n = {})",
        at(0.50),
        at(0.95),
        at(0.99),
        samples.len()
    );
}

fn load(c: &mut Criterion) {
    c.bench_function("engine/load default knowledge", |b| {
        b.iter(|| black_box(engine()))
    });
}

criterion_group!(benches, answer, load);
criterion_main!(benches);
