//! The validated, compiled rule set: kinds, extraction rules, subjects, scopes, modality cues, chrome
//! patterns and entities, with every regex compiled once: at load time, or on first use for the
//! embedded default rules ([`LazyRegex`]). Loading goes `rules.toml` text → [`spec::RulesSpec`] (serde,
//! spans kept) → [`RuleSet`]; every error names the key, the id and the line:column in the file with a
//! caret under it.
//!
//! Patterns run over a *masked* sentence in which each count or duration is replaced by a placeholder
//! `\u{E000}<n>\u{E001}` (its index); other numbers (dates, percentages, …) stay as written. In
//! a pattern, `{qty}` stands for the claim's quantity, `{q}` for any quantity, `{w:N}` for up to N words
//! that are not quantities, and `{name}` for the `[vocab]` fragment `name`. All patterns are
//! case-insensitive.

mod lazy;
pub mod spec;

use crate::entity::{fold, Entity, EntityTable};
use crate::error::Error;
use crate::model::{Modality, QuantityClass};
use crate::segment::LineIndex;
use lazy::{
    ascii_word_boundaries, build_regex, check_syntax, Compile, SetLimits, REGEX_SIZE_LIMIT,
};
pub use lazy::{LazyRegex, LazyRegexSet};
use spec::RulesSpec;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// The default rules, embedded in the binary.
pub const DEFAULT_RULES: &str = include_str!("../../rules.toml");

/// Marks the start of a masked quantity.
pub const QTY_OPEN: char = '\u{E000}';
/// Marks the end of a masked quantity.
pub const QTY_CLOSE: char = '\u{E001}';

/// How a kind's figures may move over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Cumulative tallies: a later figure should not be lower.
    NonDecreasing,
    /// Stocks that only fall.
    NonIncreasing,
    /// Figures that may move either way.
    None,
}

/// A claim kind.
#[derive(Debug, Clone)]
pub struct Kind {
    /// `killed`, `truce.duration`, …
    pub id: String,
    /// `people`, `days`, `trucks`.
    pub unit: String,
    /// Relative tolerance for approximate figures.
    pub tolerance: f64,
    /// Claims at most this many days apart are simultaneous.
    pub window_days: i64,
    /// How the figures may move over time.
    pub trend: Trend,
}

/// An extraction rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id.
    pub id: String,
    /// Index into [`RuleSet::kinds`].
    pub kind: usize,
    /// Higher wins when rules compete for a quantity.
    pub priority: i32,
    /// Forced modality.
    pub modality: Option<Modality>,
    /// Forced subject.
    pub subject: Option<String>,
    /// Quantity classes the rule accepts.
    pub classes: Vec<QuantityClass>,
    /// Inline examples.
    pub examples: Vec<Example>,
    /// Line of the rule in the rules file.
    pub line: usize,
}

/// An inline example of a rule.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Expected figures, in order.
    pub expect: Vec<f64>,
    /// Expected subject of each claim.
    pub subject: Option<String>,
    /// Expected modality of each claim.
    pub modality: Option<String>,
    /// Expected scope of each claim.
    pub scope: Option<String>,
    /// Line of the example in the rules file.
    pub line: usize,
}

/// A compiled pattern of a rule.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// The regex (it has a `qty` group).
    pub regex: LazyRegex,
}

/// A named subject.
#[derive(Debug, Clone)]
pub struct Subject {
    /// The id, possibly with `{country}`.
    pub id: String,
    /// Kind indexes it applies to.
    pub kinds: Vec<usize>,
    /// Cue regexes.
    pub cues: Vec<LazyRegex>,
    /// Tie-breaker.
    pub priority: i32,
    /// The places of the subject's event: it applies only in documents naming one of them, or none
    /// (see [`Subject::applies_in`]). Empty: everywhere.
    pub places: Vec<crate::places::PlaceId>,
}

impl Subject {
    /// True when the subject may be chosen in a document that names the places `named` (countries
    /// and regions, see [`crate::places::DocumentPlaces::context`]).
    pub fn applies_in(&self, named: &rustc_hash::FxHashSet<crate::places::PlaceId>) -> bool {
        self.places.is_empty() || named.is_empty() || self.places.iter().any(|p| named.contains(p))
    }
}

/// A named regex group of cues (event types, scopes, modalities).
#[derive(Debug, Clone)]
pub struct CueGroup {
    /// The id.
    pub id: String,
    /// The regexes.
    pub patterns: Vec<LazyRegex>,
}

/// A scope: a part of a subject.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The id (`children`).
    pub id: String,
    /// Only for subjects the rules do not name.
    pub unnamed_subjects_only: bool,
    /// Regexes with a `qty` group.
    pub patterns: Vec<LazyRegex>,
}

/// An event type for subjects the rules do not name.
#[derive(Debug, Clone)]
pub struct EventType {
    /// The id (`earthquake`).
    pub id: String,
    /// The family (`violence`), if any.
    pub family: Option<String>,
    /// The cue regexes.
    pub patterns: Vec<LazyRegex>,
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Where the rules came from (a path, or `<embedded rules.toml>`).
    pub origin: String,
    /// Claim kinds.
    pub kinds: Vec<Kind>,
    /// Extraction rules.
    pub rules: Vec<Rule>,
    /// All rules' patterns.
    pub patterns: Vec<Pattern>,
    /// The same patterns as one set, to find quickly which may match a sentence.
    pub pattern_set: LazyRegexSet,
    /// Named subjects.
    pub subjects: Vec<Subject>,
    /// Event types for unnamed subjects.
    pub event_types: Vec<EventType>,
    /// Every subject cue, then every event-type pattern, in rules order, as one set: a document is
    /// scanned once to learn which cues occur in it at all (see [`RuleSet::document_cues_present`]).
    pub document_cues: LazyRegexSet,
    /// Scopes.
    pub scopes: Vec<Scope>,
    /// Modality cues (a `reported` group marks past-tense counts such as "were released"); the cue
    /// nearest the figure wins, ties going to the group listed first.
    pub modalities: Vec<(Modality, CueGroup)>,
    /// Country id, demonym, and the regex naming it.
    pub nationalities: Vec<(String, String, LazyRegex)>,
    /// Whole-line chrome.
    pub chrome_lines: LazyRegexSet,
    /// Lines that start a chrome block running to the end.
    pub chrome_blocks: LazyRegexSet,
    /// Speakers and sources.
    pub entities: EntityTable,
    /// The frame grammar's word lists (`[frames]`).
    pub frames: crate::extraction::lexicon::FrameLexicon,
}

/// Maps spans of the rules file to errors with line, column and a caret excerpt.
struct Source<'a> {
    origin: &'a str,
    text: &'a str,
    lines: LineIndex,
}

impl Source<'_> {
    fn error(
        &self,
        span: std::ops::Range<usize>,
        key: &str,
        id: Option<&str>,
        message: impl Into<String>,
    ) -> Error {
        let (line, column) = self.lines.line_col(self.text, span.start);
        let line_text = self.text.lines().nth(line - 1).unwrap_or("");
        let excerpt = format!(
            "{line:>5} | {}\n      | {}^",
            crate::error::printable(line_text),
            " ".repeat(column.saturating_sub(1))
        );
        Error::Rules(Box::new(crate::error::RulesError {
            path: self.origin.to_string(),
            line,
            column,
            key: Some(key.to_string()).filter(|k| !k.is_empty()),
            id: id.map(str::to_string),
            message: message.into(),
            excerpt: Some(excerpt),
        }))
    }

    fn line(&self, span: std::ops::Range<usize>) -> usize {
        self.lines.line_col(self.text, span.start).0
    }
}

impl RuleSet {
    /// The embedded default rules.
    pub fn embedded() -> Result<RuleSet, Error> {
        RuleSet::parse(DEFAULT_RULES, "<embedded rules.toml>")
    }

    /// Parses and compiles a rules file's text; `origin` names it in errors. Every error is reported
    /// here. The regexes of the embedded default text are compiled on first use (see [`LazyRegex`]).
    pub fn parse(text: &str, origin: &str) -> Result<RuleSet, Error> {
        match compile_time(text) {
            Compile::Now => RuleSet::parse_with(text, origin, Compile::Now),
            // An error (only a broken embedded file has one) is reported as a full compile reports it.
            Compile::OnFirstUse => RuleSet::parse_with(text, origin, Compile::OnFirstUse)
                .or_else(|_| RuleSet::parse_with(text, origin, Compile::Now)),
        }
    }

    fn parse_with(text: &str, origin: &str, when: Compile) -> Result<RuleSet, Error> {
        let source = Source {
            origin,
            text,
            lines: LineIndex::new(text),
        };
        let spec: RulesSpec = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().to_string();
            source.error(span, "", None, message)
        })?;
        compile(&spec, &source, when)
    }

    /// True when `subject` is one the rules name (a `[[subject]]` id, templates included).
    pub fn is_named_subject(&self, subject: &str) -> bool {
        self.subjects.iter().any(|s| {
            if let Some((head, tail)) = s.id.split_once('{') {
                let tail = tail.split_once('}').map(|(_, t)| t).unwrap_or("");
                subject.starts_with(head) && subject.ends_with(tail)
            } else {
                s.id == subject
            }
        })
    }

    /// The kind with this id.
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The index of the kind with this id.
    pub fn kind_index(&self, id: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.id == id)
    }

    /// Which of the subject cues and event-type patterns occur in any of `texts`: one flag per cue,
    /// subjects' cues first, then event types' patterns, in rules order (the order of
    /// [`RuleSet::document_cues`]). A cue flagged false has no match in any text, so counting its matches
    /// can be skipped.
    pub fn document_cues_present(&self, texts: &[&str]) -> Vec<bool> {
        let mut present = vec![false; self.document_cues.patterns().len()];
        for text in texts {
            for i in self.document_cues.matches(text).iter() {
                present[i] = true;
            }
        }
        present
    }

    /// The country id and demonym that `word` names ("French" → france, french).
    pub fn nationality_of(&self, word: &str) -> Option<(String, String)> {
        let word = word.trim();
        self.nationalities
            .iter()
            .find(|(_, _, re)| re.is_match(word))
            .map(|(c, d, _)| (c.clone(), d.clone()))
    }
}

/// When to compile the regexes of `text`: on first use for the embedded default rules in a release
/// build (their syntax is checked at load time, and the test `the_embedded_rules_compile_eagerly`
/// compiles them all with every check), at load time for any other text, and always in a debug build,
/// so that a rule author running `cargo run -- rules test` on an edited `rules.toml` gets every error at
/// load time.
fn compile_time(text: &str) -> Compile {
    if text == DEFAULT_RULES && !cfg!(debug_assertions) {
        Compile::OnFirstUse
    } else {
        Compile::Now
    }
}

/// Validates and compiles a parsed rules file: version, vocabulary, then each table in turn.
fn compile(spec: &RulesSpec, src: &Source, when: Compile) -> Result<RuleSet, Error> {
    check_version(spec, src)?;
    let vocab = expand_vocab(spec, src)?;
    let cx = Context {
        src,
        vocab: &vocab,
        when,
    };
    let (kinds, kind_index) = compile_kinds(spec, src)?;
    let kinds_known = Kinds {
        index: &kind_index,
        src,
    };
    let (rules, patterns) = compile_rules(spec, &cx, &kinds, &kinds_known)?;
    let pattern_set = pattern_set(&patterns, src, when)?;
    let subjects = compile_subjects(spec, &cx, &kinds_known)?;
    let event_types = compile_event_types(spec, &cx)?;
    let document_cues = document_cue_set(&subjects, &event_types, src, when)?;
    Ok(RuleSet {
        origin: src.origin.to_string(),
        kinds,
        rules,
        patterns,
        pattern_set,
        subjects,
        event_types,
        document_cues,
        scopes: compile_scopes(spec, &cx)?,
        modalities: compile_modalities(spec, &cx)?,
        nationalities: compile_nationalities(spec, src, when)?,
        chrome_lines: compile_set(&spec.chrome.lines, src, "chrome.lines", when)?,
        chrome_blocks: compile_set(&spec.chrome.blocks, src, "chrome.blocks", when)?,
        entities: compile_entities(spec, src)?,
        frames: compile_frames(spec, src)?,
    })
}

/// The `[frames]` lexicon; an unknown family name is reported at the table's line.
fn compile_frames(
    spec: &RulesSpec,
    src: &Source,
) -> Result<crate::extraction::lexicon::FrameLexicon, Error> {
    crate::extraction::lexicon::FrameLexicon::new(&spec.frames).map_err(|m| {
        let at = src.text.find("[frames").unwrap_or(0);
        src.error(at..at, "frames", None, m)
    })
}

/// What compiling a table's patterns needs: the file (for errors), the expanded vocabulary and when
/// to compile regexes.
struct Context<'a> {
    src: &'a Source<'a>,
    vocab: &'a BTreeMap<String, String>,
    when: Compile,
}

impl Context<'_> {
    /// [`compile_cues`] with this context.
    fn cues(
        &self,
        cues: &[Spanned<String>],
        key: &str,
        owner: &str,
    ) -> Result<Vec<LazyRegex>, Error> {
        compile_cues(cues, self.vocab, self.src, key, owner, self.when)
    }
}

/// The declared kinds by id, to resolve the kind names other tables give.
struct Kinds<'a> {
    index: &'a BTreeMap<String, usize>,
    src: &'a Source<'a>,
}

impl Kinds<'_> {
    /// The index of kind `name`, given under `key` by `owner`; an error naming both when undeclared.
    fn of(&self, name: &Spanned<String>, key: &str, owner: &str) -> Result<usize, Error> {
        self.index.get(name.get_ref()).copied().ok_or_else(|| {
            self.src.error(
                name.span(),
                key,
                Some(owner),
                format!(
                    "unknown kind `{}`; declare it in a [[kind]] table",
                    name.get_ref()
                ),
            )
        })
    }
}

/// Only version 1 (or no version) is read.
fn check_version(spec: &RulesSpec, src: &Source) -> Result<(), Error> {
    match spec.version {
        Some(v) if v != 1 => Err(src.error(
            0..0,
            "version",
            None,
            format!("unsupported version {v}; this factdiff reads version 1"),
        )),
        _ => Ok(()),
    }
}

/// The `[[kind]]` tables, and each kind's index by id (ids are unique).
fn compile_kinds(
    spec: &RulesSpec,
    src: &Source,
) -> Result<(Vec<Kind>, BTreeMap<String, usize>), Error> {
    let mut kinds = Vec::new();
    let mut kind_index = BTreeMap::new();
    for k in &spec.kinds {
        let id = k.get_ref().id.get_ref();
        if kind_index.insert(id.clone(), kinds.len()).is_some() {
            return Err(src.error(
                k.get_ref().id.span(),
                "kind.id",
                Some(id),
                "duplicate kind id",
            ));
        }
        kinds.push(compile_kind(k.get_ref(), src)?);
    }
    Ok((kinds, kind_index))
}

/// One kind: tolerance in [0, 1) (default 0.05), a window of days not negative (default 2), a trend.
fn compile_kind(k: &spec::KindSpec, src: &Source) -> Result<Kind, Error> {
    let id = k.id.get_ref().clone();
    let tolerance = match &k.tolerance {
        Some(t) if !(0.0..1.0).contains(t.get_ref()) => {
            return Err(src.error(
                t.span(),
                "kind.tolerance",
                Some(&id),
                "tolerance must be at least 0 and below 1",
            ))
        }
        Some(t) => *t.get_ref(),
        None => 0.05,
    };
    let window_days = match &k.window_days {
        Some(w) if *w.get_ref() < 0 => {
            return Err(src.error(
                w.span(),
                "kind.window_days",
                Some(&id),
                "window_days must not be negative",
            ))
        }
        Some(w) => *w.get_ref(),
        None => 2,
    };
    let trend = match k.trend.as_ref().map(|t| (t.get_ref().as_str(), t.span())) {
        None | Some(("none", _)) => Trend::None,
        Some(("non-decreasing", _)) => Trend::NonDecreasing,
        Some(("non-increasing", _)) => Trend::NonIncreasing,
        Some((other, span)) => {
            return Err(src.error(
                span,
                "kind.trend",
                Some(&id),
                format!("unknown trend `{other}`; expected non-decreasing, non-increasing or none"),
            ))
        }
    };
    Ok(Kind {
        id,
        unit: k.unit.get_ref().clone(),
        tolerance,
        window_days,
        trend,
    })
}

/// The `[[rule]]` tables (ids unique) and all their patterns, in order.
fn compile_rules(
    spec: &RulesSpec,
    cx: &Context,
    kinds: &[Kind],
    known: &Kinds,
) -> Result<(Vec<Rule>, Vec<Pattern>), Error> {
    let mut rules = Vec::new();
    let mut patterns = Vec::new();
    let mut rule_ids = BTreeSet::new();
    for r in &spec.rules {
        let rs = r.get_ref();
        let id = rs.id.get_ref().clone();
        if !rule_ids.insert(id.clone()) {
            return Err(cx
                .src
                .error(rs.id.span(), "rule.id", Some(&id), "duplicate rule id"));
        }
        let kind = known.of(&rs.kind, "rule.kind", &id)?;
        for regex in rule_patterns(r, cx, &id)? {
            patterns.push(Pattern {
                rule: rules.len(),
                regex,
            });
        }
        rules.push(Rule {
            kind,
            priority: rs.priority.unwrap_or(0),
            modality: rule_modality(rs, cx.src, &id)?,
            subject: rs.subject.as_ref().map(|s| s.get_ref().clone()),
            classes: rule_classes(rs, &kinds[kind], cx.src, &id)?,
            examples: rule_examples(rs, cx.src),
            line: cx.src.line(r.span()),
            id,
        });
    }
    Ok((rules, patterns))
}

/// A rule's patterns, expanded and compiled: at least one, each with a `{qty}`.
fn rule_patterns(
    r: &Spanned<spec::RuleSpec>,
    cx: &Context,
    id: &str,
) -> Result<Vec<LazyRegex>, Error> {
    let rs = r.get_ref();
    if rs.patterns.is_empty() {
        return Err(cx.src.error(
            r.span(),
            "rule.patterns",
            Some(id),
            "a rule needs at least one pattern",
        ));
    }
    let mut out = Vec::new();
    for p in &rs.patterns {
        let expanded = expand_pattern(p, cx.vocab, cx.src, "rule.patterns", id)?;
        if !expanded.contains("(?P<qty>") {
            return Err(cx.src.error(
                p.span(),
                "rule.patterns",
                Some(id),
                "pattern has no {qty} placeholder",
            ));
        }
        let regex = LazyRegex::new(&expanded, cx.when)
            .map_err(|m| cx.src.error(p.span(), "rule.patterns", Some(id), m))?;
        out.push(regex);
    }
    Ok(out)
}

/// The modality a rule sets, if any.
fn rule_modality(rs: &spec::RuleSpec, src: &Source, id: &str) -> Result<Option<Modality>, Error> {
    let Some(m) = &rs.modality else {
        return Ok(None);
    };
    parse_modality(m.get_ref()).map(Some).ok_or_else(|| {
        src.error(
            m.span(),
            "rule.modality",
            Some(id),
            "modality must be reported, planned, proposed, projected or denied",
        )
    })
}

/// The quantity classes a rule claims: as given (count or duration), else durations for a kind in
/// days or hours and counts otherwise.
fn rule_classes(
    rs: &spec::RuleSpec,
    kind: &Kind,
    src: &Source,
    id: &str,
) -> Result<Vec<QuantityClass>, Error> {
    let Some(list) = &rs.classes else {
        return Ok(if kind.unit == "days" || kind.unit == "hours" {
            vec![QuantityClass::Duration]
        } else {
            vec![QuantityClass::Count]
        });
    };
    list.iter()
        .map(|c| match c.get_ref().as_str() {
            "count" => Ok(QuantityClass::Count),
            "duration" => Ok(QuantityClass::Duration),
            other => Err(src.error(
                c.span(),
                "rule.classes",
                Some(id),
                format!("class `{other}` cannot make claims; use count or duration"),
            )),
        })
        .collect()
}

/// A rule's inline examples, with their lines.
fn rule_examples(rs: &spec::RuleSpec, src: &Source) -> Vec<Example> {
    rs.examples
        .iter()
        .map(|e| Example {
            text: e.get_ref().text.clone(),
            expect: e.get_ref().expect.clone(),
            subject: e.get_ref().subject.clone(),
            modality: e.get_ref().modality.clone(),
            scope: e.get_ref().scope.clone(),
            line: src.line(e.span()),
        })
        .collect()
}

/// The `[[subject]]` tables; a subject id with `{country}` needs a country group in every cue.
fn compile_subjects(spec: &RulesSpec, cx: &Context, known: &Kinds) -> Result<Vec<Subject>, Error> {
    let mut subjects = Vec::new();
    for s in &spec.subjects {
        let ss = s.get_ref();
        let id = ss.id.get_ref().clone();
        let kinds_of = ss
            .kinds
            .iter()
            .map(|k| known.of(k, "subject.kinds", &id))
            .collect::<Result<Vec<_>, Error>>()?;
        let cues = cx.cues(&ss.cues, "subject.cues", &id)?;
        if cx.when == Compile::Now && !country_groups_present(&id, &cues) {
            return Err(cx.src.error(ss.id.span(), "subject.cues", Some(&id), "a subject id with {country} needs a (?P<country>…) group, e.g. {nationality}, in every cue"));
        }
        let gazetteer = crate::places::Gazetteer::embedded();
        let places = ss
            .places
            .iter()
            .map(|p| {
                gazetteer.by_id(p.get_ref()).ok_or_else(|| {
                    cx.src.error(
                        p.span(),
                        "subject.places",
                        Some(&id),
                        format!(
                            "unknown place id {:?}: use a gazetteer id such as \"turkey\" or \"turkey/hatay\" (data/places)",
                            p.get_ref()
                        ),
                    )
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        subjects.push(Subject {
            id,
            kinds: kinds_of,
            cues,
            priority: ss.priority.unwrap_or(0),
            places,
        });
    }
    Ok(subjects)
}

/// The `[[event_type]]` tables.
fn compile_event_types(spec: &RulesSpec, cx: &Context) -> Result<Vec<EventType>, Error> {
    spec.event_types
        .iter()
        .map(|e| {
            let id = e.get_ref().id.get_ref().clone();
            let patterns = cx.cues(&e.get_ref().cues, "event_type.cues", &id)?;
            Ok(EventType {
                id,
                family: e.get_ref().family.clone(),
                patterns,
            })
        })
        .collect()
}

/// The `[[scope]]` tables; every scope pattern needs `{qty}`.
fn compile_scopes(spec: &RulesSpec, cx: &Context) -> Result<Vec<Scope>, Error> {
    spec.scopes
        .iter()
        .map(|e| {
            let id = e.get_ref().id.get_ref().clone();
            let patterns = cx.cues(&e.get_ref().patterns, "scope.patterns", &id)?;
            if patterns.iter().any(|p| !p.as_str().contains("(?P<qty>")) {
                return Err(cx.src.error(
                    e.span(),
                    "scope.patterns",
                    Some(&id),
                    "every scope pattern needs {qty}",
                ));
            }
            Ok(Scope {
                id,
                unnamed_subjects_only: e.get_ref().unnamed_subjects_only,
                patterns,
            })
        })
        .collect()
}

/// The `[[modality]]` cue groups, each id a modality.
fn compile_modalities(spec: &RulesSpec, cx: &Context) -> Result<Vec<(Modality, CueGroup)>, Error> {
    let mut modalities = Vec::new();
    for m in &spec.modalities {
        let ms = m.get_ref();
        let id = ms.id.get_ref();
        let Some(modality) = parse_modality(id) else {
            return Err(cx.src.error(
                ms.id.span(),
                "modality.id",
                Some(id),
                "modality id must be reported, planned, proposed, projected or denied",
            ));
        };
        let patterns = cx.cues(&ms.cues, "modality.cues", id)?;
        modalities.push((
            modality,
            CueGroup {
                id: id.clone(),
                patterns,
            },
        ));
    }
    Ok(modalities)
}

/// The `[nationality]` table: country id, demonym and a regex of the words naming it.
fn compile_nationalities(
    spec: &RulesSpec,
    src: &Source,
    when: Compile,
) -> Result<Vec<(String, String, LazyRegex)>, Error> {
    let mut nationalities = Vec::new();
    for (country, n) in &spec.nationality {
        let regex = LazyRegex::new(&format!(r"^(?:{})$", n.get_ref().words), when)
            .map_err(|m| src.error(n.span(), "nationality", Some(country), m))?;
        nationalities.push((country.clone(), n.get_ref().demonym.clone(), regex));
    }
    Ok(nationalities)
}

fn compile_entities(spec: &RulesSpec, src: &Source) -> Result<EntityTable, Error> {
    let mut ids = BTreeMap::new();
    for e in &spec.entities {
        let es = e.get_ref();
        if ids.insert(es.id.get_ref().clone(), es.id.span()).is_some() {
            return Err(src.error(
                es.id.span(),
                "entity.id",
                Some(es.id.get_ref()),
                "duplicate entity id",
            ));
        }
    }
    let mut entities = Vec::new();
    for e in &spec.entities {
        let es = e.get_ref();
        let id = es.id.get_ref().clone();
        let mut member_of = Vec::new();
        for m in &es.member_of {
            if m.get_ref() == &id {
                return Err(src.error(
                    m.span(),
                    "entity.member_of",
                    Some(&id),
                    "an entity cannot be a member of itself",
                ));
            }
            if !ids.contains_key(m.get_ref()) {
                return Err(src.error(
                    m.span(),
                    "entity.member_of",
                    Some(&id),
                    format!("unknown entity `{}`", m.get_ref()),
                ));
            }
            member_of.push(m.get_ref().clone());
        }
        let entity_type = es
            .entity_type
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_else(|| "organisation".into());
        if !matches!(entity_type.as_str(), "person" | "organisation" | "outlet") {
            let span = es.entity_type.as_ref().map(|t| t.span()).unwrap_or(0..0);
            return Err(src.error(
                span,
                "entity.type",
                Some(&id),
                "type must be person, organisation or outlet",
            ));
        }
        if es.names.is_empty() {
            return Err(src.error(
                e.span(),
                "entity.names",
                Some(&id),
                "an entity needs at least one name",
            ));
        }
        entities.push(Entity {
            id,
            party: es.party.get_ref().clone(),
            entity_type,
            aliases: es.names.iter().map(|n| fold(n.get_ref())).collect(),
            member_of,
        });
    }
    let table = EntityTable::new(entities);
    // A cycle in member_of would make an entity a member of itself.
    for e in &spec.entities {
        let id = e.get_ref().id.get_ref();
        if in_member_of_cycle(&table, id) {
            return Err(src.error(
                e.get_ref().id.span(),
                "entity.member_of",
                Some(id),
                "member_of forms a cycle back to this entity",
            ));
        }
    }
    Ok(table)
}

/// True when following `member_of` from `id` leads back to `id`. (`EntityTable::ancestors` leaves the
/// entity itself out of its answer, so it cannot tell.)
fn in_member_of_cycle(table: &EntityTable, id: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = vec![id];
    while let Some(cur) = stack.pop() {
        let Some(e) = table.get(cur) else { continue };
        for m in &e.member_of {
            if m == id {
                return true;
            }
            if seen.insert(m.as_str()) {
                stack.push(m.as_str());
            }
        }
    }
    false
}

fn parse_modality(s: &str) -> Option<Modality> {
    Modality::ALL.into_iter().find(|m| m.as_str() == s)
}

/// The set of all rule patterns, to find quickly which may match a sentence (their syntax is checked:
/// they are the patterns' own text).
fn pattern_set(patterns: &[Pattern], src: &Source, when: Compile) -> Result<LazyRegexSet, Error> {
    let limits = SetLimits {
        size: REGEX_SIZE_LIMIT * 8,
        dfa: Some(REGEX_SIZE_LIMIT * 8),
    };
    let texts = patterns
        .iter()
        .map(|p| p.regex.as_str().to_string())
        .collect();
    LazyRegexSet::new(texts, limits, when).map_err(|e| {
        src.error(
            0..0,
            "rule.patterns",
            None,
            format!("the rules' patterns together are too large: {e}"),
        )
    })
}

/// The set of [`RuleSet::document_cues`]: the cues' own pattern texts (already checked or compiled).
fn document_cue_set(
    subjects: &[Subject],
    event_types: &[EventType],
    src: &Source,
    when: Compile,
) -> Result<LazyRegexSet, Error> {
    let limits = SetLimits {
        size: REGEX_SIZE_LIMIT * 8,
        dfa: Some(REGEX_SIZE_LIMIT * 8),
    };
    let texts = subjects
        .iter()
        .flat_map(|s| &s.cues)
        .chain(event_types.iter().flat_map(|e| &e.patterns))
        .map(|c| c.as_str().to_string())
        .collect();
    LazyRegexSet::new(texts, limits, when).map_err(|e| {
        src.error(
            0..0,
            "subject.cues",
            None,
            format!("the subjects' cues and event types' patterns together are too large: {e}"),
        )
    })
}

/// False when a subject id with `{country}` or `{demonym}` has a cue without a `country` group. Needs
/// the cues compiled.
fn country_groups_present(id: &str, cues: &[LazyRegex]) -> bool {
    !(id.contains("{country}") || id.contains("{demonym}"))
        || cues
            .iter()
            .all(|c| c.capture_names().any(|n| n == Some("country")))
}

fn compile_cues(
    cues: &[Spanned<String>],
    vocab: &BTreeMap<String, String>,
    src: &Source,
    key: &str,
    id: &str,
    when: Compile,
) -> Result<Vec<LazyRegex>, Error> {
    cues.iter()
        .map(|c| {
            let expanded = expand_pattern(c, vocab, src, key, id)?;
            LazyRegex::new(&expanded, when).map_err(|m| src.error(c.span(), key, Some(id), m))
        })
        .collect()
}

/// A set of whole-line patterns (`^(?:…)$`); each pattern is first checked alone, so that an error
/// names the pattern's line.
fn compile_set(
    list: &[Spanned<String>],
    src: &Source,
    key: &str,
    when: Compile,
) -> Result<LazyRegexSet, Error> {
    let texts: Vec<String> = list
        .iter()
        .map(|p| format!("^(?:{})$", p.get_ref()))
        .collect();
    for (p, text) in list.iter().zip(&texts) {
        check_line_pattern(p.get_ref(), text, when)
            .map_err(|m| src.error(p.span(), key, None, m))?;
    }
    let limits = SetLimits {
        size: REGEX_SIZE_LIMIT * 4,
        dfa: None,
    };
    LazyRegexSet::new(texts, limits, when).map_err(|e| src.error(0..0, key, None, e))
}

/// Checks a whole-line pattern before it joins a set: with [`Compile::Now`] compiles it alone, else
/// checks the syntax of the pattern and of its anchored form `whole`.
fn check_line_pattern(pattern: &str, whole: &str, when: Compile) -> Result<(), String> {
    match when {
        Compile::Now => build_regex(pattern).map(drop),
        Compile::OnFirstUse => {
            check_syntax(&ascii_word_boundaries(pattern)).and_then(|()| check_syntax(whole))
        }
    }
}

/// Expands `{name}` references between vocab entries (to a depth of 8).
fn expand_vocab(spec: &RulesSpec, src: &Source) -> Result<BTreeMap<String, String>, Error> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let raw: BTreeMap<String, (String, std::ops::Range<usize>)> = spec
        .vocab
        .iter()
        .map(|(k, v)| (k.clone(), (v.get_ref().clone(), v.span())))
        .collect();
    // The nationality words form the built-in `{nationality}` fragment.
    let nationality = spec
        .nationality
        .values()
        .map(|v| v.get_ref().words.as_str())
        .collect::<Vec<_>>()
        .join("|");
    for (name, (value, span)) in &raw {
        let mut cur = value.clone();
        for _ in 0..8 {
            let next = substitute(&cur, &|n| {
                if n == "nationality" {
                    return Some(format!("(?:{nationality})"));
                }
                raw.get(n).map(|(v, _)| format!("(?:{v})"))
            })
            .map_err(|m| src.error(span.clone(), "vocab", Some(name), m))?;
            if next == cur {
                break;
            }
            cur = next;
        }
        if has_macro(&cur) {
            return Err(src.error(
                span.clone(),
                "vocab",
                Some(name),
                "vocabulary references nest too deeply or form a cycle",
            ));
        }
        out.insert(name.clone(), cur);
    }
    out.insert("nationality".into(), format!("(?P<country>{nationality})"));
    Ok(out)
}

fn has_macro(s: &str) -> bool {
    substitute(s, &|_| None).is_err()
}

/// Replaces `{name}` macros (a brace followed by a letter) using `lookup`; `{2,3}` repetitions stay.
fn substitute(pattern: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(pos) = rest.find('{') {
        // `\{`, and the braces of `\x{…}`, `\p{…}` and `\P{…}`, are regex syntax.
        let bytes = rest.as_bytes();
        let escaped = (pos > 0 && bytes[pos - 1] == b'\\')
            || (pos > 1 && bytes[pos - 2] == b'\\' && matches!(bytes[pos - 1], b'x' | b'p' | b'P'));
        let after = &rest[pos + 1..];
        let starts_name = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if escaped || !starts_name {
            out.push_str(&rest[..=pos]);
            rest = after;
            continue;
        }
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{pattern}`"))?;
        let name = &after[..close];
        out.push_str(&rest[..pos]);
        match lookup(name) {
            Some(v) => out.push_str(&v),
            None => {
                return Err(format!(
                    "unknown placeholder `{{{name}}}`; define it under [vocab]"
                ))
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn expand_pattern(
    p: &Spanned<String>,
    vocab: &BTreeMap<String, String>,
    src: &Source,
    key: &str,
    id: &str,
) -> Result<String, Error> {
    let mut qty_seen = 0;
    let result = substitute(p.get_ref(), &|name| {
        if name == "qty" {
            return Some(format!("(?P<qty>{QTY_OPEN}[0-9]+{QTY_CLOSE})"));
        }
        if name == "q" {
            return Some(format!("(?:{QTY_OPEN}[0-9]+{QTY_CLOSE})"));
        }
        if let Some(n) = name.strip_prefix("w:") {
            let n: u32 = n.parse().ok()?;
            return Some(format!(r"(?:[^\s{QTY_OPEN}.;:]+\s+){{0,{n}}}"));
        }
        vocab.get(name).map(|v| format!("(?:{v})"))
    })
    .map_err(|m| src.error(p.span(), key, Some(id), m))?;
    for _ in result.matches("(?P<qty>") {
        qty_seen += 1;
    }
    if qty_seen > 1 {
        return Err(src.error(
            p.span(),
            key,
            Some(id),
            "a pattern may hold {qty} only once",
        ));
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[vocab]
people = "people|persons"

[[kind]]
id = "killed"
unit = "people"
trend = "non-decreasing"

[[rule]]
id = "killed.basic"
kind = "killed"
patterns = ['{qty} {people} (?:were )?killed']
"#;

    #[test]
    fn compiles_a_minimal_file() {
        let rs = RuleSet::parse(MINIMAL, "t.toml").expect("valid rules");
        assert_eq!(rs.rules.len(), 1);
        assert_eq!(rs.kinds[0].trend, Trend::NonDecreasing);
        let masked = format!("{QTY_OPEN}0{QTY_CLOSE} people were killed");
        assert!(rs.patterns[0].regex.is_match(&masked));
    }

    #[test]
    fn unknown_kind_names_rule_and_line() {
        let text = MINIMAL.replace("kind = \"killed\"\npatterns", "kind = \"kiled\"\npatterns");
        let err = RuleSet::parse(&text, "t.toml").expect_err("unknown kind");
        let msg = err.to_string();
        assert!(msg.starts_with("t.toml:12:8:"), "{msg}");
        assert!(
            msg.contains("killed.basic") && msg.contains("unknown kind `kiled`"),
            "{msg}"
        );
    }

    #[test]
    fn bad_regex_and_unknown_key_are_errors_with_lines() {
        let text = MINIMAL.replace("(?:were )?killed", "(?:were killed");
        let msg = RuleSet::parse(&text, "t.toml")
            .expect_err("bad regex")
            .to_string();
        assert!(
            msg.contains("t.toml:13:") && msg.contains("bad regex"),
            "{msg}"
        );
        let text = MINIMAL.replace("trend =", "trnd =");
        let msg = RuleSet::parse(&text, "t.toml")
            .expect_err("unknown key")
            .to_string();
        assert!(msg.contains("t.toml:8:") && msg.contains("trnd"), "{msg}");
    }

    #[test]
    fn a_subjects_places_must_be_gazetteer_ids() {
        let good = format!(
            "{MINIMAL}\n[[subject]]\nid = \"quake-dead\"\nkinds = [\"killed\"]\nplaces = [\"turkey\"]\ncues = ['quake']\n"
        );
        let rs = RuleSet::parse(&good, "t.toml").expect("valid rules");
        let turkey = crate::places::Gazetteer::embedded().by_id("turkey");
        assert_eq!(
            rs.subjects[0].places,
            turkey.into_iter().collect::<Vec<_>>()
        );
        let bad = good.replace("[\"turkey\"]", "[\"turkie\"]");
        let msg = RuleSet::parse(&bad, "t.toml")
            .expect_err("unknown place")
            .to_string();
        assert!(
            msg.starts_with("t.toml:18:11:")
                && msg.contains("subject.places")
                && msg.contains("turkie"),
            "{msg}"
        );
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(
            ascii_word_boundaries(r"\bkilled\b \\b \B"),
            r"(?-u:\b)killed(?-u:\b) \\b \B"
        );
        let re = build_regex(r"\bkilled\b").expect("valid");
        assert!(re.is_match("“killed”"));
        assert!(!re.is_match("unkilledx"));
    }

    #[test]
    fn repetition_braces_are_not_macros() {
        let out = substitute(r"\d{2,3} {x}", &|n| (n == "x").then(|| "y".to_string()));
        assert_eq!(out.as_deref(), Ok(r"\d{2,3} y"));
        let out = substitute(r"[^\x{E000}\p{Lu}]", &|_| None);
        assert_eq!(out.as_deref(), Ok(r"[^\x{E000}\p{Lu}]"));
    }

    /// Every regex of a rule set, in load order.
    fn all_regexes(rs: &RuleSet) -> Vec<&LazyRegex> {
        let mut out: Vec<&LazyRegex> = rs.patterns.iter().map(|p| &p.regex).collect();
        out.extend(rs.subjects.iter().flat_map(|s| &s.cues));
        out.extend(rs.event_types.iter().flat_map(|e| &e.patterns));
        out.extend(rs.scopes.iter().flat_map(|s| &s.patterns));
        out.extend(rs.modalities.iter().flat_map(|(_, g)| &g.patterns));
        out.extend(rs.nationalities.iter().map(|(_, _, r)| r));
        out
    }

    /// The embedded rules are compiled on first use in release builds; this test is what makes that
    /// safe: it compiles them all at load time, with every check a user's rules file gets.
    #[test]
    fn the_embedded_rules_compile_eagerly() {
        let rs = RuleSet::parse_with(DEFAULT_RULES, "<embedded rules.toml>", Compile::Now)
            .expect("embedded rules compile");
        assert!(all_regexes(&rs).iter().all(|r| r.is_compiled()));
        assert!(rs.pattern_set.is_compiled() && rs.chrome_lines.is_compiled());
        assert!(rs.chrome_blocks.is_compiled());
    }

    #[test]
    fn deferred_rules_compile_on_first_use_to_the_same_patterns() {
        let now = RuleSet::parse_with(DEFAULT_RULES, "n", Compile::Now).expect("rules compile");
        let later =
            RuleSet::parse_with(DEFAULT_RULES, "l", Compile::OnFirstUse).expect("rules load");
        let (a, b) = (all_regexes(&now), all_regexes(&later));
        assert_eq!(a.len(), b.len());
        assert!(b.iter().all(|r| !r.is_compiled()) && !later.pattern_set.is_compiled());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.as_str(), y.as_str());
            assert_eq!(y.regex().as_str(), y.as_str());
            assert_eq!(format!("{:?}", x.regex()), format!("{y:?}"));
        }
        for (x, y) in [
            (&now.pattern_set, &later.pattern_set),
            (&now.chrome_lines, &later.chrome_lines),
            (&now.chrome_blocks, &later.chrome_blocks),
        ] {
            assert_eq!(x.set().patterns(), y.patterns());
            assert_eq!(y.set().patterns(), y.patterns());
        }
        let masked = format!("{QTY_OPEN}0{QTY_CLOSE} people were killed");
        let hits: Vec<usize> = later.pattern_set.matches(&masked).into_iter().collect();
        assert_eq!(
            hits,
            now.pattern_set
                .matches(&masked)
                .into_iter()
                .collect::<Vec<_>>()
        );
        assert!(!hits.is_empty());
    }

    #[test]
    fn deferred_compilation_still_finds_syntax_errors_at_load_time() {
        let text = MINIMAL.replace("(?:were )?killed", "(?:were killed");
        let msg = RuleSet::parse_with(&text, "t.toml", Compile::OnFirstUse)
            .expect_err("bad regex")
            .to_string();
        assert!(
            msg.contains("t.toml:13:") && msg.contains("bad regex"),
            "{msg}"
        );
        let text = format!("{MINIMAL}\n[chrome]\nlines = ['(?:share']\n");
        assert!(RuleSet::parse_with(&text, "t.toml", Compile::OnFirstUse).is_err());
    }

    #[test]
    fn only_the_embedded_text_in_a_release_build_is_deferred() {
        assert_eq!(compile_time("version = 1"), Compile::Now);
        let expected = if cfg!(debug_assertions) {
            Compile::Now
        } else {
            Compile::OnFirstUse
        };
        assert_eq!(compile_time(DEFAULT_RULES), expected);
    }

    #[test]
    fn the_embedded_rules_compile() {
        let rs = RuleSet::embedded().expect("embedded rules compile");
        for kind in [
            "killed",
            "wounded",
            "displaced",
            "missing",
            "hostages.held",
            "hostages.released",
            "prisoners.released",
            "truce.duration",
            "truce.extension",
            "aid.trucks",
            "population",
        ] {
            assert!(rs.kind(kind).is_some(), "kind {kind} missing");
        }
    }
}
