// The stretch of days an event's date covers, as the api sends it (`TimelineEvent.span`, computed
// by crates/timeline from the chronology's fuzzy date), so that a drawing can be honest about what
// is known: a year is the whole year, not a point on 1 January; a range is a bar; "before D" is
// open to the left. Only crates/timeline reads dates, saved or draft (the event form asks the case
// to read a draft: screens/timeline/date-preview.ts).
//
// Days are counted from 1970-01-01 (UTC), so they are plain integers a scale can map to pixels.

import type { EventSpan } from "../backend/types";

/** How much of a date is known. */
export type Precision = "year" | "month" | "day" | "period";

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

/** The day number of a `YYYY-MM-DD` day as the api writes it. */
export function dayOfIso(iso: string): number {
  const [year, month, day] = iso.split("-").map(Number);
  return dayNumber(year ?? NaN, month ?? NaN, day ?? NaN);
}

/**
 * The span of an event's date from the days the api says it covers (`TimelineEvent.span`, read
 * by the timeline crate): undefined when a bound the kind needs is missing or not a day.
 */
export function spanOf(span: EventSpan): DateSpan | undefined {
  const first = span.first_day === null ? undefined : dayOfIso(span.first_day);
  const last = span.last_day === null ? undefined : dayOfIso(span.last_day);
  const known = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
  const { kind, precision } = span;
  switch (kind) {
    case "before":
      // Open to the left: the event is somewhere before the day after its last possible day.
      return known(last) ? { kind, first: last + 1, end: last + 1, precision, uncertain: true } : undefined;
    case "after":
      return known(first) ? { kind, first, end: first, precision, uncertain: true } : undefined;
    case "on":
    case "range":
    case "between":
      if (!known(first) || !known(last) || first > last) {
        return undefined;
      }
      // A month or a year is a stretch the event lies somewhere in, not its first day.
      return { kind, first, end: last + 1, precision, uncertain: kind === "between" || (kind === "on" && precision !== "day") };
  }
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
      if (span.precision === "period") {
        // A quarter, part of a year or month, season or decade: its first and last days.
        return `some time between ${isoDay(span.first)} and ${isoDay(last)}`;
      }
      return span.precision === "day"
        ? `on ${isoDay(span.first)}`
        : `some time in ${span.precision === "month" ? "the month" : "the year"} ${isoDay(span.first).slice(0, span.precision === "month" ? 7 : 4)}`;
  }
}
