// The document table and reviewing in a real browser over the sample case: the table sorts and
// filters, rows are selected with the mouse and tagged at once, one undo takes the tags back,
// and the viewer marks review status and moves through the table's order with j/k.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openBrowser, screenshot, serveSampleCase, type Served } from "./harness";

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

const table = () => page.getByRole("grid", { name: "Documents" });
/** The titles of the rows drawn, top to bottom. */
const titles = (): Promise<string[]> => page.locator(".doc-table-body .doc-row[data-loaded] .col-title").allTextContents();
/** The row whose title is `title`. */
const row = (title: string) => page.locator(".doc-table-body .doc-row", { has: page.getByRole("link", { name: title, exact: true }) });

describe("the document table in a browser", () => {
  test("lists every document in ingest order, then sorts by a header and reverses on a second click", async () => {
    await page.goto(served.url);
    await table().waitFor();
    await expect.poll(async () => (await titles()).length).toBe(18);
    expect(await page.locator(".match-count").textContent()).toContain("18 documents");
    expect((await titles())[0]).toBe("Linkwise to pay $6.625 million over inflated video ad views");
    await page.getByRole("button", { name: "Title" }).click();
    await expect.poll(async () => (await titles())[0]).toBe("2024-09-19-intake-call.txt");
    await page.getByRole("button", { name: /Title/ }).click();
    // Titles compare as bytes: lower-case file names come after capitalised titles.
    await expect.poll(async () => (await titles())[0]).toBe("okafor-feld.mbox");
    expect(await page.getByRole("columnheader", { name: /Title/ }).getAttribute("aria-sort")).toBe("descending");
    await screenshot(page, "30-document-table");
  });

  test("filters by kind and title text, and the address keeps them", async () => {
    await page.goto(served.url);
    await table().waitFor();
    await page.getByRole("combobox", { name: "Kind" }).selectOption("email");
    await expect.poll(async () => (await titles()).length).toBe(5);
    await page.getByRole("searchbox", { name: "Title" }).fill("complaint");
    await expect.poll(async () => (await titles()).length).toBe(2);
    expect(await page.evaluate(() => window.location.hash)).toMatch(/kind=email.*title=complaint|title=complaint.*kind=email/);
    const email = await page.locator(".doc-table-body .doc-row[data-loaded] .col-from").first().textContent();
    expect(email).toMatch(/@/);
  });

  test("rows selected with click and shift-click are tagged as one edit that one undo takes back", async () => {
    await page.goto(served.url);
    await table().waitFor();
    await expect.poll(async () => (await titles()).length).toBe(18);
    await row("Linkwise to pay $6.625 million over inflated video ad views").locator(".col-kind").click();
    await row("Linkwise sued over AI training setting; members seek $1,000 each").locator(".col-kind").click({ modifiers: ["Shift"] });
    await row("okafor-feld.mbox").locator(".col-kind").click({ modifiers: ["Control"] });
    await expect.poll(() => page.locator(".bulk-count").textContent()).toBe("4 documents selected");
    const bar = page.getByRole("region", { name: "Act on the selected documents" });
    await bar.getByLabel("Tags").fill("press");
    await bar.getByRole("button", { name: "Tag", exact: true }).click();
    await expect.poll(() => bar.getByRole("status").textContent()).toMatch(/^Tagged 4 documents of 4 selected/);
    await expect.poll(() => row("okafor-feld.mbox").locator(".col-tags").textContent()).toBe("press");
    await screenshot(page, "31-bulk-tagged");
    await bar.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => bar.getByRole("status").textContent()).toMatch(/^Undone/);
    await expect.poll(() => row("okafor-feld.mbox").locator(".col-tags").textContent()).toBe("");
    // The tag is gone from the case: the table's tag filter no longer offers it.
    await expect.poll(() => page.locator("select[name=tag] option", { hasText: "press" }).count()).toBe(0);
  });

  test("'select all that match' marks every document of the filter reviewed, counted on the home", async () => {
    await page.goto(`${served.url}#/?kind=article`);
    await expect.poll(async () => (await titles()).length).toBe(3);
    await page.getByRole("button", { name: "Select all 3 that match" }).click();
    const bar = page.getByRole("region", { name: "Act on the selected documents" });
    await bar.getByRole("button", { name: "Reviewed", exact: true }).click();
    await expect.poll(() => bar.getByRole("status").textContent()).toMatch(/^Marked 3 documents “Reviewed”/);
    await expect.poll(() => page.locator(".doc-table-body .doc-row[data-loaded] .col-review").allTextContents()).toEqual(["Reviewed", "Reviewed", "Reviewed"]);
    await expect.poll(() => page.getByRole("table", { name: "Review" }).textContent()).toContain("Reviewed3");
  });

  test("the viewer shows who reviewed a document and when, marks it with a key and moves through the table's order with j and k", async () => {
    await page.goto(`${served.url}#/?kind=email&sort=date`);
    await expect.poll(async () => (await titles()).length).toBe(5);
    await row("Linkwise FAQ captures: the page changed but kept its date").getByRole("link").click();
    const status = page.locator(".review-status");
    await expect.poll(() => status.textContent()).toBe("Review: Unreviewed");
    expect(await page.locator(".review-nav").textContent()).toContain("1 of 5");
    await page.locator("body").press("s");
    await expect.poll(() => status.textContent()).toMatch(/^Review: Second look by .+, \d{4}-\d\d-\d\d \d\d:\d\d$/);
    await page.locator("body").press("j");
    await expect.poll(() => page.locator(".review-nav").textContent()).toContain("2 of 5");
    await expect.poll(() => page.locator("#doc-title").textContent()).toBe("Re: Linkwise FAQ captures: the page changed but kept its date");
    await page.locator("body").press("k");
    await expect.poll(() => page.locator(".review-nav").textContent()).toContain("1 of 5");
    await expect.poll(() => status.textContent()).toMatch(/^Review: Second look by /);
    await screenshot(page, "32-viewer-review");
    expect(problems).toEqual([]);
  });
});
