//! `pagerev._native`: the Rust half of the `pagerev` Python package. Each function takes text (never a
//! path: the caller reads files) and returns JSON text or JSONL bytes built from the library's own serde
//! types, which `pagerev/__init__.py` turns into plain Python objects or `pyarrow.Table`s. The JSON is
//! exactly what the CLI writes (`parse --format json`, `validate --format json`'s findings, `diff
//! --format json`, `export --format jsonl`), so the Python objects and the CLI's output cannot drift.
//!
//! Errors are `pagerev.Error` (a `ValueError`) carrying the message the CLI prints after `error:`.

use pagerev::diagnostic::Diagnostic;
use pagerev::diff::{diff_pages, DiffOptions};
use pagerev::export::{csv_header, ChangeRow, FindingRow, RecordRow, RevisionRow};
use pagerev::lang::Lang;
use pagerev::parse::profile::read_page_config;
use pagerev::parse::{parse_with, ParseOptions};
use pagerev::rules::config::{ConfigFile, RuleSet};
use pagerev::rules::{check_page, CheckContext};
use pagerev::source::SourceFile;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::Serialize;
use std::collections::HashMap;

create_exception!(
    _native,
    Error,
    PyValueError,
    "A page, configuration or argument pagerev cannot use; the message is the one the CLI prints."
);

/// A failure, as the message the CLI would print after `error:`.
struct Failure(String);

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        Error::new_err(f.0)
    }
}

fn fail(e: impl std::fmt::Display) -> Failure {
    Failure(e.to_string())
}

type Result<T> = std::result::Result<T, Failure>;

/// `--lang`: a language code, or `None`/`auto` to detect it.
fn lang_of(code: Option<&str>) -> Result<Option<Lang>> {
    match code {
        None | Some("auto") => Ok(None),
        Some(code) => Lang::ALL
            .into_iter()
            .find(|l| l.code() == code)
            .map(Some)
            .ok_or_else(|| {
                let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                Failure(format!(
                    "lang {code:?}: not a language pagerev reads; expected auto or one of {}",
                    codes.join(", ")
                ))
            }),
    }
}

/// The parser options for a page: `lang`, and the profile its configuration (`page.yaml` text, or a
/// `--profile` file's text) pins.
fn parse_options(
    lang: Option<Lang>,
    config_name: &str,
    config: Option<&str>,
) -> Result<ParseOptions> {
    let pinned = match config {
        Some(text) => read_page_config(config_name, text).map_err(fail)?.profile,
        None => Default::default(),
    };
    Ok(ParseOptions { lang, pinned })
}

/// The rule set: the embedded defaults, the page's `page.yaml` `rules:` section (if any), then each of
/// `configs` (as `--config` files), in that order.
fn rule_set(page_config: Option<(&str, &str)>, configs: &[(String, String)]) -> Result<RuleSet> {
    let mut files = Vec::new();
    if let Some((name, text)) = page_config {
        files.push(ConfigFile {
            name: name.to_string(),
            text: text.to_string(),
            page: true,
        });
    }
    let given = configs
        .iter()
        .map(|(name, text)| (name.clone(), text.clone().into_bytes()));
    files.extend(ConfigFile::read_all(given).map_err(fail)?);
    RuleSet::load(&files).map_err(fail)
}

/// `today` as given (`YYYY-MM-DD`), or today's date in UTC, as the CLI takes it.
fn today(given: Option<&str>) -> Result<chrono::NaiveDate> {
    if let Some(s) = given {
        return chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|e| Failure(format!("today {s:?}: not a YYYY-MM-DD date ({e})")));
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    Ok(epoch
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or(epoch))
}

/// A page's text as Python gives it: `str`, or `bytes` checked as the CLI checks a file (UTF-8, no NUL
/// byte, not empty), with the same messages.
#[derive(FromPyObject)]
enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

impl Text {
    fn into_bytes(self) -> Vec<u8> {
        match self {
            Text::Str(s) => s.into_bytes(),
            Text::Bytes(b) => b,
        }
    }
}

fn source(name: &str, text: Text) -> Result<SourceFile> {
    SourceFile::from_bytes(name, text.into_bytes()).map_err(fail)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(fail)
}

fn diff_options(threshold: Option<f64>) -> Result<DiffOptions> {
    let mut opts = DiffOptions::default();
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(Failure(format!(
                "threshold {t}: expected a number from 0 to 1"
            )));
        }
        opts.threshold = t;
    }
    Ok(opts)
}

/// The canonical page, as `pagerev parse --format json` prints it.
#[pyfunction]
#[pyo3(signature = (text, lang=None, profile=None, name="<text>"))]
fn parse_json(
    py: Python<'_>,
    text: Text,
    lang: Option<&str>,
    profile: Option<&str>,
    name: &str,
) -> PyResult<String> {
    let lang = lang_of(lang)?;
    let run = || -> Result<String> {
        let options = parse_options(lang, "<profile>", profile)?;
        let source = source(name, text)?;
        to_json(&parse_with(&source, &options))
    };
    Ok(py.detach(run)?)
}

/// The page rules' findings, as the `findings` of `pagerev validate --format json`.
/// `page_config` is the page's `page.yaml` text: its rules apply before `rules`, and its profile unless
/// `profile` is given, as the CLI takes them.
#[pyfunction]
#[pyo3(signature = (text, rules=Vec::new(), lang=None, profile=None, name="<text>", today=None, page_config=None))]
#[allow(clippy::too_many_arguments)]
fn validate_json(
    py: Python<'_>,
    text: Text,
    rules: Vec<(String, String)>,
    lang: Option<&str>,
    profile: Option<&str>,
    name: &str,
    today: Option<&str>,
    page_config: Option<&str>,
) -> PyResult<String> {
    let lang = lang_of(lang)?;
    let run = || -> Result<String> {
        let ctx = CheckContext {
            today: Some(self::today(today)?),
        };
        let options = match profile {
            Some(p) => parse_options(lang, "<profile>", Some(p))?,
            None => parse_options(lang, "page.yaml", page_config)?,
        };
        let rules = rule_set(page_config.map(|c| ("page.yaml", c)), &rules)?;
        let source = source(name, text)?;
        let page = parse_with(&source, &options);
        let findings: Vec<Diagnostic> = check_page(&rules, &source, &page, &ctx);
        to_json(&findings)
    };
    Ok(py.detach(run)?)
}

/// The record diff, as `pagerev diff --format json` prints it.
#[pyfunction]
#[pyo3(signature = (old, new, lang=None, profile=None, threshold=None, old_name="<old>", new_name="<new>"))]
#[allow(clippy::too_many_arguments)]
fn diff_json(
    py: Python<'_>,
    old: Text,
    new: Text,
    lang: Option<&str>,
    profile: Option<&str>,
    threshold: Option<f64>,
    old_name: &str,
    new_name: &str,
) -> PyResult<String> {
    let lang = lang_of(lang)?;
    let run = || -> Result<String> {
        let options = parse_options(lang, "<profile>", profile)?;
        let opts = diff_options(threshold)?;
        let old = source(old_name, old)?;
        let new = source(new_name, new)?;
        let diff = diff_pages(
            &parse_with(&old, &options),
            &parse_with(&new, &options),
            &opts,
        );
        to_json(&diff)
    };
    Ok(py.detach(run)?)
}

/// One revision given to [`export_jsonl`]: page, revision, text, path (the name the export shows).
type Revision = (String, String, Text, Option<String>);

/// A page's settings as the export takes them from its `page.yaml`.
struct PageSettings {
    options: ParseOptions,
    rules: RuleSet,
}

/// The settings of every page, built once per page.
struct Settings<'c> {
    lang: Option<Lang>,
    configs: &'c HashMap<String, String>,
    rules: &'c [(String, String)],
    pages: HashMap<String, PageSettings>,
}

impl Settings<'_> {
    fn of(&mut self, page: &str) -> Result<&PageSettings> {
        if !self.pages.contains_key(page) {
            let config = self.configs.get(page).map(String::as_str);
            let name = format!("{page}/page.yaml");
            let settings = PageSettings {
                options: parse_options(self.lang, &name, config)?,
                rules: rule_set(config.map(|c| (name.as_str(), c)), self.rules)?,
            };
            self.pages.insert(page.to_string(), settings);
        }
        self.pages
            .get(page)
            .ok_or_else(|| Failure(format!("{page}: settings missing")))
    }
}

/// Appends `row` to a JSONL table.
fn push<T: Serialize>(table: &mut Vec<u8>, row: &T) -> Result<()> {
    serde_json::to_writer(&mut *table, row).map_err(fail)?;
    table.push(b'\n');
    Ok(())
}

/// The four tables of `pagerev export --format jsonl` for a batch of revisions: revisions, records,
/// findings, and (with `changes`) the changes between consecutive revisions of each page in the batch.
/// Revisions are taken in (page, revision) order, as the export takes them.
#[pyfunction]
#[pyo3(signature = (rows, lang=None, rules=Vec::new(), page_configs=HashMap::new(), today=None, threshold=None, changes=true))]
#[allow(clippy::too_many_arguments)]
fn export_jsonl<'py>(
    py: Python<'py>,
    mut rows: Vec<Revision>,
    lang: Option<&str>,
    rules: Vec<(String, String)>,
    page_configs: HashMap<String, String>,
    today: Option<&str>,
    threshold: Option<f64>,
    changes: bool,
) -> PyResult<[Bound<'py, PyBytes>; 4]> {
    let lang = lang_of(lang)?;
    let run = || -> Result<[Vec<u8>; 4]> {
        let ctx = CheckContext {
            today: Some(self::today(today)?),
        };
        let opts = diff_options(threshold)?;
        let mut settings = Settings {
            lang,
            configs: &page_configs,
            rules: &rules,
            pages: HashMap::new(),
        };
        rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut tables: [Vec<u8>; 4] = Default::default();
        let mut previous: Option<(String, String, SourceFile)> = None;
        for (page_name, revision, text, path) in rows {
            let page_settings = settings.of(&page_name)?;
            let path = path.unwrap_or_else(|| format!("{page_name}/{revision}"));
            let src = source(&path, text)?;
            let page = parse_with(&src, &page_settings.options);
            push(
                &mut tables[0],
                &RevisionRow::of(&page_name, &revision, &src, &page),
            )?;
            for row in RecordRow::all(&page_name, &revision, &page) {
                push(&mut tables[1], &row)?;
            }
            for d in check_page(&page_settings.rules, &src, &page, &ctx) {
                push(
                    &mut tables[2],
                    &FindingRow::of(&page_name, &revision, &d, &src),
                )?;
            }
            if changes {
                if let Some((old_page_name, old_revision, old_src)) = &previous {
                    if *old_page_name == page_name {
                        let old = parse_with(old_src, &page_settings.options);
                        let diff = diff_pages(&old, &page, &opts);
                        for row in ChangeRow::all(&page_name, old_revision, &revision, &diff) {
                            push(&mut tables[3], &row)?;
                        }
                    }
                }
            }
            drop(page);
            previous = Some((page_name, revision, src));
        }
        Ok(tables)
    };
    let tables = py.detach(run)?;
    Ok(tables.map(|t| PyBytes::new(py, &t)))
}

/// One pair of consecutive revisions of a page: page, old revision, old text, new revision, new text.
type Pair = (String, String, Text, String, Text);

/// The `changes` table (JSONL) for pairs of consecutive revisions, computed as the export computes it.
/// For a job that pairs revisions itself (a window over each page's revisions, ordered by revision).
#[pyfunction]
#[pyo3(signature = (pairs, lang=None, page_configs=HashMap::new(), threshold=None))]
fn changes_jsonl<'py>(
    py: Python<'py>,
    pairs: Vec<Pair>,
    lang: Option<&str>,
    page_configs: HashMap<String, String>,
    threshold: Option<f64>,
) -> PyResult<Bound<'py, PyBytes>> {
    let lang = lang_of(lang)?;
    let run = || -> Result<Vec<u8>> {
        let opts = diff_options(threshold)?;
        let mut options: HashMap<String, ParseOptions> = HashMap::new();
        let mut table = Vec::new();
        for (page_name, old_revision, old_text, new_revision, new_text) in pairs {
            if !options.contains_key(&page_name) {
                let name = format!("{page_name}/page.yaml");
                let config = page_configs.get(&page_name).map(String::as_str);
                options.insert(page_name.clone(), parse_options(lang, &name, config)?);
            }
            let Some(page_options) = options.get(&page_name) else {
                continue;
            };
            let old = source(&format!("{page_name}/{old_revision}"), old_text)?;
            let new = source(&format!("{page_name}/{new_revision}"), new_text)?;
            let diff = diff_pages(
                &parse_with(&old, page_options),
                &parse_with(&new, page_options),
                &opts,
            );
            for row in ChangeRow::all(&page_name, &old_revision, &new_revision, &diff) {
                push(&mut table, &row)?;
            }
        }
        Ok(table)
    };
    let table = py.detach(run)?;
    Ok(PyBytes::new(py, &table))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("SCHEMA_VERSION", pagerev::export::SCHEMA_VERSION)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    // Each table's columns in order, as the export names them (its CSV header).
    let columns = pyo3::types::PyDict::new(m.py());
    for (table, header) in [
        ("revisions", csv_header::<RevisionRow>()),
        ("records", csv_header::<RecordRow>()),
        ("findings", csv_header::<FindingRow>()),
        ("changes", csv_header::<ChangeRow>()),
    ] {
        let names: Vec<&str> = header.trim_end().split(',').collect();
        columns.set_item(table, names)?;
    }
    m.add("COLUMNS", columns)?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(export_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(changes_jsonl, m)?)?;
    Ok(())
}
