//! Regexes and regex sets of a rule set, compiled at load time or on first use.
//!
//! Compiling the embedded rules' 175 regexes and 3 regex sets took ~140 ms, most of a short run, and a
//! run seldom needs them all. A rules file given by the user is still compiled at load time
//! ([`Compile::Now`]), so that every error is reported there with its key, id and line. In a release
//! build the embedded default rules are compiled on first use ([`Compile::OnFirstUse`]) after a syntax
//! check of every pattern at load time: their text is fixed in the binary, and the test
//! `the_embedded_rules_compile_eagerly` compiles all of it at load time with every check, so a first
//! use cannot fail (only a binary built from a `rules.toml` that fails `cargo test` could, and it then
//! panics naming the pattern). Either way a regex is built by the same builder calls from the same
//! pattern text, so it matches the same.
//!
//! [`LazyRegex`] and [`LazyRegexSet`] dereference to [`Regex`] and [`RegexSet`]: callers use them as
//! before (`cue.find_iter(text)`, `set.matches(text)`); a caller that needs a `&Regex` writes `&*cue`
//! or `cue.regex()`.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// Size limit for one compiled regex (bytes); a larger pattern is a rules error, not a hang.
pub(super) const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// When the regexes of a rule set are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Compile {
    /// At load time: a bad pattern is a load error (any rules text but the embedded default).
    Now,
    /// On first use, after a syntax check at load time: only for the embedded default rules, which the
    /// tests compile with [`Compile::Now`].
    OnFirstUse,
}

/// A regex compiled on first use, or at load time (see the module documentation).
#[derive(Clone)]
pub struct LazyRegex {
    /// The pattern as given to the regex builder (word boundaries already made ASCII).
    pattern: String,
    regex: OnceLock<Regex>,
}

impl LazyRegex {
    /// Prepares `pattern` (a rules pattern after macro expansion): with [`Compile::Now`] compiles it,
    /// else checks its syntax; returns the message of an error.
    pub(super) fn new(pattern: &str, when: Compile) -> Result<LazyRegex, String> {
        let pattern = ascii_word_boundaries(pattern);
        let regex = match when {
            Compile::Now => OnceLock::from(build_exact(&pattern)?),
            Compile::OnFirstUse => {
                check_syntax(&pattern)?;
                OnceLock::new()
            }
        };
        Ok(LazyRegex { pattern, regex })
    }

    /// The pattern text, as [`Regex::as_str`] gives it; does not compile the regex.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex (compiled now if this is its first use).
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_exact(&self.pattern).unwrap_or_else(|m| {
                panic!(
                    "embedded rules: pattern `{}` does not compile ({m}); `cargo test` reports this",
                    self.pattern
                )
            })
        })
    }

    /// True once the regex has been compiled.
    pub fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }
}

impl Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex()
    }
}

impl fmt::Debug for LazyRegex {
    /// Formats as [`Regex`] does, compiled or not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Regex").field(&self.pattern).finish()
    }
}

/// Size limits of a [`LazyRegexSet`].
#[derive(Debug, Clone, Copy)]
pub(super) struct SetLimits {
    /// `RegexSetBuilder::size_limit`.
    pub size: usize,
    /// `RegexSetBuilder::dfa_size_limit`, when not the regex crate's default.
    pub dfa: Option<usize>,
}

/// A case-insensitive regex set compiled on first use, or at load time (see the module
/// documentation).
#[derive(Clone)]
pub struct LazyRegexSet {
    patterns: Vec<String>,
    limits: SetLimits,
    set: OnceLock<RegexSet>,
}

impl LazyRegexSet {
    /// Prepares a set of `patterns` (taken as they are; with [`Compile::OnFirstUse`] the caller has
    /// checked their syntax): with [`Compile::Now`] compiles it, and returns the message of an error.
    pub(super) fn new(
        patterns: Vec<String>,
        limits: SetLimits,
        when: Compile,
    ) -> Result<LazyRegexSet, String> {
        let set = match when {
            Compile::Now => {
                OnceLock::from(build_set(&patterns, limits).map_err(|e| e.to_string())?)
            }
            Compile::OnFirstUse => OnceLock::new(),
        };
        Ok(LazyRegexSet {
            patterns,
            limits,
            set,
        })
    }

    /// The patterns, as [`RegexSet::patterns`] gives them; does not compile the set.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The compiled set (compiled now if this is its first use).
    pub fn set(&self) -> &RegexSet {
        self.set.get_or_init(|| {
            build_set(&self.patterns, self.limits).unwrap_or_else(|e| {
                panic!(
                    "embedded rules: a regex set does not compile ({e}); `cargo test` reports this"
                )
            })
        })
    }

    /// True once the set has been compiled.
    pub fn is_compiled(&self) -> bool {
        self.set.get().is_some()
    }
}

impl Deref for LazyRegexSet {
    type Target = RegexSet;

    fn deref(&self) -> &RegexSet {
        self.set()
    }
}

impl fmt::Debug for LazyRegexSet {
    /// Formats as [`RegexSet`] does, compiled or not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegexSet({:?})", self.patterns)
    }
}

/// Parses `pattern` as the regex crate does before compiling it (same parser, default settings), so a
/// syntax error is found at load time. A pattern can still fail to compile (an unknown Unicode class,
/// the size limit): only the compile itself tells, which is why [`Compile::OnFirstUse`] is kept for the
/// embedded rules that the tests compile.
pub(super) fn check_syntax(pattern: &str) -> Result<(), String> {
    regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .map(drop)
        .map_err(|e| format!("bad regex: {e}"))
}

fn build_set(patterns: &[String], limits: SetLimits) -> Result<RegexSet, regex::Error> {
    let mut builder = RegexSetBuilder::new(patterns);
    builder.case_insensitive(true).size_limit(limits.size);
    if let Some(dfa) = limits.dfa {
        builder.dfa_size_limit(dfa);
    }
    builder.build()
}

/// Rewrites every `\b` as the ASCII word boundary `(?-u:\b)`. A Unicode word boundary makes the regex
/// crate leave its fast DFA engines on any text with a non-ASCII character (curly quotes, dashes, the
/// quantity placeholder), which is most news text; the rules' words are ASCII, so the ASCII boundary
/// finds the same words.
pub(super) fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compiles a rules pattern (word boundaries made ASCII), case-insensitive, within the size limit.
pub(super) fn build_regex(pattern: &str) -> Result<Regex, String> {
    build_exact(&ascii_word_boundaries(pattern))
}

/// Compiles `pattern` as it is, case-insensitive, within the size limit.
fn build_exact(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("pattern compiles to more than {limit} bytes; split it or use fewer repetitions")
            }
            other => format!("bad regex: {}", other.to_string().lines().last().unwrap_or("")),
        })
}
