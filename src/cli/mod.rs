//! The command line: arguments (`args`), reading files (`input`), and one module per subcommand. This is
//! the only part of pagerev that touches the filesystem, the terminal and the process exit status.
//!
//! It is compiled into the binary only (`mod cli;` in `main.rs`), never into the library: clap, anyhow,
//! indicatif and tempfile are the binary's crates, and `tests/library.rs` keeps library code off them.

pub mod args;
pub mod atomic;
mod check_cmd;
mod diff_cmd;
mod export_cmd;
mod history_cmd;
pub mod input;
mod page_config;
mod pages;
mod parse_cmd;
mod progress;
mod report_file;
pub mod revision;
mod rule_config;
mod rules_cmd;
mod setup_cmd;
mod state_cmd;
mod validate_cmd;
mod walk;

use args::{Cli, Command};
use std::io::Write;

/// What a command concluded; the binary maps it to the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Findings at or above the failure level, or revisions that differ: exit 1.
    Findings,
}

impl Outcome {
    /// The process exit code for this outcome (errors exit 2, see `main.rs`).
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
        }
    }
}

/// Whether text written to standard output gets colour, resolved once from `--color` (and, for `auto`,
/// the terminal and `NO_COLOR`) when the command line is run.
static COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Whether standard output gets colour (see [`COLOR`]); false until a command line runs.
pub(crate) fn color() -> bool {
    COLOR.get().copied().unwrap_or(false)
}

/// Runs a parsed command line, writing reports to `out`. Reports for people have the control
/// characters of page text made visible (see [`pagerev::report::control`]); machine formats escape them
/// in their own syntax.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let _ = COLOR.set(cli.color.enabled());
    match text_output(&cli.command) {
        Some(color) => {
            let mut escaping = pagerev::report::control::Escaping::new(out, color);
            let outcome = dispatch(cli, &mut escaping)?;
            escaping.flush()?;
            Ok(outcome)
        }
        None => dispatch(cli, out),
    }
}

/// For a command whose output is text for people, whether it may be coloured; `None` for machine
/// formats.
fn text_output(command: &Command) -> Option<bool> {
    use args::{DiffFormat, HistoryFormat, ParseFormat, ReportFormat};
    let report = |r: &args::ReportArgs| match r.format {
        ReportFormat::Human => Some(color()),
        ReportFormat::Json
        | ReportFormat::Jsonl
        | ReportFormat::Github
        | ReportFormat::Sarif
        | ReportFormat::Junit
        | ReportFormat::Markdown => None,
    };
    match command {
        Command::Parse(a) => match a.format {
            ParseFormat::Summary => Some(false),
            ParseFormat::Yaml | ParseFormat::Json | ParseFormat::Jsonl => None,
        },
        Command::Validate(a) => report(&a.report),
        Command::Check(a) => report(&a.report),
        Command::Diff(a) => match a.format {
            DiffFormat::Text => Some(a.output.is_none() && color()),
            DiffFormat::Json | DiffFormat::Markdown | DiffFormat::Html => None,
        },
        Command::History(a) => match a.format {
            HistoryFormat::Text => Some(false),
            HistoryFormat::Json => None,
        },
        // A profile is a `page.yaml` to save: YAML.
        Command::Profile(_) => None,
        // A completion script and a roff page are programs' input, printed as generated.
        Command::Completions(_) | Command::Man => None,
        Command::Rules
        | Command::Explain(_)
        | Command::Baseline(_)
        | Command::Accept(_)
        | Command::Review(_)
        | Command::Export(_)
        | Command::Config(_)
        | Command::Init(_) => Some(false),
    }
}

fn dispatch(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Parse(a) => parse_cmd::run(a, out),
        Command::Validate(a) => validate_cmd::run(a, out),
        Command::Rules => rules_cmd::list(out),
        Command::Explain(a) => rules_cmd::explain(a, out),
        Command::Profile(a) => parse_cmd::profile(a, out),
        Command::Diff(a) => diff_cmd::run(a, out),
        Command::History(a) => history_cmd::run(a, out),
        Command::Check(a) => check_cmd::run(a, out),
        Command::Baseline(args::BaselineCommand::Write(a)) => state_cmd::baseline_write(a, out),
        Command::Baseline(args::BaselineCommand::Prune(a)) => state_cmd::baseline_prune(a, out),
        Command::Accept(a) => state_cmd::accept(a, out),
        Command::Review(a) => state_cmd::review(a, out),
        Command::Export(a) => export_cmd::run(a, out),
        Command::Config(a) => setup_cmd::config(a, out),
        Command::Init(a) => setup_cmd::init(a, out),
        Command::Completions(a) => setup_cmd::completions(a, out),
        Command::Man => setup_cmd::man(out),
    }
}
