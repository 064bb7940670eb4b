//! What `dossier serve` may read by path: only under the folders the person running it
//! allowed, never `/proc`, `/sys` or `/dev`, never out of those folders through a link, and
//! refusing the same way whether a path outside them exists or not.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Server, new_case};

/// Posts `args` to `command` with the token; returns (status, the JSON answer).
fn post(server: &Server, command: &str, args: Value) -> (u16, Value) {
    let (status, body) = server.post(command, Some(&server.token), &args.to_string());
    let value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("JSON answer: {body}"));
    (status, value)
}

/// A refused ingest: status 403, the code, and the message; and nothing in the case.
fn refused(server: &Server, paths: &[&Path], code: &str) -> String {
    let (status, answer) = post(server, "ingest", json!({ "paths": paths }));
    assert_eq!(status, 403, "{paths:?}: {answer}");
    assert_eq!(answer["code"], code, "{paths:?}: {answer}");
    assert_eq!(
        server.call("docs", Value::Null),
        json!([]),
        "nothing was added"
    );
    answer["message"].as_str().expect("a message").to_owned()
}

#[test]
fn ingest_by_path_is_off_until_the_person_running_the_server_allows_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let file = dir.path().join("memo.txt");
    std::fs::write(&file, "a memo").expect("write");
    let server = Server::start(&case);
    let message = refused(&server, &[&file], "path_reading_off");
    assert!(
        message.contains("dossier serve CASE --allow-path DIR"),
        "says how to turn it on: {message}"
    );
    let (status, answer) = post(
        &server,
        "event",
        json!({"action": "import", "path": dir.path().join("events.csv")}),
    );
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["code"], "path_reading_off");
}

#[test]
fn a_path_outside_the_allowed_folders_is_refused_alike_whether_it_exists_or_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let allowed = dir.path().join("allowed");
    std::fs::create_dir(&allowed).expect("mkdir");
    let server = Server::allowing(&case, &allowed);
    let existing = Path::new("/etc/passwd");
    let missing = Path::new("/etc/no-such-file-for-dossier");
    let unreadable = Path::new("/etc/shadow");
    let said_existing = refused(&server, &[existing], "path_not_allowed");
    let said_missing = refused(&server, &[missing], "path_not_allowed");
    let said_unreadable = refused(&server, &[unreadable], "path_not_allowed");
    let without = |message: &str, path: &Path| message.replace(&path.display().to_string(), "PATH");
    assert_eq!(
        without(&said_existing, existing),
        without(&said_missing, missing)
    );
    assert_eq!(
        without(&said_existing, existing),
        without(&said_unreadable, unreadable)
    );
    // Climbing out by name is the same refusal, and so is a CSV of events to import.
    let climbing = allowed.join("../../../etc/passwd");
    refused(&server, &[&climbing], "path_not_allowed");
    let (status, answer) = post(
        &server,
        "event",
        json!({"action": "import", "path": "/etc/passwd"}),
    );
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["code"], "path_not_allowed");
    // Inside the folder, a file that does not exist is an ordinary failed item.
    let (status, answer) = post(
        &server,
        "ingest",
        json!({"paths": [allowed.join("later.txt")]}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["failed"][0]["error"], "no such file or folder");
}

#[test]
fn proc_sys_and_dev_are_refused_even_when_the_whole_disk_is_allowed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let server = Server::allowing(&case, Path::new("/"));
    for path in [
        "/proc/self/environ",
        "/proc/1/cmdline",
        "/sys/kernel/hostname",
        "/dev/zero",
    ] {
        refused(&server, &[Path::new(path)], "path_not_allowed");
    }
    // A link to the server's environment inside an ordinary folder is refused too.
    let folder = dir.path().join("files");
    std::fs::create_dir(&folder).expect("mkdir");
    std::os::unix::fs::symlink("/proc/self/environ", folder.join("environ.txt")).expect("link");
    refused(&server, &[&folder.join("environ.txt")], "path_not_allowed");
    // What is allowed is still read.
    std::fs::write(folder.join("memo.txt"), "an ordinary memo").expect("write");
    let (status, answer) = post(&server, "ingest", json!({"paths": [folder]}));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["added"], 1, "{answer}");
    assert_eq!(
        answer["failed"][0]["path"],
        folder.join("environ.txt").display().to_string()
    );
}

#[test]
fn a_link_inside_an_allowed_folder_that_leads_out_of_it_is_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = new_case(dir.path());
    let allowed = dir.path().join("allowed");
    let outside = dir.path().join("outside");
    std::fs::create_dir(&allowed).expect("mkdir");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(allowed.join("memo.txt"), "the memo we may read").expect("write");
    std::fs::write(outside.join("secret.txt"), "SECRET-WORDS from outside").expect("write");
    std::os::unix::fs::symlink(outside.join("secret.txt"), allowed.join("secret-link.txt"))
        .expect("link");
    std::os::unix::fs::symlink(&outside, allowed.join("outside-folder")).expect("link");
    let server = Server::allowing(&case, &allowed);

    refused(
        &server,
        &[&allowed.join("secret-link.txt")],
        "path_not_allowed",
    );
    refused(
        &server,
        &[&allowed.join("outside-folder/secret.txt")],
        "path_not_allowed",
    );
    let (status, answer) = post(&server, "ingest", json!({"paths": [allowed]}));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["added"], 1, "only the memo: {answer}");
    let failed: Vec<&str> = answer["failed"]
        .as_array()
        .expect("failed items")
        .iter()
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        failed,
        [
            allowed.join("outside-folder").display().to_string(),
            allowed.join("secret-link.txt").display().to_string()
        ],
        "the folder behind the link is not entered: {answer}"
    );
    let docs = server.call("docs", Value::Null);
    assert_eq!(docs.as_array().map(Vec::len), Some(1), "{docs}");
    let shown = server.call("show", json!({"doc": docs[0]["id"]}));
    assert!(!shown.to_string().contains("SECRET-WORDS"), "{shown}");
}
