//! Claims → [`Finding`]s. Claims are compared within a group: one event, kind, subject, place, scope
//! and modality ([`GroupKey`]; increments never join one). When documents name their event, only claims
//! of the same event (or of documents naming none) are compared.
//!
//! Within a group, claims whose as-of dates fall within the kind's window form a time slice; a slice
//! splits into agreement sets (claims whose hard intervals share a point). Two documents of which no
//! figure agrees with any figure of the other make a `conflict` (or `disputed` when the sets come from
//! different parties), whatever else either document says. One agreement set whose soft intervals
//! split is a `tension`.
//!
//! Across dates, each date is summed up by its consensus: the agreement set held by the most
//! documents. A non-decreasing tally whose consensus on a later date (in a later slice) falls below the
//! highest consensus of an earlier date beyond tolerance is a `regression`; other changes are
//! `evolution`. A stray figure thus changes the verdict of its own date only when it is that date's
//! consensus, and never hides a conflict between two other sources.
//!
//! A finding's id is a hash of its verdict, its group and its date window (see [`finding_id`]), never
//! of the documents in it, so that adding or removing an article leaves reviewed findings' ids alone.
//! Every step sorts or sweeps, so the cost is O(n log n) in the number of claims.
//!
//! Speed (the target: 10⁶ claims in under two seconds) comes mostly from memory. Claims are large and
//! lie scattered, so one pass in input order copies what comparison reads into a small [`Item`] per
//! claim (bounds, best figure, party as a number, hashes) and the strings a finding shows (claim id,
//! document id, figure as written) into one string per group; a group's comparison then reads only its
//! own compact memory. Within a group, documents are numbered so that they compare as integers, slices
//! and agreement sets are lists of references, an item finds its agreement set by binary search, and
//! summaries are written without building a string per claim.

use crate::model::{AgreementSet, Claim, Document, Finding, Modality, StableHasher, Verdict};
use crate::rules::{RuleSet, Trend};
use crate::time::Date;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::hash::BuildHasher;

/// What claims must share to be compared (besides their event, see [`event_partitions`]): a figure is
/// only ever compared with figures of the same kind, subject, place, scope and modality. Built by
/// [`group_key`], the one place that reads these fields from a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct GroupKey<'a> {
    kind: &'a str,
    subject: &'a str,
    /// Where the figure was counted (a country, a city). `None` until claims carry a place.
    place: Option<&'a str>,
    scope: Option<&'a str>,
    modality: Modality,
}

/// The group a claim belongs to. When claims gain a `place`, it is read here (and hashed into finding
/// ids by [`finding_id`] only when present, so that ids of claims without a place do not change).
fn group_key(c: &Claim) -> GroupKey<'_> {
    GroupKey {
        kind: &c.kind,
        subject: &c.subject,
        place: c.place.as_deref(),
        scope: c.scope.as_deref(),
        modality: c.modality,
    }
}

/// The group a claim is compared in, as text (`killed|gaza-palestinians|-|-|reported`: kind, subject,
/// place, scope and modality, `-` for none): what a partitioned run groups claims by, so that every
/// group is compared whole. Made from [`group_key`], so it follows every change of the group. The
/// claim's event is not part of it: a claim of a document naming no event is compared within every
/// event of its group (see [`event_partitions`]), which the partitioned run arranges.
pub fn comparison_key(c: &Claim) -> String {
    group_key(c).to_string()
}

impl std::fmt::Display for GroupKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Every field, named: a field added to the key without a place here does not compile.
        let GroupKey {
            kind,
            subject,
            place,
            scope,
            modality,
        } = *self;
        write!(
            f,
            "{kind}|{subject}|{}|{}|{}",
            place.unwrap_or("-"),
            scope.unwrap_or("-"),
            modality.as_str()
        )
    }
}

/// What a group's comparison needs besides its claims.
#[derive(Debug, Clone, Copy)]
struct GroupContext<'a> {
    key: GroupKey<'a>,
    /// The event of the partition compared (see [`event_partitions`]); `None` when no document of the
    /// group names one.
    event: Option<&'a str>,
    tolerance: f64,
    window: i64,
    trend: Trend,
    /// No two claims of the group share an id, so a finding's claims need no de-duplication by id.
    unique_ids: bool,
}

/// The date window a finding covers, hashed into its id.
#[derive(Debug, Clone, Copy)]
enum Window {
    /// A time slice, named by its first date; `None` for undated claims only.
    Slice(Option<Date>),
    /// The claims of one document dated only by a month or year wider than the kind's window: its
    /// first and last days, and the stable hash of the document's id (two documents dated by one
    /// month are two slices, which must not share an id).
    Range(Date, Date, u32),
    /// A fall below the consensus of this date.
    Since(Date),
    /// The change of a tally over all dates of the group.
    AllDates,
}

impl Window {
    /// The window as words, e.g. `slice 2023-11-09`.
    fn label(self) -> String {
        match self {
            Window::Slice(Some(d)) => format!("slice {d}"),
            Window::Slice(None) => "undated".to_string(),
            Window::Range(first, last, doc) => format!("slice {first}..{last} doc {doc:08x}"),
            Window::Since(d) => format!("since {d}"),
            Window::AllDates => "all dates".to_string(),
        }
    }
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
        .kind(group.key.kind)
        .map(|k| (k.tolerance, k.window_days, k.trend))
        .unwrap_or((0.05, 2, Trend::None));
    let context = GroupContext {
        key: group.key,
        event: None,
        tolerance,
        window,
        trend,
        unique_ids: ids_are_unique(&items),
    };
    event_partitions(&items)
        .into_iter()
        .flat_map(|(event, part)| analyse_group(part, &GroupContext { event, ..context }))
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
    /// The as-of date: the day, or the first day of the month or year a partial date names.
    date: Option<Date>,
    /// The last day the as-of date may be: `date` itself for a day, else the end of its month or year.
    last: Option<Date>,
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
                last: i.last,
            })
            .collect();
        number_documents(&mut items);
        items
    }
}

/// Numbers the items' documents so that the numbers sort as the ids do (comparing two numbers is
/// cheaper than comparing two ids).
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
}

/// A hash map with FxHash (rustc-hash): much faster than the default SipHash for the short keys
/// hashed here, once per claim. It does not resist deliberate collisions, which a corpus could at
/// worst use to slow a run.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The FxHash of a string.
fn fx_hash(s: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// The claims (increments excepted) grouped by [`GroupKey`], in key order, each group in input order. Reads the claims once, in order.
fn groups<'a>(docs: &'a [Document], claims: &'a [Claim]) -> Vec<Group<'a>> {
    let events = events_of(docs);
    let mut parties: FastMap<&str, usize> = FastMap::default();
    let mut index: FastMap<GroupKey, usize> = FastMap::default();
    let mut groups: Vec<Group> = Vec::new();
    for c in claims {
        if c.quantity.delta {
            continue;
        }
        let key = group_key(c);
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
            last: c.as_of.map(|d| c.as_of_precision.last_day(d)),
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

/// The claims of a group to compare together, with their event: all of them (event `None`), or, when
/// documents name events, one partition per event (in event order) holding that event's claims and those
/// of documents naming none.
fn event_partitions<'g, 'a>(items: &'g [Item<'a>]) -> Vec<(Option<&'a str>, Vec<&'g Item<'a>>)> {
    let events: BTreeSet<&str> = items.iter().filter_map(|i| i.event).collect();
    if events.is_empty() {
        return vec![(None, items.iter().collect())];
    }
    events
        .iter()
        .map(|e| {
            let part = items
                .iter()
                .filter(|i| i.event.is_none() || i.event == Some(*e))
                .collect();
            (Some(*e), part)
        })
        .collect()
}

/// Same-time findings of each slice (undated claims join every slice), then trend findings across
/// dates.
///
/// A claim dated only by a month or year (`published = "2023-09"`) may lie on any day of it. When that
/// range is wider than the kind's window it is never simultaneous with another document's claim: the
/// claims of its document and range make a slice of their own (undated claims still join it), so a
/// month never conflicts with a day inside it. Across dates it is ordered only against dates outside
/// its range (see [`trend_findings`]).
fn analyse_group(mut items: Vec<&Item>, group: &GroupContext) -> Vec<Finding> {
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.last.cmp(&b.last))
            .then_with(|| a.doc.cmp(&b.doc))
            .then_with(|| a.start.cmp(&b.start))
    });
    // Undated claims sort first.
    let (undated, dated) = items.split_at(items.partition_point(|i| i.date.is_none()));
    let (precise, wide): (Vec<&Item>, Vec<&Item>) = dated
        .iter()
        .partition(|i| date_range_days(i) <= group.window);
    let mut slices = time_slices(&precise, group.window);
    let wide_slices: Vec<&[&Item]> = wide
        .chunk_by(|a, b| a.doc == b.doc && a.date == b.date && a.last == b.last)
        .collect();
    slices.extend(wide_slices);
    // In order of first date (stable: a day's slice before a month starting that day).
    slices.sort_by_key(|slice| slice.first().and_then(|i| i.date));
    let mut out = Vec::new();
    if slices.is_empty() {
        out.extend(same_time_finding(undated, group, Window::Slice(None)));
    }
    let mut members = Vec::new();
    for slice in &slices {
        members.clear();
        members.extend_from_slice(slice);
        members.extend_from_slice(undated);
        let window = match slice.first().map(|i| (i.date, i.last, i.doc_id)) {
            Some((Some(first), Some(last), doc)) if first.days_until(last) > group.window => {
                let doc = crate::model::stable_hash(&[doc]);
                Window::Range(first, last, u32::from_str_radix(&doc, 16).unwrap_or(0))
            }
            other => Window::Slice(other.and_then(|(first, _, _)| first)),
        };
        out.extend(same_time_finding(&members, group, window));
    }
    out.extend(trend_findings(&slices, group));
    out
}

/// Days from an item's first possible as-of date to its last (0 for a day, 29 for a month of 30).
fn date_range_days(item: &Item) -> i64 {
    match (item.date, item.last) {
        (Some(first), Some(last)) => first.days_until(last),
        _ => 0,
    }
}

/// Splits date-sorted claims into slices: a slice ends before the first claim whose last possible
/// date is more than `window` days after the slice's first claim (for a claim dated to the day, its
/// date), or whose slice would then span more than `window` days.
fn time_slices<'s, 'g, 'a>(dated: &'s [&'g Item<'a>], window: i64) -> Vec<&'s [&'g Item<'a>]> {
    let mut slices = Vec::new();
    let mut start = 0;
    let mut latest = dated.first().and_then(|i| i.last);
    for (k, item) in dated.iter().enumerate().skip(1) {
        let last = latest.max(item.last);
        if let (Some(first), Some(last)) = (dated[start].date, last) {
            if first.days_until(last) > window {
                slices.push(&dated[start..k]);
                start = k;
                latest = item.last;
                continue;
            }
        }
        latest = last;
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

/// True when two documents have no agreement set in common: no figure of one agrees with any figure
/// of the other, whatever else either of them says. A document whose own figures disagree (two figures
/// of one group and time) does not make a conflict by itself, nor with a source that agrees with one of
/// its figures.
///
/// Documents in one set only are counted per set; a document in several sets is checked against them
/// with those counts. Two documents that are both in several sets are found when the sets of one all
/// lie below those of the other (sets come in order of value); interleaved ones (100 and 300 against
/// 200 and 400) are left unflagged, which keeps the check linear.
fn sources_disagree(sets: &Sets) -> bool {
    let mut doc_sets: Vec<(usize, usize)> = Vec::with_capacity(sets.items.len());
    for (k, set) in sets.iter().enumerate() {
        doc_sets.extend(set.iter().map(|i| (i.doc, k)));
    }
    doc_sets.sort_unstable();
    doc_sets.dedup();
    // Per set, the documents holding only that set.
    let mut single = vec![0usize; sets.len()];
    let mut singles = 0;
    let mut several: Vec<&[(usize, usize)]> = Vec::new();
    for one_doc in doc_sets.chunk_by(|a, b| a.0 == b.0) {
        match one_doc {
            [(_, k)] => {
                if single[*k] == 0 && singles > 0 {
                    // A second set held by a document of its own.
                    return true;
                }
                single[*k] += 1;
                singles += 1;
            }
            _ => several.push(one_doc),
        }
    }
    for one_doc in &several {
        let agreeing: usize = one_doc.iter().map(|&(_, k)| single[k]).sum();
        if agreeing < singles {
            return true;
        }
    }
    // Each document's sets are sorted, so its first and last are its lowest and highest.
    let lowest_top = several.iter().filter_map(|d| d.last()).map(|p| p.1).min();
    let highest_bottom = several.iter().filter_map(|d| d.first()).map(|p| p.1).max();
    matches!((lowest_top, highest_bottom), (Some(top), Some(bottom)) if top < bottom)
}

/// The finding among claims of one time, if any: sources whose hard intervals split into sets that
/// cannot all be right (conflict, disputed, or evolution when the sets follow the trend in date order),
/// else one set whose soft intervals split (tension).
fn same_time_finding(members: &[&Item], group: &GroupContext, window: Window) -> Option<Finding> {
    if !two_documents(&[members]) {
        return None;
    }
    let sets = agreement_sets(members, false);
    if sets.len() > 1 {
        if !sources_disagree(&sets) {
            return None;
        }
        let verdict = if follows_trend(&sets, group.trend) {
            Verdict::Evolution
        } else if parties_differ(&sets) {
            Verdict::Disputed
        } else {
            Verdict::Conflict
        };
        return Some(build_finding(verdict, &sets.views(), group, window));
    }
    let soft_sets = agreement_sets(members, true);
    if soft_sets.len() > 1 && sources_disagree(&soft_sets) {
        let verdict = if follows_trend(&soft_sets, group.trend) {
            Verdict::Evolution
        } else {
            Verdict::Tension
        };
        return Some(build_finding(verdict, &soft_sets.views(), group, window));
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

/// True when the sets, in order of value, are also in order of date as the trend wants (a toll of 24
/// on one day and 100 the next): the disagreement is the tally moving, not the sources. Two neighbouring
/// sets of one same date may sit in between when one document holds both (an article giving 22 and 24
/// from two counts, then 100 the next day elsewhere): that difference is within the article, not
/// between sources. At least one step must go forward in time.
fn follows_trend(sets: &Sets, trend: Trend) -> bool {
    if trend == Trend::None {
        return false;
    }
    // Agreement sets come sorted by their upper bounds, so by value.
    let spans: Option<Vec<(Date, Date)>> = sets.iter().map(date_span).collect();
    let Some(spans) = spans else { return false };
    let views = sets.views();
    let mut moved = false;
    for k in 1..spans.len() {
        let (a, b) = (spans[k - 1], spans[k]);
        let forward = match trend {
            Trend::NonIncreasing => a.0 > b.1,
            _ => a.1 < b.0,
        };
        moved |= forward;
        let one_day_one_document = a.0 == a.1 && a == b && share_a_document(views[k - 1], views[k]);
        if !forward && !one_day_one_document {
            return false;
        }
    }
    moved
}

/// True when some document has claims in both sets.
fn share_a_document(a: &[&Item], b: &[&Item]) -> bool {
    let mut docs: Vec<usize> = a.iter().map(|i| i.doc).collect();
    docs.sort_unstable();
    b.iter().any(|i| docs.binary_search(&i.doc).is_ok())
}

/// The party of the news media: outlets relay figures, they are not a side of a dispute.
pub const MEDIA_PARTY: &str = "media";

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

/// One date of a group, summed up by its consensus.
struct Day {
    date: Date,
    /// The last day `date` may be (itself, unless the consensus is dated by a month or year).
    last: Date,
    /// The time slice holding the date.
    slice: usize,
    /// Where the consensus (the agreement set held by the most documents) lies in [`Days::items`].
    start: usize,
    end: usize,
    /// The set's lowest and highest figures (the bounds all its members allow) and best figure.
    low: f64,
    high: f64,
    best: Option<f64>,
}

/// The dates of a group with their consensus sets, stored one after another.
struct Days<'g, 'a> {
    days: Vec<Day>,
    items: Vec<&'g Item<'a>>,
}

impl<'g, 'a> Days<'g, 'a> {
    /// The consensus set of day `k`.
    fn set(&self, k: usize) -> &[&'g Item<'a>] {
        &self.items[self.days[k].start..self.days[k].end]
    }
}

/// The dates of the slices in order, each with its consensus: the agreement set (hard intervals) held
/// by the most documents; between sets held by as many, the one the trend ranks highest (the higher for
/// a non-decreasing tally, the lower for a non-increasing one, else the lower).
fn days<'g, 'a>(slices: &[&[&'g Item<'a>]], trend: Trend) -> Days<'g, 'a> {
    let mut out = Days {
        days: Vec::new(),
        items: Vec::new(),
    };
    let mut bests = Vec::new();
    let mut docs = Vec::new();
    for (k, slice) in slices.iter().enumerate() {
        for day in slice.chunk_by(|a, b| a.date == b.date && a.last == b.last) {
            let Some(date) = day[0].date else { continue };
            let last = day[0].last.unwrap_or(date);
            let start = out.items.len();
            if day.len() == 1 {
                // One figure is its date's consensus (the common case).
                out.items.push(day[0]);
            } else {
                let sets = agreement_sets(day, false);
                // (documents, best, set) of the consensus so far.
                let mut chosen: Option<(usize, Option<f64>, &[&Item])> = None;
                for set in sets.iter() {
                    docs.clear();
                    docs.extend(set.iter().map(|i| i.doc));
                    docs.sort_unstable();
                    docs.dedup();
                    let best = set_figures(set, &mut bests).2;
                    let better = match chosen {
                        None => true,
                        Some((n, b, _)) => {
                            docs.len() > n
                                || docs.len() == n
                                    && trend == Trend::NonDecreasing
                                    && best.unwrap_or(f64::NEG_INFINITY)
                                        > b.unwrap_or(f64::NEG_INFINITY)
                                || docs.len() == n
                                    && trend == Trend::NonIncreasing
                                    && best.unwrap_or(f64::INFINITY) < b.unwrap_or(f64::INFINITY)
                        }
                    };
                    if better {
                        chosen = Some((docs.len(), best, set));
                    }
                }
                if let Some((_, _, set)) = chosen {
                    out.items.extend_from_slice(set);
                }
            }
            let end = out.items.len();
            if end > start {
                let (low, high, best) = set_figures(&out.items[start..end], &mut bests);
                out.days.push(Day {
                    date,
                    last,
                    slice: k,
                    start,
                    end,
                    low,
                    high,
                    best,
                });
            }
        }
    }
    // In order of the last day each date may be: a month comes after the days inside it, so that a
    // day of the month is never taken as later than the month, nor the month as later than its days.
    let Days { days, items } = out;
    let mut days = days;
    days.sort_by_key(|d| (d.last, d.date));
    Days { days, items }
}

/// True when `day`'s consensus falls below (for a non-increasing tally: rises above) the consensus of
/// `reference` beyond tolerance: the highest figure the later consensus allows is below the lowest the
/// earlier one allows, by more than the tolerance.
fn against_trend(day: &Day, reference: &Day, group: &GroupContext) -> bool {
    match group.trend {
        Trend::NonDecreasing => day.high < reference.low * (1.0 - group.tolerance),
        Trend::NonIncreasing => day.low > reference.high * (1.0 + group.tolerance),
        Trend::None => false,
    }
}

/// True when `day`'s consensus went further along the trend than `reference`'s (higher, for a
/// non-decreasing tally), so that later dates are measured against it. A date that only repeats the
/// reference's figure leaves the reference (and so the id of a regression from it) where it is.
fn new_reference(day: &Day, reference: &Day, trend: Trend) -> bool {
    let level = |d: &Day| match trend {
        Trend::NonIncreasing => d.best.unwrap_or(d.high),
        _ => d.best.unwrap_or(d.low),
    };
    match trend {
        Trend::NonDecreasing => level(day) > level(reference),
        Trend::NonIncreasing => level(day) < level(reference),
        Trend::None => false,
    }
}

/// Trend findings across dates, compared date by date through their consensus. For a tally with a
/// trend, the reference is the date whose consensus went furthest along it so far (the highest, for a
/// non-decreasing tally); every later date of a later slice whose consensus falls below it beyond
/// tolerance joins one `regression` naming the reference and those dates (a fall within one slice is a
/// same-time finding instead). Without a regression, one `evolution` names each date's consensus.
fn trend_findings(slices: &[&[&Item]], group: &GroupContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if slices.len() < 2 {
        return out;
    }
    let days = days(slices, group.trend);
    let mut regressed = false;
    let mut reference = 0;
    let mut falls: Vec<usize> = Vec::new();
    let mut flush = |reference: usize, falls: &mut Vec<usize>, out: &mut Vec<Finding>| {
        if falls.is_empty() {
            return;
        }
        let mut sets: Vec<&[&Item]> = vec![days.set(reference)];
        sets.extend(falls.iter().map(|&k| days.set(k)));
        falls.clear();
        if two_documents(&sets) {
            regressed = true;
            let window = Window::Since(days.days[reference].date);
            out.push(build_finding(Verdict::Regression, &sets, group, window));
        }
    };
    for k in 1..days.days.len() {
        let (day, earlier) = (&days.days[k], &days.days[reference]);
        if new_reference(day, earlier, group.trend) {
            flush(reference, &mut falls, &mut out);
            reference = k;
        } else if day.slice != earlier.slice
            && earlier.last < day.date
            && against_trend(day, earlier, group)
        {
            falls.push(k);
        }
    }
    flush(reference, &mut falls, &mut out);
    let sets: Vec<&[&Item]> = (0..days.days.len()).map(|k| days.set(k)).collect();
    if !regressed && two_documents(&sets) && two_values(&sets) {
        out.push(build_finding(
            Verdict::Evolution,
            &sets,
            group,
            Window::AllDates,
        ));
    }
    out
}

/// A set's lowest figure (the largest lower bound of its members), highest figure (the smallest upper
/// bound) and best figure: the median of its members' best figures, moved into [low, high] when a
/// member's best lies outside what the others allow. `bests` is scratch space.
fn set_figures(set: &[&Item], bests: &mut Vec<f64>) -> (f64, f64, Option<f64>) {
    let low = set.iter().map(|i| i.lo).fold(f64::NEG_INFINITY, f64::max);
    let high = set.iter().map(|i| i.hi).fold(f64::INFINITY, f64::min);
    bests.clear();
    bests.extend(set.iter().filter_map(|i| i.best));
    let best = median(bests).map(|b| if low <= high { b.clamp(low, high) } else { b });
    (low, high, best)
}

/// A set's claims, low, best and high figures, and first date; `bests` is scratch space.
fn set_summary(set: &[&Item], bests: &mut Vec<f64>) -> AgreementSet {
    let (low, high, best) = set_figures(set, bests);
    let finite = |v: f64| v.is_finite().then_some(v);
    AgreementSet {
        claims: set.iter().map(|i| i.id.to_string()).collect(),
        low: finite(low),
        best,
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

/// A finding naming `sets` over `window`; an undated claim lowers its severity one step.
fn build_finding(
    verdict: Verdict,
    sets: &[&[&Item]],
    group: &GroupContext,
    window: Window,
) -> Finding {
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
        id: finding_id(verdict, group, window),
        verdict,
        severity,
        kind: group.key.kind.to_string(),
        subject: group.key.subject.to_string(),
        place: group.key.place.map(str::to_string),
        scope: group.key.scope.map(str::to_string),
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

/// The finding's fingerprint: `F` and the stable hash ([`StableHasher`]) of its verdict, its group
/// (event, kind, subject, place when known, scope, modality) and its date window ([`Window`]). The
/// documents, claims and figures in it are not hashed: adding or removing an article changes the id
/// only when it changes the verdict, the group or the window.
fn finding_id(verdict: Verdict, group: &GroupContext, window: Window) -> String {
    let key = &group.key;
    let mut h = StableHasher::default();
    h.part(verdict.as_str());
    h.part(group.event.unwrap_or(""));
    h.part(key.kind);
    h.part(key.subject);
    if let Some(place) = key.place {
        h.part("place:");
        h.extend(place);
    }
    h.part(key.scope.unwrap_or(""));
    h.part(key.modality.as_str());
    h.part(&window.label());
    format!("F{}", h.finish())
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
    let key = &group.key;
    let mut out = String::with_capacity(key.kind.len() + key.subject.len() + 64 + mentions);
    let _ = write!(out, "{} {}", key.kind, key.subject);
    if let Some(place) = key.place {
        let _ = write!(out, " in {place}");
    }
    if let Some(scope) = key.scope {
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
    use crate::time::DatePrecision;

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
            as_of_precision: Default::default(),
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

    /// A claim dated only by the month or year `first` starts (`published = "2023-09"`).
    fn coarse(doc: &str, value: f64, first: &str, precision: DatePrecision) -> Claim {
        Claim {
            as_of_precision: precision,
            ..claim(doc, value, first, None)
        }
    }

    #[test]
    fn a_month_never_conflicts_with_or_falls_from_a_day_inside_it() {
        let month = coarse("m", 100.0, "2023-09-01", DatePrecision::Month);
        // The same figure pinned to the month's first day would be a regression on the 15th.
        let first_day = claim("m", 100.0, "2023-09-01", None);
        let inside = claim("d", 50.0, "2023-09-15", None);
        assert_eq!(verdicts(&[first_day, inside.clone()]), vec!["regression"]);
        // As a month, the 15th may come before or after it: neither a conflict nor a regression.
        assert_eq!(verdicts(&[month.clone(), inside]), vec!["evolution"]);
        for day in ["2023-09-01", "2023-09-30"] {
            let edge = claim("d", 50.0, day, None);
            assert!(
                !verdicts(&[month.clone(), edge]).contains(&"conflict"),
                "{day}"
            );
        }
        // Two documents dated by the same month are not simultaneous either.
        let other_month = coarse("n", 50.0, "2023-09-01", DatePrecision::Month);
        let found = verdicts(&[month, other_month]);
        assert!(
            !found.contains(&"conflict") && !found.contains(&"regression"),
            "{found:?}"
        );
    }

    #[test]
    fn an_undated_figure_conflicts_with_each_of_two_documents_dated_by_one_month() {
        // Each month-dated document is its own slice, which the undated claim joins: two conflicts,
        // and their ids differ though the slices cover the same days.
        let a = coarse("ma", 9200.0, "2023-09-01", DatePrecision::Month);
        let b = coarse("mb", 20000.0, "2023-09-01", DatePrecision::Month);
        let undated = Claim {
            as_of: None,
            ..claim("und", 14000.0, "2023-09-01", None)
        };
        let rules = RuleSet::embedded().expect("embedded rules");
        let findings = compare_claims(&[], &[a, b, undated], &rules);
        let conflicts: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.verdict == Verdict::Conflict)
            .collect();
        assert_eq!(conflicts.len(), 2, "{findings:#?}");
        assert_ne!(conflicts[0].id, conflicts[1].id);
    }

    #[test]
    fn a_month_is_ordered_against_days_outside_it() {
        let month = coarse("m", 100.0, "2023-09-01", DatePrecision::Month);
        let after = claim("d", 50.0, "2023-10-01", None);
        assert_eq!(verdicts(&[month.clone(), after]), vec!["regression"]);
        let before = claim("d", 100.0, "2023-08-31", None);
        let month_lower = coarse("m", 50.0, "2023-09-01", DatePrecision::Month);
        assert_eq!(verdicts(&[before, month_lower]), vec!["regression"]);
        let year = coarse("y", 100.0, "2023-01-01", DatePrecision::Year);
        let december = claim("d", 50.0, "2023-12-31", None);
        assert_eq!(verdicts(&[year.clone(), december]), vec!["evolution"]);
        let next_year = claim("d", 50.0, "2024-01-01", None);
        assert_eq!(verdicts(&[year, next_year]), vec!["regression"]);
    }

    #[test]
    fn a_month_does_not_hide_a_fall_between_days_inside_it() {
        let month = coarse("m", 150.0, "2023-09-01", DatePrecision::Month);
        let early = claim("a", 120.0, "2023-09-02", None);
        let late = claim("b", 90.0, "2023-09-20", None);
        assert_eq!(verdicts(&[month, early, late]), vec!["regression"]);
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
    fn documents_are_numbered_in_id_order() {
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
            }
        }
    }

    fn findings(claims: &[Claim]) -> Vec<Finding> {
        let rules = RuleSet::embedded().expect("rules");
        compare_claims(&[], claims, &rules)
    }

    /// The figures each set of a finding names, as written.
    fn set_texts(f: &Finding, claims: &[Claim]) -> Vec<Vec<String>> {
        f.sets
            .iter()
            .map(|s| {
                s.claims
                    .iter()
                    .filter_map(|id| claims.iter().find(|c| &c.id == id))
                    .map(|c| c.quantity.text.clone())
                    .collect()
            })
            .collect()
    }

    /// `claim` with its own claim id (`doc:cN`).
    fn nth(doc: &str, n: usize, value: f64, date: &str) -> Claim {
        let mut c = claim(doc, value, date, None);
        c.id = format!("{doc}:c{n}");
        c
    }

    #[test]
    fn a_stray_low_figure_beside_the_earlier_toll_does_not_hide_the_regression() {
        // 115 from two sources, one of which also gives another fire's 85 that day; 97 a month later.
        let claims = vec![
            nth("a", 1, 115.0, "2023-08-21"),
            nth("a", 2, 85.0, "2023-08-21"),
            nth("b", 1, 115.0, "2023-08-22"),
            nth("c", 1, 97.0, "2023-09-15"),
        ];
        let found = findings(&claims);
        let verdicts: Vec<&str> = found.iter().map(|f| f.verdict.as_str()).collect();
        assert_eq!(verdicts, vec!["regression"], "{found:#?}");
        assert_eq!(
            set_texts(&found[0], &claims),
            vec![vec!["115".to_string()], vec!["97".to_string()]]
        );
    }

    #[test]
    fn a_stray_on_a_date_of_its_own_changes_its_date_only() {
        // A stray 85 on the first date, then 115, then 97: the fall from 115 is still a regression.
        let claims = vec![
            nth("s", 1, 85.0, "2023-08-10"),
            nth("a", 1, 115.0, "2023-08-21"),
            nth("c", 1, 97.0, "2023-09-15"),
        ];
        let found = findings(&claims);
        let regression: Vec<_> = found
            .iter()
            .filter(|f| f.verdict == Verdict::Regression)
            .collect();
        assert_eq!(regression.len(), 1, "{found:#?}");
        assert_eq!(
            set_texts(regression[0], &claims),
            vec![vec!["115".to_string()], vec!["97".to_string()]]
        );
        // A stray low figure between the toll and its revision joins the one regression.
        let claims = vec![
            nth("a", 1, 115.0, "2023-08-21"),
            nth("s", 1, 85.0, "2023-09-01"),
            nth("c", 1, 97.0, "2023-09-15"),
        ];
        let found = findings(&claims);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Verdict::Regression);
        assert_eq!(found[0].sets.len(), 3);
    }

    #[test]
    fn a_same_day_conflict_is_found_whatever_else_a_document_says() {
        // Document a also recalls an earlier toll within the window; b disagrees with a's current one.
        let claims = vec![
            nth("a", 1, 8754.0, "2023-02-09"),
            nth("a", 2, 3419.0, "2023-02-07"),
            nth("b", 1, 12391.0, "2023-02-09"),
        ];
        let found = findings(&claims);
        let verdicts: Vec<&str> = found.iter().map(|f| f.verdict.as_str()).collect();
        assert_eq!(verdicts, vec!["conflict"], "{found:#?}");
        // A document agreeing with one of another's two figures is no conflict between them.
        let claims = vec![
            nth("a", 1, 100.0, "2023-02-09"),
            nth("a", 2, 200.0, "2023-02-09"),
            nth("b", 1, 200.0, "2023-02-09"),
        ];
        assert!(findings(&claims).is_empty());
        // Two documents each with two figures, all four apart: a conflict.
        let claims = vec![
            nth("a", 1, 100.0, "2023-02-09"),
            nth("a", 2, 200.0, "2023-02-09"),
            nth("b", 1, 300.0, "2023-02-09"),
            nth("b", 2, 400.0, "2023-02-09"),
        ];
        assert_eq!(findings(&claims).len(), 1);
    }

    #[test]
    fn two_figures_of_one_article_then_a_higher_one_the_next_day_is_evolution() {
        // One article gives 22 and 24 (two counts) on the 15th; another gives 100 on the 16th.
        let claims = vec![
            nth("a", 1, 22.0, "2017-04-15"),
            nth("a", 2, 24.0, "2017-04-15"),
            nth("b", 1, 100.0, "2017-04-16"),
        ];
        let verdicts: Vec<Verdict> = findings(&claims).iter().map(|f| f.verdict).collect();
        assert_eq!(verdicts, vec![Verdict::Evolution]);
        // Two sources disagreeing on the 15th, then 100 on the 16th: the disagreement stays a conflict.
        let claims = vec![
            nth("a", 1, 22.0, "2017-04-15"),
            nth("c", 1, 24.0, "2017-04-15"),
            nth("b", 1, 100.0, "2017-04-16"),
        ];
        let verdicts: Vec<Verdict> = findings(&claims).iter().map(|f| f.verdict).collect();
        assert_eq!(verdicts, vec![Verdict::Conflict]);
        // One article's two figures and another source agreeing with one of them, all on one day: no
        // step forward in time, so no evolution; the sources do not disagree either.
        let claims = vec![
            nth("a", 1, 22.0, "2017-04-15"),
            nth("a", 2, 24.0, "2017-04-15"),
            nth("b", 1, 24.0, "2017-04-15"),
        ];
        assert!(findings(&claims).is_empty());
    }

    #[test]
    fn finding_ids_do_not_depend_on_the_documents_in_them() {
        let base = vec![
            nth("a", 1, 9200.0, "2023-11-09"),
            nth("b", 1, 10800.0, "2023-11-09"),
            nth("c", 1, 1400.0, "2023-10-20"),
        ];
        let ids = |claims: &[Claim]| -> BTreeSet<String> {
            findings(claims).into_iter().map(|f| f.id).collect()
        };
        let before = ids(&base);
        assert_eq!(before.len(), 2, "{:#?}", findings(&base));
        // Another source for one side, the same day; another on a later date; a new document id order.
        let mut more = base.clone();
        more.push(nth("0-new", 1, 9200.0, "2023-11-09"));
        more.push(nth("z", 1, 10900.0, "2023-11-30"));
        let after = ids(&more);
        assert!(before.is_subset(&after), "{before:?} {after:?}");
        // A changed verdict gives a new id.
        let mut disputed = base.clone();
        disputed[0].attribution.party = Some("gaza-authorities".into());
        disputed[1].attribution.party = Some("israel".into());
        assert_ne!(ids(&disputed), before);
    }

    #[test]
    fn agreement_sets_have_low_best_high_in_order() {
        // Bests 100 ("more than 100"), 110 ("at least 110"), 120 ("about 120", [114, 126]): the median
        // best, 110, lies outside what the set allows, [114, 126].
        let mut more = claim("a", 100.0, "2023-11-01", None);
        more.quantity.hi = None;
        let mut least = claim("b", 110.0, "2023-11-01", None);
        least.quantity.hi = None;
        let mut about = claim("c", 120.0, "2023-11-01", None);
        about.quantity.lo = Some(114.0);
        about.quantity.hi = Some(126.0);
        let far = claim("d", 500.0, "2023-11-01", None);
        let found = findings(&[more, least, about, far]);
        assert!(!found.is_empty());
        for f in &found {
            for s in &f.sets {
                let (lo, best, hi) = (
                    s.low.unwrap_or(f64::MIN),
                    s.best,
                    s.high.unwrap_or(f64::MAX),
                );
                let best = best.expect("a best figure");
                assert!(lo <= best && best <= hi, "{s:?}");
            }
        }
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
