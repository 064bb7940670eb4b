// The diff of two policy versions as the screen draws it. The api gives hunks as runs of equal,
// removed and added words; here they become an inline reading (one text, removals struck and
// additions marked) and a side-by-side one (the old text on the left with its removals, the new
// on the right with its additions, aligned change by change).

import type { DiffHunk, DiffSegment } from "./commands";

/** One row of the side-by-side view: what the old text had and what the new one has there. */
export interface SideBySideRow {
  /** `equal` rows are context; `change` rows hold a removal, an addition or both. */
  kind: "equal" | "change";
  old: string;
  new: string;
}

/** Pairs each run of removals with the additions that follow it, keeping context rows between. */
export function sideBySide(hunk: DiffHunk): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let pending: SideBySideRow | undefined;
  const flush = (): void => {
    if (pending !== undefined) {
      rows.push(pending);
      pending = undefined;
    }
  };
  for (const segment of hunk.segments) {
    if (segment.op === "equal") {
      flush();
      rows.push({ kind: "equal", old: segment.text, new: segment.text });
      continue;
    }
    pending ??= { kind: "change", old: "", new: "" };
    if (segment.op === "removed") {
      // A removal after an addition starts a new change, so each row reads left to right.
      if (pending.new !== "") {
        flush();
        pending = { kind: "change", old: "", new: "" };
      }
      pending.old = join(pending.old, segment.text);
    } else {
      pending.new = join(pending.new, segment.text);
    }
  }
  flush();
  return rows;
}

const join = (a: string, b: string): string => (a === "" ? b : `${a} ${b}`);

/** Counts of what a diff changed, for its summary line. */
export function diffCounts(hunks: readonly DiffHunk[]): { removedWords: number; addedWords: number; hunks: number } {
  const words = (segments: DiffSegment[], op: DiffSegment["op"]): number =>
    segments.filter((s) => s.op === op).reduce((n, s) => n + s.text.split(/\s+/).filter((w) => w !== "").length, 0);
  return {
    removedWords: hunks.reduce((n, h) => n + words(h.segments, "removed"), 0),
    addedWords: hunks.reduce((n, h) => n + words(h.segments, "added"), 0),
    hunks: hunks.length,
  };
}

