//! The command line: clap definitions turned into plain options. No I/O happens here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// factdiff: checks news reports for numeric and attributional consistency between sources.
#[derive(Debug, Parser)]
#[command(name = "factdiff", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract claims and quotes, compare them across sources, and report the findings.
    Check(CheckArgs),
    /// List the claims found in documents.
    Extract(ExtractArgs),
    /// List the quantities recognised in a file or standard input (for rule authors).
    Quantities(QuantitiesArgs),
    /// Work with rules files.
    Rules(RulesArgs),
    /// Record the current findings as accepted (a baseline for `check --baseline`).
    Baseline(BaselineArgs),
    /// Show one finding's sources side by side, with the reason for its verdict.
    Explain(ExplainArgs),
    /// List the claims and findings that change between two versions of the rules.
    Diff(DiffArgs),
    /// Compare claims extracted earlier (`extract --format jsonl`, possibly in shards) in one step.
    Compare(CompareArgs),
    /// Each source's figures of one kind in date order, per subject, with low/best/high per date.
    Timeline(TimelineArgs),
    /// The corpus-wide pass of a partitioned run: documents' event cues, then their ids and events.
    Events(EventsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `factdiff events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Which step.
    #[command(subcommand)]
    pub action: EventsAction,
}

/// `factdiff events cues|assign`.
#[derive(Debug, Subcommand)]
pub enum EventsAction {
    /// Write each document's path, id, date and event cues, one JSON line each (run once per partition).
    Cues {
        /// Corpus and rules.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Read the cue lines of every partition and write each document's id and event, one JSON line
    /// each: the events file for `extract --events`.
    Assign {
        /// Files written by `factdiff events cues` (`-` for standard input).
        #[arg(required = true)]
        cues: Vec<PathBuf>,
    },
}

/// How documents are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum InputFormat {
    /// `.txt` and `.md` files, and folders of them.
    #[default]
    Files,
    /// JSONL files (or `-`): one JSON record per line with `text`, `id` and front-matter keys.
    Jsonl,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `factdiff compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// JSONL files written by `factdiff extract --format jsonl` (`-` for standard input).
    #[arg(required = true)]
    pub claims: Vec<PathBuf>,
    /// Rules file (for kinds, windows and trends; default: ./rules.toml if present, else embedded).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

/// `factdiff timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Corpus and rules.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The claim kind (e.g. killed).
    #[arg(long)]
    pub kind: String,
    /// Only this subject (default: every subject of the kind).
    #[arg(long)]
    pub subject: Option<String>,
    /// Output format: table, json or svg.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `factdiff baseline`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: BaselineAction,
}

/// `factdiff baseline write`.
#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Write the current findings' ids to FILE (atomically).
    Write {
        /// The baseline file to write.
        file: PathBuf,
        /// Corpus and rules.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
}

/// `factdiff explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The finding id (as printed by `check`, e.g. F1a2b3c4d).
    pub id: String,
    /// Corpus and rules.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `factdiff diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old rules: a file, or a git revision and path such as `HEAD:rules.toml`.
    #[arg(long, value_name = "OLD")]
    pub rules_before: String,
    /// The new rules file (default: ./rules.toml if present, else the embedded default).
    #[arg(long, value_name = "NEW")]
    pub rules_after: Option<PathBuf>,
    /// Files and folders to read.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Number of threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Which files of the folders are articles.
    #[command(flatten)]
    pub walk: WalkArgs,
}

/// `--glob` and `--exclude`, for every command that reads documents.
#[derive(Debug, Args, Clone, Default)]
pub struct WalkArgs {
    /// Read exactly the files of the folders matching this glob (gitignore syntax, relative to the
    /// folder given; repeatable), whatever their extension or name, instead of the `.txt` and `.md`
    /// articles.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Skip the files and folders matching this glob (gitignore syntax; repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
}

impl WalkArgs {
    /// The options of the corpus walk.
    pub fn options(&self) -> crate::corpus::WalkOptions {
        crate::corpus::WalkOptions {
            globs: self.globs.clone(),
            excludes: self.excludes.clone(),
        }
    }
}

/// Options shared by the commands that read a corpus.
#[derive(Debug, Args, Clone)]
pub struct CorpusArgs {
    /// Files and folders to read (the `.txt` and `.md` articles of folders, recursively, skipping hidden,
    /// ignored and README-like files); `-` reads one document from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Which files of the folders are articles.
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Rules file (default: ./rules.toml if present, else the embedded default rules).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Number of threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Print nothing on standard error but errors (no warnings, no progress bar).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also print, on standard error, the rules, threads, counts and the time of each stage.
    #[arg(long, short = 'v', conflicts_with = "quiet")]
    pub verbose: bool,
    /// How to read files that are not UTF-8: `utf-8` (an error), `auto` (guess, with a warning), or an
    /// encoding label such as `windows-1252` or `latin1` (with a warning).
    #[arg(long, value_name = "ENCODING", default_value = "utf-8")]
    pub encoding: String,
    /// How documents are given: `files` (folders and files of articles) or `jsonl` (records of
    /// `text`, `id` and front-matter keys, one per line, from JSONL files or `-`).
    #[arg(long, value_enum, default_value_t = InputFormat::Files)]
    pub input_format: InputFormat,
}

/// `factdiff check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Corpus and rules.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit with 1 when a finding has at least this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Colour the table's verdicts: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Hide the findings recorded in this baseline file (repeatable); stale entries are listed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Vec<PathBuf>,
    /// Hide the findings acknowledged, each with a reason, in this file (repeatable).
    #[arg(long, value_name = "FILE")]
    pub acknowledged: Vec<PathBuf>,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `factdiff extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Corpus and rules.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Take documents' ids and events from this events file (`factdiff events assign`), as a run over
    /// the whole corpus would give them, instead of inferring them from these documents only.
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `factdiff quantities`.
#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// A text file, or `-` for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `factdiff rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// What to do with the rules.
    #[command(subcommand)]
    pub action: RulesAction,
}

/// `factdiff rules test|check`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Run the examples embedded in the rules; fail on a wrong result or a rule without examples.
    Test {
        /// Rules file (default: ./rules.toml if present, else the embedded default).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
    /// Validate a rules file without running it.
    Check {
        /// Rules file (default: ./rules.toml if present, else the embedded default).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
    },
}

/// Output formats (not every command offers every format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// The factdiff/v1 JSON contract.
    Json,
    /// One JSON object per line (documents, claims, quotes, findings, summary).
    Jsonl,
    /// A report to paste into a pull request.
    Markdown,
    /// Claims, one row each, for spreadsheets.
    Csv,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One self-contained HTML page for reviewers: filterable findings, sources side by side,
    /// timelines (check and compare).
    Html,
    /// An SVG chart (timeline only).
    Svg,
}

impl Format {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Html => "html",
            Format::Svg => "svg",
        }
    }
}

/// The severity at which `check` exits with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (conflict, regression, misattribution).
    Error,
    /// Warnings and errors.
    Warning,
    /// Never: exit 0 unless the input is broken.
    Never,
}
