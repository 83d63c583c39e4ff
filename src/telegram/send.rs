//! Sending one Bot API request, retrying what is worth retrying: network errors and 5xx
//! answers with backoff, `429 retry_after` by waiting as told (for the requests teloxide's
//! throttle does not already retry). Error texts here never contain the token or user data.

use std::time::Duration;

use teloxide::requests::{Output, Request};
use teloxide::{ApiError, RequestError};

/// Attempts per request, the first included. With the backoff below and teloxide's own 10 s
/// pause after a 5xx, a request gives up after about a minute.
const ATTEMPTS: u32 = 5;
/// The first backoff; it doubles on each retry.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Longest `retry_after` we wait inside a handler; a longer one is Telegram telling us to stop.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Sends `request`, retrying transient failures. `what` names the request in logs.
pub async fn deliver<Q>(request: Q, what: &'static str) -> Result<Output<Q>, RequestError>
where
    Q: Request<Err = RequestError>,
{
    let mut attempt = 0;
    loop {
        match request.send_ref().await {
            Ok(output) => return Ok(output),
            Err(error) => {
                attempt += 1;
                match retry_delay(&error, attempt) {
                    Some(delay) if attempt < ATTEMPTS => {
                        tracing::warn!(request = what, attempt, error = %describe(&error), "retrying in {delay:?}");
                        tokio::time::sleep(delay).await;
                    }
                    _ => return Err(error),
                }
            }
        }
    }
}

/// How long to wait before retrying after `error`, or `None` when retrying cannot help.
pub fn retry_delay(error: &RequestError, attempt: u32) -> Option<Duration> {
    let backoff = FIRST_BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1).min(6));
    match error {
        RequestError::RetryAfter(after) => Some(after.duration().min(MAX_RETRY_AFTER)),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => {
            Some(backoff)
        }
        RequestError::Api(api) if is_server_error(api) => Some(backoff),
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
        assert_eq!(retry_delay(&e500, 1), Some(FIRST_BACKOFF));
        assert_eq!(retry_delay(&e500, 3), Some(FIRST_BACKOFF * 4));
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
    fn invalid_json_is_described_without_its_body() {
        let source = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let e = RequestError::InvalidJson {
            source: std::sync::Arc::new(source),
            raw: "patient text".into(),
        };
        assert!(!describe(&e).contains("patient"));
    }
}
