//! The timeline charts of the HTML report: for every kind and subject whose reported figures fall on
//! more than one date, the existing SVG chart ([`crate::timeline::render_svg`]) inline, each in a
//! collapsible block that the findings of that kind and subject link to.

use super::escape::text;
use crate::pipeline::Analysis;
use crate::report::table::sanitize;
use crate::timeline::TimelineSeries;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The series worth a chart, in kind then subject order: those with figures on two dates or more.
pub fn charted(a: &Analysis) -> Vec<TimelineSeries> {
    let kinds: BTreeSet<&str> = a.claims.iter().map(|c| c.kind.as_str()).collect();
    kinds
        .into_iter()
        .flat_map(|kind| crate::timeline_build::series(a, kind, None))
        .filter(|s| {
            let dates: BTreeSet<_> = s.points.iter().filter_map(|p| p.date).collect();
            dates.len() > 1
        })
        .map(sanitized)
        .collect()
}

/// The element id of the chart of series number `n`.
pub fn chart_id(n: usize) -> String {
    format!("timeline-{}", n + 1)
}

/// The chart id for each (kind, subject, place) of `series`.
pub fn ids(series: &[TimelineSeries]) -> BTreeMap<(String, String, Option<String>), String> {
    series
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let key = (s.kind.clone(), s.subject.clone(), s.place.clone());
            (key, chart_id(n))
        })
        .collect()
}

/// The section holding every chart (empty when there is none).
pub fn section(series: &[TimelineSeries]) -> String {
    if series.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section id=\"timelines\"><h2>Timelines <span class=\"count\">figures of one kind and subject on more than one date</span></h2>\n",
    );
    for (n, s) in series.iter().enumerate() {
        let dates: BTreeSet<_> = s.points.iter().filter_map(|p| p.date).collect();
        let outlets: BTreeSet<&str> = s.points.iter().map(|p| p.outlet.as_str()).collect();
        let _ = writeln!(
            out,
            "<details class=\"timeline\" id=\"{id}\" data-kind=\"{kind}\" data-subject=\"{subject}\">\
             <summary><span class=\"tl-kind\">{kind}</span> · <span class=\"tl-subject\">{subject}</span> \
             <span class=\"count\">{dates} dates · {figures} figures · {outlets} outlets</span></summary>\n\
             <div class=\"chart\">{svg}</div></details>",
            id = chart_id(n),
            kind = text(&s.kind),
            subject = text(&s.subject_label()),
            dates = dates.len(),
            figures = s.points.len(),
            outlets = outlets.len(),
            svg = crate::timeline::render_svg(std::slice::from_ref(s)),
        );
    }
    out.push_str("</section>\n");
    out
}

/// The series with every piece of article text stripped of control characters and line breaks (the
/// SVG renderer escapes markup but keeps line breaks, which have no place in a one-line label).
fn sanitized(mut s: TimelineSeries) -> TimelineSeries {
    s.kind = sanitize(&s.kind);
    s.subject = sanitize(&s.subject);
    s.place = s.place.as_deref().map(sanitize);
    s.unit = sanitize(&s.unit);
    for p in &mut s.points {
        p.outlet = sanitize(&p.outlet);
        p.text = sanitize(&p.text);
        p.doc = sanitize(&p.doc);
        p.party = p.party.as_deref().map(sanitize);
    }
    s
}
