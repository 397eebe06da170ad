//! The rules a command runs, as the command line configures them: the embedded defaults, the `--config`
//! files (read here: only the CLI touches the filesystem) and the `--select`/`--ignore`/`--severity`
//! overrides; and today's date, the one fact about the run that rules need.

use super::args::RuleArgs;
use super::input::display_name;
use crate::error::FileError;
use crate::rules::config::{ConfigError, ConfigFile, Problem, RuleSet};
use std::path::PathBuf;

/// The rule set `args` configure (built-in defaults, `--config` files, overrides).
pub fn load_rules(args: &RuleArgs) -> anyhow::Result<RuleSet> {
    let mut rules = RuleSet::load(&read_configs(&args.config)?)?;
    rules.apply_overrides(&args.select, &args.ignore, &args.severity)?;
    Ok(rules)
}

/// Today's date (UTC), for `future-date`.
pub fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or(epoch)
}

/// Reads the `--config` files: each path a YAML file or a folder of `*.yaml`/`*.yml` files (sorted).
fn read_configs(paths: &[PathBuf]) -> anyhow::Result<Vec<ConfigFile>> {
    let mut files = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| FileError::from_io(path, e))?;
        let list = if meta.is_dir() {
            let list = super::walk::files_in(path, 1, |p| {
                p.extension().is_some_and(|x| x == "yaml" || x == "yml")
            })?;
            if list.is_empty() {
                anyhow::bail!(
                    "{}: no `.yaml` or `.yml` files in this folder",
                    display_name(path)
                );
            }
            list
        } else {
            vec![path.clone()]
        };
        for p in list {
            let bytes = super::input::read_config_file(&p)?;
            match ConfigFile::from_bytes(display_name(&p), bytes) {
                Ok(f) => files.push(f),
                Err(problem) => problems.push(problem),
            }
        }
    }
    if !problems.is_empty() {
        return Err(ConfigError::Invalid { problems }.into());
    }
    Ok(files)
}
