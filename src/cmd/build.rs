//! `cermin build`: the site from `content/` to a finished output folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;

use crate::config::Config;
use crate::output::{Staging, WriteStats};
use crate::render::{self, RenderStats, Templates};
use crate::site::{Selection, Site};

/// What `cermin build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub future: bool,
    pub base_url: Option<String>,
}

/// The result of a build, for the closing line.
pub struct BuildReport {
    pub render: RenderStats,
    pub write: WriteStats,
    pub warnings: Vec<String>,
    pub millis: u128,
    pub output: PathBuf,
}

impl BuildReport {
    /// `Built 14 articles, 9 tags, 23 archive pages, 20 feeds in 41 ms`.
    pub fn summary(&self) -> String {
        let r = &self.render;
        format!(
            "Built {} articles, {} tags, {} archive pages, {} feeds in {} ms ({} files written, {} unchanged) into {}",
            r.articles,
            r.tags,
            r.archive_pages,
            r.feeds,
            self.millis,
            self.write.written,
            self.write.unchanged,
            self.output.display()
        )
    }
}

/// Loads the site's settings with the command line's overrides applied.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config.set_base_url(url)?;
    }
    Ok(config)
}

/// Loads, checks and renders the site, then swaps the new output in.
pub fn build(args: &BuildArgs) -> Result<BuildReport> {
    let started = Instant::now();
    let config = load_config(&args.root, args.base_url.as_deref())?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| config.root.join("public"));
    let mut t = crate::timing::Phases::new("build");
    let loaded = crate::content::load_all(&config)?;
    t.mark("load content");
    let selection = Selection {
        drafts: args.drafts,
        future: args.future,
        now: chrono::Utc::now(),
    };
    let links = crate::urls::Links::new(&config.base_url, config.relative_links);
    let templates = Templates::load(&config, &links)?;
    let articles = loaded
        .articles
        .into_iter()
        .map(std::sync::Arc::new)
        .collect();
    let site = Site::build(config, articles, selection)?;
    t.mark("templates, site");
    let statics = render::StaticFiles::load(&site.config)?;
    let staging = Staging::new(&output)?;
    let (render, _) = render::render_site(
        &site,
        &templates,
        &statics,
        &staging,
        &Default::default(),
        &Default::default(),
    )?;
    t.mark("render");
    let write = staging.commit()?;
    t.mark("commit");
    Ok(BuildReport {
        render,
        write,
        warnings: loaded.warnings,
        millis: started.elapsed().as_millis(),
        output,
    })
}
