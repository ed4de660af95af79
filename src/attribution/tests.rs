//! Unit tests of the attribution stage over small made-up wire copy.

use super::*;
use crate::rules::RuleSet;
use crate::segment;

fn doc(text: &str) -> Document {
    Document {
        id: "t".into(),
        path: "t.txt".into(),
        outlet: None,
        published: None,
        published_precision: Default::default(),
        url: None,
        title: None,
        language: None,
        event: None,
        event_inferred: None,
        event_reason: None,
        meta: Default::default(),
        text: text.into(),
        body_start: 0,
    }
}

fn run(text: &str) -> DocumentAttribution {
    let rules = RuleSet::embedded().expect("embedded rules compile");
    let d = doc(text);
    let s = segment::sentences(text, 0..text.len());
    analyse(&d, &s, &rules.entities)
}

fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    run(text)
        .quotes
        .into_iter()
        .map(|q| (q.text, q.speaker.as_written, q.speaker.entity))
        .collect()
}

fn speaker_of(text: &str) -> (Option<String>, Option<String>) {
    let q = run(text).quotes.into_iter().next().expect("a quote");
    (q.speaker.as_written, q.speaker.entity)
}

fn some(a: &str, e: Option<&str>) -> (Option<String>, Option<String>) {
    (Some(a.to_string()), e.map(str::to_string))
}

#[test]
fn quote_forms() {
    let q = quotes("“We are close,” he said, “but not there.”");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "We are close but not there.");
    let q = quotes("The envoy met Haniyeh to “advance humanitarian issues” in Doha.");
    assert_eq!(q[0].0, "advance humanitarian issues");
    let q =
        quotes("\"Talks continue,\" the minister said. «Rien n'est fait», a ajouté le ministre.");
    assert_eq!(
        q.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(),
        vec!["Talks continue", "Rien n'est fait"]
    );
    let q = quotes("Israel’s envoy said ‘the deal is close’ on Monday.");
    assert_eq!(q[0].0, "the deal is close");
    let q = quotes("“Victory is near. We will do it,” he said.");
    assert_eq!(q[0].0, "Victory is near. We will do it");
}

#[test]
fn ids_and_spans_are_in_file_coordinates() {
    let text = "Headline\n\nKirby said: “It is close.” Later “more words here.”";
    let r = run(text);
    assert_eq!(r.quotes[0].id, "t:q1");
    assert_eq!(r.quotes[1].id, "t:q2");
    let span = r.quotes[0].span;
    assert_eq!(&text[span.start..span.end], "It is close.");
    assert_eq!(span.line, 3);
}

#[test]
fn speaker_forms() {
    assert_eq!(
        speaker_of("“We are close”said Hamas leader Ismaïl Haniyeh on Tuesday."),
        some("Hamas leader Ismaïl Haniyeh", Some("ismail-haniyeh"))
    );
    assert_eq!(
        speaker_of(
            "“Nothing is done”, said White House National Security Council spokesman John Kirby."
        ),
        some(
            "White House National Security Council spokesman John Kirby",
            Some("john-kirby")
        )
    );
    assert_eq!(
        speaker_of("US President Joe Biden responded in Washington: “I believe.”"),
        some("US President Joe Biden", Some("joe-biden"))
    );
    assert_eq!(
        speaker_of(
            "Hamas officials are “close to a truce” with Israel, Haniyeh said in a statement."
        ),
        some("Haniyeh", Some("ismail-haniyeh"))
    );
    assert_eq!(speaker_of("Israeli Channel 12 news cited a senior Israeli official saying “we are very close to a deal”."), some("a senior Israeli official", None));
    assert_eq!(
        speaker_of("Al-Arabiya quoted a Hamas spokesman as saying “details will come soon”."),
        some("a Hamas spokesman", Some("hamas"))
    );
    assert_eq!(
        speaker_of("The minister was quoted as saying “we will not leave”."),
        some("The minister", None)
    );
    assert_eq!(
        speaker_of("“We will win,” Netanyahu told ABC News."),
        some("Netanyahu", Some("benjamin-netanyahu"))
    );
    assert_eq!(speaker_of("A Hamas official, who preferred to remain anonymous, assumed that mediators “would announce a deal”.").1.as_deref(), Some("hamas"));
    assert_eq!(speaker_of("Diplomatic sources familiar with the negotiations said “there are outstanding issues”."), some("Diplomatic sources familiar with the negotiations", None));
}

#[test]
fn pronouns_and_descriptions_resolve_back() {
    let text = "Netanyahu met the families. “We will not stop the fighting,” he added.";
    assert_eq!(speaker_of(text), some("he", Some("benjamin-netanyahu")));
    let text = "Kommersant quoted a Hamas leader as saying the truce is near.\nThe leader, who is visiting Moscow, said “calm is needed”.";
    assert_eq!(speaker_of(text), some("The leader", Some("hamas")));
    let text = "Hamas and Israel are close to a truce.\n“We sent our response,” indicates the message on the movement's Telegram channel.";
    assert_eq!(
        speaker_of(text),
        some(
            "the message on the movement's Telegram channel",
            Some("hamas")
        )
    );
    let text = "In turn, the Contact Group on Gaza, created by the Arab League, will meet, reported the Turkish Foreign Ministry.\n“Our aim is a ceasefire,” the organization reported.";
    assert_eq!(
        speaker_of(text),
        some("the organization", Some("gaza-contact-group"))
    );
}

#[test]
fn entity_resolution_and_surname_uniqueness() {
    // A title before a name gives the person; an indefinite role gives at most the organisation.
    assert_eq!(
        speaker_of("“Talks go on,” said a Hamas leader."),
        some("a Hamas leader", Some("hamas"))
    );
    assert_eq!(
        speaker_of("“Talks go on,” said the Hamas chief."),
        some("the Hamas chief", Some("ismail-haniyeh"))
    );
    // Bare surname resolves when unique in the document…
    assert_eq!(
        speaker_of("“We are ready,” Hamad said."),
        some("Hamad", Some("ghazi-hamad"))
    );
    // …but not when another known entity named in the document shares it.
    assert_eq!(
        speaker_of("Sheikh Tamim bin Hamad Al Thani hosted talks. “We are ready,” Hamad said."),
        some("Hamad", None)
    );
}

#[test]
fn channels_of_quotes() {
    let ch = |t: &str| run(t).quotes[0].channel;
    assert_eq!(
        ch("“We are close,” Haniyeh said in a brief message."),
        Channel::Statement
    );
    assert_eq!(ch("“Recovering our hostages is a task”declared Benjamin Netanyahu on the social network X."), Channel::SocialMedia);
    assert_eq!(
        ch("“We will win,” he said in an interview with ABC News."),
        Channel::Interview
    );
    assert_eq!(
        ch("Macron told reporters: “A truce is needed.”"),
        Channel::PressConference
    );
}

#[test]
fn sources_of_figures() {
    let text = "At least 50 people were killed, according to the health ministry in Gaza. Hamas said 12 hostages were freed. The Israeli army said it struck 200 targets. It added that 3 soldiers died. Nothing else happened.";
    let r = run(text);
    let e: Vec<Option<&str>> = r.sources.iter().map(|a| a.entity.as_deref()).collect();
    assert_eq!(
        e,
        vec![
            Some("gaza-moh"),
            Some("hamas"),
            Some("idf"),
            Some("idf"),
            None
        ]
    );
    assert_eq!(r.sources.len(), 5);
}

#[test]
fn headline_repeating_a_body_quote_is_reported_once() {
    let text = "“We are getting closer to a truce,” says the Islamist movement\n\n“We are getting closer to a truce”said Hamas leader Ismail Haniyeh on Tuesday.";
    let q = run(text).quotes;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker.entity.as_deref(), Some("ismail-haniyeh"));
    assert_eq!(q[0].id, "t:q1");
}

#[test]
fn never_panics_on_odd_text() {
    for t in [
        "“",
        "\"\"\"",
        "said",
        "”said he”",
        "« »",
        "a, said, b, said",
        "\u{301}“é”",
        "‘’'’",
    ] {
        let _ = run(t);
    }
}

#[test]
fn multi_paragraph_quote_takes_the_speaker_of_its_last_paragraph() {
    let text = "Talks went on.\n\n“The first part of the answer is clear.\n\n“The second part is harder,” Blinken told reporters.";
    let q = run(text).quotes;
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].speaker.entity.as_deref(), Some("antony-blinken"));
    assert_eq!(q[1].speaker.entity.as_deref(), Some("antony-blinken"));
}

#[test]
fn appositive_names_and_addressees() {
    let text = "The Observatory's chief, Rami Abdulrahman, told The Associated Press that the strikes were “the worst in months.” He said 90 fighters died.";
    let r = run(text);
    assert_eq!(
        r.quotes[0].speaker.as_written.as_deref(),
        Some("The Observatory's chief, Rami Abdulrahman")
    );
    assert_eq!(
        r.quotes[0].speaker.entity.as_deref(),
        Some("rami-abdel-rahman")
    );
    assert_eq!(r.quotes[0].channel, Channel::Interview);
    // "he" is the speaker, never the outlet spoken to.
    assert_eq!(r.sources[1].entity.as_deref(), Some("rami-abdel-rahman"));
    let r = run("Hamas said the talks stalled. “We are close,” a spokesman told Reuters. He said 5 trucks entered.");
    assert_eq!(r.sources[2].entity.as_deref(), None);
}

#[test]
fn title_abbreviations_and_possessive_plurals() {
    let text = "“We will operate with force,” military spokesman Rear Adm. Daniel Hagari said.\nHamas' armed wing said 20 fighters died. The ministry's spokesman, Ashraf al-Qidra, said hospitals were full.";
    let r = run(text);
    assert_eq!(r.quotes[0].speaker.entity.as_deref(), Some("daniel-hagari"));
    let e: Vec<Option<&str>> = r.sources.iter().map(|a| a.entity.as_deref()).collect();
    assert_eq!(
        e[e.len() - 2..],
        [Some("qassam-brigades"), Some("ashraf-al-qudra")]
    );
}

#[test]
fn an_anonymous_official_of_a_named_person_is_not_that_person() {
    let text = "Reuters quoted a senior official in US President Joe Biden's administration as saying there was “real progress”.";
    let q = run(text).quotes;
    assert_eq!(q[0].speaker.entity.as_deref(), Some("us-government"));
}

#[test]
fn figure_sources_in_wire_forms() {
    let text = "Netanyahu's office said 13 hostages were freed. Forty trucks entered, citing the Egyptian Red Crescent. The Washington Post reported that 50 would go free. A senior Israeli official told Channel 12 that 10 more were expected.";
    let r = run(text);
    let w: Vec<Option<&str>> = r.sources.iter().map(|a| a.as_written.as_deref()).collect();
    assert_eq!(
        w,
        vec![
            Some("Netanyahu's office"),
            Some("the Egyptian Red Crescent"),
            Some("The Washington Post"),
            Some("A senior Israeli official")
        ]
    );
    assert_eq!(r.sources[0].entity.as_deref(), Some("israel-pmo"));
    assert_eq!(r.sources[2].party.as_deref(), Some("media"));
}

#[test]
fn a_place_after_reported_from_is_no_speaker() {
    let text = "At least 10,800 Palestinians have been killed, the wire's correspondent reported from Khan Younis.";
    let sources = run(text).sources;
    let written = sources[0].as_written.as_deref().unwrap_or("");
    assert!(written.contains("correspondent"), "{written}");
}

/// The source (as written) of the figure `figure` in `text`, as a claim there would get it.
fn source_of_figure(text: &str, figure: &str) -> Option<String> {
    let r = run(text);
    let at = text.find(figure).expect("figure in text");
    let s = segment::sentences(text, 0..text.len());
    let si = s
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .expect("sentence");
    r.source_at(si, at).as_written
}

#[test]
fn a_figure_in_the_outlets_voice_beside_an_attributed_one_stays_the_outlets() {
    let joined = "Gunmen seized about 240 people in the raid, and the army said it had told the families of at least 200 hostages.";
    assert_eq!(source_of_figure(joined, "240"), None);
    assert_eq!(source_of_figure(joined, "200").as_deref(), Some("the army"));
    let semicolon =
        "Gunmen seized about 240 people in the raid; the army said at least 200 were held.";
    assert_eq!(source_of_figure(semicolon, "240"), None);
    assert_eq!(
        source_of_figure(semicolon, "200").as_deref(),
        Some("the army")
    );
    let contrast = "Shelling killed 40 people on Monday, while the health ministry said 9,000 had died since the war began.";
    assert_eq!(source_of_figure(contrast, "40"), None);
    assert_eq!(
        source_of_figure(contrast, "9,000").as_deref(),
        Some("the health ministry")
    );
}

#[test]
fn each_source_of_a_sentence_keeps_its_own_clause() {
    let text = "About 1.5 million people have fled their homes, the UN said, and the health ministry said 9,000 had been killed.";
    assert_eq!(source_of_figure(text, "1.5").as_deref(), Some("the UN"));
    assert_eq!(
        source_of_figure(text, "9,000").as_deref(),
        Some("the health ministry")
    );
    let back =
        "Floods cut 12 roads, and 300 homes were lost, according to the civil defence agency.";
    assert_eq!(
        source_of_figure(back, "12").as_deref(),
        Some("the civil defence agency")
    );
    assert_eq!(
        source_of_figure(back, "300").as_deref(),
        Some("the civil defence agency")
    );
}

#[test]
fn reported_speech_goes_on_after_a_comma_but_a_closed_quote_ends_it() {
    let open = "The army said 240 hostages were held in Gaza, and 30 of them were children.";
    assert_eq!(source_of_figure(open, "30").as_deref(), Some("The army"));
    let closed =
        "The group said “we have freed 4 hostages”, and 200 trucks entered the strip on Friday.";
    assert_eq!(source_of_figure(closed, "200"), None);
}

#[test]
fn a_figure_in_a_sentence_or_paragraph_after_an_attributed_one_is_the_outlets() {
    let text = "The health ministry said 9,000 people had been killed. Some 1.5 million people have fled.\n\nAid groups said 300 trucks a day were needed.";
    assert_eq!(
        source_of_figure(text, "9,000").as_deref(),
        Some("The health ministry")
    );
    assert_eq!(source_of_figure(text, "1.5"), None);
    assert_eq!(source_of_figure(text, "300").as_deref(), Some("Aid groups"));
    let before = "Some 1.5 million people have fled.\n\nThe health ministry said 9,000 people had been killed.";
    assert_eq!(source_of_figure(before, "1.5"), None);
}

#[test]
fn a_bracketed_acronym_ends_a_speaker_and_its_next_quote_paragraph_continues_it() {
    let text = "“Relief keeps flowing into the valley,\" the UN’s humanitarian office (OCHA) said.\n\n“Yesterday, 300 lorries crossed the bridge.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    let written = "the UN’s humanitarian office (OCHA)";
    assert_eq!(
        (q[0].1.as_deref(), q[0].2.as_deref()),
        (Some(written), Some("ocha"))
    );
    assert_eq!(
        (q[1].1.as_deref(), q[1].2.as_deref()),
        (Some(written), Some("ocha"))
    );
}

#[test]
fn reports_right_after_a_quote_is_the_verb() {
    assert_eq!(
        speaker_of("“Patients are being examined in three clinics,” reports the Hamas-controlled Ministry of Health."),
        some("the Hamas-controlled Ministry of Health", Some("gaza-moh"))
    );
    // Elsewhere "reports" is the noun.
    let r = run("Media reports said 40 homes were lost.");
    assert_eq!(r.sources[0].as_written.as_deref(), Some("Media reports"));
}

#[test]
fn an_age_between_speaker_and_verb_is_skipped() {
    assert_eq!(
        speaker_of(
            "“The shops are shut and the phones are dead,” Jane Roe, 58, said as she queued."
        ),
        some("Jane Roe", None)
    );
}

#[test]
fn a_description_between_speaker_and_verb_is_skipped() {
    assert_eq!(
        speaker_of("“We lost the barn,” Tom Doe, a farmer in the valley, said."),
        some("Tom Doe", None)
    );
}

#[test]
fn a_characterising_verb_speaks_for_the_quote_in_its_clause() {
    assert_eq!(
        speaker_of("Senator Mary Poe had called the raids “shameful and reckless”."),
        some("Senator Mary Poe", None)
    );
    assert_eq!(
        speaker_of(
            "Mayor Ann Vale described the flood as having caused “ruin on a scale never seen”."
        ),
        some("Mayor Ann Vale", None)
    );
}

#[test]
fn a_quote_inside_a_sentence_takes_the_speaker_of_its_own_clause() {
    assert_eq!(
        speaker_of("The council declared an emergency in four districts, and its chair Lin Ko said on radio that she had asked “every neighbour” for help."),
        some("its chair Lin Ko", None)
    );
}

#[test]
fn a_participle_after_a_comma_hangs_on_its_clauses_subject() {
    assert_eq!(
        speaker_of("Prime Minister Benjamin Netanyahu welcomed the hostages home, stating, “They endured the worst.”"),
        some("Prime Minister Benjamin Netanyahu", Some("benjamin-netanyahu"))
    );
}

#[test]
fn a_pronoun_before_a_quote_is_the_sentences_earlier_speaker() {
    // The quote's own clause ("but he added that") speaks with "he", which alone would resolve to
    // the last person named (Netanyahu); the sentence's earlier speaker is meant.
    assert_eq!(
        speaker_of("Netanyahu met the families. Reuters quoted a Hamas official as saying the gap is wide, but he added that “much has been done”."),
        some("a Hamas official", Some("hamas"))
    );
}

#[test]
fn a_passive_quoted_after_a_quote_names_the_speaker() {
    let text =
        "Netanyahu met the families. “Pressure must rise,” he was quoted by state radio as saying.";
    assert_eq!(speaker_of(text), some("he", Some("benjamin-netanyahu")));
}

#[test]
fn a_passive_cited_without_as_saying_names_the_speaker() {
    let text = "“Pressure must rise,” the minister was cited by the paper.";
    assert_eq!(speaker_of(text), some("the minister", None));
}

#[test]
fn a_paragraph_that_lost_its_opening_mark_is_a_quote_of_its_speaker() {
    let text = "The river rose overnight.\n\nWe have never seen water like this,” said Sam Vey, a county official. “Whole streets are gone.”";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].0, "We have never seen water like this");
    assert_eq!(q[0].1.as_deref(), Some("Sam Vey"));
}
