//! Photos whose caption stands beside them in a box of the page's own, not in a `<figure>`:
//! a gallery's items (`<div class="gallery-item"><img><p class="gallery-item__caption">`),
//! a CMS's photo box. Each such box becomes a `<figure>` and its caption a `<figcaption>`
//! before readability, which drops the classes that say which line is a caption; the
//! caption then comes out as a figure's, emphasised under its photo, not as a paragraph.

use dom_query::{Document, NodeRef};

use super::dom::{class_id_words, select, tag_name, text_of, word_count};

/// Class words of text a page hides from sight and writes for screen readers
/// ("Image caption, " before a caption): no part of the caption a reader sees.
const HIDDEN_TEXT_PAIRS: &[(&str, &str)] =
    &[("visually", "hidden"), ("sr", "only"), ("screen", "reader")];

/// Whether an element's class names text hidden from sight for screen readers.
pub fn is_screen_reader_text(node: &NodeRef) -> bool {
    let words = class_id_words(node);
    words.windows(2).any(|pair| {
        HIDDEN_TEXT_PAIRS
            .iter()
            .any(|(a, b)| pair[0] == *a && pair[1] == *b)
    }) || words.iter().any(|w| w == "visuallyhidden")
}

/// Whether two pieces of a caption set in elements side by side with nothing between them
/// ("…the bridge closed." and "Adaeze Nwosu for …", a caption and its credit) need a space:
/// the first ends a sentence and the second starts a word. (A piece that ends in a word may
/// be half of one: a gallery's counter "2of4" glued to its caption is read as a counter.)
pub fn glued_pieces(before: &str, after: &str) -> bool {
    let ends = before
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ')' | '"' | '”'));
    let starts = after.chars().next().is_some_and(char::is_alphanumeric);
    ends && starts
}

/// Captions as a reader sees them: the screen-reader text in a `<figcaption>` goes, and a
/// caption and its credit set in two elements with nothing between them get a space
/// ("closed.Adaeze" reads "closed. Adaeze").
pub fn captions_as_seen(doc: &Document) {
    for caption in doc.select("figcaption").nodes() {
        for hidden in select(caption, "*")
            .into_iter()
            .filter(is_screen_reader_text)
        {
            hidden.remove_from_parent();
        }
        for piece in select(caption, "*") {
            let Some(previous) = piece.prev_sibling() else {
                continue;
            };
            if previous.is_element() && glued_pieces(&previous.text(), &piece.text()) {
                piece.before_html(" ");
            }
        }
    }
}

/// Class and id words of a photo's caption.
const CAPTION_WORDS: &[&str] = &["caption", "keterangan"];

/// Words a photo's box may hold besides its caption: a counter ("2/4"), a short credit.
const MAX_OTHER_WORDS: usize = 3;

/// A caption is a line or two, not an article.
const MAX_CAPTION_WORDS: usize = 60;

/// Marks each photo box with its caption as a `<figure>` with a `<figcaption>`.
pub fn mark_photo_captions(doc: &Document) {
    // Collected first: renaming changes the tree the selection walks.
    let captions: Vec<NodeRef> = doc
        .select("body *")
        .nodes()
        .iter()
        .filter(|n| is_caption_line(n))
        .cloned()
        .collect();
    for caption in captions {
        if let Some(photo_box) = photo_box_of(&caption) {
            photo_box.rename("figure");
            caption.rename("figcaption");
        }
    }
}

fn is_caption_line(node: &NodeRef) -> bool {
    matches!(tag_name(node).as_str(), "p" | "div" | "span")
        && class_id_words(node)
            .iter()
            .any(|w| CAPTION_WORDS.contains(&w.as_str()))
        && select(node, "img").is_empty()
        && (1..=MAX_CAPTION_WORDS).contains(&word_count(&text_of(node)))
        && !node
            .ancestors_it(None)
            .any(|a| matches!(tag_name(&a).as_str(), "figure" | "figcaption"))
}

/// The nearest box around `caption` that holds a photo, when it holds one photo and
/// nothing else of note beside the caption.
fn photo_box_of<'a>(caption: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let photo_box = caption
        .ancestors_it(Some(2))
        .find(|a| !select(a, "img").is_empty())?;
    let caption_words = word_count(&text_of(caption));
    let other_words = word_count(&text_of(&photo_box)).saturating_sub(caption_words);
    (matches!(tag_name(&photo_box).as_str(), "div" | "li")
        && select(&photo_box, "img").len() == 1
        && other_words <= MAX_OTHER_WORDS)
        .then_some(photo_box)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_reads_as_seen() {
        let doc = Document::from(
            "<body><figure><img src='a.jpg'><figcaption><span class='visually-hidden'>Image caption, </span>\
             Walls of the old village</figcaption></figure><figure><img src='b.jpg'><figcaption>\
             <span class='caption__text'>A ferry on Monday.</span><span class='caption__credit'>\
             <span>Adaeze Nwosu</span></span></figcaption></figure><figure><img src='c.jpg'><figcaption>\
             <b>Foto</b>: Ani/<i>Warta</i></figcaption></figure></body>",
        );
        captions_as_seen(&doc);
        let captions: Vec<String> = doc
            .select("figcaption")
            .nodes()
            .iter()
            .map(|c| c.text().to_string())
            .collect();
        assert_eq!(
            captions,
            [
                "Walls of the old village",
                "A ferry on Monday. Adaeze Nwosu",
                "Foto: Ani/Warta"
            ]
        );
    }

    fn marked(html: &str) -> String {
        let doc = Document::from(html);
        mark_photo_captions(&doc);
        doc.select("body").html().to_string()
    }

    #[test]
    fn a_gallery_items_caption_becomes_its_figures() {
        let html = marked(
            "<body><div class='gallery-item'><div class='gallery-item__img'><img src='a.jpg'></div>\
             <div class='gallery-item__count'>2/4</div>\
             <p class='gallery-item__caption'>Umat bersembahyang di depan altar.</p></div></body>",
        );
        assert!(html.contains("<figure class=\"gallery-item\">"), "{html}");
        assert!(
            html.contains("<figcaption class=\"gallery-item__caption\">Umat"),
            "{html}"
        );
    }

    #[test]
    fn a_photo_box_with_a_keterangan_line() {
        let html = marked(
            "<body><div class='foto'><img src='a.jpg'><span class='keterangan-foto'>Banjir di Medan.</span></div></body>",
        );
        assert!(html.contains("<figure"), "{html}");
        assert!(html.contains("<figcaption"), "{html}");
    }

    #[test]
    fn a_caption_class_without_its_own_photo_or_among_text_is_left() {
        // Two photos share the box: whose caption it is cannot be told.
        let two = "<body><div><img src='a.jpg'><img src='b.jpg'><p class='caption'>Dua foto.</p></div></body>";
        assert!(!marked(two).contains("<figure"));
        // The box holds the article's paragraphs too.
        let article = "<body><div><img src='a.jpg'><p class='caption'>Foto banjir.</p>\
            <p>Banjir melanda Medan sejak Senin pagi dan merendam ratusan rumah warga.</p></div></body>";
        assert!(!marked(article).contains("<figure"));
        // Already a figure.
        let figure =
            "<body><figure><img src='a.jpg'><div class='caption'>Foto.</div></figure></body>";
        assert!(!marked(figure).contains("<figcaption"));
    }
}
