//! Number literals: digit strings with group separators, decimals and scale words ("1,200",
//! "1.3 million", "7.3k", "3 lakh", "1,00,000", "١٢٣"), and number words ("five hundred and sixty
//! six", "twenty-five", "a dozen", "half a million", "two and a half million").

use super::lexer::{Cx, Gap};
use super::lexicon::{glued_scale, scale_word, tens_word, unit_word};

/// How a number was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    /// One run of digits, no separator, decimal or scale ("2023", "50").
    Plain,
    /// Digits with separators, decimals or a scale word ("1,200", "1.3 million").
    Digits,
    /// Number words ("twenty-five").
    Words,
}

/// A parsed number: its value, the token after it and how it was written.
#[derive(Clone, Copy, Debug)]
pub(super) struct Core {
    /// The value, scale applied.
    pub value: f64,
    /// Token index one past the number.
    pub end: usize,
    /// How it was written.
    pub form: Form,
    /// Digits in the integer part of the literal (0 for words).
    pub int_digits: usize,
    /// The scale word's factor, 1 when none.
    pub scale: f64,
    /// The value before the scale.
    pub mantissa: f64,
    /// True for digit strings too long to be a quantity (phone numbers, ids).
    pub huge: bool,
}

/// Parses a number (digits or words) starting at token `i`.
pub(super) fn number_at(cx: &Cx, i: usize) -> Option<Core> {
    if cx.is_num(i) {
        digits_at(cx, i)
    } else {
        words_at(cx, i)
    }
}

fn is_comma(c: Option<char>) -> bool {
    matches!(c, Some(',' | '\u{66C}'))
}

fn is_point(c: Option<char>) -> bool {
    matches!(c, Some('.' | '\u{66B}'))
}

/// `(value, digit count)` of number token `j` if it touches the separator before it, which touches
/// the token before that.
fn glued_group(cx: &Cx, j: usize) -> Option<(u64, usize)> {
    if cx.glued(j) && cx.glued(j + 1) {
        cx.digits(j + 1)
    } else {
        None
    }
}

/// Western groups: `1,234,567`. Returns (value, digits, end).
fn comma_groups(cx: &Cx, i: usize, v0: u64, n0: usize) -> Option<(u64, usize, usize)> {
    let (mut v, mut n, mut j) = (v0, n0, i + 1);
    while is_comma(cx.punct(j)) {
        match glued_group(cx, j) {
            Some((g, 3)) => {
                v = v.saturating_mul(1000).saturating_add(g);
                n += 3;
                j += 2;
            }
            _ => break,
        }
    }
    (j > i + 1).then_some((v, n, j))
}

/// South Asian groups: `1,00,000`, `12,34,567` (two-digit groups, then a final three-digit group).
fn indian_groups(cx: &Cx, i: usize, v0: u64, n0: usize) -> Option<(u64, usize, usize)> {
    if n0 > 2 {
        return None;
    }
    let (mut v, mut n, mut j) = (v0, n0, i + 1);
    while is_comma(cx.punct(j)) {
        match glued_group(cx, j) {
            Some((g, 2)) => {
                v = v.saturating_mul(100).saturating_add(g);
                n += 2;
                j += 2;
            }
            Some((g, 3)) if j > i + 1 => {
                return Some((v.saturating_mul(1000).saturating_add(g), n + 3, j + 2));
            }
            _ => return None,
        }
    }
    None
}

/// European groups with dots, at least two of them: `1.200.000`.
fn dot_groups(cx: &Cx, i: usize, v0: u64, n0: usize) -> Option<(u64, usize, usize)> {
    let (mut v, mut n, mut j) = (v0, n0, i + 1);
    let mut k = 0;
    while cx.is_punct(j, '.') {
        match glued_group(cx, j) {
            Some((g, 3)) => {
                v = v.saturating_mul(1000).saturating_add(g);
                n += 3;
                j += 2;
                k += 1;
            }
            _ => break,
        }
    }
    (k >= 2).then_some((v, n, j))
}

/// Groups separated by one space or one thin/no-break space, each exactly three digits: `1 300`,
/// `12 500 000`. Never joins `86 30`.
fn space_groups(cx: &Cx, i: usize, v0: u64, n0: usize) -> Option<(u64, usize, usize)> {
    let gap = cx.gap(i + 1);
    if !matches!(gap, Gap::Space | Gap::Thin) {
        return None;
    }
    let (mut v, mut n, mut j) = (v0, n0, i + 1);
    while cx.gap(j) == gap {
        match cx.digits(j) {
            Some((g, 3)) if !is_comma(cx.punct(j + 1)) || !cx.glued(j + 1) => {
                v = v.saturating_mul(1000).saturating_add(g);
                n += 3;
                j += 1;
            }
            _ => break,
        }
    }
    (j > i + 1).then_some((v, n, j))
}

/// The integer part of a digit literal: (value, digits, end token, grouped, dot-grouped).
fn integer_part(cx: &Cx, i: usize) -> Option<(u64, usize, usize, bool, bool)> {
    let (v0, n0) = cx.digits(i)?;
    if n0 <= 3 {
        if let Some((v, n, e)) =
            comma_groups(cx, i, v0, n0).or_else(|| indian_groups(cx, i, v0, n0))
        {
            return Some((v, n, e, true, false));
        }
        if let Some((v, n, e)) = dot_groups(cx, i, v0, n0) {
            return Some((v, n, e, true, true));
        }
        if let Some((v, n, e)) = space_groups(cx, i, v0, n0) {
            return Some((v, n, e, true, false));
        }
    }
    Some((v0, n0, i + 1, false, false))
}

/// A scale word after a literal ending before token `j`: glued ("1.2m", "7.3k", "2bn") or after one
/// space ("1.3 million", "2 bn", "3 lakh", "2 dozen").
fn scale_after(cx: &Cx, j: usize) -> Option<(f64, usize)> {
    let w = cx.word(j)?;
    // "5m-long", "10m-high": metres, not millions
    let compound =
        cx.is_punct(j + 1, '-') && cx.glued(j + 1) && cx.is_word(j + 2) && cx.glued(j + 2);
    let s = if cx.glued(j) {
        glued_scale(w).filter(|_| !(compound && w.len() == 1))
    } else if cx.near(j) {
        scale_word(w)
    } else {
        None
    }?;
    Some((s, j + 1))
}

fn digits_at(cx: &Cx, i: usize) -> Option<Core> {
    let (int, n, mut j, grouped, dot_grouped) = integer_part(cx, i)?;
    let mut core = Core {
        value: 0.0,
        end: j,
        form: Form::Plain,
        int_digits: n,
        scale: 1.0,
        mantissa: 0.0,
        huge: n > 15,
    };
    if core.huge {
        return Some(core);
    }
    let mut mantissa = int as f64;
    let mut decimals = false;
    if !dot_grouped && is_point(cx.punct(j)) {
        if let Some((frac, d)) = glued_group(cx, j) {
            mantissa = if d <= 9 {
                (int as f64 * 10f64.powi(d as i32) + frac as f64) / 10f64.powi(d as i32)
            } else {
                int as f64 + fraction(cx.raw(j + 1))
            };
            decimals = true;
            j += 2;
        }
    }
    let (scale, end) = scale_after(cx, j).unwrap_or((1.0, j));
    core.value = scaled(mantissa, scale);
    core.mantissa = mantissa;
    core.scale = scale;
    core.end = end;
    if grouped || decimals || scale != 1.0 {
        core.form = Form::Digits;
    }
    Some(core)
}

/// The value of the digits of `raw` read as a decimal fraction (".xyz").
fn fraction(raw: &str) -> f64 {
    let mut f = 0.0;
    let mut unit = 0.1;
    for d in raw.chars().filter_map(super::lexer::digit_value).take(17) {
        f += f64::from(d) * unit;
        unit /= 10.0;
    }
    f
}

/// `mantissa × scale`, rounded to an integer when the product is within float noise of one.
fn scaled(mantissa: f64, scale: f64) -> f64 {
    let v = mantissa * scale;
    if scale > 1.0 && (v - v.round()).abs() < 1e-6 * scale.max(1.0) {
        v.round()
    } else {
        v
    }
}

/// A number below 100 in words: "seven", "fifteen", "twenty", "twenty-five", "sixty six".
pub(super) fn small_at(cx: &Cx, j: usize) -> Option<(f64, usize)> {
    let w = cx.word(j)?;
    if let Some(t) = tens_word(w) {
        let unit = |k: usize| {
            cx.word(k)
                .and_then(unit_word)
                .filter(|u| (1..=9).contains(u))
        };
        if cx.is_punct(j + 1, '-') && cx.glued(j + 1) && cx.glued(j + 2) {
            if let Some(u) = unit(j + 2) {
                return Some(((t + u) as f64, j + 3));
            }
        }
        if cx.near(j + 1) {
            if let Some(u) = unit(j + 1) {
                return Some(((t + u) as f64, j + 2));
            }
        }
        return Some((t as f64, j + 1));
    }
    unit_word(w).map(|u| (u as f64, j + 1))
}

fn is_big_scale(cx: &Cx, j: usize) -> bool {
    cx.near(j) && cx.word(j).and_then(scale_word).is_some()
}

/// "and" + a number below 100 not followed by a scale: the tail of "five hundred and sixty six".
fn and_small(cx: &Cx, j: usize) -> Option<(f64, usize)> {
    if !cx.is(j, "and") {
        return None;
    }
    let (v, e) = small_at(cx, j + 1)?;
    (!is_big_scale(cx, e)).then_some((v, e))
}

/// A number below 1000 in words, or "a"/"an" standing for one before a scale word.
fn hundreds_at(cx: &Cx, j: usize) -> Option<(f64, usize)> {
    let (s, e) = match small_at(cx, j) {
        Some(x) => x,
        None if cx.is_any(j, &["a", "an"]) && is_big_scale(cx, j + 1) => (1.0, j + 1),
        None => return None,
    };
    // "five hundred", and "Two-hundred fifty" with a hyphen.
    let hyphen = cx.is_punct(e, '-') && cx.glued(e) && cx.glued(e + 1);
    let e = if hyphen { e + 1 } else { e };
    if !(cx.is(e, "hundred") && (hyphen || cx.near(e))) {
        return Some((s, if hyphen { e - 1 } else { e }));
    }
    let v = s * 100.0;
    let e = e + 1;
    if let Some((t, e2)) = and_small(cx, e) {
        return Some((v + t, e2));
    }
    if cx.near(e) {
        if let Some((t, e2)) = small_at(cx, e) {
            if !is_big_scale(cx, e2) {
                return Some((v + t, e2));
            }
        }
    }
    Some((v, e))
}

/// "and a half" after a number.
fn and_a_half(cx: &Cx, v: f64, e: usize) -> (f64, usize) {
    if cx.phrase(e, &["and", "a", "half"]) {
        (v + 0.5, e + 3)
    } else {
        (v, e)
    }
}

/// "half a million", "half a dozen", and fractions of a scale: "a quarter of a million", "three
/// quarters of a million", "a third of a million".
fn half_a(cx: &Cx, i: usize) -> Option<Core> {
    if cx.is(i, "half") && cx.is_any(i + 1, &["a", "an"]) {
        let s = cx.word(i + 2).and_then(scale_word)?;
        return Some(words_core(0.5 * s, i + 3, 0.5, s));
    }
    let (fraction, of) = if cx.is_any(i, &["a", "one"]) && cx.is(i + 1, "quarter") {
        (0.25, i + 2)
    } else if cx.is(i, "three") && cx.is(i + 1, "quarters") {
        (0.75, i + 2)
    } else if cx.is_any(i, &["a", "one"]) && cx.is(i + 1, "third") {
        (1.0 / 3.0, i + 2)
    } else {
        return None;
    };
    if !(cx.is(of, "of") && cx.is_any(of + 1, &["a", "an"])) {
        return None;
    }
    let s = cx
        .word(of + 2)
        .and_then(scale_word)
        .filter(|&s| s >= 1000.0)?;
    Some(words_core((fraction * s).round(), of + 3, fraction, s))
}

fn words_core(value: f64, end: usize, mantissa: f64, scale: f64) -> Core {
    Core {
        value,
        end,
        form: Form::Words,
        int_digits: 0,
        scale,
        mantissa,
        huge: false,
    }
}

/// Number words: groups below 1000 joined by descending scale words, with "and" tails.
fn words_at(cx: &Cx, i: usize) -> Option<Core> {
    if let Some(c) = half_a(cx, i) {
        return Some(c);
    }
    let (mut total, mut j) = (0.0, i);
    let mut last_scale = f64::INFINITY;
    let mut simple: Option<(f64, f64)> = None;
    let mut groups = 0;
    while let Some((h, e)) = hundreds_at(cx, j) {
        let (h, e) = and_a_half(cx, h, e);
        groups += 1;
        let scale = cx
            .word(e)
            .and_then(scale_word)
            .filter(|&s| s < last_scale && s != 100.0 && cx.near(e));
        let Some(s) = scale else {
            total += h;
            j = e;
            break;
        };
        simple = if groups == 1 { Some((h, s)) } else { None };
        total += h * s;
        last_scale = s;
        j = e + 1;
        if let Some((t, e2)) = and_small(cx, j) {
            total += t;
            j = e2;
            simple = None;
            break;
        }
    }
    if j == i {
        return None;
    }
    let (mantissa, scale) = match simple {
        Some((h, s)) if j > i && groups == 1 => (h, s),
        _ => (total, 1.0),
    };
    Some(words_core(total, j, mantissa, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(f64, usize)> {
        let cx = Cx::new(s);
        number_at(&cx, 0).map(|c| (c.value, c.end))
    }

    #[test]
    fn digit_groups() {
        assert_eq!(num("1,200 people").map(|x| x.0), Some(1200.0));
        assert_eq!(num("1,234,567").map(|x| x.0), Some(1_234_567.0));
        assert_eq!(num("1,00,000").map(|x| x.0), Some(100_000.0));
        assert_eq!(num("12,34,567").map(|x| x.0), Some(1_234_567.0));
        assert_eq!(num("1.200.000").map(|x| x.0), Some(1_200_000.0));
        assert_eq!(num("1.200").map(|x| x.0), Some(1.2));
        assert_eq!(num("1 300 dead").map(|x| x.0), Some(1300.0));
        assert_eq!(
            num("12\u{202f}500\u{202f}000").map(|x| x.0),
            Some(12_500_000.0)
        );
        assert_eq!(num("86 30 of them").map(|x| x.0), Some(86.0));
        assert_eq!(num("86,30").map(|x| x.0), Some(86.0));
        assert_eq!(num("1300").map(|x| x.0), Some(1300.0));
        assert_eq!(num("١٬٢٠٠").map(|x| x.0), Some(1200.0));
        assert_eq!(num("۱۲۳").map(|x| x.0), Some(123.0));
    }

    #[test]
    fn scales() {
        assert_eq!(num("1.3 million").map(|x| x.0), Some(1_300_000.0));
        assert_eq!(num("1.2m").map(|x| x.0), Some(1_200_000.0));
        assert_eq!(num("1.2 miles").map(|x| x.0), Some(1.2));
        assert_eq!(num("1.2miles").map(|x| x.0), Some(1.2));
        assert_eq!(num("7.3k").map(|x| x.0), Some(7300.0));
        assert_eq!(num("5m-long").map(|x| x.0), Some(5.0));
        assert_eq!(num("10m-high wall").map(|x| x.0), Some(10.0));
        assert_eq!(num("2 bn").map(|x| x.0), Some(2e9));
        assert_eq!(num("3 lakh").map(|x| x.0), Some(300_000.0));
        assert_eq!(num("1.5 crore").map(|x| x.0), Some(15_000_000.0));
        assert_eq!(num("2 dozen").map(|x| x.0), Some(24.0));
    }

    #[test]
    fn hyphenated_hundreds() {
        assert_eq!(num("Two-hundred fifty of those released"), Some((250.0, 4)));
        assert_eq!(num("three-hundred people"), Some((300.0, 3)));
    }

    #[test]
    fn words() {
        assert_eq!(num("one hundred and twenty"), Some((120.0, 4)));
        assert_eq!(num("five hundred and sixty six"), Some((566.0, 5)));
        assert_eq!(num("twenty-five"), Some((25.0, 3)));
        assert_eq!(num("a dozen"), Some((12.0, 2)));
        assert_eq!(num("two dozen"), Some((24.0, 2)));
        assert_eq!(num("a million"), Some((1e6, 2)));
        assert_eq!(num("half a million"), Some((500_000.0, 3)));
        assert_eq!(num("a quarter of a million"), Some((250_000.0, 5)));
        assert_eq!(num("three quarters of a million"), Some((750_000.0, 5)));
        assert_eq!(num("fifty and one hundred"), Some((50.0, 1)));
        assert_eq!(num("two hundred and three hundred"), Some((200.0, 2)));
        assert_eq!(
            num("one million five hundred thousand"),
            Some((1_500_000.0, 5))
        );
        assert_eq!(num("two and a half million"), Some((2_500_000.0, 5)));
        assert_eq!(num("a people"), None);
        assert_eq!(num("a"), None);
    }
}
