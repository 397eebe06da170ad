//! Raw command-line arguments, as clap parses them. [`super::settings`] resolves what the whole run
//! shares (colour, progress, today's date, the environment); commands read their own arguments here.
//!
//! Values that name something the library defines are parsed straight into the library's type, each by
//! one parser below, so the command line mirrors no library enum: `--format` of `validate` and `check`
//! is a [`Format`], `--fail-on` a [`Severity`], `--lang` an `Option<Lang>` (`auto` is `None`).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use pagerev::diagnostic::Severity;
use pagerev::lang::Lang;
use pagerev::report::Format;
use std::path::PathBuf;

/// `--format` of `validate` and `check`: a [`Format`], by its [`Format::name`].
fn report_format() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        Format::ALL.map(|f| PossibleValue::new(f.name()).help(f.description())),
    )
    .try_map(|name| Format::from_name(&name).ok_or("not a report format"))
}

/// `--fail-on`: a [`Severity`], by its [`Severity::as_str`].
fn severity() -> impl TypedValueParser<Value = Severity> {
    PossibleValuesParser::new(Severity::ALL.map(Severity::as_str))
        .try_map(|name| Severity::parse(&name).ok_or("not a severity"))
}

/// `--lang`: `auto` (detect the language from the page: `None`) or a [`Lang`] by its code. Fields
/// holding it are typed `::std::option::Option<Lang>`: clap's derive reads a plain `Option` as "the
/// argument may be left out" and would want a parser of `Lang`.
fn lang() -> impl TypedValueParser<Value = Option<Lang>> {
    let names = std::iter::once("auto").chain(Lang::ALL.map(Lang::code));
    PossibleValuesParser::new(names).try_map(|name| match name.as_str() {
        "auto" => Ok(None),
        code => Lang::from_code(code).map(Some).ok_or("not a language"),
    })
}

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
    /// Colour in text written to the terminal, for every command.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    pub color: ColorArg,
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
    /// Print the layout inferred for a page as YAML, ready to be its `page.yaml`.
    Profile(ProfileArgs),
    /// Compare two revisions of a page record by record.
    Diff(DiffArgs),
    /// The record-level history of a page: when each record appeared, changed and vanished.
    History(HistoryArgs),
    /// Gate a new revision of a page: validate it, compare it with the previous revision (drop rules),
    /// apply the baseline of accepted findings, and compare its records with the reviewed snapshot.
    Check(CheckArgs),
    /// Manage the baseline of accepted findings (`snapshots/<page>.baseline.yaml`).
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Accept the newest revision's records as the page's reviewed snapshot (`snapshots/<page>.records.yaml`).
    Accept(AcceptArgs),
    /// Walk the records that differ from the reviewed snapshot, accepting or rejecting each.
    Review(ReviewArgs),
    /// Write every record of every revision as tables: revisions, records, findings, changes.
    Export(ExportArgs),
    /// Print the rules a page is checked with, resolved, and where each setting came from.
    Config(ConfigArgs),
    /// Set up pagerev in a repository: a starter `pagerev.yaml`, `snapshots/`, and a GitHub workflow
    /// that runs the pagerev action (never overwrites a file).
    Init(InitArgs),
    /// Print a shell completion script: `pagerev completions bash > /etc/bash_completion.d/pagerev`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `pagerev man > pagerev.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct AcceptArgs {
    #[command(flatten)]
    pub state: PageStateArgs,
    /// Accept only these records (ids as `check` and `review` print them, new or previous; repeatable):
    /// the other differing records keep their reviewed version, as if rejected. One page only.
    #[arg(long = "record", value_name = "ID")]
    pub records: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub state: PageStateArgs,
    /// List the records awaiting review and exit (1 when there are some), asking nothing, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Pages: folders of revisions (`corpus/official-visits/`), folders of such folders (`corpus/`), or
    /// revision files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The folder to write the tables to (it must exist): `revisions`, `records`, `findings`,
    /// `changes`, each `.csv`, `.jsonl` or `.parquet`.
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
}

/// `--format` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row (RFC 4180).
    Csv,
    /// One JSON object per row.
    Jsonl,
    /// Apache Parquet, typed columns, Snappy-compressed (needs a build with the `parquet` feature).
    Parquet,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// A page (folder of revisions, or revision file) whose `page.yaml` settings apply too.
    pub page: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The repository's root folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Where the pages live, relative to the root (the workflow watches it).
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub under: String,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
    /// Page revisions: UTF-8 text files, or `REV:path` for a file in a git revision. With several, YAML
    /// prints one document per file, JSON an array of pages, JSONL and the summary a line per record or
    /// file (each JSONL record names its `file`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "yaml")]
    pub format: ParseFormat,
    /// Print the page profile the parser followed and the evidence for it, instead of the records.
    #[arg(long)]
    pub explain: bool,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

impl ColorArg {
    /// Whether standard output gets colour: `auto` follows anstream's choice, which honours `NO_COLOR`,
    /// `CLICOLOR(_FORCE)`, `TERM=dumb` and whether stdout is a terminal.
    pub fn enabled(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Page revisions: files, or folders (every `*.txt` file below them, sorted).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// How findings are reported, and which of them fail the run (`validate` and `check`).
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    #[arg(long, default_value = "human", value_parser = report_format())]
    pub format: Format,
    /// Show at most N findings (every format says when it cut the list; counts and the exit status still
    /// cover all findings). The Markdown summary shows 100 unless told otherwise.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Exit 1 when any (new) finding is at least this severe.
    #[arg(long, default_value = "error", value_parser = severity())]
    pub fail_on: Severity,
    /// Also write the report in FORMAT to PATH (`--output sarif=pagerev.sarif`), besides `--format` on
    /// standard output: one run, every report. Repeatable; the folder must exist; each file is replaced
    /// atomically.
    #[arg(long = "output", value_name = "FORMAT=PATH", value_parser = parse_output)]
    pub outputs: Vec<OutputSpec>,
}

/// One `--output FORMAT=PATH`.
#[derive(Debug, Clone)]
pub struct OutputSpec {
    pub format: Format,
    pub path: PathBuf,
}

fn parse_output(s: &str) -> Result<OutputSpec, String> {
    let formats = || Format::ALL.map(Format::name).join(", ");
    let Some((format, path)) = s.split_once('=') else {
        return Err(format!(
            "`{s}` is not FORMAT=PATH; e.g. `sarif=pagerev.sarif` (formats: {})",
            formats()
        ));
    };
    let format = Format::from_name(format)
        .ok_or_else(|| format!("unknown format `{format}` (formats: {})", formats()))?;
    if path.is_empty() {
        return Err(format!("`{s}` names no file after `=`"));
    }
    Ok(OutputSpec {
        format,
        path: PathBuf::from(path),
    })
}

#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// The page revision: a UTF-8 text file, or `REV:path`.
    pub file: PathBuf,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (`PR004`) or name (`duplicated-caption`).
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
    /// A self-contained review page (inline CSS and script, no network); use with `-o FILE`.
    Html,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when the revisions are equivalent (no changes, or cosmetic ones only), 1 when they differ, 2 on error."
)]
pub struct DiffArgs {
    /// The older revision: a file, or `REV:path` for a file in a git revision.
    pub old: PathBuf,
    /// The newer revision: a file, or `REV:path`.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write the report to this file (replaced atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Words of unchanged text shown around each change.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub context: usize,
    /// Only the summary and one line per changed record (text and markdown).
    #[arg(long)]
    pub stat: bool,
    /// Show cosmetic changes (NBSP, dash and quote style, whitespace) instead of collapsing them.
    #[arg(long)]
    pub show_cosmetic: bool,
    /// List unchanged records too.
    #[arg(long)]
    pub show_unchanged: bool,
    /// Exit 0 even when the revisions differ (report only).
    #[arg(long)]
    pub exit_zero: bool,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// A folder of revisions of one page (`*.txt`, oldest to newest by name), or a page file kept in
    /// git (its revisions are the commits that changed it).
    pub dir: PathBuf,
    /// Only the history of the record with this id (in any revision).
    #[arg(long, value_name = "ID")]
    pub record: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: HistoryFormat,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// A similarity threshold: a number from 0 to 1.
fn parse_threshold(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number; give a similarity from 0 to 1, e.g. 0.6"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{v} is outside 0..=1; give a similarity from 0 to 1, e.g. 0.6"
        ))
    }
}

/// Which rules run, and how: the configuration files and the command-line overrides.
#[derive(Debug, Clone, clap::Args)]
pub struct RuleArgs {
    /// Rule configuration read after the built-in `rules/default.yaml`, the project's `pagerev.yaml`
    /// (found in this folder or above, up to the repository root) and the page's `page.yaml`: a YAML
    /// file or a folder of them (repeatable; later files override earlier ones).
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
    /// Ignore `pagerev.yaml` and the pages' `page.yaml` `rules:` sections: only the built-in rules,
    /// `--config` files and the options above.
    #[arg(long)]
    pub isolated: bool,
}

/// Which pages a command works on, and where their reviewed state lives.
#[derive(Debug, Clone, clap::Args)]
pub struct PageArgs {
    /// Pages: a folder of revisions (`corpus/official-visits/`: its newest `*.txt` by name is the page's
    /// current revision, the one before it the previous), a folder of such folders (`corpus/`: each page
    /// in it), or a page file (its previous revision is `--previous`, or its version at `--base`). With
    /// `--base` and no page, the pages changed since that revision.
    pub pages: Vec<PathBuf>,
    /// A git revision (`origin/main`): check page files changed since it, each against its version there.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// With `--base` and no page given: where to look for changed page files.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub under: String,
    /// With `--base`: every page under `--under`, changed or not (after a change to pagerev itself).
    #[arg(long, requires = "base")]
    pub all: bool,
    /// The previous revision of a single page file (a file, or `REV:path`).
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Folder of the reviewed state: `<page>.records.yaml` and `<page>.baseline.yaml`.
    #[arg(long, value_name = "DIR", default_value = "snapshots")]
    pub snapshots: PathBuf,
    /// The language of the page's dates; `auto` detects it from the page (month names, common words).
    #[arg(long, default_value = "auto", value_parser = lang())]
    pub lang: ::std::option::Option<Lang>,
    /// The page's profile (a `page.yaml` file: `pagerev profile FILE` writes one); by default the
    /// `page.yaml` beside the revision, if there is one, else the profile is inferred.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when the drop is good, 1 when it introduces findings at --fail-on or its records differ from the reviewed snapshot, 2 on error."
)]
pub struct CheckArgs {
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Report every finding, ignoring the baseline.
    #[arg(long)]
    pub no_baseline: bool,
    /// Also write a self-contained HTML report (record changes with word-level highlights, and the new
    /// findings) to FILE; with several pages, one file each, named FILE with `-<page>` before the extension.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
}

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Record every current finding of the page as accepted (listing those newly accepted).
    Write(BaselineWriteArgs),
    /// Drop the baseline entries that no longer occur, accepting nothing new.
    Prune(BaselineWriteArgs),
}

#[derive(Debug, clap::Args)]
pub struct BaselineWriteArgs {
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Replace a baseline file that cannot be read (corrupted or truncated) instead of stopping.
    #[arg(long)]
    pub force: bool,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
}

#[derive(Debug, clap::Args)]
pub struct PageStateArgs {
    #[command(flatten)]
    pub page: PageArgs,
    /// Replace a snapshot file that cannot be read (corrupted or truncated) instead of stopping.
    #[arg(long)]
    pub force: bool,
    /// Least content similarity (0 to 1, Jaccard index of word sets) for matching a record whose title
    /// or date changed across revisions (see `diff`).
    #[arg(long, value_name = "F", default_value_t = pagerev::diff::DEFAULT_THRESHOLD, value_parser = parse_threshold)]
    pub threshold: f64,
}
