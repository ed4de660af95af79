//! JSON Lines (`--format jsonl`): one `factdiff/v1` object per line, each tagged with a `type` key, so
//! that large runs can be streamed, grepped and concatenated. Objects are built by [`super::json`] (this
//! module adds only the `type` key and the line framing). It also reads claim lines back
//! ([`parse_claims`]), so that `extract` can run in shards and one `compare` step can join them.
//! Pure functions: no I/O.

use super::json;
use crate::model::{
    Attribution, Channel, Claim, Document, Modality, Qualifier, Quantity, QuantityClass, Quote,
    Span,
};
use crate::pipeline::Analysis;
use crate::time::{Date, DatePrecision};
use serde_json::{Map, Value};

/// The whole analysis: document lines, claim lines, quote lines, finding lines, then one summary line
/// (which carries `"schema": "factdiff/v1"`). Every line ends with `\n`.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    push_extraction_lines(&mut out, a);
    for f in &a.findings {
        push_line(&mut out, "finding", json::finding(f));
    }
    push_line(&mut out, "summary", summary(a));
    out
}

/// The document, claim and quote lines of an analysis. Claim and quote lines carry their
/// [`comparison_key`].
fn push_extraction_lines(out: &mut String, a: &Analysis) {
    for d in &a.documents {
        push_line(out, "document", json::document(d));
    }
    // A document id listed twice takes its last entry's event, as in comparison.
    let events: std::collections::HashMap<&str, Option<&str>> = a
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.effective_event()))
        .collect();
    let event_of = |doc: &str| events.get(doc).copied().flatten();
    for c in &a.claims {
        let key = comparison_key(event_of(&c.doc), &crate::compare::comparison_key(c));
        push_line(out, "claim", with_key(json::claim(c), key));
    }
    for q in &a.quotes {
        let key = comparison_key(event_of(&q.doc), QUOTES_GROUP);
        push_line(out, "quote", with_key(json::quote(q), key));
    }
}

/// The comparison group of every quote: quotes are compared across speakers (a misattribution is one
/// quote given to two of them), so only their event partitions them.
pub const QUOTES_GROUP: &str = "quotes";

/// The `comparison_key` object of a claim or quote line: `group`, the group it is compared in (for a
/// claim [`crate::compare::comparison_key`], for a quote [`QUOTES_GROUP`]), and `event`, its document's
/// event (front matter, else inferred). A line whose `event` is `null` is compared within every event
/// of its group (and alone when its group has none), so a partitioned run sends it to each of them.
pub fn comparison_key(event: Option<&str>, group: &str) -> Value {
    serde_json::json!({"event": event, "group": group})
}

/// `value` with a `comparison_key` key added at the end.
fn with_key(mut value: Value, key: Value) -> Value {
    if let Value::Object(fields) = &mut value {
        fields.insert("comparison_key".to_string(), key);
    }
    value
}

/// Claims only, one `{"type":"claim",…}` line each (`extract --format jsonl`).
pub fn render_claims(claims: &[Claim]) -> String {
    let mut out = String::new();
    for c in claims {
        push_line(&mut out, "claim", json::claim(c));
    }
    out
}

/// The documents, claims and quotes of one or more JSONL shards (from `extract --format jsonl`).
#[derive(Debug, Clone, Default)]
pub struct Shard {
    /// Documents (their text is not carried: `text` is empty).
    pub documents: Vec<Document>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// Quotes.
    pub quotes: Vec<Quote>,
}

/// The extraction half of a run as JSONL: document, claim and quote lines, then a summary line. This is
/// a pure map from documents to lines, so a corpus can be extracted in shards and compared in one step.
pub fn render_extraction(a: &Analysis) -> String {
    let mut out = String::new();
    push_extraction_lines(&mut out, a);
    push_line(&mut out, "summary", summary(a));
    out
}

/// Reads the document, claim and quote lines of JSONL text; other lines are skipped. An error names the
/// 1-based line number.
pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let mut shard = Shard::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
        let at = |e: String| format!("line {}: {e}", i + 1);
        match value.get("type").and_then(Value::as_str) {
            Some("document") => shard.documents.push(document_from(&value).map_err(at)?),
            Some("claim") => shard.claims.push(claim_from(&value).map_err(at)?),
            Some("quote") => shard.quotes.push(quote_from(&value).map_err(at)?),
            _ => {}
        }
    }
    Ok(shard)
}

fn document_from(v: &Value) -> Result<Document, String> {
    let meta = match field(v, "meta")? {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Value::Null => Default::default(),
        _ => return Err("\"meta\" is not an object".into()),
    };
    Ok(Document {
        id: string(v, "id")?,
        path: string(v, "path")?,
        outlet: opt_string(v, "outlet")?,
        published: opt_date(v, "published")?,
        published_precision: opt_precision(v, "published_precision")?,
        url: opt_string(v, "url")?,
        title: opt_string(v, "title")?,
        language: v
            .get("language")
            .and_then(Value::as_str)
            .map(str::to_string),
        event: opt_string(v, "event")?,
        // Keys added after v1's first release: absent in older files.
        event_inferred: opt_added_string(v, "event_inferred")?,
        event_reason: opt_added_string(v, "event_reason")?,
        meta,
        text: String::new(),
        body_start: 0,
    })
}

fn quote_from(v: &Value) -> Result<Quote, String> {
    let channel = string(v, "channel")?;
    let channel = [
        Channel::Statement,
        Channel::Interview,
        Channel::PressConference,
        Channel::SocialMedia,
        Channel::Unknown,
    ]
    .into_iter()
    .find(|c| c.as_str() == channel)
    .ok_or_else(|| format!("unknown channel {channel:?}"))?;
    Ok(Quote {
        id: string(v, "id")?,
        doc: string(v, "doc")?,
        text: string(v, "text")?,
        speaker: attribution_from(field(v, "speaker")?)?,
        channel,
        span: span_from(field(v, "span")?)?,
    })
}

/// Reads the claim lines of JSONL text (from [`render`] or [`render_claims`]) back into claims; lines of
/// other types and blank lines are skipped. An error names the 1-based line number and what is wrong.
///
/// The JSON contract does not carry a quantity's recogniser class, unit or offsets; they are rebuilt as
/// extraction sets them: offsets from the claim's span, and a claim in `days` or `hours` is a duration
/// with that unit, any other a count without one.
pub fn parse_claims(text: &str) -> Result<Vec<Claim>, String> {
    let mut claims = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
        if value.get("type").and_then(Value::as_str) != Some("claim") {
            continue;
        }
        claims.push(claim_from(&value).map_err(|e| format!("line {}: {e}", i + 1))?);
    }
    Ok(claims)
}

/// Appends `value` with a leading `type` key as one line.
fn push_line(out: &mut String, kind: &str, value: Value) {
    let mut map = Map::new();
    map.insert("type".to_string(), Value::String(kind.to_string()));
    if let Value::Object(fields) = value {
        map.extend(fields);
    }
    // Serialising a map of strings and numbers cannot fail; fall back to an empty object all the same.
    let text = serde_json::to_string(&Value::Object(map)).unwrap_or_else(|_| "{}".into());
    out.push_str(&text);
    out.push('\n');
}

/// The summary object with the schema name first.
fn summary(a: &Analysis) -> Value {
    let mut map = Map::new();
    map.insert(
        "schema".to_string(),
        Value::String(json::SCHEMA.to_string()),
    );
    if let Value::Object(fields) = json::summary(a) {
        map.extend(fields);
    }
    Value::Object(map)
}

/// A claim from its JSON object.
fn claim_from(v: &Value) -> Result<Claim, String> {
    let span = span_from(field(v, "span")?)?;
    let unit = string(v, "unit")?;
    Ok(Claim {
        id: string(v, "id")?,
        doc: string(v, "doc")?,
        kind: string(v, "kind")?,
        subject: string(v, "subject")?,
        scope: opt_string(v, "scope")?,
        modality: modality_from(&string(v, "modality")?)?,
        as_of: opt_date(v, "as_of")?,
        as_of_precision: opt_precision(v, "as_of_precision")?,
        rule: string(v, "rule")?,
        place: opt_added_string(v, "place")?,
        quantity: quantity_from(field(v, "quantity")?, &unit, &span)?,
        attribution: attribution_from(field(v, "attribution")?)?,
        sentence: string(v, "sentence")?,
        unit,
        span,
    })
}

fn quantity_from(v: &Value, unit: &str, span: &Span) -> Result<Quantity, String> {
    let duration = matches!(unit, "days" | "hours");
    Ok(Quantity {
        start: span.start,
        end: span.end,
        text: string(v, "text")?,
        class: if duration {
            QuantityClass::Duration
        } else {
            QuantityClass::Count
        },
        stated: opt_number(v, "stated")?,
        qualifier: qualifier_from(&string(v, "qualifier")?)?,
        lo: opt_number(v, "lo")?,
        hi: opt_number(v, "hi")?,
        soft_lo: opt_number(v, "soft_lo")?,
        soft_hi: opt_number(v, "soft_hi")?,
        unit: duration.then(|| unit.to_string()),
        delta: field(v, "delta")?
            .as_bool()
            .ok_or("quantity.delta is not true or false")?,
    })
}

fn attribution_from(v: &Value) -> Result<Attribution, String> {
    Ok(Attribution {
        as_written: opt_string(v, "as_written")?,
        entity: opt_string(v, "entity")?,
        party: opt_string(v, "party")?,
    })
}

fn span_from(v: &Value) -> Result<Span, String> {
    let n = |key: &str| -> Result<usize, String> {
        field(v, key)?
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("span.{key} is not a non-negative integer"))
    };
    Ok(Span {
        start: n("start")?,
        end: n("end")?,
        line: n("line")?,
        column: n("column")?,
    })
}

fn qualifier_from(s: &str) -> Result<Qualifier, String> {
    const ALL: [Qualifier; 9] = [
        Qualifier::Exact,
        Qualifier::Approx,
        Qualifier::Nearly,
        Qualifier::MoreThan,
        Qualifier::AtLeast,
        Qualifier::UpTo,
        Qualifier::LessThan,
        Qualifier::Range,
        Qualifier::Vague,
    ];
    ALL.into_iter()
        .find(|q| q.as_str() == s)
        .ok_or_else(|| format!("unknown qualifier {s:?}"))
}

fn modality_from(s: &str) -> Result<Modality, String> {
    Modality::ALL
        .into_iter()
        .find(|m| m.as_str() == s)
        .ok_or_else(|| format!("unknown modality {s:?}"))
}

/// A key that must be present (it may be `null`).
fn field<'a>(v: &'a Value, key: &str) -> Result<&'a Value, String> {
    v.get(key).ok_or_else(|| format!("missing key {key:?}"))
}

fn string(v: &Value, key: &str) -> Result<String, String> {
    field(v, key)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{key:?} is not a string"))
}

fn opt_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match field(v, key)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(format!("{key:?} is neither a string nor null")),
    }
}

/// A string key added to v1 after its first release: absent (older files) reads as `None`.
fn opt_added_string(v: &Value, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None => Ok(None),
        Some(_) => opt_string(v, key),
    }
}

/// A date precision added after v1's first release: absent or `null` in older files (a day).
fn opt_precision(v: &Value, key: &str) -> Result<DatePrecision, String> {
    match opt_added_string(v, key)? {
        None => Ok(DatePrecision::Day),
        Some(name) => DatePrecision::from_name(&name)
            .ok_or_else(|| format!("{key:?} is not day, month or year: {name:?}")),
    }
}

fn opt_number(v: &Value, key: &str) -> Result<Option<f64>, String> {
    match field(v, key)? {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_f64()
            .map(Some)
            .ok_or_else(|| format!("{key:?} is not a usable number")),
        _ => Err(format!("{key:?} is neither a number nor null")),
    }
}

fn opt_date(v: &Value, key: &str) -> Result<Option<Date>, String> {
    match opt_string(v, key)? {
        None => Ok(None),
        Some(s) => Date::parse_iso(&s)
            .map(Some)
            .ok_or_else(|| format!("{key:?} is not a YYYY-MM-DD date: {s:?}")),
    }
}
