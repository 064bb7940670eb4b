//! The one command surface of Dossier.
//!
//! Every user action is one function here, taking typed inputs and returning a type
//! that serialises to the JSON the command-line contract (DESIGN.md) promises. The
//! desktop app's Tauri commands, the `dossier` CLI and the HTTP server are thin
//! delegations to these functions and hold no logic of their own.
//!
//! Only this crate knows JSON: the core crates return plain Rust types, and errors
//! leave as [`ApiError`] `{code, message}`. Long work reports progress through an
//! [`Event`] callback, which a shell forwards as it can (a progress bar, a Tauri event,
//! server-sent events).

mod activity;
mod capture;
mod case;
mod chronology;
mod demo;
mod dispatch;
mod documents;
mod error;
mod event_import;
mod exhibits;
mod folders;
mod ingest;
mod ingest_index;
mod ocr;
mod original;
mod people;
mod policy;
mod policy_trace;
mod produce;
mod recent_activity;
mod redact;
mod review;
mod saved_searches;
mod search;
mod search_batch;
mod series_ingest;
mod session;
mod suggest;
mod tags;
mod thread;
mod timeline;
mod timestamp;
mod typescript;
mod undo;

use serde::Serialize;
use ts_rs::TS;

pub use capture::{CaptureOutput, CaptureRequest, CapturedPage, capture};
pub use case::{
    AuditRequest, AuditRow, CaseSummary, InitOutput, KindCount, ReviewCount, Seal, VerifyOutput,
    VerifyProblem, VerifyRequest, WithdrawnCitation, audit, audit_rows, case_summary, init,
    init_named, is_case, read_seal, seal, verify,
};
pub use chronology::{
    CitationRef, CiteOutput, CiteRequest, DateDraft, DateReading, EventAdd, EventChange,
    EventImport, EventOutput, EventRef, EventRequest, ImportOutput, cite, event,
};
pub use demo::{DemoOutput, DemoRequest, SERIES as DEMO_SERIES, demo};
pub use dispatch::{ShowRequest, dispatch};
pub use documents::{
    DocListItem, DocTableRow, DocsOutput, DocsPage, DocsRequest, DocumentView, MAX_PAGE, PageView,
    SourceView, docs, document_list, document_table, show,
};
pub use dossier_ingest::{PathScope, Refusal, ScopeError};
pub use error::{ApiError, ApiResult, ErrorCode};
pub use exhibits::{
    ExhibitManyOutput, ExhibitManyRequest, ExhibitRequest, ExhibitView, ExhibitsOutput,
    ExhibitsRequest, NoteDeleteOutput, NoteDeleteRequest, NoteRequest, NoteView, NotesRequest,
    TagOutput, TagRequest, exhibit, exhibit_many, exhibits, note, note_delete, notes, tag,
};
pub use folders::{FolderNode, FoldersRequest, folders};
pub use ingest::{IngestOutput, IngestRequest, ItemError, ingest};
pub use ocr::{
    CHECK_BELOW, OcrCorrectOutput, OcrCorrectRequest, OcrDocumentResult, OcrOutput, OcrPageView,
    OcrPagesOutput, OcrPagesRequest, OcrRequest, OcrWord, SettingsOutput, SettingsRequest, ocr,
    ocr_correct, ocr_pages, settings,
};
pub use original::{MAX_ORIGINAL_BYTES, OriginalOutput, OriginalRequest, original, original_bytes};
pub use people::{
    CorrespondenceLine, CorrespondenceRequest, PeopleRequest, Person, PersonRequest,
    correspondence, people, person,
};
pub use policy::{
    ChangeView, HunkView, PolicyDiffOutput, PolicyDiffRequest, PolicyOutput, PolicyRequest,
    SegmentOp, SegmentView, SeriesListItem, SeriesView, VersionRef, VersionView, policy,
    policy_diff,
};
pub use policy_trace::{
    Appeared, AsofHit, Disappeared, InForce, PolicyAsofOutput, PolicyAsofRequest,
    PolicyTraceOutput, PolicyTraceRequest, Span, policy_asof, policy_trace,
};
pub use produce::{
    ProduceOutput, ProduceRequest, VerifyProductionOutput, VerifyProductionRequest, produce,
    verify_production,
};
pub use recent_activity::{ActivityLine, ActivityRequest, activity};
pub use redact::{RedactRequest, RedactionView, RedactionsRequest, redact, redactions};
pub use review::{ReviewOutput, ReviewRequest, review};
pub use saved_searches::{
    SavedSearchDeleteOutput, SavedSearchDeleteRequest, SavedSearchOutput, SavedSearchRequest,
    SavedSearchView, saved_search, saved_search_delete, saved_searches,
};
pub use search::{
    ReindexOutput, SearchFacets, SearchHit, SearchOutput, SearchPage, SearchRequest, SearchSort,
    reindex, search,
};
pub use search_batch::{
    BatchRow, EXPORT_COLUMNS, SearchBatchOutput, SearchBatchRequest, search_batch, search_export,
};
pub use series_ingest::SeriesIngestOutput;
pub use session::{CaseAt, CaseHandle, Session};
pub use suggest::{
    Accepted, SuggestOutput, SuggestRequest, SuggestedCitation, Suggestion, suggest,
};
pub use tags::{TagCount, TagsRequest, tags};
pub use thread::{ThreadMessageView, ThreadOutput, ThreadRequest, thread};
pub use timeline::{
    EventSpan, Export, SpanKind, SpanPrecision, TimelineCitation, TimelineEvent, TimelineOutput,
    TimelineRequest, timeline,
};
pub use timestamp::{
    TimestampImportRequest, TimestampQuery, TimestampRequestOutput, TimestampRequestRequest,
    TimestampView, timestamp_import, timestamp_request,
};
pub use typescript::{GENERATED_PATH as TYPESCRIPT_PATH, generated_typescript};
pub use undo::{UndoOutput, UndoRequest, UndoStep, undo};

/// Every command of the surface, by the name each shell exposes it under.
/// The shells' tests check that they expose exactly this set.
pub const COMMANDS: &[&str] = &[
    "init",
    "ingest",
    "capture",
    "docs",
    "show",
    "original",
    "verify",
    "seal",
    "audit",
    "summary",
    "policy",
    "policy_diff",
    "policy_trace",
    "policy_asof",
    "search",
    "search_batch",
    "search_export",
    "saved_search",
    "saved_searches",
    "saved_search_delete",
    "reindex",
    "ocr",
    "event",
    "cite",
    "timeline",
    "tag",
    "tags",
    "folders",
    "activity",
    "review",
    "exhibit",
    "exhibits",
    "note",
    "notes",
    "note_delete",
    "undo",
    "suggest",
    "thread",
    "timestamp_request",
    "timestamp_import",
    "produce",
    "verify_production",
    "redact",
    "redactions",
    "ocr_pages",
    "ocr_correct",
    "settings",
    "people",
    "person",
    "correspondence",
];

/// Something a long-running command wants its caller to know while it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Work advanced: `done` of `total` units of `phase`.
    Progress {
        /// What is being done: `ingest` (items recorded, each once extracted), `index` (after
        /// an ingest's last item: documents made searchable of those recorded), `verify`.
        phase: String,
        /// Units finished.
        done: u64,
        /// Units in all.
        total: u64,
        /// The item just finished, if there is one to name.
        item: Option<String>,
    },
    /// The command is waiting for something outside its control.
    Waiting {
        /// What for, in words.
        message: String,
    },
}

use session::open_case;
