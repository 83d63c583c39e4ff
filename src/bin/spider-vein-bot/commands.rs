//! One function per subcommand, called by `main.rs`. Each turns the command line's values into
//! the library's calls and returns the process exit code; errors meant for the user are
//! printed here, in plain words.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::json;

use spider_vein_bot::engine::{Engine, Reply, ReplyKind};
use spider_vein_bot::eval;
use spider_vein_bot::knowledge::{Knowledge, Problem, Severity};
use spider_vein_bot::reload::{self, Reloader};
use spider_vein_bot::telegram;
use spider_vein_bot::unanswered::{self, Reason, UnansweredLog};
use teloxide::types::UserId;

use crate::cli::{
    AskArgs, ChatArgs, CheckArgs, EvalArgs, Format, HealthcheckArgs, PassagesArgs, ReportArgs,
    TelegramArgs,
};

/// Exit status for "the knowledge or the cases have errors" (a usage error is clap's 2).
const FAILURE: u8 = 1;

fn load_engine(dir: &std::path::Path) -> Result<Engine> {
    Engine::load(dir).with_context(|| format!("cannot use the knowledge folder {}", dir.display()))
}

/// At start the bot serves its folder even if the clinic's own cases fail (answering beats
/// not starting), but says so; a later change that breaks them is refused (see `reload`).
fn warn_on_failing_cases(engine: &Engine, dir: &std::path::Path) {
    let cases = dir.join("cases");
    if !cases.is_dir() {
        return;
    }
    let run = eval::run_folder(engine, &cases);
    if !run.problems.is_empty() {
        let lines: Vec<String> = run.problems.iter().map(ToString::to_string).collect();
        tracing::warn!(
            "the clinic's own cases in {} fail:\n{}",
            cases.display(),
            lines.join("\n")
        );
    }
}

/// Starts the staff page when `--staff-addr` asks for it, with the token of STAFF_TOKEN.
/// `Err` is the exit status after a message: a missing token is a configuration error.
fn staff_page(
    args: &crate::cli::StaffArgs,
    reloader: &Reloader,
    unanswered_log: Option<std::path::PathBuf>,
) -> Result<Option<spider_vein_bot::staff::Running>, ExitCode> {
    let Some(addr) = args.staff_addr else {
        return Ok(None);
    };
    let options = spider_vein_bot::staff::Options {
        addr,
        token: args.staff_token.clone().unwrap_or_default(),
        reloader: reloader.clone(),
        unanswered_log,
    };
    match spider_vein_bot::staff::start(options) {
        Ok(running) => Ok(Some(running)),
        Err(e) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(if e.is_config() { 2 } else { FAILURE }))
        }
    }
}

/// What `chat` and `telegram` start from: the folder loaded (its failing cases only warned
/// about), shared, and ready to be reloaded.
fn start_live(dir: &std::path::Path) -> Result<Reloader> {
    let engine = load_engine(dir)?;
    warn_on_failing_cases(&engine, dir);
    Ok(Reloader::new(dir, reload::shared(engine)))
}

/// Interactive chat in the terminal. The knowledge folder is watched: an edit is live within
/// seconds, and a broken edit is reported while the chat keeps its last good knowledge.
pub fn chat(args: ChatArgs) -> Result<ExitCode> {
    let dir = &args.knowledge.knowledge;
    let reloader = start_live(dir)?;
    let engine = reloader.engine().clone();
    let log = args
        .log_unanswered
        .as_deref()
        .map(UnansweredLog::open)
        .transpose()
        .context("cannot open the unanswered-questions log")?;
    let _staff = match staff_page(&args.staff, &reloader, args.log_unanswered.clone()) {
        Ok(staff) => staff,
        Err(code) => return Ok(code),
    };
    let _watch = reloader
        .watch(|result| match result {
            Ok(summary) => eprintln!("\n(knowledge reloaded: {summary})"),
            Err(problems) => eprintln!(
                "\n(knowledge NOT reloaded; still using the previous version)\n{}",
                reload::describe(&problems)
            ),
        })
        .map_err(|e| tracing::warn!("live reload is off: cannot watch {}: {e}", dir.display()))
        .ok();
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    let mut out = io::stdout().lock();
    if interactive {
        writeln!(out, "{}\n", engine.load().answer("hello").text)?;
        writeln!(
            out,
            "(Type your question and press Enter. Ctrl-D or /quit to leave.)"
        )?;
    }
    let mut line = String::new();
    loop {
        if interactive {
            write!(out, "\nyou> ")?;
            out.flush()?;
        }
        line.clear();
        if stdin.lock().read_line(&mut line)? == 0 {
            break;
        }
        let question = line.trim_end_matches(['\n', '\r']);
        if matches!(question.trim(), "/quit" | "/exit") {
            break;
        }
        if question.trim().is_empty() {
            continue;
        }
        let reply = engine.load_full().answer_or_fallback(question);
        if let (Some(log), ReplyKind::Fallback) = (&log, reply.kind) {
            log.record(Reason::Fallback, question);
        }
        writeln!(
            out,
            "{}{}",
            if interactive { "\nbot> " } else { "" },
            reply.text
        )?;
        if !interactive {
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Answers the question given, or each line of stdin. A line that is not UTF-8 gets an error
/// of its own (a JSON line with `--format json`, else a message on stderr), the lines after it
/// are still answered, and the exit status is then 1.
pub fn ask(args: AskArgs) -> Result<ExitCode> {
    let engine = load_engine(&args.knowledge.knowledge)?;
    let mut out = io::stdout().lock();
    let emit = |question: &str, out: &mut io::StdoutLock| -> Result<()> {
        let reply = engine.answer(question);
        match args.format {
            Format::Text => writeln!(out, "{}\n", reply.text)?,
            Format::Json => writeln!(out, "{}", reply_json(question, &reply))?,
        }
        Ok(())
    };
    if !args.question.is_empty() {
        emit(&args.question.join(" "), &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut bad_lines = 0;
    let mut stdin = io::stdin().lock();
    let mut bytes = Vec::new();
    for number in 1.. {
        bytes.clear();
        if stdin
            .read_until(b'\n', &mut bytes)
            .context("cannot read standard input")?
            == 0
        {
            break;
        }
        let line = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(question) => emit(question, &mut out)?,
            Err(_) => {
                bad_lines += 1;
                let error =
                    format!("line {number} of standard input is not UTF-8 text; it was skipped");
                match args.format {
                    Format::Json => writeln!(out, "{}", json!({ "line": number, "error": error }))?,
                    Format::Text => eprintln!("error: {error}"),
                }
            }
        }
    }
    Ok(if bad_lines == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    })
}

/// The one-line JSON form of a reply, as documented in the README.
pub fn reply_json(question: &str, reply: &Reply) -> serde_json::Value {
    json!({
        "question": question,
        "kind": reply.kind,
        "reply": reply.text,
        "passage": reply.passage,
        "confidence": (reply.confidence * 1000.0).round() / 1000.0,
        "suggestions": reply.suggestions,
        "urgent_because": reply.urgent_because,
    })
}

/// Validates the knowledge folder; non-zero exit on any error.
pub fn check(args: CheckArgs) -> Result<ExitCode> {
    let dir = &args.knowledge.knowledge;
    let loaded = Knowledge::read(dir);
    let mut problems = loaded.problems.clone();
    let k = &loaded.knowledge;
    let mut cases_run = 0;
    let cases_dir = dir.join("cases");
    if !loaded.has_errors() && cases_dir.is_dir() {
        match Engine::new(k.clone()) {
            Ok(engine) => {
                let run = eval::run_folder(&engine, &cases_dir);
                cases_run = run.cases;
                problems.extend(run.problems);
            }
            Err(e) => problems.push(Problem::error(dir, None, e.to_string())),
        }
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    // Sections the clinic marked urgent: an answer from one sends the urgent reply first.
    let urgent: Vec<&str> = k
        .passages
        .iter()
        .filter(|p| p.urgent)
        .map(|p| p.id.0.as_str())
        .collect();
    if args.json {
        let report = json!({
            "ok": errors == 0,
            "knowledge": dir,
            "documents": k.documents.len(),
            "passages": k.passages.len(),
            "synonyms": k.synonyms.entries.len(),
            "red_flag_rules": k.red_flags.rules.len(),
            "urgent_passages": urgent,
            "cases": cases_run,
            "errors": errors,
            "warnings": warnings,
            "problems": problems,
            "skipped": loaded.skipped,
        });
        println!("{report}");
    } else {
        println!("Knowledge folder: {}", dir.display());
        println!("  documents:      {}", k.documents.len());
        println!("  passages:       {}", k.passages.len());
        println!("  synonyms:       {}", k.synonyms.entries.len());
        println!("  red-flag rules: {}", k.red_flags.rules.len());
        if cases_dir.is_dir() {
            println!("  clinic cases:   {cases_run}");
        }
        if !urgent.is_empty() {
            println!();
            println!("Urgent sections (the urgent reply comes first):");
            for id in &urgent {
                println!("  {id}");
            }
        }
        if !loaded.skipped.is_empty() {
            println!();
            println!("Skipped (not read):");
            for s in &loaded.skipped {
                println!("  {}: {}", dir.join(&s.path).display(), s.reason);
            }
        }
        if !problems.is_empty() {
            println!();
            for p in &problems {
                println!("{p}");
            }
        }
        println!();
        if errors == 0 {
            println!("OK: {warnings} warning(s), no errors.");
        } else {
            println!(
                "{errors} error(s), {warnings} warning(s). The bot keeps its last good knowledge until these are fixed."
            );
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    })
}

/// Runs case files; non-zero exit on any failure.
pub fn eval(args: EvalArgs) -> Result<ExitCode> {
    let engine = load_engine(&args.knowledge.knowledge)?;
    let (cases, mut problems) = eval::load(&args.cases);
    problems.extend(eval::check_ids(&engine, &cases));
    for p in &problems {
        eprintln!("{p}");
    }
    if cases.is_empty() {
        eprintln!(
            "no cases found in {}",
            args.cases
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(FAILURE));
    }
    let report = eval::run(&engine, &cases);
    print!("{}", report.render());
    let ok =
        report.passed() == cases.len() && problems.iter().all(|p| p.severity != Severity::Error);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILURE)
    })
}

/// Lists passages, or the best matches for a query with the reasons.
pub fn passages(args: PassagesArgs) -> Result<ExitCode> {
    let engine = load_engine(&args.knowledge.knowledge)?;
    let k = engine.knowledge();
    if args.query.is_empty() {
        for p in &k.passages {
            let start: String = p.text.chars().take(70).collect();
            let more = if p.text.chars().count() > 70 {
                "..."
            } else {
                ""
            };
            println!("{:<60} {start}{more}", p.id.0);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.query.join(" ");
    let reply = engine.answer(&query);
    let analysis = engine.analyze(&query);
    println!("Question: {query}");
    println!(
        "Reply:    {}{}",
        reply.kind,
        reply
            .passage
            .as_ref()
            .map(|p| format!(" from {}", p.id))
            .unwrap_or_default()
    );
    if let Some(why) = &reply.urgent_because {
        println!("Urgent:   {why}");
    }
    for (typed, fixed) in &analysis.corrections {
        println!("Spelling: \"{typed}\" read as \"{fixed}\"");
    }
    let concepts: Vec<String> = analysis
        .concepts
        .iter()
        .map(|c| {
            // A light word may go unanswered (see `engine::decide::LIGHT_ZIPF`): saying so tells
            // staff which missing words cost the answer and which did not.
            let notes: Vec<&str> = [
                (c.setting, "setting"),
                (c.light && !c.setting, "common"),
                (!c.known, "in no document"),
            ]
            .into_iter()
            .filter_map(|(on, note)| on.then_some(note))
            .collect();
            if notes.is_empty() {
                c.words.clone()
            } else {
                format!("{} ({})", c.words, notes.join(", "))
            }
        })
        .collect();
    println!(
        "Concepts: {}",
        if concepts.is_empty() {
            "none".to_string()
        } else {
            concepts.join(", ")
        }
    );
    println!();
    println!("{:<60} {:>6} {:>9}  missing", "passage", "bm25", "coverage");
    for c in analysis.candidates.iter().take(10) {
        let id = &k.passages[c.passage].id.0;
        println!(
            "{id:<60} {:>6.2} {:>8.0}%  {}",
            c.bm25,
            c.coverage * 100.0,
            c.missing.join(", ")
        );
        for r in &c.related {
            println!("{:<60}   covered by a related word: {r}", "");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Groups the unanswered-questions log.
pub fn report(args: ReportArgs) -> Result<ExitCode> {
    let engine = load_engine(&args.knowledge.knowledge)?;
    let text = unanswered::report(&args.file, &engine)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// Runs the Telegram bot with live reload, the admin hooks and the opt-in unanswered log.
pub fn telegram(args: TelegramArgs) -> Result<ExitCode> {
    let reloader = start_live(&args.knowledge.knowledge)?;
    let unanswered = match &args.log_unanswered {
        Some(path) => Some(std::sync::Arc::new(
            UnansweredLog::open(path).with_context(|| {
                format!(
                    "cannot open the unanswered-questions log {}",
                    path.display()
                )
            })?,
        )),
        None => None,
    };
    let _staff = match staff_page(&args.staff, &reloader, args.log_unanswered.clone()) {
        Ok(staff) => staff,
        Err(code) => return Ok(code),
    };
    let mode = match args.webhook_url {
        Some(url) => telegram::Mode::Webhook {
            url,
            listen: args.listen,
            secret: args.webhook_secret,
        },
        None => telegram::Mode::Polling,
    };
    let options = telegram::Options {
        token: args.token,
        api_url: args.api_url,
        proxy: args.proxy,
        mode,
        admins: args.admin_ids.into_iter().map(UserId).collect(),
        health: args.health_addr,
        state_dir: args.state_dir,
        unanswered,
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    match runtime.block_on(telegram::run(
        &reloader,
        options,
        telegram::shutdown_signal(),
    )) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.downcast_ref::<telegram::ConfigError>().is_some() => {
            eprintln!("error: {e}");
            Ok(ExitCode::from(telegram::ConfigError::EXIT_CODE))
        }
        Err(e) => Err(e),
    }
}

/// Exit 0 when the knowledge loads and, with an address, the bot's health endpoint answers.
pub fn healthcheck(args: HealthcheckArgs) -> Result<ExitCode> {
    load_engine(&args.knowledge.knowledge)?;
    if let Some(addr) = args.addr {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime
            .block_on(telegram::probe_health(addr))
            .with_context(|| format!("the bot's health endpoint {addr} does not answer"))?;
    }
    println!("ok");
    Ok(ExitCode::SUCCESS)
}
