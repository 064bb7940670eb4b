//! A fuzzing run: for each target, its seeds as they are, then mutated inputs until its
//! share of the time is spent; every new kind of failure is shrunk, saved and reported.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::mutate::{Mutator, Rng};
use crate::seeds;
use crate::supervisor::{Finding, Outcome, Supervised};
use crate::targets::{Limits, Target};

/// The file in a fixtures folder listing fixtures that still fail, one `target/name` a line,
/// while the fix is being made elsewhere; `#` starts a comment.
pub const KNOWN_OPEN: &str = "known-open.txt";

/// How long and how hard to shrink one finding.
const SHRINK_TIME: Duration = Duration::from_secs(10);
const SHRINK_RUNS: usize = 400;

/// What a run needs.
#[derive(Clone)]
pub struct Options {
    /// This program (children are started from it).
    pub exe: PathBuf,
    /// The targets, in order.
    pub targets: Vec<&'static Target>,
    /// The time for all targets together, shared equally.
    pub total: Duration,
    /// The PRNG seed.
    pub seed: u64,
    /// The shared corpus, if present.
    pub corpus: Option<PathBuf>,
    /// The regression fixtures (seeds, and the known-open list).
    pub fixtures: PathBuf,
    /// Where findings are saved.
    pub out: PathBuf,
    /// Hang and memory limits.
    pub limits: Limits,
    /// The stack the inputs run on, in KiB.
    pub stack_kb: usize,
}

/// One saved finding.
#[derive(Debug, Clone)]
pub struct Saved {
    /// What was found (of the shrunk input).
    pub finding: Finding,
    /// The input, saved.
    pub path: PathBuf,
    /// Whether it is not one of the known-open fixtures.
    pub new: bool,
    /// How many inputs hit it in this run.
    pub hits: u64,
}

/// How one target did.
#[derive(Debug, Clone, Default)]
pub struct TargetReport {
    /// The target.
    pub name: String,
    /// Inputs run (seeds and mutations; not the shrinking runs).
    pub execs: u64,
    /// Time spent on those inputs.
    pub elapsed: Duration,
    /// Failures the design contains (PDF parser panics caught in the worker).
    pub contained: u64,
    /// Child processes started.
    pub starts: u64,
    /// The longest any one input took (a hint of inputs that are slow but under the limit).
    pub slowest: Duration,
    /// Distinct findings.
    pub findings: Vec<Saved>,
    /// Why the target could not run, if it could not.
    pub error: Option<String>,
}

impl TargetReport {
    /// Inputs per second.
    pub fn rate(&self) -> f64 {
        self.execs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Signatures of the fixtures listed as known-open in `fixtures`, read from the
/// `.finding` notes saved beside them.
pub fn known_open(fixtures: &Path) -> BTreeMap<String, String> {
    let mut known = BTreeMap::new();
    for entry in known_open_entries(fixtures) {
        let note = fixtures.join(format!("{entry}.finding"));
        if let Some(sig) = std::fs::read_to_string(&note)
            .ok()
            .and_then(|t| field(&t, "signature"))
        {
            known.insert(sig, entry);
        }
    }
    known
}

/// The entries of the known-open list (`target/name`).
pub fn known_open_entries(fixtures: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(fixtures.join(KNOWN_OPEN))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn field(note: &str, name: &str) -> Option<String> {
    note.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .map(str::to_owned)
}

/// Runs every target for its share of the time and saves what it finds.
pub fn run(options: &Options, mut progress: impl FnMut(&TargetReport)) -> Vec<TargetReport> {
    let share = options.total / options.targets.len().max(1) as u32;
    let known = known_open(&options.fixtures);
    let mut reports = Vec::new();
    for target in &options.targets {
        let report = run_target(options, target, share, &known);
        progress(&report);
        reports.push(report);
    }
    reports
}

fn run_target(
    options: &Options,
    target: &'static Target,
    budget: Duration,
    known: &BTreeMap<String, String>,
) -> TargetReport {
    let mut report = TargetReport {
        name: target.name.to_owned(),
        ..TargetReport::default()
    };
    let (replayed, mut seeds) = seeds::load(
        target,
        options.corpus.as_deref(),
        &options.fixtures,
        &known_open_entries(&options.fixtures),
    );
    if seeds.is_empty() {
        seeds.push(Vec::new());
    }
    let mutator = Mutator {
        seeds: &seeds,
        tokens: target.tokens,
    };
    // Each target's sequence depends on the seed and its name only, not on which other
    // targets ran before it.
    let mut rng = Rng::new(options.seed ^ fnv1a(target.name.as_bytes()));
    let mut child = Supervised::new(&options.exe, target, options.limits, options.stack_kb);
    let mut by_signature: BTreeMap<String, usize> = BTreeMap::new();
    let start = Instant::now();
    let deadline = start + budget;
    let mut shrinking = Duration::ZERO;
    let mut next_seed = 0;
    let mut slowest_input = Vec::new();
    while Instant::now() < deadline {
        // The fixtures as they are first (they are regression tests), then mutations.
        let input = if next_seed < replayed {
            next_seed += 1;
            seeds[next_seed - 1].clone()
        } else {
            mutator.next_input(&mut rng)
        };
        let began = Instant::now();
        let outcome = match child.run(&input) {
            Ok(o) => {
                if began.elapsed() > report.slowest {
                    report.slowest = began.elapsed();
                    slowest_input.clone_from(&input);
                }
                o
            }
            Err(e) => {
                report.error = Some(e);
                break;
            }
        };
        report.execs += 1;
        match outcome {
            Outcome::Fine => {}
            Outcome::Contained(_) => report.contained += 1,
            Outcome::Found(finding) => {
                let sig = finding.signature();
                if let Some(&i) = by_signature.get(&sig) {
                    report.findings[i].hits += 1;
                    continue;
                }
                let began = Instant::now();
                let (input, finding) = shrink(&mut child, input, finding);
                shrinking += began.elapsed();
                let path = save(&options.out, &finding, &input, options.seed)
                    .unwrap_or_else(|e| PathBuf::from(format!("(not saved: {e})")));
                by_signature.insert(sig.clone(), report.findings.len());
                report.findings.push(Saved {
                    new: !known.contains_key(&sig),
                    finding,
                    path,
                    hits: 1,
                });
            }
        }
    }
    report.elapsed = start.elapsed().saturating_sub(shrinking);
    report.starts = child.starts;
    // Kept beside the findings, so that an input slow but under the limit can be looked at.
    let dir = options.out.join(target.name);
    let _ = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("slowest"), &slowest_input));
    report
}

/// Makes a failing input smaller while it fails the same way: removes chunks, halving
/// their size, within [`SHRINK_TIME`] and [`SHRINK_RUNS`]. Hangs are kept as they are
/// (each try would cost the whole hang limit).
fn shrink(child: &mut Supervised, input: Vec<u8>, finding: Finding) -> (Vec<u8>, Finding) {
    if finding.kind == "hang" {
        return (input, finding);
    }
    let sig = finding.signature();
    let began = Instant::now();
    let mut best = input;
    let mut best_finding = finding;
    let mut runs = 0;
    let mut chunk = best.len() / 2;
    while chunk > 0 && runs < SHRINK_RUNS && began.elapsed() < SHRINK_TIME {
        let mut at = 0;
        let mut removed_any = false;
        while at < best.len() && runs < SHRINK_RUNS && began.elapsed() < SHRINK_TIME {
            let end = (at + chunk).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            runs += 1;
            match child.run(&candidate) {
                Ok(Outcome::Found(f)) if f.signature() == sig => {
                    best = candidate;
                    best_finding = f;
                    removed_any = true;
                }
                _ => at += chunk,
            }
        }
        if !removed_any {
            chunk /= 2;
        }
    }
    (best, best_finding)
}

/// Saves the input as `OUT/TARGET/KIND-HASH` with a `.finding` note beside it; the hash is
/// of the signature, so the same bug found again overwrites its own file.
fn save(out: &Path, finding: &Finding, input: &[u8], seed: u64) -> std::io::Result<PathBuf> {
    let dir = out.join(&finding.target);
    std::fs::create_dir_all(&dir).map_err(|e| annotate(&dir, e))?;
    let sig = finding.signature();
    let path = dir.join(format!("{}-{:016x}", finding.kind, fnv1a(sig.as_bytes())));
    std::fs::write(&path, input).map_err(|e| annotate(&path, e))?;
    let note = format!(
        "target: {}\nkind: {}\nsignature: {}\nmessage: {}\nbytes: {}\nseed: {}\nreplay: dossier-fuzz replay {}\n",
        finding.target,
        finding.kind,
        sig,
        finding.message.replace('\n', " | "),
        input.len(),
        seed,
        path.display()
    );
    let note_path = path.with_file_name(format!(
        "{}-{:016x}.finding",
        finding.kind,
        fnv1a(sig.as_bytes())
    ));
    std::fs::write(&note_path, note).map_err(|e| annotate(&note_path, e))?;
    Ok(path)
}

fn annotate(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// FNV-1a, 64 bits: stable names for findings and per-target PRNG streams.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
