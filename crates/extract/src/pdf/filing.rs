//! Court filings: the ECF header stamp that PACER prints on every page of a filed
//! document, and the court named in the caption.
//!
//! Stamps differ by court, and all carry the same facts in a different dress:
//!
//! ```text
//! Case 2:16-cv-06794-AB-JC Document 174-2 Filed 02/05/19 Page 1 of 3 Page ID #:8205   (district)
//! Case: 20-1507   Document: 00117684624   Page: 1   Date Filed: 12/22/2020   Entry ID: 6390389
//! Case 17-3510, Document 1-1, 10/31/2017, 2161300, Page1 of 2                        (2nd Cir.)
//! Appeal: 17-2218   Doc: 17   Filed: 10/31/2017   Pg: 1 of 1                          (4th Cir.)
//! Case: 20-16276, 08/05/2020, ID: 11778722, DktEntry: 19, Page 1 of 15               (9th Cir.)
//! ```
//!
//! So the parser reads fields by their labels rather than one pattern per court.

use std::sync::LazyLock;

use regex::Regex;

/// What one page's ECF stamp says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EcfStamp {
    /// The case number as stamped, e.g. `2:16-cv-06794-AB-JC` or `20-1507`.
    pub case_number: String,
    /// The docket entry, e.g. `174-2` (entry 174, attachment 2), if stamped.
    pub document: Option<String>,
    /// The filed date, ISO 8601 (`2019-02-05`), if stamped.
    pub filed: Option<String>,
    /// This page's number within the filed document.
    pub page: Option<u32>,
    /// The filed document's page count, if stamped.
    pub page_count: Option<u32>,
    /// The appellate entry id or district `Page ID`, if stamped.
    pub entry_id: Option<String>,
}

static STAMP_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:USCA\s+Case|Appellate\s+Case|Case|Appeal)\s*[:#]?\s*#?\s*(\d{1,2}:\d{2}-[a-z]{2,4}-\d{3,6}(?:-[A-Z]{1,4})*|\d{2}-\d{1,6})",
    )
    .expect("valid regex")
});
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:Document|Doc|DktEntry)\s*[:#]?\s*#?\s*(\d+(?:-\d+)?)").expect("valid regex")
});
static FILED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:Date\s+Filed|Filed)\s*:?\s*(\d{1,2}/\d{1,2}/\d{2,4})").expect("valid regex")
});
static ANY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2}/\d{1,2}/\d{2,4})\b").expect("valid regex"));
static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:Page|Pg)\s*:?\s*(\d+)(?:\s*of\s*(\d+))?").expect("valid regex")
});
static PAGES_TOTAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bPages\s*:\s*(\d+)").expect("valid regex"));
static ENTRY_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:Entry\s+ID|Page\s*ID|\bID)\s*[:#]?\s*#?:?\s*(\d+)").expect("valid regex")
});

/// Finds and reads the ECF stamp on one page, if it has one.
///
/// A line counts as a stamp when it names a case number and at least two of: a document
/// number, a filed date, a page number. That keeps captions ("Case No. 16-CV-6794") out.
pub fn parse_stamp(page: &str) -> Option<EcfStamp> {
    page.lines().take(400).find_map(parse_stamp_line)
}

fn parse_stamp_line(line: &str) -> Option<EcfStamp> {
    let start = STAMP_START.captures(line)?;
    let whole = start.get(0)?;
    // The stamp begins the line (after layout indentation), never mid-sentence.
    if !line[..whole.start()].trim().is_empty() {
        return None;
    }
    let case_number = start.get(1)?.as_str().to_owned();
    let rest = &line[whole.end()..];
    let document = DOCUMENT.captures(rest).map(|c| c[1].to_owned());
    let filed = FILED
        .captures(rest)
        .or_else(|| ANY_DATE.captures(rest))
        .and_then(|c| us_date_to_iso(&c[1]));
    let (mut page, mut page_count) = (None, None);
    // "Page ID #:8205" is not a page number.
    if let Some(c) = PAGE
        .captures_iter(rest)
        .find(|c| {
            !rest[c.get(0).map_or(0, |m| m.end())..]
                .trim_start()
                .starts_with("ID")
        })
        .filter(|c| !c[0].to_ascii_lowercase().contains("id"))
    {
        page = c[1].parse().ok();
        page_count = c.get(2).and_then(|m| m.as_str().parse().ok());
    }
    if let Some(c) = PAGES_TOTAL.captures(rest) {
        page_count = c[1].parse().ok();
    }
    let entry_id = ENTRY_ID.captures(rest).map(|c| c[1].to_owned());
    let evidence = [document.is_some(), filed.is_some(), page.is_some()]
        .iter()
        .filter(|&&b| b)
        .count();
    (evidence >= 2).then_some(EcfStamp {
        case_number,
        document,
        filed,
        page,
        page_count,
        entry_id,
    })
}

/// `03/04/17` or `3/4/2017` (US month/day/year) as `2017-03-04`.
pub fn us_date_to_iso(s: &str) -> Option<String> {
    let mut parts = s.split('/');
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let year_s = parts.next()?;
    let mut year: u32 = year_s.parse().ok()?;
    if year_s.len() == 2 {
        // ECF began in the late 1990s: two-digit years are this century unless clearly not.
        year += if year < 70 { 2000 } else { 1900 };
    }
    if year < 1900 {
        return None;
    }
    dossier_dates::PartialDate::ymd(i64::from(year), i64::from(month), i64::from(day))
        .ok()
        .map(|d| d.to_string())
}

static COURT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        ( united \s+ states \s+ court \s+ of \s+ appeals \s+ (?: for \s+ the \s+)?
            (?: [a-z]+ \s+ circuit | district \s+ of \s+ columbia \s+ circuit | federal \s+ circuit )
        | united \s+ states \s+ (?: district | bankruptcy ) \s+ court \s+ ,? \s* (?: for \s+ the \s+ )?
            (?: (?: northern | southern | eastern | western | central | middle ) \s+ )? district \s+ of \s+ [a-z]+ (?: \s+ (?: island | carolina | dakota | jersey | hampshire | mexico | york | virginia | columbia ))?
        | supreme \s+ court \s+ of \s+ (?: the \s+ united \s+ states | [a-z]+ (?: \s+ (?: carolina | dakota | jersey | hampshire | mexico | york | virginia ))? )
        | court \s+ of \s+ appeals? \s+ of \s+ [a-z]+ (?: \s+ carolina )?
        | (?: missouri | north \s+ carolina | [a-z]+ ) \s+ court \s+ of \s+ appeals
        )",
    )
    .expect("valid regex")
});

/// The court named in a filing's caption (first page), in title case, e.g.
/// `United States District Court for the Central District of California`.
pub fn court_from_caption(first_page: &str) -> Option<String> {
    let head: String = first_page.chars().take(6000).collect();
    let m = COURT.find(&head)?;
    let words: Vec<&str> = m.as_str().split_whitespace().collect();
    let titled: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.trim_end_matches(',').to_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "for" | "the") {
                lower
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect();
    Some(titled.join(" "))
}

/// What a RECAP file name (`gov.uscourts.cacd.657892.174.2.pdf`) says: the court id,
/// PACER case id, docket entry and attachment.
pub fn recap_name(file_name: &str) -> Option<(String, String, String, String)> {
    let rest = file_name.strip_prefix("gov.uscourts.")?;
    let rest = rest.strip_suffix(".pdf").unwrap_or(rest);
    let mut parts = rest.split('.');
    let court = parts.next()?.to_owned();
    let case = parts.next()?.to_owned();
    let entry = parts.next()?.to_owned();
    let attachment = parts.next().unwrap_or("0").to_owned();
    (!court.is_empty() && case.chars().all(|c| c.is_ascii_digit()))
        .then_some((court, case, entry, attachment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_stamp_gives_every_field() {
        let s = parse_stamp(
            "  Case 2:16-cv-06794-AB-JC Document 174-2 Filed 02/05/19 Page 1 of 3 Page ID #:8205\nbody",
        )
        .expect("a stamp");
        assert_eq!(s.case_number, "2:16-cv-06794-AB-JC");
        assert_eq!(s.document.as_deref(), Some("174-2"));
        assert_eq!(s.filed.as_deref(), Some("2019-02-05"));
        assert_eq!((s.page, s.page_count), (Some(1), Some(3)));
        assert_eq!(s.entry_id.as_deref(), Some("8205"));
    }

    #[test]
    fn appellate_stamps_in_their_several_dresses() {
        let ca1 = parse_stamp("Case: 20-1507   Document: 00117684624   Page: 1   Date Filed: 12/22/2020   Entry ID: 6390389").expect("ca1");
        assert_eq!(ca1.case_number, "20-1507");
        assert_eq!(ca1.document.as_deref(), Some("00117684624"));
        assert_eq!(ca1.filed.as_deref(), Some("2020-12-22"));
        assert_eq!(ca1.page, Some(1));
        let ca2 = parse_stamp("Case 17-3510, Document 1-1, 10/31/2017, 2161300, Page1 of 2")
            .expect("ca2");
        assert_eq!(ca2.filed.as_deref(), Some("2017-10-31"));
        assert_eq!((ca2.page, ca2.page_count), (Some(1), Some(2)));
        let ca4 =
            parse_stamp("Appeal: 17-2218   Doc: 17   Filed: 10/31/2017   Pg: 1 of 1").expect("ca4");
        assert_eq!(ca4.document.as_deref(), Some("17"));
        let ca9 =
            parse_stamp("Case: 20-16276, 08/05/2020, ID: 11778722, DktEntry: 19, Page 1 of 15")
                .expect("ca9");
        assert_eq!(ca9.document.as_deref(), Some("19"));
        assert_eq!(ca9.filed.as_deref(), Some("2020-08-05"));
        assert_eq!(ca9.page_count, Some(15));
    }

    #[test]
    fn a_caption_case_number_is_not_a_stamp() {
        assert_eq!(parse_stamp("Case No. 16-CV-6794 AB (JCx)"), None);
        assert_eq!(
            parse_stamp("the plaintiff filed suit. Case 17-3510, Document 1-1, 10/31/2017"),
            None
        );
    }

    #[test]
    fn courts_come_from_captions_in_title_case() {
        assert_eq!(
            court_from_caption("UNITED STATES DISTRICT COURT\n  CENTRAL DISTRICT OF CALIFORNIA\n")
                .as_deref(),
            Some("United States District Court Central District of California")
        );
        assert_eq!(
            court_from_caption("UNITED STATES COURT OF APPEALS\nFOR THE FIRST CIRCUIT").as_deref(),
            Some("United States Court of Appeals for the First Circuit")
        );
    }

    #[test]
    fn recap_names_and_two_digit_years() {
        assert_eq!(
            recap_name("gov.uscourts.cacd.657892.174.2.pdf"),
            Some(("cacd".into(), "657892".into(), "174".into(), "2".into()))
        );
        assert_eq!(us_date_to_iso("03/04/17").as_deref(), Some("2017-03-04"));
        assert_eq!(us_date_to_iso("13/04/17"), None);
        assert_eq!(us_date_to_iso("02/30/17"), None, "no 30 February");
        assert_eq!(us_date_to_iso("2/29/2016").as_deref(), Some("2016-02-29"));
    }
}
