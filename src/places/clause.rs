//! The place a figure belongs to, from its clause: the places after a locative preposition ("in
//! Turkey", "across Turkey and Syria", "in Turkey's Hatay province", "in the town of Paradise"), else a
//! possessive ("Turkey's death toll"), else the one country every place the clause names is in
//! (demonyms such as "Turkish officials" and destinations such as "into Egypt" do not count). Places joined by "and" or commas after one preposition make a combined place
//! (`syria+turkey`, ids sorted); a country named with one of its regions or cities gives way to the
//! more specific place ("in Antakya, Turkey" → the city).

use super::names::words;
use super::{Gazetteer, PlaceId, PlaceKind, PlaceMention};
use rustc_hash::FxHashSet;

/// Prepositions that put a figure in a place.
const LOCATIVE: &[&str] = &[
    "in",
    "across",
    "throughout",
    "at",
    "inside",
    "within",
    "around",
    "near",
];

/// Prepositions of movement: a place after them is where people went, not where a figure stands.
const DIRECTION: &[&str] = &["into", "to", "towards", "toward", "via", "from"];

/// Words that may stand between a preposition and the place ("in the southern province of Hatay").
const BETWEEN: &[&str] = &[
    "the",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "south",
    "north",
    "east",
    "west",
    "southeastern",
    "southwestern",
    "northeastern",
    "northwestern",
    "neighbouring",
    "neighboring",
    "rural",
    "coastal",
    "war-torn",
    "quake-hit",
    "flood-hit",
    "hard-hit",
    "town",
    "city",
    "village",
    "province",
    "region",
    "state",
    "district",
    "county",
    "of",
    "parts",
    "areas",
    "both",
    "all",
    "over",
    "and",
    "or",
    "as",
    "well",
];

/// The place of a clause: one gazetteer place, or several together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClausePlace {
    /// The id: a place's id (`turkey/hatay`) or the sorted ids of several joined by `+`
    /// (`syria+turkey`).
    pub id: String,
    /// The places, sorted by id (one for a single place).
    pub places: Vec<PlaceId>,
    /// The kind of a single place; `None` for a combined one.
    pub kind: Option<PlaceKind>,
    /// The id of the country every place is in, when there is one.
    pub country: Option<String>,
}

impl ClausePlace {
    /// True for a region or city: a part of [`ClausePlace::country`], which a caller can use as the
    /// place of the whole and this place as a scope.
    pub fn is_part_of_country(&self) -> bool {
        matches!(self.kind, Some(PlaceKind::Region | PlaceKind::City))
    }
}

impl Gazetteer {
    /// The place the figures of `clause` belong to; see the module doc. `None` when the clause names
    /// no place, or places of several countries without saying which holds the figure.
    pub fn place_of_clause(&self, clause: &str) -> Option<ClausePlace> {
        self.place_of_clause_in(clause, &FxHashSet::default())
    }

    /// As [`Gazetteer::place_of_clause`], with the places the clause's document names deciding
    /// between places of one name (see [`Gazetteer::find_places_in`]).
    pub fn place_of_clause_in(
        &self,
        clause: &str,
        document: &FxHashSet<PlaceId>,
    ) -> Option<ClausePlace> {
        let mentions = self.find_places_in(clause, document);
        if mentions.is_empty() {
            return None;
        }
        let groups = locative_groups(clause, &mentions);
        if let Some(group) = groups.first() {
            return self.combine(group.iter().map(|m| m.place));
        }
        if let Some(m) = mentions.iter().find(|m| m.possessive && !m.demonym) {
            return self.combine(std::iter::once(m.place));
        }
        // Places named, not by a demonym ("Israeli strikes") nor as a destination ("crossed into
        // Egypt"), all in one country.
        let ws = words(clause);
        let named: Vec<&PlaceMention> = mentions
            .iter()
            .filter(|m| !m.demonym && !modifier_use(clause, m))
            .filter(|m| {
                let before = ws.iter().rev().find(|w| w.end <= m.span.start);
                !before.is_some_and(|w| DIRECTION.contains(&w.key.as_str()))
            })
            .collect();
        let country = named.first()?.country;
        if named.iter().all(|m| m.country == country) {
            return match self.combine(named.iter().map(|m| m.place)) {
                Some(p) if p.kind.is_some() => Some(p),
                _ => self.combine(std::iter::once(country)),
            };
        }
        None
    }

    /// One place from several: places inside another of the set are kept, the containing one
    /// dropped; one left gives that place, several a combined place.
    fn combine(&self, places: impl Iterator<Item = PlaceId>) -> Option<ClausePlace> {
        let mut set: Vec<PlaceId> = places.collect();
        set.sort_by(|a, b| self.place(*a).id.cmp(&self.place(*b).id));
        set.dedup();
        let contains = |outer: PlaceId, inner: PlaceId| {
            let p = self.place(inner);
            outer != inner && (p.country == outer || p.region == Some(outer))
        };
        let kept: Vec<PlaceId> = set
            .iter()
            .copied()
            .filter(|&a| !set.iter().any(|&b| contains(a, b)))
            .collect();
        let first = *kept.first()?;
        let country = self.place(first).country;
        let one_country = kept.iter().all(|&p| self.place(p).country == country);
        Some(ClausePlace {
            id: kept
                .iter()
                .map(|&p| self.place(p).id.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            kind: (kept.len() == 1).then(|| self.place(first).kind),
            country: one_country.then(|| self.place(country).id.clone()),
            places: kept,
        })
    }
}

/// Nouns a country's name can modify as an adjective would ("US air strikes", "U.S. President"):
/// such a name says who acted, not where a figure stands.
const MODIFIED_NOUNS: &[&str] = &[
    "air",
    "airstrikes",
    "strikes",
    "strike",
    "warplanes",
    "jets",
    "drone",
    "drones",
    "forces",
    "troops",
    "soldiers",
    "army",
    "military",
    "navy",
    "officials",
    "official",
    "president",
    "government",
    "embassy",
    "envoy",
    "ambassador",
    "secretary",
    "minister",
    "coalition",
    "special",
    "state",
    "department",
    "administration",
    "authorities",
    "intelligence",
];

/// True when a place's name is used as a modifier: "Britain-based", "US-led", "US air strikes".
fn modifier_use(clause: &str, m: &PlaceMention) -> bool {
    let after = clause.get(m.span.end..).unwrap_or("");
    let starts_with = |s: &str| {
        after
            .get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    };
    if ["-based", "-led", "-backed", "-brokered", "-sponsored"]
        .iter()
        .any(|s| starts_with(s))
    {
        return true;
    }
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .unwrap_or(rest.len());
    MODIFIED_NOUNS
        .iter()
        .any(|n| n.eq_ignore_ascii_case(&rest[..end]))
}

/// The mentions after a locative preposition, in groups: one group per preposition, holding the
/// places it governs ("across Turkey and Syria": both; "in Turkey's Hatay province": both).
fn locative_groups<'m>(clause: &str, mentions: &'m [PlaceMention]) -> Vec<Vec<&'m PlaceMention>> {
    let ws = words(clause);
    let mut groups: Vec<Vec<&PlaceMention>> = Vec::new();
    let mut previous_end: Option<usize> = None; // end of the last place of the open group
                                                // A demonym is an adjective ("near the Egyptian border"), not a place a preposition governs.
    for m in mentions
        .iter()
        .filter(|m| !m.demonym && !modifier_use(clause, m))
    {
        if let Some(end) = previous_end {
            let gap = &clause[end..m.span.start];
            let gap_words = words(gap);
            let conjunction = gap_words
                .iter()
                .any(|w| matches!(w.key.as_str(), "and" | "or"));
            let joined = !gap.contains(['.', ';', ':', '(', ')'])
                && gap_words.iter().all(|w| {
                    JOIN.contains(&w.key.as_str())
                        || (conjunction && BETWEEN.contains(&w.key.as_str()))
                });
            if joined {
                if let Some(g) = groups.last_mut() {
                    g.push(m);
                    previous_end = Some(m.span.end);
                    continue;
                }
            }
        }
        let mut governed = false;
        for w in ws.iter().rev().filter(|w| w.end <= m.span.start) {
            if LOCATIVE.contains(&w.key.as_str()) {
                governed = true;
                break;
            }
            let in_possessive = mentions
                .iter()
                .any(|o| o.possessive && o.span.start <= w.start && w.end <= o.span.end);
            if !(BETWEEN.contains(&w.key.as_str()) || in_possessive) {
                break;
            }
        }
        if governed {
            groups.push(vec![m]);
            previous_end = Some(m.span.end);
        } else {
            previous_end = None;
        }
    }
    groups
}

/// Words that may join two places of one group ("Turkey and Syria", "Turkey, Syria", "Turkey's
/// Hatay", "Turkey and neighbouring Syria"); `s` is a possessive's.
const JOIN: &[&str] = &[
    "and",
    "or",
    "as",
    "well",
    "in",
    "s",
    "also",
    "neighbouring",
    "neighboring",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
];
