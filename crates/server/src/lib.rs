//! `dossier serve`: the command surface over HTTP, for the UI in a browser and for a second
//! person on the same machine.
//!
//! - `POST /api/<command>` runs one command of [`dossier_api::dispatch`] with the JSON body
//!   as its arguments and answers its JSON result, or `{code, message}` with a 4xx/5xx status.
//! - `GET /api/events` streams progress as server-sent events (`data: {"command", "event", …}`).
//! - Everything else serves the built UI: the `ui/dist` embedded in the binary at build time
//!   (`ui.rs`), or a folder given instead ([`ServeOptions::ui_dir`]).
//!
//! Security: the server listens only on a loopback address (so other machines cannot connect)
//! unless `allow_remote` is set, and requires a random per-run token on every API call
//! (`Authorization: Bearer TOKEN`; the event stream may carry it as `?token=`, because a
//! browser's `EventSource` cannot set headers), checked before the request's body is read
//! (and a body is read up to [`MAX_BODY`] only). It answers only requests that name it as
//! `127.0.0.1`, `localhost` or `[::1]` with its port (`host.rs`: DNS rebinding). Commands read
//! files by path only under the folders the person running it allowed
//! ([`ServeOptions::scope`]: `--allow-path`; with none given, no path at all), never in `/proc`, `/sys` or
//! `/dev`. Every response forbids MIME sniffing and framing. Requests that fail these checks
//! change nothing.
//!
//! The server holds no logic: each request is one call into the api crate on a blocking thread,
//! through one [`dossier_api::Session`] for the served case, shared by all requests.

mod auth;
mod host;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use dossier_api::{ApiError, ErrorCode, PathScope};
use serde_json::Value;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use auth::new_token;

/// How to serve a case.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The case folder.
    pub case: PathBuf,
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Accept connections from other machines (and listen on non-loopback addresses).
    pub allow_remote: bool,
    /// A built UI folder to serve instead of the one embedded in this binary (for working
    /// on the UI without rebuilding the server).
    pub ui_dir: Option<PathBuf>,
    /// The token API calls must carry.
    pub token: String,
    /// Which files commands may read by path (`ingest`, `event` `import`): only under the
    /// `--allow-path` folders, since the paths come from a browser.
    pub scope: PathScope,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Asked to listen on a non-loopback address without `allow_remote`.
    #[error(
        "refusing to listen on {0}: it is reachable from other machines; use a 127.0.0.1 address or pass --allow-remote"
    )]
    NotLoopback(SocketAddr),
    /// The address could not be bound or the server failed.
    #[error("{addr}: {source}")]
    Io {
        /// The address concerned.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl ServeError {
    /// The api error code a shell reports this with: a refused address is the caller's
    /// choice to change (`invalid_input`), not a failure of the disk or the network.
    pub fn code(&self) -> ErrorCode {
        match self {
            ServeError::NotLoopback(_) => ErrorCode::InvalidInput,
            ServeError::Io { .. } => ErrorCode::Io,
        }
    }
}

struct AppState {
    /// The served case, kept open between requests (connections, search index and columns).
    case: dossier_api::Session,
    token: String,
    scope: PathScope,
    events: broadcast::Sender<String>,
}

/// The stack of the threads that run commands: 8 MiB, as Linux gives a main thread.
const COMMAND_STACK_BYTES: usize = 8 * 1024 * 1024;

/// The largest request body read, in bytes: arguments are small (paths, a note's text, an
/// event); a larger body is refused from its `Content-Length` before it is read.
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// The URL a person opens: the UI with the token in its query.
pub fn ui_url(addr: SocketAddr, token: &str) -> String {
    format!("http://{addr}/?token={token}")
}

/// Serves until the process ends. `on_ready` receives the bound address once the socket
/// listens (so a caller asking for port 0 learns the port).
pub fn serve(options: ServeOptions, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    if !options.allow_remote && !options.addr.ip().is_loopback() {
        return Err(ServeError::NotLoopback(options.addr));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Commands run on the runtime's blocking threads: give them the stack a program's
        // main thread has, so that they recurse as deep as the CLI running the same command
        // (tokio's default is a quarter of it; every recursion a request can drive is
        // bounded besides, as the query's nesting is).
        .thread_stack_size(COMMAND_STACK_BYTES)
        .build()
        .map_err(|source| ServeError::Io {
            addr: options.addr,
            source,
        })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|source| ServeError::Io {
                addr: options.addr,
                source,
            })?;
        let bound = listener.local_addr().map_err(|source| ServeError::Io {
            addr: options.addr,
            source,
        })?;
        let (events, _) = broadcast::channel(1024);
        let state = Arc::new(AppState {
            // Opened before the socket listens: a heal of the index happens here, not during
            // a request.
            case: dossier_api::Session::open(&options.case),
            token: options.token,
            scope: options.scope,
            events,
        });
        let hosts = host::AllowedHosts::new(bound, options.allow_remote);
        let app = router(state, hosts, options.ui_dir);
        on_ready(bound);
        axum::serve(listener, app)
            .await
            .map_err(|source| ServeError::Io {
                addr: bound,
                source,
            })
    })
}

/// The UI's Content Security Policy in a browser: the desktop window's
/// (`src-tauri/tauri.conf.json`, `app.security.csp`) with the server's own origin in place of
/// Tauri's IPC, so the browser tests run the UI under the rules the desktop app enforces;
/// plus `frame-ancestors 'none'`, which only a header can say: no other page may frame the
/// UI (and trick clicks in it). `'wasm-unsafe-eval'` lets pdf.js compile its WebAssembly
/// decoders (JPEG 2000 images, JBIG2, ICC colour) served from 'self'; it allows no `eval`.
const UI_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

/// Headers on every response, the refusals included: the policy above, no guessing of a
/// type other than the one sent (an original served as text is never run as script), and no
/// `Referer`, since the page's address carries the token.
const RESPONSE_HEADERS: [(HeaderName, &str); 3] = [
    (header::CONTENT_SECURITY_POLICY, UI_CSP),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
];

fn router(state: Arc<AppState>, hosts: host::AllowedHosts, ui_dir: Option<PathBuf>) -> Router {
    let api = Router::new()
        .route("/api/events", get(events))
        .route("/api/{command}", post(command));
    let api = match ui_dir {
        Some(dir) => {
            api.fallback_service(ServeDir::new(dir).append_index_html_on_directories(true))
        }
        None => api.fallback(ui::serve),
    };
    let mut router = api
        .with_state(state)
        // Outside the routes, so a request for another host reaches none of them.
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            check_host(hosts, request, next)
        }));
    // Outermost, so they are set on every answer, the host refusal included.
    for (name, value) in RESPONSE_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// Refuses a request whose `Host` is not this server's own name (see `host.rs`).
async fn check_host(hosts: host::AllowedHosts, request: Request, next: Next) -> Response {
    let named = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|h| hosts.allows(h));
    if !named {
        return host::misdirected(hosts.port());
    }
    next.run(request).await
}

/// `POST /api/<command>`. The token is checked on the headers alone: the body of a request
/// without it is never read.
async fn command(
    State(state): State<Arc<AppState>>,
    UrlPath(name): UrlPath<String>,
    request: Request,
) -> Response {
    if !auth::has_bearer(request.headers(), &state.token) {
        return auth::unauthorized();
    }
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(refused) => return refused,
    };
    let args: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return error_response(ApiError::new(
                    ErrorCode::InvalidJson,
                    format!("the request body is not JSON: {e}"),
                ));
            }
        }
    };
    let worker_state = state.clone();
    let started = std::time::Instant::now();
    let ran = tokio::task::spawn_blocking(move || {
        let events = worker_state.events.clone();
        let tag = name.clone();
        let forward = move |event: dossier_api::Event| {
            let mut json = serde_json::to_value(&event).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut json {
                map.insert("command".into(), Value::String(tag.clone()));
            }
            // Nobody listening is fine: progress is advisory.
            let _ = events.send(json.to_string());
        };
        dossier_api::dispatch(
            &name,
            &worker_state.case,
            args,
            &worker_state.scope,
            &forward,
        )
    })
    .await;
    let took = started.elapsed();
    let mut response = match ran {
        Ok(Ok(value)) => axum::Json(value).into_response(),
        Ok(Err(e)) => error_response(e),
        Err(join) => error_response(ApiError::new(
            ErrorCode::Internal,
            format!("the command crashed: {join}"),
        )),
    };
    // The command's own time, for the browser's developer tools and the latency benchmark
    // (benches/serve-latency.sh), which sets it beside the whole round trip.
    if let Ok(value) =
        HeaderValue::from_str(&format!("dispatch;dur={:.3}", took.as_secs_f64() * 1000.0))
    {
        response.headers_mut().insert(SERVER_TIMING, value);
    }
    response
}

/// `Server-Timing` (W3C Server Timing), which `http` does not name.
const SERVER_TIMING: HeaderName = HeaderName::from_static("server-timing");

/// The body of an authorised request, at most [`MAX_BODY`] bytes.
async fn read_body(request: Request) -> Result<axum::body::Bytes, Response> {
    let too_large = || {
        error_response(ApiError::new(
            ErrorCode::TooLarge,
            format!("the request body is larger than {MAX_BODY} bytes"),
        ))
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large());
    }
    axum::body::to_bytes(request.into_body(), MAX_BODY)
        .await
        .map_err(|_| too_large())
}

/// `GET /api/events`: progress of every running command, as server-sent events.
async fn events(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    query: axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let from_query = query.get("token").map(String::as_str);
    if !auth::has_bearer(&headers, &state.token)
        && !from_query.is_some_and(|t| auth::same_token(t, &state.token))
    {
        return auth::unauthorized();
    }
    let stream = BroadcastStream::new(state.events.subscribe()).filter_map(|msg| {
        msg.ok()
            .map(|data| Ok::<_, std::convert::Infallible>(SseEvent::default().data(data)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The answer carrying `error`, with the status its code calls for
/// ([`ErrorCode::http_status`]: the caller's mistakes 4xx, ours 5xx).
pub(crate) fn error_response(error: ApiError) -> Response {
    let status =
        StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(error)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_address_is_the_callers_to_change_not_an_io_failure() {
        let options = ServeOptions {
            case: PathBuf::from("unused"),
            addr: "0.0.0.0:0".parse().expect("address"),
            allow_remote: false,
            ui_dir: None,
            token: "t".into(),
            scope: PathScope::under(&[]).expect("scope"),
        };
        let refused = serve(options, |_| panic!("must not listen")).expect_err("refused");
        assert!(matches!(refused, ServeError::NotLoopback(_)), "{refused}");
        assert_eq!(refused.code(), ErrorCode::InvalidInput);
        assert_eq!(refused.code().http_status(), 400);
    }
}
