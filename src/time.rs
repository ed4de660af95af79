//! Dates: the calendar date type used everywhere, parsing of ISO dates, and the search for a document's
//! date in its text and for a sentence's own as-of date ("On November 18, the Washington Post reported").
//! No time zones and no times of day: figures are dated to the day.
//!
//! Boundary: this module reads plain text (a document body, a URL, one sentence) and returns dates; it
//! knows nothing of claims, rules or reports. [`find_dates`] lists the date expressions of a text
//! (calendar dates, weekday names, `yesterday`, `last week`, `two days ago`), [`document_date`] picks a
//! document's publication date, and [`sentence_as_of`] the date a sentence's figures refer to. Nothing
//! here panics on any input: all slicing is on character boundaries found by the regex engine.

use crate::lexicon;
use crate::quantity;
use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2023.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

impl Date {
    /// A date if the parts form a real calendar day.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (y + i64::from(m <= 2)) as i32;
        Date {
            year,
            month: m,
            day: d,
        }
    }

    /// The date `n` days later (earlier when negative).
    pub fn plus_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u32
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How much of a date is known: a front-matter `published = "2023-09"` names a month, not its first
/// day. A date of month or year precision stands for every day of its month or year (from the
/// [`Date`] it is stored as, the first day, to [`DatePrecision::last_day`]); comparison treats it as
/// that range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum DatePrecision {
    /// One calendar day.
    #[default]
    Day,
    /// A month: the date is its first day.
    Month,
    /// A year: the date is its 1 January.
    Year,
}

impl DatePrecision {
    /// The name used in JSON: `day`, `month` or `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }

    /// The precision named `name` (`day`, `month`, `year`).
    pub fn from_name(name: &str) -> Option<DatePrecision> {
        [
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
        ]
        .into_iter()
        .find(|p| p.as_str() == name)
    }

    /// The last day of the range that `first` (the stored date) stands for at this precision.
    pub fn last_day(self, first: Date) -> Date {
        match self {
            DatePrecision::Day => first,
            DatePrecision::Month => Date {
                day: days_in_month(first.year, first.month),
                ..first
            },
            DatePrecision::Year => Date {
                month: 12,
                day: 31,
                ..first
            },
        }
    }

    /// `first` written as precisely as it is known: `2023-09-14`, `2023-09` or `2023`.
    pub fn format(self, first: Date) -> String {
        match self {
            DatePrecision::Day => first.to_string(),
            DatePrecision::Month => format!("{:04}-{:02}", first.year, first.month),
            DatePrecision::Year => format!("{:04}", first.year),
        }
    }
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

// ─────────────────────────────── date expressions in text ───────────────────────────────

/// What a date expression in a text says, before it is resolved against a reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateExpr {
    /// A calendar day with or without its year (`November 21`, `6 Aug 2013`, `2023-11-21`, `21.08.2013`).
    Calendar {
        /// The year when written.
        year: Option<i32>,
        /// Month, 1–12.
        month: u32,
        /// Day of month, 1–31 (valid for the month in a leap year; checked again on resolution).
        day: u32,
        /// The weekday written next to the date (`Tuesday, November 21`), 0 = Monday.
        weekday: Option<u32>,
    },
    /// A weekday name alone (`on Tuesday`, `last Tuesday`).
    Weekday {
        /// 0 = Monday … 6 = Sunday.
        weekday: u32,
        /// True for `last Tuesday` / `past Tuesday`: strictly before the reference date.
        strictly_before: bool,
    },
    /// So many days before the reference date: `yesterday` (1), `last night` (1), `the day before
    /// yesterday` (2), `three days ago` (3), `last week` / `a week ago` (7).
    DaysAgo(i64),
}

/// A date expression found in a text, with its byte range in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateMention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the expression says.
    pub expr: DateExpr,
}

impl DateMention {
    /// The calendar date the expression denotes, read from `reference` (the document's date). A calendar
    /// date without a year takes the reference's year, or the year before when that would fall after the
    /// reference (`On December 30` in a text of 2024-01-02 is 2023-12-30). Weekdays are the last such day
    /// on or before the reference (strictly before for `last Tuesday`). A date without a year up to 60 days
    /// after the reference stays in the reference's year (a coming date, which callers may reject). `None` when the expression needs a
    /// reference and there is none, or names an impossible day (`February 30`).
    pub fn resolve(&self, reference: Option<Date>) -> Option<Date> {
        match self.expr {
            DateExpr::Calendar {
                year: Some(y),
                month,
                day,
                ..
            } => Date::new(y, month, day),
            DateExpr::Calendar {
                year: None,
                month,
                day,
                ..
            } => {
                let r = reference?;
                match Date::new(r.year, month, day) {
                    Some(d) if d <= r => Some(d),
                    // A few weeks ahead: a date to come ("the truce ends on November 28"), kept in
                    // the reference's year so that callers can see it lies in the future.
                    Some(d) if r.days_until(d) <= NEAR_FUTURE_DAYS => Some(d),
                    _ => Date::new(r.year.checked_sub(1)?, month, day),
                }
            }
            DateExpr::Weekday {
                weekday,
                strictly_before,
            } => {
                let r = reference?;
                let mut back = (i64::from(r.weekday()) - i64::from(weekday)).rem_euclid(7);
                if strictly_before && back == 0 {
                    back = 7;
                }
                Some(r.plus_days(-back))
            }
            DateExpr::DaysAgo(n) => Some(reference?.plus_days(-n)),
        }
    }

    /// The same date with its year taken from `year` when the text omits it.
    fn resolve_in_year(&self, year: i32) -> Option<Date> {
        match self.expr {
            DateExpr::Calendar {
                year: None,
                month,
                day,
                ..
            } => Date::new(year, month, day),
            _ => self.resolve(None),
        }
    }

    /// True for a calendar date that names its year.
    fn has_year(&self) -> bool {
        matches!(self.expr, DateExpr::Calendar { year: Some(_), .. })
    }

    /// True for a calendar date (with or without year).
    fn is_calendar(&self) -> bool {
        matches!(self.expr, DateExpr::Calendar { .. })
    }
}

/// A date without a year at most this many days after the reference is read as a coming date of the
/// same year, not as a date of the year before.
const NEAR_FUTURE_DAYS: i64 = 60;

/// `Name|NAME|…` for each lower-case name, in the given order (the lexicon puts longer forms first
/// where one is a prefix of another).
fn alternation<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = Vec::new();
    for n in names {
        let mut chars = n.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        out.push(capitalised);
        out.push(n.to_uppercase());
    }
    out.join("|")
}

/// Month number of a (matched) month name or abbreviation, in any case.
fn month_number(name: &str) -> Option<u32> {
    lexicon::month(&name.to_lowercase())
}

/// Weekday number (0 = Monday) of a (matched) weekday name or abbreviation, in any case.
fn weekday_number(name: &str) -> Option<u32> {
    lexicon::weekday(&name.to_lowercase())
}

struct Patterns {
    month_day: Regex,
    month_day_fused: Regex,
    day_month: Regex,
    year_month_day: Regex,
    day_month_year: Regex,
    weekday: Regex,
    relative: Regex,
    year: Regex,
    url_full: Regex,
    url_compact: Regex,
    url_year: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mon = alternation(
            lexicon::MONTH_NAMES
                .into_iter()
                .chain(lexicon::MONTH_ABBREVIATIONS.map(|(a, _)| a)),
        );
        let wd = alternation(
            lexicon::WEEKDAY_NAMES
                .into_iter()
                .chain(lexicon::WEEKDAY_ABBREVIATIONS),
        );
        let full_wd = alternation(lexicon::WEEKDAY_NAMES);
        let one_to_ten = quantity::UNITS[1..=10].join("|");
        // ASCII word boundaries: a Unicode `\b` makes the regex crate leave its DFA on any text with a
        // non-ASCII character (curly quotes, dashes), which is most news text; the words are ASCII.
        let re = |p: &str| {
            Regex::new(&p.replace(r"\b", r"(?-u:\b)")).expect("static date pattern compiles")
        };
        Patterns {
            month_day: re(&format!(
                r"\b(?:({wd})\b\.?,?\s+)?({mon})\b\.?\s+(\d{{1,2}})((?:st|nd|rd|th)?)\b(?:,?\s*(\d{{4}}))?"
            )),
            month_day_fused: re(&format!(r"\b({mon})\b\.?\s+(\d{{2}})((?:19|20)\d\d)\b")),
            day_month: re(&format!(
                r"\b(?:({wd})\b\.?,?\s+)?((?:the|The)\s+)?(\d{{1,2}})(st|nd|rd|th)?\s+(?:of\s+)?({mon})\b\.?(?:,?\s*(\d{{4}}))?"
            )),
            year_month_day: re(r"\b(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})"),
            day_month_year: re(r"\b(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})"),
            weekday: re(&format!(
                r"\b(?:((?i:last|past|this|next|coming))\s+)?({full_wd})(s?)\b"
            )),
            relative: re(
                &format!(r"(?i)\b(?:(the\s+day\s+before\s+yesterday)|(yesterday)|(last\s+night)|(last\s+week)|(?:(\d{{1,2}}|a|an|{one_to_ten})\s+(days?|weeks?)\s+ago))\b"),
            ),
            year: re(r"\b(19[5-9]\d|20\d\d)\b"),
            url_full: re(r"(?:^|[/_=-])((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:$|[^\d])"),
            url_compact: re(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:$|/)"),
            url_year: re(r"/((?:19|20)\d\d)/(?:\d{1,2}/)?"),
        }
    })
}

/// The byte at `i`, if any.
fn byte_at(text: &str, i: usize) -> Option<u8> {
    text.as_bytes().get(i).copied()
}

/// True when the text at `i` continues a number (`7,300`, `21.5`, `7:15`, `20234`): the mention that ends
/// at `i` is part of a bigger number, not a date.
fn continues_number(text: &str, i: usize) -> bool {
    match byte_at(text, i) {
        Some(b) if b.is_ascii_digit() => true,
        Some(b',' | b'.' | b':') => byte_at(text, i + 1).is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// True when the text before `i` ends a number (`7,` + `21 November`), so a day starting at `i` is not a day.
fn follows_number(text: &str, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    match byte_at(text, i - 1) {
        Some(b) if b.is_ascii_digit() => true,
        Some(b',' | b'.' | b':' | b'/' | b'-') => {
            i >= 2 && byte_at(text, i - 2).is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// A plausible written year (a four-digit number outside this range is read as a count, not a year).
fn plausible_year(y: i32) -> bool {
    (1900..=2100).contains(&y)
}

/// Checks the day against the month (allowing 29 February, since the year may be unknown).
fn calendar(year: Option<i32>, month: u32, day: u32, weekday: Option<u32>) -> Option<DateExpr> {
    let ok = match year {
        Some(y) => Date::new(y, month, day).is_some(),
        None => Date::new(2000, month, day).is_some(),
    };
    ok.then_some(DateExpr::Calendar {
        year,
        month,
        day,
        weekday,
    })
}

/// Every date expression in `text`, sorted by start, non-overlapping (the longest wins at one start).
/// Calendar dates: `November 21`, `Nov. 21, 2023`, `Tuesday, November 21`, `21 November`, `the 21st of
/// November`, `Sat 24 Aug 2013`, `2023-11-21`, `2023/11/21`, `21.08.2013`, `04-06-2016` (day first unless
/// that is impossible). Weekday names (`Tuesday`, `last Tuesday`; not `next Tuesday` nor `Tuesdays`) and
/// relative days (`yesterday`, `last night`, `the day before yesterday`, `three days ago`, `last week`).
/// Month and weekday names must be capitalised (`may 5` is not a date). Numbers that continue past the
/// match (`November 7,300`, `21.5`) and impossible days (`February 30`) are not dates.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let p = patterns();
    let mut found: Vec<DateMention> = Vec::new();
    month_day_dates(p, text, &mut found);
    fused_year_dates(p, text, &mut found);
    day_month_dates(p, text, &mut found);
    numeric_dates(p, text, &mut found);
    weekday_dates(p, text, &mut found);
    relative_dates(p, text, &mut found);
    outermost(found)
}

/// Adds a mention when its expression is a date.
fn push(found: &mut Vec<DateMention>, start: usize, end: usize, expr: Option<DateExpr>) {
    if let Some(expr) = expr {
        found.push(DateMention { start, end, expr });
    }
}

/// A written year in a named-month date, with where it ends: plausible and not the start of a longer
/// number; otherwise `None` and the date ends at its day.
fn written_year(text: &str, m: Option<regex::Match<'_>>) -> Option<(i32, usize)> {
    let m = m?;
    let y: i32 = m.as_str().parse().ok()?;
    (plausible_year(y) && !continues_number(text, m.end())).then_some((y, m.end()))
}

/// "November 21", "Tuesday, Nov. 21st, 2023".
fn month_day_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    for c in p.month_day.captures_iter(text) {
        let (Some(all), Some(mon), Some(day)) = (c.get(0), c.get(2), c.get(3)) else {
            continue;
        };
        let day_end = c.get(4).map_or(day.end(), |s| s.end());
        let (year, end) = match written_year(text, c.get(5)) {
            Some((y, e)) => (Some(y), e),
            None => (None, day_end),
        };
        if year.is_none() && continues_number(text, day.end()) {
            continue;
        }
        let weekday = c.get(1).and_then(|w| weekday_number(w.as_str()));
        let expr = month_number(mon.as_str())
            .zip(parse_u32(day.as_str()))
            .and_then(|(m, d)| calendar(year, m, d, weekday));
        push(found, all.start(), end, expr);
    }
}

/// "Jul 152015": a scrape that lost the comma of "Jul 15, 2015".
fn fused_year_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    for c in p.month_day_fused.captures_iter(text) {
        let (Some(all), Some(mon), Some(day), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let expr = month_number(mon.as_str())
            .zip(parse_u32(day.as_str()))
            .zip(y.as_str().parse().ok())
            .and_then(|((m, d), y)| calendar(Some(y), m, d, None));
        push(found, all.start(), all.end(), expr);
    }
}

/// "21 November", "Tuesday 21 Nov 2023", "the 21st of November".
fn day_month_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    for c in p.day_month.captures_iter(text) {
        let (Some(all), Some(day), Some(mon)) = (c.get(0), c.get(3), c.get(5)) else {
            continue;
        };
        if follows_number(text, day.start()) {
            continue;
        }
        // `the 7 October attack`: a leading `the` belongs to the mention only before an ordinal
        // (`the 21st of November`); otherwise it stays outside, where it marks an attributive use.
        let mut start = all.start();
        if let Some(the) = c.get(2) {
            if c.get(4).is_none() && c.get(1).is_none() {
                start = the.end();
            }
        }
        let (year, end) = match written_year(text, c.get(6)) {
            Some((y, e)) => (Some(y), e),
            None => (None, mon.end()),
        };
        let weekday = c.get(1).and_then(|w| weekday_number(w.as_str()));
        let expr = month_number(mon.as_str())
            .zip(parse_u32(day.as_str()))
            .and_then(|(m, d)| calendar(year, m, d, weekday));
        push(found, start, end, expr);
    }
}

/// "2023-11-21" and "21/11/2023" (day first unless only month first is a date); both separators
/// alike, not inside a longer number.
fn numeric_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    let whole = |all: &regex::Match<'_>, s1: &regex::Match<'_>, s2: &regex::Match<'_>| {
        s1.as_str() == s2.as_str()
            && !continues_number(text, all.end())
            && !follows_number(text, all.start())
    };
    for c in p.year_month_day.captures_iter(text) {
        let (Some(all), Some(y), Some(s1), Some(m), Some(s2), Some(d)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if !whole(&all, &s1, &s2) {
            continue;
        }
        let year: Option<i32> = y.as_str().parse().ok().filter(|y| plausible_year(*y));
        let expr = year
            .zip(parse_u32(m.as_str()))
            .zip(parse_u32(d.as_str()))
            .and_then(|((y, m), d)| calendar(Some(y), m, d, None));
        push(found, all.start(), all.end(), expr);
    }
    for c in p.day_month_year.captures_iter(text) {
        let (Some(all), Some(a), Some(s1), Some(b), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if !whole(&all, &s1, &s2) {
            continue;
        }
        let year: Option<i32> = y.as_str().parse().ok().filter(|y| plausible_year(*y));
        let (Some(year), Some(a), Some(b)) = (year, parse_u32(a.as_str()), parse_u32(b.as_str()))
        else {
            continue;
        };
        // Day first (the corpus's sources are mostly European and Middle Eastern), unless only the
        // month-first reading is a real date.
        let expr = calendar(Some(year), b, a, None).or_else(|| calendar(Some(year), a, b, None));
        push(found, all.start(), all.end(), expr);
    }
}

/// "on Tuesday", "last Sunday", "this Monday" (not "next Friday", not "on Tuesdays").
fn weekday_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    for c in p.weekday.captures_iter(text) {
        let (Some(all), Some(name)) = (c.get(0), c.get(2)) else {
            continue;
        };
        if c.get(3).is_some_and(|s| !s.as_str().is_empty()) {
            continue; // "on Tuesdays": habitual, not a day
        }
        let modifier = c.get(1).map(|m| m.as_str().to_lowercase());
        let strictly_before = match modifier.as_deref() {
            Some("next" | "coming") => continue,
            Some("last" | "past") => true,
            _ => false,
        };
        let start = match (c.get(1), modifier.as_deref()) {
            (Some(_), Some("this")) => name.start(),
            _ => all.start(),
        };
        let expr = weekday_number(name.as_str()).map(|weekday| DateExpr::Weekday {
            weekday,
            strictly_before,
        });
        push(found, start, all.end(), expr);
    }
}

/// "yesterday", "the day before yesterday", "last night", "last week", "three days ago".
fn relative_dates(p: &Patterns, text: &str, found: &mut Vec<DateMention>) {
    for c in p.relative.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let n = if c.get(1).is_some() {
            Some(2)
        } else if c.get(2).is_some() || c.get(3).is_some() {
            Some(1)
        } else if c.get(4).is_some() {
            Some(7)
        } else {
            let count = c.get(5).and_then(|n| number_word(n.as_str()));
            let per = match c.get(6).map(|u| u.as_str().to_lowercase()) {
                Some(u) if u.starts_with("week") => 7,
                _ => 1,
            };
            count.map(|n| n * per)
        };
        push(found, all.start(), all.end(), n.map(DateExpr::DaysAgo));
    }
}

/// The mentions sorted by start, keeping the first and longest of overlapping ones.
fn outermost(mut found: Vec<DateMention>) -> Vec<DateMention> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    for m in found {
        if out.last().is_some_and(|last| m.start < last.end) {
            continue;
        }
        out.push(m);
    }
    out
}

/// The value of a small count written in digits or words (`3`, `three`, `a`).
fn number_word(s: &str) -> Option<i64> {
    let lower = s.to_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    if let Some(n) = quantity::unit_word(&lower) {
        return i64::try_from(n).ok();
    }
    lower.parse().ok()
}

// ─────────────────────────────── context around a mention ───────────────────────────────

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Up to `n` words before byte `i`, lowercased, nearest last; stops at a sentence or clause break
/// (`.`, `;`, `:`, `!`, `?`, `(`, `)`, a dash or a line break) and, if `stop_at_comma`, at a comma.
fn words_before(text: &str, i: usize, n: usize, stop_at_comma: bool) -> Vec<String> {
    let end = floor_boundary(text, i);
    let start = floor_boundary(text, end.saturating_sub(80));
    let window = text.get(start..end).unwrap_or("");
    let cut = window
        .rfind(|c: char| {
            matches!(
                c,
                '.' | ';' | ':' | '!' | '?' | '(' | ')' | '\n' | '\r' | '–' | '—'
            ) || (stop_at_comma && c == ',')
        })
        .map(|p| p + 1)
        .unwrap_or(0);
    let tail = window.get(cut..).unwrap_or("");
    let mut words: Vec<String> = tail
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() > n {
        words.drain(..words.len() - n);
    }
    words
}

/// The word right after byte `i` (lowercased), if only spaces separate it from `i`; a possessive `'s`
/// is skipped (`October 7's attack`).
fn next_word(text: &str, i: usize) -> Option<String> {
    let rest = text.get(floor_boundary(text, i)..)?;
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .unwrap_or(rest);
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .flat_map(char::to_lowercase)
        .collect();
    (!word.is_empty()).then_some(word)
}

/// Words after a date that make it the name of an event (`the October 7 attack`), not an as-of date.
const EVENT_NOUNS: [&str; 26] = [
    "attack",
    "attacks",
    "massacre",
    "massacres",
    "assault",
    "raid",
    "raids",
    "onslaught",
    "incursion",
    "offensive",
    "invasion",
    "rampage",
    "atrocities",
    "atrocity",
    "events",
    "war",
    "bombing",
    "bombings",
    "strike",
    "strikes",
    "shooting",
    "explosion",
    "blast",
    "killings",
    "operation",
    "incident",
];

/// Words before a date that make it the start or bound of a period (`since October 7`), or attributive
/// (`the 7 October …`, `the events of Tuesday`), rather than the date the figures refer to.
const NOT_AS_OF_BEFORE: [&str; 12] = [
    "since", "from", "after", "before", "until", "till", "til", "between", "the", "of", "a", "an",
];

/// Words that put a following `on <date>` in the future or at the start of a period.
const STARTING: [&str; 16] = [
    "starting",
    "beginning",
    "begin",
    "begins",
    "start",
    "starts",
    "effective",
    "due",
    "scheduled",
    "expire",
    "expires",
    "end",
    "ends",
    "resume",
    "resumes",
    "planned",
];

/// True when the mention is a tally date: `as of Monday`, `as at 6 pm Tuesday`, `by Sunday evening`.
fn is_tally_date(text: &str, m: &DateMention) -> bool {
    let before = words_before(text, m.start, 2, false);
    match before.as_slice() {
        [a, b] if a == "as" && (b == "of" || b == "at") => true,
        [.., last] => last == "by",
        _ => false,
    }
}

/// True when the mention names an event or bounds a period rather than dating the sentence's figures.
fn is_event_reference(text: &str, m: &DateMention) -> bool {
    let before = words_before(text, m.start, 2, false);
    // "set to begin on Thursday", "starting on Monday", "due on Friday": a date to come.
    if let [verb, prep] = before.as_slice() {
        if matches!(prep.as_str(), "on" | "at" | "by")
            && (NOT_AS_OF_BEFORE.contains(&verb.as_str()) || STARTING.contains(&verb.as_str()))
            && verb != "the"
            && verb != "of"
        {
            return true;
        }
    }
    if let Some(prev) = before.last() {
        let as_of = prev == "of" && before.len() == 2 && before[0] == "as";
        if !as_of && NOT_AS_OF_BEFORE.contains(&prev.as_str()) {
            return true;
        }
        // "Hamas's October 7 attack", "Israel's 7 October"
        if prev.ends_with("'s") || prev.ends_with("’s") {
            return true;
        }
    }
    matches!(next_word(text, m.end), Some(w) if EVENT_NOUNS.contains(&w.as_str()))
}

/// Reporting words: a date next to one of these dates the report, and so the figures it gives.
const REPORTING: [&str; 27] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "report",
    "announced",
    "announces",
    "stated",
    "added",
    "confirmed",
    "confirms",
    "declared",
    "according",
    "quoted",
    "cited",
    "statement",
    "briefing",
    "tweeted",
    "posted",
    "wrote",
    "claimed",
    "estimated",
    "published",
    "updated",
];

/// True when the mention is attached to a reporting verb: `the ministry said on Tuesday`, `said in a
/// statement Tuesday`, `on Tuesday said`.
fn is_reporting_date(text: &str, m: &DateMention) -> bool {
    let before = words_before(text, m.start, 5, true);
    if before.iter().any(|w| REPORTING.contains(&w.as_str())) {
        return true;
    }
    let after = text.get(floor_boundary(text, m.end)..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t']);
    let mut words = after.split(|c: char| !c.is_alphabetic());
    // allow one time-of-day word: "on Tuesday evening said"
    let first = words.next().unwrap_or("").to_lowercase();
    let first = if matches!(
        first.as_str(),
        "morning" | "afternoon" | "evening" | "night"
    ) {
        words.next().unwrap_or("").to_lowercase()
    } else {
        first
    };
    REPORTING.contains(&first.as_str())
}

/// True when the mention opens the sentence and so governs all of it: `On November 18, …`, `Tuesday: …`,
/// `By Sunday evening …`, `As of Monday, …`, `Yesterday, …`.
fn governs_sentence(text: &str, m: &DateMention) -> bool {
    let prefix = text.get(..floor_boundary(text, m.start)).unwrap_or("");
    let prefix: String = prefix
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[')
        })
        .to_lowercase();
    matches!(
        prefix.as_str(),
        "" | "on"
            | "by"
            | "as of"
            | "as at"
            | "late"
            | "early"
            | "late on"
            | "early on"
            | "earlier on"
            | "later on"
            | "through"
            | "up to"
    )
}

// ─────────────────────────────── document dates ───────────────────────────────

/// The prefix of `text` holding its first `n` characters.
fn prefix_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

/// Labels that announce a publication date: `date 2023-11-21`, `Date of publication 16 October 2017`,
/// `Published: Nov 22, 2023`.
fn is_labelled(text: &str, m: &DateMention) -> bool {
    let words = words_before(text, m.start, 3, true);
    let joined = words.join(" ");
    [
        "date",
        "dated",
        "published",
        "published on",
        "posted",
        "posted on",
        "date of publication",
        "publication date",
        "publication",
        "release date",
    ]
    .iter()
    .any(|label| joined == *label || joined.ends_with(&format!(" {label}")))
}

/// A full date in a URL path: `/2023/11/22/`, `/2023-11-22-`, `/20231122/`.
fn url_date(url: &str) -> Option<Date> {
    let p = patterns();
    for c in p.url_full.captures_iter(url) {
        if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
            let date = y
                .as_str()
                .parse()
                .ok()
                .zip(parse_u32(m.as_str()))
                .zip(parse_u32(d.as_str()))
                .and_then(|((y, m), d)| Date::new(y, m, d));
            if date.is_some() {
                return date;
            }
        }
    }
    for c in p.url_compact.captures_iter(url) {
        if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
            let date = y
                .as_str()
                .parse()
                .ok()
                .zip(parse_u32(m.as_str()))
                .zip(parse_u32(d.as_str()))
                .and_then(|((y, m), d)| Date::new(y, m, d));
            if date.is_some() {
                return date;
            }
        }
    }
    None
}

/// A year in a URL path (`/2023/11/`), for dates written without one.
fn url_year(url: &str) -> Option<i32> {
    patterns()
        .url_year
        .captures(url)
        .and_then(|c| c.get(1))
        .and_then(|y| y.as_str().parse().ok())
}

/// The first plausible four-digit year in `text` (not part of a longer number).
fn first_year(text: &str) -> Option<i32> {
    patterns()
        .year
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .find(|y| !continues_number(text, y.end()) && !follows_number(text, y.start()))
        .and_then(|y| y.as_str().parse().ok())
}

/// How far into the body a dateline may start, in characters.
const DATELINE_WINDOW: usize = 300;
/// How far into the body a labelled date or a bare year may stand, in characters.
const HEAD_WINDOW: usize = 1000;

/// The publication date found in a document's text (body without front matter) or URL, when front matter
/// gives none: an ISO date line (`date 2023-11-21`), a dateline near the start (`Moscow, Nov 21.-`,
/// `JERUSALEM, Nov 22 (Reuters) -`, `GAZA, 22 November`, `Tuesday 6 Aug 2013`), a date in the URL
/// (`/2023/11/22/`). When the year is omitted, take it from `context_year` if given, else from any
/// 4-digit year in the first ~1000 chars, else None (undated).
///
/// Order of preference: a labelled date (`date …`, `Date of publication …`, `Published …`) in the first
/// 1000 characters; the first calendar date starting in the first 300 characters (the first line is
/// always inside that window when it is shorter), unless it bounds a period or names an event
/// (`since October 7`, `the 7 October attack`); a full date in the URL. A dateline without a year takes
/// `context_year`, else the URL's year, else the first year written in the first 1000 characters.
pub fn document_date(body: &str, url: Option<&str>, context_year: Option<i32>) -> Option<Date> {
    let head = prefix_chars(body, HEAD_WINDOW);
    let mentions: Vec<DateMention> = find_dates(head)
        .into_iter()
        .filter(DateMention::is_calendar)
        .collect();
    let infer_year = || {
        context_year
            .or_else(|| url.and_then(url_year))
            .or_else(|| first_year(head))
    };

    // 1. A labelled date anywhere in the head.
    if let Some(m) = mentions.iter().find(|m| is_labelled(head, m)) {
        let date = if m.has_year() {
            m.resolve(None)
        } else {
            infer_year().and_then(|y| m.resolve_in_year(y))
        };
        if date.is_some() {
            return date;
        }
    }

    // 2. The dateline: the first calendar date near the start.
    let lead_offset = head.len() - head.trim_start().len();
    let window_end = lead_offset + prefix_chars(head.trim_start(), DATELINE_WINDOW).len();
    let dateline = mentions
        .iter()
        .filter(|m| m.start < window_end)
        .find(|m| !is_event_reference(head, m));
    if let Some(m) = dateline.filter(|m| m.has_year()) {
        if let Some(d) = m.resolve(None) {
            return Some(d);
        }
    }

    // 3. The URL.
    if let Some(d) = url.and_then(url_date) {
        return Some(d);
    }

    // 4. A dateline without its year.
    dateline.and_then(|m| infer_year().and_then(|y| m.resolve_in_year(y)))
}

// ─────────────────────────────── sentence as-of dates ───────────────────────────────

/// The date a sentence's figures refer to, when the sentence says so; None means "the document's date".
/// Forms: `On November 18, the Washington Post reported …` (year from doc_date; if that would fall after
/// doc_date, the previous year), `on Tuesday` (the last Tuesday on or before doc_date), `yesterday`,
/// `last week` (doc_date − 7), `as of Monday`, `by Sunday evening`, `on 7 October 2023`. Vague spans
/// (`earlier this month`) give None. `since October 7` is a tally since a date: its as-of stays the
/// document date → None. A date that only dates an event of another clause (`captured … on October 7,
/// and the army said it had informed the families of at least 229`) does not move the as-of of the whole
/// sentence: `clause` is the byte range within `sentence` of the clause holding the figure.
///
/// The dates considered are those inside `clause` (an empty or out-of-range `clause` means the whole
/// sentence), one opening the sentence (`On <date>,`, `<Weekday>:`, `Yesterday,`), and one attached to a
/// reporting verb (`the ministry said on Tuesday`). Dates that bound a period (`since`, `from`, `until`,
/// `before`, `after`, `between`) or name an event (`the October 7 attack`), and dates after `doc_date`,
/// are not as-of dates. Of the rest, the latest wins: a report is dated no earlier than the events it
/// counts (`1,200 killed on October 7, the army said on Tuesday` is as of Tuesday). Weekdays and relative
/// days need `doc_date`; without it only dates with a year are returned.
pub fn sentence_as_of(
    sentence: &str,
    clause: std::ops::Range<usize>,
    doc_date: Option<Date>,
) -> Option<Date> {
    sentence_as_of_among(sentence, &find_dates(sentence), clause, doc_date)
}

/// [`sentence_as_of`] with the sentence's dates already found (`dates` = `find_dates(sentence)`), so
/// that a sentence holding several figures is scanned for dates once.
pub fn sentence_as_of_among(
    sentence: &str,
    dates: &[DateMention],
    clause: std::ops::Range<usize>,
    doc_date: Option<Date>,
) -> Option<Date> {
    let clause = if clause.start >= clause.end || clause.start >= sentence.len() {
        0..sentence.len()
    } else {
        clause.start..clause.end.min(sentence.len())
    };
    let mut best: Option<Date> = None;
    for &m in dates {
        if is_event_reference(sentence, &m) {
            continue;
        }
        // A date inside the figure's clause dates the figure only as a tally date ("as of Monday",
        // "by Sunday evening"); otherwise it dates an event ("killed in the attack on October 7"),
        // and the count is as of the report.
        let in_clause = m.start < clause.end && m.end > clause.start;
        let tally_date = in_clause && is_tally_date(sentence, &m);
        if !(tally_date || governs_sentence(sentence, &m) || is_reporting_date(sentence, &m)) {
            continue;
        }
        let Some(d) = m.resolve(doc_date) else {
            continue;
        };
        if doc_date.is_some_and(|doc| d > doc) {
            continue;
        }
        best = best.max(Some(d));
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_and_arithmetic() {
        let d = Date::parse_iso("2023-11-21").expect("valid date");
        assert_eq!(d.to_string(), "2023-11-21");
        assert_eq!(d.weekday(), 1, "21 November 2023 was a Tuesday");
        assert_eq!(d.plus_days(10).to_string(), "2023-12-01");
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(
            Date::parse_iso("2024-02-11")
                .map(|f| d.days_until(f))
                .unwrap_or(0),
            82
        );
    }

    #[test]
    fn a_partial_date_stands_for_its_whole_month_or_year() {
        let first = d("2024-02-01");
        assert_eq!(DatePrecision::Day.last_day(first), first);
        assert_eq!(DatePrecision::Month.last_day(first), d("2024-02-29"));
        assert_eq!(
            DatePrecision::Year.last_day(d("2023-01-01")),
            d("2023-12-31")
        );
        assert_eq!(DatePrecision::Month.format(first), "2024-02");
        assert_eq!(DatePrecision::Year.format(first), "2024");
        assert_eq!(
            DatePrecision::from_name("month"),
            Some(DatePrecision::Month)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse_iso("2023-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2023-13-01").is_none());
        assert!(Date::parse_iso("23-11-21").is_none());
        assert!(Date::parse_iso("2023-1-21").is_none());
    }

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    /// `sentence_as_of` with the whole sentence as the clause.
    fn as_of(sentence: &str, doc: &str) -> Option<String> {
        sentence_as_of(sentence, 0..sentence.len(), Some(d(doc))).map(|x| x.to_string())
    }

    fn doc_date(body: &str) -> Option<String> {
        document_date(body, None, None).map(|x| x.to_string())
    }

    #[test]
    fn finds_calendar_forms() {
        let cases = [
            ("On November 18, the Post said", Some(None), 11, 18),
            ("Nov. 21, 2023 –", Some(Some(2023)), 11, 21),
            ("Tuesday, November 21", Some(None), 11, 21),
            ("GAZA, 22 November", Some(None), 11, 22),
            ("on the 21st of November", Some(None), 11, 21),
            ("Tuesday 6 Aug 2013 At least", Some(Some(2013)), 8, 6),
            ("Sun Aug 17 2014 Syrian", Some(Some(2014)), 8, 17),
            ("date 2023-11-21 Islam", Some(Some(2023)), 11, 21),
            ("21.08.2013Get short URL", Some(Some(2013)), 8, 21),
            ("04-06-2016 40 Civilians", Some(Some(2016)), 6, 4),
            ("12/25/2023 US style", Some(Some(2023)), 12, 25),
            ("Last updated at Jul 152015 BEIRUT", Some(Some(2015)), 7, 15),
            ("NOV 22 (Reuters)", Some(None), 11, 22),
        ];
        for (text, year, month, day) in cases {
            let found = find_dates(text);
            let cal = found.iter().find_map(|m| match m.expr {
                DateExpr::Calendar {
                    year, month, day, ..
                } => Some((year, month, day)),
                _ => None,
            });
            assert_eq!(cal, year.map(|y| (y, month, day)), "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "7,300 people were killed",
            "at 715 pm local time",
            "In November 7,300 people fled",
            "the 2023–24 budget",
            "since 2014",
            "may 5 be true",
            "the march 12 kilometres",
            "February 30, 2023",
            "31 April",
            "1.2.3.2013",
            "November 2023",
        ] {
            assert!(
                find_dates(text)
                    .iter()
                    .all(|m| !matches!(m.expr, DateExpr::Calendar { .. })),
                "{text}: {:?}",
                find_dates(text)
            );
        }
    }

    #[test]
    fn implausible_year_is_a_count() {
        // Commas stripped by the scrape: "August 21 1300 people" is August 21, then a count.
        let found = find_dates("On August 21 1300 people were killed");
        assert_eq!(found.len(), 1);
        assert!(matches!(
            found[0].expr,
            DateExpr::Calendar {
                year: None,
                month: 8,
                day: 21,
                ..
            }
        ));
    }

    #[test]
    fn document_date_forms() {
        assert_eq!(
            doc_date(" date 2023-11-21 Islam Times - After a week of delays"),
            Some("2023-11-21".into())
        );
        let seed1 = "Israel, Hamas, Palestine, Gaza, truce, ceasefire, resistance\n\nProximity of a truce \
                     between Hamas and Israel\n\nMoscow, Nov 21.- Hamas (Islamic Resistance Movement) and Israel \
                     are close to reaching a truce.";
        assert_eq!(doc_date(seed1), None, "no year anywhere");
        assert_eq!(
            document_date(seed1, None, Some(2023)).map(|x| x.to_string()),
            Some("2023-11-21".into())
        );
        assert_eq!(
            doc_date("JERUSALEM, Nov 22 (Reuters) - Israel and Hamas agreed. The 2023 war."),
            Some("2023-11-22".into())
        );
        assert_eq!(
            doc_date("GAZA, 22 November - The war that began in October 2023 goes on."),
            Some("2023-11-22".into())
        );
        assert_eq!(
            doc_date("Bomb rockets kill 19 civilians in Syrias Aleppo Monitor AFP Tuesday 6 Aug 2013 At least"),
            Some("2013-08-06".into())
        );
        assert_eq!(
            doc_date("Date of publication 16 October 2017 Rebel shelling on Damascus killed four."),
            Some("2017-10-16".into())
        );
        assert_eq!(
            doc_date("Aleppo Aug 21 (SANA) - Terrorists fired shells. Last year, in 2012, …"),
            Some("2012-08-21".into()),
            "the year comes from the text when nothing else gives it"
        );
        assert_eq!(
            document_date("Aleppo Aug 21 (SANA) - in 2012", None, Some(2013))
                .map(|x| x.to_string()),
            Some("2013-08-21".into()),
            "context_year wins over a year in the text"
        );
    }

    #[test]
    fn document_date_from_url() {
        let body = "BEIRUT (Reuters) - Air strikes killed 20 people on Tuesday.";
        assert_eq!(doc_date(body), None);
        let url = "https://www.reuters.com/world/middle-east/2023/11/22/israel-hamas-truce/";
        assert_eq!(document_date(body, Some(url), None), Some(d("2023-11-22")));
        assert_eq!(
            document_date(body, Some("https://x.org/news/2023-11-22-truce"), None),
            Some(d("2023-11-22"))
        );
        assert_eq!(
            document_date(body, Some("https://x.org/a/20231122/b"), None),
            Some(d("2023-11-22"))
        );
        assert_eq!(
            document_date(body, Some("https://x.org/id/7300/"), None),
            None
        );
        // A yearless dateline takes its year from the URL's path.
        assert_eq!(
            document_date(
                "GAZA, Nov 22 - text",
                Some("https://x.org/2023/11/slug"),
                None
            ),
            Some(d("2023-11-22"))
        );
        // The text's dateline wins over the URL when it has a year.
        assert_eq!(
            document_date("November 21 2023 Hamas said", Some(url), None),
            Some(d("2023-11-21"))
        );
    }

    #[test]
    fn document_date_edge_cases() {
        assert_eq!(doc_date(""), None);
        assert_eq!(
            doc_date("No date in this text at all, 7,300 killed at 715 pm."),
            None
        );
        assert_eq!(doc_date("February 30, 2023 - impossible"), None);
        assert_eq!(
            doc_date("Since October 7, 2023 more than 11,000 people have been killed."),
            None,
            "a period's start is not a dateline"
        );
        assert_eq!(
            doc_date("The 7 October 2023 attack left 1,200 dead."),
            None,
            "an event's name is not a dateline"
        );
        // A dateline counts only near the start.
        let late = format!("{} JERUSALEM, Nov 22, 2023 (Reuters) -", "word ".repeat(80));
        assert_eq!(doc_date(&late), None);
        let early = format!("JERUSALEM, Nov 22, 2023 (Reuters) - {}", "word ".repeat(80));
        assert_eq!(doc_date(&early), Some("2023-11-22".into()));
        // Non-ASCII text around the window edge never panics.
        let arabic = "غزة ".repeat(400);
        assert_eq!(doc_date(&arabic), None);
        assert_eq!(
            doc_date(&format!("{arabic} date 2023-11-21")),
            None,
            "beyond the first 1000 characters"
        );
    }

    #[test]
    fn as_of_explicit_dates() {
        let s = "On November 18, the Washington Post reported that 1,200 were killed.";
        assert_eq!(as_of(s, "2023-11-22"), Some("2023-11-18".into()));
        assert_eq!(
            as_of(
                "On December 30, the ministry said 21,800 had been killed.",
                "2024-01-02"
            ),
            Some("2023-12-30".into()),
            "year rollover"
        );
        assert_eq!(
            as_of(
                "The ministry said on 7 October 2023 that 700 had been killed.",
                "2024-02-11"
            ),
            Some("2023-10-07".into())
        );
        assert_eq!(
            as_of(
                "On the 21st of November, 50 hostages were named.",
                "2023-11-24"
            ),
            Some("2023-11-21".into())
        );
        assert_eq!(
            as_of("November 20: the toll rose to 13,000.", "2023-11-22"),
            Some("2023-11-20".into())
        );
        assert_eq!(as_of("On February 30, 40 were killed.", "2023-11-22"), None);
        assert_eq!(
            sentence_as_of("On 7 October 2023, 1,200 were killed.", 0..40, None),
            Some(d("2023-10-07")),
            "a full date needs no document date"
        );
        assert_eq!(
            sentence_as_of("On November 18, 1,200 were killed.", 0..30, None),
            None,
            "no year and no document date"
        );
    }

    #[test]
    fn as_of_weekdays_and_relative_days() {
        // 2023-11-22 was a Wednesday.
        let doc = "2023-11-22";
        assert_eq!(
            as_of(
                "Hamas leader Ismail Haniyeh said on Tuesday that 50 hostages would be freed.",
                doc
            ),
            Some("2023-11-21".into())
        );
        assert_eq!(
            as_of(
                "The ministry said on Wednesday that 14,100 had been killed.",
                doc
            ),
            Some("2023-11-22".into()),
            "the document's own weekday is the same day"
        );
        assert_eq!(
            as_of("Last Wednesday, 11,000 had been killed.", doc),
            Some("2023-11-15".into())
        );
        assert_eq!(
            as_of("As of Monday, 13,300 had been killed.", doc),
            Some("2023-11-20".into())
        );
        assert_eq!(
            as_of("By Sunday evening, 12,000 had been killed.", doc),
            Some("2023-11-19".into())
        );
        assert_eq!(
            as_of("Thursday: 50 hostages freed.", doc),
            Some("2023-11-16".into())
        );
        assert_eq!(
            as_of("Yesterday, the ministry said 14,000 had been killed.", doc),
            Some("2023-11-21".into())
        );
        assert_eq!(
            as_of("Officials said last week that 11,500 had been killed.", doc),
            Some("2023-11-15".into())
        );
        assert_eq!(
            as_of("Two days ago the toll stood at 13,000.", doc),
            Some("2023-11-20".into())
        );
        assert_eq!(
            as_of("The talks resume next Tuesday with 50 hostages.", doc),
            None
        );
        assert_eq!(as_of("Convoys of 20 trucks cross on Tuesdays.", doc), None);
        assert_eq!(
            sentence_as_of("Officials said on Tuesday that 50 were freed.", 0..45, None),
            None,
            "a weekday needs the document's date"
        );
    }

    #[test]
    fn as_of_none_cases() {
        let doc = "2023-11-22";
        assert_eq!(as_of("At least 14,128 people have been killed.", doc), None);
        assert_eq!(
            as_of("Earlier this month, 10,000 had been killed.", doc),
            None
        );
        assert_eq!(
            as_of(
                "Since October 7, 14,128 people have been killed in Gaza.",
                doc
            ),
            None,
            "a tally since a date is as of the document"
        );
        assert_eq!(
            as_of(
                "More than 1,200 people were killed in the October 7 attack.",
                doc
            ),
            None
        );
        assert_eq!(as_of("Hamas's 7 October assault killed 1,200.", doc), None);
        assert_eq!(
            as_of("The truce lasts until November 28 and frees 50.", doc),
            None
        );
        assert_eq!(
            as_of("The truce ends on November 28, when 50 will be free.", doc),
            None,
            "a coming date is not an as-of date"
        );
        assert_eq!(as_of("A total of 7,300 fled at 715 pm.", doc), None);
        assert_eq!(
            as_of(
                "On Monday the army declared a 48-hour truce set to begin on Wednesday.",
                doc
            ),
            Some("2023-11-20".into()),
            "a date to come does not date the sentence"
        );
        assert_eq!(
            as_of("IS claimed an October 2 bomb attack that killed 17.", doc),
            None
        );
        assert_eq!(
            as_of("A halt starting on Tuesday lets 20 trucks in.", doc),
            None
        );
    }

    #[test]
    fn as_of_respects_the_clause() {
        let doc = Some(d("2023-11-22"));
        let s =
            "Hamas captured more than 240 people on October 7, and the army said it had informed \
                 the families of at least 229.";
        let Some(cut) = s.find(", and") else {
            panic!("test sentence changed")
        };
        assert_eq!(sentence_as_of(s, cut + 2..s.len(), doc), None);
        assert_eq!(
            sentence_as_of(s, 0..cut, doc),
            None,
            "a date in the clause dates the event, not the count"
        );
        let s = "As of Monday, 1,200 people had been killed, and talks went on.";
        assert_eq!(sentence_as_of(s, 14..40, doc), Some(d("2023-11-20")));
        let s = "The toll reached 1,200 by Sunday evening.";
        assert_eq!(sentence_as_of(s, 0..s.len(), doc), Some(d("2023-11-19")));

        let s = "At least 229 hostages are held in Gaza, the army said on Tuesday.";
        let Some(cut) = s.find(',') else {
            panic!("test sentence changed")
        };
        assert_eq!(
            sentence_as_of(s, 0..cut, doc),
            Some(d("2023-11-21")),
            "a reporting date governs the sentence"
        );

        let s = "On November 18, the Post reported that 1,200 were killed on October 7.";
        let Some(cut) = s.find("1,200") else {
            panic!("test sentence changed")
        };
        assert_eq!(
            sentence_as_of(s, cut..s.len(), doc),
            Some(d("2023-11-18")),
            "a sentence-initial date governs; the latest date wins"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let texts = [
            "",
            "é",
            "On ",
            "Nov 2",
            "Monday",
            "غزة 22 نوفمبر 2023",
            "On November 18, \u{1F600}\u{1F600} 1,200",
            "99999999999999999999-99-99",
            "2023-11-21-2023-11-22",
            "yesterday yesterday yesterday",
        ];
        for t in texts {
            for start in 0..=t.len() + 2 {
                for end in [0, 1, t.len() / 2, t.len(), t.len() + 5] {
                    let _ = sentence_as_of(t, start..end, Some(d("2023-11-22")));
                    let _ = sentence_as_of(t, start..end, None);
                }
            }
            let _ = document_date(t, Some(t), Some(i32::MIN));
            let _ = document_date(t, Some(t), Some(i32::MAX));
        }
        // resolution at the edges of the year range does not overflow
        let m = DateMention {
            start: 0,
            end: 0,
            expr: DateExpr::Calendar {
                year: None,
                month: 12,
                day: 31,
                weekday: None,
            },
        };
        let _ = m.resolve(Some(Date {
            year: i32::MIN,
            month: 1,
            day: 1,
        }));
    }
}
