//! Tokeniser for the number grammar: words (lower-cased once), digit runs (ASCII, Arabic-Indic and
//! Persian digits) and single punctuation characters, each with the kind of whitespace before it.

use std::cell::RefCell;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A maximal run of alphabetic characters.
    Word,
    /// A maximal run of decimal digits (any of the supported scripts).
    Num,
    /// One character that is neither whitespace, alphabetic nor a digit.
    Punct(char),
}

/// The whitespace between a token and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// No whitespace: the tokens touch ("1,200", "F-16").
    None,
    /// Exactly one ASCII space.
    Space,
    /// Exactly one no-break or thin space (U+00A0, U+2009, U+202F).
    Thin,
    /// Anything else (several spaces, a newline, start of text).
    Wide,
}

/// One token with its byte span and the span of its lower-cased form in [`Cx::lc`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The kind of token.
    pub kind: Kind,
    /// Whitespace before the token.
    pub gap: Gap,
    lc_start: usize,
    lc_end: usize,
}

/// The value of a decimal digit in ASCII, Arabic-Indic (U+0660–0669) or Persian (U+06F0–06F9) script.
pub(super) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

/// A tokenised text with accessors that never panic (out-of-range indices give `None`/`false`).
pub(super) struct Cx<'a> {
    /// The input text.
    pub text: &'a str,
    /// The tokens in order.
    pub toks: Vec<Tok>,
    lc: String,
}

fn classify_gap(ws_count: usize, ws_char: char, at_start: bool) -> Gap {
    match (at_start, ws_count, ws_char) {
        (true, _, _) => Gap::Wide,
        (false, 0, _) => Gap::None,
        (false, 1, ' ') => Gap::Space,
        (false, 1, '\u{a0}' | '\u{2009}' | '\u{202f}') => Gap::Thin,
        _ => Gap::Wide,
    }
}

thread_local! {
    /// Token and lower-case buffers reused between calls on the same thread (small ones only).
    static BUFFERS: RefCell<(Vec<Tok>, String)> = const { RefCell::new((Vec::new(), String::new())) };
}

/// Largest token buffer kept for reuse; bigger ones are freed after the call.
const KEEP_TOKENS: usize = 1 << 16;

/// The character starting at byte `pos` and its length (ASCII without decoding).
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The byte offset after the run of characters from `pos` satisfying `keep`, calling `each` on them.
fn run_end(
    text: &str,
    mut pos: usize,
    keep: impl Fn(char) -> bool,
    mut each: impl FnMut(char),
) -> usize {
    while let Some((c, len)) = char_at(text, pos) {
        if !keep(c) {
            break;
        }
        each(c);
        pos += len;
    }
    pos
}

impl<'a> Cx<'a> {
    /// Tokenises `text`.
    pub fn new(text: &'a str) -> Cx<'a> {
        let (mut toks, mut lc) = BUFFERS
            .try_with(|b| {
                b.try_borrow_mut()
                    .map(|mut b| std::mem::take(&mut *b))
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        toks.clear();
        lc.clear();
        toks.reserve(text.len() / 5 + 1);
        let (mut ws_count, mut ws_char) = (0usize, ' ');
        let mut pos = 0;
        while let Some((c, len)) = char_at(text, pos) {
            if c.is_whitespace() {
                ws_count += 1;
                ws_char = c;
                pos += len;
                continue;
            }
            let gap = classify_gap(ws_count, ws_char, toks.is_empty());
            ws_count = 0;
            let lc_start = lc.len();
            let (kind, end) = if digit_value(c).is_some() {
                (
                    Kind::Num,
                    run_end(text, pos, |d| digit_value(d).is_some(), |_| {}),
                )
            } else if c.is_alphabetic() {
                (
                    Kind::Word,
                    run_end(text, pos, char::is_alphabetic, |d| push_lower(&mut lc, d)),
                )
            } else {
                (Kind::Punct(c), pos + len)
            };
            toks.push(Tok {
                start: pos,
                end,
                kind,
                gap,
                lc_start,
                lc_end: lc.len(),
            });
            pos = end;
        }
        Cx { text, toks, lc }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The token at `i`.
    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The lower-cased word at `i`, if token `i` is a word.
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Word => self.lc.get(t.lc_start..t.lc_end),
            _ => None,
        }
    }

    /// True if token `i` is the (lower-case) word `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    /// True if token `i` is one of the words in `ws`.
    pub fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i).is_some_and(|w| ws.contains(&w))
    }

    /// True if tokens from `i` are the words of `phrase` (space separated, lower-case).
    pub fn phrase(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// The text of token `i` as written.
    pub fn raw(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The character of punctuation token `i`.
    pub fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// True if token `i` is the punctuation `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.punct(i) == Some(c)
    }

    /// True if token `i` is a digit run.
    pub fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Num)
    }

    /// True if token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// The whitespace before token `i` (`Wide` when out of range).
    pub fn gap(&self, i: usize) -> Gap {
        self.toks.get(i).map_or(Gap::Wide, |t| t.gap)
    }

    /// True if token `i` exists and touches the token before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::None)
    }

    /// True if token `i` exists and follows the previous token after a single space (of any kind).
    pub fn near(&self, i: usize) -> bool {
        matches!(self.gap(i), Gap::Space | Gap::Thin)
    }

    /// True if the word at `i` starts with an upper-case letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The digits of number token `i` and their count, or `None` if it is not a number.
    pub fn digits(&self, i: usize) -> Option<(u64, usize)> {
        if !self.is_num(i) {
            return None;
        }
        let mut v: u64 = 0;
        let mut n = 0;
        for c in self.raw(i).chars() {
            let d = digit_value(c)?;
            v = v.saturating_mul(10).saturating_add(u64::from(d));
            n += 1;
        }
        Some((v, n))
    }
}

impl Drop for Cx<'_> {
    /// Hands the buffers back for the next call on this thread.
    fn drop(&mut self) {
        if self.toks.capacity() > KEEP_TOKENS {
            return;
        }
        let toks = std::mem::take(&mut self.toks);
        let lc = std::mem::take(&mut self.lc);
        let _ = BUFFERS.try_with(|b| {
            if let Ok(mut b) = b.try_borrow_mut() {
                *b = (toks, lc);
            }
        });
    }
}

fn push_lower(lc: &mut String, c: char) {
    if c.is_ascii() {
        lc.push(c.to_ascii_lowercase());
    } else {
        lc.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_gaps() {
        let cx = Cx::new("About 1,200\u{a0}000 F-16s ٣٤");
        let kinds: Vec<Kind> = cx.toks.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Word,
                Kind::Num,
                Kind::Punct(','),
                Kind::Num,
                Kind::Num,
                Kind::Word,
                Kind::Punct('-'),
                Kind::Num,
                Kind::Word,
                Kind::Num
            ]
        );
        assert_eq!(cx.word(0), Some("about"));
        assert_eq!(cx.gap(4), Gap::Thin);
        assert_eq!(cx.gap(1), Gap::Space);
        assert!(cx.glued(2));
        assert_eq!(cx.digits(9), Some((34, 2)));
    }
}
