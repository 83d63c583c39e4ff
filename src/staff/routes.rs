//! The staff page's routes: log in and out, the four pages, reloading and saving a case.
//! Every page but the login form needs a session; every POST passes the CSRF checks.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router, middleware};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use maud::Markup;
use serde::Deserialize;

use super::Options;
use super::auth::{self, COOKIE, Session, Sessions};
use super::cases::save_case;
use super::pages::{self, CSS, CSS_PATH, CaseRow, LastReload, Tab};
use crate::engine::{Engine, ReplyKind};
use crate::eval;
use crate::knowledge::{Knowledge, Problem};
use crate::reload::Reloader;
use crate::unanswered;

struct Staff {
    token: String,
    sessions: Sessions,
    reloader: Reloader,
    unanswered_log: Option<std::path::PathBuf>,
}

type Shared = Arc<Staff>;

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
struct LoggedIn(Session);

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

fn refused() -> Response {
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
struct CsrfForm {
    #[serde(default)]
    csrf: String,
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
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

fn internal_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The page failed; see the bot's log.",
    )
        .into_response()
}

fn last_reload(reloader: &Reloader) -> Option<LastReload> {
    reloader.last().map(|r| LastReload {
        at: utc(r.at),
        result: r.result,
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

/// The folder's problems as `check` lists them: reading it as it is now, then the clinic's
/// cases against the live engine.
fn folder_problems(engine: &Engine) -> Vec<Problem> {
    let dir = &engine.knowledge().dir;
    let mut problems = Knowledge::read(dir).problems;
    let (_, case_problems, failures) = run_cases(engine, &dir.join("cases"));
    problems.extend(case_problems);
    problems.extend(failures);
    problems
}

/// The clinic's cases, run: one row per case, the problems of the case files, and each
/// failure as a problem (as `check` reports it).
fn run_cases(engine: &Engine, dir: &Path) -> (Vec<CaseRow>, Vec<Problem>, Vec<Problem>) {
    if !dir.is_dir() {
        return Default::default();
    }
    let (cases, mut problems) = eval::load(&[dir.to_path_buf()]);
    problems.extend(eval::check_ids(engine, &cases));
    let report = eval::run(engine, &cases);
    let failures = report
        .failures()
        .map(|o| Problem::error(&o.case.file, None, format!("case {}", o.explain())))
        .collect();
    let rows = report
        .outcomes
        .iter()
        .map(|o| CaseRow {
            question: o.case.question.clone(),
            file: o
                .case
                .file
                .strip_prefix(dir)
                .unwrap_or(&o.case.file)
                .display()
                .to_string(),
            passed: o.passed,
            expected: match o.case.expect {
                ReplyKind::Answer => format!("answer from {}", o.case.passages.join(" or ")),
                kind => kind.to_string(),
            },
            got: match &o.reply.passage {
                Some(p) => format!("{} from {}", o.reply.kind, p.id),
                None => o.reply.kind.to_string(),
            },
        })
        .collect();
    (rows, problems, failures)
}

async fn knowledge_page(LoggedIn(session): LoggedIn, State(staff): State<Shared>) -> Response {
    let engine = staff.reloader.engine().load_full();
    let reloader = staff.reloader.clone();
    let csrf = session.csrf.clone();
    let Some(page) = blocking(move || {
        let problems = folder_problems(&engine);
        let last = last_reload(&reloader);
        pages::knowledge(&engine, &problems, last.as_ref(), None, &csrf)
    })
    .await
    else {
        return internal_error();
    };
    pages::layout(Tab::Knowledge, &session.csrf, page).into_response()
}

async fn reload(
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
    let engine = staff.reloader.engine().load_full();
    let reloader = staff.reloader.clone();
    let csrf = session.csrf.clone();
    let Some(page) = blocking(move || {
        let problems = folder_problems(&engine);
        let last = last_reload(&reloader);
        pages::knowledge(&engine, &problems, last.as_ref(), Some(&outcome), &csrf)
    })
    .await
    else {
        return internal_error();
    };
    pages::layout(Tab::Knowledge, &session.csrf, page).into_response()
}

#[derive(Deserialize)]
struct TryQuery {
    #[serde(default)]
    q: String,
}

async fn try_page(
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
        let reply = engine.answer(question);
        let analysis = engine.analyze(question);
        pages::try_page(engine, Some((question, &reply, &analysis)), saved, csrf)
    };
    pages::layout(Tab::Try, csrf, page)
}

#[derive(Deserialize)]
struct SaveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    question: String,
}

async fn save(
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

async fn cases_page(LoggedIn(session): LoggedIn, State(staff): State<Shared>) -> Response {
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

async fn unanswered_page(LoggedIn(session): LoggedIn, State(staff): State<Shared>) -> Response {
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
