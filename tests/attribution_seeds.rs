//! Quote recall and speaker accuracy of the attribution stage on the five seed articles, scored the way
//! `/work/shared/eval/score.py` scores them: a gold quote is found when the first five words of its
//! `quote_start` appear in the first forty words of a quote's text (folded); its speaker is right when a
//! word (three letters or more) of the gold speaker appears in the quote's speaker words, entity and party.

use factdiff::attribution::analyse;
use factdiff::model::{Document, Quote};
use factdiff::rules::RuleSet;
use factdiff::segment;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The shared data folder: beside the repository (as in CI), else the workplace's `/work/shared`.
fn shared() -> std::path::PathBuf {
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if beside.is_dir() {
        beside
    } else {
        std::path::PathBuf::from("/work/shared")
    }
}

fn seeds_dir() -> String {
    shared().join("seeds").display().to_string()
}

fn gold_path() -> String {
    shared().join("eval/seeds-gold.toml").display().to_string()
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

fn document(id: &str, text: String) -> Document {
    Document {
        id: id.to_string(),
        path: format!("{}/{id}.txt", seeds_dir()),
        outlet: None,
        published: None,
        url: None,
        title: None,
        language: None,
        event: None,
        event_inferred: None,
        event_reason: None,
        meta: Default::default(),
        text,
        body_start: 0,
    }
}

fn quotes_of(id: &str, rules: &RuleSet) -> Option<Vec<Quote>> {
    let text = std::fs::read_to_string(Path::new(&seeds_dir()).join(format!("{id}.txt"))).ok()?;
    let doc = document(id, text);
    let sentences = segment::sentences(&doc.text, doc.body_start..doc.text.len());
    Some(analyse(&doc, &sentences, &rules.entities).quotes)
}

#[test]
fn seed_quote_recall_and_speaker_accuracy() {
    let Ok(gold_text) = std::fs::read_to_string(gold_path()) else {
        eprintln!("{} not found; skipping", gold_path());
        return;
    };
    let gold: toml::Value = toml::from_str(&gold_text).expect("gold parses");
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let (mut total, mut found, mut right) = (0, 0, 0);
    let docs = gold
        .get("doc")
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    for d in &docs {
        let id = d.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        let Some(quotes) = quotes_of(id, &rules) else {
            panic!("seed {id} missing");
        };
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
    assert!(total > 0);
    assert!(recall >= 0.90, "quote recall {recall:.3}");
    assert!(accuracy >= 0.85, "speaker accuracy {accuracy:.3}");
}

#[test]
fn every_seed_analyses_without_panicking_and_ids_are_ordered() {
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let Ok(dir) = std::fs::read_dir(seeds_dir()) else {
        return;
    };
    let mut ids: Vec<String> = dir
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    ids.sort();
    for id in ids {
        let quotes = quotes_of(&id, &rules).unwrap_or_default();
        for (n, q) in quotes.iter().enumerate() {
            assert_eq!(q.id, format!("{id}:q{}", n + 1));
            eprintln!(
                "{} [{}] {:?} — {:?} / {:?}",
                q.id,
                q.channel.as_str(),
                q.text,
                q.speaker.as_written,
                q.speaker.entity
            );
        }
    }
}
