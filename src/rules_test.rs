//! `factdiff rules test`: runs every rule's inline examples (checking the claims of the rule's kind)
//! and says, with the rule id and its line in
//! the rules file, which failed. A rule without examples fails too: every rule must show what it finds.

use crate::extract::claims_in_sentence;
use crate::rules::RuleSet;
use crate::subject::DocumentContext;

/// The outcome of running the examples.
#[derive(Debug, Clone, Default)]
pub struct TestResult {
    /// Examples run.
    pub ran: usize,
    /// Examples or rules that failed.
    pub failed: usize,
    /// What to print.
    pub report: String,
}

/// Runs all examples of `rules`.
pub fn run(rules: &RuleSet) -> TestResult {
    let mut result = TestResult::default();
    let mut lines = Vec::new();
    let mut without_examples = 0;
    for rule in &rules.rules {
        if rule.examples.is_empty() {
            result.failed += 1;
            without_examples += 1;
            lines.push(format!(
                "FAIL {}:{}: rule `{}` has no example",
                rules.origin, rule.line, rule.id
            ));
            continue;
        }
        for ex in &rule.examples {
            result.ran += 1;
            let context = DocumentContext::new(rules, None, &ex.text);
            // The kind's claims: when another rule of the same kind wins a figure, the example still
            // shows what the rules as a whole find.
            let found: Vec<_> = claims_in_sentence(rules, &ex.text, &context, None)
                .into_iter()
                .filter(|c| c.kind == rule.kind)
                .collect();
            let values: Vec<f64> = found
                .iter()
                .filter_map(|c| c.quantity.stated.or(c.quantity.lo))
                .collect();
            let mut problems = Vec::new();
            let same = values.len() == ex.expect.len()
                && values
                    .iter()
                    .zip(&ex.expect)
                    .all(|(a, b)| (a - b).abs() < 1e-6);
            if !same {
                problems.push(format!("expected {:?}, found {:?}", ex.expect, values));
            }
            for c in &found {
                if let Some(s) = &ex.subject {
                    if &c.subject != s {
                        problems.push(format!("expected subject {s}, found {}", c.subject));
                    }
                }
                if let Some(m) = &ex.modality {
                    if c.modality.as_str() != m {
                        problems.push(format!(
                            "expected modality {m}, found {}",
                            c.modality.as_str()
                        ));
                    }
                }
                if let Some(sc) = &ex.scope {
                    if c.scope.as_deref() != Some(sc.as_str()) {
                        problems.push(format!("expected scope {sc}, found {:?}", c.scope));
                    }
                }
            }
            if !problems.is_empty() {
                result.failed += 1;
                lines.push(format!(
                    "FAIL {}:{}: rule `{}`: {}\n     text: {}",
                    rules.origin,
                    ex.line,
                    rule.id,
                    problems.join("; "),
                    ex.text
                ));
            }
        }
    }
    if result.ran == 0 {
        lines.push("no example ran".into());
    }
    let failed_examples = result.failed - without_examples;
    lines.push(format!(
        "{} examples of {} rules: {} passed, {} failed; {} rules without examples",
        result.ran,
        rules.rules.len(),
        result.ran - failed_examples,
        failed_examples,
        without_examples
    ));
    result.report = lines.join("\n") + "\n";
    result
}
