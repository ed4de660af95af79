//! Figures of other events: whether a figure in a sentence belongs to an earlier event the article
//! recalls ("a wildfire in 2018 that killed 85 people", "the deadliest since 1999, when 17,000 died",
//! "the 2015 quake in Nepal, which killed 8,800", "deadlier than Hurricane Katrina, which killed
//! 1,800") rather than to the event the article reports. Extraction calls [`other_event_marker`] per
//! figure and keeps such figures out of the current event's groups.
//!
//! A figure belongs to another event when, in its own part of the sentence (between commas, dashes,
//! semicolons or brackets), a year other than the document's stands near it, not as the start of a
//! period ("since 2011", "from 2014"); or when its part is a relative clause ("when …", "which …",
//! "that …") on a part naming another year or compared with the current event ("than", "since",
//! "surpassing"). The label says which: the year (`2018`), with the country when the words name one
//! (`nepal-2015`), or the named event (`hurricane-katrina`).

use std::ops::Range;

/// Words that begin a relative clause on what the previous part names.
const RELATIVE: &[&str] = &["when", "which", "that", "where", "who"];

/// Words before a year that make it the start or end of a period of the current event, not another
/// event.
const PERIOD: &[&str] = &[
    "since", "from", "until", "till", "through", "by", "before", "after",
];

/// Words that compare the current event with another one.
const COMPARISON: &[&str] = &[
    "than",
    "since",
    "surpassing",
    "surpassed",
    "exceeding",
    "exceeded",
    "eclipsing",
    "eclipsed",
    "compared",
    "topping",
    "overtaking",
];

/// A label for the other event a figure belongs to, or `None` when it belongs to the document's own.
/// `figure` is the figure's byte span in `sentence`; `doc_year` the year of the document (its
/// publication), without which a bare year cannot be told from the current one and only relative
/// clauses on a compared event count.
pub fn other_event_marker(
    sentence: &str,
    figure: Range<usize>,
    doc_year: Option<i32>,
) -> Option<String> {
    if figure.start > figure.end || figure.end > sentence.len() {
        return None;
    }
    let parts = parts(sentence);
    let k = parts
        .iter()
        .position(|p| p.start <= figure.start && figure.start < p.end.max(p.start + 1))?;
    let own = &sentence[parts[k].clone()];
    let own_figure = figure.start - parts[k].start..figure.end.min(parts[k].end) - parts[k].start;
    // A year in the figure's own part.
    if let Some(year) = other_year(own, Some(own_figure), doc_year, true) {
        return Some(label(own, &year));
    }
    // A relative clause on the previous part.
    let first = words(own).next().map(|(_, w)| w.to_lowercase());
    if k > 0 && first.is_some_and(|w| RELATIVE.contains(&w.as_str())) {
        let previous = &sentence[parts[k - 1].clone()];
        let compared =
            words(previous).any(|(_, w)| COMPARISON.contains(&w.to_lowercase().as_str()));
        if let Some(year) = other_year(previous, None, doc_year, false) {
            return Some(label(previous, &year));
        }
        if compared {
            return Some(named_event(previous).unwrap_or_else(|| "earlier-event".to_string()));
        }
    }
    None
}

/// The sentence's parts: byte ranges between commas followed by a space, semicolons, colons,
/// brackets and dashes (a comma inside a number such as "8,800" does not split).
fn parts(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = sentence.as_bytes();
    for (i, c) in sentence.char_indices() {
        let split = match c {
            ',' => bytes.get(i + 1).is_none_or(|b| !b.is_ascii_digit()),
            ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}' => true,
            '-' => i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' '),
            _ => false,
        };
        if split {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..sentence.len());
    out.into_iter()
        .map(|r| {
            let s = &sentence[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.start + s.trim_end().len()
        })
        .collect()
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// A year (1900–2099) of `part` other than `doc_year`, not inside the figure and, when
/// `skip_periods`, not the start or end of a period ("since 2011").
fn other_year(
    part: &str,
    figure: Option<Range<usize>>,
    doc_year: Option<i32>,
    skip_periods: bool,
) -> Option<String> {
    let doc_year = doc_year?;
    let ws: Vec<(usize, &str)> = words(part).collect();
    for (i, &(at, w)) in ws.iter().enumerate() {
        let Ok(year) = w.parse::<i32>() else { continue };
        if w.len() != 4 || !(1900..=2099).contains(&year) || year == doc_year {
            continue;
        }
        if figure.as_ref().is_some_and(|f| f.start <= at && at < f.end) {
            continue;
        }
        // A figure, not a year: "2,015 people", "1999 people".
        if part[at + w.len()..].starts_with(',') && part[at + w.len()..].len() > 1 {
            let next = part.as_bytes()[at + w.len() + 1];
            if next.is_ascii_digit() {
                continue;
            }
        }
        let next = ws.get(i + 1).map(|(_, w)| w.to_lowercase());
        if next.as_deref().is_some_and(|n| {
            matches!(
                n,
                "people" | "dead" | "deaths" | "killed" | "victims" | "homes" | "buildings"
            )
        }) {
            continue;
        }
        let previous = i
            .checked_sub(1)
            .map(|p| ws[p].1.to_lowercase())
            .unwrap_or_default();
        if skip_periods && PERIOD.contains(&previous.as_str()) {
            continue;
        }
        return Some(year.to_string());
    }
    None
}

/// The year label, with the country the part names when there is one (`nepal-2015`).
fn label(part: &str, year: &str) -> String {
    match crate::places::place_of_clause(part).and_then(|p| p.country) {
        Some(country) => format!("{country}-{year}"),
        None => year.to_string(),
    }
}

/// "Hurricane Katrina" after a comparison word, as `hurricane-katrina`.
fn named_event(part: &str) -> Option<String> {
    let ws: Vec<&str> = words(part).map(|(_, w)| w).collect();
    let at = ws
        .iter()
        .position(|w| COMPARISON.contains(&w.to_lowercase().as_str()))?;
    let name: Vec<String> = ws[at + 1..]
        .iter()
        .skip_while(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "with" | "to" | "that" | "of"
            )
        })
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| w.to_lowercase())
        .collect();
    (!name.is_empty()).then(|| name.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marker of the figure `figure` (its first occurrence) in `sentence`, for a 2023 document.
    fn marker(sentence: &str, figure: &str) -> Option<String> {
        let at = sentence.find(figure).expect("figure in sentence");
        other_event_marker(sentence, at..at + figure.len(), Some(2023))
    }

    #[test]
    fn a_year_near_the_figure_marks_another_event() {
        assert_eq!(
            marker(
                "It was the deadliest since a wildfire in 2018 that killed 85 people.",
                "85"
            ),
            Some("2018".into())
        );
        assert_eq!(
            marker(
                "In 1999, a quake near Izmit killed 17,000 people.",
                "17,000"
            ),
            None,
            "the year is in another part than the figure, and no relative clause"
        );
        assert_eq!(
            marker(
                "A 1999 quake near Izmit in Turkey killed 17,000 people.",
                "17,000"
            ),
            Some("turkey-1999".into())
        );
        assert_eq!(
            marker(
                "Floods in 2010 displaced 20 million people in Pakistan.",
                "20 million"
            ),
            Some("pakistan-2010".into())
        );
    }

    #[test]
    fn a_relative_clause_on_an_earlier_event_marks_it() {
        assert_eq!(
            marker(
                "The 2015 quake in Nepal, which killed 8,800, was the last this large.",
                "8,800"
            ),
            Some("nepal-2015".into())
        );
        assert_eq!(
            marker(
                "It is the deadliest since 1999, when 17,000 died.",
                "17,000"
            ),
            Some("1999".into())
        );
        assert_eq!(
            marker(
                "The toll is higher than in 2011, when 15,899 people died in Japan.",
                "15,899"
            ),
            Some("2011".into())
        );
        assert_eq!(
            marker(
                "The storm was deadlier than Hurricane Katrina, which killed 1,800.",
                "1,800"
            ),
            Some("hurricane-katrina".into())
        );
        assert_eq!(
            marker("It surpassed the Camp Fire, which killed 85 people.", "85"),
            Some("camp-fire".into())
        );
    }

    #[test]
    fn the_current_event_is_not_marked() {
        // A war counted since its start is the same war.
        assert_eq!(
            marker(
                "The war has killed more than 500,000 people since 2011.",
                "500,000"
            ),
            None
        );
        assert_eq!(
            marker(
                "The war, which began in 2011, has killed more than 500,000 people.",
                "500,000"
            ),
            None
        );
        assert_eq!(
            marker(
                "The war, which has killed 500,000 since 2011, goes on.",
                "500,000"
            ),
            None
        );
        // "The worst since 1999" with the current event's figure.
        assert_eq!(
            marker(
                "The quake, the worst since 1999, has killed 5,000 people.",
                "5,000"
            ),
            None
        );
        assert_eq!(
            marker("With 5,000 dead, it is the worst since 1999.", "5,000"),
            None
        );
        // The document's own year.
        assert_eq!(
            marker(
                "The 2023 earthquake killed 50,000 people in Turkey.",
                "50,000"
            ),
            None
        );
        // A figure that looks like a year.
        assert_eq!(marker("The quake killed 1999 people.", "1999"), None);
        assert_eq!(marker("Officials said 2,015 people died.", "2,015"), None);
        // A relative clause on the current event.
        assert_eq!(
            marker(
                "The earthquake, which killed 50,000, struck at dawn.",
                "50,000"
            ),
            None
        );
        assert_eq!(
            marker(
                "Aid will flow until 2025 to the 1.5 million people displaced.",
                "1.5 million"
            ),
            None
        );
    }

    #[test]
    fn without_the_document_year_only_compared_events_are_marked() {
        let s = "A 1999 quake near Izmit killed 17,000 people.";
        let at = s.find("17,000").unwrap();
        assert_eq!(other_event_marker(s, at..at + 6, None), None);
        let s = "It was deadlier than Hurricane Katrina, which killed 1,800.";
        let at = s.find("1,800").unwrap();
        assert_eq!(
            other_event_marker(s, at..at + 5, None),
            Some("hurricane-katrina".into())
        );
        // A span outside the sentence is no figure.
        assert_eq!(other_event_marker("short", 3..40, Some(2023)), None);
    }
}
