//! Writes a realistic synthetic corpus for benchmarks: articles made of sentences recombined from the
//! sample corpus (`corpus/`, read at start: the seeds and the behaviour cases, front matter, titles and
//! site chrome removed), with every figure of 20 or more moved by up to ±20 %, and outlets and dates
//! drawn at random, so that the numbers of claims and findings grow with the size.
//!
//! Claim density: about one claim per 390 bytes, a little denser than real news (the dev corpus of 300
//! articles from 15 outlets has one per 550 bytes). `--dense` writes sentences from templates instead
//! (killed, wounded, hostages, trucks, displaced, with places, events and speakers varied): one claim
//! per 90 bytes, a stress test for comparison.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 10 --seed 1 [--dense] [--sample corpus/] OUT/
//! ```
//! Deterministic: the same size, seed, options and sample corpus give the same files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*), enough for varying text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const OUTLETS: &[&str] = &[
    "Northern Wire",
    "Southern Herald",
    "City Daily",
    "Weekly Review",
    "Morning Post",
    "Evening Star",
    "Capital News",
    "Harbour Times",
    "Gulf Report",
    "Border Bulletin",
    "Relief Monitor",
    "Coastal Daily",
];
const PLACES: &[&str] = &[
    "Aleppo",
    "Idlib",
    "Hatay",
    "Derna",
    "Homs",
    "Deir Ezzor",
    "Hasakeh",
    "Raqqa",
];
const EVENTS: &[&str] = &[
    "earthquake",
    "floods",
    "shelling",
    "air strikes",
    "car bomb",
];
const SPEAKERS: &[&str] = &[
    "the health ministry in Gaza",
    "the Israeli military",
    "a UN spokesman",
    "local officials",
    "the Syrian Observatory for Human Rights",
    "rescuers",
    "state media",
];
const QUALIFIERS: &[&str] = &["", "at least ", "about ", "more than ", "nearly ", "some "];
const FILLER: &[&str] = &[
    "Talks on a ceasefire continued in Cairo, where mediators met both delegations.",
    "The foreign minister called for restraint and for aid to reach civilians.",
    "Residents described a night of explosions and fear.",
    "Officials said the situation remained tense across the region.",
    "Photographs showed collapsed buildings and streets covered in debris.",
    "The statement gave no further details about the negotiations.",
];

fn number(rng: &mut Rng, base: u64) -> String {
    grouped(base + rng.below((base / 5 + 10) as usize) as u64)
}

fn sentence(rng: &mut Rng, place: &str, event: &str) -> String {
    let q = rng.pick(QUALIFIERS);
    let speaker = rng.pick(SPEAKERS);
    match rng.below(9) {
        0 => format!(
            "The {event} in {place} killed {q}{} people, {speaker} said.",
            number(rng, 40)
        ),
        1 => format!(
            "{}{} people were wounded in {place}, according to {speaker}.",
            capital(q),
            number(rng, 120)
        ),
        2 => format!(
            "Israeli strikes on Gaza have killed {q}{} Palestinians, {speaker} said.",
            number(rng, 11_000)
        ),
        3 => format!(
            "About {} hostages are still held in Gaza, {speaker} said.",
            number(rng, 230)
        ),
        4 => format!(
            "Under the deal, {} hostages will be released during a four-day pause.",
            number(rng, 50)
        ),
        5 => format!(
            "{} aid trucks entered Gaza through the Rafah crossing on Sunday.",
            number(rng, 100)
        ),
        6 => format!(
            "Nearly {} million people have been displaced, {speaker} said.",
            1 + rng.below(2)
        ),
        7 => format!("“We will not stop until the hostages are home,” {speaker} said on Tuesday."),
        _ => rng.pick(FILLER).to_string(),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Sentences of the sample corpus: every `.txt`/`.md` file below `dir`, front matter and site chrome
/// (from a line `source site-`/`Related`/`Advertisement` on) removed, split at sentence ends.
fn sample_sentences(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let body = match text.strip_prefix("+++") {
            Some(rest) => rest.split_once("\n+++").map_or("", |(_, b)| b),
            None => &text,
        };
        for line in body.lines().skip_while(|l| l.trim().is_empty()).skip(1) {
            let line = line.trim();
            if ["source site-", "Related", "Advertisement", "Read more"]
                .iter()
                .any(|c| line.starts_with(c))
            {
                break;
            }
            let mut rest = line;
            while !rest.is_empty() {
                let cut = rest
                    .match_indices(". ")
                    .map(|(i, _)| i + 1)
                    .find(|&i| {
                        rest[i..]
                            .trim_start()
                            .starts_with(|c: char| c.is_uppercase())
                    })
                    .unwrap_or(rest.len());
                let sentence = rest[..cut].trim();
                if sentence.len() > 20 {
                    out.push(sentence.to_string());
                }
                rest = &rest[cut..];
            }
        }
    }
    out
}

/// The sentence with each figure written in digits moved by up to ±20 % (grouping kept), so that
/// recombined sentences agree, disagree and drift as real reports do.
fn vary_figures(rng: &mut Rng, sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String, rng: &mut Rng| {
        let plain: String = digits.chars().filter(|c| c.is_ascii_digit()).collect();
        match plain.parse::<u64>() {
            // Small numbers and years stay: "2 hostages", "2023".
            Ok(v) if v >= 20 && !(1900..=2100).contains(&v) => {
                let varied = v * (80 + rng.below(41) as u64) / 100;
                let text = if digits.contains(',') {
                    grouped(varied)
                } else {
                    varied.to_string()
                };
                out.push_str(&text);
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    let chars: Vec<char> = sentence.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside_group =
            c == ',' && !digits.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_ascii_digit() || inside_group {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                flush(&mut digits, &mut out, rng);
            }
            out.push(c);
        }
    }
    if !digits.is_empty() {
        flush(&mut digits, &mut out, rng);
    }
    out
}

fn grouped(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Writes article `n`: sentences drawn from `sample` with their figures varied, or from the templates
/// when `sample` is empty (`--dense`).
fn article(rng: &mut Rng, n: usize, sample: &[String]) -> String {
    let place = rng.pick(PLACES);
    let event = rng.pick(EVENTS);
    let day = 1 + rng.below(28);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "+++\nid = \"gen-{n:07}\"\noutlet = \"{}\"\npublished = 2023-11-{day:02}\n+++\n{} in {place}: the latest\n",
        rng.pick(OUTLETS),
        capital(event)
    );
    for _ in 0..(3 + rng.below(4)) {
        let mut para = String::new();
        for _ in 0..(2 + rng.below(3)) {
            if sample.is_empty() {
                para.push_str(&sentence(rng, place, event));
            } else {
                let picked = &sample[rng.below(sample.len())];
                para.push_str(&vary_figures(rng, picked));
            }
            para.push(' ');
        }
        let _ = writeln!(text, "{}\n", para.trim_end());
    }
    text
}

fn main() {
    let mut mb = 10usize;
    let mut seed = 1u64;
    let mut dense = false;
    let mut sample_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mb" => mb = args.next().and_then(|v| v.parse().ok()).unwrap_or(mb),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--dense" => dense = true,
            "--sample" => sample_dir = args.next().map(PathBuf::from).unwrap_or(sample_dir),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_corpus --mb N --seed S [--dense] [--sample DIR] OUT/");
        std::process::exit(2);
    };
    let sample = if dense {
        Vec::new()
    } else {
        let s = sample_sentences(&sample_dir);
        if s.is_empty() {
            eprintln!(
                "no sentences found in the sample corpus {}",
                sample_dir.display()
            );
            std::process::exit(2);
        }
        s
    };
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let target = mb << 20;
    let mut written = 0usize;
    let mut n = 0usize;
    while written < target {
        // 1,000 files per folder, as scrapers tend to store them.
        let dir = out.join(format!("{:04}", n / 1000));
        if n.is_multiple_of(1000) {
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("cannot create {}: {e}", dir.display());
                std::process::exit(2);
            }
        }
        let text = article(&mut rng, n, &sample);
        if let Err(e) = std::fs::write(dir.join(format!("{n:07}.txt")), &text) {
            eprintln!("cannot write: {e}");
            std::process::exit(2);
        }
        written += text.len();
        n += 1;
    }
    println!("{n} articles, {} bytes, in {}", written, out.display());
}
