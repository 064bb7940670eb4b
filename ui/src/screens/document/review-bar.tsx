// A document's review status (with who set it and when), buttons to set it, and the way through
// the list the document was opened from (the table or the search results, review-list.ts).
// Keys in the viewer: j / → next, k / ← previous, r reviewed, s second look, u unreviewed.

import { useEffect, useState } from "preact/hooks";
import { BackendError, type DocumentView } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { REVIEW_STATUSES } from "../../app/bulk-actions";
import { currentReviewList, documentAt } from "../../app/review-list";
import { documentHref } from "../../app/links";
import { navigate } from "../../app/router";
import { formatNumber } from "../../app/format";

interface ReviewState {
  status: string;
  by: string | null;
  at: string | null;
}

/** Whether a key press was meant for a field being typed in, not for the viewer. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The review bar of document `doc`, at position `at` of the current list (none: no next or
 * previous). With `keys`, the viewer's keys work on the whole window.
 */
export function ReviewBar({ doc, at, keys, onReviewed }: { doc: DocumentView; at: number | undefined; keys: boolean; onReviewed?: (() => void) | undefined }) {
  const backend = useBackend();
  const [review, setReview] = useState<ReviewState>({ status: doc.review, by: doc.reviewed_by, at: doc.reviewed_at });
  const [message, setMessage] = useState("");
  const list = at === undefined ? undefined : currentReviewList();

  const go = async (delta: number): Promise<void> => {
    if (list === undefined || at === undefined) {
      return;
    }
    try {
      const next = await documentAt(backend, list, at + delta);
      if (next === undefined) {
        setMessage(delta > 0 ? "This is the last document of the list." : "This is the first document of the list.");
      } else {
        navigate(documentHref(next, { at: at + delta, ...(list.kind === "search" ? { query: list.request.query } : {}) }));
      }
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  const mark = async (status: string): Promise<void> => {
    try {
      await backend.call("review", { docs: [doc.id], status });
      const shown = await backend.call("show", { doc: doc.id });
      setReview({ status: shown.review, by: shown.reviewed_by, at: shown.reviewed_at });
      setMessage("");
      onReviewed?.();
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };

  useEffect(() => {
    if (!keys) {
      return;
    }
    const onKey = (event: KeyboardEvent): void => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      const action: Record<string, () => Promise<void>> = {
        j: () => go(1),
        ArrowRight: () => go(1),
        k: () => go(-1),
        ArrowLeft: () => go(-1),
        r: () => mark("reviewed"),
        s: () => mark("second_look"),
        u: () => mark("unreviewed"),
      };
      const run = action[event.key];
      if (run !== undefined) {
        event.preventDefault();
        void run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const label = REVIEW_STATUSES.find((s) => s.status === review.status)?.label ?? review.status;
  return (
    <div class="review-bar">
      {list !== undefined && at !== undefined && (
        <span class="review-nav" role="group" aria-label="Move through the list">
          <button type="button" onClick={() => void go(-1)} disabled={at <= 0} title="Previous (k)">
            ← Previous
          </button>{" "}
          <span class="muted">
            {formatNumber(at + 1)} of {formatNumber(list.total)}
          </span>{" "}
          <button type="button" onClick={() => void go(1)} disabled={at + 1 >= list.total} title="Next (j)">
            Next →
          </button>
        </span>
      )}
      <span class="review-status" role="status">
        Review: <strong>{label}</strong>
        {review.by !== null && (
          <span class="muted">
            {" "}
            by {review.by}
            {review.at !== null ? `, ${review.at.slice(0, 16).replace("T", " ")}` : ""}
          </span>
        )}
      </span>
      <span class="review-mark" role="group" aria-label="Set the review status">
        {REVIEW_STATUSES.map(({ status, label: word }) => (
          <button key={status} type="button" aria-pressed={review.status === status} onClick={() => void mark(status)} title={`${word} (${status === "reviewed" ? "r" : status === "second_look" ? "s" : "u"})`}>
            {word}
          </button>
        ))}
      </span>
      {message !== "" && (
        <span class="muted" role="alert">
          {" "}
          {message}
        </span>
      )}
    </div>
  );
}
