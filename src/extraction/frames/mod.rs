//! The frame grammar: for each figure of a masked sentence, what it counts and what happened to it.
//!
//! A claim is a frame with a figure in one of a few slots, whatever the words around it:
//!
//! | shape | slots | examples |
//! |---|---|---|
//! | `toll` | tally noun … linking verb … figure | "the death toll from the quake in X has risen to N", "the number of injured stands at N", "officials put the number of soldiers killed at N" |
//! | `figure-then-verb` | figure, counted noun phrase, (apposition, short prepositional phrase), auxiliaries, trigger | "N people were killed", "N Israeli hostages, including …, will be released", "13 Israelis and 12 Thais were freed" |
//! | `verb-then-figure` | trigger (active verb or event noun + of/for), determiners, figure, counted noun | "killing N", "Israel will free N Palestinians", "the release of N hostages", "in exchange for N prisoners" |
//! | `noun` | figure + a noun that is itself the event or the thing counted | "N deaths", "claimed N lives", "N aid trucks", "a city of N people" |
//! | `duration` | duration + truce noun; truce noun … last/of + duration; extend … by + duration | "a six-week ceasefire", "the truce will last 42 days", "extended by two days" |
//! | `part` | a figure coordinated with, or included in, a claimed one | "13 Israelis and 12 Thais", "17 hostages, including 14 Israelis and three Thais", "nine were among the 11 freed" |
//!
//! Modules, one step each: [`phrase`] (noun phrases and closed word classes), [`triggers`] (the verb
//! and its tense), [`tally`] (tally nouns, populations), [`sides`] (hostages or prisoners),
//! [`duration`] (truce lengths), [`earlier`] (earlier figures, rates, ratios).
//!
//! The trigger gives the family (killed, wounded, displaced, missing, held, released); for releases and
//! captivity the counted noun, its modifiers, the agent ("Hamas released", "Israel freed") or the
//! nearest side word decide between hostages and prisoners. A figure after "up from", "down from", "a
//! previous estimate of" is an earlier figure, not today's count; "a day" after a figure makes it a
//! rate (scope `per-day`), "for every" a ratio (no claim). The words are `rules.toml`'s `[frames]`
//! lists ([`FrameLexicon`]); only the slots and their order are code.

pub mod duration;
pub mod earlier;
pub mod phrase;
pub mod sides;
pub mod tally;
pub mod triggers;

use crate::extraction::lexicon::{Event, FrameLexicon, Noun, Tally};
use crate::extraction::tokens::Token;
use crate::model::{Quantity, QuantityClass};
use phrase::{is_determiner, noun_phrase, NounPhrase};
use sides::kind_of;
use triggers::{coordinated_figure, trigger_after, trigger_before};

/// What the grammar reads a figure as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A claim of a kind.
    Claim {
        /// Claim kind id (`killed`, `hostages.released`, …).
        kind: &'static str,
        /// Which shape of frame found it (`toll`, `figure-then-verb`, …), for the claim's `rule`.
        shape: &'static str,
        /// The rate scope (`per-day`, …) when the figure is a rate.
        rate: Option<String>,
        /// True when a past or perfect verb makes it a count of what happened.
        past: bool,
        /// For a part ("including 14 Israelis"), the quantity index of its whole, whose modality it
        /// shares.
        whole: Option<usize>,
    },
    /// An earlier figure of a tally ("up from 55"): no claim of the sentence's date.
    Earlier,
    /// A figure that is no claim although patterns might take it: a ratio ("for every hostage"),
    /// people the lexicon does not know being "held", trucks waiting at a crossing.
    NoClaim,
}

/// The frame found for one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Index of the figure's quantity.
    pub quantity: usize,
    /// How the figure reads.
    pub reading: Reading,
}

/// Finds the frame of every figure of the sentence's tokens that has one.
pub fn find(lex: &FrameLexicon, tokens: &[Token], quantities: &[Quantity]) -> Vec<Frame> {
    if lex.is_empty() {
        return Vec::new();
    }
    // Per token: the reading of the figure there.
    let mut readings: Vec<Option<Reading>> = vec![None; tokens.len()];
    for (k, t) in tokens.iter().enumerate() {
        let Some(q) = t.figure().and_then(|qi| quantities.get(qi)) else {
            continue;
        };
        readings[k] = match q.class {
            QuantityClass::Count if earlier::is_earlier(lex, tokens, k) => Some(Reading::Earlier),
            QuantityClass::Count => count_frame(lex, tokens, quantities, k),
            QuantityClass::Duration => {
                duration::duration_frame(lex, tokens, k).map(|(kind, shape)| Reading::Claim {
                    kind,
                    shape,
                    rate: None,
                    past: false,
                    whole: None,
                })
            }
            _ => None,
        };
    }
    for k in 0..tokens.len() {
        if readings[k].is_none()
            && tokens[k]
                .figure()
                .is_some_and(|qi| is_count(quantities, qi))
        {
            readings[k] = part_of(lex, tokens, k, &readings);
        }
    }
    tokens
        .iter()
        .zip(readings)
        .filter_map(|(t, r)| {
            Some(Frame {
                quantity: t.figure()?,
                reading: r?,
            })
        })
        .collect()
}

fn is_count(quantities: &[Quantity], qi: usize) -> bool {
    quantities
        .get(qi)
        .is_some_and(|q| q.class == QuantityClass::Count)
}

fn claim(kind: &'static str, shape: &'static str, past: bool) -> Reading {
    Reading::Claim {
        kind,
        shape,
        rate: None,
        past,
        whole: None,
    }
}

/// The frame of a count at token `k`.
fn count_frame(
    lex: &FrameLexicon,
    tokens: &[Token],
    quantities: &[Quantity],
    k: usize,
) -> Option<Reading> {
    let np = noun_phrase(lex, tokens, k + 1);
    let reading = count_reading(lex, tokens, k, np)?;
    // A rate or a ratio after the noun phrase.
    match (
        reading,
        earlier::rate_after(lex, tokens, quantities, np.end.max(k + 1)),
    ) {
        (_, Some("ratio")) => Some(Reading::NoClaim),
        (
            Reading::Claim {
                kind, shape, past, ..
            },
            Some(rate),
        ) => Some(Reading::Claim {
            kind,
            shape,
            rate: Some(rate.to_string()),
            past,
            whole: None,
        }),
        (reading, _) => Some(reading),
    }
}

fn count_reading(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
    np: NounPhrase,
) -> Option<Reading> {
    if let Some(tally) = tally::tally_before(lex, tokens, k) {
        return match tally {
            Tally::Event(event) => kind_of(lex, tokens, k, event, NounPhrase::default(), None)
                .map(|kind| claim(kind, "toll", false)),
            Tally::Trucks => Some(claim("aid.trucks", "toll", false)),
            Tally::Population => Some(claim("population", "toll", false)),
        };
    }
    match whole_of(lex, tokens, k) {
        // "33 of the nearly 100 remaining hostages to go free": the whole is the stock still held,
        // and the verb is the part's.
        Whole::OfPartitive => {
            return (np.head == Some(Noun::Hostages)).then(|| claim("hostages.held", "noun", true));
        }
        // "the bodies of 28 hostages": bodies handed over are not a toll of this sentence.
        Whole::OfBodies => return Some(Reading::NoClaim),
        Whole::No => {}
    }
    if tally::is_population(lex, tokens, k, np) {
        return Some(claim("population", "noun", false));
    }
    match np.head {
        Some(Noun::Trucks) => {
            let idle = (np.end..(np.end + 4).min(tokens.len()))
                .any(|i| lex.idle.match_at(tokens, i).is_some());
            return Some(if idle {
                Reading::NoClaim
            } else {
                claim("aid.trucks", "noun", false)
            });
        }
        Some(Noun::Deaths) => return Some(claim("killed", "noun", false)),
        Some(Noun::Lives) => {
            // "claimed 87 lives", "cost the lives of": a verb of taking just before the figure.
            let mut j = k;
            while j > 0 && tokens[j - 1].word().is_some_and(is_determiner) {
                j -= 1;
            }
            return lex
                .life_verbs
                .match_ending_at(tokens, j)
                .map(|_| claim("killed", "noun", false));
        }
        Some(Noun::Truces | Noun::Extensions | Noun::Population) => return None,
        _ => {}
    }
    if let Some(trigger) = trigger_before(lex, tokens, k) {
        return kind_of(lex, tokens, k, trigger.event, np, Some(trigger.at))
            .map(|kind| claim(kind, "verb-then-figure", trigger.past));
    }
    let Some(trigger) = trigger_after(lex, tokens, np.end.max(k + 1)) else {
        // "With 2.1 million residents", "the town had about 100,000 inhabitants".
        return (np.head == Some(Noun::Residents)).then(|| claim("population", "noun", false));
    };
    if np.head == Some(Noun::Bodies) && !matches!(trigger.event, Event::Killed | Event::Missing) {
        return None;
    }
    match kind_of(lex, tokens, k, trigger.event, np, None) {
        Some(kind) => Some(claim(kind, "figure-then-verb", trigger.past)),
        None if trigger.event == Event::Held => Some(Reading::NoClaim),
        None => None,
    }
}

/// What a figure is the object of, when it is not a count of its own.
enum Whole {
    /// The whole of a partitive ("33 of the 100 …").
    OfPartitive,
    /// "the bodies of N …".
    OfBodies,
    /// Neither.
    No,
}

fn whole_of(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Whole {
    let mut j = k;
    while j > 0
        && tokens[j - 1]
            .word()
            .is_some_and(|w| matches!(w, "the" | "remaining" | "all"))
    {
        j -= 1;
    }
    if j < 2 || tokens[j - 1].word() != Some("of") {
        return Whole::No;
    }
    if tokens[j - 2].figure().is_some() {
        return Whole::OfPartitive;
    }
    if lex
        .noun_at(tokens, j - 2)
        .is_some_and(|(n, _)| n == Noun::Bodies)
    {
        return Whole::OfBodies;
    }
    Whole::No
}

/// Words that introduce a part of a figure named before ("17 hostages, including 14 Israelis").
fn introduces_part(w: &str) -> bool {
    matches!(w, "including" | "includes" | "include" | "incl" | "among")
}

/// The reading of a figure that is a part of, or coordinated with, a claimed one: "17 hostages,
/// including 14 Israelis and three Thais"; "105 hostages were freed, along with 240 Palestinian
/// prisoners"; "Sixteen hostages, ten Israelis and six foreigners, were returned"; "nine children
/// were among the 11 freed". The part takes the whole's kind; for releases and captivity its own noun
/// may put it on the other side.
fn part_of(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
    readings: &[Option<Reading>],
) -> Option<Reading> {
    let whole = whole_before(tokens, k).or_else(|| among_after(lex, tokens, k))?;
    let Some(Reading::Claim { kind, past, .. }) = &readings[whole] else {
        return None;
    };
    let np = noun_phrase(lex, tokens, k + 1);
    // A part names what it counts ("14 Israelis", "nine children"); "one of the states", "1,000 km
    // away" are no part. A compared figure may leave its noun to the first ("1.8 million people were
    // displaced, compared with 400,000 this time").
    let compared = k >= 2 && tokens[k - 2].word() == Some("compared");
    if np.head.is_none() && !compared {
        return None;
    }
    let kind = match *kind {
        "hostages.released" | "prisoners.released" => {
            kind_of(lex, tokens, k, Event::Released, np, None).unwrap_or(kind)
        }
        other => other,
    };
    Some(Reading::Claim {
        kind,
        shape: "part",
        rate: None,
        past: *past,
        whole: tokens[whole].figure(),
    })
}

/// The figure a part before `k` belongs to: over determiners, an inclusion word, "and", "along
/// with", "as well as", or the comma of an apposition, back to a figure of the same clause.
fn whole_before(tokens: &[Token], k: usize) -> Option<usize> {
    let mut j = k;
    while j > 0 && tokens[j - 1].word().is_some_and(is_determiner) {
        j -= 1;
    }
    let linked = match tokens.get(j.checked_sub(1)?)?.word() {
        Some(w) if introduces_part(w) || w == "and" => true,
        Some("with" | "to") => matches!(
            tokens.get(j.checked_sub(2)?)?.word(),
            Some("along" | "compared")
        ),
        Some("as") => tokens.get(j.checked_sub(2)?)?.word() == Some("well"),
        Some("them" | "whom") => true,
        None => tokens[j - 1].is_punct(','),
        _ => false,
    };
    if !linked {
        return None;
    }
    coordinated_figure(tokens, j - 1).or_else(|| {
        // "17 hostages on Sunday, including …": the whole may stand a few more words back.
        (j.saturating_sub(14)..j - 1)
            .rev()
            .take_while(|&i| !tokens[i].is_clause_end())
            .find(|&i| tokens[i].figure().is_some())
    })
}

/// "nine children were among the 11 (hostages) freed": the figure after "among the".
fn among_after(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Option<usize> {
    let np = noun_phrase(lex, tokens, k + 1);
    let mut j = np.end.max(k + 1);
    while tokens
        .get(j)
        .and_then(Token::word)
        .is_some_and(|w| matches!(w, "were" | "was" | "are" | "is" | "also"))
    {
        j += 1;
    }
    (tokens.get(j)?.word()? == "among").then_some(())?;
    let mut f = j + 1;
    while tokens
        .get(f)
        .and_then(Token::word)
        .is_some_and(is_determiner)
    {
        f += 1;
    }
    tokens.get(f)?.figure().map(|_| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mask_for_tests;
    use crate::extraction::tokens::tokenize;
    use crate::rules::RuleSet;

    /// (figure as written, kind or "-" for no claim / "earlier", rate scope) per framed figure.
    fn frames_of(sentence: &str) -> Vec<(String, String, Option<String>)> {
        let rules = RuleSet::embedded().expect("embedded rules");
        let (masked, quantities) = mask_for_tests(sentence);
        let tokens = tokenize(&masked);
        find(&rules.frames, &tokens, &quantities)
            .into_iter()
            .map(|f| {
                let text = quantities[f.quantity].text.clone();
                match f.reading {
                    Reading::Claim { kind, rate, .. } => (text, kind.to_string(), rate),
                    Reading::Earlier => (text, "earlier".into(), None),
                    Reading::NoClaim => (text, "-".into(), None),
                }
            })
            .collect()
    }

    #[test]
    fn rates_keep_their_scope() {
        assert_eq!(
            frames_of("Medics reported 10 to 15 new deaths a day in the camp."),
            vec![("10 to 15".into(), "killed".into(), Some("per-day".into()))]
        );
    }
}
