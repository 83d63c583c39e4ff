//! Runs the `spider-vein-bot` binary the way staff and CI do: `ask`, `chat`, `check`, `eval`
//! and `passages`, on the real knowledge folder and on broken copies in temporary folders.

#[path = "support/folder.rs"]
mod folder;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"));
    c.env_remove("KNOWLEDGE_DIR")
        .env_remove("TELOXIDE_TOKEN")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn knowledge() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

fn copy_of_knowledge() -> tempfile::TempDir {
    folder::copy_of_knowledge(folder::Copy::Files)
}

fn check(dir: &Path) -> (bool, String) {
    let o = run(&["check", "--knowledge", dir.to_str().unwrap()]);
    (o.status.success(), stdout(&o))
}

#[test]
fn ask_quotes_the_passage_verbatim_with_source_and_disclaimer() {
    let o = run(&["ask", "how many sclerotherapy sessions will I need"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("Most patients require a few sessions, typically three to four"),
        "{text}"
    );
    assert!(
        text.contains("Professional Treatments for Removal"),
        "{text}"
    );
    assert!(text.contains("not a diagnosis"), "{text}");
}

#[test]
fn ask_json_reads_one_question_per_line() {
    let o = run_with_stdin(
        &["ask", "--format", "json"],
        "is hiking good for my veins\nwhat time is it in Tokyo\nmy chest feels tight and I'm gasping\nhello\n",
    );
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|v| v["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["answer", "fallback", "urgent", "smalltalk"]);
    assert_eq!(lines[2]["urgent_because"]["rule"]["id"], "pe-chest");
    assert!(lines[0]["urgent_because"].is_null());
    let answer = &lines[0];
    assert_eq!(answer["question"], "is hiking good for my veins");
    assert_eq!(
        answer["passage"]["id"],
        "spider-veins-and-exercise#the-role-of-exercise-in-vascular-health-3"
    );
    let passage_text = answer["passage"]["text"].as_str().unwrap();
    assert!(answer["reply"].as_str().unwrap().contains(passage_text));
    assert!(answer["confidence"].as_f64().unwrap() > 0.5);
    assert!(lines[1]["passage"].is_null());
    assert!(!lines[1]["suggestions"].as_array().unwrap().is_empty());
    assert!(lines[2]["reply"].as_str().unwrap().contains("emergency"));
}

fn run_with_stdin_bytes(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn ask_reports_a_line_that_is_not_utf8_and_answers_the_lines_after_it() {
    let input = b"hello\ncan I run with spider veins \xff\xfe\nis hiking good for my veins\n";
    let o = run_with_stdin_bytes(&["ask", "--format", "json"], input);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad line shows in the exit status"
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["kind"], "smalltalk");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(lines[2]["kind"], "answer");

    let o = run_with_stdin_bytes(&["ask"], input);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 2 of standard input is not UTF-8"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("calf and thigh muscles"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn chat_prints_what_the_patient_sees() {
    let o = run_with_stdin(
        &["chat"],
        "can exercise get rid of spider veins\n/quit\nnever read\n",
    );
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("Exercise cannot remove existing spider veins"),
        "{text}"
    );
    assert!(!text.contains("never read"));
}

#[test]
fn knowledge_dir_comes_from_the_environment() {
    let empty = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["ask", "laser"])
        .env("KNOWLEDGE_DIR", empty.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no documents"),
        "{:?}",
        o
    );
}

#[test]
fn check_accepts_the_shipped_folder_and_counts_it() {
    let (ok, out) = check(&knowledge());
    assert!(ok, "{out}");
    assert!(out.contains("documents:      1"), "{out}");
    assert!(out.contains("passages:       9"), "{out}");
    assert!(out.contains("OK"), "{out}");
}

#[test]
fn check_json_is_machine_readable() {
    let o = run(&["check", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["passages"], 9);
    assert!(v["red_flag_rules"].as_u64().unwrap() >= 6);
}

#[test]
fn check_reports_a_non_utf8_document_with_its_line() {
    let dir = copy_of_knowledge();
    std::fs::write(
        dir.path().join("bad.md"),
        b"# Title\n\nfine line\n\xff\xfe broken\n",
    )
    .unwrap();
    let (ok, out) = check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("bad.md line 4") && out.contains("UTF-8"),
        "{out}"
    );
}

#[test]
fn check_reports_documents_without_passages_and_duplicates() {
    let dir = copy_of_knowledge();
    std::fs::write(dir.path().join("empty.md"), "# Only a title\n").unwrap();
    let seed = std::fs::read_to_string(dir.path().join("spider-veins-and-exercise.md")).unwrap();
    let para = seed
        .lines()
        .find(|l| l.starts_with("One common and effective treatment"))
        .unwrap();
    std::fs::write(dir.path().join("copy.md"), format!("# Copy\n\n{para}\n")).unwrap();
    let (ok, out) = check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("empty.md") && out.contains("no passages"),
        "{out}"
    );
    assert!(
        out.contains("copy.md line 3") && out.contains("repeats"),
        "{out}"
    );
}

#[test]
fn check_reports_a_passage_too_long_for_telegram() {
    let dir = copy_of_knowledge();
    std::fs::write(
        dir.path().join("long.md"),
        format!(
            "# Long\n\n## Part\n\n{}\n",
            "Words of a long paragraph. ".repeat(200)
        ),
    )
    .unwrap();
    let (ok, out) = check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("long.md line 5") && out.contains("too long"),
        "{out}"
    );
}

#[test]
fn check_reports_toml_errors_and_empty_wording_with_lines() {
    let dir = copy_of_knowledge();
    std::fs::write(
        dir.path().join("synonyms.toml"),
        "[synonyms]\nhiking = [\"walking\"\njogging = 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("replies.toml"),
        "[answer]\n\ndisclaimer = \"\"\n",
    )
    .unwrap();
    let (ok, out) = check(dir.path());
    assert!(!ok);
    assert!(
        out.contains("synonyms.toml line 3") && out.contains("not valid TOML"),
        "{out}"
    );
    assert!(
        out.contains("replies.toml line 3") && out.contains("never left empty"),
        "{out}"
    );
}

#[test]
fn check_warns_about_synonyms_pointing_nowhere() {
    let dir = copy_of_knowledge();
    std::fs::write(
        dir.path().join("synonyms.toml"),
        "[synonyms]\nhiking = [\"walking\"]\nstrolling = [\"promenading\"]\n",
    )
    .unwrap();
    let (ok, out) = check(dir.path());
    assert!(ok, "warnings do not fail the check: {out}");
    assert!(
        out.contains("synonyms.toml line 3") && out.contains("promenading"),
        "{out}"
    );
}

#[test]
fn the_program_never_crashes_on_a_missing_folder() {
    let o = run(&["check", "--knowledge", "/nonexistent/knowledge"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("does not exist"));
}

#[test]
fn eval_passes_the_repository_cases_and_fails_a_wrong_expectation() {
    let o = run(&["eval", "tests/cases"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains(" 0 failed"));

    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("wrong.toml");
    std::fs::write(&cases, "category = \"demo\"\n[[case]]\nquestion = \"recommend a movie\"\nexpect = \"answer\"\npassages = [\"spider-veins-and-exercise#understanding-spider-veins-1\"]\n").unwrap();
    let o = run(&["eval", cases.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("FAIL [demo] \"recommend a movie\"") && out.contains("got:      fallback"),
        "{out}"
    );
    assert!(out.contains("0 passed, 1 failed"), "{out}");
}

#[test]
fn eval_reports_unknown_passage_ids() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("ids.toml");
    std::fs::write(
        &cases,
        "[[case]]\nquestion = \"laser\"\nexpect = \"answer\"\npassages = [\"nope#missing-1\"]\n",
    )
    .unwrap();
    let o = run(&["eval", cases.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope#missing-1"));
}

#[test]
fn passages_lists_ids_and_explains_a_query() {
    let o = run(&["passages"]);
    assert!(stdout(&o).lines().count() == 9);
    let o = run(&["passages", "can I shave my legs after sclerotherapy"]);
    let out = stdout(&o);
    assert!(out.contains("Reply:    fallback"), "{out}");
    assert!(out.contains("shave (in no document)"), "{out}");
    // A common word may go unanswered, and where on the legs is the setting: both are said.
    let o = run(&[
        "passages",
        "what treatments are available for spider veins on my thighs",
    ]);
    let out = stdout(&o);
    assert!(out.contains("available (common, in no document)"), "{out}");
    assert!(out.contains("thighs (setting)"), "{out}");
}

/// Reads a child's stdout on a thread, so a test can wait for a line with a timeout.
fn lines_of(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for(rx: &std::sync::mpsc::Receiver<String>, needle: &str) -> bool {
    wait_for_any(rx, &[needle]) == Some(0)
}

/// Which of `needles` shows up first in the coming lines (10 s at most).
fn wait_for_any(rx: &std::sync::mpsc::Receiver<String>, needles: &[&str]) -> Option<usize> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(i) = needles.iter().position(|n| line.contains(n)) {
                    return Some(i);
                }
            }
            Err(_) => return None,
        }
    }
    None
}

#[test]
fn chat_picks_up_a_new_document_without_a_restart_and_survives_a_broken_one() {
    let dir = copy_of_knowledge();
    let log = dir.path().join("unanswered.jsonl");
    let mut child = bin()
        .args([
            "chat",
            "--knowledge",
            dir.path().to_str().unwrap(),
            "--log-unanswered",
            log.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rx = lines_of(&mut child);
    let question = "can I use a sauna after laser treatment\n";

    stdin.write_all(question.as_bytes()).unwrap();
    assert!(
        wait_for(&rx, "does not cover that question"),
        "first a fallback"
    );

    std::fs::write(
        dir.path().join("sauna.md"),
        "# Aftercare\n\n## Sauna after laser\n\nAvoid the sauna for one week after laser treatment.\n",
    )
    .unwrap();
    // The reload lands within seconds; ask until it has (bounded).
    let mut answered = false;
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(500));
        stdin.write_all(question.as_bytes()).unwrap();
        if wait_for_any(&rx, &["Here is what", "does not cover that question"]) == Some(0) {
            answered = wait_for(&rx, "Avoid the sauna for one week");
            break;
        }
    }
    assert!(answered, "the new document answers without a restart");

    std::fs::write(dir.path().join("broken.md"), b"# Broken\n\n\xff\n").unwrap();
    std::thread::sleep(std::time::Duration::from_secs(2));
    stdin.write_all(question.as_bytes()).unwrap();
    assert!(
        wait_for(&rx, "Avoid the sauna for one week"),
        "still answers from the last good knowledge"
    );
    drop(stdin);
    assert!(child.wait().unwrap().success());

    let logged = std::fs::read_to_string(&log).unwrap();
    // Only fallbacks are logged (the answers after the reload are not), with no user id.
    assert!(logged.lines().count() >= 1, "{logged}");
    for line in logged.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["reason"], "fallback");
        assert_eq!(v["question"], question.trim_end());
        assert_eq!(
            v.as_object().unwrap().len(),
            3,
            "time, reason and question only: {line}"
        );
    }
}

#[test]
fn report_groups_the_unanswered_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("u.jsonl");
    std::fs::write(
        &log,
        concat!(
            "{\"time\":\"2026-11-01T10:00:00Z\",\"reason\":\"fallback\",\"question\":\"is a sauna bad after laser\"}\n",
            "{\"time\":\"2026-11-02T10:00:00Z\",\"reason\":\"fallback\",\"question\":\"sauna after laser?\"}\n",
            "{\"time\":\"2026-11-03T10:00:00Z\",\"reason\":\"not_helpful\",\"question\":\"does laser hurt\"}\n",
        ),
    )
    .unwrap();
    let o = run(&["report", log.to_str().unwrap()]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("Unanswered questions: 3 (2 fallback, 1 marked"),
        "{out}"
    );
    assert!(out.contains("2  sauna"), "{out}");
    assert!(out.contains("[2] is a sauna bad after laser"), "{out}");
}

#[test]
fn a_failing_clinic_case_names_the_expected_and_chosen_passages_and_how_to_accept() {
    let dir = copy_of_knowledge();
    std::fs::create_dir(dir.path().join("cases")).unwrap();
    let cases = dir.path().join("cases/clinic.toml");
    let mut text = std::fs::read_to_string(knowledge().join("cases/clinic.toml")).unwrap();
    text.push_str(
        "\n[[case]]\nquestion = \"what is sclerotherapy\"\nexpect = \"answer\"\npassages = [\"spider-veins-and-exercise#professional-treatments-for-removal-3\"]\n",
    );
    std::fs::write(&cases, text).unwrap();
    let (ok, out) = check(dir.path());
    assert!(!ok, "{out}");
    assert!(
        out.contains("expected an answer from spider-veins-and-exercise#professional-treatments-for-removal-3"),
        "{out}"
    );
    assert!(
        out.contains(
            "now gets an answer from spider-veins-and-exercise#professional-treatments-for-removal-2"
        ),
        "{out}"
    );
    assert!(out.contains("to the case's passages"), "{out}");
}

#[test]
fn check_lists_the_urgent_sections_and_ask_sends_the_urgent_reply_with_the_passage() {
    let dir = copy_of_knowledge();
    std::fs::write(
        dir.path().join("aftercare.md"),
        "# Aftercare\n\n## Walking\n\nWalk every day after sclerotherapy.\n\n## Get help now {.urgent}\n\nGo to hospital straight away if a lump on the treated vein becomes hot and very tender.\n",
    )
    .unwrap();
    let (ok, out) = check(dir.path());
    assert!(ok, "{out}");
    assert!(out.contains("Urgent sections"), "{out}");
    assert!(out.contains("aftercare#get-help-now-1"), "{out}");
    let o = run(&[
        "ask",
        "--knowledge",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "the lump on my treated vein is hot and tender",
    ]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["kind"], "urgent");
    assert_eq!(v["passage"]["id"], "aftercare#get-help-now-1");
    assert_eq!(
        v["urgent_because"]["section"]["passage"],
        "aftercare#get-help-now-1"
    );
}

/// The operator's mistakes in the Telegram settings are exit status 2 with a message saying
/// what to fix, before anything connects; the command line reads them, the library checks them.
#[test]
fn telegram_settings_are_checked_before_the_bot_starts() {
    let telegram = |env: &[(&str, &str)]| {
        let mut c = bin();
        c.arg("telegram")
            .env("RUST_LOG", "off")
            .env_remove("TELOXIDE_PROXY")
            .env_remove("TELOXIDE_API_URL")
            .env_remove("WEBHOOK_URL")
            .env_remove("HEALTH_ADDR");
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().expect("the binary runs")
    };
    let o = telegram(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("TELOXIDE_TOKEN is not set"));
    let o = telegram(&[("TELOXIDE_TOKEN", "your-token-here")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("TELOXIDE_TOKEN is malformed"));
    let token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    let o = telegram(&[("TELOXIDE_TOKEN", token), ("TELOXIDE_PROXY", "not a url")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("TELOXIDE_PROXY is not a valid URL"));
    let o = telegram(&[("TELOXIDE_TOKEN", token), ("HEALTH_ADDR", "nowhere")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--health-addr"));
}

/// `telegram --help` lists every setting, but never the token's or the webhook secret's value.
#[test]
fn telegram_help_never_shows_a_secret() {
    let o = bin()
        .args(["telegram", "--help"])
        .env(
            "TELOXIDE_TOKEN",
            "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        )
        .env("WEBHOOK_SECRET", "swordfish_secret")
        .output()
        .unwrap();
    assert!(o.status.success());
    let help = stdout(&o);
    for flag in [
        "--health-addr",
        "--webhook-secret",
        "--state-dir",
        "--admin-ids",
    ] {
        assert!(help.contains(flag), "{flag} in {help}");
    }
    assert!(help.contains("[env: WEBHOOK_SECRET]"), "{help}");
    assert!(!help.contains("swordfish_secret"), "{help}");
    assert!(!help.contains("AAHdq"), "{help}");
}

/// `passages ... | head` as staff would type it: when the reader stops, the command ends
/// quietly instead of panicking on the closed pipe.
#[test]
fn a_closed_output_pipe_ends_a_report_quietly() {
    for args in [
        &["passages", "is walking good for spider veins"][..],
        &["eval", "tests/cases"][..],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line: every write meets a closed pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
