//! Terminal tables (comfy-table) for people: the findings of `check` (one block per finding: verdict,
//! kind and subject, then each source's figure as written with its outlet, date, source and line), the
//! claims of `extract`, and the quantities of `quantities`. Laid out for a width (100 columns by
//! default, the terminal's width from the binary; see [`super::layout`]) without breaking a date, a
//! number or a path. Article text is stripped of control characters and escape sequences before it
//! reaches the terminal.

use super::layout::{fitted_table, Column};
use crate::compare::format_number;
use crate::model::{Claim, Document, Finding, Quantity, Quote};
use crate::pipeline::Analysis;
use std::collections::BTreeMap;

/// Width the tables are laid out for when no width is given (pipes, files, CI).
pub const WIDTH: u16 = super::layout::DEFAULT_WIDTH;

/// Most rows a finding's table shows per agreement set (and quotes per quote finding). A tally that
/// thousands of articles repeat would otherwise fill screens; the rest is counted in one row, and the
/// JSON, JSONL and CSV formats list every claim.
pub const ROWS_PER_SET: usize = 8;

/// Removes ANSI escape sequences and control characters (except none: newlines become spaces), so that
/// article text cannot move the cursor, recolour or rewrite a terminal.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                // CSI: ESC [ params final; OSC: ESC ] … BEL or ESC \; other: ESC + one char.
                match chars.peek() {
                    Some('[') => {
                        chars.next();
                        for n in chars.by_ref() {
                            if ('\u{40}'..='\u{7e}').contains(&n) {
                                break;
                            }
                        }
                    }
                    Some(']') => {
                        chars.next();
                        while let Some(n) = chars.next() {
                            if n == '\u{7}' {
                                break;
                            }
                            if n == '\u{1b}' {
                                chars.next();
                                break;
                            }
                        }
                    }
                    _ => {
                        chars.next();
                    }
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn interval(q: &Quantity) -> String {
    match (q.lo, q.hi) {
        (Some(lo), Some(hi)) if lo == hi => format_number(lo),
        (lo, hi) => format!(
            "{}–{}",
            lo.map(format_number).unwrap_or_else(|| "…".into()),
            hi.map(format_number).unwrap_or_else(|| "…".into())
        ),
    }
}

fn source_of(c: &Claim) -> String {
    match (&c.attribution.as_written, &c.attribution.party) {
        (Some(w), Some(p)) => format!("{} [{p}]", sanitize(w)),
        (Some(w), None) => sanitize(w),
        _ => "—".into(),
    }
}

fn location(doc: Option<&Document>, line: usize) -> String {
    let path = doc.map(|d| d.path.as_str()).unwrap_or("?");
    format!("{}:{line}", sanitize(path))
}

fn outlet(doc: Option<&Document>, fallback: &str) -> String {
    sanitize(doc.and_then(|d| d.outlet.as_deref()).unwrap_or(fallback))
}

/// The findings of `check` as text, ending with the one-line summary: figures first, then a quotes
/// section.
pub fn render_check(a: &Analysis) -> String {
    render_check_colored(a, false)
}

/// As [`render_check`], with verdict headings coloured by severity (ANSI) when `color` is true.
pub fn render_check_colored(a: &Analysis, color: bool) -> String {
    render_check_for(a, color, WIDTH)
}

/// As [`render_check_colored`], with tables laid out for `width` columns.
pub fn render_check_for(a: &Analysis, color: bool, width: u16) -> String {
    let docs: BTreeMap<&str, &Document> = a.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let claims: BTreeMap<&str, &Claim> = a.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let quotes: BTreeMap<&str, &Quote> = a.quotes.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut out = String::new();
    for f in a.findings.iter().filter(|f| f.kind != "quote") {
        out.push_str(&finding_heading(f, color));
        out.push('\n');
        out.push_str(&claim_block(f, &claims, &docs, width));
        out.push_str("\n\n");
    }
    let quote_findings: Vec<&Finding> = a.findings.iter().filter(|f| f.kind == "quote").collect();
    if !quote_findings.is_empty() {
        out.push_str("Quotes\n\n");
    }
    for f in quote_findings {
        out.push_str(&finding_heading(f, color));
        out.push('\n');
        out.push_str(&quote_block(f, &quotes, &docs, width));
        out.push_str("\n\n");
    }
    out.push_str(&super::summary_line(a));
    out.push('\n');
    out
}

fn finding_heading(f: &Finding, color: bool) -> String {
    let scope = super::place_label(f)
        + &f.scope
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
    let undated = if f.undated { " · undated source" } else { "" };
    let verdict = f.verdict.as_str().to_uppercase();
    let verdict = if color {
        let code = match f.severity {
            crate::model::Severity::Error => "1;31",
            crate::model::Severity::Warning => "1;33",
            crate::model::Severity::Info => "1;34",
        };
        format!("\u{1b}[{code}m{verdict}\u{1b}[0m")
    } else {
        verdict
    };
    format!(
        "{} {} ({}) · {} · {}{}{}",
        f.id,
        verdict,
        f.severity.as_str(),
        f.kind,
        sanitize(&f.subject),
        scope,
        undated
    )
}

fn claim_block(
    f: &Finding,
    claims: &BTreeMap<&str, &Claim>,
    docs: &BTreeMap<&str, &Document>,
    width: u16,
) -> String {
    let mut rows = Vec::new();
    for (n, set) in f.sets.iter().enumerate() {
        for id in set.claims.iter().take(ROWS_PER_SET) {
            let Some(c) = claims.get(id.as_str()) else {
                continue;
            };
            let doc = docs.get(c.doc.as_str()).copied();
            rows.push(vec![
                format!("{}", n + 1),
                sanitize(&c.quantity.text),
                interval(&c.quantity),
                outlet(doc, &c.doc),
                as_of(c),
                source_of(c),
                location(doc, c.span.line),
            ]);
        }
        if let Some(mut row) = more_row(set.claims.len(), "claims", 7) {
            row[0] = format!("{}", n + 1);
            rows.push(row);
        }
    }
    use Column::{Path, Prose, Tokens};
    fitted_table(
        &super::CLAIM_COLUMNS,
        &[Tokens, Tokens, Tokens, Prose, Tokens, Prose, Path],
        rows,
        width,
    )
    .to_string()
}

/// A claim's as-of date as precisely as it is known (`2023-11-09`, `2023-09`), or `undated`.
fn as_of(c: &Claim) -> String {
    c.as_of
        .map(|d| c.as_of_precision.format(d))
        .unwrap_or_else(|| "undated".into())
}

/// The row that stands for what [`ROWS_PER_SET`] left out, `columns` cells wide: "… and 12 more
/// claims" in the second cell. None when nothing was left out.
fn more_row(total: usize, what: &str, columns: usize) -> Option<Vec<String>> {
    let hidden = total.checked_sub(ROWS_PER_SET).filter(|&h| h > 0)?;
    let mut row = vec![String::new(); columns];
    let noun = format!("more {}", what.trim_end_matches('s'));
    row[1.min(columns - 1)] = format!(
        "… and {} (--format json lists all)",
        super::plural(hidden, &noun)
    );
    Some(row)
}

fn quote_block(
    f: &Finding,
    quotes: &BTreeMap<&str, &Quote>,
    docs: &BTreeMap<&str, &Document>,
    width: u16,
) -> String {
    let mut rows = Vec::new();
    for id in f.quotes.iter().take(ROWS_PER_SET) {
        let Some(q) = quotes.get(id.as_str()) else {
            continue;
        };
        let doc = docs.get(q.doc.as_str()).copied();
        let speaker = match (&q.speaker.as_written, &q.speaker.entity) {
            (Some(w), Some(e)) => format!("{} ({e})", sanitize(w)),
            (Some(w), None) => sanitize(w),
            (None, Some(e)) => e.clone(),
            _ => "—".into(),
        };
        rows.push(vec![
            format!("“{}”", sanitize(&q.text)),
            speaker,
            outlet(doc, &q.doc),
            location(doc, q.span.line),
        ]);
    }
    if let Some(mut row) = more_row(f.quotes.len(), "quotes", 4) {
        row.swap(0, 1);
        rows.push(row);
    }
    use Column::{Path, Prose};
    fitted_table(
        &["quote", "speaker", "outlet", "where"],
        &[Prose, Prose, Prose, Path],
        rows,
        width,
    )
    .to_string()
}

/// The claims of `extract` as a table.
pub fn render_claims(a: &Analysis) -> String {
    render_claims_for(a, WIDTH)
}

/// The claims of `extract` as a table laid out for `width` columns.
pub fn render_claims_for(a: &Analysis, width: u16) -> String {
    let docs: BTreeMap<&str, &Document> = a.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut rows = Vec::new();
    for c in &a.claims {
        let doc = docs.get(c.doc.as_str()).copied();
        let subject = match &c.scope {
            Some(s) => format!("{} [{s}]", c.subject),
            None => c.subject.clone(),
        };
        rows.push(vec![
            location(doc, c.span.line),
            c.kind.clone(),
            sanitize(&subject),
            sanitize(&c.quantity.text),
            interval(&c.quantity),
            c.modality.as_str().to_string(),
            as_of(c),
            source_of(c),
        ]);
    }
    use Column::{Path, Prose, Tokens};
    let t = fitted_table(
        &[
            "claim", "kind", "subject", "figure", "range", "modality", "as of", "source",
        ],
        &[Path, Tokens, Tokens, Tokens, Tokens, Tokens, Tokens, Prose],
        rows,
        width,
    );
    format!(
        "{t}\n{}, {}\n",
        super::plural(a.documents.len(), "document"),
        super::plural(a.claims.len(), "claim")
    )
}

/// Recognised quantities as a table (`factdiff quantities`).
pub fn render_quantities(text: &str, quantities: &[Quantity]) -> String {
    render_quantities_for(text, quantities, WIDTH)
}

/// Recognised quantities as a table laid out for `width` columns.
pub fn render_quantities_for(text: &str, quantities: &[Quantity], width: u16) -> String {
    let lines = crate::segment::LineIndex::new(text);
    let mut rows = Vec::new();
    for q in quantities {
        let (line, col) = lines.line_col(text, q.start);
        let soft = Quantity {
            lo: q.soft_lo,
            hi: q.soft_hi,
            ..q.clone()
        };
        rows.push(vec![
            format!("{line}:{col}"),
            sanitize(&q.text),
            q.class.as_str().to_string(),
            q.qualifier.as_str().to_string(),
            q.stated.map(format_number).unwrap_or_else(|| "—".into()),
            interval(q),
            interval(&soft),
            q.unit.clone().unwrap_or_default() + if q.delta { " (delta)" } else { "" },
        ]);
    }
    use Column::{Prose, Tokens};
    let t = fitted_table(
        &[
            "where",
            "text",
            "class",
            "qualifier",
            "stated",
            "hard",
            "soft",
            "unit",
        ],
        &[Tokens, Prose, Tokens, Tokens, Tokens, Tokens, Tokens, Prose],
        rows,
        width,
    );
    format!("{t}\n{}\n", super::plural(quantities.len(), "quantity"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_longer_than_the_limit_shows_the_limit_and_counts_the_rest() {
        assert_eq!(more_row(ROWS_PER_SET, "claims", 7), None);
        let row = more_row(ROWS_PER_SET + 12, "claims", 7).expect("a row for the rest");
        assert_eq!(row.len(), 7);
        assert_eq!(row[1], "… and 12 more claims (--format json lists all)");
        let row = more_row(ROWS_PER_SET + 1, "claims", 7).expect("a row for the rest");
        assert_eq!(row[1], "… and 1 more claim (--format json lists all)");
    }

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("a\u{7}b\nc\u{202e}d"), "ab cd");
    }
}
