//! The element that holds most of the page's running text: cleaning never removes it or
//! anything around it, whatever its class says ("tag-housing" on a WordPress `<article>`,
//! a whole page inside an ASP.NET `<form>`).

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};

use super::dom::{collapse_whitespace, tag_name};

/// A paragraph shorter than this (in characters) is not running text.
const MIN_PARAGRAPH_CHARS: usize = 40;

/// The main text container and the ids of it and its ancestors.
pub struct Anchor {
    pub id: Option<NodeId>,
    pub protected: HashSet<NodeId>,
}

impl Anchor {
    pub fn is_protected(&self, node: &NodeRef) -> bool {
        self.protected.contains(&node.id)
    }

    pub fn node<'a>(&self, doc: &'a Document) -> Option<NodeRef<'a>> {
        self.id.map(|id| NodeRef::new(id, &doc.tree))
    }
}

/// Finds the element whose own paragraphs (`<p>` children and text directly inside it, as
/// pages that separate paragraphs with `<br>` have) hold the most text. Comments and teasers
/// lose to the article because each sits in a box of its own.
pub fn find_anchor(doc: &Document) -> Anchor {
    let mut weight: HashMap<NodeId, usize> = HashMap::new();
    let Some(body) = doc.body() else {
        return Anchor {
            id: None,
            protected: HashSet::new(),
        };
    };
    for node in body.descendants_it() {
        if node.is_text() {
            let Some(parent) = node.parent().filter(|p| !is_non_content(p)) else {
                continue;
            };
            let chars = collapse_whitespace(&node.text()).chars().count();
            if chars >= MIN_PARAGRAPH_CHARS {
                *weight.entry(parent.id).or_default() += chars;
            }
        } else if node.is_element() && tag_name(&node) == "p" {
            let chars = collapse_whitespace(&node.text()).chars().count();
            if chars >= MIN_PARAGRAPH_CHARS
                && let Some(parent) = node.parent()
            {
                *weight.entry(parent.id).or_default() += chars;
            }
        }
    }
    let best = weight
        .into_iter()
        .max_by_key(|&(id, w)| (w, std::cmp::Reverse(id)))
        .map(|(id, _)| id);
    let mut protected = HashSet::new();
    if let Some(id) = best {
        let node = NodeRef::new(id, &doc.tree);
        protected.insert(id);
        protected.extend(node.ancestors_it(None).map(|a| a.id));
    }
    Anchor {
        id: best,
        protected,
    }
}

/// Text directly in these is never running text of the article.
fn is_non_content(node: &NodeRef) -> bool {
    matches!(
        tag_name(node).as_str(),
        "script" | "style" | "noscript" | "template" | "a" | "option" | "textarea" | "title"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_beats_comments_split_into_boxes() {
        let long = "word ".repeat(30);
        let html = format!(
            "<body><article class='tag-x'><div id='body'><p>{long}</p><p>{long}</p></div></article>\
             <div id='comments'><div><p>{long}</p></div><div><p>{long}</p></div><div><p>{long}</p></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let anchor = find_anchor(&doc);
        let node = anchor.node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("body"));
        let article = doc.select("article");
        assert!(anchor.is_protected(&article.nodes()[0]));
    }

    #[test]
    fn text_between_line_breaks_counts() {
        let long = "kata ".repeat(20);
        let html = format!(
            "<body><div id='t'>{long}<br><br>{long}<br><br>{long}</div><p>short</p></body>"
        );
        let doc = Document::from(html.as_str());
        let node = find_anchor(&doc).node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("t"));
    }
}
