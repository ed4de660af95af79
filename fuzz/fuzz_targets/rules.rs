//! Fuzz target: arbitrary UTF-8 → `RuleSet::parse`. A rules file is either compiled or rejected with an
//! error whose line lies inside the text; it never panics. A compiled rule set is run over one sentence.
#![no_main]

use factdiff::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match RuleSet::parse(text, "fuzz-rules.toml") {
        Ok(rules) => {
            let doc = factdiff::corpus::parse_document(
                "a.txt",
                "a",
                b"Gaza health officials said 14,500 people were killed, Hamas said.\n",
            );
            if let Ok(doc) = doc {
                let _ = factdiff::extract::extract_document(&doc, &rules);
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
