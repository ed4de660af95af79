//! Quote marks → quoted passages. Finds the spans of direct quotes in one paragraph: straight and curly
//! double quotes, guillemets, low-9 quotes, and single quotes used as quote marks (never apostrophes such
//! as `Israel’s`). Robust to scraped text: a closing mark glued to the next word (`agreement”said`) still
//! closes, a stray closing mark with nothing open is ignored (except one ending a paragraph's first
//! words before `said X`: their opening mark was lost), and an unclosed double quote runs at most to
//! the end of its paragraph (and never past [`MAX_QUOTE`] bytes). This module knows nothing of speakers.

use std::ops::Range;

/// Longest quote, in bytes, before an opening mark is taken for a stray one.
pub const MAX_QUOTE: usize = 1500;
/// Longest single-quoted passage, in bytes.
const MAX_SINGLE: usize = 400;

/// One quoted passage: the opening mark, the words inside, the closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the first byte inside the marks.
    pub inner_start: usize,
    /// Byte offset one past the last byte inside the marks.
    pub inner_end: usize,
    /// Byte offset one past the closing mark (the paragraph end when unclosed).
    pub close_end: usize,
    /// False when no closing mark was found before the paragraph ended.
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Straight,
    Guillemet,
    Single,
}

/// The quoted passages of `text[para]`, in order. Offsets are in `text` coordinates.
pub fn find(text: &str, para: Range<usize>) -> Vec<Marked> {
    let Some(body) = text.get(para.clone()) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = body
        .char_indices()
        .map(|(o, c)| (o + para.start, c))
        .collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None; // index into chars
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        match open {
            None if out.is_empty() && lost_opening(&chars, i) => {
                // The paragraph is a quote whose opening mark was lost: `We have no power,” said X.`
                push(
                    true,
                    &mut out,
                    para.start,
                    para.start,
                    off,
                    off + c.len_utf8(),
                    text,
                );
            }
            None => {
                open = opener(c, prev, next).map(|k| (i, k));
            }
            Some((o, kind)) => {
                let limit = if kind == Kind::Single {
                    MAX_SINGLE
                } else {
                    MAX_QUOTE
                };
                if off - chars[o].0 > limit {
                    // A stray opening mark: start again just after it.
                    open = None;
                    i = o + 1;
                    continue;
                }
                if kind == Kind::Single && !closes(kind, c, prev, next) {
                    // A double mark inside an open single quote means the single one was an apostrophe.
                    if let Some(k) = opener(c, prev, next).filter(|&k| k != Kind::Single) {
                        open = Some((i, k));
                        i += 1;
                        continue;
                    }
                }
                if closes(kind, c, prev, next) {
                    let open_off = chars[o].0;
                    push(
                        true,
                        &mut out,
                        open_off,
                        open_off + chars[o].1.len_utf8(),
                        off,
                        off + c.len_utf8(),
                        text,
                    );
                    open = None;
                }
            }
        }
        i += 1;
    }
    if let Some((o, kind)) = open {
        let open_off = chars[o].0;
        if matches!(kind, Kind::Double | Kind::Straight | Kind::Guillemet)
            && para.end - open_off <= MAX_QUOTE
        {
            push(
                false,
                &mut out,
                open_off,
                open_off + chars[o].1.len_utf8(),
                para.end,
                para.end,
                text,
            );
        }
    }
    out
}

fn push(
    closed: bool,
    out: &mut Vec<Marked>,
    open: usize,
    inner_start: usize,
    inner_end: usize,
    close_end: usize,
    text: &str,
) {
    let inner = text.get(inner_start..inner_end).unwrap_or("");
    if !inner.chars().any(char::is_alphanumeric) {
        return;
    }
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    out.push(Marked {
        open,
        inner_start: inner_start + lead,
        inner_end: inner_end - trail,
        close_end,
        closed,
    });
}

/// True when `chars[i]` is a curly closing mark that closes a quote whose opening mark was lost at the
/// paragraph start: no quote mark before it in the paragraph, a comma or full stop right before it
/// (`…devastation,”`), and a lowercase word after it (`said X`, `he said`), so the paragraph's words up
/// to it are the quote.
fn lost_opening(chars: &[(usize, char)], i: usize) -> bool {
    let (_, c) = chars[i];
    let prev = i.checked_sub(1).map(|j| chars[j].1);
    let after = chars[i + 1..]
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace());
    c == '”'
        && matches!(prev, Some(',' | '.' | '?' | '!'))
        && chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace())
        && after.is_some_and(char::is_lowercase)
        && chars[i].0 - chars[0].0 <= MAX_QUOTE
        && chars[..i]
            .iter()
            .all(|&(_, c)| !matches!(c, '“' | '”' | '"' | '«' | '»' | '„' | '‘'))
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':' | '/'),
    }
}

fn opener(c: char, prev: Option<char>, next: Option<char>) -> Option<Kind> {
    let next_word = next.is_some_and(|n| !n.is_whitespace());
    match c {
        '“' | '„' | '‟' => Some(Kind::Double),
        // A closing curly mark used as an opener: only at a word start.
        '”' if is_open_context(prev) && next_word => Some(Kind::Double),
        '«' => Some(Kind::Guillemet),
        // A straight quote that does not look like a closer (a word before it and none after).
        '"' if (next.is_some_and(char::is_alphanumeric)
            || !prev.is_some_and(char::is_alphanumeric))
            && next_word =>
        {
            Some(Kind::Straight)
        }
        '‘' | '\'' if is_open_context(prev) && next.is_some_and(char::is_alphabetic) => {
            Some(Kind::Single)
        }
        _ => None,
    }
}

fn closes(kind: Kind, c: char, prev: Option<char>, next: Option<char>) -> bool {
    match kind {
        Kind::Double => {
            c == '”'
                || c == '"'
                || (c == '“'
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(char::is_alphanumeric))
        }
        Kind::Straight => c == '"' || c == '”',
        Kind::Guillemet => c == '»',
        Kind::Single => {
            matches!(c, '’' | '\'')
                && prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text, 0..text.len())
            .into_iter()
            .map(|m| &text[m.inner_start..m.inner_end])
            .collect()
    }

    #[test]
    fn curly_straight_and_guillemets() {
        assert_eq!(inner("He said “we are close” today."), vec!["we are close"]);
        assert_eq!(
            inner("He said \"we are close\" today."),
            vec!["we are close"]
        );
        assert_eq!(
            inner("Il a dit « nous sommes proches »."),
            vec!["nous sommes proches"]
        );
        assert_eq!(inner("Er sagte „wir sind nah“."), vec!["wir sind nah"]);
    }

    #[test]
    fn single_curly_quotes_but_not_apostrophes() {
        assert_eq!(
            inner("Israel’s army said ‘we will win’ on Monday."),
            vec!["we will win"]
        );
        assert!(inner("Israel’s army and Spain’s minister met.").is_empty());
    }

    #[test]
    fn glued_marks_and_strays() {
        assert_eq!(
            inner(
                "“We are getting closer”said Hamas leader, to“advance on issues”. ” Has attained."
            ),
            vec!["We are getting closer", "advance on issues"]
        );
        assert_eq!(
            inner("made “real progress.” Might be.” This week.”"),
            vec!["real progress."]
        );
    }

    #[test]
    fn a_lost_opening_mark_makes_the_paragraph_start_the_quote() {
        assert_eq!(
            inner("We have lost everything,” said a farmer. “It will take years.”"),
            vec!["We have lost everything,", "It will take years."]
        );
        // Not after another mark, nor before a capitalised word.
        assert!(inner("It ended. Might be.” This week.").is_empty());
    }

    #[test]
    fn unclosed_quote_stops_at_the_paragraph() {
        let text = "He said “we are close and\nthe next line.";
        let first_para = 0..text.find('\n').unwrap_or(text.len());
        let q = find(text, first_para);
        assert_eq!(q.len(), 1);
        assert_eq!(&text[q[0].inner_start..q[0].inner_end], "we are close and");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["“", "”", "\"", "'", "‘’", "«»", "a\"b\"c", "é“ü”ß"] {
            let _ = find(t, 0..t.len());
        }
    }
}
