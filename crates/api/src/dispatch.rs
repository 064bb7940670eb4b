//! Commands by name with JSON arguments: how the HTTP server (and any other transport that
//! carries names and JSON rather than Rust types) reaches the surface.
//!
//! Each arm deserialises the arguments into the command's typed request, calls the typed
//! function, and serialises the result; nothing else happens here.

use dossier_ingest::PathScope;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::TS;

use crate::{ApiError, ApiResult, ErrorCode, Event, Session};

/// Arguments of `show`.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ShowRequest {
    /// Document id.
    pub doc: i64,
}

/// Arguments of commands that take none beyond the case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

/// Runs the command called `command` on the case of the session `case`, with `args` as its JSON
/// arguments (`null` counts as `{}`), and returns its JSON result. Commands that read files
/// by path (`ingest`, `event` `import`) read only what `scope` admits: the transport that
/// carries the names decides whose paths they may be, never the arguments themselves.
///
/// Unknown names fail with code `unknown_command`; arguments that do not fit the
/// command's request type fail with `invalid_input`, naming what was wrong.
pub fn dispatch(
    command: &str,
    case: &Session,
    args: Value,
    scope: &PathScope,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<Value> {
    match command {
        "init" => {
            parse::<NoArgs>(command, args)?;
            to_json(crate::init(case.root())?)
        }
        "ingest" => to_json(crate::ingest(case, &parse(command, args)?, scope, events)?),
        "capture" => to_json(crate::capture(case, &parse(command, args)?, events)?),
        "ocr" => to_json(crate::ocr(case, &parse(command, args)?, events)?),
        "docs" => to_json(crate::docs(case, &parse(command, args)?)?),
        "show" => {
            let request: ShowRequest = parse(command, args)?;
            to_json(crate::show(case, request.doc)?)
        }
        "original" => to_json(crate::original(case, &parse(command, args)?)?),
        "verify" => to_json(crate::verify(case, &parse(command, args)?, events)?),
        "seal" => {
            parse::<NoArgs>(command, args)?;
            to_json(crate::seal(case)?)
        }
        "audit" => to_json(crate::audit_rows(case, &parse(command, args)?)?),
        "summary" => {
            parse::<NoArgs>(command, args)?;
            to_json(crate::case_summary(case)?)
        }
        "policy" => to_json(crate::policy(case, &parse(command, args)?)?),
        "policy_diff" => to_json(crate::policy_diff(case, &parse(command, args)?)?),
        "policy_trace" => to_json(crate::policy_trace(case, &parse(command, args)?)?),
        "policy_asof" => to_json(crate::policy_asof(case, &parse(command, args)?)?),
        "search" => to_json(crate::search(case, &parse(command, args)?)?),
        "search_batch" => to_json(crate::search_batch(case, &parse(command, args)?)?),
        "search_export" => to_json(crate::search_export(case, &parse(command, args)?)?),
        "saved_search" => to_json(crate::saved_search(case, &parse(command, args)?)?),
        "saved_searches" => {
            parse::<NoArgs>(command, args)?;
            to_json(crate::saved_searches(case)?)
        }
        "saved_search_delete" => to_json(crate::saved_search_delete(case, &parse(command, args)?)?),
        "reindex" => {
            parse::<NoArgs>(command, args)?;
            to_json(crate::reindex(case)?)
        }
        "thread" => to_json(crate::thread(case, &parse(command, args)?)?),
        "event" => to_json(crate::event(case, &parse(command, args)?, scope)?),
        "cite" => to_json(crate::cite(case, &parse(command, args)?)?),
        "timeline" => to_json(crate::timeline(case, &parse(command, args)?)?),
        "tag" => to_json(crate::tag(case, &parse(command, args)?)?),
        "tags" => to_json(crate::tags(case, &parse(command, args)?)?),
        "people" => to_json(crate::people(case, &parse(command, args)?)?),
        "person" => to_json(crate::person(case, &parse(command, args)?)?),
        "correspondence" => to_json(crate::correspondence(case, &parse(command, args)?)?),
        "folders" => to_json(crate::folders(case, &parse(command, args)?)?),
        "activity" => to_json(crate::activity(case, &parse(command, args)?)?),
        "review" => to_json(crate::review(case, &parse(command, args)?)?),
        // Many documents at once (docs, query or matching in place of doc): one edit.
        "exhibit"
            if ["docs", "query", "matching"]
                .iter()
                .any(|k| args.get(k).is_some()) =>
        {
            to_json(crate::exhibit_many(case, &parse(command, args)?)?)
        }
        "exhibit" => to_json(crate::exhibit(case, &parse(command, args)?)?),
        "exhibits" => to_json(crate::exhibits(case, &parse(command, args)?)?),
        "note" => to_json(crate::note(case, &parse(command, args)?)?),
        "notes" => to_json(crate::notes(case, &parse(command, args)?)?),
        "note_delete" => to_json(crate::note_delete(case, &parse(command, args)?)?),
        "undo" => to_json(crate::undo(case, &parse(command, args)?)?),
        "suggest" => to_json(crate::suggest(case, &parse(command, args)?)?),
        "timestamp_request" => to_json(crate::timestamp_request(case, &parse(command, args)?)?),
        "timestamp_import" => to_json(crate::timestamp_import(case, &parse(command, args)?)?),
        "produce" => to_json(crate::produce(case, &parse(command, args)?, scope, events)?),
        // Checks a folder against its manifest; the case plays no part.
        "verify_production" => to_json(crate::verify_production(&parse(command, args)?, scope)?),
        "redact" => to_json(crate::redact(case, &parse(command, args)?)?),
        "redactions" => to_json(crate::redactions(case, &parse(command, args)?)?),
        "ocr_pages" => to_json(crate::ocr_pages(case, &parse(command, args)?)?),
        "ocr_correct" => to_json(crate::ocr_correct(case, &parse(command, args)?)?),
        "settings" => to_json(crate::settings(case, &parse(command, args)?)?),
        other => Err(ApiError::new(
            ErrorCode::UnknownCommand,
            format!(
                "no command named {other:?}; the commands are: {}",
                crate::COMMANDS.join(", ")
            ),
        )),
    }
}

fn parse<T: DeserializeOwned>(command: &str, args: Value) -> ApiResult<T> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("arguments of {command}: {e}"),
        )
    })
}

fn to_json<T: serde::Serialize>(value: T) -> ApiResult<Value> {
    serde_json::to_value(value).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("cannot serialise the result: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_command_is_dispatched_and_nothing_else_is() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let case = Session::open(&case);
        for &command in crate::COMMANDS {
            // Deliberately wrong arguments: a known command rejects them as its own input
            // (or runs, for commands that take none); it never says "unknown command".
            let result = dispatch(
                command,
                &case,
                serde_json::json!({"bogus": 1}),
                &PathScope::Anything,
                &|_| {},
            );
            if let Err(e) = result {
                assert_ne!(
                    e.code, "unknown_command",
                    "{command} is listed but not dispatched"
                );
            }
        }
        let e = dispatch(
            "format_disk",
            &case,
            Value::Null,
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("unknown");
        assert_eq!(e.code, "unknown_command");
    }

    #[test]
    fn arguments_are_checked_against_the_command() {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        let case = Session::open(&case);
        let e = dispatch(
            "show",
            &case,
            serde_json::json!({"doc": "one"}),
            &PathScope::Anything,
            &|_| {},
        )
        .expect_err("bad");
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.contains("arguments of show"), "{}", e.message);
        let docs =
            dispatch("docs", &case, Value::Null, &PathScope::Anything, &|_| {}).expect("docs");
        assert_eq!(docs, serde_json::json!([]));
    }
}
