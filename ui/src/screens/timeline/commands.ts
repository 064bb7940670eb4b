// The command the timeline adds to the backend's table (lib/backend/types.ts, by declaration
// merging): candidate events (`suggest`). `timeline`, `event`, `cite`, `tag` and `undo` are typed
// there already, since the viewer uses them too.

/** A citation a suggestion would make: `dossier_api::SuggestedCitation`. */
export interface SuggestedCitation {
  doc: number;
  relation: string;
}

/** A candidate event: `dossier_api::Suggestion`. */
export interface Suggestion {
  /** Stable key to accept it by: `doc:ID` or `policy:SERIES:DOC`. */
  key: string;
  date: string;
  title: string;
  /** `document` or `policy_change`. */
  source: string;
  citations: SuggestedCitation[];
}

/** A suggestion accepted into the chronology: `dossier_api::Accepted`. */
export interface AcceptedSuggestion {
  key: string;
  event: number;
}

declare module "../../lib/backend/types" {
  interface Commands {
    /** Lists candidates (no keys), or accepts the named ones. */
    suggest: { args: { accept?: string[] }; output: Suggestion[] | AcceptedSuggestion[] };
  }
}
