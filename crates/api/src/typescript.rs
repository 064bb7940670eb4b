//! The UI's TypeScript mirror of the surface's types, generated from the Rust types with ts-rs
//! (why ts-rs: `docs/adr/0002-generated-types.md`), so `tsc` checks the UI against what the api
//! really sends and accepts.
//!
//! The file is committed (`ui/src/lib/backend/generated.ts`, [`GENERATED_PATH`]) so the UI builds
//! without Rust; the test below fails when it differs from what the types generate, naming the
//! command that rewrites it ([`REFRESH_COMMAND`]).
//!
//! To give the UI a new type: `#[derive(TS)]` on it (with `#[ts(optional)]` on a request's
//! `Option` fields, `#[ts(as = "Option<_>", optional)]` on its `#[serde(default)]` ones), and one
//! line in the list in [`generated_typescript`]; the types it contains come along only if
//! listed too.

use ts_rs::{Config, TS};

use crate::*;

/// Where the generated file lives, from the repository root.
pub const GENERATED_PATH: &str = "ui/src/lib/backend/generated.ts";

/// The command that rewrites [`GENERATED_PATH`] from the Rust types.
pub const REFRESH_COMMAND: &str =
    "DOSSIER_WRITE_GENERATED=1 cargo test --workspace --lib -- generated_typescript";

/// Declares every listed type, in the order listed.
macro_rules! declare {
    ($config:expr, $out:expr; $($type:ty),* $(,)?) => {
        $( declare_one::<$type>($config, $out); )*
    };
}

/// The text of [`GENERATED_PATH`]: one `export type` per type the UI sees.
pub fn generated_typescript() -> String {
    // Ids and counts are JSON numbers, well within a double's exact integers.
    let config = Config::new().with_large_int("number");
    let mut out = format!(
        "// Generated from the Rust types of crates/api by ts-rs: do not edit.\n\
         // Refresh: {REFRESH_COMMAND}\n\n"
    );
    declare!(&config, &mut out;
        // Errors and progress.
        ErrorCode, ApiError, Event,
        // The case.
        InitOutput, KindCount, CaseSummary, Seal, VerifyRequest, VerifyProblem, WithdrawnCitation,
        VerifyOutput, AuditRequest, AuditRow,
        // Documents.
        ReviewRequest, ReviewOutput, ReviewCount,
        DocsRequest, DocListItem, DocTableRow, DocsPage, DocsOutput, ShowRequest, SourceView, PageView, DocumentView,
        OriginalRequest, OriginalOutput, ThreadRequest, ThreadMessageView, ThreadOutput,
        // Ingest.
        IngestRequest, ItemError, SeriesIngestOutput, IngestOutput, CaptureRequest, CapturedPage, CaptureOutput,
        OcrRequest, OcrDocumentResult, OcrOutput,
        // Search.
        SearchSort, SearchRequest, SearchPage, SearchHit, SearchFacets, SearchOutput, ReindexOutput,
        SearchBatchRequest, BatchRow, SearchBatchOutput, SavedSearchRequest, SavedSearchView,
        SavedSearchOutput, SavedSearchDeleteRequest, SavedSearchDeleteOutput,
        // Policy series.
        PolicyRequest, SeriesListItem, VersionView, ChangeView, SeriesView, PolicyOutput,
        PolicyDiffRequest, VersionRef, SegmentOp, SegmentView, HunkView, PolicyDiffOutput,
        PolicyTraceRequest, Appeared, Disappeared, Span, PolicyTraceOutput,
        PolicyAsofRequest, InForce, AsofHit, PolicyAsofOutput,
        // The chronology.
        EventAdd, EventChange, EventRef, CitationRef, EventImport, DateDraft, EventRequest,
        DateReading, ImportOutput, EventOutput, CiteRequest, CiteOutput,
        TimelineRequest, SpanKind, SpanPrecision, EventSpan, TimelineCitation, TimelineEvent, Export, TimelineOutput,
        UndoRequest, UndoStep, UndoOutput, SuggestRequest, SuggestedCitation, Suggestion,
        Accepted, SuggestOutput,
        // Tags, notes and exhibits.
        TagRequest, TagOutput, TagsRequest, TagCount, FoldersRequest, FolderNode, ActivityRequest, ActivityLine, NoteRequest, NoteView, NotesRequest, NoteDeleteRequest,
        NoteDeleteOutput, ExhibitRequest, ExhibitManyRequest, ExhibitManyOutput, ExhibitView, ExhibitsRequest, ExhibitsOutput,
        // Trusted timestamps.
        TimestampRequestRequest, TimestampQuery, TimestampRequestOutput, TimestampImportRequest, TimestampView,
        // Productions.
        ProduceRequest, ProduceOutput, VerifyProductionRequest, VerifyProductionOutput,
        RedactRequest, RedactionView, RedactionsRequest,
        // OCR pages, their corrections, and the case's settings.
        OcrPagesRequest, OcrWord, OcrPageView, OcrPagesOutput, OcrCorrectRequest, OcrCorrectOutput,
        SettingsRequest, SettingsOutput,
        // The cast of characters.
        PeopleRequest, Person, PersonRequest, CorrespondenceRequest, CorrespondenceLine,
    );
    out
}

fn declare_one<T: TS + 'static>(config: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(config));
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn generated_typescript_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(GENERATED_PATH);
        let wanted = generated_typescript();
        if std::env::var_os("DOSSIER_WRITE_GENERATED").is_some() {
            std::fs::write(&path, &wanted)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == wanted,
            "{GENERATED_PATH} is stale: it differs from what the Rust types of crates/api \
             generate. Refresh it with\n\n    {REFRESH_COMMAND}\n\nand commit it."
        );
    }

    #[test]
    fn the_ui_gets_numbers_optional_request_fields_and_snake_case_codes() {
        let ts = generated_typescript();
        assert!(
            ts.contains(r#"export type ErrorCode = "not_a_case" | "already_exists""#),
            "{ts}"
        );
        // A request's defaulted fields may be left out; an output's absent ones are null.
        assert!(ts.contains("kind?: string"), "{ts}");
        assert!(ts.contains("title: string | null"), "{ts}");
        assert!(!ts.contains("bigint"), "{ts}");
    }
}
