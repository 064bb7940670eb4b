//! The production folder's files and their SHA-256, written as `MANIFEST.sha256` in
//! `sha256sum` format (so `sha256sum -c MANIFEST.sha256` checks it without Dossier), and
//! `verify`, which also names any file the manifest does not list.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::ProduceError;

/// The manifest's file name, at the top of the production folder.
pub const MANIFEST: &str = "MANIFEST.sha256";

/// Writes the files of a production and remembers their hashes.
pub struct FolderWriter {
    root: PathBuf,
    written: BTreeMap<String, String>,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl FolderWriter {
    /// A writer into `root`, which is made if missing.
    pub fn new(root: &Path) -> Result<Self, ProduceError> {
        std::fs::create_dir_all(root).map_err(|source| ProduceError::Write {
            path: root.display().to_string(),
            source,
        })?;
        Ok(Self {
            root: root.to_owned(),
            written: BTreeMap::new(),
        })
    }

    /// Writes `bytes` at `relative` (`/`-separated), making its folder.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), ProduceError> {
        let path = self.root.join(relative);
        let failed = |source| ProduceError::Write {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        std::fs::write(&path, bytes).map_err(failed)?;
        self.written
            .insert(relative.to_owned(), hex(&Sha256::digest(bytes)));
        Ok(())
    }

    /// How many files were written.
    pub fn files(&self) -> usize {
        self.written.len()
    }

    /// Writes the manifest last and returns its own SHA-256.
    pub fn finish(mut self) -> Result<String, ProduceError> {
        let text: String = self
            .written
            .iter()
            .map(|(path, hash)| format!("{hash}  {path}\n"))
            .collect();
        self.write(MANIFEST, text.as_bytes())?;
        Ok(hex(&Sha256::digest(text.as_bytes())))
    }
}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    /// Files listed in the manifest.
    pub files: u64,
    /// Each file that is missing, changed or not listed, with why.
    pub problems: Vec<String>,
}

/// Checks the production at `root` against its manifest.
pub fn verify(root: &Path) -> Result<Verified, ProduceError> {
    let manifest = root.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest).map_err(|e| {
        ProduceError::Manifest(format!(
            "{} cannot be read ({e}); is {} a production folder?",
            manifest.display(),
            root.display()
        ))
    })?;
    let mut out = Verified::default();
    let mut listed = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let Some((hash, path)) = line.split_once("  ") else {
            return Err(ProduceError::Manifest(format!(
                "{} line {}: not `HASH  PATH`",
                manifest.display(),
                i + 1
            )));
        };
        listed.insert(path.to_owned(), hash.to_owned());
    }
    for (path, hash) in &listed {
        out.files += 1;
        match std::fs::read(root.join(path)) {
            Ok(bytes) if hex(&Sha256::digest(&bytes)) == *hash => {}
            Ok(_) => out
                .problems
                .push(format!("{path}: changed since it was produced")),
            Err(e) => out.problems.push(format!("{path}: cannot be read ({e})")),
        }
    }
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            ProduceError::Manifest(format!("{} cannot be listed: {e}", dir.display()))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if relative != MANIFEST && !listed.contains_key(&relative) {
                out.problems
                    .push(format!("{relative}: not in the manifest"));
            }
        }
    }
    out.problems.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_a_missing_and_an_added_file_are_each_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut w = FolderWriter::new(dir.path()).expect("writer");
        for name in ["IMAGES/a.pdf", "TEXT/a.txt", "DATA/x.dat"] {
            w.write(name, name.as_bytes()).expect("write");
        }
        w.finish().expect("manifest");
        assert_eq!(
            verify(dir.path()).expect("verify").problems,
            Vec::<String>::new()
        );
        std::fs::write(dir.path().join("IMAGES/a.pdf"), "x").expect("change");
        std::fs::remove_file(dir.path().join("TEXT/a.txt")).expect("remove");
        std::fs::write(dir.path().join("DATA/extra.txt"), "x").expect("add");
        let found = verify(dir.path()).expect("verify");
        assert_eq!(found.files, 3);
        assert_eq!(found.problems.len(), 3, "{:?}", found.problems);
        assert!(found.problems[0].starts_with("DATA/extra.txt: not in the manifest"));
        assert!(found.problems[1].starts_with("IMAGES/a.pdf: changed"));
        assert!(found.problems[2].starts_with("TEXT/a.txt: cannot be read"));
    }
}
