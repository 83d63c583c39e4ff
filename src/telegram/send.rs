//! Sending Bot API requests: messages within Telegram's limits ([`RateLimits`]), and every
//! request retried when worth it: network errors and 5xx answers with exponential backoff
//! and jitter, a 429 after its `retry_after` (holding back only that chat). Counted in
//! [`Metrics`]. Error texts here never contain the token or user data.

use std::sync::Arc;
use std::time::Duration;

use teloxide::payloads::SendMessage;
use teloxide::requests::{HasPayload, Output, Request};
use teloxide::types::ChatId;
use teloxide::{ApiError, RequestError};

use super::limits::{Limits, RateLimits};
use super::metrics::{ApiFailure, Metrics};

/// Attempts per request, the first included: with the backoff below, 6-11 s of waiting in
/// all (plus teloxide's own 10 s pause after each 5xx). A reply that still fails stays in the
/// queue and is answered at the next start.
const ATTEMPTS: u32 = 8;
/// The first backoff; it doubles on each retry, up to [`MAX_BACKOFF`], and is jittered.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// Longest `retry_after` we wait inside a handler; a longer one is Telegram telling us to stop.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Where every request of the bot goes out: the limits and the counters.
pub struct Outbox {
    limits: RateLimits,
    pub metrics: Arc<Metrics>,
}

impl Outbox {
    pub fn new(limits: Limits, metrics: Arc<Metrics>) -> Outbox {
        Outbox {
            limits: RateLimits::new(limits),
            metrics,
        }
    }

    /// Sends a message once Telegram's limits allow, retrying transient failures; a 429
    /// holds back this chat only.
    pub async fn send<Q>(&self, request: Q) -> Result<Output<Q>, RequestError>
    where
        Q: Request<Err = RequestError> + HasPayload<Payload = SendMessage>,
    {
        let chat = match &request.payload_ref().chat_id {
            teloxide::types::Recipient::Id(id) => *id,
            // Channels by @name are not a patient's chat; limit them as one shared chat.
            teloxide::types::Recipient::ChannelUsername(_) => ChatId(i64::MIN),
        };
        self.attempts(request, "sendMessage", Some(chat)).await
    }

    /// Sends any other request, retrying transient failures.
    pub async fn deliver<Q>(
        &self,
        request: Q,
        what: &'static str,
    ) -> Result<Output<Q>, RequestError>
    where
        Q: Request<Err = RequestError>,
    {
        self.attempts(request, what, None).await
    }

    async fn attempts<Q>(
        &self,
        request: Q,
        what: &'static str,
        chat: Option<ChatId>,
    ) -> Result<Output<Q>, RequestError>
    where
        Q: Request<Err = RequestError>,
    {
        let mut attempt = 0;
        loop {
            if let Some(chat) = chat {
                self.limits.until_ready(chat).await;
            }
            let error = match request.send_ref().await {
                Ok(output) => return Ok(output),
                Err(error) => error,
            };
            attempt += 1;
            if let Some(failure) = failure(&error) {
                self.metrics.failure(failure);
            }
            let delay = match retry_delay(&error, attempt) {
                Some(delay) if attempt < ATTEMPTS => delay,
                _ => return Err(error),
            };
            self.metrics.retry(what);
            tracing::warn!(request = what, attempt, error = %describe(&error), "retrying in {delay:?}");
            match (&error, chat) {
                // The limiter waits, so other chats' messages are not held up by this one.
                (RequestError::RetryAfter(_), Some(chat)) => self.limits.hold(chat, delay),
                _ => tokio::time::sleep(delay).await,
            }
        }
    }
}

/// How long to wait before retrying after `error`, or `None` when retrying cannot help.
pub fn retry_delay(error: &RequestError, attempt: u32) -> Option<Duration> {
    match error {
        RequestError::RetryAfter(after) => Some(after.duration().min(MAX_RETRY_AFTER)),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Some(backoff(attempt))
        }
        RequestError::Api(api) if is_server_error(api) => Some(backoff(attempt)),
        _ => None,
    }
}

/// Exponential backoff with "equal jitter": half the step for sure, the other half at random,
/// so that many chats failing at once do not all retry at the same instant.
pub fn backoff(attempt: u32) -> Duration {
    let step =
        (FIRST_BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1).min(16))).min(MAX_BACKOFF);
    step / 2 + step.mul_f64(fastrand::f64() / 2.0)
}

/// How `error` is counted in the metrics, if at all.
pub fn failure(error: &RequestError) -> Option<ApiFailure> {
    match error {
        RequestError::RetryAfter(_) => Some(ApiFailure::RateLimited),
        RequestError::Api(api) if is_server_error(api) => Some(ApiFailure::Server),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Some(ApiFailure::Network)
        }
        _ => None,
    }
}

/// Whether the Bot API is down or overloaded rather than refusing this request. teloxide does
/// not keep the HTTP status, so a 5xx shows as an unknown error with the status's text.
pub fn is_server_error(error: &ApiError) -> bool {
    const SERVER_ERRORS: [&str; 5] = [
        "Internal Server Error",
        "Bad Gateway",
        "Service Unavailable",
        "Gateway Timeout",
        "Too Many Requests",
    ];
    matches!(error, ApiError::Unknown(text) if SERVER_ERRORS.iter().any(|s| text.contains(s)) || text.starts_with('5'))
}

/// Whether the Bot API could not be reached or answered with a server error.
pub fn is_transient(error: &RequestError) -> bool {
    retry_delay(error, 1).is_some()
}

/// A one-line description of `error` for logs. teloxide already removes the token from network
/// errors; the raw body of an invalid answer (which may hold patients' messages) is left out.
pub fn describe(error: &RequestError) -> String {
    match error {
        RequestError::InvalidJson { source, .. } => {
            format!("the Bot API sent an answer that is not valid JSON ({source})")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::Seconds;

    #[test]
    fn server_errors_and_rate_limits_are_retried_refusals_are_not() {
        let e500 = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert!(retry_delay(&e500, 1).is_some_and(|d| d <= FIRST_BACKOFF));
        assert_eq!(
            retry_delay(&RequestError::RetryAfter(Seconds::from_seconds(3)), 1),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_delay(&RequestError::Api(ApiError::BotBlocked), 1),
            None
        );
        assert_eq!(
            retry_delay(
                &RequestError::Api(ApiError::Unknown("Bad Request: chat not found".into())),
                1
            ),
            None
        );
    }

    #[test]
    fn backoff_starts_well_under_a_second_grows_and_is_capped() {
        for _ in 0..100 {
            let first = backoff(1);
            assert!(
                first >= FIRST_BACKOFF / 2 && first <= FIRST_BACKOFF,
                "{first:?}"
            );
            let third = backoff(3);
            assert!(
                third >= FIRST_BACKOFF * 2 && third <= FIRST_BACKOFF * 4,
                "{third:?}"
            );
            assert!(backoff(30) <= MAX_BACKOFF);
            assert!(backoff(30) >= MAX_BACKOFF / 2);
        }
    }

    #[test]
    fn invalid_json_is_described_without_its_body() {
        let source = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let e = RequestError::InvalidJson {
            source: std::sync::Arc::new(source),
            raw: "patient text".into(),
        };
        assert!(!describe(&e).contains("patient"));
    }
}
