//! Where an article writes each of its links: in its Markdown body (`[text](target)`,
//! `![alt](target)`, raw `<a href>` or `<img src>`) or in its front matter (`image:`), with
//! the file's line and column. `cermin check` finds broken links on the rendered pages; this
//! takes a link back to the line a user must edit.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag};
use regex::Regex;

/// One link as written in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSource {
    /// The target as written (`/2026/01/nope/`, `../b/#x`, `https://…`).
    pub target: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column (in characters) where the link starts.
    pub column: usize,
}

static HTML_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\s(?:href|src)\s*=\s*["']([^"']*)["']"#).expect("html link pattern")
});

/// Every link of a content file's text, in the order written. A file without front matter
/// has none: loading already reported it.
pub fn in_file(text: &str) -> Vec<LinkSource> {
    let Ok(split) = crate::content::front_matter::split(text) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    let front_at = offset_in(text, split.front);
    for (at, line) in line_starts(split.front) {
        if let Some((key_end, value)) = front_value(line, "image") {
            let value_at = front_at + at + key_end;
            links.push(at_offset(text, value_at, value.to_string()));
        }
    }
    let body_at = offset_in(text, split.body);
    // The options do not change where links are; footnotes and tables keep the parse as the build sees it.
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(split.body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(at_offset(text, body_at + range.start, dest_url.to_string()));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for cap in HTML_LINK.captures_iter(&html) {
                    let whole = cap.get(0).expect("match");
                    // Past the leading space: the column of `href` or `src`.
                    let at = body_at + range.start + whole.start() + 1;
                    links.push(at_offset(text, at, cap[1].replace("&amp;", "&")));
                }
            }
            _ => {}
        }
    }
    links
}

/// Where `part` (a slice of `text`) starts in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// Each line of `text` with its byte offset.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line.trim_end()))
    })
}

/// `key: value` (YAML) or `key = "value"` (TOML) on one front matter line: the offset of the
/// value in the line and the value without quotes.
fn front_value<'a>(line: &'a str, key: &str) -> Option<(usize, &'a str)> {
    let rest = line.strip_prefix(key)?;
    let after_sign = rest.trim_start().strip_prefix([':', '='])?;
    let value = after_sign.trim();
    if value.is_empty() {
        return None;
    }
    let value_at = line.len() - after_sign.trim_start().len();
    let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
    let quote = usize::from(unquoted.len() < value.len());
    Some((value_at + quote, unquoted))
}

fn at_offset(text: &str, at: usize, target: String) -> LinkSource {
    let before = &text[..at.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    LinkSource {
        target,
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, usize, usize)> {
        in_file(text)
            .into_iter()
            .map(|l| (l.target, l.line, l.column))
            .collect()
    }

    #[test]
    fn markdown_links_images_and_raw_html_at_their_line_and_column() {
        let text = "---\ntitle: A\nimage: \"/gambar/a.jpg\"\n---\n\nLihat [arsip](/2023/) dan ![peta](/p.png).\n\n<p>Ada <a href=\"/x/?a=1&amp;b=2\">x</a></p>\n";
        assert_eq!(
            found(text),
            [
                ("/gambar/a.jpg".to_string(), 3, 9),
                ("/2023/".to_string(), 6, 7),
                ("/p.png".to_string(), 6, 27),
                ("/x/?a=1&b=2".to_string(), 8, 11),
            ]
        );
    }

    #[test]
    fn toml_front_matter_and_wide_characters() {
        let text = "+++\ntitle = \"A\"\nimage = '/i.png'\n+++\nÉté — [x](/y/)\n";
        assert_eq!(
            found(text),
            [("/i.png".to_string(), 3, 10), ("/y/".to_string(), 5, 7)]
        );
    }

    #[test]
    fn a_file_without_front_matter_has_none() {
        assert!(in_file("[x](/y/)").is_empty());
    }
}
