//! The Dossier desktop shell: one Tauri window on one case.
//!
//! This crate is a transport, not a place for logic (see `DESIGN.md`, "crates own concepts;
//! shells own transports"). Every Tauri command ([`commands`]) is a one-line delegation to a
//! function of [`dossier_api`], which owns the behaviour and the serialisable types; errors
//! reach the UI as the api's `{code, message}`.
//!
//! The case folder is the first command-line argument, or else the `DOSSIER_CASE` environment
//! variable; the user can switch to another (or create one) with the native folder dialog.
//! Files dropped on the window arrive in the UI as Tauri's `tauri://drag-drop` event with
//! their paths, and the UI ingests them through the `ingest` command.
//!
//! The window is built here rather than in `tauri.conf.json` so that its title can name the
//! case (`Dossier — <case folder>`); afterwards the title follows the page's `document.title`,
//! which the UI sets once the case summary has loaded, so tests can see from outside that data
//! arrived.
//!
//! GTK needs a display: without one the app panics at start with "Failed to initialize GTK".
//! Tests run it under Xvfb (`tests/desktop/smoke.sh`).

mod commands;
mod open_case;
mod recent;
mod save_export;

use tauri::{WebviewUrl, WebviewWindowBuilder};

use crate::open_case::{CASE_ENV, OpenCase};

fn main() {
    let mut args = std::env::args_os().skip(1);
    let case = OpenCase::new(args.next(), std::env::var_os(CASE_ENV));
    let title = case.window_title();

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(case)
        .invoke_handler(commands::handler())
        .setup(move |app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title(&title)
                .inner_size(1100.0, 760.0)
                .min_inner_size(480.0, 360.0)
                .on_document_title_changed(|window, page_title| {
                    if page_title.is_empty() {
                        return;
                    }
                    if let Err(e) = window.set_title(&page_title) {
                        eprintln!("dossier-desktop: cannot set the window title: {e}");
                    }
                })
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());

    if let Err(e) = result {
        eprintln!("dossier-desktop: {e}");
        std::process::exit(1);
    }
}
