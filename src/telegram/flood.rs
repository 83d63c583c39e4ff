//! Per-chat flood control: a token bucket per chat, so one patient sending message after
//! message gets a gentle notice and cannot hold up everybody else.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use teloxide::types::ChatId;

/// How many messages one chat may send before the bot stops answering it for a while.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloodPolicy {
    /// Messages answered in a quick burst. A patient often sends two or three short messages
    /// in a row ("hi", "I have a question", the question); 8 leaves room for that.
    pub burst: u32,
    /// Messages per minute answered after the burst: Telegram's own limit for a group chat.
    pub per_minute: u32,
}

impl Default for FloodPolicy {
    fn default() -> Self {
        FloodPolicy {
            burst: 8,
            per_minute: 20,
        }
    }
}

/// What to do with one incoming message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Answer,
    /// Over the limit for the first time in this flood: send the notice, nothing else.
    Warn,
    /// Over the limit and already told: ignore the message.
    Ignore,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
    warned: bool,
}

/// Buckets of the chats seen recently.
#[derive(Debug)]
pub struct FloodControl {
    policy: FloodPolicy,
    chats: Mutex<HashMap<ChatId, Bucket>>,
}

/// Above this many chats, full buckets (chats quiet long enough to be forgotten) are dropped.
const PRUNE_ABOVE: usize = 10_000;

impl FloodControl {
    pub fn new(policy: FloodPolicy) -> FloodControl {
        FloodControl {
            policy,
            chats: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, chat: ChatId) -> Verdict {
        self.check_at(chat, Instant::now())
    }

    fn check_at(&self, chat: ChatId, now: Instant) -> Verdict {
        let burst = f64::from(self.policy.burst.max(1));
        let per_sec = f64::from(self.policy.per_minute) / 60.0;
        // A poisoned lock only means another thread panicked mid-update of a counter.
        let mut chats = self.chats.lock().unwrap_or_else(|e| e.into_inner());
        if chats.len() > PRUNE_ABOVE {
            chats.retain(|_, b| refilled(b, now, per_sec, burst) < burst);
        }
        let bucket = chats.entry(chat).or_insert(Bucket {
            tokens: burst,
            updated: now,
            warned: false,
        });
        bucket.tokens = refilled(bucket, now, per_sec, burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            bucket.warned = false;
            Verdict::Answer
        } else if bucket.warned {
            Verdict::Ignore
        } else {
            bucket.warned = true;
            Verdict::Warn
        }
    }
}

fn refilled(bucket: &Bucket, now: Instant, per_sec: f64, burst: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * per_sec).min(burst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn refill_time(policy: FloodPolicy) -> Duration {
        Duration::from_secs_f64(
            f64::from(policy.burst) * 60.0 / f64::from(policy.per_minute.max(1)),
        )
    }

    #[test]
    fn a_burst_is_answered_then_one_notice_then_silence() {
        let flood = FloodControl::new(FloodPolicy {
            burst: 3,
            per_minute: 20,
        });
        let now = Instant::now();
        let chat = ChatId(1);
        let verdicts: Vec<Verdict> = (0..6).map(|_| flood.check_at(chat, now)).collect();
        use Verdict::*;
        assert_eq!(verdicts, [Answer, Answer, Answer, Warn, Ignore, Ignore]);
    }

    #[test]
    fn the_bucket_refills_and_the_notice_can_come_again() {
        let flood = FloodControl::new(FloodPolicy {
            burst: 1,
            per_minute: 60,
        });
        let now = Instant::now();
        let chat = ChatId(1);
        assert_eq!(flood.check_at(chat, now), Verdict::Answer);
        assert_eq!(flood.check_at(chat, now), Verdict::Warn);
        assert_eq!(
            flood.check_at(chat, now + Duration::from_millis(1100)),
            Verdict::Answer
        );
        assert_eq!(
            flood.check_at(chat, now + Duration::from_millis(1100)),
            Verdict::Warn
        );
    }

    #[test]
    fn one_chat_flooding_leaves_others_alone() {
        let flood = FloodControl::new(FloodPolicy::default());
        let now = Instant::now();
        for _ in 0..100 {
            flood.check_at(ChatId(1), now);
        }
        assert_eq!(flood.check_at(ChatId(2), now), Verdict::Answer);
    }

    #[test]
    fn quiet_chats_are_forgotten_when_there_are_many() {
        let flood = FloodControl::new(FloodPolicy::default());
        let now = Instant::now();
        for id in 0..=PRUNE_ABOVE as i64 {
            flood.check_at(ChatId(id), now);
        }
        let later = now + refill_time(FloodPolicy::default());
        flood.check_at(ChatId(-1), later);
        assert_eq!(flood.chats.lock().unwrap().len(), 1);
    }
}
