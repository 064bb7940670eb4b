// A scanned court filing (an image-only PDF from the corpus, OCRed on ingest) in a real browser:
// the words OCR read lie invisibly over the page image, a quote selected on the scan is cited and
// verifies, the citation opens highlighted on the image, and a reviewer's corrected page text is
// what search then finds. Skips, saying so, without the corpus or Tesseract.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { dossierBin, openBrowser, repoDir, screenshot, serveSampleCase, type Served } from "./harness";

const scan = join(repoDir, "..", "shared", "corpus", "scans", "generated", "ca2_1-1.scan300-bw.pdf");
const tesseract = (() => {
  try {
    execFileSync("tesseract", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();
const runnable = existsSync(scan) && tesseract;
if (!runnable) {
  console.warn(`SKIPPED: needs ${scan} and tesseract`);
}

let served: Served;
let browser: Browser;
let page: Page;
let doc: number;

beforeAll(async () => {
  if (!runnable) {
    return;
  }
  served = await serveSampleCase();
  const out = JSON.parse(execFileSync(dossierBin, ["ingest", served.casePath, scan, "--ocr-lang", "eng", "--json"], { encoding: "utf8" })) as { documents: number[] };
  doc = out.documents[0] ?? 0;
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe.runIf(runnable)("a scanned filing in the viewer", () => {
  test("the OCR words lie over the page image with the page's confidence", async () => {
    await page.goto(`${served.url}#/doc/${doc}?page=1`);
    await page.locator(".pdf-page[data-rendered-page='1']").waitFor();
    await expect.poll(() => page.locator(".textLayer.ocr-layer, .textLayer").first().locator("span", { hasText: "Thurgood" }).count()).toBeGreaterThan(0);
    expect(await page.locator(".pdf-toolbar .ocr-confidence").textContent()).toMatch(/^OCR confidence \d+%/);
    expect(await page.getByRole("heading", { name: "OCR" }).count()).toBe(1);
    // The word's span lies on ink: its box on the canvas is not blank.
    const inked = await page.evaluate(() => {
      const span = [...document.querySelectorAll<HTMLElement>(".textLayer span")].find((s) => s.textContent?.trim() === "Thurgood");
      const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas");
      const context = canvas?.getContext("2d");
      if (span === undefined || canvas === null || canvas === undefined || context === null || context === undefined) {
        return -1;
      }
      const area = canvas.getBoundingClientRect();
      const box = span.getBoundingClientRect();
      const ratio = canvas.width / area.width;
      const data = context.getImageData(
        Math.round((box.left - area.left) * ratio),
        Math.round((box.top - area.top) * ratio),
        Math.max(1, Math.round(box.width * ratio)),
        Math.max(1, Math.round(box.height * ratio)),
      ).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i] ?? 255) < 128) {
          dark++;
        }
      }
      return dark / (data.length / 4);
    });
    expect(inked).toBeGreaterThan(0.05);
    await screenshot(page, "ocr-01-scan-with-text-layer");
  });

  test("a quote selected on the scan is cited, verifies, and opens highlighted on the image", async () => {
    const quote = await page.evaluate(() => {
      const spans = [...document.querySelectorAll<HTMLElement>(".textLayer span")];
      const first = spans.findIndex((s) => s.textContent?.trim() === "Thurgood");
      const last = spans[first + 1];
      const start = spans[first];
      if (start === undefined || last === undefined) {
        return undefined;
      }
      const range = document.createRange();
      range.setStart(start, 0);
      range.setEnd(last, 1);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return selection?.toString().replace(/\s+/g, " ").trim();
    });
    expect(quote).toBe("Thurgood Marshall");
    await expect.poll(() => page.locator(".selected-quote blockquote").textContent()).toBe(quote);
    await page.getByLabel("Event", { exact: true }).selectOption({ index: 0 });
    await page.getByRole("button", { name: "Cite", exact: true }).click();
    await expect.poll(() => page.locator(".cite-result").textContent()).toMatch(/^Cited on “.+”, page 1: the quote verifies/);
    const verified = JSON.parse(execFileSync(dossierBin, ["verify", served.casePath, "--json"], { encoding: "utf8" })) as { ok: boolean };
    expect(verified.ok).toBe(true);

    await page.goto(`${served.url}#/doc/${doc}?page=1&quote=${encodeURIComponent("Thurgood Marshall")}`);
    await expect.poll(async () => (await page.locator(".textLayer mark.quote").allTextContents()).map((t) => t.trim())).toEqual(["Thurgood", "Marshall"]);
    expect(await page.locator(".pdf-toolbar [role=status]").textContent()).toBe("The quote is highlighted on this page.");
    await screenshot(page, "ocr-02-quote-on-scan");
  });

  test("a corrected page text is saved beside the OCR and is what search finds", async () => {
    const text = page.getByLabel("Text of page 1 (search and citations read this)");
    const before = await text.inputValue();
    expect(before).toContain("Thurgood");
    await text.fill(`${before}\nReviewer's note: zyzzogeton exhibit.`);
    await page.getByRole("button", { name: "Save corrected text" }).click();
    await expect.poll(() => page.locator(".panel.ocr > p[role=status]").textContent()).toMatch(/^Page 1: corrected text recorded/);
    await page.locator(".panel.ocr form details summary").waitFor();
    const found = JSON.parse(execFileSync(dossierBin, ["search", served.casePath, "zyzzogeton", "--json"], { encoding: "utf8" })) as { total: number };
    expect(found.total).toBe(1);
    await screenshot(page, "ocr-03-corrected");
  });
});
