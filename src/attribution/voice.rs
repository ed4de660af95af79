//! How far an attribution reaches within its sentence. A sentence is split into clauses at `;` and at
//! `, and` / `, but` / `, while` / `, whereas`; a clause with an attribution of its own takes it; a
//! clause without one takes the attribution that reaches it: from a later clause `…, said the
//! ministry` or `…, according to X` (they look back) unless that clause's words are a quote opening
//! it (`…, and “…,” said X`: X's words are the quote), else from an earlier clause `X said that …`
//! (its reported words may go on after the comma) unless that clause's reported words were a closed
//! quote; a clause no attribution reaches is in the outlet's own voice. So in "Militants seized about 240
//! people, and the army said at least 200 were held", only the 200 is the army's.

use super::grammar::{self, Form, Found, Tok};
use std::ops::Range;

/// The clauses of a sentence, as token ranges: split at `;` and at a comma followed by `and`, `but`,
/// `while` or `whereas`. The boundary tokens belong to no clause.
pub fn clauses(toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let width = if !t.word && t.lower == ";" {
            1
        } else if !t.word
            && t.lower == ","
            && toks.get(i + 1).is_some_and(|n| {
                n.word && matches!(n.lower.as_str(), "and" | "but" | "while" | "whereas")
            })
        {
            2
        } else {
            0
        };
        if width > 0 {
            if i > start {
                out.push(start..i);
            }
            start = i + width;
            i += width;
        } else {
            i += 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Which clause's attribution reaches each clause, given each clause's own attribution: its own,
/// else the nearest later one that looks back (inverted `said X`, `according to X`) over clauses
/// without one when that clause does not open with a quote (`opens_quote`), else the nearest earlier
/// one that looks forward (`X said`, `according to X`, relays) over clauses without one when no
/// clause from it on ends with a closed quote (`closed_quote`); `None` is the outlet's own voice.
pub fn reach(
    found: &[Option<Form>],
    opens_quote: &[bool],
    closed_quote: &[bool],
) -> Vec<Option<usize>> {
    let n = found.len();
    (0..n)
        .map(|k| {
            if found[k].is_some() {
                return Some(k);
            }
            let later = (k + 1..n).find(|&j| found[j].is_some());
            if let Some(j) = later {
                if matches!(found[j], Some(Form::Inverted | Form::According)) && !opens_quote[j] {
                    return Some(j);
                }
            }
            let earlier = (0..k).rev().find(|&j| found[j].is_some());
            earlier.filter(|&j| {
                matches!(
                    found[j],
                    Some(Form::Subject | Form::Relay | Form::According)
                ) && !closed_quote[j..k].iter().any(|&c| c)
            })
        })
        .collect()
}

/// True when the clause's first token opens a quotation.
pub fn starts_with_quote(toks: &[Tok]) -> bool {
    toks.first().is_some_and(grammar::is_quote_mark)
}

/// True when the clause's last token (commas aside) closes a quotation.
pub fn ends_with_quote(toks: &[Tok]) -> bool {
    toks.iter()
        .rev()
        .find(|t| t.word || t.lower != ",")
        .is_some_and(grammar::is_quote_mark)
}

/// The attribution found in each clause of `toks`.
pub fn found_per_clause(toks: &[Tok], clauses: &[Range<usize>]) -> Vec<Option<Found>> {
    clauses
        .iter()
        .map(|c| grammar::in_sentence(&toks[c.clone()]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let toks = grammar::tokenize(s, 0..s.len());
        clauses(&toks)
            .into_iter()
            .map(|c| s[toks[c.start].start..toks[c.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn clauses_split_at_semicolons_and_coordinating_commas() {
        assert_eq!(
            split("Rain fell on 3 towns, and the agency said 12 roads closed; schools shut"),
            vec![
                "Rain fell on 3 towns",
                "the agency said 12 roads closed",
                "schools shut"
            ]
        );
        assert_eq!(
            split("Floods hit 40 villages, while officials said 9 bridges fell"),
            vec!["Floods hit 40 villages", "officials said 9 bridges fell"]
        );
        // A comma alone, or "and" without a comma, joins.
        assert_eq!(
            split("Officials, who spoke on Monday, said 8 and 9 died"),
            vec!["Officials, who spoke on Monday, said 8 and 9 died"]
        );
    }

    #[test]
    fn attributions_reach_forward_and_back_but_not_across_a_closed_quote() {
        use Form::*;
        let no = [false, false];
        // own voice, then "X said": the first clause is the outlet's.
        assert_eq!(reach(&[None, Some(Subject)], &no, &no), vec![None, Some(1)]);
        // "…, said X" and "…, according to X" look back.
        assert_eq!(
            reach(&[None, Some(Inverted)], &no, &no),
            vec![Some(1), Some(1)]
        );
        assert_eq!(
            reach(&[None, Some(According)], &no, &no),
            vec![Some(1), Some(1)]
        );
        // "X said that …, and …": the reported words may go on.
        assert_eq!(
            reach(&[Some(Subject), None], &no, &no),
            vec![Some(0), Some(0)]
        );
        // …unless they were a closed quote.
        assert_eq!(
            reach(&[Some(Subject), None], &no, &[true, false]),
            vec![Some(0), None]
        );
        // Two sources in one sentence keep their own clauses.
        assert_eq!(
            reach(&[Some(Inverted), Some(Subject)], &no, &no),
            vec![Some(0), Some(1)]
        );
        // "…, and “…,” said X": X's words are the quote, not the clause before.
        assert_eq!(
            reach(&[None, Some(Inverted)], &[false, true], &no),
            vec![None, Some(1)]
        );
        // An inverted attribution looks back, never forward.
        assert_eq!(
            reach(&[Some(Inverted), None], &no, &no),
            vec![Some(0), None]
        );
    }
}
