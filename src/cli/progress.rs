//! A progress bar on standard error for work that takes more than a second — only on a terminal (never in
//! CI logs or pipes) and cleared when the work ends, so reports on standard output are unaffected.

use super::settings::Settings;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

/// How long work runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);

/// Progress of one command.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `total` steps (`None`: a spinner), labelled `what`; drawn after [`DELAY`] when the
    /// settings allow progress bars (a terminal, not CI).
    pub fn new(settings: &Settings, total: Option<u64>, what: &str) -> Progress {
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::hidden())
                .with_style(
                    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_message(what.to_string());
        if settings.progress {
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar }
    }

    /// One step done.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Changes the label (the current file or phase).
    pub fn set_message(&self, what: &str) {
        // File names reach the terminal: their control characters are shown, not obeyed.
        self.bar
            .set_message(pagerev::report::control::escape(what).into_owned());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
