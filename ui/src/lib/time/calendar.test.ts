import { describe, expect, test } from "vitest";
import { dateSpan, dayNumber, describeSpan, isoDay, parsePartialDate } from "./calendar";

const day = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y!, m!, d!);
};

describe("fuzzy dates as stretches of days", () => {
  test("a year covers the whole year, not a point on 1 January", () => {
    expect(dateSpan("2025")).toEqual({ kind: "on", first: day("2025-01-01"), end: day("2026-01-01"), precision: "year", uncertain: true });
  });

  test("a month covers its days (29 in a leap February)", () => {
    const span = dateSpan("2024-02");
    expect(span?.end! - span?.first!).toBe(29);
    expect(span).toMatchObject({ precision: "month", uncertain: true });
  });

  test("a day is one day and certain; a timestamp counts as its day", () => {
    expect(dateSpan("2024-08-12")).toEqual({ kind: "on", first: day("2024-08-12"), end: day("2024-08-13"), precision: "day", uncertain: false });
    expect(dateSpan("2024-08-12T10:00:00Z")?.first).toBe(day("2024-08-12"));
  });

  test("a range runs from the first day of its start to the last day of its end, however written", () => {
    const expected = { kind: "range", first: day("2024-08-01"), end: day("2024-09-01"), precision: "day", uncertain: false };
    expect(dateSpan("2024-08-01/2024-08")).toEqual(expected);
    expect(dateSpan("2024-08-01..2024-08")).toEqual(expected);
    expect(dateSpan("2024-08-01", "2024-08")).toEqual(expected);
  });

  test("between is uncertain inside its bounds; before and after are open on one side", () => {
    expect(dateSpan("between 2024-08-20 and 2024-09-27")).toEqual({
      kind: "between",
      first: day("2024-08-20"),
      end: day("2024-09-28"),
      precision: "day",
      uncertain: true,
    });
    expect(dateSpan("before 2024-08")).toMatchObject({ kind: "before", first: day("2024-08-01"), end: day("2024-08-01") });
    expect(dateSpan("AFTER 2024-08")).toMatchObject({ kind: "after", first: day("2024-09-01") });
  });

  test("what is not a date is undefined, never a guess", () => {
    for (const bad of ["", "Aug 2024", "2024-13", "2024-02-30", "between 2024", "2024-09/2024-08", "before someday"]) {
      expect(dateSpan(bad), bad).toBeUndefined();
    }
    expect(parsePartialDate("24-08")).toBeUndefined();
  });

  test("each span reads in words as the date it stands for", () => {
    expect(describeSpan(dateSpan("2024-08")!)).toBe("some time in the month 2024-08");
    expect(describeSpan(dateSpan("2025")!)).toBe("some time in the year 2025");
    expect(describeSpan(dateSpan("2024-08-12")!)).toBe("on 2024-08-12");
    expect(describeSpan(dateSpan("between 2024-08-20 and 2024-09-27")!)).toBe("some time between 2024-08-20 and 2024-09-27");
    expect(describeSpan(dateSpan("2024-08-01/2024-08-20")!)).toBe("from 2024-08-01 to 2024-08-20");
    expect(describeSpan(dateSpan("before 2024-08")!)).toBe("some time before 2024-08-01");
    expect(describeSpan(dateSpan("after 2024-08-15")!)).toBe("some time after 2024-08-15");
    expect(isoDay(day("1999-12-31"))).toBe("1999-12-31");
  });
});
