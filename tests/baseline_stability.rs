//! A baseline stays valid when articles are added: finding ids depend on a finding's group and date
//! window, not on the documents in it (README, "Finding ids").

mod common;
use factdiff::baseline::{self, Baseline};
use factdiff::pipeline::{self, Analysis, Inputs};
use std::fs;
use std::path::Path;

fn analyse(dir: &Path) -> Analysis {
    pipeline::analyse(
        &Inputs {
            paths: vec![dir.to_path_buf()],
            ..Inputs::default()
        },
        &common::rules(),
    )
}

fn copy_case(case: &str, to: &Path) {
    for entry in fs::read_dir(Path::new("corpus").join(case)).expect("case folder") {
        let path = entry.expect("entry").path();
        let name = format!(
            "{case}-{}",
            path.file_name().expect("a file").to_string_lossy()
        );
        fs::copy(&path, to.join(name)).expect("copy");
    }
}

fn article(dir: &Path, name: &str, event: &str, outlet: &str, date: &str, body: &str) {
    let text = format!(
        "+++\nevent = \"{event}\"\noutlet = \"{outlet}\"\npublished = {date}\n+++\nA headline\n\n{body}\n"
    );
    fs::write(dir.join(name), text).expect("write article");
}

#[test]
fn a_baseline_stays_valid_after_adding_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    for case in [
        "same-day-conflict",
        "regression-beside-a-stray",
        "evolution",
    ] {
        copy_case(case, dir.path());
    }
    let before = analyse(dir.path());
    let verdicts = common::verdicts(&before);
    assert_eq!(verdicts, vec!["conflict", "evolution", "regression"]);
    let reviewed = Baseline::from_findings(&before.findings);

    // A third source for one side of the conflict, a later report of the revised toll, and another
    // point on the growing tally.
    article(
        dir.path(),
        "added-conflict.txt",
        "case-same-day-conflict",
        "Eastern Post",
        "2023-11-09",
        "Strikes went on overnight. In all, 9,200 Palestinians have been killed in Gaza so far, the paper's tally shows.",
    );
    article(
        dir.path(),
        "added-regression.txt",
        "case-regression-beside-a-stray",
        "Valley Voice",
        "2023-10-02",
        "The wildfire in Lahaina killed 97 people, the county said.",
    );
    article(
        dir.path(),
        "added-evolution.txt",
        "case-evolution",
        "Noon Gazette",
        "2023-12-05",
        "The Israeli bombardment of Gaza has left more than 16,000 Palestinians dead, most of them women and children.",
    );
    let after = analyse(dir.path());
    assert_eq!(
        after.claims.len(),
        before.claims.len() + 3,
        "{:#?}",
        after.claims
    );
    let applied = baseline::apply(after.findings.clone(), &[("b.toml".into(), reviewed)]);
    assert!(applied.stale.is_empty(), "stale: {:?}", applied.stale);
    assert!(applied.new.is_empty(), "new: {:#?}", applied.new);
    // The findings did take in the new articles.
    let claims: usize = after.findings.iter().map(|f| f.claims.len()).sum();
    let claims_before: usize = before.findings.iter().map(|f| f.claims.len()).sum();
    assert!(claims > claims_before);
}
