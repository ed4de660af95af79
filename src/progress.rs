//! Progress on standard error while a corpus is analysed, and the stage timings that `-v` prints.
//!
//! The bar (indicatif) is drawn only when standard error is a terminal, `-q` is not given, and the run
//! has lasted [`DELAY`]: short runs, pipes, CI logs and tests never see it. It is erased before the
//! binary prints anything, and it never writes to standard output, so the report is byte-identical
//! whether the bar was drawn or not. This is the one place that writes to the terminal during a run;
//! everything else is printed by the binary afterwards.

use crate::pipeline::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressState, ProgressStyle};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a run goes on before its progress bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// How often a visible bar is redrawn (so the spinner moves while a stage has no document to count).
const TICK: Duration = Duration::from_millis(100);

/// Whether the progress bar is drawn: only on a terminal, not with `-q`, and only once the run has
/// lasted [`DELAY`].
pub fn should_draw(stderr_is_terminal: bool, quiet: bool, elapsed: Duration) -> bool {
    stderr_is_terminal && !quiet && elapsed >= DELAY
}

/// How long each stage of a run took. Printed by `-v`, on standard error only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// Reading and compiling the rules.
    pub rules: Duration,
    /// Finding, reading and decoding the documents (standard input included).
    pub load: Duration,
    /// Extracting claims and quotes.
    pub extract: Duration,
    /// Comparing claims and quotes across documents.
    pub compare: Duration,
    /// Rendering the output (and, for `check`, applying baselines).
    pub render: Duration,
}

impl Timings {
    /// All stages together.
    pub fn total(&self) -> Duration {
        self.rules + self.load + self.extract + self.compare + self.render
    }

    /// One line: `rules 4.1 ms, find files 0.9 ms, read and extract 12.0 ms, compare 0.3 ms, render 0.7 ms (total 18.0 ms)`.
    pub fn summary(&self) -> String {
        format!(
            "rules {}, find files {}, read and extract {}, compare {}, render {} (total {})",
            format_duration(self.rules),
            format_duration(self.load),
            format_duration(self.extract),
            format_duration(self.compare),
            format_duration(self.render),
            format_duration(self.total())
        )
    }
}

/// A duration for people: `850 µs`, `12.3 ms`, `1.25 s`.
pub fn format_duration(d: Duration) -> String {
    let micros = d.as_micros();
    if micros < 1_000 {
        format!("{micros} µs")
    } else if micros < 1_000_000 {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

/// The stage times a [`RunProgress`] measured: load, extract, compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageTimes {
    /// From [`RunProgress::start`] until the documents were found (documents are read as they are extracted).
    pub load: Duration,
    /// From then until every document was extracted.
    pub extract: Duration,
    /// From then until [`RunProgress::finish`].
    pub compare: Duration,
}

/// Follows one run of the pipeline ([`crate::pipeline::analyse_with`]): measures its stages and, when
/// [`should_draw`] allows it, shows a progress bar on standard error.
pub struct RunProgress {
    start: Instant,
    loaded_at: OnceLock<Instant>,
    extracted_at: OnceLock<Instant>,
    bar: Option<Bar>,
}

/// A bar that starts hidden and is revealed by a thread after [`DELAY`] unless the run ends first.
struct Bar {
    bar: ProgressBar,
    color: bool,
    /// Dropping it tells the reveal thread that the run is over.
    stop: mpsc::Sender<()>,
    reveal: JoinHandle<()>,
}

impl RunProgress {
    /// Starts following a run. Nothing is ever drawn unless standard error is a terminal and `quiet`
    /// is false; even then the bar stays hidden for the first [`DELAY`]. `color` styles the bar (pass
    /// the result of [`crate::app::use_color`] for standard error).
    pub fn start(stderr_is_terminal: bool, quiet: bool, color: bool) -> RunProgress {
        let start = Instant::now();
        let drawable = should_draw(stderr_is_terminal, quiet, Duration::MAX);
        RunProgress {
            start,
            loaded_at: OnceLock::new(),
            extracted_at: OnceLock::new(),
            bar: drawable.then(|| Bar::start(start, stderr_is_terminal, quiet, color)),
        }
    }

    /// Ends the run: erases the bar if it was drawn and returns the stage times.
    pub fn finish(mut self) -> StageTimes {
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
        let end = Instant::now();
        let loaded = self.loaded_at.get().copied().unwrap_or(end);
        let extracted = self.extracted_at.get().copied().unwrap_or(end);
        StageTimes {
            load: loaded.saturating_duration_since(self.start),
            extract: extracted.saturating_duration_since(loaded),
            compare: end.saturating_duration_since(extracted),
        }
    }

    /// Whether a bar exists (it may still be hidden): true only on a terminal without `-q`.
    pub fn may_draw(&self) -> bool {
        self.bar.is_some()
    }
}

impl Bar {
    fn start(start: Instant, stderr_is_terminal: bool, quiet: bool, color: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(spinner_style(color))
            .with_message("finding documents")
            .with_finish(ProgressFinish::AndClear);
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let reveal = std::thread::spawn(move || {
            // Nothing is ever sent: the channel disconnects when the run ends before the delay.
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(DELAY) {
                if should_draw(stderr_is_terminal, quiet, start.elapsed()) {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(TICK);
                }
            }
        });
        Bar {
            bar,
            color,
            stop,
            reveal,
        }
    }

    fn finish(self) {
        drop(self.stop);
        // The reveal thread has either shown the bar or given up; either way the bar is erased after.
        let _ = self.reveal.join();
        self.bar.finish_and_clear();
    }
}

fn template(color: bool, plain: &str, colored: &str) -> ProgressStyle {
    let chosen = if color { colored } else { plain };
    // The templates are constants of this file; a mistake in one falls back to indicatif's default.
    ProgressStyle::with_template(chosen).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn spinner_style(color: bool) -> ProgressStyle {
    template(
        color,
        "{spinner} {msg} {elapsed}",
        "{spinner:.cyan} {msg} {elapsed:.dim}",
    )
}

fn bar_style(color: bool) -> ProgressStyle {
    template(
        color,
        "{spinner} {msg} [{bar:30}] {pos}/{len} documents, {rate} {elapsed}",
        "{spinner:.cyan} {msg} [{bar:30.cyan/blue}] {pos}/{len} documents, {rate} {elapsed:.dim}",
    )
    .with_key(
        "rate",
        |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        },
    )
    .progress_chars("=> ")
}

impl Progress for RunProgress {
    fn loaded(&self, documents: usize) {
        let _ = self.loaded_at.set(Instant::now());
        if let Some(b) = &self.bar {
            b.bar.set_style(bar_style(b.color));
            b.bar.set_length(documents as u64);
            b.bar.set_message("extracting");
            b.bar.reset_eta();
        }
    }

    fn document_extracted(&self) {
        if let Some(b) = &self.bar {
            b.bar.inc(1);
        }
    }

    fn extracted(&self) {
        let _ = self.extracted_at.set(Instant::now());
        if let Some(b) = &self.bar {
            b.bar.set_style(spinner_style(b.color));
            b.bar.set_message("comparing claims and quotes");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_without_quiet_after_the_delay() {
        let long = DELAY + Duration::from_millis(1);
        assert!(should_draw(true, false, long));
        assert!(should_draw(true, false, DELAY));
        assert!(!should_draw(true, false, Duration::from_millis(999)));
        assert!(!should_draw(true, false, Duration::ZERO));
        assert!(!should_draw(false, false, long), "not a terminal");
        assert!(!should_draw(true, true, long), "-q");
        assert!(!should_draw(false, true, Duration::MAX));
    }

    #[test]
    fn no_bar_exists_off_a_terminal_or_with_quiet() {
        assert!(!RunProgress::start(false, false, true).may_draw());
        assert!(!RunProgress::start(true, true, true).may_draw());
        // On a terminal the bar exists but stays hidden for the first second; it is erased at once.
        let p = RunProgress::start(true, false, false);
        assert!(p.may_draw());
        let _ = p.finish();
    }

    #[test]
    fn stage_times_follow_the_hooks_in_order() {
        let p = RunProgress::start(false, false, false);
        std::thread::sleep(Duration::from_millis(5));
        p.loaded(3);
        for _ in 0..3 {
            p.document_extracted();
        }
        std::thread::sleep(Duration::from_millis(5));
        p.extracted();
        let t = p.finish();
        assert!(t.load >= Duration::from_millis(5), "{t:?}");
        assert!(t.extract >= Duration::from_millis(5), "{t:?}");
        assert!(t.compare < Duration::from_secs(1), "{t:?}");
    }

    #[test]
    fn stages_never_reached_take_no_time() {
        let t = RunProgress::start(false, false, false).finish();
        assert!(t.extract.is_zero() && t.compare.is_zero(), "{t:?}");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(format_duration(Duration::from_micros(12_345)), "12.3 ms");
        assert_eq!(format_duration(Duration::from_millis(1_250)), "1.25 s");
        let t = Timings {
            rules: Duration::from_millis(4),
            load: Duration::from_millis(1),
            extract: Duration::from_millis(12),
            compare: Duration::from_micros(300),
            render: Duration::from_micros(700),
        };
        assert_eq!(
            t.summary(),
            "rules 4.0 ms, find files 1.0 ms, read and extract 12.0 ms, compare 300 µs, render 700 µs (total 18.0 ms)"
        );
    }
}
