// The policy-series commands (crates/api/src/policy.rs and policy_trace.rs), added to the
// backend's table by declaration merging. Their types are generated from the Rust ones
// (lib/backend/generated.ts).

import type {
  PolicyAsofOutput,
  PolicyAsofRequest,
  PolicyDiffOutput,
  PolicyDiffRequest,
  PolicyOutput,
  PolicyRequest,
  PolicyTraceOutput,
  PolicyTraceRequest,
} from "../../lib/backend/types";

export type {
  ChangeView,
  PolicyAsofOutput,
  PolicyDiffOutput,
  PolicyTraceOutput,
  SeriesListItem,
  SeriesView,
  VersionRef,
  VersionView,
} from "../../lib/backend/types";
/** A stretch of a hunk: `dossier_api::SegmentView`. */
export type { SegmentView as DiffSegment } from "../../lib/backend/types";
/** Changes close together, with context: `dossier_api::HunkView`. */
export type { HunkView as DiffHunk } from "../../lib/backend/types";

declare module "../../lib/backend/types" {
  interface Commands {
    /** Every series (no `series`), or one series' versions and changes. */
    policy: { args: PolicyRequest; output: PolicyOutput };
    /** Word-level diff of two versions (document ids or dates). */
    policy_diff: { args: PolicyDiffRequest; output: PolicyDiffOutput };
    /** When a phrase appeared and disappeared. */
    policy_trace: { args: PolicyTraceRequest; output: PolicyTraceOutput };
    /** A search of the series as it read on a date. */
    policy_asof: { args: PolicyAsofRequest; output: PolicyAsofOutput };
  }
}
