//! Figures that are not today's count: an earlier figure of the same tally ("up from 55", "down from
//! the initial list of 3,200", "previously put at 4,300"), a rate ("10 to 15 deaths a day", "200
//! trucks each day"), or a ratio ("three prisoners for every hostage").

use super::phrase::is_determiner;
use crate::extraction::lexicon::FrameLexicon;
use crate::extraction::tokens::{tokenize, Token};
use crate::model::{Quantity, QuantityClass};

/// Words that date a figure before the sentence's own ("previously put at 4,300").
fn is_earlier_adverb(w: &str) -> bool {
    matches!(w, "previously" | "initially" | "originally" | "formerly")
}

/// True when the figure at `k` is an earlier figure: after an earlier-figure phrase of the lexicon
/// (over determiners: "from the initial list of"), or within three words after an adverb such as
/// "previously".
pub fn is_earlier(lex: &FrameLexicon, tokens: &[Token], k: usize) -> bool {
    let mut end = k;
    for _ in 0..4 {
        if lex.earlier.match_ending_at(tokens, end).is_some() {
            return true;
        }
        match end.checked_sub(1).and_then(|i| tokens[i].word()) {
            Some(w) if is_determiner(w) => end -= 1,
            _ => break,
        }
    }
    (k.saturating_sub(3)..k)
        .filter_map(|i| tokens[i].word())
        .any(is_earlier_adverb)
        || dated_earlier_after(tokens, k)
}

/// "4,651 a day earlier", "4,651 the day before", "55 a week ago": a figure dated before the
/// sentence's own by the words right after it.
fn dated_earlier_after(tokens: &[Token], k: usize) -> bool {
    for t in tokens.iter().skip(k + 1).take(4) {
        match t.word() {
            Some("earlier" | "before" | "ago" | "previously") => return true,
            Some("a" | "the" | "one" | "day" | "week" | "month" | "previous" | "prior") => {}
            None if t.figure().is_some() => {}
            _ => return false,
        }
    }
    false
}

/// The rate scope of the figure whose noun phrase ends at `np_end` ("a day", "daily", "for every"),
/// if a rate phrase follows within a few words of the same clause (the quantity grammar reads "a day"
/// as a duration figure, which counts too). `Some("ratio")` is no count.
pub fn rate_after<'a>(
    lex: &'a FrameLexicon,
    tokens: &[Token],
    quantities: &[Quantity],
    np_end: usize,
) -> Option<&'a str> {
    let mut j = np_end;
    while j < tokens.len() && j < np_end + 8 {
        if tokens[j].is_clause_end() {
            return None;
        }
        if let Some(qi) = tokens[j].figure() {
            // "a day" is recognised as a duration of one day.
            let q = quantities.get(qi)?;
            if q.class != QuantityClass::Duration {
                return None;
            }
            let words = tokenize(&q.text);
            return lex.rate_at(&words, 0).map(|(name, _)| name);
        }
        if let Some((name, n)) = lex.rate_at(tokens, j) {
            // "a day after the truce began", "a week ago" date an event; they are no rate.
            let dated = tokens.get(j + n).and_then(Token::word).is_some_and(|w| {
                matches!(
                    w,
                    "after" | "before" | "earlier" | "later" | "ago" | "into" | "since"
                )
            });
            return (!dated).then_some(name);
        }
        j += 1;
    }
    None
}
