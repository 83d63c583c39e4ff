//! Accuracy on question sets written blind (see the header of each file in tests/blind/).
//! Unlike tests/cases, not every case must pass: these measure how the engine generalises.
//! Each floor is what was measured when the set was added or the engine last improved, so a
//! change that makes the bot worse on questions nobody tuned it to fails here.
//!
//! `short.toml`, `chatty.toml` and `fresh.toml` ask about the shipped leaflet. Each document in
//! tests/blind/docs has a set of its own, asked with that document added to the shipped
//! folder and no synonym written for it: answerable questions, near misses, questions where
//! two documents compete, and warning signs.

mod support;

use spider_vein_bot::{ReplyKind, eval};
use support::blind_sets::{NEW_DOCUMENTS, Score, assert_all_urgent, cases, engine_with};

const REFUSALS: &[&str] = &["near-miss", "off-topic"];

#[test]
fn short_questions_stay_at_least_as_accurate_as_measured() {
    let engine = engine_with(&[]);
    let set = cases("short.toml");
    assert_all_urgent(&engine, &set);
    let s = Score::of(&engine, &set);
    // 0.944 when added; 0.950 with general English (frequencies and WordNet relations).
    assert!(
        s.share(&[]) >= 0.95,
        "overall {:.3}\n{}",
        s.share(&[]),
        s.report
    );
    assert!(s.share(REFUSALS) >= 0.95, "{}", s.report);
}

#[test]
fn chatty_questions_stay_at_least_as_accurate_as_measured() {
    let engine = engine_with(&[]);
    let set = cases("chatty.toml");
    assert_all_urgent(&engine, &set);
    let s = Score::of(&engine, &set);
    // 0.846 when added; 0.869 with general English; 0.877 with everyday phrases.
    assert!(
        s.share(&[]) >= 0.875,
        "overall {:.3}\n{}",
        s.share(&[]),
        s.report
    );
    assert!(s.share(REFUSALS) >= 0.95, "{}", s.report);
}

/// The fresh sets on the shipped leaflet: (file, answerable, near misses and off-topic
/// refused), each written blind by a helper who saw only the leaflet, a session apart, and
/// measured on arrival: the honest figures for the leaflet, where the short and chatty
/// questions have been looked at while the engine was built.
const FRESH_FLOORS: &[(&str, f64, f64)] = &[
    // Written at the end of the first leaflet's engine. On arrival: 45 of 65 answerable
    // (0.692), 33 of 35 near misses and off-topic refused; 46 (0.708) later; 34 of 35 refused
    // since booking is a topic ("how do i book a consultation" is one the leaflet does not
    // answer); 47 (0.723) since the name of a thing asks about the thing ("whats the proper
    // medical name for spider veins").
    ("fresh.toml", 0.723, 0.97),
    // After every change of its session but one. On arrival: 40 of 65 answerable (0.615),
    // 35 of 35 near misses and off-topic refused; 41 (0.631) since "cn" is text-speak for
    // "can"; 42 (0.646) since a question made only of common words still asks about them; 43
    // (0.662) since the patient's occupation is context ("im a hairdresser so on my feet all
    // day"); 46 (0.708) since where a claim was heard is no concept ("saw venous reflux
    // mentioned online, what is that"); 47 (0.723) since a kind of exercise the leaflet names
    // is exercise to all of it ("will cycling fade the ones i already have"); 49 (0.754)
    // since where on the legs the veins are is context ("got tiny red n blue lines round my
    // ankles, are those spider veins?"; so in the sets below).
    // 50 (0.769) since a question of what a thing is is answered where it is said ("what
    // even are spider veins? got these little purple squiggly lines on my thighs"; so in the
    // sets below).
    ("fresh-2.toml", 0.769, 1.0),
    // Older patients writing at length, fragments, non-native English, two questions in
    // one; before any change of its session. On arrival: 39 of 65 answerable (0.600), 34 of
    // 35 near misses and off-topic refused; 40 (0.615) since the patient's occupation is
    // context ("I'm a hairdresser, ..."); 41 (0.631) since "does that count" asks whether it is
    // one ("Walking - does that count or do I need something more intense?"); 43 (0.662)
    // since the name of a thing asks about the thing ("whats the medical name for thread
    // veins", "My doctor write this word"); 44 (0.677) since where on the legs is context.
    ("fresh-3.toml", 0.676, 0.97),
    // Voice dictation, replies that only make sense in a chat, builders, runners and
    // gym-goers, very short searches, slang, two languages mixed; before the change its
    // failures then showed. On arrival: 35 of 65 answerable (0.538), 35 of 35 near misses
    // and off-topic refused; 38 (0.585) since interjections and forms of address name no
    // topic ("yo", "bro"), a message may open by saying who writes it ("Cyclist here, ...")
    // and a source cited at its start is no topic ("doc said the valves in my veins dont shut
    // properly"); 39 (0.600) since "does biking count as exercise" asks whether it is one; 40
    // (0.615) since a phrase's verb counts in any form ("Desk job, sat down 9 hours a day").
    ("fresh-4.toml", 0.615, 1.0),
    // Partners, parents and adult children asking for someone, men who lift, cycle and play
    // football, claims heard from a mate, comparisons, heavy typos; written at the start of
    // a session, before any change of it. On arrival: 37 of 65 answerable (0.569), 35 of 35
    // near misses refused; 39 (0.600) since one of two things offered is answered by a
    // passage on the other ("who should i see about my spider veins, my GP or a
    // dermatologist or what?"); 40 (0.615) since where the patient works tells who asks
    // ("work in a shop on my feet all day long, does that cause spider veins"); 41 (0.631)
    // since where the patient stands or sits for hours tells who asks ("I'm an HGV driver,
    // sat in the cab 10 hrs a day"; so in the sets below).
    ("fresh-5.toml", 0.630, 1.0),
    // Follow-ups on the leaflet's own phrases, people describing their day (shifts, a lorry,
    // a till, dog walks, salsa, a rowing machine), misspelt medical words, formal and teenage
    // writers; written late in a session, measured after its changes. On arrival: 36 of 65
    // answerable (0.554), 34 of 35 refused ("Can I get my spider veins treated on the NHS?" was
    // answered: English data reads "NHS" as a place, the plural of "NH"); 35 of 35 since an
    // initialism is no place; 38 (0.585) since where the patient works, and a shift's length,
    // tell who asks ("I work in an office and sit at a desk all day, could that be making my
    // legs worse?"); 39 (0.600) since "the proper name" asks what a thing is called ("whats
    // the proper name for spider veins, is it telangectasia or something like that"); 40
    // (0.615) since "at weekends" says when ("I love hiking at weekends, does that count as
    // the sort of exercise that helps leg veins?"); 42 (0.646) since where on the legs is
    // context; 43 (0.662) since where the patient stands or sits for hours tells who asks.
    ("fresh-6.toml", 0.661, 1.0),
    // Older patients and their carers writing formally, people who already had a treatment,
    // numbers (ages, km, kg, hours), questions put as requests, British everyday words;
    // written at the start of a session, before any change of it. On arrival: 40 of 65
    // answerable (0.615), 33 of 35 refused ("How many laser sessions will I need for the veins
    // on my nose?" was answered by the laser passage, which names no sessions); 34 of 35 since
    // what "how many" counts must be in the passage; 41 (0.631) since meals and seasons say
    // when ("I swim before brekkie twice a week"); 42 (0.646) since a distance or weight after
    // a number is how much ("Cycle 15 km to work every day, does that help my veins or not");
    // 43 (0.662) since an age told is who asks ("I am 88 years of age and for some years my
    // legs have had small blue, red and purple spidery lines on them"); 44 (0.677) since
    // "normal" after what is asked about asks whether it is expected ("clinic said 4 sessions
    // of sclerotherapy. I thought 1 would do it?? is 3 or 4 normal"); 35 of 35 refused since
    // "turn into" asks whether one thing becomes another ("can spider veins turn into varicose
    // veins" is not answered by the passage that tells them apart; so in the two sets after);
    // 46 (0.708) since where on the legs is context.
    // 47 (0.723) since a question of what a thing is is answered where it is said.
    ("fresh-7.toml", 0.723, 1.0),
    // People whose first language is not English, men and young adults with slang and emoji,
    // messages of two to five words, voice-dictated run-on messages, people asking for a
    // partner or a parent; written at the start of the next session, before any change of it.
    // On arrival: 40 of 65 answerable (0.615), 34 of 35 refused ("can spider veins turn into
    // varicose veins later" was answered by the passage that tells them apart). 41 (0.631)
    // since a long word cut short is the word it starts ("who i should see for spider veins
    // dermatolog or vascular doctor"); 35 of 35 refused since "turn into" asks whether one
    // thing becomes another; 43 (0.662) since where on the legs is context ("very thin tiny
    // veins on my ankles, is laser good for these ones?"); 44 (0.677) since where the
    // patient stands or sits for hours tells who asks ("12 hour shifts standing in a
    // warehouse").
    ("fresh-8.toml", 0.676, 1.0),
    // Anxious patients who over-explain, claims read online, the leaflet's own technical
    // words, comparisons, body places and activities, short follow-ups; written later in the
    // same session, after all its changes, and measured on arrival: 45 of 65 answerable
    // (0.692), 31 of 35 refused ("Can kids get spider veins? My 9 year old has a few faint ones
    // on her legs" got the urgent reply: "faint" read as fainting); 32 of 35 since "faint"
    // before "ones", "spider", "thread" or "little" is a pale colour; 33 of 35 since "turn
    // into" asks whether one thing becomes another; 46 of 65 (0.708) since where on the legs
    // is context ("little red and purple lines on the back of my calves").
    // 47 (0.723) since a question of what a thing is is answered where it is said.
    ("fresh-9.toml", 0.723, 0.94),
    // People in their twenties and thirties worried about looks before a holiday or wedding,
    // people whose job or hobby shapes the question (chefs, cleaners, pilots, gardeners,
    // dancers), run-on messages with the question at the end, "why" and "how" about the body,
    // half-remembered words of the leaflet, very polite or very blunt messages; written the
    // session after, once where on the legs had become context, and measured on arrival: 36
    // of 65 answerable (0.554), 34 of 35 refused ("How are varicose veins treated, same way as
    // spider veins?" was answered by the passage that tells them apart). 37 (0.569) since
    // "nah" names nothing ("do spider vein treatments actually work or nah").
    // 38 (0.585) since a question of what a thing is is answered where it is said ("What
    // exactly are spider veins? My friend said mine are called telangi-something").
    ("fresh-10.toml", 0.584, 0.97),
    // People who list several symptoms or facts before asking one thing, people asking for a
    // husband, wife, parent or friend, "is it true that" and "my friend says", what a word of
    // the leaflet means, two-to-six-word questions; written later in the same session, after
    // all its changes to answering, and measured on arrival: 46 of 65 answerable (0.708), 30
    // of 35 refused (the session's first engine: 45 and 30). Answered near misses: "how far
    // apart are the sclerotherapy sessions" (the passage gives how many, not how far apart),
    // "My GP said sclerotherapy is an option. Can I go back to the gym the same day after?"
    // (the gym, not after sclerotherapy), "does putting my legs up after work help my veins",
    // "My husband has varicose veins, the big ropey kind. What treatment would he need for
    // those?"; and a long message of itching, burning and swelling feet got the urgent reply.
    // 32 of 35 since "how far apart" asks for the time between, and a question that ends on
    // "after" asks about what was said before it (both found on this set: not blind).
    ("fresh-11.toml", 0.707, 0.914),
    // Older people writing formally or hesitantly, men worried about how their legs look,
    // voice-to-text run-on messages, English as a second language, "what would you
    // recommend", comparisons, statements ending in a question mark, people treated before;
    // written the session after, and measured on arrival: 40 of 65 answerable (0.615), 33 of
    // 35 refused. 41 (0.631) since an operation or surgery is a procedure at a clinic ("Are
    // the spider vein treatments a big operation or minimally invasive?"); 42 (0.646) since
    // how a thing works is answered where it is said what it is ("how does the calf muscle
    // pump work").
    ("fresh-12.toml", 0.646, 0.942),
    // Teenagers and students, new mums, night and shift workers, two questions in one
    // message, numbers ("is 3 sessions normal"), anger, irrelevant detail, Americanisms,
    // "yes or no"; written late in the same session, after its other changes, and measured on
    // arrival: 33 of 65 answerable (0.508), 35 of 35 refused (the session's first engine: 32).
    // 34 (0.523) since what a thing is, asked of one thing, is a whole question, beside which
    // the rest is context ("what are telangiectasias? my dermatologist wrote it on my chart
    // lol"; found on this set, so not blind).
    ("fresh-13.toml", 0.523, 1.0),
    // Carers and adult children, English as a second language, two-to-five-word messages,
    // statements ("I want to know about the skeletal muscle pump"), what a friend or the
    // internet said, parents of teenagers, skin described in the patient's words, terms mixed
    // up, formal emails with a greeting and a sign-off; written at the start of session
    // seven, measured on arrival: 47 of 65 answerable (0.723), 33 of 35 refused (the
    // session's first engine the same). 48 (0.738) since a letter's sign-off and the name
    // signed after it are no part of the question ("... Best wishes, Anna"; found on this
    // set, so not blind); 49 (0.754) since the heart pumping blood is no blood pumping from a
    // vein ("Heart is pumping the blood, so why the legs need help?" got the urgent reply).
    ("fresh-14.toml", 0.753, 0.942),
];

#[test]
fn fresh_questions_stay_at_least_as_accurate_as_measured() {
    let engine = engine_with(&[]);
    for &(file, answerable, refused) in FRESH_FLOORS {
        let s = Score::of(&engine, &cases(file));
        let (a, r) = (s.share(&["in-scope"]), s.share(REFUSALS));
        println!("{file}: answerable {a:.3}, refused {r:.3}");
        assert!(a >= answerable, "{file}: answerable {a:.3}\n{}", s.report);
        assert!(r >= refused, "{file}: refused {r:.3}\n{}", s.report);
    }
}

/// A leaflet on thread veins of the face, written with its questions by a helper who saw only
/// the leaflets, for a clinic whose folder has grown: it joins the shipped leaflet and every
/// other new one, so its cross-document questions compete with laser, pregnancy and varicose
/// veins. On arrival: 18 of 55 answerable (0.327), 18 of 20 near misses refused, every urgent
/// message urgent; the same since the thrombophlebitis leaflet joined the folder. 17 of 55
/// (0.309) since the leaflet on creams and home remedies joined it: its passage on covering
/// thread veins with make-up answers "how do i cover them up with makeup, normal foundation
/// just doesnt hide the red". 16 of 55 (0.291) since the leaflets on hormones and on skin care
/// joined it; the same since the leaflets on work and on weight and diet joined it, and since
/// the one on swollen ankles and legs did, and the one on blood thinners. 14 of 55 (0.255)
/// since the leaflets on veins that come back and on sport after treatment joined it: "what
/// actually are the little red lines on the side of my nose? has something burst??" falls
/// back: with 24 leaflets, the passage that answers it is no longer among the 20 that BM25
/// hands to the decision (passages that say "spider veins", a synonym of "red lines", rank
/// above it). 13 of 55 (0.236) since between documents a focus or directness within a tenth
/// is no difference: "whats the difference between thread veins and varicose veins anyway"
/// is answered by the first leaflet's "Spider veins are distinct from varicose veins, which
/// are larger, raised, and rope-like", not the varicose-veins leaflet's passage on the same.
/// 14 (0.255) since BM25 hands thirty passages to the decision, not twenty: "what are the signs
/// my face has got infected after the laser, what should i look out for" is answered by the
/// passage on when to get urgent help, which ranked below twenty others.
#[test]
fn a_new_document_in_a_grown_folder_is_answered_as_measured() {
    let mut docs = NEW_DOCUMENTS.to_vec();
    docs.push("facial-thread-veins");
    let engine = engine_with(&docs);
    let set = cases("facial-thread-veins.toml");
    assert_all_urgent(&engine, &set);
    let s = Score::of(&engine, &set);
    assert!(
        s.share(&["in-scope", "cross-document"]) >= 0.254,
        "{}",
        s.report
    );
    assert!(s.share(&["near-miss"]) >= 0.90, "{}", s.report);
}

/// (answerable: in-scope and cross-document, near misses) as measured for each new document.
/// Before general English (the engine of the first leaflet, with its synonyms) they were
/// (0.35, 0.93), (0.30, 0.96) and (0.28, 0.96); with WordNet and word frequencies (0.40, 0.85),
/// (0.39, 0.96) and (0.42, 0.92); with word-vector neighbours (0.43, 0.85), (0.41, 0.96) and
/// (0.43, 0.92); with the patient's context, times and names set aside and the literal words of
/// clinic phrases kept ("thread veins"), (0.48, 0.85), (0.44, 0.96) and (0.455, 0.92); with
/// everyday phrases from WordNet ("get rid of", "in the first place", "waiting list"), the two
/// senses of "come back" and context set aside as intended, as below. At the end of session
/// eight every floor was raised to the share measured then, where that was higher (most had
/// stayed at the figure of an earlier change; this session's gains were one question in
/// eight sets and one near miss in aching legs).
const NEW_DOCUMENT_FLOORS: &[(&str, f64, f64)] = &[
    // (0.507, 0.926) since a span of time counts only where it is given of what is asked:
    // "how long is the whole recovery after laser" is no longer answered by "wear them for
    // two weeks", at the cost of "how long does a pair last" ("stockings need replacing
    // every three to six months", where "pair" is two sentences on); 0.533 since a weight in
    // stones is how much, not what ("ive lost nearly 2 stone, do i need new measurements").
    // Near misses 0.963 since someone's child by age is a child, which a passage must speak
    // of ("can my 12 year old wear them, she has sore legs").
    ("compression-stockings", 0.533, 0.96),
    // 0.500 since a hot bath is not a hot leg (triage: words in a sense that is no sign);
    // 0.486 since a blister that "has come up" at an injection site is triaged as the rule's
    // blistering sign, where this leaflet says to call the clinic (when in doubt, urgent).
    ("sclerotherapy-aftercare", 0.5, 0.96),
    // Near misses 1.000 since a span of time counts only where it is given of what is asked.
    // 0.541 since the people in a patient's life are family to a passage ("my mum and my
    // nan both had bad veins": veins that "run in families").
    ("varicose-veins", 0.554, 1.0),
    // Written by a QA pass that saw only the leaflets, after the context and word-vector
    // changes: the engine before those changes scored (0.276, 0.885) on it, the engine with
    // them (0.289, 0.885) when the set arrived, (0.316, 0.885) with the two fixes its failures
    // then showed (literal clinic phrases, "reappear"), (0.329, 0.885) with body parts'
    // wholes, and as below with the phrases.
    // 0.461 since a span of time counts only where it is given of what is asked; 0.487 since
    // words of opinion ("fancy a nice hot bath", "dodgy valves") name no topic; 0.526 since
    // whom the patient asks for is context ("my mum had laser done thru a tube in her leg
    // years ago, is this the same thing"); 0.539 since a kind of exercise the documents name
    // is exercise to all their passages ("can i go running the day after laser").
    ("laser-treatment", 0.552, 0.92),
    // Written the same way, seeing only this leaflet and the first: the engine of the session
    // before scored (0.455, 0.793) on it, the engine with the phrases (0.481, 0.862) when the
    // set arrived, and as below once its failures showed that a time before a thing names a
    // kind of it ("saturday or evening appointments").
    // 0.506 since "if I think I've got a clot, should I just wait" is a condition, not a sign.
    // 0.532 since the people in a patient's life are family and friends to a passage.
    // Near misses 0.931 since a time that says when is no span of time ("how long do i have
    // to wear stockings after treatment" is not answered by "wear them through the day").
    // 0.545 since booking is a topic ("what info do you need off me when i book").
    ("first-consultation", 0.571, 0.93),
    // Written the same way (leaflet and questions by one helper who saw only this leaflet
    // and the first), after this session's changes: measured on arrival, nothing tuned to it
    // (0.485, 0.889); then chat spellings ("preggo", "ppl", "c section") as below; (0.559,
    // 0.926) since "I'm pregnant" and "clotting problems" are not a sign happening now.
    // Near misses 0.963 since 'how long' is asked of all of what is named right after it.
    ("veins-in-pregnancy", 0.558, 0.96),
    // Written the same way a session later (leaflet and questions by one helper
    // who saw only this leaflet and the first). On arrival (0.509, 0.60): the ulcer warning
    // sign fired on every question naming an ulcer; narrowed to an ulcer that does not heal
    // or is getting worse (0.564, 0.70); then words of paying count as a topic, as below;
    // 0.582 since white patches of skin alone are not an injection site; 0.600 since words
    // of opinion name no topic ("a special fancy dressing"); 0.618 since a question of what
    // a thing is is answered where it is said ("whats a venous leg ulcer exactly").
    ("leg-ulcers-and-skin-changes", 0.618, 0.80),
    // Two more, written the same way a session later (leaflet and questions by helpers who
    // saw only their leaflet and the first), measured on arrival with nothing tuned to them:
    // endovenous ablation (0.345, 0.85), and fees, booking and cancellations, a leaflet with
    // no medicine in it (0.455, 0.85). Then, from their failures: "a fit note" is no seizure,
    // "how long" is asked of all of what is named after it, and the people in a patient's
    // life are family and friends to a passage, as below. Ablation 0.364 since a question
    // made only of common words ("when can I get back to running") still asks about them;
    // 0.400 since "after ablation", in a leaflet titled after it, need not be named again;
    // 0.418 since naming phlebitis is no sign ("the nurse said I might get phlebitis").
    ("endovenous-ablation", 0.454, 0.9),
    ("fees-booking-and-cancellations", 0.472, 0.9),
    // Written the same way at the end of the session after (leaflet and questions by a helper
    // who saw only it and the first). On arrival (0.182, 0.55), and one urgent message of ten
    // missed ("the red hard line ... gone right up my thigh now nearly to my groin"): naming
    // "phlebitis" was triaged as a suspected clot, so most questions about the leaflet got the
    // urgent reply. Now phlebitis named is no sign (the leaflets call it an expected side
    // effect) and a red vein spreading towards the groin is; (0.218, 0.90), every urgent
    // message urgent; 0.236 since a passage may say "come back" in those words ("will it come
    // back once its gone", against "Superficial thrombophlebitis can come back"); 0.254 since
    // one of two things offered is answered by a passage on the other.
    ("superficial-thrombophlebitis", 0.254, 0.90),
    // Written the same way a session later (leaflet and questions by a helper who saw only
    // it and the first): a leaflet on the duplex ultrasound scan. On arrival (0.345, 1.0),
    // every urgent message urgent; in a folder with every other leaflet, (0.255, 0.80). Then
    // (0.364, 1.0) since a passage may say "come back" in those words ("my varicose veins
    // have come back 5 yrs after the glue treatment, do i need to be scanned again?").
    // Near misses 0.95 since "NHS" is no place: "how long is the NHS waiting list for a vein
    // scan" now finds "NHS" in the passage that says "contact NHS 111", which leaves out only
    // the waiting list, a thing its document names elsewhere (a passage may leave out one such
    // concept). Left so: "NHS" read as a place answered "can I get my spider veins treated on
    // the NHS?" from a passage on treatments (the sixth fresh set, on arrival). 21 of 55
    // (0.381) since a relative who has the veins, told before a question about no one else,
    // is whom the patient asks for; 22 (0.400) since a question of what a thing is is
    // answered where it is said ("whats a duplex scan exactly?? gp just said ive been
    // referred for one").
    ("duplex-ultrasound-scan", 0.418, 0.95),
    // Written the same way a session later (the leaflet by one helper, its questions by
    // another who saw only it and the first): travel, long journeys and clots. On arrival
    // (0.273, 0.85), and one urgent message of ten missed ("after long flight from india her
    // leg is very big and painful, only one side"): ten answerable questions about the risk
    // of a clot got the urgent reply ("is she more at risk of a clot?"). Now the risk of a
    // clot, asked about, is no suspected clot, and a leg that "is very big" is swollen:
    // (0.309, 0.85), every urgent message urgent; 0.327 since a verb of where one is,
    // followed by a place, is no phrase ("sat in my seat" is not "sit in", attend); 0.345
    // since one of two things offered is answered by a passage on the other ("aisle or
    // window seat, which is better for your veins lol"). Near misses 0.90 since what a span
    // of time is counted from must be spoken to ("how soon after giving birth can i have my
    // varicose veins treated" is not answered by waiting after treatment before a flight);
    // 0.363 since doubt of a claim names no topic ("do flight socks actually do anything or
    // is it a gimmick").
    ("travel-and-your-veins", 0.363, 0.90),
    // Written the same way in the same session, after its changes to triage, phrases of
    // place, things offered as one of two, context and spans of time: creams, supplements and
    // home remedies. On arrival (0.491, 0.90), every urgent message urgent; in a folder with
    // every leaflet, (0.364, 0.70). Then 0.509 since doubt of a claim names no topic ("does
    // horse chestnut actually work or is it all hype"); 0.527 since "is that normal" asks
    // whether a thing is expected ("the cooling leg gel with menthol really stings my skin, is
    // that normal"); 0.545 since a clinic's synonym for a phrase keeps its English meaning
    // ("cut down" is "moderation" for the first leaflet, and still "reduce").
    ("creams-supplements-and-home-remedies", 0.563, 0.9),
    // Written the same way at the end of that session, after all its changes but one: aching
    // legs, night cramps and restless legs. On arrival (0.418, 0.90), every urgent message
    // urgent; in a folder with every leaflet, (0.309, 0.70). Near misses 0.95 since "which"
    // with no noun chooses among what was said before it ("ropinirole or pramipexole, which is
    // better for restless legs" had the two medicines set aside as context). 0.454 since how
    // a thing works is answered where it is said what it is ("how does the calf muscle pump
    // thing work", session seven).
    ("aching-legs-cramps-and-restless-legs", 0.454, 1.0),
    // Two more, written the same way at the start of the next session (each leaflet by one
    // helper, its questions by another who saw only it and the first), measured on arrival
    // with nothing tuned to them. Hormones, the pill and HRT: (0.600, 0.85), and one urgent
    // message of ten missed ("worst headache of my life came on out of nowhere"); three
    // answerable questions got the urgent reply ("is HRT gel safer than tablets when it comes
    // to clots"; "will new ones keep coming back?" read as blood that keeps coming). Skin,
    // sun and beauty treatments: (0.582, 0.90), and two urgent messages missed (sepsis: "really
    // confused, breathing super fast and his skin looks cold and blotchy"; sunburn with
    // blisters, dizziness and fever). Now rules for a sudden severe headache, sepsis and
    // severe sunburn, a comparison of safety asks of clots in general, and veins that "keep
    // coming back" return: every urgent message urgent. Skin near misses 0.95 since what "how
    // many" counts must be in the passage ("how many laser sessions do spider veins on the
    // nose usually take"); 0.600 since between documents the passage headed as being about
    // the question answers ("is swimming good for spider veins" is no longer answered by
    // "reapply it ... after swimming"); 0.618 since seasons say when ("is sunscreen enough in
    // summer"); 0.636 since "proper" is a word of opinion ("how long after sclerotherapy till
    // i can have a proper hot bath"); 0.654 since where on the legs is context.
    ("hormones-and-your-veins", 0.618, 0.85),
    ("skin-sun-and-beauty-with-spider-veins", 0.672, 0.95),
    // Two more, written the same way at the start of the session after: your job and your
    // veins (standing, sitting, shifts, time off work), on arrival 32 of 55 (0.582) and 16 of
    // 20 near misses (four answered wrongly: "how long off work after a knee replacement?" by
    // "how long" and "work" of the passage on compression stockings at work); weight, diet and
    // your veins, on arrival 36 of 55 (0.655) and 17 of 20. Every urgent message urgent on
    // arrival in both. Work 33 of 55 (0.600) since "how often" asks for a frequency that a
    // passage must state ("how often should I do calf raises at work and how many": "Every 20
    // to 30 minutes, do 10 to 15 calf raises"); 34 (0.618) since numbness alone inside a
    // compression stocking is no warning sign ("my toes go numb when I'm wearing my compression
    // stockings at work, what should I do" got the urgent reply on arrival); 35 (0.636) since
    // where the patient stands or sits for hours tells who asks ("I work on a production line
    // stood on concrete for 8 hrs").
    ("your-job-and-your-veins", 0.636, 0.80),
    ("weight-diet-and-your-veins", 0.654, 0.85),
    // Swollen ankles and legs (oedema: from the veins, other causes, what helps at home, when
    // to get help), written the same way two sessions later, after where on the legs had
    // become context; on arrival 31 of 55 (0.564), 18 of 20 near misses ("how much salt a day
    // is ok if ive got swollen ankles" was answered by the passage that says to cut down on
    // salt; "my eyelids are really puffy every morning" got the urgent reply, read as an
    // allergic swelling of the face), every urgent message urgent. Three answerable questions
    // got the urgent reply: "can't feel my feet very well" (diabetes), "my toes go cold and
    // numb" in stockings that dig in, and "a small cut on my shin that still hasn't healed
    // after 3 weeks". 32 of 55 (0.582) since a clinic's synonym for a phrase keeps its
    // English meaning ("does cutting down on salt help swollen ankles"); 33 (0.600) since a
    // question of what a thing is is answered where it is said ("what does oedema mean?":
    // "Swelling caused by fluid building up in the tissues is called oedema").
    ("swollen-ankles-and-legs", 0.60, 0.90),
    // Blood-thinning medicines and vein treatment (what to tell the clinic, stopping or
    // keeping them, bruising and bleeding, injections after ablation), written the same way
    // late in the same session, after all its changes to answering; on arrival 26 of 55
    // (0.473), 16 of 20 near misses ("what INR range do you need for vein treatment?" and "can
    // i do the injection in my thigh instead of my tummy" were answered from passages that
    // name them but give no range and no other place), and 8 of 10 urgent messages: vomit
    // like coffee grounds on warfarin, and a knock to the head on rivaroxaban followed by a
    // headache and muddle, were missed. Now rules for vomiting blood and for a head injury
    // on a blood thinner or with a headache, confusion or being sick: every urgent message
    // urgent, no other triage set changed.
    ("blood-thinners-and-vein-treatment", 0.509, 0.8),
    // When veins come back (why, how common, treated veins reopening or new ones, follow-up
    // scans, top-up sessions, what lowers the chance), written the same way the session
    // after, measured on arrival: 38 of 55 (0.691), 15 of 20 near misses ("my piles came back
    // after banding, how common is recurrence" was answered by the passage on how common
    // recurrence is; "how much does a spider vein top up session cost" by the one that says to
    // ask the clinic what the cost will be; "Is it safe to have sclerotherapy while I'm
    // pregnant?" by one that says compression may not be safe), every urgent message urgent.
    // 16 of 20 near misses since a price asked must be a sum given ("£300"): the top-up cost
    // question falls back.
    ("veins-that-come-back", 0.69, 0.80),
    // Getting back to sport after treatment, the same way and the same session: on arrival 26
    // of 55 (0.473), 19 of 20 near misses, every urgent message urgent. 29 (0.527) since the
    // abbreviations of vein care are what they stand for ("when can i start running again
    // after EVLA", which the leaflet defines as "endovenous laser ablation (EVLA)", "10 days
    // after my RFA"); at the cost of one near miss: "how long after the treated vein is closed
    // will it disappear completely after EVLA" is answered by the passage on discomfort after
    // laser or radiofrequency ablation, which says bruising fades within two to four weeks.
    ("sport-after-vein-treatment", 0.563, 0.9),
    // Medical glue and mechanochemical ablation (VenaSeal, ClariVein), written the same way
    // late in that session, after its other changes: on arrival 28 of 55 (0.509), 19 of 20
    // near misses, every urgent message urgent; the session's first engine scored the same.
    // 32 (0.582) once the standard abbreviation for mechanochemical ablation was spelt MOCA,
    // not "mocha" (a slip a review found, not this set's failures).
    ("non-thermal-vein-closure", 0.6, 0.95),
    // Ambulatory phlebectomy, and getting ready for a sclerotherapy appointment, written the
    // same way at the start of session seven and measured on arrival: phlebectomy 31 of 55
    // (0.564), 17 of 20 near misses, 9 of 10 urgent messages; preparing for sclerotherapy 25
    // of 55 (0.455), 17 of 20, 9 of 10. The two urgent messages missed: a mother confused,
    // her heart racing and "burning up" three days after phlebectomy (sepsis), and flickering
    // vision with a migraine-type headache after sclerotherapy; both now urgent, by a rule
    // for a racing heart with confusion or a fever and by "flicker" in the sight rules.
    // Phlebectomy's near misses 18 of 20 since how long a thing takes is not answered by a
    // span that says when it comes after another ("how long does the radiofrequency
    // treatment on the main vein take": "... often done a few weeks after laser or
    // radiofrequency treatment"). One answerable question more each (32, 0.582; 26, 0.473)
    // since four triage false alarms were put right ("cant they just see the veins", "what
    // painkiller can i take", pinkish blood on the bandage, "I tend to go faint"). All found
    // on these sets, so not blind.
    ("phlebectomy", 0.6, 0.9),
    ("preparing-for-sclerotherapy", 0.49, 0.85),
    // Ultrasound-guided foam sclerotherapy for varicose veins, and pelvic and vulval varicose
    // veins, written the same way at the start of session eight and measured on arrival:
    // foam 16 of 55 (0.291), 16 of 20 near misses, every urgent message urgent; pelvic veins
    // 14 of 55 (0.255), 17 of 20, 8 of 10 urgent messages. The two missed: a temperature of
    // 39.2 with shivering four days after the ovarian veins were blocked, and a vein "on my
    // private area" gone rock hard, red and sore; both now urgent, by a rule for a fever with
    // shivering (or a high temperature after a treatment) and one for a hard, red vein in
    // the groin or vulva. Foam 17 (0.309) since a treatment named only by its kind ("after
    // the injections") is the leaflet's own ("the day after foam sclerotherapy"), found on
    // this set, so not blind; 18 (0.327) since "loads" is a word of quantity, and 17 of 20
    // near misses since "old enough" asks about age. Pelvic veins 18 of 20 near misses since
    // "too old" asks about age, and 15 (0.272) since a part of the body is no workplace
    // ("did all that standing cause the veins in my pelvis"), found on this set.
    ("foam-sclerotherapy", 0.327, 0.85),
    ("pelvic-and-vulval-veins", 0.272, 0.90),
];

#[test]
fn a_new_document_is_answered_with_no_synonym_written_for_it() {
    for &(doc, answerable, refused) in NEW_DOCUMENT_FLOORS {
        let engine = engine_with(&[doc]);
        let set = cases(&format!("{doc}.toml"));
        assert_all_urgent(&engine, &set);
        let s = Score::of(&engine, &set);
        let a = s.share(&["in-scope", "cross-document"]);
        let r = s.share(&["near-miss"]);
        println!("{doc}: answerable {a:.3}, near misses refused {r:.3}");
        assert!(a >= answerable, "{doc}: answerable {a:.3}\n{}", s.report);
        assert!(r >= refused, "{doc}: near misses {r:.3}\n{}", s.report);
    }
}

/// How many right answers of the shipped leaflet's labelled sets (short, chatty and the
/// four fresh sets: 394 answerable questions, 300 answered right) each leaflet takes when it
/// is added alone, measured. Not all are wrong: the labels know only the shipped leaflet, and
/// the varicose-veins leaflet's "Spider veins, also called thread veins, are different from
/// varicose veins ..." answers "what's the difference" as well. Before section openers and
/// introductions stopped counting between documents they took 17, 36, 45, 37, 15, 13, 19, 23,
/// 28 and 44 of the first three fresh sets' 240 right answers; after, 12 to 44 (215 in all).
/// With the fourth fresh set, written a session later, they take the counts below; the
/// duplex-scan leaflet, which came with it, takes 11. Since a kind of exercise the documents
/// name is exercise to all their passages, 284 are right; the thrombophlebitis leaflet takes
/// the one gained ("is cycling ok for me?", from its advice to stay active). Since "does that
/// count" asks whether it is one, 286, and 287 since a phrase's verb counts in any form ("sat
/// down"); no leaflet takes any of the three gained. Since the name of a thing asks about the
/// thing ("whats the medical name for thread veins"), 290: those questions are about one
/// concept, and the leaflets that name thread veins too take them (varicose veins, laser,
/// consultation, pregnancy, fees and facial veins, one or two each). Since context is spoken
/// to only in its own words, 291 ("Why do these things turn up on legs in particular? Mine
/// are all round my ankles"), and ten leaflets take the one gained. The travel leaflet, new
/// that session, takes 19, and the leaflet on creams and home remedies, new after it, 17.
/// Since where the patient works tells who asks ("I'm a nurse and on my feet for 12 hour
/// shifts, is all that standing making my veins worse?"), 293; ten leaflets take both gained,
/// from their own passages on standing at work. The leaflet on aching legs, cramps and restless
/// legs, new at the end of that session, takes 16. Since the names of treatments and medicines
/// English data does not list count as things that may be offered one of two ("is laser or
/// sclerotherapy better for really tiny fine veins"), 295; the leaflets that speak of laser and
/// sclerotherapy too take one or both. The leaflets on hormones and on skin care, new the next
/// session, took 30 and 44 before the change that follows. Since between documents that answer alike the passage headed as
/// being about the question answers (its heading and its document's title name all it
/// covers), most take fewer (varicose veins 62 → 58, facial veins 45 → 40, travel 21 → 15,
/// skin care 44 → 38: "what actually are spider veins" and "what causes spider veins" stay
/// with the leaflet titled after them); the laser leaflet takes two more ("laser on face?",
/// under its title "Laser Treatment for Facial and Leg Thread Veins"). The leaflets on work
/// and on weight and diet, new the session after, take 39 and 14 on arrival: the one on work
/// speaks of standing, sitting and the calf muscle pump, and names sclerotherapy and laser in
/// its passage on time off work ("what is sclerotherapy" went to it on BM25 alone); the one
/// on swollen ankles and legs, two sessions later, 15, and the one on blood thinners, later
/// in that session, 8. Since
/// where on the legs is context ("got tiny red n blue lines round my ankles, are those spider
/// veins?"), 298 are right; the varicose-veins and pregnancy leaflets take that one, and
/// compression stockings one fewer ("powerlifting and a few spider veins on my calves").
/// Since a question of what a thing is is answered where it is said ("What exactly are spider
/// veins? My granddaughter says I have them on the backs of my knees"), 300, and most take
/// fewer: the consultation leaflet 17 → 16, pregnancy 19 → 16, leg ulcers 20 → 19, travel
/// 15 → 14, creams 20 → 19, skin care 38 → 35, work 39 → 38. Since what "is called" a
/// thing says what it is ("... this is called the calf muscle pump"), the leg-ulcer leaflet
/// takes "wat is the calf muscle pump" as well (20), with a passage that answers it. Since
/// an operation or surgery is a procedure at a clinic ("Is spider vein removal a big
/// operation?": "These procedures are highly effective ..."), 302; the creams and work
/// leaflets take one of them each. The leaflets on veins that come back after treatment and
/// on sport after treatment, new the session after, take 47 and 41 on arrival: both speak of
/// sclerotherapy sessions, valves, the calf muscle pump and walking, as the first leaflet
/// does, and often win between documents on a passage that says a question's word itself
/// where the first leaflet's says a synonym ("which doctor do i see for spider veins" went to
/// "... yours to make with the nurse or doctor"). Some of their answers are as good; many
/// are not. Since between documents a focus or directness within a tenth is no difference
/// (the headed passage, then BM25, decides), every leaflet takes fewer: in all, 606 → 502
/// (varicose veins 58 → 44, first consultation 16 → 9, weight and diet 14 → 7, veins that
/// come back 47 → 38), as below. The leaflet on glue and mechanochemical closure, new later
/// that session, takes 8. Since what the patient drives for a living tells who asks, as an
/// occupation does ("i drive lorries so im sat for hours every day, does that matter for my
/// veins"), 303; five leaflets take the one gained, from their own passages on sitting.
/// Since "how does the calf muscle pump work" is answered by the passage that says what the
/// pump is, the takes fall to 509 over those 24 leaflets (varicose veins 44, laser 37). The
/// leaflets on phlebectomy and on getting ready for sclerotherapy, new in session seven,
/// take 8 and 30 on arrival, and the second 31 since "how does the injection treatment
/// work" stopped searching for the subject as "what is" does: its "Sclerotherapy works by
/// injecting a small amount of medicine ... so that they close and fade" answers it, as a
/// leaflet about getting ready for exactly that treatment would.
const TAKEN_AT_MOST: &[(&str, usize)] = &[
    ("compression-stockings", 15),
    ("sclerotherapy-aftercare", 43),
    ("varicose-veins", 44),
    ("laser-treatment", 37),
    ("first-consultation", 9),
    ("veins-in-pregnancy", 16),
    ("leg-ulcers-and-skin-changes", 17),
    ("endovenous-ablation", 19),
    ("fees-booking-and-cancellations", 17),
    ("facial-thread-veins", 37),
    ("superficial-thrombophlebitis", 8),
    ("duplex-ultrasound-scan", 11),
    ("travel-and-your-veins", 12),
    ("creams-supplements-and-home-remedies", 14),
    ("aching-legs-cramps-and-restless-legs", 13),
    ("hormones-and-your-veins", 26),
    ("skin-sun-and-beauty-with-spider-veins", 29),
    ("your-job-and-your-veins", 38),
    ("weight-diet-and-your-veins", 7),
    ("swollen-ankles-and-legs", 11),
    ("blood-thinners-and-vein-treatment", 6),
    ("veins-that-come-back", 38),
    ("sport-after-vein-treatment", 40),
    ("non-thermal-vein-closure", 8),
    ("phlebectomy", 8),
    ("preparing-for-sclerotherapy", 31),
    ("foam-sclerotherapy", 44),
    ("pelvic-and-vulval-veins", 12),
];

/// Adding a leaflet takes few of the first leaflet's right answers, and each one it takes is
/// listed.
#[test]
fn adding_a_document_takes_few_of_the_first_documents_right_answers() {
    let set: Vec<eval::Case> = ["short", "chatty", "fresh", "fresh-2", "fresh-3", "fresh-4"]
        .iter()
        .flat_map(|s| cases(&format!("{s}.toml")))
        .filter(|c| c.expect == ReplyKind::Answer)
        .collect();
    let right = |r: &spider_vein_bot::Reply, c: &eval::Case| {
        r.kind == ReplyKind::Answer
            && r.passage
                .as_ref()
                .is_some_and(|p| c.passages.contains(&p.id.0))
    };
    let before = engine_with(&[]);
    let was_right: Vec<bool> = set
        .iter()
        .map(|c| right(&before.answer(&c.question), c))
        .collect();
    assert_eq!(
        was_right.iter().filter(|&&r| r).count(),
        303,
        "the shipped folder's own score"
    );
    for &(doc, most) in TAKEN_AT_MOST {
        let after = engine_with(&[doc]);
        let taken: Vec<String> = set
            .iter()
            .zip(&was_right)
            .filter(|&(_, &was)| was)
            .filter_map(|(c, _)| {
                let r = after.answer(&c.question);
                (!right(&r, c))
                    .then(|| format!("  {:?} -> {:?}", c.question, r.passage.map(|p| p.id.0)))
            })
            .collect();
        println!(
            "adding {doc} takes {} right answers:\n{}",
            taken.len(),
            taken.join("\n")
        );
        assert!(
            taken.len() <= most,
            "adding {doc} took {} (at most {most})",
            taken.len()
        );
    }
}

/// Right answers of the shipped leaflet that a new leaflet turned into fallbacks on arrival,
/// measured and kept in view: each still fails the test below if it becomes a wrong answer,
/// and the test fails if it passes again (then it comes off this list).
///
/// The leaflet on swollen ankles and legs names the legs and the ankles in most of its
/// passages, which makes them its subject: they choose that document and are left out of the
/// search. "Why do these things turn up on legs in particular? Mine are all round my ankles"
/// then searches on "turn up" alone and finds only the passage that says "turn". Searching on
/// the subject words whenever the rest of a question is common words found it again, but cost
/// two near misses and took nine more of the first leaflet's answers: not kept.
///
/// The leaflet on getting ready for sclerotherapy makes "sclerotherapy" its subject the same
/// way, and "Is sclerotherapy a one-off or will I have to keep going back?" then searches on
/// "back" alone. Searching on the subject where every other word is a common one (session
/// seven) found it again, but answered two near misses of the ten oldest sets and lost an
/// answer each in three others: not kept either.
const LOST_ON_ARRIVAL: &[(&str, &str)] = &[
    (
        "swollen-ankles-and-legs",
        "Why do these things turn up on legs in particular? Mine are all round my ankles.",
    ),
    (
        "preparing-for-sclerotherapy",
        "Is sclerotherapy a one-off or will I have to keep going back?",
    ),
];

/// Adding a document changes another document's answers only where the new passage answers
/// (a question that passed still passes), and every change is listed.
#[test]
fn adding_a_document_changes_other_answers_only_for_the_better() {
    let shipped: Vec<eval::Case> = [cases("short.toml"), cases("chatty.toml")].concat();
    let before = engine_with(&[]);
    for doc in NEW_DOCUMENTS {
        let after = engine_with(&[doc]);
        let mut changed = Vec::new();
        for c in &shipped {
            let (old, new) = (before.answer(&c.question), after.answer(&c.question));
            let id = |r: &spider_vein_bot::Reply| r.passage.as_ref().map(|p| p.id.0.clone());
            if old.kind == new.kind && id(&old) == id(&new) {
                continue;
            }
            changed.push(format!(
                "{:?}: {} {:?} -> {} {:?}",
                c.question,
                old.kind,
                id(&old),
                new.kind,
                id(&new)
            ));
            let passed = |r: &spider_vein_bot::Reply| {
                r.kind == c.expect
                    && (c.expect != ReplyKind::Answer
                        || id(r).is_some_and(|p| c.passages.contains(&p)))
            };
            // The set's labels are for the shipped folder: an answer from the new document
            // may rightly replace a fallback or another passage. Anything else must not turn
            // a right answer into a wrong one.
            let from_new = id(&new).is_some_and(|p| p.starts_with(&format!("{doc}#")));
            if LOST_ON_ARRIVAL.contains(&(doc, c.question.as_str())) {
                assert!(
                    passed(&old) && new.kind == ReplyKind::Fallback,
                    "{doc}: {:?} is listed as lost to a fallback, and is now {} {:?}",
                    c.question,
                    new.kind,
                    id(&new)
                );
                continue;
            }
            assert!(
                from_new || !passed(&old) || passed(&new),
                "adding {doc} broke {:?}: {:?} -> {:?}",
                c.question,
                id(&old),
                id(&new)
            );
        }
        println!("adding {doc} changed {} answers:", changed.len());
        for line in &changed {
            println!("  {line}");
        }
    }
}

/// A synonym the clinic wrote for its first leaflet ("cut down" = "moderation", for "Moderation
/// is advised") does not take away what the phrase means in English: a new leaflet's "eating
/// less salt ... all reduce the strain" still answers "cutting down on salt".
#[test]
fn a_clinic_synonym_for_a_phrase_keeps_its_english_meaning() {
    let synonyms =
        std::fs::read_to_string(support::blind_sets::root().join("knowledge/synonyms.toml"))
            .expect("synonyms.toml");
    assert!(
        synonyms.contains("\"cut down\" = [\"moderation\"]"),
        "the premise"
    );
    let engine = engine_with(&["swollen-ankles-and-legs"]);
    let r = engine.answer("does cutting down on salt help swollen ankles");
    assert_eq!(
        r.passage.map(|p| p.id.0).as_deref(),
        Some("swollen-ankles-and-legs#what-helps-leg-swelling-at-home-3")
    );
}

/// A clinic's folder grows: with all 29 leaflets in it, the first leaflet's labelled questions
/// (the sixteen sets written for it) and the new leaflets' answerable questions are answered
/// at least as measured. The labels know only the leaflet a set was written for and the first
/// one, so an answer from a third leaflet counts as wrong here even where it is as good: these
/// are floors against losing answers, not the bot's accuracy. Measured at the end of session
/// six: 405 of 979 and 439 of 1,414 (the session's first engine: 353 and 425; the tie between
/// documents and thirty passages for the decision made most of the difference). With the two
/// leaflets and the fresh set of session seven (27 leaflets, 16 sets): 428 of 1,044 and 469
/// of 1,524. With the two leaflets of session eight (29 leaflets): 428 and 477 of 1,634.
#[test]
fn a_grown_folder_keeps_answering_as_measured() {
    let mut docs = NEW_DOCUMENTS.to_vec();
    docs.push("facial-thread-veins");
    let engine = engine_with(&docs);
    let first: Vec<eval::Case> = [
        "short", "chatty", "fresh", "fresh-2", "fresh-3", "fresh-4", "fresh-5", "fresh-6",
        "fresh-7", "fresh-8", "fresh-9", "fresh-10", "fresh-11", "fresh-12", "fresh-13",
        "fresh-14",
    ]
    .iter()
    .flat_map(|s| cases(&format!("{s}.toml")))
    .filter(|c| c.expect == ReplyKind::Answer)
    .collect();
    let new: Vec<eval::Case> = docs
        .iter()
        .flat_map(|d| cases(&format!("{d}.toml")))
        .filter(|c| c.expect == ReplyKind::Answer)
        .collect();
    let right = |set: &[eval::Case]| {
        set.iter()
            .filter(|c| {
                let r = engine.answer(&c.question);
                r.kind == ReplyKind::Answer
                    && r.passage.is_some_and(|p| c.passages.contains(&p.id.0))
            })
            .count()
    };
    let (first_right, new_right) = (right(&first), right(&new));
    println!(
        "grown folder: first leaflet {first_right} of {}, new leaflets {new_right} of {}",
        first.len(),
        new.len()
    );
    assert!(first_right >= 428, "first leaflet: {first_right}");
    assert!(new_right >= 477, "new leaflets: {new_right}");
}
