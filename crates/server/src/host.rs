//! Which names the server answers to.
//!
//! A page on another site can make the browser send requests to a loopback port by naming it
//! through a domain of its own that it then points at 127.0.0.1 (DNS rebinding); the browser
//! sees one origin, the attacker's, and lets the page read the answers. Such a request still
//! carries the attacker's domain in its `Host` header, so the server answers only requests
//! that name it by a loopback address or `localhost` with the port it listens on (and, with
//! `--allow-remote`, by any IP address: a literal address cannot be rebound).

use std::net::{IpAddr, SocketAddr};

use axum::response::Response;
use dossier_api::{ApiError, ErrorCode};

/// The `Host` values the server answers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AllowedHosts {
    port: u16,
    any_ip: bool,
}

impl AllowedHosts {
    /// For a server listening on `bound`; `allow_remote` also admits any IP address.
    pub(crate) fn new(bound: SocketAddr, allow_remote: bool) -> AllowedHosts {
        AllowedHosts {
            port: bound.port(),
            any_ip: allow_remote,
        }
    }

    /// The port requests must name.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Whether a request whose `Host` header is `host` is for this server.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            // `[::1]` alone has colons but no port.
            Some((name, port)) if !port.ends_with(']') => match port.parse::<u16>() {
                Ok(port) => (name, port),
                Err(_) => return false,
            },
            _ => (host, 80),
        };
        if port != self.port {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]" {
            return true;
        }
        let literal = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        self.any_ip && literal.parse::<IpAddr>().is_ok()
    }
}

/// The answer to a request that names another host: nothing runs.
pub(crate) fn misdirected(port: u16) -> Response {
    let error = ApiError::new(
        ErrorCode::BadHost,
        format!(
            "this server answers only to 127.0.0.1:{port}, localhost:{port} and [::1]:{port}: \
             open the address `dossier serve` printed"
        ),
    );
    crate::error_response(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_with_the_bound_port_are_answered() {
        let hosts = AllowedHosts::new("127.0.0.1:8123".parse().expect("addr"), false);
        for ok in [
            "127.0.0.1:8123",
            "localhost:8123",
            "LOCALHOST:8123",
            "[::1]:8123",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for refused in [
            "evil.example:8123",
            "127.0.0.1:8124",
            "localhost",
            "127.0.0.1",
            "localhost.evil.example:8123",
            "10.0.0.5:8123",
            "[::1]",
            "",
        ] {
            assert!(!hosts.allows(refused), "{refused}");
        }
        let remote = AllowedHosts::new("0.0.0.0:8123".parse().expect("addr"), true);
        assert!(remote.allows("10.0.0.5:8123"));
        assert!(remote.allows("[fe80::1]:8123"));
        assert!(!remote.allows("rebound.example:8123"));
    }
}
