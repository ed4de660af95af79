//! The frame grammar: for each figure of a masked sentence, what it counts and what happened to it.
//!
//! A claim is a frame with a figure in one of a few slots, whatever the words around it:
//!
//! | shape | slots | examples |
//! |---|---|---|
//! | `toll` | tally noun … linking verb … figure | "the death toll from the quake in X has risen to N", "the number of injured stands at N", "toll tops N" |
//! | `figure-then-verb` | figure, counted noun phrase, (apposition), auxiliaries, trigger | "N people were killed", "N Israeli hostages, including …, will be released", "13 Israelis and 12 Thais were freed" |
//! | `verb-then-figure` | trigger (active verb or event noun + of/for), figure, counted noun | "killing N", "Israel will free N Palestinians", "the release of N hostages", "in exchange for N prisoners" |
//! | `noun` | figure + a noun that is itself the event | "N deaths", "N fatalities", "claimed N lives", "N bodies were recovered" |
//! | `duration` | duration figure + truce noun, truce noun + last/of + figure, extend … by + figure | "a six-week ceasefire", "the truce will last 42 days", "extended by two days" |
//!
//! The trigger gives the family (killed, wounded, displaced, missing, held, released); for releases and
//! captivity the counted noun, its modifiers, the agent ("Hamas released", "Israel freed") or the
//! nearest side word decide between hostages and prisoners. A figure after "up from", "down from", "a
//! previous estimate of" is an earlier figure, not today's count. The words are `rules.toml`'s
//! `[frames]` lists ([`FrameLexicon`]); only the slots and their order are code.

use super::lexicon::{Event, FrameLexicon, Noun, Side};
use super::tokens::{Token, TokenKind};
use crate::model::{Quantity, QuantityClass};

/// The frame found for one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Index of the figure's quantity.
    pub quantity: usize,
    /// Claim kind id (`killed`, `hostages.released`, …).
    pub kind: &'static str,
    /// Which shape of frame found it (`toll`, `figure-then-verb`, …), for the claim's `rule`.
    pub shape: &'static str,
    /// True when the figure is an earlier one ("up from 55"), not a count as of the sentence.
    pub earlier: bool,
}

/// Most words between a figure and its verb, or a tally noun and its figure.
const REACH: usize = 14;

/// Finds the frame of every figure of the sentence's tokens that has one.
pub fn find(lex: &FrameLexicon, tokens: &[Token], quantities: &[Quantity]) -> Vec<Frame> {
    if lex.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let Some(qi) = t.figure() else { continue };
        let Some(q) = quantities.get(qi) else {
            continue;
        };
        let found = match q.class {
            QuantityClass::Count => count_frame(lex, tokens, k),
            QuantityClass::Duration => duration_frame(lex, tokens, k),
            _ => None,
        };
        if let Some((kind, shape)) = found {
            out.push(Frame {
                quantity: qi,
                kind,
                shape,
                earlier: q.class == QuantityClass::Count && is_earlier(lex, tokens, k),
            });
        }
    }
    out
}

/// A counted noun phrase after a figure.
#[derive(Debug, Clone, Copy, Default)]
struct NounPhrase {
    /// The head noun's class.
    head: Option<Noun>,
    /// The side its words put the people on.
    side: Option<Side>,
    /// Index of the first token after the phrase.
    end: usize,
}

/// Small words that end a noun phrase.
fn is_boundary_word(w: &str) -> bool {
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
    )
}

/// Reads the noun phrase that starts at `start` (the token after a figure): up to four modifiers and a
/// head noun ("20 living Israeli hostages", "nine sick and injured hostages"), or the head of a
/// partitive ("33 of the nearly 100 remaining hostages").
fn noun_phrase(lex: &FrameLexicon, tokens: &[Token], start: usize) -> NounPhrase {
    let mut np = NounPhrase {
        end: start,
        ..NounPhrase::default()
    };
    // Partitive: "N of the (M) … hostages", "N of them".
    if tokens.get(start).and_then(Token::word) == Some("of") {
        let mut j = start + 1;
        if matches!(
            tokens.get(j).and_then(Token::word),
            Some("the" | "its" | "their" | "those" | "these" | "all")
        ) {
            j += 1;
            if tokens.get(j).and_then(Token::figure).is_some() {
                j += 1;
            }
            let mut inner = noun_phrase(lex, tokens, j);
            if inner.head.is_some() {
                // "1.4 million of the Strip's population of 2.2 million people": the part is people,
                // and the whole's own figure and noun are stepped over.
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
                return inner;
            }
        }
        return np;
    }
    let mut side = None;
    let mut j = start;
    while j < tokens.len() && j < start + 6 {
        let Some(w) = tokens[j].word() else {
            // "sick and injured" has no punctuation; a hyphen joins words already.
            break;
        };
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
            // "28 dead hostages": a noun right before another noun is its modifier.
            if let Some((next, n2)) = lex.noun_at(tokens, j + n) {
                if next != noun {
                    np.head = Some(next);
                    np.end = j + n + n2;
                    if let Some((s, _)) = lex.side_at(tokens, j + n) {
                        side = Some(s);
                    }
                    break;
                }
            }
            np.head = Some(noun);
            np.end = j + n;
            // "Palestinian prisoners and detainees": a second noun joined by "and" belongs to it.
            if tokens.get(np.end).and_then(Token::word) == Some("and") {
                if let Some((_, n2)) = lex.noun_at(tokens, np.end + 1) {
                    np.end += 1 + n2;
                }
            }
            if let Some((s, _)) = lex.side_at(tokens, j) {
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
    if np.head.is_none() && j <= start + 3 {
        np.end = j;
    }
    np.side = side;
    np
}

/// What follows a figure's noun phrase: the first trigger reached over auxiliaries, adverbs, an
/// apposition, a short prepositional phrase, or a coordinated figure ("13 Israelis and 12 Thais were
/// freed"). `None` when another verb, the clause's end or a second figure comes first.
fn trigger_after(lex: &FrameLexicon, tokens: &[Token], start: usize) -> Option<Event> {
    let mut j = start;
    let limit = (start + REACH).min(tokens.len());
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
            TokenKind::Punct(_) => return None,
            TokenKind::Figure(_) => return None,
            TokenKind::Word(w) => {
                if let Some((event, _)) = lex.event_at(tokens, j) {
                    return Some(event);
                }
                if w == "and" && tokens.get(j + 1).and_then(Token::figure).is_some() {
                    j = noun_phrase(lex, tokens, j + 2).end.max(j + 2);
                    continue;
                }
                if let Some(n) = lex.skip.match_at(tokens, j) {
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

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "including" | "mostly" | "mainly" | "among" | "in" | "from"
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

/// The end of a short prepositional phrase's object ("the West Bank and Jerusalem"): up to five words,
/// stopping before a word the grammar reads (a trigger or a skipped auxiliary) or a punctuation mark.
fn after_prepositional_phrase(lex: &FrameLexicon, tokens: &[Token], start: usize) -> usize {
    let mut j = start;
    while j < tokens.len() && j < start + 5 {
        let Some(_) = tokens[j].word() else { break };
        if lex.event_at(tokens, j).is_some() || lex.skip.match_at(tokens, j).is_some() {
            break;
        }
        j += 1;
    }
    j
}

/// Words between a trigger and its figure that the grammar steps over: determiners and quantifier
/// phrases ("a total of", "another", "all", "some of the").
fn is_determiner(w: &str) -> bool {
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

/// The trigger before a figure ("killing N", "the release of N", "in exchange for N"), if one stands
/// within a few determiners of it. Returns the event and the index where the trigger starts.
fn trigger_before(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Option<(Event, usize)> {
    let mut end = k;
    for _ in 0..5 {
        for (event, set) in &lex.events {
            if let Some(n) = set.match_ending_at(tokens, end) {
                return Some((*event, end - n));
            }
        }
        let w = tokens.get(end.checked_sub(1)?)?.word()?;
        if is_determiner(w) {
            end -= 1;
        } else if let Some(n) = lex.skip.match_ending_at(tokens, end).filter(|&n| n >= 2) {
            // "released on Monday the 20 …"
            end -= n;
        } else if w == "and" {
            // "the release of 33 hostages and up to 1,650 prisoners": the first figure's trigger.
            let first = (end.saturating_sub(8)..end - 1)
                .rev()
                .take_while(|&i| !matches!(tokens[i].kind, TokenKind::Punct(_)))
                .find(|&i| tokens[i].figure().is_some())?;
            return trigger_before(lex, tokens, first);
        } else {
            return None;
        }
    }
    None
}

/// A tally noun before the figure, linked to it by a tally verb ("the death toll … has risen to N",
/// "the number of injured stands at N", "a toll of N").
fn toll_before(lex: &FrameLexicon, tokens: &[Token], k: usize) -> Option<Event> {
    // Just before the figure: a linking verb with its preposition, or "of"/"at" right after the noun.
    let mut j = k;
    while j > 0 {
        let w = tokens[j - 1].word()?;
        if matches!(
            w,
            "to" | "at" | "past" | "above" | "over" | "beyond" | "around" | "about" | "nearly"
        ) {
            j -= 1;
        } else {
            break;
        }
    }
    if j == 0 {
        return None;
    }
    if let Some(verb_len) = lex.toll_verbs.match_ending_at(tokens, j) {
        let verb_start = j - verb_len;
        // The tally noun: the nearest one before the verb, within reach, in the same clause.
        let mut i = verb_start;
        let floor = verb_start.saturating_sub(REACH + 4);
        while i > floor {
            i -= 1;
            if tokens[i].is_clause_end() {
                return None;
            }
            if let Some((event, n)) = toll_noun_at(lex, tokens, i) {
                if i + n <= verb_start {
                    return Some(event);
                }
            }
        }
        return None;
    }
    // "a death toll of N", "put the toll at N".
    if k >= 2 && matches!(tokens[k - 1].word(), Some("of" | "at")) {
        for (event, set) in &lex.tolls {
            if set.match_ending_at(tokens, k - 1).is_some() {
                return Some(*event);
            }
        }
    }
    None
}

/// A tally noun starting at `tokens[i]`: one of the lexicon's, or "number of" / "count of" with up to
/// two modifiers before a death noun or a trigger ("the number of storm-related deaths").
fn toll_noun_at(lex: &FrameLexicon, tokens: &[Token], i: usize) -> Option<(Event, usize)> {
    if let Some(found) = lex.toll_at(tokens, i) {
        return Some(found);
    }
    if !matches!(tokens[i].word(), Some("number" | "count" | "tally" | "toll"))
        || tokens.get(i + 1).and_then(Token::word) != Some("of")
    {
        return None;
    }
    for j in i + 2..(i + 5).min(tokens.len()) {
        tokens[j].word()?;
        if let Some((Noun::Deaths | Noun::Bodies, n)) = lex.noun_at(tokens, j) {
            return Some((Event::Killed, j + n - i));
        }
        if let Some((event, n)) = lex.event_at(tokens, j) {
            return Some((event, j + n - i));
        }
    }
    None
}

/// True when the figure at `k` is a population: "a population of N", "home to N", "the N
/// population of …".
fn is_population(lex: &FrameLexicon, tokens: &[Token], k: usize, np: NounPhrase) -> bool {
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
            j > 0 && lex.noun_at(tokens, j - 1).is_some_and(|(n, _)| n == Noun::Population)
        }
        Some("to") => word(k - 1) == Some("home"),
        _ => false,
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
    while j > 0 && tokens[j - 1].word().is_some_and(|w| matches!(w, "the" | "remaining" | "all")) {
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

/// The frame of a count at token `k`: its kind and the frame's shape.
fn count_frame(
    lex: &FrameLexicon,
    tokens: &[Token],
    k: usize,
) -> Option<(&'static str, &'static str)> {
    if let Some(event) = toll_before(lex, tokens, k) {
        return kind_of(lex, tokens, k, event, NounPhrase::default(), None).map(|k| (k, "toll"));
    }
    let np = noun_phrase(lex, tokens, k + 1);
    match whole_of(lex, tokens, k) {
        // "33 of the nearly 100 remaining hostages to go free": the whole is the stock still held,
        // and the verb is the part's.
        Whole::OfPartitive => {
            return (np.head == Some(Noun::Hostages)).then_some(("hostages.held", "noun"));
        }
        // "the bodies of 28 hostages": bodies handed over are not a toll of this sentence.
        Whole::OfBodies => return None,
        Whole::No => {}
    }
    if is_population(lex, tokens, k, np) {
        return Some(("population", "noun"));
    }
    match np.head {
        Some(Noun::Trucks) => return Some(("aid.trucks", "noun")),
        Some(Noun::Deaths) => return Some(("killed", "noun")),
        Some(Noun::Lives) => {
            // "claimed 87 lives", "cost the lives of": a verb of taking just before the figure.
            let mut j = k;
            while j > 0 && tokens[j - 1].word().is_some_and(is_determiner) {
                j -= 1;
            }
            return lex
                .life_verbs
                .match_ending_at(tokens, j)
                .map(|_| ("killed", "noun"));
        }
        Some(Noun::Truces | Noun::Extensions | Noun::Population) => return None,
        _ => {}
    }
    if let Some((event, at)) = trigger_before(lex, tokens, k) {
        return kind_of(lex, tokens, k, event, np, Some(at)).map(|k| (k, "verb-then-figure"));
    }
    let event = trigger_after(lex, tokens, np.end.max(k + 1))?;
    if np.head == Some(Noun::Bodies) && event != Event::Killed && event != Event::Missing {
        return None;
    }
    kind_of(lex, tokens, k, event, np, None).map(|k| (k, "figure-then-verb"))
}

/// The kind a family of event gives the figure at `k`, once the counted people's side is known.
fn kind_of(
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

/// Which side of an exchange the counted people are on: the noun phrase's own words first (a side
/// modifier beats the head: "Israeli prisoners" are hostages), then the head noun, then the agent
/// before the trigger ("Hamas released", "Israel freed"), then the side word nearest the figure.
fn side_of(
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

/// The frame of a duration at token `k`: a truce's length or an extension's.
fn duration_frame(
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
    let floor = k.saturating_sub(REACH + 4);
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
    None
}

/// True when the figure at `k` follows an earlier-figure phrase ("up from", "down from", "a previous
/// estimate of", "revised … from").
fn is_earlier(lex: &FrameLexicon, tokens: &[Token], k: usize) -> bool {
    let mut end = k;
    for _ in 0..4 {
        if lex.earlier.match_ending_at(tokens, end).is_some() {
            return true;
        }
        match end.checked_sub(1).and_then(|i| tokens[i].word()) {
            Some(w) if is_determiner(w) => end -= 1,
            _ => return false,
        }
    }
    false
}
