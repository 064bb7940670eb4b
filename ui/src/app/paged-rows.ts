// The rows of a long list fetched a page at a time as they come into view: a virtualised list
// draws only the rows on screen and asks this for them, so opening a list of 300,000 documents
// costs one page, and scrolling to its end costs the pages scrolled onto, never the whole list.

/** Pages fetched at once for the rows on screen (`want`). */
export const MAX_IN_FLIGHT = 2;

/** One page as the backend returns it. */
export interface FetchedPage<Row> {
  /** Rows in the whole list (all pages together). */
  total: number;
  /** The page's rows, from the offset asked for. */
  rows: Row[];
}

/** Fetches `limit` rows from `offset`. */
export type PageFetcher<Row> = (offset: number, limit: number) => Promise<FetchedPage<Row>>;

/**
 * A cache of one list's pages (one order, one filter: a new order or filter is a new list).
 * `onChange` runs when a page arrives or fails, for the view to draw again.
 */
export class PagedRows<Row> {
  /** Rows in the list; undefined until the first page arrives. */
  total: number | undefined;
  /** Why the last page could not be fetched, if one failed. */
  error: unknown;
  private readonly pages = new Map<number, Row[]>();
  private readonly pending = new Set<number>();
  private closed = false;
  /** The rows on screen now (`want`): what the next fetch serves, older views forgotten. */
  private wanted: { first: number; last: number } | undefined;

  constructor(
    private readonly fetchPage: PageFetcher<Row>,
    readonly pageSize: number,
    private readonly onChange: () => void,
  ) {}

  /** The row at `index`, or undefined while its page is not here. */
  rowAt(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Whether the page holding `index` has arrived. */
  hasRow(index: number): boolean {
    return this.pages.has(Math.floor(index / this.pageSize));
  }

  /** Fetches the pages holding rows `first` to `last` (inclusive) that are neither here nor on their way. */
  ensure(first: number, last: number): Promise<void> {
    const bound = this.total === undefined ? last : Math.min(last, this.total - 1);
    const waits: Promise<void>[] = [];
    for (let page = Math.floor(Math.max(first, 0) / this.pageSize); page <= Math.floor(bound / this.pageSize); page++) {
      if (!this.pages.has(page) && !this.pending.has(page)) {
        waits.push(this.fetch(page));
      }
    }
    return Promise.all(waits).then(() => undefined);
  }

  /**
   * Asks for the pages of the rows on screen, at most `MAX_IN_FLIGHT` at a time: when the view
   * moves faster than pages arrive (the scrollbar dragged to the end of 300,000 rows), the pages
   * it passed over are never fetched, and the rows where it stops come next, not behind a queue
   * of pages no longer on screen.
   */
  want(first: number, last: number): void {
    this.wanted = { first, last };
    this.pump();
  }

  private pump(): void {
    const wanted = this.wanted;
    if (wanted === undefined || this.closed) {
      return;
    }
    const bound = this.total === undefined ? wanted.last : Math.min(wanted.last, this.total - 1);
    for (let page = Math.floor(Math.max(wanted.first, 0) / this.pageSize); page <= Math.floor(bound / this.pageSize); page++) {
      if (this.pending.size >= MAX_IN_FLIGHT) {
        return;
      }
      if (!this.pages.has(page) && !this.pending.has(page)) {
        void this.fetch(page);
      }
    }
  }

  /** Stops reporting: the list was replaced (a new order or filter) or is no longer shown. */
  close(): void {
    this.closed = true;
  }

  private async fetch(page: number): Promise<void> {
    this.pending.add(page);
    let failed = false;
    try {
      const fetched = await this.fetchPage(page * this.pageSize, this.pageSize);
      this.pages.set(page, fetched.rows);
      this.total = fetched.total;
      this.error = undefined;
    } catch (reason) {
      this.error = reason;
      failed = true;
    } finally {
      this.pending.delete(page);
    }
    if (!this.closed) {
      this.onChange();
      // After a failure the next view change (a scroll) asks again: asking at once would
      // repeat a failing request as fast as it fails.
      if (!failed) {
        this.pump();
      }
    }
  }
}

/** The rows a viewport of `height` pixels scrolled to `scrollTop` shows, with `overscan` rows either side. */
export function visibleRange(
  scrollTop: number,
  height: number,
  rowHeight: number,
  total: number,
  overscan: number,
): { first: number; last: number } {
  if (total === 0) {
    return { first: 0, last: -1 };
  }
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return { first, last };
}
