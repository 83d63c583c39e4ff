//! Word lists that are about language, not about the clinic: words that never name a medical
//! concept (so a question is judged by the words that do), a dictionary of real English words
//! (so that spelling correction never turns one real word into another), the words of small
//! talk, and the words triage reads a message's tense and mood by.

use std::sync::OnceLock;

use rustc_hash::FxHashSet as HashSet;

/// Words that carry no medical concept of their own: function words, question words, people,
/// time, opinion and everyday verbs. A question is answered only when every word NOT in this
/// list is covered by the chosen passage, so a word belongs here only if no patient would use
/// it as the subject of a question. Words such as "pain", "safe", "cost" or "long" are
/// deliberately absent: they name things the documents may not cover.
const GENERIC: &str = "
a about above across actually after afterwards again against all almost along already also
although always am among an and another any anybody anymore anyone anything anyway anywhere are
around as ask asked asking at away
be became because become been before being believe below best better between both bit but by
can cannot certain certainly come comes coming could couple
dear definitely did do does doing done down during
each either else enough especially even ever every everybody everyone everything exactly explain
fact false far few fine for from further
generally get gets getting give go goes going gone good got gotten great guess guys
had happen happened happening happens has have having he hear heard hello help helps helped
helping her here hers herself hey hi him himself his how however
i if in indeed info information instead interested into is it its itself
just
kind know knowing known knows
last least less let lets like likely look looking looks lot lots loads
made main mainly make makes making many matter may maybe me mean means meant might mine more
most mostly must my myself myth
near nearly need needed needs neither never no none nor not nothing now
of off often oh ok okay on once one ones only onto or other others otherwise ought our ours
ourselves out over own
particular particularly people perhaps person please point possible possibly pretty probably
put
question questions quite
rather read real really right
said same say saying says see seem seems seen several shall she should simply since so some
somebody someone something sometimes somewhat sort still such sure
take taken takes taking tell telling tells than thank thanks that the their theirs them
themselves then there therefore these they thing things think thinking this those though
thought through thus to together told too toward towards true truly try trying
under unless until up upon us use used uses using usually
very
want wanted wanting wants was way ways we well went were what whatever when whenever where
whereas wherever whether which while who whoever whole whom whose why will wish with within
wonder wondered wondering would
yeah yes yet you your yours yourself yourselves
work works worked working
general generally overall bad worse worst mention mentions mentioned mentioning thing stuff
exactly purely basically roughly approximately literally honestly seriously kinds type types sorts
till noticed notice notices noticing keep keeps keeping kept start started starting starts begin
began round reckon reckons reckoned claim claims rubbish nonsense vs versus night nights condition
conditions terrified scared afraid worried worry worrying nervous anxious
awful terrible horrible dreadful nice lovely fancy dodgy proper
concerned hate love option options choice choices alternative alternatives meaning definition
number amount whatever actual quit quitting
time times
tip tips idea ideas suggestion suggestions pointers
allowed allow allows permitted alright supposed able
today tonight tomorrow yesterday currently recently lately
wat r u ur ya shud wud cud pls plz thx abt bc cuz coz wanna gonna gotta im ive dont doesnt didnt
isnt arent cant wont y k
sir madam kindly grateful appreciate appreciated faithfully sincerely regards hiya hun hon luv
sorry apologies ta xx xxx
yo bro bruh bruv dude mate lol lmao haha omg tbh fam nah naw nope yep yup yea innit super
confused confusing opinion opinions
";

/// Greetings, thanks, goodbyes and questions about the bot itself: small talk.
pub const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "greetings",
    "morning",
    "afternoon",
    "evening",
    "yo",
    "hallo",
    "sup",
];
pub const THANKS: &[&str] = &[
    "thanks",
    "thank",
    "thx",
    "ty",
    "cheers",
    "appreciate",
    "appreciated",
    "grateful",
    "helpful",
];
pub const GOODBYES: &[&str] = &[
    "bye",
    "goodbye",
    "cya",
    "later",
    "farewell",
    "goodnight",
    "night",
];
/// Words that may stand around small talk without making it a question: "ok thanks bye",
/// "good morning!", "who are you?".
pub const SMALLTALK_FILLER: &[&str] = &[
    "ok",
    "okay",
    "good",
    "great",
    "nice",
    "so",
    "much",
    "very",
    "you",
    "a",
    "lot",
    "there",
    "all",
    "and",
    "for",
    "the",
    "see",
    "have",
    "day",
    "dear",
    "again",
    "bot",
    "robot",
    "human",
    "person",
    "real",
    "are",
    "is",
    "what",
    "who",
    "can",
    "do",
    "how",
    "i",
    "me",
    "with",
    "your",
    "name",
    "help",
    "know",
    "about",
    "assistant",
    "ai",
    "chatbot",
    "it",
    "tell",
    "yourself",
    "doing",
    "today",
    "well",
    "fine",
    "really",
    "everyone",
    "again",
    "just",
    "that",
    "was",
    "this",
    "cool",
    "awesome",
    "perfect",
    "alright",
    "sure",
    "yes",
    "no",
    "thats",
    "that's",
    "welcome",
    "take",
    "care",
    "soon",
    "morning",
    "now",
    "kind",
    "of",
    "be",
    "will",
    "oh",
    "hmm",
    "please",
    "am",
    "an",
    "to",
    "my",
    "we",
    "or",
    "not",
    "mate",
    "buddy",
    "pal",
    "folks",
    "again",
    "lovely",
    "brilliant",
];

/// Other words of small talk: chat spellings, and words about the conversation itself.
pub const SMALLTALK_EXTRA: &[&str] = &[
    "u", "thnx", "thanx", "tnx", "helo", "hii", "heya", "doctor", "nurse", "chat", "talking",
    "talk", "speaking", "chatting", "helped", "meet", "nice", "glad", "pleasure", "useful",
    "answer", "answers", "ok", "got", "it",
];

// Triage (engine/triage/): words that deny, turn, ask in general or tell of the past
// or of now, in every language triaged.

/// Words that deny what follows them, up to the next word that turns the sentence.
pub const NEGATORS: &[&str] = &["no", "not", "without", "never", "nor", "neither", "none"];

pub const TURNS: &[&str] = &[
    "but", "except", "though", "although", "however", "now", "yet",
];

/// Words of a question about risk or signs in general, or of a hypothetical ("if").
pub const GENERAL: &[&str] = &[
    "cause",
    "causes",
    "causing",
    "risk",
    "risks",
    "chance",
    "chances",
    "likely",
    "possible",
    "signs",
    "symptoms",
    "symptom",
    "prevent",
    "avoid",
    "recognise",
    "recognize",
    "ever",
    "happens",
    "effect",
    "effects",
    "common",
    "rare",
    "lower",
    "reduce",
    "if",
    "mention",
    "mentioned",
    "danger",
    "dangers",
    "dangerous",
    "risky",
    "suppose",
    "supposing",
    "hypothetically",
    "imagine",
    "safe",
    "run",
    "runs",
    "genetic",
    "hereditary",
    // The same in the other languages triaged.
    "causar",
    "causer",
    "verursachen",
    "causare",
    "signes",
    "signos",
    "sintomas",
    "sintomi",
    "symptome",
    "risiko",
    "riesgo",
    "risque",
    "rischio",
    "risco",
    "puede",
    "peut",
    "pode",
    "quels",
    "quelles",
    "cuales",
    "quais",
    "quali",
    "welche",
];

/// Question words, wherever they stand: "am I at risk", "my mum had DVT, am I at risk".
pub const ASKING: &[&str] = &[
    "can", "could", "does", "do", "will", "would", "is", "are", "am", "what", "how", "which",
    "should", "may", "might", "when", "why", "who", "where", "kann", "puedo", "puede", "peux",
    "peut", "posso", "puo", "pode", "quels", "quelles", "quais", "cuales", "quali", "welche",
    "que", "como", "wie",
];

/// Words of the past: "years ago", "in the past", "my history of", "when I was pregnant".
pub const PAST: &[&str] = &[
    "years",
    "history",
    "previously",
    "used",
    "childhood",
    "teenager",
    "adolescent",
    "adolescente",
    "jugendlicher",
    "anos",
    "ans",
    "jahren",
    "anni",
    "tuve",
    "tive",
    "hatte",
    "avuto",
    "tenido",
    "tido",
];

/// People whose clot, past or present, is family history when the patient asks about it.
pub const RELATIVES: &[&str] = &[
    "mum",
    "mom",
    "mother",
    "dad",
    "father",
    "sister",
    "brother",
    "nan",
    "gran",
    "grandma",
    "grandmother",
    "grandad",
    "grandfather",
    "aunt",
    "uncle",
    "family",
    "cousin",
    "mutter",
    "vater",
    "madre",
    "padre",
    "mere",
    "pere",
    "mae",
    "pai",
];

/// Words that put the sign in the present: a sign happening now wins over all of the above.
pub const NOW: &[&str] = &[
    "now",
    "currently",
    "today",
    "tonight",
    "suddenly",
    "yesterday",
    "morning",
    "started",
    "keeps",
    "since",
    "been",
    "just",
    "ahora",
    // "since" and "this morning", "yesterday": "desde esta mañana me falta el aire".
    "desde",
    "depuis",
    "seit",
    "stamattina",
    "manana",
    "matin",
    "ayer",
    "hier",
    "gestern",
    "ieri",
    "ontem",
    "maintenant",
    "jetzt",
    "adesso",
    "agora",
    "hoy",
    "heute",
    "oggi",
    "hoje",
];

/// FxHash rather than the default SipHash: the set is fixed and asked several times for every
/// word of every question.
fn generic() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        GENERIC
            .split_whitespace()
            .chain(NUMBERS.iter().copied())
            .collect()
    })
}

/// True for a word that names no concept (see [`GENERIC`]), a single letter, or a number.
/// Nor is "much": "how much is laser?" asks a price.
/// Spans of time ("weeks", "years") are not generic either: "how many weeks until they fade"
/// asks about a timeline the documents may not give.
/// People ("my mom", "my doctor") are not generic: "my mom had them, will I?" asks about
/// heredity, which a passage merely mentioning spider veins does not answer.
pub fn is_generic(word: &str) -> bool {
    generic().contains(word)
        || word.chars().count() == 1
        || word.chars().all(|c| c.is_ascii_digit())
}

/// Numbers written as words, which count as numbers in digits do: "for about ten years" is
/// "for about 10 years" ("one" is a generic word already). In the generic set, so that asking
/// costs one lookup, but no spelling correction lands on them (see [`generic_words`]).
const NUMBERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
];

/// The generic words, for the spelling corrector ("wiht" -> "with", "hapens" -> "happens").
pub fn generic_words() -> impl Iterator<Item = &'static str> {
    generic().iter().copied().filter(|w| !NUMBERS.contains(w))
}

/// The words of a generated list (one per line, `#` for its header), as a set.
fn word_set(list: &'static str) -> HashSet<&'static str> {
    list.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

/// True for a word naming a kind of physical exercise or sport ("running", "cycling",
/// "swimming"), from WordNet (see `tools/gen_activities.py`).
pub fn is_activity(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| word_set(include_str!("activities.txt")))
        .contains(word)
}

/// Words whose sense at a clinic is not their most frequent one in English, with the words
/// that say the same thing there. WordNet ranks "operation" as a business or a process and
/// "tablet" as a slab, so general English relates neither to a passage on "procedures" or
/// "medicines"; a patient writing to a vein clinic means the surgical and the medicinal sense.
/// General medical English, not any clinic's own words (those belong in `synonyms.toml`).
const CLINIC_SENSES: &[(&str, &[&str])] = &[
    ("medication", &["medicine", "tablets"]),
    ("medicine", &["medication", "tablets"]),
    ("op", &["operation", "surgery", "procedure"]),
    ("ops", &["operation", "surgery", "procedure"]),
    ("operation", &["surgery", "procedure"]),
    ("procedure", &["operation", "surgery"]),
    ("surgery", &["operation", "procedure"]),
    ("tablet", &["medicine", "medication"]),
];

/// What `word` (a base form) means at a clinic, where that is not its everyday sense (see
/// [`CLINIC_SENSES`]).
pub fn clinic_sense(word: &str) -> &'static [&'static str] {
    CLINIC_SENSES
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(&[], |(_, same)| same)
}

/// True for a noun naming an occupation or a sport a person does ("teacher", "hairdresser",
/// "driver"), from WordNet (see `tools/gen_occupations.py`).
pub fn is_occupation(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| word_set(include_str!("occupations.txt")))
        .contains(word)
}

/// True for a real English word of at least four letters (a 40,000-word list, see the file's
/// header). Only used to refuse corrections, so it is loaded on first need. A hash set: triage
/// asks it of every long word of every question, and a binary search's sixteen string
/// comparisons were a tenth of triage's time.
pub fn is_english_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| word_set(include_str!("english-words.txt")))
        .contains(word)
}

/// A span of time, as a passage that answers "how long" or "how many weeks" states it.
pub const DURATION: &[&str] = &[
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "overnight",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_knows_real_words_but_not_typos() {
        assert!(is_english_word("slim"));
        assert!(is_english_word("shave"));
        assert!(!is_english_word("excercise"));
        assert!(!is_english_word("lazer"));
    }

    #[test]
    fn concept_words_are_not_generic() {
        for w in ["pain", "safe", "cost", "long", "sauna", "laser", "shave"] {
            assert!(!is_generic(w), "{w}");
        }
        assert!(is_generic("wondering"));
        assert!(is_generic("2026"));
        // A number in words is a number: "for about ten years" names no more than "10 years".
        assert!(is_generic("ten") && is_generic("fifteen"));
        assert!(!is_generic("tense"));
    }
}
