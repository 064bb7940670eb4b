//! The built UI, embedded in the binary at build time (`build.rs`), so that `dossier serve`
//! needs no source tree: `ui/dist` as it was when this binary was built.

use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

mod files {
    include!(concat!(env!("OUT_DIR"), "/ui_files.rs"));
}

/// The page every request gets when this binary was built without `ui/dist`.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dossier: UI not built</title></head>\
<body><h1>The Dossier UI was not built into this program</h1>\
<p>This <code>dossier</code> was compiled before <code>ui/dist</code> existed. Build the UI \
(<code>npm run build</code> in <code>ui/</code>) and then <code>dossier</code> again, or run \
<code>dossier serve --ui-dir PATH/TO/ui/dist</code>. The API under <code>/api/</code> works.</p></body></html>";

/// Whether this binary carries a built UI.
pub fn is_embedded() -> bool {
    !files::FILES.is_empty()
}

/// The embedded file at this relative path (`index.html` for a folder).
pub fn file(path: &str) -> Option<&'static [u8]> {
    let path = path.trim_start_matches('/');
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    files::FILES
        .binary_search_by(|(name, _)| (*name).cmp(path.as_str()))
        .ok()
        .map(|i| files::FILES[i].1)
}

/// Answers a request for the UI from the embedded files.
pub async fn serve(uri: Uri) -> Response {
    if !is_embedded() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            NOT_BUILT,
        )
            .into_response();
    }
    match file(uri.path()) {
        Some(body) => {
            let path = uri.path();
            let name = if path.ends_with('/') {
                "index.html"
            } else {
                path
            };
            let mime = mime_guess::from_path(name).first_or_octet_stream();
            (
                [(header::CONTENT_TYPE, mime.essence_str().to_owned())],
                body,
            )
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_its_index_and_unknown_paths_are_absent() {
        if !is_embedded() {
            return; // built without ui/dist: nothing to look up
        }
        assert_eq!(file("/"), file("/index.html"));
        assert!(file("/index.html").is_some());
        assert!(file("/no/such/file.js").is_none());
    }
}
