//! Claims → [`Finding`]s. Claims of one kind, subject, scope and modality form a group (increments
//! never join one); when documents name their event, only claims of the same event (or of documents
//! naming none) are compared. Within a group, claims whose as-of dates fall within the kind's window form
//! a time slice; a slice splits into agreement sets (claims whose hard intervals share a point), and
//! two sets held by different documents make a `conflict` (or `disputed` when the sets come from
//! different parties). One agreement set whose soft intervals split is a `tension`. Across slices, a
//! non-decreasing tally that falls beyond tolerance is a `regression`; other changes are `evolution`.
//! Every step sorts or sweeps, so the cost is O(n log n) in the number of claims.
//!
//! Speed (the target: 10⁶ claims in under two seconds) comes mostly from memory. Claims are large and
//! lie scattered, so one pass in input order copies what comparison reads into a small [`Item`] per
//! claim (bounds, best figure, party as a number, hashes) and the strings a finding shows (claim id,
//! document id, figure as written) into one string per group; a group's comparison then reads only its
//! own compact memory. Within a group, documents are numbered so that they compare as integers, slices
//! and agreement sets are lists of references, an item finds its agreement set by binary search, and
//! finding ids and summaries are written without building a string per claim.

use crate::model::{AgreementSet, Claim, Document, Finding, Modality, StableHasher, Verdict};
use crate::rules::{RuleSet, Trend};
use crate::time::Date;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::hash::BuildHasher;

/// Claims are compared within one kind, subject, scope and modality.
type GroupKey<'a> = (&'a str, &'a str, Option<&'a str>, Modality);

/// What a group's comparison needs besides its claims.
#[derive(Debug, Clone, Copy)]
struct GroupContext<'a> {
    kind: &'a str,
    subject: &'a str,
    scope: Option<&'a str>,
    tolerance: f64,
    window: i64,
    trend: Trend,
    /// No two claims of the group share an id, so a finding's claims need no de-duplication by id.
    unique_ids: bool,
}

/// Compares all claims; `docs` gives each claim's document (for events and outlets).
pub fn compare_claims(docs: &[Document], claims: &[Claim], rules: &RuleSet) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for group in groups(docs, claims) {
        for f in group_findings(&group, rules) {
            // Two findings with one id: the first one found (in group order) is kept.
            if seen.insert(f.id.clone()) {
                out.push(f);
            }
        }
    }
    sort_findings(&mut out);
    out
}

/// The findings of one group, event partition after event partition.
fn group_findings(group: &Group, rules: &RuleSet) -> Vec<Finding> {
    let items = group.items();
    let (tolerance, window, trend) = rules
        .kind(group.key.0)
        .map(|k| (k.tolerance, k.window_days, k.trend))
        .unwrap_or((0.05, 2, Trend::None));
    let (kind, subject, scope, _) = group.key;
    let context = GroupContext {
        kind,
        subject,
        scope,
        tolerance,
        window,
        trend,
        unique_ids: ids_are_unique(&items),
    };
    event_partitions(&items)
        .into_iter()
        .flat_map(|part| analyse_group(part, &context))
        .collect()
}

/// Sorts findings for reports: most severe first, then kind, subject and id.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.verdict.cmp(&b.verdict))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// A claim prepared for comparison: what comparison reads, copied out of the claim. `S` is how the
/// strings are held: a [`Place`] in the group's text while the claims are read, then the string.
#[derive(Debug, Clone, Copy)]
struct Item<'a, S = &'a str> {
    /// The claim's id.
    id: S,
    /// [`fx_hash`] of the id.
    id_hash: u64,
    /// The claim's document as a number; within a group, numbers sort as the document ids do.
    doc: usize,
    /// The document id is a proper prefix of another one of the group (see [`number_documents`]).
    doc_is_prefix: bool,
    /// The document id.
    doc_id: S,
    /// The event the claim's document names, if any.
    event: Option<&'a str>,
    /// The figure as written.
    text: S,
    /// The claim's best single figure.
    best: Option<f64>,
    /// The party the claim is attributed to, as a number; `None` for none and for the media.
    party: Option<usize>,
    /// Byte offset of the claim in its document.
    start: usize,
    lo: f64,
    hi: f64,
    soft_lo: f64,
    soft_hi: f64,
    date: Option<Date>,
}

impl<S> Item<'_, S> {
    /// The hard bounds, or the soft ones when `soft`.
    fn bounds(&self, soft: bool) -> (f64, f64) {
        if soft {
            (self.soft_lo, self.soft_hi)
        } else {
            (self.lo, self.hi)
        }
    }
}

/// Where a string is in a group's text.
#[derive(Debug, Clone, Copy)]
struct Place {
    start: usize,
    end: usize,
}

/// A group: its claims as items and the strings they show, one after another.
struct Group<'a> {
    key: GroupKey<'a>,
    text: String,
    items: Vec<Item<'a, Place>>,
}

impl<'a> Group<'a> {
    /// Appends `s` to the group's text.
    fn place(&mut self, s: &str) -> Place {
        let start = self.text.len();
        self.text.push_str(s);
        Place {
            start,
            end: self.text.len(),
        }
    }

    /// The items with their strings, their documents numbered.
    fn items(&self) -> Vec<Item<'_>> {
        let text = self.text.as_str();
        let get = |p: Place| &text[p.start..p.end];
        let mut items: Vec<Item> = self
            .items
            .iter()
            .map(|i| Item {
                id: get(i.id),
                id_hash: i.id_hash,
                doc: i.doc,
                doc_is_prefix: i.doc_is_prefix,
                doc_id: get(i.doc_id),
                event: i.event,
                text: get(i.text),
                best: i.best,
                party: i.party,
                start: i.start,
                lo: i.lo,
                hi: i.hi,
                soft_lo: i.soft_lo,
                soft_hi: i.soft_hi,
                date: i.date,
            })
            .collect();
        number_documents(&mut items);
        items
    }
}

/// Numbers the items' documents so that the numbers sort as the ids do (comparing two numbers is
/// cheaper than comparing two ids), and marks ids that are a proper prefix of another id (`a` and
/// `ab`): `doc|text` strings of those two may not sort as the numbers do.
fn number_documents(items: &mut [Item]) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by_key(|&k| items[k].doc_id);
    let mut number = 0;
    for (r, &k) in order.iter().enumerate() {
        if r > 0 && items[k].doc_id != items[order[r - 1]].doc_id {
            number += 1;
        }
        items[k].doc = number;
    }
    // Ids that extend an id sort right after it, so the next different id tells.
    let mut following: Option<&str> = None;
    let mut previous: Option<&str> = None;
    for &k in order.iter().rev() {
        let id = items[k].doc_id;
        if previous.is_some_and(|p| p != id) {
            following = previous;
        }
        items[k].doc_is_prefix = following.is_some_and(|f| f.starts_with(id));
        previous = Some(id);
    }
}

/// A hash map with FxHash (rustc-hash): much faster than the default SipHash for the short keys
/// hashed here, once per claim. It does not resist deliberate collisions, which a corpus could at
/// worst use to slow a run.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The FxHash of a string.
fn fx_hash(s: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// The claims (increments excepted) grouped by kind, subject, scope and modality, in key order, each
/// group in input order. Reads the claims once, in order.
fn groups<'a>(docs: &'a [Document], claims: &'a [Claim]) -> Vec<Group<'a>> {
    let events = events_of(docs);
    let mut parties: FastMap<&str, usize> = FastMap::default();
    let mut index: FastMap<GroupKey, usize> = FastMap::default();
    let mut groups: Vec<Group> = Vec::new();
    for c in claims {
        if c.quantity.delta {
            continue;
        }
        let key = (
            c.kind.as_str(),
            c.subject.as_str(),
            c.scope.as_deref(),
            c.modality,
        );
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                key,
                text: String::new(),
                items: Vec::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        let (lo, hi) = c.quantity.hard();
        let (soft_lo, soft_hi) = c.quantity.soft();
        let party = c.attribution.party.as_deref().filter(|p| *p != MEDIA_PARTY);
        let next_party = parties.len();
        let item = Item {
            id: group.place(&c.id),
            id_hash: fx_hash(&c.id),
            doc: 0,
            doc_is_prefix: false,
            doc_id: group.place(&c.doc),
            event: events
                .as_ref()
                .and_then(|e| e.get(c.doc.as_str()).copied().flatten()),
            text: group.place(&c.quantity.text),
            best: c.quantity.best(),
            party: party.map(|p| *parties.entry(p).or_insert(next_party)),
            start: c.span.start,
            lo,
            hi,
            soft_lo: soft_lo.max(lo),
            soft_hi: soft_hi.min(hi),
            date: c.as_of,
        };
        group.items.push(item);
    }
    groups.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    groups
}

/// The event of each document (front matter, else inferred), or `None` when no document has one. A document id listed twice takes
/// its last entry's event.
fn events_of(docs: &[Document]) -> Option<FastMap<&str, Option<&str>>> {
    // places-events: the effective event (front matter, else inferred by `events`), not only the
    // front matter's.
    if docs.iter().all(|d| d.effective_event().is_none()) {
        return None;
    }
    Some(
        docs.iter()
            .map(|d| (d.id.as_str(), d.effective_event()))
            .collect(),
    )
}

/// True when no two items share a claim id (the normal case). Compares hashes, and ids only where
/// hashes are equal.
fn ids_are_unique(items: &[Item]) -> bool {
    let mut hashes: Vec<(u64, usize)> = items.iter().map(|i| i.id_hash).zip(0..).collect();
    hashes.sort_unstable();
    hashes.chunk_by(|a, b| a.0 == b.0).all(|same_hash| {
        same_hash.len() == 1 || {
            let mut ids: Vec<&str> = same_hash.iter().map(|&(_, k)| items[k].id).collect();
            ids.sort_unstable();
            ids.windows(2).all(|w| w[0] != w[1])
        }
    })
}

/// The claims of a group to compare together: all of them, or, when documents name events, one
/// partition per event (in event order) holding that event's claims and those of documents naming none.
fn event_partitions<'g, 'a>(items: &'g [Item<'a>]) -> Vec<Vec<&'g Item<'a>>> {
    let events: BTreeSet<&str> = items.iter().filter_map(|i| i.event).collect();
    if events.is_empty() {
        return vec![items.iter().collect()];
    }
    events
        .iter()
        .map(|e| {
            items
                .iter()
                .filter(|i| i.event.is_none() || i.event == Some(*e))
                .collect()
        })
        .collect()
}

/// Same-time findings of each slice (undated claims join every slice), then trend findings across
/// slices.
fn analyse_group(mut items: Vec<&Item>, group: &GroupContext) -> Vec<Finding> {
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.doc.cmp(&b.doc))
            .then_with(|| a.start.cmp(&b.start))
    });
    // Undated claims sort first.
    let (undated, dated) = items.split_at(items.partition_point(|i| i.date.is_none()));
    let slices = time_slices(dated, group.window);
    let mut out = Vec::new();
    if slices.is_empty() {
        out.extend(same_time_finding(undated, group));
    }
    let mut members = Vec::new();
    for slice in &slices {
        members.clear();
        members.extend_from_slice(slice);
        members.extend_from_slice(undated);
        out.extend(same_time_finding(&members, group));
    }
    out.extend(trend_findings(&slices, group));
    out
}

/// Splits date-sorted claims into slices: a slice ends before the first claim more than `window` days
/// after the slice's first claim.
fn time_slices<'s, 'g, 'a>(dated: &'s [&'g Item<'a>], window: i64) -> Vec<&'s [&'g Item<'a>]> {
    let mut slices = Vec::new();
    let mut start = 0;
    for (k, item) in dated.iter().enumerate().skip(1) {
        if let (Some(first), Some(d)) = (dated[start].date, item.date) {
            if first.days_until(d) > window {
                slices.push(&dated[start..k]);
                start = k;
            }
        }
    }
    if !dated.is_empty() {
        slices.push(&dated[start..]);
    }
    slices
}

/// True when the items come from at least two documents.
fn two_documents(parts: &[&[&Item]]) -> bool {
    let mut docs = parts.iter().flat_map(|p| p.iter()).map(|i| i.doc);
    match docs.next() {
        Some(first) => docs.any(|d| d != first),
        None => false,
    }
}

/// Agreement sets, stored flat: the items set after set in the order the sets were started, each
/// set's items in the order they joined it.
struct Sets<'g, 'a> {
    items: Vec<&'g Item<'a>>,
    /// Where each set ends in `items`.
    ends: Vec<usize>,
}

impl<'g, 'a> Sets<'g, 'a> {
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The sets, in order.
    fn iter(&self) -> impl Iterator<Item = &[&'g Item<'a>]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.items[start..end])
    }

    /// The sets as slices, as [`build_finding`] takes them.
    fn views(&self) -> Vec<&[&'g Item<'a>]> {
        self.iter().collect()
    }
}

/// Agreement sets by stabbing: sort by upper bound, start a set at the first upper bound that an
/// interval's lower bound exceeds.
fn agreement_sets<'g, 'a>(items: &[&'g Item<'a>], soft: bool) -> Sets<'g, 'a> {
    let bounds = |i: &Item| i.bounds(soft);
    let mut sorted = items.to_vec();
    sorted.sort_by(|a, b| {
        let (alo, ahi) = bounds(a);
        let (blo, bhi) = bounds(b);
        ahi.total_cmp(&bhi)
            .then(alo.total_cmp(&blo))
            .then_with(|| a.id.cmp(b.id))
    });
    // Each sorted item's set, and each set's size (at most one set per item).
    let mut set_of: Vec<usize> = Vec::with_capacity(sorted.len());
    let mut sizes: Vec<usize> = Vec::with_capacity(sorted.len());
    // (stab point, set) for the sets an item can join, in ascending order of points: items come by
    // ascending upper bound, so every point is at most the current upper bound and the first set whose
    // point reaches the lower bound is the one to join. A NaN point can take no item and is left out.
    let mut points: Vec<(f64, usize)> = Vec::with_capacity(sorted.len());
    for item in &sorted {
        let (lo, hi) = bounds(item);
        let k = points.partition_point(|&(point, _)| point < lo);
        let set = match points.get(k) {
            Some(&(point, set)) if lo <= point && point <= hi => set,
            _ => {
                if !hi.is_nan() {
                    points.push((hi, sizes.len()));
                }
                sizes.push(0);
                sizes.len() - 1
            }
        };
        sizes[set] += 1;
        set_of.push(set);
    }
    // Place the items set after set, keeping their order.
    let mut next: Vec<usize> = Vec::with_capacity(sizes.len());
    let mut ends: Vec<usize> = Vec::with_capacity(sizes.len());
    let mut end = 0;
    for size in sizes {
        next.push(end);
        end += size;
        ends.push(end);
    }
    let mut placed = sorted.clone();
    for (item, set) in sorted.into_iter().zip(set_of) {
        placed[next[set]] = item;
        next[set] += 1;
    }
    Sets {
        items: placed,
        ends,
    }
}

/// True when at least two sets each hold a document that no other set holds: a disagreement between
/// sources, not within one document.
fn sources_disagree(sets: &Sets) -> bool {
    let mut doc_sets: Vec<(usize, usize)> = Vec::with_capacity(sets.items.len());
    for (k, set) in sets.iter().enumerate() {
        doc_sets.extend(set.iter().map(|i| (i.doc, k)));
    }
    doc_sets.sort_unstable();
    doc_sets.dedup();
    let mut exclusive = vec![false; sets.len()];
    for one_doc in doc_sets.chunk_by(|a, b| a.0 == b.0) {
        if let [(_, k)] = one_doc {
            exclusive[*k] = true;
        }
    }
    exclusive.iter().filter(|e| **e).count() >= 2
}

/// The finding among claims of one time, if any: sources whose hard intervals split into sets that
/// cannot all be right (conflict, disputed, or evolution when the sets follow the trend in date order),
/// else one set whose soft intervals split (tension).
fn same_time_finding(members: &[&Item], group: &GroupContext) -> Option<Finding> {
    if !two_documents(&[members]) {
        return None;
    }
    let sets = agreement_sets(members, false);
    if sets.len() > 1 {
        if !sources_disagree(&sets) {
            return None;
        }
        if follows_trend(&sets, group.trend) {
            return Some(build_finding(Verdict::Evolution, &sets.views(), group));
        }
        let verdict = if parties_differ(&sets) {
            Verdict::Disputed
        } else {
            Verdict::Conflict
        };
        return Some(build_finding(verdict, &sets.views(), group));
    }
    let soft_sets = agreement_sets(members, true);
    if soft_sets.len() > 1 && sources_disagree(&soft_sets) {
        if follows_trend(&soft_sets, group.trend) {
            return Some(build_finding(Verdict::Evolution, &soft_sets.views(), group));
        }
        return Some(build_finding(Verdict::Tension, &soft_sets.views(), group));
    }
    None
}

/// The earliest and latest date of a set, or `None` when it is empty or holds an undated claim.
fn date_span(set: &[&Item]) -> Option<(Date, Date)> {
    let mut dates = set.iter().map(|i| i.date);
    let first = dates.next()??;
    dates.try_fold((first, first), |(min, max), d| {
        d.map(|d| (min.min(d), max.max(d)))
    })
}

/// True when the sets, in order of value, are also in strict order of date as the trend wants (a toll
/// of 24 on one day and 100 the next): the disagreement is the tally moving, not the sources.
fn follows_trend(sets: &Sets, trend: Trend) -> bool {
    // Agreement sets come sorted by their upper bounds, so by value.
    let spans: Option<Vec<(Date, Date)>> = sets.iter().map(date_span).collect();
    let Some(spans) = spans else { return false };
    spans.windows(2).all(|w| match trend {
        Trend::NonDecreasing => w[0].1 < w[1].0,
        Trend::NonIncreasing => w[0].0 > w[1].1,
        Trend::None => false,
    })
}

/// The party of the news media: outlets relay figures, they are not a side of a dispute.
const MEDIA_PARTY: &str = "media";

/// Every set has a known party (other than the media) and no party is in two sets.
fn parties_differ(sets: &Sets) -> bool {
    // Each party named so far and the set naming it; parties are few.
    let mut owner: Vec<(usize, usize)> = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        let mut named = false;
        for party in set.iter().filter_map(|i| i.party) {
            named = true;
            match owner.iter().find(|(p, _)| *p == party) {
                Some(&(_, j)) if j != k => return false,
                Some(_) => {}
                None => owner.push((party, k)),
            }
        }
        if !named {
            return false;
        }
    }
    true
}

/// True when the items state at least two different best figures.
fn two_values(parts: &[&[&Item]]) -> bool {
    let mut bests = parts
        .iter()
        .flat_map(|p| p.iter())
        .filter_map(|i| i.best.map(f64::to_bits));
    match bests.next() {
        Some(first) => bests.any(|b| b != first),
        None => false,
    }
}

/// Regressions between consecutive slices; when there is none, one evolution over all slices.
fn trend_findings(slices: &[&[&Item]], group: &GroupContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if slices.len() < 2 {
        return out;
    }
    let tolerance = group.tolerance;
    let mut regressed = false;
    for pair in slices.windows(2) {
        let (earlier, later) = (pair[0], pair[1]);
        if !two_documents(&[earlier, later]) {
            continue;
        }
        let earlier_lo = earlier.iter().map(|i| i.lo).fold(f64::INFINITY, f64::min);
        let earlier_hi = earlier
            .iter()
            .map(|i| i.hi)
            .fold(f64::NEG_INFINITY, f64::max);
        let later_lo = later.iter().map(|i| i.lo).fold(f64::INFINITY, f64::min);
        let later_hi = later.iter().map(|i| i.hi).fold(f64::NEG_INFINITY, f64::max);
        let fell = later_hi < earlier_lo * (1.0 - tolerance);
        let rose = later_lo > earlier_hi * (1.0 + tolerance);
        let is_regression = match group.trend {
            Trend::NonDecreasing => fell,
            Trend::NonIncreasing => rose,
            Trend::None => false,
        };
        if is_regression {
            regressed = true;
            out.push(build_finding(Verdict::Regression, &[earlier, later], group));
        }
    }
    if !regressed && two_documents(slices) && two_values(slices) {
        out.push(build_finding(Verdict::Evolution, slices, group));
    }
    out
}

/// A set's claims, low, best and high figures, and first date; `bests` is scratch space.
fn set_summary(set: &[&Item], bests: &mut Vec<f64>) -> AgreementSet {
    let low = set.iter().map(|i| i.lo).fold(f64::NEG_INFINITY, f64::max);
    let high = set.iter().map(|i| i.hi).fold(f64::INFINITY, f64::min);
    bests.clear();
    bests.extend(set.iter().filter_map(|i| i.best));
    let finite = |v: f64| v.is_finite().then_some(v);
    AgreementSet {
        claims: set.iter().map(|i| i.id.to_string()).collect(),
        low: finite(low),
        best: median(bests),
        high: finite(high),
        as_of: set.iter().filter_map(|i| i.date).min(),
    }
}

/// The upper median (the middle value, or the higher of the two middle ones), in total order.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mid = values.len() / 2;
    let (_, m, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    Some(*m)
}

/// A finding naming `sets`; an undated claim lowers its severity one step.
fn build_finding(verdict: Verdict, sets: &[&[&Item]], group: &GroupContext) -> Finding {
    let items = distinct_claims(sets, group.unique_ids);
    let undated = items.iter().any(|i| i.date.is_none());
    let severity = if undated {
        verdict.severity().lowered()
    } else {
        verdict.severity()
    };
    let mut bests = Vec::new();
    let summaries = sets.iter().map(|s| set_summary(s, &mut bests)).collect();
    Finding {
        id: finding_id(verdict, group, &items),
        verdict,
        severity,
        kind: group.kind.to_string(),
        subject: group.subject.to_string(),
        scope: group.scope.map(str::to_string),
        claims: items.iter().map(|i| i.id.to_string()).collect(),
        quotes: Vec::new(),
        undated,
        summary: summary_line(verdict, group, sets),
        sets: summaries,
    }
}

/// The sets' items in report order, each claim id once (its first occurrence).
fn distinct_claims<'g, 'a>(sets: &[&[&'g Item<'a>]], unique_ids: bool) -> Vec<&'g Item<'a>> {
    let mut distinct = Vec::with_capacity(sets.iter().map(|s| s.len()).sum());
    let all = sets.iter().flat_map(|s| s.iter().copied());
    if unique_ids {
        distinct.extend(all);
    } else {
        let mut seen = HashSet::new();
        distinct.extend(all.filter(|i| seen.insert(i.id)));
    }
    distinct
}

/// `F` and the stable hash of verdict, kind, subject, scope and the sorted `doc|text` of each claim.
fn finding_id(verdict: Verdict, group: &GroupContext, items: &[&Item]) -> String {
    let mut parts = items.to_vec();
    parts.sort_unstable_by(|a, b| cmp_mentions(a, b));
    let mut h = StableHasher::default();
    h.part(verdict.as_str());
    h.part(group.kind);
    h.part(group.subject);
    h.part(group.scope.unwrap_or(""));
    for i in parts {
        h.part(i.doc_id);
        h.extend("|");
        h.extend(i.text);
    }
    format!("F{}", h.finish())
}

/// Orders items as their claims' `doc|text` strings sort, by document number where that gives the
/// same order.
fn cmp_mentions(a: &Item, b: &Item) -> Ordering {
    if a.doc == b.doc {
        return a.text.cmp(b.text);
    }
    // Two ids sort as their numbers unless the lower one is a prefix of the other.
    let lower = if a.doc < b.doc { a } else { b };
    if lower.doc_is_prefix {
        cmp_joined((a.doc_id, a.text), (b.doc_id, b.text))
    } else {
        a.doc.cmp(&b.doc)
    }
}

/// Compares `doc|text` strings (rarely needed, so built here).
fn cmp_joined(a: (&str, &str), b: (&str, &str)) -> Ordering {
    let joined = |(doc, text): (&str, &str)| format!("{doc}|{text}");
    joined(a).cmp(&joined(b))
}

/// Formats a figure for people: thousands separators, at most one decimal.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let rounded = (v * 10.0).round() / 10.0;
    let int = rounded.trunc().abs() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = ((rounded.abs() - int as f64) * 10.0).round() as u64;
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac > 0 {
        format!("{sign}{grouped}.{frac}")
    } else {
        format!("{sign}{grouped}")
    }
}

/// `kind subject [scope]: ` and the sets, joined by `vs` (or `→` for a change over time).
fn summary_line(verdict: Verdict, group: &GroupContext, sets: &[&[&Item]]) -> String {
    // Room for every mention, `“text” (doc), `, and the dates, so that the line is allocated once.
    let mentions: usize = sets
        .iter()
        .flat_map(|s| s.iter())
        .map(|i| i.text.len() + i.doc_id.len() + 12)
        .sum();
    let mut out = String::with_capacity(group.kind.len() + group.subject.len() + 64 + mentions);
    let _ = write!(out, "{} {}", group.kind, group.subject);
    if let Some(scope) = group.scope {
        let _ = write!(out, " [{scope}]");
    }
    out.push_str(": ");
    let connector = match verdict {
        Verdict::Regression | Verdict::Evolution => " → ",
        _ => " vs ",
    };
    for (k, set) in sets.iter().enumerate() {
        if k > 0 {
            out.push_str(connector);
        }
        describe_set(&mut out, set);
    }
    out
}

/// Appends `“text” (doc), … as of DATE` for a set: each claim as written and its document (a mention
/// equal to the one before it is not repeated), then the set's first date.
fn describe_set(out: &mut String, set: &[&Item]) {
    let mut previous: Option<&Item> = None;
    for &item in set {
        if previous.is_some_and(|p| same_mention(p, item)) {
            continue;
        }
        if previous.is_some() {
            out.push_str(", ");
        }
        out.push('“');
        out.push_str(item.text);
        out.push_str("” (");
        out.push_str(item.doc_id);
        out.push(')');
        previous = Some(item);
    }
    if let Some(date) = set.iter().filter_map(|i| i.date).min() {
        out.push_str(" as of ");
        push_date(out, date);
    }
}

/// Appends `date` as its `Display` does (`2023-11-09`), without the formatting machinery, which cost
/// more than the rest of a summary.
fn push_date(out: &mut String, date: Date) {
    let Date { year, month, day } = date;
    match u32::try_from(year) {
        Ok(year) if year <= 9999 && month <= 99 && day <= 99 => {
            push_digits(out, year, 4);
            out.push('-');
            push_digits(out, month, 2);
            out.push('-');
            push_digits(out, day, 2);
        }
        _ => {
            let _ = write!(out, "{date}");
        }
    }
}

/// Appends the last `width` decimal digits of `v`, with leading zeros.
fn push_digits(out: &mut String, v: u32, width: u32) {
    for k in (0..width).rev() {
        let digit = v / 10u32.pow(k) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// True when two claims read the same in a summary, `“text” (doc)`.
fn same_mention(a: &Item, b: &Item) -> bool {
    if a.text == b.text {
        return a.doc_id == b.doc_id;
    }
    // Different texts of one length differ within the texts; texts of different lengths can still
    // join with their documents into one string (rare).
    let joined = |i: &Item| {
        let (text, doc) = (i.text.bytes(), i.doc_id.bytes());
        text.chain("” (".bytes()).chain(doc).collect::<Vec<u8>>()
    };
    a.text.len() != b.text.len()
        && a.text.len() + a.doc_id.len() == b.text.len() + b.doc_id.len()
        && joined(a) == joined(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::{Attribution, Modality, Qualifier, Quantity, QuantityClass, Span};

    fn claim(doc: &str, value: f64, date: &str, party: Option<&str>) -> Claim {
        Claim {
            id: format!("{doc}:c1"),
            doc: doc.into(),
            kind: "killed".into(),
            subject: "s".into(),
            scope: None,
            unit: "people".into(),
            modality: Modality::Reported,
            as_of: Date::parse_iso(date),
            rule: "r".into(),
            place: None,
            quantity: Quantity {
                start: 0,
                end: 1,
                text: format_number(value),
                class: QuantityClass::Count,
                stated: Some(value),
                qualifier: Qualifier::Exact,
                lo: Some(value),
                hi: Some(value),
                soft_lo: Some(value),
                soft_hi: Some(value),
                unit: None,
                delta: false,
            },
            attribution: Attribution {
                as_written: party.map(str::to_string),
                entity: party.map(str::to_string),
                party: party.map(str::to_string),
            },
            span: Span::default(),
            sentence: String::new(),
        }
    }

    fn verdicts(claims: &[Claim]) -> Vec<&'static str> {
        let rules = RuleSet::embedded().expect("rules");
        compare_claims(&[], claims, &rules)
            .iter()
            .map(|f| f.verdict.as_str())
            .collect()
    }

    #[test]
    fn parties_make_a_dispute_but_the_media_is_no_party() {
        let a = claim("a", 100.0, "2023-10-18", Some("gaza-authorities"));
        let b = claim("b", 500.0, "2023-10-18", Some("israel"));
        assert_eq!(verdicts(&[a.clone(), b]), vec!["disputed"]);
        let c = claim("c", 500.0, "2023-10-18", Some("media"));
        assert_eq!(verdicts(&[a, c]), vec!["conflict"]);
    }

    #[test]
    fn a_higher_figure_a_day_later_is_evolution_a_lower_one_is_conflict() {
        let early = claim("a", 24.0, "2017-04-15", None);
        let later = claim("b", 100.0, "2017-04-16", None);
        assert_eq!(verdicts(&[early, later]), vec!["evolution"]);
        let early = claim("a", 100.0, "2017-04-15", None);
        let later = claim("b", 24.0, "2017-04-16", None);
        assert_eq!(verdicts(&[early, later]), vec!["conflict"]);
    }

    #[test]
    fn the_window_edge_decides_between_conflict_and_regression() {
        // killed: window 2 days, non-decreasing. Two days apart is simultaneous: a conflict.
        let a = claim("a", 1400.0, "2023-11-01", None);
        let b = claim("b", 1200.0, "2023-11-03", None);
        assert_eq!(verdicts(&[a.clone(), b]), vec!["conflict"]);
        // Three days apart is not: the lower later figure is a regression.
        let c = claim("c", 1200.0, "2023-11-04", None);
        assert_eq!(verdicts(&[a, c]), vec!["regression"]);
    }

    #[test]
    fn one_large_group_gives_one_finding_naming_its_sets() {
        // 20,000 claims in one group: a pairwise algorithm would make 2e8 comparisons.
        let claims: Vec<Claim> = (0..20_000)
            .map(|i| {
                claim(
                    &format!("d{i}"),
                    1000.0 + f64::from(i % 7),
                    "2023-11-01",
                    None,
                )
            })
            .collect();
        let found = verdicts(&claims);
        assert_eq!(found, vec!["conflict"]);
    }

    /// xorshift64, deterministic, for the randomised checks below.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Claims of one group with random intervals (some open), documents and dates.
    fn random_claims(rng: &mut Rng, n: usize) -> Vec<Claim> {
        (0..n)
            .map(|k| {
                let doc = format!("d{}", rng.below(n as u64 / 2 + 1));
                let mut c = claim(&doc, 0.0, "2023-11-01", None);
                c.id = format!("{doc}:c{k}");
                let lo = 100.0 + rng.below(50) as f64;
                let hi = lo + rng.below(20) as f64;
                let q = &mut c.quantity;
                q.lo = (rng.below(10) != 0).then_some(lo);
                q.hi = (rng.below(10) != 0).then_some(hi);
                q.soft_lo = Some(lo + rng.below(5) as f64);
                q.soft_hi = Some(hi - rng.below(5) as f64);
                q.stated = None;
                q.text = format!("{lo}–{hi}");
                c
            })
            .collect()
    }

    /// The agreement sets as the first version found them: a linear scan of the open sets.
    fn agreement_sets_by_scan(items: &[&Item], soft: bool) -> Vec<Vec<String>> {
        let bounds = |i: &Item| i.bounds(soft);
        let mut sorted = items.to_vec();
        sorted.sort_by(|a, b| {
            let ((alo, ahi), (blo, bhi)) = (bounds(a), bounds(b));
            ahi.total_cmp(&bhi)
                .then(alo.total_cmp(&blo))
                .then_with(|| a.id.cmp(b.id))
        });
        let mut sets: Vec<(f64, Vec<String>)> = Vec::new();
        for item in sorted {
            let (lo, hi) = bounds(item);
            match sets.iter_mut().find(|(p, _)| lo <= *p && *p <= hi) {
                Some((_, set)) => set.push(item.id.to_string()),
                None => sets.push((hi, vec![item.id.to_string()])),
            }
        }
        sets.into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn binary_search_finds_the_same_agreement_sets_as_a_scan() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for n in [1, 2, 5, 40, 300] {
            let claims = random_claims(&mut rng, n);
            for group in groups(&[], &claims) {
                let items = group.items();
                let refs: Vec<&Item> = items.iter().collect();
                for soft in [false, true] {
                    let found: Vec<Vec<String>> = agreement_sets(&refs, soft)
                        .iter()
                        .map(|s| s.iter().map(|i| i.id.to_string()).collect())
                        .collect();
                    assert_eq!(
                        found,
                        agreement_sets_by_scan(&refs, soft),
                        "n={n} soft={soft}"
                    );
                }
            }
        }
    }

    #[test]
    fn documents_are_numbered_in_id_order_and_prefixes_are_marked() {
        let docs = ["b", "a-1", "ab", "a", "b", "c"];
        let claims: Vec<Claim> = docs
            .iter()
            .map(|d| claim(d, 1.0, "2023-11-01", None))
            .collect();
        let groups = groups(&[], &claims);
        let items = groups[0].items();
        for a in &items {
            for b in &items {
                assert_eq!(a.doc.cmp(&b.doc), a.doc_id.cmp(b.doc_id));
                let joined = |i: &Item| format!("{}|{}", i.doc_id, i.text);
                assert_eq!(cmp_mentions(a, b), joined(a).cmp(&joined(b)));
            }
        }
        let prefix: Vec<(&str, bool)> = items.iter().map(|i| (i.doc_id, i.doc_is_prefix)).collect();
        assert!(prefix.contains(&("a", true)));
        assert!(prefix.contains(&("ab", false)));
        assert!(prefix.contains(&("b", false)));
    }

    #[test]
    fn a_repeated_mention_is_named_once_as_written() {
        let mut claims = vec![
            claim("x", 1.0, "2023-11-01", None),
            claim("x", 1.0, "2023-11-01", None),
            claim("y", 1.0, "2023-11-01", None),
        ];
        // Text `1` of document `y” (z` reads as text `1” (y` of document `z`.
        claims[0].quantity.text = "1".into();
        claims[0].doc = "y” (z".into();
        claims[1].quantity.text = "1” (y".into();
        claims[1].doc = "z".into();
        let groups = groups(&[], &claims);
        let items = groups[0].items();
        let mention = |i: &Item| format!("“{}” ({})", i.text, i.doc_id);
        assert_eq!(mention(&items[0]), mention(&items[1]));
        for a in &items {
            for b in &items {
                assert_eq!(same_mention(a, b), mention(a) == mention(b));
            }
        }
    }

    #[test]
    fn dates_are_written_as_display_writes_them() {
        for (year, month, day) in [
            (2023, 11, 9),
            (7, 1, 1),
            (0, 12, 31),
            (9999, 9, 30),
            (12345, 1, 2),
            (-44, 3, 15),
        ] {
            let date = Date { year, month, day };
            let mut out = String::new();
            push_date(&mut out, date);
            assert_eq!(out, date.to_string());
        }
    }

    #[test]
    fn a_claim_id_given_twice_is_listed_once() {
        let mut a = claim("a", 100.0, "2023-10-18", None);
        let b = claim("b", 500.0, "2023-10-18", None);
        a.id = b.id.clone();
        let rules = RuleSet::embedded().expect("rules");
        let findings = compare_claims(&[], &[a, b], &rules);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].claims, vec!["b:c1".to_string()]);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(1_400_000.0), "1,400,000");
        assert_eq!(format_number(7300.0), "7,300");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(12.0), "12");
    }
}
