//! A thread of posts: a forum thread, a Q&A page's answers, an article set in one box per
//! section. The page repeats one box (the same element and classes) for each post; readability
//! keeps the post that scores best and drops the others. When the text it chose sits in one
//! of a row of such boxes, the same part of every box in the row is the article, in page
//! order, provided each reads as running text (a row of teaser cards does not).

use std::collections::HashSet;

use dom_query::NodeRef;

use super::dom::tag_name;
use super::running_text::{Verdict, verdict};

/// How many levels above the chosen text's container the row of posts is looked for.
const MAX_LEVELS: usize = 8;

/// The chosen body, or the same part of every post of the row it belongs to.
pub fn with_whole_row(found: String, container: NodeRef, chosen_keys: &HashSet<String>) -> String {
    // The signatures of the elements from below the box being tried down to the container.
    let mut path: Vec<String> = Vec::new();
    let mut current = container;
    for _ in 0..MAX_LEVELS {
        if matches!(tag_name(&current).as_str(), "body" | "html" | "") {
            break;
        }
        if let Some(row) = row_html(&current, &path, &found, chosen_keys) {
            return row;
        }
        path.insert(0, signature(&current));
        match current.parent() {
            Some(parent) => current = parent,
            None => break,
        }
    }
    found
}

/// When `chosen_box` is one of a row of boxes with its signature, the chosen body with the
/// same part (`path` down from each box) of the others around it: the boxes next to it, in
/// page order, up to the first one on each side that is not the article (a call-to-action
/// box, a teaser card, a related list set in the row's own boxes ends the row there, as a
/// box set between the paragraphs of an article ends nothing before it).
fn row_html(
    chosen_box: &NodeRef,
    path: &[String],
    found: &str,
    chosen_keys: &HashSet<String>,
) -> Option<String> {
    let sig = post_signature(chosen_box)?;
    let parent = chosen_box.parent()?;
    let posts: Vec<NodeRef> = parent
        .children_it(false)
        .filter(|c| c.is_element() && post_signature(c).as_deref() == Some(sig.as_str()))
        .collect();
    if posts.len() < 2 {
        return None;
    }
    let chosen_at = posts.iter().position(|p| p.id == chosen_box.id)?;
    let (before, reached_first) = run_of_posts(posts[..chosen_at].iter().rev(), path, chosen_keys);
    let (after, _) = run_of_posts(posts[chosen_at + 1..].iter(), path, chosen_keys);
    if before.is_empty() && after.is_empty() {
        return None;
    }
    let mut html = if reached_first {
        opening_post(&parent, chosen_keys).unwrap_or_default()
    } else {
        String::new()
    };
    html.extend(before.into_iter().rev());
    html.push_str(found);
    html.extend(after);
    Some(html)
}

/// The parts of the posts that read as running text, taken in the order given up to the
/// first post that is not the article; and whether no such post stopped the run.
fn run_of_posts<'a, 'p: 'a>(
    posts: impl Iterator<Item = &'a NodeRef<'p>>,
    path: &[String],
    chosen_keys: &HashSet<String>,
) -> (Vec<String>, bool) {
    let mut parts = Vec::new();
    for post in posts {
        let Some(part) = follow(post, path) else {
            continue;
        };
        match verdict(&part, chosen_keys) {
            Verdict::Continues => parts.push(part.html().to_string()),
            Verdict::Heading | Verdict::PassOver => {}
            Verdict::Ends => return (parts, false),
        }
    }
    (parts, true)
}

/// The opening post set apart before a row of replies (a Q&A page's question before its
/// answers): the box right before the row's box, when it reads as running text.
fn opening_post(row: &NodeRef, chosen_keys: &HashSet<String>) -> Option<String> {
    let before = row.prev_element_sibling()?;
    (verdict(&before, chosen_keys) == Verdict::Continues).then(|| before.html().to_string())
}

/// The element reached from `post` by the children with each signature of `path` in turn.
fn follow<'a>(post: &NodeRef<'a>, path: &[String]) -> Option<NodeRef<'a>> {
    let mut current = *post;
    for sig in path {
        current = current
            .children_it(false)
            .find(|c| c.is_element() && signature(c) == *sig)?;
    }
    Some(current)
}

/// An element's name and its class tokens without digits (ids and numbered classes differ
/// from post to post).
fn signature(node: &NodeRef) -> String {
    let mut sig = tag_name(node);
    if let Some(class) = node.attr("class") {
        for token in class.split_whitespace() {
            if !token.chars().any(|c| c.is_ascii_digit()) {
                sig.push(' ');
                sig.push_str(token);
            }
        }
    }
    sig
}

/// The signature of a box that may be one post of a row: it needs a class (or to be an
/// `<article>`): rows of bare `<div>`s are layout, not posts. A bare box around one box
/// with a class is that box's wrapper (page builders wrap each block of the text in one:
/// Drupal's paragraphs, Gutenberg's groups) and is signed by it.
fn post_signature(node: &NodeRef) -> Option<String> {
    let sig = signature(node);
    if sig.contains(' ') || tag_name(node) == "article" {
        return Some(sig);
    }
    let [only] = node.element_children()[..] else {
        return None;
    };
    let own_text = node
        .children_it(false)
        .any(|c| c.is_text() && !c.text().trim().is_empty());
    if own_text {
        return None;
    }
    let inner = signature(&only);
    inner.contains(' ').then(|| format!("{sig} > {inner}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::html::dom::collapse_whitespace;
    use crate::import::html::running_text::chosen_container;
    use dom_query::Document;

    const FIRST: &str = "Pepe schläft nachts mit mir im Schlafzimmer und seit einigen Tagen liegen viele schwarze Krümel auf dem Bezug.";
    const SECOND: &str = "Das sind vermutlich Erdkrümel aus dem Garten, meine Katzen sind im Sommer auch schon seit fünf Uhr draußen.";
    const THIRD: &str = "Vor allem die Bettelmänner bleiben im Fell hängen, wenn sie durch das hohe Gras am Feldrand streifen.";

    fn post(name: &str, text: &str) -> String {
        format!(
            "<article class='message message--post' id='post-{name}'><div class='user'>{name}</div>\
             <div class='message-main'><div class='bbWrapper'>{text}</div></div></article>"
        )
    }

    fn whole_row(page: &Document, found: &str) -> String {
        let Some((container, chosen)) = chosen_container(found, page) else {
            return found.to_string();
        };
        with_whole_row(found.to_string(), container, &chosen)
    }

    fn text_of_html(html: &str) -> String {
        collapse_whitespace(&Document::fragment(html.to_string()).root().text())
    }

    #[test]
    fn every_post_of_a_forum_thread_is_kept_in_order() {
        let page = Document::from(format!(
            "<body><h1>Jede Nacht verliert Pepe Dreck</h1><div class='thread'>{}{}{}</div></body>",
            post("Pepemaus", FIRST),
            post("Anna", SECOND),
            post("Berta", THIRD)
        ));
        let found = format!("<div><p>{SECOND}</p></div>");
        let text = text_of_html(&whole_row(&page, &found));
        assert_eq!(text, format!("{FIRST}{SECOND}{THIRD}"));
    }

    #[test]
    fn posts_of_lines_set_apart_by_breaks_are_found_in_the_page() {
        // XenForo: each post's text is one block of lines between <br>s, which readability
        // returns as paragraphs; the post is still found in the page and the row taken.
        let post = |name: &str, a: &str, b: &str| {
            format!(
                "<article class='message message--post'><div class='message-main'>\
                 <article class='message-body'><div class='bbWrapper'>{a}<br><br>{b}</div>\
                 </article></div><div class='message-user'>{name}</div></article>"
            )
        };
        let page = Document::from(format!(
            "<body><h1>Jede Nacht verliert Pepe Dreck</h1><div class='block-body'>{}{}</div></body>",
            post("Pepemaus", FIRST, SECOND),
            post("Anna", THIRD, FIRST)
        ));
        let found = format!("<div><p>{FIRST}</p><p>{SECOND}</p></div>");
        let text = text_of_html(&whole_row(&page, &found));
        assert_eq!(text, format!("{FIRST}{SECOND}{THIRD}{FIRST}"));
    }

    #[test]
    fn a_post_that_quotes_another_is_a_post() {
        // A reply opens with the quoted post under its linked source line; it is still one
        // of the thread's posts.
        let quoting = format!(
            "<blockquote class='bbCodeBlock--quote'><div class='bbCodeBlock-title'>\
             <a href='/goto/post-1'>Pepemaus hat gesagt:</a></div>\
             <div class='bbCodeBlock-content'>Die Ohren sind sauber.</div></blockquote>{THIRD}"
        );
        let page = Document::from(format!(
            "<body><h1>Jede Nacht verliert Pepe Dreck</h1><div class='thread'>{}{}{}</div></body>",
            post("Pepemaus", FIRST),
            post("Anna", SECOND),
            post("Berta", &quoting)
        ));
        let found = format!("<div><p>{FIRST}</p></div>");
        let text = text_of_html(&whole_row(&page, &found));
        assert!(text.ends_with(THIRD), "{text}");
        assert!(text.contains(SECOND), "{text}");
    }

    #[test]
    fn the_question_comes_before_the_answers() {
        let page = Document::from(format!(
            "<body><h1>Wurde oder war?</h1><div class='question'><div class='post'><p>{FIRST}</p></div></div>\
             <div class='answers'><div class='answer'><div class='post'><p>{SECOND}</p></div></div>\
             <div class='answer'><div class='post'><p>{THIRD}</p></div></div></div></body>"
        ));
        let found = format!("<p>{THIRD}</p>");
        let text = text_of_html(&whole_row(&page, &found));
        assert_eq!(text, format!("{FIRST}{SECOND}{THIRD}"));
    }

    #[test]
    fn a_row_of_teaser_cards_is_no_thread() {
        let page = Document::from(format!(
            "<body><div class='box'><p>{FIRST}</p><p>{SECOND}</p></div>\
             <div class='box'><h3><a href='/a'>Ein anderer Artikel</a></h3><p>{THIRD}</p></div></body>"
        ));
        let found = format!("<p>{FIRST}</p><p>{SECOND}</p>");
        assert_eq!(whole_row(&page, &found), found);
    }

    #[test]
    fn a_box_that_is_not_the_article_ends_the_row_there() {
        // A page builder's rows: the text goes on in the rows after readability's choice,
        // up to a call-to-action box; the rows after that box are not taken.
        let row = |inner: &str| {
            format!("<div class='vc_row wpb_row'><div class='wpb_wrapper'>{inner}</div></div>")
        };
        let page = Document::from(format!(
            "<body><div class='entry'>{}{}{}{}</div></body>",
            row(&format!("<p>{FIRST}</p><p>{SECOND}</p>")),
            row(&format!("<h4>Weniger Ausfall</h4><p>{THIRD}</p>")),
            row(
                "<section class='cta'><p>Unser Seminar zeigt Ihnen in zwei Tagen, wie Sie mit Augmented Reality beginnen können.</p></section>"
            ),
            row(
                "<p>Diese neuen Entwicklungen sollten Sie kennen, denn sie werden Ihre Arbeit in den nächsten Jahren verändern.</p>"
            )
        ));
        let found = format!("<div><p>{FIRST}</p><p>{SECOND}</p></div>");
        let text = text_of_html(&whole_row(&page, &found));
        assert_eq!(text, format!("{FIRST}{SECOND}Weniger Ausfall{THIRD}"));
    }

    #[test]
    fn bare_wrappers_of_blocks_with_a_class_are_a_row() {
        // Drupal's paragraphs: each block of the text in a bare <div> around a classed box.
        let block = |text: &str| {
            format!(
                "<div><div class='paragraph paragraph--text'><div class='paragraph-text'><p>{text}</p></div></div></div>"
            )
        };
        let page = Document::from(format!(
            "<body><h1>Pellets aus Laub</h1><div class='content'>{}{}{}</div></body>",
            block(FIRST),
            block(SECOND),
            block(THIRD)
        ));
        let found = format!("<div><p>{FIRST}</p></div>");
        let text = text_of_html(&whole_row(&page, &found));
        assert_eq!(text, format!("{FIRST}{SECOND}{THIRD}"));
    }

    #[test]
    fn boxes_without_a_class_are_layout() {
        let page = Document::from(format!(
            "<body><div><div><p>{FIRST}</p></div></div><div><div><p>{THIRD}</p></div></div></body>"
        ));
        let found = format!("<p>{FIRST}</p>");
        assert_eq!(whole_row(&page, &found), found);
    }
}
