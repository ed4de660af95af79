//! Runs a parsed command line and returns what to print and the exit code, without printing: the binary
//! prints. Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, rules or input errors (the
//! readable documents are still reported).

use crate::baseline::{self, Baseline};
use crate::cli::{
    BaselineAction, CheckArgs, Cli, ColorChoice, Command, CompareArgs, CorpusArgs, DiffArgs,
    EventsAction, FailOn, Format, InputFormat, RulesAction, TimelineArgs,
};
use crate::error::Error;
use crate::model::Severity;
use crate::pipeline::{self, Analysis, InlineDocument, Inputs};
use crate::progress::{RunProgress, Timings};
use crate::report;
use crate::rules::RuleSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a command produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Text for standard output.
    pub stdout: String,
    /// Lines for standard error.
    pub stderr: Vec<String>,
    /// The exit code.
    pub code: u8,
}

impl Outcome {
    fn failure(e: &Error) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: vec![format!("error: {e}")],
            code: 2,
        }
    }
}

/// Runs a command.
pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Extract(args) => {
            configure_threads(&args.corpus);
            if let Some(refused) = unsupported_format("extract", args.format, EXTRACT_FORMATS) {
                return refused;
            }
            let table = match &args.events {
                Some(path) => match read_events_file(path) {
                    Ok(t) => Some(t),
                    Err(e) => return Outcome::failure(&e),
                },
                None => None,
            };
            let options = pipeline::Options {
                events: table.as_ref(),
                ..pipeline::Options::default()
            };
            with_analysis_kept(&args.corpus, options, ColorChoice::Auto, |a| {
                // extract lists claims and quotes; findings are check's job.
                a.findings.clear();
                let stdout = match args.format {
                    Format::Table => {
                        report::table::render_claims_for(a, report::layout::stdout_table_width())
                    }
                    Format::Jsonl => report::jsonl::render_extraction(a),
                    Format::Csv => report::csv::render(a),
                    _ => report::json::render(a),
                };
                (stdout, 0)
            })
        }
        Command::Compare(args) => compare(&args),
        Command::Events(args) => match args.action {
            EventsAction::Cues { corpus } => event_cues(&corpus),
            EventsAction::Assign { cues } => assign_events(&cues),
        },
        Command::Timeline(args) => timeline(&args),
        Command::Quantities(args) => quantities(&args.file, args.format),
        Command::Baseline(b) => match b.action {
            BaselineAction::Write { file, corpus } => {
                configure_threads(&corpus);
                let mut written = Ok(());
                let mut outcome = with_analysis(&corpus, |a| {
                    let b = Baseline::from_findings(&a.findings);
                    written = baseline::write_atomic(&file, b.to_text().as_bytes());
                    (
                        format!(
                            "{}: {} recorded\n",
                            file.display(),
                            report::plural(b.findings.len(), "finding")
                        ),
                        0,
                    )
                });
                if let Err(e) = written {
                    outcome.stderr.push(format!("error: {e}"));
                    outcome.code = 2;
                }
                outcome
            }
        },
        Command::Explain(args) => {
            configure_threads(&args.corpus);
            let rules = match load_rules(args.corpus.rules.as_deref()) {
                Ok(r) => r,
                Err(e) => return Outcome::failure(&e),
            };
            // explain quotes the text around each figure.
            let options = pipeline::Options {
                keep_text: true,
                ..pipeline::Options::default()
            };
            with_analysis_kept(&args.corpus, options, ColorChoice::Auto, |a| {
                match crate::explain::render(a, &rules, &args.id) {
                    Some(text) => (text, 0),
                    None => (String::new(), 2),
                }
            })
            .with_missing(&args.id)
        }
        Command::Diff(args) => rules_diff(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "factdiff", &mut buf);
            Outcome {
                stdout: String::from_utf8_lossy(&buf).into_owned(),
                ..Outcome::default()
            }
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            match clap_mangen::Man::new(cmd).render(&mut buf) {
                Ok(()) => Outcome {
                    stdout: String::from_utf8_lossy(&buf).into_owned(),
                    ..Outcome::default()
                },
                Err(e) => Outcome::failure(&Error::Output(e.to_string())),
            }
        }
        Command::Rules(r) => match r.action {
            RulesAction::Check { rules } => match load_rules(rules.as_deref()) {
                Ok(rs) => Outcome {
                    stdout: format!(
                        "{}: {} kinds, {} rules, {} subjects, {} entities: ok\n",
                        rs.origin,
                        rs.kinds.len(),
                        rs.rules.len(),
                        rs.subjects.len(),
                        rs.entities.entities().len()
                    ),
                    ..Outcome::default()
                },
                Err(e) => Outcome::failure(&e),
            },
            RulesAction::Test { rules } => match load_rules(rules.as_deref()) {
                Ok(rs) => {
                    let result = crate::rules_test::run(&rs);
                    Outcome {
                        stdout: result.report,
                        stderr: Vec::new(),
                        code: if result.failed == 0 && result.ran > 0 {
                            0
                        } else {
                            1
                        },
                    }
                }
                Err(e) => Outcome::failure(&e),
            },
        },
    }
}

impl Outcome {
    /// Adds the "no such finding" message when `explain` found nothing.
    fn with_missing(mut self, id: &str) -> Outcome {
        if self.code == 2 && self.stdout.is_empty() && self.stderr.is_empty() {
            self.stderr.push(format!("error: no finding with id {id} in this corpus (ids are printed by `factdiff check`)"));
        }
        self
    }
}

/// The findings of an analysis in a format of `check` and `compare`.
fn render_findings(a: &Analysis, format: Format) -> String {
    match format {
        Format::Json => report::json::render(a),
        Format::Jsonl => report::jsonl::render(a),
        Format::Markdown => report::markdown::render(a),
        Format::Csv => report::csv::render(a),
        Format::Sarif => report::sarif::render(a),
        Format::Github => report::github::render(a),
        Format::Html => report::html::render(a),
        // Other formats are refused before the run (`CHECK_FORMATS`).
        _ => report::table::render_check_for(a, false, report::layout::stdout_table_width()),
    }
}

/// The formats `check` and `compare` write.
pub const CHECK_FORMATS: &[Format] = &[
    Format::Table,
    Format::Html,
    Format::Json,
    Format::Jsonl,
    Format::Markdown,
    Format::Csv,
    Format::Sarif,
    Format::Github,
];

/// The formats `extract` writes.
pub const EXTRACT_FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Jsonl, Format::Csv];

/// The formats `timeline` writes.
pub const TIMELINE_FORMATS: &[Format] = &[Format::Table, Format::Json, Format::Svg];

/// The formats `quantities` writes.
pub const QUANTITIES_FORMATS: &[Format] = &[Format::Table, Format::Json];

/// A usage error (exit 2) when `command` cannot write `format`, naming the formats it accepts.
fn unsupported_format(command: &str, format: Format, offered: &[Format]) -> Option<Outcome> {
    if offered.contains(&format) {
        return None;
    }
    let names: Vec<&str> = offered.iter().map(|f| f.name()).collect();
    let list = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Some(Outcome::failure(&Error::Usage(format!(
        "`{command}` does not write {}; use --format {list}",
        format.name()
    ))))
}

fn compare(args: &CompareArgs) -> Outcome {
    if let Some(refused) = unsupported_format("compare", args.format, CHECK_FORMATS) {
        return refused;
    }
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let mut shard = report::jsonl::Shard::default();
    for path in &args.claims {
        let (name, text) = if path.as_os_str() == "-" {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                return Outcome::failure(&Error::input(
                    "<stdin>",
                    None,
                    format!("cannot read: {e}"),
                ));
            }
            ("<stdin>".to_string(), text)
        } else {
            let name = path.display().to_string();
            match std::fs::read_to_string(path) {
                Ok(t) => (name, t),
                Err(e) => {
                    return Outcome::failure(&Error::input(
                        &name,
                        None,
                        format!("cannot read: {e}"),
                    ))
                }
            }
        };
        match report::jsonl::parse_shard(&text) {
            Ok(s) => {
                shard.documents.extend(s.documents);
                shard.claims.extend(s.claims);
                shard.quotes.extend(s.quotes);
            }
            Err(e) => {
                let (line, message) = match e.strip_prefix("line ").and_then(|r| r.split_once(": "))
                {
                    Some((n, m)) => (n.parse().ok(), m.to_string()),
                    None => (None, e.clone()),
                };
                return Outcome::failure(&Error::input(
                    &name,
                    line,
                    format!("not a claims file: {message}"),
                ));
            }
        }
    }
    let mut findings = crate::compare::compare_claims(&shard.documents, &shard.claims, &rules);
    findings.extend(crate::quotes::compare_quotes(
        &shard.documents,
        &shard.quotes,
        &rules.entities,
    ));
    crate::compare::sort_findings(&mut findings);
    let a = Analysis {
        documents: shard.documents,
        claims: shard.claims,
        quotes: shard.quotes,
        findings,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    Outcome {
        stdout: render_findings(&a, args.format),
        stderr: Vec::new(),
        code: if exceeds(report::worst_severity(&a), args.fail_on) {
            1
        } else {
            0
        },
    }
}

fn timeline(args: &TimelineArgs) -> Outcome {
    configure_threads(&args.corpus);
    if let Some(refused) = unsupported_format("timeline", args.format, TIMELINE_FORMATS) {
        return refused;
    }
    with_analysis(&args.corpus, |a| {
        let series = crate::timeline_build::series(a, &args.kind, args.subject.as_deref());
        let stdout = match args.format {
            Format::Svg => crate::timeline::render_svg(&series),
            Format::Json => crate::timeline_build::render_json(&series),
            _ => crate::timeline_build::render_table(&series),
        };
        (stdout, 0)
    })
}

/// Whether to colour: `always`, `never`, or on a terminal when NO_COLOR is unset or empty.
pub fn use_color(choice: ColorChoice, stdout_is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(str::is_empty),
    }
}

fn check(args: &CheckArgs) -> Outcome {
    if let Some(refused) = unsupported_format("check", args.format, CHECK_FORMATS) {
        return refused;
    }
    configure_threads(&args.corpus);
    let color = use_color(
        args.color,
        args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()),
        std::env::var("NO_COLOR").ok().as_deref(),
    );
    let mut baselines = Vec::new();
    for (files, require_reason) in [(&args.baseline, false), (&args.acknowledged, true)] {
        for f in files {
            match Baseline::read(f, require_reason) {
                Ok(b) => baselines.push((f.display().to_string(), b)),
                Err(e) => return Outcome::failure(&e),
            }
        }
    }
    let mut notes = Vec::new();
    // SARIF computes where a figure ends from the document text.
    let options = pipeline::Options {
        keep_text: args.format == Format::Sarif,
        ..pipeline::Options::default()
    };
    let mut outcome = with_analysis_kept(&args.corpus, options, args.color, |a| {
        // The HTML report lists accepted findings too, marked; the other formats leave them out.
        let mut all_findings = None;
        let mut review = report::html::Review::default();
        if !baselines.is_empty() {
            if args.format == Format::Html {
                all_findings = Some(a.findings.clone());
            }
            let applied = baseline::apply(std::mem::take(&mut a.findings), &baselines);
            a.findings = applied.new;
            if applied.hidden > 0 {
                notes.push(format!(
                    "note: {} hidden by baselines",
                    report::plural(applied.hidden, "finding")
                ));
            }
            for (file, id) in &applied.stale {
                notes.push(format!(
                    "warning: {file}: stale entry {id}: no such finding any more"
                ));
            }
            review = report::html::Review::new(&baselines, applied.stale);
        }
        let stdout = if args.format == Format::Table && color {
            report::table::render_check_for(a, true, report::layout::stdout_table_width())
        } else if let Some(all) = all_findings {
            let new = std::mem::replace(&mut a.findings, all);
            let page = report::html::render_reviewed(a, &review);
            a.findings = new;
            page
        } else {
            render_findings(a, args.format)
        };
        let code = if exceeds(report::worst_severity(a), args.fail_on) {
            1
        } else {
            0
        };
        (stdout, code)
    });
    if !args.corpus.quiet || notes.iter().any(|n| n.starts_with("warning")) {
        outcome.stderr.extend(notes);
    }
    if let Some(path) = &args.output {
        write_report(&mut outcome, path);
    }
    outcome
}

/// Moves the report of `outcome` from standard output into `path` (written atomically); a run that
/// produced no report (invalid rules, usage error: exit 2 and nothing written) leaves the file alone;
/// an empty report (no findings in the github format) replaces it. A failed write is an error (exit 2).
fn write_report(outcome: &mut Outcome, path: &Path) {
    if outcome.stdout.is_empty() && outcome.code == 2 {
        return;
    }
    let report = std::mem::take(&mut outcome.stdout);
    if let Err(e) = baseline::write_atomic(path, report.as_bytes()) {
        outcome.stderr.push(format!("error: {e}"));
        outcome.code = 2;
    }
}

fn rules_diff(args: &DiffArgs) -> Outcome {
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let before = match load_rules_revision(&args.rules_before) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let after = match load_rules(args.rules_after.as_deref()) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let corpus = CorpusArgs {
        paths: args.paths.clone(),
        rules: None,
        jobs: args.jobs,
        quiet: true,
        verbose: false,
        encoding: "utf-8".into(),
        walk: args.walk.clone(),
        input_format: InputFormat::Files,
    };
    let inputs = match inputs(&corpus) {
        Ok(i) => i,
        Err(e) => return Outcome::failure(&e),
    };
    let (documents, errors, _) = pipeline::load(&inputs);
    let old = pipeline::analyse_documents(documents.clone(), Vec::new(), &before);
    let new = pipeline::analyse_documents(documents, Vec::new(), &after);
    let d = crate::rules_diff::diff(&old, &new);
    Outcome {
        stdout: crate::rules_diff::render(&d),
        stderr: errors.iter().map(|e| format!("error: {e}")).collect(),
        code: if errors.is_empty() { 0 } else { 2 },
    }
}

/// Loads rules from a file, or from git when the argument reads `REV:PATH` and is not a file.
fn load_rules_revision(spec: &str) -> Result<RuleSet, Error> {
    let path = Path::new(spec);
    if path.is_file() {
        return load_rules(Some(path));
    }
    if !spec.contains(':') {
        return Err(Error::input(
            spec,
            None,
            "no such rules file (for a git revision write REV:PATH, e.g. HEAD:rules.toml)",
        ));
    }
    let out = std::process::Command::new("git")
        .args(["show", spec])
        .output()
        .map_err(|e| Error::input(spec, None, format!("cannot run git: {e}")))?;
    if !out.status.success() {
        return Err(Error::input(
            spec,
            None,
            format!(
                "git show failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        ));
    }
    let text = String::from_utf8(out.stdout)
        .map_err(|_| Error::input(spec, None, "rules are not valid UTF-8"))?;
    RuleSet::parse(&text, spec)
}

fn configure_threads(args: &CorpusArgs) {
    if let Some(n) = args.jobs {
        // A second configuration in one process (tests) is harmless: the first one stays.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
}

fn exceeds(worst: Option<Severity>, fail_on: FailOn) -> bool {
    match (worst, fail_on) {
        (_, FailOn::Never) | (None, _) => false,
        (Some(s), FailOn::Error) => s >= Severity::Error,
        (Some(s), FailOn::Warning) => s >= Severity::Warning,
    }
}

/// Loads rules: the given file, else `./rules.toml` when present, else the embedded default.
pub fn load_rules(path: Option<&Path>) -> Result<RuleSet, Error> {
    let path: Option<PathBuf> = match path {
        Some(p) => Some(p.to_path_buf()),
        None => Some(PathBuf::from("rules.toml")).filter(|p| p.is_file()),
    };
    match path {
        None => RuleSet::embedded(),
        Some(p) => {
            let name = p.display().to_string();
            let bytes = std::fs::read(&p)
                .map_err(|e| Error::input(&name, None, format!("cannot read rules: {e}")))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::input(&name, None, "rules file is not valid UTF-8"))?;
            RuleSet::parse(&text, &name)
        }
    }
}

fn inputs(args: &CorpusArgs) -> Result<Inputs, Error> {
    let encoding = crate::corpus::TextEncoding::from_label(&args.encoding).ok_or_else(|| {
        Error::Usage(format!(
            "unknown encoding `{}`; use utf-8, auto, or a label such as windows-1252",
            args.encoding
        ))
    })?;
    let mut inputs = Inputs {
        encoding,
        walk: args.walk.options(),
        ..Inputs::default()
    };
    if args.input_format == InputFormat::Jsonl {
        for p in &args.paths {
            let (name, text) = read_text(p)?;
            inputs
                .records
                .extend(crate::input::jsonl::record_lines(&name, &text));
        }
        return Ok(inputs);
    }
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::input("<stdin>", None, format!("cannot read: {e}")))?;
            inputs.inline.push(InlineDocument {
                name: "<stdin>".into(),
                stem: "stdin".into(),
                bytes,
            });
        } else {
            inputs.paths.push(p.clone());
        }
    }
    Ok(inputs)
}

/// Reads a whole text file, or standard input for `-`: its name for messages and its text. A folder,
/// a file that cannot be read or text that is not UTF-8 is an error naming it (and the line).
fn read_text(path: &Path) -> Result<(String, String), Error> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::input("<stdin>", None, format!("cannot read: {e}")))?;
        return Ok(("<stdin>".into(), crate::corpus::decode("<stdin>", &bytes)?));
    }
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Error::input(
            &name,
            None,
            "is a folder; JSONL input takes files of records (or `-`)",
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Error::input(&name, None, format!("cannot read: {e}")))?;
    let text = crate::corpus::decode(&name, &bytes)?;
    Ok((name, text))
}

/// Reads an events file written by `factdiff events assign`.
fn read_events_file(path: &Path) -> Result<crate::input::events_file::EventTable, Error> {
    let (name, text) = read_text(path)?;
    crate::input::events_file::EventTable::parse(&text)
        .map_err(|e| line_error(&name, &e, "not an events file"))
}

/// An input error from a parser's `line N: message`.
fn line_error(name: &str, e: &str, what: &str) -> Error {
    let (line, message) = match e.strip_prefix("line ").and_then(|r| r.split_once(": ")) {
        Some((n, m)) => (n.parse().ok(), m.to_string()),
        None => (None, e.to_string()),
    };
    Error::input(name, line, format!("{what}: {message}"))
}

/// `factdiff events cues`: one cue line per document.
fn event_cues(args: &CorpusArgs) -> Outcome {
    configure_threads(args);
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let inputs = match inputs(args) {
        Ok(i) => i,
        Err(e) => return Outcome::failure(&e),
    };
    let (documents, errors) = pipeline::event_cues(&inputs, &rules);
    Outcome {
        stdout: crate::input::events_file::render_cues(&documents),
        stderr: errors.iter().map(|e| format!("error: {e}")).collect(),
        code: if errors.is_empty() { 0 } else { 2 },
    }
}

/// `factdiff events assign`: the events file from every partition's cue lines.
fn assign_events(files: &[PathBuf]) -> Outcome {
    let mut documents = Vec::new();
    for path in files {
        let parsed = read_text(path).and_then(|(name, text)| {
            crate::input::events_file::parse_cues(&text)
                .map_err(|e| line_error(&name, &e, "not a cues file"))
        });
        match parsed {
            Ok(d) => documents.extend(d),
            Err(e) => return Outcome::failure(&e),
        }
    }
    Outcome {
        stdout: crate::input::events_file::assign(documents),
        ..Outcome::default()
    }
}

/// Runs the pipeline without keeping document text, then `render`.
fn with_analysis(args: &CorpusArgs, render: impl FnOnce(&mut Analysis) -> (String, u8)) -> Outcome {
    with_analysis_kept(
        args,
        pipeline::Options::default(),
        ColorChoice::Auto,
        render,
    )
}

/// Loads the rules and the corpus, analyses it with `options` (with a progress bar on a terminal, see
/// [`crate::progress`]), renders it, and collects errors, warnings and, with `-v`, the run's summary.
/// `color` styles the progress bar only.
fn with_analysis_kept(
    args: &CorpusArgs,
    options: pipeline::Options,
    color: ColorChoice,
    render: impl FnOnce(&mut Analysis) -> (String, u8),
) -> Outcome {
    let clock = Instant::now();
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let mut timings = Timings {
        rules: clock.elapsed(),
        ..Timings::default()
    };
    let clock = Instant::now();
    let inputs = match inputs(args) {
        Ok(i) => i,
        Err(e) => return Outcome::failure(&e),
    };
    let read_stdin = clock.elapsed();
    let stderr_is_terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let progress = RunProgress::start(
        stderr_is_terminal,
        args.quiet,
        use_color(
            color,
            stderr_is_terminal,
            std::env::var("NO_COLOR").ok().as_deref(),
        ),
    );
    let mut analysis = pipeline::analyse_with(&inputs, &rules, options, &progress);
    let stages = progress.finish();
    timings.load = read_stdin + stages.load;
    timings.extract = stages.extract;
    timings.compare = stages.compare;
    // Counted before rendering: `extract` drops the findings and `check` hides baselined ones.
    let summary = args.verbose.then(|| RunSummary::of(&analysis));
    let clock = Instant::now();
    let (stdout, mut code) = render(&mut analysis);
    timings.render = clock.elapsed();
    let mut stderr: Vec<String> = analysis
        .errors
        .iter()
        .map(|e| format!("error: {e}"))
        .collect();
    if !args.quiet {
        stderr.extend(analysis.warnings.iter().map(|w| format!("warning: {w}")));
    }
    if !analysis.errors.is_empty() {
        code = 2;
    }
    if analysis.documents.is_empty() && analysis.errors.is_empty() {
        stderr.push("error: no documents found (looked for .txt and .md articles that are not hidden, ignored, README, LICENSE, CHANGELOG, CONTRIBUTING or SOURCE.md files; --glob picks other files)".into());
        code = 2;
    }
    if let Some(summary) = summary {
        stderr.extend(summary.lines(&rules, &timings));
    }
    Outcome {
        stdout,
        stderr,
        code,
    }
}

/// What `-v` reports about a run, counted from its analysis.
struct RunSummary {
    loaded: usize,
    failed: usize,
    claims: usize,
    quotes: usize,
    findings: usize,
}

impl RunSummary {
    fn of(a: &Analysis) -> RunSummary {
        RunSummary {
            loaded: a.documents.len(),
            failed: a.errors.len(),
            claims: a.claims.len(),
            quotes: a.quotes.len(),
            findings: a.findings.len(),
        }
    }

    /// The `info:` lines for standard error. Times appear here only, never on standard output.
    fn lines(&self, rules: &RuleSet, timings: &Timings) -> Vec<String> {
        vec![
            format!(
                "info: rules: {} ({} kinds, {} rules)",
                rules.origin,
                rules.kinds.len(),
                rules.rules.len()
            ),
            format!("info: threads: {}", rayon::current_num_threads()),
            format!(
                "info: documents: {} found, {} loaded, {} failed",
                self.loaded + self.failed,
                self.loaded,
                self.failed
            ),
            format!(
                "info: claims: {}, quotes: {}, findings: {}",
                self.claims, self.quotes, self.findings
            ),
            format!("info: time: {}", timings.summary()),
        ]
    }
}

fn quantities(file: &Path, format: Format) -> Outcome {
    if let Some(refused) = unsupported_format("quantities", format, QUANTITIES_FORMATS) {
        return refused;
    }
    let (name, bytes) = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return Outcome::failure(&Error::input("<stdin>", None, format!("cannot read: {e}")));
        }
        ("<stdin>".to_string(), bytes)
    } else {
        let name = file.display().to_string();
        match std::fs::read(file) {
            Ok(b) => (name, b),
            Err(e) => {
                return Outcome::failure(&Error::input(&name, None, format!("cannot read: {e}")))
            }
        }
    };
    let text = match crate::corpus::decode(&name, &bytes) {
        Ok(t) => t,
        Err(e) => return Outcome::failure(&e),
    };
    let found = crate::quantity::recognise(&text);
    let stdout = match format {
        Format::Json => report::json::render_quantities(&text, &found),
        _ => report::table::render_quantities_for(
            &text,
            &found,
            report::layout::stdout_table_width(),
        ),
    };
    Outcome {
        stdout,
        ..Outcome::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_follows_choice_terminal_and_no_color() {
        assert!(use_color(ColorChoice::Always, false, Some("1")));
        assert!(!use_color(ColorChoice::Never, true, None));
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(use_color(ColorChoice::Auto, true, Some("")));
        assert!(!use_color(ColorChoice::Auto, true, Some("1")));
        assert!(!use_color(ColorChoice::Auto, false, None));
    }
}
