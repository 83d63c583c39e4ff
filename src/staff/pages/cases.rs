//! The Cases page: every case of the clinic's folder, pass or fail.

use maud::{Markup, html};

use super::parts::problems_list;
use crate::knowledge::Problem;

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
