// A zoomable time axis: which stretch of days is in view, where a day falls in pixels, how
// zooming about a point and panning move the view, and which calendar ticks to label at the
// current zoom (years when far out, months, then weeks and days when close in).

import { calendarDay, dayNumber, type DateSpan } from "./calendar";

/** The days in view, `[start, end)`, as (fractional) day numbers. */
export interface TimeView {
  start: number;
  end: number;
}

/** The closest zoom: two weeks across. */
export const MIN_VIEW_DAYS = 14;
/** The farthest zoom: a century across. */
export const MAX_VIEW_DAYS = 36_525;
/** How far open-ended dates (before/after) reach past their bound when fitting the view. */
export const OPEN_END_DAYS = 45;

/** The view that shows every span with a margin on both sides; undefined when there are none. */
export function fitView(spans: readonly DateSpan[]): TimeView | undefined {
  if (spans.length === 0) {
    return undefined;
  }
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    start = Math.min(start, span.kind === "before" ? span.first - OPEN_END_DAYS : span.first);
    end = Math.max(end, span.kind === "after" ? span.end + OPEN_END_DAYS : span.end);
  }
  const margin = Math.max((end - start) * 0.05, 3);
  return clampView({ start: start - margin, end: end + margin });
}

/** Keeps a view's width between the closest and the farthest zoom, about its middle. */
export function clampView(view: TimeView): TimeView {
  const width = view.end - view.start;
  const clamped = Math.min(Math.max(width, MIN_VIEW_DAYS), MAX_VIEW_DAYS);
  if (clamped === width) {
    return view;
  }
  const middle = (view.start + view.end) / 2;
  return { start: middle - clamped / 2, end: middle + clamped / 2 };
}

/** Where day `day` falls on an axis `width` pixels wide showing `view`. */
export function xOf(view: TimeView, width: number, day: number): number {
  return ((day - view.start) / (view.end - view.start)) * width;
}

/** The day at pixel `x` of the axis. */
export function dayAt(view: TimeView, width: number, x: number): number {
  return view.start + (x / width) * (view.end - view.start);
}

/**
 * Zooms by `factor` (2 shows half as many days) keeping `focus` (a day) where it is on screen,
 * within the closest and farthest zoom.
 */
export function zoomView(view: TimeView, factor: number, focus: number = (view.start + view.end) / 2): TimeView {
  const width = view.end - view.start;
  const next = Math.min(Math.max(width / factor, MIN_VIEW_DAYS), MAX_VIEW_DAYS);
  const at = (focus - view.start) / width;
  return { start: focus - at * next, end: focus - at * next + next };
}

/** Zooms by `factor` with `centre` (a selected event's middle day) in the middle of the view. */
export function zoomAround(view: TimeView, factor: number, centre: number): TimeView {
  const half = (view.end - view.start) / 2;
  return zoomView({ start: centre - half, end: centre + half }, factor, centre);
}

/** Moves the view by `fraction` of its width (negative: earlier). */
export function panView(view: TimeView, fraction: number): TimeView {
  const shift = (view.end - view.start) * fraction;
  return { start: view.start + shift, end: view.end + shift };
}

/** A labelled mark on the axis. */
export interface Tick {
  day: number;
  label: string;
  /** A year boundary (drawn stronger). */
  major: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Unit = { kind: "year"; step: number } | { kind: "month"; step: number } | { kind: "day"; step: number };

/** Roughly how many days each unit covers, finest first. */
const UNITS: { unit: Unit; days: number }[] = [
  { unit: { kind: "day", step: 1 }, days: 1 },
  { unit: { kind: "day", step: 7 }, days: 7 },
  { unit: { kind: "month", step: 1 }, days: 30.4 },
  { unit: { kind: "month", step: 3 }, days: 91.3 },
  { unit: { kind: "year", step: 1 }, days: 365.25 },
  { unit: { kind: "year", step: 5 }, days: 1826 },
  { unit: { kind: "year", step: 10 }, days: 3652 },
  { unit: { kind: "year", step: 25 }, days: 9131 },
];

/** The finest calendar unit whose ticks stay at least `minGap` pixels apart. */
export function tickUnit(view: TimeView, width: number, minGap = 70): Unit {
  const daysPerPixel = (view.end - view.start) / width;
  const fits = UNITS.find((u) => u.days / daysPerPixel >= minGap);
  return (fits ?? UNITS[UNITS.length - 1]!).unit;
}

/** The calendar ticks inside the view, labelled for the zoom level. */
export function ticks(view: TimeView, width: number, minGap = 70): Tick[] {
  const unit = tickUnit(view, width, minGap);
  const out: Tick[] = [];
  const first = calendarDay(Math.floor(view.start));
  if (unit.kind === "year") {
    let year = Math.ceil(first.year / unit.step) * unit.step;
    for (let day = dayNumber(year, 1, 1); day <= view.end; year += unit.step, day = dayNumber(year, 1, 1)) {
      if (day >= view.start) {
        out.push({ day, label: String(year), major: true });
      }
    }
    return out;
  }
  if (unit.kind === "month") {
    let year = first.year;
    let month = first.month;
    for (;;) {
      const day = dayNumber(year, month, 1);
      if (day > view.end) {
        break;
      }
      if (day >= view.start && (month - 1) % unit.step === 0) {
        out.push({ day, label: month === 1 ? `${MONTHS[0]} ${year}` : `${MONTHS[month - 1]}`, major: month === 1 });
      }
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    // Say which year the first months belong to.
    const head = out[0];
    if (head !== undefined && !head.label.includes(" ")) {
      head.label = `${head.label} ${calendarDay(head.day).year}`;
    }
    return out;
  }
  // Days: every day, or every Monday for weeks.
  for (let day = Math.ceil(view.start); day <= view.end; day++) {
    const { year, month, day: dom } = calendarDay(day);
    // Day 0 (1970-01-01) was a Thursday; Monday is (day + 3) % 7 == 0.
    const isMonday = (((day + 3) % 7) + 7) % 7 === 0;
    if (unit.step === 1 || isMonday) {
      out.push({ day, label: dom === 1 || out.length === 0 ? `${dom} ${MONTHS[month - 1]} ${year}` : `${dom} ${MONTHS[month - 1]}`, major: dom === 1 && month === 1 });
    }
  }
  return out;
}
