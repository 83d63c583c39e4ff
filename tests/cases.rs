//! The repository's regression cases (`tests/cases/*.toml`) and product promises that hold for
//! every reply, run through the same code as `spider-vein-bot eval`.

use std::path::Path;

use spider_vein_bot::{Engine, ReplyKind, eval};

fn engine() -> Engine {
    Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("the shipped knowledge loads")
}

#[test]
fn every_regression_case_passes() {
    let engine = engine();
    let (cases, problems) =
        eval::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(eval::check_ids(&engine, &cases).is_empty());
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let report = eval::run(&engine, &cases);
    assert_eq!(report.passed(), cases.len(), "\n{}", report.render());
}

#[test]
fn answers_quote_a_passage_verbatim_inside_the_fixed_wording() {
    let engine = engine();
    let k = engine.knowledge();
    let replies = &k.replies;
    for p in &k.passages {
        // Every heading, sent as a question (as a suggestion button does), gets an answer.
        let reply = engine.answer(&p.heading);
        assert_eq!(reply.kind, ReplyKind::Answer, "{}", p.heading);
        let quoted = reply.passage.as_ref().unwrap();
        let original = k.passages.iter().find(|x| x.id == quoted.id).unwrap();
        assert_eq!(quoted.text, original.text);
        assert!(
            reply
                .text
                .starts_with(&replies.fill(&replies.answer.opening))
        );
        assert!(reply.text.contains(&original.text));
        assert!(
            reply
                .text
                .ends_with(&replies.fill(&replies.answer.disclaimer))
        );
    }
}

#[test]
fn fallback_suggestions_are_answerable_topics() {
    let engine = engine();
    for q in [
        "which vitamins prevent spider veins",
        "what time is it in Tokyo",
        "🙂🙂",
    ] {
        let reply = engine.answer(q);
        assert_eq!(reply.kind, ReplyKind::Fallback, "{q}");
        assert!(!reply.suggestions.is_empty() && reply.suggestions.len() <= 3);
        for s in &reply.suggestions {
            assert!(reply.text.contains(s.as_str()));
            assert_eq!(
                engine.answer(s).kind,
                ReplyKind::Answer,
                "suggestion {s:?} for {q:?}"
            );
        }
    }
}

#[test]
fn replies_of_a_kind_share_their_fixed_wording() {
    let engine = engine();
    let a = engine.answer("my calf is swollen and hot");
    let b = engine.answer("I keep coughing up blood");
    assert_eq!(a.kind, ReplyKind::Urgent);
    assert_eq!(a.text, b.text);
    assert!(a.passage.is_none() && a.suggestions.is_empty());
}

#[test]
fn hostile_input_never_panics_and_is_never_an_answer_by_accident() {
    let engine = engine();
    let long = "spider ".repeat(20_000);
    let inputs = [
        "",
        " ",
        "\u{0}",
        "\u{202E}\u{200B}",
        "%s%n%x{0}{}",
        "'; DROP TABLE x; --",
        &long,
        "<script>alert(1)</script>",
        "\u{FFFF}\u{10FFFF}",
        "ﷺ",
        "a\u{301}\u{301}\u{301}",
        "𝔰𝔠𝔩𝔢𝔯𝔬𝔱𝔥𝔢𝔯𝔞𝔭𝔶",
    ];
    for input in inputs {
        let reply = engine.answer(input);
        assert!(!reply.text.is_empty());
        assert_ne!(reply.kind, ReplyKind::Urgent, "{input:?}");
    }
}

#[test]
fn the_same_question_always_gets_the_same_reply() {
    let engine = engine();
    let q = "laser for veins on my face";
    assert_eq!(engine.answer(q), engine.answer(q));
}

#[test]
fn the_clinics_first_document_keeps_every_sentence_of_the_seed_word_for_word() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("tests/fixtures/knowledge-seed.txt")).unwrap();
    let engine = engine();
    let passages: Vec<&str> = engine
        .knowledge()
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let headings: Vec<&str> = engine
        .knowledge()
        .passages
        .iter()
        .map(|p| p.heading.as_str())
        .collect();
    let mut lines = seed.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap();
    assert_eq!(engine.knowledge().documents[0].title, title);
    for line in lines {
        assert!(
            passages.contains(&line) || headings.contains(&line),
            "not found word for word as a passage or heading: {line}"
        );
    }
}

/// A patient's message may stop anywhere: every word prefix and suffix of every regression
/// and blind-set question gets a reply, and an answer still quotes a passage. Rules that read
/// the word after or before one ("the proper **medical** name") once read past the end.
#[test]
fn a_message_cut_short_at_any_word_still_gets_a_reply() {
    let engine = engine();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (cases, _) = eval::load(&[root.join("tests/cases"), root.join("tests/blind")]);
    let mut asked = 0;
    for case in &cases {
        let words: Vec<&str> = case.question.split_whitespace().collect();
        for k in 1..=words.len() {
            for part in [&words[..k], &words[words.len() - k..]] {
                let reply = engine.answer(&part.join(" "));
                assert_eq!(
                    reply.kind == ReplyKind::Answer,
                    reply.passage.is_some(),
                    "{part:?}"
                );
                asked += 1;
            }
        }
    }
    assert!(asked > 1000, "only {asked} messages");
}
