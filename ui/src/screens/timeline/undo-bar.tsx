// Undo and redo of chronology edits (events, citations, tags, notes, exhibits): each is a new,
// audited edit that applies the inverse of the last one (crates/store, undo.rs). The message
// says what was reverted, in the audit log's words.

import { BackendError, type UndoOutput } from "../../lib/backend";
import { useBackend } from "../../app/context";

/**
 * What an undo or redo did, in one sentence. An undo is told by the steps it took back; a redo by
 * the steps it put back (its own `changes`: the reverted edit of a redo is the undo, whose steps
 * are the inverses), as `dossier undo` prints them.
 */
export function undoMessage(output: UndoOutput): string {
  const told = output.kind === "redo" ? output.changes : output.reverted_changes;
  const what = told.map((s) => `${s.action} ${s.target}`).join(", ");
  return output.kind === "redo" ? `Redone: ${what}.` : `Undone: ${what}.`;
}

export function UndoBar({ onChanged }: { onChanged: (message: string, failed?: boolean) => void }) {
  const backend = useBackend();
  const run = async (redo: boolean): Promise<void> => {
    try {
      onChanged(undoMessage(await backend.call("undo", redo ? { redo: true } : {})));
    } catch (reason) {
      onChanged(`Nothing ${redo ? "redone" : "undone"}: ${BackendError.from(reason).message}`, true);
    }
  };
  return (
    <div class="undo-bar" role="group" aria-label="Undo">
      <button type="button" onClick={() => void run(false)}>
        Undo last edit
      </button>
      <button type="button" onClick={() => void run(true)}>
        Redo
      </button>
    </div>
  );
}
