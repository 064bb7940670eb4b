import { describe, expect, test } from "vitest";
import type { EventSpan } from "../backend";
import { dayNumber, spanOf } from "./calendar";
import { fitView, MAX_VIEW_DAYS, MIN_VIEW_DAYS, panView, ticks, xOf, zoomAround, zoomView } from "./scale";

// Spans as the api sends them in `TimelineEvent.span` (crates/timeline's reading of the date).
const span = (kind: EventSpan["kind"], first_day: string | null, last_day: string | null, precision: EventSpan["precision"]) =>
  spanOf({ kind, first_day, last_day, precision })!;
const onDay = (iso: string) => span("on", iso, iso, "day");
const inYear = (year: number) => span("on", `${year}-01-01`, `${year}-12-31`, "year");

describe("the time axis", () => {
  test("fitting shows every span with a margin, open-ended ones with room for their arrow", () => {
    const view = fitView([onDay("2024-06-11"), inYear(2025)])!;
    expect(view.start).toBeLessThan(dayNumber(2024, 6, 11));
    expect(view.end).toBeGreaterThan(dayNumber(2026, 1, 1));
    const open = fitView([span("before", null, "2024-07-31", "month")])!;
    expect(open.start).toBeLessThan(dayNumber(2024, 8, 1) - 40);
    expect(fitView([])).toBeUndefined();
  });

  test("zooming keeps the day under the pointer where it was", () => {
    const view = { start: 0, end: 400 };
    const focus = 100;
    const zoomed = zoomView(view, 4, focus);
    expect(zoomed.end - zoomed.start).toBe(100);
    expect(xOf(zoomed, 800, focus)).toBeCloseTo(xOf(view, 800, focus));
  });

  test("zoom stops at two weeks across and at a century", () => {
    const close = zoomView({ start: 0, end: 30 }, 100);
    expect(close.end - close.start).toBe(MIN_VIEW_DAYS);
    const far = zoomView({ start: 0, end: 30_000 }, 0.01);
    expect(far.end - far.start).toBe(MAX_VIEW_DAYS);
  });

  test("panning moves by a share of the width", () => {
    expect(panView({ start: 0, end: 100 }, -0.25)).toEqual({ start: -25, end: 75 });
  });

  test("ticks are years far out, months closer in, and days close up", () => {
    const decade = { start: dayNumber(2015, 1, 1), end: dayNumber(2025, 1, 1) };
    expect(ticks(decade, 1000).map((t) => t.label)).toEqual(["2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    const half = { start: dayNumber(2024, 6, 15), end: dayNumber(2024, 12, 15) };
    expect(ticks(half, 1000).map((t) => t.label)).toEqual(["Jul 2024", "Aug", "Sep", "Oct", "Nov", "Dec"]);
    const fortnight = { start: dayNumber(2024, 8, 10), end: dayNumber(2024, 8, 24) };
    const days = ticks(fortnight, 1200);
    expect(days[0]?.label).toBe("10 Aug 2024");
    expect(days[1]?.label).toBe("11 Aug");
    expect(days).toHaveLength(15);
  });

  test("zooming toward a selected event puts it in the middle of the view", () => {
    const view = { start: 0, end: 1000 };
    const zoomed = zoomAround(view, 2, 900);
    expect(zoomed.end - zoomed.start).toBe(500);
    expect((zoomed.start + zoomed.end) / 2).toBe(900);
  });
});
