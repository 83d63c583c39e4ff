//! Splitting one Markdown document into passages: each paragraph (or list) under a heading is
//! one passage, quoted later word for word. Also reads the optional front matter block.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::documents::slugify;
use super::problem::Problem;
use super::report::Capped;

/// A document as parsed from one file, before it joins the [`super::Knowledge`].
#[derive(Debug, Default)]
pub struct ParsedDocument {
    pub title: Option<String>,
    pub source: Option<String>,
    pub last_reviewed: Option<String>,
    /// (id suffix after `#`, heading, text, line)
    pub passages: Vec<ParsedPassage>,
    /// The section being read was marked urgent (`## When to get help now {.urgent}`).
    in_urgent_section: bool,
    /// The document holds more passages than it was allowed; the rest were not kept.
    pub over_limit: bool,
}

#[derive(Debug)]
pub struct ParsedPassage {
    /// In a section the clinic marked urgent: answering from it sends the urgent reply first.
    pub urgent: bool,
    pub anchor: String,
    pub heading: String,
    pub text: String,
    pub line: usize,
}

/// Parses `source` (the file's text), keeping at most `max_passages` passages. `path` is
/// only used in problem messages.
pub fn parse(
    path: &Path,
    source: &str,
    problems: &mut Capped<'_>,
    max_passages: usize,
) -> ParsedDocument {
    let mut doc = ParsedDocument::default();
    let body_start = front_matter(path, source, &mut doc, problems);
    let body = &source[body_start..];
    let lines = LineStarts::new(source);
    let line_offset = lines.line_of(body_start) - 1;
    let line_of = |byte: usize| lines.line_of(body_start + byte);

    let mut heading: Option<String> = None;
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut heading_anchor: Option<String> = None;

    // State of the block being collected.
    let mut in_heading: Option<(HeadingLevel, Option<String>, usize)> = None;
    let mut heading_text = String::new();
    let mut block: Option<(String, usize)> = None; // (text, start byte)
    let mut depth_list = 0usize;

    lint_lines(path, body, line_offset, problems);
    let mut warned_link = false;
    // Inside an image: its alt text is not part of the passage.
    let mut in_image = 0usize;
    let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if doc.passages.len() > max_passages {
            doc.passages.truncate(max_passages);
            doc.over_limit = true;
            break;
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                doc.in_urgent_section = classes.iter().any(|c| c.as_ref() == "urgent");
                in_heading = Some((level, id.map(|s| s.to_string()), range.start));
                heading_text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, id, start)) = in_heading.take() else {
                    continue;
                };
                let text = heading_text.trim().to_string();
                if text.is_empty() {
                    problems.push(Problem::error(
                        path,
                        Some(line_of(start)),
                        "this heading has no text: write a title after the # signs, or delete the line",
                    ));
                    continue;
                }
                if level == HeadingLevel::H1 && doc.title.is_none() {
                    doc.title = Some(text.clone());
                }
                if level != HeadingLevel::H1 && !doc.in_urgent_section && reads_as_urgent(&text) {
                    problems.push(Problem::warning(
                        path,
                        Some(line_of(start)),
                        format!(
                            "the section \"{text}\" reads as urgent advice, but its heading is not marked urgent: add {{.urgent}} at the end of the heading line, so that a patient answered from it gets the urgent reply first"
                        ),
                    ));
                }
                heading_anchor = Some(id.unwrap_or_else(|| slugify(&text)));
                heading = Some(text);
            }
            Event::Start(Tag::List(_)) => {
                if depth_list == 0 && block.is_none() {
                    block = Some((String::new(), range.start));
                }
                depth_list += 1;
            }
            Event::End(TagEnd::List(_)) => {
                depth_list = depth_list.saturating_sub(1);
                if depth_list == 0 {
                    // A list is quoted as written, markup included, so nothing is reworded.
                    let start = block.take().map_or(range.start, |b| b.1);
                    let raw = body[start..range.end].trim();
                    let text = raw.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
                    push_passage(&mut doc, &heading, &heading_anchor, &mut counters, text, line_of(start));
                }
            }
            Event::Start(Tag::Paragraph) if depth_list == 0 => {
                block = Some((String::new(), range.start));
            }
            Event::End(TagEnd::Paragraph) if depth_list == 0 => {
                if let Some((text, start)) = block.take() {
                    let text = text.trim().to_string();
                    if !text.is_empty() {
                        push_passage(&mut doc, &heading, &heading_anchor, &mut counters, text, line_of(start));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => problems.push(Problem::warning(
                path,
                Some(line_of(range.start)),
                "a code block (indented by 4 spaces or fenced with ```) is not shown to patients; remove the indentation if it is meant as text",
            )),
            Event::Html(_) if block.is_none() && in_heading.is_none() => problems.push(Problem::warning(
                path,
                Some(line_of(range.start)),
                "HTML is not shown to patients and is skipped; write plain text",
            )),
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                problems.push(Problem::warning(
                    path,
                    Some(line_of(range.start)),
                    "images are not shown to patients; describe in words what the picture shows",
                ));
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(_) if in_image > 0 => {}
            Event::Start(Tag::Link { .. }) if !warned_link => {
                warned_link = true;
                problems.push(Problem::warning(
                    path,
                    Some(line_of(range.start)),
                    "links are shown to patients as their text only; if the address matters, write it out in the text",
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading.is_some() {
                    heading_text.push_str(&t);
                } else if let Some((text, _)) = block.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_heading.is_some() {
                    heading_text.push(' ');
                } else if let Some((text, _)) = block.as_mut() {
                    text.push(if matches!(event, Event::HardBreak) { '\n' } else { ' ' });
                }
            }
            _ => {}
        }
    }
    if doc.passages.len() > max_passages {
        doc.passages.truncate(max_passages);
        doc.over_limit = true;
    }
    doc
}

/// Byte offsets where the lines of a file start: a passage's line is found by binary search,
/// not by counting newlines from the top for each passage (that made loading quadratic:
/// 20,000 paragraphs took 16 s, 100,000 never finished).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(source: &str) -> LineStarts {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts(starts)
    }

    /// The 1-based line holding byte `byte`.
    fn line_of(&self, byte: usize) -> usize {
        self.0.partition_point(|&start| start <= byte).max(1)
    }
}

/// Mistakes in the raw text that Markdown would silently accept.
fn lint_lines(path: &Path, body: &str, line_offset: usize, problems: &mut Capped<'_>) {
    let mut in_code = false;
    for (i, line) in body.lines().enumerate() {
        let n = line_offset + i + 1;
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let hashes = t.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes)
            && t[hashes..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '#')
        {
            problems.push(Problem::warning(
                path,
                Some(n),
                format!(
                    "\"{t}\" is not a heading: put a space after the # signs (\"{} {}\")",
                    &t[..hashes],
                    &t[hashes..]
                ),
            ));
        }
        if t.len() > 1 && t.starts_with('|') && t.ends_with('|') {
            problems.push(Problem::warning(
                path,
                Some(n),
                "tables are not supported and are quoted as raw text; write the rows as sentences or a list",
            ));
        }
    }
}

fn push_passage(
    doc: &mut ParsedDocument,
    heading: &Option<String>,
    anchor: &Option<String>,
    counters: &mut HashMap<String, usize>,
    text: String,
    line: usize,
) {
    if text.trim().is_empty() {
        return;
    }
    // Paragraphs before any heading are filed under the document title (set by the caller).
    let anchor = anchor.clone().unwrap_or_default();
    let n = counters.entry(anchor.clone()).or_insert(0);
    *n += 1;
    doc.passages.push(ParsedPassage {
        urgent: doc.in_urgent_section,
        anchor: if anchor.is_empty() {
            format!("{n}")
        } else {
            format!("{anchor}-{n}")
        },
        heading: heading.clone().unwrap_or_default(),
        text,
        line,
    });
}

/// Reads a leading `---` block of `key: value` lines; returns where the Markdown body starts.
fn front_matter(
    path: &Path,
    source: &str,
    doc: &mut ParsedDocument,
    problems: &mut Capped<'_>,
) -> usize {
    let mut lines = source.split_inclusive('\n');
    let Some(first) = lines.next() else { return 0 };
    if first.trim_end() != "---" {
        return 0;
    }
    let mut offset = first.len();
    for (i, line) in lines.enumerate() {
        let line_no = i + 2;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" {
            return offset;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            problems.push(Problem::error(
                path,
                Some(line_no),
                format!("front matter line \"{trimmed}\" should look like `title: Some title`"),
            ));
            continue;
        };
        let value = value.trim().trim_matches('"').trim().to_string();
        match key.trim().to_lowercase().as_str() {
            "title" => doc.title = Some(value),
            "source" => doc.source = Some(value),
            "last_reviewed" | "last-reviewed" | "reviewed" => doc.last_reviewed = Some(value),
            other => problems.push(Problem::warning(
                path,
                Some(line_no),
                format!("unknown front matter key \"{other}\" (known: title, source, last_reviewed); it is ignored"),
            )),
        }
    }
    problems.push(Problem::error(
        path,
        Some(1),
        "the front matter block that starts with --- is never closed: add a line with only --- after it",
    ));
    source.len()
}

/// A heading that names warning signs or urgent help ("Warning signs that need urgent help",
/// "When to seek emergency care"): leaflets written by staff have such a section, and an
/// answer from it should come with the urgent reply, which only the `{.urgent}` mark gives.
fn reads_as_urgent(heading: &str) -> bool {
    let h = heading.to_lowercase();
    [
        "warning sign",
        "urgent",
        "emergency",
        "red flag",
        "when to get help",
        "when to seek help",
        "get help now",
        "seek medical help",
        "when to call 999",
    ]
    .iter()
    .any(|w| h.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> (ParsedDocument, Vec<Problem>) {
        let mut problems = Vec::new();
        let doc = parse(
            Path::new("t.md"),
            s,
            &mut Capped::new(&mut problems, Path::new("t.md"), 100),
            1_000,
        );
        (doc, problems)
    }

    #[test]
    fn paragraphs_under_headings_become_numbered_passages() {
        let (doc, problems) =
            parse_str("# Title\n\nIntro.\n\n## Laser Care\n\nOne.\n\nTwo\nlines.\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.title.as_deref(), Some("Title"));
        let ids: Vec<_> = doc.passages.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(ids, ["title-1", "laser-care-1", "laser-care-2"]);
        assert_eq!(doc.passages[2].text, "Two lines.");
        assert_eq!(doc.passages[2].line, 9);
    }

    #[test]
    fn front_matter_is_read_and_lines_still_count_from_the_file_start() {
        let (doc, problems) =
            parse_str("---\ntitle: T\nlast_reviewed: 2026-01-02\n---\n\n## H\n\nText.\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.last_reviewed.as_deref(), Some("2026-01-02"));
        assert_eq!(doc.passages[0].line, 8);
    }

    #[test]
    fn empty_heading_is_reported_with_its_line() {
        let (_, problems) = parse_str("# T\n\n##\n\ntext\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(3));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let (_, problems) = parse_str("---\ntitle: T\n\n# T\n");
        assert!(problems.iter().any(|p| p.message.contains("never closed")));
    }

    #[test]
    fn a_warning_signs_section_not_marked_urgent_is_reported() {
        let (doc, problems) = parse_str(
            "# Care\n\nIntro.\n\n## Warning signs that need urgent help\n\nCall 999 if your calf swells.\n\n## Bathing\n\nShowers are fine.\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(5));
        assert!(problems[0].message.contains("{.urgent}"), "{problems:?}");
        assert!(doc.passages.iter().all(|p| !p.urgent));
        // Marked, or about something else: nothing to report.
        let (_, problems) =
            parse_str("# Care\n\n## Warning signs {.urgent}\n\nCall 999.\n\n## Bathing\n\nFine.\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_heading_marked_urgent_marks_its_section() {
        let (doc, problems) = parse_str(
            "# Care\n\nIntro.\n\n## Get help now {.urgent}\n\nCall 999 if your calf swells.\n\nOr if you faint.\n\n## Bathing\n\nShowers are fine.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let urgent: Vec<bool> = doc.passages.iter().map(|p| p.urgent).collect();
        assert_eq!(urgent, [false, true, true, false]);
        assert_eq!(doc.passages[1].heading, "Get help now");
        assert_eq!(doc.passages[1].anchor, "get-help-now-1");
    }

    #[test]
    fn custom_heading_id_pins_the_passage_id() {
        let (doc, _) = parse_str("## Laser treatment {#laser}\n\nText.\n");
        assert_eq!(doc.passages[0].anchor, "laser-1");
        assert_eq!(doc.passages[0].heading, "Laser treatment");
    }

    #[test]
    fn a_heading_without_a_space_and_a_table_are_explained() {
        let (_, problems) = parse_str("#Title\n\ntext\n\n| a | b |\n");
        assert!(
            problems
                .iter()
                .any(|p| p.line == Some(1) && p.message.contains("put a space")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.line == Some(5) && p.message.contains("tables")),
            "{problems:?}"
        );
    }

    #[test]
    fn line_numbers_come_from_one_index_of_line_starts() {
        let lines = LineStarts::new("a\nbb\n\nc");
        assert_eq!(
            [0, 1, 2, 4, 5, 6].map(|b| lines.line_of(b)),
            [1, 1, 2, 2, 3, 4]
        );
    }

    #[test]
    fn a_hundred_thousand_paragraphs_parse_in_linear_time() {
        let text: String = (0..100_000)
            .map(|i| format!("Paragraph {i}.\n\n"))
            .collect();
        let started = std::time::Instant::now();
        let (doc, _) = {
            let mut problems = Vec::new();
            let doc = parse(
                Path::new("t.md"),
                &text,
                &mut Capped::new(&mut problems, Path::new("t.md"), 100),
                200_000,
            );
            (doc, problems)
        };
        assert_eq!(doc.passages.len(), 100_000);
        assert_eq!(doc.passages[99_999].line, 199_999);
        // Quadratic counting took minutes here; linear takes well under a second (debug build).
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn passages_past_the_limit_are_not_kept() {
        let text: String = (0..50).map(|i| format!("Paragraph {i}.\n\n")).collect();
        let mut problems = Vec::new();
        let doc = parse(
            Path::new("t.md"),
            &text,
            &mut Capped::new(&mut problems, Path::new("t.md"), 100),
            10,
        );
        assert_eq!(doc.passages.len(), 10);
        assert!(doc.over_limit);
    }

    #[test]
    fn emphasis_is_dropped_but_words_kept() {
        let (doc, _) = parse_str("## H\n\nThis is *very* **important**.\n");
        assert_eq!(doc.passages[0].text, "This is very important.");
    }
}
