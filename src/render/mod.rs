//! Rendering: the Site in, every output file out (pages, feeds, sitemap, robots, static files).

mod cached_partial;
pub mod clashes;
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

use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, bail};
use rayon::prelude::*;

pub use crate::cache::outputs::Signatures;
use crate::files::files_under;
use crate::site::Site;
use crate::urls::{Links, output_file};
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
pub fn render_site(
    site: &Site,
    templates: &Templates,
    statics: &StaticFiles,
    sink: &dyn Sink,
    cache: &ValueCache,
    previous: &Signatures,
) -> Result<(RenderStats, Signatures)> {
    let mut t = crate::timing::Phases::new("render");
    templates.images.set(site);
    let links = links_for(site);
    let renderer = PageRenderer::new(site, templates, links.clone(), cache);
    t.mark("article values");
    let laid_out = cache.layout(site, || lay_out(site))?;
    let (pages, specs, files) = (&laid_out.pages, &laid_out.specs, &laid_out.files);
    t.mark("specs");

    let rendered = AtomicUsize::new(0);
    // Pages, and (feeds, sitemap and the rest) side by side: both halves are parallel inside too.
    let (pages_done, rest_done) = rayon::join(
        || {
            let started = std::time::Instant::now();
            let done = render_pages(&renderer, specs, files, sink, previous, &rendered);
            crate::timing::add("all pages", started);
            done
        },
        || -> Result<_> {
            let started = std::time::Instant::now();
            let feeds = render_feeds(site, &links, &renderer, statics, sink, previous, &rendered)?;
            crate::timing::add("all feeds", started);
            let started = std::time::Instant::now();
            let sitemaps = sitemap_files(site, &links, templates, specs, cache)?;
            let mut others = render_other_files(site, &links, statics, sitemaps, sink, previous)?;
            crate::timing::add("sitemap, statics, bundles, images", started);
            others.extend(put_search_files(site, cache, sink, previous)?);
            Ok((feeds, others))
        },
    );
    t.mark("pages, feeds, other files");
    let (feed_signatures, other_signatures) = rest_done?;
    let feed_count = feed_signatures.len();
    let mut signatures: Signatures = files.iter().cloned().zip(pages_done?).collect();
    signatures.extend(feed_signatures);
    signatures.extend(other_signatures);
    t.mark("signatures");
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
        feeds: feed_count,
        pages: pages.len(),
        rendered: rendered.into_inner(),
    };
    Ok((stats, signatures))
}

/// Every page of a site with its spec and output file: what the site's structure (its
/// articles' places, tags and archives) and settings decide, before any article's text.
pub struct Layout {
    pub pages: Vec<Page>,
    pub specs: Vec<PageSpec>,
    pub files: Vec<String>,
}

/// The site's layout; fails, naming every clash, when two pages share an output file.
fn lay_out(site: &Site) -> Result<Layout> {
    let layout = plan(site);
    let clashes = clashes::find(site, &layout.pages, &layout.specs, &layout.files);
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
    let files: Vec<String> = specs
        .par_iter()
        .map(|spec| output_file(&spec.path))
        .collect();
    Layout {
        pages,
        specs,
        files,
    }
}

/// Every pair (or more) of pages that would be published on one output file.
pub fn clashes(site: &Site) -> Vec<clashes::Clash> {
    let layout = plan(site);
    clashes::find(site, &layout.pages, &layout.specs, &layout.files)
}

/// [`clashes`], keeping the layout in `cache` for the render when there are none (so a
/// build that checks first lays its pages out once).
pub fn clashes_laying_out(site: &Site, cache: &ValueCache) -> Vec<clashes::Clash> {
    let mut found = Vec::new();
    let _ = cache.layout(site, || {
        let layout = plan(site);
        found = clashes::find(site, &layout.pages, &layout.specs, &layout.files);
        if found.is_empty() {
            Ok(layout)
        } else {
            bail!("the pages clash")
        }
    });
    found
}

/// Renders the pages whose signature changed; returns every page's signature.
fn render_pages(
    renderer: &PageRenderer,
    specs: &[PageSpec],
    files: &[String],
    sink: &dyn Sink,
    previous: &Signatures,
    rendered: &AtomicUsize,
) -> Result<Vec<u64>> {
    specs
        .par_iter()
        .zip(files.par_iter())
        .map(|(spec, file)| {
            let signature = renderer.signature(spec);
            if previous.get(file) != Some(&signature) || !sink.keep(file)? {
                let started = std::time::Instant::now();
                let html = renderer.render(spec)?;
                crate::timing::add(spec.kind.template(), started);
                let started = std::time::Instant::now();
                sink.put(file, &html)?;
                crate::timing::add("write", started);
                rendered.fetch_add(1, Ordering::Relaxed);
            }
            Ok(signature)
        })
        .collect()
}

/// Writes the feeds whose signature changed; returns every feed file's signature.
fn render_feeds(
    site: &Site,
    links: &Links,
    renderer: &PageRenderer,
    statics: &StaticFiles,
    sink: &dyn Sink,
    previous: &Signatures,
    rendered: &AtomicUsize,
) -> Result<Vec<(String, u64)>> {
    let feeds = feeds::feeds(site);
    let templates = renderer.templates();
    let signatures: Vec<Vec<(String, u64)>> = feeds
        .par_iter()
        .map(|feed| {
            let signature = feeds::signature(site, feed, renderer.hashes(), statics);
            let names: Vec<&str> = feed.settings.formats.files().collect();
            let files: Vec<String> = names
                .iter()
                .map(|name| output_file(&format!("{}{name}", feed.dir)))
                .collect();
            let unchanged = |file: &String| -> Result<bool> {
                Ok(previous.get(file) == Some(&signature) && sink.keep(file)?)
            };
            let mut changed = false;
            for file in &files {
                if !unchanged(file)? {
                    changed = true;
                    break;
                }
            }
            if changed {
                let started = std::time::Instant::now();
                // A theme's own template replaces the built-in writer of its format.
                let themed = |name: &str| templates.tera.contains_template(name);
                let entries = match names.iter().all(|name| themed(name)) {
                    true => Vec::new(),
                    false => feeds::entries(site, links, statics, feed)?,
                };
                let mut written = Vec::with_capacity(names.len());
                for name in &names {
                    written.push(if themed(name) {
                        let ctx = feeds::template_context(site, links, statics, feed, name)?;
                        templates.render(name, &ctx)?
                    } else {
                        feeds::built_in(site, links, feed, name, &entries)
                    });
                }
                crate::timing::add("feeds", started);
                for (file, xml) in files.iter().zip(&written) {
                    sink.put(file, xml.as_bytes())?;
                }
                rendered.fetch_add(files.len(), Ordering::Relaxed);
            }
            Ok(files.into_iter().map(|file| (file, signature)).collect())
        })
        .collect::<Result<_>>()?;
    Ok(signatures.into_iter().flatten().collect())
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
                spec::Body::Article { index, .. } => Some(site.articles[index].lastmod.as_str()),
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

/// The sitemap, robots.txt, the code stylesheet and static files. Their signature is the hash
/// of their bytes; unchanged ones are not put again.
fn render_other_files(
    site: &Site,
    links: &Links,
    statics: &StaticFiles,
    sitemaps: Vec<(String, String)>,
    sink: &dyn Sink,
    previous: &Signatures,
) -> Result<Vec<(String, u64)>> {
    let mut signatures = Vec::new();
    let mut put_unless_same = |path: String, bytes: &[u8]| -> Result<()> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if previous.get(&path) != Some(&hash) || !sink.keep(&path)? {
            sink.put(&path, bytes)?;
        }
        signatures.push((path, hash));
        Ok(())
    };
    for (path, xml) in sitemaps {
        put_unless_same(output_file(&path), xml.as_bytes())?;
    }
    put_unless_same("robots.txt".into(), sitemap::robots(links).as_bytes())?;
    put_unless_same(
        "syntax.css".into(),
        crate::highlight::stylesheet().as_bytes(),
    )?;
    for (rel, bytes) in &statics.0 {
        put_unless_same(rel.clone(), bytes)?;
    }
    for (rel, bytes) in bundle_files(site)? {
        put_unless_same(rel, &bytes)?;
    }
    let images = crate::images::publish::Target {
        keep: &|file| sink.keep(file),
        keep_group: &|folder, files, unchanged| sink.keep_group(folder, files, unchanged),
        put: &|file, bytes| sink.put(file, bytes),
    };
    signatures.extend(crate::images::publish::publish(site, &images, previous)?);
    Ok(signatures)
}

/// The search index's files (when search is on); like the other files, unchanged ones are
/// not put again. Their signature is the hash of their bytes.
fn put_search_files(
    site: &Site,
    cache: &ValueCache,
    sink: &dyn Sink,
    previous: &Signatures,
) -> Result<Vec<(String, u64)>> {
    let started = std::time::Instant::now();
    let mut signatures = Vec::new();
    for file in cache.search_files(site)? {
        if previous.get(&file.path) != Some(&file.hash) || !sink.keep(&file.path)? {
            sink.put(&file.path, &file.bytes)?;
        }
        signatures.push((file.path, file.hash));
    }
    crate::timing::add("search index", started);
    Ok(signatures)
}

/// The files of the articles' page bundles: `(output path, bytes)`, read afresh each time,
/// so a photo changed in place is published. A symbolic link out of the site is an error.
fn bundle_files(site: &Site) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for article in site.articles.iter().filter(|a| !a.bundle.is_empty()) {
        let site_folder = crate::content::bundle::site_folder(&article.path);
        let folder = article.file.parent().unwrap_or(std::path::Path::new(""));
        for name in &article.bundle {
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
            // A photo known to be a plain file inside the site is published as its
            // variants: its real path needs no look.
            if article
                .images
                .iter()
                .any(|i| &i.name == name && i.is_inside_the_site())
            {
                return Ok(None);
            }
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
            if article.images.iter().any(|i| &i.name == name) {
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
/// `(output path, bytes)`, sorted.
#[derive(Debug, Default, Clone)]
pub struct StaticFiles(pub Vec<(String, Vec<u8>)>);

impl StaticFiles {
    /// The size in bytes of the file published at a site path (`/gambar/a.jpg`), if any.
    pub fn size_of(&self, site_path: &str) -> Option<u64> {
        let rel = site_path.strip_prefix('/')?;
        let at = self
            .0
            .binary_search_by(|(path, _)| path.as_str().cmp(rel))
            .ok()?;
        Some(self.0[at].1.len() as u64)
    }

    /// Reads them all. A symbolic link out of the site is an error.
    pub fn load(config: &crate::config::Config) -> Result<StaticFiles> {
        let theme = templates::theme_dir(config)?;
        let mut files: std::collections::BTreeMap<String, std::path::PathBuf> = Default::default();
        for dir in [theme.join("static"), config.root.join("static")] {
            files.extend(files_under(&dir)?);
        }
        let site_root = config.root.canonicalize()?;
        let files = files
            .into_par_iter()
            .map(|(rel, path)| {
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
                let bytes = crate::files::read_regular(&path)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                Ok((rel, bytes))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(StaticFiles(files))
    }
}
