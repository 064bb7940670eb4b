//! The sample matter's generated files, made from committed text sources.
//!
//! Dossier ships a sample case (`samples/`) whose every word the project wrote. Most of it is
//! committed as-is (HTML articles, policy captures, memos), but a court filing is a PDF and
//! an email export is an mbox, and neither should be hand-edited binary. So their sources
//! live in `samples/maker/content/` and this crate turns them into
//! `samples/sources/filings/*.pdf` and `samples/sources/mail/okafor-feld.mbox`.
//!
//! Output is deterministic (no timestamps, fixed IDs and boundaries): the committed files
//! are exactly what [`render_all`] returns, and a test holds them to it, so the committed
//! binaries cannot drift from their sources.

mod filing;
mod mbox;
mod pdf;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use filing::{Filing, Line};

/// Why the sample files could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MakerError {
    /// A source file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// A source file is malformed.
    #[error("{path}: line {line}: {reason}")]
    Source {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A character the PDF's WinAnsi fonts cannot show.
    #[error("{file}: {character:?} cannot be set in a WinAnsi font")]
    Unencodable {
        /// The PDF being made.
        file: String,
        /// The character.
        character: char,
    },
}

/// The filings, in the order they are made; each source names its PDF.
const FILINGS: &[&str] = &["complaint.txt", "settlement-notice.txt"];
/// The mailbox made from `content/mail/*.txt`.
const MBOX_NAME: &str = "okafor-feld.mbox";

/// Every generated file: its path relative to `samples/`, and its bytes.
pub fn render_all(samples: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, MakerError> {
    let content = samples.join("maker").join("content");
    let mut out = Vec::new();
    let mut made = BTreeMap::new();
    for name in FILINGS {
        let path = content.join(name);
        let filing = Filing::parse(&path, &read(&path)?)?;
        let bytes = pdf::render(&filing)?;
        made.insert(filing.file.clone(), bytes.clone());
        out.push((Path::new("sources/filings").join(&filing.file), bytes));
    }
    let mail = content.join("mail");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&mail)
        .map_err(|source| MakerError::Io {
            path: mail.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    let messages = sources
        .iter()
        .map(|path| mbox::message(path, &read(path)?, &made))
        .collect::<Result<Vec<_>, _>>()?;
    out.push((
        Path::new("sources/mail").join(MBOX_NAME),
        mbox::mbox(&messages).into_bytes(),
    ));
    Ok(out)
}

/// The files under `samples/` that differ from what the sources make now (missing ones too).
pub fn stale(samples: &Path) -> Result<Vec<PathBuf>, MakerError> {
    Ok(render_all(samples)?
        .into_iter()
        .filter(|(rel, bytes)| std::fs::read(samples.join(rel)).ok().as_ref() != Some(bytes))
        .map(|(rel, _)| rel)
        .collect())
}

/// Writes every generated file under `samples/`; returns their relative paths.
pub fn write_all(samples: &Path) -> Result<Vec<PathBuf>, MakerError> {
    let files = render_all(samples)?;
    for (rel, bytes) in &files {
        let path = samples.join(rel);
        let io = |source| MakerError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(&path, bytes).map_err(io)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// The repository's `samples/` folder (this crate lives in `samples/maker`).
pub fn default_samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("samples"), Path::to_owned)
}

fn read(path: &Path) -> Result<String, MakerError> {
    std::fs::read_to_string(path).map_err(|source| MakerError::Io {
        path: path.to_owned(),
        source,
    })
}
