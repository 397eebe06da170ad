//! Raw command-line arguments, as clap parses them. Commands turn these into resolved settings; nothing
//! else in pagerev sees them.

use crate::lang::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pagerev",
    version,
    about = "Parse, validate and diff revisions of scraped dated-entry pages"
)]
#[command(
    after_help = "Exit status: 0 clean, 1 findings or differences, 2 usage, input or configuration error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the canonical records of a page revision.
    Parse(ParseArgs),
    /// Check page revisions against the rules; exit 1 when a finding reaches `--fail-on`.
    Validate(ValidateArgs),
    /// List every rule: code, name, default severity and summary.
    Rules,
    /// Print the documentation of a rule.
    Explain(ExplainArgs),
}

/// `--lang`: a language, or `auto` to detect it from the page's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LangArg {
    #[default]
    Auto,
    En,
    Fr,
    Es,
}

impl LangArg {
    /// The language to parse with; `None` means detect.
    pub fn resolve(self) -> Option<Lang> {
        match self {
            LangArg::Auto => None,
            LangArg::En => Some(Lang::En),
            LangArg::Fr => Some(Lang::Fr),
            LangArg::Es => Some(Lang::Es),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    Yaml,
    Json,
    Jsonl,
    /// One line of counts: records, untitled, undated, captions, lines.
    Summary,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The page revision: a UTF-8 text file, or `REV:path` for a file in a git revision.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "yaml")]
    pub format: ParseFormat,
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
}

/// `--format` of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// rustc-style text with the offending lines.
    Human,
    /// One JSON document.
    Json,
    /// One JSON finding per line.
    Jsonl,
    /// GitHub Actions workflow commands: findings become annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// A Markdown summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment.
    Markdown,
}

/// `--fail-on`: the least severe finding that makes `validate` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Page revisions: files, or folders (every `*.txt` file below them, sorted).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Rule configuration read after the built-in `rules/default.yaml`: a YAML file or a folder of them
    /// (repeatable; later files override earlier ones).
    #[arg(long, value_name = "PATH")]
    pub config: Vec<PathBuf>,
    /// Run only these rules (codes or names, comma-separated).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (codes or names, comma-separated).
    #[arg(long, value_name = "CODE,...", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Set a rule's severity, e.g. `--severity imprecise-date=info` (repeatable, comma-separated).
    #[arg(long, value_name = "CODE=LEVEL", value_delimiter = ',')]
    pub severity: Vec<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: ReportFormat,
    /// Show at most N findings (every format says when it cut the list; counts and the exit status still
    /// cover all findings). The Markdown summary shows 100 unless told otherwise.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Exit 1 when any finding is at least this severe.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: LangArg,
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (`PR004`) or name (`duplicated-caption`).
    pub rule: String,
}
