//! A masked sentence as tokens: lowercase words (with inner hyphens and apostrophes), single
//! punctuation marks, and the placeholders that stand for recognised figures. The frame grammar walks
//! these tokens; their byte ranges map back to the masked text.

use crate::rules::{QTY_CLOSE, QTY_OPEN};
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// A word, lowercased, with curly apostrophes made straight.
    Word(String),
    /// A figure placeholder: the index of the quantity it stands for.
    Figure(usize),
    /// One punctuation character (`,`, `.`, `;`, `:`, `(`, `)`, dashes, quotes).
    Punct(char),
}

/// One token and where it is in the masked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Its byte range in the masked text.
    pub span: Range<usize>,
}

impl Token {
    /// The word, if the token is one.
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            TokenKind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// The quantity index, if the token is a figure.
    pub fn figure(&self) -> Option<usize> {
        match self.kind {
            TokenKind::Figure(i) => Some(i),
            _ => None,
        }
    }

    /// True for punctuation that ends a clause or a sentence (`.`, `;`, `:`, `?`, `!`).
    pub fn is_clause_end(&self) -> bool {
        matches!(self.kind, TokenKind::Punct('.' | ';' | ':' | '?' | '!'))
    }

    /// True for the given punctuation mark.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// Splits a masked sentence into tokens.
pub fn tokenize(masked: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = masked.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == QTY_OPEN {
            let mut digits = String::new();
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                chars.next();
                end = i + d.len_utf8();
                if d == QTY_CLOSE {
                    break;
                }
                digits.push(d);
            }
            if let Ok(n) = digits.parse() {
                out.push(Token {
                    kind: TokenKind::Figure(n),
                    span: start..end,
                });
            }
        } else if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            let mut word = String::new();
            push_lower(&mut word, c);
            while let Some(&(i, d)) = chars.peek() {
                let joins = matches!(d, '-' | '\'' | '’' | '‘');
                if d.is_alphanumeric() {
                    push_lower(&mut word, d);
                } else if joins && next_is_alphanumeric(masked, i + d.len_utf8()) {
                    word.push(if d == '-' { '-' } else { '\'' });
                } else {
                    break;
                }
                chars.next();
                end = i + d.len_utf8();
            }
            out.push(Token {
                kind: TokenKind::Word(word),
                span: start..end,
            });
        } else if !c.is_whitespace() {
            out.push(Token {
                kind: TokenKind::Punct(normalise_punct(c)),
                span: start..start + c.len_utf8(),
            });
        }
    }
    out
}

fn push_lower(word: &mut String, c: char) {
    for l in c.to_lowercase() {
        word.push(l);
    }
}

fn next_is_alphanumeric(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_some_and(char::is_alphanumeric)
}

fn normalise_punct(c: char) -> char {
    match c {
        '–' | '—' | '―' => '-',
        '“' | '”' | '«' | '»' => '"',
        '‘' | '’' => '\'',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| match t.kind {
                TokenKind::Word(w) => w,
                TokenKind::Figure(i) => format!("#{i}"),
                TokenKind::Punct(c) => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn words_figures_and_punctuation() {
        let s =
            format!("Hamas’ fighters freed {QTY_OPEN}3{QTY_CLOSE} well-known captives — so far.");
        assert_eq!(
            words(&s),
            [
                "hamas",
                "'",
                "fighters",
                "freed",
                "#3",
                "well-known",
                "captives",
                "-",
                "so",
                "far",
                "."
            ]
        );
    }

    #[test]
    fn spans_cover_the_text() {
        let s = format!("toll {QTY_OPEN}12{QTY_CLOSE}");
        let t = tokenize(&s);
        assert_eq!(&s[t[1].span.clone()], format!("{QTY_OPEN}12{QTY_CLOSE}"));
        assert_eq!(t[1].figure(), Some(12));
    }
}
