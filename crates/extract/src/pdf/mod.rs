//! PDF: text per page, document information, ECF stamps and courts of court filings.
//!
//! The parsing itself happens in another process, `dossier-pdf-worker` (crate
//! `dossier-pdf`), because PDF parsers panic, loop and exhaust memory on real files
//! (Apache Tika forks its parser for the same reason). [`PdfExtractor`] sends the bytes
//! on the worker's stdin, reads the framed reply on its stdout ([`frame`]), kills it when
//! it runs out of time, and caps its memory; whatever happens, the result is an
//! [`Extraction`] or an [`ExtractError`] naming the reason, never a crash of the caller.
//!
//! Kinds: a PDF with an ECF stamp or a court in its caption is a `filing`, dated by the
//! filed date of its stamp; any other PDF is an `attachment` (a document file, as an
//! exhibit or an email attachment would be), undated: its creation date stays in `meta`
//! (`created`), since the day a file was made is not the date the document claims.

pub mod filing;
pub mod frame;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::ocr::{OcrFailure, OcrMode, TESSERACT_MISSING, Tesseract, render};
use crate::{ExtractError, Extraction, Extractor, Hints, Probe};

/// The worker's file name, beside the running executable.
pub const WORKER_NAME: &str = "dossier-pdf-worker";
/// Overrides where the worker is.
pub const WORKER_ENV: &str = "DOSSIER_PDF_WORKER";
/// Overrides the time limit per file, in seconds.
pub const TIMEOUT_ENV: &str = "DOSSIER_PDF_TIMEOUT_SECS";
/// Overrides the memory limit per file, in MiB.
pub const MEMORY_ENV: &str = "DOSSIER_PDF_MEMORY_MB";

/// Reads PDFs through the `dossier-pdf-worker` process.
#[derive(Debug, Clone)]
pub struct PdfExtractor {
    worker: Option<PathBuf>,
    timeout: Duration,
    memory_mb: u64,
    /// Reads the pages without a text layer (see [`crate::ocr`]).
    tesseract: Tesseract,
}

impl Default for PdfExtractor {
    /// The worker from [`WORKER_ENV`] or beside the running executable; limits from the
    /// environment, else 120 s and 2048 MiB per file.
    fn default() -> Self {
        let env_u64 = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
        PdfExtractor {
            worker: locate_worker(),
            timeout: Duration::from_secs(env_u64(TIMEOUT_ENV).unwrap_or(120)),
            memory_mb: env_u64(MEMORY_ENV).unwrap_or(2048),
            tesseract: Tesseract::default(),
        }
    }
}

/// Where the worker is: [`WORKER_ENV`], else beside the running executable (where
/// `cargo install --path crates/cli` and the bundles put it), else one folder up (test
/// binaries run from `target/<profile>/deps`), else the first on `PATH`.
pub fn locate_worker() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(WORKER_ENV) {
        return Some(PathBuf::from(p));
    }
    let name = format!("{WORKER_NAME}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .skip(1)
            .take(2)
            .map(|dir| dir.join(&name))
            .find(|p| p.is_file())
    });
    beside.or_else(|| {
        std::env::split_paths(&std::env::var_os("PATH")?)
            .map(|dir| dir.join(&name))
            .find(|p| p.is_file())
    })
}

/// Why no worker was found, naming where it was looked for and how to fix it.
pub fn worker_missing_message() -> String {
    let here = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.display().to_string()))
        .unwrap_or_else(|| "this program's folder".to_owned());
    format!(
        "the PDF worker ({WORKER_NAME}) is neither beside this program (in {here}) nor on PATH; \
         install it with dossier (cargo install --path crates/cli installs both) or set {WORKER_ENV} to its path"
    )
}

impl PdfExtractor {
    /// An extractor using this worker binary and these limits.
    pub fn new(worker: impl Into<PathBuf>, timeout: Duration, memory_mb: u64) -> Self {
        PdfExtractor {
            worker: Some(worker.into()),
            timeout,
            memory_mb,
            tesseract: Tesseract::default(),
        }
    }

    /// The same extractor OCRing with this Tesseract (builder style).
    pub fn with_tesseract(mut self, tesseract: Tesseract) -> Self {
        self.tesseract = tesseract;
        self
    }

    /// OCRs the pages the settings ask for (in `auto`, those without text that carry an
    /// image; in `force`, all), putting their text in place of the empty (or, forced, the
    /// existing) text layer and their words in [`Extraction::ocr`]. Returns the pages
    /// OCRed. A missing Tesseract or a failed run is a warning on the document; the pages
    /// then stay as they were, flagged as needing OCR.
    fn ocr(&self, bytes: &[u8], out: &mut Extraction, images: &[u32], hints: &Hints) -> Vec<u32> {
        let wanted: Vec<u32> = match hints.ocr.mode {
            OcrMode::Off => Vec::new(),
            OcrMode::Force => (1..=out.pages.len() as u32).collect(),
            OcrMode::Auto => {
                let images: BTreeSet<u32> = images.iter().copied().collect();
                (1u32..)
                    .zip(&out.pages)
                    .filter(|(n, p)| images.contains(n) && is_blank(p))
                    .map(|(n, _)| n)
                    .collect()
            }
        };
        if wanted.is_empty() {
            return Vec::new();
        }
        let result = tempfile::tempdir()
            .map_err(|e| {
                OcrFailure::Failed(ExtractError::Crashed {
                    extractor: "ocr",
                    reason: format!("cannot make a folder for page images: {e}"),
                })
            })
            .and_then(|work| {
                if self.tesseract.version().is_none() {
                    return Err(OcrFailure::Missing);
                }
                let pdf = work.path().join("in.pdf");
                std::fs::write(&pdf, bytes).map_err(|e| {
                    OcrFailure::Failed(ExtractError::Crashed {
                        extractor: "ocr",
                        reason: format!("cannot write {}: {e}", pdf.display()),
                    })
                })?;
                let (timeout, memory_mb) = self.tesseract.limits();
                let rendered = render::render_pages(
                    &pdf,
                    &wanted,
                    hints.password.as_deref(),
                    work.path(),
                    timeout,
                    memory_mb,
                )?;
                self.tesseract.read(
                    &rendered,
                    &wanted,
                    render::RENDER_DPI,
                    &hints.ocr.languages,
                    work.path(),
                    hints.ocr_progress.as_ref(),
                )
            });
        match result {
            Ok(pages) => {
                let mut done = Vec::with_capacity(pages.len());
                for page in pages {
                    if let Some(text) = out.pages.get_mut(page.page as usize - 1) {
                        *text = page.text.clone();
                        done.push(page.page);
                        out.ocr.push(page);
                    }
                }
                done
            }
            Err(OcrFailure::Missing) => {
                out.warnings.push(TESSERACT_MISSING.into());
                Vec::new()
            }
            Err(OcrFailure::Failed(e)) => {
                out.warnings.push(format!("OCR failed: {e}"));
                Vec::new()
            }
        }
    }

    fn run_worker(
        &self,
        bytes: &[u8],
        password: Option<&str>,
    ) -> Result<Vec<frame::Record>, ExtractError> {
        let crashed = |reason: String| ExtractError::Crashed {
            extractor: "pdf",
            reason,
        };
        let worker = self
            .worker
            .as_deref()
            .ok_or_else(|| crashed(worker_missing_message()))?;
        let mut request = Vec::with_capacity(bytes.len() + 64);
        // Writing to a Vec cannot fail.
        let _ = frame::write_magic(&mut request);
        if let Some(p) = password {
            let _ = frame::write_record(&mut request, "password", p.as_bytes());
        }
        let _ = frame::write_record(&mut request, "pdf", bytes);
        let _ = frame::write_end(&mut request);

        tracing::debug!(worker = %worker.display(), bytes = bytes.len(), "starting the PDF worker");
        let mut child = Command::new(worker)
            .arg("--memory-mb")
            .arg(self.memory_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| crashed(format!("cannot start {}: {e}", worker.display())))?;
        let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(crashed("the worker's pipes could not be opened".into()));
        };
        // The worker may die before reading everything: a failed write is reported by
        // the reply (or its absence), not here.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&request);
        });
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let _ = stdout.read_to_end(&mut out);
            let _ = tx.send(out);
        });
        let errors = std::thread::spawn(move || {
            let mut err = Vec::new();
            let _ = stderr.by_ref().take(64 * 1024).read_to_end(&mut err);
            String::from_utf8_lossy(&err).trim().to_owned()
        });
        let reply = rx.recv_timeout(self.timeout);
        if reply.is_err() {
            let _ = child.kill();
        }
        let status = child.wait();
        let _ = writer.join();
        let stderr_text = errors.join().unwrap_or_default();
        let stderr_text = forward_worker_log(&stderr_text);
        let Ok(reply) = reply else {
            return Err(ExtractError::TimedOut {
                extractor: "pdf",
                seconds: self.timeout.as_secs(),
            });
        };
        match frame::read_records(&reply) {
            Ok(records) => Ok(records),
            Err(e) => {
                let how = match status {
                    Ok(s) if s.success() => format!("its reply was damaged ({e})"),
                    Ok(s) => match exit_signal(&s) {
                        Some(sig) => format!(
                            "the worker was killed by signal {sig} (memory limit {} MiB?)",
                            self.memory_mb
                        ),
                        None => format!("the worker exited with {s}"),
                    },
                    Err(err) => format!("the worker was lost: {err}"),
                };
                let detail = stderr_text.lines().last().unwrap_or_default();
                Err(crashed(if detail.is_empty() {
                    how
                } else {
                    format!("{how}: {detail}")
                }))
            }
        }
    }
}

/// Passes the worker's log lines (`LEVEL target: message`, from pdf-extract and lopdf, as its
/// `RUST_LOG` let through) on to this process's log at their level, and returns its other
/// stderr lines (its own complaints, which explain a crash).
fn forward_worker_log(stderr: &str) -> String {
    let mut rest = Vec::new();
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        let (level, message) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
        match level {
            "ERROR" => tracing::error!(target: "dossier_pdf_worker", "{message}"),
            "WARN" => tracing::warn!(target: "dossier_pdf_worker", "{message}"),
            "INFO" => tracing::info!(target: "dossier_pdf_worker", "{message}"),
            "DEBUG" => tracing::debug!(target: "dossier_pdf_worker", "{message}"),
            "TRACE" => tracing::trace!(target: "dossier_pdf_worker", "{message}"),
            _ => rest.push(line),
        }
    }
    rest.join("\n")
}

#[cfg(unix)]
fn exit_signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn exit_signal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

impl Extractor for PdfExtractor {
    fn name(&self) -> &'static str {
        "pdf"
    }

    /// 2: pages without a text layer are OCRed.
    fn version(&self) -> u32 {
        2
    }

    /// 95 for anything that starts with `%PDF-` (in its first KiB, as readers allow),
    /// 0 otherwise: the extension alone proves nothing.
    fn bid(&self, probe: &Probe<'_>) -> u8 {
        let head = &probe.head[..probe.head.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            95
        } else {
            0
        }
    }

    fn extract(&self, bytes: &[u8], hints: &Hints) -> Result<Extraction, ExtractError> {
        let records = self.run_worker(bytes, hints.password.as_deref())?;
        let mut out = Extraction {
            kind: "attachment".into(),
            media_type: "application/pdf".into(),
            ..Extraction::default()
        };
        let mut images: Vec<u32> = Vec::new();
        for r in records {
            let body = String::from_utf8_lossy(&r.body).into_owned();
            match r.tag.as_str() {
                "page" => out.pages.push(body),
                "warning" => out.warnings.push(body),
                "images" => images = body.split(',').filter_map(|n| n.parse().ok()).collect(),
                "error.password" => {
                    return Err(ExtractError::NeedsPassword { reason: body });
                }
                "error.malformed" => {
                    return Err(ExtractError::Malformed {
                        format: "PDF",
                        reason: body,
                    });
                }
                tag => {
                    if let Some(key) = tag.strip_prefix("meta.") {
                        out.meta.insert(key.to_owned(), body);
                    }
                }
            }
        }
        let ocred = self.ocr(bytes, &mut out, &images, hints);
        describe(&mut out, &images, &ocred, hints.file_name.as_deref());
        Ok(out)
    }
}

/// Everything derived from the worker's raw reply: dates, title, pages without text,
/// and for filings the stamp, the court and the document's date.
fn describe(out: &mut Extraction, images: &[u32], ocred: &[u32], file_name: Option<&str>) {
    for key in ["created", "modified"] {
        if let Some(iso) = out.meta.get(key).and_then(|raw| pdf_date_to_iso(raw)) {
            out.meta.insert(key.to_owned(), iso);
        }
    }
    out.title = out.meta.get("title").and_then(|t| clean_title(t));
    if let Some(author) = out.meta.get("author") {
        out.authors = vec![author.clone()];
    }
    out.text = out.pages.join("\n");

    let blank: Vec<u32> = (1u32..)
        .zip(&out.pages)
        .filter(|(_, p)| is_blank(p))
        .map(|(n, _)| n)
        .collect();
    // A set, not `images.contains`: a scanned document has an image on every page, and
    // a linear search per blank page would take time in the square of its page count.
    let images: BTreeSet<u32> = images.iter().copied().collect();
    let ocred_set: BTreeSet<u32> = ocred.iter().copied().collect();
    let needs_ocr: Vec<u32> = blank
        .iter()
        .copied()
        .filter(|n| images.contains(n) && !ocred_set.contains(n))
        .collect();
    if !ocred.is_empty() {
        out.meta.insert("ocr.pages".into(), list(ocred));
        let unread: Vec<u32> = blank
            .iter()
            .copied()
            .filter(|n| ocred_set.contains(n))
            .collect();
        if !unread.is_empty() {
            out.warnings.push(format!(
                "OCR read next to no text on page{} {}",
                if unread.len() == 1 { "" } else { "s" },
                list(&unread)
            ));
        }
    }
    if !blank.is_empty() {
        out.meta.insert("pages_without_text".into(), list(&blank));
    }
    if !needs_ocr.is_empty() {
        out.meta
            .insert("pages_needing_ocr".into(), list(&needs_ocr));
        out.warnings.push(format!(
            "no text layer (needs OCR) on page{} {} of {}",
            if needs_ocr.len() == 1 { "" } else { "s" },
            list(&needs_ocr),
            out.pages.len()
        ));
    }
    out.no_text = no_text_reason(&out.pages, needs_ocr.len());

    let stamps: Vec<(u32, filing::EcfStamp)> = (1u32..)
        .zip(&out.pages)
        .filter_map(|(n, p)| filing::parse_stamp(p).map(|s| (n, s)))
        .collect();
    let court = out
        .pages
        .first()
        .and_then(|p| filing::court_from_caption(p));
    let recap = file_name.and_then(filing::recap_name);
    if let Some((_, first)) = stamps.first() {
        out.meta
            .insert("ecf.case".into(), first.case_number.clone());
        let fields = [
            ("ecf.document", first.document.clone()),
            ("ecf.filed", first.filed.clone()),
            ("ecf.page_count", first.page_count.map(|n| n.to_string())),
            ("ecf.entry_id", first.entry_id.clone()),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                out.meta.insert(key.into(), v);
            }
        }
        let stamped: Vec<String> = stamps
            .iter()
            .map(|(n, s)| match (s.page, s.page_count) {
                (Some(p), Some(c)) => format!("{n}:{p}/{c}"),
                (Some(p), None) => format!("{n}:{p}"),
                _ => format!("{n}:?"),
            })
            .collect();
        out.meta.insert("ecf.pages".into(), stamped.join(","));
        out.doc_date = first.filed.clone();
    }
    if let Some(c) = &court {
        out.meta.insert("court".into(), c.clone());
    }
    if let Some((court_id, case_id, entry, attachment)) = recap {
        out.meta.insert("recap.court".into(), court_id);
        out.meta.insert("recap.case_id".into(), case_id);
        out.meta.insert("recap.entry".into(), entry);
        out.meta.insert("recap.attachment".into(), attachment);
    }
    if !stamps.is_empty() || court.is_some() {
        out.kind = "filing".into();
    }
}

/// Why a PDF gave no text at all, if it gave none: no pages, or not one character on any
/// page. Some pages without text are only a warning (a scanned exhibit inside a typed
/// filing); a PDF with none cannot be searched or cited at all, which is a failure.
/// Whether a page has too little text to be read as a text layer (fewer than 20 letters
/// other than whitespace: a page number, a stamp).
fn is_blank(page: &str) -> bool {
    page.chars().filter(|c| !c.is_whitespace()).count() < 20
}

fn no_text_reason(pages: &[String], needing_ocr: usize) -> Option<String> {
    if pages.is_empty() {
        return Some("the PDF has no pages: there is no text to extract".into());
    }
    if pages.iter().any(|p| p.chars().any(|c| !c.is_whitespace())) {
        return None;
    }
    let n = pages.len();
    let pages = if n == 1 {
        "its one page".to_owned()
    } else {
        format!("any of its {n} pages")
    };
    Some(if needing_ocr == n {
        format!(
            "no text could be read from {pages}: scanned images without a text layer (needs OCR)"
        )
    } else {
        // Not a claim that there is no text layer: vertical CJK text and fonts that do not
        // say which characters they draw also come out empty.
        format!(
            "no text could be read from {pages}: drawings, images, or fonts that do not say \
             which characters they draw"
        )
    })
}

/// A document-information title without what printing drivers add to it
/// (`Microsoft Word - brief.docx` is titled `brief`); `None` when nothing is left.
fn clean_title(raw: &str) -> Option<String> {
    let mut t = raw.trim();
    for prefix in [
        "Microsoft Word - ",
        "Microsoft PowerPoint - ",
        "Microsoft Excel - ",
    ] {
        t = t.strip_prefix(prefix).unwrap_or(t);
    }
    for ext in [".docx", ".doc", ".wpd", ".rtf", ".pdf", ".odt"] {
        if t.len() >= ext.len() && t.is_char_boundary(t.len() - ext.len()) {
            let (stem, tail) = t.split_at(t.len() - ext.len());
            if tail.eq_ignore_ascii_case(ext) {
                t = stem;
            }
        }
    }
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn list(pages: &[u32]) -> String {
    pages
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// A PDF date (`D:20170304120000-08'00'`, any prefix of it) as ISO 8601 with the
/// precision it has: `2017-03-04T12:00:00-08:00`, `2017-03-04`, `2017`.
pub fn pdf_date_to_iso(raw: &str) -> Option<String> {
    let s = raw.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let num = |from: usize, len: usize| digits.get(from..from + len);
    let year = num(0, 4)?;
    let mut iso = year.to_owned();
    if let Some(m) = num(4, 2) {
        iso += &format!("-{m}");
        if let Some(d) = num(6, 2) {
            iso += &format!("-{d}");
            if let (Some(h), Some(mi)) = (num(8, 2), num(10, 2)) {
                iso += &format!("T{h}:{mi}:{}", num(12, 2).unwrap_or("00"));
                let zone = &s[digits.len()..];
                let zone_digits: String = zone.chars().filter(char::is_ascii_digit).collect();
                match zone.chars().next() {
                    Some('Z') => iso.push('Z'),
                    Some(sign @ ('+' | '-')) if zone_digits.len() >= 2 => {
                        let zm = zone_digits.get(2..4).unwrap_or("00");
                        iso += &format!("{sign}{}:{zm}", &zone_digits[..2]);
                    }
                    _ => {}
                }
            }
        }
    }
    // The calendar decides (`dossier-dates`): no month 13 or 31 April; an impossible clock
    // (25:00) leaves the day.
    if dossier_dates::parse_date_time(&iso).is_ok() {
        return Some(iso);
    }
    let day = iso.split('T').next()?;
    dossier_dates::PartialDate::parse(day)
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_keep_their_precision_and_zone() {
        assert_eq!(
            pdf_date_to_iso("D:20170304120000-08'00'").as_deref(),
            Some("2017-03-04T12:00:00-08:00")
        );
        assert_eq!(pdf_date_to_iso("D:20170304").as_deref(), Some("2017-03-04"));
        assert_eq!(
            pdf_date_to_iso("D:20200101093000Z").as_deref(),
            Some("2020-01-01T09:30:00Z")
        );
        assert_eq!(pdf_date_to_iso("garbage"), None);
        assert_eq!(pdf_date_to_iso("D:20170231"), None, "no 31 February");
        assert_eq!(pdf_date_to_iso("D:201713"), None, "no month 13");
        assert_eq!(
            pdf_date_to_iso("D:20170304250000Z").as_deref(),
            Some("2017-03-04"),
            "an impossible clock leaves the day"
        );
    }

    #[test]
    fn printer_driver_titles_are_cleaned() {
        assert_eq!(
            clean_title("Microsoft Word - 1. & 13. MO DENYING Apps. to Seal.docx").as_deref(),
            Some("1. & 13. MO DENYING Apps. to Seal")
        );
        assert_eq!(clean_title("Overview").as_deref(), Some("Overview"));
        assert_eq!(clean_title(" .pdf "), None);
    }

    #[test]
    fn bids_only_on_the_pdf_signature() {
        let x = PdfExtractor::new("/nonexistent", Duration::from_secs(1), 64);
        let probe = |head: &'static [u8]| Probe {
            file_name: Some("a.pdf"),
            head,
            declared_kind: None,
        };
        assert_eq!(x.bid(&probe(b"%PDF-1.7\n")), 95);
        assert_eq!(x.bid(&probe(b"<html>")), 0);
    }

    #[test]
    fn the_workers_log_lines_are_passed_on_and_its_own_complaints_kept_for_the_error() {
        let stderr = " WARN lopdf::reader: bad xref\nDEBUG pdf_extract: font\ndossier-pdf-worker: bad request: no magic";
        assert_eq!(
            forward_worker_log(stderr),
            "dossier-pdf-worker: bad request: no magic"
        );
    }

    #[test]
    fn a_missing_worker_is_a_clear_error_not_a_crash() {
        let x = PdfExtractor::new(
            "/nonexistent/dossier-pdf-worker",
            Duration::from_secs(1),
            64,
        );
        let err = x
            .extract(b"%PDF-1.4", &Hints::default())
            .expect_err("no worker");
        assert!(err.to_string().contains("cannot start"), "{err}");
    }

    #[test]
    fn a_filing_is_dated_by_its_stamp_and_blank_scanned_pages_need_ocr() {
        let mut x = Extraction {
            pages: vec![
                "Case 2:16-cv-06794-AB-JC Document 168 Filed 02/01/19 Page 1 of 2 Page ID #:3594\nUNITED STATES DISTRICT COURT\nCENTRAL DISTRICT OF CALIFORNIA\n".into(),
                "\n".into(),
            ],
            ..Extraction::default()
        };
        x.kind = "attachment".into();
        describe(
            &mut x,
            &[2],
            &[],
            Some("gov.uscourts.cacd.657892.168.0.pdf"),
        );
        assert_eq!(x.kind, "filing");
        assert_eq!(x.doc_date.as_deref(), Some("2019-02-01"));
        assert_eq!(x.meta.get("ecf.document").map(String::as_str), Some("168"));
        assert_eq!(
            x.meta.get("pages_needing_ocr").map(String::as_str),
            Some("2")
        );
        assert_eq!(x.meta.get("recap.court").map(String::as_str), Some("cacd"));
        assert!(x.warnings[0].contains("no text layer (needs OCR)"));
        assert_eq!(x.no_text, None, "one page has text: only a warning");
    }

    #[test]
    fn a_pdf_with_no_text_on_any_page_or_no_pages_says_why_it_gave_none() {
        let mut scan = Extraction {
            pages: vec!["\n".into(), " ".into()],
            ..Extraction::default()
        };
        describe(&mut scan, &[1, 2], &[], Some("scan.pdf"));
        let reason = scan
            .no_text
            .expect("a scan without text is not read silently");
        assert!(
            reason.starts_with("no text could be read from any of its 2 pages"),
            "{reason}"
        );
        assert!(reason.contains("needs OCR"), "{reason}");

        let mut empty = Extraction::default();
        describe(&mut empty, &[], &[], Some("empty.pdf"));
        assert_eq!(
            empty.no_text.as_deref(),
            Some("the PDF has no pages: there is no text to extract")
        );
    }
}
