//! Deeply nested pages: the cleaning and readability passes look at each element's
//! ancestors or descendants, so their time grows with the nesting depth times the page size.
//! Real pages nest a few dozen levels; a page of 100,000 nested `<div>`s is made level
//! first, and a page still nested beyond [`MAX_DEPTH`] is refused.

use dom_query::{Document, NodeRef};

use super::dom::unwrap_element;
use crate::import::NoArticle;

/// Below this depth, wrapper elements (one element child and no text of their own) are
/// replaced by their child. Far deeper than any page a person reads.
const FLATTEN_BELOW: usize = 256;

/// A page still nested deeper than this once its wrappers are gone is refused.
pub const MAX_DEPTH: usize = 512;

/// Flattens the wrappers below [`FLATTEN_BELOW`] levels; refuses a page still deeper than
/// [`MAX_DEPTH`]. Linear in the number of nodes.
pub fn limit_depth(doc: &Document) -> Result<(), NoArticle> {
    let root = doc.root();
    let (depth, deep_wrappers) = measure(&root);
    if depth <= FLATTEN_BELOW {
        return Ok(());
    }
    for wrapper in deep_wrappers {
        unwrap_element(&wrapper);
    }
    let (depth, _) = measure(&root);
    if depth > MAX_DEPTH {
        return Err(NoArticle(format!(
            "the page nests its elements {depth} levels deep (the limit is {MAX_DEPTH}); \
             a web page has far fewer: the file is probably broken or generated"
        )));
    }
    Ok(())
}

/// The deepest element's depth, and the wrapper elements deeper than [`FLATTEN_BELOW`].
fn measure<'a>(root: &NodeRef<'a>) -> (usize, Vec<NodeRef<'a>>) {
    let mut deepest = 0;
    let mut wrappers = Vec::new();
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if depth > FLATTEN_BELOW && is_wrapper(&node) {
            wrappers.push(node);
        }
        for child in node.children_it(false).filter(|c| c.is_element()) {
            stack.push((child, depth + 1));
        }
    }
    (deepest, wrappers)
}

/// An element whose only content is one element (and whitespace).
fn is_wrapper(node: &NodeRef) -> bool {
    let mut elements = 0;
    for child in node.children_it(false) {
        if child.is_element() {
            elements += 1;
        } else if child.is_text() && !child.text().trim().is_empty() {
            return false;
        }
    }
    node.is_element() && elements == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize, inner: &str) -> Document {
        let html = format!(
            "<html><body>{}{inner}{}</body></html>",
            "<div>".repeat(levels),
            "</div>".repeat(levels)
        );
        Document::from(html.as_str())
    }

    #[test]
    fn deep_wrappers_are_flattened_and_the_text_kept() {
        let doc = nested(3_000, "<p>Isi berita yang <b>penting</b>.</p>");
        limit_depth(&doc).unwrap();
        let (depth, _) = measure(&doc.root());
        assert!(depth <= FLATTEN_BELOW + 3, "depth {depth}");
        assert_eq!(
            doc.select("p").text().to_string(),
            "Isi berita yang penting."
        );
        assert_eq!(doc.select("b").length(), 1);
    }

    #[test]
    fn a_page_deep_with_text_at_every_level_is_refused() {
        let html = format!(
            "<html><body>{}</body></html>",
            "<div>x".repeat(MAX_DEPTH + 100)
        );
        let doc = Document::from(html.as_str());
        let err = limit_depth(&doc).unwrap_err();
        assert_eq!(
            err.0,
            format!(
                "the page nests its elements {} levels deep (the limit is 512); a web page has \
                 far fewer: the file is probably broken or generated",
                MAX_DEPTH + 100 + 2
            )
        );
    }

    #[test]
    fn ordinary_pages_are_left_alone() {
        let doc = nested(100, "<p>Teks.</p><p>Lagi.</p>");
        let before = doc.html().to_string();
        limit_depth(&doc).unwrap();
        assert_eq!(doc.html().to_string(), before);
    }
}
