// The case home, the way into a case: the document table (paged, sorted, filtered, with the
// filter and order in the address so back returns to them), the selection's bulk actions, and
// beside the table the focused document with its metadata, in resizable panes. Counts (by kind,
// by review status), adding evidence and recent activity sit above, folded away. Nothing here
// asks for a whole list: the table fetches pages, recent activity its last rows.

import { useEffect, useState } from "preact/hooks";
import type { CaseSummary, DocsRequest, DocTableRow } from "../../lib/backend";
import { useBackend, useCase } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { countOf, formatNumber } from "../../app/format";
import { hrefTo, replaceHash, type ScreenProps } from "../../app/router";
import { IngestPanel } from "./ingest-panel";
import { CaseActions } from "./case-actions";
import { DocumentTable } from "./document-table";
import { BulkActions, REVIEW_STATUSES, type BulkTarget } from "../../app/bulk-actions";
import { NOTHING_SELECTED, selectedCount, selectedIds, type RowSelection } from "../../app/row-selection";
import { SplitPanes } from "../../app/split-panes";
import { rememberReviewList } from "../../app/review-list";
import { DocumentPreview } from "../document/document-screen";
import { FolderPanel } from "./folder-tree";
import "./document-table.css";

/** How many audit rows "Recent activity" shows. */
const RECENT_ACTIVITY = 8;
/** How long typing in the title filter pauses before the table follows. */
const TYPING_PAUSE_MS = 250;

/** Where whether "Add evidence, recent activity" was last folded or opened is remembered. */
const MORE_KEY = "dossier.home-more";

/** The table's filters and order, as the address holds them. */
const TABLE_KEYS = ["sort", "kind", "tag", "custodian", "folder", "since", "until", "review", "title"] as const;
type TableKey = (typeof TABLE_KEYS)[number];

/** The `docs` request (without paging) that the address's query describes. */
export function tableRequestFrom(query: URLSearchParams): DocsRequest {
  const request: DocsRequest = {};
  for (const key of TABLE_KEYS) {
    const value = query.get(key);
    if (value !== null && value !== "") {
      request[key] = value;
    }
  }
  return request;
}

/** The request without its order: the filter a "select all that match" sends. */
function filterOf(request: DocsRequest): DocsRequest {
  const { sort: _sort, ...filter } = request;
  return filter;
}

export function CaseHome({ query }: ScreenProps) {
  const backend = useBackend();
  const { summary, refresh } = useCase();
  const request = tableRequestFrom(query);
  const requestKey = JSON.stringify(request);
  // Bumped after an ingest or a bulk edit, so the lists below are asked for again.
  const [generation, setGeneration] = useState(0);
  const [selection, setSelection] = useState<RowSelection>(NOTHING_SELECTED);
  const [focused, setFocused] = useState<{ index: number; row: DocTableRow } | undefined>();
  const [total, setTotal] = useState<number | undefined>();
  // Folded on a case with documents, so the table is what opens; open on an empty case, where
  // adding evidence is the next step; as the reviewer last left it otherwise.
  const [moreOpen, setMoreOpen] = useState(() => {
    let remembered: string | null = null;
    try {
      remembered = window.localStorage.getItem(MORE_KEY);
    } catch {
      // Nothing remembered.
    }
    return remembered === null ? summary.documents === 0 : remembered === "open";
  });
  useEffect(() => {
    setSelection(NOTHING_SELECTED);
    setFocused(undefined);
    setTotal(undefined);
  }, [requestKey]);
  useEffect(() => {
    if (total !== undefined) {
      rememberReviewList({ kind: "table", request, total });
    }
  }, [requestKey, total]);

  const setFilter = (key: TableKey, value: string | undefined): void => {
    const next: Record<string, string | undefined> = {};
    for (const k of TABLE_KEYS) {
      next[k] = k === key ? value : (request[k] ?? undefined);
    }
    replaceHash(hrefTo("", next));
  };
  const changed = (): void => {
    setGeneration((g) => g + 1);
    void refresh();
  };
  const target: BulkTarget = selection.kind === "all" ? { matching: filterOf(request) } : { docs: selectedIds(selection) };
  const count = selectedCount(selection);

  return (
    <div class="home">
      <div class="home-top">
        <Counts summary={summary} />
        <details
          class="home-more"
          open={moreOpen}
          onToggle={(e) => {
            const open = e.currentTarget.open;
            // A browser also fires "toggle" when the page first draws the section open: only
            // the reviewer's own folding or opening is remembered.
            if (open === moreOpen) {
              return;
            }
            setMoreOpen(open);
            try {
              window.localStorage.setItem(MORE_KEY, open ? "open" : "folded");
            } catch {
              // Not remembered; it stays as set for now.
            }
          }}
        >
          <summary>Add evidence, recent activity{backend.desktop !== undefined ? ", cases" : ""}</summary>
          <div class="home-columns">
            <IngestPanel onIngested={changed} />
            <div>
              <RecentActivity generation={generation} />
              {backend.desktop !== undefined && <CaseActions desktop={backend.desktop} onSwitched={() => window.location.reload()} />}
            </div>
          </div>
        </details>
      </div>
      <FolderPanel chosen={request.folder ?? undefined} generation={generation} onChoose={(path) => setFilter("folder", path)} />
      <TableFilters request={request} summary={summary} generation={generation} onFilter={setFilter} />
      <div class="selection-bar">
        <span class="match-count" role="status">
          {total === undefined ? "Listing…" : countOf(total, "document", "documents")}
          {total !== undefined && request.sort === undefined && Object.keys(filterOf(request)).length === 0 ? " in ingest order" : ""}
        </span>{" "}
        {total !== undefined && total > 0 && (
          <button type="button" onClick={() => setSelection({ kind: "all", total })}>
            Select all {formatNumber(total)} that match
          </button>
        )}{" "}
        {count > 0 && (
          <button type="button" onClick={() => setSelection(NOTHING_SELECTED)}>
            Clear selection
          </button>
        )}
      </div>
      {count > 0 && <BulkActions target={target} count={count} onChanged={changed} />}
      <SplitPanes name="home" initial={[720]} labels={["Resize the table and the document"]}>
        <DocumentTable
          request={request}
          generation={generation}
          selection={selection}
          onSelection={setSelection}
          focused={focused?.index}
          onFocus={(index, row) => setFocused({ index, row })}
          onSort={(sort) => setFilter("sort", sort)}
          onTotal={setTotal}
        />
        <div class="preview" aria-label="The focused document" role="region">
          {focused === undefined ? (
            <p class="hint">Click a row to read its document here; Enter or its title opens it in the viewer.</p>
          ) : (
            <DocumentPreview key={`${focused.row.id} ${generation}`} id={focused.row.id} at={focused.index} onReviewed={changed} />
          )}
        </div>
      </SplitPanes>
    </div>
  );
}

function Counts({ summary }: { summary: CaseSummary }) {
  return (
    <section class="counts" aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <p class="document-count">{countOf(summary.documents, "document", "documents")}</p>
      {summary.by_kind.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <table class="kinds">
          <caption>Documents by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {summary.by_kind.map(({ kind, count }) => (
              <tr key={kind}>
                <th scope="row">{kind}</th>
                <td>{formatNumber(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.review.length > 0 && (
        <table class="kinds review-counts">
          <caption>Review</caption>
          <tbody>
            {summary.review.map(({ status, count }) => (
              <tr key={status}>
                <th scope="row">{REVIEW_STATUSES.find((s) => s.status === status)?.label ?? status}</th>
                <td>{formatNumber(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The table's filters: kind, tag, custodian, date range, review status, title text. */
function TableFilters({
  request,
  summary,
  generation,
  onFilter,
}: {
  request: DocsRequest;
  summary: CaseSummary;
  generation: number;
  onFilter: (key: TableKey, value: string | undefined) => void;
}) {
  const tags = useCommand("tags", {}, `tags ${generation}`);
  const [title, setTitle] = useState(request.title ?? "");
  useEffect(() => setTitle(request.title ?? ""), [request.title]);
  useEffect(() => {
    if (title === (request.title ?? "")) {
      return;
    }
    const timer = window.setTimeout(() => onFilter("title", title), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [title]);
  // Text filters apply when the field is left or Enter is pressed, not on each key.
  const text = (key: "custodian" | "since" | "until", label: string, placeholder: string) => (
    <label>
      {label}{" "}
      <input
        type="text"
        name={key}
        value={request[key] ?? ""}
        placeholder={placeholder}
        size={key === "custodian" ? 12 : 10}
        onChange={(e) => onFilter(key, e.currentTarget.value.trim())}
      />
    </label>
  );
  return (
    <form class="table-filters" aria-label="Filter the documents" onSubmit={(e) => e.preventDefault()}>
      <label>
        Title{" "}
        <input type="search" name="title" value={title} placeholder="words in the title" onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        Kind{" "}
        <select name="kind" value={request.kind ?? ""} onChange={(e) => onFilter("kind", e.currentTarget.value)}>
          <option value="">any</option>
          {summary.by_kind.map(({ kind }) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag{" "}
        <select name="tag" value={request.tag ?? ""} onChange={(e) => onFilter("tag", e.currentTarget.value)}>
          <option value="">any</option>
          {(tags.status === "done" ? tags.output : []).map(({ tag }) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      {text("custodian", "Custodian", "name")}
      {text("since", "From", "2001-05")}
      {text("until", "to", "2001-12-31")}
      <label>
        Review{" "}
        <select name="review" value={request.review ?? ""} onChange={(e) => onFilter("review", e.currentTarget.value)}>
          <option value="">any</option>
          {REVIEW_STATUSES.map(({ status, label }) => (
            <option key={status} value={status}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/**
 * The latest activity in words ("Cited “Complaint”, p. 5, for …"), a run of similar changes as
 * one line ("Tagged 5,246 documents privileged"), the audit record on hover.
 */
export function RecentActivity({ generation }: { generation: number }) {
  const activity = useCommand("activity", { limit: RECENT_ACTIVITY }, `activity ${generation}`);
  if (activity.status !== "done") {
    return null;
  }
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Recent activity</h2>
      <ol class="activity">
        {activity.output.map((line) => (
          <li key={line.last_seq}>
            <time dateTime={line.at}>{line.at.slice(0, 16).replace("T", " ")}</time>{" "}
            <span title={line.count > 1 ? `${line.count} audit rows, ${line.first_seq} to ${line.last_seq} (${line.action})` : `${line.action} ${line.target}`}>
              {line.summary_text}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
