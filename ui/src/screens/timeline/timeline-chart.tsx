// The visual timeline: every event with a drawable date on a zoomable time axis. A day is a point
// in the shape of its status; a month, a year, a range or a "between" is a bar over the days it
// covers (hatched when the event lies somewhere inside it rather than filling it); "before" and
// "after" are arrows open on their unknown side. Each mark is a link that selects its event.
//
// Keyboard: + and − zoom, ← and → move earlier and later, 0 shows everything; the buttons above
// the chart do the same. Ctrl + wheel zooms about the pointer; dragging pans.

import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TimelineEvent } from "../../lib/backend";
import { describeSpan, isoDay, spanOf, type DateSpan } from "../../lib/time/calendar";
import { dayAt, fitView, panView, ticks, xOf, zoomAround, zoomView, type TimeView } from "../../lib/time/scale";
import { layoutEvents, type Placed } from "./layout";
import { STATUSES, statusLook, type StatusLook } from "./status";

const AXIS_PX = 30;
const LANE_PX = 28;
const DEFAULT_WIDTH = 900;

export function TimelineChart({
  events,
  selected,
  hrefFor,
}: {
  events: readonly TimelineEvent[];
  selected: number | undefined;
  hrefFor: (id: number) => string;
}) {
  // The screen filters on every render, so the events arrive as a new array each time; what the
  // view depends on is which events there are and their dates.
  const datesKey = events.map((e) => `${e.id}:${e.date}:${e.end ?? ""}`).join("|");
  const spans = useMemo(() => {
    const drawable: { event: TimelineEvent; span: DateSpan }[] = [];
    const undrawable: TimelineEvent[] = [];
    for (const event of events) {
      const span = spanOf(event.span);
      if (span === undefined) {
        undrawable.push(event);
      } else {
        drawable.push({ event, span });
      }
    }
    return { drawable, undrawable };
    // `datesKey` stands for `events` (a new array on every render).
  }, [datesKey]);
  const fitted = useMemo(() => fitView(spans.drawable.map((d) => d.span)), [spans]);
  // A new set of events (a filter, an edit) shows all of them again: the zoom is kept only for
  // the events it was chosen for.
  const [zoomed, setZoomed] = useState<{ key: string; view: TimeView | undefined }>({ key: datesKey, view: fitted });
  const view = zoomed.key === datesKey ? zoomed.view : fitted;
  const setView = (next: TimeView | undefined): void => setZoomed({ key: datesKey, view: next });

  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = frame.current;
    if (element === null) {
      return;
    }
    const measure = (): void => setWidth(Math.max(element.clientWidth, 320) || DEFAULT_WIDTH);
    measure();
    if (typeof ResizeObserver === "undefined") {
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const drag = useRef<{ x: number; view: TimeView } | undefined>(undefined);

  if (view === undefined) {
    return <p class="hint">No event has a date that can be drawn.</p>;
  }
  const byId = new Map(spans.drawable.map((d) => [d.event.id, d]));
  const { placed, lanes } = layoutEvents(
    spans.drawable.map(({ event, span }) => ({ id: event.id, span, title: event.title })),
    view,
    width,
  );
  const height = AXIS_PX + Math.max(lanes, 1) * LANE_PX + 8;

  // The buttons and keys zoom toward the selected event, if one is drawn; the wheel, about the pointer.
  const selectedSpan = selected === undefined ? undefined : byId.get(selected)?.span;
  const zoom = (factor: number, focus?: number): void =>
    setView(
      focus === undefined && selectedSpan !== undefined
        ? zoomAround(view, factor, (selectedSpan.first + selectedSpan.end) / 2)
        : zoomView(view, factor, focus),
    );
  const onKey = (event: KeyboardEvent): void => {
    const actions: Record<string, () => void> = {
      "+": () => zoom(2),
      "=": () => zoom(2),
      "-": () => zoom(0.5),
      ArrowLeft: () => setView(panView(view, -0.25)),
      ArrowRight: () => setView(panView(view, 0.25)),
      "0": () => setView(fitted),
    };
    const action = actions[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  };
  const onWheel = (event: WheelEvent): void => {
    if (!event.ctrlKey && !event.metaKey) {
      return;
    }
    event.preventDefault();
    const box = (event.currentTarget as Element).getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, dayAt(view, width, event.clientX - box.left));
  };

  return (
    <section class="timeline-chart" aria-labelledby="chart-heading">
      <div class="chart-toolbar">
        <h3 id="chart-heading">On a time axis</h3>
        <div role="group" aria-label="Zoom and move the time axis">
          <button type="button" onClick={() => zoom(2)} aria-keyshortcuts="+">
            Zoom in
          </button>
          <button type="button" onClick={() => zoom(0.5)} aria-keyshortcuts="-">
            Zoom out
          </button>
          <button type="button" onClick={() => setView(panView(view, -0.25))} aria-keyshortcuts="ArrowLeft">
            ← Earlier
          </button>
          <button type="button" onClick={() => setView(panView(view, 0.25))} aria-keyshortcuts="ArrowRight">
            Later →
          </button>
          <button type="button" onClick={() => setView(fitted)} aria-keyshortcuts="0">
            Show all
          </button>
        </div>
        <p class="muted view-range" aria-live="polite">
          {isoDay(Math.floor(view.start))} to {isoDay(Math.floor(view.end))}
        </p>
      </div>
      <div
        class="chart-frame"
        ref={frame}
        tabIndex={0}
        aria-label="Timeline chart: + and − zoom, arrow keys move, 0 shows all, Tab moves through the events"
        onKeyDown={onKey}
        onWheel={onWheel}
        onPointerDown={(event) => {
          if ((event.target as Element).closest("a") === null) {
            drag.current = { x: event.clientX, view };
          }
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (start !== undefined) {
            setView(panView(start.view, -(event.clientX - start.x) / width));
          }
        }}
        onPointerUp={() => (drag.current = undefined)}
        onPointerLeave={() => (drag.current = undefined)}
      >
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} class="chart-svg" role="group" aria-label="Events by date">
          <defs>
            {STATUSES.map((s) => (
              <pattern key={s} id={`hatch-${s}`} class={`status-${s}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="currentColor" opacity="0.15" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="2.5" />
              </pattern>
            ))}
            <clipPath id="chart-clip">
              <rect x="0" y="0" width={width} height={height} />
            </clipPath>
          </defs>
          <g class="axis" aria-hidden="true">
            {ticks(view, width).map((t) => {
              const x = xOf(view, width, t.day);
              return (
                <g key={t.day}>
                  <line x1={x} x2={x} y1={AXIS_PX - 8} y2={height} class={t.major ? "tick major" : "tick"} />
                  <text x={x + 3} y={AXIS_PX - 12} class="tick-label">
                    {t.label}
                  </text>
                </g>
              );
            })}
            <line x1={0} x2={width} y1={AXIS_PX - 8} y2={AXIS_PX - 8} class="axis-line" />
          </g>
          <g clip-path="url(#chart-clip)">
            {placed.map((p) => {
              const item = byId.get(p.id);
              return item === undefined ? null : (
                <EventMark key={p.id} placed={p} event={item.event} span={item.span} selected={p.id === selected} href={hrefFor(p.id)} />
              );
            })}
          </g>
        </svg>
      </div>
      {spans.undrawable.length > 0 && (
        <p class="hint">
          Not drawn (their dates cannot be placed): {spans.undrawable.map((e) => `${e.title} (${e.date})`).join("; ")}.
        </p>
      )}
    </section>
  );
}

function EventMark({ placed, event, span, selected, href }: { placed: Placed; event: TimelineEvent; span: DateSpan; selected: boolean; href: string }) {
  const look = statusLook(event.status);
  const y = AXIS_PX + placed.lane * LANE_PX + LANE_PX / 2;
  const left = placed.labelSide === "left";
  // A bar's label starts with its status shape; a point is its own status shape.
  const iconX = left ? placed.x0 - 12 : placed.x1 + 12;
  const gap = placed.shape === "point" ? 10 : 20;
  const labelX = left ? placed.x0 - gap : placed.x1 + gap;
  const name = `${event.title}. ${event.display_date} (${describeSpan(span)}). Status: ${event.status}.`;
  return (
    <a href={href} class={`event-mark status-${look.status}${selected ? " selected" : ""}`} aria-label={name} aria-current={selected ? "true" : undefined} data-event={event.id}>
      <title>{name}</title>
      {placed.shape === "point" && <StatusShape look={look} x={placed.x0} y={y} size={7} />}
      {placed.shape === "bar" && (
        <rect
          x={placed.x0}
          y={y - 6}
          width={placed.x1 - placed.x0}
          height={12}
          rx={2}
          class={span.uncertain ? "bar uncertain" : "bar"}
          fill={span.uncertain ? `url(#hatch-${look.status})` : "currentColor"}
        />
      )}
      {(placed.shape === "before" || placed.shape === "after") && <OpenArrow shape={placed.shape} x0={placed.x0} x1={placed.x1} y={y} />}
      {placed.shape !== "point" && <StatusShape look={look} x={iconX} y={y} size={5} />}
      <text x={labelX} y={y + 4} class="event-label" text-anchor={left ? "end" : "start"}>
        {placed.label}
      </text>
    </a>
  );
}

/** The status's shape, centred on (x, y). */
export function StatusShape({ look, x, y, size }: { look: StatusLook; x: number; y: number; size: number }) {
  switch (look.shape) {
    case "circle":
      return <circle cx={x} cy={y} r={size} class="shape filled" />;
    case "square":
      return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} class="shape filled" />;
    case "diamond":
      return <path d={`M${x} ${y - size - 1} L${x + size + 1} ${y} L${x} ${y + size + 1} L${x - size - 1} ${y} Z`} class="shape hollow" />;
    case "cross":
      return <path d={`M${x - size} ${y - size} L${x + size} ${y + size} M${x + size} ${y - size} L${x - size} ${y + size}`} class="shape stroke" />;
    case "ring":
      return <circle cx={x} cy={y} r={size} class="shape hollow dashed" />;
  }
}

/** An arrow from the bound into the unknown: leftwards for "before", rightwards for "after". */
function OpenArrow({ shape, x0, x1, y }: { shape: "before" | "after"; x0: number; x1: number; y: number }) {
  const bound = shape === "before" ? x1 : x0;
  const tip = shape === "before" ? x0 : x1;
  const back = shape === "before" ? tip + 7 : tip - 7;
  return (
    <g class="open-arrow">
      <line x1={bound} x2={tip} y1={y} y2={y} class="arrow-shaft" />
      <path d={`M${back} ${y - 5} L${tip} ${y} L${back} ${y + 5}`} class="arrow-head" />
      <line x1={bound} x2={bound} y1={y - 8} y2={y + 8} class="arrow-bound" />
    </g>
  );
}

/** The legend: each status's shape, colour and word, and what the mark shapes mean. */
export function TimelineLegend() {
  return (
    <figure class="timeline-legend" aria-labelledby="legend-caption">
      <figcaption id="legend-caption">Key</figcaption>
      <ul>
        {STATUSES.map((s) => {
          const look = statusLook(s);
          return (
            <li key={s} class={`status-${s}`} title={look.meaning}>
              <svg width="16" height="16" aria-hidden="true">
                <StatusShape look={look} x={8} y={8} size={5} />
              </svg>
              <strong>{s}</strong>
              <span class="visually-hidden">: {look.meaning}</span>
            </li>
          );
        })}
      </ul>
      <p class="muted">
        Point: a day. Solid bar: the days an event lasted. Hatched bar: a month, a year or a “between” it lies somewhere in. Arrow: before or after a date.
      </p>
    </figure>
  );
}
