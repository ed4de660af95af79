//! JSONL document records (`--input-format jsonl`): one JSON object per line with `text` (the article,
//! which may itself open with `+++` front matter), `id`, and any front-matter key (`outlet`,
//! `published`, `url`, `title`, `language`, `event`; other keys are kept as metadata), plus an
//! optional `path` (what reports show as the document's file; default `FILE#LINE`). A record's keys win
//! over its text's front matter. A line that is not such a record is an error naming the file, the
//! line and the record's id when it has one; the other lines are still read. Pure functions: the
//! caller reads the files.

use crate::corpus::Loaded;
use crate::error::Error;
use crate::model::Document;
use serde_json::{Map, Value};

/// One line of a JSONL documents file, not yet parsed (parsing happens in parallel, with extraction).
#[derive(Debug, Clone)]
pub struct RecordLine {
    /// The file the line comes from (`<stdin>` for standard input).
    pub source: String,
    /// The 1-based line number.
    pub line: usize,
    /// The line's text.
    pub json: String,
}

/// The non-blank lines of a JSONL documents file, in order.
pub fn record_lines(source: &str, text: &str) -> Vec<RecordLine> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| RecordLine {
            source: source.to_string(),
            line: i + 1,
            json: l.to_string(),
        })
        .collect()
}

/// Keys a record reads itself; every other key is metadata.
const KNOWN_KEYS: &[&str] = &[
    "id",
    "path",
    "text",
    "outlet",
    "published",
    "url",
    "title",
    "language",
    "event",
];

/// Parses one record into a document (as [`crate::corpus::load_file`] would load a file holding its
/// text), with the record's keys applied over the text's front matter.
pub fn load_record(record: &RecordLine) -> Result<Loaded, Error> {
    let at = |id: Option<&str>, message: String| {
        let message = match id {
            Some(id) => format!("record `{id}`: {message}"),
            None => message,
        };
        Error::input(&record.source, Some(record.line), message)
    };
    let value: Value = serde_json::from_str(&record.json)
        .map_err(|e| at(None, format!("not a JSON record: {e}")))?;
    let Value::Object(fields) = value else {
        return Err(at(None, "a record must be a JSON object".into()));
    };
    let id = optional_string(&fields, "id").map_err(|m| at(None, m))?;
    let id_ref = id.as_deref();
    let path = optional_string(&fields, "path").map_err(|m| at(id_ref, m))?;
    let text = match fields.get("text") {
        Some(Value::String(t)) => t.clone(),
        Some(other) => {
            return Err(at(
                id_ref,
                format!("key `text` must be a string, not {}", type_name(other)),
            ))
        }
        None => return Err(at(id_ref, "missing key `text`".into())),
    };
    let name = path
        .clone()
        .unwrap_or_else(|| format!("{}#{}", record.source, record.line));
    let stem = match (&id, &path) {
        (Some(id), _) => id.clone(),
        (None, Some(p)) => std::path::Path::new(p)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let (mut doc, warning) = crate::corpus::parse_document_with(
        &name,
        &stem,
        text.as_bytes(),
        crate::corpus::TextEncoding::Utf8,
    )?;
    apply_keys(&mut doc, &fields).map_err(|m| at(Some(&doc.id), m))?;
    if doc.id.trim().is_empty() {
        return Err(at(
            None,
            "the record has no `id` (nor a `path` or front matter to take one from)".into(),
        ));
    }
    Ok((doc, warning))
}

/// Applies a record's front-matter keys to the document parsed from its text.
fn apply_keys(doc: &mut Document, fields: &Map<String, Value>) -> Result<(), String> {
    if let Some(id) = optional_string(fields, "id")? {
        doc.id = id;
    }
    for (key, slot) in [
        ("outlet", &mut doc.outlet),
        ("url", &mut doc.url),
        ("title", &mut doc.title),
        ("language", &mut doc.language),
        ("event", &mut doc.event),
    ] {
        if fields.contains_key(key) {
            *slot = optional_string(fields, key)?.filter(|s| !s.is_empty());
        }
    }
    if let Some(raw) = optional_string(fields, "published")? {
        if !raw.trim().is_empty() {
            // The forms front matter takes: a date, RFC 3339 or RFC 2822, a month or a year.
            let (date, precision) =
                crate::corpus::published::parse_published(&raw).ok_or_else(|| {
                    format!("key `published` must be a date (YYYY-MM-DD, RFC 3339, RFC 2822, YYYY-MM or YYYY), not `{raw}`")
                })?;
            doc.published = Some(date);
            doc.published_precision = precision;
        }
    }
    for (key, value) in fields {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            doc.meta.insert(key.clone(), value.clone());
        }
    }
    Ok(())
}

/// A string key that may be absent or `null`.
fn optional_string(fields: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!(
            "key `{key}` must be a string, not {}",
            type_name(other)
        )),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Result<Document, Error> {
        let line = RecordLine {
            source: "docs.jsonl".into(),
            line: 4,
            json: json.into(),
        };
        load_record(&line).map(|(d, _)| d)
    }

    #[test]
    fn a_record_is_a_document_with_its_keys() {
        let d = load(r#"{"id":"a","text":"Body.","outlet":"Wire","published":"2023-11-09","event":"e","desk":"world"}"#)
            .expect("valid");
        assert_eq!(d.id, "a");
        assert_eq!(d.path, "docs.jsonl#4");
        assert_eq!(d.outlet.as_deref(), Some("Wire"));
        assert_eq!(
            d.published.map(|p| p.to_string()).as_deref(),
            Some("2023-11-09")
        );
        assert_eq!(d.event.as_deref(), Some("e"));
        assert_eq!(d.meta.get("desk"), Some(&serde_json::json!("world")));
        assert_eq!(d.body(), "Body.");
    }

    #[test]
    fn front_matter_in_the_text_is_read_and_record_keys_win() {
        let d = load(r#"{"path":"corpus/x/wire-a.txt","text":"+++\noutlet = \"Old\"\nevent = \"e\"\n+++\nBody.","outlet":"New"}"#)
            .expect("valid");
        assert_eq!(d.id, "wire-a", "id from the path's stem");
        assert_eq!(d.path, "corpus/x/wire-a.txt");
        assert_eq!(d.outlet.as_deref(), Some("New"));
        assert_eq!(d.event.as_deref(), Some("e"));
    }

    #[test]
    fn bad_records_name_file_line_and_id() {
        let cases = [
            ("{not json", "docs.jsonl:4: not a JSON record"),
            ("[1,2]", "docs.jsonl:4: a record must be a JSON object"),
            (
                r#"{"id":"a"}"#,
                "docs.jsonl:4: record `a`: missing key `text`",
            ),
            (
                r#"{"id":"a","text":5}"#,
                "docs.jsonl:4: record `a`: key `text` must be a string",
            ),
            (
                r#"{"id":"a","text":"x","outlet":3}"#,
                "docs.jsonl:4: record `a`: key `outlet` must be a string",
            ),
            (
                r#"{"id":"a","text":"x","published":"9/11"}"#,
                "docs.jsonl:4: record `a`: key `published` must be a date",
            ),
            (r#"{"text":"x"}"#, "docs.jsonl:4: the record has no `id`"),
        ];
        for (json, expected) in cases {
            let err = load(json).expect_err(json).to_string();
            assert!(err.starts_with(expected), "{json}: {err}");
        }
    }
}
