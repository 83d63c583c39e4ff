//! Live reload under load: questions answered from 4 threads while the folder is changed and
//! reloaded 100 times. Every reply must come entirely from one version of the knowledge.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use spider_vein_bot::reload::{self, Reloader};
use spider_vein_bot::{Engine, ReplyKind};

/// Writes version `v` of a two-file folder; each file is replaced atomically (write + rename),
/// as editors and deployment tools do.
fn write_version(dir: &Path, v: char) {
    let put = |name: &str, text: String| {
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, dir.join(name)).unwrap();
    };
    put(
        "laser.md",
        format!(
            "# Laser\n\n## Laser treatment\n\nLaser treatment, version {v}, uses focused light energy.\n"
        ),
    );
    put("replies.toml", format!("[clinic]\nname = \"Clinic {v}\"\n"));
}

#[test]
fn answers_never_fail_or_mix_versions_during_100_reloads() {
    let dir = tempfile::tempdir().unwrap();
    write_version(dir.path(), 'A');
    let engine = reload::shared(Engine::load(dir.path()).unwrap());
    let reloader = Reloader::new(dir.path(), engine.clone());

    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let bad = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (engine, stop, answered, bad) =
                (engine.clone(), stop.clone(), answered.clone(), bad.clone());
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(60);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    let reply = engine.load_full().answer("how does laser treatment work");
                    let text = reply
                        .passage
                        .as_ref()
                        .map(|p| p.text.clone())
                        .unwrap_or_default();
                    let consistent = (text.contains("version A")
                        && reply.text.contains("Clinic A"))
                        || (text.contains("version B") && reply.text.contains("Clinic B"));
                    if reply.kind != ReplyKind::Answer || !consistent {
                        bad.fetch_add(1, Ordering::Relaxed);
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();

    let mut swapped = 0;
    for i in 0..100 {
        write_version(dir.path(), if i % 2 == 0 { 'B' } else { 'A' });
        if reloader.reload_now().is_ok() {
            swapped += 1;
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(swapped, 100, "every reload of a good folder is swapped in");
    assert!(
        answered.load(Ordering::Relaxed) > 100,
        "the questions kept flowing"
    );
    assert_eq!(bad.load(Ordering::Relaxed), 0, "no failed or mixed answer");
    // The last version written (A) is the one live.
    assert!(engine.load().answer("laser").text.contains("Clinic A"));
}
