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
