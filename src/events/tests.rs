//! Tests of event grouping.

use super::*;
use crate::corpus::parse_document;

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules")
}

fn doc(id: &str, published: &str, event: Option<&str>, body: &str) -> Document {
    let mut front = format!("+++\nid = \"{id}\"\npublished = {published}\n");
    if let Some(e) = event {
        front.push_str(&format!("event = \"{e}\"\n"));
    }
    front.push_str("+++\n");
    parse_document(
        &format!("{id}.txt"),
        id,
        format!("{front}{body}\n").as_bytes(),
    )
    .expect("test document")
}

fn choose(docs: &[Document]) -> Vec<EventChoice> {
    let rules = rules();
    let cues: Vec<EventCues> = docs.iter().map(|d| cues(d, &rules)).collect();
    assign(docs, &cues)
}

const QUAKE_A: &str = "The earthquake in Turkey killed 5,000 people in Hatay, officials said.";
const QUAKE_B: &str = "Rescuers in Turkey pulled survivors from the rubble after the quake.";
const FLOOD: &str = "Floods in Pakistan displaced 30,000 people after the monsoon.";

#[test]
fn cues_read_event_words_and_countries() {
    let c = cues(&doc("a", "2023-02-07", None, QUAKE_A), &rules());
    assert_eq!(c.main_type(), Some("earthquake"));
    assert_eq!(c.family.as_deref(), Some("earthquake"));
    assert_eq!(c.countries, ["turkey"]);
    let c = cues(
        &doc(
            "b",
            "2023-10-12",
            None,
            "Airstrikes on Gaza and shelling in Israel.",
        ),
        &rules(),
    );
    assert_eq!(c.family.as_deref(), Some("violence"));
    assert_eq!(c.countries, ["israel", "palestine"]);
}

#[test]
fn documents_of_one_disaster_share_an_inferred_event_and_others_do_not() {
    let docs = [
        doc("a", "2023-02-07", None, QUAKE_A),
        doc("b", "2023-02-09", None, QUAKE_B),
        doc("c", "2022-08-30", None, FLOOD),
    ];
    let c = choose(&docs);
    assert_eq!(c[0].event.as_deref(), Some("earthquake-turkey-2023-02"));
    assert_eq!(c[1].event, c[0].event);
    assert_eq!(c[0].source, EventSource::Inferred);
    assert_eq!(
        c[0].reason,
        "inferred: earthquake in turkey, published 2023-02-07 to 2023-02-09, 2 documents"
    );
    assert_eq!(c[2].event.as_deref(), Some("flood-pakistan-2022-08"));
    assert!(
        c[2].reason.ends_with("no other document of it"),
        "{}",
        c[2].reason
    );
}

#[test]
fn dates_far_apart_make_two_events_of_one_kind_and_place() {
    let docs = [
        doc("a", "2023-02-07", None, QUAKE_A),
        doc("b", "2023-11-20", None, QUAKE_B),
    ];
    let c = choose(&docs);
    assert_eq!(c[0].event.as_deref(), Some("earthquake-turkey-2023-02"));
    assert_eq!(c[1].event.as_deref(), Some("earthquake-turkey-2023-11"));
}

#[test]
fn a_war_chains_over_months() {
    let docs = [
        doc(
            "a",
            "2023-10-27",
            None,
            "Airstrikes on Gaza killed 7,000 people.",
        ),
        doc("b", "2023-12-20", None, "Shelling in Gaza went on."),
        doc(
            "c",
            "2024-02-11",
            None,
            "Israeli strikes and fighting in Gaza.",
        ),
    ];
    let c = choose(&docs);
    assert!(c.iter().all(|x| x.event == c[0].event), "{c:?}");
    assert!(
        c[0].event
            .as_deref()
            .is_some_and(|e| e.ends_with("-2023-10")),
        "{c:?}"
    );
}

#[test]
fn front_matter_wins_and_names_its_group() {
    let docs = [
        doc("a", "2023-02-07", Some("kahramanmaras-quake"), QUAKE_A),
        doc("b", "2023-02-09", None, QUAKE_B),
    ];
    let c = choose(&docs);
    assert_eq!(c[0].source, EventSource::FrontMatter);
    assert_eq!(c[0].reason, "front matter");
    assert_eq!(c[1].event.as_deref(), Some("kahramanmaras-quake"));
    assert_eq!(c[1].source, EventSource::Inferred);
    assert!(
        c[1].reason
            .contains("front matter names kahramanmaras-quake"),
        "{}",
        c[1].reason
    );
}

#[test]
fn documents_without_cues_get_no_event_and_say_why() {
    let docs = [
        doc("a", "2023-02-07", None, "Officials met on Tuesday."),
        doc("b", "2023-02-07", None, "The earthquake was strong."),
    ];
    let c = choose(&docs);
    assert_eq!(c[0].event, None);
    assert_eq!(
        c[0].reason,
        "not inferred (no event word): compared with every event"
    );
    assert_eq!(
        c[1].reason,
        "not inferred (no place named): compared with every event"
    );
}

#[test]
fn grouping_does_not_depend_on_document_order() {
    let docs = vec![
        doc("a", "2023-02-07", None, QUAKE_A),
        doc("c", "2022-08-30", None, FLOOD),
        doc("b", "2023-02-09", None, QUAKE_B),
    ];
    let forward = choose(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    let mut backward = choose(&reversed);
    backward.reverse();
    assert_eq!(forward, backward);
}

#[test]
fn apply_sets_the_new_document_keys() {
    let mut docs = vec![
        doc("a", "2023-02-07", None, QUAKE_A),
        doc("b", "2023-02-09", Some("e1"), QUAKE_B),
    ];
    let rules = rules();
    let cues: Vec<EventCues> = docs.iter().map(|d| cues(d, &rules)).collect();
    apply(&mut docs, &cues);
    assert_eq!(docs[0].event_inferred.as_deref(), Some("e1"));
    assert_eq!(docs[0].effective_event(), Some("e1"));
    assert_eq!(docs[1].event_inferred, None);
    assert_eq!(docs[1].event_reason.as_deref(), Some("front matter"));
}
