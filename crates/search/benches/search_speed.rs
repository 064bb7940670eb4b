//! Search speed against SQLite FTS5, side by side in one run, over real passages: the
//! paragraphs of the shared corpus, of this machine's man pages (`zcat`, roff stripped) and of
//! its package documentation (`/usr/share/doc`: changelogs, READMEs), each kept once.
//!
//! For each size (200,000 passages, then 1,000,000 when that many real passages exist) both
//! engines index the same passages; then the same generated queries (term, phrase, AND, OR,
//! prefix, and phrases holding common words such as `"of the"` or `"is not a"`; 200 of
//! each) run on both, top 10 with snippets, and p50/p99 latencies are printed
//! with build times and sizes. Each query runs five times on each engine, interleaved, and
//! its median time counts: on a shared machine one preemption would otherwise decide a p99
//! (2 of 200 queries); the same rule applies to both engines. The slowest queries of each kind
//! are listed after the table, to show where the tail comes from. Dossier's side is the real `SearchIndex::search` (it also
//! counts every match exactly and computes facets, and reads snippet text from SQLite as the
//! app does); FTS5's side is `MATCH … ORDER BY rank LIMIT 10` with `snippet()`.
//!
//! Run: `cargo bench -p dossier-search --bench search_speed [-- SIZE...]`
//!
//! Both engines' files go in a temporary folder (about 650 MB at 1,000,000 passages: the
//! passages in SQLite, the tantivy index, the FTS5 database); set `TMPDIR` to choose where.

mod ir;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier_search::{DefaultOperator, IndexDocument, SearchIndex, SearchRequest};

const QUERIES_PER_KIND: usize = 200;
const KINDS: [&str; 6] = ["term", "phrase", "AND", "OR", "prefix", "common phrase"];
/// Words a phrase of the "common phrase" kind holds at least one of: the most frequent
/// English words, whose postings are the longest a phrase can meet.
const COMMON_WORDS: &[&str] = &[
    "the", "of", "to", "and", "a", "in", "is", "it", "that", "for", "on", "be", "not", "by", "at",
    "as", "or", "with", "this", "from",
];
/// Runs of every query on each engine; the median counts.
const ROUNDS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![200_000, 1_000_000]
    } else {
        sizes
    };
    let started = Instant::now();
    let all = real_passages()?;
    let text_bytes: usize = all.iter().map(String::len).sum();
    println!(
        "{} distinct real passages ({:.0} MB) from the corpus and man pages, read in {:.1} s",
        all.len(),
        text_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    for size in sizes {
        if size > all.len() {
            println!(
                "\n## {size} passages: SKIPPED, only {} real passages are available here",
                all.len()
            );
            continue;
        }
        run(&all[..size])?;
    }
    Ok(())
}

fn run(passages: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let n = passages.len();
    let text_bytes: usize = passages.iter().map(String::len).sum();
    println!(
        "\n## {n} passages, {:.1} MB of text\n",
        text_bytes as f64 / 1e6
    );
    let dir = tempfile::tempdir()?;

    // The passages' text in SQLite, where the app's snippets read it from.
    let store = rusqlite::Connection::open(dir.path().join("store.sqlite"))?;
    store.execute_batch(
        "PRAGMA journal_mode = WAL; CREATE TABLE p (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
    )?;
    insert_all(&store, "INSERT INTO p (id, text) VALUES (?1, ?2)", passages)?;

    let t = Instant::now();
    let index = SearchIndex::open(&dir.path().join("index"))?;
    let mut writer = index.writer_with_threads(2, 1 << 30)?.ok_or("index busy")?;
    for (i, text) in passages.iter().enumerate() {
        writer.add(&IndexDocument {
            id: i as i64 + 1,
            kind: "passage".into(),
            text: text.clone(),
            ..IndexDocument::default()
        })?;
    }
    // As `dossier reindex` builds it: bulk-loaded, then merged into one segment.
    writer.finish_compact()?;
    index.reload()?;
    let ours_build = t.elapsed();
    let ours_size = dir_size(&dir.path().join("index"))?;

    let t = Instant::now();
    let fts_path = dir.path().join("fts.sqlite");
    let fts = rusqlite::Connection::open(&fts_path)?;
    fts.execute_batch(
        "CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    insert_all(
        &fts,
        "INSERT INTO f (rowid, text) VALUES (?1, ?2)",
        passages,
    )?;
    fts.execute_batch("INSERT INTO f(f) VALUES('optimize');")?;
    let fts_build = t.elapsed();
    let fts_size = fs::metadata(&fts_path)?.len();

    println!("| | build | on disk | on disk / text |");
    println!("|---|---|---|---|");
    println!(
        "| Dossier (tantivy) | {:.1} s | {:.1} MB | {:.2} |",
        ours_build.as_secs_f64(),
        ours_size as f64 / 1e6,
        ours_size as f64 / text_bytes as f64
    );
    println!(
        "| FTS5 (incl. its copy of the text) | {:.1} s | {:.1} MB | {:.2} |\n",
        fts_build.as_secs_f64(),
        fts_size as f64 / 1e6,
        fts_size as f64 / text_bytes as f64
    );

    let queries = generate_queries(passages);
    let mut text_stmt = store.prepare("SELECT text FROM p WHERE id = ?1")?;
    let mut fts_stmt = fts.prepare("SELECT rowid, snippet(f, 0, '<mark>', '</mark>', '…', 24) FROM f WHERE f MATCH ?1 ORDER BY rank LIMIT 10")?;
    println!(
        "| query | Dossier p50 | Dossier p99 | FTS5 p50 | FTS5 p99 | p99 speed-up | mean matches |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut slowest = Vec::new();
    for (kind, list) in KINDS.iter().zip(&queries) {
        let mut ours = Vec::with_capacity(list.len());
        let mut theirs = Vec::with_capacity(list.len());
        let mut matches = 0u64;
        for (q, fq) in list {
            let request = SearchRequest {
                query: q.clone(),
                limit: 10,
                operator: DefaultOperator::And,
                pages_per_hit: 1,
                ..SearchRequest::default()
            };
            let mut our_runs = Vec::with_capacity(ROUNDS);
            let mut their_runs = Vec::with_capacity(ROUNDS);
            for _ in 0..ROUNDS {
                let t = Instant::now();
                let results = index.search(&request, &mut |id, _| {
                    text_stmt.query_row([id], |r| r.get(0)).ok()
                })?;
                our_runs.push(t.elapsed());
                if our_runs.len() == 1 {
                    matches += results.facets.total;
                }
                std::hint::black_box(&results);
                let t = Instant::now();
                let rows = fts_stmt
                    .query_map([fq], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                their_runs.push(t.elapsed());
                std::hint::black_box(rows);
            }
            ours.push((pct(&mut our_runs, 0.5), q.as_str()));
            theirs.push(pct(&mut their_runs, 0.5));
        }
        ours.sort_unstable();
        slowest.push((
            *kind,
            ours.iter()
                .rev()
                .take(3)
                .map(|(t, q)| format!("`{q}` {}", ms(*t)))
                .collect::<Vec<_>>()
                .join(", "),
        ));
        let mut ours: Vec<Duration> = ours.into_iter().map(|(t, _)| t).collect();
        let (o50, o99) = (pct(&mut ours, 0.50), pct(&mut ours, 0.99));
        let (f50, f99) = (pct(&mut theirs, 0.50), pct(&mut theirs, 0.99));
        println!(
            "| {kind} | {} | {} | {} | {} | {:.1}x | {} |",
            ms(o50),
            ms(o99),
            ms(f50),
            ms(f99),
            f99.as_secs_f64() / o99.as_secs_f64().max(1e-9),
            matches / list.len().max(1) as u64
        );
    }
    println!("\nSlowest Dossier queries per kind:");
    for (kind, list) in slowest {
        println!("- {kind}: {list}");
    }
    Ok(())
}

fn insert_all(db: &rusqlite::Connection, sql: &str, passages: &[String]) -> rusqlite::Result<()> {
    let tx = db.unchecked_transaction()?;
    {
        let mut stmt = tx.prepare(sql)?;
        for (i, text) in passages.iter().enumerate() {
            stmt.execute(rusqlite::params![i as i64 + 1, text])?;
        }
    }
    tx.commit()
}

fn pct(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn dir_size(dir: &Path) -> std::io::Result<u64> {
    let mut n = 0;
    for e in fs::read_dir(dir)? {
        let e = e?;
        n += e.metadata()?.len();
    }
    Ok(n)
}

/// A small deterministic generator (xorshift64*), so both engines and every run get the same queries.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

fn ascii_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
        .collect()
}

/// (our query, FTS5 query) per kind, drawn from the passages themselves.
fn generate_queries(passages: &[String]) -> Vec<Vec<(String, String)>> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = vec![Vec::new(); KINDS.len()];
    let words_of_random = |rng: &mut Rng| loop {
        let w = ascii_words(&passages[rng.below(passages.len())]);
        if w.len() >= 4 {
            return w;
        }
    };
    for _ in 0..QUERIES_PER_KIND {
        let w = words_of_random(&mut rng);
        let a = &w[rng.below(w.len())];
        out[0].push((a.clone(), format!("\"{a}\"")));
        let i = rng.below(w.len() - 1);
        out[1].push((
            format!("\"{} {}\"", w[i], w[i + 1]),
            format!("\"{} {}\"", w[i], w[i + 1]),
        ));
        let (x, y) = (&w[rng.below(w.len())], &w[rng.below(w.len())]);
        out[2].push((format!("{x} {y}"), format!("\"{x}\" AND \"{y}\"")));
        let v = words_of_random(&mut rng);
        let z = &v[rng.below(v.len())];
        out[3].push((format!("{a} OR {z}"), format!("\"{a}\" OR \"{z}\"")));
        let long: Vec<&String> = w.iter().chain(&v).filter(|w| w.len() >= 6).collect();
        let p = long.get(rng.below(long.len())).map_or(&a[..3], |w| &w[..4]);
        out[4].push((format!("{p}*"), format!("\"{p}\"*")));
        let phrase = common_phrase(passages, &mut rng);
        out[5].push((format!("\"{phrase}\""), format!("\"{phrase}\"")));
    }
    out
}

/// Two to four consecutive words of a passage, at least one of them among [`COMMON_WORDS`]
/// (`"out of the box"`, `"is not"`): the phrases a stop-word list used to turn into wildcards.
fn common_phrase(passages: &[String], rng: &mut Rng) -> String {
    loop {
        let words: Vec<String> = passages[rng.below(passages.len())]
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let len = 2 + rng.below(3);
        if words.len() < len {
            continue;
        }
        let at = rng.below(words.len() - len + 1);
        let window = &words[at..at + len];
        if window.iter().any(|w| COMMON_WORDS.contains(&w.as_str())) {
            return window.join(" ");
        }
    }
}

/// Every distinct paragraph of the corpus, the man pages and the package documentation,
/// 40 to 500 characters long (longer paragraphs are cut near 400).
fn real_passages() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut keep = |text: &str, out: &mut Vec<String>| {
        for p in paragraphs(text) {
            if seen.insert(p.clone()) {
                out.push(p);
            }
        }
    };
    if let Some(corpus) = ir::corpus() {
        let mut files = Vec::new();
        walk(&corpus, &mut files)?;
        files.sort();
        for f in files {
            let Ok(bytes) = fs::read(&f) else { continue };
            if bytes.contains(&0) {
                continue; // binary (PDF, images): their text is in the .pdftotext.txt beside them
            }
            let text = String::from_utf8_lossy(&bytes);
            let is_html = f.extension().is_some_and(|e| e == "html" || e == "htm");
            keep(
                &if is_html {
                    strip_tags(&text)
                } else {
                    text.into_owned()
                },
                &mut out,
            );
        }
    }
    let man = zcat_all("/usr/share/man")?;
    keep(&strip_roff(&man), &mut out);
    // Package documentation: changelogs, READMEs, NEWS (compressed and plain).
    keep(&zcat_all("/usr/share/doc")?, &mut out);
    let mut docs = Vec::new();
    walk(Path::new("/usr/share/doc"), &mut docs)?;
    docs.sort();
    for f in docs {
        if f.extension().is_some_and(|e| e == "gz") {
            continue;
        }
        let Ok(bytes) = fs::read(&f) else { continue };
        if !bytes.contains(&0) {
            keep(&String::from_utf8_lossy(&bytes), &mut out);
        }
    }
    Ok(out)
}

/// Every `.gz` file under `dir`, decompressed and concatenated in name order.
fn zcat_all(dir: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut bytes = Vec::new();
    Command::new("sh")
        .args([
            "-c",
            &format!("find {dir} -name '*.gz' -print0 | sort -z | xargs -0 zcat 2>/dev/null"),
        ])
        .stdout(Stdio::piped())
        .spawn()?
        .stdout
        .ok_or("no zcat output")?
        .read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        if e.file_type()?.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Paragraphs (blank-line separated), whitespace collapsed, long ones cut near 400 bytes.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let push = |piece: &str, out: &mut Vec<String>| {
        if piece.len() >= 40
            && piece.chars().filter(|c| c.is_alphabetic()).count() * 2 > piece.len()
        {
            out.push(piece.to_owned());
        }
    };
    for para in text.split("\n\n") {
        let p = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut rest = p.as_str();
        while rest.len() > 500 {
            let limit = (0..=400)
                .rev()
                .find(|&i| rest.is_char_boundary(i))
                .unwrap_or(0);
            let cut = match rest[..limit].rfind(' ') {
                Some(i) if i > 0 => i,
                _ => limit,
            };
            push(&rest[..cut], &mut out);
            rest = rest[cut..].trim_start();
        }
        push(rest, &mut out);
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Man page source to plain text: macro lines give their arguments, paragraph macros break
/// paragraphs, font and character escapes go.
fn strip_roff(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for line in src.lines() {
        let text = if let Some(m) = line.strip_prefix('.').or_else(|| line.strip_prefix('\'')) {
            let (name, args) = m.split_once(char::is_whitespace).unwrap_or((m, ""));
            match name {
                "\\\"" | "\\}" | "ig" | "de" | "TH" | "so" | "ds" | "nr" | "ta" | "ft" | "ad"
                | "na" | "ne" | "in" | "ti" | "sp" | "br" | "fi" | "nf" | "if" | "ie" | "el"
                | "}" => {
                    if matches!(name, "sp" | "br") {
                        out.push_str("\n\n");
                    }
                    continue;
                }
                "PP" | "P" | "LP" | "SH" | "SS" | "TP" | "IP" | "HP" | "RS" | "RE" | "Sh"
                | "Ss" | "Pp" | "It" | "Bl" | "El" => {
                    out.push_str("\n\n");
                    args.trim_matches('"').to_owned()
                }
                _ => args.replace('"', ""),
            }
        } else {
            line.to_owned()
        };
        out.push_str(&unescape_roff(&text));
        out.push(if line.is_empty() { '\n' } else { ' ' });
        if line.trim().is_empty() {
            out.push('\n');
        }
    }
    out
}

/// Skips the name after `\f` or `\*`: one character, or `(` and two.
fn skip_name(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    if chars.next() == Some('(') {
        chars.next();
        chars.next();
    }
}

fn unescape_roff(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('f') | Some('*') => skip_name(&mut chars),
            Some('(') => {
                chars.next();
                chars.next();
                out.push(' ');
            }
            Some('-') => out.push('-'),
            Some('e') | Some('\\') => out.push('\\'),
            Some('&') | Some('c') | Some('%') => {}
            Some(' ') => out.push(' '),
            Some('"') => break, // comment
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
