//! The staff page: a small web page served by the running bot (`telegram` and `chat`) for
//! clinic staff. It shows the knowledge and its problems, tries questions with the engine's
//! explanation, saves a question as a case, runs the cases, shows the unanswered report, and
//! reloads the folder through the same [`Reloader`](crate::reload::Reloader) as the watcher and `/reload`.
//!
//! The binary resolves the address and the token and hands them over in [`Options`]; nothing
//! here reads the environment. The page runs on a thread and runtime of its own, so that staff
//! trying questions never slows the patients' replies.

mod auth;
mod cases;
mod checks;
mod handlers;
mod options;
mod pages;
mod request;
mod routes;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::sync::oneshot;

pub use auth::{MIN_TOKEN_CHARS, token_matches};
pub use cases::{CASES_FILE, SaveError, save_case};
pub use options::Options;

/// Where the page listens when only a port is given.
pub const DEFAULT_IP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
/// How long requests under way may take to finish once the page is stopped. Pages take
/// milliseconds; the bot's own stop (8 s in all, see `telegram::STOP_WITHIN`) must not wait
/// on a slow browser.
const STOP_WITHIN: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error(
        "the staff page needs a token and none is set: put a long random string in STAFF_TOKEN \
         (for example the output of `openssl rand -hex 16`), or leave the staff page off"
    )]
    NoToken,
    #[error(
        "the staff token is too short ({0} characters): use at least {MIN_TOKEN_CHARS} random characters"
    )]
    ShortToken(usize),
    #[error("cannot serve the staff page on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the staff page: {0}")]
    Start(std::io::Error),
}

impl StaffError {
    /// A configuration mistake (exit status 2), rather than a failure of the machine.
    pub fn is_config(&self) -> bool {
        matches!(self, StaffError::NoToken | StaffError::ShortToken(_))
    }
}

/// Reads `--staff-addr`: `8081` or `:8081` listen on 127.0.0.1:8081; `0.0.0.0:8081` or
/// `[::]:8081` listen where they say.
pub fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    let s = s.trim();
    let port = s.strip_prefix(':').unwrap_or(s);
    if let Ok(port) = port.parse::<u16>() {
        return Ok(SocketAddr::new(DEFAULT_IP, port));
    }
    s.parse().map_err(|_| {
        format!(
            "\"{s}\" is not an address: give a port (8081) or an address and a port (0.0.0.0:8081)"
        )
    })
}

/// The page, running. Dropping it stops the page and waits for it (about a second at most).
pub struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// The address actually bound (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::warn!("the staff page's thread panicked");
        }
    }
}

/// Checks the token, binds the address and serves the page on a thread of its own.
pub fn start(options: Options) -> Result<Running, StaffError> {
    let chars = options.token.chars().count();
    if options.token.trim().is_empty() {
        return Err(StaffError::NoToken);
    }
    if chars < MIN_TOKEN_CHARS {
        return Err(StaffError::ShortToken(chars));
    }
    let bind = |source| StaffError::Bind {
        addr: options.addr,
        source,
    };
    let listener = std::net::TcpListener::bind(options.addr).map_err(bind)?;
    listener.set_nonblocking(true).map_err(bind)?;
    let addr = listener.local_addr().map_err(bind)?;
    // One worker: a page takes well under a millisecond to make, and a second busy thread only
    // competed with the bot's own for the machine's cores (benches/staff.rs).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("staff-page")
        .on_thread_start(yield_to_the_bot)
        .enable_all()
        .build()
        .map_err(StaffError::Start)?;
    let app = routes::router(options);
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("staff-page".to_string())
        .spawn(move || {
            yield_to_the_bot();
            runtime.block_on(async move {
                let listener = match tokio::net::TcpListener::from_std(listener) {
                    // Small pages written in one go: send them at once, not after Nagle's wait.
                    Ok(l) => l.tap_io(|tcp| {
                        let _ = tcp.set_nodelay(true);
                    }),
                    Err(e) => {
                        tracing::error!("the staff page cannot listen: {e}");
                        return;
                    }
                };
                let (halt, mut halted) = tokio::sync::watch::channel(false);
                let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                    let _ = stopped.await;
                    let _ = halt.send(true);
                });
                tokio::select! {
                    result = serve => {
                        if let Err(e) = result {
                            tracing::error!("the staff page stopped: {e}");
                        }
                    }
                    _ = async {
                        let _ = halted.wait_for(|h| *h).await;
                        tokio::time::sleep(STOP_WITHIN).await;
                    } => {}
                }
            });
            runtime.shutdown_timeout(Duration::from_millis(100));
        })
        .map_err(StaffError::Start)?;
    tracing::info!("staff page on http://{addr}/");
    Ok(Running {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// The page's threads run at a lower priority (nice 10) than the bot's: a burst of staff
/// requests takes the cores the patients' replies leave idle, and no more
/// (benches/staff.rs measures both together). Linux gives each thread its own nice value.
fn yield_to_the_bot() {
    #[cfg(target_os = "linux")]
    // SAFETY: changes only the calling thread's scheduling priority; no memory is touched.
    unsafe {
        let thread = libc::gettid() as libc::id_t;
        let _ = libc::setpriority(libc::PRIO_PROCESS, thread, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_alone_listens_on_loopback_only() {
        assert_eq!(
            parse_addr("8081").unwrap(),
            "127.0.0.1:8081".parse().unwrap()
        );
        assert_eq!(
            parse_addr(":8081").unwrap(),
            "127.0.0.1:8081".parse().unwrap()
        );
        assert_eq!(
            parse_addr("0.0.0.0:9000").unwrap(),
            "0.0.0.0:9000".parse().unwrap()
        );
        assert_eq!(
            parse_addr("[::1]:9000").unwrap(),
            "[::1]:9000".parse().unwrap()
        );
        assert!(parse_addr("staff").unwrap_err().contains("not an address"));
    }
}
