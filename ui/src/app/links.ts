// Links between screens, so no screen spells another's hash by hand.

import { hrefTo } from "./router";

/** Where in a document to open it, and what to highlight there. */
export interface DocumentPlace {
  /** The page to show (PDFs and other paginated documents). */
  page?: number | null;
  /** A quote to highlight (a citation's exact words). */
  quote?: string | null;
  /** Words to highlight (a search hit's matches). */
  terms?: readonly string[];
  /** The search that led here, for the way back. */
  query?: string;
  /** Its position in the list it was opened from (review-list.ts), for next/previous. */
  at?: number;
  /** The chronology event whose citation led here, so "Cite for event" offers it first. */
  event?: number;
}

/** Opens the document viewer at a page, with a quote or search terms highlighted. */
export function documentHref(doc: number, at: DocumentPlace = {}): string {
  return hrefTo(`doc/${doc}`, {
    page: at.page ?? undefined,
    quote: at.quote ?? undefined,
    hl: at.terms !== undefined && at.terms.length > 0 ? at.terms.join("|") : undefined,
    q: at.query,
    at: at.at,
    event: at.event,
  });
}

/** What documentHref put in the hash's query. */
export function placeFromQuery(query: URLSearchParams): {
  page: number | undefined;
  quote: string | undefined;
  terms: string[];
  query: string | undefined;
  at: number | undefined;
  event: number | undefined;
} {
  const page = Number.parseInt(query.get("page") ?? "", 10);
  const at = Number.parseInt(query.get("at") ?? "", 10);
  const terms = (query.get("hl") ?? "").split("|").filter((t) => t !== "");
  const event = Number.parseInt(query.get("event") ?? "", 10);
  return {
    page: Number.isFinite(page) && page > 0 ? page : undefined,
    quote: query.get("quote") ?? undefined,
    terms,
    query: query.get("q") ?? undefined,
    at: Number.isFinite(at) && at >= 0 ? at : undefined,
    event: Number.isFinite(event) && event > 0 ? event : undefined,
  };
}

/** The search screen with a query. */
export function searchHref(query: string): string {
  return hrefTo("search", { q: query });
}

/** Opens a policy series, with an optional diff (`from`, `to`) and layout (`view`). */
export function seriesHref(series: string, query: Record<string, string | number | undefined> = {}): string {
  return hrefTo(`policy/${encodeURIComponent(series)}`, query);
}
