//! The decision's trade-off: as the coverage thresholds rise, fewer answerable questions are
//! answered and more near misses fall back. Printed with
//! `cargo test --test curve -- --nocapture`; the shipped thresholds are checked to be a point
//! of the curve that keeps near misses safe.

mod support;

use spider_vein_bot::engine::Thresholds;
use support::blind_sets::{NEW_DOCUMENTS, Score, cases, engine_with};

#[test]
fn recall_falls_and_refusals_rise_as_the_thresholds_rise() {
    // Each new document with its question set, and the shipped folder with its own two.
    let mut sets: Vec<(Vec<&str>, Vec<spider_vein_bot::eval::Case>)> = NEW_DOCUMENTS
        .iter()
        .map(|d| (vec![*d], cases(&format!("{d}.toml"))))
        .collect();
    sets.push((vec![], [cases("short.toml"), cases("chatty.toml")].concat()));

    println!("coverage light_zipf  answerable answered right   near misses refused");
    let mut points = Vec::new();
    for (coverage, light_zipf) in [
        (0.4, 4.5),
        (0.5, 4.9),
        (0.6, 5.1),
        (0.6, 5.3),
        (0.7, 5.5),
        (0.8, 6.0),
        (0.9, 9.0),
    ] {
        let t = Thresholds {
            coverage,
            light_zipf,
        };
        let (mut answerable, mut refused) = ((0, 0), (0, 0));
        for (docs, set) in &sets {
            let engine = engine_with(docs).with_thresholds(t);
            let s = Score::of(&engine, set);
            for (cat, (p, n)) in &s.by_category {
                match cat.as_str() {
                    "in-scope" | "cross-document" => {
                        answerable.0 += p;
                        answerable.1 += n;
                    }
                    "near-miss" | "off-topic" => {
                        refused.0 += p;
                        refused.1 += n;
                    }
                    _ => {}
                }
            }
        }
        let a = answerable.0 as f64 / answerable.1 as f64;
        let r = refused.0 as f64 / refused.1 as f64;
        println!("{coverage:>8.2} {light_zipf:>10.1}  {a:>26.3}   {r:>19.3}");
        points.push((t, a, r));
    }
    // Stricter thresholds never refuse fewer near misses.
    for w in points.windows(2) {
        assert!(w[1].2 >= w[0].2 - 1e-9, "{points:?}");
    }
    let shipped = points
        .iter()
        .find(|(t, _, _)| *t == Thresholds::default())
        .expect("the shipped thresholds are a point of the curve");
    assert!(
        shipped.2 >= 0.85,
        "near misses refused at the shipped point: {shipped:?}"
    );
}
