//! `extract::extract_document` throughput with the embedded default rules, on one thread (the figure
//! is per core; the pipeline runs documents in parallel). Inputs: the sample corpus repeated to about
//! 2 MB, and 4 MB of the generated corpus. Throughput counts whole files (front matter included).
//!
//! `cargo bench --bench extract`

mod common;

use divan::counter::BytesCount;
use divan::Bencher;
use factdiff::extract;
use factdiff::rules::RuleSet;

fn main() {
    divan::main();
}

/// Extracts claims and quotes from every document in turn.
#[divan::bench(args = ["sample", "generated"], sample_count = 10)]
fn extract_document(bencher: Bencher, input: &str) {
    let rules = RuleSet::embedded().expect("default rules compile");
    let bytes = if input == "sample" { 2 << 20 } else { 4 << 20 };
    let docs = common::news_documents(input, bytes);
    bencher
        .counter(BytesCount::new(common::text_bytes(&docs)))
        .bench(|| {
            let mut n = 0;
            for d in &docs {
                n += extract::extract_document(divan::black_box(d), &rules)
                    .claims
                    .len();
            }
            n
        });
}
