//! Embeds the sample matter (`samples/`: sources/, policy/, timeline.csv) into `dossier`, so
//! that `dossier demo` works wherever it is installed (see `src/samples.rs`).

#[path = "../server/embed_dir.rs"]
mod embed_dir;

fn main() {
    let manifest = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let samples = manifest.join("../../samples");
    // The maker's source code and the README are not part of the matter.
    let count = embed_dir::embed_dir(&samples, &out.join("sample_files.rs"), |rel| {
        rel == "timeline.csv" || rel.starts_with("sources/") || rel.starts_with("policy/")
    });
    if count == 0 {
        println!("cargo:warning=samples/ is missing: `dossier demo` will need --samples DIR");
    }
}
