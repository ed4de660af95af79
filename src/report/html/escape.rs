//! Escaping for the HTML report. Article text is hostile input: every piece of it goes through
//! [`text`] (element content and quoted attribute values alike), and a link's target through
//! [`safe_url`], which keeps only plain `http`/`https` addresses.

use crate::report::table::sanitize;

/// Article text as HTML: control characters, escape sequences and bidi overrides removed (newlines
/// become spaces, see [`sanitize`]), then `&`, `<`, `>`, `"` and `'` written as entities, so the result
/// is safe both as element content and inside a quoted attribute value.
pub fn text(raw: &str) -> String {
    let clean = sanitize(raw);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The escaped address when `raw` is a plain `http://` or `https://` URL (scheme in any case), else
/// `None`: `javascript:`, `data:`, relative and protocol-relative addresses, and anything holding
/// whitespace, a control character, a backslash or a bidi override are refused rather than repaired.
pub fn safe_url(raw: &str) -> Option<String> {
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let host_ok = raw
        .split_once("//")
        .is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    let clean = raw.chars().all(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || c == '\\'
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    });
    (scheme_ok && host_ok && clean).then(|| text(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_quotes_and_drops_controls() {
        assert_eq!(
            text("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(text("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
        assert_eq!(text("a &amp; b"), "a &amp;amp; b");
        assert_eq!(text("</style>"), "&lt;/style&gt;");
        assert_eq!(text("\u{1b}[31mred\u{1b}[0m\u{202e}x\ny"), "redx y");
    }

    #[test]
    fn only_plain_http_and_https_urls_are_links() {
        assert_eq!(
            safe_url("https://example.org/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.org/a?b=1&amp;c=&quot;2&quot;")
        );
        assert!(safe_url("HTTP://Example.org/").is_some());
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example/",
            "/relative",
            "https:///path",
            "https://",
            "https://exa mple.org/",
            "https://example.org/\u{202e}",
            "https:\\\\evil.example",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }
}
