// Notes on spans of a document: each anchored to exact words (and a page), re-checked by the case.

import { useState } from "preact/hooks";
import { BackendError, type NoteView } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { documentHref } from "../../app/links";
import type { TextSelection } from "./selection";

export function NotesPanel({ doc, selection }: { doc: number; selection: TextSelection | undefined }) {
  const backend = useBackend();
  const [generation, setGeneration] = useState(0);
  const notes = useCommand("notes", { doc }, `notes ${doc} ${generation}`);
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");
  const add = async (): Promise<void> => {
    if (selection === undefined || text.trim() === "") {
      return;
    }
    try {
      await backend.call("note", {
        doc,
        quote: selection.quote,
        text: text.trim(),
        ...(selection.page !== undefined ? { page: selection.page } : {}),
      });
      setText("");
      setMessage("Note added.");
      setGeneration((g) => g + 1);
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  return (
    <section class="panel notes" aria-labelledby="notes-heading">
      <h3 id="notes-heading">Notes</h3>
      {notes.status === "done" && notes.output.length === 0 && <p class="muted">No notes yet.</p>}
      {notes.status === "done" && (
        <ul class="note-list">
          {notes.output.map((n) => (
            <NoteItem key={n.id} note={n} />
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label for="note-text">{selection === undefined ? "Select words in the document to note them" : "Note on the selected words"}</label>
        <textarea id="note-text" rows={2} value={text} disabled={selection === undefined} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" disabled={selection === undefined || text.trim() === ""}>
          Add note
        </button>
      </form>
      <p role="status" class="muted">
        {message}
      </p>
    </section>
  );
}

function NoteItem({ note }: { note: NoteView }) {
  return (
    <li>
      <a href={documentHref(note.doc, { page: note.page, quote: note.quote })}>“{note.quote}”</a>
      {note.page !== null && <span class="muted"> (page {note.page})</span>}
      {!note.verified && <span class="warning"> — no longer found in the document</span>}
      <p>{note.text}</p>
    </li>
  );
}
