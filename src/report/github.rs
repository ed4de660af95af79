//! GitHub Actions workflow commands (`--format github`): one `::error`, `::warning` or `::notice` line
//! per location of each finding (claims, then quotes), so that findings appear as annotations on the
//! files of a pull request. Article text is hostile: it is stripped of escape sequences, control
//! characters and line breaks ([`sanitize`](super::table::sanitize)) and then escaped per the
//! workflow-command rules ([`escape_data`], [`escape_property`]), so every output line is one of this
//! module's commands and article text can never start a command of its own. Pure: no I/O.

use super::table::sanitize;
use crate::model::{Claim, Document, Finding, Quote, Severity};
use crate::pipeline::Analysis;
use std::collections::BTreeMap;

/// One command line per finding location, each ending with `\n`; a finding none of whose claims or
/// quotes can be found still gets one command, without a file.
pub fn render(a: &Analysis) -> String {
    let ix = Index::new(a);
    let mut out = String::new();
    for f in &a.findings {
        let places = places(f, &ix);
        if places.is_empty() {
            out.push_str(&command(f, None, &escape_data(&message(f, None))));
        }
        for p in &places {
            out.push_str(&command(f, Some(p), &escape_data(&message(f, Some(p)))));
        }
    }
    out
}

/// The workflow command for a severity: `error`, `warning` or `notice`.
pub fn command_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message: `%`, CR and LF become `%25`, `%0D` and `%0A`.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command's property value: as [`escape_data`], and `:` and `,` become `%3A` and `%2C`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
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

/// One place a finding points at: the file, line and column, and the words found there.
struct Place {
    path: String,
    line: usize,
    column: usize,
    words: String,
    outlet: String,
}

fn places(f: &Finding, ix: &Index) -> Vec<Place> {
    let claims = f
        .claims
        .iter()
        .filter_map(|id| ix.claims.get(id.as_str()))
        .map(|c| place(ix, &c.doc, c.span.line, c.span.column, &c.quantity.text));
    let quotes = f
        .quotes
        .iter()
        .filter_map(|id| ix.quotes.get(id.as_str()))
        .map(|q| place(ix, &q.doc, q.span.line, q.span.column, &q.text));
    claims.chain(quotes).collect()
}

fn place(ix: &Index, doc_id: &str, line: usize, column: usize, words: &str) -> Place {
    let doc = ix.docs.get(doc_id).copied();
    Place {
        path: path(doc.map(|d| d.path.as_str()).unwrap_or(doc_id)),
        line: line.max(1),
        column: column.max(1),
        words: words.to_string(),
        outlet: doc
            .and_then(|d| d.outlet.clone())
            .unwrap_or_else(|| doc_id.to_string()),
    }
}

/// A repository path as GitHub expects it: forward slashes, no leading `./`.
fn path(p: &str) -> String {
    let slashed = p.replace('\\', "/");
    let mut rest = slashed.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_string()
}

/// `::error file=…,line=…,col=…,title=…::message` with escaped values, ending in `\n`.
fn command(f: &Finding, place: Option<&Place>, data: &str) -> String {
    let mut props = Vec::new();
    if let Some(p) = place {
        props.push(format!("file={}", escape_property(&sanitize(&p.path))));
        props.push(format!("line={}", p.line));
        props.push(format!("col={}", p.column));
    }
    props.push(format!("title={}", escape_property(&title(f))));
    format!(
        "::{} {}::{}\n",
        command_name(f.severity),
        props.join(","),
        data
    )
}

/// `F1234abcd conflict: killed · gaza-palestinians`, sanitised.
fn title(f: &Finding) -> String {
    let scope = super::place_label(f)
        + &f.scope
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
    sanitize(&format!(
        "{} {}: {} · {}{scope}",
        f.id,
        f.verdict.as_str(),
        f.kind,
        f.subject
    ))
}

/// The finding's summary, then what this place says; sanitised, not yet escaped.
fn message(f: &Finding, place: Option<&Place>) -> String {
    let undated = if f.undated { " (undated source)" } else { "" };
    let here = place
        .map(|p| format!(" — here: “{}” ({})", p.words, p.outlet))
        .unwrap_or_default();
    sanitize(&format!("{}{undated}{here}", f.summary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50%\r\n::x"), "50%25%0D%0A::x");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
