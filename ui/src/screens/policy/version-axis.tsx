// A series' versions on a time axis: each version is a bar from its first capture to the next
// version's (the last to its last sighting), every capture is a tick, and each change is drawn in
// the window where it must have happened (between the last capture of the old text and the first
// of the new), flagged when it was silent (the wording changed, the claimed date did not).

import { dayNumber, isoDay } from "../../lib/time/calendar";
import { ticks, xOf, type TimeView } from "../../lib/time/scale";
import type { SeriesView } from "./commands";

const WIDTH = 1000;
const HEIGHT = 150;
const VERSION_Y = 44;
const WINDOW_Y = 90;

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

/** About how wide a character of the axis's 12px labels is. */
const CHAR_PX = 6.8;

/** The longest label that fits a version's bar: with its claimed date, without, or its number. */
export function versionLabel(index: number, claimed: string | null, room: number): string {
  const full = `Version ${index + 1}${claimed !== null ? ` · claims ${claimed}` : ""}`;
  const short = `Version ${index + 1}`;
  return [full, short].find((label) => label.length * CHAR_PX <= room) ?? `${index + 1}`;
}

export function VersionAxis({ series }: { series: SeriesView }) {
  const stretches = versionStretches(series);
  const first = stretches[0]?.first;
  const last = stretches[stretches.length - 1]?.end;
  if (first === undefined || last === undefined) {
    return null;
  }
  const margin = Math.max((last - first) * 0.06, 5);
  const view: TimeView = { start: first - margin, end: last + margin };
  const x = (day: number): number => xOf(view, WIDTH, day);
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
              <rect x={x(s.first)} y={VERSION_Y - 12} width={Math.max(x(s.end) - x(s.first), 4)} height={24} rx={3} />
              <text x={x(s.first) + 5} y={VERSION_Y + 4} class="version-label">
                {versionLabel(s.index, version?.claimed_date ?? null, x(s.end) - x(s.first) - 10)}
              </text>
            </g>
          );
        })}
        {captures.map((c, i) => (
          <circle key={`${c}-${i}`} cx={x(dayOfIso(c))} cy={VERSION_Y + 18} r={3} class="capture-dot" />
        ))}
        {series.changes.map((c, i) => {
          const x0 = x(dayOfIso(c.last_old));
          const x1 = Math.max(x(dayOfIso(c.first_new)), x0 + 4);
          return (
            <g key={i} class={c.silent ? "change-window silent" : "change-window"}>
              <rect x={x0} y={WINDOW_Y - 10} width={x1 - x0} height={20} fill="url(#window-hatch)" class="window-rect" />
              <text x={x0} y={WINDOW_Y + 26} class="window-label">
                {c.silent ? "⚑ silent change " : "change "}
                {i + 1}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="version-axis-caption" class="muted">
        {series.versions.length} versions from {isoDay(first)}: bars are versions, dots are captures, hatched windows are where a change happened
        {series.changes.some((c) => c.silent) ? "; ⚑ marks a silent change (new wording, same claimed date)" : ""}.
      </figcaption>
    </figure>
  );
}
