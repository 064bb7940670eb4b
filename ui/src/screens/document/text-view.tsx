// A document's extracted text: page by page when it has pages, whole otherwise.

import type { DocumentView } from "../../lib/backend";
import { HighlightedText } from "./highlighted-text";

export function TextView({ doc, page, quote, terms }: { doc: DocumentView; page: number | undefined; quote: string | undefined; terms: readonly string[] }) {
  if (doc.pages.length > 0) {
    // With a page asked for, the quote is highlighted on that page only (where it was cited).
    return (
      <div class="text-pages">
        {doc.pages.map((p) => (
          <section key={p.n} class="text-page" data-page={p.n} aria-label={`Page ${p.n}`}>
            <h4 class="page-label">Page {p.n}</h4>
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
