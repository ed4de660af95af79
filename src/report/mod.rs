//! Reports: each output format is a pure function from an [`Analysis`](crate::pipeline::Analysis) (or a
//! list of claims or quantities) to text. Nothing here prints or touches files.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
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

/// How a finding's place reads after its subject: ` in turkey/hatay`, or nothing when it has none.
pub fn place_label(f: &crate::model::Finding) -> String {
    f.place
        .as_ref()
        .map(|p| format!(" in {p}"))
        .unwrap_or_default()
}

/// The one-line summary: documents, claims, quotes, findings by verdict, unreadable documents.
pub fn summary_line(analysis: &Analysis) -> String {
    let counts = verdict_counts(analysis);
    let findings = if counts.is_empty() {
        "no findings".to_string()
    } else {
        counts
            .iter()
            .map(|(v, n)| format!("{n} {}", v.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut line = format!(
        "{} documents, {} claims, {} quotes; {}",
        analysis.documents.len(),
        analysis.claims.len(),
        analysis.quotes.len(),
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
