//! The examples embedded in the default rules must all pass: `factdiff rules test` as a test.

mod common;

#[test]
fn every_default_rule_has_passing_examples() {
    let result = factdiff::rules_test::run(&common::rules());
    assert!(result.ran > 0);
    assert_eq!(result.failed, 0, "{}", result.report);
}

#[test]
fn a_broken_example_and_a_rule_without_examples_fail() {
    let text = r#"
[[kind]]
id = "killed"
unit = "people"

[[rule]]
id = "killed.a"
kind = "killed"
patterns = ['{qty} {w:2}killed']
[[rule.example]]
text = "At least 18 people were killed."
expect = [19]

[[rule]]
id = "killed.b"
kind = "killed"
patterns = ['killing {qty}']
"#;
    let rules = factdiff::rules::RuleSet::parse(text, "t.toml").expect("valid rules");
    let result = factdiff::rules_test::run(&rules);
    assert_eq!(result.failed, 2, "{}", result.report);
    assert!(
        result.report.contains("FAIL t.toml:10: rule `killed.a`"),
        "{}",
        result.report
    );
    assert!(
        result
            .report
            .contains("FAIL t.toml:14: rule `killed.b` has no example"),
        "{}",
        result.report
    );
}
