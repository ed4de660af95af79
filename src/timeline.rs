//! Timelines of one figure across sources: per-date aggregates for tables ([`days`]) and a standalone SVG
//! chart ([`render_svg`]).
//!
//! Boundary: pure functions from plain [`TimelineSeries`] values (built by the caller from claims) to
//! data or text. No I/O, no knowledge of rules or verdicts, and no randomness or hashing of unordered
//! maps: the same input gives the same bytes. Ordering everywhere is by date (undated last), then outlet,
//! then document, then claim.

use crate::time::Date;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One figure of a series: who gave it, when, and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePoint {
    /// The document id.
    pub doc: String,
    /// The outlet that published the document (empty when unknown; the document id stands in).
    pub outlet: String,
    /// The date the figure refers to (the claim's as-of date); `None` when undated.
    pub date: Option<Date>,
    /// The figure as written ("more than 11,078").
    pub text: String,
    /// Lower bound of the hard interval; `None` when open or unknown.
    pub lo: Option<f64>,
    /// The single best value.
    pub best: Option<f64>,
    /// Upper bound of the hard interval; `None` when open ("more than 200") or unknown.
    pub hi: Option<f64>,
    /// The claim id.
    pub claim: String,
    /// The party the figure is attributed to (`israel`, `gaza-authorities`); `None` when unattributed
    /// or given by the media. Figures of different parties are summed up apart, never averaged.
    pub party: Option<String>,
}

/// All the figures of one kind about one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineSeries {
    /// The claim kind (`killed`).
    pub kind: String,
    /// The subject (`gaza-palestinians`).
    pub subject: String,
    /// The place the figures are counted for (`turkey`), when the subject's claims have one: Turkey's
    /// toll and Syria's are two series.
    pub place: Option<String>,
    /// The unit of the figures (`people`).
    pub unit: String,
    /// The figures, in any order.
    pub points: Vec<TimelinePoint>,
}

impl TimelineSeries {
    /// The subject as headings show it: `earthquake in turkey`, or the subject alone.
    pub fn subject_label(&self) -> String {
        match &self.place {
            Some(p) => format!("{} in {p}", self.subject),
            None => self.subject.clone(),
        }
    }
}

/// Per date and party: the low/best/high across sources (the IBC way): the lowest figure any source
/// allows, the median of the sources' best figures (a figure a source gave), the highest figure any
/// source allows, and the sources. The figures of different parties on one date are separate rows,
/// side by side, never averaged together.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineDay {
    /// The date; `None` gathers the undated figures (listed last).
    pub date: Option<Date>,
    /// The party whose figures these are; `None` for unattributed figures and the media's (listed
    /// first on each date).
    pub party: Option<String>,
    /// The smallest lower bound (a point without one counts with its best value, else its upper bound).
    pub low: Option<f64>,
    /// The lower median of the points' best values: for an even count the lower of the two middle
    /// ones, so that the best figure is always one a source gave (335, never 335.5), and
    /// low ≤ best ≤ high.
    pub best: Option<f64>,
    /// The largest upper bound (a point without one counts with its best value); `None` when some
    /// source gives an open upper bound ("more than 200") or no figure is known.
    pub high: Option<f64>,
    /// The distinct outlets (or document ids, for points without an outlet), sorted.
    pub sources: Vec<String>,
}

/// A finite value, or `None` (NaN and infinities are treated as unknown).
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// Dates in order with `None` (undated) last.
fn date_order(a: Option<Date>, b: Option<Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compares optional floats totally (`None` first).
fn value_order(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    }
}

/// The order of points everywhere: date (undated last), party (none first), outlet, document, claim,
/// then the remaining fields so that the order is total.
pub fn point_order(a: &TimelinePoint, b: &TimelinePoint) -> Ordering {
    date_order(a.date, b.date)
        .then_with(|| a.party.cmp(&b.party))
        .then_with(|| a.outlet.cmp(&b.outlet))
        .then_with(|| a.doc.cmp(&b.doc))
        .then_with(|| a.claim.cmp(&b.claim))
        .then_with(|| a.text.cmp(&b.text))
        .then_with(|| value_order(a.best, b.best))
        .then_with(|| value_order(a.lo, b.lo))
        .then_with(|| value_order(a.hi, b.hi))
}

/// The points of a series in [`point_order`].
pub fn sorted_points(series: &TimelineSeries) -> Vec<&TimelinePoint> {
    let mut points: Vec<&TimelinePoint> = series.points.iter().collect();
    points.sort_by(|a, b| point_order(a, b));
    points
}

/// The name a point's source goes by: its outlet, else its document id.
fn source_name(p: &TimelinePoint) -> &str {
    if p.outlet.trim().is_empty() {
        &p.doc
    } else {
        &p.outlet
    }
}

/// The lower median of some values (`None` when there are none): the middle value, or the lower of
/// the two middle ones, so always one of the values, never a mean of two.
fn lower_median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    values.get((values.len() - 1) / 2).copied()
}

/// Per date (undated last) and party (none first): the lowest bound, the lower median best value and
/// the highest bound across the points, and their sources. Points with no finite value at all still
/// count as sources.
pub fn days(series: &TimelineSeries) -> Vec<TimelineDay> {
    let mut out: Vec<TimelineDay> = Vec::new();
    let points = sorted_points(series);
    let mut i = 0;
    while i < points.len() {
        let (date, party) = (points[i].date, &points[i].party);
        let mut j = i;
        while j < points.len() && points[j].date == date && &points[j].party == party {
            j += 1;
        }
        let group = &points[i..j];
        let mut low: Option<f64> = None;
        let mut high: Option<f64> = None;
        let mut open_high = false;
        let mut bests = Vec::new();
        for p in group {
            let (lo, best, hi) = (finite(p.lo), finite(p.best), finite(p.hi));
            if let Some(b) = best {
                bests.push(b);
            }
            if let Some(l) = lo.or(best).or(hi) {
                low = Some(low.map_or(l, |x| x.min(l)));
            }
            match (hi, lo) {
                (Some(h), _) => high = Some(high.map_or(h, |x| x.max(h))),
                (None, Some(_)) => open_high = true,
                (None, None) => {
                    if let Some(b) = best {
                        high = Some(high.map_or(b, |x| x.max(b)));
                    }
                }
            }
        }
        let mut sources: Vec<String> = group.iter().map(|p| source_name(p).to_string()).collect();
        sources.sort();
        sources.dedup();
        out.push(TimelineDay {
            date,
            party: party.clone(),
            low,
            best: lower_median(bests),
            high: if open_high { None } else { high },
            sources,
        });
        i = j;
    }
    out
}

// ─────────────────────────────────────────── SVG ───────────────────────────────────────────

/// Overall width of the chart.
const WIDTH: f64 = 880.0;
/// Height of one series' panel.
const PANEL_HEIGHT: f64 = 340.0;
/// Left edge of the plot area (room for y tick labels).
const PLOT_LEFT: f64 = 76.0;
/// Right edge of the plot area (the legend is to its right).
const PLOT_RIGHT: f64 = 680.0;
/// Top of the plot area within a panel (room for the title).
const PLOT_TOP: f64 = 44.0;
/// Bottom of the plot area within a panel (room for x tick labels).
const PLOT_BOTTOM: f64 = 286.0;
/// Width of the "undated" column at the right of the plot area, when there are undated points.
const UNDATED_WIDTH: f64 = 64.0;
/// Inner padding between the plot's edges and the outermost points.
const PAD: f64 = 14.0;
/// Values beyond this magnitude are drawn at the plot's edge and left out of the axis range.
const MAX_MAGNITUDE: f64 = 1e15;
/// Most characters of an outlet name shown in the legend.
const LEGEND_CHARS: usize = 26;

/// Colours for outlets, in legend order (colour-blind-safe Okabe–Ito, then Tableau).
const PALETTE: [&str; 12] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442",
    "#8c564b", "#7f7f7f", "#bcbd22", "#9467bd",
];

/// Escapes text for XML content and attribute values; characters XML 1.0 forbids become U+FFFD.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal, never `-0.0`.
fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.1}");
    if s == "-0.0" {
        "0.0".to_string()
    } else {
        s
    }
}

/// Trims trailing zeros of a fixed-point rendering: `1.50` → `1.5`, `28.00` → `28`.
fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0').trim_end_matches('.');
        if t == "-0" {
            "0".to_string()
        } else {
            t.to_string()
        }
    } else {
        s
    }
}

/// A figure in short form for axis ticks: `950`, `2.5`, `28k`, `1.2M`, `3B`.
pub fn format_figure(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, "T")
    } else if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let digits = if scaled.abs() >= 100.0 || scaled.fract() == 0.0 {
        0
    } else {
        2
    };
    format!("{}{suffix}", trim_zeros(format!("{scaled:.digits$}")))
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) near `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// The y axis of a panel: its range and tick values.
struct YAxis {
    min: f64,
    max: f64,
    ticks: Vec<f64>,
}

impl YAxis {
    fn new(values: &[f64]) -> YAxis {
        let in_range: Vec<f64> = values
            .iter()
            .copied()
            .filter(|v| v.is_finite() && v.abs() <= MAX_MAGNITUDE)
            .collect();
        let lo = in_range.iter().copied().fold(0.0f64, f64::min);
        let hi = in_range.iter().copied().fold(0.0f64, f64::max);
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
        let step = nice_step((hi - lo) / 5.0);
        let min = (lo / step).floor() * step;
        let mut max = (hi / step).ceil() * step;
        if max <= min {
            max = min + step;
        }
        let mut ticks = Vec::new();
        let mut k = 0.0;
        while k <= 20.0 {
            let t = min + k * step;
            if t > max + step * 1e-9 {
                break;
            }
            ticks.push(t);
            k += 1.0;
        }
        YAxis { min, max, ticks }
    }

    /// The y coordinate of value `v` (clamped to the plot).
    fn y(&self, v: f64) -> f64 {
        let f = ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0);
        let f = if f.is_finite() { f } else { 1.0 };
        PLOT_BOTTOM - PAD / 2.0 - f * (PLOT_BOTTOM - PLOT_TOP - PAD)
    }
}

/// The x axis of a panel: the dated range, in days since the epoch, and where it is drawn.
struct XAxis {
    first: i64,
    last: i64,
    left: f64,
    right: f64,
}

impl XAxis {
    fn x(&self, d: Date) -> f64 {
        let span = (self.last - self.first).max(1) as f64;
        let f = (d.days_since_epoch() - self.first) as f64 / span;
        self.left + f.clamp(0.0, 1.0) * (self.right - self.left)
    }

    /// Tick dates: at most about seven, at a round number of days, weeks, months or years.
    fn ticks(&self) -> Vec<Date> {
        let span = (self.last - self.first).max(1);
        let step = [1, 2, 7, 14, 30, 61, 91, 182, 365]
            .into_iter()
            .find(|s| span / s <= 6)
            .unwrap_or_else(|| 365 * ((span / 6) / 365 + 1));
        let mut out = Vec::new();
        let mut t = self.first;
        while t <= self.last && out.len() < 12 {
            out.push(Date::from_days_since_epoch(t));
            t += step;
        }
        out
    }
}

/// The value at which a point is drawn: its best value, else its lower bound, else its upper bound.
fn plotted_value(p: &TimelinePoint) -> Option<f64> {
    finite(p.best).or(finite(p.lo)).or(finite(p.hi))
}

/// The first `n` characters of `s`, with an ellipsis when cut.
fn truncate_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Draws one series into `out`, its panel's top at `top`.
fn render_panel(out: &mut String, series: &TimelineSeries, top: f64) {
    let points = sorted_points(series);
    let _ = writeln!(out, r#"<g transform="translate(0,{})">"#, num(top));
    let title = format!(
        "{} · {} ({})",
        series.kind,
        series.subject_label(),
        series.unit
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="22" font-size="14" font-weight="bold">{}</text>"#,
        num(PLOT_LEFT),
        escape_xml(&title)
    );

    // Outlets in legend order, each with its colour.
    let mut outlets: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &points {
        outlets.entry(source_name(p)).or_insert(0);
    }
    for (i, v) in outlets.values_mut().enumerate() {
        *v = i;
    }
    let colour = |p: &TimelinePoint| {
        let i = outlets.get(source_name(p)).copied().unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    };

    let has_undated = points.iter().any(|p| p.date.is_none());
    let dated_right = if has_undated {
        PLOT_RIGHT - UNDATED_WIDTH
    } else {
        PLOT_RIGHT
    };
    let dated: Vec<i64> = points
        .iter()
        .filter_map(|p| p.date.map(Date::days_since_epoch))
        .collect();
    let (first, last) = match (dated.iter().min(), dated.iter().max()) {
        (Some(&a), Some(&b)) if a < b => (a, b),
        (Some(&a), Some(_)) => (a - 1, a + 1),
        _ => (0, 0),
    };
    let xaxis = XAxis {
        first,
        last,
        left: PLOT_LEFT + PAD,
        right: dated_right - PAD,
    };
    let mut values = Vec::new();
    for p in &points {
        values.extend([p.lo, p.best, p.hi].into_iter().filter_map(finite));
    }
    let yaxis = YAxis::new(&values);

    // Frame, grid and y ticks.
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" stroke="#999999"/>"##,
        num(PLOT_LEFT),
        num(PLOT_TOP),
        num(PLOT_RIGHT - PLOT_LEFT),
        num(PLOT_BOTTOM - PLOT_TOP)
    );
    for t in &yaxis.ticks {
        let y = yaxis.y(*t);
        let _ = writeln!(
            out,
            r##"<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#e5e5e5"/><line x1="{tl}" y1="{y}" x2="{l}" y2="{y}" stroke="#999999"/><text x="{tx}" y="{ty}" text-anchor="end">{label}</text>"##,
            l = num(PLOT_LEFT),
            r = num(PLOT_RIGHT),
            tl = num(PLOT_LEFT - 4.0),
            y = num(y),
            tx = num(PLOT_LEFT - 7.0),
            ty = num(y + 4.0),
            label = escape_xml(&format_figure(*t))
        );
    }
    let _ = writeln!(
        out,
        r#"<text x="16" y="{y}" transform="rotate(-90 16 {y})" text-anchor="middle">{unit}</text>"#,
        y = num((PLOT_TOP + PLOT_BOTTOM) / 2.0),
        unit = escape_xml(&series.unit)
    );

    // X ticks.
    if !dated.is_empty() {
        for d in xaxis.ticks() {
            let x = xaxis.x(d);
            let _ = writeln!(
                out,
                r##"<line x1="{x}" y1="{b}" x2="{x}" y2="{b4}" stroke="#999999"/><text x="{x}" y="{ty}" text-anchor="middle">{d}</text>"##,
                x = num(x),
                b = num(PLOT_BOTTOM),
                b4 = num(PLOT_BOTTOM + 4.0),
                ty = num(PLOT_BOTTOM + 17.0),
            );
        }
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">date</text>"#,
        num((PLOT_LEFT + dated_right) / 2.0),
        num(PLOT_BOTTOM + 36.0)
    );

    // The undated column.
    let undated_x = (dated_right + PLOT_RIGHT) / 2.0;
    if has_undated {
        let _ = writeln!(
            out,
            r##"<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#999999" stroke-dasharray="4 3"/><text x="{ux}" y="{ty}" text-anchor="middle">undated</text>"##,
            x = num(dated_right),
            t = num(PLOT_TOP),
            b = num(PLOT_BOTTOM),
            ux = num(undated_x),
            ty = num(PLOT_BOTTOM + 17.0),
        );
    }
    if points.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#666666">no figures</text>"##,
            num((PLOT_LEFT + PLOT_RIGHT) / 2.0),
            num((PLOT_TOP + PLOT_BOTTOM) / 2.0)
        );
    }

    // Where each point is drawn.
    let n_outlets = outlets.len().max(1) as f64;
    let position = |p: &TimelinePoint| -> Option<(f64, f64)> {
        let v = plotted_value(p)?;
        let x = match p.date {
            Some(d) => xaxis.x(d),
            None => {
                let i = outlets.get(source_name(p)).copied().unwrap_or(0) as f64;
                let spread = (UNDATED_WIDTH - 2.0 * PAD).max(0.0);
                undated_x - spread / 2.0 + spread * (i + 0.5) / n_outlets
            }
        };
        Some((x, yaxis.y(v)))
    };

    // Intervals: solid between finite bounds, dashed with an arrow to the edge when open.
    for p in &points {
        let Some((x, _)) = position(p) else { continue };
        let (lo, best, hi) = (finite(p.lo), finite(p.best), finite(p.hi));
        if lo.is_none() && hi.is_none() {
            continue;
        }
        let c = colour(p);
        let solid_lo = lo.or(best).or(hi).map(|v| yaxis.y(v));
        let solid_hi = hi.or(best).or(lo).map(|v| yaxis.y(v));
        if let (Some(a), Some(b)) = (solid_lo, solid_hi) {
            if (a - b).abs() >= 0.5 {
                let _ = writeln!(
                    out,
                    r#"<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="{c}" stroke-width="2" stroke-opacity="0.6"/>"#,
                    x = num(x),
                    a = num(a),
                    b = num(b)
                );
            }
        }
        if hi.is_none() {
            if let Some(from) = solid_hi {
                let edge = PLOT_TOP + 2.0;
                let _ = writeln!(
                    out,
                    r#"<line x1="{x}" y1="{f}" x2="{x}" y2="{e}" stroke="{c}" stroke-width="1.5" stroke-dasharray="4 3"/><polygon points="{x},{e} {xl},{e6} {xr},{e6}" fill="{c}"/>"#,
                    x = num(x),
                    f = num(from),
                    e = num(edge),
                    xl = num(x - 4.0),
                    xr = num(x + 4.0),
                    e6 = num(edge + 7.0)
                );
            }
        }
        if lo.is_none() {
            if let Some(from) = solid_lo {
                let edge = PLOT_BOTTOM - 2.0;
                let _ = writeln!(
                    out,
                    r#"<line x1="{x}" y1="{f}" x2="{x}" y2="{e}" stroke="{c}" stroke-width="1.5" stroke-dasharray="4 3"/><polygon points="{x},{e} {xl},{e6} {xr},{e6}" fill="{c}"/>"#,
                    x = num(x),
                    f = num(from),
                    e = num(edge),
                    xl = num(x - 4.0),
                    xr = num(x + 4.0),
                    e6 = num(edge - 7.0)
                );
            }
        }
    }

    // One polyline per outlet through its dated points, in date order.
    for (name, i) in &outlets {
        let coords: Vec<String> = points
            .iter()
            .filter(|p| p.date.is_some() && source_name(p) == *name)
            .filter_map(|p| position(p))
            .map(|(x, y)| format!("{},{}", num(x), num(y)))
            .collect();
        if coords.len() >= 2 {
            let _ = writeln!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                coords.join(" "),
                PALETTE[i % PALETTE.len()]
            );
        }
    }

    // The points, each with its tooltip.
    for p in &points {
        let Some((x, y)) = position(p) else { continue };
        let date = p
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        let tip = format!(
            "{} · {} · {}\n{} {}",
            source_name(p),
            date,
            p.text,
            p.doc,
            p.claim
        );
        let _ = writeln!(
            out,
            r##"<circle cx="{}" cy="{}" r="4" fill="{}" stroke="#ffffff"><title>{}</title></circle>"##,
            num(x),
            num(y),
            colour(p),
            escape_xml(&tip)
        );
    }

    // Legend.
    let legend_x = PLOT_RIGHT + 16.0;
    let rows = ((PLOT_BOTTOM - PLOT_TOP) / 16.0).floor().max(1.0) as usize;
    for (row, (name, i)) in outlets.iter().enumerate() {
        let y = PLOT_TOP + 8.0 + 16.0 * row as f64;
        if row + 1 == rows && outlets.len() > rows {
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}">+{} more</text>"#,
                num(legend_x),
                num(y + 4.0),
                outlets.len() - row
            );
            break;
        }
        let c = PALETTE[i % PALETTE.len()];
        let _ = writeln!(
            out,
            r#"<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="1.5"/><circle cx="{cx}" cy="{y}" r="3.5" fill="{c}"/><text x="{tx}" y="{ty}"><title>{full}</title>{short}</text>"#,
            x = num(legend_x),
            x2 = num(legend_x + 18.0),
            cx = num(legend_x + 9.0),
            y = num(y),
            tx = num(legend_x + 24.0),
            ty = num(y + 4.0),
            full = escape_xml(name),
            short = escape_xml(&truncate_chars(name, LEGEND_CHARS))
        );
    }
    out.push_str("</g>\n");
}

/// A standalone SVG chart: x = date, y = figure; one polyline per outlet (points in date order), each point
/// a circle with a `<title>` tooltip (outlet, date, text as written), hard intervals as vertical bars
/// (open ends drawn dashed to the plot edge with an arrow), axis ticks and labels, a legend. One panel per
/// series, stacked. Valid XML, all text escaped (&, <, >, ", '), no JavaScript, deterministic bytes
/// (fixed float formatting); undated points go in a separate "undated" column at the right; large figures
/// are ticked as `28k`, `1.2M`.
pub fn render_svg(series: &[TimelineSeries]) -> String {
    let panels = series.len().max(1);
    let height = PANEL_HEIGHT * panels as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">"#,
        w = num(WIDTH),
        h = num(height)
    );
    out.push_str("<title>factdiff timeline</title>\n");
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{}" height="{}" fill="#fafafa"/>"##,
        num(WIDTH),
        num(height)
    );
    if series.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#666666">no series</text>"##,
            num(WIDTH / 2.0),
            num(height / 2.0)
        );
    }
    for (i, s) in series.iter().enumerate() {
        render_panel(&mut out, s, PANEL_HEIGHT * i as f64);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        Date::parse_iso(s)
    }

    fn point(outlet: &str, date: &str, best: f64) -> TimelinePoint {
        TimelinePoint {
            doc: format!("{outlet}-{date}"),
            outlet: outlet.to_string(),
            date: d(date),
            text: format!("{best}"),
            lo: Some(best),
            best: Some(best),
            hi: Some(best),
            claim: format!("{outlet}-{date}:c1"),
            party: None,
        }
    }

    fn series(points: Vec<TimelinePoint>) -> TimelineSeries {
        TimelineSeries {
            kind: "killed".into(),
            subject: "gaza-palestinians".into(),
            place: None,
            unit: "people".into(),
            points,
        }
    }

    /// A small well-formedness check: every tag is balanced and properly nested, attribute values are
    /// quoted, and no raw `<` or bare `&` appears in text or attributes (only the five predefined
    /// entities and numeric references).
    fn assert_well_formed(xml: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = xml;
        let check_text = |t: &str| {
            let mut s = t;
            while let Some(i) = s.find('&') {
                let after = &s[i + 1..];
                let end = after.find(';').unwrap_or_else(|| panic!("bare & in {t:?}"));
                let ent = &after[..end];
                assert!(
                    matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos")
                        || (ent.starts_with('#') && ent.len() > 1),
                    "bad entity &{ent}; in {t:?}"
                );
                s = &after[end..];
            }
            assert!(!t.contains('>'), "raw > in text {t:?}");
        };
        let mut roots = 0;
        while let Some(open) = rest.find('<') {
            let text = &rest[..open];
            if stack.is_empty() {
                assert!(text.trim().is_empty(), "text outside the root: {text:?}");
            }
            check_text(text);
            let after = &rest[open + 1..];
            // find the end of the tag, skipping quoted attribute values
            let mut in_quote: Option<char> = None;
            let mut end = None;
            for (i, c) in after.char_indices() {
                match (in_quote, c) {
                    (None, '"' | '\'') => in_quote = Some(c),
                    (Some(q), c) if c == q => in_quote = None,
                    (Some(_), '<') => panic!("raw < in attribute: {after:.80}"),
                    (None, '>') => {
                        end = Some(i);
                        break;
                    }
                    (None, '<') => panic!("< inside tag: {after:.80}"),
                    _ => {}
                }
            }
            let end = end.unwrap_or_else(|| panic!("unclosed tag: {after:.80}"));
            let tag = &after[..end];
            rest = &after[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
                assert_eq!(top, name.trim(), "mismatched close tag");
                continue;
            }
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == ':' || c == '-'),
                "bad tag name {name:?}"
            );
            // attributes: name="value" pairs
            let mut attrs = body[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs
                    .find('=')
                    .unwrap_or_else(|| panic!("attribute without value: {attrs:?}"));
                let q = attrs[eq + 1..].chars().next().unwrap_or(' ');
                assert!(q == '"' || q == '\'', "unquoted attribute: {attrs:?}");
                let vstart = eq + 2;
                let vend = attrs[vstart..]
                    .find(q)
                    .unwrap_or_else(|| panic!("open attribute"))
                    + vstart;
                check_text(&attrs[vstart..vend]);
                attrs = attrs[vend + 1..].trim_start();
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        assert!(rest.trim().is_empty(), "trailing text {rest:?}");
        assert!(stack.is_empty(), "unclosed elements {stack:?}");
        assert_eq!(roots, 1, "exactly one root element");
    }

    #[test]
    fn the_checker_catches_broken_xml() {
        for bad in [
            "<svg><g></svg>",
            "<svg>a < b</svg>",
            "<svg>a & b</svg>",
            "<svg x=1/>",
            "<svg><text>x</text>",
            "<svg/><svg/>",
            "<svg title=\"a<b\"/>",
        ] {
            let caught = std::panic::catch_unwind(|| assert_well_formed(bad)).is_err();
            assert!(caught, "accepted {bad:?}");
        }
        assert_well_formed("<svg a=\"1&amp;2\"><t>x &lt; y</t><e/></svg>\n");
    }

    #[test]
    fn days_aggregates_per_date() {
        let mut more_than = point("AFP", "2023-11-21", 200.0);
        more_than.hi = None;
        more_than.text = "more than 200".into();
        let s = series(vec![
            point("Reuters", "2023-11-21", 250.0),
            point("AP", "2023-11-21", 240.0),
            point("AP", "2023-11-22", 300.0),
            more_than,
            point("Reuters", "", 100.0),
        ]);
        let days = days(&s);
        assert_eq!(days.len(), 3);
        assert_eq!(days[0].date, d("2023-11-21"));
        assert_eq!(days[0].low, Some(200.0));
        assert_eq!(days[0].best, Some(240.0), "median of 200, 240, 250");
        assert_eq!(days[0].party, None);
        assert_eq!(days[0].high, None, "an open upper bound");
        assert_eq!(days[0].sources, vec!["AFP", "AP", "Reuters"]);
        assert_eq!(days[1].date, d("2023-11-22"));
        assert_eq!(
            (days[1].low, days[1].best, days[1].high),
            (Some(300.0), Some(300.0), Some(300.0))
        );
        assert_eq!(days[2].date, None, "undated last");
        assert_eq!(days[2].sources, vec!["Reuters"]);
    }

    #[test]
    fn days_median_of_even_count_and_odd_values() {
        let mut nan = point("X", "2023-11-21", 0.0);
        nan.best = Some(f64::NAN);
        nan.lo = None;
        nan.hi = Some(f64::INFINITY);
        let mut no_outlet = point("", "2023-11-21", 10.0);
        no_outlet.doc = "doc-7".into();
        let s = series(vec![
            point("A", "2023-11-21", 10.0),
            point("B", "2023-11-21", 20.0),
            nan,
            no_outlet,
        ]);
        let day = &days(&s)[0];
        assert_eq!(day.best, Some(10.0), "median of 10, 10, 20 (NaN ignored)");
        assert_eq!(day.low, Some(10.0));
        assert_eq!(day.high, Some(20.0));
        assert_eq!(day.sources, vec!["A", "B", "X", "doc-7"]);
        assert!(days(&series(vec![])).is_empty());
        let s = series(vec![
            point("A", "2023-11-21", 335.0),
            point("B", "2023-11-21", 336.0),
        ]);
        assert_eq!(
            days(&s)[0].best,
            Some(335.0),
            "the lower of the two middle figures, a figure a source gave, not 335.5"
        );
    }

    #[test]
    fn parties_are_summed_up_apart_never_averaged() {
        let mut ministry = point("Coastal Daily", "2023-10-18", 471.0);
        ministry.party = Some("gaza-authorities".into());
        let mut army = point("Valley Times", "2023-10-18", 200.0);
        army.party = Some("israel".into());
        let mut army_too = point("Hill Post", "2023-10-18", 100.0);
        army_too.party = Some("israel".into());
        let days = days(&series(vec![ministry, army, army_too]));
        let rows: Vec<String> = days
            .iter()
            .map(|d| format!("{:?} {:?} {:?} {:?}", d.party, d.low, d.best, d.high))
            .collect();
        assert_eq!(
            rows,
            vec![
                "Some(\"gaza-authorities\") Some(471.0) Some(471.0) Some(471.0)",
                "Some(\"israel\") Some(100.0) Some(100.0) Some(200.0)",
            ]
        );
    }

    #[test]
    fn figures_format_short() {
        assert_eq!(format_figure(0.0), "0");
        assert_eq!(format_figure(950.0), "950");
        assert_eq!(format_figure(2.5), "2.5");
        assert_eq!(format_figure(28_000.0), "28k");
        assert_eq!(format_figure(1_500.0), "1.5k");
        assert_eq!(format_figure(1_200_000.0), "1.2M");
        assert_eq!(format_figure(1_250_000.0), "1.25M");
        assert_eq!(format_figure(3e9), "3B");
        assert_eq!(format_figure(-2_000.0), "-2k");
        assert_eq!(format_figure(f64::NAN), "?");
    }

    #[test]
    fn svg_is_well_formed_in_all_shapes() {
        let mut open = point("AFP", "2023-11-22", 11_078.0);
        open.hi = None;
        let mut up_to = point("AP", "2023-11-23", 150.0);
        up_to.lo = None;
        let mut range = point("AP", "2023-11-24", 75.0);
        range.lo = Some(50.0);
        range.hi = Some(100.0);
        range.best = None;
        let mut nothing = point("BBC", "2023-11-24", 0.0);
        nothing.lo = None;
        nothing.best = None;
        nothing.hi = None;
        let shapes: Vec<Vec<TimelineSeries>> = vec![
            vec![],
            vec![series(vec![])],
            vec![series(vec![point("Reuters", "2023-11-21", 50.0)])],
            vec![series(vec![point("Reuters", "", 50.0)])],
            vec![series(vec![
                point("Reuters", "2023-11-21", 0.0),
                point("AP", "2023-11-21", 0.0),
            ])],
            vec![series(vec![
                point("Reuters", "2023-11-21", 1.4e6),
                point("AP", "2024-05-01", 2.75e6),
                point("AP", "", 1e20),
                open,
                up_to,
                range,
                nothing,
            ])],
            vec![
                series(vec![
                    point("A", "2023-11-21", 1.0),
                    point("A", "2023-11-25", 3.0),
                ]),
                series(vec![
                    point("B", "1900-01-01", -5.0),
                    point("B", "2100-12-31", 7.0),
                ]),
            ],
            vec![series(
                (0..40)
                    .map(|i| point(&format!("outlet {i:02}"), "2023-11-21", i as f64))
                    .collect(),
            )],
        ];
        for s in &shapes {
            let svg = render_svg(s);
            assert_well_formed(&svg);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            assert!(!svg.to_lowercase().contains("<script"), "no JavaScript");
        }
        let one = render_svg(&shapes[2]);
        assert_eq!(
            one.matches("<circle").count(),
            2,
            "the point and its legend swatch"
        );
        let undated = render_svg(&shapes[3]);
        assert!(undated.contains(">undated<"));
        let huge = render_svg(&shapes[5]);
        assert!(huge.contains(">3M<") || huge.contains(">2.5M<"), "{huge}");
        assert!(
            huge.contains("stroke-dasharray=\"4 3\"/><polygon"),
            "open ends drawn with arrows"
        );
        let many = render_svg(&shapes[7]);
        assert!(many.contains("more</text>"), "a long legend is cut");
    }

    #[test]
    fn svg_escapes_hostile_text() {
        let mut p = point("<script>alert('x')</script> & \"Co\"", "2023-11-21", 5.0);
        p.text = "]]> <!-- & \u{0}\u{1b} 'quoted' \"double\" </title>".into();
        p.doc = "a&b<c>".into();
        p.claim = "c\"1".into();
        let s = TimelineSeries {
            kind: "k<i>nd".into(),
            subject: "s&b".into(),
            place: None,
            unit: "\"u\"".into(),
            points: vec![p],
        };
        let svg = render_svg(&[s]);
        assert_well_formed(&svg);
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("]]>"));
        assert!(!svg.contains("<!--"));
        assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}'));
        assert!(
            svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;Co&quot;")
        );
        assert!(svg.contains("k&lt;i&gt;nd · s&amp;b (&quot;u&quot;)"));
    }

    #[test]
    fn svg_is_deterministic_and_order_independent() {
        let pts = vec![
            point("Reuters", "2023-11-21", 13_300.0),
            point("AP", "2023-11-22", 14_100.0),
            point("Reuters", "2023-11-23", 14_500.0),
            point("AP", "", 12_000.0),
        ];
        let a = render_svg(&[series(pts.clone())]);
        let b = render_svg(&[series(pts.iter().rev().cloned().collect())]);
        assert_eq!(a, b);
        assert_eq!(a, render_svg(&[series(pts)]));
        assert_eq!(
            a.matches("<polyline").count(),
            1,
            "AP has one dated point: no line"
        );
    }

    #[test]
    fn point_order_is_date_outlet_doc_claim() {
        let mut pts = [
            point("B", "2023-11-21", 1.0),
            point("A", "", 1.0),
            point("A", "2023-11-22", 1.0),
            point("A", "2023-11-21", 1.0),
        ];
        pts.sort_by(point_order);
        let keys: Vec<(Option<Date>, &str)> =
            pts.iter().map(|p| (p.date, p.outlet.as_str())).collect();
        assert_eq!(
            keys,
            vec![
                (d("2023-11-21"), "A"),
                (d("2023-11-21"), "B"),
                (d("2023-11-22"), "A"),
                (None, "A")
            ]
        );
    }
}
