//! `event import`: events, and the citations behind them, from a CSV file.
//!
//! The header row names the columns, in any order and any case:
//!
//! | column | meaning |
//! |---|---|
//! | `date` (required) | `2024`, `2024-08`, `2024-08-15`, `before D`, `after D`, `between D and D`, `D/D` |
//! | `title` or `fact` (required) | what happened, in a line |
//! | `end` | makes the date a range ending here |
//! | `description`, `status` | as for `event add` (status defaults to `alleged`) |
//! | `issues`, `actors`, `tags` | lists separated by `;` |
//! | `doc` | a document to cite: its SHA-256, or the path of its file (relative to the CSV file's folder), which is hashed to find the document |
//! | `page` | the page the quote is on (from 1); empty: the first page that has it |
//! | `quote` | the exact words cited; they must be on that page |
//! | `relation` | `supports` (default), `contradicts` or `context` |
//!
//! A row with a `doc` and neither date nor title adds another citation to the event of the
//! row above it. Every row is read and every citation is checked (through the same checks as
//! `cite`) before anything is written; then all events and citations are recorded in one
//! audited change, so a bad row leaves the case as it was and the error names the row.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use dossier_ingest::PathScope;
use dossier_store::{Case, ContentHash, EventState};
use dossier_timeline::{Hint, csv};

use crate::chronology::{
    CheckedCitation, EventAdd, EventImport, ImportOutput, check_citation, invalid, state_of,
};
use crate::{ApiError, ApiResult, ErrorCode};

/// One event of the file, with the citations its rows carry.
struct PlannedEvent {
    state: EventState,
    citations: Vec<(i64, CheckedCitation)>,
    /// The case already has this event (`skip_existing`).
    exists: bool,
}

/// The columns a header names; `None` for those it does not have.
struct Columns {
    date: usize,
    title: usize,
    end: Option<usize>,
    description: Option<usize>,
    status: Option<usize>,
    issues: Option<usize>,
    actors: Option<usize>,
    tags: Option<usize>,
    doc: Option<usize>,
    page: Option<usize>,
    quote: Option<usize>,
    relation: Option<usize>,
}

impl Columns {
    fn of(header: &[String], path: &Path) -> ApiResult<Columns> {
        let column = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let (Some(date), Some(title)) = (column(&["date"]), column(&["title", "fact"])) else {
            return Err(invalid(format!(
                "{}: the header must name a date column and a title (or fact) column",
                path.display()
            )));
        };
        let quote = column(&["quote"]);
        let doc = column(&["doc", "document"]);
        if quote.is_some() && doc.is_none() {
            return Err(invalid(format!(
                "{}: a quote column needs a doc column naming the document quoted",
                path.display()
            )));
        }
        Ok(Columns {
            date,
            title,
            end: column(&["end"]),
            description: column(&["description"]),
            status: column(&["status"]),
            issues: column(&["issues"]),
            actors: column(&["actors"]),
            tags: column(&["tags"]),
            doc,
            page: column(&["page"]),
            quote,
            relation: column(&["relation"]),
        })
    }
}

/// Reads every row first and creates nothing unless all are valid.
pub(crate) fn import(
    case: &mut Case,
    request: &EventImport,
    scope: &PathScope,
) -> ApiResult<ImportOutput> {
    let path = &scope.admit(&request.path)?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| ApiError::new(ErrorCode::Io, format!("{}: {e}", path.display())))?;
    let rows = csv::read(&text).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let Some((header, body)) = rows.split_first() else {
        return Err(invalid(format!("{}: the file is empty", path.display())));
    };
    let columns = Columns::of(header, path)?;
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let existing: HashSet<(String, String)> = if request.skip_existing {
        case.events()?
            .into_iter()
            .map(|e| (e.state.title, e.state.date))
            .collect()
    } else {
        HashSet::new()
    };
    let mut documents = DocumentFinder::new(base, scope);
    let mut planned: Vec<PlannedEvent> = Vec::new();
    for (i, row) in body.iter().enumerate() {
        let row_error =
            |message: &str| invalid(format!("{}: row {}: {message}", path.display(), i + 2));
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let list = |c: Option<usize>| {
            cell(c).map_or_else(Vec::new, |s| {
                s.split(';').map(|x| x.trim().to_owned()).collect()
            })
        };
        let (date, title, doc) = (
            cell(Some(columns.date)),
            cell(Some(columns.title)),
            cell(columns.doc),
        );
        if date.is_none() && title.is_none() && doc.is_some() {
            if planned.is_empty() {
                return Err(row_error(
                    "a citation row (no date, no title) must follow the row of its event",
                ));
            }
        } else {
            let add = EventAdd {
                title: title.unwrap_or_default(),
                date: date.unwrap_or_default(),
                end: cell(columns.end),
                status: cell(columns.status),
                description: cell(columns.description),
                issues: list(columns.issues),
                actors: list(columns.actors),
                tags: list(columns.tags),
            };
            let state = state_of(&add).map_err(|e| row_error(&e.message))?;
            let exists = existing.contains(&(state.title.clone(), state.date.clone()));
            planned.push(PlannedEvent {
                state,
                citations: Vec::new(),
                exists,
            });
        }
        let Some(doc) = doc else {
            if cell(columns.quote).is_some() || cell(columns.page).is_some() {
                return Err(row_error("a quote or page needs a doc naming the document"));
            }
            continue;
        };
        let event = planned.last_mut().expect("an event row came first");
        if event.exists {
            continue;
        }
        let id = documents
            .find(case, &doc)
            .map_err(|e| row_error(&format!("doc {doc:?}: {e}")))?;
        let page = cell(columns.page)
            .map(|p| {
                p.parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| row_error(&format!("page {p:?} is not a page number")))
            })
            .transpose()?;
        let checked = check_citation(
            case,
            id,
            page,
            cell(columns.quote).as_deref(),
            cell(columns.relation).as_deref(),
            Hint::default(),
        )
        .map_err(|e| row_error(&e.message))?;
        event.citations.push((id, checked));
    }
    let skipped = planned.iter().filter(|p| p.exists).count();
    let new: Vec<&PlannedEvent> = planned.iter().filter(|p| !p.exists).collect();
    if new.is_empty() {
        return Ok(ImportOutput {
            imported: 0,
            ids: Vec::new(),
            citations: 0,
            skipped,
        });
    }
    let change = case.begin_change()?;
    let mut ids = Vec::with_capacity(new.len());
    let mut citations = 0;
    for p in &new {
        let id = change.add_event(&p.state)?;
        for (doc, checked) in &p.citations {
            change.add_citation(&checked.for_event(id, *doc))?;
            citations += 1;
        }
        ids.push(id);
    }
    change.record(
        "event.import",
        "events",
        &format!(
            "imported {} events with {citations} citations from {}",
            ids.len(),
            path.display()
        ),
    )?;
    change.commit()?;
    Ok(ImportOutput {
        imported: ids.len(),
        ids,
        citations,
        skipped,
    })
}

/// Finds the document a `doc` cell names, remembering files already hashed; reads only the
/// files `scope` admits.
struct DocumentFinder<'s> {
    base: PathBuf,
    scope: &'s PathScope,
    found: HashMap<String, i64>,
}

impl<'s> DocumentFinder<'s> {
    fn new(base: PathBuf, scope: &'s PathScope) -> Self {
        DocumentFinder {
            base,
            scope,
            found: HashMap::new(),
        }
    }

    fn find(&mut self, case: &Case, reference: &str) -> Result<i64, String> {
        if let Some(id) = self.found.get(reference) {
            return Ok(*id);
        }
        let is_hash = reference.len() == 64 && reference.chars().all(|c| c.is_ascii_hexdigit());
        let hash = if is_hash {
            ContentHash::parse(&reference.to_ascii_lowercase()).map_err(|e| e.to_string())?
        } else {
            let file = self
                .scope
                .admit(&self.base.join(reference))
                .map_err(|refusal| refusal.to_string())?;
            let reader = std::fs::File::open(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            ContentHash::of_reader(std::io::BufReader::new(reader))
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?
                .0
        };
        let id = case
            .document_by_hash(&hash)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!("no document of the case has SHA-256 {hash} (ingest it first)")
            })?;
        self.found.insert(reference.to_owned(), id);
        Ok(id)
    }
}

#[cfg(test)]
mod tests {

    use serde_json::{Value, json};

    use crate::dispatch;

    fn run(case: &std::path::Path, command: &str, args: Value) -> Result<Value, crate::ApiError> {
        dispatch(
            command,
            &crate::Session::open(case),
            args,
            &dossier_ingest::PathScope::Anything,
            &|_| {},
        )
    }

    /// A case holding one memo, and the folder the CSV files go in.
    fn case_with_memo() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let case = dir.path().join("case");
        crate::init(&case).expect("init");
        std::fs::write(
            dir.path().join("memo.txt"),
            "The setting was switched on\nfor every member by default.\n",
        )
        .expect("write");
        run(
            &case,
            "ingest",
            json!({"paths": [dir.path().join("memo.txt")]}),
        )
        .expect("ingest");
        (dir, case)
    }

    #[test]
    fn rows_carry_citations_by_file_path_and_continuation_rows_add_more() {
        let (dir, case) = case_with_memo();
        let csv = dir.path().join("events.csv");
        std::fs::write(
            &csv,
            "date,title,doc,quote,relation\n\
             2024-08,Setting switched on,memo.txt,switched on for every member,supports\n\
             ,,memo.txt,by default,context\n\
             2025,Hearing,,,\n",
        )
        .expect("write");
        let out = run(&case, "event", json!({"action": "import", "path": csv})).expect("import");
        assert_eq!(out["imported"], 2);
        assert_eq!(out["citations"], 2);
        let timeline = run(&case, "timeline", json!({})).expect("timeline");
        let cited = &timeline[0]["citations"];
        assert_eq!(cited.as_array().map(Vec::len), Some(2));
        assert_eq!(cited[0]["verified"], true);
        assert_eq!(cited[1]["relation"], "context");
        assert_eq!(timeline[1]["status"], "prospective");
    }

    #[test]
    fn a_quote_that_is_not_there_names_the_row_and_imports_nothing() {
        let (dir, case) = case_with_memo();
        let csv = dir.path().join("events.csv");
        std::fs::write(
            &csv,
            "date,title,doc,quote\n2024-08,Fine,memo.txt,switched on\n2024-09,Wrong,memo.txt,switched off\n",
        )
        .expect("write");
        let audit_before = crate::audit(&case).expect("audit").len();
        let e = run(&case, "event", json!({"action": "import", "path": csv}))
            .expect_err("the second quote is not in the memo");
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.contains("row 3"), "{}", e.message);
        assert!(e.message.contains("the quote is not on"), "{}", e.message);
        let timeline = run(&case, "timeline", json!({})).expect("timeline");
        assert_eq!(timeline, json!([]));
        assert_eq!(crate::audit(&case).expect("audit").len(), audit_before);
    }

    #[test]
    fn a_quote_without_a_document_is_refused() {
        let (dir, case) = case_with_memo();
        let csv = dir.path().join("events.csv");
        std::fs::write(&csv, "date,title,doc,quote\n2024,X,,switched on\n").expect("write");
        let e = run(&case, "event", json!({"action": "import", "path": csv})).expect_err("no doc");
        assert!(e.message.contains("row 2"), "{}", e.message);
        assert!(e.message.contains("needs a doc"), "{}", e.message);
    }

    #[test]
    fn a_document_not_in_the_case_is_refused_by_name() {
        let (dir, case) = case_with_memo();
        std::fs::write(dir.path().join("other.txt"), "never ingested").expect("write");
        let csv = dir.path().join("events.csv");
        std::fs::write(&csv, "date,title,doc,quote\n2024,X,other.txt,never\n").expect("write");
        let e = run(&case, "event", json!({"action": "import", "path": csv})).expect_err("absent");
        assert!(e.message.contains("other.txt"), "{}", e.message);
        assert!(e.message.contains("ingest it first"), "{}", e.message);
    }

    #[test]
    fn importing_again_with_skip_existing_changes_nothing() {
        let (dir, case) = case_with_memo();
        let csv = dir.path().join("events.csv");
        std::fs::write(
            &csv,
            "date,title,doc,quote\n2024-08,Setting switched on,memo.txt,by default\n",
        )
        .expect("write");
        let args = json!({"action": "import", "path": csv, "skip_existing": true});
        assert_eq!(
            run(&case, "event", args.clone()).expect("first")["imported"],
            1
        );
        let audit_rows = crate::audit(&case).expect("audit").len();
        let again = run(&case, "event", args).expect("again");
        assert_eq!(again["imported"], 0);
        assert_eq!(again["skipped"], 1);
        assert_eq!(crate::audit(&case).expect("audit").len(), audit_rows);
    }
}
