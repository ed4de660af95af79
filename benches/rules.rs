//! Compile time of the embedded default rules (`RuleSet::embedded()`: TOML parsing, validation, every
//! regex and regex set compiled).
//!
//! `cargo bench --bench rules`

use factdiff::rules::RuleSet;

fn main() {
    divan::main();
}

/// Parses and compiles `rules.toml` as embedded in the binary.
#[divan::bench(sample_count = 30)]
fn embedded() -> RuleSet {
    RuleSet::embedded().expect("default rules compile")
}
