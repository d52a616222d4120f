//! Small helpers over dom_query nodes: collapsed text, class and id words, block elements.

use dom_query::{NodeRef, Selection};

/// Elements that start a block of their own; text inside one of these without another block
/// inside it is one "line" of the page for the cleaning rules.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "center",
];

/// The elements under `node` that match a CSS selector, in document order.
pub fn select<'a>(node: &NodeRef<'a>, css: &str) -> Vec<NodeRef<'a>> {
    Selection::from(*node).select(css).nodes().to_vec()
}

/// Replaces an element by its children ("<a>text</a>" becomes "text").
pub fn unwrap_element(node: &NodeRef) {
    if let Some(first) = node.first_child() {
        node.insert_siblings_before(&first);
    }
    node.remove_from_parent();
}

/// Whitespace runs (including no-break spaces) become one space; ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text of a node with whitespace collapsed.
pub fn text_of(node: &NodeRef) -> String {
    collapse_whitespace(&node.text())
}

/// The text of a node as a reader sees it, with a space between blocks ("Home News", not
/// "HomeNews" for two list items); for showing dropped text.
pub fn shown_text(node: &NodeRef) -> String {
    collapse_whitespace(&node.formatted_text())
}

/// Number of words (runs of letters or digits) in a text. Chinese, Japanese, Thai, Lao,
/// Khmer and Myanmar are written without spaces between words: each of their characters
/// counts as a word, so that a page in them is never refused as too short.
pub fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_unspaced_script(c) {
            words += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    words
}

/// Han ideographs, hiragana and katakana, and the scripts of South-East Asia that put no
/// space between words (Korean hangul is written with spaces).
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // Han extension A
        | '\u{4E00}'..='\u{9FFF}' // Han
        | '\u{F900}'..='\u{FAFF}' // Han compatibility
        | '\u{FF66}'..='\u{FF9F}' // half-width katakana
        | '\u{20000}'..='\u{2FA1F}' // Han extensions B and later
    )
}

/// The lowercase element name, or "" for other nodes.
pub fn tag_name(node: &NodeRef) -> String {
    node.node_name()
        .map(|n| n.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether the element starts a block (see [`BLOCK_TAGS`]).
pub fn is_block(node: &NodeRef) -> bool {
    node.is_element() && BLOCK_TAGS.contains(&tag_name(node).as_str())
}

/// Block elements with no block element inside them, in document order: the "lines" of a page.
pub fn leaf_blocks<'a>(root: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut out = Vec::new();
    collect_leaf_blocks(root, &mut out);
    out
}

/// Pushes the leaf blocks under `node`; returns whether `node` contains any block.
fn collect_leaf_blocks<'a>(node: &NodeRef<'a>, out: &mut Vec<NodeRef<'a>>) -> bool {
    let mut has_block = false;
    for child in node.children_it(false).filter(|c| c.is_element()) {
        let child_has_block = collect_leaf_blocks(&child, out);
        if is_block(&child) {
            if !child_has_block {
                out.push(child);
            }
            has_block = true;
        } else {
            has_block |= child_has_block;
        }
    }
    has_block
}

/// The words of an element's class and id: "ShareBar-x detail__body-tag" gives
/// share, bar, x, detail, body, tag (camelCase, dashes and underscores split words).
pub fn class_id_words(node: &NodeRef) -> Vec<String> {
    let mut words = Vec::new();
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            for token in value.split_whitespace() {
                split_identifier(token, &mut words);
            }
        }
    }
    words
}

/// The class and id tokens of an element as written ("jp-relatedposts", "ShareBar").
pub fn class_id_tokens(node: &NodeRef) -> Vec<String> {
    let mut tokens = Vec::new();
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            tokens.extend(value.split_whitespace().map(str::to_string));
        }
    }
    tokens
}

/// The words of one class or id token (see [`class_id_words`]).
pub fn identifier_words(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    split_identifier(token, &mut words);
    words
}

fn split_identifier(token: &str, words: &mut Vec<String>) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if !c.is_alphanumeric() {
            push_word(&mut word, words);
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            push_word(&mut word, words);
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    push_word(&mut word, words);
}

fn push_word(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// Text length of the links inside a node.
pub fn link_text_len(node: &NodeRef) -> usize {
    let mut len = 0;
    for d in node.descendants_it() {
        if d.is_element() && tag_name(&d) == "a" {
            len += text_of(&d).chars().count();
        }
    }
    len
}

/// Decodes HTML character references ("&#8211;", "&amp;") in a text taken from JSON.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    dom_query::Document::fragment(text).text().to_string()
}

/// `hidden`, `aria-hidden` containers, `display:none` and `visibility:hidden`.
pub fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s.to_ascii_lowercase().split_whitespace().collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// A teaser card of another page: a headline link (of at least [`MIN_HEADLINE_WORDS`]) and
/// at most a short summary, byline and date ([`MAX_TEASER_WORDS`] words in all).
pub fn is_teaser_card(item: &NodeRef) -> bool {
    let words = word_count(&text_of(item));
    words <= MAX_TEASER_WORDS
        && select(item, "a")
            .iter()
            .any(|a| word_count(&text_of(a)) >= MIN_HEADLINE_WORDS)
}

/// A teaser (headline, summary, byline, date) is at most this many words.
const MAX_TEASER_WORDS: usize = 80;
/// A headline link has at least this many words ("Weiterlesen", "Foto" are no headlines).
const MIN_HEADLINE_WORDS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_split_into_words() {
        let mut w = Vec::new();
        split_identifier("ShareBar-x", &mut w);
        split_identifier("detail__body-tag", &mut w);
        split_identifier("jp-relatedposts", &mut w);
        assert_eq!(
            w,
            [
                "share",
                "bar",
                "x",
                "detail",
                "body",
                "tag",
                "jp",
                "relatedposts"
            ]
        );
    }

    #[test]
    fn words_are_counted_in_spaced_and_unspaced_scripts() {
        assert_eq!(word_count("Banjir rob, 2024: 3 desa"), 5);
        assert_eq!(word_count("東京都は10日、新たに感染"), 11);
        assert_eq!(word_count("ニュース NHK"), 5);
        assert_eq!(word_count("서울 시민 들"), 3);
        // Thai puts spaces between phrases, not words: a sentence is one run.
        assert_eq!(word_count("ฝนตกหนักในกรุงเทพ"), 17);
        assert_eq!(word_count("ဘာသာ"), 4);
    }

    #[test]
    fn leaf_blocks_are_innermost_blocks() {
        let doc = dom_query::Document::from(
            "<div><p>a <b>b</b></p><div>c<ul><li>d</li></ul></div><span>e</span></div>",
        );
        let body = doc.body().unwrap();
        let texts: Vec<String> = leaf_blocks(&body).iter().map(text_of).collect();
        assert_eq!(texts, ["a b", "d"]);
        assert_eq!(collapse_whitespace(" a\u{a0} b \n c "), "a b c");
        assert_eq!(word_count("Rp15.620 per-kg, ya"), 5);
        let frag = dom_query::Document::fragment("<p>a <b>b <i>c</i></b> d</p>");
        unwrap_element(&select(&frag.root(), "b")[0]);
        assert_eq!(frag.select("p").html().to_string(), "<p>a b <i>c</i> d</p>");
    }
}
