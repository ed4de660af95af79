//! The corpus-wide pass of a partitioned run. Two things need every document at once: the ids of
//! documents that share one (later ones get `~2`, `~3` in path order, as one `check` does) and the
//! events inferred by grouping documents ([`crate::events::assign`]). Both read only a few words per
//! document, so a partitioned run does them in two cheap steps:
//!
//! 1. `factdiff events cues` (one per partition): each document's path, id, front-matter event, date and
//!    event cues ([`render_cues`]), one `event_cues` line each;
//! 2. `factdiff events assign` (once, over every cue line): each document's final id and event
//!    ([`assign`]), one `document_event` line each: the events file.
//!
//! `factdiff extract --events FILE` then gives each document the id and event of that file
//! ([`EventTable`]), so that every partition's claims carry the comparison key a one-machine `check`
//! would give them. Pure functions: no I/O.

use crate::events::{self, EventCues};
use crate::model::Document;
use crate::time::Date;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;

/// One `event_cues` line per document.
pub fn render_cues(documents: &[(Document, EventCues)]) -> String {
    let mut out = String::new();
    for (d, c) in documents {
        let line = json!({
            "type": "event_cues",
            "path": d.path,
            "id": d.id,
            "event": d.event,
            "published": d.published.map(|p| p.to_string()),
            "types": c.types.iter().map(|(t, n)| json!([t, n])).collect::<Vec<_>>(),
            "family": c.family,
            "countries": c.countries,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Reads `event_cues` lines (other lines are skipped); an error names the 1-based line.
pub fn parse_cues(text: &str) -> Result<Vec<(Document, EventCues)>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |m: String| format!("line {}: {m}", i + 1);
        let v: Value = serde_json::from_str(line).map_err(|e| at(format!("not JSON: {e}")))?;
        if v.get("type").and_then(Value::as_str) != Some("event_cues") {
            continue;
        }
        out.push(cue_from(&v).map_err(at)?);
    }
    Ok(out)
}

fn cue_from(v: &Value) -> Result<(Document, EventCues), String> {
    let string = |key: &str| -> Result<Option<String>, String> {
        match v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` is not a string")),
        }
    };
    let required = |key: &str| string(key)?.ok_or_else(|| format!("missing `{key}`"));
    let published = match string("published")? {
        None => None,
        Some(s) => Some(Date::parse_iso(&s).ok_or_else(|| format!("bad date `{s}`"))?),
    };
    let types = match v.get("types") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| {
                match (
                    t.get(0).and_then(Value::as_str),
                    t.get(1).and_then(Value::as_u64),
                ) {
                    (Some(name), Some(n)) => Ok((name.to_string(), n as usize)),
                    _ => Err("`types` holds an entry that is not [type, count]".to_string()),
                }
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err("`types` is not an array".into()),
    };
    let countries = match v.get("countries") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|c| {
                c.as_str()
                    .map(str::to_string)
                    .ok_or("`countries` holds a non-string")
            })
            .collect::<Result<Vec<_>, _>>()?,
        _ => return Err("`countries` is not an array".into()),
    };
    let document = Document {
        id: required("id")?,
        path: required("path")?,
        outlet: None,
        published,
        event: string("event")?,
        ..Document::default()
    };
    let cues = EventCues {
        types,
        family: string("family")?,
        countries,
    };
    Ok((document, cues))
}

/// The events file: every document in path order (as one `check` over the same files reads them), with
/// its id made unique as `check` does and its event chosen over the whole corpus. One
/// `document_event` line each.
pub fn assign(mut documents: Vec<(Document, EventCues)>) -> String {
    documents.sort_by(|a, b| Path::new(&a.0.path).cmp(Path::new(&b.0.path)));
    let (mut docs, cues): (Vec<Document>, Vec<EventCues>) = documents.into_iter().unzip();
    crate::pipeline::dedupe_ids(&mut docs);
    events::apply(&mut docs, &cues);
    let mut out = String::new();
    for d in &docs {
        let line = json!({
            "type": "document_event",
            "path": d.path,
            "id": d.id,
            "event_inferred": d.event_inferred,
            "event_reason": d.event_reason,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// A document's id and event as the corpus-wide pass chose them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignedEvent {
    /// The document's id, unique over the corpus.
    pub id: String,
    /// The inferred event (`None` when front matter names one or nothing allowed an inference).
    pub event_inferred: Option<String>,
    /// How the event was chosen.
    pub event_reason: Option<String>,
}

/// The events file read back, by document path.
#[derive(Debug, Clone, Default)]
pub struct EventTable {
    by_path: HashMap<String, AssignedEvent>,
}

impl EventTable {
    /// Reads `document_event` lines (other lines are skipped); an error names the 1-based line.
    pub fn parse(text: &str) -> Result<EventTable, String> {
        let mut by_path = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = |m: &str| format!("line {}: {m}", i + 1);
            let v: Value = serde_json::from_str(line).map_err(|e| at(&format!("not JSON: {e}")))?;
            if v.get("type").and_then(Value::as_str) != Some("document_event") {
                continue;
            }
            let string = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
            let (Some(path), Some(id)) = (string("path"), string("id")) else {
                return Err(at("a document_event line needs `path` and `id`"));
            };
            by_path.insert(
                path,
                AssignedEvent {
                    id,
                    event_inferred: string("event_inferred"),
                    event_reason: string("event_reason"),
                },
            );
        }
        Ok(EventTable { by_path })
    }

    /// The assignment of the document at `path`, if the pass saw it.
    pub fn get(&self, path: &str) -> Option<&AssignedEvent> {
        self.by_path.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, path: &str, date: &str) -> (Document, EventCues) {
        let line = json!({"type":"event_cues","path":path,"id":id,"event":null,"published":date,
            "types":[["earthquake",3]],"family":"earthquake","countries":["turkey"]});
        parse_cues(&line.to_string()).expect("cue line").remove(0)
    }

    #[test]
    fn assign_orders_by_path_dedupes_ids_and_groups_events_whatever_the_input_order() {
        let forward = vec![
            doc("x", "c/a/x.txt", "2023-02-07"),
            doc("x", "c/b/x.txt", "2023-02-08"),
        ];
        let backward: Vec<_> = forward.iter().rev().cloned().collect();
        let text = assign(forward);
        assert_eq!(text, assign(backward));
        let table = EventTable::parse(&text).expect("parses");
        let a = table.get("c/a/x.txt").expect("a");
        let b = table.get("c/b/x.txt").expect("b");
        assert_eq!((a.id.as_str(), b.id.as_str()), ("x", "x~2"));
        assert_eq!(
            a.event_inferred.as_deref(),
            Some("earthquake-turkey-2023-02")
        );
        assert_eq!(a.event_inferred, b.event_inferred);
    }

    #[test]
    fn cue_lines_round_trip() {
        let (d, c) = doc("x", "p.txt", "2023-02-07");
        let text = render_cues(&[(d.clone(), c.clone())]);
        assert_eq!(parse_cues(&text).expect("parses"), vec![(d, c)]);
        assert!(parse_cues("{\"type\":\"event_cues\"}").is_err());
    }
}
