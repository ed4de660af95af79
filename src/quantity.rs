//! The number grammar: text → [`Quantity`] with class, stated value, qualifier, hard and soft intervals,
//! unit and delta flag. (Stub: being written.)

use crate::model::Quantity;

/// Recognises every quantity in `text`: non-overlapping, sorted by start, byte offsets into `text`.
pub fn recognise(text: &str) -> Vec<Quantity> {
    let _ = text;
    Vec::new()
}

/// Stub.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// Stub.
pub fn with_tolerance(q: &Quantity, t: f64) -> Quantity {
    let _ = t;
    q.clone()
}
