//! The staff page in a real browser: headless Chromium, driven through chromedriver's
//! WebDriver HTTP API on 127.0.0.1, logs in, asks a question, sees the answer and the
//! explanation, and saves the question as a case.
//!
//! Needs Debian's `chromium` and `chromium-driver`. Without them the test says it was skipped
//! and why, unless `STAFF_BROWSER_TEST=required` (set by `.ci/run`, which installs them), when
//! a missing browser fails it. `STAFF_SCREENSHOT=FILE.png` also saves a screenshot of the
//! answered question (the README's picture is made this way).

#[path = "support/staff_client.rs"]
mod staff_client;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};
use spider_vein_bot::Engine;
use spider_vein_bot::reload::{self, Reloader};
use spider_vein_bot::staff::{self, CASES_FILE, Options};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const TOKEN: &str = "browser-test-staff-token-7f3a9c";
/// The flags that let headless Chromium run in a container, quietly and offline.
const FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
];
/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Kills chromedriver (our own child) when the test ends, however it ends.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

async fn start_driver(http: &reqwest::Client) -> Driver {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ready = http.get(format!("{}/status", driver.url)).send().await;
        if let Ok(r) = ready
            && let Ok(v) = r.json::<Value>().await
            && v["value"]["ready"] == true
        {
            return driver;
        }
        assert!(Instant::now() < deadline, "chromedriver did not get ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One browser session.
struct Browser {
    http: reqwest::Client,
    session: String,
}

impl Browser {
    async fn call(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        let mut request = self.http.request(method.clone(), &url);
        if method != reqwest::Method::GET {
            request = request.json(&body);
        }
        let r = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("WebDriver {path}: {e}"));
        let status = r.status();
        let v: Value = r.json().await.expect("WebDriver answers JSON");
        assert!(status.is_success(), "WebDriver {path}: {status} {v}");
        v["value"].clone()
    }

    async fn go(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", json!({ "url": url }))
            .await;
    }

    /// The element matching `css`, waiting for it to appear (a page loading after a click).
    async fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self
                .http
                .post(format!("{}/element", self.session))
                .json(&json!({ "using": "css selector", "value": css }))
                .send()
                .await
                .expect("WebDriver answers");
            if r.status().is_success() {
                let v: Value = r.json().await.expect("JSON");
                return v["value"][ELEMENT]
                    .as_str()
                    .expect("an element id")
                    .to_string();
            }
            assert!(Instant::now() < deadline, "no element {css} on the page");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{e}/click"),
            json!({}),
        )
        .await;
    }

    async fn text(&self, css: &str) -> String {
        let e = self.find(css).await;
        self.call(
            reqwest::Method::GET,
            &format!("/element/{e}/text"),
            json!({}),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    async fn screenshot(&self, file: &Path) {
        let png = self
            .call(reqwest::Method::GET, "/screenshot", json!({}))
            .await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64"))
            .expect("a PNG");
        std::fs::write(file, bytes).expect("the screenshot is written");
    }
}

/// A copy of the shipped knowledge folder (its cases too), for the test to save a case into.
fn copy_of_knowledge() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        dir.path(),
    );
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_logs_in_asks_and_saves_a_case() {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if !missing.is_empty() {
        let required = std::env::var("STAFF_BROWSER_TEST").is_ok_and(|v| v == "required");
        assert!(
            !required,
            "STAFF_BROWSER_TEST=required, but {} is missing (apt-get install chromium chromium-driver)",
            missing.join(" and ")
        );
        eprintln!(
            "SKIPPED a_browser_logs_in_asks_and_saves_a_case: {} not installed \
             (apt-get install chromium chromium-driver; .ci/run installs them and requires this test)",
            missing.join(" and ")
        );
        return;
    }

    let dir = copy_of_knowledge();
    let engine = reload::shared(Engine::load(dir.path()).expect("the knowledge loads"));
    let page = staff::start(Options {
        addr: "127.0.0.1:0".parse().unwrap(),
        token: TOKEN.to_string(),
        reloader: Reloader::new(dir.path(), engine),
        unanswered_log: None,
    })
    .expect("the staff page starts");
    let base = format!("http://{}", page.addr());

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let driver = start_driver(&http).await;
    let profile = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.push("--window-size=1100,1500".to_string());
    let created: Value = http
        .post(format!("{}/session", driver.url))
        .json(&json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        }}}))
        .send()
        .await
        .expect("chromedriver answers")
        .json()
        .await
        .expect("JSON");
    let id = created["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no browser session: {created}"));
    let browser = Browser {
        http: http.clone(),
        session: format!("{}/session/{id}", driver.url),
    };

    // Every page sends the browser to the log-in form first.
    browser.go(&format!("{base}/try")).await;
    browser.type_into("#token", TOKEN).await;
    browser.click("main.login button[type=submit]").await;
    assert!(browser.text("nav").await.contains("Try a question"));

    browser.go(&format!("{base}/try")).await;
    // Not one of the clinic's cases already, so that it can be saved as a new one.
    let question = "How many sessions of sclerotherapy do people usually need";
    browser.type_into("#q", question).await;
    browser.click("form.ask button[type=submit]").await;
    assert_eq!(browser.text("#kind").await, "answer");
    let reply = browser.text("pre.reply").await;
    assert!(reply.contains("three to four"), "{reply}");
    let why = browser.text("#why").await;
    assert!(why.contains("Passages considered"), "{why}");
    assert!(
        why.contains("spider-veins-and-exercise#professional-treatments-for-removal-2"),
        "{why}"
    );
    assert!(why.contains("sclerotherapy"), "{why}");
    if let Some(file) = std::env::var_os("STAFF_SCREENSHOT") {
        let file = PathBuf::from(file);
        browser.screenshot(&file).await;
        // And as a phone shows it: FILE-phone.png.
        let rect = json!({ "width": 412, "height": 1400 });
        browser
            .call(reqwest::Method::POST, "/window/rect", rect)
            .await;
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        browser
            .screenshot(&file.with_file_name(format!("{stem}-phone.png")))
            .await;
    }

    browser.click("#save").await;
    let saved = browser.text("#saved").await;
    assert!(saved.contains("Saved as a case"), "{saved}");
    let file = dir.path().join("cases").join(CASES_FILE);
    let text = std::fs::read_to_string(&file).expect("the case file");
    assert!(text.contains(question), "{text}");
    assert!(
        text.contains("spider-veins-and-exercise#professional-treatments-for-removal-2"),
        "{text}"
    );

    let _ = http.delete(&browser.session).send().await;
    drop(driver);
    drop(page);
}
