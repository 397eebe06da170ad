//! `pagerev rules` (the codes table) and `pagerev explain CODE|NAME` (one rule's documentation).

use super::args::ExplainArgs;
use super::Outcome;
use pagerev::rules::{self, Code};
use std::io::Write;

/// Lists every rule: code, name, default severity (or `off`), summary.
pub fn list(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let width = rules::active().map(|r| r.name.len()).max().unwrap_or(0);
    for r in rules::active() {
        let severity = if r.default_enabled {
            r.default_severity.as_str().to_string()
        } else {
            format!("off ({})", r.default_severity)
        };
        writeln!(
            out,
            "{}  {:width$}  {:13}  {}",
            r.code,
            r.name,
            severity,
            r.summary()
        )?;
    }
    Ok(Outcome::Clean)
}

/// Prints a rule's documentation.
pub fn explain(args: ExplainArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let r = match rules::find(&args.rule) {
        Some(Code::Active(r)) => r,
        Some(Code::Retired(r)) => anyhow::bail!(
            "{} ({}) is a retired code: {}; it never runs",
            r.code,
            r.name,
            r.reason
        ),
        None => anyhow::bail!(
            "no rule has the code or name `{}`; `pagerev rules` lists them",
            args.rule
        ),
    };
    let state = if r.default_enabled {
        format!("on by default, {}", r.default_severity)
    } else {
        format!("off by default ({} when enabled)", r.default_severity)
    };
    writeln!(out, "# {} ({}): {state}\n", r.name, r.code)?;
    write!(out, "{}", r.doc())?;
    Ok(Outcome::Clean)
}
