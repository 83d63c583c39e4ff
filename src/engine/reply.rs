//! What the engine says: a [`Reply`] of one [`ReplyKind`], rendered in the clinic's fixed
//! wording from `replies.toml`. Front ends show `Reply::text` as it is.

use serde::Serialize;

use crate::knowledge::{Knowledge, Passage, PassageId, Replies};

/// The few kinds of reply the bot ever gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum ReplyKind {
    /// A verbatim passage of the clinic's documents, with its source and the disclaimer.
    #[serde(rename = "answer")]
    Answer,
    /// The documents do not cover the question: see a specialist; related topics.
    #[serde(rename = "fallback")]
    Fallback,
    /// A warning sign: seek urgent care now. Carries a passage only when the question is
    /// answered by a section the clinic marked urgent.
    #[serde(rename = "urgent")]
    Urgent,
    /// Greetings, thanks, "who are you": what the bot knows and how to ask.
    #[serde(rename = "smalltalk")]
    SmallTalk,
}

impl ReplyKind {
    pub const ALL: [ReplyKind; 4] = [
        ReplyKind::Answer,
        ReplyKind::Fallback,
        ReplyKind::Urgent,
        ReplyKind::SmallTalk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReplyKind::Answer => "answer",
            ReplyKind::Fallback => "fallback",
            ReplyKind::Urgent => "urgent",
            ReplyKind::SmallTalk => "smalltalk",
        }
    }
}

impl std::fmt::Display for ReplyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The passage an answer quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageRef {
    pub id: PassageId,
    /// The document's title.
    pub document: String,
    pub heading: String,
    /// The passage, verbatim.
    pub text: String,
}

impl PassageRef {
    pub fn new(k: &Knowledge, p: &Passage) -> PassageRef {
        PassageRef {
            id: p.id.clone(),
            document: k.document_of(p).title.clone(),
            heading: p.heading.clone(),
            text: p.text.clone(),
        }
    }
}

/// The bot's whole reply to one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub kind: ReplyKind,
    /// Exactly what the patient sees.
    pub text: String,
    pub passage: Option<PassageRef>,
    /// How sure the engine is that the passage answers the question, from 0 to 1.
    pub confidence: f32,
    /// For a fallback: up to three topics the bot can answer (each works as a question).
    pub suggestions: Vec<String>,
    /// For an urgent reply: why, so that staff can see what fired.
    pub urgent_because: Option<UrgentBecause>,
}

/// What made a reply urgent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UrgentBecause {
    /// A rule of `red-flags.toml`: its id and name.
    Rule { id: String, name: String },
    /// The answer comes from a section the clinic marked urgent.
    Section { passage: PassageId },
}

impl std::fmt::Display for UrgentBecause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrgentBecause::Rule { id, name } => write!(f, "warning-sign rule \"{id}\" ({name})"),
            UrgentBecause::Section { passage } => write!(f, "urgent section {passage}"),
        }
    }
}

/// Which small-talk wording to open with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallTalk {
    Greeting,
    Thanks,
    Goodbye,
    Identity,
}

pub fn answer(r: &Replies, passage: PassageRef, confidence: f32) -> Reply {
    let text = r.answer_text(&passage.text, &passage.document, &passage.heading);
    Reply {
        kind: ReplyKind::Answer,
        text,
        passage: Some(passage),
        confidence,
        suggestions: Vec::new(),
        urgent_because: None,
    }
}

pub fn fallback(r: &Replies, suggestions: Vec<String>, confidence: f32) -> Reply {
    let mut text = r.fill(&r.fallback.text);
    if !suggestions.is_empty() {
        text.push_str("\n\n");
        text.push_str(&r.fill(&r.fallback.suggestions_intro));
        for s in &suggestions {
            text.push_str("\n• ");
            text.push_str(s);
        }
    }
    Reply {
        kind: ReplyKind::Fallback,
        text,
        passage: None,
        confidence,
        suggestions,
        urgent_because: None,
    }
}

pub fn urgent(r: &Replies, because: UrgentBecause) -> Reply {
    Reply {
        kind: ReplyKind::Urgent,
        text: r.fill(&r.urgent.text),
        passage: None,
        confidence: 1.0,
        suggestions: Vec::new(),
        urgent_because: Some(because),
    }
}

/// The urgent reply first, then the passage of the clinic's urgent section that answers,
/// verbatim, with its source.
pub fn urgent_answer(r: &Replies, passage: PassageRef, confidence: f32) -> Reply {
    let source = r.source_line(&passage.document, &passage.heading);
    let text = format!(
        "{}\n\n{}\n\n{}",
        r.fill(&r.urgent.text),
        passage.text,
        source
    );
    Reply {
        kind: ReplyKind::Urgent,
        text,
        urgent_because: Some(UrgentBecause::Section {
            passage: passage.id.clone(),
        }),
        passage: Some(passage),
        confidence,
        suggestions: Vec::new(),
    }
}

pub fn smalltalk(r: &Replies, which: SmallTalk) -> Reply {
    let opening = match which {
        SmallTalk::Greeting => &r.smalltalk.greeting,
        SmallTalk::Thanks => &r.smalltalk.thanks,
        SmallTalk::Goodbye => &r.smalltalk.goodbye,
        SmallTalk::Identity => &r.smalltalk.identity,
    };
    let text = format!("{}\n\n{}", r.fill(opening), r.fill(&r.smalltalk.about));
    Reply {
        kind: ReplyKind::SmallTalk,
        text,
        passage: None,
        confidence: 1.0,
        suggestions: Vec::new(),
        urgent_because: None,
    }
}
