//! Places: a gazetteer of countries, first-level regions and towns and cities (from 10,000 people),
//! derived from GeoNames (CC BY 4.0; see `data/places/NOTICE`) and embedded in the binary, with
//! factdiff's own aliases and demonyms ("Türkiye", "Burma", "U.S.", "Turkish", "Gaza").
//!
//! It answers three questions: which places a text names ([`Gazetteer::find_places`]), which place a
//! figure's clause is about ([`Gazetteer::place_of_clause`]: "in Turkey", "across Turkey and Syria" →
//! `syria+turkey`, "in Hatay province" → `turkey/hatay`), and which country a place is in
//! ([`Gazetteer::country_of`]). A place's id is a readable path: `turkey`, `turkey/hatay`,
//! `united-states/hawaii/lahaina`; a region or a city is a part of its country, so a caller can use the
//! country as the subject's place and the rest as a scope.
//!
//! Files, one job each: `data` loads the two data files, `names` folds names and words, `lookup` finds
//! names in text, `clause` picks a clause's place, `document` reads a document's places and gives a
//! figure the place it is compared for. Nothing here reads files or the rules.

mod clause;
mod data;
mod document;
mod lookup;
mod names;

pub use clause::ClausePlace;
pub use document::DocumentPlaces;

use std::sync::OnceLock;

/// The GeoNames-derived data (see `scripts/gen_places.py`).
const PLACES_TSV: &str = include_str!("../../data/places/places.tsv");
/// factdiff's own aliases, demonyms, id overrides and stop names.
const ALIASES_TSV: &str = include_str!("../../data/places/aliases.tsv");

/// A place of the gazetteer, as an index into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(pub u32);

/// What a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A country or territory with an ISO code.
    Country,
    /// A first-level region: province, state, governorate ("Hatay", "Hawaii", "Gaza Strip").
    Region,
    /// A town or city of at least 10,000 people.
    City,
}

impl PlaceKind {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
        }
    }
}

/// One place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The readable id: `turkey`, `turkey/hatay`, `turkey/hatay/antakya` (a suffix `-2` … tells apart
    /// places of one name in one region).
    pub id: String,
    /// The GeoNames name ("Antakya").
    pub name: String,
    /// Country, region or city.
    pub kind: PlaceKind,
    /// Its country (itself for a country).
    pub country: PlaceId,
    /// Its first-level region (itself for a region; `None` for a country or when GeoNames gives none).
    pub region: Option<PlaceId>,
    /// The ISO 3166-1 alpha-2 code of its country.
    pub country_code: String,
    /// Its population (GeoNames; 0 for regions, whose population the data does not give).
    pub population: u64,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    /// Byte span of the name in the text (a possessive `'s` excluded).
    pub span: std::ops::Range<usize>,
    /// The place.
    pub place: PlaceId,
    /// Its kind.
    pub kind: PlaceKind,
    /// Its country.
    pub country: PlaceId,
    /// Named by a demonym ("Turkish"), which names the country less surely than its name.
    pub demonym: bool,
    /// Written as a possessive ("Turkey's").
    pub possessive: bool,
}

/// The gazetteer: places, names and the index to find them in text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    data: data::Data,
    index: lookup::Index,
    by_id: rustc_hash::FxHashMap<String, PlaceId>,
}

impl Gazetteer {
    /// The embedded gazetteer, built on first use (a few tens of milliseconds) and shared.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::from_tsv(PLACES_TSV, ALIASES_TSV)
                .expect("the embedded gazetteer is valid (tested)")
        })
    }

    /// Builds a gazetteer from the text of a places file and an aliases file (the formats of
    /// `data/places/`); an error names the file and line.
    pub fn from_tsv(places_tsv: &str, aliases_tsv: &str) -> Result<Gazetteer, String> {
        let data = data::load(places_tsv, aliases_tsv)?;
        let index = lookup::Index::new(&data);
        let by_id = data
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), PlaceId(i as u32)))
            .collect();
        Ok(Gazetteer { data, index, by_id })
    }

    /// The place `id` stands for.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.data.places[id.0 as usize]
    }

    /// The place of a readable id (`turkey/hatay`).
    pub fn by_id(&self, id: &str) -> Option<PlaceId> {
        self.by_id.get(id).copied()
    }

    /// The country a place is in (a country is its own).
    pub fn country_of(&self, id: PlaceId) -> &Place {
        self.place(self.place(id).country)
    }

    /// How many places the gazetteer holds.
    pub fn len(&self) -> usize {
        self.data.places.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.data.places.is_empty()
    }
}

/// The places `text` names, with the embedded gazetteer (see [`Gazetteer::find_places`]).
pub fn find_places(text: &str) -> Vec<PlaceMention> {
    Gazetteer::embedded().find_places(text)
}

/// The place a clause's figure belongs to, with the embedded gazetteer (see
/// [`Gazetteer::place_of_clause`]).
pub fn place_of_clause(clause: &str) -> Option<ClausePlace> {
    Gazetteer::embedded().place_of_clause(clause)
}

#[cfg(test)]
mod tests;
