//! The objects templates receive, built as Tera values.

use tera::Value;

use super::spec::{NamedLink, PeriodInfo, TagInfo, TaxonomyInfo, YearInfo};
use crate::config::{Config, TaxonomyDef};
use crate::content::Article;
use crate::i18n::DateFormatter;
use crate::markdown::TocEntry;
use crate::urls::{Links, page_path};

/// A Tera map from `(key, value)` pairs.
pub fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from(map_of(entries))
}

fn map_of<const N: usize>(entries: [(&'static str, Value); N]) -> tera::Map {
    entries.into_iter().map(|(k, v)| (k.into(), v)).collect()
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
    Value::from(card_fields(article, &config.tags, links, dates, None))
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
    Value::from(card_fields(
        article,
        &config.tags,
        links,
        dates,
        Some(summary),
    ))
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
) -> tera::Map {
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
    map_of([
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
    let mut m: tera::Map = card.as_map().cloned().unwrap_or_default();
    if let Some(terms) = terms {
        m.insert("terms".into(), terms);
    }
    m.insert("content".into(), Value::safe_string(content_html));
    m.insert("toc".into(), Value::from_serializable(toc));
    Value::from(m)
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
    let mut m = tag_value(term).as_map().cloned().unwrap_or_default();
    m.insert("home".into(), opt_str(term.home.as_deref()));
    Value::from(m)
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
    use super::page_window;

    #[test]
    fn page_window_keeps_ends_and_neighbours() {
        assert_eq!(page_window(1, 1), vec![1]);
        assert_eq!(page_window(1, 3), vec![1, 2, 3]);
        assert_eq!(page_window(10, 2000), vec![1, 8, 9, 10, 11, 12, 2000]);
        assert_eq!(page_window(2000, 2000), vec![1, 1998, 1999, 2000]);
    }
}
