//! Subject grouping, asked for: Enron mail carries no References or In-Reply-To (see the
//! corpus MANIFEST), so a reply shows only as `Re: ` before the subject. `dossier thread`
//! keeps such messages apart unless `--group-by-subject` is given.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::support::{Case, json};

/// The document ids of the thread of `doc`, and its root.
fn thread_of(case: &Case, doc: i64, flags: &[&str]) -> (BTreeSet<i64>, i64) {
    let id = doc.to_string();
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"thread", &case.path, &id];
    for f in flags {
        args.push(f);
    }
    let t = json(&args);
    let ids = t["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .map(|m| m["id"].as_i64().expect("id"))
        .collect();
    (ids, t["root"].as_i64().expect("root"))
}

#[test]
fn replies_without_reference_headers_join_by_subject_only_when_asked() {
    let Some(inbox) = dossier_tests::corpus_path("emails/enron/maildir/lay-k/inbox") else {
        return;
    };
    // 777 "Please Advise-Deferred Account" and 778 "Re: FW: Please Advise-Deferred
    // Account"; 883 "Board recruitment" and 886 "Re: Board recruitment"; 1619 "Salary".
    // None has a References or In-Reply-To header.
    let files: Vec<PathBuf> = ["777", "778", "883", "886", "1619"]
        .iter()
        .map(|f| inbox.join(f))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case::new(dir.path());
    let paths: Vec<&PathBuf> = files.iter().collect();
    case.ingest(&paths, &[]);
    let doc = |f: &PathBuf| case.doc_at(&f.display().to_string());
    let [advise, advise_reply, board, board_reply, salary] =
        [0, 1, 2, 3, 4].map(|i| doc(&files[i]));

    for d in [advise, advise_reply, board, board_reply, salary] {
        assert_eq!(
            thread_of(&case, d, &[]).0,
            BTreeSet::from([d]),
            "by headers alone, document {d} is a thread of its own"
        );
    }

    let grouped = ["--group-by-subject"];
    let (ids, root) = thread_of(&case, advise_reply, &grouped);
    assert_eq!(
        ids,
        BTreeSet::from([advise, advise_reply]),
        "Re: and FW: stripped"
    );
    assert_eq!(root, advise, "the original starts the thread");
    let t = json(&[
        &"thread",
        &case.path,
        &advise_reply.to_string(),
        &grouped[0],
    ]);
    let reply = t["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["id"] == advise_reply))
        .expect("the reply is listed");
    assert_eq!(
        reply["parent"], advise,
        "the reply hangs under the original"
    );

    assert_eq!(
        thread_of(&case, board, &grouped).0,
        BTreeSet::from([board, board_reply])
    );
    assert_eq!(
        thread_of(&case, salary, &grouped).0,
        BTreeSet::from([salary]),
        "a subject no other message has stays alone"
    );
}
