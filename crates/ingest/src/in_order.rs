//! Results in input order, whatever order the workers finish in.

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use dossier_store::ContentHash;

use crate::worker::{Chunk, Processed, Turn};

/// How long the writer waits for a claimer before letting waiting containers stream too.
const CLAIMER_PATIENCE: Duration = Duration::from_millis(200);

/// Yields the chunks of input item 0, then item 1, and so on, holding back those that
/// arrive early. A streamed container's chunks (its children) pass through as they come.
pub(crate) struct InOrder<'t> {
    rx: Receiver<(usize, Chunk)>,
    pending: BTreeMap<usize, VecDeque<Chunk>>,
    next: usize,
    turn: &'t Turn,
}

impl<'t> InOrder<'t> {
    pub fn new(rx: Receiver<(usize, Chunk)>, turn: &'t Turn) -> Self {
        InOrder {
            rx,
            pending: BTreeMap::new(),
            next: 0,
            turn,
        }
    }

    fn receive(&mut self, (i, chunk): (usize, Chunk)) {
        self.pending.entry(i).or_default().push_back(chunk);
    }

    /// Finds the later item (or an item inside one) that claimed `hash`, receiving more
    /// results as needed, takes its document and children, and leaves a duplicate in its
    /// place.
    ///
    /// Streamed containers wait for their turn and claim nothing before it, so a claimer is
    /// always a whole item or a child already sent. Should it not come soon (its worker
    /// could not store it, or every worker waits for a turn), waiting containers are let go
    /// so that nothing can block; correctness does not depend on the gate, only memory does.
    pub fn take_claimer(&mut self, hash: &ContentHash) -> Option<Processed> {
        loop {
            for chunk in self.pending.values_mut().flatten() {
                if let Chunk::Whole(p) | Chunk::Child(p) = chunk
                    && let Some(found) = take_from(p, hash)
                {
                    return Some(found);
                }
            }
            match self.rx.recv_timeout(CLAIMER_PATIENCE) {
                Ok(received) => self.receive(received),
                Err(RecvTimeoutError::Timeout) => self.turn.open_all(),
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

/// Takes the new document claiming `hash` (with its staged original and its children) out
/// of `p` or its descendants, leaving a duplicate under its path.
fn take_from(p: &mut Processed, hash: &ContentHash) -> Option<Processed> {
    match p {
        Processed::New { document, path, .. } if &document.hash == hash => {
            let duplicate = Processed::Duplicate {
                path: path.clone(),
                hash: hash.clone(),
            };
            Some(std::mem::replace(p, duplicate))
        }
        Processed::New { children, .. } | Processed::Reextracted { children, .. } => {
            children.iter_mut().find_map(|c| take_from(c, hash))
        }
        _ => None,
    }
}

impl Iterator for InOrder<'_> {
    type Item = Chunk;
    fn next(&mut self) -> Option<Chunk> {
        loop {
            if let Some(chunk) = self
                .pending
                .get_mut(&self.next)
                .and_then(VecDeque::pop_front)
            {
                if matches!(chunk, Chunk::Whole(_) | Chunk::End) {
                    self.pending.remove(&self.next);
                    self.next += 1;
                    self.turn.advance_to(self.next);
                }
                return Some(chunk);
            }
            let received = self.rx.recv().ok()?;
            self.receive(received);
        }
    }
}

impl Drop for InOrder<'_> {
    /// Workers waiting for a turn must not wait for a writer that has gone.
    fn drop(&mut self) {
        self.turn.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_store::{DocStatus, NewDocument};

    fn doc(bytes: &[u8]) -> Box<NewDocument> {
        Box::new(NewDocument {
            kind: "text".into(),
            status: DocStatus::Ok,
            ..NewDocument::unextracted(ContentHash::of(bytes), bytes.len() as u64)
        })
    }

    #[test]
    fn items_come_out_in_input_order_and_a_container_streams_in_its_place() {
        let turn = Turn::default();
        let (tx, rx) = crossbeam_channel::unbounded();
        let new = |p: &str| Processed::New {
            path: p.into(),
            document: doc(p.as_bytes()),
            staged: None,
            children: Vec::new(),
        };
        tx.send((2, Chunk::Whole(new("c")))).expect("send");
        tx.send((1, Chunk::Open(new("box")))).expect("send");
        tx.send((0, Chunk::Whole(new("a")))).expect("send");
        tx.send((1, Chunk::Child(new("box#1")))).expect("send");
        tx.send((1, Chunk::End)).expect("send");
        drop(tx);
        let order: Vec<String> = InOrder::new(rx, &turn)
            .map(|c| match c {
                Chunk::Whole(Processed::New { path, .. })
                | Chunk::Open(Processed::New { path, .. })
                | Chunk::Child(Processed::New { path, .. }) => path,
                Chunk::End => "end".into(),
                _ => "?".into(),
            })
            .collect();
        assert_eq!(order, ["a", "box", "box#1", "end", "c"]);
    }

    #[test]
    fn a_claimer_inside_a_later_item_gives_up_its_document_and_what_it_holds() {
        let turn = Turn::default();
        let (tx, rx) = crossbeam_channel::unbounded();
        let attachment = Processed::New {
            path: "later.eml#attachment=1/x.pdf".into(),
            document: doc(b"x"),
            staged: None,
            children: vec![Processed::New {
                path: "later.eml#attachment=1/x.pdf#inner".into(),
                document: doc(b"inner"),
                staged: None,
                children: Vec::new(),
            }],
        };
        let later = Processed::New {
            path: "later.eml".into(),
            document: doc(b"later"),
            staged: None,
            children: vec![attachment],
        };
        tx.send((1, Chunk::Whole(later))).expect("send");
        drop(tx);
        let mut in_order = InOrder::new(rx, &turn);
        let Some(Processed::New {
            document, children, ..
        }) = in_order.take_claimer(&ContentHash::of(b"x"))
        else {
            panic!("found inside the later item")
        };
        assert_eq!(document.hash, ContentHash::of(b"x"));
        assert_eq!(children.len(), 1, "what it held moves with it");
        let Some(Chunk::Whole(Processed::New { children, .. })) = in_order.pending[&1].front()
        else {
            panic!("the later item is still pending");
        };
        assert!(matches!(
            &children[0],
            Processed::Duplicate { path, .. } if path == "later.eml#attachment=1/x.pdf"
        ));
        assert!(in_order.take_claimer(&ContentHash::of(b"nobody")).is_none());
    }
}
