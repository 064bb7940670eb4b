import { describe, expect, test } from "vitest";
import { PagedRows, visibleRange } from "./paged-rows";

/** A list of `total` rows named by position, recording which pages were asked for. */
function listOf(total: number) {
  const asked: [number, number][] = [];
  const fetch = (offset: number, limit: number) => {
    asked.push([offset, limit]);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => `row ${offset + i}`);
    return Promise.resolve({ total, rows });
  };
  return { asked, fetch };
}

describe("rows fetched a page at a time", () => {
  test("opening a list of 300,000 rows asks for the first page only", async () => {
    const { asked, fetch } = listOf(300_000);
    let changes = 0;
    const rows = new PagedRows(fetch, 100, () => changes++);
    await rows.ensure(0, 40);
    expect(asked).toEqual([[0, 100]]);
    expect(rows.total).toBe(300_000);
    expect(rows.rowAt(40)).toBe("row 40");
    expect(rows.rowAt(100)).toBeUndefined();
    expect(changes).toBe(1);
  });

  test("scrolling far asks for the pages scrolled onto, not those skipped, and never a page twice", async () => {
    const { asked, fetch } = listOf(300_000);
    const rows = new PagedRows(fetch, 100, () => undefined);
    await rows.ensure(0, 40);
    await Promise.all([rows.ensure(299_950, 299_999), rows.ensure(299_960, 299_999)]);
    expect(asked).toEqual([
      [0, 100],
      [299_900, 100],
    ]);
    expect(rows.rowAt(299_999)).toBe("row 299999");
  });

  test("a page that fails is asked for again when the view moves, not over and over at once", async () => {
    let asked = 0;
    const failing = () => {
      asked++;
      return Promise.reject(new Error("the case is closed"));
    };
    let changes = 0;
    const rows = new PagedRows<string>(failing, 100, () => changes++);
    rows.want(0, 40);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(1);
    expect(changes).toBe(1);
    expect(String(rows.error)).toContain("the case is closed");
    rows.want(0, 41);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(2);
  });

  test("a range past the end asks for no page beyond it", async () => {
    const { asked, fetch } = listOf(150);
    const rows = new PagedRows(fetch, 100, () => undefined);
    await rows.ensure(0, 10);
    await rows.ensure(120, 400);
    expect(asked).toEqual([
      [0, 100],
      [100, 100],
    ]);
  });

  test("a closed list (a new order or filter replaced it) no longer reports its pages", async () => {
    const { fetch } = listOf(500);
    let changes = 0;
    const rows = new PagedRows(fetch, 100, () => changes++);
    const arriving = rows.ensure(0, 10);
    rows.close();
    await arriving;
    expect(changes).toBe(0);
  });

  test("a page that cannot be fetched is reported, and asked for again later", async () => {
    let fail = true;
    const rows = new PagedRows(
      (offset: number) => (fail ? Promise.reject(new Error("server gone")) : Promise.resolve({ total: 10, rows: [`row ${offset}`] })),
      100,
      () => undefined,
    );
    await rows.ensure(0, 5);
    expect((rows.error as Error).message).toBe("server gone");
    fail = false;
    await rows.ensure(0, 5);
    expect(rows.error).toBeUndefined();
    expect(rows.rowAt(0)).toBe("row 0");
  });
});

describe("pages wanted while scrolling", () => {
  test("at most two are fetched at once, and a view scrolled past is never fetched", async () => {
    const asked: number[] = [];
    const answers: (() => void)[] = [];
    const rows = new PagedRows<string>(
      (offset) =>
        new Promise((resolve) => {
          asked.push(offset);
          answers.push(() => resolve({ total: 300_000, rows: [`row ${offset}`] }));
        }),
      100,
      () => undefined,
    );
    rows.want(0, 40);
    rows.want(50_000, 50_040);
    rows.want(120_000, 120_040);
    rows.want(299_950, 299_999);
    expect(asked).toEqual([0, 50_000]);
    answers[0]!();
    answers[1]!();
    await new Promise((r) => setTimeout(r, 0));
    // Only where the view stopped comes next; 120,000 was passed over.
    expect(asked).toEqual([0, 50_000, 299_900]);
  });
});

describe("the rows on screen", () => {
  test("are those the viewport covers, with the overscan either side, within the list", () => {
    expect(visibleRange(0, 560, 28, 300_000, 10)).toEqual({ first: 0, last: 30 });
    expect(visibleRange(28 * 1000, 560, 28, 300_000, 10)).toEqual({ first: 990, last: 1030 });
    expect(visibleRange(28 * 299_990, 560, 28, 300_000, 10)).toEqual({ first: 299_980, last: 299_999 });
    expect(visibleRange(0, 560, 28, 0, 10)).toEqual({ first: 0, last: -1 });
  });
});
