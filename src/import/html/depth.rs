//! Deeply nested pages: the HTML parser and the cleaning and readability passes look at each
//! element's ancestors or descendants, so their time grows with the nesting depth times the
//! page size. Real pages nest a few dozen levels; a page of 100,000 nested `<div>`s is made
//! level twice: its markup before parsing ([`flatten_markup`]), its tree after
//! ([`limit_depth`]); a page still nested beyond [`MAX_DEPTH`] is refused.

use std::borrow::Cow;

use dom_query::{Document, NodeRef};

use super::dom::unwrap_element;
use crate::import::NoArticle;

/// Below this depth, wrapper elements (one element child and no text of their own) are
/// replaced by their child. Far deeper than any page a person reads.
const FLATTEN_BELOW: usize = 256;

/// A page still nested deeper than this once its wrappers are gone is refused.
pub const MAX_DEPTH: usize = 512;

/// Whether a tag never holds others open: void elements, elements whose end tag is optional
/// (the parser closes them), raw-text elements and the document's own. `name` is lowercase.
fn never_nests(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"optgroup"
            | b"tr"
            | b"td"
            | b"th"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rtc"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
            | b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// Removes the start and end tags of elements nested deeper than [`FLATTEN_BELOW`] levels
/// (a space stands in for each, so words stay apart), in one pass over the markup: the
/// parser's own checks of the open elements would take time growing with the square of the
/// depth. Scripts and styles must already be gone. A page nested less deeply is returned
/// as it is.
pub fn flatten_markup(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(rel) = html[at..].find('<') {
        let start = at + rel;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = html[name_start..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 {
            at = start + 1;
            continue;
        }
        let end = tag_end(html, name_start + name_len);
        let mut lower = [0u8; 10];
        let short = name_len <= lower.len();
        if short {
            for (l, b) in lower
                .iter_mut()
                .zip(&bytes[name_start..name_start + name_len])
            {
                *l = b.to_ascii_lowercase();
            }
        }
        let self_closing = html[..end].ends_with("/>");
        if (short && never_nests(&lower[..name_len])) || (self_closing && !closing) {
            at = end;
            continue;
        }
        let deep = if closing {
            let deep = depth > FLATTEN_BELOW;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > FLATTEN_BELOW
        };
        if deep {
            let text = out.get_or_insert_with(|| String::with_capacity(html.len()));
            text.push_str(&html[copied..start]);
            text.push(' ');
            copied = end;
        }
        at = end;
    }
    match out {
        Some(mut text) => {
            text.push_str(&html[copied..]);
            Cow::Owned(text)
        }
        None => Cow::Borrowed(html),
    }
}

/// The position after the `>` that closes a tag, quoted attribute values skipped.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    html.len()
}

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
    fn deep_markup_loses_its_deepest_tags_and_keeps_its_words() {
        let levels = FLATTEN_BELOW + 50;
        let html = format!(
            "<body><!-- <div> -->{}<p title='a>b'>Isi <b>penting</b></p><div>satu</div><div>dua</div>{}<br/></body>",
            "<div class=\"x\">".repeat(levels),
            "</div>".repeat(levels)
        );
        let flat = flatten_markup(&html);
        let doc = Document::from(flat.as_ref());
        let (depth, _) = measure(&doc.root());
        // document, html, body and the divs kept.
        assert_eq!(depth, 3 + FLATTEN_BELOW);
        assert_eq!(collapse(&doc.select("body").text()), "Isi penting satu dua");
        assert_eq!(
            doc.select("b").length(),
            0,
            "tags this deep go, their words stay"
        );
        let shallow = "<body><div><p>Teks</p></div></body>";
        assert!(matches!(flatten_markup(shallow), Cow::Borrowed(_)));
    }

    fn collapse(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
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
