//! `--include` / `--exclude`: which of the files a walk finds are ingested.
//!
//! A pattern is matched against a file's path relative to the folder the user named and
//! against its file name, so `*.json` leaves out every JSON file at any depth while
//! `sidecars/*.json` only those in that subfolder. `*` never crosses a `/`; `**` does.
//! Patterns are globset's (the syntax of ripgrep's `--glob`): it compiles all patterns
//! into one matcher checked once per path, reports a malformed pattern with its reason,
//! and is maintained with ripgrep.

use std::path::Path;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// The user's `--include` and `--exclude` patterns, compiled.
#[derive(Debug, Clone, Default)]
pub struct GlobFilter {
    include: Option<Patterns>,
    exclude: Option<Patterns>,
}

#[derive(Debug, Clone)]
struct Patterns {
    set: GlobSet,
    texts: Vec<String>,
}

/// A pattern that is not a glob.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid --{flag} pattern {pattern:?}: {reason}")]
pub struct GlobError {
    /// `include` or `exclude`.
    pub flag: &'static str,
    /// The pattern as given.
    pub pattern: String,
    /// Why it is not a glob.
    pub reason: String,
}

/// Whether a file passes the filter, and if not, why (the reason a skipped item shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Ingest it.
    Take,
    /// Pass it over, for this reason.
    Leave(String),
}

impl GlobFilter {
    /// Compiles the patterns; an empty list means no filter of that kind.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, GlobError> {
        Ok(Self {
            include: Patterns::compile("include", include)?,
            exclude: Patterns::compile("exclude", exclude)?,
        })
    }

    /// True when the filter lets every file through.
    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }

    /// The verdict on a file at `relative` (to the folder named; for a file named itself,
    /// its name).
    pub fn file(&self, relative: &Path) -> Verdict {
        if let Some(pattern) = self.exclude.as_ref().and_then(|p| p.first_match(relative)) {
            return Verdict::Leave(format!("excluded by --exclude {pattern}"));
        }
        match &self.include {
            Some(include) if include.first_match(relative).is_none() => Verdict::Leave(format!(
                "not matched by --include {}",
                include.texts.join(", ")
            )),
            _ => Verdict::Take,
        }
    }

    /// The verdict on a folder inside the one named: only `--exclude` applies (a folder
    /// is not itself a file to include), and an excluded folder is not entered at all.
    pub fn folder(&self, relative: &Path) -> Verdict {
        match self.exclude.as_ref().and_then(|p| p.first_match(relative)) {
            Some(pattern) => Verdict::Leave(format!("excluded by --exclude {pattern}")),
            None => Verdict::Take,
        }
    }
}

impl Patterns {
    fn compile(flag: &'static str, patterns: &[String]) -> Result<Option<Self>, GlobError> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            builder.add(glob(flag, pattern)?);
        }
        let set = builder.build().map_err(|e| GlobError {
            flag,
            pattern: patterns.join(", "),
            reason: e.kind().to_string(),
        })?;
        Ok(Some(Self {
            set,
            texts: patterns.to_vec(),
        }))
    }

    /// The first pattern (in the order given) matching the path or its last component.
    fn first_match(&self, relative: &Path) -> Option<&str> {
        let mut hits = self.set.matches(relative);
        if let Some(name) = relative.file_name() {
            hits.extend(self.set.matches(Path::new(name)));
        }
        hits.into_iter().min().map(|i| self.texts[i].as_str())
    }
}

fn glob(flag: &'static str, pattern: &str) -> Result<Glob, GlobError> {
    let invalid = |reason: String| GlobError {
        flag,
        pattern: pattern.to_owned(),
        reason,
    };
    if pattern.trim().is_empty() {
        return Err(invalid("the pattern is empty".into()));
    }
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| invalid(e.kind().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> GlobFilter {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        GlobFilter::new(&owned(include), &owned(exclude)).expect("valid globs")
    }

    #[test]
    fn an_exclude_by_extension_leaves_out_such_files_at_any_depth_and_names_the_pattern() {
        let f = filter(&[], &["*.csv", "*.json"]);
        assert_eq!(
            f.file(Path::new("captures/2021-01-01.json")),
            Verdict::Leave("excluded by --exclude *.json".into())
        );
        assert_eq!(
            f.file(Path::new("index.csv")),
            Verdict::Leave("excluded by --exclude *.csv".into())
        );
        assert_eq!(f.file(Path::new("captures/2021-01-01.html")), Verdict::Take);
    }

    #[test]
    fn a_pattern_with_a_slash_matches_the_relative_path_only() {
        let f = filter(&[], &["meta/*.json"]);
        assert!(matches!(
            f.file(Path::new("meta/a.json")),
            Verdict::Leave(_)
        ));
        assert_eq!(f.file(Path::new("a.json")), Verdict::Take);
        assert_eq!(f.file(Path::new("other/meta/a.json")), Verdict::Take);
        let deep = filter(&[], &["**/meta/*.json"]);
        assert!(matches!(
            deep.file(Path::new("other/meta/a.json")),
            Verdict::Leave(_)
        ));
    }

    #[test]
    fn include_keeps_only_matching_files_and_exclude_wins_over_include() {
        let f = filter(&["*.html", "*.pdf"], &["draft*"]);
        assert_eq!(f.file(Path::new("x/a.pdf")), Verdict::Take);
        assert_eq!(
            f.file(Path::new("x/a.json")),
            Verdict::Leave("not matched by --include *.html, *.pdf".into())
        );
        assert_eq!(
            f.file(Path::new("x/draft.pdf")),
            Verdict::Leave("excluded by --exclude draft*".into())
        );
    }

    #[test]
    fn a_folder_is_judged_by_exclude_only() {
        let f = filter(&["*.pdf"], &["sidecars"]);
        assert_eq!(f.folder(Path::new("2020")), Verdict::Take);
        assert_eq!(
            f.folder(Path::new("2020/sidecars")),
            Verdict::Leave("excluded by --exclude sidecars".into())
        );
    }

    #[test]
    fn a_malformed_or_empty_pattern_is_an_error_naming_it() {
        let err = GlobFilter::new(&[], &["[a-".into()]).expect_err("not a glob");
        assert_eq!(err.flag, "exclude");
        assert!(err.to_string().contains("\"[a-\""), "{err}");
        let err = GlobFilter::new(&[" ".into()], &[]).expect_err("empty");
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
