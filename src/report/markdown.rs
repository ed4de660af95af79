//! Markdown (`--format markdown`): a report a person pastes into a pull request or an issue — a heading,
//! the summary line, then one section per finding with a table of its sources (or of its quotes). Article
//! text is hostile input: it is stripped of escape sequences and control characters
//! ([`sanitize`](super::table::sanitize)) and every character that Markdown or HTML would interpret is
//! escaped ([`escape`]), so nothing renders as HTML, breaks a table or pings a user. Pure: no I/O.

use super::table::sanitize;
use crate::compare::format_number;
use crate::model::{Claim, Document, Finding, Quantity, Quote};
use crate::pipeline::Analysis;
use std::collections::BTreeMap;

use super::CLAIM_COLUMNS;

/// Columns of a quote finding's table.
const QUOTE_COLUMNS: [&str; 4] = ["quote", "speaker", "outlet", "where"];

/// The Markdown report of an analysis, ending with a newline.
pub fn render(a: &Analysis) -> String {
    let ix = Index::new(a);
    let mut out = String::from("## factdiff report\n\n");
    out.push_str(&escape(&super::summary_line(a)));
    out.push_str("\n\n");
    for f in &a.findings {
        out.push_str(&finding_section(f, &ix));
    }
    if !a.errors.is_empty() {
        out.push_str(&errors_section(a));
    }
    out
}

/// Escapes article text for inline Markdown (a table cell, a heading, a paragraph): control characters,
/// escape sequences and bidi overrides are removed, newlines become spaces, HTML's `<`, `>` and `&`
/// become entities, Markdown punctuation gets a backslash, and `@` is followed by a zero-width space so
/// that a name is not a mention.
pub fn escape(text: &str) -> String {
    let clean = sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("@&#8203;"),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Claims, quotes and documents by id.
struct Index<'a> {
    docs: BTreeMap<&'a str, &'a Document>,
    claims: BTreeMap<&'a str, &'a Claim>,
    quotes: BTreeMap<&'a str, &'a Quote>,
}

impl<'a> Index<'a> {
    fn new(a: &'a Analysis) -> Index<'a> {
        Index {
            docs: a.documents.iter().map(|d| (d.id.as_str(), d)).collect(),
            claims: a.claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            quotes: a.quotes.iter().map(|q| (q.id.as_str(), q)).collect(),
        }
    }
}

fn finding_section(f: &Finding, ix: &Index) -> String {
    let mut out = format!("{}\n\n", heading(f));
    if !f.summary.is_empty() {
        out.push_str(&format!("{}\n\n", escape(&f.summary)));
    }
    let table = if f.kind == "quote" {
        quote_table(f, ix)
    } else {
        claim_table(f, ix)
    };
    out.push_str(&table);
    out.push('\n');
    out
}

/// `### F1234abcd — conflict (error): killed · gaza-palestinians`, plus scope and undated marks.
fn heading(f: &Finding) -> String {
    let scope = escape(&super::place_label(f))
        + &f.scope
            .as_ref()
            .map(|s| format!(" \\[{}\\]", escape(s)))
            .unwrap_or_default();
    let undated = if f.undated { " · undated source" } else { "" };
    format!(
        "### {} — {} ({}): {} · {}{scope}{undated}",
        escape(&f.id),
        f.verdict.as_str(),
        f.severity.as_str(),
        escape(&f.kind),
        escape(&f.subject),
    )
}

fn claim_table(f: &Finding, ix: &Index) -> String {
    let mut out = table_head(&CLAIM_COLUMNS);
    for (n, set) in f.sets.iter().enumerate() {
        for id in &set.claims {
            if let Some(c) = ix.claims.get(id.as_str()) {
                out.push_str(&row(&claim_cells(n + 1, c, ix)));
            }
        }
    }
    // A finding without agreement sets still lists its claims.
    if f.sets.is_empty() {
        for id in &f.claims {
            if let Some(c) = ix.claims.get(id.as_str()) {
                out.push_str(&row(&claim_cells(1, c, ix)));
            }
        }
    }
    out
}

fn claim_cells(set: usize, c: &Claim, ix: &Index) -> Vec<String> {
    let doc = ix.docs.get(c.doc.as_str()).copied();
    vec![
        set.to_string(),
        escape(&c.quantity.text),
        escape(&range(&c.quantity)),
        outlet(doc, &c.doc),
        c.as_of
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into()),
        source(c),
        location(doc, &c.doc, c.span.line),
    ]
}

fn quote_table(f: &Finding, ix: &Index) -> String {
    let mut out = table_head(&QUOTE_COLUMNS);
    for id in &f.quotes {
        let Some(q) = ix.quotes.get(id.as_str()) else {
            continue;
        };
        let doc = ix.docs.get(q.doc.as_str()).copied();
        out.push_str(&row(&[
            format!("“{}”", escape(&q.text)),
            speaker(q),
            outlet(doc, &q.doc),
            location(doc, &q.doc, q.span.line),
        ]));
    }
    out
}

fn table_head(columns: &[&str]) -> String {
    let head = row(&columns.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let rule = row(&vec!["---".to_string(); columns.len()]);
    head + &rule
}

/// One table row from cells that are already escaped.
fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// The hard interval: `50`, `200–…`, `…–150`.
fn range(q: &Quantity) -> String {
    let bound = |v: Option<f64>| v.map(format_number).unwrap_or_else(|| "…".into());
    match (q.lo, q.hi) {
        (Some(lo), Some(hi)) if lo == hi => format_number(lo),
        (lo, hi) => format!("{}–{}", bound(lo), bound(hi)),
    }
}

fn outlet(doc: Option<&Document>, fallback: &str) -> String {
    escape(doc.and_then(|d| d.outlet.as_deref()).unwrap_or(fallback))
}

fn location(doc: Option<&Document>, fallback: &str, line: usize) -> String {
    let path = doc.map(|d| d.path.as_str()).unwrap_or(fallback);
    format!("{}:{line}", escape(path))
}

fn source(c: &Claim) -> String {
    match (&c.attribution.as_written, &c.attribution.party) {
        (Some(w), Some(p)) => format!("{} \\[{}\\]", escape(w), escape(p)),
        (Some(w), None) => escape(w),
        _ => "—".into(),
    }
}

fn speaker(q: &Quote) -> String {
    match (&q.speaker.as_written, &q.speaker.entity) {
        (Some(w), Some(e)) => format!("{} ({})", escape(w), escape(e)),
        (Some(w), None) => escape(w),
        (None, Some(e)) => escape(e),
        (None, None) => "—".into(),
    }
}

fn errors_section(a: &Analysis) -> String {
    let mut out = String::from("### Unreadable documents\n\n");
    for e in &a.errors {
        out.push_str(&format!("- {}\n", escape(&e.to_string())));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_markdown_and_mentions() {
        assert_eq!(escape("<b>a|b</b>"), "&lt;b&gt;a\\|b&lt;/b&gt;");
        assert_eq!(
            escape("*x* _y_ `z` [l](u)"),
            "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)"
        );
        assert_eq!(escape("a\nb &amp; @me"), "a b &amp;amp; @&#8203;me");
    }
}
