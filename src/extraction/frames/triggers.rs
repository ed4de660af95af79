//! Triggers: the verb or event noun that says what happened to a figure's people, before the figure
//! ("killing N", "the release of N", "Israel will free N") or after its noun phrase ("N people were
//! killed", "13 Israelis and 12 Thais were freed", "N hostages, the last living Israelis held by
//! Hamas, had been handed over"), with the tense the auxiliaries give it.

use super::phrase::{
    after_prepositional_phrase, is_determiner, is_modal, is_preposition, noun_phrase,
};
use crate::extraction::lexicon::{Event, FrameLexicon};
use crate::extraction::tokens::{Token, TokenKind};

/// Most tokens between a figure's noun phrase and its verb.
const REACH: usize = 14;

/// A trigger found for a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    /// What happened.
    pub event: Event,
    /// Index of the trigger's first token.
    pub at: usize,
    /// True when the verb is a past or perfect one with no modal or "to" before it ("were freed",
    /// "has released", "Hamas released"): a count of what happened, whatever plan the sentence
    /// also mentions.
    pub past: bool,
}

/// What follows a figure's noun phrase: the first trigger reached over auxiliaries, adverbs, an
/// apposition, a short prepositional phrase, or a coordinated figure. `None` when another verb, the
/// clause's end or a second figure comes first. A participle right after the noun ("five workers
/// kidnapped from a kibbutz were freed") gives way to a finite verb after it.
pub fn trigger_after(lex: &FrameLexicon, tokens: &[Token], start: usize) -> Option<Trigger> {
    let found = first_trigger(lex, tokens, start)?;
    if found.at == start && !found.past {
        let n = lex.event_at(tokens, found.at).map_or(1, |e| e.1);
        let after = after_prepositional_phrase(lex, tokens, found.at + n);
        let after = if tokens
            .get(found.at + n)
            .and_then(Token::word)
            .is_some_and(is_preposition)
        {
            after_prepositional_phrase(lex, tokens, found.at + n + 1)
        } else {
            after
        };
        if let Some(finite) = first_trigger(lex, tokens, after) {
            if finite.at > after {
                return Some(finite);
            }
        }
    }
    Some(found)
}

fn first_trigger(lex: &FrameLexicon, tokens: &[Token], start: usize) -> Option<Trigger> {
    let mut j = start;
    let limit = (start + REACH).min(tokens.len());
    let mut auxiliaries: Vec<&str> = Vec::new();
    while j < limit {
        let t = &tokens[j];
        match &t.kind {
            TokenKind::Punct(',') => {
                // An apposition: ", the last living Israelis held by Hamas, had been handed over".
                let close = (j + 1..(j + 16).min(tokens.len()))
                    .find(|&i| tokens[i].is_punct(',') || tokens[i].is_clause_end())?;
                if !tokens[close].is_punct(',') {
                    return None;
                }
                j = close + 1;
            }
            TokenKind::Punct('(') => {
                j = (j + 1..tokens.len()).find(|&i| tokens[i].is_punct(')'))? + 1;
            }
            TokenKind::Punct(_) | TokenKind::Figure(_) => return None,
            TokenKind::Word(w) => {
                if let Some((event, _)) = lex.event_at(tokens, j) {
                    let past = !auxiliaries.iter().any(|a| is_modal(a))
                        && auxiliaries.iter().any(|a| {
                            matches!(*a, "were" | "was" | "had" | "has" | "have" | "been")
                        });
                    return Some(Trigger { event, at: j, past });
                }
                if w == "and" && tokens.get(j + 1).and_then(Token::figure).is_some() {
                    j = noun_phrase(lex, tokens, j + 2).end.max(j + 2);
                    continue;
                }
                if let Some(n) = lex.skip.match_at(tokens, j) {
                    auxiliaries.extend(tokens[j..j + n].iter().filter_map(Token::word));
                    j += n;
                    continue;
                }
                if is_preposition(w) {
                    j = after_prepositional_phrase(lex, tokens, j + 1);
                    continue;
                }
                return None;
            }
        }
    }
    None
}

/// The trigger before a figure ("killing N", "the release of N", "in exchange for N", "released on
/// Monday the 20 …"), if one stands within a few determiners of it; through "and" a coordinated
/// figure's trigger ("the release of 33 hostages and up to 1,650 prisoners").
pub fn trigger_before(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Option<Trigger> {
    let mut end = k;
    for _ in 0..5 {
        for (event, set) in &lex.events {
            if let Some(n) = set.match_ending_at(tokens, end) {
                let at = end - n;
                let word = tokens[end - 1].word().unwrap_or("");
                let before = at.checked_sub(1).and_then(|i| tokens[i].word());
                let past = is_past_form(word) && !before.is_some_and(is_modal);
                return Some(Trigger {
                    event: *event,
                    at,
                    past,
                });
            }
        }
        let w = tokens.get(end.checked_sub(1)?)?.word()?;
        if is_determiner(w) {
            end -= 1;
        } else if let Some(n) = lex.skip.match_ending_at(tokens, end).filter(|&n| n >= 2) {
            end -= n;
        } else if w == "and" {
            let first = coordinated_figure(tokens, end - 1)?;
            return trigger_before(lex, tokens, first);
        } else {
            return None;
        }
    }
    None
}

/// The figure of the conjunct before a coordinator at `at` ("33 hostages and …"), within a few words.
pub fn coordinated_figure(tokens: &[Token], at: usize) -> Option<usize> {
    (at.saturating_sub(8)..at)
        .rev()
        .take_while(|&i| !matches!(tokens[i].kind, TokenKind::Punct(_)))
        .find(|&i| tokens[i].figure().is_some())
}

/// True for a past tense or participle: "released", "freed", "killed", "took", "held".
fn is_past_form(w: &str) -> bool {
    w.ends_with("ed") || matches!(w, "took" | "taken" | "held" | "slain" | "hurt" | "set")
}
