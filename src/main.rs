//! The `pagerev` binary: parse arguments, run the library, map the outcome to an exit status
//! (0 clean, 1 findings or differences, 2 errors).

// No `unsafe` anywhere in pagerev: nothing input or a concurrent writer does can reach undefined
// behaviour in its own code (RELIABILITY.md).
#![forbid(unsafe_code)]

mod cli;

use clap::Parser;
use pagerev::report::control::escape;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The environment is read here, once; what it means reaches commands through `Settings`.
    let env = cli::settings::Env::read();
    let cli = match cli::args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e, &env),
    };
    let settings = cli::settings::Settings::resolve(&cli, &env);
    let stdout = std::io::stdout();
    let mut out = Stdout {
        inner: std::io::BufWriter::new(stdout.lock()),
        failed: false,
    };
    let result = cli::run(&settings, cli.command, &mut out).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        // A reader that went away (`pagerev parse big.txt | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        // Any other failure to write the report (`> /dev/full`) is one, and says so (as ripgrep does).
        Err(e) if out.failed => {
            eprintln!(
                "pagerev: error: cannot write to standard output: {}",
                escape(&format!("{e:#}").replace('\n', " "))
            );
            ExitCode::from(2)
        }
        Err(e) => {
            let _ = out.flush();
            // A configuration error lists every problem, one `file:line:column: …` per line (the command
            // line's without a place), then how many there are.
            if let Some(e) = e.downcast_ref::<pagerev::rules::config::ConfigError>() {
                let problems = e.problems();
                // File names, keys and values in problems come from the files: escaped, so that none can
                // start a line of its own (a GitHub workflow command) or reach the terminal raw.
                for d in &problems.diagnostics {
                    eprintln!("pagerev: error: {}", escape(&pagerev::report::one_line(d)));
                }
                // A lone problem of the command line says all there is to say.
                let in_files = problems.diagnostics.iter().any(|d| !d.file.is_empty());
                if in_files || problems.diagnostics.len() > 1 {
                    eprintln!("pagerev: error: {}", problems.summary());
                }
                return ExitCode::from(2);
            }
            let message = format!("{e:#}").replace('\n', " ");
            eprintln!("pagerev: error: {}", escape(&message));
            ExitCode::from(2)
        }
    }
}

/// Standard output, remembering whether a write to it failed (so the error can say where it happened).
struct Stdout<W: Write> {
    inner: W,
    failed: bool,
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|_| self.failed = true)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

/// `--help`, `--version` and usage errors. clap prints help and exits 0 even when the print fails
/// (`--help > /dev/full`); here a failed write is exit 2 with a message, and a closed pipe exit 0.
fn clap_exit(e: clap::Error, env: &cli::settings::Env) -> ExitCode {
    use clap::error::ErrorKind;
    if !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // A usage error: clap's message on stderr, exit 2.
        let _ = e.print();
        return ExitCode::from(2);
    }
    use std::io::IsTerminal;
    let mut out = std::io::stdout().lock();
    let styled = e.render();
    let text = if out.is_terminal() && !env.no_color {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(io) => {
            eprintln!("pagerev: error: cannot write to standard output: {io}");
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
