//! The serde mirror of `rules.toml`: raw, unvalidated shapes with their source spans, so that every
//! error can name the key, the rule id and the line. Nothing here compiles a regex or checks a
//! reference; `rules::RuleSet::compile` does that.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The whole rules file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RulesSpec {
    /// Format version of the file (1).
    pub version: Option<u32>,
    /// Site chrome: lines and blocks that are not article text.
    #[serde(default)]
    pub chrome: ChromeSpec,
    /// Named pattern fragments, usable in patterns as `{name}`.
    #[serde(default)]
    pub vocab: BTreeMap<String, Spanned<String>>,
    /// Countries, their demonym and the words that name them or their people
    /// (`france = { demonym = "french", words = "france|french" }`), for subjects such as
    /// `foreign-nationals-{country}` and `{demonym}-hostages`.
    #[serde(default)]
    pub nationality: BTreeMap<String, Spanned<NationalitySpec>>,
    /// Claim kinds with unit, tolerance, window and trend.
    #[serde(default, rename = "kind")]
    pub kinds: Vec<Spanned<KindSpec>>,
    /// Extraction rules.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleSpec>>,
    /// Named subjects with their cues.
    #[serde(default, rename = "subject")]
    pub subjects: Vec<Spanned<SubjectSpec>>,
    /// Event types for subjects the rules do not name (`<place>-<event>`).
    #[serde(default, rename = "event_type")]
    pub event_types: Vec<Spanned<EventTypeSpec>>,
    /// Scopes: parts of a subject.
    #[serde(default, rename = "scope")]
    pub scopes: Vec<Spanned<ScopeSpec>>,
    /// Modality cues (planned, proposed).
    #[serde(default, rename = "modality")]
    pub modalities: Vec<Spanned<ModalitySpec>>,
    /// Known speakers and sources.
    #[serde(default, rename = "entity")]
    pub entities: Vec<Spanned<EntitySpec>>,
    /// The lexicons of the frame grammar (`src/extraction/frames.rs`).
    #[serde(default)]
    pub frames: FramesSpec,
}

/// `[frames]`: the word lists the frame grammar reads. Each entry is a lowercase word or phrase; the
/// grammar itself (which word may stand where) is code. A missing list is empty, so a rules file
/// without `[frames]` extracts with its patterns only.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FramesSpec {
    /// What happened to the counted people, per claim family: `killed`, `wounded`, `displaced`,
    /// `missing`, `held` (captivity), `released` (freedom: hostages or prisoners, by the counted noun).
    #[serde(default)]
    pub events: BTreeMap<String, Vec<String>>,
    /// Tally nouns per family ("death toll", "number of injured"; also `trucks` and `population`), read
    /// with `toll_verbs`.
    #[serde(default)]
    pub tolls: BTreeMap<String, Vec<String>>,
    /// Verbs and copulas that link a tally noun to its figure ("rose to", "stands at", "topped").
    #[serde(default)]
    pub toll_verbs: Vec<String>,
    /// Counted nouns by class: `people`, `hostages`, `prisoners`, `bodies`, `lives`, `deaths`,
    /// `trucks`, `truces`, `extensions`, `population`.
    #[serde(default)]
    pub nouns: BTreeMap<String, Vec<String>>,
    /// Words that put generic people on the hostages' side (`hostage_side`) or the prisoners' side
    /// (`prisoner_side`) of an exchange, and agents who hold hostages (`captors`) or prisoners (`jailers`).
    #[serde(default)]
    pub sides: BTreeMap<String, Vec<String>>,
    /// Words the grammar may step over between a figure and its verb: auxiliaries, adverbs, relative
    /// pronouns.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Phrases before a figure that make it an earlier, superseded figure ("up from", "a previous
    /// estimate of").
    #[serde(default)]
    pub earlier: Vec<String>,
    /// Verbs that extend a truce ("extend", "prolonged").
    #[serde(default)]
    pub extend_verbs: Vec<String>,
    /// Verbs that take lives ("claimed 87 lives", "cost 12 lives").
    #[serde(default)]
    pub life_verbs: Vec<String>,
    /// Words after a figure that make it a rate, per scope name (`per-day = ["a day", "daily"]`): the
    /// claim gets that scope, so it is compared only with rates. The key `ratio` ("for every hostage")
    /// marks figures that are no count at all.
    #[serde(default)]
    pub rates: BTreeMap<String, Vec<String>>,
    /// Verbs that say trucks did not enter ("waiting", "stuck"): such trucks are no claim.
    #[serde(default)]
    pub idle: Vec<String>,
    /// Kinds of place whose size is a population ("a city of 400,000").
    #[serde(default)]
    pub places: Vec<String>,
}

/// `[chrome]`: what in a scraped page is not the article.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ChromeSpec {
    /// A line matching one of these (whole line, case-insensitive) is dropped.
    #[serde(default)]
    pub lines: Vec<Spanned<String>>,
    /// A line matching one of these starts a block of chrome that runs to the end of the document.
    #[serde(default)]
    pub blocks: Vec<Spanned<String>>,
}

/// `[[kind]]`: a claim kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindSpec {
    /// `killed`, `truce.duration`, …
    pub id: Spanned<String>,
    /// What the figures count: `people`, `days`, `trucks`.
    pub unit: Spanned<String>,
    /// Relative tolerance for approximate figures ("about 1,200" with 0.05 is [1140, 1260]).
    #[serde(default)]
    pub tolerance: Option<Spanned<f64>>,
    /// Claims whose as-of dates are at most this many days apart are simultaneous.
    #[serde(default)]
    pub window_days: Option<Spanned<i64>>,
    /// `non-decreasing` (cumulative tallies), `non-increasing`, or `none`.
    #[serde(default)]
    pub trend: Option<Spanned<String>>,
    /// What the kind means, for people reading the rules.
    #[serde(default)]
    pub description: Option<String>,
}

/// `[[rule]]`: patterns that turn a quantity into a claim of a kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id, e.g. `killed.verb`.
    pub id: Spanned<String>,
    /// The kind of claim the rule makes.
    pub kind: Spanned<String>,
    /// Regexes over a sentence in which every quantity is masked; `{qty}` marks the claim's quantity.
    pub patterns: Vec<Spanned<String>>,
    /// Higher wins when two rules claim one quantity.
    #[serde(default)]
    pub priority: Option<i32>,
    /// Forces the modality (`planned`, `proposed`) instead of reading it from cues.
    #[serde(default)]
    pub modality: Option<Spanned<String>>,
    /// Forces the subject.
    #[serde(default)]
    pub subject: Option<Spanned<String>>,
    /// Which quantity classes the rule accepts (default: count, or duration for day-unit kinds).
    #[serde(default)]
    pub classes: Option<Vec<Spanned<String>>>,
    /// Inline examples, run by `factdiff rules test`.
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<ExampleSpec>>,
}

/// An inline example of a rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// A sentence.
    pub text: String,
    /// The figures (stated value, or low bound) the rule must find in it, in order; empty: none.
    #[serde(default)]
    pub expect: Vec<f64>,
    /// The subject every expected claim must have.
    #[serde(default)]
    pub subject: Option<String>,
    /// The modality every expected claim must have.
    #[serde(default)]
    pub modality: Option<String>,
    /// The scope every expected claim must have.
    #[serde(default)]
    pub scope: Option<String>,
}

/// `[[subject]]`: a named subject and the cues that select it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectSpec {
    /// Subject id; may contain `{country}` (filled from the nationality the cue matched).
    pub id: Spanned<String>,
    /// Kinds the subject applies to.
    pub kinds: Vec<Spanned<String>>,
    /// Regexes that, near the figure, select this subject.
    pub cues: Vec<Spanned<String>>,
    /// Higher wins when cues of two subjects are equally near.
    #[serde(default)]
    pub priority: Option<i32>,
    /// Gazetteer place ids (`palestine`, `israel`): the subject applies only in documents that name
    /// one of them (or name no place at all), so a well-known subject never fires in another event's
    /// article ("the health ministry" of Syria is not Gaza's).
    #[serde(default)]
    pub places: Vec<Spanned<String>>,
}

/// `[[event_type]]`: an event noun for subjects the rules do not name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventTypeSpec {
    /// `earthquake`, `bombing`, …
    pub id: Spanned<String>,
    /// Types of one family (`violence`) are one event within a document: a sentence naming another
    /// type of the same family keeps the document's type.
    #[serde(default)]
    pub family: Option<String>,
    /// Regexes that name the event.
    pub cues: Vec<Spanned<String>>,
}

/// `[[scope]]`: a part of a subject.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeSpec {
    /// `children`, `women`, …
    pub id: Spanned<String>,
    /// Applies only to subjects the rules do not name (`<place>-<event>`): a named subject such as
    /// `gaza-palestinians` already is the whole tally, so "since the war began" is no part of it.
    #[serde(default)]
    pub unnamed_subjects_only: bool,
    /// Regexes with `{qty}` that put the figure in this scope.
    pub patterns: Vec<Spanned<String>>,
}

/// `[[modality]]`: cues for a modality; the cue nearest a figure decides.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalitySpec {
    /// `reported`, `planned` or `proposed`.
    pub id: Spanned<String>,
    /// Regexes over the figure's clause.
    pub cues: Vec<Spanned<String>>,
}

/// `[[entity]]`: a speaker or source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    /// Canonical id, e.g. `ismail-haniyeh`.
    pub id: Spanned<String>,
    /// The party it speaks for, e.g. `hamas`.
    pub party: Spanned<String>,
    /// `person`, `organisation` or `outlet`.
    #[serde(default, rename = "type")]
    pub entity_type: Option<Spanned<String>>,
    /// Names and aliases, matched case- and diacritic-insensitively.
    pub names: Vec<Spanned<String>>,
    /// Entities this one belongs to or speaks for (a leader for a movement).
    #[serde(default)]
    pub member_of: Vec<Spanned<String>>,
}

/// `[nationality.<country>]`: how a country and its people are named.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalitySpec {
    /// The adjective used in subject ids (`thai` for `thai-hostages`).
    pub demonym: String,
    /// A regex alternation of the words naming the country or its people.
    pub words: String,
}
