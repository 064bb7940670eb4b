// The document table: every document of the case, one fixed-height row each, drawn only while
// on screen and fetched a page at a time (`docs` with `limit`/`offset`) as the user scrolls, so
// it opens at once on 300,000 documents. Headers sort (again to reverse); rows are selected
// by click, shift-click (a range) and ctrl/cmd-click (toggle); ↑/↓ (or j/k) move the focused
// row, whose document the pane beside shows; Enter opens it in the viewer.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { DocsRequest, DocTableRow } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { PagedRows, visibleRange } from "../../app/paged-rows";
import { clickRow, isSelected, type RowSelection } from "../../app/row-selection";
import { dayOf, formatBytes } from "../../app/format";
import { documentHref } from "../../app/links";
import { navigate } from "../../app/router";
import { visible } from "../../lib/text/visible";

/** Every row is this tall (CSS `.doc-row` says the same), so a row's place is its index times it. */
export const ROW_HEIGHT = 28;
/** Rows asked for at once. */
export const TABLE_PAGE = 100;
/** Rows drawn beyond each edge of the viewport, so a short scroll shows no gap. */
const OVERSCAN = 15;

/** A column: its header, how a row shows in it, and the `sort` name when the backend sorts by it. */
interface Column {
  key: string;
  label: string;
  sort?: string;
  cell: (row: DocTableRow) => string;
}

const REVIEW_LABELS: Record<string, string> = { unreviewed: "", reviewed: "Reviewed", second_look: "Second look" };

export const COLUMNS: Column[] = [
  { key: "date", label: "Date", sort: "date", cell: (r) => dayOf(r.date) },
  { key: "kind", label: "Kind", sort: "kind", cell: (r) => r.kind },
  { key: "title", label: "Title", sort: "title", cell: (r) => visible(r.title ?? `Document ${r.id}`) },
  { key: "from", label: "From", sort: "from", cell: (r) => r.from ?? "" },
  { key: "to", label: "To", sort: "to", cell: (r) => r.to ?? "" },
  { key: "custodian", label: "Custodian", sort: "custodian", cell: (r) => r.custodians.join(", ") },
  { key: "tags", label: "Tags", sort: "tags", cell: (r) => r.tags.join(", ") },
  { key: "exhibit", label: "Exhibit", sort: "exhibit", cell: (r) => r.exhibit ?? "" },
  { key: "review", label: "Review", sort: "review", cell: (r) => REVIEW_LABELS[r.review] ?? r.review },
  { key: "size", label: "Size", sort: "size", cell: (r) => formatBytes(Number(r.size)) },
];

/** The sort after clicking the header `name`: that column ascending, or reversed if it was already. */
export function nextSort(current: string | undefined, name: string): string {
  return current === name ? `-${name}` : name;
}

export interface DocumentTableProps {
  /** Filters and order (`limit`/`offset` are the table's own). */
  request: DocsRequest;
  /** Bumped to fetch the rows again (after an edit). */
  generation: number;
  selection: RowSelection;
  onSelection: (selection: RowSelection) => void;
  /** The focused row, whose document is shown beside the table. */
  focused: number | undefined;
  onFocus: (index: number, row: DocTableRow) => void;
  onSort: (sort: string) => void;
  /** Called with the total once the first page arrives. */
  onTotal: (total: number) => void;
}

export function DocumentTable({ request, generation, selection, onSelection, focused, onFocus, onSort, onTotal }: DocumentTableProps) {
  const backend = useBackend();
  const [, redraw] = useState(0);
  const key = JSON.stringify(request);
  const rows = useMemo(
    () =>
      new PagedRows<DocTableRow>(
        async (offset, limit) => {
          const page = await backend.call("docs", { ...request, limit, offset });
          if (Array.isArray(page)) {
            throw new Error("docs answered with the whole list, not a page");
          }
          return { total: page.total, rows: page.documents };
        },
        TABLE_PAGE,
        () => redraw((n) => n + 1),
      ),
    [backend, key, generation],
  );
  useEffect(() => () => rows.close(), [rows]);

  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const element = scroller.current;
    if (element === null) {
      return;
    }
    const measure = (): void => setViewport({ top: element.scrollTop, height: element.clientHeight || 600 });
    measure();
    const observer = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);
  // A new order or filter starts at the top.
  useEffect(() => {
    if (scroller.current !== null) {
      scroller.current.scrollTop = 0;
    }
    setViewport((v) => ({ ...v, top: 0 }));
  }, [key]);

  const total = rows.total;
  const range = visibleRange(viewport.top, viewport.height, ROW_HEIGHT, total ?? TABLE_PAGE, OVERSCAN);
  useEffect(() => rows.want(range.first, range.last), [rows, range.first, range.last]);
  useEffect(() => {
    if (total !== undefined) {
      onTotal(total);
    }
  }, [rows, total]);

  const focusRow = (index: number): void => {
    if (total === undefined || index < 0 || index >= total) {
      return;
    }
    void rows.ensure(index, index).then(() => {
      const row = rows.rowAt(index);
      if (row !== undefined) {
        onFocus(index, row);
      }
    });
    const element = scroller.current;
    if (element !== null) {
      const top = index * ROW_HEIGHT;
      if (top < element.scrollTop) {
        element.scrollTop = top;
      } else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
        element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
      }
    }
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const at = focused ?? -1;
    if (event.key === "ArrowDown" || event.key === "j") {
      event.preventDefault();
      focusRow(at + 1);
    } else if (event.key === "ArrowUp" || event.key === "k") {
      event.preventDefault();
      focusRow(Math.max(at - 1, 0));
    } else if (event.key === " " && focused !== undefined) {
      event.preventDefault();
      const row = rows.rowAt(focused);
      if (row !== undefined) {
        onSelection(clickRow(selection, focused, row.id, { shift: event.shiftKey, toggle: true }, (i) => rows.rowAt(i)?.id));
      }
    } else if (event.key === "Enter" && focused !== undefined) {
      const row = rows.rowAt(focused);
      if (row !== undefined) {
        navigate(documentHref(row.id, { at: focused }));
      }
    }
  };

  const drawn: preact.JSX.Element[] = [];
  for (let index = range.first; total !== undefined && index <= range.last; index++) {
    const row = rows.rowAt(index);
    const selected = isSelected(selection, index);
    drawn.push(
      <div
        key={index}
        class={`doc-row${selected ? " selected" : ""}${focused === index ? " focused" : ""}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-loaded={row !== undefined ? "true" : undefined}
        style={{ top: `${index * ROW_HEIGHT}px` }}
        onClick={(event) => {
          if (row === undefined) {
            return;
          }
          if ((event.target as HTMLElement).closest("a") !== null && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
            return;
          }
          event.preventDefault();
          onSelection(clickRow(selection, index, row.id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }, (i) => rows.rowAt(i)?.id));
          onFocus(index, row);
        }}
      >
        {row === undefined ? (
          <span class="doc-cell loading" role="gridcell">
            …
          </span>
        ) : (
          COLUMNS.map((c) => (
            <span key={c.key} class={`doc-cell col-${c.key}`} role="gridcell" title={c.cell(row)}>
              {c.key === "title" ? (
                <a href={documentHref(row.id, { at: index })} tabIndex={-1}>
                  {c.cell(row)}
                </a>
              ) : (
                c.cell(row)
              )}
            </span>
          ))
        )}
      </div>,
    );
  }

  const [sortName, descending] = request.sort?.startsWith("-") === true ? [request.sort.slice(1), true] : [request.sort, false];
  return (
    <div class="doc-table" role="grid" aria-label="Documents" aria-rowcount={total === undefined ? -1 : total + 1} aria-multiselectable="true">
      <div class="doc-row doc-header" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <span key={c.key} class={`doc-cell col-${c.key}`} role="columnheader" aria-sort={sortName === c.sort && c.sort !== undefined ? (descending ? "descending" : "ascending") : undefined}>
            {c.sort === undefined ? (
              c.label
            ) : (
              <button type="button" class="sort" onClick={() => onSort(nextSort(request.sort, c.sort ?? c.key))}>
                {c.label}
                {sortName === c.sort ? (descending ? " ▼" : " ▲") : ""}
              </button>
            )}
          </span>
        ))}
      </div>
      <div
        class="doc-table-scroll"
        ref={scroller}
        tabIndex={0}
        aria-label="Document rows: ↑/↓ or j/k move, space selects, Enter opens"
        onScroll={(event) => {
          const element = event.currentTarget;
          setViewport({ top: element.scrollTop, height: element.clientHeight || 600 });
        }}
        onKeyDown={onKeyDown}
      >
        <div class="doc-table-body" role="rowgroup" style={{ height: `${(total ?? 0) * ROW_HEIGHT}px` }}>
          {drawn}
        </div>
      </div>
      {rows.error !== undefined && (
        <p role="alert" class="error-text">
          Cannot fetch the documents: {rows.error instanceof Error ? rows.error.message : String(rows.error)}
        </p>
      )}
      {total === 0 && <p class="hint">No document matches.</p>}
    </div>
  );
}
