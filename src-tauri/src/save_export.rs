//! Writing an export (chronology, exhibit list…) where the user chose in the native save dialog.
//!
//! A browser saves an export as a download; the desktop window's webview has no download
//! manager to speak of (WebKitGTK drops a Blob download silently), so the UI asks for a path with
//! the dialog and hands the export's text here. Desktop-only: the api surface never writes outside
//! a case, and this writes nothing inside one (so there is nothing for the audit log).

use std::fs;
use std::path::Path;

use dossier_api::{ApiError, ErrorCode};

/// Writes `contents` to `path` exactly (replacing a file the user chose to overwrite) and
/// returns the number of bytes written. Errors name the path and the reason.
pub fn write_export(path: &Path, contents: &str) -> Result<u64, ApiError> {
    if path.as_os_str().is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "no file was chosen to save the export to",
        ));
    }
    fs::write(path, contents.as_bytes()).map_err(|e| {
        ApiError::new(
            ErrorCode::Io,
            format!("cannot save the export to {}: {e}", path.display()),
        )
    })?;
    Ok(contents.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_file_holds_exactly_the_export() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("Linkwise privacy matter-chronology.csv");
        let export = "date,event\n2024-06-11,\"Linkwise agrees to pay $6\u{2009}M\"\r\n";
        let written = write_export(&path, export).expect("saved");
        assert_eq!(fs::read(&path).expect("read back"), export.as_bytes());
        assert_eq!(written, export.len() as u64);
    }

    #[test]
    fn a_folder_that_does_not_exist_is_a_clear_error_naming_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing").join("out.csv");
        let error = write_export(&path, "x").expect_err("no such folder");
        assert_eq!(error.code, "io");
        assert!(
            error.message.contains(&path.display().to_string()),
            "{}",
            error.message
        );
    }
}
