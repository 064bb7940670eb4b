//! The audit log in words: "Cited “Complaint”, p. 5, for “Setting switched on by default”"
//! rather than `citation.add citation:26`, for the case home's "Recent activity" and
//! `dossier audit`. Built from a row's action, target and detail, and the titles of the
//! documents and events it names; the raw fields stay beside it.

use std::collections::HashMap;

use dossier_store::Case;

/// A citation as the wording needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cited {
    pub event: i64,
    pub document: i64,
    pub page: Option<u32>,
}

/// Where the wording finds the titles of what a row names. `None`: not found (deleted, or
/// a test that does not know it); the wording then names it by number.
pub(crate) trait Titles {
    fn document(&mut self, id: i64) -> Option<String>;
    fn event(&mut self, id: i64) -> Option<String>;
    fn citation(&mut self, id: i64) -> Option<Cited>;
}

/// Titles read from the case, each looked up once.
pub(crate) struct CaseTitles<'c> {
    case: &'c Case,
    documents: HashMap<i64, Option<String>>,
    events: HashMap<i64, Option<String>>,
}

impl<'c> CaseTitles<'c> {
    pub(crate) fn new(case: &'c Case) -> Self {
        Self {
            case,
            documents: HashMap::new(),
            events: HashMap::new(),
        }
    }
}

impl Titles for CaseTitles<'_> {
    fn document(&mut self, id: i64) -> Option<String> {
        let case = self.case;
        self.documents
            .entry(id)
            .or_insert_with(|| case.document(id).ok().and_then(|d| d.summary.title))
            .clone()
    }

    fn event(&mut self, id: i64) -> Option<String> {
        let case = self.case;
        self.events
            .entry(id)
            .or_insert_with(|| case.event(id).ok().map(|e| e.state.title))
            .clone()
    }

    fn citation(&mut self, id: i64) -> Option<Cited> {
        self.case.citation(id).ok().map(|c| Cited {
            event: c.event,
            document: c.document,
            page: c.page,
        })
    }
}

/// The number in a target such as `document:12`.
fn number(target: &str, kind: &str) -> Option<i64> {
    target.strip_prefix(kind)?.strip_prefix(':')?.parse().ok()
}

/// "the event “TITLE”", or "event N" when it has no title to show.
fn the_event(titles: &mut dyn Titles, id: i64) -> String {
    match titles.event(id) {
        Some(title) if !title.trim().is_empty() => format!("the event “{}”", title.trim()),
        _ => format!("event {id}"),
    }
}

fn document_named(titles: &mut dyn Titles, id: i64) -> String {
    match titles.document(id) {
        Some(title) if !title.trim().is_empty() => format!("“{}”", title.trim()),
        _ => format!("document {id}"),
    }
}

fn event_named(titles: &mut dyn Titles, id: i64) -> String {
    match titles.event(id) {
        Some(title) if !title.trim().is_empty() => format!("“{}”", title.trim()),
        _ => format!("event {id}"),
    }
}

/// The last component of a path as recorded in a detail (`…/mail.mbox#offset=2#attachment=1/a.pdf`).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// One audit row in words.
pub(crate) fn describe(
    action: &str,
    target: &str,
    detail: &str,
    titles: &mut dyn Titles,
) -> String {
    let doc = number(target, "document");
    match (action, doc) {
        ("case.init", _) => "Created the case".into(),
        ("case.name", _) => format!("Named the case “{detail}”"),
        ("case.migrate", _) => format!(
            "Updated the case to the current format ({})",
            detail.strip_prefix("applied ").unwrap_or(detail)
        ),
        ("ingest.start", _) => "Started an ingest".into(),
        ("ingest.finish", _) => ingest_finished(detail),
        ("ingest.failed", _) => format!("Could not ingest {detail}"),
        ("document.add", Some(id)) => {
            // "KIND SHA256 (N bytes, STATUS) from PATH"
            let kind = detail.split_whitespace().next().unwrap_or("document");
            match detail.rsplit_once(" from ") {
                Some((_, path)) => format!("Added {kind} {} as document {id}", file_name(path)),
                None => format!("Added {kind} document {id}"),
            }
        }
        ("document.source", Some(id)) => format!(
            "Found {} again at {}",
            document_named(titles, id),
            detail.strip_prefix("also found at ").unwrap_or(detail)
        ),
        ("document.tag", Some(id)) => format!("Tagged document {id} {detail}"),
        ("document.untag", Some(id)) => format!("Removed the tag {detail} from document {id}"),
        ("document.review", Some(id)) => {
            format!(
                "Marked {} {}",
                document_named(titles, id),
                review_words(detail)
            )
        }
        ("chronology.baseline", _) => {
            "Recorded the state of a chronology row when the case was upgraded".into()
        }
        ("document.reextract", Some(id)) => {
            format!("Extracted the text of {} again", document_named(titles, id))
        }
        ("document.policy", Some(id)) => {
            format!(
                "Recorded {} as a policy capture",
                document_named(titles, id)
            )
        }
        ("exhibit.add", Some(id)) => {
            // "exhibit PX-0001, Bates …"
            let exhibit = detail
                .strip_prefix("exhibit ")
                .and_then(|d| d.split(',').next())
                .unwrap_or(detail);
            format!("Made {} exhibit {exhibit}", document_named(titles, id))
        }
        ("exhibit.withdraw", _) => format!("Withdrew {}", detail.trim_end_matches(" withdrawn")),
        ("exhibit.reinstate", _) => {
            format!("Reinstated {}", detail.trim_end_matches(" reinstated"))
        }
        ("citation.add", _) => match number(target, "citation").and_then(|c| titles.citation(c)) {
            Some(c) => {
                let page = c.page.map(|p| format!(", p. {p},")).unwrap_or_default();
                let event = event_named(titles, c.event);
                format!(
                    "Cited {}{page} for {event}",
                    document_named(titles, c.document)
                )
            }
            None => format!("Added a citation: {detail}"),
        },
        ("citation.withdraw" | "citation.reinstate", _) => {
            let verb = if action.ends_with("withdraw") {
                "Withdrew"
            } else {
                "Reinstated"
            };
            match number(target, "citation").and_then(|c| titles.citation(c)) {
                Some(c) => format!(
                    "{verb} the citation of {} for {}",
                    document_named(titles, c.document),
                    event_named(titles, c.event)
                ),
                None => format!("{verb} {target}"),
            }
        }
        ("event.add", _) => {
            // "DATE STATUS: TITLE"
            let title = detail.split_once(": ").map_or(detail, |(_, t)| t);
            format!("Added the event “{title}”")
        }
        ("event.edit" | "event.delete" | "event.undo", _) => {
            let verb = match action {
                "event.edit" => "Edited",
                "event.delete" => "Deleted",
                _ => "Undid the last change to",
            };
            match number(target, "event") {
                Some(id) => format!("{verb} {}", the_event(titles, id)),
                None => format!("{verb} {target}"),
            }
        }
        ("event.import", _) => format!(
            "Imported {}",
            detail.strip_prefix("imported ").unwrap_or(detail)
        ),
        ("note.add", _) => {
            // "document N at \"QUOTE\": BODY"
            let on = detail
                .strip_prefix("document ")
                .and_then(|d| d.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .map(|id| document_named(titles, id));
            let body = detail.rsplit_once("\": ").map(|(_, b)| b);
            match (on, body) {
                (Some(on), Some(body)) => format!("Noted on {on}: {body}"),
                _ => format!("Added a note: {detail}"),
            }
        }
        ("note.delete", _) => format!("Deleted {}", target.replace(':', " ")),
        ("note.restore", _) => format!("Restored {}", target.replace(':', " ")),
        ("saved_search.add" | "saved_search.replace" | "saved_search.delete", _) => {
            let name = detail.split_once(": ").map_or(detail, |(n, _)| n);
            match action {
                "saved_search.add" => format!("Saved the search {name}"),
                "saved_search.replace" => format!("Changed the saved search {name}"),
                _ => format!("Deleted the saved search {name}"),
            }
        }
        ("series.create", _) => format!("Created the {detail}"),
        ("series.capture", _) => {
            // "document:N captured DATE[ from URL]"
            let (doc, rest) = detail.split_once(" captured ").unwrap_or((detail, ""));
            let captured = rest.split(" from ").next().unwrap_or(rest);
            match number(doc, "document") {
                Some(id) => format!(
                    "Added {} to its policy series, captured {captured}",
                    document_named(titles, id)
                ),
                None => format!("Added a capture to a policy series: {detail}"),
            }
        }
        ("series.url", _) => format!("Set the address of the series {detail}"),
        ("production.add", _) => format!("Produced {detail}"),
        ("redaction.add", _) => format!("Redacted {detail}"),
        ("redaction.delete", _) => format!("Deleted {}", target.replace(':', " ")),
        ("redaction.restore", _) => format!("Restored {}", target.replace(':', " ")),
        ("case.undo", _) => format!("Undid an edit ({detail})"),
        ("case.redo", _) => format!("Redid an edit ({detail})"),
        // An action this wording does not know yet: said without its internal name (the
        // record stays in `action` and `target`).
        _ => format!("Changed {}", target.replace(':', " ")),
    }
}

/// A review status as the words after "Marked …": "as reviewed", "for a second look".
pub(crate) fn review_words(status: &str) -> String {
    match status {
        "reviewed" => "as reviewed".into(),
        "second_look" => "for a second look".into(),
        "unreviewed" => "as unreviewed".into(),
        other => format!("as {}", other.replace('_', " ")),
    }
}

/// "added 13, duplicates 1, failed 0, skipped 2" in words.
fn ingest_finished(detail: &str) -> String {
    let count = |name: &str| -> Option<u64> {
        detail.split(", ").find_map(|part| {
            let (key, n) = part.trim().split_once(' ')?;
            (key == name).then(|| n.parse().ok()).flatten()
        })
    };
    let Some(added) = count("added") else {
        return format!("Finished an ingest: {detail}");
    };
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut text = format!(
        "Ingested {}",
        plural(added, "new document", "new documents")
    );
    for (name, one, many) in [
        ("duplicates", "already in the case", "already in the case"),
        ("failed", "failed", "failed"),
        ("skipped", "skipped", "skipped"),
    ] {
        if let Some(n) = count(name).filter(|n| *n > 0) {
            text += &format!(", {n} {}", if n == 1 { one } else { many });
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The titles of a small matter, as the case would give them.
    struct Matter;

    impl Titles for Matter {
        fn document(&mut self, id: i64) -> Option<String> {
            (id == 4).then(|| "Complaint".to_owned())
        }
        fn event(&mut self, id: i64) -> Option<String> {
            (id == 2).then(|| "Setting switched on by default".to_owned())
        }
        fn citation(&mut self, id: i64) -> Option<Cited> {
            (id == 26).then_some(Cited {
                event: 2,
                document: 4,
                page: Some(5),
            })
        }
    }

    fn words(action: &str, target: &str, detail: &str) -> String {
        describe(action, target, detail, &mut Matter)
    }

    #[test]
    fn a_citation_names_the_document_page_and_event_by_their_titles() {
        assert_eq!(
            words(
                "citation.add",
                "citation:26",
                "event 2 supports document 4 p. 5 (sha256 ab): \"q\""
            ),
            "Cited “Complaint”, p. 5, for “Setting switched on by default”"
        );
        assert_eq!(
            words("citation.withdraw", "citation:26", ""),
            "Withdrew the citation of “Complaint” for “Setting switched on by default”"
        );
    }

    #[test]
    fn an_ingest_says_how_many_files_came_in_and_only_the_nonzero_rest() {
        assert_eq!(
            words(
                "ingest.finish",
                "ingest:1",
                "added 18, duplicates 0, failed 0, skipped 0"
            ),
            "Ingested 18 new documents"
        );
        assert_eq!(
            words(
                "ingest.finish",
                "ingest:2",
                "added 1, duplicates 2, failed 1, skipped 3"
            ),
            "Ingested 1 new document, 2 already in the case, 1 failed, 3 skipped"
        );
    }

    #[test]
    fn document_rows_name_the_file_the_tag_and_the_exhibit() {
        assert_eq!(
            words(
                "document.add",
                "document:7",
                "email 0123 (2640 bytes, ok) from /evidence/mail.mbox#offset=0#attachment=1/complaint.pdf"
            ),
            "Added email complaint.pdf as document 7"
        );
        assert_eq!(
            words("document.tag", "document:9", "hot, privileged"),
            "Tagged document 9 hot, privileged"
        );
        assert_eq!(
            words("document.untag", "document:9", "hot"),
            "Removed the tag hot from document 9"
        );
        assert_eq!(
            words(
                "exhibit.add",
                "document:4",
                "exhibit PX-0003, Bates DOS000010-DOS000012"
            ),
            "Made “Complaint” exhibit PX-0003"
        );
        assert_eq!(
            words(
                "exhibit.withdraw",
                "document:4",
                "exhibit PX-0003 withdrawn"
            ),
            "Withdrew exhibit PX-0003"
        );
    }

    #[test]
    fn events_notes_and_saved_searches_are_named_by_what_the_user_typed() {
        assert_eq!(
            words(
                "event.add",
                "event:2",
                "2024-08-12 alleged: Setting switched on by default"
            ),
            "Added the event “Setting switched on by default”"
        );
        assert_eq!(
            words("event.edit", "event:2", ""),
            "Edited the event “Setting switched on by default”"
        );
        assert_eq!(words("event.delete", "event:9", ""), "Deleted event 9");
        assert_eq!(
            words(
                "note.add",
                "note:1",
                "document 4 at \"switched on\": check the date"
            ),
            "Noted on “Complaint”: check the date"
        );
        assert_eq!(
            words(
                "saved_search.add",
                "saved_search:1",
                "\"hot mail\": {\"query\":\"x\"}"
            ),
            "Saved the search \"hot mail\""
        );
    }

    #[test]
    fn the_case_itself_and_unknown_actions_still_read() {
        assert_eq!(
            words("case.init", "case", "created case /x"),
            "Created the case"
        );
        assert_eq!(
            words("case.name", "case", "Smith v. Acme"),
            "Named the case “Smith v. Acme”"
        );
        assert_eq!(
            words("something.new", "thing:1", "why"),
            "Changed thing 1",
            "an action not known yet is said without its internal name"
        );
        assert_eq!(
            words("document.review", "document:4", "second_look"),
            "Marked “Complaint” for a second look"
        );
        assert_eq!(
            words(
                "series.capture",
                "series:1",
                "document:4 captured 2024-08-20 from https://example.com/privacy"
            ),
            "Added “Complaint” to its policy series, captured 2024-08-20"
        );
    }
}
