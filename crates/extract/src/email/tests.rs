use super::*;

fn read(raw: &str) -> Extraction {
    EmailExtractor
        .extract(raw.as_bytes(), &Hints::default())
        .expect("email extraction never fails")
}

#[test]
fn bids_on_eml_files_maildir_names_and_damaged_eml_files() {
    let head = b"Return-Path: <a@x>\nMessage-ID: <1@x>\nFrom: a@x\nSubject: s\n\nbody\n";
    let x = EmailExtractor;
    assert_eq!(x.bid(&Probe::named("001.eml", head)), 90);
    assert_eq!(
        x.bid(&Probe::named("1276533073.M242911P3632.kurkku;2,FP", head)),
        75
    );
    assert_eq!(
        x.bid(&Probe::named("12", head)),
        85,
        "three standard headers or more"
    );
    assert_eq!(
        x.bid(&Probe::named("12", b"From: a@x\nSubject: s\n\nbody\n")),
        70
    );
    assert_eq!(
        x.bid(&Probe::named("badmime.txt", head)),
        85,
        "a message saved as .txt is still a message"
    );
    assert!(
        x.bid(&Probe::named("12", head)) > crate::PlainTextExtractor.bid(&Probe::named("12", head)),
        "an Enron file is email, not text"
    );
    assert_eq!(
        x.bid(&Probe::named("notes", b"Dear diary: today\nnothing\n\n")),
        0
    );
    assert_eq!(x.bid(&Probe::named("forwarded.eml", b"garbage")), 60);
}

#[test]
fn headers_become_fields_and_meta() {
    let x = read(concat!(
        "From: =?iso-8859-1?q?Andr=E9?= <andre@example.org>\n",
        "To: Bob <bob@example.org>, carol@example.org\n",
        "Cc: Team: dan@example.org, \"Eve\" <eve@example.org>;\n",
        "Reply-To: replies@example.org\n",
        "Subject: =?utf-8?b?Q2Fmw6k=?= meeting\n",
        "Date: Mon, 14 May 2001 16:39:00 -0700 (PDT)\n",
        "Message-ID: <m2@example.org>\n",
        "In-Reply-To: <m1@example.org>\n",
        "References: <m0@example.org> <m1@example.org>\n",
        "\n",
        "See you there.\n"
    ));
    assert_eq!(x.kind, "email");
    assert_eq!(x.title.as_deref(), Some("Café meeting"));
    assert_eq!(x.doc_date.as_deref(), Some("2001-05-14T23:39:00Z"));
    assert_eq!(x.authors, ["André"]);
    let meta = |k: &str| x.meta.get(k).map(String::as_str);
    assert_eq!(meta("from"), Some("André <andre@example.org>"));
    assert_eq!(
        meta("to"),
        Some("Bob <bob@example.org>\n<carol@example.org>")
    );
    assert_eq!(meta("cc"), Some("<dan@example.org>\nEve <eve@example.org>"));
    assert_eq!(meta("reply_to"), Some("<replies@example.org>"));
    assert_eq!(meta("message_id"), Some("m2@example.org"));
    assert_eq!(meta("in_reply_to"), Some("m1@example.org"));
    assert_eq!(meta("references"), Some("m0@example.org m1@example.org"));
    assert_eq!(meta("date_offset"), Some("-07:00"));
    assert_eq!(meta("date"), Some("Mon, 14 May 2001 16:39:00 -0700 (PDT)"));
    assert_eq!(x.text.trim(), "See you there.");
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
}

#[test]
fn plain_text_is_preferred_and_html_only_bodies_become_text() {
    let both = read(concat!(
        "From: a@x\nSubject: alt\nMIME-Version: 1.0\n",
        "Content-Type: multipart/alternative; boundary=\"b\"\n\n",
        "--b\nContent-Type: text/plain; charset=utf-8\n\nplain words\n",
        "--b\nContent-Type: text/html\n\n<p>html words</p>\n--b--\n"
    ));
    assert_eq!(both.text.trim(), "plain words");
    let html = read(concat!(
        "From: a@x\nSubject: html\nContent-Type: text/html; charset=utf-8\n\n",
        "<html><body><p>Hello &amp; welcome</p><p>Second <b>para</b></p></body></html>\n"
    ));
    assert!(html.text.contains("Hello & welcome"), "{:?}", html.text);
    assert!(!html.text.contains('<'), "{:?}", html.text);
}

#[test]
fn legacy_charsets_and_transfer_encodings_are_decoded() {
    let latin = read(concat!(
        "From: a@x\nSubject: qp\nContent-Type: text/plain; charset=iso-8859-1\n",
        "Content-Transfer-Encoding: quoted-printable\n\nGr=FC=DFe aus K=F6ln\n"
    ));
    assert_eq!(latin.text.trim(), "Grüße aus Köln");
    assert_eq!(
        latin.meta.get("charset").map(String::as_str),
        Some("iso-8859-1")
    );
    let koi8 = EmailExtractor
        .extract(
            b"From: a@x\nSubject: r\nContent-Type: text/plain; charset=koi8-r\n\n\xf0\xd2\xc9\xd7\xc5\xd4\n",
            &Hints::default(),
        )
        .expect("extracts");
    assert_eq!(koi8.text.trim(), "Привет");
    let jis = read(concat!(
        "From: a@x\nSubject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=\n",
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n",
        "5pel5pys6Kqe\n"
    ));
    assert_eq!(jis.title.as_deref(), Some("日本語"));
    assert_eq!(jis.text.trim(), "日本語");
    let undeclared = EmailExtractor
        .extract(b"From: a@x\nSubject: 8bit\n\ncaf\xe9\n", &Hints::default())
        .expect("extracts");
    assert_eq!(undeclared.text.trim(), "café");
    assert_eq!(undeclared.warnings.len(), 1, "{:?}", undeclared.warnings);
}

#[test]
fn attachments_are_children_whose_names_are_only_data() {
    let x = read(concat!(
        "From: a@x\nSubject: files\nContent-Type: multipart/mixed; boundary=\"b\"\n\n",
        "--b\nContent-Type: text/plain\n\nsee attached\n",
        "--b\nContent-Type: application/pdf; name=\"../../etc/passwd\"\n",
        "Content-Disposition: attachment; filename=\"../../etc/passwd\"\n",
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n",
        "--b\nContent-Type: message/rfc822\n\n",
        "From: b@y\nSubject: inner\n\ninner body\n",
        "--b--\n"
    ));
    assert_eq!(x.text.trim(), "see attached");
    assert_eq!(x.children.len(), 2);
    let pdf = &x.children[0];
    assert_eq!(pdf.name.as_deref(), Some("../../etc/passwd"));
    assert_eq!(pdf.locator, "attachment=1/../../etc/passwd");
    assert_eq!(pdf.media_type.as_deref(), Some("application/pdf"));
    assert_eq!(pdf.bytes, b"%PDF-1.4\n");
    let inner = &x.children[1];
    assert_eq!(inner.media_type.as_deref(), Some("message/rfc822"));
    assert_eq!(inner.name.as_deref(), Some("inner.eml"));
    assert!(inner.bytes.starts_with(b"From: b@y"));
    assert_eq!(x.meta.get("attachments").map(String::as_str), Some("2"));
}

#[test]
fn damaged_messages_keep_what_could_be_read_with_a_warning() {
    let truncated = read(concat!(
        "From: a@x\nSubject: cut\nContent-Type: multipart/mixed; boundary=\"b\"\n\n",
        "--b\nContent-Type: text/plain\n\nthe first half"
    ));
    assert_eq!(truncated.title.as_deref(), Some("cut"));
    assert!(truncated.text.contains("the first half"));
    assert!(
        truncated
            .warnings
            .iter()
            .any(|w| w.contains("closing MIME boundary")),
        "{:?}",
        truncated.warnings
    );

    let bad_date = read("From: a@x\nDate: yesterday-ish\nSubject: d\n\nbody\n");
    assert_eq!(bad_date.doc_date, None);
    assert_eq!(bad_date.warnings.len(), 1, "{:?}", bad_date.warnings);
    let no_such_day =
        read("From: a@x\nDate: Mon, 31 Feb 2020 10:00:00 +0000\nSubject: d\n\nbody\n");
    assert_eq!(
        no_such_day.doc_date, None,
        "31 February is not rolled into March"
    );
    assert!(
        no_such_day.warnings[0].contains("not a real date"),
        "{:?}",
        no_such_day.warnings
    );

    let no_headers = EmailExtractor
        .extract(b"\x00\x01 not a message at all", &Hints::default())
        .expect("extracts");
    assert_eq!(no_headers.kind, "email");
    assert!(no_headers.warnings[0].contains("no message headers"));
}

#[test]
fn an_envelope_line_is_not_part_of_the_message() {
    let x = read("From alice@x Mon Jan  1 00:00:00 2001\nFrom: alice@x\nSubject: env\n\nbody\n");
    assert_eq!(x.title.as_deref(), Some("env"));
    assert_eq!(x.meta.get("from").map(String::as_str), Some("<alice@x>"));
}

#[test]
fn maildir_names_are_messages_whatever_they_hold() {
    assert!(is_maildir_name("1276533073.M242911P3632.kurkku:2,FP"));
    assert!(is_maildir_name(
        "1035478339.27041_118.foo.org,S=1000,W=1030;2,RDF,"
    ));
    assert!(!is_maildir_name("report;2,final.txt"));
    assert!(!is_maildir_name("notes.txt"));
    let x = EmailExtractor;
    assert_eq!(
        x.bid(&Probe::named("1276533073.M242911P3632.kurkku:2,S", b"c\n")),
        75
    );
    let placeholder = x.extract(b"c\n", &Hints::default()).expect("extracts");
    assert_eq!(placeholder.text, "c\n");
    assert_eq!(placeholder.warnings.len(), 1);
}

#[test]
fn a_header_block_without_its_blank_line_still_looks_like_a_message() {
    let head = b"From x@y  Thu Dec  2 10:55:56 2004\nReturn-Path: <x@y>\nReceived: from a\n\tby b\n----=_boundary\nGood Day,\nmore\n";
    assert!(looks_like_message(head));
    assert!(!looks_like_message(
        b"HELO example.com\r\nMAIL FROM:<a@b>\r\n"
    ));
}

#[test]
fn a_date_without_a_zone_is_read_as_utc_with_a_warning() {
    let x = read("From: a@x\nDate: Fri, 7 Dec 2001 07:01:03\nSubject: z\n\nbody\n");
    assert_eq!(x.doc_date.as_deref(), Some("2001-12-07T07:01:03Z"));
    assert!(x.warnings[0].contains("no time zone"), "{:?}", x.warnings);
}

#[test]
fn mislabelled_japanese_is_read_in_the_charset_that_fits() {
    // EUC-JP bytes ("日本語") in a message that declares iso-2022-jp.
    let x = EmailExtractor
        .extract(
            b"From: a@x\nSubject: j\nContent-Type: text/plain; charset=iso-2022-jp\n\n\xc6\xfc\xcb\xdc\xb8\xec\n",
            &Hints::default(),
        )
        .expect("extracts");
    assert_eq!(x.text.trim(), "日本語");
    assert!(x.warnings[0].contains("read as EUC-JP"), "{:?}", x.warnings);
}

#[test]
fn a_body_without_a_charset_is_detected_whatever_its_transfer_encoding() {
    let russian = "Договор поставки расторгнут; претензия направлена поставщику.";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let eight_bit = [
        b"From: a@x\nSubject: r\nContent-Type: text/plain\n\n".as_slice(),
        &cp1251,
        b"\n",
    ]
    .concat();
    let quoted: String = cp1251.iter().map(|b| format!("={b:02X}")).collect();
    let quoted = quoted
        .as_bytes()
        .chunks(72)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect::<Vec<_>>()
        .join("=\n");
    let qp = format!(
        "From: a@x\nSubject: r\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n{quoted}\n"
    );
    for raw in [eight_bit, qp.into_bytes()] {
        let x = EmailExtractor
            .extract(&raw, &Hints::default())
            .expect("extracts");
        assert_eq!(x.text.trim_end(), russian);
        assert!(
            x.warnings
                .iter()
                .any(|w| w.contains("read as windows-1251")),
            "{:?}",
            x.warnings
        );
    }
}
