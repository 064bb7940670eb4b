//! The desktop app's log: `tracing` events (and `log` records of the crates below, such as
//! tantivy's) appended to `dossier-desktop.log` in the app's log folder, filtered by
//! `RUST_LOG` (default `warn`). A window has no terminal a user would look at, so a file is
//! where an error that is not shown in the UI can still be found.

use std::path::Path;
use std::sync::Mutex;

/// The log file's name in the app's log folder.
pub const FILE_NAME: &str = "dossier-desktop.log";

/// Starts logging into `dir/dossier-desktop.log` (created if needed) and says where on
/// stderr; if the file cannot be opened, says why and logs to stderr instead.
pub fn to_file(dir: &Path) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let path = dir.join(FILE_NAME);
    let opened = std::fs::create_dir_all(dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
    });
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match opened {
        Ok(file) => {
            eprintln!("dossier-desktop: logging to {}", path.display());
            let _ = builder
                .with_ansi(false)
                .with_writer(Mutex::new(file))
                .try_init();
        }
        Err(e) => {
            eprintln!(
                "dossier-desktop: cannot open the log file {} ({e}); logging to stderr",
                path.display()
            );
            let _ = builder.with_writer(std::io::stderr).try_init();
        }
    }
}
