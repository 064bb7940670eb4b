//! A document of thousands of pages, through the real worker process: every page's text
//! comes out, in order, and nothing is reported missing. (A 20,000-page file used to run
//! past the worker's time limit; `per_page_work.rs` holds the cause down.)

mod common;

use std::time::Duration;

use common::{many_page_pdf, page_lines};
use dossier_extract::{Hints, PdfExtractor, extract};

#[test]
fn every_page_of_a_five_thousand_page_pdf_comes_out_in_order() {
    let total = 5_000;
    let pdf = many_page_pdf(total);
    let x = PdfExtractor::new(dossier_tests::pdf_worker(), Duration::from_secs(120), 2048);
    let out = extract(&x, &pdf, &Hints::default()).expect("extracted");
    assert_eq!(out.meta.get("page_count"), Some(&total.to_string()));
    assert_eq!(out.pages.len(), total);
    for (i, page) in out.pages.iter().enumerate() {
        let lines: Vec<&str> = page
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, page_lines(i + 1, total), "page {}", i + 1);
    }
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}
