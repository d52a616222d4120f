//! An article's terms in a taxonomy: where each kind of taxonomy finds them in the article;
//! and the warning when different names end up on one term page.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use super::Article;
use super::tags::{MAX_SEGMENT, shortened, slug_of, spelling_key};
use crate::config::{Config, TaxonomyDef, TermKey};
use crate::text::floor_char_boundary;

/// The names an article files under `taxonomy` with their slugs, in the article's order,
/// each slug once. Names without letters or digits have no page and are left out.
pub fn of<'a>(article: &'a Article, taxonomy: &TaxonomyDef) -> Vec<(Cow<'a, str>, String)> {
    let mut terms = Vec::new();
    let mut slugs = Slugs::default();
    slugs.terms(article, taxonomy, |name, slug| {
        terms.push((name, slug.to_string()));
    });
    terms
}

/// The slugs of one taxonomy's names, each made once: the site-wide passes ask for the
/// terms of every article, and a site of a million articles has thousands of authors and
/// outlets, not a million (slugging each name again was a few percent of a one-edit build).
#[derive(Default)]
pub struct Slugs {
    known: HashMap<Box<str>, Rc<str>, ahash::RandomState>,
}

impl Slugs {
    /// Calls `visit` with each name `article` files under `taxonomy` and its slug, as [`of`]
    /// gives them.
    pub fn terms<'a>(
        &mut self,
        article: &'a Article,
        taxonomy: &TaxonomyDef,
        mut visit: impl FnMut(Cow<'a, str>, &str),
    ) {
        let names: Vec<Cow<'a, str>> = match &taxonomy.key {
            TermKey::Tags => {
                // Checked and slugged when the article was read.
                for t in &article.tags {
                    visit(Cow::Borrowed(t.name.as_str()), &t.slug);
                }
                return;
            }
            TermKey::Authors => article
                .authors
                .iter()
                .map(|a| Cow::Borrowed(&**a))
                .collect(),
            TermKey::Source => source_name(article).into_iter().collect(),
            TermKey::Category => article
                .category
                .as_deref()
                .map(Cow::from)
                .into_iter()
                .collect(),
            TermKey::Extra(key) => match article.extra().get(key) {
                Some(serde_json::Value::String(s)) => vec![s.as_str().into()],
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .filter_map(|v| v.as_str().map(Cow::from))
                    .collect(),
                _ => Vec::new(),
            },
        };
        let mut given: Vec<Rc<str>> = Vec::with_capacity(names.len());
        for name in names {
            let name = match name.trim() {
                trimmed if trimmed.len() == name.len() => name,
                trimmed => Cow::Owned(trimmed.to_string()),
            };
            let slug = self.slug(&name, taxonomy);
            if !slug.is_empty() && !given.contains(&slug) {
                visit(name, &slug);
                given.push(slug);
            }
        }
    }

    /// The slug of a term's (trimmed) name; empty when it has no page.
    fn slug(&mut self, name: &str, taxonomy: &TaxonomyDef) -> Rc<str> {
        if let Some(slug) = self.known.get(name) {
            return slug.clone();
        }
        let mut slug = slug_of(name, &taxonomy.slugs);
        if slug.len() > MAX_SEGMENT {
            slug.truncate(floor_char_boundary(&slug, MAX_SEGMENT));
            slug.truncate(slug.trim_end_matches('-').len());
        }
        let slug: Rc<str> = slug.into();
        self.known.insert(name.into(), slug.clone());
        slug
    }
}

/// The outlet an article mirrors: `source_name`, else the host of `source` without `www.`.
pub fn source_name(article: &Article) -> Option<Cow<'_, str>> {
    if let Some(name) = &article.source_name {
        return Some(Cow::Borrowed(name));
    }
    let url = url::Url::parse(article.source.as_deref()?).ok()?;
    let host = url.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string().into())
}

/// The home page of the outlet at `source` (`https://news.example/`).
pub fn source_home(source: &str) -> Option<String> {
    let url = url::Url::parse(source).ok()?;
    Some(format!("{}://{}/", url.scheme(), url.host_str()?))
}

/// A name as first written (its spelling key, the name, a file that writes it).
type Spelling<'a> = (String, Cow<'a, str>, &'a Path);

/// [`merged_names`] of the tags and of every other taxonomy the site declares, in that
/// order. The taxonomies are looked at side by side: a build waits for this with its other
/// cores idle.
pub fn merged_names_in_site<'a>(
    articles: impl IntoIterator<Item = &'a Article> + Clone + Send + Sync,
    config: &Config,
) -> Vec<String> {
    use rayon::prelude::*;
    let taxonomies: Vec<&TaxonomyDef> = std::iter::once(&config.tags)
        .chain(&config.taxonomies)
        .collect();
    taxonomies
        .par_iter()
        .map(|taxonomy| merged_names(articles.clone(), taxonomy))
        .collect::<Vec<Vec<String>>>()
        .concat()
}

/// One warning for each term page of `taxonomy` that different names share (not mere
/// spellings of one name), naming each name and one file that uses it, in file order.
pub fn merged_names<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    taxonomy: &TaxonomyDef,
) -> Vec<String> {
    // slug → spelling key → (the name as first written, its file), in order of appearance.
    let mut by_slug: HashMap<String, Vec<Spelling<'a>>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut slugs = Slugs::default();
    for article in articles {
        slugs.terms(article, taxonomy, |name, slug| {
            let names = match by_slug.get_mut(slug) {
                Some(names) => names,
                None => {
                    order.push(slug.to_string());
                    by_slug.entry(slug.to_string()).or_default()
                }
            };
            // Most names are written one way: compare names before computing keys.
            if names.iter().any(|(_, known, _)| *known == name) {
                return;
            }
            let key = spelling_key(&name);
            if !names.iter().any(|(k, _, _)| *k == key) {
                names.push((key, name, &article.file));
            }
        });
    }
    order.sort_unstable();
    order
        .into_iter()
        .filter_map(|slug| {
            let names = &by_slug[&slug];
            if names.len() < 2 {
                return None;
            }
            let listed: Vec<String> = names
                .iter()
                .map(|(_, name, file)| format!("{:?} ({})", shortened(name), file.display()))
                .collect();
            let (last, rest) = listed.split_last()?;
            let path = taxonomy.term_path(&slug);
            let listed = rest.join(", ");
            let example = &names[1].1;
            Some(match taxonomy.key {
                TermKey::Tags => format!(
                    "tags {listed} and {last} are different names on one tag page, {path}: if they are different tags, give all but one a slug of its own under [tag_slugs] in site.toml, such as {example:?} = \"{slug}-2\""
                ),
                _ => format!(
                    "{} {listed} and {last} are different names on one page, {path}: if they are different, give all but one a slug of its own under `slugs` of the [[taxonomies]] entry {:?} in site.toml, such as slugs = {{ {example:?} = \"{slug}-2\" }}",
                    taxonomy.name, taxonomy.name
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(config: &Config, front_matter: &str) -> Article {
        let text =
            format!("---\ntitle: A\ndate: 2024-05-06T07:08:09+07:00\n{front_matter}---\nBody.\n");
        crate::content::parse_article(config, Path::new("content/a.md"), &text)
            .unwrap()
            .0
    }

    /// A name's slug is made once for a whole pass and used for every article that names
    /// it: each article still gets its own names, trimmed, each slug once, names without a
    /// page left out.
    #[test]
    fn slugs_made_once_give_each_article_its_own_terms() {
        let config = Config::parse(
            Path::new("."),
            Path::new("site.toml"),
            "title = \"T\"\n[[taxonomies]]\nname = \"authors\"\nkey = \"author\"\n",
        )
        .unwrap();
        let authors = &config.taxonomies[0];
        let first = parse(
            &config,
            "authors: [\"Ani Lestari \", \"Budi\", \"ani lestari\"]\n",
        );
        let second = parse(&config, "authors: [\"—\", \"Budi\", \"Ani Lestari\"]\n");
        let mut slugs = Slugs::default();
        let mut terms = Vec::new();
        for article in [&first, &second] {
            let mut of_article = Vec::new();
            slugs.terms(article, authors, |name, slug| {
                of_article.push((name.into_owned(), slug.to_string()));
            });
            terms.push(of_article);
        }
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect()
        };
        assert_eq!(
            terms,
            [
                pairs(&[("Ani Lestari", "ani-lestari"), ("Budi", "budi")]),
                pairs(&[("Budi", "budi"), ("Ani Lestari", "ani-lestari")]),
            ]
        );
        let of_second: Vec<(String, String)> = of(&second, authors)
            .into_iter()
            .map(|(n, s)| (n.into_owned(), s))
            .collect();
        assert_eq!(of_second, terms[1]);
    }

    #[test]
    fn outlets_are_named_by_source_name_else_host() {
        assert_eq!(
            source_home("https://www.rmol.id/read/2022/x").as_deref(),
            Some("https://www.rmol.id/")
        );
        assert_eq!(source_home("not a url"), None);
    }
}
