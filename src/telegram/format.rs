//! Turning the engine's plain text into Telegram messages: HTML-escaped, and split on
//! paragraph boundaries when longer than Telegram's limit.

/// Telegram's limit for one message's text. Telegram counts it after parsing the HTML, in
/// UTF-16 code units; we measure the escaped text, which is never shorter, so a part that fits
/// here always fits there.
pub const MAX_MESSAGE_LEN: usize = crate::knowledge::limits::TELEGRAM_MESSAGE;

/// Where a text too long for one message may be cut, best first: between paragraphs, lines,
/// sentences, words. Each separator stays with the piece before it.
const CUTS: [&str; 4] = ["\n\n", "\n", ". ", " "];

/// Escapes `&`, `<` and `>`, all that Telegram's HTML parse mode needs outside tags.
pub fn escape(text: &str) -> String {
    teloxide::utils::html::escape(text)
}

/// `text` as one or more HTML messages, each at most `MAX_MESSAGE_LEN` long once escaped.
pub fn messages(text: &str) -> Vec<String> {
    split(text, MAX_MESSAGE_LEN)
        .iter()
        .map(|part| escape(part))
        .collect()
}

/// Splits plain `text` into parts whose escaped length is at most `limit`, cutting at the
/// best boundary available. Whitespace at the cuts is dropped; nothing else is.
pub fn split(text: &str, limit: usize) -> Vec<String> {
    let limit = limit.max(1);
    let mut pieces = Vec::new();
    cut(text, limit, &CUTS, &mut pieces);
    // Greedy: as many whole pieces per message as fit.
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for piece in pieces {
        if current.trim().is_empty() {
            current_len = escaped_len(piece.trim_start());
            current = piece;
        } else if current_len + escaped_len(piece.trim_end()) <= limit {
            current_len += escaped_len(&piece);
            current.push_str(&piece);
        } else {
            push_trimmed(&mut current, &mut parts);
            current_len = escaped_len(piece.trim_start());
            current = piece;
        }
    }
    push_trimmed(&mut current, &mut parts);
    parts
}

/// The length of `text` once escaped, in UTF-16 code units.
pub fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '&' => 5,
            '<' | '>' => 4,
            c => c.len_utf16(),
        })
        .sum()
}

/// Cuts `text` into pieces that each fit one message (once trimmed), at the coarsest
/// boundary that makes them fit. Pieces keep their separators, so they concatenate to `text`.
fn cut(text: &str, limit: usize, cuts: &[&str], out: &mut Vec<String>) {
    let Some((separator, finer)) = cuts.split_first() else {
        hard_split(text, limit, out);
        return;
    };
    for piece in text.split_inclusive(separator) {
        if escaped_len(piece.trim()) <= limit {
            out.push(piece.to_string());
        } else {
            cut(piece, limit, finer, out);
        }
    }
}

fn push_trimmed(current: &mut String, out: &mut Vec<String>) {
    let part = current.trim();
    if !part.is_empty() {
        out.push(part.to_string());
    }
    current.clear();
}

/// The last resort for a word longer than a message: cut between characters.
fn hard_split(text: &str, limit: usize, out: &mut Vec<String>) {
    let mut part = String::new();
    let mut len = 0;
    for c in text.chars() {
        let n = escaped_len(c.encode_utf8(&mut [0; 4]));
        if len + n > limit && !part.is_empty() {
            out.push(std::mem::take(&mut part));
            len = 0;
        }
        part.push(c);
        len += n;
    }
    if !part.is_empty() {
        out.push(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(parts: &[String]) -> Vec<String> {
        parts
            .iter()
            .flat_map(|p| p.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect()
    }

    #[test]
    fn script_tags_are_escaped() {
        assert_eq!(
            messages("is <script>alert(1)</script> & co ok?"),
            ["is &lt;script&gt;alert(1)&lt;/script&gt; &amp; co ok?"]
        );
    }

    #[test]
    fn short_text_is_one_message() {
        assert_eq!(split("One.\n\nTwo.", 100), ["One.\n\nTwo."]);
    }

    #[test]
    fn long_text_is_cut_between_paragraphs() {
        let para = "word ".repeat(30).trim().to_string();
        let text = [para.as_str(); 5].join("\n\n");
        let parts = split(&text, 350);
        assert_eq!(parts.len(), 3, "{parts:?}");
        for p in &parts {
            assert!(escaped_len(p) <= 350);
            assert!(
                p.split("\n\n").all(|x| x == para),
                "a paragraph was cut: {p:?}"
            );
        }
        assert_eq!(words_of(&parts), words_of(&[text]));
    }

    #[test]
    fn a_paragraph_longer_than_a_message_is_cut_between_sentences() {
        let text = "This is one sentence about veins. ".repeat(20);
        let parts = split(&text, 200);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(escaped_len(p) <= 200, "{p:?}");
            assert!(p.ends_with('.'), "cut inside a sentence: {p:?}");
        }
        assert_eq!(words_of(&parts), words_of(&[text]));
    }

    #[test]
    fn escaping_counts_towards_the_limit() {
        let text = "<".repeat(30);
        let parts = split(&text, 40);
        assert_eq!(parts, ["<".repeat(10), "<".repeat(10), "<".repeat(10)]);
    }

    #[test]
    fn a_giant_word_is_cut_between_characters_never_inside_one() {
        let text = "é😀".repeat(50);
        let parts = split(&text, 31);
        assert!(parts.iter().all(|p| escaped_len(p) <= 31));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn empty_text_gives_no_message() {
        assert!(messages("  \n\n ").is_empty());
    }
}
