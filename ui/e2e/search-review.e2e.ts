// The review tools of search in a real browser over the sample case: the order of the hits,
// saving a search and running it again from the list, restricting a search to a saved search's
// documents, and counting a pasted batch of terms, a term opening its hits.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openBrowser, screenshot, serveSampleCase, type Served } from "./harness";

let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveSampleCase();
  ({ browser, page } = await openBrowser());
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const hash = (): Promise<string> => page.evaluate(() => window.location.hash);
/** The kinds of the hits shown, each once. */
const kinds = async (): Promise<string[]> => [...new Set(await page.locator(".hit .kind-badge").allTextContents())];
/** The dates of the hits shown, undated ones ("—", always last) left out. */
const dates = async (): Promise<string[]> => (await page.locator(".hit .muted").allTextContents()).filter((d) => d !== "—");

describe("reviewing search results in a browser", () => {
  test("hits sort newest first and oldest first", async () => {
    await page.goto(`${served.url}#/search?q=linkwise`);
    await page.locator(".hit").first().waitFor();
    await page.getByRole("combobox", { name: "Order" }).selectOption("date");
    await expect.poll(hash).toContain("sort=date");
    await expect.poll(async () => (await dates()).length).toBeGreaterThan(3);
    const newest = await dates();
    expect([...newest].sort().reverse()).toEqual(newest);
    await page.getByRole("combobox", { name: "Order" }).selectOption("oldest");
    await expect.poll(hash).toContain("sort=oldest");
    await expect.poll(async () => (await dates())[0]).not.toBe(newest[0]);
    const oldest = await dates();
    expect([...oldest].sort()).toEqual(oldest);
  });

  test("a search is saved, listed, re-run with a click, and restricts another search", async () => {
    const box = page.getByRole("searchbox", { name: "Search" });
    await box.fill("linkwise");
    await page.getByRole("navigation", { name: "Kind filter" }).getByRole("link", { name: /^email/ }).click();
    await expect.poll(hash).toContain("kind=email");
    await expect.poll(kinds).toEqual(["email"]);
    const emails = await page.locator(".hit").count();
    expect(emails).toBeGreaterThan(1);
    await page.getByLabel("Save this search as").fill("Linkwise mail");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(/^Saved “Linkwise mail” \(\d+ documents now\)\.$/).waitFor();
    await screenshot(page, "search-review-saved");

    await box.fill("training");
    await expect.poll(hash).toContain("q=training");
    await page.getByRole("link", { name: "Linkwise mail", exact: true }).click();
    await expect.poll(hash).toBe("#/search?q=linkwise&kind=email");
    await expect.poll(() => page.locator(".hit").count()).toBe(emails);

    await page.getByRole("link", { name: "(within)" }).click();
    await expect.poll(hash).toBe("#/search?q=*&saved=Linkwise+mail");
    await expect.poll(kinds).toEqual(["email"]);
    await expect.poll(() => page.locator(".hit").count()).toBe(emails);
  });

  test("a pasted batch of terms is counted and a term opens its hits", async () => {
    await page.getByRole("link", { name: "Batch search…" }).click();
    await page.getByLabel(/one query per line/).fill('linkwise\n# a comment\n"opted in"\nfoo AND (');
    await page.getByRole("button", { name: "Count each" }).click();
    await page.getByRole("table").waitFor();
    expect(await page.getByRole("row").count()).toBe(4);
    expect(await page.getByRole("row").nth(3).textContent()).toContain("cannot read the query");
    await screenshot(page, "search-review-batch");
    await page.getByRole("link", { name: '"opted in"' }).click();
    await expect.poll(hash).toBe("#/search?q=%22opted+in%22");
    await page.locator(".hit").first().waitFor();
  });
});
