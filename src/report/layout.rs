//! Fitting terminal tables to a width: how wide the table may be ([`table_width`]: the terminal's
//! width when standard output is one, else 100 columns), and a table whose dates, numbers, ids and
//! paths never break across lines ([`fitted_table`]). Prose columns (outlet, source, quote) wrap at
//! spaces; a column of tokens is at least as wide as its longest token; a path column is as wide as
//! its longest `file:line`, or, when the table would not fit, each path is shortened from the left
//! with `…` (the file name and line stay).

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

/// The width of tables written to a pipe or a file (and the default of the library renderers).
pub const DEFAULT_WIDTH: u16 = 100;

/// The narrowest width tables are laid out for, whatever the terminal says.
pub const MIN_WIDTH: u16 = 40;

/// The narrowest a shortened path becomes (`…` and the end of the path: `…ire-a.txt:8`).
const MIN_PATH_WIDTH: usize = 12;

/// The narrowest a prose column becomes before the table overflows its width.
const MIN_PROSE_WIDTH: usize = 8;

/// The width prose columns keep, when they can, before paths are given the rest.
const COMFORTABLE_PROSE_WIDTH: usize = 16;

/// The width for tables: when standard output is a terminal, `COLUMNS` when it holds a number, else
/// the terminal's `measured` width, else 100; otherwise (a pipe, a file, CI) 100. At least
/// [`MIN_WIDTH`].
pub fn table_width(stdout_is_terminal: bool, columns: Option<&str>, measured: Option<u16>) -> u16 {
    if !stdout_is_terminal {
        return DEFAULT_WIDTH;
    }
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0)
        .or(measured)
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// The width for tables written to this process's standard output ([`table_width`] with the
/// terminal, `COLUMNS` and the terminal size).
pub fn stdout_table_width() -> u16 {
    let is_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let measured = terminal_size::terminal_size().map(|(w, _)| w.0);
    table_width(
        is_terminal,
        std::env::var("COLUMNS").ok().as_deref(),
        measured,
    )
}

/// What a column holds, which decides where its cells may break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Words that may wrap at spaces (an outlet, a source, a quote).
    Prose,
    /// Dates, numbers, ids and short labels: never broken inside a word.
    Tokens,
    /// `file:line`: never broken; shortened from the left with `…` when the table would not fit.
    Path,
}

/// Display width of `s` (one column per character; the tables hold no wide characters but
/// article text, which wraps anyway).
fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// The widest word (run without whitespace) of `s`.
fn longest_word(s: &str) -> usize {
    s.split_whitespace().map(width_of).max().unwrap_or(0)
}

/// `path` in at most `max` characters: `…` and its end.
pub fn shorten_from_left(path: &str, max: usize) -> String {
    let n = width_of(path);
    if n <= max {
        return path.to_string();
    }
    let keep = max.saturating_sub(1);
    let tail: String = path.chars().skip(n - keep).collect();
    format!("…{tail}")
}

/// The widest cell of column `k` (header words included) by `measure`.
fn widest(header: &[&str], rows: &[Vec<String>], k: usize, measure: fn(&str) -> usize) -> usize {
    rows.iter()
        .filter_map(|r| r.get(k))
        .map(|c| measure(c))
        .chain(header.get(k).map(|h| longest_word(h)))
        .max()
        .unwrap_or(0)
}

/// A table of `rows` under `header` laid out for `width` columns, each column broken only as its
/// [`Column`] allows. A table whose unbreakable columns alone exceed `width` is wider than `width`
/// rather than break a date or a number.
pub fn fitted_table(
    header: &[&str],
    columns: &[Column],
    mut rows: Vec<Vec<String>>,
    width: u16,
) -> Table {
    // Each column's narrowest width, paths aside.
    let mut lower: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(k, kind)| match kind {
            Column::Tokens => widest(header, &rows, k, longest_word),
            Column::Prose => widest(header, &rows, k, longest_word).min(MIN_PROSE_WIDTH),
            Column::Path => 0,
        })
        .collect();
    // Borders and padding: "│ a ┆ b │" is 3 per column and 1.
    let frame = 3 * columns.len() + 1;
    let paths: Vec<usize> = (0..columns.len())
        .filter(|&k| columns[k] == Column::Path)
        .collect();
    if !paths.is_empty() {
        // Room for the paths when prose keeps a comfortable width, else when it is at its narrowest.
        let room = |prose: usize, measure: fn(&str) -> usize| -> usize {
            let others: usize = columns
                .iter()
                .enumerate()
                .map(|(k, kind)| match kind {
                    Column::Prose => widest(header, &rows, k, measure).min(prose),
                    _ => lower[k],
                })
                .sum();
            usize::from(width).saturating_sub(frame + others) / paths.len()
        };
        let longest_path = paths
            .iter()
            .map(|&k| widest(header, &rows, k, width_of))
            .max()
            .unwrap_or(0);
        let comfortable = room(COMFORTABLE_PROSE_WIDTH, width_of);
        let budget = if comfortable >= longest_path.min(MIN_PATH_WIDTH) {
            // Prose words up to the comfortable width stay whole too.
            for (k, kind) in columns.iter().enumerate() {
                if *kind == Column::Prose {
                    lower[k] = widest(header, &rows, k, longest_word).min(COMFORTABLE_PROSE_WIDTH);
                }
            }
            comfortable
        } else {
            room(MIN_PROSE_WIDTH, longest_word)
        }
        .max(MIN_PATH_WIDTH);
        for &k in &paths {
            for row in &mut rows {
                if let Some(cell) = row.get_mut(k) {
                    if width_of(cell) > budget {
                        *cell = shorten_from_left(cell, budget);
                    }
                }
            }
            lower[k] = widest(header, &rows, k, width_of);
        }
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for row in rows {
        t.add_row(row);
    }
    // comfy-table's widths count the padding of one space on each side.
    t.set_constraints(lower.iter().map(|&w| {
        ColumnConstraint::LowerBoundary(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
    }));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_is_the_terminals_only_on_a_terminal() {
        assert_eq!(table_width(false, Some("180"), Some(200)), 100);
        assert_eq!(table_width(true, Some("180"), Some(200)), 180);
        assert_eq!(table_width(true, None, Some(200)), 200);
        assert_eq!(table_width(true, Some("wide"), Some(132)), 132);
        assert_eq!(table_width(true, Some("0"), None), 100);
        assert_eq!(table_width(true, None, None), 100);
        assert_eq!(table_width(true, Some("20"), None), MIN_WIDTH);
    }

    #[test]
    fn paths_are_shortened_from_the_left() {
        assert_eq!(shorten_from_left("a/b.txt:3", 20), "a/b.txt:3");
        assert_eq!(
            shorten_from_left("corpus/same-day-conflict/wire-b.txt:8", 16),
            "…ct/wire-b.txt:8"
        );
    }
}
