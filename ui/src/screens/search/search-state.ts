// The search screen's state lives in the hash (`#/search?q=…&kind=…&year=…`), so a search can be
// linked to and reloaded, and the browser's back button undoes a filter. These functions convert
// between that query, the filters, and the `search` command's request.

import type { SearchRequest, SearchSort } from "../../lib/backend";
import { hrefTo } from "../../app/router";

/** The facets a search can be narrowed by. */
export const FACETS = ["kind", "tag", "year", "custodian"] as const;
export type Facet = (typeof FACETS)[number];

/** What the user asked for. */
export interface SearchFilters {
  /** The query as typed. */
  q: string;
  kind?: string;
  tag?: string;
  /** A year, e.g. `2024`: documents dated within it. */
  year?: string;
  /** Whose documents (the custodian recorded at ingest). */
  custodian?: string;
  /** Only the documents a saved search finds (its name). */
  saved?: string;
  /** Leave out documents with this tag. */
  notTag?: string;
  /** Leave out the documents a saved search finds (its name). */
  notSaved?: string;
  /** The order; relevance when absent. */
  sort?: Exclude<SearchSort, "relevance">;
  /** Documents of the order skipped before the page shown. */
  offset?: number;
}

/** Hits per page of the search screen. */
export const PAGE_SIZE = 50;

/** The orders the screen offers, as its sort menu names them. */
export const SORTS: readonly { value: SearchSort; label: string }[] = [
  { value: "relevance", label: "Best match first" },
  { value: "date", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
];

/** The filters a hash query holds. */
export function filtersFromQuery(query: URLSearchParams): SearchFilters {
  const filters: SearchFilters = { q: query.get("q") ?? "" };
  for (const name of FACETS) {
    const value = query.get(name);
    if (value !== null && value !== "") {
      filters[name] = value;
    }
  }
  for (const [param, key] of [["saved", "saved"], ["not_tag", "notTag"], ["not_saved", "notSaved"]] as const) {
    const value = query.get(param);
    if (value !== null && value !== "") {
      filters[key] = value;
    }
  }
  const sort = query.get("sort");
  if (sort === "date" || sort === "oldest") {
    filters.sort = sort;
  }
  const offset = Number(query.get("offset") ?? "");
  if (Number.isInteger(offset) && offset > 0) {
    filters.offset = offset;
  }
  return filters;
}

/** The link that shows these filters. */
export function hrefForFilters(filters: SearchFilters): string {
  return hrefTo("search", {
    q: filters.q,
    kind: filters.kind,
    tag: filters.tag,
    year: filters.year,
    custodian: filters.custodian,
    saved: filters.saved,
    not_tag: filters.notTag,
    not_saved: filters.notSaved,
    sort: filters.sort,
    offset: filters.offset,
  });
}

/** The same search at another offset (the first page when 0). */
export function atOffset(filters: SearchFilters, offset: number): SearchFilters {
  const next = { ...filters };
  if (offset > 0) {
    next.offset = offset;
  } else {
    delete next.offset;
  }
  return next;
}

/** The same search in another order, from its first page. */
export function sortedBy(filters: SearchFilters, sort: SearchSort): SearchFilters {
  const next = atOffset(filters, 0);
  if (sort === "relevance") {
    delete next.sort;
  } else {
    next.sort = sort;
  }
  return next;
}

/**
 * The filters a saved search's request stands for (what the screen shows when it is re-run), or
 * undefined when the screen cannot show all of them (a date range other than one year): such a
 * search is re-run as every document it finds.
 */
export function filtersForRequest(request: SearchRequest): SearchFilters | undefined {
  const oneYear = request.since !== undefined && request.since === request.until && /^\d{4}$/.test(request.since);
  const rangeShown = oneYear || (request.since === undefined && request.until === undefined);
  if (!rangeShown) {
    return undefined;
  }
  const filters: SearchFilters = { q: request.query };
  if (request.kind !== undefined) filters.kind = request.kind;
  if (request.tag !== undefined) filters.tag = request.tag;
  if (request.custodian !== undefined) filters.custodian = request.custodian;
  if (request.in_saved !== undefined) filters.saved = request.in_saved;
  if (request.not_tag !== undefined) filters.notTag = request.not_tag;
  if (request.not_in_saved !== undefined) filters.notSaved = request.not_in_saved;
  if (request.since !== undefined && request.since === request.until && /^\d{4}$/.test(request.since)) {
    filters.year = request.since;
  }
  return filters;
}

/** The filters with one facet set to `value`, or cleared when it already had that value. */
export function toggleFacet(filters: SearchFilters, facet: Facet, value: string): SearchFilters {
  const next = atOffset(filters, 0);
  if (next[facet] === value) {
    delete next[facet];
  } else {
    next[facet] = value;
  }
  return next;
}

/** The `search` request for the filters, or undefined when there is nothing to search for. */
export function requestFor(filters: SearchFilters, limit = PAGE_SIZE): SearchRequest | undefined {
  if (filters.q.trim() === "") {
    return undefined;
  }
  const request: SearchRequest = { query: filters.q, limit };
  if (filters.offset !== undefined) {
    request.offset = filters.offset;
  }
  if (filters.sort !== undefined) {
    request.sort = filters.sort;
  }
  if (filters.saved !== undefined) {
    request.in_saved = filters.saved;
  }
  if (filters.notTag !== undefined) {
    request.not_tag = filters.notTag;
  }
  if (filters.notSaved !== undefined) {
    request.not_in_saved = filters.notSaved;
  }
  if (filters.kind !== undefined) {
    request.kind = filters.kind;
  }
  if (filters.tag !== undefined) {
    request.tag = filters.tag;
  }
  if (filters.custodian !== undefined) {
    request.custodian = filters.custodian;
  }
  if (filters.year !== undefined && /^\d{4}$/.test(filters.year)) {
    request.since = filters.year;
    request.until = filters.year;
  }
  return request;
}
