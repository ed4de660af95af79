//! Tests of the embedded gazetteer: names, aliases, demonyms, common words, clause places.

use super::*;

fn g() -> &'static Gazetteer {
    Gazetteer::embedded()
}

/// The ids of the places `text` names.
fn ids(text: &str) -> Vec<String> {
    g().find_places(text)
        .iter()
        .map(|m| g().place(m.place).id.clone())
        .collect()
}

fn clause(text: &str) -> Option<String> {
    g().place_of_clause(text).map(|p| p.id)
}

#[test]
fn embedded_data_loads_and_is_large() {
    assert!(g().len() > 40_000, "{} places", g().len());
    for id in [
        "turkey",
        "syria",
        "myanmar",
        "united-states",
        "palestine",
        "turkey/hatay",
    ] {
        assert!(g().by_id(id).is_some(), "{id}");
    }
    assert!(g().by_id("palestine/gaza-strip").is_some());
    assert!(g().by_id("palestine/west-bank").is_some());
}

#[test]
fn aliases_and_demonyms_name_the_country() {
    assert_eq!(ids("Türkiye and Turkey"), ["turkey", "turkey"]);
    assert_eq!(ids("Turkish rescuers"), ["turkey"]);
    assert_eq!(ids("Syrian refugees from Syria"), ["syria", "syria"]);
    assert_eq!(
        ids("Myanmar, or Burma, and the Burmese army"),
        ["myanmar", "myanmar", "myanmar"]
    );
    assert_eq!(
        ids("the United States, the U.S., the US and American aid"),
        [
            "united-states",
            "united-states",
            "united-states",
            "united-states"
        ]
    );
    assert_eq!(
        ids("in the Gaza Strip and the West Bank"),
        ["palestine/gaza-strip", "palestine/west-bank"]
    );
    // "Gaza" alone is the Strip (a hand alias), not Mozambique's Gaza province nor only the city.
    assert_eq!(ids("strikes on Gaza"), ["palestine/gaza-strip"]);
    let m = &g().find_places("Türkiye's toll")[0];
    assert_eq!(m.span, 0..8);
    assert!(m.possessive && !m.demonym);
    assert!(g().find_places("Turkish")[0].demonym);
}

#[test]
fn all_capital_aliases_only_in_capitals() {
    assert!(ids("let us go").is_empty());
    assert!(ids("Us and them").is_empty());
    assert_eq!(ids("the US said"), ["united-states"]);
}

#[test]
fn names_must_be_capitalised() {
    assert!(ids("a roast turkey and a syria").is_empty());
    assert_eq!(ids("in Antakya"), ["turkey/hatay/antakya"]);
    assert!(ids("in antakya").is_empty());
}

#[test]
fn regions_and_cities_hang_on_their_country() {
    let hatay = g().by_id("turkey/hatay").unwrap();
    assert_eq!(g().place(hatay).kind, PlaceKind::Region);
    assert_eq!(g().country_of(hatay).id, "turkey");
    let found = g().find_places("in Lahaina");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, PlaceKind::City);
    assert_eq!(g().country_of(found[0].place).id, "united-states");
    assert_eq!(g().place(found[0].place).id, "united-states/hawaii/lahaina");
}

#[test]
fn common_word_towns_need_a_cue() {
    for text in [
        "Of the dead, most were children.",
        "Rescuers said it was a Deal.",
        "Most of the victims were in the north.",
        "Police said 12 people died.",
        "Reading the list, officials added names.",
        "A Van carrying aid overturned.",
        "Nice weather helped rescuers.",
        "They Split the aid.",
        "Bath time was over.",
        "Hope faded on Monday.",
        "Mobile networks were down.",
        "Victoria Beckham and others donated.",
        "A Bar owner said so.",
    ] {
        assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
    }
    assert_eq!(
        clause("in the town of Paradise, California"),
        Some("united-states/california/paradise".into())
    );
    // Without a region, the larger Paradise (Nevada) is taken.
    assert_eq!(
        clause("in the town of Paradise"),
        Some("united-states/nevada/paradise".into())
    );
    assert_eq!(ids("Van province"), ["turkey/van"]);
    let split = ids("in Split, Croatia");
    assert_eq!(split.len(), 2, "{split:?}");
    assert!(split[0].starts_with("croatia/"), "{split:?}");
}

#[test]
fn towns_inside_longer_proper_names_are_not_places() {
    assert!(
        ids("Hurricane Harvey hit").is_empty(),
        "{:?}",
        ids("Hurricane Harvey hit")
    );
    assert!(
        ids("said Mr Aleppo Smith").is_empty()
            || !ids("said Mr Aleppo Smith")
                .iter()
                .any(|i| i.contains("aleppo"))
    );
    let aleppo = ids("In Aleppo, rescuers");
    assert_eq!(aleppo.len(), 1);
    assert!(
        aleppo[0].starts_with("syria/") && aleppo[0].ends_with("/aleppo"),
        "{aleppo:?}"
    );
}

#[test]
fn alternate_names_need_a_preposition_of_place() {
    // "Hamas" is one of GeoNames' alternate names of Hamm (Germany).
    assert!(
        ids("killed in the Hamas attack").is_empty(),
        "{:?}",
        ids("killed in the Hamas attack")
    );
    assert!(ids("Hamas, which has released").is_empty());
    // "Antep" (Gaziantep) is an alternate name: taken after "in", not alone.
    assert!(ids("Antep was founded long ago").is_empty());
    assert_eq!(ids("in Antep"), ["turkey/gaziantep/gaziantep"]);
}

#[test]
fn place_of_clause_follows_prepositions_possessives_and_countries() {
    assert_eq!(
        clause("killed 45,000 people in Turkey"),
        Some("turkey".into())
    );
    assert_eq!(
        clause("more than 5,900 died in Syria"),
        Some("syria".into())
    );
    assert_eq!(
        clause("the combined toll across Turkey and Syria rose to 50,000"),
        Some("syria+turkey".into())
    );
    assert_eq!(
        clause("50,000 killed in Syria and Turkey"),
        Some("syria+turkey".into())
    );
    assert_eq!(
        clause("at least 1,200 died in Hatay province"),
        Some("turkey/hatay".into())
    );
    assert_eq!(
        clause("in Turkey's Hatay province, 20,000 died"),
        Some("turkey/hatay".into())
    );
    assert_eq!(
        clause("Turkey's death toll rose to 44,000"),
        Some("turkey".into())
    );
    assert_eq!(
        clause("the fire killed 99 in Lahaina"),
        Some("united-states/hawaii/lahaina".into())
    );
    assert_eq!(
        clause("in Antakya, Turkey, 300 bodies were found"),
        Some("turkey/hatay/antakya".into())
    );
    // A demonym alone is not a place: "Israeli strikes", "Palestinian prisoners".
    assert_eq!(clause("Turkish officials said 100 had died"), None);
    assert_eq!(
        clause("100 died, Pakistan's disaster agency said"),
        Some("pakistan".into())
    );
    assert_eq!(
        clause("officials in Pakistan said 100 died"),
        Some("pakistan".into())
    );
    // A destination is not where the figure stands.
    assert_eq!(
        clause("13 hostages were released and crossed into Egypt"),
        None
    );
    // Nor a demonym after a preposition, nor a place after a comma and "the".
    assert_eq!(
        clause("1.3 million people are sheltering in Rafah, near the Egyptian border"),
        Some("palestine/gaza-strip/rafah".into())
    );
    assert_eq!(
        clause("300 people were killed in the blast in Gaza, the Israeli military said"),
        Some("palestine/gaza-strip".into())
    );
    assert_eq!(clause("100 people died"), None);
    // Two countries, neither after a preposition: no place.
    assert_eq!(clause("Turkish and Syrian officials said 100 died"), None);
    // The first preposition's places.
    assert_eq!(
        clause("4,000 died in Syria, officials in Turkey said"),
        Some("syria".into())
    );
    let p = g().place_of_clause("in Hatay province").unwrap();
    assert!(p.is_part_of_country());
    assert_eq!(p.country.as_deref(), Some("turkey"));
    let both = g().place_of_clause("across Turkey and Syria").unwrap();
    assert_eq!(both.kind, None);
    assert_eq!(both.country, None);
    assert!(!both.is_part_of_country());
}

#[test]
fn place_lookup_is_cheap() {
    let _ = g();
    let text =
        "Rescuers in Antakya, in Turkey's Hatay province, pulled survivors from the rubble as \
        the toll across Turkey and Syria passed 20,000, officials said on Thursday. "
            .repeat(50);
    let t = std::time::Instant::now();
    let n = g().find_places(&text).len();
    let took = t.elapsed();
    assert!(n >= 200, "{n}");
    // About 1,200 words: far below a millisecond in release; a generous bound for debug builds.
    assert!(took.as_millis() < 200, "{took:?}");
}

#[test]
fn a_documents_locus_is_the_place_most_of_its_lead_names() {
    let g = Gazetteer::embedded();
    let id = |d: &super::DocumentPlaces| d.locus.map(|p| g.place(p).id.clone());
    let turkey = g.document_places(
        "Quake toll rises in Turkey",
        "Rescuers in Turkey's Hatay province and in Gaziantep searched the rubble.",
    );
    assert_eq!(id(&turkey).as_deref(), Some("turkey"));
    let both = g.document_places(
        "Quake hits Turkey and Syria",
        "In Syria and Turkey, rescuers dug.",
    );
    assert_eq!(id(&both), None);
    // Later paragraphs naming agencies of other countries do not move it.
    let lead = format!(
        "The earthquake struck central Myanmar.{}",
        " Rescuers dug through the rubble.".repeat(20)
    );
    let body = format!(
        "{lead}{}",
        " India's agency and the United States agency measured it.".repeat(12)
    );
    assert_eq!(
        id(&g.document_places("", &body)).as_deref(),
        Some("myanmar")
    );
}

#[test]
fn a_figures_place_is_its_country_its_part_or_a_combination() {
    let g = Gazetteer::embedded();
    let doc = g.document_places("Quake toll rises in Turkey", "The quake struck Turkey.");
    let place = |clause: &str| g.figure_place(&doc, clause);
    assert_eq!(
        place("8,754 people died in Turkey").as_deref(),
        Some("turkey")
    );
    assert_eq!(
        place("3,000 died in Hatay province").as_deref(),
        Some("turkey/hatay")
    );
    assert_eq!(
        place("11,200 died across Turkey and Syria").as_deref(),
        Some("syria+turkey")
    );
    // No place in the clause: the document's country.
    assert_eq!(place("the toll rose to 9,000").as_deref(), Some("turkey"));
    // "Nationwide" makes a figure the country's whatever other place the clause names.
    let us = g.document_places(
        "Helene",
        "The storm hit Florida and North Carolina in the United States.",
    );
    assert_eq!(
        g.figure_place(
            &us,
            "Nationwide, 105 people died since it made landfall in Florida"
        )
        .as_deref(),
        Some("united-states")
    );
    assert_eq!(
        g.figure_place(&us, "30 died in North Carolina").as_deref(),
        Some("united-states/north-carolina")
    );
}

#[test]
fn a_document_about_one_country_decides_between_places_of_one_name() {
    let g = Gazetteer::embedded();
    // Florida: the US state, not Puerto Rico's municipality; Georgia: the state in an article naming
    // other US states.
    let doc = g.document_places(
        "",
        "Helene struck South Carolina, North Carolina and Tennessee after landfall in Florida.",
    );
    let place = |clause: &str| g.figure_place(&doc, clause);
    assert_eq!(
        place("25 died in Georgia").as_deref(),
        Some("united-states/georgia")
    );
    assert_eq!(
        place("42 died in Florida").as_deref(),
        Some("united-states/florida")
    );
}

#[test]
fn news_agencies_are_no_towns() {
    // "SANA" is also a town in Peru: a news agency named in a clause gives it no place.
    assert_eq!(
        clause("12 people were killed, the state SANA news agency said"),
        None
    );
    assert_eq!(clause("Reuters reported that 40 died"), None);
}

#[test]
fn a_country_named_as_a_modifier_is_no_place() {
    // "Britain-based", "US air strikes", "U.S. President": who acted, not where the figure stands.
    assert_eq!(
        clause("The Britain-based monitor said at least 140 people were wounded"),
        None
    );
    assert_eq!(clause("22 people were killed in US air strikes"), None);
    assert_eq!(
        clause("22 people were killed in Syria by US air strikes").as_deref(),
        Some("syria")
    );
    assert_eq!(
        clause("Turkey said 8,754 people died").as_deref(),
        Some("turkey")
    );
}
