// A scanned image (PNG, JPEG, WebP; TIFF has no browser decoder) drawn page by page with the
// invisible text layer of its OCR over it (ocr-layer.ts): words selectable for a citation or a
// note, search terms and the cited quote highlighted on the image. An image the browser cannot
// draw (TIFF, a damaged file) shows the words OCR read where they stand on the page instead.

import { useEffect, useRef, useState } from "preact/hooks";
import { BackendError, originalBytes } from "../../lib/backend";
import { useBackend } from "../../app/context";
import type { OcrPageView } from "./ocr-commands";
import { drawOcrLayer } from "./ocr-layer";
import { OcrConfidence } from "./ocr-panel";

/** Widest a page is drawn, in CSS pixels (as a PDF page). */
const MAX_PAGE_WIDTH = 900;

export interface ScanViewerProps {
  doc: number;
  mediaType: string;
  /** Its OCR pages (empty when it was not OCRed). */
  ocr: readonly OcrPageView[];
  /** The page to show, from 1. */
  page: number;
  quote: string | undefined;
  terms: readonly string[];
  onPageChange: (page: number) => void;
}

export function ScanViewer({ doc, mediaType, ocr, page, quote, terms, onPageChange }: ScanViewerProps) {
  const backend = useBackend();
  const [source, setSource] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  // The image's natural size once drawn; "unreadable" when the browser cannot draw it.
  const [drawn, setDrawn] = useState<{ width: number; height: number } | "unreadable" | undefined>();
  const [highlights, setHighlights] = useState<number | undefined>();
  const stage = useRef<HTMLDivElement>(null);
  const layer = useRef<HTMLDivElement>(null);

  const pageCount = Math.max(ocr.length, 1);
  const shown = Math.min(Math.max(page, 1), pageCount);
  const ocrPage = ocr.find((p) => p.n === shown);
  // A multi-page TIFF is one file; only its first page is the image itself.
  const drawable = mediaType !== "image/tiff" && shown === 1;

  useEffect(() => {
    let current = true;
    let url: string | undefined;
    setSource(undefined);
    setError(undefined);
    setDrawn(undefined);
    originalBytes(backend, doc).then(
      ({ bytes }) => {
        if (current) {
          url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType }));
          setSource(url);
        }
      },
      (reason: unknown) => current && setError(BackendError.from(reason).message),
    );
    return () => {
      current = false;
      if (url !== undefined) {
        URL.revokeObjectURL(url);
      }
    };
  }, [backend, doc, mediaType]);

  // The page's size on screen: the stage's width (at most MAX_PAGE_WIDTH), with the aspect of
  // the image OCR read (EXIF orientation applied, as the browser applies it) or else as drawn.
  const natural = ocrPage !== undefined && ocrPage.image_width > 0 ? { width: ocrPage.image_width, height: ocrPage.image_height } : typeof drawn === "object" ? drawn : undefined;
  const available = Math.min(stage.current?.clientWidth ?? MAX_PAGE_WIDTH, MAX_PAGE_WIDTH);
  const width = natural === undefined ? undefined : Math.min(available, natural.width);
  const height = natural === undefined || width === undefined ? undefined : (width * natural.height) / natural.width;
  const unreadable = !drawable || drawn === "unreadable";

  useEffect(() => {
    const box = layer.current;
    if (box === null || ocrPage === undefined || width === undefined || height === undefined) {
      return;
    }
    if (drawable && drawn === undefined) {
      return;
    }
    setHighlights(drawOcrLayer(box, ocrPage, width, height, quote, terms));
    (box.querySelector("mark.quote") ?? box.querySelector("mark.term"))?.scrollIntoView({ block: "center" });
  }, [ocrPage, width, height, drawn, drawable, quote, terms.join("|")]);

  const go = (n: number): void => {
    if (n >= 1 && n <= pageCount && n !== shown) {
      setHighlights(undefined);
      onPageChange(n);
    }
  };

  if (error !== undefined) {
    return (
      <p role="alert" class="error-text">
        Cannot show this image: {error}
      </p>
    );
  }
  return (
    <div class="pdf-viewer scan-viewer">
      <div class="pdf-toolbar" role="toolbar" aria-label="Pages">
        {pageCount > 1 && (
          <>
            <button type="button" onClick={() => go(shown - 1)} disabled={shown <= 1}>
              Previous page
            </button>
            <span>
              Page {shown} of {pageCount}
            </span>
            <button type="button" onClick={() => go(shown + 1)} disabled={shown >= pageCount}>
              Next page
            </button>
          </>
        )}
        {ocrPage !== undefined && <OcrConfidence page={ocrPage} />}
        {highlights !== undefined && quote !== undefined && (
          <span class="muted" role="status">
            {highlights > 0 ? "The quote is highlighted on this page." : "The quote is not on this page."}
          </span>
        )}
      </div>
      {ocrPage === undefined && <p class="hint">This image was not read by OCR, so its words cannot be selected or searched (run OCR on it from the command line: dossier ocr).</p>}
      {unreadable && ocrPage !== undefined && (
        <p class="hint">This browser cannot draw this image{mediaType === "image/tiff" ? " (TIFF)" : ""}: the words OCR read are shown where they stand on the page.</p>
      )}
      <div class="pdf-stage" ref={stage} tabIndex={0} aria-label={`Page ${shown} of the image`}>
        <div
          class={`pdf-page scan-page${unreadable ? " scan-unreadable" : ""}`}
          data-page={shown}
          style={width !== undefined && height !== undefined ? { width: `${width}px`, height: `${height}px` } : undefined}
        >
          {drawable && source !== undefined && drawn !== "unreadable" && (
            <img
              src={source}
              alt={`Page ${shown} of the scan`}
              class="scan-image"
              onLoad={(event) => setDrawn({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
              onError={() => setDrawn("unreadable")}
            />
          )}
          <div class="textLayer ocr-layer" ref={layer} />
        </div>
      </div>
    </div>
  );
}

