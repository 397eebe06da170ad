//! What a run of pagerev shares, resolved once when it starts (ripgrep's way: raw arguments in
//! [`super::args`], resolved settings here): whether standard output gets colour, whether progress
//! bars may be drawn, today's date, and the environment. Environment variables are read in
//! [`Env::read`] and nowhere else; commands see their effect through [`Settings`].

use super::args::Cli;
use std::io::IsTerminal;
use std::path::Path;

/// The environment variables pagerev reads, read once when it starts.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `CI` is set: a CI log, where progress bars are noise.
    pub ci: bool,
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// The test hook [`FAIL_BEFORE_RENAME_ENV`] is set.
    pub fail_before_rename: bool,
}

/// Test hook: when this variable is set, atomic writes fail after the temporary file is written and
/// before the rename, as if the process had been killed there. Used by the end-to-end tests; never set
/// it otherwise.
pub const FAIL_BEFORE_RENAME_ENV: &str = "PAGEREV_TEST_FAIL_BEFORE_RENAME";

impl Env {
    /// Reads the process's environment.
    pub fn read() -> Env {
        Env {
            ci: std::env::var_os("CI").is_some(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            fail_before_rename: std::env::var_os(FAIL_BEFORE_RENAME_ENV).is_some(),
        }
    }
}

/// The settings every command runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Colour in text written to standard output: `--color`, and for `auto` what anstream decides
    /// (`NO_COLOR`, `CLICOLOR(_FORCE)`, `TERM=dumb`, whether standard output is a terminal).
    pub color: bool,
    /// Progress bars may be drawn: standard error is a terminal and this is not a CI run.
    pub progress: bool,
    /// Today's date (UTC), for `future-date`.
    pub today: chrono::NaiveDate,
    /// Atomic writes fail before their rename (the test hook of [`Env::fail_before_rename`]).
    pub fail_before_rename: bool,
}

impl Settings {
    /// The settings of the command line `cli` in the environment `env`.
    pub fn resolve(cli: &Cli, env: &Env) -> Settings {
        Settings {
            color: cli.color.enabled(),
            progress: std::io::stderr().is_terminal() && !env.ci,
            today: today(),
            fail_before_rename: env.fail_before_rename,
        }
    }

    /// Replaces `path` with `bytes` atomically (see [`super::atomic`]).
    pub fn write_atomic(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        super::atomic::write_atomic_with(path, bytes, || {
            if self.fail_before_rename {
                anyhow::bail!(
                    "{}: write interrupted before rename ({FAIL_BEFORE_RENAME_ENV} is set)",
                    path.display()
                );
            }
            Ok(())
        })
    }

    /// Settings for tests of commands: no colour, no progress, a fixed day.
    #[cfg(test)]
    pub fn for_tests() -> Settings {
        Settings {
            color: false,
            progress: false,
            today: chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default(),
            fail_before_rename: false,
        }
    }
}

/// Today's date (UTC).
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or(epoch)
}
