//! The sample matter `dossier demo` builds, embedded in the binary at build time
//! (`build.rs`), so that the command works wherever `dossier` is installed.
//!
//! Ingest records where each document came from, so the samples must be real files: they
//! are unpacked once into the user's data folder (`~/.local/share/dossier/samples-<hash>`
//! on Linux), in a folder named by a hash of their contents, so a rerun of `demo` finds the
//! same paths (and changes nothing) and a newer `dossier` with other samples uses a folder of
//! its own.

use std::path::{Path, PathBuf};

use dossier_api::{ApiError, ErrorCode};

mod files {
    include!(concat!(env!("OUT_DIR"), "/sample_files.rs"));
}

/// The embedded samples unpacked in the user's data folder (written where missing or
/// different); an error names the folder and the reason.
pub fn unpacked() -> Result<PathBuf, ApiError> {
    if files::FILES.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "this dossier was built without its sample matter; give --samples DIR (the repository's samples/ folder)",
        ));
    }
    let data = dirs::data_dir().ok_or_else(|| {
        ApiError::new(
            ErrorCode::Io,
            "no data folder for the samples (HOME is not set); give --samples DIR",
        )
    })?;
    let dir = data
        .join("dossier")
        .join(format!("samples-{:016x}", fingerprint()));
    unpack_into(&dir)?;
    Ok(dir)
}

/// Writes every embedded file under `dir`, leaving files that already hold the same bytes.
fn unpack_into(dir: &Path) -> Result<(), ApiError> {
    let failed = |path: &Path, e: std::io::Error| {
        ApiError::new(
            ErrorCode::Io,
            format!("cannot unpack the samples into {}: {e}", path.display()),
        )
    };
    for (rel, bytes) in files::FILES {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|have| have == *bytes) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| failed(&path, e))?;
    }
    Ok(())
}

/// FNV-1a over every path and content: stable across builds and platforms.
fn fingerprint() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (rel, bytes) in files::FILES {
        for byte in rel.bytes().chain([0]).chain(bytes.iter().copied()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_unpack_into_a_folder_demo_can_read_and_a_second_unpack_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        unpack_into(dir.path()).expect("unpacked");
        assert!(dir.path().join("timeline.csv").is_file());
        assert!(dir.path().join("sources/filings").is_dir());
        assert!(dir.path().join("policy/privacy-policy").is_dir());
        assert!(
            !dir.path().join("maker").exists(),
            "the maker is not part of the matter"
        );
        let written = std::fs::metadata(dir.path().join("timeline.csv"))
            .and_then(|m| m.modified())
            .expect("mtime");
        unpack_into(dir.path()).expect("unpacked again");
        let again = std::fs::metadata(dir.path().join("timeline.csv"))
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(written, again, "an identical file is not rewritten");
    }
}
