//! Events: which event each document reports, so that figures of two disasters are never compared.
//! A document's front-matter `event` wins; a document without one is grouped with others into an
//! inferred event, deterministically, from what its text says: its event words (the rules'
//! `[[event_type]]` cues, "earthquake", "flood", "airstrike"), the countries it names (the gazetteer,
//! [`crate::places`]) and its publication date. Two documents share an event when their main event
//! words are of one family (an event type's `family`, else the type itself), they name a main country in
//! common, and their dates chain within a window: [`WINDOW_DAYS`] days for sudden events, or
//! [`FAMILY_WINDOW_DAYS`] for a family such as violence (a war goes on for months). A group holding
//! documents with a front-matter event takes that event; otherwise it gets a readable id
//! `<event type>-<country>-<YYYY-MM>` (`earthquake-turkey-2023-02`). A document without event words,
//! place or date gets no event and is compared with every event, as before inference existed.
//!
//! [`cues`] reads a document while its text is at hand (during extraction); [`assign`] groups all
//! documents at the end of extraction. [`other_event_marker`] tells a figure of another, earlier event
//! inside an article.

mod other;

pub use other::other_event_marker;

use crate::model::Document;
use crate::rules::RuleSet;
use crate::time::Date;
use std::collections::BTreeMap;

/// Days between two documents' dates within which they may report one sudden event.
pub const WINDOW_DAYS: i64 = 30;
/// Days for event types that belong to a family (violence): conflicts last.
pub const FAMILY_WINDOW_DAYS: i64 = 120;

/// What a document says about its event, read while its text is at hand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCues {
    /// The event types its text names (rules ids, in rules order) with their counts, the title's
    /// counting three times.
    pub types: Vec<(String, usize)>,
    /// The family of its main type (the type's `family`, else its id).
    pub family: Option<String>,
    /// Its main countries (gazetteer ids, most named first): those named at least half as often as
    /// the most named one, at most three.
    pub countries: Vec<String>,
}

impl EventCues {
    /// The main event type: the most counted, the first in rules order on a tie.
    pub fn main_type(&self) -> Option<&str> {
        let mut best: Option<(&str, usize)> = None;
        for (t, n) in &self.types {
            if best.is_none_or(|(_, b)| *n > b) {
                best = Some((t, *n));
            }
        }
        best.map(|(t, _)| t)
    }
}

/// Reads a document's event words and countries from its title and body.
pub fn cues(doc: &Document, rules: &RuleSet) -> EventCues {
    let title = doc.title.as_deref().unwrap_or("");
    let body = doc.body();
    // One scan says which patterns occur at all (the event types' come after the subjects' cues).
    let present = rules.document_cues_present(&[title, body]);
    let subject_cues: usize = rules.subjects.iter().map(|s| s.cues.len()).sum();
    let mut present = present.into_iter().skip(subject_cues);
    let types: Vec<(String, usize)> = rules
        .event_types
        .iter()
        .map(|et| {
            let n = et
                .patterns
                .iter()
                .map(|c| {
                    if present.next().unwrap_or(true) {
                        3 * c.find_iter(title).count() + c.find_iter(body).count()
                    } else {
                        0
                    }
                })
                .sum();
            (et.id.clone(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let gazetteer = crate::places::Gazetteer::embedded();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (text, weight) in [(title, 3), (body, 1)] {
        for m in gazetteer.find_places(text) {
            *counts
                .entry(gazetteer.place(m.country).id.clone())
                .or_default() += weight;
        }
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let mut countries: Vec<(String, usize)> =
        counts.into_iter().filter(|(_, n)| 2 * n >= top).collect();
    countries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    countries.truncate(3);
    let mut cues = EventCues {
        types,
        family: None,
        countries: countries.into_iter().map(|(c, _)| c).collect(),
    };
    cues.family = cues.main_type().map(|t| {
        rules
            .event_types
            .iter()
            .find(|e| e.id == t)
            .and_then(|e| e.family.clone())
            .unwrap_or_else(|| t.to_string())
    });
    cues
}

/// Where a document's event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSource {
    /// The front matter's `event`.
    FrontMatter,
    /// Grouped with other documents by factdiff.
    Inferred,
    /// Neither: the document is compared with every event.
    None,
}

/// A document's event and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventChoice {
    /// The event id, if any.
    pub event: Option<String>,
    /// Where it comes from.
    pub source: EventSource,
    /// Why, in words a reviewer reads ("front matter", "inferred: earthquake in turkey, …").
    pub reason: String,
}

/// Chooses every document's event (one [`EventCues`] per document, same order); see the module doc.
pub fn assign(docs: &[Document], cues: &[EventCues]) -> Vec<EventChoice> {
    let n = docs.len().min(cues.len());
    let mut parent: Vec<usize> = (0..n).collect();
    // Documents that can be grouped: an event family, a country and a date.
    let mut buckets: BTreeMap<(&str, &str), Vec<(Date, usize)>> = BTreeMap::new();
    for i in 0..n {
        let (Some(family), Some(date)) = (cues[i].family.as_deref(), docs[i].published) else {
            continue;
        };
        for c in &cues[i].countries {
            buckets.entry((family, c)).or_default().push((date, i));
        }
    }
    for ((family, _), members) in &mut buckets {
        members.sort();
        // A family named apart from its types (violence: airstrike, shelling …) lasts longer.
        let window = if members
            .iter()
            .all(|&(_, i)| cues[i].main_type() == Some(*family))
        {
            WINDOW_DAYS
        } else {
            FAMILY_WINDOW_DAYS
        };
        for w in members.windows(2) {
            if w[0].0.days_until(w[1].0) <= window {
                union(&mut parent, w[0].1, w[1].1);
            }
        }
    }
    let groupable = |i: usize| {
        cues[i].family.is_some() && !cues[i].countries.is_empty() && docs[i].published.is_some()
    };
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in (0..n).filter(|&i| groupable(i)) {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<EventChoice> = (0..docs.len())
        .map(|i| match &docs[i].event {
            Some(e) => EventChoice {
                event: Some(e.clone()),
                source: EventSource::FrontMatter,
                reason: "front matter".to_string(),
            },
            None => EventChoice {
                event: None,
                source: EventSource::None,
                reason: not_inferred_reason(&docs[i], cues.get(i)),
            },
        })
        .collect();
    let mut used: std::collections::BTreeSet<String> =
        docs.iter().filter_map(|d| d.event.clone()).collect();
    for members in groups.values() {
        if members.iter().all(|&i| docs[i].event.is_some()) {
            continue;
        }
        let dates: Vec<Date> = members.iter().filter_map(|&i| docs[i].published).collect();
        let (first, last) = (dates.iter().min(), dates.iter().max());
        let (Some(&first), Some(&last)) = (first, last) else {
            continue;
        };
        let main_type = most_common(members.iter().filter_map(|&i| cues[i].main_type()));
        let country = most_common(
            members
                .iter()
                .flat_map(|&i| cues[i].countries.first())
                .map(String::as_str),
        );
        let (Some(main_type), Some(country)) = (main_type, country) else {
            continue;
        };
        let period = if first == last {
            format!("published {first}")
        } else {
            format!("published {first} to {last}")
        };
        let others = match members.len() {
            1 => "no other document of it".to_string(),
            k => format!("{k} documents"),
        };
        let front = most_common(members.iter().filter_map(|&i| docs[i].event.as_deref()));
        let (event, reason) = match front {
            Some(e) => (
                e.to_string(),
                format!("inferred: {main_type} in {country}, {period}, with documents whose front matter names {e}"),
            ),
            None => {
                let base = format!("{main_type}-{country}-{}", &first.to_string()[..7]);
                let mut id = base.clone();
                let mut k = 2;
                while used.contains(&id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                used.insert(id.clone());
                (id, format!("inferred: {main_type} in {country}, {period}, {others}"))
            }
        };
        for &i in members {
            if docs[i].event.is_none() {
                out[i] = EventChoice {
                    event: Some(event.clone()),
                    source: EventSource::Inferred,
                    reason: reason.clone(),
                };
            }
        }
    }
    out
}

/// Sets each document's `event_inferred` and `event_reason` from [`assign`].
pub fn apply(docs: &mut [Document], cues: &[EventCues]) {
    let choices = assign(docs, cues);
    for (d, c) in docs.iter_mut().zip(choices) {
        d.event_inferred = match c.source {
            EventSource::Inferred => c.event,
            _ => None,
        };
        d.event_reason = Some(c.reason);
    }
}

fn not_inferred_reason(doc: &Document, cues: Option<&EventCues>) -> String {
    let missing = match cues {
        None => "its text was not read",
        Some(c) if c.family.is_none() => "no event word",
        Some(c) if c.countries.is_empty() => "no place named",
        _ if doc.published.is_none() => "no date",
        _ => "no group",
    };
    format!("not inferred ({missing}): compared with every event")
}

/// The most frequent item, the smallest on a tie.
fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let top = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == top).map(|(k, _)| k)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller index becomes the root, so that groups are the same whatever the order of links.
    if ra < rb {
        parent[rb] = ra;
    } else {
        parent[ra] = rb;
    }
}

#[cfg(test)]
mod tests;
