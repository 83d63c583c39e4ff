//! The staff page's routes and what every page shares: the session check (an extractor),
//! log in and out, and the security headers. The pages' handlers are in `handlers.rs`.
//! Every page but the login form needs a session; every POST passes the CSRF checks.

use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router, middleware};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use serde::Deserialize;

use super::Options;
use super::auth::{self, COOKIE, Session, Sessions};
use super::handlers::{cases_page, knowledge_page, reload, save, try_page, unanswered_page};
use super::pages::{self, CSS, CSS_PATH};
use crate::reload::Reloader;

/// What every request may use.
pub(super) struct Staff {
    token: String,
    sessions: Sessions,
    pub reloader: Reloader,
    pub unanswered_log: Option<std::path::PathBuf>,
}

pub(super) type Shared = Arc<Staff>;

pub fn router(options: Options) -> Router {
    let staff = Arc::new(Staff {
        token: options.token,
        sessions: Sessions::default(),
        reloader: options.reloader,
        unanswered_log: options.unanswered_log,
    });
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/", get(knowledge_page))
        .route("/reload", post(reload))
        .route("/try", get(try_page))
        .route("/cases", get(cases_page).post(save))
        .route("/unanswered", get(unanswered_page))
        .route(CSS_PATH, get(css))
        .layer(middleware::map_response(security_headers))
        .with_state(staff)
}

/// No other site may frame, script or load the page; nothing is cached.
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Not `no-referrer`: browsers then send `Origin: null` with forms, which the CSRF
        // check must refuse.
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in set {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A logged-in browser. Without a session, a request is sent to the login form.
pub(super) struct LoggedIn(pub Session);

impl FromRequestParts<Shared> for LoggedIn {
    type Rejection = Redirect;

    async fn from_request_parts(parts: &mut Parts, staff: &Shared) -> Result<Self, Redirect> {
        let jar = CookieJar::from_headers(&parts.headers);
        jar.get(COOKIE)
            .and_then(|c| staff.sessions.get(c.value()))
            .map(LoggedIn)
            .ok_or_else(|| Redirect::to("/login"))
    }
}

pub(super) fn refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        "Refused: this request did not come from the staff page itself. Reload the page and try again.",
    )
        .into_response()
}

async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS)
}

async fn login_form(jar: CookieJar, State(staff): State<Shared>) -> Response {
    if jar
        .get(COOKIE)
        .and_then(|c| staff.sessions.get(c.value()))
        .is_some()
    {
        return Redirect::to("/").into_response();
    }
    pages::login(None).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    token: String,
}

async fn login(
    State(staff): State<Shared>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    if !auth::same_origin(&headers) {
        return refused();
    }
    if !auth::token_matches(staff.token.as_bytes(), form.token.as_bytes()) {
        tracing::warn!("staff page: a log-in with a wrong token");
        return (
            StatusCode::UNAUTHORIZED,
            pages::login(Some("That is not the staff token.")),
        )
            .into_response();
    }
    let session = staff.sessions.create();
    let cookie = auth::session_cookie(session.id, auth::over_tls(&headers));
    (jar.add(cookie), Redirect::to("/")).into_response()
}

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

async fn logout(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !auth::csrf_ok(&headers, &session, &form.csrf) {
        return refused();
    }
    staff.sessions.remove(&session.id);
    (
        jar.remove(Cookie::build(COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response()
}

/// Blocking work (reading the folder, running every case) off the async workers.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

pub(super) fn internal_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The page failed; see the bot's log.",
    )
        .into_response()
}
