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

/// The address of an image: the largest candidate of its `srcset` when that names sizes,
/// else its `src`, or a lazy-loading attribute when `src` is missing or a placeholder (a
/// `data:` URI, "blank.gif", "placeholder", "lazy").
pub fn image_source(img: &NodeRef) -> Option<String> {
    let src = img
        .attr("src")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if let Some(src) = &src
        && !is_placeholder(src)
    {
        let sized_srcset = img.attr("srcset").filter(|s| looks_like_srcset(s));
        return Some(
            sized_srcset
                .and_then(|s| best_of_srcset(&s))
                .unwrap_or_else(|| src.clone()),
        );
    }
    LAZY_SRC_ATTRS
        .iter()
        .find_map(|a| img.attr(a))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.starts_with("data:"))
        .or_else(|| best_srcset_candidate(img))
        .map(|s| match looks_like_srcset(&s) {
            // A lazy loader's attribute holding a whole `srcset` list.
            true => best_of_srcset(&s).unwrap_or(s),
            false => s,
        })
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

fn best_srcset_candidate(img: &NodeRef) -> Option<String> {
    best_of_srcset(&img.attr("srcset").or_else(|| img.attr("data-srcset"))?)
}

/// "a.jpg 300w, b.jpg 600w" (or "1x, 2x"): not one address but a list of them.
fn looks_like_srcset(value: &str) -> bool {
    value.contains(',')
        && value.split(',').all(|c| {
            let mut parts = c.split_whitespace();
            parts.next().is_some()
                && parts.next().is_none_or(|d| {
                    d.len() > 1
                        && (d.ends_with('w') || d.ends_with('x'))
                        && d[..d.len() - 1].parse::<f64>().is_ok()
                })
        })
}

/// The largest candidate of a `srcset` (by width, else density; the first when none says).
pub fn best_of_srcset(srcset: &str) -> Option<String> {
    srcset
        .split(',')
        .filter_map(|c| {
            let mut parts = c.split_whitespace();
            let url = parts.next()?;
            let size = parts.next().and_then(|d| {
                let (n, unit) = d.split_at(d.len().checked_sub(1)?);
                let n: f64 = n.parse().ok()?;
                Some(if unit == "x" { n * 1000.0 } else { n })
            });
            (!url.starts_with("data:")).then(|| (url.to_string(), size.unwrap_or(0.0)))
        })
        .enumerate()
        .max_by(|(i, (_, a)), (j, (_, b))| a.total_cmp(b).then(j.cmp(i)))
        .map(|(_, (url, _))| url)
}

/// A protocol-relative address ("//host/path") with the scheme the web uses today.
pub fn with_scheme(url: &str) -> String {
    match url.trim().strip_prefix("//") {
        Some(rest) if !rest.starts_with('/') => format!("https://{rest}"),
        _ => url.trim().to_string(),
    }
}

/// A URL made absolute against `base` (left as written without a base or when it does not
/// parse).
pub fn resolve(url: &str, base: Option<&Url>) -> String {
    let url = url.trim();
    if has_scheme(url) {
        return url.to_string();
    }
    if base.is_none() {
        return with_scheme(url);
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

/// The base relative addresses resolve against: the page's `<base href>` (itself resolved
/// against the page's URL), else the page's URL.
pub fn document_base(base_href: Option<&str>, page: Option<Url>) -> Option<Url> {
    let from_base_element = base_href.and_then(|href| {
        let href = with_scheme(href);
        match &page {
            Some(page) => page.join(&href).ok(),
            None => Url::parse(&href).ok(),
        }
    });
    from_base_element
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .or(page)
}

/// Whether a link or image address can be kept in a mirrored article: absolute (a relative
/// one, left so when the page's URL is unknown, would break on the mirror) and of a safe
/// scheme.
pub fn is_safe(url: &str) -> bool {
    !url.trim().is_empty() && has_scheme(url.trim()) && crate::text::is_safe_url(url)
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
            Some("/m.jpg")
        );
        assert_eq!(
            resolve("//cdn.example/c.jpg", None),
            "https://cdn.example/c.jpg"
        );
        assert!(!is_safe("javascript:alert(1)"));
        assert!(is_safe("https://a.example/"));
        assert!(is_safe("mailto:redaksi@a.example"));
        assert!(
            !is_safe("/relative/page"),
            "unresolved: would break on the mirror"
        );
    }

    #[test]
    fn the_best_srcset_candidate() {
        assert_eq!(
            best_of_srcset("/s.jpg 300w, /l.jpg 1200w, /m.jpg 600w").as_deref(),
            Some("/l.jpg")
        );
        assert_eq!(
            best_of_srcset("/a.jpg 1x, /b.jpg 2x").as_deref(),
            Some("/b.jpg")
        );
        assert_eq!(best_of_srcset("/only.jpg").as_deref(), Some("/only.jpg"));
        let doc = dom_query::Document::from(
            r#"<img src="data:image/gif;base64,R0lGOD" data-src="/a.jpg 480w, /b.jpg 960w">"#,
        );
        assert_eq!(
            image_source(&doc.select("img").nodes()[0]).as_deref(),
            Some("/b.jpg")
        );
        // A `src` beside a `srcset` of sizes is one of the smaller copies.
        let doc = dom_query::Document::from(
            r#"<img src="/fit-700/a.jpg" srcset="/fit-640/a.jpg 640w, /fit-1400/a.jpg 1400w">"#,
        );
        assert_eq!(
            image_source(&doc.select("img").nodes()[0]).as_deref(),
            Some("/fit-1400/a.jpg")
        );
    }

    #[test]
    fn the_base_element_comes_first() {
        let page = base_url(Some("https://a.example/news/story.html"));
        let base = document_base(Some("/static/"), page.clone()).unwrap();
        assert_eq!(
            resolve("img/x.jpg", Some(&base)),
            "https://a.example/static/img/x.jpg"
        );
        let base = document_base(Some("//cdn.example/p/"), None).unwrap();
        assert_eq!(resolve("x.jpg", Some(&base)), "https://cdn.example/p/x.jpg");
        assert_eq!(document_base(None, page.clone()), page);
        assert_eq!(document_base(Some("javascript:x"), page.clone()), page);
    }

    #[test]
    fn protocol_relative_addresses_get_https() {
        assert_eq!(with_scheme("//host.example/a"), "https://host.example/a");
        assert_eq!(
            with_scheme("https://host.example/a"),
            "https://host.example/a"
        );
        assert_eq!(with_scheme("///x"), "///x");
    }
}
