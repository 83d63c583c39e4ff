//! A browser-like client of the staff page for the tests and the benchmark: it logs in with
//! the token, keeps the session cookie, and sends the page's CSRF token and `Origin` header
//! with every POST, as a browser on the page would.
#![allow(dead_code)]

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{COOKIE, HeaderMap, LOCATION, ORIGIN, SET_COOKIE};

pub struct StaffClient {
    pub http: reqwest::Client,
    pub base: String,
    /// `staff_session=...`, as sent back.
    pub cookie: String,
    pub csrf: String,
}

/// A client that never follows redirects (tests look at them) and never waits long.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client")
}

/// The value of `<input type="hidden" name="csrf" value="...">` in a page.
pub fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(page[at..].split('"').next()?.to_string())
}

/// The `name=value` part of the session cookie set by a response.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("staff_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

impl StaffClient {
    /// Logs in at `base` (`http://127.0.0.1:PORT`) and reads the CSRF token off the first page.
    pub async fn login(base: &str, token: &str) -> StaffClient {
        let http = http();
        let r = http
            .post(format!("{base}/login"))
            .header(ORIGIN, base)
            .form(&[("token", token)])
            .send()
            .await
            .expect("the staff page answers");
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "log-in refused");
        let cookie = session_cookie(r.headers()).expect("a session cookie");
        let mut client = StaffClient {
            http,
            base: base.to_string(),
            cookie,
            csrf: String::new(),
        };
        let (_, page) = client.get("/try").await;
        client.csrf = csrf_of(&page).expect("a CSRF token in the page");
        client
    }

    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .send()
            .await
            .expect("the staff page answers");
        (r.status(), r.text().await.unwrap_or_default())
    }

    /// A form POST from the page itself: session, `Origin` and the CSRF token.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let mut fields = form.to_vec();
        fields.push(("csrf", &self.csrf));
        self.post_as(path, &fields, Some(&self.base)).await
    }

    /// A form POST with the session cookie, the fields given and `origin` as the Origin.
    pub async fn post_as(
        &self,
        path: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> (StatusCode, String) {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header(COOKIE, &self.cookie)
            .form(form);
        if let Some(origin) = origin {
            request = request.header(ORIGIN, origin);
        }
        let r = request.send().await.expect("the staff page answers");
        let status = r.status();
        let location = r
            .headers()
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_string);
        let body = r.text().await.unwrap_or_default();
        (status, location.unwrap_or(body))
    }
}
