//! The machine and review formats (JSONL, Markdown, CSV, SARIF, GitHub workflow commands) over a
//! hand-built analysis full of hostile article text: each format must stay well-formed (CSV parses back
//! with a CSV parser, SARIF validates against the OASIS schema, every GitHub line is one of our commands,
//! Markdown tables keep their columns and carry no HTML, every JSONL line is a typed JSON object), and a
//! snapshot of each format guards its exact bytes. The fixture is built by hand because the pipeline's
//! quantity recogniser may find nothing in such text.

use factdiff::model::{
    AgreementSet, Attribution, Channel, Claim, Document, Finding, Modality, Qualifier, Quantity,
    QuantityClass, Quote, Severity, Verdict,
};
use factdiff::pipeline::Analysis;
use factdiff::report::{csv, github, jsonl, markdown, sarif};
use factdiff::segment::LineIndex;
use factdiff::time::Date;
use std::collections::BTreeMap;

/// Every hostile string the formats must survive.
const HOSTILE: &str = "\u{1b}[31mred\u{1b}[0m \r\n::set-env name=A::B =HYPERLINK(\"http://x\") | \
                       <script>alert(1)</script> &amp; `tick` *b* _i_ [l](u) 🇵🇸 \u{202e}gnp.exe";

fn date(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(y, m, d)
}

fn document(id: &str, path: &str, outlet: &str, published: Option<Date>, text: &str) -> Document {
    Document {
        id: id.into(),
        path: path.into(),
        outlet: Some(outlet.into()),
        published,
        published_precision: Default::default(),
        url: Some(format!("https://example.org/{id}")),
        title: Some("<script>alert(1)</script> \u{202e}title".into()),
        language: Some("en".into()),
        event: None,
        event_inferred: None,
        event_reason: None,
        meta: BTreeMap::new(),
        text: text.into(),
        body_start: 0,
    }
}

/// The text of the first document: figures and a quote, with hostile text around and inside them.
fn text_one() -> String {
    format!(
        "Officials said more than 200\r\n::set-env name=A::B people were killed.\n\
         Another report: 1,200 killed, per =HYPERLINK(\"http://x\").\n\
         \"We will win 🇵🇸 \u{202e}gnp.exe <script>alert(1)</script>\" said Leader.\n{HOSTILE}\n"
    )
}

/// The text of the second document.
fn text_two() -> String {
    "Gaza | health: about 1,300 killed.\n\u{1b}[31m+1\u{1b}[0m: 210 killed, said @SUM(1).\n\
     \"We will win 🇵🇸 \u{202e}gnp.exe <script>alert(1)</script>\" said Other.\n"
        .to_string()
}

/// A claim whose quantity text is found in `doc`'s text (so its span is real).
fn claim(
    doc: &Document,
    n: usize,
    words: &str,
    q: (Qualifier, Option<f64>, Option<f64>, Option<f64>),
    who: Attribution,
) -> Claim {
    let start = doc.text.find(words).expect("fixture words are in the text");
    let end = start + words.len();
    let span = LineIndex::new(&doc.text).span(&doc.text, start, end);
    let (qualifier, stated, lo, hi) = q;
    Claim {
        id: format!("{}:c{n}", doc.id),
        doc: doc.id.clone(),
        kind: "killed".into(),
        subject: "gaza-palestinians".into(),
        scope: None,
        unit: "people".into(),
        modality: Modality::Reported,
        as_of: doc.published,
        as_of_precision: Default::default(),
        rule: "killed.generic".into(),
        place: None,
        quantity: Quantity {
            start,
            end,
            text: words.into(),
            class: QuantityClass::Count,
            stated,
            qualifier,
            lo,
            hi,
            soft_lo: lo,
            soft_hi: hi.or(lo.map(|x| x * 1.5)),
            unit: None,
            delta: false,
        },
        attribution: who,
        span,
        sentence: format!("{words} — {HOSTILE}"),
    }
}

fn quote(doc: &Document, n: usize, speaker: &str, entity: &str) -> Quote {
    let words = "We will win 🇵🇸 \u{202e}gnp.exe <script>alert(1)</script>";
    let start = doc.text.find(words).expect("fixture quote is in the text");
    Quote {
        id: format!("{}:q{n}", doc.id),
        doc: doc.id.clone(),
        text: words.into(),
        speaker: Attribution {
            as_written: Some(speaker.into()),
            entity: Some(entity.into()),
            party: None,
        },
        channel: Channel::Statement,
        span: LineIndex::new(&doc.text).span(&doc.text, start, start + words.len()),
    }
}

fn who(as_written: &str, entity: Option<&str>, party: Option<&str>) -> Attribution {
    Attribution {
        as_written: Some(as_written.into()),
        entity: entity.map(Into::into),
        party: party.map(Into::into),
    }
}

/// Two documents, four claims, one conflict finding with two agreement sets, one quote finding.
fn fixture() -> Analysis {
    let one = document(
        "one",
        "./corpus\\hostile, one:1.md",
        "=HYPERLINK(\"http://x\")",
        date(2023, 11, 21),
        &text_one(),
    );
    let two = document(
        "two",
        "corpus/two.md",
        "\u{1b}[31mRed\u{1b}[0m News | <b>Daily</b> & Co",
        date(2023, 11, 21),
        &text_two(),
    );
    let claims = vec![
        claim(
            &one,
            1,
            "more than 200\r\n::set-env name=A::B",
            (Qualifier::MoreThan, Some(200.0), Some(200.0), None),
            who("-2 officials", Some("\t=cmd|' /C calc'!A0"), None),
        ),
        claim(
            &one,
            2,
            "1,200",
            (Qualifier::Exact, Some(1200.0), Some(1200.0), Some(1200.0)),
            who(
                "=HYPERLINK(\"http://x\")",
                Some("gaza-moh"),
                Some("gaza-authorities"),
            ),
        ),
        claim(
            &two,
            1,
            "about 1,300",
            (Qualifier::Approx, Some(1300.0), Some(1235.0), Some(1365.0)),
            who("Gaza | health", Some("gaza-moh"), Some("gaza-authorities")),
        ),
        claim(
            &two,
            2,
            "210",
            (Qualifier::Exact, Some(210.0), Some(210.0), Some(210.0)),
            who("@SUM(1)", None, Some("+1 `party` *x*")),
        ),
    ];
    let quotes = vec![
        quote(&one, 1, "Leader\r\n::add-mask::secret", "leader"),
        quote(&two, 1, "\t=cmd|' /C calc'!A0", "other"),
    ];
    let findings = vec![
        Finding {
            id: "F1234abcd".into(),
            verdict: Verdict::Conflict,
            severity: Severity::Error,
            kind: "killed".into(),
            subject: "gaza-palestinians".into(),
            place: None,
            scope: None,
            claims: claims.iter().map(|c| c.id.clone()).collect(),
            quotes: vec![],
            undated: false,
            summary: "“more than 200” (one) vs “1,200” (one)\n::error file=x::pwned 100% <script>"
                .into(),
            sets: vec![
                AgreementSet {
                    claims: vec!["one:c1".into(), "two:c2".into()],
                    low: Some(200.0),
                    best: Some(210.0),
                    high: Some(210.0),
                    as_of: date(2023, 11, 21),
                },
                AgreementSet {
                    claims: vec!["one:c2".into(), "two:c1".into()],
                    low: Some(1235.0),
                    best: Some(1250.0),
                    high: Some(1365.0),
                    as_of: date(2023, 11, 21),
                },
            ],
        },
        Finding {
            id: "F0badf00d".into(),
            verdict: Verdict::Misattribution,
            severity: Severity::Error,
            kind: "quote".into(),
            subject: "leader".into(),
            place: None,
            scope: None,
            claims: vec![],
            quotes: quotes.iter().map(|q| q.id.clone()).collect(),
            undated: false,
            summary: "the same words given to Leader and \u{1b}]0;pwn\u{7}Other".into(),
            sets: vec![],
        },
    ];
    Analysis {
        documents: vec![one, two],
        claims,
        quotes,
        findings,
        errors: vec![],
        warnings: vec![],
    }
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// No output format may carry raw escape sequences or bidi overrides from article text.
fn assert_no_terminal_tricks(name: &str, out: &str) {
    assert!(!out.contains('\u{1b}'), "{name}: raw ESC in output");
    assert!(
        !out.contains('\u{202e}'),
        "{name}: raw RTL override in output"
    );
}

// ---------------------------------------------------------------- JSONL

#[test]
fn jsonl_lines_are_typed_json_objects_in_order() {
    let a = fixture();
    let out = jsonl::render(&a);
    let types: Vec<String> = out
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            v["type"]
                .as_str()
                .expect("each line has a type")
                .to_string()
        })
        .collect();
    let expected: Vec<&str> = [
        vec!["document"; 2],
        vec!["claim"; 4],
        vec!["quote"; 2],
        vec!["finding"; 2],
        vec!["summary"],
    ]
    .concat();
    assert_eq!(types, expected);
    assert!(!out.contains('\r'), "CR inside a JSONL line");
    assert!(!out.contains('\u{1b}'), "raw ESC inside a JSONL line");
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap_or("")).unwrap();
    assert_eq!(last["schema"], "factdiff/v1");
    assert_eq!(last["claims"], 4);
}

#[test]
fn jsonl_objects_are_the_v1_json_objects_plus_type() {
    // Claim and quote lines also carry their comparison_key (issue 16), after the v1 keys.
    let a = fixture();
    let v1 = factdiff::report::json::analysis_value(&a);
    let lines: Vec<serde_json::Value> = jsonl::render(&a)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut claim = lines[2].clone();
    claim.as_object_mut().unwrap().remove("type");
    let key = claim.as_object_mut().unwrap().remove("comparison_key");
    assert!(key.is_some_and(|k| k["group"].is_string()));
    assert_eq!(claim, v1["claims"][0]);
}

#[test]
fn jsonl_claims_round_trip() {
    let a = fixture();
    let text = jsonl::render_claims(&a.claims);
    assert_eq!(text.lines().count(), 4);
    assert_eq!(jsonl::parse_claims(&text), Ok(a.claims.clone()));
    // The full report also reads back: other types are skipped.
    assert_eq!(jsonl::parse_claims(&jsonl::render(&a)), Ok(a.claims));
}

#[test]
fn jsonl_parse_errors_name_the_line() {
    let a = fixture();
    let mut text = jsonl::render_claims(&a.claims[..1]);
    text.push_str("{\"type\":\"claim\",\"id\":\"x\"}\n");
    let err = jsonl::parse_claims(&text).unwrap_err();
    assert!(err.starts_with("line 2:"), "{err}");
    let err = jsonl::parse_claims("\n{not json\n").unwrap_err();
    assert!(err.starts_with("line 2:"), "{err}");
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_parses_back_and_has_no_formula_cells() {
    let a = fixture();
    let out = csv::render(&a);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(out.as_bytes());
    let header = reader.headers().expect("header").clone();
    assert_eq!(header.iter().collect::<Vec<_>>(), csv::COLUMNS.to_vec());
    let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        assert_eq!(row.len(), csv::COLUMNS.len());
        for cell in row.iter() {
            assert!(
                !cell
                    .trim_start()
                    .starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula-like cell {cell:?}"
            );
            assert!(!cell.contains(['\r', '\n']), "line break in cell {cell:?}");
        }
    }
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[0][18], "'-2 officials");
    assert_eq!(&rows[1][25], "F1234abcd");
    assert_eq!(&rows[3][20], "'+1 `party` *x*");
    assert_eq!(&rows[0][19], "' =cmd|' /C calc'!A0");
    assert_eq!(&rows[0][12], "200");
    assert_eq!(&rows[0][14], "");
    assert_no_terminal_tricks("csv", &out);
}

#[test]
fn csv_records_end_in_crlf() {
    let out = csv::render(&fixture());
    assert!(out.ends_with("\r\n"));
    assert_eq!(out.matches("\r\n").count(), 5, "header and four rows");
    assert_eq!(out.matches('\n').count(), 5, "no bare LF");
    assert_eq!(out.matches('\r').count(), 5, "no bare CR");
}

// ---------------------------------------------------------------- GitHub

#[test]
fn github_lines_are_only_our_commands() {
    let a = fixture();
    let out = github::render(&a);
    assert!(!out.contains('\r'), "raw CR in workflow commands");
    assert_no_terminal_tricks("github", &out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "one command per claim and quote location");
    for line in &lines {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or_else(|| panic!("not a command: {line:?}"));
        let (props, message) = rest.split_once("::").expect("a message");
        for prop in props.split(',') {
            let (key, value) = prop.split_once('=').expect("key=value");
            assert!(["file", "line", "col", "title"].contains(&key), "{prop}");
            assert!(!value.contains([':', ',']), "unescaped property {prop}");
        }
        assert!(!message.is_empty());
    }
    assert!(lines[0].starts_with("::error file=corpus/hostile%2C one%3A1.md,line=1,col=16,"));
}

// ---------------------------------------------------------------- Markdown

/// `|` characters not escaped by a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let mut n = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => n += 1,
            _ => {}
        }
    }
    n
}

#[test]
fn markdown_has_no_html_and_tables_keep_their_columns() {
    let a = fixture();
    let out = markdown::render(&a);
    assert!(!out.to_lowercase().contains("<script"), "raw <script");
    assert!(!out.contains('<'), "raw < in markdown");
    assert!(!out.contains('\r'));
    assert_no_terminal_tricks("markdown", &out);
    let mut tables = 0;
    let mut expected = None;
    for line in out.lines() {
        if !line.starts_with('|') {
            expected = None;
            continue;
        }
        let pipes = unescaped_pipes(line);
        match expected {
            None => {
                tables += 1;
                expected = Some(pipes);
            }
            Some(n) => assert_eq!(pipes, n, "row breaks its table: {line}"),
        }
    }
    assert_eq!(tables, 2);
    assert!(out.contains("\n### F1234abcd — conflict (error): killed · gaza-palestinians\n"));
    assert!(out.contains("\n### F0badf00d — misattribution (error): quote · leader\n"));
    // Claim table: a header, a rule and four rows of eight pipes; quote table: two rows of five.
    let rows = |n: usize| {
        out.lines()
            .filter(|l| l.starts_with('|') && unescaped_pipes(l) == n)
            .count()
    };
    assert_eq!(rows(8), 6);
    assert_eq!(rows(5), 4);
}

// ---------------------------------------------------------------- SARIF

/// The OASIS SARIF 2.1.0 schema, vendored in tests/data (source and licence in tests/data/README.md).
fn sarif_validator() -> jsonschema::Validator {
    let text = include_str!("data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

#[test]
fn sarif_validates_against_the_schema() {
    let a = fixture();
    let out = sarif::render(&a);
    assert_no_terminal_tricks("sarif", &out);
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let empty = sarif::log(&Analysis::default());
    assert!(validator.is_valid(&empty));

    let run = &log["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().map(Vec::len),
        Some(7)
    );
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "factdiff/conflict");
    assert_eq!(results[0]["level"], "error");
    assert_eq!(
        results[0]["partialFingerprints"]["factdiff/v1"],
        "F1234abcd"
    );
    assert_eq!(results[0]["locations"].as_array().map(Vec::len), Some(4));
    assert_eq!(results[1]["locations"].as_array().map(Vec::len), Some(2));
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        first["artifactLocation"]["uri"],
        "corpus/hostile%2C%20one%3A1.md"
    );
    // "more than 200\r\n::set-env name=A::B" starts at 1:16 and ends on line 2 after 19 characters.
    assert_eq!(first["region"]["startLine"], 1);
    assert_eq!(first["region"]["startColumn"], 16);
    assert_eq!(first["region"]["endLine"], 2);
    assert_eq!(first["region"]["endColumn"], 20);
}

#[test]
fn sarif_levels_follow_severity() {
    let mut a = fixture();
    a.findings[0].severity = Severity::Info;
    a.findings[1].severity = Severity::Warning;
    let log = sarif::log(&a);
    assert_eq!(log["runs"][0]["results"][0]["level"], "note");
    assert_eq!(log["runs"][0]["results"][1]["level"], "warning");
    assert!(sarif_validator().is_valid(&log));
}

// ---------------------------------------------------------------- determinism and snapshots

#[test]
fn every_format_is_deterministic() {
    let a = fixture();
    let b = fixture();
    assert_eq!(jsonl::render(&a), jsonl::render(&b));
    assert_eq!(markdown::render(&a), markdown::render(&b));
    assert_eq!(csv::render(&a), csv::render(&b));
    assert_eq!(sarif::render(&a), sarif::render(&b));
    assert_eq!(github::render(&a), github::render(&b));
}

#[test]
fn snapshots_of_every_format() {
    let a = fixture();
    settings().bind(|| {
        insta::assert_snapshot!("format-jsonl", jsonl::render(&a));
        insta::assert_snapshot!("format-markdown", markdown::render(&a));
        insta::assert_snapshot!("format-csv", csv::render(&a));
        insta::assert_snapshot!("format-sarif", sarif::render(&a));
        insta::assert_snapshot!("format-github", github::render(&a));
    });
}

/// A tally that many outlets repeat: the table shows [`table::ROWS_PER_SET`] rows of each agreement set
/// and counts the rest in one row, while JSON keeps every claim.
#[test]
fn the_table_caps_long_agreement_sets_and_counts_the_rest() {
    use factdiff::pipeline::{self, InlineDocument, Inputs};
    use factdiff::report::table;
    let article = |n: usize, figure: &str| {
        InlineDocument {
        name: format!("outlet-{n}.txt"),
        stem: format!("outlet-{n}"),
        bytes: format!(
            "+++\nevent = \"long-set\"\noutlet = \"Outlet {n}\"\npublished = 2023-11-09\n+++\n\
             Strikes hit Gaza again\n\nIn all, {figure} Palestinians have been killed in Gaza so far, \
             the paper's tally shows.\n"
        )
        .into_bytes(),
    }
    };
    let mut inline: Vec<InlineDocument> = (0..12).map(|n| article(n, "9,200")).collect();
    inline.extend((12..15).map(|n| article(n, "10,800")));
    let rules = factdiff::rules::RuleSet::embedded().expect("embedded rules compile");
    let a = pipeline::analyse(
        &Inputs {
            inline,
            ..Inputs::default()
        },
        &rules,
    );
    let conflict = a
        .findings
        .iter()
        .find(|f| f.verdict == Verdict::Conflict)
        .expect("the two tallies conflict");
    let sizes: Vec<usize> = conflict.sets.iter().map(|s| s.claims.len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 15, "{sizes:?}");
    let out = table::render_check(&a);
    let rows_with = |figure: &str| out.lines().filter(|l| l.contains(figure)).count();
    assert_eq!(rows_with("9,200"), table::ROWS_PER_SET, "{out}");
    assert_eq!(rows_with("10,800"), 3, "{out}");
    assert!(
        out.contains(&format!("… and {} more claims", 12 - table::ROWS_PER_SET)),
        "{out}"
    );
}
