//! `dossier thread`.

use dossier_api::{self as api, ApiError};

use crate::visible::line;
use crate::{Outcome, RequestArgs, print};

/// Runs `dossier thread`: the messages indented under the ones they answer.
pub fn thread(a: RequestArgs<api::ThreadRequest>) -> Result<Outcome, ApiError> {
    let out = api::thread(&a.case, &a.request)?;
    print(a.json, &out, || {
        let depth = |mut id: i64| {
            let mut d = 0;
            while let Some(p) = out
                .messages
                .iter()
                .find(|m| m.id == id)
                .and_then(|m| m.parent)
            {
                id = p;
                d += 1;
                if d > out.messages.len() {
                    break;
                }
            }
            d
        };
        out.messages
            .iter()
            .map(|m| {
                format!(
                    "{:>6}  {:<20}  {}{}  ({})\n",
                    m.id,
                    m.date.as_deref().map_or("-".into(), line),
                    "  ".repeat(depth(m.id)),
                    m.subject.as_deref().map_or("(no subject)".into(), line),
                    m.from.as_deref().map_or("unknown sender".into(), line)
                )
            })
            .collect()
    })
}
