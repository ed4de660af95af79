//! Issue 8: hostile and broken input never crashes factdiff, never loses other documents' findings and
//! never leaks into CI output.
//!
//! Every input class is run through `factdiff check` in every `--format` the binary lists in its help.
//! Each run must end with exit code 0, 1 or 2 (never 101 or a signal) within a time limit; the good pair
//! `corpus/same-day-conflict` placed beside the bad input must still yield its `conflict`; table output
//! must hold no control characters or bidi overrides, github output no line that is not one of
//! factdiff's own workflow commands, and csv output no cell a spreadsheet would evaluate. The table in
//! ROBUSTNESS.md lists each class with the test that proves it.

use assert_cmd::Command;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The longest a single run may take before the test calls it a hang.
const RUN_LIMIT: Duration = Duration::from_secs(120);

fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").expect("binary built");
    c.timeout(RUN_LIMIT);
    c
}

fn bin_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("factdiff")
}

/// The `--format` values `factdiff check` accepts, read from its help (`[possible values: …]`), so
/// that formats added later are covered without editing this file.
fn formats() -> &'static [String] {
    static FORMATS: OnceLock<Vec<String>> = OnceLock::new();
    FORMATS.get_or_init(|| {
        let out = factdiff().args(["check", "-h"]).output().expect("runs");
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        // The list may wrap over several lines; `svg` is for `timeline` only.
        let found: Vec<String> = help
            .find("--format")
            .and_then(|at| {
                let rest = &help[at..];
                let start = rest.find("[possible values: ")? + "[possible values: ".len();
                let end = start + rest[start..].find(']')?;
                Some(
                    rest[start..end]
                        .split(',')
                        .map(|s| s.split_whitespace().collect::<String>())
                        .filter(|s| s != "svg")
                        .collect(),
                )
            })
            .unwrap_or_default();
        assert!(
            found.iter().any(|f| f == "table") && found.iter().any(|f| f == "json"),
            "cannot read the formats from `factdiff check -h`:\n{help}"
        );
        found
    })
}

/// One finished run.
struct Run {
    format: String,
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "invalid JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

fn finish(format: &str, out: Output) -> Run {
    let code = match out.status.code() {
        Some(c) => c,
        None => panic!(
            "format {format}: killed by a signal or timed out: {:?}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
    };
    Run {
        format: format.to_string(),
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `factdiff check ARGS --format F` for every format and checks what holds for any input.
fn check_all_formats(args: &[OsString]) -> Vec<Run> {
    formats()
        .iter()
        .map(|format| {
            let out = factdiff()
                .arg("check")
                .args(args)
                .args(["--format", format])
                .output()
                .expect("runs");
            let run = finish(format, out);
            assert_safe(&run);
            run
        })
        .collect()
}

/// What must hold for every run, whatever the input.
fn assert_safe(run: &Run) {
    assert!(
        matches!(run.code, 0..=2),
        "format {}: exit code {} (a panic is 101)\nstderr:\n{}",
        run.format,
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked"),
        "format {}: panic\n{}",
        run.format,
        run.stderr
    );
    // Whatever the format, standard error goes to a terminal or a CI log.
    assert_no_controls("stderr", &run.stderr);
    assert_no_foreign_commands("stderr", &run.stderr);
    match run.format.as_str() {
        "table" => assert_no_controls("table output", &run.stdout),
        // A run stopped before any document was read (invalid rules: exit 2) prints no report.
        "json" if run.stdout.is_empty() && run.code == 2 => {}
        "json" => {
            run.json();
        }
        "github" => assert_no_foreign_commands("github output", &run.stdout),
        "csv" => assert_no_formula_cells(&run.stdout),
        _ => {}
    }
    if run.format != "github" {
        assert_no_foreign_commands(&format!("{} output", run.format), &run.stdout);
    }
}

/// No ESC, no C0 control but `\n`, `\t`, `\r`, no C1 control, no bidi override.
fn assert_no_controls(what: &str, text: &str) {
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "{what}: raw control {c:?} at byte {i}: {:?}",
            &text[i.saturating_sub(40)..(i + 40).min(text.len())]
        );
    }
}

/// Every line that starts with `::` is one of factdiff's own `::error`/`::warning`/`::notice` commands.
fn assert_no_foreign_commands(what: &str, text: &str) {
    for line in text.split(['\n', '\r']) {
        if line.trim_start().starts_with("::") {
            assert!(
                line.starts_with("::error ")
                    || line.starts_with("::warning ")
                    || line.starts_with("::notice "),
                "{what}: foreign workflow command {line:?}"
            );
            // Our own command's data holds no second command.
            let data = line.splitn(3, "::").nth(2).unwrap_or("");
            assert!(
                !data.contains('\n') && !data.contains('\r'),
                "{what}: {line:?}"
            );
        }
    }
}

fn assert_no_formula_cells(text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.expect("csv parses");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "csv: formula cell {cell:?}"
            );
        }
    }
}

/// Copies the good pair `corpus/same-day-conflict/*.txt` into `dir`.
fn add_partner(dir: &Path) {
    for name in ["wire-a.txt", "wire-b.txt"] {
        fs::copy(
            Path::new("corpus/same-day-conflict").join(name),
            dir.join(name),
        )
        .expect("copy partner");
    }
}

/// The good pair's conflict is in the JSON output.
fn assert_partner_conflict(runs: &[Run]) {
    let run = runs.iter().find(|r| r.format == "json").expect("json run");
    let v = run.json();
    let docs_of_claim = |id: &str| -> String {
        v["claims"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == id))
            .and_then(|c| c["doc"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let found = v["findings"].as_array().is_some_and(|fs| {
        fs.iter().any(|f| {
            f["verdict"] == "conflict"
                && f["claims"].as_array().is_some_and(|cs| {
                    let docs: Vec<String> = cs
                        .iter()
                        .filter_map(|c| c.as_str())
                        .map(docs_of_claim)
                        .collect();
                    docs.iter().any(|d| d == "wire-a") && docs.iter().any(|d| d == "wire-b")
                })
        })
    });
    assert!(
        found,
        "the partner pair's conflict is missing:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
}

fn assert_code(runs: &[Run], code: i32) {
    for r in runs {
        assert_eq!(
            r.code, code,
            "format {}: exit code\nstdout:\n{}\nstderr:\n{}",
            r.format, r.stdout, r.stderr
        );
    }
}

fn assert_stderr_has(runs: &[Run], needles: &[&str]) {
    for r in runs {
        for n in needles {
            assert!(
                r.stderr.contains(n),
                "format {}: stderr lacks {n:?}:\n{}",
                r.format,
                r.stderr
            );
        }
    }
}

/// A folder holding the partner pair and `files`; the matrix is run on it with `args` before the
/// folder. Returns the runs (the partner's conflict and the exit code are already checked).
fn matrix(files: &[(&str, &[u8])], args: &[&str], code: i32) -> Vec<Run> {
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.push(dir.path().as_os_str().to_owned());
    let runs = check_all_formats(&all);
    assert_partner_conflict(&runs);
    assert_code(&runs, code);
    runs
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

/// An article that conflicts with nothing of the partner's (another event).
const PLAIN: &str = "+++\noutlet = \"Plain Post\"\npublished = 2023-11-09\n+++\nQuake toll rises\n\nAt least 45 people were killed in the earthquake in Hatay, officials said.\n";

// ----------------------------------------------------------------------------------------------
// Encodings

#[test]
fn utf8_with_bom_is_read() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(PLAIN.as_bytes());
    let runs = matrix(&[("bom.txt", &bytes)], &[], 1);
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    let doc = v["documents"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == "bom"))
        .expect("bom document loaded");
    // The BOM did not hide the front matter.
    assert_eq!(doc["outlet"], "Plain Post");
}

#[test]
fn utf16_le_and_be_with_bom_are_read() {
    let le = utf16(PLAIN, false);
    let be = utf16(PLAIN, true);
    let runs = matrix(&[("le.txt", &le), ("be.txt", &be)], &[], 1);
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    for id in ["le", "be"] {
        let doc = v["documents"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["id"] == id))
            .unwrap_or_else(|| panic!("{id} loaded"));
        assert_eq!(doc["outlet"], "Plain Post");
        assert!(
            v["claims"]
                .as_array()
                .is_some_and(|cs| cs.iter().any(|c| c["doc"] == id)),
            "no claim from {id}"
        );
    }
}

#[test]
fn windows_1252_is_an_error_by_default_and_decoded_with_auto() {
    // "Café" in Windows-1252 on line 3.
    let bytes =
        b"Talks resume\n\nCaf\xe9 owners said 45 people were killed in the earthquake in Hatay.\n";
    let runs = matrix(&[("cp1252.txt", bytes)], &[], 2);
    assert_stderr_has(&runs, &["cp1252.txt:3:", "not valid UTF-8", "--encoding"]);
    let runs = matrix(&[("cp1252.txt", bytes)], &["--encoding", "auto"], 1);
    assert_stderr_has(&runs, &["warning:", "cp1252.txt", "decoded as"]);
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    assert!(v["documents"]
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["id"] == "cp1252")));
    let runs = matrix(&[("cp1252.txt", bytes)], &["--encoding", "windows-1252"], 1);
    assert_stderr_has(&runs, &["cp1252.txt", "windows-1252"]);
}

// ----------------------------------------------------------------------------------------------
// Line ends

/// The line of the claim whose figure reads `figure`, from the JSON run.
fn claim_line(runs: &[Run], doc: &str, figure: &str) -> u64 {
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    v["claims"]
        .as_array()
        .and_then(|cs| {
            cs.iter()
                .find(|c| c["doc"] == doc && c["quantity"]["text"].as_str() == Some(figure))
        })
        .and_then(|c| c["span"]["line"].as_u64())
        .unwrap_or_else(|| panic!("no claim {figure} in {doc}:\n{v:#}"))
}

#[test]
fn crlf_and_lone_cr_line_ends_give_right_line_numbers() {
    let lf = "+++\noutlet = \"Ends\"\npublished = 2023-11-09\n+++\nQuake toll rises\n\nIntro line.\nAt least 45 people were killed in the earthquake in Hatay, officials said.\n";
    // Front matter lines 1-4, headline 5, blank 6, intro 7, the claim on line 8.
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let runs = matrix(
        &[
            ("lf.txt", lf.as_bytes()),
            ("crlf.txt", crlf.as_bytes()),
            ("cr.txt", cr.as_bytes()),
        ],
        &[],
        1,
    );
    for doc in ["lf", "crlf", "cr"] {
        assert_eq!(claim_line(&runs, doc, "At least 45"), 8, "{doc}");
    }
    // Front matter is read whatever the line ends.
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    for id in ["lf", "crlf", "cr"] {
        let doc = v["documents"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["id"] == id))
            .unwrap_or_else(|| panic!("{id} loaded"));
        assert_eq!(doc["outlet"], "Ends", "{id}");
    }
}

// ----------------------------------------------------------------------------------------------
// Broken or empty files

#[test]
fn nul_binary_file_is_skipped_with_an_error() {
    let bytes = b"PK\x03\x04\x00\x00binary\x00\xff\xfe junk";
    let runs = matrix(&[("blob.txt", bytes)], &[], 2);
    assert_stderr_has(&runs, &["blob.txt:1:", "binary file"]);
}

#[test]
fn empty_and_whitespace_only_files_are_harmless() {
    matrix(
        &[("empty.txt", b""), ("blank.txt", b"  \n\t\n\r\n   \n")],
        &[],
        1,
    );
}

#[test]
fn front_matter_only_file_is_a_document_without_claims() {
    matrix(
        &[(
            "fm.txt",
            b"+++\noutlet = \"Only Front\"\npublished = 2023-11-09\n+++\n",
        )],
        &[],
        1,
    );
}

#[test]
fn unclosed_front_matter_is_an_error_with_its_line() {
    let runs = matrix(
        &[(
            "open.txt",
            b"+++\noutlet = \"Never closed\"\nAt least 45 people were killed.\n",
        )],
        &[],
        2,
    );
    assert_stderr_has(&runs, &["open.txt:1:", "never closed"]);
}

#[test]
fn front_matter_with_wrong_types_names_the_key_and_line() {
    let runs = matrix(
        &[
            (
                "types.txt",
                b"+++\nevent = \"e\"\noutlet = 42\n+++\nAt least 45 people were killed.\n",
            ),
            (
                "date.txt",
                b"+++\npublished = [1, 2]\n+++\nAt least 45 people were killed.\n",
            ),
            ("toml.txt", b"+++\n= broken\n+++\nBody.\n"),
        ],
        &[],
        2,
    );
    assert_stderr_has(
        &runs,
        &[
            "types.txt:3:",
            "`outlet` must be a string",
            "date.txt:2:",
            "`published`",
            "toml.txt:2:",
            "broken front matter",
        ],
    );
}

// ----------------------------------------------------------------------------------------------
// Size

#[test]
fn file_above_the_64_mb_limit_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    // Sparse: 70 MB of holes, written in no time.
    let f = fs::File::create(dir.path().join("huge.txt")).expect("create");
    f.set_len(70 << 20).expect("set_len");
    drop(f);
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 2);
    assert_stderr_has(&runs, &["huge.txt", "70 MB", "64 MB limit"]);
}

/// A 50 KB run-on line (no full stop, dense with figures): quadratic before the fix (39 s for 25 KB
/// in release), now cut into bounded sentences.
#[test]
fn long_run_on_line_finishes() {
    let unit = "at least 1,234 people were killed and 56 wounded, officials said; about 7.8 million fled, 1.2.3.4.5.6.7.8 ";
    let line = unit.repeat(50_000 / unit.len());
    let runs = matrix(&[("runon.txt", line.as_bytes())], &[], 1);
    assert_eq!(runs.len(), formats().len());
}

/// The full 5 MB case. Ignored by default: it takes minutes in a debug build (and about 5 s per MB of
/// dense claims in release); run it with `cargo test --release --test robustness -- --ignored`.
#[test]
#[ignore = "minutes in a debug build; run with --release -- --ignored"]
fn five_megabyte_single_line_finishes_quickly() {
    // One line, no newline and no full stop (a run-on "sentence" once made extraction quadratic),
    // full of figures, dotted runs and claim-like phrases.
    let unit = "at least 1,234 people were killed and 56 wounded, officials said; about 7.8 million fled, 1.2.3.4.5.6.7.8 ";
    let mut line = String::with_capacity(5 << 20);
    while line.len() < 5 << 20 {
        line.push_str(unit);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    fs::write(dir.path().join("long.txt"), &line).expect("write");
    let start = Instant::now();
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    let per_run = start.elapsed() / runs.len() as u32;
    assert_partner_conflict(&runs);
    // Debug builds are slower than release; the bound catches quadratic steps (minutes), not noise.
    assert!(
        per_run < Duration::from_secs(60),
        "a 5 MB line took {per_run:?} per run"
    );
}

// ----------------------------------------------------------------------------------------------
// File system oddities

#[cfg(unix)]
#[test]
fn non_utf8_file_name_is_read_and_named_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    let name = std::ffi::OsStr::from_bytes(b"bad\xff\xfename.txt");
    fs::write(dir.path().join(name), PLAIN).expect("write");
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 1);
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    assert!(
        v["documents"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["path"]
                .as_str()
                .is_some_and(|p| p.contains("bad\u{fffd}\u{fffd}name.txt")))),
        "{v:#}"
    );
}

#[cfg(unix)]
#[test]
fn file_names_with_escapes_and_newlines_do_not_leak() {
    // A file name may hold ESC and a newline followed by a workflow command; an unreadable one is
    // named on stderr, a readable one in the reports.
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    let evil = "evil\u{1b}[31m\n::set-env name=A::B\u{202e}.txt";
    fs::write(dir.path().join(evil), PLAIN).expect("write");
    let broken = "broken\u{1b}]0;title\u{7}\n::add-mask::x.txt";
    fs::write(dir.path().join(broken), b"bad \xff byte").expect("write");
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 2);
    assert_stderr_has(&runs, &["broken", "not valid UTF-8"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    // A folder that links back to its parent, and two files that link to each other.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
    std::os::unix::fs::symlink("b.txt", dir.path().join("a.txt")).expect("symlink");
    std::os::unix::fs::symlink("a.txt", dir.path().join("b.txt")).expect("symlink");
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 2);
    assert_stderr_has(&runs, &["a.txt", "b.txt"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_unless_running_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    let path = dir.path().join("locked.txt");
    fs::write(&path, PLAIN).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    // As root (containers, CI) chmod 000 does not stop reading: then the file is simply read.
    let readable = fs::read(&path).is_ok();
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    if readable {
        eprintln!("note: running as root: chmod 000 does not block reading; the error path is not exercised");
        assert_code(&runs, 1);
    } else {
        assert_code(&runs, 2);
        assert_stderr_has(&runs, &["locked.txt", "cannot read"]);
    }
    let _ = fs::set_permissions(&path, fs::Permissions::from_mode(0o644));
}

#[cfg(unix)]
#[test]
fn vanished_file_dangling_symlink_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    std::os::unix::fs::symlink("no-such-file.txt", dir.path().join("gone.txt")).expect("symlink");
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 2);
    assert_stderr_has(&runs, &["gone.txt", "cannot read"]);
    // Named on the command line, too.
    let runs = check_all_formats(&[
        dir.path().join("wire-a.txt").into_os_string(),
        dir.path().join("wire-b.txt").into_os_string(),
        dir.path().join("gone.txt").into_os_string(),
    ]);
    assert_partner_conflict(&runs);
    assert_code(&runs, 2);
}

#[test]
fn ten_thousand_small_files_in_one_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    for i in 0..10_000 {
        fs::write(
            dir.path().join(format!("n{i:05}.txt")),
            format!("Note {i}\n\nA meeting was held on day {i}.\n"),
        )
        .expect("write");
    }
    let start = Instant::now();
    let runs = check_all_formats(&[dir.path().as_os_str().to_owned()]);
    let per_run = start.elapsed() / runs.len() as u32;
    assert_partner_conflict(&runs);
    assert_code(&runs, 1);
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    assert_eq!(v["summary"]["documents"], 10_002);
    assert!(per_run < Duration::from_secs(60), "{per_run:?} per run");
}

// ----------------------------------------------------------------------------------------------
// Hostile article text

/// An article that joins the partner's event and conflicts with it, whose figures, speakers and
/// metadata carry terminal escapes, workflow commands, formulas, HTML, pipes and bidi overrides.
const HOSTILE: &str = concat!(
    "+++\n",
    "event = \"case-same-day-conflict\"\n",
    "outlet = \"=HYPERLINK(\\\"http://evil/\\\",\\\"x\\\")\\u001b[2J\\r\\n::set-env name=A::B\"\n",
    "published = 2023-11-09\n",
    "+++\n",
    "\u{1b}[31mRed\u{1b}[0m headline \u{202e}desrever\n",
    "\n",
    "At least 20,000 Palestinians have been killed in Gaza, \u{1b}]0;pwned\u{7}=HYPERLINK(\"http://evil\") said.\n",
    "\r\n::set-env name=A::B\r\n",
    "::add-mask::x\n",
    "@SUM(1+1) | <script>alert(1)</script> | +cmd -x\n",
    "\"We will not stop,\" \u{1b}[1m=cmd|' /C calc'!A0\u{202e} said, adding that 21,000 people had been killed.\n",
);

#[test]
fn hostile_article_text_does_not_leak_into_any_format() {
    let runs = matrix(&[("hostile.txt", HOSTILE.as_bytes())], &[], 1);
    // The hostile document did take part: its figure is in a finding.
    let v = runs
        .iter()
        .find(|r| r.format == "json")
        .expect("json")
        .json();
    assert!(
        v["claims"]
            .as_array()
            .is_some_and(|cs| cs.iter().any(|c| c["doc"] == "hostile")),
        "the hostile document made no claim:\n{v:#}"
    );
    if let Some(table) = runs.iter().find(|r| r.format == "table") {
        assert!(!table.stdout.contains('\u{1b}'));
    }
}

#[test]
fn hostile_text_from_standard_input() {
    for format in formats() {
        let out = factdiff()
            .args(["check", "-", "corpus/same-day-conflict", "--format", format])
            .write_stdin(HOSTILE.as_bytes())
            .output()
            .expect("runs");
        let run = finish(format, out);
        assert_safe(&run);
        assert_eq!(run.code, 1, "{}", run.stderr);
    }
}

/// The library's renderers, whether or not the CLI offers them yet: every one of them gets the hostile
/// corpus, and the CI-facing ones keep their promises.
#[test]
fn hostile_text_through_every_library_renderer() {
    use factdiff::report;
    let dir = tempfile::tempdir().expect("tempdir");
    add_partner(dir.path());
    fs::write(dir.path().join("hostile.txt"), HOSTILE).expect("write");
    let rules = factdiff::rules::RuleSet::embedded().expect("rules");
    let inputs = factdiff::pipeline::Inputs {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let a = factdiff::pipeline::analyse(&inputs, &rules);
    assert!(a.claims.iter().any(|c| c.doc == "hostile"));
    assert!(a
        .findings
        .iter()
        .any(|f| f.verdict == factdiff::model::Verdict::Conflict));
    assert_no_controls("table", &report::table::render_check(&a));
    assert_no_controls("table claims", &report::table::render_claims(&a));
    assert_no_controls("markdown", &report::markdown::render(&a));
    let github = report::github::render(&a);
    assert!(!github.is_empty());
    for line in github.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "github: foreign line {line:?}"
        );
    }
    assert_no_controls("github", &github);
    let csv = report::csv::render(&a);
    assert_no_formula_cells(&csv);
    for (name, text) in [
        ("json", report::json::render(&a)),
        ("sarif", report::sarif::render(&a)),
    ] {
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for line in report::jsonl::render(&a).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("jsonl line");
    }
    for f in &a.findings {
        let text = factdiff::explain::render(&a, &rules, &f.id).expect("explains");
        assert_no_controls("explain", &text);
    }
}

// ----------------------------------------------------------------------------------------------
// Hostile rules

/// Runs `check --rules FILE corpus/same-day-conflict` in every format and `rules check --rules FILE`;
/// all must exit 2 with each needle on stderr.
fn bad_rules(text: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("bad-rules.toml");
    fs::write(&rules, text).expect("write");
    let runs = check_all_formats(&[
        OsString::from("--rules"),
        rules.clone().into_os_string(),
        OsString::from("corpus/same-day-conflict"),
    ]);
    assert_code(&runs, 2);
    assert_stderr_has(&runs, needles);
    let out = factdiff()
        .args(["rules", "check", "--rules"])
        .arg(&rules)
        .output()
        .expect("runs");
    let run = finish("rules check", out);
    assert_safe(&run);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "rules check: no {n:?}:\n{}",
            run.stderr
        );
    }
}

const KIND: &str = "version = 1\n[[kind]]\nid = \"killed\"\nunit = \"people\"\n";

#[test]
fn oversized_regex_is_a_clear_error_naming_rule_and_line() {
    let text = format!(
        "{KIND}\n[[rule]]\nid = \"huge\"\nkind = \"killed\"\npatterns = ['{{qty}} \\w{{1000}}{{1000}}']\n"
    );
    let start = Instant::now();
    bad_rules(
        &text,
        &["bad-rules.toml:9:", "`huge`", "compiles to more than"],
    );
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn duplicate_rule_ids_are_an_error() {
    let rule = "[[rule]]\nid = \"twice\"\nkind = \"killed\"\npatterns = ['{qty} killed']\n";
    let text = format!("{KIND}\n{rule}\n{rule}");
    bad_rules(
        &text,
        &["bad-rules.toml:12:", "`twice`", "duplicate rule id"],
    );
}

#[test]
fn entity_member_of_itself_and_cycles_are_errors() {
    let own = format!(
        "{KIND}\n[[entity]]\nid = \"narcissus\"\nparty = \"p\"\nnames = [\"Narcissus\"]\nmember_of = [\"narcissus\"]\n"
    );
    bad_rules(&own, &["bad-rules.toml:", "`narcissus`", "member_of"]);
    let cycle = format!(
        "{KIND}\n[[entity]]\nid = \"a\"\nparty = \"p\"\nnames = [\"Alpha\"]\nmember_of = [\"b\"]\n\n[[entity]]\nid = \"b\"\nparty = \"p\"\nnames = [\"Beta\"]\nmember_of = [\"c\"]\n\n[[entity]]\nid = \"c\"\nparty = \"p\"\nnames = [\"Gamma\"]\nmember_of = [\"a\"]\n"
    );
    bad_rules(&cycle, &["bad-rules.toml:", "member_of", "cycle"]);
}

#[test]
fn unknown_keys_and_wrong_types_name_key_and_line() {
    let unknown = format!(
        "{KIND}\n[[rule]]\nid = \"r\"\nkind = \"killed\"\npatterns = ['{{qty}} killed']\nfavourite_colour = \"red\"\n"
    );
    bad_rules(&unknown, &["bad-rules.toml:10:", "favourite_colour"]);
    let wrong = format!("{KIND}tolerance = \"high\"\n");
    bad_rules(&wrong, &["bad-rules.toml:5:", "tolerance"]);
    let not_list = format!("{KIND}\n[[rule]]\nid = \"r\"\nkind = \"killed\"\npatterns = 7\n");
    bad_rules(&not_list, &["bad-rules.toml:9:", "patterns"]);
}

#[test]
fn ten_thousand_generated_rules_load_in_reasonable_time() {
    let mut text = String::from(KIND);
    for i in 0..10_000 {
        text.push_str(&format!(
            "\n[[rule]]\nid = \"gen.{i}\"\nkind = \"killed\"\npatterns = ['{{qty}} (?:people )?killed by thing{i}\\b']\n"
        ));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("many.toml");
    fs::write(&rules, &text).expect("write");
    let start = Instant::now();
    let out = factdiff()
        .args(["rules", "check", "--rules"])
        .arg(&rules)
        .output()
        .expect("runs");
    let took = start.elapsed();
    let run = finish("rules check", out);
    assert_safe(&run);
    eprintln!(
        "10,000 rules: `rules check` exit {} in {took:?}; stderr: {}",
        run.code,
        run.stderr.lines().next().unwrap_or("")
    );
    // Loads, or fails with a clear error; never hangs.
    assert!(
        run.code == 0 || run.stderr.contains("error"),
        "{}",
        run.stderr
    );
    assert!(took < RUN_LIMIT, "took {took:?}");
}

// ----------------------------------------------------------------------------------------------
// Process behaviour

/// Runs `factdiff ARGS` with its standard output read by `reader` (which may close it early); returns
/// the exit code and standard error.
fn run_with_reader(
    args: &[&OsStr],
    reader: impl FnOnce(std::process::ChildStdout),
) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(bin_path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    reader(child.stdout.take().expect("stdout"));
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Standard error of a run whose reader closed the pipe: nothing about the pipe, no panic.
fn assert_quiet_about_the_pipe(context: &str, stderr: &str) {
    let lower = stderr.to_lowercase();
    assert!(
        !lower.contains("broken pipe") && !lower.contains("panicked") && !lower.contains("error"),
        "{context}: {stderr}"
    );
}

/// A folder whose report is close to a megabyte or more (4,000 documents, one claim each, all in one
/// conflict): far more than the pipes these tests make hold (64 KiB, Linux's default), so a writer
/// whose reader has closed the pipe always meets EPIPE, whatever the timing.
fn large_report_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..4_000 {
        fs::write(
            dir.path().join(format!("d{i:04}.txt")),
            format!(
                "+++\noutlet = \"Outlet {i}\"\npublished = 2023-11-09\n+++\nToll\n\n\
                 Air strikes have killed {} Palestinians in Gaza, the ministry said.\n",
                9_000 + 100 * i
            ),
        )
        .expect("write");
    }
    dir
}

#[test]
fn a_pipe_closed_before_a_large_report_keeps_the_exit_code_of_the_findings() {
    let dir = large_report_corpus();
    let path = dir.path().as_os_str();
    for format in ["table", "json"] {
        let full = std::process::Command::new(bin_path())
            .args([
                OsStr::new("check"),
                path,
                OsStr::new("--format"),
                OsStr::new(format),
            ])
            .output()
            .expect("run");
        assert!(
            full.stdout.len() > 512 * 1024,
            "{format}: {} bytes",
            full.stdout.len()
        );
        assert_eq!(
            full.status.code(),
            Some(1),
            "{format}: a conflict at --fail-on error"
        );
        for (fail_on, code) in [("error", 1), ("never", 0)] {
            let args = [
                OsStr::new("check"),
                path,
                OsStr::new("--format"),
                OsStr::new(format),
                OsStr::new("--fail-on"),
                OsStr::new(fail_on),
            ];
            // Like `| head -1` that has already exited: the read end is closed before the write.
            let (got, stderr) = run_with_reader(&args, drop);
            assert_eq!(got, Some(code), "{format} --fail-on {fail_on}: {stderr}");
            assert_quiet_about_the_pipe(format, &stderr);
            // Like `| head -1` on a report larger than the pipe: one line read, then closed.
            let (got, stderr) = run_with_reader(&args, |out| {
                use std::io::{BufRead, BufReader};
                let mut first = String::new();
                BufReader::new(out)
                    .read_line(&mut first)
                    .expect("read one line");
                assert!(!first.is_empty());
            });
            assert_eq!(got, Some(code), "{format} --fail-on {fail_on}: {stderr}");
            assert_quiet_about_the_pipe(format, &stderr);
        }
    }
}

#[test]
fn a_report_that_fits_the_pipe_keeps_the_exit_code_of_the_findings() {
    use std::io::{BufRead, BufReader};
    // The sample corpus's report (a few kilobytes) is written whole before `head -1` reads a line.
    for format in formats() {
        let full = std::process::Command::new(bin_path())
            .args(["check", "corpus", "--format", format])
            .output()
            .expect("run");
        assert_eq!(
            full.status.code(),
            Some(1),
            "{format}: the corpus has errors"
        );
        let args = [
            OsStr::new("check"),
            OsStr::new("corpus"),
            OsStr::new("--format"),
            OsStr::new(format),
        ];
        let (got, stderr) = run_with_reader(&args, |out| {
            let mut first = String::new();
            BufReader::new(out)
                .read_line(&mut first)
                .expect("read one line");
        });
        assert_eq!(got, Some(1), "{format}: {stderr}");
        assert_quiet_about_the_pipe(format, &stderr);
        let (got, stderr) = run_with_reader(&args, drop);
        assert_eq!(got, Some(1), "{format}: {stderr}");
        assert_quiet_about_the_pipe(format, &stderr);
    }
}

fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.contains(".factdiff-"))
        .collect()
}

#[test]
fn baseline_write_twice_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("baseline.toml");
    for _ in 0..2 {
        let out = factdiff()
            .args(["baseline", "write"])
            .arg(&file)
            .arg("corpus/same-day-conflict")
            .output()
            .expect("runs");
        let run = finish("baseline", out);
        assert_safe(&run);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert!(file.is_file());
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn interrupted_baseline_write_leaves_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("mkdir");
    add_partner(&corpus);
    for i in 0..3000 {
        fs::write(
            corpus.join(format!("n{i:04}.txt")),
            format!("Note {i}\n\nAt least {} people were killed in the flood in Derna, officials said.\n", 100 + i),
        )
        .expect("write");
    }
    let file = dir.path().join("baseline.toml");
    fs::write(&file, "schema = \"factdiff-baseline/v1\"\n").expect("old baseline");
    // Interrupt at several moments of the run (SIGINT as Ctrl-C sends, then SIGKILL).
    for (signal, delay_ms) in [("INT", 50), ("INT", 300), ("KILL", 150), ("INT", 800)] {
        let mut child = std::process::Command::new(bin_path())
            .args(["baseline", "write"])
            .arg(&file)
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let _ = child.wait();
        assert_eq!(
            temporary_files(dir.path()),
            Vec::<String>::new(),
            "after SIG{signal} at {delay_ms} ms"
        );
        let text = fs::read_to_string(&file).expect("baseline readable");
        // Either the old file or a whole new one, never half of one.
        let whole_new = text.starts_with("# factdiff baseline")
            && factdiff::baseline::Baseline::parse(&text, "baseline.toml", false).is_ok();
        assert!(
            text == "schema = \"factdiff-baseline/v1\"\n" || whole_new,
            "half-written baseline: {text:?}"
        );
    }
}

// ----------------------------------------------------------------------------------------------
// Inputs that once crashed (found by fuzzing); each file in tests/regressions/ is run through the
// whole matrix.

#[test]
fn regression_inputs_never_crash() {
    let dir = Path::new("tests/regressions");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let bytes = fs::read(&path).expect("read regression");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".md") && name.starts_with("README") {
            continue;
        }
        if name.ends_with(".rules.toml") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let out = factdiff()
                .args(["rules", "check", "--rules"])
                .arg(&path)
                .output()
                .expect("runs");
            let run = finish(&name, out);
            assert_safe(&run);
            let _ = text;
            continue;
        }
        let tmp = tempfile::tempdir().expect("tempdir");
        add_partner(tmp.path());
        fs::write(tmp.path().join("regression.txt"), &bytes).expect("write");
        for args in [&[][..], &["--encoding", "auto"][..]] {
            let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
            all.push(tmp.path().as_os_str().to_owned());
            let runs = check_all_formats(&all);
            assert_partner_conflict(&runs);
        }
    }
}
