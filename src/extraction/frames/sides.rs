//! The kind a family of event gives a figure: killed, wounded, displaced and missing are kinds of
//! their own; captivity and release need the side of an exchange the counted people are on
//! (hostages or prisoners), read from the noun phrase, the agent, or the nearest side word.

use super::phrase::NounPhrase;
use crate::extraction::lexicon::{Event, FrameLexicon, Noun, Side};
use crate::extraction::tokens::Token;

/// The kind a family of event gives the figure at `k`, once the counted people's side is known.
pub fn kind_of(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
    event: Event,
    np: NounPhrase,
    trigger_at: Option<usize>,
) -> Option<&'static str> {
    match event {
        Event::Killed => Some("killed"),
        Event::Wounded => Some("wounded"),
        Event::Displaced => Some("displaced"),
        Event::Missing => Some("missing"),
        // "the two leaders held a call": captivity needs people the lexicon knows.
        Event::Held if np.unknown => None,
        Event::Held => match side_of(lex, tokens, k, np, trigger_at) {
            Some(Side::Prisoners) => None,
            _ if np.head == Some(Noun::Bodies) => None,
            _ => Some("hostages.held"),
        },
        Event::Released => match side_of(lex, tokens, k, np, trigger_at)? {
            Side::Hostages => Some("hostages.released"),
            Side::Prisoners => Some("prisoners.released"),
        },
    }
}

/// Which side of an exchange the counted people are on: the noun phrase's side words first ("Israeli
/// prisoners" are hostages), then the agent before the trigger ("Hamas released", "Israel freed"),
/// then the head noun, then the side word nearest the figure.
pub fn side_of(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
    np: NounPhrase,
    trigger_at: Option<usize>,
) -> Option<Side> {
    if let Some(s) = np.side {
        return Some(s);
    }
    if let Some(at) = trigger_at {
        // The agent: the subject just before the verb, within the clause ("Israel will free N",
        // "Hamas, which has released N prisoners": Hamas holds hostages, whatever it calls them).
        let floor = at.saturating_sub(7);
        for i in (floor..at).rev() {
            if tokens[i].is_clause_end() {
                break;
            }
            if let Some((side, _)) = lex.agent_at(tokens, i) {
                return Some(side);
            }
        }
    }
    match np.head {
        Some(Noun::Hostages) => return Some(Side::Hostages),
        Some(Noun::Prisoners) => return Some(Side::Prisoners),
        _ => {}
    }
    // The nearest side word in the sentence.
    let mut best: Option<(usize, Side)> = None;
    for (i, _) in tokens.iter().enumerate() {
        let Some((side, _)) = lex
            .side_at(tokens, i)
            .or_else(|| lex.noun_at(tokens, i).and_then(noun_side))
        else {
            continue;
        };
        let d = i.abs_diff(k);
        if best.is_none_or(|b| d < b.0) {
            best = Some((d, side));
        }
    }
    best.map(|b| b.1)
}

fn noun_side((noun, n): (Noun, usize)) -> Option<(Side, usize)> {
    match noun {
        Noun::Hostages => Some((Side::Hostages, n)),
        Noun::Prisoners => Some((Side::Prisoners, n)),
        _ => None,
    }
}
