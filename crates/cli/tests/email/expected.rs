//! Comparing a message as Dossier recorded it with Stalwart's expected parse
//! (`NNN.expected.json`, mail-parser's own serialisation of the message).
//!
//! Compared, field by field: Subject (title), From (authors too), Sender, To, Cc, Bcc,
//! Reply-To (name and address of every address, groups flattened), Date (in UTC, and its
//! offset), Message-ID, In-Reply-To, References, the body text (text/plain parts, or HTML
//! converted to text), and the attachments (how many, and their names).
//!
//! Not modelled, so not compared: byte offsets, the MIME tree and each part's headers
//! (Content-Type, transfer encoding, Content-ID …), `html_body` (the HTML rendition when a
//! text one exists), Received, Return-Path, List-*, Keywords, Comments, DKIM and other
//! X- headers, and the per-part `is_encoding_problem` flag (a warning on the document).

use serde_json::Value;

/// Counts and the mismatches found.
#[derive(Default)]
pub struct Tally {
    /// Fields compared.
    pub compared: usize,
    /// Fields per name.
    pub by_field: std::collections::BTreeMap<&'static str, usize>,
    /// One line per differing field.
    pub mismatches: Vec<String>,
    /// Bodies that differ on purpose: undeclared 8-bit text that mail-parser decodes to
    /// U+FFFD and Dossier re-reads with its charset detector (the document says so).
    pub redecoded: Vec<String>,
}

impl Tally {
    fn check(&mut self, file: &str, field: &'static str, expected: &Value, ours: &Value) {
        self.compared += 1;
        *self.by_field.entry(field).or_default() += 1;
        if expected != ours {
            self.mismatches.push(format!(
                "{file}: {field}:\n  expected {expected}\n  got      {ours}"
            ));
        }
    }

    /// A summary for the test log.
    pub fn report(&self) -> String {
        format!(
            "stalwart expected parses: {} fields compared, {} differ; per field {:?}; bodies re-decoded on purpose: {:?}",
            self.compared,
            self.mismatches.len(),
            self.by_field,
            self.redecoded
        )
    }
}

/// The last value of header `name` in the message's own headers (mail-parser's accessors
/// return the last occurrence).
fn header<'a>(expected: &'a Value, name: &str) -> Option<&'a Value> {
    expected["parts"][0]["headers"]
        .as_array()?
        .iter()
        .rev()
        .find(|h| h["name"] == name)
        .map(|h| &h["value"])
}

fn trimmed(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| s.trim().replace(['\r', '\n'], " "))
        .filter(|s| !s.is_empty())
}

/// Every address of an Address header value as `Name <address>` lines.
fn address_lines(value: Option<&Value>) -> Vec<String> {
    let Some(address) = value.map(|v| &v["Address"]) else {
        return Vec::new();
    };
    let mut addrs: Vec<&Value> = Vec::new();
    if let Some(list) = address["List"].as_array() {
        addrs.extend(list);
    }
    for group in address["Group"].as_array().into_iter().flatten() {
        addrs.extend(group["addresses"].as_array().into_iter().flatten());
    }
    addrs
        .into_iter()
        .filter_map(|a| match (trimmed(&a["name"]), trimmed(&a["address"])) {
            (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
            (None, Some(a)) => Some(format!("<{a}>")),
            (Some(n), None) => Some(n),
            (None, None) => None,
        })
        .collect()
}

fn authors(value: Option<&Value>) -> Vec<String> {
    address_lines(value)
        .into_iter()
        .map(|line| match line.rfind(" <") {
            Some(i) => line[..i].to_owned(),
            None => line
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned(),
        })
        .collect()
}

fn ids(value: Option<&Value>) -> Option<String> {
    let list: Vec<&str> = match value {
        Some(v) if v["Text"].is_string() => vec![v["Text"].as_str().unwrap_or("")],
        Some(v) if v["TextList"].is_array() => v["TextList"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect(),
        _ => Vec::new(),
    };
    let ids: Vec<&str> = list
        .into_iter()
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>'))
        .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The Date header as (UTC ISO 8601, offset), when it holds a real date.
fn date(value: Option<&Value>) -> Option<(String, String)> {
    let d = &value?["DateTime"];
    let n = |k: &str| d[k].as_i64().unwrap_or(-1);
    let (y, mo, day, h, mi, s, th, tm) = (
        n("year"),
        n("month"),
        n("day"),
        n("hour"),
        n("minute"),
        n("second"),
        n("tz_hour"),
        n("tz_minute"),
    );
    let valid = (1900..=2200).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=31).contains(&day)
        && (0..=23).contains(&h)
        && (0..=59).contains(&mi)
        && (0..=59).contains(&s)
        && (0..=23).contains(&th)
        && (0..=59).contains(&tm);
    if !valid {
        return None;
    }
    let before_gmt = d["tz_before_gmt"].as_bool().unwrap_or(false);
    let offset = (th * 3600 + tm * 60) * if before_gmt { 1 } else { -1 };
    let t = days_from_civil(y, mo, day) * 86400 + h * 3600 + mi * 60 + s + offset;
    let (days, secs) = (t.div_euclid(86400), t.rem_euclid(86400));
    let (y, mo, day) = civil_from_days(days);
    Some((
        format!(
            "{y:04}-{mo:02}-{day:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        ),
        format!("{}{th:02}:{tm:02}", if before_gmt { '-' } else { '+' }),
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn part_header<'a>(part: &'a Value, name: &str) -> Option<&'a Value> {
    part["headers"]
        .as_array()?
        .iter()
        .rev()
        .find(|h| h["name"] == name)
        .map(|h| &h["value"]["ContentType"])
}

fn attribute(content_type: Option<&Value>, name: &str) -> Option<String> {
    content_type?["attributes"]
        .as_array()?
        .iter()
        .find(|a| {
            a["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .and_then(|a| a["value"].as_str())
        .map(str::to_owned)
}

/// An attachment's name as mail-parser reads it: Content-Disposition's filename, else
/// Content-Type's name.
fn attachment_name(part: &Value) -> Option<String> {
    attribute(part_header(part, "content_disposition"), "filename")
        .or_else(|| attribute(part_header(part, "content_type"), "name"))
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
}

/// Compares one message. `shown` is `dossier show` of the message; `sources` maps every
/// source path of the case to its document kind.
pub fn compare(
    file: &str,
    expected: &Value,
    shown: &Value,
    sources: &std::collections::HashMap<String, (String, i64)>,
    tally: &mut Tally,
) {
    let meta = &shown["meta"];
    let lines = |key: &str| -> Value {
        meta[key]
            .as_str()
            .map(|s| Value::from(s.lines().collect::<Vec<_>>()))
            .unwrap_or_else(|| Value::from(Vec::<String>::new()))
    };
    // A file whose bytes another file brought first (malformed/011 is 009 again) is that
    // document, found at its first source: that is where its name and attachments are.
    let first_source = shown["sources"][0]["path"].as_str().unwrap_or(file);
    let file = if first_source == file {
        file
    } else {
        first_source
    };
    // The title is the subject; a message without one is titled by its file name.
    let subject = header(expected, "subject").and_then(|v| trimmed(&v["Text"]));
    let file_name = file.rsplit('/').next().unwrap_or(file).to_owned();
    tally.check(
        file,
        "subject",
        &subject.unwrap_or(file_name).into(),
        &shown["title"],
    );
    for (name, key) in [
        ("from", "from"),
        ("sender", "sender"),
        ("to", "to"),
        ("cc", "cc"),
        ("bcc", "bcc"),
        ("reply_to", "reply_to"),
    ] {
        let field: &'static str = key;
        tally.check(
            file,
            field,
            &address_lines(header(expected, name)).into(),
            &lines(key),
        );
    }
    tally.check(
        file,
        "authors",
        &authors(header(expected, "from")).into(),
        &shown["authors"],
    );
    let message_id = header(expected, "message_id").and_then(|v| ids(Some(v)));
    tally.check(file, "message_id", &message_id.into(), &meta["message_id"]);
    for key in ["in_reply_to", "references"] {
        let field: &'static str = key;
        tally.check(file, field, &ids(header(expected, key)).into(), &meta[key]);
    }
    if let Some((utc, offset)) = date(header(expected, "date")) {
        tally.check(file, "date", &utc.into(), &shown["date"]);
        tally.check(file, "date_offset", &offset.into(), &meta["date_offset"]);
    }

    // The body: the text body parts, or (when mail-parser found none) the unnamed inline
    // text parts it filed as attachments.
    let parts = expected["parts"].as_array().cloned().unwrap_or_default();
    let ids_of = |key: &str| -> Vec<usize> {
        expected[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_u64().map(|n| n as usize))
            .collect()
    };
    let mut body_ids = ids_of("text_body");
    let attachments = ids_of("attachments");
    if body_ids.is_empty() {
        body_ids = attachments
            .iter()
            .copied()
            .filter(|&i| {
                let p = &parts[i];
                let disposition = part_header(p, "content_disposition")
                    .and_then(|d| d["c_type"].as_str())
                    .unwrap_or("");
                (p["body"]["Text"].is_string() || p["body"]["Html"].is_string())
                    && attachment_name(p).is_none()
                    && !disposition.eq_ignore_ascii_case("attachment")
            })
            .collect();
    }
    let body: Vec<String> = body_ids
        .iter()
        .filter_map(|&i| {
            let b = &parts.get(i)?["body"];
            b["Text"].as_str().map(str::to_owned).or_else(|| {
                b["Html"]
                    .as_str()
                    .map(mail_parser::decoders::html::html_to_text)
            })
        })
        .collect();
    // The corpus copies have CRLF line ends where Stalwart's repository (from which the
    // expected parses were made) has LF (and one a stray CR at its very end): compare
    // lines, not line ends.
    let body = body
        .join("\n\n")
        .replace("\r\n", "\n")
        .trim_end()
        .to_owned();
    let ours = shown["text"].as_str().unwrap_or("").replace("\r\n", "\n");
    let ours = ours.trim_end();
    let detail = shown["status_detail"].as_str().unwrap_or("");
    if body != ours
        && body.contains('\u{FFFD}')
        && detail.contains("not valid in its declared charset")
    {
        tally.redecoded.push(file.to_owned());
    } else {
        tally.check(file, "body", &body.into(), &ours.into());
    }

    // Attachments: how many, and their names, from the sources recorded for them.
    let expected_names: Vec<Option<String>> = attachments
        .iter()
        .filter(|i| !body_ids.contains(i))
        .map(|&i| attachment_name(&parts[i]))
        .collect();
    let prefix = format!("{file}#attachment=");
    let mut ours: Vec<(usize, String)> = sources
        .keys()
        .filter_map(|p| p.strip_prefix(&prefix))
        .filter(|rest| !rest.contains('#'))
        .filter_map(|rest| {
            let (n, name) = rest.split_once('/').unwrap_or((rest, ""));
            Some((n.parse().ok()?, name.to_owned()))
        })
        .collect();
    ours.sort();
    tally.check(
        file,
        "attachments",
        &expected_names.len().into(),
        &ours.len().into(),
    );
    for ((n, name), expected_name) in ours.iter().zip(&expected_names) {
        if let Some(expected_name) = expected_name {
            let shown_name: String = expected_name
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
            tally.check(
                file,
                "attachment_name",
                &format!("{n}/{shown_name}").into(),
                &format!("{n}/{name}").into(),
            );
        }
    }
}
