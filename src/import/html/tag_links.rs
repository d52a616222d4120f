//! Tags a page states in links rather than in meta tags: the rel-tag microformat
//! (`<a rel="tag">`: Blogger's "Label:", WordPress themes), else a box of hashtag links
//! ("Tags #Persikota #Liga 2": a `#` says the link is a tag), else a box labelled "Tags:"
//! whose links all go to tag archives ("/tag/banjir"), or such a box without a label under
//! the post's text (a blog platform's tag pills). Used only when neither JSON-LD keywords
//! nor `article:tag` name any. A box of plain topic links that do not go to tag archives is
//! not read: such boxes also list sections and trending topics, and the golden pages keep
//! to the tags a page states outright.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::dom::{class_id_words, collapse_whitespace, tag_name, text_of, word_count};

/// A tag has at most this many words.
const MAX_TAG_WORDS: usize = 5;

/// The tags of the page's first group of `rel="tag"` links, else of its first box of
/// hashtag links, in order, without the leading "#".
pub fn rel_tags(doc: &Document) -> Vec<String> {
    let tags = rel_tag_links(doc);
    if !tags.is_empty() {
        return tags;
    }
    let tags = hashtag_box(doc);
    if !tags.is_empty() {
        return tags;
    }
    labelled_tag_box(doc)
}

/// A label that says the links after it are the article's tags.
static TAG_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tags?|tagged|topi[ck]s?|topik|label|labels|kata\s+kunci|keywords?)\s*:?$")
        .expect("tag label")
});

/// Path segments of tag archives ("/tag/banjir", "/search/label/Bencana").
/// Drupal's "/taxonomy/term/112" too.
const TAG_PATH_SEGMENTS: &[&str] = &[
    "tag", "tags", "topic", "topics", "topik", "label", "taxonomy",
];

/// The tags of the first box that a label names as tags ("Tags:", "Topik") and that holds
/// at least two links, each to a tag archive ("/tag/air-bersih"): the page states them
/// outright, in words and in addresses.
fn labelled_tag_box(doc: &Document) -> Vec<String> {
    // A `<nav>` too: "<nav><p>Tag:</p><ul><li><a>…" (Wix).
    for tag_box in doc
        .select("body div, body p, body span, body ul, body nav")
        .nodes()
    {
        let links: Vec<NodeRef> = tag_box
            .children_it(false)
            .filter(|c| c.is_element())
            .flat_map(|c| {
                if tag_name(&c) == "a" {
                    vec![c]
                } else if is_link_holder(&c) {
                    links_in(&c)
                } else if is_list_of_links(&c) {
                    c.element_children().iter().flat_map(links_in).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        if links.len() < MIN_HASHTAGS || !links.iter().all(links_to_tag_archive) {
            continue;
        }
        let label: String = tag_box
            .children_it(false)
            .filter(|c| {
                !c.is_element() || !(tag_name(c) == "a" || is_link_holder(c) || is_list_of_links(c))
            })
            .map(|c| c.text().to_string())
            .collect();
        let in_furniture = in_page_furniture(tag_box)
            || tag_box
                .ancestors_it(None)
                .any(|a| tag_name(&a) == "blockquote");
        // "Tag: a, b": the separators between the links are no part of the label.
        let label = collapse_whitespace(&label.replace([',', '|', '·', '•'], " "));
        let labelled = TAG_LABEL.is_match(label.trim());
        // Without a label, the box (or its parent) must be named the article's tags in its
        // class ("detail__body-tag"), with no other words: a "trending-tags" bar is no
        // article's.
        let named = label.trim().is_empty()
            && after_headline(doc, tag_box)
            && std::iter::once(*tag_box)
                .chain(tag_box.parent())
                .any(|b| names_the_articles_tags(&b));
        // Or, unlabelled and unnamed, the pills a blog platform sets right under the post
        // (Medium's `/tag/…` links in classes that mean nothing): the article's text is
        // above them.
        let under_the_post = label.trim().is_empty() && follows_the_text(doc, tag_box);
        if in_furniture || !(labelled || named || under_the_post) {
            continue;
        }
        return tags_of(&links);
    }
    Vec::new()
}

/// A list item, or a `<div>`/`<span>` holding one link and nothing else (Drupal's
/// `field__item`): a tag box's link in its wrapper.
fn is_link_holder(node: &NodeRef) -> bool {
    match tag_name(node).as_str() {
        "li" => true,
        "div" | "span" => {
            let children = node.element_children();
            children.len() == 1
                && tag_name(&children[0]) == "a"
                && text_of(node) == text_of(&children[0])
        }
        _ => false,
    }
}

/// The links among `node`'s children.
fn links_in<'a>(node: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    node.element_children()
        .into_iter()
        .filter(|a| tag_name(a) == "a")
        .collect()
}

/// A `<ul>`/`<ol>` whose items each hold one link and nothing else.
fn is_list_of_links(node: &NodeRef) -> bool {
    matches!(tag_name(node).as_str(), "ul" | "ol")
        && node.element_children().iter().all(|li| {
            let links = li.element_children();
            tag_name(li) == "li"
                && links.len() == 1
                && tag_name(&links[0]) == "a"
                && text_of(li) == text_of(&links[0])
        })
}

/// The links' texts as tags, without a leading "#", each once, of a few words.
fn tags_of(links: &[NodeRef]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for link in links {
        let text = collapse_whitespace(&text_of(link));
        let tag = text.trim_start_matches('#').trim().to_string();
        if (1..=MAX_TAG_WORDS).contains(&word_count(&tag)) && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Whether a box's class or id says it holds tags ("tags", "post-tags", "body-tag") and
/// nothing says they are the site's trending or popular ones.
fn names_the_articles_tags(node: &NodeRef) -> bool {
    let words = class_id_words(node);
    words.iter().any(|w| matches!(w.as_str(), "tag" | "tags"))
        && !words.iter().any(|w| SITE_LIST_WORDS.contains(&w.as_str()))
}

/// Words (of a class, or of a box's label) that make a box of tags the site's trending or
/// popular ones, not the article's.
const SITE_LIST_WORDS: &[&str] = &[
    "trending",
    "popular",
    "populer",
    "terpopuler",
    "hot",
    "cloud",
    "tagcloud",
    "top",
    "widget",
    "viral",
];

/// Whether a box, or the box around it, is the site's list of trending or popular tags by
/// its class or its label ("Trending:").
fn is_site_list(tag_box: &NodeRef, label: &str) -> bool {
    let named = std::iter::once(*tag_box)
        .chain(tag_box.parent())
        .flat_map(|b| class_id_words(&b))
        .any(|w| SITE_LIST_WORDS.contains(&w.as_str()));
    named
        || label
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| SITE_LIST_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Whether `node` comes after the page's first `<h1>` (node ids grow in page order).
fn after_headline(doc: &Document, node: &NodeRef) -> bool {
    doc.select("h1")
        .nodes()
        .first()
        .is_some_and(|h| h.id < node.id)
}

/// Words of text a box of bare tag links must follow: the article's, not a teaser's.
const MIN_TEXT_ABOVE_PILLS: usize = 150;

/// Whether `node` comes after the headline and at least [`MIN_TEXT_ABOVE_PILLS`] words of
/// paragraphs below it.
fn follows_the_text(doc: &Document, node: &NodeRef) -> bool {
    let Some(headline) = doc.select("h1").nodes().first().map(|h| h.id) else {
        return false;
    };
    let words: usize = doc
        .select("p")
        .nodes()
        .iter()
        .filter(|p| p.id > headline && p.id < node.id)
        .map(|p| word_count(&text_of(p)))
        .sum();
    words >= MIN_TEXT_ABOVE_PILLS
}

/// A link to a tag archive: a path segment "tag", "topic", "label" … followed by another.
fn links_to_tag_archive(link: &NodeRef) -> bool {
    links_to_archive(link, TAG_PATH_SEGMENTS)
}

/// A kicker has at most this many words ("Kopi", "Pilkada 2026").
const MAX_KICKER_WORDS: usize = 4;

/// Removes the kicker right over the headline: a link to a tag or section archive
/// (Ghost's `gh-article-tag`, "Kopi" over "Kopi Robusta … Tembus Pasar Jepang"), or a label
/// in capitals or in a box named a label ("FOTO", "VIDEO", `class="…__label"`), standing
/// as a line of its own just before the `<h1>`. It names the story's kind or topic, which
/// the tags carry; it is no line of the text. A link in a sentence stays.
pub fn remove_kicker_links(doc: &Document, dropped: &mut Vec<crate::import::Dropped>) {
    let Some(headline) = doc.select("h1").nodes().first().copied() else {
        return;
    };
    let Some(kicker) = element_before(&headline) else {
        return;
    };
    let text = collapse_whitespace(&text_of(&kicker));
    let is_link = tag_name(&kicker) == "a";
    let has_link = is_link || !super::dom::select(&kicker, "a").is_empty();
    let kind = if is_link {
        links_to_tag_archive(&kicker) || links_to_section_archive(&kicker)
    } else {
        !has_link && (is_in_capitals(&text) || names_a_label(&kicker))
    };
    let is_kicker = kind
        && (1..=MAX_KICKER_WORDS).contains(&word_count(&text))
        && !text.ends_with(['.', '!', '?'])
        && stands_alone(&kicker);
    if is_kicker {
        dropped.push(crate::import::Dropped {
            text,
            rule: "kicker over the headline".into(),
        });
        kicker.remove_from_parent();
    }
}

/// The element just before `node` among its siblings, with nothing but blanks between.
fn element_before<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut current = node.prev_sibling();
    while let Some(sibling) = current {
        if sibling.is_element() {
            return Some(sibling);
        }
        if !collapse_whitespace(&sibling.text()).is_empty() {
            return None;
        }
        current = sibling.prev_sibling();
    }
    None
}

/// Whether a text's letters are all capitals ("FOTO", "LIPUTAN KHUSUS").
fn is_in_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether an element's class or id names a label, kicker or category.
fn names_a_label(node: &NodeRef) -> bool {
    class_id_words(node).iter().any(|w| {
        matches!(
            w.as_str(),
            "kicker" | "label" | "badge" | "category" | "rubric" | "rubrik" | "kanal" | "eyebrow"
        )
    })
}

/// Path segments of section archives ("/category/ekonomi", "/kanal/daerah").
const SECTION_PATH_SEGMENTS: &[&str] = &["category", "kategori", "kanal", "rubrik", "section"];

/// A link to a section archive: a path segment "category", "kanal" … followed by another.
fn links_to_section_archive(link: &NodeRef) -> bool {
    links_to_archive(link, SECTION_PATH_SEGMENTS)
}

/// Whether a link's path has one of `archive_segments` with another segment after it (the
/// archive's name): "/tag/banjir", "https://x.id/kanal/daerah?page=2".
fn links_to_archive(link: &NodeRef, archive_segments: &[&str]) -> bool {
    let Some(href) = link.attr("href") else {
        return false;
    };
    let path = href.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments
        .iter()
        .position(|s| archive_segments.contains(&s.to_ascii_lowercase().as_str()))
        .is_some_and(|i| i + 1 < segments.len())
}

/// Whether an element is a line of its own: no text beside it.
fn stands_alone(node: &NodeRef) -> bool {
    [node.prev_sibling(), node.next_sibling()]
        .into_iter()
        .flatten()
        .all(|n| n.is_element() || collapse_whitespace(&n.text()).is_empty())
}

/// The tags of the page's first group of `rel="tag"` links.
fn rel_tag_links(doc: &Document) -> Vec<String> {
    let mut first_box = None;
    let mut tags: Vec<String> = Vec::new();
    for link in doc.select("body a[rel]").nodes() {
        let Some(tag_box) = tag_box_of(link) else {
            continue;
        };
        if *first_box.get_or_insert(tag_box.id) != tag_box.id {
            continue;
        }
        let text = collapse_whitespace(&text_of(link));
        let tag = text.trim_start_matches('#').trim();
        if (1..=MAX_TAG_WORDS).contains(&word_count(tag)) && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

/// A box needs at least this many hashtag links: a single one is a mention in the text.
const MIN_HASHTAGS: usize = 2;

/// The tags of the first box (outside the page's furniture and quotes, where embedded posts
/// carry their own hashtags) that holds at least [`MIN_HASHTAGS`] links whose text is a
/// hashtag and little else: a label ("Tags", "Topik:") at most.
fn hashtag_box(doc: &Document) -> Vec<String> {
    for link in doc.select("body a").nodes() {
        let Some(tag_box) = link.parent() else {
            continue;
        };
        if !is_hashtag(link)
            || link.ancestors_it(None).any(|a| {
                matches!(
                    tag_name(&a).as_str(),
                    "nav" | "header" | "footer" | "aside" | "blockquote"
                )
            })
        {
            continue;
        }
        let links: Vec<NodeRef> = tag_box
            .children_it(false)
            .filter(|c| c.is_element() && tag_name(c) == "a")
            .collect();
        let label: String = tag_box
            .children_it(false)
            .filter(|c| !(c.is_element() && tag_name(c) == "a"))
            .map(|c| c.text().to_string())
            .collect();
        let label_words = word_count(&label);
        if links.len() >= MIN_HASHTAGS
            && links.iter().all(is_hashtag)
            && label_words <= 2
            && !is_site_list(&tag_box, &label)
        {
            return tags_of(&links);
        }
    }
    Vec::new()
}

/// A link whose text is "#" and a tag of a few words.
fn is_hashtag(link: &NodeRef) -> bool {
    let text = collapse_whitespace(&text_of(link));
    text.strip_prefix('#').is_some_and(|tag| {
        tag.starts_with(char::is_alphanumeric) && (1..=MAX_TAG_WORDS).contains(&word_count(tag))
    })
}

/// The parent of a `rel="tag"` link. Links in the page's navigation, header, footer or
/// sidebars are no tags of the article.
fn tag_box_of<'a>(link: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    // WordPress marks its category links `rel="category tag"`: a section, not a tag.
    let rel_tag = link.attr("rel").is_some_and(|r| {
        let mut tokens = r.split_whitespace();
        tokens.clone().any(|t| t.eq_ignore_ascii_case("tag"))
            && !tokens.any(|t| t.eq_ignore_ascii_case("category"))
    });
    (rel_tag && !in_page_furniture(link))
        .then(|| link.parent())
        .flatten()
}

/// Whether `node` is in the page's navigation, header, footer or sidebar. An article's own
/// `<header>` or `<footer>` (its byline, its tags) is the article's, not the page's.
fn in_page_furniture(node: &NodeRef) -> bool {
    let in_article = node.ancestors_it(None).any(|a| tag_name(&a) == "article");
    node.ancestors_it(None)
        .any(|a| match tag_name(&a).as_str() {
            "nav" | "aside" => true,
            "header" | "footer" => !in_article,
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_group_of_rel_tag_links_gives_the_tags() {
        let doc = Document::from(
            "<body><nav><a href='/tag/viral' rel='tag'>Viral</a></nav><div class='post-footer'>\
             <span class='post-labels'>Label: <a href='/search/label/Bencana' rel='tag'>Bencana</a>, \
             <a href='/search/label/Sumba%20Timur' rel='tag'>Sumba Timur</a></span></div>\
             <div class='widget'><a href='/search/label/Wisata' rel='tag'>Wisata</a></div></body>",
        );
        assert_eq!(rel_tags(&doc), ["Bencana", "Sumba Timur"]);
    }

    #[test]
    fn a_box_named_for_the_articles_tags_under_the_headline_gives_them() {
        let doc = Document::from(
            "<body><div class='trending-tags'><a href='/tag/a'>a</a><a href='/tag/b'>b</a></div>\
             <h1>Jembatan Apung Danau Toba Dibuka</h1><p>Teks.</p>\
             <div class='detail__body-tag'><div class='nav'><a href='/tag/danau-toba'>danau toba</a>\
             <a href='/tag/balige'>balige</a></div></div></body>",
        );
        assert_eq!(rel_tags(&doc), ["danau toba", "balige"]);
    }

    #[test]
    fn plain_tag_links_and_other_rels_are_no_tags() {
        let doc = Document::from(
            "<body><div class='tags'><a href='/tag/banjir'>banjir</a> <a href='/tag/bekasi'>bekasi</a></div>\
             <p>Warga memakai tagar <a href='/tag/banjir'>#banjir</a> di media sosial.</p>\
             <a href='/author/andi' rel='author'>Andi</a></body>",
        );
        assert!(rel_tags(&doc).is_empty());
    }

    #[test]
    fn a_drupal_tag_field_and_a_tag_box_in_the_articles_own_footer() {
        let doc = Document::from(
            "<body><article><h1>Jalan Trans Halmahera Rampung</h1><p>Teks.</p>\
             <div class='field field--name-field-tags'><div class='field__label'>Tags</div>\
             <div class='field__items'><div class='field__item'><a href='/taxonomy/term/112'>Trans Halmahera</a></div>\
             <div class='field__item'><a href='/taxonomy/term/87'>Infrastruktur</a></div></div></div></article></body>",
        );
        assert_eq!(rel_tags(&doc), ["Trans Halmahera", "Infrastruktur"]);
        let doc = Document::from(
            "<body><article><h1>Video Tsunami Manado Hoaks</h1><p>Teks.</p>\
             <footer class='entry-footer'><span class='cat-links'>Kategori: <a href='/hoaks'>Hoaks</a></span>\
             <span class='tags-links'>Tag: <a href='/tag/tsunami/'>tsunami</a>, <a href='/tag/manado/'>manado</a></span></footer>\
             </article><footer><div>Tags: <a href='/tag/a'>a</a> <a href='/tag/b'>b</a></div></footer></body>",
        );
        assert_eq!(rel_tags(&doc), ["tsunami", "manado"]);
    }

    #[test]
    fn a_box_labelled_tags_of_links_to_tag_archives_gives_the_tags() {
        let doc = Document::from(
            "<body><header><div>Tags: <a href='/tag/viral'>viral</a><a href='/tag/bola'>bola</a></div></header>\
             <h1>Warga Gili Ketapang Punya Air Bersih</h1>\
             <div class='Article_tags'><span>Tags:</span><a href='/tag/air-bersih'>air bersih</a>\
             <a href='https://x.example/tag/gili-ketapang'>gili ketapang</a></div>\
             <div>Topik: <a href='/nasional'>Nasional</a> <a href='/daerah'>Daerah</a></div></body>",
        );
        assert_eq!(rel_tags(&doc), ["air bersih", "gili ketapang"]);
        // Without the label, or with links to sections, the links are no tags.
        let doc = Document::from(
            "<body><div>Topik: <a href='/nasional'>Nasional</a> <a href='/daerah'>Daerah</a></div>\
             <div>Trending <a href='/tag/a'>a</a> <a href='/tag/b'>b</a></div></body>",
        );
        assert!(rel_tags(&doc).is_empty());
    }

    #[test]
    fn a_lone_topic_link_over_the_headline_is_a_kicker() {
        let doc = Document::from(
            "<body><article><header><a class='gh-article-tag' href='/tag/kopi/'>Kopi</a>\
             <h1>Kopi Robusta Lampung Barat Tembus Pasar Jepang</h1></header>\
             <p>Petani <a href='/tag/kopi/'>kopi</a> di Liwa panen.</p>\
             <a href='/tag/ekspor/'>Ekspor</a></article></body>",
        );
        let mut dropped = Vec::new();
        remove_kicker_links(&doc, &mut dropped);
        let html = doc.html().to_string();
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].text, "Kopi");
        assert!(!html.contains("gh-article-tag"));
        // A link in a sentence and a link below the headline stay.
        assert!(html.contains("<a href=\"/tag/kopi/\">kopi</a>"));
        assert!(html.contains("Ekspor"));
        // A link to a section standing before the headline goes too; one in a line of
        // text does not.
        let kickers = |html: &str| {
            let doc = Document::from(html);
            let mut dropped = Vec::new();
            remove_kicker_links(&doc, &mut dropped);
            dropped.len()
        };
        assert_eq!(
            kickers("<div><a href='/category/ekonomi/'>Ekonomi</a><h1>Judul Berita</h1></div>"),
            1
        );
        assert_eq!(
            kickers("<div>Rubrik <a href='/kanal/daerah/'>Daerah</a><h1>Judul Berita</h1></div>"),
            0
        );
        // A link to a page that is no archive is left to the other rules.
        assert_eq!(
            kickers("<div><a href='/berita/123/lain'>Lain</a><h1>Judul Berita</h1></div>"),
            0
        );
        // A label in capitals or named a label goes; a line of text over the headline stays.
        assert_eq!(
            kickers("<div><span>FOTO</span><h1>Judul Berita</h1></div>"),
            1
        );
        assert_eq!(
            kickers("<div><div class='post__label'>Liputan Khusus</div><h1>Judul</h1></div>"),
            1
        );
        assert_eq!(
            kickers("<div><p>Warga panik.</p><h1>Judul Berita</h1></div>"),
            0
        );
        assert_eq!(
            kickers("<div><span>Senin</span><h1>Judul Berita</h1></div>"),
            0
        );
    }

    #[test]
    fn a_box_of_hashtag_links_gives_the_tags() {
        let doc = Document::from(
            "<body><nav><a href='/tag/viral'>#Viral</a> <a href='/tag/trending'>#Trending</a></nav>\
             <blockquote class='twitter-tweet'><p>Gol! <a href='https://x.com/hashtag/a'>#Persikota</a> \
             <a href='https://x.com/hashtag/b'>#Liga2</a></p></blockquote>\
             <div class='read-tags'><span>Tags</span> <a href='/tag/persikota'>#Persikota</a> \
             <a href='/tag/liga-2'>#Liga 2</a> <a href='/tag/persipura-muda'>#Persipura Muda</a></div></body>",
        );
        assert_eq!(rel_tags(&doc), ["Persikota", "Liga 2", "Persipura Muda"]);
        // rel="tag" links come first.
        let doc = Document::from(
            "<body><div><a href='/t/a'>#Satu</a> <a href='/t/b'>#Dua</a></div>\
             <p><a href='/label/Bencana' rel='tag'>Bencana</a></p></body>",
        );
        assert_eq!(rel_tags(&doc), ["Bencana"]);
        // A bar of the site's trending hashtags, by its class or its label, is no article's.
        for bar in [
            "<div class='trending-bar'><span>Top:</span> <a href='/tag/a'>#Pemilu</a> <a href='/tag/b'>#Timnas</a></div>",
            "<div><span>Trending:</span> <a href='/tag/a'>#Pemilu</a> <a href='/tag/b'>#Timnas</a></div>",
        ] {
            assert!(rel_tags(&Document::from(format!("<body>{bar}</body>").as_str())).is_empty());
        }
    }
}
