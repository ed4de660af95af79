//! The binary: exit codes, error messages naming file and line, and the JSON contract's shape.

use assert_cmd::Command;
use std::fs;

fn factdiff() -> Command {
    Command::cargo_bin("factdiff").expect("binary built")
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write test file");
}

#[test]
fn clean_corpus_exits_0_and_conflict_exits_1() {
    let out = factdiff()
        .args(["check", "corpus/approximations-agree"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = factdiff()
        .args(["check", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let out = factdiff()
        .args(["check", "--fail-on", "never", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fail_on_warning_counts_warnings() {
    let out = factdiff()
        .args(["check", "corpus/tension"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let out = factdiff()
        .args(["check", "--fail-on", "warning", "corpus/tension"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn broken_front_matter_and_bad_utf8_are_reported_and_others_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a-broken.txt",
        b"+++\noutlet = \"X\"\npublished = \"2023-13-45\"\n+++\nBody.\n",
    );
    write(dir.path(), "b-latin1.txt", b"Caf\xe9 talks.\nMore text.\n");
    write(dir.path(), "c-unclosed.txt", b"+++\nid = \"c\"\n");
    for f in ["wire-a.txt", "wire-b.txt"] {
        let bytes = fs::read(format!("corpus/same-day-conflict/{f}")).expect("corpus file");
        write(dir.path(), f, &bytes);
    }
    let out = factdiff()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a-broken.txt:3: front matter key `published`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b-latin1.txt:1: not valid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c-unclosed.txt:1: front matter opened with `+++` is never closed"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("CONFLICT"),
        "the readable documents are still checked: {stdout}"
    );
}

#[test]
fn invalid_rules_name_the_rule_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = "[[kind]]\nid = \"killed\"\nunit = \"people\"\n\n[[rule]]\nid = \"killed.x\"\nkind = \"killed\"\npatterns = ['{qty} (killed']\n";
    write(dir.path(), "rules.toml", rules.as_bytes());
    let out = factdiff()
        .args(["check", "--rules"])
        .arg(dir.path().join("rules.toml"))
        .arg("corpus/evolution")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("rules.toml:8:13: invalid rules in `killed.x` (key `rule.patterns`)"),
        "{stderr}"
    );
    let out = factdiff()
        .args(["rules", "check", "--rules"])
        .arg(dir.path().join("rules.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unknown_key_in_rules_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "r.toml",
        b"[[kind]]\nid = \"killed\"\nunit = \"people\"\nwindow = 3\n",
    );
    let out = factdiff()
        .args(["rules", "check", "--rules"])
        .arg(dir.path().join("r.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("r.toml:4:1") && stderr.contains("window"),
        "{stderr}"
    );
}

#[test]
fn json_output_has_every_contract_key() {
    let out = factdiff()
        .args(["check", "--format", "json", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema"], "factdiff/v1");
    for key in [
        "id",
        "path",
        "outlet",
        "published",
        "url",
        "title",
        "event",
        "meta",
    ] {
        assert!(v["documents"][0].get(key).is_some(), "documents[].{key}");
    }
    let claim = &v["claims"][0];
    for key in [
        "id",
        "doc",
        "kind",
        "subject",
        "scope",
        "unit",
        "modality",
        "as_of",
        "rule",
        "quantity",
        "attribution",
        "span",
        "sentence",
    ] {
        assert!(claim.get(key).is_some(), "claims[].{key}");
    }
    for key in [
        "text",
        "stated",
        "qualifier",
        "lo",
        "hi",
        "soft_lo",
        "soft_hi",
        "delta",
    ] {
        assert!(
            claim["quantity"].get(key).is_some(),
            "claims[].quantity.{key}"
        );
    }
    for key in ["as_written", "entity", "party"] {
        assert!(
            claim["attribution"].get(key).is_some(),
            "claims[].attribution.{key}"
        );
    }
    for key in ["start", "end", "line", "column"] {
        assert!(claim["span"].get(key).is_some(), "claims[].span.{key}");
    }
    let finding = &v["findings"][0];
    for key in [
        "id", "verdict", "severity", "kind", "subject", "claims", "quotes", "undated", "summary",
    ] {
        assert!(finding.get(key).is_some(), "findings[].{key}");
    }
    assert_eq!(v["summary"]["findings"]["conflict"], 1);
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let run = |jobs: &str| {
        factdiff()
            .args(["check", "--format", "json", "--jobs", jobs, "corpus"])
            .output()
            .expect("runs")
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn standard_input_is_a_document() {
    let out = factdiff()
        .args(["extract", "--format", "json", "-"])
        .write_stdin(
            "+++\npublished = 2023-11-21\n+++\nAt least 18 people were killed in the blast.\n",
        )
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["claims"][0]["quantity"]["lo"], 18);
}

#[test]
fn usage_errors_exit_2() {
    let out = factdiff()
        .args(["check", "--format", "yaml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = factdiff()
        .args(["check", "no/such/folder"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));
}

#[test]
fn sharded_extract_then_compare_gives_the_findings_of_one_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shard = |name: &str, paths: &[&str]| {
        let out = factdiff()
            .args(["extract", "--format", "jsonl"])
            .args(paths)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let path = dir.path().join(name);
        fs::write(&path, &out.stdout).expect("write shard");
        path
    };
    let a = shard(
        "a.jsonl",
        &[
            "corpus/seeds",
            "corpus/same-day-conflict",
            "corpus/disputed",
        ],
    );
    let b = shard(
        "b.jsonl",
        &["corpus/evolution", "corpus/regression", "corpus/tension"],
    );
    let compared = factdiff()
        .args(["compare", "--format", "json", "--fail-on", "never"])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("runs");
    let checked = factdiff()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args([
            "corpus/seeds",
            "corpus/same-day-conflict",
            "corpus/disputed",
        ])
        .args(["corpus/evolution", "corpus/regression", "corpus/tension"])
        .output()
        .expect("runs");
    let findings = |bytes: &[u8]| {
        let v: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
        v["findings"].clone()
    };
    let expected = findings(&checked.stdout);
    assert!(
        expected.as_array().is_some_and(|f| f.len() >= 4),
        "{expected}"
    );
    assert_eq!(findings(&compared.stdout), expected);
}

#[test]
fn every_check_format_is_offered_and_extract_refuses_svg() {
    for format in [
        "table", "json", "jsonl", "markdown", "csv", "sarif", "github",
    ] {
        let out = factdiff()
            .args([
                "check",
                "--fail-on",
                "never",
                "--format",
                format,
                "corpus/same-day-conflict",
            ])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let out = factdiff()
        .args(["extract", "--format", "svg", "corpus/evolution"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not write svg"));
}

#[test]
fn a_format_a_command_cannot_write_is_a_usage_error_naming_the_formats_it_accepts() {
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["check", "corpus/evolution"],
            "svg",
            "`check` does not write svg; use --format table, html, json, jsonl, markdown, csv, sarif or github",
        ),
        (
            &["extract", "corpus/evolution"],
            "markdown",
            "`extract` does not write markdown; use --format table, json, jsonl or csv",
        ),
        (
            &["timeline", "--kind", "killed", "corpus/evolution"],
            "csv",
            "`timeline` does not write csv; use --format table, json or svg",
        ),
        (
            &["quantities", "corpus/evolution/october.txt"],
            "sarif",
            "`quantities` does not write sarif; use --format table or json",
        ),
        (
            &["compare", "no-such-claims.jsonl"],
            "svg",
            "`compare` does not write svg; use --format table, html, json, jsonl, markdown, csv, sarif or github",
        ),
    ];
    for (args, format, message) in cases {
        let out = factdiff()
            .args(args)
            .args(["--format", format])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?} --format {format}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end(), format!("error: {message}"), "{args:?}");
    }
}

#[test]
fn a_rules_error_spanning_lines_prints_no_escape_sequence() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "r.toml", b"[[rule]]\nid = \"x\"\nkind = \n");
    let out = factdiff()
        .args(["rules", "check", "--rules"])
        .arg(dir.path().join("r.toml"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.contains("r.toml:3:8: invalid rules: "), "{stderr}");
    assert!(!stderr.contains("\\n"), "a literal \\n: {stderr}");
    assert!(first.contains("; expected"), "{stderr}");
}

#[test]
fn explain_ids_are_case_insensitive() {
    let out = factdiff()
        .args(["check", "--format", "json", "corpus/regression"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = v["findings"][0]["id"].as_str().expect("a finding");
    let exact = factdiff()
        .args(["explain", id, "corpus/regression"])
        .output()
        .expect("runs");
    assert_eq!(exact.status.code(), Some(0));
    for other_case in [id.to_lowercase(), id.to_uppercase()] {
        let out = factdiff()
            .args(["explain", &other_case, "corpus/regression"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{other_case}");
        assert_eq!(out.stdout, exact.stdout, "{other_case}");
    }
}

#[test]
fn the_sample_corpus_exits_1_as_the_readme_says() {
    let out = factdiff()
        .args(["check", "corpus/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let readme = fs::read_to_string("README.md").expect("README.md");
    assert!(
        readme.contains("exits with 1 on the sample corpus"),
        "README explains the exit code of its first command"
    );
}

#[test]
fn baseline_round_trip_hides_old_findings_and_shows_new_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("baseline.toml");
    let out = factdiff()
        .args(["baseline", "write"])
        .arg(&baseline)
        .arg("corpus/same-day-conflict")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = factdiff()
        .args(["check", "--baseline"])
        .arg(&baseline)
        .arg("corpus/same-day-conflict")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "the known conflict is hidden");
    let out = factdiff()
        .args(["check", "--baseline"])
        .arg(&baseline)
        .args(["corpus/same-day-conflict", "corpus/regression"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "the new regression shows");
    assert!(String::from_utf8_lossy(&out.stdout).contains("REGRESSION"));
    let out = factdiff()
        .args(["check", "--baseline"])
        .arg(&baseline)
        .arg("corpus/regression")
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("stale entry"),
        "stale entries are listed"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left");
}

#[test]
fn explain_shows_sources_underlined_and_the_reason() {
    let out = factdiff()
        .args(["check", "--format", "json", "corpus/regression"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let id = v["findings"][0]["id"]
        .as_str()
        .expect("a finding")
        .to_string();
    let out = factdiff()
        .args(["explain", &id, "corpus/regression"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("About 1,400 people were killed"), "{text}");
    assert!(text.contains("^^^^^^^^^^^"), "{text}");
    assert!(text.contains("cumulative tally"), "{text}");
    let out = factdiff()
        .args(["explain", "Fdeadbeef", "corpus/regression"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rules_diff_lists_exactly_the_claims_a_rule_change_touches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let before = fs::read_to_string("rules.toml").expect("rules");
    // Take "wounded" out of both the frame lexicon and the wounded rule's pattern.
    let after = before
        .replace("'{qty} {appos}{w:4}{aux}{hurt}\\b',", "'{qty} zzzz',")
        .replace(
            "wounded = [\n  \"wounded\", \"wounding\", \"wounds\", \"injured\",",
            "wounded = [\n  \"zzzz\", \"wounding\", \"wounds\", \"zzzz\",",
        );
    assert_eq!(
        after.matches("zzzz").count(),
        3,
        "the test edits the wounded rule and the frames' wounded words"
    );
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    fs::write(&old, &before).expect("write");
    fs::write(&new, &after).expect("write");
    let out = factdiff()
        .args(["diff", "--rules-before"])
        .arg(&old)
        .arg("--rules-after")
        .arg(&new)
        .arg("corpus/seeds")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("claims: 0 added, 2 removed, 0 changed"),
        "{text}"
    );
    assert!(
        text.contains("“about 19,000”") && text.contains("“nearly 70,000”"),
        "{text}"
    );
}

#[test]
fn timeline_writes_table_json_and_svg() {
    let out = factdiff()
        .args([
            "timeline",
            "--kind",
            "killed",
            "--format",
            "json",
            "corpus/evolution",
        ])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["timeline"][0]["subject"], "gaza-palestinians");
    assert_eq!(v["timeline"][0]["days"].as_array().map(Vec::len), Some(2));
    let out = factdiff()
        .args([
            "timeline",
            "--kind",
            "killed",
            "--format",
            "svg",
            "corpus/evolution",
        ])
        .output()
        .expect("runs");
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
}

#[test]
fn color_is_off_in_pipes_unless_asked_and_no_color_is_honoured() {
    let plain = factdiff()
        .args(["check", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    assert!(
        !plain.stdout.contains(&0x1b),
        "no escape codes when stdout is not a terminal"
    );
    let colored = factdiff()
        .args(["check", "--color", "always", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&colored.stdout).contains("\u{1b}[1;31mCONFLICT"));
    let never = factdiff()
        .args(["check", "--color", "never", "corpus/same-day-conflict"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!never.stdout.contains(&0x1b));
}

#[test]
fn completions_man_page_and_version() {
    let out = factdiff()
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("factdiff"));
    let out = factdiff().arg("man").output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH factdiff"));
    let out = factdiff().arg("--version").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("factdiff "));
}

/// The `info:` lines of `-v` on standard error.
fn info_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.starts_with("info: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn verbose_prints_the_run_summary_on_stderr_and_leaves_stdout_identical() {
    for format in ["table", "json", "jsonl", "sarif"] {
        let plain = factdiff()
            .args(["check", "-j", "2", "--format", format, "corpus/seeds"])
            .output()
            .expect("runs");
        let verbose = factdiff()
            .args(["check", "-j", "2", "-v", "--format", format, "corpus/seeds"])
            .output()
            .expect("runs");
        assert_eq!(plain.status.code(), verbose.status.code(), "{format}");
        assert!(
            plain.stdout == verbose.stdout,
            "{format}: -v changed standard output"
        );
        assert!(plain.stderr.is_empty(), "{format}: stderr without -v");
        let info = info_lines(&verbose.stderr);
        assert_eq!(info.len(), 5, "{format}: {info:?}");
        assert!(
            info[0].starts_with("info: rules: ")
                && info[0].contains(" kinds, ")
                && info[0].ends_with(" rules)"),
            "{info:?}"
        );
        assert_eq!(info[1], "info: threads: 2");
        assert_eq!(info[2], "info: documents: 5 found, 5 loaded, 0 failed");
        assert!(
            info[3].starts_with("info: claims: ")
                && info[3].contains(", quotes: ")
                && info[3].contains(", findings: "),
            "{info:?}"
        );
        for stage in [
            "rules ",
            "find files ",
            "read and extract ",
            "compare ",
            "render ",
            "(total ",
        ] {
            assert!(info[4].contains(stage), "{stage}: {info:?}");
        }
        let times = String::from_utf8_lossy(&verbose.stdout);
        assert!(
            !times.contains("info:") && !times.contains(" ms"),
            "{format}"
        );
    }
}

#[test]
fn verbose_counts_failed_documents_and_works_for_extract() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["wire-a.txt", "wire-b.txt"] {
        let bytes = fs::read(format!("corpus/same-day-conflict/{f}")).expect("corpus file");
        write(dir.path(), f, &bytes);
    }
    write(dir.path(), "c-binary.txt", b"a\0b");
    let out = factdiff()
        .args(["extract", "-v", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let info = info_lines(&out.stderr);
    assert!(
        info.contains(&"info: documents: 3 found, 2 loaded, 1 failed".to_string()),
        "{info:?}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c-binary.txt:1: binary file"), "{stderr}");
}

#[test]
fn quiet_and_verbose_conflict() {
    let out = factdiff()
        .args(["check", "-q", "-v", "corpus/seeds"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn quiet_suppresses_warnings_but_not_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "latin1.txt", b"Caf\xe9 talks.\nMore text.\n");
    let loud = factdiff()
        .args(["check", "--encoding", "auto", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(loud.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&loud.stderr).contains("warning: "),
        "{}",
        String::from_utf8_lossy(&loud.stderr)
    );
    let quiet = factdiff()
        .args(["check", "-q", "--encoding", "auto", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty(), "{:?}", quiet.stderr);
    assert_eq!(loud.stdout, quiet.stdout);
    // An error is still printed with -q.
    write(dir.path(), "binary.txt", b"a\0b");
    let quiet = factdiff()
        .args(["check", "-q", "--encoding", "auto", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(quiet.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert!(
        stderr.contains("error: ") && !stderr.contains("warning: "),
        "{stderr}"
    );
}

#[test]
fn no_progress_is_drawn_when_stderr_is_not_a_terminal_even_for_long_runs() {
    // The bar would appear after one second on a terminal; here standard error is a pipe. The corpus
    // grows until a run lasts well past that second, so the test means something on a fast machine.
    let dir = tempfile::tempdir().expect("tempdir");
    let seeds: Vec<_> = fs::read_dir("corpus/seeds")
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    let mut copies = 0;
    for round in 0..4 {
        let target = 40 << round;
        while copies < target {
            for s in &seeds {
                let name = format!(
                    "{copies}-{}",
                    s.file_name().expect("name").to_string_lossy()
                );
                fs::copy(s, dir.path().join(name)).expect("copy");
            }
            copies += 1;
        }
        let started = std::time::Instant::now();
        let out = factdiff()
            .args(["check", "-j", "1", "--fail-on", "never"])
            .arg(dir.path())
            .output()
            .expect("runs");
        let elapsed = started.elapsed();
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stderr.is_empty(),
            "{} documents, {elapsed:?}: {:?}",
            copies * seeds.len(),
            String::from_utf8_lossy(&out.stderr)
        );
        for forbidden in [b'\r', 0x1b] {
            assert!(!out.stdout.contains(&forbidden), "stdout holds {forbidden}");
        }
        assert!(!String::from_utf8_lossy(&out.stdout).contains("documents/s"));
        if elapsed > std::time::Duration::from_millis(1500) {
            return;
        }
    }
}

/// `corpus/same-day-conflict/NAME` with its front-matter date replaced by `published`.
fn same_day_wire_dated(name: &str, published: &str) -> String {
    let text = fs::read_to_string(format!("corpus/same-day-conflict/{name}")).expect("corpus file");
    text.lines()
        .map(|l| {
            if l.starts_with("published") {
                published.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn check_json(dir: &std::path::Path) -> (Option<i32>, serde_json::Value, String) {
    let out = factdiff()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("runs");
    let v = serde_json::from_slice(&out.stdout).expect("json");
    (
        out.status.code(),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn rfc3339_and_rfc2822_publication_dates_are_read_as_their_local_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 2023-11-09 at 20:30 in Hawaii is already 10 November in UTC: the article means the 9th.
    let a = same_day_wire_dated("wire-a.txt", "published = 2023-11-09T20:30:00-10:00");
    let b = same_day_wire_dated(
        "wire-b.txt",
        "published = \"Thu, 09 Nov 2023 23:15:00 -1000\"",
    );
    write(dir.path(), "wire-a.txt", a.as_bytes());
    write(dir.path(), "wire-b.txt", b.as_bytes());
    let (code, v, stderr) = check_json(dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(v["documents"][0]["published"], "2023-11-09");
    assert_eq!(v["documents"][1]["published"], "2023-11-09");
    assert_eq!(v["documents"][1]["published_precision"], "day");
    assert_eq!(v["findings"][0]["verdict"], "conflict");
}

#[test]
fn a_month_only_publication_date_keeps_its_precision_and_does_not_conflict_with_a_day_in_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = same_day_wire_dated("wire-a.txt", "published = \"2023-11\"");
    let b = same_day_wire_dated("wire-b.txt", "published = 2023-11-09");
    write(dir.path(), "wire-a.txt", a.as_bytes());
    write(dir.path(), "wire-b.txt", b.as_bytes());
    let (code, v, stderr) = check_json(dir.path());
    assert_eq!(code, Some(0), "no conflict, no regression: {stderr}");
    assert_eq!(v["documents"][0]["published"], "2023-11-01");
    assert_eq!(v["documents"][0]["published_precision"], "month");
    let month_claims: Vec<&serde_json::Value> = v["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["doc"] == v["documents"][0]["id"])
        .collect();
    assert!(!month_claims.is_empty());
    for c in month_claims {
        assert_eq!(c["as_of_precision"], "month", "{c}");
    }
    let verdicts: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["verdict"].as_str())
        .collect();
    assert!(!verdicts.contains(&"conflict"), "{verdicts:?}");
}

#[test]
fn an_unreadable_publication_date_is_a_warning_and_the_document_is_checked_undated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = same_day_wire_dated("wire-a.txt", "published = \"the ninth of Novembre\"");
    let b = fs::read("corpus/same-day-conflict/wire-b.txt").expect("corpus file");
    write(dir.path(), "wire-a.txt", a.as_bytes());
    write(dir.path(), "wire-b.txt", &b);
    let (code, v, stderr) = check_json(dir.path());
    assert_ne!(code, Some(2), "{stderr}");
    let line = a
        .lines()
        .position(|l| l.starts_with("published"))
        .expect("published line")
        + 1;
    assert!(
        stderr.contains(&format!(
            "warning: {}:{line}: front matter key `published` is not a date",
            dir.path().join("wire-a.txt").display()
        )),
        "{stderr}"
    );
    assert_eq!(v["documents"][0]["published"], serde_json::Value::Null);
    assert_eq!(v["summary"]["documents"], 2);
    assert_eq!(
        v["findings"][0]["undated"], true,
        "still compared, as undated"
    );
}
