//! Cleaning of mirrored HTML: a page we republish must never run code or track our readers.

use std::collections::HashSet;
use std::sync::OnceLock;

use ammonia::Builder;

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = Builder::default();
        // Markdown output and themes rely on these; none can carry code.
        b.add_generic_attributes(["id", "class"])
            .add_tags(["figure", "figcaption", "input", "mark", "time"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("time", ["datetime"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attributes("img", ["width", "height", "loading"])
            .rm_tags(["map", "area"])
            // Only links to other hosts get `rel` (see `mark_external_links`).
            .link_rel(None)
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
        b
    })
}

/// Sanitizes an HTML fragment: no script, iframe, object, embed, form, style sheet, event
/// handler or dangerous URL survives, and 1×1 tracking images are removed.
pub fn clean_html(html: &str) -> String {
    let cleaned = builder().clean(html).to_string();
    // 1×1 images are web bugs that report who read a page; other images need alt text to be
    // valid HTML, which mirrored pages often leave out (empty alt: no description known).
    let cleaned = map_tags(&cleaned, "<img", |tag| {
        if is_tracking_pixel(tag) {
            None
        } else if attribute(tag, "alt").is_none() {
            let end = tag.len() - if tag.ends_with("/>") { 2 } else { 1 };
            Some(format!("{} alt=\"\"{}", &tag[..end], &tag[end..]))
        } else {
            Some(tag.to_string())
        }
    });
    // Task-list check boxes stay; any other form field is dropped.
    let cleaned = map_tags(&cleaned, "<input", |tag| {
        (attribute(tag, "type") == Some("checkbox")).then(|| tag.to_string())
    });
    mark_external_links(&cleaned)
}

/// Adds `rel="noopener noreferrer"` to links that leave the site (absolute `http(s)` and
/// protocol-relative URLs): the other host learns nothing of the page and cannot reach
/// back into it. Links within the site and `#fragment` links stay as they are.
/// Runs on ammonia's output, whose attributes are always `name="value"` and never `rel`.
fn mark_external_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len];
        out.push_str(&rest[..start]);
        out.push_str(tag);
        let href = attribute(tag, "href").unwrap_or("");
        let leaves_the_site = ["http://", "https://", "//"].iter().any(|scheme| {
            href.len() > scheme.len() && href[..scheme.len()].eq_ignore_ascii_case(scheme)
        });
        if leaves_the_site {
            out.push_str(" rel=\"noopener noreferrer\"");
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Rewrites every start tag opened by `open` (`<img`, `<a`): `fix` returns the tag to write,
/// or `None` to drop it. Runs on ammonia's output, whose attributes are always `name="value"`.
fn map_tags(html: &str, open: &str, fix: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = rest[start + open.len()..].chars().next();
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        if matches!(after, Some(' ' | '>' | '/')) {
            out.push_str(&fix(tag).unwrap_or_default());
        } else {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

fn is_tracking_pixel(tag: &str) -> bool {
    let tiny = |name: &str| {
        attribute(tag, name)
            .map(|v| v.trim().trim_end_matches("px").trim())
            .is_some_and(|v| v == "0" || v == "1")
    };
    tiny("width") || tiny("height")
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::clean_html;

    #[test]
    fn scripts_and_handlers_go() {
        let out = clean_html(
            "<p onclick=\"x()\">a<script>alert(1)</script><iframe src=\"https://e.x\"></iframe></p>",
        );
        assert_eq!(out, "<p>a</p>");
    }

    #[test]
    fn dangerous_urls_go() {
        let out = clean_html(
            "<a href=\"javascript:alert(1)\">x</a><img src=\"data:image/png;base64,AA\" alt=\"d\">",
        );
        assert!(!out.contains("javascript"), "{out}");
        assert!(!out.contains("data:"), "{out}");
    }

    #[test]
    fn forms_objects_and_styles_go() {
        let out = clean_html(
            "<form action=\"/x\"><input type=\"text\" name=\"q\"></form><object data=\"x\"></object><embed src=\"y\"><link rel=\"stylesheet\" href=\"https://evil/x.css\"><style>body{}</style><p style=\"background:url(x)\">t</p>",
        );
        assert_eq!(out, "<p>t</p>");
    }

    #[test]
    fn tracking_pixels_go_but_images_stay() {
        let out = clean_html(
            "<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\" alt=\"\"><img src=\"/a.jpg\" alt=\"A\" width=\"640\">",
        );
        assert_eq!(out, "<img src=\"/a.jpg\" alt=\"A\" width=\"640\">");
    }

    #[test]
    fn images_get_alt_text() {
        let out = clean_html(
            "<img src=\"/a.jpg\"><img src=\"x\" onerror=\"alert(1)\"><a href=\"javascript:alert(2)\">x</a><a href=\"/b/\">b</a>",
        );
        assert_eq!(
            out,
            "<img src=\"/a.jpg\" alt=\"\"><img src=\"x\" alt=\"\"><a>x</a><a href=\"/b/\">b</a>"
        );
    }

    #[test]
    fn only_links_to_other_hosts_get_noopener() {
        let out = clean_html(
            "<a href=\"https://asal.example/x\" rel=\"nofollow\">luar</a> <a href=\"//cdn.example/y\">cdn</a> <a href=\"/2024/01/01/a/\">dalam</a> <a href=\"#bagian-dua\">bagian</a> <a href=\"mailto:r@x.id\">surel</a>",
        );
        assert_eq!(
            out,
            "<a href=\"https://asal.example/x\" rel=\"noopener noreferrer\">luar</a> <a href=\"//cdn.example/y\" rel=\"noopener noreferrer\">cdn</a> <a href=\"/2024/01/01/a/\">dalam</a> <a href=\"#bagian-dua\">bagian</a> <a href=\"mailto:r@x.id\">surel</a>"
        );
    }

    #[test]
    fn task_list_checkboxes_stay() {
        let out = clean_html("<input disabled=\"\" type=\"checkbox\" checked=\"\">");
        assert!(out.contains("type=\"checkbox\""), "{out}");
    }
}
