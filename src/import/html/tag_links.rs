//! Tags a page states in the rel-tag microformat (`<a rel="tag">`: Blogger's "Label:",
//! WordPress themes) rather than in meta tags. Used only when neither JSON-LD keywords nor
//! `article:tag` name any. A tag box of plain links ("Tags: #banjir") is not read: the
//! golden pages keep to the tags a page states for machines.

use dom_query::{Document, NodeRef};

use super::dom::{collapse_whitespace, tag_name, text_of, word_count};

/// A tag has at most this many words.
const MAX_TAG_WORDS: usize = 5;

/// The tags of the page's first group of `rel="tag"` links, in order, without a leading "#".
pub fn rel_tags(doc: &Document) -> Vec<String> {
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

/// The parent of a `rel="tag"` link. Links in the page's navigation, header, footer or
/// sidebars are no tags of the article.
fn tag_box_of<'a>(link: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let rel_tag = link
        .attr("rel")
        .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("tag")));
    let furniture = link
        .ancestors_it(None)
        .any(|a| matches!(tag_name(&a).as_str(), "nav" | "header" | "footer" | "aside"));
    (rel_tag && !furniture).then(|| link.parent()).flatten()
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
    fn plain_tag_links_and_other_rels_are_no_tags() {
        let doc = Document::from(
            "<body><div class='tags'><a href='/tag/banjir'>#banjir</a></div>\
             <a href='/author/andi' rel='author'>Andi</a></body>",
        );
        assert!(rel_tags(&doc).is_empty());
    }
}
