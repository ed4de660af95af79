//! Figures of another event: a figure dated by a year (or month and year) other than the document's,
//! or by "last year", in its own clause or just before it ("a wildfire in 2018 that killed 85 people",
//! "the 2015 quake in Nepal, which killed 8,800", "the September 2023 disaster in Morocco, where
//! nearly 3,000 people died", "the 12 killed in last year's floods"). A year that only says since when
//! a tally runs ("killed since 2011", "since it began in 2011") is the same event, and a date on the
//! other side of a comparison ("19 dead, more than the 12 killed in last year's floods") dates the
//! other figure only.

use crate::lexicon;
use crate::model::{Quantity, QuantityClass};
use crate::time::Date;
use std::ops::Range;

/// How far before a figure's clause a date may stand and still date it, in bytes.
const BEFORE_REACH: usize = 80;

/// Words that put what follows on the other side of a comparison.
const COMPARISONS: [&str; 6] = [
    " than ",
    "compared with",
    "compared to",
    "unlike",
    "versus",
    " vs ",
];

/// Relative phrases naming an earlier year.
const LAST_YEAR: [&str; 4] = ["last year", "a year ago", "previous year", "a year earlier"];

/// The label (a year) of the other event the figure `figure` (byte range in `sentence`) belongs to,
/// when a date of another year or month stands in `clause` (byte range, widened back by a few words).
pub fn other_event_of(
    sentence: &str,
    quantities: &[Quantity],
    figure: Range<usize>,
    clause: Range<usize>,
    doc_date: Option<Date>,
) -> Option<i32> {
    let doc = doc_date?;
    let from = floor_char(sentence, clause.start.saturating_sub(BEFORE_REACH));
    let to = clause.end.min(sentence.len());
    // ASCII lower case keeps every byte offset of the sentence (full lower case can grow: "İ").
    let lower = sentence.to_ascii_lowercase();
    let dated = quantities
        .iter()
        .filter(|q| q.start >= from && q.end <= to)
        .filter_map(|q| {
            let year = other_year(q, doc).or_else(|| years_ago(q, &lower, doc))?;
            Some((q.start..q.end, year))
        })
        .filter(|(at, _)| !follows_since(&lower, at.start));
    let relative = LAST_YEAR.iter().flat_map(|phrase| {
        lower[from..to]
            .match_indices(phrase)
            .map(move |(i, p)| (from + i..from + i + p.len(), doc.year - 1))
    });
    dated
        .chain(relative)
        .filter(|(at, _)| !across_comparison(&lower, &figure, at))
        .min_by_key(|(at, _)| distance(at, &figure))
        .map(|(_, year)| year)
}

/// The year of a year or month-and-year quantity, when it is not the document's year and month.
fn other_year(q: &Quantity, doc: Date) -> Option<i32> {
    match q.class {
        QuantityClass::Year => Some(q.stated? as i32).filter(|y| *y != doc.year),
        QuantityClass::Date => {
            let year: i32 = q
                .text
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 4)?
                .parse()
                .ok()?;
            let month = q
                .text
                .split(|c: char| !c.is_alphabetic())
                .find_map(|w| lexicon::month(&w.to_lowercase()));
            let day_given = q
                .text
                .split(|c: char| !c.is_ascii_digit())
                .any(|w| !w.is_empty() && w.len() <= 2);
            // "September 2023" in a November 2023 article: another month's event; a full date is
            // when something happened within this story, and is left to the as-of logic.
            let other = year != doc.year
                || (!day_given && month.is_some_and(|m| m.abs_diff(doc.month) >= 2));
            other.then_some(year)
        }
        _ => None,
    }
}

/// The year "N years ago" names ("a wildfire killed 85 people five years ago").
fn years_ago(q: &Quantity, lower: &str, doc: Date) -> Option<i32> {
    if q.class != QuantityClass::Duration || q.unit.as_deref() != Some("years") {
        return None;
    }
    let after = lower.get(q.end..)?.trim_start();
    let n = q.stated?;
    (after.starts_with("ago") && n >= 1.0).then(|| doc.year - n as i32)
}

/// True when the date at `at` only says since when a tally runs: "since 2011", "from 2011", "since it
/// began in 2011"; but "since the 1973 war", "since a 2018 wildfire" name another event.
fn follows_since(lower: &str, at: usize) -> bool {
    let before = &lower[floor_char(lower, at.saturating_sub(40))..at];
    let words: Vec<&str> = before.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    if matches!(last, "since" | "from") {
        return true;
    }
    !matches!(last, "the" | "a" | "an" | "that" | "this")
        && words.iter().rev().take(6).any(|w| *w == "since")
}

/// True when a comparison word stands between the figure and the date.
fn across_comparison(lower: &str, figure: &Range<usize>, at: &Range<usize>) -> bool {
    let (a, b) = if at.start >= figure.end {
        (figure.end, at.start)
    } else {
        (at.end, figure.start)
    };
    let between = lower.get(a..b).unwrap_or("");
    COMPARISONS.iter().any(|c| between.contains(c))
}

fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity;

    fn label(sentence: &str, figure: &str) -> Option<i32> {
        let qs = quantity::recognise(sentence);
        let at = sentence.find(figure).unwrap_or(0);
        let doc = Date {
            year: 2023,
            month: 11,
            day: 25,
        };
        other_event_of(
            sentence,
            &qs,
            at..at + figure.len(),
            0..sentence.len(),
            Some(doc),
        )
    }

    #[test]
    fn years_of_other_events() {
        assert_eq!(
            label(
                "The deadliest since a 2018 wildfire killed 85 people.",
                "85"
            ),
            Some(2018)
        );
        assert_eq!(
            label(
                "Since the 2015 quake in Nepal, which killed 8,800 people.",
                "8,800"
            ),
            Some(2015)
        );
        assert_eq!(
            label(
                "A repeat of the September 2023 disaster, where nearly 3,000 people died.",
                "3,000"
            ),
            Some(2023)
        );
        assert_eq!(
            label("Higher than the 12 killed in last year's floods.", "12"),
            Some(2022)
        );
        assert_eq!(
            label(
                "A wildfire killed 85 people in Paradise five years ago.",
                "85"
            ),
            Some(2018)
        );
    }

    #[test]
    fn letters_that_grow_when_lowercased_keep_offsets_right() {
        // "İ" is two bytes, its lower case three: offsets of the sentence must still fit.
        for n in 0..8 {
            let s = format!(
                "{} a wildfire in 2018 killed 85 people, up from İİ.",
                "İ".repeat(n)
            );
            assert_eq!(label(&s, "85"), Some(2018), "{s}");
        }
    }

    #[test]
    fn same_event_and_comparisons() {
        assert_eq!(
            label(
                "The war has killed 280,000 people since it began in 2011.",
                "280,000"
            ),
            None
        );
        assert_eq!(
            label("At least 500 people have been killed since 2011.", "500"),
            None
        );
        assert_eq!(
            label(
                "Monday's toll of 19 dead is higher than the 12 killed in last year's floods.",
                "19"
            ),
            None
        );
        assert_eq!(
            label("On November 21, 2023, officials said 50 people died.", "50"),
            None
        );
        assert_eq!(label("In 2023, 50 hostages were freed.", "50"), None);
    }
}
