// Generated from the Rust types of crates/api by ts-rs: do not edit.
// Refresh: DOSSIER_WRITE_GENERATED=1 cargo test --workspace --lib -- generated_typescript

/**
 * What went wrong, as a UI branches on it: stable, `snake_case` on the wire (`"not_found"`).
 *
 * Every shell's errors use these codes, so the UI's mirror (`ErrorCode` in
 * `ui/src/lib/backend/generated.ts`) is generated from this enum and the server's HTTP status
 * is [`ErrorCode::http_status`]. A new code is a new variant: the compiler then asks for its
 * status.
 */
export type ErrorCode = "not_a_case" | "already_exists" | "not_found" | "locked" | "schema_too_new" | "invalid_input" | "invalid_query" | "invalid_json" | "unknown_command" | "io" | "database" | "index" | "corrupt" | "ingest_failed" | "path_reading_off" | "path_not_allowed" | "unauthorized" | "bad_host" | "too_large" | "no_case" | "internal";

/**
 * An error as it crosses to a shell: a stable code a UI can branch on, and a message
 * for people that names the file or record concerned.
 */
export type ApiError = { 
/**
 * Stable, machine-readable (see [`ErrorCode`]).
 */
code: ErrorCode, 
/**
 * One line for a person.
 */
message: string, };

/**
 * Something a long-running command wants its caller to know while it works.
 */
export type Event = { "event": "progress", 
/**
 * What is being done: `ingest` (items recorded, each once extracted), `index` (after
 * an ingest's last item: documents made searchable of those recorded), `verify`.
 */
phase: string, 
/**
 * Units finished.
 */
done: number, 
/**
 * Units in all.
 */
total: number, 
/**
 * The item just finished, if there is one to name.
 */
item: string | null, } | { "event": "waiting", 
/**
 * What for, in words.
 */
message: string, };

/**
 * `dossier init` output.
 */
export type InitOutput = { 
/**
 * The case folder.
 */
case: string, 
/**
 * The case's name: the one given, else its folder's name (as `summary` shows it).
 */
name: string, };

/**
 * How many documents of one kind.
 */
export type KindCount = { 
/**
 * Document kind.
 */
kind: string, 
/**
 * How many.
 */
count: number, };

/**
 * What a case holds, at a glance: the desktop app's first screen.
 */
export type CaseSummary = { 
/**
 * The case's name: the one given at `dossier init --name`, else its folder's name.
 */
name: string, 
/**
 * The case folder.
 */
path: string, 
/**
 * Documents in all.
 */
documents: number, 
/**
 * Documents per kind, most common first.
 */
by_kind: Array<KindCount>, 
/**
 * Schema version of the case database.
 */
schema_version: number, 
/**
 * Documents per review status: unreviewed, reviewed, second_look, each listed.
 */
review: Array<ReviewCount>, };

/**
 * The audit chain's head as `dossier seal` prints it: kept outside the case (an email to
 * oneself, a filing), it lets `verify --seal` show that the log was not cut short or
 * rewritten since.
 */
export type Seal = { 
/**
 * The head row's position in the log.
 */
seq: number, 
/**
 * The head row's hash (SHA-256, hex).
 */
head: string, 
/**
 * When the head row was written.
 */
at: string, };

/**
 * Arguments of `verify`.
 */
export type VerifyRequest = { 
/**
 * A seal printed earlier, to check the chain against.
 */
seal?: Seal, };

/**
 * One problem found by `verify`.
 */
export type VerifyProblem = { 
/**
 * `object_missing`, `object_altered`, `database`, `audit_chain`, `chronology`,
 * `protection`, `seal`, `citation`, `note`.
 */
kind: string, 
/**
 * What it concerns.
 */
subject: string, 
/**
 * What is wrong.
 */
message: string, };

/**
 * A citation the user withdrew, as `verify` lists it.
 */
export type WithdrawnCitation = { 
/**
 * The citation.
 */
citation: number, 
/**
 * Its event.
 */
event: number, 
/**
 * The document it cited.
 */
doc: number, 
/**
 * When it was withdrawn.
 */
withdrawn_at: string, };

/**
 * `dossier verify` output.
 */
export type VerifyOutput = { 
/**
 * True when no problem was found.
 */
ok: boolean, 
/**
 * Every problem found.
 */
problems: Array<VerifyProblem>, 
/**
 * Originals re-hashed.
 */
objects_checked: number, 
/**
 * Audit rows checked.
 */
audit_rows_checked: number, 
/**
 * Chronology rows (events, citations, tags, notes, exhibits) compared with the state
 * the audit log gives them.
 */
chronology_rows_checked: number, 
/**
 * Whether the chain was checked against a seal kept elsewhere.
 */
sealed: boolean, 
/**
 * Citations re-checked against their documents' text.
 */
citations_checked: number, 
/**
 * Citations the user withdrew: not evidence any more, so not re-checked and not
 * problems, but counted and listed in `withdrawn` rather than passed over in silence.
 */
citations_withdrawn: number, 
/**
 * The withdrawn citations.
 */
withdrawn: Array<WithdrawnCitation>, 
/**
 * Notes (not deleted) whose anchor was re-checked like a citation's.
 */
notes_checked: number, 
/**
 * Trusted timestamps whose token was re-checked against its original.
 */
timestamps_checked: number, };

/**
 * `audit` arguments over the command surface.
 */
export type AuditRequest = { 
/**
 * Only the newest this many rows (still oldest first); the whole log without it.
 */
last?: number, };

/**
 * One row of the audit log.
 */
export type AuditRow = { 
/**
 * Position in the log.
 */
seq: number, 
/**
 * When.
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * What kind of change.
 */
action: string, 
/**
 * What it changed.
 */
target: string, 
/**
 * Particulars.
 */
detail: string, 
/**
 * Hash of the previous row.
 */
prev_hash: string, 
/**
 * Hash of this row.
 */
hash: string, 
/**
 * The row in words, naming documents and events by their titles ("Cited “Complaint”,
 * p. 5, for “Setting switched on by default”"); `action`, `target` and `detail` stay
 * the record.
 */
summary_text: string, };

/**
 * `review` arguments: a status and the documents to give it.
 */
export type ReviewRequest = { 
/**
 * unreviewed, reviewed or second_look.
 */
status: string, 
/**
 * The documents, by id (`--docs 1,2,3`).
 */
docs?: Array<number>, 
/**
 * Or every document this search finds (all of them, not a page).
 */
query?: string, 
/**
 * Or every document the document table's filters match (kind, tag, custodian, dates,
 * review status, title; its order and paging are ignored).
 */
matching?: DocsRequest, 
/**
 * Or every document this search finds, its filters applied (kind, tag, custodian,
 * dates, saved searches; its order and paging are ignored): "select all" in results
 * narrowed by a facet.
 */
search?: SearchRequest, };

/**
 * `review` output.
 */
export type ReviewOutput = { 
/**
 * The status given.
 */
status: string, 
/**
 * How many documents were selected.
 */
documents: number, 
/**
 * How many of them changed (the others had that status already).
 */
changed: number, };

/**
 * How many documents are in one review status.
 */
export type ReviewCount = { 
/**
 * unreviewed, reviewed or second_look.
 */
status: string, 
/**
 * How many documents.
 */
count: number, };

/**
 * `dossier docs` filters, and with `limit` a page of the document table.
 */
export type DocsRequest = { 
/**
 * Only documents of this kind.
 */
kind?: string, 
/**
 * Only documents with this tag.
 */
tag?: string, 
/**
 * A page of at most this many documents, as `{"total", "offset", "documents"}` with the
 * table's columns; without it, every document in ingest order as a plain list.
 */
limit?: number, 
/**
 * How many matching documents to skip before the page (with `limit`).
 */
offset?: number, 
/**
 * The order: date, kind, title, size, id, from, to, custodian, tags, exhibit or review;
 * `-date` for newest first (with `limit`; default id, ingest order).
 */
sort?: string, 
/**
 * Only documents with a source of this custodian (with `limit`).
 */
custodian?: string, 
/**
 * Only documents dated on or after this date: `2001`, `2001-05` or `2001-05-14`
 * (with `limit`).
 */
since?: string, 
/**
 * Only documents dated on or before this date, whole year or month included
 * (with `limit`).
 */
until?: string, 
/**
 * Only documents in this review status: unreviewed, reviewed or second_look
 * (with `limit`).
 */
review?: string, 
/**
 * Only documents whose title contains this text, ASCII case ignored (with `limit`).
 */
title?: string, 
/**
 * Only documents found in this folder or a folder below it, as `folders` names it
 * (`maildir/lay-k/inbox`; with `limit`).
 */
folder?: string, };

/**
 * One line of `dossier docs`.
 */
export type DocListItem = { 
/**
 * Document id.
 */
id: number, 
/**
 * Kind.
 */
kind: string, 
/**
 * Title.
 */
title: string | null, 
/**
 * The document's own date, or for a capture without one (a policy version) its capture
 * date, as search dates it.
 */
date: string | null, 
/**
 * SHA-256 of the original.
 */
sha256: string, 
/**
 * Container document.
 */
parent: number | null, };

/**
 * One row of the document table (`docs` with `limit`).
 */
export type DocTableRow = { 
/**
 * Document id.
 */
id: number, 
/**
 * The document's own date, or for a capture without one (a policy version) its capture
 * date.
 */
date: string | null, 
/**
 * Kind.
 */
kind: string, 
/**
 * Title.
 */
title: string | null, 
/**
 * An email's sender.
 */
from: string | null, 
/**
 * An email's recipients.
 */
to: string | null, 
/**
 * Custodians of its sources, sorted.
 */
custodians: Array<string>, 
/**
 * Its tags, sorted.
 */
tags: Array<string>, 
/**
 * Its standing exhibit number (`PX-0007`).
 */
exhibit: string | null, 
/**
 * `unreviewed`, `reviewed` or `second_look`.
 */
review: string, 
/**
 * Who set the review status (null while unreviewed).
 */
reviewed_by: string | null, 
/**
 * When the review status was set (null while unreviewed).
 */
reviewed_at: string | null, 
/**
 * Size of the original in bytes.
 */
size: number, 
/**
 * Container document.
 */
parent: number | null, };

/**
 * A page of the document table.
 */
export type DocsPage = { 
/**
 * Documents matching the filters, all pages together.
 */
total: number, 
/**
 * How many matching documents come before this page.
 */
offset: number, 
/**
 * This page, in order.
 */
documents: Array<DocTableRow>, };

/**
 * `docs` output: the plain list without `limit`, a page of the table with it.
 */
export type DocsOutput = Array<DocListItem> | DocsPage;

/**
 * Arguments of `show`.
 */
export type ShowRequest = { 
/**
 * Document id.
 */
doc: number, };

/**
 * A place a document was found.
 */
export type SourceView = { 
/**
 * Path it was ingested from.
 */
path: string, 
/**
 * Whose it was.
 */
custodian: string | null, 
/**
 * When it was recorded.
 */
ingested_at: string, };

/**
 * One page of text.
 */
export type PageView = { 
/**
 * Page number, from 1.
 */
n: number, 
/**
 * Its text.
 */
text: string, };

/**
 * `dossier show` output: everything about one document.
 */
export type DocumentView = { 
/**
 * Document id.
 */
id: number, 
/**
 * Kind.
 */
kind: string, 
/**
 * Title.
 */
title: string | null, 
/**
 * The document's own date (published, sent, filed).
 */
date: string | null, 
/**
 * The date it claims for itself.
 */
claimed_date: string | null, 
/**
 * When this copy was captured.
 */
captured_at: string | null, 
/**
 * When it entered the case.
 */
ingested_at: string, 
/**
 * Authors in order.
 */
authors: Array<string>, 
/**
 * Where it was published.
 */
source_url: string | null, 
/**
 * SHA-256 of the original.
 */
sha256: string, 
/**
 * Size of the original in bytes.
 */
size: number, 
/**
 * Recognised media type.
 */
media_type: string | null, 
/**
 * `ok`, `failed` or `skipped`.
 */
status: string, 
/**
 * Why the status is not `ok`, or warnings.
 */
status_detail: string | null, 
/**
 * Extractor name and version, e.g. `text@1`.
 */
extractor: string | null, 
/**
 * Every place it was found.
 */
sources: Array<SourceView>, 
/**
 * Format-specific metadata.
 */
meta: { [key in string]: string }, 
/**
 * Extracted text (null when there is none).
 */
text: string | null, 
/**
 * Text per page for paginated formats.
 */
pages: Array<PageView>, 
/**
 * Container document.
 */
parent: number | null, 
/**
 * Documents extracted from this one.
 */
children: Array<number>, 
/**
 * Its tags, sorted.
 */
tags: Array<string>, 
/**
 * `unreviewed`, `reviewed` or `second_look`.
 */
review: string, 
/**
 * Who set the review status (null while unreviewed).
 */
reviewed_by: string | null, 
/**
 * When the review status was set (null while unreviewed).
 */
reviewed_at: string | null, 
/**
 * Trusted timestamps that cover it (requests and imported tokens): its original's, then
 * those of the containers it was taken out of (a capture's WARC).
 */
timestamps: Array<TimestampView>, };

/**
 * `original` arguments.
 */
export type OriginalRequest = { 
/**
 * Document id.
 */
doc: number, };

/**
 * A document's original bytes.
 */
export type OriginalOutput = { 
/**
 * Document id.
 */
doc: number, 
/**
 * SHA-256 of the bytes (checked against the case's record before sending).
 */
sha256: string, 
/**
 * Recognised media type, e.g. `application/pdf`.
 */
media_type: string | null, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * The bytes, base64 (RFC 4648, with padding).
 */
base64: string, };

/**
 * Arguments of `thread`.
 */
export type ThreadRequest = { 
/**
 * Any message of the thread (a document id).
 */
doc: number, 
/**
 * Also join messages without References or In-Reply-To headers to the thread of a
 * message with the same subject (Re:, Fwd:, AW: stripped). Off by default: a shared
 * subject alone does not make a conversation.
 */
group_by_subject?: boolean, };

/**
 * One message of a thread.
 */
export type ThreadMessageView = { 
/**
 * Document id.
 */
id: number, 
/**
 * The message it answers, if that message is in the case.
 */
parent: number | null, 
/**
 * Subject.
 */
subject: string | null, 
/**
 * Sent date (UTC, ISO 8601).
 */
date: string | null, 
/**
 * Sender, `Name <address>`.
 */
from: string | null, };

/**
 * `dossier thread` output.
 */
export type ThreadOutput = { 
/**
 * The thread's first message.
 */
root: number, 
/**
 * Its messages, oldest first.
 */
messages: Array<ThreadMessageView>, };

/**
 * What to ingest and how.
 */
export type IngestRequest = { 
/**
 * Files and folders.
 */
paths: Array<string>, 
/**
 * Override the kind the extractors assign.
 */
kind?: string, 
/**
 * Whose files these are.
 */
custodian?: string, 
/**
 * Record the files as captures of this policy series (a folder is the whole series).
 */
series?: string, 
/**
 * When a single capture was taken (ISO 8601); otherwise from `YYYY-MM-DD` file names.
 */
captured?: string, 
/**
 * The captured page's address.
 */
url?: string, 
/**
 * The password for encrypted files (a PDF with a user password); documents already
 * in the case that failed for want of a password are extracted again with it.
 */
password?: string, 
/**
 * Store the originals only, without extracting them (`--no-extract`); a later ingest
 * of the same files without it extracts them in place.
 */
no_extract?: boolean, 
/**
 * Ingest only files matching one of these globs (`--include`), matched against the
 * path relative to the folder named and against the file name; `*` stays within a
 * folder, `**` crosses folders.
 */
include?: Array<string>, 
/**
 * Leave out files and folders matching one of these globs (`--exclude`), matched like
 * `include`; they are not read, and are listed as skipped with the pattern.
 */
exclude?: Array<string>, 
/**
 * Items recorded per transaction at most (default: `dossier_ingest::BATCH_ITEMS`).
 */
batch_items?: number, 
/**
 * When scans and images are OCRed: `auto` (default: pages without a text layer, and
 * images), `force` (every page, even one with a text layer) or `off`.
 */
ocr?: string, 
/**
 * Tesseract languages, `eng` or several joined by `+` (`eng+deu`); default: the case's
 * `ocr_lang` setting, else `eng`.
 */
ocr_lang?: string, };

/**
 * An item that did not become a document, or whose text could not be extracted.
 */
export type ItemError = { 
/**
 * The path.
 */
path: string, 
/**
 * Why.
 */
error: string, 
/**
 * The document keeping the original when only its text could not be extracted.
 */
document?: number, };

/**
 * What a series ingest recorded.
 */
export type SeriesIngestOutput = { 
/**
 * The series name.
 */
name: string, 
/**
 * Captures recorded by this run.
 */
captures: number, 
/**
 * Of those, captures of an original the series already had (observations: no new text).
 */
observations: number, 
/**
 * Captures given again that were already recorded (same document, same date).
 */
already_recorded: number, };

/**
 * `dossier ingest` output.
 */
export type IngestOutput = { 
/**
 * New documents.
 */
added: number, 
/**
 * Items already in the case (recorded as another source).
 */
duplicates: number, 
/**
 * Items that could not become documents, and documents whose text could not be
 * extracted (their originals kept); `dossier ingest` exits 1 when there is any.
 */
failed: Array<ItemError>, 
/**
 * Items passed over on purpose.
 */
skipped: Array<ItemError>, 
/**
 * Document ids of every item added or found again, in input order.
 */
documents: Array<number>, 
/**
 * With `--series`: what was recorded in the series.
 */
series?: SeriesIngestOutput, 
/**
 * Why the search index could not follow this ingest, if it could not (searches then say
 * the index is behind until the next writer or `reindex` catches it up).
 */
index_error?: string, };

/**
 * What to capture.
 */
export type CaptureRequest = { 
/**
 * The addresses to capture (http:// or https://).
 */
urls: Array<string>, 
/**
 * Record each page as a capture of this policy series.
 */
series?: string, 
/**
 * A time-stamp authority's address (RFC 3161 over HTTP, e.g. https://freetsa.org/tsr):
 * each WARC written is timestamped there as soon as it is ingested.
 */
tsa?: string, };

/**
 * One address captured.
 */
export type CapturedPage = { 
/**
 * The address asked for.
 */
url: string, 
/**
 * The address the page was found at, after redirects.
 */
final_url: string, 
/**
 * Its HTTP status.
 */
status: number, 
/**
 * When it was fetched (ISO 8601, UTC).
 */
captured_at: string, 
/**
 * Redirects followed on the way.
 */
redirects: number, };

/**
 * `capture` output: the pages fetched, and what ingesting their WARC files recorded.
 */
export type CaptureOutput = { 
/**
 * The pages, in the order asked.
 */
pages: Array<CapturedPage>, 
/**
 * One ingest per page's WARC.
 */
ingests: Array<IngestOutput>, 
/**
 * With `tsa`: the trusted timestamp of each page's WARC, in the same order.
 */
timestamps: Array<TimestampView>, };

/**
 * `ocr` arguments.
 */
export type OcrRequest = { 
/**
 * The documents, by id (every PDF and image of the case when none).
 */
docs?: Array<number>, 
/**
 * Tesseract languages, joined by + (default: the case's `ocr_lang` setting, else eng).
 */
lang?: string, 
/**
 * OCR every page, even one with a text layer.
 */
force?: boolean, };

/**
 * What `ocr` did to one document.
 */
export type OcrDocumentResult = { 
/**
 * The document.
 */
doc: number, 
/**
 * `done`, `skipped` or `failed`.
 */
outcome: string, 
/**
 * Pages OCRed.
 */
pages: number, 
/**
 * Mean confidence of its OCR pages, 0 to 100.
 */
mean_confidence?: number, 
/**
 * Why it was skipped or failed, or the new extraction's warnings.
 */
detail?: string, };

/**
 * `ocr` output.
 */
export type OcrOutput = { 
/**
 * Every document considered, in id order.
 */
documents: Array<OcrDocumentResult>, };

/**
 * How hits are ordered.
 */
export type SearchSort = "relevance" | "date" | "oldest";

/**
 * `dossier search` arguments.
 */
export type SearchRequest = { 
/**
 * The query (words, "phrases", "a b"~5, prefix*, fuzzy~1, AND/OR/NOT, -word, field:value,
 * date:[2001 TO 2002-06]).
 */
query: string, 
/**
 * Only documents of this kind.
 */
kind?: string, 
/**
 * Only documents dated on or after this date.
 */
since?: string, 
/**
 * Only documents dated on or before this date.
 */
until?: string, 
/**
 * Only documents with this tag.
 */
tag?: string, 
/**
 * Leave out documents with this tag.
 */
not_tag?: string, 
/**
 * Only documents that the saved search of this name finds now.
 */
in_saved?: string, 
/**
 * Leave out the documents that the saved search of this name finds now.
 */
not_in_saved?: string, 
/**
 * Only documents held by this custodian, exactly as recorded at ingest (`--custodian`).
 */
custodian?: string, 
/**
 * How many documents (default 20, at most 1000).
 */
limit?: number, 
/**
 * How many documents of the order to skip (paging; default 0).
 */
offset?: number, 
/**
 * Relevance (default), date (newest first) or oldest.
 */
sort?: SearchSort, };

/**
 * One matching page of a hit.
 */
export type SearchPage = { 
/**
 * Page number; null for documents without pages.
 */
page: number | null, 
/**
 * Relevance of this page.
 */
score: number, 
/**
 * Excerpt, HTML-escaped, matches in `<mark>`.
 */
snippet: string, };

/**
 * One matching document.
 */
export type SearchHit = { 
/**
 * Document id.
 */
doc: number, 
/**
 * Title.
 */
title: string | null, 
/**
 * Kind.
 */
kind: string, 
/**
 * The document's own date.
 */
date: string | null, 
/**
 * Its best page; null for documents without pages.
 */
page: number | null, 
/**
 * Relevance (its best page's).
 */
score: number, 
/**
 * Excerpt of the best page, matches in `<mark>`.
 */
snippet: string, 
/**
 * Its best pages, best first (the first is `page`).
 */
pages: Array<SearchPage>, };

/**
 * Counts of matching documents per kind, tag, year and custodian.
 */
export type SearchFacets = { 
/**
 * Per kind.
 */
kind: { [key in string]: number }, 
/**
 * Per tag.
 */
tag: { [key in string]: number }, 
/**
 * Per year of the document's date.
 */
year: { [key in string]: number }, 
/**
 * Per custodian; a document held by several custodians counts under each.
 */
custodian: { [key in string]: number }, };

/**
 * `dossier search` output.
 */
export type SearchOutput = { 
/**
 * Matching documents in all (exact).
 */
total: number, 
/**
 * How many documents of the order come before the first hit.
 */
offset: number, 
/**
 * The documents from `offset` on, at most the limit.
 */
hits: Array<SearchHit>, 
/**
 * Facet counts over all matching documents.
 */
facets: SearchFacets, 
/**
 * The index lacks a change the case has (an ingest still running, or one cut short
 * before its index commit): the results may miss or mis-count it. The command that made
 * the change, the next opening of the case by a long-lived shell, or `reindex` catches
 * the index up.
 */
index_behind: boolean, };

/**
 * `dossier reindex` output.
 */
export type ReindexOutput = { 
/**
 * Documents indexed.
 */
documents: number, };

/**
 * `search_batch` arguments.
 */
export type SearchBatchRequest = { 
/**
 * One query per item, as a file or a pasted list has them one per line: items that are
 * blank or start with `#` are passed over.
 */
queries: Array<string>, 
/**
 * `json` (default) or `csv` (`query,total,error`).
 */
format?: string, };

/**
 * One query of a batch and what it found.
 */
export type BatchRow = { 
/**
 * The query, trimmed.
 */
query: string, 
/**
 * Matching documents (exact); null when the query failed.
 */
total: number | null, 
/**
 * Why the query failed (it could not be read, most often); null when it ran.
 */
error: string | null, };

/**
 * `search_batch` output: the rows, or their CSV export.
 */
export type SearchBatchOutput = Array<BatchRow> | Export;

/**
 * `saved_search` arguments: a name and the search to keep under it.
 */
export type SavedSearchRequest = { 
/**
 * The name (saving under a name in use replaces that saved search's request).
 */
name: string, 
/**
 * The query with its filters; its limit, offset and order are not kept.
 */
request: SearchRequest, };

/**
 * A saved search as listed.
 */
export type SavedSearchView = { 
/**
 * Its name.
 */
name: string, 
/**
 * The query with its filters.
 */
request: SearchRequest, 
/**
 * When it was first saved.
 */
created_at: string, 
/**
 * When its request was last saved.
 */
updated_at: string, };

/**
 * `saved_search` output.
 */
export type SavedSearchOutput = { 
/**
 * The saved search as it now stands.
 */
saved: SavedSearchView, 
/**
 * Whether the name was new (false: an earlier request under it was replaced).
 */
created: boolean, 
/**
 * How many documents it finds now.
 */
total: number, };

/**
 * `saved_search_delete` arguments.
 */
export type SavedSearchDeleteRequest = { 
/**
 * The saved search's name.
 */
name: string, };

/**
 * `saved_search_delete` output.
 */
export type SavedSearchDeleteOutput = { 
/**
 * The name deleted (free again).
 */
deleted: string, };

/**
 * `policy` arguments: one series, or none for the list of series.
 */
export type PolicyRequest = { 
/**
 * The series to show; `None` lists them all.
 */
series?: string, };

/**
 * One series in the list.
 */
export type SeriesListItem = { 
/**
 * Its name.
 */
series: string, 
/**
 * The page's address.
 */
url: string | null, 
/**
 * Distinct versions (an identical consecutive capture is an observation, not a version).
 */
versions: number, 
/**
 * Changes of text between consecutive versions.
 */
changes: number, 
/**
 * Captures, observations included.
 */
captures: number, 
/**
 * Changes of wording with no change of the claimed date.
 */
silent: number, 
/**
 * Changes of the claimed date with no change of wording.
 */
empty_bumps: number, };

/**
 * A version of a series.
 */
export type VersionView = { 
/**
 * The document holding it.
 */
doc: number, 
/**
 * When it was first captured.
 */
captured: string, 
/**
 * The date it claims for itself.
 */
claimed_date: string | null, 
/**
 * When it was last seen (the last identical capture).
 */
last_seen: string, 
/**
 * Dates of identical captures after the first.
 */
observations: Array<string>, 
/**
 * The page's address at that capture.
 */
url: string | null, };

/**
 * A change between two consecutive versions.
 */
export type ChangeView = { 
/**
 * The last capture with the old text.
 */
last_old: string, 
/**
 * The first capture with the new text.
 */
first_new: string, 
/**
 * The old text's document.
 */
old_doc: number, 
/**
 * The new text's document.
 */
new_doc: number, 
/**
 * Runs of added words.
 */
added: Array<string>, 
/**
 * Runs of removed words.
 */
removed: Array<string>, 
/**
 * The claimed date before.
 */
claimed_before: string | null, 
/**
 * The claimed date after.
 */
claimed_after: string | null, 
/**
 * Wording changed, the claimed date did not.
 */
silent: boolean, 
/**
 * The claimed date changed, the wording did not.
 */
empty_bump: boolean, 
/**
 * Whether words other than the claimed-date statement changed.
 */
wording_changed: boolean, };

/**
 * `policy CASE SERIES` output.
 */
export type SeriesView = { 
/**
 * Its name.
 */
series: string, 
/**
 * The page's address.
 */
url: string | null, 
/**
 * Versions in capture order.
 */
versions: Array<VersionView>, 
/**
 * Changes in order.
 */
changes: Array<ChangeView>, 
/**
 * Consecutive versions that differ only in formatting (not counted as changes).
 */
formatting_only: number, };

/**
 * `policy` output: the list of series, or one series.
 */
export type PolicyOutput = Array<SeriesListItem> | SeriesView;

/**
 * `policy_diff` arguments.
 */
export type PolicyDiffRequest = { 
/**
 * The series.
 */
series: string, 
/**
 * The old version: a document id of the series, or a date (the version in force then).
 */
from: string, 
/**
 * The new version, likewise.
 */
to: string, };

/**
 * A version named in a diff.
 */
export type VersionRef = { 
/**
 * Its document.
 */
doc: number, 
/**
 * When that capture was taken.
 */
captured: string, 
/**
 * The date it claims.
 */
claimed_date: string | null, };

/**
 * What a stretch of a hunk is to the newer version.
 */
export type SegmentOp = "equal" | "removed" | "added";

/**
 * One stretch of a hunk.
 */
export type SegmentView = { 
/**
 * Whether the words stayed, went or came.
 */
op: SegmentOp, 
/**
 * The words.
 */
text: string, };

/**
 * Changes close together, with context.
 */
export type HunkView = { 
/**
 * Index of its first word in the old version.
 */
old_start: number, 
/**
 * Index of its first word in the new version.
 */
new_start: number, 
/**
 * The hunk as one line, removed words as `[-…-]`, added as `{+…+}`.
 */
text: string, 
/**
 * The hunk in stretches.
 */
segments: Array<SegmentView>, };

/**
 * `policy_diff` output.
 */
export type PolicyDiffOutput = { 
/**
 * The series.
 */
series: string, 
/**
 * The old version.
 */
from: VersionRef, 
/**
 * The new version.
 */
to: VersionRef, 
/**
 * Runs of added words.
 */
added: Array<string>, 
/**
 * Runs of removed words.
 */
removed: Array<string>, 
/**
 * The changes with context.
 */
hunks: Array<HunkView>, };

/**
 * `policy_trace` arguments.
 */
export type PolicyTraceRequest = { 
/**
 * The series.
 */
series: string, 
/**
 * The phrase (matched as whole words, ignoring case, spacing and formatting).
 */
phrase: string, };

/**
 * The window in which a phrase appeared.
 */
export type Appeared = { 
/**
 * The last capture without it (`null` when the first capture already has it).
 */
not_in: string | null, 
/**
 * The first capture with it.
 */
first_in: string, 
/**
 * Document of the last capture without it.
 */
not_in_doc: number | null, 
/**
 * Document of the first capture with it.
 */
first_in_doc: number, };

/**
 * The window in which a phrase disappeared for good.
 */
export type Disappeared = { 
/**
 * The last capture with it.
 */
last_in: string, 
/**
 * The first capture without it after that.
 */
not_in: string, 
/**
 * Document of the last capture with it.
 */
last_in_doc: number, 
/**
 * Document of the first capture without it.
 */
not_in_doc: number, };

/**
 * A stretch of captures that contain the phrase.
 */
export type Span = { 
/**
 * First capture of the stretch.
 */
first_in: string, 
/**
 * Last capture of the stretch.
 */
last_in: string, };

/**
 * `policy_trace` output.
 */
export type PolicyTraceOutput = { 
/**
 * The phrase as given.
 */
phrase: string, 
/**
 * The series.
 */
series: string, 
/**
 * Its first appearance, or `null` if no capture has it.
 */
appeared: Appeared | null, 
/**
 * Its final disappearance, or `null` if the latest capture still has it (or none did).
 */
disappeared: Disappeared | null, 
/**
 * Every stretch of captures with it (it may come and go).
 */
spans: Array<Span>, };

/**
 * `policy_asof` arguments.
 */
export type PolicyAsofRequest = { 
/**
 * The series.
 */
series: string, 
/**
 * The date (ISO 8601, any precision; a month or year means its end).
 */
date: string, 
/**
 * Words that must all be in one paragraph, or a `"quoted phrase"`.
 */
query: string, };

/**
 * The version a search read.
 */
export type InForce = { 
/**
 * Its document.
 */
doc: number, 
/**
 * The capture in force on the date (the latest on or before it).
 */
captured: string, 
/**
 * The date it claims.
 */
claimed_date: string | null, 
/**
 * The next capture of a different original, if any: until then the reading is certain
 * only up to the capture date.
 */
next_capture: string | null, };

/**
 * A matching passage.
 */
export type AsofHit = { 
/**
 * Paragraph number in the version (from 0).
 */
paragraph: number, 
/**
 * The passage with hits in `<mark>`, HTML-escaped.
 */
snippet: string, 
/**
 * The passage as plain text.
 */
text: string, };

/**
 * `policy_asof` output.
 */
export type PolicyAsofOutput = { 
/**
 * The series.
 */
series: string, 
/**
 * The date asked about.
 */
date: string, 
/**
 * The version searched.
 */
version: InForce, 
/**
 * How many passages matched.
 */
total: number, 
/**
 * The passages, in reading order.
 */
hits: Array<AsofHit>, };

/**
 * The fields of a new event.
 */
export type EventAdd = { 
/**
 * When: 2024, 2024-08, 2024-08-15, "before 2024-08", "after D", "between D and D", D/D.
 */
date: string, 
/**
 * What happened, in a line.
 */
title: string, 
/**
 * Makes the date a range ending on this date.
 */
end?: string, 
/**
 * alleged (default), disputed, admitted, established, prospective.
 */
status?: string, 
/**
 * More about it.
 */
description?: string, 
/**
 * A legal issue it bears on (repeatable).
 */
issues?: Array<string>, 
/**
 * Someone who took part (repeatable).
 */
actors?: Array<string>, 
/**
 * A tag (repeatable).
 */
tags?: Array<string>, };

/**
 * Changes to an event; what is left out stays as it is.
 */
export type EventChange = { 
/**
 * The event.
 */
event: number, 
/**
 * New date (replaces the whole date, end included, unless an end is given too).
 */
date?: string, 
/**
 * New end of the range (with the current start when no date is given).
 */
end?: string, 
/**
 * New title.
 */
title?: string, 
/**
 * New status.
 */
status?: string, 
/**
 * New description ("" clears it).
 */
description?: string, 
/**
 * Replace the issues (repeatable).
 */
issues?: Array<string>, 
/**
 * Replace the actors (repeatable).
 */
actors?: Array<string>, 
/**
 * Replace the tags (repeatable).
 */
tags?: Array<string>, };

/**
 * One event, by id.
 */
export type EventRef = { 
/**
 * The event.
 */
event: number, };

/**
 * One citation, by id.
 */
export type CitationRef = { 
/**
 * The citation.
 */
citation: number, };

/**
 * A CSV file of events to import; the columns are documented in `event_import.rs`.
 */
export type EventImport = { 
/**
 * The CSV file (columns: date, title, end, description, status, issues, actors, tags;
 * doc, page, quote, relation for a citation; a row without date and title adds another
 * citation to the event above).
 */
path: string, 
/**
 * Pass over events (same title and date) the case already has, with their citations,
 * so that importing the same file again changes nothing.
 */
skip_existing?: boolean, };

/**
 * A date as typed, not yet saved (`event read_date`).
 */
export type DateDraft = { 
/**
 * As `event add --date`: 2024, 2024-08, 2024-08-15, before D, after D, between D and
 * D, D/D or D..D.
 */
date: string, 
/**
 * As `event add --end`: makes the date a range.
 */
end?: string, };

/**
 * `event` arguments: what to do, and its fields.
 */
export type EventRequest = { "action": "add" } & EventAdd | { "action": "edit" } & EventChange | { "action": "delete" } & EventRef | { "action": "undo" } & EventRef | { "action": "import" } & EventImport | { "action": "withdraw" } & CitationRef | { "action": "reinstate" } & CitationRef | { "action": "read_date" } & DateDraft;

/**
 * How the chronology reads a date (`event read_date`): what an event saved with it shows.
 */
export type DateReading = { 
/**
 * The date as it would be stored.
 */
date: string, 
/**
 * The end of a range, as it would be stored.
 */
end: string | null, 
/**
 * The date in words.
 */
display_date: string, 
/**
 * The days it covers.
 */
span: EventSpan, };

/**
 * `event import` output.
 */
export type ImportOutput = { 
/**
 * How many events were created.
 */
imported: number, 
/**
 * Their ids, in file order.
 */
ids: Array<number>, 
/**
 * How many citations were created with them.
 */
citations: number, 
/**
 * Events passed over because the case already had them (`skip_existing`).
 */
skipped: number, };

/**
 * `event` output: the event as it now stands, or what an import created.
 */
export type EventOutput = TimelineEvent | ImportOutput | DateReading;

/**
 * `cite` arguments.
 */
export type CiteRequest = { 
/**
 * The event.
 */
event: number, 
/**
 * The document.
 */
doc: number, 
/**
 * The page (from 1); without it the first page holding the quote is recorded.
 */
page?: number, 
/**
 * The exact words cited (line breaks, hyphenation and spacing need not match).
 */
quote?: string, 
/**
 * supports (default), contradicts, context.
 */
relation?: string, 
/**
 * Text just before the quote, to pick one of several occurrences.
 */
prefix?: string, 
/**
 * Text just after the quote.
 */
suffix?: string, };

/**
 * `cite` output.
 */
export type CiteOutput = { 
/**
 * The citation's id.
 */
id: number, 
/**
 * Whether the quote was found where cited (always true: a quote that is not there
 * is refused).
 */
verified: boolean, 
/**
 * The page recorded.
 */
page: number | null, 
/**
 * The passage exactly as the document has it.
 */
exact: string | null, 
/**
 * Text before it.
 */
prefix: string | null, 
/**
 * Text after it.
 */
suffix: string | null, 
/**
 * Character offset of its start in the page.
 */
start: number | null, 
/**
 * Character offset just past its end.
 */
end: number | null, 
/**
 * How many times the quote occurs on the page.
 */
occurrences: number, 
/**
 * SHA-256 of the document cited.
 */
sha256: string, 
/**
 * The event's status now.
 */
event_status: string, };

/**
 * `timeline` arguments.
 */
export type TimelineRequest = { 
/**
 * json, csv, markdown, html, timelinejs or timelinejs-csv.
 */
format?: string, 
/**
 * Only events bearing on this issue (blanks around it and case ignored, as for all
 * three).
 */
issue?: string, 
/**
 * Only events with this status.
 */
status?: string, 
/**
 * Only events bearing this tag.
 */
tag?: string, 
/**
 * Only events whose title, description, actors, issues, tags or quotes hold every
 * word of this text (case ignored).
 */
text?: string, 
/**
 * Only events that may fall on or after the first day of this date (any form a date
 * is written in: `2024-08`, `Q3 2024`).
 */
from?: string, 
/**
 * Only events that may fall on or before the last day of this date.
 */
to?: string, };

/**
 * How an event's date bounds it.
 */
export type SpanKind = "on" | "range" | "before" | "after" | "between";

/**
 * How much of an event's date is known.
 */
export type SpanPrecision = "year" | "month" | "day" | "period";

/**
 * The days an event's date covers (see `FuzzyDate::covered_days`).
 */
export type EventSpan = { 
/**
 * How the date bounds the event.
 */
kind: SpanKind, 
/**
 * The first day it may fall on (`YYYY-MM-DD`); null for `before`, which is open.
 */
first_day: string | null, 
/**
 * The last day it may fall on; null for `after`, which is open.
 */
last_day: string | null, 
/**
 * How much of the date written first is known.
 */
precision: SpanPrecision, };

/**
 * A citation as the timeline shows it.
 */
export type TimelineCitation = { 
/**
 * Citation id.
 */
id: number, 
/**
 * The document.
 */
doc: number, 
/**
 * The page.
 */
page: number | null, 
/**
 * The quote.
 */
quote: string | null, 
/**
 * supports, contradicts or context.
 */
relation: string, 
/**
 * Whether the quote is still in the document as cited.
 */
verified: boolean, 
/**
 * Why it no longer verifies.
 */
problem: string | null, 
/**
 * The pin cite (exhibit number and Bates number when the document is an exhibit).
 */
pin_cite: string, 
/**
 * Character offsets of the quote in its page.
 */
start: number | null, 
/**
 * End offset.
 */
end: number | null, 
/**
 * SHA-256 of the document version cited.
 */
sha256: string, 
/**
 * Where a cited web capture came from (address, capture time, WARC record, digest,
 * trusted timestamp), in words; null for other documents.
 */
provenance: string | null, };

/**
 * An event as the timeline shows it.
 */
export type TimelineEvent = { 
/**
 * Event id.
 */
id: number, 
/**
 * The date: ISO 8601 at its precision, or `before D`, `after D`, `between D and D`.
 */
date: string, 
/**
 * The end of a range.
 */
end: string | null, 
/**
 * The date in words.
 */
display_date: string, 
/**
 * The days the date covers, as the timeline crate reads it, so no client re-parses
 * the text.
 */
span: EventSpan, 
/**
 * What happened.
 */
title: string, 
/**
 * More about it.
 */
description: string | null, 
/**
 * The status it shows (`prospective` while it has no citation).
 */
status: string, 
/**
 * The status it was given.
 */
requested_status: string, 
/**
 * Legal issues.
 */
issues: Array<string>, 
/**
 * Who took part.
 */
actors: Array<string>, 
/**
 * Tags.
 */
tags: Array<string>, 
/**
 * Whether it was deleted (only `event` shows deleted events).
 */
deleted: boolean, 
/**
 * Its citations.
 */
citations: Array<TimelineCitation>, };

/**
 * An export: its format and its content, ready to write to a file.
 */
export type Export = { 
/**
 * The format asked for.
 */
format: string, 
/**
 * Its media type.
 */
media_type: string, 
/**
 * The file's content.
 */
content: string, };

/**
 * `timeline` output: the events (json), or an export.
 */
export type TimelineOutput = Array<TimelineEvent> | Export;

/**
 * `undo` arguments.
 */
export type UndoRequest = { 
/**
 * Redo what the last undo reverted (refused once a new edit has been made since).
 */
redo?: boolean, };

/**
 * One change an edit made, as the audit log records it.
 */
export type UndoStep = { 
/**
 * The audit action: `event.add`, `citation.withdraw`, `document.untag`...
 */
action: string, 
/**
 * What it changed: `event:3`, `citation:7`, `document:2`, `note:1`.
 */
target: string, 
/**
 * Particulars.
 */
detail: string, };

/**
 * `undo` output.
 */
export type UndoOutput = { 
/**
 * `undo` or `redo`.
 */
kind: string, 
/**
 * The new edit this undo (or redo) is.
 */
edit: number, 
/**
 * The edit it reverted.
 */
reverted: number, 
/**
 * What the reverted edit had done.
 */
reverted_changes: Array<UndoStep>, 
/**
 * What this undo did.
 */
changes: Array<UndoStep>, };

/**
 * `suggest` arguments.
 */
export type SuggestRequest = { 
/**
 * Accept this suggestion into the chronology (repeatable; keys as listed); none lists
 * them.
 */
accept?: Array<string>, };

/**
 * A citation a suggestion would make.
 */
export type SuggestedCitation = { 
/**
 * The document.
 */
doc: number, 
/**
 * supports or context.
 */
relation: string, 
/**
 * The sentence cited: for a policy change, the sentence of the new version that holds
 * the most added words (supports) and the one of the old version that held the most
 * removed words (context).
 */
quote: string | null, };

/**
 * One candidate event.
 */
export type Suggestion = { 
/**
 * Stable key to accept it by: `doc:ID` or `policy:SERIES:DOC`.
 */
key: string, 
/**
 * Its date.
 */
date: string, 
/**
 * Its title.
 */
title: string, 
/**
 * What it comes from: `document` or `policy_change`.
 */
source: string, 
/**
 * The citations accepting it makes.
 */
citations: Array<SuggestedCitation>, };

/**
 * A suggestion accepted.
 */
export type Accepted = { 
/**
 * Its key.
 */
key: string, 
/**
 * The event created.
 */
event: number, };

/**
 * `suggest` output.
 */
export type SuggestOutput = Array<Suggestion> | Array<Accepted>;

/**
 * `tag` arguments: a document or an event, and tags to add (or remove).
 */
export type TagRequest = { 
/**
 * The document to tag.
 */
doc?: number, 
/**
 * Or the event to tag.
 */
event?: number, 
/**
 * Or many documents at once, as one edit that one undo reverts.
 */
docs?: Array<number>, 
/**
 * Or every document this search finds (all of them, not a page), as one edit.
 */
query?: string, 
/**
 * Or every document the document table's filters match, as one edit.
 */
matching?: DocsRequest, 
/**
 * Or every document this search finds, its filters applied (kind, tag, custodian,
 * dates, saved searches; its order and paging are ignored): "select all" in results
 * narrowed by a facet.
 */
search?: SearchRequest, 
/**
 * Tags to add (to remove, with `remove`).
 */
tags: Array<string>, 
/**
 * Remove the tags instead of adding them.
 */
remove?: boolean, };

/**
 * `tag` output.
 */
export type TagOutput = { 
/**
 * Tags it did not have before.
 */
added: Array<string>, 
/**
 * Tags it had and no longer has.
 */
removed: Array<string>, 
/**
 * All its tags now (one document or event; empty for many documents).
 */
tags: Array<string>, 
/**
 * How many documents were selected (1 for one document, 0 for an event).
 */
documents: number, 
/**
 * How many of them changed.
 */
changed: number, };

/**
 * `tags` arguments: none beyond the case.
 */
export type TagsRequest = Record<symbol, never>;

/**
 * A tag of the case and how many documents carry it.
 */
export type TagCount = { 
/**
 * The tag.
 */
tag: string, 
/**
 * How many documents carry it (0 for a tag only events carry).
 */
documents: number, };

/**
 * `folders` arguments: none beyond the case.
 */
export type FoldersRequest = Record<symbol, never>;

/**
 * One folder and the folders below it.
 */
export type FolderNode = { 
/**
 * Its own name (`inbox`).
 */
name: string, 
/**
 * Its whole path, as `docs --folder` takes it (`maildir/lay-k/inbox`).
 */
path: string, 
/**
 * Documents found directly in it.
 */
documents: number, 
/**
 * Documents in it and in every folder below it (one found in two folders counts twice).
 */
total: number, 
/**
 * The folders directly below it, by name.
 */
children: Array<FolderNode>, };

/**
 * `activity` arguments.
 */
export type ActivityRequest = { 
/**
 * How many lines, newest first (default 8, at most 500).
 */
limit?: number, };

/**
 * One line of recent activity: one audit row, or a run of similar ones.
 */
export type ActivityLine = { 
/**
 * The line in words ("Tagged 5,246 documents privileged").
 */
summary_text: string, 
/**
 * How many audit rows it stands for.
 */
count: number, 
/**
 * The first row's position in the log.
 */
first_seq: number, 
/**
 * The newest row's position in the log.
 */
last_seq: number, 
/**
 * When the first row was written.
 */
first_at: string, 
/**
 * When the newest row was written.
 */
at: string, 
/**
 * Who.
 */
actor: string, 
/**
 * The newest row's action, for the record (`document.tag`).
 */
action: string, 
/**
 * The newest row's target, for the record (`document:42`).
 */
target: string, };

/**
 * `note` arguments: a note on the span of a document where a quote is.
 */
export type NoteRequest = { 
/**
 * The document.
 */
doc: number, 
/**
 * The words the note is attached to.
 */
quote: string, 
/**
 * The note.
 */
text: string, 
/**
 * The page (searched on every page without it).
 */
page?: number, };

/**
 * A note as listed.
 */
export type NoteView = { 
/**
 * Note id.
 */
id: number, 
/**
 * The document.
 */
doc: number, 
/**
 * The page.
 */
page: number | null, 
/**
 * The words annotated.
 */
quote: string, 
/**
 * Character offset of their start.
 */
start: number, 
/**
 * Just past their end.
 */
end: number, 
/**
 * The note.
 */
text: string, 
/**
 * Whether the words are still where they were annotated.
 */
verified: boolean, 
/**
 * When it was written.
 */
created_at: string, };

/**
 * `notes` arguments.
 */
export type NotesRequest = { 
/**
 * Only notes on this document.
 */
doc?: number, };

/**
 * `note_delete` arguments.
 */
export type NoteDeleteRequest = { 
/**
 * The note.
 */
note: number, };

/**
 * `note_delete` output.
 */
export type NoteDeleteOutput = { 
/**
 * The note deleted.
 */
note: number, 
/**
 * Its document.
 */
doc: number, 
/**
 * What it said.
 */
text: string, };

/**
 * `exhibit` arguments.
 */
export type ExhibitRequest = { 
/**
 * The document.
 */
doc: number, 
/**
 * The exhibit number (e.g. PX-0007); the next free one of the prefix without it.
 */
number?: string, 
/**
 * Number prefix when no number is given (default PX).
 */
prefix?: string, 
/**
 * Bates prefix (default DOSS).
 */
bates_prefix?: string, 
/**
 * Designation (who offers it, for what).
 */
designation?: string, 
/**
 * Withdraw the document's exhibit: it keeps its number and Bates range (never reused)
 * and is listed as withdrawn.
 */
withdraw?: boolean, };

/**
 * `exhibit` over many documents at once (`docs`, `query` or `matching` instead of `doc`):
 * each gets the next free number of the prefix, in id order, as one edit that one undo
 * reverts.
 */
export type ExhibitManyRequest = { 
/**
 * The documents, by id.
 */
docs?: Array<number>, 
/**
 * Or every document this search finds.
 */
query?: string, 
/**
 * Or every document the document table's filters match.
 */
matching?: DocsRequest, 
/**
 * Or every document this search finds, its filters applied (kind, tag, custodian,
 * dates, saved searches; its order and paging are ignored): "select all" in results
 * narrowed by a facet.
 */
search?: SearchRequest, 
/**
 * Number prefix (default PX).
 */
prefix?: string, 
/**
 * Bates prefix (default DOSS).
 */
bates_prefix?: string, 
/**
 * Designation given to each.
 */
designation?: string, };

/**
 * What `exhibit` over many documents did.
 */
export type ExhibitManyOutput = { 
/**
 * How many documents were selected.
 */
documents: number, 
/**
 * The exhibits made, in id order.
 */
made: Array<ExhibitView>, 
/**
 * Documents passed over because they are exhibits already.
 */
already: Array<number>, };

/**
 * An exhibit as listed.
 */
export type ExhibitView = { 
/**
 * `PX-0001`.
 */
number: string, 
/**
 * The document.
 */
doc: number, 
/**
 * First Bates number.
 */
bates_begin: string, 
/**
 * Last Bates number.
 */
bates_end: string, 
/**
 * Pages stamped.
 */
pages: number, 
/**
 * Its title.
 */
title: string | null, 
/**
 * Its own date.
 */
date: string | null, 
/**
 * SHA-256 of its original.
 */
sha256: string, 
/**
 * Designation.
 */
designation: string | null, 
/**
 * Events it supports: `id: title`.
 */
events: Array<string>, 
/**
 * When it was withdrawn (`null` while it stands). A withdrawn exhibit stays in the
 * JSON list and the CSV list (with the day it was withdrawn) so the gap in the
 * numbering is explained; the DAT load file holds standing exhibits only.
 */
withdrawn_at: string | null, };

/**
 * `exhibits` arguments.
 */
export type ExhibitsRequest = { 
/**
 * json (default), csv or dat (a Concordance load file).
 */
format?: string, };

/**
 * `exhibits` output.
 */
export type ExhibitsOutput = Array<ExhibitView> | Export;

/**
 * `timestamp_request` arguments.
 */
export type TimestampRequestRequest = { 
/**
 * The documents whose originals to timestamp: one request each.
 */
docs: Array<number>, };

/**
 * One time-stamp request written.
 */
export type TimestampQuery = { 
/**
 * The document.
 */
doc: number, 
/**
 * The request's id in the case.
 */
id: number, 
/**
 * The SHA-256 of the original it is over.
 */
sha256: string, 
/**
 * The nonce the authority's answer must carry, hex.
 */
nonce: string, 
/**
 * The `TimeStampReq` (a `.tsq` file), DER as base64.
 */
base64: string, };

/**
 * `timestamp_request` output.
 */
export type TimestampRequestOutput = { 
/**
 * One request per document, in the order asked.
 */
requests: Array<TimestampQuery>, };

/**
 * `timestamp_import` arguments.
 */
export type TimestampImportRequest = { 
/**
 * The document the answer is for.
 */
doc: number, 
/**
 * The authority's answer (a `.tsr`: a `TimeStampResp`, or the bare token), base64.
 */
response: string, 
/**
 * A CA certificate (DER or PEM, base64) that must have issued the authority's.
 */
ca?: string, };

/**
 * A timestamp of a document's original, as the viewer and exports state it.
 */
export type TimestampView = { 
/**
 * Its id.
 */
id: number, 
/**
 * The document whose original it covers: the document itself, or the container it
 * was taken out of (a web archive's WARC covers each capture in it).
 */
doc: number, 
/**
 * The SHA-256 it covers.
 */
sha256: string, 
/**
 * When the request was written.
 */
requested_at: string, 
/**
 * When the authority saw the hash (null while the answer is not imported).
 */
gen_time: string | null, 
/**
 * The authority (null while not imported).
 */
tsa: string | null, 
/**
 * The token's serial number, hex.
 */
serial: string | null, 
/**
 * The authority's policy OID.
 */
policy: string | null, };

/**
 * `produce` arguments.
 */
export type ProduceRequest = { 
/**
 * The production folder to write: new, or empty.
 */
out: string, 
/**
 * Bates prefix (letters, digits, `_`), e.g. ABC.
 */
prefix: string, 
/**
 * First Bates number; after the last one given with this prefix without it.
 */
start?: number, 
/**
 * Produce the standing exhibits, in exhibit order.
 */
exhibits?: boolean, 
/**
 * Or the documents with this tag.
 */
tag?: string, 
/**
 * Or the documents this search finds.
 */
query?: string, 
/**
 * Or these documents, by id.
 */
docs?: Array<number>, 
/**
 * Documents of the set with this tag are withheld: a slip-sheet takes their place and
 * the privilege log lists them, the tag as the privilege claimed.
 */
withhold_tag?: string, 
/**
 * The legend stamped on every page (CONFIDENTIAL).
 */
legend?: string, 
/**
 * Where the Bates number stands: bottom-right (default), bottom-left, top-right or
 * top-left; the legend takes the other corner of that edge.
 */
stamp_position?: string, 
/**
 * Also copy the originals of spreadsheets into NATIVES/ (named by their first Bates
 * number), as NATIVEPATH in the DAT.
 */
natives?: boolean, };

/**
 * What `produce` made.
 */
export type ProduceOutput = { 
/**
 * Documents in the production, withheld ones included.
 */
documents: number, 
/**
 * Pages produced, slip-sheets included.
 */
pages: number, 
/**
 * First Bates number.
 */
first: string, 
/**
 * Last Bates number.
 */
last: string, 
/**
 * Documents withheld (each a slip-sheet).
 */
withheld: number, 
/**
 * Files written, the manifest included.
 */
files: number, 
/**
 * SHA-256 of `MANIFEST.sha256`, as recorded in the audit log.
 */
manifest_sha256: string, 
/**
 * Characters the standard fonts cannot draw, drawn as `?` on rendered pages (the
 * TEXT files keep them).
 */
undrawable_characters: number, 
/**
 * Documents whose original PDF could not be stamped (encrypted, damaged) and were
 * rendered from their text instead: `id: why`.
 */
rendered_from_text: Array<string>, };

/**
 * `verify_production` arguments.
 */
export type VerifyProductionRequest = { 
/**
 * The production folder.
 */
out: string, };

/**
 * What `verify_production` found.
 */
export type VerifyProductionOutput = { 
/**
 * True when every file matches the manifest and nothing else is there.
 */
ok: boolean, 
/**
 * Files the manifest lists.
 */
files: number, 
/**
 * Each file missing, changed or not listed, with why.
 */
problems: Array<string>, };

/**
 * `redact` arguments.
 */
export type RedactRequest = { 
/**
 * The document.
 */
doc: number, 
/**
 * The page, from 1.
 */
page: number, 
/**
 * The words to redact, as they read on the page.
 */
quote?: string, 
/**
 * Or a box: left, top, width, height in points from the page's top-left corner.
 */
box?: Array<number>, 
/**
 * Why: "Privileged", "PII".
 */
reason: string, };

/**
 * A redaction as listed.
 */
export type RedactionView = { 
/**
 * Its id.
 */
id: number, 
/**
 * The document.
 */
doc: number, 
/**
 * The page, from 1.
 */
page: number, 
/**
 * The words redacted, for a redaction by quote.
 */
quote: string | null, 
/**
 * The box (left, top, width, height in points), for a redaction by box.
 */
box: Array<number> | null, 
/**
 * Why.
 */
reason: string, 
/**
 * When it was made.
 */
created_at: string, };

/**
 * `redactions` arguments.
 */
export type RedactionsRequest = { 
/**
 * Only this document's.
 */
doc?: number, };

/**
 * `ocr_pages` arguments.
 */
export type OcrPagesRequest = { 
/**
 * The document, by id.
 */
doc: number, 
/**
 * List pages whose mean confidence is below this (0 to 100; default 70) to check.
 */
below?: number, };

/**
 * A word OCR read, with its box in pixels of the page's image (`image_width` x
 * `image_height`, origin at the top left).
 */
export type OcrWord = { 
/**
 * Left edge.
 */
left: number, 
/**
 * Top edge.
 */
top: number, 
/**
 * Width.
 */
width: number, 
/**
 * Height.
 */
height: number, 
/**
 * The engine's confidence in the word, 0 to 100.
 */
confidence: number, 
/**
 * The word.
 */
text: string, };

/**
 * One OCR page: its maker, its image's size, its confidence, its words with their boxes,
 * and its text (corrected or as OCR read it).
 */
export type OcrPageView = { 
/**
 * Page number, from 1.
 */
n: number, 
/**
 * `tesseract`.
 */
engine: string, 
/**
 * The engine's version.
 */
engine_version: string, 
/**
 * The languages asked for (`eng+deu`).
 */
languages: string, 
/**
 * Width of the image OCRed, in pixels: a word's box over this is its place across the page.
 */
image_width: number, 
/**
 * Height of the image OCRed, in pixels.
 */
image_height: number, 
/**
 * Resolution a PDF page was rendered at for OCR; 0 for an image.
 */
dpi: number, 
/**
 * Mean word confidence, 0 to 100.
 */
mean_confidence: number, 
/**
 * The words, in reading order.
 */
words: Array<OcrWord>, 
/**
 * The page's text as search and citations read it: the correction when there is one.
 */
text: string, 
/**
 * The text OCR made of the page, kept beside a correction.
 */
ocr_text: string, 
/**
 * Whether a person corrected the page's text.
 */
corrected: boolean, 
/**
 * Who corrected it.
 */
corrected_by?: string, 
/**
 * When.
 */
corrected_at?: string, };

/**
 * `ocr_pages` output.
 */
export type OcrPagesOutput = { 
/**
 * The document.
 */
doc: number, 
/**
 * The confidence a page must reach not to be listed for checking.
 */
threshold: number, 
/**
 * Its OCR pages, page 1 first (empty when nothing of it was OCRed).
 */
pages: Array<OcrPageView>, 
/**
 * Pages below the threshold and not yet corrected: the ones a person should check.
 */
to_check: Array<number>, };

/**
 * `ocr_correct` arguments: a page's corrected text.
 */
export type OcrCorrectRequest = { 
/**
 * The document, by id.
 */
doc: number, 
/**
 * The page, from 1.
 */
page: number, 
/**
 * The page's corrected text (it replaces the OCR text for search and citations).
 */
text: string, };

/**
 * `ocr_correct` output.
 */
export type OcrCorrectOutput = { 
/**
 * The document.
 */
doc: number, 
/**
 * The page.
 */
page: number, 
/**
 * Whether the page's text changed (the same correction again changes nothing).
 */
changed: boolean, };

/**
 * `settings` arguments: the settings to change (none: only show them).
 */
export type SettingsRequest = { 
/**
 * The case's default Tesseract languages for ingest and `ocr` (eng+deu); "" unsets it.
 */
ocr_lang?: string, };

/**
 * `settings` output: the case's settings after the call.
 */
export type SettingsOutput = { 
/**
 * The default OCR languages; none means `eng`.
 */
ocr_lang?: string, 
/**
 * Whether this call changed a setting.
 */
changed: boolean, };

/**
 * `people` arguments: none beyond the case.
 */
export type PeopleRequest = Record<symbol, never>;

/**
 * One person of the cast.
 */
export type Person = { 
/**
 * Its main address (the one in the most messages), which names it.
 */
id: string, 
/**
 * The name shown: the display name written most often, or one made from the address.
 */
name: string, 
/**
 * Every address that is this person's, normalised, most used first.
 */
addresses: Array<string>, 
/**
 * Every display name written for those addresses, as written, most used first.
 */
aliases: Array<string>, 
/**
 * Messages this person sent or received.
 */
documents: number, 
/**
 * Messages this person sent (From).
 */
sent: number, 
/**
 * Messages this person received (To, Cc, Bcc).
 */
received: number, 
/**
 * The day of the first message (ISO 8601), when the messages are dated.
 */
first: string | null, 
/**
 * The day of the last message.
 */
last: string | null, 
/**
 * Their role in the matter, as a reviewer gave it.
 */
role: string | null, 
/**
 * Their organisation, as a reviewer gave it.
 */
organisation: string | null, };

/**
 * `person` arguments: one of a merge, a split or a person entered by hand.
 */
export type PersonRequest = { 
/**
 * Merge these people (ids, as `people` lists them) into the first.
 */
merge?: Array<string>, 
/**
 * Split this address off into a person of its own.
 */
split?: string, 
/**
 * Enter a person by hand with this name.
 */
add?: string, 
/**
 * The role of the person entered.
 */
role?: string, 
/**
 * The organisation of the person entered.
 */
organisation?: string, 
/**
 * Addresses of the person entered.
 */
address?: Array<string>, };

/**
 * `correspondence` arguments.
 */
export type CorrespondenceRequest = { 
/**
 * Only the lines this person (an id `people` lists) wrote or received.
 */
person?: string, };

/**
 * Who wrote to whom in one month, and the messages behind it.
 */
export type CorrespondenceLine = { 
/**
 * The sender (a person's id).
 */
from: string, 
/**
 * The sender's name.
 */
from_name: string, 
/**
 * The recipient (To, Cc or Bcc).
 */
to: string, 
/**
 * The recipient's name.
 */
to_name: string, 
/**
 * The month (`2001-05`); empty for undated messages.
 */
month: string, 
/**
 * The messages, by document id.
 */
documents: Array<number>, };

