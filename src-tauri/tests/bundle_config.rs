//! The bundler's configuration: what `scripts/dev bundle` builds (a .deb and an AppImage) is
//! declared, with every icon it names present, the CLI and the PDF worker shipped beside the
//! app as sidecars, the programs Dossier calls recommended, and the manual pages, completions
//! and notices installed from the files `scripts/dev bundle` writes. Building the bundles is
//! too slow for every test run; this checks the declaration they are built from.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn config(name: &str) -> Value {
    let path = here().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_deb_and_the_appimage_are_declared_with_every_icon_present() {
    let main = config("tauri.conf.json");
    let bundle = &main["bundle"];
    assert_eq!(bundle["active"], true);
    assert_eq!(strings(&bundle["targets"]), ["deb", "appimage"]);
    let icons = strings(&bundle["icon"]);
    for size in ["32x32", "128x128", "128x128@2x"] {
        assert!(
            icons.contains(&format!("icons/{size}.png").as_str()),
            "{icons:?}"
        );
    }
    for icon in icons {
        assert!(
            here().join(icon).is_file(),
            "{icon} is declared but missing"
        );
    }
    let recommends = strings(&bundle["linux"]["deb"]["recommends"]);
    // What the extractors call: Tesseract (OCR), pdftoppm (page images for OCR), readpst (.pst).
    for package in ["tesseract-ocr", "poppler-utils", "pst-utils"] {
        assert!(recommends.contains(&package), "{recommends:?}");
    }
    assert!(
        here()
            .join(bundle["licenseFile"].as_str().expect("a licence file"))
            .is_file()
    );
}

#[test]
fn the_bundle_overlay_ships_the_cli_the_worker_the_manual_and_the_completions() {
    let overlay = config("tauri.bundle.conf.json");
    let bundle = &overlay["bundle"];
    assert_eq!(
        strings(&bundle["externalBin"]),
        ["binaries/dossier", "binaries/dossier-pdf-worker"]
    );
    let files = bundle["linux"]["deb"]["files"]
        .as_object()
        .expect("deb files");
    for installed in [
        "/usr/share/man/man1",
        "/usr/share/bash-completion/completions/dossier",
        "/usr/share/zsh/vendor-completions/_dossier",
        "/usr/share/fish/vendor_completions.d/dossier.fish",
        "/usr/share/doc/dossier/THIRD_PARTY_NOTICES.md",
    ] {
        assert!(
            files.contains_key(installed),
            "{installed} is not installed"
        );
    }
    // The sources are what `scripts/dev bundle` writes (or files of the repository).
    let script = std::fs::read_to_string(here().join("../scripts/dev")).expect("scripts/dev");
    for source in files.values().filter_map(Value::as_str) {
        match source.strip_prefix("bundle-extras/") {
            Some(written) => assert!(
                script.contains(&format!("$extras/{written}")),
                "scripts/dev bundle does not write {source}"
            ),
            None => assert!(Path::new(&here().join(source)).is_file(), "{source}"),
        }
    }
}
