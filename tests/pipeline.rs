//! The pipeline's bookkeeping: documents that share an id are told apart after extraction (their claims
//! and quotes follow the new id), and a document's text is dropped after extraction unless a report
//! needs it.

use factdiff::pipeline::{self, InlineDocument, Inputs, Options};
use factdiff::rules::RuleSet;

fn article(name: &str, figure: &str) -> InlineDocument {
    InlineDocument {
        name: format!("{name}.txt"),
        stem: name.to_string(),
        bytes: format!(
            "+++\nid = \"same\"\noutlet = \"Outlet {name}\"\npublished = 2023-11-09\n+++\n\
             Strikes hit Gaza again\n\nIn all, {figure} Palestinians have been killed in Gaza so far, \
             the health ministry said. “We are counting every name,” the minister said.\n"
        )
        .into_bytes(),
    }
}

fn inputs() -> Inputs {
    Inputs {
        inline: vec![article("a", "9,200"), article("b", "10,800")],
        ..Inputs::default()
    }
}

#[test]
fn documents_sharing_an_id_keep_their_own_claims_and_quotes() {
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let a = pipeline::analyse(&inputs(), &rules);
    let ids: Vec<&str> = a.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["same", "same~2"]);
    let claims: Vec<(&str, &str, &str)> = a
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.doc.as_str(), c.quantity.text.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            ("same:c1", "same", "9,200"),
            ("same~2:c1", "same~2", "10,800")
        ]
    );
    let quotes: Vec<(&str, &str)> = a
        .quotes
        .iter()
        .map(|q| (q.id.as_str(), q.doc.as_str()))
        .collect();
    assert_eq!(quotes, [("same:q1", "same"), ("same~2:q1", "same~2")]);
}

#[test]
fn text_is_dropped_after_extraction_unless_kept() {
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let dropped = pipeline::analyse(&inputs(), &rules);
    assert!(dropped
        .documents
        .iter()
        .all(|d| d.text.is_empty() && d.body().is_empty()));
    let kept = pipeline::analyse_with(
        &inputs(),
        &rules,
        Options {
            keep_text: true,
            ..Options::default()
        },
        &(),
    );
    assert!(kept
        .documents
        .iter()
        .all(|d| d.body().contains("Palestinians")));
    assert_eq!(dropped.claims, kept.claims);
    assert_eq!(dropped.findings, kept.findings);
}
