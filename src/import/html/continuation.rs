//! The rest of an article that readability leaves out. Some templates split one article
//! over boxes side by side: a box for the lead and one for the text, or a section per
//! sub-heading. Readability keeps the box that scores best, and its sibling step looks only
//! at that box's own siblings, by score: the sections after it are lost. The boxes that
//! follow the chosen text in the page (its container's next siblings, then its parent's, up
//! to the page's top-level boxes) continue the article as long as each reads as running
//! text; the first one that does not (a list of links, a teaser, a related heading, another
//! article, a footer) ends it.

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

/// A box continues the article when it holds a paragraph of at least this many words.
const MIN_PARAGRAPH_WORDS: usize = 15;

/// A box of fewer words and no paragraph (a caption, a date, an empty ad slot) is passed
/// over; a longer one that is no running text ends the article.
const MAX_PASSED_OVER_WORDS: usize = 10;

/// ... and at most this many lines (a row of short buttons is no caption).
const MAX_PASSED_OVER_LINES: usize = 2;

/// How many levels above the chosen text's container the search climbs.
const MAX_LEVELS: usize = 4;

/// Links may make up less than 1/LINK_SHARE_DIVISOR of a continuing box's text.
const LINK_SHARE_DIVISOR: usize = 4;

/// What a box after the chosen text is.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Verdict {
    /// Running text: it continues the article.
    Continues,
    /// A sub-heading: it continues the article if the next box does.
    Heading,
    /// Too little to judge (a caption, an empty slot): passed over.
    PassOver,
    /// Not the article: the article ended before it.
    Ends,
}

/// The chosen body with the boxes that continue it after `container` (the element of the
/// page that holds it, see [`chosen_container`]) appended.
pub fn with_boxes_after(found: String, container: &NodeRef, chosen: &HashSet<String>) -> String {
    let added = following_boxes(container, chosen);
    if added.is_empty() {
        return found;
    }
    let mut html = found;
    for node in added {
        html.push_str(&node.html());
    }
    html
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
    let chosen_keys: HashSet<String> = leaf_blocks(&chosen.root())
        .iter()
        .map(|b| key_of(&text_of(b)))
        .filter(|k| word_count(k) >= MIN_MATCH_WORDS)
        .collect();
    if chosen_keys.is_empty() {
        return None;
    }
    let matched: Vec<NodeRef> = leaf_blocks(&body)
        .into_iter()
        .filter(|b| chosen_keys.contains(&key_of(&text_of(b))))
        .collect();
    let container = common_ancestor(matched.first()?, matched.last()?)?;
    Some((container, chosen_keys))
}

/// The boxes after `container` and after each of its ancestors in turn that continue the
/// article, in page order.
fn following_boxes<'a>(container: &NodeRef<'a>, chosen: &HashSet<String>) -> Vec<NodeRef<'a>> {
    let mut added = Vec::new();
    let mut current = *container;
    for _ in 0..=MAX_LEVELS {
        if bounds_the_article(&current) {
            break;
        }
        let mut heading = None;
        let mut sibling = current.next_element_sibling();
        while let Some(node) = sibling {
            // Another `<article>` is another article.
            let verdict = match tag_name(&node).as_str() {
                "article" => Verdict::Ends,
                _ => verdict(&node, chosen),
            };
            match verdict {
                Verdict::Continues => {
                    added.extend(heading.take());
                    added.push(node);
                }
                Verdict::Heading if heading.is_none() => heading = Some(node),
                Verdict::PassOver => {}
                Verdict::Heading | Verdict::Ends => return added,
            }
            sibling = node.next_element_sibling();
        }
        if heading.is_some() {
            return added;
        }
        match current.parent() {
            Some(parent) if !matches!(tag_name(&parent).as_str(), "body" | "html" | "") => {
                current = parent;
            }
            _ => break,
        }
    }
    added
}

/// The page's box of the article itself (`<article>`, `<main>`, `itemprop="articleBody"`):
/// what follows it is not the article.
fn bounds_the_article(node: &NodeRef) -> bool {
    matches!(
        tag_name(node).as_str(),
        "article" | "main" | "body" | "html"
    ) || node
        .attr("itemprop")
        .is_some_and(|p| p.split_whitespace().any(|w| w == "articleBody"))
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
            || (i == 0 && all_link)
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
    if lines.is_empty() {
        // Text straight in the box: its lines are split by `<br>`.
        has_paragraph = words >= MIN_PARAGRAPH_WORDS && junk_line_rule(&text).is_none();
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

    fn continued(page: &str, found: &str) -> String {
        let doc = Document::from(page);
        let Some((container, chosen)) = chosen_container(found, &doc) else {
            return found.to_string();
        };
        with_boxes_after(found.to_string(), &container, &chosen)
    }

    #[test]
    fn the_sections_after_the_chosen_one_continue_the_article() {
        // One section per sub-heading, each a top-level box of the page: readability keeps
        // the first and loses the next.
        let page = format!(
            "<body><section class='head'><h1>Dimethylether</h1></section>\
             <div class='topic'><div class='row'><div class='col'><p>{ONE}</p><p>{TWO}</p></div></div></div>\
             <div class='topic'><div class='row'><div class='col'><h2>Ideales Zusammenspiel</h2><p>{THREE}</p></div></div></div>\
             <div class='topic'><div class='row'><div class='col'><h3>Mehr zum Thema</h3>\
             <ul><li><a href='/a'>Flüssiggas im Garten</a></li><li><a href='/b'>Tank mieten</a></li></ul></div></div></div></body>"
        );
        let body = continued(&page, &format!("<div><p>{ONE}</p><p>{TWO}</p></div>"));
        let text = Document::fragment(body).root().text().to_string();
        assert!(text.contains("Ideales Zusammenspiel"), "{text}");
        assert!(text.contains(THREE), "{text}");
        assert!(!text.contains("Mehr zum Thema"), "{text}");
        assert!(!text.contains("Tank mieten"), "{text}");
    }

    #[test]
    fn a_sub_heading_box_then_its_text_box_continue_the_lead_box() {
        let page = format!(
            "<body><article><div class='lead'><p>{ONE}</p></div>\
             <div class='paragraph'><h2>Ein Antrag ist gestellt</h2></div>\
             <div class='paragraph'><p>{TWO}</p><p>{THREE}</p></div></article></body>"
        );
        let body = continued(&page, &format!("<p>{ONE}</p>"));
        assert_eq!(
            body,
            format!(
                "<p>{ONE}</p><div class=\"paragraph\"><h2>Ein Antrag ist gestellt</h2></div>\
                 <div class=\"paragraph\"><p>{TWO}</p><p>{THREE}</p></div>"
            )
        );
    }

    #[test]
    fn teasers_links_other_articles_and_bios_end_the_article() {
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
            let page = format!(
                "<body><main><div class='text'><p>{ONE}</p><p>{TWO}</p></div>{after}\
                 <div><p>{THREE} Noch ein Satz.</p></div></main></body>"
            );
            let found = format!("<p>{ONE}</p><p>{TWO}</p>");
            assert_eq!(continued(&page, &found), found, "{after}");
        }
    }

    #[test]
    fn a_caption_between_two_parts_is_passed_over() {
        let page = format!(
            "<body><div><div class='text'><p>{ONE}</p></div>\
             <figure><img src='/a.jpg'><figcaption>Ein Tank.</figcaption></figure>\
             <div class='text'><p>{TWO}</p></div></div></body>"
        );
        let body = continued(&page, &format!("<p>{ONE}</p>"));
        assert_eq!(
            body,
            format!("<p>{ONE}</p><div class=\"text\"><p>{TWO}</p></div>")
        );
    }
}
