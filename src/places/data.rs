//! Loads the gazetteer's two data files: `data/places/places.tsv` (derived from GeoNames by
//! `scripts/gen_places.py`: countries, first-level regions, towns and cities from 10,000 people) and
//! `data/places/aliases.tsv` (factdiff's own aliases, demonyms, id overrides and stop names). Gives
//! each place its readable id (`turkey`, `turkey/hatay`, `united-states/hawaii/lahaina`) and lists
//! every name with the place it names and how strong a name it is. No lookup here (see `lookup`).

use super::names::slug;
use super::{Place, PlaceId, PlaceKind};
use std::collections::{BTreeMap, BTreeSet};

/// How a name names its place, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameSource {
    /// A hand-written alias (aliases.tsv): "Türkiye", "U.S.", "Gaza".
    Alias,
    /// The place's GeoNames name or its ASCII form.
    Primary,
    /// A demonym ("Turkish"): names the country, but weaker than a name after "in".
    Demonym,
    /// One of GeoNames' alternate names.
    Alternate,
}

/// One name of a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written in the data.
    pub text: String,
    /// Its matching key ([`super::names::key`]), computed once.
    pub key: String,
    /// The place it names.
    pub place: PlaceId,
    /// How it names it.
    pub source: NameSource,
    /// The name is also a common word or given name: it needs a cue ("the town of Paradise").
    pub needs_cue: bool,
}

/// The loaded data: places (indexed by [`PlaceId`]) and all their names.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// Every place; a [`PlaceId`] is an index here.
    pub places: Vec<Place>,
    /// Every name.
    pub names: Vec<Name>,
}

/// Parses the two files. Errors name the file's line.
pub fn load(places_tsv: &str, aliases_tsv: &str) -> Result<Data, String> {
    let mut overrides = BTreeMap::new();
    let mut stop = BTreeSet::new();
    let mut extra: Vec<(usize, &str, NameSource, &str)> = Vec::new();
    for (n, line) in aliases_tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [what, target, names] = f[..] else {
            return Err(format!("aliases.tsv:{}: expected 3 fields", n + 1));
        };
        match what {
            "id" => {
                overrides.insert(target, names);
            }
            "stop" => stop.extend(names.split('|').map(super::names::key)),
            "alias" => extra.push((n + 1, target, NameSource::Alias, names)),
            "demonym" => extra.push((n + 1, target, NameSource::Demonym, names)),
            _ => return Err(format!("aliases.tsv:{}: unknown entry '{what}'", n + 1)),
        }
    }

    let mut data = Data::default();
    let mut country_ids: BTreeMap<String, PlaceId> = BTreeMap::new();
    let mut region_ids: BTreeMap<(String, String), PlaceId> = BTreeMap::new();
    let mut used_ids: rustc_hash::FxHashSet<String> = Default::default();
    for (n, line) in places_tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [kind, cc, admin1, population, flags, names] = f[..] else {
            return Err(format!("places.tsv:{}: expected 6 fields", n + 1));
        };
        let kind = match kind {
            "C" => PlaceKind::Country,
            "R" => PlaceKind::Region,
            "T" => PlaceKind::City,
            _ => return Err(format!("places.tsv:{}: unknown kind '{kind}'", n + 1)),
        };
        let population: u64 = population
            .parse()
            .map_err(|_| format!("places.tsv:{}: bad population", n + 1))?;
        let mut all = names.split('|').filter(|s| !s.is_empty());
        let Some(name) = all.next() else {
            return Err(format!("places.tsv:{}: no name", n + 1));
        };
        let id = PlaceId(data.places.len() as u32);
        let country = match kind {
            PlaceKind::Country => id,
            _ => match country_ids.get(cc) {
                Some(&c) => c,
                None => continue, // a region or city of a country the data does not list
            },
        };
        let region = match kind {
            PlaceKind::City => region_ids
                .get(&(cc.to_string(), admin1.to_string()))
                .copied(),
            PlaceKind::Region => Some(id),
            PlaceKind::Country => None,
        };
        let own = match kind {
            PlaceKind::Country => overrides
                .get(cc)
                .map(|s| s.to_string())
                .unwrap_or_else(|| slug(name)),
            _ => slug(name),
        };
        let parent = match kind {
            PlaceKind::Country => String::new(),
            PlaceKind::Region => format!("{}/", data.places[country.0 as usize].id),
            PlaceKind::City => match region {
                Some(r) => format!("{}/", data.places[r.0 as usize].id),
                None => format!("{}/", data.places[country.0 as usize].id),
            },
        };
        let mut place_id = format!("{parent}{own}");
        let mut k = 2;
        while used_ids.contains(&place_id) {
            place_id = format!("{parent}{own}-{k}");
            k += 1;
        }
        used_ids.insert(place_id.clone());
        match kind {
            PlaceKind::Country => {
                country_ids.insert(cc.to_string(), id);
            }
            PlaceKind::Region => {
                region_ids.insert((cc.to_string(), admin1.to_string()), id);
            }
            PlaceKind::City => {}
        }
        let common = flags.contains('w');
        let primary_key = super::names::key(name);
        for (i, text) in std::iter::once(name).chain(all).enumerate() {
            let key = if i == 0 {
                primary_key.clone()
            } else {
                super::names::key(text)
            };
            let source = if i == 0 || key == primary_key {
                NameSource::Primary
            } else {
                NameSource::Alternate
            };
            let needs_cue = kind != PlaceKind::Country
                && ((common && key == primary_key) || stop.contains(&key));
            data.names.push(Name {
                text: text.to_string(),
                key,
                place: id,
                source,
                needs_cue,
            });
        }
        data.places.push(Place {
            id: place_id,
            name: name.to_string(),
            kind,
            country,
            region,
            country_code: cc.to_string(),
            population,
        });
    }
    for (line, target, source, names) in extra {
        let (cc, admin1) = match target.split_once('.') {
            Some((cc, a)) => (cc, Some(a)),
            None => (target, None),
        };
        let place = match admin1 {
            None => country_ids.get(cc).copied(),
            Some(a) => region_ids.get(&(cc.to_string(), a.to_string())).copied(),
        }
        .ok_or_else(|| format!("aliases.tsv:{line}: unknown place '{target}'"))?;
        for text in names.split('|').filter(|s| !s.is_empty()) {
            data.names.push(Name {
                text: text.to_string(),
                key: super::names::key(text),
                place,
                source,
                needs_cue: false,
            });
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str =
        "# test\nC\tTR\t\t82000000\t\tTurkey\nC\tXX\t\t5\t\tPalestinian Territory\n\
        R\tTR\t31\t0\t\tHatay|Hatay Province\nT\tTR\t31\t399045\t\tAntakya|Antioch|Hatay\n\
        T\tTR\t65\t350000\tw\tVan\nT\tZZ\t01\t50000\t\tNowhere\n";
    const ALIASES: &str =
        "id\tXX\tpalestine\nalias\tTR\tTürkiye\ndemonym\tTR\tTurkish\nstop\t-\tAntioch\n";

    #[test]
    fn ids_are_readable_paths_and_names_carry_their_strength() {
        let d = load(PLACES, ALIASES).unwrap();
        let ids: Vec<&str> = d.places.iter().map(|p| p.id.as_str()).collect();
        // The city of an unknown country is skipped; a city without its region hangs on the country.
        assert_eq!(
            ids,
            [
                "turkey",
                "palestine",
                "turkey/hatay",
                "turkey/hatay/antakya",
                "turkey/van"
            ]
        );
        let name = |t: &str| d.names.iter().find(|n| n.text == t).unwrap();
        assert_eq!(name("Antakya").source, NameSource::Primary);
        assert_eq!(name("Antioch").source, NameSource::Alternate);
        assert!(name("Antioch").needs_cue, "stop names need a cue");
        assert!(name("Van").needs_cue, "common words need a cue");
        assert!(!name("Hatay Province").needs_cue);
        assert_eq!(name("Türkiye").source, NameSource::Alias);
        assert_eq!(name("Turkish").source, NameSource::Demonym);
        assert_eq!(name("Turkish").place, PlaceId(0));
    }

    #[test]
    fn bad_lines_are_errors_with_their_line() {
        assert_eq!(
            load("C\tTR\n", "").unwrap_err(),
            "places.tsv:1: expected 6 fields"
        );
        assert_eq!(
            load(PLACES, "alias\tQQ\tNowhere\n").unwrap_err(),
            "aliases.tsv:1: unknown place 'QQ'"
        );
    }
}
