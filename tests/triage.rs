//! Urgent triage on messages written blind (tests/blind/urgent.toml,
//! urgent-after-treatment.toml, urgent-asked.toml and urgent-languages.toml: someone who never
//! saw the rules wrote warning signs in patients' words, and look-alikes that are not urgent:
//! history, questions about risk in general, denials, ordinary aftercare). Every warning sign
//! must be triaged; false alarms stay at or under what was measured.

mod support;

use serde::Deserialize;
use spider_vein_bot::ReplyKind;
use support::blind_sets::{engine_with, path};

#[derive(Deserialize)]
struct Set {
    message: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    text: String,
    urgent: bool,
    sign: String,
}

/// The set's warning signs that were missed, its look-alikes that were triaged as urgent, and
/// its look-alikes that were not.
fn triage(file: &str) -> (Set, Vec<String>, Vec<String>, usize) {
    let set: Set = toml::from_str(&std::fs::read_to_string(path(file)).expect("the set is there"))
        .expect("the set parses");
    let engine = engine_with(&[]);
    let (mut missed, mut alarms, mut calm) = (Vec::new(), Vec::new(), 0);
    for m in &set.message {
        let urgent = engine.answer(&m.text).kind == ReplyKind::Urgent;
        match (m.urgent, urgent) {
            (true, false) => missed.push(format!("[{}] {}", m.sign, m.text)),
            (false, true) => alarms.push(format!("[{}] {}", m.sign, m.text)),
            (false, false) => calm += 1,
            (true, true) => {}
        }
    }
    (set, missed, alarms, calm)
}

#[test]
fn every_warning_sign_is_urgent_and_false_alarms_are_rare() {
    let (set, missed, alarms, calm) = triage("tests/blind/urgent.toml");
    let urgent_total = set.message.iter().filter(|m| m.urgent).count();
    assert!(urgent_total >= 150 && calm + alarms.len() >= 100);
    assert!(
        missed.is_empty(),
        "warning signs missed:\n{}",
        missed.join("\n")
    );
    // Measured: 1 of 121 ("kann man nach der Laserbehandlung eine Embolie bekommen?": a
    // general question in German; when in doubt, urgent wins). Before this set: 11 of 121.
    let rate = alarms.len() as f64 / (calm + alarms.len()) as f64;
    println!("false alarms: {} of {}", alarms.len(), calm + alarms.len());
    assert!(
        rate <= 0.01,
        "false alarms {rate:.3}:\n{}",
        alarms.join("\n")
    );
}

/// Signs told beside the treatment or the treated veins ("the skin where they injected my
/// spider veins has gone white"), written blind by someone who saw the leaflets only. The
/// rules' `unless` words (veins, legs) cancelled 8 of its 60 signs; new rules without them
/// caught 57 on arrival, and 60 after three more (sudden confusion, "seeing" flashing lights,
/// bleeding for an hour), so the set is a floor, no longer blind.
#[test]
fn warning_signs_after_a_treatment_are_urgent_whatever_veins_the_message_names() {
    let (set, missed, alarms, calm) = triage("tests/blind/urgent-after-treatment.toml");
    let urgent_total = set.message.iter().filter(|m| m.urgent).count();
    assert!(urgent_total >= 60 && calm + alarms.len() >= 40);
    assert!(
        missed.is_empty(),
        "warning signs missed:\n{}",
        missed.join("\n")
    );
    // Measured: 3 of 40, as before these rules: "can laser leave white patches on your
    // skin?", puffy eyes after laser on the face, and "what are the signs of a blood clot
    // after sclerotherapy". When in doubt, urgent wins.
    println!("false alarms: {} of {}", alarms.len(), calm + alarms.len());
    assert!(alarms.len() <= 3, "false alarms:\n{}", alarms.join("\n"));
}

/// Signs wrapped in a question ("the vein burst and blood is gushing out, what do I do"),
/// written blind by someone who saw the leaflets only. On arrival: 67 of 70 signs urgent (63
/// with the rules before this set's session), 7 of 50 false alarms; then three misses were
/// fixed (a vein that "popped", "half blind", an ulcer gone black with fever) and "just
/// asking" no longer reads as now, so the set is a floor, no longer blind.
#[test]
fn warning_signs_asked_as_questions_are_urgent() {
    let (set, missed, alarms, calm) = triage("tests/blind/urgent-asked.toml");
    let urgent_total = set.message.iter().filter(|m| m.urgent).count();
    assert!(urgent_total >= 70 && calm + alarms.len() >= 50);
    assert!(
        missed.is_empty(),
        "warning signs missed:\n{}",
        missed.join("\n")
    );
    // Measured: 5 of 50, each a question that also speaks of now or of the legs ("I'm on
    // blood thinners for an old clot", "legs a bit swollen in this hot weather").
    println!("false alarms: {} of {}", alarms.len(), calm + alarms.len());
    assert!(alarms.len() <= 5, "false alarms:\n{}", alarms.join("\n"));
}

/// Signs in Spanish, French, German, Italian and Portuguese, half of them beside the treated
/// veins, written blind by someone who saw the first leaflet only. On arrival: 47 of 60 signs
/// urgent (45 with the rules before this set's session), 1 of 40 false alarms. The misses
/// showed general faults, fixed since: English splitting foreign words it does not know
/// ("partout" as "part out", "gonflée" as "gon flée"), Portuguese "no" ("in the") read as a
/// denial, "fait" ("ça fait mal") read as the past, elided articles ("l'aria") dropping the
/// word, vein words cancelling the signs, and missing words for coughing blood, a numb arm,
/// strange speech and a cold foot. A floor now, no longer blind.
#[test]
fn warning_signs_in_other_languages_are_urgent() {
    let (set, missed, alarms, calm) = triage("tests/blind/urgent-languages.toml");
    let urgent_total = set.message.iter().filter(|m| m.urgent).count();
    assert!(urgent_total >= 60 && calm + alarms.len() >= 40);
    assert!(
        missed.is_empty(),
        "warning signs missed:\n{}",
        missed.join("\n")
    );
    // Measured: 1 of 40, "j'ai toujours les pieds froids l'hiver" (cold feet in winter).
    println!("false alarms: {} of {}", alarms.len(), calm + alarms.len());
    assert!(alarms.len() <= 1, "false alarms:\n{}", alarms.join("\n"));
}
