//! The lead image: the photo at the top of the article, with its caption. It moves to the
//! front matter (`image`, `image_caption`; themes show it above the text), so it is taken out
//! of the page before the body is extracted.

use dom_query::{Document, NodeRef};
use url::Url;

use super::anchor::Anchor;
use super::dom::{
    class_id_words, collapse_whitespace, link_text_len, select, tag_name, text_of, word_count,
};
use super::photo_captions::{glued_pieces, is_screen_reader_text};
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
    "icon",
    "author",
];

/// Class and id words of small copies of photos: teasers' pictures, except that WordPress's
/// `post-thumbnail` holds the article's own featured image.
const THUMBNAIL_WORDS: &[&str] = &["thumb", "thumbnail"];

/// How many words may stand between a photo and its caption (a credit, a share bar).
const MAX_WORDS_BETWEEN_PHOTO_AND_CAPTION: usize = 12;

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
    let Some((img, caption_found)) = find_lead_img(doc, anchor, known, base) else {
        return LeadImage {
            url: None,
            caption: None,
        };
    };
    let url = image_source(&img).map(|s| resolve(&s, base));
    // Looking for the photo took the caption beside it out of the page; a caption further
    // out is found now, else the one found then is the photo's.
    let (container, caption) = figure_and_caption(&img);
    let caption = caption.or(caption_found);
    // "(Foto: Bola Timur/Andi Baso)" alone credits the photo and describes nothing.
    let caption = caption.filter(|c| !c.is_empty() && !crate::import::phrases::is_credit_alone(c));
    dropped.push(Dropped {
        text: caption.clone().or_else(|| url.clone()).unwrap_or_default(),
        rule: "lead image (moved to image and image_caption)".to_string(),
    });
    container.remove_from_parent();
    LeadImage { url, caption }
}

/// The image the metadata names, else the first photo in a figure (or with a caption) after
/// the headline and before the article's first paragraph, with that caption.
fn find_lead_img<'a>(
    doc: &'a Document,
    anchor: &Anchor,
    known: Option<&str>,
    base: Option<&Url>,
) -> Option<(NodeRef<'a>, Option<String>)> {
    // AMP pages write their photos as `<amp-img>`.
    let all: Vec<NodeRef> = doc.select("body img, body amp-img").nodes().to_vec();
    if let Some(known) = known {
        // The photo the metadata names may sit in a "thumbnail" box (WordPress's
        // `post-thumbnail` is the featured image) and show a smaller size of it.
        let same = all
            .iter()
            .find(|i| !in_excluded_container(i, false) && shows_image(i, base, known));
        if let Some(img) = same {
            return Some((*img, None));
        }
    }
    let imgs: Vec<NodeRef> = all
        .into_iter()
        .filter(|i| !in_excluded_container(i, true))
        .collect();
    let headline = doc.select("h1").nodes().first().map(|h| h.id);
    let first_paragraph = anchor
        .node(doc)
        .and_then(|a| first_paragraph(&a))
        .map(|p| p.id)?;
    imgs.into_iter().find_map(|i| {
        let placed = headline.is_none_or(|h| i.id > h) && i.id < first_paragraph;
        if !placed || image_source(&i).is_none() {
            return None;
        }
        figure_and_caption(&i).1.map(|caption| (i, Some(caption)))
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

/// Whether `img` shows the picture at `known`: as its source, as the link around it (a
/// smaller size linking to the full one), or as its source without a size suffix
/// ("foto-750x375.jpg" of "foto.jpg").
fn shows_image(img: &NodeRef, base: Option<&Url>, known: &str) -> bool {
    let Some(src) = image_source(img).map(|s| resolve(&s, base)) else {
        return false;
    };
    let link = img
        .ancestors_it(Some(3))
        .find(|a| a.has_name("a"))
        .and_then(|a| a.attr("href"))
        .map(|href| resolve(href.trim(), base));
    same_image(&src, known)
        || link.is_some_and(|l| same_image(&l, known))
        || without_size_suffix(&src).is_some_and(|s| same_image(&s, known))
        || same_file_resized(&src, known)
}

/// Two addresses on one host that end in the same distinctive file name: one photo in two
/// of a CDN's or CMS's resize forms ("…/resize:fit:700/1*Qm3kTr9v.jpeg" and
/// "…/resize:fit:1200/1*Qm3kTr9v.jpeg", "/_ipx/w_750/foto.jpg", an image style's
/// "styles/large/public/…"). A file name is distinctive with a digit and eight characters
/// before its extension: "avatar.jpg" or "image.png" name no one photo.
fn same_file_resized(a: &str, b: &str) -> bool {
    let host_and_file = |url: &str| {
        let parsed = Url::parse(url).ok()?;
        let host = parsed.host_str()?.trim_start_matches("www.").to_string();
        let file = parsed.path_segments()?.next_back()?.to_string();
        Some((host, file))
    };
    let (Some((host_a, file_a)), Some((host_b, file_b))) = (host_and_file(a), host_and_file(b))
    else {
        return false;
    };
    let stem = file_a
        .rsplit_once('.')
        .map_or(file_a.as_str(), |(stem, _)| stem);
    host_a == host_b
        && file_a == file_b
        && stem.chars().count() >= 8
        && stem.chars().any(|c| c.is_ascii_digit())
}

/// "https://x/foto-750x375.jpg" → "https://x/foto.jpg": the size suffix CMSs add to the
/// smaller copies of a photo.
fn without_size_suffix(url: &str) -> Option<String> {
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(path_end);
    let dot = path.rfind('.').filter(|d| !path[*d..].contains('/'))?;
    let (stem, ext) = path.split_at(dot);
    let dash = stem.rfind('-')?;
    let (w, h) = stem[dash + 1..].split_once('x')?;
    let digits = |t: &str| !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{}{ext}{rest}", &stem[..dash]))
}

fn in_excluded_container(img: &NodeRef, thumbnails_too: bool) -> bool {
    std::iter::once(*img)
        .chain(img.ancestors_it(Some(4)))
        .any(|n| {
            matches!(tag_name(&n).as_str(), "nav" | "footer" | "aside")
                || class_id_words(&n).iter().any(|w| {
                    NOT_LEAD_WORDS.contains(&w.as_str())
                        || (thumbnails_too && THUMBNAIL_WORDS.contains(&w.as_str()))
                })
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
            let caption = with_credit_beside(caption, &wrapper);
            let text = caption_text(&caption);
            if text_of(&wrapper) == text_of(&caption) {
                return (wrapper, Some(text));
            }
            // The photo's own caption, next to it; not one further down a box that holds
            // the article's text (an inline figure's caption, a promo's).
            if words_between(&wrapper, img, &caption) > MAX_WORDS_BETWEEN_PHOTO_AND_CAPTION {
                break;
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

/// The words of `wrapper`'s text between `img` and `caption`, in page order (node ids grow
/// in document order in a freshly parsed page).
fn words_between(wrapper: &NodeRef, img: &NodeRef, caption: &NodeRef) -> usize {
    let caption_end = caption
        .descendants_it()
        .map(|d| d.id)
        .max()
        .unwrap_or(caption.id);
    let (from, to) = if img.id < caption.id {
        (img.id, caption.id)
    } else {
        (caption_end, img.id)
    };
    wrapper
        .descendants_it()
        .filter(|d| d.is_text() && d.id > from && d.id < to)
        .map(|d| word_count(&d.text()))
        .sum()
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
/// headline over the photo) is no caption, nor is a quote set with a photo (a
/// `<blockquote>` of a picture and a reader's words) or a paragraph of several sentences
/// (the article's first, beside its photo): those are the article's text.
fn sole_text_beside_image(wrapper: &NodeRef) -> Option<String> {
    if tag_name(wrapper) == "blockquote" {
        return None;
    }
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
    (text_of(image_side).is_empty()
        && (2..=40).contains(&words)
        && few_links
        && !heading
        && sentences(&text) <= MAX_CAPTION_SENTENCES)
        .then(|| caption_text(other))
}

/// A caption without a class saying so has at most this many sentences ("Warga antre beras.
/// Foto: Ani").
const MAX_CAPTION_SENTENCES: usize = 2;

/// The sentences of a text: its sentence ends (".", "!", "?", "…", with a closing quote
/// after them) followed by a space and more text, plus one.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 1;
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut next = i + 1;
        while chars
            .get(next)
            .is_some_and(|c| matches!(c, '"' | '”' | '’' | '\'' | '»' | ')'))
        {
            next += 1;
        }
        let ends = chars.get(next).is_some_and(|c| c.is_whitespace())
            && chars[next..]
                .iter()
                .any(|c| c.is_uppercase() || c.is_numeric());
        if ends {
            count += 1;
        }
    }
    count
}

/// A caption's text without the buttons sites put in it ("Purchase Licensing Rights") and
/// the text hidden for screen readers, with a space between a caption and its credit set in
/// two elements side by side ("…2026." and "Reuters").
fn caption_text(node: &NodeRef) -> String {
    let mut raw = String::new();
    let mut previous_parent: Option<NodeRef> = None;
    for d in node.descendants_it() {
        let hidden = d
            .ancestors_it(None)
            .take_while(|a| a.id != node.id)
            .any(|a| a.has_name("button") || is_screen_reader_text(&a));
        if !d.is_text() || hidden {
            continue;
        }
        let text = d.text();
        let parent = d.parent();
        let side_by_side = match (&previous_parent, &parent) {
            (Some(before), Some(now)) => {
                before.id != now.id
                    && !before.ancestors_it(None).any(|a| a.id == now.id)
                    && !now.ancestors_it(None).any(|a| a.id == before.id)
            }
            _ => false,
        };
        if side_by_side && glued_pieces(&raw, &text) {
            raw.push(' ');
        }
        raw.push_str(&text);
        if !text.trim().is_empty() {
            previous_parent = parent;
        }
    }
    collapse_whitespace(&raw)
}

/// A caption with the credit set beside it in a box of the two ("image__metadata": the
/// caption's element and a credit's), else the caption alone.
fn with_credit_beside<'a>(caption: NodeRef<'a>, wrapper: &NodeRef<'a>) -> NodeRef<'a> {
    let Some(parent) = caption.parent().filter(|p| p.id != wrapper.id) else {
        return caption;
    };
    let pieces = parent.element_children();
    let all_caption_pieces = pieces.len() > 1
        && pieces.iter().all(|piece| {
            tag_name(piece) == "figcaption"
                || class_id_words(piece)
                    .iter()
                    .any(|w| CAPTION_WORDS.contains(&w.as_str()))
        });
    if all_caption_pieces && select(&parent, "img").is_empty() {
        parent
    } else {
        caption
    }
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
    fn a_lead_photo_found_without_metadata_keeps_the_caption_beside_it() {
        // Drupal: the photo's field and its caption's field side by side, no og:image.
        let html = "<body><article><h1>Jalan Trans Halmahera Rampung Akhir Tahun</h1>\
            <div class='node__content'><div class='field--name-field-gambar'><img src='https://x.org/jalan.jpg'></div>\
            <div class='field--name-field-keterangan-gambar'>Alat berat meratakan badan jalan di ruas Sofifi-Weda.</div>\
            <div class='field--name-body'><p>SOFIFI - Pengaspalan Jalan Trans Halmahera ruas Sofifi-Weda ditargetkan rampung pada akhir Desember.</p></div>\
            <div class='field--name-field-tags'><a href='/taxonomy/term/112'>Trans Halmahera</a></div></div></article></body>";
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let lead = take_lead_image(&doc, &anchor, None, None, &mut Vec::new());
        assert_eq!(lead.url.as_deref(), Some("https://x.org/jalan.jpg"));
        assert_eq!(
            lead.caption.as_deref(),
            Some("Alat berat meratakan badan jalan di ruas Sofifi-Weda.")
        );
    }

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

    #[test]
    fn a_quote_or_a_paragraph_beside_the_lead_photo_is_no_caption() {
        // A reader's words set with a photo in a <blockquote>, and the article's first
        // paragraph of several sentences beside its photo, stay in the text.
        let quote = "“The show was really great. We received the tickets at the entrance. \
            Booking was really easy.”";
        let paragraph = "Harga beras naik lagi. Warga antre sejak pagi di Pasar Baru. \
            Pedagang menyebut pasokan dari Jawa berkurang.";
        for wrapper in ["blockquote", "div"] {
            for text in [quote, paragraph] {
                let html = format!(
                    "<body><{wrapper}><p><img src='https://x.org/p.jpg'></p><p>{text}</p>\
                     </{wrapper}><p>Harga beras naik lagi di seluruh pasar kota pada pekan \
                     ini.</p></body>"
                );
                let (lead, doc) = lead_of(&html, "https://x.org/p.jpg");
                assert_eq!(lead.url.as_deref(), Some("https://x.org/p.jpg"));
                assert_eq!(lead.caption, None, "{wrapper}: {text}");
                assert!(
                    doc.select("body").text().contains(text),
                    "{wrapper}: {text}"
                );
            }
        }
        // Two sentences beside a photo are still its caption.
        assert_eq!(
            sentences("Warga antre beras di Pasar Baru, Senin. Foto: Ani"),
            2
        );
    }

    fn lead_of(html: &str, known: &str) -> (LeadImage, Document) {
        let doc = Document::from(html);
        let anchor = super::super::anchor::find_anchor(&doc);
        let lead = take_lead_image(&doc, &anchor, Some(known), None, &mut Vec::new());
        (lead, doc)
    }

    #[test]
    fn the_featured_image_in_a_thumbnail_box_is_the_lead_and_keeps_its_caption() {
        let html = "<body><h1>Sanggar Tari di Ambon</h1><div class='jeg_featured'>\
            <a href='https://x.org/up/tari.jpg'><div class='thumbnail-container'>\
            <img src='https://x.org/up/tari-750x375.jpg'></div></a>\
            <p class='wp-caption-text'>Anak-anak berlatih tari lenso. (Foto: Yosina)</p></div>\
            <div class='content-inner'><p>Setiap Sabtu sore, halaman sanggar dipenuhi puluhan anak \
            yang belajar tari.</p><figure><img src='https://x.org/up/kelas.jpg'><figcaption>Kelas \
            tari</figcaption></figure></div></body>";
        let (lead, doc) = lead_of(html, "https://x.org/up/tari.jpg");
        assert_eq!(
            lead.caption.as_deref(),
            Some("Anak-anak berlatih tari lenso. (Foto: Yosina)")
        );
        assert_eq!(doc.select("img").length(), 1, "the inline figure stays");
        // A post thumbnail without a caption of its own does not take an inline figure's.
        let html = "<body><h1>Council approves homes</h1><article><div class='post-thumbnail'>\
            <img src='https://x.org/chamber.jpg'></div><div class='entry-content'><p>The council \
            voted on Tuesday night to approve the plan for the former mill site.</p>\
            <figure><img src='https://x.org/lot-1024x683.jpg'><figcaption>The vacant lot.\
            </figcaption></figure></div></article></body>";
        let (lead, doc) = lead_of(html, "https://x.org/chamber.jpg");
        assert_eq!(lead.url.as_deref(), Some("https://x.org/chamber.jpg"));
        assert_eq!(lead.caption, None);
        assert_eq!(doc.select("figcaption").length(), 1);
    }

    #[test]
    fn a_size_suffix_names_a_smaller_copy_of_the_same_photo() {
        assert_eq!(
            without_size_suffix("https://x.org/up/foto-750x375.jpg?v=2").as_deref(),
            Some("https://x.org/up/foto.jpg?v=2")
        );
        assert_eq!(without_size_suffix("https://x.org/up/foto-2024.jpg"), None);
        assert_eq!(without_size_suffix("https://x.org/up/foto.jpg"), None);
    }

    #[test]
    fn a_cdn_resize_path_names_the_same_photo_by_its_file() {
        let og = "https://miro.cdn.example/v2/resize:fit:1200/1*Qm3kTr9vXa2b.jpeg";
        assert!(same_file_resized(
            "https://miro.cdn.example/v2/resize:fit:700/1*Qm3kTr9vXa2b.jpeg",
            og
        ));
        assert!(same_file_resized(
            "https://www.portal.example/_ipx/w_750&f_webp/uploads/2026/12/banjir-sorong-20261204.jpg",
            "https://portal.example/uploads/2026/12/banjir-sorong-20261204.jpg"
        ));
        // Another host, or a file name that names no one photo.
        assert!(!same_file_resized(
            "https://other.example/v2/resize:fit:700/1*Qm3kTr9vXa2b.jpeg",
            og
        ));
        assert!(!same_file_resized(
            "https://cdn.example/media/a1/fill/w_32/avatar.jpg",
            "https://cdn.example/media/b2/fill/w_1200/avatar.jpg"
        ));
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
