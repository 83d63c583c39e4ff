//! The blind question sets of tests/blind/ and the folders they are asked against: the
//! clinic's knowledge as shipped, and the same with one of the documents in tests/blind/docs
//! added, with no synonym written for it.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use spider_vein_bot::{Engine, ReplyKind, eval};

/// The new documents, each with a question set of the same name.
pub const NEW_DOCUMENTS: &[&str] = &[
    "compression-stockings",
    "sclerotherapy-aftercare",
    "varicose-veins",
    "laser-treatment",
    "first-consultation",
    "veins-in-pregnancy",
    "leg-ulcers-and-skin-changes",
    "endovenous-ablation",
    "fees-booking-and-cancellations",
    "superficial-thrombophlebitis",
    "duplex-ultrasound-scan",
    "travel-and-your-veins",
    "creams-supplements-and-home-remedies",
    "aching-legs-cramps-and-restless-legs",
    "hormones-and-your-veins",
    "skin-sun-and-beauty-with-spider-veins",
    "your-job-and-your-veins",
    "weight-diet-and-your-veins",
    "swollen-ankles-and-legs",
    "blood-thinners-and-vein-treatment",
    "veins-that-come-back",
    "sport-after-vein-treatment",
    "non-thermal-vein-closure",
    "phlebectomy",
    "preparing-for-sclerotherapy",
    "foam-sclerotherapy",
    "pelvic-and-vulval-veins",
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped knowledge folder (without the clinic's own cases, which are tied to
/// it) plus the given documents from tests/blind/docs.
pub fn folder_with(docs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root().join("knowledge")).expect("knowledge/") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    for doc in docs {
        let from = root().join("tests/blind/docs").join(format!("{doc}.md"));
        std::fs::copy(&from, dir.path().join(format!("{doc}.md"))).expect("copy doc");
    }
    dir
}

pub fn engine_with(docs: &[&str]) -> Engine {
    let dir = folder_with(docs);
    Engine::load(dir.path()).expect("the folder loads")
}

pub fn cases(file: &str) -> Vec<eval::Case> {
    let (cases, problems) = eval::load(&[root().join("tests/blind").join(file)]);
    assert!(problems.is_empty(), "{problems:?}");
    cases
}

/// Share of passed cases per category, and overall.
#[derive(Debug, Default)]
pub struct Score {
    pub by_category: BTreeMap<String, (usize, usize)>,
    pub report: String,
}

impl Score {
    pub fn of(engine: &Engine, cases: &[eval::Case]) -> Score {
        let report = eval::run(engine, cases);
        let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for o in &report.outcomes {
            let cat = o.case.category.clone().unwrap_or_default();
            let e = by_category.entry(cat).or_default();
            e.0 += usize::from(o.passed);
            e.1 += 1;
        }
        Score {
            by_category,
            report: report.render(),
        }
    }

    /// The share passed in the given categories.
    pub fn share(&self, categories: &[&str]) -> f64 {
        let (p, t) = self
            .by_category
            .iter()
            .filter(|(c, _)| categories.is_empty() || categories.contains(&c.as_str()))
            .fold((0, 0), |(p, t), (_, (cp, ct))| (p + cp, t + ct));
        if t == 0 { 1.0 } else { p as f64 / t as f64 }
    }
}

/// Every urgent case of the set is triaged as urgent.
pub fn assert_all_urgent(engine: &Engine, cases: &[eval::Case]) {
    for c in cases.iter().filter(|c| c.expect == ReplyKind::Urgent) {
        assert_eq!(
            engine.answer(&c.question).kind,
            ReplyKind::Urgent,
            "every warning sign is triaged: {:?}",
            c.question
        );
    }
}

pub fn path(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}
