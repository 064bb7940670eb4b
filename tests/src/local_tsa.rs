//! A real RFC 3161 time-stamp authority for tests: `openssl ts -reply` signing with a
//! throw-away CA and TSA certificate made in a test's temporary folder, answering request
//! files or, through [`LocalTsa::serve`], HTTP `POST`s on loopback as a public TSA does.
//! Nothing here is a stand-in: the tokens are what any OpenSSL-based authority issues, and
//! [`LocalTsa::openssl_verifies`] checks them with `openssl ts -verify`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The signing key's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA 2048 (as most public authorities, e.g. freetsa.org).
    Rsa,
    /// ECDSA on P-256.
    P256,
}

/// A time-stamp authority whose keys, certificates and configuration live in one folder.
#[derive(Debug, Clone)]
pub struct LocalTsa {
    dir: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs (the tests need the openssl command)");
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl LocalTsa {
    /// Makes a CA (`ca.pem`) and a TSA certificate it issued (`tsa.pem`, extended key usage
    /// time-stamping, critical) in `dir`, and the `openssl ts` configuration.
    pub fn new(dir: &Path, key: KeyKind) -> LocalTsa {
        std::fs::create_dir_all(dir).expect("tsa folder");
        let newkey: &[&str] = match key {
            KeyKind::Rsa => &["-newkey", "rsa:2048"],
            KeyKind::P256 => &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
        };
        let mut ca = vec!["req", "-x509", "-nodes", "-days", "3"];
        ca.extend_from_slice(newkey);
        ca.extend_from_slice(&[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/O=Dossier tests/CN=Throw-away Test CA",
        ]);
        openssl(dir, &ca);
        let mut csr = vec!["req", "-nodes"];
        csr.extend_from_slice(newkey);
        csr.extend_from_slice(&[
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/O=Dossier tests/CN=Local Test TSA",
        ]);
        openssl(dir, &csr);
        std::fs::write(
            dir.join("tsa-ext.cnf"),
            "extendedKeyUsage = critical,timeStamping\nkeyUsage = critical,digitalSignature\n",
        )
        .expect("extensions");
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                "tsa.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-set_serial",
                "7",
                "-days",
                "3",
                "-extfile",
                "tsa-ext.cnf",
                "-out",
                "tsa.pem",
            ],
        );
        std::fs::write(dir.join("tsaserial"), "01\n").expect("serial");
        let config = format!(
            "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\ndir = {}\nserial = $dir/tsaserial\n\
             crypto_device = builtin\nsigner_cert = $dir/tsa.pem\nsigner_key = $dir/tsa.key\n\
             signer_digest = sha256\ndefault_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.5\n\
             digests = sha1, sha256, sha384, sha512\naccuracy = secs:1\nordering = yes\n\
             tsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            dir.display()
        );
        std::fs::write(dir.join("tsa.cnf"), config).expect("config");
        LocalTsa {
            dir: dir.to_path_buf(),
        }
    }

    /// The CA certificate (PEM) that issued the authority's certificate.
    pub fn ca_certificate(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// Answers the request in `query` (a `.tsq`) with a response file (a `.tsr`).
    pub fn reply(&self, query: &Path, response: &Path) {
        let (query, response) = (query.to_string_lossy(), response.to_string_lossy());
        openssl(
            &self.dir,
            &[
                "ts",
                "-reply",
                "-config",
                "tsa.cnf",
                "-queryfile",
                &query,
                "-out",
                &response,
            ],
        );
    }

    /// Answers a request given as bytes, returning the response's bytes.
    pub fn reply_bytes(&self, query: &[u8]) -> Vec<u8> {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let q = self.dir.join(format!("q-{n}.tsq"));
        let r = self.dir.join(format!("r-{n}.tsr"));
        std::fs::write(&q, query).expect("write query");
        self.reply(&q, &r);
        std::fs::read(&r).expect("read response")
    }

    /// Whether `openssl ts -verify` accepts `response` as an answer to `query`, trusting the CA.
    pub fn openssl_verifies(&self, query: &Path, response: &Path) -> bool {
        Command::new("openssl")
            .args(["ts", "-verify", "-queryfile"])
            .arg(query)
            .arg("-in")
            .arg(response)
            .arg("-CAfile")
            .arg(self.ca_certificate())
            .arg("-untrusted")
            .arg(self.dir.join("tsa.pem"))
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    /// Serves the authority over HTTP on a loopback port, as `POST /tsr` with
    /// `Content-Type: application/timestamp-query`, answering `requests` requests then
    /// stopping. Returns its URL.
    pub fn serve(&self, requests: usize) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!(
            "http://127.0.0.1:{}/tsr",
            listener.local_addr().expect("address").port()
        );
        let tsa = self.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(requests) {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
                let mut length = 0usize;
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 {
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                    line.clear();
                }
                let mut body = vec![0u8; length];
                if reader.read_exact(&mut body).is_err() {
                    continue;
                }
                let answer = tsa.reply_bytes(&body);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    answer.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&answer);
            }
        });
        url
    }
}
