//! The compiled word lists of the frame grammar, read from `rules.toml`'s `[frames]` table. A list is a
//! set of phrases (one or more lowercase words) looked up by their first word, longest phrase first,
//! so matching a token costs one hash lookup.

use super::tokens::Token;
use crate::rules::spec::FramesSpec;
use std::collections::HashMap;

/// A set of phrases, matched against tokens.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    /// Builds the set from phrases such as `"death toll"`.
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for p in phrases {
            let words: Vec<String> = p
                .as_ref()
                .split_whitespace()
                .map(|w| w.to_lowercase().replace('’', "'"))
                .collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
            list.dedup();
        }
        PhraseSet { by_first }
    }

    /// The number of tokens of the longest phrase of the set that starts at `tokens[at]`.
    pub fn match_at(&self, tokens: &[Token], at: usize) -> Option<usize> {
        let first = tokens.get(at)?.word()?;
        let list = self.by_first.get(first)?;
        list.iter()
            .find(|p| {
                p.iter()
                    .enumerate()
                    .all(|(k, w)| tokens.get(at + k).and_then(Token::word) == Some(w.as_str()))
            })
            .map(Vec::len)
    }

    /// The number of tokens of the longest phrase of the set that ends at `tokens[end - 1]`.
    pub fn match_ending_at(&self, tokens: &[Token], end: usize) -> Option<usize> {
        (1..=end.min(6))
            .rev()
            .find(|&n| self.matches_exactly(tokens, end - n, n))
    }

    /// True when a phrase of exactly `n` tokens of the set starts at `tokens[at]`.
    fn matches_exactly(&self, tokens: &[Token], at: usize, n: usize) -> bool {
        let Some(first) = tokens.get(at).and_then(Token::word) else {
            return false;
        };
        self.by_first.get(first).is_some_and(|list| {
            list.iter().filter(|p| p.len() == n).any(|p| {
                p.iter()
                    .enumerate()
                    .all(|(k, w)| tokens.get(at + k).and_then(Token::word) == Some(w.as_str()))
            })
        })
    }

    /// True when the word is a one-word phrase of the set.
    pub fn contains_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|l| l.iter().any(|p| p.len() == 1))
    }
}

/// What happened to the counted people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Event {
    /// Killed, dead, died.
    Killed,
    /// Wounded, injured.
    Wounded,
    /// Displaced, fled, homeless.
    Displaced,
    /// Missing, unaccounted for.
    Missing,
    /// Held, abducted, taken hostage.
    Held,
    /// Released, freed, handed over.
    Released,
}

impl Event {
    /// All events, in the order the lexicon names them.
    pub const ALL: [Event; 6] = [
        Event::Killed,
        Event::Wounded,
        Event::Displaced,
        Event::Missing,
        Event::Held,
        Event::Released,
    ];

    /// The key in `[frames.events]` and `[frames.tolls]`.
    pub fn key(self) -> &'static str {
        match self {
            Event::Killed => "killed",
            Event::Wounded => "wounded",
            Event::Displaced => "displaced",
            Event::Missing => "missing",
            Event::Held => "held",
            Event::Released => "released",
        }
    }
}

/// What a tally noun counts: people something happened to, trucks, or a population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// People killed, wounded, … ("death toll", "number of injured").
    Event(Event),
    /// Aid trucks ("number of trucks").
    Trucks,
    /// A population ("the population of the Gaza Strip").
    Population,
}

/// A class of counted noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Noun {
    /// People in general: people, civilians, children, residents.
    People,
    /// Hostages, captives, abductees.
    Hostages,
    /// Prisoners, detainees, inmates.
    Prisoners,
    /// Bodies (of the dead).
    Bodies,
    /// Lives (lost, claimed).
    Lives,
    /// Deaths, fatalities, the dead: a noun that is itself a death.
    Deaths,
    /// Trucks, lorries, truckloads.
    Trucks,
    /// Truce, ceasefire, pause.
    Truces,
    /// Extension, prolongation.
    Extensions,
    /// Population (of a place).
    Population,
    /// Residents, inhabitants: people counted where they live.
    Residents,
}

impl Noun {
    const ALL: [(Noun, &'static str); 11] = [
        (Noun::People, "people"),
        (Noun::Hostages, "hostages"),
        (Noun::Prisoners, "prisoners"),
        (Noun::Bodies, "bodies"),
        (Noun::Lives, "lives"),
        (Noun::Deaths, "deaths"),
        (Noun::Trucks, "trucks"),
        (Noun::Truces, "truces"),
        (Noun::Extensions, "extensions"),
        (Noun::Population, "population"),
        (Noun::Residents, "residents"),
    ];
}

/// Which side of a hostage–prisoner exchange a word puts people on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Hostages held in Gaza (Israelis, Thais, foreign nationals).
    Hostages,
    /// Prisoners held by Israel (Palestinians).
    Prisoners,
}

/// The frame grammar's lexicon.
#[derive(Debug, Clone, Default)]
pub struct FrameLexicon {
    /// Per event, its trigger words.
    pub events: Vec<(Event, PhraseSet)>,
    /// Tally nouns by what they count.
    pub tolls: Vec<(Tally, PhraseSet)>,
    /// Verbs linking a tally noun to its figure.
    pub toll_verbs: PhraseSet,
    /// Counted nouns by class.
    pub nouns: Vec<(Noun, PhraseSet)>,
    /// Side words: hostages' side, prisoners' side.
    pub sides: Vec<(Side, PhraseSet)>,
    /// Agents holding hostages (`captors`) and prisoners (`jailers`).
    pub agents: Vec<(Side, PhraseSet)>,
    /// Words to step over between a figure and its verb.
    pub skip: PhraseSet,
    /// Phrases marking an earlier figure.
    pub earlier: PhraseSet,
    /// Verbs extending a truce.
    pub extend_verbs: PhraseSet,
    /// Verbs that take lives ("claimed 87 lives").
    pub life_verbs: PhraseSet,
    /// Rates by scope name ("per-day"); `ratio` marks no count at all.
    pub rates: Vec<(String, PhraseSet)>,
    /// Verbs saying trucks did not enter.
    pub idle: PhraseSet,
    /// Kinds of place whose size is a population.
    pub places: PhraseSet,
}

impl FrameLexicon {
    /// Compiles `[frames]`; an unknown family name is an error naming its key.
    pub fn new(spec: &FramesSpec) -> Result<FrameLexicon, String> {
        let event_of = |key: &str, table: &str| {
            Event::ALL
                .into_iter()
                .find(|e| e.key() == key)
                .ok_or_else(|| {
                    format!(
                        "unknown key `frames.{table}.{key}`: expected one of killed, wounded, displaced, missing, held, released"
                    )
                })
        };
        let mut events = Vec::new();
        for (k, v) in &spec.events {
            events.push((event_of(k, "events")?, PhraseSet::new(v)));
        }
        let mut tolls = Vec::new();
        for (k, v) in &spec.tolls {
            let tally = match k.as_str() {
                "trucks" => Tally::Trucks,
                "population" => Tally::Population,
                _ => Tally::Event(event_of(k, "tolls")?),
            };
            tolls.push((tally, PhraseSet::new(v)));
        }
        let mut nouns = Vec::new();
        for (k, v) in &spec.nouns {
            let Some((noun, _)) = Noun::ALL.iter().find(|(_, name)| name == k) else {
                return Err(format!(
                    "unknown key `frames.nouns.{k}`: expected one of people, hostages, prisoners, bodies, lives, deaths, trucks, truces, extensions, population, residents"
                ));
            };
            nouns.push((*noun, PhraseSet::new(v)));
        }
        let mut sides = Vec::new();
        let mut agents = Vec::new();
        for (k, v) in &spec.sides {
            let set = PhraseSet::new(v);
            match k.as_str() {
                "hostage_side" => sides.push((Side::Hostages, set)),
                "prisoner_side" => sides.push((Side::Prisoners, set)),
                "captors" => agents.push((Side::Hostages, set)),
                "jailers" => agents.push((Side::Prisoners, set)),
                _ => {
                    return Err(format!(
                        "unknown key `frames.sides.{k}`: expected hostage_side, prisoner_side, captors or jailers"
                    ))
                }
            }
        }
        Ok(FrameLexicon {
            events,
            tolls,
            toll_verbs: PhraseSet::new(&spec.toll_verbs),
            nouns,
            sides,
            agents,
            skip: PhraseSet::new(&spec.skip),
            earlier: PhraseSet::new(&spec.earlier),
            extend_verbs: PhraseSet::new(&spec.extend_verbs),
            life_verbs: PhraseSet::new(&spec.life_verbs),
            rates: spec
                .rates
                .iter()
                .map(|(k, v)| (k.clone(), PhraseSet::new(v)))
                .collect(),
            idle: PhraseSet::new(&spec.idle),
            places: PhraseSet::new(&spec.places),
        })
    }

    /// True when the lexicon has no event words (a rules file without `[frames]`).
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The event whose trigger starts at `tokens[at]`, with the trigger's length.
    pub fn event_at(&self, tokens: &[Token], at: usize) -> Option<(Event, usize)> {
        best_of(&self.events, tokens, at)
    }

    /// The tally noun starting at `tokens[at]`, with its length.
    pub fn toll_at(&self, tokens: &[Token], at: usize) -> Option<(Tally, usize)> {
        best_of(&self.tolls, tokens, at)
    }

    /// The noun class starting at `tokens[at]`, with its length.
    pub fn noun_at(&self, tokens: &[Token], at: usize) -> Option<(Noun, usize)> {
        best_of(&self.nouns, tokens, at)
    }

    /// The side a word at `tokens[at]` puts people on; a hyphenated word by its last part
    /// ("Russian-Israeli").
    pub fn side_at(&self, tokens: &[Token], at: usize) -> Option<(Side, usize)> {
        best_of(&self.sides, tokens, at).or_else(|| {
            let last = tokens.get(at)?.word()?.rsplit_once('-')?.1;
            self.sides
                .iter()
                .find(|(_, set)| set.contains_word(last))
                .map(|(side, _)| (*side, 1))
        })
    }

    /// The rate scope ("per-day", or "ratio") of a phrase starting at `tokens[at]`, with its length.
    pub fn rate_at(&self, tokens: &[Token], at: usize) -> Option<(&str, usize)> {
        self.rates
            .iter()
            .find_map(|(name, set)| set.match_at(tokens, at).map(|n| (name.as_str(), n)))
    }

    /// The side an agent at `tokens[at]` holds.
    pub fn agent_at(&self, tokens: &[Token], at: usize) -> Option<(Side, usize)> {
        best_of(&self.agents, tokens, at)
    }
}

/// The longest phrase of any set of `sets` starting at `tokens[at]`; ties go to the set listed first.
fn best_of<T: Copy>(sets: &[(T, PhraseSet)], tokens: &[Token], at: usize) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for (t, set) in sets {
        if let Some(n) = set.match_at(tokens, at) {
            if best.is_none_or(|b| n > b.1) {
                best = Some((*t, n));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::tokens::tokenize;

    #[test]
    fn longest_phrase_wins() {
        let set = PhraseSet::new(&["toll", "death toll", "death"]);
        let t = tokenize("the death toll rose");
        assert_eq!(set.match_at(&t, 1), Some(2));
        assert_eq!(set.match_at(&t, 2), Some(1));
        assert_eq!(set.match_at(&t, 3), None);
        assert_eq!(set.match_ending_at(&t, 3), Some(2));
        // A longer phrase starting at the same word does not hide a shorter one ending here.
        let verbs = PhraseSet::new(&["stands", "stands at"]);
        let t = tokenize("now stands at");
        assert_eq!(verbs.match_ending_at(&t, 2), Some(1));
    }

    #[test]
    fn unknown_family_is_an_error() {
        let mut spec = FramesSpec::default();
        spec.events
            .insert("exploded".into(), vec!["blew up".into()]);
        let e = FrameLexicon::new(&spec).err().unwrap_or_default();
        assert!(e.contains("frames.events.exploded"), "{e}");
    }
}
