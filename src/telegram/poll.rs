//! Long polling with an explicit offset: each batch from `getUpdates` is handed to the
//! workers and recorded in the durable queue at once, and confirmed to Telegram (by the next
//! `getUpdates`, whose offset is past it) only once recorded. A crash at any point loses no
//! update.

use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::types::UpdateKind;
use tokio::sync::watch;

use super::api::BotApi;
use super::journal::Journal;
use super::metrics::Metrics;
use super::send::{backoff, describe, failure, retry_delay};
use super::shutdown::halted;
use super::workers::Workers;

/// Long-polling timeout. The Bot API holds `getUpdates` open this long when there is nothing
/// new; teloxide's HTTP client waits that long plus its own margin.
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the last `getUpdates` at stop, which only confirms, may take.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(1);

/// Polls until `halt`, handing every new update to `workers`.
/// `last` is the highest update id the queue recorded before: polling starts after it.
pub async fn poll<R: BotApi>(
    bot: &R,
    journal: &Journal,
    workers: &Workers<R>,
    metrics: &Metrics,
    last: Option<u32>,
    halt: &mut watch::Receiver<bool>,
) {
    let mut offset = last.map_or(0, |l| i64::from(l) + 1);
    let mut confirmed = offset;
    let mut failures = 0;
    loop {
        let request = bot
            .get_updates()
            .offset(offset_arg(offset))
            .timeout(POLL_TIMEOUT.as_secs() as u32);
        let result = tokio::select! {
            r = request.send() => r,
            _ = halted(halt) => break,
        };
        let delay = match result {
            Ok(updates) => {
                confirmed = offset;
                failures = 0;
                let Some(highest) = updates.iter().map(|u| u.id.0).max() else {
                    continue;
                };
                let arrived = Instant::now();
                // An update teloxide cannot parse cannot be answered: confirm it and move on.
                let (updates, unparsable): (Vec<_>, Vec<_>) = updates
                    .into_iter()
                    .partition(|u| !matches!(u.kind, UpdateKind::Error(_)));
                if !unparsable.is_empty() {
                    tracing::debug!(
                        count = unparsable.len(),
                        "skipped updates that do not parse"
                    );
                }
                let fresh = workers.claim(updates);
                let mut recorded = journal.record(fresh.clone());
                for update in fresh.iter().cloned() {
                    workers.submit(update, arrived);
                }
                // Telegram hears of the batch (the next offset) only once it is on disk.
                let mut stopping = false;
                loop {
                    let written = tokio::select! {
                        r = &mut recorded => r.unwrap_or(false),
                        _ = halted(halt) => {
                            // Stopping while the batch is being written: wait a moment for
                            // it, so that it is confirmed below and Telegram does not send
                            // it again at the next start.
                            stopping = true;
                            tokio::time::timeout(CONFIRM_TIMEOUT, &mut recorded)
                                .await
                                .is_ok_and(|r| r.unwrap_or(false))
                        }
                    };
                    if written {
                        break;
                    }
                    if stopping {
                        // Not on disk: Telegram sends it again at the next start.
                        return;
                    }
                    failures += 1;
                    tokio::select! {
                        _ = tokio::time::sleep(backoff(failures)) => {}
                        _ = halted(halt) => return,
                    }
                    recorded = journal.record(fresh.clone());
                }
                offset = i64::from(highest) + 1;
                failures = 0;
                if stopping {
                    break;
                }
                continue;
            }
            Err(e) => {
                failures += 1;
                let delay = retry_delay(&e, failures).unwrap_or_else(|| backoff(failures));
                tracing::warn!(error = %describe(&e), "could not get updates; trying again in {delay:?}");
                metrics.retry("getUpdates");
                if let Some(f) = failure(&e) {
                    metrics.failure(f);
                }
                delay
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = halted(halt) => break,
        }
    }
    if offset > confirmed {
        // Tell Telegram what is recorded, so it does not send it again at the next start
        // (the queue would drop it anyway).
        let confirm = bot
            .get_updates()
            .offset(offset_arg(offset))
            .limit(1)
            .timeout(0);
        let _ = tokio::time::timeout(CONFIRM_TIMEOUT, confirm.send()).await;
    }
}

/// Telegram's update ids fit in 31 bits.
fn offset_arg(offset: i64) -> i32 {
    i32::try_from(offset).unwrap_or(i32::MAX)
}
