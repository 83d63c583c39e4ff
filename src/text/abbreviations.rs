//! Abbreviations of treatments and conditions: a patient writes "had EVLA 5 days ago", a
//! leaflet "after endovenous ablation". Two sources: the standard abbreviations of vein care
//! (general medical English, like the word data), and those a document defines itself, as
//! leaflets do: "endovenous laser ablation (EVLA)".

/// Abbreviations every vein clinic's patients meet, with what they stand for.
const STANDARD: &[(&str, &str)] = &[
    ("dvt", "deep vein thrombosis"),
    ("evla", "endovenous laser ablation"),
    ("evlt", "endovenous laser treatment"),
    ("gsv", "great saphenous vein"),
    ("hrt", "hormone replacement therapy"),
    ("ipl", "intense pulsed light"),
    ("moca", "mechanochemical ablation"),
    ("rfa", "radiofrequency ablation"),
    ("ssv", "small saphenous vein"),
    ("ugfs", "ultrasound guided foam sclerotherapy"),
];

/// Letters an abbreviation has, at least and at most: "PE" to "UGFS", and a little more.
const LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// The standard abbreviations, lowercase, with their long forms.
pub fn standard() -> impl Iterator<Item = (&'static str, &'static str)> {
    STANDARD.iter().copied()
}

/// The abbreviations `text` defines in brackets after their long form, lowercase: "deep vein
/// thrombosis (DVT)" gives ("dvt", "deep vein thrombosis"). The long form is found as
/// Schwartz and Hearst do (2003): reading the abbreviation's letters from the last, each is
/// found further back in the words before the bracket, and the first must begin a word. So
/// "endovenous laser ablation (EVLA)" gives all three words, and "your scan (see below)"
/// nothing: a bracket that is not all capitals is no abbreviation.
pub fn defined(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    // Each closing bracket with the last opening one before it: a stray "(" earlier (":(")
    // does not hide a definition after it.
    while let Some(close) = text[from..].find(')').map(|k| from + k) {
        let segment = &text[from..close];
        from = close + 1;
        let Some(open) = segment.rfind('(') else {
            continue;
        };
        let short = &segment[open + 1..];
        if !LETTERS.contains(&short.chars().count())
            || !short.chars().all(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        // The words before the bracket, back to the previous closing one.
        let before = &segment[..open];
        if let Some(long) = long_form(before, short) {
            out.push((short.to_ascii_lowercase(), long));
        }
    }
    out
}

/// The words just before a bracket that `short` abbreviates, lowercase, if any do.
fn long_form(before: &str, short: &str) -> Option<String> {
    // The long form is within the few words before the bracket, in one clause (`before`
    // holds no closing bracket, but may hold a stray opening one).
    let clause = before
        .rsplit(['.', ',', ';', ':', '('])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let most = (short.len() + 5).min(short.len() * 2);
    let words = &words[words.len().saturating_sub(most)..];
    let long = words.join(" ").to_ascii_lowercase();
    let letters: Vec<char> = short.to_ascii_lowercase().chars().collect();
    let chars: Vec<char> = long.chars().collect();
    // Schwartz and Hearst: from the end of both, each letter further back in the long form.
    let mut at = chars.len();
    for (k, &letter) in letters.iter().enumerate().rev() {
        loop {
            at = at.checked_sub(1)?;
            let starts_word = at == 0 || !chars[at - 1].is_alphanumeric();
            if chars[at] == letter && (k > 0 || starts_word) {
                break;
            }
        }
    }
    // From the word the first letter begins: "the deep vein thrombosis" gives no "the".
    let long: String = chars[at..].iter().collect();
    let long = long
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // Every word of the long form must give a letter: "an injection of foam (F)" is no
    // abbreviation of "foam" alone, nor "for veins (FV)" of two words one letter each.
    (long.split(' ').count() <= letters.len()).then_some(long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_long_form_before_the_bracket() {
        assert_eq!(
            defined("including sclerotherapy (injections), endovenous laser ablation (EVLA) and"),
            [("evla".to_string(), "endovenous laser ablation".to_string())]
        );
        assert_eq!(
            defined("a clot in a deep vein, a deep vein thrombosis (DVT), needs"),
            [("dvt".to_string(), "deep vein thrombosis".to_string())]
        );
        assert_eq!(
            defined("hormone replacement therapy (HRT) and the pill"),
            [("hrt".to_string(), "hormone replacement therapy".to_string())]
        );
    }

    #[test]
    fn a_bracket_that_is_no_abbreviation_gives_nothing() {
        assert!(defined("your scan (see below) and laser (IPL)").is_empty());
        assert!(defined("the clinic (NHS) is").is_empty());
        assert!(defined("an open bracket (EVLA").is_empty());
        assert!(defined("(EVLA) with nothing before").is_empty());
        // A stray bracket before one does not hide it.
        assert_eq!(
            defined("Side effects :( are rare. Endovenous laser ablation (EVLA) is quick."),
            [("evla".to_string(), "endovenous laser ablation".to_string())]
        );
        assert_eq!(
            defined("((EVLA)) then deep vein thrombosis (DVT)"),
            [("dvt".to_string(), "deep vein thrombosis".to_string())]
        );
    }

    #[test]
    fn standard_ones_are_lowercase_long_forms() {
        for (short, long) in standard() {
            assert_eq!(short, short.to_ascii_lowercase());
            assert!(long.split(' ').count() >= 2, "{long}");
        }
    }
}
