//! What every request of the staff page may use: the shared state, the session check (an
//! extractor), the CSRF form field, and the common answers. Both the routes and the pages'
//! handlers build on it.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::auth::{COOKIE, Session, Sessions};
use crate::reload::Reloader;

/// What every request may use.
pub(super) struct Staff {
    pub token: String,
    pub sessions: Sessions,
    pub reloader: Reloader,
    pub unanswered_log: Option<std::path::PathBuf>,
}

pub(super) type Shared = Arc<Staff>;

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

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
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
