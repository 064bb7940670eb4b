// A series' versions on a time axis: each version is a bar from its first capture to the next
// version's (the last to its last sighting), every capture is a tick, and each change is drawn in
// the window where it must have happened (between the last capture of the old text and the first
// of the new), flagged when it was silent (the wording changed, the claimed date did not).

import { dayNumber, isoDay } from "../../lib/time/calendar";
import { ticks, xOf, type TimeView } from "../../lib/time/scale";
import type { SeriesView } from "./commands";

const WIDTH = 1000;
const HEIGHT = 170;
/** Baseline of the labels that do not fit their bar: a row of their own above the bars. */
const ABOVE_Y = 31;
const VERSION_Y = 52;
const WINDOW_Y = 100;
const WINDOW_LABEL_Y = 130;

/** The day number of an ISO date or timestamp (its first ten characters). */
export function dayOfIso(date: string): number {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  return dayNumber(y ?? 1970, m ?? 1, d ?? 1);
}

/** The stretch each version was the one in force, as far as the captures show. */
export function versionStretches(series: SeriesView): { doc: number; first: number; end: number; index: number }[] {
  return series.versions.map((v, index) => {
    const next = series.versions[index + 1];
    const first = dayOfIso(v.captured);
    const end = next !== undefined ? dayOfIso(next.captured) : dayOfIso(v.last_seen) + 1;
    return { doc: v.doc, first, end: Math.max(end, first + 1), index };
  });
}

/** How wide a character of the axis's 12px labels is at most (a digit of DejaVu Sans; bold a little wider). */
const CHAR_PX = 7.6;
/** The least space between two labels on one row. */
const LABEL_GAP = 6;

/** The longest label that fits a version's bar: with its claimed date, without, or its number. */
export function versionLabel(index: number, claimed: string | null, room: number): string {
  return labelOptions(index, claimed).find((label) => textWidth(label) <= room) ?? `${index + 1}`;
}

function labelOptions(index: number, claimed: string | null): string[] {
  return [...(claimed !== null ? [`Version ${index + 1} · claims ${claimed}`] : []), `Version ${index + 1}`, `${index + 1}`];
}

/** About how wide `text` is drawn in the axis's 12px labels. */
export function textWidth(text: string): number {
  return text.length * CHAR_PX;
}

/** Something to label on the axis: where its mark starts and ends, and its labels, longest first. */
export interface LabelCandidate {
  x0: number;
  x1: number;
  options: string[];
}

/** A label placed on the axis: on its mark (row 0) or on the row above the marks (row 1). */
export interface PlacedLabel {
  /** Which candidate it labels. */
  index: number;
  text: string;
  x: number;
  width: number;
  row: 0 | 1;
}

/**
 * Places labels so that none overlaps another, whatever the number of versions: each goes on
 * its own mark when one of its forms fits there; otherwise its shortest form goes on the row
 * above, when that row has room after the label before it; otherwise it is left out (every
 * mark keeps a tooltip, and the change list and the diff's choices name every version).
 */
export function placeLabels(candidates: readonly LabelCandidate[], padding = 5): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  let aboveEnd = -Infinity;
  candidates.forEach((c, index) => {
    const room = c.x1 - c.x0 - 2 * padding;
    const inside = c.options.find((text) => textWidth(text) <= room);
    if (inside !== undefined) {
      placed.push({ index, text: inside, x: c.x0 + padding, width: textWidth(inside), row: 0 });
      return;
    }
    const shortest = c.options[c.options.length - 1];
    if (shortest === undefined) {
      return;
    }
    const width = textWidth(shortest);
    // Centred over the mark, kept inside the axis.
    const x = Math.min(Math.max((c.x0 + c.x1) / 2 - width / 2, 0), WIDTH - width);
    if (x >= aboveEnd + LABEL_GAP) {
      placed.push({ index, text: shortest, x, width, row: 1 });
      aboveEnd = x + width;
    }
  });
  return placed;
}

/** The words of a version's tooltip. */
function versionTitle(index: number, version: SeriesView["versions"][number]): string {
  return `Version ${index + 1}: first captured ${version.captured.slice(0, 10)}${version.claimed_date !== null ? `, claims ${version.claimed_date}` : ""}${version.observations.length > 0 ? `, seen again ${version.observations.length} times` : ""}`;
}

/** How far right of its window a change's label may be pushed by the label before it. */
const WINDOW_LABEL_SLACK = 40;

/**
 * Labels for the change windows, on one row below them: the longest of "⚑ silent change 3" /
 * "change 3" that ends before the next window, else the number alone ("⚑3", "3"); pushed right
 * past the label before it, and left out (its tooltip kept) when that would take it too far
 * from its window.
 */
export function placeWindowLabels(windows: readonly { x0: number; silent: boolean; n: number }[]): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  let end = -Infinity;
  windows.forEach((w, index) => {
    const next = windows[index + 1]?.x0 ?? WIDTH;
    const x = Math.max(w.x0, end + LABEL_GAP);
    const [long, short] = w.silent ? [`⚑ silent change ${w.n}`, `⚑${w.n}`] : [`change ${w.n}`, `${w.n}`];
    const text = x + textWidth(long) <= Math.min(next - LABEL_GAP, WIDTH) ? long : short;
    if (x > w.x0 + WINDOW_LABEL_SLACK || x + textWidth(text) > WIDTH) {
      return;
    }
    placed.push({ index, text, x, width: textWidth(text), row: 0 });
    end = x + textWidth(text);
  });
  return placed;
}

/** Where everything on the axis goes: the days in view, and the labels that do not overlap. */
export function axisLayout(series: SeriesView) {
  const stretches = versionStretches(series);
  const first = stretches[0]?.first;
  const last = stretches[stretches.length - 1]?.end;
  if (first === undefined || last === undefined) {
    return undefined;
  }
  const margin = Math.max((last - first) * 0.06, 5);
  const view: TimeView = { start: first - margin, end: last + margin };
  const x = (day: number): number => xOf(view, WIDTH, day);
  const versionLabels = placeLabels(
    stretches.map((s) => ({ x0: x(s.first), x1: x(s.end), options: labelOptions(s.index, series.versions[s.index]?.claimed_date ?? null) })),
  );
  const windowLabels = placeWindowLabels(series.changes.map((c, i) => ({ x0: x(dayOfIso(c.last_old)), silent: c.silent, n: i + 1 })));
  return { stretches, first, view, x, versionLabels, windowLabels };
}

export function VersionAxis({ series }: { series: SeriesView }) {
  const layout = axisLayout(series);
  if (layout === undefined) {
    return null;
  }
  const { stretches, first, view, x, versionLabels, windowLabels } = layout;
  const captures = series.versions.flatMap((v) => [v.captured, ...v.observations]);
  return (
    <figure class="version-axis">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="version-axis-caption" class="chart-svg">
        <defs>
          <pattern id="window-hatch" class="change-window-colour" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="2.5" />
          </pattern>
        </defs>
        {ticks(view, WIDTH, 80).map((t) => (
          <g key={t.day}>
            <line x1={x(t.day)} x2={x(t.day)} y1={16} y2={HEIGHT} class={t.major ? "tick major" : "tick"} />
            <text x={x(t.day) + 3} y={12} class="tick-label">
              {t.label}
            </text>
          </g>
        ))}
        {stretches.map((s) => {
          const version = series.versions[s.index];
          return (
            <g key={s.doc} class={`version-bar version-${s.index % 2 === 0 ? "even" : "odd"}`}>
              <rect x={x(s.first)} y={VERSION_Y - 12} width={Math.max(x(s.end) - x(s.first), 4)} height={24} rx={3}>
                {version !== undefined && <title>{versionTitle(s.index, version)}</title>}
              </rect>
            </g>
          );
        })}
        {versionLabels.map((l) => (
          <text key={`v${l.index}`} x={l.x} y={l.row === 0 ? VERSION_Y + 4 : ABOVE_Y} class="version-label">
            {l.text}
          </text>
        ))}
        {captures.map((c, i) => (
          <circle key={`${c}-${i}`} cx={x(dayOfIso(c))} cy={VERSION_Y + 18} r={3} class="capture-dot" />
        ))}
        {series.changes.map((c, i) => {
          const x0 = x(dayOfIso(c.last_old));
          const x1 = Math.max(x(dayOfIso(c.first_new)), x0 + 4);
          return (
            <g key={i} class={c.silent ? "change-window silent" : "change-window"}>
              <rect x={x0} y={WINDOW_Y - 10} width={x1 - x0} height={20} fill="url(#window-hatch)" class="window-rect">
                <title>
                  {c.silent ? "Silent change" : "Change"} {i + 1}: between {c.last_old} and {c.first_new}
                </title>
              </rect>
            </g>
          );
        })}
        {windowLabels.map((l) => (
          <text key={`c${l.index}`} x={l.x} y={WINDOW_LABEL_Y} class={series.changes[l.index]?.silent === true ? "window-label silent" : "window-label"}>
            {l.text}
          </text>
        ))}
      </svg>
      <figcaption id="version-axis-caption" class="muted">
        {series.versions.length} versions from {isoDay(first)}: bars are versions, dots are captures, hatched windows are where a change happened
        {series.changes.some((c) => c.silent) ? "; ⚑ marks a silent change (new wording, same claimed date)" : ""}.
      </figcaption>
    </figure>
  );
}
