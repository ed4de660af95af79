//! `extract::extract_document` throughput with the embedded default rules, on one thread (the figure
//! is per core; the pipeline runs documents in parallel). Inputs: the sample corpus repeated to about
//! 2 MB, 4 MB of the generated corpus, and, when `FACTDIFF_BENCH_DEV` names a folder (the dev corpus
//! of 300 real articles, not in the repository), up to 4 MB of it (empty otherwise). Throughput counts
//! whole files (front matter included).
//!
//! `cargo bench --bench extract` (`FACTDIFF_BENCH_DEV=../shared/devcorpus cargo bench --bench extract`)

mod common;

use divan::counter::BytesCount;
use divan::Bencher;
use factdiff::extract;
use factdiff::rules::RuleSet;

fn main() {
    divan::main();
}

/// Extracts claims and quotes from every document in turn.
#[divan::bench(args = ["sample", "generated", "dev"], sample_count = 10)]
fn extract_document(bencher: Bencher, input: &str) {
    let rules = RuleSet::embedded().expect("default rules compile");
    let bytes = if input == "sample" { 2 << 20 } else { 4 << 20 };
    // The dev corpus's folder also holds its `SOURCE.md`, which is no article.
    let docs: Vec<_> = common::news_documents(input, bytes)
        .into_iter()
        .filter(|d| input != "dev" || !d.path.ends_with(".md"))
        .collect();
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
