// A document's extracted text: page by page when it has pages, whole otherwise. A
// spreadsheet's pages are its sheets (rows as lines, cells separated by tabs) and a
// presentation's its slides (each with its notes), so they are labelled as such.

import type { DocumentView } from "../../lib/backend";
import { HighlightedText } from "./highlighted-text";

/** What one page of a document of this kind is called. */
export function pageNoun(kind: string): "Sheet" | "Slide" | "Page" {
  if (kind === "spreadsheet") {
    return "Sheet";
  }
  if (kind === "presentation") {
    return "Slide";
  }
  return "Page";
}

export function TextView({ doc, page, quote, terms }: { doc: DocumentView; page: number | undefined; quote: string | undefined; terms: readonly string[] }) {
  if (doc.pages.length > 0) {
    // With a page asked for, the quote is highlighted on that page only (where it was cited).
    const noun = pageNoun(doc.kind);
    return (
      <div class="text-pages">
        {doc.pages.map((p) => (
          <section key={p.n} class="text-page" data-page={p.n} aria-label={`${noun} ${p.n}`}>
            <h4 class="page-label">{noun} {p.n}</h4>
            <HighlightedText text={p.text} quote={page === undefined || page === p.n ? quote : undefined} terms={terms} />
          </section>
        ))}
      </div>
    );
  }
  if (doc.text === null || doc.text === "") {
    return <p class="hint">This document has no extracted text{doc.status_detail !== null ? `: ${doc.status_detail}` : "."}</p>;
  }
  return <HighlightedText text={doc.text} quote={quote} terms={terms} />;
}
