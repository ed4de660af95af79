//! Name normalisation for the gazetteer: splits text into words with byte spans and folded keys
//! (lowercase, no diacritics, apostrophes unified, a possessive `'s` noted and dropped), and makes the
//! readable slugs of place ids. Hyphens and dots separate words, so that "Al-Hasakah" and "Al Hasakah",
//! "U.S." and "U S" fold alike. The lookup (`lookup`) and the data loader (`data`) share these rules, so
//! that a name and the text naming it always fold the same way.

use unicode_normalization::UnicodeNormalization;

/// One word of a text, as the gazetteer matches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte (a possessive `'s` excluded).
    pub end: usize,
    /// The folded word.
    pub key: String,
    /// The word begins with a capital letter.
    pub capitalised: bool,
    /// Every letter of the word is a capital.
    pub upper: bool,
    /// The word ended in a possessive `'s` ("Turkey's").
    pub possessive: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '´'
    )
}

/// Splits `text` into words: runs of letters and digits, with apostrophes inside a word kept
/// ("Hawai'i") and a final possessive `'s` dropped and noted.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inside = c.is_alphanumeric()
            || (is_apostrophe(c)
                && start.is_some()
                && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric()));
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push(text, s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(text, s, text.len(), &mut out);
    }
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let raw = &text[start..end];
    let (raw, possessive) = match raw.char_indices().rev().nth(1) {
        Some((i, a)) if is_apostrophe(a) && raw[i..].ends_with(['s', 'S']) && i > 0 => {
            (&raw[..i], true)
        }
        _ => (raw, false),
    };
    let key = fold(raw);
    if key.is_empty() {
        return;
    }
    let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
    let upper = raw
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    out.push(Word {
        start,
        end: start + raw.len(),
        key,
        capitalised,
        upper,
        possessive,
    });
}

/// Lowercases one word, strips diacritics and unifies apostrophes.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut push = |c: char| {
        if unicode_normalization::char::is_combining_mark(c) {
            return;
        }
        if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    };
    if word.is_ascii() {
        word.chars().for_each(&mut push);
    } else {
        word.nfkd().for_each(&mut push);
    }
    out
}

/// The matching key of a whole name: its words' keys joined by one space ("Al-Hasakah" → `al hasakah`).
pub fn key(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A readable id part: the folded words joined by hyphens, apostrophes dropped ("Al Ḩasakah" →
/// `al-hasakah`, "Hawai'i" → `hawaii`).
pub fn slug(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.key.replace('\'', ""))
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_case_hyphens_and_dots() {
        assert_eq!(key("Al-Ḩasakah"), "al hasakah");
        assert_eq!(key("Türkiye"), "turkiye");
        assert_eq!(key("U.S."), "u s");
        assert_eq!(key("Hawai’i"), "hawai'i");
        assert_eq!(slug("Hawai'i"), "hawaii");
        assert_eq!(slug("Kahramanmaraş"), "kahramanmaras");
    }

    #[test]
    fn notes_possessives_and_capitals() {
        let w = words("Turkey's toll, the US and Syria’s");
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, ["turkey", "toll", "the", "us", "and", "syria"]);
        assert!(w[0].possessive && w[0].capitalised && !w[0].upper);
        assert_eq!(&"Turkey's toll"[w[0].start..w[0].end], "Turkey");
        assert!(w[3].upper && !w[3].possessive);
        assert!(w[5].possessive);
        assert!(!w[2].capitalised);
    }
}
