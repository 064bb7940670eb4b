import { describe, expect, test } from "vitest";
import type { EventSpan } from "../../lib/backend";
import { dayNumber, spanOf } from "../../lib/time/calendar";
import { xOf } from "../../lib/time/scale";
import { chartLabel, layoutEvents, markOf, OPEN_MARK_PX } from "./layout";

// Spans as the api sends them in `TimelineEvent.span` (crates/timeline's reading of the date).
const span = (kind: EventSpan["kind"], first_day: string | null, last_day: string | null, precision: EventSpan["precision"]) =>
  spanOf({ kind, first_day, last_day, precision })!;
const onDay = (iso: string) => span("on", iso, iso, "day");
const inYear = (year: number) => span("on", `${year}-01-01`, `${year}-12-31`, "year");

const view = { start: dayNumber(2024, 1, 1), end: dayNumber(2026, 1, 1) };
const width = 1000;

describe("marks on the visual timeline", () => {
  test("a year-precision date is a bar over the whole year, not a point on 1 January", () => {
    const mark = markOf(inYear(2025), view, width);
    expect(mark.shape).toBe("bar");
    expect(mark.x0).toBeCloseTo(xOf(view, width, dayNumber(2025, 1, 1)));
    expect(mark.x1).toBeCloseTo(width);
  });

  test("a day is a point in the middle of its day; a range is a bar over its days", () => {
    const point = markOf(onDay("2024-08-12"), view, width);
    expect(point.shape).toBe("point");
    expect(point.x0).toBeCloseTo(xOf(view, width, dayNumber(2024, 8, 12) + 0.5));
    const range = markOf(span("range", "2024-03-01", "2024-04-30", "day"), view, width);
    expect(range).toMatchObject({ shape: "bar" });
    expect(range.x1 - range.x0).toBeCloseTo((61 / (view.end - view.start)) * width);
  });

  test("before and after are arrows that end at their bound", () => {
    const before = markOf(span("before", null, "2024-07-31", "month"), view, width);
    expect(before.shape).toBe("before");
    expect(before.x1).toBeCloseTo(xOf(view, width, dayNumber(2024, 8, 1)));
    expect(before.x1 - before.x0).toBe(OPEN_MARK_PX);
    const after = markOf(span("after", "2024-09-01", null, "month"), view, width);
    expect(after.shape).toBe("after");
    expect(after.x0).toBeCloseTo(xOf(view, width, dayNumber(2024, 9, 1)));
  });
});

describe("lanes", () => {
  test("events whose marks or labels would overlap get their own lanes; distant ones share", () => {
    const items = [
      { id: 1, span: onDay("2024-08-12"), title: "Setting added" },
      { id: 2, span: onDay("2024-08-14"), title: "FAQ edited" },
      { id: 3, span: onDay("2025-06-01"), title: "Hearing" },
    ];
    const { placed, lanes } = layoutEvents(items, view, width);
    const lane = (id: number): number | undefined => placed.find((p) => p.id === id)?.lane;
    expect(lane(1)).toBe(0);
    expect(lane(2)).toBe(1);
    expect(lane(3)).toBe(0);
    expect(lanes).toBe(2);
  });

  test("a label that would run off the right edge is drawn on the mark's left", () => {
    const { placed } = layoutEvents([{ id: 1, span: onDay("2025-12-20"), title: "Motion to dismiss heard" }], view, width);
    expect(placed[0]?.labelSide).toBe("left");
    const early = layoutEvents([{ id: 1, span: onDay("2024-02-01"), title: "Motion to dismiss heard" }], view, width);
    expect(early.placed[0]?.labelSide).toBe("right");
  });

  test("long titles are cut with an ellipsis on the chart (the table has them whole)", () => {
    expect(chartLabel("Short")).toBe("Short");
    const cut = chartLabel("Linkwise agrees to pay $6.625 million to settle the ad-view class action");
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(38);
    expect(cut).toBe("Linkwise agrees to pay $6.625 million…");
  });

  test("never cuts a word: a label ends at the last whole word that fits", () => {
    const title = "Settlement administrator circulates the notice to everyone concerned";
    const label = chartLabel(title);
    const words = label.slice(0, -1).split(" ");
    expect(label.endsWith("…")).toBe(true);
    expect(title.split(" ").slice(0, words.length)).toEqual(words);
    expect(chartLabel("Supercalifragilisticexpialidociousandmoreandmorewords here")).toBe("Supercalifragilisticexpialidociousandmoreandmorewords…");
  });
});
