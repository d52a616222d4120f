//! The Article: one validated, rendered piece of content.

use std::path::PathBuf;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::markdown::TocEntry;
use serde::{Deserialize, Serialize};

/// A tag as shown (`Amerika Latin`) and as put in URLs (`amerika-latin`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TagName {
    pub name: String,
    pub slug: String,
}

/// One article, checked and rendered, ready for the site. Serializable for the build cache
/// (`.cermin-cache/`), with a non-self-describing format, hence the `with` helpers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from, as users see it (for messages).
    pub file: PathBuf,
    /// Hash of what places it in the site's indexes (path, date, tags).
    pub structure_hash: u64,
    pub title: String,
    pub slug: String,
    /// The site path of its page, e.g. `/2022/01/27/slug/`.
    pub path: String,
    #[serde(with = "zoned")]
    pub date: DateTime<Tz>,
    #[serde(with = "zoned_option")]
    pub updated: Option<DateTime<Tz>>,
    /// When it last changed (`updated`, else `date`), RFC 3339: for sitemaps.
    pub lastmod: String,
    pub authors: Vec<String>,
    pub tags: Vec<TagName>,
    /// HTML: the front matter summary, else the part before `<!-- more -->`, else paragraph one.
    pub summary_html: String,
    /// The summary as plain text, for meta descriptions and feeds.
    pub description: String,
    /// Kept by the build cache beside the article, not in it (see `cache::articles`).
    #[serde(skip)]
    pub content_html: super::BodyHtml,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_time: usize,
    /// Whether the body has a code block, so its page needs `/syntax.css`.
    pub has_code: bool,
    pub source: Option<String>,
    pub source_name: Option<String>,
    /// The article's section (`category:`), one per article.
    pub category: Option<String>,
    /// A site path or, with `remote_images = "hotlink"`, an address on another host.
    pub image: Option<String>,
    /// The lead image's address on another host, shown as a link instead of loaded
    /// (`remote_images = "link"`); `image` is then empty.
    pub remote_image: Option<String>,
    pub image_caption: Option<String>,
    /// The feed entry id given in front matter (`id:`), kept when the date or slug change.
    pub id: Option<String>,
    #[serde(with = "json_text")]
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub draft: bool,
    /// The files of its page bundle (`content/…/slug/index.md`), `/`-separated paths inside
    /// the bundle's folder, sorted; empty for a plain `slug.md` article.
    pub bundle: Vec<String>,
    /// The raster images of its bundle, with the variants made of them.
    pub images: Vec<crate::images::Image>,
}

impl Article {
    /// The bundle image its lead `image:` names, if it is one.
    pub fn lead_image(&self) -> Option<&crate::images::Image> {
        if self.images.is_empty() {
            return None;
        }
        let site_folder = super::bundle::site_folder(&self.path);
        crate::images::markup::find(&self.images, &site_folder, self.image.as_deref()?)
    }
}

/// What places an article in the site's indexes: its path, date, and every field a taxonomy
/// may read its terms from.
pub struct Placing<'a> {
    pub path: &'a str,
    pub date: &'a DateTime<Tz>,
    pub tags: &'a [TagName],
    pub authors: &'a [String],
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
        let (secs, nanos, zone) = <(i64, u32, String)>::deserialize(d)?;
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
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};
    use serde_json::{Map, Value};

    pub fn serialize<S: Serializer>(map: &Map<String, Value>, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_string(map)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
        serde_json::from_str(&String::deserialize(d)?).map_err(D::Error::custom)
    }
}
