//! The Try page: a question, the reply a patient gets, and why.

use maud::{Markup, html};

use super::parts::percent;
use crate::engine::{Analysis, Engine, Reply, ReplyKind};

/// What saving the tried question as a case did.
pub type SaveNotice = Result<String, String>;

/// The question form; with a question, the reply a patient gets and why.
pub fn try_page(
    engine: &Engine,
    question: Option<(&str, &Reply, Option<&Analysis>)>,
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
                    @if analysis.is_none() {
                        li { @match reply.kind {
                            ReplyKind::Urgent => "A warning sign: the urgent reply comes before any document is searched.",
                            ReplyKind::SmallTalk => "Small talk: answered before any document is searched.",
                            _ => "No words to search for.",
                        } }
                    }
                    @if let Some(analysis) = analysis {
                        @for (typed, fixed) in &analysis.corrections { li { "Spelling: \u{201c}" (typed) "\u{201d} read as \u{201c}" (fixed) "\u{201d}" } }
                        li {
                            "Concepts: "
                            @if analysis.concepts.is_empty() { "none" }
                            @for (i, c) in analysis.concepts.iter().enumerate() {
                                @if i > 0 { ", " }
                                span class=[(!c.known).then_some("bad")] { (c.words) }
                                @if !c.known { " (in no document)" }
                                @if c.setting { " (setting)" }
                                span class="hint" { " weight " (format!("{:.2}", c.weight)) @if c.light { ", may go unanswered" } }
                            }
                        }
                    }
                }
                @if let Some(analysis) = analysis {
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
}
