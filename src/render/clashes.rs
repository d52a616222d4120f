//! Pages published on one output file: two articles with one permalink, or an article on the
//! path of a page cermin makes (`/tags/`, `/2024/`, the home page). Every clash is found and
//! told in the user's words, so one run shows them all.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::spec::{Page, PageSpec};
use crate::site::Site;
use crate::urls::output_file;

/// One output file claimed by several pages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clash {
    /// The articles' files, sorted (empty if none is involved).
    pub files: Vec<PathBuf>,
    /// `duplicate-permalink` (articles only) or `permalink-clash` (an article and a page of
    /// cermin's own).
    pub kind: &'static str,
    pub message: String,
}

/// Every clash among `pages` (with their specs), sorted by file. Pages meet by a hash of
/// their output file (a million pages' file names need not be held at once); only the pages
/// whose hash an earlier page has are told apart by the file itself.
pub fn find(site: &Site, pages: &[Page], specs: &[PageSpec]) -> Vec<Clash> {
    let hashes: Vec<u64> = specs
        .par_iter()
        .map(|spec| xxhash_rust::xxh3::xxh3_64(output_file(&spec.path).as_bytes()))
        .collect();
    let mut first: HashMap<u64, usize, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(pages.len(), Default::default());
    let mut claims: HashMap<String, Vec<usize>, ahash::RandomState> = HashMap::default();
    for (i, &hash) in hashes.iter().enumerate() {
        let earlier = *first.entry(hash).or_insert(i);
        if earlier != i {
            claims
                .entry(output_file(&specs[earlier].path))
                .or_insert_with(|| vec![earlier]);
            claims
                .entry(output_file(&specs[i].path))
                .or_default()
                .push(i);
        }
    }
    let mut clashes: Vec<Clash> = claims
        .into_values()
        .filter(|claimants| claimants.len() > 1)
        .map(|claimants| {
            // Shown at the path an article asked for, which is the one its author knows.
            let shown = claimants
                .iter()
                .find(|&&i| matches!(pages[i], Page::Article(_)))
                .unwrap_or(&claimants[0]);
            let pages: Vec<Page> = claimants.iter().map(|&i| pages[i]).collect();
            clash(site, &pages, &specs[*shown].path)
        })
        .collect();
    clashes.sort();
    clashes
}

fn clash(site: &Site, pages: &[Page], path: &str) -> Clash {
    let mut articles: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| match p {
            Page::Article(i) => Some(site.articles[*i].file.clone()),
            _ => None,
        })
        .collect();
    articles.sort();
    let others: Vec<String> = pages
        .iter()
        .filter(|p| !matches!(p, Page::Article(_)))
        .map(|p| describe(site, *p))
        .collect();
    let shown: Vec<String> = articles.iter().map(|f| f.display().to_string()).collect();
    if others.is_empty() {
        let fix = if shown.len() == 2 {
            "give one of them a different `slug`"
        } else {
            "give all but one a different `slug`"
        };
        return Clash {
            files: articles,
            kind: "duplicate-permalink",
            message: format!("{} have the same permalink {path}: {fix}", and_list(&shown)),
        };
    }
    let mut claimants: Vec<String> = shown.iter().map(|f| format!("the article {f}")).collect();
    claimants.extend(others);
    let both = if claimants.len() == 2 { "both" } else { "all" };
    Clash {
        files: articles,
        kind: "permalink-clash",
        message: format!(
            "{} are {both} published at {path}: change the article's `slug` or the `permalink` pattern in site.toml",
            and_list(&claimants)
        ),
    }
}

/// A page of cermin's own, as users know it.
fn describe(site: &Site, page: Page) -> String {
    // "the home page", "page 2 of the home page".
    let nth = |n: usize, page: String| {
        if n <= 1 {
            page
        } else {
            format!("page {n} of {page}")
        }
    };
    match page {
        Page::Article(i) => format!("the article {}", site.articles[i].file.display()),
        Page::Home(n) => nth(n, "the home page".into()),
        Page::Tags => "the tags index".into(),
        Page::Tag(t, n) => nth(n, format!("the tag page of {:?}", site.tags[t].name)),
        Page::Taxonomy(x) => format!("the {} index", site.taxonomies[x].def.name),
        Page::Term(x, k, n) => {
            let taxonomy = &site.taxonomies[x];
            let term = &taxonomy.terms[k].name;
            nth(n, format!("the {} page of {term:?}", taxonomy.def.name))
        }
        Page::Archive => "the archive page".into(),
        Page::Year(y) => format!("the archive page of {}", site.years[y].name),
        Page::Month(m, n) => nth(n, format!("the archive page of {}", site.months[m].name)),
        Page::Day(d, n) => nth(n, format!("the archive page of {}", site.days[d].name)),
        Page::NotFound => "the 404 page".into(),
        Page::Search => "the search page".into(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::site::Selection;

    #[test]
    fn pages_of_cermins_own_are_named_in_user_words() {
        let config = Config::parse(
            std::path::Path::new("."),
            std::path::Path::new("site.toml"),
            "title = \"T\"\nlanguage = \"id\"\npaginate_by = 1\npermalink = \"/:slug/\"\n",
        )
        .unwrap();
        let article = |slug: &str, tag: &str| {
            let text = format!(
                "---\ntitle: T\ndate: 2024-01-02\nslug: {slug}\ntags: [{tag}]\n---\nIsi.\n"
            );
            let file = format!("content/{slug}.md");
            std::sync::Arc::new(
                crate::content::parse_article(&config, std::path::Path::new(&file), &text)
                    .unwrap()
                    .0,
            )
        };
        let selection = Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
        };
        let site = Site::build(
            config.clone(),
            vec![article("a", "Ekonomi"), article("b", "Ekonomi")],
            selection,
        )
        .unwrap();
        let said: Vec<String> = [
            Page::Home(1),
            Page::Home(2),
            Page::Tags,
            Page::Tag(0, 1),
            Page::Tag(0, 2),
            Page::Archive,
            Page::Year(0),
            Page::Month(0, 2),
            Page::Day(0, 1),
            Page::NotFound,
        ]
        .into_iter()
        .map(|p| describe(&site, p))
        .collect();
        assert_eq!(
            said,
            [
                "the home page",
                "page 2 of the home page",
                "the tags index",
                "the tag page of \"Ekonomi\"",
                "page 2 of the tag page of \"Ekonomi\"",
                "the archive page",
                "the archive page of 2024",
                "page 2 of the archive page of Januari 2024",
                "the archive page of Selasa, 2 Januari 2024",
                "the 404 page",
            ]
        );
    }

    #[test]
    fn lists_read_as_sentences() {
        let list = |items: &[&str]| {
            super::and_list(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
