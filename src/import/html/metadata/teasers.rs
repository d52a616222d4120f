//! A teaser of another story (a card of "more posts": a linked headline, a summary, "By …" and
//! a date) carries the same author markup as the article's byline; its author is that
//! story's, not the article's.

use dom_query::NodeRef;

use crate::import::html::dom::{collapse_whitespace, select, tag_name, text_of};

/// How far up a card's headline is looked for: a byline sits a few levels below it.
const CARD_DEPTH: usize = 5;

/// Whether `node` is in a teaser card: the nearest ancestor that holds a headline holds a
/// linked `<h2>`–`<h4>` that is not the article's `headline` (blogs link their own post's
/// `<h2>` to its address) and no `<h1>`.
pub(super) fn in_teaser(node: &NodeRef, headline: Option<&str>) -> bool {
    let is_headline = |h: &NodeRef| {
        headline.is_some_and(|t| collapse_whitespace(&text_of(h)) == collapse_whitespace(t))
    };
    node.ancestors_it(Some(CARD_DEPTH))
        .find_map(|card| {
            let headings = select(&card, "h1, h2, h3, h4");
            if headings.is_empty() {
                return None;
            }
            let own_headline = headings
                .iter()
                .any(|h| tag_name(h) == "h1" || is_headline(h));
            let linked_story = headings
                .iter()
                .any(|h| !select(h, "a[href]").is_empty() && !is_headline(h));
            Some(linked_story && !own_headline)
        })
        .unwrap_or(false)
}
