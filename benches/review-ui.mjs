// Driver of benches/review-ui.sh: the real UI in headless Chromium (playwright-core, the browser
// the e2e tests use) through a running `dossier serve`, measured as a reviewer meets it.
//
// usage: node benches/review-ui.mjs URL QUERY RUNS
//   URL    what `dossier serve` printed (with its token)
//   QUERY  a search with about 10,000 hits, for the bulk tag
//   RUNS   runs per measure (medians are printed)
//
// Prints one line per measure. Times are taken inside the page (performance.now(), whose origin is
// the navigation's start), so they include the page's own work and the backend's answers, not
// playwright's round trips.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "ui", "package.json"));
const { chromium } = require("playwright-core");

const [url, query, runsText] = process.argv.slice(2);
if (url === undefined || query === undefined) {
  console.error("usage: node benches/review-ui.mjs URL QUERY [RUNS]");
  process.exit(2);
}
const runs = Number.parseInt(runsText ?? "5", 10);
const token = new URL(url).searchParams.get("token");
const origin = new URL(url).origin;

/** Calls a command over HTTP as the UI does (for the checks, not for what is measured). */
async function api(command, args = {}) {
  const response = await fetch(`${origin}/api/${command}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  if (!response.ok) {
    throw new Error(`${command}: HTTP ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;
const all = (values) => `[${values.map((v) => Math.round(v)).join(", ")}]`;

const browser = await chromium.launch({
  executablePath: process.env.DOSSIER_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
// Records, from the navigation's start, when the table first appears and when its first rows
// arrive, and every long task.
await context.addInitScript(() => {
  window.__marks = { table: undefined, rows: undefined, longTasks: [] };
  const observer = new MutationObserver(() => {
    if (window.__marks.table === undefined && document.querySelector(".doc-table") !== null) {
      window.__marks.table = performance.now();
    }
    if (window.__marks.rows === undefined && document.querySelector(".doc-table-body .doc-row[data-loaded]") !== null) {
      window.__marks.rows = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__marks.longTasks.push(entry.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // No long-task timing in this browser: none reported.
  }
});
const page = await context.newPage();
const problems = [];
page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));

// 1. The case home, opened afresh each run: navigation → table drawn → first rows.
const opens = [];
const firstRows = [];
for (let run = 0; run < runs; run++) {
  await page.goto("about:blank");
  await page.goto(url);
  await page.locator(".doc-table-body .doc-row[data-loaded]").first().waitFor({ timeout: 60_000 });
  const marks = await page.evaluate(() => window.__marks);
  opens.push(marks.rows);
  firstRows.push(marks.rows - marks.table);
}
const total = await page.evaluate(() => Number(document.querySelector(".doc-table")?.getAttribute("aria-rowcount")) - 1);
const drawnRows = await page.locator(".doc-table-body .doc-row").count();
console.log(`case home: ${total} documents, ${drawnRows} rows in the DOM`);
console.log(`case home open (navigation -> first rows visible): median ${ms(median(opens))} ${all(opens)}  goal <= 1000 ms`);
console.log(`first rows after the screen appears:              median ${ms(median(firstRows))} ${all(firstRows)}  goal <= 300 ms`);

// 2. Re-sort by date (ascending, then descending, alternately): click → the first row of the new order drawn.
const sorts = [];
for (let run = 0; run < runs; run++) {
  const took = await page.evaluate(async () => {
    const header = () => [...document.querySelectorAll(".doc-header [role=columnheader]")].find((h) => h.textContent?.startsWith("Date"));
    const before = header()?.getAttribute("aria-sort");
    const want = before === "ascending" ? "descending" : "ascending";
    const t0 = performance.now();
    header()?.querySelector("button")?.click();
    return new Promise((resolve) => {
      const check = () => {
        const first = document.querySelector(".doc-table-body .doc-row[aria-rowindex='2'][data-loaded]");
        if (header()?.getAttribute("aria-sort") === want && first !== null) {
          resolve(performance.now() - t0);
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });
  });
  sorts.push(took);
}
console.log(`re-sort by date (click -> first rows drawn):       median ${ms(median(sorts))} ${all(sorts)}  goal <= 300 ms`);

// 3. Scrolling: the wheel through 20,000 rows, then the scrollbar dragged to the very end.
async function scrolling(label, steps, stepTo) {
  const result = await page.evaluate(
    async ({ steps, stepTo }) => {
      const scroller = document.querySelector(".doc-table-scroll");
      const height = scroller.scrollHeight - scroller.clientHeight;
      const frames = [];
      window.__marks.longTasks = [];
      let last = performance.now();
      const t0 = last;
      for (let i = 1; i <= steps; i++) {
        scroller.scrollTop = stepTo === "end" ? (height * i) / steps : scroller.scrollTop + stepTo;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      // Then until the rows on screen have arrived.
      const scrolledIn = performance.now() - t0;
      const tEnd = performance.now();
      await new Promise((resolve) => {
        const check = () => {
          const rows = [...document.querySelectorAll(".doc-table-body .doc-row")];
          const top = scroller.scrollTop;
          const onScreen = rows.filter((r) => {
            const y = Number.parseFloat(r.style.top);
            return y >= top && y < top + scroller.clientHeight;
          });
          if (onScreen.length > 0 && onScreen.every((r) => r.hasAttribute("data-loaded"))) {
            resolve(undefined);
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      });
      const settled = performance.now() - tEnd;
      const lastRow = document.querySelector(".doc-table-body .doc-row:last-child")?.getAttribute("aria-rowindex");
      await new Promise((r) => setTimeout(r, 50));
      return { frames, scrolledIn, settled, lastRow, longTasks: window.__marks.longTasks };
    },
    { steps, stepTo },
  );
  const sorted = [...result.frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const longTotal = result.longTasks.reduce((a, b) => a + b, 0);
  console.log(
    `${label}: ${steps} frames, median frame ${ms(median(result.frames))}, p95 ${ms(p95)}, longest ${ms(sorted[sorted.length - 1] ?? 0)}; ` +
      `long tasks ${result.longTasks.length} (${ms(longTotal)}); rows on screen loaded ${ms(result.settled)} after the last step (last row drawn: ${Number(result.lastRow) - 1})`,
  );
}
await page.evaluate(() => {
  document.querySelector(".doc-table-scroll").scrollTop = 0;
});
await scrolling("scroll, wheel-like (120 steps of 500 px)", 120, 500);
await scrolling("scroll, scrollbar dragged to the end (60 steps)", 60, "end");

// 4. Select all of a query's hits and tag them, then one undo; the case checked before and after.
const tagName = `bench-${Date.now()}`;
const tagsBefore = await api("tags");
const verifyBefore = await api("verify", {});
const summaryBefore = await api("summary");
const auditHeadBefore = (await api("audit", { last: 1 }))[0];
await page.goto(`${url.split("#")[0]}#/search?q=${encodeURIComponent(query)}`);
const selectAll = page.getByRole("button", { name: /^Select all [\d,]+ that match$/ });
await selectAll.waitFor({ timeout: 60_000 });
const hits = Number((await selectAll.textContent()).replace(/[^\d]/g, ""));
const selectTook = await page.evaluate(() => {
  const t0 = performance.now();
  [...document.querySelectorAll("button")].find((b) => /^Select all [\d,]+ that match$/.test(b.textContent ?? ""))?.click();
  return new Promise((resolve) => {
    const check = () => (document.querySelector(".bulk-actions") !== null ? resolve(performance.now() - t0) : requestAnimationFrame(check));
    check();
  });
});
await page.getByLabel("Tags").fill(tagName);
const tagTook = await page.evaluate(() => {
  const t0 = performance.now();
  [...document.querySelectorAll(".bulk-actions button")].find((b) => b.textContent === "Tag")?.click();
  return new Promise((resolve) => {
    const check = () => {
      const text = document.querySelector(".bulk-message")?.textContent ?? "";
      if (text.startsWith("Tagged") || text.startsWith("Not") || (text !== "" && text !== "Working…")) {
        resolve({ ms: performance.now() - t0, text });
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  });
});
const tagged = (await api("tags")).find((t) => t.tag === tagName);
console.log(`select all ${hits} hits of ${JSON.stringify(query)}: ${ms(selectTook)}; tag them: ${ms(tagTook.ms)} ("${tagTook.text}"); documents now tagged: ${tagged?.documents ?? 0}  goal <= 3000 ms`);
const undoTook = await page.evaluate(() => {
  const t0 = performance.now();
  [...document.querySelectorAll(".bulk-actions button")].find((b) => b.textContent === "Undo")?.click();
  return new Promise((resolve) => {
    const check = () => {
      const text = document.querySelector(".bulk-message")?.textContent ?? "";
      if (text.startsWith("Undone") || text.startsWith("Nothing") || text.startsWith("Cannot")) {
        resolve({ ms: performance.now() - t0, text });
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  });
});
// The same selection marked reviewed (review status is not in the search index), then one undo.
const clickAndWait = (label, done) =>
  page.evaluate(
    ({ label, done }) => {
      const t0 = performance.now();
      [...document.querySelectorAll(".bulk-actions button")].find((b) => b.textContent === label)?.click();
      return new Promise((resolve) => {
        const check = () => {
          const text = document.querySelector(".bulk-message")?.textContent ?? "";
          if (new RegExp(done).test(text)) {
            resolve({ ms: performance.now() - t0, text });
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      });
    },
    { label, done },
  );
const reviewed = await clickAndWait("Reviewed", "^(Marked|Not|Cannot)");
const reviewUndone = await clickAndWait("Undo", "^Undone: .*reverted");
console.log(`mark the ${hits} hits reviewed: ${ms(reviewed.ms)} ("${reviewed.text}"); one undo: ${ms(reviewUndone.ms)}  goal <= 3000 ms`);
const tagsAfter = await api("tags");
const verifyAfter = await api("verify", {});
const summaryAfter = await api("summary");
const restored =
  JSON.stringify(tagsAfter) === JSON.stringify(tagsBefore) &&
  JSON.stringify(summaryAfter.review) === JSON.stringify(summaryBefore.review) &&
  verifyBefore.ok &&
  verifyAfter.ok;
console.log(`one undo: ${ms(undoTook.ms)} ("${undoTook.text}")`);
console.log(
  `case restored exactly: ${restored ? "yes" : "NO"} (tags ${JSON.stringify(tagsAfter) === JSON.stringify(tagsBefore) ? "equal" : "differ"} before/after, ` +
    `verify ok ${verifyBefore.ok}/${verifyAfter.ok}, audit rows checked ${verifyAfter.audit_rows_checked} (head was ${auditHeadBefore?.seq}))`,
);
if (problems.length > 0) {
  console.log(`page problems: ${problems.join("; ")}`);
}
await browser.close();
process.exit(restored && problems.length === 0 ? 0 : 1);
