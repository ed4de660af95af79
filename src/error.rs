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

/// `text` made safe for a terminal or a CI log: control characters (line breaks included), escape
/// sequences' ESC and bidirectional overrides are written as Rust escapes (`\u{1b}`, `\n`), so a file
/// name or a line of a hostile file can neither recolour a terminal nor start a line of its own (a
/// GitHub workflow command such as `::add-mask::`).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else if unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A message that may span lines (a TOML parser's "invalid string\nexpected `\"`") as one line:
/// its non-empty lines, trimmed and made [`printable`], joined with "; ". No literal `\n` is left in
/// it, and no line of it can start a line of its own in a terminal or CI log.
pub fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(printable)
        .collect::<Vec<_>>()
        .join("; ")
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input {
                path,
                line: Some(line),
                message,
            } => write!(f, "{}:{line}: {}", printable(path), printable(message)),
            Error::Input {
                path,
                line: None,
                message,
            } => write!(f, "{}: {}", printable(path), printable(message)),
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
                write!(f, "{}:{line}:{column}: invalid rules", printable(path))?;
                if let Some(id) = id {
                    write!(f, " in `{}`", printable(id))?;
                }
                if let Some(key) = key {
                    write!(f, " (key `{}`)", printable(key))?;
                }
                write!(f, ": {}", one_line(message))?;
                if let Some(excerpt) = excerpt {
                    write!(f, "\n{excerpt}")?;
                }
                Ok(())
            }
            Error::Usage(message) => write!(f, "{}", printable(message)),
            Error::Output(message) => write!(f, "cannot write output: {}", printable(message)),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_inject_escapes_or_lines() {
        let e = Error::input(
            "a\u{1b}[31m\n::add-mask::x\u{202e}.txt",
            Some(3),
            "bad \u{7}",
        );
        assert_eq!(
            e.to_string(),
            "a\\u{1b}[31m\\n::add-mask::x\\u{202e}.txt:3: bad \\u{7}"
        );
        assert_eq!(printable("plain – text"), "plain – text");
    }

    #[test]
    fn rules_messages_over_several_lines_read_as_one_line_without_escapes() {
        let e = Error::Rules(Box::new(RulesError {
            path: "r.toml".into(),
            line: 3,
            column: 8,
            key: None,
            id: None,
            message: "invalid string\nexpected `\"`, `'`\n".into(),
            excerpt: None,
        }));
        assert_eq!(
            e.to_string(),
            "r.toml:3:8: invalid rules: invalid string; expected `\"`, `'`"
        );
    }
}
