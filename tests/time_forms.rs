//! The date forms of `time::document_date` and `time::sentence_as_of`, through the public API, on the
//! seeds in `corpus/seeds`; plus an opt-in evaluation against a dev corpus's datelines
//! (`devcorpus_datelines`, `#[ignore]`d: see CONTRIBUTING.md).

use factdiff::time::{document_date, sentence_as_of, Date};

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

/// Splits `+++` front matter from the body and returns (published, basis, body).
fn split_front_matter(text: &str) -> Option<(String, String, String)> {
    let rest = text.strip_prefix("+++\n")?;
    let end = rest.find("\n+++")?;
    let fm = &rest[..end];
    let body = rest[end + 4..].to_string();
    let field = |key: &str| {
        fm.lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = ")))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    Some((field("published"), field("published_basis"), body))
}

/// Opt-in evaluation: the publication dates read from the datelines of a dev corpus (documents with
/// `published` and `published_basis` in their front matter) must be right for 95% of them. The corpus
/// is not part of the repository: give its folder in `FACTDIFF_DEVCORPUS` and run
/// `cargo test --release --test time_forms -- --ignored devcorpus_datelines --nocapture`. Without the
/// variable, or with a folder that cannot be read, the test fails.
#[test]
#[ignore = "needs a dev corpus outside the repository: set FACTDIFF_DEVCORPUS"]
fn devcorpus_datelines() {
    let dir = std::env::var_os("FACTDIFF_DEVCORPUS")
        .expect("set FACTDIFF_DEVCORPUS to the dev corpus folder to run this evaluation");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read FACTDIFF_DEVCORPUS {dir:?}: {e}"));
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let (mut total, mut right, mut none) = (0, 0, 0);
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let Some((published, basis, body)) = split_front_matter(&text) else {
            continue;
        };
        if std::env::var("ALL").is_err() && !basis.contains("dateline") {
            continue;
        }
        total += 1;
        let got = document_date(&body, None, None);
        match got {
            Some(g) if g.to_string() == published => right += 1,
            None => {
                none += 1;
                eprintln!(
                    "NONE {} want {published}: {:?}",
                    p.display(),
                    body.trim_start().chars().take(140).collect::<String>()
                );
            }
            Some(g) => eprintln!(
                "WRONG {} got {g} want {published}: {:?}",
                p.display(),
                body.trim_start().chars().take(140).collect::<String>()
            ),
        }
    }
    eprintln!("devcorpus datelines: {right}/{total} right, {none} undated");
    assert!(
        total > 0,
        "no dated document with a dateline basis in {dir:?}"
    );
    assert!(right * 100 >= total * 95, "{right}/{total}");
}

/// The seeds' dates per DESIGN.md, read from their bodies (front matter removed): 002 carries its
/// full date; 000 and 001 carry 21 November without a year (dated 2023-11-21 given the year); 003 and
/// 004 carry no date in their text.
#[test]
fn seed_documents() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let names: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            p.file_name()?
                .to_str()
                .map(|n| n[..3.min(n.len())].to_string())
        })
        .collect();
    assert_eq!(names, ["000", "001", "002", "003", "004"]);
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("seed is UTF-8");
        let (_, _, body) = split_front_matter(&text).expect("seed has front matter");
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let (bare, with_year) = (
            document_date(&body, None, None),
            document_date(&body, None, Some(2023)),
        );
        match &name[..3] {
            "002" => assert_eq!(bare, Some(d("2023-11-21")), "{name}"),
            "000" | "001" => {
                assert_eq!(bare, None, "{name}: no year in the text");
                assert_eq!(with_year, Some(d("2023-11-21")), "{name}");
            }
            _ => assert_eq!(bare, None, "{name}"),
        }
    }
}

/// body, url, context year, expected date
type DocCase = (
    &'static str,
    Option<&'static str>,
    Option<i32>,
    Option<&'static str>,
);

#[test]
fn document_date_positions() {
    let cases: [DocCase; 12] = [
        (
            " date 2023-11-21 Islam Times - After a week",
            None,
            None,
            Some("2023-11-21"),
        ),
        (
            "Title\n\nMoscow, Nov 21.- Hamas and Israel",
            None,
            Some(2023),
            Some("2023-11-21"),
        ),
        (
            "JERUSALEM, Nov 22 (Reuters) - Israel",
            None,
            Some(2023),
            Some("2023-11-22"),
        ),
        (
            "GAZA, 22 November (AFP) - Gaza",
            None,
            Some(2023),
            Some("2023-11-22"),
        ),
        (
            "Strikes kill 19 AFP Tuesday 6 Aug 2013 At least 19",
            None,
            None,
            Some("2013-08-06"),
        ),
        (
            "BEIRUT (Reuters) - Strikes on Tuesday",
            Some("https://r.com/2023/11/22/x/"),
            None,
            Some("2023-11-22"),
        ),
        (
            "BEIRUT (Reuters) - Strikes on Tuesday",
            None,
            Some(2023),
            None,
        ),
        ("Moscow, Nov 21.- Hamas", None, None, None),
        ("February 30, 2023 - Hamas", None, None, None),
        (
            "Since October 7, 2023, 14,000 were killed",
            None,
            None,
            None,
        ),
        ("7,300 killed at 715 pm", None, Some(2023), None),
        (
            "On December 31 2023 the toll",
            None,
            None,
            Some("2023-12-31"),
        ),
    ];
    for (body, url, year, want) in cases {
        assert_eq!(document_date(body, url, year), want.map(d), "{body}");
    }
}

#[test]
fn sentence_positions() {
    let doc = Some(d("2024-01-02")); // a Tuesday
    let cases: [(&str, Option<&str>); 12] = [
        (
            "On December 30, the Washington Post reported 21,800 dead.",
            Some("2023-12-30"),
        ),
        (
            "The ministry said on Tuesday that 22,185 had been killed.",
            Some("2024-01-02"),
        ),
        (
            "The ministry said on Monday that 22,000 had been killed.",
            Some("2024-01-01"),
        ),
        ("Yesterday 21,978 had been killed.", Some("2024-01-01")),
        ("Last week 21,000 had been killed.", Some("2023-12-26")),
        ("As of Monday, 22,000 had been killed.", Some("2024-01-01")),
        (
            "By Sunday evening 21,900 had been killed.",
            Some("2023-12-31"),
        ),
        ("On 7 October 2023 1,200 were killed.", Some("2023-10-07")),
        ("Earlier this month 100 were killed.", None),
        ("Since October 7, 22,185 have been killed.", None),
        ("On February 30, 40 were killed.", None),
        ("There are 7,300 dead and at 715 pm more.", None),
    ];
    for (s, want) in cases {
        assert_eq!(sentence_as_of(s, 0..s.len(), doc), want.map(d), "{s}");
    }
}
