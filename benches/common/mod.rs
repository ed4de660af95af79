//! Inputs shared by the benchmarks: the sample corpus under `corpus/`, corpora written by the
//! `gen_corpus` example into the target directory (generated once, deterministic seed), and news text
//! cut into sentences as the pipeline sees it. Each bench file includes this module with `mod common;`,
//! so not every bench uses every helper.
#![allow(dead_code)]

use factdiff::corpus;
use factdiff::model::Document;
use factdiff::segment;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The allocator the `factdiff` binary uses, so that the benches measure what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The seed every generated benchmark corpus uses.
pub const SEED: u64 = 1;

/// The cargo target directory: `$CARGO_TARGET_DIR` when set, else `target/` in the crate.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// A corpus of `mb` MiB written by `examples/gen_corpus.rs` with [`SEED`] into
/// `<target>/bench-corpus-v2-<mb>mb-s<seed>/`. It is generated on first use (by running the example through
/// cargo) and reused afterwards; a `.complete` marker guards against a half-written folder.
pub fn generated_corpus(mb: usize) -> PathBuf {
    // `v2`: articles recombined from the sample corpus (the first generator wrote templates only).
    let dir = target_dir().join(format!("bench-corpus-v2-{mb}mb-s{SEED}"));
    let marker = dir.join(".complete");
    if marker.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--quiet",
            "--release",
            "--example",
            "gen_corpus",
            "--",
        ])
        .args(["--mb", &mb.to_string(), "--seed", &SEED.to_string()])
        .arg(&dir)
        .status()
        .expect("cannot run cargo to generate the benchmark corpus");
    assert!(status.success(), "gen_corpus failed for {}", dir.display());
    std::fs::write(&marker, b"").expect("cannot write the corpus marker");
    dir
}

/// Every `.txt`/`.md` file below `dir`, sorted by path.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Parses the files below `dir` into documents (at most `max_bytes` of files, in path order).
pub fn documents_below(dir: &Path, max_bytes: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut total = 0;
    for p in files_below(dir) {
        if total >= max_bytes {
            break;
        }
        let bytes = std::fs::read(&p).expect("readable file");
        total += bytes.len();
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("doc");
        let doc = corpus::parse_document(&p.display().to_string(), stem, &bytes)
            .expect("corpus files parse");
        docs.push(doc);
    }
    docs
}

/// The hand-written sample corpus (`corpus/` in the crate, about 19 KB of real and realistic articles).
pub fn sample_documents() -> Vec<Document> {
    documents_below(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        usize::MAX,
    )
}

/// Documents of about `bytes` bytes in total: `docs` repeated as often as needed (each copy gets its
/// own id so that nothing downstream can mistake two copies for one).
pub fn repeat_documents(docs: &[Document], bytes: usize) -> Vec<Document> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut round = 0;
    while total < bytes && !docs.is_empty() {
        for d in docs {
            let mut copy = d.clone();
            copy.id = format!("{}~r{round}", d.id);
            total += copy.text.len();
            out.push(copy);
        }
        round += 1;
    }
    out
}

/// The total text size of `docs` in bytes.
pub fn text_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// The body sentences of `docs` as owned strings, the unit of work the quantity recogniser gets in
/// the pipeline.
pub fn sentences_of(docs: &[Document]) -> Vec<String> {
    let mut out = Vec::new();
    for d in docs {
        for s in segment::sentences(&d.text, d.body_start..d.text.len()) {
            out.push(d.text[s.start..s.end].to_string());
        }
    }
    out
}

/// The environment variable naming an optional folder of real articles to benchmark on (the dev
/// corpus, which is not part of the repository): `FACTDIFF_BENCH_DEV=/path/to/devcorpus`.
pub const DEV_CORPUS_VAR: &str = "FACTDIFF_BENCH_DEV";

/// News text to benchmark a stage on, by name: `"sample"` is the sample corpus repeated to about
/// `bytes`; `"generated"` is the first `bytes` of the 10 MB generated corpus; `"dev"` is the first
/// `bytes` of the folder [`DEV_CORPUS_VAR`] names, and no documents when it is not set (a fresh clone
/// has no dev corpus).
pub fn news_documents(name: &str, bytes: usize) -> Vec<Document> {
    match name {
        "sample" => repeat_documents(&sample_documents(), bytes),
        "generated" => documents_below(&generated_corpus(10), bytes),
        "dev" => match std::env::var_os(DEV_CORPUS_VAR) {
            Some(dir) => documents_below(Path::new(&dir), bytes),
            None => {
                eprintln!("{DEV_CORPUS_VAR} is not set: the `dev` input is empty");
                Vec::new()
            }
        },
        other => panic!("unknown input {other}"),
    }
}
