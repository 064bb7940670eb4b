// The document viewer: the document as its format shows best (a PDF's pages, a scanned image with
// its OCR words over it, an article's reader view, an email with its headers, attachments and
// thread, or plain text), opened at a page with
// a quote and search terms highlighted (`#/doc/ID?page=N&quote=…&hl=…`); beside it what can be
// done with it (cite the selected words for an event, tags, notes) and what the case knows
// about it (metadata, hash, provenance).

import { useEffect, useRef, useState } from "preact/hooks";
import type { DocumentView } from "../../lib/backend";
import { replaceHash, type ScreenProps } from "../../app/router";
import { useCommand } from "../../app/use-command";
import { dayOf } from "../../app/format";
import { documentHref, placeFromQuery, searchHref } from "../../app/links";
import { selectionIn, type TextSelection } from "./selection";
import { PdfViewer } from "./pdf-viewer";
import { ArticleReader } from "./article-reader";
import { EmailView } from "./email-view";
import { TextView } from "./text-view";
import { MetadataPanel } from "./metadata-panel";
import { TagsPanel } from "./tags-panel";
import { NotesPanel } from "./notes-panel";
import { CitePanel } from "./cite-panel";
import { visible } from "../../lib/text/visible";
import { SplitPanes } from "../../app/split-panes";
import { ReviewBar } from "./review-bar";
import { ScanViewer } from "./scan-viewer";
import { OcrPanel } from "./ocr-panel";
import type { OcrPagesOutput } from "./ocr-commands";

export function DocumentScreen({ params, query }: ScreenProps) {
  const id = Number.parseInt(params["id"] ?? "", 10);
  if (!Number.isFinite(id)) {
    return <p role="alert">There is no document “{params["id"]}”.</p>;
  }
  return <ShownDocument id={id} query={query} />;
}

/**
 * A document beside the document table (the case home's preview pane): the viewer without its
 * keys (the table has its own) and with `onReviewed` told when its review status changes.
 */
export function DocumentPreview({ id, at, onReviewed }: { id: number; at: number; onReviewed: () => void }) {
  return <ShownDocument id={id} query={new URLSearchParams({ at: String(at) })} embedded={{ onReviewed }} />;
}

function ShownDocument({ id, query, embedded }: { id: number; query: URLSearchParams; embedded?: { onReviewed: () => void } }) {
  const shown = useCommand("show", { doc: id }, `show ${id}`);
  if (shown.status === "loading") {
    return <p class="status">Opening document {id}…</p>;
  }
  if (shown.status === "failed") {
    return (
      <section class="error" role="alert" aria-labelledby="doc-error-heading">
        <h2 id="doc-error-heading">Cannot open document {id}</h2>
        <p>{shown.error.message}</p>
      </section>
    );
  }
  return <DocumentPage key={id} doc={shown.output} query={query} embedded={embedded} />;
}

/**
 * How a document is best shown. A failed PDF is shown as text (pdf.js could not read it
 * either), unless it was read into pages that only lack text: a scan without a text layer is
 * failed for want of text, and its pages are still worth seeing.
 */
export function viewFor(doc: DocumentView): "pdf" | "scan" | "article" | "email" | "text" {
  if (doc.media_type === "application/pdf" && (doc.status !== "failed" || doc.pages.length > 0)) {
    return "pdf";
  }
  if (doc.media_type?.startsWith("image/") === true) {
    return "scan";
  }
  if (doc.meta["rendition.html"] !== undefined) {
    return "article";
  }
  if (doc.kind === "email") {
    return "email";
  }
  return "text";
}

function DocumentPage({ doc, query, embedded }: { doc: DocumentView; query: URLSearchParams; embedded: { onReviewed: () => void } | undefined }) {
  const place = placeFromQuery(query);
  const view = viewFor(doc);
  const [selection, setSelection] = useState<TextSelection | undefined>();
  // Articles open in the reader, unless there is something to highlight (the reader's frame is
  // sealed off, so highlights and selections are made on the extracted text).
  const [articleMode, setArticleMode] = useState<"reader" | "text">(
    place.quote !== undefined || place.terms.length > 0 ? "text" : "reader",
  );
  const body = useRef<HTMLDivElement>(null);
  // What OCR read on a PDF's or an image's pages, read again after a correction.
  const [ocrGeneration, setOcrGeneration] = useState(0);
  const scanned = view === "pdf" || view === "scan";
  const ocrState = useCommand("ocr_pages", scanned ? { doc: doc.id } : undefined, `ocr ${doc.id} ${ocrGeneration}`);
  // The last answer stays shown while a correction is read back, so the panel keeps its place.
  const lastOcr = useRef<OcrPagesOutput | undefined>(undefined);
  if (ocrState.status === "done") {
    lastOcr.current = ocrState.output;
  }
  const ocr = lastOcr.current;
  const ocrPages = ocr?.pages ?? [];

  useEffect(() => {
    const follow = (): void => {
      if (body.current !== null) {
        const selected = selectionIn(body.current, document.getSelection());
        if (selected !== undefined) {
          setSelection(selected);
        }
      }
    };
    document.addEventListener("selectionchange", follow);
    return () => document.removeEventListener("selectionchange", follow);
  }, []);

  const title = visible(doc.title ?? `Document ${doc.id}`);
  const goToPage = (page: number): void =>
    replaceHash(documentHref(doc.id, { page, ...(place.quote !== undefined ? { quote: place.quote } : {}), terms: place.terms, ...(place.query !== undefined ? { query: place.query } : {}), ...(place.event !== undefined ? { event: place.event } : {}) }));
  return (
    <article class="document" aria-labelledby="doc-title">
      <header class="doc-header">
        {place.query !== undefined && (
          <p class="back">
            <a href={searchHref(place.query)}>← Back to the results for “{place.query}”</a>
          </p>
        )}
        <h2 id="doc-title">{title}</h2>
        <ReviewBar doc={doc} at={place.at} keys={embedded === undefined} onReviewed={embedded?.onReviewed} />
        <p class="muted">
          <span class="kind-badge">{doc.kind}</span> {dayOf(doc.date)} · document {doc.id}
          {place.quote !== undefined && <> · showing the quote “{place.quote}”</>}
        </p>
        {view === "article" && (
          <div class="view-switch" role="group" aria-label="Show the article as">
            <button type="button" aria-pressed={articleMode === "reader"} onClick={() => setArticleMode("reader")}>
              Reader
            </button>
            <button type="button" aria-pressed={articleMode === "text"} onClick={() => setArticleMode("text")}>
              Text
            </button>
            {articleMode === "reader" && <span class="muted"> To cite or note words, select them in the Text view.</span>}
          </div>
        )}
      </header>
      <SplitPanes name="document" initial={[352]} growing={0} labels={["Resize the document and its metadata"]}>
        <div class="doc-body" ref={body} aria-label="Document content" role="region">
          {view === "pdf" && (
            <PdfViewer doc={doc.id} page={place.page ?? 1} quote={place.quote} terms={place.terms} onPageChange={goToPage} ocr={ocrPages} />
          )}
          {view === "scan" && (
            <ScanViewer
              doc={doc.id}
              mediaType={doc.media_type ?? ""}
              ocr={ocrPages}
              page={place.page ?? 1}
              quote={place.quote}
              terms={place.terms}
              onPageChange={goToPage}
            />
          )}
          {view === "article" &&
            (articleMode === "reader" ? (
              <ArticleReader rendition={doc.meta["rendition.html"] ?? ""} title={title} lang={doc.meta["lang"]} />
            ) : (
              <TextView doc={doc} page={place.page} quote={place.quote} terms={place.terms} />
            ))}
          {view === "email" && <EmailView doc={doc} quote={place.quote} terms={place.terms} />}
          {view === "text" && <TextView doc={doc} page={place.page} quote={place.quote} terms={place.terms} />}
        </div>
        <aside class="doc-side" aria-label="About this document">
          {ocr !== undefined && ocr.pages.length > 0 && (
            <OcrPanel doc={doc.id} ocr={ocr} page={place.page ?? 1} goToPage={goToPage} onCorrected={() => setOcrGeneration((g) => g + 1)} />
          )}
          <CitePanel doc={doc.id} fromEvent={place.event} selection={selection} onClear={() => setSelection(undefined)} />
          <TagsPanel doc={doc.id} initial={doc.tags} />
          <NotesPanel doc={doc.id} selection={selection} />
          <MetadataPanel doc={doc} />
        </aside>
      </SplitPanes>
    </article>
  );
}
