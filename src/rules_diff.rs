//! `factdiff diff`: what a change to the rules changes. Runs the pipeline on one corpus with the rules
//! before and after, and lists the claims added, removed and changed (matched by document and position)
//! and the findings added and removed (by stable id). This is what a reviewer of a rules pull request
//! reads beside the snapshot diff.

use crate::compare::format_number;
use crate::model::{Claim, Finding};
use crate::pipeline::Analysis;
use crate::report::table::sanitize;
use std::collections::BTreeMap;

/// The differences between two analyses of one corpus.
#[derive(Debug, Clone, Default)]
pub struct RulesDiff {
    /// Claims only the new rules find.
    pub added_claims: Vec<Claim>,
    /// Claims only the old rules find.
    pub removed_claims: Vec<Claim>,
    /// Claims at the same place that the rules read differently: (before, after).
    pub changed_claims: Vec<(Claim, Claim)>,
    /// Findings only the new rules give.
    pub added_findings: Vec<Finding>,
    /// Findings only the old rules give.
    pub removed_findings: Vec<Finding>,
}

impl RulesDiff {
    /// True when the rules change nothing on this corpus.
    pub fn is_empty(&self) -> bool {
        self.added_claims.is_empty()
            && self.removed_claims.is_empty()
            && self.changed_claims.is_empty()
            && self.added_findings.is_empty()
            && self.removed_findings.is_empty()
    }
}

type Place = (String, usize, usize);

fn place(c: &Claim) -> Place {
    (c.doc.clone(), c.quantity.start, c.quantity.end)
}

fn reading(
    c: &Claim,
) -> (
    String,
    String,
    Option<String>,
    &'static str,
    Option<u64>,
    Option<u64>,
    String,
) {
    (
        c.kind.clone(),
        c.subject.clone(),
        c.scope.clone(),
        c.modality.as_str(),
        c.quantity.lo.map(f64::to_bits),
        c.quantity.hi.map(f64::to_bits),
        c.rule.clone(),
    )
}

/// Compares the analyses of one corpus under the old and the new rules.
pub fn diff(before: &Analysis, after: &Analysis) -> RulesDiff {
    let old: BTreeMap<Place, &Claim> = before.claims.iter().map(|c| (place(c), c)).collect();
    let new: BTreeMap<Place, &Claim> = after.claims.iter().map(|c| (place(c), c)).collect();
    let mut d = RulesDiff::default();
    for (k, c) in &old {
        match new.get(k) {
            None => d.removed_claims.push((*c).clone()),
            Some(n) if reading(c) != reading(n) => {
                d.changed_claims.push(((*c).clone(), (*n).clone()))
            }
            Some(_) => {}
        }
    }
    for (k, c) in &new {
        if !old.contains_key(k) {
            d.added_claims.push((*c).clone());
        }
    }
    let old_f: BTreeMap<&str, &Finding> =
        before.findings.iter().map(|f| (f.id.as_str(), f)).collect();
    let new_f: BTreeMap<&str, &Finding> =
        after.findings.iter().map(|f| (f.id.as_str(), f)).collect();
    d.removed_findings = old_f
        .iter()
        .filter(|(k, _)| !new_f.contains_key(*k))
        .map(|(_, f)| (*f).clone())
        .collect();
    d.added_findings = new_f
        .iter()
        .filter(|(k, _)| !old_f.contains_key(*k))
        .map(|(_, f)| (*f).clone())
        .collect();
    d
}

fn claim_line(c: &Claim) -> String {
    let value = match (c.quantity.lo, c.quantity.hi) {
        (Some(l), Some(h)) if l == h => format_number(l),
        (l, h) => format!(
            "{}–{}",
            l.map(format_number).unwrap_or_else(|| "…".into()),
            h.map(format_number).unwrap_or_else(|| "…".into())
        ),
    };
    format!(
        "{} {}:{} “{}” = {} · {} · {}{} · {} · rule {}",
        c.id,
        c.doc,
        c.span.line,
        sanitize(&c.quantity.text),
        value,
        c.kind,
        c.subject,
        c.scope
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default(),
        c.modality.as_str(),
        c.rule
    )
}

/// The diff as text, in unified-diff style (`-` old, `+` new).
pub fn render(d: &RulesDiff) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "claims: {} added, {} removed, {} changed; findings: {} added, {} removed\n",
        d.added_claims.len(),
        d.removed_claims.len(),
        d.changed_claims.len(),
        d.added_findings.len(),
        d.removed_findings.len()
    ));
    for c in &d.removed_claims {
        out.push_str(&format!("- claim {}\n", claim_line(c)));
    }
    for c in &d.added_claims {
        out.push_str(&format!("+ claim {}\n", claim_line(c)));
    }
    for (a, b) in &d.changed_claims {
        out.push_str(&format!(
            "- claim {}\n+ claim {}\n",
            claim_line(a),
            claim_line(b)
        ));
    }
    for f in &d.removed_findings {
        out.push_str(&format!(
            "- finding {} {}: {}\n",
            f.id,
            f.verdict.as_str(),
            sanitize(&f.summary)
        ));
    }
    for f in &d.added_findings {
        out.push_str(&format!(
            "+ finding {} {}: {}\n",
            f.id,
            f.verdict.as_str(),
            sanitize(&f.summary)
        ));
    }
    out
}
