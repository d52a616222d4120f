//! SVG files of a bundle: an SVG is a document that can run script in the reader's browser
//! when opened, so one with anything active (script, event attributes, foreign objects,
//! links to other hosts or to `javascript:`, entities) is not published. SVGs are never
//! rasterized.

use std::path::Path;

/// The active parts an SVG may hold, as they start in its text (lowercased).
const ACTIVE: &[(&str, &str)] = &[
    ("<script", "a <script>"),
    ("<foreignobject", "a <foreignObject>"),
    ("<!entity", "an entity declaration"),
    ("<iframe", "an <iframe>"),
    ("<embed", "an <embed>"),
    ("<object", "an <object>"),
    ("javascript:", "a javascript: link"),
    ("href=\"http", "a link to another host"),
    ("href='http", "a link to another host"),
    ("href=\"//", "a link to another host"),
    ("href='//", "a link to another host"),
    ("url(http", "a link to another host"),
    ("url(//", "a link to another host"),
    ("@import", "a stylesheet import"),
];

/// What active part the SVG holds, if any.
pub fn active_part(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    if let Some((_, what)) = ACTIVE.iter().find(|(start, _)| text.contains(start)) {
        return Some(what);
    }
    has_event_attribute(&text).then_some("an event attribute (on…=)")
}

/// Whether any tag has an `on…=` attribute (`onload="…"`).
fn has_event_attribute(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"on").any(|at| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let boundary = matches!(
            before,
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\'')
        );
        let name_end = bytes[at + 2..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map(|n| at + 2 + n);
        boundary
            && name_end.is_some_and(|end| {
                end > at + 2
                    && bytes[end..].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'=')
            })
    })
}

/// The warning about an SVG file that is not published, if it is one.
pub fn check_file(path: &Path) -> Option<String> {
    let bytes = crate::files::read_regular(path).ok()?;
    let what = active_part(&bytes)?;
    Some(refusal(path, what))
}

/// What the build says of an SVG it does not publish.
pub fn refusal(path: &Path, what: &str) -> String {
    format!(
        "{} holds {what}, which could run in readers' browsers: not published; remove it from the SVG (or export the drawing as PNG)",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_active_parts_and_passes_plain_drawings() {
        let plain = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h10" stroke="#000" fill="none"/><text>only one</text></svg>"##;
        assert_eq!(active_part(plain), None);
        for (svg, what) in [
            (&b"<svg><SCRIPT>alert(1)</SCRIPT></svg>"[..], "a <script>"),
            (
                b"<svg><rect onload = \"x()\"/></svg>",
                "an event attribute (on…=)",
            ),
            (b"<svg><foreignObject/></svg>", "a <foreignObject>"),
            (
                b"<svg><image href=\"https://t.example/p.gif\"/></svg>",
                "a link to another host",
            ),
            (
                b"<svg><a xlink:href=\"javascript:x()\">a</a></svg>",
                "a javascript: link",
            ),
        ] {
            assert_eq!(
                active_part(svg),
                Some(what),
                "{}",
                String::from_utf8_lossy(svg)
            );
        }
    }
}
