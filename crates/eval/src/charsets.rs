//! Charset detection: how often text without a declared charset comes back exactly.
//!
//! UTF-8 texts of the corpus (and, for the scripts it lacks, Greek and Korean, text written
//! for this set: [`GREEK`], [`KOREAN`]) are re-encoded at run time in a legacy charset,
//! cut into pieces the size of a subject line (about 30 characters), a short note (about
//! 100) and a page (about 1,000), and decoded twice: by the rule Dossier had before chardetng (a byte-order mark,
//! else valid UTF-8, else windows-1252: [`before_chardetng`]) and by
//! `dossier_extract::decode_text` as it is now. A piece counts when the decoded text
//! equals its UTF-8 original exactly. Characters a charset cannot encode are left out of
//! the original first, so every piece can come back whole.

use std::path::Path;

use anyhow::{Context, Result};
use encoding_rs::Encoding;
use serde_json::Value;

/// Greek, written for this set (the corpus has no Greek prose): a notice of the kind a
/// case holds.
const GREEK: &str = "Με την παρούσα σας ενημερώνουμε ότι η σύμβαση παροχής υπηρεσιών που \
υπογράφηκε στην Αθήνα λύεται από την πρώτη του επόμενου μήνα. Οι οφειλόμενες αμοιβές θα \
καταβληθούν εντός τριάντα ημερών από την παραλαβή του τιμολογίου.\n\
Σύμφωνα με το άρθρο δώδεκα της σύμβασης, κάθε διαφορά που προκύπτει από την εκτέλεσή της \
υπάγεται στην αποκλειστική αρμοδιότητα των δικαστηρίων της Αθήνας. Ο εκμισθωτής δηλώνει ότι \
παρέλαβε τα κλειδιά του ακινήτου και ότι δεν έχει άλλες αξιώσεις κατά του μισθωτή.\n\
Η εταιρεία δεσμεύεται να διατηρεί τα προσωπικά δεδομένα των πελατών της μόνο για όσο χρόνο \
απαιτείται από τον νόμο. Τα αρχεία καταγραφής διαγράφονται μετά από έξι μήνες, εκτός εάν \
υπάρχει εκκρεμής δικαστική διαδικασία ή αίτημα αρμόδιας αρχής.\n\
Ο μάρτυρας κατέθεσε ότι είδε το φορτηγό να σταθμεύει μπροστά από την αποθήκη λίγο μετά τα \
μεσάνυχτα και ότι δύο άνδρες μετέφεραν κιβώτια στο εσωτερικό του. Η αστυνομία έφτασε στον \
τόπο περίπου μία ώρα αργότερα, αφού ειδοποιήθηκε από τον φύλακα.\n\
Παρακαλούμε να μας αποστείλετε αντίγραφα όλων των ηλεκτρονικών μηνυμάτων που αντάλλαξαν οι \
υπάλληλοι της εταιρείας με τον προμηθευτή κατά το διάστημα από τον Μάρτιο έως τον Ιούνιο.\n";

/// Korean, written for this set (the corpus has no Korean prose in UTF-8).
const KOREAN: &str = "본 통지서는 귀사와 체결한 용역 계약이 다음 달 첫날부로 해지됨을 알려드리기 \
위한 것입니다. 미지급 대금은 청구서를 받은 날로부터 삼십 일 이내에 지급될 예정입니다.\n\
계약서 제십이조에 따라 계약의 이행과 관련하여 발생하는 모든 분쟁은 서울중앙지방법원의 전속 \
관할로 합니다. 임대인은 건물의 열쇠를 돌려받았으며 임차인에 대하여 더 이상의 청구권이 없음을 \
확인합니다.\n\
회사는 고객의 개인정보를 법률이 요구하는 기간 동안만 보관합니다. 접속 기록은 육 개월이 지나면 \
삭제되며, 다만 진행 중인 소송이나 관계 기관의 요청이 있는 경우에는 그러하지 아니합니다.\n\
증인은 자정이 조금 지난 시각에 화물차가 창고 앞에 멈추는 것을 보았고 두 남자가 상자를 안으로 \
옮기는 것을 목격했다고 진술했습니다. 경찰은 경비원의 신고를 받고 약 한 시간 뒤에 현장에 \
도착했습니다.\n\
삼월부터 유월까지 회사 직원들이 공급업체와 주고받은 모든 전자우편의 사본을 보내 주시기 \
바랍니다.\n";

/// The UTF-8 originals per charset: where each comes from and its text.
fn originals(corpus: &Path) -> Result<Vec<(&'static Encoding, String, String)>> {
    let articles = corpus.join("articles");
    let aeb: Value = serde_json::from_str(
        &std::fs::read_to_string(articles.join("article-extraction-benchmark/ground-truth.json"))
            .context("articles/article-extraction-benchmark/ground-truth.json")?,
    )?;
    let aeb_body = |sha: &str| -> Result<(String, String)> {
        let body = aeb[sha]["articleBody"]
            .as_str()
            .with_context(|| format!("ground-truth.json has no articleBody for {sha}"))?;
        Ok((
            format!("article-extraction-benchmark {}", &sha[..12]),
            body.to_owned(),
        ))
    };
    let readability = |name: &str| -> Result<(String, String)> {
        let path = articles
            .join("readability")
            .join(name)
            .join("expected.html");
        let html = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let text = dom_query::Document::from(html.as_str())
            .select("body")
            .text()
            .to_string();
        Ok((format!("readability {name}"), text))
    };
    let mut out = Vec::new();
    let mut add = |encoding, (source, text): (String, String)| out.push((encoding, source, text));
    add(
        encoding_rs::WINDOWS_1251,
        aeb_body("ff0f958ade714ebfaf5c0b42b1c0152a62063f4e6f72141406ccefc4a2677f21")?,
    );
    add(
        encoding_rs::ISO_8859_7,
        ("written for this set".into(), GREEK.into()),
    );
    for source in [
        aeb_body("f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d")?,
        readability("hukumusume")?,
        readability("yahoo-4")?,
    ] {
        add(encoding_rs::SHIFT_JIS, source);
    }
    for name in ["gmw", "qq", "pixnet"] {
        add(encoding_rs::GB18030, readability(name)?);
    }
    add(
        encoding_rs::EUC_KR,
        ("written for this set".into(), KOREAN.into()),
    );
    for name in ["lemonde-1", "liberation-1", "folha", "la-nacion", "heise"] {
        add(encoding_rs::WINDOWS_1252, readability(name)?);
    }
    Ok(out)
}

/// The text with what the charset cannot encode left out, and runs of spaces and blank
/// lines squeezed (pages' markup leaves many).
fn encodable(encoding: &'static Encoding, text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut buf = [0u8; 4];
        for c in line.chars() {
            let (_, _, unmappable) = encoding.encode(c.encode_utf8(&mut buf));
            if !unmappable {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Consecutive pieces of about `size` characters, cut at a line end when one is near
/// (else mid-line, as a note cut short would be); pieces all in ASCII are left out, since
/// every rule reads them alike.
fn pieces(text: &str, size: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut end = (start + size).min(chars.len());
        if let Some(nl) = chars[start..end].iter().rposition(|&c| c == '\n')
            && nl > size / 2
        {
            end = start + nl + 1;
        }
        let piece: String = chars[start..end].iter().collect();
        if !piece.is_ascii() && piece.trim().chars().count() >= size / 4 {
            out.push(piece);
        }
        start = end;
    }
    out
}

/// The rule `decode_text` followed before chardetng: a byte-order mark, else valid UTF-8,
/// else windows-1252.
fn before_chardetng(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Prints the exact-match rate per charset and piece size, before and after.
pub fn run(corpus: &Path) -> Result<()> {
    println!(
        "Charset detection: exact matches of re-encoded UTF-8 text (before: UTF-8 else windows-1252; after: chardetng)"
    );
    println!(
        "{:<13} {:>6} {:>7} {:>16} {:>16}  sources",
        "charset", "chars", "pieces", "before", "after"
    );
    let originals = originals(corpus)?;
    let mut total = (0usize, 0usize, 0usize);
    let mut encodings: Vec<&'static Encoding> = Vec::new();
    for (e, _, _) in &originals {
        if !encodings.contains(e) {
            encodings.push(e);
        }
    }
    for encoding in encodings {
        let sources: Vec<&(&Encoding, String, String)> = originals
            .iter()
            .filter(|(e, _, _)| *e == encoding)
            .collect();
        let names: Vec<&str> = sources.iter().map(|(_, s, _)| s.as_str()).collect();
        for size in [30, 100, 1000] {
            let (mut n, mut before, mut after) = (0, 0, 0);
            for (_, _, text) in &sources {
                for piece in pieces(&encodable(encoding, text), size) {
                    let (bytes, _, _) = encoding.encode(&piece);
                    n += 1;
                    before += usize::from(before_chardetng(&bytes) == piece);
                    after += usize::from(dossier_extract::decode_text(&bytes).text == piece);
                }
            }
            let rate = |k: usize| format!("{k}/{n} {:5.1}%", 100.0 * k as f64 / n.max(1) as f64);
            println!(
                "{:<13} {:>6} {:>7} {:>16} {:>16}  {}",
                encoding.name(),
                format!("~{size}"),
                n,
                rate(before),
                rate(after),
                names.join(", ")
            );
            total = (total.0 + n, total.1 + before, total.2 + after);
        }
    }
    let (n, before, after) = total;
    println!(
        "{:<13} {:>6} {:>7} {:>16} {:>16}",
        "all",
        "",
        n,
        format!(
            "{before}/{n} {:5.1}%",
            100.0 * before as f64 / n.max(1) as f64
        ),
        format!(
            "{after}/{n} {:5.1}%",
            100.0 * after as f64 / n.max(1) as f64
        )
    );
    Ok(())
}
