//! Who may use the staff page: the token check (constant time), browser sessions kept in
//! memory behind an HttpOnly, SameSite=Strict cookie, and the checks against cross-site
//! requests that every state-changing request passes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN};
use axum_extra::extract::cookie::{Cookie, SameSite};
use subtle::ConstantTimeEq;

/// The shortest token accepted: 16 random characters are far beyond guessing over HTTP.
pub const MIN_TOKEN_CHARS: usize = 16;
/// The session cookie's name.
pub const COOKIE: &str = "staff_session";
/// A session lasts a working day; then staff log in again.
const SESSION_LIFETIME: Duration = Duration::from_secs(12 * 3600);
/// Sessions kept at once; past this the oldest is forgotten (a clinic has a few staff).
const MAX_SESSIONS: usize = 256;

/// Whether `given` is the token `secret`, in time that depends only on the secret's length,
/// never on where the two first differ or on how long `given` is: every byte of the secret
/// is compared (against a zero past the end of `given`) with `subtle`'s constant-time
/// operations, and the lengths are compared the same way. Nothing branches on a secret byte,
/// so a wrong token cannot be narrowed down by timing answers.
pub fn token_matches(secret: &[u8], given: &[u8]) -> bool {
    let mut same = (secret.len() as u64).ct_eq(&(given.len() as u64));
    for (i, s) in secret.iter().enumerate() {
        // `given`'s length is the attacker's own: branching on it reveals nothing secret.
        let g = given.get(i).copied().unwrap_or(0);
        same &= s.ct_eq(&g);
    }
    same.into()
}

/// A random value for a session id or a CSRF token: 32 bytes from the OS, as hex.
fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    // The OS's generator failing is a broken machine, not bad input.
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One logged-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    /// Sent back in every form; a request without it is refused (see [`csrf_ok`]).
    pub csrf: String,
    expires: Instant,
}

/// Logged-in browsers, in memory: a restart logs everyone out.
#[derive(Debug, Default)]
pub struct Sessions {
    by_id: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    pub fn create(&self) -> Session {
        let session = Session {
            id: random_hex(),
            csrf: random_hex(),
            expires: Instant::now() + SESSION_LIFETIME,
        };
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        map.retain(|_, s| s.expires > now);
        if map.len() >= MAX_SESSIONS
            && let Some(oldest) = map.values().min_by_key(|s| s.expires).map(|s| s.id.clone())
        {
            map.remove(&oldest);
        }
        map.insert(session.id.clone(), session.clone());
        session
    }

    /// The live session with this id. The id is the key of a hash map: looking it up
    /// compares hashes, not the id byte by byte against each session.
    pub fn get(&self, id: &str) -> Option<Session> {
        let mut map = self.by_id.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(id) {
            Some(s) if s.expires > Instant::now() => Some(s.clone()),
            Some(_) => {
                map.remove(id);
                None
            }
            None => None,
        }
    }

    pub fn remove(&self, id: &str) {
        self.by_id
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }
}

/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
/// sends it), and Secure when the page is reached over TLS.
pub fn session_cookie(id: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE, id))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .build()
}

/// The page is reached over TLS: the bot serves plain HTTP, so that means a TLS-terminating
/// proxy in front of it that says so (`X-Forwarded-Proto: https`, or `Forwarded: proto=https`).
pub fn over_tls(headers: &HeaderMap) -> bool {
    let forwarded_proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let forwarded = headers
        .get("forwarded")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("proto=https"));
    forwarded_proto || forwarded
}

/// The request comes from the staff page itself, not from another site: the browser's
/// `Sec-Fetch-Site` (when sent) says same-origin, or the user typed it; and the `Origin`
/// (when sent) is the host the request went to. Browsers send at least one of them with
/// every POST; a tool that sends neither still needs the session's CSRF token.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        let Ok(site) = site.to_str() else {
            return false;
        };
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(ORIGIN) {
        None => true,
        Some(origin) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"));
            // Behind a proxy that rewrites `Host`, the host the browser used is forwarded.
            [HOST.as_str(), "x-forwarded-host"].iter().any(|name| {
                headers
                    .get(*name)
                    .and_then(|h| h.to_str().ok())
                    .is_some_and(|host| !host.is_empty() && origin_host == Some(host))
            })
        }
    }
}

/// A state-changing request is allowed: it comes from the page ([`same_origin`]) and carries
/// the session's CSRF token.
pub fn csrf_ok(headers: &HeaderMap, session: &Session, given: &str) -> bool {
    same_origin(headers) && token_matches(session.csrf.as_bytes(), given.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_the_exact_token_matches() {
        let secret = b"correct horse battery staple";
        assert!(token_matches(secret, b"correct horse battery staple"));
        assert!(!token_matches(secret, b"correct horse battery stapl"));
        assert!(!token_matches(secret, b"correct horse battery staple!"));
        assert!(!token_matches(secret, b"Correct horse battery staple"));
        assert!(!token_matches(secret, b""));
        // A prefix padded with the zeros used past the end of `given` is still wrong.
        assert!(!token_matches(b"ab\0", b"ab"));
    }

    #[test]
    fn sessions_are_random_and_can_be_ended() {
        let sessions = Sessions::default();
        let a = sessions.create();
        let b = sessions.create();
        assert_ne!(a.id, b.id);
        assert_ne!(a.id, a.csrf);
        assert_eq!(a.id.len(), 64);
        assert!(sessions.get(&a.id).is_some());
        sessions.remove(&a.id);
        assert!(sessions.get(&a.id).is_none());
        assert!(sessions.get("not a session").is_none());
    }

    #[test]
    fn the_oldest_session_goes_when_too_many_are_kept() {
        let sessions = Sessions::default();
        let first = sessions.create();
        for _ in 0..MAX_SESSIONS {
            sessions.create();
        }
        assert!(sessions.get(&first.id).is_none());
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn another_sites_request_is_not_the_pages_own() {
        assert!(same_origin(&headers(&[
            ("host", "127.0.0.1:8081"),
            ("origin", "http://127.0.0.1:8081"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(same_origin(&headers(&[("host", "127.0.0.1:8081")])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8081"),
            ("origin", "http://evil.example"),
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8081"),
            ("sec-fetch-site", "cross-site"),
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "127.0.0.1:8081"),
            ("origin", "null"),
        ])));
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_over_tls() {
        let c = session_cookie("x".into(), false).to_string();
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Strict"),
            "{c}"
        );
        assert!(!c.contains("Secure"), "{c}");
        assert!(
            session_cookie("x".into(), true)
                .to_string()
                .contains("Secure")
        );
        assert!(over_tls(&headers(&[("x-forwarded-proto", "https")])));
        assert!(!over_tls(&headers(&[])));
    }
}
