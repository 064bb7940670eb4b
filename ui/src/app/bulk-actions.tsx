// Acting on many documents at once: tag or untag them (tags complete from the case's own),
// give them a review status, make them exhibits, and undo the last of these. Each action is
// one audited edit in the backend, so one undo reverts all of it.

import { useState } from "preact/hooks";
import { BackendError, type Backend, type DocsRequest, type ExhibitManyOutput, type ExhibitManyRequest, type ExhibitRequest, type SearchRequest } from "../lib/backend";
import "../screens/exhibits/commands";
import { useBackend } from "./context";
import { useCommand } from "./use-command";
import { countOf } from "./format";

/** The documents an action acts on: ids, every document a query finds, or every one a table filter matches. */
export type BulkTarget = { docs: number[] } | { query: string } | { search: SearchRequest } | { matching: DocsRequest };

/**
 * `exhibit` over many documents: the same command as one exhibit's, given `docs`, `query` or
 * `matching` instead of `doc`, and answering with what it made (`ExhibitManyOutput`); the
 * command table types `exhibit` by its one-document form, hence the one cast here.
 */
function exhibitMany(backend: Backend, request: ExhibitManyRequest): Promise<ExhibitManyOutput> {
  return backend.call("exhibit", request as unknown as ExhibitRequest) as unknown as Promise<ExhibitManyOutput>;
}

/** The review statuses, as the backend names them, with their words. */
export const REVIEW_STATUSES = [
  { status: "reviewed", label: "Reviewed" },
  { status: "second_look", label: "Second look" },
  { status: "unreviewed", label: "Unreviewed" },
] as const;

/**
 * The bulk action bar for `count` selected documents (`target`); `onChanged` runs after an
 * action or an undo changed the case, for the list to be fetched again.
 */
export function BulkActions({ target, count, onChanged }: { target: BulkTarget; count: number; onChanged: () => void }) {
  const backend = useBackend();
  const [tagText, setTagText] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const tags = useCommand("tags", {}, `tags ${generation}`);
  const known = tags.status === "done" ? tags.output.map((t) => t.tag) : [];

  const run = async (what: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setMessage(await what());
      setGeneration((g) => g + 1);
      onChanged();
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    } finally {
      setBusy(false);
    }
  };
  const tagged = (remove: boolean) => async (): Promise<string> => {
    const names = tagText
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    if (names.length === 0) {
      throw new BackendError("invalid_input", "Type a tag first.");
    }
    const out = await backend.call("tag", { ...target, tags: names, ...(remove ? { remove: true } : {}) });
    return `${remove ? "Untagged" : "Tagged"} ${countOf(Number(out.changed), "document", "documents")} of ${countOf(Number(out.documents), "selected", "selected")} (${names.join(", ")}).`;
  };
  const reviewed = (status: string, label: string) => async (): Promise<string> => {
    const out = await backend.call("review", { ...target, status });
    return `Marked ${countOf(Number(out.changed), "document", "documents")} “${label}” (${Number(out.documents) - Number(out.changed)} had it already).`;
  };
  const exhibits = async (): Promise<string> => {
    const out = await exhibitMany(backend, target);
    const made = out.made.map((x) => x.number);
    const range = made.length === 0 ? "" : made.length === 1 ? ` (${made[0]})` : ` (${made[0]} to ${made[made.length - 1]})`;
    return `Made ${countOf(made.length, "exhibit", "exhibits")}${range}${out.already.length > 0 ? `; ${countOf(out.already.length, "document was", "documents were")} an exhibit already` : ""}.`;
  };
  const undo = async (): Promise<string> => {
    const out = await backend.call("undo", {});
    return `Undone: ${countOf(out.reverted_changes.length, "change", "changes")} reverted.`;
  };
  return (
    <section class="bulk-actions" aria-label="Act on the selected documents">
      <p class="bulk-count">{countOf(count, "document selected", "documents selected")}</p>
      <form
        class="bulk-tag"
        onSubmit={(event) => {
          event.preventDefault();
          void run(tagged(false));
        }}
      >
        <label>
          Tags{" "}
          <input type="text" list="case-tags" value={tagText} placeholder="tag, another" onInput={(e) => setTagText(e.currentTarget.value)} disabled={busy} />
        </label>
        <datalist id="case-tags">
          {known.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button type="submit" disabled={busy || count === 0}>
          Tag
        </button>
        <button type="button" disabled={busy || count === 0} onClick={() => void run(tagged(true))}>
          Untag
        </button>
      </form>
      <div class="bulk-review" role="group" aria-label="Set review status">
        {REVIEW_STATUSES.map(({ status, label }) => (
          <button key={status} type="button" disabled={busy || count === 0} onClick={() => void run(reviewed(status, label))}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" disabled={busy || count === 0} onClick={() => void run(exhibits)}>
        Make exhibits
      </button>
      <button type="button" disabled={busy} onClick={() => void run(undo)}>
        Undo
      </button>
      <p role="status" aria-live="polite" class="bulk-message">
        {busy ? "Working…" : message}
      </p>
    </section>
  );
}
