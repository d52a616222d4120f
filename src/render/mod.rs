//! Rendering: the Site in, every output file out (pages, feeds, sitemap, robots, static files).

mod cached_partial;
pub mod clashes;
mod dependents;
pub mod feeds;
mod jsonld;
pub mod links;
pub mod pages;
mod sink;
pub mod sitemap;
pub mod spec;
pub mod templates;
pub mod values;
pub mod xml;

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, bail};
use rayon::prelude::*;

pub use crate::cache::outputs::{Groups, Signatures};
use crate::files::files_under;
use crate::site::Site;
use crate::urls::{Links, output_file};
use dependents::Dependents;
use pages::PageRenderer;
pub use pages::ValueCache;
pub use sink::Sink;
use spec::{Page, PageKind, PageSpec, SpecBuilder};
pub use templates::Templates;

/// What a build produced, for the closing line.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub articles: usize,
    pub tags: usize,
    pub archive_pages: usize,
    pub feeds: usize,
    pub pages: usize,
    /// Pages and feeds rendered this time (the rest were unchanged since `previous`).
    pub rendered: usize,
}

/// The link maker for a site.
pub fn links_for(site: &Site) -> Links {
    Links::new(&site.config.base_url, site.config.relative_links)
}

/// Renders the site into `sink`. Pages and feeds whose signature is the same as in `previous`
/// are not rendered again (the sink still has them); pass an empty map to render everything.
/// What was made gives the signatures of every output file and group of files
/// ([`Rendered::signatures`]) for a build that keeps them: a map of every file, so a build
/// without a cache does not make it.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    statics: &StaticFiles,
    sink: &dyn Sink,
    cache: &ValueCache,
    previous: &Signatures,
) -> Result<(RenderStats, Rendered)> {
    render(
        site,
        templates,
        statics,
        sink,
        cache,
        Previous::Map(previous),
    )
}

/// What a render starts from.
pub enum Previous<'a> {
    /// Nothing: every page and file is made.
    Nothing,
    /// The signatures of a build's cached files, by output file.
    Map(&'a Signatures),
    /// The last render of a session (`serve`), whose sink still holds every file it made
    /// (its `keep` is always true). A render that succeeds takes its lists (they become the
    /// new render's): it is only good for [`Rendered::gone_since`] then.
    Last(&'a mut Rendered),
}

/// What a render made: every output file's signature, the pages' by their slot in the
/// layout, so that the next render of a session starts from them without a map of every file.
pub struct Rendered {
    layout: Arc<Layout>,
    /// The signature of each page of `layout`, in its order.
    pages: Vec<u64>,
    /// Each feed's files (in the order of `feeds::feeds`) and its signature.
    feed_files: Arc<Vec<Vec<String>>>,
    feeds: Vec<u64>,
    /// The sitemap files (`sitemap.xml` and its parts), by output path.
    sitemaps: Vec<(String, u64)>,
    /// robots.txt, syntax.css, static files, bundles' files.
    others: Signatures,
    /// The images' groups of files (an original and its variants), by the path of the first.
    groups: Groups,
    /// The search index's files.
    search: Signatures,
    /// The search files the last render had and this one has not, when this one brought
    /// the last one's `search` up to date (it took them).
    search_gone: Option<Vec<String>>,
    /// For a session: what the next render compares with.
    basis: Option<Basis>,
}

/// What a session's render was made from, so the next finds what changed since.
struct Basis {
    /// The articles' addresses: they stay valid while the session's value cache holds the
    /// articles, which it does for every article of the last render.
    addresses: Vec<usize>,
    hashes: Vec<spec::ArticleHashes>,
    /// A hash of each article's `lastmod` (what the sitemap shows of it).
    lastmods: Vec<u64>,
    /// Whether each article has images or bundle files.
    media: Vec<bool>,
    statics: u64,
    dependents: Arc<Dependents>,
}

impl Rendered {
    /// Every output file with its signature (the groups of files are apart: [`Rendered::groups`]).
    pub fn signatures(&self) -> Signatures {
        self.files().map(|(p, s)| (p.into_owned(), s)).collect()
    }

    /// The groups of files (an image's original and variants), each with its signature.
    pub fn groups(&self) -> &Groups {
        &self.groups
    }

    /// The output path of every file, the files of groups too.
    pub fn paths(&self) -> std::collections::HashSet<String> {
        let groups = self.groups.iter().flat_map(|(key, g)| g.group.files(key));
        let files = self.files().map(|(p, _)| p.to_string());
        files.chain(groups).collect()
    }

    /// Every output file (not the groups of files: [`Rendered::groups`]) with its
    /// signature, pages first: what [`Rendered::signatures`] holds, without a map.
    pub fn files(&self) -> impl Iterator<Item = (Cow<'_, str>, u64)> {
        let pages = (0..self.pages.len())
            .map(|slot| Cow::Owned(self.layout.file(slot)))
            .zip(self.pages.iter().copied());
        let feeds = self
            .feed_files
            .iter()
            .zip(&self.feeds)
            .flat_map(|(files, &s)| files.iter().map(move |f| (Cow::from(f.as_str()), s)));
        let rest = self
            .sitemaps
            .iter()
            .map(|(p, s)| (Cow::from(p.as_str()), *s));
        let others = self.others.iter().chain(&self.search);
        let others = others.map(|(p, s)| (Cow::from(p.as_str()), *s));
        pages.chain(feeds).chain(rest).chain(others)
    }

    /// How many output files and groups of files there are.
    pub fn len(&self) -> usize {
        let feeds: usize = self.feed_files.iter().map(Vec::len).sum();
        let others = self.others.len() + self.groups.len();
        self.pages.len() + feeds + self.sitemaps.len() + others + self.search.len()
    }

    /// Whether there are none (never, in practice: a site has its 404 page).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The output files of `last` that this render did not make. Looks at every file only
    /// when the layout changed; else only at the few files besides pages and feeds (and at
    /// the files of a group only when it changed).
    pub fn gone_since(&self, last: &Rendered) -> Vec<String> {
        let gone = self.entries_gone_since(last);
        // A group whose files are named alike keeps them (its signature may have changed).
        let changed: Vec<(&String, &crate::cache::outputs::Group)> = last
            .groups
            .iter()
            .filter(|(key, g)| self.groups.get(*key).map(|now| &now.group) != Some(&g.group))
            .map(|(key, g)| (key, &g.group))
            .collect();
        if changed.is_empty() && (gone.is_empty() || self.groups.is_empty()) {
            return gone;
        }
        // A group's files, or a file that became one of a group's.
        let now = self.paths();
        let groups_gone = changed
            .into_iter()
            .flat_map(|(key, group)| group.files(key));
        let mut gone: Vec<String> = gone
            .into_iter()
            .chain(groups_gone)
            .filter(|path| !now.contains(path))
            .collect();
        gone.sort_unstable();
        gone.dedup();
        gone
    }

    /// The output files and groups (by their first file) of `last` that this render did not
    /// make.
    fn entries_gone_since(&self, last: &Rendered) -> Vec<String> {
        if Arc::ptr_eq(&self.layout, &last.layout)
            && Arc::ptr_eq(&self.feed_files, &last.feed_files)
        {
            let sitemaps: std::collections::HashSet<&str> =
                self.sitemaps.iter().map(|(p, _)| p.as_str()).collect();
            let sitemaps_gone = last
                .sitemaps
                .iter()
                .map(|(p, _)| p)
                .filter(|p| !sitemaps.contains(p.as_str()));
            let others_gone = last.others.keys().filter(|p| !self.others.contains_key(*p));
            let search_gone: Vec<&String> = match &self.search_gone {
                Some(gone) => gone.iter().collect(),
                None => {
                    let search = last.search.keys();
                    search.filter(|p| !self.search.contains_key(*p)).collect()
                }
            };
            return sitemaps_gone
                .chain(others_gone)
                .chain(search_gone)
                .cloned()
                .collect();
        }
        let now: std::collections::HashSet<Cow<str>> = self.files().map(|(p, _)| p).collect();
        last.files()
            .map(|(p, _)| p)
            .filter(|p| !now.contains(p))
            .map(Cow::into_owned)
            .collect()
    }
}

/// Renders the site into `sink`, making again only the pages and files whose signature
/// changed since `previous`.
pub fn render(
    site: &Site,
    templates: &Templates,
    statics: &StaticFiles,
    sink: &dyn Sink,
    cache: &ValueCache,
    previous: Previous,
) -> Result<(RenderStats, Rendered)> {
    let mut t = crate::timing::Phases::new("render");
    let links = links_for(site);
    let renderer = PageRenderer::new(site, templates, links.clone(), cache);
    t.mark("article values");
    let layout = cache.layout(site, || lay_out(site))?;
    t.mark("specs");
    let statics_print = statics.fingerprint();
    let rendered = AtomicUsize::new(0);
    let job = Job {
        site,
        links: &links,
        renderer: &renderer,
        statics,
        sink,
        cache,
        rendered: &rendered,
    };
    let made = match previous {
        Previous::Last(last)
            if Arc::ptr_eq(&last.layout, &layout)
                && last
                    .basis
                    .as_ref()
                    .is_some_and(|b| b.addresses.len() == site.articles.len()) =>
        {
            job.changes_since(last, statics_print)?
        }
        previous => job.everything(&layout, previous, statics_print)?,
    };
    t.mark("pages, feeds, other files");
    // Every search file this render made is in the sink: the index's next changes start here.
    cache.search_committed();
    if cache.is_exiting_after() {
        std::mem::forget(renderer);
    }
    let pages = &made.layout.pages;
    let archive_pages = pages
        .iter()
        .filter(|p| {
            matches!(
                p,
                Page::Archive | Page::Year(_) | Page::Month(..) | Page::Day(..)
            )
        })
        .count();
    let stats = RenderStats {
        articles: site.articles.len(),
        tags: site.tags.len(),
        archive_pages,
        feeds: made.feed_files.iter().map(Vec::len).sum(),
        pages: pages.len(),
        rendered: rendered.into_inner(),
    };
    Ok((stats, made))
}

/// What one render works with.
struct Job<'a> {
    site: &'a Site,
    links: &'a Links,
    renderer: &'a PageRenderer<'a>,
    statics: &'a StaticFiles,
    sink: &'a dyn Sink,
    cache: &'a ValueCache,
    rendered: &'a AtomicUsize,
}

impl Job<'_> {
    /// Signs every page and file, and makes those whose signature is not in `previous`.
    fn everything(
        &self,
        layout: &Arc<Layout>,
        previous: Previous,
        statics_print: u64,
    ) -> Result<Rendered> {
        let site = self.site;
        self.renderer.templates().images.set(site);
        let empty = Signatures::default();
        // The last render's signatures by output file, when its layout was another.
        let last_map: Signatures;
        let no_groups = Groups::default();
        let (map, others_before, search_before, groups_before) = match previous {
            Previous::Nothing => (&empty, &empty, &empty, &no_groups),
            // A build's sink knows the last build's groups from the build cache.
            Previous::Map(map) => (map, map, map, &no_groups),
            Previous::Last(last) => {
                last_map = last.signatures();
                (&last_map, &last.others, &last.search, &last.groups)
            }
        };
        let dependents = self
            .cache
            .is_session()
            .then(|| Arc::new(Dependents::new(site, layout)));
        let fresh_feeds;
        let feed_list: &[feeds::Feed] = match &dependents {
            Some(d) => &d.feed_list,
            None => {
                fresh_feeds = feeds::feeds(site);
                &fresh_feeds
            }
        };
        let specs = &layout.specs;
        // Pages, and (feeds, sitemap and the rest) side by side: both are parallel inside too.
        let (pages_done, rest_done) = rayon::join(
            || {
                let started = std::time::Instant::now();
                let done: Result<Vec<u64>> = specs
                    .par_iter()
                    .map(|spec| {
                        let file = output_file(&spec.path);
                        self.page(spec, &file, map.get(&file).copied())
                    })
                    .collect();
                crate::timing::add("all pages", started);
                done
            },
            || -> Result<_> {
                let started = std::time::Instant::now();
                let feeds: Vec<(Vec<String>, u64)> = feed_list
                    .par_iter()
                    .map(|feed| {
                        let files = dependents::files_of(feed);
                        let signature = self.feed(feed, &files, |f| map.get(f).copied())?;
                        Ok((files, signature))
                    })
                    .collect::<Result<_>>()?;
                crate::timing::add("all feeds", started);
                let started = std::time::Instant::now();
                let sitemaps = self.sitemaps(&layout.specs, |f| map.get(f).copied())?;
                let others = self.others(others_before, groups_before, true)?;
                crate::timing::add("sitemap, statics, bundles, images", started);
                let search = put_search_files(site, self.cache, self.sink, search_before)?;
                Ok((feeds, sitemaps, others, search))
            },
        );
        let pages = pages_done?;
        let (feeds, sitemaps, (others, groups), search) = rest_done?;
        let (feed_files, feeds): (Vec<Vec<String>>, Vec<u64>) = feeds.into_iter().unzip();
        let feed_files = match &dependents {
            Some(d) => d.feed_files.clone(),
            None => Arc::new(feed_files),
        };
        Ok(Rendered {
            layout: layout.clone(),
            pages,
            feed_files,
            feeds,
            sitemaps,
            others,
            groups,
            search,
            search_gone: None,
            basis: dependents.map(|dependents| Basis {
                addresses: site
                    .articles
                    .iter()
                    .map(|a| Arc::as_ptr(a) as usize)
                    .collect(),
                hashes: self.renderer.hashes().to_vec(),
                lastmods: site
                    .articles
                    .iter()
                    .map(|a| xxhash_rust::xxh3::xxh3_64(a.lastmod().as_bytes()))
                    .collect(),
                media: site.articles.iter().map(|a| has_media(a)).collect(),
                statics: statics_print,
                dependents,
            }),
        })
    }

    /// Signs again only the pages and feeds that show an article that changed since `last`
    /// (whose layout this site has), and makes those whose signature changed.
    /// Takes the last render's lists (after all that can fail): they are updated in place, so
    /// a save allocates nothing in proportion to the site.
    fn changes_since(&self, last: &mut Rendered, statics_print: u64) -> Result<Rendered> {
        let site = self.site;
        let basis = last.basis.as_ref().expect("a session's render");
        let dependents = &basis.dependents;
        let hashes = self.renderer.hashes();
        let changed: Vec<usize> = (0..site.articles.len())
            .filter(|&i| Arc::as_ptr(&site.articles[i]) as usize != basis.addresses[i])
            .collect();
        let layout = &last.layout;
        let started = std::time::Instant::now();
        let mut slots: Vec<u32> = changed
            .iter()
            .filter(|&&i| hashes[i] != basis.hashes[i])
            .flat_map(|&i| dependents.pages_of(i).iter().copied())
            .collect();
        slots.sort_unstable();
        slots.dedup();
        let signed: Vec<(usize, u64)> = slots
            .par_iter()
            .map(|&slot| {
                let slot = slot as usize;
                let signature = self.page(
                    &layout.specs[slot],
                    &layout.file(slot),
                    Some(last.pages[slot]),
                )?;
                Ok((slot, signature))
            })
            .collect::<Result<_>>()?;
        let signed_pages = signed;
        crate::timing::add("all pages", started);

        // A feed shows the sizes of static files (an enclosure's length): when they changed,
        // every feed is signed again.
        let started = std::time::Instant::now();
        let mut feed_numbers: Vec<u32> = if statics_print == basis.statics {
            changed
                .iter()
                .flat_map(|&i| dependents.feeds_of(i).iter().copied())
                .collect()
        } else {
            (0..dependents.feed_list.len() as u32).collect()
        };
        feed_numbers.sort_unstable();
        feed_numbers.dedup();
        let signed: Vec<(usize, u64)> = feed_numbers
            .par_iter()
            .map(|&k| {
                let k = k as usize;
                let signature =
                    self.feed(&dependents.feed_list[k], &dependents.feed_files[k], |_| {
                        Some(last.feeds[k])
                    })?;
                Ok((k, signature))
            })
            .collect::<Result<_>>()?;
        let signed_feeds = signed;
        crate::timing::add("all feeds", started);

        // The sitemap lists the pages (the same) and the articles' last changes.
        let started = std::time::Instant::now();
        let lastmods: Vec<u64> = changed
            .iter()
            .map(|&i| xxhash_rust::xxh3::xxh3_64(site.articles[i].lastmod().as_bytes()))
            .collect();
        let sitemaps = if changed
            .iter()
            .zip(&lastmods)
            .any(|(&i, &lastmod)| lastmod != basis.lastmods[i])
        {
            let before: Signatures = last.sitemaps.iter().cloned().collect();
            self.sitemaps(&layout.specs, |f| before.get(f).copied())?
        } else {
            last.sitemaps.clone()
        };
        // Images and bundles' files come from articles that have them: with none before or
        // after, there is nothing to index or publish (and no pass over every article).
        let media: Vec<bool> = changed
            .iter()
            .map(|&i| has_media(&site.articles[i]))
            .collect();
        let any_media = media.iter().any(|&m| m) || basis.media.iter().any(|&m| m);
        if any_media {
            self.renderer.templates().images.set(site);
        }
        let (others, groups) = self.others(&last.others, &last.groups, any_media)?;
        crate::timing::add("sitemap, statics, bundles, images", started);
        let search = put_search_changes(site, self.cache, self.sink, &last.search)?;

        // Nothing can fail from here: the last render's lists become this one's.
        let mut pages = std::mem::take(&mut last.pages);
        for (slot, signature) in signed_pages {
            pages[slot] = signature;
        }
        let mut feeds = std::mem::take(&mut last.feeds);
        for (k, signature) in signed_feeds {
            feeds[k] = signature;
        }
        let mut basis = last.basis.take().expect("a session's render");
        for (n, &i) in changed.iter().enumerate() {
            basis.addresses[i] = Arc::as_ptr(&site.articles[i]) as usize;
            basis.hashes[i] = hashes[i];
            basis.lastmods[i] = lastmods[n];
            basis.media[i] = media[n];
        }
        basis.statics = statics_print;
        let (search, search_gone) = match search {
            SearchUpdate::Whole(search) => (search, None),
            SearchUpdate::Patch { put, gone } => {
                let mut search = std::mem::take(&mut last.search);
                search.extend(put);
                for path in &gone {
                    search.remove(path);
                }
                (search, Some(gone))
            }
        };
        Ok(Rendered {
            layout: layout.clone(),
            pages,
            feed_files: last.feed_files.clone(),
            feeds,
            sitemaps,
            others,
            groups,
            search,
            search_gone,
            basis: Some(basis),
        })
    }

    /// Renders a page unless its signature is `previous` and the sink has it; returns the
    /// signature.
    fn page(&self, spec: &PageSpec, file: &str, previous: Option<u64>) -> Result<u64> {
        let signature = self.renderer.signature(spec);
        if previous != Some(signature) || !self.sink.keep(file)? {
            let started = std::time::Instant::now();
            let html = self.renderer.render(spec)?;
            crate::timing::add(spec.kind.template(), started);
            let started = std::time::Instant::now();
            self.sink.put_owned(file, html)?;
            crate::timing::add("hand over", started);
            self.rendered.fetch_add(1, Ordering::Relaxed);
        }
        Ok(signature)
    }

    /// Writes a feed's `files` unless each has its signature in `previous` and the sink has
    /// it; returns the signature.
    fn feed(
        &self,
        feed: &feeds::Feed,
        files: &[String],
        previous: impl Fn(&str) -> Option<u64>,
    ) -> Result<u64> {
        let site = self.site;
        let signature = feeds::signature(site, feed, self.renderer.hashes(), self.statics);
        let mut changed = false;
        for file in files {
            if previous(file) != Some(signature) || !self.sink.keep(file)? {
                changed = true;
                break;
            }
        }
        if !changed {
            return Ok(signature);
        }
        let started = std::time::Instant::now();
        let templates = self.renderer.templates();
        let names: Vec<&str> = feed.settings.formats.files().collect();
        // A theme's own template replaces the built-in writer of its format.
        let themed = |name: &str| templates.tera.contains_template(name);
        let entries = match names.iter().all(|name| themed(name)) {
            true => Vec::new(),
            false => feeds::entries(site, self.links, self.statics, feed)?,
        };
        let mut written = Vec::with_capacity(names.len());
        for name in &names {
            written.push(if themed(name) {
                let ctx = feeds::template_context(site, self.links, self.statics, feed, name)?;
                templates.render(name, &ctx)?
            } else {
                feeds::built_in(site, self.links, feed, name, &entries)
            });
        }
        crate::timing::add("feeds", started);
        for (file, xml) in files.iter().zip(written) {
            self.sink.put_owned(file, xml.into_bytes())?;
        }
        self.rendered.fetch_add(files.len(), Ordering::Relaxed);
        Ok(signature)
    }

    /// The sitemap files of the pages in `specs`, put unless their hash is `previous`'s.
    fn sitemaps(
        &self,
        specs: &[PageSpec],
        previous: impl Fn(&str) -> Option<u64>,
    ) -> Result<Vec<(String, u64)>> {
        let templates = self.renderer.templates();
        let files = sitemap_files(self.site, self.links, templates, specs, self.cache)?;
        let mut signatures = Vec::with_capacity(files.len());
        for (path, xml) in files {
            let path = output_file(&path);
            let hash = xxhash_rust::xxh3::xxh3_64(xml.as_bytes());
            if previous(&path) != Some(hash) || !self.sink.keep(&path)? {
                self.sink.put(&path, xml.as_bytes())?;
            }
            signatures.push((path, hash));
        }
        Ok(signatures)
    }

    /// The files besides pages, feeds and the sitemap, put unless their hash is `previous`'s,
    /// and the groups of files among them.
    fn others(
        &self,
        previous: &Signatures,
        previous_groups: &Groups,
        media: bool,
    ) -> Result<(Signatures, Groups)> {
        let (others, groups) = render_other_files(
            self.site,
            self.links,
            self.statics,
            self.sink,
            (previous, previous_groups),
            media,
        )?;
        Ok((others.into_iter().collect(), groups))
    }
}

/// Every page of a site with its spec: what the site's structure (its articles' places, tags
/// and archives) and settings decide, before any article's text.
pub struct Layout {
    pub pages: Vec<Page>,
    pub specs: Vec<PageSpec>,
}

impl Layout {
    /// The output file of the page in `slot`, made from its path when needed: kept for every
    /// page, the files were a sixth of the layout's memory.
    pub fn file(&self, slot: usize) -> String {
        output_file(&self.specs[slot].path)
    }
}

/// The site's layout; fails, naming every clash, when two pages share an output file.
fn lay_out(site: &Site) -> Result<Layout> {
    let layout = plan(site);
    let clashes = clashes::find(site, &layout.pages, &layout.specs);
    if !clashes.is_empty() {
        let messages: Vec<&str> = clashes.iter().map(|c| c.message.as_str()).collect();
        bail!("{}", messages.join("\n"));
    }
    Ok(layout)
}

fn plan(site: &Site) -> Layout {
    let builder = SpecBuilder::new(site);
    let pages = spec::pages(site);
    let specs: Vec<PageSpec> = pages.par_iter().map(|&p| builder.spec(p)).collect();
    Layout { pages, specs }
}

/// Every pair (or more) of pages that would be published on one output file.
pub fn clashes(site: &Site) -> Vec<clashes::Clash> {
    let layout = plan(site);
    clashes::find(site, &layout.pages, &layout.specs)
}

/// [`clashes`], keeping the layout in `cache` for the render when there are none (so a
/// build that checks first lays its pages out once).
pub fn clashes_laying_out(site: &Site, cache: &ValueCache) -> Vec<clashes::Clash> {
    let mut found = Vec::new();
    let _ = cache.layout(site, || {
        let layout = plan(site);
        found = clashes::find(site, &layout.pages, &layout.specs);
        if found.is_empty() {
            Ok(layout)
        } else {
            bail!("the pages clash")
        }
    });
    found
}

/// The sitemap files `(site path, XML)` of the pages in `specs`.
fn sitemap_files(
    site: &Site,
    links: &Links,
    templates: &Templates,
    specs: &[PageSpec],
    cache: &ValueCache,
) -> Result<Vec<(String, String)>> {
    let entries: Vec<sitemap::Entry> = specs
        .iter()
        .filter(|spec| spec.kind != PageKind::NotFound)
        .map(|spec| sitemap::Entry {
            path: &spec.path,
            lastmod: match spec.body {
                spec::Body::Article { index, .. } => {
                    Some(site.articles[index as usize].last_changed())
                }
                _ => None,
            },
        })
        .collect();
    if templates.tera.contains_template("sitemap.xml") {
        return sitemap::sitemaps(links, &entries, |urls| {
            templates.render("sitemap.xml", &sitemap::template_context(links, urls))
        });
    }
    if !cache.is_session() {
        return sitemap::sitemaps(links, &entries, |urls| {
            Ok::<_, anyhow::Error>(sitemap::urlset(links, urls))
        });
    }
    // The built-in writer's files are the same for the same entries: a session keeps them.
    let mut made = Vec::new();
    let files = sitemap::sitemaps(links, &entries, |urls| {
        let key = sitemap::entries_hash(urls);
        let xml = cache
            .sitemap_part(key)
            .unwrap_or_else(|| sitemap::urlset(links, urls));
        made.push((key, xml.clone()));
        Ok::<_, anyhow::Error>(xml)
    })?;
    cache.keep_sitemap_parts(made);
    Ok(files)
}

/// robots.txt, the code stylesheet, static files, bundles' files and images. Their signature
/// is the hash of their bytes (an image's group of files: of their cache keys); unchanged ones
/// are not put again (`previous`: the last render's files and groups). Returns the groups of
/// files apart.
fn render_other_files(
    site: &Site,
    links: &Links,
    statics: &StaticFiles,
    sink: &dyn Sink,
    (previous, previous_groups): (&Signatures, &Groups),
    media: bool,
) -> Result<(Vec<(String, u64)>, Groups)> {
    let mut signatures = Vec::new();
    let mut put_unless_same = |path: String, bytes: &[u8]| -> Result<()> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if previous.get(&path) != Some(&hash) || !sink.keep(&path)? {
            sink.put(&path, bytes)?;
        }
        signatures.push((path, hash));
        Ok(())
    };
    put_unless_same("robots.txt".into(), sitemap::robots(links).as_bytes())?;
    put_unless_same(
        "syntax.css".into(),
        crate::highlight::stylesheet().as_bytes(),
    )?;
    for (rel, bytes) in &statics.files {
        put_unless_same(rel.clone(), bytes)?;
    }
    if !media {
        return Ok((signatures, Groups::default()));
    }
    for (rel, bytes) in crate::images::static_images::variant_files(&site.config, &site.articles)? {
        put_unless_same(rel, &bytes)?;
    }
    for (rel, bytes) in bundle_files(site)? {
        put_unless_same(rel, &bytes)?;
    }
    let images = crate::images::publish::Target {
        keep_group: &|key, files, signature| {
            sink.keep_group(key, files, signature, previous_groups)
        },
        put: &|file, bytes| sink.put(file, bytes),
    };
    let published = crate::images::publish::publish(site, &images)?;
    let mut groups = Groups::default();
    groups.reserve(published.len());
    for image in published {
        let group = crate::cache::outputs::SignedGroup {
            signature: image.signature,
            group: image.group,
        };
        groups.insert(image.key, group);
    }
    Ok((signatures, groups))
}

/// The search index's files (when search is on); like the other files, unchanged ones are
/// not put again. Their signature is the hash of their bytes. A cached build whose index
/// would be made of the same as the last one's keeps the last files without making any.
fn put_search_files(
    site: &Site,
    cache: &ValueCache,
    sink: &dyn Sink,
    previous: &Signatures,
) -> Result<Signatures> {
    let started = std::time::Instant::now();
    let last = cache.last_search_files(site);
    let kept = match last.as_ref().and_then(|l| l.unchanged()) {
        Some(files) => keep_search_files(sink, previous, files)?,
        None => Default::default(),
    };
    if let Some(files) = last.as_ref().and_then(|l| l.unchanged())
        && kept.len() == files.len()
    {
        crate::timing::add("search index", started);
        return Ok(files.iter().cloned().collect());
    }
    let out = crate::search::saved::Output {
        previous: &|path| previous.get(path).copied(),
        keep: &|path| Ok(kept.contains_key(path) || sink.keep(path)?),
        put: &|path, bytes, hash| {
            if kept.get(path) == Some(&hash) {
                return Ok(());
            }
            put_search_file(sink, previous, path, bytes, hash)
        },
    };
    let signatures = cache.put_search_files(site, &out, last.as_ref().map(|l| l.keys()))?;
    if let Some(last) = last {
        last.save(signatures.clone());
    }
    crate::timing::add("search index", started);
    Ok(signatures.into_iter().collect())
}

/// Of the last build's search `files`, those the sink kept: none unless the last render
/// (`previous`) made them all.
fn keep_search_files(
    sink: &dyn Sink,
    previous: &Signatures,
    files: &[(String, u64)],
) -> Result<Signatures> {
    let mut kept = Signatures::default();
    if files
        .iter()
        .all(|(path, hash)| previous.get(path) == Some(hash))
    {
        for (path, hash) in files {
            if sink.keep(path)? {
                kept.insert(path.clone(), *hash);
            }
        }
    }
    Ok(kept)
}

/// What a session's render does to the last render's search files.
enum SearchUpdate {
    /// All of them, made afresh.
    Whole(Signatures),
    /// Those that changed (put in the sink) and those made no longer.
    Patch {
        put: Vec<(String, u64)>,
        gone: Vec<String>,
    },
}

/// The search files that changed since the last render, whose search files were
/// `previous`, put in the sink: only those the index made again are looked at.
fn put_search_changes(
    site: &Site,
    cache: &ValueCache,
    sink: &dyn Sink,
    previous: &Signatures,
) -> Result<SearchUpdate> {
    use crate::search::live::IndexChanges;
    let started = std::time::Instant::now();
    let update = match cache.search_changes(site)? {
        IndexChanges::All(files) => {
            let mut signatures = Signatures::default();
            for file in files {
                put_search_file(sink, previous, &file.path, &file.bytes, file.hash)?;
                signatures.insert(file.path, file.hash);
            }
            SearchUpdate::Whole(signatures)
        }
        IndexChanges::Some { files, gone } => {
            let mut put = Vec::with_capacity(files.len());
            for file in files {
                put_search_file(sink, previous, &file.path, &file.bytes, file.hash)?;
                put.push((file.path, file.hash));
            }
            SearchUpdate::Patch { put, gone }
        }
    };
    crate::timing::add("search index", started);
    Ok(update)
}

/// Puts a search file unless the last render (`previous`) made the same bytes.
fn put_search_file(
    sink: &dyn Sink,
    previous: &Signatures,
    path: &str,
    bytes: &[u8],
    hash: u64,
) -> Result<()> {
    if previous.get(path) != Some(&hash) || !sink.keep(path)? {
        sink.put(path, bytes)?;
    }
    Ok(())
}

/// Whether an article has images or other files of its page bundle to publish.
fn has_media(article: &crate::content::Article) -> bool {
    !article.images().is_empty() || !article.bundle().is_empty()
}

/// The files of the articles' page bundles: `(output path, bytes)`, read afresh each time,
/// so a photo changed in place is published. A symbolic link out of the site is an error.
fn bundle_files(site: &Site) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for article in site.articles.iter().filter(|a| !a.bundle().is_empty()) {
        // A photo known to be a plain file inside the site is published as its variants:
        // it is not copied, and its real path needs no look (nor its paths any string).
        let is_published_photo = |name: &String| {
            article
                .images()
                .iter()
                .any(|i| i.is_in_the_bundle() && &i.name == name && i.is_inside_the_site())
        };
        let mut names = article
            .bundle()
            .iter()
            .filter(|name| !is_published_photo(name))
            .peekable();
        if names.peek().is_none() {
            continue;
        }
        let site_folder = crate::content::bundle::site_folder(&article.path);
        let folder = article.file.parent().unwrap_or(std::path::Path::new(""));
        for name in names {
            let output = crate::content::bundle::output_file(&site_folder, name);
            files.push((article, name, output, folder.join(name)));
        }
    }
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let site_root = site.config.root.canonicalize()?;
    let copied: Vec<Option<(String, Vec<u8>)>> = files
        .into_par_iter()
        .map(|(article, name, output, file)| {
            let real = file
                .canonicalize()
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            if !real.starts_with(&site_root) {
                bail!(
                    "{} is a symbolic link to {}, outside the site: copy the file into the site instead",
                    file.display(),
                    real.display()
                );
            }
            if article
                .images()
                .iter()
                .any(|i| i.is_in_the_bundle() && &i.name == name)
            {
                return Ok(None);
            }
            let bytes = crate::files::read_regular(&file)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            // Images are published as their variants; an SVG that could run script is not.
            if crate::images::publish::is_not_copied(article, name, &bytes) {
                return Ok(None);
            }
            Ok(Some((output, bytes)))
        })
        .collect::<Result<_>>()?;
    Ok(copied.into_iter().flatten().collect())
}

/// The theme's `static/` files, then the site's own `static/` (which wins on equal names):
/// `(output path, bytes)`, sorted; raster images without their camera data
/// (`images::static_images`).
#[derive(Debug, Default, Clone)]
pub struct StaticFiles {
    pub files: Vec<(String, Vec<u8>)>,
    /// What was wrong with its images (each said with the file's path).
    pub warnings: Vec<String>,
}

impl StaticFiles {
    /// A hash of every file's path and size (what feeds show of them).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        for (path, bytes) in &self.files {
            (path, bytes.len()).hash(&mut h);
        }
        h.finish()
    }

    /// The size in bytes of the file published at a site path (`/gambar/a.jpg`), if any.
    pub fn size_of(&self, site_path: &str) -> Option<u64> {
        let rel = site_path.strip_prefix('/')?;
        let at = self
            .files
            .binary_search_by(|(path, _)| path.as_str().cmp(rel))
            .ok()?;
        Some(self.files[at].1.len() as u64)
    }

    /// Reads them all. A symbolic link out of the site is an error.
    pub fn load(config: &crate::config::Config) -> Result<StaticFiles> {
        let theme = templates::theme_dir(config)?;
        let mut files: std::collections::BTreeMap<
            String,
            (std::path::PathBuf, std::path::PathBuf),
        > = Default::default();
        for dir in [theme.join("static"), config.root.join("static")] {
            for (rel, path) in files_under(&dir)? {
                files.insert(rel, (dir.clone(), path));
            }
        }
        let dirs = crate::images::static_images::folders(config);
        let site_root = config.root.canonicalize()?;
        let files = files
            .into_par_iter()
            .map(|(rel, (dir, path))| {
                // A symbolic link must not publish a file from outside the site.
                let real = path
                    .canonicalize()
                    .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
                if !real.starts_with(&site_root) {
                    bail!(
                        "{} is a symbolic link to {}, outside the site: copy the file into the site instead",
                        path.display(),
                        real.display()
                    );
                }
                let mut warnings = Vec::new();
                let original = crate::images::static_images::published_original(
                    config,
                    &dirs,
                    &dir,
                    &rel,
                    &mut warnings,
                )?;
                let bytes = match original {
                    Some(bytes) => bytes,
                    None => crate::files::read_regular(&path)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
                };
                Ok(((rel, bytes), warnings))
            })
            .collect::<Result<Vec<_>>>()?;
        let (files, warnings): (Vec<_>, Vec<_>) = files.into_iter().unzip();
        Ok(StaticFiles {
            files,
            warnings: warnings.into_iter().flatten().collect(),
        })
    }
}
