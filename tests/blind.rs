//! Accuracy on question sets written blind (see the header of each file in tests/blind/).
//! Unlike tests/cases, not every case must pass: these measure how the engine generalises.
//! Each floor is what was measured when the set was added, so a change that makes the bot
//! worse on questions nobody tuned it to fails here. Urgent cases must all pass, always.

use std::collections::BTreeMap;
use std::path::Path;

use spider_vein_bot::{Engine, ReplyKind, eval};

fn engine() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("the shipped knowledge loads")
}

/// (overall, near misses and off-topic as fallback) for one blind file.
fn measure(file: &str) -> (f64, f64, String) {
    let engine = engine();
    let (cases, problems) = eval::load(&[Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/blind")
        .join(file)]);
    assert!(problems.is_empty(), "{problems:?}");
    let report = eval::run(&engine, &cases);
    for o in &report.outcomes {
        if o.case.expect == ReplyKind::Urgent {
            assert_eq!(
                o.reply.kind,
                ReplyKind::Urgent,
                "every warning sign is triaged: {:?}",
                o.case.question
            );
        }
    }
    let mut by: BTreeMap<bool, (usize, usize)> = BTreeMap::new();
    for o in &report.outcomes {
        let cat = o.case.category.as_deref().unwrap_or("");
        let e = by
            .entry(matches!(cat, "near-miss" | "off-topic"))
            .or_default();
        e.1 += 1;
        e.0 += usize::from(o.passed);
    }
    let (np, nt) = by.get(&true).copied().unwrap_or((0, 1));
    (
        report.passed() as f64 / cases.len() as f64,
        np as f64 / nt as f64,
        report.render(),
    )
}

#[test]
fn short_questions_stay_at_least_as_accurate_as_measured() {
    let (overall, fallbacks, report) = measure("short.toml");
    assert!(overall >= 0.94, "overall {overall:.3}\n{report}");
    assert!(
        fallbacks >= 0.95,
        "near misses and off-topic {fallbacks:.3}\n{report}"
    );
}

#[test]
fn chatty_questions_stay_at_least_as_accurate_as_measured() {
    let (overall, fallbacks, report) = measure("chatty.toml");
    // 0.846 when added; 0.838 since "home" became a concept (home remedies are a near miss).
    assert!(overall >= 0.83, "overall {overall:.3}\n{report}");
    assert!(
        fallbacks >= 0.95,
        "near misses and off-topic {fallbacks:.3}\n{report}"
    );
}
