//! Wiring the bot to the knowledge folder: live reload with the admins told of a refused
//! change, `/reload` and `/status` hooks, and the opt-in unanswered-questions log. Used by
//! `spider-vein-bot telegram` and by the tests, so both run the same code.

use std::sync::{Arc, Mutex};

use super::admin::ReloadFn;
use super::settings::{Event, Settings};
use crate::knowledge::{Knowledge, Problem};
use crate::reload::{Reloader, Watch, describe, describe_warnings, warnings_of};
use crate::unanswered::{Reason, UnansweredLog};

/// Settings for a bot that answers from `reloader`'s engine. Keep the returned [`Watch`]
/// alive as long as the bot runs: dropping it stops watching the folder.
pub fn settings(reloader: &Reloader, log: Option<Arc<UnansweredLog>>) -> (Settings, Option<Watch>) {
    let (notices, notices_rx) = tokio::sync::mpsc::channel::<String>(16);
    let mut settings = Settings {
        notices: Some(notices_rx),
        ..Settings::default()
    };

    let r = reloader.clone();
    let reload: ReloadFn = Arc::new(move || {
        let r = r.clone();
        Box::pin(async move {
            // Loading and indexing is blocking work: keep it off the bot's async workers.
            let dir = r.dir().to_path_buf();
            tokio::task::spawn_blocking(move || r.reload_now())
                .await
                .unwrap_or_else(|e| Err(vec![Problem::error(&dir, None, e.to_string())]))
        })
    });
    settings.admin.reload = Some(reload);
    let r = reloader.clone();
    settings.admin.status = Some(Arc::new(move || r.status_line()));
    let r = reloader.clone();
    settings.reload_info = Some(Arc::new(move || {
        r.last().map(|last| (last.at, last.result.is_ok()))
    }));

    if let Some(log) = log {
        settings.events = Some(Arc::new(move |event: Event<'_>| match event {
            Event::Unanswered { question } => log.record(Reason::Fallback, question),
            Event::NotHelpful {
                question: Some(question),
                ..
            } => log.record(Reason::NotHelpful, question),
            Event::NotHelpful { question: None, .. } => {}
        }));
    }

    // Every warning told so far, and those of the folder the bot started on, so that each is
    // told once: not at every later save, nor again when a save brings it back.
    let warned: Mutex<Vec<Problem>> =
        Mutex::new(warnings_of(Knowledge::read(reloader.dir()).problems));
    let watch = reloader
        .watch(move |result| {
            // The channel holds 16 notices; if admins are flooded, older news is enough.
            match result {
                Err(problems) => {
                    let _ = notices.try_send(format!(
                        "The knowledge folder changed but was NOT loaded; I keep answering from the last good version.\n{}",
                        describe(&problems)
                    ));
                }
                // A change that loads is quiet, unless it brought something new to look at
                // (an unmarked warning-signs section): staff who never run `check` hear of
                // it, and only of what is new.
                Ok(summary) => {
                    let mut known = warned.lock().unwrap_or_else(|e| e.into_inner());
                    let new: Vec<Problem> = summary
                        .warnings
                        .iter()
                        .filter(|w| !known.iter().any(|k| same_warning(k, w)))
                        .cloned()
                        .collect();
                    if !new.is_empty() {
                        let _ = notices.try_send(format!(
                            "The knowledge folder changed and was loaded ({}), with {}",
                            summary.loaded(),
                            describe_warnings(&new)
                        ));
                        known.extend(new);
                    }
                }
            }
        })
        .map_err(|e| tracing::warn!("live reload is off: cannot watch the knowledge folder: {e}"))
        .ok();
    (settings, watch)
}

/// The same warning about the same file: a line that moved (a paragraph added above it) is
/// no new warning.
fn same_warning(a: &Problem, b: &Problem) -> bool {
    a.file == b.file && a.message == b.message
}
