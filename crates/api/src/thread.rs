//! `thread`: the email thread a message belongs to.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CaseAt;
use crate::{ApiError, ApiResult, ErrorCode, open_case};

/// Arguments of `thread`.
#[derive(Debug, Clone, Deserialize, TS)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
#[serde(deny_unknown_fields)]
pub struct ThreadRequest {
    /// Any message of the thread (a document id).
    pub doc: i64,
    /// Also join messages without References or In-Reply-To headers to the thread of a
    /// message with the same subject (Re:, Fwd:, AW: stripped). Off by default: a shared
    /// subject alone does not make a conversation.
    #[serde(default)]
    #[ts(as = "Option<_>", optional)]
    #[cfg_attr(feature = "cli", arg(long))]
    pub group_by_subject: bool,
}

/// One message of a thread.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ThreadMessageView {
    /// Document id.
    pub id: i64,
    /// The message it answers, if that message is in the case.
    pub parent: Option<i64>,
    /// Subject.
    pub subject: Option<String>,
    /// Sent date (UTC, ISO 8601).
    pub date: Option<String>,
    /// Sender, `Name <address>`.
    pub from: Option<String>,
}

/// `dossier thread` output.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ThreadOutput {
    /// The thread's first message.
    pub root: i64,
    /// Its messages, oldest first.
    pub messages: Vec<ThreadMessageView>,
}

/// The thread of an email document, threaded by Message-ID, References and In-Reply-To
/// (and by subject when asked).
pub fn thread(path: &(impl CaseAt + ?Sized), request: &ThreadRequest) -> ApiResult<ThreadOutput> {
    let case = open_case(path)?;
    let thread = case
        .email_thread(request.doc, request.group_by_subject)?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("document {} is not an email message", request.doc),
            )
        })?;
    Ok(ThreadOutput {
        root: thread.root,
        messages: thread
            .messages
            .into_iter()
            .map(|m| ThreadMessageView {
                id: m.id,
                parent: m.parent,
                subject: m.subject,
                date: m.date,
                from: m.from,
            })
            .collect(),
    })
}
