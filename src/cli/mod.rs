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
pub mod settings;
mod setup_cmd;
mod state_cmd;
mod validate_cmd;
mod walk;

use args::Command;
use settings::Settings;
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

/// Runs `command` with `settings`, writing reports to `out`. Reports for people have the control
/// characters of page text made visible (see [`pagerev::report::control`]); machine formats escape
/// them in their own syntax.
pub fn run(settings: &Settings, command: Command, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match text_output(settings, &command) {
        Some(color) => {
            let mut escaping = pagerev::report::control::Escaping::new(out, color);
            let outcome = dispatch(settings, command, &mut escaping)?;
            escaping.flush()?;
            Ok(outcome)
        }
        None => dispatch(settings, command, out),
    }
}

/// For a command whose output is text for people, whether it may be coloured; `None` for machine
/// formats.
fn text_output(settings: &Settings, command: &Command) -> Option<bool> {
    use args::{DiffFormat, HistoryFormat, ParseFormat};
    use pagerev::report::Format;
    let color = settings.color;
    let report = |r: &args::ReportArgs| match r.format {
        Format::Human => Some(color),
        Format::Json
        | Format::Jsonl
        | Format::Github
        | Format::Sarif
        | Format::Junit
        | Format::Markdown => None,
    };
    match command {
        Command::Parse(a) => match a.format {
            ParseFormat::Summary => Some(false),
            ParseFormat::Yaml | ParseFormat::Json | ParseFormat::Jsonl => None,
        },
        Command::Validate(a) => report(&a.report),
        Command::Check(a) => report(&a.report),
        Command::Diff(a) => match a.format {
            DiffFormat::Text => Some(a.output.is_none() && color),
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

fn dispatch(settings: &Settings, command: Command, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let s = settings;
    match command {
        Command::Parse(a) => parse_cmd::run(a, out),
        Command::Validate(a) => validate_cmd::run(s, a, out),
        Command::Rules => rules_cmd::list(out),
        Command::Explain(a) => rules_cmd::explain(a, out),
        Command::Profile(a) => parse_cmd::profile(a, out),
        Command::Diff(a) => diff_cmd::run(s, a, out),
        Command::History(a) => history_cmd::run(a, out),
        Command::Check(a) => check_cmd::run(s, a, out),
        Command::Baseline(args::BaselineCommand::Write(a)) => state_cmd::baseline_write(s, a, out),
        Command::Baseline(args::BaselineCommand::Prune(a)) => state_cmd::baseline_prune(s, a, out),
        Command::Accept(a) => state_cmd::accept(s, a, out),
        Command::Review(a) => state_cmd::review(s, a, out),
        Command::Export(a) => export_cmd::run(s, a, out),
        Command::Config(a) => setup_cmd::config(a, out),
        Command::Init(a) => setup_cmd::init(s, a, out),
        Command::Completions(a) => setup_cmd::completions(a, out),
        Command::Man => setup_cmd::man(out),
    }
}
