//! Seeds: real files from the shared corpus, chosen per target by folder and extension,
//! plus every regression fixture the target has.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::targets::{Kind, QUERY_SEEDS, Target};

/// Seeds larger than this are left out: mutating and re-reading them would cost more time
/// than the variety they add.
pub const MAX_SEED_BYTES: u64 = 256 * 1024;
/// At most this many corpus files per target, spread evenly over the sorted list.
pub const MAX_CORPUS_SEEDS: usize = 48;

/// The inputs a target starts from, and how many of them (at the front) are its fixtures,
/// which a run replays as they are before mutating. Corpus files are only mutated: the
/// corpus tests already read them as they are.
///
/// Fixtures listed as known-open (`target/name` in `known_open`) are left out: they are
/// known to fail, a hang among them would spend the target's time on itself, and the
/// replay test runs them.
pub fn load(
    target: &Target,
    corpus: Option<&Path>,
    fixtures: &Path,
    known_open: &BTreeSet<String>,
) -> (usize, Vec<Vec<u8>>) {
    let mut seeds: Vec<Vec<u8>> = fixture_files(&fixtures.join(target.name))
        .iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            !known_open.contains(&format!("{}/{name}", target.name))
        })
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let replayed = seeds.len();
    if matches!(target.kind, Kind::Query) {
        seeds.extend(QUERY_SEEDS.iter().map(|q| q.as_bytes().to_vec()));
    }
    if matches!(target.kind, Kind::TimestampResponse) {
        seeds.extend(timestamp_responses());
    }
    if let Some(root) = corpus {
        let mut files = Vec::new();
        for source in target.seeds {
            let mut found = Vec::new();
            walk(&root.join(source.dir), &mut found);
            found.retain(|p| {
                source.extensions.is_empty()
                    || p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        source.extensions.contains(&e.to_ascii_lowercase().as_str())
                    })
            });
            files.extend(found);
        }
        files.retain(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.len() > 0 && m.len() <= MAX_SEED_BYTES)
        });
        files.sort();
        files.dedup();
        let step = files.len().div_ceil(MAX_CORPUS_SEEDS).max(1);
        seeds.extend(
            files
                .iter()
                .step_by(step)
                .filter_map(|p| std::fs::read(p).ok()),
        );
    }
    (replayed, seeds)
}

/// Every file under `dir`, recursively.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

/// The inputs saved in a findings or fixtures folder of one target, sorted: every file but
/// the `.finding` notes beside them and hidden files.
pub fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_input(p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && !name.ends_with(".finding")
}

/// Responses of a real authority (`openssl ts -reply` with a throw-away CA, RSA and P-256)
/// to a request over a fixed hash: what `dossier timestamp import` is given. None when the
/// `openssl` command is missing.
fn timestamp_responses() -> Vec<Vec<u8>> {
    use dossier_tests::local_tsa::{KeyKind, LocalTsa};
    let openssl = std::process::Command::new("openssl")
        .arg("version")
        .output();
    if !openssl.is_ok_and(|o| o.status.success()) {
        return Vec::new();
    }
    let (Ok(dir), Ok(request)) = (tempfile::tempdir(), dossier_timestamp::request(&[7; 32])) else {
        return Vec::new();
    };
    [KeyKind::Rsa, KeyKind::P256]
        .into_iter()
        .map(|key| {
            LocalTsa::new(&dir.path().join(format!("{key:?}")), key).reply_bytes(&request.der)
        })
        .collect()
}

#[cfg(test)]
mod timestamp_seed_tests {
    #[test]
    fn the_timestamp_target_starts_from_real_responses_that_verify() {
        let responses = super::timestamp_responses();
        assert_eq!(responses.len(), 2, "RSA and P-256 (the tests need openssl)");
        for response in &responses {
            dossier_timestamp::read_response(response).expect("a real authority's response");
        }
    }
}
