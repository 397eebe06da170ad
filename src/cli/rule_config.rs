//! The rules a command runs, as the project and the command line configure them, each layer over the
//! one before: the embedded `rules/default.yaml`; the project's `pagerev.yaml` (found by walking up from
//! the working directory to the repository root, as ruff and cargo find theirs); the page's own
//! `page.yaml` `rules:` section; the `--config` files; the `--select`/`--ignore`/`--severity` overrides.
//! Files are read here: only the CLI touches the filesystem.

use super::args::RuleArgs;
use super::input::display_name;
use pagerev::error::FileError;
use pagerev::rules::config::{ConfigError, ConfigFile, Overrides, Problems, RuleSet};
use std::path::{Path, PathBuf};

/// The name of the project's configuration file.
pub const PROJECT_CONFIG: &str = "pagerev.yaml";

/// The rule set `args` configure for commands that are not about one page (built-in defaults,
/// `pagerev.yaml`, `--config` files, overrides).
pub fn load_rules(args: &RuleArgs) -> anyhow::Result<RuleSet> {
    load_rules_with(args, None)
}

/// The rule set for the page `page` (a revision, `REV:path`, or a folder of revisions): as
/// [`load_rules`], with the page's `page.yaml` `rules:` section between `pagerev.yaml` and `--config`.
pub fn load_rules_for(args: &RuleArgs, page: &Path) -> anyhow::Result<RuleSet> {
    let page_config = super::page_config::config_path_for(page);
    load_rules_with(args, Some(&page_config).filter(|p| p.is_file()))
}

/// The rule set for `page`: `base` (from [`load_rules`]) when the page has no `page.yaml`, so a run over
/// many pages reads the project's configuration once; the page's own set when it has one.
pub fn rules_for<'r>(
    base: &'r RuleSet,
    args: &RuleArgs,
    page: &Path,
) -> anyhow::Result<std::borrow::Cow<'r, RuleSet>> {
    if args.isolated || !super::page_config::config_path_for(page).is_file() {
        return Ok(std::borrow::Cow::Borrowed(base));
    }
    Ok(std::borrow::Cow::Owned(load_rules_for(args, page)?))
}

/// The command-line overrides of `args`.
pub fn overrides(args: &RuleArgs) -> Overrides {
    Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        severity: args.severity.clone(),
    }
}

/// Every layer read, then validated together with the overrides: the problems of all the files and of
/// the command line are one [`ConfigError`].
fn load_rules_with(args: &RuleArgs, page_config: Option<&PathBuf>) -> anyhow::Result<RuleSet> {
    let mut files = Vec::new();
    let mut problems = Problems::new("rule");
    if !args.isolated {
        if let Some(project) = project_config() {
            files.extend(read_configs(std::slice::from_ref(&project), &mut problems)?);
        }
        if let Some(page) = page_config {
            for mut f in read_configs(std::slice::from_ref(page), &mut problems)? {
                f.page = true;
                files.push(f);
            }
        }
    }
    files.extend(read_configs(&args.config, &mut problems)?);
    match RuleSet::load_with(&files, &overrides(args)) {
        Ok(rules) if problems.is_empty() => Ok(rules),
        Ok(_) => Err(ConfigError::Invalid(problems).into()),
        Err(ConfigError::Invalid(more)) => {
            problems.merge(more);
            Err(ConfigError::Invalid(problems).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The project's `pagerev.yaml`: in the working directory, or the nearest folder above it, looking no
/// higher than the repository root (the folder holding `.git`).
pub fn project_config() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    for dir in cwd.ancestors() {
        let candidate = dir.join(PROJECT_CONFIG);
        if candidate.is_file() {
            // Named as the user would type it: relative when it is in the working directory.
            return Some(if dir == cwd {
                PathBuf::from(PROJECT_CONFIG)
            } else {
                candidate
            });
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads the `--config` files: each path a YAML file or a folder of `*.yaml`/`*.yml` files (sorted). A
/// file that is not text is a problem added to `problems`; one that cannot be read stops here.
fn read_configs(paths: &[PathBuf], problems: &mut Problems) -> anyhow::Result<Vec<ConfigFile>> {
    let mut files = Vec::new();
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
                Err(p) => problems.merge(p),
            }
        }
    }
    Ok(files)
}
