//! The one error type of the library. Every variant names where the problem is (a file and line, or a
//! rules.toml key, rule id and line:column) and, where it helps, what to do. The binary maps errors to
//! exit code 2.

use std::fmt;

/// An error that stops a command or is reported for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A document (or other input file) that cannot be used.
    Input {
        /// The file's path.
        path: String,
        /// The 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// An invalid rules file.
    Rules(Box<RulesError>),
    /// A bad command line.
    Usage(String),
    /// Writing output failed.
    Output(String),
}

/// Where and why a rules file is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The rules file's path (`<embedded rules.toml>` for the default).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The key at fault (`rule.patterns`), when known.
    pub key: Option<String>,
    /// The id of the rule, subject or entity at fault, when known.
    pub id: Option<String>,
    /// What is wrong.
    pub message: String,
    /// The source line and a caret under the column.
    pub excerpt: Option<String>,
}

impl Error {
    /// An input error for a file, optionally at a line.
    pub fn input(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Error {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input {
                path,
                line: Some(line),
                message,
            } => write!(f, "{path}:{line}: {message}"),
            Error::Input {
                path,
                line: None,
                message,
            } => write!(f, "{path}: {message}"),
            Error::Rules(r) => {
                let RulesError {
                    path,
                    line,
                    column,
                    key,
                    id,
                    message,
                    excerpt,
                } = r.as_ref();
                write!(f, "{path}:{line}:{column}: invalid rules")?;
                if let Some(id) = id {
                    write!(f, " in `{id}`")?;
                }
                if let Some(key) = key {
                    write!(f, " (key `{key}`)")?;
                }
                write!(f, ": {message}")?;
                if let Some(excerpt) = excerpt {
                    write!(f, "\n{excerpt}")?;
                }
                Ok(())
            }
            Error::Usage(message) => write!(f, "{message}"),
            Error::Output(message) => write!(f, "cannot write output: {message}"),
        }
    }
}

impl std::error::Error for Error {}
