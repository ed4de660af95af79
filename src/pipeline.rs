//! The whole run: paths → documents → claims and quotes → findings, as one [`Analysis`] that every
//! report reads. Documents are loaded and extracted in parallel (rayon) and collected in path order, so
//! the result is the same whatever the number of threads. A document that cannot be loaded becomes an
//! entry in [`Analysis::errors`]; the others are still analysed.

use crate::compare;
use crate::error::Error;
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
}

/// Loaded documents, the errors of those that could not be loaded, and warnings.
pub type Loaded = (Vec<Document>, Vec<Error>, Vec<String>);

/// Loads every document of `inputs`.
pub fn load(inputs: &Inputs) -> Loaded {
    let (paths, mut errors) = crate::corpus::collect_paths(&inputs.paths);
    let mut loaded: Vec<Result<crate::corpus::Loaded, Error>> = paths
        .par_iter()
        .map(|p| crate::corpus::load_file(p, inputs.encoding))
        .collect();
    for d in &inputs.inline {
        loaded.push(crate::corpus::parse_document_with(
            &d.name,
            &d.stem,
            &d.bytes,
            inputs.encoding,
        ));
    }
    let mut documents = Vec::new();
    let mut warnings = Vec::new();
    for r in loaded {
        match r {
            Ok((d, w)) => {
                documents.push(d);
                warnings.extend(w);
            }
            Err(e) => errors.push(e),
        }
    }
    dedupe_ids(&mut documents);
    (documents, errors, warnings)
}

/// Two files with the same id would mix their claims: later ones get `~2`, `~3` suffixes.
fn dedupe_ids(documents: &mut [Document]) {
    let mut seen = std::collections::BTreeMap::new();
    for d in documents.iter_mut() {
        let n = seen.entry(d.id.clone()).or_insert(0usize);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}~{}", d.id, n);
        }
    }
}

/// Extracts claims and quotes from loaded documents (in parallel, results in document order).
pub fn extract_all(documents: &[Document], rules: &RuleSet) -> (Vec<Claim>, Vec<Quote>) {
    extract_all_with(documents, rules, &())
}

fn extract_all_with(
    documents: &[Document],
    rules: &RuleSet,
    progress: &dyn Progress,
) -> (Vec<Claim>, Vec<Quote>) {
    let parts: Vec<Extraction> = documents
        .par_iter()
        .map(|d| {
            let extraction = extract::extract_document(d, rules);
            progress.document_extracted();
            extraction
        })
        .collect();
    let mut claims = Vec::new();
    let mut quotes = Vec::new();
    for p in parts {
        claims.extend(p.claims);
        quotes.extend(p.quotes);
    }
    (claims, quotes)
}

/// Runs the whole pipeline.
pub fn analyse(inputs: &Inputs, rules: &RuleSet) -> Analysis {
    analyse_with(inputs, rules, &())
}

/// What [`analyse_with`] tells its caller while it runs (a progress bar, stage timings). Every method
/// does nothing by default; `()` is the observer that ignores everything.
pub trait Progress: Sync {
    /// The documents are loaded: `documents` of them will be extracted next.
    fn loaded(&self, _documents: usize) {}
    /// One document has been extracted. Called from the worker threads, in no particular order.
    fn document_extracted(&self) {}
    /// Every document has been extracted; comparison starts.
    fn extracted(&self) {}
}

impl Progress for () {}

/// Runs the whole pipeline as [`analyse`] does, with the same result, telling `progress` when the
/// documents are loaded, after each document is extracted, and when extraction is over.
pub fn analyse_with(inputs: &Inputs, rules: &RuleSet, progress: &dyn Progress) -> Analysis {
    let (documents, errors, warnings) = load(inputs);
    progress.loaded(documents.len());
    let mut a = analyse_documents_with(documents, errors, rules, progress);
    a.warnings = warnings;
    a
}

/// Runs extraction and comparison on loaded documents.
pub fn analyse_documents(
    documents: Vec<Document>,
    errors: Vec<Error>,
    rules: &RuleSet,
) -> Analysis {
    analyse_documents_with(documents, errors, rules, &())
}

fn analyse_documents_with(
    documents: Vec<Document>,
    errors: Vec<Error>,
    rules: &RuleSet,
    progress: &dyn Progress,
) -> Analysis {
    let (claims, quotes) = extract_all_with(&documents, rules, progress);
    progress.extracted();
    let mut findings = compare::compare_claims(&documents, &claims, rules);
    findings.extend(crate::quotes::compare_quotes(&quotes, &rules.entities));
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
