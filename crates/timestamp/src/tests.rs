use dossier_tests::local_tsa::{KeyKind, LocalTsa};
use sha2::Digest as _;

use super::*;

fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

/// A request for `original`, answered by a fresh local TSA: (tsa, folder, query, response).
fn stamped(original: &[u8], key: KeyKind) -> (LocalTsa, tempfile::TempDir, Request, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tsa = LocalTsa::new(&dir.path().join("tsa"), key);
    let request = request(&sha256(original)).expect("request");
    let response = tsa.reply_bytes(&request.der);
    (tsa, dir, request, response)
}

#[test]
fn a_token_from_an_openssl_authority_verifies_and_states_time_authority_serial_and_policy() {
    let original = b"<html>Privacy policy, version of 12 March</html>";
    let (tsa, dir, request, response) = stamped(original, KeyKind::Rsa);
    let token = read_response(&response).expect("token verifies");
    token
        .check_answers(&hex(&sha256(original)), Some(&request.nonce))
        .expect("answers our request");
    assert!(token.tsa.contains("Local Test TSA"), "{}", token.tsa);
    assert_eq!(token.policy, "1.2.3.4.1");
    // OpenSSL's serial file holds the last serial issued (01): the first token is 02.
    assert_eq!(token.serial, "02");
    let when = DateTime::parse_from_rfc3339(&token.gen_time).expect("RFC 3339");
    let age = Utc::now().signed_duration_since(when);
    assert!(age.num_seconds().abs() < 300, "genTime {when} is now");
    token
        .issued_by(&std::fs::read(tsa.ca_certificate()).expect("ca"))
        .expect("issued by the test CA");

    // The same bytes pass OpenSSL's own verifier.
    let (q, r) = (dir.path().join("q.tsq"), dir.path().join("r.tsr"));
    std::fs::write(&q, &request.der).expect("q");
    std::fs::write(&r, &response).expect("r");
    assert!(
        tsa.openssl_verifies(&q, &r),
        "openssl ts -verify accepts it"
    );
}

#[test]
fn an_ecdsa_p256_authority_is_verified_too() {
    let original = b"FAQ page";
    let (_tsa, _dir, request, response) = stamped(original, KeyKind::P256);
    let token = read_response(&response).expect("token verifies");
    token
        .check_answers(&hex(&sha256(original)), Some(&request.nonce))
        .expect("answers");
}

#[test]
fn a_token_for_other_bytes_or_another_nonce_is_refused_with_the_reason() {
    let (_tsa, _dir, request, response) = stamped(b"original", KeyKind::Rsa);
    let token = read_response(&response).expect("token");
    let other = token
        .check_answers(&hex(&sha256(b"changed original")), Some(&request.nonce))
        .expect_err("another hash");
    assert!(
        other.to_string().contains("not the original's SHA-256"),
        "{other}"
    );
    let nonce = token
        .check_answers(&hex(&sha256(b"original")), Some("4000000000000001"))
        .expect_err("another nonce");
    assert!(nonce.to_string().contains("nonce"), "{nonce}");
}

#[test]
fn a_tampered_token_fails_its_signature_check() {
    let (_tsa, _dir, _request, response) = stamped(b"original", KeyKind::Rsa);
    let token = read_response(&response).expect("token");
    // Change one digit of the genTime inside the signed TSTInfo.
    let at = token.gen_time[..4].to_owned();
    let needle = at.as_bytes();
    let mut der = token.der.clone();
    let pos = der
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the year is in the token");
    der[pos + 3] = if der[pos + 3] == b'9' { b'8' } else { b'9' };
    let error = Token::read(&der).expect_err("tampered");
    assert!(
        matches!(error, TimestampError::BadSignature(_)),
        "a changed TSTInfo is a bad signature: {error}"
    );
    // A certificate issued by another CA is named as such.
    let dir = tempfile::tempdir().expect("temp dir");
    let stranger = LocalTsa::new(dir.path(), KeyKind::Rsa);
    let e = token
        .issued_by(&std::fs::read(stranger.ca_certificate()).expect("ca"))
        .expect_err("another CA");
    assert!(e.to_string().contains("was not issued by"), "{e}");
}

#[test]
fn garbage_and_refusals_are_clear_errors() {
    let e = read_response(b"not DER at all").expect_err("garbage");
    assert!(
        e.to_string().starts_with("not a valid TimeStampResp"),
        "{e}"
    );
    // A request for an unsupported digest: OpenSSL answers with a rejection status.
    let dir = tempfile::tempdir().expect("temp dir");
    let tsa = LocalTsa::new(dir.path(), KeyKind::Rsa);
    let mut bad = request_with_nonce(&[7u8; 32], &[0x41, 2, 3]).expect("request");
    // Swap the SHA-256 OID's last arc (…2.1) for one no TSA knows (…2.99).
    let oid = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    let pos = bad
        .der
        .windows(oid.len())
        .position(|w| w == oid)
        .expect("oid");
    bad.der[pos + oid.len() - 1] = 0x63;
    let response = tsa.reply_bytes(&bad.der);
    let e = read_response(&response).expect_err("refused");
    assert!(matches!(e, TimestampError::Refused(_)), "{e}");
}

#[test]
fn a_request_is_a_standard_time_stamp_query() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = dir.path().join("q.tsq");
    let request = request(&sha256(b"x")).expect("request");
    std::fs::write(&q, &request.der).expect("write");
    let out = std::process::Command::new("openssl")
        .args(["ts", "-query", "-text", "-in"])
        .arg(&q)
        .output()
        .expect("openssl");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("sha256"), "{text}");
    assert!(text.contains("Certificate required: yes"), "{text}");
    assert_eq!(request.nonce.len(), 16);
}
