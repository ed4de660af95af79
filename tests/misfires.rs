//! Sentences the seed-fitted rules of issue 17 misread, each through the whole pipeline with the
//! embedded rules: the claims (kind, subject, figure) it must give, and nothing else.

mod common;

use factdiff::pipeline::{self, InlineDocument, Inputs};

/// The claims of a one-sentence document, in text order: (kind, subject, stated figure).
fn claims(sentence: &str) -> Vec<(String, String, f64)> {
    let inputs = Inputs {
        inline: vec![InlineDocument {
            name: "misfire.txt".to_string(),
            stem: "misfire".to_string(),
            bytes: format!("+++\npublished = 2023-11-20\n+++\n{sentence}\n").into_bytes(),
        }],
        ..Inputs::default()
    };
    let a = pipeline::analyse(&inputs, &common::rules());
    let mut claims: Vec<_> = a.claims.iter().collect();
    claims.sort_by_key(|c| c.quantity.start);
    claims
        .into_iter()
        .map(|c| {
            (
                c.kind.clone(),
                c.subject.clone(),
                c.quantity.stated.expect("a stated figure"),
            )
        })
        .collect()
}

fn expected(list: &[(&str, &str, f64)]) -> Vec<(String, String, f64)> {
    list.iter()
        .map(|(k, s, v)| (k.to_string(), s.to_string(), *v))
        .collect()
}

#[test]
fn hostages_named_beside_a_toll_do_not_make_it_the_hostages_toll() {
    assert_eq!(
        claims(
            "More than 7,000 Palestinians have been killed in Gaza since Hamas took about 220 hostages."
        ),
        expected(&[
            ("killed", "gaza-palestinians", 7000.0),
            ("hostages.held", "hostages-in-gaza", 220.0),
        ])
    );
}

#[test]
fn people_displaced_across_gaza_and_pushed_towards_rafah_are_not_rafah_sheltering() {
    assert_eq!(
        claims(
            "About 1.9 million people have been displaced across Gaza, many of them pushed south \
             towards Rafah."
        ),
        expected(&[("displaced", "gaza-palestinians", 1_900_000.0)])
    );
}

#[test]
fn a_share_of_a_population_gives_the_population_not_a_displaced_figure() {
    assert_eq!(
        claims("Some 85% of Gaza's 2.3 million residents have been displaced."),
        expected(&[("population", "gaza", 2_300_000.0)])
    );
}

#[test]
fn the_part_of_a_whole_is_the_displaced_figure_and_the_whole_the_population() {
    assert_eq!(
        claims("Nearly 1.4 million of the Strip's 2.2 million people have been displaced."),
        expected(&[
            ("displaced", "gaza-palestinians", 1_400_000.0),
            ("population", "gaza", 2_200_000.0),
        ])
    );
    // The same class elsewhere: the part fled, the whole lives there.
    assert_eq!(
        claims(
            "More than 90,000 of the province's 400,000 inhabitants have fled their homes, the UN said."
        )
        .into_iter()
        .map(|(k, _, v)| (k, v))
        .collect::<Vec<_>>(),
        [
            ("displaced".to_string(), 90_000.0),
            ("population".to_string(), 400_000.0)
        ]
    );
}

#[test]
fn families_told_of_deaths_are_no_count_of_hostages() {
    assert_eq!(
        claims(
            "The Israeli military said it had told the families of 30 soldiers that they had been \
             killed in Gaza."
        ),
        expected(&[("killed", "israeli-soldiers", 30.0)])
    );
    assert_eq!(
        claims("Officials told the families of 12 miners that rescue teams had reached the shaft."),
        expected(&[])
    );
    // Families told that their relatives are held, or families of hostages, still count them.
    assert_eq!(
        claims(
            "Police said they had informed the families of 14 people that their relatives were \
             being held by the gang."
        ),
        expected(&[("hostages.held", "unspecified", 14.0)])
    );
    assert_eq!(
        claims(
            "The army said it had notified the relatives of 19 hostages that mediators were making \
             progress."
        ),
        expected(&[("hostages.held", "hostages-in-gaza", 19.0)])
    );
}

#[test]
fn a_figure_dating_something_after_a_truce_is_not_its_length() {
    assert_eq!(
        claims("Fighting resumed two days after the ceasefire collapsed."),
        expected(&[])
    );
    assert_eq!(
        claims("The warring parties agreed to a 72-hour ceasefire starting at midnight."),
        expected(&[("truce.duration", "unspecified", 3.0)])
    );
}
