//! Pages whose text is all in boxes named "comment": a forum thread (its opening post is
//! one of them) or a live ticker (each entry is a "live-match-comment"). On such a page the
//! word says how the site built the page, not that the boxes are reader comments under an
//! article: there is no article outside them.

use std::collections::HashSet;

use dom_query::{NodeId, NodeRef};

use super::super::dom::{class_id_words, is_hidden, tag_name};

/// Class and id words of reader comments.
pub const COMMENT_WORDS: &[&str] = &["comment", "comments", "komentar"];

/// A text run shorter than this (in characters) is a label, a name or a date, no sentence.
const MIN_RUN_CHARS: usize = 40;

/// The page's running text outside the comment boxes is at most this many characters: a
/// line of furniture ("You must log in to join the discussion") at most, no article.
const MAX_TEXT_OUTSIDE: usize = 200;

/// ... and the comment boxes hold at least this many: a thread, not an empty comment form.
const MIN_TEXT_INSIDE: usize = 400;

/// Whether the boxes named "comment" hold the page's running text: at least
/// [`MIN_TEXT_INSIDE`] characters of it, and outside them at most [`MAX_TEXT_OUTSIDE`].
pub fn comments_are_the_text(body: &NodeRef) -> bool {
    let mut in_comment: HashSet<NodeId> = HashSet::new();
    let mut skipped: HashSet<NodeId> = HashSet::new();
    let (mut inside, mut outside) = (0, 0);
    // Descendants come parents first: one look at the parent places a node.
    for node in body.descendants_it() {
        let parent = node.parent().map(|p| p.id);
        if parent.is_some_and(|p| skipped.contains(&p)) {
            skipped.insert(node.id);
            continue;
        }
        let parent_in_comment = parent.is_some_and(|p| in_comment.contains(&p));
        if node.is_element() {
            if is_hidden(&node) || is_not_text(&node) {
                skipped.insert(node.id);
            } else if parent_in_comment || is_comment_box(&node) {
                in_comment.insert(node.id);
            }
        } else if node.is_text() {
            let chars = run_chars(&node.text());
            if chars < MIN_RUN_CHARS {
                continue;
            }
            if parent_in_comment {
                inside += chars;
            } else {
                outside += chars;
                if outside > MAX_TEXT_OUTSIDE {
                    return false;
                }
            }
        }
    }
    inside >= MIN_TEXT_INSIDE
}

/// An element whose class or id names it a comment (or the comments).
pub fn is_comment_box(node: &NodeRef) -> bool {
    class_id_words(node)
        .iter()
        .any(|w| COMMENT_WORDS.contains(&w.as_str()))
}

/// Text in these is never running text: links, scripts and the page's own furniture. (Not
/// `<form>`: an ASP.NET page holds the whole page in one.)
fn is_not_text(node: &NodeRef) -> bool {
    matches!(
        tag_name(node).as_str(),
        "a" | "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "option"
            | "textarea"
            | "button"
    )
}

/// The characters of a text run, spaces collapsed.
fn run_chars(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    use super::*;

    fn verdict(html: &str) -> bool {
        let doc = Document::from(html);
        comments_are_the_text(&doc.body().unwrap())
    }

    const POST: &str = "Seit dem Update auf die neue Version habe ich unterwegs keinen Zugriff mehr auf den Store. ";

    #[test]
    fn a_thread_whose_posts_are_all_comment_boxes_is_the_text() {
        let posts: String = (0..3)
            .map(|i| format!("<div class='forum-comment' id='c{i}'><span>user{i}</span><div>{POST}{POST}</div></div>"))
            .collect();
        assert!(verdict(&format!(
            "<body><nav>{POST}</nav><h2>Kein Store mehr?</h2>{posts}\
             <p>Bitte anmelden.</p><footer>{POST}{POST}</footer></body>"
        )));
    }

    #[test]
    fn an_article_with_reader_comments_under_it_is_not() {
        let comments: String = (0..10)
            .map(|i| format!("<div class='comment'><p>{POST}{POST}</p></div><span>{i}</span>"))
            .collect();
        assert!(!verdict(&format!(
            "<body><article><p>{POST}{POST}{POST}</p></article><section id='comments'>{comments}</section></body>"
        )));
        // Nor is a page with a short comment form and no thread.
        assert!(!verdict(
            "<body><div class='comment-form'><p>Write your comment below, please be kind to others.</p></div></body>"
        ));
    }
}
