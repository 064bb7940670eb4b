//! `dossier-fuzz`: see the library's documentation.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use dossier_fuzz::targets::{Limits, TARGETS, Target};
use dossier_fuzz::{DEFAULT_STACK_KB, replay, run};

#[derive(Parser)]
#[command(
    name = "dossier-fuzz",
    about = "Seeded mutation fuzzing of Dossier's extractors and query parser"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone, Copy)]
struct LimitArgs {
    /// Seconds one input may take before it counts as a hang (generous: a loaded 2-core
    /// machine runs a debug build).
    #[arg(long, default_value_t = 10.0)]
    hang_secs: f64,
    /// Address space the child process (and the PDF worker) may use, in MiB.
    #[arg(long, default_value_t = 2048)]
    memory_mb: u64,
    /// Stack of the thread inputs run on, in KiB (Rust's default for spawned threads,
    /// which the app's workers use).
    #[arg(long, default_value_t = DEFAULT_STACK_KB)]
    stack_kb: usize,
}

impl LimitArgs {
    fn limits(self) -> Limits {
        Limits {
            hang: Duration::from_secs_f64(self.hang_secs.max(0.1)),
            memory_mb: self.memory_mb,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Fuzz targets for a time; exit 1 when something new was found.
    Run {
        /// A target (text, email, maildir, mbox, outlook-msg, outlook-pst, html, pdf, query), a comma-separated list, or `all`.
        #[arg(long, default_value = "all")]
        target: String,
        /// Seconds for all targets together, shared equally.
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// PRNG seed: the same seed tries the same inputs in the same order.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The shared corpus (default: ../shared/corpus beside the checkout, or DOSSIER_CORPUS).
        #[arg(long)]
        corpus: Option<PathBuf>,
        /// Regression fixtures, used as seeds (default: tests/fuzz-regressions in the checkout).
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// Where findings are saved, one folder per target.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run saved inputs again (a fixtures folder, a target's folder, or one file); exit 1
    /// if any still fails.
    Replay {
        /// The folder or file.
        path: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Internal: the child process that runs one target's inputs from stdin.
    #[command(hide = true)]
    Child {
        target: String,
        #[arg(long)]
        hang_ms: u64,
        #[arg(long)]
        memory_mb: u64,
        #[arg(long)]
        stack_kb: usize,
        #[arg(long)]
        scratch: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Child {
            target,
            hang_ms,
            memory_mb,
            stack_kb,
            scratch,
        } => {
            let Some(t) = Target::named(&target) else {
                eprintln!("dossier-fuzz child: no target {target:?}");
                return ExitCode::from(2);
            };
            let limits = Limits {
                hang: Duration::from_millis(hang_ms),
                memory_mb,
            };
            match dossier_fuzz::child::serve(t, limits, stack_kb, &scratch) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("dossier-fuzz child {target}: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Run {
            target,
            seconds,
            seed,
            corpus,
            fixtures,
            out,
            limits,
        } => run_command(&target, seconds, seed, corpus, fixtures, out, limits),
        Command::Replay { path, limits } => {
            let path = path.unwrap_or_else(default_fixtures);
            let Some(exe) = this_program() else {
                return ExitCode::from(2);
            };
            let report = replay::replay(&exe, &path, limits.limits(), limits.stack_kb);
            println!("{} inputs pass", report.passed.len());
            for (file, f) in &report.failed {
                println!(
                    "FAILS {}: {} {}: {}",
                    file.display(),
                    f.target,
                    f.kind,
                    f.message
                );
            }
            for (file, f) in &report.still_open {
                println!(
                    "known open, still fails {}: {} {}",
                    file.display(),
                    f.kind,
                    f.message
                );
            }
            for file in &report.now_fixed {
                println!("FIXED {}: remove it from known-open.txt", file.display());
            }
            for e in &report.not_run {
                println!("NOT RUN: {e}");
            }
            if report.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn default_fixtures() -> PathBuf {
    dossier_tests::repo_root().join("tests/fuzz-regressions")
}

fn this_program() -> Option<PathBuf> {
    match std::env::current_exe() {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("dossier-fuzz: cannot find its own program to start children: {e}");
            None
        }
    }
}

fn run_command(
    target: &str,
    seconds: f64,
    seed: u64,
    corpus: Option<PathBuf>,
    fixtures: Option<PathBuf>,
    out: Option<PathBuf>,
    limits: LimitArgs,
) -> ExitCode {
    let targets: Vec<&'static Target> = if target == "all" {
        TARGETS.iter().filter(|t| t.in_all()).collect()
    } else {
        let mut picked = Vec::new();
        for name in target.split(',') {
            match Target::named(name.trim()) {
                Some(t) => picked.push(t),
                None => {
                    let names: Vec<&str> = TARGETS
                        .iter()
                        .filter(|t| t.in_all())
                        .map(|t| t.name)
                        .collect();
                    eprintln!(
                        "dossier-fuzz: no target {name:?}; targets: {}, or all",
                        names.join(", ")
                    );
                    return ExitCode::from(2);
                }
            }
        }
        picked
    };
    let Some(exe) = this_program() else {
        return ExitCode::from(2);
    };
    let corpus = corpus.or_else(dossier_tests::corpus);
    if corpus.is_none() {
        eprintln!(
            "dossier-fuzz: no corpus (set --corpus or DOSSIER_CORPUS): seeds are the fixtures and built-in queries only"
        );
    }
    let out = out.unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir)
            .join("fuzz-findings")
    });
    let options = run::Options {
        exe,
        targets,
        total: Duration::from_secs_f64(seconds.max(0.0)),
        seed,
        corpus,
        fixtures: fixtures.unwrap_or_else(default_fixtures),
        out: out.clone(),
        limits: limits.limits(),
        stack_kb: limits.stack_kb,
    };
    println!(
        "dossier-fuzz: seed {seed}, {:.0} s over {} target(s), hang limit {} s, memory {} MiB, findings in {}",
        seconds,
        options.targets.len(),
        limits.hang_secs,
        limits.memory_mb,
        out.display()
    );
    println!(
        "{:<9} {:>8} {:>9} {:>9} {:>9} {:>8} {:>9}",
        "target", "execs", "execs/s", "findings", "contained", "restarts", "slowest"
    );
    let reports = run::run(&options, |r| {
        println!(
            "{:<9} {:>8} {:>9.1} {:>9} {:>9} {:>8} {:>8.2}s",
            r.name,
            r.execs,
            r.rate(),
            r.findings.len(),
            r.contained,
            r.starts.saturating_sub(1),
            r.slowest.as_secs_f64()
        );
        if let Some(e) = &r.error {
            println!("          could not run: {e}");
        }
    });
    let mut new = 0;
    let mut broken = 0;
    for r in &reports {
        broken += usize::from(r.error.is_some());
        for s in &r.findings {
            new += usize::from(s.new);
            println!(
                "{} {} {} (hit {} time(s)): {}\n    input: {}",
                if s.new { "NEW" } else { "known open" },
                s.finding.target,
                s.finding.kind,
                s.hits,
                s.finding.message,
                s.path.display()
            );
        }
    }
    if new > 0 {
        println!(
            "{new} new finding(s): copy each input and its .finding note into tests/fuzz-regressions/<target>/"
        );
        ExitCode::from(1)
    } else if broken > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
