//! Boxes inside the article's container that are not the article: a contact, "about us" or
//! newsletter box under its heading, a list of teasers of other articles, a small box after
//! the text that ends in a call to action, and a heading or a label left
//! at the end of the body with nothing under it (the label of a widget that is gone).
//!
//! These are judged as boxes, by their heading and their shape, not line by line: no phrase
//! rule can tell a teaser's headline or a contact's name from the article's own lines.

use std::sync::LazyLock;

use dom_query::NodeRef;
use regex::Regex;

use super::dom::{
    is_teaser_card, leaf_blocks, link_text_len, select, tag_name, text_of, word_count,
};
use super::junk::note_removed;
use crate::import::Dropped;
use crate::import::phrases::rule;

/// Headings of a site's own boxes: contact, "about us", newsletter, imprint.
static SITE_BOX_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:kontakt|kontak|contact(?:o|os|s)?|contact\s+us|contacto\s+de\s+prensa|pressekontakt|medienkontakt|ansprechpartner(?:in)?|über\s+uns|about\s+us|sobre\s+nosotros|qui\s+sommes-nous\s*\??|tentang\s+kami|hubungi\s+kami|newsletters?|impressum)\W*$")
        .expect("site box heading")
});

/// Whether a short line is the heading of a contact, "about us" or newsletter box.
pub fn is_site_box_heading(text: &str) -> bool {
    word_count(text) <= 4 && SITE_BOX_HEADING.is_match(text)
}

/// A site box is at most this many words (heading included); a bigger block around the
/// heading is the article itself, with the box's lines set flat in it.
const MAX_BOX_WORDS: usize = 80;

/// Removes a site box under `heading`: the smallest element around the heading that holds
/// more than the heading, when it is small; else, when the heading closes the article
/// (`at_the_end`), the heading and everything after it. A heading in the middle of the
/// text with no box of its own stays. Returns whether something was removed.
pub fn remove_site_box(heading: &NodeRef, at_the_end: bool, dropped: &mut Vec<Dropped>) -> bool {
    let own_words = word_count(&text_of(heading));
    let around = heading
        .ancestors_it(None)
        .take_while(|a| a.is_element() && !is_root(a))
        .find(|a| word_count(&text_of(a)) > own_words);
    if let Some(block) = around
        && word_count(&text_of(&block)) <= MAX_BOX_WORDS
        && select(&block, "img, table, iframe, video").is_empty()
    {
        note_removed(&block, rule::SITE_BOX, dropped);
        block.remove_from_parent();
        return true;
    }
    if at_the_end {
        remove_from(heading, dropped);
        return true;
    }
    false
}

/// The body's outermost element (readability's page wrapper) or the fragment itself.
fn is_root(node: &NodeRef) -> bool {
    node.parent()
        .is_none_or(|p| p.is_document() || p.is_fragment() || tag_name(&p) == "html")
}

/// Removes `line` and everything after it in the body.
fn remove_from(line: &NodeRef, dropped: &mut Vec<Dropped>) {
    let mut current = *line;
    loop {
        while let Some(next) = current.next_sibling() {
            note_removed(&next, rule::SITE_BOX, dropped);
            next.remove_from_parent();
        }
        match current.parent() {
            Some(parent) if !parent.is_document() && !parent.is_fragment() => current = parent,
            _ => break,
        }
    }
    note_removed(line, rule::SITE_BOX, dropped);
    line.remove_from_parent();
}

/// A list of teasers of other articles: two or more items, each a card with a headline link
/// (a link of three words or more) and at most a few lines of text (a summary, a byline, a
/// date); little text outside the items. An article's own list of links has no summaries
/// and goes by the link-density rules; its own list of points has no headline links.
pub fn is_teaser_list(node: &NodeRef) -> bool {
    let items = select(node, "li");
    if items.len() < 2 || !items.iter().all(is_teaser_card) {
        return false;
    }
    let item_words: usize = items
        .iter()
        .filter(|li| !li.ancestors_it(None).any(|a| tag_name(&a) == "li"))
        .map(|li| word_count(&text_of(li)))
        .sum();
    word_count(&text_of(node)).saturating_sub(item_words) <= MAX_TEASER_LIST_LABEL_WORDS
}

/// Text of a teaser list outside its items: a heading at most.
const MAX_TEASER_LIST_LABEL_WORDS: usize = 8;

/// Small boxes after the running text that end in a call to action: a short heading, a
/// line or two, and a link on a line of its own ("Entdecke weitere Homestorys … Mehr
/// Homestorys", "We need your help … Donate", "Unsere Gewinnspiele … Jetzt mitmachen").
/// The article's own text is not set in such a box at its end; a factbox has no closing
/// link, and a longer box (over [`MAX_CTA_BOX_WORDS`]) is left to the other rules.
pub fn remove_call_to_action_boxes(root: &NodeRef, dropped: &mut Vec<Dropped>) {
    let total = word_count(&text_of(root));
    let mut words_before = 0;
    let mut candidates = Vec::new();
    for node in root.descendants_it() {
        if node.is_text() {
            words_before += word_count(&node.text());
        } else if is_box_element(&node) {
            candidates.push((node, words_before));
        }
    }
    let mut taken: Vec<NodeRef> = Vec::new();
    for (node, before) in candidates {
        // The first half of the body is the article's: no box there is judged (and no
        // text counted).
        if before * 2 < total
            || taken
                .iter()
                .any(|t| node.ancestors_it(None).any(|a| a.id == t.id))
        {
            continue;
        }
        let words = word_count(&text_of(&node));
        let after = total.saturating_sub(before + words);
        if after * 4 <= total
            && (MIN_CTA_BOX_WORDS..=MAX_CTA_BOX_WORDS).contains(&words)
            && is_call_to_action_box(&node, words)
        {
            taken.push(node);
        }
    }
    for node in taken {
        note_removed(&node, rule::CALL_TO_ACTION, dropped);
        node.remove_from_parent();
    }
}

/// Elements that hold a box: a division of the page, a table cell, or a custom element.
fn is_box_element(node: &NodeRef) -> bool {
    if !node.is_element() {
        return false;
    }
    let tag = tag_name(node);
    matches!(
        tag.as_str(),
        "div" | "section" | "aside" | "article" | "td" | "header" | "footer" | "form" | "dl"
    ) || tag.contains('-')
}

/// A box of `words` words: set apart from a bigger block around it, opened by a short
/// line, closed by a short link on a line of its own.
fn is_call_to_action_box(node: &NodeRef, words: usize) -> bool {
    let parent_words = node.parent().map_or(0, |p| word_count(&text_of(&p)));
    if parent_words <= words {
        return false;
    }
    let Some(link) = select(node, "a")
        .into_iter()
        .rev()
        .find(|a| !text_of(a).is_empty())
    else {
        return false;
    };
    let link_text = text_of(&link);
    let link_words = word_count(&link_text);
    if link_words > MAX_CTA_LINK_WORDS
        || words <= link_words
        || !text_of(node).ends_with(link_text.as_str())
    {
        return false;
    }
    // The link's line: the innermost block around it inside the box, all or most link.
    let line = link
        .ancestors_it(None)
        .take_while(|a| a.id != node.id)
        .find(|a| super::dom::is_block(a));
    if let Some(line) = line {
        let text = text_of(&line);
        if word_count(&text) > MAX_CTA_LINK_WORDS
            || link_text_len(&line) * 10 < text.chars().count() * 8
        {
            return false;
        }
    }
    leaf_blocks(node)
        .iter()
        .map(text_of)
        .find(|t| !t.is_empty())
        .is_some_and(|first| first != link_text && word_count(&first) <= MAX_CTA_OPENING_WORDS)
}

/// A call-to-action box is at least this many words and at most [`MAX_CTA_BOX_WORDS`].
const MIN_CTA_BOX_WORDS: usize = 5;
const MAX_CTA_BOX_WORDS: usize = 45;
/// The closing link ("Mehr Homestorys", "Jetzt kostenlos teilnehmen") is a few words.
const MAX_CTA_LINK_WORDS: usize = 8;
/// The box opens with a heading's length.
const MAX_CTA_OPENING_WORDS: usize = 15;

/// Headings left at the very end of the body with nothing under them: the label of a box
/// whose content went ("Teilnehmende Blogs:", "DEN RICHTIGEN FINDEN" over a removed job
/// widget). A heading introduces what follows it; with nothing following, it is no text.
pub fn remove_closing_headings(root: &NodeRef, dropped: &mut Vec<Dropped>) {
    while let Some(last) = leaf_blocks(root)
        .into_iter()
        .rev()
        .find(|b| !text_of(b).is_empty())
    {
        if !is_heading_line(&last) || has_media_after(&last) {
            return;
        }
        note_removed(&last, rule::CLOSING_HEADING, dropped);
        last.remove_from_parent();
    }
}

/// Labels ending in a colon that end the body as readability took it ("Teilen:",
/// "Schlagwörter:", "Geschrieben von:", "Diese Artikel könnten dich auch interessieren:"):
/// what each introduced (share buttons, tag links, a list of other stories, the author's
/// profile box) went with the page's furniture, so the label introduces nothing. Called
/// before the body's line rules: a label whose list a line rule takes later ("Lesen Sie
/// dazu auch die Pressemitteilungen:" over a list of dated releases) still has its list
/// here, and stays.
pub fn remove_trailing_labels(root: &NodeRef, dropped: &mut Vec<Dropped>) {
    while let Some(last) = leaf_blocks(root)
        .into_iter()
        .rev()
        .find(|b| !text_of(b).is_empty())
    {
        let cell = matches!(tag_name(&last).as_str(), "td" | "th");
        if cell
            || !is_label_line(&text_of(&last))
            || has_media_after(&last)
            || has_text_after(&last)
        {
            return;
        }
        note_removed(&last, rule::TRAILING_LABEL, dropped);
        last.remove_from_parent();
    }
}

/// A short line ending in a colon, the label of what follows it.
fn is_label_line(text: &str) -> bool {
    let text = text.trim_end();
    (text.ends_with(':') || text.ends_with('：')) && word_count(text) <= MAX_LABEL_WORDS
}

/// A label is at most this many words; a longer line ending in a colon is a sentence that
/// may introduce a quote or a list the reader still has.
const MAX_LABEL_WORDS: usize = 12;

/// A heading element (or a block holding only one), of a heading's length. A line that
/// ends with a colon is no heading here: its list may have gone by a line rule that was
/// wrong about it ("Lesen Sie dazu auch die Pressemitteilungen:").
fn is_heading_line(block: &NodeRef) -> bool {
    let text = text_of(block);
    let headings = select(block, "h1, h2, h3, h4, h5, h6");
    let heading = matches!(
        tag_name(block).as_str(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    ) || headings.len() == 1 && text_of(&headings[0]) == text;
    heading && word_count(&text) <= MAX_HEADING_WORDS
}

/// A closing heading is at most this many words; a longer one is a sentence.
const MAX_HEADING_WORDS: usize = 15;

/// Whether a picture, table or embed follows `node` in the body: a heading over a map or a
/// gallery labels it and stays.
fn has_media_after(node: &NodeRef) -> bool {
    let mut current = *node;
    loop {
        let mut next = current.next_sibling();
        while let Some(sibling) = next {
            let media = sibling.is_element()
                && (matches!(
                    tag_name(&sibling).as_str(),
                    "img" | "table" | "iframe" | "video" | "picture"
                ) || !select(&sibling, "img, table, iframe, video, picture").is_empty());
            if media {
                return true;
            }
            next = sibling.next_sibling();
        }
        match current.parent() {
            Some(parent) if !parent.is_document() && !parent.is_fragment() => current = parent,
            _ => return false,
        }
    }
}

/// Whether text follows `node` in the body outside any block (a quote set as loose text
/// after the label, "A THOUGHT FOR TODAY:<br>A fixed idea is …"): the last block is then
/// not the body's last line.
fn has_text_after(node: &NodeRef) -> bool {
    let mut current = *node;
    loop {
        let mut next = current.next_sibling();
        while let Some(sibling) = next {
            if !sibling.text().trim().is_empty() {
                return true;
            }
            next = sibling.next_sibling();
        }
        match current.parent() {
            Some(parent) if !parent.is_document() && !parent.is_fragment() => current = parent,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    use super::super::content::tests::cleaned;

    const LONG: &str = "Der Hof hat Weingeschichte geschrieben und wird seit drei Generationen von derselben Familie geführt. ";

    #[test]
    fn a_contact_box_at_the_end_goes_with_its_heading() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><p><strong>Kontakt:</strong></p>\
             <p>Dr. Jana Berg, Institut für Weinbau, E-Mail: berg@example.org</p>\
             <p>tel +49 611 7878 394 | presse@example.org</p></div>"
        ));
        assert_eq!(text, LONG.repeat(6).trim());
        assert_eq!(rules, ["contact, about or newsletter box"; 3]);
    }

    #[test]
    fn a_newsletter_box_beside_the_text_goes_and_the_text_after_it_stays() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><div><p>NEWSLETTERS</p>\
             <p>News, Tipps und Trends... wir haben viele spannende Themen für dich!</p></div>\
             <p>Zum Schluss noch ein Wort zum Jahrgang.</p></div>"
        ));
        assert!(!text.contains("NEWSLETTERS"), "{text}");
        assert!(!text.contains("spannende Themen"), "{text}");
        assert!(
            text.ends_with("Zum Schluss noch ein Wort zum Jahrgang."),
            "{text}"
        );
        assert_eq!(rules, ["contact, about or newsletter box"]);
    }

    #[test]
    fn a_contact_heading_in_the_middle_of_the_text_with_no_box_of_its_own_stays() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>Kurz vorab.</p><h3>Kontakt</h3><p>{long}</p></div>"
        ));
        assert!(text.contains("Kontakt"), "{text}");
        assert!(text.contains("Der Hof hat"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    fn teaser(headline: &str) -> String {
        format!(
            "<li><div><p><a href='/a'><img src='/a.jpg'></a></p><div>\
             <h3><a href='/a'>{headline}</a></h3>\
             <p>Intervenant à l’atelier, Philippe observe tout au long de l’année ses élèves.</p>\
             <p>Par Hervé Hinopay <br> Le <span>31/01/2020</span></p></div></div></li>"
        )
    }

    #[test]
    fn a_list_of_teaser_cards_under_a_related_heading_goes() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><div><h2>Articles liés</h2><div><ul>{}{}</ul></div></div></div>",
            teaser("Un an à l’atelier Sciences Po de Delacroix"),
            teaser("Contre les E3C, les élèves gagnent une bataille"),
        ));
        assert_eq!(text, LONG.repeat(6).trim());
        assert_eq!(rules, ["related-articles list"; 2]);
    }

    #[test]
    fn an_articles_own_list_under_a_heading_is_no_teaser_list() {
        let points = Document::fragment(
            "<div><ul><li>Die Trauben werden von Hand gelesen.</li>\
             <li>Der Most gärt in alten Fässern aus Eiche.</li></ul></div>",
        );
        assert!(!super::is_teaser_list(&points.root()));
        let links = Document::fragment(
            "<div><ul><li><a href='/a'>Weiterlesen</a> über den Hof und seine lange Geschichte</li>\
             <li><a href='/b'>Foto</a> vom Keller</li></ul></div>",
        );
        assert!(!super::is_teaser_list(&links.root()));
        let long_items = Document::fragment(format!(
            "<div><ul><li><a href='/a'>Der Hof im Winter</a> {0}</li>\
             <li><a href='/b'>Der Keller im Sommer</a> {0}</li></ul></div>",
            LONG.repeat(8)
        ));
        assert!(!super::is_teaser_list(&long_items.root()));
    }

    #[test]
    fn a_small_box_after_the_text_that_ends_in_a_call_to_action_goes() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><div><p>{long}</p><p>Und wie sieht es bei dir aus?</p></div>\
             <section><p>Wie wohnt die COUCH Community? Klicke dich durch die Homestorys der Community-Mitglieder.</p>\
             <a href='/living/homestory'>Mehr Homestorys</a></section></div>"
        ));
        assert!(text.ends_with("Und wie sieht es bei dir aus?"), "{text}");
        assert_eq!(rules, ["call-to-action box"]);
    }

    #[test]
    fn a_factbox_after_the_text_with_no_closing_link_stays() {
        let long = LONG.repeat(6);
        let factbox = "<div><h3>Das Weingut</h3><p>Gegründet 1921, 14 Hektar Rebfläche, \
                       vor allem Riesling und Spätburgunder.</p></div>";
        let (text, rules) = cleaned(&format!("<div><p>{long}</p>{factbox}</div>"));
        assert!(
            text.ends_with("vor allem Riesling und Spätburgunder."),
            "{text}"
        );
        assert!(rules.is_empty(), "{rules:?}");
        // Nor does a box whose link is part of a sentence.
        let sourced = "<div><h3>Das Weingut</h3><p>Mehr über die Lage steht \
                       <a href='/lage'>im Weinatlas</a></p></div>";
        let (text, rules) = cleaned(&format!("<div><p>{long}</p>{sourced}</div>"));
        assert!(
            text.ends_with("Mehr über die Lage steht im Weinatlas"),
            "{text}"
        );
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_heading_with_nothing_under_it_goes_and_a_heading_over_a_picture_stays() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><div><p><h4>DEN RICHTIGEN FINDEN</h4></p></div></div>"
        ));
        assert_eq!(text, LONG.repeat(6).trim());
        assert_eq!(rules, ["heading with nothing under it"]);

        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><h2>Die Karte zum Abspeichern:</h2><p><img src='/karte.png'></p></div>"
        ));
        assert!(text.ends_with("Die Karte zum Abspeichern:"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_label_whose_list_a_line_rule_takes_stays() {
        // The list was there when readability took the body; the dateline rule takes its
        // items afterwards, and the label is no label of nothing.
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><p>Lesen Sie dazu auch die Pressemitteilungen:</p>\
             <ul><li>Nr. 34 vom 08. November 2021</li><li>Nr. 32 vom 05. November 2021</li></ul></div>"
        ));
        assert!(
            text.ends_with("Lesen Sie dazu auch die Pressemitteilungen:"),
            "{text}"
        );
        assert_eq!(rules, ["dateline", "dateline"]);
    }

    #[test]
    fn labels_with_nothing_after_them_at_the_end_go() {
        // A share row's and a tag list's labels whose buttons and links went with the
        // page's furniture, one a list item, one in a heading.
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><ul><li>Schlagwörter:</li></ul><h4>Teile mich:</h4></div>"
        ));
        assert_eq!(text, LONG.repeat(6).trim());
        assert_eq!(rules, ["label with nothing after it"; 2]);
    }

    #[test]
    fn a_label_over_a_picture_or_inside_the_text_stays() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>Das sagt die Winzerin:</p><p>{long}</p>\
             <p>Der Weinberg im Herbst:</p><p><img src='/berg.jpg'></p></div>"
        ));
        assert!(text.starts_with("Das sagt die Winzerin:"), "{text}");
        assert!(text.ends_with("Der Weinberg im Herbst:"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_label_followed_by_loose_text_stays() {
        let long = LONG.repeat(6);
        let (text, rules) = cleaned(&format!(
            "<div><p>{long}</p><p>A THOUGHT FOR TODAY:</p>\
             A fixed idea is like the iron rod which sculptors put in their statues.</div>"
        ));
        assert!(text.contains("A THOUGHT FOR TODAY:"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_sentence_ending_in_a_colon_at_the_end_stays() {
        let long = LONG.repeat(6);
        let last = "Wer den Hof besuchen möchte, sollte sich vorher anmelden, am besten bei der \
                    Familie selbst, und zwar so:";
        let (text, rules) = cleaned(&format!("<div><p>{long}</p><p>{last}</p></div>"));
        assert!(text.ends_with("und zwar so:"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }
}
