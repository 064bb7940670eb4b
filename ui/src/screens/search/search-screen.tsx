// Search: a query box, facets (kind, tag, year, custodian) that narrow the results as they are
// chosen, and the hits with their highlighted snippets and page numbers. The results follow the
// hash, so typing, choosing a facet and going back all update them. Keyboard: ↓ from the box
// moves into the results, ↑/↓ move between them, Enter opens one, Escape returns to the box.

import { useEffect, useRef, useState } from "preact/hooks";
import type { RefObject } from "preact";
import type { SearchHit, SearchOutput } from "../../lib/backend";
import { replaceHash, navigate, type ScreenProps } from "../../app/router";
import { useCommand } from "../../app/use-command";
import { countOf, dayOf, formatNumber } from "../../app/format";
import { documentHref } from "../../app/links";
import { markedTerms, snippetParts } from "../../lib/text/snippet";
import { FACETS, PAGE_SIZE, atOffset, filtersFromQuery, hrefForFilters, requestFor, toggleFacet, type Facet, type SearchFilters } from "./search-state";
import { ExportHits, Pager, SavedSearches, SortChoice, rangeText } from "./review-tools";
import { QueryHelp } from "./query-help";
import { visible } from "../../lib/text/visible";
import { BulkActions, type BulkTarget } from "../../app/bulk-actions";
import { NOTHING_SELECTED, clickRow, isSelected, selectedCount, selectedIds, type RowSelection } from "../../app/row-selection";
import { rememberReviewList } from "../../app/review-list";

/** How long typing pauses before the results follow. */
const TYPING_PAUSE_MS = 250;

export function SearchScreen({ query }: ScreenProps) {
  const filters = filtersFromQuery(query);
  const request = requestFor(filters);
  const [typed, setTyped] = useState(filters.q);
  const box = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [selection, setSelection] = useState<RowSelection>(NOTHING_SELECTED);
  const [generation, setGeneration] = useState(0);
  const results = useCommand("search", request, `${JSON.stringify(request ?? null)} ${generation}`);
  // The list the viewer moves through (j/k): every hit of this search, in this order.
  const listRequest = request === undefined ? undefined : (({ limit: _limit, offset: _offset, ...rest }) => rest)(request);
  const listKey = JSON.stringify(listRequest ?? null);
  useEffect(() => setSelection(NOTHING_SELECTED), [listKey]);
  // The total of the last answer, kept while the results are fetched again after an edit.
  const [shownTotal, setShownTotal] = useState<number | undefined>();
  useEffect(() => setShownTotal(undefined), [listKey]);
  useEffect(() => {
    if (listRequest !== undefined && results.status === "done") {
      setShownTotal(results.output.total);
      rememberReviewList({ kind: "search", request: listRequest, total: results.output.total });
    }
  }, [listKey, results.status]);
  // "All that match" is sent as the search itself, filters and all: the backend finds every
  // match again, so the edit covers exactly what the total counts, never a page of ids.
  const target: BulkTarget | undefined =
    selection.kind === "all" ? (listRequest === undefined ? undefined : { search: listRequest }) : { docs: selectedIds(selection) };

  // The box follows the hash when it changes from outside (back button, a link), but not when
  // the screen first draws: words typed before its effects ran would be wiped.
  const hashQuery = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== hashQuery.current) {
      hashQuery.current = filters.q;
      setTyped(filters.q);
    }
  }, [filters.q]);
  useEffect(() => box.current?.focus(), []);
  useEffect(() => {
    if (typed === filters.q) {
      return;
    }
    const timer = window.setTimeout(() => replaceHash(hrefForFilters({ ...filters, q: typed })), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const resultLinks = (): HTMLAnchorElement[] => [...(list.current?.querySelectorAll<HTMLAnchorElement>("a.hit-link") ?? [])];
  const onBoxKey = (event: KeyboardEvent): void => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      resultLinks()[0]?.focus();
    }
  };
  const onListKey = (event: KeyboardEvent): void => {
    const links = resultLinks();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
      if (next < 0) {
        box.current?.focus();
      } else {
        links[next]?.focus();
      }
    } else if (event.key === "Escape") {
      box.current?.focus();
    }
  };

  return (
    <div class="search-screen">
      <h2 id="search-heading" class="visually-hidden">
        Search
      </h2>
      <form
        role="search"
        aria-labelledby="search-heading"
        class="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(hrefForFilters({ ...filters, q: typed }));
        }}
      >
        <label for="search-box">Search</label>
        <input
          id="search-box"
          ref={box}
          type="search"
          value={typed}
          placeholder="words, &quot;a phrase&quot;, from:name, date:[2024-08 TO 2024-09]"
          autocomplete="off"
          onInput={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={onBoxKey}
        />
        <button type="submit">Search</button>
        <QueryHelp />
        <a class="batch-link" href="#/search/batch">
          Batch search…
        </a>
      </form>
      <div class="search-body">
        <aside class="facets" aria-label="Filters">
          <ActiveFilters filters={filters} />
          {results.status === "done" &&
            FACETS.map((facet) => <FacetList key={facet} facet={facet} filters={filters} counts={results.output.facets[facet]} />)}
          <SavedSearches request={request} filters={filters} />
        </aside>
        <section class="results" aria-labelledby="results-heading" aria-busy={results.status === "loading" && request !== undefined}>
          <h3 id="results-heading">Results</h3>
          {request !== undefined && (
            <p class="selection-bar">
              {shownTotal !== undefined && shownTotal > 0 && (
                <button type="button" onClick={() => setSelection({ kind: "all", total: shownTotal })}>
                  Select all {formatNumber(shownTotal)} that match
                </button>
              )}{" "}
              {selectedCount(selection) > 0 && (
                <button type="button" onClick={() => setSelection(NOTHING_SELECTED)}>
                  Clear selection
                </button>
              )}
            </p>
          )}
          {selectedCount(selection) > 0 && target !== undefined && (
            <BulkActions target={target} count={selectedCount(selection)} onChanged={() => setGeneration((g) => g + 1)} />
          )}
          {request === undefined ? (
            <p class="hint">Type words to search every document of the case.</p>
          ) : results.status === "failed" ? (
            <p role="alert" class="error-text">
              {results.error.message}
            </p>
          ) : results.status === "done" ? (
            <>
              <Hits output={results.output} filters={filters} list={list} onKeyDown={onListKey} selection={selection} onSelection={setSelection} />
              <Pager filters={filters} offset={results.output.offset} shown={results.output.hits.length} total={results.output.total} pageSize={PAGE_SIZE} />
              <ExportHits request={request} />
            </>
          ) : (
            <p class="status">Searching…</p>
          )}
        </section>
      </div>
    </div>
  );
}

function ActiveFilters({ filters }: { filters: SearchFilters }) {
  const active = FACETS.filter((f) => filters[f] !== undefined);
  const exclusions = (["saved", "notTag", "notSaved"] as const).filter((key) => filters[key] !== undefined);
  if (active.length === 0 && exclusions.length === 0) {
    return null;
  }
  const labels = { saved: "within saved", notTag: "not tagged", notSaved: "not in saved" } as const;
  const without = (key: (typeof exclusions)[number]): SearchFilters => {
    const { offset: _offset, ...rest } = filters;
    delete rest[key];
    return rest;
  };
  return (
    <p class="active-filters">
      {active.map((facet) => (
        <a key={facet} class="chip" href={hrefForFilters(toggleFacet(filters, facet, filters[facet] ?? ""))}>
          {facet}: {filters[facet]} <span aria-hidden="true">×</span>
          <span class="visually-hidden">(remove this filter)</span>
        </a>
      ))}
      {exclusions.map((key) => (
        <a key={key} class="chip" href={hrefForFilters(without(key))}>
          {labels[key]}: {filters[key]} <span aria-hidden="true">×</span>
          <span class="visually-hidden">(remove this filter)</span>
        </a>
      ))}
    </p>
  );
}

const FACET_LABELS: Record<Facet, string> = { kind: "Kind", tag: "Tag", year: "Year", custodian: "Custodian" };

function FacetList({ facet, filters, counts }: { facet: Facet; filters: SearchFilters; counts: Record<string, number> }) {
  const values = Object.entries(counts);
  if (values.length === 0) {
    return null;
  }
  return (
    <nav class="facet" aria-label={`${FACET_LABELS[facet]} filter`}>
      <h4>{FACET_LABELS[facet]}</h4>
      <ul>
        {values.map(([value, count]) => (
          <li key={value}>
            <a href={hrefForFilters(toggleFacet(filters, facet, value))} aria-current={filters[facet] === value ? "true" : undefined}>
              {value} <span class="count">{formatNumber(count)}</span>
            </a>
            {facet === "tag" && filters.tag !== value && (
              <a class="exclude" href={hrefForFilters({ ...atOffset(filters, 0), notTag: value })} aria-label={`Leave out tag ${value}`} title="Leave out documents with this tag">
                −
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Hits({
  output,
  filters,
  list,
  onKeyDown,
  selection,
  onSelection,
}: {
  output: SearchOutput;
  filters: SearchFilters;
  list: RefObject<HTMLOListElement | null>;
  onKeyDown: (event: KeyboardEvent) => void;
  selection: RowSelection;
  onSelection: (selection: RowSelection) => void;
}) {
  const idAt = (index: number): number | undefined => output.hits[index - output.offset]?.doc;
  return (
    <>
      <p class="result-count" role="status">
        {countOf(output.total, "matching document", "matching documents")}
        {output.hits.length < output.total ? `; ${rangeText(output.offset, output.hits.length, output.total)} shown` : ""}
      </p>
      <SortChoice filters={filters} />
      {output.index_behind && (
        <p class="index-behind" role="alert">
          The search index does not yet hold the latest changes to this case (an ingest is still running, or one
          stopped early): these results may be incomplete. Reindex the case if this stays.
        </p>
      )}
      <ol class="hits" ref={list} onKeyDown={onKeyDown} start={output.offset + 1}>
        {output.hits.map((hit, i) => (
          <HitItem
            key={hit.doc}
            hit={hit}
            query={filters.q}
            at={output.offset + i}
            selected={isSelected(selection, output.offset + i)}
            onClick={(event) => {
              if ((event.target as HTMLElement).closest("a") !== null && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
                return;
              }
              event.preventDefault();
              onSelection(clickRow(selection, output.offset + i, hit.doc, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }, idAt));
            }}
          />
        ))}
      </ol>
    </>
  );
}

function HitItem({ hit, query, at, selected, onClick }: { hit: SearchHit; query: string; at: number; selected: boolean; onClick: (event: MouseEvent) => void }) {
  const terms = markedTerms(hit.snippet);
  const href = (page: number | null, snippet: string): string =>
    documentHref(hit.doc, { page, query, terms: markedTerms(snippet).length > 0 ? markedTerms(snippet) : terms, at });
  return (
    <li class={`hit${selected ? " selected" : ""}`} aria-selected={selected} onClick={onClick}>
      <a class="hit-link" href={href(hit.page, hit.snippet)}>
        <span class="hit-title">{visible(hit.title ?? `Document ${hit.doc}`)}</span>
      </a>{" "}
      <span class="kind-badge">{hit.kind}</span> <span class="muted">{dayOf(hit.date)}</span>
      {hit.page !== null && <span class="page-number"> · page {hit.page}</span>}
      <p class="snippet">
        <Snippet snippet={hit.snippet} />
      </p>
      {hit.pages.length > 1 && (
        <p class="more-pages">
          Also on{" "}
          {hit.pages.slice(1).map((p, i) => (
            <span key={p.page ?? i}>
              {i > 0 && ", "}
              <a href={href(p.page, p.snippet)}>page {p.page}</a>
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

/** A snippet with its matches marked, built as text nodes (never as HTML). */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <>
      {snippetParts(snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}
