//! Whether a box of the page reads as the article's running text (a paragraph of some
//! length with few links, no teaser, link list, related or author heading, other headline or
//! article), and where in the page the text readability chose sits. The thread step
//! (`thread.rs`) uses both to take a whole row of posts when readability kept one.

use std::collections::HashSet;
use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::dom::{
    collapse_whitespace, leaf_blocks, link_text_len, select, tag_name, text_of, word_count,
};
use super::junk::{junk_line_rule, names_boilerplate};
use crate::import::phrases::{is_bio_heading, is_related_heading};

/// A line of the chosen text this long is its own, found once in the page.
const MIN_MATCH_WORDS: usize = 8;

/// A box is running text when it holds a paragraph of at least this many words.
const MIN_PARAGRAPH_WORDS: usize = 15;

/// A box of fewer words and no paragraph (a caption, a date, an empty ad slot) is passed
/// over; a longer one that is no running text is not the article.
const MAX_PASSED_OVER_WORDS: usize = 10;

/// ... and at most this many lines (a row of short buttons is no caption).
const MAX_PASSED_OVER_LINES: usize = 2;

/// Links may make up less than 1/LINK_SHARE_DIVISOR of a running-text box's text.
const LINK_SHARE_DIVISOR: usize = 4;

/// What a box beside the chosen text is.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Verdict {
    /// Running text: it belongs to the article.
    Continues,
    /// A sub-heading: it belongs to the article if the box after it does.
    Heading,
    /// Too little to judge (a caption, an empty slot): passed over.
    PassOver,
    /// Not the article.
    Ends,
}

/// The element of `page` that holds the text readability chose (the nearest one holding
/// its first and last lines that are long enough to be its own), and the keys of those
/// lines.
pub fn chosen_container<'a>(
    found: &str,
    page: &'a Document,
) -> Option<(NodeRef<'a>, HashSet<String>)> {
    let body = page.body()?;
    let chosen = Document::fragment(found);
    let chosen_lines: Vec<String> = leaf_blocks(&chosen.root())
        .iter()
        .map(|b| key_of(&text_of(b)))
        .filter(|k| word_count(k) >= MIN_MATCH_WORDS)
        .collect();
    let (Some(first_line), Some(last_line)) = (chosen_lines.first(), chosen_lines.last()) else {
        return None;
    };
    let page_blocks = leaf_blocks(&body);
    let page_keys: Vec<String> = page_blocks.iter().map(|b| key_of(&text_of(b))).collect();
    let chosen_keys: HashSet<String> = chosen_lines.iter().cloned().collect();
    let matched: Vec<&NodeRef> = page_blocks
        .iter()
        .zip(&page_keys)
        .filter(|(_, key)| chosen_keys.contains(*key))
        .map(|(block, _)| block)
        .collect();
    let (first, last) = match (matched.first(), matched.last()) {
        (Some(first), Some(last)) => (**first, **last),
        // Readability made paragraphs of a block's `<br>`-separated lines (a forum post): the
        // page's blocks that hold its first and last lines.
        _ => {
            let holding = |line: &str| page_keys.iter().position(|key| key.contains(line));
            let first = holding(first_line)?;
            let last = page_keys
                .iter()
                .rposition(|key| key.contains(last_line.as_str()))?;
            (page_blocks[first], page_blocks[last])
        }
    };
    let container = common_ancestor(&first, &last)?;
    Some((container, chosen_keys))
}

/// Class and id stems of boxes set apart from the text, beside the boilerplate words (see
/// [`names_boilerplate`]): teasers, contact and call-to-action boxes, disclaimers.
const SET_APART_STEMS: &[&str] = &["teaser", "contact", "kontakt", "disclaimer", "cta"];

/// Whether a box's class or id sets it apart from the running text.
fn is_set_apart(node: &NodeRef) -> bool {
    if names_boilerplate(node) {
        return true;
    }
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|value| {
            let value = value.to_lowercase();
            SET_APART_STEMS.iter().any(|stem| {
                value
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|token| token.contains(stem) && (*stem != "cta" || token == "cta"))
            })
        })
    })
}

/// What a box after (or beside) the chosen text is.
pub(super) fn verdict(node: &NodeRef, chosen: &HashSet<String>) -> Verdict {
    let text = text_of(node);
    let words = word_count(&text);
    if words == 0 {
        return Verdict::PassOver;
    }
    if is_set_apart(node) {
        return Verdict::Ends;
    }
    let tag = tag_name(node);
    if matches!(
        tag.as_str(),
        "nav" | "aside" | "footer" | "header" | "form" | "h1" | "button" | "select"
    ) {
        return Verdict::Ends;
    }
    if matches!(tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6") {
        let linked = link_text_len(node) > 0;
        return if linked || is_related_heading(&text) || is_bio_heading(&text) {
            Verdict::Ends
        } else {
            Verdict::Heading
        };
    }
    let chars = text.chars().count();
    if link_text_len(node) * LINK_SHARE_DIVISOR >= chars {
        return Verdict::Ends;
    }
    // Another headline or article, or page furniture, inside it.
    if !select(node, "h1, article, nav, aside, footer, form").is_empty() {
        return Verdict::Ends;
    }
    let lines = leaf_blocks(node);
    let mut has_paragraph = false;
    let mut only_headings = true;
    let mut shown_lines = 0;
    // List items that open with a link: a list of other pages, each with a line about it.
    let mut linked_items = 0;
    for (i, line) in lines.iter().enumerate() {
        let tag = tag_name(line);
        let line_text = text_of(line);
        if line_text.is_empty() {
            continue;
        }
        if chosen.contains(&key_of(&line_text)) {
            // Readability took this box's text already.
            return Verdict::Ends;
        }
        shown_lines += 1;
        let heading = matches!(tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6");
        only_headings &= heading;
        let all_link = link_text_len(line) * 10 >= line_text.chars().count() * 9;
        if tag == "li" && starts_with_link(line) {
            linked_items += 1;
        }
        if is_related_heading(&line_text)
            || is_bio_heading(&line_text)
            || SET_APART_HEADING.is_match(&line_text)
            || (heading && all_link)
            || (i == 0 && all_link && !in_quote(line, node))
            || linked_items >= 2
        {
            return Verdict::Ends;
        }
        if word_count(&line_text) >= MIN_PARAGRAPH_WORDS
            && link_text_len(line) * LINK_SHARE_DIVISOR < line_text.chars().count()
            && junk_line_rule(&line_text).is_none()
        {
            has_paragraph = true;
        }
    }
    // Text straight in the box (its lines split by `<br>`), beside its blocks or without any:
    // a forum reply's own words after the post it quotes.
    let in_blocks: usize = lines.iter().map(|l| word_count(&text_of(l))).sum();
    if !has_paragraph && words.saturating_sub(in_blocks) >= MIN_PARAGRAPH_WORDS {
        has_paragraph = junk_line_rule(&text).is_none();
    }
    if has_paragraph {
        Verdict::Continues
    } else if only_headings && shown_lines > 0 {
        Verdict::Heading
    } else if words <= MAX_PASSED_OVER_WORDS && shown_lines <= MAX_PASSED_OVER_LINES {
        Verdict::PassOver
    } else {
        Verdict::Ends
    }
}

/// Whether a line of `node` sits in a `<blockquote>` inside it: a linked first line there is
/// the quote's source ("Pepemaus hat gesagt:" over a forum post's quote), not a link list.
fn in_quote(line: &NodeRef, node: &NodeRef) -> bool {
    line.ancestors_it(None)
        .take_while(|a| a.id != node.id)
        .any(|a| tag_name(&a) == "blockquote")
}

/// The heading of a comments section or an author box ("12 Kommentare", "Comments (3)",
/// "Autor*in", "Penulis"): what follows it is not the article.
static SET_APART_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:\d+\s+)?(?:kommentare?|comments?|komentar|comentarios?|commentaires?|reacties|leserbriefe|diskussion|discussion|autor(?:\*?in(?:nen)?)?|autoren|author|authors|penulis|redakteur(?:\*?in)?|über\s+(?:uns|mich)|about\s+(?:us|me))\W*(?:\(\d+\))?\W*$")
        .expect("valid set-apart heading rule")
});

/// Whether a line's first text is inside a link.
fn starts_with_link(line: &NodeRef) -> bool {
    line.descendants_it()
        .find(|n| n.is_text() && !n.text().trim().is_empty())
        .is_some_and(|first| {
            first
                .ancestors_it(None)
                .take_while(|a| a.id != line.id)
                .any(|a| tag_name(&a) == "a")
        })
}

/// The nearest element holding both blocks: the block's parent when they are one.
fn common_ancestor<'a>(a: &NodeRef<'a>, b: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    if a.id == b.id {
        return a.parent();
    }
    let above_a: HashSet<_> = a.ancestors_it(None).map(|n| n.id).collect();
    b.ancestors_it(None).find(|n| above_a.contains(&n.id))
}

fn key_of(text: &str) -> String {
    collapse_whitespace(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "Dimethylether ist ein farbloses Gas, das sich schon unter geringem Überdruck verflüssigt und gut lagern lässt.";
    const TWO: &str = "Konventioneller Dimethylether wird heute auf zwei Arten hergestellt, aus Methanol oder direkt aus Synthesegas, beides seit Jahrzehnten.";
    const THREE: &str = "Verbraucher in Deutschland können bereits eine erneuerbare Alternative zum herkömmlichen Flüssiggas beziehen, und zwar schon heute.";

    #[test]
    fn teasers_links_other_articles_and_bios_are_no_running_text() {
        let teaser = format!(
            "<div class='card'><h3><a href='/x'>Ein anderer Artikel</a></h3><p>{THREE}</p></div>"
        );
        let links =
            "<div><p>Lesen Sie: <a href='/x'>Ein anderer Artikel über Gas und Strom</a> und \
                     <a href='/y'>noch einer über Wärmepumpen und Heizöl</a></p></div>"
                .to_string();
        let other = format!("<div><article><h2>Zweiter Artikel</h2><p>{THREE}</p></article></div>");
        let bio = format!("<div><h4>Über den Autor</h4><p>{THREE}</p></div>");
        let short_lines = "<div><p>Teilen</p><p>Drucken</p><p>Merken</p><p>Kommentieren</p>\
                           <p>Schriftgröße ändern</p><p>Vorlesen lassen</p></div>"
            .to_string();
        let comments =
            format!("<div class='box'><p>Kommentare</p><p>Kritiker2010</p><p>{THREE}</p></div>");
        let author =
            format!("<div class='box'><p>Autor*In</p><p>Tanja Berg</p><p>{THREE}</p></div>");
        let listed = format!(
            "<div class='box'><ul><li><a href='/r1'>Rezept Bananeneis</a> {THREE}</li>\
             <li><a href='/r2'>Rezept Bananentoast</a> {THREE}</li></ul></div>"
        );
        for after in [
            teaser,
            links,
            other,
            bio,
            short_lines,
            comments,
            author,
            listed,
        ] {
            let page = Document::from(format!("<body>{after}</body>"));
            let chosen = HashSet::from([key_of(ONE), key_of(TWO)]);
            let boxed = page.body().and_then(|b| b.first_element_child()).unwrap();
            assert_ne!(verdict(&boxed, &chosen), Verdict::Continues, "{after}");
        }
    }

    #[test]
    fn a_paragraph_with_few_links_is_running_text_and_a_caption_is_passed_over() {
        let chosen = HashSet::from([key_of(ONE)]);
        let page = Document::from(format!(
            "<body><div class='text'><p>{TWO} <a href='/x'>Mehr</a></p></div>\
             <figure><img src='/a.jpg'><figcaption>Ein Tank.</figcaption></figure>\
             <div><h2>Ideales Zusammenspiel</h2></div></body>"
        ));
        let boxes: Vec<NodeRef> = page.body().unwrap().element_children();
        assert_eq!(verdict(&boxes[0], &chosen), Verdict::Continues);
        assert_eq!(verdict(&boxes[1], &chosen), Verdict::PassOver);
        assert_eq!(verdict(&boxes[2], &chosen), Verdict::Heading);
    }
}
