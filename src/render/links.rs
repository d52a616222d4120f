//! Site paths inside article HTML (`<a href="/2022/">`, `<img src="/images/a.jpg">`) must follow
//! the link mode too: absolute in feeds, relative to the page in relative mode.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use crate::urls::Links;

/// A `page_path` that makes the `url` filter leave site paths as they are (`/tags/x/`): for
/// fragments rendered once and then placed, links rewritten, on pages at any depth.
pub const ROOT_PATHS: &str = "\u{1}root-paths";

/// The `page_path` to render a fragment with that [`for_page`] then places:
/// site paths in relative mode, absolute links (the same from any page) otherwise.
pub fn fragment_page_path(links: &Links) -> &'static str {
    if links.is_relative() { ROOT_PATHS } else { "/" }
}

/// Where an attribute's value starting with `/` may be: made once, it is searched for in
/// every card of every list page (building a searcher took a tenth of that time).
static ROOT_LINK: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"=\"/"));

/// Whether some HTML may hold a site path in an attribute (`="/`): most articles do not, and
/// they skip [`rewrite_root_links`].
pub fn has_root_links(html: &str) -> bool {
    ROOT_LINK.find(html.as_bytes()).is_some()
}

/// Rewrites every `href="/…"`, `src="/…"`, `action="/…"` (a form's, such as the header's
/// search box) and each candidate of `srcset="/…"` (but not protocol-relative `//host`) with
/// `push_link`, which appends the new value for a site path.
pub fn rewrite_root_links(html: &str, push_link: impl Fn(&mut String, &str)) -> String {
    rewrite_spots(html, &root_link_spots(html), push_link)
}

/// Where the site paths of some HTML are (see [`rewrite_root_links`]): found once for a
/// fragment shown on many pages (a card on some 5 to 15 lists), which is then rewritten for
/// each page without searching it again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RootLinkSpots(Box<[Spot]>);

impl RootLinkSpots {
    /// Whether the HTML holds no site path to rewrite.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One attribute value to rewrite: `html[start..end]`, a path or (`srcset`) a list of
/// candidates.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spot {
    start: u32,
    end: u32,
    srcset: bool,
}

/// The site paths of `html` to rewrite, in order.
pub fn root_link_spots(html: &str) -> RootLinkSpots {
    let mut spots = Vec::new();
    let mut copied = 0;
    for at in ROOT_LINK.find_iter(html.as_bytes()) {
        let before = &html[..at];
        let srcset = before.ends_with("srcset");
        if at < copied
            || !(before.ends_with("href")
                || before.ends_with("src")
                || before.ends_with("action")
                || srcset)
        {
            continue;
        }
        let value_start = at + 2;
        let Some(value_len) = memchr::memchr(b'"', &html.as_bytes()[value_start..]) else {
            break;
        };
        copied = value_start + value_len;
        // A protocol-relative `//host` link stays as it is written.
        if !html[value_start..copied].starts_with("//") {
            spots.push(Spot {
                start: value_start as u32,
                end: copied as u32,
                srcset,
            });
        }
    }
    RootLinkSpots(spots.into_boxed_slice())
}

/// `html` with the values at `spots` (found in this same HTML by [`root_link_spots`])
/// rewritten by `push_link`.
pub fn rewrite_spots(
    html: &str,
    spots: &RootLinkSpots,
    push_link: impl Fn(&mut String, &str),
) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    for spot in spots.0.iter() {
        let (start, end) = (spot.start as usize, spot.end as usize);
        let value = &html[start..end];
        out.push_str(&html[copied..start]);
        if spot.srcset {
            // `url 480w, url 960w`: our srcsets escape spaces and commas in their URLs.
            for (i, candidate) in value.split(", ").enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let (url, width) = candidate.split_once(' ').unwrap_or((candidate, ""));
                match url.starts_with('/') && !url.starts_with("//") {
                    true => push_link(&mut out, url),
                    false => out.push_str(url),
                }
                if !width.is_empty() {
                    out.push(' ');
                    out.push_str(width);
                }
            }
        } else {
            // Values in our HTML are entity-escaped; paths with `&` are rare, keep them as written.
            push_link(&mut out, value);
        }
        copied = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// A fragment rendered once with site paths (a card, a cached partial) as the page at `page`
/// shows it: in relative-links mode its site paths are rewritten for that page; otherwise it
/// is used as it is.
pub fn for_page<'h>(links: &Links, html: &'h str, page: &str) -> Cow<'h, str> {
    if links.is_relative() && has_root_links(html) {
        Cow::Owned(rewrite_root_links(html, |out, p| {
            links.push_link(out, p, page)
        }))
    } else {
        Cow::Borrowed(html)
    }
}

/// [`for_page`] for a fragment whose site paths were found once (`spots`, of this same HTML).
pub fn for_page_at<'h>(
    links: &Links,
    html: &'h str,
    spots: &RootLinkSpots,
    page: &str,
) -> Cow<'h, str> {
    if links.is_relative() && !spots.is_empty() {
        Cow::Owned(rewrite_spots(html, spots, |out, p| {
            links.push_link(out, p, page)
        }))
    } else {
        Cow::Borrowed(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_site_paths_only() {
        let html = r#"<a href="/2022/">y</a><img src="/i.svg" alt=""><a href="//cdn.x/a">c</a><a href="https://e/">e</a><source srcset="/a-480w.webp 480w, /a-960w.webp 960w">"#;
        let out = rewrite_root_links(html, |out, p| out.push_str(&format!("https://m.org{p}")));
        assert_eq!(
            out,
            r#"<a href="https://m.org/2022/">y</a><img src="https://m.org/i.svg" alt=""><a href="//cdn.x/a">c</a><a href="https://e/">e</a><source srcset="https://m.org/a-480w.webp 480w, https://m.org/a-960w.webp 960w">"#
        );
    }

    #[test]
    fn spots_found_once_serve_pages_at_any_depth() {
        let html = r#"<a href="/a/">a</a><a href="//cdn.x/b">b</a><img src="/i.svg" srcset="/i-480w.webp 480w, https://e/i.webp 960w"><a title="/t">t</a> href="/open"#;
        let spots = root_link_spots(html);
        let at = |prefix: &'static str| {
            rewrite_spots(html, &spots, move |out, p| {
                out.push_str(prefix);
                out.push_str(&p[1..]);
            })
        };
        assert_eq!(
            at("../"),
            r#"<a href="../a/">a</a><a href="//cdn.x/b">b</a><img src="../i.svg" srcset="../i-480w.webp 480w, https://e/i.webp 960w"><a title="/t">t</a> href="/open"#
        );
        assert_eq!(
            at("../../../"),
            r#"<a href="../../../a/">a</a><a href="//cdn.x/b">b</a><img src="../../../i.svg" srcset="../../../i-480w.webp 480w, https://e/i.webp 960w"><a title="/t">t</a> href="/open"#
        );
        // Protocol-relative links and other attributes hold nothing to rewrite.
        assert!(root_link_spots(r#"<a href="//cdn.x/b" title="/t">b</a>"#).is_empty());
    }

    #[test]
    fn rewrites_a_forms_action() {
        let html = r#"<form action="/search/" method="get"><input name="q"></form>"#;
        let out = rewrite_root_links(html, |out, p| out.push_str(&format!("..{p}index.html")));
        assert_eq!(
            out,
            r#"<form action="../search/index.html" method="get"><input name="q"></form>"#
        );
    }

    #[test]
    fn leaves_other_attributes_and_unclosed_values() {
        let html = r#"<a title="/x" href="/a/">a</a> href="/open"#;
        let out = rewrite_root_links(html, |out, p| out.push_str(&format!("..{p}")));
        assert_eq!(out, r#"<a title="/x" href="../a/">a</a> href="/open"#);
        assert!(has_root_links(html));
        assert!(!has_root_links(r#"<a href="https://e/">e</a>"#));
    }
}
