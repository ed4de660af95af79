//! SARIF 2.1.0 (`--format sarif`) for code-scanning dashboards: one run whose driver lists one rule per
//! verdict (`factdiff/<verdict>`) and one result per finding, located at each of its claims and quotes
//! (document path and line/column; the end of the region only when it can be computed exactly from the
//! document's text). Columns are counted in Unicode code points, as spans are. Article text reaches the
//! output only inside JSON strings, stripped of escape sequences, control characters and bidi overrides
//! ([`sanitize`](super::table::sanitize)). Pure: no I/O.

use super::table::sanitize;
use crate::model::{Claim, Document, Finding, Quote, Severity, Span, Verdict};
use crate::pipeline::Analysis;
use crate::segment::LineIndex;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The SARIF schema URI written as `$schema`.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of the stable finding id in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "factdiff/v1";

/// The SARIF log of an analysis, pretty-printed, ending with a newline.
pub fn render(a: &Analysis) -> String {
    let mut s = serde_json::to_string_pretty(&log(a)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The SARIF log as a JSON value.
pub fn log(a: &Analysis) -> Value {
    let ix = Index::new(a);
    let results: Vec<Value> = a.findings.iter().map(|f| result(f, &ix)).collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver()},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The SARIF `level` of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The rule id of a verdict: `factdiff/conflict`.
pub fn rule_id(v: Verdict) -> String {
    format!("factdiff/{}", v.as_str())
}

/// Documents (with a line index of their text), claims and quotes by id.
struct Index<'a> {
    docs: BTreeMap<&'a str, (&'a Document, LineIndex)>,
    claims: BTreeMap<&'a str, &'a Claim>,
    quotes: BTreeMap<&'a str, &'a Quote>,
}

impl<'a> Index<'a> {
    fn new(a: &'a Analysis) -> Index<'a> {
        Index {
            docs: a
                .documents
                .iter()
                .map(|d| (d.id.as_str(), (d, LineIndex::new(&d.text))))
                .collect(),
            claims: a.claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            quotes: a.quotes.iter().map(|q| (q.id.as_str(), q)).collect(),
        }
    }
}

fn driver() -> Value {
    let mut d = Map::new();
    d.insert("name".into(), json!("factdiff"));
    d.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    if let Some(uri) = information_uri() {
        d.insert("informationUri".into(), json!(uri));
    }
    let rules: Vec<Value> = Verdict::ALL.iter().map(|v| rule(*v)).collect();
    d.insert("rules".into(), Value::Array(rules));
    Value::Object(d)
}

/// The package's repository or homepage from Cargo.toml, when it names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| u.starts_with("https://") || u.starts_with("http://"))
}

fn rule(v: Verdict) -> Value {
    json!({
        "id": rule_id(v),
        "name": v.as_str(),
        "shortDescription": {"text": rule_description(v)},
        "defaultConfiguration": {"level": level(v.severity())},
    })
}

/// One line per verdict, after DESIGN.md's table.
fn rule_description(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflict => "Simultaneous figures from the same or no party cannot all be right",
        Verdict::Disputed => "Simultaneous figures from different parties disagree",
        Verdict::Tension => "Figures are compatible only at the edge of what their wording allows",
        Verdict::Regression => "A cumulative tally is lower at a later date",
        Verdict::Evolution => "A figure changed between dates as its trend allows",
        Verdict::Misattribution => "The same quote is given to different speakers",
        Verdict::Misquote => "One speaker is quoted with materially different words",
    }
}

fn result(f: &Finding, ix: &Index) -> Value {
    let mut locations: Vec<Value> = f
        .claims
        .iter()
        .filter_map(|id| ix.claims.get(id.as_str()))
        .map(|c| location(ix, &c.doc, &c.span))
        .collect();
    locations.extend(
        f.quotes
            .iter()
            .filter_map(|id| ix.quotes.get(id.as_str()))
            .map(|q| location(ix, &q.doc, &q.span)),
    );
    json!({
        "ruleId": rule_id(f.verdict),
        "ruleIndex": Verdict::ALL.iter().position(|v| *v == f.verdict).unwrap_or(0),
        "level": level(f.severity),
        "message": {"text": message(f)},
        "locations": locations,
        "partialFingerprints": {FINGERPRINT_KEY: f.id},
        "properties": {
            "kind": sanitize(&f.kind),
            "subject": sanitize(&f.subject),
            "place": f.place.as_deref().map(sanitize),
            "scope": f.scope.as_deref().map(sanitize),
            "verdict": f.verdict.as_str(),
        },
    })
}

/// The finding's summary; never empty, as SARIF requires some text.
fn message(f: &Finding) -> String {
    let text = sanitize(&f.summary);
    if text.trim().is_empty() {
        format!(
            "{} {} · {}",
            f.verdict.as_str(),
            sanitize(&f.kind),
            sanitize(&f.subject)
        )
    } else {
        text
    }
}

/// A physical location. No `snippet`: the region's raw text may hold control characters, and a
/// sanitised copy would no longer be the artifact's text.
fn location(ix: &Index, doc_id: &str, span: &Span) -> Value {
    let doc = ix.docs.get(doc_id);
    let path = doc.map(|(d, _)| d.path.as_str()).unwrap_or(doc_id);
    let mut region = Map::new();
    region.insert("startLine".into(), json!(span.line.max(1)));
    region.insert("startColumn".into(), json!(span.column.max(1)));
    if let Some((end_line, end_column)) = doc.and_then(|(d, lines)| region_end(d, lines, span)) {
        region.insert("endLine".into(), json!(end_line));
        region.insert("endColumn".into(), json!(end_column));
    }
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path)},
            "region": Value::Object(region),
        },
    })
}

/// The line and column one past the span's last character, when the span is a valid range of the
/// document's text whose start agrees with its recorded line and column.
fn region_end(d: &Document, lines: &LineIndex, span: &Span) -> Option<(usize, usize)> {
    let text = d.text.get(span.start..span.end)?;
    // SARIF's endLine is the line of the last character: a region ending in a line break has none here.
    let ends_in_break = text.ends_with(['\n', '\r']);
    if text.is_empty() || ends_in_break {
        return None;
    }
    if lines.line_col(&d.text, span.start) != (span.line, span.column) {
        return None;
    }
    Some(lines.line_col(&d.text, span.end))
}

/// A relative URI reference for a path: forward slashes, no leading `./`, and every byte other than
/// unreserved characters and `/` percent-encoded (so spaces, `#`, `?`, `%`, `:` and non-ASCII are safe).
pub fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut rest = slashed.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let mut out = String::with_capacity(rest.len());
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./corpus\\a b/ç#1.md"), "corpus/a%20b/%C3%A7%231.md");
        assert_eq!(uri("c:/x"), "c%3A/x");
    }
}
