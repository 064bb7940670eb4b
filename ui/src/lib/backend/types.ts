// The shapes that cross from Rust (crates/api) to the UI, and the one table of commands.
//
// The shapes are generated from the api's Rust types (generated.ts, by ts-rs: never edit it; a
// test in crates/api fails when it is stale and names the command that refreshes it). This file
// keeps what is the UI's own: the table of commands, the backend's error and the type guards.
//
// `Commands` maps every command name to its arguments and output. It is an interface so that
// other files can add commands to it by declaration merging, without editing this file:
//
//   declare module "../lib/backend/types" {
//     interface Commands { policy: { args: PolicyRequest; output: PolicyOutput } }
//   }
//
// The chronology's reading commands that the viewer needs (timeline, event, cite) are typed here;
// the policy, exhibit and suggestion commands belong with the screens that use them.

import type {
  AuditRequest,
  AuditRow,
  CaseSummary,
  CiteOutput,
  CiteRequest,
  DocListItem,
  DocsOutput,
  ReviewOutput,
  ReviewRequest,
  DocsRequest,
  DocumentView,
  ErrorCode,
  Export,
  Event,
  EventOutput,
  EventRequest,
  IngestOutput,
  IngestRequest,
  CaptureOutput,
  CaptureRequest,
  OcrOutput,
  OcrRequest,
  NoteDeleteOutput,
  NoteDeleteRequest,
  NoteRequest,
  NotesRequest,
  NoteView,
  OriginalOutput,
  OriginalRequest,
  ReindexOutput,
  SavedSearchDeleteOutput,
  SavedSearchDeleteRequest,
  SavedSearchOutput,
  SavedSearchRequest,
  SavedSearchView,
  Seal,
  SearchBatchOutput,
  SearchBatchRequest,
  SearchOutput,
  SearchRequest,
  ShowRequest,
  TagCount,
  FolderNode,
  FoldersRequest,
  ActivityLine,
  ActivityRequest,
  TagOutput,
  TagRequest,
  TagsRequest,
  ThreadOutput,
  ThreadRequest,
  TimestampImportRequest,
  TimestampRequestOutput,
  TimestampRequestRequest,
  TimestampView,
  TimelineEvent,
  TimelineOutput,
  TimelineRequest,
  UndoOutput,
  UndoRequest,
  VerifyOutput,
  VerifyRequest,
} from "./generated";

export type * from "./generated";

/** No arguments beyond the case the shell already knows. */
export type NoArgs = Record<string, never>;

/**
 * Every command the UI calls, by the name each shell exposes it under (`dossier_api::COMMANDS`),
 * with its arguments and output. Extend it by declaration merging (see the top of this file).
 */
export interface Commands {
  summary: { args: NoArgs; output: CaseSummary };
  /** The audit log, oldest first; with `last`, only its newest rows. */
  audit: { args: AuditRequest; output: AuditRow[] };
  seal: { args: NoArgs; output: Seal };
  verify: { args: VerifyRequest; output: VerifyOutput };
  /** Every document without `limit`; one page of the document table with it. */
  docs: { args: DocsRequest; output: DocsOutput };
  show: { args: ShowRequest; output: DocumentView };
  original: { args: OriginalRequest; output: OriginalOutput };
  ingest: { args: IngestRequest; output: IngestOutput };
  /** Fetches pages now, keeps each as a WARC and ingests it (with `series`, as a capture of it). */
  capture: { args: CaptureRequest; output: CaptureOutput };
  ocr: { args: OcrRequest; output: OcrOutput };
  search: { args: SearchRequest; output: SearchOutput };
  reindex: { args: NoArgs; output: ReindexOutput };
  search_batch: { args: SearchBatchRequest; output: SearchBatchOutput };
  /** Every hit of a search as CSV. */
  search_export: { args: SearchRequest; output: Export };
  saved_search: { args: SavedSearchRequest; output: SavedSearchOutput };
  saved_searches: { args: NoArgs; output: SavedSearchView[] };
  saved_search_delete: { args: SavedSearchDeleteRequest; output: SavedSearchDeleteOutput };
  thread: { args: ThreadRequest; output: ThreadOutput };
  tag: { args: TagRequest; output: TagOutput };
  tags: { args: TagsRequest; output: TagCount[] };
  /** The folder tree of what was ingested (a mailbox's folders), with counts. */
  folders: { args: FoldersRequest; output: FolderNode[] };
  /** Recent activity in words, a run of similar changes as one line. */
  activity: { args: ActivityRequest; output: ActivityLine[] };
  review: { args: ReviewRequest; output: ReviewOutput };
  note: { args: NoteRequest; output: NoteView };
  notes: { args: NotesRequest; output: NoteView[] };
  note_delete: { args: NoteDeleteRequest; output: NoteDeleteOutput };
  undo: { args: UndoRequest; output: UndoOutput };
  timeline: { args: TimelineRequest; output: TimelineOutput };
  event: { args: EventRequest; output: EventOutput };
  cite: { args: CiteRequest; output: CiteOutput };
  /** RFC 3161: writes a time-stamp request over each document's original, for any TSA. */
  timestamp_request: { args: TimestampRequestRequest; output: TimestampRequestOutput };
  /** Verifies a TSA's answer for a document and records it. */
  timestamp_import: { args: TimestampImportRequest; output: TimestampView };
}

/** A command's name. */
export type CommandName = keyof Commands;
/** A command's arguments. */
export type ArgsOf<K extends CommandName> = Commands[K]["args"];
/** A command's output. */
export type OutputOf<K extends CommandName> = Commands[K]["output"];

/** Progress of a long command: `dossier_api::Event` (the server adds the command's name). */
export type ProgressEvent = Event & { command?: string };

/**
 * An error from the backend: `dossier_api::ApiError` ({code, message}), or a transport failure.
 * `code` is stable and the UI may branch on it; `message` is for people.
 */
export class BackendError extends Error {
  /** The api's code, or the UI's own: `transport` (the call did not get through), `no_backend`. */
  readonly code: ErrorCode | "transport" | "no_backend";

  constructor(code: ErrorCode | "transport" | "no_backend", message: string) {
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

/** Whether an `event` output is the event itself (the other outputs: an import's, a date reading). */
export function isTimelineEvent(output: OutputOf<"event">): output is TimelineEvent {
  return "citations" in output;
}

/** Whether a value has the `{code, message}` shape of an api error. */
export function isApiError(value: unknown): value is { code: ErrorCode; message: string } {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record["code"] === "string" && typeof record["message"] === "string";
}

/**
 * The plain list `docs` returns when called without `limit` (a page of the document table
 * comes only with `limit`, so its arrival here is a caller's mistake, reported as such).
 */
export function documentList(output: DocsOutput): DocListItem[] {
  if (!Array.isArray(output)) {
    throw new Error("docs returned a page of the table: call it without limit for the whole list");
  }
  return output;
}
