//! Quotes, speakers and the sources of figures. For one document this stage finds every direct quote
//! (`marks`), joins a quote interrupted by its attribution, finds who speaks (`grammar`: right after the
//! quote, before it with a colon, by the nearest verb before it, or in its sentence), resolves the
//! speaker through the entity table (`resolve`: titles, anonymous sources, surnames, pronouns, "the
//! movement"), notes the channel, and gives every sentence the source its figures are attributed to,
//! clause by clause where a sentence joins the outlet's own voice and a source's (`voice`). It reads
//! the document and the sentences given by `segment`; it does not compare documents (see `quotes`).
mod grammar;
mod marks;
mod resolve;
mod voice;

pub use resolve::{is_unnamed, reference, Reference};

use crate::entity::{fold, EntityTable};
use crate::model::{Attribution, Channel, Document, Quote};
use crate::segment::{LineIndex, Sentence};
use grammar::Found;
use marks::Marked;
use resolve::Resolver;
use std::collections::{BTreeMap, BTreeSet};

/// What attribution analysis found in one document: its quotes, and per sentence who is speaking.
#[derive(Debug, Clone, Default)]
pub struct DocumentAttribution {
    /// Direct quotes in document order, ids `<doc>:q<n>`.
    pub quotes: Vec<Quote>,
    /// For each sentence (same order as given), the source its figures are attributed to.
    pub sources: Vec<Attribution>,
    /// For each sentence, its clauses' sources when they differ from clause to clause (empty when the
    /// sentence's source holds throughout): `(start, source)` in text order, each clause running to
    /// the next one's start. See [`DocumentAttribution::source_at`].
    pub clauses: Vec<Vec<(usize, Attribution)>>,
}

impl DocumentAttribution {
    /// The source of a figure at byte `offset` (file coordinates) of sentence `sentence`: its clause's
    /// source, else the sentence's.
    pub fn source_at(&self, sentence: usize, offset: usize) -> Attribution {
        let Some(clauses) = self.clauses.get(sentence).filter(|c| !c.is_empty()) else {
            return self.sources.get(sentence).cloned().unwrap_or_default();
        };
        let k = clauses.partition_point(|(start, _)| *start <= offset);
        clauses[k.saturating_sub(1)].1.clone()
    }
}

/// A quote being analysed: its marked parts (more than one when interrupted by its attribution).
struct Pending {
    parts: Vec<Marked>,
    sentence: usize,
    speaker: Attribution,
    channel: Channel,
    /// True when the speaker was only carried over from the previous quote.
    inherited: bool,
}

/// Finds the quotes of `doc` and the source of each sentence. `sentences` are in file coordinates and
/// exclude site chrome. A quote repeated in one document (a headline restating the body) is reported
/// once, at its best-attributed occurrence.
pub fn analyse(
    doc: &Document,
    sentences: &[Sentence],
    entities: &EntityTable,
) -> DocumentAttribution {
    let text = doc.text.as_str();
    let marked = find_marks(text, sentences);
    let masked = mask(text, &marked);
    let mut pending: Vec<Pending> = join_interrupted(text, &marked)
        .into_iter()
        .map(|parts| Pending {
            sentence: sentence_at(sentences, parts[0].open),
            parts,
            speaker: Attribution::default(),
            channel: Channel::Unknown,
            inherited: false,
        })
        .collect();
    let mut resolver = Resolver::new(text, sentences, entities);
    let mut sources = vec![Attribution::default(); sentences.len()];
    let mut clauses = vec![Vec::new(); sentences.len()];
    let mut next = 0;
    for (si, s) in sentences.iter().enumerate() {
        while next < pending.len() && pending[next].sentence <= si {
            speak(
                &mut pending[next],
                text,
                &masked,
                sentences,
                &marked,
                &mut resolver,
            );
            next += 1;
        }
        sources[si] = sentence_source(si, s, &masked, &pending, &mut resolver);
        if !pending.iter().any(|q| covers(q, s)) {
            clauses[si] = clause_sources(si, s, &masked, &sources[si], &mut resolver);
        }
    }
    while next < pending.len() {
        speak(
            &mut pending[next],
            text,
            &masked,
            sentences,
            &marked,
            &mut resolver,
        );
        next += 1;
    }
    carry_back_multi_paragraph(&mut pending, sentences);
    for (si, s) in sentences.iter().enumerate() {
        if let Some(q) = pending.iter().find(|q| covers(q, s)) {
            sources[si] = q.speaker.clone();
            clauses[si].clear();
        }
    }
    DocumentAttribution {
        quotes: finish(doc, pending),
        sources,
        clauses,
    }
}

/// A quote left open at the end of its paragraph and continued by a quote opening the next paragraph
/// (`“First paragraph.` / `“Second paragraph,” he said.`) takes the continuation's speaker when it had
/// none of its own.
fn carry_back_multi_paragraph(pending: &mut [Pending], sentences: &[Sentence]) {
    for i in (0..pending.len().saturating_sub(1)).rev() {
        let open_ended = pending[i].parts.last().is_some_and(|p| !p.closed);
        let own = !pending[i].speaker.is_empty() && !pending[i].inherited;
        let next = &pending[i + 1];
        let next_starts_paragraph = sentences.get(next.sentence).is_some_and(|s| {
            next.parts[0].open == s.start
                && sentences.get(pending[i].sentence).map(|p| p.paragraph + 1) == Some(s.paragraph)
        });
        if open_ended && !own && next_starts_paragraph && !next.speaker.is_empty() {
            pending[i].speaker = pending[i + 1].speaker.clone();
            pending[i].channel = pending[i + 1].channel;
            pending[i].inherited = false;
        }
    }
}

/// True when sentence `s` lies inside one of the quote's parts.
fn covers(q: &Pending, s: &Sentence) -> bool {
    q.parts
        .iter()
        .any(|p| p.open <= s.start && s.end <= p.close_end)
}

fn find_marks(text: &str, sentences: &[Sentence]) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let p = sentences[i].paragraph;
        let mut j = i;
        while j + 1 < sentences.len() && sentences[j + 1].paragraph == p {
            j += 1;
        }
        out.extend(marks::find(text, sentences[i].start..sentences[j].end));
        i = j + 1;
    }
    out
}

/// The text with every quote's inside blanked (same byte length), so that speech verbs inside quotes
/// are never taken for attributions.
fn mask(text: &str, marked: &[Marked]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in marked {
        for b in bytes.iter_mut().take(m.inner_end).skip(m.inner_start) {
            *b = b' ';
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Groups `“We are close,” he said, “but not there.”` into one quote of two parts.
fn join_interrupted(text: &str, marked: &[Marked]) -> Vec<Vec<Marked>> {
    let mut out: Vec<Vec<Marked>> = Vec::new();
    for m in marked {
        if let Some(last) = out.last_mut() {
            let prev = last[last.len() - 1];
            if interrupted(text, &prev, m) {
                last.push(*m);
                continue;
            }
        }
        out.push(vec![*m]);
    }
    out
}

fn interrupted(text: &str, a: &Marked, b: &Marked) -> bool {
    let Some(gap) = text.get(a.close_end..b.open) else {
        return false;
    };
    let inner = text.get(a.inner_start..a.inner_end).unwrap_or("");
    let gap_t = gap.trim();
    let comma_before = inner.ends_with(',') || gap_t.starts_with(',');
    let toks = grammar::tokenize(text, a.close_end..b.open);
    gap.len() <= 120
        && comma_before
        && gap_t.ends_with(',')
        && !gap.contains(['.', '!', '?', '\n'])
        && (0..toks.len()).any(|i| grammar::speech_verb(&toks, i) > 0)
}

/// Byte offset where the paragraph of sentence `si` ends.
fn paragraph_end(sentences: &[Sentence], si: usize) -> usize {
    let Some(s) = sentences.get(si) else { return 0 };
    sentences[si..]
        .iter()
        .take_while(|x| x.paragraph == s.paragraph)
        .last()
        .map_or(s.end, |x| x.end)
}

/// Index of the sentence holding byte `pos` (the last one starting at or before it).
fn sentence_at(sentences: &[Sentence], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

/// Finds and resolves the speaker and channel of one quote.
fn speak(
    q: &mut Pending,
    text: &str,
    masked: &str,
    sentences: &[Sentence],
    marked: &[Marked],
    r: &mut Resolver,
) {
    let Some(first) = q.parts.first().copied() else {
        return;
    };
    let Some(last) = q.parts.last().copied() else {
        return;
    };
    let s_open = q.sentence;
    let s_close = sentence_at(sentences, last.close_end.saturating_sub(1).max(first.open));
    let (Some(so), Some(sc)) = (sentences.get(s_open), sentences.get(s_close)) else {
        return;
    };
    let next_open = marked
        .iter()
        .map(|m| m.open)
        .find(|&o| o >= last.close_end)
        .unwrap_or(usize::MAX);
    let after_range = if q.parts.len() > 1 {
        first.close_end..q.parts[1].open
    } else {
        // When the sentence goes on after the mark, up to the paragraph end: `after_quote` only takes
        // a speaker right after the mark, and the splitter may have cut a title ("Rear Adm. Daniel
        // Hagari said"). When the sentence ends with the mark, nothing after it speaks for it.
        let end = if sc.end > last.close_end {
            paragraph_end(sentences, s_close)
        } else {
            last.close_end
        };
        last.close_end..end.min(next_open).max(last.close_end)
    };
    let prev_close = marked
        .iter()
        .map(|m| m.close_end)
        .filter(|&c| c <= first.open)
        .max()
        .unwrap_or(0);
    let before_range = so.start.max(prev_close).min(first.open)..first.open;

    let after = grammar::tokenize(text, after_range.clone());
    let before = grammar::tokenize(text, before_range.clone());
    let found = grammar::after_quote(&after)
        .map(|f| (f, s_close))
        .or_else(|| grammar::before_quote(&before).map(|f| (f, s_open)))
        .or_else(|| near_quote(text, masked, so, &before).map(|f| (f, s_open)))
        .or_else(|| in_sentence(masked, so).map(|f| (f, s_open)))
        .or_else(|| {
            (s_close != s_open)
                .then(|| in_sentence(masked, sc).map(|f| (f, s_close)))
                .flatten()
        });
    let context_range = so.start..sc.end.max(last.close_end.min(masked.len()));
    let mut context = masked.get(context_range).unwrap_or("").to_string();
    if q.parts.len() > 1 {
        context.push(' ');
        context.push_str(text.get(after_range).unwrap_or(""));
    }
    q.channel = grammar::channel(&context);
    q.speaker = match found {
        Some((f, si)) => {
            let words = text.get(f.np.clone()).unwrap_or("");
            let attribution = r.resolve(words, f.np.start, si);
            if f.form == grammar::Form::Relay {
                q.channel = relay_channel(q.channel);
            }
            attribution
        }
        None if standalone(q, so, sc) => {
            q.inherited = true;
            r.continuing(first.open, s_open)
        }
        None => Attribution::default(),
    };
}

/// An outlet quoting someone is an interview unless the words say otherwise.
fn relay_channel(c: Channel) -> Channel {
    match c {
        Channel::Unknown => Channel::Interview,
        other => other,
    }
}

/// The speaker of the nearest verb before a quote (see [`grammar::near_quote`]); a pronoun there
/// stands for the sentence's own earlier speaker when it has one (`Y quoted X as saying …, but he
/// added that “…”` → X).
fn near_quote(text: &str, masked: &str, so: &Sentence, before: &[grammar::Tok]) -> Option<Found> {
    let near = grammar::near_quote(before)?;
    let words = text.get(near.np.clone()).unwrap_or("");
    if reference(words) == Reference::Pronoun {
        if let Some(earlier) = in_sentence(masked, so).filter(|f| {
            f.np.end <= near.np.start
                && reference(text.get(f.np.clone()).unwrap_or("")) != Reference::Pronoun
        }) {
            return Some(earlier);
        }
    }
    Some(near)
}

fn in_sentence(masked: &str, s: &Sentence) -> Option<Found> {
    let toks = grammar::tokenize(masked, s.start..s.end);
    grammar::in_sentence(&toks)
}

/// True when the quote makes up (nearly) all of its sentences: a quoted paragraph continuing a speaker.
fn standalone(q: &Pending, so: &Sentence, sc: &Sentence) -> bool {
    let quoted: usize = q
        .parts
        .iter()
        .map(|p| p.inner_end.saturating_sub(p.inner_start))
        .sum();
    let span = sc.end.saturating_sub(so.start).max(1);
    quoted * 10 >= span * 8
}

/// The source of sentence `si`: the sentence's own attribution, else the speaker of a quote that covers
/// or starts in it.
fn sentence_source(
    si: usize,
    s: &Sentence,
    masked: &str,
    pending: &[Pending],
    r: &mut Resolver,
) -> Attribution {
    let inside = pending.iter().find(|q| covers(q, s));
    if let Some(q) = inside {
        return q.speaker.clone();
    }
    if let Some(f) = in_sentence(masked, s) {
        let words = masked.get(f.np.clone()).unwrap_or("");
        return r.resolve(words, f.np.start, si);
    }
    pending
        .iter()
        .find(|q| q.sentence == si && !q.speaker.is_empty())
        .map(|q| q.speaker.clone())
        .unwrap_or_default()
}

/// The sources of the clauses of sentence `si` when they differ (see `voice`), given the sentence's
/// own source `whole`; empty when the sentence has one clause, no attribution of its own, or one
/// source throughout.
fn clause_sources(
    si: usize,
    s: &Sentence,
    masked: &str,
    whole: &Attribution,
    r: &mut Resolver,
) -> Vec<(usize, Attribution)> {
    let toks = grammar::tokenize(masked, s.start..s.end);
    let spans = voice::clauses(&toks);
    if spans.len() < 2 {
        return Vec::new();
    }
    let Some(sentence_found) = grammar::in_sentence(&toks) else {
        return Vec::new();
    };
    let found = voice::found_per_clause(&toks, &spans);
    let forms: Vec<_> = found.iter().map(|f| f.as_ref().map(|f| f.form)).collect();
    let opens: Vec<bool> = spans
        .iter()
        .map(|c| voice::starts_with_quote(&toks[c.clone()]))
        .collect();
    let closed: Vec<bool> = spans
        .iter()
        .map(|c| voice::ends_with_quote(&toks[c.clone()]))
        .collect();
    let own: Vec<Attribution> = found
        .iter()
        .map(|f| match f {
            Some(f) if f.np == sentence_found.np => whole.clone(),
            Some(f) => r.resolve(masked.get(f.np.clone()).unwrap_or(""), f.np.start, si),
            None => Attribution::default(),
        })
        .collect();
    let out: Vec<(usize, Attribution)> = voice::reach(&forms, &opens, &closed)
        .into_iter()
        .zip(&spans)
        .map(|(from, c)| {
            let source = from.map(|j| own[j].clone()).unwrap_or_default();
            (toks[c.start].start, source)
        })
        .collect();
    if out.iter().all(|(_, a)| a == whole) {
        Vec::new()
    } else {
        out
    }
}

/// Builds the quotes: text of the parts, one quote per distinct text, ids in document order.
fn finish(doc: &Document, pending: Vec<Pending>) -> Vec<Quote> {
    let text = doc.text.as_str();
    let mut best: BTreeMap<String, (i32, usize)> = BTreeMap::new();
    let built: Vec<(String, &Pending)> = pending
        .iter()
        .map(|q| (quote_text(text, &q.parts), q))
        .collect();
    for (i, (t, q)) in built.iter().enumerate() {
        let key = fold(t);
        let score = rank(&q.speaker);
        let e = best.entry(key).or_insert((score, i));
        if score > e.0 {
            *e = (score, i);
        }
    }
    let keep: BTreeSet<usize> = best.values().map(|&(_, i)| i).collect();
    let index = LineIndex::new(text);
    built
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, q)| q)
        .enumerate()
        .map(|(n, (t, q))| {
            let p = q.parts[0];
            Quote {
                id: format!("{}:q{}", doc.id, n + 1),
                doc: doc.id.clone(),
                text: t,
                speaker: q.speaker.clone(),
                channel: q.channel,
                span: index.span(text, p.inner_start, p.inner_end),
            }
        })
        .collect()
}

/// How well a speaker is known: a person beats an organisation beats words beats nothing.
fn rank(a: &Attribution) -> i32 {
    let unnamed = a.as_written.as_deref().is_none_or(is_unnamed);
    match (&a.entity, a.as_written.is_some()) {
        (Some(_), _) if !unnamed => 4,
        (Some(_), _) => 3,
        (None, true) if !unnamed => 2,
        (None, true) => 1,
        (None, false) => 0,
    }
}

fn quote_text(text: &str, parts: &[Marked]) -> String {
    let joined: Vec<String> = parts
        .iter()
        .map(|p| {
            let inner = text.get(p.inner_start..p.inner_end).unwrap_or("");
            inner.trim().trim_end_matches(',').trim_end().to_string()
        })
        .collect();
    joined
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
