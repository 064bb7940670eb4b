// The ordered list the document viewer was opened from (the document table with its filter and
// order, or a search's results), so the viewer can go to the next or previous document of it
// (`j`/`k`) without the list being passed around: the list is kept for the tab in
// sessionStorage, and the viewer's address carries the document's position in it (`at=`).

import type { Backend, DocsRequest, SearchRequest } from "../lib/backend";

/** Where the viewer's documents come from, in order. */
export type ReviewList =
  | { kind: "table"; request: DocsRequest; total: number }
  | { kind: "search"; request: SearchRequest; total: number };

const STORAGE_KEY = "dossier.review-list";

/** Remembers `list` as the one the next documents opened with a position come from. */
export function rememberReviewList(list: ReviewList): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Storage full or refused: the viewer simply offers no next/previous.
  }
}

/** The list last remembered, if any. */
export function currentReviewList(): ReviewList | undefined {
  try {
    const stored = window.sessionStorage.getItem(STORAGE_KEY);
    return stored === null ? undefined : (JSON.parse(stored) as ReviewList);
  } catch {
    return undefined;
  }
}

/** The id of the document at position `at` of `list`, or undefined past its ends. */
export async function documentAt(backend: Backend, list: ReviewList, at: number): Promise<number | undefined> {
  if (at < 0 || at >= list.total) {
    return undefined;
  }
  if (list.kind === "table") {
    const page = await backend.call("docs", { ...list.request, limit: 1, offset: at });
    return Array.isArray(page) ? undefined : page.documents[0]?.id;
  }
  const found = await backend.call("search", { ...list.request, limit: 1, offset: at });
  return found.hits[0]?.doc;
}
