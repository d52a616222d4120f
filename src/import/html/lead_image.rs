//! The lead image: the photo at the top of the article, with its caption. It moves to the
//! front matter (`image`, `image_caption`; themes show it above the text), so it is taken out
//! of the page before the body is extracted.

use dom_query::{Document, NodeRef};
use url::Url;

use super::anchor::Anchor;
use super::dom::{
    class_id_words, collapse_whitespace, link_text_len, select, tag_name, text_of, word_count,
};
use super::urls::{image_source, resolve};
use crate::import::Dropped;

/// Class and id words of a caption next to an image.
const CAPTION_WORDS: &[&str] = &[
    "caption",
    "figcaption",
    "keterangan",
    "credit",
    "credits",
    "ket",
    "photo-caption",
];

/// Class and id words of containers whose images are never the lead.
const NOT_LEAD_WORDS: &[&str] = &[
    "logo",
    "avatar",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "iklan",
    "sponsor",
    "related",
    "thumb",
    "thumbnail",
    "icon",
    "author",
];

pub struct LeadImage {
    /// Absolute when the page's URL is known.
    pub url: Option<String>,
    pub caption: Option<String>,
}

/// Finds the lead image, removes it (with its figure and caption) from the page, and
/// returns it. `known` is the image the metadata names (JSON-LD or og:image), resolved.
pub fn take_lead_image(
    doc: &Document,
    anchor: &Anchor,
    known: Option<&str>,
    base: Option<&Url>,
    dropped: &mut Vec<Dropped>,
) -> LeadImage {
    let Some(img) = find_lead_img(doc, anchor, known, base) else {
        return LeadImage {
            url: None,
            caption: None,
        };
    };
    let url = image_source(&img).map(|s| resolve(&s, base));
    let (container, caption) = figure_and_caption(&img);
    let caption = caption.filter(|c| !c.is_empty());
    dropped.push(Dropped {
        text: caption.clone().or_else(|| url.clone()).unwrap_or_default(),
        rule: "lead image (moved to image and image_caption)".to_string(),
    });
    container.remove_from_parent();
    LeadImage { url, caption }
}

/// The image the metadata names, else the first photo in a figure (or with a caption) after
/// the headline and before the article's first paragraph.
fn find_lead_img<'a>(
    doc: &'a Document,
    anchor: &Anchor,
    known: Option<&str>,
    base: Option<&Url>,
) -> Option<NodeRef<'a>> {
    // AMP pages write their photos as `<amp-img>`.
    let imgs: Vec<NodeRef> = doc
        .select("body img, body amp-img")
        .nodes()
        .iter()
        .copied()
        .filter(|i| !in_excluded_container(i))
        .collect();
    if let Some(known) = known {
        let same = imgs
            .iter()
            .find(|i| image_source(i).is_some_and(|s| same_image(&resolve(&s, base), known)));
        if let Some(img) = same {
            return Some(*img);
        }
    }
    let headline = doc.select("h1").nodes().first().map(|h| h.id);
    let first_paragraph = anchor
        .node(doc)
        .and_then(|a| first_paragraph(&a))
        .map(|p| p.id)?;
    imgs.into_iter().find(|i| {
        headline.is_none_or(|h| i.id > h)
            && i.id < first_paragraph
            && image_source(i).is_some()
            && figure_and_caption(i).1.is_some()
    })
}

/// Node ids grow in document order in a freshly parsed page, so comparing them compares
/// positions.
fn first_paragraph<'a>(anchor: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    anchor.descendants_it().find(|n| {
        (n.is_text() && word_count(&n.text()) >= 8)
            || (tag_name(n) == "p" && word_count(&n.text()) >= 8)
    })
}

/// Two image URLs name the same picture (ignoring a query string).
fn same_image(a: &str, b: &str) -> bool {
    let strip = |s: &str| {
        s.split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string()
    };
    a == b || strip(a) == strip(b)
}

fn in_excluded_container(img: &NodeRef) -> bool {
    std::iter::once(*img)
        .chain(img.ancestors_it(Some(4)))
        .any(|n| {
            matches!(tag_name(&n).as_str(), "nav" | "footer" | "aside")
                || class_id_words(&n)
                    .iter()
                    .any(|w| NOT_LEAD_WORDS.contains(&w.as_str()))
        })
}

/// What to remove with the image (its `<figure>`, or a wrapper holding only it and its
/// caption) and the caption's text.
fn figure_and_caption<'a>(img: &NodeRef<'a>) -> (NodeRef<'a>, Option<String>) {
    if let Some(figure) = img.ancestors_it(Some(4)).find(|a| tag_name(a) == "figure") {
        let caption = select(&figure, "figcaption")
            .first()
            .map(caption_text)
            .or_else(|| caption_near(&figure).map(|c| caption_text(&c)));
        return (figure, caption);
    }
    if let Some(found) = caption_table(img) {
        return found;
    }
    // Collected first: the iterator borrows the tree, which removing a caption changes.
    let wrappers: Vec<NodeRef> = img.ancestors_it(Some(3)).collect();
    for wrapper in wrappers {
        if tag_name(&wrapper) == "body" {
            break;
        }
        if let Some(caption) = caption_near(&wrapper) {
            let text = caption_text(&caption);
            if text_of(&wrapper) == text_of(&caption) {
                return (wrapper, Some(text));
            }
            caption.remove_from_parent();
            return (*img, Some(text));
        }
        if let Some(text) = sole_text_beside_image(&wrapper) {
            return (wrapper, Some(text));
        }
        if !text_of(&wrapper).is_empty() {
            break;
        }
    }
    (image_only_wrapper(img), None)
}

/// A photo and its caption laid out as a table of one image and nothing but the caption
/// (Blogger's `tr-caption-container`, older CMSs): the table is the figure.
fn caption_table<'a>(img: &NodeRef<'a>) -> Option<(NodeRef<'a>, Option<String>)> {
    let table = img.ancestors_it(Some(5)).find(|a| tag_name(a) == "table")?;
    if select(&table, "img").len() != 1 {
        return None;
    }
    let caption = caption_near(&table)?;
    (text_of(&table) == text_of(&caption)).then(|| (table, Some(caption_text(&caption))))
}

/// The text of a wrapper that holds the image and one short line of text beside it: a
/// caption without a class saying so. A heading beside the image (a hero banner with the
/// headline over the photo) is no caption.
fn sole_text_beside_image(wrapper: &NodeRef) -> Option<String> {
    let children = wrapper.element_children();
    let [a, b] = children.as_slice() else {
        return None;
    };
    let holds_image = |n: &NodeRef| n.has_name("img") || !select(n, "img").is_empty();
    let other = match (holds_image(a), holds_image(b)) {
        (true, false) => b,
        (false, true) => a,
        _ => return None,
    };
    let image_side = if other.id == a.id { b } else { a };
    let text = text_of(other);
    let words = word_count(&text);
    let few_links = link_text_len(other) * 2 < text.chars().count();
    let is_heading = |n: &NodeRef| matches!(tag_name(n).as_str(), "h1" | "h2" | "h3" | "h4");
    let heading = is_heading(other) || other.descendants_it().any(|d| is_heading(&d));
    (text_of(image_side).is_empty() && (2..=40).contains(&words) && few_links && !heading)
        .then(|| caption_text(other))
}

/// A caption's text without the buttons sites put in it ("Purchase Licensing Rights").
fn caption_text(node: &NodeRef) -> String {
    let mut raw = String::new();
    for d in node.descendants_it() {
        let in_button = d
            .ancestors_it(None)
            .take_while(|a| a.id != node.id)
            .any(|a| a.has_name("button"));
        if d.is_text() && !in_button {
            raw.push_str(&d.text());
        }
    }
    collapse_whitespace(&raw)
}

/// The outermost close ancestor that holds nothing but this image, else the image.
fn image_only_wrapper<'a>(img: &NodeRef<'a>) -> NodeRef<'a> {
    let mut container = *img;
    for a in img.ancestors_it(Some(2)) {
        if tag_name(&a) == "body" || !text_of(&a).is_empty() || select(&a, "img").len() != 1 {
            break;
        }
        container = a;
    }
    container
}

/// A caption element inside `container` (class "caption", "keterangan", ...).
fn caption_near<'a>(container: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    container.descendants_it().find(|n| {
        n.is_element()
            && class_id_words(n)
                .iter()
                .any(|w| CAPTION_WORDS.contains(&w.as_str()))
            && !text_of(n).is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_beside_the_lead_photo_is_no_caption() {
        let html = "<body><div class='post-hero'><div><img src='https://x.org/p.jpg'></div>\
            <div class='post-title'><h1>Dimethylether: Alternative für das Heizen</h1></div></div>\
            <p>Die Nachfrage nach erneuerbaren Energien in Deutschland steigt seit Jahren.</p></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        let lead = take_lead_image(
            &doc,
            &anchor,
            Some("https://x.org/p.jpg"),
            None,
            &mut dropped,
        );
        assert_eq!(lead.url.as_deref(), Some("https://x.org/p.jpg"));
        assert_eq!(lead.caption, None);
        assert_eq!(doc.select("h1").length(), 1, "the headline stays");
        assert_eq!(doc.select("img").length(), 0, "the photo goes");
    }

    #[test]
    fn a_short_line_beside_the_lead_photo_is_its_caption() {
        let html = "<body><div class='pic'><div><img src='https://x.org/p.jpg'></div>\
            <div>Warga antre beras di Pasar Baru, Senin.</div></div>\
            <p>Harga beras naik lagi di seluruh pasar kota pada pekan ini.</p></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let mut dropped = Vec::new();
        let lead = take_lead_image(
            &doc,
            &anchor,
            Some("https://x.org/p.jpg"),
            None,
            &mut dropped,
        );
        assert_eq!(
            lead.caption.as_deref(),
            Some("Warga antre beras di Pasar Baru, Senin.")
        );
        assert!(!doc.select("body").text().contains("Warga antre"));
    }

    fn lead_of(html: &str, known: &str) -> (LeadImage, Document) {
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let lead = take_lead_image(&doc, &anchor, Some(known), None, &mut Vec::new());
        (lead, doc)
    }

    #[test]
    fn an_amp_img_in_a_figure_is_the_lead_with_its_caption() {
        let html = "<body><h1>Harga Minyak Naik</h1><figure><amp-img src='https://x.org/m.jpg' \
            width='1280' height='720'></amp-img><figcaption>Pedagang menata minyak goreng, Senin \
            (2/12/2024). (Warta/Andi)</figcaption></figure><div><p>Kementerian menaikkan harga \
            eceran tertinggi minyak goreng mulai pekan depan di seluruh pasar.</p></div></body>";
        let (lead, doc) = lead_of(html, "https://x.org/m.jpg");
        assert_eq!(
            lead.caption.as_deref(),
            Some("Pedagang menata minyak goreng, Senin (2/12/2024). (Warta/Andi)")
        );
        assert_eq!(doc.select("figure").length(), 0);
    }

    #[test]
    fn a_table_of_one_photo_and_its_caption_is_a_figure_but_a_data_table_is_not() {
        let blogger = "<body><div class='post-body'><table class='tr-caption-container'><tbody>\
            <tr><td><a href='https://x.org/big.jpg'><img src='https://x.org/small.jpg'></a></td></tr>\
            <tr><td class='tr-caption'>Warga menyeberangi sungai dengan rakit bambu. (Foto: Kabar/Umbu)</td></tr>\
            </tbody></table><div>Jembatan gantung yang menghubungkan dua desa putus diterjang banjir pada Sabtu malam.</div></div></body>";
        let (lead, doc) = lead_of(blogger, "https://x.org/small.jpg");
        assert_eq!(
            lead.caption.as_deref(),
            Some("Warga menyeberangi sungai dengan rakit bambu. (Foto: Kabar/Umbu)")
        );
        assert_eq!(doc.select("table").length(), 0);

        let data = "<body><table><tr><td><img src='https://x.org/chart.jpg'></td><td>Beras</td><td>13.680</td></tr>\
            <tr><td class='caption'>Harga rata-rata nasional</td></tr></table>\
            <p>Harga beras medium naik 2,3 persen dalam sepekan menurut panel harga pangan.</p></body>";
        let (lead, doc) = lead_of(data, "https://x.org/chart.jpg");
        assert_eq!(lead.caption, None);
        assert_eq!(doc.select("table").length(), 1, "a data table stays");
    }
}
