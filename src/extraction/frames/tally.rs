//! Tallies and populations: a figure that a tally noun names through a linking verb ("the death toll
//! from the quake in X has risen to N", "the number of people still missing stands at N", "officials
//! put the number of soldiers killed at N", "the population of the Strip is estimated at N"), and the
//! sizes of places ("a city of 400,000 people", "the country's 11 million people").

use super::phrase::NounPhrase;
use crate::extraction::lexicon::{Event, FrameLexicon, Noun, Tally};
use crate::extraction::tokens::Token;

/// Most tokens between a tally noun and its linking verb ("the death toll from Monday's earthquake and
/// the aftershocks that followed it across southern Turkey and northern Syria has risen").
const TALLY_REACH: usize = 30;

/// Words between a linking verb and its figure ("rose to", "climbed past", "revised upwards to").
fn is_link_particle(w: &str) -> bool {
    matches!(
        w,
        "to" | "at"
            | "past"
            | "above"
            | "over"
            | "beyond"
            | "around"
            | "about"
            | "nearly"
            | "upwards"
            | "upward"
            | "downwards"
            | "downward"
            | "up"
            | "down"
            | "sharply"
            | "further"
            | "again"
    )
}

/// The tally a figure at `k` is the value of, if a tally noun names it.
pub fn tally_before(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Option<Tally> {
    // Just before the figure: particles, and an earlier figure of the same change ("from 900 to").
    let mut j = k;
    loop {
        match j.checked_sub(1).map(|i| &tokens[i]) {
            Some(t) if t.word().is_some_and(is_link_particle) => j -= 1,
            Some(t) if t.figure().is_some() && j >= 2 && tokens[j - 2].word() == Some("from") => {
                j -= 2
            }
            _ => break,
        }
    }
    if j == 0 {
        return None;
    }
    if let Some(verb_len) = lex.toll_verbs.match_ending_at(tokens, j) {
        return tally_noun_before(lex, tokens, j - verb_len);
    }
    // "put the number of soldiers killed in the ground operation at N", "lowered the toll to N".
    if matches!(tokens[k - 1].word(), Some("at" | "to")) {
        return tally_noun_before(lex, tokens, k - 1).filter(|_| no_figure_between(tokens, k));
    }
    // "a death toll of N".
    if tokens[k - 1].word() == Some("of") {
        return lex
            .tolls
            .iter()
            .find(|(_, set)| set.match_ending_at(tokens, k - 1).is_some())
            .map(|(t, _)| *t);
    }
    None
}

/// True when no other figure stands in the clause between a tally noun and the figure at `k`.
fn no_figure_between(tokens: &[Token], k: usize) -> bool {
    tokens[..k]
        .iter()
        .rev()
        .take_while(|t| !t.is_clause_end())
        .take(TALLY_REACH)
        .all(|t| t.figure().is_none())
}

/// The nearest tally noun ending before `end`, within reach and in the same clause.
fn tally_noun_before(lex: &FrameLexicon, tokens: &[Token], end: usize) -> Option<Tally> {
    let floor = end.saturating_sub(TALLY_REACH);
    let mut i = end;
    while i > floor {
        i -= 1;
        if tokens[i].is_clause_end() {
            return None;
        }
        if let Some((tally, n)) = tally_noun_at(lex, tokens, i) {
            if i + n <= end {
                return Some(tally);
            }
        }
    }
    None
}

/// A tally noun starting at `tokens[i]`: one of the lexicon's; a death noun ("flood deaths have
/// surpassed"); or "number of" / "figure for" / "estimate of" with up to four words before a death
/// noun, a trigger, trucks or residents ("the number of storm-related deaths", "the number of
/// Palestinian prisoners released").
pub fn tally_noun_at(lex: &FrameLexicon, tokens: &[Token], i: usize) -> Option<(Tally, usize)> {
    if let Some(found) = lex.toll_at(tokens, i) {
        return Some(found);
    }
    if let Some((Noun::Deaths, n)) = lex.noun_at(tokens, i) {
        return Some((Tally::Event(Event::Killed), n));
    }
    let head = tokens[i].word()?;
    if !matches!(
        head,
        "number" | "count" | "tally" | "toll" | "figure" | "figures" | "estimate" | "estimates"
    ) || !matches!(tokens.get(i + 1).and_then(Token::word), Some("of" | "for"))
    {
        return None;
    }
    for j in i + 2..(i + 7).min(tokens.len()) {
        tokens[j].word()?;
        match lex.noun_at(tokens, j) {
            Some((Noun::Deaths | Noun::Bodies, n)) => {
                return Some((Tally::Event(Event::Killed), j + n - i))
            }
            Some((Noun::Trucks, n)) => return Some((Tally::Trucks, j + n - i)),
            _ => {}
        }
        if let Some((event, n)) = lex.event_at(tokens, j) {
            return Some((Tally::Event(event), j + n - i));
        }
    }
    None
}

/// True when the figure at `k` is a population: "a population of N", "home to N", "a city of N
/// (people)", "the N population of …", "the country's N people", "N residents" with no event.
pub fn is_population(lex: &FrameLexicon, tokens: &[Token], k: usize, np: NounPhrase) -> bool {
    if np.head == Some(Noun::Population) {
        return true;
    }
    let word = |i: usize| i.checked_sub(1).and_then(|i| tokens[i].word());
    match word(k) {
        Some("of") => {
            let mut j = k - 1;
            while word(j).is_some_and(|w| matches!(w, "the" | "a" | "its" | "their" | "entire")) {
                j -= 1;
            }
            let place_size = lex.places.match_ending_at(tokens, j).is_some()
                && matches!(np.head, None | Some(Noun::People | Noun::Residents));
            place_size
                || j > 0
                    && lex
                        .noun_at(tokens, j - 1)
                        .is_some_and(|(n, _)| n == Noun::Population)
        }
        Some("to") => word(k - 1) == Some("home"),
        // "the country's 11 million people", "Gaza's 2.3 million residents".
        Some(w) if w.ends_with("'s") => matches!(np.head, Some(Noun::People | Noun::Residents)),
        _ => false,
    }
}
