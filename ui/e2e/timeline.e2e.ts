// The chronology's path through the sample case in a real browser: the timeline with its chart
// and table, the new-event form's reading of a draft date, a quote selected in the complaint and cited for an event (the viewer's "Cite for
// event"), that citation seen on the timeline and opened back in the viewer at its page with the
// quote highlighted, a quote cited from the event's side, filters and zoom, the policy series with
// its silent change and diffs, exhibits, and the chronology exported as a file. Each screen is
// saved as a screenshot.

import { readFileSync } from "node:fs";
import { join } from "node:path";
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

const MOTION = "Linkwise's motion to dismiss";

/** The table row of the event whose title starts with `title`. */
const row = (title: string) => page.locator("table.chronology tbody tr", { has: page.getByRole("link", { name: title }) });

describe("the chronology in a browser", () => {
  test("the timeline draws every event on a time axis and lists them in a table", async () => {
    await page.goto(`${served.url}#/timeline`);
    await page.getByRole("table", { name: /^Chronology \(10 events/ }).waitFor();
    expect(await page.locator("a.event-mark").count()).toBe(10);
    // The year-precision event is a hatched bar over its year, not a point on 1 January.
    const year = page.locator("a.event-mark", { hasText: MOTION });
    expect(await year.getAttribute("aria-label")).toContain("some time in the year 2025");
    expect(await year.locator("rect.bar.uncertain").count()).toBe(1);
    // Every status has its word in the table, next to its shape.
    expect(await row("Linkwise calls the claims meritless").locator(".status-cell").textContent()).toBe("✕ disputed");
    await screenshot(page, "20-timeline");
  });

  test("the zoom buttons and keys change the stretch of time in view", async () => {
    const range = page.locator(".view-range");
    const all = await range.textContent();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect.poll(() => range.textContent()).not.toBe(all);
    await page.locator(".chart-frame").focus();
    await page.keyboard.press("0");
    await expect.poll(() => range.textContent()).toBe(all);
  });

  test("the new-event form says how the case reads the date being typed, or why it cannot", async () => {
    await page.getByRole("button", { name: "New event" }).click();
    const form = page.getByRole("form", { name: "New event" });
    const date = form.getByLabel("Date", { exact: true });
    const preview = form.locator(".hint");
    await date.fill("2024-02-30");
    await expect.poll(() => preview.textContent()).toContain("February 2024 has 29 days");
    await date.fill("between 2024-08-01 and 2024-09-19");
    await expect.poll(() => preview.textContent()).toBe("Read as some time between 2024-08-01 and 2024-09-19.");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  test("a quote selected in the complaint is cited for an event with the viewer's Cite for event", async () => {
    await page.goto(`${served.url}#/search?q=${encodeURIComponent('"subject matter jurisdiction"')}`);
    await page.locator(".hit a.hit-link").first().click();
    await page.locator(".pdf-page[data-rendered-page]").waitFor();
    const quote = await page.evaluate(() => {
      const span = [...document.querySelectorAll<HTMLElement>(".textLayer span")].find((s) => (s.textContent ?? "").includes("subject matter jurisdiction"));
      if (span === undefined) {
        return undefined;
      }
      const range = document.createRange();
      range.selectNodeContents(span);
      document.getSelection()?.removeAllRanges();
      document.getSelection()?.addRange(range);
      return document.getSelection()?.toString();
    });
    expect(quote).toContain("subject matter jurisdiction");
    const events = page.getByLabel("Event", { exact: true });
    const motion = await events.locator("option", { hasText: MOTION }).getAttribute("value");
    await events.selectOption(motion ?? "");
    await page.getByRole("button", { name: "Cite", exact: true }).click();
    await expect.poll(() => page.locator(".cite-result").textContent()).toMatch(/^Cited on “Linkwise's motion to dismiss.*”, page 4: the quote verifies/);
    await page.getByRole("link", { name: "See the timeline" }).click();
    await page.getByRole("table", { name: /^Chronology/ }).waitFor();
  });

  test("the citation shows on the timeline and opens the viewer at its page with the quote highlighted", async () => {
    const motion = row(MOTION);
    const citation = motion.locator("a.citation-link");
    await expect.poll(() => citation.count()).toBe(1);
    expect(await citation.textContent()).toMatch(/Class Action Complaint.*p\. 4/);
    expect(await motion.locator(".verified").textContent()).toBe("✓ verifies");
    await motion.scrollIntoViewIfNeeded();
    await screenshot(page, "21-timeline-cited");
    await citation.click();
    await page.locator(".pdf-page[data-rendered-page]").waitFor();
    expect(await page.locator(".page-input").inputValue()).toBe("4");
    await expect.poll(() => page.locator(".textLayer mark.quote").count()).toBeGreaterThan(0);
    await screenshot(page, "22-viewer-from-citation");
  });

  test("the viewer opened from an event's citation offers that event in Cite for event", async () => {
    const events = page.getByLabel("Event", { exact: true });
    await events.locator("option", { hasText: MOTION }).waitFor({ state: "attached" });
    const motion = await events.locator("option", { hasText: MOTION }).getAttribute("value");
    expect(page.url()).toContain(`event=${motion}`);
    await expect.poll(() => events.inputValue()).toBe(motion);
    const first = await events.locator("option").first().getAttribute("value");
    expect(first).not.toBe(motion);
  });

  test("an event selected on the chart takes a quote cited from its own side, and refuses one not in the document", async () => {
    await page.goto(`${served.url}#/timeline`);
    await page.locator("a.event-mark", { hasText: MOTION }).click();
    const details = page.getByRole("region", { name: new RegExp(`^${MOTION}`) });
    await details.waitFor();
    await details.getByText("Cite a quote for this event").click();
    await details.getByLabel("Document", { exact: true }).selectOption({ label: (await details.getByLabel("Document", { exact: true }).locator("option", { hasText: "Class Action Complaint" }).textContent()) ?? "" });
    await details.getByLabel("Page (optional)").fill("8");
    await details.getByLabel("Exact words of the document").fill("the words nobody ever wrote");
    await details.getByRole("button", { name: "Cite", exact: true }).click();
    await expect.poll(() => details.getByRole("alert").textContent()).toMatch(/^Not cited: .*not on/);
    await details.getByLabel("Exact words of the document").fill("it violated the Stored Communications Act");
    await details.getByRole("button", { name: "Cite", exact: true }).click();
    await expect.poll(() => page.locator(".change-message").textContent()).toMatch(/^Cited document \d+, page 8: the quote verifies\.$/);
    await expect.poll(() => row(MOTION).locator("a.citation-link").count()).toBe(2);
    await screenshot(page, "23-timeline-event-details");
  });

  test("filters narrow the chart and the table and are kept in the address", async () => {
    await page.getByLabel("Status", { exact: true }).selectOption("disputed");
    await page.getByRole("table", { name: /^Chronology \(1 event,/ }).waitFor();
    expect(await page.locator("a.event-mark").count()).toBe(1);
    expect(page.url()).toContain("status=disputed");
    // The shown events export as a CSV that the case filters the same way: one record, disputed.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export this event (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("Linkwise privacy matter-chronology-disputed.csv");
    const saved = join(served.scratch, "chronology-disputed.csv");
    await download.saveAs(saved);
    const csv = readFileSync(saved, "utf8");
    expect(csv.match(/,[a-z]+\r?$/gm)?.map((end) => end.trim())).toEqual([",disputed"]);
    const shownTitle = (await page.locator("table.chronology tbody th a").first().textContent())?.trim() ?? "";
    expect(csv).toContain(shownTitle);
    await screenshot(page, "23a-timeline-filtered-export");
    await page.getByRole("button", { name: "Clear the filters" }).click();
    await page.getByRole("table", { name: /^Chronology \(10 events/ }).waitFor();
  });

  test("undo takes back the last citation, as a new audited edit", async () => {
    await page.getByRole("button", { name: "Undo last edit" }).click();
    await expect.poll(() => page.locator(".change-message").textContent()).toMatch(/^Undone: citation\.add/);
    await expect.poll(() => row(MOTION).locator("a.citation-link").count()).toBe(1);
  });

  test("the policy series shows its versions, the silent change flagged, and the diff both ways", async () => {
    await page.getByRole("link", { name: "Policies" }).click();
    await page.getByRole("link", { name: "Linkwise help: your data FAQ" }).click();
    const silent = page.getByRole("heading", { name: /^Change 2: between 2024-08-20 and 2024-09-27/ });
    await silent.waitFor();
    expect(await silent.textContent()).toContain("silent change");
    const side = page.locator("table.side-by-side");
    await side.first().waitFor();
    expect(await side.first().textContent()).toContain("The setting is on by default.");
    expect(await side.locator("tr.change del", { hasText: "The setting is on by default." }).count()).toBe(1);
    await screenshot(page, "24-policy-side-by-side");
    await page.getByRole("button", { name: "Inline" }).click();
    await page.locator(".hunk-text").first().waitFor();
    expect(await page.locator(".hunk-text ins").first().textContent()).toContain("Linkwise offers");
    await page.getByLabel("Phrase", { exact: true }).fill("on by default");
    await page.getByRole("button", { name: "Trace" }).click();
    await expect.poll(() => page.locator(".trace-result").textContent()).toContain("Disappeared: between 2024-08-20 (last there) and 2024-09-27 (gone)");
    await page.locator(".trace-result").scrollIntoViewIfNeeded();
    await screenshot(page, "25-policy-inline-trace");
  });

  test("a document becomes an exhibit with a Bates range, and the lists and the chronology export as files", async () => {
    await page.getByRole("link", { name: "Exhibits" }).click();
    const documents = page.getByLabel("Document", { exact: true });
    await documents.locator("option", { hasText: "Class Action Complaint" }).waitFor({ state: "attached" });
    await documents.selectOption({ label: (await documents.locator("option", { hasText: "Class Action Complaint" }).textContent()) ?? "" });
    await page.getByRole("button", { name: "Make exhibit" }).click();
    await expect.poll(() => page.locator(".change-message").textContent()).toMatch(/is PX-0001, Bates DOSS000001–DOSS000009\.$/);
    const exhibit = page.getByRole("row", { name: /PX-0001/ });
    expect(await exhibit.textContent()).toContain("DOSS000001–DOSS000009");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Chronology (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("Linkwise privacy matter-chronology.csv");
    const saved = join(served.scratch, "chronology.csv");
    await download.saveAs(saved);
    const csv = readFileSync(saved, "utf8");
    expect(csv.split("\n").length).toBeGreaterThan(10);
    expect(csv).toContain("subject matter jurisdiction");
    expect(csv).toContain("PX-0001");
    await expect.poll(() => page.locator(".change-message").textContent()).toMatch(/^Saved Linkwise privacy matter-chronology\.csv/);

    // Every other export the case offers arrives as a file too.
    const others: [string, string][] = [
      ["Chronology report (HTML)", "chronology.html"],
      ["Chronology report (Markdown)", "chronology.md"],
      ["TimelineJS (JSON)", "timelinejs.json"],
      ["TimelineJS (sheet CSV)", "timelinejs-sheet.csv"],
      ["Exhibit list (CSV)", "exhibits.csv"],
      ["Concordance load file (DAT)", "exhibits.dat"],
    ];
    for (const [button, file] of others) {
      const [other] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
      expect(other.suggestedFilename()).toBe(`Linkwise privacy matter-${file}`);
    }
    const timelinejs = join(served.scratch, "timelinejs.json");
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "TimelineJS (JSON)" }).click()]);
    await json.saveAs(timelinejs);
    expect(JSON.parse(readFileSync(timelinejs, "utf8")).events.length).toBeGreaterThan(5);

    const report = page.frameLocator("iframe.report-frame");
    await expect.poll(() => report.locator("h1").textContent()).toBe("Chronology: Linkwise privacy matter");
    expect(await page.locator("iframe.report-frame").getAttribute("sandbox")).toBe("");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "26-exhibits-and-exports");
  });

  test("no page error or console error happened on the way, beyond the two refusals' 400s", () => {
    // The browser logs every 4xx answer; those expected are the case refusing the draft date
    // 2024-02-30 and the made-up quote.
    const refused = problems.filter((p) => p.includes("status of 400"));
    expect(refused).toHaveLength(2);
    expect(problems.filter((p) => !refused.includes(p))).toEqual([]);
  });
});
