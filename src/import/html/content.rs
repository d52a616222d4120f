//! The article body: found by readability (dom_smoothie) in the page cleaned of boilerplate,
//! then cleaned line by line (junk lines, the source's own rules, repeated headline, byline
//! and dateline) and shaped for Markdown (figures, tables, quotes, links and images).

use std::collections::HashSet;
use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use regex::Regex;
use url::Url;

use super::boxes;
use super::dom::{
    class_id_tokens, collapse_whitespace, identifier_words, leaf_blocks, link_text_len, select,
    tag_name, text_of, unwrap_element, word_count,
};
use super::embeds::VIDEO_MARK;
use super::junk::{MAX_JUNK_LINE_WORDS, is_related_heading, junk_line_rule, note_removed, shorten};
use super::names::is_byline;
use super::urls::{image_source, is_safe, resolve};
use crate::import::phrases::{self, is_bio_heading};
use crate::import::{Dropped, Rules, dates};

/// The article's HTML as readability finds it in the (already cleaned) page.
pub fn readable_html(doc: Document, base: Option<&Url>) -> Option<String> {
    let config = Config {
        disable_json_ld: true,
        ..Default::default()
    };
    let mut readability =
        Readability::with_document(doc, base.map(Url::as_str), Some(config)).ok()?;
    let article = readability.parse().ok()?;
    Some(article.content.to_string())
}

/// What the line rules compare the body's lines with.
pub struct BodyContext<'a> {
    pub title: Option<&'a str>,
    pub lead_image: Option<&'a str>,
    pub rules: &'a Rules,
    pub base: Option<&'a Url>,
}

/// Drops the lines that are not the article, noting each with its rule.
pub fn clean_body(doc: &Document, ctx: &BodyContext, dropped: &mut Vec<Dropped>) {
    let root = doc.root();
    cut_after_markers(&root, ctx.rules, dropped);
    // Before the line rules, which would take a box's closing link alone.
    boxes::remove_call_to_action_boxes(&root, dropped);
    boxes::remove_trailing_labels(&root, dropped);
    let blocks = leaf_blocks(&root);
    let texts: Vec<String> = blocks.iter().map(|b| normalized(&text_of(b))).collect();
    let words_after = words_after_each(&texts);
    let total_words =
        words_after.first().copied().unwrap_or(0) + texts.first().map_or(0, |t| word_count(t));
    let mut seen: HashSet<&str> = HashSet::new();
    for (position, block) in blocks.into_iter().enumerate() {
        if block.parent().is_none() || is_detached(&block) {
            continue;
        }
        let text = text_of(&block);
        if text.is_empty() {
            continue;
        }
        let at_the_end = is_tail(words_after[position], total_words);
        if is_related_heading(&text) && tag_name(&block) != "li" {
            remove_related_list(&block, &text, dropped);
            continue;
        }
        if boxes::is_site_box_heading(&text) && boxes::remove_site_box(&block, at_the_end, dropped)
        {
            continue;
        }
        if is_related_block(&block, &text) {
            note_removed(&block, "related-articles list", dropped);
            block.remove_from_parent();
            continue;
        }
        if at_the_end && is_bio_heading(&text) {
            remove_rest(&block, phrases::rule::AUTHOR_BIO, dropped);
            continue;
        }
        if at_the_end && phrases::is_press_release_tail_heading(&text) {
            remove_rest(&block, phrases::rule::PRESS_RELEASE_TAIL, dropped);
            continue;
        }
        if is_quote_attribution(&block, &text) {
            continue;
        }
        if is_repeat(&block, &texts[position], &mut seen) {
            dropped.push(Dropped {
                text: shorten(&text),
                rule: "repeated paragraph".into(),
            });
            block.remove_from_parent();
            continue;
        }
        if is_pull_quote(&block, &texts[position], &texts) {
            dropped.push(Dropped {
                text: shorten(&text),
                rule: "pull quote (repeats the text)".into(),
            });
            block.remove_from_parent();
            continue;
        }
        if let Some(rule) = line_rule(&block, &text, ctx) {
            if rule == phrases::rule::PHOTO_CREDIT {
                keep_pictures_of_caption(&block);
            }
            dropped.push(Dropped {
                text: shorten(&text),
                rule,
            });
            block.remove_from_parent();
        }
    }
    remove_lead_image_copies(&root, ctx, dropped);
    remove_logos(&root, dropped);
    remove_empty_elements(&root);
    boxes::remove_closing_headings(&root, dropped);
    deck_as_paragraph(&root);
}

/// A deck needs this many words: a shorter heading is a section's.
const MIN_DECK_WORDS: usize = 10;

/// The body's first block, when it is a sentence set in a subheading's type (`<h2
/// class="subtitle">Catatan seorang guru honorer tentang …</h2>` right under the headline):
/// the standfirst, a paragraph of the article, not a section heading ("## …"). A section
/// heading rarely ends as a sentence does.
fn deck_as_paragraph(root: &NodeRef) {
    let Some(first) = leaf_blocks(root)
        .into_iter()
        .find(|b| !text_of(b).is_empty() || !select(b, "img").is_empty())
    else {
        return;
    };
    let text = text_of(&first);
    if matches!(tag_name(&first).as_str(), "h2" | "h3" | "h4")
        && word_count(&text) >= MIN_DECK_WORDS
        && text.trim_end().ends_with(['.', '!', '?', '…'])
        && link_text_len(&first) == 0
    {
        first.rename("p");
    }
}

/// The rule that drops a line of the body, if one does: the source's rules first, then the
/// generic ones.
fn line_rule(block: &NodeRef, text: &str, ctx: &BodyContext) -> Option<String> {
    if matches!(tag_name(block).as_str(), "table" | "pre") || is_data_cell(block) {
        return None;
    }
    if let Some(source) = &ctx.rules.source
        && let Some(crate::import::rules::SourceVerdict::Drop(rule)) = source.verdict(text)
    {
        return Some(rule);
    }
    if let Some(rule) = junk_line_rule(text) {
        return Some(rule.to_string());
    }
    if phrases::is_caption_with_labelled_credit(text) && !is_figure_caption(block) {
        return Some(phrases::rule::PHOTO_CREDIT.into());
    }
    let same = |other: Option<&str>| other.is_some_and(|o| normalized(o) == normalized(text));
    if same(ctx.title) {
        return Some("headline repeated".into());
    }
    if is_byline(text) {
        return Some("byline".into());
    }
    if is_dateline(text) {
        return Some("dateline".into());
    }
    if is_link_row(block, text) {
        return Some("row of links".into());
    }
    if is_headline_link_in_capitals(block, text) {
        return Some(phrases::rule::READ_ALSO.into());
    }
    None
}

/// A paragraph that is one link to another story, its headline set in capitals ("TAYLOR
/// SWIFT CLEARED TO PERFORM HITS AT AMAS AMID FEUD: REPORT"): a "read also" link set
/// between the paragraphs. A sentence is not written in capitals.
fn is_headline_link_in_capitals(block: &NodeRef, text: &str) -> bool {
    let words = word_count(text);
    if !(4..=MAX_JUNK_LINE_WORDS).contains(&words) || tag_name(block).starts_with('h') {
        return false;
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    link_text_len(block) * 10 >= chars * 9 && capitals * 10 >= letters.len() * 9
}

/// A cell of a table of data (a grid of at least two rows of at least two cells): its "63",
/// "%" or "18.11.2019" is a value of the table, not a page number, a separator or a
/// dateline. (A layout table's cell holds paragraphs, which are judged as lines.)
fn is_data_cell(block: &NodeRef) -> bool {
    if !matches!(tag_name(block).as_str(), "td" | "th") {
        return false;
    }
    let Some(table) = block.ancestors_it(None).find(|a| tag_name(a) == "table") else {
        return false;
    };
    let rows = select(&table, "tr");
    let cells_of = |row: &NodeRef| {
        row.element_children()
            .iter()
            .filter(|c| matches!(tag_name(c).as_str(), "td" | "th"))
            .count()
    };
    rows.len() >= 2 && rows.iter().all(|row| cells_of(row) >= 2)
}

/// Whether a line is the caption of a figure that still shows its picture: such a caption
/// stays with it, credit and all; one left alone in the text (its photo gone) does not.
fn is_figure_caption(block: &NodeRef) -> bool {
    !select(block, "img").is_empty()
        || block
            .ancestors_it(Some(3))
            .find(|a| tag_name(a) == "figure")
            .is_some_and(|figure| !select(&figure, "img").is_empty())
}

/// A caption that shares its paragraph with its picture goes alone: the pictures move out
/// before it (a figure's image is content, its caption and credit are not).
fn keep_pictures_of_caption(caption: &NodeRef) {
    for img in select(caption, "img") {
        caption.insert_before(&img);
    }
}

/// The line that signs a quote set in a `<blockquote>`: an embedded tweet's "— Name
/// (@handle) November 18, 2019" with its link. It is the quote's source, not a dateline,
/// and two tweets of one account on one day sign alike.
fn is_quote_attribution(block: &NodeRef, text: &str) -> bool {
    let signed = text.trim_start().starts_with(['—', '―', '–']);
    signed
        && word_count(text) <= MAX_ATTRIBUTION_WORDS
        && std::iter::once(*block)
            .chain(block.ancestors_it(Some(3)))
            .any(|a| tag_name(&a) == "blockquote")
}

/// A quote's attribution is a name, a handle and a date: at most this many words.
const MAX_ATTRIBUTION_WORDS: usize = 16;

/// A paragraph or caption of a few words or more whose text came before in the body (a
/// caption under every photo of a gallery, a teaser printed twice). List items and table
/// cells may repeat.
fn is_repeat<'t>(block: &NodeRef, text: &'t str, seen: &mut HashSet<&'t str>) -> bool {
    if matches!(
        tag_name(block).as_str(),
        "li" | "td" | "th" | "dt" | "dd" | "pre"
    ) {
        return false;
    }
    if word_count(text) < 5 {
        return false;
    }
    // Its lines are judged against the paragraphs before it, not against itself.
    let repeat = seen.contains(text) || all_lines_seen(block, seen);
    seen.insert(text);
    repeat
}

/// Whether a block set as lines (`<br>` between them) repeats paragraphs that came before,
/// each of its lines of a few words one of them: the same text printed twice, once as
/// paragraphs and once as the lines of one block (a press release's "about" text).
fn all_lines_seen(block: &NodeRef, seen: &HashSet<&str>) -> bool {
    let lines: Vec<String> = br_lines(block)
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect();
    lines.len() >= 2
        && lines
            .iter()
            .all(|line| word_count(line) >= 5 && seen.contains(line.as_str()))
}

/// A block's lines between `<br>` elements, each normalized as the body's texts are.
fn br_lines(block: &NodeRef) -> Vec<String> {
    let mut lines = vec![String::new()];
    for node in block.descendants_it() {
        if node.is_element() && tag_name(&node) == "br" {
            lines.push(String::new());
        } else if node.is_text()
            && let Some(line) = lines.last_mut()
        {
            line.push_str(&node.text());
        }
    }
    lines.iter().map(|line| normalized(line)).collect()
}

/// A short quote set apart (in a `<blockquote>`, `<aside>` or `<figure>`) whose words are
/// also in a paragraph of the text: a pull quote.
fn is_pull_quote(block: &NodeRef, text: &str, all: &[String]) -> bool {
    let words = word_count(text);
    let set_apart = std::iter::once(*block)
        .chain(block.ancestors_it(Some(3)))
        .any(|a| matches!(tag_name(&a).as_str(), "blockquote" | "aside" | "figure"));
    set_apart
        && (4..=40).contains(&words)
        && all
            .iter()
            .any(|other| other.len() > text.len() && other.contains(text))
}

fn normalized(text: &str) -> String {
    collapse_whitespace(text)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A short line that is a date and little else ("Updated 4:02 PM UTC, April 10, 2024"),
/// unless a label says it is the date of something else ("Termin: 29.02.2020, 19 Uhr",
/// "Einsendeschluss: 03.11.2019"); also the page's two dates in one row ("PUBLISHED: 10:48,
/// Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019") and an update's time alone
/// ("Updated at 1:23 p.m.").
fn is_dateline(text: &str) -> bool {
    if UPDATE_TIME.is_match(text) {
        return true;
    }
    let parts: Vec<&str> = text.split('|').collect();
    if parts.len() > 1 && parts.iter().all(|part| is_one_dateline(part.trim())) {
        return true;
    }
    // The two dates with no bar between them: "Published 5:02 a.m. ET Dec. 2, 2026 Updated
    // 11:47 a.m. ET Dec. 2, 2026" (glued too: "…2026Updated Dec. 3…").
    if let Some(update) = UPDATE_LABEL.find_iter(text).find(|m| m.start() > 0) {
        let (published, updated) = text.split_at(update.start());
        if is_one_dateline(published.trim()) && is_one_dateline(updated.trim()) {
            return true;
        }
    }
    is_one_dateline(text)
}

/// The label of an update's date, where a row of the page's two dates turns to the second.
static UPDATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:last\s+)?(?:updated|diperbarui|aktualisiert|actualizado)")
        .expect("update label")
});

/// A time under a label of the page's own dates, with no day: "Updated at 1:23 p.m.",
/// "Diperbarui pukul 14.52 WIB".
static UPDATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:last\s+)?(?:updated|published|posted|aktualisiert|diperbarui|actualizado)\s*(?:at|on|um|pukul|a\s+las|:)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:uhr|[a-z]{2,4})?\W*$")
        .expect("update time")
});

fn is_one_dateline(text: &str) -> bool {
    if word_count(text) > 14 {
        return false;
    }
    let Some(found) = dates::find_date(text) else {
        return false;
    };
    let label = text[..found.span.start].trim();
    if let Some(label) = label.strip_suffix([':', '：'])
        && !PUBLICATION_LABEL.is_match(label)
    {
        return false;
    }
    let rest = format!("{} {}", &text[..found.span.start], &text[found.span.end..]);
    word_count(&rest) <= 4
}

/// Labels of a page's own dates: published, updated, posted, online since.
static PUBLICATION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)publi|update|aktuali|veröffentl|posted|gepostet|modifi|date|datum|stand\b|erstellt|online|fecha|actualiz|mis\s+à\s+jour|diperbarui|terbit|tanggal|aggiorn|release|^\W*(?:am|on|von|vom|by|oleh)?\W*$")
        .expect("publication label")
});

/// A short line that is mostly links ("E-mail | Print | Comments (12)").
fn is_link_row(block: &NodeRef, text: &str) -> bool {
    let words = word_count(text);
    if words == 0 || words > 15 || tag_name(block).starts_with('h') || text.starts_with(VIDEO_MARK)
    {
        return false;
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let link_chars = link_text_len(block);
    link_chars * 10 >= chars * 8 && link_chars > 0
}

fn is_detached(node: &NodeRef) -> bool {
    !node
        .ancestors_it(None)
        .any(|a| a.is_document() || a.is_fragment())
}

/// A source's `cut_after` markers: the line starting with one and everything after it go.
fn cut_after_markers(root: &NodeRef, rules: &Rules, dropped: &mut Vec<Dropped>) {
    let Some(source) = &rules.source else {
        return;
    };
    if source.cut_after.is_empty() {
        return;
    }
    let marker = leaf_blocks(root)
        .into_iter()
        .find_map(|b| match source.verdict(&text_of(&b)) {
            Some(crate::import::rules::SourceVerdict::Cut(rule)) => Some((b, rule)),
            _ => None,
        });
    if let Some((line, rule)) = marker {
        remove_rest(&line, &rule, dropped);
    }
}

/// Removes a line and everything after it in the body.
fn remove_rest(line: &NodeRef, rule: &str, dropped: &mut Vec<Dropped>) {
    let mut current = *line;
    loop {
        while let Some(next) = current.next_sibling() {
            note_removed(&next, rule, dropped);
            next.remove_from_parent();
        }
        match current.parent() {
            Some(parent) if !parent.is_document() && !parent.is_fragment() => current = parent,
            _ => break,
        }
    }
    note_removed(line, rule, dropped);
    line.remove_from_parent();
}

/// For each block, the words of the blocks after it.
fn words_after_each(texts: &[String]) -> Vec<usize> {
    let mut after = vec![0; texts.len()];
    for i in (0..texts.len().saturating_sub(1)).rev() {
        after[i] = after[i + 1] + word_count(&texts[i + 1]);
    }
    after
}

/// A related-list or bio heading this close to the end closes the article: what follows
/// it is at most this share of the body (the list, the bio, the footer).
fn is_tail(words_after: usize, total_words: usize) -> bool {
    words_after * TAIL_SHARE_DIVISOR <= total_words
}

/// The tail after a closing heading is at most 1/TAIL_SHARE_DIVISOR of the body's words.
const TAIL_SHARE_DIVISOR: usize = 4;

/// A "Berita Terkait" / "Most read" heading and the lists of links right after it.
fn remove_related_list(heading: &NodeRef, text: &str, dropped: &mut Vec<Dropped>) {
    let rule = "related-articles list";
    dropped.push(Dropped {
        text: shorten(text),
        rule: rule.into(),
    });
    while let Some(next) = heading.next_element_sibling() {
        let next_text = text_of(&next);
        let mostly_links = link_text_len(&next) * 2 >= next_text.chars().count();
        if !mostly_links && !boxes::is_teaser_list(&next) {
            break;
        }
        note_removed(&next, rule, dropped);
        next.remove_from_parent();
    }
    heading.remove_from_parent();
}

/// A related list kept in one paragraph: its heading, a line break, then links only
/// ("Siehe auch<br><a>…</a><br><a>…</a>").
fn is_related_block(block: &NodeRef, text: &str) -> bool {
    let mut first_line = String::new();
    for node in block.descendants_it() {
        if node.is_element() && tag_name(&node) == "br" {
            break;
        }
        if node.is_text() {
            first_line.push_str(&node.text());
        }
    }
    let first_line = collapse_whitespace(&first_line);
    let rest_chars = text
        .chars()
        .count()
        .saturating_sub(first_line.chars().count());
    first_line.len() < text.len()
        && is_related_heading(&first_line)
        && link_text_len(block) * 10 >= rest_chars * 9
}

/// Readability may keep the lead photo; the front matter has it already.
fn remove_lead_image_copies(root: &NodeRef, ctx: &BodyContext, dropped: &mut Vec<Dropped>) {
    let Some(lead) = ctx.lead_image else {
        return;
    };
    for img in select(root, "img") {
        let src = image_source(&img).map(|s| resolve(&s, ctx.base));
        if src.as_deref() == Some(lead) {
            let container = img
                .ancestors_it(Some(3))
                .find(|a| tag_name(a) == "figure")
                .unwrap_or(img);
            dropped.push(Dropped {
                text: shorten(&text_of(&container)),
                rule: "lead image repeated".into(),
            });
            container.remove_from_parent();
        }
    }
}

/// Words that name an image an advertisement, in its file name, class or short alt text.
const AD_IMAGE_WORDS: &[&str] = &[
    "iklan",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
];

/// A site's logo in the text ("cahaya timur logo"), or an advertisement's picture (`alt="iklan"`,
/// "iklan-bank.jpg"): an image whose file, class or id, or short alt text names it so. An ad's
/// link goes with it.
fn remove_logos(root: &NodeRef, dropped: &mut Vec<Dropped>) {
    for img in select(root, "img") {
        let alt = img.attr("alt").map(|a| a.to_string()).unwrap_or_default();
        let file = image_source(&img)
            .and_then(|s| s.rsplit('/').next().map(str::to_string))
            .unwrap_or_default();
        let names = |text: &str, words: &[&str]| {
            identifier_words(text)
                .iter()
                .any(|w| words.contains(&w.as_str()))
        };
        // A longer alt text describes a photo ("Baliho iklan rokok di Jalan Sudirman").
        let named = |words: &[&str], alt_words: usize| {
            names(&file, words)
                || class_id_tokens(&img).iter().any(|t| names(t, words))
                || (word_count(&alt) <= alt_words && names(&alt, words))
        };
        let (rule, gone) = if named(&["logo"], 5) {
            ("logo image", img)
        } else if named(AD_IMAGE_WORDS, 2) {
            let link = img
                .parent()
                .filter(|p| p.has_name("a") && text_of(p).is_empty());
            ("advertisement image", link.unwrap_or(img))
        } else {
            continue;
        };
        dropped.push(Dropped {
            text: shorten(if alt.is_empty() { &file } else { &alt }),
            rule: rule.into(),
        });
        gone.remove_from_parent();
    }
}

/// Elements left with no text and no image, innermost first.
fn remove_empty_elements(root: &NodeRef) {
    let nodes: Vec<NodeRef> = root.descendants_it().filter(|n| n.is_element()).collect();
    for node in nodes.into_iter().rev() {
        let tag = tag_name(&node);
        if matches!(
            tag.as_str(),
            "img" | "br" | "hr" | "td" | "th" | "tr" | "picture" | "source"
        ) {
            continue;
        }
        if text_of(&node).is_empty()
            && select(&node, "img").is_empty()
            && select(&node, "table").is_empty()
        {
            node.remove_from_parent();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Shaping for Markdown

/// Rewrites the body so the Markdown converter gives what an editor would write: figures as
/// an image and an emphasised caption, quotes' `<cite>` as "— Name", absolute safe links and
/// images, tables with a header row.
pub fn shape_for_markdown(doc: &Document, base: Option<&Url>) {
    let root = doc.root();
    fix_images(&root, base);
    fix_links(&root, base);
    figures_to_paragraphs(&root);
    quote_citations(&root);
    unwrap_layout_tables(&root);
    table_headers(&root);
}

/// Tables used for layout (a cell holding paragraphs, headings or another table, or a long
/// text; a table of one cell) are not data: they become plain blocks.
fn unwrap_layout_tables(root: &NodeRef) {
    for table in select(root, "table") {
        let cells = select(&table, "td, th");
        let layout = cells.len() <= 1
            || cells.iter().any(|c| {
                word_count(&text_of(c)) > 60
                    || select(c, "p").len() > 1
                    || !select(c, "h1, h2, h3, h4, h5, h6, blockquote, figure, table").is_empty()
            });
        if layout {
            for part in select(&table, "caption, thead, tbody, tfoot, tr, td, th") {
                part.rename("div");
            }
            table.rename("div");
        }
    }
}

/// The largest side, in pixels, of an image set as an icon or avatar.
const MAX_ICON_SIZE: u32 = 64;

fn fix_images(root: &NodeRef, base: Option<&Url>) {
    for img in select(root, "img") {
        let src = image_source(&img).map(|s| resolve(&s, base));
        let size = |a: &str| {
            img.attr(a)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        };
        // A tracking pixel, or an icon or avatar (an author's face by the byline) set at
        // a few dozen pixels: no picture of the article.
        let tiny = [size("width"), size("height")].contains(&Some(0))
            || [size("width"), size("height")].contains(&Some(1))
            || size("width")
                .zip(size("height"))
                .is_some_and(|(w, h)| w.max(h) <= MAX_ICON_SIZE);
        match src {
            Some(src) if is_safe(&src) && !tiny => {
                let alt = img
                    .attr("alt")
                    .map(|a| collapse_whitespace(&a))
                    .unwrap_or_default();
                img.remove_all_attrs();
                img.set_attr("src", &src);
                img.set_attr("alt", &alt);
            }
            _ => img.remove_from_parent(),
        }
    }
}

fn fix_links(root: &NodeRef, base: Option<&Url>) {
    for a in select(root, "a") {
        // A link left with nothing to click (its avatar or icon gone) says nothing.
        if text_of(&a).trim().is_empty() && select(&a, "img, iframe, video").is_empty() {
            a.remove_from_parent();
            continue;
        }
        let href = a
            .attr("href")
            .map(|h| h.trim().to_string())
            .unwrap_or_default();
        let keep = !href.is_empty() && !href.starts_with('#') && is_safe(&resolve(&href, base));
        if keep {
            let href = resolve(&href, base);
            a.remove_all_attrs();
            a.set_attr("href", &href);
        } else {
            unwrap_element(&a);
        }
    }
}

/// `<figure><img><figcaption>` becomes `<p><img></p><p><em>caption</em></p>`.
fn figures_to_paragraphs(root: &NodeRef) {
    for figure in select(root, "figure") {
        let images: Vec<String> = select(&figure, "img")
            .iter()
            .map(|i| i.html().to_string())
            .collect();
        let caption = select(&figure, "figcaption")
            .first()
            .map(|c| c.inner_html().to_string());
        if images.is_empty() {
            match caption {
                Some(_) => select(&figure, "figcaption")
                    .iter()
                    .for_each(|c| c.remove_from_parent()),
                None => continue,
            }
            figure.rename("div");
            continue;
        }
        let mut html = String::new();
        for img in images {
            html.push_str(&format!("<p>{img}</p>"));
        }
        if let Some(caption) = caption.filter(|c| !collapse_whitespace(c).is_empty()) {
            html.push_str(&format!("<p><em>{}</em></p>", caption.trim()));
        }
        figure.replace_with_html(html);
    }
}

/// A `<cite>` that closes a quote becomes its own line: "— Harold Finch, resident".
fn quote_citations(root: &NodeRef) {
    for quote in select(root, "blockquote") {
        for cite in select(&quote, "cite") {
            let inside_paragraph = cite
                .ancestors_it(None)
                .take_while(|a| a.id != quote.id)
                .any(|a| tag_name(&a) == "p");
            if !inside_paragraph {
                let text = text_of(&cite);
                cite.replace_with_html(format!("<p>— {}</p>", super::markdown::escape_text(&text)));
            }
        }
    }
}

/// Tables without header cells get their first row as the header (Markdown tables need one);
/// bold in header cells is dropped.
fn table_headers(root: &NodeRef) {
    for table in select(root, "table") {
        if !table.has_name("table") || !select(&table, "th").is_empty() {
            continue;
        }
        let Some(first_row) = select(&table, "tr").first().copied() else {
            continue;
        };
        for cell in select(&first_row, "td") {
            cell.rename("th");
        }
        for bold in select(&first_row, "b, strong") {
            unwrap_element(&bold);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn logos_leave_the_text_and_photos_stay() {
        let doc = Document::fragment(
            "<p><img src='/img/cahaya-timur-logo.png' alt='cahaya timur'>Teks berita.</p>\
             <p><img src='/foto/a.jpg' alt='cahaya timur logo'></p>\
             <p><img src='/foto/b.jpg' alt='Warga menunjukkan logo baru desa mereka di depan balai desa'></p>\
             <p><img src='/foto/c.jpg' alt='Nelayan'></p>\
             <p><a href='https://iklan.example/'><img src='/up/iklan-bank.jpg' alt='promo'></a></p>\
             <p><img src='/up/d.jpg' alt='iklan'></p>\
             <p><img src='/foto/e.jpg' alt='Baliho iklan rokok di Jalan Sudirman'></p>",
        );
        let mut dropped = Vec::new();
        remove_logos(&doc.root(), &mut dropped);
        let left: Vec<String> = select(&doc.root(), "img")
            .iter()
            .map(|i| i.attr("src").unwrap().to_string())
            .collect();
        assert_eq!(left, ["/foto/b.jpg", "/foto/c.jpg", "/foto/e.jpg"]);
        assert!(
            select(&doc.root(), "a").is_empty(),
            "an ad's link goes with it"
        );
        let rules: Vec<(&str, &str)> = dropped
            .iter()
            .map(|d| (d.text.as_str(), d.rule.as_str()))
            .collect();
        assert_eq!(
            rules,
            [
                ("cahaya timur", "logo image"),
                ("cahaya timur logo", "logo image"),
                ("promo", "advertisement image"),
                ("iklan", "advertisement image")
            ]
        );
    }

    #[test]
    fn avatars_and_pixels_leave_the_body_with_their_empty_links() {
        let doc = Document::fragment(
            "<p><a href='https://blog.example/@sekar'><img src='https://blog.example/a/88/face.jpg' alt='Sekar' width='44' height='44'></a></p>\
             <p><img src='https://blog.example/px.gif' width='1' height='1'></p>\
             <p><img src='https://blog.example/foto/pasar.jpg' alt='Pasar' width='700' height='467'></p>\
             <p><img src='https://blog.example/foto/peta.png' alt='Peta' width='64'></p>",
        );
        fix_images(&doc.root(), None);
        fix_links(&doc.root(), None);
        let left: Vec<String> = select(&doc.root(), "img")
            .iter()
            .map(|i| i.attr("src").unwrap().to_string())
            .collect();
        // A picture with one side stated is not known to be small.
        assert_eq!(
            left,
            [
                "https://blog.example/foto/pasar.jpg",
                "https://blog.example/foto/peta.png"
            ]
        );
        assert!(
            select(&doc.root(), "a").is_empty(),
            "the avatar's link goes"
        );
    }

    #[test]
    fn a_sentence_in_a_subheadings_type_opening_the_body_is_its_standfirst() {
        let body = |html: &str| {
            let doc = Document::fragment(html);
            deck_as_paragraph(&doc.root());
            doc.root().html().to_string()
        };
        let deck = body(
            "<h2 class='subtitle'>Catatan seorang guru honorer tentang sekolah, laut dan anak-anak yang ingin kuliah.</h2><p>Saya tiba di Pulau Sapeken pada Juli 2023.</p>",
        );
        assert!(deck.contains("<p class=\"subtitle\">Catatan"), "{deck}");
        // A section heading, and a sentence-long heading further down, stay headings.
        let section =
            body("<h2>Anak-anak yang ingin kuliah</h2><p>Tahun lalu, dua murid lulus.</p>");
        assert!(section.contains("<h2>"), "{section}");
        let later = body(
            "<p>Saya tiba di Pulau Sapeken pada Juli 2023.</p><h2>Sekolah tempat saya mengajar punya enam ruang kelas dan empat guru.</h2>",
        );
        assert!(later.contains("<h2>"), "{later}");
    }

    #[test]
    fn a_caption_repeated_under_every_photo_is_kept_once() {
        let caption = "<p>Warga membersihkan rumah setelah banjir surut. (Foto: Dok. Warga)</p>";
        let doc = Document::fragment(format!(
            "<p>Banjir surut pada Rabu pagi dan warga mulai kembali ke rumah mereka masing-masing.</p>\
             {caption}<p><img src='/a.jpg'></p>{caption}<p><img src='/b.jpg'></p>{caption}\
             <ul><li>Satu dua tiga empat lima</li><li>Satu dua tiga empat lima</li></ul>"
        ));
        let rules = Rules::default();
        let ctx = BodyContext {
            title: None,
            lead_image: None,
            rules: &rules,
            base: None,
        };
        let mut dropped = Vec::new();
        clean_body(&doc, &ctx, &mut dropped);
        let text = doc.root().text().to_string();
        assert_eq!(text.matches("Warga membersihkan rumah").count(), 1);
        assert_eq!(
            text.matches("Satu dua tiga").count(),
            2,
            "list items may repeat"
        );
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["repeated paragraph", "repeated paragraph"]);
    }

    #[test]
    fn a_tweets_signature_stays_with_its_quote_and_a_loose_dateline_goes() {
        let tweet = |text: &str| {
            format!(
                "<blockquote class='twitter-tweet'><p>{text}</p><p>— The Senate (@Senate) \
                 <a href='https://twitter.com/Senate/status/1'>October 9, 2018</a></p></blockquote>"
            )
        };
        let (text, rules) = cleaned(&format!(
            "<p>The Senate shared the details of its plenary session on its account on Tuesday.</p>\
             {}{}<p>— October 9, 2018</p>",
            tweet("Senate resolves to observe a minute of silence."),
            tweet("The Senate Leader moves that all activities be suspended.")
        ));
        assert_eq!(
            text.matches("— The Senate (@Senate) October 9, 2018")
                .count(),
            2,
            "{text}"
        );
        assert_eq!(rules, ["dateline"]);
    }

    /// The body cleaned with no title, lead image, URL or source rules, and what was dropped.
    fn cleaned_document(html: &str) -> (Document, Vec<Dropped>) {
        let doc = Document::fragment(html.to_string());
        let rules = Rules::default();
        let ctx = BodyContext {
            title: None,
            lead_image: None,
            rules: &rules,
            base: None,
        };
        let mut dropped = Vec::new();
        clean_body(&doc, &ctx, &mut dropped);
        (doc, dropped)
    }

    /// The body's text after cleaning, and the rule of each drop (shared with the box tests).
    pub(crate) fn cleaned(html: &str) -> (String, Vec<String>) {
        let (doc, dropped) = cleaned_document(html);
        let text = collapse_whitespace(&doc.root().text());
        (text, dropped.into_iter().map(|d| d.rule).collect())
    }

    #[test]
    fn paragraphs_printed_again_as_the_lines_of_one_block_go() {
        let about = "Vela is a global provider of software for hospitals and clinics.";
        let seat = "Vela is headquartered in Basel and employs around 1,300 people.";
        let long = "The new system sends every alarm to the nurse's phone at once. ".repeat(6);
        let (text, rules) = cleaned(&format!(
            "<p>{long}</p><p>{about}</p><p>{seat}</p><p>{about}<br>{seat}</p>"
        ));
        assert_eq!(text.matches("headquartered").count(), 1, "{text}");
        assert_eq!(rules, ["repeated paragraph"]);
    }

    #[test]
    fn a_paragraph_ending_in_a_line_break_is_no_repeat_of_itself() {
        let long = "The new system sends every alarm to the nurse's phone at once. ".repeat(6);
        let (text, rules) = cleaned(&format!("<p>{long}<br></p><p>It is sold from May.<br></p>"));
        assert!(text.contains("nurse's phone"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn lines_of_a_block_that_only_partly_repeat_stay() {
        let about = "Vela is a global provider of software for hospitals and clinics.";
        let long = "The new system sends every alarm to the nurse's phone at once. ".repeat(6);
        let (text, rules) = cleaned(&format!(
            "<p>{long}</p><p>{about}</p><p>{about}<br>Its shares are listed on the exchange in Zurich.</p>"
        ));
        assert!(text.contains("listed on the exchange"), "{text}");
        assert!(rules.is_empty(), "{rules:?}");
    }

    #[test]
    fn a_caption_goes_and_the_picture_it_shares_a_paragraph_with_stays() {
        let long = "Der Hof hat Weingeschichte geschrieben und wird seit drei Generationen von derselben Familie geführt. ".repeat(6);
        let (doc, dropped) = cleaned_document(&format!(
            "<p>{long}</p><p><a href='/big.jpg'><img src='/hof.jpg' alt=''></a>\
             <span>Abbildung: Der Hof im Winter, vom Weinberg aus gesehen</span></p>\
             <p><img src='/keller.jpg'> Der Keller ist kühl. (jdoe / iStock.com)</p>"
        ));
        let text = collapse_whitespace(&doc.root().text());
        assert!(!text.contains("Abbildung"), "{text}");
        assert!(!text.contains("iStock"), "{text}");
        let images: Vec<String> = select(&doc.root(), "img")
            .iter()
            .filter_map(|img| img.attr("src").map(|s| s.to_string()))
            .collect();
        assert_eq!(images, ["/hof.jpg", "/keller.jpg"]);
        let rules: Vec<&str> = dropped.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, ["photo credit", "photo credit"]);
    }

    #[test]
    fn an_author_bio_under_its_heading_at_the_end_goes() {
        let long = "Der Hof hat Weingeschichte geschrieben und wird seit drei Generationen von derselben Familie geführt. ".repeat(6);
        let (text, rules) = cleaned(&format!(
            "<p>{long}</p><h3>Über den Autor</h3><div><p>Jana Berg schreibt seit zwanzig Jahren über Wein.</p></div>"
        ));
        assert!(text.starts_with("Der Hof hat"), "{text}");
        assert!(!text.contains("Über den Autor"), "{text}");
        assert!(!text.contains("Jana Berg"), "{text}");
        assert_eq!(rules, ["author bio", "author bio"]);
    }

    #[test]
    fn a_link_to_another_story_in_capitals_goes_and_a_linked_sentence_stays() {
        let (text, rules) = cleaned(
            "<p>The singer has been trying to reach her former label for weeks, the source said.</p>\
             <p><strong><a href='/ent/cleared-to-perform'>SINGER CLEARED TO PERFORM HITS AT AWARDS AMID FEUD WITH HER FORMER MANAGER AND HIS RECORD LABEL: REPORT</a></strong></p>\
             <p><a href='/ent/statement'>The label said in a statement on Monday that it had agreed to the request of the singer's lawyers.</a></p>\
             <p><a href='/nasa'>NASA</a> and <a href='/esa'>ESA</a> SAID SO.</p>",
        );
        assert!(!text.contains("CLEARED"), "{text}");
        assert!(text.contains("The label said in a statement"), "{text}");
        assert!(text.contains("NASA and ESA SAID SO."), "{text}");
        assert_eq!(rules, ["read-also line"]);
    }

    #[test]
    fn numbers_and_signs_in_a_table_of_data_stay() {
        let (text, rules) = cleaned(
            "<p>The defense played most snaps on Sunday, and the rotation on the line was deep again.</p>\
             <table><thead><tr><th>Player</th><th>Plays</th><th>%</th></tr></thead>\
             <tbody><tr><td>Larry Doe</td><td>63</td><td>85%</td></tr>\
             <tr><td>Myles Roe</td><td>57</td><td>—</td></tr></tbody></table>\
             <table><tr><td>Share</td></tr><tr><td>12</td></tr></table>",
        );
        // Cells run together in the text: every one of them is there.
        assert!(
            text.contains("PlayerPlays%Larry Doe6385%Myles Roe57—"),
            "{text}"
        );
        assert_eq!(
            rules,
            ["share buttons", "pagination"],
            "a column of single cells is no grid"
        );
    }

    #[test]
    fn datelines_go_but_dates_of_other_things_stay() {
        for line in [
            "Updated 4:02 PM UTC, April 10, 2024",
            "Veröffentlicht am 26. Oktober 2023",
            "Stand: 03.11.2019",
            "03.11.2019",
            "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
            "Updated at 1:23 p.m.",
            "Diperbarui pukul 14.52 WIB",
            "Dec 2, 2026 7:00 AM",
            "Published 5:02 a.m. ET Dec. 2, 2026 Updated 11:47 a.m. ET Dec. 2, 2026",
            "Published Dec. 2, 2026Updated Dec. 3, 2026, 6:04 a.m. ET",
        ] {
            assert!(is_dateline(line), "{line}");
        }
        for line in [
            "Termin: 29.02.2020, 19 Uhr",
            "Einsendeschluss: 03.11.2019 (Poststempel)",
            "Termin: 29.02.2020 | Einsendeschluss: 03.11.2019",
            "Updated at 1:23 p.m., the figures showed a rise of four percent.",
        ] {
            assert!(!is_dateline(line), "{line}");
        }
    }

    #[test]
    fn a_related_list_in_one_paragraph_goes() {
        let long = "Der Hof hat Weingeschichte geschrieben und wird seit drei Generationen von derselben Familie geführt. ".repeat(6);
        let (text, rules) = cleaned(&format!(
            "<p>{long}</p><p>Siehe auch<br><a href='/a'>Die dümmste aller Verschwörungstheorien</a>\
             <br><a href='/b'>Immer mehr Verschwörungsbedürftige</a></p>\
             <p>Siehe auch<br>die Karte unten, die <a href='/k'>hier</a> zu finden ist.</p>"
        ));
        assert!(!text.contains("dümmste"), "{text}");
        assert!(text.contains("die Karte unten"), "{text}");
        assert_eq!(rules, ["related-articles list"]);
    }

    #[test]
    fn a_bio_heading_before_most_of_the_text_takes_only_itself() {
        let long = "Der Hof hat Weingeschichte geschrieben und wird seit drei Generationen von derselben Familie geführt. ".repeat(6);
        let (text, rules) = cleaned(&format!(
            "<p>Kurz vorab.</p><h3>Über den Autor</h3><p>{long}</p>"
        ));
        assert!(!text.contains("Über den Autor"), "{text}");
        assert!(text.contains("Der Hof hat"), "{text}");
        assert_eq!(rules, ["author bio"]);
    }
}
