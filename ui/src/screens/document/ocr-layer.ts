// The invisible text layer over a scan: every word OCR read, as a transparent span placed on the
// word's box in the image as drawn, so the words can be selected and copied, and search terms and
// a cited quote are highlighted on the image itself (by the same code as a PDF's text layer).

import type { OcrPageView } from "./ocr-commands";
import { highlightTextLayer } from "./pdf-viewer";

/** Where a word is drawn, in CSS pixels from the top left of the image as shown. */
export interface WordPlacement {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** The font size that makes the word as tall as its box. */
  fontSize: number;
}

/**
 * Each word's box scaled from the pixels of the image OCR read (`image_width` x `image_height`)
 * to the image as drawn (`shownWidth` x `shownHeight`). A PDF page was rendered whole for OCR, so
 * the same scaling places words on the page as pdf.js draws it. Words without text, and every
 * word of a page without a size, are left out.
 */
export function placeWords(
  page: Pick<OcrPageView, "words" | "image_width" | "image_height">,
  shownWidth: number,
  shownHeight: number,
): WordPlacement[] {
  if (page.image_width <= 0 || page.image_height <= 0 || shownWidth <= 0 || shownHeight <= 0) {
    return [];
  }
  const sx = shownWidth / page.image_width;
  const sy = shownHeight / page.image_height;
  return page.words
    .filter((w) => w.text.trim() !== "")
    .map((w) => ({
      text: w.text,
      left: w.left * sx,
      top: w.top * sy,
      width: w.width * sx,
      height: w.height * sy,
      fontSize: Math.max(w.height * sy, 1),
    }));
}

/**
 * Draws `page`'s words into `layer` (emptied first) over an image drawn `shownWidth` x
 * `shownHeight`, stretches each span to its box's width, and highlights the quote and terms.
 * Returns how many quote highlights were made.
 */
export function drawOcrLayer(
  layer: HTMLElement,
  page: Pick<OcrPageView, "words" | "image_width" | "image_height">,
  shownWidth: number,
  shownHeight: number,
  quote: string | undefined,
  terms: readonly string[],
): number {
  const placed = placeWords(page, shownWidth, shownHeight);
  const spans = placed.map((p) => {
    const span = document.createElement("span");
    span.textContent = p.text;
    span.style.left = `${p.left}px`;
    span.style.top = `${p.top}px`;
    span.style.fontSize = `${p.fontSize}px`;
    span.style.height = `${p.height}px`;
    return span;
  });
  layer.replaceChildren(...spans);
  // Read all widths, then write all stretches: one layout, not one per word.
  const natural = spans.map((span) => span.getBoundingClientRect().width);
  spans.forEach((span, i) => {
    const width = natural[i] ?? 0;
    const wanted = placed[i]?.width ?? 0;
    if (width > 0 && wanted > 0) {
      span.style.transform = `scaleX(${wanted / width})`;
    }
  });
  // Each word but the last ends in a space, measured out of its stretch: a selection across
  // words copies them apart (a browser copies nothing between positioned spans).
  const items = placed.map((p, i) => (i < placed.length - 1 ? `${p.text} ` : p.text));
  spans.forEach((span, i) => {
    span.textContent = items[i] ?? "";
  });
  return highlightTextLayer(spans, items, quote, terms);
}

