//! Phrase-table test of extraction: each row of `tests/phrase_table.toml` is one invented news sentence
//! with the claims a fact-checker would note in it. Every sentence becomes a one-line in-memory document
//! (published 2023-11-25 unless the row says otherwise), the whole table runs through
//! `pipeline::analyse` with the embedded default rules, and each document's claims are compared with its
//! row. All failing rows are reported in one message (family, text, expected, got), after per-family
//! pass counts, so that the table can be worked through as a spec.
//!
//! How a row is read (see the header of the TOML file for the full format):
//! - an expected claim (`kind` with `value`, or `lo`/`hi`, or `words`) must be found with that kind and
//!   figure, with `modality` (default `reported`) and, where given, `subject`;
//! - an `earlier = true` or `other_event = true` figure (an earlier count, another event's count; the latter may
//!   be kept with a scope `other-event-<year>`, a group of its own) must not
//!   be extracted as a `reported` claim of any kind; extracted with another modality (a marker), it is
//!   accepted;
//! - a `modality = "denied"` figure must not be extracted with any modality but `denied`; not extracting
//!   it at all is accepted;
//! - any other extracted claim is unexpected, except a rate kept apart with a `per-…` scope ("200 trucks a
//!   day"); a row with `claims = []` must yield no claim at all but such rates.
//!
//! The subject is checked only where a row gives `subject`; scope and attribution are not checked.

use factdiff::model::Claim;
use factdiff::pipeline::{self, InlineDocument, Inputs};
use factdiff::rules::RuleSet;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const TABLE: &str = include_str!("phrase_table.toml");

/// The families of the table, in report order, with the least number of rows expecting claims each
/// must have.
const FAMILIES: &[(&str, usize)] = &[
    ("tally", 15),
    ("release", 15),
    ("duration", 15),
    ("range", 15),
    ("modality", 15),
    ("earlier", 15),
    ("other-event", 15),
    ("aid", 15),
    ("population", 15),
    ("negative", 0),
];

const KINDS: &[&str] = &[
    "killed",
    "wounded",
    "displaced",
    "missing",
    "hostages.held",
    "hostages.released",
    "prisoners.released",
    "truce.duration",
    "truce.extension",
    "aid.trucks",
    "population",
];

const MODALITIES: &[&str] = &["reported", "planned", "proposed", "projected", "denied"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    family: String,
    text: String,
    claims: Vec<Expect>,
    /// `YYYY-MM-DD`; default 2023-11-25.
    #[serde(default)]
    published: Option<String>,
    /// Why the row reads as it does (for rows a reader might stop at).
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    /// A reading factdiff does not make yet, and why (ACCURACY.md lists these). Such a row must still
    /// fail: when it passes, the test says so, and the marker is to be removed.
    #[serde(default)]
    known_gap: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    kind: String,
    /// The stated figure, in the kind's unit (days for durations).
    #[serde(default)]
    value: Option<f64>,
    /// The hard interval's bounds, for ranges ("between 1,000 and 1,100").
    #[serde(default)]
    lo: Option<f64>,
    #[serde(default)]
    hi: Option<f64>,
    /// The figure as written, for vague bands ("hundreds"): the quantity's text must contain it.
    #[serde(default)]
    words: Option<String>,
    /// Default `reported`.
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    /// An earlier figure ("up from 55"): never a reported current claim.
    #[serde(default)]
    earlier: bool,
    /// Another event's figure ("a wildfire in 2018 that killed 85"): never a reported claim.
    #[serde(default)]
    other_event: bool,
}

impl Expect {
    fn modality(&self) -> &str {
        self.modality.as_deref().unwrap_or("reported")
    }

    fn is_marker_only(&self) -> bool {
        self.earlier || self.other_event
    }

    /// True when the claim's figure is this expectation's figure (kind not considered).
    fn figure_matches(&self, c: &Claim) -> bool {
        let q = &c.quantity;
        if let Some(v) = self.value {
            if !q.stated.is_some_and(|s| close(s, v)) {
                return false;
            }
        }
        if let Some(lo) = self.lo {
            if !q.lo.is_some_and(|s| close(s, lo)) {
                return false;
            }
        }
        if let Some(hi) = self.hi {
            if !q.hi.is_some_and(|s| close(s, hi)) {
                return false;
            }
        }
        if let Some(w) = &self.words {
            if !q.text.to_lowercase().contains(&w.to_lowercase()) {
                return false;
            }
        }
        true
    }

    fn describe(&self) -> String {
        let mut s = self.kind.clone();
        if let Some(v) = self.value {
            let _ = write!(s, " {}", num(v));
        }
        if self.lo.is_some() || self.hi.is_some() {
            let _ = write!(
                s,
                " [{}–{}]",
                self.lo.map(num).unwrap_or_default(),
                self.hi.map(num).unwrap_or_default()
            );
        }
        if let Some(w) = &self.words {
            let _ = write!(s, " “{w}”");
        }
        if self.earlier {
            s.push_str(" (earlier figure: not a reported claim)");
        } else if self.other_event {
            s.push_str(" (other event: not a reported claim)");
        } else if self.modality() == "denied" {
            s.push_str(" (denied, or not extracted)");
        } else {
            let _ = write!(s, " ({})", self.modality());
        }
        if let Some(subj) = &self.subject {
            let _ = write!(s, " subject {subj}");
        }
        s
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn show_claim(c: &Claim) -> String {
    let q = &c.quantity;
    let figure = match q.stated {
        Some(v) => num(v),
        None => format!(
            "[{}–{}]",
            q.lo.map(num).unwrap_or_default(),
            q.hi.map(num).unwrap_or_default()
        ),
    };
    format!(
        "{} {} ({}, {}, “{}”, rule {})",
        c.kind,
        figure,
        c.modality.as_str(),
        c.subject,
        q.text,
        c.rule
    )
}

fn load_table() -> Vec<Case> {
    let table: Table = toml::from_str(TABLE).expect("tests/phrase_table.toml parses");
    table.case
}

/// The table itself is well formed: known families, kinds and modalities, figures given, enough rows.
#[test]
fn phrase_table_is_well_formed() {
    let cases = load_table();
    let mut problems = Vec::new();
    let mut positives: BTreeMap<&str, usize> = BTreeMap::new();
    let mut negatives = 0;
    let mut seen = std::collections::HashSet::new();
    for c in &cases {
        if !FAMILIES.iter().any(|(f, _)| *f == c.family) {
            problems.push(format!("unknown family {:?}: {}", c.family, c.text));
        }
        if !seen.insert(c.text.as_str()) {
            problems.push(format!("duplicate text: {}", c.text));
        }
        if c.text.contains('\n') {
            problems.push(format!("text holds a line break: {}", c.text));
        }
        if c.claims.is_empty() {
            negatives += 1;
        } else {
            *positives.entry(c.family.as_str()).or_default() += 1;
        }
        if c.family == "negative" && !c.claims.is_empty() {
            problems.push(format!("negative row with claims: {}", c.text));
        }
        for e in &c.claims {
            if !KINDS.contains(&e.kind.as_str()) {
                problems.push(format!("unknown kind {:?}: {}", e.kind, c.text));
            }
            if !MODALITIES.contains(&e.modality()) {
                problems.push(format!("unknown modality {:?}: {}", e.modality(), c.text));
            }
            if e.value.is_none() && e.lo.is_none() && e.hi.is_none() && e.words.is_none() {
                problems.push(format!("claim without a figure: {}", c.text));
            }
            if let Some(w) = &e.words {
                if !c.text.to_lowercase().contains(&w.to_lowercase()) {
                    problems.push(format!("words {w:?} not in the text: {}", c.text));
                }
            }
            if e.earlier && e.other_event {
                problems.push(format!("both earlier and other_event: {}", c.text));
            }
        }
        if let Some(p) = &c.published {
            if p.len() != 10 {
                problems.push(format!("published {p:?} is not YYYY-MM-DD: {}", c.text));
            }
        }
    }
    for (family, least) in FAMILIES {
        let n = positives.get(family).copied().unwrap_or(0);
        if n < *least {
            problems.push(format!(
                "family {family}: {n} rows with claims, want at least {least}"
            ));
        }
    }
    if negatives < 40 {
        problems.push(format!("{negatives} negative rows, want at least 40"));
    }
    if cases.len() < 230 {
        problems.push(format!("{} rows, want at least 230", cases.len()));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Runs extraction over every row and reports every row whose claims differ from the table.
#[test]
fn phrase_table_extraction() {
    let cases = load_table();
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let inline: Vec<InlineDocument> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let stem = format!("row-{:03}", i + 1);
            let published = c.published.as_deref().unwrap_or("2023-11-25");
            InlineDocument {
                name: format!("{stem}.txt"),
                stem: stem.clone(),
                bytes: format!(
                    "+++\nid = \"{stem}\"\npublished = {published}\n+++\n{}\n",
                    c.text
                )
                .into_bytes(),
            }
        })
        .collect();
    let analysis = pipeline::analyse(
        &Inputs {
            inline,
            ..Inputs::default()
        },
        &rules,
    );
    assert!(
        analysis.errors.is_empty(),
        "documents failed to load: {:?}",
        analysis.errors
    );
    let mut by_doc: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in &analysis.claims {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }

    let mut passed: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut known_gaps = 0;
    let mut failures: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        let stem = format!("row-{:03}", i + 1);
        let got: Vec<&Claim> = by_doc.get(stem.as_str()).cloned().unwrap_or_default();
        let problems = check_row(case, &got);
        let entry = passed.entry(case.family.as_str()).or_default();
        entry.1 += 1;
        if let Some(gap) = &case.known_gap {
            if problems.is_empty() {
                failures.entry(case.family.as_str()).or_default().push(format!(
                    "  [{} {stem}] {}\n      marked as a known gap ({gap}) but passes now: remove `known_gap`",
                    case.family, case.text
                ));
            } else {
                known_gaps += 1;
            }
        } else if problems.is_empty() {
            entry.0 += 1;
        } else {
            let got_text = if got.is_empty() {
                "nothing".to_string()
            } else {
                got.iter()
                    .map(|c| show_claim(c))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let expected = if case.claims.is_empty() {
                "no claim".to_string()
            } else {
                case.claims
                    .iter()
                    .map(Expect::describe)
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            failures.entry(case.family.as_str()).or_default().push(format!(
                "  [{} {stem}] {}\n      expected: {expected}\n      got:      {got_text}\n      why:      {}",
                case.family,
                case.text,
                problems.join(" / ")
            ));
        }
    }

    let mut summary = String::from("phrase table, rows passing per family:\n");
    let (mut all_pass, mut all) = (0, 0);
    for (family, _) in FAMILIES {
        if let Some((p, n)) = passed.get(family) {
            let _ = writeln!(summary, "  {family:<12} {p:>3}/{n}");
            all_pass += p;
            all += n;
        }
    }
    let _ = writeln!(summary, "  {:<12} {all_pass:>3}/{all}", "total");
    let _ = writeln!(
        summary,
        "  known gaps (rows that must still fail): {known_gaps}"
    );
    eprintln!("{summary}");

    if !failures.is_empty() {
        let mut msg = summary;
        let _ = writeln!(
            msg,
            "\n{} failing rows:",
            failures.values().map(Vec::len).sum::<usize>()
        );
        for (family, _) in FAMILIES {
            if let Some(rows) = failures.get(family) {
                let _ = writeln!(msg, "\n== {family} ({} failing)", rows.len());
                for r in rows {
                    let _ = writeln!(msg, "{r}");
                }
            }
        }
        panic!("{msg}");
    }
}

/// The problems of one row: expected claims not found (or found with another modality or subject),
/// earlier / other-event / denied figures extracted as current claims, and unexpected claims.
fn check_row(case: &Case, got: &[&Claim]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut accounted = vec![false; got.len()];
    for e in &case.claims {
        if e.is_marker_only() {
            for (j, c) in got.iter().enumerate() {
                if e.figure_matches(c) {
                    // Another event's figure may be kept in a group of its own (scope
                    // `other-event-<year>`), never in this event's comparison.
                    let own_group = e.other_event
                        && c.scope
                            .as_deref()
                            .is_some_and(|s| s.starts_with("other-event"));
                    if c.modality.as_str() == "reported" && !own_group {
                        problems.push(format!(
                            "{} extracted as a reported {} claim",
                            if e.earlier {
                                "earlier figure"
                            } else {
                                "other event's figure"
                            },
                            c.kind
                        ));
                    }
                    accounted[j] = true;
                }
            }
        } else if e.modality() == "denied" {
            for (j, c) in got.iter().enumerate() {
                if c.kind == e.kind && e.figure_matches(c) {
                    if c.modality.as_str() != "denied" {
                        problems.push(format!(
                            "denied figure extracted as {} {}",
                            c.modality.as_str(),
                            c.kind
                        ));
                    }
                    accounted[j] = true;
                }
            }
        } else {
            let candidates: Vec<usize> = (0..got.len())
                .filter(|&j| got[j].kind == e.kind && e.figure_matches(got[j]))
                .collect();
            let full = candidates.iter().copied().find(|&j| {
                got[j].modality.as_str() == e.modality()
                    && e.subject.as_deref().is_none_or(|s| got[j].subject == s)
            });
            match full {
                Some(j) => accounted[j] = true,
                None if candidates.is_empty() => {
                    problems.push(format!("missing {}", e.describe()));
                }
                None => {
                    let c = got[candidates[0]];
                    problems.push(format!(
                        "{} {} found as {} / {}, want {} / {}",
                        e.kind,
                        e.value.map(num).unwrap_or_else(|| "figure".into()),
                        c.modality.as_str(),
                        c.subject,
                        e.modality(),
                        e.subject.as_deref().unwrap_or("any subject")
                    ));
                    for j in candidates {
                        accounted[j] = true;
                    }
                }
            }
        }
    }
    for (j, c) in got.iter().enumerate() {
        // A rate ("200 trucks a day") is kept in a group of its own (scope `per-day`, …), never
        // compared with a count: it is not an unexpected count.
        let rate = c.scope.as_deref().is_some_and(|s| s.starts_with("per-"));
        if !accounted[j] && !rate {
            problems.push(format!("unexpected {}", show_claim(c)));
        }
    }
    problems
}
