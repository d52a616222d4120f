//! The article's metadata, read before any cleaning: JSON-LD first, then Open Graph and
//! `article:*` meta tags, `<link rel=canonical>`, `<time datetime>`, and the visible byline
//! and dateline.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;

use super::dom::{
    BLOCK_TAGS, class_id_tokens, class_id_words, collapse_whitespace, select, tag_name, text_of,
    word_count,
};
use super::jsonld::{self, JsonLdArticle};
use super::line_blocks::{LineBlock, line_blocks};
use super::names::{
    BYLINE_LABEL_ALONE, LABELLED_BYLINE, byline_names, caseless_byline_names, clean_names, dedup,
    handle_name, names_only_a_desk, photographer_names,
};
use crate::import::Rules;
use crate::import::dates;

mod press_release;
mod published;
mod teasers;

use published::{is_date_word, published};

/// What the page says about its article (URLs as written, not yet resolved).
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// The page's own URL: canonical link, else og:url, else JSON-LD url.
    pub page_url: Option<String>,
    pub site_name: Option<String>,
    pub image: Option<String>,
    /// `<title>`, for messages about pages that are not articles.
    pub page_title: Option<String>,
    /// `<base href>`: what the page's relative links are relative to.
    pub base_href: Option<String>,
    /// The article's text as its JSON-LD states it (`articleBody`), one paragraph a line.
    pub stated_body: Option<String>,
    /// The page's JSON-LD has an article node (`NewsArticle`, `BlogPosting` …).
    pub declares_article: bool,
}

/// Reads the metadata of a page.
pub fn read(doc: &Document, rules: &Rules) -> PageMeta {
    let ld = jsonld::read_article(doc).unwrap_or_default();
    let meta = MetaTags::read(doc);
    let lang = doc
        .select("html")
        .attr("lang")
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_default();
    let site_name = rules
        .source
        .as_ref()
        .and_then(|s| s.source_name.clone())
        .or_else(|| meta.first(&["og:site_name"]))
        .or_else(|| ld.publisher.clone());
    let page_title = doc
        .select("title")
        .nodes()
        .first()
        .map(text_of)
        .filter(|t| !t.is_empty());
    let title = title(doc, &ld, &meta, page_title.as_deref(), site_name.as_deref())
        .map(|t| without_host_part(&t, page_url(&meta, &ld).as_deref()));
    let page = Page::new(doc, title.as_deref());
    let date = published(&page, &ld, &meta, rules, &lang);
    let url = page_url(&meta, &ld).or_else(|| base_page_url(doc));
    PageMeta {
        title,
        date,
        authors: authors(
            &page,
            &ld,
            &meta,
            rules,
            date.map(|d| d.date_naive()),
            // A one-person blog's publisher is that person, not an outlet.
            &[
                site_name
                    .clone()
                    .filter(|s| !(ld.publisher_is_person && ld.publisher.as_ref() == Some(s))),
                ld.publisher.clone().filter(|_| !ld.publisher_is_person),
                meta.first(&["og:site_name"]),
                feed_site_name(doc),
                site_name.as_deref().and_then(initials),
            ],
            url.as_deref().and_then(host_label).as_deref(),
        ),
        tags: tags(doc, &ld, &meta, rules),
        summary: ld
            .description
            .clone()
            .or_else(|| meta.first(&["og:description", "description", "twitter:description"]))
            .filter(|d| !SITE_DESCRIPTION.is_match(d)),
        page_url: url,
        site_name,
        image: ld
            .image
            .clone()
            .or_else(|| {
                meta.first(&[
                    "og:image",
                    "og:image:secure_url",
                    "og:image:url",
                    "twitter:image",
                    "twitter:image:src",
                ])
            })
            .filter(|i| !is_logo(i)),
        page_title,
        base_href: doc
            .select("base[href]")
            .attr("href")
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty()),
        stated_body: ld.article_body,
        declares_article: ld.is_article,
    }
}

/// A site's logo given as the image of every page is not the article's photo.
fn is_logo(url: &str) -> bool {
    let file = url.rsplit('/').next().unwrap_or(url).to_ascii_lowercase();
    file.contains("logo") || file.starts_with("default")
}

/// The site's name as its feed link gives it: "Hildesheimer Presse" of `<link rel=alternate
/// type=application/rss+xml title="Hildesheimer Presse » Feed">`.
fn feed_site_name(doc: &Document) -> Option<String> {
    let link = doc
        .select(r#"link[rel~="alternate"][title]"#)
        .nodes()
        .iter()
        .find(|l| {
            l.attr("type")
                .is_some_and(|t| t.contains("rss") || t.contains("atom"))
        })?
        .attr("title")?;
    let name = TITLE_SEPARATORS.iter().chain(&[" » ", " - "]).fold(
        collapse_whitespace(&link),
        |t, sep| {
            t.split(sep.trim())
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        },
    );
    // "Blog Name RSS Feed", "Blog Name Feed": the words after the name say what the link is.
    let name = name
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "rss" | "atom" | "feed" | "2.0"))
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// "JF" of "JUNGE FREIHEIT": the initials a site of several words goes by.
fn initials(site_name: &str) -> Option<String> {
    let words: Vec<&str> = site_name.split_whitespace().collect();
    (words.len() >= 2)
        .then(|| {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect::<String>()
        })
        .filter(|i| i.chars().all(char::is_alphabetic))
}

/// `<meta>` values by their property, name or itemprop (lowercased), and the canonical link.
struct MetaTags {
    values: HashMap<String, Vec<String>>,
    canonical: Option<String>,
}

impl MetaTags {
    fn read(doc: &Document) -> MetaTags {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for m in doc.select("meta").nodes() {
            let Some(content) = m.attr("content") else {
                continue;
            };
            let content = collapse_whitespace(&content);
            if content.is_empty() {
                continue;
            }
            // `<meta property="article:published" itemprop="datePublished dateCreated">`
            // answers to each of its names.
            let mut keys: Vec<String> = Vec::new();
            for attr in ["property", "name", "itemprop"] {
                for key in m.attr(attr).iter().flat_map(|v| v.split_whitespace()) {
                    let key = key.to_ascii_lowercase();
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            for key in keys {
                values.entry(key).or_default().push(content.clone());
            }
        }
        let canonical = doc
            .select("link[rel]")
            .nodes()
            .iter()
            .find(|l| {
                l.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                })
            })
            .and_then(|l| l.attr("href"))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        MetaTags { values, canonical }
    }

    /// The first value of the first key present.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|k| self.values.get(*k).and_then(|v| v.first()).cloned())
    }

    fn all(&self, key: &str) -> &[String] {
        self.values.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The page's own URL: the canonical link, else og:url, else JSON-LD's; a relative canonical
/// link is resolved against the absolute one.
fn page_url(meta: &MetaTags, ld: &JsonLdArticle) -> Option<String> {
    let candidates: Vec<String> = [
        meta.canonical.clone(),
        meta.first(&["og:url"]),
        ld.url.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|c| super::urls::with_scheme(&c))
    .collect();
    let first = candidates.first()?;
    let web_url = |c: &str| {
        url::Url::parse(c)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
    };
    if web_url(first).is_some() {
        return Some(first.clone());
    }
    // A relative canonical link is resolved against an absolute one; with none, the page
    // has no URL of its own (a relative one would make no credit link).
    let absolute = candidates.iter().find_map(|c| web_url(c))?;
    absolute.join(first).ok().map(String::from)
}

/// A `<base href>` that is a page's address (Joomla writes the page's own URL there), not a
/// folder's ("https://host/", "https://host/news/").
fn base_page_url(doc: &Document) -> Option<String> {
    let href = doc.select("base[href]").attr("href")?;
    let url = url::Url::parse(href.trim()).ok()?;
    let page = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && !url.path().ends_with('/');
    page.then(|| url.to_string())
}

/// A description of the site rather than of the article, which CMSs put on every page
/// ("Portal Resmi Pemerintah Kabupaten …", "The official website of …").
static SITE_DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:portal|situs|website|laman|web|blog)\s+(?:berita\s+)?resmi\b|^(?:the\s+)?official\s+(?:web\s*site|website|site|portal|blog)\b",
    )
    .expect("site description")
});

// ---------------------------------------------------------------------------------------
// Title

const TITLE_SEPARATORS: &[&str] = &[
    " - ", " | ", " – ", " — ", " :: ", " : ", " · ", " • ", " « ", " » ",
];

/// JSON-LD headline, og:title, the page's `<h1>` or `<title>`, without the site's name.
fn title(
    doc: &Document,
    ld: &JsonLdArticle,
    meta: &MetaTags,
    page_title: Option<&str>,
    site_name: Option<&str>,
) -> Option<String> {
    // An `<h1>` that links to the site's home page is the site's name, not the headline.
    let site_heading = site_heading(doc);
    let site_name = site_name.or(site_heading.as_deref());
    let h1 = main_heading(doc, page_title, site_name);
    // A JSON-LD "headline" that shares no word with the page's headline describes the page
    // rather than titling it (Wikipedia puts the short description there).
    let ld_headline = ld
        .headline
        .clone()
        .filter(|hl| h1.as_deref().is_none_or(|h| shares_a_word(hl, h)));
    // The headline is what the sources agree on: an og:title that shares no word with the
    // `<h1>` nor with the `<title>` is a section's name ("Pressemitteilungen") or a tagline.
    let others: Vec<&str> = [h1.as_deref(), page_title].into_iter().flatten().collect();
    let og_title = meta
        .first(&["og:title", "twitter:title"])
        .filter(|t| others.is_empty() || others.iter().any(|o| shares_a_word(t, o)));
    if let Some(h) = h1.as_deref() {
        let others = [ld_headline.as_deref(), og_title.as_deref(), page_title];
        if others.iter().flatten().any(|o| mostly_within(h, o)) {
            // The `<h1>` is the headline as the reader sees it; metadata that spells the same
            // words (with better punctuation) is kept, a shorter or SEO wording is not.
            let metadata: Vec<String> = [ld_headline.as_deref(), og_title.as_deref()]
                .into_iter()
                .flatten()
                .map(|t| strip_site_name(t, site_name, Some(h)))
                .collect();
            // The same letters in the same case: the metadata's punctuation, unless it writes
            // the `<h1>`'s typographic marks in ASCII ("n'e" for "n’e", "..." for "…").
            let same_words = metadata
                .iter()
                .find(|t| {
                    (letters(t) == letters(h) || is_separated_part(t, h))
                        && typographic_marks(t) >= typographic_marks(h)
                })
                .cloned();
            // A kicker in an element of its own at the start of the `<h1>`, over the headline
            // the metadata gives.
            let kickers: Vec<String> = doc
                .select("h1 *")
                .nodes()
                .iter()
                .map(text_of)
                .filter(|t| !t.is_empty())
                .collect();
            let without_extra = || {
                metadata
                    .iter()
                    .filter_map(|t| without_kicker(h, t))
                    .find(|(kicker, _)| kickers.contains(kicker))
                    .map(|(_, rest)| rest)
            };
            return Some(
                without_element_part(h, &kickers, &metadata)
                    .or(same_words)
                    .or_else(without_extra)
                    .unwrap_or_else(|| without_site_affix(h, site_name)),
            );
        }
        // No metadata agrees with the `<h1>`: an og:title or `<title>` worded for search
        // engines or naming the section ("Resources about Sheep"), or a stale one. The
        // page's one main heading is what the reader sees as the headline; a JSON-LD
        // headline still wins, as the article's own data.
        // It must share a word with them: a lone "Log In to your account" is a dialog's.
        let related = [og_title.as_deref(), page_title]
            .iter()
            .flatten()
            .any(|o| shares_a_word(h, o));
        if ld_headline.is_none() && related && is_the_only_heading(doc, h, site_heading.as_deref())
        {
            return Some(without_site_affix(h, site_name));
        }
    }
    let candidates = [
        ld_headline,
        og_title,
        h1.clone(),
        title_part_in_heading(doc, page_title),
        page_title.map(str::to_string),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|t| strip_site_name(&t, site_name, h1.as_deref()))
        .find(|t| !t.is_empty())
        // A page titled only with the site's name (a blog's front page) keeps that name.
        .or_else(|| page_title.map(collapse_whitespace))
        .filter(|t| !t.is_empty())
}

/// The `<h1>` without a kicker or subtitle set in an element of its own
/// (`<h1><span>Kicker</span> Headline</h1>`, `<h1>Headline <span>Subtitle</span></h1>`),
/// when what is left is the headline the metadata gives.
fn without_element_part(heading: &str, parts: &[String], metadata: &[String]) -> Option<String> {
    let wanted: Vec<String> = metadata.iter().map(|t| name_key(t)).collect();
    parts
        .iter()
        .filter(|part| part.len() < heading.len())
        .filter_map(|part| {
            heading
                .strip_prefix(part.as_str())
                .or_else(|| heading.strip_suffix(part.as_str()))
        })
        .map(|rest| rest.trim_matches(|c: char| c.is_whitespace() || "|:–—-".contains(c)))
        .find(|rest| !rest.is_empty() && wanted.contains(&name_key(rest)))
        .map(collapse_whitespace)
}

/// Whether `heading` is the one `<h1>` of the page besides the site's name: the page's
/// main heading, not one of several headings of teasers or boxes.
fn is_the_only_heading(doc: &Document, heading: &str, site_heading: Option<&str>) -> bool {
    let others = doc
        .select("h1")
        .nodes()
        .iter()
        .map(text_of)
        .filter(|t| !t.is_empty() && t != heading && Some(t.as_str()) != site_heading)
        .count();
    others == 0
}

/// How many typographic quotes, apostrophes, dashes and ellipses a text has.
fn typographic_marks(text: &str) -> usize {
    text.chars().filter(|c| "’‘“”„«»…–—".contains(*c)).count()
}

/// Letters and digits only, case kept.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `heading` split into up to three first words and the rest, when the rest has the words
/// of `headline`: (kicker, headline in the heading's own spelling).
fn without_kicker(heading: &str, headline: &str) -> Option<(String, String)> {
    let words: Vec<&str> = heading.split_whitespace().collect();
    let want = name_key(headline);
    (1..=3.min(words.len().saturating_sub(2)))
        .map(|n| (words[..n].join(" "), words[n..].join(" ")))
        .find(|(_, rest)| name_key(rest) == want)
}

/// Whether `part` is `whole` without a part set off by a separator ("Headline" of an `<h1>`
/// "Headline | Blog name").
fn is_separated_part(part: &str, whole: &str) -> bool {
    let (part, whole) = (collapse_whitespace(part), collapse_whitespace(whole));
    if part.is_empty() || part.len() >= whole.len() {
        return false;
    }
    let after = whole.strip_prefix(part.as_str()).map(str::trim_start);
    let before = whole.strip_suffix(part.as_str()).map(str::trim_end);
    TITLE_SEPARATORS.iter().map(|s| s.trim()).any(|sep| {
        after.is_some_and(|a| a.starts_with(sep)) || before.is_some_and(|b| b.ends_with(sep))
    })
}

/// Whether most words of `heading` are in `other`: two sources agreeing on a headline.
fn mostly_within(heading: &str, other: &str) -> bool {
    let words = |t: &str| -> HashSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let heading = words(heading);
    let other = words(other);
    // A one-word heading agrees when the other spells it; a longer one, with half its words.
    match heading.len() {
        0 => false,
        1 => heading.iter().all(|w| other.contains(w)),
        n => heading.iter().filter(|w| other.contains(*w)).count() * 2 >= n,
    }
}

/// "Headline | Site" or "Site: Headline" without the site's name, when it is there.
fn without_site_affix(text: &str, site_name: Option<&str>) -> String {
    let text = collapse_whitespace(text);
    let Some(site) = site_name.map(str::trim).filter(|s| !s.is_empty()) else {
        return text;
    };
    let lower = text.to_lowercase();
    let site = site.to_lowercase();
    // Lowercasing can change a text's length in bytes: cut only where `text` has the same
    // length as `lower`, at a character boundary.
    let same_length = lower.len() == text.len();
    for sep in TITLE_SEPARATORS {
        let rest = if lower.ends_with(&format!("{sep}{site}")) {
            text.get(..text.len() - sep.len() - site.len())
        } else if lower.starts_with(&format!("{site}{sep}")) {
            text.get(site.len() + sep.len()..)
        } else {
            None
        };
        if let Some(rest) = rest.filter(|_| same_length) {
            return rest.trim().to_string();
        }
    }
    text
}

/// The part of a `<title>` of several parts that a lower heading repeats ("Headline | Place |
/// Site" over an `<h4>Headline</h4>`): the headline of a page with no `<h1>` for it.
fn title_part_in_heading(doc: &Document, page_title: Option<&str>) -> Option<String> {
    let mut parts = vec![collapse_whitespace(page_title?)];
    for sep in TITLE_SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(|q| q.trim().to_string()))
            .collect();
    }
    if parts.len() < 2 {
        return None;
    }
    let headings: Vec<String> = doc
        .select("h2, h3, h4, h5, h6")
        .nodes()
        .iter()
        .map(|h| text_of(h).to_lowercase())
        .collect();
    if let Some(part) = parts
        .iter()
        .find(|p| word_count(p) >= 2 && headings.contains(&p.to_lowercase()))
    {
        return Some(part.clone());
    }
    // An old layout shows the headline in a styled paragraph or cell (`<p class="judul">`):
    // the longest part the page shows as a line of its own, of three words or more.
    let lines: HashSet<String> = doc
        .select("body p, body div, body td, body span, body strong, body b")
        .nodes()
        .iter()
        .map(text_of)
        .filter(|t| (3..=30).contains(&word_count(t)))
        .map(|t| t.to_lowercase())
        .collect();
    parts
        .into_iter()
        .filter(|p| word_count(p) >= 3 && lines.contains(&p.to_lowercase()))
        .max_by_key(|p| word_count(p))
}

/// The text of an `<h1>` that is the site's name: a link to the site's home page, or a
/// heading marked as the logo or site title.
fn site_heading(doc: &Document) -> Option<String> {
    doc.select("h1").nodes().iter().find_map(|h| {
        // Class words come split ("site-name" gives "site" and "name"): the compound names
        // are matched on the tokens as written.
        let marked = class_id_words(h)
            .iter()
            .any(|w| matches!(w.as_str(), "logo" | "brand" | "sitename"))
            || class_id_tokens(h).iter().any(|t| {
                matches!(
                    t.to_ascii_lowercase().replace('_', "-").as_str(),
                    "site-title" | "site-name" | "site-logo" | "blog-title" | "blog-name"
                )
            });
        let home_link = select(h, "a[href]")
            .iter()
            .any(|a| a.attr("href").is_some_and(|href| is_home_link(&href)));
        (marked || home_link)
            .then(|| text_of(h))
            .filter(|t| !t.is_empty())
    })
}

/// "/", "./", "index.html", "https://host/" (also inside an archive's address).
fn is_home_link(href: &str) -> bool {
    let href = href.trim();
    let last_absolute = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| href.rfind(scheme))
        .max()
        .map(|at| &href[at..]);
    match last_absolute {
        Some(url) => {
            url::Url::parse(url).is_ok_and(|u| matches!(u.path(), "" | "/") && u.query().is_none())
        }
        None => {
            matches!(href, "/" | "./" | "") || href.trim_start_matches('/').starts_with("index.")
        }
    }
}

fn shares_a_word(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let b = words(b);
    words(a).iter().any(|w| b.contains(w))
}

/// The `<h1>` that is the article's headline: one the `<title>` contains, else the first
/// with a few words (a logo in an `<h1>` has one or two).
fn main_heading(
    doc: &Document,
    page_title: Option<&str>,
    site_name: Option<&str>,
) -> Option<String> {
    let site = site_heading(doc);
    let all: Vec<String> = doc
        .select("h1")
        .nodes()
        .iter()
        .map(text_of)
        .filter(|t| !t.is_empty() && Some(t) != site.as_ref())
        .collect();
    let h1s: Vec<&String> = all.iter().filter(|t| word_count(t) >= 2).collect();
    let in_title = page_title.and_then(|pt| {
        let pt = pt.to_lowercase();
        h1s.iter().find(|h| pt.contains(&h.to_lowercase())).cloned()
    });
    in_title
        .or_else(|| h1s.iter().find(|h| word_count(h) >= 3).copied())
        .cloned()
        .or_else(|| short_heading_in_title(&all, page_title?, site_name))
}

/// A lone `<h1>` of one or two words ("Beitragseinreichung", "Blockhaus 3") that the
/// `<title>` spells in its headline part ("Beitragseinreichung | Wiener Digitale Revue"),
/// not in the last part, where the site's name stands, and that is not the site's name.
fn short_heading_in_title(
    h1s: &[String],
    page_title: &str,
    site_name: Option<&str>,
) -> Option<String> {
    let [heading] = h1s else {
        return None;
    };
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut parts = vec![collapse_whitespace(page_title)];
    for sep in TITLE_SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep).map(|q| q.trim().to_string()))
            .collect();
    }
    if parts.len() > 1 {
        parts.pop();
    }
    let heading_words = words(heading);
    let is_site = site_name.is_some_and(|site| {
        let site = words(site);
        heading_words.iter().all(|w| site.contains(w))
    });
    let in_headline_part = parts.iter().any(|part| {
        let part = words(part);
        heading_words.iter().all(|w| part.contains(w))
    });
    (!heading_words.is_empty() && word_count(heading) <= 2 && in_headline_part && !is_site)
        .then(|| heading.clone())
}

/// Removes " - Site Name" / " | Site" / "Site: " from a title.
fn strip_site_name(title: &str, site_name: Option<&str>, h1: Option<&str>) -> String {
    let title = collapse_whitespace(title);
    if let Some(site) = site_name.map(str::trim).filter(|s| !s.is_empty()) {
        let lower = title.to_lowercase();
        let site_lower = site.to_lowercase();
        // A "site name" before a single word is the headline itself, wrongly given as the
        // site's name (og:site_name set to the page title): "Headline | Brand".
        let site_words = word_count(site);
        for sep in TITLE_SEPARATORS {
            let suffix = format!("{sep}{site_lower}");
            if lower.ends_with(&suffix) {
                return title[..title.len() - suffix.len()].trim().to_string();
            }
            let prefix = format!("{site_lower}{sep}");
            if lower.starts_with(&prefix) {
                let rest = without_generic_parts(&title[prefix.len()..]);
                if word_count(&rest) >= site_words.min(2) {
                    return rest;
                }
            }
        }
        if lower == site_lower {
            return String::new();
        }
        if let Some(headline) = around_site_part(&title, &site_lower) {
            return headline;
        }
    }
    if let Some(h1) = h1
        && title.len() > h1.len()
        && title.starts_with(h1)
        && TITLE_SEPARATORS.iter().any(|sep| {
            title[h1.len()..].starts_with(sep.trim_end()) || title[h1.len()..].starts_with(sep)
        })
    {
        return h1.to_string();
    }
    strip_short_last_part(&title)
}

/// "Der Schreibstil - chadim.net", "energieverbraucher.de | Gaspreise", "Headline - brand eins
/// online": a first or last part of the title that spells the page's host is the site's name.
fn without_host_part(title: &str, page_url: Option<&str>) -> String {
    let Some(label) = page_url.and_then(host_label) else {
        return title.to_string();
    };
    let squashed = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    // A site's name is short: a long part that mentions the host ("Skibergsteigen: ..." on
    // bergsteigen.com) is the headline.
    let names_host = |part: &str| {
        let words = part.split_whitespace().count();
        let part = squashed(part);
        words <= 4 && part.len() >= 4 && (part.contains(&label) || label.contains(&part))
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " // ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && names_host(tail)
            && !names_host(head)
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && names_host(head)
            && !names_host(tail)
            && !tail.trim().is_empty()
        {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// The name part of a URL's host: "chefkoch" for https://www.chefkoch.de/..., "brandeins"
/// for brandeins.de (lowercase letters and digits only).
fn host_label(url: &str) -> Option<String> {
    let host = crate::import::rules::host_of(url)?;
    let labels: Vec<&str> = host.split('.').collect();
    let second_level = ["co", "or", "ac", "go", "com", "net", "org", "gov", "edu"];
    let name = match labels.as_slice() {
        [.., name, sl, _] if second_level.contains(sl) && name.len() > 2 => *name,
        [.., name, _] => *name,
        _ => return None,
    };
    let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    (name.len() >= 4).then_some(name)
}

/// Parts of a title that name no article: archive and section words sites put next to their
/// name ("Disfunctions.de » Blog Archiv » Headline").
const GENERIC_TITLE_PARTS: &[&str] = &[
    "blog archiv",
    "blog archive",
    "archiv",
    "archive",
    "blog",
    "home",
    "startseite",
    "news",
    "beranda",
    "berita",
];

/// "Headline : Site | Tagline" → "Headline": the site's name between separators, a tagline
/// after it.
fn around_site_part(title: &str, site_lower: &str) -> Option<String> {
    let lower = title.to_lowercase();
    TITLE_SEPARATORS.iter().find_map(|sep| {
        let at = lower.find(&format!("{sep}{site_lower}"))?;
        let after = &lower[at + sep.len() + site_lower.len()..];
        let followed_by_part = TITLE_SEPARATORS
            .iter()
            .any(|s2| after.starts_with(s2) || after.starts_with(s2.trim_start()));
        (at > 0 && followed_by_part).then(|| title[..at].trim().to_string())
    })
}

/// "Blog Archiv » Headline" → "Headline": archive and section words before the headline.
fn without_generic_parts(rest: &str) -> String {
    let mut rest = rest.trim();
    loop {
        let lower = rest.to_lowercase();
        let generic = GENERIC_TITLE_PARTS.iter().find_map(|g| {
            TITLE_SEPARATORS.iter().find_map(|sep| {
                let prefix = format!("{g}{}", sep.trim_end());
                lower
                    .starts_with(&prefix)
                    .then(|| rest[prefix.len()..].trim_start())
            })
        });
        match generic {
            Some(shorter) if !shorter.is_empty() => rest = shorter,
            _ => return rest.to_string(),
        }
    }
}

/// "Headline | Site" without a known site name: a last part of a few capitalised words after
/// " | " (or " - " when it looks like a site: "Kompas.com", "GWS News") is the site.
fn strip_short_last_part(title: &str) -> String {
    // Chinese and Japanese titles set the site's name off with no spaces: "标题！-新华网".
    let is_cjk = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}');
    if let Some((head, tail)) = title.rsplit_once(['-', '_', '|'])
        && (1..=6).contains(&tail.chars().count())
        && tail.chars().all(is_cjk)
        && head.chars().filter(|c| is_cjk(*c)).count() >= 4
    {
        return head.trim().to_string();
    }
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let tail_words = tail.split_whitespace().count();
        let looks_like_site = tail.contains('.')
            || tail.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            });
        let short = if sep == " | " {
            tail_words <= 4
        } else {
            tail_words <= 3
        };
        if short && looks_like_site && head.split_whitespace().count() >= 4 {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

// ---------------------------------------------------------------------------------------
// Authors

/// Class and id words of elements that show the author.
const AUTHOR_WORDS: &[&str] = &[
    "author", "byline", "penulis", "reporter", "writer", "wartawan", "oleh", "creator",
];

/// Words of boxes about an author rather than bylines, and of a photo's credit ("img-author").
const AUTHOR_BIO_WORDS: &[&str] = &[
    "bio",
    "description",
    "about",
    "avatar",
    "profile",
    "img",
    "image",
    "photo",
    "foto",
    "credit",
    "credits",
    "caption",
];

/// Meta tags that name the author.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    // Kompas Gramedia's and detik's sites
    "content_author",
];

/// The article's authors. `outlets` are the site's names: an author of that name is the
/// outlet, and the page may name the people elsewhere; so is a one-word author that spells
/// the name part of the page's host ("hejfish" on hejfish.com).
fn authors(
    page: &Page,
    ld: &JsonLdArticle,
    meta: &MetaTags,
    rules: &Rules,
    published_day: Option<NaiveDate>,
    outlets: &[Option<String>],
    host_label: Option<&str>,
) -> Vec<String> {
    let outlets: Vec<&str> = outlets.iter().flatten().map(String::as_str).collect();
    let people = |names: Vec<String>| {
        without_outlet_names(names, &outlets)
            .into_iter()
            .filter(|n| n.contains(' ') || host_label.is_none_or(|h| name_key(n) != h))
            .collect::<Vec<_>>()
    };
    let patterns = rules
        .source
        .as_ref()
        .map_or(&[][..], |s| &s.byline_patterns[..]);
    let lines: &[Line] = if patterns.is_empty() {
        &[]
    } else {
        page.lines()
    };
    let by_pattern = lines.iter().find_map(|l| {
        patterns
            .iter()
            .find_map(|re| re.captures(&l.text))
            .and_then(|c| c.name("name").map(|m| m.as_str().to_string()))
    });
    if let Some(raw) = by_pattern {
        let names = people(clean_names(&raw));
        if !names.is_empty() {
            return names;
        }
    }
    // Names stated for machines count when the page shows them too: a CMS fills them with
    // the account that uploaded the article (an editor, the blog's owner), the byline a
    // reader sees names who wrote it.
    let shown = |names: Vec<String>| -> Vec<String> {
        people(names)
            .into_iter()
            .filter(|n| page.shows(n))
            .collect()
    };
    let from_ld = shown(ld.authors.iter().flat_map(|a| clean_names(a)).collect());
    if !from_ld.is_empty() {
        // A byline by the headline that names the JSON-LD's author and more ("von Rudolf
        // Fischer, Simon Kohler" over one author in the data): the byline a reader sees.
        let byline = people(headline_byline(page.lines()));
        let keys: HashSet<String> = byline.iter().map(|n| name_key(n)).collect();
        if keys.len() > from_ld.len() && from_ld.iter().all(|n| keys.contains(&name_key(n))) {
            return byline;
        }
        return dedup(from_ld);
    }
    for key in AUTHOR_META {
        for value in meta.all(key) {
            if value.contains("://") || value.starts_with('@') {
                continue;
            }
            // "GESE - La Estrella de Panamá": a desk of the outlet, no person.
            if names_an_outlet(value, &outlets) {
                continue;
            }
            let names = shown(clean_names(value));
            if !names.is_empty() {
                return names;
            }
        }
    }
    let visible = visible_byline(page, published_day, &people);
    if !visible.is_empty() {
        return visible;
    }
    // The organisation that issues a press release is no reporter.
    if press_release::is_press_release(page.lines()) {
        return Vec::new();
    }
    // An organisation named by its web address ("oe24.at") is the outlet.
    let organizations = ld
        .author_organizations
        .iter()
        .filter(|o| !is_web_address(o))
        .cloned()
        .collect();
    people(dedup(organizations))
}

/// "oe24.at", "Kompas.com": a host name, not an agency's name.
fn is_web_address(name: &str) -> bool {
    let name = name.trim().trim_start_matches("www.");
    !name.contains(' ')
        && name.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// Letters and digits only, lowercased: "INTERSCENAR.IO" and "Interscenario" are one name.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a byline names one of the outlets in one of its parts ("Desk - Outlet").
fn names_an_outlet(byline: &str, outlets: &[&str]) -> bool {
    byline
        .split([',', '|', '/'])
        .flat_map(|p| p.split(" - "))
        .any(|part| {
            let key = name_key(part);
            !key.is_empty() && outlets.iter().any(|o| name_key(o) == key)
        })
}

/// Authors that are really the outlet ("CNN Indonesia" as the author of a CNN Indonesia
/// page) are no authors.
fn without_outlet_names(authors: Vec<String>, outlets: &[&str]) -> Vec<String> {
    authors
        .into_iter()
        .filter(|a| !outlets.iter().any(|o| name_key(o) == name_key(a)))
        .collect()
}

/// Names in the page's byline: `rel=author`, `itemprop=author` (not in a teaser of another
/// story), an element whose class says author or byline, else a short line starting "By" /
/// "Oleh" / "Penulis:".
fn visible_byline(
    page: &Page,
    published_day: Option<NaiveDate>,
    people: &dyn Fn(Vec<String>) -> Vec<String>,
) -> Vec<String> {
    let marked = page
        .doc
        .select("[rel=author], [itemprop=author]")
        .nodes()
        .iter()
        .filter(|n| !page.in_comments(n) && !teasers::in_teaser(n, page.headline.as_deref()))
        .map(|n| {
            let name = select(n, "[itemprop=name]");
            if let Some(name) = name.first() {
                text_of(name)
            } else {
                text_of(n)
            }
        })
        .flat_map(|t: String| clean_names(&t))
        .collect::<Vec<_>>();
    let marked = people(marked);
    if !marked.is_empty() {
        return dedup(marked);
    }
    let mut desk_byline = false;
    for node in page.doc.select("body *").nodes() {
        let words = class_id_words(node);
        if !words.iter().any(|w| AUTHOR_WORDS.contains(&w.as_str()))
            || words.iter().any(|w| AUTHOR_BIO_WORDS.contains(&w.as_str()))
            || page.in_comments(node)
            || links_home(node)
        {
            continue;
        }
        let text = text_of(node);
        if (1..=12).contains(&word_count(&text)) {
            let found = clean_names(without_archive_link(&text));
            let names = people(found.clone());
            if !names.is_empty() {
                return names;
            }
            // The outlet's name in an author field ("JF", "Attac France"): the fields that
            // follow belong to teasers of other stories; the lines by the headline may name
            // the writer.
            if !found.is_empty() {
                break;
            }
            // "Published by BBNTEAM": the byline names a desk, so no one else is the author,
            // unless a labelled line names the writer ("Penulis: …" in a blog post whose
            // footer says "Diposting oleh Redaksi").
            if names_only_a_desk(&text) {
                desk_byline = true;
                break;
            }
        }
    }
    let lines = page.lines();
    let labelled = lines
        .iter()
        .enumerate()
        // A byline line may go on with the date and a view count ("Diposting oleh: Humas |
        // Senin, 07/12/2026 | Dibaca: 1.234 kali"); `byline_names` wants every part before
        // the date to be a name or a role.
        .filter(|(_, l)| l.words <= 14)
        .find_map(|(i, l)| {
            if LABELLED_BYLINE.is_match(&l.text) {
                Some(byline_names(&l.text)).filter(|n| !n.is_empty())
            } else if let names @ [_, ..] = caseless_byline_names(&l.text).as_slice() {
                Some(names.to_vec())
            } else if BYLINE_LABEL_ALONE.is_match(&l.text) && (l.near_headline || l.before_headline)
            {
                // "By" on a line of its own by the headline, the names on the next (not the
                // "Von:" of a search form's member field).
                lines
                    .get(i + 1)
                    .filter(|next| next.words <= 8)
                    .map(|next| clean_names(&next.text))
                    .filter(|n| !n.is_empty())
            } else {
                None
            }
        })
        .unwrap_or_default();
    let labelled = people(labelled);
    if !labelled.is_empty() || desk_byline {
        return labelled;
    }
    let beside_date =
        people(published_day.map_or_else(Vec::new, |d| name_beside_dateline(lines, d)));
    if !beside_date.is_empty() {
        return beside_date;
    }
    if let Some(handle) = author_handle(page, lines) {
        return people(vec![handle]);
    }
    let over_archive_link = people(name_over_archive_link(lines));
    if !over_archive_link.is_empty() {
        return over_archive_link;
    }
    // A photo story whose only credit by the headline is its photographer ("Fotografer:
    // Teguh Prasetya"): its maker is its author, when no other way names a writer.
    people(
        lines
            .iter()
            .filter(|l| (l.near_headline || l.before_headline) && l.words <= 14)
            .map(|l| photographer_names(&l.text))
            .find(|names| !names.is_empty())
            .unwrap_or_default(),
    )
}

/// The names of a labelled byline line by the headline ("von Rudolf Fischer, Simon Kohler").
fn headline_byline(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| (l.near_headline || l.before_headline) && l.words <= 12)
        .find(|l| LABELLED_BYLINE.is_match(&l.text))
        .map(|l| byline_names(&l.text))
        .unwrap_or_default()
}

/// A link to the author's other articles names the author: "Alles von Martin Junker",
/// "More from Jane Doe", or a name under the headline followed by "Alle Artikel".
fn name_over_archive_link(lines: &[Line]) -> Vec<String> {
    let named = lines
        .iter()
        .filter(|l| l.words <= 8)
        .find_map(|l| ARCHIVE_LINK_OF.captures(&l.text))
        .map(|c| clean_names(&c[1]))
        .filter(|n| n.len() == 1);
    if let Some(named) = named {
        return named;
    }
    lines
        .windows(2)
        .find(|pair| {
            pair[0].under_title && pair[0].words <= 4 && ARCHIVE_LINK.is_match(&pair[1].text)
        })
        .map(|pair| byline_names(&pair[0].text))
        .filter(|n| n.len() == 1 && n[0].contains(' '))
        .unwrap_or_default()
}

/// An author box's name without the link to the author's archive after it ("Johanna
/// Kropfitsch Alle Artikel").
fn without_archive_link(text: &str) -> &str {
    ARCHIVE_LINK_AFTER
        .find(text)
        .map_or(text, |m| text[..m.start()].trim_end())
}

/// A link to an author's archive at the end of a text.
static ARCHIVE_LINK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:alle\s+artikel|alle\s+beiträge|all\s+(?:articles|stories|posts))$")
        .expect("archive link")
});

/// A link to an author's archive that names the author.
static ARCHIVE_LINK_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:alles|alle\s+artikel|alle\s+beiträge|mehr\s+artikel|weitere\s+artikel|more\s+(?:articles|stories|posts)|all\s+(?:articles|stories|posts))\s+(?:von|by|from)\s+(.+)$")
        .expect("archive link")
});

/// A link to the archive of the author named just above it.
static ARCHIVE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:alle\s+artikel|alle\s+beiträge|all\s+(?:articles|stories|posts))$")
        .expect("archive link")
});

/// A line under the article's headline that is a name and nothing else, next to the line that
/// shows the day the article was published ("5. November 2021, 10:39 Uhr" / "Solveig
/// Grewe"), or a name that opens that line ("Ariel Melgar Cabrera 3/5/2022 22:41"): the
/// byline without a label. Not a link or a box title by the date of another story.
fn name_beside_dateline(lines: &[Line], published_day: NaiveDate) -> Vec<String> {
    let shows_the_day =
        |text: &str| dates::find_date_parts(text).filter(|d| d.local.date() == published_day);
    // The dateline beside it is under the headline too: a date set above the headline is
    // not beside a line below it ("12. November 2015" / headline / "Zum Video").
    let has_date = |i: usize| {
        lines
            .get(i)
            .is_some_and(|l| l.under_title && l.words <= 12 && shows_the_day(&l.text).is_some())
    };
    for (i, line) in lines.iter().enumerate() {
        if !line.under_title || line.words > 8 {
            continue;
        }
        let names = match shows_the_day(&line.text) {
            Some(date) if date.span.start > 0 => byline_names(&line.text[..date.span.start]),
            // "11.12.2019 - Amelie Loevenich": the name after the date and a separator.
            Some(date) => {
                let rest = line.text[date.span.end..]
                    .trim_start_matches(|c: char| c.is_whitespace() || "-–—|·•,".contains(c));
                if rest.len() < line.text.len() - date.span.end {
                    byline_names(rest)
                } else {
                    continue;
                }
            }
            None if has_date(i + 1) || (i > 0 && has_date(i - 1)) => byline_names(&line.text),
            None => continue,
        };
        if names.len() == 1 && names[0].split_whitespace().count() >= 2 {
            return names;
        }
    }
    Vec::new()
}

/// The text of a link to an author's page (`rel=author`, `/author/NAME`) or of an element
/// marked as the author (`<span class="author vcard">`) that is a handle rather than a
/// proper name ("von gizzmo", "by oz on December 4, 2006"), when a line by the headline
/// shows it.
fn author_handle(page: &Page, lines: &[Line]) -> Option<String> {
    let by_headline: Vec<String> = lines
        .iter()
        .filter(|l| l.near_headline || l.before_headline)
        .map(|l| format!(" {} ", l.text.to_lowercase()))
        .collect();
    page.doc
        .select(
            r#"a[rel~="author"], a[href*="/author/"], a[href*="/autor/"], a[href*="/authors/"], [class~="author"]"#,
        )
        .nodes()
        .iter()
        .filter(|a| !page.in_comments(a))
        .map(text_of)
        .filter(|t| clean_names(t).is_empty())
        .filter_map(|t| handle_name(&t))
        .find(|h| {
            let h = format!(" {} ", h.to_lowercase());
            by_headline.iter().any(|l| l.contains(&h))
        })
}

/// An element that links to the site's home page: the site's name marked up as its author
/// (`<h1 class="vcard author"><a href="/">Blog</a></h1>`).
fn links_home(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(select(node, "a[href]"))
        .filter(|a| a.has_name("a"))
        .any(|a| a.attr("href").is_some_and(|href| is_home_link(&href)))
}

// ---------------------------------------------------------------------------------------
// Tags

/// The tags the page shows its reader (a "Tags:" box, rel-tag links, hashtags), else JSON-LD
/// keywords and `article:tag`; then the source's own tags; each once. The shown box wins:
/// the machine's keywords spell the same tags in another case ("banjir bandang" for the
/// box's "Banjir Bandang") and add the CMS's own ("magazine-35.01", "web").
fn tags(doc: &Document, ld: &JsonLdArticle, meta: &MetaTags, rules: &Rules) -> Vec<String> {
    let mut all = super::tag_links::rel_tags(doc);
    if all.is_empty() {
        all = ld.keywords.clone();
        all.extend(meta.all("article:tag").iter().flat_map(|t| {
            t.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        }));
    }
    if let Some(source) = &rules.source {
        all.extend(source.tags.iter().cloned());
    }
    dedup(all)
}

// ---------------------------------------------------------------------------------------
// Visible lines

/// A short visible line of the page, for bylines and datelines.
pub struct Line {
    pub text: String,
    pub words: usize,
    /// Its element (or a close ancestor) is marked as a date by class or id.
    pub date_marked: bool,
    /// One of the few lines right after the headline.
    pub near_headline: bool,
    /// One of the few lines right before the headline (a dateline set above it).
    pub before_headline: bool,
    /// One of the few lines right after a block that reads as the title found: under the
    /// article's own headline, not that of a sidebar or a login dialog.
    pub under_title: bool,
    /// Its block is a copyright notice ("© 2020 Cornel van Bebber"), which names the site's
    /// owner, not a writer.
    pub in_copyright: bool,
}

/// The page being read, with what several readers need computed once.
struct Page<'a> {
    doc: &'a Document,
    /// Elements whose class or id says comment(s), Disqus or komentar.
    comment_boxes: HashSet<NodeId>,
    /// The title found, to know the headline by when it is no `<h1>`.
    headline: Option<String>,
    lines: OnceCell<Vec<Line>>,
    /// The text of the page's lines, lowercased (computed on first use).
    visible_text: OnceCell<String>,
    /// The whole texts of its links, lowercased (computed on first use).
    link_texts: OnceCell<HashSet<String>>,
}

impl<'a> Page<'a> {
    fn new(doc: &'a Document, headline: Option<&str>) -> Page<'a> {
        let comment_boxes = doc
            .select("[class], [id]")
            .nodes()
            .iter()
            .filter(|n| is_comment_box(n))
            .map(|n| n.id)
            .collect();
        Page {
            doc,
            comment_boxes,
            headline: headline.map(str::to_string),
            lines: OnceCell::new(),
            visible_text: OnceCell::new(),
            link_texts: OnceCell::new(),
        }
    }

    /// The page's short visible lines (computed on first use).
    fn lines(&self) -> &[Line] {
        self.lines.get_or_init(|| visible_lines(self))
    }

    /// Whether a reader sees `name` on the page (outside comments): as whole words of the
    /// text of its lines, or as the whole text of a link (two author links side by side,
    /// "<a>Jessica Tran</a><a>Alan Whitfield</a>", are one line with no space between).
    fn shows(&self, name: &str) -> bool {
        self.shows_in_lines(name) || self.shows_as_link(name)
    }

    fn shows_as_link(&self, name: &str) -> bool {
        let texts = self.link_texts.get_or_init(|| {
            // Whether a block is a copyright notice, once per block.
            let mut in_copyright: HashMap<NodeId, bool> = HashMap::new();
            let mut notice = |a: &NodeRef| {
                a.ancestors_it(None)
                    .find(|p| BLOCK_TAGS.contains(&tag_name(p).as_str()))
                    .is_some_and(|block| {
                        *in_copyright
                            .entry(block.id)
                            .or_insert_with(|| COPYRIGHT.is_match(&text_of(&block)))
                    })
            };
            self.doc
                .select("body a")
                .nodes()
                .iter()
                // The owner's links to their own pages (`rel=me`) and a copyright notice's
                // name no byline.
                .filter(|a| {
                    !self.in_comments(a)
                        && !a
                            .attr("rel")
                            .is_some_and(|r| r.split_whitespace().any(|w| w == "me"))
                        && !notice(a)
                })
                .map(|a| collapse_whitespace(&text_of(a)).to_lowercase())
                .filter(|t| !t.is_empty())
                .collect()
        });
        texts.contains(&collapse_whitespace(name).to_lowercase())
    }

    fn shows_in_lines(&self, name: &str) -> bool {
        let text = self.visible_text.get_or_init(|| {
            // A copyright notice names the site's owner, not a byline ("© 2020 Cornel van
            // Bebber", "2009-2020 by Florian Posdziech"); so does a link of the owner to
            // their own pages (`rel=me`, a blogroll's "Matthias Hille").
            let own_links: HashSet<String> = self
                .doc
                .select(r#"a[rel~="me"]"#)
                .nodes()
                .iter()
                .map(text_of)
                .collect();
            let lines: Vec<&str> = self
                .lines()
                .iter()
                .filter(|l| !l.in_copyright && !own_links.contains(&l.text))
                .map(|l| l.text.as_str())
                .collect();
            lines.join(" ").to_lowercase()
        });
        let name = collapse_whitespace(name).to_lowercase();
        // A word's edge: no letter or digit next to it, nor one behind a joiner ("jan" is
        // no name in "jan-grosser.de").
        let edge = |mut chars: std::str::Chars<'_>, backwards: bool| {
            let mut next = || {
                if backwards {
                    chars.next_back()
                } else {
                    chars.next()
                }
            };
            match next() {
                Some(c) if c.is_alphanumeric() => false,
                Some(c) if "-._@/".contains(c) => !next().is_some_and(char::is_alphanumeric),
                _ => true,
            }
        };
        !name.is_empty()
            && text.match_indices(&name).any(|(at, _)| {
                edge(text[..at].chars(), true) && edge(text[at + name.len()..].chars(), false)
            })
    }

    /// Whether a node is inside a comment section.
    fn in_comments(&self, node: &NodeRef) -> bool {
        !self.comment_boxes.is_empty()
            && std::iter::once(*node)
                .chain(node.ancestors_it(None))
                .any(|n| self.comment_boxes.contains(&n.id))
    }
}

/// A copyright notice: "©", "(c)", "Copyright", "All rights reserved", a span of years.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|\(c\)|\bcopyright\b|all rights reserved|alle rechte vorbehalten|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b")
        .expect("copyright")
});

/// Whether an element's class or id says it holds comments.
fn is_comment_box(node: &NodeRef) -> bool {
    let raw = format!(
        "{} {}",
        node.attr("class").unwrap_or_default(),
        node.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    (raw.contains("comment") || raw.contains("disqus") || raw.contains("komentar"))
        && class_id_words(node).iter().any(|w| {
            w.starts_with("comment") && w != "commentary" || w == "disqus" || w == "komentar"
        })
}

/// The page's lines of text, outside comment sections, in order: leaf blocks, and loose
/// inline text beside blocks.
fn visible_lines(page: &Page) -> Vec<Line> {
    let Some(body) = page.doc.body() else {
        return Vec::new();
    };
    let blocks: Vec<LineBlock> = line_blocks(&body)
        .into_iter()
        .filter(|b| {
            !matches!(tag_name(&b.node).as_str(), "script" | "style" | "table")
                && !page.in_comments(&b.node)
        })
        // An empty block (a spacer `<p></p>`) is no line a reader counts between the
        // headline and its dateline.
        .filter(|b| !b.texts.is_empty())
        .collect();
    // The headline: an `<h1>`, or a block that reads as the title found (sites that set
    // the headline in an `<h2>` and the logo in the `<h1>`).
    let is_headline = |b: &LineBlock| {
        (b.run.is_empty() && tag_name(&b.node) == "h1")
            || page
                .headline
                .as_deref()
                .is_some_and(|h| b.texts.join(" ") == h)
    };
    let headlines: Vec<usize> = (0..blocks.len())
        .filter(|&i| is_headline(&blocks[i]))
        .collect();
    let is_title = |b: &LineBlock| {
        page.headline
            .as_deref()
            .is_some_and(|h| collapse_whitespace(&b.texts.join(" ")) == collapse_whitespace(h))
    };
    let mut lines = Vec::new();
    let mut after_headline: Option<usize> = None;
    let mut after_title = false;
    let mut title_seen = false;
    for (i, block) in blocks.iter().enumerate() {
        if headlines.contains(&i) {
            after_headline = Some(0);
            // The first block that reads as the title is the article's headline; later
            // copies head a list of the latest stories.
            after_title = !title_seen && is_title(block);
            title_seen |= after_title;
            continue;
        }
        let near_headline = after_headline.is_some_and(|n| n < 4);
        let under_title = near_headline && after_title;
        if let Some(n) = after_headline.as_mut() {
            *n += 1;
        }
        let before_headline = headlines.iter().any(|&h| h > i && h - i <= 3);
        let marks_date = |n: &NodeRef| class_id_words(n).iter().any(|w| is_date_word(w));
        let date_marked = if block.run.is_empty() {
            std::iter::once(block.node)
                .chain(block.node.ancestors_it(Some(2)))
                .chain(block.node.descendants_it().filter(|d| d.is_element()))
                .any(|n| marks_date(&n))
        } else {
            block
                .run
                .iter()
                .flat_map(|r| {
                    std::iter::once(*r).chain(r.descendants_it().filter(|d| d.is_element()))
                })
                .chain(std::iter::once(block.node))
                .chain(block.node.ancestors_it(Some(1)))
                .any(|n| marks_date(&n))
        };
        let in_copyright = block.texts.iter().any(|t| COPYRIGHT.is_match(t));
        for text in &block.texts {
            lines.push(Line {
                in_copyright,
                words: word_count(text),
                text: text.clone(),
                date_marked,
                near_headline,
                before_headline,
                under_title,
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(html: &str) -> Option<String> {
        read(&Document::from(html), &Rules::default()).title
    }

    #[test]
    fn the_tag_box_the_page_shows_wins_over_the_machines_keywords() {
        let head = "<head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"keywords\":\"banjir bandang, bima, web\"}</script>\
            <meta property='article:tag' content='magazine-35.01'></head>";
        let shown = "<div class='post-tags'>Tags: <a href='/tag/banjir-bandang'>Banjir Bandang</a>, \
            <a href='/tag/bima'>Bima</a></div>";
        let tags = |html: &str| read(&Document::from(html), &Rules::default()).tags;
        assert_eq!(
            tags(&format!(
                "<html>{head}<body><h1>Banjir</h1>{shown}</body></html>"
            )),
            ["Banjir Bandang", "Bima"]
        );
        // No box shown: the machines' tags.
        assert_eq!(
            tags(&format!("<html>{head}<body><h1>Banjir</h1></body></html>")),
            ["banjir bandang", "bima", "web", "magazine-35.01"]
        );
    }

    #[test]
    fn a_site_wide_description_is_no_summary_and_a_page_base_is_the_pages_url() {
        let page = |description: &str, base: &str| {
            let html = format!(
                r#"<head><base href="{base}"><meta name="description" content="{description}"><title>Posyandu Remaja Dibentuk di 12 Desa</title></head>
                <body><h2>Posyandu Remaja Dibentuk di 12 Desa</h2><p>Isi.</p></body>"#
            );
            read(&Document::from(html.as_str()), &Rules::default())
        };
        let joomla = page(
            "Portal Resmi Pemerintah Kabupaten Bengkayang",
            "https://bengkayang.example/index.php/berita/412-posyandu",
        );
        assert_eq!(joomla.summary, None);
        assert_eq!(
            joomla.page_url.as_deref(),
            Some("https://bengkayang.example/index.php/berita/412-posyandu")
        );
        let folder = page(
            "Posyandu remaja melayani pemeriksaan gizi di 12 desa.",
            "https://bengkayang.example/",
        );
        assert_eq!(
            folder.summary.as_deref(),
            Some("Posyandu remaja melayani pemeriksaan gizi di 12 desa.")
        );
        assert_eq!(folder.page_url, None, "a folder's address is no page's");
    }

    #[test]
    fn a_title_part_the_page_shows_as_a_line_is_the_headline() {
        let html = r#"<head><title>Harian Pagi Sumbawa Ekspres - Petani Garam Lunyuk Panen Lebih Awal</title></head>
            <body><table><tr><td><p class="tanggal">Selasa, 01 Desember 2026</p>
            <p class="judul">Petani Garam Lunyuk Panen Lebih Awal</p><p>Petani garam di Desa Lunyuk mulai memanen garam lebih awal.</p>
            </td></tr><tr><td>Copyright 2026 Harian Pagi Sumbawa Ekspres.</td></tr></table></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Petani Garam Lunyuk Panen Lebih Awal")
        );
    }

    #[test]
    fn a_heading_classed_as_the_site_name_is_not_the_headline() {
        let html = r#"<head><title>Universitas Raya :: Berita :: Mahasiswa Rancang Perahu Listrik</title></head>
            <body><div id="header"><h1 class="site-name">Universitas Raya</h1></div>
            <h2 class="judul">Mahasiswa Rancang Perahu Listrik</h2></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Mahasiswa Rancang Perahu Listrik")
        );
    }

    #[test]
    fn a_heading_that_links_home_is_the_site_not_the_headline() {
        let html = r#"<head><title>Das vermutlich schwulste Musikvideo der Welt :  Krimiblog-Archiv | Ermittlungen zum Verfall der Sitten</title></head>
            <body><h1 class="vcard"><a href="http://archiv.krimiblog.de/" title="Home">Krimiblog-Archiv</a></h1><h2>Das vermutlich schwulste Musikvideo der Welt</h2></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Das vermutlich schwulste Musikvideo der Welt")
        );
        let html = r#"<head><title>Disfunctions.de  » Blog Archiv   » Podcasts in Plex einbinden</title></head>
            <body><h1><a href="https://disfunctions.de">Disfunctions.de</a></h1></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Podcasts in Plex einbinden")
        );
    }

    #[test]
    fn the_h1s_typography_over_the_metadatas_ascii() {
        let html = r#"<head><meta property="og:title" content="Minister-president presente n'e &quot;Trashion Fashion Show&quot;"></head>
            <body><h1>Minister-president presente n’e “Trashion Fashion Show”</h1></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Minister-president presente n’e “Trashion Fashion Show”")
        );
        let html = r#"<head><meta property="og:title" content="Alles hat seine Zeit..."></head>
            <body><h1>Alles hat seine Zeit…</h1></body>"#;
        assert_eq!(title_of(html).as_deref(), Some("Alles hat seine Zeit…"));
    }

    #[test]
    fn the_h1_is_the_headline_when_another_source_agrees() {
        // An SEO wording in og:title, a shorter JSON-LD headline: the `<h1>` is what readers see.
        assert_eq!(
            title_of(
                r#"<head><title>Minions mit Schablonen malen - mit Malerrolle & bunter Farbe</title>
                <meta property="og:title" content="Minions mit Schablonen malen - mit Malerrolle &amp; bunter Farbe"></head>
                <body><h1>Minions mit Schablonen malen – mit Malerrolle und bunten Farben</h1></body>"#
            )
            .as_deref(),
            Some("Minions mit Schablonen malen – mit Malerrolle und bunten Farben")
        );
        // A last part of the `<h1>` that the metadata leaves out is not the headline's ...
        assert_eq!(
            title_of(
                r#"<head><meta property="og:title" content="Was wir über uns nicht hören wollen"></head>
                <body><h1>Was wir über uns nicht hören wollen <span>| FASSETTE.NET</span></h1></body>"#
            )
            .as_deref(),
            Some("Was wir über uns nicht hören wollen")
        );
        // A kicker set in the `<h1>` over the headline is not part of it.
        assert_eq!(
            title_of(
                r#"<head><meta property="og:title" content="Rene Benko-Firma Signa in Sorge - Finanzdaten und Berater-Auftrag"></head>
                <body><h1><span class="kicker">Immobilienkrise</span> Rene Benko-Firma Signa in Sorge – Finanzdaten und Berater-Auftrag</h1></body>"#
            )
            .as_deref(),
            Some("Rene Benko-Firma Signa in Sorge – Finanzdaten und Berater-Auftrag")
        );
        // Words of the `<h1>` the metadata leaves out, in no element of their own, stay.
        assert_eq!(
            title_of(
                r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Ultium Cells erhöht Gigafactory-Kapazität"}</script></head>
                <body><h1>Ultium Cells erhöht Gigafactory-Kapazität in Tennessee</h1></body>"#
            )
            .as_deref(),
            Some("Ultium Cells erhöht Gigafactory-Kapazität in Tennessee")
        );
        // The `<h1>`'s capitals are the headline's, not a metadata's recasing.
        assert_eq!(
            title_of(
                r#"<head><meta property="og:title" content="Meta-Programming In Emacs Using Defadvice"></head>
                <body><h1>Meta-Programming In Emacs Using defadvice</h1></body>"#
            )
            .as_deref(),
            Some("Meta-Programming In Emacs Using defadvice")
        );
        // ... but one the `<title>` repeats after it is ("Teil 49").
        assert_eq!(
            title_of(
                r#"<head><title>Die Haubenfahrzeuge der Nachkriegszeit - Teil 49 - BOS-Fahrzeuge - Einsatzfahrzeuge und Wachen weltweit</title></head>
                <body><h1>Die Haubenfahrzeuge der Nachkriegszeit - Teil 49</h1></body>"#
            )
            .as_deref(),
            Some("Die Haubenfahrzeuge der Nachkriegszeit - Teil 49")
        );
        // An `<h1>` no other source agrees with is no headline ("Log In").
        assert_eq!(
            title_of(
                r#"<head><title>Woman attacks female inspector with stone at police station – Jamaica Observer</title>
                <meta property="og:title" content="Woman attacks female inspector with stone at police station"></head>
                <body><h1>Log In to your account</h1></body>"#
            )
            .as_deref(),
            Some("Woman attacks female inspector with stone at police station")
        );
    }

    #[test]
    fn a_title_part_a_lower_heading_repeats_is_the_headline() {
        assert_eq!(
            title_of(
                r#"<head><title>ATLANTIS DONATES MEDICAL SUPPLIES TO BAARK | Nassau / Paradise Island, Bahamas | Bahamas Local News - Nassau</title></head>
                <body><h4>ATLANTIS DONATES MEDICAL SUPPLIES TO BAARK</h4></body>"#
            )
            .as_deref(),
            Some("ATLANTIS DONATES MEDICAL SUPPLIES TO BAARK")
        );
    }

    #[test]
    fn a_site_name_that_is_the_headline_is_not_stripped() {
        assert_eq!(
            strip_site_name(
                "Bürgerbeteiligung für Windpark Steinheim | EnBW",
                Some("Bürgerbeteiligung für Windpark Steinheim"),
                None
            ),
            "Bürgerbeteiligung für Windpark Steinheim"
        );
    }

    #[test]
    fn a_page_titled_only_with_the_sites_name_keeps_it() {
        let html = r#"<head><title>Gaby’s - Colours of the Soul</title></head>
            <body><h1><a href="http://www.colours.example">Gaby’s - Colours of the Soul</a></h1></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Gaby’s - Colours of the Soul")
        );
    }

    fn authors_of(html: &str) -> Vec<String> {
        read(&Document::from(html), &Rules::default()).authors
    }

    #[test]
    fn two_author_links_side_by_side_are_two_authors() {
        // No space between the links: the line reads "Jessica TranAlan Whitfield", and the
        // first name shows elsewhere (a contact line); both are links of their own.
        let html = r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Water main break","author":[{"@type":"Person","name":"Jessica Tran"},{"@type":"Person","name":"Alan Whitfield"}]}</script></head>
            <body><h1>Water main break</h1><div class="by"><a href="/staff/1/jessica-tran/">Jessica Tran</a><a href="/staff/2/alan-whitfield/">Alan Whitfield</a><div>Courier</div></div>
            <p>A main broke on Wednesday.</p><p><em>Contact Jessica Tran at jt@courier.example.</em></p></body>"#;
        assert_eq!(authors_of(html), ["Jessica Tran", "Alan Whitfield"]);
        // A name the page never shows is still left out.
        let unseen = html.replace(">Alan Whitfield</a>", ">Profil</a>");
        assert_eq!(authors_of(&unseen), ["Jessica Tran"]);
    }

    #[test]
    fn the_writer_over_the_editor_in_a_credit_row() {
        let html = r#"<body><h1>Produksi Kopi Turun</h1><div class="kredit">
            <span>Teks: <a href="/penulis/wulan">Wulan Anggraini</a></span>
            <span>Grafis: <a href="/penulis/rendy">Rendy Saputra</a></span>
            <span>Editor: Teguh Prasetyo</span></div><p>Isi.</p></body>"#;
        assert_eq!(authors_of(html), ["Wulan Anggraini"]);
        // An editor credited alone is no author either.
        let editor_only =
            r#"<body><h1>Produksi Kopi Turun</h1><p>Editor: Teguh Prasetyo</p><p>Isi.</p></body>"#;
        assert_eq!(authors_of(editor_only), Vec::<String>::new());
    }

    #[test]
    fn a_columnists_box_with_a_verified_mark() {
        let html = r#"<body><h1>Ketika Pasar Terapung Kehilangan Pembelinya</h1>
            <div class="read-author-box"><div class="author-info">
            <div class="author-name"><a href="/rahmah">Rahmah Febriani</a> <span class="verified">✔</span></div>
            <div class="author-bio">Guru IPS di Banjarmasin.</div><div class="author-stats"><span>84 Artikel</span></div></div></div>
            <p>Isi.</p></body>"#;
        assert_eq!(authors_of(html), ["Rahmah Febriani"]);
    }

    #[test]
    fn the_organisation_issuing_a_press_release_is_no_author() {
        let release = |label: &str, under: &str| {
            format!(
                r#"<head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Koperasi Ekspor Kopi","author":{{"@type":"Organization","name":"Koperasi Produsen Kopi Gunung Sari"}}}}</script></head>
                <body>{label}<h1>Koperasi Ekspor Kopi</h1><div>{under}</div><p>Isi.</p></body>"#
            )
        };
        let none = Vec::<String>::new();
        // Known by its label over the headline, or by the line naming its issuer.
        assert_eq!(
            authors_of(&release("<div>SIARAN PERS</div>", "01 Des 2026")),
            none
        );
        let issuer = r#"<span>Disiarkan oleh <a href="/org/1">Koperasi Produsen Kopi Gunung Sari</a></span>"#;
        assert_eq!(authors_of(&release("", issuer)), none);
        // The same data on a page that is no release names the organisation.
        assert_eq!(
            authors_of(&release("", "01 Des 2026")),
            ["Koperasi Produsen Kopi Gunung Sari"]
        );
        // An agency credited as the author's organisation on a news story stays.
        let agency = r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Deuda externa","author":{"@type":"Organization","name":"EFE"}}</script></head>
            <body><h1>Deuda externa</h1><p>Texto.</p></body>"#;
        assert_eq!(authors_of(agency), ["EFE"]);
    }

    #[test]
    fn an_author_in_a_teaser_of_another_story_is_not_the_articles() {
        let html = r#"<body><article><header><h1>Dealing with chikan</h1>
            <p>By <a href="/author/amelie/" rel="author">Amelie Marie Nishizawa</a> <time>Feb 8, 2020</time></p></header>
            <p>Text.</p></article>
            <section><h2>More posts</h2><div class="card"><h3><a href="/vegan-food/">Vegan food in Japan</a></h3>
            <p>A guide.</p><p>By <a href="/author/chiara/" rel="author">Chiara Terzuolo</a> <time>Feb 18, 2020</time></p></div></section></body>"#;
        assert_eq!(authors_of(html), ["Amelie Marie Nishizawa"]);
        // Two authors of the article's own byline stay.
        let two = html.replace(
            "</a> <time>Feb 8",
            r#"</a> and <a href="/author/ken/" rel="author">Ken Sato</a> <time>Feb 8"#,
        );
        assert_eq!(authors_of(&two), ["Amelie Marie Nishizawa", "Ken Sato"]);
        // A blog's own post under a linked `<h2>` is no teaser.
        let blog = r#"<body><div class="post"><h2><a href="/2020/chikan/">Dealing with chikan</a></h2>
            <p>By <a href="/author/amelie/" rel="author">Amelie Marie Nishizawa</a></p><p>Text.</p></div></body>"#;
        assert_eq!(authors_of(blog), ["Amelie Marie Nishizawa"]);
    }

    #[test]
    fn a_handle_marked_as_the_author_by_the_headline() {
        let html = r#"<body><h1>Hit Parader’s Top 100 Metal Vocalists of All Time</h1>
            <p class="headline_meta">by <span class="author vcard fn">oz</span> on <abbr class="published">December 4, 2006</abbr></p><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), ["oz"]);
    }

    #[test]
    fn a_byline_that_names_a_desk_ends_the_search() {
        let html = r#"<body><h1>Americas at risk of further COVID-19 wave</h1>
            <div class="author-date"><span class="vcard author">Published by BBNTEAM</span> at April 21, 2022</div><p>Text.</p>
            <aside><div class="post-author">Latest Stories</div></aside></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
    }

    #[test]
    fn a_photo_credit_is_no_byline() {
        let html = r#"<body><h1>Nicaragua cerró 2021 con deuda externa récord</h1>
            <div><img src="a.jpg"><span class="img-author">Cortesía</span></div><p>(EFE).- Nicaragua cerró 2021 con una deuda externa total.</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
        let html = r#"<body><h1>Nicaragua cerró 2021 con deuda externa récord</h1>
            <div><img src="a.jpg"><span class="photo-author">Carlos Herrera</span></div><p>Texto.</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
    }

    #[test]
    fn a_photographer_is_the_author_only_when_nothing_names_a_writer() {
        let html = r#"<body><h1>Tradisi Bakar Tongkang di Bagansiapiapi</h1>
            <div class="meta">Fotografer: <a href="/fotografer/teguh">Teguh Prasetya</a> · Senin, 07 Des 2026 19:10 WIB</div>
            <p>Ribuan warga dan wisatawan memadati Kelenteng Ing Hok King di Bagansiapiapi.</p></body>"#;
        assert_eq!(authors_of(html), ["Teguh Prasetya"]);
        // The writer named beside the dateline wins over the photographer's credit.
        let html = r#"<body><h1>Japanisches Mini-SUV auf dem Vormarsch</h1><p>5. November 2021, 10:39 Uhr</p>
            <p>Solveig Grewe</p><p>Photographer: Max Mustermann</p><p>Der Toyota Yaris Cross bietet reichlich Bodenfreiheit, einen Hybridantrieb und Allrad.</p></body>"#;
        assert_eq!(authors_of(html), ["Solveig Grewe"]);
    }

    #[test]
    fn a_name_beside_the_dateline_under_the_headline() {
        let html = r#"<body><h1>Japanisches Mini-SUV auf dem Vormarsch</h1><p>Neuheit</p><p>5. November 2021, 10:39 Uhr</p>
            <p>Solveig Grewe</p><p>Der Toyota Yaris Cross bietet reichlich Bodenfreiheit, einen Hybridantrieb und Allrad.</p></body>"#;
        assert_eq!(authors_of(html), ["Solveig Grewe"]);
        let html = r#"<body><h1>Investigador chileno asegura que no publicó todo su material</h1><h2>Hugo Bustos asegura</h2>
            <p>Ariel Melgar Cabrera 3/5/2022 22:41</p><p>Texto de la nota.</p></body>"#;
        assert_eq!(authors_of(html), ["Ariel Melgar Cabrera"]);
        // A box title by the date of another story is none.
        let html = r#"<body><h1>Radical Pop-Ups und Dips</h1><p>28. Januar 2022</p><p>Ein langer Text über Pop-Ups, der weit mehr als acht Wörter hat.</p>
            <h1>Fischundfang</h1><p>Latest Stories</p><p>27. Januar 2022</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
        // A tag with no date beside it is no byline.
        let html = r#"<body><h1>Ultium Cells erhöht Gigafactory-Kapazität in Tennessee</h1><p>Ultium Cells</p>
            <p>Autor: Die Redaktion</p><p>Veröffentlicht am 06.12.2022</p><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
    }

    #[test]
    fn a_labelled_line_that_goes_on_as_no_byline_names_no_one() {
        let html = r#"<body><h1>Trinkwasser in Schwarzenmatt belastet</h1><p>Am Samstag warnte die Gemeinde.</p>
            <ul><li><a href="/x">Von Einheimischen, Gästen und ganz viel Kühen</a></li></ul></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
    }

    #[test]
    fn an_organisation_named_by_its_web_address_is_the_outlet() {
        let html = r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"VW-Chef warnt vor Tesla","author":{"@type":"Organization","name":"oe24.at"}}</script></head>
            <body><h1>VW-Chef warnt vor Tesla</h1><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
        let html = r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"VW-Chef warnt vor Tesla","author":{"@type":"Organization","name":"dpa-AFX"}}</script></head>
            <body><h1>VW-Chef warnt vor Tesla</h1><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), ["dpa-AFX"]);
    }

    #[test]
    fn an_indonesian_posted_by_line_names_the_author() {
        let html = r#"<body><h2>Mahasiswa Teknik Rancang Perahu Listrik</h2>
            <div class="info">Diposting oleh: <b>Humas UNTARA</b> | Senin, 07/12/2026 | Dibaca: 1.234 kali</div>
            <p>Isi berita.</p></body>"#;
        assert_eq!(authors_of(html), ["Humas UNTARA"]);
    }

    #[test]
    fn reporters_not_editors() {
        let body = |byline: &str| {
            format!("<body><h1>Judul berita yang cukup panjang</h1>{byline}<p>Isi.</p></body>")
        };
        assert_eq!(
            authors_of(&body(
                r#"<div class="author">Penulis: Ani Lestari | Editor: Budi Santoso</div>"#
            )),
            ["Ani Lestari"]
        );
        assert_eq!(
            authors_of(&body(
                r#"<div class="byline">Reporter: Ani Lestari, Dedi Kurniawan. Editor: Budi Santoso</div>"#
            )),
            ["Ani Lestari", "Dedi Kurniawan"]
        );
        assert_eq!(
            authors_of(&body(
                r#"<p class="author-name"><a href="/profile/az">Andrew Zonenberg</a>, View my complete profile</p>"#
            )),
            ["Andrew Zonenberg"]
        );
        assert_eq!(
            authors_of(&body(r#"<p class="byline">By AFP</p>"#)),
            ["AFP"]
        );
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Ani Lestari, Dedi Kurniawan"></head><body><p>Ani Lestari dan Dedi Kurniawan</p></body>"#
            ),
            ["Ani Lestari", "Dedi Kurniawan"]
        );
    }

    #[test]
    fn names_stated_for_machines_count_when_the_page_shows_them() {
        // The CMS account that uploaded the article is named in the meta tag only; the
        // byline a reader sees names the writer.
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Paul Soldan"></head><body><h1>Ein Interview mit vielen Worten</h1><p class="byline">Von Eugen Zentner</p></body>"#
            ),
            ["Eugen Zentner"]
        );
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Cornelius Karow"></head><body><h1>Eine Nachricht</h1><p>Autor: Die Redaktion</p></body>"#
            ),
            Vec::<String>::new()
        );
        // "Jan" of the domain "jan-grosser.de" is no mention of Jan.
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Jan"></head><body><p>jan-grosser.de</p><h1>Dateien zwischen Linux und C64</h1></body>"#
            ),
            Vec::<String>::new()
        );
        // "Lynn" inside "Heavenlynn" is no mention of Lynn.
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Lynn"></head><body><h1>Heavenlynn Healthy</h1></body>"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_author_of_the_outlets_name_lets_the_byline_speak() {
        // "Interscenario" is the site (INTERSCENAR.IO); the byline names the writer.
        assert_eq!(
            authors_of(
                r#"<head><meta property="og:site_name" content="INTERSCENAR.IO"><meta name="author" content="Interscenario"></head>
                <body><h1>Was wir über uns nicht hören wollen</h1><p>Author:</p><p>Gàbor Muniér</p><p>Interscenario</p></body>"#
            ),
            ["Gàbor Muniér"]
        );
        // A desk of the outlet in the meta tag is no person.
        assert_eq!(
            authors_of(
                r#"<head><meta property="og:site_name" content="La Estrella de Panamá"><meta name="author" content="GESE - La Estrella de Panamá"></head>
                <body><h1>El espacio físico en el entorno laboral</h1><p>GESE</p><p>Por María Alejandra Carrasquilla Reina</p></body>"#
            ),
            ["María Alejandra Carrasquilla Reina"]
        );
        // The publisher of a one-person blog is that person, and may sign the post.
        assert_eq!(
            authors_of(
                r#"<head><script type="application/ld+json">{"@type":"BlogPosting","headline":"Warum Wien","publisher":{"@type":["Person","Organization"],"name":"Helge Fahrnberger"},"author":{"@type":"Person","name":"Helge Fahrnberger"}}</script></head>
                <body><h1>Warum Wien</h1><span class="meta-text">By <a href="/author/helge/">Helge Fahrnberger</a></span></body>"#
            ),
            ["Helge Fahrnberger"]
        );
    }

    #[test]
    fn the_outlet_by_its_feed_its_initials_or_its_host_is_no_author() {
        // The feed link names the site.
        assert_eq!(
            authors_of(
                r#"<head><link rel="alternate" type="application/rss+xml" title="Hildesheimer Presse &raquo; Feed" href="/feed/"></head>
                <body><h1>Hund vertreibt Einbrecher – Zeugenaufruf</h1><p class="byline">Von <a href="/author/hp/">Hildesheimer Presse</a></p><p>Text.</p></body>"#
            ),
            Vec::<String>::new()
        );
        // "JF" is "JUNGE FREIHEIT": a teaser's author field; the writer is by the dateline.
        assert_eq!(
            authors_of(
                r#"<head><meta property="og:site_name" content="JUNGE FREIHEIT"></head>
                <body><ul><li class="post-meta--author"><a href="/author/redaktion/">JF</a></li></ul>
                <h1>Kaisers royaler Wochenrückblick</h1><p>Kommentar</p><p>19. Oktober 2019</p><p>Boris T. Kaiser</p><p>Text.</p></body>"#
            ),
            ["Boris T. Kaiser"]
        );
        // A one-word author that spells the host; a person's name that does stays.
        assert_eq!(
            authors_of(
                r#"<head><link rel="canonical" href="https://fischerhuette.hejfish.com/anglertalk/"></head>
                <body><h1>Anglertalk mit Stephan Höferer</h1><p class="byline">von hejfish</p><p>Text.</p></body>"#
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            authors_of(
                r#"<head><link rel="canonical" href="https://www.heiko-adams.de/laufen/"></head>
                <body><h1>Laufen im Winter</h1><p class="byline">von Heiko Adams</p><p>Text.</p></body>"#
            ),
            ["Heiko Adams"]
        );
        // The outlet in the first author field: the later ones are of teasers.
        assert_eq!(
            authors_of(
                r#"<head><meta property="og:site_name" content="Attac France"></head>
                <body><h1>Les privatisations sont au profit d’intérêts privés</h1><p>Texte.</p>
                <p><a href="/a"><span class="vcard author">Attac France</span></a></p><p><a href="/b"><span class="vcard author">Les Amis de la Terre</span></a></p></body>"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_copyright_notice_shows_no_byline() {
        assert_eq!(
            authors_of(
                r#"<head><meta itemprop="author" content="Cornel"></head><body><h1>Tote Hummeln unter Linden</h1><p>Text.</p>
                <div>&copy; 2020 <a href="/me"><span>Cornel</span> <span>van Bebber</span></a> Diese Seite ist urheberrechtlich geschützt.</div></body>"#
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            authors_of(
                r#"<head><meta name="author" content="Florian Posdziech"></head><body><h1>Copy and paste from tmux</h1><p>Text.</p>
                <footer>Archive – RSS – 2009-2020 by <a href="/contact/">Florian Posdziech</a></footer></body>"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_owners_links_to_their_own_pages_show_no_byline() {
        let html = r#"<head><meta name="author" content="Matthias Hille - Lukas Balbach"></head>
            <body><ul class="blogroll"><li><a href="http://www.lukas-balbach.example/" rel="me">Lukas Balbach</a></li>
            <li><a href="http://www.matthiashille.example" rel="me">Matthias Hille</a></li></ul>
            <h1>Podcasts in Plex einbinden</h1><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), Vec::<String>::new());
        // The same name in the byline is shown.
        let html = r#"<head><meta name="author" content="Matthias Hille"></head>
            <body><ul class="blogroll"><li><a href="http://www.matthiashille.example" rel="me">Matthias Hille</a></li></ul>
            <h1>Podcasts in Plex einbinden</h1><p>Geschrieben von Matthias Hille</p><p>Text.</p></body>"#;
        assert_eq!(authors_of(html), ["Matthias Hille"]);
    }

    #[test]
    fn a_byline_that_names_more_than_the_data() {
        assert_eq!(
            authors_of(
                r#"<head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Das neue Pro Race im ersten Test","author":{"@type":"Person","name":"Rudolf Fischer"}}</script></head>
                <body><h1>Das neue Pro Race im ersten Test</h1><p>von Rudolf Fischer, Simon Kohler</p><p>Text.</p></body>"#
            ),
            ["Rudolf Fischer", "Simon Kohler"]
        );
    }

    #[test]
    fn a_name_after_the_date_under_the_headline() {
        assert_eq!(
            authors_of(
                r#"<body><h1>Variablen und ihr Zuhause</h1><p>11.12.2019 - Amelie Loevenich</p><p>Text.</p></body>"#
            ),
            ["Amelie Loevenich"]
        );
        // A date above the headline is not beside a link under it.
        assert_eq!(
            authors_of(
                r#"<body><p>12. November 2015 / 13:48</p><h1>3 verrückte Orte in Berlin</h1><p><a href="https://video.example/x">Zum Video</a></p><p>Text.</p></body>"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_link_to_the_authors_archive_names_the_author() {
        assert_eq!(
            authors_of(
                r#"<body><div class="teaser-box author short">
                <div>Johanna Kropfitsch</div>
                <div><a href="/search?author=jk">Alle Artikel</a></div></div>
                <h1>Konzert-Highlights im November 2022</h1><p>Text.</p></body>"#
            ),
            ["Johanna Kropfitsch"]
        );
        assert_eq!(
            authors_of(
                r#"<body><h1>Firmenwagen: Leasing oder Finanzierung?</h1><p>Text.</p><h3>Martin Junker</h3><p><a href="/author/mj">Alles von Martin Junker</a></p></body>"#
            ),
            ["Martin Junker"]
        );
    }

    #[test]
    fn bylines_in_the_markup_sites_use() {
        let body = |byline: &str| {
            format!(
                "<body><h1>Ein Titel mit einigen Worten</h1>{byline}<p>Text des Artikels.</p></body>"
            )
        };
        assert_eq!(
            authors_of(&body(
                r#"<div><span>By</span><span><a href="/about/alex">Alex Bozarjian</a></span></div>"#
            )),
            ["Alex Bozarjian"]
        );
        assert_eq!(
            authors_of(&body(
                r#"<li class="post-author"><span class="screen-reader-text">Post author</span><span>By <a href="/author/helge/">Helge Fahrnberger</a></span></li>"#
            )),
            ["Helge Fahrnberger"]
        );
        assert_eq!(
            authors_of(&body(
                r#"<span class="category">Posted by Konstantin</span>"#
            )),
            ["Konstantin"]
        );
        assert_eq!(
            authors_of(&body(r#"<p>Por:</p><p>Juan Diego</p>"#)),
            ["Juan Diego"]
        );
        // A weekday in a dateline's place is no name.
        assert_eq!(
            authors_of(&body(
                r#"<p class="author">Donnerstag, 4. November 2021</p>"#
            )),
            Vec::<String>::new()
        );
        // The site's name marked up as its author links to the home page.
        assert_eq!(
            authors_of(
                r#"<body><h1 class="vcard author"><a href="http://archiv.krimiblog.de/" class="fn">Krimiblog-Archiv</a></h1>
                <h3>Das vermutlich schwulste Musikvideo der Welt</h3><h4 class="vcard author">vom <span class="fn">Krimiblogger</span></h4></body>"#
            ),
            ["Krimiblogger"]
        );
        // A handle, linked to the author's page, as written.
        assert_eq!(
            authors_of(&body(
                r#"<p>Veröffentlicht am 12. Juni 2017 <span class="byline">von <a href="/author/gizzmo/">gizzmo</a></span></p>"#
            )),
            ["gizzmo"]
        );
        // The member field of a search form is no byline.
        assert_eq!(
            authors_of(
                r#"<body><form><div class="input-group"><span>Von:</span><input name="user"></div><div class="menu-footer"><button>Suche</button></div></form>
                <p>Start</p><p>Forum</p><p>Magazin</p><p>Impressum</p><h1>Raubfisch-Rute im Test</h1><p>Text.</p></body>"#
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_title_part_that_spells_the_host_is_the_site() {
        let url = Some("https://www.chadim.net/schreibstil/");
        assert_eq!(
            without_host_part("Der Schreibstil - chadim.net", url),
            "Der Schreibstil"
        );
        let url = Some("https://www.brandeins.de/magazine/x");
        assert_eq!(
            without_host_part("Rutger Bregman: Unser wahres Ich - brand eins online", url),
            "Rutger Bregman: Unser wahres Ich"
        );
        let url = Some("https://www.energieverbraucher.de/de/gaspreise");
        assert_eq!(
            without_host_part("energieverbraucher.de | Gaspreise", url),
            "Gaspreise"
        );
        let url = Some("https://www.bergsteigen.com/news/x");
        assert_eq!(
            without_host_part(
                "Skibergsteigen: Schnell und leicht mit den C.A.M.P. - Neuheiten",
                url
            ),
            "Skibergsteigen: Schnell und leicht mit den C.A.M.P. - Neuheiten"
        );
        let url = Some("https://www.kompas.com/read/x");
        assert_eq!(
            without_host_part("Jokowi - Prabowo Bertemu di Istana", url),
            "Jokowi - Prabowo Bertemu di Istana"
        );
    }

    #[test]
    fn a_site_name_set_off_without_spaces_in_a_chinese_title() {
        assert_eq!(
            strip_short_last_part("武汉的声音：有英勇的你，才有英雄的城！-新华网"),
            "武汉的声音：有英勇的你，才有英雄的城！"
        );
        // A latin word after a dash is part of the headline.
        assert_eq!(
            strip_short_last_part("武汉的声音：有英勇的你-Update"),
            "武汉的声音：有英勇的你-Update"
        );
    }

    #[test]
    fn a_kicker_or_subtitle_in_its_own_element_leaves_the_headline() {
        let subtitle = r#"<head><title>Bahn streicht Nachtzüge - Beispielblatt</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Bahn streicht Nachtzüge"}</script></head>
            <body><h1><span>Bahn streicht Nachtzüge</span> <span>Ein Fahrplan ohne Schlafwagen</span></h1></body>"#;
        assert_eq!(
            title_of(subtitle).as_deref(),
            Some("Bahn streicht Nachtzüge")
        );
        let kicker = r#"<head><title>Einheit der Woche | Lagen mit Kraul - Beispiel</title>
            <script type="application/ld+json">{"@type":"Article","headline":"Lagen mit Kraul"}</script></head>
            <body><h1><span><small>Einheit der Woche</small><br>Lagen mit Kraul</span></h1></body>"#;
        assert_eq!(title_of(kicker).as_deref(), Some("Lagen mit Kraul"));
    }

    #[test]
    fn the_one_heading_wins_over_a_title_nothing_agrees_with() {
        let html = r#"<head><title>Schafe: Information and Resources | Beispiel</title>
            <meta property="og:title" content="Schafe: Information and Resources | Beispiel"></head>
            <body><h1>Wie Schafe im Winter gesund bleiben</h1><p>Text.</p></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Wie Schafe im Winter gesund bleiben")
        );
        // Several headings: none is the page's own, the metadata stays.
        let teasers = r#"<head><title>Information and Resources | Beispiel</title>
            <meta property="og:title" content="Information and Resources | Beispiel"></head>
            <body><h1>Wie Schafe im Winter gesund bleiben</h1><h1>Ziegen auf der Alm heute</h1></body>"#;
        assert_eq!(
            title_of(teasers).as_deref(),
            Some("Information and Resources | Beispiel")
        );
    }

    #[test]
    fn a_short_heading_the_title_spells_before_the_site_is_the_headline() {
        let html = r#"<head><title>Beitragseinreichung | Wiener Beispielrevue</title></head>
            <body><h1>Beitragseinreichung</h1><p>Text.</p></body>"#;
        assert_eq!(title_of(html).as_deref(), Some("Beitragseinreichung"));
        // A logo's one word in the title's last part is the site, not the headline.
        let logo = r#"<head><title>Wie Schafe im Winter gesund bleiben | Schafblog</title></head>
            <body><h1>Schafblog</h1><p>Text.</p></body>"#;
        assert_eq!(
            title_of(logo).as_deref(),
            Some("Wie Schafe im Winter gesund bleiben")
        );
    }

    #[test]
    fn a_section_name_in_og_title_is_no_headline() {
        let html = r#"<head><title>BDZV: Olafur Eliasson gestaltet Titelseite für die deutschen Zeitungen</title>
            <meta property="og:title" content="Pressemitteilungen"></head>
            <body><h1>Olafur Eliasson gestaltet Titelseite für die deutschen Zeitungen</h1></body>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Olafur Eliasson gestaltet Titelseite für die deutschen Zeitungen")
        );
    }

    #[test]
    fn site_names_leave_titles() {
        let s = |t, site| strip_site_name(t, site, None);
        assert_eq!(
            s("Judul Berita | Harian Pagi", Some("Harian Pagi")),
            "Judul Berita"
        );
        assert_eq!(
            s(
                "The Harbor Gazette - Café closes",
                Some("The Harbor Gazette")
            ),
            "Café closes"
        );
        assert_eq!(
            s("Jokowi - Prabowo Bertemu di Istana", Some("Kompas")),
            "Jokowi - Prabowo Bertemu di Istana"
        );
        assert_eq!(
            s("UN agency warns of record heat | GWS News", None),
            "UN agency warns of record heat"
        );
        assert_eq!(
            strip_site_name(
                "Warga Tolak TPA :: Suara Priangan",
                None,
                Some("Warga Tolak TPA")
            ),
            "Warga Tolak TPA"
        );
    }
}
