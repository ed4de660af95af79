//! `report::json::render` writes the `factdiff/v1` document element by element instead of building
//! the whole value first; its text must stay the pretty printer's text of the whole value, byte for
//! byte (users diff and snapshot it).

mod common;

use factdiff::pipeline::{self, Analysis, Inputs};
use factdiff::report::json;
use std::path::PathBuf;

fn expected(a: &Analysis) -> String {
    let mut s =
        serde_json::to_string_pretty(&json::analysis_value(a)).expect("a JSON value prints");
    s.push('\n');
    s
}

#[test]
fn streamed_json_is_the_pretty_printed_value_on_the_sample_corpus() {
    let inputs = Inputs {
        paths: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")],
        ..Inputs::default()
    };
    let a = pipeline::analyse(&inputs, &common::rules());
    assert!(!a.claims.is_empty() && !a.findings.is_empty() && !a.quotes.is_empty());
    assert_eq!(json::render(&a), expected(&a));
}

#[test]
fn streamed_json_writes_empty_lists_as_the_pretty_printer_does() {
    let a = Analysis::default();
    let text = json::render(&a);
    assert!(text.contains("\"claims\": [],"));
    assert_eq!(text, expected(&a));
}
