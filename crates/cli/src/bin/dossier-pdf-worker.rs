//! `dossier-pdf-worker`: the process `dossier` (and the desktop app) start for every PDF,
//! so that a parser that panics, loops or eats memory takes down this process only (see
//! `dossier_pdf::worker`).
//!
//! It is a binary of this package, not of `dossier-pdf`, so that `cargo install --path
//! crates/cli` installs it beside `dossier`, where `dossier_extract::pdf::locate_worker`
//! finds it.

fn main() -> std::process::ExitCode {
    dossier_pdf::worker::main()
}
