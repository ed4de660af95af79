//! Quotes and speakers of the attribution stage on the five seed articles in `corpus/seeds`, against
//! expectations written for this repository by reading the articles (`seed_quotes_and_speakers`).
//! An opt-in evaluation (`seed_quote_recall_and_speaker_accuracy`, `#[ignore]`d: see CONTRIBUTING.md)
//! scores them against an external gold file the way its scorer does: a gold quote is found when the
//! first five words of its `quote_start` appear in the first forty words of a quote's text (folded); its
//! speaker is right when a word (three letters or more) of the gold speaker appears in the quote's
//! speaker words, entity and party.

mod common;

use factdiff::model::Quote;
use unicode_normalization::UnicodeNormalization;

/// The quotes factdiff finds in `corpus/seeds`, document by document.
fn seed_quotes() -> Vec<Quote> {
    let a = common::analyse_case("seeds");
    assert!(a.errors.is_empty(), "{:?}", a.errors);
    assert_eq!(a.documents.len(), 5);
    a.quotes
}

/// Every quote of the seeds as a reader finds it: the document's number, the quote's first words, and
/// the entity the speaker is (`None`: unnamed, such as "diplomatic sources", "a US official", or no
/// speaker at all, as for a headline's scare quotes).
const EXPECTED: &[(&str, &str, Option<&str>)] = &[
    (
        "000",
        "We are getting closer to concluding",
        Some("ismail-haniyeh"),
    ),
    ("000", "We have never been so close", Some("john-kirby")),
    ("000", "Is a hostage release agreement near", None), // a journalist's question
    ("000", "I believe", Some("joe-biden")),
    ("000", "advance on humanitarian issues", Some("icrc")), // the ICRC president's aim
    ("000", "teams be allowed to visit", Some("icrc")),
    ("000", "Recovering our hostages", Some("benjamin-netanyahu")),
    (
        "000",
        "We will not stop the fighting",
        Some("benjamin-netanyahu"),
    ),
    ("000", "israelo-Palestinian conflict", Some("kremlin")),
    ("001", "The movement has transmitted", Some("hamas")),
    ("001", "would announce in a matter of hours", Some("hamas")), // a Hamas official
    (
        "001",
        "The main objective of the contact group",
        Some("gaza-contact-group"),
    ),
    (
        "002",
        "close to reaching a truce agreement",
        Some("ismail-haniyeh"),
    ),
    ("002", "we are very close to a deal", None), // a senior Israeli official
    ("002", "technical issues", None),            // the same official
    ("002", "advance humanitarian issues", Some("icrc")),
    ("002", "to facilitate any future release", Some("icrc")),
    ("003", "some shortcomings", None),              // headline
    ("003", "significant progress", None),           // headline
    ("003", "real progress", Some("us-government")), // a senior official of the administration
    ("003", "and they have nowhere to go", Some("joe-biden")),
    ("003", "major progress has been made", None), // a US official
    ("003", "hinder negotiations", Some("hamas")), // a leading source in the movement
    (
        "003",
        "Victory is within our reach",
        Some("benjamin-netanyahu"),
    ),
    ("004", "significant progress", None), // diplomatic sources
    ("004", "there are still outstanding issues", None),
    ("004", "offer a price", None),               // Israeli sources
    ("004", "civilian prisoners", Some("hamas")), // "He": the Hamas leader visiting Moscow
    ("004", "humanitarian alliance", Some("emmanuel-macron")),
    (
        "004",
        "target terrorists precisely",
        Some("emmanuel-macron"),
    ),
    // Macron "called … for a “humanitarian truce”", later "He" (Sanchez) quotes the EU's call for
    // one: kept once, at its best-attributed occurrence (Macron is named).
    ("004", "humanitarian truce", Some("emmanuel-macron")),
];

/// Expectations factdiff does not meet yet, with the speaker entity it gives today. When one is
/// mended, this test fails: move the quote out of this list.
const KNOWN_GAPS: &[(&str, &str, Option<&str>)] = &[
    // "…met … leaders of Qatar … to “advance on humanitarian issues …”": no speech verb.
    ("000", "advance on humanitarian issues", None),
    // "He added that Hamas … intends to release “civilian prisoners.”": "He" is not resolved
    // back to "a Hamas leader" three sentences earlier.
    ("004", "civilian prisoners", None),
];

#[test]
fn seed_quotes_and_speakers() {
    let quotes = seed_quotes();
    let find = |doc: &str, start: &str| {
        quotes
            .iter()
            .find(|q| q.doc.starts_with(doc) && fold(&q.text).starts_with(&fold(start)))
    };
    let mut wrong = Vec::new();
    for &(doc, start, entity) in EXPECTED {
        let q = find(doc, start).unwrap_or_else(|| panic!("{doc}: quote {start:?} not found"));
        let got = q.speaker.entity.as_deref();
        let gap = KNOWN_GAPS.iter().find(|g| g.0 == doc && g.1 == start);
        match gap {
            Some(&(_, _, today)) => assert_eq!(
                got, today,
                "{doc} {start:?}: the known gap changed (want {entity:?}); update KNOWN_GAPS"
            ),
            None if got != entity => {
                wrong.push(format!("{doc} {start:?}: {got:?}, want {entity:?}"))
            }
            None => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Nothing beyond the expected quotes.
    assert_eq!(quotes.len(), EXPECTED.len(), "{quotes:#?}");
}

#[test]
fn quote_ids_are_numbered_in_document_order() {
    let quotes = seed_quotes();
    let mut n = 0;
    for (k, q) in quotes.iter().enumerate() {
        n = if k > 0 && quotes[k - 1].doc == q.doc {
            n + 1
        } else {
            1
        };
        assert_eq!(q.id, format!("{}:q{n}", q.doc));
    }
}

/// The scorer's fold: NFKD, no combining marks, unified quotes and dashes, collapsed space, lower case.
fn fold(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            c => c,
        })
        .collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The scorer's `words(s, n)`: the first `n` runs of word characters and apostrophes.
fn words(s: &str, n: usize) -> String {
    let f = fold(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in f.chars() {
        if c.is_alphanumeric() || c == '_' || c == '\'' {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.truncate(n);
    out.join(" ")
}

/// Opt-in evaluation against an external gold file of the seeds' quotes (TOML: `[[doc]]` with `id`
/// and `[[doc.quote]]` with `quote_start` and `speaker`), given in `FACTDIFF_SEEDS_GOLD`: quote
/// recall at least 0.90 and speaker accuracy at least 0.85. Run with
/// `FACTDIFF_SEEDS_GOLD=…/seeds-gold.toml cargo test --release --test attribution_seeds -- --ignored --nocapture`.
/// Without the variable, or with a file that cannot be read, the test fails.
#[test]
#[ignore = "needs a gold file outside the repository: set FACTDIFF_SEEDS_GOLD"]
fn seed_quote_recall_and_speaker_accuracy() {
    let path = std::env::var_os("FACTDIFF_SEEDS_GOLD")
        .expect("set FACTDIFF_SEEDS_GOLD to the gold file to run this evaluation");
    let gold_text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read FACTDIFF_SEEDS_GOLD {path:?}: {e}"));
    let gold: toml::Value = toml::from_str(&gold_text).expect("gold parses");
    let all = seed_quotes();
    let (mut total, mut found, mut right) = (0, 0, 0);
    let docs = gold
        .get("doc")
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    for d in &docs {
        let id = d.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        let quotes: Vec<&Quote> = all.iter().filter(|q| q.doc == id).collect();
        assert!(
            all.iter().any(|q| q.doc == id) || d.get("quote").is_none(),
            "seed {id} missing"
        );
        for g in d
            .get("quote")
            .and_then(|q| q.as_array())
            .into_iter()
            .flatten()
        {
            total += 1;
            let start = words(
                g.get("quote_start").and_then(|v| v.as_str()).unwrap_or(""),
                5,
            );
            let speaker = g.get("speaker").and_then(|v| v.as_str()).unwrap_or("");
            let hit = quotes
                .iter()
                .find(|q| !start.is_empty() && words(&q.text, 40).contains(&start));
            let Some(q) = hit else {
                eprintln!("MISSED {id}: {start:?}");
                continue;
            };
            found += 1;
            let said = fold(
                &[&q.speaker.as_written, &q.speaker.entity, &q.speaker.party]
                    .iter()
                    .map(|o| o.as_deref().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let keys: Vec<String> = words(speaker, 100)
                .split(' ')
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_string)
                .collect();
            if keys.iter().any(|k| said.contains(k.as_str())) {
                right += 1;
            } else {
                eprintln!(
                    "WRONG SPEAKER {id}: {start:?}: gold {speaker:?}, got {:?}",
                    q.speaker
                );
            }
        }
    }
    let recall = found as f64 / total.max(1) as f64;
    let accuracy = right as f64 / found.max(1) as f64;
    eprintln!("quote recall {recall:.3} ({found}/{total}), speaker accuracy {accuracy:.3} ({right}/{found})");
    assert!(total > 0, "no gold quote in {path:?}");
    assert!(recall >= 0.90, "quote recall {recall:.3}");
    assert!(accuracy >= 0.85, "speaker accuracy {accuracy:.3}");
}
