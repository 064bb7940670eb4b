// The policy-series commands (crates/api/src/policy.rs and policy_trace.rs), added to the
// backend's table by declaration merging.

/** One series in the list: `dossier_api::SeriesListItem`. */
export interface SeriesListItem {
  series: string;
  url: string | null;
  versions: number;
  changes: number;
  captures: number;
  silent: number;
  empty_bumps: number;
}

/** A version of a series: `dossier_api::VersionView`. */
export interface VersionView {
  doc: number;
  captured: string;
  claimed_date: string | null;
  last_seen: string;
  observations: string[];
  url: string | null;
}

/** A change between consecutive versions: `dossier_api::ChangeView`. */
export interface ChangeView {
  last_old: string;
  first_new: string;
  old_doc: number;
  new_doc: number;
  added: string[];
  removed: string[];
  claimed_before: string | null;
  claimed_after: string | null;
  silent: boolean;
  empty_bump: boolean;
  wording_changed: boolean;
}

/** One series with its versions and changes: `dossier_api::SeriesView`. */
export interface SeriesView {
  series: string;
  url: string | null;
  versions: VersionView[];
  changes: ChangeView[];
  formatting_only: number;
}

/** A version named in a diff: `dossier_api::VersionRef`. */
export interface VersionRef {
  doc: number;
  captured: string;
  claimed_date: string | null;
}

/** A stretch of a hunk: `dossier_api::SegmentView`. */
export interface DiffSegment {
  op: "equal" | "removed" | "added";
  text: string;
}

/** Changes close together, with context: `dossier_api::HunkView`. */
export interface DiffHunk {
  old_start: number;
  new_start: number;
  text: string;
  segments: DiffSegment[];
}

/** `dossier_api::PolicyDiffOutput`. */
export interface PolicyDiffOutput {
  series: string;
  from: VersionRef;
  to: VersionRef;
  added: string[];
  removed: string[];
  hunks: DiffHunk[];
}

/** `dossier_api::PolicyTraceOutput`. */
export interface PolicyTraceOutput {
  phrase: string;
  series: string;
  appeared: { not_in: string | null; first_in: string; not_in_doc: number | null; first_in_doc: number } | null;
  disappeared: { last_in: string; not_in: string; last_in_doc: number; not_in_doc: number } | null;
  spans: { first_in: string; last_in: string }[];
}

/** `dossier_api::PolicyAsofOutput`. */
export interface PolicyAsofOutput {
  series: string;
  date: string;
  version: { doc: number; captured: string; claimed_date: string | null; next_capture: string | null };
  total: number;
  hits: { paragraph: number; snippet: string; text: string }[];
}

declare module "../../lib/backend/types" {
  interface Commands {
    /** Every series (no `series`), or one series' versions and changes. */
    policy: { args: { series?: string }; output: SeriesListItem[] | SeriesView };
    /** Word-level diff of two versions (document ids or dates). */
    policy_diff: { args: { series: string; from: string; to: string }; output: PolicyDiffOutput };
    /** When a phrase appeared and disappeared. */
    policy_trace: { args: { series: string; phrase: string }; output: PolicyTraceOutput };
    /** A search of the series as it read on a date. */
    policy_asof: { args: { series: string; date: string; query: string }; output: PolicyAsofOutput };
  }
}
