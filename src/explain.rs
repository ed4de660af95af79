//! `factdiff explain ID`: one finding, its sources side by side. For each claim: the outlet, file, line
//! and as-of date, the rule that matched, the sentence with the figure underlined, the hard and soft
//! intervals and who gave the figure; then, in words, why the verdict follows. Quote findings show each
//! quote with its speaker. Pure text; article text is sanitised for the terminal.

use crate::compare::format_number;
use crate::model::{AgreementSet, Claim, Document, Finding, Verdict};
use crate::pipeline::Analysis;
use crate::report::table::sanitize;
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// Characters of context shown on each side of a figure.
const CONTEXT: usize = 60;

/// The explanation of finding `id` (in any letter case: `f1a2b3c4d` is `F1a2b3c4d`), or `None` when no
/// finding has that id.
pub fn render(a: &Analysis, rules: &RuleSet, id: &str) -> Option<String> {
    let id = id.trim();
    let f = a.findings.iter().find(|f| f.id.eq_ignore_ascii_case(id))?;
    let docs: BTreeMap<&str, &Document> = a.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let claims: BTreeMap<&str, &Claim> = a.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = format!(
        "{} {} ({}) · {} · {}{}\n{}\n",
        f.id,
        f.verdict.as_str(),
        f.severity.as_str(),
        f.kind,
        sanitize(&f.subject),
        sanitize(&crate::report::place_label(f))
            + &f.scope
                .as_ref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default(),
        sanitize(&f.summary)
    );
    if f.kind == "quote" {
        for qid in &f.quotes {
            if let Some(q) = a.quotes.iter().find(|q| &q.id == qid) {
                let doc = docs.get(q.doc.as_str()).copied();
                out.push_str(&format!(
                    "\n  {} — {}:{}:{}\n    “{}”\n    speaker: {} (entity {}, party {}), channel {}\n",
                    sanitize(doc.and_then(|d| d.outlet.as_deref()).unwrap_or(&q.doc)),
                    sanitize(doc.map(|d| d.path.as_str()).unwrap_or("?")),
                    q.span.line,
                    q.span.column,
                    sanitize(&q.text),
                    sanitize(q.speaker.as_written.as_deref().unwrap_or("unknown")),
                    q.speaker.entity.as_deref().unwrap_or("unknown"),
                    q.speaker.party.as_deref().unwrap_or("unknown"),
                    q.channel.as_str()
                ));
            }
        }
        out.push_str(&format!("\nwhy: {}\n", quote_reason(f.verdict)));
        return Some(out);
    }
    for (n, set) in f.sets.iter().enumerate() {
        out.push_str(&format!("\nset {} — {}\n", n + 1, set_range(set)));
        for cid in &set.claims {
            let Some(c) = claims.get(cid.as_str()) else {
                continue;
            };
            let doc = docs.get(c.doc.as_str()).copied();
            out.push_str(&claim_block(c, doc));
        }
    }
    out.push_str(&format!("\nwhy: {}\n", reason(f, rules)));
    Some(out)
}

fn claim_block(c: &Claim, doc: Option<&Document>) -> String {
    let outlet = doc.and_then(|d| d.outlet.as_deref()).unwrap_or(&c.doc);
    let path = doc.map(|d| d.path.as_str()).unwrap_or("?");
    let (line, underline) = doc
        .map(|d| excerpt(&d.text, c.quantity.start, c.quantity.end))
        .unwrap_or_default();
    let source = match (
        &c.attribution.as_written,
        &c.attribution.entity,
        &c.attribution.party,
    ) {
        (Some(w), e, p) => format!(
            "{} (entity {}, party {})",
            sanitize(w),
            e.as_deref().unwrap_or("unknown"),
            p.as_deref().unwrap_or("unknown")
        ),
        _ => "not attributed".into(),
    };
    format!(
        "  {} — {}:{}:{} — as of {} — rule {}\n    | {}\n    | {}\n    figure: “{}” {} · hard {} · soft {} · {}\n    source: {}\n",
        sanitize(outlet),
        sanitize(path),
        c.span.line,
        c.span.column,
        c.as_of.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        c.rule,
        line,
        underline,
        sanitize(&c.quantity.text),
        c.quantity.qualifier.as_str(),
        interval(c.quantity.lo, c.quantity.hi),
        interval(c.quantity.soft_lo, c.quantity.soft_hi),
        c.modality.as_str(),
        source
    )
}

/// The line around `start..end`, clipped to a window of context, and a caret underline below the figure.
fn excerpt(text: &str, start: usize, end: usize) -> (String, String) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let line_start = text[..start]
        .rfind(['\n', '\r'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    let before: Vec<char> = text[line_start..start].chars().collect();
    let figure = sanitize(&text[start..end]);
    let after: Vec<char> = text[end..line_end].chars().collect();
    let clip_before = before.len() > CONTEXT;
    let before: String = before[before.len().saturating_sub(CONTEXT)..]
        .iter()
        .collect();
    let clip_after = after.len() > CONTEXT;
    let after: String = after[..after.len().min(CONTEXT)].iter().collect();
    let before = format!(
        "{}{}",
        if clip_before { "…" } else { "" },
        sanitize(&before)
    );
    let after = format!("{}{}", sanitize(&after), if clip_after { "…" } else { "" });
    let underline = format!(
        "{}{}",
        " ".repeat(before.chars().count()),
        "^".repeat(figure.chars().count().max(1))
    );
    (format!("{before}{figure}{after}"), underline)
}

fn interval(lo: Option<f64>, hi: Option<f64>) -> String {
    format!(
        "[{}, {}]",
        lo.map(format_number).unwrap_or_else(|| "-∞".into()),
        hi.map(format_number).unwrap_or_else(|| "∞".into())
    )
}

fn set_range(s: &AgreementSet) -> String {
    format!(
        "low {}, best {}, high {}{}",
        s.low.map(format_number).unwrap_or_else(|| "—".into()),
        s.best.map(format_number).unwrap_or_else(|| "—".into()),
        s.high.map(format_number).unwrap_or_else(|| "—".into()),
        s.as_of.map(|d| format!(", as of {d}")).unwrap_or_default()
    )
}

fn reason(f: &Finding, rules: &RuleSet) -> String {
    let kind = rules.kind(&f.kind);
    let window = kind.map(|k| k.window_days).unwrap_or(0);
    let tolerance = kind.map(|k| k.tolerance).unwrap_or(0.0);
    let undated = if f.undated {
        " A source has no date, so it was compared with every date and the severity is one step lower."
    } else {
        ""
    };
    let text = match f.verdict {
        Verdict::Conflict => format!(
            "the figures refer to dates at most {window} days apart, so they should agree, but no single \
             value lies in all of their intervals: the sets above are disjoint, and they come from the \
             same party or from unattributed sources."
        ),
        Verdict::Disputed => "the figures refer to the same time and their intervals are disjoint, but each set \
             comes from a different party: a dispute between parties, not a reporting error."
            .to_string(),
        Verdict::Tension => "the words allow a common value (the hard intervals overlap), but the usual \
             journalistic readings (soft intervals: a round number's rounding step, \"more than\" up to \
             the next step) do not overlap."
            .to_string(),
        Verdict::Regression => format!(
            "{} is a cumulative tally that should not fall. Each set above is one date's consensus (the \
             figures most sources gave that date); the first is the highest so far, and on each later \
             date the highest value the consensus allows is below the lowest value of the first by more \
             than the tolerance ({:.0}%).",
            f.kind,
            tolerance * 100.0
        ),
        Verdict::Evolution => "the figures refer to different dates and change the way this kind may change \
             (across slices of time, each set is one date's consensus: the figures most sources gave that date)."
            .to_string(),
        Verdict::Misattribution | Verdict::Misquote => quote_reason(f.verdict).to_string(),
    };
    format!("{text}{undated}")
}

fn quote_reason(v: Verdict) -> &'static str {
    match v {
        Verdict::Misattribution => "the same words are attributed to speakers that are neither the same person or organisation nor members of one another.",
        _ => "one speaker is quoted with nearly the same words, but a number, a negation or a noun differs.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlines_the_figure_with_clipped_context() {
        let text = "first line\nA bomb killed 18 people in the square.\nlast";
        let start = text.find("18").unwrap_or(0);
        let (line, under) = excerpt(text, start, start + 2);
        assert_eq!(line, "A bomb killed 18 people in the square.");
        assert_eq!(under, format!("{}^^", " ".repeat(14)));
        let long = format!("{}42{}", "x".repeat(200), "y".repeat(200));
        let (line, under) = excerpt(&long, 200, 202);
        assert!(line.starts_with('…') && line.ends_with('…'));
        assert_eq!(under.trim_start(), "^^");
        assert_eq!(under.len() - 2, CONTEXT + 1);
    }
}
