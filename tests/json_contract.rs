//! Every JSON output validates against the `factdiff/v1` JSON Schema kept in the repository
//! (docs/factdiff-v1.schema.json, described key by key in docs/json-contract.md): check, extract and
//! compare `--format json` and every line of `--format jsonl` on the sample corpus, on documents that
//! exercise the edges of the contract (errors, undated and month-dated documents, hostile text, the
//! fuzzing regressions), and the JSON of `quantities` and `timeline`.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

fn schema_file() -> Value {
    serde_json::from_str(include_str!("../docs/factdiff-v1.schema.json")).expect("schema is JSON")
}

/// A validator for the schema's top level, or for one of its `$defs` when `def` is given.
fn validator(def: Option<&str>) -> jsonschema::Validator {
    let mut schema = schema_file();
    if let Some(def) = def {
        schema["$ref"] = json!(format!("#/$defs/{def}"));
    }
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn run(args: &[&str], dir: Option<&Path>) -> Vec<u8> {
    let mut cmd = Command::cargo_bin("factdiff").expect("binary");
    cmd.args(args);
    if let Some(dir) = dir {
        cmd.arg(dir);
    }
    let out = cmd.output().expect("runs");
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// check json, extract json and every jsonl line of `path`.
fn assert_corpus_outputs_valid(path: &Path) {
    let report = validator(None);
    let line = validator(Some("jsonl_line"));
    for args in [
        &["check", "--format", "json", "--fail-on", "never"][..],
        &["extract", "--format", "json"][..],
    ] {
        let command = args[0];
        let out = run(args, Some(path));
        let value: Value = serde_json::from_slice(&out).expect("JSON");
        assert_valid(
            &report,
            &value,
            &format!("{command} json {}", path.display()),
        );
    }
    for command in ["check", "extract"] {
        let out = run(&[command, "--format", "jsonl"], Some(path));
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(!text.is_empty());
        for (n, l) in text.lines().enumerate() {
            let value: Value = serde_json::from_str(l).expect("a JSON line");
            assert_valid(
                &line,
                &value,
                &format!("{command} jsonl {} line {}", path.display(), n + 1),
            );
        }
    }
}

#[test]
fn check_extract_and_jsonl_of_the_sample_corpus_follow_the_schema() {
    assert_corpus_outputs_valid(Path::new("corpus"));
}

#[test]
fn the_edges_of_the_contract_follow_the_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| fs::write(dir.path().join(name), bytes).expect("write");
    for f in ["wire-a.txt", "wire-b.txt"] {
        write(
            f,
            &fs::read(format!("corpus/same-day-conflict/{f}")).expect("corpus"),
        );
    }
    // Undated, month-dated, an unreadable date, a broken file, hostile text, quotes.
    write(
        "undated.txt",
        b"At least 9,000 people were killed in Gaza, officials said.\n",
    );
    write(
        "month.txt",
        b"+++\noutlet = \"Monthly\"\npublished = \"2023-11\"\n+++\nAbout 9,500 people were killed in Gaza, the ministry said.\n",
    );
    write(
        "bad-date.txt",
        b"+++\npublished = \"soon\"\nextra = { nested = [1, 2.5, true] }\n+++\nNearly 10,000 people were killed in Gaza.\n",
    );
    write("broken.txt", b"+++\noutlet = 3\n+++\nBody.\n");
    write(
        "hostile.md",
        "+++\noutlet = \"\u{1b}[31mRed\u{1b}[0m <script>alert(1)</script>\"\npublished = 2023-11-09\n+++\nMore than 200\r\n::set-env name=A::B people were killed in Gaza, =HYPERLINK(\"x\") said. \u{202e}\n\u{201c}We will not stop,\u{201d} the minister said.\n".as_bytes(),
    );
    for entry in fs::read_dir("tests/regressions").expect("regressions") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            write(&name, &fs::read(&path).expect("regression input"));
        }
    }
    assert_corpus_outputs_valid(dir.path());
}

#[test]
fn compare_of_sharded_claims_follows_the_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shard = dir.path().join("claims.jsonl");
    fs::write(
        &shard,
        run(&["extract", "--format", "jsonl"], Some(Path::new("corpus"))),
    )
    .expect("write");
    let out = run(
        &["compare", "--format", "json", "--fail-on", "never"],
        Some(&shard),
    );
    let value: Value = serde_json::from_slice(&out).expect("JSON");
    assert_valid(&validator(None), &value, "compare json");
    let out = run(
        &["compare", "--format", "jsonl", "--fail-on", "never"],
        Some(&shard),
    );
    let line = validator(Some("jsonl_line"));
    for l in String::from_utf8(out).expect("UTF-8").lines() {
        assert_valid(
            &line,
            &serde_json::from_str(l).expect("JSON line"),
            "compare jsonl",
        );
    }
}

#[test]
fn quantities_and_timeline_json_follow_the_schema() {
    let out = run(
        &[
            "quantities",
            "--format",
            "json",
            "corpus/evolution/october.txt",
        ],
        None,
    );
    let value: Value = serde_json::from_slice(&out).expect("JSON");
    assert!(value["quantities"]
        .as_array()
        .is_some_and(|q| !q.is_empty()));
    assert_valid(&validator(Some("quantities")), &value, "quantities json");
    let out = run(
        &["timeline", "--kind", "killed", "--format", "json"],
        Some(Path::new("corpus")),
    );
    let value: Value = serde_json::from_slice(&out).expect("JSON");
    assert!(value["timeline"].as_array().is_some_and(|t| !t.is_empty()));
    assert_valid(&validator(Some("timeline")), &value, "timeline json");
}

#[test]
fn the_schema_refuses_a_missing_or_unknown_key() {
    let out = run(
        &["check", "--format", "json", "--fail-on", "never"],
        Some(Path::new("corpus/evolution")),
    );
    let mut value: Value = serde_json::from_slice(&out).expect("JSON");
    let report = validator(None);
    assert_valid(&report, &value, "as written");
    value["claims"][0]
        .as_object_mut()
        .expect("a claim")
        .remove("as_of");
    assert!(!report.is_valid(&value), "a missing key is refused");
    let mut value: Value = serde_json::from_slice(&out).expect("JSON");
    value["documents"][0]["undocumented"] = json!(1);
    assert!(!report.is_valid(&value), "an undocumented key is refused");
}

#[test]
fn every_key_of_the_schema_is_described_in_the_contract_document() {
    let doc = fs::read_to_string("docs/json-contract.md").expect("docs/json-contract.md");
    let schema = schema_file();
    let mut missing = Vec::new();
    let mut keys = Vec::new();
    collect_keys(&schema["$defs"], &mut keys);
    keys.sort();
    keys.dedup();
    for key in keys {
        if !doc.contains(&format!("`{key}`")) {
            missing.push(key);
        }
    }
    assert!(missing.is_empty(), "keys not described: {missing:?}");
}

/// The names of every object property in a schema.
fn collect_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for child in map.values() {
                collect_keys(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
        _ => {}
    }
}
