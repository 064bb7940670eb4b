//! `folders`: the folder tree of what was ingested, with how many documents each folder
//! holds: a mailbox's folders (Enron's `lay-k/inbox`, an mbox file) browsed as a mail client
//! shows them. `docs --folder PATH` lists one folder and the folders below it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiResult, CaseAt, open_case};

/// `folders` arguments: none beyond the case.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct FoldersRequest {}

/// One folder and the folders below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FolderNode {
    /// Its own name (`inbox`).
    pub name: String,
    /// Its whole path, as `docs --folder` takes it (`maildir/lay-k/inbox`).
    pub path: String,
    /// Documents found directly in it.
    pub documents: u64,
    /// Documents in it and in every folder below it (one found in two folders counts twice).
    pub total: u64,
    /// The folders directly below it, by name.
    pub children: Vec<FolderNode>,
}

/// The folders of the case as a tree, top folders by name (empty before any folder ingest,
/// and for cases whose documents were ingested before folders were recorded).
pub fn folders(
    path: &(impl CaseAt + ?Sized),
    _request: &FoldersRequest,
) -> ApiResult<Vec<FolderNode>> {
    let case = open_case(path)?;
    Ok(folder_tree(case.folder_counts()?))
}

/// Builds the tree from each folder's own count; folders that hold nothing directly but
/// lead to others (`maildir/lay-k`) appear with 0.
fn folder_tree(counts: Vec<(String, u64)>) -> Vec<FolderNode> {
    #[derive(Default)]
    struct Branch {
        documents: u64,
        below: BTreeMap<String, Branch>,
    }
    let mut root = Branch::default();
    for (path, count) in counts {
        let mut at = &mut root;
        for part in path.split('/').filter(|p| !p.is_empty()) {
            at = at.below.entry(part.to_owned()).or_default();
        }
        at.documents += count;
    }
    fn nodes(branch: BTreeMap<String, Branch>, prefix: &str) -> Vec<FolderNode> {
        branch
            .into_iter()
            .map(|(name, b)| {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}/{name}")
                };
                let children = nodes(b.below, &path);
                let total = b.documents + children.iter().map(|c| c.total).sum::<u64>();
                FolderNode {
                    name,
                    path,
                    documents: b.documents,
                    total,
                    children,
                }
            })
            .collect()
    }
    nodes(root.below, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_nest_by_path_and_each_totals_what_lies_below_it() {
        let tree = folder_tree(vec![
            ("maildir/kean-s/inbox".into(), 3),
            ("maildir/lay-k/inbox".into(), 5),
            ("maildir/lay-k/inbox/old".into(), 2),
            ("nice.mbox".into(), 4),
        ]);
        assert_eq!(
            tree.iter()
                .map(|n| (&n.path[..], n.documents, n.total))
                .collect::<Vec<_>>(),
            [("maildir", 0, 10), ("nice.mbox", 4, 4)]
        );
        let lay = &tree[0].children[1];
        assert_eq!(
            (&lay.name[..], &lay.path[..], lay.total),
            ("lay-k", "maildir/lay-k", 7)
        );
        let inbox = &lay.children[0];
        assert_eq!((inbox.documents, inbox.total), (5, 7));
        assert_eq!(inbox.children[0].path, "maildir/lay-k/inbox/old");
    }
}
