// The search screen's review tools: paging through every hit, the order, saved searches (save the
// search shown, re-run or delete one), and the export of every hit as CSV.

import { useContext, useEffect, useState } from "preact/hooks";
import type { SearchRequest, SearchSort } from "../../lib/backend";
import { BackendError } from "../../lib/backend";
import { exportFileName } from "../../lib/backend/save";
import { CaseContext, useBackend } from "../../app/context";
import { navigate } from "../../app/router";
import { formatNumber } from "../../app/format";
import { deliverExport } from "../exhibits/exports";
import { atOffset, filtersForRequest, hrefForFilters, sortedBy, SORTS, type SearchFilters } from "./search-state";

/** "51–100 of 1,234": the documents shown, counted from 1. */
export function rangeText(offset: number, shown: number, total: number): string {
  if (shown === 0) {
    return `none of ${formatNumber(total)} on this page`;
  }
  return `${formatNumber(offset + 1)}–${formatNumber(offset + shown)} of ${formatNumber(total)}`;
}

/** Previous and next page links around the range shown. */
export function Pager({ filters, offset, shown, total, pageSize }: { filters: SearchFilters; offset: number; shown: number; total: number; pageSize: number }) {
  if (total <= pageSize && offset === 0) {
    return null;
  }
  const previous = Math.max(0, offset - pageSize);
  const next = offset + pageSize;
  return (
    <nav class="pager" aria-label="Pages of results">
      {offset > 0 ? (
        <a href={hrefForFilters(atOffset(filters, previous))} rel="prev">
          ← Previous {formatNumber(Math.min(pageSize, offset))}
        </a>
      ) : (
        <span class="muted">← Previous</span>
      )}{" "}
      <span class="range">{rangeText(offset, shown, total)}</span>{" "}
      {next < total ? (
        <a href={hrefForFilters(atOffset(filters, next))} rel="next">
          Next {formatNumber(Math.min(pageSize, total - next))} →
        </a>
      ) : (
        <span class="muted">Next →</span>
      )}
    </nav>
  );
}

/** The order of the hits. */
export function SortChoice({ filters }: { filters: SearchFilters }) {
  const current: SearchSort = filters.sort ?? "relevance";
  return (
    <label class="sort-choice">
      Order{" "}
      <select value={current} onChange={(event) => navigate(hrefForFilters(sortedBy(filters, event.currentTarget.value as SearchSort)))}>
        {SORTS.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Saves every hit of `request` as a CSV file (through the export saving path). */
export function ExportHits({ request }: { request: SearchRequest }) {
  const backend = useBackend();
  const caseName = useContext(CaseContext)?.summary.name ?? "case";
  const [said, setSaid] = useState<string>();
  const exportAll = async (): Promise<void> => {
    setSaid("Exporting every hit…");
    try {
      const { limit: _limit, offset: _offset, ...all } = request;
      const file = await backend.call("search_export", all);
      setSaid(await deliverExport(backend, exportFileName(caseName, "search-hits", "csv"), file));
    } catch (reason) {
      setSaid(`Not exported: ${BackendError.from(reason).message}`);
    }
  };
  return (
    <p class="export-hits">
      <button type="button" onClick={() => void exportAll()}>
        Export all hits (CSV)
      </button>{" "}
      {said !== undefined && (
        <span role="status" class="muted">
          {said}
        </span>
      )}
    </p>
  );
}

/**
 * The case's saved searches: each re-runs with a click; the search shown can be saved under a
 * name (a name in use is replaced), and one can be deleted (the audit log keeps it).
 */
export function SavedSearches({ request, filters }: { request: SearchRequest | undefined; filters: SearchFilters }) {
  const backend = useBackend();
  const [saved, setSaved] = useState<{ name: string; href: string }[]>();
  const [name, setName] = useState("");
  const [said, setSaid] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    backend.call("saved_searches", {}).then(
      (list) =>
        current &&
        setSaved(list.map((s) => ({ name: s.name, href: hrefForFilters(filtersForRequest(s.request) ?? { q: "*", saved: s.name }) }))),
      (reason: unknown) => current && setSaid(BackendError.from(reason).message),
    );
    return () => {
      current = false;
    };
  }, [backend, version]);

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (request === undefined || name.trim() === "") {
      return;
    }
    const { limit: _limit, offset: _offset, sort: _sort, ...kept } = request;
    try {
      const out = await backend.call("saved_search", { name: name.trim(), request: kept });
      setSaid(`${out.created ? "Saved" : "Replaced"} “${out.saved.name}” (${formatNumber(out.total)} documents now).`);
      setName("");
      setVersion((v) => v + 1);
    } catch (reason) {
      setSaid(`Not saved: ${BackendError.from(reason).message}`);
    }
  };
  const remove = async (doomed: string): Promise<void> => {
    try {
      await backend.call("saved_search_delete", { name: doomed });
      setSaid(`Deleted “${doomed}”.`);
      setVersion((v) => v + 1);
    } catch (reason) {
      setSaid(`Not deleted: ${BackendError.from(reason).message}`);
    }
  };

  return (
    <section class="saved-searches" aria-labelledby="saved-heading">
      <h4 id="saved-heading">Saved searches</h4>
      {saved !== undefined && saved.length === 0 && <p class="hint">None yet.</p>}
      {saved !== undefined && saved.length > 0 && (
        <ul>
          {saved.map((s) => (
            <li key={s.name}>
              <a href={s.href}>{s.name}</a>{" "}
              <a class="muted" href={hrefForFilters({ q: "*", saved: s.name })} title={`Every document “${s.name}” finds, to search within`}>
                (within)
              </a>{" "}
              {request !== undefined && (
                <a class="muted" href={hrefForFilters({ ...atOffset(filters, 0), notSaved: s.name })} title={`This search without the documents “${s.name}” finds`}>
                  (leave out)
                </a>
              )}{" "}
              <button type="button" class="link-button" aria-label={`Delete saved search ${s.name}`} onClick={() => void remove(s.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {request !== undefined && (
        <form class="save-search" onSubmit={(event) => void save(event)}>
          <label for="saved-name">Save this search as</label>{" "}
          <input id="saved-name" value={name} onInput={(event) => setName(event.currentTarget.value)} autocomplete="off" />{" "}
          <button type="submit" disabled={name.trim() === ""}>
            Save
          </button>
        </form>
      )}
      {said !== undefined && (
        <p role="status" class="muted">
          {said}
        </p>
      )}
    </section>
  );
}
