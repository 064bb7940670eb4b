//! Builds the sample mailbox from committed message sources.
//!
//! Each source is an RFC 5322 message written by hand (headers, a blank line, a plain-text
//! body), with one extra pseudo-header: `Attach: NAME` names a file the maker has already
//! produced (a filing PDF), which is attached as base64 in a `multipart/mixed` message. The
//! threading headers (`Message-ID`, `In-Reply-To`, `References`) are kept as written.
//! Messages are joined in file-name order into an mboxrd file: each starts with a `From `
//! separator line derived from its `From:` and `Date:`, and body lines that begin with
//! `From ` (after any `>`s) get one more `>`.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;

use crate::MakerError;

/// The MIME boundary of attachment messages: fixed, so the output never varies.
const BOUNDARY: &str = "dossier-sample-boundary-7f3a";

/// Builds one message from its source; `attachments` maps file names to bytes.
pub fn message(
    path: &Path,
    source: &str,
    attachments: &BTreeMap<String, Vec<u8>>,
) -> Result<(String, String), MakerError> {
    let bad = |reason: String| MakerError::Source {
        path: path.to_owned(),
        line: 1,
        reason,
    };
    let Some((head, body)) = source.split_once("\n\n") else {
        return Err(bad("no blank line between the headers and the body".into()));
    };
    let mut headers = Vec::new();
    let mut attach = None;
    let (mut from, mut date) = (None, None);
    for line in head.lines() {
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad(format!("{line:?} is not a header")));
        };
        match name {
            "Attach" => attach = Some(value.trim().to_owned()),
            _ => {
                if name == "From" {
                    from = Some(address(value));
                }
                if name == "Date" {
                    date = Some(value.trim().to_owned());
                }
                headers.push(line.to_owned());
            }
        }
    }
    let from = from.ok_or_else(|| bad("no From: header".into()))?;
    let date = date.ok_or_else(|| bad("no Date: header".into()))?;
    if !headers.iter().any(|h| h.starts_with("Message-ID:")) {
        return Err(bad("no Message-ID: header".into()));
    }
    let separator = format!("From {from} {}", asctime(&date).map_err(bad)?);
    let mut out = headers.join("\n");
    out += "\nMIME-Version: 1.0\n";
    match attach {
        None => {
            out += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n";
            out += body;
        }
        Some(name) => {
            let bytes = attachments
                .get(&name)
                .ok_or_else(|| bad(format!("Attach: {name}: the maker made no such file")))?;
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            out += &format!("Content-Type: multipart/mixed; boundary=\"{BOUNDARY}\"\n\n");
            out += "This is a multi-part message in MIME format.\n\n";
            out += &format!("--{BOUNDARY}\n");
            out += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n";
            out += body;
            if !body.ends_with('\n') {
                out.push('\n');
            }
            out += &format!("\n--{BOUNDARY}\n");
            out += &format!(
                "Content-Type: application/pdf; name=\"{name}\"\nContent-Disposition: attachment; filename=\"{name}\"\nContent-Transfer-Encoding: base64\n\n"
            );
            for chunk in encoded.as_bytes().chunks(76) {
                out += std::str::from_utf8(chunk).expect("base64 is ASCII");
                out.push('\n');
            }
            out += &format!("--{BOUNDARY}--\n");
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok((separator, out))
}

/// Joins messages into mboxrd text.
pub fn mbox(messages: &[(String, String)]) -> String {
    let mut out = String::new();
    for (separator, message) in messages {
        out += separator;
        out.push('\n');
        for line in message.lines() {
            if line.trim_start_matches('>').starts_with("From ") {
                out.push('>');
            }
            out += line;
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// The bare address of a `Name <addr>` header value.
fn address(value: &str) -> String {
    match (value.find('<'), value.rfind('>')) {
        (Some(a), Some(b)) if a < b => value[a + 1..b].to_owned(),
        _ => value.trim().to_owned(),
    }
}

/// `Mon, 30 Sep 2024 09:12:00 -0700` → `Mon Sep 30 09:12:00 2024` (the separator's form).
fn asctime(date: &str) -> Result<String, String> {
    let parts: Vec<&str> = date.split_whitespace().collect();
    match parts.as_slice() {
        [weekday, day, month, year, time, _zone] => Ok(format!(
            "{} {month} {:>2} {time} {year}",
            weekday.trim_end_matches(','),
            day.trim_start_matches('0')
        )),
        _ => Err(format!(
            "Date: {date:?} is not `Day, DD Mon YYYY HH:MM:SS +ZZZZ`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_an_attachment_is_multipart_and_base64() {
        let source = "From: A <a@x.example>\nDate: Wed, 02 Oct 2024 16:20:00 -0700\nMessage-ID: <1@x>\nAttach: c.pdf\n\nSee attached.\n";
        let files = BTreeMap::from([("c.pdf".to_owned(), b"%PDF-1.7".to_vec())]);
        let (sep, msg) = message(Path::new("m.txt"), source, &files).expect("builds");
        assert_eq!(sep, "From a@x.example Wed Oct  2 16:20:00 2024");
        assert!(msg.contains("multipart/mixed"), "{msg}");
        assert!(msg.contains("JVBERi0xLjc="), "{msg}");
        assert!(!msg.contains("Attach:"), "{msg}");
    }

    #[test]
    fn body_lines_that_look_like_separators_are_quoted() {
        let text = mbox(&[(
            "From a Mon Sep 30 09:12:00 2024".into(),
            "Subject: s\n\nFrom here on\n>From there\n".into(),
        )]);
        assert!(text.contains("\n>From here on\n>>From there\n"), "{text}");
    }

    #[test]
    fn a_missing_attachment_names_the_source() {
        let source = "From: A <a@x>\nDate: Wed, 02 Oct 2024 16:20:00 -0700\nMessage-ID: <1@x>\nAttach: nope.pdf\n\nbody\n";
        let e = message(Path::new("04-filed.txt"), source, &BTreeMap::new()).expect_err("missing");
        assert!(e.to_string().contains("04-filed.txt"), "{e}");
        assert!(e.to_string().contains("nope.pdf"), "{e}");
    }
}
