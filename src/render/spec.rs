//! Page specs: everything a page shows, as plain data, before it becomes a template context.
//!
//! A page's HTML is a function of its spec, the article values it names, and the site-wide
//! globals (settings, templates). So a spec's [`signature`] — its data, with each article
//! replaced by the hash of that article's values — changes exactly when the page must be
//! rendered again. `serve` re-renders only pages whose signature changed.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::Xxh3Default;

use crate::config::{TaxonomyDef, TermKey};
use crate::site::{Period, Site, Term, index32};
use crate::urls::page_path;

/// One page to render. Numbers are indices into the site's lists and 1-based page numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Home(usize),
    Article(usize),
    Tags,
    Tag(usize, usize),
    /// The index of taxonomy `x` of `site.taxonomies`.
    Taxonomy(usize),
    /// Page `n` of term `k` of taxonomy `x`.
    Term(usize, usize, usize),
    Archive,
    Year(usize),
    Month(usize, usize),
    Day(usize, usize),
    NotFound,
    /// The search page (only when `[search] enabled`).
    Search,
}

impl Page {
    /// What kind of page this is.
    pub fn kind(self) -> PageKind {
        match self {
            Page::Home(_) => PageKind::Home,
            Page::Article(_) => PageKind::Article,
            Page::Tags => PageKind::Tags,
            Page::Tag(..) => PageKind::Tag,
            Page::Taxonomy(_) => PageKind::Taxonomy,
            Page::Term(..) => PageKind::Term,
            Page::Archive => PageKind::Archive,
            Page::Year(_) => PageKind::Year,
            Page::Month(..) => PageKind::Month,
            Page::Day(..) => PageKind::Day,
            Page::NotFound => PageKind::NotFound,
            Page::Search => PageKind::Search,
        }
    }
}

/// The kinds of page a site has; themes see the kind's [`name`](PageKind::name) as
/// `page_kind`, and each kind has its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    Home,
    Article,
    Tags,
    Tag,
    Taxonomy,
    Term,
    Archive,
    Year,
    Month,
    Day,
    NotFound,
    Search,
}

impl PageKind {
    /// The name templates see as `page_kind` (and a period's `kind`).
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Article => "article",
            PageKind::Tags => "tags",
            PageKind::Tag => "tag",
            PageKind::Taxonomy => "taxonomy",
            PageKind::Term => "term",
            PageKind::Archive => "archive",
            PageKind::Year => "year",
            PageKind::Month => "month",
            PageKind::Day => "day",
            PageKind::NotFound => "404",
            PageKind::Search => "search",
        }
    }

    /// The theme's template that renders pages of this kind.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Article => "article.html",
            PageKind::Tags => "tags.html",
            PageKind::Tag => "tag.html",
            PageKind::Taxonomy => "taxonomy.html",
            PageKind::Term => "term.html",
            PageKind::Archive => "archive.html",
            PageKind::Year => "archive_year.html",
            PageKind::Month | PageKind::Day => "archive_list.html",
            PageKind::NotFound => "404.html",
            PageKind::Search => "search.html",
        }
    }
}

/// A tag or another term: `{name, slug, path, count}`, its feeds and an outlet's home.
#[derive(Debug, Clone, Hash)]
pub struct TagInfo {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub count: usize,
    /// Its feeds' formats (none when its taxonomy has no feeds).
    pub feeds: crate::config::FeedFormats,
    pub home: Option<String>,
}

/// A taxonomy as its pages show it: `{name, title, path}`.
#[derive(Debug, Clone, Hash)]
pub struct TaxonomyInfo {
    pub name: String,
    pub title: String,
    pub path: String,
}

/// A year of the archive.
#[derive(Debug, Clone, Hash)]
pub struct YearInfo {
    pub year: i32,
    pub count: usize,
}

/// A month or day of the archive, with its localized name.
#[derive(Debug, Clone, Hash)]
pub struct PeriodInfo {
    /// [`PageKind::Month`] or [`PageKind::Day`].
    pub kind: PageKind,
    pub name: String,
    pub path: String,
    pub count: usize,
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A named link (up / previous / next period).
#[derive(Debug, Clone, Hash)]
pub struct NamedLink {
    pub name: String,
    pub path: String,
}

/// Page `current` of a list at `list_path`.
#[derive(Debug, Clone, Hash)]
pub struct PaginatorSpec {
    pub list_path: String,
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub per_page: usize,
}

/// The articles of one page of a list (indices into the site's articles) and its paginator.
#[derive(Debug, Clone)]
pub struct ListSpec {
    pub items: Vec<usize>,
    pub paginator: PaginatorSpec,
}

/// How many newest articles each section's block on the front page shows.
pub const SECTION_ARTICLES: usize = 4;
/// How many outlets the front page's "most active sources" lists.
pub const ACTIVE_SOURCES: usize = 8;

/// The front page's blocks below the latest articles, for a site with sections or sources.
#[derive(Debug, Clone, Hash)]
pub struct FrontSpec {
    /// Each section (the menu's first, in its order, then by size) with its newest articles
    /// not already among the latest.
    pub sections: Vec<(TaxonomyInfo, TagInfo, Vec<usize>)>,
    /// The outlets with the most articles, most first.
    pub sources: Vec<TagInfo>,
}

/// What one page shows. A build holds every page's body at once (a million-article site has
/// some 1.5 million pages, two thirds of them articles), so the parts of the list pages are
/// boxed and an article's indexes are `u32`s: the enum stays the size of the article variant.
#[derive(Debug, Clone)]
pub enum Body {
    Home(Box<ListSpec>),
    /// Page 1 of the home page of a site with sections or sources: the latest articles and
    /// the blocks.
    Front(Box<ListSpec>, Box<FrontSpec>),
    /// Indexes into the site's articles (see [`crate::site::index32`]).
    Article {
        index: u32,
        newer: Option<u32>,
        older: Option<u32>,
        related: Box<[u32]>,
    },
    Tags(Vec<TagInfo>),
    Tag(Box<TagInfo>, Box<ListSpec>),
    Taxonomy(Box<TaxonomyInfo>, Vec<TagInfo>),
    Term(Box<TaxonomyInfo>, Box<TagInfo>, Box<ListSpec>),
    Archive(Vec<YearInfo>),
    Year(Box<YearSpec>),
    Period {
        period: Box<PeriodInfo>,
        up: Box<NamedLink>,
        previous: Option<Box<NamedLink>>,
        next: Option<Box<NamedLink>>,
        list: Box<ListSpec>,
    },
    NotFound,
    Search,
}

/// A year's page: the year, its months and the years beside it.
#[derive(Debug, Clone)]
pub struct YearSpec {
    pub year: YearInfo,
    pub months: Vec<PeriodInfo>,
    pub previous: Option<YearInfo>,
    pub next: Option<YearInfo>,
}

/// A page: where it is published, its kind (which names its template) and what it shows.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub path: String,
    pub kind: PageKind,
    pub body: Body,
}

fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in a stable order.
pub fn pages(site: &Site) -> Vec<Page> {
    let per = site.config.paginate_by;
    let mut pages = Vec::new();
    pages.extend((1..=page_count(site.articles.len(), per)).map(Page::Home));
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages.push(Page::Tags);
    let tags_per = site.config.tags.paginate_by;
    for (t, tag) in site.tags.iter().enumerate() {
        pages.extend((1..=page_count(tag.articles.len(), tags_per)).map(|n| Page::Tag(t, n)));
    }
    for (x, taxonomy) in site.taxonomies.iter().enumerate() {
        pages.push(Page::Taxonomy(x));
        let per = taxonomy.def.paginate_by;
        for (k, term) in taxonomy.terms.iter().enumerate() {
            pages.extend((1..=page_count(term.articles.len(), per)).map(|n| Page::Term(x, k, n)));
        }
    }
    pages.push(Page::Archive);
    pages.extend((0..site.years.len()).map(Page::Year));
    for (m, month) in site.months.iter().enumerate() {
        pages.extend((1..=page_count(month.articles.len(), per)).map(|n| Page::Month(m, n)));
    }
    for (d, day) in site.days.iter().enumerate() {
        pages.extend((1..=page_count(day.articles.len(), per)).map(|n| Page::Day(d, n)));
    }
    pages.push(Page::NotFound);
    if site.config.search.enabled {
        pages.push(Page::Search);
    }
    pages
}

/// Builds page specs from a site.
pub struct SpecBuilder<'a> {
    site: &'a Site,
    /// Every article's index, newest first: the home page's list.
    all: Vec<usize>,
}

impl<'a> SpecBuilder<'a> {
    pub fn new(site: &'a Site) -> SpecBuilder<'a> {
        SpecBuilder {
            site,
            all: (0..site.articles.len()).collect(),
        }
    }

    fn list(&self, list_path: &str, items: &[usize], n: usize) -> Box<ListSpec> {
        self.list_by(self.site.config.paginate_by, list_path, items, n)
    }

    fn list_by(&self, per: usize, list_path: &str, items: &[usize], n: usize) -> Box<ListSpec> {
        let start = ((n - 1) * per).min(items.len());
        let end = (start + per).min(items.len());
        Box::new(ListSpec {
            items: items[start..end].to_vec(),
            paginator: PaginatorSpec {
                list_path: list_path.to_string(),
                current: n,
                total_pages: page_count(items.len(), per),
                total_items: items.len(),
                per_page: per,
            },
        })
    }

    fn period_info(&self, p: &Period) -> PeriodInfo {
        PeriodInfo {
            kind: if p.day.is_some() {
                PageKind::Day
            } else {
                PageKind::Month
            },
            name: p.name.clone(),
            path: p.path(),
            count: p.articles.len(),
            year: p.year,
            month: p.month,
            day: p.day,
        }
    }

    fn period_link(&self, p: &Period) -> Box<NamedLink> {
        Box::new(NamedLink {
            name: p.name.clone(),
            path: p.path(),
        })
    }

    fn period_page(&self, all: &[Period], k: usize, up: &Period, n: usize) -> Body {
        let period = &all[k];
        Body::Period {
            period: Box::new(self.period_info(period)),
            up: self.period_link(up),
            // Lists are newest first: the previous (older) period is the next in the list.
            previous: all.get(k + 1).map(|p| self.period_link(p)),
            next: k.checked_sub(1).map(|j| self.period_link(&all[j])),
            list: self.list(&period.path(), &period.articles, n),
        }
    }

    /// The front page's blocks, if the site has a taxonomy of sections or of sources.
    fn front(&self, latest: &ListSpec) -> Option<FrontSpec> {
        let site = self.site;
        let find = |key: TermKey| site.taxonomies.iter().find(|x| x.def.key == key);
        let (sections, sources) = (find(TermKey::Category), find(TermKey::Source));
        if sections.is_none() && sources.is_none() {
            return None;
        }
        let by_size = |terms: &[Term]| {
            let mut order: Vec<usize> = (0..terms.len()).collect();
            // Terms are sorted by name: a stable sort keeps that order among equals.
            order.sort_by_key(|&k| std::cmp::Reverse(terms[k].articles.len()));
            order
        };
        let mut blocks = Vec::new();
        if let Some(x) = sections {
            let mut order: Vec<usize> = x
                .def
                .menu
                .iter()
                .filter_map(|name| {
                    let slug = crate::content::tags::slug_of(name, &x.def.slugs);
                    x.terms.iter().position(|t| t.slug == slug)
                })
                .collect();
            for k in by_size(&x.terms) {
                if !order.contains(&k) {
                    order.push(k);
                }
            }
            for k in order {
                let term = &x.terms[k];
                let newest: Vec<usize> = term
                    .articles
                    .iter()
                    .filter(|i| !latest.items.contains(i))
                    .take(SECTION_ARTICLES)
                    .copied()
                    .collect();
                if !newest.is_empty() {
                    blocks.push((taxonomy_info(&x.def), term_info(&x.def, term), newest));
                }
            }
        }
        let sources = sources.map_or_else(Vec::new, |x| {
            by_size(&x.terms)
                .into_iter()
                .take(ACTIVE_SOURCES)
                .map(|k| term_info(&x.def, &x.terms[k]))
                .collect()
        });
        Some(FrontSpec {
            sections: blocks,
            sources,
        })
    }

    /// The spec of one page.
    pub fn spec(&self, page: Page) -> PageSpec {
        let site = self.site;
        let year_info = |p: &Period| YearInfo {
            year: p.year,
            count: p.articles.len(),
        };
        let tags = &site.config.tags;
        let tag_info = |t: usize| term_info(tags, &site.tags[t]);
        let (path, body) = match page {
            Page::Home(n) => {
                let list = self.list("/", &self.all, n);
                let body = match self.front(&list).filter(|_| n == 1) {
                    Some(front) => Body::Front(list, Box::new(front)),
                    None => Body::Home(list),
                };
                (page_path("/", n), body)
            }
            Page::Article(i) => (
                site.articles[i].path.to_string(),
                Body::Article {
                    index: index32(i),
                    newer: site.newer(i).map(index32),
                    older: site.older(i).map(index32),
                    related: site.related[i].clone(),
                },
            ),
            Page::Tags => (
                tags.path(),
                Body::Tags((0..site.tags.len()).map(tag_info).collect()),
            ),
            Page::Tag(t, n) => {
                let tag = &site.tags[t];
                let path = tags.term_path(&tag.slug);
                let list = self.list_by(tags.paginate_by, &path, &tag.articles, n);
                (page_path(&path, n), Body::Tag(Box::new(tag_info(t)), list))
            }
            Page::Taxonomy(x) => {
                let taxonomy = &site.taxonomies[x];
                let def = &taxonomy.def;
                let terms = taxonomy.terms.iter().map(|t| term_info(def, t)).collect();
                let taxonomy = Box::new(taxonomy_info(def));
                (def.path(), Body::Taxonomy(taxonomy, terms))
            }
            Page::Term(x, k, n) => {
                let taxonomy = &site.taxonomies[x];
                let (def, term) = (&taxonomy.def, &taxonomy.terms[k]);
                let path = def.term_path(&term.slug);
                let list = self.list_by(def.paginate_by, &path, &term.articles, n);
                let (taxonomy, term) = (taxonomy_info(def), term_info(def, term));
                let body = Body::Term(Box::new(taxonomy), Box::new(term), list);
                (page_path(&path, n), body)
            }
            Page::Archive => (
                "/archive/".into(),
                Body::Archive(site.years.iter().map(year_info).collect()),
            ),
            Page::Year(y) => {
                let year = &site.years[y];
                let months = site
                    .months
                    .iter()
                    .filter(|m| m.year == year.year)
                    .map(|m| self.period_info(m))
                    .collect();
                let body = Body::Year(Box::new(YearSpec {
                    year: year_info(year),
                    months,
                    previous: site.years.get(y + 1).map(year_info),
                    next: y.checked_sub(1).map(|n| year_info(&site.years[n])),
                }));
                (year.path(), body)
            }
            Page::Month(m, n) => {
                let month = &site.months[m];
                let year = site
                    .years
                    .iter()
                    .find(|y| y.year == month.year)
                    .expect("a month has its year");
                (
                    page_path(&month.path(), n),
                    self.period_page(&site.months, m, year, n),
                )
            }
            Page::Day(d, n) => {
                let day = &site.days[d];
                let month = site
                    .months
                    .iter()
                    .find(|m| m.year == day.year && m.month == day.month)
                    .expect("a day has its month");
                (
                    page_path(&day.path(), n),
                    self.period_page(&site.days, d, month, n),
                )
            }
            Page::NotFound => ("/404.html".into(), Body::NotFound),
            Page::Search => (crate::search::PAGE_PATH.into(), Body::Search),
        };
        PageSpec {
            path,
            kind: page.kind(),
            body,
        }
    }
}

fn term_info(def: &TaxonomyDef, term: &Term) -> TagInfo {
    TagInfo {
        name: term.name.clone(),
        slug: term.slug.clone(),
        path: def.term_path(&term.slug),
        count: term.articles.len(),
        feeds: def.feeds,
        home: term.home.clone(),
    }
}

fn taxonomy_info(def: &TaxonomyDef) -> TaxonomyInfo {
    TaxonomyInfo {
        name: def.name.clone(),
        title: def.title.clone(),
        path: def.path(),
    }
}

/// Hashes of an article's template values: its card, and its card plus body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleHashes {
    pub card: u64,
    pub full: u64,
}

/// Every article whose values a page shows (and [`signature`] hashes), once or more, in no
/// particular order: the page's signature changes only when one of these articles' hashes does.
pub fn articles_shown(spec: &PageSpec, mut shown: impl FnMut(usize)) {
    let mut list = |l: &ListSpec| l.items.iter().for_each(|&i| shown(i));
    match &spec.body {
        Body::Home(l) | Body::Tag(_, l) | Body::Term(_, _, l) | Body::Period { list: l, .. } => {
            list(l)
        }
        Body::Front(l, front) => {
            list(l);
            for (_, _, items) in &front.sections {
                items.iter().for_each(|&i| shown(i));
            }
        }
        Body::Article {
            index,
            newer,
            older,
            related,
        } => {
            shown(*index as usize);
            newer
                .iter()
                .chain(older)
                .chain(related.iter())
                .for_each(|&i| shown(i as usize));
        }
        Body::Tags(_)
        | Body::Taxonomy(..)
        | Body::Archive(_)
        | Body::Year(_)
        | Body::NotFound
        | Body::Search => {}
    }
}

/// A stable hash of a page's inputs (see the module comment).
pub fn signature(spec: &PageSpec, hashes: &[ArticleHashes]) -> u64 {
    let mut h = Xxh3Default::new();
    spec.path.hash(&mut h);
    spec.kind.hash(&mut h);
    let cards = |h: &mut Xxh3Default, items: &[usize]| {
        items.len().hash(h);
        for &i in items {
            hashes[i].card.hash(h);
        }
    };
    let list = |h: &mut Xxh3Default, l: &ListSpec| {
        cards(h, &l.items);
        l.paginator.hash(h);
    };
    match &spec.body {
        Body::Home(l) => list(&mut h, l),
        Body::Front(l, front) => {
            list(&mut h, l);
            front.sources.hash(&mut h);
            for (taxonomy, term, items) in &front.sections {
                (taxonomy, term).hash(&mut h);
                cards(&mut h, items);
            }
        }
        Body::Article {
            index,
            newer,
            older,
            related,
        } => {
            hashes[*index as usize].full.hash(&mut h);
            newer.map(|i| hashes[i as usize].card).hash(&mut h);
            older.map(|i| hashes[i as usize].card).hash(&mut h);
            // As `cards` hashes a list.
            related.len().hash(&mut h);
            for &i in related.iter() {
                hashes[i as usize].card.hash(&mut h);
            }
        }
        Body::Tags(tags) => tags.hash(&mut h),
        Body::Tag(tag, l) => {
            tag.hash(&mut h);
            list(&mut h, l);
        }
        Body::Taxonomy(taxonomy, terms) => (taxonomy, terms).hash(&mut h),
        Body::Term(taxonomy, term, l) => {
            (taxonomy, term).hash(&mut h);
            list(&mut h, l);
        }
        Body::Archive(years) => years.hash(&mut h),
        Body::Year(y) => (&y.year, &y.months, &y.previous, &y.next).hash(&mut h),
        Body::Period {
            period,
            up,
            previous,
            next,
            list: l,
        } => {
            (period, up, previous, next).hash(&mut h);
            list(&mut h, l);
        }
        Body::NotFound => 0u8.hash(&mut h),
        Body::Search => 1u8.hash(&mut h),
    }
    h.finish()
}

#[cfg(test)]
mod size_tests {
    use super::{Body, PageSpec};

    /// A build holds every page's spec at once: a variant that grows the enum grows every
    /// page (1.5 million of them at a million articles). Box the large parts instead.
    #[test]
    fn a_page_spec_stays_small() {
        assert!(
            std::mem::size_of::<Body>() <= 112,
            "Body is {} bytes",
            std::mem::size_of::<Body>()
        );
        assert!(std::mem::size_of::<PageSpec>() <= 144);
    }
}

#[cfg(test)]
mod tests {
    /// Two thirds of a site's pages are articles, and a build holds every page's spec: the
    /// list pages' parts stay boxed so a spec is the size of an article's.
    #[test]
    fn a_page_spec_stays_the_size_of_an_article_page() {
        let size = std::mem::size_of::<super::PageSpec>();
        assert!(size <= 80, "PageSpec grew to {size} bytes");
    }
}
