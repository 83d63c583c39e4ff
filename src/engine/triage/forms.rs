//! Forms and checklists a patient pastes, which answer after the question instead of denying
//! before it: "Chest pain? no", "Blisters: none", "swelling ✘ redness ✘ pain ✔". Read word by
//! word, "chest pain no breathless no" keeps "chest pain". Each item answered no is set aside
//! before the rules are read; an item ticked or answered yes ("Breathless? YES since an hour")
//! stays, and so does everything outside the form.

/// Marks that answer the item before them: no, or yes. Words must stand alone ("? no" is not
/// "? now").
const NO: &[&str] = &[
    "✘", "✗", "❌", "✖", "❎", "? no", "?no", ": no", ":no", ": none", "? none", "- no", "= no",
    ": nil", "? nope", ": nope",
];
const YES: &[&str] = &[
    "✔", "✓", "☑", "✅", "? yes", "?yes", ": yes", ":yes", "- yes", "= yes",
];

/// The message without the items it answers no, or `None` where it answers none.
pub fn without_denied_items(text: &str) -> Option<String> {
    if !may_answer_no(text) {
        return None;
    }
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; read the original where it does not.
    let text = if lower.len() == text.len() {
        text
    } else {
        &lower
    };
    let mut out = String::with_capacity(text.len());
    let mut denied = false;
    for (low, orig) in lower.split('\n').zip(text.split('\n')) {
        let mut at = 0;
        while let Some((start, end, no)) = next_mark(low, at) {
            if no {
                denied = true;
            } else {
                out.push_str(&orig[at..start]);
            }
            out.push(' ');
            at = end;
        }
        out.push_str(&orig[at..]);
        out.push('\n');
    }
    denied.then_some(out)
}

/// Whether `text` may hold a mark of [`NO`]: a cross, or "?", ":", "-" or "=" before "no",
/// "none", "nil" or "nope". Every message is asked this, and almost none is a form: one pass
/// over its bytes, before anything is lowercased or split.
fn may_answer_no(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'?' | b':' | b'-' | b'=' => {
            let rest = &bytes[i + 1..];
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            rest.len() >= 2 && matches!(&rest[..2], b"no" | b"No" | b"NO" | b"ni" | b"Ni" | b"NI")
        }
        // The first two bytes of the crosses "✘", "✗", "✖" (E2 9C ..) and "❌", "❎" (E2 9D ..).
        0xE2 => matches!(bytes.get(i + 1), Some(0x9C | 0x9D)),
        _ => false,
    })
}

/// The first answer mark at or after byte `from`: where it starts, where it ends, and whether
/// it answers no.
fn next_mark(line: &str, from: usize) -> Option<(usize, usize, bool)> {
    let rest = &line[from..];
    NO.iter()
        .map(|m| (m, true))
        .chain(YES.iter().map(|m| (m, false)))
        .filter_map(|(m, no)| {
            let mut search = 0;
            while let Some(i) = rest[search..].find(m) {
                let start = search + i;
                let end = start + m.len();
                // A word answer ends its item: "Chest pain? no", "Blisters: none, all good";
                // not "in your leaflet: no chest pain, no bleeding", a denial of what follows.
                let alone = !m.ends_with(|c: char| c.is_alphabetic())
                    || !rest[end..]
                        .trim_start()
                        .starts_with(|c: char| c.is_alphanumeric());
                if alone {
                    return Some((from + start, from + end, no));
                }
                search = end;
            }
            None
        })
        .min_by_key(|&(start, _, _)| start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_answered_no_are_set_aside() {
        let kept = without_denied_items(
            "Your warning sign questions:\nChest pain? no\nBreathless? no\nJust bruised, is that ok?",
        )
        .expect("denied items");
        assert!(
            !kept.contains("chest") && !kept.contains("reathless"),
            "{kept}"
        );
        assert!(kept.contains("bruised"), "{kept}");
        let kept =
            without_denied_items("swelling ✘ redness ✘ pain ✔ cold toes ✘ itchy").expect("denied");
        assert!(kept.contains("pain") && !kept.contains("swelling") && !kept.contains("cold"));
        assert!(kept.contains("itchy"), "{kept}");
    }

    #[test]
    fn items_answered_yes_and_plain_text_stay() {
        let kept = without_denied_items("Chest pain? no\nBreathless? YES since an hour")
            .expect("denied items");
        assert!(
            kept.contains("Breathless") || kept.contains("breathless"),
            "{kept}"
        );
        assert_eq!(
            without_denied_items("my calf is hot and swollen, what now?"),
            None
        );
        // "? now" is not "? no", and "leaflet: no chest pain" denies what follows.
        assert_eq!(
            without_denied_items("is it bleeding? now it is pouring"),
            None
        );
        assert_eq!(
            without_denied_items("the signs in your leaflet: no chest pain, no bleeding"),
            None
        );
    }
}
