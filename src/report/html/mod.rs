//! The HTML report (`check --format html`): one self-contained page a reviewer opens from disk. It
//! holds a summary bar (documents, claims, quotes, findings by verdict), the findings table (sortable
//! and filterable by verdict, severity, kind, subject, outlet, date and review state, with the filters
//! kept in the URL's hash so that a link reproduces a view), each finding's sources side by side, and
//! the timeline charts.
//!
//! Everything is inline: the style and script (`page.css`, `page.js`, included at build time) are
//! allowed by a Content-Security-Policy naming their SHA-256 hashes, and nothing else may load or run:
//! no network, no other script, no frame, no form. Article text is escaped ([`escape::text`]) and
//! links are only plain http(s) addresses ([`escape::safe_url`]). The page is a pure function of the
//! analysis (no clock, no randomness, no hashing of unordered maps): the same input gives the same
//! bytes, whatever the number of threads.

pub mod escape;
pub mod findings;
pub mod review;
pub mod timelines;
pub mod word_diff;

use crate::model::{Severity, Verdict};
use crate::pipeline::Analysis;
use base64::Engine as _;
use escape::text;
use findings::{finding_body, Index, RowContext};
pub use review::{Acceptance, Review};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The page's style sheet.
const STYLE: &str = include_str!("page.css");
/// The page's script: sorting, filtering, the URL hash, opening details.
const SCRIPT: &str = include_str!("page.js");

/// The report of an analysis with no baseline or acknowledgement applied.
pub fn render(a: &Analysis) -> String {
    render_reviewed(a, &Review::default())
}

/// The report of an analysis whose findings are all listed (accepted ones included), each marked with
/// its state in `review`.
pub fn render_reviewed(a: &Analysis, review: &Review) -> String {
    let ix = Index::new(a);
    let charts = timelines::charted(a);
    let chart_ids = timelines::ids(&charts);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(&head(a));
    out.push_str("<body>\n");
    out.push_str(&top_bar(a, review, &filters(a, &ix)));
    out.push_str("<main>\n");
    out.push_str(&notices(a, review));
    out.push_str(TABLE_HEAD);
    for (order, f) in a.findings.iter().enumerate() {
        let cx = RowContext {
            order,
            review,
            timeline: chart_ids
                .get(&(f.kind.clone(), f.subject.clone(), f.place.clone()))
                .cloned(),
        };
        out.push_str(&finding_body(f, &ix, &cx));
    }
    out.push_str("</table>\n");
    let none = if a.findings.is_empty() {
        "<p class=\"empty\" id=\"no-findings\">No findings: the sources agree.</p>\n"
    } else {
        "<p class=\"empty\" id=\"no-match\" hidden>No finding matches these filters.</p>\n"
    };
    out.push_str(none);
    out.push_str(&timelines::section(&charts));
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer class=\"foot\">factdiff {} · {} · open the JSON report (<code>--format json</code>) for every field</footer>",
        env!("CARGO_PKG_VERSION"),
        crate::report::json::SCHEMA
    );
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

/// The Content-Security-Policy of the page: nothing loads from anywhere (no network, no file, no
/// frame, no form target), and only the page's own style and script, named by their hashes, apply.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; base-uri 'none'; form-action 'none'",
        sha256_source(SCRIPT),
        sha256_source(STYLE)
    )
}

/// A CSP hash source: `sha256-` and the base64 of the SHA-256 of `text`.
fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn head(a: &Analysis) -> String {
    let findings = a.findings.len();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"factdiff {version}\">\n\
         <title>factdiff report · {findings} finding{s}</title>\n<style>{STYLE}</style>\n</head>\n",
        csp = content_security_policy(),
        version = env!("CARGO_PKG_VERSION"),
        s = if findings == 1 { "" } else { "s" },
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The sticky bar: the counts, one chip per verdict (a click filters by it), and the filters.
fn top_bar(a: &Analysis, review: &Review, filters: &str) -> String {
    let mut out = String::from("<header class=\"bar\" id=\"bar\">\n<div class=\"brand\">factdiff <span>report</span></div>\n<div class=\"counts\">");
    let accepted = a
        .findings
        .iter()
        .filter(|f| review.accepted.contains_key(&f.id))
        .count();
    let _ = write!(
        out,
        "<span><b>{}</b></span><span><b>{}</b></span><span><b>{}</b></span><span><b>{}</b>{}</span>",
        plural(a.documents.len(), "document", "documents"),
        plural(a.claims.len(), "claim", "claims"),
        plural(a.quotes.len(), "quote", "quotes"),
        plural(a.findings.len(), "finding", "findings"),
        if accepted > 0 {
            format!(" ({} new, {accepted} accepted)", a.findings.len() - accepted)
        } else {
            String::new()
        }
    );
    if !a.errors.is_empty() {
        let _ = write!(
            out,
            "<span class=\"bad\"><b>{}</b></span>",
            plural(
                a.errors.len(),
                "unreadable document",
                "unreadable documents"
            )
        );
    }
    out.push_str("</div>\n<nav class=\"chips\" aria-label=\"findings by verdict\">");
    for v in Verdict::ALL {
        let n = a.findings.iter().filter(|f| f.verdict == v).count();
        let _ = write!(
            out,
            "<button type=\"button\" class=\"chip v-{v} verdict-chip{zero}\" data-verdict=\"{v}\" aria-pressed=\"false\"{disabled}>\
             <b>{n}</b> {v}</button>",
            v = v.as_str(),
            zero = if n == 0 { " zero" } else { "" },
            disabled = if n == 0 { " disabled" } else { "" },
        );
    }
    out.push_str("</nav>\n");
    out.push_str(filters);
    out.push_str("</header>\n");
    out
}

/// Unreadable documents, warnings and stale baseline entries, when there are any.
fn notices(a: &Analysis, review: &Review) -> String {
    let mut items: Vec<String> = Vec::new();
    for e in &a.errors {
        items.push(format!(
            "<li class=\"bad\">error: {}</li>",
            text(&e.to_string())
        ));
    }
    for w in &a.warnings {
        items.push(format!("<li>warning: {}</li>", text(w)));
    }
    for (file, id) in &review.stale {
        items.push(format!(
            "<li>stale entry <code>{}</code> in <code>{}</code>: no such finding any more</li>",
            text(id),
            text(file)
        ));
    }
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"notices\"><ul>\n{}\n</ul></section>\n",
        items.join("\n")
    )
}

/// The filter controls, with the values the findings hold.
fn filters(a: &Analysis, ix: &Index) -> String {
    let verdicts: Vec<&str> = Verdict::ALL
        .iter()
        .filter(|v| a.findings.iter().any(|f| f.verdict == **v))
        .map(|v| v.as_str())
        .collect();
    let severities: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter(|s| a.findings.iter().any(|f| f.severity == **s))
        .map(|s| s.as_str())
        .collect();
    let kinds: BTreeSet<String> = a.findings.iter().map(|f| text(&f.kind)).collect();
    let subjects: BTreeSet<String> = a.findings.iter().map(|f| text(&f.subject)).collect();
    let outlets: BTreeSet<String> = a
        .findings
        .iter()
        .flat_map(|f| ix.outlets(f))
        .map(text)
        .collect();
    let mut out = String::from("<form class=\"filters\" id=\"filters\" autocomplete=\"off\">\n");
    out.push_str(&select(
        "verdict",
        "Verdict",
        verdicts.into_iter().map(String::from),
    ));
    out.push_str(&select(
        "severity",
        "Severity",
        severities.into_iter().map(String::from),
    ));
    out.push_str(&select("kind", "Kind", kinds.into_iter()));
    out.push_str(&select("subject", "Subject", subjects.into_iter()));
    out.push_str(&select("outlet", "Outlet", outlets.into_iter()));
    out.push_str(
        "<label>From <input type=\"date\" name=\"from\" id=\"f-from\"></label>\n\
         <label>To <input type=\"date\" name=\"to\" id=\"f-to\"></label>\n",
    );
    out.push_str(&select(
        "state",
        "Review",
        ["new", "baseline", "acknowledged"]
            .map(String::from)
            .into_iter(),
    ));
    out.push_str(
        "<label class=\"grow\">Search <input type=\"search\" name=\"q\" id=\"f-q\" placeholder=\"words, figures, ids\"></label>\n\
         <button type=\"button\" id=\"f-clear\">Clear</button>\n\
         <button type=\"button\" id=\"f-expand\">Expand all</button>\n\
         <output id=\"shown\" aria-live=\"polite\"></output>\n</form>\n",
    );
    out
}

/// A `<select>` whose first option (`all`) does not filter; `options` are already escaped.
fn select(name: &str, label: &str, options: impl Iterator<Item = String>) -> String {
    let mut out = format!(
        "<label>{label} <select name=\"{name}\" id=\"f-{name}\"><option value=\"\">all</option>"
    );
    for o in options {
        let _ = write!(out, "<option value=\"{o}\">{o}</option>");
    }
    out.push_str("</select></label>\n");
    out
}

/// The table's head: each sortable column names its sort key.
const TABLE_HEAD: &str = "<table class=\"findings\" id=\"findings\">\n<thead><tr>\
<th class=\"c-verdict\"><button type=\"button\" data-sort=\"verdict-rank\">Verdict</button></th>\
<th class=\"c-severity\"><button type=\"button\" data-sort=\"severity-rank\">Severity</button></th>\
<th class=\"c-kind\"><button type=\"button\" data-sort=\"kind\">Kind</button></th>\
<th class=\"c-subject\"><button type=\"button\" data-sort=\"subject\">Subject</button></th>\
<th class=\"c-figures\">Figures</th>\
<th class=\"c-outlets\"><button type=\"button\" data-sort=\"outlets\">Outlets</button></th>\
<th class=\"c-dates\"><button type=\"button\" data-sort=\"dates\">Dates</button></th>\
<th class=\"c-id\"><button type=\"button\" data-sort=\"id\">Id</button></th>\
</tr></thead>\n";
