//! The committed PDFs and mbox are exactly what their sources make: editing a source
//! without regenerating (`cargo run -p dossier-sample-maker`), or editing a generated file
//! by hand, fails here.

use dossier_sample_maker::{default_samples_dir, render_all, stale};

#[test]
fn committed_sample_files_are_byte_identical_to_a_fresh_rendering() {
    let samples = default_samples_dir();
    let out_of_date = stale(&samples).expect("the sources render");
    assert!(
        out_of_date.is_empty(),
        "out of date (run `cargo run -p dossier-sample-maker`): {out_of_date:?}"
    );
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let samples = default_samples_dir();
    let first = render_all(&samples).expect("renders");
    let second = render_all(&samples).expect("renders again");
    assert_eq!(first, second);
    let names: Vec<String> = first.iter().map(|(p, _)| p.display().to_string()).collect();
    assert_eq!(
        names,
        [
            "sources/filings/complaint.pdf",
            "sources/filings/ad-view-settlement-notice.pdf",
            "sources/mail/okafor-feld.mbox"
        ]
    );
}
