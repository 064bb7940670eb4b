//! Outlook `.pst` and `.ost` stores, read by Debian's `readpst` (pst-utils, libpst) in a
//! worker process.
//!
//! Why an external program: no Rust crate turns a store into messages. `outlook-pst`
//! (Microsoft's, 1.2) reads the store's B-trees and MAPI property tables, and leaves
//! turning those into messages (headers, bodies, recipients, attachments) to its user:
//! a MIME or `.msg` writer of our own, untested on real stores. `readpst` is maintained,
//! packaged by Debian, and writes each item as the file a mail client would: RFC 822
//! messages with their attachments (read then by the email extractor, so they thread with
//! the rest), vCards for contacts, iCalendar for appointments. Its folder tree is kept:
//! each item's document gets the folder it was filed in as its `folder` metadata (the
//! store's top folder first, as readpst names it: `Personal Folders/Inbox/Projects`).
//!
//! Bounded: the store is copied to a private temporary directory (readpst needs to seek),
//! readpst writes one file per item beside it, under a memory limit (`prlimit --as`) and a
//! time limit that grows with the store's size; the items are then read one at a time, so
//! memory is bounded by the largest item, and disk by about twice the store. Known gaps
//! (measured on the corpus, see `dossier-eval outlook`): readpst skips a few items libpff
//! reads (a distribution list, messages of two pstsdk test stores) and writes nothing for
//! empty folders. A store "password" does not encrypt anything, and readpst opens such a
//! store as any other.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::container::ChildResult;
use crate::{Child, Container, Extraction, Hints, Probe};

/// The first bytes of every PST or OST file (`!BDN`).
const PST_MAGIC: &[u8] = b"!BDN";
/// The program that reads stores, and the Debian package that has it.
const READPST: &str = "readpst";
/// The most memory readpst may take, whatever the store's size.
const READPST_MEMORY: u64 = 2 << 30;

/// Reads Outlook `.pst` and `.ost` stores as streamed containers of their items.
#[derive(Debug, Default, Clone, Copy)]
pub struct PstContainer;

impl Container for PstContainer {
    fn name(&self) -> &'static str {
        "outlook-pst"
    }

    fn version(&self) -> u32 {
        1
    }

    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let magic = probe.head.starts_with(PST_MAGIC);
        let named = matches!(probe.extension().as_deref(), Some("pst" | "ost"));
        match (magic, named) {
            (true, true) => 95,
            (true, false) => 80,
            _ => 0,
        }
    }

    fn describe(&self, hints: &Hints) -> Extraction {
        Extraction {
            kind: "mailbox".into(),
            media_type: "application/vnd.ms-outlook-pst".into(),
            title: hints.file_name.clone(),
            ..Extraction::default()
        }
    }

    fn split<'r>(
        &self,
        reader: Box<dyn BufRead + Send + 'r>,
    ) -> Box<dyn Iterator<Item = ChildResult> + Send + 'r> {
        Box::new(PstItems {
            reader: Some(reader),
            export: None,
            next: 0,
        })
    }
}

/// The items of one store: exported by readpst on the first call, then read one by one.
struct PstItems<'r> {
    reader: Option<Box<dyn BufRead + Send + 'r>>,
    export: Option<Export>,
    next: usize,
}

/// What readpst wrote: its directory (removed when dropped) and the item files in order.
struct Export {
    _dir: tempfile::TempDir,
    root: PathBuf,
    items: Vec<PathBuf>,
}

impl Iterator for PstItems<'_> {
    type Item = ChildResult;

    fn next(&mut self) -> Option<ChildResult> {
        if let Some(reader) = self.reader.take() {
            match export(reader) {
                Ok(export) => self.export = Some(export),
                Err(e) => return Some(Err(e)),
            }
        }
        let export = self.export.as_ref()?;
        let path = export.items.get(self.next)?;
        self.next += 1;
        Some(item(&export.root, path))
    }
}

/// Copies the store to a temporary directory and runs readpst on it.
fn export(mut reader: Box<dyn BufRead + Send + '_>) -> std::io::Result<Export> {
    let dir = tempfile::Builder::new().prefix("dossier-pst-").tempdir()?;
    let store = dir.path().join("store.pst");
    let size = std::io::copy(&mut reader, &mut std::fs::File::create(&store)?)?;
    let root = dir.path().join("items");
    std::fs::create_dir(&root)?;
    run_readpst(&store, &root, size)?;
    std::fs::remove_file(&store)?;
    let mut items = Vec::new();
    collect_items(&root, &mut items)?;
    Ok(Export {
        _dir: dir,
        root,
        items,
    })
}

/// `readpst -D -M -b -8`: deleted items too, one RFC 822 file per item, no RTF copies of
/// bodies as attachments, bodies in UTF-8 where the store has them so.
fn run_readpst(store: &Path, out: &Path, size: u64) -> std::io::Result<()> {
    let limit = Duration::from_secs(60 + size / (1 << 20));
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={READPST_MEMORY}"))
        .arg("--")
        .arg(READPST)
        .args(["-D", "-M", "-b", "-8", "-q", "-o"])
        .arg(out)
        .arg(store)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "cannot start {READPST} under prlimit ({e}): install Debian's pst-utils to read .pst stores"
            ),
        )
    })?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other(format!(
                "{READPST} ran out of time ({} s for a store of {size} bytes) and was stopped",
                limit.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.by_ref().take(4096).read_to_string(&mut stderr);
    }
    if status.success() {
        return Ok(());
    }
    let said = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    Err(std::io::Error::other(match status.code() {
        // prlimit reports a program it could not run with 126/127.
        Some(127) | Some(126) => {
            format!("{READPST} is not installed: install Debian's pst-utils to read .pst stores")
        }
        Some(code) => format!("{READPST} could not read the store (exit {code}): {said}"),
        None => format!(
            "{READPST} was killed (its memory limit is {} MiB): {said}",
            READPST_MEMORY >> 20
        ),
    }))
}

/// Every file under `dir`, folders depth first, items in the order readpst numbered them.
fn collect_items(dir: &Path, items: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<(bool, u64, String, PathBuf)> = std::fs::read_dir(dir)?
        .map(|e| {
            let e = e?;
            let name = e.file_name().to_string_lossy().into_owned();
            let number = name.parse::<u64>().unwrap_or(u64::MAX);
            Ok((e.file_type()?.is_dir(), number, name, e.path()))
        })
        .collect::<std::io::Result<_>>()?;
    // Items (files) of a folder before its sub-folders; items by number, folders by name.
    entries.sort();
    for (is_dir, _, _, path) in entries {
        if is_dir {
            collect_items(&path, items)?;
        } else {
            items.push(path);
        }
    }
    Ok(())
}

/// One item file as a child: its folder from where readpst wrote it.
fn item(root: &Path, path: &Path) -> ChildResult {
    let mut bytes = std::fs::read(path)?;
    let relative = path.strip_prefix(root).unwrap_or(path);
    let folder: Vec<String> = relative
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let folder = folder.join("/");
    let number = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name, media_type) = if bytes.starts_with(b"BEGIN:VCARD") {
        (Some(format!("{number}.vcf")), Some("text/vcard".to_owned()))
    } else if bytes.starts_with(b"BEGIN:VCALENDAR") {
        // readpst stamps each calendar with the time it ran: dropped, so the same store
        // always gives the same bytes (and the same documents).
        bytes = drop_dtstamp(&bytes);
        (
            Some(format!("{number}.ics")),
            Some("text/calendar".to_owned()),
        )
    } else {
        (None, Some("message/rfc822".to_owned()))
    };
    let mut meta = BTreeMap::new();
    if !folder.is_empty() {
        meta.insert("folder".to_owned(), folder.clone());
    }
    Ok(Child {
        name,
        locator: format!("folder={folder}/item={number}"),
        media_type,
        bytes,
        warnings: Vec::new(),
        failure: None,
        meta,
        ..Child::default()
    })
}

/// An iCalendar file without its `DTSTAMP` lines.
fn drop_dtstamp(bytes: &[u8]) -> Vec<u8> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.starts_with(b"DTSTAMP:"))
        .flatten()
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bids_on_the_pst_signature_and_not_on_a_name_alone() {
        let probe = |name, head| Probe::named(name, head);
        assert_eq!(PstContainer.bid(&probe("mail.pst", b"!BDN\x00\x00")), 95);
        assert_eq!(PstContainer.bid(&probe("offline.ost", b"!BDN\x00\x00")), 95);
        assert_eq!(PstContainer.bid(&probe("blob", b"!BDN\x00\x00")), 80);
        assert_eq!(PstContainer.bid(&probe("notes.pst", b"hello")), 0);
    }

    #[test]
    fn calendar_stamps_of_the_export_time_are_dropped() {
        let ics = b"BEGIN:VCALENDAR\nDTSTAMP:20261207T231954Z\nSUMMARY:x\nEND:VCALENDAR\n";
        assert_eq!(
            drop_dtstamp(ics),
            b"BEGIN:VCALENDAR\nSUMMARY:x\nEND:VCALENDAR\n".to_vec()
        );
    }
}
