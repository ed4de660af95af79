//! `compare::compare_claims` on 10⁴, 10⁵ and 10⁶ synthetic claims, built directly (no extraction):
//! 330 (kind, subject) groups over the default rules' kinds, claims from one document in eight,
//! as-of dates over eight weeks (1 % undated), figures that grow over time with a few percent of noise,
//! qualifiers (exact, about, at least, more than, nearly), some outliers and falls, so that conflicts,
//! disputes, tensions, regressions and evolutions all occur.
//!
//! `cargo bench --bench compare`

use divan::counter::ItemsCount;
use divan::Bencher;
use factdiff::compare;
use factdiff::model::{Attribution, Claim, Document, Modality, Span};
use factdiff::quantity;
use factdiff::rules::RuleSet;
use factdiff::time::Date;
use std::collections::BTreeMap;

fn main() {
    divan::main();
}

/// Number of (kind, subject) groups.
const GROUPS: usize = 330;

/// xorshift64*, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes `v` with thousands separators, as news text does.
fn grouped(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn document(id: String) -> Document {
    Document {
        path: format!("{id}.txt"),
        id,
        outlet: None,
        published: None,
        published_precision: Default::default(),
        url: None,
        title: None,
        language: None,
        event: None,
        event_inferred: None,
        event_reason: None,
        meta: BTreeMap::new(),
        text: String::new(),
        body_start: 0,
    }
}

/// `n` claims and the documents they come from.
fn synthetic(n: usize, rules: &RuleSet) -> (Vec<Document>, Vec<Claim>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let docs: Vec<Document> = (0..n.div_ceil(8))
        .map(|i| document(format!("d{i:07}")))
        .collect();
    let parties = [Some("gaza-authorities"), Some("israel"), None];
    let qualifiers = ["", "", "", "about ", "at least ", "more than ", "nearly "];
    let start = Date::new(2023, 10, 7).expect("valid date");
    let mut per_doc = vec![0usize; docs.len()];
    let mut claims = Vec::with_capacity(n);
    for _ in 0..n {
        let g = rng.below(GROUPS);
        let kind = &rules.kinds[g % rules.kinds.len()];
        let base = 50.0 * (1 + g % 400) as f64;
        let day = rng.below(56) as i64;
        // Tallies grow about 1 % a day; a few figures are outliers or fall.
        let mut v = base * (1.0 + 0.01 * day as f64) * (1.0 + 0.04 * (rng.unit() - 0.5));
        match rng.below(100) {
            0..=2 => v *= 1.6,
            3..=4 => v *= 0.6,
            _ => {}
        }
        let text = format!(
            "{}{}",
            qualifiers[rng.below(qualifiers.len())],
            grouped(v.max(1.0) as u64)
        );
        let q = quantity::recognise(&text)
            .into_iter()
            .next()
            .expect("a figure is recognised");
        let d = rng.below(docs.len());
        per_doc[d] += 1;
        let party = parties[rng.below(parties.len())];
        claims.push(Claim {
            id: format!("{}:c{}", docs[d].id, per_doc[d]),
            doc: docs[d].id.clone(),
            kind: kind.id.clone(),
            subject: format!("subject-{g}"),
            scope: (rng.below(20) == 0).then(|| "children".to_string()),
            unit: kind.unit.clone(),
            modality: if rng.below(10) == 0 {
                Modality::Planned
            } else {
                Modality::Reported
            },
            as_of: (rng.below(100) != 0).then(|| start.plus_days(day)),
            as_of_precision: Default::default(),
            rule: "synthetic".into(),
            place: None,
            quantity: quantity::with_tolerance(&q, kind.tolerance),
            attribution: Attribution {
                as_written: None,
                entity: party.map(str::to_string),
                party: party.map(str::to_string),
            },
            span: Span {
                start: per_doc[d] * 100,
                end: per_doc[d] * 100 + text.len(),
                line: per_doc[d],
                column: 1,
            },
            sentence: String::new(),
        });
    }
    (docs, claims)
}

/// Groups, slices, agreement sets and findings for `n` claims.
#[divan::bench(args = [10_000, 100_000, 1_000_000], sample_count = 10, sample_size = 1)]
fn compare_claims(bencher: Bencher, n: usize) {
    let rules = RuleSet::embedded().expect("default rules compile");
    let (docs, claims) = synthetic(n, &rules);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| compare::compare_claims(&docs, &claims, &rules).len());
}
