//! The desktop app's command line: `--help` and `--version` answer without opening a window
//! (they run here without a display), and an option it does not know is refused instead of
//! being opened as a case folder named after it.

use std::process::Command;

fn desktop(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier-desktop"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("dossier-desktop runs")
}

#[test]
fn help_prints_the_usage_and_exits_without_a_window() {
    let out = desktop(&["--help"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("Usage: dossier-desktop [CASE]"), "{stdout}");
    assert!(stdout.contains("dossier-desktop.log"), "{stdout}");
}

#[test]
fn version_prints_the_version() {
    let out = desktop(&["--version"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("dossier-desktop {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_option_is_refused_not_opened_as_a_case() {
    let out = desktop(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--frobnicate"));
}
