//! Cross-document quote comparison: given every quote of the corpus with its resolved speaker, finds
//! the same words given to different speakers (`misattribution`) and one speaker quoted with nearly the
//! same words but a material difference (`misquote`: a number, a negation, a changed noun). Quotes are
//! indexed by word 4-gram shingles (2-grams for short quotes of one speaker), so the work grows with the
//! number of quotes that share words, not with all pairs. Like figures, quotes are compared only within
//! one event (when documents name theirs) and within a time window of [`QUOTE_WINDOW_DAYS`]: the quotes
//! of documents naming different events, or published further apart, are never compared. It reads
//! quotes made by `attribution`; it does not find quotes or speakers.

use crate::attribution::is_unnamed;
use crate::entity::{fold, EntityTable};
use crate::model::{stable_hash, Document, Finding, Quote, Verdict};
use crate::time::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Quotes are compared within time slices of this many days (from a slice's first dated quote, by
/// their documents' dates), as figures are within their kind's window: a remark is reported within
/// days of being made, and the same words given to two speakers years apart are two remarks, not one
/// misattributed. Quotes of undated documents join every slice; a finding holding one is marked
/// undated and is one severity lower.
pub const QUOTE_WINDOW_DAYS: i64 = 7;

/// Shorter quotes are too common ("humanitarian truce") to say who said them.
const MIN_SAME_WORDS: usize = 4;
/// Shortest quote compared for misquotes.
const MIN_MISQUOTE_WORDS: usize = 5;
/// Share of words two versions of one quote must have in common.
const MIN_OVERLAP: f64 = 0.7;
/// A shingle shared by more quotes than this is boilerplate and is not used to find pairs.
const MAX_POSTINGS: usize = 256;
/// Longest quote (in words) aligned word by word.
const MAX_ALIGN: usize = 400;

/// Who said a quote, as far as comparisons go.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Who {
    /// A resolved entity id.
    Entity(String),
    /// The folded surname of a named person the table does not know.
    Name(String),
}

impl Who {
    fn label(&self) -> &str {
        match self {
            Who::Entity(s) | Who::Name(s) => s,
        }
    }
}

/// What the comparison knows of every quote, by index in the corpus's quote list.
struct Prepared<'a> {
    quotes: &'a [Quote],
    /// Normalised words.
    words: Vec<Vec<String>>,
    /// Comparable speaker.
    who: Vec<Option<Who>>,
    /// The event the quote's document names.
    events: Vec<Option<&'a str>>,
    /// The quote's document's date.
    dates: Vec<Option<Date>>,
}

impl<'a> Prepared<'a> {
    fn new(docs: &'a [Document], quotes: &'a [Quote], entities: &EntityTable) -> Prepared<'a> {
        // A document id listed twice takes its last entry (as for figures).
        let by_id: HashMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
        let doc = |q: &Quote| by_id.get(q.doc.as_str()).copied();
        Prepared {
            quotes,
            words: quotes.iter().map(|q| normal_words(&q.text)).collect(),
            who: quotes.iter().map(|q| speaker(q, entities)).collect(),
            events: quotes
                .iter()
                .map(|q| doc(q).and_then(|d| d.effective_event()))
                .collect(),
            // A document dated only by a month or year may lie on any day of it: its quotes join
            // every time slice, as an undated document's do.
            dates: quotes
                .iter()
                .map(|q| doc(q).and_then(Document::exact_published))
                .collect(),
        }
    }
}

/// Cross-document quote findings; `docs` gives each quote's document, for its event and date (a quote
/// whose document is missing from `docs` counts as undated and naming no event). Quotes are compared
/// within each of their [`partitions`]; a finding found in two partitions is kept once. Ids: `F` +
/// `stable_hash(&[verdict, "quote", subject, <sorted "doc|text" of each quote>…])`. Findings come
/// sorted by verdict, subject and quote ids.
pub fn compare_quotes(docs: &[Document], quotes: &[Quote], entities: &EntityTable) -> Vec<Finding> {
    let prepared = Prepared::new(docs, quotes, entities);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for part in partitions(&prepared) {
        let found = misattributions(&prepared, &part, entities)
            .into_iter()
            .chain(misquotes(&prepared, &part));
        for f in found {
            if seen.insert(f.id.clone()) {
                out.push(f);
            }
        }
    }
    out.sort_by(|a, b| {
        (a.verdict, &a.subject, &a.quotes, &a.id).cmp(&(b.verdict, &b.subject, &b.quotes, &b.id))
    });
    out
}

/// The sets of quotes (indices, ascending) to compare together: per event named (all quotes when no
/// document names one), that event's quotes and those of documents naming none; each split into time
/// slices of [`QUOTE_WINDOW_DAYS`], undated quotes joining every slice.
fn partitions(p: &Prepared) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..p.quotes.len()).collect();
    let events: BTreeSet<&str> = p.events.iter().flatten().copied().collect();
    let by_event: Vec<Vec<usize>> = if events.is_empty() {
        vec![all]
    } else {
        events
            .iter()
            .map(|e| {
                all.iter()
                    .copied()
                    .filter(|&i| p.events[i].is_none_or(|x| x == *e))
                    .collect()
            })
            .collect()
    };
    by_event
        .into_iter()
        .flat_map(|members| time_slices(p, members))
        .collect()
}

/// Splits quotes into slices: sorted by date, a slice ends before the first quote more than
/// [`QUOTE_WINDOW_DAYS`] after the slice's first quote; undated quotes join every slice.
fn time_slices(p: &Prepared, mut members: Vec<usize>) -> Vec<Vec<usize>> {
    members.sort_by_key(|&i| (p.dates[i], i));
    let split = members.partition_point(|&i| p.dates[i].is_none());
    let (undated, dated) = members.split_at(split);
    let mut slices: Vec<Vec<usize>> = Vec::new();
    let mut first: Option<Date> = None;
    for &i in dated {
        let d = p.dates[i];
        let new_slice = match (first, d) {
            (Some(f), Some(d)) => f.days_until(d) > QUOTE_WINDOW_DAYS,
            _ => true,
        };
        if new_slice {
            slices.push(Vec::new());
            first = d;
        }
        if let Some(s) = slices.last_mut() {
            s.push(i);
        }
    }
    if slices.is_empty() {
        slices.push(Vec::new());
    }
    for s in &mut slices {
        s.extend_from_slice(undated);
        s.sort_unstable();
    }
    slices.retain(|s| s.len() > 1);
    slices
}

/// The words of a quote with quote marks, case, punctuation and spacing normalised.
fn normal_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The comparable speaker of a quote: a resolved entity (a pronoun or anonymous source only when it
/// resolved to a person), else the surname of a named person; `None` when nobody comparable is named.
fn speaker(q: &Quote, entities: &EntityTable) -> Option<Who> {
    let written = q.speaker.as_written.as_deref().unwrap_or("");
    let unnamed = written.is_empty() || is_unnamed(written);
    if let Some(id) = &q.speaker.entity {
        let person = entities.get(id).is_some_and(|e| e.entity_type == "person");
        return (!unnamed || person).then(|| Who::Entity(id.clone()));
    }
    if unnamed {
        return None;
    }
    person_surname(written).map(Who::Name)
}

/// "spokesman John Smith" → `smith`: the last word when the last two words are capitalised names.
fn person_surname(written: &str) -> Option<String> {
    let ws: Vec<&str> = written.split_whitespace().collect();
    let [.., a, b] = ws.as_slice() else {
        return None;
    };
    let cap = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && !w.chars().all(|c| !c.is_lowercase())
    };
    (cap(a) && cap(b))
        .then(|| fold(b))
        .filter(|s| !s.is_empty())
}

fn shingles(words: &[String], n: usize) -> Vec<String> {
    if words.len() < n {
        return Vec::new();
    }
    words.windows(n).map(|w| w.join(" ")).collect()
}

/// Pairs of quotes (positions in `part`, x < y, different documents) sharing at least one key;
/// `keys[x]` are the keys of quote `part[x]`.
fn candidate_pairs(
    part: &[usize],
    keys: &[Vec<String>],
    quotes: &[Quote],
) -> BTreeSet<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (x, ks) in keys.iter().enumerate() {
        let unique: HashSet<&str> = ks.iter().map(String::as_str).collect();
        for k in unique {
            postings.entry(k).or_default().push(x);
        }
    }
    let mut pairs = BTreeSet::new();
    for list in postings.values() {
        if list.len() < 2 || list.len() > MAX_POSTINGS {
            continue;
        }
        for (n, &x) in list.iter().enumerate() {
            for &y in &list[n + 1..] {
                if quotes[part[x]].doc != quotes[part[y]].doc {
                    pairs.insert((x.min(y), x.max(y)));
                }
            }
        }
    }
    pairs
}

/// True when both are the same words, or the shorter (≥ 4 words) is contained in the longer.
fn same_words(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < MIN_SAME_WORDS {
        return false;
    }
    short == long || long.windows(short.len()).any(|w| w == short)
}

struct Components {
    parent: Vec<usize>,
}

impl Components {
    fn new(n: usize) -> Components {
        Components {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut c = x;
        while self.parent[c] != r {
            let next = self.parent[c];
            self.parent[c] = r;
            c = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
    fn groups(&mut self, members: impl Iterator<Item = usize>) -> Vec<Vec<usize>> {
        let mut map: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for m in members {
            let r = self.find(m);
            map.entry(r).or_default().push(m);
        }
        map.into_values().filter(|g| g.len() > 1).collect()
    }
}

/// True when two speakers may both have said the words: the same entity or one a member of the other,
/// the same surname, or not comparable (an entity and an unknown name).
fn compatible(a: &Who, b: &Who, entities: &EntityTable) -> bool {
    match (a, b) {
        (Who::Entity(x), Who::Entity(y)) => entities.same_or_member(x, y),
        (Who::Name(x), Who::Name(y)) => x == y,
        _ => true,
    }
}

/// The same words given to incompatible speakers, among the quotes of `part`.
fn misattributions(p: &Prepared, part: &[usize], entities: &EntityTable) -> Vec<Finding> {
    let (quotes, words, who) = (p.quotes, &p.words, &p.who);
    let keys: Vec<Vec<String>> = part
        .iter()
        .map(|&i| {
            if who[i].is_some() {
                shingles(&words[i], MIN_SAME_WORDS)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut comps = Components::new(part.len());
    let mut linked = BTreeSet::new();
    for (x, y) in candidate_pairs(part, &keys, quotes) {
        if same_words(&words[part[x]], &words[part[y]]) {
            comps.union(x, y);
            linked.insert(x);
            linked.insert(y);
        }
    }
    let mut out = Vec::new();
    for local in comps.groups(linked.into_iter()) {
        let group: Vec<usize> = local.iter().map(|&x| part[x]).collect();
        let clash = group.iter().enumerate().any(|(x, &i)| {
            group[x + 1..].iter().any(|&j| match (&who[i], &who[j]) {
                (Some(a), Some(b)) => quotes[i].doc != quotes[j].doc && !compatible(a, b, entities),
                _ => false,
            })
        });
        if !clash {
            continue;
        }
        let speakers: BTreeSet<&str> = group
            .iter()
            .filter_map(|&i| who[i].as_ref())
            .map(Who::label)
            .collect();
        let subject = speakers.iter().copied().collect::<Vec<_>>().join(" / ");
        let by: Vec<String> = group
            .iter()
            .filter_map(|&i| {
                who[i]
                    .as_ref()
                    .map(|w| format!("{} ({})", w.label(), quotes[i].doc))
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let longest = group
            .iter()
            .map(|&i| &quotes[i])
            .max_by_key(|q| (q.text.len(), std::cmp::Reverse(q.id.clone())));
        let summary = format!(
            "the same words “{}” are given to different speakers: {}",
            excerpt(longest.map_or("", |q| q.text.as_str())),
            by.join(", ")
        );
        out.push(finding(
            p,
            Verdict::Misattribution,
            subject,
            &group,
            summary,
        ));
    }
    out
}

/// One speaker quoted with nearly the same words but a material difference, among the quotes of
/// `part`.
fn misquotes(p: &Prepared, part: &[usize]) -> Vec<Finding> {
    let (quotes, words, who) = (p.quotes, &p.words, &p.who);
    let keys: Vec<Vec<String>> = part
        .iter()
        .map(|&i| match &who[i] {
            Some(s) if words[i].len() >= MIN_MISQUOTE_WORDS => {
                let n = if words[i].len() <= 12 { 2 } else { 4 };
                shingles(&words[i], n)
                    .into_iter()
                    .map(|k| format!("{}\u{1f}{k}", s.label()))
                    .collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let mut comps = Components::new(part.len());
    let mut linked = BTreeSet::new();
    let mut reasons: BTreeMap<(usize, usize), &'static str> = BTreeMap::new();
    for (x, y) in candidate_pairs(part, &keys, quotes) {
        let (i, j) = (part[x], part[y]);
        if who[i] != who[j]
            || same_words(&words[i], &words[j])
            || overlap(&words[i], &words[j]) < MIN_OVERLAP
        {
            continue;
        }
        if let Some(reason) = material_difference(&words[i], &words[j]) {
            comps.union(x, y);
            linked.insert(x);
            linked.insert(y);
            reasons.insert((x, y), reason);
        }
    }
    let mut out = Vec::new();
    for local in comps.groups(linked.into_iter()) {
        let group: Vec<usize> = local.iter().map(|&x| part[x]).collect();
        let Some(subject) = who[group[0]].as_ref().map(|w| w.label().to_string()) else {
            continue;
        };
        let members: BTreeSet<usize> = local.iter().copied().collect();
        let why: BTreeSet<&str> = reasons
            .iter()
            .filter(|((x, y), _)| members.contains(x) && members.contains(y))
            .map(|(_, r)| *r)
            .collect();
        let versions: Vec<String> = group
            .iter()
            .map(|&i| format!("“{}” ({})", excerpt(&quotes[i].text), quotes[i].doc))
            .collect();
        let summary = format!(
            "{subject} is quoted with different words ({}): {}",
            why.into_iter().collect::<Vec<_>>().join(", "),
            versions.join(" vs ")
        );
        out.push(finding(p, Verdict::Misquote, subject, &group, summary));
    }
    out
}

/// A quote finding over `group` (quote indices); a quote of an undated document marks it undated and
/// lowers its severity one step.
fn finding(
    p: &Prepared,
    verdict: Verdict,
    subject: String,
    group: &[usize],
    summary: String,
) -> Finding {
    let quotes = p.quotes;
    let mut ids: Vec<String> = group.iter().map(|&i| quotes[i].id.clone()).collect();
    ids.sort();
    let mut parts: Vec<String> = group
        .iter()
        .map(|&i| format!("{}|{}", quotes[i].doc, quotes[i].text))
        .collect();
    parts.sort();
    let mut hash_input: Vec<&str> = vec![verdict.as_str(), "quote", subject.as_str()];
    hash_input.extend(parts.iter().map(String::as_str));
    let undated = group.iter().any(|&i| p.dates[i].is_none());
    Finding {
        id: format!("F{}", stable_hash(&hash_input)),
        verdict,
        severity: if undated {
            verdict.severity().lowered()
        } else {
            verdict.severity()
        },
        kind: "quote".to_string(),
        subject,
        place: None,
        scope: None,
        claims: Vec::new(),
        quotes: ids,
        undated,
        summary,
        sets: Vec::new(),
    }
}

/// The first words of a quote for a summary line.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 14 {
        words.join(" ")
    } else {
        format!("{} …", words[..14].join(" "))
    }
}

/// Words in common (as multisets) over the length of the longer quote.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in b {
        if let Some(c) = counts.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    common as f64 / a.len().max(b.len()).max(1) as f64
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nothing", "nobody", "cannot", "neither", "nor", "without",
];

const STOPWORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those", "it",
    "its", "we", "our", "us", "they", "their", "he", "his", "she", "her", "i", "my", "you", "your",
    "will", "would", "can", "could", "has", "have", "had", "do", "does", "did", "all", "so",
    "very", "there", "here", "which", "who", "what", "also", "just",
];

fn is_negation(w: &str) -> bool {
    NEGATIONS.contains(&w) || w.ends_with("n't")
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit()) || crate::quantity::is_number_word(w)
}

fn stem(w: &str) -> &str {
    w.strip_suffix("es")
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w)
}

/// What makes two versions of a quote say different things, if anything does.
fn material_difference(a: &[String], b: &[String]) -> Option<&'static str> {
    let nums = |ws: &[String]| -> Vec<String> {
        let mut v: Vec<String> = ws.iter().filter(|w| is_number(w)).cloned().collect();
        v.sort();
        v
    };
    if nums(a) != nums(b) {
        return Some("a number differs");
    }
    let negs = |ws: &[String]| ws.iter().filter(|w| is_negation(w)).count();
    if negs(a) != negs(b) {
        return Some("a negation differs");
    }
    changed_noun(a, b).then_some("a word differs")
}

/// A replaced run of at most three words on each side where a content word (not a verb form) of one
/// side has no counterpart on the other.
fn changed_noun(a: &[String], b: &[String]) -> bool {
    if a.len() > MAX_ALIGN || b.len() > MAX_ALIGN {
        return false;
    }
    let content = |w: &str| {
        w.len() >= 3
            && !STOPWORDS.contains(&w)
            && !w.ends_with("ing")
            && !w.ends_with("ed")
            && !w.ends_with("ly")
    };
    diff_hunks(a, b).into_iter().any(|(x, y)| {
        if x.is_empty() || y.is_empty() || x.len() > 3 || y.len() > 3 {
            return false;
        }
        // "air strikes" / "airstrikes": one compound written two ways.
        if x.concat() == y.concat() {
            return false;
        }
        let changed = |w: &String, other: &[String]| {
            content(w) && !other.iter().any(|v| spelling_variant(stem(w), stem(v)))
        };
        x.iter().any(|w| changed(w, y)) && y.iter().any(|w| changed(w, x))
    })
}

/// Two spellings of one word, as transliterations and house styles produce ("Hasakeh" / "Hasakah",
/// "Shiite" / "Shia"): the same first three letters and at most three edits apart.
fn spelling_variant(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ac.len() < 3 || bc.len() < 3 || ac[..3] != bc[..3] {
        return false;
    }
    edit_distance(&ac, &bc) <= 3
}

/// Levenshtein distance between two short words.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Runs of words that differ between `a` and `b`, from a longest-common-subsequence alignment.
fn diff_hunks<'w>(a: &'w [String], b: &'w [String]) -> Vec<(&'w [String], &'w [String])> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut hunks = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut hi, mut hj) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            if hi < i || hj < j {
                hunks.push((&a[hi..i], &b[hj..j]));
            }
            i += 1;
            j += 1;
            hi = i;
            hj = j;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            j += 1;
        } else {
            i += 1;
        }
    }
    if hi < n || hj < m {
        hunks.push((&a[hi..], &b[hj..]));
    }
    hunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;
    use crate::model::{Attribution, Channel, Span};

    fn table() -> EntityTable {
        let e = |id: &str, party: &str, t: &str, names: &[&str], member: &[&str]| Entity {
            id: id.into(),
            party: party.into(),
            entity_type: t.into(),
            aliases: names.iter().map(|n| fold(n)).collect(),
            member_of: member.iter().map(|m| m.to_string()).collect(),
        };
        EntityTable::new(vec![
            e("hamas", "hamas", "organisation", &["Hamas"], &[]),
            e(
                "ismail-haniyeh",
                "hamas",
                "person",
                &["Ismail Haniyeh", "Haniyeh"],
                &["hamas"],
            ),
            e(
                "benjamin-netanyahu",
                "israel",
                "person",
                &["Benjamin Netanyahu", "Netanyahu"],
                &[],
            ),
        ])
    }

    /// A document dated 2023-11-21, naming no event, for each document of `quotes`.
    fn docs(quotes: &[Quote]) -> Vec<Document> {
        let ids: BTreeSet<&str> = quotes.iter().map(|q| q.doc.as_str()).collect();
        ids.into_iter()
            .map(|id| document(id, Some("2023-11-21"), None))
            .collect()
    }

    fn document(id: &str, published: Option<&str>, event: Option<&str>) -> Document {
        Document {
            id: id.into(),
            path: format!("{id}.txt"),
            outlet: None,
            published: published.and_then(Date::parse_iso),
            published_precision: Default::default(),
            url: None,
            title: None,
            language: None,
            event: event.map(str::to_string),
            event_inferred: None,
            event_reason: None,
            meta: Default::default(),
            text: String::new(),
            body_start: 0,
        }
    }

    fn quote(doc: &str, n: usize, text: &str, written: &str, entity: Option<&str>) -> Quote {
        Quote {
            id: format!("{doc}:q{n}"),
            doc: doc.into(),
            text: text.into(),
            speaker: Attribution {
                as_written: Some(written.into()),
                entity: entity.map(str::to_string),
                party: None,
            },
            channel: Channel::Unknown,
            span: Span::default(),
        }
    }

    #[test]
    fn same_words_to_two_people_is_a_misattribution() {
        let qs = vec![
            quote(
                "a",
                1,
                "We are getting closer to a truce agreement",
                "Ismail Haniyeh",
                Some("ismail-haniyeh"),
            ),
            quote(
                "b",
                1,
                "“We are getting closer to a truce agreement.”",
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
        ];
        let f = compare_quotes(&docs(&qs), &qs, &table());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].verdict, Verdict::Misattribution);
        assert_eq!(f[0].quotes, vec!["a:q1", "b:q1"]);
        assert!(f[0].id.starts_with('F') && f[0].id.len() == 9);
    }

    #[test]
    fn a_fragment_inside_a_longer_quote_counts() {
        let qs = vec![
            quote(
                "a",
                1,
                "The movement is close to reaching a truce agreement with Israel",
                "Ismail Haniyeh",
                Some("ismail-haniyeh"),
            ),
            quote(
                "b",
                1,
                "close to reaching a truce",
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
        ];
        assert_eq!(compare_quotes(&docs(&qs), &qs, &table()).len(), 1);
    }

    #[test]
    fn a_leader_speaking_for_his_movement_is_no_misattribution() {
        let qs = vec![
            quote(
                "a",
                1,
                "We are getting closer to a truce agreement",
                "Ismail Haniyeh",
                Some("ismail-haniyeh"),
            ),
            quote(
                "b",
                1,
                "We are getting closer to a truce agreement",
                "Hamas",
                Some("hamas"),
            ),
        ];
        assert!(compare_quotes(&docs(&qs), &qs, &table()).is_empty());
    }

    #[test]
    fn anonymous_and_pronoun_speakers_are_never_flagged() {
        let qs = vec![
            quote(
                "a",
                1,
                "We are getting closer to a truce agreement",
                "a senior official",
                None,
            ),
            quote(
                "b",
                1,
                "We are getting closer to a truce agreement",
                "he",
                None,
            ),
            quote(
                "c",
                1,
                "We are getting closer to a truce agreement",
                "Ismail Haniyeh",
                Some("ismail-haniyeh"),
            ),
        ];
        assert!(compare_quotes(&docs(&qs), &qs, &table()).is_empty());
    }

    #[test]
    fn unresolved_named_people_are_compared_by_name() {
        let qs = vec![
            quote(
                "a",
                1,
                "the talks are going very well indeed",
                "minister John Smith",
                None,
            ),
            quote(
                "b",
                1,
                "the talks are going very well indeed",
                "envoy Jane Doe",
                None,
            ),
            quote(
                "c",
                1,
                "the talks are going very well indeed",
                "Mr Smith",
                None,
            ),
        ];
        let f = compare_quotes(&docs(&qs), &qs, &table());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, "doe / smith");
    }

    #[test]
    fn a_dropped_negation_is_a_misquote() {
        let qs = vec![
            quote(
                "a",
                1,
                "We will not stop the fighting until we bring our hostages home",
                "Netanyahu",
                Some("benjamin-netanyahu"),
            ),
            quote(
                "b",
                1,
                "We will stop the fighting until we bring our hostages home",
                "Netanyahu",
                Some("benjamin-netanyahu"),
            ),
        ];
        let f = compare_quotes(&docs(&qs), &qs, &table());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].verdict, Verdict::Misquote);
        assert!(f[0].summary.contains("negation"), "{}", f[0].summary);
    }

    #[test]
    fn a_changed_number_or_noun_is_a_misquote_but_punctuation_is_not() {
        let t = table();
        let q = |d: &str, s: &str| quote(d, 1, s, "Haniyeh", Some("ismail-haniyeh"));
        let compare = |qs: &[Quote]| compare_quotes(&docs(qs), qs, &t);
        let f = compare(&[
            q("a", "at least 50 hostages will be freed in the first stage"),
            q("b", "at least 30 hostages will be freed in the first stage"),
        ]);
        assert_eq!(f.len(), 1);
        let f = compare(&[
            q("a", "the hostages will be freed in Gaza first"),
            q("b", "the hostages will be freed in Rafah first"),
        ]);
        assert_eq!(f.len(), 1);
        let f = compare(&[
            q("a", "The hostages will be freed, in Gaza, first."),
            q("b", "the hostages will be freed in Gaza first"),
        ]);
        assert!(f.is_empty());
        for (one, two) in [
            (
                "shells fell on Hasakeh city overnight",
                "shells fell on Hasakah city overnight",
            ),
            (
                "fierce air strikes since yesterday",
                "fierce airstrikes since yesterday",
            ),
            (
                "towns inhabited by Shiite Muslims",
                "towns inhabited by Shia Muslims",
            ),
        ] {
            let f = compare(&[q("a", one), q("b", two)]);
            assert!(
                f.is_empty(),
                "spelling variants are no misquote: {one} / {two}"
            );
        }
    }

    /// The same words given to Haniyeh in document `a` and to Netanyahu in document `b`.
    fn two_speakers() -> Vec<Quote> {
        let words = "We are getting closer to a truce agreement";
        vec![
            quote("a", 1, words, "Ismail Haniyeh", Some("ismail-haniyeh")),
            quote(
                "b",
                1,
                words,
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
        ]
    }

    #[test]
    fn quotes_of_different_events_are_never_compared() {
        let qs = two_speakers();
        let (t, day) = (table(), Some("2023-11-21"));
        let different = [document("a", day, Some("x")), document("b", day, Some("y"))];
        assert!(compare_quotes(&different, &qs, &t).is_empty());
        // One event, or one document naming none: compared.
        let same = [document("a", day, Some("x")), document("b", day, Some("x"))];
        assert_eq!(compare_quotes(&same, &qs, &t).len(), 1);
        let one_named = [document("a", day, Some("x")), document("b", day, None)];
        assert_eq!(compare_quotes(&one_named, &qs, &t).len(), 1);
    }

    #[test]
    fn quotes_far_apart_in_time_are_never_compared() {
        let (qs, t) = (two_speakers(), table());
        let dated = |a: &str, b: &str| [document("a", Some(a), None), document("b", Some(b), None)];
        assert!(compare_quotes(&dated("2019-05-02", "2023-11-21"), &qs, &t).is_empty());
        // The window's edge: seven days apart are compared, eight are not.
        assert_eq!(
            compare_quotes(&dated("2023-11-14", "2023-11-21"), &qs, &t).len(),
            1
        );
        assert!(compare_quotes(&dated("2023-11-13", "2023-11-21"), &qs, &t).is_empty());
        // A misquote is bound by the same window.
        let said = |d: &str, s: &str| quote(d, 1, s, "Netanyahu", Some("benjamin-netanyahu"));
        let misquoted = [
            said(
                "a",
                "We will not stop the fighting until we bring our hostages home",
            ),
            said(
                "b",
                "We will stop the fighting until we bring our hostages home",
            ),
        ];
        assert_eq!(
            compare_quotes(&dated("2023-11-20", "2023-11-21"), &misquoted, &t).len(),
            1
        );
        assert!(compare_quotes(&dated("2021-11-20", "2023-11-21"), &misquoted, &t).is_empty());
    }

    #[test]
    fn an_undated_quote_is_compared_and_marks_the_finding() {
        let (qs, t) = (two_speakers(), table());
        let docs = [
            document("a", Some("2019-05-02"), None),
            document("b", None, None),
        ];
        let f = compare_quotes(&docs, &qs, &t);
        assert_eq!(f.len(), 1);
        assert!(f[0].undated);
        assert_eq!(f[0].severity, Verdict::Misattribution.severity().lowered());
        let dated = compare_quotes(&super::tests::docs(&qs), &qs, &t);
        assert!(!dated[0].undated);
        assert_eq!(dated[0].severity, Verdict::Misattribution.severity());
    }

    #[test]
    fn an_event_less_quote_is_compared_within_each_event() {
        let words = "We are getting closer to a truce agreement";
        let qs = vec![
            quote("a", 1, words, "Ismail Haniyeh", Some("ismail-haniyeh")),
            quote(
                "b",
                1,
                words,
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
            quote(
                "c",
                1,
                words,
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
        ];
        let day = Some("2023-11-21");
        let docs = [
            document("a", day, None),
            document("b", day, Some("x")),
            document("c", day, Some("y")),
        ];
        let f = compare_quotes(&docs, &qs, &table());
        let groups: Vec<&[String]> = f.iter().map(|f| f.quotes.as_slice()).collect();
        assert_eq!(
            groups,
            vec![
                &["a:q1".to_string(), "b:q1".to_string()][..],
                &["a:q1".to_string(), "c:q1".to_string()][..]
            ]
        );
    }

    #[test]
    fn every_number_word_of_the_lexicon_is_a_number() {
        let t = table();
        let q = |d: &str, s: &str| quote(d, 1, s, "Haniyeh", Some("ismail-haniyeh"));
        for (one, two) in [
            ("sixty", "seventy"),
            ("thirteen", "fifteen"),
            ("two lakh", "three lakh"),
        ] {
            let qs = [
                q(
                    "a",
                    &format!("we will free {one} prisoners in the first stage"),
                ),
                q(
                    "b",
                    &format!("we will free {two} prisoners in the first stage"),
                ),
            ];
            let f = compare_quotes(&docs(&qs), &qs, &t);
            assert_eq!(f.len(), 1, "{one} / {two}");
            assert!(
                f[0].summary.contains("a number differs"),
                "{}",
                f[0].summary
            );
        }
    }

    #[test]
    fn output_is_deterministic() {
        let qs = vec![
            quote(
                "b",
                1,
                "We are getting closer to a truce agreement",
                "Benjamin Netanyahu",
                Some("benjamin-netanyahu"),
            ),
            quote(
                "a",
                1,
                "We are getting closer to a truce agreement",
                "Ismail Haniyeh",
                Some("ismail-haniyeh"),
            ),
        ];
        let mut rev = qs.clone();
        rev.reverse();
        assert_eq!(
            compare_quotes(&docs(&qs), &qs, &table())[0].id,
            compare_quotes(&docs(&rev), &rev, &table())[0].id
        );
    }
}
