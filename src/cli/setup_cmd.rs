//! Setting pagerev up and looking at its setup: `pagerev config` (the rules a page is checked with, and
//! where each setting came from), `pagerev init` (a starter configuration and workflow), and the shell
//! completions and man page generated from the command line's own definition.

use super::args::{Cli, CompletionsArgs, ConfigArgs, InitArgs};
use super::settings::Settings;
use super::Outcome;
use anyhow::bail;
use clap::CommandFactory;
use std::io::Write;
use std::path::PathBuf;

/// `pagerev config [PAGE]`: every rule as the configuration layers resolve it for PAGE.
pub fn config(args: ConfigArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let rules = match &args.page {
        Some(page) => super::rule_config::load_rules_for(&args.rules, page)?,
        None => super::rule_config::load_rules(&args.rules)?,
    };
    // The layers, in the order they apply.
    let mut layers = vec!["rules/default.yaml (built in)".to_string()];
    if !args.rules.isolated {
        if let Some(project) = super::rule_config::project_config() {
            layers.push(super::input::display_name(&project));
        }
        if let Some(page) = &args.page {
            let settings = super::page_config::config_path_for(page);
            if settings.is_file() {
                layers.push(super::input::display_name(&settings));
            }
        }
    }
    layers.extend(
        args.rules
            .config
            .iter()
            .map(|p| super::input::display_name(p)),
    );
    writeln!(out, "# configuration layers, each over the one before:")?;
    for (i, l) in layers.iter().enumerate() {
        writeln!(out, "#   {}. {l}", i + 1)?;
    }
    if args.rules.isolated {
        writeln!(out, "#   (--isolated: pagerev.yaml and page.yaml not read)")?;
    }
    for r in rules.rules() {
        let state = if r.enabled { "on" } else { "off" };
        writeln!(
            out,
            "{} {}: {state} (from {}), {} (from {})",
            r.info.code, r.info.name, r.origin.enabled, r.severity, r.origin.severity
        )?;
        let params = format!("{:?}", r.params);
        // Rules without options (`MissingDate(Params)`) have nothing to show.
        if !params.ends_with("(Params)") {
            writeln!(out, "    params (from {}): {params}", r.origin.params)?;
        }
    }
    Ok(Outcome::Clean)
}

const STARTER_CONFIG: &str = "\
# pagerev's rule configuration for this repository, read by every pagerev command run in it or below
# it (`pagerev config` shows the result). Entries override the built-in rules (`pagerev rules` lists
# them, `pagerev explain CODE` documents one); a page's own `page.yaml` can override them again.
rules: []
# For example:
#   - code: PR003 # imprecise-date
#     severity: info
#   - code: PR008 # inconsistent-member-count
#     params:
#       timeline:            # the organisation's membership, if its pages state it
#         - count: 192
#         - since: 2018-11-20
#           count: 194
";

fn starter_workflow(under: &str) -> String {
    format!(
        "\
# Gate corpus drops with pagerev: on every pull request touching the pages, their reviewed state or the
# rule configuration, check each changed page against its previous revision (written by `pagerev init`).
name: pagerev
on:
  pull_request:
    paths:
      - \"{under}/**\"
      - \"snapshots/**\"
      - \"pagerev.yaml\"
permissions:
  contents: read
  security-events: write
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
        with:
          # The base branch is needed to find the pages the pull request changed.
          fetch-depth: 0
      - uses: pagerev/pagerev@main
        with:
          under: {under}
"
    )
}

/// `pagerev init [DIR]`: writes the starter files, or nothing at all when one of them exists.
pub fn init(settings: &Settings, args: InitArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if !args.dir.is_dir() {
        bail!(
            "{}: no such folder; give the repository's root folder",
            super::input::display_name(&args.dir)
        );
    }
    let files: Vec<(PathBuf, String)> = vec![
        (args.dir.join("pagerev.yaml"), STARTER_CONFIG.to_string()),
        (
            args.dir.join("snapshots/README.md"),
            "The reviewed state of each page, written by `pagerev accept`, `pagerev review` and \
`pagerev baseline write`: commit it.\n"
                .to_string(),
        ),
        (
            args.dir.join(".github/workflows/pagerev.yml"),
            starter_workflow(&args.under),
        ),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| super::input::display_name(p))
        .collect();
    if !existing.is_empty() {
        bail!(
            "{} already exist{}: nothing written (remove {} to start again)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
            if existing.len() == 1 { "it" } else { "them" }
        );
    }
    for (path, text) in &files {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| pagerev::error::FileError::from_io(folder, e))?;
        }
        settings.write_atomic(path, text.as_bytes())?;
        writeln!(out, "wrote {}", super::input::display_name(path))?;
    }
    writeln!(
        out,
        "next: put each page's revisions in `{}/<page>/`, then run `pagerev check {}` and accept what it finds \
(`pagerev baseline write`, `pagerev accept`)",
        args.under, args.under
    )?;
    Ok(Outcome::Clean)
}

/// `pagerev completions SHELL`.
pub fn completions(args: CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "pagerev", out);
    Ok(Outcome::Clean)
}

/// `pagerev man`.
pub fn man(out: &mut dyn Write) -> anyhow::Result<Outcome> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Outcome::Clean)
}
