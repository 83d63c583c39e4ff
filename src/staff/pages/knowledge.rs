//! The Knowledge page: documents and passages, synonyms, red-flag rules, problems, reloads.

use maud::{Markup, html};

use super::parts::problems_list;
use crate::engine::Engine;
use crate::staff::checks::FolderCheck;

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
    check: &FolderCheck,
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
            (problems_list(&check.problems))
            @if !check.skipped.is_empty() {
                h3 { "Skipped (not read)" }
                ul {
                    @for s in &check.skipped { li { code { (s.path.display()) } ": " (s.reason) } }
                }
            }
            @let urgent: Vec<_> = k.passages.iter().filter(|p| p.urgent).collect();
            @if !urgent.is_empty() {
                h3 { "Urgent sections (the urgent reply comes first)" }
                ul { @for p in urgent { li { code { (p.id) } } } }
            }
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
