//! The folder each source is found in, so that a mailbox's folders can be browsed.
//!
//! A folder is a place within what the user named, written with `/` whatever the system:
//! a file found under the folder `maildir` given to `ingest` is in `maildir/lay-k/inbox`
//! (the named folder's own name first, so that two folders ingested apart stay apart); the
//! messages of a mailbox file are in the mailbox's own place (`maildir/archive.mbox`, or
//! `archive.mbox` when the file was named by itself), as a mail client shows a mailbox as a
//! folder. A file named by itself is in no folder, nor is an attachment: it is reached through
//! its message.

use std::path::{Component, Path, PathBuf};

use crate::scope::PathScope;

/// The folders the user named, to place each file found under them.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceFolders {
    /// Each named folder, as the walk prints the paths under it, with its own name.
    roots: Vec<(PathBuf, String)>,
}

impl SourceFolders {
    /// The folders among `inputs`, as the walk names what it finds under them (admitted by
    /// `scope`, made absolute).
    pub(crate) fn new(inputs: &[PathBuf], scope: &PathScope) -> Self {
        let roots = inputs
            .iter()
            .filter_map(|input| scope.admit(input).ok())
            .map(|p| std::path::absolute(&p).unwrap_or(p))
            .filter(|p| p.is_dir())
            .map(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (p, name)
            })
            .collect();
        SourceFolders { roots }
    }

    /// The folder of a file the walk found (`path` as it printed it): its named folder's
    /// name and the folders below it; none for a file named by itself.
    pub(crate) fn of_file(&self, path: &str) -> Option<String> {
        let place = self.place(Path::new(path))?;
        Some(match place.rsplit_once('/') {
            Some((folder, _file)) => folder.to_owned(),
            None => place,
        })
    }

    /// The folder the messages of the mailbox file at `path` are in: the mailbox's place
    /// (its folder and its name), or its name when it was named by itself.
    pub(crate) fn of_mailbox(&self, path: &str) -> String {
        let path = Path::new(path);
        self.place(path).unwrap_or_else(|| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }

    /// `root-name/sub/…/file` for a path under a named folder (the deepest, when one named
    /// folder holds another).
    fn place(&self, path: &Path) -> Option<String> {
        let (root, name) = self
            .roots
            .iter()
            .filter(|(root, _)| path.starts_with(root) && path != root)
            .max_by_key(|(root, _)| root.components().count())?;
        let below = path.strip_prefix(root).ok()?;
        let parts: Vec<String> = std::iter::once(name.clone())
            .chain(below.components().filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            }))
            .filter(|p| !p.is_empty())
            .collect();
        Some(parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_under_a_named_folder_is_in_that_folder_and_the_folders_below_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("maildir");
        std::fs::create_dir_all(maildir.join("lay-k/inbox")).expect("folders");
        let lone = dir.path().join("lone.eml");
        let folders = SourceFolders::new(&[maildir.clone(), lone.clone()], &PathScope::Anything);
        let file = maildir.join("lay-k/inbox/12");
        assert_eq!(
            folders.of_file(&file.display().to_string()).as_deref(),
            Some("maildir/lay-k/inbox")
        );
        assert_eq!(
            folders
                .of_file(&maildir.join("top.eml").display().to_string())
                .as_deref(),
            Some("maildir")
        );
        assert_eq!(folders.of_file(&lone.display().to_string()), None);
        assert_eq!(
            folders.of_mailbox(&maildir.join("lay-k/old.mbox").display().to_string()),
            "maildir/lay-k/old.mbox"
        );
        assert_eq!(
            folders.of_mailbox(&dir.path().join("archive.mbox").display().to_string()),
            "archive.mbox"
        );
    }
}
