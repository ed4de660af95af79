//! CSV (`--format csv`): the claims, one row each, for spreadsheets and scripts. RFC 4180 framing (CRLF
//! record ends; a field holding `,`, `"`, CR or LF is quoted with inner quotes doubled). Article text is
//! hostile: text cells are stripped of escape sequences and control characters
//! ([`sanitize`](super::table::sanitize)) and a cell that a spreadsheet would read as a formula gets a
//! leading `'` ([`neutralise`]). Numbers that this module writes itself are left as they are. Pure: no I/O.

use super::json::number;
use super::table::sanitize;
use crate::model::{Claim, Document};
use crate::pipeline::Analysis;
use std::collections::BTreeMap;

/// The header row's column names, in order.
pub const COLUMNS: [&str; 27] = [
    "claim",
    "doc",
    "outlet",
    "published",
    "kind",
    "subject",
    "scope",
    "unit",
    "modality",
    "as_of",
    "text",
    "qualifier",
    "stated",
    "lo",
    "hi",
    "soft_lo",
    "soft_hi",
    "delta",
    "attribution",
    "entity",
    "party",
    "path",
    "line",
    "column",
    "rule",
    "findings",
    "place",
];

/// A cell before framing: text from outside (sanitised and neutralised) or a value written here.
enum Cell {
    Text(String),
    Number(String),
}

/// The header and one row per claim, each record ending in CRLF.
pub fn render(a: &Analysis) -> String {
    let docs: BTreeMap<&str, &Document> = a.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let findings = findings_by_claim(a);
    let mut out = record(COLUMNS.iter().map(|c| Cell::Text(c.to_string())));
    for c in &a.claims {
        let doc = docs.get(c.doc.as_str()).copied();
        let ids = findings.get(c.id.as_str()).map(|v| v.join(";"));
        out.push_str(&record(claim_cells(c, doc, ids.unwrap_or_default())));
    }
    out
}

/// Prefixes `'` to a cell that a spreadsheet would evaluate: one starting (after any leading spaces)
/// with `=`, `+`, `-` or `@`, or starting with a tab or CR.
pub fn neutralise(cell: &str) -> String {
    let risky_start = cell.starts_with(['\t', '\r']);
    let risky_after_space = cell
        .trim_start_matches(' ')
        .starts_with(['=', '+', '-', '@']);
    if risky_start || risky_after_space {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Finding ids per claim id, in findings order.
fn findings_by_claim(a: &Analysis) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in &a.findings {
        for c in &f.claims {
            let ids = map.entry(c.as_str()).or_default();
            if !ids.contains(&f.id.as_str()) {
                ids.push(f.id.as_str());
            }
        }
    }
    map
}

fn claim_cells(c: &Claim, doc: Option<&Document>, findings: String) -> Vec<Cell> {
    let text = |s: &str| Cell::Text(s.to_string());
    let opt = |s: &Option<String>| Cell::Text(s.clone().unwrap_or_default());
    let num = |v: Option<f64>| Cell::Number(plain_number(v));
    let q = &c.quantity;
    vec![
        text(&c.id),
        text(&c.doc),
        opt(&doc.and_then(|d| d.outlet.clone())),
        opt(&doc.and_then(|d| d.published.map(|p| p.to_string()))),
        text(&c.kind),
        text(&c.subject),
        opt(&c.scope),
        text(&c.unit),
        text(c.modality.as_str()),
        opt(&c.as_of.map(|d| d.to_string())),
        text(&q.text),
        text(q.qualifier.as_str()),
        num(q.stated),
        num(q.lo),
        num(q.hi),
        num(q.soft_lo),
        num(q.soft_hi),
        Cell::Number(q.delta.to_string()),
        opt(&c.attribution.as_written),
        opt(&c.attribution.entity),
        opt(&c.attribution.party),
        opt(&doc.map(|d| d.path.clone())),
        Cell::Number(c.span.line.to_string()),
        Cell::Number(c.span.column.to_string()),
        text(&c.rule),
        Cell::Text(findings),
        opt(&c.place),
    ]
}

/// A number as in JSON (integers without a fraction), empty when unknown.
fn plain_number(v: Option<f64>) -> String {
    match number(v) {
        serde_json::Value::Null => String::new(),
        n => n.to_string(),
    }
}

/// One record: cells framed and joined by commas, ending in CRLF.
fn record(cells: impl IntoIterator<Item = Cell>) -> String {
    let fields: Vec<String> = cells
        .into_iter()
        .map(|cell| match cell {
            Cell::Text(s) => quote(&neutralise(&sanitize(&s))),
            Cell::Number(s) => quote(&s),
        })
        .collect();
    format!("{}\r\n", fields.join(","))
}

/// RFC 4180 quoting: fields holding `,`, `"`, CR or LF are quoted, inner quotes doubled.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_but_not_plain_text() {
        assert_eq!(neutralise("=SUM(1)"), "'=SUM(1)");
        assert_eq!(neutralise("  +1"), "'  +1");
        assert_eq!(neutralise("\t@x"), "'\t@x");
        assert_eq!(neutralise("a=b"), "a=b");
    }

    #[test]
    fn quotes_per_rfc_4180() {
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("plain"), "plain");
    }
}
