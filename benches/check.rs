//! The whole pipeline (`pipeline::analyse`: load, extract, compare) on a generated corpus, as `factdiff
//! check` runs it minus report rendering. The 10 MB corpus is always measured; the 100 MB one only with
//! `FACTDIFF_BENCH_100MB=1`, so that a default `cargo bench` stays within a few minutes. Corpora are
//! generated into the target directory on first use (seed 1). `analyse` uses rayon, so this figure
//! uses every core.
//!
//! `cargo bench --bench check` / `FACTDIFF_BENCH_100MB=1 cargo bench --bench check`

mod common;

use divan::counter::BytesCount;
use divan::Bencher;
use factdiff::pipeline::{self, Inputs};
use factdiff::rules::RuleSet;

fn main() {
    divan::main();
}

fn sizes() -> Vec<usize> {
    if std::env::var_os("FACTDIFF_BENCH_100MB").is_some_and(|v| v != "0") {
        vec![10, 100]
    } else {
        vec![10]
    }
}

/// Loads, extracts and compares a generated corpus of `mb` MiB.
#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
fn analyse(bencher: Bencher, mb: usize) {
    let dir = common::generated_corpus(mb);
    let bytes: u64 = common::files_below(&dir)
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let rules = RuleSet::embedded().expect("default rules compile");
    let inputs = Inputs {
        paths: vec![dir],
        ..Inputs::default()
    };
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| pipeline::analyse(&inputs, &rules).findings.len());
}
