// Dates as the chronology writes them (crates/timeline, `FuzzyDate`'s canonical text) turned into
// the stretch of days they cover, so that a drawing can be honest about what is known: a year is
// the whole year, not a point on 1 January; a range is a bar; "before D" is open to the left.
//
// Days are counted from 1970-01-01 (UTC), so they are plain integers a scale can map to pixels.

/** How much of a date is known. */
export type Precision = "year" | "month" | "day";

/** A calendar date known to year, month or day precision (a time of day is dropped). */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/** What an event's date says about when it happened. */
export type DateKind = "on" | "range" | "before" | "after" | "between";

/** The days an event's date covers, `[first, end)`; `end` is the day after the last one. */
export interface DateSpan {
  kind: DateKind;
  /** The first day it may be on (for `before`, the bound itself: the event is left of it). */
  first: number;
  /** The day after the last day it may be on (for `after`, the day after the bound). */
  end: number;
  /** The precision of the date written first. */
  precision: Precision;
  /** Whether the event lies at some unknown point inside the span rather than filling it. */
  uncertain: boolean;
}

const MS_PER_DAY = 86_400_000;

/** Days in a month (1–12) of a year, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day number of a calendar day. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The calendar day of a day number. */
export function calendarDay(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `2024-08-15` for a day number. */
export function isoDay(n: number): string {
  const { year, month, day } = calendarDay(n);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Reads `2024`, `2024-08`, `2024-08-15` or a timestamp (`2024-08-15T10:00:00Z`); undefined if it is none. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { year };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return undefined;
  }
  if (match[3] === undefined) {
    return { year, month };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/** How much of the date is known. */
export function precisionOf(date: PartialDate): Precision {
  return date.day !== undefined ? "day" : date.month !== undefined ? "month" : "year";
}

/** The first day the date may be. */
export function firstDayOf(date: PartialDate): number {
  return dayNumber(date.year, date.month ?? 1, date.day ?? 1);
}

/** The day after the last day the date may be. */
export function endDayOf(date: PartialDate): number {
  if (date.day !== undefined) {
    return firstDayOf(date) + 1;
  }
  if (date.month !== undefined) {
    return dayNumber(date.year, date.month, daysInMonth(date.year, date.month)) + 1;
  }
  return dayNumber(date.year + 1, 1, 1);
}

/**
 * The span of an event's date: the api's `date` (`2024-08`, `before 2024-08`,
 * `between 2024-08-20 and 2024-09-27`, `2024-08-01/2024-08-20`) and its `end` for a range.
 * Undefined when the text is not a date the chronology writes.
 */
export function dateSpan(date: string, end: string | null = null): DateSpan | undefined {
  const text = date.trim();
  const lower = text.toLowerCase();
  const single = (kind: "before" | "after", rest: string): DateSpan | undefined => {
    const d = parsePartialDate(rest);
    if (d === undefined) {
      return undefined;
    }
    return kind === "before"
      ? { kind, first: firstDayOf(d), end: firstDayOf(d), precision: precisionOf(d), uncertain: true }
      : { kind, first: endDayOf(d), end: endDayOf(d), precision: precisionOf(d), uncertain: true };
  };
  if (lower.startsWith("before ")) {
    return single("before", text.slice(7));
  }
  if (lower.startsWith("after ")) {
    return single("after", text.slice(6));
  }
  const pair = (kind: "range" | "between", a: string, b: string): DateSpan | undefined => {
    const from = parsePartialDate(a);
    const to = parsePartialDate(b);
    if (from === undefined || to === undefined || firstDayOf(from) > firstDayOf(to)) {
      return undefined;
    }
    return { kind, first: firstDayOf(from), end: endDayOf(to), precision: precisionOf(from), uncertain: kind === "between" };
  };
  if (lower.startsWith("between ")) {
    const rest = text.slice(8);
    const and = rest.toLowerCase().indexOf(" and ");
    return and < 0 ? undefined : pair("between", rest.slice(0, and), rest.slice(and + 5));
  }
  const separator = text.includes("..") ? ".." : text.includes("/") ? "/" : undefined;
  if (separator !== undefined) {
    const [a, b] = text.split(separator);
    return pair("range", a ?? "", b ?? "");
  }
  if (end !== null && end.trim() !== "") {
    return pair("range", text, end);
  }
  const d = parsePartialDate(text);
  if (d === undefined) {
    return undefined;
  }
  const precision = precisionOf(d);
  // A month or a year is a stretch the event lies somewhere in, not its first day.
  return { kind: "on", first: firstDayOf(d), end: endDayOf(d), precision, uncertain: precision !== "day" };
}

/** How a span reads in words, for screen readers and tooltips. */
export function describeSpan(span: DateSpan): string {
  const last = span.end - 1;
  switch (span.kind) {
    case "before":
      return `some time before ${isoDay(span.first)}`;
    case "after":
      return `some time after ${isoDay(span.first - 1)}`;
    case "between":
      return `some time between ${isoDay(span.first)} and ${isoDay(last)}`;
    case "range":
      return `from ${isoDay(span.first)} to ${isoDay(last)}`;
    case "on":
      return span.precision === "day"
        ? `on ${isoDay(span.first)}`
        : `some time in ${span.precision === "month" ? "the month" : "the year"} ${isoDay(span.first).slice(0, span.precision === "month" ? 7 : 4)}`;
  }
}
