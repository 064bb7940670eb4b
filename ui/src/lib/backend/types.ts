// The shapes that cross from Rust (crates/api) to the UI, and the one table of commands.
// Field names follow the api's serde output; each type names the Rust type it mirrors.
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

/** No arguments beyond the case the shell already knows. */
export type NoArgs = Record<string, never>;

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

/** The audit chain's head, to keep outside the case: `dossier_api::Seal`. */
export interface Seal {
  seq: number;
  head: string;
  at: string;
}

/** One row of the audit log: `dossier_api::AuditRow`. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** `dossier_api::DocsRequest`. */
export interface DocsRequest {
  kind?: string;
  tag?: string;
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

/** Where a document was found: `dossier_api::SourceView`. */
export interface SourceView {
  path: string;
  custodian: string | null;
  ingested_at: string;
}

/** One page of text: `dossier_api::PageView`. */
export interface PageView {
  n: number;
  text: string;
}

/** Everything about one document: `dossier_api::DocumentView`. */
export interface DocumentView {
  id: number;
  kind: string;
  title: string | null;
  date: string | null;
  claimed_date: string | null;
  captured_at: string | null;
  ingested_at: string;
  authors: string[];
  source_url: string | null;
  sha256: string;
  size: number;
  media_type: string | null;
  status: string;
  status_detail: string | null;
  extractor: string | null;
  sources: SourceView[];
  /** Format-specific metadata; `rendition.html` holds an article's sanitised HTML. */
  meta: Record<string, string>;
  text: string | null;
  pages: PageView[];
  parent: number | null;
  children: number[];
  tags: string[];
}

/** A document's original bytes, base64: `dossier_api::OriginalOutput`. */
export interface OriginalOutput {
  doc: number;
  sha256: string;
  media_type: string | null;
  size: number;
  base64: string;
}

/** What to ingest: `dossier_api::IngestRequest`. */
export interface IngestRequest {
  paths: string[];
  kind?: string;
  custodian?: string;
}

/** An item that could not be ingested, or whose text could not be extracted, and why. */
export interface ItemError {
  path: string;
  error: string;
  /** The document keeping the original when only its text could not be extracted. */
  document?: number;
}

/** What an ingest did: `dossier_api::IngestOutput`. */
export interface IngestOutput {
  added: number;
  duplicates: number;
  failed: ItemError[];
  skipped: ItemError[];
  documents: number[];
}

/** `dossier_api::SearchRequest`. */
export interface SearchRequest {
  query: string;
  kind?: string;
  since?: string;
  until?: string;
  tag?: string;
  /** Only documents held by this custodian, exactly as recorded at ingest. */
  custodian?: string;
  limit?: number;
  sort?: "relevance" | "date";
}

/** One matching page: `dossier_api::SearchPage`. `snippet` is HTML-escaped, matches in `<mark>`. */
export interface SearchPage {
  page: number | null;
  score: number;
  snippet: string;
}

/** One matching document: `dossier_api::SearchHit`. */
export interface SearchHit {
  doc: number;
  title: string | null;
  kind: string;
  date: string | null;
  page: number | null;
  score: number;
  snippet: string;
  pages: SearchPage[];
}

/** Matching documents per kind, tag, year and custodian: `dossier_api::SearchFacets`. A document
 * held by several custodians counts under each. */
export interface SearchFacets {
  kind: Record<string, number>;
  tag: Record<string, number>;
  year: Record<string, number>;
  custodian: Record<string, number>;
}

/** `dossier_api::SearchOutput`. */
export interface SearchOutput {
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** The index lacks a recent change to the case: these results may be incomplete. */
  index_behind: boolean;
}

/** `dossier_api::ThreadRequest`. */
export interface ThreadRequest {
  doc: number;
  group_by_subject?: boolean;
}

/** `dossier_api::ThreadOutput`. */
export interface ThreadOutput {
  root: number;
  messages: { id: number; parent: number | null; subject: string | null; date: string | null; from: string | null }[];
}

/** `dossier_api::TagRequest`: a document or an event, and tags to add (or remove). */
export interface TagRequest {
  doc?: number;
  event?: number;
  tags: string[];
  remove?: boolean;
}

/** `dossier_api::TagOutput`. */
export interface TagOutput {
  added: string[];
  removed: string[];
  tags: string[];
}

/** `dossier_api::NoteRequest`: a note on the exact words `quote` of a document (and page). */
export interface NoteRequest {
  doc: number;
  page?: number;
  quote: string;
  text: string;
}

/** `dossier_api::NoteView`. */
export interface NoteView {
  id: number;
  doc: number;
  page: number | null;
  quote: string;
  start: number;
  end: number;
  text: string;
  verified: boolean;
  created_at: string;
}

/** `dossier_api::NoteDeleteOutput`: the note deleted (kept in the case; `undo` restores it). */
export interface NoteDeleteOutput {
  note: number;
  doc: number;
  text: string;
}

/** One change an edit made, as the audit log records it: `dossier_api::UndoStep`. */
export interface UndoStep {
  action: string;
  target: string;
  detail: string;
}

/**
 * `dossier_api::UndoOutput`: undo reverts the newest chronology edit still in effect as a new
 * audited edit (repeated, it walks back); `redo: true` puts back what the last undo reverted.
 */
export interface UndoOutput {
  kind: "undo" | "redo";
  edit: number;
  reverted: number;
  reverted_changes: UndoStep[];
  changes: UndoStep[];
}

/** A citation as the timeline shows it: `dossier_api::TimelineCitation`. */
export interface TimelineCitation {
  id: number;
  doc: number;
  page: number | null;
  quote: string | null;
  relation: string;
  verified: boolean;
  problem: string | null;
  pin_cite: string;
  start: number | null;
  end: number | null;
  sha256: string;
}

/**
 * The days an event's date covers, as the timeline crate reads the date: `dossier_api::EventSpan`.
 * Days are `YYYY-MM-DD`; `first_day` is null for `before` and `last_day` for `after` (open ends).
 */
export interface EventSpan {
  kind: "on" | "range" | "before" | "after" | "between";
  first_day: string | null;
  last_day: string | null;
  precision: "year" | "month" | "day";
}

/** An event as the timeline shows it: `dossier_api::TimelineEvent`. */
export interface TimelineEvent {
  id: number;
  date: string;
  end: string | null;
  display_date: string;
  span: EventSpan;
  title: string;
  description: string | null;
  status: string;
  requested_status: string;
  issues: string[];
  actors: string[];
  tags: string[];
  deleted: boolean;
  citations: TimelineCitation[];
}

/** `dossier_api::TimelineRequest`. */
export interface TimelineRequest {
  format?: "json" | "csv" | "markdown" | "html" | "timelinejs" | "timelinejs-csv";
  issue?: string;
  status?: string;
  tag?: string;
}

/** An export ready to save: `dossier_api::Export`. */
export interface Export {
  format: string;
  media_type: string;
  content: string;
}

/** The fields of a new event: `dossier_api::EventAdd`. */
export interface EventAdd {
  title: string;
  date: string;
  end?: string;
  status?: string;
  description?: string;
  issues?: string[];
  actors?: string[];
  tags?: string[];
}

/** Changes to an event: `dossier_api::EventChange`. */
export interface EventChange {
  event: number;
  title?: string;
  date?: string;
  end?: string;
  status?: string;
  description?: string;
  issues?: string[];
  actors?: string[];
  tags?: string[];
}

/** `dossier_api::EventRequest`: what to do to the chronology, tagged by `action`. */
export type EventRequest =
  | ({ action: "add" } & EventAdd)
  | ({ action: "edit" } & EventChange)
  | { action: "delete" | "undo"; event: number }
  | { action: "withdraw" | "reinstate"; citation: number }
  | { action: "import"; path: string; skip_existing?: boolean }
  | { action: "read_date"; date: string; end?: string };

/** How the chronology reads a draft date, saving nothing: `dossier_api::DateReading`. */
export interface DateReading {
  date: string;
  end: string | null;
  display_date: string;
  span: EventSpan;
}

/** `dossier_api::ImportOutput`. */
export interface ImportOutput {
  imported: number;
  ids: number[];
  citations: number;
  skipped: number;
}

/** `dossier_api::CiteRequest`. */
export interface CiteRequest {
  event: number;
  doc: number;
  page?: number;
  quote?: string;
  relation?: "supports" | "contradicts" | "context";
  prefix?: string;
  suffix?: string;
}

/** `dossier_api::CiteOutput`. */
export interface CiteOutput {
  id: number;
  verified: boolean;
  page: number | null;
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  start: number | null;
  end: number | null;
  occurrences: number;
  sha256: string;
  event_status: string;
}

/**
 * Every command the UI calls, by the name each shell exposes it under (`dossier_api::COMMANDS`),
 * with its arguments and output. Extend it by declaration merging (see the top of this file).
 */
export interface Commands {
  summary: { args: NoArgs; output: CaseSummary };
  audit: { args: NoArgs; output: AuditRow[] };
  seal: { args: NoArgs; output: Seal };
  docs: { args: DocsRequest; output: DocListItem[] };
  show: { args: { doc: number }; output: DocumentView };
  original: { args: { doc: number }; output: OriginalOutput };
  ingest: { args: IngestRequest; output: IngestOutput };
  search: { args: SearchRequest; output: SearchOutput };
  thread: { args: ThreadRequest; output: ThreadOutput };
  tag: { args: TagRequest; output: TagOutput };
  note: { args: NoteRequest; output: NoteView };
  notes: { args: { doc?: number }; output: NoteView[] };
  note_delete: { args: { note: number }; output: NoteDeleteOutput };
  undo: { args: { redo?: boolean }; output: UndoOutput };
  timeline: { args: TimelineRequest; output: TimelineEvent[] | Export };
  event: { args: EventRequest; output: TimelineEvent | ImportOutput | DateReading };
  cite: { args: CiteRequest; output: CiteOutput };
}

/** A command's name. */
export type CommandName = keyof Commands;
/** A command's arguments. */
export type ArgsOf<K extends CommandName> = Commands[K]["args"];
/** A command's output. */
export type OutputOf<K extends CommandName> = Commands[K]["output"];

/** Progress of a long command: `dossier_api::Event` (the server adds the command's name). */
export type ProgressEvent =
  | { event: "progress"; phase: string; done: number; total: number; item: string | null; command?: string }
  | { event: "waiting"; message: string; command?: string };

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
/** Whether an `event` output is the event itself (the other outputs: an import's, a date reading). */
export function isTimelineEvent(output: OutputOf<"event">): output is TimelineEvent {
  return "citations" in output;
}

export function isApiError(value: unknown): value is { code: string; message: string } {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record["code"] === "string" && typeof record["message"] === "string";
}
