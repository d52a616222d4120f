//! Images on other hosts (`remote_images` in site.toml). With "link", the default, a page
//! loads nothing from another host: an image left in content as an address elsewhere
//! (`![](https://…)`, `<img src="https://…">`, `image: https://…`) is shown as its
//! description and a link to the photo at its source, so readers' browsers never call the
//! source's servers (and their trackers) by opening a page of the mirror.

use std::borrow::Cow;

use serde::Deserialize;

/// What a build does with an image whose address is on another host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemoteImages {
    /// Its description and a link to it at the source (nothing is loaded).
    #[default]
    Link,
    /// Loaded from the other host, as written.
    Hotlink,
}

/// Whether an image address points at another host: `http(s)://…` or `//host/…`.
pub fn is_remote(address: &str) -> bool {
    let address = address.trim_start();
    ["http://", "https://", "//"].iter().any(|start| {
        address.len() > start.len() && address[..start.len()].eq_ignore_ascii_case(start)
    })
}

/// The body HTML with every `<img>` whose `src` is on another host replaced by
/// `<span class="remote-image">ALT <a href="SRC">WORDS</a></span>` (just ALT inside a link,
/// where a second link cannot go). `words` is the link's text (`t.remote_photo`), HTML-safe.
/// Reads the HTML of pulldown-cmark and of the sanitizer, whose attributes are always
/// `name="value"` with the value escaped.
pub fn links_in_place_of_images<'a>(html: &'a str, words: &str) -> Cow<'a, str> {
    if memchr::memmem::find(html.as_bytes(), b"<img").is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    // How many links the scan is inside of.
    let mut in_links = 0usize;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        let tag = &html[start..end];
        at = end;
        if is_start_tag(tag, "<a") {
            in_links += 1;
        } else if tag.eq_ignore_ascii_case("</a>") {
            in_links = in_links.saturating_sub(1);
        } else if is_start_tag(tag, "<img")
            && let Some(src) = attribute(tag, "src")
            && is_remote(src)
        {
            out.push_str(&html[copied..start]);
            copied = end;
            let alt = attribute(tag, "alt").unwrap_or("").trim();
            out.push_str("<span class=\"remote-image\">");
            if in_links > 0 {
                out.push_str(if alt.is_empty() { words } else { alt });
            } else {
                if !alt.is_empty() {
                    out.push_str(alt);
                    out.push(' ');
                }
                out.push_str("<a href=\"");
                out.push_str(src);
                out.push_str("\" rel=\"noopener noreferrer\">");
                out.push_str(words);
                out.push_str("</a>");
            }
            out.push_str("</span>");
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// Whether `tag` is a start tag named by `open` (`<a`), not a longer name (`<abbr`).
fn is_start_tag(tag: &str, open: &str) -> bool {
    tag.len() > open.len()
        && tag[..open.len()].eq_ignore_ascii_case(open)
        && matches!(
            tag.as_bytes()[open.len()],
            b' ' | b'>' | b'/' | b'\n' | b'\t'
        )
}

/// The (still escaped) value of the attribute `name` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &str = "Lihat foto di sumber";

    #[test]
    fn addresses_on_other_hosts_are_remote() {
        for remote in [
            "https://a.example/x.jpg",
            "HTTP://a.example/x",
            "//cdn.example/y.png",
        ] {
            assert!(is_remote(remote), "{remote}");
        }
        for local in [
            "/images/a.jpg",
            "foto.jpg",
            "data:image/png;base64,AA",
            "#x",
            "//",
        ] {
            assert!(!is_remote(local), "{local}");
        }
    }

    #[test]
    fn remote_images_become_their_alt_and_a_link() {
        // As pulldown-cmark writes a Markdown image, and as the sanitizer writes raw HTML.
        let html = "<p>a <img src=\"https://a.example/x.jpg?w=1&amp;h=2\" alt=\"Banjir &quot;besar&quot;\" /> b</p>\n<figure><img src=\"//cdn.example/y.png\" alt=\"\"><figcaption>Foto</figcaption></figure>";
        assert_eq!(
            links_in_place_of_images(html, WORDS),
            "<p>a <span class=\"remote-image\">Banjir &quot;besar&quot; <a href=\"https://a.example/x.jpg?w=1&amp;h=2\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></span> b</p>\n<figure><span class=\"remote-image\"><a href=\"//cdn.example/y.png\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></span><figcaption>Foto</figcaption></figure>"
        );
    }

    #[test]
    fn an_image_inside_a_link_becomes_text_of_that_link() {
        let html = "<a href=\"/x/\"><img src=\"https://a.example/x.jpg\" alt=\"Peta\"></a> <a href=\"/y/\"><img src=\"https://a.example/y.jpg\" alt=\"\"></a><abbr>z</abbr><img src=\"https://a.example/z.jpg\" alt=\"Z\">";
        assert_eq!(
            links_in_place_of_images(html, WORDS),
            "<a href=\"/x/\"><span class=\"remote-image\">Peta</span></a> <a href=\"/y/\"><span class=\"remote-image\">Lihat foto di sumber</span></a><abbr>z</abbr><span class=\"remote-image\">Z <a href=\"https://a.example/z.jpg\" rel=\"noopener noreferrer\">Lihat foto di sumber</a></span>"
        );
    }

    #[test]
    fn local_images_and_other_html_stay_as_they_are() {
        let html = "<p><img src=\"/images/a.jpg\" alt=\"A\"><img src=\"foto.jpg\" alt=\"\"> <a href=\"https://a.example/\">luar</a> <imgx src=\"https://a.example/q\"></p>";
        assert!(matches!(
            links_in_place_of_images(html, WORDS),
            Cow::Borrowed(same) if same == html
        ));
    }
}
