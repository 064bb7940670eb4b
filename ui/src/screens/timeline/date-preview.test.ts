import { describe, expect, test } from "vitest";
import { datePreview, draftSpan } from "./date-preview";

describe("the event form's preview of a draft date", () => {
  test("a draft reads into the span the api would send for it", () => {
    expect(draftSpan("2024-02", null)).toEqual({ kind: "on", first_day: "2024-02-01", last_day: "2024-02-29", precision: "month" });
    expect(draftSpan("2025", null)).toEqual({ kind: "on", first_day: "2025-01-01", last_day: "2025-12-31", precision: "year" });
    expect(draftSpan("2024-08-12T10:00:00Z", null)).toEqual({ kind: "on", first_day: "2024-08-12", last_day: "2024-08-12", precision: "day" });
    expect(draftSpan("before 2024-03-01", null)).toEqual({ kind: "before", first_day: null, last_day: "2024-02-29", precision: "day" });
    expect(draftSpan("AFTER 2024-12", null)).toEqual({ kind: "after", first_day: "2025-01-01", last_day: null, precision: "month" });
  });

  test("a range reads the same however it is written", () => {
    const expected = { kind: "range", first_day: "2024-08-01", last_day: "2024-08-31", precision: "day" };
    expect(draftSpan("2024-08-01/2024-08", null)).toEqual(expected);
    expect(draftSpan("2024-08-01..2024-08", null)).toEqual(expected);
    expect(draftSpan("2024-08-01", "2024-08")).toEqual(expected);
  });

  test("the preview says how the date will be read, or that it cannot be", () => {
    expect(datePreview("between 2024-08-20 and 2024-09-27", "")).toBe("Read as some time between 2024-08-20 and 2024-09-27.");
    for (const bad of ["Aug 2024", "2024-13", "2024-02-30", "between 2024", "2024-09/2024-08", "before someday", "24-08"]) {
      expect(datePreview(bad, ""), bad).toBe(`“${bad}” is not a date the chronology can read.`);
    }
  });
});
