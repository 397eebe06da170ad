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
