//! The Article: one validated, rendered piece of content.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;

pub use super::tags::TagName;
use crate::markdown::TocEntry;
use serde::{Deserialize, Serialize};

/// One article, checked and rendered, ready for the site. Serializable for the build cache
/// (`.cermin-cache/`), with a non-self-describing format, hence the `with` helpers.
///
/// A million of these stay in memory for a whole build, so what few news articles have
/// lives in [`ArticleExtras`], behind one pointer read through the accessor methods.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from, as users see it (for messages).
    pub file: PathBuf,
    /// Hash of what places it in the site's indexes (path, date, tags).
    pub structure_hash: u64,
    /// Hashes of what its card, page, search terms and search result are made of, made
    /// once when it is read (see `content::signatures`).
    pub signatures: super::signatures::Signatures,
    pub title: Box<str>,
    pub slug: Box<str>,
    /// The site path of its page, e.g. `/2022/01/27/slug/`.
    pub path: Box<str>,
    #[serde(with = "zoned")]
    pub date: DateTime<Tz>,
    /// Names shared with every other article of the same author (see `content::interned`).
    #[serde(with = "super::interned::serde_names")]
    pub authors: Box<[Arc<str>]>,
    /// Shared, as `authors`.
    #[serde(with = "super::interned::serde_tags")]
    pub tags: Box<[Arc<TagName>]>,
    /// HTML: the front matter summary, else the part before `<!-- more -->`, else paragraph one.
    pub summary_html: Box<str>,
    /// The summary as plain text, for meta descriptions and feeds.
    pub description: Box<str>,
    /// Kept by the build cache beside the article, not in it (see `cache::articles`).
    #[serde(skip)]
    pub content_html: super::BodyHtml,
    pub toc: Box<[TocEntry]>,
    pub word_count: u32,
    pub reading_time: u32,
    /// Whether the body has a code block, so its page needs `/syntax.css`.
    pub has_code: bool,
    pub source: Option<Box<str>>,
    /// Shared, as `authors`.
    #[serde(with = "super::interned::serde_name")]
    pub source_name: Option<Arc<str>>,
    /// The article's section (`category:`), one per article; shared, as `authors`.
    #[serde(with = "super::interned::serde_name")]
    pub category: Option<Arc<str>>,
    /// A site path or, with `remote_images = "hotlink"`, an address on another host.
    pub image: Option<Box<str>>,
    pub draft: bool,
    /// None when every field of it is empty, as in most news articles.
    pub(super) extras: Option<Box<ArticleExtras>>,
}

/// The fields of an [`Article`] that few news articles have (measured on the corpus of
/// `bench/corpus.py`, shaped like news sites' own: none of these): an article without any
/// of them pays one null pointer instead of about 200 bytes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ArticleExtras {
    #[serde(with = "zoned_option")]
    pub updated: Option<DateTime<Tz>>,
    /// The lead image's address on another host, shown as a link instead of loaded
    /// (`remote_images = "link"`); `image` is then empty.
    pub remote_image: Option<String>,
    pub image_caption: Option<String>,
    /// The feed entry id given in front matter (`id:`), kept when the date or slug change.
    pub id: Option<String>,
    #[serde(with = "json_text")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The files of its page bundle (`content/…/slug/index.md`), `/`-separated paths inside
    /// the bundle's folder, sorted; empty for a plain `slug.md` article.
    pub bundle: Vec<String>,
    /// The raster images of its bundle, with the variants made of them.
    pub images: Vec<crate::images::Image>,
    /// Which of `images` its lead `image:` names, if one does: found once when it is read
    /// (feeds' signatures and cards ask for it thousands of times a build).
    pub lead_image: Option<u32>,
}

impl ArticleExtras {
    fn is_empty(&self) -> bool {
        self.updated.is_none()
            && self.remote_image.is_none()
            && self.image_caption.is_none()
            && self.id.is_none()
            && self.extra.is_empty()
            && self.bundle.is_empty()
            && self.images.is_empty()
            && self.lead_image.is_none()
    }

    /// Boxed, or None when there is nothing in it.
    pub(super) fn boxed(self) -> Option<Box<ArticleExtras>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

/// An empty map for articles without `extra` (a `Map` cannot be made in a const).
static NO_EXTRA: std::sync::LazyLock<serde_json::Map<String, serde_json::Value>> =
    std::sync::LazyLock::new(serde_json::Map::new);

impl Article {
    /// The date of its last change given in front matter (`updated:`).
    pub fn updated(&self) -> Option<DateTime<Tz>> {
        self.extras.as_ref().and_then(|e| e.updated)
    }

    /// When it last changed: `updated`, else `date`.
    pub fn last_changed(&self) -> &DateTime<Tz> {
        self.extras
            .as_ref()
            .and_then(|e| e.updated.as_ref())
            .unwrap_or(&self.date)
    }

    /// [`Article::last_changed`] in RFC 3339, as sitemaps show it. Made when asked: a
    /// million articles would hold 56 MB of these.
    pub fn lastmod(&self) -> String {
        self.last_changed().to_rfc3339()
    }

    /// See [`ArticleExtras::remote_image`].
    pub fn remote_image(&self) -> Option<&str> {
        self.extras.as_ref()?.remote_image.as_deref()
    }

    pub fn image_caption(&self) -> Option<&str> {
        self.extras.as_ref()?.image_caption.as_deref()
    }

    /// See [`ArticleExtras::id`].
    pub fn id(&self) -> Option<&str> {
        self.extras.as_ref()?.id.as_deref()
    }

    /// The free-form `extra:` data of its front matter.
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        self.extras.as_ref().map_or(&NO_EXTRA, |e| &e.extra)
    }

    /// See [`ArticleExtras::bundle`].
    pub fn bundle(&self) -> &[String] {
        self.extras.as_ref().map_or(&[], |e| &e.bundle)
    }

    /// See [`ArticleExtras::images`].
    pub fn images(&self) -> &[crate::images::Image] {
        self.extras.as_ref().map_or(&[], |e| &e.images)
    }

    /// The bundle image its lead `image:` names, if it is one (see [`lead_image_of`]).
    pub fn lead_image(&self) -> Option<&crate::images::Image> {
        let extras = self.extras.as_ref()?;
        extras.images.get(usize::try_from(extras.lead_image?).ok()?)
    }
}

/// Which of `images` (of the article whose page is `page_path`) its lead image `image`
/// names, if one does.
pub fn lead_image_of(
    page_path: &str,
    image: Option<&str>,
    images: &[crate::images::Image],
) -> Option<u32> {
    if images.is_empty() {
        return None;
    }
    let path = image?;
    // Most often the plain site path of a photo of the bundle (`/2024/05/27/a/foto.jpg`),
    // found without making the bundle's site folder; `find` decodes and compares the rest.
    let plain = !path.contains(['%', '&', '?', '#']);
    let found = if plain
        && images.iter().all(|i| i.is_in_the_bundle())
        && let Some(name) = super::bundle::strip_site_folder(page_path, path)
        && let Some(image) = images.iter().find(|i| i.name == name)
    {
        Some(image)
    } else {
        let site_folder = super::bundle::site_folder(page_path);
        crate::images::markup::find(images, &site_folder, path)
    }?;
    let at = images.iter().position(|i| std::ptr::eq(found, i))?;
    u32::try_from(at).ok()
}

/// What places an article in the site's indexes: its path, date, and every field a taxonomy
/// may read its terms from.
pub struct Placing<'a> {
    pub path: &'a str,
    pub date: &'a DateTime<Tz>,
    pub tags: &'a [Arc<TagName>],
    pub authors: &'a [Arc<str>],
    pub source: Option<&'a str>,
    pub source_name: Option<&'a str>,
    pub category: Option<&'a str>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}

/// What places an article in the site's indexes: equal hashes for every article mean equal
/// tags, taxonomies, archives and related articles.
pub fn structure_hash(p: Placing) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    p.path.hash(&mut h);
    p.date.timestamp().hash(&mut h);
    p.tags.hash(&mut h);
    (p.authors, p.source, p.source_name, p.category).hash(&mut h);
    // A site's own taxonomies read `extra`.
    serde_json::to_string(p.extra)
        .expect("JSON serializes")
        .hash(&mut h);
    h.finish()
}

/// A zoned date as (seconds, nanoseconds, zone name).
mod zoned {
    use chrono::{DateTime, TimeZone};
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &DateTime<Tz>, s: S) -> Result<S::Ok, S::Error> {
        (
            date.timestamp(),
            date.timestamp_subsec_nanos(),
            date.timezone().name(),
        )
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Tz>, D::Error> {
        // The zone's name read where it lies (the cache decodes from bytes in memory).
        let (secs, nanos, zone) = <(i64, u32, &'de str)>::deserialize(d)?;
        let tz: Tz = zone.parse().map_err(D::Error::custom)?;
        tz.timestamp_opt(secs, nanos)
            .single()
            .ok_or_else(|| D::Error::custom("date out of range"))
    }
}

mod zoned_option {
    use chrono::DateTime;
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Zoned(#[serde(with = "super::zoned")] DateTime<Tz>);

    pub fn serialize<S: Serializer>(date: &Option<DateTime<Tz>>, s: S) -> Result<S::Ok, S::Error> {
        date.map(Zoned).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Tz>>, D::Error> {
        Ok(Option::<Zoned>::deserialize(d)?.map(|z| z.0))
    }
}

/// Free-form JSON as its text (the cache's format cannot describe arbitrary JSON itself).
mod json_text {
    use serde::{Deserializer, Serialize, Serializer, de::Error};
    use serde_json::{Map, Value};

    pub fn serialize<S: Serializer>(map: &Map<String, Value>, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_string(map)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
        d.deserialize_str(JsonText)
    }

    /// Reads the text where it lies; the empty map (every article with a photo but no
    /// `extra:`) without the JSON parser.
    struct JsonText;

    impl serde::de::Visitor<'_> for JsonText {
        type Value = Map<String, Value>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object as text")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Map<String, Value>, E> {
            match text {
                "{}" => Ok(Map::new()),
                text => serde_json::from_str(text).map_err(E::custom),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;

    fn parse(front_matter: &str) -> super::Article {
        let config = Config::parse(
            Path::new("."),
            Path::new("site.toml"),
            "title = \"T\"\ntimezone = \"Asia/Jakarta\"\n",
        )
        .unwrap();
        let text =
            format!("---\ntitle: A\ndate: 2024-05-06T07:08:09+07:00\n{front_matter}---\nBody.\n");
        crate::content::parse_article(&config, Path::new("content/a.md"), &text)
            .unwrap()
            .0
    }

    #[test]
    fn a_plain_news_article_has_no_extras_allocated() {
        let a = parse("tags: [Ekonomi]\nauthor: Ani\nsource: https://e.example/a\n");
        assert!(a.extras.is_none());
        assert_eq!(a.updated(), None);
        assert_eq!(a.id(), None);
        assert_eq!(a.image_caption(), None);
        assert_eq!(a.remote_image(), None);
        assert!(a.extra().is_empty());
        assert!(a.bundle().is_empty());
        assert!(a.images().is_empty());
    }

    #[test]
    fn rare_fields_are_read_through_the_extras() {
        let a = parse(
            "updated: 2024-05-07T00:00:00+07:00\nid: tag:e.example,2024:a\nimage: /a.jpg\nimage_caption: Foto\nextra:\n  desk: Metro\n",
        );
        assert!(a.extras.is_some());
        assert_eq!(
            a.updated().map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-05-07T00:00:00+07:00")
        );
        assert_eq!(a.id(), Some("tag:e.example,2024:a"));
        assert_eq!(a.image.as_deref(), Some("/a.jpg"));
        assert_eq!(a.image_caption(), Some("Foto"));
        assert_eq!(a.extra()["desk"], "Metro");
    }

    /// A million records stay in memory for a whole build: a field added here costs a
    /// million times its size (bench/RESULTS.md, "A million articles, round 4"). The 32
    /// bytes of `signatures` (32 MB at a million) stand for hashing every article's fields
    /// in every build (bench/RESULTS.md, "Cached one-edit rebuild at scale, round 4").
    #[test]
    fn the_record_stays_compact() {
        let size = std::mem::size_of::<super::Article>();
        assert!(size <= 368, "Article grew to {size} bytes");
    }
}
