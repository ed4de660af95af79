//! The places of a whole document, and the place a figure of it is counted for.
//!
//! A document names places many times; two things follow from them, computed once per document:
//! - its **context**: the countries and regions it names by name, which decide between places of one
//!   name in each clause ("Georgia" in an article about the United States is the state);
//! - its **locus**: the most specific place that holds at least two thirds of the place names of its
//!   title and lead (the first [`LEAD_BYTES`] of the body), else of the whole document: what the
//!   article is about ("Hawaii" in an article on the Lahaina fire, "Turkey" in one on the earthquake
//!   there). The lead decides first because later paragraphs name agencies and comparisons ("India's
//!   National Center for Seismology"). An article spread over several countries has none.
//!
//! A figure's place ([`Gazetteer::figure_place`]) is then the place it is counted for, as compared:
//! - the clause names places of several countries ("across Turkey and Syria"): the countries joined
//!   by `+` (`syria+turkey`), a combined figure;
//! - the clause names its country, the locus, a place containing the locus or a place of the locus's
//!   region ("in Lahaina" in an article on Hawaii's fires), or several places of one country ("across
//!   Florida, Georgia and the Carolinas"), or says the figure is national ("nationwide", "in several
//!   states"): the country, the whole;
//! - the clause names a region or city that is not the locus nor contains it ("in Hatay province" in
//!   an article on Turkey): that place's id (`turkey/hatay`), a part of its country compared only with
//!   the same part;
//! - the clause names no place: the locus's country, else none.

use super::{Gazetteer, PlaceId, PlaceKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// How much of a body's start is its lead, whose place names decide the locus first.
pub const LEAD_BYTES: usize = 600;

/// Words saying a figure is the whole country's, whatever place the clause also names ("Nationwide,
/// at least 105 people have died since Helene made landfall in Florida").
const NATIONAL: &[&str] = &[
    "nationwide",
    "countrywide",
    "across the country",
    "across the nation",
    "throughout the country",
    "in several states",
    "across several states",
    "in multiple states",
    "across multiple states",
    "in six states",
    "across six states",
    "in all",
];

/// True when `clause` says its figures are national (see [`NATIONAL`]).
fn national(clause: &str) -> bool {
    let lower = clause.to_ascii_lowercase();
    NATIONAL.iter().any(|w| {
        lower.match_indices(w).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// What a document's place names tell, computed once per document by [`Gazetteer::document_places`].
#[derive(Debug, Clone, Default)]
pub struct DocumentPlaces {
    /// The countries and regions the document names by name (not by demonym).
    pub context: FxHashSet<PlaceId>,
    /// The most specific place holding at least two thirds of the document's place names.
    pub locus: Option<PlaceId>,
}

impl Gazetteer {
    /// Reads the places of a document's title and body (see the module doc).
    pub fn document_places(&self, title: &str, body: &str) -> DocumentPlaces {
        let mut context = FxHashSet::default();
        let mut lead = Vec::new();
        let mut all = Vec::new();
        for (text, is_lead) in [(title, true), (body, false)] {
            for m in self.find_places(text).into_iter().filter(|m| !m.demonym) {
                let place = self.place(m.place);
                context.extend([m.place, place.country]);
                context.extend(place.region);
                if is_lead || m.span.start < LEAD_BYTES {
                    lead.push(m.place);
                }
                all.push(m.place);
            }
        }
        context.retain(|&p| self.place(p).kind != PlaceKind::City);
        let locus = self.locus(&lead).or_else(|| self.locus(&all));
        DocumentPlaces { context, locus }
    }

    /// The most specific place holding at least two thirds of `mentions` (ties: more mentions, then
    /// the smaller id).
    fn locus(&self, mentions: &[PlaceId]) -> Option<PlaceId> {
        let mut counts: FxHashMap<PlaceId, usize> = FxHashMap::default();
        for &m in mentions {
            let place = self.place(m);
            let mut chain = vec![m, place.country];
            chain.extend(place.region);
            chain.sort();
            chain.dedup();
            for p in chain {
                *counts.entry(p).or_default() += 1;
            }
        }
        let depth = |p: PlaceId| match self.place(p).kind {
            PlaceKind::Country => 0,
            PlaceKind::Region => 1,
            PlaceKind::City => 2,
        };
        counts
            .iter()
            .filter(|&(_, &n)| 3 * n >= 2 * mentions.len())
            .max_by(|a, b| {
                depth(*a.0)
                    .cmp(&depth(*b.0))
                    .then(a.1.cmp(b.1))
                    .then_with(|| self.place(*b.0).id.cmp(&self.place(*a.0).id))
            })
            .map(|(&p, _)| p)
    }

    /// The place a figure of `clause` is counted for, in a document whose places are `document`
    /// (see the module doc); `None` when neither the clause nor the document says.
    pub fn figure_place(&self, document: &DocumentPlaces, clause: &str) -> Option<String> {
        let locus_country = document.locus.map(|l| self.place(l).country);
        let Some(named) = self.place_of_clause_in(clause, &document.context) else {
            return locus_country.map(|c| self.place(c).id.clone());
        };
        let mut countries: Vec<PlaceId> = named
            .places
            .iter()
            .map(|&p| self.place(p).country)
            .collect();
        countries.sort_by(|a, b| self.place(*a).id.cmp(&self.place(*b).id));
        countries.dedup();
        let &[country] = countries.as_slice() else {
            let ids: Vec<&str> = countries
                .iter()
                .map(|&c| self.place(c).id.as_str())
                .collect();
            return Some(ids.join("+"));
        };
        let whole = national(clause)
            || match named.places.as_slice() {
                [p] => {
                    *p == country
                        || document.locus.is_some_and(|l| {
                            self.contains(*p, l)
                                || (self.place(l).kind != PlaceKind::Country
                                    && self.place(l).region.is_some()
                                    && self.place(*p).region == self.place(l).region)
                        })
                }
                _ => true,
            };
        let place = if whole { country } else { named.places[0] };
        Some(self.place(place).id.clone())
    }

    /// True when `outer` is `inner` or holds it (its country or region).
    fn contains(&self, outer: PlaceId, inner: PlaceId) -> bool {
        let p = self.place(inner);
        outer == inner || p.country == outer || p.region == Some(outer)
    }
}
