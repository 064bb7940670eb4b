//! OCR: text, word boxes and confidences read from images of pages by Tesseract.
//!
//! Tesseract runs as an external program (Debian's `tesseract-ocr`), one process per
//! document, under a time limit and an address-space limit, exactly as the PDF worker
//! runs: whatever it does on a hostile image, the caller gets a page list or an
//! [`ExtractError`] naming the reason, never a crash or a hang. Its `tsv` output gives
//! every word with its box and confidence, from which the page text is rebuilt (lines,
//! paragraphs) and the viewer later draws an invisible text layer over the scan.
//!
//! Orientation: Tesseract runs with page segmentation mode 1 (automatic segmentation
//! with orientation and script detection), so a page scanned upside down or sideways,
//! or a photo whose camera wrote an EXIF orientation, is read the right way up; its
//! word boxes stay in the coordinates of the image as stored.
//!
//! PDF pages are rendered to images by poppler's `pdftoppm` ([`render`]).

pub mod render;

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::ExtractError;

/// The warning put on a document when it needed OCR and Tesseract is not installed.
pub const TESSERACT_MISSING: &str = "OCR unavailable: tesseract not installed";
/// Overrides where the `tesseract` program is.
pub const TESSERACT_ENV: &str = "DOSSIER_TESSERACT";
/// Overrides the OCR time limit per document, in seconds.
pub const OCR_TIMEOUT_ENV: &str = "DOSSIER_OCR_TIMEOUT_SECS";
/// Overrides the OCR memory limit, in MiB.
pub const OCR_MEMORY_ENV: &str = "DOSSIER_OCR_MEMORY_MB";
/// Told, as Tesseract starts each page of a document, how many pages it has started: the
/// progress of `dossier ocr` page by page (Tesseract says `Page N` on stderr as it goes).
#[derive(Clone)]
pub struct PageProgress(pub Arc<dyn Fn(u32) + Send + Sync>);

impl std::fmt::Debug for PageProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageProgress")
    }
}

/// The engine's name, recorded with every OCR page.
pub const ENGINE: &str = "tesseract";

/// When pages are OCRed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without a text layer (and images) are OCRed; pages with one are not.
    #[default]
    Auto,
    /// Every page is OCRed, even one with a text layer.
    Force,
    /// Nothing is OCRed.
    Off,
}

impl OcrMode {
    /// Parses `auto`, `force` or `off`.
    pub fn parse(s: &str) -> Result<OcrMode, String> {
        match s {
            "auto" => Ok(OcrMode::Auto),
            "force" => Ok(OcrMode::Force),
            "off" => Ok(OcrMode::Off),
            other => Err(format!(
                "unknown OCR mode {other:?}: expected auto, force or off"
            )),
        }
    }
}

/// How one ingest or `dossier ocr` run OCRs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrSettings {
    /// When.
    pub mode: OcrMode,
    /// Tesseract's language list, `eng` or `eng+deu`.
    pub languages: String,
}

impl Default for OcrSettings {
    fn default() -> Self {
        OcrSettings {
            mode: OcrMode::Auto,
            languages: "eng".into(),
        }
    }
}

/// Checks a language list: `+`-separated Tesseract codes (letters, digits, `_`), so
/// nothing else ever reaches the command line.
pub fn check_languages(languages: &str) -> Result<(), String> {
    let ok = !languages.is_empty()
        && languages.split('+').all(|code| {
            !code.is_empty()
                && code.len() <= 32
                && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "OCR languages {languages:?} are not a list of Tesseract codes like eng or eng+deu"
        ))
    }
}

/// One word read by OCR, its box in pixels of the image OCRed (origin top left).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrWord {
    /// The word.
    pub text: String,
    /// Left edge.
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Tesseract's confidence, 0 to 100.
    pub confidence: u8,
}

/// What OCR read on one page: derived data that records its maker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrPage {
    /// Page number, from 1.
    pub page: u32,
    /// `tesseract`.
    pub engine: String,
    /// The engine's version (`5.3.0`).
    pub engine_version: String,
    /// The languages asked for.
    pub languages: String,
    /// Width of the image OCRed, in pixels.
    pub image_width: u32,
    /// Height of the image OCRed, in pixels.
    pub image_height: u32,
    /// Pixels per inch of the rendering, for a PDF page (page coordinates in points are
    /// pixels × 72 / dpi); 0 for an image, whose coordinates are its pixels.
    pub dpi: u32,
    /// The mean of the words' confidences, 0 to 100 (0 when no word was read).
    pub mean_confidence: u8,
    /// The words in reading order.
    pub words: Vec<OcrWord>,
    /// The text rebuilt from the words: words of a line joined by spaces, lines by line
    /// breaks, paragraphs by an empty line.
    pub text: String,
}

impl OcrPage {
    /// The words one per line, `left top width height confidence text` separated by tabs:
    /// the stored form (Tesseract's words never contain whitespace).
    pub fn words_tsv(&self) -> String {
        let mut out = String::with_capacity(self.words.len() * 24);
        for w in &self.words {
            out += &format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                w.left, w.top, w.width, w.height, w.confidence, w.text
            );
        }
        out
    }
}

/// The `tesseract` program with the limits it runs under.
#[derive(Debug, Clone)]
pub struct Tesseract {
    program: PathBuf,
    timeout: Duration,
    memory_mb: u64,
}

impl Default for Tesseract {
    /// `tesseract` from [`TESSERACT_ENV`] or the `PATH`; limits from the environment,
    /// else 600 s per document and 2048 MiB.
    fn default() -> Self {
        let env_u64 = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
        Tesseract {
            program: std::env::var_os(TESSERACT_ENV)
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("tesseract")),
            timeout: Duration::from_secs(env_u64(OCR_TIMEOUT_ENV).unwrap_or(600)),
            memory_mb: env_u64(OCR_MEMORY_ENV).unwrap_or(2048),
        }
    }
}

/// Why OCR gave nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrFailure {
    /// Tesseract is not installed (or not where [`TESSERACT_ENV`] says).
    Missing,
    /// It ran and failed; the reason.
    Failed(ExtractError),
}

impl Tesseract {
    /// This program with these limits.
    pub fn new(program: impl Into<PathBuf>, timeout: Duration, memory_mb: u64) -> Self {
        Tesseract {
            program: program.into(),
            timeout,
            memory_mb,
        }
    }

    /// The time limit per document and the memory limit, which rendering shares.
    pub fn limits(&self) -> (Duration, u64) {
        (self.timeout, self.memory_mb)
    }

    /// The installed version (`5.3.0`), or `None` when the program cannot be run.
    pub fn version(&self) -> Option<String> {
        /// Each program's version, asked once per process (every document needs it).
        type Versions = std::sync::Mutex<Vec<(PathBuf, Option<String>)>>;
        static CACHE: OnceLock<Versions> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut known = cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, v)) = known.iter().find(|(p, _)| *p == self.program) {
            return v.clone();
        }
        let version = Command::new(&self.program)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .ok()
            .and_then(|out| {
                // Tesseract 5 prints `tesseract 5.3.0` on stdout; older ones on stderr.
                let all = [out.stdout, out.stderr].concat();
                let text = String::from_utf8_lossy(&all).into_owned();
                text.lines()
                    .find_map(|l| l.strip_prefix("tesseract "))
                    .map(|v| v.trim().trim_start_matches('v').to_owned())
            });
        known.push((self.program.clone(), version.clone()));
        version
    }

    /// OCRs these images (one page each, or a multi-page TIFF whose pages all count) in
    /// one process, numbering pages from `first_page` in the order given; `page_numbers`
    /// (when not empty) names each image's page instead. `progress` is told as each page
    /// starts.
    pub fn read(
        &self,
        images: &[PathBuf],
        page_numbers: &[u32],
        dpi: u32,
        languages: &str,
        work: &Path,
        progress: Option<&PageProgress>,
    ) -> Result<Vec<OcrPage>, OcrFailure> {
        let failed = |reason: String| {
            OcrFailure::Failed(ExtractError::Crashed {
                extractor: "ocr",
                reason,
            })
        };
        let version = self.version().ok_or(OcrFailure::Missing)?;
        check_languages(languages).map_err(|e| {
            OcrFailure::Failed(ExtractError::Malformed {
                format: "OCR settings",
                reason: e,
            })
        })?;
        // A list file makes one process read every page: the language model is loaded
        // once per document, not once per page. One image is named directly, so that
        // every page of a multi-page TIFF is read.
        let input = if let [one] = images {
            one.clone()
        } else {
            let list = work.join("pages.txt");
            let names: Vec<String> = images.iter().map(|p| p.display().to_string()).collect();
            std::fs::write(&list, names.join("\n") + "\n")
                .map_err(|e| failed(format!("cannot write {}: {e}", list.display())))?;
            list
        };
        let out_base = work.join("ocr");
        let mut command = Command::new(&self.program);
        command
            .arg(&input)
            .arg(&out_base)
            .arg("-l")
            .arg(languages)
            .arg("--psm")
            .arg("1")
            // Tesseract's own threads fight over cores with the pages Dossier runs in
            // parallel (one per ingest worker); one thread each is faster overall.
            .env("OMP_THREAD_LIMIT", "1");
        if dpi > 0 {
            command.arg("--dpi").arg(dpi.to_string());
        }
        command.arg("tsv");
        let status = run_limited(command, self.timeout, self.memory_mb, progress.cloned())?;
        let tsv_path = out_base.with_extension("tsv");
        let tsv = std::fs::read_to_string(&tsv_path).map_err(|e| {
            failed(format!(
                "tesseract gave no output ({status}; {e}): is the language {languages} installed?"
            ))
        })?;
        let mut pages = parse_tsv(&tsv);
        for (i, page) in pages.iter_mut().enumerate() {
            if let Some(n) = page_numbers.get(i) {
                page.page = *n;
            }
            page.engine = ENGINE.into();
            page.engine_version = version.clone();
            page.languages = languages.to_owned();
            page.dpi = dpi;
        }
        Ok(pages)
    }
}

/// Runs a command with stdin closed, stdout discarded and stderr kept, killed after
/// `timeout`, its address space capped at `memory_mb` (Linux: set on the child right
/// after it starts, before it has loaded a model or an image). Each stderr line that
/// starts with `Page ` tells `pages` how many have started. Returns how it ended, or why
/// it failed.
fn run_limited(
    mut command: Command,
    timeout: Duration,
    memory_mb: u64,
    pages: Option<PageProgress>,
) -> Result<String, OcrFailure> {
    let failed = |reason: String| {
        OcrFailure::Failed(ExtractError::Crashed {
            extractor: "ocr",
            reason,
        })
    };
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = match command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OcrFailure::Missing),
        Err(e) => return Err(failed(format!("cannot start {program}: {e}"))),
    };
    limit_memory(child.id(), memory_mb);
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut err = Vec::new();
        if let Some(s) = stderr {
            let mut lines = std::io::BufReader::new(s.take(64 * 1024));
            let mut started = 0;
            loop {
                let from = err.len();
                match lines.read_until(b'\n', &mut err) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if let Some(pages) = &pages
                            && err[from..].starts_with(b"Page ")
                        {
                            started += 1;
                            (pages.0)(started);
                        }
                    }
                }
            }
        }
        String::from_utf8_lossy(&err).trim().to_owned()
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = errors.join();
                return Err(OcrFailure::Failed(ExtractError::TimedOut {
                    extractor: "ocr",
                    seconds: timeout.as_secs(),
                }));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(failed(format!("{program} was lost: {e}"))),
        }
    };
    let stderr_text = errors.join().unwrap_or_default();
    if status.success() {
        return Ok(status.to_string());
    }
    let detail = stderr_text
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or_default();
    Err(failed(match signal_of(&status) {
        Some(sig) => {
            format!("{program} was killed by signal {sig} (memory limit {memory_mb} MiB?)")
        }
        None if detail.is_empty() => format!("{program} exited with {status}"),
        None => format!("{program} exited with {status}: {detail}"),
    }))
}

#[cfg(target_os = "linux")]
fn limit_memory(pid: u32, memory_mb: u64) {
    let bytes = memory_mb.saturating_mul(1 << 20);
    // A failure leaves the time limit as the only bound; there is nothing better to do.
    let _ = rlimit::prlimit(pid as i32, rlimit::Resource::AS, Some((bytes, bytes)), None);
}

#[cfg(not(target_os = "linux"))]
fn limit_memory(_: u32, _: u64) {}

#[cfg(unix)]
fn signal_of(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

#[cfg(not(unix))]
fn signal_of(_: &std::process::ExitStatus) -> Option<i32> {
    None
}

/// Tesseract's `tsv` output as pages: level 1 rows open a page (with its size), level 5
/// rows are words; block, paragraph and line numbers decide where line breaks go.
pub fn parse_tsv(tsv: &str) -> Vec<OcrPage> {
    let mut pages: Vec<OcrPage> = Vec::new();
    let mut last_line: Option<(u32, u32, u32)> = None;
    let mut last_par: Option<(u32, u32)> = None;
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 11 {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<i64>().unwrap_or(0).max(0) as u32;
        match num(0) {
            1 => {
                pages.push(OcrPage {
                    page: pages.len() as u32 + 1,
                    engine: String::new(),
                    engine_version: String::new(),
                    languages: String::new(),
                    image_width: num(8),
                    image_height: num(9),
                    dpi: 0,
                    mean_confidence: 0,
                    words: Vec::new(),
                    text: String::new(),
                });
                last_line = None;
                last_par = None;
            }
            5 => {
                let text = cols.get(11).map(|t| t.trim()).unwrap_or_default();
                let Some(page) = pages.last_mut() else {
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                let par = (num(2), num(3));
                let line = (num(2), num(3), num(4));
                if last_line.is_some() {
                    if last_par != Some(par) {
                        page.text.push_str("\n\n");
                    } else if last_line != Some(line) {
                        page.text.push('\n');
                    } else {
                        page.text.push(' ');
                    }
                }
                page.text.push_str(text);
                last_line = Some(line);
                last_par = Some(par);
                let confidence = cols[10].trim().parse::<f64>().unwrap_or(0.0);
                page.words.push(OcrWord {
                    text: text.to_owned(),
                    left: num(6),
                    top: num(7),
                    width: num(8),
                    height: num(9),
                    confidence: confidence.round().clamp(0.0, 100.0) as u8,
                });
            }
            _ => {}
        }
    }
    for page in &mut pages {
        if !page.words.is_empty() {
            let sum: u64 = page.words.iter().map(|w| u64::from(w.confidence)).sum();
            page.mean_confidence = (sum as f64 / page.words.len() as f64).round() as u8;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_words_with_boxes_and_lines_and_paragraphs() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n\
5\t1\t1\t1\t1\t1\t100\t50\t80\t30\t96.5\tUnited\n\
5\t1\t1\t1\t1\t2\t190\t50\t80\t30\t90\tStates\n\
5\t1\t1\t1\t2\t1\t100\t90\t80\t30\t80\tCourt\n\
5\t1\t1\t2\t1\t1\t100\t200\t80\t30\t70\tOrder\n\
1\t2\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n";
        let pages = parse_tsv(tsv);
        assert_eq!(pages.len(), 2, "an empty second page is still a page");
        assert_eq!(pages[0].text, "United States\nCourt\n\nOrder");
        assert_eq!(pages[0].words.len(), 4);
        assert_eq!(pages[0].words[0].confidence, 97);
        assert_eq!((pages[0].words[1].left, pages[0].words[1].top), (190, 50));
        assert_eq!(
            pages[0].mean_confidence, 84,
            "the mean of the rounded confidences"
        );
        assert_eq!((pages[0].image_width, pages[0].image_height), (2550, 3300));
        assert_eq!(pages[1].text, "");
        assert_eq!(pages[1].mean_confidence, 0);
        assert_eq!(
            pages[0].words_tsv().lines().next(),
            Some("100\t50\t80\t30\t97\tUnited")
        );
    }

    #[test]
    fn languages_are_tesseract_codes_and_nothing_else() {
        assert!(check_languages("eng").is_ok());
        assert!(check_languages("eng+deu").is_ok());
        assert!(check_languages("chi_sim").is_ok());
        for bad in ["", "eng+", "eng deu", "--psm", "../x"] {
            assert!(check_languages(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_missing_tesseract_is_reported_as_missing_not_as_an_empty_success() {
        let t = Tesseract::new("/nonexistent/tesseract", Duration::from_secs(5), 256);
        let work = tempfile::tempdir().expect("tempdir");
        let got = t.read(
            &[work.path().join("a.png")],
            &[],
            0,
            "eng",
            work.path(),
            None,
        );
        assert_eq!(got, Err(OcrFailure::Missing));
    }

    #[cfg(unix)]
    #[test]
    fn each_page_tesseract_starts_is_told_as_it_starts_and_other_lines_are_not() {
        // Tesseract's stderr for a list of pages, with a warning between them.
        let mut command = Command::new("sh");
        command.args([
            "-c",
            "echo 'Page 1 : a.png' >&2; echo 'Warning: Invalid resolution' >&2; \
             echo 'Page 2 : b.png' >&2; echo 'Page 3 : c.png' >&2",
        ]);
        let told = Arc::new(std::sync::Mutex::new(Vec::new()));
        let progress = PageProgress(Arc::new({
            let told = Arc::clone(&told);
            move |n| told.lock().expect("lock").push(n)
        }));
        let status = run_limited(command, Duration::from_secs(20), 512, Some(progress));
        assert!(status.is_ok(), "{status:?}");
        assert_eq!(*told.lock().expect("lock"), [1, 2, 3]);
    }
}
