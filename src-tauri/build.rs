//! Generates the Tauri context (config, capabilities, icons) that `generate_context!` embeds.

fn main() {
    tauri_build::build();
}
