//! Files and folders → [`Document`]s: finds the articles (recursively, sorted, see [`walk`]), decodes them,
//! reads the optional `+++` TOML front matter, and fills id, outlet, date, URL, title, language, event and
//! pass-through metadata. Every problem is an [`Error`] that names the file and, where it has one, the
//! line; one bad file never stops the others. Site chrome is handled later, by the rules
//! (`extract::content_sentences`), because its patterns live in rules.toml.

pub mod published;
pub mod walk;

use crate::error::Error;
use crate::model::Document;
pub use walk::{collect_paths_with, WalkOptions};

use std::path::{Path, PathBuf};

/// Largest document factdiff reads; larger files are reported and skipped (a news article is a few
/// kilobytes; a file this large is a dump, not an article).
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// Finds the document files under `inputs` with the default walk (no `--glob`, no `--exclude`; see
/// [`walk`]): files are taken as given, folders are walked for `.txt` and `.md` articles. Sorted and
/// free of duplicates; unreadable paths are returned as errors.
pub fn collect_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    walk::collect_paths_with(inputs, &walk::WalkOptions::default())
        .unwrap_or_else(|e| (Vec::new(), vec![e]))
}

/// How to decode documents that are not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8 only (a BOM, or UTF-16 with a BOM, is accepted); anything else is an error.
    #[default]
    Utf8,
    /// Guess a legacy encoding (chardetng) for text that is not UTF-8, and warn.
    Auto,
    /// Decode text that is not UTF-8 with this encoding, and warn.
    Legacy(&'static encoding_rs::Encoding),
}

impl TextEncoding {
    /// Parses an `--encoding` value: `utf-8`, `auto`, or a WHATWG label such as `windows-1252` or
    /// `latin1`.
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        match label.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "auto" => Some(TextEncoding::Auto),
            other => encoding_rs::Encoding::for_label(other.as_bytes()).map(TextEncoding::Legacy),
        }
    }
}

/// A loaded document and its warnings: its text had to be decoded from a legacy encoding, its
/// front-matter date could not be read (it is checked as undated).
pub type Loaded = (Document, Vec<String>);

/// Reads and parses one document file.
pub fn load_file(path: &Path, encoding: TextEncoding) -> Result<Loaded, Error> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::input(&name, None, format!("cannot read: {e}")))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::input(
            &name,
            None,
            format!(
                "file is {} MB, above the {} MB limit for one document; split it into articles",
                meta.len() >> 20,
                MAX_DOCUMENT_BYTES >> 20
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Error::input(&name, None, format!("cannot read: {e}")))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.clone());
    parse_document_with(&name, &stem, &bytes, encoding)
}

/// Decodes bytes as UTF-8 (a BOM is dropped) or, with a byte-order mark, UTF-16. NUL bytes mark a
/// binary file.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Error> {
    decode_with(path, bytes, TextEncoding::Utf8).map(|(text, _)| text)
}

/// Decodes bytes with the given policy for text that is not UTF-8; the second value is a warning when
/// a legacy encoding was used.
pub fn decode_with(
    path: &str,
    bytes: &[u8],
    encoding: TextEncoding,
) -> Result<(String, Option<String>), Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::input(
                path,
                None,
                format!(
                    "invalid {} text (it starts with a byte-order mark)",
                    enc.name()
                ),
            ));
        }
        return Ok((text.into_owned(), None));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(Error::input(
            path,
            Some(line),
            "binary file (NUL byte); skipped",
        ));
    }
    let err = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok((s.to_string(), None)),
        Err(e) => e,
    };
    let legacy = match encoding {
        TextEncoding::Utf8 => {
            let pos = err.valid_up_to();
            let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
            return Err(Error::input(
                path,
                Some(line),
                format!(
                    "not valid UTF-8 (byte 0x{:02X} at offset {pos}); convert the file to UTF-8, or pass --encoding auto or --encoding windows-1252",
                    bytes[pos]
                ),
            ));
        }
        TextEncoding::Legacy(enc) => enc,
        TextEncoding::Auto => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            detector.guess(None, true)
        }
    };
    let (text, _, _) = legacy.decode(bytes);
    Ok((
        text.into_owned(),
        Some(format!(
            "{}: not UTF-8; decoded as {}",
            crate::error::printable(path),
            legacy.name()
        )),
    ))
}

/// Parses a UTF-8 document from its bytes. `path` names it in errors; `stem` is its id without front
/// matter.
pub fn parse_document(path: &str, stem: &str, bytes: &[u8]) -> Result<Document, Error> {
    parse_document_with(path, stem, bytes, TextEncoding::Utf8).map(|(d, _)| d)
}

/// Parses a document from its bytes with an encoding policy.
pub fn parse_document_with(
    path: &str,
    stem: &str,
    bytes: &[u8],
    encoding: TextEncoding,
) -> Result<Loaded, Error> {
    let (text, warning) = decode_with(path, bytes, encoding)?;
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let doc = parse_text(path, stem, text, &mut warnings)?;
    Ok((doc, warnings))
}

fn parse_text(
    path: &str,
    stem: &str,
    text: String,
    warnings: &mut Vec<String>,
) -> Result<Document, Error> {
    let (front, body_start) = split_front_matter(path, &text)?;
    let mut doc = Document {
        id: stem.to_string(),
        path: path.to_string(),
        text,
        body_start,
        ..Document::default()
    };
    let mut date_unreadable = false;
    if let Some((toml_text, toml_offset)) = front {
        date_unreadable = apply_front_matter(path, &toml_text, toml_offset, &mut doc, warnings)?;
    }
    // A front-matter date that cannot be read leaves the document undated (it said which date it
    // meant; a date found in the text could contradict it).
    if doc.published.is_none() && !date_unreadable {
        doc.published = crate::time::document_date(doc.body(), doc.url.as_deref(), None);
    }
    if doc.title.is_none() {
        doc.title = headline(doc.body());
    }
    Ok(doc)
}

/// Splits `+++` front matter from the body: returns the TOML text with its byte offset, and the body's
/// start offset. Lines may end with `\n`, `\r\n` or a lone `\r` (old Mac files).
#[allow(clippy::type_complexity)]
fn split_front_matter(path: &str, text: &str) -> Result<(Option<(String, usize)>, usize), Error> {
    let first_line_end = line_end(text, 0);
    if text[..first_line_end].trim_end() != "+++" {
        return Ok((None, 0));
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = line_end(text, pos);
        if text[pos..end].trim_end() == "+++" {
            return Ok((
                Some((text[first_line_end..pos].to_string(), first_line_end)),
                end,
            ));
        }
        pos = end;
    }
    Err(Error::input(
        path,
        Some(1),
        "front matter opened with `+++` is never closed; add a `+++` line after it",
    ))
}

/// The byte offset just past the line that starts at `pos`: past its `\n`, `\r\n` or lone `\r`, or
/// the end of the text.
fn line_end(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    match bytes[pos..].iter().position(|&b| b == b'\n' || b == b'\r') {
        None => text.len(),
        Some(i) if bytes[pos + i] == b'\r' && bytes.get(pos + i + 1) == Some(&b'\n') => pos + i + 2,
        Some(i) => pos + i + 1,
    }
}

/// `text` with every `\r` that is not followed by `\n` replaced by `\n` (same length).
fn lone_cr_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Applies the front matter's keys to `doc`. A `published` value that is not a date is a warning (in
/// `warnings`, with file and line), not an error; the return value says whether there was one.
fn apply_front_matter(
    path: &str,
    toml_text: &str,
    offset: usize,
    doc: &mut Document,
    warnings: &mut Vec<String>,
) -> Result<bool, Error> {
    // TOML knows only `\n` and `\r\n`; a lone `\r` becomes `\n`, byte for byte, so spans still fit.
    let normalised = lone_cr_to_lf(toml_text);
    let toml_text = normalised.as_str();
    let line_of = |pos: usize| -> usize {
        let abs = (offset + pos.min(toml_text.len())).min(doc.text.len());
        crate::segment::LineIndex::new(&doc.text)
            .line_col(&doc.text, abs)
            .0
    };
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map(|s| line_of(s.start)).unwrap_or(1);
        Error::input(
            path,
            Some(line),
            format!("broken front matter: {}", e.message()),
        )
    })?;
    let key_line = |key: &str| -> usize {
        toml_text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
            })
            .map(|i| line_of(0) + i)
            .unwrap_or(1)
    };
    let string_of = |key: &str, v: &toml::Value| -> Result<String, Error> {
        v.as_str().map(str::to_string).ok_or_else(|| {
            Error::input(
                path,
                Some(key_line(key)),
                format!(
                    "front matter key `{key}` must be a string, not {}",
                    v.type_str()
                ),
            )
        })
    };
    let mut date_unreadable = false;
    for (key, value) in &table {
        match key.as_str() {
            "id" => {
                let id = string_of(key, value)?;
                if id.trim().is_empty() {
                    return Err(Error::input(
                        path,
                        Some(key_line(key)),
                        "front matter key `id` is empty",
                    ));
                }
                doc.id = id;
            }
            "outlet" => doc.outlet = Some(string_of(key, value)?).filter(|s| !s.is_empty()),
            "url" => doc.url = Some(string_of(key, value)?).filter(|s| !s.is_empty()),
            "title" => doc.title = Some(string_of(key, value)?).filter(|s| !s.is_empty()),
            "language" => doc.language = Some(string_of(key, value)?).filter(|s| !s.is_empty()),
            "event" => doc.event = Some(string_of(key, value)?).filter(|s| !s.is_empty()),
            "published" => {
                let read = match value {
                    toml::Value::Datetime(d) => published::parse_published(&d.to_string()),
                    toml::Value::String(s) if s.trim().is_empty() => continue,
                    toml::Value::String(s) => published::parse_published(s),
                    toml::Value::Integer(year) => published::published_year(*year),
                    _ => None,
                };
                match read {
                    Some((date, precision)) => {
                        doc.published = Some(date);
                        doc.published_precision = precision;
                    }
                    None => {
                        date_unreadable = true;
                        warnings.push(format!(
                            "{}:{}: front matter key `published` is not a date ({}); the document is checked as undated (use YYYY-MM-DD, an RFC 3339 or RFC 2822 date-time, YYYY-MM or YYYY)",
                            crate::error::printable(path),
                            key_line(key),
                            crate::error::printable(&value.to_string())
                        ));
                    }
                }
            }
            _ => {
                doc.meta.insert(key.clone(), toml_to_json(value));
            }
        }
    }
    Ok(date_unreadable)
}

/// Converts a TOML value to JSON for pass-through metadata.
pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// The first line of the body when it reads as a headline: short and not ending like a sentence.
fn headline(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    let words = line.split_whitespace().count();
    if (3..=25).contains(&words) && !line.ends_with('.') && line.chars().count() <= 200 {
        Some(line.to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::DatePrecision;

    #[test]
    fn reads_front_matter_and_meta() {
        let text = "+++\nid = \"a1\"\noutlet = \"Wire\"\npublished = 2023-11-21\nevent = \"e\"\nextra = 3\n+++\nBody text.\n";
        let doc = parse_document("x/a.txt", "a", text.as_bytes()).expect("valid");
        assert_eq!(doc.id, "a1");
        assert_eq!(doc.outlet.as_deref(), Some("Wire"));
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2023-11-21")
        );
        assert_eq!(doc.meta.get("extra"), Some(&serde_json::json!(3)));
        assert_eq!(doc.body(), "Body text.\n");
    }

    fn published_of(front: &str) -> (Option<String>, DatePrecision, Vec<String>) {
        let text =
            format!("+++\noutlet = \"Wire\"\n{front}\n+++\nBody, published on 3 March 2021.");
        let (doc, warnings) =
            parse_document_with("a.txt", "a", text.as_bytes(), TextEncoding::Utf8)
                .expect("a date never makes a document unreadable");
        (
            doc.published.map(|d| d.to_string()),
            doc.published_precision,
            warnings,
        )
    }

    #[test]
    fn an_unreadable_date_is_a_warning_naming_file_and_line_and_the_document_is_undated() {
        for front in [
            "published = \"21/11/2023\"",
            "published = true",
            "published = 12:30:00",
        ] {
            let (date, _, warnings) = published_of(front);
            assert_eq!(date, None, "{front}: undated, not the date of the text");
            assert_eq!(warnings.len(), 1, "{front}");
            assert!(
                warnings[0].starts_with("a.txt:3: front matter key `published` is not a date"),
                "{}",
                warnings[0]
            );
        }
    }

    #[test]
    fn front_matter_dates_in_every_accepted_form() {
        let day = DatePrecision::Day;
        let cases = [
            ("published = 2023-08-22", "2023-08-22", day),
            ("published = \"2023-08-22\"", "2023-08-22", day),
            ("published = 2023-08-22T13:04:00-10:00", "2023-08-22", day),
            (
                "published = \"2023-08-22T13:04:00-10:00\"",
                "2023-08-22",
                day,
            ),
            ("published = 2023-08-22T20:30:00", "2023-08-22", day),
            (
                "published = \"Tue, 22 Aug 2023 13:04:00 -1000\"",
                "2023-08-22",
                day,
            ),
            (
                "published = \"2023-09\"",
                "2023-09-01",
                DatePrecision::Month,
            ),
            ("published = \"2023\"", "2023-01-01", DatePrecision::Year),
            ("published = 2023", "2023-01-01", DatePrecision::Year),
        ];
        for (front, date, precision) in cases {
            let (read, read_precision, warnings) = published_of(front);
            assert_eq!(read.as_deref(), Some(date), "{front}");
            assert_eq!(read_precision, precision, "{front}");
            assert!(warnings.is_empty(), "{front}: {warnings:?}");
        }
    }

    #[test]
    fn wrong_type_and_broken_toml_are_errors_with_lines() {
        let err = parse_document("a.txt", "a", b"+++\ntitle = 5\n+++\n").expect_err("type");
        assert!(
            err.to_string()
                .starts_with("a.txt:2: front matter key `title` must be a string"),
            "{err}"
        );
        let err =
            parse_document("a.txt", "a", b"+++\nid = \"x\"\noutlet = \n+++\n").expect_err("toml");
        assert!(
            err.to_string().starts_with("a.txt:3: broken front matter"),
            "{err}"
        );
        let err = parse_document("a.txt", "a", b"+++\nid = \"x\"\n").expect_err("unclosed");
        assert!(err.to_string().contains("never closed"), "{err}");
    }

    #[test]
    fn decodes_bom_utf16_and_rejects_binary_and_bad_utf8() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFhi").ok().as_deref(), Some("hi"));
        assert_eq!(decode("f", b"\xFF\xFEh\0i\0").ok().as_deref(), Some("hi"));
        assert_eq!(decode("f", b"\xFE\xFF\0h\0i").ok().as_deref(), Some("hi"));
        let err = decode("f", b"line\nbad \xE9 byte").expect_err("latin-1");
        assert!(err.to_string().starts_with("f:2: not valid UTF-8"), "{err}");
        assert!(decode("f", b"a\0b")
            .expect_err("binary")
            .to_string()
            .contains("binary"));
    }

    #[test]
    fn legacy_encodings_decode_with_a_warning() {
        let bytes = b"Caf\xe9 talks \x96 \x93quoted\x94\n";
        let (text, warning) = decode_with(
            "f.txt",
            bytes,
            TextEncoding::from_label("windows-1252").expect("label"),
        )
        .expect("decodes");
        assert_eq!(text, "Café talks – “quoted”\n");
        assert_eq!(
            warning.as_deref(),
            Some("f.txt: not UTF-8; decoded as windows-1252")
        );
        let (text, warning) = decode_with("f.txt", bytes, TextEncoding::Auto).expect("decodes");
        assert!(text.starts_with("Café"), "{text}");
        assert!(warning.is_some());
        assert_eq!(
            decode_with("f.txt", b"plain", TextEncoding::Auto)
                .expect("utf-8")
                .1,
            None
        );
    }

    #[test]
    fn no_front_matter_uses_stem_and_headline() {
        let doc = parse_document(
            "d/x.txt",
            "x",
            "Truce talks near a deal\n\nBody.".as_bytes(),
        )
        .expect("valid");
        assert_eq!(doc.id, "x");
        assert_eq!(doc.title.as_deref(), Some("Truce talks near a deal"));
        assert_eq!(doc.body_start, 0);
    }

    #[test]
    fn front_matter_with_lone_cr_line_ends_is_read() {
        let text = "+++\routlet = \"Old Mac\"\rpublished = 2023-11-09\r+++\rBody.\r";
        let doc = parse_document("m.txt", "m", text.as_bytes()).expect("valid");
        assert_eq!(doc.outlet.as_deref(), Some("Old Mac"));
        assert_eq!(doc.body(), "Body.\r");
        let bad = "+++\rid = \"x\"\routlet = 3\r+++\rBody.\r";
        let err = parse_document("m.txt", "m", bad.as_bytes()).expect_err("wrong type");
        assert!(err.to_string().starts_with("m.txt:3:"), "{err}");
    }
}
