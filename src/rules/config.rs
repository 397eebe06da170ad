//! Rule configuration: which rules run, at which severity, with which parameters.
//!
//! `rules/default.yaml` is embedded in the binary and always loaded first; files given with `--config`
//! (a file, or every `*.yaml`/`*.yml` in a folder, sorted) follow, and each rule entry they hold replaces
//! the earlier settings of that rule key by key (`params` as a whole). Command-line overrides
//! (`--select`, `--ignore`, `--severity`) apply last.
//!
//! Loading happens in two passes, as in cargo-deny: each document is parsed once into a tree whose nodes
//! keep their place ([`crate::yaml::parse_node`]), then every node is checked on its own, so that *every*
//! problem — unknown keys, unknown codes, wrong types, invalid regexes, and bad command-line overrides —
//! is collected at once, each a [`Diagnostic`] at `file:line:column` ([`Diagnostic::config`]) that every
//! reporter renders.

use super::{active, find_in, Code, Retired, Rule, RuleInfo, RuleParams, CODES};
use crate::diagnostic::{Diagnostic, Location, Position, Severity};
use crate::source::SourceFile;
use crate::yaml::{self, Node};
use std::fmt;

/// The name reports use for the embedded default configuration.
pub const DEFAULT_NAME: &str = "rules/default.yaml";

/// The default configuration, embedded so the binary works from any directory.
pub const DEFAULT_YAML: &str = include_str!("../../rules/default.yaml");

/// The most a configuration file may hold: real ones are a few kilobytes.
pub const MAX_CONFIG_LEN: u64 = 1 << 20;

/// Problems listed per file at most: a file of a hundred thousand bad entries lists the first ones and
/// says so, rather than a hundred thousand lines.
pub const MAX_PROBLEMS: usize = 50;

/// The keys a rule entry may have.
const RULE_KEYS: &[&str] = &["code", "enabled", "severity", "params"];

/// Every problem found in a configuration, as [`Diagnostic::config`] diagnostics, with the text of each
/// file they are in (reporters quote its lines).
#[derive(Debug, Clone, Default)]
pub struct Problems {
    /// What the configuration configures: `rule`, `page`, or empty for both.
    what: &'static str,
    /// Every problem: each file's in reading order, files in the order read, then the command line's
    /// (whose `file` is empty).
    pub diagnostics: Vec<Diagnostic>,
    /// The files the problems are in, in the order read.
    pub files: Vec<SourceFile>,
}

impl Problems {
    /// No problem yet, in a configuration of `what` (`rule` or `page`).
    pub fn new(what: &'static str) -> Problems {
        Problems {
            what,
            ..Problems::default()
        }
    }

    /// True when there is no problem.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Adds the problems of the file `name` whose text is `text`.
    pub fn add_file(&mut self, name: &str, text: &str, diagnostics: Vec<Diagnostic>) {
        if diagnostics.is_empty() {
            return;
        }
        if !self.files.iter().any(|f| f.name() == name) {
            self.files.push(SourceFile::config(name, text.to_string()));
        }
        self.diagnostics.extend(diagnostics);
    }

    /// Adds `other`'s problems after these.
    pub fn merge(&mut self, other: Problems) {
        if other.is_empty() {
            return;
        }
        let was_empty = self.is_empty();
        for f in other.files {
            if !self.files.iter().any(|g| g.name() == f.name()) {
                self.files.push(f);
            }
        }
        // One problem per place across the two: a `page.yaml` that is not YAML is found both by the
        // rules and by the profile reading it, and the command line's problems by every page's rules.
        let before = self.diagnostics.len();
        for d in other.diagnostics {
            let seen = |e: &Diagnostic| {
                e.file == d.file
                    && if d.file.is_empty() {
                        e.message == d.message
                    } else {
                        e.location.start == d.location.start
                    }
            };
            if !self.diagnostics[..before].iter().any(seen) {
                self.diagnostics.push(d);
            }
        }
        // The command line's problems after the files'.
        self.diagnostics.sort_by_key(|d| d.file.is_empty());
        if was_empty {
            self.what = other.what;
        } else if self.diagnostics.len() > before && self.what != other.what {
            self.what = "";
        }
    }

    /// `invalid rule configuration (2 problems)`: the line that closes the list.
    pub fn summary(&self) -> String {
        let n = self.diagnostics.len();
        let what = if self.what.is_empty() {
            String::new()
        } else {
            format!("{} ", self.what)
        };
        format!(
            "invalid {what}configuration ({n} problem{})",
            if n == 1 { "" } else { "s" }
        )
    }

    /// Each file with its problems, in order, then the command line's problems (under a file with an
    /// empty name): what a reporter is fed.
    pub fn by_file(&self) -> Vec<(SourceFile, Vec<Diagnostic>)> {
        let mut out: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
        for d in &self.diagnostics {
            match out.iter_mut().find(|(f, _)| f.name() == &*d.file) {
                Some((_, list)) => list.push(d.clone()),
                None => {
                    let source = self
                        .files
                        .iter()
                        .find(|f| f.name() == &*d.file)
                        .cloned()
                        .unwrap_or_else(|| SourceFile::config(&*d.file, String::new()));
                    out.push((source, vec![d.clone()]));
                }
            }
        }
        out
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.summary())?;
        for d in &self.diagnostics {
            write!(f, "\n{}", crate::report::one_line(d))?;
        }
        Ok(())
    }
}

/// Why a configuration cannot be used: every problem in it, listed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Problems in configuration files (`rules/*.yaml`, `pagerev.yaml`, a `page.yaml`) or command-line
    /// overrides; all of them are listed.
    #[error("{0}")]
    Invalid(Problems),
}

impl ConfigError {
    /// The problems.
    pub fn problems(&self) -> &Problems {
        match self {
            ConfigError::Invalid(p) => p,
        }
    }
}

/// A configuration file's name (as reports show it) and text.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// The file's name, as reports show it.
    pub name: String,
    /// Its text.
    pub text: String,
    /// A page's `page.yaml`: its `rules:` section is optional and its `profile:` section belongs to
    /// the parser, not to the rules.
    pub page: bool,
}

impl ConfigFile {
    /// The embedded `rules/default.yaml`.
    pub fn default_file() -> ConfigFile {
        ConfigFile {
            name: DEFAULT_NAME.to_string(),
            text: DEFAULT_YAML.to_string(),
            page: false,
        }
    }

    /// A configuration file read from disk; bytes that are not UTF-8 are a problem at their position.
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<ConfigFile, Problems> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(ConfigFile {
                name,
                text,
                page: false,
            }),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let valid = String::from_utf8_lossy(valid);
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                let at = yaml::position_in(&valid, line, column);
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let mut problems = Problems::new("rule");
                let d = Diagnostic::config(
                    "not UTF-8 text; a rule configuration is a YAML file",
                    name.clone(),
                    Location::at(at),
                );
                problems.add_file(&name, &lossy, vec![d]);
                Err(problems)
            }
        }
    }

    /// Reads configuration files given as (name, bytes), collecting the problems of all of them.
    pub fn read_all(
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Result<Vec<ConfigFile>, ConfigError> {
        let mut out = Vec::new();
        let mut problems = Problems::new("rule");
        for (name, bytes) in files {
            match ConfigFile::from_bytes(name, bytes) {
                Ok(f) => out.push(f),
                Err(p) => problems.merge(p),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(ConfigError::Invalid(problems))
        }
    }
}

/// The command-line overrides of the configuration: rules named by code or name.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--select`: with any, exactly these rules run.
    pub select: Vec<String>,
    /// `--ignore`: these rules do not run.
    pub ignore: Vec<String>,
    /// `--severity CODE=LEVEL` entries.
    pub severity: Vec<String>,
}

/// One rule as configured.
#[derive(Debug, Clone)]
pub struct ConfiguredRule {
    /// The rule.
    pub info: &'static RuleInfo,
    /// Whether it runs.
    pub enabled: bool,
    /// The severity of its findings.
    pub severity: Severity,
    /// Its parameters.
    pub params: RuleParams,
    /// Where each setting came from, for `pagerev config`.
    pub origin: Origin,
}

/// Where a rule's settings came from: a configuration file's name (`rules/default.yaml`,
/// `pagerev.yaml`, `corpus/x/page.yaml`), a command-line option (`--select`), or the codes table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Where `enabled` came from.
    pub enabled: String,
    /// Where `severity` came from.
    pub severity: String,
    /// Where `params` came from.
    pub params: String,
}

impl Origin {
    fn table() -> Origin {
        let t = "the rule's defaults".to_string();
        Origin {
            enabled: t.clone(),
            severity: t.clone(),
            params: t,
        }
    }
}

/// Every rule with its settings, in code order.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<ConfiguredRule>,
}

/// One rule entry of a file, validated.
struct Entry {
    info: &'static RuleInfo,
    enabled: Option<bool>,
    severity: Option<Severity>,
    params: Option<RuleParams>,
}

impl RuleSet {
    /// Every rule with the defaults of the codes table and default parameters, ignoring
    /// `rules/default.yaml` (tests start from here).
    pub fn defaults() -> RuleSet {
        RuleSet {
            rules: active()
                .map(|info| ConfiguredRule {
                    info,
                    enabled: info.default_enabled,
                    severity: info.default_severity,
                    params: info.default_params(),
                    origin: Origin::table(),
                })
                .collect(),
        }
    }

    /// The embedded default configuration followed by `files`. Every problem in every file is collected
    /// before failing.
    pub fn load(files: &[ConfigFile]) -> Result<RuleSet, ConfigError> {
        Self::load_with(files, &Overrides::default())
    }

    /// [`RuleSet::load`], then the command-line `overrides`: the problems of the files and of the
    /// overrides are collected together.
    pub fn load_with(files: &[ConfigFile], overrides: &Overrides) -> Result<RuleSet, ConfigError> {
        let mut all = vec![ConfigFile::default_file()];
        all.extend(files.iter().cloned());
        let loaded = Self::load_exactly(&all);
        let mut set = match loaded {
            Ok(set) => set,
            Err(ConfigError::Invalid(mut problems)) => {
                // The overrides' problems too, checked against the defaults.
                if let Err(ConfigError::Invalid(more)) = RuleSet::defaults().apply(overrides) {
                    problems.merge(more);
                }
                return Err(ConfigError::Invalid(problems));
            }
        };
        set.apply(overrides)?;
        Ok(set)
    }

    /// `files` in order, over the codes-table defaults (without the embedded default file).
    pub fn load_exactly(files: &[ConfigFile]) -> Result<RuleSet, ConfigError> {
        let mut set = RuleSet::defaults();
        let mut problems = Problems::new("rule");
        let mut parsed = Vec::new();
        for file in files {
            let mut found = Vec::new();
            let entries = validate_file(file, &mut found);
            problems.add_file(&file.name, &file.text, found);
            parsed.push((entries, &file.name));
        }
        if !problems.is_empty() {
            return Err(ConfigError::Invalid(problems));
        }
        for (entries, name) in parsed {
            for entry in entries {
                // Every active rule is in the set: both come from the codes table.
                let Some(rule) = set
                    .rules
                    .iter_mut()
                    .find(|r| r.info.code == entry.info.code)
                else {
                    continue;
                };
                if let Some(e) = entry.enabled {
                    rule.enabled = e;
                    rule.origin.enabled = name.clone();
                }
                if let Some(s) = entry.severity {
                    rule.severity = s;
                    rule.origin.severity = name.clone();
                }
                if let Some(p) = entry.params {
                    rule.params = p;
                    rule.origin.params = name.clone();
                }
            }
        }
        Ok(set)
    }

    /// The rules, in code order.
    pub fn rules(&self) -> &[ConfiguredRule] {
        &self.rules
    }

    /// The rules that run.
    pub fn enabled(&self) -> impl Iterator<Item = &ConfiguredRule> {
        self.rules.iter().filter(|r| r.enabled)
    }

    /// Applies command-line overrides: with `select`, exactly those rules run (whatever the
    /// configuration says); `ignore` turns rules off; `severity` entries (`CODE=LEVEL`) set severities.
    /// Rules may be named by code or name.
    pub fn apply_overrides(
        &mut self,
        select: &[String],
        ignore: &[String],
        severity: &[String],
    ) -> Result<(), ConfigError> {
        self.apply(&Overrides {
            select: select.to_vec(),
            ignore: ignore.to_vec(),
            severity: severity.to_vec(),
        })
    }

    /// Applies `overrides` (see [`RuleSet::apply_overrides`]). Every bad one is a problem, all listed;
    /// nothing is applied unless all are good.
    pub fn apply(&mut self, overrides: &Overrides) -> Result<(), ConfigError> {
        let mut problems: Vec<String> = Vec::new();
        let find = |problems: &mut Vec<String>, option: &'static str, value: &str| {
            let found = match resolve_in(CODES, value) {
                Ok(info) => self.position(info),
                Err(Unresolved::Retired(retired)) => {
                    problems.push(format!("{option} {value}: {}", retired_message(retired)));
                    return None;
                }
                Err(Unresolved::Unknown) => None,
            };
            if found.is_none() {
                problems.push(format!(
                    "{option} {value}: no rule has this code or name; `pagerev rules` lists them"
                ));
            }
            found
        };
        let select: Vec<Option<usize>> = overrides
            .select
            .iter()
            .map(|v| find(&mut problems, "--select", v))
            .collect();
        let ignore: Vec<Option<usize>> = overrides
            .ignore
            .iter()
            .map(|v| find(&mut problems, "--ignore", v))
            .collect();
        let mut levels = Vec::new();
        for s in &overrides.severity {
            let parsed = s
                .split_once('=')
                .and_then(|(code, level)| Some((code, Severity::parse(level.trim())?)));
            match parsed {
                Some((code, level)) => {
                    levels.push((find(&mut problems, "--severity", code), level))
                }
                None => problems.push(format!(
                    "--severity {s}: expected CODE=LEVEL with LEVEL one of error, warning, info"
                )),
            }
        }
        if !problems.is_empty() {
            let mut all = Problems::new("rule");
            all.diagnostics = problems
                .into_iter()
                .map(|m| Diagnostic::config(m, "", Location::at(Position::START)))
                .collect();
            return Err(ConfigError::Invalid(all));
        }
        if !select.is_empty() {
            for (i, r) in self.rules.iter_mut().enumerate() {
                r.enabled = select.contains(&Some(i));
                r.origin.enabled = "--select".into();
            }
        }
        for i in ignore.into_iter().flatten() {
            self.rules[i].enabled = false;
            self.rules[i].origin.enabled = "--ignore".into();
        }
        for (i, level) in levels {
            if let Some(i) = i {
                self.rules[i].severity = level;
                self.rules[i].origin.severity = "--severity".into();
            }
        }
        Ok(())
    }

    /// Turns every rule off except `R`, which runs with `params` (for tests and embedding).
    pub fn only<R: Rule>(&mut self, params: R::Params) {
        let mut params = Some(RuleParams::new::<R>(params));
        for r in &mut self.rules {
            r.enabled = r.info.is::<R>();
            if r.enabled {
                if let Some(p) = params.take() {
                    r.params = p;
                }
            }
        }
    }

    fn position(&self, info: &RuleInfo) -> Option<usize> {
        self.rules.iter().position(|r| r.info.code == info.code)
    }
}

/// Why a code or name resolves to no rule that runs.
#[derive(Debug)]
enum Unresolved {
    Unknown,
    Retired(&'static Retired),
}

/// The active rule of `table` a code or name names.
fn resolve_in(table: &'static [Code], code_or_name: &str) -> Result<&'static RuleInfo, Unresolved> {
    match find_in(table, code_or_name) {
        Some(Code::Active(info)) => Ok(info),
        Some(Code::Retired(r)) => Err(Unresolved::Retired(r)),
        None => Err(Unresolved::Unknown),
    }
}

/// What naming a retired rule gets: the rule, that it never runs, and why it went.
fn retired_message(r: &Retired) -> String {
    format!(
        "rule {} ({}) is retired and never runs: {}",
        r.code, r.name, r.reason
    )
}

/// The rule a configuration entry's `code` names, or the problem to report at it.
fn entry_rule(table: &'static [Code], code: &str) -> Result<&'static RuleInfo, String> {
    resolve_in(table, code).map_err(|e| match e {
        Unresolved::Unknown => format!(
            "unknown rule code `{}`; `pagerev rules` lists them",
            shorten(code)
        ),
        Unresolved::Retired(r) => format!("{}; remove this entry", retired_message(r)),
    })
}

/// Checks one file, pushing every problem; returns its entries (meaningful only when no problem arose).
fn validate_file(file: &ConfigFile, problems: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let text = file.text.as_str();
    let first_problem = problems.len();
    let problem = |problems: &mut Vec<Diagnostic>, location: Location, message: String| {
        problems.push(Diagnostic::config(message, file.name.clone(), location));
    };
    let start = Location::at(Position::START);
    if text.len() as u64 > MAX_CONFIG_LEN {
        let message = format!(
            "{} bytes, over the configuration size limit of 1 MiB",
            text.len()
        );
        problem(problems, start, message);
        return Vec::new();
    }
    if let Err(e) = yaml::check_nesting(text, yaml::MAX_FLOW_DEPTH) {
        let at = yaml::position_in(text, e.line.unwrap_or(1), e.column.unwrap_or(1));
        problem(problems, Location::at(at), e.message);
        return Vec::new();
    }
    let root = match yaml::parse_node(text) {
        Ok(root) => root,
        Err(e) => {
            problem(
                problems,
                e.location,
                format!("not valid YAML: {}", e.message),
            );
            return Vec::new();
        }
    };
    if root.is_null() {
        let message = "empty configuration; expected a mapping with a `rules:` list".to_string();
        problem(problems, start, message);
        return Vec::new();
    }
    let Some(map) = root.entries() else {
        let message = format!(
            "expected a mapping with a `rules:` list, found {}",
            root.kind()
        );
        problem(problems, root.location(), message);
        return Vec::new();
    };
    let mut rules_node = None;
    for (k, v) in map {
        match k.as_str() {
            Some("rules") => rules_node = Some(v),
            // A page's settings also say how to read it (see `parse::profile`).
            Some("profile") if file.page => {}
            Some(other) => {
                let message = format!("unknown key `{other}`; expected `rules`");
                problem(problems, k.location(), message);
            }
            None => {
                let message = format!("unexpected {} key; expected `rules`", k.kind());
                problem(problems, k.location(), message);
            }
        }
    }
    let items = match rules_node {
        None if file.page => return Vec::new(),
        None => {
            problem(problems, start, "missing `rules:` list".into());
            return Vec::new();
        }
        Some(node) if node.is_null() => return Vec::new(),
        Some(node) => match node.items() {
            Some(items) => items,
            None => {
                let message = format!(
                    "`rules` must be a list of rule entries, found {}",
                    node.kind()
                );
                problem(problems, node.location(), message);
                return Vec::new();
            }
        },
    };
    let mut entries = Vec::new();
    // Rule codes seen so far, with the line of their entry's `code`.
    let mut seen: Vec<(&'static str, u32)> = Vec::new();
    let mut truncated = None;
    for item in items {
        if problems.len() - first_problem >= MAX_PROBLEMS {
            truncated = Some(item.location());
            break;
        }
        if let Some(entry) = validate_entry(file, item, &mut seen, problems) {
            entries.push(entry);
        }
    }
    // Report in reading order, whatever order the checks ran in.
    problems[first_problem..].sort_by_key(|p| (p.location.start.line, p.location.start.column));
    if let Some(location) = truncated {
        let message = format!(
            "problems from this entry on are not listed (the first {MAX_PROBLEMS} are); fix those and run again"
        );
        problem(problems, location, message);
    }
    entries
}

/// Checks one rule entry of `file`, pushing its problems; `seen` holds the codes configured before it.
fn validate_entry(
    file: &ConfigFile,
    item: &Node,
    seen: &mut Vec<(&'static str, u32)>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Entry> {
    let mut problem = |location: Location, message: String| {
        problems.push(Diagnostic::config(message, file.name.clone(), location));
    };
    let Some(keys) = item.entries() else {
        let message = format!(
            "a rule entry must be a mapping with `code`, found {}",
            item.kind()
        );
        problem(item.location(), message);
        return None;
    };
    for (k, _) in keys {
        match k.as_str() {
            Some(key) if RULE_KEYS.contains(&key) => {}
            Some(key) => problem(
                k.location(),
                format!(
                    "unknown key `{key}`; a rule entry has `code`, `enabled`, `severity` and `params`"
                ),
            ),
            None => problem(
                k.location(),
                format!("unexpected {} key in rule entry", k.kind()),
            ),
        }
    }
    let info = match item.get("code") {
        None => {
            problem(item.location(), "rule entry has no `code`".into());
            None
        }
        Some(node) => match yaml::from_node::<String>(node) {
            Err(e) => {
                problem(e.location, format!("`code`: {}", e.message));
                None
            }
            Ok(code) => match entry_rule(CODES, &code) {
                Ok(info) => {
                    let line = node.location().start.line;
                    if let Some(&(_, first_line)) = seen.iter().find(|(s, _)| *s == info.code) {
                        problem(
                            node.location(),
                            format!(
                                "rule {} ({}) is configured twice in this file (first at line {first_line})",
                                info.code, info.name
                            ),
                        );
                    }
                    seen.push((info.code, line));
                    Some(info)
                }
                Err(message) => {
                    problem(node.location(), message);
                    None
                }
            },
        },
    };
    let enabled = item
        .get("enabled")
        .and_then(|node| match yaml::from_node::<bool>(node) {
            Ok(b) => Some(b),
            Err(e) => {
                problem(e.location, format!("`enabled`: {}", e.message));
                None
            }
        });
    let severity = item
        .get("severity")
        .and_then(|node| match yaml::from_node::<Severity>(node) {
            Ok(s) => Some(s),
            Err(e) => {
                problem(e.location, format!("`severity`: {}", e.message));
                None
            }
        });
    let params = match (item.get("params"), info) {
        (None, _) | (_, None) => None,
        (Some(node), Some(info)) => {
            // Every unknown parameter is reported (serde would stop at the first one); the others are
            // then read without them.
            let fields = info.param_fields();
            for (k, _) in node.entries().unwrap_or_default() {
                let Some(key) = k.as_str() else { continue };
                if !fields.contains(&key) {
                    let expected = if fields.is_empty() {
                        "this rule has no parameters".to_string()
                    } else {
                        format!("expected one of `{}`", fields.join("`, `"))
                    };
                    problem(
                        k.location(),
                        format!(
                            "`params` of {} ({}): unknown parameter `{key}`; {expected}",
                            info.code, info.name
                        ),
                    );
                }
            }
            let known = node.retain_keys(|k| fields.contains(&k));
            match info.parse_params(&known) {
                Ok(p) => Some(p),
                Err(e) => {
                    problem(
                        e.location,
                        format!("`params` of {} ({}): {}", info.code, info.name, e.message),
                    );
                    None
                }
            }
        }
    };
    info.map(|info| Entry {
        info,
        enabled,
        severity,
        params,
    })
}

/// `s` as a message quotes it: at most 60 characters.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let file = ConfigFile {
            name: "c.yaml".into(),
            text: text.into(),
            page: false,
        };
        match RuleSet::load_exactly(&[file]) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems()
                .diagnostics
                .iter()
                .map(crate::report::one_line)
                .collect(),
        }
    }

    #[test]
    fn the_default_configuration_loads_and_agrees_with_the_codes_table() {
        let set = RuleSet::load(&[]).unwrap();
        for r in set.rules() {
            assert_eq!(r.enabled, r.info.default_enabled, "{}", r.info.code);
            assert_eq!(r.severity, r.info.default_severity, "{}", r.info.code);
        }
        for info in active() {
            assert!(
                DEFAULT_YAML.contains(&format!("code: {}", info.code)),
                "{} missing from rules/default.yaml",
                info.code
            );
        }
    }

    #[test]
    fn every_problem_is_listed_with_its_position() {
        let text = "rules:\n  - code: PR999\n  - code: PR001\n    enabled: maybe\n    colour: red\n  - code: PR005\n    severity: fatal\n    params:\n      allow: ['(']\n";
        let got = problems(text);
        assert_eq!(got.len(), 5, "{got:#?}");
        let expected = [
            "c.yaml:2:11: unknown rule code `PR999`",
            "c.yaml:4:14: `enabled`: invalid type: string \"maybe\", expected a boolean",
            "c.yaml:5:5: unknown key `colour`",
            "c.yaml:7:15: `severity`: unknown variant `fatal`",
            "c.yaml:9:15: `params` of PR005 (shared-caption): invalid regular expression `(`: unclosed group",
        ];
        for (g, e) in got.iter().zip(expected) {
            assert!(g.starts_with(e), "{g}\n  does not start with\n{e}");
        }
    }

    #[test]
    fn empty_and_non_yaml_files_are_problems() {
        assert_eq!(
            problems(""),
            ["c.yaml:1:1: empty configuration; expected a mapping with a `rules:` list"]
        );
        assert!(problems("rules: [\n")[0].starts_with("c.yaml:2:1: not valid YAML"));
        assert!(problems("just words\n")[0].contains("found a string"));
    }

    #[test]
    fn later_files_override_earlier_ones_and_cli_overrides_apply_last() {
        let user = ConfigFile {
            name: "u.yaml".into(),
            text: "rules:\n  - code: caption-repeats-title\n    enabled: true\n".into(),
            page: false,
        };
        let mut set = RuleSet::load(&[user]).unwrap();
        let on = |s: &RuleSet, c: &str| s.enabled().any(|r| r.info.code == c);
        assert!(on(&set, "PR006"));
        set.apply_overrides(&[], &["PR006".into()], &["missing-title=warning".into()])
            .unwrap();
        assert!(!on(&set, "PR006"));
        assert_eq!(set.rules()[8].severity, Severity::Warning);
        assert!(set.apply_overrides(&["PR999".into()], &[], &[]).is_err());
        assert!(set.apply_overrides(&[], &[], &["PR001".into()]).is_err());
    }

    #[test]
    fn every_bad_override_is_listed_at_once_with_the_files_problems() {
        let overrides = Overrides {
            select: vec!["PR999".into(), "PR001".into()],
            ignore: vec!["no-such-rule".into()],
            severity: vec!["PR001".into(), "PR002=fatal".into(), "PR003=info".into()],
        };
        let bad = ConfigFile {
            name: "bad.yaml".into(),
            text: "rules:\n  - code: PR001\n    enabled: maybe\n".into(),
            page: false,
        };
        let e = RuleSet::load_with(&[bad], &overrides).unwrap_err();
        let lines: Vec<String> = e
            .problems()
            .diagnostics
            .iter()
            .map(crate::report::one_line)
            .collect();
        assert_eq!(
            lines,
            [
                "bad.yaml:3:14: `enabled`: invalid type: string \"maybe\", expected a boolean",
                "--select PR999: no rule has this code or name; `pagerev rules` lists them",
                "--ignore no-such-rule: no rule has this code or name; `pagerev rules` lists them",
                "--severity PR001: expected CODE=LEVEL with LEVEL one of error, warning, info",
                "--severity PR002=fatal: expected CODE=LEVEL with LEVEL one of error, warning, info",
            ]
        );
        assert_eq!(
            e.problems().summary(),
            "invalid rule configuration (5 problems)"
        );
        assert!(e.problems().diagnostics.iter().all(Diagnostic::is_config));
        // The file's problem can be quoted: its text came along.
        let by_file = e.problems().by_file();
        assert_eq!(by_file[0].0.line_text(3), "    enabled: maybe");
        assert_eq!((by_file[1].0.name(), by_file[1].1.len()), ("", 4));
    }

    #[test]
    fn a_file_of_many_bad_entries_lists_the_first_fifty() {
        let text: String = std::iter::once("rules:\n".to_string())
            .chain((0..200).map(|i| format!("  - code: PR9{i:02}\n")))
            .collect();
        let got = problems(&text);
        assert_eq!(got.len(), MAX_PROBLEMS + 1);
        assert!(
            got[MAX_PROBLEMS].contains("are not listed (the first 50 are)"),
            "{got:?}"
        );
        assert!(got[MAX_PROBLEMS].starts_with("c.yaml:52:5: "), "{got:?}");
    }

    #[test]
    fn a_retired_code_is_refused_with_its_reason_not_run_as_another_rule() {
        use crate::rules::tests::WITH_RETIRED;
        let message = entry_rule(WITH_RETIRED, "PR999").map(|r| r.code);
        assert_eq!(
            message,
            Err("rule PR999 (old-rule) is retired and never runs: merged into missing-date (PR002), which now reports it; remove this entry".into())
        );
        assert!(matches!(
            resolve_in(WITH_RETIRED, "old-rule"),
            Err(Unresolved::Retired(_))
        ));
        assert_eq!(
            entry_rule(WITH_RETIRED, "PR002").map(|r| r.name),
            Ok("missing-date")
        );
        assert!(
            entry_rule(WITH_RETIRED, "PR001").is_err_and(|m| m.starts_with("unknown rule code"))
        );
        let Err(Unresolved::Retired(retired)) = resolve_in(WITH_RETIRED, "PR999") else {
            panic!("PR999 is retired");
        };
        assert_eq!(
            format!("--select PR999: {}", retired_message(retired)),
            "--select PR999: rule PR999 (old-rule) is retired and never runs: merged into missing-date (PR002), which now reports it"
        );
    }
}
