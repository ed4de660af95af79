//! The HTML report (`check --format html`) without a browser: one row per finding of the JSON report,
//! every piece of hostile article text escaped, the Content-Security-Policy naming exactly the inline
//! script and style, baseline and acknowledged findings marked, quote differences marked, timelines
//! for subjects with more than one date, `-o FILE`, and the same bytes whatever the thread count. The
//! rendered page is checked in headless Chromium by `tests/browser/run.sh` (run by `.ci/run`).

mod common;

use assert_cmd::Command;
use base64::Engine as _;
use factdiff::pipeline::{self, Analysis, InlineDocument, Inputs};
use factdiff::report;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

fn factdiff() -> Command {
    Command::cargo_bin("factdiff").expect("binary built")
}

/// The values of `attribute` on every element whose opening tag starts with `tag_start`, in order.
fn attribute_values(html: &str, tag_start: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(tag_start)
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            let start = tag.find(&needle)? + needle.len();
            let end = start + tag[start..].find('"')?;
            Some(tag[start..end].to_string())
        })
        .collect()
}

fn analyse_inline(docs: &[(&str, &str)]) -> Analysis {
    let inputs = Inputs {
        inline: docs
            .iter()
            .map(|(name, text)| InlineDocument {
                name: format!("{name}.txt"),
                stem: name.to_string(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect(),
        ..Inputs::default()
    };
    pipeline::analyse(&inputs, &common::rules())
}

fn json_of(a: &Analysis) -> serde_json::Value {
    serde_json::from_str(&report::json::render(a)).expect("valid JSON")
}

#[test]
fn one_row_per_finding_in_json_order_with_its_verdict_severity_kind_and_subject() {
    let a = pipeline::analyse(
        &Inputs {
            paths: vec!["corpus".into()],
            ..Inputs::default()
        },
        &common::rules(),
    );
    let json = json_of(&a);
    let findings = json["findings"].as_array().expect("findings");
    assert!(findings.len() >= 10, "the sample corpus has many findings");
    let html = report::html::render(&a);
    let field = |key: &str| -> Vec<String> {
        findings
            .iter()
            .map(|f| f[key].as_str().unwrap_or("").to_string())
            .collect()
    };
    let row = "<tbody class=\"finding\"";
    assert_eq!(attribute_values(&html, row, "data-id"), field("id"));
    assert_eq!(
        attribute_values(&html, row, "data-verdict"),
        field("verdict")
    );
    assert_eq!(
        attribute_values(&html, row, "data-severity"),
        field("severity")
    );
    assert_eq!(attribute_values(&html, row, "data-kind"), field("kind"));
    assert_eq!(
        attribute_values(&html, row, "data-subject"),
        field("subject")
    );
    // Each row has one detail panel with one card per source.
    assert_eq!(html.matches("<tr class=\"row\"").count(), findings.len());
    assert_eq!(
        html.matches("<tr class=\"detail\" hidden>").count(),
        findings.len()
    );
    let sources: usize = findings
        .iter()
        .map(|f| {
            let n = |k: &str| f[k].as_array().map_or(0, Vec::len);
            if f["kind"] == "quote" {
                n("quotes")
            } else {
                n("claims")
            }
        })
        .sum();
    assert_eq!(html.matches("<article class=\"card\">").count(), sources);
    // The summary bar counts what the JSON summary counts.
    for (verdict, n) in json["summary"]["findings"].as_object().expect("counts") {
        assert!(
            html.contains(&format!(
                "data-verdict=\"{verdict}\" aria-pressed=\"false\""
            )),
            "{verdict} chip"
        );
        assert!(
            html.contains(&format!("<b>{n}</b> {verdict}</button>")),
            "{verdict}: {n}"
        );
    }
    assert!(html.contains(&format!(
        "<b>{} documents</b>",
        json["summary"]["documents"]
    )));
}

/// An article of the same event as `corpus/same-day-conflict` whose every field carries markup,
/// attribute-breaking quotes, `</style>`, `</script>`, a `javascript:` URL, terminal escapes, workflow
/// commands and bidi overrides (the robustness matrix's inputs and more).
const HOSTILE: &str = concat!(
    "+++\n",
    "event = \"case-same-day-conflict\"\n",
    "outlet = \"Evil <script>alert(1)</script> \\\"><img src=x onerror=alert(2)> \\u001b[2J\\r\\n::set-env name=A::B\"\n",
    "published = 2023-11-09\n",
    "url = \"javascript:alert(3)\"\n",
    "title = \"</title></style></script><script>alert(4)</script>\"\n",
    "+++\n",
    "\u{1b}[31mRed\u{1b}[0m headline \u{202e}desrever\n",
    "\n",
    "At least 20,000 Palestinians have been killed in Gaza, '><svg onload=alert(5)> </style><b>officials</b> said.\n",
    "\r\n::set-env name=A::B\r\n",
    "@SUM(1+1) | <script>alert(6)</script> | +cmd -x\n",
);

const QUOTING: &str = concat!(
    "+++\n",
    "event = \"case-same-day-conflict\"\n",
    "outlet = \"Quote \\\" Marks ' Daily\"\n",
    "published = 2023-11-09\n",
    "url = \"https://example.org/a?b=\\\"><script>alert(7)</script>&c=1\"\n",
    "+++\n",
    "Toll\n",
    "\n",
    "In all, 15,000 Palestinians have been killed in Gaza, the ministry \"<i>said</i>\".\n",
);

fn hostile_analysis() -> Analysis {
    let partner = |name: &str| {
        fs::read_to_string(Path::new("corpus/same-day-conflict").join(name)).expect("partner")
    };
    let (a, b) = (partner("wire-a.txt"), partner("wire-b.txt"));
    analyse_inline(&[
        ("wire-a", &a),
        ("wire-b", &b),
        ("hostile", HOSTILE),
        ("quoting", QUOTING),
    ])
}

#[test]
fn hostile_article_text_is_escaped_and_only_http_links_are_kept() {
    let a = hostile_analysis();
    assert!(
        a.findings
            .iter()
            .any(|f| f.claims.iter().any(|c| c.starts_with("hostile:"))),
        "the hostile article takes part in a finding"
    );
    let html = report::html::render(&a);
    // Only the page's own markup: one script, one style, no injected element or handler.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("</script").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
    assert_eq!(html.matches("</style").count(), 1);
    for injected in [
        "<img",
        "<svg onload",
        "<b>officials",
        "<i>said",
        "javascript:",
    ] {
        assert!(!html.contains(injected), "{injected} reached the page");
    }
    // No tag carries an event handler (the script's own text aside, every `<` opens a tag).
    let script = html.find("<script>").expect("script");
    let markup = &html[..script];
    for (at, _) in markup.match_indices('<') {
        let tag = &markup[at..at + markup[at..].find('>').unwrap_or(0)];
        // Attribute values are quoted and escaped: what is outside the quotes is the tag's markup.
        let tag: String = tag.split('"').step_by(2).collect();
        for handler in [" onerror", " onload", " onclick", " onmouseover"] {
            assert!(!tag.contains(handler), "handler in {tag}");
        }
    }
    // The payloads are there, as text.
    for shown in [
        "Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
        "&#39;&gt;&lt;svg onload=alert(5)&gt; &lt;/style&gt;&lt;b&gt;officials&lt;/b&gt; said.",
        "Quote &quot; Marks &#39; Daily",
    ] {
        assert!(html.contains(shown), "{shown} is not shown as text");
    }
    // The https link is kept, escaped inside its attribute; the javascript: one is dropped.
    let links = attribute_values(&html, "<a ", "href");
    assert_eq!(
        links,
        ["https://example.org/a?b=&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;&amp;c=1"]
    );
    // Nothing for a terminal or a CI log either.
    for (i, c) in html.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "raw {c:?} at byte {i}");
    }
    assert!(html.lines().all(|l| !l.trim_start().starts_with("::")));
}

/// The hash of the text between `open` and `close`, as a CSP source.
fn csp_hash(html: &str, open: &str, close: &str) -> String {
    let start = html.find(open).expect("open") + open.len();
    let end = start + html[start..].find(close).expect("close");
    let digest = Sha256::digest(&html.as_bytes()[start..end]);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[test]
fn content_security_policy_forbids_every_load_and_names_the_inline_script_and_style() {
    let html = report::html::render(&common::analyse_case("same-day-conflict"));
    let csp = attribute_values(
        &html,
        "<meta http-equiv=\"Content-Security-Policy\"",
        "content",
    );
    let [csp] = csp.as_slice() else {
        panic!("one CSP meta: {csp:?}")
    };
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "{csp}"
    );
    assert!(
        csp.contains(&format!(
            "script-src {};",
            csp_hash(&html, "<script>", "</script>")
        )),
        "{csp}"
    );
    assert!(
        csp.contains(&format!(
            "style-src {};",
            csp_hash(&html, "<style>", "</style>")
        )),
        "{csp}"
    );
    // The policy comes before anything it governs.
    let meta = html.find("Content-Security-Policy").expect("meta");
    assert!(meta < html.find("<style>").expect("style"));
    // Nothing refers outside the file.
    for outside in ["src=", "<link", "@import", "url(", "http://", "https://"] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn misquotes_mark_the_words_that_differ() {
    let doc = |outlet: &str, day: u32, figure: u32| {
        format!(
            "+++\nevent = \"mq\"\noutlet = \"{outlet}\"\npublished = 2023-11-{day}\n+++\nTalks\n\n\
             \"We will release {figure} hostages in the first phase of the agreement,\" Israeli Prime \
             Minister Benjamin Netanyahu said on Tuesday.\n"
        )
    };
    let (a, b) = (doc("Harbour Daily", 21, 50), doc("Capital Wire", 22, 30));
    let analysis = analyse_inline(&[("a", &a), ("b", &b)]);
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.verdict == factdiff::model::Verdict::Misquote),
        "{:?}",
        analysis.findings
    );
    let html = report::html::render(&analysis);
    assert!(html.contains("“We will release <mark class=\"diff\">50</mark> hostages in the first phase of the agreement”"));
    assert!(html.contains("“We will release <mark class=\"diff\">30</mark> hostages in the first phase of the agreement”"));
}

#[test]
fn subjects_with_more_than_one_date_get_a_timeline_that_their_findings_link_to() {
    let a = common::analyse_case("evolution");
    let html = report::html::render(&a);
    let charts = attribute_values(&html, "<details class=\"timeline\"", "id");
    assert!(!charts.is_empty(), "the evolution case has a timeline");
    assert_eq!(html.matches("<svg ").count(), charts.len());
    let links = attribute_values(
        &html,
        "<button type=\"button\" class=\"show-timeline\"",
        "data-target",
    );
    assert!(!links.is_empty() && links.iter().all(|l| charts.contains(l)));
    // One date only: no chart.
    let one_day = report::html::render(&common::analyse_case("same-day-conflict"));
    assert!(!one_day.contains("<details class=\"timeline\""));
    assert!(!one_day.contains("class=\"show-timeline\""));
}

#[test]
fn baseline_and_acknowledged_findings_are_listed_and_marked_and_stale_entries_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = "corpus/regression";
    let json = factdiff()
        .args(["check", "--format", "json", "--fail-on", "never", corpus])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let ids: Vec<String> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(!ids.is_empty());
    let baseline = dir.path().join("baseline.toml");
    fs::write(
        &baseline,
        format!(
            "schema = \"factdiff-baseline/v1\"\n[[finding]]\nid = \"{}\"\n[[finding]]\nid = \"Fdeadbeef\"\n",
            ids[0]
        ),
    )
    .expect("write");
    let out = factdiff()
        .args(["check", "--format", "html", corpus, "--baseline"])
        .arg(&baseline)
        .output()
        .expect("runs");
    let html = String::from_utf8(out.stdout).expect("utf-8");
    // Every finding is listed, the accepted one marked; the exit code counts new findings only.
    assert_eq!(
        attribute_values(&html, "<tbody class=\"finding\"", "data-id"),
        ids
    );
    let states = attribute_values(&html, "<tbody class=\"finding\"", "data-state");
    assert_eq!(states[0], "baseline");
    assert!(states[1..].iter().all(|s| s == "new"));
    assert!(html.contains("recorded in the baseline"));
    assert!(html.contains("stale entry <code>Fdeadbeef</code>"));
    let expected_code = if ids.len() > 1 { 1 } else { 0 };
    assert_eq!(
        out.status.code(),
        Some(expected_code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let ack = dir.path().join("ack.toml");
    fs::write(
        &ack,
        format!(
            "schema = \"factdiff-baseline/v1\"\n[[finding]]\nid = \"{}\"\nreason = \"checked <b>by</b> the desk\"\n",
            ids[0]
        ),
    )
    .expect("write");
    let out = factdiff()
        .args(["check", "--format", "html", corpus, "--acknowledged"])
        .arg(&ack)
        .output()
        .expect("runs");
    let html = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        attribute_values(&html, "<tbody class=\"finding\"", "data-state")[0],
        "acknowledged"
    );
    assert!(html.contains("checked &lt;b&gt;by&lt;/b&gt; the desk"));
}

#[test]
fn output_option_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("report.html");
    let to_file = factdiff()
        .args([
            "check",
            "--format",
            "html",
            "corpus/same-day-conflict",
            "-o",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(
        to_file.status.code(),
        Some(1),
        "a conflict is an error finding"
    );
    assert!(to_file.stdout.is_empty());
    let to_stdout = factdiff()
        .args(["check", "--format", "html", "corpus/same-day-conflict"])
        .output()
        .expect("runs");
    assert_eq!(fs::read(&file).expect("written"), to_stdout.stdout);
    // A folder that does not exist: an error naming the file, exit 2.
    let bad = dir.path().join("missing/report.html");
    let out = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "corpus/same-day-conflict",
            "--output",
        ])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing/report.html"));
    // An empty report (the github format without findings) replaces an older file.
    let old = dir.path().join("annotations.txt");
    fs::write(&old, "OLD").expect("write");
    let out = factdiff()
        .args([
            "check",
            "--format",
            "github",
            "corpus/approximations-agree",
            "-o",
        ])
        .arg(&old)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&old).expect("written"), "");
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let run = |jobs: &str| {
        factdiff()
            .args(["check", "--format", "html", "--jobs", jobs, "corpus"])
            .output()
            .expect("runs")
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 10_000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let a = common::analyse_case("evolution");
    assert_eq!(report::html::render(&a), report::html::render(&a));
}
