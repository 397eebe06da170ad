//! The `pagerev` binary: parse arguments, run the library, map the outcome to an exit status
//! (0 clean, 1 findings or differences, 2 errors).

// No `unsafe` anywhere in pagerev: nothing input or a concurrent writer does can reach undefined
// behaviour in its own code (RELIABILITY.md).
#![forbid(unsafe_code)]

use clap::Parser;
use pagerev::report::control::escape;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = pagerev::cli::args::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = pagerev::cli::run(cli, &mut out).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        // A reader that went away (`pagerev parse big.txt | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            // A configuration error lists every problem, one `file:line:column: …` per line.
            use pagerev::rules::config::ConfigError;
            let listed = match e.downcast_ref() {
                Some(ConfigError::Invalid { problems }) => Some(("rule", problems)),
                Some(ConfigError::InvalidPage { problems }) => Some(("page", problems)),
                _ => None,
            };
            if let Some((what, problems)) = listed {
                // File names, keys and values in problems come from the files: escaped, so that none can
                // start a line of its own (a GitHub workflow command) or reach the terminal raw.
                for p in problems {
                    eprintln!("pagerev: error: {}", escape(&p.to_string()));
                }
                eprintln!(
                    "pagerev: error: invalid {what} configuration ({} problem{})",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" }
                );
                return ExitCode::from(2);
            }
            let message = format!("{e:#}").replace('\n', " ");
            eprintln!("pagerev: error: {}", escape(&message));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
