//! Cross-document quote findings. (Stub: being written.)

use crate::entity::EntityTable;
use crate::model::{Finding, Quote};

/// Stub.
pub fn compare_quotes(quotes: &[Quote], entities: &EntityTable) -> Vec<Finding> {
    let _ = (quotes, entities);
    Vec::new()
}
