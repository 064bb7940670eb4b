use super::*;

fn worker_in<'a>(
    dir: &Path,
    registry: &'a Registry,
    claimed: &'a Mutex<HashSet<String>>,
    turn: &'a Turn,
) -> Worker<'a> {
    Worker {
        objects: ObjectStore::new(dir.join("objects")),
        registry,
        claimed,
        declared_kind: None,
        password: None,
        ocr: Box::leak(Box::default()),
        turn,
        // No document of a test case waits for a password; one empty set per worker.
        retry: Box::leak(Box::new(Mutex::new(HashSet::new()))),
        store_only: false,
        stream_above: STREAM_ABOVE,
        extract_limit: dossier_extract::MAX_EXTRACT_BYTES,
    }
}

fn run(worker: &Worker<'_>, item: Found) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    worker.process(0, item, &mut |c| {
        chunks.push(c);
        true
    });
    chunks
}

#[test]
fn a_file_that_disappears_after_the_walk_fails_with_a_clear_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("evidence.txt");
    std::fs::write(&file, "here for now").expect("write");
    let found = crate::walk(std::slice::from_ref(&file), &dir.path().join("case"));
    assert_eq!(found, vec![Found::File(file.clone())]);
    std::fs::remove_file(&file).expect("remove");

    let (registry, claimed, turn) = (Registry::standard(), Mutex::default(), Turn::default());
    let worker = worker_in(dir.path(), &registry, &claimed, &turn);
    match run(&worker, found.into_iter().next().expect("one item")).as_slice() {
        [Chunk::Whole(Processed::Failed { path, reason })] => {
            assert_eq!(path, &file.display().to_string());
            assert_eq!(reason, "disappeared before it could be read");
        }
        _ => panic!("expected one failure"),
    }
}

#[test]
fn an_attachment_is_stored_by_hash_and_named_only_in_its_source_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("msg.eml");
    std::fs::write(
        &file,
        concat!(
            "From: a@x\nSubject: s\nContent-Type: multipart/mixed; boundary=b\n\n",
            "--b\nContent-Type: text/plain\n\nbody\n",
            "--b\nContent-Type: text/plain; name=\"../../escape.txt\"\n",
            "Content-Disposition: attachment; filename=\"../../escape.txt\"\n\nescaped?\n",
            "--b--\n"
        ),
    )
    .expect("write");
    let (registry, claimed, turn) = (Registry::standard(), Mutex::default(), Turn::default());
    let worker = worker_in(dir.path(), &registry, &claimed, &turn);
    let chunks = run(&worker, Found::File(file.clone()));
    let [Chunk::Whole(Processed::New { children, .. })] = chunks.as_slice() else {
        panic!("expected one new document");
    };
    let [
        Processed::New {
            path,
            document,
            staged,
            ..
        },
    ] = children.as_slice()
    else {
        panic!("expected one new child");
    };
    assert_eq!(
        path,
        &format!("{}#attachment=1/../../escape.txt", file.display())
    );
    assert_eq!(document.title.as_deref(), Some("../../escape.txt"));
    assert!(
        staged.as_ref().is_some_and(|s| s.hash() == &document.hash),
        "the attachment is staged under the hash of its bytes, for the writer's change to name"
    );
    assert!(!dir.path().join("..").join("escape.txt").exists());
    assert!(
        !dir.path()
            .parent()
            .map(|p| p.join("escape.txt").exists())
            .unwrap_or(false)
    );
}

#[test]
fn a_streamed_container_waits_for_its_turn_and_sends_each_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("box.mbox");
    std::fs::write(
        &file,
        "From a@x Mon Jan  1 00:00:00 2001\nSubject: one\n\nb1\n\nFrom b@y Tue Jan  2 00:00:00 2001\nSubject: two\n\nb2\n",
    )
    .expect("write");
    let (registry, claimed, turn) = (Registry::standard(), Mutex::default(), Turn::default());
    let worker = worker_in(dir.path(), &registry, &claimed, &turn);
    let chunks = run(&worker, Found::File(file));
    let shape: Vec<&str> = chunks
        .iter()
        .map(|c| match c {
            Chunk::Open(_) => "open",
            Chunk::Child(Processed::New { .. }) => "message",
            Chunk::Child(_) => "other",
            Chunk::Whole(_) => "whole",
            Chunk::End => "end",
        })
        .collect();
    assert_eq!(shape, ["open", "message", "message", "end"]);
}

#[test]
fn a_large_file_too_large_for_its_extractor_is_stored_whole_and_failed_with_the_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("huge.txt");
    let text = "a line of a very long transcript\n".repeat(10_000);
    std::fs::write(&file, &text).expect("write");
    let (registry, claimed, turn) = (Registry::standard(), Mutex::default(), Turn::default());
    let mut worker = worker_in(dir.path(), &registry, &claimed, &turn);
    worker.stream_above = 64 * 1024;
    worker.extract_limit = 128 * 1024;
    let chunks = run(&worker, Found::File(file));
    let [
        Chunk::Whole(Processed::New {
            document, staged, ..
        }),
    ] = chunks.as_slice()
    else {
        panic!("expected one new document");
    };
    assert!(staged.is_none(), "streamed straight into the object store");
    let hash = ContentHash::of(text.as_bytes());
    assert_eq!(document.hash, hash);
    assert_eq!(worker.objects.read(&hash).expect("stored"), text.as_bytes());
    assert_eq!(document.status, DocStatus::Failed);
    assert_eq!(document.text, None);
    let detail = document.status_detail.as_deref().unwrap_or_default();
    assert!(
        detail.starts_with("too large to extract: 330000 bytes, more than the 131072 bytes"),
        "{detail}"
    );
}
