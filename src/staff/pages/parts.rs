//! Pieces several pages show: a list of problems, a share as a percentage.

use maud::{Markup, html};

use crate::knowledge::{Problem, Severity};

pub(super) fn problems_list(problems: &[Problem]) -> Markup {
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

pub(super) fn percent(x: f32) -> String {
    format!("{:.0}%", x * 100.0)
}
