//! The staff page over HTTP on 127.0.0.1: log-in required, a wrong token refused, requests
//! from another site refused, HTML escaped on every page, a saved case that `eval` runs, and
//! a reload from the page that swaps the engine the bot answers from.

#[path = "support/fake_bot_api.rs"]
mod fake_bot_api;
#[path = "support/staff_client.rs"]
mod staff_client;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{LOCATION, ORIGIN, SET_COOKIE};
use spider_vein_bot::reload::{self, Reloader};
use spider_vein_bot::staff::{self, CASES_FILE, Options, Running};
use spider_vein_bot::{Engine, ReplyKind};

use staff_client::{StaffClient, http, session_cookie};

const TOKEN: &str = "a-long-staff-token-for-tests-0123";
const HOSTILE: &str = "<script>alert(1)</script>";

/// A folder whose documents, synonyms and log hold HTML, as a careless or hostile copy might.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("laser.md"),
        format!(
            "---\ntitle: Laser {HOSTILE} Aftercare\nsource: Leaflet <b>LA-2</b>\nlast_reviewed: 2026-11-20\n---\n\n\
             # Laser Aftercare\n\n## Sun {HOSTILE} exposure\n\n\
             Avoid direct sun on the treated area for two weeks after laser treatment {HOSTILE}.\n\n\
             ## Bathing\n\nA warm shower is fine the day after laser treatment.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("synonyms.toml"),
        format!("[synonyms]\n\"sunbathing\" = [\"sun\"]\n\"{HOSTILE}\" = [\"sun\"]\n"),
    )
    .unwrap();
    dir
}

struct Page {
    running: Running,
    reloader: Reloader,
    base: String,
}

fn start(dir: &Path, log: Option<&Path>) -> Page {
    let engine = reload::shared(Engine::load(dir).expect("the folder loads"));
    let reloader = Reloader::new(dir, engine);
    let running = staff::start(Options {
        addr: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.to_string(),
        reloader: reloader.clone(),
        unanswered_log: log.map(Path::to_path_buf),
    })
    .expect("the staff page starts");
    let base = format!("http://{}", running.addr());
    Page {
        running,
        reloader,
        base,
    }
}

#[tokio::test]
async fn every_page_needs_a_log_in() {
    let dir = folder();
    let page = start(dir.path(), None);
    let http = http();
    for path in ["/", "/try?q=sun", "/cases", "/unanswered"] {
        let r = http
            .get(format!("{}{path}", page.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.headers()[LOCATION], "/login", "{path}");
    }
    for path in ["/reload", "/cases", "/logout"] {
        let r = http
            .post(format!("{}{path}", page.base))
            .header(ORIGIN, &page.base)
            .form(&[("question", "sun after laser"), ("csrf", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
    }
    assert!(!dir.path().join("cases").exists());
    // A session cookie that was never handed out opens nothing either.
    let r = http
        .get(format!("{}/", page.base))
        .header("cookie", "staff_session=00ff")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The log-in form itself is open, with a password field.
    let form = http
        .get(format!("{}/login", page.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("type=\"password\""), "{form}");
}

#[tokio::test]
async fn a_wrong_token_is_refused_and_the_right_one_gives_a_strict_cookie() {
    let dir = folder();
    let page = start(dir.path(), None);
    let http = http();
    let login = |token: &'static str, tls: bool| {
        let mut r = http
            .post(format!("{}/login", page.base))
            .header(ORIGIN, &page.base)
            .form(&[("token", token)]);
        if tls {
            r = r.header("x-forwarded-proto", "https");
        }
        r.send()
    };
    for wrong in [
        "",
        "a-long-staff-token-for-tests-012",
        "a-long-staff-token-for-tests-01234",
        "A-long-staff-token-for-tests-0123",
    ] {
        let r = login(wrong, false).await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{wrong:?}");
        assert!(session_cookie(r.headers()).is_none());
        assert!(r.text().await.unwrap().contains("not the staff token"));
    }
    let r = login(TOKEN, false).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    let r = login(TOKEN, true).await.unwrap();
    let cookie = r.headers()[SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.contains("Secure"), "over TLS: {cookie}");

    // Logging out ends the session.
    let client = StaffClient::login(&page.base, TOKEN).await;
    assert_eq!(client.get("/").await.0, StatusCode::OK);
    assert_eq!(client.post("/logout", &[]).await.0, StatusCode::SEE_OTHER);
    assert_eq!(client.get("/").await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn requests_from_another_site_are_refused() {
    let dir = folder();
    let page = start(dir.path(), None);
    let client = StaffClient::login(&page.base, TOKEN).await;
    let csrf = client.csrf.clone();
    let question = ("question", "can I go in the sun after laser");
    // Another site's page posting with the staff member's cookie (had the browser sent it).
    let (status, _) = client
        .post_as(
            "/cases",
            &[question, ("csrf", &csrf)],
            Some("http://evil.example"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The page's own origin, but no CSRF token, or a wrong one.
    for token in ["", "0123"] {
        let (status, _) = client
            .post_as("/cases", &[question, ("csrf", token)], Some(&page.base))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = client
            .post_as("/reload", &[("csrf", token)], Some(&page.base))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    // The browser says another site sent it.
    let r = client
        .http
        .post(format!("{}/reload", page.base))
        .header("cookie", &client.cookie)
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(!dir.path().join("cases").exists(), "nothing was saved");
    assert!(page.reloader.last().is_none(), "nothing was reloaded");
    // Nor can another site log a browser in.
    let r = client
        .http
        .post(format!("{}/login", page.base))
        .header(ORIGIN, "http://evil.example")
        .form(&[("token", TOKEN)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // And the page cannot be framed by one.
    let r = client
        .http
        .get(format!("{}/login", page.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

/// No raw `<script>` anywhere, and the escaped text where the hostile value is shown.
fn assert_escaped(path: &str, page: &str) {
    assert!(!page.contains("<script"), "{path} holds raw HTML:\n{page}");
    assert!(!page.contains("<b>LA-2"), "{path} holds raw HTML");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{path} does not show the text:\n{page}"
    );
}

#[tokio::test]
async fn every_page_shows_html_in_documents_and_questions_as_text() {
    let dir = folder();
    let log = dir.path().join("unanswered.jsonl");
    std::fs::write(
        &log,
        format!(
            "{{\"time\":\"2026-11-28T10:00:00Z\",\"reason\":\"fallback\",\"question\":\"is {HOSTILE} covered\"}}\n\
             {{\"time\":\"2026-11-29T10:00:00Z\",\"reason\":\"not_helpful\",\"question\":\"sun {HOSTILE}\"}}\n"
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("cases")).unwrap();
    std::fs::write(
        dir.path().join("cases/hostile.toml"),
        format!("[[case]]\nquestion = \"{HOSTILE} sun after laser\"\nexpect = \"fallback\"\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("laser.md~"), "an editor's backup").unwrap();
    std::fs::write(
        dir.path().join("help.md"),
        "# Help\n\n## When to seek help {.urgent}\n\nGo to the emergency department if the leg swells.\n",
    )
    .unwrap();
    let page = start(dir.path(), Some(&log));
    let client = StaffClient::login(&page.base, TOKEN).await;
    let (_, body) = client.get("/").await;
    assert!(
        body.contains("Skipped (not read)") && body.contains("laser.md~"),
        "{body}"
    );
    assert!(body.contains("help#when-to-seek-help-1"), "{body}");
    assert!(body.contains("reviewed 2026-11-20"), "{body}");
    let q = "/try?q=sun%20after%20laser%20%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for path in ["/", q, "/cases", "/unanswered"] {
        let (status, body) = client.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_escaped(path, &body);
    }
    // The try page shows the passage, verbatim but escaped, and why it was chosen.
    let (_, body) = client.get(q).await;
    assert!(body.contains("laser#sun-"), "{body}");
    assert!(body.contains("Passages considered"), "{body}");
    // The unanswered page counts per day, and nothing else about the patients.
    let (_, body) = client.get("/unanswered").await;
    assert!(
        body.contains("2026-11-28") && body.contains("2026-11-29"),
        "{body}"
    );
    assert!(body.contains("1 + 0") && body.contains("0 + 1"), "{body}");
}

#[tokio::test]
async fn the_try_page_shows_the_reply_and_why() {
    let dir = folder();
    let page = start(dir.path(), None);
    let client = StaffClient::login(&page.base, TOKEN).await;
    let (_, body) = client.get("/try?q=can+I+go+sunbathing+after+laser").await;
    assert!(body.contains("id=\"kind\">answer<"), "{body}");
    assert!(body.contains("Avoid direct sun"), "{body}");
    assert!(body.contains("chosen"), "{body}");
    let (_, body) = client.get("/try?q=does+laser+cost+much+in+florida").await;
    assert!(body.contains("id=\"kind\">fallback<"), "{body}");
    assert!(body.contains("(in no document)"), "{body}");
    let (_, body) = client
        .get("/try?q=my+leg+is+swollen+hot+and+painful+after+laser")
        .await;
    assert!(body.contains("id=\"kind\">urgent<"), "{body}");
    assert!(
        body.contains("Urgent because of the warning-sign rule"),
        "{body}"
    );
    assert!(body.contains("before any document is searched"), "{body}");
    let (_, body) = client.get("/unanswered").await;
    assert!(body.contains("log is off"), "{body}");
}

#[tokio::test]
async fn a_saved_case_is_valid_toml_that_eval_runs() {
    let dir = folder();
    let page = start(dir.path(), None);
    let client = StaffClient::login(&page.base, TOKEN).await;
    let question = "can I go \"sunbathing\" after laser?";
    let (status, body) = client.post("/cases", &[("question", question)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Saved as a case"), "{body}");
    let (_, body) = client.post("/cases", &[("question", question)]).await;
    assert!(body.contains("already a case"), "{body}");
    let (_, body) = client.post("/cases", &[("question", "hello")]).await;
    assert!(body.contains("Saved as a case"), "{body}");

    let file = dir.path().join("cases").join(CASES_FILE);
    let text = std::fs::read_to_string(&file).unwrap();
    let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
    let cases = parsed["case"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0]["question"].as_str(), Some(question));
    assert_eq!(cases[0]["expect"].as_str(), Some("answer"));
    assert_eq!(
        cases[1]["expect"].as_str(),
        Some(ReplyKind::SmallTalk.as_str())
    );

    let eval = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"))
        .env_remove("KNOWLEDGE_DIR")
        .args(["eval", "--knowledge"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&eval.stdout);
    assert!(eval.status.success(), "{out}");
    assert!(out.contains("2 passed, 0 failed"), "{out}");
    // The cases page runs it too.
    let (_, body) = client.get("/cases").await;
    assert!(body.contains("2 passed"), "{body}");
}

#[tokio::test]
async fn reloading_from_the_page_swaps_the_engine() {
    let dir = folder();
    let page = start(dir.path(), None);
    let client = StaffClient::login(&page.base, TOKEN).await;
    let engine = page.reloader.engine().clone();
    std::fs::write(
        dir.path().join("stockings.md"),
        "# Compression Stockings\n\n## Wearing them\n\nWear compression stockings for a week after sclerotherapy.\n",
    )
    .unwrap();
    let before = engine.load_full();
    assert_ne!(
        before
            .answer("how long do I wear compression stockings")
            .kind,
        ReplyKind::Answer
    );
    let (status, body) = client.post("/reload", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Reloaded: loaded 2 document(s)"), "{body}");
    let after = engine.load_full();
    assert!(!std::sync::Arc::ptr_eq(&before, &after), "a new engine");
    assert!(
        after
            .answer("how long do I wear compression stockings")
            .text
            .contains("for a week after sclerotherapy")
    );
    let (_, body) = client
        .get("/try?q=how+long+do+I+wear+compression+stockings")
        .await;
    assert!(body.contains("for a week after sclerotherapy"), "{body}");

    // A broken change is refused, and the bot keeps the last good engine.
    std::fs::write(dir.path().join("synonyms.toml"), "[synonyms\n").unwrap();
    let (_, body) = client.post("/reload", &[]).await;
    assert!(body.contains("NOT reloaded"), "{body}");
    assert!(body.contains("synonyms.toml line 1"), "{body}");
    assert!(std::sync::Arc::ptr_eq(&after, &engine.load_full()));
    let (_, body) = client.get("/").await;
    assert!(body.contains("REFUSED"), "{body}");
    drop(page.running);
}

#[test]
fn the_page_refuses_to_start_without_a_token() {
    let out = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"))
        .env_remove("STAFF_TOKEN")
        .env_remove("KNOWLEDGE_DIR")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["chat", "--staff-addr", "127.0.0.1:0"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("STAFF_TOKEN"), "{err}");
    let dir = folder();
    let engine = reload::shared(Engine::load(dir.path()).unwrap());
    let options = |token: &str| Options {
        addr: "127.0.0.1:0".parse().unwrap(),
        token: token.to_string(),
        reloader: Reloader::new(Path::new("."), engine.clone()),
        unanswered_log: None,
    };
    assert!(matches!(
        staff::start(options("")),
        Err(staff::StaffError::NoToken)
    ));
    assert!(matches!(
        staff::start(options("short")),
        Err(staff::StaffError::ShortToken(5))
    ));
}

/// The binary, killed when the test ends however it ends.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// Logs in at `base` as soon as the page answers (within 20 s) and tries a question.
async fn try_question_at(base: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    while http().get(format!("{base}/login")).send().await.is_err() {
        assert!(
            Instant::now() < deadline,
            "the staff page at {base} never answered"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let client = StaffClient::login(base, TOKEN).await;
    let (status, body) = client
        .get("/try?q=how+many+sclerotherapy+sessions+will+I+need")
        .await;
    assert_eq!(status, StatusCode::OK);
    body
}

fn bot(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_spider-vein-bot"));
    c.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("KNOWLEDGE_DIR", "knowledge")
        .env("STAFF_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .env_remove("STAFF_ADDR")
        .env_remove("LOG_UNANSWERED")
        .env_remove("HEALTH_ADDR")
        .env_remove("WEBHOOK_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    c
}

#[tokio::test]
async fn chat_and_telegram_both_serve_the_page() {
    // `chat`, with the address from STAFF_ADDR; it runs until its input ends.
    let port = free_port();
    let chat = bot(&["chat"])
        .env("STAFF_ADDR", format!("127.0.0.1:{port}"))
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut chat = Process(chat);
    let body = try_question_at(&format!("http://127.0.0.1:{port}")).await;
    assert!(body.contains("three to four"), "{body}");
    drop(chat.0.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    while chat.0.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "chat did not end with its input");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // `telegram`, with a port alone on the command line: 127.0.0.1.
    let api = fake_bot_api::FakeBotApi::start().await;
    let state = tempfile::tempdir().unwrap();
    let port = free_port();
    let telegram = bot(&["telegram", "--staff-addr", &port.to_string()])
        .env(
            "TELOXIDE_TOKEN",
            "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        )
        .env("TELOXIDE_API_URL", api.url())
        .env("STATE_DIR", state.path())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let _telegram = Process(telegram);
    let body = try_question_at(&format!("http://127.0.0.1:{port}")).await;
    assert!(body.contains("three to four"), "{body}");
    api.stop().await;
}

/// The try page's explanation is the one behind the reply: for every regression question,
/// the passage the analysis chose is the passage quoted, and only triage and small talk
/// come without an analysis.
#[test]
fn the_explanation_agrees_with_the_reply_for_every_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::load(&root.join("knowledge")).unwrap();
    let (cases, _) = spider_vein_bot::eval::load(&[root.join("tests/cases")]);
    assert!(cases.len() > 100);
    for case in &cases {
        let (reply, analysis) = engine.answer_explained(&case.question);
        assert_eq!(reply, engine.answer(&case.question), "{}", case.question);
        match analysis {
            Some(a) => {
                let chosen = a
                    .chosen
                    .map(|i| &engine.knowledge().passages[a.candidates[i].passage].id);
                assert_eq!(
                    chosen,
                    reply.passage.as_ref().map(|p| &p.id),
                    "{}",
                    case.question
                );
            }
            None => assert!(
                matches!(reply.kind, ReplyKind::Urgent | ReplyKind::SmallTalk)
                    || (reply.kind == ReplyKind::Fallback && reply.confidence == 0.0),
                "{}",
                case.question
            ),
        }
    }
}
