//! The objects templates receive, built as Tera values.

use tera::Value;
use tera::value::Key;

use super::spec::{NamedLink, PeriodInfo, TagInfo, TaxonomyInfo, YearInfo};
use crate::config::{Config, TaxonomyDef};
use crate::content::Article;
use crate::i18n::DateFormatter;
use crate::markdown::TocEntry;
use crate::urls::{Links, page_path};

/// A Tera map from `(key, value)` pairs, in their order.
pub fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from_serializable(&Fields {
        base: None,
        more: &entries,
    })
}

/// The map `base` with `more` set in it: a key `base` has keeps its place and takes the new
/// value, the others follow in their order (as `insert` into a copy of `base` would do).
/// `base` is a map [`map`] made (its keys are static strings); any other value is taken as
/// an empty map.
pub fn extended(base: &Value, more: &[(&'static str, Value)]) -> Value {
    let base = base.as_map();
    if base.is_some_and(|m| m.keys().any(|k| !matches!(k, Key::Str(_)))) {
        // Not one of ours: copied and added to the slow way.
        let mut m = base.cloned().unwrap_or_default();
        for (k, v) in more {
            m.insert((*k).into(), v.clone());
        }
        return Value::from(m);
    }
    Value::from_serializable(&Fields { base, more })
}

/// A map's entries for Tera's serializer, which makes a map in one pass, with the static
/// keys as they are and each value passed through without a copy of its contents (an
/// `Arc`'s count). `Value::from` of a map made first would hash every key a second time into
/// a map of its own: a tenth of a 10,000-article build's page rendering (callgrind).
struct Fields<'a> {
    base: Option<&'a tera::Map>,
    more: &'a [(&'static str, Value)],
}

impl serde::Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let base_len = self.base.map_or(0, |m| m.len());
        let mut fields = serializer.serialize_struct("map", base_len + self.more.len())?;
        // Which of `more` replaced a value of `base`; more than 64 go by look-up.
        let mut replaced = 0u64;
        for (key, value) in self.base.into_iter().flatten() {
            let Key::Str(key) = key else {
                continue; // see `extended`
            };
            let new = self.more.iter().position(|(k, _)| k == key);
            if let Some(i) = new.filter(|&i| i < 64) {
                replaced |= 1 << i;
            }
            fields.serialize_field(key, new.map_or(value, |i| &self.more[i].1))?;
        }
        for (i, (key, value)) in self.more.iter().enumerate() {
            let done = match i < 64 {
                true => replaced & (1 << i) != 0,
                false => self.base.is_some_and(|m| m.contains_key(&Key::Str(key))),
            };
            if !done {
                fields.serialize_field(key, value)?;
            }
        }
        fields.end()
    }
}

fn opt_str(s: Option<&str>) -> Value {
    s.map(Value::from).unwrap_or(Value::none())
}

/// `{name, slug, path}` of each of an article's terms in `taxonomy`.
fn term_refs(article: &Article, taxonomy: &TaxonomyDef) -> Value {
    let terms: Vec<Value> = crate::content::terms::of(article, taxonomy)
        .into_iter()
        .map(|(name, slug)| {
            let path = taxonomy.term_path(&slug);
            map([
                ("name", name.as_ref().into()),
                ("slug", slug.into()),
                ("path", path.into()),
            ])
        })
        .collect();
    Value::from(terms)
}

/// The fields of an article every list shows (everything but the body).
pub fn article_card(
    article: &Article,
    config: &Config,
    links: &Links,
    dates: &DateFormatter,
) -> Value {
    card_fields(article, &config.tags, links, dates, None)
}

/// [`article_card`] with `summary` (the summary as one page shows it) in place of the
/// article's own.
pub fn article_card_with_summary(
    article: &Article,
    config: &Config,
    links: &Links,
    dates: &DateFormatter,
    summary: String,
) -> Value {
    card_fields(article, &config.tags, links, dates, Some(summary))
}

/// With taxonomies declared besides tags, the article's terms in each, by taxonomy name:
/// for its own page only, as cards are kept for the whole render and lists do not link them.
pub fn article_terms(article: &Article, config: &Config) -> Option<Value> {
    if config.taxonomies.is_empty() {
        return None;
    }
    let terms: tera::Map = config
        .taxonomies
        .iter()
        .map(|x| (x.name.clone().into(), term_refs(article, x)))
        .collect();
    Some(Value::from(terms))
}

fn card_fields(
    article: &Article,
    tags: &TaxonomyDef,
    links: &Links,
    dates: &DateFormatter,
    summary: Option<String>,
) -> Value {
    // Site paths in a summary shown on other pages: absolute here; relative mode rewrites
    // them per page (see `PageRenderer::card`).
    let summary = if let Some(summary) = summary {
        summary
    } else if !links.is_relative() && super::links::has_root_links(&article.summary_html) {
        super::links::rewrite_root_links(&article.summary_html, |out, p| {
            links.push_absolute(out, p)
        })
    } else {
        article.summary_html.to_string()
    };
    use chrono::Datelike;
    let updated = article.updated();
    map([
        ("title", (&*article.title).into()),
        ("slug", (&*article.slug).into()),
        ("path", (&*article.path).into()),
        ("permalink", links.absolute(&article.path).into()),
        ("date", article.date.to_rfc3339().into()),
        ("date_display", dates.long_date(&article.date).into()),
        ("time_display", dates.time(&article.date).into()),
        (
            "updated",
            updated
                .map(|d| Value::from(d.to_rfc3339()))
                .unwrap_or(Value::none()),
        ),
        (
            "updated_display",
            updated
                .map(|d| Value::from(dates.long_date(&d)))
                .unwrap_or(Value::none()),
        ),
        (
            "authors",
            Value::from(article.authors.iter().map(|a| &**a).collect::<Vec<_>>()),
        ),
        ("author", article.authors.join(", ").into()),
        ("tags", term_refs(article, tags)),
        ("summary", Value::safe_string(&summary)),
        ("description", (&*article.description).into()),
        ("word_count", article.word_count.into()),
        ("reading_time", article.reading_time.into()),
        ("has_code", article.has_code.into()),
        ("source", opt_str(article.source.as_deref())),
        ("source_name", opt_str(article.source_name.as_deref())),
        ("image", opt_str(article.image.as_deref())),
        ("remote_image", opt_str(article.remote_image())),
        ("image_caption", opt_str(article.image_caption())),
        ("lead_image", lead_image(article)),
        ("extra", Value::from_serializable(article.extra())),
        ("draft", article.draft.into()),
        ("year", article.date.year().into()),
        ("month", article.date.month().into()),
        ("day", article.date.day().into()),
    ])
}

/// `{src, width, height, srcset, webp_srcset, variants, social}` of an article's lead image
/// when it is a bundle image (site paths), else none.
fn lead_image(article: &Article) -> Value {
    use crate::images::{Format, Output, markup};
    let Some(image) = article.lead_image() else {
        return Value::none();
    };
    let bundle_folder = crate::content::bundle::site_folder(&article.path);
    let folder = image.site_folder(&bundle_folder);
    let output = |o: &Output| {
        map([
            ("url", markup::url(folder, image, o).into()),
            ("width", o.width.into()),
            ("height", o.height.into()),
            ("type", o.format.mime().into()),
            ("length", o.len.into()),
        ])
    };
    let variants: Vec<Value> = image
        .srcset_outputs(Format::Webp)
        .into_iter()
        .chain(image.srcset_outputs(image.fallback))
        .map(output)
        .collect();
    map([
        (
            "src",
            markup::url(folder, image, image.fallback_src()).into(),
        ),
        ("width", image.width.into()),
        ("height", image.height.into()),
        (
            "srcset",
            markup::srcset(image, folder, image.fallback).into(),
        ),
        (
            "webp_srcset",
            if image.fallback == Format::Webp {
                String::new()
            } else {
                markup::srcset(image, folder, Format::Webp)
            }
            .into(),
        ),
        ("variants", Value::from(variants)),
        ("social", output(image.social())),
    ])
}

/// The card plus `terms` (see [`article_terms`]), `content` and `toc`, for the article's own
/// page.
pub fn article_full(
    card: &Value,
    terms: Option<Value>,
    content_html: &str,
    toc: &[TocEntry],
) -> Value {
    let content = Value::safe_string(content_html);
    let toc = Value::from_serializable(toc);
    match terms {
        Some(terms) => extended(
            card,
            &[("terms", terms), ("content", content), ("toc", toc)],
        ),
        None => extended(card, &[("content", content), ("toc", toc)]),
    }
}

/// `{name, slug, path, count, rss, atom}` (each feed null when it is not published), and
/// `home` (an outlet's home page, or null) for terms of other taxonomies than tags.
pub fn tag_value(tag: &TagInfo) -> Value {
    let path = &tag.path;
    let feed = |on: bool, file: &str| match on {
        true => Value::from(format!("{path}{file}")),
        false => Value::none(),
    };
    map([
        ("name", tag.name.as_str().into()),
        ("slug", tag.slug.as_str().into()),
        ("path", path.as_str().into()),
        ("count", tag.count.into()),
        ("rss", feed(tag.feeds.rss, "rss.xml")),
        ("atom", feed(tag.feeds.atom, "atom.xml")),
    ])
}

/// A term of a taxonomy other than tags: [`tag_value`] and `home`.
pub fn term_value(term: &TagInfo) -> Value {
    extended(&tag_value(term), &[("home", opt_str(term.home.as_deref()))])
}

/// `{name, title, path}` of a taxonomy.
pub fn taxonomy_value(taxonomy: &TaxonomyInfo) -> Value {
    map([
        ("name", taxonomy.name.as_str().into()),
        ("title", taxonomy.title.as_str().into()),
        ("path", taxonomy.path.as_str().into()),
    ])
}

/// `{year, path, count}`.
pub fn year_value(year: &YearInfo) -> Value {
    map([
        ("year", year.year.into()),
        ("path", format!("/{:04}/", year.year).into()),
        ("count", year.count.into()),
    ])
}

/// A month or day: `{kind, name, path, count, year, month, day}`.
pub fn period_value(p: &PeriodInfo) -> Value {
    map([
        ("kind", p.kind.name().into()),
        ("name", p.name.as_str().into()),
        ("path", p.path.as_str().into()),
        ("count", p.count.into()),
        ("year", p.year.into()),
        ("month", p.month.map(Value::from).unwrap_or(Value::none())),
        ("day", p.day.map(Value::from).unwrap_or(Value::none())),
    ])
}

/// `{name, path}`.
pub fn named_link(link: &NamedLink) -> Value {
    map([
        ("name", link.name.as_str().into()),
        ("path", link.path.as_str().into()),
    ])
}

/// Pages worth a link from page `current`: the first, the last, and up to
/// [`PAGE_WINDOW`] either side of the current one. A list of all pages would make every page of
/// a 2,000-page list carry 2,000 links (quadratic work for the site).
pub fn page_window(current: usize, total_pages: usize) -> Vec<usize> {
    let lo = current.saturating_sub(PAGE_WINDOW).max(1);
    let hi = (current + PAGE_WINDOW).min(total_pages);
    let mut pages = Vec::with_capacity(2 * PAGE_WINDOW + 3);
    if lo > 1 {
        pages.push(1);
    }
    pages.extend(lo..=hi);
    if hi < total_pages {
        pages.push(total_pages);
    }
    pages
}

/// How many page links either side of the current page a paginator carries.
pub const PAGE_WINDOW: usize = 2;

/// The paginator of page `current` (1-based) of a list at `path`.
pub fn paginator(
    path: &str,
    current: usize,
    total_pages: usize,
    total_items: usize,
    per_page: usize,
) -> Value {
    let link = |n: usize| Value::from(page_path(path, n));
    let pages: Vec<Value> = page_window(current, total_pages)
        .into_iter()
        .map(|n| map([("number", n.into()), ("path", link(n))]))
        .collect();
    map([
        ("current", current.into()),
        ("total_pages", total_pages.into()),
        ("total_items", total_items.into()),
        ("per_page", per_page.into()),
        ("first", link(1)),
        ("last", link(total_pages)),
        (
            "previous",
            if current > 1 {
                link(current - 1)
            } else {
                Value::none()
            },
        ),
        (
            "next",
            if current < total_pages {
                link(current + 1)
            } else {
                Value::none()
            },
        ),
        ("pages", Value::from(pages)),
    ])
}

#[cfg(test)]
mod tests {
    use super::{extended, map, page_window};
    use tera::Value;

    fn get<'a>(v: &'a Value, key: &'static str) -> Option<&'a Value> {
        v.as_map().unwrap().get(&tera::value::Key::Str(key))
    }

    fn keys(v: &Value) -> Vec<String> {
        v.as_map()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_map_keeps_its_entries_in_order_and_finds_each() {
        let inner = map([("x", 1.into())]);
        let m = map([
            ("title", "Banjir".into()),
            ("count", 3.into()),
            ("inner", inner.clone()),
            ("none", Value::none()),
        ]);
        assert_eq!(keys(&m), ["title", "count", "inner", "none"]);
        assert_eq!(get(&m, "title"), Some(&Value::from("Banjir")));
        assert_eq!(get(&m, "count"), Some(&Value::from(3)));
        assert_eq!(get(&m, "inner"), Some(&inner));
        assert!(get(&m, "none").unwrap().is_none());
    }

    #[test]
    fn extended_replaces_in_place_and_appends_the_rest_as_insert_would() {
        let base = map([("a", 1.into()), ("b", 2.into()), ("c", 3.into())]);
        let more: [(&'static str, Value); 3] = [("d", 4.into()), ("b", 20.into()), ("e", 5.into())];
        let mut expected = base.as_map().unwrap().clone();
        for (k, v) in &more {
            expected.insert((*k).into(), v.clone());
        }
        let got = extended(&base, &more);
        assert_eq!(got, Value::from(expected));
        assert_eq!(keys(&got), ["a", "b", "c", "d", "e"]);
        assert_eq!(get(&got, "b"), Some(&Value::from(20)));
        // The base is left as it was.
        assert_eq!(keys(&base), ["a", "b", "c"]);
        assert_eq!(get(&base, "b"), Some(&Value::from(2)));
    }

    #[test]
    fn extended_takes_a_map_with_other_keys_the_slow_way() {
        let mut m = tera::Map::new();
        m.insert(tera::value::Key::String("made".into()), 1.into());
        let got = extended(&Value::from(m), &[("made", 2.into()), ("new", 3.into())]);
        assert_eq!(keys(&got), ["made", "new"]);
        assert_eq!(get(&got, "made"), Some(&Value::from(2)));
        assert_eq!(keys(&extended(&Value::none(), &[("a", 1.into())])), ["a"]);
    }

    #[test]
    fn page_window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 1), vec![1]);
        assert_eq!(page_window(1, 3), vec![1, 2, 3]);
        assert_eq!(page_window(10, 2000), vec![1, 8, 9, 10, 11, 12, 2000]);
        assert_eq!(page_window(2000, 2000), vec![1, 1998, 1999, 2000]);
    }
}
