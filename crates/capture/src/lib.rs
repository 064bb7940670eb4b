//! Live web capture: fetches pages and writes what was exchanged as a WARC file, the
//! original a capture is kept as.
//!
//! Each fetch is one HTTP/1.1 `GET` with `Connection: close` over TCP, or over TLS verified
//! against the Mozilla root store (webpki-roots; an unverifiable certificate fails the
//! capture, naming the reason). Redirects are followed (at most [`MAX_REDIRECTS`]); every
//! hop is recorded. The response is kept exactly as transmitted (still chunked or
//! compressed, as the server sent it); Dossier's WARC reader decodes it on ingest.
//!
//! The WARC holds a `warcinfo` record (the tool and its version), then per hop a `request`,
//! a `response` and a `metadata` record (the address asked for, the server's address and,
//! over TLS, the certificate chain the server presented, base64 DER), each with a
//! `WARC-Block-Digest` (sha1, base32) and the response with its `WARC-Payload-Digest`.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use sha1::Digest;

/// Redirects followed before a capture gives up.
pub const MAX_REDIRECTS: usize = 10;
/// The largest response kept (the most an extractor reads).
pub const MAX_RESPONSE_BYTES: u64 = dossier_extract::MAX_EXTRACT_BYTES;
const TIMEOUT: Duration = Duration::from_secs(30);

/// Why a page could not be captured.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// The address is not an `http` or `https` URL.
    #[error("{url}: {reason}")]
    BadUrl {
        /// The address given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Connecting, TLS, or reading failed.
    #[error("{url}: {reason}")]
    Fetch {
        /// The address being fetched.
        url: String,
        /// What failed.
        reason: String,
    },
}

/// One request and its response, as exchanged.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The address asked for.
    pub url: String,
    /// When the request was sent, `YYYY-MM-DDThh:mm:ssZ`.
    pub date: String,
    /// The server's IP address.
    pub ip: Option<String>,
    /// The request bytes sent.
    pub request: Vec<u8>,
    /// The response bytes received, status line to the end.
    pub response: Vec<u8>,
    /// Over TLS, the certificates the server presented (DER, leaf first).
    pub certificates: Vec<Vec<u8>>,
    /// The response's status code.
    pub status: u16,
}

/// Fetches `url`, following redirects; the exchanges in order, the last one the page.
pub fn fetch(url: &str) -> Result<Vec<Exchange>, CaptureError> {
    let mut exchanges = Vec::new();
    let mut current = parse_url(url)?;
    loop {
        let exchange = fetch_one(&current, None)?;
        let location = (300..400)
            .contains(&exchange.status)
            .then(|| header(&exchange.response, "location"))
            .flatten();
        exchanges.push(exchange);
        let Some(location) = location else {
            return Ok(exchanges);
        };
        if exchanges.len() > MAX_REDIRECTS {
            return Err(CaptureError::Fetch {
                url: url.to_owned(),
                reason: format!("more than {MAX_REDIRECTS} redirects"),
            });
        }
        current = current.join(&location).map_err(|e| CaptureError::BadUrl {
            url: location.clone(),
            reason: format!("the redirect's Location is not an address: {e}"),
        })?;
        if !matches!(current.scheme(), "http" | "https") {
            return Err(CaptureError::BadUrl {
                url: current.to_string(),
                reason: "a redirect to an address that is not http or https".into(),
            });
        }
    }
}

fn parse_url(url: &str) -> Result<url::Url, CaptureError> {
    let parsed = url::Url::parse(url).map_err(|e| CaptureError::BadUrl {
        url: url.to_owned(),
        reason: format!("not an address: {e}"),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(CaptureError::BadUrl {
            url: url.to_owned(),
            reason: "only http:// and https:// addresses can be captured".into(),
        });
    }
    Ok(parsed)
}

/// Sends `body` to `url` as a `POST` of type `content_type` (an RFC 3161 time-stamp query to
/// an authority's HTTP address, RFC 3161 section 3.4) and returns the response's body,
/// refusing any status but 200.
pub fn post(url: &str, content_type: &str, body: &[u8]) -> Result<Vec<u8>, CaptureError> {
    let parsed = parse_url(url)?;
    let exchange = fetch_one(&parsed, Some((content_type, body)))?;
    let failed = |reason: String| CaptureError::Fetch {
        url: url.to_owned(),
        reason,
    };
    if exchange.status != 200 {
        return Err(failed(format!("answered HTTP {}", exchange.status)));
    }
    let message = dossier_extract::warc::http::parse(&exchange.response)
        .ok_or_else(|| failed("the answer is not an HTTP response".into()))?;
    let (body, warnings) =
        dossier_extract::warc::http::decoded_body(&message, MAX_RESPONSE_BYTES as usize);
    if let Some(warning) = warnings.first() {
        return Err(failed(format!(
            "the answer's body cannot be read: {warning}"
        )));
    }
    Ok(body)
}

/// One request (a `GET`, or a `POST` of `body`: its content type and bytes) and its response.
fn fetch_one(url: &url::Url, body: Option<(&str, &[u8])>) -> Result<Exchange, CaptureError> {
    let failed = |reason: String| CaptureError::Fetch {
        url: url.to_string(),
        reason,
    };
    let host = url.host_str().unwrap_or_default().to_owned();
    let port = url.port_or_known_default().unwrap_or(80);
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    let host_header = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    let (method, extra) = match body {
        Some((content_type, bytes)) => (
            "POST",
            format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                bytes.len()
            ),
        ),
        None => ("GET", String::new()),
    };
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: dossier/{}\r\nAccept: */*\r\n{extra}Connection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    )
    .into_bytes();
    if let Some((_, bytes)) = body {
        request.extend_from_slice(bytes);
    }
    let address = (host.trim_matches(['[', ']']), port)
        .to_socket_addrs()
        .map_err(|e| failed(format!("cannot resolve {host}: {e}")))?
        .next()
        .ok_or_else(|| failed(format!("{host} has no address")))?;
    let date = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let tcp = TcpStream::connect_timeout(&address, TIMEOUT)
        .map_err(|e| failed(format!("cannot connect to {address}: {e}")))?;
    tcp.set_read_timeout(Some(TIMEOUT)).ok();
    tcp.set_write_timeout(Some(TIMEOUT)).ok();
    let mut certificates = Vec::new();
    let response = if url.scheme() == "https" {
        let name =
            rustls::pki_types::ServerName::try_from(host.trim_matches(['[', ']']).to_owned())
                .map_err(|e| failed(format!("not a TLS server name: {e}")))?;
        let connection = rustls::ClientConnection::new(tls_config(), name)
            .map_err(|e| failed(format!("TLS: {e}")))?;
        let mut tls = rustls::StreamOwned::new(connection, tcp);
        tls.write_all(&request)
            .map_err(|e| failed(format!("TLS handshake or request failed: {e}")))?;
        let body =
            read_response(&mut tls).map_err(|e| failed(format!("reading the response: {e}")))?;
        if let Some(chain) = tls.conn.peer_certificates() {
            certificates = chain.iter().map(|c| c.as_ref().to_vec()).collect();
        }
        body
    } else {
        let mut tcp = tcp;
        tcp.write_all(&request)
            .map_err(|e| failed(format!("sending the request: {e}")))?;
        read_response(&mut tcp).map_err(|e| failed(format!("reading the response: {e}")))?
    };
    let status = status_of(&response)
        .ok_or_else(|| failed("the server's answer is not an HTTP response".into()))?;
    Ok(Exchange {
        url: url.to_string(),
        date,
        ip: Some(address.ip().to_string()),
        request,
        response,
        certificates,
        status,
    })
}

// ring, not rustls's default aws-lc-rs: it builds with the C compiler alone (aws-lc-rs needs
// cmake). rustls deprecates ring's provider only for lacking post-quantum key exchange.
#[allow(deprecated)]
fn tls_config() -> Arc<rustls::ClientConfig> {
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map(|b| b.with_root_certificates(roots).with_no_client_auth());
    match config {
        Ok(c) => Arc::new(c),
        // The ring provider supports the default versions; this cannot fail, but a failure
        // must still not panic: fall back to rustls's own default builder.
        Err(_) => Arc::new(
            rustls::ClientConfig::builder()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
        ),
    }
}

/// Reads to the end of the connection (the request said `Connection: close`), at most
/// [`MAX_RESPONSE_BYTES`]. A TLS peer that closes without `close_notify` after sending
/// the response is taken as the end.
fn read_response(stream: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if out.len() as u64 > MAX_RESPONSE_BYTES {
                    return Err(io::Error::other(format!(
                        "the response is larger than {MAX_RESPONSE_BYTES} bytes"
                    )));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof && !out.is_empty() => {
                return Ok(out);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn status_of(response: &[u8]) -> Option<u16> {
    let line_end = response.iter().position(|&b| b == b'\n')?;
    let line = String::from_utf8_lossy(&response[..line_end]);
    let mut words = line.split_whitespace();
    words.next().filter(|p| p.starts_with("HTTP/"))?;
    words.next()?.parse().ok()
}

fn header(response: &[u8], name: &str) -> Option<String> {
    let message = dossier_extract::warc::http::parse(response)?;
    message.header(name).map(str::to_owned)
}

/// A record id, unique for this record: a UUID-shaped hash of what makes it unique.
fn record_id(seed: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let h = sha2::Sha256::digest(format!("{seed} {nanos} {}", std::process::id()).as_bytes());
    let hex: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-4{}-a{}-{}>",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn sha1_digest(bytes: &[u8]) -> String {
    format!(
        "sha1:{}",
        dossier_extract::warc::base32(&sha1::Sha1::digest(bytes))
    )
}

fn write_record(out: &mut impl Write, headers: &[(&str, String)], block: &[u8]) -> io::Result<()> {
    write!(out, "WARC/1.0\r\n")?;
    for (name, value) in headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(
        out,
        "WARC-Block-Digest: {}\r\nContent-Length: {}\r\n\r\n",
        sha1_digest(block),
        block.len()
    )?;
    out.write_all(block)?;
    out.write_all(b"\r\n\r\n")
}

/// Writes the exchanges as a WARC file: `warcinfo`, then `request`, `response` and
/// `metadata` for each.
pub fn write_warc(exchanges: &[Exchange], out: &mut impl Write) -> io::Result<()> {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let info = format!(
        "software: dossier/{}\r\nformat: WARC File Format 1.0\r\n",
        env!("CARGO_PKG_VERSION")
    );
    write_record(
        out,
        &[
            ("WARC-Type", "warcinfo".into()),
            ("WARC-Date", now.clone()),
            ("WARC-Record-ID", record_id(&format!("warcinfo {now}"))),
            ("Content-Type", "application/warc-fields".into()),
        ],
        info.as_bytes(),
    )?;
    for (i, x) in exchanges.iter().enumerate() {
        let response_id = record_id(&format!("response {i} {}", x.url));
        let mut common = vec![
            ("WARC-Target-URI", x.url.clone()),
            ("WARC-Date", x.date.clone()),
        ];
        if let Some(ip) = &x.ip {
            common.push(("WARC-IP-Address", ip.clone()));
        }
        let payload = match dossier_extract::warc::http::parse(&x.response) {
            Some(message) => message.body.to_vec(),
            None => Vec::new(),
        };
        let mut headers = vec![("WARC-Type", "response".to_owned())];
        headers.extend(common.iter().cloned());
        headers.push(("WARC-Record-ID", response_id.clone()));
        headers.push(("Content-Type", "application/http; msgtype=response".into()));
        headers.push(("WARC-Payload-Digest", sha1_digest(&payload)));
        write_record(out, &headers, &x.response)?;

        let mut headers = vec![("WARC-Type", "request".to_owned())];
        headers.extend(common.iter().cloned());
        headers.push((
            "WARC-Record-ID",
            record_id(&format!("request {i} {}", x.url)),
        ));
        headers.push(("WARC-Concurrent-To", response_id.clone()));
        headers.push(("Content-Type", "application/http; msgtype=request".into()));
        write_record(out, &headers, &x.request)?;

        let mut fields = format!(
            "software: dossier/{}\r\nhop: {}\r\n",
            env!("CARGO_PKG_VERSION"),
            i + 1
        );
        for cert in &x.certificates {
            fields.push_str("tls-certificate: ");
            fields.push_str(&base64::engine::general_purpose::STANDARD.encode(cert));
            fields.push_str("\r\n");
        }
        let mut headers = vec![("WARC-Type", "metadata".to_owned())];
        headers.extend(common.iter().cloned());
        headers.push((
            "WARC-Record-ID",
            record_id(&format!("metadata {i} {}", x.url)),
        ));
        headers.push(("WARC-Concurrent-To", response_id));
        headers.push(("Content-Type", "application/warc-fields".into()));
        write_record(out, &headers, fields.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
