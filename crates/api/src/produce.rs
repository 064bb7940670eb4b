//! `produce`: a production folder from a set of documents (`IMAGES/` a stamped PDF per
//! document, `TEXT/`, `DATA/` with the Concordance DAT, the Opticon OPT and the privilege
//! log, `MANIFEST.sha256`), its Bates numbers recorded in the case so numbering continues;
//! and `verify_production`, which checks a folder against its manifest.
//!
//! The files are made by `dossier-produce` (no case there); this module chooses the
//! documents, numbers them, and records the production with its manifest's SHA-256 in the
//! audit log. Nothing in it reads a clock: the same selection and numbers give the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dossier_ingest::PathScope;
use dossier_produce::load_files::{self, OptDocument};
use dossier_produce::manifest::{self, FolderWriter};
use dossier_produce::redact::{self, Area, Redaction};
use dossier_produce::stamp::OriginalPdf;
use dossier_produce::text_pdf::TextLayout;
use dossier_produce::{ProduceError, StampPosition, bates, stamps};
use dossier_store::{
    ContentHash, DocumentRecord, NewProduction, ProducedDocument, RedactionArea, RedactionRecord,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiResult, CaseAt, DocsRequest, ErrorCode, Event, open_case};

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

fn produce_error(e: ProduceError) -> ApiError {
    let code = match e {
        ProduceError::Write { .. } => ErrorCode::Io,
        _ => ErrorCode::InvalidInput,
    };
    ApiError::new(code, e.to_string())
}

/// `produce` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ProduceRequest {
    /// The production folder to write: new, or empty.
    pub out: String,
    /// Bates prefix (letters, digits, `_`), e.g. ABC.
    #[cfg_attr(feature = "cli", arg(long))]
    pub prefix: String,
    /// First Bates number; after the last one given with this prefix without it.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub start: Option<u64>,
    /// Produce the standing exhibits, in exhibit order.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub exhibits: bool,
    /// Or the documents with this tag.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub tag: Option<String>,
    /// Or the documents this search finds.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub query: Option<String>,
    /// Or these documents, by id.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ','))]
    pub docs: Vec<i64>,
    /// Documents of the set with this tag are withheld: a slip-sheet takes their place and
    /// the privilege log lists them, the tag as the privilege claimed.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub withhold_tag: Option<String>,
    /// The legend stamped on every page (CONFIDENTIAL).
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub legend: Option<String>,
    /// Where the Bates number stands: bottom-right (default), bottom-left, top-right or
    /// top-left; the legend takes the other corner of that edge.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub stamp_position: Option<String>,
    /// Also copy the originals of spreadsheets into NATIVES/ (named by their first Bates
    /// number), as NATIVEPATH in the DAT.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub natives: bool,
}

/// What `produce` made.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProduceOutput {
    /// Documents in the production, withheld ones included.
    pub documents: u64,
    /// Pages produced, slip-sheets included.
    pub pages: u64,
    /// First Bates number.
    pub first: String,
    /// Last Bates number.
    pub last: String,
    /// Documents withheld (each a slip-sheet).
    pub withheld: u64,
    /// Files written, the manifest included.
    pub files: u64,
    /// SHA-256 of `MANIFEST.sha256`, as recorded in the audit log.
    pub manifest_sha256: String,
    /// Characters the standard fonts cannot draw, drawn as `?` on rendered pages (the
    /// TEXT files keep them).
    pub undrawable_characters: u64,
    /// Documents whose original PDF could not be stamped (encrypted, damaged) and were
    /// rendered from their text instead: `id: why`.
    pub rendered_from_text: Vec<String>,
}

/// A document of the production as it will be written.
struct Planned {
    record: DocumentRecord,
    withheld: bool,
    body: Body,
    first: u64,
    /// The document's text, with quote redactions applied when it is rendered from text.
    text: String,
    /// (page of the produced document or 0 for all its pages, reason, kind) per redaction.
    redactions: Vec<(u32, String, &'static str)>,
}

enum Body {
    /// A PDF stamped page by page.
    Pdf(Box<OriginalPdf>),
    /// Text laid out on pages (every other kind, a PDF that cannot be read, a slip-sheet).
    Text(TextLayout),
}

impl Body {
    fn pages(&self) -> u64 {
        match self {
            Body::Pdf(p) => p.pages(),
            Body::Text(t) => t.pages(),
        }
    }
}

/// Whose it was: the custodian of its first source.
fn custodian(r: &DocumentRecord) -> String {
    r.sources
        .iter()
        .find_map(|s| s.custodian.clone())
        .unwrap_or_default()
}

fn file_name(r: &DocumentRecord) -> String {
    r.sources
        .first()
        .map(|s| {
            let p = s.path.rsplit(['/', '\\']).next().unwrap_or(&s.path);
            p.to_owned()
        })
        .unwrap_or_default()
}

fn meta(r: &DocumentRecord, key: &str) -> String {
    if key == "subject" && !r.meta.contains_key("subject") && is_email(r) {
        // The email extractor keeps the subject as the document's title.
        return r.summary.title.clone().unwrap_or_default();
    }
    r.meta
        .get(key)
        .map(|v| v.lines().map(str::trim).collect::<Vec<_>>().join("; "))
        .unwrap_or_default()
}

fn is_email(r: &DocumentRecord) -> bool {
    r.summary.kind == "email" || r.meta.contains_key("from")
}

/// The header block a rendered document starts with: an email's own header fields, else
/// its title, date and file name.
fn heading(r: &DocumentRecord) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let fields: &[(&str, &str)] = if is_email(r) {
        &[
            ("From", "from"),
            ("To", "to"),
            ("Cc", "cc"),
            ("Date", "date"),
            ("Subject", "subject"),
        ]
    } else {
        &[]
    };
    for (name, key) in fields {
        let v = meta(r, key);
        if !v.is_empty() {
            out.push(((*name).to_owned(), v));
        }
    }
    if fields.is_empty() {
        if let Some(t) = r.summary.title.as_deref().filter(|t| !t.trim().is_empty()) {
            out.push(("Title".into(), t.trim().to_owned()));
        }
        if let Some(d) = r.summary.date.as_deref() {
            out.push(("Date".into(), d.to_owned()));
        }
        let name = file_name(r);
        if !name.is_empty() {
            out.push(("File".into(), name));
        }
    }
    out
}

/// The document's text, pages separated by form feeds.
fn body_text(r: &DocumentRecord) -> String {
    if !r.pages.is_empty() {
        return r
            .pages
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\u{c}");
    }
    r.text.clone().unwrap_or_default()
}

fn is_pdf(r: &DocumentRecord) -> bool {
    r.media_type.as_deref() == Some("application/pdf") || r.summary.kind == "pdf"
}

/// The documents chosen, in production order.
fn selection(path: &(impl CaseAt + ?Sized), request: &ProduceRequest) -> ApiResult<Vec<i64>> {
    let given = usize::from(request.exhibits)
        + usize::from(request.tag.is_some())
        + usize::from(request.query.is_some())
        + usize::from(!request.docs.is_empty());
    if given != 1 {
        return Err(invalid(
            "choose the documents one way: --exhibits, --tag T, --query Q or --docs 1,2,3",
        ));
    }
    let ids = if request.exhibits {
        let case = open_case(path)?;
        case.exhibits()?
            .into_iter()
            .filter(|x| x.withdrawn_at.is_none())
            .map(|x| x.document)
            .collect()
    } else if let Some(tag) = &request.tag {
        let mut ids = crate::documents::documents_matching(
            path,
            &DocsRequest {
                tag: Some(tag.clone()),
                ..Default::default()
            },
        )?;
        ids.sort_unstable();
        ids
    } else {
        crate::review::Selection {
            docs: &request.docs,
            query: request.query.as_deref(),
            search: None,
            matching: None,
        }
        .documents(path)?
    };
    if ids.is_empty() {
        return Err(invalid(
            "the selection holds no document; nothing to produce",
        ));
    }
    Ok(ids)
}

/// Produces the selected documents into `request.out` and records the production.
pub fn produce(
    path: &(impl CaseAt + ?Sized),
    request: &ProduceRequest,
    scope: &PathScope,
    events: &(dyn Fn(Event) + Sync),
) -> ApiResult<ProduceOutput> {
    let prefix = request.prefix.trim().to_ascii_uppercase();
    if prefix.is_empty()
        || prefix.len() > 12
        || !prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(invalid(format!(
            "Bates prefix {:?} must be 1 to 12 letters, digits or _",
            request.prefix
        )));
    }
    let out: PathBuf = scope.admit(Path::new(&request.out))?;
    if std::fs::read_dir(&out).is_ok_and(|mut d| d.next().is_some()) {
        return Err(ApiError::new(
            ErrorCode::AlreadyExists,
            format!("{} is not empty; produce into a new folder", out.display()),
        ));
    }
    let position = match request.stamp_position.as_deref() {
        None => StampPosition::default(),
        Some(p) => StampPosition::parse(p).ok_or_else(|| {
            invalid(format!(
                "stamp position {p:?}: give bottom-right, bottom-left, top-right or top-left"
            ))
        })?,
    };
    let legend = request
        .legend
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let ids = selection(path, request)?;
    let withheld: BTreeSet<i64> = match request.withhold_tag.as_deref() {
        Some(tag) if !tag.trim().is_empty() => crate::documents::documents_matching(
            path,
            &DocsRequest {
                tag: Some(tag.trim().to_owned()),
                ..Default::default()
            },
        )?
        .into_iter()
        .collect(),
        _ => BTreeSet::new(),
    };
    let privilege = request.withhold_tag.as_deref().unwrap_or("").trim();

    let mut case = open_case(path)?;
    // Two productions at once would both number from the same last number: the second
    // waits for the first to be recorded, as a second ingest does.
    let _lock = case.writer_lock()?;
    let start = match request.start {
        Some(0) => return Err(invalid("--start must be 1 or more")),
        Some(n) => n,
        None => case.next_bates_number(&prefix)?,
    };

    // Plan: read every document and count its pages, so each gets its numbers.
    let mut planned = Vec::with_capacity(ids.len());
    let mut rendered_from_text = Vec::new();
    let mut all_redactions: BTreeMap<i64, Vec<RedactionRecord>> = BTreeMap::new();
    for r in case.redactions(None)? {
        all_redactions.entry(r.document).or_default().push(r);
    }
    let mut next = start;
    for &id in &ids {
        let record = case.document(id)?;
        let is_withheld = withheld.contains(&id);
        let redactions = all_redactions.remove(&id).unwrap_or_default();
        let mut redacted_pages = BTreeMap::new();
        let mut redaction_rows = Vec::new();
        let mut text = body_text(&record);
        let mut head = heading(&record);
        let body = if is_withheld {
            Body::Text(TextLayout::slip_sheet(
                &format!("Withheld – {privilege}"),
                &[format!(
                    "Document withheld from this production; see the privilege log ({}).",
                    bates(&prefix, next)
                )],
            ))
        } else {
            let hash = ContentHash::parse(&record.summary.sha256)?;
            let pdf = if is_pdf(&record) {
                let bytes = case.objects().read(&hash)?;
                match OriginalPdf::load(&bytes) {
                    Ok(pdf) => Some(pdf),
                    Err(e) => {
                        rendered_from_text.push(format!("{id}: {e}"));
                        head.push(("Note".into(), format!("rendered from its text: {e}")));
                        None
                    }
                }
            } else {
                None
            };
            match pdf {
                Some(mut pdf) => {
                    let mut by_page: BTreeMap<u32, Vec<Redaction>> = BTreeMap::new();
                    for r in &redactions {
                        let area = match &r.area {
                            RedactionArea::Quote(q) => Area::Quote(q.clone()),
                            RedactionArea::Box(b) => {
                                Area::Box([b[0] as f32, b[1] as f32, b[2] as f32, b[3] as f32])
                            }
                        };
                        by_page.entry(r.page).or_default().push(Redaction {
                            area,
                            reason: r.reason.clone(),
                        });
                        redaction_rows.push((r.page, r.reason.clone(), kind_of(&r.area)));
                    }
                    let file = case.objects().path_of(&hash);
                    for (page, list) in by_page {
                        let burned = redact::redact_page(&file, page, &list).map_err(|e| {
                            invalid(format!("document {id}: {e}; nothing was produced"))
                        })?;
                        pdf.redact(page as usize - 1, &burned)
                            .map_err(produce_error)?;
                        redacted_pages.insert(page, burned.text());
                    }
                    Body::Pdf(Box::new(pdf))
                }
                None => {
                    for r in &redactions {
                        let RedactionArea::Quote(q) = &r.area else {
                            return Err(invalid(format!(
                                "document {id}: redaction {} is a box, and this document is \
                                 rendered from its text; redact its words with --quote",
                                r.id
                            )));
                        };
                        let burned = format!("[REDACTED: {}]", r.reason);
                        let found = text.contains(q.as_str())
                            || head.iter().any(|(_, v)| v.contains(q.as_str()));
                        if !found {
                            return Err(invalid(format!(
                                "document {id}: the redaction {q:?} is not in its text; \
                                 nothing was produced"
                            )));
                        }
                        text = text.replace(q.as_str(), &burned);
                        for (_, v) in &mut head {
                            *v = v.replace(q.as_str(), &burned);
                        }
                        redaction_rows.push((0, r.reason.clone(), "quote"));
                    }
                    Body::Text(TextLayout::new(&head, &text))
                }
            }
        };
        if !is_withheld && matches!(body, Body::Text(_)) {
            // The TEXT file of a rendered document: its heading, then its body.
            let mut t: String = head.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            if !t.is_empty() {
                t.push('\n');
            }
            t.push_str(&text);
            text = t;
        }
        if matches!(body, Body::Pdf(_)) && !redacted_pages.is_empty() {
            let pages: Vec<String> = if record.pages.is_empty() {
                vec![text.clone()]
            } else {
                record.pages.iter().map(|(_, t)| t.clone()).collect()
            };
            text = pages
                .into_iter()
                .enumerate()
                .map(|(i, t)| redacted_pages.get(&(i as u32 + 1)).cloned().unwrap_or(t))
                .collect::<Vec<_>>()
                .join("\u{c}");
        }
        let first = next;
        next += body.pages();
        planned.push(Planned {
            record,
            withheld: is_withheld,
            body,
            first,
            text,
            redactions: redaction_rows,
        });
    }
    let last = next - 1;
    let ranges: Vec<ProducedDocument> = planned
        .iter()
        .map(|p| ProducedDocument {
            document: p.record.summary.id,
            first: p.first,
            last: p.first + p.body.pages() - 1,
            withheld: p.withheld,
        })
        .collect();
    for earlier in case.produced_between(&prefix, start, last)? {
        if !ranges.contains(&earlier.range) {
            let r = &earlier.range;
            return Err(invalid(format!(
                "{}-{} were given to document {} in production {} ({}); start at {} (the \
                 next free number of {prefix}) or produce that same selection again",
                bates(&prefix, r.first),
                bates(&prefix, r.last),
                r.document,
                earlier.production,
                earlier.produced_at,
                case.next_bates_number(&prefix)?
            )));
        }
    }

    // Write.
    let mut folder = FolderWriter::new(&out).map_err(produce_error)?;
    let total = planned.len() as u64;
    let mut undrawable = 0;
    let mut dat_rows = Vec::with_capacity(planned.len());
    let mut opt_docs = Vec::with_capacity(planned.len());
    let mut privilege_rows = Vec::new();
    let mut redaction_rows = Vec::new();
    let family = families(&planned);
    for (i, (p, range)) in planned.into_iter().zip(&ranges).enumerate() {
        let pages = range.last - range.first + 1;
        let begin = bates(&prefix, range.first);
        let page_stamps = stamps(&prefix, range.first, pages, legend, position);
        let seed = format!(
            "{}|{prefix}|{}|{}|{}|{position:?}",
            p.record.summary.sha256,
            range.first,
            legend.unwrap_or(""),
            p.withheld
        );
        let image = format!("IMAGES/{begin}.pdf");
        let text_path = format!("TEXT/{begin}.txt");
        let pdf = match p.body {
            Body::Pdf(pdf) => pdf
                .stamp(&page_stamps, seed.as_bytes())
                .map_err(produce_error)?,
            Body::Text(layout) => {
                let (bytes, missing) = layout
                    .write(&page_stamps, seed.as_bytes())
                    .map_err(produce_error)?;
                undrawable += missing;
                bytes
            }
        };
        let text = if p.withheld {
            format!("Withheld – {privilege}\n")
        } else {
            p.text
        };
        for (page, reason, kind) in &p.redactions {
            let at = if *page == 0 {
                format!("{begin}-{}", bates(&prefix, range.last))
            } else {
                bates(&prefix, range.first + u64::from(*page) - 1)
            };
            redaction_rows.push(vec![
                at,
                begin.clone(),
                page.to_string(),
                reason.clone(),
                (*kind).to_owned(),
            ]);
        }
        folder.write(&image, &pdf).map_err(produce_error)?;
        folder
            .write(&text_path, text.as_bytes())
            .map_err(produce_error)?;
        let r = &p.record;
        let native = if request.natives && !p.withheld && r.summary.kind == "spreadsheet" {
            let name = file_name(r);
            let extension = name
                .rsplit_once('.')
                .map(|(_, e)| format!(".{}", e.to_ascii_lowercase()))
                .filter(|e| e.len() <= 6 && e[1..].chars().all(|c| c.is_ascii_alphanumeric()))
                .unwrap_or_default();
            let path = format!("NATIVES/{begin}{extension}");
            let bytes = case
                .objects()
                .read(&ContentHash::parse(&r.summary.sha256)?)?;
            folder.write(&path, &bytes).map_err(produce_error)?;
            path.replace('/', "\\")
        } else {
            String::new()
        };
        let (fam_first, fam_last) = family[i];
        let withheld_blank = |s: String| if p.withheld { String::new() } else { s };
        dat_rows.push([
            begin.clone(),
            bates(&prefix, range.last),
            bates(&prefix, fam_first),
            bates(&prefix, fam_last),
            custodian(r),
            r.summary.date.clone().unwrap_or_default(),
            withheld_blank(meta(r, "from")),
            withheld_blank(meta(r, "to")),
            withheld_blank(meta(r, "cc")),
            withheld_blank(meta(r, "subject")),
            withheld_blank(file_name(r)),
            withheld_blank(r.summary.sha256.clone()),
            text_path.replace('/', "\\"),
            native,
        ]);
        opt_docs.push(OptDocument {
            pages: (range.first..=range.last)
                .map(|n| bates(&prefix, n))
                .collect(),
            image: image.replace('/', "\\"),
        });
        if p.withheld {
            let author = if r.meta.contains_key("from") {
                meta(r, "from")
            } else {
                r.authors.join("; ")
            };
            let recipients = [meta(r, "to"), meta(r, "cc")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            let description = match r.summary.title.as_deref() {
                Some(t) if !t.trim().is_empty() => format!("{} “{}”", r.summary.kind, t.trim()),
                _ => r.summary.kind.clone(),
            };
            privilege_rows.push(vec![
                begin.clone(),
                r.summary.date.clone().unwrap_or_default(),
                author,
                recipients,
                privilege.to_owned(),
                description,
            ]);
        }
        events(Event::Progress {
            phase: "produce".into(),
            done: i as u64 + 1,
            total,
            item: Some(begin),
        });
    }
    let volume = bates(&prefix, start);
    folder
        .write("DATA/production.dat", &load_files::dat(&dat_rows))
        .map_err(produce_error)?;
    folder
        .write("DATA/production.opt", &load_files::opt(&volume, &opt_docs))
        .map_err(produce_error)?;
    if !privilege_rows.is_empty() {
        folder
            .write(
                "DATA/privilege_log.csv",
                &load_files::csv(
                    &[
                        "BATES",
                        "DATE",
                        "AUTHOR",
                        "RECIPIENTS",
                        "PRIVILEGE",
                        "DESCRIPTION",
                    ],
                    &privilege_rows,
                ),
            )
            .map_err(produce_error)?;
    }
    if !redaction_rows.is_empty() {
        folder
            .write(
                "DATA/redaction_log.csv",
                &load_files::csv(
                    &["BATES", "BEGBATES", "PAGE", "REASON", "KIND"],
                    &redaction_rows,
                ),
            )
            .map_err(produce_error)?;
    }
    let files = folder.files() as u64 + 1;
    let manifest_sha256 = folder.finish().map_err(produce_error)?;

    let withheld_count = ranges.iter().filter(|r| r.withheld).count() as u64;
    let change = case.begin_change()?;
    change.record_production(&NewProduction {
        prefix: prefix.clone(),
        first: start,
        last,
        pages: last - start + 1,
        legend: legend.map(str::to_owned),
        manifest_sha256: manifest_sha256.clone(),
        documents: ranges.clone(),
    })?;
    change.commit()?;
    Ok(ProduceOutput {
        documents: ranges.len() as u64,
        pages: last - start + 1,
        first: bates(&prefix, start),
        last: bates(&prefix, last),
        withheld: withheld_count,
        files,
        manifest_sha256,
        undrawable_characters: undrawable,
        rendered_from_text,
    })
}

fn kind_of(area: &RedactionArea) -> &'static str {
    match area {
        RedactionArea::Quote(_) => "quote",
        RedactionArea::Box(_) => "box",
    }
}

/// Each document's family range (BEGATTACH, ENDATTACH): a document and the documents
/// extracted from it (attachments, a message's parts) that are in the production, from
/// the top one's first number to the last one's last.
fn families(planned: &[Planned]) -> Vec<(u64, u64)> {
    use std::collections::BTreeMap;
    let by_id: BTreeMap<i64, usize> = planned
        .iter()
        .enumerate()
        .map(|(i, p)| (p.record.summary.id, i))
        .collect();
    let root_of = |mut i: usize| {
        for _ in 0..64 {
            match planned[i].record.summary.parent.and_then(|p| by_id.get(&p)) {
                Some(&up) => i = up,
                None => break,
            }
        }
        i
    };
    let mut span: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    let roots: Vec<usize> = (0..planned.len()).map(root_of).collect();
    for (i, p) in planned.iter().enumerate() {
        let last = p.first + p.body.pages() - 1;
        let e = span.entry(roots[i]).or_insert((p.first, last));
        e.0 = e.0.min(p.first);
        e.1 = e.1.max(last);
    }
    roots.iter().map(|r| span[r]).collect()
}

/// `verify_production` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct VerifyProductionRequest {
    /// The production folder.
    pub out: String,
}

/// What `verify_production` found.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerifyProductionOutput {
    /// True when every file matches the manifest and nothing else is there.
    pub ok: bool,
    /// Files the manifest lists.
    pub files: u64,
    /// Each file missing, changed or not listed, with why.
    pub problems: Vec<String>,
}

/// Checks a production folder against its `MANIFEST.sha256` (no case needed).
pub fn verify_production(
    request: &VerifyProductionRequest,
    scope: &PathScope,
) -> ApiResult<VerifyProductionOutput> {
    let out = scope.admit(Path::new(&request.out))?;
    let found = manifest::verify(&out).map_err(produce_error)?;
    Ok(VerifyProductionOutput {
        ok: found.problems.is_empty(),
        files: found.files,
        problems: found.problems,
    })
}
