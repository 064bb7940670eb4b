// The shapes that cross from Rust (crates/api) to the UI. Field names follow the api's serde output.

/** How many documents of one kind a case holds. */
export interface KindCount {
  kind: string;
  count: number;
}

/** A case at a glance: `dossier_api::CaseSummary`. */
export interface CaseSummary {
  name: string;
  path: string;
  documents: number;
  by_kind: KindCount[];
  schema_version: number;
}

/** One line of the document list: `dossier_api::DocListItem`. */
export interface DocListItem {
  id: number;
  kind: string;
  title: string | null;
  date: string | null;
  sha256: string;
  parent: number | null;
}

/** What to ingest: `dossier_api::IngestRequest`. */
export interface IngestRequest {
  paths: string[];
  kind?: string;
  custodian?: string;
}

/** An item that could not be ingested, and why. */
export interface ItemError {
  path: string;
  error: string;
}

/** What an ingest did: `dossier_api::IngestOutput`. */
export interface IngestOutput {
  added: number;
  duplicates: number;
  failed: ItemError[];
  skipped: ItemError[];
  documents: number[];
}

/** Progress of a long command: `dossier_api::Event`. */
export type ProgressEvent =
  | { event: "progress"; phase: string; done: number; total: number; item: string | null }
  | { event: "waiting"; message: string };

/**
 * An error from the backend: `dossier_api::ApiError` ({code, message}), or a transport failure.
 * `code` is stable and the UI may branch on it; `message` is for people.
 */
export class BackendError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }

  /** Turns whatever a transport rejected with into a BackendError. */
  static from(reason: unknown): BackendError {
    if (reason instanceof BackendError) {
      return reason;
    }
    if (isApiError(reason)) {
      return new BackendError(reason.code, reason.message);
    }
    if (typeof reason === "string") {
      return new BackendError("transport", reason);
    }
    if (reason instanceof Error) {
      return new BackendError("transport", reason.message);
    }
    return new BackendError("transport", String(reason));
  }
}

/** Whether a value has the `{code, message}` shape of an api error. */
export function isApiError(value: unknown): value is { code: string; message: string } {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record["code"] === "string" && typeof record["message"] === "string";
}
