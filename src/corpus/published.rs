//! Front-matter publication dates: what `published = …` may hold, read into a [`Date`] and its
//! [`DatePrecision`]. Nothing else: the caller decides what an unreadable date does (a warning; the
//! document is checked as undated).
//!
//! Accepted, the local date being what the article means (no conversion to UTC: an article published
//! at 13:04 in Hawaii on 22 August was published on 22 August):
//! - a calendar date, `2023-08-22` (a TOML date or a string);
//! - RFC 3339 / ISO 8601 date-times, with or without offset or zone: `2023-08-22T13:04:00-10:00`,
//!   `2023-08-22 13:04:00Z`, `2023-08-22T13:04:00-10:00[Pacific/Honolulu]`;
//! - RFC 2822, the date of RSS feeds: `Tue, 22 Aug 2023 13:04:00 -1000`;
//! - a month, `2023-09`, or a year, `2023` (a string or a TOML integer), kept with their precision.
//!
//! Date-times and RFC 2822 dates are parsed with the `jiff` crate, which validates every field (a
//! weekday that does not match the date, a 25th hour and an offset out of range are refused) instead
//! of a hand-written grammar.

use crate::time::{Date, DatePrecision};

/// Reads a front-matter `published` string. `None` when it is none of the accepted forms.
pub fn parse_published(raw: &str) -> Option<(Date, DatePrecision)> {
    let raw = raw.trim();
    if let Some(date) = Date::parse_iso(raw) {
        return Some((date, DatePrecision::Day));
    }
    if let Some(partial) = partial_date(raw) {
        return Some(partial);
    }
    date_time(raw)
        .or_else(|| rfc2822(raw))
        .map(|d| (d, DatePrecision::Day))
}

/// A year given as a TOML integer (`published = 2023`), read as that year.
pub fn published_year(year: i64) -> Option<(Date, DatePrecision)> {
    let year = i32::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    Some((Date::new(year, 1, 1)?, DatePrecision::Year))
}

/// `YYYY-MM` (a month) or `YYYY` (a year).
fn partial_date(raw: &str) -> Option<(Date, DatePrecision)> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match raw.split_once('-') {
        None if digits(raw, 4) => published_year(raw.parse().ok()?),
        Some((year, month)) if digits(year, 4) && digits(month, 2) => {
            let date = Date::new(year.parse().ok()?, month.parse().ok()?, 1)?;
            Some((date, DatePrecision::Month))
        }
        _ => None,
    }
}

/// The local date of an RFC 3339 / ISO 8601 date-time (its offset or zone is read and checked, but
/// the date stays the one written).
fn date_time(raw: &str) -> Option<Date> {
    let parsed = raw.parse::<jiff::civil::Date>().or_else(|_| {
        // jiff refuses `Z` for a civil date (it means "local time unknown"); the date written with
        // it is the UTC date, which is the date the writer meant.
        let without_z = raw
            .strip_suffix('Z')
            .or_else(|| raw.strip_suffix('z'))
            .ok_or(())?;
        format!("{without_z}+00:00")
            .parse::<jiff::civil::Date>()
            .map_err(|_| ())
    });
    from_civil(parsed.ok()?)
}

/// The local date of an RFC 2822 date (`Tue, 22 Aug 2023 13:04:00 -1000`).
fn rfc2822(raw: &str) -> Option<Date> {
    let zoned = jiff::fmt::rfc2822::parse(raw).ok()?;
    from_civil(zoned.date())
}

fn from_civil(d: jiff::civil::Date) -> Option<Date> {
    Date::new(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Option<(String, &'static str)> {
        parse_published(raw).map(|(d, p)| (d.to_string(), p.as_str()))
    }

    fn day(s: &str) -> Option<(String, &'static str)> {
        Some((s.to_string(), "day"))
    }

    #[test]
    fn calendar_dates_are_days() {
        assert_eq!(read("2023-08-22"), day("2023-08-22"));
        assert_eq!(read(" 2023-08-22 "), day("2023-08-22"));
    }

    #[test]
    fn rfc3339_date_times_keep_their_local_date() {
        // 13:04 in Hawaii is 23:04 UTC the same day; 20:30 at -10:00 is the next day in UTC.
        assert_eq!(read("2023-08-22T13:04:00-10:00"), day("2023-08-22"));
        assert_eq!(read("2023-08-22T20:30:00-10:00"), day("2023-08-22"));
        assert_eq!(read("2023-08-22T01:30:00+05:30"), day("2023-08-22"));
        assert_eq!(read("2023-08-22T13:04:00Z"), day("2023-08-22"));
        assert_eq!(read("2023-08-22 13:04:00z"), day("2023-08-22"));
        assert_eq!(read("2023-08-22T13:04:00.123-10:00"), day("2023-08-22"));
        assert_eq!(read("2023-08-22T13:04:00"), day("2023-08-22"));
        assert_eq!(
            read("2023-08-22T13:04:00-10:00[Pacific/Honolulu]"),
            day("2023-08-22")
        );
    }

    #[test]
    fn rfc2822_dates_of_rss_feeds_keep_their_local_date() {
        assert_eq!(read("Tue, 22 Aug 2023 13:04:00 -1000"), day("2023-08-22"));
        assert_eq!(read("22 Aug 2023 23:59:00 +1400"), day("2023-08-22"));
        assert_eq!(read("Tue, 22 Aug 2023 13:04:00 GMT"), day("2023-08-22"));
        // 22 August 2023 was a Tuesday, not a Monday.
        assert_eq!(read("Mon, 22 Aug 2023 13:04:00 -1000"), None);
    }

    #[test]
    fn months_and_years_keep_their_precision() {
        assert_eq!(read("2023-09"), Some(("2023-09-01".into(), "month")));
        assert_eq!(read("2023"), Some(("2023-01-01".into(), "year")));
        assert_eq!(
            published_year(2024).map(|(d, p)| (d.to_string(), p)),
            Some(("2024-01-01".into(), DatePrecision::Year))
        );
        assert_eq!(published_year(20_240), None);
        assert_eq!(read("2023-13"), None);
        assert_eq!(read("2023-9"), None);
    }

    #[test]
    fn other_text_is_not_a_date() {
        for raw in [
            "",
            "21/11/2023",
            "yesterday",
            "2023-08-22T25:00:00Z",
            "2023-08-22T13:61:00Z",
            "2023-08-22T13:04:00-10:99",
            "13:04:00",
            "2023-02-30",
        ] {
            assert_eq!(read(raw), None, "{raw}");
        }
    }
}
