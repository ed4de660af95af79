//! Text → sentences with byte spans, paragraphs, and line/column positions. Sentences are found with a
//! rule-based splitter tuned to scraped news text: it splits after `.`, `!`, `?` (and a closing quote)
//! followed by a capital letter, even when the scrape lost the space ("territories.Hamas"), but not after
//! abbreviations ("U.S.", "Dr.", "Nov.") or decimal points. Blank lines and single newlines end sentences
//! too: scraped articles put headlines and captions on lines of their own.

/// A sentence: byte offsets into the document text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// 0-based paragraph number (paragraphs are separated by line breaks).
    pub paragraph: usize,
}

/// Maps byte offsets to 1-based line and column numbers. Handles `\n`, `\r\n` and lone `\r` line ends.
/// A lookup costs a binary search plus counting at most [`CHECKPOINT_BYTES`] of text, however long the
/// line: a multi-megabyte single-line document must not make every column lookup scan the whole line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset, characters before it), every [`CHECKPOINT_BYTES`] or so, on character boundaries.
    checkpoints: Vec<(usize, usize)>,
}

/// Distance between two character-count checkpoints of a [`LineIndex`].
pub const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut next_checkpoint = CHECKPOINT_BYTES;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            // Not a UTF-8 continuation byte: a character starts here.
            if b & 0xC0 != 0x80 {
                if i >= next_checkpoint {
                    checkpoints.push((i, chars));
                    next_checkpoint = i + CHECKPOINT_BYTES;
                }
                chars += 1;
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// The number of characters of `text` before byte offset `pos` (a character boundary).
    fn chars_before(&self, text: &str, pos: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(b, _)| b <= pos);
        let (b, n) = self
            .checkpoints
            .get(i.wrapping_sub(1))
            .copied()
            .unwrap_or((0, 0));
        n + text
            .get(b..pos)
            .map(|s| s.chars().count())
            .unwrap_or(pos - b)
    }

    /// The 1-based line and column (in characters) of byte offset `pos` in `text`.
    pub fn line_col(&self, text: &str, pos: usize) -> (usize, usize) {
        let pos = pos.min(text.len());
        let line = match self.line_starts.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = if text.is_char_boundary(pos) && text.is_char_boundary(start) {
            self.chars_before(text, pos) - self.chars_before(text, start)
        } else {
            pos - start
        };
        (line + 1, column + 1)
    }

    /// A full span for the byte range `start..end` of `text`.
    pub fn span(&self, text: &str, start: usize, end: usize) -> crate::model::Span {
        let (line, column) = self.line_col(text, start);
        crate::model::Span {
            start,
            end,
            line,
            column,
        }
    }
}

/// Longest word (letters, digits and dots) looked at as a possible abbreviation.
const MAX_ABBREVIATION_CHARS: usize = 12;

/// Words after which a full stop does not end a sentence (month abbreviations too:
/// [`crate::lexicon::is_month_abbreviation`]).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "jr", "sr",
    "rep", "sen", "gov", "pres", "no", "vs", "etc", "inc", "ltd", "co", "corp", "approx", "est",
    "fig", "al", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m",
];

/// Splits `text[range]` into sentences. Offsets are in `text` coordinates.
pub fn sentences(text: &str, range: std::ops::Range<usize>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = range.start;
    let body = &text[range.clone()];
    let mut pos = range.start;
    for line in body.split_inclusive(['\n', '\r']) {
        let line_end = pos + line.len();
        let content_end = pos + line.trim_end_matches(['\n', '\r']).len();
        if text[pos..content_end].trim().is_empty() {
            pos = line_end;
            line_start = line_end;
            continue;
        }
        split_line(text, pos, content_end, paragraph, &mut out);
        paragraph += 1;
        pos = line_end;
        line_start = line_end;
    }
    let _ = line_start;
    out
}

fn split_line(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sent_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Include closing quotes and brackets after the terminator.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | '»' | '.')
            {
                j += 1;
            }
            let after_ws = {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                k
            };
            let had_space = after_ws > j;
            let next = chars.get(after_ws).map(|&(_, ch)| ch);
            let ends = match next {
                None => true,
                Some(n) => {
                    let opens = n.is_uppercase()
                        || matches!(n, '"' | '“' | '‘' | '«' | '(' | '[')
                        || (had_space && n.is_ascii_digit());
                    opens && !is_abbreviation(line, off, c, had_space)
                }
            };
            if ends {
                let end_off = chars.get(j).map(|&(o, _)| o).unwrap_or(line.len());
                push_trimmed(start, line, sent_start, end_off, paragraph, out);
                sent_start = chars.get(after_ws).map(|&(o, _)| o).unwrap_or(line.len());
                i = after_ws;
                continue;
            }
        }
        let _ = off;
        i += 1;
    }
    push_trimmed(start, line, sent_start, line.len(), paragraph, out);
}

fn is_abbreviation(line: &str, dot: usize, terminator: char, had_space: bool) -> bool {
    if terminator != '.' {
        return false;
    }
    let before = &line[..dot];
    // Abbreviations are short: looking back further would make a long dotted run quadratic.
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .take(MAX_ABBREVIATION_CHARS + 1)
        .collect();
    if word.len() > MAX_ABBREVIATION_CHARS {
        return false;
    }
    let word: String = word.into_iter().rev().collect();
    let lower = word.to_lowercase();
    if lower.is_empty() {
        return false;
    }
    // A single capital letter ("J. Smith") or a dotted acronym ("U.S.").
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    if lower.contains('.') && lower.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) || crate::lexicon::is_month_abbreviation(&lower) {
        // "Nov. 21" yes; a sentence ending in "No." is rare.
        return true;
    }
    // "territories.Hamas": no space, a lowercase word before: a lost space, so a boundary.
    let _ = had_space;
    false
}

fn push_trimmed(
    base: usize,
    line: &str,
    from: usize,
    to: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    if from >= to {
        return;
    }
    let piece = &line[from..to];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail >= piece.len() {
        return;
    }
    let (mut start, end) = (from + lead, to - trail);
    // A run-on "sentence" (a scrape without full stops) is cut into pieces of at most
    // MAX_SENTENCE_BYTES, so that the per-sentence work of extraction stays bounded and a long line
    // costs linear time.
    while end - start > MAX_SENTENCE_BYTES {
        let cut = cut_point(line, start, start + MAX_SENTENCE_BYTES);
        push_trimmed(base, line, start, cut, paragraph, out);
        start = cut;
    }
    if start == from + lead {
        out.push(Sentence {
            start: base + start,
            end: base + end,
            paragraph,
        });
    } else {
        push_trimmed(base, line, start, end, paragraph, out);
    }
}

/// Longest sentence, in bytes; longer runs of text without a sentence end are cut (news sentences are
/// rarely longer than 400 bytes).
pub const MAX_SENTENCE_BYTES: usize = 1000;

/// Where to cut `line[from..limit]`: after the last `, ` or `; `, else after the last space, else at
/// the last character boundary before `limit`. Always beyond `from`.
fn cut_point(line: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit.min(line.len());
    while !line.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &line[from..limit];
    let half = window.len() / 2;
    let after = |i: Option<usize>, len: usize| i.filter(|&i| i >= half).map(|i| from + i + len);
    after(window.rfind(", ").or_else(|| window.rfind("; ")), 2)
        .or_else(|| after(window.rfind(char::is_whitespace), 1))
        .filter(|&c| c > from && line.is_char_boundary(c))
        .unwrap_or(if limit > from { limit } else { line.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_terminators_and_lines() {
        assert_eq!(
            split("One two. Three four!\nFive six? \"Seven,\" he said."),
            vec![
                "One two.",
                "Three four!",
                "Five six?",
                "\"Seven,\" he said."
            ]
        );
    }

    #[test]
    fn splits_where_the_scrape_lost_the_space() {
        assert_eq!(
            split("fired into occupied territories.Hamas officials said so."),
            vec![
                "fired into occupied territories.",
                "Hamas officials said so."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_decimals() {
        assert_eq!(
            split("The U.S. said 1.3 million people fled. Dr. Smith agreed."),
            vec![
                "The U.S. said 1.3 million people fled.",
                "Dr. Smith agreed."
            ]
        );
        assert_eq!(
            split("Moscow, Nov. 21 - Talks."),
            vec!["Moscow, Nov. 21 - Talks."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("He said “we are close.” Then he left."),
            vec!["He said “we are close.”", "Then he left."]
        );
    }

    #[test]
    fn line_columns_count_characters_and_all_line_ends() {
        let text = "ab\r\nçd\rx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        assert_eq!(idx.line_col(text, 6), (2, 2));
        assert_eq!(idx.line_col(text, 8), (3, 1));
    }

    #[test]
    fn paragraphs_are_numbered() {
        let text = "A b.\n\nC d. E f.";
        let s = sentences(text, 0..text.len());
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 1]
        );
    }

    #[test]
    fn line_col_on_long_lines_matches_counting_from_line_start() {
        // Long lines of multi-byte characters cross many checkpoints.
        let text = format!(
            "{}\r\n{}\rend\n",
            "ab\u{e7}\u{1F600}d ".repeat(3000),
            "\u{e7}x".repeat(5000)
        );
        let index = LineIndex::new(&text);
        let naive = |pos: usize| -> (usize, usize) {
            let before = &text[..pos];
            let line_start = before.rfind(['\n', '\r']).map(|i| i + 1).unwrap_or(0);
            let line = 1 + before.matches('\n').count() + before.matches('\r').count()
                - before.matches("\r\n").count();
            (line, text[line_start..pos].chars().count() + 1)
        };
        for (pos, _) in text.char_indices().step_by(97) {
            assert_eq!(index.line_col(&text, pos), naive(pos), "at {pos}");
        }
        assert_eq!(index.line_col(&text, text.len()), naive(text.len()));
    }
}
