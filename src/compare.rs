//! Claims → [`Finding`]s. Claims of one kind, subject, scope and modality form a group (increments
//! never join one); when documents name their event, only claims of the same event (or of documents
//! naming none) are compared. Within a group, claims whose as-of dates fall within the kind's window form
//! a time slice; a slice splits into agreement sets (claims whose hard intervals share a point), and
//! two sets held by different documents make a `conflict` (or `disputed` when the sets come from
//! different parties). One agreement set whose soft intervals split is a `tension`. Across slices, a
//! non-decreasing tally that falls beyond tolerance is a `regression`; other changes are `evolution`.
//! Every step sorts or sweeps, so the cost is O(n log n) in the number of claims.

use crate::model::{stable_hash, AgreementSet, Claim, Document, Finding, Modality, Verdict};
use crate::rules::{RuleSet, Trend};
use crate::time::Date;
use std::collections::{BTreeMap, BTreeSet};

/// A claim prepared for comparison.
#[derive(Debug, Clone)]
struct Item<'a> {
    claim: &'a Claim,
    lo: f64,
    hi: f64,
    soft_lo: f64,
    soft_hi: f64,
    date: Option<Date>,
}

impl<'a> Item<'a> {
    fn new(claim: &'a Claim) -> Item<'a> {
        let (lo, hi) = claim.quantity.hard();
        let (soft_lo, soft_hi) = claim.quantity.soft();
        Item {
            claim,
            lo,
            hi,
            soft_lo: soft_lo.max(lo),
            soft_hi: soft_hi.min(hi),
            date: claim.as_of,
        }
    }
}

type GroupKey<'a> = (&'a str, &'a str, Option<&'a str>, Modality);

/// Compares all claims; `docs` gives each claim's document (for events and outlets).
pub fn compare_claims(docs: &[Document], claims: &[Claim], rules: &RuleSet) -> Vec<Finding> {
    let event_of: BTreeMap<&str, Option<&str>> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.event.as_deref()))
        .collect();
    let mut groups: BTreeMap<GroupKey, Vec<Item>> = BTreeMap::new();
    for c in claims {
        if c.quantity.delta {
            continue;
        }
        groups
            .entry((
                c.kind.as_str(),
                c.subject.as_str(),
                c.scope.as_deref(),
                c.modality,
            ))
            .or_default()
            .push(Item::new(c));
    }
    let mut findings = BTreeMap::new();
    for ((kind, _, _, _), items) in &groups {
        let (tolerance, window, trend) = rules
            .kind(kind)
            .map(|k| (k.tolerance, k.window_days, k.trend))
            .unwrap_or((0.05, 2, Trend::None));
        let events: BTreeSet<&str> = items
            .iter()
            .filter_map(|i| event_of.get(i.claim.doc.as_str()).copied().flatten())
            .collect();
        let partitions: Vec<Vec<Item>> = if events.is_empty() {
            vec![items.clone()]
        } else {
            events
                .iter()
                .map(|e| {
                    items
                        .iter()
                        .filter(|i| {
                            let ev = event_of.get(i.claim.doc.as_str()).copied().flatten();
                            ev.is_none() || ev == Some(*e)
                        })
                        .cloned()
                        .collect()
                })
                .collect()
        };
        for part in partitions {
            for f in analyse_group(part, tolerance, window, trend) {
                findings.entry(f.id.clone()).or_insert(f);
            }
        }
    }
    let mut out: Vec<Finding> = findings.into_values().collect();
    sort_findings(&mut out);
    out
}

/// Sorts findings for reports: most severe first, then kind, subject and id.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.verdict.cmp(&b.verdict))
            .then_with(|| a.id.cmp(&b.id))
    });
}

fn analyse_group(mut items: Vec<Item>, tolerance: f64, window: i64, trend: Trend) -> Vec<Finding> {
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.claim.doc.cmp(&b.claim.doc))
            .then_with(|| a.claim.span.start.cmp(&b.claim.span.start))
    });
    let (undated, dated): (Vec<Item>, Vec<Item>) =
        items.into_iter().partition(|i| i.date.is_none());
    let mut slices: Vec<Vec<Item>> = Vec::new();
    for item in dated {
        let start_new = match slices.last().and_then(|s| s.first()).and_then(|f| f.date) {
            Some(first) => item.date.is_some_and(|d| first.days_until(d) > window),
            None => true,
        };
        if start_new {
            slices.push(Vec::new());
        }
        if let Some(last) = slices.last_mut() {
            last.push(item);
        }
    }
    let mut out = Vec::new();
    let simultaneous: Vec<Vec<Item>> = if slices.is_empty() {
        vec![undated.clone()]
    } else {
        slices
            .iter()
            .map(|s| s.iter().chain(undated.iter()).cloned().collect())
            .collect()
    };
    for members in simultaneous {
        if let Some(f) = same_time_finding(&members, trend) {
            out.push(f);
        }
    }
    out.extend(trend_findings(&slices, tolerance, trend));
    out
}

fn doc_count(items: &[Item]) -> usize {
    items
        .iter()
        .map(|i| i.claim.doc.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Agreement sets by stabbing: sort by upper bound, start a set at the first upper bound that an
/// interval's lower bound exceeds.
fn agreement_sets<'a>(items: &[Item<'a>], soft: bool) -> Vec<Vec<Item<'a>>> {
    let bounds = |i: &Item| {
        if soft {
            (i.soft_lo, i.soft_hi)
        } else {
            (i.lo, i.hi)
        }
    };
    let mut sorted: Vec<Item> = items.to_vec();
    sorted.sort_by(|a, b| {
        let (alo, ahi) = bounds(a);
        let (blo, bhi) = bounds(b);
        ahi.total_cmp(&bhi)
            .then(alo.total_cmp(&blo))
            .then_with(|| a.claim.id.cmp(&b.claim.id))
    });
    let mut sets: Vec<(f64, Vec<Item>)> = Vec::new();
    for item in sorted {
        let (lo, hi) = bounds(&item);
        match sets
            .iter_mut()
            .find(|(point, _)| lo <= *point && *point <= hi)
        {
            Some((_, set)) => set.push(item),
            None => sets.push((hi, vec![item])),
        }
    }
    sets.into_iter().map(|(_, s)| s).collect()
}

/// True when at least two sets each hold a document that no other set holds: a disagreement between
/// sources, not within one document.
fn sources_disagree(sets: &[Vec<Item>]) -> bool {
    let docs: Vec<BTreeSet<&str>> = sets
        .iter()
        .map(|s| s.iter().map(|i| i.claim.doc.as_str()).collect())
        .collect();
    let exclusive = (0..docs.len())
        .filter(|&k| {
            docs[k].iter().any(|d| {
                docs.iter()
                    .enumerate()
                    .all(|(j, o)| j == k || !o.contains(d))
            })
        })
        .count();
    exclusive >= 2
}

fn same_time_finding(members: &[Item], trend: Trend) -> Option<Finding> {
    if doc_count(members) < 2 {
        return None;
    }
    let sets = agreement_sets(members, false);
    if sets.len() > 1 {
        if !sources_disagree(&sets) {
            return None;
        }
        if follows_trend(&sets, trend) {
            return Some(build_finding(Verdict::Evolution, &sets));
        }
        let verdict = if parties_differ(&sets) {
            Verdict::Disputed
        } else {
            Verdict::Conflict
        };
        return Some(build_finding(verdict, &sets));
    }
    let soft_sets = agreement_sets(members, true);
    if soft_sets.len() > 1 && sources_disagree(&soft_sets) {
        if follows_trend(&soft_sets, trend) {
            return Some(build_finding(Verdict::Evolution, &soft_sets));
        }
        return Some(build_finding(Verdict::Tension, &soft_sets));
    }
    None
}

/// True when the sets, in order of value, are also in strict order of date as the trend wants (a toll
/// of 24 on one day and 100 the next): the disagreement is the tally moving, not the sources.
fn follows_trend(sets: &[Vec<Item>], trend: Trend) -> bool {
    let dates = |s: &Vec<Item>| -> Option<(Date, Date)> {
        let ds: Vec<Date> = s.iter().map(|i| i.date).collect::<Option<Vec<_>>>()?;
        Some((*ds.iter().min()?, *ds.iter().max()?))
    };
    // Agreement sets come sorted by their upper bounds, so by value.
    let spans: Option<Vec<(Date, Date)>> = sets.iter().map(dates).collect();
    let Some(spans) = spans else { return false };
    spans.windows(2).all(|w| match trend {
        Trend::NonDecreasing => w[0].1 < w[1].0,
        Trend::NonIncreasing => w[0].0 > w[1].1,
        Trend::None => false,
    })
}

/// The party of the news media: outlets relay figures, they are not a side of a dispute.
const MEDIA_PARTY: &str = "media";

/// Every set has a known party (other than the media) and no party is in two sets.
fn parties_differ(sets: &[Vec<Item>]) -> bool {
    let parties: Vec<BTreeSet<&str>> = sets
        .iter()
        .map(|s| {
            s.iter()
                .filter_map(|i| i.claim.attribution.party.as_deref())
                .filter(|p| *p != MEDIA_PARTY)
                .collect()
        })
        .collect();
    if parties.iter().any(BTreeSet::is_empty) {
        return false;
    }
    for (a, pa) in parties.iter().enumerate() {
        for pb in parties.iter().skip(a + 1) {
            if !pa.is_disjoint(pb) {
                return false;
            }
        }
    }
    true
}

fn trend_findings(slices: &[Vec<Item>], tolerance: f64, trend: Trend) -> Vec<Finding> {
    let mut out = Vec::new();
    if slices.len() < 2 {
        return out;
    }
    let mut regressed = false;
    for pair in slices.windows(2) {
        let (earlier, later) = (&pair[0], &pair[1]);
        let both: Vec<Item> = earlier.iter().chain(later.iter()).cloned().collect();
        if doc_count(&both) < 2 {
            continue;
        }
        let earlier_lo = earlier.iter().map(|i| i.lo).fold(f64::INFINITY, f64::min);
        let earlier_hi = earlier
            .iter()
            .map(|i| i.hi)
            .fold(f64::NEG_INFINITY, f64::max);
        let later_lo = later.iter().map(|i| i.lo).fold(f64::INFINITY, f64::min);
        let later_hi = later.iter().map(|i| i.hi).fold(f64::NEG_INFINITY, f64::max);
        let fell = later_hi < earlier_lo * (1.0 - tolerance);
        let rose = later_lo > earlier_hi * (1.0 + tolerance);
        let is_regression = match trend {
            Trend::NonDecreasing => fell,
            Trend::NonIncreasing => rose,
            Trend::None => false,
        };
        if is_regression {
            regressed = true;
            let sets = vec![earlier.clone(), later.clone()];
            out.push(build_finding(Verdict::Regression, &sets));
        }
    }
    if !regressed {
        let all: Vec<Item> = slices.iter().flatten().cloned().collect();
        let bests: BTreeSet<u64> = all
            .iter()
            .filter_map(|i| i.claim.quantity.best().map(f64::to_bits))
            .collect();
        if doc_count(&all) >= 2 && bests.len() > 1 {
            out.push(build_finding(Verdict::Evolution, slices));
        }
    }
    out
}

fn set_summary(set: &[Item]) -> AgreementSet {
    let low = set.iter().map(|i| i.lo).fold(f64::NEG_INFINITY, f64::max);
    let high = set.iter().map(|i| i.hi).fold(f64::INFINITY, f64::min);
    let mut bests: Vec<f64> = set.iter().filter_map(|i| i.claim.quantity.best()).collect();
    bests.sort_by(f64::total_cmp);
    let best = bests.get(bests.len() / 2).copied();
    let finite = |v: f64| v.is_finite().then_some(v);
    AgreementSet {
        claims: set.iter().map(|i| i.claim.id.clone()).collect(),
        low: finite(low),
        best,
        high: finite(high),
        as_of: set.iter().filter_map(|i| i.date).min(),
    }
}

fn build_finding(verdict: Verdict, sets: &[Vec<Item>]) -> Finding {
    let first = &sets[0][0].claim;
    let mut all: Vec<&Item> = sets.iter().flatten().collect();
    all.sort_by(|a, b| a.claim.id.cmp(&b.claim.id));
    all.dedup_by(|a, b| a.claim.id == b.claim.id);
    let mut id_parts: Vec<String> = all
        .iter()
        .map(|i| format!("{}|{}", i.claim.doc, i.claim.quantity.text))
        .collect();
    id_parts.sort();
    let mut parts: Vec<&str> = vec![
        verdict.as_str(),
        &first.kind,
        &first.subject,
        first.scope.as_deref().unwrap_or(""),
    ];
    parts.extend(id_parts.iter().map(String::as_str));
    let undated = all.iter().any(|i| i.date.is_none());
    let severity = if undated {
        verdict.severity().lowered()
    } else {
        verdict.severity()
    };
    let summaries: Vec<AgreementSet> = sets.iter().map(|s| set_summary(s)).collect();
    let claims: Vec<String> = sets.iter().flatten().map(|i| i.claim.id.clone()).collect();
    let mut seen = BTreeSet::new();
    let claims: Vec<String> = claims
        .into_iter()
        .filter(|c| seen.insert(c.clone()))
        .collect();
    Finding {
        id: format!("F{}", stable_hash(&parts)),
        verdict,
        severity,
        kind: first.kind.clone(),
        subject: first.subject.clone(),
        scope: first.scope.clone(),
        claims,
        quotes: Vec::new(),
        undated,
        summary: summary_line(verdict, sets),
        sets: summaries,
    }
}

/// Formats a figure for people: thousands separators, at most one decimal.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let rounded = (v * 10.0).round() / 10.0;
    let int = rounded.trunc().abs() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = ((rounded.abs() - int as f64) * 10.0).round() as u64;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac > 0 {
        format!("{sign}{grouped}.{frac}")
    } else {
        format!("{sign}{grouped}")
    }
}

fn summary_line(verdict: Verdict, sets: &[Vec<Item>]) -> String {
    let describe = |set: &Vec<Item>| -> String {
        let mut texts: Vec<String> = set
            .iter()
            .map(|i| format!("“{}” ({})", i.claim.quantity.text, i.claim.doc))
            .collect();
        texts.dedup();
        let date = set
            .iter()
            .filter_map(|i| i.date)
            .min()
            .map(|d| format!(" as of {d}"))
            .unwrap_or_default();
        format!("{}{}", texts.join(", "), date)
    };
    let first = &sets[0][0].claim;
    let head = format!("{} {}", first.kind, first.subject);
    let scope = first
        .scope
        .as_ref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    let joined: Vec<String> = sets.iter().map(describe).collect();
    let connector = match verdict {
        Verdict::Regression | Verdict::Evolution => " → ",
        _ => " vs ",
    };
    format!("{head}{scope}: {}", joined.join(connector))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Attribution, Modality, Qualifier, Quantity, QuantityClass, Span};

    fn claim(doc: &str, value: f64, date: &str, party: Option<&str>) -> Claim {
        Claim {
            id: format!("{doc}:c1"),
            doc: doc.into(),
            kind: "killed".into(),
            subject: "s".into(),
            scope: None,
            unit: "people".into(),
            modality: Modality::Reported,
            as_of: Date::parse_iso(date),
            rule: "r".into(),
            quantity: Quantity {
                start: 0,
                end: 1,
                text: format_number(value),
                class: QuantityClass::Count,
                stated: Some(value),
                qualifier: Qualifier::Exact,
                lo: Some(value),
                hi: Some(value),
                soft_lo: Some(value),
                soft_hi: Some(value),
                unit: None,
                delta: false,
            },
            attribution: Attribution {
                as_written: party.map(str::to_string),
                entity: party.map(str::to_string),
                party: party.map(str::to_string),
            },
            span: Span::default(),
            sentence: String::new(),
        }
    }

    fn verdicts(claims: &[Claim]) -> Vec<&'static str> {
        let rules = RuleSet::embedded().expect("rules");
        compare_claims(&[], claims, &rules)
            .iter()
            .map(|f| f.verdict.as_str())
            .collect()
    }

    #[test]
    fn parties_make_a_dispute_but_the_media_is_no_party() {
        let a = claim("a", 100.0, "2023-10-18", Some("gaza-authorities"));
        let b = claim("b", 500.0, "2023-10-18", Some("israel"));
        assert_eq!(verdicts(&[a.clone(), b]), vec!["disputed"]);
        let c = claim("c", 500.0, "2023-10-18", Some("media"));
        assert_eq!(verdicts(&[a, c]), vec!["conflict"]);
    }

    #[test]
    fn a_higher_figure_a_day_later_is_evolution_a_lower_one_is_conflict() {
        let early = claim("a", 24.0, "2017-04-15", None);
        let later = claim("b", 100.0, "2017-04-16", None);
        assert_eq!(verdicts(&[early, later]), vec!["evolution"]);
        let early = claim("a", 100.0, "2017-04-15", None);
        let later = claim("b", 24.0, "2017-04-16", None);
        assert_eq!(verdicts(&[early, later]), vec!["conflict"]);
    }

    #[test]
    fn the_window_edge_decides_between_conflict_and_regression() {
        // killed: window 2 days, non-decreasing. Two days apart is simultaneous: a conflict.
        let a = claim("a", 1400.0, "2023-11-01", None);
        let b = claim("b", 1200.0, "2023-11-03", None);
        assert_eq!(verdicts(&[a.clone(), b]), vec!["conflict"]);
        // Three days apart is not: the lower later figure is a regression.
        let c = claim("c", 1200.0, "2023-11-04", None);
        assert_eq!(verdicts(&[a, c]), vec!["regression"]);
    }

    #[test]
    fn one_large_group_gives_one_finding_naming_its_sets() {
        // 20,000 claims in one group: a pairwise algorithm would make 2e8 comparisons.
        let claims: Vec<Claim> = (0..20_000)
            .map(|i| {
                claim(
                    &format!("d{i}"),
                    1000.0 + f64::from(i % 7),
                    "2023-11-01",
                    None,
                )
            })
            .collect();
        let found = verdicts(&claims);
        assert_eq!(found, vec!["conflict"]);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(1_400_000.0), "1,400,000");
        assert_eq!(format_number(7300.0), "7,300");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(12.0), "12");
    }
}
