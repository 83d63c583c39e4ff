//! The bot's counters for `/metrics` on the health address, in Prometheus' text format:
//! replies by kind, latencies, retries and Bot API errors, queue depth, the last reload.
//! Never a message's text, a chat or a user id: only kinds and numbers.

use std::sync::atomic::AtomicU64;
use std::time::{Duration, SystemTime};

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::engine::ReplyKind;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MethodLabel {
    method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrorLabel {
    error: &'static str,
}

/// A Bot API failure, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFailure {
    /// 429 Too Many Requests.
    RateLimited,
    /// A 5xx answer.
    Server,
    /// The Bot API could not be reached, or answered with something that is not JSON.
    Network,
}

impl ApiFailure {
    fn label(self) -> &'static str {
        match self {
            ApiFailure::RateLimited => "429",
            ApiFailure::Server => "5xx",
            ApiFailure::Network => "network",
        }
    }
}

/// The last reload: when, and whether the new knowledge went live.
pub type ReloadInfo = Option<(SystemTime, bool)>;

pub struct Metrics {
    registry: Registry,
    replies: Family<KindLabel, Counter>,
    update_to_reply: Histogram,
    engine: Histogram,
    retries: Family<MethodLabel, Counter>,
    api_errors: Family<ErrorLabel, Counter>,
    queue_depth: Gauge,
    reload_time: Gauge<f64, AtomicU64>,
    reload_ok: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::default();
        let replies = Family::<KindLabel, Counter>::default();
        registry.register(
            "bot_replies",
            "Replies sent to questions, by kind",
            replies.clone(),
        );
        // 0.5 ms to 16 s: below the rate limits a reply takes a few ms, above them seconds.
        let update_to_reply = Histogram::new(exponential_buckets(0.0005, 2.0, 16));
        registry.register(
            "bot_update_to_reply_seconds",
            "From an update's arrival to its last reply sent",
            update_to_reply.clone(),
        );
        // 5 us to 40 ms: the engine answers in 10-20 us.
        let engine = Histogram::new(exponential_buckets(0.000_005, 2.0, 14));
        registry.register(
            "bot_engine_seconds",
            "Time the engine took to answer a question",
            engine.clone(),
        );
        let retries = Family::<MethodLabel, Counter>::default();
        registry.register(
            "bot_api_retries",
            "Bot API requests sent again after a failure, by method",
            retries.clone(),
        );
        let api_errors = Family::<ErrorLabel, Counter>::default();
        registry.register(
            "bot_api_errors",
            "Bot API failures: 429, 5xx, network",
            api_errors.clone(),
        );
        let queue_depth = Gauge::default();
        registry.register(
            "bot_queue_depth",
            "Updates received and not yet answered",
            queue_depth.clone(),
        );
        let reload_time = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "bot_last_reload_timestamp_seconds",
            "When the knowledge folder was last reloaded (Unix time; 0: not since start)",
            reload_time.clone(),
        );
        let reload_ok = Gauge::default();
        registry.register(
            "bot_last_reload_success",
            "1 if the last reload went live, 0 if it was refused, -1 if none since start",
            reload_ok.clone(),
        );
        reload_ok.set(-1);
        Metrics {
            registry,
            replies,
            update_to_reply,
            engine,
            retries,
            api_errors,
            queue_depth,
            reload_time,
            reload_ok,
        }
    }
}

impl Metrics {
    pub fn reply(&self, kind: ReplyKind, engine_time: Duration) {
        let kind = match kind {
            ReplyKind::Answer => "answer",
            ReplyKind::Fallback => "fallback",
            ReplyKind::Urgent => "urgent",
            ReplyKind::SmallTalk => "smalltalk",
        };
        self.replies.get_or_create(&KindLabel { kind }).inc();
        self.engine.observe(engine_time.as_secs_f64());
    }

    pub fn handled(&self, since_arrival: Duration) {
        self.update_to_reply.observe(since_arrival.as_secs_f64());
    }

    pub fn retry(&self, method: &'static str) {
        self.retries.get_or_create(&MethodLabel { method }).inc();
    }

    pub fn failure(&self, failure: ApiFailure) {
        self.api_errors
            .get_or_create(&ErrorLabel {
                error: failure.label(),
            })
            .inc();
    }

    pub fn queued(&self, change: i64) {
        self.queue_depth.inc_by(change);
    }

    /// The text for `GET /metrics`, with the last reload as of now.
    pub fn render(&self, reload: ReloadInfo) -> String {
        if let Some((at, ok)) = reload {
            let at = at
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0);
            self.reload_time.set(at);
            self.reload_ok.set(i64::from(ok));
        }
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_has_every_metric_and_counts() {
        let m = Metrics::default();
        m.reply(ReplyKind::Answer, Duration::from_micros(15));
        m.reply(ReplyKind::Answer, Duration::from_micros(15));
        m.failure(ApiFailure::RateLimited);
        m.retry("sendMessage");
        m.queued(3);
        m.queued(-1);
        m.handled(Duration::from_millis(2));
        let text = m.render(Some((
            SystemTime::UNIX_EPOCH + Duration::from_secs(100),
            true,
        )));
        for line in [
            "bot_replies_total{kind=\"answer\"} 2",
            "bot_api_errors_total{error=\"429\"} 1",
            "bot_api_retries_total{method=\"sendMessage\"} 1",
            "bot_queue_depth 2",
            "bot_last_reload_timestamp_seconds 100",
            "bot_last_reload_success 1",
            "bot_update_to_reply_seconds_count 1",
            "bot_engine_seconds_count 2",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
    }
}
