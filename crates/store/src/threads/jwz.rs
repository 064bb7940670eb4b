//! Threading email messages by their Message-ID, References and In-Reply-To headers, after
//! Jamie Zawinski's algorithm (<https://www.jwz.org/doc/threading.html>), as pure logic.
//!
//! Two questions, two answers:
//! - **Which thread is a message in?** The messages connected through any id they share
//!   (their own or one they refer to): the union of References and In-Reply-To. This is
//!   what notmuch does, and it keeps together messages that JWZ's tree would leave apart
//!   when a References chain contradicts an earlier one.
//! - **Which message does it answer?** JWZ's tree: each References chain links its ids
//!   parent to child (never creating a loop, never re-parenting an id already placed), and
//!   a message's own parent is the last id it refers to. A message's parent here is its
//!   nearest ancestor that is a message we have (ids we only saw referred to are skipped).
//!
//! Subject-only grouping (JWZ's step 5) is off unless asked for ([`join_by_subject`]): two
//! messages titled "Re: meeting" are not one conversation unless their headers say so. Old
//! mail clients (most of the Enron mail) sent replies with no References or In-Reply-To at
//! all, though, and there the subject is the only thread left; the user can ask for it.

use std::collections::HashMap;

/// What threading needs to know of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    /// The message's document id.
    pub doc: i64,
    /// Its Message-ID, bare.
    pub message_id: Option<String>,
    /// Its References, oldest first, then its In-Reply-To when References lacks it.
    pub references: Vec<String>,
}

/// The threads of a set of messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Threads {
    /// Each message's parent: the nearest ancestor message present, if any.
    pub parent: HashMap<i64, Option<i64>>,
    /// Each message's thread, as an index into [`Threads::members`].
    pub thread_of: HashMap<i64, usize>,
    /// The messages of each thread, in input order.
    pub members: Vec<Vec<i64>>,
}

struct Node {
    message: Option<i64>,
    parent: Option<usize>,
}

/// Threads `messages` (in any order; ties are broken by input order).
pub fn thread(messages: &[MessageRef]) -> Threads {
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut own = Vec::with_capacity(messages.len());
    for m in messages {
        let node = match m.message_id.as_deref() {
            Some(id) if by_id.get(id).is_none_or(|&n| nodes[n].message.is_none()) => {
                let n = node_of(id, &mut nodes, &mut by_id);
                nodes[n].message = Some(m.doc);
                n
            }
            // No id, or the same id as a message already seen: a node of its own.
            _ => {
                nodes.push(Node {
                    message: Some(m.doc),
                    parent: None,
                });
                nodes.len() - 1
            }
        };
        own.push(node);
    }
    for (m, &node) in messages.iter().zip(&own) {
        let chain: Vec<usize> = m
            .references
            .iter()
            .map(|r| node_of(r, &mut nodes, &mut by_id))
            .collect();
        for pair in chain.windows(2) {
            let (parent, child) = (pair[0], pair[1]);
            if nodes[child].parent.is_none() && !is_ancestor(&nodes, child, parent) {
                nodes[child].parent = Some(parent);
            }
        }
        // The message's own parent is the last id it refers to; what an earlier chain
        // presumed is replaced by what the message itself says.
        match chain.last() {
            Some(&last) if !is_ancestor(&nodes, node, last) => nodes[node].parent = Some(last),
            Some(_) => {}
            None => nodes[node].parent = None,
        }
    }

    let mut out = Threads::default();
    for (m, &node) in messages.iter().zip(&own) {
        let mut up = nodes[node].parent;
        let mut steps = 0;
        let parent = loop {
            match up {
                Some(p) if steps <= nodes.len() => {
                    if let Some(doc) = nodes[p].message {
                        break Some(doc);
                    }
                    up = nodes[p].parent;
                    steps += 1;
                }
                _ => break None,
            }
        };
        out.parent.insert(m.doc, parent);
    }

    // Threads: messages connected through any id (union-find over nodes).
    let mut root: Vec<usize> = (0..nodes.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for (m, &node) in messages.iter().zip(&own) {
        for r in &m.references {
            if let Some(&n) = by_id.get(r.as_str()) {
                let (a, b) = (find(&mut root, node), find(&mut root, n));
                root[a] = b;
            }
        }
        // A message that reuses another's id is in that message's thread.
        if let Some(&n) = m.message_id.as_deref().and_then(|id| by_id.get(id)) {
            let (a, b) = (find(&mut root, node), find(&mut root, n));
            root[a] = b;
        }
    }
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    for (m, &node) in messages.iter().zip(&own) {
        let r = find(&mut root, node);
        let next = out.members.len();
        let t = *index_of_root.entry(r).or_insert(next);
        if t == next {
            out.members.push(Vec::new());
        }
        out.members[t].push(m.doc);
        out.thread_of.insert(m.doc, t);
    }
    out
}

/// The node for message id `id`, created empty the first time the id is seen.
fn node_of<'m>(id: &'m str, nodes: &mut Vec<Node>, by_id: &mut HashMap<&'m str, usize>) -> usize {
    *by_id.entry(id).or_insert_with(|| {
        nodes.push(Node {
            message: None,
            parent: None,
        });
        nodes.len() - 1
    })
}

/// One message as subject grouping sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectRef<'s> {
    /// The message's document id.
    pub doc: i64,
    /// Its Subject.
    pub subject: Option<&'s str>,
    /// Whether it has a References or In-Reply-To header (then its headers decide).
    pub has_references: bool,
}

/// Reply and forward prefixes, in the languages the corpus holds: English `Re`, `Fw`,
/// `Fwd`; German `AW` (Antwort), `WG` (Weitergeleitet); Nordic `SV`, `VS`; Dutch `Antw`.
const REPLY_PREFIXES: &[&str] = &["re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw"];

/// A subject with every leading reply or forward prefix (`Re:`, `RE[2]:`, `Fwd:`, `AW:`...)
/// and mailing-list tag (`[Python-Dev]`) removed, lower-cased, spacing collapsed; and
/// whether any reply or forward prefix was removed.
pub fn normalise_subject(subject: &str) -> (String, bool) {
    let mut rest = subject.trim();
    let mut replied = false;
    loop {
        if let Some(after) = rest.strip_prefix('[')
            && let Some(end) = after.find(']')
        {
            rest = after[end + 1..].trim_start();
            continue;
        }
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        if !REPLY_PREFIXES.iter().any(|p| word.eq_ignore_ascii_case(p)) {
            break;
        }
        // A count may follow: `Re[2]:`, `Re(2):`.
        let mut after = rest[word_len..].trim_start();
        if let Some(inner) = after.strip_prefix(['[', '('])
            && let Some(end) = inner.find([']', ')'])
            && inner[..end].chars().all(|c| c.is_ascii_digit())
        {
            after = inner[end + 1..].trim_start();
        }
        match after.strip_prefix(':') {
            Some(tail) => {
                rest = tail.trim_start();
                replied = true;
            }
            None => break,
        }
    }
    let normal = rest
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (normal, replied)
}

/// Joins threads by subject (JWZ's step 5, asked for): a message with no References or
/// In-Reply-To joins the thread of the first message (in input order) with the same
/// normalised subject. If its subject was a reply or a forward and it has no parent, it
/// hangs under the first message of that subject that was neither. An empty subject
/// joins nothing.
pub fn join_by_subject(threads: &mut Threads, messages: &[SubjectRef<'_>]) {
    let normal: Vec<(String, bool)> = messages
        .iter()
        .map(|m| normalise_subject(m.subject.unwrap_or("")))
        .collect();
    let mut first_of: HashMap<&str, i64> = HashMap::new();
    let mut first_original_of: HashMap<&str, i64> = HashMap::new();
    for (m, (key, replied)) in messages.iter().zip(&normal) {
        if key.is_empty() {
            continue;
        }
        first_of.entry(key).or_insert(m.doc);
        if !replied {
            first_original_of.entry(key).or_insert(m.doc);
        }
    }
    let count = threads.members.len();
    let mut root: Vec<usize> = (0..count).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    for (m, (key, replied)) in messages.iter().zip(&normal) {
        if m.has_references || key.is_empty() {
            continue;
        }
        let (Some(&mine), Some(&other)) = (
            threads.thread_of.get(&m.doc),
            first_of
                .get(key.as_str())
                .and_then(|d| threads.thread_of.get(d)),
        ) else {
            continue;
        };
        let (a, b) = (find(&mut root, mine), find(&mut root, other));
        // The lower index stays the root, so threads keep the order they first appeared in.
        root[a.max(b)] = a.min(b);
        if *replied
            && threads.parent.get(&m.doc) == Some(&None)
            && let Some(&original) = first_original_of.get(key.as_str())
            && original != m.doc
        {
            threads.parent.insert(m.doc, Some(original));
        }
    }
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<i64>> = Vec::new();
    for t in 0..count {
        let r = find(&mut root, t);
        let next = members.len();
        let i = *index_of_root.entry(r).or_insert(next);
        if i == next {
            members.push(Vec::new());
        }
        members[i].extend(threads.members[t].iter().copied());
        for doc in &threads.members[t] {
            threads.thread_of.insert(*doc, i);
        }
    }
    threads.members = members;
}

/// Whether `ancestor` is `node` or above it.
fn is_ancestor(nodes: &[Node], ancestor: usize, node: usize) -> bool {
    let mut at = Some(node);
    let mut steps = 0;
    while let Some(n) = at {
        if n == ancestor {
            return true;
        }
        steps += 1;
        if steps > nodes.len() {
            return true; // a loop already: refuse to add to it
        }
        at = nodes[n].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(doc: i64, id: &str, refs: &[&str]) -> MessageRef {
        MessageRef {
            doc,
            message_id: (!id.is_empty()).then(|| id.to_owned()),
            references: refs.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn replies_hang_under_what_they_answer() {
        let t = thread(&[
            msg(1, "a", &[]),
            msg(2, "b", &["a"]),
            msg(3, "c", &["a", "b"]),
            msg(4, "d", &["a"]),
            msg(5, "z", &[]),
        ]);
        assert_eq!(t.parent[&1], None);
        assert_eq!(t.parent[&2], Some(1));
        assert_eq!(t.parent[&3], Some(2));
        assert_eq!(t.parent[&4], Some(1));
        assert_eq!(t.members, vec![vec![1, 2, 3, 4], vec![5]]);
    }

    #[test]
    fn a_missing_message_is_skipped_over_and_order_does_not_matter() {
        // "b" was never received; "c" still belongs under "a", through it.
        let t = thread(&[msg(3, "c", &["a", "b"]), msg(1, "a", &[])]);
        assert_eq!(t.parent[&3], Some(1));
        assert_eq!(t.members, vec![vec![3, 1]]);
    }

    #[test]
    fn loops_and_duplicate_ids_do_not_hang_or_merge_messages() {
        let t = thread(&[
            msg(1, "a", &["b"]),
            msg(2, "b", &["a"]),
            msg(3, "a", &[]),
            msg(4, "", &[]),
        ]);
        assert_eq!(t.parent[&1], Some(2));
        assert_eq!(t.parent[&2], None, "linking b under a would close a loop");
        assert_eq!(t.thread_of[&3], t.thread_of[&1], "same id, same thread");
        assert_ne!(t.thread_of[&4], t.thread_of[&1]);
    }

    #[test]
    fn subjects_alone_never_join_threads() {
        let t = thread(&[msg(1, "x", &[]), msg(2, "y", &[])]);
        assert_eq!(t.members.len(), 2);
    }

    #[test]
    fn reply_and_forward_prefixes_and_list_tags_are_stripped_from_subjects() {
        for (subject, normal, replied) in [
            ("Re: Salary", "salary", true),
            ("RE: FW: Please Advise", "please advise", true),
            ("AW: Wg: Termin  morgen", "termin morgen", true),
            ("Fwd: [Python-Dev] Re[2]: PEP 8", "pep 8", true),
            ("Re(3):Budget", "budget", true),
            ("Salary", "salary", false),
            ("Regarding: the plan", "regarding: the plan", false),
            ("Re:", "", true),
        ] {
            assert_eq!(
                normalise_subject(subject),
                (normal.to_owned(), replied),
                "{subject:?}"
            );
        }
    }

    #[test]
    fn subject_grouping_joins_only_messages_without_reference_headers() {
        let messages = [
            msg(1, "a", &[]),
            msg(2, "b", &[]),
            msg(3, "c", &["x"]),
            msg(4, "d", &[]),
        ];
        let subjects = [
            (1, "Board recruitment", false),
            (2, "Re: Board recruitment", false),
            (3, "Re: Board recruitment", true),
            (4, "Salary", false),
        ];
        let refs: Vec<SubjectRef<'_>> = subjects
            .iter()
            .map(|&(doc, subject, has_references)| SubjectRef {
                doc,
                subject: Some(subject),
                has_references,
            })
            .collect();
        let mut t = thread(&messages);
        assert_eq!(t.members.len(), 4, "headers alone: four threads");
        join_by_subject(&mut t, &refs);
        assert_eq!(t.members, vec![vec![1, 2], vec![3], vec![4]]);
        assert_eq!(t.parent[&2], Some(1), "the reply hangs under the original");
        assert_eq!(
            t.parent[&3], None,
            "headers decide for a message that has them"
        );
    }
}
