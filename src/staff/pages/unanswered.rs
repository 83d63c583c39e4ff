//! The Unanswered page: the `report` of the opt-in log, with counts per day.

use maud::{Markup, html};

use crate::unanswered;

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
