//! Helpers shared by the integration tests.
#![allow(dead_code)]

use factdiff::pipeline::{self, Analysis, Inputs};
use factdiff::rules::RuleSet;
use std::path::PathBuf;

/// The embedded default rules.
pub fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules compile")
}

/// Runs the whole pipeline on a folder of the sample corpus (relative to the crate root).
pub fn analyse_case(case: &str) -> Analysis {
    let path = PathBuf::from("corpus").join(case);
    pipeline::analyse(
        &Inputs {
            paths: vec![path],
            ..Inputs::default()
        },
        &rules(),
    )
}

/// The verdicts of an analysis, as strings, sorted.
pub fn verdicts(a: &Analysis) -> Vec<String> {
    let mut v: Vec<String> = a
        .findings
        .iter()
        .map(|f| f.verdict.as_str().to_string())
        .collect();
    v.sort();
    v
}

/// Every corpus case folder, sorted.
pub fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir("corpus")
        .expect("corpus folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}
