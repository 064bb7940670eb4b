// The exhibit commands (crates/api/src/exhibits.rs), added to the backend's table by declaration
// merging. `Export` (an export's format, media type and content) is types.ts's, shared with
// `timeline`.

/** An exhibit as listed: `dossier_api::ExhibitView`. */
export interface ExhibitView {
  number: string;
  doc: number;
  bates_begin: string;
  bates_end: string;
  pages: number;
  title: string | null;
  date: string | null;
  sha256: string;
  designation: string | null;
  /** Events it supports, as `id: title`. */
  events: string[];
  /** When it was withdrawn; null while it stands. */
  withdrawn_at: string | null;
}

/** `dossier_api::ExhibitRequest`. */
export interface ExhibitRequest {
  doc: number;
  number?: string;
  prefix?: string;
  bates_prefix?: string;
  designation?: string;
  withdraw?: boolean;
}

declare module "../../lib/backend/types" {
  interface Commands {
    /** Makes a document an exhibit (or, with `withdraw`, withdraws its exhibit). */
    exhibit: { args: ExhibitRequest; output: ExhibitView };
    /** The exhibit list as JSON, or an export (csv, dat). */
    exhibits: { args: { format?: "json" | "csv" | "dat" }; output: ExhibitView[] | Export };
  }
}
