//! Fuzz target: arbitrary UTF-8 → `quantity::recognise`. Every quantity must lie inside the text on
//! character boundaries, in order and without overlap, and re-deriving it with another tolerance
//! must not panic.
#![no_main]

use factdiff::quantity::{recognise, with_tolerance};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let found = recognise(text);
    let mut last_end = 0;
    for q in &found {
        assert!(q.start <= q.end && q.end <= text.len(), "span out of text");
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        assert!(
            q.start >= last_end,
            "quantities overlap or are out of order"
        );
        last_end = q.end;
        let _ = with_tolerance(q, 0.1);
        let _ = with_tolerance(q, 0.0);
    }
});
