//! Fuzz target: arbitrary bytes → `corpus::parse_document_with`, under each encoding policy, both as
//! given and wrapped in `+++` front matter. It must return `Ok` or `Err`, never panic; an `Ok` document's
//! body offset must lie on a character boundary of its text.
#![no_main]

use factdiff::corpus::{parse_document_with, TextEncoding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policies = [
        TextEncoding::Utf8,
        TextEncoding::Auto,
        TextEncoding::from_label("windows-1252").unwrap_or_default(),
    ];
    // The first byte picks the policy, so the fuzzer can steer it; the rest is the file.
    let (policy, bytes) = match data.split_first() {
        Some((b, rest)) => (policies[usize::from(*b) % policies.len()], rest),
        None => (TextEncoding::Utf8, data),
    };
    check(bytes, policy);
    // The same bytes as the TOML of a front matter block, with a body after it.
    let mut wrapped = b"+++\n".to_vec();
    wrapped.extend_from_slice(bytes);
    wrapped.extend_from_slice(b"\n+++\nGaza health officials said 14,500 people were killed.\n");
    check(&wrapped, policy);
});

fn check(bytes: &[u8], policy: TextEncoding) {
    if let Ok((doc, _warning)) = parse_document_with("fuzz.txt", "fuzz", bytes, policy) {
        assert!(doc.text.is_char_boundary(doc.body_start));
        let _ = doc.body();
    }
}
