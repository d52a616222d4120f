//! `site.toml`: the site's settings, with defaults for every key.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono_tz::Tz;
use serde::Deserialize;

pub use crate::content::remote_images::RemoteImages;
use crate::i18n::Strings;

pub mod feeds;
pub mod taxonomies;
pub use feeds::{FeedContent, FeedFormats, FeedSettings, Feeds};
pub use taxonomies::{TaxonomyDef, TermKey};

/// How an article credits the page it mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceCredit {
    /// A visible credit line linking to the original.
    Link,
    /// The credit line, and the original as `<link rel="canonical">`.
    Canonical,
}

/// The settings as written in `site.toml` (every key optional except `title`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_base_url")]
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    copyright: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    #[serde(default = "default_permalink")]
    permalink: String,
    #[serde(default)]
    relative_links: bool,
    #[serde(default = "default_source_credit")]
    source_credit: SourceCredit,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default = "default_feed_content")]
    feed_content: FeedContent,
    #[serde(default = "default_related_count")]
    related_count: usize,
    #[serde(default)]
    default_image: Option<String>,
    #[serde(default)]
    remote_images: RemoteImages,
    #[serde(default)]
    strings: BTreeMap<String, String>,
    #[serde(default)]
    tag_slugs: BTreeMap<String, String>,
    #[serde(default)]
    taxonomies: Vec<taxonomies::RawTaxonomy>,
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    build: BuildSettings,
    #[serde(default)]
    images: crate::images::Settings,
    #[serde(default)]
    search: SearchSettings,
    #[serde(default)]
    feeds: feeds::RawFeeds,
    #[serde(default)]
    archives: ArchiveSettings,
    /// Read by `cermin import`; the build ignores it.
    #[serde(default)]
    #[allow(dead_code)]
    import: Option<toml::Table>,
}

/// `[build]`: how a build uses the machine. These never change the output.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildSettings {
    /// Megabytes of article bodies kept in memory; the rest wait in a scratch file.
    #[serde(default = "default_body_memory_mb")]
    pub body_memory_mb: usize,
}

/// `[search]`: the site's search index and page (see `crate::search`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Whether the build writes the search index and the search page. Off when the section is
    /// absent, so older sites build as before; `cermin init` writes it on.
    #[serde(default)]
    pub enabled: bool,
}

/// `[archives]`: which pages of the date archive are published (the archive index, years and
/// months always are).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveSettings {
    /// A page per day (`/2024/03/22/`). Off, the month pages list those articles alone.
    #[serde(default = "yes")]
    pub days: bool,
}

impl Default for ArchiveSettings {
    fn default() -> ArchiveSettings {
        ArchiveSettings { days: true }
    }
}

fn yes() -> bool {
    true
}

impl Default for BuildSettings {
    fn default() -> BuildSettings {
        BuildSettings {
            body_memory_mb: default_body_memory_mb(),
        }
    }
}

/// About 20,000 articles' bodies: a 10,000-article build stays well under 300 MB.
fn default_body_memory_mb() -> usize {
    128
}

/// The environment variable that overrides `[build] body_memory_mb` (like Hugo's
/// `HUGO_MEMORYLIMIT`), for a machine short of memory or of temporary space.
pub const BODY_MEMORY_ENV: &str = "CERMIN_BODY_MEMORY_MB";

fn default_base_url() -> String {
    "http://127.0.0.1:1111".into()
}
fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate_by() -> usize {
    10
}
fn default_permalink() -> String {
    "/:year/:month/:day/:slug/".into()
}
fn default_source_credit() -> SourceCredit {
    SourceCredit::Link
}
fn default_feed_limit() -> usize {
    20
}
fn default_feed_content() -> FeedContent {
    FeedContent::Full
}
fn default_related_count() -> usize {
    3
}

/// The site's settings, checked and ready to use.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's folder (holds `site.toml`, `content/`, `themes/`).
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Without a trailing slash, e.g. `https://example.org` or `https://example.org/mirror`.
    pub base_url: String,
    pub language: String,
    pub timezone: Tz,
    pub theme: String,
    pub author: String,
    pub copyright: String,
    pub paginate_by: usize,
    pub permalink: String,
    pub relative_links: bool,
    pub source_credit: SourceCredit,
    /// What the site's feed and the term feeds carry, how many entries, in which formats
    /// (`[feeds.site]`, `[feeds.terms]`, else `feed_content` and `feed_limit`).
    pub feeds: Feeds,
    /// `[archives]`: whether there are day pages.
    pub archives: ArchiveSettings,
    pub related_count: usize,
    /// The image of social cards (`og:image`) for pages and articles without their own: a
    /// site path (`/images/kartu.png`) or an http(s) URL.
    pub default_image: Option<String>,
    /// What pages show of an image on another host (see [`RemoteImages`]).
    pub remote_images: RemoteImages,
    pub strings: Strings,
    /// Slugs set by hand for tags (`[tag_slugs]`), by [`crate::content::tags::spelling_key`].
    pub tag_slugs: BTreeMap<String, String>,
    /// The tags: as declared in `[[taxonomies]]`, else at /tags/ with the site's pagination.
    pub tags: TaxonomyDef,
    /// The other taxonomies declared (sources, authors, sections, a site's own), in order.
    pub taxonomies: Vec<TaxonomyDef>,
    pub extra: toml::Table,
    pub build: BuildSettings,
    /// `[images]`: the variants of local photos.
    pub images: crate::images::Settings,
    pub search: SearchSettings,
}

impl Config {
    /// Reads `<root>/site.toml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = crate::text::in_root(root, "site.toml");
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "cannot read {}: run `cermin init` to make a new site, or pass --root with the site's folder",
                path.display()
            )
        })?;
        let mut config = Config::parse(root, &path, &text)?;
        config.update_from_env()?;
        Ok(config)
    }

    /// Applies the settings the environment overrides (read here once, not deep in a build).
    fn update_from_env(&mut self) -> Result<()> {
        if let Some(value) = std::env::var_os(BODY_MEMORY_ENV) {
            let text = value.to_string_lossy();
            self.build.body_memory_mb = text.trim().parse::<usize>().map_err(|_| {
                anyhow::anyhow!(
                    "{BODY_MEMORY_ENV}={text:?} is not a number of megabytes: set it to a whole number such as 256, or unset it"
                )
            })?;
        }
        Ok(())
    }

    /// Reads `<root>/site.toml` with `--base-url`, when given, in place of its `base_url`.
    pub fn load_with_base_url(root: &Path, base_url: Option<&str>) -> Result<Config> {
        let mut config = Config::load(root)?;
        if let Some(url) = base_url {
            config.set_base_url(url)?;
        }
        Ok(config)
    }

    /// Parses the text of a `site.toml`; `path` is only used in messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        let mut raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::text::line_col(text, s.start))
                .unwrap_or((1, 1));
            anyhow::anyhow!(
                "{}:{line}:{col}: invalid site.toml: {}",
                path.display(),
                e.message()
            )
        })?;
        let timezone: Tz = raw.timezone.parse().map_err(|_| {
            anyhow::anyhow!(
                "{}: unknown timezone `{}`: use an IANA name such as \"Asia/Jakarta\" or \"UTC\"",
                path.display(),
                raw.timezone
            )
        })?;
        if raw.paginate_by == 0 {
            bail!("{}: paginate_by must be 1 or more", path.display());
        }
        crate::urls::check_permalink_pattern(&raw.permalink)
            .map_err(|e| anyhow::anyhow!("{}: permalink: {e}", path.display()))?;
        let base_url = raw.base_url.trim_end_matches('/').to_string();
        check_base_url(&raw.base_url)
            .map_err(|e| anyhow::anyhow!("{}: base_url {e}", path.display()))?;
        // The texts pages show, cleaned like content (see `text::without_forbidden_chars`).
        for text in [
            &mut raw.title,
            &mut raw.description,
            &mut raw.author,
            &mut raw.copyright,
        ] {
            *text = crate::text::clean(std::mem::take(text));
        }
        for text in raw.strings.values_mut() {
            *text = crate::text::clean(std::mem::take(text));
        }
        let extra = clean_table(raw.extra);
        let strings = Strings::for_language(&raw.language, &raw.strings)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if let Some(image) = &raw.default_image
            && !(image.starts_with('/') && !image.starts_with("//")
                || image.starts_with("https://")
                || image.starts_with("http://"))
        {
            bail!(
                "{}: default_image must be a site path such as \"/images/kartu.png\" or an http(s) URL (got \"{image}\")",
                path.display()
            );
        }
        let tag_slugs = crate::content::tags::hand_slugs(&raw.tag_slugs)
            .map_err(|e| anyhow::anyhow!("{}: [tag_slugs] {e}", path.display()))?;
        let feeds = feeds::check(raw.feeds, text, raw.feed_content, raw.feed_limit)
            .map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))?;
        let (tags, taxonomies) = taxonomies::check(
            raw.taxonomies,
            text,
            raw.paginate_by,
            &strings,
            tag_slugs.clone(),
            feeds.terms.formats,
        )
        .map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))?;
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            base_url,
            language: raw.language,
            timezone,
            theme: raw.theme,
            author: raw.author,
            copyright: raw.copyright,
            paginate_by: raw.paginate_by,
            permalink: raw.permalink,
            relative_links: raw.relative_links,
            source_credit: raw.source_credit,
            feeds,
            archives: raw.archives,
            related_count: raw.related_count,
            default_image: raw.default_image,
            remote_images: raw.remote_images,
            strings,
            tag_slugs,
            tags,
            taxonomies,
            extra,
            build: raw.build,
            images: raw
                .images
                .checked()
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            search: raw.search,
        })
    }

    /// A hash of every setting that can change what a build writes, for the build cache:
    /// not where the site is (a moved folder renders the same) nor `[build]` (how to build).
    /// The destructuring is exhaustive, so a new setting cannot be left out by mistake.
    pub fn output_settings_hash(&self) -> u64 {
        let Config {
            root: _,
            build: _,
            title,
            description,
            base_url,
            language,
            timezone,
            theme,
            author,
            copyright,
            paginate_by,
            permalink,
            relative_links,
            source_credit,
            feeds,
            archives,
            related_count,
            default_image,
            remote_images,
            strings,
            tag_slugs,
            tags,
            taxonomies,
            extra,
            images,
            search,
        } = self;
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        (title, description, base_url, language, timezone.name()).hash(&mut h);
        (theme, author, copyright, paginate_by, permalink).hash(&mut h);
        (relative_links, source_credit, feeds, archives).hash(&mut h);
        (
            related_count,
            default_image,
            remote_images,
            strings,
            tag_slugs,
            extra.to_string(),
            images,
            search,
        )
            .hash(&mut h);
        (tags, taxonomies).hash(&mut h);
        h.finish()
    }

    /// Replaces `base_url` (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<()> {
        check_base_url(url).map_err(|e| anyhow::anyhow!("--base-url {e}"))?;
        let url = url.trim_end_matches('/');
        self.base_url = url.to_string();
        Ok(())
    }

    /// `content/` as users see it (relative to the current folder when the root is `.`).
    pub fn content_dir(&self) -> PathBuf {
        crate::text::in_root(&self.root, "content")
    }
}

/// Free-form settings (`[extra]`, for themes) with every string cleaned like content.
fn clean_table(table: toml::Table) -> toml::Table {
    fn clean_value(value: toml::Value) -> toml::Value {
        match value {
            toml::Value::String(s) => toml::Value::String(crate::text::clean(s)),
            toml::Value::Array(items) => {
                toml::Value::Array(items.into_iter().map(clean_value).collect())
            }
            toml::Value::Table(table) => toml::Value::Table(clean_table(table)),
            other => other,
        }
    }
    table
        .into_iter()
        .map(|(k, v)| (crate::text::clean(k), clean_value(v)))
        .collect()
}

/// Checks a base URL; the error completes "base_url …" or "--base-url …".
fn check_base_url(url: &str) -> std::result::Result<(), String> {
    let example = "such as https://example.org or https://example.org/mirror";
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!(
            "must start with http:// or https://, {example} (got `{url}`)"
        ));
    }
    match url::Url::parse(url) {
        Err(e) => Err(format!(
            "is not a valid URL ({e}): give the site's address, {example} (got `{url}`)"
        )),
        Ok(u) if u.query().is_some() || u.fragment().is_some() => Err(format!(
            "must not have a query (`?…`) or fragment (`#…`), {example} (got `{url}`)"
        )),
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/s"), Path::new("/s/site.toml"), text)
    }

    #[test]
    fn texts_pages_show_are_cleaned_like_content() {
        let c = parse(
            "title = \"Ju\\u0001dul\\uFDD0\"\nauthor = \"A\\u007Fni\"\n[strings]\nhome = \"Be\\u0085randa\"\n[extra]\nmoto = [\"Ka\\uFFFEta\"]\n[extra.kotak]\n\"ku\\u0002nci\" = \"ni\\u001Flai\"\n",
        )
        .unwrap();
        assert_eq!(c.title, "Judul");
        assert_eq!(c.author, "Ani");
        assert_eq!(c.strings.get("home"), "Beranda");
        assert_eq!(c.extra["moto"][0].as_str(), Some("Kata"));
        assert_eq!(c.extra["kotak"]["kunci"].as_str(), Some("nilai"));
    }

    #[test]
    fn defaults_fill_every_key() {
        let c = parse("title = \"T\"").unwrap();
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.permalink, "/:year/:month/:day/:slug/");
        assert_eq!(c.timezone, chrono_tz::UTC);
        assert_eq!(c.source_credit, SourceCredit::Link);
        assert_eq!(c.remote_images, RemoteImages::Link);
    }

    #[test]
    fn build_settings_default_and_parse() {
        assert_eq!(parse("title = \"T\"").unwrap().build.body_memory_mb, 128);
        let c = parse("title = \"T\"\n[build]\nbody_memory_mb = 16\n").unwrap();
        assert_eq!(c.build.body_memory_mb, 16);
        let err = parse("title = \"T\"\n[build]\nbody_memory = 16\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/s/site.toml:3:1: invalid site.toml: unknown field `body_memory`"),
            "{err}"
        );
    }

    #[test]
    fn the_output_settings_hash_follows_every_setting_that_changes_output() {
        let base = "title = \"T\"\n";
        let hash = |text: &str| parse(text).unwrap().output_settings_hash();
        let plain = hash(base);
        assert_eq!(plain, hash(base), "the same settings hash the same");
        for changed in [
            "description = \"D\"\n",
            "language = \"id\"\n",
            "timezone = \"Asia/Jakarta\"\n",
            "paginate_by = 3\n",
            "relative_links = true\n",
            "feed_content = \"summary\"\n",
            "related_count = 0\n",
            "default_image = \"/kartu.png\"\n",
            "remote_images = \"hotlink\"\n",
            "[strings]\nhome = \"Muka\"\n",
            "[extra]\nlogo = \"x.png\"\n",
            "[[taxonomies]]\nname = \"authors\"\n",
            "[[taxonomies]]\nname = \"tags\"\nsegment = \"topik\"\n",
            "[search]\nenabled = true\n",
            "[feeds.terms]\ncontent = \"summary\"\n",
            "[feeds.site]\nformats = [\"rss\"]\n",
            "[archives]\ndays = false\n",
        ] {
            assert_ne!(plain, hash(&format!("{base}{changed}")), "{changed}");
        }
        // How a build runs and where the site lives do not change what it writes.
        assert_eq!(plain, hash(&format!("{base}[build]\nbody_memory_mb = 1\n")));
        let moved = Config::parse(
            Path::new("/elsewhere"),
            Path::new("/elsewhere/site.toml"),
            base,
        );
        assert_eq!(plain, moved.unwrap().output_settings_hash());
    }

    #[test]
    fn taxonomies_default_to_tags_alone_and_take_their_keys_from_their_names() {
        let c = parse("title = \"T\"\npaginate_by = 4\n").unwrap();
        assert_eq!((c.tags.path(), c.tags.paginate_by), ("/tags/".into(), 4));
        assert!(c.taxonomies.is_empty());
        let c = parse(
            "title = \"T\"\n[[taxonomies]]\nname = \"sources\"\n[[taxonomies]]\nname = \"authors\"\n[[taxonomies]]\nname = \"categories\"\nsegment = \"rubrik\"\n[[taxonomies]]\nname = \"regions\"\n",
        )
        .unwrap();
        let keys: Vec<&TermKey> = c.taxonomies.iter().map(|x| &x.key).collect();
        assert_eq!(
            keys,
            [
                &TermKey::Source,
                &TermKey::Authors,
                &TermKey::Category,
                &TermKey::Extra("regions".into())
            ]
        );
        assert_eq!(c.taxonomies[2].term_path("politik"), "/rubrik/politik/");
        assert_eq!(c.taxonomies[0].title, "Sources");
        assert_eq!(c.taxonomies[3].title, "regions");
        let err = parse("title = \"T\"\n[[taxonomies]]\nname = \"Penulis Kami\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/s/site.toml:3: [[taxonomies]] name \"Penulis Kami\": a name is lowercase letters, digits and `_`, such as \"authors\""
        );
        let err = parse("title = \"T\"\n[[taxonomies]]\nname = \"sources\"\nsegment = \"2024\"\n")
            .unwrap_err();
        assert!(err.to_string().starts_with("/s/site.toml:4: [[taxonomies]] \"sources\" segment \"2024\" is taken by the site's own pages"), "{err}");
    }

    #[test]
    fn search_is_off_unless_switched_on() {
        assert!(!parse("title = \"T\"").unwrap().search.enabled);
        let c = parse("title = \"T\"\n[search]\nenabled = true\n").unwrap();
        assert!(c.search.enabled);
        let err = parse("title = \"T\"\n[search]\nenable = true\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/s/site.toml:3:1: invalid site.toml: unknown field `enable`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_key_names_line() {
        let err = parse("title = \"T\"\npagniate_by = 3\n").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("/s/site.toml:2:1: invalid site.toml: unknown field `pagniate_by`"),
            "{msg}"
        );
    }

    #[test]
    fn bad_timezone_is_explained() {
        let err = parse("title = \"T\"\ntimezone = \"Jakarta\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/s/site.toml: unknown timezone `Jakarta`: use an IANA name such as \"Asia/Jakarta\" or \"UTC\""
        );
    }

    #[test]
    fn base_url_loses_trailing_slash() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.org/m/\"").unwrap();
        assert_eq!(c.base_url, "https://x.org/m");
    }
}
