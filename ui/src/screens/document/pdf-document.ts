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
 * Where pdf.js finds what it loads on demand, copied from pdfjs-dist into dist/pdfjs/ at build
 * (vite.config.ts) and served from the app's own origin:
 * - the fonts a PDF may use without embedding them (the base-14: Times, Helvetica, Courier…).
 *   Without them pdf.js draws such text in whatever font the system has (DejaVu here), at Times'
 *   glyph positions: cramped on the canvas, and the text layer cannot line up with it;
 * - the predefined CJK CMaps, without which text in a CJK font that names one (UniJIS-UCS2-H…)
 *   neither draws nor reaches the text layer;
 * - the WebAssembly decoders: JPEG 2000 images (most scans from copiers), JBIG2, ICC colour. The
 *   CSP allows compiling WebAssembly ('wasm-unsafe-eval') and nothing more; should a window refuse
 *   it anyway, pdf.js falls back to OpenJPEG's plain-JS build from the same folder;
 * - the CMYK ICC profile.
 */
export const PDFJS_DATA = {
  standardFonts: "pdfjs/standard_fonts/",
  cMaps: "pdfjs/cmaps/",
  wasm: "pdfjs/wasm/",
  iccs: "pdfjs/iccs/",
} as const;

/** Opens a PDF from its bytes (which pdf.js takes over). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  const url = (path: string) => new URL(path, document.baseURI).href;
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    // The bundled standard fonts, not look-alikes from the system: their metrics are the PDF's.
    useSystemFonts: false,
    standardFontDataUrl: url(PDFJS_DATA.standardFonts),
    cMapUrl: url(PDFJS_DATA.cMaps),
    cMapPacked: true,
    wasmUrl: url(PDFJS_DATA.wasm),
    iccUrl: url(PDFJS_DATA.iccs),
    // Fetched by the page, not the worker: the desktop window's origin is not http(s).
    useWorkerFetch: false,
  }).promise;
}
