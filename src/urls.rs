//! Site paths and the links made from them.
//!
//! Inside cermin every page has a *site path* (`/2022/01/27/slug/`, `/tags/ekonomi/page/2/`).
//! Links in pages are made from site paths by [`Links`]: absolute (`base_url` + path) or, in
//! relative mode, relative to the page they appear on, so one `public/` works under any prefix
//! and straight from disk.

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;

const TOKENS: &[&str] = &[":year", ":month", ":day", ":hour", ":minute", ":slug"];

/// Checks a permalink pattern such as `/:year/:month/:day/:slug/`.
pub fn check_permalink_pattern(pattern: &str) -> Result<(), String> {
    if !pattern.starts_with('/') {
        return Err(format!("`{pattern}` must start with `/`"));
    }
    if !pattern.contains(":slug") {
        return Err(format!(
            "`{pattern}` must contain `:slug` so that every article gets its own page"
        ));
    }
    if !(pattern.ends_with('/') || pattern.ends_with(".html")) {
        return Err(format!(
            "`{pattern}` must end with `/` (pretty URLs) or `.html`"
        ));
    }
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        let token = &rest[i..];
        match TOKENS.iter().find(|t| token.starts_with(**t)) {
            Some(t) => rest = &token[t.len()..],
            None => {
                return Err(format!(
                    "`{pattern}` has an unknown placeholder at `{token}`; use {}",
                    TOKENS.join(", ")
                ));
            }
        }
    }
    Ok(())
}

/// The site path of an article.
pub fn permalink(pattern: &str, date: &DateTime<Tz>, slug: &str) -> String {
    use std::fmt::Write;
    // One look-up of the time zone's offset, not one per field.
    let local = date.naive_local();
    let mut out = String::with_capacity(pattern.len() + slug.len() + 8);
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let token = &rest[i..];
        let Some(t) = TOKENS.iter().find(|t| token.starts_with(**t)) else {
            // Not a placeholder (checked patterns have none such): kept as written.
            out.push(':');
            rest = &token[1..];
            continue;
        };
        let _ = match *t {
            ":year" => write!(out, "{:04}", local.year()),
            ":month" => write!(out, "{:02}", local.month()),
            ":day" => write!(out, "{:02}", local.day()),
            ":hour" => write!(out, "{:02}", local.hour()),
            ":minute" => write!(out, "{:02}", local.minute()),
            _ => {
                out.push_str(slug);
                Ok(())
            }
        };
        rest = &token[t.len()..];
    }
    out.push_str(rest);
    out
}

/// The file a site path is written to, relative to the output folder.
pub fn output_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// Page `n` (1-based) of a list that lives at `path`.
pub fn page_path(path: &str, n: usize) -> String {
    if n <= 1 {
        path.to_string()
    } else {
        format!("{path}page/{n}/")
    }
}

/// The site path of the not-found page.
pub const NOT_FOUND_PATH: &str = "/404.html";

/// How links are written in pages.
#[derive(Debug, Clone)]
pub struct Links {
    base_url: String,
    /// The path part of `base_url`, without a trailing slash (`/mirror`, or empty).
    base_path: String,
    relative: bool,
}

impl Links {
    pub fn new(base_url: &str, relative: bool) -> Links {
        let base_url = base_url.trim_end_matches('/').to_string();
        let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
        let base_path = after_scheme
            .find('/')
            .map_or("", |i| &after_scheme[i..])
            .to_string();
        Links {
            base_url,
            base_path,
            relative,
        }
    }

    /// Whether links are relative to the page they are on.
    pub fn is_relative(&self) -> bool {
        self.relative
    }

    /// Absolute URL of a site path, for feeds, sitemaps and canonical links.
    pub fn absolute(&self, path: &str) -> String {
        let mut out = String::with_capacity(self.base_url.len() + path.len());
        self.push_absolute(&mut out, path);
        out
    }

    /// Appends [`Links::absolute`]`(path)` to `out`.
    pub fn push_absolute(&self, out: &mut String, path: &str) {
        if !is_external(path) {
            out.push_str(&self.base_url);
        }
        out.push_str(path);
    }

    /// Pages of one class link to any site path alike: the same number for two pages means
    /// [`Links::push_link`] writes the same links from both. Absolute links are one class;
    /// relative ones depend on the folder depth, and the not-found page is a class of its own.
    pub fn page_class(&self, from: &str) -> usize {
        if !self.relative {
            0
        } else if from == NOT_FOUND_PATH {
            usize::MAX
        } else {
            1 + folder_depth(from)
        }
    }

    /// The link to `target` (a site path) from the page at `from` (a site path).
    pub fn link(&self, target: &str, from: &str) -> String {
        let mut out = String::with_capacity(target.len() + 32);
        self.push_link(&mut out, target, from);
        out
    }

    /// Appends [`Links::link`]`(target, from)` to `out`: pages hold many links, this saves
    /// an allocation for each.
    pub fn push_link(&self, out: &mut String, target: &str, from: &str) {
        if is_external(target) || !target.starts_with('/') {
            out.push_str(target);
            return;
        }
        if !self.relative {
            self.push_absolute(out, target);
            return;
        }
        if from == NOT_FOUND_PATH {
            // Hosts serve the not-found page at whatever path was missing, at any depth:
            // links relative to /404.html would break there, so they start at the site's
            // root path instead (`/mirror/style.css`).
            out.push_str(&self.base_path);
            out.push_str(target);
            return;
        }
        // Byte searches: this runs for every link of every page.
        let (target_path, suffix) = match target.bytes().position(|b| b == b'#' || b == b'?') {
            Some(i) => target.split_at(i),
            None => (target, ""),
        };
        for _ in 0..folder_depth(from) {
            out.push_str("../");
        }
        let file = target_path.trim_start_matches('/');
        out.push_str(file);
        if file.is_empty() || file.ends_with('/') {
            out.push_str("index.html");
        }
        out.push_str(suffix);
    }
}

/// How many folders down from the root the page at `from` is (`/a/b/` and `/a/b/c.html`: 2).
fn folder_depth(from: &str) -> usize {
    from.trim_start_matches('/')
        .bytes()
        .filter(|&b| b == b'/')
        .count()
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("//")
        || url.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn patterns_are_checked() {
        assert!(check_permalink_pattern("/:year/:month/:day/:slug/").is_ok());
        assert!(check_permalink_pattern("/news/:slug.html").is_ok());
        assert!(check_permalink_pattern("/:year/").is_err());
        assert_eq!(
            check_permalink_pattern("/:yaer/:slug/").unwrap_err(),
            "`/:yaer/:slug/` has an unknown placeholder at `:yaer/:slug/`; use :year, :month, :day, :hour, :minute, :slug"
        );
    }

    #[test]
    fn permalinks_fill_placeholders() {
        let tz: Tz = "Asia/Jakarta".parse().unwrap();
        let d = tz.with_ymd_and_hms(2022, 1, 7, 14, 52, 0).unwrap();
        assert_eq!(
            permalink("/:year/:month/:day/:slug/", &d, "x"),
            "/2022/01/07/x/"
        );
        // Local time: 01:05 in Jakarta is still the evening before in UTC.
        let early = tz.with_ymd_and_hms(2022, 1, 7, 1, 5, 0).unwrap();
        assert_eq!(
            permalink("/:year/:day/:hour-:minute/:slug.html", &early, "a:year"),
            "/2022/07/01-05/a:year.html"
        );
    }

    #[test]
    fn output_files() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/tags/a/"), "tags/a/index.html");
        assert_eq!(output_file("/404.html"), "404.html");
    }

    #[test]
    fn absolute_links() {
        let l = Links::new("https://x.org/m/", false);
        assert_eq!(l.link("/tags/", "/2022/"), "https://x.org/m/tags/");
    }

    #[test]
    fn the_not_found_page_links_from_the_sites_root_path() {
        let links = Links::new("https://m.org/mirror/", true);
        assert_eq!(links.link("/style.css", "/404.html"), "/mirror/style.css");
        assert_eq!(links.link("/tags/", "/404.html"), "/mirror/tags/");
        assert_eq!(links.link("/", "/404.html"), "/mirror/");
        let links = Links::new("https://m.org", true);
        assert_eq!(links.link("/", "/404.html"), "/");
        assert_eq!(links.link("/a/#x", "/404.html"), "/a/#x");
        assert_eq!(links.link("/style.css", "/a/"), "../style.css");
        let links = Links::new("https://m.org/mirror", false);
        assert_eq!(
            links.link("/style.css", "/404.html"),
            "https://m.org/mirror/style.css"
        );
    }

    #[test]
    fn relative_links_work_from_disk() {
        let l = Links::new("https://x.org", true);
        assert_eq!(
            l.link("/tags/a/", "/2022/01/27/s/"),
            "../../../../tags/a/index.html"
        );
        assert_eq!(l.link("/", "/"), "index.html");
        assert_eq!(l.link("/style.css", "/tags/"), "../style.css");
        assert_eq!(l.link("/a/#x", "/tentang.html"), "a/index.html#x");
        assert_eq!(l.link("https://e.org/", "/"), "https://e.org/");
    }
}
