//! Markdown to HTML: pulldown-cmark, heading ids, highlighted code, summaries and word counts.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use crate::embeds::EmbedWords;
use crate::text::{clean, escape_html, is_safe_url, slugify};

/// Marks the end of an article's summary in its body.
pub const MORE_MARKER: &str = "<!-- more -->";

/// Words read per minute, for the reading time.
const WORDS_PER_MINUTE: usize = 200;

/// One heading of an article, for a table of contents.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An article body, rendered.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The part before `<!-- more -->`, else the first paragraph (empty if there is none).
    pub summary_html: String,
    /// The same summary as plain text, for meta descriptions.
    pub summary_text: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Whether the body has a fenced code block (whose colours are in `/syntax.css`).
    pub has_code: bool,
    /// Raw HTML elements the sanitizer removed (`iframe`, `script`, …), each with the line of
    /// the body where it first appears: the build warns about them.
    pub removed: Vec<(usize, &'static str)>,
}

impl Rendered {
    /// Minutes to read, at least one.
    pub fn reading_time(&self) -> usize {
        self.word_count.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body, embeds worded in English. Raw HTML and unsafe links make the
/// whole result go through the sanitizer; plain Markdown is safe as pulldown-cmark escapes it.
pub fn render(body: &str) -> Rendered {
    render_with(body, &EmbedWords::english(), true)
}

/// [`render`] for an article whose front matter gives its summary: the summary fields are
/// left empty rather than made from the body.
pub fn render_without_summary(body: &str) -> Rendered {
    render_with(body, &EmbedWords::english(), false)
}

/// [`render`] with the embeds' words in the site's language; `make_summary` false for an
/// article whose front matter gives its summary.
pub fn render_in(body: &str, words: &EmbedWords, make_summary: bool) -> Rendered {
    render_with(body, words, make_summary)
}

fn render_with(body: &str, words: &EmbedWords, make_summary: bool) -> Rendered {
    let mut pass = Pass {
        ids: THEME_IDS.iter().map(|id| id.to_string()).collect(),
        ..Pass::default()
    };
    let mut events: Vec<Event> = Vec::new();
    let mut parser = Parser::new_ext(body, options());
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner: Vec<Event> = parser
                    .by_ref()
                    .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .collect();
                let title = plain_text(&inner);
                pass.count_words(&title);
                let id = pass.heading_id(id.as_deref(), &title);
                let level = level as u8;
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    format!(" class=\"{}\"", escape_html(&joined.join(" ")))
                };
                drop(attrs);
                events.push(Event::Html(
                    format!("<h{level} id=\"{}\"{class_attr}>", escape_html(&id)).into(),
                ));
                pass.check_links(&inner);
                events.extend(inner);
                events.push(Event::Html(format!("</h{level}>\n").into()));
                pass.toc.push(TocEntry { level, id, title });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(lang) => lang.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                pass.has_code = true;
                events.push(Event::Html(
                    crate::highlight::code_block(lang, &code).into(),
                ));
            }
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                if raw.trim() == MORE_MARKER {
                    pass.more_at.get_or_insert(events.len());
                } else {
                    pass.needs_sanitizing = true;
                    events.push(event);
                }
            }
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. }) => {
                if !is_safe_url(dest_url) {
                    pass.needs_sanitizing = true;
                }
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                pass.count_words(t);
                events.push(event);
            }
            _ => events.push(event),
        }
    }

    close_unpaired_quotes(&mut events);
    shortcodes_to_cards(&mut events, words);
    let summary_events = match pass.more_at {
        Some(end) => &events[..end],
        None => first_paragraph(&events),
    };
    let (mut summary_html, summary_text) = if make_summary {
        (
            to_html(summary_events),
            plain_text(summary_events).trim().to_string(),
        )
    } else {
        (String::new(), String::new())
    };
    let mut html = to_html(&events);
    let mut removed = Vec::new();
    if pass.needs_sanitizing {
        // Video players become link cards first; what the sanitizer then drops is reported.
        html = crate::embeds::replace_players(&html, words).into_owned();
        summary_html = crate::embeds::replace_players(&summary_html, words).into_owned();
        removed = crate::embeds::removed_elements(&html)
            .into_iter()
            .map(|name| (source_line_of(body, name), name))
            .collect();
        html = unique_ids(&crate::sanitize::clean_html(&html));
        summary_html = unique_ids(&crate::sanitize::clean_html(&summary_html));
    }
    // The body's text was cleaned when read, but numeric character references (`&#1;`, in
    // Markdown or raw HTML) are decoded only now: clean what they made. Named references
    // never make a forbidden character, so bodies without `&#` are clean already.
    let mut summary_text = summary_text;
    if memchr::memmem::find(body.as_bytes(), b"&#").is_some() {
        html = clean(html);
        summary_html = clean(summary_html);
        summary_text = clean(summary_text);
        for entry in &mut pass.toc {
            entry.title = clean(std::mem::take(&mut entry.title));
        }
    }
    // Kept for the whole build, for every article: no spare capacity from growing.
    html.shrink_to_fit();
    summary_html.shrink_to_fit();
    Rendered {
        html,
        summary_html,
        summary_text,
        toc: pass.toc,
        word_count: pass.word_count,
        has_code: pass.has_code,
        removed,
    }
}

/// The HTML with links to a part of its own page (`href="#bagian-dua"`) made to point at
/// the page at `path` (`href="/2026/12/06/a/#bagian-dua"`), for HTML shown on other pages.
pub fn fragment_links_to<'a>(html: &'a str, path: &str) -> std::borrow::Cow<'a, str> {
    if memchr::memmem::find(html.as_bytes(), b"href=\"#").is_none() {
        return std::borrow::Cow::Borrowed(html);
    }
    let to = format!("href=\"{}#", crate::text::escape_html(path));
    std::borrow::Cow::Owned(html.replace("href=\"#", &to))
}

/// The 1-based line of the body where a removed element (`<iframe`) first appears, for
/// messages: players and embed loaders, which are not removed, are passed over.
fn source_line_of(body: &str, element: &str) -> usize {
    let lower = body.to_ascii_lowercase();
    let open = format!("<{element}");
    let at = lower
        .match_indices(&open)
        .map(|(at, _)| at)
        .find(|&at| {
            let end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
            !crate::embeds::stays_or_becomes_a_link(element, &body[at..end])
        })
        .unwrap_or(0);
    body[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// A paragraph that is only a shortcode (`{{< youtube ID >}}`) becomes its embed card.
fn shortcodes_to_cards(events: &mut Vec<Event>, words: &EmbedWords) {
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i], Event::Start(Tag::Paragraph)) {
            i += 1;
            continue;
        }
        let mut text = String::new();
        let mut end = i + 1;
        while let Some(Event::Text(t) | Event::Code(t)) = events.get(end) {
            text.push_str(t);
            end += 1;
        }
        let closes = matches!(events.get(end), Some(Event::End(TagEnd::Paragraph)));
        match crate::embeds::shortcode_card(&text, words) {
            Some(card) if closes && text.starts_with("{{") => {
                events.splice(i..=end, [Event::Html(card.into())]);
            }
            _ => {}
        }
        i += 1;
    }
}

/// Ids the default theme gives elements of an article's page: an article's own headings and
/// elements must not take them (a page may have each id once).
const THEME_IDS: &[&str] = &["main", "related-heading"];

/// Sanitized HTML with each id once, and none of [`THEME_IDS`]: raw HTML may repeat an id or
/// take one a heading or the theme has; the later ones are dropped. (In ammonia's output
/// ` id="` only ever starts an attribute: quotes in text and values are escaped.)
fn unique_ids(html: &str) -> String {
    const ATTR: &str = " id=\"";
    let mut seen: HashSet<&str> = THEME_IDS.iter().copied().collect();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(ATTR) {
        let value_start = start + ATTR.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let id = &rest[value_start..value_start + len];
        out.push_str(&rest[..start]);
        if seen.insert(id) {
            out.push_str(&rest[start..value_start + len + 1]);
        }
        rest = &rest[value_start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// State gathered while walking one body's events.
#[derive(Default)]
struct Pass {
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    word_count: usize,
    needs_sanitizing: bool,
    has_code: bool,
    more_at: Option<usize>,
}

impl Pass {
    fn count_words(&mut self, text: &str) {
        self.word_count += count_words(text);
    }

    /// The heading's own `{#id}`, else a slug of its text, made unique within the article.
    fn heading_id(&mut self, given: Option<&str>, title: &str) -> String {
        let base = match given {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                let slug = slugify(title);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            }
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn check_links(&mut self, events: &[Event]) {
        for e in events {
            match e {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                    if !is_safe_url(dest_url) =>
                {
                    self.needs_sanitizing = true
                }
                Event::InlineHtml(_) | Event::Html(_) => self.needs_sanitizing = true,
                _ => {}
            }
        }
    }
}

/// Words in a text, as `split_whitespace` counts them: word starts are counted byte by byte
/// (which vectorizes), unless the text holds a non-ASCII space, where `split_whitespace`
/// decodes it. Every article's text goes through here once.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Lead bytes of the non-ASCII White_Space characters (U+0085, U+00A0, U+1680, U+2000…).
    let may_have_unicode_space = bytes.iter().fold(false, |seen, &b| {
        seen | matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
    });
    if may_have_unicode_space && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()) {
        return text.split_whitespace().count();
    }
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // ASCII White_Space: tab, line feed, vertical tab, form feed, carriage return, space.
    let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') <= b'\r' - b'\t';
    // A word starts at each non-space after a space. Counted in blocks small enough for a
    // byte counter, which lets the compiler compare 16 bytes at a time.
    let (before, after) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut starts = usize::from(!space(first));
    for (b, a) in before.chunks(255).zip(after.chunks(255)) {
        let mut block = 0u8;
        for (&x, &y) in b.iter().zip(a) {
            block += u8::from(space(x) & !space(y));
        }
        starts += usize::from(block);
    }
    starts
}

fn first_paragraph<'e, 'a>(events: &'e [Event<'a>]) -> &'e [Event<'a>] {
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return &[];
    };
    let mut depth = 0;
    for (i, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) => {
                depth -= 1;
                if depth == 0 {
                    return &events[start..=i];
                }
            }
            _ => {}
        }
    }
    &events[start..]
}

fn to_html(events: &[Event]) -> String {
    // Text events hold most of the output; room for them and some tags saves regrowing.
    let text: usize = events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
            _ => 8,
        })
        .sum();
    let mut out = String::with_capacity(text + text / 8);
    html::push_html(&mut out, events.iter().cloned());
    out
}

/// The text of some events, with breaks turned into spaces.
fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

/// HTML for a summary written in front matter (plain text).
pub fn summary_from_text(text: &str) -> String {
    format!("<p>{}</p>\n", escape_html(text.trim()))
}

/// Smart punctuation pairs straight double quotes only with straight ones. Mirrored text
/// often mixes the two (`“Kami … kesepakatan," lanjut Ryabkov.`): the straight quote has no
/// straight partner, and pulldown-cmark makes any unpaired one an opening “. A quote after a
/// letter, digit or punctuation (not an opening bracket or dash) and before a space,
/// punctuation or the end of the block closes, so it becomes ”.
fn close_unpaired_quotes(events: &mut [Event]) {
    for i in 0..events.len() {
        if !matches!(&events[i], Event::Text(t) if t.as_ref() == "\u{201C}") {
            continue;
        }
        let before = neighbour_char(events[..i].iter().rev(), |t| t.chars().next_back());
        let after = neighbour_char(events[i + 1..].iter(), |t| t.chars().next());
        let closes = before
            .is_some_and(|c| !c.is_whitespace() && !"([{\u{2018}\u{201C}—–-".contains(c))
            && after.is_none_or(|c| {
                c.is_whitespace()
                    || (c.is_ascii_punctuation() && !"([{".contains(c))
                    || "\u{201D}\u{2019}…".contains(c)
            });
        if closes {
            events[i] = Event::Text("\u{201D}".into());
        }
    }
}

/// The nearest character of the inline text in `events` (walking away from a quote), or
/// `None` at the edge of the block. Emphasis and links are transparent; a line break is a
/// space.
fn neighbour_char<'a>(
    events: impl Iterator<Item = &'a Event<'a>>,
    pick: fn(&str) -> Option<char>,
) -> Option<char> {
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = pick(t) {
                    return Some(c);
                }
            }
            Event::SoftBreak | Event::HardBreak => return Some(' '),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_leave_the_themes_alone() {
        let r = render(
            "## Utama {#main}\n\n## Latar\n\n<p id=\"latar\">a</p><p id=\"x\">b</p><p id=\"x\">c</p><p id=\"related-heading\">d</p>\n",
        );
        assert_eq!(
            r.html,
            "<h2 id=\"main-1\">Utama</h2>\n<h2 id=\"latar\">Latar</h2>\n<p>a</p><p id=\"x\">b</p><p>c</p><p>d</p>\n"
        );
    }

    #[test]
    fn fragment_links_point_at_their_page() {
        assert_eq!(
            fragment_links_to(
                "<p>Lihat <a href=\"#bagian-dua\">bagian dua</a> dan <a href=\"/x/#y\">x</a>.</p>",
                "/2026/12/06/a/"
            ),
            "<p>Lihat <a href=\"/2026/12/06/a/#bagian-dua\">bagian dua</a> dan <a href=\"/x/#y\">x</a>.</p>"
        );
    }

    #[test]
    fn a_straight_quote_after_a_typographic_opener_closes() {
        // The seed article's sentence, as the source wrote it.
        let out = render(
            "“Kami tidak menginginkan itu. Para diplomat harus mencapai kesepakatan,\" lanjut Ryabkov.",
        );
        assert_eq!(
            out.html,
            "<p>“Kami tidak menginginkan itu. Para diplomat harus mencapai kesepakatan,” lanjut Ryabkov.</p>\n"
        );
        // Straight pairs, openers after a space or a bracket, and quotes inside emphasis.
        let out = render("Dia berkata \"ya\" (\"tidak\"), lalu *\"mungkin.\"* Selesai.\n\n\"Awal");
        assert_eq!(
            out.html,
            "<p>Dia berkata “ya” (“tidak”), lalu <em>“mungkin.”</em> Selesai.</p>\n<p>“Awal</p>\n"
        );
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render("## Latar Belakang\n\ntext\n\n## Latar Belakang\n\n### Custom {#mine}\n");
        assert!(
            r.html
                .contains("<h2 id=\"latar-belakang\">Latar Belakang</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"latar-belakang-1\">"));
        assert!(r.html.contains("<h3 id=\"mine\">Custom</h3>"));
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn extensions_are_on() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("“quoted”"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn summary_is_first_paragraph_or_before_more() {
        let r = render("# T\n\nFirst *para*.\n\nSecond.\n");
        assert_eq!(r.summary_html, "<p>First <em>para</em>.</p>\n");
        assert_eq!(r.summary_text, "First para.");
        let r = render("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        let given = render_without_summary("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        assert_eq!(
            (given.summary_html.as_str(), given.html.as_str()),
            ("", r.html.as_str())
        );
        assert_eq!(r.summary_html, "<p>One.</p>\n<p>Two.</p>\n");
        assert!(!r.html.contains("more"));
    }

    #[test]
    fn raw_html_is_sanitized() {
        let r = render(
            "Hi <script>alert(1)</script> <b onclick=\"x\">b</b>\n\n<iframe src=\"https://x\"></iframe>\n",
        );
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("iframe"));
        assert!(r.html.contains("<b>b</b>"));
    }

    #[test]
    fn javascript_links_are_neutralized() {
        let r = render("[x](javascript:alert(1)) [y](https://ok.example/)\n");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("https://ok.example/"));
    }

    #[test]
    fn counts_words_like_split_whitespace() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a  b\tc\nd\u{b}e\u{c}f\rg",
            "kata-kata, ya.",
            "é b",
            "a\u{a0}b c",
            "\u{2003}x\u{2003}",
            "x\u{85}y",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_and_reading_time() {
        let body = "kata ".repeat(450);
        let r = render(&body);
        assert_eq!(r.word_count, 450);
        assert_eq!(r.reading_time(), 3);
        assert_eq!(render("").reading_time(), 1);
    }

    #[test]
    fn code_is_highlighted() {
        let r = render("```python\nprint('x')\n```\n");
        assert!(r.html.contains("data-lang=\"python\""));
        assert!(r.html.contains("hl-"));
    }
}

#[cfg(test)]
mod word_count_props {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn count_words_agrees_with_split_whitespace(text in "[a. \t\n\u{b}\u{c}\r\u{a0}\u{85}\u{2003}\u{3000}é“—]{0,600}") {
            prop_assert_eq!(super::count_words(&text), text.split_whitespace().count());
        }
    }
}
