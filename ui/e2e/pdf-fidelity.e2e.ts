// pdf.js as the viewer configures it (src/screens/document/pdf-document.ts): a JPEG 2000 image is
// decoded by its WebAssembly decoder, under the CSP `dossier serve` sends (the desktop window's,
// which allows compiling WebAssembly and nothing more), and a Japanese PDF whose font names the
// predefined CMap UniJIS-UCS2-H instead of embedding one draws and reaches the text layer. Both
// load what they need from dist/pdfjs/, copied there at build (vite.config.ts). Both PDFs were
// written for these tests (ui/e2e/fixtures/README.md): the corpus has no JPEG 2000 image, and its one
// PDF naming a predefined CMap (pdfjs/90ms_rksj_h_sample.pdf) lacks a font descriptor, so pdf.js
// reads it as single bytes with or without the CMaps.

import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openAddEvidence, openBrowser, repoDir, screenshot, serveSampleCase, type Served } from "./harness";

const fixtures = join(repoDir, "ui", "e2e", "fixtures");
/** A 96×96 JPEG 2000 image, red on its left half and blue on its right, drawn at 100×100 pt from
 * (50, 50) on a 400×200 pt page. */
const JPX_PDF = join(fixtures, "jpeg2000-image.pdf");
/** "日本語テスト" at 28 pt, baseline 660 pt up a US Letter page, in HeiseiMin-W3 (not embedded)
 * through the predefined CMap UniJIS-UCS2-H: without the CMap files pdf.js draws and extracts
 * nothing of it. */
const CJK_PDF = join(fixtures, "cjk-predefined-cmap.pdf");

let served: Served;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  served = await serveSampleCase();
  ({ browser, page, problems } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Ingests files through the case home, as a user names them, and waits for the run to end. */
async function ingest(paths: string[]): Promise<void> {
  await page.goto(served.url);
  await openAddEvidence(page);
  await page.getByLabel("Files or folders on this machine, one path a line").fill(paths.join("\n"));
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect.poll(() => page.locator(".ingest-status").textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Added ${paths.length},`));
}

/** Opens a document from the case home by its file name and waits for its first page to draw. */
async function openDocument(name: string): Promise<void> {
  await page.goto(served.url);
  await page.getByRole("link", { name }).click();
  await page.locator(".pdf-page[data-rendered-page]").waitFor();
}

/** The colour of the canvas at a point given in PDF units from the page's top-left corner. */
function colourAt(pageWidthPt: number, x: number, y: number): Promise<[number, number, number]> {
  return page.evaluate(
    ([width, px, py]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas");
      const context = canvas?.getContext("2d");
      if (!canvas || !context) {
        throw new Error("no page canvas");
      }
      const scale = canvas.width / width;
      const [r, g, b] = context.getImageData(Math.round(px * scale), Math.round(py * scale), 1, 1).data;
      return [r ?? 0, g ?? 0, b ?? 0] as [number, number, number];
    },
    [pageWidthPt, x, y] as const,
  );
}

describe("PDFs that need pdf.js's decoders and data files", () => {
  test("a JPEG 2000 image is decoded and drawn", async () => {
    copyFileSync(JPX_PDF, join(served.scratch, "jpeg2000-image.pdf"));
    await ingest([join(served.scratch, "jpeg2000-image.pdf")]);
    await openDocument("jpeg2000-image.pdf");
    // The image spans x 50–150 and y 50–150 pt from the top: red left of 100, blue right of it.
    await expect.poll(() => colourAt(400, 70, 100)).toSatisfy(([r, g, b]: number[]) => r! > 150 && g! < 90 && b! < 90);
    const [r, g, b] = await colourAt(400, 130, 100);
    expect(b).toBeGreaterThan(150);
    expect(r).toBeLessThan(90);
    expect(g).toBeLessThan(130);
    await screenshot(page, "pdf-jpeg2000-image");
  });

  test("a Japanese PDF that names a predefined CMap draws, and its text layer holds the characters", async () => {
    copyFileSync(CJK_PDF, join(served.scratch, "cjk-predefined-cmap.pdf"));
    await ingest([join(served.scratch, "cjk-predefined-cmap.pdf")]);
    await openDocument("cjk-predefined-cmap.pdf");
    await expect.poll(() => page.locator(".pdf-page .textLayer").textContent()).toContain("日本語テスト");
    // Something is drawn where the Japanese line is: from 72 pt on the left, 104–140 pt from the top.
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas");
      const context = canvas?.getContext("2d");
      if (!canvas || !context) {
        throw new Error("no page canvas");
      }
      const scale = canvas.width / 612;
      const band = context.getImageData(Math.round(72 * scale), Math.round(104 * scale), Math.round(168 * scale), Math.round(36 * scale)).data;
      let dark = 0;
      for (let i = 0; i < band.length; i += 4) {
        if ((band[i] ?? 255) < 128 && (band[i + 3] ?? 0) > 0) {
          dark += 1;
        }
      }
      return dark;
    });
    expect(inked).toBeGreaterThan(20);
    await screenshot(page, "pdf-cjk-predefined-cmap");
  });

  test("no page error or console error happened on the way", () => {
    expect(problems).toEqual([]);
  });
});
