//! Rule configuration: which rules run, at which severity, with which parameters.
//!
//! `rules/default.yaml` is embedded in the binary and always loaded first; files given with `--config`
//! (a file, or every `*.yaml`/`*.yml` in a folder, sorted) follow, and each rule entry they hold replaces
//! the earlier settings of that rule key by key (`params` as a whole). Command-line overrides
//! (`--select`, `--ignore`, `--severity`) apply last.
//!
//! Loading happens in two passes, as in cargo-deny: the YAML is parsed, then every node is checked on its
//! own so that *every* problem — unknown keys, unknown codes, wrong types, invalid regexes — is reported
//! at once, each at `file:line:column`. Positions come from [`crate::yaml`], which reads them from the YAML
//! parser itself rather than searching the text.

use super::{active, find_in, Code, Retired, Rule, RuleInfo, RuleParams, CODES};
use crate::diagnostic::Severity;
use crate::yaml::{self, Seg, Value};
use std::fmt;

/// The name reports use for the embedded default configuration.
pub const DEFAULT_NAME: &str = "rules/default.yaml";

/// The default configuration, embedded so the binary works from any directory.
pub const DEFAULT_YAML: &str = include_str!("../../rules/default.yaml");

/// The most a configuration file may hold: real ones are a few kilobytes.
pub const MAX_CONFIG_LEN: u64 = 1 << 20;

/// Problems listed per file at most: each is positioned by parsing the file again, so a file of a
/// hundred thousand bad entries would take minutes to list.
pub const MAX_PROBLEMS: usize = 50;

/// The keys a rule entry may have.
const RULE_KEYS: &[&str] = &["code", "enabled", "severity", "params"];

/// One problem in a configuration file, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as reports name it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Why the rule configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// One or more problems in configuration files; all of them are listed.
    #[error("invalid rule configuration ({} problem{}):\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, Problems(problems))]
    Invalid {
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// One or more problems in a page configuration (`page.yaml`); all of them are listed.
    #[error("invalid page configuration ({} problem{}):\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, Problems(problems))]
    InvalidPage {
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// A code or name on the command line that names no rule.
    #[error("{option} {value}: no rule has this code or name; `pagerev rules` lists them")]
    UnknownRule {
        /// The option (`--select`).
        option: &'static str,
        /// The code or name given.
        value: String,
    },
    /// A code or name on the command line of a retired rule (an error, not a warning: a gate that
    /// selects a rule believes it runs, and a retired rule never does).
    #[error("{option} {value}: {}", retired_message(retired))]
    RetiredRule {
        /// The option (`--select`).
        option: &'static str,
        /// The code or name given.
        value: String,
        /// The retired rule's row.
        retired: &'static Retired,
    },
    /// A `--severity` value not shaped `CODE=LEVEL`.
    #[error("--severity {0}: expected CODE=LEVEL with LEVEL one of error, warning, info")]
    BadSeverity(String),
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
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
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<ConfigFile, Problem> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(ConfigFile {
                name,
                text,
                page: false,
            }),
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let column = String::from_utf8_lossy(&valid[line_start..])
                    .chars()
                    .count()
                    + 1;
                Err(Problem {
                    file: name,
                    line,
                    column,
                    message: "not UTF-8 text; a rule configuration is a YAML file".into(),
                })
            }
        }
    }
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
        let mut all = vec![ConfigFile::default_file()];
        all.extend(files.iter().cloned());
        Self::load_exactly(&all)
    }

    /// `files` in order, over the codes-table defaults (without the embedded default file).
    pub fn load_exactly(files: &[ConfigFile]) -> Result<RuleSet, ConfigError> {
        let mut set = RuleSet::defaults();
        let mut problems = Vec::new();
        let mut parsed = Vec::new();
        for file in files {
            parsed.push((validate_file(file, &mut problems), &file.name));
        }
        if !problems.is_empty() {
            return Err(ConfigError::Invalid { problems });
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
        let find = |option: &'static str, value: &str| {
            let unknown = || ConfigError::UnknownRule {
                option,
                value: value.to_string(),
            };
            let info = resolve_in(CODES, value).map_err(|e| match e {
                Unresolved::Unknown => unknown(),
                Unresolved::Retired(retired) => ConfigError::RetiredRule {
                    option,
                    value: value.to_string(),
                    retired,
                },
            })?;
            self.position(info).ok_or_else(unknown)
        };
        let select: Vec<usize> = select
            .iter()
            .map(|v| find("--select", v))
            .collect::<Result<_, _>>()?;
        let ignore: Vec<usize> = ignore
            .iter()
            .map(|v| find("--ignore", v))
            .collect::<Result<_, _>>()?;
        let mut levels = Vec::new();
        for s in severity {
            let (code, level) = s
                .split_once('=')
                .ok_or_else(|| ConfigError::BadSeverity(s.clone()))?;
            let level =
                Severity::parse(level.trim()).ok_or_else(|| ConfigError::BadSeverity(s.clone()))?;
            levels.push((find("--severity", code)?, level));
        }
        if !select.is_empty() {
            for (i, r) in self.rules.iter_mut().enumerate() {
                r.enabled = select.contains(&i);
                r.origin.enabled = "--select".into();
            }
        }
        for i in ignore {
            self.rules[i].enabled = false;
            self.rules[i].origin.enabled = "--ignore".into();
        }
        for (i, level) in levels {
            self.rules[i].severity = level;
            self.rules[i].origin.severity = "--severity".into();
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
fn validate_file(file: &ConfigFile, problems: &mut Vec<Problem>) -> Vec<Entry> {
    let first_problem = problems.len();
    let text = file.text.as_str();
    let mut problem = |line: usize, column: usize, message: String| {
        problems.push(Problem {
            file: file.name.clone(),
            line,
            column,
            message,
        })
    };
    if text.len() as u64 > MAX_CONFIG_LEN {
        problem(
            1,
            1,
            format!(
                "{} bytes, over the configuration size limit of 1 MiB",
                text.len()
            ),
        );
        return Vec::new();
    }
    if let Err(e) = yaml::check_nesting(text, yaml::MAX_FLOW_DEPTH) {
        problem(e.line.unwrap_or(1), e.column.unwrap_or(1), e.message);
        return Vec::new();
    }
    let root: Value = match yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problem(
                e.line.unwrap_or(1),
                e.column.unwrap_or(1),
                format!("not valid YAML: {}", e.message),
            );
            return Vec::new();
        }
    };
    let at = |path: &[Seg]| yaml::position_of(text, path).unwrap_or((1, 1));
    let key_at = |path: &[Seg], key: &str| {
        yaml::key_position_of(text, path, key).unwrap_or_else(|| at(path))
    };
    let map = match &root {
        Value::Mapping(m) => m,
        Value::Null => {
            problem(
                1,
                1,
                "empty configuration; expected a mapping with a `rules:` list".into(),
            );
            return Vec::new();
        }
        other => {
            let (l, c) = at(&[]);
            problem(
                l,
                c,
                format!(
                    "expected a mapping with a `rules:` list, found {}",
                    kind_of(other)
                ),
            );
            return Vec::new();
        }
    };
    let mut rules_node = None;
    for (k, v) in map {
        match k.as_str() {
            Some("rules") => rules_node = Some(v),
            // A page's settings also say how to read it (see `parse::profile`).
            Some("profile") if file.page => {}
            Some(other) => {
                let (l, c) = key_at(&[], other);
                problem(l, c, format!("unknown key `{other}`; expected `rules`"));
            }
            None => {
                let (l, c) = at(&[]);
                problem(
                    l,
                    c,
                    format!("unexpected {} key; expected `rules`", kind_of(k)),
                );
            }
        }
    }
    let rules_path = [Seg::Key("rules".into())];
    let items = match rules_node {
        None if file.page => return Vec::new(),
        None => {
            problem(1, 1, "missing `rules:` list".into());
            return Vec::new();
        }
        Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(other) => {
            let (l, c) = at(&rules_path);
            problem(
                l,
                c,
                format!(
                    "`rules` must be a list of rule entries, found {}",
                    kind_of(other)
                ),
            );
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    // Rule codes seen so far, with the index of their entry (positions are looked up only for problems).
    let mut seen: Vec<(&'static str, usize)> = Vec::new();
    let mut truncated = None;
    // Values are read from the parsed tree; only a value that fails is read again from the text, for the
    // position of its error. So a valid file is parsed once, whatever its size.
    for (i, item) in items.iter().enumerate() {
        if problems.len() - first_problem >= MAX_PROBLEMS {
            truncated = Some(at(&[Seg::Key("rules".into()), Seg::Index(i)]));
            break;
        }
        let mut problem = |line: usize, column: usize, message: String| {
            problems.push(Problem {
                file: file.name.clone(),
                line,
                column,
                message,
            })
        };
        let path = vec![Seg::Key("rules".into()), Seg::Index(i)];
        let sub = |key: &str| {
            let mut p = path.clone();
            p.push(Seg::Key(key.into()));
            p
        };
        let Value::Mapping(m) = item else {
            let (l, c) = at(&path);
            problem(
                l,
                c,
                format!(
                    "a rule entry must be a mapping with `code`, found {}",
                    kind_of(item)
                ),
            );
            continue;
        };
        for k in m.keys() {
            match k.as_str() {
                Some(key) if RULE_KEYS.contains(&key) => {}
                Some(key) => {
                    let (l, c) = key_at(&path, key);
                    problem(
                        l,
                        c,
                        format!(
                            "unknown key `{key}`; a rule entry has `code`, `enabled`, `severity` and `params`"
                        ),
                    );
                }
                None => {
                    let (l, c) = at(&path);
                    problem(l, c, format!("unexpected {} key in rule entry", kind_of(k)));
                }
            }
        }
        let info = match m.get("code") {
            None => {
                let (l, c) = at(&path);
                problem(l, c, "rule entry has no `code`".into());
                None
            }
            Some(node) => match yaml::from_value::<String>(node) {
                Err(_) => {
                    let e = positioned::<String>(text, &sub("code"));
                    let (l, c) = position(&e, at(&sub("code")));
                    problem(l, c, format!("`code`: {}", clean(&e.message)));
                    None
                }
                Ok(code) => match entry_rule(CODES, &code) {
                    Ok(info) => {
                        if let Some(&(_, first)) = seen.iter().find(|(s, _)| *s == info.code) {
                            let (l, c) = at(&sub("code"));
                            let mut first_path = path.clone();
                            first_path[1] = Seg::Index(first);
                            first_path.push(Seg::Key("code".into()));
                            let (first_line, _) = at(&first_path);
                            problem(
                                l,
                                c,
                                format!(
                                    "rule {} ({}) is configured twice in this file (first at line {first_line})",
                                    info.code, info.name
                                ),
                            );
                        }
                        seen.push((info.code, i));
                        Some(info)
                    }
                    Err(message) => {
                        let (l, c) = at(&sub("code"));
                        problem(l, c, message);
                        None
                    }
                },
            },
        };
        let enabled = match m.get("enabled") {
            None => None,
            Some(node) => match yaml::from_value::<bool>(node) {
                Ok(b) => Some(b),
                Err(_) => {
                    let e = positioned::<bool>(text, &sub("enabled"));
                    let (l, c) = position(&e, at(&sub("enabled")));
                    problem(l, c, format!("`enabled`: {}", clean(&e.message)));
                    None
                }
            },
        };
        let severity = match m.get("severity") {
            None => None,
            Some(node) => match yaml::from_value::<Severity>(node) {
                Ok(s) => Some(s),
                Err(_) => {
                    let e = positioned::<Severity>(text, &sub("severity"));
                    let (l, c) = position(&e, at(&sub("severity")));
                    problem(l, c, format!("`severity`: {}", clean(&e.message)));
                    None
                }
            },
        };
        let params = match (m.get("params"), info) {
            (None, _) | (_, None) => None,
            (Some(node), Some(info)) => {
                // Every unknown parameter is reported (serde would stop at the first one).
                let fields = info.param_fields();
                let mut unknown = false;
                if let Value::Mapping(pm) = node {
                    for key in pm.keys().filter_map(Value::as_str) {
                        if !fields.contains(&key) {
                            unknown = true;
                            let (l, c) = key_at(&sub("params"), key);
                            let expected = if fields.is_empty() {
                                "this rule has no parameters".to_string()
                            } else {
                                format!("expected one of `{}`", fields.join("`, `"))
                            };
                            problem(
                                l,
                                c,
                                format!(
                                    "`params` of {} ({}): unknown parameter `{key}`; {expected}",
                                    info.code, info.name
                                ),
                            );
                        }
                    }
                }
                let parsed = info.parse_params(node).map_err(|_| {
                    let params_path = sub("params");
                    info.parse_params_at(&yaml::At {
                        text,
                        path: &params_path,
                    })
                    .err()
                    .unwrap_or_else(|| unpositioned("invalid parameters"))
                });
                match parsed {
                    Ok(p) => Some(p),
                    Err(e) if unknown && e.message.contains("unknown field") => None,
                    Err(e) => {
                        let (l, c) = position(&e, at(&sub("params")));
                        problem(
                            l,
                            c,
                            format!(
                                "`params` of {} ({}): {}",
                                info.code,
                                info.name,
                                clean(&e.message)
                            ),
                        );
                        None
                    }
                }
            }
        };
        if let Some(info) = info {
            entries.push(Entry {
                info,
                enabled,
                severity,
                params,
            });
        }
    }
    // Report in reading order, whatever order the checks ran in.
    problems[first_problem..].sort_by_key(|p| (p.line, p.column));
    if let Some((line, column)) = truncated {
        problems.push(Problem {
            file: file.name.clone(),
            line,
            column,
            message: format!(
                "problems from this entry on are not listed (the first {MAX_PROBLEMS} are); fix those and run again"
            ),
        });
    }
    entries
}

/// The error, positioned, of reading the node at `path` of `text` as `T` (which failed on the tree).
fn positioned<T: serde::de::DeserializeOwned>(text: &str, path: &[Seg]) -> yaml::YamlError {
    yaml::from_str_at::<T>(text, path)
        .err()
        .unwrap_or_else(|| unpositioned("invalid value"))
}

fn unpositioned(message: &str) -> yaml::YamlError {
    yaml::YamlError {
        message: message.into(),
        line: None,
        column: None,
    }
}

/// `s` as a message quotes it: at most 60 characters.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The position of a typed error, or `fallback` when the parser did not give one.
fn position(e: &yaml::YamlError, fallback: (usize, usize)) -> (usize, usize) {
    match (e.line, e.column) {
        (Some(l), Some(c)) => (l, c),
        _ => fallback,
    }
}

/// A serde error message without serde_yaml's `path: ` prefix (the position already says where).
fn clean(message: &str) -> String {
    let m = message.trim();
    // serde_yaml prefixes the dotted path of the node (`rules[0].enabled: `).
    match m.split_once(": ") {
        Some((head, rest)) if !head.contains(' ') && (head.contains('.') || head.contains('[')) => {
            rest.to_string()
        }
        _ => m.to_string(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
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
            Err(ConfigError::Invalid { problems }) => {
                problems.iter().map(ToString::to_string).collect()
            }
            Err(e) => vec![e.to_string()],
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
        let cli = ConfigError::RetiredRule {
            option: "--select",
            value: "PR999".into(),
            retired,
        };
        assert_eq!(
            cli.to_string(),
            "--select PR999: rule PR999 (old-rule) is retired and never runs: merged into missing-date (PR002), which now reports it"
        );
    }
}
