//! The findings table of the HTML report: one `<tbody class="finding">` per finding, holding its row
//! (with the `data-*` values the page's script filters and sorts on) and its detail panel (the
//! sources side by side, each sentence with its figure marked, or the quotes with their differing
//! words marked).

use super::escape::{safe_url, text};
use super::review::{Acceptance, Review};
use super::word_diff;
use crate::compare::format_number;
use crate::model::{AgreementSet, Claim, Document, Finding, Quantity, Quote, Verdict};
use crate::pipeline::Analysis;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Separates the values of a multi-valued `data-*` attribute (outlets, dates). Article text never
/// holds it: [`text`] turns line breaks into spaces.
pub const LIST_SEPARATOR: &str = "&#10;";

/// Documents, claims and quotes by id.
pub struct Index<'a> {
    docs: BTreeMap<&'a str, &'a Document>,
    claims: BTreeMap<&'a str, &'a Claim>,
    quotes: BTreeMap<&'a str, &'a Quote>,
}

impl<'a> Index<'a> {
    /// Indexes an analysis.
    pub fn new(a: &'a Analysis) -> Index<'a> {
        Index {
            docs: a.documents.iter().map(|d| (d.id.as_str(), d)).collect(),
            claims: a.claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            quotes: a.quotes.iter().map(|q| (q.id.as_str(), q)).collect(),
        }
    }

    fn doc(&self, id: &str) -> Option<&'a Document> {
        self.docs.get(id).copied()
    }

    /// A document's outlet, else its id.
    pub fn outlet(&self, doc_id: &'a str) -> &'a str {
        self.doc(doc_id)
            .and_then(|d| d.outlet.as_deref())
            .unwrap_or(doc_id)
    }

    /// The claims of a finding that exist, in the finding's order.
    fn claims_of(&self, f: &Finding) -> Vec<&'a Claim> {
        f.claims
            .iter()
            .filter_map(|id| self.claims.get(id.as_str()).copied())
            .collect()
    }

    /// The quotes of a finding that exist, in the finding's order.
    fn quotes_of(&self, f: &Finding) -> Vec<&'a Quote> {
        f.quotes
            .iter()
            .filter_map(|id| self.quotes.get(id.as_str()).copied())
            .collect()
    }

    /// The outlets a finding's sources come from, sorted and without repeats.
    pub fn outlets(&self, f: &Finding) -> BTreeSet<&'a str> {
        let claims = self.claims_of(f).into_iter().map(|c| c.doc.as_str());
        let quotes = self.quotes_of(f).into_iter().map(|q| q.doc.as_str());
        claims.chain(quotes).map(|d| self.outlet(d)).collect()
    }

    /// The dates of a finding: its claims' as-of dates, or its quotes' publication dates.
    pub fn dates(&self, f: &Finding) -> BTreeSet<String> {
        let claims = self.claims_of(f).into_iter().filter_map(|c| c.as_of);
        let quotes = self
            .quotes_of(f)
            .into_iter()
            .filter_map(|q| self.doc(&q.doc).and_then(|d| d.published));
        claims.chain(quotes).map(|d| d.to_string()).collect()
    }
}

/// What the page needs to know about one finding beyond the analysis.
pub struct RowContext<'a> {
    /// The finding's position in report order (most severe first), the default sort.
    pub order: usize,
    /// Baseline and acknowledgement state.
    pub review: &'a Review,
    /// The id of the timeline chart of the finding's kind and subject, when the page has one.
    pub timeline: Option<String>,
}

/// The `<tbody>` of one finding: its row and its (initially hidden) detail panel.
pub fn finding_body(f: &Finding, ix: &Index, cx: &RowContext) -> String {
    let outlets = ix.outlets(f);
    let dates = ix.dates(f);
    let state = cx.review.state(&f.id);
    let list = |items: Vec<String>| items.join(LIST_SEPARATOR);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<tbody class=\"finding\" id=\"{id}\" data-id=\"{id}\" data-order=\"{order}\" \
         data-verdict=\"{verdict}\" data-verdict-rank=\"{vrank}\" data-severity=\"{severity}\" \
         data-severity-rank=\"{srank}\" data-kind=\"{kind}\" data-subject=\"{subject}\" \
         data-outlets=\"{outlets}\" data-dates=\"{dates}\" data-state=\"{state}\">",
        id = text(&f.id),
        order = cx.order,
        verdict = f.verdict.as_str(),
        vrank = Verdict::ALL
            .iter()
            .position(|v| *v == f.verdict)
            .unwrap_or(0),
        severity = f.severity.as_str(),
        srank = 2 - f.severity as usize,
        kind = text(&f.kind),
        subject = text(&f.subject),
        outlets = list(outlets.iter().map(|o| text(o)).collect()),
        dates = list(dates.iter().cloned().collect()),
    );
    out.push_str(&main_row(f, ix, &outlets, &dates, state));
    out.push_str(&detail_row(f, ix, cx));
    out.push_str("</tbody>\n");
    out
}

fn main_row(
    f: &Finding,
    ix: &Index,
    outlets: &BTreeSet<&str>,
    dates: &BTreeSet<String>,
    state: &str,
) -> String {
    let scope = f
        .scope
        .as_ref()
        .map(|s| format!(" <span class=\"scope\">[{}]</span>", text(s)))
        .unwrap_or_default();
    let undated = if f.undated {
        " <span class=\"tag\" title=\"a source has no date: severity one step lower\">undated source</span>"
    } else {
        ""
    };
    let accepted = match state {
        "new" => String::new(),
        other => format!(" <span class=\"state state-{other}\">{other}</span>"),
    };
    let date_cell = match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".into(),
    };
    let outlet_cell = outlets
        .iter()
        .map(|o| text(o))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "<tr class=\"row\" tabindex=\"0\" aria-expanded=\"false\">\
         <td class=\"c-verdict\"><span class=\"chip v-{verdict}\">{verdict}</span></td>\
         <td class=\"c-severity\"><span class=\"sev s-{severity}\">{severity}</span>{undated}</td>\
         <td class=\"c-kind\">{kind}</td>\
         <td class=\"c-subject\">{subject}{place}{scope}</td>\
         <td class=\"c-figures\">{figures}</td>\
         <td class=\"c-outlets\" title=\"{outlet_cell}\">{outlet_cell}</td>\
         <td class=\"c-dates\">{date_cell}</td>\
         <td class=\"c-id\"><code>{id}</code>{accepted}</td></tr>\n",
        verdict = f.verdict.as_str(),
        severity = f.severity.as_str(),
        kind = text(&f.kind),
        subject = text(&f.subject),
        place = f
            .place
            .as_ref()
            .map(|p| format!(" <span class=\"place\">in {}</span>", text(p)))
            .unwrap_or_default(),
        figures = figures_cell(f, ix),
        id = text(&f.id),
    )
}

/// The figures at a glance: each agreement set (one source's figure as written, or the set's range
/// and number of sources), joined by "vs" for same-time findings and "→" across dates; for quote
/// findings, the speakers.
fn figures_cell(f: &Finding, ix: &Index) -> String {
    if f.kind == "quote" {
        let speakers: BTreeSet<String> = ix
            .quotes_of(f)
            .iter()
            .map(|q| text(&speaker_name(q)))
            .collect();
        return speakers.into_iter().collect::<Vec<_>>().join(" · ");
    }
    let join = match f.verdict {
        Verdict::Regression | Verdict::Evolution => " <span class=\"arrow\">→</span> ",
        _ => " <span class=\"vs\">vs</span> ",
    };
    f.sets
        .iter()
        .map(|s| {
            let members: Vec<&Claim> = s
                .claims
                .iter()
                .filter_map(|id| ix.claims.get(id.as_str()).copied())
                .collect();
            match members.as_slice() {
                [one] => format!(
                    "<span class=\"fig\">{}</span> <span class=\"by\">{}</span>",
                    text(&one.quantity.text),
                    text(ix.outlet(&one.doc))
                ),
                many => format!(
                    "<span class=\"fig\">{}</span> <span class=\"by\">({} sources)</span>",
                    set_range(s),
                    many.len()
                ),
            }
        })
        .collect::<Vec<_>>()
        .join(join)
}

fn detail_row(f: &Finding, ix: &Index, cx: &RowContext) -> String {
    let mut out =
        String::from("<tr class=\"detail\" hidden><td colspan=\"8\"><div class=\"panel\">\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">{}</p>\n<p class=\"meaning\"><span class=\"chip v-{}\">{}</span> {}</p>",
        text(&f.summary),
        f.verdict.as_str(),
        f.verdict.as_str(),
        meaning(f.verdict),
    );
    match cx.review.accepted.get(&f.id) {
        Some(Acceptance::Baseline { file }) => {
            let _ = writeln!(
                out,
                "<p class=\"accepted\">Accepted: recorded in the baseline <code>{}</code>.</p>",
                text(file)
            );
        }
        Some(Acceptance::Acknowledged { file, reason }) => {
            let _ = writeln!(
                out,
                "<p class=\"accepted\">Acknowledged in <code>{}</code>: {}</p>",
                text(file),
                text(reason)
            );
        }
        None => {}
    }
    if f.kind == "quote" {
        out.push_str(&quote_cards(f, ix));
    } else {
        out.push_str(&claim_sets(f, ix));
    }
    if let Some(tl) = &cx.timeline {
        let _ = writeln!(
            out,
            "<p><button type=\"button\" class=\"show-timeline\" data-target=\"{}\">Timeline of {} · {}</button></p>",
            text(tl),
            text(&f.kind),
            text(&f.subject)
        );
    }
    out.push_str("</div></td></tr>\n");
    out
}

/// What a verdict means, in one sentence (README's table).
fn meaning(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflict => "Same time, and no figure of one source agrees with any figure of the other: they cannot all be right.",
        Verdict::Disputed => "As a conflict, but the disagreeing figures come from different parties.",
        Verdict::Tension => "The words allow a common value, but their journalistic readings are far apart.",
        Verdict::Regression => "A cumulative tally is lower at a later date, beyond the tolerance.",
        Verdict::Evolution => "Figures of different dates, changing as the trend allows.",
        Verdict::Misattribution => "The same words are given to different speakers.",
        Verdict::Misquote => "One speaker, nearly the same words, a material difference.",
    }
}

fn claim_sets(f: &Finding, ix: &Index) -> String {
    let mut out = String::new();
    let sets: Vec<(String, Vec<&Claim>)> = if f.sets.is_empty() {
        vec![(String::new(), ix.claims_of(f))]
    } else {
        f.sets
            .iter()
            .enumerate()
            .map(|(n, s)| {
                let head = format!(
                    "Set {} <span class=\"set-range\">low {} · best {} · high {}{}</span>",
                    n + 1,
                    bound(s.low),
                    bound(s.best),
                    bound(s.high),
                    s.as_of.map(|d| format!(" · as of {d}")).unwrap_or_default()
                );
                let members = s
                    .claims
                    .iter()
                    .filter_map(|id| ix.claims.get(id.as_str()).copied())
                    .collect();
                (head, members)
            })
            .collect()
    };
    out.push_str("<div class=\"sets\">\n");
    for (head, members) in sets {
        out.push_str("<section class=\"set\">");
        if !head.is_empty() {
            let _ = write!(out, "<h4>{head}</h4>");
        }
        out.push_str("<div class=\"cards\">\n");
        for c in members {
            out.push_str(&claim_card(c, ix));
        }
        out.push_str("</div></section>\n");
    }
    out.push_str("</div>\n");
    out
}

fn claim_card(c: &Claim, ix: &Index) -> String {
    let doc = ix.doc(&c.doc);
    let source = match (&c.attribution.as_written, &c.attribution.party) {
        (Some(w), Some(p)) => format!("{} <span class=\"party\">[{}]</span>", text(w), text(p)),
        (Some(w), None) => text(w),
        (None, Some(p)) => format!("<span class=\"party\">[{}]</span>", text(p)),
        (None, None) => "<span class=\"none\">not attributed</span>".into(),
    };
    format!(
        "<article class=\"card\">\
         <header><span class=\"outlet\">{outlet}</span><span class=\"date\">as of {as_of}</span></header>\
         <blockquote class=\"sentence\">{sentence}</blockquote>\
         <dl><dt>figure</dt><dd><span class=\"fig\">{figure}</span> <span class=\"range\">allows {range}</span>{modality}</dd>\
         <dt>source</dt><dd>{source}</dd>\
         <dt>published</dt><dd>{published}</dd></dl>\
         <footer>{location}{link}</footer></article>\n",
        outlet = text(ix.outlet(&c.doc)),
        as_of = c.as_of.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        sentence = marked_sentence(&c.sentence, &c.quantity.text),
        figure = text(&c.quantity.text),
        range = text(&range(&c.quantity)),
        modality = match c.modality {
            crate::model::Modality::Reported => String::new(),
            m => format!(" <span class=\"tag\">{}</span>", m.as_str()),
        },
        published = published(doc),
        location = location(doc, &c.doc, c.span.line),
        link = article_link(doc),
    )
}

fn quote_cards(f: &Finding, ix: &Index) -> String {
    let quotes = ix.quotes_of(f);
    let mut out = String::from("<div class=\"cards quotes\">\n");
    for (i, q) in quotes.iter().enumerate() {
        // Each quote is marked against the first other one.
        let other = if i == 0 {
            quotes.get(1)
        } else {
            quotes.first()
        };
        let words = match other {
            Some(o) => word_diff::mark(&q.text, &o.text),
            None => word_diff::mark(&q.text, &q.text),
        };
        let quote_html = words
            .iter()
            .map(|w| {
                if w.changed {
                    format!("<mark class=\"diff\">{}</mark>", text(w.text))
                } else {
                    text(w.text)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let doc = ix.doc(&q.doc);
        let entity = q
            .speaker
            .entity
            .as_ref()
            .map(|e| format!(" <span class=\"party\">({})</span>", text(e)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<article class=\"card\">\
             <header><span class=\"outlet\">{outlet}</span><span class=\"date\">{published}</span></header>\
             <blockquote class=\"quote\">“{quote_html}”</blockquote>\
             <dl><dt>speaker</dt><dd class=\"speaker\">{speaker}{entity}</dd>\
             <dt>channel</dt><dd>{channel}</dd></dl>\
             <footer>{location}{link}</footer></article>",
            outlet = text(ix.outlet(&q.doc)),
            published = published(doc),
            speaker = text(&speaker_name(q)),
            channel = q.channel.as_str(),
            location = location(doc, &q.doc, q.span.line),
            link = article_link(doc),
        );
    }
    out.push_str("</div>\n");
    out
}

/// The sentence with the first occurrence of the figure as written marked (the whole sentence
/// unmarked when the figure is not found in it).
pub fn marked_sentence(sentence: &str, figure: &str) -> String {
    match sentence.find(figure).filter(|_| !figure.is_empty()) {
        Some(at) => format!(
            "{}<mark>{}</mark>{}",
            text(&sentence[..at]),
            text(figure),
            text(&sentence[at + figure.len()..])
        ),
        None => text(sentence),
    }
}

fn speaker_name(q: &Quote) -> String {
    q.speaker
        .as_written
        .clone()
        .or_else(|| q.speaker.entity.clone())
        .unwrap_or_else(|| "unknown speaker".into())
}

fn published(doc: Option<&Document>) -> String {
    doc.and_then(|d| d.published)
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into())
}

fn location(doc: Option<&Document>, fallback: &str, line: usize) -> String {
    let path = doc.map(|d| d.path.as_str()).unwrap_or(fallback);
    format!("<code class=\"where\">{}:{line}</code>", text(path))
}

/// A link to the article's front-matter `url`, only for plain http(s) addresses; it opens in a new
/// tab without a referrer or an opener.
fn article_link(doc: Option<&Document>) -> String {
    doc.and_then(|d| d.url.as_deref())
        .and_then(safe_url)
        .map(|u| {
            format!(
                " <a class=\"article\" href=\"{u}\" target=\"_blank\" rel=\"noopener noreferrer\">article ↗</a>"
            )
        })
        .unwrap_or_default()
}

fn bound(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_else(|| "…".into())
}

/// A set's interval: `9,200`, `10,800–…`.
fn set_range(s: &AgreementSet) -> String {
    match (s.low, s.high) {
        (Some(lo), Some(hi)) if lo == hi => format_number(lo),
        (lo, hi) => format!("{}–{}", bound(lo), bound(hi)),
    }
}

/// The hard interval the words allow: `50`, `200–…`, `…–150`.
fn range(q: &Quantity) -> String {
    match (q.lo, q.hi) {
        (Some(lo), Some(hi)) if lo == hi => format_number(lo),
        (lo, hi) => format!("{}–{}", bound(lo), bound(hi)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_figure_in_the_sentence_and_escapes_around_it() {
        assert_eq!(
            marked_sentence("<b>At least 10,800</b> died", "At least 10,800"),
            "&lt;b&gt;<mark>At least 10,800</mark>&lt;/b&gt; died"
        );
        assert_eq!(marked_sentence("No figure here", "42"), "No figure here");
        assert_eq!(marked_sentence("empty figure", ""), "empty figure");
    }
}
