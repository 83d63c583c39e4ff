//! The engine shared by a running front end, and keeping it current: the knowledge folder is
//! watched (`watch.rs`), and a change is reloaded in the background and swapped in
//! atomically (`reloader.rs`).

mod reloader;
mod watch;

pub use reloader::{
    DEBOUNCE, Outcome, ReloadRecord, ReloadResult, Reloader, SharedEngine, Summary, describe,
    describe_warnings, shared, warnings_of,
};
pub use watch::Watch;
