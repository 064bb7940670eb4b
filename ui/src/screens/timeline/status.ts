// An event's status as it is drawn: a colour, and always a shape and a word too, so that colour
// is never the only signal (the legend, the marks' shapes and the table's text all say it).

/** The statuses the chronology knows (`dossier_timeline::Status`), in the order of the legend. */
export const STATUSES = ["alleged", "disputed", "admitted", "established", "prospective"] as const;

export type Status = (typeof STATUSES)[number];

/** How a status is shown: the mark's shape and a text glyph with the same shape. */
export interface StatusLook {
  status: Status;
  shape: "diamond" | "cross" | "square" | "circle" | "ring";
  glyph: string;
  /** What it means, for the legend. */
  meaning: string;
}

const LOOKS: Record<Status, StatusLook> = {
  alleged: { status: "alleged", shape: "diamond", glyph: "◇", meaning: "claimed, not yet answered" },
  disputed: { status: "disputed", shape: "cross", glyph: "✕", meaning: "the other side denies it" },
  admitted: { status: "admitted", shape: "square", glyph: "■", meaning: "the other side accepts it" },
  established: { status: "established", shape: "circle", glyph: "●", meaning: "shown by the documents" },
  prospective: { status: "prospective", shape: "ring", glyph: "○", meaning: "expected, or not yet cited" },
};

/** Whether a string is a known status. */
export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** How to show a status; an unknown one is shown like `alleged` but keeps its own word. */
export function statusLook(status: string): StatusLook {
  return isStatus(status) ? LOOKS[status] : LOOKS.alleged;
}
