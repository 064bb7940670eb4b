// The selected event: everything about it, its citations (each opens the viewer at its page with
// the quote highlighted; each can be withdrawn), its tags (added and removed with `tag`), a form
// to cite a document for it by quote, and the buttons to edit or delete it. Every change is one
// audited edit, which "Undo" reverts.

import { useEffect, useRef, useState } from "preact/hooks";
import { BackendError, type TimelineEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { DocumentSelect, useDocumentChoice } from "../document/document-choice";
import { statusLook } from "./status";
import { CitationLink } from "./citation-link";
import { EventForm } from "./event-form";
import { CitedNotes } from "./cited-notes";
import { listField } from "./filters";

type Relation = "supports" | "contradicts" | "context";

export function EventDetails({
  event,
  generation,
  onChanged,
  onClose,
}: {
  event: TimelineEvent;
  /** Bumped after every change, so lists this panel loads itself (notes) follow. */
  generation: number;
  onChanged: (message: string, failed?: boolean) => void;
  onClose: () => void;
}) {
  const backend = useBackend();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const look = statusLook(event.status);
  // Chosen on the chart or in the table (which may be far below), the details come into view and
  // the keyboard lands on their heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: "nearest" });
    heading.current?.focus();
  }, []);

  const run = async (action: () => Promise<string>): Promise<void> => {
    setError(undefined);
    try {
      onChanged(await action());
    } catch (reason) {
      setError(BackendError.from(reason).message);
    }
  };

  if (editing) {
    return (
      <section class="event-details panel" aria-labelledby="details-heading">
        <h3 id="details-heading">Edit “{event.title}”</h3>
        <EventForm
          event={event}
          onSaved={(saved) => {
            setEditing(false);
            onChanged(`Saved “${saved.title}”.`);
          }}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }
  return (
    <section class="event-details panel" aria-labelledby="details-heading">
      <header class="details-header">
        <h3 id="details-heading" ref={heading} tabIndex={-1}>
          {event.title}
        </h3>
        <button type="button" class="link" onClick={onClose}>
          Close
        </button>
      </header>
      <p>
        <span class="date-cell">{event.display_date}</span> ·{" "}
        <span class={`status-${look.status}`}>
          <span aria-hidden="true">{look.glyph}</span> {event.status}
        </span>
        {event.requested_status !== event.status && <span class="muted"> (given as {event.requested_status}; it has no citation yet)</span>}
      </p>
      {event.description !== null && <p>{event.description}</p>}
      <dl class="event-facts">
        <dt>Issues</dt>
        <dd>{event.issues.length > 0 ? event.issues.join("; ") : "none"}</dd>
        <dt>Actors</dt>
        <dd>{event.actors.length > 0 ? event.actors.join("; ") : "none"}</dd>
      </dl>
      <TagEditor event={event} onChanged={onChanged} />
      <h4>Citations</h4>
      {event.citations.length === 0 ? (
        <p class="muted">No citation yet: cite a quote below, or select words in a document and use “Cite for event”.</p>
      ) : (
        <ul class="citation-list">
          {event.citations.map((c) => (
            <li key={c.id}>
              <CitationLink citation={c} event={event.id} />{" "}
              <button
                type="button"
                class="link"
                aria-label={`Withdraw citation ${c.id} (${c.pin_cite})`}
                onClick={() => void run(async () => (await backend.call("event", { action: "withdraw", citation: c.id }), `Withdrew the citation of ${c.pin_cite}.`))}
              >
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      )}
      <CitedNotes event={event} generation={generation} onChanged={onChanged} />
      <CiteForm event={event} onChanged={onChanged} />
      <div class="form-actions">
        <button type="button" onClick={() => setEditing(true)}>
          Edit event
        </button>
        <button
          type="button"
          onClick={() => void run(async () => (await backend.call("event", { action: "delete", event: event.id }), `Deleted “${event.title}”; Undo brings it back.`))}
        >
          Delete event
        </button>
      </div>
      {error !== undefined && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
    </section>
  );
}

function TagEditor({ event, onChanged }: { event: TimelineEvent; onChanged: (message: string) => void }) {
  const backend = useBackend();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const change = async (tags: string[], remove: boolean): Promise<void> => {
    setError(undefined);
    try {
      await backend.call("tag", { event: event.id, tags, ...(remove ? { remove: true } : {}) });
      setTyped("");
      onChanged(remove ? `Removed the tag “${tags.join(", ")}”.` : `Tagged “${tags.join(", ")}”.`);
    } catch (reason) {
      setError(BackendError.from(reason).message);
    }
  };
  return (
    <div class="tag-editor">
      <h4 id={`tags-${event.id}`}>Tags</h4>
      <ul class="tag-list" aria-labelledby={`tags-${event.id}`}>
        {event.tags.map((t) => (
          <li key={t}>
            {t}{" "}
            <button type="button" class="chip-remove" aria-label={`Remove the tag ${t}`} onClick={() => void change([t], true)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const tags = listField(typed);
          if (tags.length > 0) {
            void change(tags, false);
          }
        }}
      >
        <label for={`add-tag-${event.id}`}>Add tags</label>
        <input id={`add-tag-${event.id}`} type="text" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        <button type="submit">Tag</button>
      </form>
      {error !== undefined && (
        <p role="alert" class="error-text">
          {error}
        </p>
      )}
    </div>
  );
}

/** Cites a document's exact words for the event; the case refuses a quote that is not there. */
function CiteForm({ event, onChanged }: { event: TimelineEvent; onChanged: (message: string) => void }) {
  const backend = useBackend();
  const documents = useDocumentChoice();
  const [page, setPage] = useState("");
  const [quote, setQuote] = useState("");
  const [relation, setRelation] = useState<Relation>("supports");
  const [error, setError] = useState<string | undefined>();
  const chosen = documents.chosen;

  const cite = async (): Promise<void> => {
    setError(undefined);
    const pageNumber = Number.parseInt(page, 10);
    try {
      const cited = await backend.call("cite", {
        event: event.id,
        doc: Number.parseInt(chosen, 10),
        quote: quote.trim(),
        relation,
        ...(Number.isFinite(pageNumber) ? { page: pageNumber } : {}),
      });
      setQuote("");
      setPage("");
      onChanged(`Cited document ${chosen}${cited.page !== null ? `, page ${cited.page}` : ""}: ${cited.verified ? "the quote verifies" : "the quote does not verify"}.`);
    } catch (reason) {
      setError(BackendError.from(reason).message);
    }
  };

  return (
    <details class="cite-quote">
      <summary>Cite a quote for this event</summary>
      <form
        class="event-form"
        onSubmit={(e) => {
          e.preventDefault();
          void cite();
        }}
      >
        <div class="field wide">
          <label for={`cite-doc-${event.id}`}>Document</label>
          <DocumentSelect id={`cite-doc-${event.id}`} choice={documents} />
        </div>
        <div class="field">
          <label for={`cite-page-${event.id}`}>Page (optional)</label>
          <input id={`cite-page-${event.id}`} type="number" min={1} value={page} onInput={(e) => setPage(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`cite-relation-${event.id}`}>Relation</label>
          <select id={`cite-relation-${event.id}`} value={relation} onChange={(e) => setRelation(e.currentTarget.value as Relation)}>
            <option value="supports">supports</option>
            <option value="contradicts">contradicts</option>
            <option value="context">context</option>
          </select>
        </div>
        <div class="field wide">
          <label for={`cite-quote-${event.id}`}>Exact words of the document</label>
          <textarea id={`cite-quote-${event.id}`} rows={2} value={quote} onInput={(e) => setQuote(e.currentTarget.value)} />
        </div>
        <div class="form-actions wide">
          <button type="submit" disabled={chosen === "" || quote.trim() === ""}>
            Cite
          </button>
        </div>
        {error !== undefined && (
          <p role="alert" class="error-text wide">
            Not cited: {error}
          </p>
        )}
      </form>
    </details>
  );
}
