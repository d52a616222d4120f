//! The HTML of a local image: `<picture>` with a WebP `srcset` and the original format as
//! fallback, `width`/`height` so the page does not shift as it loads, lazy loading except
//! for the lead image.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::{Format, Image, Output};

/// What a path in `src`/`srcset` must escape: `srcset` splits at spaces and commas.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'\'')
    .add(b',')
    .add(b'<')
    .add(b'>')
    .add(b'#')
    .add(b'?')
    .add(b'%');

/// The site path of an output of `image` published in `site_folder`.
pub fn url(site_folder: &str, image: &Image, output: &Output) -> String {
    let mut url = String::with_capacity(site_folder.len() + image.name.len() + 8);
    url.push_str(site_folder);
    push_escaped_output_name(&mut url, image, output);
    url
}

/// Appends the name of an output of `image` (as [`Image::output_name`] makes it), escaped
/// (the variant's width and extension need no escapes).
fn push_escaped_output_name(out: &mut String, image: &Image, output: &Output) {
    match output.original {
        true => push_escaped(out, &image.name),
        false => {
            push_escaped(out, image.stem());
            super::variants::push_variant_suffix(out, output);
        }
    }
}

/// A path (of `/`-separated names) as written in `src` and `srcset`.
pub fn escape_path(path: &str) -> String {
    let mut escaped = String::with_capacity(path.len());
    push_escaped(&mut escaped, path);
    escaped
}

/// Appends `path` escaped as [`escape_path`] does, chunk by chunk (no formatting machinery:
/// every card and feed entry with a photo writes some ten of these).
fn push_escaped(out: &mut String, path: &str) {
    for chunk in utf8_percent_encode(path, PATH) {
        out.push_str(chunk);
    }
}

/// The `srcset` of an image's outputs in `format`.
pub fn srcset(image: &Image, site_folder: &str, format: Format) -> String {
    use std::fmt::Write;
    let site_folder = image.site_folder(site_folder);
    let mut srcset = String::new();
    for (i, o) in image.srcset_outputs(format).iter().enumerate() {
        if i > 0 {
            srcset.push_str(", ");
        }
        srcset.push_str(site_folder);
        push_escaped_output_name(&mut srcset, image, o);
        let _ = write!(srcset, " {}w", o.width);
    }
    srcset
}

/// How an image is loaded: the lead image at once and first, the others when near.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    Lead,
    Lazy,
}

/// The `<picture>` of an image. `alt` and `extra` (more attributes of the `<img>`, such as
/// ` title="…"`) are HTML-escaped already.
pub fn picture(
    image: &Image,
    site_folder: &str,
    sizes: &str,
    alt: &str,
    extra: &str,
    loading: Loading,
) -> String {
    let site_folder = image.site_folder(site_folder);
    let fallback = image.fallback_src();
    let webp = srcset(image, site_folder, Format::Webp);
    let mut html = String::from("<picture>");
    if !webp.is_empty() && image.fallback != Format::Webp {
        html.push_str(&format!(
            r#"<source type="image/webp" srcset="{webp}" sizes="{sizes}">"#
        ));
    }
    let loading = match loading {
        Loading::Lead => r#" fetchpriority="high" decoding="async""#,
        Loading::Lazy => r#" loading="lazy" decoding="async""#,
    };
    html.push_str(&format!(
        r#"<img src="{}" srcset="{}" sizes="{sizes}" width="{}" height="{}" alt="{alt}"{extra}{loading}></picture>"#,
        url(site_folder, image, fallback),
        srcset(image, site_folder, image.fallback),
        image.width,
        image.height,
    ));
    html
}

/// The image of `images` (of an article whose bundle is published in `site_folder`) a
/// site path names (`/2024/05/27/a/foto.jpg`, `/images/peta.png`), if it is one.
/// Called for every entry of every feed and every card: a path with nothing escaped in it
/// (almost all) is compared as it is, with nothing allocated.
pub fn find<'i>(images: &'i [Image], site_folder: &str, path: &str) -> Option<&'i Image> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = decoded(path, true);
    images.iter().find(|i| {
        let folder = decoded(i.site_folder(site_folder), false);
        path.strip_prefix(folder.as_ref()) == Some(i.name.as_str())
    })
}

/// A site path with its percent escapes (and, in an HTML attribute's value, `&amp;`)
/// decoded; borrowed when it has none.
fn decoded(path: &str, html: bool) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let path = match html && path.contains("&amp;") {
        true => Cow::Owned(path.replace("&amp;", "&")),
        false => Cow::Borrowed(path),
    };
    if !path.contains('%') {
        return path;
    }
    let decoded = percent_encoding::percent_decode_str(&path)
        .decode_utf8_lossy()
        .into_owned();
    Cow::Owned(decoded)
}

/// Article HTML with every `<img>` of one of its images (of its bundle or of `static/`)
/// made its `<picture>`.
pub fn responsive_html(html: &str, images: &[Image], site_folder: &str, sizes: &str) -> String {
    if images.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"<img ") {
        let Some(len) = html[at..].find('>') else {
            break;
        };
        let tag = &html[at..at + len + 1];
        let attrs = attributes(tag);
        let value = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let Some(image) = value("src").and_then(|src| find(images, site_folder, src)) else {
            continue;
        };
        let extra: String = attrs
            .iter()
            .filter(|(n, _)| {
                !matches!(
                    *n,
                    "src"
                        | "alt"
                        | "width"
                        | "height"
                        | "loading"
                        | "decoding"
                        | "srcset"
                        | "sizes"
                )
            })
            .map(|(n, v)| format!(r#" {n}="{v}""#))
            .collect();
        out.push_str(&html[copied..at]);
        out.push_str(&picture(
            image,
            site_folder,
            sizes,
            value("alt").unwrap_or(""),
            &extra,
            Loading::Lazy,
        ));
        copied = at + len + 1;
    }
    out.push_str(&html[copied..]);
    out
}

/// Article HTML with every `<img>` of a file of `names` (of the bundle published in
/// `site_folder`: images no page shows, see [`super::Prepared::unshown`]) made its
/// description, `<span class="image-unavailable">ALT</span>`, or nothing when it has none.
pub fn descriptions_in_place_of(html: &str, names: &[&str], site_folder: &str) -> String {
    if names.is_empty() {
        return html.to_string();
    }
    let folder = decoded(site_folder, false);
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"<img ") {
        let Some(len) = html[at..].find('>') else {
            break;
        };
        let attrs = attributes(&html[at..at + len + 1]);
        let value = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let Some(src) = value("src") else {
            continue;
        };
        let path = decoded(src.split(['?', '#']).next().unwrap_or(src), true);
        if !path
            .strip_prefix(folder.as_ref())
            .is_some_and(|name| names.contains(&name))
        {
            continue;
        }
        out.push_str(&html[copied..at]);
        if let Some(alt) = value("alt").filter(|alt| !alt.trim().is_empty()) {
            out.push_str(r#"<span class="image-unavailable">"#);
            out.push_str(alt);
            out.push_str("</span>");
        }
        copied = at + len + 1;
    }
    out.push_str(&html[copied..]);
    out
}

/// The `src` of every `<img>` of article HTML, in order.
pub fn img_sources(html: &str) -> Vec<&str> {
    memchr::memmem::find_iter(html.as_bytes(), b"<img ")
        .filter_map(|at| {
            let len = html[at..].find('>')?;
            attributes(&html[at..at + len + 1])
                .into_iter()
                .find(|(name, _)| *name == "src")
                .map(|(_, value)| value)
        })
        .collect()
}

/// The `name="value"` attributes of a tag as our Markdown renderer and sanitizer write it.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut attrs = Vec::new();
    let mut rest = tag.trim_start_matches("<img").trim_end_matches('>');
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().trim_start_matches('/').trim();
        let value_start = eq + 2;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        attrs.push((name, &rest[value_start..value_start + value_len]));
        rest = &rest[value_start + value_len + 1..];
    }
    attrs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(original: bool, width: u32, format: Format, offered: bool) -> Output {
        Output {
            original,
            width,
            height: width / 2,
            format,
            key: 0,
            len: 1,
            offered,
        }
    }

    fn photo() -> Image {
        Image {
            name: "foto a.jpg".into(),
            stem: None,
            stamp: None,
            width: 2000,
            height: 1000,
            outputs: vec![
                output(true, 2000, Format::Jpeg, false),
                output(false, 480, Format::Webp, true),
                output(false, 480, Format::Jpeg, true),
                output(false, 960, Format::Webp, true),
                output(false, 960, Format::Jpeg, true),
            ],
            fallback: Format::Jpeg,
            social: 0,
            home: None,
        }
    }

    #[test]
    fn makes_a_picture_of_a_body_image() {
        let html = r#"<p>Air <img src="/b/foto%20a.jpg" alt="Banjir &amp; air" title="Kali"> naik <img src="/lain.jpg" alt=""></p>"#;
        assert_eq!(
            responsive_html(html, &[photo()], "/b/", "100vw"),
            concat!(
                r#"<p>Air <picture><source type="image/webp" srcset="/b/foto%20a-480w.webp 480w, /b/foto%20a-960w.webp 960w" sizes="100vw">"#,
                r#"<img src="/b/foto%20a-960w.jpg" srcset="/b/foto%20a-480w.jpg 480w, /b/foto%20a-960w.jpg 960w" sizes="100vw" width="2000" height="1000" alt="Banjir &amp; air" title="Kali" loading="lazy" decoding="async"></picture>"#,
                r#" naik <img src="/lain.jpg" alt=""></p>"#
            )
        );
    }

    #[test]
    fn an_image_no_page_shows_becomes_its_description() {
        let html = concat!(
            r#"<p><img src="/b/bom.png" alt="Bom &amp; piksel"> <img src="/b/jahat%20x.svg?v=1" alt="">"#,
            r#" <img src="/b/foto.jpg" alt="Foto"> <img src="/c/bom.png" alt="Lain"></p>"#
        );
        assert_eq!(
            descriptions_in_place_of(html, &["bom.png", "jahat x.svg"], "/b/"),
            concat!(
                r#"<p><span class="image-unavailable">Bom &amp; piksel</span> "#,
                r#" <img src="/b/foto.jpg" alt="Foto"> <img src="/c/bom.png" alt="Lain"></p>"#
            )
        );
    }

    #[test]
    fn finds_an_image_by_its_path_plain_or_escaped() {
        let images = [photo()];
        let found = |path: &str| find(&images, "/b/", path).map(|i| i.name.as_str());
        assert_eq!(found("/b/foto a.jpg"), Some("foto a.jpg"));
        assert_eq!(found("/b/foto%20a.jpg"), Some("foto a.jpg"));
        assert_eq!(found("/b/foto%20a.jpg?v=2#top"), Some("foto a.jpg"));
        assert_eq!(found("/c/foto a.jpg"), None);
        assert_eq!(found("/b/foto%20b.jpg"), None);
        // A folder written with escapes, and a name with `&` as an HTML attribute holds it.
        let mut amp = photo();
        amp.name = "a&b.jpg".into();
        let images = [amp];
        let found = |path: &str| find(&images, "/x%20y/", path).map(|i| i.name.as_str());
        assert_eq!(found("/x y/a&amp;b.jpg"), Some("a&b.jpg"));
        assert_eq!(found("/x%20y/a%26b.jpg"), Some("a&b.jpg"));
        assert_eq!(found("/x y/a&b.jpg"), Some("a&b.jpg"));
    }

    #[test]
    fn escapes_what_srcset_splits_at() {
        assert_eq!(
            escape_path("a b,c/é#?%.jpg"),
            "a%20b%2Cc/%C3%A9%23%3F%25.jpg"
        );
        let photo = photo();
        assert_eq!(url("/f/", &photo, &photo.outputs[0]), "/f/foto%20a.jpg");
        assert_eq!(
            url("/f/", &photo, &photo.outputs[1]),
            "/f/foto%20a-480w.webp"
        );
        assert_eq!(photo.output_name(&photo.outputs[4]), "foto a-960w.jpg");
    }

    #[test]
    fn the_lead_picture_loads_first_and_eagerly() {
        let html = picture(&photo(), "/b/", "100vw", "x", "", Loading::Lead);
        assert!(
            html.contains(r#"alt="x" fetchpriority="high" decoding="async"></picture>"#),
            "{html}"
        );
        assert!(!html.contains("lazy"));
    }
}
