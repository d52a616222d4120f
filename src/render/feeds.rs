//! RSS 2.0 and Atom feeds, for the whole site and for each term of a taxonomy with feeds.
//!
//! What a feed carries (full text or summaries), how many entries and in which formats follows
//! its kind's settings (`[feeds.site]`, `[feeds.terms]`, see [`crate::config::Feeds`]).
//! Each article of a feed becomes one [`Entry`], from which every format is written. The
//! built-in writers are the default, so every feed is well-formed whatever the articles
//! contain; a theme (or site) with `templates/rss.xml` or `templates/atom.xml` renders that
//! format itself from [`template_context`]. Entry ids are tag URIs made of the site's host,
//! the article's date and slug: they never change when the site moves to another path or
//! permalink pattern.

use std::fmt::Write;

use chrono::{DateTime, SecondsFormat};
use chrono_tz::Tz;

use super::StaticFiles;
use super::links::rewrite_root_links;
use super::xml::{escape, escape_into};
use crate::config::{FeedContent, FeedSettings};
use crate::content::Article;
use crate::site::Site;
use crate::urls::Links;

/// A feed to write: its title, the page it describes and where it is published.
pub struct Feed<'a> {
    pub title: String,
    /// What the feed is: the site's description for the site feed (if it has one), "Articles
    /// tagged Politik — Site" for a tag's.
    pub description: Option<String>,
    /// Site path of the HTML page the feed belongs to (`/` or `/tags/x/`).
    pub page: String,
    /// Site path of the feed's folder (`/` or `/tags/x/`); files are `rss.xml` and `atom.xml`.
    pub dir: String,
    pub articles: std::borrow::Cow<'a, [usize]>,
    /// Full text or summaries, how many entries, which formats.
    pub settings: FeedSettings,
}

/// The feeds of a site: the whole site, then one per tag, then one per term of each other
/// taxonomy with feeds on; each only when it is published in some format.
pub fn feeds(site: &Site) -> Vec<Feed<'_>> {
    let mut feeds = Vec::with_capacity(site.tags.len() + 1);
    let c = &site.config;
    let site_feed = c.feeds.site;
    if site_feed.formats.any() {
        let newest: Vec<usize> = (0..site.articles.len().min(site_feed.limit)).collect();
        feeds.push(Feed {
            title: c.title.clone(),
            description: (!c.description.is_empty()).then(|| c.description.clone()),
            page: "/".into(),
            dir: "/".into(),
            articles: newest.into(),
            settings: site_feed,
        });
    }
    if c.tags.feeds.any() {
        for tag in site.tags.iter() {
            feeds.push(term_feed(
                c,
                &c.tags,
                &tag.name,
                &tag.slug,
                &tag.articles,
                "feed_tag",
            ));
        }
    }
    for taxonomy in site.taxonomies.iter().filter(|x| x.def.feeds.any()) {
        for term in &taxonomy.terms {
            feeds.push(term_feed(
                c,
                &taxonomy.def,
                &term.name,
                &term.slug,
                &term.articles,
                "feed_term",
            ));
        }
    }
    feeds
}

/// A tag's or another term's feed; `described` is the UI word that opens its description.
fn term_feed<'a>(
    c: &crate::config::Config,
    def: &crate::config::TaxonomyDef,
    name: &str,
    slug: &str,
    articles: &'a [usize],
    described: &str,
) -> Feed<'a> {
    let path = def.term_path(slug);
    Feed {
        title: format!("{} – {name}", c.title),
        description: Some(format!("{} {name} — {}", c.strings.get(described), c.title)),
        page: path.clone(),
        dir: path,
        articles: articles.into(),
        settings: FeedSettings {
            formats: def.feeds,
            ..c.feeds.terms
        },
    }
}

/// The never-changing id of an article in feeds: its front matter's `id`, else
/// [`tag_id`] of the site's address, its date and its slug.
pub fn entry_id(links: &Links, article: &Article) -> String {
    match article.id() {
        Some(id) => id.to_string(),
        None => tag_id(&links.absolute("/"), &article.date, &article.slug),
    }
}

/// A tag URI (`tag:example.org,2022-01-27:slug`) of a site's host, a date and a slug: it does
/// not change when the site moves to another path or permalink pattern. `cermin import`
/// writes it into new articles, so it also stays when their date or slug is corrected.
pub fn tag_id<Z: chrono::TimeZone>(site_url: &str, date: &DateTime<Z>, slug: &str) -> String
where
    Z::Offset: std::fmt::Display,
{
    let host = site_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|host| !host.is_empty())
        .unwrap_or("localhost");
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    // Written directly: a strftime pattern is parsed again on every call, for every entry of
    // every feed. Years of other than four digits (signed in `%Y`) take the pattern.
    if (0..=9999).contains(&year) {
        format!("tag:{host},{year:04}-{month:02}-{day:02}:{slug}")
    } else {
        format!("tag:{host},{}:{slug}", date.format("%Y-%m-%d"))
    }
}

/// The article's authors, else the site's author, else the site's title.
fn authors_or_site<'s>(site: &'s Site, article: &'s Article) -> Vec<&'s str> {
    if !article.authors.is_empty() {
        article.authors.iter().map(|a| &**a).collect()
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
        .take(feed.settings.limit)
        .map(|&i| &*site.articles[i])
}

/// Room for a whole feed, so it is not copied while it grows: its entries' escaped text
/// plus the tags around them.
fn feed_capacity(entries: &[Entry]) -> usize {
    2048 + entries
        .iter()
        .map(|e| e.summary_xml.len() + e.content_xml.as_ref().map_or(0, String::len) + 1024)
        .sum::<usize>()
}

/// One article as a feed entry: what the RSS item and the Atom entry both say of it.
pub struct Entry<'s> {
    pub article: &'s Article,
    /// The article's absolute URL.
    pub link: String,
    /// The never-changing id ([`entry_id`]).
    pub id: String,
    /// The article's authors, else the site's author, else the site's title.
    pub authors: Vec<&'s str>,
    /// When it last changed: `updated`, else its date.
    pub updated: DateTime<Tz>,
    /// The summary HTML, site paths made absolute, escaped for XML once for both formats.
    pub summary_xml: String,
    /// The body, the same way, when the site's feeds carry full text.
    pub content_xml: Option<String>,
    /// The lead image, if the article has one.
    pub image: Option<LeadImage>,
}

/// An entry's lead image: `media:content`, and an enclosure when it is the site's own file
/// (whose size feeds must give).
pub struct LeadImage {
    /// Absolute URL.
    pub url: String,
    /// The media type guessed from the file name (`image/jpeg`).
    pub media_type: Option<&'static str>,
    /// Bytes, for the site's own files.
    pub length: Option<u64>,
}

impl LeadImage {
    fn of(article: &Article, links: &Links, statics: &StaticFiles) -> Option<LeadImage> {
        let image = article.image.as_deref()?;
        // A photo of the bundle: its social-card JPEG (1200 pixels wide at most).
        if let Some(photo) = article.lead_image() {
            let social = photo.social();
            let bundle_folder = crate::content::bundle::site_folder(&article.path);
            let folder = photo.site_folder(&bundle_folder);
            return Some(LeadImage {
                url: links.absolute(&crate::images::markup::url(folder, photo, social)),
                media_type: Some(social.format.mime()),
                length: Some(social.len),
            });
        }
        let local = image.starts_with('/') && !image.starts_with("//");
        let url = if local {
            links.absolute(image)
        } else {
            image.to_string()
        };
        let name = image.split(['?', '#']).next().unwrap_or(image);
        let media_type = mime_guess::from_path(name)
            .first_raw()
            .filter(|t| t.starts_with("image/"));
        let length = if local {
            statics
                .size_of(name)
                .or_else(|| crate::content::bundle::size_of(article, name))
        } else {
            None
        };
        Some(LeadImage {
            url,
            media_type,
            length,
        })
    }
}

/// The credit line that ends an entry's text: "Sumber: <a href=source>RMOL</a>", in the
/// site's language, naming the outlet (else the source's host). Empty without a source.
fn source_credit_html(site: &Site, article: &Article) -> String {
    let Some(source) = article.source.as_deref() else {
        return String::new();
    };
    let name = article
        .source_name
        .as_deref()
        .or_else(|| source.split('/').nth(2))
        .unwrap_or(source);
    format!(
        "\n<p class=\"source-credit\">{}: <a href=\"{}\">{}</a></p>",
        crate::text::escape_html(site.config.strings.get("source")),
        crate::text::escape_html(source),
        crate::text::escape_html(name)
    )
}

/// The entries of a feed, newest first, at most its `limit`. The source's credit line
/// ends the text a feed carries: the body in full-text feeds, else the summary.
pub fn entries<'s>(
    site: &'s Site,
    links: &Links,
    statics: &StaticFiles,
    feed: &'s Feed,
) -> std::io::Result<Vec<Entry<'s>>> {
    let full = feed.settings.content == FeedContent::Full;
    items(site, feed)
        .map(|a| {
            let credit = source_credit_html(site, a);
            let mut summary_xml = String::with_capacity(a.summary_html.len() + 64);
            push_feed_html(&mut summary_xml, links, &a.summary_html);
            let content_xml = if full {
                let mut content = String::with_capacity(a.content_html.len() * 9 / 8);
                let body = a.content_html.html()?;
                // Read away from the page: `#part` links lead to the article's page.
                let body = crate::markdown::fragment_links_to(&body, &a.path);
                push_feed_html(&mut content, links, &body);
                escape_into(&mut content, &credit);
                Some(content)
            } else {
                escape_into(&mut summary_xml, &credit);
                None
            };
            Ok(Entry {
                article: a,
                link: links.absolute(&a.path),
                id: entry_id(links, a),
                authors: authors_or_site(site, a),
                updated: a.updated().unwrap_or(a.date),
                summary_xml,
                content_xml,
                image: LeadImage::of(a, links, statics),
            })
        })
        .collect()
}

/// A feed's file (`rss.xml` or `atom.xml`) by the built-in writer of its format.
pub fn built_in(site: &Site, links: &Links, feed: &Feed, file: &str, entries: &[Entry]) -> String {
    match file {
        "atom.xml" => atom(site, links, feed, entries),
        _ => rss(site, links, feed, entries),
    }
}

/// The context of a theme's `rss.xml` or `atom.xml` for a feed (documented in
/// docs/themes.md): `feed` and its `entries`, every URL absolute. The HTML of summaries
/// and bodies is plain text to Tera, so autoescaping writes it escaped, as feeds carry it.
pub fn template_context(
    site: &Site,
    links: &Links,
    statics: &StaticFiles,
    feed: &Feed,
    file: &str,
) -> std::io::Result<tera::Context> {
    use tera::Value;
    let full = feed.settings.content == FeedContent::Full;
    let absolute_html = |html: &str| -> String {
        if super::links::has_root_links(html) {
            rewrite_root_links(html, |out, p| links.push_absolute(out, p))
        } else {
            html.to_string()
        }
    };
    let mut values = Vec::new();
    for a in items(site, feed) {
        let content = if full {
            Value::from(absolute_html(&a.content_html.html()?))
        } else {
            Value::none()
        };
        let categories: Vec<Value> = a
            .tags
            .iter()
            .map(|t| {
                super::values::map([
                    ("name", t.name.as_str().into()),
                    ("slug", t.slug.as_str().into()),
                ])
            })
            .collect();
        let authors: Vec<Value> = authors_or_site(site, a)
            .into_iter()
            .map(Value::from)
            .collect();
        let text = |v: Option<&str>| v.map(Value::from).unwrap_or(Value::none());
        let image = match LeadImage::of(a, links, statics) {
            Some(image) => super::values::map([
                ("url", image.url.into()),
                ("type", text(image.media_type)),
                (
                    "length",
                    image.length.map(Value::from).unwrap_or(Value::none()),
                ),
                ("caption", text(a.image_caption())),
            ]),
            None => Value::none(),
        };
        values.push(super::values::map([
            ("title", (&*a.title).into()),
            ("link", links.absolute(&a.path).into()),
            ("id", entry_id(links, a).into()),
            ("published", rfc3339(&a.date).into()),
            ("published_rfc2822", rfc2822(&a.date).to_string().into()),
            ("updated", rfc3339(&a.updated().unwrap_or(a.date)).into()),
            ("authors", Value::from(authors)),
            ("categories", Value::from(categories)),
            ("summary", Value::from(absolute_html(&a.summary_html))),
            ("content", content),
            ("source", text(a.source.as_deref())),
            ("source_name", text(a.source_name.as_deref())),
            ("image", image),
        ]));
    }
    let newest = items(site, feed)
        .map(|a| a.updated().unwrap_or(a.date))
        .max();
    let mut ctx = tera::Context::new();
    ctx.insert_value(
        "feed",
        super::values::map([
            ("title", feed.title.as_str().into()),
            ("description", channel_description(site, feed).into()),
            ("language", site.config.language.as_str().into()),
            ("link", links.absolute(&feed.page).into()),
            ("url", links.absolute(&format!("{}{file}", feed.dir)).into()),
            (
                "updated",
                newest
                    .map(|d| Value::from(rfc3339(&d)))
                    .unwrap_or(Value::none()),
            ),
            (
                "updated_rfc2822",
                items(site, feed)
                    .next()
                    .map(|a| Value::from(rfc2822(&a.date).to_string()))
                    .unwrap_or(Value::none()),
            ),
        ]),
    );
    ctx.insert_value("entries", Value::from(values));
    ctx.insert("page_path", &format!("{}{file}", feed.dir));
    ctx.insert("page_kind", "feed");
    Ok(ctx)
}

/// The channel's description (RSS requires one): the feed's, else the site's title.
fn channel_description<'s>(site: &'s Site, feed: &'s Feed) -> &'s str {
    feed.description.as_deref().unwrap_or(&site.config.title)
}

/// A date as Atom writes it (`2022-01-27T14:52:00+07:00`).
fn rfc3339(date: &DateTime<Tz>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// RSS 2.0.
fn rss(site: &Site, links: &Links, feed: &Feed, entries: &[Entry]) -> String {
    let c = &site.config;
    let mut out = String::with_capacity(feed_capacity(entries));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&feed.title));
    let _ = writeln!(out, "<link>{}</link>", escape(&links.absolute(&feed.page)));
    let _ = writeln!(
        out,
        "<description>{}</description>",
        escape(channel_description(site, feed))
    );
    let _ = writeln!(out, "<language>{}</language>", escape(&c.language));
    let _ = writeln!(out, "<generator>cermin</generator>");
    if let Some(newest) = entries.first() {
        let _ = writeln!(
            out,
            "<lastBuildDate>{}</lastBuildDate>",
            rfc2822(&newest.article.date)
        );
    }
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&links.absolute(&format!("{}rss.xml", feed.dir)))
    );
    for e in entries {
        let a = e.article;
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&a.title));
        let _ = writeln!(out, "<link>{}</link>", escape(&e.link));
        let _ = writeln!(out, "<guid isPermaLink=\"false\">{}</guid>", escape(&e.id));
        let _ = writeln!(out, "<pubDate>{}</pubDate>", rfc2822(&a.date));
        for author in &e.authors {
            let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(author));
        }
        for t in &a.tags {
            let _ = writeln!(out, "<category>{}</category>", escape(&t.name));
        }
        if let Some(source) = &a.source {
            let name = a.source_name.as_deref().unwrap_or(source);
            let _ = writeln!(
                out,
                "<source url=\"{}\">{}</source>",
                escape(source),
                escape(name)
            );
        }
        if let Some(image) = &e.image {
            push_rss_image(&mut out, image, a.image_caption());
        }
        out.push_str("<description>");
        out.push_str(&e.summary_xml);
        out.push_str("</description>\n");
        if let Some(content) = &e.content_xml {
            out.push_str("<content:encoded>");
            out.push_str(content);
            out.push_str("</content:encoded>\n");
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// The lead image of an RSS item: `media:content` (with the caption as its description),
/// and an `enclosure` when its size is known.
fn push_rss_image(out: &mut String, image: &LeadImage, caption: Option<&str>) {
    let url = escape(&image.url);
    let media_type = image
        .media_type
        .map(|t| format!(" type=\"{t}\""))
        .unwrap_or_default();
    match caption {
        Some(caption) => {
            let _ = writeln!(
                out,
                "<media:content url=\"{url}\" medium=\"image\"{media_type}><media:description type=\"plain\">{}</media:description></media:content>",
                escape(caption)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "<media:content url=\"{url}\" medium=\"image\"{media_type}/>"
            );
        }
    }
    if let (Some(length), Some(t)) = (image.length, image.media_type) {
        let _ = writeln!(
            out,
            "<enclosure url=\"{url}\" length=\"{length}\" type=\"{t}\"/>"
        );
    }
}

/// A date as RSS writes it (`Thu, 27 Jan 2022 14:52:00 +0700`), as chrono's `to_rfc2822`
/// would; through a format string, which cannot panic on a year RFC 2822 cannot hold.
fn rfc2822(
    date: &DateTime<Tz>,
) -> chrono::format::DelayedFormat<chrono::format::StrftimeItems<'static>> {
    date.format("%a, %-d %b %Y %H:%M:%S %z")
}

/// Atom 1.0.
fn atom(site: &Site, links: &Links, feed: &Feed, entries: &[Entry]) -> String {
    let c = &site.config;
    let mut out = String::with_capacity(feed_capacity(entries));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&c.language)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&feed.title));
    if let Some(description) = &feed.description {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", escape(description));
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
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .map(|d| rfc3339(&d))
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(out, "<generator>cermin</generator>");
    for e in entries {
        let a = e.article;
        out.push_str("<entry>\n");
        let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(&a.title));
        let _ = writeln!(
            out,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&e.link)
        );
        let _ = writeln!(out, "<id>{}</id>", escape(&e.id));
        let _ = writeln!(out, "<published>{}</published>", rfc3339(&a.date));
        let _ = writeln!(out, "<updated>{}</updated>", rfc3339(&e.updated));
        for author in &e.authors {
            let _ = writeln!(out, "<author><name>{}</name></author>", escape(author));
        }
        if let Some(image) = &e.image {
            let media_type = image
                .media_type
                .map(|t| format!(" type=\"{t}\""))
                .unwrap_or_default();
            let length = image
                .length
                .map(|l| format!(" length=\"{l}\""))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<link rel=\"enclosure\" href=\"{}\"{media_type}{length}/>",
                escape(&image.url)
            );
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
        out.push_str(&e.summary_xml);
        out.push_str("</summary>\n");
        if let Some(content) = &e.content_xml {
            out.push_str("<content type=\"html\">");
            out.push_str(content);
            out.push_str("</content>\n");
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A hash of a feed's inputs: its identity and the full values of its entries.
pub fn signature(
    site: &Site,
    feed: &Feed,
    hashes: &[crate::render::spec::ArticleHashes],
    statics: &StaticFiles,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (&feed.title, &feed.description, &feed.page, &feed.dir).hash(&mut h);
    feed.settings.hash(&mut h);
    for &i in feed.articles.iter().take(feed.settings.limit) {
        hashes[i].full.hash(&mut h);
        // The entry id and the author fallback read the article directly, the enclosure
        // the size of its image.
        let a = &site.articles[i];
        (&a.slug, a.date.timestamp(), a.id()).hash(&mut h);
        // A bundle photo's enclosure is its social-card JPEG, whose size is in the
        // article's hash: only other local images are looked up on disk.
        if let Some(image) = a.image.as_ref().filter(|_| a.lead_image().is_none()) {
            statics.size_of(image).hash(&mut h);
            crate::content::bundle::size_of(a, image).hash(&mut h);
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone};

    #[test]
    fn tag_ids_write_the_date_as_strftime_would() {
        let at = |y: i32| {
            FixedOffset::east_opt(7 * 3600)
                .unwrap()
                .with_ymd_and_hms(y, 1, 27, 14, 52, 0)
                .unwrap()
        };
        for (year, written) in [
            (2022, "2022"),
            (999, "0999"),
            (0, "0000"),
            (10000, "+10000"),
        ] {
            assert_eq!(
                super::tag_id("https://x.example:8080/m/", &at(year), "s"),
                format!("tag:x.example,{written}-01-27:s")
            );
            assert_eq!(at(year).format("%Y").to_string(), written);
        }
    }
}
