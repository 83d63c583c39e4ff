//! The staff page's HTML, server-rendered with maud (which escapes every value it is given):
//! the layout, the login form, and one function per page. No script, no external resources.

use maud::{DOCTYPE, Markup, html};

use crate::engine::{Analysis, Engine, Reply};
use crate::knowledge::{Problem, Severity};
use crate::unanswered;

/// The style sheet, served at [`CSS_PATH`]: one column, readable on a phone.
pub const CSS: &str = include_str!("staff.css");
pub const CSS_PATH: &str = "/staff.css";

/// Which page is open, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Knowledge,
    Try,
    Cases,
    Unanswered,
}

const TABS: [(Tab, &str, &str); 4] = [
    (Tab::Knowledge, "/", "Knowledge"),
    (Tab::Try, "/try", "Try a question"),
    (Tab::Cases, "/cases", "Cases"),
    (Tab::Unanswered, "/unanswered", "Unanswered"),
];

fn head(title: &str) -> Markup {
    html! {
        (DOCTYPE)
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        meta name="robots" content="noindex";
        title { (title) " - staff page" }
        link rel="stylesheet" href=(CSS_PATH);
    }
}

/// A page of the logged-in staff: navigation, the page, and a log-out button.
pub fn layout(tab: Tab, csrf: &str, body: Markup) -> Markup {
    let title = TABS
        .iter()
        .find(|(t, ..)| *t == tab)
        .map(|(_, _, name)| *name)
        .unwrap_or("");
    html! {
        html lang="en" {
            head { (head(title)) }
            body {
                header {
                    nav {
                        @for (t, href, name) in TABS {
                            a href=(href) class=[(t == tab).then_some("current")] { (name) }
                        }
                    }
                    form method="post" action="/logout" class="logout" {
                        input type="hidden" name="csrf" value=(csrf);
                        button type="submit" class="quiet" { "Log out" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

pub fn login(error: Option<&str>) -> Markup {
    html! {
        html lang="en" {
            head { (head("Log in")) }
            body {
                main class="login" {
                    h1 { "Staff page" }
                    p { "Log in with the staff token the bot was started with." }
                    @if let Some(error) = error { p class="bad" role="alert" { (error) } }
                    form method="post" action="/login" {
                        label for="token" { "Staff token" }
                        input id="token" name="token" type="password" autocomplete="current-password" required autofocus;
                        button type="submit" { "Log in" }
                    }
                }
            }
        }
    }
}

fn problems_list(problems: &[Problem]) -> Markup {
    html! {
        @if problems.is_empty() {
            p class="good" { "No problems." }
        } @else {
            ul class="problems" {
                @for p in problems {
                    li class=(if p.severity == Severity::Error { "bad" } else { "warn" }) {
                        strong { (if p.severity == Severity::Error { "error" } else { "warning" }) }
                        " " code { (p.file.display()) @if let Some(line) = p.line { " line " (line) } }
                        ": " (p.message)
                    }
                }
            }
        }
    }
}

/// The last reload, as the page shows it.
pub struct LastReload {
    /// UTC, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    pub result: Result<String, String>,
}

/// Documents, passages, synonyms and red flags of the live engine; the folder's problems as
/// `check` finds them; the last reload and a button to reload now.
pub fn knowledge(
    engine: &Engine,
    problems: &[Problem],
    last: Option<&LastReload>,
    notice: Option<&Result<String, String>>,
    csrf: &str,
) -> Markup {
    let k = engine.knowledge();
    html! {
        section {
            p {
                (k.documents.len()) " documents, " (k.passages.len()) " passages, "
                (k.synonyms.entries.len()) " synonyms, " (k.red_flags.rules.len()) " red-flag rules, from "
                code { (k.dir.display()) }
            }
            @if let Some(n) = notice {
                @match n {
                    Ok(s) => p class="good" role="status" { "Reloaded: " (s) },
                    Err(e) => div class="bad" role="status" { p { "NOT reloaded; the bot keeps answering from the last good version." } pre { (e) } },
                }
            }
            h2 { "Last reload" }
            @match last {
                None => p { "None since start." },
                Some(r) => @match &r.result {
                    Ok(s) => p { (r.at) " UTC: " span class="good" { "OK" } ", " (s) },
                    Err(e) => div { p { (r.at) " UTC: " span class="bad" { "REFUSED" } " (still using the previous version)" } pre { (e) } },
                },
            }
            form method="post" action="/reload" {
                input type="hidden" name="csrf" value=(csrf);
                button type="submit" { "Reload now" }
            }
        }
        section {
            h2 { "Problems" }
            p class="hint" { "The same list as " code { "spider-vein-bot check" } ", for the folder as it is on disk now." }
            (problems_list(problems))
        }
        section {
            h2 { "Documents" }
            @for (d, doc) in k.documents.iter().enumerate() {
                details {
                    summary {
                        strong { (doc.title) } " "
                        span class="hint" {
                            code { (doc.path.display()) }
                            " · reviewed " (doc.last_reviewed.as_deref().unwrap_or("never"))
                        }
                    }
                    @if let Some(source) = &doc.source { p class="hint" { "Source: " (source) } }
                    @for p in k.passages.iter().filter(|p| p.document == d) {
                        div class="passage" {
                            p class="hint" {
                                code { (p.id) } " · " (p.heading) " · line " (p.line)
                                @if p.urgent { " " span class="badge urgent" { "urgent section" } }
                            }
                            p class="text" { (p.text) }
                        }
                    }
                }
            }
        }
        section {
            h2 { "Synonyms" }
            p class="hint" { "The patients' words (left) and the documents' words they stand for." }
            details {
                summary { "All " (k.synonyms.entries.len()) " synonyms" }
                table {
                    @for s in &k.synonyms.entries {
                        tr { td { (s.key) } td { (s.values.join(", ")) } }
                    }
                }
            }
        }
        section {
            h2 { "Red-flag rules" }
            p class="hint" { "A message with a word from every group, and none of the exceptions, gets the urgent reply." }
            @for r in &k.red_flags.rules {
                details {
                    summary { (r.name) " " code class="hint" { (r.id) } }
                    ul {
                        @for group in &r.all { li { (group.join(" / ")) } }
                    }
                    @if !r.unless.is_empty() { p class="hint" { "Unless: " (r.unless.join(", ")) } }
                }
            }
        }
    }
}

/// What saving the tried question as a case did.
pub type SaveNotice = Result<String, String>;

/// The question form; with a question, the reply a patient gets and why.
pub fn try_page(
    engine: &Engine,
    question: Option<(&str, &Reply, &Analysis)>,
    saved: Option<&SaveNotice>,
    csrf: &str,
) -> Markup {
    let k = engine.knowledge();
    html! {
        form method="get" action="/try" class="ask" {
            label for="q" { "A question, as a patient would type it" }
            textarea id="q" name="q" rows="2" maxlength="4000" required { (question.map(|q| q.0).unwrap_or("")) }
            button type="submit" { "Try" }
        }
        @if let Some(n) = saved {
            @match n {
                Ok(s) => p class="good" role="status" id="saved" { (s) },
                Err(e) => p class="bad" role="status" id="saved" { (e) },
            }
        }
        @if let Some((q, reply, analysis)) = question {
            section id="reply" {
                h2 { "What the patient gets: " span class={"badge " (reply.kind.as_str())} id="kind" { (reply.kind) } }
                pre class="reply" { (reply.text) }
                form method="post" action="/cases" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="question" value=(q);
                    button type="submit" id="save" { "Save as a case: this reply is right" }
                    span class="hint" { " Adds it to knowledge/cases/, checked first." }
                }
            }
            section id="why" {
                h2 { "Why" }
                ul {
                    @if let Some(because) = &reply.urgent_because { li { "Urgent because of the " (because.to_string()) "." } }
                    @if let Some(p) = &reply.passage { li { "Passage: " code { (p.id) } " (" (p.document) ", " (p.heading) "), coverage " (percent(reply.confidence)) } }
                    @for (typed, fixed) in &analysis.corrections { li { "Spelling: \u{201c}" (typed) "\u{201d} read as \u{201c}" (fixed) "\u{201d}" } }
                    li {
                        "Concepts: "
                        @if analysis.concepts.is_empty() { "none" }
                        @for (i, c) in analysis.concepts.iter().enumerate() {
                            @if i > 0 { ", " }
                            span class=[(!c.known).then_some("bad")] { (c.words) }
                            @if !c.known { " (in no document)" }
                            span class="hint" { " weight " (format!("{:.2}", c.weight)) @if c.light { ", common" } }
                        }
                    }
                }
                h3 { "Passages considered" }
                @if analysis.candidates.is_empty() { p { "None: no passage shares a word with the question." } }
                @else {
                    div class="scroll" {
                        table {
                            tr { th { "passage" } th { "BM25" } th { "coverage" } th { "missing" } }
                            @for (i, c) in analysis.candidates.iter().take(10).enumerate() {
                                tr class=[(analysis.chosen == Some(i)).then_some("chosen")] {
                                    td {
                                        code { (k.passages[c.passage].id) }
                                        @if analysis.chosen == Some(i) { " " span class="badge answer" { "chosen" } }
                                        @for r in &c.related { br; span class="hint" { "related word: " (r) } }
                                    }
                                    td { (format!("{:.2}", c.bm25)) }
                                    td { (percent(c.coverage)) }
                                    td { (c.missing.join(", ")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn percent(x: f32) -> String {
    format!("{:.0}%", x * 100.0)
}

/// One case and how it went.
pub struct CaseRow {
    pub question: String,
    pub file: String,
    pub passed: bool,
    pub expected: String,
    pub got: String,
}

pub fn cases(dir: &str, rows: &[CaseRow], problems: &[Problem]) -> Markup {
    let failed = rows.iter().filter(|r| !r.passed).count();
    html! {
        p {
            "Every case in " code { (dir) } ", run against the knowledge the bot answers from now: "
            strong { (rows.len() - failed) " passed" } ", "
            strong class=[(failed > 0).then_some("bad")] { (failed) " failed" } "."
        }
        @if !problems.is_empty() { (problems_list(problems)) }
        @if rows.is_empty() { p { "No cases yet: try a question and save it as a case." } }
        @else {
            div class="scroll" {
                table class="cases" {
                    tr { th { "" } th { "question" } th { "expected" } th { "now" } }
                    @for r in rows {
                        tr class=(if r.passed { "pass" } else { "fail" }) {
                            td { @if r.passed { span class="badge answer" { "pass" } } @else { span class="badge urgent" { "FAIL" } } }
                            td { (r.question) br; span class="hint" { (r.file) } }
                            td { (r.expected) }
                            td { (r.got) }
                        }
                    }
                }
            }
        }
    }
}

/// The unanswered report: `None` when the log is off.
pub fn unanswered(report: Option<&Result<unanswered::Report, String>>) -> Markup {
    html! {
        @match report {
            None => p { "The unanswered-questions log is off. Start the bot with "
                code { "--log-unanswered FILE" } " (or " code { "LOG_UNANSWERED" }
                ") to keep the questions it could not answer, with their time and nothing else." },
            Some(Err(e)) => p class="bad" { (e) },
            Some(Ok(r)) => (report_body(r)),
        }
    }
}

fn report_body(r: &unanswered::Report) -> Markup {
    let most = r
        .days
        .iter()
        .map(|d| d.fallback + d.not_helpful)
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        p {
            (r.total) " questions: " (r.total - r.not_helpful) " got the fallback, "
            (r.not_helpful) " answers were marked \u{201c}Not helpful\u{201d}."
            @if let Some((first, last)) = &r.span { " From " (first) " to " (last) "." }
        }
        @if !r.unreadable.is_empty() { p class="warn" { (r.unreadable.len()) " line(s) of the log could not be read." } }
        h2 { "Per day" }
        p class="hint" { "Counts only: the upper bar is fallbacks, the lower one \u{201c}Not helpful\u{201d} presses." }
        div class="chart" {
            @for d in &r.days {
                div class="day" {
                    span class="date" { (d.date) }
                    span class="bars" {
                        meter class="fallback" min="0" max=(most) value=(d.fallback) title="fallbacks" {}
                        meter class="not-helpful" min="0" max=(most) value=(d.not_helpful) title="Not helpful" {}
                    }
                    span class="count" { (d.fallback) " + " (d.not_helpful) }
                }
            }
        }
        h2 { "Words no document uses" }
        p class="hint" { "Most frequent first: a document or a synonym to add?" }
        @if r.words.is_empty() { p { "None." } }
        table { @for (w, n) in &r.words { tr { td class="num" { (n) } td { (w) } } } }
        h2 { "Similar questions" }
        @for g in &r.groups {
            details {
                summary { "[" (g.len()) "] " (g[0]) }
                ul { @for q in g.iter().skip(1) { li { (q) } } }
            }
        }
    }
}
