// Panes side by side with drag handles between them (the table, the document, its metadata, as
// reviewers know them from Datashare and Everlaw). One pane (the last, unless `growing` says
// otherwise) takes the room left; the others have a width in pixels that the handle beside
// them changes. The widths are remembered in localStorage under `name`.

import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";

/** The narrowest a pane can be dragged to. */
const MIN_PANE = 160;

function storedWidths(name: string, initial: number[]): number[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(`dossier.panes.${name}`) ?? "null");
    if (Array.isArray(stored) && stored.length === initial.length && stored.every((w) => typeof w === "number" && w >= MIN_PANE)) {
      return stored as number[];
    }
  } catch {
    // Unreadable: the initial widths.
  }
  return initial;
}

/**
 * `children` side by side; `initial` gives the starting width of each pane but the growing one
 * (in order), `labels` names each handle for assistive technology.
 */
export function SplitPanes({
  name,
  initial,
  labels,
  growing,
  children,
}: {
  name: string;
  initial: number[];
  labels: string[];
  growing?: number;
  children: ComponentChildren[];
}) {
  const [widths, setWidths] = useState(() => storedWidths(name, initial));
  const drag = useRef<{ pane: number; startX: number; startWidth: number } | null>(null);
  const save = (next: number[]): void => {
    setWidths(next);
    try {
      window.localStorage.setItem(`dossier.panes.${name}`, JSON.stringify(next));
    } catch {
      // Not remembered; the widths still apply now.
    }
  };
  const resize = (pane: number, width: number): number[] => widths.map((w, i) => (i === pane ? Math.max(MIN_PANE, Math.round(width)) : w));
  const panes = children.filter((c) => c !== null && c !== undefined && c !== false);
  const grower = growing ?? panes.length - 1;
  // The width index of pane `i` (the growing pane has none).
  const widthOf = (i: number): number => (i < grower ? i : i - 1);
  // Handle `h` sits between panes h and h+1 and sizes the one of them that is not growing:
  // dragging right widens a pane on its left, narrows one on its right.
  const sized = (h: number): { index: number; sign: number } => (h < grower ? { index: widthOf(h), sign: 1 } : { index: widthOf(h + 1), sign: -1 });
  const onPointerDown = (handle: number) => (event: PointerEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    drag.current = { pane: handle, startX: event.clientX, startWidth: widths[sized(handle).index] ?? MIN_PANE };
  };
  const onPointerMove = (event: PointerEvent): void => {
    const d = drag.current;
    if (d !== null) {
      const { index, sign } = sized(d.pane);
      setWidths(resize(index, d.startWidth + sign * (event.clientX - d.startX)));
    }
  };
  const onPointerUp = (): void => {
    if (drag.current !== null) {
      drag.current = null;
      save(widths);
    }
  };
  const onKeyDown = (handle: number) => (event: KeyboardEvent) => {
    const step = event.shiftKey ? 80 : 20;
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      const { index, sign } = sized(handle);
      save(resize(index, (widths[index] ?? MIN_PANE) + sign * (event.key === "ArrowLeft" ? -step : step)));
    }
  };
  return (
    <div class="split-panes">
      {panes.map((child, i) => (
        <>
          <div key={`pane-${i}`} class="split-pane" style={i === grower ? { flex: "1 1 0" } : { flex: `0 0 ${widths[widthOf(i)] ?? MIN_PANE}px` }}>
            {child}
          </div>
          {i < panes.length - 1 && (
            <div
              key={`handle-${i}`}
              class="split-handle"
              role="separator"
              aria-orientation="vertical"
              aria-label={labels[i] ?? "Resize"}
              aria-valuenow={widths[sized(i).index]}
              tabIndex={0}
              onPointerDown={onPointerDown(i)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onKeyDown={onKeyDown(i)}
            />
          )}
        </>
      ))}
    </div>
  );
}
