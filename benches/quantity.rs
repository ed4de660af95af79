//! `quantity::recognise` throughput over news text, one sentence at a time as the pipeline calls it.
//! Inputs: the sample corpus repeated to about 2 MB, and 4 MB of the generated corpus.
//!
//! `cargo bench --bench quantity`

mod common;

use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

/// Recognises every quantity of every body sentence; throughput is sentence bytes per second.
#[divan::bench(args = ["sample", "generated"], sample_count = 20)]
fn recognise(bencher: Bencher, input: &str) {
    let bytes = if input == "sample" { 2 << 20 } else { 4 << 20 };
    let sentences = common::sentences_of(&common::news_documents(input, bytes));
    let total: usize = sentences.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(total)).bench(|| {
        let mut n = 0;
        for s in &sentences {
            n += factdiff::quantity::recognise(divan::black_box(s)).len();
        }
        n
    });
}
