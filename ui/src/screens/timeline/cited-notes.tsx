// The notes made on the documents an event cites (each anchored to a passage, re-checked by the
// case), so the reasoning behind a citation is at hand; each opens the viewer at its passage and
// can be deleted (kept in the case, restored by Undo).

import { BackendError, type NoteView, type TimelineEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { documentHref } from "../../app/links";

/** The notes on any document the event cites, in document order. */
export function notesOnCitedDocuments(event: TimelineEvent, notes: readonly NoteView[]): NoteView[] {
  const cited = new Set(event.citations.map((c) => c.doc));
  return notes.filter((n) => cited.has(n.doc)).sort((a, b) => a.doc - b.doc || a.start - b.start);
}

export function CitedNotes({ event, generation, onChanged }: { event: TimelineEvent; generation: number; onChanged: (message: string, failed?: boolean) => void }) {
  const backend = useBackend();
  const listed = useCommand("notes", event.citations.length > 0 ? {} : undefined, `notes ${generation}`);
  if (event.citations.length === 0 || listed.status !== "done") {
    return null;
  }
  const notes = notesOnCitedDocuments(event, listed.output);
  if (notes.length === 0) {
    return null;
  }
  const remove = async (note: NoteView): Promise<void> => {
    try {
      await backend.call("note_delete", { note: note.id });
      onChanged(`Deleted the note on document ${note.doc}; Undo brings it back.`);
    } catch (reason) {
      onChanged(`Not deleted: ${BackendError.from(reason).message}`, true);
    }
  };
  return (
    <>
      <h4>Notes on the cited documents</h4>
      <ul class="citation-list">
        {notes.map((n) => (
          <li key={n.id}>
            <a href={documentHref(n.doc, { page: n.page, quote: n.quote })}>
              Document {n.doc}
              {n.page !== null ? `, p. ${n.page}` : ""}
            </a>
            : <q class="citation-quote">{n.quote}</q> {n.text}{" "}
            {!n.verified && <span class="unverified">⚠ the passage is no longer there</span>}{" "}
            <button type="button" class="link" aria-label={`Delete note ${n.id}`} onClick={() => void remove(n)}>
              Delete note
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
