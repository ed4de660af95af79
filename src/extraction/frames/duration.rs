//! Durations: a truce's length ("a six-week ceasefire", "the truce will last 42 days", "hostages
//! released over four days") and an extension's ("extended by two days", "a two-day extension").

use super::phrase::is_boundary_word;
use crate::extraction::lexicon::{Event, FrameLexicon, Noun};
use crate::extraction::tokens::Token;

/// Most tokens between a truce noun and a verb of lasting.
const LAST_REACH: usize = 18;

/// The frame of a duration at token `k`: a truce's length or an extension's.
pub fn duration_frame(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
) -> Option<(&'static str, &'static str)> {
    // "extended by two days", "extend the truce for another 48 hours".
    let mut j = k;
    while j > 0
        && matches!(
            tokens[j - 1].word(),
            Some("another" | "a" | "an" | "further" | "additional" | "more" | "extra")
        )
    {
        j -= 1;
    }
    if j > 0 && matches!(tokens[j - 1].word(), Some("by" | "for")) {
        let floor = j.saturating_sub(8);
        if (floor..j - 1).any(|i| lex.extend_verbs.match_at(tokens, i).is_some()) {
            return Some(("truce.extension", "duration"));
        }
    }
    // "a six-week ceasefire", "a two-day extension", "the 42-day first phase".
    let mut i = k + 1;
    while i < tokens.len() && i <= k + 3 {
        if let Some((noun, _)) = lex.noun_at(tokens, i) {
            return match noun {
                Noun::Truces => Some(("truce.duration", "duration")),
                Noun::Extensions => Some(("truce.extension", "duration")),
                _ => None,
            };
        }
        match tokens[i].word() {
            Some(w) if !is_boundary_word(w) => i += 1,
            _ => break,
        }
    }
    // "the truce will last 42 days", "a ceasefire of six weeks", "the first phase, lasting 42 days".
    let floor = k.saturating_sub(LAST_REACH);
    for i in (floor..k).rev() {
        if tokens[i].is_clause_end() || tokens[i].figure().is_some() {
            break;
        }
        if let Some((Noun::Truces, n)) = lex.noun_at(tokens, i) {
            // A verb of lasting may stand far from its truce ("the truce, agreed after …, will last
            // for 42 days"); "of" and "for" only right after it ("a ceasefire of six weeks").
            let between = &tokens[i + n..k];
            let lasts = between.iter().any(|t| {
                matches!(
                    t.word(),
                    Some("last" | "lasts" | "lasting" | "lasted" | "span" | "spanning" | "spans")
                )
            });
            let linked = between.len() <= 3
                && between
                    .iter()
                    .any(|t| matches!(t.word(), Some("of" | "for" | "is" | "was")));
            return (lasts || linked).then_some(("truce.duration", "duration"));
        }
    }
    released_over(lex, tokens, k).then_some(("truce.duration", "duration"))
}

/// "Hamas is to free 50 captives over four days": a release spread over the days of a pause.
fn released_over(lex: &FrameLexicon, tokens: &[Token], k: usize) -> bool {
    if k == 0 || tokens[k - 1].word() != Some("over") {
        return false;
    }
    // The release is the same clause's, a few words back, with no comma between.
    (k.saturating_sub(8)..k - 1)
        .rev()
        .take_while(|&i| !tokens[i].is_clause_end() && !tokens[i].is_punct(','))
        .any(|i| {
            lex.event_at(tokens, i)
                .is_some_and(|(e, _)| e == Event::Released)
        })
}
