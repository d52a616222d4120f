//! Link and image URLs: lazy-loading attributes, resolution against the page's URL, and the
//! schemes a mirrored article may keep.

use dom_query::NodeRef;
use url::Url;

/// Attributes lazy-loading scripts keep the real image address in.
const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-orig-file",
];

/// The address of an image: its `src`, or a lazy-loading attribute when `src` is missing or
/// a placeholder (a `data:` URI, "blank.gif", "placeholder", "lazy").
pub fn image_source(img: &NodeRef) -> Option<String> {
    let src = img
        .attr("src")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if let Some(src) = &src
        && !is_placeholder(src)
    {
        return Some(src.clone());
    }
    LAZY_SRC_ATTRS
        .iter()
        .find_map(|a| img.attr(a))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with("data:"))
        .or_else(|| first_srcset_candidate(img))
}

fn is_placeholder(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    lower.starts_with("data:")
        || [
            "blank.gif",
            "placeholder",
            "lazy",
            "spacer.gif",
            "pixel.gif",
            "1x1",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

fn first_srcset_candidate(img: &NodeRef) -> Option<String> {
    let srcset = img.attr("srcset").or_else(|| img.attr("data-srcset"))?;
    srcset
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .find(|u| !u.starts_with("data:"))
        .map(str::to_string)
}

/// A URL made absolute against `base` (left as written without a base or when it does not
/// parse).
pub fn resolve(url: &str, base: Option<&Url>) -> String {
    let url = url.trim();
    if has_scheme(url) {
        return url.to_string();
    }
    match base {
        Some(base) => base
            .join(url)
            .map_or_else(|_| url.to_string(), String::from),
        None => url.to_string(),
    }
}

/// Whether a URL names its scheme ("https:", "mailto:"): it is left as the page wrote it.
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// The page's URL as a base for resolving, when it is an absolute http(s) URL.
pub fn base_url(page_url: Option<&str>) -> Option<Url> {
    let url = Url::parse(page_url?.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Whether a link or image address is safe to keep in a mirrored article.
pub fn is_safe(url: &str) -> bool {
    !url.trim().is_empty() && crate::text::is_safe_url(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_and_lazy_images() {
        let base = base_url(Some("https://a.example/x/y/page.html"));
        assert_eq!(
            resolve("/img/a.jpg", base.as_ref()),
            "https://a.example/img/a.jpg"
        );
        assert_eq!(
            resolve("b.jpg", base.as_ref()),
            "https://a.example/x/y/b.jpg"
        );
        assert_eq!(
            resolve("//cdn.example/c.jpg", base.as_ref()),
            "https://cdn.example/c.jpg"
        );
        assert_eq!(resolve("/img/a.jpg", None), "/img/a.jpg");
        assert_eq!(
            resolve("https://b.example", base.as_ref()),
            "https://b.example"
        );
        let doc = dom_query::Document::from(
            r#"<img id=a src="data:image/gif;base64,R0lGOD" data-src="/real.jpg"><img id=b srcset="/s.jpg 300w, /m.jpg 600w">"#,
        );
        assert_eq!(
            image_source(&doc.select("#a").nodes()[0]).as_deref(),
            Some("/real.jpg")
        );
        assert_eq!(
            image_source(&doc.select("#b").nodes()[0]).as_deref(),
            Some("/s.jpg")
        );
        assert!(!is_safe("javascript:alert(1)"));
        assert!(is_safe("https://a.example/"));
    }
}
