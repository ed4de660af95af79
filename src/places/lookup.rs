//! Finding places in text: an index of every name's folded key (plus the set of word prefixes of
//! longer names, so that a name is extended word by word only while some name begins so), scanned once
//! over the text's words, longest name first. A name must be capitalised as a name is (all-capital
//! aliases such as "US" only in capitals); a town or region named by a common word or given name
//! ("Nice", "Reading", "Victoria") needs a cue ("the town of Paradise", "Van province", "Split,
//! Croatia"); a town or region inside a longer proper name ("Hurricane Harvey", "Jackson Browne") is
//! not taken. Between places sharing a name, a hand-written alias beats a GeoNames name, which beats an
//! alternate name (which is taken only after a preposition of place or with a cue, since GeoNames'
//! alternate names include words of other languages, "Hamas" for Hamm); then a place in a region or
//! country the text names elsewhere (by name, not demonym); then country, region, city;
//! then the larger population.

use super::data::{Data, NameSource};
use super::names::{words, Word};
use super::{Gazetteer, PlaceId, PlaceKind, PlaceMention};
use rustc_hash::{FxHashMap, FxHashSet};

/// The longest name, in words, that the index holds.
const MAX_WORDS: usize = 6;

/// Words that, after a place's name, say it is a place ("Hatay province", "Gaza City").
const TYPE_WORDS: &[&str] = &[
    "province",
    "provinces",
    "city",
    "state",
    "region",
    "governorate",
    "county",
    "district",
    "strip",
    "prefecture",
    "oblast",
    "department",
    "municipality",
    "island",
    "islands",
];

/// Words that, followed by "of", say the next name is a place ("the town of Paradise").
const CUE_WORDS: &[&str] = &[
    "town",
    "city",
    "village",
    "villages",
    "municipality",
    "hamlet",
    "community",
    "port",
    "capital",
    "province",
    "region",
    "state",
    "district",
    "county",
    "suburb",
    "island",
];

/// Capitalised words that may stand before a place's name without making it part of a longer proper
/// name.
const FUNCTION_WORDS: &[&str] = &[
    "in", "at", "on", "of", "from", "to", "near", "across", "and", "the", "northern", "southern",
    "eastern", "western", "central", "north", "south", "east", "west", "greater",
];

/// The name index of a gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Folded key of a whole name → indices into `Data::names`.
    keys: FxHashMap<String, Vec<u32>>,
    /// Every key of the first 1..n-1 words of a name of n words.
    prefixes: FxHashSet<String>,
}

impl Index {
    /// Indexes every name of `data`, except those of fewer than three letters that are not written in
    /// capitals (too many short names are words in some language).
    pub fn new(data: &Data) -> Index {
        let mut index = Index::default();
        index.keys.reserve(data.names.len());
        for (i, n) in data.names.iter().enumerate() {
            let key = n.key.as_str();
            let spaces = key.bytes().filter(|&b| b == b' ').count();
            if key.is_empty() || spaces >= MAX_WORDS {
                continue;
            }
            if key.chars().count() - spaces < 3 && !caps_only(&n.text) {
                continue;
            }
            for (at, _) in key.match_indices(' ') {
                if !index.prefixes.contains(&key[..at]) {
                    index.prefixes.insert(key[..at].to_string());
                }
            }
            match index.keys.get_mut(key) {
                Some(v) => v.push(i as u32),
                None => {
                    index.keys.insert(key.to_string(), vec![i as u32]);
                }
            }
        }
        index
    }

    /// The names of key `key`.
    fn get(&self, key: &str) -> Option<&[u32]> {
        self.keys.get(key).map(|v| v.as_slice())
    }
}

/// True when a name has letters and none is lowercase ("US", "U.S.", "DRC").
fn caps_only(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// A name found in the text, before choosing among the places it may name.
struct Found {
    first: usize,
    last: usize,
    names: Vec<u32>,
}

impl Gazetteer {
    /// The places named in `text`, in text order, with their byte spans. See the module doc for what
    /// counts as naming a place.
    pub fn find_places(&self, text: &str) -> Vec<PlaceMention> {
        self.find_places_in(text, &FxHashSet::default())
    }

    /// As [`Gazetteer::find_places`], with the countries and regions a larger text (the document
    /// `text` is part of) names: they decide between places of one name as those `text` names do
    /// ("Georgia" in a clause of an article about the United States is the state).
    pub fn find_places_in(&self, text: &str, outer: &FxHashSet<PlaceId>) -> Vec<PlaceMention> {
        let ws = words(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            match self.longest_at(text, &ws, i) {
                Some(f) => {
                    i = f.last + 1;
                    found.push(f);
                }
                None => i += 1,
            }
        }
        // Countries and regions named by a name of their own: they decide between towns of the same
        // name elsewhere ("Paradise, California").
        // Only names of one country decide ("Georgia" could be the country or the US state, so it
        // decides nothing); their countries decide too.
        let mut context: FxHashSet<PlaceId> = outer.clone();
        for f in &found {
            let country = |n: &u32| self.place(self.data.names[*n as usize].place).country;
            if f.names.iter().any(|n| country(n) != country(&f.names[0])) {
                continue;
            }
            let Some(n) = self.best(&f.names, outer) else {
                continue;
            };
            let name = &self.data.names[n as usize];
            if matches!(name.source, NameSource::Alias | NameSource::Primary)
                && self.place(name.place).kind != PlaceKind::City
            {
                context.insert(name.place);
                context.insert(self.place(name.place).country);
            }
        }
        found
            .iter()
            .filter_map(|f| {
                let n = &self.data.names[self.best(&f.names, &context)? as usize];
                let place = self.place(n.place);
                Some(PlaceMention {
                    span: ws[f.first].start..ws[f.last].end,
                    place: n.place,
                    kind: place.kind,
                    country: place.country,
                    demonym: n.source == NameSource::Demonym,
                    possessive: ws[f.last].possessive,
                })
            })
            .collect()
    }

    /// The longest name beginning at word `i` that some place may bear here, with those places' names.
    fn longest_at(&self, text: &str, ws: &[Word], i: usize) -> Option<Found> {
        if !ws[i].capitalised {
            return None;
        }
        let mut key = ws[i].key.clone();
        let mut best = None;
        let mut j = i;
        loop {
            if let Some(names) = self.index.get(&key) {
                let ok: Vec<u32> = names
                    .iter()
                    .copied()
                    .filter(|&n| self.name_fits(text, ws, i, j, n))
                    .collect();
                if !ok.is_empty() {
                    best = Some(Found {
                        first: i,
                        last: j,
                        names: ok,
                    });
                }
            }
            if j + 1 >= ws.len()
                || j + 1 - i >= MAX_WORDS
                || ws[j].possessive
                || !joined(text, &ws[j], &ws[j + 1])
                || !self.index.prefixes.contains(&key)
            {
                break;
            }
            j += 1;
            key.push(' ');
            key.push_str(&ws[j].key);
        }
        best
    }

    /// Whether name `n` may be what words `i..=j` of the text say.
    fn name_fits(&self, text: &str, ws: &[Word], i: usize, j: usize, n: u32) -> bool {
        let name = &self.data.names[n as usize];
        if caps_only(&name.text) && !ws[i..=j].iter().all(|w| w.upper) {
            return false;
        }
        let kind = self.place(name.place).kind;
        if kind == PlaceKind::Country || name.source == NameSource::Alias {
            return true;
        }
        let cue = cue_before(text, ws, i) || type_word_after(text, ws, j);
        if name.needs_cue {
            return cue || self.same_country_after(text, ws, j, name.place);
        }
        if name.source == NameSource::Demonym {
            return true;
        }
        // GeoNames' alternate names include other languages' forms that are words or names in
        // English ("Hamas" for Hamm): only after a preposition of place or with a cue.
        if name.source == NameSource::Alternate
            && !(cue || self.same_country_after(text, ws, j, name.place) || after_locative(ws, i))
        {
            return false;
        }
        // Inside a longer proper name ("Hurricane Harvey", "Lake Victoria", "Paradise Papers")?
        let before = i > 0
            && joined(text, &ws[i - 1], &ws[i])
            && ws[i - 1].capitalised
            && !sentence_initial(text, &ws[i - 1])
            && !FUNCTION_WORDS.contains(&ws[i - 1].key.as_str());
        let after = j + 1 < ws.len()
            && joined(text, &ws[j], &ws[j + 1])
            && ws[j + 1].capitalised
            && !ws[j].possessive
            && !TYPE_WORDS.contains(&ws[j + 1].key.as_str());
        cue || !(before || after)
    }

    /// "Split, Croatia": a comma, then a name of the place's country or region.
    fn same_country_after(&self, text: &str, ws: &[Word], j: usize, place: PlaceId) -> bool {
        let Some(next) = ws.get(j + 1) else {
            return false;
        };
        if text[ws[j].end..next.start].trim() != "," {
            return false;
        }
        let country = self.place(place).country;
        let region = self.place(place).region;
        self.longest_at(text, ws, j + 1).is_some_and(|f| {
            f.names.iter().any(|&n| {
                let p = self.data.names[n as usize].place;
                p == country || Some(p) == region
            })
        })
    }

    /// The best of `names` (see the module doc), preferring places of the `context` countries.
    fn best(&self, names: &[u32], context: &FxHashSet<PlaceId>) -> Option<u32> {
        names.iter().copied().min_by_key(|&n| {
            let name = &self.data.names[n as usize];
            let place = self.place(name.place);
            let source = match name.source {
                NameSource::Alias => 0,
                NameSource::Primary | NameSource::Demonym => 1,
                NameSource::Alternate => 2,
            };
            let kind = match place.kind {
                PlaceKind::Country => 0,
                PlaceKind::Region => 1,
                PlaceKind::City => 2,
            };
            (
                source,
                !place.region.is_some_and(|r| context.contains(&r)),
                !context.contains(&place.country),
                kind,
                std::cmp::Reverse(place.population),
                std::cmp::Reverse(self.place(place.country).population),
                n,
            )
        })
    }
}

/// True when only spaces, a hyphen or a dot stand between two words (one name may go on).
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '-' || c == '.')
}

/// True when the word begins a sentence or a line.
fn sentence_initial(text: &str, w: &Word) -> bool {
    let before = text[..w.start].trim_end_matches([' ', '\t']);
    before.is_empty()
        || before.ends_with([
            '.', '!', '?', '"', '\u{201C}', '\u{201D}', ':', ';', '\n', '\r', '(',
        ])
}

/// "the town of X": a cue word and "of" right before word `i`.
fn cue_before(text: &str, ws: &[Word], i: usize) -> bool {
    i >= 2
        && ws[i - 1].key == "of"
        && CUE_WORDS.contains(&ws[i - 2].key.as_str())
        && joined(text, &ws[i - 2], &ws[i - 1])
        && joined(text, &ws[i - 1], &ws[i])
}

/// Prepositions of place.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "across", "inside", "outside", "around", "from", "into",
];

/// True when a preposition of place stands before word `i`, perhaps with "the" or a direction word
/// between ("in the northern").
fn after_locative(ws: &[Word], i: usize) -> bool {
    ws[..i]
        .iter()
        .rev()
        .take(3)
        .find(|w| !FUNCTION_WORDS.contains(&w.key.as_str()) || LOCATIVE.contains(&w.key.as_str()))
        .is_some_and(|w| LOCATIVE.contains(&w.key.as_str()))
}

/// "Van province": a type word right after word `j`.
fn type_word_after(text: &str, ws: &[Word], j: usize) -> bool {
    ws.get(j + 1).is_some_and(|next| {
        TYPE_WORDS.contains(&next.key.as_str()) && joined(text, &ws[j], next) && !ws[j].possessive
    })
}
