//! Partitioned runs (issue 16): documents as JSONL records, and the partition-union property: shards
//! of documents extracted apart (with the corpus-wide events file), claims and quotes routed to
//! partitions by their `comparison_key`, each partition compared alone, give the findings of one
//! `check`: same ids, same content. The routing here is the one `spark/factdiff_job.py` does.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

fn factdiff() -> Command {
    Command::cargo_bin("factdiff").expect("binary built")
}

/// Runs factdiff, expecting one of `codes`; returns standard output.
fn run(args: &[&str], stdin: Option<&str>, codes: &[i32]) -> String {
    let mut cmd = factdiff();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s.to_string());
    }
    let out = cmd.output().expect("runs");
    assert!(
        out.status.code().is_some_and(|c| codes.contains(&c)),
        "{args:?}: exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The lines of `text` of one `type`, parsed.
fn lines_of(text: &str, kind: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .filter(|v| v["type"] == kind)
        .collect()
}

/// Finding lines by id.
fn findings_by_id(text: &str) -> BTreeMap<String, Value> {
    lines_of(text, "finding")
        .into_iter()
        .map(|f| (f["id"].as_str().expect("id").to_string(), f))
        .collect()
}

/// The `.txt`/`.md` files under `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A JSONL record holding a file: its path and whole text (front matter included).
fn record_of(path: &Path) -> String {
    let text = fs::read_to_string(path).expect("UTF-8 file");
    serde_json::json!({"path": path.to_string_lossy(), "text": text}).to_string()
}

/// Routes extracted lines to `n` partitions as the Spark job does: a claim or quote goes to the
/// partition of (event, group); one whose event is null goes to every event of its group, or to
/// (null, group) when its group has none; each partition also gets the document lines its claims and
/// quotes name. Lines are de-duplicated within a partition.
fn route(extracted: &[Value], n: u64) -> Vec<BTreeSet<String>> {
    let docs: HashMap<&str, &Value> = extracted
        .iter()
        .filter(|v| v["type"] == "document")
        .map(|v| (v["id"].as_str().expect("doc id"), v))
        .collect();
    let records: Vec<&Value> = extracted
        .iter()
        .filter(|v| v["type"] == "claim" || v["type"] == "quote")
        .collect();
    let mut events_of_group: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in &records {
        let key = &r["comparison_key"];
        let group = key["group"].as_str().expect("group").to_string();
        let entry = events_of_group.entry(group).or_default();
        if let Some(e) = key["event"].as_str() {
            entry.insert(e.to_string());
        }
    }
    let bucket = |event: Option<&str>, group: &str| {
        // Any deterministic hash will do: FNV-1a of "event\u{1f}group".
        let mut h: u64 = 0xcbf29ce484222325;
        for b in format!("{}\u{1f}{group}", event.unwrap_or("")).bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
        (h % n) as usize
    };
    let mut parts = vec![BTreeSet::new(); n as usize];
    for r in records {
        let group = r["comparison_key"]["group"].as_str().expect("group");
        let targets: Vec<usize> = match r["comparison_key"]["event"].as_str() {
            Some(e) => vec![bucket(Some(e), group)],
            None if events_of_group[group].is_empty() => vec![bucket(None, group)],
            None => events_of_group[group]
                .iter()
                .map(|e| bucket(Some(e), group))
                .collect(),
        };
        let doc = docs[r["doc"].as_str().expect("doc")];
        for t in targets {
            parts[t].insert(r.to_string());
            parts[t].insert(doc.to_string());
        }
    }
    parts
}

/// The whole partitioned run over `files` split into `shards` document shards and `n` comparison
/// partitions; returns the union of the partitions' findings by id.
fn partitioned_findings(files: &[PathBuf], shards: usize, n: u64) -> BTreeMap<String, Value> {
    let dir = tempfile::tempdir().expect("tempdir");
    let shard_texts: Vec<String> = (0..shards)
        .map(|s| {
            files
                .iter()
                .skip(s)
                .step_by(shards)
                .map(|p| record_of(p) + "\n")
                .collect()
        })
        .collect();
    // Pass 1: cues per shard, one assignment over all of them.
    let mut cues = String::new();
    for text in &shard_texts {
        cues += &run(
            &["events", "cues", "--input-format", "jsonl", "-"],
            Some(text),
            &[0],
        );
    }
    let events_file = dir.path().join("events.jsonl");
    fs::write(
        &events_file,
        run(&["events", "assign", "-"], Some(&cues), &[0]),
    )
    .expect("write");
    let events_arg = events_file.to_string_lossy().to_string();
    // Pass 2: extraction per shard.
    let mut extracted = Vec::new();
    for text in &shard_texts {
        let out = run(
            &[
                "extract",
                "--input-format",
                "jsonl",
                "--events",
                &events_arg,
                "--format",
                "jsonl",
                "-",
            ],
            Some(text),
            &[0],
        );
        extracted.extend(
            out.lines()
                .map(|l| serde_json::from_str::<Value>(l).expect("JSON")),
        );
    }
    // Pass 3: comparison per partition.
    let mut union = BTreeMap::new();
    for part in route(&extracted, n) {
        if part.is_empty() {
            continue;
        }
        let input: String = part.iter().map(|l| format!("{l}\n")).collect();
        let out = run(
            &["compare", "--format", "jsonl", "--fail-on", "never", "-"],
            Some(&input),
            &[0],
        );
        for (id, f) in findings_by_id(&out) {
            if let Some(before) = union.insert(id.clone(), f.clone()) {
                assert_eq!(before, f, "finding {id} differs between partitions");
            }
        }
    }
    union
}

#[test]
fn partitions_by_comparison_key_give_the_findings_of_one_check() {
    let checked = findings_by_id(&run(
        &["check", "--format", "jsonl", "--fail-on", "never", "corpus"],
        None,
        &[0],
    ));
    assert!(checked.len() >= 10, "the corpus has findings to compare");
    let files = files_under(Path::new("corpus"));
    for (shards, n) in [(1, 1), (2, 3), (3, 7)] {
        let union = partitioned_findings(&files, shards, n);
        assert_eq!(
            union.keys().collect::<Vec<_>>(),
            checked.keys().collect::<Vec<_>>(),
            "ids with {shards} shards, {n} partitions"
        );
        assert_eq!(
            union, checked,
            "content with {shards} shards, {n} partitions"
        );
    }
}

#[test]
fn the_events_file_gives_a_shard_the_events_of_the_whole_corpus() {
    // One article of a two-article earthquake, extracted alone: without the events file its event is
    // inferred from itself only; with it, from the whole corpus.
    let all: String = files_under(Path::new("corpus/inferred-events"))
        .iter()
        .map(|p| record_of(p) + "\n")
        .collect();
    let one = record_of(Path::new("corpus/inferred-events/quake-daily.txt")) + "\n";
    let cues = run(
        &["events", "cues", "--input-format", "jsonl", "-"],
        Some(&all),
        &[0],
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let events_file = tmp.path().join("events.jsonl");
    fs::write(
        &events_file,
        run(&["events", "assign", "-"], Some(&cues), &[0]),
    )
    .expect("write");
    let events_arg = events_file.to_string_lossy().to_string();
    let extract = |extra: &[&str]| {
        let mut args = vec!["extract", "--input-format", "jsonl", "--format", "jsonl"];
        args.extend_from_slice(extra);
        args.push("-");
        lines_of(&run(&args, Some(&one), &[0]), "document").remove(0)
    };
    let alone = extract(&[]);
    let with_file = extract(&["--events", &events_arg]);
    let reason = |d: &Value| d["event_reason"].as_str().unwrap_or("").to_string();
    assert!(
        reason(&alone).ends_with("no other document of it"),
        "{}",
        reason(&alone)
    );
    assert!(
        reason(&with_file).ends_with("2 documents"),
        "{}",
        reason(&with_file)
    );
    assert_eq!(with_file["event_inferred"], "earthquake-turkey-2023-02");
}

#[test]
fn a_document_missing_from_the_events_file_keeps_its_own_event_with_a_warning() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let events_file = tmp.path().join("events.jsonl");
    fs::write(&events_file, "").expect("write");
    let one = record_of(Path::new("corpus/inferred-events/quake-daily.txt")) + "\n";
    let out = factdiff()
        .args([
            "extract",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "--events",
        ])
        .arg(&events_file)
        .arg("-")
        .write_stdin(one)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("quake-daily.txt: not in the events file"),
        "{stderr}"
    );
}

#[test]
fn records_from_files_and_standard_input_give_the_findings_of_the_files() {
    let files = files_under(Path::new("corpus/same-day-conflict"));
    let records: String = files.iter().map(|p| record_of(p) + "\n").collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let jsonl = tmp.path().join("docs.jsonl");
    fs::write(&jsonl, &records).expect("write");
    let of_files = findings_by_id(&run(
        &["check", "--format", "jsonl", "corpus/same-day-conflict"],
        None,
        &[1],
    ));
    let of_file = findings_by_id(&run(
        &[
            "check",
            "--format",
            "jsonl",
            "--input-format",
            "jsonl",
            &jsonl.to_string_lossy(),
        ],
        None,
        &[1],
    ));
    let of_stdin = findings_by_id(&run(
        &["check", "--format", "jsonl", "--input-format", "jsonl", "-"],
        Some(&records),
        &[1],
    ));
    assert!(!of_files.is_empty());
    assert_eq!(of_file, of_files);
    assert_eq!(of_stdin, of_files);
}

#[test]
fn bad_records_are_reported_by_line_and_id_and_the_others_are_still_checked() {
    let good: Vec<String> = files_under(Path::new("corpus/same-day-conflict"))
        .iter()
        .map(|p| record_of(p))
        .collect();
    let input = format!(
        "{}\nnot json\n{{\"id\":\"x\",\"text\":7}}\n\n{}\n{{\"id\":\"y\",\"text\":\"Body.\",\"published\":\"yesterday\"}}\n",
        good[0], good[1]
    );
    let out = factdiff()
        .args(["check", "--format", "jsonl", "--input-format", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "input errors exit 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "error: <stdin>:2: not a JSON record",
        "error: <stdin>:3: record `x`: key `text` must be a string, not a number",
        "error: <stdin>:6: record `y`: key `published` must be a date (YYYY-MM-DD, RFC 3339, RFC 2822, YYYY-MM or YYYY), not `yesterday`",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(lines_of(&stdout, "document").len(), 2);
    assert_eq!(
        lines_of(&stdout, "finding").len(),
        1,
        "the good records' conflict"
    );
}

#[test]
fn jsonl_input_refuses_a_folder_clearly() {
    let out = factdiff()
        .args(["extract", "--input-format", "jsonl", "corpus"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("corpus: is a folder"));
}

#[test]
fn every_claim_and_quote_line_carries_its_comparison_key() {
    let out = run(
        &[
            "extract",
            "--format",
            "jsonl",
            "corpus/seeds",
            "corpus/separate-events",
        ],
        None,
        &[0],
    );
    let claims = lines_of(&out, "claim");
    let quotes = lines_of(&out, "quote");
    assert!(!claims.is_empty() && !quotes.is_empty());
    // The group is the one comparison uses: compare::comparison_key of the claim read back.
    let parsed = factdiff::report::jsonl::parse_claims(&out).expect("claims parse");
    assert_eq!(parsed.len(), claims.len());
    for (c, claim) in claims.iter().zip(&parsed) {
        let key = &c["comparison_key"];
        let group = factdiff::compare::comparison_key(claim);
        assert_eq!(key["group"], group.as_str(), "{c}");
        assert!(group.starts_with(&format!("{}|{}|", claim.kind, claim.subject)));
        assert!(key["event"].is_null() || key["event"].is_string());
    }
    assert!(quotes
        .iter()
        .all(|q| q["comparison_key"]["group"] == "quotes"));
    assert!(
        claims
            .iter()
            .any(|c| c["comparison_key"]["event"].is_string()),
        "separate-events names its events"
    );
}
