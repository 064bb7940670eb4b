import { describe, expect, test } from "vitest";
import { drawOcrLayer, placeWords } from "./ocr-layer";
import type { OcrWord } from "./ocr-commands";

const word = (text: string, left: number, top: number, width: number, height: number): OcrWord => ({ text, left, top, width, height, confidence: 90 });

/** A 2550 x 3300 scan (a letter page at 300 dpi) with a line of three words. */
const page = {
  image_width: 2550,
  image_height: 3300,
  words: [word("Thurgood", 300, 600, 510, 60), word("Marshall", 840, 600, 480, 60), word("Courthouse", 1350, 600, 600, 75)],
};

describe("the OCR text layer", () => {
  test("each word lands on its box in the image as drawn, scaled from the pixels OCR read", () => {
    // Drawn 850 px wide: a third of the scan's pixels.
    const placed = placeWords(page, 850, 1100);
    expect(placed.map((p) => p.text)).toEqual(["Thurgood", "Marshall", "Courthouse"]);
    expect(placed[0]).toEqual({ text: "Thurgood", left: 100, top: 200, width: 170, height: 20, fontSize: 20 });
    expect(placed[2]?.left).toBeCloseTo(450);
    expect(placed[2]?.width).toBeCloseTo(200);
    expect(placed[2]?.height).toBeCloseTo(25);
  });

  test("a page drawn with another aspect scales across and down separately", () => {
    const placed = placeWords(page, 1275, 3300);
    expect(placed[0]).toMatchObject({ left: 150, top: 600, width: 255, height: 60 });
  });

  test("empty words and pages without a size place nothing", () => {
    expect(placeWords({ ...page, words: [word("  ", 1, 1, 1, 1)] }, 850, 1100)).toEqual([]);
    expect(placeWords({ ...page, image_width: 0 }, 850, 1100)).toEqual([]);
    expect(placeWords(page, 0, 0)).toEqual([]);
  });

  test("the drawn layer holds the words apart, positioned, with the quote and terms marked on them", () => {
    const layer = document.createElement("div");
    const quotes = drawOcrLayer(layer, page, 850, 1100, "Marshall Courthouse", ["thurgood"]);
    expect(quotes).toBe(1);
    const spans = [...layer.querySelectorAll("span")];
    expect(spans.map((s) => [s.textContent?.trim(), s.style.left, s.style.top])).toEqual([
      ["Thurgood", "100px", "200px"],
      ["Marshall", "280px", "200px"],
      ["Courthouse", "450px", "200px"],
    ]);
    // Copying a selection across the layer gives the words with spaces between them.
    expect(layer.textContent).toBe("Thurgood Marshall Courthouse");
    expect([...layer.querySelectorAll("mark.quote")].map((m) => m.textContent?.trim())).toEqual(["Marshall", "Courthouse"]);
    expect(layer.querySelector("mark.term")?.textContent).toBe("Thurgood");
  });
});
