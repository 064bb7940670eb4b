//! `dossier-fuzz`: a seeded mutation fuzzer that runs on stable Rust.
//!
//! cargo-fuzz needs a nightly compiler for its coverage instrumentation; this runner needs
//! none. It takes real files from the shared corpus as seeds (per target, by folder and
//! extension) plus every regression fixture, mutates them with a seeded PRNG
//! ([`mutate`]), and runs them through each target ([`targets`]): every extractor the
//! registry ships, the streamed mbox container, the PDF extractor through its real worker
//! process, and the search query parser.
//!
//! Every input runs in a supervised child process ([`child`], [`supervisor`]) that runs
//! many inputs in a row, so that a panic (caught, with its message and location), an
//! abort (a stack overflow, a signal), a hang (no answer within the hang limit: the child is
//! killed) and memory over the limit (RLIMIT_AS on the child: the failed allocation aborts
//! it) are all seen; the child is restarted and the run goes on. A new finding is shrunk,
//! saved with a `.finding` note ([`run`]), and becomes a fixture under
//! `tests/fuzz-regressions/<target>/`, which `cargo test` replays ([`replay`]).
//!
//! Glossary: a *target* is one thing fuzzed; a *seed* an input mutations start from; an
//! *exec* one input run; a *signature* what makes two findings the same bug (target, kind
//! and panic location).

pub mod child;
pub mod mutate;
pub mod replay;
pub mod run;
pub mod seeds;
pub mod supervisor;
pub mod targets;

/// Rust's default stack for spawned threads, which ingest's workers and the server's
/// threads run on: a recursion must fit in it to be safe in the app.
pub const DEFAULT_STACK_KB: usize = 2048;
