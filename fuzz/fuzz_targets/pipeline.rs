//! Fuzz target: arbitrary bytes → documents → extraction → comparison → every report renderer.
//!
//! The input is split at ASCII record separators (0x1E) into up to four documents; a fixed, valid
//! article (`corpus/same-day-conflict/wire-a.txt`) is added beside them so that comparison always has
//! a partner. Documents that fail to load become errors, as in the CLI. Every renderer must return text
//! without panicking, and the table, github and csv outputs must stay free of control sequences,
//! foreign workflow commands and formula cells.
#![no_main]

use factdiff::corpus::{parse_document_with, TextEncoding};
use factdiff::pipeline::{analyse_documents, Analysis};
use factdiff::report;
use factdiff::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const PARTNER: &[u8] = include_bytes!("../../corpus/same-day-conflict/wire-a.txt");

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("embedded rules compile"))
}

fuzz_target!(
    // Compiling the embedded rules takes seconds under instrumentation: do it before the first input.
    init: {
        rules();
    },
    |data: &[u8]| {
    let rules = rules();
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    let inputs = data
        .split(|b| *b == 0x1e)
        .take(4)
        .chain(std::iter::once(PARTNER));
    for (n, bytes) in inputs.enumerate() {
        let name = format!("doc{n}.txt");
        match parse_document_with(&name, &format!("doc{n}"), bytes, TextEncoding::Auto) {
            Ok((d, _)) => documents.push(d),
            Err(e) => errors.push(e),
        }
    }
    let a = analyse_documents(documents, errors, rules);
    render_all(&a, rules);
    }
);

fn render_all(a: &Analysis, rules: &RuleSet) {
    let table = report::table::render_check(a);
    for c in table.chars() {
        assert!(
            !(c.is_control() && !matches!(c, '\n' | '\t' | '\r')) && c != '\u{202e}',
            "control character {c:?} in table output"
        );
    }
    let _ = report::table::render_claims(a);
    let json = report::json::render(a);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok() || json.is_empty());
    let _ = report::jsonl::render(a);
    let _ = report::markdown::render(a);
    let _ = report::sarif::render(a);
    let github = report::github::render(a);
    for line in github.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "foreign line in github output: {line:?}"
        );
    }
    let csv = report::csv::render(a);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    for record in reader.records() {
        let record = record.expect("csv output parses");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
    }
    for f in &a.findings {
        let _ = factdiff::explain::render(a, rules, &f.id);
    }
}
