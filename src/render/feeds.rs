//! RSS 2.0 and Atom feeds, for the whole site and for each tag.
//!
//! Written by cermin rather than by templates, so every feed is well-formed whatever the
//! articles contain. Item ids are tag URIs made of the site's host, the article's date and
//! slug: they never change when the site moves to another path or permalink pattern.

use std::fmt::Write;

use chrono::SecondsFormat;

use super::links::rewrite_root_links;
use super::xml::escape;
use crate::config::FeedContent;
use crate::content::Article;
use crate::site::Site;
use crate::urls::Links;

/// A feed to write: its title, the page it describes and where it is published.
pub struct Feed<'a> {
    pub title: String,
    /// Site path of the HTML page the feed belongs to (`/` or `/tags/x/`).
    pub page: String,
    /// Site path of the feed's folder (`/` or `/tags/x/`); files are `rss.xml` and `atom.xml`.
    pub dir: String,
    pub articles: std::borrow::Cow<'a, [usize]>,
}

/// The feeds of a site: the whole site, then one per tag.
pub fn feeds(site: &Site) -> Vec<Feed<'_>> {
    let mut feeds = Vec::with_capacity(site.tags.len() + 1);
    let newest: Vec<usize> = (0..site.articles.len().min(site.config.feed_limit)).collect();
    feeds.push(Feed {
        title: site.config.title.clone(),
        page: "/".into(),
        dir: "/".into(),
        articles: newest.into(),
    });
    for tag in site.tags.iter() {
        feeds.push(Feed {
            title: format!("{} – {}", site.config.title, tag.name),
            page: tag.path(),
            dir: tag.path(),
            articles: tag.articles.as_slice().into(),
        });
    }
    feeds
}

/// The never-changing id of an article in feeds.
pub fn entry_id(links: &Links, article: &Article) -> String {
    let base = links.absolute("/");
    let host = base
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("localhost");
    format!(
        "tag:{host},{}:{}",
        article.date.format("%Y-%m-%d"),
        article.slug
    )
}

fn authors_or_site(site: &Site, article: &Article) -> Vec<String> {
    if !article.authors.is_empty() {
        article.authors.clone()
    } else if !site.config.author.is_empty() {
        vec![site.config.author.clone()]
    } else {
        vec![site.config.title.clone()]
    }
}

/// Article HTML for a feed: site paths made absolute.
fn feed_html(links: &Links, html: &str) -> String {
    rewrite_root_links(html, |p| links.absolute(p))
}

fn items<'s>(site: &'s Site, feed: &'s Feed) -> impl Iterator<Item = (usize, &'s Article)> {
    feed.articles
        .iter()
        .take(site.config.feed_limit)
        .map(|&i| (i, &*site.articles[i]))
}

/// Each article's summary and body as escaped feed text, made once per build however many
/// feeds (the site's, each of its tags', RSS and Atom) carry it.
pub struct FeedTexts<'a> {
    site: &'a Site,
    links: &'a Links,
    texts: Vec<std::sync::OnceLock<(String, String)>>,
}

impl<'a> FeedTexts<'a> {
    pub fn new(site: &'a Site, links: &'a Links) -> FeedTexts<'a> {
        let texts = (0..site.articles.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        FeedTexts { site, links, texts }
    }

    /// (summary, content) of article `i`, escaped for XML.
    fn get(&self, i: usize) -> &(String, String) {
        self.texts[i].get_or_init(|| {
            let a = &self.site.articles[i];
            let content = if self.site.config.feed_content == FeedContent::Full {
                escape(&feed_html(self.links, &a.content_html))
            } else {
                String::new()
            };
            (escape(&feed_html(self.links, &a.summary_html)), content)
        })
    }
}

/// RSS 2.0.
pub fn rss(site: &Site, links: &Links, texts: &FeedTexts, feed: &Feed) -> String {
    let c = &site.config;
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&feed.title));
    let _ = writeln!(out, "<link>{}</link>", escape(&links.absolute(&feed.page)));
    let description = if c.description.is_empty() {
        &c.title
    } else {
        &c.description
    };
    let _ = writeln!(out, "<description>{}</description>", escape(description));
    let _ = writeln!(out, "<language>{}</language>", escape(&c.language));
    let _ = writeln!(out, "<generator>cermin</generator>");
    if let Some((_, newest)) = items(site, feed).next() {
        let _ = writeln!(
            out,
            "<lastBuildDate>{}</lastBuildDate>",
            newest.date.to_rfc2822()
        );
    }
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&links.absolute(&format!("{}rss.xml", feed.dir)))
    );
    for (i, a) in items(site, feed) {
        let (summary, content) = texts.get(i);
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&a.title));
        let _ = writeln!(out, "<link>{}</link>", escape(&links.absolute(&a.path)));
        let _ = writeln!(
            out,
            "<guid isPermaLink=\"false\">{}</guid>",
            escape(&entry_id(links, a))
        );
        let _ = writeln!(out, "<pubDate>{}</pubDate>", a.date.to_rfc2822());
        for author in authors_or_site(site, a) {
            let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(&author));
        }
        for t in &a.tags {
            let _ = writeln!(out, "<category>{}</category>", escape(&t.name));
        }
        let _ = writeln!(out, "<description>{summary}</description>");
        if c.feed_content == FeedContent::Full {
            let _ = writeln!(out, "<content:encoded>{content}</content:encoded>");
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// Atom 1.0.
pub fn atom(site: &Site, links: &Links, texts: &FeedTexts, feed: &Feed) -> String {
    let c = &site.config;
    let rfc3339 =
        |d: &chrono::DateTime<chrono_tz::Tz>| d.to_rfc3339_opts(SecondsFormat::Secs, false);
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&c.language)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&feed.title));
    if !c.description.is_empty() {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", escape(&c.description));
    }
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&links.absolute(&feed.page))
    );
    let self_url = links.absolute(&format!("{}atom.xml", feed.dir));
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&self_url)
    );
    let _ = writeln!(out, "<id>{}</id>", escape(&self_url));
    let updated = items(site, feed)
        .map(|(_, a)| a.updated.unwrap_or(a.date))
        .max();
    let updated = updated
        .map(|d| rfc3339(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(out, "<generator>cermin</generator>");
    for (i, a) in items(site, feed) {
        let (summary, content) = texts.get(i);
        out.push_str("<entry>\n");
        let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(&a.title));
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&links.absolute(&a.path))
        );
        let _ = writeln!(out, "<id>{}</id>", escape(&entry_id(links, a)));
        let _ = writeln!(out, "<published>{}</published>", rfc3339(&a.date));
        let _ = writeln!(
            out,
            "<updated>{}</updated>",
            rfc3339(&a.updated.unwrap_or(a.date))
        );
        for author in authors_or_site(site, a) {
            let _ = writeln!(out, "<author><name>{}</name></author>", escape(&author));
        }
        for t in &a.tags {
            let _ = writeln!(
                out,
                "<category term=\"{}\" label=\"{}\"/>",
                escape(&t.slug),
                escape(&t.name)
            );
        }
        let _ = writeln!(out, "<summary type=\"html\">{summary}</summary>");
        if c.feed_content == FeedContent::Full {
            let _ = writeln!(out, "<content type=\"html\">{content}</content>");
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A hash of a feed's inputs: its identity and the full values of its entries.
pub fn signature(site: &Site, feed: &Feed, hashes: &[crate::render::spec::ArticleHashes]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (&feed.title, &feed.page, &feed.dir).hash(&mut h);
    for &i in feed.articles.iter().take(site.config.feed_limit) {
        hashes[i].full.hash(&mut h);
        // The entry id and the author fallback read the article directly.
        let a = &site.articles[i];
        (&a.slug, a.date.timestamp()).hash(&mut h);
    }
    h.finish()
}
