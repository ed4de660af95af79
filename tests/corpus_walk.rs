//! Which files of a folder are articles: ignore files, hidden files, project papers, `--glob` and
//! `--exclude`, and the sorted order (issue 14, item 4). Every test builds its own temporary folder.

use assert_cmd::Command;
use factdiff::corpus::{collect_paths_with, WalkOptions};
use std::fs;
use std::path::Path;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

/// The files found under `root`, relative to it, with `/` separators.
fn found(root: &Path, options: &WalkOptions) -> Vec<String> {
    let (paths, errors) =
        collect_paths_with(&[root.to_path_buf()], options).expect("globs are valid");
    assert!(errors.is_empty(), "{errors:?}");
    paths
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn options(globs: &[&str], excludes: &[&str]) -> WalkOptions {
    WalkOptions {
        globs: globs.iter().map(|g| g.to_string()).collect(),
        excludes: excludes.iter().map(|g| g.to_string()).collect(),
    }
}

/// A folder holding articles and everything that is not one.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for article in ["b/wire.txt", "a.md", "c/deep/story.TXT", "notes.md"] {
        write(root, article, "An article.\n");
    }
    for paper in [
        "README.md",
        "c/readme.txt",
        "LICENSE",
        "LICENSE-MIT.md",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "b/SOURCE.md",
    ] {
        write(root, paper, "Not an article.\n");
    }
    write(root, "image.png", "not text");
    write(root, ".hidden.txt", "hidden");
    write(root, ".cache/x.txt", "hidden folder");
    dir
}

#[test]
fn articles_are_txt_and_md_files_sorted_without_project_papers_or_hidden_files() {
    let dir = mixed_folder();
    assert_eq!(
        found(dir.path(), &WalkOptions::default()),
        ["a.md", "b/wire.txt", "c/deep/story.TXT", "notes.md"]
    );
}

#[test]
fn gitignore_ignore_and_factdiffignore_are_honoured_outside_a_git_repository() {
    let dir = mixed_folder();
    let root = dir.path();
    write(root, ".gitignore", "notes.md\n");
    write(root, "b/.ignore", "wire.txt\n");
    write(root, "c/.factdiffignore", "deep/\n");
    write(root, "c/kept.txt", "An article.\n");
    assert_eq!(found(root, &WalkOptions::default()), ["a.md", "c/kept.txt"]);
    // A negation in a deeper ignore file takes a file back, as in git.
    write(root, "b/.factdiffignore", "!wire.txt\n");
    assert_eq!(
        found(root, &WalkOptions::default()),
        ["a.md", "b/wire.txt", "c/kept.txt"]
    );
}

#[test]
fn exclude_skips_files_and_folders() {
    let dir = mixed_folder();
    assert_eq!(
        found(dir.path(), &options(&[], &["notes.md", "c/"])),
        ["a.md", "b/wire.txt"]
    );
    assert_eq!(
        found(dir.path(), &options(&[], &["*.md"])),
        ["b/wire.txt", "c/deep/story.TXT"]
    );
}

#[test]
fn glob_picks_exactly_the_matching_files_project_papers_included() {
    let dir = mixed_folder();
    assert_eq!(
        found(dir.path(), &options(&["*.md"], &[])),
        [
            "CHANGELOG.md",
            "CONTRIBUTING.md",
            "LICENSE-MIT.md",
            "README.md",
            "a.md",
            "b/SOURCE.md",
            "notes.md"
        ]
    );
    assert_eq!(
        found(dir.path(), &options(&["b/**", "README.md"], &["SOURCE.md"])),
        ["README.md", "b/wire.txt"]
    );
}

#[test]
fn a_bad_glob_is_a_usage_error_naming_it() {
    let dir = mixed_folder();
    let err = collect_paths_with(&[dir.path().to_path_buf()], &options(&["a{b"], &[]))
        .expect_err("unclosed alternation");
    assert!(err.to_string().contains("--glob glob `a{b`"), "{err}");
}

#[test]
fn files_named_on_the_command_line_are_read_whatever_their_name() {
    let dir = mixed_folder();
    let readme = dir.path().join("README.md");
    let hidden = dir.path().join(".hidden.txt");
    let (paths, errors) =
        collect_paths_with(&[readme.clone(), hidden.clone()], &options(&[], &["*.md"]))
            .expect("valid");
    assert!(errors.is_empty());
    assert_eq!(paths, [hidden, readme]);
}

#[test]
fn check_and_extract_take_glob_and_exclude() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["wire-a.txt", "wire-b.txt"] {
        let text = fs::read_to_string(format!("corpus/same-day-conflict/{f}")).expect("corpus");
        write(dir.path(), f, &text);
    }
    // A README with a figure of its own would add a claim if it were read.
    write(
        dir.path(),
        "README.md",
        "+++\noutlet = \"Notes\"\npublished = 2023-11-09\n+++\nAt least 3,000 people were killed in Gaza, the notes say.\n",
    );
    let documents = |extra: &[&str]| -> usize {
        let out = Command::cargo_bin("factdiff")
            .expect("binary")
            .args(["extract", "--format", "json"])
            .args(extra)
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["documents"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(documents(&[]), 2, "README is not an article");
    assert_eq!(documents(&["--glob", "*.md", "--glob", "*.txt"]), 3);
    assert_eq!(documents(&["--exclude", "wire-b.txt"]), 1);
    let out = Command::cargo_bin("factdiff")
        .expect("binary")
        .args(["check", "--exclude", "wire-b.txt"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "one wire alone has no conflict");
}
