//! Which files of the folders given are articles, found the way ripgrep finds files (the `ignore`
//! crate): `.gitignore`, `.ignore` and `.factdiffignore` files are honoured (in a git repository or
//! not), hidden files and folders are skipped, and `--exclude` globs leave files and folders out.
//! Without `--glob`, the articles are the `.txt` and `.md` files that are not a project's own papers
//! (`README*`, `LICENSE*`, `CHANGELOG*`, `CONTRIBUTING*`, `SOURCE.md`); with `--glob`, they are the
//! files that match one of the globs, whatever their name, hidden or ignored ones included. Files
//! named on the command line are always read. The result is sorted, so the order of documents never
//! depends on the file system.

use crate::error::Error;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The name of factdiff's own ignore file (gitignore syntax), read in every folder walked.
pub const IGNORE_FILE: &str = ".factdiffignore";

/// File extensions read as documents when no `--glob` is given.
const EXTENSIONS: &[&str] = &["txt", "md"];

/// How folders are walked: the `--glob` and `--exclude` options (gitignore-style globs, matched
/// against paths relative to the folder given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// When not empty, the documents are exactly the files matching one of these globs.
    pub globs: Vec<String>,
    /// Files and folders matching one of these globs are skipped.
    pub excludes: Vec<String>,
}

/// True for the files of a project that are not articles: `README*`, `LICENSE*` (or `LICENCE*`),
/// `CHANGELOG*`, `CONTRIBUTING*` (any case) and `SOURCE.md`.
pub fn is_project_file(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return false;
    };
    ["readme", "license", "licence", "changelog", "contributing"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
        || name == "source.md"
}

/// True when `path` has one of the document extensions (`.txt`, `.md`, any case).
fn has_document_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Finds the document files under `inputs` (see the module documentation). Files are taken as given;
/// folders are walked. Returns the sorted, de-duplicated files and the paths that could not be read
/// (a missing input, an unreadable folder, a dangling symlink, a loop of file symlinks), or a usage
/// error for a glob that does not parse.
pub fn collect_paths_with(
    inputs: &[PathBuf],
    options: &WalkOptions,
) -> Result<(Vec<PathBuf>, Vec<Error>), Error> {
    let mut files = BTreeSet::new();
    let mut errors = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, options, &mut files, &mut errors)?,
            Ok(_) => {
                files.insert(input.clone());
            }
            Err(e) => errors.push(Error::input(
                input.display().to_string(),
                None,
                format!("cannot read: {e}"),
            )),
        }
    }
    Ok((files.into_iter().collect(), errors))
}

/// Walks one folder given on the command line.
fn walk(
    root: &Path,
    options: &WalkOptions,
    files: &mut BTreeSet<PathBuf>,
    errors: &mut Vec<Error>,
) -> Result<(), Error> {
    let mut overrides = OverrideBuilder::new(root);
    let bad_glob = |flag: &str, glob: &str, e: ignore::Error| {
        Error::Usage(format!("invalid {flag} glob `{glob}`: {e}"))
    };
    for glob in &options.globs {
        overrides
            .add(glob)
            .map_err(|e| bad_glob("--glob", glob, e))?;
    }
    for glob in &options.excludes {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| bad_glob("--exclude", glob, e))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| Error::Usage(format!("invalid glob: {e}")))?;
    let walker = WalkBuilder::new(root)
        .standard_filters(true)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        // The user's global gitignore differs from machine to machine; the corpus's own files do not.
        .git_global(false)
        // .gitignore files count outside a git repository too (a corpus folder copied elsewhere).
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .follow_links(true)
        .overrides(overrides)
        .build();
    let chosen_by_glob = !options.globs.is_empty();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| !t.is_dir());
                let path = entry.path();
                if is_file
                    && (chosen_by_glob || has_document_extension(path) && !is_project_file(path))
                {
                    files.insert(path.to_path_buf());
                }
            }
            Err(e) => {
                if let Some(error) = walk_error(&e) {
                    errors.push(error);
                }
            }
        }
    }
    Ok(())
}

/// A walking error as an input error naming its path; `None` for a folder symlink that loops back
/// (the folder is walked once, which is all the loop means).
fn walk_error(e: &ignore::Error) -> Option<Error> {
    match e {
        ignore::Error::Loop { .. } => None,
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::WithPath { path, err } => {
            let cause = match err.as_ref() {
                ignore::Error::Io(io) => io.to_string(),
                ignore::Error::Loop { .. } => return None,
                other => other.to_string(),
            };
            Some(Error::input(
                path.display().to_string(),
                None,
                format!("cannot read: {cause}"),
            ))
        }
        // An ignore file that cannot be parsed: the rest of it still applies.
        ignore::Error::Partial(_) | ignore::Error::Glob { .. } => None,
        other => Some(Error::input("?", None, format!("cannot read: {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_files_are_not_articles() {
        for name in [
            "README.md",
            "readme.txt",
            "LICENSE",
            "LICENSE-MIT.md",
            "CHANGELOG.md",
            "CONTRIBUTING.md",
            "SOURCE.md",
        ] {
            assert!(is_project_file(Path::new(name)), "{name}");
        }
        for name in [
            "notes.md",
            "source-a.txt",
            "wire-readme-story.txt",
            "SOURCES.md",
        ] {
            assert!(!is_project_file(Path::new(name)), "{name}");
        }
    }
}
