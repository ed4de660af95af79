//! The entity table: canonical speakers and sources with their parties and aliases, and the resolution of
//! words as written ("Hamas leader Ismaïl Haniyeh", "the Hamas chief") to an entity. Matching folds case,
//! diacritics, apostrophes and dashes, and respects word boundaries. Membership (`member_of`) answers
//! whether one entity speaks for another (Haniyeh for Hamas), which misattribution checks need.

use crate::model::Attribution;
use std::collections::{BTreeMap, BTreeSet};
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
    /// Folded alias → entity index, longest aliases first when scanning.
    aliases: Vec<(String, usize)>,
}

/// Lowercases, strips diacritics, unifies apostrophes, quotes and dashes, and folds runs of white space
/// and punctuation other than apostrophes and hyphens into one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfkd() {
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
        aliases.dedup_by(|a, b| a.0 == b.0);
        EntityTable {
            entities,
            by_id,
            aliases,
        }
    }

    /// All entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// The entity whose alias occurs in `as_written` (whole words, folded); when several do, the one
    /// whose alias is longest, then the one named last ("Hamas leader Ismail Haniyeh" → Haniyeh, since
    /// a title comes before the name).
    pub fn resolve(&self, as_written: &str) -> Option<&Entity> {
        let folded = fold(as_written);
        if folded.is_empty() {
            return None;
        }
        let padded = format!(" {folded} ");
        let mut best: Option<(usize, usize, usize)> = None; // (alias len, position, entity)
        for (alias, idx) in &self.aliases {
            if let Some((len, _, _)) = best {
                if alias.len() < len {
                    break;
                }
            }
            let needle = format!(" {alias} ");
            if let Some(pos) = rfind_word(&padded, &needle) {
                let better = match best {
                    None => true,
                    Some((len, p, _)) => alias.len() > len || (alias.len() == len && pos > p),
                };
                if better {
                    best = Some((alias.len(), pos, *idx));
                }
            }
        }
        best.map(|(_, _, i)| &self.entities[i])
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

fn rfind_word(haystack: &str, needle: &str) -> Option<usize> {
    haystack.rfind(needle)
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
                aliases: vec![fold("Ismail Haniyeh"), fold("Ismail Haniya"), fold("Haniyeh")],
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
    fn resolves_the_name_after_a_title() {
        let t = table();
        let e = t.resolve("Hamas leader Ismaïl Haniyeh").map(|e| e.id.as_str());
        assert_eq!(e, Some("ismail-haniyeh"));
        assert_eq!(t.resolve("the Hamas movement").map(|e| e.id.as_str()), Some("hamas"));
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
