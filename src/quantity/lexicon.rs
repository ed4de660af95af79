//! Word lists of the number grammar. Every entry is lower-case; matching is on lower-cased words.

use crate::lexicon;
use crate::model::Qualifier;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Qualifier phrases, longest first where one is a prefix of another.
pub(super) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["well", "above"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["just", "above"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "fewer", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["not", "more", "than"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["as", "high", "as"], Qualifier::UpTo),
    (&["a", "maximum", "of"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::Nearly),
    (&["just", "below"], Qualifier::Nearly),
    (&["just", "shy", "of"], Qualifier::Nearly),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["an", "estimated"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
];

/// Words before "over"/"under" that make it a particle or preposition, not a qualifier
/// ("hand over 50 hostages", "talks over 50 hostages").
pub(super) const NOT_QUALIFIER_BEFORE: &[&str] = &[
    "hand",
    "hands",
    "handed",
    "handing",
    "turn",
    "turns",
    "turned",
    "turning",
    "take",
    "takes",
    "took",
    "taken",
    "taking",
    "talks",
    "negotiations",
    "dispute",
    "disputes",
    "row",
    "clash",
    "clashes",
    "clashed",
    "fight",
    "fighting",
    "fought",
    "anger",
    "outrage",
    "protest",
    "protests",
    "deal",
    "split",
    "won",
    "win",
    "wins",
    "worry",
    "worries",
    "concern",
    "concerns",
    "fears",
];

/// Words before "over"/"under" + a duration that keep it a qualifier ("lasted over 48 hours").
pub(super) const LASTING_WORDS: &[&str] = &[
    "lasted", "lasting", "last", "lasts", "for", "took", "take", "takes", "taken", "taking",
    "spanned", "spanning", "after", "in", "within", "of", "extended", "held",
];

/// Prefixes marking an increment: "another 150", "an additional 10", "a further 20".
pub(super) const DELTA_PREFIXES: &[&[&str]] = &[
    &["another"],
    &["an", "additional"],
    &["additional"],
    &["a", "further"],
    &["further"],
    &["an", "extra"],
    &["extra"],
];

/// Verbs (and "up"/"down") that make "from X to Y" a change, not a range.
pub(super) const CHANGE_WORDS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rises",
    "rising",
    "increased",
    "increase",
    "increases",
    "increasing",
    "climbed",
    "climb",
    "climbs",
    "climbing",
    "jumped",
    "jump",
    "jumps",
    "grew",
    "grown",
    "grow",
    "soared",
    "surged",
    "fell",
    "fallen",
    "fall",
    "falls",
    "falling",
    "dropped",
    "drop",
    "drops",
    "decreased",
    "decrease",
    "declined",
    "decline",
    "reduced",
    "raised",
    "revised",
    "lowered",
    "cut",
    "went",
    "gone",
    "moved",
    "shot",
    "spiked",
    "doubled",
    "tripled",
    "up",
    "down",
    "upped",
    "boosted",
    "slashed",
    "changed",
    "edged",
    "crept",
    "expanded",
    "shrank",
    "swelled",
    "ballooned",
    "mounted",
    "updated",
    "corrected",
    "adjusted",
];

/// Words after which a bare four-digit number is a year ("in 2009", "the 1967 borders").
pub(super) const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "of",
    "by",
    "until",
    "till",
    "from",
    "during",
    "before",
    "after",
    "the",
    "mid",
    "early",
    "late",
    "year",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "throughout",
    "through",
    "circa",
    "s",
    "its",
    "this",
    "that",
    "between",
    "and",
    "to",
];

/// Irregular plural nouns after which a bare four-digit number is a count ("2000 people").
pub(super) const COUNT_NOUNS: &[&str] = &[
    "people",
    "children",
    "women",
    "men",
    "police",
    "personnel",
    "staff",
    "cattle",
    "youth",
];

/// Words before a number that make it an identifier ("Resolution 2334", "Route 60"), any case.
pub(super) const ID_PREFIXES: &[&str] = &[
    "resolution",
    "resolutions",
    "channel",
    "route",
    "highway",
    "flight",
    "article",
    "section",
    "chapter",
    "paragraph",
    "clause",
    "brigade",
    "battalion",
    "division",
    "squadron",
    "regiment",
    "platoon",
    "corps",
    "kan",
    "boeing",
    "airbus",
    "iphone",
    "windows",
    "version",
];

/// Words before a number that make it an identifier only when capitalised ("Unit 8200", "Gate 4").
pub(super) const ID_PREFIXES_CAPS: &[&str] = &[
    "unit", "gate", "line", "block", "room", "building", "road", "level", "phase", "round",
    "stage", "grade", "season", "episode", "page", "item", "ward", "bed", "floor", "number", "no",
    "tower", "terminal", "platform", "bus",
];

/// Words glued after "number-" that make the phrase an identifier ("two-state", "one-sided").
pub(super) const ID_HYPHEN_WORDS: &[&str] = &[
    "state",
    "sided",
    "off",
    "way",
    "time",
    "liner",
    "fold",
    "dimensional",
    "edged",
    "faced",
    "horse",
    "party",
];

/// Lower-case words before a hyphenated number that mark a year, not an identifier ("Mid-2023").
pub(super) const YEAR_HYPHEN_PREFIXES: &[&str] =
    &["mid", "pre", "post", "late", "early", "end", "fiscal", "fy"];

/// Number words below twenty; the value is the index.
pub const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens in words.
const TENS: &[(&str, u64)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Ordinal words.
const ORDINALS: &[(&str, u64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
    ("thousandth", 1000),
    ("millionth", 1_000_000),
];

/// Currency codes written before the amount ("NIS 100", "USD 5", "Rs 500").
const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("nis", "ILS"),
    ("ils", "ILS"),
    ("usd", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("qar", "QAR"),
    ("aed", "AED"),
    ("sar", "SAR"),
    ("egp", "EGP"),
    ("inr", "INR"),
    ("rs", "INR"),
    ("jod", "JOD"),
    ("chf", "CHF"),
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
}

/// The value of a number word below twenty ("zero" to "nineteen", lower-case).
pub fn unit_word(w: &str) -> Option<u64> {
    UNITS.iter().position(|u| *u == w).map(|p| p as u64)
}

/// Tens of number words.
pub(super) fn tens_word(w: &str) -> Option<u64> {
    lookup(TENS, w)
}

/// Ordinal words and their values.
pub(super) fn ordinal_word(w: &str) -> Option<u64> {
    lookup(ORDINALS, w)
}

/// The month number of a month name or abbreviation (the calendar lexicon's).
pub(super) fn month(w: &str) -> Option<u32> {
    lexicon::month(w)
}

/// True for weekday names and abbreviations (the calendar lexicon's).
pub(super) fn weekday(w: &str) -> bool {
    lexicon::weekday(w).is_some()
}

/// Currency words written before the amount ("NIS 100", "USD 5").
pub(super) fn currency_prefix_word(w: &str) -> Option<&'static str> {
    lookup(CURRENCY_PREFIXES, w)
}

/// Large scale words after a number ("two million", "1.3 billion", "3 lakh"); "hundred" is handled
/// by the word grammar itself but is accepted after digits.
pub(super) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "million" | "mn" | "mln" => 1e6,
        "crore" | "crores" => 1e7,
        "billion" | "bn" | "bln" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// True for a number word: a unit or ten ("seven", "forty"), a scale word ("hundred", "million",
/// "lakh") or its plural ("hundreds", "millions"). Used beyond the grammar (`quotes` compares the
/// figures of two versions of a quote).
pub fn is_number_word(w: &str) -> bool {
    unit_word(w).is_some()
        || tens_word(w).is_some()
        || scale_word(w).is_some()
        || w.strip_suffix('s').and_then(scale_word).is_some()
}

/// Scale suffixes glued to digits ("1.2m", "7.3k", "2bn").
pub(super) fn glued_scale(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "m" | "mn" | "mln" | "million" => 1e6,
        "bn" | "bln" | "billion" => 1e9,
        "tn" | "trillion" => 1e12,
        "thousand" => 1e3,
        "lakh" | "crore" => return scale_word(w),
        _ => return None,
    })
}

/// Denominators of fractions written in words ("two-thirds", "three quarters").
pub(super) fn fraction_word(w: &str) -> Option<u64> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "eighth" | "eighths" => 8,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Duration unit words (singular or plural) and the unit name they give.
pub(super) fn duration_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => "seconds",
        "minute" | "minutes" | "min" | "mins" => "minutes",
        "hour" | "hours" | "hr" | "hrs" => "hours",
        "day" | "days" => "days",
        "week" | "weeks" => "weeks",
        "month" | "months" => "months",
        "year" | "years" => "years",
        _ => return None,
    })
}

/// Currency symbols and their codes.
pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '₪' => "ILS",
        '¥' => "JPY",
        '₹' => "INR",
        _ => return None,
    })
}

/// Currency words written after the amount ("50 euros", "1.3 billion dollars").
pub(super) fn currency_suffix_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" | "usd" => "USD",
        "euro" | "euros" | "eur" => "EUR",
        "pound" | "pounds" | "gbp" | "sterling" => "GBP",
        "shekel" | "shekels" | "sheqel" | "sheqels" | "nis" | "ils" => "ILS",
        "rupee" | "rupees" | "inr" => "INR",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "yuan" | "renminbi" => "CNY",
        "yen" => "JPY",
        "dinar" | "dinars" => "JOD",
        "pounds sterling" => "GBP",
        _ => return None,
    })
}

/// Currency prefixes glued before "$" ("US$", "A$", "C$").
pub(super) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" => "USD",
        "a" | "au" => "AUD",
        "c" | "ca" => "CAD",
        "nz" => "NZD",
        "hk" => "HKD",
        _ => return None,
    })
}

/// Time-zone abbreviations after a time ("1615 GMT"), matched as written (upper case).
pub(super) fn time_zone(raw: &str) -> bool {
    matches!(
        raw,
        "GMT"
            | "UTC"
            | "BST"
            | "EST"
            | "EDT"
            | "CET"
            | "CEST"
            | "EET"
            | "EEST"
            | "PST"
            | "PDT"
            | "IST"
    )
}

/// Vague number words: (words, low, high, takes a scale word after it).
pub(super) const VAGUE: &[(&[&str], f64, f64, bool)] = &[
    (&["tens", "of", "thousands"], 20_000.0, 99_999.0, false),
    (
        &["tens", "of", "millions"],
        20_000_000.0,
        99_999_999.0,
        false,
    ),
    (
        &["hundreds", "of", "thousands"],
        200_000.0,
        999_999.0,
        false,
    ),
    (
        &["hundreds", "of", "millions"],
        200_000_000.0,
        999_999_999.0,
        false,
    ),
    (&["a", "few"], 2.0, 5.0, true),
    (&["a", "handful"], 2.0, 6.0, false),
    (&["a", "couple", "of"], 2.0, 3.0, false),
    (&["few"], 2.0, 5.0, true),
    (&["several"], 3.0, 9.0, true),
    (&["dozens"], 24.0, 99.0, false),
    (&["scores"], 40.0, 199.0, false),
    (&["hundreds"], 200.0, 999.0, false),
    (&["thousands"], 2000.0, 9999.0, false),
    (&["millions"], 2e6, 9.99e6, false),
    (&["billions"], 2e9, 9.99e9, false),
];

/// FNV-1a, a fast hash for the short words of the trigger set.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Every word that can start (or be the whole of) a quantity; other words are skipped quickly.
static TRIGGERS: LazyLock<HashSet<&'static str, BuildHasherDefault<Fnv>>> = LazyLock::new(|| {
    let mut s: HashSet<&'static str, BuildHasherDefault<Fnv>> = HashSet::default();
    for (p, _) in QUALIFIERS {
        s.insert(p[0]);
    }
    for p in DELTA_PREFIXES {
        s.insert(p[0]);
    }
    for (p, ..) in VAGUE {
        s.insert(p[0]);
    }
    s.extend(ID_PREFIXES);
    s.extend(ID_PREFIXES_CAPS);
    s.extend(UNITS);
    s.extend(lexicon::WEEKDAY_NAMES);
    s.extend(lexicon::WEEKDAY_ABBREVIATIONS);
    s.extend(TENS.iter().map(|t| t.0));
    s.extend(ORDINALS.iter().map(|t| t.0));
    s.extend(lexicon::MONTH_NAMES);
    s.extend(lexicon::MONTH_ABBREVIATIONS.map(|(a, _)| a));
    s.extend(CURRENCY_PREFIXES.iter().map(|t| t.0));
    s.extend([
        "a", "an", "half", "between", "from", "aged", "age", "ages", "day", "us", "au", "ca", "nz",
        "hk", "covid",
    ]);
    s
});

/// True if `w` can start a quantity.
pub(super) fn is_trigger(w: &str) -> bool {
    TRIGGERS.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_words() {
        for w in [
            "about",
            "twenty",
            "third",
            "november",
            "tuesday",
            "nis",
            "dozens",
            "a",
            "resolution",
        ] {
            assert!(is_trigger(w), "{w}");
        }
        for w in ["people", "killed", "lakhs", "mile", ""] {
            assert!(!is_trigger(w), "{w}");
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(unit_word("nineteen"), Some(19));
        assert_eq!(tens_word("ninety"), Some(90));
        assert_eq!(ordinal_word("twelfth"), Some(12));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(currency_prefix_word("nis"), Some("ILS"));
        assert_eq!(scale_word("lakh"), Some(1e5));
        assert_eq!(glued_scale("m"), Some(1e6));
        assert_eq!(glued_scale("mi"), None);
    }
}
