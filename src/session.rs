//! A site kept in memory between rebuilds (used by `serve`).
//!
//! A rebuild re-reads only the content files that changed (by size and modification time, or
//! because a watcher named them), rebuilds the site's indexes (cheap), and re-renders only the
//! pages and feeds whose inputs changed, judged by their signatures (see `render::spec`).
//! A change to site.toml or a template re-renders everything. A changed image of `static/`
//! re-reads the articles that show it; images coming or going re-read every article (an
//! article may name one before it exists), as a build's article cache does. The result is always the same
//! bytes a full build of the same files produces; `tests/it/serve_incremental.rs` checks that
//! after long random sequences of edits.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use anyhow::{Result, anyhow};

use crate::config::Config;
use crate::content::body::BodyStore;
use crate::content::{Article, load_file};

use crate::render::{
    self, Previous, RenderStats, Rendered, Sink, StaticFiles, Templates, ValueCache,
};
use crate::site::{Selection, Site};
use crate::urls::Links;

mod store;

pub use store::ServedFile;
use store::Store;

/// The served files: output path (`2022/01/27/a/index.html`) → bytes (in memory or in a
/// scratch file, see [`store`]).
pub type Files = HashMap<Arc<str>, ServedFile, ahash::RandomState>;

/// Where articles went: the output file an article was served at (`2024/01/01/a/index.html`)
/// to the site path it has now, for articles whose date or slug changed during the session.
pub type Moves = HashMap<String, String, ahash::RandomState>;

/// What a session builds.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    pub drafts: bool,
    pub future: bool,
    /// Replaces site.toml's `base_url` (the server's own address).
    pub base_url: Option<String>,
    /// Megabytes of served files kept in memory; the rest wait in a scratch file. None: all
    /// in memory.
    pub served_memory_mb: Option<usize>,
}

/// What changed on disk, as far as a rebuild needs to know.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Paths a watcher reported (files or folders, existing or not).
    pub paths: Vec<PathBuf>,
    /// The watcher may have missed events: check every file.
    pub rescan: bool,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, Default)]
pub struct RebuildReport {
    pub stats: RenderStats,
    /// Output files added, removed or changed: zero means open tabs need nothing.
    pub changed_files: usize,
    /// Only style sheets changed: a browser can swap them without reloading.
    pub css_only: bool,
}

/// A content file as last read.
struct Entry {
    stamp: (u64, Option<SystemTime>),
    article: Result<Arc<Article>, String>,
}

/// A site in memory.
pub struct Session {
    root: PathBuf,
    options: SessionOptions,
    config: Config,
    templates: Templates,
    entries: BTreeMap<PathBuf, Entry>,
    cache: ValueCache,
    /// The last good render's signatures (none: render everything next time).
    rendered: Option<Rendered>,
    files: Served,
    /// Where the served files' bytes are kept.
    store: Store,
    /// Where the articles' bodies are kept: with a served-file budget, those beyond
    /// `[build] body_memory_mb` wait in a scratch file, as in a build (650 MB at 100,000
    /// articles, more than the served files' budget).
    bodies: BodyStore,
    /// site.toml changed and is not loaded yet (a failed load keeps this set).
    config_stale: bool,
    /// Templates changed and are not loaded yet.
    templates_stale: bool,
    /// The last good render used other settings or templates: render everything next time.
    render_all: bool,
    /// The last good site, whose indexes a rebuild may reuse.
    site: Option<Site>,
    /// The theme's and site's static files, read again when one of them changes.
    statics: StaticFiles,
    statics_stale: bool,
    /// Which raster images `static/` held when every article was last read (see
    /// `static_images::listing_hash`); None: not known, every article is read next.
    static_listing: Option<u64>,
    /// Articles that moved while serving, so an open tab can follow them.
    moves: Arc<Moves>,
    /// The content files read again since the last good render, with the article each had
    /// then: when they are all still there, in the same places, the next render keeps the
    /// site's order and indexes. None: files came or went, or all were read again.
    edited: Option<BTreeMap<PathBuf, Option<Arc<Article>>>>,
    /// The earliest date of an article left out for being in the future (when those are left
    /// out): when it comes, the site's order changes.
    next_due: Option<chrono::DateTime<chrono::Utc>>,
}

/// Collects rendered files, each stored (in memory or the scratch file) on the render's
/// thread that made it.
struct MemorySink<'a> {
    store: &'a Store,
    /// The files served now: a file made again with the same bytes keeps its place.
    served: &'a Files,
    files: Mutex<Vec<(String, ServedFile)>>,
}

impl Sink for MemorySink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let file = self.store.put(bytes, self.served.get(path));
        self.files
            .lock()
            .expect("sink lock")
            .push((path.to_string(), file));
        Ok(())
    }

    /// The session's files still hold what the last build made.
    fn keep(&self, _path: &str) -> Result<bool> {
        Ok(true)
    }
}

/// A session's store of article bodies: a scratch file beyond the budget when the session
/// keeps its served files within one.
fn body_store(options: &SessionOptions, config: &Config) -> BodyStore {
    match options.served_memory_mb {
        Some(_) => BodyStore::with_scratch_file(config.build.body_memory_mb),
        None => BodyStore::in_memory(),
    }
}

fn stamp(path: &Path) -> (u64, Option<SystemTime>) {
    match std::fs::metadata(path) {
        Ok(m) => (m.len(), m.modified().ok()),
        Err(_) => (0, None),
    }
}

impl Session {
    /// Loads and renders the whole site.
    pub fn open(root: &Path, options: SessionOptions) -> Result<Session> {
        Session::open_with(root, options, ValueCache::for_session())
    }

    /// [`Session::open`] for `cermin check`: photos are looked at (their headers read), not
    /// encoded, and their files are held by name only.
    pub fn open_to_check(root: &Path, options: SessionOptions) -> Result<Session> {
        let mut config = Config::load_with_base_url(root, options.base_url.as_deref())?;
        config.images.encode = false;
        Session::open_with_config(root, config, options, ValueCache::for_session())
    }

    /// [`Session::open`] with the given cache.
    fn open_with(root: &Path, options: SessionOptions, cache: ValueCache) -> Result<Session> {
        let config = Config::load_with_base_url(root, options.base_url.as_deref())?;
        Session::open_with_config(root, config, options, cache)
    }

    fn open_with_config(
        root: &Path,
        config: Config,
        options: SessionOptions,
        cache: ValueCache,
    ) -> Result<Session> {
        let templates = Templates::load(
            &config,
            &Links::new(&config.base_url, config.relative_links),
        )?;
        let store = match options.served_memory_mb {
            Some(mb) => Store::with_scratch_file(mb),
            None => Store::in_memory(),
        };
        let bodies = body_store(&options, &config);
        let mut session = Session {
            root: root.to_path_buf(),
            options,
            store,
            bodies,
            config,
            templates,
            entries: BTreeMap::new(),
            cache,
            rendered: None,
            files: Served::default(),
            config_stale: false,
            templates_stale: false,
            render_all: true,
            site: None,
            statics: StaticFiles::default(),
            statics_stale: true,
            static_listing: None,
            moves: Arc::default(),
            edited: None,
            next_due: None,
        };
        session.rebuild_content(&[])?;
        session.render()?;
        Ok(session)
    }

    /// The files of the last good build.
    /// Where the articles that moved during the session are now.
    pub fn moves(&self) -> Arc<Moves> {
        self.moves.clone()
    }

    pub fn files(&self) -> Arc<Files> {
        self.files.current.clone()
    }

    /// The site's settings in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Forgets everything but the last good files, so that the next rebuild reads and
    /// renders the whole site again. For after a rebuild that panicked: what it left half
    /// updated is not to be trusted.
    pub fn start_over(&mut self) {
        self.config_stale = true;
        self.templates_stale = true;
        self.statics_stale = true;
        self.render_all = true;
        self.entries.clear();
        self.bodies = body_store(&self.options, &self.config);
        self.cache = ValueCache::for_session();
        self.rendered = None;
        self.site = None;
        self.edited = None;
    }

    /// Applies changes on disk. On error the last good files stay in place.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<RebuildReport> {
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let under = |dir: &Path, p: &Path| {
            p.starts_with(root.join(dir)) || p.starts_with(self.root.join(dir))
        };
        let theme_dir = PathBuf::from("themes").join(&self.config.theme);
        let mut config_changed = false;
        let mut templates_changed = false;
        let mut content: Vec<PathBuf> = Vec::new();
        let mut static_only = true;
        let mut css_only = true;
        let mut static_images_changed = false;
        for p in &changes.paths {
            if p.file_name().is_some_and(|n| n == "site.toml")
                && p.parent().is_some_and(|d| d == root || d == self.root)
            {
                config_changed = true;
            } else if under(&theme_dir.join("templates"), p) || under(Path::new("templates"), p) {
                templates_changed = true;
            } else if under(&theme_dir.join("static"), p) || under(Path::new("static"), p) {
                css_only &= p.extension().is_some_and(|e| e == "css");
                static_images_changed |= may_be_static_image(p);
                self.statics_stale = true;
                continue;
            } else if under(Path::new("content"), p) {
                content.push(p.clone());
            } else {
                continue;
            }
            static_only = false;
        }
        self.config_stale |= config_changed;
        // Missed events may have changed static files too.
        self.statics_stale |= changes.rescan;
        self.templates_stale |= templates_changed;
        if self.config_stale {
            self.config = Config::load_with_base_url(&self.root, self.options.base_url.as_deref())?;
            self.cache = ValueCache::for_session();
            // Dates and permalinks depend on the settings: read every article again, into a
            // new body store (the old one's scratch file goes with the old articles).
            self.entries.clear();
            self.bodies = body_store(&self.options, &self.config);
            self.config_stale = false;
            self.templates_stale = true;
            self.render_all = true;
        }
        if self.templates_stale {
            let links = Links::new(&self.config.base_url, self.config.relative_links);
            self.templates = Templates::load(&self.config, &links)?;
            // Cards rendered through the old templates are kept no longer.
            self.cache.forget_card_html();
            self.templates_stale = false;
            self.render_all = true;
        }
        if static_images_changed || changes.rescan {
            let readers = self.static_image_readers();
            if changes.rescan {
                // A rescan reads again only the files it finds changed or missing.
                for file in &readers {
                    self.entries.remove(file);
                }
            } else {
                content.extend(readers.iter().map(|file| self.watched_path(file)));
            }
        }
        if changes.rescan || self.entries.is_empty() {
            self.edited = None;
            self.rebuild_content(&[])?;
        } else if !content.is_empty() {
            let mut t = crate::timing::Phases::new("session");
            self.rebuild_content(&content)?;
            t.mark("content");
        }
        let (stats, changed_files) = self.render()?;
        Ok(RebuildReport {
            stats,
            changed_files,
            css_only: static_only && css_only && !changes.paths.is_empty(),
        })
    }

    /// After a change of the images in `static/`: the content files whose articles show an
    /// image of `static/` that changed, to be read again for its new size and variants. When
    /// images came or went (an article may name one it could not show before), every article
    /// is forgotten instead, to be read again, as a build's cache does.
    fn static_image_readers(&mut self) -> Vec<PathBuf> {
        let listing = crate::images::static_images::listing_hash(&self.config);
        if self.static_listing != Some(listing) {
            self.entries.clear();
            self.bodies = body_store(&self.options, &self.config);
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|(file, entry)| {
                entry.article.as_ref().is_ok_and(|a| {
                    a.images().iter().any(|image| {
                        !image.is_in_the_bundle()
                            && !file.parent().is_some_and(|f| image.is_current(f))
                    })
                })
            })
            .map(|(file, _)| file.clone())
            .collect()
    }

    /// The content file keyed `file` as a watcher names it (absolute, in the real root).
    fn watched_path(&self, file: &Path) -> PathBuf {
        let canonical_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        canonical_root.join(file.strip_prefix(&self.root).unwrap_or(file))
    }

    /// `path` (absolute, as a watcher reports it) in the form content files are keyed by.
    fn content_key(&self, path: &Path) -> Option<PathBuf> {
        let canonical_root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let rel = path
            .strip_prefix(&canonical_root)
            .or_else(|_| path.strip_prefix(&self.root))
            .ok()?;
        Some(crate::text::in_root(&self.root, &rel.to_string_lossy()))
    }

    /// Brings the content files up to date. With `named` empty, every file is checked (new,
    /// deleted, or changed in size or time); otherwise only the named files and folders are
    /// read again, and named paths that are gone are forgotten with everything under them.
    /// Fails, after reading everything, if any file has an error.
    fn rebuild_content(&mut self, named: &[PathBuf]) -> Result<()> {
        use rayon::prelude::*;
        let mut to_read: Vec<PathBuf> = Vec::new();
        // Entries that cannot be listed (a loop of links, a broken link) are kept as errors
        // beside the files' own, so one rebuild reports them all.
        let mut unlisted = Vec::new();
        // The entries taken out to be read again (or forgotten).
        let mut removed: Vec<(PathBuf, Entry)> = Vec::new();
        let content_dir = self.config.content_dir();
        if self.entries.is_empty() {
            // Every article is read now, with the images `static/` holds now.
            self.static_listing = Some(crate::images::static_images::listing_hash(&self.config));
        }
        if named.is_empty() {
            let listing = crate::content::load::list_content(&self.config)?;
            let present: std::collections::HashSet<&PathBuf> = listing
                .files
                .iter()
                .chain(listing.errors.iter().map(|e| &e.file))
                .collect();
            self.entries.retain(|file, _| present.contains(file));
            to_read.extend(
                listing
                    .files
                    .iter()
                    // A bundle's files may have come or gone with its index.md unchanged.
                    .filter(|f| {
                        self.entries.get(*f).is_none_or(|e| e.stamp != stamp(f))
                            || crate::content::bundle::folder_of(&content_dir, f).is_some()
                    })
                    .cloned(),
            );
            unlisted = listing.errors;
        } else {
            let mut full: Option<crate::content::load::Listing> = None;
            for path in named {
                let Some(key) = self.content_key(path) else {
                    continue;
                };
                // Whatever was under a path that changed is read again or forgotten.
                // Paths under `key` sort right after it (paths compare by components).
                let under: Vec<PathBuf> = self
                    .entries
                    .range(key.clone()..)
                    .map(|(k, _)| k)
                    .take_while(|k| k.starts_with(&key))
                    .cloned()
                    .collect();
                for k in under {
                    removed.extend(self.entries.remove_entry(&k));
                }
                if key.is_dir() {
                    // From the listing of all of content/, which stops at a loop where a
                    // walk from inside it would not.
                    let listing = match &full {
                        Some(listing) => listing,
                        None => full.insert(crate::content::load::list_content(&self.config)?),
                    };
                    let under = |p: &PathBuf| p.starts_with(&key);
                    to_read.extend(listing.files.iter().filter(|p| under(p)).cloned());
                    unlisted.extend(listing.errors.iter().filter(|e| under(&e.file)).cloned());
                } else if key.is_file() && crate::content::load::is_content_file(&key) {
                    to_read.push(key.clone());
                }
                // A file of a page bundle that came, went or changed: its article reads
                // the bundle again (its page and references may change).
                if let Some(index) = crate::content::bundle::owner(&content_dir, &key) {
                    removed.extend(self.entries.remove_entry(&index));
                    to_read.push(index);
                }
            }
        }
        let unlisted_was_empty = unlisted.is_empty();
        for e in unlisted {
            let entry = Entry {
                stamp: stamp(&e.file),
                article: Err(e.to_string()),
            };
            self.entries.insert(e.file, entry);
        }
        to_read.sort();
        to_read.dedup();
        let (config, bodies) = (&self.config, &self.bodies);
        let fresh: Vec<(PathBuf, Entry)> = to_read
            .into_par_iter()
            .map(|file| {
                crate::test_fault::panic_on_reading(&file);
                let entry = Entry {
                    stamp: stamp(&file),
                    article: load_file(config, &file)
                        .map(|(mut a, _warnings)| {
                            bodies.place(&mut a.content_html);
                            Arc::new(a)
                        })
                        .map_err(|e| e.to_string()),
                };
                (file, entry)
            })
            .collect();
        self.note_edits(named.is_empty() || !unlisted_was_empty, removed, &fresh);
        self.entries.extend(fresh);
        Ok(())
    }

    /// Records the articles the last good render had of the files read again, or forgets
    /// the record when files came or went (the site's order may change).
    fn note_edits(
        &mut self,
        all_read: bool,
        mut removed: Vec<(PathBuf, Entry)>,
        fresh: &[(PathBuf, Entry)],
    ) {
        removed.sort_by(|a, b| a.0.cmp(&b.0));
        let same_files = removed.len() == fresh.len()
            && removed.iter().zip(fresh).all(|((a, _), (b, _))| a == b);
        let Some(edited) = self.edited.as_mut().filter(|_| same_files && !all_read) else {
            self.edited = None;
            return;
        };
        for (file, entry) in removed {
            edited.entry(file).or_insert_with(|| entry.article.ok());
        }
    }

    /// Every content file's error, all at once, and the clashes among the other files (the
    /// site is not rendered while there are any).
    fn content_errors(&self) -> Result<()> {
        // Only files read again since the last good render (which had no errors) can have one.
        if let Some(edited) = &self.edited
            && edited
                .keys()
                .all(|file| self.entries.get(file).is_some_and(|e| e.article.is_ok()))
        {
            return Ok(());
        }
        let mut errors: Vec<String> = self
            .entries
            .values()
            .filter_map(|e| e.article.as_ref().err().cloned())
            .collect();
        if errors.is_empty() {
            return Ok(());
        }
        let good: Vec<Arc<Article>> = self
            .entries
            .values()
            .filter_map(|e| e.article.as_ref().ok().cloned())
            .collect();
        let selection = Selection {
            drafts: self.options.drafts,
            future: self.options.future,
            now: chrono::Utc::now(),
        };
        if let Ok(site) = Site::build(self.config.clone(), good, selection) {
            errors.extend(render::clashes(&site).into_iter().map(|c| c.message));
        }
        Err(anyhow!("{}", errors.join("\n")))
    }

    /// The site from every article, reusing the last site's indexes if no article moved.
    fn site_afresh(&mut self, selection: Selection) -> Result<Site> {
        let articles: Vec<Arc<Article>> = self
            .entries
            .values()
            .filter_map(|e| e.article.as_ref().ok().cloned())
            .collect();
        self.next_due = match selection.future {
            true => None,
            false => articles
                .iter()
                .filter(|a| selection.drafts || !a.draft)
                .map(|a| a.date.with_timezone(&chrono::Utc))
                .filter(|date| *date > selection.now)
                .min(),
        };
        let previous_site = if self.render_all {
            None
        } else {
            self.site.as_ref()
        };
        Site::build_reusing(self.config.clone(), articles, selection, previous_site)
    }

    /// The last good site with the articles edited since put in their places, when each
    /// has the same place (path, date, and what indexes read) and no article came due:
    /// what [`Site::build_reusing`] would make, without sorting and comparing every article.
    /// Takes the last site (a failed render then makes the next one afresh).
    fn site_after_edits(&mut self, selection: &Selection) -> Option<Site> {
        if self.render_all || self.next_due.is_some_and(|due| due <= selection.now) {
            return None;
        }
        let (edited, site) = (self.edited.as_ref()?, self.site.as_ref()?);
        let mut replaced = Vec::new();
        for (file, before) in edited {
            let (before, now) = (
                before.as_ref()?,
                self.entries.get(file)?.article.as_ref().ok()?,
            );
            if Arc::ptr_eq(before, now) {
                continue;
            }
            let same_place = now.structure_hash == before.structure_hash
                && now.date == before.date
                && now.path == before.path
                && now.draft == before.draft;
            if !same_place {
                return None;
            }
            // A pass over pointers only; an article not in the site (a draft) is no edit.
            let i = site.articles.iter().position(|a| Arc::ptr_eq(a, before))?;
            replaced.push((i, now.clone()));
        }
        let mut site = self.site.take()?;
        site.replace_in_place(replaced);
        Some(site)
    }

    /// Renders what changed since the last good render (everything after a settings or
    /// template change).
    fn render(&mut self) -> Result<(RenderStats, usize)> {
        self.content_errors()?;
        if self.statics_stale || self.render_all {
            self.statics = StaticFiles::load(&self.config)?;
            self.statics_stale = false;
        }
        let mut t = crate::timing::Phases::new("session render");
        let selection = Selection {
            drafts: self.options.drafts,
            future: self.options.future,
            now: chrono::Utc::now(),
        };
        let site = match self.site_after_edits(&selection) {
            Some(site) => site,
            None => self.site_afresh(selection)?,
        };
        t.mark("site");
        let served = self.files.current.clone();
        let sink = MemorySink {
            store: &self.store,
            served: &served,
            files: Mutex::default(),
        };
        let previous = match (&mut self.rendered, self.render_all) {
            (Some(last), false) => Previous::Last(last),
            _ => Previous::Nothing,
        };
        let (stats, rendered) = render::render(
            &site,
            &self.templates,
            &self.statics,
            &sink,
            &self.cache,
            previous,
        )?;
        t.mark("render");
        // Every file made and not put is served already (it was made last time with the same
        // signature); files made no longer are found from the two renders' records.
        let gone = match &self.rendered {
            Some(last) if !self.render_all => rendered.gone_since(last),
            _ => {
                let made = rendered.paths();
                self.files
                    .current
                    .keys()
                    .filter(|p| !made.contains(&***p))
                    .map(|p| p.to_string())
                    .collect()
            }
        };
        let put = sink.files.into_inner().expect("sink lock");
        drop(served);
        let changed = self.files.update(put, gone);
        self.files.make_spare();
        self.store.first_render_stored();
        t.mark("served files");
        self.rendered = Some(rendered);
        t.mark("drop the last render's record");
        self.render_all = false;
        self.edited = Some(BTreeMap::new());
        self.cache.retain_only(&site.articles);
        if let Some(before) = self.site.as_ref().filter(|b| !b.same_places(&site)) {
            self.moves = Arc::new(moves_since(&self.moves, before, &site, &self.files.current));
        }
        self.site = Some(site);
        t.mark("swap");
        crate::timing::print_totals();
        Ok((stats, changed))
    }
}

/// The served files, updated in place: the version before the current one is kept and
/// brought up to date for the next (a copy of the map only when a request still holds it).
#[derive(Default)]
struct Served {
    current: Arc<Files>,
    /// The version before `current`, with the paths that changed between the two.
    spare: Option<(Arc<Files>, Vec<Arc<str>>)>,
}

impl Served {
    /// Puts the files made and removes those made no longer; returns how many files were
    /// added, changed or removed (none: the current version stays).
    fn update(&mut self, put: Vec<(String, ServedFile)>, gone: Vec<String>) -> usize {
        let current = &self.current;
        let put: Vec<(Arc<str>, ServedFile)> = put
            .into_iter()
            .filter(|(path, file)| current.get(path.as_str()).is_none_or(|old| old != file))
            .map(|(path, bytes)| (path.into(), bytes))
            .collect();
        let gone: Vec<Arc<str>> = gone
            .into_iter()
            .filter(|path| current.contains_key(path.as_str()))
            .map(Arc::from)
            .collect();
        let changed = put.len() + gone.len();
        if changed == 0 {
            return 0;
        }
        // The spare is this session's alone unless a request is still being answered from it.
        let spare = self.spare.take().and_then(|(spare, since)| {
            let mut map = Arc::try_unwrap(spare).ok()?;
            for path in since {
                match current.get(&path) {
                    Some(bytes) => map.insert(path, bytes.clone()),
                    None => map.remove(&path),
                };
            }
            Some(map)
        });
        let mut map = spare.unwrap_or_else(|| (**current).clone());
        let mut paths = Vec::with_capacity(changed);
        for (path, file) in put {
            paths.push(path.clone());
            map.insert(path, file);
        }
        for path in gone {
            map.remove(&path);
            paths.push(path);
        }
        let before = std::mem::replace(&mut self.current, Arc::new(map));
        self.spare = Some((before, paths));
        changed
    }

    /// Makes a spare copy of the current version if there is none (after the first render),
    /// so that the first save updates it in place instead of copying the whole map while
    /// the browser waits (half a second at 300,000 articles).
    fn make_spare(&mut self) {
        if self.spare.is_none() {
            self.spare = Some((Arc::new((*self.current).clone()), Vec::new()));
        }
    }
}

/// Whether the changed path `p` under `static/` may be (or hold) a raster image that
/// articles show: a file named as one, or a folder (one removed or moved away is reported
/// by its name alone). A style sheet or a script is not.
fn may_be_static_image(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    crate::images::Format::of_name(&name).is_some() || p.extension().is_none() || p.is_dir()
}

/// The moves after a render: those known before, followed to where their articles are now,
/// plus every article (the same file) whose page moved since `before`. A path that is
/// served again (a new article there) is no longer a move.
fn moves_since(known: &Moves, before: &Site, after: &Site, files: &Files) -> Moves {
    let now: HashMap<&Path, &str> = after
        .articles
        .iter()
        .map(|a| (a.file.as_path(), &*a.path))
        .collect();
    let mut moves: Moves = known.clone();
    for a in before.articles.iter() {
        match now.get(a.file.as_path()) {
            Some(&path) if path != &*a.path => {
                let old = crate::urls::output_file(&a.path);
                for target in moves.values_mut() {
                    if **target == *a.path {
                        *target = path.to_string();
                    }
                }
                moves.insert(old, path.to_string());
            }
            _ => {}
        }
    }
    moves.retain(|from, to| {
        !files.contains_key(from.as_str()) && from != &crate::urls::output_file(to)
    });
    moves
}

/// Renders a site from scratch into memory, the way `cermin build` would (for comparisons):
/// with the search index made afresh, as a build makes it, not kept as a session keeps it.
/// Its files are all in memory, whatever the options' budget.
pub fn render_fresh(root: &Path, options: SessionOptions) -> Result<Files> {
    let options = SessionOptions {
        served_memory_mb: None,
        ..options
    };
    Ok((*Session::open_with(root, options, ValueCache::default())?.files()).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(files: &[(&str, &str)]) -> Vec<(String, ServedFile)> {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), ServedFile::new(b.as_bytes().to_vec())))
            .collect()
    }

    fn gone(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    fn contents(files: &Files) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(p, b)| {
                (
                    p.to_string(),
                    String::from_utf8(b.bytes().unwrap().to_vec()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn only_images_and_folders_of_static_make_articles_be_looked_at() {
        let dir = tempfile::tempdir().unwrap();
        for image in [
            "images/p.jpg",
            "images/P.JPEG",
            "logo.png",
            "a.webp",
            "b.gif",
        ] {
            assert!(may_be_static_image(&dir.path().join(image)), "{image}");
        }
        // A folder removed (no name to go by) or a folder named like a file.
        assert!(may_be_static_image(&dir.path().join("images")));
        std::fs::create_dir(dir.path().join("v1.2")).unwrap();
        assert!(may_be_static_image(&dir.path().join("v1.2")));
        for other in ["style.css", "js/app.js", "robots.txt", "images/peta.svg"] {
            assert!(!may_be_static_image(&dir.path().join(other)), "{other}");
        }
    }

    #[test]
    fn served_files_are_every_update_applied_in_turn_whoever_holds_a_version() {
        let mut served = Served::default();
        assert_eq!(
            served.update(put(&[("a", "1"), ("b", "1"), ("c", "1")]), gone(&[])),
            3
        );
        served.make_spare();
        assert_eq!(served.update(put(&[("a", "1"), ("b", "2")]), gone(&[])), 1);
        assert_eq!(served.update(put(&[("b", "1")]), gone(&[])), 1);
        // A request still answered from this version: the next is a copy.
        let held = served.current.clone();
        assert_eq!(served.update(put(&[("a", "2")]), gone(&["c"])), 2);
        assert_eq!(contents(&held)["a"], "1");
        // The spare is held no longer: it is brought up to date in place.
        drop(held);
        assert_eq!(served.update(put(&[("b", "3"), ("a", "2")]), gone(&[])), 1);
        assert_eq!(served.update(put(&[("d", "4")]), gone(&["a", "zz"])), 2);
        let want: BTreeMap<String, String> = [("b", "3"), ("d", "4")]
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_string()))
            .collect();
        assert_eq!(contents(&served.current), want);
        // Nothing changed: the same version is served.
        let before = served.current.clone();
        assert_eq!(served.update(put(&[("b", "3")]), gone(&["a"])), 0);
        assert!(Arc::ptr_eq(&before, &served.current));
    }
}
