//! Prints every glyph pdf-extract reports on one page of a PDF, with its position and
//! advance, to see why the layout joins or splits words:
//! `cargo run --release -p dossier-pdf --example glyphs -- FILE.pdf [PAGE]`.

use dossier_pdf::PageCollector;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("usage: glyphs FILE.pdf [PAGE]")?;
    let page: u32 = args.next().map(|p| p.parse()).transpose()?.unwrap_or(1);
    let doc = pdf_extract::Document::load(&file)?;
    let mut collector = PageCollector::default();
    pdf_extract::output_doc_page(&doc, &mut collector, page)?;
    for g in collector.into_glyphs() {
        println!(
            "{:8.2} {:8.2} end {:8.2} adv {:6.2} size {:5.2} {}{:?}",
            g.x,
            g.y,
            g.end,
            g.end - g.x,
            g.size,
            if g.rotated { "rot " } else { "" },
            g.text
        );
    }
    Ok(())
}
