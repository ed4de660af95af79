//! The `factdiff` binary: parses arguments, runs the library, prints, and maps the outcome to an exit
//! code (0 clean, 1 findings at or above `--fail-on`, 2 usage, rules or input errors). The whole report
//! is known before its first byte is written, so a closed pipe (`factdiff check | head`) changes
//! nothing but the output: no message, no panic, and the exit code the run gives, whether the reader
//! closed before or after the write. Standard error never carries a raw control character
//! ([`factdiff::error::printable`]).

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: extraction makes millions of small short-lived
/// allocations, and glibc's per-thread arenas held about three times the live heap as resident memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match factdiff::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    factdiff::baseline::install_interrupt_cleanup();
    let outcome = factdiff::app::run(cli);
    for message in &outcome.stderr {
        // Messages are built from file names and file contents: whatever slipped through unescaped,
        // no control character reaches the terminal or CI log, and only our own line breaks remain.
        for line in message.split('\n') {
            eprintln!("{}", factdiff::error::printable(line));
        }
    }
    let mut out = std::io::stdout().lock();
    match out
        .write_all(outcome.stdout.as_bytes())
        .and_then(|_| out.flush())
    {
        Ok(()) => ExitCode::from(outcome.code),
        // The reader stopped reading (`| head -1`): its choice, not an error. The exit code stays the
        // run's, so that it never depends on whether the output fitted in the pipe before the
        // reader closed it.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(outcome.code),
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
