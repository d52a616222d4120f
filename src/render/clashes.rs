//! Pages published on one output file: two articles with one permalink, or an article on the
//! path of a page cermin makes (`/tags/`, `/2024/`, the home page). Every clash is found and
//! told in the user's words, so one run shows them all.

use std::collections::HashMap;
use std::path::PathBuf;

use super::pages::Page;
use super::spec::PageSpec;
use crate::site::Site;

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

/// Every clash among `pages` (with their specs and output files), sorted by file.
pub fn find(site: &Site, pages: &[Page], specs: &[PageSpec], files: &[String]) -> Vec<Clash> {
    let mut claims: HashMap<&str, Vec<usize>, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(pages.len(), Default::default());
    for (i, file) in files.iter().enumerate() {
        claims.entry(file).or_default().push(i);
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
    let nth = |n: usize, of: String| {
        if n <= 1 {
            of
        } else {
            format!("page {n} of {}", of.trim_start_matches("the "))
        }
    };
    match page {
        Page::Article(i) => format!("the article {}", site.articles[i].file.display()),
        Page::Home(n) => nth(n, "the home page".into()),
        Page::Tags => "the page listing all tags".into(),
        Page::Tag(t, n) => nth(n, format!("the page of tag {:?}", site.tags[t].name)),
        Page::Archive => "the archive page".into(),
        Page::Year(y) => format!("the archive page of {}", site.years[y].name),
        Page::Month(m, n) => nth(n, format!("the archive page of {}", site.months[m].name)),
        Page::Day(d, n) => nth(n, format!("the archive page of {}", site.days[d].name)),
        Page::NotFound => "the 404 page".into(),
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
