//! The element that holds most of the page's running text: cleaning never removes it or
//! anything around it, whatever its class says ("tag-housing" on a WordPress `<article>`,
//! a whole page inside an ASP.NET `<form>`).

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeId, NodeRef};

use super::dom::is_hidden;
use super::dom::{class_id_words, tag_name};
use super::junk::threads::{comments_are_the_text, is_comment_box};

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
/// lose to the article because each sits in a box of its own; a reader comment longer than
/// a short post is passed over for the post, unless the comment boxes are the page's text
/// (a forum thread, a live ticker: see [`comments_are_the_text`]).
pub fn find_anchor(doc: &Document) -> Anchor {
    let mut weight: HashMap<NodeId, usize> = HashMap::new();
    let Some(body) = doc.body() else {
        return Anchor {
            id: None,
            protected: HashSet::new(),
        };
    };
    // Hidden boxes (a consent tool's service details) are text no reader sees. Descendants
    // come parents first, so one look at the parent tells whether a node is inside one.
    let mut hidden: HashSet<NodeId> = HashSet::new();
    for node in body.descendants_it() {
        if node.parent().is_some_and(|p| hidden.contains(&p.id)) {
            if node.is_element() {
                hidden.insert(node.id);
            }
            continue;
        }
        if node.is_element() && is_hidden(&node) {
            hidden.insert(node.id);
            continue;
        }
        if node.is_text() {
            let Some(parent) = node.parent().filter(|p| !is_non_content(p)) else {
                continue;
            };
            let chars = prose_chars(&node.text());
            if chars >= MIN_PARAGRAPH_CHARS {
                *weight.entry(parent.id).or_default() += chars;
            }
        } else if node.is_element() && tag_name(&node) == "p" {
            let chars = prose_chars(&node.text());
            if chars >= MIN_PARAGRAPH_CHARS
                && let Some(parent) = node.parent()
            {
                *weight.entry(parent.id).or_default() += chars;
            }
        }
    }
    let mut candidates: Vec<(NodeId, usize)> = weight.into_iter().collect();
    candidates.sort_unstable_by_key(|&(id, w)| (std::cmp::Reverse(w), id));
    let mut candidates = candidates
        .into_iter()
        .map(|(id, _)| id)
        .filter(|&id| !in_consent_box(&NodeRef::new(id, &doc.tree)));
    let mut best = candidates.next();
    if best.is_some_and(|id| in_comment_box(&NodeRef::new(id, &doc.tree)))
        && !comments_are_the_text(&body)
    {
        best = candidates
            .find(|&id| !in_comment_box(&NodeRef::new(id, &doc.tree)))
            .or(best);
    }
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

/// Class and id words of cookie and consent notices: a long notice can outweigh a short
/// post, and must not be what cleaning protects.
const CONSENT_WORDS: &[&str] = &["cookie", "cookies", "consent", "gdpr", "dsgvo", "cmp"];

/// Whether a node is a consent notice or inside one. `<body>` and `<html>` are no box: a
/// consent plugin marks the whole page ("cookies-not-set").
fn in_consent_box(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .filter(|n| !matches!(tag_name(n).as_str(), "body" | "html"))
        .any(|n| {
            class_id_words(&n)
                .iter()
                .any(|w| CONSENT_WORDS.contains(&w.as_str()))
        })
}

/// Whether a node is a comment box or inside one (`<body>` and `<html>` are no box: a theme
/// may mark the whole page "comments-open").
fn in_comment_box(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .filter(|n| !matches!(tag_name(n).as_str(), "body" | "html"))
        .any(|n| is_comment_box(&n))
}

/// An ASCII run longer than this with no space in it is a URL, a hash or encoded data.
const MAX_WORD_CHARS: usize = 40;

/// The characters of a text that can be running text, spaces collapsed: URLs, hashes and
/// base64 blobs (embed code a consent tool keeps in a hidden box) are left out.
fn prose_chars(text: &str) -> usize {
    let mut chars = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if n <= MAX_WORD_CHARS || !word.is_ascii() {
            chars += n + usize::from(chars > 0);
        }
    }
    chars
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
    fn a_short_post_beats_a_longer_reader_comment() {
        // An open thread: a two-sentence post, and a staff reply longer than it. (A post
        // of at most 200 characters would leave the comments as the page's text.)
        let post = "word ".repeat(60);
        let reply = "word ".repeat(90);
        let html = format!(
            "<body><article><div id='post'><p>{post}</p></div></article>\
             <ol class='comment-list'><li class='comment' id='comment-1'><div class='comment-body'>\
             <p>{reply}</p><p>{reply}</p></div></li></ol></body>"
        );
        let doc = Document::from(html.as_str());
        let node = find_anchor(&doc).node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("post"));
    }

    #[test]
    fn a_thread_of_comment_boxes_keeps_its_longest_post() {
        // A forum thread: the posts are the page's text, and a line of furniture outside.
        let post = "word ".repeat(90);
        let html = format!(
            "<body><p>Please log in to reply to this thread, thanks a lot.</p>\
             <div class='forum-comment'><div id='first'><p>{post}</p><p>{post}</p></div></div>\
             <div class='forum-comment'><div><p>{post}</p></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let node = find_anchor(&doc).node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("first"));
    }

    #[test]
    fn hidden_boxes_and_encoded_blobs_are_no_running_text() {
        // A consent tool keeps base64 embed code and the details of its services in hidden
        // boxes, which outweighed the article and let its class ("node--promoted") drop it.
        let blob = "PGRpdiBjbGFzcz0ic3AtZHNndm8g".repeat(100);
        let long = "kata ".repeat(30);
        let html = format!(
            "<body><div id='blob' style='display:none'>{blob}</div>\
             <div style='display: none'><div><p>{long}</p><p>{long}</p><p>{long}</p></div></div>\
             <article class='node--promoted'><div id='t'><p>{long}</p><p>{long}</p></div></article></body>"
        );
        let doc = Document::from(html.as_str());
        let node = find_anchor(&doc).node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("t"));
        assert_eq!(prose_chars("kata kata"), 9);
        assert_eq!(prose_chars(&format!("see {blob} here")), 8);
        // Scripts without spaces between words are prose, however long the run.
        assert_eq!(prose_chars(&"日本語".repeat(20)), 60);
    }

    #[test]
    fn a_cookie_notice_is_never_the_main_text() {
        // A two-line post under a theme class word ("category-x") and a longer cookie notice.
        let html = "<body class='cookies-not-set'><div class='post category-meins'><div id='post'><p>M: Wer rutscht als \
                    nächstes aus auf dem Glatteis? Ich: Ich wette, dass du als nächstes ausrutschst.</p></div></div>\
                    <div id='eu-cookie-law'><form>Datenschutz &amp; Cookies: Diese Website verwendet Cookies. \
                    Wenn du die Website weiterhin nutzt, stimmst du der Verwendung von Cookies zu. Weitere \
                    Informationen findest du hier.</form></div></body>";
        let doc = Document::from(html);
        let node = find_anchor(&doc).node(&doc).unwrap();
        assert_eq!(node.attr("id").as_deref(), Some("post"));
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
