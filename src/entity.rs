//! The entity table: canonical speakers and sources with their parties and aliases, and the resolution of
//! words as written ("Hamas leader Ismaïl Haniyeh", "the Hamas chief") to an entity. Matching folds case,
//! diacritics, apostrophes and dashes, and respects word boundaries. Membership (`member_of`) answers
//! whether one entity speaks for another (Haniyeh for Hamas), which misattribution checks need.
//!
//! Text is matched word by word ([`words`], [`EntityTable::mentions`]): the longest alias starting at a
//! word wins, a possessive `'s` is ignored, a one-word alias must be capitalised in the text (and fully
//! upper-case when it has three letters or fewer, so `WHO` is the agency and `who` is not), and a person's
//! bare surname is ambiguous when another entity named in the same document shares it
//! ([`EntityTable::surname_is_ambiguous`]).

use crate::model::Attribution;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// One known speaker or source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical id (`ismail-haniyeh`).
    pub id: String,
    /// Party (`hamas`).
    pub party: String,
    /// `person`, `organisation` or `outlet`.
    pub entity_type: String,
    /// Folded aliases.
    pub aliases: Vec<String>,
    /// Ids of entities this one belongs to.
    pub member_of: Vec<String>,
}

/// All entities, indexed for alias lookup.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    /// Word key of an alias (see [`words`]) → the entities that carry it.
    keys: HashMap<String, Vec<usize>>,
    /// The most words any alias key has.
    max_words: usize,
    /// Every beginning of an alias key that ends before one of its spaces ("united nations" for
    /// "united nations security council"): a lookup stops extending as soon as its words are none.
    prefixes: HashSet<String>,
    /// Last word of a multi-word alias → entities whose alias ends with it (for surname ambiguity).
    last_words: HashMap<String, BTreeSet<usize>>,
}

/// One word of a text: its byte span and its folded matching key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Folded form without a possessive `'s` (`Haniyeh’s` → `haniyeh`).
    pub key: String,
    /// True when the word starts with an upper-case letter.
    pub capitalised: bool,
    /// True when every letter of the word is upper-case.
    pub upper: bool,
}

/// An alias of a known entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte in the text searched.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Index of the first word of the mention in [`words`] of the text.
    pub word: usize,
    /// Ids of the entities carrying this alias (usually one).
    pub entities: Vec<String>,
    /// The matched alias key.
    pub key: String,
    /// Number of words of the text the mention covers.
    pub words: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '\'' | '-' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '´' | '\u{2010}'..='\u{2015}'
        )
}

/// Splits `text` into words as [`fold`] sees them (runs of letters, digits, apostrophes and hyphens),
/// with folded keys. Dotted abbreviations fold to their letters (`U.S.` → `u` `s`).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = i < text.len() && is_word_char(c);
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push_word(text, s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let raw = &text[start..end];
    let key = word_key(&fold(raw));
    if key.is_empty() {
        return;
    }
    let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
    let upper = raw.chars().any(char::is_alphabetic)
        && raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    out.push(Word {
        start,
        end,
        key,
        capitalised,
        upper,
    });
}

/// A folded word without a possessive ending and stray edge punctuation.
fn word_key(folded: &str) -> String {
    let w = folded.trim_matches(|c| c == '\'' || c == '-');
    let w = w.strip_suffix("'s").unwrap_or(w);
    w.trim_matches(|c| c == '\'' || c == '-').to_string()
}

/// The matching key of a whole alias: its words' keys joined by one space.
pub fn alias_key(alias: &str) -> String {
    words(alias)
        .into_iter()
        .map(|w| w.key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercases, strips diacritics, unifies apostrophes, quotes and dashes, and folds runs of white space
/// and punctuation other than apostrophes and hyphens into one space.
pub fn fold(text: &str) -> String {
    // NFKD leaves ASCII as it is, so ASCII text (most names and words) skips the decomposition.
    if text.is_ascii() {
        fold_chars(text.chars(), text.len())
    } else {
        fold_chars(text.nfkd(), text.len())
    }
}

/// [`fold`] of the decomposed characters `chars` of a text of `len` bytes.
fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut last_space = true;
    for c in chars {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '´' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            _ => c,
        };
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            for l in c.to_lowercase() {
                out.push(l);
            }
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

impl EntityTable {
    /// Builds the table. `entities` are (id, party, type, names, member_of); ids must be unique and
    /// member_of must name known entities (checked by `rules::RuleSet::compile`).
    pub fn new(entities: Vec<Entity>) -> EntityTable {
        let mut by_id = BTreeMap::new();
        let mut aliases = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            by_id.insert(e.id.clone(), i);
            for a in &e.aliases {
                if !a.is_empty() {
                    aliases.push((a.clone(), i));
                }
            }
        }
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
        let mut last_words: HashMap<String, BTreeSet<usize>> = HashMap::new();
        let mut max_words = 1;
        let mut prefixes = HashSet::new();
        for (alias, idx) in &aliases {
            let key = alias_key(alias);
            if key.is_empty() {
                continue;
            }
            let n = key.split(' ').count();
            max_words = max_words.max(n);
            if n > 1 {
                if let Some(last) = key.rsplit(' ').next() {
                    last_words.entry(last.to_string()).or_default().insert(*idx);
                }
            }
            for (at, _) in key.match_indices(' ') {
                prefixes.insert(key[..at].to_string());
            }
            let list = keys.entry(key).or_default();
            if !list.contains(idx) {
                list.push(*idx);
            }
        }
        EntityTable {
            entities,
            by_id,
            keys,
            max_words,
            prefixes,
            last_words,
        }
    }

    /// Every alias occurrence in `text`, left to right; at each word the longest alias wins and the
    /// words it covers are not searched again. A one-word alias must be capitalised in the text, and
    /// written in capitals when it has at most three letters.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let ws = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            match self.longest_at(&ws, i) {
                Some((n, key, ents)) => {
                    out.push(Mention {
                        start: ws[i].start,
                        end: ws[i + n - 1].end,
                        word: i,
                        entities: ents.iter().map(|&e| self.entities[e].id.clone()).collect(),
                        key,
                        words: n,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Every alias occurrence in `text`, overlapping ones included ("Hamas leader" and "Hamas"),
    /// ordered by start then length.
    pub fn all_mentions(&self, text: &str) -> Vec<Mention> {
        let ws = words(text);
        let mut out = Vec::new();
        for i in 0..ws.len() {
            let max = self.max_words.min(ws.len() - i);
            let mut key = String::new();
            for n in 1..=max {
                if n > 1 {
                    key.push(' ');
                }
                key.push_str(&ws[i + n - 1].key);
                let Some(ents) = self.keys.get(&key) else {
                    continue;
                };
                if n == 1 && !one_word_alias_ok(&ws[i]) {
                    continue;
                }
                out.push(Mention {
                    start: ws[i].start,
                    end: ws[i + n - 1].end,
                    word: i,
                    entities: ents.iter().map(|&e| self.entities[e].id.clone()).collect(),
                    key: key.clone(),
                    words: n,
                });
            }
        }
        out
    }

    /// The longest alias starting at word `i`: its number of words, key and entities. Words are added
    /// one at a time while they still begin some alias key, so most words cost one lookup.
    fn longest_at(&self, ws: &[Word], i: usize) -> Option<(usize, String, &Vec<usize>)> {
        let max = self.max_words.min(ws.len() - i);
        let mut key = String::new();
        let mut longest: Option<(usize, usize, &Vec<usize>)> = None; // (words, key length, entities)
        for n in 1..=max {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(&ws[i + n - 1].key);
            if let Some(ents) = self.keys.get(&key) {
                if n > 1 || one_word_alias_ok(&ws[i]) {
                    longest = Some((n, key.len(), ents));
                }
            }
            if !self.prefixes.contains(&key) {
                break;
            }
        }
        longest.map(|(n, len, ents)| (n, key[..len].to_string(), ents))
    }

    /// True when `key` is a one-word alias of person `id` (a bare surname) and another entity in
    /// `present` (the ids named in the document) has a multi-word alias ending with the same word,
    /// or carries the same one-word alias.
    pub fn surname_is_ambiguous(&self, id: &str, key: &str, present: &BTreeSet<String>) -> bool {
        let Some(&me) = self.by_id.get(id) else {
            return false;
        };
        let others_sharing = self
            .last_words
            .get(key)
            .into_iter()
            .flatten()
            .chain(self.keys.get(key).into_iter().flatten())
            .filter(|&&i| i != me)
            .map(|&i| &self.entities[i].id);
        let mut ambiguous = false;
        for other in others_sharing {
            if present.contains(other) {
                ambiguous = true;
            }
        }
        ambiguous
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The entity whose alias occurs in `as_written` (whole words, see [`EntityTable::mentions`]); when
    /// several do, the one whose alias is longest, then the one named last ("Hamas leader Ismail Haniyeh"
    /// → Haniyeh, since a title comes before the name).
    pub fn resolve(&self, as_written: &str) -> Option<&Entity> {
        let mut best: Option<(usize, usize, String)> = None; // (alias len, position, entity id)
        for m in self.mentions(as_written) {
            let Some(id) = m.entities.first().cloned() else {
                continue;
            };
            let better = match best {
                None => true,
                Some((len, pos, _)) => m.key.len() > len || (m.key.len() == len && m.start > pos),
            };
            if better {
                best = Some((m.key.len(), m.start, id));
            }
        }
        best.and_then(|(_, _, id)| self.get(&id))
    }

    /// An attribution for words as written: the words, and the entity and party when known.
    pub fn attribution(&self, as_written: &str) -> Attribution {
        let words = as_written.trim();
        if words.is_empty() {
            return Attribution::default();
        }
        let entity = self.resolve(words);
        Attribution {
            as_written: Some(words.to_string()),
            entity: entity.map(|e| e.id.clone()),
            party: entity.map(|e| e.party.clone()),
        }
    }

    /// Every entity `id` belongs to, directly or through others (not including itself).
    pub fn ancestors(&self, id: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![id.to_string()];
        while let Some(cur) = stack.pop() {
            if let Some(e) = self.get(&cur) {
                for m in &e.member_of {
                    if seen.insert(m.clone()) {
                        stack.push(m.clone());
                    }
                }
            }
        }
        seen.remove(id);
        seen
    }

    /// True when `a` and `b` are the same entity or one belongs to the other.
    pub fn same_or_member(&self, a: &str, b: &str) -> bool {
        a == b || self.ancestors(a).contains(b) || self.ancestors(b).contains(a)
    }
}

fn one_word_alias_ok(w: &Word) -> bool {
    let letters = w.key.chars().filter(|c| c.is_alphanumeric()).count();
    if letters <= 3 {
        w.upper
    } else {
        w.capitalised || w.upper
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EntityTable {
        EntityTable::new(vec![
            Entity {
                id: "hamas".into(),
                party: "hamas".into(),
                entity_type: "organisation".into(),
                aliases: vec![fold("Hamas"), fold("the Islamic Resistance Movement")],
                member_of: vec![],
            },
            Entity {
                id: "ismail-haniyeh".into(),
                party: "hamas".into(),
                entity_type: "person".into(),
                aliases: vec![
                    fold("Ismail Haniyeh"),
                    fold("Ismail Haniya"),
                    fold("Haniyeh"),
                ],
                member_of: vec!["hamas".into()],
            },
        ])
    }

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("Ismaïl  HANIYEH’s"), "ismail haniyeh's");
        assert_eq!(fold("“Quoted”, text."), "quoted text");
    }

    #[test]
    fn ascii_fast_path_folds_as_the_decomposition_does() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "  Don`t - it's U.S.-led  ",
            "A\tB\r\nC--'s",
            "",
        ] {
            assert_eq!(fold(text), fold_chars(text.nfkd(), text.len()), "{text:?}");
        }
    }

    #[test]
    fn resolves_the_name_after_a_title() {
        let t = table();
        let e = t
            .resolve("Hamas leader Ismaïl Haniyeh")
            .map(|e| e.id.as_str());
        assert_eq!(e, Some("ismail-haniyeh"));
        assert_eq!(
            t.resolve("the Hamas movement").map(|e| e.id.as_str()),
            Some("hamas")
        );
        assert_eq!(t.resolve("Hamastan").map(|e| e.id.as_str()), None);
    }

    #[test]
    fn membership_is_transitive_and_symmetric_in_same_or_member() {
        let t = table();
        assert!(t.same_or_member("ismail-haniyeh", "hamas"));
        assert!(t.same_or_member("hamas", "ismail-haniyeh"));
        assert!(!t.same_or_member("hamas", "idf"));
    }
}
