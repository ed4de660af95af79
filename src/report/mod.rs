//! Reports: each output format is a pure function from an [`Analysis`](crate::pipeline::Analysis) (or a
//! list of claims or quantities) to text. Nothing here prints or touches files.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod layout;
pub mod markdown;
pub mod sarif;
pub mod table;

use crate::model::{Severity, Verdict};
use crate::pipeline::Analysis;

/// Counts findings per verdict, in verdict order, leaving out verdicts with none.
pub fn verdict_counts(analysis: &Analysis) -> Vec<(Verdict, usize)> {
    Verdict::ALL
        .iter()
        .map(|v| {
            (
                *v,
                analysis.findings.iter().filter(|f| f.verdict == *v).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The columns of a claim finding's table, in the terminal and in markdown.
pub const CLAIM_COLUMNS: [&str; 7] = [
    "set",
    "figure as written",
    "range",
    "outlet",
    "as of",
    "source",
    "where",
];

/// How a finding's place reads after its subject: ` in turkey/hatay`, or nothing when it has none.
pub fn place_label(f: &crate::model::Finding) -> String {
    f.place
        .as_ref()
        .map(|p| format!(" in {p}"))
        .unwrap_or_default()
}

/// `n` and `noun`, in the plural unless `n` is 1: "1 document", "2 claims", "3 quantities".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// A count of findings of one verdict: "1 conflict", "2 conflicts", "2 disputed" (an adjective).
fn verdict_count(n: usize, verdict: Verdict) -> String {
    match verdict {
        Verdict::Disputed => format!("{n} disputed"),
        v => plural(n, v.as_str()),
    }
}

/// The one-line summary: documents, claims, quotes, findings by verdict, unreadable documents.
pub fn summary_line(analysis: &Analysis) -> String {
    let counts = verdict_counts(analysis);
    let findings = if counts.is_empty() {
        "no findings".to_string()
    } else {
        counts
            .iter()
            .map(|(v, n)| verdict_count(*n, *v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut line = format!(
        "{}, {}, {}; {}",
        plural(analysis.documents.len(), "document"),
        plural(analysis.claims.len(), "claim"),
        plural(analysis.quotes.len(), "quote"),
        findings
    );
    if !analysis.errors.is_empty() {
        line.push_str(&format!("; {} unreadable", analysis.errors.len()));
    }
    line
}

/// The highest severity among the findings.
pub fn worst_severity(analysis: &Analysis) -> Option<Severity> {
    analysis.findings.iter().map(|f| f.severity).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        assert_eq!(plural(1, "document"), "1 document");
        assert_eq!(plural(0, "claim"), "0 claims");
        assert_eq!(plural(2, "quantity"), "2 quantities");
        assert_eq!(plural(1, "quantity"), "1 quantity");
        assert_eq!(plural(3, "day"), "3 days");
        assert_eq!(verdict_count(1, Verdict::Conflict), "1 conflict");
        assert_eq!(verdict_count(2, Verdict::Regression), "2 regressions");
        assert_eq!(verdict_count(2, Verdict::Disputed), "2 disputed");
    }

    #[test]
    fn the_summary_line_counts_in_the_singular_and_the_plural() {
        let a = Analysis {
            documents: vec![crate::model::Document {
                id: "a".into(),
                path: "a.txt".into(),
                ..Default::default()
            }],
            ..Analysis::default()
        };
        assert_eq!(
            summary_line(&a),
            "1 document, 0 claims, 0 quotes; no findings"
        );
    }
}
