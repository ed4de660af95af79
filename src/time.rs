//! Dates: the calendar date type used everywhere, parsing of ISO dates, and the search for a document's
//! date in its text and for a sentence's own as-of date ("On November 18, the Washington Post reported").
//! No time zones and no times of day: figures are dated to the day.

use std::fmt;

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
    fn rejects_impossible_dates() {
        assert!(Date::parse_iso("2023-02-29").is_none());
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2023-13-01").is_none());
        assert!(Date::parse_iso("23-11-21").is_none());
        assert!(Date::parse_iso("2023-1-21").is_none());
    }
}

// TEMP STUBS (replaced by the time branch).
/// Stub.
pub fn document_date(body: &str, url: Option<&str>, context_year: Option<i32>) -> Option<Date> {
    let _ = (url, context_year);
    body.split_whitespace().take(50).find_map(Date::parse_iso)
}
/// Stub.
pub fn sentence_as_of(sentence: &str, clause: std::ops::Range<usize>, doc_date: Option<Date>) -> Option<Date> {
    let _ = (sentence, clause, doc_date);
    None
}
