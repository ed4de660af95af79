//! Whose figure is it: resolves a claim's subject from cues near the figure (a dominant subject's cue
//! anywhere in its clause, else the nearest cue in its clause, then in its sentence), then from the document (title and text), and, for events the rules do not name, builds a
//! uses the event's type (`earthquake`, `wildfire`) as the subject: the population of an event no rule
//! names is its people, and the claim's place (see [`crate::places::DocumentPlaces`]) and the
//! document's event keep two disasters apart.

use crate::rules::RuleSet;
use std::ops::Range;

/// What the whole document says about subjects, computed once per document.
#[derive(Debug, Clone, Default)]
pub struct DocumentContext {
    /// Per named subject (index into `RuleSet::subjects`): how often its cues occur in title and body,
    /// with the title counting triple.
    pub subject_weight: Vec<usize>,
    /// The most frequent event type of the document.
    pub event_type: Option<String>,
    /// The places the document names (gazetteer): they decide between places of one name in a
    /// clause and give a figure whose clause names none the document's country.
    pub places: crate::places::DocumentPlaces,
}

impl DocumentContext {
    /// Analyses a document's title and body.
    pub fn new(rules: &RuleSet, title: Option<&str>, body: &str) -> DocumentContext {
        let title = title.unwrap_or("");
        // One scan says which cues occur at all; only those are counted.
        let mut present = rules.document_cues_present(&[title, body]).into_iter();
        let mut count = |c: &regex::Regex| {
            if present.next().unwrap_or(true) {
                3 * c.find_iter(title).count() + c.find_iter(body).count()
            } else {
                0
            }
        };
        let subject_weight = rules
            .subjects
            .iter()
            .map(|s| s.cues.iter().map(|c| count(c)).sum())
            .collect();
        let mut best: Option<(usize, usize, &str)> = None; // (count, order, id)
        for (order, et) in rules.event_types.iter().enumerate() {
            let n: usize = et.patterns.iter().map(|c| count(c)).sum();
            if n > 0 && best.is_none_or(|(bn, bo, _)| n > bn || (n == bn && order < bo)) {
                best = Some((n, order, &et.id));
            }
        }
        DocumentContext {
            subject_weight,
            event_type: best.map(|(_, _, id)| id.to_string()),
            places: crate::places::Gazetteer::embedded().document_places(title, body),
        }
    }
}

/// Chooses the subject of a figure of kind `kind` (index) at `qty` (byte range in `masked`, the masked
/// sentence), within `clause` (byte range in `masked`).
pub fn resolve(
    rules: &RuleSet,
    kind: usize,
    masked: &str,
    qty: Range<usize>,
    clause: Range<usize>,
    doc: &DocumentContext,
) -> String {
    // A dominant cue (priority 2 or more) anywhere in the clause names a more specific subject than a
    // nearer general one: "1.3 million Palestinians … are gathered in Rafah".
    let named = &doc.places.context;
    if let Some(s) = nearest_named(rules, kind, masked, &qty, clause.clone(), DOMINANT, named) {
        return s;
    }
    if let Some(s) = nearest_named(rules, kind, masked, &qty, clause.clone(), i32::MIN, named) {
        return s;
    }
    if let Some(s) = nearest_named(rules, kind, masked, &qty, 0..masked.len(), i32::MIN, named) {
        return s;
    }
    let event_here =
        event_type_in(rules, &masked[clause.clone()]).or_else(|| event_type_in(rules, masked));
    if event_here.is_none() {
        // The document's own named subject, when its cues are frequent.
        let best = rules
            .subjects
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                s.kinds.contains(&kind)
                    && s.applies_in(&doc.places.context)
                    && doc.subject_weight.get(*i).copied().unwrap_or(0) >= 2
            })
            .filter(|(_, s)| !s.id.contains('{'))
            .max_by(|a, b| {
                let wa = doc.subject_weight[a.0];
                let wb = doc.subject_weight[b.0];
                wa.cmp(&wb)
                    .then(a.1.priority.cmp(&b.1.priority))
                    .then(b.0.cmp(&a.0))
            });
        if let Some((_, s)) = best {
            return s.id.clone();
        }
    }
    // One document, one event: a sentence naming another type of the document's family ("shelling"
    // in an article about an air strike) keeps the document's type; another family (an earthquake in
    // an article about floods) is another event.
    let doc_type = doc
        .event_type
        .as_ref()
        .and_then(|id| rules.event_types.iter().find(|e| &e.id == id));
    let event_here = event_here
        .map(|i| &rules.event_types[i])
        .map(|e| match doc_type {
            Some(d) if d.family.is_some() && d.family == e.family => d.id.clone(),
            _ => e.id.clone(),
        });
    // The population of an event no rule names is its people: the subject is the event's type, and
    // the place joins the comparison through the claim's place (`places::DocumentPlaces`).
    event_here
        .or_else(|| doc.event_type.clone())
        .unwrap_or_else(|| "unspecified".to_string())
}

/// Bytes between two ranges (0 when they touch or overlap).
pub fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

fn event_type_in(rules: &RuleSet, text: &str) -> Option<usize> {
    rules
        .event_types
        .iter()
        .position(|et| et.patterns.iter().any(|p| p.is_match(text)))
}

/// Subjects with at least this priority win when their cue is anywhere in the figure's clause.
pub const DOMINANT: i32 = 2;

fn nearest_named(
    rules: &RuleSet,
    kind: usize,
    masked: &str,
    qty: &Range<usize>,
    window: Range<usize>,
    min_priority: i32,
    named: &rustc_hash::FxHashSet<crate::places::PlaceId>,
) -> Option<String> {
    let text = &masked[window.clone()];
    let mut best: Option<(usize, i32, usize, String)> = None; // (distance, -priority, order, id)
    for (order, s) in rules.subjects.iter().enumerate() {
        if !s.kinds.contains(&kind) || s.priority < min_priority || !s.applies_in(named) {
            continue;
        }
        for cue in &s.cues {
            for caps in cue.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                let distance = gap(&(window.start + m.start()..window.start + m.end()), qty);
                let id = if s.id.contains("{country}") || s.id.contains("{demonym}") {
                    let Some(word) = caps.name("country") else {
                        continue;
                    };
                    let Some((country, demonym)) = rules.nationality_of(word.as_str()) else {
                        continue;
                    };
                    s.id.replace("{country}", &country)
                        .replace("{demonym}", &demonym)
                } else {
                    s.id.clone()
                };
                let key = (distance, -s.priority, order, id);
                if best
                    .as_ref()
                    .is_none_or(|b| (key.0, key.1, key.2) < (b.0, b.1, b.2))
                {
                    best = Some(key);
                }
            }
        }
    }
    best.map(|b| b.3)
}
