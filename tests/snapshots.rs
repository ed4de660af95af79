//! Insta snapshots of `check` (table and JSON) for every folder of the sample corpus, stored under
//! snapshots/. A rule change shows as a reviewable snapshot diff (`cargo insta review`).

mod common;
use factdiff::report;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn check_table_and_json_for_every_corpus_case() {
    for case in common::cases() {
        let a = common::analyse_case(&case);
        settings().bind(|| {
            insta::assert_snapshot!(format!("{case}.table"), report::table::render_check(&a));
            insta::assert_snapshot!(format!("{case}.json"), report::json::render(&a));
        });
    }
}

#[test]
fn timeline_svg_of_a_growing_tally() {
    let a = common::analyse_case("evolution");
    let series = factdiff::timeline_build::series(&a, "killed", None);
    let svg = factdiff::timeline::render_svg(&series);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    settings().bind(|| insta::assert_snapshot!("evolution.timeline.svg", svg));
}
