//! Terminal tables fit their width without breaking a date, a number or a path (issue 14, item 3),
//! through the library's explicit width parameter, on every case of the sample corpus.

mod common;
use assert_cmd::Command;
use factdiff::model::Claim;
use factdiff::report::table;

/// The widest line of `text`, in characters.
fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The cells of a table's lines (the text between the column separators), trimmed.
fn cells(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('│'))
        .flat_map(|l| {
            l.trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn check_and_extract_tables_fit_every_width_and_keep_dates_numbers_and_paths_whole() {
    for case in common::cases() {
        let a = common::analyse_case(&case);
        for width in [80u16, 100, 140, 180] {
            for (what, text) in [
                ("check", table::render_check_for(&a, false, width)),
                ("extract", table::render_claims_for(&a, width)),
            ] {
                let context = format!("{case} {what} at {width}");
                // Finding headings are one line of their own; tables must fit.
                let table_width = text
                    .lines()
                    .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(0);
                // Columns of ids, figures, ranges and dates need a minimum width (up to about 115
                // columns for the eight of extract): narrower, a table grows wider rather than
                // break one.
                if what == "check" && width >= 100 || width >= 140 {
                    assert!(table_width <= usize::from(width), "{context}:\n{text}");
                }
                let cells = cells(&text);
                let shown: Vec<&Claim> = a
                    .claims
                    .iter()
                    .filter(|c| {
                        what == "extract" || a.findings.iter().any(|f| f.claims.contains(&c.id))
                    })
                    .collect();
                for c in shown {
                    if let Some(d) = c.as_of {
                        let date = d.to_string();
                        assert!(cells.contains(&date), "{context}: {date} broken:\n{text}");
                    }
                    // Every word of the figure as written stays whole in one cell line.
                    for word in c.quantity.text.split_whitespace() {
                        assert!(
                            cells
                                .iter()
                                .any(|cell| cell.split_whitespace().any(|w| w == word)),
                            "{context}: {word} broken:\n{text}"
                        );
                    }
                    // file:line whole, or shortened from the left with its end kept on one line.
                    let doc = a.documents.iter().find(|d| d.id == c.doc).expect("doc");
                    let location = format!("{}:{}", doc.path, c.span.line);
                    assert!(
                        cells.iter().any(|cell| cell == &location
                            || cell
                                .strip_prefix('…')
                                .is_some_and(|end| end.len() >= 10 && location.ends_with(end))),
                        "{context}: {location} broken:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_wide_terminal_gets_whole_paths_and_a_narrow_one_shortened_paths() {
    let a = common::analyse_case("same-day-conflict");
    let wide = table::render_check_for(&a, false, 180);
    assert!(
        wide.contains("corpus/same-day-conflict/wire-a.txt:8"),
        "{wide}"
    );
    assert!(
        widest_line(&wide) > 100,
        "the table uses the width:\n{wide}"
    );
    let narrow = table::render_check_for(&a, false, 80);
    assert!(!narrow.contains("corpus/same-day-conflict/wire-a.txt:8"));
    assert!(narrow.contains("/wire-a.txt:8"), "{narrow}");
    assert!(widest_line(&narrow) <= 80, "{narrow}");
}

#[test]
fn tables_in_a_pipe_are_100_columns_whatever_columns_says() {
    let out = Command::cargo_bin("factdiff")
        .expect("binary")
        .env("COLUMNS", "180")
        .args(["check", "--fail-on", "never", "corpus/seeds"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(widest_line(&text) <= 100, "{text}");
    assert_eq!(
        text,
        table::render_check(&common::analyse_case("seeds")),
        "the binary in a pipe writes the library's 100-column table"
    );
}
