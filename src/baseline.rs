//! Baselines and acknowledgements: findings a team has reviewed and accepts, recorded by stable finding
//! id (never by line number, so edits to an article do not resurrect them). `factdiff baseline write`
//! records the current findings; `check --baseline FILE` hides them and lists entries that no longer
//! match any finding (stale). An acknowledgement is the same entry with a `reason`, written by a person.
//! Files are written atomically (temporary file in the same folder, then rename).

use crate::error::Error;
use crate::model::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// The schema name of baseline files.
pub const SCHEMA: &str = "factdiff-baseline/v1";

/// A baseline or acknowledgement file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Always `factdiff-baseline/v1`.
    pub schema: String,
    /// The accepted findings.
    #[serde(default, rename = "finding")]
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The finding's stable id.
    pub id: String,
    /// Its verdict when recorded (for people reading the file).
    #[serde(default)]
    pub verdict: String,
    /// Its kind when recorded.
    #[serde(default)]
    pub kind: String,
    /// Its subject when recorded.
    #[serde(default)]
    pub subject: String,
    /// Its summary when recorded.
    #[serde(default)]
    pub summary: String,
    /// Why it is accepted (required in acknowledgement files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Baseline {
    /// A baseline holding `findings`.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                id: f.id.clone(),
                verdict: f.verdict.as_str().to_string(),
                kind: f.kind.clone(),
                subject: f.subject.clone(),
                summary: f.summary.clone(),
                reason: None,
            })
            .collect();
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        entries.dedup_by(|a, b| a.id == b.id);
        Baseline {
            schema: SCHEMA.to_string(),
            findings: entries,
        }
    }

    /// Parses a baseline file's text; with `require_reason`, every entry needs a non-empty reason.
    pub fn parse(text: &str, path: &str, require_reason: bool) -> Result<Baseline, Error> {
        let line_of = |pos: usize| 1 + text[..pos.min(text.len())].matches('\n').count();
        let b: Baseline = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(s.start));
            Error::input(path, line, format!("invalid baseline: {}", e.message()))
        })?;
        if b.schema != SCHEMA {
            return Err(Error::input(
                path,
                Some(1),
                format!("schema must be \"{SCHEMA}\", not \"{}\"", b.schema),
            ));
        }
        if require_reason {
            if let Some(e) = b
                .findings
                .iter()
                .find(|e| e.reason.as_deref().is_none_or(|r| r.trim().is_empty()))
            {
                let line = text.find(&format!("\"{}\"", e.id)).map(line_of);
                return Err(Error::input(
                    path,
                    line,
                    format!("acknowledgement of {} has no reason", e.id),
                ));
            }
        }
        Ok(b)
    }

    /// Reads a baseline file.
    pub fn read(path: &Path, require_reason: bool) -> Result<Baseline, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(&name, None, format!("cannot read baseline: {e}")))?;
        Baseline::parse(&text, &name, require_reason)
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("# factdiff baseline: reviewed findings, by stable id. Written by `factdiff baseline write`.\n{body}")
    }

    /// The ids.
    pub fn ids(&self) -> BTreeSet<&str> {
        self.findings.iter().map(|e| e.id.as_str()).collect()
    }
}

/// What applying baselines to findings left.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// Findings not in any baseline.
    pub new: Vec<Finding>,
    /// How many findings were hidden.
    pub hidden: usize,
    /// Entries that match no current finding: (file, id).
    pub stale: Vec<(String, String)>,
}

/// Hides the findings listed in `baselines` (each with its file name) and lists stale entries.
pub fn apply(findings: Vec<Finding>, baselines: &[(String, Baseline)]) -> Applied {
    let current: BTreeSet<String> = findings.iter().map(|f| f.id.clone()).collect();
    let accepted: BTreeSet<&str> = baselines.iter().flat_map(|(_, b)| b.ids()).collect();
    let total = findings.len();
    let new: Vec<Finding> = findings
        .into_iter()
        .filter(|f| !accepted.contains(f.id.as_str()))
        .collect();
    let hidden = total - new.len();
    let mut stale = Vec::new();
    for (file, b) in baselines {
        for e in &b.findings {
            if !current.contains(&e.id) {
                stale.push((file.clone(), e.id.clone()));
            }
        }
    }
    Applied { new, hidden, stale }
}

/// The temporary file being written, removed by the Ctrl-C handler so that an interrupted run leaves
/// nothing behind.
static IN_FLIGHT: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

/// Installs the Ctrl-C (SIGINT, SIGTERM) handler that removes a temporary file being written and exits
/// with 130. Called once by the binary; a second call is harmless.
pub fn install_interrupt_cleanup() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(guard) = IN_FLIGHT.lock() {
            if let Some(tmp) = guard.as_ref() {
                let _ = std::fs::remove_file(tmp);
            }
        }
        std::process::exit(130);
    });
}

fn set_in_flight(tmp: Option<std::path::PathBuf>) {
    if let Ok(mut guard) = IN_FLIGHT.lock() {
        *guard = tmp;
    }
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, synced, then renamed over
/// the target. An interrupted run leaves either the old file or the new one, never half of one; the
/// temporary file is removed on failure and, through the Ctrl-C handler, on interruption.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let name = path.display().to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{file_name}.factdiff-{}.tmp", std::process::id()));
    set_in_flight(Some(tmp.clone()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    set_in_flight(None);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Output(format!("{name}: {e}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str) -> Finding {
        Finding {
            id: id.into(),
            verdict: crate::model::Verdict::Conflict,
            severity: crate::model::Severity::Error,
            kind: "killed".into(),
            subject: "s".into(),
            place: None,
            scope: None,
            claims: vec![],
            quotes: vec![],
            undated: false,
            summary: "x".into(),
            sets: vec![],
        }
    }

    #[test]
    fn round_trip_hides_old_and_shows_new_and_stale() {
        let b = Baseline::from_findings(&[finding("F1"), finding("F2")]);
        let parsed = Baseline::parse(&b.to_text(), "b.toml", false).expect("parses");
        assert_eq!(parsed, b);
        let applied = apply(
            vec![finding("F2"), finding("F3")],
            &[("b.toml".into(), parsed)],
        );
        assert_eq!(
            applied
                .new
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>(),
            vec!["F3"]
        );
        assert_eq!(applied.hidden, 1);
        assert_eq!(
            applied.stale,
            vec![("b.toml".to_string(), "F1".to_string())]
        );
    }

    #[test]
    fn acknowledgements_need_a_reason() {
        let text = "schema = \"factdiff-baseline/v1\"\n[[finding]]\nid = \"F1\"\n";
        let err = Baseline::parse(text, "ack.toml", true).expect_err("no reason");
        assert!(
            err.to_string()
                .starts_with("ack.toml:3: acknowledgement of F1 has no reason"),
            "{err}"
        );
        let ok = format!("{text}reason = \"two counts of different days\"\n");
        assert!(Baseline::parse(&ok, "ack.toml", true).is_ok());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("b.toml");
        write_atomic(&path, b"one").expect("write");
        write_atomic(&path, b"two").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
