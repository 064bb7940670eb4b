//! Where the window opens: as the user left it last time, if that still fits a screen;
//! otherwise large, filling most of the screen it opens on. The desktop's own preference,
//! kept beside the recent-cases list in the app's config folder as one line,
//! `x y width height maximized` in physical pixels.

use std::path::{Path, PathBuf};

/// The file in the app's config folder.
const FILE: &str = "window.txt";
/// The share of the screen a first window takes, centred: nearly all of it, with the edges
/// of the desktop still in sight.
const SCREEN_SHARE: f64 = 0.92;
/// The smallest window worth restoring; a smaller saved size is taken for a mistake.
const MIN_SIZE: u32 = 300;
/// How much of a restored window must lie on a screen (a screen unplugged since).
const MUST_SHOW: i64 = 100;

/// A window's place and size, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

/// A screen's area, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// The placement file inside `config_dir`.
pub fn file(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE)
}

/// The saved placement, if there is one that reads.
pub fn load(file: &Path) -> Option<Placement> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut parts = text.split_whitespace();
    let mut next = || parts.next();
    let placement = Placement {
        x: next()?.parse().ok()?,
        y: next()?.parse().ok()?,
        width: next()?.parse().ok()?,
        height: next()?.parse().ok()?,
        maximized: next()? == "maximized",
    };
    (placement.width >= MIN_SIZE && placement.height >= MIN_SIZE).then_some(placement)
}

/// Remembers `placement` for the next start.
pub fn save(file: &Path, placement: &Placement) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let Placement {
        x,
        y,
        width,
        height,
        maximized,
    } = placement;
    let state = if *maximized { "maximized" } else { "normal" };
    std::fs::write(file, format!("{x} {y} {width} {height} {state}\n"))
}

/// Where to open: the saved placement when enough of it shows on one of `screens`, else
/// most of `current` (the screen the window opens on), centred on it.
pub fn choose(saved: Option<Placement>, screens: &[Screen], current: Screen) -> Placement {
    match saved {
        Some(p) if screens.iter().any(|s| shows_on(&p, s)) => p,
        _ => filling(current),
    }
}

fn shows_on(p: &Placement, s: &Screen) -> bool {
    let overlap =
        |a0: i64, a_len: i64, b0: i64, b_len: i64| (a0 + a_len).min(b0 + b_len) - a0.max(b0);
    overlap(p.x.into(), p.width.into(), s.x.into(), s.width.into()) >= MUST_SHOW
        && overlap(p.y.into(), p.height.into(), s.y.into(), s.height.into()) >= MUST_SHOW
}

/// Most of `screen`, centred on it.
pub fn filling(screen: Screen) -> Placement {
    let width = (f64::from(screen.width) * SCREEN_SHARE) as u32;
    let height = (f64::from(screen.height) * SCREEN_SHARE) as u32;
    Placement {
        x: screen.x + ((screen.width - width) / 2) as i32,
        y: screen.y + ((screen.height - height) / 2) as i32,
        width,
        height,
        maximized: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Screen = Screen {
        x: 0,
        y: 0,
        width: 1920,
        height: 1080,
    };
    const RIGHT: Screen = Screen {
        x: 1920,
        y: 0,
        width: 2560,
        height: 1440,
    };

    #[test]
    fn a_first_window_fills_most_of_its_screen_centred() {
        let p = choose(None, &[LAPTOP], LAPTOP);
        assert_eq!((p.width, p.height), (1766, 993));
        assert_eq!((p.x, p.y), (77, 43));
        assert!(!p.maximized);
        let on_right = filling(RIGHT);
        assert!(
            on_right.x >= RIGHT.x
                && on_right.x + on_right.width as i32 <= RIGHT.x + RIGHT.width as i32
        );
    }

    #[test]
    fn the_window_reopens_where_it_was_left_unless_its_screen_is_gone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = file(&dir.path().join("config"));
        assert_eq!(load(&file), None, "nothing saved yet");
        let left = Placement {
            x: 2100,
            y: 80,
            width: 1600,
            height: 1200,
            maximized: true,
        };
        save(&file, &left).expect("save");
        assert_eq!(load(&file), Some(left));
        assert_eq!(choose(load(&file), &[LAPTOP, RIGHT], LAPTOP), left);
        // The right-hand screen unplugged: the window comes back on the laptop's.
        assert_eq!(choose(load(&file), &[LAPTOP], LAPTOP), filling(LAPTOP));
    }

    #[test]
    fn a_damaged_or_tiny_saved_placement_is_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = file(dir.path());
        std::fs::write(&file, "not a placement").expect("write");
        assert_eq!(load(&file), None);
        std::fs::write(&file, "0 0 20 20 normal\n").expect("write");
        assert_eq!(load(&file), None);
    }
}
