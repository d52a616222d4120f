//! sitemap.xml (an index of several sitemaps past 50,000 URLs) and robots.txt.

use std::fmt::Write;

use chrono::DateTime;
use chrono_tz::Tz;

use super::xml::escape;
use crate::urls::Links;

/// The most URLs one sitemap file may hold (sitemaps.org).
pub const MAX_URLS: usize = 50_000;

/// A page in the sitemap: its site path and, for articles, when it last changed.
pub struct Entry<'a> {
    pub path: &'a str,
    pub lastmod: Option<&'a DateTime<Tz>>,
}

/// The sitemap files: `(site path, XML)`. One `sitemap.xml`, or an index and its parts;
/// `urlset` writes one file's list of URLs ([`urlset`], or a theme's `sitemap.xml`).
pub fn sitemaps<E>(
    links: &Links,
    entries: &[Entry],
    mut urlset: impl FnMut(&[Entry]) -> Result<String, E>,
) -> Result<Vec<(String, String)>, E> {
    if entries.len() <= MAX_URLS {
        return Ok(vec![("/sitemap.xml".into(), urlset(entries)?)]);
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in entries.chunks(MAX_URLS).enumerate() {
        let path = format!("/sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&links.absolute(&path))
        );
        files.push((path, urlset(chunk)?));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("/sitemap.xml".into(), index));
    Ok(files)
}

/// The context of a theme's `sitemap.xml` for one file's URLs: `entries`, each
/// `{loc, lastmod}` (the absolute URL, and an article's last change in RFC 3339 or null).
pub fn template_context(links: &Links, entries: &[Entry]) -> tera::Context {
    use tera::Value;
    let values: Vec<Value> = entries
        .iter()
        .map(|e| {
            super::values::map([
                ("loc", links.absolute(e.path).into()),
                (
                    "lastmod",
                    e.lastmod
                        .map(|d| Value::from(d.to_rfc3339()))
                        .unwrap_or(Value::none()),
                ),
            ])
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert_value("entries", Value::from(values));
    ctx.insert("page_path", "/sitemap.xml");
    ctx.insert("page_kind", "sitemap");
    ctx
}

/// A hash of what [`urlset`] writes of `entries` (with the same links).
pub fn entries_hash(entries: &[Entry]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for e in entries {
        h.update(e.path.as_bytes());
        match e.lastmod {
            Some(lastmod) => {
                h.update(&[1]);
                h.update(lastmod.to_rfc3339().as_bytes());
            }
            None => h.update(&[2]),
        }
    }
    h.digest()
}

/// The built-in writer of one sitemap file.
pub fn urlset(links: &Links, entries: &[Entry]) -> String {
    let base = escape(&links.absolute(""));
    let mut out = String::with_capacity(entries.len() * 120 + 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for e in entries {
        out.push_str("<url><loc>");
        out.push_str(&base);
        out.push_str(&escape(e.path));
        out.push_str("</loc>");
        if let Some(lastmod) = e.lastmod {
            out.push_str("<lastmod>");
            out.push_str(&lastmod.to_rfc3339());
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// robots.txt: everything may be crawled; the sitemap is named.
pub fn robots(links: &Links) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        links.absolute("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_past_the_limit() {
        let links = Links::new("https://m.org", false);
        let paths: Vec<String> = (0..MAX_URLS + 1).map(|i| format!("/{i}/")).collect();
        let entries: Vec<Entry> = paths
            .iter()
            .map(|p| Entry {
                path: p,
                lastmod: None,
            })
            .collect();
        let files = sitemaps(&links, &entries, |urls| {
            Ok::<_, std::convert::Infallible>(urlset(&links, urls))
        })
        .unwrap();
        assert_eq!(files.len(), 3);
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(
            files[0]
                .1
                .contains("<loc>https://m.org/sitemap-2.xml</loc>")
        );
        assert_eq!(files[2].1.matches("<url>").count(), 1);
    }
}
