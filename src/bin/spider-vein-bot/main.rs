//! spider-vein-bot's command line: parse the arguments, run one subcommand, turn an error
//! into a message and an exit status. Configuration is read here and only here: clap reads
//! every flag and environment variable (`cli.rs`), and the library gets plain values.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};

/// mimalloc instead of the system allocator: an answer builds and drops many small strings
/// and vectors (words, stems, candidates), and glibc's malloc and free were a seventh of its
/// time. `cargo bench --bench answer` (which uses the same allocator): p50 17.3 -> 14.5 µs on
/// the shipped folder, 20.6 -> 18.7 µs on 50 documents. Built without transparent huge pages
/// (`no_thp`): with them, its arenas made `ask` resident at 59 MB instead of 22; without, 27.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    if matches!(
        cli.command,
        Command::Ask(_)
            | Command::Check(_)
            | Command::Eval(_)
            | Command::Passages(_)
            | Command::Report(_)
    ) {
        end_quietly_when_output_closes();
    }
    let result = match cli.command {
        Command::Chat(a) => commands::chat(a),
        Command::Ask(a) => commands::ask(a),
        Command::Check(a) => commands::check(a),
        Command::Eval(a) => commands::eval(a),
        Command::Passages(a) => commands::passages(a),
        Command::Report(a) => commands::report(a),
        Command::Telegram(a) => commands::telegram(a),
        Command::Healthcheck(a) => commands::healthcheck(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A report piped into `head` ends when the reader stops reading, as `grep` or `cat` do.
/// Rust ignores SIGPIPE, so the next write to the closed pipe would fail and `println!`
/// panic. The one-shot commands take the default action back; `chat` and `telegram` keep
/// ignoring it, since their sockets report a closed peer as an error they handle.
fn end_quietly_when_output_closes() {
    #[cfg(unix)]
    // SAFETY: called at the start of `main`, before any other thread exists; it only resets
    // the disposition of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Logs go to stderr, filtered by RUST_LOG (default: warnings, and info from this crate).
/// Whatever RUST_LOG says, the directives that would log patients' messages stay off.
fn init_logging() {
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,spider_vein_bot=info"));
    for directive in spider_vein_bot::telegram::PRIVATE_LOG_DIRECTIVES {
        if let Ok(d) = directive.parse() {
            filter = filter.add_directive(d);
        }
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
