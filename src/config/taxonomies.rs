//! `[[taxonomies]]` in site.toml: the ways articles are grouped (tags, sources, authors,
//! sections, a site's own), each with its front-matter key, URL segment, title, pagination
//! and feeds.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::i18n::Strings;
use crate::text::{line_col, slugify};

/// One `[[taxonomies]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTaxonomy {
    name: Spanned<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    segment: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    paginate_by: Option<usize>,
    #[serde(default = "yes")]
    feeds: bool,
    #[serde(default)]
    slugs: BTreeMap<String, String>,
    #[serde(default)]
    menu: Vec<String>,
}

fn yes() -> bool {
    true
}

/// Where an article's terms of a taxonomy come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TermKey {
    /// `tags:`.
    Tags,
    /// `author:` / `authors:`, each name apart.
    Authors,
    /// `source_name:`, else the host of `source:`.
    Source,
    /// `category:`, one section.
    Category,
    /// A key under `extra:` (a string or a list of strings), for a site's own taxonomy.
    Extra(String),
}

impl TermKey {
    /// The key of a taxonomy declared without one: the four a news site has by their
    /// usual names, else `extra.<name>`.
    fn default_for(name: &str) -> TermKey {
        match name {
            "sources" => TermKey::Source,
            "categories" => TermKey::Category,
            other => TermKey::from_key(other),
        }
    }

    fn from_key(key: &str) -> TermKey {
        match key {
            "tags" => TermKey::Tags,
            "author" | "authors" => TermKey::Authors,
            "source" | "source_name" => TermKey::Source,
            "category" => TermKey::Category,
            other => TermKey::Extra(other.to_string()),
        }
    }
}

/// A taxonomy, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaxonomyDef {
    /// What templates call it (`authors`): `site.taxonomies`, `card.terms.<name>`.
    pub name: String,
    pub key: TermKey,
    /// The URL segment of its pages: `/<segment>/` and `/<segment>/<term>/`.
    pub segment: String,
    /// Its name as readers see it ("Penulis").
    pub title: String,
    pub paginate_by: usize,
    /// The feeds each term has: `[feeds.terms] formats`, or none with `feeds = false`.
    pub feeds: super::FeedFormats,
    /// Slugs set by hand, by [`crate::content::tags::spelling_key`].
    pub slugs: BTreeMap<String, String>,
    /// Terms the navigation bar links to (`site.menu`), in order.
    pub menu: Vec<String>,
}

impl TaxonomyDef {
    /// The site path of its index page, `/<segment>/`.
    pub fn path(&self) -> String {
        format!("/{}/", self.segment)
    }

    /// The site path of a term's first page, `/<segment>/<slug>/`.
    pub fn term_path(&self, slug: &str) -> String {
        format!("/{}/{slug}/", self.segment)
    }

    /// The tags as every site has them when it declares nothing else.
    pub fn default_tags(
        paginate_by: usize,
        strings: &Strings,
        slugs: BTreeMap<String, String>,
        feeds: super::FeedFormats,
    ) -> TaxonomyDef {
        TaxonomyDef {
            name: "tags".into(),
            key: TermKey::Tags,
            segment: "tags".into(),
            title: strings.get("tags").to_string(),
            paginate_by,
            feeds,
            slugs,
            menu: Vec::new(),
        }
    }
}

/// Site paths the site's own pages take: a taxonomy's segment may not be one of them.
/// (Years are too; `404.html` and the feeds cannot be segments, which have no dots.)
const RESERVED_SEGMENTS: &[&str] = &["archive", "page"];

/// The declared taxonomies, checked: the tags (declared or not) and the others in the
/// order written, their terms' feeds in `feeds` unless one says `feeds = false`. Errors
/// name site.toml's line and say what to do.
pub(super) fn check(
    raw: Vec<RawTaxonomy>,
    text: &str,
    paginate_by: usize,
    strings: &Strings,
    tag_slugs: BTreeMap<String, String>,
    feeds: super::FeedFormats,
) -> Result<(TaxonomyDef, Vec<TaxonomyDef>), String> {
    let mut tags = TaxonomyDef::default_tags(paginate_by, strings, tag_slugs, feeds);
    let mut others: Vec<TaxonomyDef> = Vec::new();
    // segment → (taxonomy name, line)
    let mut taken: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for entry in raw {
        let line = line_col(text, entry.name.span().start).0;
        let name = entry.name.into_inner();
        if name.is_empty() || slugify(&name).replace('-', "_") != name {
            return Err(format!(
                "{}: [[taxonomies]] name {name:?}: a name is lowercase letters, digits and `_`, such as \"authors\"",
                line
            ));
        }
        if let Some(first) = names.insert(name.clone(), line) {
            return Err(format!(
                "{}: [[taxonomies]] {name:?} is declared twice (first on line {first}): keep one of them",
                line
            ));
        }
        let key = match entry.key.as_deref() {
            Some(key) => TermKey::from_key(key),
            None => TermKey::default_for(&name),
        };
        if (name == "tags") != (key == TermKey::Tags) {
            return Err(format!(
                "{}: [[taxonomies]] {name:?}: only the taxonomy named \"tags\" reads `tags:`, and it reads nothing else: give it `key = \"tags\"`, or another taxonomy another key",
                line
            ));
        }
        let (segment, segment_line) = match entry.segment {
            Some(s) => (s.get_ref().clone(), line_col(text, s.span().start).0),
            None => (name.clone(), line),
        };
        if segment.is_empty() || slugify(&segment) != segment {
            let example = match slugify(&segment) {
                s if s.is_empty() => "penulis".to_string(),
                s => s,
            };
            return Err(format!(
                "{}: [[taxonomies]] {name:?} segment {segment:?}: a segment is lowercase letters, digits and dashes, such as {example:?}",
                segment_line
            ));
        }
        if RESERVED_SEGMENTS.contains(&segment.as_str())
            || (segment.len() == 4 && segment.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "{}: [[taxonomies]] {name:?} segment {segment:?} is taken by the site's own pages (the archive, page numbers, years): choose another, such as \"{segment}-{name}\"",
                segment_line
            ));
        }
        if let Some((other, other_line)) = taken.get(&segment) {
            return Err(format!(
                "{}: [[taxonomies]] {name:?} and {other:?} (line {other_line}) both use the segment {segment:?}: give one of them another `segment`",
                segment_line
            ));
        }
        taken.insert(segment.clone(), (name.clone(), segment_line));
        if entry.paginate_by == Some(0) {
            return Err(format!(
                "{}: [[taxonomies]] {name:?} paginate_by must be 1 or more",
                line
            ));
        }
        let mut slugs = crate::content::tags::hand_slugs(&entry.slugs)
            .map_err(|e| format!("{}: [[taxonomies]] {name:?} slugs {e}", line))?;
        let title =
            entry
                .title
                .map(crate::text::clean)
                .unwrap_or_else(|| match strings.has(&name) {
                    true => strings.get(&name).to_string(),
                    false => name.clone(),
                });
        let paginate_by = entry.paginate_by.unwrap_or(paginate_by);
        let feeds = match entry.feeds {
            true => feeds,
            false => super::FeedFormats::NONE,
        };
        if key == TermKey::Tags {
            // `[tag_slugs]` still counts; the entry's own `slugs` win.
            let mut merged = std::mem::take(&mut tags.slugs);
            merged.append(&mut slugs);
            tags = TaxonomyDef {
                name,
                key,
                segment,
                title,
                paginate_by,
                feeds,
                slugs: merged,
                menu: entry.menu,
            };
        } else {
            others.push(TaxonomyDef {
                name,
                key,
                segment,
                title,
                paginate_by,
                feeds,
                slugs,
                menu: entry.menu,
            });
        }
    }
    if !names.contains_key("tags")
        && let Some((name, line)) = taken.get("tags")
    {
        return Err(format!(
            "{line}: [[taxonomies]] {name:?} uses the segment \"tags\" of the site's tags: give it another `segment`"
        ));
    }
    Ok((tags, others))
}
