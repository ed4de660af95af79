//! Runs a parsed command line and returns what to print and the exit code, without printing: the binary
//! prints. Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage, rules or input errors (the
//! readable documents are still reported).

use crate::cli::{Cli, Command, CorpusArgs, FailOn, Format, RulesAction};
use crate::error::Error;
use crate::model::Severity;
use crate::pipeline::{self, Analysis, InlineDocument, Inputs};
use crate::report;
use crate::rules::RuleSet;
use std::io::Read;
use std::path::{Path, PathBuf};

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
        Command::Check(args) => {
            configure_threads(&args.corpus);
            with_analysis(&args.corpus, |a| {
                let stdout = match args.format {
                    Format::Table => report::table::render_check(a),
                    Format::Json => report::json::render(a),
                };
                let code = if exceeds(report::worst_severity(a), args.fail_on) { 1 } else { 0 };
                (stdout, code)
            })
        }
        Command::Extract(args) => {
            configure_threads(&args.corpus);
            with_analysis(&args.corpus, |a| {
                let stdout = match args.format {
                    Format::Table => report::table::render_claims(a),
                    Format::Json => report::json::render(a),
                };
                (stdout, 0)
            })
        }
        Command::Quantities(args) => quantities(&args.file, args.format),
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
                        code: if result.failed == 0 && result.ran > 0 { 0 } else { 1 },
                    }
                }
                Err(e) => Outcome::failure(&e),
            },
        },
    }
}

fn configure_threads(args: &CorpusArgs) {
    if let Some(n) = args.jobs {
        // A second configuration in one process (tests) is harmless: the first one stays.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
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
            let bytes = std::fs::read(&p).map_err(|e| Error::input(&name, None, format!("cannot read rules: {e}")))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::input(&name, None, "rules file is not valid UTF-8"))?;
            RuleSet::parse(&text, &name)
        }
    }
}

fn inputs(args: &CorpusArgs) -> Result<Inputs, Error> {
    let mut inputs = Inputs::default();
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

fn with_analysis(args: &CorpusArgs, render: impl FnOnce(&Analysis) -> (String, u8)) -> Outcome {
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return Outcome::failure(&e),
    };
    let inputs = match inputs(args) {
        Ok(i) => i,
        Err(e) => return Outcome::failure(&e),
    };
    let analysis = pipeline::analyse(&inputs, &rules);
    let (stdout, mut code) = render(&analysis);
    let mut stderr: Vec<String> = analysis.errors.iter().map(|e| format!("error: {e}")).collect();
    if !analysis.errors.is_empty() {
        code = 2;
    }
    if analysis.documents.is_empty() && analysis.errors.is_empty() {
        stderr.push("error: no documents found (looked for .txt and .md files)".into());
        code = 2;
    }
    Outcome { stdout, stderr, code }
}

fn quantities(file: &Path, format: Format) -> Outcome {
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
            Err(e) => return Outcome::failure(&Error::input(&name, None, format!("cannot read: {e}"))),
        }
    };
    let text = match crate::corpus::decode(&name, &bytes) {
        Ok(t) => t,
        Err(e) => return Outcome::failure(&e),
    };
    let found = crate::quantity::recognise(&text);
    let stdout = match format {
        Format::Table => report::table::render_quantities(&text, &found),
        Format::Json => report::json::render_quantities(&text, &found),
    };
    Outcome {
        stdout,
        ..Outcome::default()
    }
}
