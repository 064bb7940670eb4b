//! The recent-cases list: the desktop's own preference, not part of any case.
//! Kept as one path per line in the app's config folder, newest first.

use std::path::{Path, PathBuf};

/// How many cases the list remembers.
const KEEP: usize = 10;
/// The file in the app's config folder.
const FILE: &str = "recent-cases.txt";

/// The list file inside `config_dir`.
pub fn list_file(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE)
}

/// The remembered cases, newest first, leaving out folders that no longer hold a case.
pub fn load(file: &Path) -> Vec<PathBuf> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .filter(|p| dossier_api::is_case(p))
        .collect()
}

/// Puts `case` at the top of the list.
pub fn remember(file: &Path, case: &Path) -> std::io::Result<()> {
    let case = std::fs::canonicalize(case)?;
    let mut list = load(file);
    list.retain(|p| p != &case);
    list.insert(0, case);
    list.truncate(KEEP);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
    std::fs::write(file, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_repeats_and_only_real_cases() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = list_file(&dir.path().join("config"));
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        dossier_api::init(&a).expect("case a");
        dossier_api::init(&b).expect("case b");
        remember(&file, &a).expect("remember a");
        remember(&file, &b).expect("remember b");
        remember(&file, &a).expect("remember a again");
        let canon = |p: &Path| std::fs::canonicalize(p).expect("canonical");
        assert_eq!(load(&file), vec![canon(&a), canon(&b)]);
        std::fs::remove_dir_all(&b).expect("delete case b");
        assert_eq!(load(&file), vec![canon(&a)], "a deleted case drops out");
    }
}
