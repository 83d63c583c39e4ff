//! What the staff page needs, resolved by the binary: it reads nothing itself.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::reload::Reloader;

/// Everything the page needs, resolved by the binary.
#[derive(Clone)]
pub struct Options {
    /// Where to listen (see [`parse_addr`]: a port alone means 127.0.0.1).
    pub addr: SocketAddr,
    /// The staff token: each browser logs in once with it.
    pub token: String,
    /// The live engine and its reloads: the same one the bot answers from.
    pub reloader: Reloader,
    /// The opt-in unanswered-questions log, when the clinic turned it on.
    pub unanswered_log: Option<PathBuf>,
}
