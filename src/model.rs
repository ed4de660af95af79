//! The plain data types that flow between the pipeline's stages: documents, spans, quantities, claims,
//! quotes and findings. This module holds no logic beyond small constructors and accessors; each stage
//! (corpus, segment, quantity, extract, attribution, compare) fills these types and the reports read them.
//! Field names follow the JSON contract of `factdiff/v1` (see `report::json`).

use crate::time::{Date, DatePrecision};
use std::collections::BTreeMap;

/// A position in a document: byte offsets into the file's decoded text plus the 1-based line and column
/// (column counted in characters) of `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
}

/// What kind of number a recognised quantity is. Only `Count` and `Duration` can become claims; the other
/// classes are recognised so that they are never mistaken for counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuantityClass {
    /// A number of things or people: "50 hostages", "dozens".
    Count,
    /// A length of time: "five-day", "48 hours".
    Duration,
    /// "45%", "45 percent".
    Percent,
    /// "$1.3 billion", "50 euros".
    Money,
    /// "November 21", "21/11/2023".
    Date,
    /// "2023", "2023–24".
    Year,
    /// "7:15 pm".
    Time,
    /// "aged 12", "a 12-year-old".
    Age,
    /// "first", "21st".
    Ordinal,
    /// "Resolution 2334", "F-16", "COVID-19".
    Identifier,
}

impl QuantityClass {
    /// The lowercase name used in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            QuantityClass::Count => "count",
            QuantityClass::Duration => "duration",
            QuantityClass::Percent => "percent",
            QuantityClass::Money => "money",
            QuantityClass::Date => "date",
            QuantityClass::Year => "year",
            QuantityClass::Time => "time",
            QuantityClass::Age => "age",
            QuantityClass::Ordinal => "ordinal",
            QuantityClass::Identifier => "identifier",
        }
    }

    /// True for the classes that rules may turn into claims.
    pub fn is_claimable(self) -> bool {
        matches!(self, QuantityClass::Count | QuantityClass::Duration)
    }
}

/// How the text qualifies a number ("about", "more than", …). See `quantity` for the intervals each gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    /// A bare number: "50".
    Exact,
    /// "about", "around", "some", "roughly", "approximately".
    Approx,
    /// "nearly", "almost", "close to".
    Nearly,
    /// "more than", "over", "upwards of", "in excess of".
    MoreThan,
    /// "at least", "no fewer than".
    AtLeast,
    /// "up to", "as many as".
    UpTo,
    /// "fewer than", "less than", "under".
    LessThan,
    /// "between 50 and 100", "50-100".
    Range,
    /// "dozens", "hundreds", "several", "a few".
    Vague,
}

impl Qualifier {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Nearly => "nearly",
            Qualifier::MoreThan => "more-than",
            Qualifier::AtLeast => "at-least",
            Qualifier::UpTo => "up-to",
            Qualifier::LessThan => "less-than",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// A number recognised in text, with its hard interval (what the words allow) and soft interval (the
/// journalistic reading, e.g. a round number's rounding step). Offsets are relative to the text given to
/// the recogniser.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte offset of the first byte of `text` in the recogniser's input.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The words as written, qualifier included ("more than 7,300").
    pub text: String,
    /// What kind of number this is.
    pub class: QuantityClass,
    /// The single value the text states; `None` for ranges and vague bands.
    pub stated: Option<f64>,
    /// How the text qualifies the value.
    pub qualifier: Qualifier,
    /// Lower bound of the hard interval; `None` when unbounded below.
    pub lo: Option<f64>,
    /// Upper bound of the hard interval; `None` when unbounded above.
    pub hi: Option<f64>,
    /// Lower bound of the soft interval.
    pub soft_lo: Option<f64>,
    /// Upper bound of the soft interval.
    pub soft_hi: Option<f64>,
    /// The unit when the text gives one: "days", "hours", "weeks", "minutes" for durations, "%" for
    /// percentages, a currency code for money; `None` for plain counts.
    pub unit: Option<String>,
    /// True for increments ("another 150", "dozens more"), which are never compared with totals.
    pub delta: bool,
}

impl Quantity {
    /// The hard interval as a pair with infinities for missing bounds.
    pub fn hard(&self) -> (f64, f64) {
        (
            self.lo.unwrap_or(f64::NEG_INFINITY),
            self.hi.unwrap_or(f64::INFINITY),
        )
    }

    /// The soft interval as a pair with infinities for missing bounds.
    pub fn soft(&self) -> (f64, f64) {
        (
            self.soft_lo.or(self.lo).unwrap_or(f64::NEG_INFINITY),
            self.soft_hi.or(self.hi).unwrap_or(f64::INFINITY),
        )
    }

    /// A single representative value: the stated value, else the middle of a bounded interval, else the
    /// known bound.
    pub fn best(&self) -> Option<f64> {
        self.stated.or(match (self.lo, self.hi) {
            (Some(lo), Some(hi)) => Some((lo + hi) / 2.0),
            (Some(lo), None) => Some(lo),
            (None, Some(hi)) => Some(hi),
            (None, None) => None,
        })
    }

    /// Multiplies every value by `factor` (unit conversion, e.g. hours to days) and sets the unit.
    pub fn scaled(&self, factor: f64, unit: &str) -> Quantity {
        let f = |v: Option<f64>| v.map(|x| x * factor);
        Quantity {
            stated: f(self.stated),
            lo: f(self.lo),
            hi: f(self.hi),
            soft_lo: f(self.soft_lo),
            soft_hi: f(self.soft_hi),
            unit: Some(unit.to_string()),
            ..self.clone()
        }
    }
}

/// Whether a figure is a count or current state, or a plan or proposal ("will be released", "under the deal").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    /// A count or current state.
    Reported,
    /// Agreed or announced for the future: "will be freed", "under the deal".
    Planned,
    /// Discussed, proposed or hoped for: "could be released", "a pause was discussed".
    Proposed,
    /// A forecast of a tally: "could top 50,000", "may be buried", "potentially thousands".
    Projected,
    /// Reported only to be denied: "reports that hundreds of bodies washed ashore are false".
    Denied,
}

impl Modality {
    /// Every modality, in the order of the JSON contract's documentation.
    pub const ALL: [Modality; 5] = [
        Modality::Reported,
        Modality::Planned,
        Modality::Proposed,
        Modality::Projected,
        Modality::Denied,
    ];

    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Reported => "reported",
            Modality::Planned => "planned",
            Modality::Proposed => "proposed",
            Modality::Projected => "projected",
            Modality::Denied => "denied",
        }
    }
}

/// Who a claim or quote is attributed to: the words as written and, where the entity table knows them,
/// the canonical entity and its party.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribution {
    /// The words of the text naming the source ("the health ministry in Gaza").
    pub as_written: Option<String>,
    /// The canonical entity id from rules.toml (`gaza-moh`).
    pub entity: Option<String>,
    /// The entity's party (`gaza-authorities`).
    pub party: Option<String>,
}

impl Attribution {
    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.as_written.is_none() && self.entity.is_none() && self.party.is_none()
    }
}

/// One numeric claim: a recognised quantity that a rule turned into a figure of a kind about a subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// `<doc id>:c<n>`, numbered in document order from 1.
    pub id: String,
    /// The document id.
    pub doc: String,
    /// The claim kind from rules.toml (`killed`).
    pub kind: String,
    /// Whose figure it is (`gaza-palestinians`).
    pub subject: String,
    /// A part of the subject ("children"), compared only with the same scope.
    pub scope: Option<String>,
    /// The unit of the kind ("people", "days", "trucks").
    pub unit: String,
    /// Count, plan or proposal.
    pub modality: Modality,
    /// The date the figure refers to (the first day of its month or year when `as_of_precision` says
    /// only that much is known).
    pub as_of: Option<Date>,
    /// How precise `as_of` is: a day, or a month or year when the figure is dated only by a
    /// front-matter date such as `2023-09`; comparison treats it as the whole range.
    pub as_of_precision: DatePrecision,
    /// The id of the rule that matched.
    pub rule: String,
    /// The place the figure's clause names (a gazetteer id such as `turkey`, `turkey/hatay` or
    /// `syria+turkey`; see `places`); `None` when unknown.
    pub place: Option<String>,
    /// The figure, converted to the kind's unit.
    pub quantity: Quantity,
    /// Who the text says gave the figure.
    pub attribution: Attribution,
    /// Where the figure stands in the file.
    pub span: Span,
    /// The sentence holding the figure, whitespace folded.
    pub sentence: String,
}

/// How a quote was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    /// A written or spoken statement, press release, message.
    Statement,
    /// An interview with a named outlet.
    Interview,
    /// A press conference or briefing.
    PressConference,
    /// A post on a social network or messaging channel.
    SocialMedia,
    /// Not said.
    Unknown,
}

impl Channel {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Statement => "statement",
            Channel::Interview => "interview",
            Channel::PressConference => "press-conference",
            Channel::SocialMedia => "social-media",
            Channel::Unknown => "unknown",
        }
    }
}

/// A direct quote with its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// `<doc id>:q<n>`, numbered in document order from 1.
    pub id: String,
    /// The document id.
    pub doc: String,
    /// The quoted words, without the quote marks (parts of an interrupted quote joined by a space).
    pub text: String,
    /// Who said it.
    pub speaker: Attribution,
    /// How it was said.
    pub channel: Channel,
    /// Where the quote stands in the file (the first part of an interrupted quote).
    pub span: Span,
}

/// The verdict of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Simultaneous figures whose hard intervals are disjoint.
    Conflict,
    /// As conflict, but the figures come from different parties.
    Disputed,
    /// Hard intervals overlap but soft intervals are disjoint.
    Tension,
    /// A non-decreasing tally lower at a later date.
    Regression,
    /// Figures at different dates, changing as the trend allows.
    Evolution,
    /// The same quote given to different speakers.
    Misattribution,
    /// One speaker, nearly the same words, a material difference.
    Misquote,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 7] = [
        Verdict::Conflict,
        Verdict::Disputed,
        Verdict::Tension,
        Verdict::Regression,
        Verdict::Evolution,
        Verdict::Misattribution,
        Verdict::Misquote,
    ];

    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Disputed => "disputed",
            Verdict::Tension => "tension",
            Verdict::Regression => "regression",
            Verdict::Evolution => "evolution",
            Verdict::Misattribution => "misattribution",
            Verdict::Misquote => "misquote",
        }
    }

    /// The severity DESIGN.md gives the verdict.
    pub fn severity(self) -> Severity {
        match self {
            Verdict::Conflict | Verdict::Regression | Verdict::Misattribution => Severity::Error,
            Verdict::Disputed | Verdict::Tension | Verdict::Misquote => Severity::Warning,
            Verdict::Evolution => Severity::Info,
        }
    }
}

/// How serious a finding is; ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// For information only.
    Info,
    /// Worth a look.
    Warning,
    /// The sources cannot all be right.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// One step lower (used for findings that involve undated documents).
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

/// A set of claims in one finding whose figures agree with each other, with its low/best/high figures.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementSet {
    /// Claim ids in the set.
    pub claims: Vec<String>,
    /// The lowest figure the set allows (the largest lower bound of its members).
    pub low: Option<f64>,
    /// The best single figure.
    pub best: Option<f64>,
    /// The highest figure the set allows (the smallest upper bound).
    pub high: Option<f64>,
    /// The date (or first date) the set's figures refer to.
    pub as_of: Option<Date>,
}

/// A discrepancy (or, for `evolution`, a change) found between sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable id: `F` and eight hex digits of a hash of the verdict, the group (event, kind, subject,
    /// place, scope, modality) and the date window, never of the documents in it (README, "Finding
    /// ids"); quote findings hash their quotes' documents and words.
    pub id: String,
    /// What was found.
    pub verdict: Verdict,
    /// How serious it is (lowered one step when an undated document is involved).
    pub severity: Severity,
    /// The claim kind, or `quote`.
    pub kind: String,
    /// The subject, or for quotes the speaker's entity.
    pub subject: String,
    /// The place the claims are counted for (`turkey`, `syria+turkey`, `turkey/hatay`), if the group
    /// has one; `None` for subjects the rules name and for quotes.
    pub place: Option<String>,
    /// The scope shared by the claims, if any.
    pub scope: Option<String>,
    /// Claim ids involved, in report order.
    pub claims: Vec<String>,
    /// Quote ids involved.
    pub quotes: Vec<String>,
    /// True when a document involved has no date.
    pub undated: bool,
    /// One line a reviewer reads.
    pub summary: String,
    /// The agreement sets the claims fall into (empty for quote findings).
    pub sets: Vec<AgreementSet>,
}

/// A loaded document: its metadata and its decoded text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The id from front matter, else the file stem.
    pub id: String,
    /// The path as given or found.
    pub path: String,
    /// The outlet from front matter.
    pub outlet: Option<String>,
    /// The publication date: front matter, else found in the text (the first day of its month or
    /// year for a partial front-matter date).
    pub published: Option<Date>,
    /// How precise `published` is (`2023-09` is a month).
    pub published_precision: DatePrecision,
    /// The URL from front matter.
    pub url: Option<String>,
    /// The title from front matter, else the first line when it reads as a headline.
    pub title: Option<String>,
    /// The language from front matter.
    pub language: Option<String>,
    /// The story id from front matter: documents naming different events are never compared.
    pub event: Option<String>,
    /// The event factdiff inferred for a document without front-matter `event` (see `events`); `None`
    /// when the front matter names one or when nothing allowed an inference.
    pub event_inferred: Option<String>,
    /// How the document's event was chosen ("front matter", "inferred: …", "not inferred (…)"); `None`
    /// before events are assigned.
    pub event_reason: Option<String>,
    /// Other front-matter keys, passed through.
    pub meta: BTreeMap<String, serde_json::Value>,
    /// The whole decoded file (front matter included), so that spans are file positions. Empty after
    /// a run that does not keep text (see `pipeline::Options`).
    pub text: String,
    /// Byte offset where the body (after front matter) starts.
    pub body_start: usize,
}

impl Document {
    /// The event the document's claims are compared within: the front matter's, else the inferred one.
    pub fn effective_event(&self) -> Option<&str> {
        self.event.as_deref().or(self.event_inferred.as_deref())
    }

    /// The publication date when it names one day (a month or year does not date a "yesterday").
    pub fn exact_published(&self) -> Option<Date> {
        self.published
            .filter(|_| self.published_precision == DatePrecision::Day)
    }

    /// The body: the text after the front matter (empty once the text was dropped after extraction).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

/// A stable 32-bit FNV-1a hash of `parts` (separated by a unit separator), as eight hex digits. Used for
/// finding ids, which must not change between runs, machines or Rust versions.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut h = StableHasher::default();
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// [`stable_hash`] fed piece by piece, so that a caller need not build each part as a string first:
/// `part("a|b")` and `part("a"); extend("|"); extend("b")` hash the same.
#[derive(Debug, Clone, Copy)]
pub struct StableHasher {
    h: u32,
    started: bool,
}

impl Default for StableHasher {
    fn default() -> StableHasher {
        StableHasher {
            h: 0x811c_9dc5,
            started: false,
        }
    }
}

impl StableHasher {
    /// Starts a new part with `text` (the parts are separated by a unit separator).
    pub fn part(&mut self, text: &str) {
        if self.started {
            self.byte(0x1f);
        }
        self.started = true;
        self.extend(text);
    }

    /// Appends `text` to the current part.
    pub fn extend(&mut self, text: &str) {
        for b in text.bytes() {
            self.byte(b);
        }
    }

    fn byte(&mut self, b: u8) {
        self.h ^= u32::from(b);
        self.h = self.h.wrapping_mul(0x0100_0193);
    }

    /// The hash as eight hex digits.
    pub fn finish(&self) -> String {
        format!("{:08x}", self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_hash_is_fixed() {
        assert_eq!(stable_hash(&[]), "811c9dc5");
        assert_eq!(stable_hash(&["a"]), "e40c292c");
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        let mut h = StableHasher::default();
        h.part("ab");
        h.part("c");
        h.extend("|d");
        assert_eq!(h.finish(), stable_hash(&["ab", "c|d"]));
    }
}
