//! The pages' handlers: each takes the logged-in session, reads the live engine, does its
//! blocking work off the async workers, and renders its page.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;

use super::auth;
use super::cases::save_case;
use super::checks::{check_folder, run_cases};
use super::pages::{self, LastReload, Tab};
use super::request::{CsrfForm, LoggedIn, Shared, blocking, internal_error, refused};
use crate::engine::Engine;
use crate::reload::Reloader;
use crate::unanswered;

pub(super) async fn knowledge_page(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
) -> Response {
    knowledge_response(&staff, &session.csrf, None).await
}

pub(super) async fn reload(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !auth::csrf_ok(&headers, &session, &form.csrf) {
        return refused();
    }
    // The same call as `/reload` and the folder watcher: load, check, index, run the
    // clinic's cases, and swap the engine in only if all is well.
    let reloader = staff.reloader.clone();
    let Some(outcome) = blocking(move || reloader.reload_now()).await else {
        return internal_error();
    };
    knowledge_response(&staff, &session.csrf, Some(as_text(outcome))).await
}

/// The Knowledge page, with the result of a reload just asked for, if any.
async fn knowledge_response(
    staff: &Shared,
    csrf: &str,
    notice: Option<Result<String, String>>,
) -> Response {
    let engine = staff.reloader.engine().load_full();
    let reloader = staff.reloader.clone();
    let token = csrf.to_string();
    let Some(page) = blocking(move || {
        let check = check_folder(&engine);
        let last = last_reload(&reloader);
        pages::knowledge(&engine, &check, last.as_ref(), notice.as_ref(), &token)
    })
    .await
    else {
        return internal_error();
    };
    pages::layout(Tab::Knowledge, csrf, page).into_response()
}

#[derive(Deserialize)]
pub(super) struct TryQuery {
    #[serde(default)]
    q: String,
}

pub(super) async fn try_page(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
    Query(query): Query<TryQuery>,
) -> Markup {
    // Answering takes microseconds: no need to leave the async worker.
    let engine = staff.reloader.engine().load_full();
    render_try(&engine, &query.q, None, &session.csrf)
}

fn render_try(
    engine: &Engine,
    question: &str,
    saved: Option<&pages::SaveNotice>,
    csrf: &str,
) -> Markup {
    let page = if question.trim().is_empty() {
        pages::try_page(engine, None, saved, csrf)
    } else {
        let (reply, analysis) = engine.answer_explained(question);
        pages::try_page(
            engine,
            Some((question, &reply, analysis.as_ref())),
            saved,
            csrf,
        )
    };
    pages::layout(Tab::Try, csrf, page)
}

#[derive(Deserialize)]
pub(super) struct SaveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    question: String,
}

pub(super) async fn save(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
    headers: HeaderMap,
    Form(form): Form<SaveForm>,
) -> Response {
    if !auth::csrf_ok(&headers, &session, &form.csrf) {
        return refused();
    }
    let engine = staff.reloader.engine().load_full();
    let question = form.question.clone();
    let for_save = engine.clone();
    let Some(result) = blocking(move || save_case(&for_save, &question)).await else {
        return internal_error();
    };
    let notice = match result {
        Ok(saved) => Ok(format!(
            "Saved as a case in {}: expects {}{}. The bot reloads the folder within seconds.",
            saved.file.display(),
            saved.expect,
            saved
                .passage
                .map(|p| format!(" from {p}"))
                .unwrap_or_default()
        )),
        Err(e) => Err(e.to_string()),
    };
    render_try(&engine, &form.question, Some(&notice), &session.csrf).into_response()
}

pub(super) async fn cases_page(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
) -> Response {
    let engine = staff.reloader.engine().load_full();
    let Some(page) = blocking(move || {
        let dir = engine.knowledge().dir.join("cases");
        let (rows, mut problems, _) = run_cases(&engine, &dir);
        problems.retain(|p| p.severity == crate::knowledge::Severity::Error);
        pages::cases(&dir.display().to_string(), &rows, &problems)
    })
    .await
    else {
        return internal_error();
    };
    pages::layout(Tab::Cases, &session.csrf, page).into_response()
}

pub(super) async fn unanswered_page(
    LoggedIn(session): LoggedIn,
    State(staff): State<Shared>,
) -> Response {
    let engine = staff.reloader.engine().load_full();
    let log = staff.unanswered_log.clone();
    let Some(page) = blocking(move || {
        let report = log.map(|path| {
            unanswered::read_report(&path, &engine)
                .map_err(|e| format!("cannot read the log {}: {e}", path.display()))
        });
        pages::unanswered(report.as_ref())
    })
    .await
    else {
        return internal_error();
    };
    pages::layout(Tab::Unanswered, &session.csrf, page).into_response()
}

fn last_reload(reloader: &Reloader) -> Option<LastReload> {
    reloader.last().map(|r| LastReload {
        at: utc(r.at),
        result: as_text(r.result),
    })
}

fn utc(at: std::time::SystemTime) -> String {
    let secs = at
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

/// A reload's result in words: what is live, or the problems (file and line) that kept it out.
/// The page lists every warning under Problems, so a reload that loads only counts them.
fn as_text(result: crate::reload::ReloadResult) -> Result<String, String> {
    result
        .map(|summary| match summary.warnings.len() {
            0 => summary.loaded(),
            n => format!(
                "{}, with {n} warning(s): see Problems below",
                summary.loaded()
            ),
        })
        .map_err(|problems| crate::reload::describe(&problems))
}
