//! Rendering pages: a page spec and the article values it names become a template context.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;
use rayon::prelude::*;
use tera::{Context, Value};

use super::links::{
    RootLinkSpots, for_page, for_page_at, fragment_page_path, rewrite_root_links, root_link_spots,
};
use super::spec::{ArticleHashes, Body, ListSpec, PageSpec, signature};
use super::templates::Templates;
use super::values;
use crate::content::Article;
use crate::content::BodyHtml;
use crate::content::body::BodyStore;
use crate::i18n::DateFormatter;
use crate::site::Site;
use crate::urls::Links;

/// The partial that shows one article in a list; lists get it pre-rendered as `cards_html`.
const CARD_TEMPLATE: &str = "partials/card.html";

/// An article's card (its fields for lists), kept once made (a session keeps it between
/// renders), and the hashes of its values. Where every article's card would not fit the
/// memory budget of bodies, no card is kept (`None`): one is made whenever a page shows the
/// article. Kept for every article of a large site, cards (a Tera map of some 30 values
/// each, ~4.6 KB measured at 100,000 articles) would be most of a build's memory, and a third
/// of a dev server's.
#[derive(Clone)]
pub struct ArticleValues {
    pub card: Option<Arc<OnceLock<Value>>>,
    pub hashes: ArticleHashes,
}

/// Article values kept between builds of one session (`serve`), so an unchanged article's
/// card is not rebuilt. Keyed by the article's address, which stays valid because the cache
/// holds the article; valid for one configuration.
#[derive(Default)]
pub struct ValueCache {
    map: Mutex<HashMap<usize, (Arc<Article>, ArticleValues), ahash::RandomState>>,
    /// The last layout and the site indexes it was made from: a site that reuses those
    /// indexes (no article moved) has the same layout.
    layout: Mutex<Option<LastLayout>>,
    /// The built-in sitemap files of the last render, by [`super::sitemap::entries_hash`].
    sitemap_parts: Mutex<HashMap<u64, String, ahash::RandomState>>,
    /// The search index kept between renders (`serve`); a one-off build makes it afresh.
    search: Option<Mutex<crate::search::live::LiveIndex>>,
    /// The last render's articles (by address: `map` holds them) and their values, so that
    /// the next finds its unchanged articles by place, without a look-up each.
    last: Mutex<Option<LastValues>>,

    /// The build cache folder whose search term cache a one-off build reads and updates.
    search_term_cache: Option<std::path::PathBuf>,
    /// Whether the process ends with this render (see [`ValueCache::exiting_after`]).
    exiting_after: bool,
}

/// The addresses of a render's articles and their values.
type LastValues = (Vec<usize>, ArticleLists);

/// What a render keeps for each article, in site order: its values, their hashes, its card
/// through `partials/card.html` (made on first use). A session keeps these lists between
/// renders and brings only the changed articles' entries up to date, so a save allocates
/// nothing in proportion to the site.
#[derive(Clone)]
struct ArticleLists {
    values: Arc<Vec<ArticleValues>>,
    hashes: Arc<Vec<ArticleHashes>>,
    card_html: Arc<Vec<OnceLock<CardHtml>>>,
}

/// An article's card rendered through `partials/card.html` and, in relative-links mode
/// where the card's values are kept too, where its site paths are; or why it could not be
/// rendered.
type CardHtml = Result<(BodyHtml, Option<RootLinkSpots>), String>;

impl ArticleLists {
    fn new(values: Vec<ArticleValues>) -> ArticleLists {
        ArticleLists {
            hashes: Arc::new(values.iter().map(|v| v.hashes).collect()),
            card_html: Arc::new((0..values.len()).map(|_| OnceLock::new()).collect()),
            values: Arc::new(values),
        }
    }
}

/// A layout and the tag index of the site it was made for.
type LastLayout = (Arc<Vec<crate::site::Tag>>, Arc<super::Layout>);

impl ValueCache {
    /// A cache that also keeps the search index and the sitemap between renders, for a
    /// session (a one-off build would only hold them in memory longer).
    pub fn for_session() -> ValueCache {
        ValueCache {
            search: Some(Mutex::default()),
            ..ValueCache::default()
        }
    }

    /// A cache for a one-off build that keeps the articles' search terms in the build cache
    /// folder `dir` (see [`crate::search::term_cache`]).
    pub fn with_search_term_cache(dir: std::path::PathBuf) -> ValueCache {
        ValueCache {
            search_term_cache: Some(dir),
            ..ValueCache::default()
        }
    }

    /// This cache for a render the process ends with (`cermin build`): the render's own
    /// values (every article's card) are left for the system to take back at exit, as
    /// `cmd::build` leaves the site's, instead of freed one by one on one thread (some 15 ms
    /// at 10,000 articles, with the other core idle).
    pub fn exiting_after(self) -> ValueCache {
        ValueCache {
            exiting_after: true,
            ..self
        }
    }

    /// Whether the process ends with this render.
    pub(super) fn is_exiting_after(&self) -> bool {
        self.exiting_after
    }

    /// The sitemap file of entries with hash `key` the last render made, if any.
    pub(super) fn sitemap_part(&self, key: u64) -> Option<String> {
        self.sitemap_parts
            .lock()
            .expect("cache lock")
            .get(&key)
            .cloned()
    }

    /// Whether this is a session's cache, which keeps files between renders.
    pub(super) fn is_session(&self) -> bool {
        self.search.is_some()
    }

    /// Keeps the sitemap files of this render (only those) for the next.
    pub(super) fn keep_sitemap_parts(&self, parts: Vec<(u64, String)>) {
        *self.sitemap_parts.lock().expect("cache lock") = parts.into_iter().collect();
    }

    /// Hands the site's search index files to `out` and returns their paths and hashes. A
    /// session brings its kept index up to date; a cached one-off build brings the index it
    /// keeps in the cache folder up to date (see [`crate::search::saved`]); any other puts
    /// each file as it is made, so the index's files are never all in memory.
    pub(super) fn put_search_files(
        &self,
        site: &Site,
        out: &crate::search::saved::Output,
        keys: Option<&[crate::search::saved::DocKeys]>,
    ) -> Result<Vec<(String, u64)>> {
        if self.search.is_some() {
            let files = self.with_live_index(|live| live.files(site))?;
            return files
                .into_iter()
                .map(|file| {
                    (out.put)(&file.path, &file.bytes, file.hash)?;
                    Ok((file.path, file.hash))
                })
                .collect();
        }
        if let Some(dir) = self.search_term_cache.as_deref()
            && site.config.search.enabled
        {
            // Made for the last build's list already, unless there is none.
            let made;
            let keys = match keys {
                Some(keys) => keys,
                None => {
                    made = crate::search::saved::doc_keys_of(site);
                    &made
                }
            };
            return crate::search::saved::put_index_files(site, keys, dir, out);
        }
        crate::search::put_index_files(site, None, &|path, bytes| {
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            (out.put)(&path, &bytes, hash)?;
            Ok((path, hash))
        })
    }

    /// The search index files that changed since the last render that succeeded (all of
    /// them when the cache keeps no index, or it was made afresh).
    pub(super) fn search_changes(&self, site: &Site) -> Result<crate::search::live::IndexChanges> {
        use crate::search::live::{IndexChanges, IndexFile};
        if self.search.is_some() {
            return self.with_live_index(|live| live.changes(site));
        }
        Ok(IndexChanges::All(
            crate::search::index_files(site, self.search_term_cache.as_deref())?
                .into_iter()
                .map(|(path, bytes)| IndexFile::new(path, bytes))
                .collect(),
        ))
    }

    /// In a cached one-off build with search on, what the last build left of its index
    /// files (see [`crate::search::last_files`]).
    pub(super) fn last_search_files(
        &self,
        site: &Site,
    ) -> Option<crate::search::last_files::LastBuild> {
        let dir = self.search_term_cache.as_deref()?;
        (!self.is_session() && site.config.search.enabled)
            .then(|| crate::search::last_files::LastBuild::read(site, dir))
    }

    /// The render that asked for the search files succeeded: they are served.
    pub(super) fn search_committed(&self) {
        if let Some(live) = &self.search {
            live.lock().unwrap_or_else(|e| e.into_inner()).commit();
        }
    }

    /// `f` on the kept search index; an index `f` failed on (half brought up to date) is
    /// made afresh next time.
    fn with_live_index<T>(
        &self,
        f: impl FnOnce(&mut crate::search::live::LiveIndex) -> Result<T>,
    ) -> Result<T> {
        let live = self.search.as_ref().expect("a session's cache");
        let mut live = live.lock().unwrap_or_else(|e| e.into_inner());
        let out = f(&mut live);
        if out.is_err() {
            *live = Default::default();
        }
        out
    }

    /// The layout of `site`: the last one if the site kept its indexes, else a new one.
    pub(super) fn layout(
        &self,
        site: &Site,
        make: impl FnOnce() -> Result<super::Layout>,
    ) -> Result<Arc<super::Layout>> {
        let mut last = self.layout.lock().expect("cache lock");
        if let Some((tags, layout)) = &*last
            && Arc::ptr_eq(tags, &site.tags)
        {
            return Ok(layout.clone());
        }
        let layout = Arc::new(make()?);
        *last = Some((site.tags.clone(), layout.clone()));
        Ok(layout)
    }

    /// The values of every article, in order, with a place for each card only with
    /// `keep_cards`. A one-off build makes them afresh. A session keeps them:
    /// after a render of as many articles, only the articles not in the same place as then
    /// are looked at (an edit in `serve`).
    fn values_for(&self, articles: &[Arc<Article>], keep_cards: bool) -> ArticleLists {
        if !self.is_session() {
            return ArticleLists::new(
                articles
                    .par_iter()
                    .map(|a| article_values(a, keep_cards))
                    .collect(),
            );
        }
        let make = |a: &Article| article_values(a, keep_cards);
        let mut last = self.last.lock().expect("cache lock");
        let address = |a: &Arc<Article>| Arc::as_ptr(a) as usize;
        if let Some((mut addresses, mut lists)) = last.take()
            && addresses.len() == articles.len()
        {
            // The last renderer has let go of the lists: they are updated in place.
            let changed: Vec<usize> = (0..addresses.len())
                .filter(|&i| addresses[i] != address(&articles[i]))
                .collect();
            let fresh = self.values_looked_up(
                &changed
                    .iter()
                    .map(|&i| articles[i].clone())
                    .collect::<Vec<_>>(),
                &make,
            );
            let values = Arc::make_mut(&mut lists.values);
            let hashes = Arc::make_mut(&mut lists.hashes);
            for (&i, v) in changed.iter().zip(fresh) {
                addresses[i] = address(&articles[i]);
                hashes[i] = v.hashes;
                values[i] = v;
            }
            // The changed articles' cards are made again when a page shows them.
            match Arc::get_mut(&mut lists.card_html) {
                Some(cards) if cards.len() == articles.len() => {
                    changed.iter().for_each(|&i| cards[i] = OnceLock::new())
                }
                _ => {
                    let cards = (0..articles.len()).map(|_| OnceLock::new()).collect();
                    lists.card_html = Arc::new(cards);
                }
            }
            *last = Some((addresses, lists.clone()));
            return lists;
        }
        let lists = ArticleLists::new(self.values_looked_up(articles, &make));
        *last = Some((articles.iter().map(address).collect(), lists.clone()));
        lists
    }

    /// The theme's templates changed: the cards rendered through them are made again.
    pub fn forget_card_html(&self) {
        if let Some((_, lists)) = self.last.lock().expect("cache lock").as_mut() {
            let cards = (0..lists.card_html.len())
                .map(|_| OnceLock::new())
                .collect();
            lists.card_html = Arc::new(cards);
        }
    }

    /// The values of `articles`, in order: cached ones looked up under one lock, the others
    /// made in parallel.
    fn values_looked_up(
        &self,
        articles: &[Arc<Article>],
        make: &(impl Fn(&Article) -> ArticleValues + Sync),
    ) -> Vec<ArticleValues> {
        let cached: Vec<Option<ArticleValues>> = {
            let map = self.map.lock().expect("cache lock");
            articles
                .iter()
                .map(|a| map.get(&(Arc::as_ptr(a) as usize)).map(|(_, v)| v.clone()))
                .collect()
        };
        let values: Vec<ArticleValues> = cached
            .into_par_iter()
            .zip(articles.par_iter())
            .map(|(hit, a)| hit.unwrap_or_else(|| make(a)))
            .collect();
        let mut map = self.map.lock().expect("cache lock");
        for (a, v) in articles.iter().zip(&values) {
            map.entry(Arc::as_ptr(a) as usize)
                .or_insert_with(|| (a.clone(), v.clone()));
        }
        values
    }

    /// Forgets articles no longer in the site (once there are more than a few).
    pub fn retain_only(&self, articles: &[Arc<Article>]) {
        // Stale entries only cost memory: sweep them when they are many, not on every save
        // (the sweep looks at every article).
        if self.map.lock().expect("cache lock").len() <= articles.len() + 1024 {
            return;
        }
        let keep: std::collections::HashSet<usize> =
            articles.iter().map(|a| Arc::as_ptr(a) as usize).collect();
        self.map
            .lock()
            .expect("cache lock")
            .retain(|k, _| keep.contains(k));
    }
}

/// The hashes of what an article's card and page show. The card is made from the article's
/// fields alone (with settings that are the same for the whole render), so the hashes of the
/// fields, made when the article was read, are the card's, without making it.
/// With `keep_card`, a place to keep the card once made.
fn article_values(article: &Article, keep_card: bool) -> ArticleValues {
    ArticleValues {
        card: keep_card.then(Arc::default),
        hashes: ArticleHashes {
            card: article.signatures.card,
            full: article.signatures.page,
        },
    }
}

/// About what a kept card costs (a Tera map of some 30 values).
const KEPT_CARD_BYTES: usize = 4 << 10;

/// Renders the pages of one site; holds what all pages share, built once.
pub struct PageRenderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    links: Links,
    dates: DateFormatter,
    values: Arc<Vec<ArticleValues>>,
    hashes: Arc<Vec<ArticleHashes>>,
    /// Each article through `partials/card.html`, made on first use (once per render, or
    /// in a session once until the article or the templates change).
    card_html: Arc<Vec<OnceLock<CardHtml>>>,
    /// Where the cards' HTML waits between uses: beyond the first `[build] body_memory_mb`
    /// in a scratch file, as article bodies do (an article is shown on some 5 to 10 lists,
    /// far apart in the render). A session keeps the cards between renders, each where its
    /// render placed it: a save's few new cards fit the fresh budget of its render's store.
    card_store: BodyStore,
    /// The cards each render thread made last, when cards are not kept (see [`RecentCards`]).
    recent: Vec<Mutex<RecentCards>>,
}

/// The last cards one thread made, by article (one place per article index modulo the
/// size). Pages are rendered in site order, each thread a run of neighbours: an article's page
/// shows its own card and its newer and older neighbours' cards, which the pages beside it
/// show too. Made three times each without this; a few hundred KB per thread.
struct RecentCards {
    slots: Vec<Option<(usize, Value)>>,
}

impl RecentCards {
    const SLOTS: usize = 64;

    fn new() -> RecentCards {
        RecentCards {
            slots: vec![None; Self::SLOTS],
        }
    }

    /// Article `i`'s card, made with `make` unless this thread made it lately.
    fn get(&mut self, i: usize, make: impl FnOnce() -> Value) -> Value {
        let slot = &mut self.slots[i % Self::SLOTS];
        match slot {
            Some((at, card)) if *at == i => card.clone(),
            _ => {
                let card = make();
                *slot = Some((i, card.clone()));
                card
            }
        }
    }
}

impl<'a> PageRenderer<'a> {
    pub fn new(
        site: &'a Site,
        templates: &'a Templates,
        links: Links,
        cache: &ValueCache,
    ) -> PageRenderer<'a> {
        let dates = DateFormatter::new(&site.config.language);
        // A build or a session keeps each card made only while all cards fit in the memory
        // budget of bodies: making a card again for each of the 5 to 15 lists that show it
        // costs half again the user CPU of a 10,000-article build (measured), paid only where
        // keeping them would cost gigabytes (a dev server's save makes again the cards of the
        // few lists it renders).
        let budget = site.config.build.body_memory_mb.saturating_mul(1 << 20);
        let keep_cards = site.articles.len().saturating_mul(KEPT_CARD_BYTES) <= budget;
        let ArticleLists {
            values,
            hashes,
            card_html,
        } = cache.values_for(&site.articles, keep_cards);
        let card_store = BodyStore::with_scratch_file(site.config.build.body_memory_mb);
        PageRenderer {
            site,
            templates,
            links,
            dates,
            values,
            hashes,
            card_html,
            card_store,
            // One per thread of the pool, and one for any other thread.
            recent: (0..=rayon::current_num_threads())
                .map(|_| Mutex::new(RecentCards::new()))
                .collect(),
        }
    }

    /// The hashes of every article's values, in site order.
    /// The site's templates.
    pub fn templates(&self) -> &Templates {
        self.templates
    }

    pub fn hashes(&self) -> &[ArticleHashes] {
        &self.hashes
    }

    /// The hash of a page's inputs: equal signatures render equal HTML.
    pub fn signature(&self, spec: &PageSpec) -> u64 {
        signature(spec, &self.hashes)
    }

    /// Renders one page to HTML.
    pub fn render(&self, spec: &PageSpec) -> Result<Vec<u8>> {
        self.templates
            .render_bytes(spec.kind.template(), &self.context(spec)?)
    }

    /// The card of article `i` with site paths as any page shows them (before relative mode
    /// rewrites them for one page): the session's kept card, else made now.
    fn card_value(&self, i: usize) -> Value {
        let make = || {
            let article = &self.site.articles[i];
            values::article_card(article, &self.site.config, &self.links, &self.dates)
        };
        match &self.values[i].card {
            Some(kept) => kept.get_or_init(make).clone(),
            None => {
                let last = self.recent.len() - 1;
                let thread = rayon::current_thread_index().map_or(last, |t| t.min(last));
                self.recent[thread].lock().expect("card lock").get(i, make)
            }
        }
    }

    /// The card of article `i` as shown on the page at `page`: in relative mode, site paths in
    /// its summary are rewritten for that page.
    fn card(&self, i: usize, page: &str) -> Value {
        let article = &self.site.articles[i];
        let Cow::Owned(summary) = for_page(&self.links, &article.summary_html, page) else {
            return self.card_value(i);
        };
        match &self.values[i].card {
            Some(_) => values::extended(
                &self.card_value(i),
                &[("summary", Value::safe_string(&summary))],
            ),
            None => values::article_card_with_summary(
                article,
                &self.site.config,
                &self.links,
                &self.dates,
                summary,
            ),
        }
    }

    fn cards(&self, items: impl IntoIterator<Item = usize>, page: &str) -> Value {
        Value::from(
            items
                .into_iter()
                .map(|i| self.card(i, page))
                .collect::<Vec<_>>(),
        )
    }

    /// Article `i` rendered through `partials/card.html` (not as the lead story) for the page
    /// at `page`. Rendered once per render with site paths, which are then made relative to
    /// the page in relative-links mode: a card is the same on every list it appears in.
    fn card_html(&self, i: usize, page: &str) -> Result<Value> {
        let html = self.card_html[i].get_or_init(|| {
            let mut ctx = Context::new();
            ctx.insert("page_path", fragment_page_path(&self.links));
            ctx.insert_value("card", self.card_value(i));
            ctx.insert("lead", &false);
            let html = self
                .templates
                .render(CARD_TEMPLATE, &ctx)
                .map_err(|e| e.to_string())?;
            // Found once: the card is placed on every list that shows it. Kept only beside
            // kept card values (some 150 bytes a card), so memory stays bounded where cards
            // do not fit the budget; such cards are searched on each page instead.
            let spots = (self.links.is_relative() && self.values[i].card.is_some())
                .then(|| root_link_spots(&html));
            let mut html = BodyHtml::new(html);
            self.card_store.place(&mut html);
            Ok((html, spots))
        });
        let (html, spots) = html.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
        let html = html.html()?;
        let placed = match spots {
            Some(spots) => for_page_at(&self.links, &html, spots, page),
            None => for_page(&self.links, &html, page),
        };
        Ok(Value::safe_string(&placed))
    }

    /// The list's cards (`articles`, `cards_html`) and paginator, each card only when the
    /// page's `template` names it: making a card's values is most of a list page's cost.
    fn insert_list(
        &self,
        ctx: &mut Context,
        list: &ListSpec,
        page: &str,
        template: &str,
    ) -> Result<()> {
        let p = &list.paginator;
        if self.templates.reads(template, "articles") {
            ctx.insert_value("articles", self.cards(list.items.iter().copied(), page));
        }
        if self.templates.tera.contains_template(CARD_TEMPLATE)
            && self.templates.reads(template, "cards_html")
        {
            let html = list
                .items
                .iter()
                .map(|&i| self.card_html(i, page))
                .collect::<Result<Vec<Value>>>()?;
            ctx.insert_value("cards_html", Value::from(html));
        }
        ctx.insert_value(
            "paginator",
            values::paginator(
                &p.list_path,
                p.current,
                p.total_pages,
                p.total_items,
                p.per_page,
            ),
        );
        Ok(())
    }

    /// The template context of a page. Reads only the spec and the article values, which is
    /// what makes [`signature`] exact.
    fn context(&self, spec: &PageSpec) -> Result<Context> {
        let page = spec.path.as_str();
        let template = spec.kind.template();
        let mut ctx = Context::new();
        ctx.insert("page_path", page);
        ctx.insert("page_kind", spec.kind.name());
        let opt = |v: Option<Value>| v.unwrap_or(Value::none());
        match &spec.body {
            Body::Home(list) => {
                ctx.insert("front", &false);
                self.insert_list(&mut ctx, list, page, template)?;
            }
            Body::Front(list, front) => {
                ctx.insert("front", &true);
                self.insert_list(&mut ctx, list, page, template)?;
                let sections: Vec<Value> = front
                    .sections
                    .iter()
                    .map(|(taxonomy, term, items)| {
                        values::map([
                            ("taxonomy", values::taxonomy_value(taxonomy)),
                            ("term", values::term_value(term)),
                            ("articles", self.cards(items.iter().copied(), page)),
                        ])
                    })
                    .collect();
                ctx.insert_value("sections", Value::from(sections));
                let sources = front.sources.iter().map(values::term_value);
                ctx.insert_value("sources", Value::from(sources.collect::<Vec<_>>()));
            }
            Body::Article {
                index,
                newer,
                older,
                related,
            } => {
                let index = *index as usize;
                let article = &self.site.articles[index];
                let html = article.content_html.html()?;
                let content = if super::links::has_root_links(&html) {
                    Cow::Owned(rewrite_root_links(&html, |out, p| {
                        self.links.push_link(out, p, page)
                    }))
                } else {
                    html
                };
                ctx.insert_value(
                    "article",
                    values::article_full(
                        &self.card(index, page),
                        values::article_terms(article, &self.site.config),
                        &content,
                        &article.toc,
                    ),
                );
                ctx.insert_value("newer", opt(newer.map(|j| self.card(j as usize, page))));
                ctx.insert_value("older", opt(older.map(|j| self.card(j as usize, page))));
                ctx.insert_value(
                    "related",
                    self.cards(related.iter().map(|&i| i as usize), page),
                );
            }
            Body::Tags(tags) => {
                ctx.insert_value(
                    "tags",
                    Value::from(tags.iter().map(values::tag_value).collect::<Vec<_>>()),
                );
            }
            Body::Tag(tag, list) => {
                ctx.insert_value("tag", values::tag_value(tag));
                self.insert_list(&mut ctx, list, page, template)?;
            }
            Body::Taxonomy(taxonomy, terms) => {
                ctx.insert_value("taxonomy", values::taxonomy_value(taxonomy));
                ctx.insert_value(
                    "terms",
                    Value::from(terms.iter().map(values::term_value).collect::<Vec<_>>()),
                );
            }
            Body::Term(taxonomy, term, list) => {
                ctx.insert_value("taxonomy", values::taxonomy_value(taxonomy));
                ctx.insert_value("term", values::term_value(term));
                self.insert_list(&mut ctx, list, page, template)?;
            }
            Body::Archive(years) => {
                ctx.insert_value(
                    "years",
                    Value::from(years.iter().map(values::year_value).collect::<Vec<_>>()),
                );
            }
            Body::Year(y) => {
                let super::spec::YearSpec {
                    year,
                    months,
                    previous,
                    next,
                } = &**y;
                ctx.insert_value("year", values::year_value(year));
                ctx.insert_value(
                    "months",
                    Value::from(months.iter().map(values::period_value).collect::<Vec<_>>()),
                );
                ctx.insert_value(
                    "previous_year",
                    opt(previous.as_ref().map(values::year_value)),
                );
                ctx.insert_value("next_year", opt(next.as_ref().map(values::year_value)));
            }
            Body::Period {
                period,
                up,
                previous,
                next,
                list,
            } => {
                ctx.insert_value("period", values::period_value(period));
                ctx.insert_value("up", values::named_link(up));
                ctx.insert_value(
                    "previous_period",
                    opt(previous.as_deref().map(values::named_link)),
                );
                ctx.insert_value("next_period", opt(next.as_deref().map(values::named_link)));
                self.insert_list(&mut ctx, list, page, template)?;
            }
            Body::NotFound | Body::Search => {}
        }
        Ok(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::RecentCards;
    use tera::Value;

    #[test]
    fn a_recent_card_is_made_once_until_another_article_takes_its_place() {
        let mut recent = RecentCards::new();
        let mut made = Vec::new();
        let mut card = |i: usize| {
            recent.get(i, || {
                made.push(i);
                Value::from(format!("card {i}"))
            })
        };
        assert_eq!(card(7), Value::from("card 7"));
        assert_eq!(card(6), Value::from("card 6"));
        assert_eq!(card(7), Value::from("card 7"));
        // 7 + 64 falls on 7's place: 7 is made again after it.
        assert_eq!(card(7 + RecentCards::SLOTS), Value::from("card 71"));
        assert_eq!(card(7), Value::from("card 7"));
        assert_eq!(made, vec![7, 6, 71, 7]);
    }
}
