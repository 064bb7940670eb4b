//! `redact` and `redactions`: areas of a document's pages to burn out of produced pages, by
//! the words (`--quote`) or by a box (`--box x,y,w,h` in points from the page's top-left
//! corner), with a reason. An edit like a note: audited, undone by `undo`. The original is
//! never changed; `produce` applies them (`crates/produce/src/redact.rs`).

use dossier_store::{RedactionArea, RedactionRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiResult, CaseAt, ErrorCode, open_case};

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message)
}

/// `redact` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct RedactRequest {
    /// The document.
    pub doc: i64,
    /// The page, from 1.
    #[cfg_attr(feature = "cli", arg(long))]
    pub page: u32,
    /// The words to redact, as they read on the page.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long, conflicts_with = "area"))]
    pub quote: Option<String>,
    /// Or a box: left, top, width, height in points from the page's top-left corner.
    #[serde(default, rename = "box")]
    #[ts(as = "Option<_>", optional, rename = "box")]
    #[cfg_attr(
        feature = "cli",
        arg(long = "box", value_delimiter = ',', num_args = 1)
    )]
    pub area: Vec<f64>,
    /// Why: "Privileged", "PII".
    #[cfg_attr(feature = "cli", arg(long))]
    pub reason: String,
}

/// A redaction as listed.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RedactionView {
    /// Its id.
    pub id: i64,
    /// The document.
    pub doc: i64,
    /// The page, from 1.
    pub page: u32,
    /// The words redacted, for a redaction by quote.
    pub quote: Option<String>,
    /// The box (left, top, width, height in points), for a redaction by box.
    #[serde(rename = "box")]
    #[ts(rename = "box")]
    pub area: Option<Vec<f64>>,
    /// Why.
    pub reason: String,
    /// When it was made.
    pub created_at: String,
}

fn view(r: RedactionRecord) -> RedactionView {
    let (quote, area) = match r.area {
        RedactionArea::Quote(q) => (Some(q), None),
        RedactionArea::Box(b) => (None, Some(b.to_vec())),
    };
    RedactionView {
        id: r.id,
        doc: r.document,
        page: r.page,
        quote,
        area,
        reason: r.reason,
        created_at: r.created_at,
    }
}

/// Words compared as `produce` finds them on a page: lower case, punctuation around them
/// dropped.
fn comparable_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Records a redaction, checked against the document: the page exists, a quote is on it
/// (a PDF page) or in the text (any other document), a box is on a PDF page.
pub fn redact(path: &(impl CaseAt + ?Sized), request: &RedactRequest) -> ApiResult<RedactionView> {
    let reason = request.reason.trim();
    if reason.is_empty() {
        return Err(invalid("a redaction needs a reason (--reason Privileged)"));
    }
    let mut case = open_case(path)?;
    let doc = case.document(request.doc)?;
    let is_pdf = doc.media_type.as_deref() == Some("application/pdf") || doc.summary.kind == "pdf";
    let pages = doc.pages.len().max(1) as u32;
    if request.page == 0 || request.page > pages {
        return Err(invalid(format!(
            "document {} has {pages} page(s); there is no page {}",
            request.doc, request.page
        )));
    }
    let area = match (request.quote.as_deref(), request.area.as_slice()) {
        (Some(q), []) if !q.trim().is_empty() => {
            let text = doc
                .pages
                .iter()
                .find(|(n, _)| *n == request.page)
                .map(|(_, t)| t.clone())
                .or_else(|| doc.text.clone())
                .unwrap_or_default();
            let on_page = if is_pdf {
                let words = comparable_words(&text);
                let wanted = comparable_words(q);
                !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted)
            } else {
                text.contains(q)
            };
            if !on_page {
                return Err(invalid(format!(
                    "{q:?} is not on page {} of document {}",
                    request.page, request.doc
                )));
            }
            RedactionArea::Quote(q.to_owned())
        }
        (None, [x, y, w, h]) => {
            if !is_pdf {
                return Err(invalid(format!(
                    "document {} is not a PDF: redact its words with --quote",
                    request.doc
                )));
            }
            if [x, y, w, h].iter().any(|v| !v.is_finite() || **v < 0.0) || *w == 0.0 || *h == 0.0 {
                return Err(invalid(
                    "a box is left,top,width,height in points, none negative, with an area",
                ));
            }
            RedactionArea::Box([*x, *y, *w, *h])
        }
        _ => {
            return Err(invalid(
                "give the words (--quote \"…\") or a box (--box x,y,w,h), one of them",
            ));
        }
    };
    let change = case.begin_change()?;
    let id = change.add_redaction(request.doc, request.page, &area, reason)?;
    change.commit()?;
    case.redactions(Some(request.doc))?
        .into_iter()
        .find(|r| r.id == id)
        .map(view)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::Internal,
                format!("redaction {id} was not recorded"),
            )
        })
}

/// `redactions` arguments.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct RedactionsRequest {
    /// Only this document's.
    #[serde(default)]
    #[ts(optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub doc: Option<i64>,
}

/// The redactions in force (an undone one is left out).
pub fn redactions(
    path: &(impl CaseAt + ?Sized),
    request: &RedactionsRequest,
) -> ApiResult<Vec<RedactionView>> {
    let case = open_case(path)?;
    Ok(case
        .redactions(request.doc)?
        .into_iter()
        .map(view)
        .collect())
}
