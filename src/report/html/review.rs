//! The review state the HTML report shows beside each finding: whether a baseline or an
//! acknowledgement file accepts it (`check --baseline` / `--acknowledged` hide such findings from the
//! other formats; the HTML report keeps them, marked), and the files' stale entries.

use crate::baseline::Baseline;
use std::collections::BTreeMap;

/// Why a finding is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acceptance {
    /// Recorded in a baseline file (named).
    Baseline {
        /// The baseline file.
        file: String,
    },
    /// Acknowledged, with a reason, in a file (named).
    Acknowledged {
        /// The acknowledgement file.
        file: String,
        /// The reason a person gave.
        reason: String,
    },
}

/// Accepted findings by id, and entries that match no finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    /// Finding id → why it is accepted (the first file that names it; an acknowledgement wins over
    /// a baseline, since it says why).
    pub accepted: BTreeMap<String, Acceptance>,
    /// Entries that match no current finding: (file, id).
    pub stale: Vec<(String, String)>,
}

impl Review {
    /// The review state given by `files` (each a file name and its contents; an entry with a reason is
    /// an acknowledgement) and the stale entries found when they were applied.
    pub fn new(files: &[(String, Baseline)], stale: Vec<(String, String)>) -> Review {
        let mut accepted = BTreeMap::new();
        for (file, b) in files {
            for e in &b.findings {
                let this = match e.reason.as_deref().map(str::trim) {
                    Some(r) if !r.is_empty() => Acceptance::Acknowledged {
                        file: file.clone(),
                        reason: r.to_string(),
                    },
                    _ => Acceptance::Baseline { file: file.clone() },
                };
                let replace = match accepted.get(&e.id) {
                    None => true,
                    Some(Acceptance::Baseline { .. }) => {
                        matches!(this, Acceptance::Acknowledged { .. })
                    }
                    Some(Acceptance::Acknowledged { .. }) => false,
                };
                if replace {
                    accepted.insert(e.id.clone(), this);
                }
            }
        }
        Review { accepted, stale }
    }

    /// The state name of finding `id`: `new`, `baseline` or `acknowledged`.
    pub fn state(&self, id: &str) -> &'static str {
        match self.accepted.get(id) {
            None => "new",
            Some(Acceptance::Baseline { .. }) => "baseline",
            Some(Acceptance::Acknowledged { .. }) => "acknowledged",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::Entry;

    fn file(ids: &[(&str, Option<&str>)]) -> Baseline {
        Baseline {
            schema: crate::baseline::SCHEMA.into(),
            findings: ids
                .iter()
                .map(|(id, reason)| Entry {
                    id: id.to_string(),
                    reason: reason.map(str::to_string),
                    ..Entry::default()
                })
                .collect(),
        }
    }

    #[test]
    fn an_acknowledgement_wins_over_a_baseline_and_others_are_new() {
        let r = Review::new(
            &[
                ("base.toml".into(), file(&[("F1", None), ("F2", None)])),
                (
                    "ack.toml".into(),
                    file(&[("F2", Some("checked by the desk"))]),
                ),
            ],
            Vec::new(),
        );
        assert_eq!(r.state("F1"), "baseline");
        assert_eq!(r.state("F2"), "acknowledged");
        assert_eq!(r.state("F3"), "new");
        assert_eq!(
            r.accepted.get("F2"),
            Some(&Acceptance::Acknowledged {
                file: "ack.toml".into(),
                reason: "checked by the desk".into()
            })
        );
    }
}
