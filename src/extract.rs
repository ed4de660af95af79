//! Sentences + quantities + rules → [`Claim`]s. For each sentence of a document's article text (site
//! chrome removed), the quantities are recognised once, counts and durations masked by placeholders, and the rules'
//! patterns run over the masked sentence (a `RegexSet` says which can match). Each quantity gets at most
//! one claim: the matching rule with the highest priority, then the tightest match. The claim's
//! subject, scope, modality, as-of date and attribution are read from the clause, the sentence and the
//! document.

use crate::attribution;
use crate::extraction::frames::{self, Reading};
use crate::extraction::other_event;
use crate::extraction::tokens::tokenize;
use crate::model::{Claim, Document, Modality, Quantity, Quote};
use crate::quantity;
use crate::rules::{RuleSet, QTY_CLOSE, QTY_OPEN};
use crate::segment::{self, LineIndex, Sentence};
use crate::subject::{self, DocumentContext};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What one document yields.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Claims in document order, ids `<doc>:c<n>`.
    pub claims: Vec<Claim>,
    /// Quotes in document order, ids `<doc>:q<n>`.
    pub quotes: Vec<Quote>,
}

impl Extraction {
    /// Moves the claims and quotes of document `old` to document `new` (ids `<old>:c1` become
    /// `<new>:c1`), for documents renamed after extraction because their id was taken.
    pub fn rename_document(&mut self, old: &str, new: &str) {
        let renamed = |id: &str| match id.strip_prefix(old) {
            Some(rest) => format!("{new}{rest}"),
            None => id.to_string(),
        };
        for c in &mut self.claims {
            c.id = renamed(&c.id);
            c.doc = new.to_string();
        }
        for q in &mut self.quotes {
            q.id = renamed(&q.id);
            q.doc = new.to_string();
        }
    }
}

/// The sentences of a document's article text: its body without site chrome (lines the rules' chrome
/// patterns match, and everything after a line that starts a chrome block).
pub fn content_sentences(doc: &Document, rules: &RuleSet) -> Vec<Sentence> {
    let mut out = Vec::new();
    let text = &doc.text;
    let mut pos = doc.body_start;
    let mut paragraph = 0;
    while pos < text.len() {
        let end = text[pos..]
            .find(['\n', '\r'])
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let line = text[pos..end].trim();
        if !line.is_empty() {
            if rules.chrome_blocks.is_match(line) {
                break;
            }
            if !rules.chrome_lines.is_match(line) {
                for mut s in segment::sentences(text, pos..end) {
                    s.paragraph = paragraph;
                    out.push(s);
                }
                paragraph += 1;
            }
        }
        pos = end;
    }
    out
}

/// Extracts the claims and quotes of one document.
pub fn extract_document(doc: &Document, rules: &RuleSet) -> Extraction {
    let sentences = content_sentences(doc, rules);
    let attribution = attribution::analyse(doc, &sentences, &rules.entities);
    let context = DocumentContext::new(rules, doc.title.as_deref(), doc.body());
    let lines = LineIndex::new(&doc.text);
    let mut claims: Vec<Claim> = Vec::new();
    // The kind and sentence of the claim before, for increments that add another tally.
    let mut previous: Option<(usize, usize)> = None;
    for (i, s) in sentences.iter().enumerate() {
        let sentence = &doc.text[s.start..s.end];
        // Relative dates ("yesterday", "on Tuesday") are read against a publication day only; a
        // figure a month- or year-dated document does not date itself is dated by that month or year.
        for found in claims_in_sentence(rules, sentence, &context, doc.exact_published()) {
            let start = s.start + found.quantity.start;
            let end = s.start + found.quantity.end;
            let mut quantity = found.quantity;
            quantity.start = start;
            quantity.end = end;
            if quantity.delta && adds_another_tally(rules, found.kind, previous, i) {
                quantity.delta = false;
            }
            previous = Some((found.kind, i));
            claims.push(Claim {
                id: format!("{}:c{}", doc.id, claims.len() + 1),
                doc: doc.id.clone(),
                kind: rules.kinds[found.kind].id.clone(),
                subject: found.subject,
                scope: found.scope,
                unit: rules.kinds[found.kind].unit.clone(),
                modality: found.modality,
                as_of: found.as_of.or(doc.published),
                as_of_precision: if found.as_of.is_some() {
                    crate::time::DatePrecision::Day
                } else {
                    doc.published_precision
                },
                rule: found.rule,
                place: found.place,
                quantity,
                attribution: attribution.source_at(i, start),
                span: lines.span(&doc.text, start, end),
                sentence: fold_space(sentence),
            });
        }
    }
    Extraction {
        claims,
        quotes: attribution.quotes,
    }
}

/// True when an increment of kind `kind` in sentence `sentence` follows, in that sentence or the one
/// before, a figure of another tally kind: "3,145 people were killed. Officials said another 4,589
/// people have been injured" counts other people (a count of the injured), not more injured.
fn adds_another_tally(
    rules: &RuleSet,
    kind: usize,
    previous: Option<(usize, usize)>,
    sentence: usize,
) -> bool {
    let is_tally = |k: usize| TALLY_KINDS.contains(&rules.kinds[k].id.as_str());
    previous.is_some_and(|(before, at)| {
        before != kind && is_tally(before) && is_tally(kind) && sentence - at <= 1
    })
}

/// A claim found in one sentence, before it gets its document ids and file position. Offsets of
/// `quantity` are relative to the sentence.
#[derive(Debug, Clone)]
pub struct SentenceClaim {
    /// Index into `RuleSet::kinds`.
    pub kind: usize,
    /// The id of the rule (`rules.toml`) or frame (`frame.<shape>`) that found it.
    pub rule: String,
    /// The figure in the kind's unit.
    pub quantity: Quantity,
    /// Subject id.
    pub subject: String,
    /// Scope id.
    pub scope: Option<String>,
    /// Modality.
    pub modality: Modality,
    /// As-of date (the sentence's own date, else `doc_date`).
    pub as_of: Option<crate::time::Date>,
    /// The place the figure is counted for (`places::Gazetteer::figure_place`); `None` for a subject
    /// the rules name, which carries its own place.
    pub place: Option<String>,
}

/// A sentence with its quantities masked.
struct Masked {
    text: String,
    quantities: Vec<Quantity>,
    /// Per quantity: its placeholder's range in `text` (None for non-claimable classes).
    placeholders: Vec<Option<Range<usize>>>,
    /// (masked start, masked end, original start, original end) per replaced quantity.
    anchors: Vec<(usize, usize, usize, usize)>,
}

impl Masked {
    fn new(sentence: &str, quantities: Vec<Quantity>) -> Masked {
        let mut text = String::with_capacity(sentence.len() + 8);
        let mut placeholders = Vec::with_capacity(quantities.len());
        let mut anchors = Vec::with_capacity(quantities.len());
        let mut last = 0;
        for (i, q) in quantities.iter().enumerate() {
            if q.start < last || q.end > sentence.len() {
                placeholders.push(None);
                continue;
            }
            // Dates, percentages and other non-claimable numbers stay as written, so that cues such
            // as "October 7" remain visible; `{qty}` can only match a placeholder.
            if !q.class.is_claimable() {
                placeholders.push(None);
                continue;
            }
            text.push_str(&sentence[last..q.start]);
            let m_start = text.len();
            text.push(QTY_OPEN);
            text.push_str(&i.to_string());
            text.push(QTY_CLOSE);
            placeholders.push(Some(m_start..text.len()));
            anchors.push((m_start, text.len(), q.start, q.end));
            last = q.end;
        }
        text.push_str(&sentence[last..]);
        Masked {
            text,
            quantities,
            placeholders,
            anchors,
        }
    }

    /// Maps a masked offset back to the sentence.
    fn to_original(&self, pos: usize) -> usize {
        let idx = self.anchors.partition_point(|a| a.0 <= pos);
        if idx == 0 {
            return pos;
        }
        let (_, me, os, oe) = self.anchors[idx - 1];
        if pos < me {
            os
        } else {
            oe + (pos - me)
        }
    }

    fn quantity_at(&self, placeholder: &str) -> Option<usize> {
        let digits = placeholder
            .trim_start_matches(QTY_OPEN)
            .trim_end_matches(QTY_CLOSE);
        digits.parse().ok()
    }
}

/// Where clauses end inside a sentence.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i);\s|:\s|\s[–—]\s|\s-\s|,\s+(?:while|but|whereas|although|though|as|and|after|before|when|since|with|adding|saying)\s|\s(?:while|whereas)\s|,\s+(?:according to)\s",
    )
    .expect("static regex")
});

fn clause_of(masked: &str, pos: usize) -> Range<usize> {
    let mut start = 0;
    for m in CLAUSE_BREAK.find_iter(masked) {
        if m.end() <= pos {
            start = m.end();
        } else if m.start() >= pos {
            return start..m.start();
        }
    }
    start..masked.len()
}

/// Finds the claims of one sentence. Used for documents and for the rules' inline examples.
pub fn claims_in_sentence(
    rules: &RuleSet,
    sentence: &str,
    context: &DocumentContext,
    doc_date: Option<crate::time::Date>,
) -> Vec<SentenceClaim> {
    let quantities = quantity::recognise(sentence);
    if !quantities.iter().any(|q| q.class.is_claimable()) {
        return Vec::new();
    }
    let masked = Masked::new(sentence, quantities);
    // What the sentence's figures share, computed once: which scope marks which figure, the dates the
    // sentence names, and (per clause) its place and modality cues.
    let scopes = ScopeMarks::new(rules, &masked);
    let mut dates: Option<Vec<crate::time::DateMention>> = None;
    let mut clause_places: Vec<(Range<usize>, Option<String>)> = Vec::new();
    let mut clause_cues: Vec<(Range<usize>, ClauseCues)> = Vec::new();
    // Best candidate per quantity: (priority, -match length, -rule order) → rule index.
    let mut best: Vec<Option<(i32, i64, i64, usize)>> = vec![None; masked.quantities.len()];
    // One pass of the pattern set says which patterns can match (the rules' word boundaries are ASCII,
    // so the set's lazy DFA runs even on text with curly quotes and the placeholder).
    for pattern in rules
        .pattern_set
        .matches(&masked.text)
        .into_iter()
        .map(|i| &rules.patterns[i])
    {
        let rule = &rules.rules[pattern.rule];
        let mut at = 0;
        while at <= masked.text.len() {
            let Some(caps) = pattern.regex.captures_at(&masked.text, at) else {
                break;
            };
            let (Some(whole), Some(q)) = (caps.get(0), caps.name("qty")) else {
                break;
            };
            at = q.end();
            let Some(qi) = masked.quantity_at(q.as_str()) else {
                continue;
            };
            let Some(quantity) = masked.quantities.get(qi) else {
                continue;
            };
            if !rule.classes.contains(&quantity.class) {
                continue;
            }
            let key = (
                rule.priority,
                -(whole.len() as i64),
                -(pattern.rule as i64),
                pattern.rule,
            );
            if best[qi].is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2)) {
                best[qi] = Some(key);
            }
        }
    }
    inherit_kind_for_parts(&masked, &scopes, &mut best);
    let mut choices: Vec<Option<Choice>> = best
        .iter()
        .map(|b| b.map(|(_, _, _, ri)| Choice::Rule(ri)))
        .collect();
    apply_frames(rules, &masked, &mut choices);
    let mut out = Vec::new();
    // (index in `out`, quantity index of the whole) of parts, and the `out` index per quantity.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut claimed: Vec<Option<usize>> = vec![None; choices.len()];
    for (qi, choice) in choices.iter().enumerate() {
        let Some(choice) = choice else {
            continue;
        };
        if let Choice::Frame {
            whole: Some(whole), ..
        } = choice
        {
            parts.push((out.len(), *whole));
        }
        claimed[qi] = Some(out.len());
        let Some(range) = masked.placeholders[qi].clone() else {
            continue;
        };
        let (kind_index, rule_id, forced_subject, forced_modality) = match choice {
            Choice::Rule(ri) => {
                let rule = &rules.rules[*ri];
                (
                    rule.kind,
                    rule.id.clone(),
                    rule.subject.clone(),
                    rule.modality,
                )
            }
            Choice::Frame { kind, shape, .. } => (*kind, format!("frame.{shape}"), None, None),
        };
        let (rate, past) = match choice {
            Choice::Frame { rate, past, .. } => (rate.clone(), *past),
            Choice::Rule(_) => (None, false),
        };
        let kind = &rules.kinds[kind_index];
        let Some(quantity) = to_kind_unit(&masked.quantities[qi], &kind.unit, kind.tolerance)
        else {
            continue;
        };
        let clause = clause_of(&masked.text, range.start);
        let subject = match forced_subject {
            Some(s) => s,
            None => subject::resolve(
                rules,
                kind_index,
                &masked.text,
                range.clone(),
                clause.clone(),
                context,
            ),
        };
        let original_clause = masked.to_original(clause.start)..masked.to_original(clause.end);
        let figure = masked.quantities[qi].start..masked.quantities[qi].end;
        let scope = other_event::other_event_of(
            sentence,
            &masked.quantities,
            figure,
            original_clause.clone(),
            doc_date,
        )
        .map(|year| format!("other-event-{year}"))
        .or_else(|| {
            // A named earlier event a figure is compared with ("deadlier than Hurricane Katrina,
            // which killed 1,800"); dated ones are read above.
            let figure = masked.quantities[qi].start..masked.quantities[qi].end;
            crate::events::other_event_marker(sentence, figure, doc_date.map(|d| d.year))
                .filter(|label| is_named_event(label))
                .map(|label| format!("other-event-{label}"))
        })
        .or(rate)
        .or_else(|| scopes.scope_of(qi, rules.is_named_subject(&subject)));
        let modality = forced_modality.unwrap_or_else(|| {
            let cues = match clause_cues.iter().position(|(c, _)| *c == clause) {
                Some(k) => &clause_cues[k].1,
                None => {
                    let cues = ClauseCues::new(rules, &masked.text, clause.clone());
                    clause_cues.push((clause.clone(), cues));
                    &clause_cues[clause_cues.len() - 1].1
                }
            };
            match cues.modality(&kind.id, &range) {
                // "Hamas released two women, the first hostages to be freed": the verb's tense
                // says what happened, whatever plan the clause also mentions.
                Modality::Planned | Modality::Proposed if past => Modality::Reported,
                m => m,
            }
        });
        // The place the figure is counted for (see `places::DocumentPlaces`), once per clause; a
        // subject the rules name carries its own place (`gaza-palestinians`), so its figures need none.
        let place = if rules.is_named_subject(&subject) {
            None
        } else {
            match clause_places.iter().find(|(c, _)| *c == original_clause) {
                Some((_, place)) => place.clone(),
                None => {
                    let place = sentence.get(original_clause.clone()).and_then(|clause| {
                        crate::places::Gazetteer::embedded().figure_place(&context.places, clause)
                    });
                    clause_places.push((original_clause.clone(), place.clone()));
                    place
                }
            }
        };
        let dates = dates.get_or_insert_with(|| crate::time::find_dates(sentence));
        let as_of = crate::time::sentence_as_of_among(sentence, dates, original_clause, doc_date)
            .or(doc_date);
        out.push(SentenceClaim {
            kind: kind_index,
            rule: rule_id,
            quantity,
            subject,
            scope,
            modality,
            as_of,
            place,
        });
    }
    // A part shares its whole's modality ("Israel is to release 1,700 …, and around 250 …").
    for (part, whole) in parts {
        if let Some(w) = claimed.get(whole).copied().flatten() {
            if out[part].modality != Modality::Denied {
                out[part].modality = out[w].modality;
            }
        }
    }
    out
}

/// True for a label that names an event ("hurricane-katrina", "camp-fire"): several words, no digit
/// (dated events are read by `other_event`), and not a date ("october").
fn is_named_event(label: &str) -> bool {
    label.contains('-')
        && !label.chars().any(|c| c.is_ascii_digit())
        && label.split('-').all(|w| crate::lexicon::month(w).is_none())
}

/// Who claims a figure: a rule of `rules.toml` (index) or a frame of the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Choice {
    Rule(usize),
    Frame {
        /// Index into `RuleSet::kinds`.
        kind: usize,
        /// The frame's shape, for the claim's rule id.
        shape: &'static str,
        /// The rate scope, when the figure is a rate.
        rate: Option<String>,
        /// True when a past or perfect verb makes the figure a count of what happened.
        past: bool,
        /// For a part, the quantity index of its whole.
        whole: Option<usize>,
    },
}

/// Runs the frame grammar over the masked sentence: a frame's kind replaces a pattern's for the same
/// figure (the frame has read the figure's own noun and verb), and an earlier figure ("up from 55")
/// or a figure the grammar knows is no claim ("three prisoners for every hostage") is claimed by
/// nobody.
fn apply_frames(rules: &RuleSet, masked: &Masked, choices: &mut [Option<Choice>]) {
    if rules.frames.is_empty() {
        return;
    }
    let tokens = tokenize(&masked.text);
    for frame in frames::find(&rules.frames, &tokens, &masked.quantities) {
        let Some(slot) = choices.get_mut(frame.quantity) else {
            continue;
        };
        match frame.reading {
            Reading::Earlier | Reading::NoClaim => *slot = None,
            Reading::Claim {
                kind,
                shape,
                rate,
                past,
                whole,
            } => {
                if let Some(kind) = rules.kinds.iter().position(|k| k.id == kind) {
                    *slot = Some(Choice::Frame {
                        kind,
                        shape,
                        rate,
                        past,
                        whole,
                    });
                }
            }
        }
    }
}

/// Largest gap (bytes of masked text) between a figure and a part of it ("killing 50 people, including
/// 20 children").
const PART_DISTANCE: usize = 100;

/// A figure that no rule claims but that a scope marks as a part ("including 20 children", "30 of them
/// children") takes the kind and rule of the nearest claimed figure before it in the sentence.
fn inherit_kind_for_parts(
    masked: &Masked,
    scopes: &ScopeMarks,
    best: &mut [Option<(i32, i64, i64, usize)>],
) {
    for qi in 0..best.len() {
        if best[qi].is_some() || scopes.scope_of(qi, false).is_none() {
            continue;
        }
        let Some(here) = masked.placeholders[qi].clone() else {
            continue;
        };
        let whole = (0..qi).rev().find_map(|qj| {
            let there = masked.placeholders[qj].clone()?;
            let choice = best[qj]?;
            let between = masked.text.get(there.end..here.start)?;
            (between.len() <= PART_DISTANCE && !between.contains([';', '.', ':'])).then_some(choice)
        });
        if let Some((priority, len, order, rule)) = whole {
            best[qi] = Some((priority, len, order, rule));
        }
    }
}

/// Converts a quantity to the kind's unit: durations to days or hours, counts as they are. Returns
/// `None` when the quantity cannot be a figure of that unit (a 45-minute call is no truce).
fn to_kind_unit(q: &Quantity, unit: &str, tolerance: f64) -> Option<Quantity> {
    let q = quantity::with_tolerance(q, tolerance);
    let from = q.unit.as_deref().unwrap_or("");
    let factor = match (unit, from) {
        ("days", "days") | ("hours", "hours") => 1.0,
        ("days", "hours") => 1.0 / 24.0,
        ("days", "weeks") => 7.0,
        ("days", "months") => 30.0,
        ("hours", "days") => 24.0,
        ("hours", "weeks") => 168.0,
        ("days" | "hours", _) => return None,
        (_, "") => return Some(q),
        _ => return None,
    };
    Some(q.scaled(factor, unit))
}

/// Which figures each scope of the rules marks in one masked sentence ("including 20 children"),
/// found by one run of every scope pattern over the sentence.
struct ScopeMarks<'r> {
    /// Per scope of `RuleSet::scopes`, in order: its id, whether it only applies to unnamed subjects,
    /// and the quantity indexes its patterns' `{qty}` captured.
    marks: Vec<(&'r str, bool, Vec<usize>)>,
}

impl<'r> ScopeMarks<'r> {
    fn new(rules: &'r RuleSet, masked: &Masked) -> ScopeMarks<'r> {
        let marks = rules
            .scopes
            .iter()
            .map(|scope| {
                let mut marked = Vec::new();
                for p in &scope.patterns {
                    let mut at = 0;
                    while at <= masked.text.len() {
                        let Some(caps) = p.captures_at(&masked.text, at) else {
                            break;
                        };
                        let Some(q) = caps.name("qty") else { break };
                        at = q.end();
                        marked.extend(masked.quantity_at(q.as_str()));
                    }
                }
                (scope.id.as_str(), scope.unnamed_subjects_only, marked)
            })
            .collect();
        ScopeMarks { marks }
    }

    /// The first scope (in rules order) marking figure `qi`; scopes for unnamed subjects only are
    /// skipped when the figure's subject is named.
    fn scope_of(&self, qi: usize, named_subject: bool) -> Option<String> {
        self.marks
            .iter()
            .filter(|(_, unnamed_only, _)| !(named_subject && *unnamed_only))
            .find(|(_, _, marked)| marked.contains(&qi))
            .map(|(id, _, _)| id.to_string())
    }
}

/// Kinds that are tallies of what happened to people: a forecast of one is `projected`, not a plan.
const TALLY_KINDS: [&str; 4] = ["killed", "wounded", "missing", "displaced"];

/// The modality cues of one clause, found once for all the figures of the clause.
struct ClauseCues {
    /// True when a denial cue is anywhere in the clause.
    denied: bool,
    /// Every cue match: (order of its modality in `RuleSet::modalities`, the modality, its byte range
    /// in the masked sentence).
    found: Vec<(usize, Modality, Range<usize>)>,
}

impl ClauseCues {
    fn new(rules: &RuleSet, masked: &str, clause: Range<usize>) -> ClauseCues {
        let text = &masked[clause.clone()];
        let denied = rules
            .modalities
            .iter()
            .filter(|(m, _)| *m == Modality::Denied)
            .any(|(_, cues)| cues.patterns.iter().any(|c| c.is_match(text)));
        let mut found = Vec::new();
        if !denied {
            for (order, (modality, cues)) in rules.modalities.iter().enumerate() {
                for cue in &cues.patterns {
                    for m in cue.find_iter(text) {
                        found.push((
                            order,
                            *modality,
                            clause.start + m.start()..clause.start + m.end(),
                        ));
                    }
                }
            }
        }
        ClauseCues { denied, found }
    }

    /// The modality of a figure of kind `kind` at `qty`: `denied` when a denial cue is anywhere in its
    /// clause, else the modality whose cue in the clause is nearest the figure, `reported` when no cue
    /// is there. For a tally, a plan or proposal ("could top", "is expected to rise to") is a
    /// projection.
    fn modality(&self, kind: &str, qty: &Range<usize>) -> Modality {
        if self.denied {
            return Modality::Denied;
        }
        let mut best: Option<(usize, usize, Modality)> = None;
        for (order, modality, at) in &self.found {
            let d = subject::gap(at, qty);
            if best.is_none_or(|b| (d, *order) < (b.0, b.1)) {
                best = Some((d, *order, *modality));
            }
        }
        let tally = TALLY_KINDS.contains(&kind);
        match best.map(|b| b.2).unwrap_or(Modality::Reported) {
            Modality::Proposed | Modality::Planned if tally => Modality::Projected,
            Modality::Projected if !tally => Modality::Proposed,
            m => m,
        }
    }
}

/// Folds runs of white space into one space and trims.
pub fn fold_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The masked text and quantities of a sentence, for the frame grammar's unit tests.
#[cfg(test)]
pub(crate) fn mask_for_tests(sentence: &str) -> (String, Vec<Quantity>) {
    let m = Masked::new(sentence, quantity::recognise(sentence));
    (m.text, m.quantities)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_contrast_and_semicolons() {
        let s = "at least 50 will be freed, while dozens more could be released; talks go on";
        let c = clause_of(s, 10);
        assert_eq!(&s[c], "at least 50 will be freed");
        let c = clause_of(s, 40);
        assert_eq!(&s[c], "dozens more could be released");
    }

    #[test]
    fn masking_maps_offsets_back() {
        let sentence = "killed 1,200 people on 7 October";
        let qs = vec![
            Quantity {
                start: 7,
                end: 12,
                text: "1,200".into(),
                class: crate::model::QuantityClass::Count,
                stated: Some(1200.0),
                qualifier: crate::model::Qualifier::Exact,
                lo: Some(1200.0),
                hi: Some(1200.0),
                soft_lo: None,
                soft_hi: None,
                unit: None,
                delta: false,
            },
            Quantity {
                start: 23,
                end: 32,
                text: "7 October".into(),
                class: crate::model::QuantityClass::Date,
                stated: None,
                qualifier: crate::model::Qualifier::Exact,
                lo: None,
                hi: None,
                soft_lo: None,
                soft_hi: None,
                unit: None,
                delta: false,
            },
        ];
        let m = Masked::new(sentence, qs);
        assert_eq!(
            m.text,
            format!("killed {QTY_OPEN}0{QTY_CLOSE} people on 7 October")
        );
        assert_eq!(m.to_original(0), 0);
        let people = m.text.find("people").unwrap_or(0);
        assert_eq!(m.to_original(people), sentence.find("people").unwrap_or(1));
        assert_eq!(m.to_original(m.text.len()), sentence.len());
    }
}

#[cfg(test)]
mod document_tests {
    use super::*;

    fn claims(text: &str) -> Vec<Claim> {
        let rules = RuleSet::embedded().expect("embedded rules");
        let text = format!("+++\npublished = 2025-04-03\n+++\n{text}\n");
        let (doc, _) = crate::corpus::parse_document_with(
            "t.txt",
            "t",
            text.as_bytes(),
            crate::corpus::TextEncoding::Utf8,
        )
        .expect("a document");
        extract_document(&doc, &rules).claims
    }

    #[test]
    fn another_tally_after_a_toll_is_a_count_more_of_the_same_is_an_increment() {
        let c = claims(
            "The earthquake killed 3,145 people. Officials said another 4,589 people have been injured.",
        );
        let injured = c.iter().find(|c| c.kind == "wounded").expect("the injured");
        assert!(!injured.quantity.delta, "{c:#?}");
        let c =
            claims("The earthquake killed 3,145 people. Another 40 people were killed on Friday.");
        let more = c
            .iter()
            .find(|c| c.quantity.stated == Some(40.0))
            .expect("the 40");
        assert!(more.quantity.delta, "{c:#?}");
    }

    #[test]
    fn a_hurricanes_floods_are_the_hurricanes_event() {
        // flood, storm and landslide are one family: the document's type (storm) names the subject.
        let c = claims(
            "Hurricane Helene made landfall on Thursday as a powerful storm. At least 30 people died in flooding, officials said.",
        );
        let subjects: Vec<&str> = c.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(subjects, vec!["storm"], "{c:#?}");
    }
}
