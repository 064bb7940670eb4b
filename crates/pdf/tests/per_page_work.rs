//! The work of reading one page does not grow with the document's page count.
//!
//! Reading each page used to look it up by walking the whole page tree (pdf-extract's
//! `output_doc_page` collects every page into a map first), so a document's extraction
//! took time in the square of its page count and a 20,000-page file ran past the worker's
//! time limit. Time on a shared machine is no test; allocations are counted exactly, and
//! that walk built a map of all pages for every page read. This file is its own test
//! binary with a single test, because the counting allocator counts every thread.

mod common;

use std::alloc::System;

use dossier_pdf::read_pdf;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations made by `read_pdf` on a generated PDF of `pages` pages, per page.
fn allocations_per_page(pages: usize) -> f64 {
    let pdf = common::many_page_pdf(pages);
    let region = Region::new(ALLOCATOR);
    let text = read_pdf(&pdf, None).expect("a readable PDF");
    let made = region.change().allocations;
    assert_eq!(text.pages.len(), pages);
    made as f64 / pages as f64
}

#[test]
fn reading_a_page_of_a_long_document_costs_what_it_costs_in_a_short_one() {
    let short = allocations_per_page(400);
    let long = allocations_per_page(4_000);
    assert!(
        long <= short * 1.1,
        "{long:.0} allocations per page at 4,000 pages against {short:.0} at 400: the work per page grows with the page count"
    );
}
