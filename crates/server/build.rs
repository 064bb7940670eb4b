//! Embeds the built UI (`ui/dist`, made by `npm run build` in `ui/`) into the server, so that
//! `dossier serve` works wherever `dossier` is installed. Without a built UI the server
//! still builds, and answers every page with one saying the UI was not built.

#[path = "embed_dir.rs"]
mod embed_dir;

fn main() {
    let manifest = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dist = manifest.join("../../ui/dist");
    let count = embed_dir::embed_dir(&dist, &out.join("ui_files.rs"), |_| true);
    if count == 0 {
        println!(
            "cargo:warning=ui/dist is missing or empty: `dossier serve` will answer that the UI was not built (run `npm run build` in ui/, then build again)"
        );
    }
}
