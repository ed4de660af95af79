//! The number grammar: text → [`Quantity`] with class, stated value, qualifier, hard and soft
//! intervals, unit and delta flag.
//!
//! [`recognise`] tokenises the text once (`lexer`), then walks the tokens left to right; at each
//! position the phrase grammar (`grammar`) tries, in order, dates, identifiers, ranges, qualified
//! numbers, increments and plain values, and the first phrase found is kept and skipped over. The
//! result is therefore sorted and non-overlapping, and every span lies on token (so char) boundaries.
//!
//! # Classes
//!
//! Only `count` and `duration` become claims; the other classes exist so that their numbers are
//! never mistaken for counts.
//!
//! | class | examples | stated |
//! |---|---|---|
//! | count | `50`, `1,200`, `1.3 million`, `7.3k`, `3 lakh`, `twenty-five`, `a dozen`, `1,200-strong` | the value |
//! | duration | `48 hours`, `five-day`, `a week`, `45-minute`, `three weeks` (unit: seconds … years) | the value in its unit |
//! | percent | `45%`, `45 percent`, `45 per cent`, `two-thirds`, `one in three` (unit `%`) | the percentage |
//! | money | `$1.3 billion`, `50 euros`, `NIS 100` (unit: ISO code) | the amount |
//! | date | `November 21`, `21/11/2023`, `2023-11-21`, `Tuesday 6 Aug 2013` | none |
//! | year | `2023`, `in 2009`; periods `2023–24`, `2010-2014`, `between 2011 and 2015`; decades `1990s` | the year; periods and decades: none, lo/hi the first and last year |
//! | time | `7:15 pm`, `715 pm`, `1615 GMT`, `09:30`, `7 a.m. local time` | hours since midnight (19.25) |
//! | age | `aged 12`, `a 12-year-old`, `12 years old`, `Biden, 81,`, `a nine-month-old` (unit `years`, `months` …); `in his 40s` (vague [40, 49]) | the age |
//! | ordinal | `first`, `21st`, `twenty-first`, `Day 47` | the rank |
//! | identifier | `Resolution 2334`, `F-16`, `COVID-19`, `G7`, `MH17`, `Route 60`, `two-state`, `3-1`, phone numbers | none |
//!
//! # Intervals
//!
//! The hard interval `[lo, hi]` is what the words allow; the soft interval is the journalistic
//! reading. `t` is the relative tolerance ([`DEFAULT_TOLERANCE`], or a rule's, via
//! [`with_tolerance`]). `v` is the stated value.
//!
//! | qualifier | words | hard | soft | why |
//! |---|---|---|---|---|
//! | exact | `50`, `1,200` | [v, v] | [v, v]; a round number (≥ 2 trailing zeros) is read to its rounding step: `1,200` → [1150, 1250), `1.4 million` → [1.35 M, 1.45 M) | reporters round; "1,200" covers what rounds to it |
//! | approx | `about`, `around`, `some`, `roughly`, `approximately`, `an estimated`, `50 or so`, `50-odd` | [v(1−t), v(1+t)] | same | the writer says it is not exact, in either direction |
//! | nearly | `nearly`, `almost`, `close to`, `just under` | [v(1−t), v] | same | close to v and not above it |
//! | more-than | `more than`, `over`, `upwards of`, `in excess of`, `5,000-plus` | (v, ∞): lo v, hi none | (v, next step above v], step = max(10^trailing zeros, 10^(digits−3)): 200 → 300, 7,300 → 7,400, 28,000 → 29,000, 11,078 → 11,100 | "more than 200" would be "more than 300" if it were 300 or more |
//! | at-least | `at least`, `no fewer than`, `no less than`, `50 or more` | [v, ∞) | [v, v(1+t)] | a floor, read as near the floor |
//! | up-to | `up to`, `as many as`, `no more than`, `50 or fewer` | [0, v] | [v(1−t), v] | a ceiling, read as near the ceiling |
//! | less-than | `fewer than`, `less than`, `under`, `below` | [0, v] | [v(1−t), v] | as up-to |
//! | range | `between 40 and 60`, `40-60`, `40–60`, `40 to 60`, `from 40 to 60`, `one or two` | [lo, hi], no stated | same | both ends are given |
//! | vague | the bands below | the band, no stated | same | conventional reading of the words |
//!
//! "rose from 240 to 250", "increased from …", "up from X to Y" are changes: two quantities, not a
//! range. A scale on the second number of a range applies to the first when that gives an increasing
//! range ("2 to 3 million" = [2 M, 3 M]).
//!
//! # Vague bands
//!
//! | words | band |
//! |---|---|
//! | `a few`, `few` | [2, 5] |
//! | `a handful` | [2, 6] |
//! | `a couple of` | [2, 3] |
//! | `several` | [3, 9] |
//! | `dozens` | [24, 99] |
//! | `scores` (of / more) | [40, 199] |
//! | `hundreds` | [200, 999] |
//! | `thousands` | [2000, 9999] |
//! | `tens of thousands` | [20000, 99999] |
//! | `hundreds of thousands` | [200000, 999999] |
//! | `millions` | [2e6, 9.99e6] |
//! | `tens of millions`, `hundreds of millions`, `billions` | [2e7, 99999999], [2e8, 999999999], [2e9, 9.99e9] |
//!
//! `a few`, `few` and `several` take a scale word, which multiplies the band: `several hundred` =
//! [300, 900], `a few thousand` = [2000, 5000], `several dozen` = [36, 108].
//!
//! # Digits and words
//!
//! Group separators: `,` (`1,200`, South Asian `1,00,000`), `.` when there are at least two groups
//! (`1.200.000`; `1.200` is 1.2), and one space or thin/no-break space before an exact three-digit
//! group (`1 300`, `12 500 000`), so that scraped text such as `86 30 of them` stays 86 and 30.
//! Arabic-Indic (٠–٩, with ٬ and ٫) and Persian (۰–۹) digits read like ASCII ones. Scale words and
//! glued abbreviations multiply: `1.3 million`, `2 bn`, `3 lakh`, `1.5 crore`, `2 dozen`, `1.2m`,
//! `7.3k`, `2bn` — a glued `m`/`k` only when no letter follows (`1.2miles`) and not before a hyphen
//! (`5m-long`). Number words combine (`five hundred and sixty six`, `twenty-five`, `a dozen`,
//! `half a million`, `two and a half million`); `a` alone and `no one`/`one another` are not
//! numbers.
//!
//! # Traps
//!
//! `text` covers the qualifier, any increment word and the unit (`more than 48 hours`, `10 more`,
//! `45%`, `$1.3 billion`), not the counted noun. A bare four-digit number from 1800 to 2100 is a year
//! unless a qualifier precedes it or a plural noun follows without a year cue (`killed 2000 people`
//! is a count, `in 2000 people` and `the 2014 elections` are years). `over`/`under` before a
//! duration is a preposition of time (`freed over four days`) unless a verb of lasting precedes
//! (`lasted over 48 hours`); `over` after `hand`, `talks` etc. is no qualifier. A spaced em dash
//! is a parenthesis, not a range; `3-1` (decreasing) is a score (identifier).
//!
//! # Increments
//!
//! `another 150`, `an additional 10`, `a further 20`, `an extra 5`, `10 more hostages`, `dozens more`
//! and `10 additional` set `delta`; `more than 200` does not.

mod grammar;
mod lexer;
mod lexicon;
mod number;

use crate::model::{Qualifier, Quantity, QuantityClass};
use grammar::{Found, Val};
pub use lexicon::{is_number_word, unit_word, UNITS};

/// Default relative tolerance used for approximate qualifiers when no rule gives one.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// The least relative tolerance of a figure written as approximate ("about", "nearly"), whatever the
/// kind's tolerance.
pub const APPROXIMATE_FLOOR: f64 = 0.05;

/// Recognises every quantity in `text`: all classes, non-overlapping, sorted by start, byte offsets
/// into `text`.
pub fn recognise(text: &str) -> Vec<Quantity> {
    let cx = lexer::Cx::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cx.len() {
        match grammar::parse_at(&cx, i) {
            Some(f) if f.start == i && f.end > i && f.end <= cx.len() => {
                if let Some(q) = build(&cx, &f) {
                    out.push(q);
                }
                i = f.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The same quantity with its hard/soft intervals recomputed for tolerance `t` (approx, nearly,
/// at-least, up-to, less-than depend on it; approx and nearly use at least [`APPROXIMATE_FLOOR`]).
pub fn with_tolerance(q: &Quantity, t: f64) -> Quantity {
    let t = if t.is_finite() {
        t.max(0.0)
    } else {
        DEFAULT_TOLERANCE
    };
    let mut q = q.clone();
    if let Some(v) = q.stated {
        // "about 2,000" admits 1,968 even for a kind whose exact figures must match exactly
        // (tolerance 0): the word itself says the figure is rounded.
        let t = match q.qualifier {
            Qualifier::Approx | Qualifier::Nearly => t.max(APPROXIMATE_FLOOR),
            _ => t,
        };
        if matches!(
            q.qualifier,
            Qualifier::Approx
                | Qualifier::Nearly
                | Qualifier::AtLeast
                | Qualifier::UpTo
                | Qualifier::LessThan
        ) {
            set_single(&mut q, v, t);
        }
    }
    q
}

fn build(cx: &lexer::Cx, f: &Found) -> Option<Quantity> {
    let start = cx.tok(f.start)?.start;
    let end = cx.tok(f.end.checked_sub(1)?)?.end;
    let mut q = Quantity {
        start,
        end,
        text: cx.text.get(start..end)?.to_string(),
        class: f.class,
        stated: None,
        qualifier: f.qualifier,
        lo: None,
        hi: None,
        soft_lo: None,
        soft_hi: None,
        unit: f.unit.map(str::to_string),
        delta: f.delta,
    };
    match f.val {
        Val::One(v) => set_single(&mut q, v, DEFAULT_TOLERANCE),
        Val::Span(lo, hi) => {
            (q.lo, q.hi, q.soft_lo, q.soft_hi) = (Some(lo), Some(hi), Some(lo), Some(hi));
        }
        Val::Null => {}
    }
    Some(q)
}

/// Fills stated, hard and soft intervals of a single-valued quantity from its qualifier.
fn set_single(q: &mut Quantity, v: f64, t: f64) {
    q.stated = Some(v);
    let (lo, hi, soft_lo, soft_hi) = match q.qualifier {
        Qualifier::Approx => (Some(v * (1.0 - t)), Some(v * (1.0 + t)), None, None),
        Qualifier::Nearly => (Some(v * (1.0 - t)), Some(v), None, None),
        Qualifier::MoreThan => (Some(v), None, Some(v), Some(next_step_above(v))),
        Qualifier::AtLeast => (Some(v), None, Some(v), Some(v * (1.0 + t))),
        Qualifier::UpTo | Qualifier::LessThan => (Some(0.0), Some(v), Some(v * (1.0 - t)), Some(v)),
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => {
            let rounds = matches!(
                q.class,
                QuantityClass::Count | QuantityClass::Duration | QuantityClass::Money
            );
            match rounding_step(v).filter(|_| rounds) {
                Some(step) => (Some(v), Some(v), Some(v - step / 2.0), Some(v + step / 2.0)),
                None => (Some(v), Some(v), None, None),
            }
        }
    };
    q.lo = lo.map(|x| tidy(x).min(v));
    q.hi = hi.map(|x| tidy(x).max(v));
    q.soft_lo = soft_lo.or(lo).map(tidy);
    q.soft_hi = soft_hi.or(hi).map(tidy);
}

/// Rounds away float noise (`220.00000000000003` → `220`): 14 significant digits.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().ceil() as i32;
    let factor = 10f64.powi(14 - magnitude);
    let y = (x * factor).round() / factor;
    if y.is_finite() {
        y
    } else {
        x
    }
}

/// The integer value of `v` if it is a non-negative integer small enough to count digits of.
fn as_integer(v: f64) -> Option<u64> {
    (v.fract() == 0.0 && (0.0..1e15).contains(&v)).then_some(v as u64)
}

fn trailing_zeros(mut n: u64) -> u32 {
    let mut tz = 0;
    while n != 0 && n.is_multiple_of(10) {
        n /= 10;
        tz += 1;
    }
    tz
}

fn digit_count(n: u64) -> u32 {
    n.checked_ilog10().map_or(1, |l| l + 1)
}

/// The rounding step of a round number: 10^(trailing zeros) when there are at least two.
fn rounding_step(v: f64) -> Option<f64> {
    let n = as_integer(v).filter(|&n| n > 0)?;
    let tz = trailing_zeros(n);
    (tz >= 2).then(|| 10f64.powi(tz as i32))
}

/// The soft upper bound of "more than `v`": the next multiple above `v` of
/// max(10^(trailing zeros), 10^(digits−3)). 200 → 300, 7,300 → 7,400, 11,078 → 11,100.
fn next_step_above(v: f64) -> f64 {
    let step = match as_integer(v) {
        Some(0) => 1.0,
        Some(n) => {
            let tz = trailing_zeros(n) as i32;
            let digits = digit_count(n) as i32;
            10f64.powi(tz.max(digits - 3))
        }
        None => {
            // a decimal: one unit of its last written decimal place (up to 6)
            let mut d = 1;
            while d < 6 && ((v * 10f64.powi(d)).fract()).abs() > 1e-9 {
                d += 1;
            }
            10f64.powi(-d)
        }
    };
    ((v / step).floor() + 1.0) * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        assert_eq!(next_step_above(200.0), 300.0);
        assert_eq!(next_step_above(7300.0), 7400.0);
        assert_eq!(next_step_above(28000.0), 29000.0);
        assert_eq!(next_step_above(11078.0), 11100.0);
        assert_eq!(next_step_above(1_400_000.0), 1_500_000.0);
        assert_eq!(next_step_above(5.0), 6.0);
        assert_eq!(next_step_above(2.5), 2.6);
        assert_eq!(rounding_step(1200.0), Some(100.0));
        assert_eq!(rounding_step(50.0), None);
        assert_eq!(rounding_step(1_400_000.0), Some(100_000.0));
    }

    #[test]
    fn tolerance_recomputes() {
        let q = recognise("about 1,000 people").remove(0);
        let q2 = with_tolerance(&q, 0.2);
        assert_eq!((q2.lo, q2.hi), (Some(800.0), Some(1200.0)));
        let q = recognise("more than 200 people").remove(0);
        assert_eq!(with_tolerance(&q, 0.5), q);
    }

    #[test]
    fn approximate_words_keep_some_tolerance_for_exact_kinds() {
        let q = recognise("about 2,000 prisoners").remove(0);
        let q0 = with_tolerance(&q, 0.0);
        assert_eq!((q0.lo, q0.hi), (Some(1900.0), Some(2100.0)));
        let q = recognise("1,968 prisoners").remove(0);
        let q0 = with_tolerance(&q, 0.0);
        assert_eq!((q0.lo, q0.hi), (Some(1968.0), Some(1968.0)));
    }
}
