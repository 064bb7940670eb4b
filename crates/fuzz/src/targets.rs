//! The targets: one per extractor the registry ships, one per streamed container, and the
//! search query parser. Adding a format is one line in [`TARGETS`].
//!
//! An extractor target runs what ingest runs on a file: the registry's bids (which read
//! headers too), the extractor on the whole input, then every child it returns (an email's
//! attachments) back through the registry, as the pipeline does. A panic anywhere is a
//! finding even though `dossier_extract::extract` would contain it in the app: a panic is
//! a bug of ours or of a parser we chose, and the document it hits loses its text.

use std::io::Cursor;
use std::time::Duration;

use dossier_extract::{
    Child, Container, DocxExtractor, EmailExtractor, ExtractError, Extractor, Hints, HtmlExtractor,
    ImageExtractor, LegacyOfficeExtractor, MboxContainer, MsgExtractor, OdfExtractor, PdfExtractor,
    PlainTextExtractor, PptxExtractor, Probe, PstContainer, Registry, RtfExtractor,
    SpreadsheetExtractor, TarExtractor, WaczContainer, WarcContainer, ZipExtractor,
};
use std::path::Path;
use std::sync::Arc;

use dossier_search::{DefaultOperator, DocumentTags, IndexDocument, SearchIndex, SearchRequest};

/// Where a target's seeds come from: files under `dir` of the shared corpus whose
/// extension (lowercased) is one of `extensions`; an empty list takes every file.
#[derive(Debug, Clone, Copy)]
pub struct SeedSource {
    /// A folder of the corpus, relative to its root.
    pub dir: &'static str,
    /// Extensions to take, without the dot.
    pub extensions: &'static [&'static str],
}

const fn corpus(dir: &'static str, extensions: &'static [&'static str]) -> SeedSource {
    SeedSource { dir, extensions }
}

/// What a target runs on each input.
#[derive(Clone, Copy)]
pub enum Kind {
    /// An in-process extractor, given the input under the target's file name.
    Extractor(fn() -> Box<dyn Extractor>),
    /// A streamed container: split the input, then extract every item through the registry.
    Container(fn() -> Box<dyn Container>),
    /// The PDF extractor through the real `dossier-pdf-worker` process.
    PdfWorker,
    /// A search, on the input read as UTF-8 (lossily) as the query: the parser, then the
    /// query run on a small real index with snippets, with either default operator.
    Query,
    /// An RFC 3161 time-stamp response (`.tsr`) or bare token, as `dossier timestamp
    /// import` reads a file a user was sent: parsed and its signature checked.
    TimestampResponse,
    /// Deliberate failures on command, to prove the supervisor catches each kind (tests).
    SelfTest,
}

/// One thing to fuzz.
#[derive(Clone, Copy)]
pub struct Target {
    /// Its name on the command line and the folder its findings and fixtures go in.
    pub name: &'static str,
    /// What it runs.
    pub kind: Kind,
    /// The file name the input is offered under (extractors bid on names).
    pub file_name: &'static str,
    /// Real files to start from.
    pub seeds: &'static [SeedSource],
    /// The format's own tokens, inserted and repeated by the mutator.
    pub tokens: &'static [&'static str],
}

/// WARC and ARC syntax: record starts, the headers the reader acts on, HTTP framing.
const WARC_TOKENS: &[&str] = &[
    "WARC/1.0\r\n",
    "WARC-Type: response\r\n",
    "WARC-Type: request\r\n",
    "WARC-Type: revisit\r\n",
    "WARC-Target-URI: http://example.com/\r\n",
    "WARC-Concurrent-To: <urn:uuid:1>\r\n",
    "WARC-Payload-Digest: sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ\r\n",
    "WARC-Block-Digest: sha256:",
    "Content-Length: 0\r\n",
    "Content-Length: 99999999999\r\n",
    "\r\n\r\n",
    "HTTP/1.1 200 OK\r\n",
    "Transfer-Encoding: chunked\r\n",
    "Content-Encoding: gzip\r\n",
    "Content-Encoding: br\r\n",
    "ffffffff\r\n",
    "filedesc://x.arc 0.0.0.0 20140101000000 text/plain 76\n",
    "PK\x03\x04",
];

const EMAIL_TOKENS: &[&str] = &[
    "\r\n",
    "\n\n",
    "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n",
    "Content-Type: message/rfc822\n\n",
    "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "Content-Disposition: attachment; filename=\"a.pdf\"\n",
    "charset=",
    "utf-7",
    "iso-2022-jp",
    "=?utf-8?B?",
    "=?iso-8859-1?Q?",
    "?=",
    "--b--",
    "\n--",
    "=\n",
    "=C3=A9",
    "Subject: ",
    "From: ",
    "References: <",
    ">",
    "Date: ",
    " (",
    ")",
    "\"",
    "\\",
    ",",
    ";",
];

const HTML_TOKENS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "<table><tr><td>",
    "<article>",
    "<!--",
    "-->",
    "<script>",
    "<style>",
    "<meta charset=\"",
    "<meta http-equiv=\"content-type\" content=\"text/html; charset=",
    "<meta property=\"article:published_time\" content=\"",
    "<time datetime=\"",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
    "&#x",
    "&amp;",
    "<![CDATA[",
    "<svg>",
    "<math>",
    "<template>",
    "<a href=\"javascript:",
    "<nav role=\"navigation\">",
    "class=\"comments\"",
    "<",
    ">",
    "\"",
];

/// Image signatures and the EXIF structures inside them.
const IMAGE_TOKENS: &[&str] = &[
    "PNG\r\n", "IHDR", "IDAT", "IEND", "eXIf", "II*\0", "MM\0*", "Exif\0\0", "RIFF", "WEBPVP8 ",
    "EXIF",
];

const PDF_TOKENS: &[&str] = &[
    " obj\n",
    "endobj\n",
    "stream\n",
    "\nendstream",
    "xref\n",
    "trailer\n",
    "startxref\n",
    "/Length ",
    "<<",
    ">>",
    "[",
    "]",
    "(",
    ")",
    "/Filter /FlateDecode",
    "/Type /ObjStm",
    "/Type /Page",
    "/Kids [",
    "/Parent ",
    " 0 R",
    "/Encrypt",
    "/ToUnicode",
    "/Differences [",
    "BT /F1 12 Tf (x) Tj ET",
    "%%EOF",
    "\\",
];

const MBOX_TOKENS: &[&str] = &[
    "\nFrom ",
    "From a@b Thu Jun 13 23:25:49 1996\n",
    "\n>From ",
    "\n>>From ",
    "\n\n",
    "\r\n",
    "Content-Length: ",
    "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n",
];

/// Names of the streams and storages of an Outlook message, and the compressed-RTF header.
const MSG_TOKENS: &[&str] = &[
    "_\0_\0s\0u\0b\0s\0t\0g\0",
    "__properties_version1.0",
    "__attach_version1.0_#00000000",
    "__recip_version1.0_#00000000",
    "LZFu",
    "MELA",
    "\\fromhtml1",
    "{\\*\\htmltag",
    "\\'e9",
    "\\u8364?",
];

/// The signature of a PST file and the shape of its header.
const PST_TOKENS: &[&str] = &["!BDN", "SM", "SO", "\x17\0", "\x0e\0", "\x01"];

const TEXT_TOKENS: &[&str] = &[
    "\u{feff}",
    "\u{fffe}",
    "\r\n",
    "# ",
    "```",
    "<!-- ",
    "\0",
    "\u{200b}",
    "é",
    "\u{1F600}",
];

const QUERY_TOKENS: &[&str] = &[
    "(",
    ")",
    "\"",
    " AND ",
    " OR ",
    " NOT ",
    "+",
    "-",
    "*",
    "~",
    "~2",
    "^",
    ":",
    "[",
    "]",
    "{",
    "}",
    " TO ",
    "title:",
    "from:",
    "to:",
    "custodian:",
    "series:",
    "kind:",
    "tag:",
    "date:",
    "text:",
    "2024",
    "2024-02",
    "2024-02-30",
    "..",
    "\\",
    " ",
    "'",
    "IN [",
    "é",
    "中文",
];

/// Zip packages: local headers, part names that steer the office readers, XML fragments.
const ZIP_TOKENS: &[&str] = &[
    "PK\x03\x04",
    "PK\x01\x02",
    "PK\x05\x06",
    "PK\x06\x06",
    "word/document.xml",
    "xl/workbook.xml",
    "ppt/presentation.xml",
    "content.xml",
    "<w:t>",
    "</w:p>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    "&e;",
    "../../",
];

const RTF_TOKENS: &[&str] = &[
    "{\\rtf1",
    "{",
    "}",
    "\\par ",
    "\\'e9",
    "\\u-3913?",
    "\\uc2 ",
    "\\bin99999 ",
    "{\\*\\fldinst ",
    "\\ansicpg1251",
    "{\\fonttbl{\\f0\\fcharset128 x;}}",
    "\\cell ",
];

const TAR_TOKENS: &[&str] = &[
    "ustar\x0000",
    "ustar  \x00",
    "\x1f",
    "../../",
    "0000644\x00",
];

/// Every target. `all` runs those that are not self-tests, in this order.
pub const TARGETS: &[Target] = &[
    Target {
        name: "text",
        kind: Kind::Extractor(|| Box::new(PlainTextExtractor)),
        file_name: "fuzz.txt",
        seeds: &[
            corpus("policies", &["md", "txt"]),
            corpus("emails", &["txt"]),
        ],
        tokens: TEXT_TOKENS,
    },
    Target {
        name: "email",
        kind: Kind::Extractor(|| Box::new(EmailExtractor)),
        file_name: "fuzz.eml",
        seeds: &[corpus("emails", &["eml"])],
        tokens: EMAIL_TOKENS,
    },
    Target {
        name: "maildir",
        kind: Kind::Extractor(|| Box::new(EmailExtractor)),
        file_name: "1234567890.M1P1.host:2,S",
        seeds: &[
            corpus("emails/stalwart-mail-parser/maildir", &[]),
            corpus("emails/enron/maildir", &[]),
        ],
        tokens: EMAIL_TOKENS,
    },
    Target {
        name: "mbox",
        kind: Kind::Container(|| Box::new(MboxContainer)),
        file_name: "fuzz.mbox",
        seeds: &[corpus("emails", &["mbox"])],
        tokens: MBOX_TOKENS,
    },
    Target {
        name: "warc",
        kind: Kind::Container(|| Box::new(WarcContainer)),
        file_name: "fuzz.warc",
        seeds: &[corpus("warc", &["warc", "gz", "arc", "bad"])],
        tokens: WARC_TOKENS,
    },
    Target {
        name: "wacz",
        kind: Kind::Container(|| Box::new(WaczContainer)),
        file_name: "fuzz.wacz",
        seeds: &[corpus("warc", &["wacz"])],
        tokens: WARC_TOKENS,
    },
    Target {
        name: "outlook-msg",
        kind: Kind::Extractor(|| Box::new(MsgExtractor)),
        file_name: "fuzz.msg",
        seeds: &[corpus("outlook", &["msg"])],
        tokens: MSG_TOKENS,
    },
    Target {
        name: "outlook-pst",
        kind: Kind::Container(|| Box::new(PstContainer)),
        file_name: "fuzz.pst",
        seeds: &[corpus("outlook", &["pst"])],
        tokens: PST_TOKENS,
    },
    Target {
        name: "html",
        kind: Kind::Extractor(|| Box::new(HtmlExtractor)),
        file_name: "fuzz.html",
        seeds: &[corpus("articles", &["html", "htm"])],
        tokens: HTML_TOKENS,
    },
    Target {
        name: "pdf",
        kind: Kind::PdfWorker,
        file_name: "fuzz.pdf",
        seeds: &[corpus("pdfs", &["pdf"])],
        tokens: PDF_TOKENS,
    },
    Target {
        name: "docx",
        kind: Kind::Extractor(|| Box::new(DocxExtractor)),
        file_name: "fuzz.docx",
        seeds: &[corpus("office", &["docx"])],
        tokens: ZIP_TOKENS,
    },
    Target {
        name: "odf",
        kind: Kind::Extractor(|| Box::new(OdfExtractor)),
        file_name: "fuzz.odt",
        seeds: &[corpus("office", &["odt", "odp"])],
        tokens: ZIP_TOKENS,
    },
    Target {
        name: "pptx",
        kind: Kind::Extractor(|| Box::new(PptxExtractor)),
        file_name: "fuzz.pptx",
        seeds: &[corpus("office", &["pptx"])],
        tokens: ZIP_TOKENS,
    },
    Target {
        name: "spreadsheet",
        kind: Kind::Extractor(|| Box::new(SpreadsheetExtractor)),
        file_name: "fuzz.xlsx",
        seeds: &[corpus("office", &["xlsx", "xlsm", "xlsb", "xls", "ods"])],
        tokens: ZIP_TOKENS,
    },
    Target {
        name: "rtf",
        kind: Kind::Extractor(|| Box::new(RtfExtractor)),
        file_name: "fuzz.rtf",
        seeds: &[corpus("office", &["rtf"])],
        tokens: RTF_TOKENS,
    },
    Target {
        name: "legacy-office",
        kind: Kind::Extractor(|| Box::new(LegacyOfficeExtractor)),
        file_name: "fuzz.doc",
        seeds: &[corpus("office", &["doc", "ppt"])],
        tokens: &[],
    },
    Target {
        name: "zip",
        kind: Kind::Extractor(|| Box::new(ZipExtractor)),
        file_name: "fuzz.zip",
        seeds: &[corpus("office", &["zip"])],
        tokens: ZIP_TOKENS,
    },
    Target {
        name: "tar",
        kind: Kind::Extractor(|| Box::new(TarExtractor)),
        file_name: "fuzz.tar.gz",
        seeds: &[corpus("warc", &["gz"])],
        tokens: TAR_TOKENS,
    },
    Target {
        // Every input goes through Tesseract (and its image decoders) as a process under
        // its time and memory limits, and through the EXIF reader in process.
        name: "image",
        kind: Kind::Extractor(|| Box::new(ImageExtractor::default())),
        file_name: "fuzz.png",
        seeds: &[
            corpus("scans/photos", &["jpg", "png", "webp"]),
            corpus("scans/real", &["png", "tif"]),
        ],
        tokens: IMAGE_TOKENS,
    },
    Target {
        name: "query",
        kind: Kind::Query,
        file_name: "query",
        seeds: &[],
        tokens: QUERY_TOKENS,
    },
    Target {
        name: "timestamp",
        kind: Kind::TimestampResponse,
        file_name: "fuzz.tsr",
        // Seeded with responses of a real local authority (`seeds.rs`); there are none in
        // the corpus.
        seeds: &[],
        tokens: &[],
    },
    Target {
        name: "selftest",
        kind: Kind::SelfTest,
        file_name: "selftest",
        seeds: &[],
        tokens: &[],
    },
];

/// Queries a user writes, in the app's syntax, to mutate from.
pub const QUERY_SEEDS: &[&str] = &[
    "contract breach",
    "\"terms of service\"",
    "\"data retention\"~5",
    "privacy AND (policy OR notice) NOT cookie",
    "+linkedin -zoom",
    "title:agreement",
    "from:alice to:bob",
    "custodian:\"Kenneth Lay\"",
    "series:whatsapp kind:email tag:hot",
    "date:2024",
    "date:[2023-01-01 TO 2024-06-30]",
    "date:{2020 TO *}",
    "retent*",
    "arbitraton~1",
    "\"opt in\"",
    "(a OR (b AND (c OR d)))",
    "title:(consent OR \"legitimate interest\")^2",
    "données personnelles",
    "個人情報",
];

impl Target {
    /// The target of this name, if there is one.
    pub fn named(name: &str) -> Option<&'static Target> {
        TARGETS.iter().find(|t| t.name == name)
    }

    /// Whether `all` includes it.
    pub fn in_all(&self) -> bool {
        !matches!(self.kind, Kind::SelfTest)
    }
}

/// What one input did, as the child process reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Read or refused cleanly.
    Fine,
    /// Failed in a way the design contains on purpose and reports as the document's
    /// status (the PDF parser's panic caught inside its worker). Counted, not a finding.
    Contained(String),
    /// Something the supervisor would otherwise not see: the worker process of the PDF
    /// target crashed, hung or ran out of memory (`kind` is `abort`, `hang` or `oom`).
    Failed {
        /// `abort`, `hang` or `oom`.
        kind: &'static str,
        /// What happened.
        message: String,
    },
}

/// Limits a target runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long one input may take before it counts as a hang.
    pub hang: Duration,
    /// The address space the child (and the PDF worker) may use, in MiB.
    pub memory_mb: u64,
}

/// A target made ready to run inputs (the registry, the schema, the worker's path).
pub struct Prepared {
    target: &'static Target,
    registry: Registry,
    search: Option<SearchIndex>,
    pdf: Option<PdfExtractor>,
}

impl Prepared {
    /// Builds what `target` needs, once per child process; `scratch` is a folder of its own
    /// (the query target's index lives there).
    pub fn new(target: &'static Target, limits: Limits, scratch: &Path) -> Result<Self, String> {
        let pdf = match target.kind {
            Kind::PdfWorker => {
                let worker = dossier_extract::pdf::locate_worker()
                    .ok_or_else(dossier_extract::pdf::worker_missing_message)?;
                // Below the supervisor's hang limit, so a stuck parser is reported by the
                // extractor (which kills its worker) rather than by killing this process.
                Some(PdfExtractor::new(
                    worker,
                    limits.hang * 3 / 4,
                    limits.memory_mb,
                ))
            }
            _ => None,
        };
        let search = match target.kind {
            Kind::Query => Some(small_index(scratch)?),
            _ => None,
        };
        Ok(Prepared {
            target,
            registry: Registry::standard(),
            search,
            pdf,
        })
    }

    /// Runs one input. Panics propagate: the caller catches them.
    pub fn run(&self, input: &[u8]) -> Verdict {
        match self.target.kind {
            Kind::Extractor(make) => {
                let x = make();
                self.extract_with(x.as_ref(), input, Some(self.target.file_name), None, 0);
                Verdict::Fine
            }
            Kind::Container(make) => {
                let c = make();
                let probe = Probe::named(self.target.file_name, head(input));
                let _ = c.bid(&probe);
                let _ = c.describe(&hints(Some(self.target.file_name), None));
                for child in c.split(Box::new(Cursor::new(input))) {
                    match child {
                        Ok(child) => self.child(child, 1),
                        Err(_) => break,
                    }
                }
                Verdict::Fine
            }
            Kind::PdfWorker => {
                let Some(pdf) = &self.pdf else {
                    return Verdict::Fine;
                };
                let _ = pdf.bid(&Probe::named(self.target.file_name, head(input)));
                pdf_verdict(pdf.extract(input, &hints(Some(self.target.file_name), None)))
            }
            Kind::Query => {
                let Some(index) = &self.search else {
                    return Verdict::Fine;
                };
                let query = String::from_utf8_lossy(input).into_owned();
                // Every page's document is tagged "Hot", so `tag:` finds something.
                let tags = Arc::new(DocumentTags::new(
                    PAGES.iter().map(|page| ("Hot".to_owned(), page.0)),
                ));
                for operator in [DefaultOperator::And, DefaultOperator::Or] {
                    let request = SearchRequest {
                        query: query.clone(),
                        tags: Arc::clone(&tags),
                        limit: 10,
                        pages_per_hit: 3,
                        operator,
                        ..SearchRequest::default()
                    };
                    let _ = index.search(&request, &mut |id, page| page_text(id, page));
                }
                Verdict::Fine
            }
            Kind::TimestampResponse => {
                let _ = dossier_timestamp::read_response(input);
                let _ = dossier_timestamp::Token::read(input);
                Verdict::Fine
            }
            Kind::SelfTest => self_test(input),
        }
    }

    fn extract_with(
        &self,
        x: &dyn Extractor,
        bytes: &[u8],
        file_name: Option<&str>,
        media_type: Option<&str>,
        depth: usize,
    ) {
        let probe = Probe {
            file_name,
            head: head(bytes),
            declared_kind: None,
        };
        let _ = x.bid(&probe);
        let _ = self.registry.choose_container(&probe);
        if let Ok(mut found) = x.extract(bytes, &hints(file_name, media_type)) {
            for child in std::mem::take(&mut found.children) {
                self.child(child, depth + 1);
            }
        }
    }

    /// An item found inside the input, sent back through the registry as ingest sends it.
    /// PDFs inside are left to the PDF target (each would start a worker process).
    fn child(&self, child: Child, depth: usize) {
        if depth > 4 {
            return;
        }
        let mut name = child.name.clone().unwrap_or_else(|| "attachment".into());
        if child.media_type.as_deref() == Some("message/rfc822") && !name.ends_with(".eml") {
            name.push_str(".eml");
        }
        let probe = Probe::named(&name, head(&child.bytes));
        if let Some(x) = self.registry.choose(&probe)
            && x.name() != "pdf"
        {
            self.extract_with(
                x,
                &child.bytes,
                Some(&name),
                child.media_type.as_deref(),
                depth,
            );
        }
    }
}

/// The pages of the query target's index: words the query seeds use, accents, CJK,
/// hyphens, dates of every precision, tags, custodians and senders.
const PAGES: &[(i64, &str, &str, &str, &str)] = &[
    (
        1,
        "email",
        "Quarterly results",
        "2001-05-04",
        "The quick brown fox: terms of service, opt-in data retention for arbitration.",
    ),
    (
        2,
        "article",
        "Privacy policy change",
        "2024-08-15",
        "Users were opted in to sharing données personnelles without consent; legitimate interest.",
    ),
    (
        3,
        "policy",
        "東京の規約",
        "2024-09",
        "東京都の利用規約。個人情報を尊重します。",
    ),
    (
        4,
        "filing",
        "Complaint for breach of contract",
        "2024",
        "Plaintiffs allege the network quietly enabled data sharing (cookie notice).",
    ),
];

fn page_text(id: i64, _page: u32) -> Option<String> {
    PAGES.iter().find(|p| p.0 == id).map(|p| p.4.to_owned())
}

/// A real index in `scratch` holding [`PAGES`].
fn small_index(scratch: &Path) -> Result<SearchIndex, String> {
    let fail = |e: dossier_search::SearchError| {
        format!(
            "cannot build the search index in {}: {e}",
            scratch.display()
        )
    };
    let index = SearchIndex::open(&scratch.join("index")).map_err(fail)?;
    if index.entries() == 0 {
        let Some(mut writer) = index.writer().map_err(fail)? else {
            return Err(format!(
                "the search index in {} is locked",
                scratch.display()
            ));
        };
        for &(id, kind, title, date, text) in PAGES {
            writer
                .add(&IndexDocument {
                    id,
                    stamp: 1,
                    kind: kind.into(),
                    title: Some(title.into()),
                    date: Some(date.into()),
                    custodians: vec!["Kenneth Lay".into()],
                    from: vec!["Alice <alice@example.org>".into()],
                    to: vec!["Bob <bob@example.org>".into()],
                    series: vec!["whatsapp".into()],
                    text: text.into(),
                    ..IndexDocument::default()
                })
                .map_err(fail)?;
        }
        writer.finish().map_err(fail)?;
        index.reload().map_err(fail)?;
    }
    Ok(index)
}

/// The head the pipeline probes with (8 KiB).
fn head(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(8 * 1024)]
}

fn hints(file_name: Option<&str>, media_type: Option<&str>) -> Hints {
    Hints {
        file_name: file_name.map(str::to_owned),
        media_type: media_type.map(str::to_owned),
        ..Hints::default()
    }
}

/// The PDF worker's failures by kind: its crashes, hangs and memory are what the process
/// boundary hides from the supervisor, so they are findings; a parser panic the worker
/// caught is the contained, designed result.
fn pdf_verdict(result: Result<dossier_extract::Extraction, ExtractError>) -> Verdict {
    match result {
        // The worker also catches the parser's panic on one page and goes on with the next,
        // reporting it as a warning.
        Ok(x) => match x
            .warnings
            .into_iter()
            .find(|w| w.contains("parser crashed"))
        {
            Some(w) => Verdict::Contained(w),
            None => Verdict::Fine,
        },
        Err(ExtractError::NeedsPassword { .. }) => Verdict::Fine,
        Err(ExtractError::Malformed { reason, .. }) if reason.contains("parser crashed") => {
            Verdict::Contained(reason)
        }
        Err(ExtractError::Malformed { .. }) => Verdict::Fine,
        Err(ExtractError::TimedOut { seconds, .. }) => Verdict::Failed {
            kind: "hang",
            message: format!("the PDF worker ran past its {seconds} s limit"),
        },
        Err(ExtractError::Crashed { reason, .. }) => Verdict::Failed {
            kind: if reason.contains("memory allocation") {
                "oom"
            } else {
                "abort"
            },
            message: format!("the PDF worker died: {reason}"),
        },
        Err(ExtractError::Panicked { message, .. }) => {
            // Not returned by PdfExtractor::extract itself; kept exhaustive.
            Verdict::Contained(message)
        }
    }
}

/// Fails on command: `panic`, `overflow` (unbounded recursion), `hang`, `oom`.
fn self_test(input: &[u8]) -> Verdict {
    fn recurse(depth: u64) -> u64 {
        let pad = std::hint::black_box([depth; 64]);
        if depth == u64::MAX {
            return pad[0];
        }
        recurse(depth + 1).wrapping_add(pad[1])
    }
    match input {
        b"panic" => panic!("self-test panic"),
        b"overflow" => {
            std::hint::black_box(recurse(0));
        }
        b"hang" => loop {
            std::thread::sleep(Duration::from_millis(50));
        },
        b"oom" => {
            let big: Vec<u8> = Vec::with_capacity(std::hint::black_box(1 << 42));
            std::hint::black_box(big);
        }
        _ => {}
    }
    Verdict::Fine
}
