//! Cleaning a message and splitting it into words: contractions expanded, chat spellings
//! read, letters typed many times squeezed, words run together split; and stemming.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::UnicodeNormalization;

use super::english;

/// Longest question the engine reads, in characters. A patient's question is a sentence or
/// two; anything longer is cut here so that hostile input costs no more than a long question.
pub const MAX_QUESTION_CHARS: usize = 1000;

/// Unicode NFKC, no control or invisible formatting characters (zero-width spaces,
/// right-to-left marks), typographic quotes made plain, and at most [`MAX_QUESTION_CHARS`].
pub fn clean(input: &str) -> String {
    // Bound the work before normalising: NFKC can expand, never by more than a few times.
    let chars = input.chars().take(MAX_QUESTION_CHARS * 4);
    let capacity = input.len().min(MAX_QUESTION_CHARS * 4);
    // NFKC leaves ASCII as it is.
    if input.is_ascii() {
        clean_chars(chars, capacity)
    } else {
        clean_chars(chars.nfkc(), capacity)
    }
}

fn clean_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut count = 0;
    for c in chars {
        if count >= MAX_QUESTION_CHARS {
            break;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            c if c.is_control() => ' ',
            c if is_invisible(c) => continue,
            c => c,
        };
        out.push(c);
        count += 1;
    }
    out.trim().to_string()
}

/// Zero-width and bidirectional formatting characters: invisible, and a way to hide words.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFF0}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Lowercase words of `text`, with English contractions expanded ("can't" -> "cannot",
/// "don't" -> "do not") so that negations and phrases match however they are typed.
pub fn words(text: &str) -> Vec<String> {
    let mut out = split_words(text);
    fix_slips(&mut out, &mut []);
    out
}

/// [`words`] of a text given in pieces (a passage's sentences), and where each piece that
/// has words ends among them: the words are the same as [`words`] of the whole text, as the
/// slips are read across the pieces.
pub fn words_of_pieces<'a>(pieces: impl IntoIterator<Item = &'a str>) -> (Vec<String>, Vec<usize>) {
    let mut out = Vec::new();
    let mut ends = Vec::new();
    for piece in pieces {
        out.extend(split_words(piece));
        if out.len() > ends.last().copied().unwrap_or(0) {
            ends.push(out.len());
        }
    }
    fix_slips(&mut out, &mut ends);
    (out, ends)
}

/// Common slips read as what they mean, in place; `ends` (positions in `out`, ascending)
/// move with any words joined.
fn fix_slips(out: &mut Vec<String>, ends: &mut [usize]) {
    // "dose" for "does", a common slip: only where a question's verb stands ("dose walking
    // help", "how dose it work"), never after a determiner ("the right dose").
    for i in 0..out.len() {
        let before = if i == 0 {
            None
        } else {
            Some(out[i - 1].as_str())
        };
        // "round my ankles": the preposition, as "around" (the documents' word), where a
        // place follows; "a round of treatment" stays.
        let after_article = i > 0
            && matches!(
                out[i - 1].as_str(),
                "a" | "one" | "another" | "first" | "second" | "next"
            );
        if out[i] == "round"
            && !after_article
            && out.get(i + 1).is_some_and(|n| {
                matches!(
                    n.as_str(),
                    "my" | "the" | "your" | "his" | "her" | "their" | "our" | "both" | "each"
                )
            })
        {
            out[i] = "around".to_string();
            continue;
        }
        if out[i] == "dose"
            && matches!(
                before,
                None | Some("how" | "why" | "where" | "when" | "what")
            )
            && out.len() > i + 1
        {
            let next = out[i + 1].as_str();
            if !matches!(next, "of" | "is" | "for" | "should" | "do" | "does") {
                out[i] = "does".to_string();
            }
        }
    }
    // "c section" (typed "c-section" too): a caesarean, as documents name it.
    while let Some(i) = out
        .windows(2)
        .position(|w| w[0] == "c" && matches!(w[1].as_str(), "section" | "sections"))
    {
        out.splice(i..i + 2, ["caesarean".to_string()]);
        for end in ends.iter_mut().filter(|e| **e > i + 1) {
            *end -= 1;
        }
    }
}

/// [`words`], with words run together split ("chestpain" -> "chest", "pain"), except those
/// `keep` says are known or typos of known words.
pub fn words_unjoined(text: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for w in words(text) {
        match split_run_together(&w).filter(|_| !keep(&w)) {
            Some((a, b)) => {
                out.push(a);
                out.push(b);
            }
            None => out.push(w),
        }
    }
    out
}

/// Words a text writes with a hyphen that English also writes closed up: "make-up" ->
/// "makeup", "check-up" -> "checkup". A passage's words are its hyphenated words' halves
/// ("make", "up", which a question saying "make up" matches); these are added so that a
/// question typing the word closed up matches it too. Only words English lists, so
/// "rope-like" adds nothing.
pub fn hyphen_joined(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let mut halves = piece.split('-');
        let (Some(a), Some(b), None) = (halves.next(), halves.next(), halves.next()) else {
            continue;
        };
        if a.is_empty() || b.is_empty() {
            continue;
        }
        let joined = format!("{a}{b}").to_lowercase();
        if english::is_listed(&joined) && !out.contains(&joined) {
            out.push(joined);
        }
    }
    out
}

fn split_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    // "£300" is an amount of money, read as it is said, "300 pounds": "how much does it cost"
    // is answered by a passage that gives one ("Sclerotherapy costs £300 per session").
    let mut unit: Option<&str> = None;
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    while let Some(c) = chars.next() {
        if let Some(u) = currency(c) {
            // The sign after the sum ("300€", "300 €") or before it ("£300", "£ 300").
            let after_sum = unit.is_none()
                && if word.is_empty() {
                    out.last().is_some_and(|w: &String| number(w))
                } else {
                    number(&word)
                };
            if !word.is_empty() {
                push_word(&mut out, std::mem::take(&mut word));
            }
            out.extend(unit.take().map(str::to_string));
            if after_sum {
                out.push(u.to_string());
            } else if chars
                .clone()
                .find(|c| *c != ' ')
                .is_some_and(|c| c.is_ascii_digit())
            {
                unit = Some(u);
            }
            continue;
        }
        if c.is_alphanumeric() {
            // An ASCII letter lowercases to one letter: no case-mapping iterator, which was
            // most of what reading a message cost.
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if c == '\'' && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
        } else if !word.is_empty() {
            push_word(&mut out, std::mem::take(&mut word));
            out.extend(unit.take().map(str::to_string));
        }
    }
    if !word.is_empty() {
        push_word(&mut out, word);
    }
    out.extend(unit.map(str::to_string));
    out
}

/// The word for an amount in a currency whose sign is `c`.
fn currency(c: char) -> Option<&'static str> {
    match c {
        '£' => Some("pounds"),
        '€' => Some("euros"),
        '$' => Some("dollars"),
        _ => None,
    }
}

/// "sooo" -> "so", "hurtsss" -> "hurts", "swolllen" -> "swollen": a letter typed three
/// times or more stands for one, or two where English has the double ("sleeep" -> "sleep").
fn squeeze_repeats(word: String) -> String {
    // Most words: ASCII, no letter three times in a row.
    if word.is_ascii()
        && !word
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2])
    {
        return word;
    }
    let chars: Vec<char> = word.chars().collect();
    if !chars
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic())
    {
        return word;
    }
    let squeeze = |keep: usize| {
        let mut out = String::with_capacity(word.len());
        let mut run = 0;
        for (i, &c) in chars.iter().enumerate() {
            run = if i > 0 && chars[i - 1] == c {
                run + 1
            } else {
                1
            };
            if run <= keep || !c.is_alphabetic() {
                out.push(c);
            }
        }
        out
    };
    // Whichever English uses more: "soo" is listed too, but "so" far more.
    let (double, single) = (squeeze(2), squeeze(1));
    let zipf = |w: &str| english::zipf(w).unwrap_or(0.0);
    if zipf(&double) > zipf(&single) {
        double
    } else {
        single
    }
}

/// "chestpain" -> "chest pain", "bloodclot" -> "blood clot": a word English does not know
/// that is two words it knows well, run together. The split whose rarer half is most common
/// wins; a word with no such split stays whole ("sclerotherapy", "hinchazón").
pub fn split_run_together(word: &str) -> Option<(String, String)> {
    const MIN_PART: usize = 3;
    const MIN_ZIPF: f32 = 3.0;
    if word.len() < 2 * MIN_PART + 1 || !word.is_ascii() || english::is_listed(word) {
        return None;
    }
    (MIN_PART..=word.len() - MIN_PART)
        .filter_map(|i| {
            let (a, b) = word.split_at(i);
            let za = english::zipf(a).filter(|z| *z >= MIN_ZIPF)?;
            let zb = english::zipf(b).filter(|z| *z >= MIN_ZIPF)?;
            Some((za.min(zb), a, b))
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, a, b)| (a.to_string(), b.to_string()))
}

/// A pronoun's contraction with its apostrophe, as its plain form: "i've" -> "ive" (read as
/// "i have", like "ive"), "it's" -> "it is". A noun's "'s" is left to the clitic rule
/// ("skin's" -> "skin").
fn contraction(word: &str) -> Option<&'static str> {
    Some(match word {
        "i've" => "ive",
        "you've" => "youve",
        "we've" => "weve",
        "they've" => "theyve",
        "you're" => "youre",
        "they're" => "theyre",
        "we're" => "we are",
        "it's" => "it is",
        "he's" => "he is",
        "she's" => "she is",
        "that's" => "thats",
        "there's" => "theres",
        "what's" => "whats",
        "who's" => "whos",
        "where's" => "wheres",
        "how's" => "hows",
        "i'll" => "i will",
        "you'll" => "you will",
        "it'll" => "itll",
        "i'd" => "i would",
        "should've" => "shouldve",
        "would've" => "wouldve",
        "could've" => "couldve",
        _ => return None,
    })
}

fn push_word(out: &mut Vec<String>, word: String) {
    let word = squeeze_repeats(word);
    if let Some(plain) = contraction(&word) {
        for w in plain.split(' ') {
            push_word(out, w.to_string());
        }
        return;
    }
    let expanded: &[&str] = match word.as_str() {
        "can't" | "cant" | "cannot" => &["cannot"],
        "won't" | "wont" => &["will", "not"],
        // Scots: "I cannae lift my arm", "it didnae stop".
        "cannae" | "canna" => &["cannot"],
        "dinnae" | "dinna" => &["do", "not"],
        "didnae" => &["did", "not"],
        "doesnae" => &["does", "not"],
        "isnae" => &["is", "not"],
        "wasnae" => &["was", "not"],
        "willnae" | "winnae" => &["will", "not"],
        "wouldnae" => &["would", "not"],
        "couldnae" => &["could", "not"],
        "shouldnae" => &["should", "not"],
        "havenae" | "hivnae" => &["have", "not"],
        // Text-speak for the words that make a question: "hw long does it last", "cn
        // exercise get rid of them". Read as the words, so "how long" is still asked.
        "hw" => &["how"],
        "cn" => &["can"],
        "i'm" | "im" => &["i", "am"],
        "dont" => &["do", "not"],
        "doesnt" => &["does", "not"],
        "didnt" => &["did", "not"],
        "isnt" => &["is", "not"],
        "arent" => &["are", "not"],
        "ive" => &["i", "have"],
        "whats" => &["what", "is"],
        "thats" => &["that", "is"],
        "hows" => &["how", "is"],
        "whos" => &["who", "is"],
        "wheres" => &["where", "is"],
        "whys" => &["why", "is"],
        "theres" => &["there", "is"],
        "somethings" => &["something", "is"],
        "everythings" => &["everything", "is"],
        "nothings" => &["nothing", "is"],
        "anythings" => &["anything", "is"],
        "youre" => &["you", "are"],
        "shes" => &["she", "is"],
        "hes" => &["he", "is"],
        "theyre" => &["they", "are"],
        "youve" => &["you", "have"],
        "theyve" => &["they", "have"],
        "weve" => &["we", "have"],
        "itll" => &["it", "will"],
        "shouldve" => &["should", "have"],
        "wouldve" => &["would", "have"],
        "couldve" => &["could", "have"],
        // Chat spellings, so that phrases such as "who should i see" still match.
        "u" => &["you"],
        "ur" => &["your"],
        "r" => &["are"],
        "wat" | "wut" => &["what"],
        "shud" | "shld" => &["should"],
        "wud" => &["would"],
        "cud" => &["could"],
        "pls" | "plz" => &["please"],
        "dos" => &["does"],
        "wrk" => &["work"],
        "thru" => &["through"],
        "tho" => &["though"],
        "cuz" | "coz" | "bc" | "becos" | "becoz" | "becuz" | "bcoz" | "bcos" | "bcuz" => {
            &["because"]
        }
        // Misspelt words of the question's frame: a speller never turns an unknown word
        // into one of these (see `lexicon::is_generic`), so "wil i need an mri aswell or is
        // the ultrasound enuf" asked about "wil", "aswell" and "enuf", which no document has.
        // Not "wen" (a cyst), "cld" (chronic liver disease) or "probs" (problems, too).
        "wil" | "wll" => &["will"],
        "wich" | "whitch" | "wihch" => &["which"],
        "hav" => &["have"],
        "aswell" => &["as", "well"],
        "enuf" | "enuff" => &["enough"],
        "alot" => &["a", "lot"],
        "abit" => &["a", "bit"],
        "infact" => &["in", "fact"],
        "gonna" => &["going", "to"],
        "wanna" => &["want", "to"],
        "gotta" => &["got", "to"],
        "dunno" => &["do", "not", "know"],
        "kinda" => &["kind", "of"],
        "sorta" => &["sort", "of"],
        "aint" => &["is", "not"],
        "smth" | "sth" | "sumthing" | "somethin" => &["something"],
        "some1" => &["someone"],
        "any1" | "ne1" => &["anyone"],
        "wld" => &["would"],
        "shd" => &["should"],
        "defo" | "deffo" => &["definitely"],
        "abt" => &["about"],
        "wouldnt" => &["would", "not"],
        "couldnt" => &["could", "not"],
        "shouldnt" => &["should", "not"],
        "wasnt" => &["was", "not"],
        "havent" => &["have", "not"],
        "hasnt" => &["has", "not"],
        "yrs" => &["years"],
        "yr" => &["year"],
        "mins" => &["minutes"],
        "hrs" => &["hours"],
        "wks" => &["weeks"],
        "appt" | "appts" => &["appointment"],
        "op" => &["operation"],
        "atm" => &["at", "the", "moment"],
        "asap" => &["as", "soon", "as", "possible"],
        "idk" => &["i", "do", "not", "know"],
        "rn" => &["right", "now"],
        "tmrw" | "tmw" | "tomoz" | "tmr" | "2moro" | "2morrow" => &["tomorrow"],
        "2day" => &["today"],
        "tonite" => &["tonight"],
        "nite" => &["night"],
        "ppl" => &["people"],
        "b4" => &["before"],
        "cos" | "cus" => &["because"],
        "rly" => &["really"],
        "obv" | "obvs" => &["obviously"],
        "wk" => &["week"],
        "hr" => &["hour"],
        "dr" => &["doctor"],
        "drs" => &["doctors"],
        "hosp" => &["hospital"],
        "pic" => &["picture"],
        "pics" => &["pictures"],
        "meds" => &["medicines"],
        "hubby" => &["husband"],
        "preggo" | "preggers" | "preggy" | "prego" => &["pregnant"],
        "csection" => &["caesarean"],
        "lol" | "omg" | "tbh" | "btw" | "xx" | "x" | "imo" | "fyi" | "pmsl" => &[],
        _ => &[],
    };
    if !expanded.is_empty()
        || matches!(
            word.as_str(),
            "lol" | "omg" | "tbh" | "btw" | "xx" | "x" | "imo" | "fyi" | "pmsl"
        )
    {
        out.extend(expanded.iter().map(|s| s.to_string()));
        return;
    }
    // British past forms in -t ("sunburnt", "learnt") as the -ed forms the stemmer joins
    // to their verb ("sunburned" -> "sunburn").
    if let Some(ed) = [
        ("burnt", "burned"),
        ("learnt", "learned"),
        ("spoilt", "spoiled"),
        ("dreamt", "dreamed"),
    ]
    .iter()
    .find_map(|(t, ed)| word.strip_suffix(t).map(|start| format!("{start}{ed}")))
    {
        out.push(ed);
        return;
    }
    if let Some(base) = word.strip_suffix("n't") {
        out.push(base.to_string());
        out.push("not".to_string());
        return;
    }
    // Possessive and other clitics carry no meaning here: "skin's" -> "skin". French and
    // Italian elide the article or pronoun before the word instead ("l'aria", "s'est",
    // "dell'occhio"): there the word is what follows.
    let base = match word.split_once('\'') {
        Some((
            "l" | "d" | "j" | "n" | "s" | "c" | "m" | "t" | "qu" | "dell" | "all" | "nell" | "sull"
            | "dall" | "un",
            after,
        )) if after.chars().count() >= 2 => after.to_string(),
        Some((base, _)) => base.to_string(),
        None => word,
    };
    if !base.is_empty() {
        out.push(base);
    }
}

/// The English (Porter2) stem of one lowercase word, with common derivational endings also
/// removed: "exercising" -> "exercis", and "treated" and "treatment" both -> "treat"
/// (Porter2 keeps "treatment", "smallest" and "circulatory" apart from their roots).
/// A stem begins with the word's first letter: both steps only change the end of a word.
pub fn stem(word: &str) -> String {
    static COMMON: OnceLock<HashMap<&'static str, Box<str>>> = OnceLock::new();
    let common = COMMON.get_or_init(|| {
        english::common_words(STEMMED_ONCE_ZIPF)
            .map(|w| (w, stem_now(w).into()))
            .collect()
    });
    match common.get(word) {
        Some(stem) => stem.to_string(),
        None => stem_now(word),
    }
}

/// English words at least this common (Zipf) are stemmed once, on first need, and looked up
/// after. Stemming a word costs about a quarter of a microsecond, and most words of a
/// question are common: the 6,400 words from 4.5 are two thirds of the words of our test
/// questions that the shipped document does not use (the documents' own words are looked up
/// in the engine's corpus statistics). Stemming them all adds about two milliseconds to the
/// first load of a process (9.6 -> 11.8 ms on the shipped folder), none to a reload.
const STEMMED_ONCE_ZIPF: f32 = 4.5;

/// [`stem`], worked out.
fn stem_now(word: &str) -> String {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    let stem = STEMMER
        .get_or_init(|| Stemmer::create(Algorithm::English))
        .stem(word);
    root(&stem).to_string()
}

/// Derivational suffixes removed after stemming, longest first. A root keeps at least four
/// letters, so "laser" and "water" stay whole.
const SUFFIXES: &[&str] = &[
    "ations", "ation", "ments", "ment", "ition", "atori", "ness", "ori", "ion", "est", "er",
];

fn root(stem: &str) -> &str {
    for suffix in SUFFIXES {
        if let Some(base) = stem.strip_suffix(suffix)
            && base.chars().count() >= 4
        {
            return base;
        }
    }
    stem
}

/// Stems of every word of `text`.
pub fn stems(text: &str) -> Vec<String> {
    words(text).iter().map(|w| stem(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_read_as_any_text_is() {
        // `split_words` lowercases ASCII letters itself: for every ASCII character it must
        // agree with the Unicode case mapping and the Unicode test of a word's letters.
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(
                c.to_ascii_lowercase().to_string(),
                c.to_lowercase().to_string(),
                "{c:?}"
            );
            assert_eq!(c.is_alphanumeric(), c.is_ascii_alphanumeric(), "{c:?}");
        }
        assert_eq!(
            split_words("Can't I  swim?? It's 5KM -- sooo tired, Hurtsss!!"),
            split_words("can't i  swim?? it's 5km -- sooo tired, hurtsss!!")
        );
        // Non-ASCII letters in the same text still go through the Unicode mapping.
        assert_eq!(split_words("ÉTÉ Swim"), ["été", "swim"]);
    }

    #[test]
    fn a_sum_of_money_is_read_as_it_is_said() {
        assert_eq!(
            words("Sclerotherapy costs £300 per session."),
            ["sclerotherapy", "costs", "300", "pounds", "per", "session"]
        );
        assert_eq!(words("about €50"), ["about", "50", "euros"]);
        assert_eq!(words("$20"), ["20", "dollars"]);
        // The sign after the sum, or apart from it.
        assert_eq!(
            words("300€ or 300 € or £ 300"),
            ["300", "euros", "or", "300", "euros", "or", "300", "pounds"]
        );
        // Two sums run together keep their units.
        assert_eq!(words("£5£6"), ["5", "pounds", "6", "pounds"]);
        // A sign by no number is no sum.
        assert_eq!(words("£ or $?"), ["or"]);
    }

    #[test]
    fn clean_strips_invisible_and_control_characters() {
        assert_eq!(
            clean("laser\u{200B} on \u{202E}face\u{0007}!"),
            "laser on face !"
        );
        assert_eq!(clean("\u{FEFF}  "), "");
    }

    #[test]
    fn clean_applies_nfkc_and_bounds_length() {
        assert_eq!(clean("ｌａｓｅｒ"), "laser");
        assert_eq!(
            clean(&"a".repeat(10_000)).chars().count(),
            MAX_QUESTION_CHARS
        );
    }

    #[test]
    fn a_text_read_in_pieces_has_the_words_of_the_whole() {
        // "Dose" opening a sentence of a passage stays "dose", as in the whole text, where a
        // question's opening "dose walking help" is read as "does".
        let text = "Take it with food. Dose depends on weight. They had a c\nsection.";
        let pieces = [
            "Take it with food",
            " Dose depends on weight",
            " They had a c",
            "section",
        ];
        let (read, ends) = words_of_pieces(pieces);
        assert_eq!(read, words(text));
        assert_eq!(read[4], "dose");
        // The caesarean joined across the line break closes the third piece.
        assert_eq!(ends, vec![4, 8, 12, 12]);
        assert_eq!(read[11], "caesarean");
    }

    #[test]
    fn dose_is_read_as_does_only_where_a_verb_stands() {
        assert_eq!(words("how dose the pump work")[1], "does");
        assert_eq!(words("dose walking help")[0], "does");
        assert_eq!(words("what dose is safe")[1], "dose");
        assert_eq!(words("the right dose")[2], "dose");
        assert_eq!(words("hw long does it last")[..2], ["how", "long"]);
        assert_eq!(words("cn exercise help")[0], "can");
    }

    #[test]
    fn letters_typed_again_and_again_count_once() {
        assert_eq!(words("sooo swolllen"), ["so", "swollen"]);
        assert_eq!(words("sleeeep hurtsss"), ["sleep", "hurts"]);
        assert_eq!(words("too fee"), ["too", "fee"]);
    }

    #[test]
    fn words_run_together_are_split_but_unknown_words_stay_whole() {
        let split = |t: &str| words_unjoined(t, |_| false);
        assert_eq!(split("chestpain"), ["chest", "pain"]);
        assert_eq!(
            split("bloodclot legswollen"),
            ["blood", "clot", "leg", "swollen"]
        );
        assert_eq!(
            split("sclerotherapy hinchazón"),
            ["sclerotherapy", "hinchazón"]
        );
        assert_eq!(
            words_unjoined("legulcer", |w| w == "legulcer"),
            ["legulcer"]
        );
    }

    #[test]
    fn hyphenated_words_english_writes_closed_up_are_joined() {
        assert_eq!(
            hyphen_joined("without make-up, or a check-up; rope-like veins, one-way valves"),
            ["makeup", "checkup"]
        );
        assert!(hyphen_joined("a well known - and safe - treatment").is_empty());
    }

    #[test]
    fn round_before_a_place_is_around() {
        assert_eq!(words("red round my nose")[1], "around");
        assert_eq!(words("a round of treatment")[1], "round");
        assert_eq!(words("is it round")[2], "round");
    }

    #[test]
    fn chat_spellings_and_british_past_forms_read_as_words() {
        assert_eq!(
            words("do ppl need a c-section b4 36 wks"),
            [
                "do",
                "people",
                "need",
                "a",
                "caesarean",
                "before",
                "36",
                "weeks"
            ]
        );
        assert_eq!(words("im preggo")[2], "pregnant");
        assert_eq!(
            words("wil i need an mri aswell or is it enuf"),
            [
                "will", "i", "need", "an", "mri", "as", "well", "or", "is", "it", "enough"
            ]
        );
        assert_eq!(
            words("wich one is gonna work"),
            ["which", "one", "is", "going", "to", "work"]
        );
        assert_eq!(stem(&words("sunburnt")[0]), stem("sunburn"));
        assert_eq!(words("i learnt it"), ["i", "learned", "it"]);
        assert_eq!(words("vitamin c"), ["vitamin", "c"]);
    }

    #[test]
    fn elided_articles_leave_the_word() {
        assert_eq!(words("manca l'aria"), ["manca", "aria"]);
        assert_eq!(words("il s'est effondré"), ["il", "est", "effondré"]);
        assert_eq!(words("the skin's"), ["the", "skin"]);
    }

    #[test]
    fn contractions_are_expanded() {
        assert_eq!(
            words("I can't breathe, it won't stop"),
            ["i", "cannot", "breathe", "it", "will", "not", "stop"]
        );
        assert_eq!(words("doesn't the skin's"), ["does", "not", "the", "skin"]);
        assert_eq!(words("I've had"), ["i", "have", "had"]);
        assert_eq!(words("it's sore"), ["it", "is", "sore"]);
        assert_eq!(
            words("somethings wrong, theyre sore"),
            ["something", "is", "wrong", "they", "are", "sore"]
        );
        assert_eq!(
            words("he cannae lift his arm, it didnae stop"),
            [
                "he", "cannot", "lift", "his", "arm", "it", "did", "not", "stop"
            ]
        );
    }

    #[test]
    fn stems_join_inflections_and_derivations() {
        assert_eq!(stem("exercising"), stem("exercise"));
        assert_eq!(stem("treated"), stem("treatments"));
        assert_eq!(stem("smallest"), stem("small"));
        assert_eq!(stem("circulation"), stem("circulatory"));
        assert_ne!(stem("laser"), stem("las"));
        assert_eq!(stems("Veins, vein"), [stem("vein"), stem("vein")]);
    }
}
