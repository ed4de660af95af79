//! The phrase grammar: from a token position, the longest quantity phrase starting there (qualifier,
//! number, range, unit, class), or nothing.

use super::lexer::{Cx, Kind};
use super::lexicon as lx;
use super::number::{number_at, Core, Form};
use crate::model::{Qualifier, QuantityClass as C};

/// The value a phrase gives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Val {
    /// One stated value.
    One(f64),
    /// An interval with no single stated value (range, vague band, period of years).
    Span(f64, f64),
    /// No numeric value (dates, identifiers).
    Null,
}

/// A recognised phrase: token span `[start, end)` and what it says.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Class of the quantity.
    pub class: C,
    /// Its value.
    pub val: Val,
    /// Its qualifier.
    pub qualifier: Qualifier,
    /// Its unit.
    pub unit: Option<&'static str>,
    /// True for increments.
    pub delta: bool,
}

impl Found {
    fn new(start: usize, end: usize, class: C, val: Val) -> Found {
        Found {
            start,
            end,
            class,
            val,
            qualifier: Qualifier::Exact,
            unit: None,
            delta: false,
        }
    }

    fn unit(self, unit: Option<&'static str>) -> Found {
        Found { unit, ..self }
    }

    fn qual(self, qualifier: Qualifier) -> Found {
        Found { qualifier, ..self }
    }
}

/// The quantity phrase starting at token `i`, if any.
pub(super) fn parse_at(cx: &Cx, i: usize) -> Option<Found> {
    match cx.tok(i)?.kind {
        Kind::Word => word_start(cx, i),
        Kind::Num => date_from_num(cx, i)
            .or_else(|| clock(cx, i))
            .or_else(|| value_at(cx, i)),
        Kind::Punct('+') => phone(cx, i),
        Kind::Punct(_) => value_at(cx, i),
    }
}

fn word_start(cx: &Cx, i: usize) -> Option<Found> {
    if let Some(f) = glued_identifier(cx, i) {
        return Some(f);
    }
    if !lx::is_trigger(cx.word(i)?) {
        return None;
    }
    date_from_word(cx, i)
        .or_else(|| id_prefix(cx, i))
        .or_else(|| between(cx, i))
        .or_else(|| from_to(cx, i))
        .or_else(|| qualified(cx, i))
        .or_else(|| delta_prefixed(cx, i))
        .or_else(|| aged(cx, i))
        .or_else(|| value_at(cx, i))
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/// Extends an identifier over glued digits, short glued letter runs ("H5N1", "F-16s", "A320neo")
/// and glued "-digits"/"/digits" parts. Returns the end token.
fn ident_tail(cx: &Cx, mut j: usize) -> usize {
    loop {
        let short_word = cx.is_word(j) && cx.raw(j).chars().count() <= 3;
        if cx.glued(j) && (cx.is_num(j) || short_word) {
            j += 1;
        } else if matches!(cx.punct(j), Some('-' | '/' | '.' | ':'))
            && cx.glued(j)
            && cx.glued(j + 1)
            && cx.is_num(j + 1)
        {
            j += 2;
        } else {
            return j;
        }
    }
}

/// "G7", "MH17", "H5N1", "F-16", "COVID-19", "G-20", "Su-35".
fn glued_identifier(cx: &Cx, i: usize) -> Option<Found> {
    let next_num = cx.is_num(i + 1) && cx.glued(i + 1);
    let hyphen_num =
        cx.is_punct(i + 1, '-') && cx.glued(i + 1) && cx.glued(i + 2) && cx.is_num(i + 2);
    if !(next_num || hyphen_num) {
        return None;
    }
    let w = cx.word(i)?;
    if hyphen_num {
        let lexical = lx::YEAR_HYPHEN_PREFIXES.contains(&w)
            || lx::month(w).is_some()
            || lx::unit_word(w).is_some()
            || lx::tens_word(w).is_some();
        let marked = cx.raw(i).chars().any(char::is_uppercase) || w == "covid";
        if lexical || !marked {
            return None;
        }
    }
    let end = ident_tail(cx, i + 1);
    Some(Found::new(i, end, C::Identifier, Val::Null))
}

/// "Resolution 2334", "Channel 12", "Route 60", "Unit 8200", "No. 10"; "Day 47" is an ordinal.
fn id_prefix(cx: &Cx, i: usize) -> Option<Found> {
    let w = cx.word(i)?;
    let caps = cx.capitalized(i);
    let mut j = i + 1;
    if w == "no" {
        if !(caps && cx.is_punct(j, '.') && cx.glued(j)) {
            return None;
        }
        j += 1;
    } else if w == "day" {
        if !(caps || cx.is_any(i.wrapping_sub(1), &["on", "by", "until", "of", "since"])) {
            return None;
        }
    } else if !(lx::ID_PREFIXES.contains(&w) || (caps && lx::ID_PREFIXES_CAPS.contains(&w))) {
        return None;
    }
    if !cx.is_num(j) || cx.glued(j) {
        return None;
    }
    let (v, _) = cx.digits(j)?;
    if w == "day" {
        return Some(Found::new(i, j + 1, C::Ordinal, Val::One(v as f64)));
    }
    let end = ident_tail(cx, j + 1);
    Some(Found::new(i, end, C::Identifier, Val::Null))
}

/// "+972 3 123 4567": a phone number.
fn phone(cx: &Cx, i: usize) -> Option<Found> {
    if !(cx.is_num(i + 1) && cx.glued(i + 1)) {
        return None;
    }
    let mut j = i + 1;
    let mut digits = 0;
    loop {
        if let Some((_, n)) = cx.digits(j) {
            digits += n;
            j += 1;
        }
        if cx.is_num(j) && cx.near(j) {
            continue;
        }
        if matches!(cx.punct(j), Some('-' | '.'))
            && cx.is_num(j + 1)
            && cx.glued(j)
            && cx.glued(j + 1)
        {
            j += 1;
            continue;
        }
        break;
    }
    (digits >= 7).then(|| Found::new(i, j, C::Identifier, Val::Null))
}

// ---------------------------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------------------------

fn day_at(cx: &Cx, j: usize) -> Option<usize> {
    match cx.digits(j)? {
        (d, n) if n <= 2 && (1..=31).contains(&d) => {
            // "21st"
            if cx.glued(j + 1) && cx.is_any(j + 1, &["st", "nd", "rd", "th"]) {
                Some(j + 2)
            } else {
                Some(j + 1)
            }
        }
        _ => None,
    }
}

fn year_at(cx: &Cx, j: usize) -> bool {
    matches!(cx.digits(j), Some((y, 4)) if (1000..=2999).contains(&y))
}

fn month_at(cx: &Cx, j: usize) -> Option<usize> {
    let w = cx.word(j)?;
    lx::month(w)?;
    if !cx.capitalized(j) {
        return None;
    }
    if cx.is_punct(j + 1, '.') && cx.glued(j + 1) && w.len() <= 4 {
        Some(j + 2)
    } else {
        Some(j + 1)
    }
}

/// An optional ", 2023" or " 2023" after a date.
fn year_after(cx: &Cx, j: usize) -> usize {
    if year_at(cx, j) && !cx.glued(j) {
        j + 1
    } else if cx.is_punct(j, ',') && year_at(cx, j + 1) {
        j + 2
    } else {
        j
    }
}

/// "November 21", "Nov. 21, 2023", "Tuesday, November 21", "Tuesday 6 Aug 2013", "November 2023".
fn date_from_word(cx: &Cx, i: usize) -> Option<Found> {
    let mut j = i;
    let weekday = cx.word(i).is_some_and(lx::weekday) && cx.capitalized(i);
    if weekday {
        j += 1;
        if cx.is_punct(j, ',') {
            j += 1;
        }
        if let Some(f) = day_month(cx, i, j) {
            return Some(f);
        }
    }
    let m = month_at(cx, j)?;
    if let Some(d) = day_at(cx, m).filter(|_| !cx.glued(m)) {
        return Some(Found::new(i, year_after(cx, d), C::Date, Val::Null));
    }
    if year_at(cx, m) && !cx.glued(m) {
        return Some(Found::new(i, m + 1, C::Date, Val::Null));
    }
    None
}

/// "21 November", "6 Aug 2013", "7th of October".
fn day_month(cx: &Cx, start: usize, j: usize) -> Option<Found> {
    let d = day_at(cx, j)?;
    let d = if cx.is(d, "of") { d + 1 } else { d };
    let m = month_at(cx, d)?;
    Some(Found::new(start, year_after(cx, m), C::Date, Val::Null))
}

fn valid_dm(a: u64, b: u64) -> bool {
    ((1..=31).contains(&a) && (1..=12).contains(&b))
        || ((1..=12).contains(&a) && (1..=31).contains(&b))
}

/// Dates starting with digits: ISO "2023-11-21", "21/11/2023", "21.11.2023", "21/11", "21 November".
fn date_from_num(cx: &Cx, i: usize) -> Option<Found> {
    let (a, na) = cx.digits(i)?;
    let sep = cx.punct(i + 1).filter(|c| matches!(c, '-' | '/' | '.'));
    let parts = sep.and_then(|s| {
        let b = cx
            .digits(i + 2)
            .filter(|_| cx.glued(i + 1) && cx.glued(i + 2))?;
        let c = (cx.is_punct(i + 3, s) && cx.glued(i + 3) && cx.glued(i + 4))
            .then(|| cx.digits(i + 4))
            .flatten();
        Some((s, b, c))
    });
    if let Some((s, (b, nb), c)) = parts {
        match c {
            Some((c, nc)) if na == 4 && nb <= 2 && nc <= 2 && valid_dm(c, b) && b <= 12 => {
                return Some(Found::new(i, i + 5, C::Date, Val::Null));
            }
            Some((_, nc)) if na <= 2 && nb <= 2 && (nc == 4 || nc == 2) && valid_dm(a, b) => {
                return Some(Found::new(i, i + 5, C::Date, Val::Null));
            }
            None if s == '/' && na <= 2 && nb <= 2 => {
                let class = if valid_dm(a, b) {
                    C::Date
                } else {
                    C::Identifier
                };
                return Some(Found::new(i, i + 3, class, Val::Null));
            }
            _ => {}
        }
    }
    if na <= 2 {
        return day_month(cx, i, i);
    }
    None
}

/// "am"/"pm"/"a.m."/"p.m." at `j`: (is pm, end).
fn ampm(cx: &Cx, j: usize) -> Option<(bool, usize)> {
    if !(cx.glued(j) || cx.near(j)) {
        return None;
    }
    match cx.word(j)? {
        "am" => Some((false, j + 1)),
        "pm" => Some((true, j + 1)),
        w @ ("a" | "p")
            if cx.is_punct(j + 1, '.')
                && cx.glued(j + 1)
                && cx.is(j + 2, "m")
                && cx.glued(j + 2) =>
        {
            let end = if cx.is_punct(j + 3, '.') && cx.glued(j + 3) {
                j + 4
            } else {
                j + 3
            };
            Some((w == "p", end))
        }
        _ => None,
    }
}

/// A time zone or "local time" at `j`: the end.
fn zone(cx: &Cx, j: usize) -> Option<usize> {
    if !cx.near(j) {
        return None;
    }
    if lx::time_zone(cx.raw(j)) {
        return Some(j + 1);
    }
    cx.phrase(j, &["local", "time"]).then_some(j + 2)
}

fn time_found(cx: &Cx, i: usize, end: usize, h: u64, m: u64) -> Option<Found> {
    let (hours, end) = match ampm(cx, end) {
        Some((pm, e)) if (1..=12).contains(&h) => {
            let h12 = if h == 12 { 0 } else { h };
            (if pm { h12 + 12 } else { h12 }, e)
        }
        Some(_) => return None,
        None => (h, end),
    };
    let end = zone(cx, end).unwrap_or(end);
    Some(Found::new(
        i,
        end,
        C::Time,
        Val::One(hours as f64 + m as f64 / 60.0),
    ))
}

/// "09:30", "7:15 pm", "16:15 GMT", "7.15pm".
fn clock(cx: &Cx, i: usize) -> Option<Found> {
    let (h, nh) = cx.digits(i)?;
    let sep = cx.punct(i + 1)?;
    if nh > 2 || !matches!(sep, ':' | '.') || !cx.glued(i + 1) || !cx.glued(i + 2) {
        return None;
    }
    let (m, nm) = cx.digits(i + 2)?;
    if nm != 2 || m > 59 || h > 24 {
        return None;
    }
    let mut end = i + 3;
    if sep == ':'
        && cx.is_punct(end, ':')
        && cx.glued(end)
        && cx.glued(end + 1)
        && cx.digits(end + 1).is_some()
    {
        end += 2;
    }
    if sep == '.' && ampm(cx, end).is_none() {
        return None;
    }
    time_found(cx, i, end, h, m)
}

/// After a plain number: "7 pm", "715 pm", "1615 GMT", "0930 hrs".
fn time_suffix(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    if core.form != Form::Plain || core.end != start + 1 {
        return None;
    }
    let (v, n) = cx.digits(start)?;
    let (h, m) = if n <= 2 { (v, 0) } else { (v / 100, v % 100) };
    if n > 4 || h > 23 || m > 59 {
        return None;
    }
    let j = core.end;
    let military = n == 4
        && (zone(cx, j).is_some()
            || cx.is_any(j, &["hrs", "hours"]) && cx.raw(start).starts_with('0'));
    if ampm(cx, j).is_some() || (n >= 3 && zone(cx, j).is_some()) || military {
        let f = time_found(cx, start, j, h, m)?;
        let end = if cx.is_any(f.end, &["hrs", "hours"]) {
            f.end + 1
        } else {
            f.end
        };
        return Some(Found { end, ..f });
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Values: numbers with their suffixes
// ---------------------------------------------------------------------------------------------

/// A quantity starting at `i` without a qualifier: money, vague bands, ordinals, "a week", numbers.
fn value_at(cx: &Cx, i: usize) -> Option<Found> {
    if let Some((code, j)) = currency_start(cx, i) {
        return money_at(cx, i, j, code);
    }
    if cx.tok(i).is_some_and(|t| matches!(t.kind, Kind::Punct(_))) {
        return None;
    }
    if let Some(f) = vague_at(cx, i)
        .or_else(|| ordinal_word_at(cx, i))
        .or_else(|| article_unit(cx, i))
    {
        return Some(f);
    }
    let core = number_at(cx, i)?;
    if is_pronoun_one(cx, i, &core) {
        return None;
    }
    Some(after_core(cx, i, &core))
}

/// "no one", "one another", "any one": not a count.
fn is_pronoun_one(cx: &Cx, i: usize, core: &Core) -> bool {
    core.form == Form::Words
        && core.end == i + 1
        && cx.is(i, "one")
        && (cx.is_any(i.wrapping_sub(1), &["no", "any", "every", "each"])
            || cx.is_any(i + 1, &["another", "s"]))
}

/// A currency symbol or code starting at `i`: (code, token after it).
fn currency_start(cx: &Cx, i: usize) -> Option<(&'static str, usize)> {
    let tok = cx.tok(i)?;
    let (code, j) = match tok.kind {
        Kind::Punct(c) => (lx::currency_symbol(c)?, i + 1),
        Kind::Word if cx.is_punct(i + 1, '$') && cx.glued(i + 1) => {
            (lx::dollar_prefix(cx.word(i)?)?, i + 2)
        }
        Kind::Word => {
            let w = cx.word(i)?;
            let code = lx::currency_prefix_word(w)?;
            // codes are written in capitals ("NIS 100"); "Rs" too
            if !(cx.raw(i).chars().all(|c| c.is_uppercase()) || w == "rs") {
                return None;
            }
            let j = if cx.is_punct(i + 1, '.') && cx.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            (code, j)
        }
        Kind::Num => return None,
    };
    (cx.is_num(j) && (cx.glued(j) || cx.near(j))).then_some((code, j))
}

/// "$1.3 billion", "€50", "NIS 100", "$40-60 million".
fn money_at(cx: &Cx, i: usize, j: usize, code: &'static str) -> Option<Found> {
    let core = number_at(cx, j)?;
    if core.huge {
        return None;
    }
    let f = range_after(cx, i, &core)
        .filter(|f| f.qualifier == Qualifier::Range)
        .unwrap_or_else(|| Found::new(i, core.end, C::Money, Val::One(core.value)));
    Some(
        Found {
            class: C::Money,
            ..f
        }
        .unit(Some(code)),
    )
}

/// "a few", "several hundred", "dozens", "tens of thousands", "dozens more", "a few days".
fn vague_at(cx: &Cx, i: usize) -> Option<Found> {
    let &(phrase, lo, hi, scalable) = lx::VAGUE.iter().find(|(p, ..)| cx.phrase(i, p))?;
    let mut j = i + phrase.len();
    if phrase == ["scores"] && !cx.is_any(j, &["of", "more"]) {
        return None;
    }
    let (mut lo, mut hi) = (lo, hi);
    if scalable {
        // "several hundred", "a few hundred thousand"
        let mut last = 1.0;
        while let Some(s) = cx
            .word(j)
            .and_then(lx::scale_word)
            .filter(|&s| cx.near(j) && s > last)
        {
            lo *= s;
            hi *= s;
            last = s;
            j += 1;
        }
    }
    let mut f = Found::new(i, j, C::Count, Val::Span(lo, hi)).qual(Qualifier::Vague);
    f = more_suffix(cx, f);
    if let Some(u) = cx
        .word(f.end)
        .and_then(lx::duration_unit)
        .filter(|_| cx.near(f.end))
    {
        f = Found {
            class: C::Duration,
            end: f.end + 1,
            ..f
        }
        .unit(Some(u));
    }
    Some(f)
}

/// "first", "third", "twenty-first".
fn ordinal_word_at(cx: &Cx, i: usize) -> Option<Found> {
    let w = cx.word(i)?;
    if let Some(t) = lx::tens_word(w) {
        if cx.is_punct(i + 1, '-') && cx.glued(i + 1) && cx.glued(i + 2) {
            let u = cx
                .word(i + 2)
                .and_then(lx::ordinal_word)
                .filter(|u| (1..=9).contains(u))?;
            return Some(Found::new(i, i + 3, C::Ordinal, Val::One((t + u) as f64)));
        }
        return None;
    }
    let v = lx::ordinal_word(w)?;
    Some(Found::new(i, i + 1, C::Ordinal, Val::One(v as f64)))
}

/// "a week", "an hour", "half an hour", "a day" (not "once a day").
fn article_unit(cx: &Cx, i: usize) -> Option<Found> {
    let (value, j) = if cx.is(i, "half") && cx.is_any(i + 1, &["a", "an"]) {
        (0.5, i + 2)
    } else if cx.is_any(i, &["a", "an"]) {
        (1.0, i + 1)
    } else {
        return None;
    };
    let w = cx.word(j)?;
    if w.ends_with('s')
        || !cx.near(j)
        || cx.is_any(
            i.wrapping_sub(1),
            &["once", "twice", "thrice", "times", "per"],
        )
    {
        return None;
    }
    let unit = lx::duration_unit(w)?;
    let mut end = j + 1;
    if cx.is_punct(end, '-') && cx.is(end + 1, "long") && cx.glued(end) {
        end += 2;
    }
    if cx.is_punct(end, '-') && cx.is(end + 1, "old") {
        return None;
    }
    Some(Found::new(i, end, C::Duration, Val::One(value)).unit(Some(unit)))
}

/// A number followed by whatever it is glued to, its range partner, unit, class and increment mark.
fn after_core(cx: &Cx, start: usize, core: &Core) -> Found {
    let j = core.end;
    if core.huge {
        return Found::new(start, ident_tail(cx, j), C::Identifier, Val::Null);
    }
    if core.form != Form::Words {
        if let Some(f) = glued_suffix(cx, start, core) {
            return f;
        }
    }
    if let Some(f) = range_after(cx, start, core)
        .or_else(|| one_in(cx, start, core))
        .or_else(|| apposed_age(cx, start, core))
        .or_else(|| time_suffix(cx, start, core))
        .or_else(|| hyphen_word(cx, start, core))
        .or_else(|| plus(cx, start, core))
    {
        return f;
    }
    let f = Found::new(start, j, C::Count, Val::One(core.value));
    let f = more_suffix(cx, f);
    if let Some((class, unit, end)) = unit_suffix(cx, f.end) {
        return or_more(cx, Found { class, end, ..f }.unit(unit));
    }
    let counted = count_context(cx, start, j) || (f.delta && count_context(cx, start, f.end));
    if is_year(core, start, cx) && !counted {
        return Found::new(start, j, C::Year, Val::One(core.value));
    }
    or_more(cx, f)
}

fn is_year(core: &Core, start: usize, cx: &Cx) -> bool {
    core.form == Form::Plain
        && core.int_digits == 4
        && (1800.0..=2100.0).contains(&core.value)
        && !cx.is_punct(start.wrapping_sub(1), '$')
}

/// Whether a bare four-digit number reads as a count: "killed 2000 people" but not "in 2009".
fn count_context(cx: &Cx, start: usize, end: usize) -> bool {
    let prev = start.checked_sub(1).and_then(|p| cx.word(p));
    if prev.is_some_and(|w| lx::YEAR_CONTEXT.contains(&w) || lx::month(w).is_some()) {
        return false;
    }
    let Some(next) = cx.word(end).filter(|_| cx.near(end)) else {
        return false;
    };
    lx::COUNT_NOUNS.contains(&next)
        || (next.len() > 3 && next.ends_with('s') && !next.ends_with("ss"))
}

/// Letters glued to digits: "21st" (ordinal), "7pm" (time), "1990s" (decade), "4G", "10km".
fn glued_suffix(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    let j = core.end;
    if !(cx.is_word(j) && cx.glued(j)) {
        if matches!(cx.punct(j), Some('.' | ':'))
            && cx.glued(j)
            && cx.glued(j + 1)
            && cx.is_num(j + 1)
        {
            return Some(Found::new(
                start,
                ident_tail(cx, j),
                C::Identifier,
                Val::Null,
            ));
        }
        return None;
    }
    let w = cx.word(j)?;
    let v = core.value;
    let f = match w {
        "st" | "nd" | "rd" | "th" if core.scale == 1.0 && v.fract() == 0.0 => {
            Found::new(start, j + 1, C::Ordinal, Val::One(v))
        }
        "am" | "pm" => time_suffix(cx, start, core)?,
        "s" if core.form == Form::Plain && core.int_digits == 4 => {
            Found::new(start, j + 1, C::Year, Val::Span(v, v + 9.0))
        }
        "s" if core.form == Form::Plain && core.int_digits == 2 => {
            Found::new(start, j + 1, C::Age, Val::Span(v, v + 9.0))
                .qual(Qualifier::Vague)
                .unit(Some("years"))
        }
        _ => Found::new(start, ident_tail(cx, j), C::Identifier, Val::Null),
    };
    Some(f)
}

/// The separator of a range at token `j`: (token after it, "-", "/", "to" or "or").
fn range_sep(cx: &Cx, j: usize) -> Option<(usize, &'static str)> {
    match cx.tok(j)?.kind {
        Kind::Punct('-') if cx.glued(j) && cx.glued(j + 1) => Some((j + 1, "-")),
        // a spaced em dash is a parenthesis ("more than 1,000 — 1,200 say others"), not a range
        Kind::Punct('-' | '–') if cx.near(j) && cx.near(j + 1) => Some((j + 1, "-")),
        Kind::Punct('–' | '—') if cx.glued(j) && cx.glued(j + 1) => Some((j + 1, "-")),
        Kind::Punct('/') if cx.glued(j) && cx.glued(j + 1) => Some((j + 1, "/")),
        Kind::Word if cx.is(j, "to") => Some((j + 1, "to")),
        Kind::Word if cx.is(j, "or") => Some((j + 1, "or")),
        _ => None,
    }
}

/// True if the number at `start` follows a change verb ("rose from 240 to 250", "up from 240").
fn change_context(cx: &Cx, start: usize) -> bool {
    let Some(p) = start.checked_sub(1) else {
        return false;
    };
    let p = if cx.is(p, "from") { p } else { p + 1 };
    (1..=2).any(|k| {
        p.checked_sub(k)
            .is_some_and(|q| cx.is_any(q, lx::CHANGE_WORDS))
    })
}

/// Applies the scale of the second number to the first: "2 to 3 million".
fn distribute(c1: &Core, c2: &Core) -> (f64, f64) {
    if c1.scale == 1.0 && c2.scale > 1.0 && c1.value < c2.mantissa {
        (c1.value * c2.scale, c2.value)
    } else {
        (c1.value, c2.value)
    }
}

/// "2023–24", "2010-2014": a period of years.
fn period(c1: &Core, c2: &Core) -> Option<(f64, f64)> {
    if !(c1.form == Form::Plain && c1.int_digits == 4 && (1800.0..=2100.0).contains(&c1.value)) {
        return None;
    }
    if c2.form != Form::Plain {
        return None;
    }
    let y2 = match c2.int_digits {
        2 => (c1.value / 100.0).floor() * 100.0 + c2.value,
        4 => c2.value,
        _ => return None,
    };
    (y2 > c1.value && y2 <= c1.value + 30.0).then_some((c1.value, y2))
}

/// A range after the first number: "40-60", "40–60", "40 to 60", "one or two"; a period; a score.
fn range_after(cx: &Cx, start: usize, c1: &Core) -> Option<Found> {
    let (k, sep) = range_sep(cx, c1.end)?;
    let c2 = number_at(cx, k)?;
    if c2.huge
        || (sep != "to" && sep != "or" && (c1.form == Form::Words) != (c2.form == Form::Words))
    {
        return None;
    }
    if let Some((a, b)) = period(c1, &c2).filter(|_| sep != "or") {
        return Some(Found::new(start, c2.end, C::Year, Val::Span(a, b)));
    }
    if sep == "/" {
        return None;
    }
    if sep == "to" && change_context(cx, start) {
        return None;
    }
    let (lo, hi) = distribute(c1, &c2);
    if lo >= hi {
        // "3-1": a score or similar; words like "two to one" are left alone
        return (sep == "-").then(|| Found::new(start, c2.end, C::Identifier, Val::Null));
    }
    range_found(cx, start, lo, hi, c2.end)
}

fn range_found(cx: &Cx, start: usize, lo: f64, hi: f64, end: usize) -> Option<Found> {
    let f = Found::new(start, end, C::Count, Val::Span(lo, hi)).qual(Qualifier::Range);
    Some(match unit_suffix(cx, end) {
        Some((class, unit, e)) => Found { class, end: e, ..f }.unit(unit),
        None => f,
    })
}

/// "between 40 and 60", "between fifty and one hundred".
fn between(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.is(i, "between") {
        return None;
    }
    let c1 = number_at(cx, i + 1)?;
    if !cx.is(c1.end, "and") {
        return None;
    }
    let c2 = number_at(cx, c1.end + 1)?;
    if let Some((a, b)) = period(&c1, &c2) {
        return Some(Found::new(i, c2.end, C::Year, Val::Span(a, b)));
    }
    let (lo, hi) = distribute(&c1, &c2);
    if c1.huge || c2.huge || lo >= hi {
        return None;
    }
    range_found(cx, i, lo, hi, c2.end)
}

/// "from 40 to 60" (not after a change verb: "rose from 240 to 250" is two numbers).
fn from_to(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.is(i, "from") || change_context(cx, i + 1) {
        return None;
    }
    let c1 = number_at(cx, i + 1)?;
    let f = range_after(cx, i + 1, &c1)?;
    (f.qualifier == Qualifier::Range || f.class == C::Year).then_some(Found { start: i, ..f })
}

/// A unit after a number ending before `j`: (class, unit, end). Durations ("48 hours", "-day"),
/// ages ("12 years old", "12-year-old"), percentages, currencies, "-strong".
fn unit_suffix(cx: &Cx, j: usize) -> Option<(C, Option<&'static str>, usize)> {
    if cx.is_punct(j, '-') && cx.glued(j) && cx.glued(j + 1) {
        return hyphen_unit(cx, j + 1);
    }
    if matches!(cx.punct(j), Some('%' | '\u{66A}')) && (cx.glued(j) || cx.near(j)) {
        return Some((C::Percent, Some("%"), j + 1));
    }
    if !cx.near(j) && !cx.glued(j) {
        return None;
    }
    let w = cx.word(j)?;
    if w == "percent" || w == "pct" {
        return Some((C::Percent, Some("%"), j + 1));
    }
    if (w == "per" && cx.is(j + 1, "cent"))
        || (w == "percentage" && cx.is_any(j + 1, &["point", "points"]))
    {
        return Some((C::Percent, Some("%"), j + 2));
    }
    if let Some(u) = lx::duration_unit(w) {
        if cx.is(j + 1, "old") {
            return Some((C::Age, Some(u), j + 2));
        }
        if cx.phrase(j + 1, &["of", "age"]) && u == "years" {
            return Some((C::Age, Some(u), j + 3));
        }
        return Some((C::Duration, Some(u), j + 1));
    }
    if let Some(code) = lx::currency_suffix_word(w) {
        if !(w.starts_with("pound") && cx.is(j + 1, "of")) {
            return Some((C::Money, Some(code), j + 1));
        }
    }
    None
}

/// After "number-": "day" → duration, "year-old" → age, "strong" → count.
fn hyphen_unit(cx: &Cx, j: usize) -> Option<(C, Option<&'static str>, usize)> {
    let w = cx.word(j)?;
    if w == "strong" {
        return Some((C::Count, None, j + 1));
    }
    let u = lx::duration_unit(w)?;
    let old = cx.is_punct(j + 1, '-') && cx.glued(j + 1) && cx.is_any(j + 2, &["old", "olds"]);
    if old {
        return Some((C::Age, Some(u), j + 3));
    }
    if cx.is_punct(j + 1, '-') && cx.glued(j + 1) && cx.is(j + 2, "long") {
        return Some((C::Duration, Some(u), j + 3));
    }
    Some((C::Duration, Some(u), j + 1))
}

/// "one in three", "1 in 4": a proportion, read as a percentage.
fn one_in(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    if !(cx.is(core.end, "in") && core.form != Form::Digits && core.value >= 1.0) {
        return None;
    }
    let c2 = number_at(cx, core.end + 1)?;
    let plain = |c: &Core| c.form == Form::Words || (c.form == Form::Plain && c.int_digits <= 3);
    if !(plain(core) && plain(&c2) && c2.value > core.value && c2.value <= 1000.0) {
        return None;
    }
    let pct = core.value / c2.value * 100.0;
    Some(Found::new(start, c2.end, C::Percent, Val::One(pct)).unit(Some("%")))
}

/// "Biden, 81, said": an age in apposition after a capitalised name.
fn apposed_age(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    let name = start.checked_sub(2)?;
    let calendar = cx
        .word(name)
        .is_some_and(|w| lx::month(w).is_some() || lx::weekday(w));
    let apposed = core.form == Form::Plain
        && core.end == start + 1
        && (1.0..=110.0).contains(&core.value)
        && cx.is_punct(name + 1, ',')
        && cx.is_punct(core.end, ',')
        && cx.capitalized(name)
        && !calendar;
    apposed.then(|| Found::new(start, core.end, C::Age, Val::One(core.value)).unit(Some("years")))
}

/// "two-state" (identifier), "two-thirds" (percent).
fn hyphen_word(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    let j = core.end;
    let hyphen = cx.is_punct(j, '-') && cx.glued(j) && cx.glued(j + 1);
    let k = if hyphen { j + 1 } else { j };
    let w = cx.word(k)?;
    if core.form == Form::Words && hyphen && lx::ID_HYPHEN_WORDS.contains(&w) {
        return Some(Found::new(start, k + 1, C::Identifier, Val::Null));
    }
    let denominator = lx::fraction_word(w)?;
    let n = core.value;
    let plural_ok = (n == 1.0) != w.ends_with('s') || w == "half";
    if core.form != Form::Words
        || !(1.0..10.0).contains(&n)
        || !plural_ok
        || !(hyphen || cx.near(k))
    {
        return None;
    }
    let pct = n / denominator as f64 * 100.0;
    Some(Found::new(start, k + 1, C::Percent, Val::One(pct)).unit(Some("%")))
}

/// "5,000-plus", "5,000+": more than.
fn plus(cx: &Cx, start: usize, core: &Core) -> Option<Found> {
    let j = core.end;
    let end = if cx.is_punct(j, '-') && cx.glued(j) && cx.is(j + 1, "plus") && cx.glued(j + 1) {
        j + 2
    } else if cx.is_punct(j, '+') && cx.glued(j) && !cx.is_num(j + 1) {
        j + 1
    } else {
        return None;
    };
    let f = Found::new(start, end, C::Count, Val::One(core.value)).qual(Qualifier::MoreThan);
    Some(match unit_suffix(cx, end) {
        Some((class, unit, e)) => Found { class, end: e, ..f }.unit(unit),
        None => f,
    })
}

/// "10 more", "dozens more", "10 additional": an increment. Not "10 more than".
fn more_suffix(cx: &Cx, f: Found) -> Found {
    let j = f.end;
    if cx.near(j) && ((cx.is(j, "more") && !cx.is(j + 1, "than")) || cx.is(j, "additional")) {
        Found {
            end: j + 1,
            delta: true,
            ..f
        }
    } else {
        f
    }
}

/// "50 or more" (at least), "50 or so" (approx), "50 or fewer" (up to), "50-odd" (approx).
fn or_more(cx: &Cx, f: Found) -> Found {
    let j = f.end;
    if f.qualifier != Qualifier::Exact
        || !matches!(f.val, Val::One(_))
        || !matches!(f.class, C::Count | C::Duration)
    {
        return f;
    }
    let q = if cx.is(j, "or") {
        match cx.word(j + 1) {
            Some("more") if !cx.is(j + 2, "than") => Qualifier::AtLeast,
            Some("so") => Qualifier::Approx,
            Some("fewer" | "less") if !cx.is(j + 2, "than") => Qualifier::UpTo,
            _ => return f,
        }
    } else if cx.is_punct(j, '-') && cx.glued(j) && cx.is(j + 1, "odd") && cx.glued(j + 1) {
        Qualifier::Approx
    } else {
        return f;
    };
    Found { end: j + 2, ..f }.qual(q)
}

// ---------------------------------------------------------------------------------------------
// Prefixed phrases
// ---------------------------------------------------------------------------------------------

/// "more than 7,300", "about 1,200", "nearly 1.4 million", "up to 150", "at least $1 billion".
fn qualified(cx: &Cx, i: usize) -> Option<Found> {
    for (phrase, q) in lx::QUALIFIERS {
        if !cx.phrase(i, phrase) {
            continue;
        }
        if (*phrase == ["over"]
            || *phrase == ["under"]
            || *phrase == ["above"]
            || *phrase == ["below"])
            && i.checked_sub(1)
                .is_some_and(|p| cx.is_any(p, lx::NOT_QUALIFIER_BEFORE))
        {
            return None;
        }
        let f = value_at(cx, i + phrase.len())?;
        if temporal_preposition(cx, i, phrase, &f) {
            return None;
        }
        let Val::One(_) = f.val else { return None };
        if f.qualifier != Qualifier::Exact || f.delta {
            return None;
        }
        let class = match f.class {
            C::Year => C::Count,
            c @ (C::Count | C::Duration | C::Percent | C::Money | C::Age) => c,
            _ => return None,
        };
        return Some(
            Found {
                start: i,
                class,
                ..f
            }
            .qual(*q),
        );
    }
    None
}

/// "released over four days", "within under an hour": "over"/"under" before a duration is a
/// preposition of time unless a verb of lasting precedes ("lasted over 48 hours").
fn temporal_preposition(cx: &Cx, i: usize, phrase: &[&str], f: &Found) -> bool {
    f.class == C::Duration
        && (phrase == ["over"] || phrase == ["under"])
        && !i
            .checked_sub(1)
            .is_some_and(|p| cx.is_any(p, lx::LASTING_WORDS))
}

/// "another 150", "an additional 10", "a further 20".
fn delta_prefixed(cx: &Cx, i: usize) -> Option<Found> {
    let phrase = lx::DELTA_PREFIXES.iter().find(|p| cx.phrase(i, p))?;
    let f = value_at(cx, i + phrase.len())?;
    let f = Found {
        class: if f.class == C::Year {
            C::Count
        } else {
            f.class
        },
        ..f
    };
    matches!(f.class, C::Count | C::Duration | C::Money).then_some(Found {
        start: i,
        delta: true,
        ..f
    })
}

/// "aged 12", "age 70", "aged 12 to 15".
fn aged(cx: &Cx, i: usize) -> Option<Found> {
    if !cx.is_any(i, &["aged", "age", "ages"]) {
        return None;
    }
    if let Some(r) = between(cx, i + 1).filter(|r| r.class == C::Count) {
        return Some(
            Found {
                start: i,
                class: C::Age,
                ..r
            }
            .unit(Some("years")),
        );
    }
    let c = number_at(cx, i + 1)?;
    if c.huge || c.value > 130.0 || c.scale != 1.0 {
        return None;
    }
    let f = match range_after(cx, i + 1, &c) {
        Some(r) if r.qualifier == Qualifier::Range && r.class == C::Count => Found {
            start: i,
            class: C::Age,
            ..r
        },
        _ => Found::new(i, c.end, C::Age, Val::One(c.value)),
    };
    Some(f.unit(Some("years")))
}

#[cfg(test)]
mod tests {
    use super::super::number::small_at;
    use super::*;

    fn first(s: &str) -> Option<Found> {
        let cx = Cx::new(s);
        (0..cx.len()).find_map(|i| parse_at(&cx, i))
    }

    #[test]
    fn change_is_not_range() {
        let cx = Cx::new("rose from 240 to 250");
        assert!(change_context(&cx, 2));
        let cx = Cx::new("from 240 to 250");
        assert!(!change_context(&cx, 1));
    }

    #[test]
    fn period_of_years() {
        let f = first("in 2023–24 the").map(|f| (f.class, f.val));
        assert_eq!(f, Some((C::Year, Val::Span(2023.0, 2024.0))));
    }

    fn classes(s: &str) -> Vec<(C, usize, usize)> {
        let cx = Cx::new(s);
        let mut out = Vec::new();
        let mut i = 0;
        while i < cx.len() {
            match parse_at(&cx, i) {
                Some(f) => {
                    out.push((f.class, f.start, f.end));
                    i = f.end;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn year_or_count() {
        assert_eq!(classes("killed 2000 people"), vec![(C::Count, 1, 2)]);
        assert_eq!(classes("in 2000 people died"), vec![(C::Year, 1, 2)]);
        assert_eq!(classes("the 2014 elections"), vec![(C::Year, 1, 2)]);
        assert_eq!(classes("Israel's 2005 pullout"), vec![(C::Year, 3, 4)]);
        assert_eq!(classes("2023 was hard"), vec![(C::Year, 0, 1)]);
    }

    #[test]
    fn am_pm_forms() {
        let cx = Cx::new("7 a.m. and 9 pm and 5am and I am");
        assert_eq!(ampm(&cx, 1), Some((false, 5)));
        assert_eq!(ampm(&cx, 7), Some((true, 8)));
        assert_eq!(ampm(&cx, 10), Some((false, 11)));
        assert_eq!(classes("and I am"), vec![]);
    }

    #[test]
    fn hyphenated_words_before_numbers() {
        // lower-case prefixes are not identifiers; the year stands alone
        assert_eq!(classes("mid-2014"), vec![(C::Year, 2, 3)]);
        assert_eq!(classes("Mid-2014"), vec![(C::Year, 2, 3)]);
        assert_eq!(classes("an Su-35 jet"), vec![(C::Identifier, 1, 4)]);
        assert_eq!(
            classes("twenty-5"),
            vec![(C::Count, 0, 1), (C::Count, 2, 3)]
        );
    }

    #[test]
    fn over_before_durations() {
        assert_eq!(classes("freed over four days").len(), 1);
        let cx = Cx::new("freed over four days");
        assert!(qualified(&cx, 1).is_none());
        let cx = Cx::new("lasted over four days");
        assert_eq!(
            qualified(&cx, 1).map(|f| f.qualifier),
            Some(Qualifier::MoreThan)
        );
    }

    #[test]
    fn proportions_and_apposed_ages() {
        assert_eq!(classes("one in five"), vec![(C::Percent, 0, 3)]);
        assert_eq!(
            classes("5 in 2009"),
            vec![(C::Count, 0, 1), (C::Year, 2, 3)]
        );
        assert_eq!(classes("Smith, 45, said"), vec![(C::Age, 2, 3)]);
        assert_eq!(classes("On Monday, 13, then"), vec![(C::Count, 3, 4)]);
    }

    #[test]
    fn small_numbers() {
        let cx = Cx::new("sixty six");
        assert_eq!(small_at(&cx, 0), Some((66.0, 2)));
    }
}
