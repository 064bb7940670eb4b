// Creating an event and editing one. The date is written as the chronology writes it (2024,
// 2024-08, 2024-08-15, before/after D, between D and D, or a start and an end) and the form says
// how it will be read before it is sent; the case checks it again and its error is shown as is.

import { useEffect, useRef, useState } from "preact/hooks";
import { BackendError, isTimelineEvent, type TimelineEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useDatePreview } from "./date-preview";
import { STATUSES } from "./status";
import { listField } from "./filters";

interface Draft {
  title: string;
  date: string;
  end: string;
  status: string;
  description: string;
  issues: string;
  actors: string;
  tags: string;
}

function draftOf(event: TimelineEvent | undefined): Draft {
  return {
    title: event?.title ?? "",
    date: event?.date ?? "",
    end: event?.end ?? "",
    status: event?.requested_status ?? "alleged",
    description: event?.description ?? "",
    issues: event?.issues.join(", ") ?? "",
    actors: event?.actors.join(", ") ?? "",
    tags: event?.tags.join(", ") ?? "",
  };
}

/** A form for a new event (`event` undefined) or for changing one; calls `onSaved` with the result. */
export function EventForm({ event, onSaved, onCancel }: { event?: TimelineEvent; onSaved: (saved: TimelineEvent) => void; onCancel: () => void }) {
  const backend = useBackend();
  const [draft, setDraft] = useState<Draft>(() => draftOf(event));
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const editing = event !== undefined;
  const datePreview = useDatePreview(backend, draft.date, draft.end);
  // The form opens where the user asked for it; the keyboard starts in its first field.
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const prefix = editing ? `edit-${event.id}` : "new-event";
  const field = (name: keyof Draft) => ({
    id: `${prefix}-${name}`,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const common = {
        title: draft.title.trim(),
        date: draft.date.trim(),
        ...(draft.end.trim() !== "" ? { end: draft.end.trim() } : {}),
        status: draft.status,
        description: draft.description.trim(),
        issues: listField(draft.issues),
        actors: listField(draft.actors),
      };
      const saved = editing
        ? await backend.call("event", { action: "edit", event: event.id, ...common })
        : await backend.call("event", { action: "add", ...common, tags: listField(draft.tags) });
      if (!isTimelineEvent(saved)) {
        throw new BackendError("internal", "the case did not return the event");
      }
      onSaved(saved);
    } catch (reason) {
      setError(BackendError.from(reason).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="event-form"
      aria-label={editing ? `Edit “${event.title}”` : "New event"}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div class="field wide">
        <label for={`${prefix}-title`}>Title</label>
        <input type="text" required ref={titleInput} {...field("title")} />
      </div>
      <div class="field">
        <label for={`${prefix}-date`}>Date</label>
        <input type="text" required aria-describedby={`${prefix}-date-help`} {...field("date")} />
      </div>
      <div class="field">
        <label for={`${prefix}-end`}>End (for a range)</label>
        <input type="text" aria-describedby={`${prefix}-date-help`} {...field("end")} />
      </div>
      <p id={`${prefix}-date-help`} class="hint wide">
        {datePreview}
      </p>
      <div class="field">
        <label for={`${prefix}-status`}>Status</label>
        <select {...field("status")} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${prefix}-issues`}>Issues (comma-separated)</label>
        <input type="text" {...field("issues")} />
      </div>
      <div class="field">
        <label for={`${prefix}-actors`}>Actors (comma-separated)</label>
        <input type="text" {...field("actors")} />
      </div>
      {!editing && (
        <div class="field">
          <label for={`${prefix}-tags`}>Tags (comma-separated)</label>
          <input type="text" {...field("tags")} />
        </div>
      )}
      <div class="field wide">
        <label for={`${prefix}-description`}>Description</label>
        <textarea rows={3} id={`${prefix}-description`} value={draft.description} onInput={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
      </div>
      <div class="form-actions wide">
        <button type="submit" disabled={busy || draft.title.trim() === "" || draft.date.trim() === ""}>
          {editing ? "Save changes" : "Create event"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error !== undefined && (
        <p role="alert" class="error-text wide">
          Not saved: {error}
        </p>
      )}
    </form>
  );
}
