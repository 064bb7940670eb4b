// Where each event goes on the visual timeline at the current zoom: its mark (a point for a day,
// a bar for a month, a year, a range or a "between", an arrow for before/after) and the lane (row)
// it takes so that no two marks or labels overlap.

import type { DateSpan } from "../../lib/time/calendar";
import { xOf, type TimeView } from "../../lib/time/scale";

/** How long an open-ended (before/after) mark is drawn, in pixels. */
export const OPEN_MARK_PX = 56;
/** The narrowest a bar is drawn, so a short one stays visible and clickable. */
export const MIN_BAR_PX = 6;
/** Room between a mark and its label, and between neighbours in a lane. */
const GAP_PX = 8;
/** An estimate of a label's character width (the chart's 12px sans-serif). */
const CHAR_PX = 6.6;
/** Room for the status shape drawn before a bar's label. */
const LABEL_ICON_PX = 16;
/** Labels longer than this are cut with an ellipsis (the full title is in the table). */
export const LABEL_MAX_CHARS = 38;

export type MarkShape = "point" | "bar" | "before" | "after";

/** One event placed on the chart. */
export interface Placed {
  id: number;
  shape: MarkShape;
  /** Left and right of the mark, in pixels. */
  x0: number;
  x1: number;
  lane: number;
  /** The label as drawn (cut to LABEL_MAX_CHARS). */
  label: string;
  /** Which side of the mark the label is on: left only where the right edge would cut it. */
  labelSide: "left" | "right";
}

/**
 * The label as the chart draws it: a long title ends at the last whole word that fits, then "…";
 * a word is never cut (a first word longer than the room is drawn whole).
 */
export function chartLabel(title: string): string {
  if (title.length <= LABEL_MAX_CHARS) {
    return title;
  }
  const room = title.slice(0, LABEL_MAX_CHARS);
  const space = room.search(/\s\S*$/);
  const words = space > 0 ? room.slice(0, space) : (title.split(/\s/)[0] ?? room);
  return `${words.replace(/[\s,;:.\-–—]+$/u, "")}…`;
}

/** The mark's shape and extent for a date span. */
export function markOf(span: DateSpan, view: TimeView, width: number): { shape: MarkShape; x0: number; x1: number } {
  if (span.kind === "before") {
    const x = xOf(view, width, span.first);
    return { shape: "before", x0: x - OPEN_MARK_PX, x1: x };
  }
  if (span.kind === "after") {
    const x = xOf(view, width, span.first);
    return { shape: "after", x0: x, x1: x + OPEN_MARK_PX };
  }
  if (span.kind === "on" && span.precision === "day") {
    const x = xOf(view, width, span.first + 0.5);
    return { shape: "point", x0: x, x1: x };
  }
  const x0 = xOf(view, width, span.first);
  const x1 = Math.max(xOf(view, width, span.end), x0 + MIN_BAR_PX);
  return { shape: "bar", x0, x1 };
}

/**
 * Places events in chronological order, each in the first lane where its mark and label clear
 * the previous occupant; returns the placements and the number of lanes used.
 */
export function layoutEvents(
  items: readonly { id: number; span: DateSpan; title: string }[],
  view: TimeView,
  width: number,
): { placed: Placed[]; lanes: number } {
  const sorted = [...items].sort((a, b) => a.span.first - b.span.first || a.span.end - b.span.end || a.id - b.id);
  const laneEnds: number[] = [];
  const placed: Placed[] = [];
  for (const item of sorted) {
    const mark = markOf(item.span, view, width);
    const label = chartLabel(item.title);
    const labelWidth = LABEL_ICON_PX + label.length * CHAR_PX;
    const markLeft = mark.shape === "point" ? mark.x0 - 7 : mark.x0;
    const markRight = mark.shape === "point" ? mark.x1 + 7 : mark.x1;
    const labelSide = markRight + GAP_PX + labelWidth > width && markLeft - GAP_PX - labelWidth >= 0 ? "left" : "right";
    const left = labelSide === "left" ? markLeft - GAP_PX - labelWidth : markLeft;
    const right = labelSide === "left" ? markRight : markRight + GAP_PX + labelWidth;
    let lane = laneEnds.findIndex((end) => end + GAP_PX <= left);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(right);
    } else {
      laneEnds[lane] = right;
    }
    placed.push({ id: item.id, ...mark, lane, label, labelSide });
  }
  return { placed, lanes: laneEnds.length };
}
