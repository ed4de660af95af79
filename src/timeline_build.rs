//! Claims → timeline series for `factdiff timeline`: one series per subject of a kind, holding each
//! source's reported figures (plans, proposals and increments are not tallies and are left out), and
//! their renderings as a table and as JSON. The SVG chart is [`crate::timeline::render_svg`].

use crate::compare::format_number;
use crate::pipeline::Analysis;
use crate::report::table::sanitize;
use crate::timeline::{days, sorted_points, TimelinePoint, TimelineSeries};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde_json::json;
use std::collections::BTreeMap;

/// The series of `kind`, one per subject and place (only `subject` when given), in subject order.
pub fn series(a: &Analysis, kind: &str, subject: Option<&str>) -> Vec<TimelineSeries> {
    let outlets: BTreeMap<&str, &str> = a
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.outlet.as_deref().unwrap_or("")))
        .collect();
    let mut by_subject: BTreeMap<(String, Option<String>), TimelineSeries> = BTreeMap::new();
    for c in &a.claims {
        if c.kind != kind
            || c.modality != crate::model::Modality::Reported
            || c.quantity.delta
            || c.scope.is_some()
            || subject.is_some_and(|s| s != c.subject)
        {
            continue;
        }
        let series = by_subject
            .entry((c.subject.clone(), c.place.clone()))
            .or_insert_with(|| TimelineSeries {
                kind: kind.to_string(),
                subject: c.subject.clone(),
                place: c.place.clone(),
                unit: c.unit.clone(),
                points: Vec::new(),
            });
        series.points.push(TimelinePoint {
            doc: c.doc.clone(),
            outlet: outlets
                .get(c.doc.as_str())
                .copied()
                .unwrap_or("")
                .to_string(),
            date: c.as_of,
            text: c.quantity.text.clone(),
            lo: c.quantity.lo,
            best: whole_for_counts(c.quantity.best(), c.quantity.class),
            hi: c.quantity.hi,
            claim: c.id.clone(),
            party: c
                .attribution
                .party
                .clone()
                .filter(|p| p != crate::compare::MEDIA_PARTY),
        });
    }
    by_subject.into_values().collect()
}

/// A count's best figure as a whole number: the middle of "between 50 and 75" is 62 people, not 62.5
/// (rounded down, so it stays within the interval's whole bounds). Durations keep their fraction.
fn whole_for_counts(best: Option<f64>, class: crate::model::QuantityClass) -> Option<f64> {
    match class {
        crate::model::QuantityClass::Count => best.map(f64::floor),
        _ => best,
    }
}

fn figure(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_else(|| "…".into())
}

/// One table per subject: each figure in date order, then the low/best/high of each date and party.
pub fn render_table(series: &[TimelineSeries]) -> String {
    let mut out = String::new();
    for s in series {
        out.push_str(&format!(
            "{} · {} ({})\n",
            s.kind,
            sanitize(&s.subject_label()),
            s.unit
        ));
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(100)
            .set_header(vec![
                "as of",
                "outlet",
                "figure as written",
                "low",
                "best",
                "high",
                "claim",
            ]);
        for p in sorted_points(s) {
            t.add_row(vec![
                p.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into()),
                sanitize(if p.outlet.is_empty() {
                    &p.doc
                } else {
                    &p.outlet
                }),
                sanitize(&p.text),
                figure(p.lo),
                figure(p.best),
                figure(p.hi),
                p.claim.clone(),
            ]);
        }
        out.push_str(&format!("{t}\n"));
        let mut d = Table::new();
        d.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(100)
            .set_header(vec!["as of", "party", "low", "best", "high", "sources"]);
        for day in days(s) {
            d.add_row(vec![
                day.date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into()),
                sanitize(day.party.as_deref().unwrap_or("—")),
                figure(day.low),
                figure(day.best),
                figure(day.high),
                sanitize(&day.sources.join(", ")),
            ]);
        }
        out.push_str(&format!("{d}\n\n"));
    }
    if series.is_empty() {
        out.push_str("no reported figures of this kind\n");
    }
    out
}

/// The series as JSON: `{"schema": "factdiff/v1", "timeline": [{kind, subject, place, unit, points,
/// days}]}`;
/// each point and day names its `party` (`null` when none).
pub fn render_json(series: &[TimelineSeries]) -> String {
    use crate::report::json::number;
    let list: Vec<_> = series
        .iter()
        .map(|s| {
            json!({
                "kind": s.kind,
                "subject": s.subject,
                "place": s.place,
                "unit": s.unit,
                "points": sorted_points(s).iter().map(|p| json!({
                    "claim": p.claim, "doc": p.doc, "outlet": p.outlet,
                    "as_of": p.date.map(|d| d.to_string()), "text": p.text,
                    "lo": number(p.lo), "best": number(p.best), "hi": number(p.hi),
                    "party": p.party,
                })).collect::<Vec<_>>(),
                "days": days(s).iter().map(|d| json!({
                    "as_of": d.date.map(|d| d.to_string()),
                    "party": d.party,
                    "low": number(d.low), "best": number(d.best), "high": number(d.high),
                    "sources": d.sources,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(
        &json!({"schema": crate::report::json::SCHEMA, "timeline": list}),
    )
    .unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{analyse, Inputs};
    use crate::rules::RuleSet;

    #[test]
    fn a_count_range_gives_a_whole_best_figure() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = "+++\noutlet = \"A\"\npublished = 2023-10-18\n+++\nStrikes\n\nBetween 50 and 75 people were killed in Gaza, the wire said.\n";
        std::fs::write(dir.path().join("a.txt"), text).expect("write");
        let inputs = Inputs {
            paths: vec![dir.path().to_path_buf()],
            ..Inputs::default()
        };
        let a = analyse(&inputs, &RuleSet::embedded().expect("rules"));
        let s = series(&a, "killed", None);
        assert_eq!(s.len(), 1, "{:#?}", a.claims);
        assert_eq!(s[0].points[0].best, Some(62.0));
        assert_eq!(days(&s[0])[0].best, Some(62.0));
    }
}
