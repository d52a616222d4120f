//! Which pages and feeds show each article, so that a session's render after a save signs
//! again only the pages and feeds of the articles that changed (see [`super::Rendered`]).
//! Made once per layout: it holds as long as no article moves.

use std::borrow::Cow;

use super::Layout;
use super::feeds::{self, Feed};
use super::spec::articles_shown;
use crate::site::Site;
use crate::urls::output_file;

/// The pages and feeds that show each article of one layout, and that layout's feeds.
pub struct Dependents {
    pages: Inverse,
    feeds: Inverse,
    /// The site's feeds, in the order of [`feeds::feeds`].
    pub feed_list: Vec<Feed<'static>>,
    /// Each feed's output files.
    pub feed_files: std::sync::Arc<Vec<Vec<String>>>,
}

impl Dependents {
    /// The index of `site`'s pages (laid out in `layout`) and feeds.
    pub fn new(site: &Site, layout: &Layout) -> Dependents {
        let feed_list: Vec<Feed<'static>> = feeds::feeds(site).into_iter().map(owned).collect();
        let articles = site.articles.len();
        let pages = Inverse::new(articles, layout.specs.len(), |slot, shown| {
            articles_shown(&layout.specs[slot], shown)
        });
        let feeds = Inverse::new(articles, feed_list.len(), |k, shown| {
            let feed = &feed_list[k];
            feed.articles
                .iter()
                .take(feed.settings.limit)
                .for_each(|&i| shown(i));
        });
        let feed_files = feed_list.iter().map(files_of).collect();
        Dependents {
            pages,
            feeds,
            feed_list,
            feed_files: std::sync::Arc::new(feed_files),
        }
    }

    /// The layout slots of the pages that show article `i` (a slot may come twice).
    pub fn pages_of(&self, i: usize) -> &[u32] {
        self.pages.of(i)
    }

    /// The feeds (by their place in [`Dependents::feed_list`]) that show article `i`.
    pub fn feeds_of(&self, i: usize) -> &[u32] {
        self.feeds.of(i)
    }
}

/// A feed's output files, one per format it is published in.
pub fn files_of(feed: &Feed) -> Vec<String> {
    feed.settings
        .formats
        .files()
        .map(|name| output_file(&format!("{}{name}", feed.dir)))
        .collect()
}

/// A feed that owns its list of articles (a site's feeds borrow the site's term lists).
fn owned(feed: Feed) -> Feed<'static> {
    Feed {
        title: feed.title,
        description: feed.description,
        page: feed.page,
        dir: feed.dir,
        articles: Cow::Owned(feed.articles.into_owned()),
        settings: feed.settings,
    }
}

/// For each article, the places (pages or feeds, by number) that show it: one list of all
/// places, article after article, and where each article's part starts.
struct Inverse {
    starts: Vec<u32>,
    places: Vec<u32>,
}

impl Inverse {
    /// `shows(place, f)` calls `f` with every article the place shows. Counted first, then
    /// filled: two passes over the places and no sort.
    fn new(
        articles: usize,
        places: usize,
        shows: impl Fn(usize, &mut dyn FnMut(usize)),
    ) -> Inverse {
        let mut starts = vec![0u32; articles + 1];
        for place in 0..places {
            shows(place, &mut |i| starts[i + 1] += 1);
        }
        for i in 0..articles {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut all = vec![0u32; starts[articles] as usize];
        for place in 0..places {
            shows(place, &mut |i| {
                all[next[i] as usize] = place as u32;
                next[i] += 1;
            });
        }
        Inverse {
            starts,
            places: all,
        }
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.places[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;
    use crate::render::spec::{ArticleHashes, signature};
    use crate::site::Selection;

    /// A site with every kind of page: lists over several pages, tags, three taxonomies (so
    /// the front page has sections and sources), related articles, day archives, feeds.
    fn site() -> Site {
        let config = Config::parse(
            std::path::Path::new("."),
            std::path::Path::new("site.toml"),
            "title = \"T\"\nlanguage = \"id\"\npaginate_by = 2\nrelated_count = 2\n\
             [[taxonomies]]\nname = \"sources\"\n[[taxonomies]]\nname = \"authors\"\n\
             [[taxonomies]]\nname = \"categories\"\n",
        )
        .unwrap();
        let articles = (0..9)
            .map(|n| {
                let text = format!(
                    "---\ntitle: Berita {n}\ndate: 2024-0{}-0{}T10:00:00+07:00\nslug: b{n}\n\
                     tags: [T{}, U{}]\nauthors: [Penulis {}]\nsource_name: Kabar {}\n\
                     category: Seksi {}\n---\nIsi {n}.\n",
                    1 + n % 2,
                    1 + n % 4,
                    n % 3,
                    n % 2,
                    n % 2,
                    n % 3,
                    n % 4,
                );
                let file = format!("content/b{n}.md");
                let path = std::path::Path::new(&file);
                Arc::new(
                    crate::content::parse_article(&config, path, &text)
                        .unwrap()
                        .0,
                )
            })
            .collect();
        let selection = Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
        };
        Site::build(config, articles, selection).unwrap()
    }

    fn hashes(n: usize) -> Vec<ArticleHashes> {
        (0..n as u64)
            .map(|i| ArticleHashes {
                card: i,
                full: 1000 + i,
            })
            .collect()
    }

    #[test]
    fn an_article_names_exactly_the_pages_whose_signature_reads_it() {
        let site = site();
        let layout = crate::render::plan(&site);
        let dependents = Dependents::new(&site, &layout);
        let before = hashes(site.articles.len());
        let signatures = |hashes: &[ArticleHashes]| -> Vec<u64> {
            layout.specs.iter().map(|s| signature(s, hashes)).collect()
        };
        let unchanged = signatures(&before);
        for i in 0..site.articles.len() {
            let mut after = before.clone();
            after[i] = ArticleHashes {
                card: 7777,
                full: 8888,
            };
            let changed: BTreeSet<u32> = signatures(&after)
                .iter()
                .zip(&unchanged)
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(slot, _)| slot as u32)
                .collect();
            let named: BTreeSet<u32> = dependents.pages_of(i).iter().copied().collect();
            assert_eq!(changed, named, "article {i}");
            // Lists and neighbours as well as the article's own page.
            assert!(named.len() > 3, "article {i}: {named:?}");
        }
    }

    #[test]
    fn an_article_names_exactly_the_feeds_whose_signature_reads_it() {
        let site = site();
        let layout = crate::render::plan(&site);
        let dependents = Dependents::new(&site, &layout);
        let statics = crate::render::StaticFiles::default();
        let before = hashes(site.articles.len());
        let signatures = |hashes: &[ArticleHashes]| -> Vec<u64> {
            (dependents.feed_list.iter())
                .map(|feed| feeds::signature(&site, feed, hashes, &statics))
                .collect()
        };
        let unchanged = signatures(&before);
        assert!(dependents.feed_list.len() > 5);
        for i in 0..site.articles.len() {
            let mut after = before.clone();
            after[i].full = 8888;
            let changed: BTreeSet<u32> = signatures(&after)
                .iter()
                .zip(&unchanged)
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(k, _)| k as u32)
                .collect();
            let named: BTreeSet<u32> = dependents.feeds_of(i).iter().copied().collect();
            assert_eq!(changed, named, "article {i}");
        }
    }

    #[test]
    fn each_article_lists_the_places_that_show_it() {
        let shows = [vec![0, 2], vec![], vec![2, 1, 2], vec![0]];
        let index = Inverse::new(3, shows.len(), |place, f| {
            shows[place].iter().for_each(|&i| f(i))
        });
        assert_eq!(index.of(0), &[0, 3]);
        assert_eq!(index.of(1), &[2]);
        assert_eq!(index.of(2), &[0, 2, 2]);
    }
}
