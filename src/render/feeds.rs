//! RSS 2.0 and Atom feeds, for the whole site and for each tag.
//!
//! Written by cermin rather than by templates, so every feed is well-formed whatever the
//! articles contain. Item ids are tag URIs made of the site's host, the article's date and
//! slug: they never change when the site moves to another path or permalink pattern.

use std::fmt::Write;

use chrono::SecondsFormat;

use super::links::rewrite_root_links;
use super::xml::{escape, escape_into};
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

/// The article's authors, else the site's author, else the site's title.
fn authors_or_site<'s>(site: &'s Site, article: &'s Article) -> Vec<&'s str> {
    if !article.authors.is_empty() {
        article.authors.iter().map(String::as_str).collect()
    } else if !site.config.author.is_empty() {
        vec![site.config.author.as_str()]
    } else {
        vec![site.config.title.as_str()]
    }
}

/// Article HTML escaped into a feed, site paths made absolute.
fn push_feed_html(out: &mut String, links: &Links, html: &str) {
    if super::links::has_root_links(html) {
        escape_into(
            out,
            &rewrite_root_links(html, |out, p| links.push_absolute(out, p)),
        );
    } else {
        escape_into(out, html);
    }
}

fn items<'s>(site: &'s Site, feed: &'s Feed) -> impl Iterator<Item = &'s Article> {
    feed.articles
        .iter()
        .take(site.config.feed_limit)
        .map(|&i| &*site.articles[i])
}

/// Room for a whole feed, so it is not copied while it grows: its entries' escaped text
/// plus the tags around them.
fn feed_capacity(texts: &[EntryText]) -> usize {
    2048 + texts
        .iter()
        .map(|t| t.summary.len() + t.content.len() + 1024)
        .sum::<usize>()
}

/// An entry's summary and body, escaped for XML once for both of a feed's formats.
pub struct EntryText {
    summary: String,
    content: String,
}

fn entry_texts(site: &Site, links: &Links, feed: &Feed) -> std::io::Result<Vec<EntryText>> {
    let full = site.config.feed_content == FeedContent::Full;
    items(site, feed)
        .map(|a| {
            let mut summary = String::with_capacity(a.summary_html.len() + 64);
            push_feed_html(&mut summary, links, &a.summary_html);
            let mut content = String::new();
            if full {
                content.reserve(a.content_html.len() + a.content_html.len() / 8);
                push_feed_html(&mut content, links, &a.content_html.html()?);
            }
            Ok(EntryText { summary, content })
        })
        .collect()
}

/// A feed as RSS 2.0 and as Atom 1.0.
pub fn rss_and_atom(site: &Site, links: &Links, feed: &Feed) -> std::io::Result<(String, String)> {
    let texts = entry_texts(site, links, feed)?;
    Ok((
        rss(site, links, feed, &texts),
        atom(site, links, feed, &texts),
    ))
}

/// RSS 2.0.
fn rss(site: &Site, links: &Links, feed: &Feed, texts: &[EntryText]) -> String {
    let c = &site.config;
    let mut out = String::with_capacity(feed_capacity(texts));
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
    if let Some(newest) = items(site, feed).next() {
        let _ = writeln!(
            out,
            "<lastBuildDate>{}</lastBuildDate>",
            rfc2822(&newest.date)
        );
    }
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&links.absolute(&format!("{}rss.xml", feed.dir)))
    );
    for (a, text) in items(site, feed).zip(texts) {
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&a.title));
        let _ = writeln!(out, "<link>{}</link>", escape(&links.absolute(&a.path)));
        let _ = writeln!(
            out,
            "<guid isPermaLink=\"false\">{}</guid>",
            escape(&entry_id(links, a))
        );
        let _ = writeln!(out, "<pubDate>{}</pubDate>", rfc2822(&a.date));
        for author in authors_or_site(site, a) {
            let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(author));
        }
        for t in &a.tags {
            let _ = writeln!(out, "<category>{}</category>", escape(&t.name));
        }
        out.push_str("<description>");
        out.push_str(&text.summary);
        out.push_str("</description>\n");
        if c.feed_content == FeedContent::Full {
            out.push_str("<content:encoded>");
            out.push_str(&text.content);
            out.push_str("</content:encoded>\n");
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// A date as RSS writes it (`Thu, 2 Jan 2022 14:52:00 +0700`, as chrono's `to_rfc2822` writes it). Through a format string,
/// which cannot fail, where chrono's `to_rfc2822` panics on years it cannot write (content
/// never has those: see `content::date`).
fn rfc2822(
    date: &chrono::DateTime<chrono_tz::Tz>,
) -> chrono::format::DelayedFormat<chrono::format::StrftimeItems<'static>> {
    date.format("%a, %-d %b %Y %H:%M:%S %z")
}

/// Atom 1.0.
fn atom(site: &Site, links: &Links, feed: &Feed, texts: &[EntryText]) -> String {
    let c = &site.config;
    let rfc3339 =
        |d: &chrono::DateTime<chrono_tz::Tz>| d.to_rfc3339_opts(SecondsFormat::Secs, false);
    let mut out = String::with_capacity(feed_capacity(texts));
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
    let updated = items(site, feed).map(|a| a.updated.unwrap_or(a.date)).max();
    let updated = updated
        .map(|d| rfc3339(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(out, "<generator>cermin</generator>");
    for (a, text) in items(site, feed).zip(texts) {
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
            let _ = writeln!(out, "<author><name>{}</name></author>", escape(author));
        }
        for t in &a.tags {
            let _ = writeln!(
                out,
                "<category term=\"{}\" label=\"{}\"/>",
                escape(&t.slug),
                escape(&t.name)
            );
        }
        out.push_str("<summary type=\"html\">");
        out.push_str(&text.summary);
        out.push_str("</summary>\n");
        if c.feed_content == FeedContent::Full {
            out.push_str("<content type=\"html\">");
            out.push_str(&text.content);
            out.push_str("</content>\n");
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
