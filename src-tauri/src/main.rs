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
//! The window opens where the user left it, or large on its screen (`window_place.rs`), and
//! remembers its place when it closes.
//!
//! GTK needs a display: without one the app panics at start with "Failed to initialize GTK".
//! Tests run it under Xvfb (`tests/desktop/smoke.sh`).
//!
//! `--help` and `--version` answer on stdout without opening a window (clap), and any other
//! option is refused rather than taken for a case folder. Diagnostics (`tracing`, filtered by
//! `RUST_LOG`, default `warn`) go to `dossier-desktop.log` in the app's log folder
//! (`~/.local/share/org.dossier.desktop/logs` on Linux), where a user can find them after
//! the window has gone; the file's path is printed on stderr at start.

mod commands;
mod logging;
mod open_case;
mod recent;
mod save_export;
mod window_place;

use tauri::{
    Manager, PhysicalPosition, PhysicalSize, WebviewUrl, WebviewWindow, WebviewWindowBuilder,
    WindowEvent,
};

use crate::open_case::{CASE_ENV, OpenCase};

/// Dossier's desktop app: one window on one case folder.
#[derive(clap::Parser)]
#[command(name = "dossier-desktop", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    /// The case folder to open (default: $DOSSIER_CASE; without either, the window offers
    /// to open or create one).
    case: Option<std::ffi::OsString>,
}

const AFTER_HELP: &str = "Diagnostics go to dossier-desktop.log in the app's log folder \
(~/.local/share/org.dossier.desktop/logs on Linux), filtered by RUST_LOG (default: warn).";

fn main() {
    let cli = <Cli as clap::Parser>::parse();
    let case = OpenCase::new(cli.case, std::env::var_os(CASE_ENV));
    let title = case.window_title();

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(case)
        .invoke_handler(commands::handler())
        .setup(move |app| {
            match app.path().app_log_dir() {
                Ok(dir) => logging::to_file(&dir),
                Err(e) => eprintln!("dossier-desktop: no log folder ({e}); not logging"),
            }
            let placement_file = app
                .path()
                .app_config_dir()
                .ok()
                .map(|d| window_place::file(&d));
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title(&title)
                .inner_size(1100.0, 760.0)
                .min_inner_size(480.0, 360.0)
                .visible(false)
                .on_document_title_changed(|window, page_title| {
                    if page_title.is_empty() {
                        return;
                    }
                    if let Err(e) = window.set_title(&page_title) {
                        tracing::warn!("cannot set the window title: {e}");
                    }
                })
                .build()?;
            place(&window, placement_file.as_deref());
            if let Some(file) = placement_file {
                let closing = window.clone();
                window.on_window_event(move |event| {
                    if let WindowEvent::CloseRequested { .. } = event {
                        remember_place(&closing, &file);
                    }
                });
            }
            window.show()?;
            Ok(())
        })
        .run(tauri::generate_context!());

    if let Err(e) = result {
        eprintln!("dossier-desktop: {e}");
        std::process::exit(1);
    }
}

/// Puts the window where it was left, or large on its screen; a failure leaves it at its
/// built size, and says why.
fn place(window: &WebviewWindow, file: Option<&std::path::Path>) {
    let screen = |m: &tauri::Monitor| window_place::Screen {
        x: m.position().x,
        y: m.position().y,
        width: m.size().width,
        height: m.size().height,
    };
    let screens: Vec<_> = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(screen)
        .collect();
    let Some(current) = window
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| window.primary_monitor().ok().flatten())
        .map(|m| screen(&m))
    else {
        return; // no screen to measure: the built size stands
    };
    let p = window_place::choose(file.and_then(window_place::load), &screens, current);
    let placed = window
        .set_size(PhysicalSize::new(p.width, p.height))
        .and_then(|()| window.set_position(PhysicalPosition::new(p.x, p.y)))
        .and_then(|()| {
            if p.maximized {
                window.maximize()
            } else {
                Ok(())
            }
        });
    if let Err(e) = placed {
        tracing::warn!("cannot place the window: {e}");
    }
}

/// Saves the window's place and size for the next start.
fn remember_place(window: &WebviewWindow, file: &std::path::Path) {
    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size()) else {
        return;
    };
    let placement = window_place::Placement {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized: window.is_maximized().unwrap_or(false),
    };
    if let Err(e) = window_place::save(file, &placement) {
        tracing::warn!(
            "cannot remember the window's place in {}: {e}",
            file.display()
        );
    }
}
