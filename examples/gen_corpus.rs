//! Writes a realistic synthetic corpus for benchmarks: articles recombined from sentence templates of
//! the kind found in the sample corpus, with figures, dates, outlets, places and speakers varied, so that
//! the numbers of claims and findings grow with the size.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --mb 10 --seed 1 target/bench-corpus-10
//! ```
//! Deterministic: the same size and seed give the same files.

use std::fmt::Write as _;
use std::path::PathBuf;

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
    let v = base + rng.below((base / 5 + 10) as usize) as u64;
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

fn article(rng: &mut Rng, n: usize) -> String {
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
            para.push_str(&sentence(rng, place, event));
            para.push(' ');
        }
        let _ = writeln!(text, "{}\n", para.trim_end());
    }
    text
}

fn main() {
    let mut mb = 10usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mb" => mb = args.next().and_then(|v| v.parse().ok()).unwrap_or(mb),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_corpus --mb N --seed S OUT/");
        std::process::exit(2);
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
        let text = article(&mut rng, n);
        if let Err(e) = std::fs::write(dir.join(format!("{n:07}.txt")), &text) {
            eprintln!("cannot write: {e}");
            std::process::exit(2);
        }
        written += text.len();
        n += 1;
    }
    println!("{n} articles, {} bytes, in {}", written, out.display());
}
