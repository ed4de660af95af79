//! Calendar words: the one list of month names and abbreviations and the one list of weekday names
//! that every stage uses (dates in `time`, the number grammar's "not a count" cases in `quantity`,
//! time words around speakers in `attribution`, abbreviations in `segment`, place names in `subject`).
//! Every entry is lower-case; callers match lower-cased words. Number words live in the number
//! grammar's lexicon (`quantity::is_number_word`).

/// Month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month abbreviations and their month numbers ("may" has none; "sept" comes before "sep", its
/// prefix, so that alternations built from this list try the longer form first).
pub const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Weekday names, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday abbreviations, longer forms before their prefixes.
pub const WEEKDAY_ABBREVIATIONS: [&str; 10] = [
    "tues", "thurs", "thur", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
];

/// The month number (1–12) of a lower-case month name.
pub fn month_name(w: &str) -> Option<u32> {
    let p = MONTH_NAMES.iter().position(|m| *m == w)?;
    u32::try_from(p + 1).ok()
}

/// The month number (1–12) of a lower-case month name or abbreviation.
pub fn month(w: &str) -> Option<u32> {
    month_name(w).or_else(|| {
        MONTH_ABBREVIATIONS
            .iter()
            .find(|(a, _)| *a == w)
            .map(|&(_, m)| m)
    })
}

/// True for a lower-case month abbreviation.
pub fn is_month_abbreviation(w: &str) -> bool {
    MONTH_ABBREVIATIONS.iter().any(|(a, _)| *a == w)
}

/// The weekday number (0 = Monday) of a lower-case weekday name or abbreviation.
pub fn weekday(w: &str) -> Option<u32> {
    if !WEEKDAY_NAMES.contains(&w) && !WEEKDAY_ABBREVIATIONS.contains(&w) {
        return None;
    }
    let p = WEEKDAY_NAMES.iter().position(|d| d.starts_with(&w[..2]))?;
    u32::try_from(p).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month("january"), Some(1));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("sep"), Some(9));
        assert_eq!(month("dec"), Some(12));
        assert_eq!(month("mayo"), None);
        assert_eq!(month("January"), None, "callers lower-case");
        assert_eq!(month_name("jan"), None);
        assert!(is_month_abbreviation("sept") && !is_month_abbreviation("may"));
        assert_eq!(weekday("monday"), Some(0));
        assert_eq!(weekday("thurs"), Some(3));
        assert_eq!(weekday("sun"), Some(6));
        assert_eq!(weekday("tu"), None);
        assert_eq!(weekday("sunny"), None);
        // Every abbreviation names the month its letters start.
        for (a, m) in MONTH_ABBREVIATIONS {
            assert!(MONTH_NAMES[m as usize - 1].starts_with(a), "{a}");
        }
    }
}
