// The search screen's state lives in the hash (`#/search?q=…&kind=…&year=…`), so a search can be
// linked to and reloaded, and the browser's back button undoes a filter. These functions convert
// between that query, the filters, and the `search` command's request.

import type { SearchRequest } from "../../lib/backend";
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
}

/** The filters a hash query holds. */
export function filtersFromQuery(query: URLSearchParams): SearchFilters {
  const filters: SearchFilters = { q: query.get("q") ?? "" };
  for (const name of FACETS) {
    const value = query.get(name);
    if (value !== null && value !== "") {
      filters[name] = value;
    }
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
  });
}

/** The filters with one facet set to `value`, or cleared when it already had that value. */
export function toggleFacet(filters: SearchFilters, facet: Facet, value: string): SearchFilters {
  const next = { ...filters };
  if (next[facet] === value) {
    delete next[facet];
  } else {
    next[facet] = value;
  }
  return next;
}

/** The `search` request for the filters, or undefined when there is nothing to search for. */
export function requestFor(filters: SearchFilters, limit = 50): SearchRequest | undefined {
  if (filters.q.trim() === "") {
    return undefined;
  }
  const request: SearchRequest = { query: filters.q, limit };
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
