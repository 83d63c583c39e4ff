//! Hostile and accidental knowledge folders (issue 9), each checked the way staff would:
//! `spider-vein-bot check` on a temporary copy of `knowledge/`. Every one must end with a
//! clear result naming the file, within 10 s and 300 MB.

#[path = "support/folder.rs"]
mod folder;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use spider_vein_bot::knowledge::{Knowledge, Limits, limits};

/// Issue 9's bounds for every hostile folder: 10 s for the release build. `cargo test` runs a
/// debug build, several times slower, on a shared machine: it gets six times as long.
const SECONDS: Duration = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });
const MEGABYTES: u64 = 300;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"));
    c.env_remove("KNOWLEDGE_DIR")
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "error");
    c
}

fn copy_of_knowledge() -> tempfile::TempDir {
    folder::copy_of_knowledge(folder::Copy::Files)
}

/// Largest resident memory of any child process this test binary has waited for, in MB.
/// Tests run in parallel, so this bounds every `check` run so far from above.
fn peak_child_megabytes() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) / 1024
}

/// Runs `check` on `dir` and asserts issue 9's bounds; returns (success, stdout).
fn check(dir: &Path) -> (bool, String) {
    let started = Instant::now();
    let o: Output = bin()
        .args(["check", "--knowledge", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let took = started.elapsed();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(took < SECONDS, "check took {took:?}");
    let peak = peak_child_megabytes();
    assert!(peak < MEGABYTES, "check needed {peak} MB");
    eprintln!("check: {took:?}, at most {peak} MB");
    (o.status.success(), out)
}

fn assert_refused(dir: &Path, fragments: &[&str]) -> String {
    let (ok, out) = check(dir);
    assert!(!ok, "refused: {out}");
    for f in fragments {
        assert!(out.contains(f), "{f:?} in {out}");
    }
    out
}

#[test]
fn two_self_links_are_two_loops_reported_at_once() {
    let dir = copy_of_knowledge();
    symlink(".", dir.path().join("a")).unwrap();
    symlink(".", dir.path().join("b")).unwrap();
    let out = assert_refused(
        dir.path(),
        &["/a: this link loops back", "/b: this link loops back"],
    );
    assert!(!out.contains("repeats"), "each file read once: {out}");
}

#[test]
fn links_pointing_at_each_other_are_a_loop() {
    let dir = copy_of_knowledge();
    symlink("y.md", dir.path().join("x.md")).unwrap();
    symlink("x.md", dir.path().join("y.md")).unwrap();
    assert_refused(
        dir.path(),
        &["x.md: this link loops", "y.md: this link loops"],
    );
}

#[test]
fn links_to_a_file_and_a_folder_outside_are_refused_and_never_quoted() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "# Secret\n\n## Passwords\n\nThe root password is swordfish, nologin for the rest.\n",
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("share")).unwrap();
    for i in 0..50 {
        std::fs::write(
            outside.path().join(format!("share/f{i}.md")),
            "# F\n\n## G\n\nSomething from elsewhere on the disk entirely.\n",
        )
        .unwrap();
    }
    let dir = copy_of_knowledge();
    symlink(
        outside.path().join("secret.md"),
        dir.path().join("passwd.md"),
    )
    .unwrap();
    symlink(outside.path().join("share"), dir.path().join("share")).unwrap();
    let out = assert_refused(
        dir.path(),
        &[
            "passwd.md: this link leads outside the knowledge folder",
            "/share: this link leads outside the knowledge folder",
        ],
    );
    assert!(
        !out.contains("swordfish") && !out.contains("f1.md"),
        "{out}"
    );
    // `ask` refuses the folder instead of quoting the file.
    let o = bin()
        .args([
            "ask",
            "--knowledge",
            dir.path().to_str().unwrap(),
            "what is nologin",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(!String::from_utf8_lossy(&o.stdout).contains("swordfish"));
}

#[test]
fn a_second_name_for_a_file_or_folder_inside_is_read_once() {
    let dir = copy_of_knowledge();
    symlink("spider-veins-and-exercise.md", dir.path().join("again.md")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink("sub", dir.path().join("also-sub")).unwrap();
    let (ok, out) = check(dir.path());
    assert!(ok, "{out}");
    assert!(!out.contains("repeats"), "{out}");
    assert!(
        out.contains("again.md: the same file or folder as spider-veins-and-exercise.md"),
        "{out}"
    );
    assert!(
        out.contains("also-sub: the same file or folder as sub"),
        "{out}"
    );
}

/// Kubernetes mounts a ConfigMap as files that link through `..data` to a hidden folder.
fn configmap(dir: &Path, version: &str, document: &str) {
    let real = dir.join(version);
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("clinic.md"), document).unwrap();
    let tmp = dir.join("..data_tmp");
    symlink(version, &tmp).unwrap();
    std::fs::rename(&tmp, dir.join("..data")).unwrap();
    if !dir.join("clinic.md").exists() {
        symlink("..data/clinic.md", dir.join("clinic.md")).unwrap();
    }
}

#[test]
fn a_configmap_mount_is_read_through_its_links() {
    let dir = tempfile::tempdir().unwrap();
    configmap(
        dir.path(),
        "..2026_11_30_10_00_00.1",
        "# Clinic\n\n## Laser\n\nLaser treatment uses focused light on the vein.\n",
    );
    let (ok, out) = check(dir.path());
    assert!(ok, "{out}");
    assert!(out.contains("documents:      1"), "{out}");
    assert!(out.contains("..data: hidden"), "{out}");
    let loaded = Knowledge::read(dir.path());
    assert_eq!(loaded.knowledge.passages[0].id.0, "clinic#laser-1");
}

#[test]
fn hidden_files_backups_and_pipes_are_skipped_and_listed() {
    let dir = copy_of_knowledge();
    let doc = "# Old\n\n## Old\n\nAn old draft that must not be quoted to patients.\n";
    for name in [".draft.md", "notes.md~", ".notes.md.swp", "#notes.md#"] {
        std::fs::write(dir.path().join(name), doc).unwrap();
    }
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git/x.md"), doc).unwrap();
    let fifo = dir.path().join("pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket.md")).unwrap();
    let (ok, out) = check(dir.path());
    assert!(ok, "a pipe is skipped, never opened: {out}");
    for line in [
        ".draft.md: hidden",
        ".git: hidden",
        "notes.md~: an editor's backup",
        ".notes.md.swp: hidden",
        "#notes.md#: an editor's backup",
        "pipe.md: not a regular file",
        "socket.md: not a regular file",
    ] {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    assert!(out.contains("documents:      1"), "{out}");
}

#[test]
fn a_pipe_among_the_clinic_cases_is_refused_not_waited_for() {
    let dir = copy_of_knowledge();
    std::fs::create_dir(dir.path().join("cases")).unwrap();
    let fifo = dir.path().join("cases/stuck.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert_refused(dir.path(), &["stuck.toml: this is not a regular file"]);
}

#[test]
fn a_binary_md_file_is_refused_with_its_line() {
    let dir = copy_of_knowledge();
    let mut bytes = b"# Scan\n\nline two\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(100_000));
    std::fs::write(dir.path().join("scan.md"), bytes).unwrap();
    assert_refused(
        dir.path(),
        &["scan.md line 5: this file is not saved as UTF-8"],
    );
}

#[test]
fn a_file_just_past_the_size_limit_is_refused_before_it_is_read() {
    let dir = copy_of_knowledge();
    // Sparse: no disk or memory is used unless something reads it.
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(limits::FILE_BYTES + 1).unwrap();
    assert_refused(
        dir.path(),
        &["big.md: this file is 4.0 MB, over the limit of 4 MB for one file"],
    );
}

#[test]
fn a_hundred_thousand_tiny_paragraphs_load_at_the_passage_limit_and_one_more_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = |n: usize| -> String {
        std::iter::once("# Tiny\n\n".to_string())
            .chain((0..n).map(|i| format!("Tiny paragraph number {i} here.\n\n")))
            .collect()
    };
    std::fs::write(dir.path().join("tiny.md"), paragraphs(limits::PASSAGES)).unwrap();
    let (ok, out) = check(dir.path());
    assert!(ok, "{}", &out[..out.len().min(2_000)]);
    assert!(out.contains("passages:       100000"), "{}", &out[..600]);

    std::fs::write(dir.path().join("tiny.md"), paragraphs(limits::PASSAGES + 1)).unwrap();
    assert_refused(
        dir.path(),
        &["tiny.md: the documents hold more than 100,000 passages, the limit"],
    );
}

/// A folder of `files` documents of `bytes` each (distinct text, so nothing repeats).
fn documents(dir: &Path, files: usize, bytes: usize) {
    for f in 0..files {
        let mut text = format!("# Document {f}\n\n");
        let mut p = 0;
        while text.len() < bytes {
            text.push_str(&format!("Paragraph {p} of document {f} about veins.\n\n"));
            p += 1;
        }
        text.truncate(bytes - 1);
        text.push('\n');
        std::fs::write(dir.join(format!("doc-{f}.md")), text).unwrap();
    }
}

#[test]
fn each_limit_is_reached_exactly_and_one_more_is_refused_naming_it() {
    let small = Limits {
        file_bytes: 2_000,
        folder_bytes: 6_000,
        files: 3,
        passages: 150,
        ..Limits::default()
    };
    let errors_under = |dir: &Path, limits: &Limits| -> Vec<String> {
        Knowledge::read_with(dir, limits)
            .problems
            .iter()
            .filter(|p| p.severity == spider_vein_bot::knowledge::Severity::Error)
            .map(ToString::to_string)
            .collect()
    };
    let errors = |dir: &Path| errors_under(dir, &small);
    // Three files of 2,000 bytes: at the file, folder and file-count limits.
    let dir = tempfile::tempdir().unwrap();
    documents(dir.path(), 3, 2_000);
    assert_eq!(errors(dir.path()), Vec::<String>::new());

    documents(dir.path(), 1, 2_001);
    assert_eq!(
        errors(dir.path()),
        [format!(
            "error: {}: this file is 2.0 KB, over the limit of 2.0 KB for one file: split it into several documents",
            dir.path().join("doc-0.md").display()
        )]
    );

    let dir = tempfile::tempdir().unwrap();
    documents(dir.path(), 3, 2_000);
    std::fs::write(dir.path().join("synonyms.toml"), "\n").unwrap();
    let e = errors(dir.path());
    assert!(
        e.iter()
            .any(|e| e.contains("more than 3 files and folders, the limit")),
        "{e:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    documents(dir.path(), 2, 2_000);
    std::fs::write(dir.path().join("synonyms.toml"), "#".repeat(2_001)).unwrap();
    let e = errors(dir.path());
    assert!(
        e.iter().any(|e| e.contains("synonyms.toml: this file is")),
        "{e:?}"
    );
    std::fs::write(dir.path().join("synonyms.toml"), "#".repeat(1_999) + "\n").unwrap();
    std::fs::write(
        dir.path().join("doc-9.md"),
        "# x\n\nSome text here at last.\n",
    )
    .unwrap();
    let e = errors_under(dir.path(), &Limits { files: 10, ..small });
    assert!(
        e.iter()
            .any(|e| e.contains("over the limit of 5.9 KB together")),
        "{e:?}"
    );

    let passages = |n: usize| Limits {
        passages: n,
        ..small
    };
    let dir = tempfile::tempdir().unwrap();
    documents(dir.path(), 1, 2_000);
    let n = Knowledge::read(dir.path()).knowledge.passages.len();
    assert!(!Knowledge::read_with(dir.path(), &passages(n)).has_errors());
    let over = Knowledge::read_with(dir.path(), &passages(n - 1));
    assert!(
        over.problems.iter().any(|p| p
            .message
            .contains(&format!("more than {} passages, the limit", n - 1))),
        "{:?}",
        over.problems
    );
}

#[test]
fn a_file_deleted_after_the_folder_is_listed_is_left_for_the_next_reload() {
    let dir = copy_of_knowledge();
    let gone = dir.path().join("gone.md");
    let read = spider_vein_bot::knowledge::read::read_text_within(&gone, &gone, 100);
    assert!(matches!(
        read,
        spider_vein_bot::knowledge::read::Read::Vanished
    ));
}

#[test]
fn a_passage_that_just_fits_one_telegram_answer_loads_and_one_more_character_does_not() {
    let dir = copy_of_knowledge();
    let write = |chars: usize| {
        let text = format!("Long {}", "x".repeat(chars - 5));
        std::fs::write(
            dir.path().join("long.md"),
            format!("# Long\n\n## Long\n\n{text}\n"),
        )
        .unwrap();
    };
    let too_long = |dir: &Path| -> Option<usize> {
        Knowledge::read(dir).problems.iter().find_map(|p| {
            let (_, rest) = p.message.split_once("for one Telegram message (")?;
            rest.split_once(" of 4096")?.0.parse().ok()
        })
    };
    write(4_000);
    let total = too_long(dir.path()).expect("4,000 characters and the wording are too long");
    let fits = 4_000 - (total - 4_096);
    write(fits);
    assert_eq!(too_long(dir.path()), None, "exactly 4,096 with the wording");
    write(fits + 1);
    assert_eq!(too_long(dir.path()), Some(4_097));
}
