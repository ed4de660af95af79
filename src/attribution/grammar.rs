//! The attribution grammar: finds who is speaking in a stretch of text, by words rather than by regex over
//! whole sentences. It knows speech verbs (`said`, `told`, `stressed`, `pointed out` …), subject noun
//! phrases before them (`Hamas leader Ismail Haniyeh said`), inverted ones after them (`, said John
//! Kirby`), relays (`X quoted Y as saying`, `citing Y`, `according to Y`), and the channel words
//! (statement, interview, briefing, social network). It returns byte ranges of the speaker's words; it
//! does not resolve them to entities (see `resolve`).

use crate::lexicon;
use crate::model::Channel;
use std::ops::Range;

/// A token of text: a word or one punctuation character, with its byte span in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The token lower-cased, curly apostrophes made straight.
    pub lower: String,
    /// True for words, false for punctuation.
    pub word: bool,
    /// True when the word starts with an upper-case letter.
    pub cap: bool,
}

/// How the speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `X said`.
    Subject,
    /// `said X`.
    Inverted,
    /// `quoted X as saying`, `citing X`, `X was quoted as saying`.
    Relay,
    /// `according to X`.
    According,
}

/// A speaker found in text: the byte range of its words and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the speaker's words in the document.
    pub np: Range<usize>,
    /// The grammatical form.
    pub form: Form,
}

/// Verbs of saying, in the forms used for attribution.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stressed",
    "stresses",
    "warned",
    "warns",
    "noted",
    "insisted",
    "insists",
    "confirmed",
    "confirms",
    "indicated",
    "indicates",
    "responded",
    "responds",
    "replied",
    "replies",
    "reported",
    "highlighted",
    "highlights",
    "affirmed",
    "affirms",
    "declared",
    "declares",
    "stated",
    "announced",
    "announces",
    "explained",
    "explains",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "asserted",
    "asserts",
    "claimed",
    "argued",
    "argues",
    "acknowledged",
    "admitted",
    "revealed",
    "reveals",
    "wrote",
    "writes",
    "tweeted",
    "continued",
    "concluded",
    "assured",
    "assures",
    "vowed",
    "vows",
    "pledged",
    "urged",
    "urges",
    "denied",
    "denies",
    "maintained",
    "reiterated",
    "reiterates",
    "underlined",
    "underscored",
    "commented",
    "remarked",
    "mentioned",
    "disclosed",
    "alleged",
    "estimated",
    "predicted",
    "suggested",
    "assumed",
    "cautioned",
    "complained",
    "observed",
    "recalled",
    "recounted",
    "conceded",
    "hinted",
    "charged",
    "countered",
    "retorted",
    "shouted",
    "announcing",
    "adding",
    "saying",
    "telling",
    "stressing",
    "warning",
    "noting",
    "insisting",
    "confirmed",
    "posted",
    "informed",
    "stating",
    "declaring",
];

/// Participles that continue a clause rather than start one ("…, adding that").
const PARTICIPLES: &[&str] = &[
    "announcing",
    "adding",
    "saying",
    "telling",
    "stressing",
    "warning",
    "noting",
    "insisting",
    "stating",
    "declaring",
];

/// Verbs that speak only right after a closing quote mark, where they cannot be a noun
/// (`,” reports the ministry`; elsewhere "reports" is mostly the noun: "Media reports said").
const INVERTED_ONLY: &[&str] = &["reports", "reporting"];

/// Verbs that put a quote in the subject's mouth by characterising something with it: `X called the
/// attacks “outrageous”`, `X described the storm as “historic”`. They speak only for a quote in
/// their own clause, never for a whole sentence ("called for a truce").
const CHARACTERISING: &[&str] = &[
    "called",
    "calls",
    "described",
    "describes",
    "termed",
    "terms",
    "dubbed",
    "labelled",
    "labeled",
    "branded",
    "hailed",
    "condemned",
    "denounced",
];

/// Irregular past forms that can be a clause's main verb (besides words in -ed and speech verbs), for
/// finding the subject a participle clause ("…, saying “…”") hangs on.
const IRREGULAR_PAST: &[&str] = &[
    "spoke", "wrote", "gave", "took", "made", "met", "held", "sent", "went", "came", "led", "left",
    "won", "lost", "kept", "put", "set", "struck", "thanked", "hit", "sought", "brought", "threw",
    "began", "saw", "read", "paid", "stood", "felt", "knew", "drew", "rose", "shook",
];

/// Words that end a subject noun phrase when walking back from the verb.
const STOP_BACK: &[&str] = &[
    "that", "and", "but", "or", "nor", "while", "as", "when", "whereas", "after", "before",
    "which", "who", "whom", "whose", "because", "if", "since", "though", "although", "where", "so",
    "than", "is", "are", "was", "were", "will", "would", "can", "could", "may", "might", "should",
    "must", "do", "does", "did", "to", "not", "what", "how", "why", "this", "these", "those",
    "once", "until", "unless", "whether", "even", "yet", "also", "has", "have", "had", "been",
    "being", "be", "there", "here", "then",
];

/// Adverbs and auxiliaries that may stand between a subject and its verb.
const BETWEEN: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "later",
    "earlier",
    "reportedly",
    "previously",
    "then",
    "again",
    "further",
    "repeatedly",
    "recently",
    "already",
    "publicly",
    "separately",
    "once",
    "had also",
];

/// Titles abbreviated with a full stop before a name.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "adm", "gen", "lt", "col", "maj", "capt", "sgt", "dr", "mr", "mrs", "ms", "rep", "sen", "gov",
    "brig", "cmdr", "prof", "rev", "amb", "pres", "st",
];

/// Verbs whose object is the one spoken to, never the speaker ("told Reuters").
const ADDRESSED: &[&str] = &[
    "told", "tells", "tell", "informed", "assured", "assures", "urged", "urges",
];

const PASSIVE: &[&str] = &["was", "were", "is", "are", "been", "be", "being"];

/// Words at the start of a subject that belong to the sentence, not the speaker.
const INTRO: &[&str] = &[
    "meanwhile",
    "however",
    "earlier",
    "later",
    "separately",
    "also",
    "but",
    "and",
    "then",
    "now",
    "today",
    "yesterday",
    "tonight",
    "although",
    "though",
    "while",
    "still",
    "moreover",
    "furthermore",
    "indeed",
    "thus",
    "so",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "since",
    "by",
    "from",
    "for",
    "last",
    "this",
    "early",
    "late",
];

/// True for a word of time that follows an introductory preposition ("On Sunday", "in the morning",
/// "in Nov."): a month name or abbreviation, a weekday name, or one of [`TIME_WORDS`].
fn time_word(t: &Tok) -> bool {
    has(TIME_WORDS, t)
        || lexicon::WEEKDAY_NAMES.contains(&t.lower.as_str())
        || lexicon::month(&t.lower).is_some()
}

/// Words of time besides months and weekday names ("in the morning").
const TIME_WORDS: &[&str] = &[
    "the",
    "same",
    "day",
    "morning",
    "evening",
    "night",
    "afternoon",
    "week",
    "weekend",
    "month",
    "year",
    "last",
    "this",
    "next",
    "early",
    "late",
    "turn",
    "addition",
    "meantime",
    "time",
    "its",
    "his",
    "her",
    "their",
    "part",
    "a",
    "an",
    "statement",
    "interview",
    "response",
    "return",
];

const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "from", "for", "with", "of", "during", "after", "before", "to", "via", "by",
    "over", "about", "near", "under", "inside", "within", "across",
];

/// Nouns of the channel rather than the speaker ("said in a statement").
const CHANNEL_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "interview",
    "message",
    "conference",
    "briefing",
    "post",
    "video",
    "speech",
    "address",
    "tweet",
    "letter",
    "call",
    "meeting",
    "press",
    "television",
    "televised",
    "radio",
    "remarks",
    "comments",
    "telegram",
    "x",
    "twitter",
    "facebook",
    "instagram",
    "channel",
    "website",
    "communique",
    "communiqué",
];

/// Words that do not make a capitalised name by themselves.
const FUNCTION: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "of", "in", "on", "at", "for", "with",
    "from", "and", "to", "by",
];

/// Splits `text[range]` into tokens with document offsets. Dotted abbreviations (`U.S.`) are one word.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Tok> {
    let Some(body) = text.get(range.clone()) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = body
        .char_indices()
        .map(|(o, c)| (o + range.start, c))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !is_word_char(c) || matches!(c, '\'' | '’' | '-') && !next_is_word(&chars, i) {
            let end = off + c.len_utf8();
            out.push(tok(text, off, end, false));
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_word_char(chars[j].1) {
            j += 1;
        }
        // Dotted abbreviation: U.S., U.N.
        while j + 1 < chars.len()
            && chars[j].1 == '.'
            && chars[j + 1].1.is_uppercase()
            && j - i <= 2
        {
            let mut k = j + 1;
            while k < chars.len() && chars[k].1.is_alphabetic() {
                k += 1;
            }
            if k - (j + 1) > 2 {
                break;
            }
            j = if k < chars.len() && chars[k].1 == '.' {
                k + 1
            } else {
                k
            };
        }
        // Trailing apostrophes and hyphens are punctuation, except a plural possessive ("Hamas'").
        while j > i + 1 && matches!(chars[j - 1].1, '\'' | '’' | '-') {
            let possessive = chars[j - 1].1 != '-'
                && chars[j - 2].1 == 's'
                && chars.get(j).is_some_and(|&(_, c)| c == ' ')
                && chars.get(j + 1).is_some_and(|&(_, c)| c.is_lowercase());
            if possessive {
                break;
            }
            j -= 1;
        }
        // A title abbreviation keeps its full stop ("Rear Adm. Daniel Hagari").
        if chars.get(j).is_some_and(|&(_, c)| c == '.') {
            let word: String = chars[i..j]
                .iter()
                .map(|&(_, c)| c)
                .collect::<String>()
                .to_lowercase();
            if TITLE_ABBREVIATIONS.contains(&word.as_str()) {
                j += 1;
            }
        }
        let end = chars.get(j).map(|&(o, _)| o).unwrap_or(range.end);
        out.push(tok(text, off, end, true));
        i = j;
    }
    out
}

fn next_is_word(chars: &[(usize, char)], i: usize) -> bool {
    chars.get(i + 1).is_some_and(|&(_, c)| c.is_alphanumeric())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
}

fn tok(text: &str, start: usize, end: usize, word: bool) -> Tok {
    let raw = text.get(start..end).unwrap_or("");
    Tok {
        start,
        end,
        lower: raw.to_lowercase().replace('’', "'"),
        word,
        cap: word && raw.chars().next().is_some_and(char::is_uppercase),
    }
}

/// How many tokens from `i` form a speech verb (0 when none): `said`, `pointed out`.
pub fn speech_verb(toks: &[Tok], i: usize) -> usize {
    let Some(t) = toks.get(i) else { return 0 };
    if !t.word {
        return 0;
    }
    if matches!(t.lower.as_str(), "pointed" | "points" | "spelled" | "laid")
        && toks.get(i + 1).is_some_and(|n| n.lower == "out")
    {
        return 2;
    }
    if SPEECH_VERBS.contains(&t.lower.as_str()) {
        1
    } else {
        0
    }
}

fn has(list: &[&str], t: &Tok) -> bool {
    list.contains(&t.lower.as_str())
}

fn is_punct(t: &Tok, set: &[char]) -> bool {
    !t.word && t.lower.chars().next().is_some_and(|c| set.contains(&c))
}

/// True for a quotation mark (straight, curly, guillemet or low-9).
pub fn is_quote_mark(t: &Tok) -> bool {
    is_punct(t, &['"', '“', '”', '«', '»', '„', '\'', '‘', '’'])
}

/// The subject noun phrase that ends just before token `v` (a speech verb), walking back to a clause
/// boundary; skips adverbs and a relative clause (`The leader, who is visiting Moscow, said`).
pub fn subject_before(toks: &[Tok], v: usize, floor: usize) -> Option<Range<usize>> {
    let mut j = v;
    while j > floor && toks[j - 1].word && has(BETWEEN, &toks[j - 1]) {
        j -= 1;
    }
    if j > floor && has(PASSIVE, &toks[j - 1]) {
        return None;
    }
    let mut end = j;
    if j > floor && is_punct(&toks[j - 1], &[',']) {
        if let Some(open) = skip_relative_clause(toks, j - 1, floor) {
            j = open;
            end = open;
        } else {
            // "The Observatory's chief, Rami Abdurrahman, told": keep the name with its title.
            let open = appositive_before(toks, j - 1, floor)?;
            end = j - 1;
            j = open;
        }
    }
    let mut i = j;
    let mut count = 0;
    while i > floor && count < 14 {
        let t = &toks[i - 1];
        if !t.word {
            if is_punct(t, &[')']) {
                // Skip a parenthesis: "Hamas (Islamic Resistance Movement)".
                match toks[floor..i - 1].iter().rposition(|x| is_punct(x, &['('])) {
                    Some(p) => {
                        i = floor + p;
                        continue;
                    }
                    None => break,
                }
            }
            break;
        }
        if has(STOP_BACK, t) || speech_verb(toks, i - 1) > 0 {
            break;
        }
        i -= 1;
        count += 1;
    }
    let start = trim_intro(toks, i, end);
    valid_np(toks, start, end).then_some(start..end)
}

/// Index of the comma opening a relative clause that ends at comma `comma`, if there is one.
/// The comma opening `, Rami Abdurrahman,` when the words between it and comma `comma` are a name.
fn appositive_before(toks: &[Tok], comma: usize, floor: usize) -> Option<usize> {
    let lo = comma.saturating_sub(7).max(floor);
    let open = toks[lo..comma].iter().rposition(|t| is_punct(t, &[',']))? + lo;
    let name = &toks[open + 1..comma];
    let is_name = !name.is_empty()
        && name.len() <= 5
        && name.first().is_some_and(|t| t.cap)
        && name
            .iter()
            .all(|t| t.word && (t.cap || is_name_particle(t)));
    is_name.then_some(open)
}

/// "al", "bin", or a name glued to its article ("al-Qidra").
fn is_name_particle(t: &Tok) -> bool {
    has(NAME_PARTICLES, t)
        || NAME_PARTICLES.iter().any(|p| {
            t.lower
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('-') && rest.len() > 2)
        })
}

const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "el", "de", "abu", "von", "der", "van", "da", "di",
];

fn skip_relative_clause(toks: &[Tok], comma: usize, floor: usize) -> Option<usize> {
    let lo = comma.saturating_sub(25).max(floor);
    let open = toks[lo..comma].iter().rposition(|t| is_punct(t, &[',']))? + lo;
    let first = toks.get(open + 1)?;
    // "Jane Roe, 62, said": an age; "Jane Roe, a farmer in the valley, said": a description.
    let age = open + 2 == comma && first.lower.chars().all(|c| c.is_ascii_digit());
    let description = matches!(first.lower.as_str(), "a" | "an")
        && open > floor
        && toks[open - 1].cap
        && toks[open - 1].word;
    if matches!(
        first.lower.as_str(),
        "who" | "which" | "whose" | "whom" | "based" | "speaking" | "currently"
    ) || first.lower.ends_with("-based")
        || age
        || description
    {
        Some(open)
    } else {
        None
    }
}

fn trim_intro(toks: &[Tok], mut i: usize, end: usize) -> usize {
    const TIMELY: &[&str] = &["last", "this", "next", "early", "late", "earlier", "later"];
    while i < end && has(INTRO, &toks[i]) && end - i > 1 {
        let skip_time = has(PREPOSITIONS, &toks[i]) || has(TIMELY, &toks[i]);
        i += 1;
        if skip_time {
            while i + 1 < end && is_time_word(toks, i) {
                i += 1;
            }
        }
    }
    i
}

/// A word of a time phrase; a determiner only when a time word follows it ("the same day").
fn is_time_word(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.lower.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if !time_word(t) {
        return false;
    }
    if matches!(
        t.lower.as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this" | "last" | "next"
    ) {
        return toks
            .get(i + 1)
            .is_some_and(|n| time_word(n) && !has(FUNCTION, n));
    }
    true
}

/// True for a word that cannot end a speaker's name: one of [`DAYS_MONTHS`], or a month written in
/// full other than "may" (a modal verb: "said Hamas may…"); abbreviations are not, since "Jan" is
/// also a first name.
fn is_day_or_month(t: &Tok) -> bool {
    has(DAYS_MONTHS, t) || lexicon::month_name(&t.lower).is_some_and(|m| m != 5)
}

/// Weekdays and other words that cannot end a speaker's name (months: [`is_day_or_month`]).
const DAYS_MONTHS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "later",
    "last",
    "this",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "to",
    "on",
    "it",
    "he",
    "she",
    "they",
    "we",
    "of",
    "late",
    "early",
    "again",
    "also",
    "as",
];

fn valid_np(toks: &[Tok], start: usize, end: usize) -> bool {
    if start >= end {
        return false;
    }
    let last = &toks[end - 1];
    if is_punct(last, &[')']) {
        // "the UN's humanitarian office (OCHA)": a name followed by its acronym in brackets.
        return toks[start..end - 1]
            .iter()
            .rposition(|t| is_punct(t, &['(']))
            .is_some_and(|p| p > 0 && valid_np(toks, start, start + p));
    }
    last.word && !has(FUNCTION, last) && !has(STOP_BACK, last)
}

/// The noun phrase that starts at token `k` (after an inverted verb or a relay word): stops at
/// punctuation, a clause word, or a time or channel phrase; takes at most two prepositional phrases when
/// the head is a common noun ("the message on the movement's Telegram channel") and an appositive name
/// after a comma ("the leader of the movement, Ismail Haniya.").
pub fn np_after(toks: &[Tok], k: usize, ceil: usize) -> Option<Range<usize>> {
    if toks.get(k).is_none_or(|t| !t.word || is_day_or_month(t)) {
        return None;
    }
    let mut i = k;
    let mut proper = false;
    let mut pps = 0;
    while i < ceil && i - k < 14 {
        let t = &toks[i];
        if !t.word || has(STOP_BACK, t) || speech_verb(toks, i) > 0 || t.lower == "saying" {
            break;
        }
        if has(PREPOSITIONS, t) && i > k {
            let head_is_channel = has(CHANNEL_NOUNS, &toks[i - 1]);
            if (proper && t.lower != "of")
                || pps >= 2
                || (!head_is_channel && starts_time_or_channel(toks, i + 1, ceil))
            {
                break;
            }
            pps += 1;
        }
        if t.cap && !has(FUNCTION, t) {
            proper = true;
        }
        i += 1;
    }
    let mut end = i;
    while end > k && (has(FUNCTION, &toks[end - 1]) || has(PREPOSITIONS, &toks[end - 1])) {
        end -= 1;
    }
    if !valid_np(toks, k, end) {
        return None;
    }
    Some(k..appositive(toks, end, ceil).unwrap_or(end))
}

fn starts_time_or_channel(toks: &[Tok], i: usize, ceil: usize) -> bool {
    let window = &toks[i.min(ceil)..(i + 4).min(ceil)];
    match window.first() {
        None => true,
        Some(t)
            if time_word(t)
                && !matches!(
                    t.lower.as_str(),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their"
                ) =>
        {
            true
        }
        Some(t) if t.lower.chars().next().is_some_and(|c| c.is_ascii_digit()) => true,
        _ => {
            window.iter().any(|t| has(CHANNEL_NOUNS, t)) && !window.iter().any(|t| t.lower == "of")
        }
    }
}

/// `, Ismail Haniya.`: one to five capitalised words after a comma, closing the clause.
fn appositive(toks: &[Tok], end: usize, ceil: usize) -> Option<usize> {
    if !toks.get(end).is_some_and(|t| is_punct(t, &[','])) {
        return None;
    }
    let mut i = end + 1;
    while i < ceil && toks[i].word && (toks[i].cap || is_name_particle(&toks[i])) {
        i += 1;
    }
    let n = i - (end + 1);
    let closes = i >= ceil || is_punct(&toks[i], &['.', ',', ';', ')']);
    ((1..=5).contains(&n) && closes && toks[end + 1].cap).then_some(i)
}

fn range_of(toks: &[Tok], r: Range<usize>) -> Range<usize> {
    toks[r.start].start..toks[r.end - 1].end
}

/// The speaker right after a closing quote mark: `” said X`, `,” X said`, `” he added`.
pub fn after_quote(toks: &[Tok]) -> Option<Found> {
    let first = toks.iter().position(|t| t.word)?;
    if toks[..first]
        .iter()
        .any(|t| !is_punct(t, &[',', '”', '"', '’', '\'', '»', '—', '–', '-']))
    {
        return None;
    }
    let n = speech_verb(toks, first).max(usize::from(has(INVERTED_ONLY, &toks[first])));
    if n > 0 {
        if has(ADDRESSED, &toks[first]) {
            return None;
        }
        let np = np_after(toks, first + n, toks.len())?;
        return Some(Found {
            np: range_of(toks, np),
            form: Form::Inverted,
        });
    }
    if let Some(found) = quoted_as(toks, first) {
        return Some(found);
    }
    let v = (first..toks.len().min(first + 16)).find(|&v| speech_verb(toks, v) > 0)?;
    let np = subject_before(toks, v, first)?;
    (np.start == first).then(|| Found {
        np: range_of(toks, np),
        form: Form::Subject,
    })
}

/// `,” he was quoted as saying`, `,” the minister was cited as saying`: the subject right after the
/// quote of a passive "quoted"/"cited" (with or without "as saying").
fn quoted_as(toks: &[Tok], first: usize) -> Option<Found> {
    let q = (first + 1..toks.len().min(first + 14))
        .find(|&q| matches!(toks[q].lower.as_str(), "quoted" | "cited"))?;
    if !has(PASSIVE, &toks[q - 1]) {
        return None;
    }
    let np = subject_before(toks, q - 1, first)?;
    (np.start == first).then(|| Found {
        np: range_of(toks, np),
        form: Form::Relay,
    })
}

/// The speaker of a quote that opens inside a sentence, from the words of its sentence before it
/// (`toks`, ending at the opening mark), within the quote's own clause (see [`clauses`]): the first
/// attribution of that clause (`…, and its leader Y said on television that he had invited “…”` → Y;
/// `sources said that Tel Aviv informed the mediators of its willingness to “…”` → the sources), else
/// the subject of a characterising verb (`X had called the attacks “…”`, `X described the storm as
/// “…”`), else for a participle after a comma (`X praised the return, stating, “…”`) the subject of the
/// clause it hangs on.
///
/// [`clauses`]: super::voice::clauses
pub fn near_quote(toks: &[Tok]) -> Option<Found> {
    let from = super::voice::clauses(toks).last().map_or(0, |c| c.start);
    let clause = &toks[from..];
    if let Some(f) = in_sentence(clause) {
        return Some(f);
    }
    for v in 0..clause.len() {
        if has(CHARACTERISING, &clause[v]) {
            if let Some(np) = subject_before(clause, v, 0) {
                return Some(Found {
                    np: range_of(clause, np),
                    form: Form::Subject,
                });
            }
        }
    }
    for v in (0..clause.len()).rev() {
        if !has(PARTICIPLES, &clause[v]) || v == 0 || !is_punct(&clause[v - 1], &[',']) {
            continue;
        }
        let Some(main) = main_verb(clause, v - 1) else {
            continue;
        };
        if let Some(np) = subject_before(clause, main, 0) {
            return Some(Found {
                np: range_of(clause, np),
                form: Form::Subject,
            });
        }
    }
    None
}

/// The main verb of the clause ending at token `end`: its first lowercase word (after the first) that
/// is a speech or characterising verb, an irregular past form, or a word in -ed.
fn main_verb(toks: &[Tok], end: usize) -> Option<usize> {
    let start = toks[..end]
        .iter()
        .rposition(|t| is_punct(t, &['.', ';', ':']) || is_quote_mark(t))
        .map_or(0, |p| p + 1);
    (start + 1..end).find(|&k| {
        let t = &toks[k];
        t.word
            && !t.cap
            && !has(PARTICIPLES, t)
            && (speech_verb(toks, k) > 0
                || has(CHARACTERISING, t)
                || has(IRREGULAR_PAST, t)
                || (t.lower.len() > 4 && t.lower.ends_with("ed")))
    })
}

/// The speaker introducing a quote with a colon or comma: `Biden responded in Washington: “…”`.
pub fn before_quote(toks: &[Tok]) -> Option<Found> {
    let last = toks.last()?;
    if !is_punct(last, &[':', ',']) {
        return None;
    }
    let body = &toks[..toks.len() - 1];
    let v = (0..body.len()).rev().find(|&v| speech_verb(body, v) > 0)?;
    if body.len() - v > 8 {
        return None;
    }
    if (v == 0 || is_punct(&body[v - 1], &[',']) || is_quote_mark(&body[v - 1]))
        && !has(ADDRESSED, &body[v])
    {
        if let Some(np) = np_after(body, v + speech_verb(body, v), body.len()) {
            return Some(Found {
                np: range_of(body, np),
                form: Form::Inverted,
            });
        }
    }
    subject_before(body, v, 0).map(|np| Found {
        np: range_of(body, np),
        form: Form::Subject,
    })
}

/// The source of a whole sentence (or clause): a relay (`X quoted Y as saying` → Y), else the first
/// speech verb with a subject or an inverted speaker, or `according to X`, in text order.
pub fn in_sentence(toks: &[Tok]) -> Option<Found> {
    relay(toks).or_else(|| first_attribution(toks))
}

fn relay(toks: &[Tok]) -> Option<Found> {
    for (i, t) in toks.iter().enumerate() {
        match t.lower.as_str() {
            "quoted" | "cited"
                if i > 0
                    && has(PASSIVE, &toks[i - 1])
                    && toks.get(i + 1).is_some_and(|n| n.lower == "as") =>
            {
                if let Some(np) = subject_before(toks, i - 1, 0) {
                    return Some(Found {
                        np: range_of(toks, np),
                        form: Form::Relay,
                    });
                }
            }
            "quoted" | "cited" | "quoting" | "citing" => {
                if let Some(np) = np_after(toks, i + 1, toks.len()) {
                    return Some(Found {
                        np: range_of(toks, np),
                        form: Form::Relay,
                    });
                }
            }
            "reported" | "said" | "learned"
                if toks.get(i + 1).is_some_and(|n| n.lower == "from") =>
            {
                let mut k = i + 2;
                // "from what it described as diplomatic sources"
                if toks.get(k).is_some_and(|t| t.lower == "what") {
                    if let Some(p) = (k..toks.len().min(k + 6)).find(|&p| toks[p].lower == "as") {
                        k = p + 1;
                    }
                }
                // "reported from Khan Younis" names a place: a relayed source is a description
                // ("diplomatic sources"), so it holds a lowercase word.
                let described =
                    |np: &Range<usize>| toks[np.clone()].iter().any(|t| t.word && !t.cap);
                if let Some(np) = np_after(toks, k, toks.len()).filter(described) {
                    return Some(Found {
                        np: range_of(toks, np),
                        form: Form::Relay,
                    });
                }
            }
            _ => {}
        }
    }
    None
}

fn first_attribution(toks: &[Tok]) -> Option<Found> {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].lower == "according" && toks.get(i + 1).is_some_and(|t| t.lower == "to") {
            if let Some(np) = np_after(toks, i + 2, toks.len()) {
                if !is_document_noun(&toks[np.clone()]) {
                    return Some(Found {
                        np: range_of(toks, np),
                        form: Form::According,
                    });
                }
            }
            i += 2;
            continue;
        }
        let n = speech_verb(toks, i);
        if n == 0 || has(PARTICIPLES, &toks[i]) {
            i += 1;
            continue;
        }
        // "…, the correspondent reported from Khan Younis": a place after a preposition is no
        // inverted speaker.
        let preposition_follows = toks.get(i + n).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "from" | "in" | "on" | "at" | "to" | "that" | "with" | "by"
            )
        });
        let inverted_slot =
            (i == 0 || is_punct(&toks[i - 1], &[',']) || is_quote_mark(&toks[i - 1]))
                && !has(ADDRESSED, &toks[i])
                && !preposition_follows;
        if inverted_slot {
            if let Some(np) = np_after(toks, i + n, toks.len()) {
                if ends_clause(toks, np.end) {
                    return Some(Found {
                        np: range_of(toks, np),
                        form: Form::Inverted,
                    });
                }
            }
        }
        if let Some(np) = subject_before(toks, i, 0) {
            return Some(Found {
                np: range_of(toks, np),
                form: Form::Subject,
            });
        }
        i += n;
    }
    None
}

/// True when an inverted speaker ending at token `end` closes its clause (`, said X.`, `said X on
/// Tuesday`), rather than being the subject of a reported clause (`, said hospitals were full`).
fn ends_clause(toks: &[Tok], end: usize) -> bool {
    match toks.get(end) {
        None => true,
        Some(t) if !t.word => true,
        Some(t) => {
            has(PREPOSITIONS, t)
                || is_day_or_month(t)
                || speech_verb(toks, end) > 0
                || has(PARTICIPLES, t)
        }
    }
}

/// True for "a press release", "a statement", "reports": documents, not speakers.
fn is_document_noun(np: &[Tok]) -> bool {
    let words: Vec<&str> = np
        .iter()
        .filter(|t| t.word)
        .map(|t| t.lower.as_str())
        .collect();
    match words.as_slice() {
        [] => true,
        [.., last] => {
            matches!(
                *last,
                "release"
                    | "statement"
                    | "report"
                    | "reports"
                    | "communique"
                    | "communiqué"
                    | "document"
                    | "documents"
                    | "figures"
                    | "data"
                    | "estimates"
                    | "count"
                    | "tally"
                    | "toll"
                    | "website"
            ) && !np.iter().any(|t| t.cap && !has(FUNCTION, t))
        }
    }
}

/// How a quote or statement was delivered, from the words around it.
pub fn channel(context: &str) -> Channel {
    let lower = context.to_lowercase();
    let has_word = |w: &str| contains_word(&lower, w);
    const SOCIAL: &[&str] = &[
        "social network",
        "social media",
        "on twitter",
        "on facebook",
        "on instagram",
        "on telegram",
        "telegram channel",
        "telegram",
        "tweet",
        "tweeted",
        "posted",
        "a post on",
        "in a post",
        "tiktok",
        "truth social",
        "on youtube",
    ];
    if SOCIAL.iter().any(|w| has_word(w)) || context.contains(" on X") {
        return Channel::SocialMedia;
    }
    const PRESS: &[&str] = &[
        "press conference",
        "news conference",
        "briefing",
        "told reporters",
        "told journalists",
        "reporters",
        "journalists",
        "journalist",
        "press point",
        "asked by",
    ];
    const INTERVIEW: &[&str] = &["interview", "speaking to", "in remarks to", "podcast"];
    if INTERVIEW.iter().any(|w| has_word(w)) || told_outlet(context) {
        return Channel::Interview;
    }
    if PRESS.iter().any(|w| has_word(w)) {
        return Channel::PressConference;
    }
    const STATEMENT: &[&str] = &[
        "statement",
        "statements",
        "message",
        "press release",
        "communique",
        "communiqué",
        "declaration",
        "announcement",
        "letter",
        "bulletin",
        "speech",
        "address",
    ];
    if STATEMENT.iter().any(|w| has_word(w)) {
        return Channel::Statement;
    }
    Channel::Unknown
}

/// `told Reuters`, `told the BBC`: a capitalised outlet after `told`.
fn told_outlet(context: &str) -> bool {
    let toks = tokenize(context, 0..context.len());
    toks.windows(3).any(|w| {
        w[0].lower == "told"
            && (w[1].cap && w[1].lower != "reporters" || (w[1].lower == "the" && w[2].cap))
    })
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(p) = haystack.get(from..).and_then(|h| h.find(needle)) {
        let s = from + p;
        let e = s + needle.len();
        let before = haystack[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = haystack[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = e;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(text: &str, f: impl Fn(&[Tok]) -> Option<Found>) -> Option<String> {
        let toks = tokenize(text, 0..text.len());
        f(&toks).map(|found| text[found.np].to_string())
    }

    #[test]
    fn tokenizes_abbreviations_and_possessives() {
        let text = "U.S. officials, Israel’s army";
        let t: Vec<String> = tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(t, vec!["u.s.", "officials", ",", "israel's", "army"]);
    }

    #[test]
    fn subject_forms() {
        assert_eq!(
            np(
                "Hamas Chief Ismail Haniyeh told Reuters on Tuesday that",
                in_sentence
            )
            .as_deref(),
            Some("Hamas Chief Ismail Haniyeh")
        );
        assert_eq!(
            np("Earlier, Netanyahu confirmed that he was", in_sentence).as_deref(),
            Some("Netanyahu")
        );
        assert_eq!(
            np("The leader, who is visiting Moscow, said that", in_sentence).as_deref(),
            Some("The leader")
        );
        assert_eq!(
            np(
                "Meanwhile, Spanish Prime Minister Pedro Sanchez said that",
                in_sentence
            )
            .as_deref(),
            Some("Spanish Prime Minister Pedro Sanchez")
        );
        assert_eq!(
            np("On Sunday Hamas said it was ready", in_sentence).as_deref(),
            Some("Hamas")
        );
        assert_eq!(
            np(
                "Sanchez pointed out during a press conference that",
                in_sentence
            )
            .as_deref(),
            Some("Sanchez")
        );
        assert_eq!(
            np("John Kirby also told ABC that", in_sentence).as_deref(),
            Some("John Kirby")
        );
        assert_eq!(
            np("Netanyahu's office said 50 hostages", in_sentence).as_deref(),
            Some("Netanyahu's office")
        );
        assert_eq!(
            np("The figures were reported by the army", in_sentence),
            None
        );
    }

    #[test]
    fn inverted_and_relay_forms() {
        assert_eq!(
            np("killed, said the health ministry in Gaza.", in_sentence).as_deref(),
            Some("the health ministry in Gaza")
        );
        assert_eq!(
            np(
                "close to a truce, declared the leader of the Palestinian movement, Ismail Haniya.",
                in_sentence
            )
            .as_deref(),
            Some("the leader of the Palestinian movement, Ismail Haniya")
        );
        assert_eq!(np("Reuters quoted a senior official in US President Joe Biden's administration as saying that", in_sentence).as_deref(), Some("a senior official in US President Joe Biden's administration"));
        assert_eq!(
            np(
                "Al-Arabiya television quoted a Hamas spokesman as saying that Qatar",
                in_sentence
            )
            .as_deref(),
            Some("a Hamas spokesman")
        );
        assert_eq!(
            np(
                "Israeli Channel 12 news cited a senior Israeli official saying",
                in_sentence
            )
            .as_deref(),
            Some("a senior Israeli official")
        );
        assert_eq!(
            np("The minister was quoted as saying that", in_sentence).as_deref(),
            Some("The minister")
        );
        assert_eq!(np("CNN reported from what it described as diplomatic sources familiar with the talks that", in_sentence).as_deref(), Some("diplomatic sources familiar with the talks"));
        assert_eq!(
            np(
                "The toll rose to 50, according to the health ministry.",
                in_sentence
            )
            .as_deref(),
            Some("the health ministry")
        );
        assert_eq!(
            np(
                "The toll rose to 50, according to a press release.",
                in_sentence
            ),
            None
        );
        assert_eq!(
            np(
                "Fifty were killed, the army reported, citing field commanders.",
                in_sentence
            )
            .as_deref(),
            Some("field commanders")
        );
    }

    #[test]
    fn after_and_before_quote_forms() {
        assert_eq!(
            np(
                "said Hamas leader Ismaïl Haniyeh on Tuesday, November 21.",
                after_quote
            )
            .as_deref(),
            Some("Hamas leader Ismaïl Haniyeh")
        );
        assert_eq!(
            np(
                ", said White House National Security Council spokesman John Kirby.",
                after_quote
            )
            .as_deref(),
            Some("White House National Security Council spokesman John Kirby")
        );
        assert_eq!(np("he added.", after_quote).as_deref(), Some("he"));
        assert_eq!(
            np(
                " indicates the message on the movement's Telegram channel.",
                after_quote
            )
            .as_deref(),
            Some("the message on the movement's Telegram channel")
        );
        assert_eq!(
            np(
                "declared Benjamin Netanyahu on the social network X after this meeting",
                after_quote
            )
            .as_deref(),
            Some("Benjamin Netanyahu")
        );
        assert_eq!(np(" with Israel, Haniyeh said.", after_quote), None);
        assert_eq!(
            np(
                "US President Joe Biden responded in Washington:",
                before_quote
            )
            .as_deref(),
            Some("US President Joe Biden")
        );
        assert_eq!(np("He said,", before_quote).as_deref(), Some("He"));
    }

    #[test]
    fn channels() {
        assert_eq!(
            channel("declared on the social network X"),
            Channel::SocialMedia
        );
        assert_eq!(
            channel("the message on the movement's Telegram channel"),
            Channel::SocialMedia
        );
        assert_eq!(
            channel("Haniyeh told Reuters on Tuesday"),
            Channel::Interview
        );
        assert_eq!(
            channel("he said in an interview with ABC News"),
            Channel::Interview
        );
        assert_eq!(
            channel("Macron said, in a press conference"),
            Channel::PressConference
        );
        assert_eq!(channel("she told reporters"), Channel::PressConference);
        assert_eq!(
            channel("said in a statement sent to Reuters"),
            Channel::Statement
        );
        assert_eq!(channel("he said"), Channel::Unknown);
    }
}
