//! Speaker words → an attribution: the words as written plus, where the entity table knows them, the
//! entity and party. Handles titles before names (the person wins), indefinite and anonymous speakers
//! ("a Hamas official" resolves at most to the organisation, never to a person), bare surnames (only when
//! no other entity named in the document shares them), pronouns (the last speaker of this or the previous
//! paragraph), definite descriptions ("the official" → the last speaker described so), and "the movement",
//! "the organization", "the group" (the organisation most salient at that point). It keeps the history of
//! speakers it needs for that; it does not look for speakers in text (see `grammar`).

use crate::entity::{fold, EntityTable, Mention};
use crate::model::Attribution;
use crate::segment::Sentence;
use std::collections::BTreeSet;

/// How a speaker's words refer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// `he`, `she`, `it`, `they`.
    Pronoun,
    /// `a Hamas official`, `diplomatic sources`, `sources`: nobody named.
    Anonymous,
    /// `the official`, `the leader`: points back to an earlier speaker.
    Definite,
    /// Anything else: a name, a title, an organisation.
    Named,
}

/// Head nouns of anonymous and definite speakers.
const ROLE_NOUNS: &[&str] = &[
    "official",
    "officials",
    "leader",
    "leaders",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "officer",
    "officers",
    "commander",
    "envoy",
    "chief",
    "negotiator",
    "negotiators",
    "aide",
    "aides",
    "premier",
    "secretary",
    "ambassador",
    "mediator",
    "mediators",
    "analyst",
    "expert",
    "correspondent",
    "general",
    "member",
    "members",
    "representative",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "doctor",
    "doctors",
    "person",
    "people",
    "media",
];

const INDEFINITE_START: &[&str] = &[
    "a",
    "an",
    "some",
    "one",
    "several",
    "two",
    "three",
    "four",
    "many",
    "other",
    "another",
    "unnamed",
    "anonymous",
    "senior",
    "informed",
    "security",
    "diplomatic",
    "medical",
    "military",
    "local",
];

const PLURAL_ANONYMOUS: &[&str] = &[
    "sources",
    "officials",
    "diplomats",
    "witnesses",
    "residents",
    "media",
    "reports",
    "people",
    "doctors",
];

/// Organisation words that "the …" uses to point back to a named organisation.
const ORG_HEADS: &[&str] = &[
    "movement",
    "organization",
    "organisation",
    "group",
    "ministry",
    "army",
    "military",
    "agency",
    "government",
    "office",
    "committee",
    "body",
    "faction",
    "militia",
    "authority",
    "authorities",
];

/// Classifies speaker words.
pub fn reference(as_written: &str) -> Reference {
    let f = fold(as_written);
    let ws: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    match ws.as_slice() {
        [] => Reference::Anonymous,
        ["he" | "she" | "it" | "they" | "we" | "i"] => Reference::Pronoun,
        [first, ..] if INDEFINITE_START.contains(first) => Reference::Anonymous,
        [only] if PLURAL_ANONYMOUS.contains(only) => Reference::Anonymous,
        [_, second, ..]
            if PLURAL_ANONYMOUS.contains(second) && !as_written.contains(char::is_uppercase) =>
        {
            Reference::Anonymous
        }
        ["the" | "this" | "that", rest @ ..]
            if rest.len() <= 2 && rest.last().is_some_and(|h| ROLE_NOUNS.contains(h)) =>
        {
            Reference::Definite
        }
        _ if is_unnamed_plural(as_written, &ws) => Reference::Anonymous,
        _ => Reference::Named,
    }
}

/// "Israeli sources", "diplomatic sources familiar with the negotiations": a plural of sources or
/// officials with no determiner.
fn is_unnamed_plural(as_written: &str, ws: &[&str]) -> bool {
    let head = ws.iter().position(|w| PLURAL_ANONYMOUS.contains(w));
    matches!(head, Some(h) if h <= 2) && !as_written.trim_start().to_lowercase().starts_with("the ")
}

/// True for speakers that must never take part in a misattribution: pronouns and anonymous sources.
pub fn is_unnamed(as_written: &str) -> bool {
    matches!(
        reference(as_written),
        Reference::Pronoun | Reference::Anonymous | Reference::Definite
    )
}

/// An earlier speaker.
#[derive(Debug, Clone)]
struct Spoken {
    paragraph: usize,
    attribution: Attribution,
    organisation: bool,
    words: String,
}

/// Resolves speakers in document order, remembering who spoke.
pub struct Resolver<'a> {
    entities: &'a EntityTable,
    sentences: &'a [Sentence],
    /// Mentions per sentence, in document offsets.
    mentions: Vec<Vec<Mention>>,
    /// Entities named in the document by more than a bare surname.
    present: BTreeSet<String>,
    history: Vec<Spoken>,
}

impl<'a> Resolver<'a> {
    /// Indexes the entity mentions of every sentence of `text`.
    pub fn new(text: &str, sentences: &'a [Sentence], entities: &'a EntityTable) -> Resolver<'a> {
        let mut mentions = Vec::with_capacity(sentences.len());
        let mut present = BTreeSet::new();
        for s in sentences {
            let piece = text.get(s.start..s.end).unwrap_or("");
            let mut ms = entities.mentions(piece);
            for m in &mut ms {
                m.start += s.start;
                m.end += s.start;
                for id in &m.entities {
                    if m.words > 1 || !is_person(entities, id) {
                        present.insert(id.clone());
                    }
                }
            }
            mentions.push(ms);
        }
        Resolver {
            entities,
            sentences,
            mentions,
            present,
            history: Vec::new(),
        }
    }

    /// The attribution of `as_written`, spoken at byte `at` in sentence `sentence`; remembers it as the
    /// latest speaker unless it is a pronoun.
    pub fn resolve(&mut self, as_written: &str, at: usize, sentence: usize) -> Attribution {
        let words = as_written
            .trim()
            .trim_end_matches([',', '.', ';', ':'])
            .trim();
        let paragraph = self.sentences.get(sentence).map_or(0, |s| s.paragraph);
        let reference = reference(words);
        let found = match reference {
            Reference::Pronoun => self.antecedent(&fold(words), paragraph, at, sentence),
            Reference::Anonymous => self.by_name(words, false),
            Reference::Definite => self
                .by_name(words, true)
                .or_else(|| self.described(words, paragraph)),
            Reference::Named => self.by_name(words, true),
        };
        let found = found.or_else(|| self.org_head(words, at, sentence, paragraph));
        let attribution = Attribution {
            as_written: Some(words.to_string()),
            entity: found.clone(),
            party: found
                .as_deref()
                .and_then(|id| self.entities.get(id))
                .map(|e| e.party.clone()),
        };
        if reference != Reference::Pronoun && !words.is_empty() {
            let organisation = match &found {
                Some(id) => !is_person(self.entities, id),
                None => has_org_head(words),
            };
            self.history.push(Spoken {
                paragraph,
                attribution: attribution.clone(),
                organisation,
                words: fold(words),
            });
        }
        attribution
    }

    /// The speaker a quote with no attribution of its own continues: the last speaker of this or the
    /// previous paragraph.
    pub fn continuing(&self, _at: usize, sentence: usize) -> Attribution {
        let paragraph = self.sentences.get(sentence).map_or(0, |s| s.paragraph);
        self.history
            .last()
            .filter(|s| s.paragraph + 1 >= paragraph)
            .map(|s| s.attribution.clone())
            .unwrap_or_default()
    }

    /// The entity named in `words`: the last person named (a title comes before the name), else the
    /// longest alias; bare surnames only when unambiguous. Without `persons`, a person is taken only by
    /// name, never by a role alias ("a Hamas leader").
    fn by_name(&self, words: &str, persons: bool) -> Option<String> {
        // Every alias hit that is allowed here…
        let mut hits: Vec<(Mention, String, bool)> = Vec::new();
        for m in self.entities.all_mentions(words) {
            for id in &m.entities {
                let person = is_person(self.entities, id);
                let role = m
                    .key
                    .split(' ')
                    .any(|w| ROLE_NOUNS.contains(&w) || w == "chief");
                if person && !persons && (role || !ends_with(words, m.end)) {
                    // "a Hamas leader" is not Haniyeh, "an official in Biden's administration" is not
                    // Biden; "a Hamas official Izzat al-Rishq" is al-Rishq.
                    continue;
                }
                if person
                    && m.words == 1
                    && self
                        .entities
                        .surname_is_ambiguous(id, &m.key, &self.present)
                {
                    continue;
                }
                if m.entities.len() > 1 && !self.present.contains(id) {
                    continue;
                }
                hits.push((m.clone(), id.clone(), person));
            }
        }
        // …that is not part of a longer hit ("Abbas" inside "Abbas Kamel")…
        let inside = |m: &Mention| {
            hits.iter().any(|(o, _, _)| {
                o.start <= m.start && m.end <= o.end && (o.end - o.start) > (m.end - m.start)
            })
        };
        // …the last person named, a full name before a surname, else the longest alias.
        hits.iter()
            .filter(|(m, _, _)| !inside(m))
            .max_by_key(|(m, _, person)| {
                (
                    *person,
                    *person && m.words > 1,
                    if *person { m.start } else { m.words },
                    m.start,
                )
            })
            .map(|(_, id, _)| id.clone())
    }

    /// For a pronoun: the last speaker of this or the previous paragraph (a person for he/she, an
    /// organisation for it), else for it/they the organisation most salient at that point.
    fn antecedent(
        &self,
        pronoun: &str,
        paragraph: usize,
        at: usize,
        sentence: usize,
    ) -> Option<String> {
        let recent = self
            .history
            .iter()
            .rev()
            .take_while(|s| s.paragraph + 1 >= paragraph);
        let wants_org = matches!(pronoun, "it");
        let wants_person = matches!(pronoun, "he" | "she" | "i");
        let mut fallback = None;
        for s in recent {
            let fits = (wants_org && s.organisation)
                || (wants_person && !s.organisation)
                || (!wants_org && !wants_person);
            if fits {
                return s.attribution.entity.clone();
            }
            if fallback.is_none() && !wants_person {
                fallback = Some(s.attribution.entity.clone());
            }
        }
        if wants_person {
            return self.salient_person(at, sentence, paragraph);
        }
        if let Some(id) = self.salient_org(None, at, sentence, paragraph) {
            return Some(id);
        }
        fallback.flatten()
    }

    /// The person named last before byte `at` in this or the previous paragraph.
    fn salient_person(&self, at: usize, sentence: usize, paragraph: usize) -> Option<String> {
        let lo = self
            .sentences
            .iter()
            .position(|s| s.paragraph + 1 >= paragraph)
            .unwrap_or(0);
        for si in (lo..=sentence.min(self.mentions.len().saturating_sub(1))).rev() {
            for m in self.mentions.get(si).into_iter().flatten().rev() {
                if m.end > at {
                    continue;
                }
                let person = m.entities.iter().find(|id| is_person(self.entities, id));
                if let Some(id) = person {
                    if m.words > 1
                        || !self
                            .entities
                            .surname_is_ambiguous(id, &m.key, &self.present)
                    {
                        return Some(id.clone());
                    }
                }
            }
        }
        None
    }

    /// "the official": the last speaker whose words share the head noun.
    fn described(&self, words: &str, paragraph: usize) -> Option<String> {
        let f = fold(words);
        let head = f.rsplit(' ').next()?.trim_end_matches('s');
        self.history
            .iter()
            .rev()
            .take_while(|s| s.paragraph + 2 >= paragraph)
            .find(|s| s.words.split(' ').any(|w| w.trim_end_matches('s') == head))
            .and_then(|s| s.attribution.entity.clone())
    }

    /// "the movement", "the organization": the organisation those words point back to.
    fn org_head(
        &self,
        words: &str,
        at: usize,
        sentence: usize,
        paragraph: usize,
    ) -> Option<String> {
        let f = fold(words);
        let ws: Vec<&str> = f.split(' ').collect();
        let head = ws.windows(2).find_map(|w| {
            let h = w[1].trim_end_matches("'s");
            (matches!(w[0], "the" | "its" | "this" | "that") && ORG_HEADS.contains(&h)).then_some(h)
        })?;
        let kind = match head {
            "organization" | "organisation" | "group" | "body" => None,
            "military" | "army" => Some(&["army", "military", "forces"][..]),
            "authorities" | "authority" | "government" => {
                Some(&["government", "authorities", "authority"][..])
            }
            other => Some(std::slice::from_ref(match other {
                "movement" => &"movement",
                "ministry" => &"ministry",
                "agency" => &"agency",
                "office" => &"office",
                "committee" => &"committee",
                "faction" => &"faction",
                _ => &"militia",
            })),
        };
        self.salient_org(kind, at, sentence, paragraph)
    }

    /// The organisation a definite description points to: with `kind` words, the latest organisation
    /// whose aliases contain one of them; without, the subject of the previous sentence when it is an
    /// organisation, else the latest organisation named.
    fn salient_org(
        &self,
        kind: Option<&[&str]>,
        at: usize,
        sentence: usize,
        paragraph: usize,
    ) -> Option<String> {
        let fits = |id: &str| -> bool {
            let Some(e) = self.entities.get(id) else {
                return false;
            };
            if e.entity_type != "organisation" {
                return false;
            }
            match kind {
                None => true,
                Some(words) => e
                    .aliases
                    .iter()
                    .any(|a| a.split(' ').any(|w| words.contains(&w))),
            }
        };
        if kind.is_none() {
            if let Some(prev) = sentence.checked_sub(1) {
                let subject = self.mentions.get(prev).and_then(|ms| ms.first());
                if let Some(id) = subject.and_then(|m| m.entities.iter().find(|id| fits(id))) {
                    return Some(id.clone());
                }
            }
        }
        let lo = self
            .sentences
            .iter()
            .position(|s| s.paragraph + 2 >= paragraph)
            .unwrap_or(0);
        for si in (lo..=sentence.min(self.mentions.len().saturating_sub(1))).rev() {
            for m in self.mentions.get(si).into_iter().flatten().rev() {
                if m.end > at {
                    continue;
                }
                if let Some(id) = m.entities.iter().find(|id| fits(id)) {
                    return Some(id.clone());
                }
            }
        }
        None
    }
}

/// True when nothing but punctuation follows byte `end` of `words`.
fn ends_with(words: &str, end: usize) -> bool {
    words
        .get(end..)
        .is_some_and(|rest| !rest.chars().any(char::is_alphanumeric))
}

fn is_person(entities: &EntityTable, id: &str) -> bool {
    entities.get(id).is_some_and(|e| e.entity_type == "person")
}

fn has_org_head(words: &str) -> bool {
    fold(words)
        .split(' ')
        .any(|w| ORG_HEADS.contains(&w.trim_end_matches("'s")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_references() {
        assert_eq!(reference("he"), Reference::Pronoun);
        assert_eq!(reference("a senior Israeli official"), Reference::Anonymous);
        assert_eq!(
            reference("diplomatic sources familiar with the negotiations"),
            Reference::Anonymous
        );
        assert_eq!(reference("Sources"), Reference::Anonymous);
        assert_eq!(reference("the official"), Reference::Definite);
        assert_eq!(reference("The leader"), Reference::Definite);
        assert_eq!(reference("Hamas leader Ismail Haniyeh"), Reference::Named);
        assert_eq!(reference("the French President"), Reference::Definite);
        assert_eq!(reference("the Israeli army"), Reference::Named);
        assert!(is_unnamed("A leading source in the movement"));
        assert!(!is_unnamed("Benjamin Netanyahu"));
    }
}
