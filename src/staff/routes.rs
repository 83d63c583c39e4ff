//! The staff page's routes: log in and out, and the security headers. What every request
//! shares is in `request.rs`. The pages' handlers are in `handlers.rs`.
//! Every page but the login form needs a session; every POST passes the CSRF checks.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router, middleware};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use serde::Deserialize;

use super::auth::{self, COOKIE, Sessions};
use super::handlers::{cases_page, knowledge_page, reload, save, try_page, unanswered_page};
use super::options::Options;
use super::pages::{self, CSS, CSS_PATH};
use super::request::{CsrfForm, LoggedIn, Shared, Staff, refused};

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
