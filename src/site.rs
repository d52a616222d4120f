//! The in-memory site: published articles in order, tags, date archives and related articles.
//! Built in one pass over the articles; pages are rendered from it. A cached build takes the
//! indexes the last one kept (`saved`) when no article moved.

pub mod saved;

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

use crate::config::{Config, TaxonomyDef, TermKey};
use crate::content::Article;
use crate::i18n::DateFormatter;

/// Which articles a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Include `draft: true` articles.
    pub drafts: bool,
    /// Include articles dated after `now` (embargoed news).
    pub future: bool,
    pub now: DateTime<Utc>,
}

/// A term of a taxonomy (a tag, an outlet, an author, a section) and its articles
/// (indices into `Site::articles`, newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// As first written, in site order (the newest article's spelling).
    pub name: String,
    pub slug: String,
    pub articles: Vec<usize>,
    /// An outlet's home page (from its newest article's `source`); `None` for other terms.
    pub home: Option<String>,
}

/// Tags are the terms of the `tags` taxonomy.
pub type Tag = Term;

/// A declared taxonomy and its terms, sorted by name.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub def: TaxonomyDef,
    pub terms: Vec<Term>,
}

/// A day, month or year of the date archive, with its articles (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub articles: Vec<usize>,
    /// Shown in the site's language: "2022", "Januari 2022", "Kamis, 27 Januari 2022".
    pub name: String,
}

impl Period {
    pub fn path(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("/{:04}/{:02}/{:02}/", self.year, m, d),
            (Some(m), None) => format!("/{:04}/{:02}/", self.year, m),
            _ => format!("/{:04}/", self.year),
        }
    }
}

/// The whole site in memory.
pub struct Site {
    pub config: Config,
    /// Published articles, newest first (ties broken by path, so the order is stable).
    pub articles: Vec<Arc<Article>>,
    /// Sorted by name, case-insensitively.
    pub tags: Arc<Vec<Tag>>,
    /// The taxonomies besides tags (`config.taxonomies`, in order), with their terms.
    pub taxonomies: Arc<Vec<Taxonomy>>,
    /// Newest first.
    pub years: Arc<Vec<Period>>,
    /// Newest first, across all years.
    pub months: Arc<Vec<Period>>,
    /// Newest first, across all months; none with `[archives] days = false`.
    pub days: Arc<Vec<Period>>,
    /// For each article, its related articles (best first), as `u32` indexes: a list per
    /// article of a million.
    pub related: Arc<Vec<Box<[u32]>>>,
    /// Per article, a hash of what places it in the site (path, date, tags): equal lists
    /// mean equal tags, archives and related articles.
    structure: Arc<Vec<u64>>,
}

/// How many tag neighbours on each side are weighed when picking related articles: keeps the
/// work per article bounded however large a tag grows.
const RELATED_WINDOW: usize = 25;

impl Site {
    /// Orders and indexes the loaded articles. Two articles on one permalink are found when
    /// the pages are laid out (see `render::clashes`), with every other clash.
    pub fn build(
        config: Config,
        articles: Vec<Arc<Article>>,
        selection: Selection,
    ) -> Result<Site> {
        Site::build_reusing(config, articles, selection, None)
    }

    /// Like [`Site::build`], but takes the indexes of `previous` (built with the same
    /// settings) when no article moved: an edit that keeps dates and tags costs no re-indexing.
    pub fn build_reusing(
        config: Config,
        articles: Vec<Arc<Article>>,
        selection: Selection,
        previous: Option<&Site>,
    ) -> Result<Site> {
        let articles = in_site_order(articles, selection);
        let structure: Vec<u64> = articles.iter().map(|a| a.structure_hash).collect();
        if let Some(p) = previous.filter(|p| *p.structure == structure) {
            return Ok(Site {
                config,
                articles,
                tags: p.tags.clone(),
                taxonomies: p.taxonomies.clone(),
                years: p.years.clone(),
                months: p.months.clone(),
                days: p.days.clone(),
                related: p.related.clone(),
                structure: p.structure.clone(),
            });
        }
        let indexes = Indexes::of(&config, &articles);
        Ok(Site::of_indexes(config, articles, indexes, structure))
    }

    /// Like [`Site::build`], but takes the indexes the last build kept in the cache folder
    /// `cache_dir` when no article moved since, and keeps this one's there.
    pub fn build_cached(
        config: Config,
        articles: Vec<Arc<Article>>,
        selection: Selection,
        cache_dir: &std::path::Path,
    ) -> Result<Site> {
        let articles = in_site_order(articles, selection);
        let structure: Vec<u64> = articles.iter().map(|a| a.structure_hash).collect();
        let key = saved::key(&config, &structure);
        let file = saved::path(cache_dir);
        let indexes = saved::read(&file, key)
            .filter(|kept| kept.fit(articles.len(), config.taxonomies.len()));
        let indexes = match indexes {
            Some(indexes) => indexes,
            None => {
                let indexes = Indexes::of(&config, &articles);
                // Only an optimization: a cache folder that cannot be written is reported
                // once, by the article cache's save.
                let _ = saved::write(&file, key, &indexes);
                indexes
            }
        };
        Ok(Site::of_indexes(config, articles, indexes, structure))
    }

    fn of_indexes(
        config: Config,
        articles: Vec<Arc<Article>>,
        indexes: Indexes,
        structure: Vec<u64>,
    ) -> Site {
        let taxonomies = config
            .taxonomies
            .iter()
            .zip(indexes.taxonomies)
            .map(|(def, terms)| Taxonomy {
                def: def.clone(),
                terms,
            })
            .collect();
        Site {
            config,
            articles,
            tags: Arc::new(indexes.tags),
            taxonomies: Arc::new(taxonomies),
            years: Arc::new(indexes.years),
            months: Arc::new(indexes.months),
            days: Arc::new(indexes.days),
            related: Arc::new(indexes.related),
            structure: Arc::new(structure),
        }
    }

    /// Puts articles in the places `(index, article)` of articles with the same place (the
    /// same path, date and structure hash), keeping every index: what
    /// [`Site::build_reusing`] makes after such edits, without sorting every article again.
    pub fn replace_in_place(&mut self, replaced: Vec<(usize, Arc<Article>)>) {
        for (i, article) in replaced {
            debug_assert_eq!(self.structure[i], article.structure_hash);
            self.articles[i] = article;
        }
    }

    /// Whether `other` has the articles of this site in the same places (the same paths,
    /// dates and tags): true when it was built reusing this site's indexes.
    pub fn same_places(&self, other: &Site) -> bool {
        Arc::ptr_eq(&self.structure, &other.structure)
    }

    /// The article after `i` in time (newer), if any.
    pub fn newer(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
    }

    /// The article before `i` in time (older), if any.
    pub fn older(&self, i: usize) -> Option<usize> {
        (i + 1 < self.articles.len()).then_some(i + 1)
    }
}

/// The published articles of `selection`, newest first, ties by path: a total order, so an
/// unstable sort gives the one result.
fn in_site_order(articles: Vec<Arc<Article>>, selection: Selection) -> Vec<Arc<Article>> {
    let articles: Vec<Arc<Article>> = articles
        .into_iter()
        .filter(|a| selection.drafts || !a.draft)
        .filter(|a| selection.future || a.date.with_timezone(&Utc) <= selection.now)
        .collect();
    // Sorted by keys taken once, not through every article's pointer.
    let mut keys: Vec<(i64, u32, &str, usize)> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (seconds, nanos) = (a.date.timestamp(), a.date.timestamp_subsec_nanos());
            (-seconds, u32::MAX - nanos, &*a.path, i)
        })
        .collect();
    keys.sort_unstable();
    let order: Vec<usize> = keys.into_iter().map(|k| k.3).collect();
    let mut slots: Vec<Option<Arc<Article>>> = articles.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i].take().expect("each article once"))
        .collect()
}

/// What the site makes of its articles' places (paths, dates, tags and terms): equal for
/// sites whose articles have equal structure hashes, in order, and equal settings.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Indexes {
    tags: Vec<Tag>,
    /// The terms of each of `config.taxonomies`, in order.
    taxonomies: Vec<Vec<Term>>,
    years: Vec<Period>,
    months: Vec<Period>,
    days: Vec<Period>,
    related: Vec<Box<[u32]>>,
}

impl Indexes {
    /// The indexes of `articles`, in site order.
    fn of(config: &Config, articles: &[Arc<Article>]) -> Indexes {
        use rayon::prelude::*;
        // Side by side: each is one pass over the articles, and the build waits for them all.
        let ((tags, related), (taxonomies, (years, months, days))) = rayon::join(
            || {
                let tags = collect_terms(articles, &config.tags);
                let related = related_articles(articles, &tags, config.related_count);
                (tags, related)
            },
            || {
                rayon::join(
                    || {
                        config
                            .taxonomies
                            .par_iter()
                            .map(|def| collect_terms(articles, def))
                            .collect::<Vec<Vec<Term>>>()
                    },
                    || {
                        let dates = DateFormatter::new(&config.language);
                        collect_periods(articles, &dates, config.archives.days)
                    },
                )
            },
        );
        Indexes {
            tags,
            taxonomies,
            years,
            months,
            days,
            related,
        }
    }

    /// Whether they are indexes of `articles` articles and `taxonomies` taxonomies: every
    /// article index below `articles` (a kept file is checked before use: the render
    /// indexes the site's articles with them).
    fn fit(&self, articles: usize, taxonomies: usize) -> bool {
        let terms = self.tags.iter().chain(self.taxonomies.iter().flatten());
        let periods = self.years.iter().chain(&self.months).chain(&self.days);
        self.taxonomies.len() == taxonomies
            && terms.flat_map(|t| &t.articles).all(|&i| i < articles)
            && periods.flat_map(|p| &p.articles).all(|&i| i < articles)
            && self.related.len() == articles
            && self
                .related
                .iter()
                .flatten()
                .all(|&i| (i as usize) < articles)
    }
}

/// The terms of one taxonomy, sorted by name; each lists its articles newest first.
fn collect_terms(articles: &[Arc<Article>], def: &TaxonomyDef) -> Vec<Term> {
    // Sorted below: the map's order does not matter.
    let mut by_slug: HashMap<String, Term, ahash::RandomState> = HashMap::default();
    let mut slugs = crate::content::terms::Slugs::default();
    for (i, a) in articles.iter().enumerate() {
        slugs.terms(a, def, |name, slug| {
            let term = match by_slug.get_mut(slug) {
                Some(term) => term,
                None => by_slug.entry(slug.to_string()).or_insert(Term {
                    name: name.into_owned(),
                    slug: slug.to_string(),
                    articles: Vec::new(),
                    home: None,
                }),
            };
            term.articles.push(i);
            if def.key == TermKey::Source && term.home.is_none() {
                term.home = a
                    .source
                    .as_deref()
                    .and_then(crate::content::terms::source_home);
            }
        });
    }
    // A term the menu names is named as the menu writes it.
    for name in &def.menu {
        if let Some(term) = by_slug.get_mut(&crate::content::tags::slug_of(name, &def.slugs)) {
            term.name.clone_from(name);
        }
    }
    let mut tags: Vec<Term> = by_slug.into_values().collect();
    // By name, then slug (each term has its own): a total order.
    tags.sort_by_cached_key(|t| (t.name.to_lowercase(), t.slug.clone()));
    tags
}

/// The years, months and (unless `with_days` is false: `[archives] days = false`) days of
/// the date archive, each newest first.
fn collect_periods(
    articles: &[Arc<Article>],
    dates: &DateFormatter,
    with_days: bool,
) -> (Vec<Period>, Vec<Period>, Vec<Period>) {
    let (mut years, mut months, mut days): (Vec<Period>, Vec<Period>, Vec<Period>) =
        Default::default();
    // Articles are newest first, so each period's articles arrive together.
    for (i, a) in articles.iter().enumerate() {
        let (y, m, d) = (a.date.year(), a.date.month(), a.date.day());
        push_to_period(&mut years, i, (y, None, None), || y.to_string());
        push_to_period(&mut months, i, (y, Some(m), None), || dates.month(&a.date));
        if with_days {
            push_to_period(&mut days, i, (y, Some(m), Some(d)), || {
                dates.long_date(&a.date)
            });
        }
    }
    (years, months, days)
}

fn push_to_period(
    periods: &mut Vec<Period>,
    i: usize,
    (year, month, day): (i32, Option<u32>, Option<u32>),
    name: impl FnOnce() -> String,
) {
    match periods.last_mut() {
        Some(p) if p.year == year && p.month == month && p.day == day => p.articles.push(i),
        _ => periods.push(Period {
            year,
            month,
            day,
            articles: vec![i],
            name: name(),
        }),
    }
}

/// An article's index as page specs and related lists hold it. A site of 4 billion
/// articles would need terabytes of memory for their records before it came here.
pub fn index32(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 articles")
}

/// Related articles: those sharing the most tags, nearest in time first, among each tag's
/// neighbours of the article.
fn related_articles(articles: &[Arc<Article>], tags: &[Tag], count: usize) -> Vec<Box<[u32]>> {
    use rayon::prelude::*;
    if count == 0 {
        return vec![Box::default(); articles.len()];
    }
    // Where each article sits in each of its tags' lists.
    let mut positions: Vec<Vec<(usize, usize)>> = vec![Vec::new(); articles.len()];
    for (t, tag) in tags.iter().enumerate() {
        for (pos, &a) in tag.articles.iter().enumerate() {
            positions[a].push((t, pos));
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map(|i| {
            // Every neighbour once per shared tag; sorted, equal runs give the scores.
            let mut neighbours: Vec<usize> = Vec::with_capacity(positions[i].len() * 51);
            for &(t, pos) in &positions[i] {
                let list = &tags[t].articles;
                let lo = pos.saturating_sub(RELATED_WINDOW);
                let hi = (pos + RELATED_WINDOW + 1).min(list.len());
                neighbours.extend(list[lo..hi].iter().filter(|&&other| other != i));
            }
            neighbours.sort_unstable();
            let mut ranked: Vec<(usize, usize)> = Vec::new();
            for other in neighbours {
                match ranked.last_mut() {
                    Some((last, score)) if *last == other => *score += 1,
                    _ => ranked.push((other, 1)),
                }
            }
            best_ranked(ranked, i, count)
        })
        .collect()
}

/// The `count` best of `ranked` (an article, the tags it shares with article `i`): most
/// shared tags first, then nearest in time, then the lower index. That is a total order, so
/// the few best are picked first and only they are sorted: sorting every neighbour of every
/// article was a tenth of a one-edit build's time.
fn best_ranked(mut ranked: Vec<(usize, usize)>, i: usize, count: usize) -> Box<[u32]> {
    let order = |a: &(usize, usize), b: &(usize, usize)| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.abs_diff(i).cmp(&b.0.abs_diff(i)))
            .then(a.0.cmp(&b.0))
    };
    if count < ranked.len() {
        ranked.select_nth_unstable_by(count, order);
        ranked.truncate(count);
    }
    ranked.sort_unstable_by(order);
    // A fresh slice: collecting from `ranked` would keep its whole allocation.
    ranked.iter().map(|&(j, _)| index32(j)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Picking the best before sorting gives the first `count` of the whole list sorted
        /// by shared tags, then distance in time, then index.
        #[test]
        fn the_best_ranked_are_the_first_of_all_ranked_in_order(
            others in proptest::collection::btree_map(0usize..200, 1usize..6, 0..80),
            i in 0usize..200,
            count in 1usize..8,
        ) {
            let ranked: Vec<(usize, usize)> =
                others.into_iter().filter(|&(j, _)| j != i).collect();
            let mut all = ranked.clone();
            all.sort_by_key(|&(j, shared)| (std::cmp::Reverse(shared), j.abs_diff(i), j));
            let expected: Vec<u32> = all.iter().take(count).map(|&(j, _)| index32(j)).collect();
            prop_assert_eq!(best_ranked(ranked, i, count).to_vec(), expected);
        }
    }

    #[test]
    fn ties_in_shared_tags_go_to_the_nearest_in_time_then_the_lower_index() {
        // Article 10 shares 2 tags with 4 and 16 (both 6 away) and with 13, 1 tag with 11.
        let ranked = vec![(4, 2), (11, 1), (13, 2), (16, 2)];
        assert_eq!(&*best_ranked(ranked.clone(), 10, 2), &[13, 4]);
        assert_eq!(&*best_ranked(ranked, 10, 9), &[13, 4, 16, 11]);
    }
}
