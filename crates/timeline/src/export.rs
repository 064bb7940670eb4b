//! The chronology for counsel: a CaseMap-style CSV, a Markdown report and a standalone
//! HTML report, each with pin cites and quotes.
//!
//! Every export takes the entries in the order given (the caller sorts them) and is a
//! pure function of them, so the same chronology always exports to the same bytes.
//!
//! One date format in every export (this CSV, the reports, TimelineJS's display dates,
//! the exhibit list): the date as written, in its canonical text (`2024-08-15`, `Q3 2024`,
//! `before 2024-09-18`), and where a spreadsheet must sort, ISO 8601 first and last days.

use crate::csv;
use crate::model::{CitationEntry, Entry};

/// The chronology CSV's header: CaseMap's fact columns, with the first and last day the
/// date can mean beside it (ISO 8601, so a spreadsheet sorts them; empty where a
/// before/after/open range has no such day).
pub const CHRONOLOGY_COLUMNS: [&str; 8] = [
    "Date", "Start", "End", "Fact", "Source", "Quote", "Issues", "Status",
];

/// A day as ISO 8601 writes it.
fn iso_day((y, m, d): crate::date::Day) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn fact(e: &Entry) -> String {
    match e
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) => format!("{} — {d}", e.title),
        None => e.title.clone(),
    }
}

fn unverified_mark(c: &CitationEntry) -> &'static str {
    if c.verified { "" } else { " [DOES NOT VERIFY]" }
}

/// One row per event: date as written (canonical), its first and last day (ISO 8601,
/// sortable), fact, sources (pin cites, `; `), quotes (one per line, each with its pin
/// cite), issues (`; `), status.
pub fn chronology_csv(entries: &[Entry]) -> String {
    let mut rows = vec![CHRONOLOGY_COLUMNS.iter().map(|s| s.to_string()).collect()];
    for e in entries {
        let sources: Vec<String> = e
            .citations
            .iter()
            .map(|c| {
                format!(
                    "{}{}{}",
                    c.pin_cite(),
                    unverified_mark(c),
                    c.provenance
                        .as_ref()
                        .map(|p| format!(" [{}]", p.describe()))
                        .unwrap_or_default()
                )
            })
            .collect();
        let quotes: Vec<String> = e
            .citations
            .iter()
            .filter_map(|c| {
                c.quote
                    .as_ref()
                    .map(|q| format!("\u{201C}{q}\u{201D} ({})", c.pin_cite()))
            })
            .collect();
        let (first, last) = e.date.covered_days();
        rows.push(vec![
            e.date.to_string(),
            first.map(iso_day).unwrap_or_default(),
            last.map(iso_day).unwrap_or_default(),
            fact(e),
            sources.join("; "),
            quotes.join("\n"),
            e.issues.join("; "),
            e.status.to_string(),
        ]);
    }
    csv::write(rows)
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Collapses a quote's line breaks so it reads as one passage in a report.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown chronology: one section per event with its status, issues and actors, and
/// each citation as a quoted passage with its pin cite.
pub fn markdown(case_name: &str, entries: &[Entry]) -> String {
    let mut s = format!("# Chronology: {}\n\n", md_escape(case_name));
    s += &format!("{} events.\n", entries.len());
    for e in entries {
        s += &format!(
            "\n## {} — {}\n\n",
            md_escape(&e.date.to_string()),
            md_escape(&e.title)
        );
        let mut facts = vec![format!("**Status:** {}", e.status)];
        if !e.issues.is_empty() {
            facts.push(format!("**Issues:** {}", md_escape(&e.issues.join("; "))));
        }
        if !e.actors.is_empty() {
            facts.push(format!("**Actors:** {}", md_escape(&e.actors.join("; "))));
        }
        if !e.tags.is_empty() {
            facts.push(format!("**Tags:** {}", md_escape(&e.tags.join("; "))));
        }
        s += &facts.join(" · ");
        s += "\n";
        if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
            s += &format!("\n{}\n", md_escape(d.trim()));
        }
        if e.citations.is_empty() {
            s += "\n*No citation yet.*\n";
        }
        for c in &e.citations {
            s += "\n";
            match &c.quote {
                Some(q) => {
                    s += &format!(
                        "> \u{201C}{}\u{201D}\n> — {} ({}){}\n",
                        md_escape(&one_line(q)),
                        md_escape(&c.pin_cite()),
                        c.relation,
                        unverified_mark(c)
                    )
                }
                None => {
                    s += &format!(
                        "- {} ({}){}\n",
                        md_escape(&c.pin_cite()),
                        c.relation,
                        unverified_mark(c)
                    )
                }
            }
            if let Some(p) = &c.provenance {
                s += &format!("\n*Provenance:* {}\n", md_escape(&p.describe()));
            }
        }
    }
    s
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.6rem}section{border-top:1px solid #ccc;padding:.5rem 0}\
h2{font-size:1.15rem;margin:.5rem 0}time{font-weight:normal;color:#555;margin-right:.5rem}\
.meta{font-size:.9rem;color:#444}.status{font-variant:small-caps}\
blockquote{margin:.5rem 0 .5rem 1rem;padding-left:.75rem;border-left:3px solid #999}\
cite{display:block;font-size:.9rem;font-style:normal;color:#444}\
.unverified{color:#b00;font-weight:bold}.provenance{font-size:.85rem;color:#555;margin:.25rem 0 .5rem 1rem}";

/// A standalone HTML chronology (no scripts, no outside resources): the same content as
/// [`markdown`], printable as it is.
pub fn html(case_name: &str, entries: &[Entry]) -> String {
    let name = html_escape(case_name);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Chronology: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Chronology: {name}</h1>\n<p>{} events.</p>\n",
        entries.len()
    );
    for e in entries {
        s += &format!(
            "<section class=\"event\" id=\"event-{}\">\n<h2><time datetime=\"{}\">{}</time>{}</h2>\n",
            e.id,
            html_escape(&e.date.start().to_string()),
            html_escape(&e.date.to_string()),
            html_escape(&e.title)
        );
        let mut meta = format!(
            "<span class=\"status\">{}</span>",
            html_escape(e.status.as_str())
        );
        for (label, list) in [
            ("Issues", &e.issues),
            ("Actors", &e.actors),
            ("Tags", &e.tags),
        ] {
            if !list.is_empty() {
                meta += &format!(" · {label}: {}", html_escape(&list.join("; ")));
            }
        }
        s += &format!("<p class=\"meta\">{meta}</p>\n");
        if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
            s += &format!("<p>{}</p>\n", html_escape(d.trim()));
        }
        if e.citations.is_empty() {
            s += "<p class=\"meta\"><em>No citation yet.</em></p>\n";
        }
        for c in &e.citations {
            let flag = if c.verified {
                String::new()
            } else {
                " <span class=\"unverified\">does not verify</span>".to_owned()
            };
            let cite = format!(
                "<cite>{} ({}){flag}</cite>",
                html_escape(&c.pin_cite()),
                c.relation
            );
            match &c.quote {
                Some(q) => {
                    s += &format!(
                        "<blockquote>\u{201C}{}\u{201D}{cite}</blockquote>\n",
                        html_escape(&one_line(q))
                    )
                }
                None => s += &format!("<p>{cite}</p>\n"),
            }
            if let Some(p) = &c.provenance {
                s += &format!(
                    "<p class=\"provenance\">Provenance: {}</p>\n",
                    html_escape(&p.describe())
                );
            }
        }
        s += "</section>\n";
    }
    s += "</body>\n</html>\n";
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::date::FuzzyDate;
    use crate::model::{Relation, Status};

    pub(crate) fn sample() -> Vec<Entry> {
        vec![
            Entry {
                id: 1,
                date: FuzzyDate::parse("2024-08").expect("date"),
                title: "Setting added, opted in by default".into(),
                description: Some("Users were not asked.".into()),
                status: Status::Alleged,
                issues: vec!["Stored Communications Act".into(), "UCL".into()],
                actors: vec!["LinkedIn".into()],
                tags: vec![],
                citations: vec![CitationEntry {
                    id: 7,
                    doc: 3,
                    doc_title: Some("Complaint".into()),
                    exhibit: Some("PX-0001".into()),
                    bates: Some("DOSS000002".into()),
                    page: Some(2),
                    quote: Some("opted in\nby <default>".into()),
                    relation: Relation::Supports,
                    verified: true,
                    provenance: None,
                }],
            },
            Entry {
                id: 2,
                date: FuzzyDate::parse("before 2024-09-18").expect("date"),
                title: "Policy edited".into(),
                description: None,
                status: Status::Prospective,
                issues: vec![],
                actors: vec![],
                tags: vec!["policy".into()],
                citations: vec![],
            },
        ]
    }

    #[test]
    fn the_csv_has_casemap_columns_and_one_row_per_event() {
        let text = chronology_csv(&sample());
        let rows = csv::read(&text).expect("valid CSV");
        assert_eq!(rows[0], CHRONOLOGY_COLUMNS);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][0], "2024-08");
        assert_eq!(
            rows[1][3],
            "Setting added, opted in by default — Users were not asked."
        );
        assert_eq!(rows[1][4], "PX-0001 (DOSS000002), p. 2");
        assert_eq!(
            rows[1][5],
            "\u{201C}opted in\nby <default>\u{201D} (PX-0001 (DOSS000002), p. 2)"
        );
        assert_eq!(rows[1][6], "Stored Communications Act; UCL");
        assert_eq!(rows[2][7], "prospective");
    }

    #[test]
    fn the_csv_gives_sortable_first_and_last_days_beside_the_date_as_written() {
        let mut entries = sample();
        entries[0].date = FuzzyDate::parse("Q3 2024").expect("quarter");
        entries.push(Entry {
            id: 3,
            date: FuzzyDate::parse("between 2024-08-20 and 2024-09-27").expect("between"),
            ..entries[1].clone()
        });
        let rows = csv::read(&chronology_csv(&entries)).expect("valid CSV");
        let dates: Vec<&[String]> = rows[1..].iter().map(|r| &r[..3]).collect();
        assert_eq!(dates[0], ["Q3 2024", "2024-07-01", "2024-09-30"]);
        assert_eq!(dates[1], ["before 2024-09-18", "", "2024-09-17"]);
        assert_eq!(
            dates[2],
            [
                "between 2024-08-20 and 2024-09-27",
                "2024-08-20",
                "2024-09-27"
            ]
        );
    }

    #[test]
    fn reports_escape_what_they_quote_and_flag_what_does_not_verify() {
        let mut entries = sample();
        let md = markdown("Doe v. Network", &entries);
        assert!(md.contains("## 2024-08 — Setting added"), "{md}");
        assert!(
            md.contains("> \u{201C}opted in by \\<default\\>\u{201D}"),
            "{md}"
        );
        assert!(md.contains("*No citation yet.*"));
        entries[0].citations[0].verified = false;
        let html = html("Doe & Co", &entries);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>Chronology: Doe &amp; Co</title>"));
        assert!(html.contains("opted in by &lt;default&gt;"));
        assert!(html.contains("does not verify"));
        assert!(!html.contains("<script"), "standalone and inert");
        assert!(markdown("x", &entries).contains("[DOES NOT VERIFY]"));
    }
}
