//! Rendering: the Site in, every output file out (pages, feeds, sitemap, robots, static files).

pub mod feeds;
pub mod links;
pub mod pages;
pub mod sitemap;
pub mod templates;
pub mod values;
pub mod xml;

use std::collections::HashMap;

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::output::{Sink, files_under};
use crate::site::Site;
use crate::urls::{Links, output_file};
use pages::{Page, PageRenderer};
pub use templates::Templates;

/// What a build produced, for the closing line.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub articles: usize,
    pub tags: usize,
    pub archive_pages: usize,
    pub feeds: usize,
    pub pages: usize,
    pub files: usize,
}

/// The link maker for a site.
pub fn links_for(site: &Site) -> Links {
    Links::new(&site.config.base_url, site.config.relative_links)
}

/// Renders the whole site into `sink`.
pub fn render_site(site: &Site, templates: &Templates, sink: &dyn Sink) -> Result<RenderStats> {
    let links = links_for(site);
    let renderer = PageRenderer::new(site, templates, links.clone());
    let pages = renderer.pages();
    let paths: Vec<String> = pages.iter().map(|&p| renderer.path(p)).collect();
    check_no_clashes(site, &pages, &paths)?;

    pages
        .par_iter()
        .zip(paths.par_iter())
        .try_for_each(|(&page, path)| {
            let html = renderer.render(page)?;
            sink.put(&output_file(path), html.as_bytes())
        })?;

    let feeds = feeds::feeds(site);
    feeds.par_iter().try_for_each(|feed| {
        sink.put(
            &output_file(&format!("{}rss.xml", feed.dir)),
            feeds::rss(site, &links, feed).as_bytes(),
        )?;
        sink.put(
            &output_file(&format!("{}atom.xml", feed.dir)),
            feeds::atom(site, &links, feed).as_bytes(),
        )
    })?;

    let entries: Vec<sitemap::Entry> = pages
        .iter()
        .zip(&paths)
        .filter(|(page, _)| **page != Page::NotFound)
        .map(|(page, path)| sitemap::Entry {
            path: path.clone(),
            lastmod: match page {
                Page::Article(i) => {
                    let a = &site.articles[*i];
                    Some(a.updated.unwrap_or(a.date).to_rfc3339())
                }
                _ => None,
            },
        })
        .collect();
    let sitemap_files = sitemap::sitemaps(&links, &entries);
    for (path, xml) in &sitemap_files {
        sink.put(&output_file(path), xml.as_bytes())?;
    }
    sink.put("robots.txt", sitemap::robots(&links).as_bytes())?;
    sink.put("syntax.css", crate::highlight::stylesheet().as_bytes())?;
    let statics = copy_static(site, sink)?;

    let archive_pages = pages
        .iter()
        .filter(|p| {
            matches!(
                p,
                Page::Archive | Page::Year(_) | Page::Month(..) | Page::Day(..)
            )
        })
        .count();
    Ok(RenderStats {
        articles: site.articles.len(),
        tags: site.tags.len(),
        archive_pages,
        feeds: feeds.len() * 2,
        pages: pages.len(),
        files: pages.len() + feeds.len() * 2 + sitemap_files.len() + 2 + statics,
    })
}

/// Two pages on one path (an article whose permalink is `/tags/`, say) is a user error.
fn check_no_clashes(site: &Site, pages: &[Page], paths: &[String]) -> Result<()> {
    let mut seen: HashMap<String, Page> = HashMap::with_capacity(pages.len());
    for (page, path) in pages.iter().zip(paths) {
        if let Some(other) = seen.insert(output_file(path), *page) {
            let describe = |p: Page| match p {
                Page::Article(i) => format!("the article {}", site.articles[i].file.display()),
                other => format!("the {other:?} page"),
            };
            bail!(
                "{} and {} are both published at {path}: change the article's `slug` or the `permalink` pattern in site.toml",
                describe(other),
                describe(*page)
            );
        }
    }
    Ok(())
}

/// Copies the theme's `static/`, then the site's own `static/` (which wins on equal names).
fn copy_static(site: &Site, sink: &dyn Sink) -> Result<usize> {
    let theme = templates::theme_dir(&site.config)?;
    let mut files: std::collections::BTreeMap<String, std::path::PathBuf> = Default::default();
    for dir in [theme.join("static"), site.config.root.join("static")] {
        files.extend(files_under(&dir)?);
    }
    files.par_iter().try_for_each(|(rel, path)| {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        sink.put(rel, &bytes)
    })?;
    Ok(files.len())
}
