//! The `factdiff/v1` JSON contract (DESIGN.md): documents, claims, quotes, findings and summary, every
//! key present and `null` where unknown. Extensions add keys; none is removed or renamed. Whole numbers
//! are written as JSON integers.

use crate::model::{AgreementSet, Attribution, Claim, Document, Finding, Quantity, Quote, Span};
use crate::pipeline::Analysis;
use serde_json::{json, Map, Value};

/// The schema name written in every JSON output.
pub const SCHEMA: &str = "factdiff/v1";

/// A number as JSON: an integer when whole, `null` when absent or not finite.
pub fn number(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) if x.is_finite() => json!(x),
        _ => Value::Null,
    }
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map(|s| json!(s)).unwrap_or(Value::Null)
}

/// A span object.
pub fn span(s: &Span) -> Value {
    json!({"start": s.start, "end": s.end, "line": s.line, "column": s.column})
}

/// A document object.
pub fn document(d: &Document) -> Value {
    json!({
        "id": d.id,
        "path": d.path,
        "outlet": opt(&d.outlet),
        "published": d.published.map(|p| json!(p.to_string())).unwrap_or(Value::Null),
        "published_precision": d.published.map(|_| json!(d.published_precision.as_str())).unwrap_or(Value::Null),
        "url": opt(&d.url),
        "title": opt(&d.title),
        "event": opt(&d.event),
        "event_inferred": opt(&d.event_inferred),
        "event_reason": opt(&d.event_reason),
        "language": opt(&d.language),
        "meta": Value::Object(d.meta.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Map<_, _>>()),
    })
}

/// A quantity object as it appears inside a claim.
pub fn quantity(q: &Quantity) -> Value {
    json!({
        "text": q.text,
        "stated": number(q.stated),
        "qualifier": q.qualifier.as_str(),
        "lo": number(q.lo),
        "hi": number(q.hi),
        "soft_lo": number(q.soft_lo),
        "soft_hi": number(q.soft_hi),
        "delta": q.delta,
    })
}

/// An attribution or speaker object.
pub fn attribution(a: &Attribution) -> Value {
    json!({"as_written": opt(&a.as_written), "entity": opt(&a.entity), "party": opt(&a.party)})
}

/// A claim object.
pub fn claim(c: &Claim) -> Value {
    json!({
        "id": c.id,
        "doc": c.doc,
        "kind": c.kind,
        "subject": c.subject,
        "scope": opt(&c.scope),
        "unit": c.unit,
        "modality": c.modality.as_str(),
        "as_of": c.as_of.map(|d| json!(d.to_string())).unwrap_or(Value::Null),
        "as_of_precision": c.as_of.map(|_| json!(c.as_of_precision.as_str())).unwrap_or(Value::Null),
        "rule": c.rule,
        "place": opt(&c.place),
        "quantity": quantity(&c.quantity),
        "attribution": attribution(&c.attribution),
        "span": span(&c.span),
        "sentence": c.sentence,
    })
}

/// A quote object.
pub fn quote(q: &Quote) -> Value {
    json!({
        "id": q.id,
        "doc": q.doc,
        "text": q.text,
        "speaker": attribution(&q.speaker),
        "channel": q.channel.as_str(),
        "span": span(&q.span),
    })
}

fn agreement_set(s: &AgreementSet) -> Value {
    json!({
        "claims": s.claims,
        "low": number(s.low),
        "best": number(s.best),
        "high": number(s.high),
        "as_of": s.as_of.map(|d| json!(d.to_string())).unwrap_or(Value::Null),
    })
}

/// A finding object (with the `scope` and `sets` extensions).
pub fn finding(f: &Finding) -> Value {
    json!({
        "id": f.id,
        "verdict": f.verdict.as_str(),
        "severity": f.severity.as_str(),
        "kind": f.kind,
        "subject": f.subject,
        "claims": f.claims,
        "quotes": f.quotes,
        "undated": f.undated,
        "summary": f.summary,
        "place": opt(&f.place),
        "scope": opt(&f.scope),
        "sets": f.sets.iter().map(agreement_set).collect::<Vec<_>>(),
    })
}

/// The summary object: counts, with every verdict present.
pub fn summary(a: &Analysis) -> Value {
    let mut by_verdict = Map::new();
    for v in crate::model::Verdict::ALL {
        by_verdict.insert(
            v.as_str().to_string(),
            json!(a.findings.iter().filter(|f| f.verdict == v).count()),
        );
    }
    json!({
        "documents": a.documents.len(),
        "claims": a.claims.len(),
        "quotes": a.quotes.len(),
        "findings": by_verdict,
        "errors": a.errors.iter().map(|e| json!(e.to_string())).collect::<Vec<_>>(),
    })
}

/// The whole analysis as the `factdiff/v1` value.
pub fn analysis_value(a: &Analysis) -> Value {
    json!({
        "schema": SCHEMA,
        "documents": a.documents.iter().map(document).collect::<Vec<_>>(),
        "claims": a.claims.iter().map(claim).collect::<Vec<_>>(),
        "quotes": a.quotes.iter().map(quote).collect::<Vec<_>>(),
        "findings": a.findings.iter().map(finding).collect::<Vec<_>>(),
        "summary": summary(a),
    })
}

/// The whole analysis as pretty JSON text, ending in a newline: the text of
/// `serde_json::to_string_pretty(&analysis_value(a))`, byte for byte, written one document, claim,
/// quote and finding at a time, so that the value of the whole analysis is never held in memory (for
/// a large corpus it took ten times the size of the text).
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str("{\n  \"schema\": ");
    push_pretty(&mut out, &json!(SCHEMA), "  ");
    push_array(&mut out, "documents", a.documents.iter().map(document));
    push_array(&mut out, "claims", a.claims.iter().map(claim));
    push_array(&mut out, "quotes", a.quotes.iter().map(quote));
    push_array(&mut out, "findings", a.findings.iter().map(finding));
    out.push_str(",\n  \"summary\": ");
    push_pretty(&mut out, &summary(a), "  ");
    out.push_str("\n}\n");
    out
}

/// Appends `,\n  "key": [...]` as the pretty printer writes a top-level array (`[]` when empty).
fn push_array(out: &mut String, key: &str, items: impl Iterator<Item = Value>) {
    out.push_str(",\n  ");
    out.push_str(&Value::from(key).to_string());
    out.push_str(": [");
    let mut any = false;
    for item in items {
        out.push_str(if any { ",\n    " } else { "\n    " });
        push_pretty(out, &item, "    ");
        any = true;
    }
    out.push_str(if any { "\n  ]" } else { "]" });
}

/// Appends `value` pretty-printed, every line after the first indented by `indent` (the depth at
/// which it sits). Strings never hold a raw newline in JSON, so every line break is structural.
fn push_pretty(out: &mut String, value: &Value, indent: &str) {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(indent);
        }
        out.push_str(line);
    }
}

/// Recognised quantities as JSON (`factdiff quantities --format json`).
pub fn render_quantities(text: &str, quantities: &[Quantity]) -> String {
    let lines = crate::segment::LineIndex::new(text);
    let list: Vec<Value> = quantities
        .iter()
        .map(|q| {
            json!({
                "text": q.text,
                "class": q.class.as_str(),
                "stated": number(q.stated),
                "qualifier": q.qualifier.as_str(),
                "lo": number(q.lo),
                "hi": number(q.hi),
                "soft_lo": number(q.soft_lo),
                "soft_hi": number(q.soft_hi),
                "unit": q.unit.as_ref().map(|u| json!(u)).unwrap_or(Value::Null),
                "delta": q.delta,
                "span": span(&lines.span(text, q.start, q.end)),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({"schema": SCHEMA, "quantities": list}))
        .unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
