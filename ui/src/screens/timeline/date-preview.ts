// The event form's live reading of the date a user is typing, before anything is saved. A saved
// event's span comes from the api (`TimelineEvent.span`, read by crates/timeline); a draft has no
// api span yet, so this reads the same forms into the same shape, for the preview line only. What
// is stored is always the timeline crate's reading: a date this preview accepts but the crate does
// not is refused on save with the crate's reason.

import type { EventSpan } from "../../lib/backend";
import { daysInMonth, describeSpan, spanOf } from "../../lib/time/calendar";

type Precision = EventSpan["precision"];

interface Bounds {
  first: string;
  last: string;
  precision: Precision;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** The first and last day `2024`, `2024-08`, `2024-08-15` or a timestamp may mean; undefined if it is none. */
function bounds(text: string): Bounds | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { first: `${year}-01-01`, last: `${year}-12-31`, precision: "year" };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return undefined;
  }
  const ym = `${year}-${pad(month)}`;
  if (match[3] === undefined) {
    return { first: `${ym}-01`, last: `${ym}-${pad(daysInMonth(year, month))}`, precision: "month" };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { first: `${ym}-${pad(day)}`, last: `${ym}-${pad(day)}`, precision: "day" };
}

/** The day before / after a `YYYY-MM-DD` day. */
function shift(iso: string, by: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The span a draft date (and end, for a range) would have, in the api's shape; undefined if unreadable. */
export function draftSpan(date: string, end: string | null): EventSpan | undefined {
  const text = date.trim();
  const lower = text.toLowerCase();
  if (lower.startsWith("before ") || lower.startsWith("after ")) {
    const before = lower.startsWith("before ");
    const b = bounds(text.slice(before ? 7 : 6));
    if (b === undefined) {
      return undefined;
    }
    return before
      ? { kind: "before", first_day: null, last_day: shift(b.first, -1), precision: b.precision }
      : { kind: "after", first_day: shift(b.last, 1), last_day: null, precision: b.precision };
  }
  const pair = (kind: "range" | "between", a: string, z: string): EventSpan | undefined => {
    const from = bounds(a);
    const to = bounds(z);
    return from === undefined || to === undefined ? undefined : { kind, first_day: from.first, last_day: to.last, precision: from.precision };
  };
  if (lower.startsWith("between ")) {
    const rest = text.slice(8);
    const and = rest.toLowerCase().indexOf(" and ");
    return and < 0 ? undefined : pair("between", rest.slice(0, and), rest.slice(and + 5));
  }
  const separator = text.includes("..") ? ".." : text.includes("/") ? "/" : undefined;
  if (separator !== undefined) {
    const [a, z] = text.split(separator);
    return pair("range", a ?? "", z ?? "");
  }
  if (end !== null && end.trim() !== "") {
    return pair("range", text, end);
  }
  const b = bounds(text);
  return b === undefined ? undefined : { kind: "on", first_day: b.first, last_day: b.last, precision: b.precision };
}

/** How the date fields will be read, in words, or why they cannot be. */
export function datePreview(date: string, end: string): string {
  if (date.trim() === "") {
    return "Write a date: 2024, 2024-08, 2024-08-15, before 2024-08, after 2024-08-15, between 2024-08-01 and 2024-09.";
  }
  const api = draftSpan(date, end.trim() === "" ? null : end);
  const span = api === undefined ? undefined : spanOf(api);
  return span === undefined ? `“${date}${end.trim() === "" ? "" : ` to ${end}`}” is not a date the chronology can read.` : `Read as ${describeSpan(span)}.`;
}
