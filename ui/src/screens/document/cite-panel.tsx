// "Cite for event": the selected words become a citation of this document (at its page) on an
// event of the chronology, existing or new. The case checks that the quote is on the page and
// refuses it otherwise; the answer says whether it verified. Opened from an event's citation
// (`#/doc/ID?event=N`), the panel offers that event first; a new event's date is previewed as the
// event form previews it (the case reads the draft); the answer links back to the event cited.

import { useState } from "preact/hooks";
import { BackendError, isTimelineEvent, type CiteOutput, type TimelineEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { NO_FILTERS, timelineHref } from "../timeline/filters";
import { DATE_HELP, useDatePreview } from "../timeline/date-preview";
import type { TextSelection } from "./selection";

/** The choice in the event list that creates a new event. */
const NEW_EVENT = "new";

type Relation = "supports" | "contradicts" | "context";

/** The event the panel offers first: the one the reviewer came from if it still exists, else the first. */
export function defaultEventChoice(events: readonly TimelineEvent[], fromEvent: number | undefined): string {
  if (fromEvent !== undefined && events.some((e) => e.id === fromEvent)) {
    return String(fromEvent);
  }
  return String(events[0]?.id ?? NEW_EVENT);
}

export function CitePanel({
  doc,
  fromEvent,
  selection,
  onClear,
}: {
  doc: number;
  fromEvent?: number | undefined;
  selection: TextSelection | undefined;
  onClear: () => void;
}) {
  const backend = useBackend();
  const [generation, setGeneration] = useState(0);
  const timeline = useCommand("timeline", {}, `events ${generation}`);
  const events: TimelineEvent[] = timeline.status === "done" && Array.isArray(timeline.output) ? timeline.output : [];
  const [eventChoice, setEventChoice] = useState("");
  const [relation, setRelation] = useState<Relation>("supports");
  const [newTitle, setNewTitle] = useState("");
  const [newDate, setNewDate] = useState("");
  const [result, setResult] = useState<{ cited: CiteOutput; event: string; eventId: number } | { error: string } | undefined>();
  const chosen = eventChoice === "" ? defaultEventChoice(events, fromEvent) : eventChoice;
  const datePreview = useDatePreview(backend, newDate, "");

  const cite = async (): Promise<void> => {
    if (selection === undefined) {
      return;
    }
    try {
      let eventId: number;
      let eventTitle: string;
      if (chosen === NEW_EVENT) {
        const created = await backend.call("event", { action: "add", title: newTitle.trim(), date: newDate.trim() });
        if (!isTimelineEvent(created)) {
          throw new BackendError("internal", "the case did not return the new event");
        }
        eventId = created.id;
        eventTitle = created.title;
      } else {
        eventId = Number.parseInt(chosen, 10);
        eventTitle = events.find((e) => e.id === eventId)?.title ?? `event ${eventId}`;
      }
      const cited = await backend.call("cite", {
        event: eventId,
        doc,
        quote: selection.quote,
        relation,
        ...(selection.page !== undefined ? { page: selection.page } : {}),
      });
      setResult({ cited, event: eventTitle, eventId });
      setEventChoice(String(eventId));
      setNewTitle("");
      setNewDate("");
      setGeneration((g) => g + 1);
    } catch (reason) {
      setResult({ error: BackendError.from(reason).message });
    }
  };

  const canCite = selection !== undefined && (chosen !== NEW_EVENT || (newTitle.trim() !== "" && newDate.trim() !== ""));
  return (
    <section class="panel cite" aria-labelledby="cite-heading">
      <h3 id="cite-heading">Cite for event</h3>
      {selection === undefined ? (
        <p class="hint">Select words in the document to cite them for an event of the chronology.</p>
      ) : (
        <figure class="selected-quote">
          <blockquote>{selection.quote}</blockquote>
          <figcaption class="muted">
            {selection.page !== undefined ? `Page ${selection.page}. ` : ""}
            <button type="button" class="link" onClick={onClear}>
              Clear the selection
            </button>
          </figcaption>
        </figure>
      )}
      <form
        class="cite-form"
        onSubmit={(event) => {
          event.preventDefault();
          void cite();
        }}
      >
        <label for="cite-event">Event</label>
        <select id="cite-event" value={chosen} onChange={(e) => setEventChoice(e.currentTarget.value)}>
          {events.map((e) => (
            <option key={e.id} value={String(e.id)}>
              {e.display_date} — {e.title}
            </option>
          ))}
          <option value={NEW_EVENT}>New event…</option>
        </select>
        {chosen === NEW_EVENT && (
          <>
            <label for="new-event-title">Title of the new event</label>
            <input id="new-event-title" type="text" value={newTitle} onInput={(e) => setNewTitle(e.currentTarget.value)} />
            <label for="new-event-date">Date (2024-08-15, Q3 2024, early 2024, c. 2019…)</label>
            <input id="new-event-date" type="text" value={newDate} aria-describedby="new-event-date-preview" onInput={(e) => setNewDate(e.currentTarget.value)} />
            <p id="new-event-date-preview" class="hint date-preview" aria-live="polite">
              {newDate.trim() === "" ? DATE_HELP : datePreview}
            </p>
          </>
        )}
        <label for="cite-relation">Relation</label>
        <select id="cite-relation" value={relation} onChange={(e) => setRelation(e.currentTarget.value as Relation)}>
          <option value="supports">supports</option>
          <option value="contradicts">contradicts</option>
          <option value="context">context</option>
        </select>
        <button type="submit" disabled={!canCite}>
          Cite
        </button>
      </form>
      <p role="status" class={result !== undefined && "error" in result ? "error-text" : "cite-result"}>
        {result === undefined ? (
          ""
        ) : "error" in result ? (
          `Not cited: ${result.error}`
        ) : (
          <>
            Cited on “{result.event}”{result.cited.page !== null ? `, page ${result.cited.page}` : ""}:{" "}
            {result.cited.verified ? "the quote verifies" : "the quote does not verify"}.{" "}
            <a href={timelineHref(NO_FILTERS, result.eventId)}>See the timeline</a>
          </>
        )}
      </p>
    </section>
  );
}
