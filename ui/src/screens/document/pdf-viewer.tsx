// A PDF page drawn by pdf.js from the original bytes, with its text layer over it (so words can be
// selected and cited) and the cited quote and search terms highlighted on the page. A scanned
// page without a text layer gets the words its OCR read instead (ocr-layer.ts).

import { useEffect, useRef, useState } from "preact/hooks";
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from "pdfjs-dist";
import type { TextContent, TextItem, TextMarkedContent } from "pdfjs-dist/types/src/display/api";
import { BackendError, originalBytes } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { highlightsIn, type Highlight } from "../../lib/text/highlight";
import { loadPdfJs, openPdf } from "./pdf-document";
import type { OcrPageView } from "./ocr-commands";
import { drawOcrLayer } from "./ocr-layer";
import { OcrConfidence } from "./ocr-panel";

/** Widest a page is drawn, in CSS pixels. */
const MAX_PAGE_WIDTH = 900;

export interface PdfViewerProps {
  doc: number;
  /** The page to show, from 1. */
  page: number;
  quote: string | undefined;
  terms: readonly string[];
  onPageChange: (page: number) => void;
  /** The document's OCR pages (none when nothing of it was OCRed). */
  ocr?: readonly OcrPageView[];
}

export function PdfViewer({ doc, page, quote, terms, onPageChange, ocr = [] }: PdfViewerProps) {
  const backend = useBackend();
  const [pdf, setPdf] = useState<PDFDocumentProxy | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [rendered, setRendered] = useState<{ page: number; highlights: number } | undefined>();
  const pageBox = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    let opened: PDFDocumentProxy | undefined;
    setPdf(undefined);
    setError(undefined);
    originalBytes(backend, doc)
      .then(({ bytes }) => openPdf(bytes))
      .then(
        (proxy) => {
          opened = proxy;
          if (current) {
            setPdf(proxy);
          } else {
            void proxy.destroy();
          }
        },
        (reason: unknown) => current && setError(BackendError.from(reason).message),
      );
    return () => {
      current = false;
      void opened?.destroy();
    };
  }, [backend, doc]);

  const pageCount = pdf?.numPages ?? 0;
  const shown = Math.min(Math.max(page, 1), Math.max(pageCount, 1));
  const ocrPage = ocr.find((p) => p.n === shown);

  useEffect(() => {
    const box = pageBox.current;
    const drawing = canvas.current;
    const layer = textLayer.current;
    if (pdf === undefined || box === null || drawing === null || layer === null) {
      return;
    }
    let task: RenderTask | undefined;
    let current = true;
    void (async () => {
      try {
        const { TextLayer } = await loadPdfJs();
        const pdfPage = await pdf.getPage(shown);
        const natural = pdfPage.getViewport({ scale: 1 });
        const available = Math.min(box.parentElement?.clientWidth ?? MAX_PAGE_WIDTH, MAX_PAGE_WIDTH);
        const scale = Math.max(available / natural.width, 0.5);
        const viewport = pdfPage.getViewport({ scale });
        const pixelRatio = window.devicePixelRatio || 1;
        drawing.width = Math.floor(viewport.width * pixelRatio);
        drawing.height = Math.floor(viewport.height * pixelRatio);
        drawing.style.width = `${Math.floor(viewport.width)}px`;
        drawing.style.height = `${Math.floor(viewport.height)}px`;
        box.style.setProperty("--total-scale-factor", String(scale));
        box.style.width = `${Math.floor(viewport.width)}px`;
        box.style.height = `${Math.floor(viewport.height)}px`;
        const context = drawing.getContext("2d");
        if (context === null) {
          throw new Error("this browser cannot draw on a canvas");
        }
        task = pdfPage.render({
          canvas: drawing,
          canvasContext: context,
          viewport,
          transform: pixelRatio === 1 ? undefined : [pixelRatio, 0, 0, pixelRatio, 0, 0],
        });
        await task.promise;
        if (!current) {
          return;
        }
        const content = await readTextContent(pdfPage);
        if (!current) {
          return;
        }
        layer.replaceChildren();
        const hasText = content.items.some((item) => "str" in item && item.str.trim() !== "");
        let count: number;
        if (!hasText && ocrPage !== undefined) {
          // A scan: the words OCR read, on their boxes (the page was rendered whole for OCR).
          count = drawOcrLayer(layer, ocrPage, viewport.width, viewport.height, quote, terms);
        } else {
          const text = new TextLayer({ textContentSource: content, container: layer, viewport });
          await text.render();
          if (!current) {
            return;
          }
          setInPageFonts(text.textDivs, content.items);
          count = highlightTextLayer(text.textDivs, text.textContentItemsStr, quote, terms);
        }
        setRendered({ page: shown, highlights: count });
        (layer.querySelector("mark.quote") ?? layer.querySelector("mark.term"))?.scrollIntoView({ block: "center" });
      } catch (reason) {
        if (current && !(reason instanceof Error && reason.name === "RenderingCancelledException")) {
          setError(reason instanceof Error ? reason.message : String(reason));
        }
      }
    })();
    return () => {
      current = false;
      task?.cancel();
    };
  }, [pdf, shown, quote, terms.join("|"), ocrPage]);

  const go = (n: number): void => {
    if (n >= 1 && n <= pageCount && n !== shown) {
      onPageChange(n);
    }
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === "PageDown" || (event.key === "ArrowRight" && event.altKey)) {
      event.preventDefault();
      go(shown + 1);
    } else if (event.key === "PageUp" || (event.key === "ArrowLeft" && event.altKey)) {
      event.preventDefault();
      go(shown - 1);
    }
  };

  if (error !== undefined) {
    return (
      <p role="alert" class="error-text">
        Cannot show this PDF: {error}
      </p>
    );
  }
  return (
    <div class="pdf-viewer" onKeyDown={onKeyDown}>
      <div class="pdf-toolbar" role="toolbar" aria-label="Pages">
        <button type="button" onClick={() => go(shown - 1)} disabled={shown <= 1}>
          Previous page
        </button>
        <label>
          Page{" "}
          <input
            type="number"
            min={1}
            max={pageCount}
            value={shown}
            class="page-input"
            onChange={(event) => go(Number.parseInt(event.currentTarget.value, 10))}
          />{" "}
          of {pageCount === 0 ? "…" : pageCount}
        </label>
        <button type="button" onClick={() => go(shown + 1)} disabled={shown >= pageCount}>
          Next page
        </button>
        {ocrPage !== undefined && <OcrConfidence page={ocrPage} />}
        {rendered !== undefined && quote !== undefined && rendered.page === shown && (
          <span class="muted" role="status">
            {rendered.highlights > 0 ? "The quote is highlighted on this page." : "The quote is not on this page."}
          </span>
        )}
      </div>
      <div class="pdf-stage" tabIndex={0} aria-label={`Page ${shown} of the PDF`}>
        <div class="pdf-page" ref={pageBox} data-page={shown} data-rendered-page={rendered?.page}>
          <canvas ref={canvas} aria-hidden="true" />
          <div class="textLayer" ref={textLayer} />
        </div>
      </div>
    </div>
  );
}

/**
 * A page's text, read from pdf.js's stream by hand: getTextContent() iterates a ReadableStream
 * with `for await`, which WebKitGTK (the desktop window) does not support. Read whole (rather than
 * handed to the text layer as a stream) so each span's item, and so its font, is known.
 */
async function readTextContent(page: PDFPageProxy): Promise<TextContent> {
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<TextContent>;
  const content: TextContent = { items: [], styles: {}, lang: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return content;
    }
    content.items.push(...value.items);
    Object.assign(content.styles, value.styles);
    content.lang ??= value.lang;
  }
}

/**
 * Draws each text-layer span in the font the page itself was drawn with, so highlights line up.
 * pdf.js sets a span in a generic family ("serif": DejaVu Serif on Linux) stretched to the width
 * of its run on the canvas; the ends line up but everything between follows the generic font's
 * proportions, and a highlight that starts mid-line lands a glyph or more off ("Ac" for "Act").
 * The canvas's own fonts are in the document as font faces named after the item's `fontName`
 * (pdf.js loaded them to draw the page), so each span switches to its font and its stretch is
 * rescaled by how much the span's laid-out width changed. Widths are read from the layout, not
 * a canvas's measureText: WebKitGTK's canvas does not see those font faces, so it would measure
 * the generic font again.
 */
function setInPageFonts(divs: readonly HTMLElement[], items: readonly (TextItem | TextMarkedContent)[]): void {
  const loaded = new Set([...document.fonts].filter((face) => face.status === "loaded").map((face) => face.family.replace(/"/g, "")));
  // Items map one to one onto the layer's spans (marked content is not asked for).
  const switched = items.flatMap((item, i) => {
    const div = divs[i];
    if (div === undefined || !div.isConnected || !("str" in item) || item.str.trim() === "" || !loaded.has(item.fontName)) {
      return [];
    }
    return [{ div, family: `"${item.fontName}", ${div.style.fontFamily}` }];
  });
  // Read all, write all, read all, write all: two layouts, not one per span.
  const before = switched.map(({ div }) => div.getBoundingClientRect().width);
  switched.forEach(({ div, family }) => {
    div.style.fontFamily = family;
  });
  const after = switched.map(({ div }) => div.getBoundingClientRect().width);
  switched.forEach(({ div }, i) => {
    const was = before[i] ?? 0;
    const is = after[i] ?? 0;
    if (was > 0 && is > 0) {
      const stretch = Number.parseFloat(div.style.getPropertyValue("--scale-x") || "1");
      div.style.setProperty("--scale-x", String((stretch * was) / is));
    }
  });
}

/**
 * Marks the quote and the terms in a rendered text layer: finds them in the page's text (the
 * layer's items, one per span, joined) and wraps the matching part of each item's span in <mark>. Returns how
 * many quote highlights were made.
 */
export function highlightTextLayer(
  divs: readonly HTMLElement[],
  items: readonly string[],
  quote: string | undefined,
  terms: readonly string[],
): number {
  // Items are joined with a line break: one item ends where a line or a run of text does, so
  // the break keeps words apart for term matching, and quote matching ignores whitespace anyway.
  const joined = items.join("\n");
  const highlights = highlightsIn(joined, quote, terms);
  let offset = 0;
  items.forEach((item, i) => {
    const div = divs[i];
    const start = offset;
    const end = offset + item.length;
    offset = end + 1;
    if (div === undefined) {
      return;
    }
    const inside = highlights.filter((h) => h.start < end && h.end > start);
    if (inside.length === 0) {
      return;
    }
    div.replaceChildren(...pieces(item, start, inside));
  });
  return highlights.filter((h) => h.kind === "quote").length;
}

function pieces(item: string, itemStart: number, highlights: readonly Highlight[]): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const h of highlights) {
    const from = Math.max(h.start - itemStart, 0);
    const to = Math.min(h.end - itemStart, item.length);
    if (from > at) {
      nodes.push(document.createTextNode(item.slice(at, from)));
    }
    const mark = document.createElement("mark");
    mark.className = `highlight ${h.kind}`;
    mark.textContent = item.slice(from, to);
    nodes.push(mark);
    at = to;
  }
  if (at < item.length) {
    nodes.push(document.createTextNode(item.slice(at)));
  }
  return nodes;
}
