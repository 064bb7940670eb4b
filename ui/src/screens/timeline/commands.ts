// The command the timeline adds to the backend's table (lib/backend/types.ts, by declaration
// merging): candidate events (`suggest`). `timeline`, `event`, `cite`, `tag` and `undo` are typed
// there already, since the viewer uses them too. The types are generated from the Rust ones
// (lib/backend/generated.ts).

import type { SuggestOutput, SuggestRequest } from "../../lib/backend/types";

export type { SuggestedCitation, Suggestion } from "../../lib/backend/types";
/** A suggestion accepted into the chronology: `dossier_api::Accepted`. */
export type { Accepted as AcceptedSuggestion } from "../../lib/backend/types";

declare module "../../lib/backend/types" {
  interface Commands {
    /** Lists candidates (no keys), or accepts the named ones. */
    suggest: { args: SuggestRequest; output: SuggestOutput };
  }
}
