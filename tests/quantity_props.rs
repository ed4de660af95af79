//! Property tests of the number grammar: it never panics, its spans are valid and ordered, its
//! intervals are consistent, and integers survive formatting with or without thousands separators.

use factdiff::model::Quantity;
use factdiff::quantity::{recognise, with_tolerance};
use proptest::prelude::*;

/// Checks the structural invariants of a recognition result on `input`.
fn check_invariants(input: &str, found: &[Quantity]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for q in found {
        prop_assert!(q.start < q.end, "empty span {q:?}");
        prop_assert!(q.end <= input.len());
        prop_assert!(input.is_char_boundary(q.start) && input.is_char_boundary(q.end));
        prop_assert_eq!(&input[q.start..q.end], q.text.as_str());
        prop_assert!(q.start >= last_end, "overlap or disorder at {q:?}");
        last_end = q.end;
        check_interval(q)?;
        check_interval(&with_tolerance(q, 0.25))?;
    }
    Ok(())
}

/// `lo ≤ stated ≤ hi` and `soft_lo ≤ soft_hi` whenever known, and every value finite.
fn check_interval(q: &Quantity) -> Result<(), TestCaseError> {
    let values = [q.stated, q.lo, q.hi, q.soft_lo, q.soft_hi];
    prop_assert!(
        values.iter().flatten().all(|v| v.is_finite()),
        "non-finite value in {q:?}"
    );
    if let (Some(lo), Some(s)) = (q.lo, q.stated) {
        prop_assert!(lo <= s, "lo > stated in {q:?}");
    }
    if let (Some(s), Some(hi)) = (q.stated, q.hi) {
        prop_assert!(s <= hi, "stated > hi in {q:?}");
    }
    if let (Some(lo), Some(hi)) = (q.lo, q.hi) {
        prop_assert!(lo <= hi, "lo > hi in {q:?}");
    }
    if let (Some(lo), Some(hi)) = (q.soft_lo, q.soft_hi) {
        prop_assert!(lo <= hi, "soft_lo > soft_hi in {q:?}");
    }
    Ok(())
}

/// Formats `n` with `sep` between groups of three digits.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Words, digits, separators and qualifiers in the shapes the grammar looks at.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("more than ".to_string()),
        Just("about ".to_string()),
        Just("between ".to_string()),
        Just(" and ".to_string()),
        Just(" to ".to_string()),
        Just("-".to_string()),
        Just("–".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{2009}".to_string()),
        Just("million".to_string()),
        Just("m".to_string()),
        Just("dozens more ".to_string()),
        Just("a few ".to_string()),
        Just("five hundred and ".to_string()),
        Just("twenty-".to_string()),
        Just("day".to_string()),
        Just("year-old".to_string()),
        Just("%".to_string()),
        Just("$".to_string()),
        Just("November ".to_string()),
        Just(":".to_string()),
        Just("pm".to_string()),
        Just("F".to_string()),
        Just("٣".to_string()),
        Just("۹".to_string()),
        (0u64..100_000).prop_map(|n| n.to_string()),
        "[a-zA-Z]{1,6}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..14).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC*") {
        let found = recognise(&s);
        check_invariants(&s, &found)?;
    }

    #[test]
    fn any_chars_never_panic(s in ".{0,64}") {
        let found = recognise(&s);
        check_invariants(&s, &found)?;
    }

    #[test]
    fn newsy_text_is_well_formed(s in newsy()) {
        let found = recognise(&s);
        check_invariants(&s, &found)?;
    }

    #[test]
    fn integers_round_trip(n in 0u64..1_000_000_000_000, sep in prop::sample::select(vec!["", ",", "\u{a0}", "\u{2009}", " "])) {
        let written = grouped(n, sep);
        let sentence = format!("The ministry counted {written} items on Monday.");
        let found = recognise(&sentence);
        prop_assert_eq!(found.len(), 1, "{} → {:?}", sentence, found);
        prop_assert_eq!(found[0].text.as_str(), written.as_str());
        prop_assert_eq!(found[0].stated, Some(n as f64));
    }

    #[test]
    fn qualifiers_bound_the_value(
        n in 1u64..10_000_000,
        (phrase, qualifier) in prop::sample::select(vec![
            ("about", "approx"), ("nearly", "nearly"), ("more than", "more-than"),
            ("at least", "at-least"), ("up to", "up-to"), ("fewer than", "less-than"),
        ]),
    ) {
        let written = grouped(n, ",");
        let sentence = format!("Officials said {phrase} {written} people were displaced.");
        let found = recognise(&sentence);
        prop_assert_eq!(found.len(), 1, "{} → {:?}", sentence, found);
        let q = &found[0];
        let v = n as f64;
        prop_assert_eq!(q.text.clone(), format!("{phrase} {written}"));
        prop_assert_eq!(q.qualifier.as_str(), qualifier);
        prop_assert_eq!(q.stated, Some(v));
        let (lo, hi) = q.hard();
        prop_assert!(lo <= v && v <= hi || qualifier == "more-than" && lo == v);
        let (slo, shi) = q.soft();
        prop_assert!(slo <= shi);
        prop_assert!(!q.delta);
    }

    #[test]
    fn ranges_are_ordered(a in 1u64..5_000, gap in 1u64..100_000, sep in prop::sample::select(vec!["-", "–", " to ", " – "])) {
        let (lo, hi) = (a, a + gap);
        let written = format!("{}{sep}{}", grouped(lo, ","), grouped(hi, ","));
        let sentence = format!("Between them, {written} people fled.");
        let found = recognise(&sentence);
        prop_assert_eq!(found.len(), 1, "{} → {:?}", sentence, found);
        let q = &found[0];
        prop_assert_eq!(q.text.as_str(), written.as_str());
        prop_assert_eq!(q.qualifier.as_str(), "range");
        prop_assert_eq!((q.lo, q.hi, q.stated), (Some(lo as f64), Some(hi as f64), None));
    }

    #[test]
    fn tolerance_widens_approximations(n in 1u64..10_000_000, t in 0.0f64..0.5) {
        let found = recognise(&format!("about {n} people"));
        prop_assert_eq!(found.len(), 1);
        let q = with_tolerance(&found[0], t);
        let v = n as f64;
        // "about" keeps at least the floor of approximate words, whatever the kind's tolerance.
        let t = t.max(factdiff::quantity::APPROXIMATE_FLOOR);
        prop_assert!((q.lo.unwrap_or(f64::NAN) - v * (1.0 - t)).abs() <= 1e-6 * v);
        prop_assert!((q.hi.unwrap_or(f64::NAN) - v * (1.0 + t)).abs() <= 1e-6 * v);
    }
}

/// Throughput on a few MB of news text built by repeating the seed articles (`corpus/seeds`, or the
/// folder in `FACTDIFF_SEEDS`). A measurement, not a check: run with
/// `cargo test --release --test quantity_props -- --ignored --nocapture throughput`.
#[test]
#[ignore = "a measurement: run it on its own with --ignored --nocapture"]
fn throughput() {
    let dir = std::env::var_os("FACTDIFF_SEEDS").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds"),
        std::path::PathBuf::from,
    );
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read seeds {dir:?}: {e}"));
    let mut seed = String::new();
    for e in entries.flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            seed.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            seed.push('\n');
        }
    }
    assert!(!seed.is_empty(), "no .txt seed in {dir:?}");
    let mut text = String::new();
    while text.len() < 4_000_000 {
        text.push_str(&seed);
    }
    let words = text.split_whitespace().count();
    let _ = recognise(&seed); // warm up the lazily built tables
    let started = std::time::Instant::now();
    let mut found = 0;
    // per paragraph, as the pipeline calls it per sentence or paragraph
    for para in text.split('\n') {
        found += recognise(para).len();
    }
    let per_para = started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    let whole = recognise(&text).len();
    let one_call = started.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB, {words} words: per paragraph {:.1} MB/s ({:.2} M words/s, {found} quantities); \
         one call {:.1} MB/s ({whole} quantities)",
        mb / per_para,
        words as f64 / per_para / 1e6,
        mb / one_call
    );
}
