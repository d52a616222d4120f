//! The words of an article body: its HTML with the markup left out. The body is HTML the
//! build itself wrote (Markdown rendered, raw HTML sanitized), so a single pass that skips
//! tags and decodes the few entities it writes is enough; no second HTML parse.

/// Calls `each` with the runs of text of `html` in order: the text between tags, and the
/// characters of its entities. A tag ends a run (so `a<br>b` stays two words) and every
/// entity's text is a separator, so no word spans two runs. Comments and the insides of
/// `<script>`/`<style>` (never in a sanitized body, but cheap to guard) are left out.
pub fn text_runs(html: &str, mut each: impl FnMut(&str)) {
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        if at > 0 {
            each(&rest[..at]);
        }
        rest = &rest[at..];
        if rest.starts_with('<') {
            rest = skip_markup(rest);
            each(" ");
        } else {
            let (text, after) = entity(rest);
            each(text);
            rest = after;
        }
    }
    if !rest.is_empty() {
        each(rest);
    }
}

/// `rest` (starting at `<`) after the tag, comment or script/style element there.
fn skip_markup(rest: &str) -> &str {
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map_or("", |end| &comment[end + 3..]);
    }
    let after_tag = rest.find('>').map_or("", |end| &rest[end + 1..]);
    for element in ["script", "style"] {
        let name = rest.get(1..1 + element.len());
        if name.is_some_and(|n| n.eq_ignore_ascii_case(element)) {
            let close = format!("</{element}");
            return after_tag
                .find(&close)
                .map_or("", |end| skip_markup(&after_tag[end..]));
        }
    }
    after_tag
}

/// The text of the entity at the start of `rest` (which starts with `&`) and what follows.
fn entity(rest: &str) -> (&str, &str) {
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&nbsp;", " "),
    ];
    for (name, text) in NAMED {
        if let Some(after) = rest.strip_prefix(name) {
            return (text, after);
        }
    }
    // Any other entity only separates words here.
    match rest[1..].find(';') {
        Some(end)
            if end <= 10
                && rest[1..1 + end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'#') =>
        {
            (" ", &rest[end + 2..])
        }
        _ => ("&", &rest[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `html`, its runs joined.
    fn html_text(html: &str) -> String {
        let mut out = String::new();
        text_runs(html, |run| out.push_str(run));
        out
    }

    #[test]
    fn tags_become_spaces_and_entities_characters() {
        assert_eq!(
            html_text("<p>Harga &amp; pasokan<br>beras</p><p>naik&nbsp;lagi</p>"),
            " Harga & pasokan beras  naik lagi "
        );
    }

    #[test]
    fn comments_scripts_and_styles_are_left_out() {
        assert_eq!(
            html_text("a<!-- b -->c<script>var d;</script>e<style>p{}</style>f"),
            "a c e f"
        );
    }

    #[test]
    fn no_word_spans_two_runs() {
        // Entities and tags only ever separate words, so the words of the runs one by one
        // are the words of the whole text.
        let html = "<p>AT&amp;T &quot;Harga&quot;&nbsp;beras&#39;s x&hellip;y caf&eacute;</p>";
        let mut by_runs = Vec::new();
        text_runs(html, |run| {
            by_runs.extend(super::super::fold::word_list(run))
        });
        let whole = super::super::fold::word_list(&html_text(html));
        assert_eq!(by_runs, whole);
        assert_eq!(whole, ["at", "t", "harga", "beras", "s", "x", "y", "caf"]);
    }

    #[test]
    fn unknown_entities_separate_words_and_a_bare_ampersand_stays() {
        assert_eq!(html_text("x&hellip;y AT&T"), "x y AT&T");
        assert_eq!(html_text("a < b"), "a  ");
        assert_eq!(html_text("trailing <unclosed"), "trailing  ");
    }
}
