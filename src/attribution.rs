//! Quotes, speakers and the sources of figures. (Stub: being written.)

use crate::entity::EntityTable;
use crate::model::{Attribution, Document, Quote};
use crate::segment::Sentence;

/// What attribution analysis found in one document: its quotes, and per sentence who is speaking.
#[derive(Debug, Clone, Default)]
pub struct DocumentAttribution {
    /// Direct quotes in document order, ids `<doc>:q<n>`.
    pub quotes: Vec<Quote>,
    /// For each sentence (same order as given), the source its figures are attributed to.
    pub sources: Vec<Attribution>,
}

/// Finds the quotes of `doc` and the source of each sentence. `sentences` are in file coordinates and
/// exclude site chrome.
pub fn analyse(doc: &Document, sentences: &[Sentence], entities: &EntityTable) -> DocumentAttribution {
    let _ = (doc, entities);
    DocumentAttribution {
        quotes: Vec::new(),
        sources: vec![Attribution::default(); sentences.len()],
    }
}
