//! The whole run: paths → documents → claims and quotes → events → findings, as one [`Analysis`] that
//! every report reads. Each document is read, extracted and (unless [`Options::keep_text`]) stripped of its
//! text in one step, in parallel (rayon), so memory grows with the claims, not with the corpus. Results
//! are collected in path order, so they are the same whatever the number of threads. A document that
//! cannot be loaded becomes an entry in [`Analysis::errors`]; the others are still analysed.

use crate::compare;
use crate::error::Error;
use crate::events::{self, EventCues};
use crate::extract::{self, Extraction};
use crate::model::{Claim, Document, Finding, Quote};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::path::PathBuf;

/// Everything a run found.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Loaded documents, in path order.
    pub documents: Vec<Document>,
    /// All claims, document by document.
    pub claims: Vec<Claim>,
    /// All quotes, document by document.
    pub quotes: Vec<Quote>,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Documents or paths that could not be read.
    pub errors: Vec<Error>,
    /// Things a reader should know that did not stop a document (e.g. a legacy encoding was decoded).
    pub warnings: Vec<String>,
}

/// A document given as text rather than as a path (standard input, tests).
#[derive(Debug, Clone)]
pub struct InlineDocument {
    /// The name used in messages and as path.
    pub name: String,
    /// Its id when it has no front matter.
    pub stem: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where documents come from.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// Documents given inline (e.g. `-` for standard input).
    pub inline: Vec<InlineDocument>,
    /// How to decode files that are not UTF-8.
    pub encoding: crate::corpus::TextEncoding,
    /// Which files of the folders are articles (`--glob`, `--exclude`).
    pub walk: crate::corpus::WalkOptions,
    /// Documents given as JSONL records (`--input-format jsonl`), read after files and inline
    /// documents, in path order.
    pub records: Vec<crate::input::jsonl::RecordLine>,
}

/// How much of each document a run keeps, and what a corpus-wide pass decided for it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Keep each document's text after extraction. Only reports that quote the text around a figure
    /// (`explain`) or compute end positions from it (SARIF) need it; without it a document's text is
    /// dropped as soon as its claims are extracted.
    pub keep_text: bool,
    /// Ids and events chosen over the whole corpus (`extract --events FILE`): they replace those this
    /// run would infer from its own documents, so that a partition of a corpus gets the ids and events of
    /// a run over all of it. A document the table does not list keeps its own, with a warning.
    pub events: Option<&'a crate::input::events_file::EventTable>,
}

/// Loaded documents, the errors of those that could not be loaded, and warnings.
pub type Loaded = (Vec<Document>, Vec<Error>, Vec<String>);

/// Loads every document of `inputs`, keeping their text (for runs that extract more than once, such as
/// the rules diff).
pub fn load(inputs: &Inputs) -> Loaded {
    let (mut documents, errors, warnings) = for_each_document(inputs, &(), Ok);
    dedupe_ids(&mut documents);
    (documents, errors, warnings)
}

/// Reads every document of `inputs` and maps it with `f` as soon as it is read (in parallel), so that
/// only what `f` returns is held. Results, errors and warnings come in path order, inline documents
/// last. `progress` hears how many documents there are and when each is done.
fn for_each_document<T: Send>(
    inputs: &Inputs,
    progress: &dyn Progress,
    f: impl Fn(Document) -> Result<T, Error> + Sync,
) -> (Vec<T>, Vec<Error>, Vec<String>) {
    let (paths, mut errors) = crate::corpus::collect_paths_with(&inputs.paths, &inputs.walk)
        .unwrap_or_else(|e| (Vec::new(), vec![e]));
    progress.loaded(paths.len() + inputs.inline.len());
    let load_and_map = |loaded: Result<crate::corpus::Loaded, Error>| {
        let result = loaded.and_then(|(d, warnings)| f(d).map(|t| (t, warnings)));
        progress.document_extracted();
        result
    };
    let mut results: Vec<Result<(T, Vec<String>), Error>> = paths
        .par_iter()
        .map(|p| load_and_map(crate::corpus::load_file(p, inputs.encoding)))
        .collect();
    for d in &inputs.inline {
        results.push(load_and_map(crate::corpus::parse_document_with(
            &d.name,
            &d.stem,
            &d.bytes,
            inputs.encoding,
        )));
    }
    results.extend(load_records(&inputs.records).into_iter().map(load_and_map));
    let mut out = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for r in results {
        match r {
            Ok((t, w)) => {
                out.push(t);
                warnings.extend(w);
            }
            Err(e) => errors.push(e),
        }
    }
    (out, errors, warnings)
}

/// Two files with the same id would mix their claims: later ones get `~2`, `~3` suffixes. Returns the
/// index and former id of each renamed document.
pub fn dedupe_ids(documents: &mut [Document]) -> Vec<(usize, String)> {
    let mut seen = std::collections::BTreeMap::new();
    let mut renamed = Vec::new();
    for (i, d) in documents.iter_mut().enumerate() {
        let n = seen.entry(d.id.clone()).or_insert(0usize);
        *n += 1;
        if *n > 1 {
            let new = format!("{}~{}", d.id, n);
            let old = std::mem::replace(&mut d.id, new);
            renamed.push((i, old));
        }
    }
    renamed
}

/// Parses JSONL records into documents (in parallel), in path order (as files are read), so that a run
/// over records and the corpus-wide pass of a partitioned run see documents in one order. Records that
/// cannot be parsed come last, in line order.
fn load_records(
    records: &[crate::input::jsonl::RecordLine],
) -> Vec<Result<crate::corpus::Loaded, Error>> {
    let mut loaded: Vec<Result<crate::corpus::Loaded, Error>> = records
        .par_iter()
        .map(crate::input::jsonl::load_record)
        .collect();
    loaded.sort_by(|a, b| match (a, b) {
        (Ok(a), Ok(b)) => std::path::Path::new(&a.0.path).cmp(std::path::Path::new(&b.0.path)),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => std::cmp::Ordering::Equal,
    });
    loaded
}

/// Every document of `inputs` with its event cues (`factdiff events cues`), text dropped; errors and
/// warnings as [`analyse_with`] reports them.
pub fn event_cues(inputs: &Inputs, rules: &RuleSet) -> (Vec<(Document, EventCues)>, Vec<Error>) {
    let (documents, errors, _) = for_each_document(inputs, &(), |mut d| {
        let cues = events::cues(&d, rules);
        d.text = String::new();
        d.body_start = 0;
        Ok((d, cues))
    });
    (documents, errors)
}

/// Gives each document the id and event the corpus-wide pass chose (see [`Options::events`]); returns
/// a warning for each document the table does not list.
fn apply_event_table(
    documents: &mut [Document],
    parts: &mut [Extraction],
    table: &crate::input::events_file::EventTable,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for (d, part) in documents.iter_mut().zip(parts.iter_mut()) {
        let Some(assigned) = table.get(&d.path) else {
            warnings.push(format!(
                "{}: not in the events file; its id and event come from this run's documents only",
                crate::error::printable(&d.path)
            ));
            continue;
        };
        if assigned.id != d.id {
            part.rename_document(&d.id, &assigned.id);
            d.id = assigned.id.clone();
        }
        d.event_inferred = assigned.event_inferred.clone();
        d.event_reason = assigned.event_reason.clone();
    }
    warnings
}

/// All claims and all quotes of `parts`, in order.
fn concat(parts: Vec<Extraction>) -> (Vec<Claim>, Vec<Quote>) {
    let mut claims = Vec::with_capacity(parts.iter().map(|p| p.claims.len()).sum());
    let mut quotes = Vec::with_capacity(parts.iter().map(|p| p.quotes.len()).sum());
    for p in parts {
        claims.extend(p.claims);
        quotes.extend(p.quotes);
    }
    (claims, quotes)
}

/// Runs the whole pipeline, keeping no document text.
pub fn analyse(inputs: &Inputs, rules: &RuleSet) -> Analysis {
    analyse_with(inputs, rules, Options::default(), &())
}

/// What [`analyse_with`] tells its caller while it runs (a progress bar, stage timings). Every method
/// does nothing by default; `()` is the observer that ignores everything.
pub trait Progress: Sync {
    /// The documents are found: `documents` of them will be read and extracted next.
    fn loaded(&self, _documents: usize) {}
    /// One document has been read and extracted. Called from the worker threads, in no particular
    /// order.
    fn document_extracted(&self) {}
    /// Every document has been extracted; comparison starts.
    fn extracted(&self) {}
}

impl Progress for () {}

/// Runs the whole pipeline: each document is read and extracted in one step and its text dropped
/// unless `options.keep_text`, then all claims are compared. `progress` hears when the documents are
/// found, after each document, and when extraction is over.
pub fn analyse_with(
    inputs: &Inputs,
    rules: &RuleSet,
    options: Options,
    progress: &dyn Progress,
) -> Analysis {
    let (extracted, errors, warnings) = for_each_document(inputs, progress, |mut d| {
        let extraction = extract::extract_document(&d, rules);
        let cues = events::cues(&d, rules);
        if !options.keep_text {
            d.text = String::new();
            d.body_start = 0;
        }
        Ok((d, (extraction, cues)))
    });
    let (mut documents, rest): (Vec<Document>, Vec<(Extraction, EventCues)>) =
        extracted.into_iter().unzip();
    let (mut parts, cues): (Vec<Extraction>, Vec<EventCues>) = rest.into_iter().unzip();
    for (i, old) in dedupe_ids(&mut documents) {
        parts[i].rename_document(&old, &documents[i].id);
    }
    events::apply(&mut documents, &cues);
    let mut warnings = warnings;
    if let Some(table) = options.events {
        warnings.extend(apply_event_table(&mut documents, &mut parts, table));
    }
    progress.extracted();
    let mut a = compare_extractions(documents, parts, errors, rules);
    a.warnings = warnings;
    a
}

/// Runs extraction and comparison on loaded documents.
pub fn analyse_documents(
    mut documents: Vec<Document>,
    errors: Vec<Error>,
    rules: &RuleSet,
) -> Analysis {
    let (parts, cues): (Vec<Extraction>, Vec<EventCues>) = documents
        .par_iter()
        .map(|d| (extract::extract_document(d, rules), events::cues(d, rules)))
        .unzip();
    events::apply(&mut documents, &cues);
    compare_extractions(documents, parts, errors, rules)
}

/// Compares the extractions of `documents` (one per document, same order).
fn compare_extractions(
    documents: Vec<Document>,
    parts: Vec<Extraction>,
    errors: Vec<Error>,
    rules: &RuleSet,
) -> Analysis {
    let (claims, quotes) = concat(parts);
    let mut findings = compare::compare_claims(&documents, &claims, rules);
    findings.extend(crate::quotes::compare_quotes(
        &documents,
        &quotes,
        &rules.entities,
    ));
    compare::sort_findings(&mut findings);
    Analysis {
        documents,
        claims,
        quotes,
        findings,
        errors,
        warnings: Vec::new(),
    }
}
