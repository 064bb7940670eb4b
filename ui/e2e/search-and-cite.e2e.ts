// The reviewer's path through the sample case in a real browser: the case home, ingest a file,
// search, open a hit at its page in the PDF viewer with the matches highlighted, select words and
// cite them for an event, and read an article and an email. Each screen is saved as a screenshot.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { CASE_NAME, openBrowser, screenshot, serveSampleCase, type Served } from "./harness";

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

describe("the sample case in a browser", () => {
  test("the case home shows the case, its documents by kind and its recent activity", async () => {
    await page.goto(served.url);
    await expect.poll(() => page.locator("h1").textContent()).toBe(CASE_NAME);
    await expect.poll(() => page.title()).toMatch(/^Dossier — Linkwise privacy matter — \d+ documents$/);
    expect(await page.getByRole("banner").count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(1);
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("table", { name: "Documents by kind" }).textContent()).toContain("filing");
    // A case with documents opens on its table, adding evidence and recent activity folded.
    await page.getByRole("grid", { name: "Documents" }).waitFor();
    expect(await page.getByRole("heading", { name: "Recent activity" }).isVisible()).toBe(false);
    await page.getByText("Add evidence, recent activity").click();
    await page.getByRole("heading", { name: "Recent activity" }).waitFor();
    await screenshot(page, "01-case-home");
  });

  test("a file named by its path is ingested, and the counts follow", async () => {
    const before = await page.locator(".document-count").textContent();
    const file = join(served.scratch, "call-notes.txt");
    writeFileSync(file, "Call with the client on 2024-10-04: she never saw the data-sharing setting.\n");
    await page.getByLabel("Files or folders on this machine, one path a line").fill(file);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect.poll(() => page.locator(".ingest-status").textContent()).toMatch(/^Added 1, already in the case 0, failed 0/);
    await expect.poll(() => page.locator(".document-count").textContent()).not.toBe(before);
    await page.getByRole("link", { name: "call-notes.txt" }).waitFor();
    await screenshot(page, "02-case-home-after-ingest");
  });

  test("search shows hits with highlighted snippets and page numbers, narrowed by a facet", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search", exact: true }).click();
    const box = page.getByRole("searchbox", { name: "Search" });
    await box.fill('"Stored Communications Act"');
    await page.locator(".hit").first().waitFor();
    const count = await page.locator(".hit").count();
    expect(count).toBeGreaterThan(1);
    expect(await page.locator(".hit mark").first().textContent()).toMatch(/stored|communications|act/i);

    await page.getByRole("navigation", { name: "Kind filter" }).getByRole("link", { name: /filing/ }).click();
    await expect.poll(async () => [...new Set(await page.locator(".hit .kind-badge").allTextContents())]).toEqual(["filing"]);
    expect(await page.locator(".hit").count()).toBeLessThan(count);
    const filings = await page.locator(".hit").count();

    // Custodians are counted like the other facets; the sample matter holds every filing.
    const custodians = page.getByRole("navigation", { name: "Custodian filter" });
    const sampleMatter = custodians.getByRole("link", { name: /^Sample matter \d+$/ });
    expect(await sampleMatter.textContent()).toMatch(new RegExp(`^Sample matter ${filings}$`));
    await sampleMatter.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain("custodian=Sample+matter");
    await expect.poll(() => custodians.getByRole("link", { name: /^Sample matter/ }).getAttribute("aria-current")).toBe("true");
    // The facet marks itself from the address at once; the narrowed hits follow the search.
    await expect.poll(() => page.locator(".hit").count()).toBe(filings);
    const first = page.locator(".hit").first();
    expect(await first.textContent()).toContain("Class Action Complaint");
    expect(await first.locator(".page-number").textContent()).toMatch(/page \d+/);
    await screenshot(page, "03-search");
  });

  test("the keyboard moves through the hits and opens one at its page, matches highlighted", async () => {
    const expectedPage = (await page.locator(".hit .page-number").first().textContent())?.match(/\d+/)?.[0];
    await page.getByRole("searchbox", { name: "Search" }).focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hit-link"))).toBe(true);
    await page.keyboard.press("Enter");
    await page.locator(".pdf-page[data-rendered-page]").waitFor();
    expect(await page.locator(".page-input").inputValue()).toBe(expectedPage);
    expect(await page.locator(".textLayer mark.highlight").count()).toBeGreaterThan(0);
    // The phrase is one highlight per line, whole words, and its spans are set in the font the
    // page was drawn with (a generic font put "Ac" under "Act": see setInPageFonts).
    const marks = await page.locator(".textLayer mark.term").evaluateAll((found) =>
      found.map((m) => ({ text: m.textContent, font: getComputedStyle(m).fontFamily })),
    );
    expect(marks.map((m) => m.text)).toContain("Communications Act");
    for (const mark of marks) {
      expect(mark.font).toMatch(/^"?g_d\d+_f\d+/);
    }
    // What the reader sees: in every line holding a highlight, each space of the text layer lies
    // over a gap between words on the drawn page (a shifted layer puts spaces on glyphs).
    const spacesOnInk = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas");
      const context = canvas?.getContext("2d");
      if (canvas === null || canvas === undefined || context === null || context === undefined) {
        return ["no canvas"];
      }
      const area = canvas.getBoundingClientRect();
      const ratio = canvas.width / area.width;
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const inkAt = (x: number, top: number, bottom: number): boolean => {
        const column = Math.round((x - area.left) * ratio);
        for (let y = Math.round((top - area.top) * ratio); y < Math.round((bottom - area.top) * ratio); y++) {
          const at = (y * canvas.width + column) * 4;
          if ((pixels[at + 3] ?? 0) > 0 && (pixels[at] ?? 255) < 160) {
            return true;
          }
        }
        return false;
      };
      const wrong: string[] = [];
      const lines = new Set([...document.querySelectorAll(".textLayer mark.highlight")].map((m) => m.parentElement));
      for (const line of lines) {
        const walker = document.createTreeWalker(line as Node, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const text = node.textContent ?? "";
          for (let i = 0; i < text.length; i++) {
            if (text[i] !== " ") {
              continue;
            }
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const space = range.getBoundingClientRect();
            if (inkAt(space.left + space.width / 2, space.top, space.bottom)) {
              wrong.push(`the space after "${text.slice(Math.max(0, i - 12), i)}"`);
            }
          }
        }
      }
      return wrong;
    });
    expect(spacesOnInk).toEqual([]);
    await screenshot(page, "04-viewer-pdf-search-hit");
  });

  test("selected words are cited for an event, and the case verifies the quote", async () => {
    // Select the words of one line of the text layer, as a mouse drag would.
    const quote = await page.evaluate(() => {
      const span = [...document.querySelectorAll<HTMLElement>(".textLayer span")].find((s) =>
        (s.textContent ?? "").includes("Stored"),
      );
      if (span === undefined) {
        return undefined;
      }
      const range = document.createRange();
      range.selectNodeContents(span);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return selection?.toString();
    });
    expect(quote).toBeDefined();
    await expect.poll(() => page.locator(".selected-quote blockquote").textContent()).toBe(quote?.replace(/\s+/g, " ").trim());
    const events = page.getByLabel("Event", { exact: true });
    const sca = await events.locator("option", { hasText: "Stored Communications Act" }).first().getAttribute("value");
    await events.selectOption(sca ?? { index: 0 });
    await page.getByRole("button", { name: "Cite", exact: true }).click();
    await expect.poll(() => page.locator(".cite-result").textContent()).toMatch(/^Cited on “.+”, page \d+: the quote verifies/);
    await screenshot(page, "05-viewer-cited");
  });

  test("an article opens in a sandboxed reader frame that may run no script", async () => {
    await page.goto(`${served.url}#/doc/3`);
    const frame = page.locator("iframe.reader-frame");
    await frame.waitFor();
    expect(await frame.getAttribute("sandbox")).toBe("");
    const inside = page.frameLocator("iframe.reader-frame");
    expect(await inside.locator("body").textContent()).toContain("premium subscriber");
    await screenshot(page, "06-viewer-article");
  });

  test("an email shows its headers, body and thread", async () => {
    await page.goto(`${served.url}#/doc/8`);
    await page.getByRole("heading", { name: /Thread/ }).waitFor();
    expect(await page.locator(".email-headers").textContent()).toContain("From");
    expect(await page.locator(".thread li").count()).toBeGreaterThan(1);
    await screenshot(page, "07-viewer-email");
  });

  test("no page error or console error happened on the way", () => {
    expect(problems).toEqual([]);
  });
});
