// The files the case can export, each one command with a format, and the file name it is saved as.

import type { Backend, Export } from "../../lib/backend";
import { saveFile } from "../../lib/backend/save";
import { formatBytes } from "../../app/format";

/** One export the exhibits screen offers. */
export interface ExportKind {
  id: string;
  label: string;
  /** What it is for, in a few words. */
  purpose: string;
  /** What the saved file is called after the case's name. */
  what: string;
  extension: string;
  run: (backend: Backend) => Promise<Export>;
}

/**
 * Hands an export to the user and says where it went: in the desktop app through the native
 * save dialog (the shell writes exactly the content; WebKitGTK cannot download a Blob), in a
 * browser as a download.
 */
export async function deliverExport(backend: Backend, name: string, file: Export): Promise<string> {
  if (backend.desktop !== undefined) {
    const saved = await backend.desktop.saveExport(name, file.content);
    return saved === undefined ? `Not saved: no file was chosen for ${name}.` : `Saved ${saved.path} (${formatBytes(saved.size)}).`;
  }
  const size = saveFile(name, file.media_type, file.content);
  return `Saved ${name} (${formatBytes(size)}).`;
}

/** A command's export, or a clear error when it answered with a list instead. */
export function asExport(output: unknown, what: string): Export {
  if (typeof output === "object" && output !== null && "content" in output && "media_type" in output) {
    return output as Export;
  }
  throw new Error(`the case answered the ${what} export with a list, not a file`);
}

export const EXPORTS: readonly ExportKind[] = [
  {
    id: "chronology-csv",
    label: "Chronology (CSV)",
    purpose: "a CaseMap-style table of events with pin cites, for spreadsheets",
    what: "chronology",
    extension: "csv",
    run: async (b) => asExport(await b.call("timeline", { format: "csv" }), "chronology CSV"),
  },
  {
    id: "report-html",
    label: "Chronology report (HTML)",
    purpose: "a standalone page to read or print",
    what: "chronology",
    extension: "html",
    run: async (b) => asExport(await b.call("timeline", { format: "html" }), "HTML report"),
  },
  {
    id: "report-markdown",
    label: "Chronology report (Markdown)",
    purpose: "the same report as plain text",
    what: "chronology",
    extension: "md",
    run: async (b) => asExport(await b.call("timeline", { format: "markdown" }), "Markdown report"),
  },
  {
    id: "timelinejs-json",
    label: "TimelineJS (JSON)",
    purpose: "for a published timeline",
    what: "timelinejs",
    extension: "json",
    run: async (b) => asExport(await b.call("timeline", { format: "timelinejs" }), "TimelineJS JSON"),
  },
  {
    id: "timelinejs-csv",
    label: "TimelineJS (sheet CSV)",
    purpose: "for TimelineJS's Google Sheet template",
    what: "timelinejs-sheet",
    extension: "csv",
    run: async (b) => asExport(await b.call("timeline", { format: "timelinejs-csv" }), "TimelineJS sheet"),
  },
  {
    id: "exhibits-csv",
    label: "Exhibit list (CSV)",
    purpose: "standing exhibits with Bates ranges and the events they support",
    what: "exhibits",
    extension: "csv",
    run: async (b) => asExport(await b.call("exhibits", { format: "csv" }), "exhibit list"),
  },
  {
    id: "exhibits-dat",
    label: "Concordance load file (DAT)",
    purpose: "for review platforms",
    what: "exhibits",
    extension: "dat",
    run: async (b) => asExport(await b.call("exhibits", { format: "dat" }), "DAT load file"),
  },
];
