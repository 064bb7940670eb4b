//! Diagnostics on stderr: `tracing` events filtered by `RUST_LOG` (default `warn`), or by
//! `--verbose` (`-v` info, `-vv` debug, `-vvv` trace), which wins over `RUST_LOG`. Records of
//! the `log` crate (tantivy's, among others) arrive through the same subscriber. Stdout is
//! left alone: it carries the command's output (one JSON value with `--json`).

use tracing_subscriber::EnvFilter;

/// The filter when neither `--verbose` nor `RUST_LOG` says otherwise.
pub const DEFAULT_FILTER: &str = "warn";

/// Starts logging to stderr for this run; a bad `RUST_LOG` is reported and the default used.
pub fn init(verbose: u8) {
    let filter = match verbose {
        0 => match std::env::var("RUST_LOG") {
            Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec).unwrap_or_else(|e| {
                eprintln!(
                    "dossier: RUST_LOG={spec:?} is not a valid filter ({e}); using {DEFAULT_FILTER}"
                );
                EnvFilter::new(DEFAULT_FILTER)
            }),
            _ => EnvFilter::new(DEFAULT_FILTER),
        },
        1 => EnvFilter::new("info"),
        2 => EnvFilter::new("debug"),
        _ => EnvFilter::new("trace"),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
