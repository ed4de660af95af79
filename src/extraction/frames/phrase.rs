//! Noun phrases and the small closed word classes of the frame grammar: what a figure counts ("20
//! living Israeli hostages", "nine sick and injured hostages", "33 of the nearly 100 remaining
//! hostages"), and the determiners, prepositions and boundary words the other steps walk over.

use crate::extraction::lexicon::{FrameLexicon, Noun, Side};
use crate::extraction::tokens::Token;

/// A counted noun phrase after a figure.
#[derive(Debug, Clone, Copy, Default)]
pub struct NounPhrase {
    /// The head noun's class.
    pub head: Option<Noun>,
    /// The side its words put the people on.
    pub side: Option<Side>,
    /// Index of the first token after the phrase.
    pub end: usize,
    /// True when the phrase is made of words the lexicon does not know ("19 regime forces").
    pub unknown: bool,
}

/// Small words that end a noun phrase.
pub fn is_boundary_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "from"
            | "by"
            | "to"
            | "at"
            | "on"
            | "for"
            | "with"
            | "as"
            | "who"
            | "which"
            | "that"
            | "whom"
            | "whose"
            | "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "into"
            | "across"
            | "after"
            | "before"
            | "since"
            | "during"
            | "under"
            | "over"
            | "among"
            | "including"
            | "while"
            | "but"
            | "or"
            | "than"
            | "per"
            | "a"
            | "an"
            | "the"
            | "each"
            | "every"
            | "daily"
    )
}

/// Words between a trigger and its figure that the grammar steps over: determiners and quantifier
/// phrases ("a total of", "another", "all", "some of the").
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "all"
            | "some"
            | "another"
            | "additional"
            | "further"
            | "total"
            | "of"
            | "estimated"
            | "its"
            | "their"
            | "remaining"
            | "last"
            | "first"
            | "final"
            | "latest"
            | "other"
            | "these"
            | "those"
    )
}

/// Prepositions (and inclusion words) whose short object the grammar steps over between a noun phrase
/// and its verb ("hostages from Gaza will be freed", "militants, including commanders, were killed").
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "including"
            | "mostly"
            | "mainly"
            | "among"
            | "in"
            | "from"
            | "of"
            | "at"
            | "across"
            | "inside"
            | "near"
            | "on"
            | "under"
            | "within"
            | "throughout"
            | "during"
            | "around"
            | "along"
            | "outside"
    )
}

/// Words that make what comes before them a modal or future ("could be freed", "to be released").
pub fn is_modal(w: &str) -> bool {
    matches!(
        w,
        "to" | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "shall"
            | "should"
            | "must"
            | "can"
            | "'ll"
    )
}

/// Reads the noun phrase that starts at `start` (the token after a figure): up to four modifiers and a
/// head noun ("20 living Israeli hostages", "nine sick and injured hostages"), or the head of a
/// partitive ("33 of the nearly 100 remaining hostages").
pub fn noun_phrase(lex: &FrameLexicon, tokens: &[Token], start: usize) -> NounPhrase {
    let mut np = NounPhrase {
        end: start,
        ..NounPhrase::default()
    };
    if tokens.get(start).and_then(Token::word) == Some("of") {
        return partitive(lex, tokens, start).unwrap_or(np);
    }
    let mut side = None;
    let mut j = start;
    while j < tokens.len() && j < start + 6 {
        let Some(w) = tokens[j].word() else { break };
        if let Some((s, _)) = lex.side_at(tokens, j) {
            side = side.or(Some(s));
        }
        // A trigger ends the phrase ("250 taken hostage", "90 released"), unless it is an adjective
        // before a noun ("nine sick and injured hostages", "28 dead hostages").
        if let Some((_, n)) = lex.event_at(tokens, j) {
            let before_noun = n == 1 && lex.noun_at(tokens, j + 1).is_some();
            if !before_noun && lex.noun_at(tokens, j).is_none() {
                break;
            }
        }
        if let Some((noun, n)) = lex.noun_at(tokens, j) {
            np.head = Some(noun);
            np.end = j + n;
            // "28 dead hostages": a noun right before another noun is its modifier.
            if let Some((next, n2)) = lex.noun_at(tokens, j + n) {
                if next != noun {
                    np.head = Some(next);
                    np.end = j + n + n2;
                }
            }
            // "Palestinian prisoners and detainees": a second noun joined by "and" belongs to it.
            if tokens.get(np.end).and_then(Token::word) == Some("and") {
                if let Some((_, n2)) = lex.noun_at(tokens, np.end + 1) {
                    np.end += 1 + n2;
                }
            }
            if let Some((s, _)) = (j..np.end).find_map(|i| lex.side_at(tokens, i)) {
                side = Some(s);
            }
            break;
        }
        if is_boundary_word(w) || lex.skip.contains_word(w) {
            break;
        }
        j += 1;
    }
    // No known noun: up to three unknown words are the noun ("19 regime forces were killed"), so
    // the verb after them is read; more is no noun phrase.
    if np.head.is_none() && j > start && j <= start + 3 {
        np.end = j;
        np.unknown = side.is_none();
    }
    np.side = side;
    np
}

/// "N of the (M) … hostages", "N of them": the head of the whole, the part being the figure.
fn partitive(lex: &FrameLexicon, tokens: &[Token], start: usize) -> Option<NounPhrase> {
    let mut j = start + 1;
    if !matches!(
        tokens.get(j).and_then(Token::word),
        Some("the" | "its" | "their" | "those" | "these" | "all")
    ) {
        // "hundreds of aid trucks", "dozens of civilians": no partitive, the noun follows "of".
        let direct = noun_phrase(lex, tokens, j);
        return direct.head.is_some().then_some(direct);
    }
    j += 1;
    if tokens.get(j).and_then(Token::figure).is_some() {
        j += 1;
    }
    let mut inner = noun_phrase(lex, tokens, j);
    inner.head?;
    // "1.4 million of the Strip's population of 2.2 million people": the part is people, and the
    // whole's own figure and noun are stepped over.
    if inner.head == Some(Noun::Population) {
        inner.head = Some(Noun::People);
    }
    if tokens.get(inner.end).and_then(Token::word) == Some("of")
        && tokens.get(inner.end + 1).and_then(Token::figure).is_some()
    {
        inner.end = noun_phrase(lex, tokens, inner.end + 2)
            .end
            .max(inner.end + 2);
    }
    Some(inner)
}

/// The end of a short prepositional phrase's object ("the West Bank and Jerusalem"): up to five words,
/// stopping before a word the grammar reads (a trigger or a skipped auxiliary) or a punctuation mark.
pub fn after_prepositional_phrase(lex: &FrameLexicon, tokens: &[Token], start: usize) -> usize {
    let mut j = start;
    while j < tokens.len() && j < start + 5 {
        if tokens[j].word().is_none() {
            break;
        }
        if lex.event_at(tokens, j).is_some() || lex.skip.match_at(tokens, j).is_some() {
            break;
        }
        // Another preposition starts another phrase ("across the states for those displaced").
        if tokens[j]
            .word()
            .is_some_and(|w| is_boundary_word(w) && !matches!(w, "the" | "a" | "an" | "of"))
        {
            break;
        }
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extraction::tokens::tokenize;
    use crate::rules::{RuleSet, QTY_CLOSE, QTY_OPEN};

    fn np(text: &str) -> NounPhrase {
        let rules = RuleSet::embedded().expect("embedded rules");
        let masked = text.replace('#', &format!("{QTY_OPEN}0{QTY_CLOSE}"));
        let tokens = tokenize(&masked);
        let k = tokens
            .iter()
            .position(|t| t.figure().is_some())
            .unwrap_or(0);
        noun_phrase(&rules.frames, &tokens, k + 1)
    }

    #[test]
    fn heads_modifiers_and_partitives() {
        assert_eq!(
            np("# living Israeli hostages were freed").head,
            Some(Noun::Hostages)
        );
        assert_eq!(np("# living Israeli hostages").side, Some(Side::Hostages));
        assert_eq!(np("# sick and injured hostages").head, Some(Noun::Hostages));
        assert_eq!(np("# dead hostages").head, Some(Noun::Hostages));
        assert_eq!(
            np("# of the nearly 100 remaining hostages").head,
            Some(Noun::Hostages)
        );
        assert_eq!(
            np("# Palestinian prisoners and detainees").side,
            Some(Side::Prisoners)
        );
        let unknown = np("# regime forces were killed");
        assert!(unknown.head.is_none() && unknown.unknown);
        assert_eq!(np("# taken hostage").head, None);
    }
}
