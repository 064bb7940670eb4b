//! Outlook messages and stores from the corpus (`../shared/corpus/outlook`), read as
//! ingest reads them: through the standard registry.

use dossier_extract::{Child, ExtractError, Extraction, Hints, Probe, Registry};
use dossier_tests::corpus_path;

fn msg(name: &str) -> Option<Result<Extraction, ExtractError>> {
    let path = corpus_path(&format!("outlook/{name}"))?;
    let bytes = std::fs::read(&path).expect("corpus file");
    Some(read(name, &bytes))
}

fn read(name: &str, bytes: &[u8]) -> Result<Extraction, ExtractError> {
    let registry = Registry::standard();
    let extractor = registry
        .choose(&Probe::named(name, bytes))
        .expect("an extractor bids");
    assert_eq!(extractor.name(), "outlook-msg", "{name}");
    let hints = Hints {
        file_name: Some(name.to_owned()),
        ..Hints::default()
    };
    dossier_extract::extract(extractor, bytes, &hints)
}

fn meta<'a>(x: &'a Extraction, key: &str) -> &'a str {
    x.meta.get(key).map(String::as_str).unwrap_or("")
}

#[test]
fn a_received_message_has_its_headers_dates_and_body() {
    let Some(x) = msg("msgparser_unicode.msg") else {
        return;
    };
    let x = x.expect("reads");
    assert_eq!(x.kind, "email");
    assert_eq!(x.title.as_deref(), Some("Test for TIF files"));
    assert_eq!(meta(&x, "from"), "Brian Zhou <brizhou@gmail.com>");
    assert!(meta(&x, "to").contains("brianzhou@me.com"), "{:?}", x.meta);
    assert_eq!(x.doc_date.as_deref(), Some("2013-11-18T08:26:24Z"));
    assert!(!meta(&x, "message_id").is_empty(), "{:?}", x.meta);
    let names: Vec<_> = x
        .children
        .iter()
        .filter_map(|c| c.name.as_deref())
        .collect();
    assert_eq!(names, ["import OleFileIO.tif", "raised value error.tif"]);
    assert!(x.children.iter().all(|c| !c.bytes.is_empty()));
}

/// The words of a text, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every corpus message with an RTF body also has a plain one: the RTF reader's text of it
/// (code page, encapsulated HTML) must say what the plain body says.
#[test]
fn compressed_rtf_bodies_read_as_the_plain_body_reads() {
    use std::io::Read;
    for name in [
        "msgreader_RtfWithShortRussianString.msg",
        "msgreader_RtfSampleEmail.msg",
        "msgreader_HtmlSampleEmail.msg",
        "msgparser_unicode.msg",
    ] {
        let Some(path) = corpus_path(&format!("outlook/{name}")) else {
            return;
        };
        let mut file = cfb::open(&path).expect("compound file");
        let mut compressed = Vec::new();
        file.open_stream("/__substg1.0_10090102")
            .expect("an RTF body")
            .read_to_end(&mut compressed)
            .expect("read");
        let rtf = dossier_extract::compressed_rtf_text(&compressed).expect("decompresses");
        let plain = msg(name).expect("corpus").expect("reads").text;
        let (rtf_words, plain_words) = (words(&rtf), words(&plain));
        let found = plain_words.iter().filter(|w| rtf_words.contains(w)).count();
        assert!(
            !plain_words.is_empty() && found * 10 >= plain_words.len() * 9,
            "{name}: {found} of {} words of the plain body in the RTF one\nRTF: {rtf:?}\nplain: {plain:?}",
            plain_words.len()
        );
    }
}

#[test]
fn an_attached_message_becomes_a_msg_child_read_by_the_same_extractor() {
    let Some(x) = msg("msgreader_EmailWithInnerMailAndAttachments.msg") else {
        return;
    };
    let x = x.expect("reads");
    let names: Vec<_> = x
        .children
        .iter()
        .filter_map(|c| c.name.as_deref())
        .collect();
    assert_eq!(names, ["OUTER 1.pdf", "OUTER 2.pdf", "Inner mail.msg"]);
    let inner: &Child = &x.children[2];
    assert_eq!(
        inner.media_type.as_deref(),
        Some("application/vnd.ms-outlook")
    );
    let inner = read("Inner mail.msg", &inner.bytes).expect("the attached message reads");
    assert_eq!(inner.kind, "email");
    assert_eq!(inner.title.as_deref(), Some("Inner mail"));
    assert!(
        !inner.children.is_empty(),
        "the inner message keeps its attachments"
    );
}

#[test]
fn a_signed_message_lists_the_parts_of_its_signed_content() {
    let Some(x) = msg("mvz_gpg_signed.msg") else {
        return;
    };
    let x = x.expect("reads");
    let names: Vec<_> = x
        .children
        .iter()
        .filter_map(|c| c.name.as_deref())
        .collect();
    assert_eq!(names, ["signature.asc"]);
    assert!(x.text.contains("test"), "{:?}", x.text);
}

#[test]
fn a_message_never_sent_has_recipients_but_no_sender_or_date() {
    let Some(x) = msg("mvz_plain_unsent.msg") else {
        return;
    };
    let x = x.expect("reads");
    assert_eq!(meta(&x, "to"), "Someone Else <someone@somewhere.com>");
    assert_eq!(meta(&x, "from"), "");
    assert_eq!(x.doc_date, None);
    assert!(x.text.contains("The body is in plain text"), "{:?}", x.text);
}

#[test]
fn a_file_that_is_not_a_message_is_a_clear_error_naming_it() {
    let Some(x) = msg("msgparser_bad_outlook.msg") else {
        return;
    };
    let error = x.expect_err("not an OLE2 file").to_string();
    assert!(error.contains("msgparser_bad_outlook.msg"), "{error}");
    assert!(error.contains("not an OLE2 compound file"), "{error}");
}

#[test]
fn every_corpus_message_reads_or_fails_cleanly_and_truncations_never_panic() {
    let Some(dir) = corpus_path("outlook") else {
        return;
    };
    for entry in std::fs::read_dir(dir).expect("outlook folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "msg") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_owned();
        let bytes = std::fs::read(&path).expect("read");
        for cut in [bytes.len(), bytes.len() / 2, 4096, 600] {
            let cut = cut.min(bytes.len());
            if let Err(ExtractError::Panicked { message, .. }) = read(&name, &bytes[..cut]) {
                panic!("{name} cut at {cut} panicked: {message}");
            }
        }
    }
}

/// The items of a store, as (folder, child) pairs.
fn pst(name: &str) -> Option<Vec<Child>> {
    let path = corpus_path(&format!("outlook/{name}"))?;
    let bytes = std::fs::read(&path).expect("corpus file");
    let registry = Registry::standard();
    let container = registry
        .choose_container(&Probe::named(name, &bytes))
        .expect("a container bids");
    assert_eq!(container.name(), "outlook-pst");
    let reader = Box::new(std::io::Cursor::new(bytes));
    Some(
        container
            .split(reader)
            .collect::<std::io::Result<Vec<_>>>()
            .expect("the store reads"),
    )
}

#[test]
fn a_store_gives_its_messages_with_their_folder() {
    let Some(items) = pst("ingestfile_testPST.pst") else {
        return;
    };
    assert_eq!(items.len(), 6);
    for item in &items {
        assert_eq!(
            item.meta.get("folder").map(String::as_str),
            Some("hong-thai.nguyen")
        );
        assert_eq!(item.media_type.as_deref(), Some("message/rfc822"));
    }
    let registry = Registry::standard();
    let email = registry
        .choose(&Probe::named("message.eml", &items[0].bytes))
        .expect("the email extractor bids");
    let x = dossier_extract::extract(email, &items[0].bytes, &Hints::default()).expect("reads");
    assert_eq!(x.title.as_deref(), Some("Re: Feature Generators"));
}

#[test]
fn a_stores_folder_tree_is_kept_and_contacts_are_vcards() {
    let Some(items) = pst("javalibpst_dist-list.pst") else {
        return;
    };
    let folders: Vec<_> = items
        .iter()
        .map(|i| (i.meta["folder"].as_str(), i.name.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        folders,
        [
            ("Personal Folders/Calendar", "1.ics"),
            ("Personal Folders/Contacts", "1.vcf")
        ]
    );
}

#[test]
fn an_empty_store_and_a_store_with_a_password_property_read() {
    let Some(empty) = pst("outlookpstrs_Empty.pst") else {
        return;
    };
    assert!(empty.is_empty());
    let passworded = pst("javalibpst_passworded.pst").expect("corpus");
    assert_eq!(passworded.len(), 1, "PST passwords encrypt nothing");
}

#[test]
fn a_damaged_store_is_an_error_not_a_panic() {
    let Some(path) = corpus_path("outlook/pstsdk_sample1.pst") else {
        return;
    };
    let mut bytes = std::fs::read(path).expect("corpus file");
    bytes.truncate(2048);
    let registry = Registry::standard();
    let container = registry
        .choose_container(&Probe::named("cut.pst", &bytes))
        .expect("bids");
    let items: Vec<_> = container
        .split(Box::new(std::io::Cursor::new(bytes)))
        .collect();
    match items.as_slice() {
        [Err(e)] => assert!(e.to_string().contains("readpst"), "{e}"),
        other => panic!("one error naming readpst expected, got {other:?}"),
    }
}
