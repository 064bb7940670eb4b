import { describe, expect, test } from "vitest";
import type { EventSpan } from "../backend";
import { dayNumber, describeSpan, isoDay, spanOf } from "./calendar";

const day = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y!, m!, d!);
};

// Spans as the api sends them in `TimelineEvent.span` (crates/timeline's reading of the date).
const api = (kind: EventSpan["kind"], first_day: string | null, last_day: string | null, precision: EventSpan["precision"]): EventSpan => ({
  kind,
  first_day,
  last_day,
  precision,
});

describe("the api's spans as stretches of days", () => {
  test("a year covers the whole year, not a point on 1 January", () => {
    expect(spanOf(api("on", "2025-01-01", "2025-12-31", "year"))).toEqual({ kind: "on", first: day("2025-01-01"), end: day("2026-01-01"), precision: "year", uncertain: true });
  });

  test("a month covers its days (29 in a leap February)", () => {
    const span = spanOf(api("on", "2024-02-01", "2024-02-29", "month"));
    expect(span).toBeDefined();
    expect((span?.end ?? 0) - (span?.first ?? 0)).toBe(29);
    expect(span).toMatchObject({ precision: "month", uncertain: true });
  });

  test("a day is one day and certain", () => {
    expect(spanOf(api("on", "2024-08-12", "2024-08-12", "day"))).toEqual({ kind: "on", first: day("2024-08-12"), end: day("2024-08-13"), precision: "day", uncertain: false });
  });

  test("a range runs from its first day to the end of its last day, and is certain", () => {
    expect(spanOf(api("range", "2024-08-01", "2024-08-31", "day"))).toEqual({ kind: "range", first: day("2024-08-01"), end: day("2024-09-01"), precision: "day", uncertain: false });
  });

  test("between is uncertain inside its bounds; before and after are open on one side", () => {
    expect(spanOf(api("between", "2024-08-20", "2024-09-27", "day"))).toEqual({
      kind: "between",
      first: day("2024-08-20"),
      end: day("2024-09-28"),
      precision: "day",
      uncertain: true,
    });
    // "before 2024-08": the last day it may be is 31 July, so the arrow ends where August begins.
    expect(spanOf(api("before", null, "2024-07-31", "month"))).toMatchObject({ kind: "before", first: day("2024-08-01"), end: day("2024-08-01"), uncertain: true });
    // "after 2024-08": the first day it may be is 1 September.
    expect(spanOf(api("after", "2024-09-01", null, "month"))).toMatchObject({ kind: "after", first: day("2024-09-01"), uncertain: true });
  });

  test("a span missing the bound its kind needs, or running backwards, is undefined, never a guess", () => {
    expect(spanOf(api("before", "2024-07-31", null, "month"))).toBeUndefined();
    expect(spanOf(api("after", null, "2024-09-01", "month"))).toBeUndefined();
    expect(spanOf(api("on", "2024-08-01", null, "month"))).toBeUndefined();
    expect(spanOf(api("range", "2024-09-01", "2024-08-31", "day"))).toBeUndefined();
    expect(spanOf(api("on", "Aug 2024", "2024-08-31", "month"))).toBeUndefined();
  });

  test("each span reads in words as the date it stands for", () => {
    const words = (s: EventSpan): string => describeSpan(spanOf(s)!);
    expect(words(api("on", "2024-08-01", "2024-08-31", "month"))).toBe("some time in the month 2024-08");
    expect(words(api("on", "2025-01-01", "2025-12-31", "year"))).toBe("some time in the year 2025");
    expect(words(api("on", "2024-08-12", "2024-08-12", "day"))).toBe("on 2024-08-12");
    expect(words(api("between", "2024-08-20", "2024-09-27", "day"))).toBe("some time between 2024-08-20 and 2024-09-27");
    expect(words(api("range", "2024-08-01", "2024-08-20", "day"))).toBe("from 2024-08-01 to 2024-08-20");
    expect(words(api("before", null, "2024-07-31", "month"))).toBe("some time before 2024-08-01");
    expect(words(api("after", "2024-08-16", null, "day"))).toBe("some time after 2024-08-15");
    expect(isoDay(day("1999-12-31"))).toBe("1999-12-31");
  });
});
