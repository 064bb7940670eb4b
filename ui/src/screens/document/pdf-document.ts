// pdf.js, loaded only when a PDF is opened. Its worker is a bundled file served from the app's own
// origin (the desktop CSP allows scripts and workers from 'self' only), and eval is off so pdf.js
// never tries what the CSP forbids. The legacy build, for the WebKitGTK of the desktop window
// (2.50 on Debian 12), which lacks some of what the modern build assumes; even so, no pdf.js call
// that iterates a ReadableStream with `for await` may be used (see pdf-viewer.tsx).

import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";
import type { PDFDocumentProxy } from "pdfjs-dist";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js itself, imported once. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((module) => {
    module.GlobalWorkerOptions.workerSrc = workerUrl;
    return module;
  });
  return pdfjs;
}

/**
 * Where pdf.js finds the fonts a PDF may use without embedding them (the base-14: Times,
 * Helvetica, Courier…): copied from pdfjs-dist/standard_fonts into dist/ at build (vite.config.ts)
 * and served from the app's own origin. Without them pdf.js draws such text in whatever font the
 * system has (DejaVu here), at Times' glyph positions: cramped on the canvas, and the text layer
 * cannot line up with it.
 */
export const STANDARD_FONTS_PATH = "pdfjs/standard_fonts/";

/** Opens a PDF from its bytes (which pdf.js takes over). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    // The bundled standard fonts, not look-alikes from the system: their metrics are the PDF's.
    useSystemFonts: false,
    standardFontDataUrl: new URL(STANDARD_FONTS_PATH, document.baseURI).href,
    // Fetched by the page, not the worker: the desktop window's origin is not http(s).
    useWorkerFetch: false,
  }).promise;
}
