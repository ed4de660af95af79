//! Which words of one quote differ from another: a longest common subsequence over words, compared
//! case-insensitively without surrounding punctuation. Used to mark what a misquote changed.

/// Words longer than this many per quote are not diffed (the table would be too large); every word is
/// then reported as shared.
const MAX_WORDS: usize = 400;

/// One word of a quote as written, and whether the other quote lacks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word with its punctuation, as written.
    pub text: &'a str,
    /// True when the word is not part of the words both quotes share.
    pub changed: bool,
}

/// The words of `quote` (split on whitespace), each marked `changed` when it is not in the longest
/// common subsequence of words with `other`.
pub fn mark<'a>(quote: &'a str, other: &str) -> Vec<Word<'a>> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let theirs: Vec<String> = other.split_whitespace().map(key).collect();
    if words.len() > MAX_WORDS || theirs.len() > MAX_WORDS {
        return words
            .into_iter()
            .map(|text| Word {
                text,
                changed: false,
            })
            .collect();
    }
    let ours: Vec<String> = words.iter().map(|w| key(w)).collect();
    let (n, m) = (ours.len(), theirs.len());
    // lcs[i][j]: length of the longest common subsequence of ours[i..] and theirs[j..].
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ours[i] == theirs[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut shared = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if ours[i] == theirs[j] {
            shared[i] = true;
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    words
        .into_iter()
        .zip(shared)
        .map(|(text, shared)| Word {
            text,
            changed: !shared,
        })
        .collect()
}

/// The comparison key of a word: lowercase, without leading and trailing punctuation.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(quote: &str, other: &str) -> Vec<String> {
        mark(quote, other)
            .into_iter()
            .filter(|w| w.changed)
            .map(|w| w.text.to_string())
            .collect()
    }

    #[test]
    fn marks_the_words_one_quote_changed() {
        assert_eq!(
            changed("We will release 50 hostages", "We will release 30 hostages"),
            ["50"]
        );
        assert_eq!(
            changed("We will not stop the war", "We will stop the war,"),
            ["not"]
        );
        assert!(changed("The same words.", "the same words").is_empty());
        assert_eq!(changed("", "anything"), Vec::<String>::new());
        assert_eq!(changed("new words", ""), ["new", "words"]);
    }

    #[test]
    fn very_long_quotes_are_not_diffed() {
        let long = "word ".repeat(MAX_WORDS + 1);
        assert!(changed(&long, "other").is_empty());
    }
}
