//! Urgent triage on messages written blind (tests/blind/urgent*.toml: someone who never saw
//! the rules wrote warning signs in patients' words, and look-alikes that are not urgent:
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

/// Triages every message of a blind set: every warning sign must be urgent, the set must
/// still hold at least `signs` signs and `look_alikes` look-alikes, and at most
/// `max_alarms` look-alikes may be triaged as urgent (the measured count: when in doubt,
/// urgent wins).
fn check(file: &str, signs: usize, look_alikes: usize, max_alarms: usize) {
    check_knowing_misses(file, signs, look_alikes, max_alarms, &[]);
}

/// [`check`], where the signs in `known_misses` (their exact text) are the only ones missed:
/// a sign no word-based rule can read, kept in view rather than dropped from the set.
fn check_knowing_misses(
    file: &str,
    signs: usize,
    look_alikes: usize,
    max_alarms: usize,
    known_misses: &[&str],
) {
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
    let urgent_total = set.message.iter().filter(|m| m.urgent).count();
    assert!(urgent_total >= signs && calm + alarms.len() >= look_alikes);
    let unknown: Vec<&String> = missed
        .iter()
        .filter(|m| !known_misses.iter().any(|k| m.ends_with(k)))
        .collect();
    assert!(
        unknown.is_empty(),
        "{file}: warning signs missed:\n{}",
        missed.join("\n")
    );
    println!(
        "{file}: false alarms {} of {}",
        alarms.len(),
        calm + alarms.len()
    );
    assert!(
        alarms.len() <= max_alarms,
        "{file}: false alarms:\n{}",
        alarms.join("\n")
    );
}

#[test]
fn every_warning_sign_is_urgent_and_false_alarms_are_rare() {
    // Measured: 1 of 121 ("kann man nach der Laserbehandlung eine Embolie bekommen?": a
    // general question in German). Before this set: 11 of 121.
    check("tests/blind/urgent.toml", 150, 100, 1);
}

/// Signs told beside the treatment or the treated veins ("the skin where they injected my
/// spider veins has gone white"), written blind by someone who saw the leaflets only. The
/// rules' `unless` words (veins, legs) cancelled 8 of its 60 signs; new rules without them
/// caught 57 on arrival, and 60 after three more (sudden confusion, "seeing" flashing lights,
/// bleeding for an hour), so the set is a floor, no longer blind. False alarms: 3 of 40, as
/// before these rules; 2 since puffy eyes after laser on the face are expected ("can laser
/// leave white patches on your skin?", "what are the signs of a blood clot after
/// sclerotherapy"); none since white patches of skin alone no longer read as an injection site.
#[test]
fn warning_signs_after_a_treatment_are_urgent_whatever_veins_the_message_names() {
    check("tests/blind/urgent-after-treatment.toml", 60, 40, 0);
}

/// Signs wrapped in a question ("the vein burst and blood is gushing out, what do I do"),
/// written blind by someone who saw the leaflets only. On arrival: 67 of 70 signs urgent (63
/// with the rules before this set's session), 7 of 50 false alarms; then three misses were
/// fixed (a vein that "popped", "half blind", an ulcer gone black with fever) and "just
/// asking" no longer reads as now, so the set is a floor, no longer blind. False alarms: 5 of
/// 50, then 4 with the ulcer sign narrowed to an ulcer that does not heal or gets worse; each a
/// question that also speaks of now or of the legs ("I'm on blood thinners for an old clot",
/// "legs a bit swollen in this hot weather"); 2 since hot weather and "just" before a plain
/// word ("just a bit", "just in case") are not a sign happening now; 1 since a worry "about"
/// clots is a question in general.
#[test]
fn warning_signs_asked_as_questions_are_urgent() {
    check("tests/blind/urgent-asked.toml", 70, 50, 1);
}

/// Signs in Spanish, French, German, Italian and Portuguese, half of them beside the treated
/// veins, written blind by someone who saw the first leaflet only. On arrival: 47 of 60 signs
/// urgent (45 with the rules before this set's session), 1 of 40 false alarms. The misses
/// showed general faults, fixed since: English splitting foreign words it does not know
/// ("partout" as "part out", "gonflée" as "gon flée"), Portuguese "no" ("in the") read as a
/// denial, "fait" ("ça fait mal") read as the past, elided articles ("l'aria") dropping the
/// word, vein words cancelling the signs, and missing words for coughing blood, a numb arm,
/// strange speech and a cold foot. A floor now, no longer blind. False alarms: 1 of 40, "j'ai
/// toujours les pieds froids l'hiver" (cold feet in winter).
#[test]
fn warning_signs_in_other_languages_are_urgent() {
    check("tests/blind/urgent-languages.toml", 60, 40, 1);
}

/// Signs typed in a hurry (typos, text-speak, someone writing for a parent or partner,
/// pregnancy and after a birth), written blind by someone who saw three leaflets only. On
/// arrival: 59 of 60 signs urgent (58 with the rules before this set's session; the miss was
/// "calve" for "calf"), 5 of 40 false alarms; then "I am at risk", "my gran keeps saying" and
/// "just worried" no longer read as a sign happening now, and puffy eyes after laser on the
/// face are expected: 2 false alarms; 1 since bleeding that "stopped" further on is over. A
/// floor now, no longer blind.
#[test]
fn warning_signs_typed_in_a_hurry_are_urgent() {
    check("tests/blind/urgent-typed.toml", 60, 40, 1);
}

/// Everyday questions that use alarming words ("a hot water bottle on my feet now the nights are
/// cold", "I'm pretty fit", "can't see much difference yet", "skin tone", "numb from the local
/// anaesthetic"), and signs told in passing beside ordinary questions, written blind by someone
/// who saw the leaflets only. On arrival: 44 of 45 signs urgent (the miss: severe pain the day
/// after a phlebectomy, a treatment no rule named), 15 of 75 false alarms. The words' senses
/// that are not a sign (heat of things and weather, a person's skin colour, seeing results, a
/// fit as fitness, numbness explained by the anaesthetic, veins that "popped up"), "just"
/// before a plain word, hypotheticals ("suppose", "who do I call if"), a GP who "mentioned" a
/// word, "I am pregnant" and "I cannot have" read as no sign happening now, and the
/// treatments of the new leaflets named in the rules: 45 of 45, 2 false alarms (an ulcer
/// healing for two months under compression, breathless in a spin class). A floor now, no
/// longer blind.
#[test]
fn everyday_questions_with_alarming_words_are_not_urgent() {
    check("tests/blind/urgent-everyday.toml", 45, 75, 2);
}

/// Messages as a Telegram chat brings them: signs in panic, buried after a question on
/// parking or invoices, for a partner or a parent, in simple non-native English, mixed with
/// look-alikes (a nosebleed, "killing me" of a price, breathless at the gym), written blind by
/// someone who saw the leaflets only, after the words' senses above were built. On arrival: 40
/// of 40 signs urgent, 3 of 60 false alarms; then feet "always cold in winter" and "a bit
/// worried about clots on the plane" were read as no sign happening now: 1 (out of breath on
/// the stairs at the gym). A floor now, no longer blind.
#[test]
fn messages_as_a_chat_brings_them_are_triaged() {
    check("tests/blind/urgent-chat.toml", 40, 60, 1);
}

/// Signs told together with history, a general question, reassurance, family history or the
/// denial of another sign ("I had a DVT in 2015 and now my calf ...", "no pain at all, just
/// the blood keeps coming from the sore"), and the same talk with no sign now, written blind
/// by someone who saw the leaflets only. On arrival: 42 of 45 signs urgent (41 with the rules
/// at the start of this session), 9 of 45 false alarms. The misses: "I've" was read as "I"
/// (now "I have", as "ive" was), "the blood keeps coming" named no bleeding, and a bruise
/// mentioned earlier cancelled skin turning white (a bruise's own colours are now what is set
/// aside). The false alarms: "been fine since", "since a clot in 2018", "can I have", "I'm
/// thinking of booking", "I'm 8 months pregnant", "when I was a teenager", "worried I'll
/// faint" read as a sign now. Now 45 of 45 and 1 false alarm (achy legs an hour after the
/// injections). A floor now, no longer blind.
#[test]
fn signs_told_beside_history_or_a_question_are_urgent() {
    check("tests/blind/urgent-mixed.toml", 45, 45, 1);
}

/// Signs in the patient's own words: comparisons ("my calf is like a balloon", "like an
/// elephant sitting on my chest", "breathing through a straw"), slang ("hit the deck", "gammy
/// leg"), what someone else sees ("he doesn't know where he is", "his smile is crooked"), and
/// figurative look-alikes ("this price is killing me", "dying to know", "feeling a bit blue"),
/// written blind by someone who saw the leaflets only. On arrival: 48 of 60 signs urgent (47
/// with the rules at the start of this session), 5 of 40 false alarms. The rules then learnt
/// those words (slurring alone, a floppy arm, a crooked smile, confusion told as what the
/// person does, a balloon or drum of a calf, pressure on the chest, not enough air, pain
/// "through the roof" or "unbearable" after any treatment, collapse in slang, gushing without
/// the word blood, a scratch that will not close) and set the figures of speech aside: 60 of
/// 60, no false alarm. A floor now, no longer blind.
#[test]
fn signs_in_the_patients_own_words_are_urgent() {
    check("tests/blind/urgent-own-words.toml", 60, 40, 0);
}

/// Messages dictated by voice, typed in a hurry or written for an elderly relative: homophones
/// ("cave" for calf, "blood clock", "past out"), no punctuation, run-on stories, fragments
/// ("foot cold white after op"), written blind by someone who saw the leaflets only. On
/// arrival: 50 of 55 signs urgent (51 with the rules at the start of this session: narrowing
/// the injection-site sign had lost "black patch spreading"), no false alarm of 45. Then
/// "she's" is read as "she is", "will not wake" and "will not warm up" are the sign and no
/// denial, an infection may smell or be green, and those homophones are known: 55 of 55.
/// A floor now, no longer blind.
#[test]
fn messages_dictated_or_typed_in_a_hurry_are_urgent() {
    check("tests/blind/urgent-dictated.toml", 55, 45, 0);
}

/// Signs in the patient's own words in Spanish, French, German, Italian and Portuguese
/// ("la pierna como un globo", "un macigno sul petto"), with look-alikes, written blind by
/// someone who saw the leaflets only. On arrival: 50 of 55 signs urgent, 4 of 45 false
/// alarms. Then itchy patches everywhere, a cold white leg, pain that is unbearable or
/// "fortissimo", "kaum Luft" and "abgehustet" were learnt, "hace media hora" is recent,
/// "desde hace tiempo" and "depuis 2020" are no sign now, the face swelling after laser is
/// expected, and a typo no longer changes a word's first letter ("maillot" read as "caillot"):
/// 55 of 55, 1 false alarm ("wie lange" read as "langue", French for tongue).
#[test]
fn signs_in_other_languages_in_the_patients_own_words_are_urgent() {
    check("tests/blind/urgent-languages-own-words.toml", 55, 45, 1);
}

/// For each of the eight leaflets, the situations it says need urgent help told in a
/// patient's words, and what it says is expected, written blind by someone who saw the
/// leaflets only. On arrival: 55 of 56 signs urgent (the miss: the worst pain under a
/// compression wrap, painkillers doing nothing), 3 of 40 false alarms (puffy eyelids after
/// laser on the face, a mother's clot 20 years ago with "I feel completely fine"). Now 56 of
/// 56, 1 (ankles puffy by the evening on both sides). A floor now, no longer blind.
#[test]
fn what_each_leaflet_says_needs_urgent_help_is_urgent() {
    check("tests/blind/urgent-leaflets.toml", 56, 40, 1);
}

/// Signs told around topics no leaflet covers yet (HRT and the pill, venous eczema, restless
/// legs, post-thrombotic syndrome, pelvic veins, hand and face veins, long-haul travel, blood
/// thinners), written blind by someone who imagined those leaflets. On arrival: 46 of 48
/// signs urgent (the misses: unbearable pain after ovarian vein coiling, blisters and grey
/// skin after laser on the face), 7 of 48 false alarms (an old DVT named as history, aspirin
/// "to stop clots", bleeding that stopped). Now 48 of 48, 1 (a scratch that bled and stopped,
/// with "how do I stop scratching"); none since bleeding that "stopped" further on is over.
/// A floor now, no longer blind.
#[test]
fn signs_around_topics_no_leaflet_covers_are_urgent() {
    check("tests/blind/urgent-new-topics.toml", 48, 48, 0);
}

/// Follow-ups and fragments as a chat brings them, each read on its own ("and now my chest
/// hurts too", "no, the bleeding hasn't stopped", "update: swelling gone down"), written blind
/// by someone who saw the leaflets only. On arrival: 51 of 55 signs urgent, 1 of 45 false
/// alarms. The misses: a "no" that answers the bot read as denying what follows, a tongue
/// that "feels thick", a blister that "has come up", pain "10 out of 10" that "isn't easing".
/// Now 55 of 55, 1 ("it stopped bleeding after a couple of minutes"). A floor now.
#[test]
fn follow_ups_and_fragments_are_triaged_on_their_own() {
    check("tests/blind/urgent-follow-ups.toml", 55, 45, 1);
}

/// Signs downplayed or wrapped in a practical question ("probably nothing, but ...", "can I
/// still go to my shift", "sorry to moan"), written blind by someone who saw the leaflets
/// only, measured after the follow-ups above. On arrival: 53 of 55 signs urgent (the misses:
/// swallowing getting harder after laser on the face, "sclero" and "agony"), 2 of 45 false
/// alarms ("always go a bit woozy at needles", "a faint line" from stockings). Now 55 of 55,
/// none. A floor now, no longer blind.
#[test]
fn downplayed_signs_are_urgent() {
    check("tests/blind/urgent-downplayed.toml", 55, 45, 0);
}

/// Signs in English as a second language ("pain in the breast when I take breath", "the
/// blood is coming and not stop", "my face is falling on one side"), written blind by someone
/// who saw the leaflets only. On arrival: 47 of 55 signs urgent, 3 of 45 false alarms. The
/// rules then learnt those words (losing "the consciousness", "inflamed", a vein that
/// "exploded", pain "more strong", "cannot take the air", a face "falling", foam as a
/// treatment), "dangers" asks in general and "long time ago" is the past: 55 of 55, 1 (an
/// ulcer "closed now since 3 months"). A floor now, no longer blind.
#[test]
fn signs_in_english_as_a_second_language_are_urgent() {
    check("tests/blind/urgent-second-language.toml", 55, 45, 1);
}

/// One sign among the expected side effects of a long message ("the bruising is fine, itching
/// is settling, but since lunch my right calf is twice the size"), written blind by someone
/// who saw the leaflets only. On arrival (with the second-language words above): 53 of 55
/// signs urgent, 5 of 45 false alarms. The misses: "same as ever" read as a general question,
/// and a foot "blue and cold as ice" beside the word vein. Then "the ulcer is worse" speaks of
/// now, cold and a colour together are the sign whatever veins are named, "lips and throat
/// fine" denies them, "less painful" and "thinking it was a clot" are no sign: 55 of 55, 1
/// (cold toes that pinked up again). A floor now, no longer blind.
#[test]
fn one_sign_among_expected_side_effects_is_urgent() {
    check("tests/blind/urgent-amid-side-effects.toml", 55, 45, 1);
}

/// Signs in internet slang with emoji ("my calf is LITERALLY massive rn", "pain is 10/10",
/// "everything went black and i woke up on the floor") and slang look-alikes ("i almost
/// passed out from the price jk"), written blind by someone who saw the leaflets only. On
/// arrival: 51 of 55 signs urgent, 2 of 45 false alarms. Now 55 of 55, 1 ("cant breathe" of
/// laughing). A floor now, no longer blind.
#[test]
fn signs_in_slang_are_urgent() {
    check("tests/blind/urgent-slang.toml", 55, 45, 1);
}

/// Signs in formal letters ("I have been experiencing a degree of breathlessness", "a patch
/// of skin blanched to a white colour"), written blind by someone who saw the leaflets only,
/// measured after the slang set. On arrival: 49 of 50 signs urgent, 5 of 40 false alarms
/// ("seven months old", "a faint blush", "I am quite well", "I have no symptoms"). Now 50 of
/// 50, none ("could you explain" asks too). A floor now, no longer blind.
#[test]
fn signs_in_formal_letters_are_urgent() {
    check("tests/blind/urgent-formal.toml", 50, 40, 0);
}

/// Signs told with measurements, times and doses ("right calf 41cm, left 37cm", "temperature
/// 39.1 and the redness has spread 5cm past the pen line", "pain 9/10 despite 2 co-codamol"),
/// written blind by someone who saw the leaflets only. On arrival: 44 of 50 signs urgent, 1 of
/// 40 false alarms. Then "past the pen line" and "once in the kitchen" no longer read as the
/// past ("in the past" and "I once had" still do), "in the last hour" speaks of now, "9/10",
/// "reddish" and "cannot get my breath" were learnt, and "can I still have" is no bleeding
/// "still": 49 of 50, none. The one miss is an ulcer that grew from 2 to 3.5 cm: only
/// comparing the numbers says it got bigger.
#[test]
fn signs_told_with_measurements_are_urgent() {
    check_knowing_misses(
        "tests/blind/urgent-measured.toml",
        50,
        40,
        0,
        &["the ulcer measured 2cm last week and 3.5cm today"],
    );
}

/// Signs in English mixed with Spanish, French, German, Italian or Portuguese ("mi marido's
/// left calf is hinchada y caliente", "my foot is eiskalt und ganz weiß"), written blind by
/// someone who saw the leaflets only. On arrival: 45 of 50 signs urgent, 2 of 40 false
/// alarms. The rules in the other languages now also take the English words for the body and
/// for cold, blue and white, "stark" and "soaked" bleeding, and "größer"; "what are the risks"
/// asks anywhere in a message, and a teenager is the past: 50 of 50, none. A floor now.
#[test]
fn signs_in_mixed_languages_are_urgent() {
    check("tests/blind/urgent-code-switching.toml", 50, 40, 0);
}

/// Pregnant women and new mothers, and their partners: DVT in pregnancy and after the birth,
/// PE after the birth, the signs the pregnancy leaflet says need help straight away, and the
/// normal things of pregnancy (both ankles swelling by evening, breathless on the stairs),
/// written blind by someone who saw three leaflets only, after every change above. On
/// arrival: 45 of 45 signs urgent, 2 of 45 false alarms (breathless walking up a hill at 35
/// weeks, breathless lying flat at 37 weeks), kept as they are: breathlessness on exertion is
/// left to the urgent reply when in doubt. 3 since "puffed out" is breathlessness (learnt from
/// the dialect set below): "puffed out going up the stairs" at 36 weeks is the same.
#[test]
fn signs_in_pregnancy_and_after_the_birth_are_urgent() {
    check("tests/blind/urgent-pregnancy.toml", 45, 45, 3);
}

/// Written about someone else: a carer about a resident, a child about a parent with dementia,
/// a colleague, a neighbour ("my colleague just went grey and slid off her chair", "dad is
/// shouting out with pain in the leg they treated"), written blind by someone who saw the
/// leaflets only. On arrival: 45 of 50 signs urgent, 1 of 40 false alarms. Then "can't catch
/// her breath", "a full breath", holding her chest, "went grey", "slid off", "has come round",
/// shouting with pain and painkillers that "haven't touched it" were learnt: 50 of 50, 1 (an
/// ulcer that "finally healed after four months"). A floor now, no longer blind.
#[test]
fn signs_told_by_someone_else_are_urgent() {
    check("tests/blind/urgent-for-someone-else.toml", 50, 40, 1);
}

/// Very short messages, one to six words ("calf huge n hot", "dvt signs?"), written blind by
/// someone who saw the leaflets only. On arrival: 52 of 55 signs urgent, 3 of 45 false
/// alarms. Then a huge hot calf, skin "dying" at the injection site and a sore "getting
/// bigger" were learnt, "anti embolism" stockings are no embolism, and a bare question of
/// signs or risk with no one in it ("clot risk?") asks in general: 55 of 55, none. A floor now.
#[test]
fn very_short_messages_are_triaged() {
    check("tests/blind/urgent-short.toml", 55, 45, 0);
}

/// Messages quoting the leaflet or the nurse: a sign now ("the leaflet said to call 999 if my
/// calf swells up, well it has") or only a question about the advice ("the leaflet says chest
/// pain is an emergency, why is that?"), written blind by someone who saw the leaflets only.
/// On arrival: 42 of 45 signs urgent, 24 of 45 false alarms, the worst of any set. The misses
/// ("one of mine has gone bright white", "a patch ... has gone black") are fixed: 45 of 45.
/// The false alarms stay at 25: reading reported advice as no sign ("the nurse told me to
/// watch for ...") also hid five real signs told after it, so it was taken out. Kept as
/// measured, when in doubt urgent.
#[test]
fn signs_told_beside_the_leaflets_advice_are_urgent() {
    // 24 since bleeding that "stopped" further on is over ("pressed for a few minutes and it
    // stopped").
    check("tests/blind/urgent-quoting.toml", 45, 45, 24);
}

/// Long voice-note monologues, 64 to 111 words with no punctuation, the sign buried in
/// chat about the cat or the allotment, written blind by someone who saw the leaflets only.
/// On arrival: 49 of 50 signs urgent (a foot gone "bluey purple" and "stone cold" after a
/// message that named varicose veins), 16 of 40 false alarms. The sign is now learnt: 50 of
/// 50. The false alarms stay at 17: events long past, someone else's clot, a dog's cut paw, told
/// in the same breath as a present sentence ("I am fine now"). Reading tense over windows of
/// the message instead of the whole was measured and taken out: it lost signs in other sets.
/// Kept as measured, when in doubt urgent.
#[test]
fn signs_buried_in_long_monologues_are_urgent() {
    check("tests/blind/urgent-rambling.toml", 50, 40, 17);
}

/// Regional dialect and older people's euphemisms ("me ticker's galloping", "he cannae lift
/// his left arm and his mouth's gone squint", "flaked out in her chair"), written blind by
/// someone who saw the leaflets only. On arrival: 43 of 50 signs urgent, 4 of 40 false
/// alarms. Then Scots negatives ("cannae", "didnae"), breath that whistles, pain on breathing
/// in, a racing "ticker", "hacking" up blood, a mouth gone "squint" and collapse in its own
/// words were learnt: 50 of 50, 4. A floor now, no longer blind.
#[test]
fn signs_in_dialect_and_euphemism_are_urgent() {
    check("tests/blind/urgent-dialect.toml", 50, 40, 4);
}

/// Signs told through what cannot be done or will not stop ("nothing I do stops the blood",
/// "not able to stand up without blacking out", "it's not just a bruise, the skin has gone
/// black", "never had pain like this"), and look-alikes that really deny, written blind by
/// someone who saw the leaflets only. On arrival: 39 of 50 signs urgent, the worst of any
/// set, and 6 of 40 false alarms. Then "not just", "not OK", "never ... like this" and
/// "without" after "cannot" stopped reading as denials, a denier stopped counting as a rule's
/// own "not", and bleeding that "stopped" and swelling that "has gone down" are over: 50 of
/// 50, 3. A floor now, no longer blind.
#[test]
fn signs_told_through_negation_are_urgent() {
    check("tests/blind/urgent-negations.toml", 50, 40, 3);
}

/// How it developed over hours or days ("day 1 fine, day 2 a bit sore, today ..."), the
/// latest state a sign or a course that settles, written blind by someone who saw the
/// leaflets only. On arrival: 50 of 50 signs urgent, 8 of 40 false alarms. Then bleeding that
/// "stopped" further on in the message ("I pressed it for 10 minutes and it stopped") and
/// puffiness that "had gone down" by Thursday are over: 50 of 50, 7. A floor now.
#[test]
fn signs_told_as_they_developed_are_urgent() {
    check("tests/blind/urgent-time-course.toml", 50, 40, 7);
}

/// Body places and sensations in plain words ("behind my knee", "all down my left side",
/// "marbled", "fizzing"), written blind by someone who saw the leaflets only. On arrival: 48
/// of 50 signs urgent, 4 of 40 false alarms. Then numbness or pins and needles down one side
/// of the body (a new rule), painkillers "not touching" the pain, and a hand "dead" from
/// sleeping on it or a face numb "after the dentist" were learnt: 50 of 50, 2. A floor now.
#[test]
fn signs_told_by_body_place_and_sensation_are_urgent() {
    check("tests/blind/urgent-body-places.toml", 50, 40, 2);
}

/// Lists, forms, logs and checklists ("Chest pain? no / Breathless? YES since an hour",
/// "swelling ✘ redness ✘ pain ✔"), written blind by someone who saw the leaflets only. On
/// arrival: 50 of 50 signs urgent, 13 of 40 false alarms: an item answered "no" after it, or
/// crossed out, was read as said. Now items answered no are set aside before the rules are
/// read (`triage::forms`): 50 of 50, 6. A floor now.
#[test]
fn signs_in_lists_and_forms_are_urgent() {
    check("tests/blind/urgent-lists.toml", 50, 40, 6);
}

/// Clinical terms, abbreviations and numbers ("haemoptysis", "dysarthria", "SpO2 89%",
/// "absent pedal pulses", "syncopal episode"), as nurses, carers and patients who read write
/// them, written blind by someone who saw the leaflets only. On arrival: 41 of 50 signs
/// urgent, 2 of 40 false alarms. Then the clinical words for each sign were learnt (new rules
/// for coughing blood, a racing heart with breathlessness, low oxygen, stroke and a pulseless
/// or cyanosed foot): 50 of 50, 2. A floor now.
#[test]
fn signs_in_clinical_terms_are_urgent() {
    check("tests/blind/urgent-clinical.toml", 50, 40, 2);
}

/// Signs told by what the patient can no longer do, or what others see ("my left hand just
/// won't work", "half of everything I look at has gone blank", "my lips look massive"),
/// written blind by someone who saw the leaflets only. On arrival: 46 of 50 signs urgent, 1
/// of 40 false alarms (night cramps that went off). Then a hand that "won't work" or "keeps
/// dropping" things, lips that "look massive", sight gone "blank" and blood "coming through"
/// a stocking were learnt: 50 of 50, 1. A floor now.
#[test]
fn signs_told_by_what_cannot_be_done_are_urgent() {
    check("tests/blind/urgent-function.toml", 50, 40, 1);
}

/// Signs told as the reason for cancelling, or beside a question on fees, parking or a fit
/// note ("cancel my 10am pls. pain where they did the injections is through the roof"),
/// written blind by someone who saw the leaflets only. On arrival: 48 of 50 signs urgent, 4 of
/// 40 false alarms. Then pain "where they did" a treatment, or "tonight", after a treatment;
/// "nothing touches it"; a sign "an hour ago" as now, though a question with "if" came first;
/// and a company that "collapsed": 50 of 50, 3. A floor now.
#[test]
fn signs_told_beside_the_practical_side_of_a_visit_are_urgent() {
    check("tests/blind/urgent-admin.toml", 50, 40, 3);
}
