//! `cermin build`: the site from `content/` to a finished output folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

use std::sync::Arc;

use crate::build_lock::Lock;
use crate::cache::articles::ArticleCache;
use crate::cache::outputs::{self, OutputCache};
use crate::config::Config;
use crate::content::body::BodyStore;
use crate::output::{Staging, WriteStats, writers};
use crate::render::{self, RenderStats, Templates};
use crate::site::{Selection, Site};
use crate::text::count;

/// What `cermin build` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// The site's folder (holds site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future (embargoed).
    #[arg(long)]
    pub future: bool,
    /// Use this base URL instead of site.toml's `base_url`.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Do not use or update the build cache (.cermin-cache/): parse and render everything.
    #[arg(long)]
    pub no_cache: bool,
    /// Look at every file in the output folder and make again any changed or deleted by hand.
    ///
    /// A cached build without it trusts an output folder that is the one the last build left
    /// with nothing added, removed or renamed at its top since: it does not notice a page
    /// changed in place, or deleted in a folder below, by hand. This looks at every file the
    /// last build made there (one `stat` each) and makes again each one that is not as it
    /// was made.
    #[arg(long)]
    pub verify_output: bool,
}

/// `cermin build`: builds the site, prints its warnings and the closing line.
pub fn execute(args: BuildArgs) -> Result<()> {
    let report = build(&args, &mut |line| eprintln!("{line}"))?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    println!("{}", report.summary());
    Ok(())
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
            "Built {}, {}, {}, {} in {} ms ({} written, {} unchanged) into {}",
            count(r.articles, "article", "articles"),
            count(r.tags, "tag", "tags"),
            count(r.archive_pages, "archive page", "archive pages"),
            count(r.feeds, "feed", "feeds"),
            self.millis,
            count(self.write.written, "file", "files"),
            self.write.unchanged,
            self.output.display()
        )
    }
}

/// Loads, checks and renders the site, then swaps the new output in. When another build of
/// the site or into the same output folder runs, `waiting` hears of it (a line to show) and
/// this build waits for that one to finish.
pub fn build(args: &BuildArgs, waiting: &mut dyn FnMut(&str)) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Config::load_with_base_url(&args.root, args.base_url.as_deref())?;
    let writer_threads = writer_threads()?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| config.root.join("public"));
    let mut warnings = Vec::new();
    let locks = lock(&config, &output, args.no_cache, waiting, &mut warnings)?;
    // The time spent waiting for another build is not this build's.
    let started = started + locks.waited;
    let mut t = crate::timing::Phases::new("build");
    // A build holds every article at once: bodies beyond the budget wait in a scratch file.
    let bodies = BodyStore::with_scratch_file(config.build.body_memory_mb);
    let use_cache = locks.use_cache;
    let mut article_cache = use_cache.then(|| ArticleCache::load(&config));
    t.mark("read article cache");
    let (loaded, origins) = crate::cache::load::load_all(&config, article_cache.as_ref(), &bodies)?;
    if let Some(cache) = &mut article_cache {
        cache.done_loading();
    }
    let articles = loaded.articles;
    warnings.extend(loaded.warnings);
    warnings.extend(crate::content::terms::merged_names_in_site(
        articles.iter().map(|a| &**a),
        &config,
    ));
    let selection = Selection {
        drafts: args.drafts,
        future: args.future,
        now: chrono::Utc::now(),
    };
    if !loaded.errors.is_empty() {
        let site = Site::build(config, articles, selection)?;
        let clashes = render::clashes(&site);
        anyhow::bail!("{}", content_problems(&loaded.errors, &clashes));
    }
    t.mark("load content");
    // One warning for an unwritable cache, however many parts of it fail.
    let mut cache_warned = false;
    if let Some(cache) = &article_cache
        && let Err(e) = cache.save(&articles, &origins)
    {
        warnings.push(cache_warning(&config, &e));
        cache_warned = true;
    }
    t.mark("save article cache");
    let links = crate::urls::Links::new(&config.base_url, config.relative_links);
    let templates = Templates::load(&config, &links)?;
    t.mark("templates");
    let site = match use_cache {
        true => {
            let cache_dir = crate::cache::dir(&config.root);
            Site::build_cached(config, articles, selection, &cache_dir)?
        }
        false => Site::build(config, articles, selection)?,
    };
    let values = if use_cache {
        render::ValueCache::with_search_term_cache(crate::cache::dir(&site.config.root))
    } else {
        render::ValueCache::default()
    }
    .exiting_after();
    let clashes = render::clashes_laying_out(&site, &values);
    if !clashes.is_empty() {
        anyhow::bail!("{}", content_problems(&[], &clashes));
    }
    t.mark("site");
    let statics = render::StaticFiles::load(&site.config)?;
    warnings.extend(statics.warnings.iter().cloned());
    let output_cache = use_cache.then(|| {
        let options = format!("drafts={} future={}", args.drafts, args.future);
        let fingerprint = outputs::fingerprint(&site.config, templates.fingerprint, &options);
        Arc::new(OutputCache::load(&site.config.root, fingerprint))
    });
    let no_signatures = outputs::Signatures::default();
    let previous = output_cache
        .as_deref()
        .map_or(&no_signatures, OutputCache::signatures);

    let mut staging = Staging::new(&output)?;
    if let Some(cache) = &output_cache {
        staging = staging.reusing(cache.clone());
        if !args.verify_output {
            staging = staging.trusting_untouched_output();
        }
    }
    // The files are written on threads of their own: the render's threads do not wait for
    // the disk.
    let (render, rendered) = writers::writing_behind(&staging, writer_threads, |sink| {
        render::render_site(&site, &templates, &statics, sink, &values, previous)
    })?;
    t.mark("render");
    let put = staging.put_files();
    let offered = staging.groups();
    if let Some(cache) = &output_cache {
        // The output folder is about to change: until the cache is saved, the next build
        // must not trust it.
        cache.forget_output_folder().map_err(|e| {
            anyhow::anyhow!(
                "cannot update the build cache {dir}: {e}: delete {dir}, or build with --no-cache",
                dir = crate::cache::dir(&site.config.root).display()
            )
        })?;
    }
    let write = staging.commit()?;
    t.mark("commit");
    if let Some(cache) = &output_cache
        && let Err(e) = cache.save(
            &output,
            || rendered.files(),
            rendered.groups(),
            &put,
            &offered,
        )
        && !cache_warned
    {
        warnings.push(cache_warning(&site.config, &e));
    }
    t.mark("cache");
    // One process, one build: the system takes the memory back at exit at once, where
    // freeing every article, value and signature one by one is a serial pass over all of
    // them (about 0.6 s at 100,000 articles).
    std::mem::forget((values, site, rendered, article_cache, output_cache));
    t.mark("done");
    crate::timing::print_totals();
    Ok(BuildReport {
        render,
        write,
        warnings,
        millis: started.elapsed().as_millis(),
        output,
    })
}

/// Every content problem at once: the broken files, then the clashes among the good ones.
/// How many writer threads: `writers::THREADS`, or `CERMIN_WRITERS` for one run (more where
/// creating a file waits long; bench/million.sh compares counts on the disk with it).
fn writer_threads() -> Result<usize> {
    let Some(value) = std::env::var_os(WRITERS_ENV) else {
        return Ok(writers::THREADS);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<usize>() {
        Ok(n @ 1..=64) => Ok(n),
        _ => anyhow::bail!(
            "{WRITERS_ENV}={text:?} is not a number of writer threads: set it to a whole number from 1 to 64, or unset it"
        ),
    }
}

/// The environment variable that sets how many threads write a build's files.
const WRITERS_ENV: &str = "CERMIN_WRITERS";

fn content_problems(
    errors: &[crate::content::ContentError],
    clashes: &[render::clashes::Clash],
) -> String {
    let mut files: Vec<&Path> = errors.iter().map(|e| e.file.as_path()).collect();
    files.extend(
        clashes
            .iter()
            .flat_map(|c| c.files.iter().map(PathBuf::as_path)),
    );
    files.sort();
    files.dedup();
    let n = files.len();
    let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.extend(clashes.iter().map(|c| c.message.clone()));
    let plural = if n == 1 {
        "file has an error"
    } else {
        "files have errors"
    };
    format!(
        "{}\n{n} content {plural}; nothing was written",
        lines.join("\n")
    )
}

/// The locks a build holds until it ends.
struct Locks {
    // Dropped in this order: a build waiting for the site then finds the output free.
    _output: Lock,
    /// The site's lock (none when its file cannot be made).
    _site: Option<Lock>,
    /// Whether the build reads and writes the build cache: only under the site's lock.
    use_cache: bool,
    waited: Duration,
}

/// Locks the site (its build cache) and then the output folder (its staging folder), always
/// in this order, so two builds never wait for each other in a circle.
///
/// A site whose folder cannot hold the lock file (a read-only checkout) is built without the
/// build cache, with a warning; `--no-cache` builds lock the site too when they can (one
/// build of a site at a time), and go on without when they cannot.
fn lock(
    config: &Config,
    output: &Path,
    no_cache: bool,
    waiting: &mut dyn FnMut(&str),
    warnings: &mut Vec<String>,
) -> Result<Locks> {
    let started = Instant::now();
    let site_lock = crate::build_lock::site_lock_path(&config.root);
    let site = match crate::build_lock::acquire(&site_lock, |pid| {
        waiting(&format!(
            "waiting for another cermin build of this site{}…",
            pid_note(pid)
        ))
    }) {
        Ok(lock) => Some(lock),
        Err(e) => {
            if !no_cache {
                warnings.push(format!(
                    "cannot lock the site ({}: {e}): built without the build cache, which another build could be using",
                    site_lock.display()
                ));
            }
            None
        }
    };
    let output_lock = crate::output::lock_output(output, |pid| {
        waiting(&format!(
            "waiting for another cermin build writing into {}{}…",
            output.display(),
            pid_note(pid)
        ))
    })?;
    Ok(Locks {
        use_cache: !no_cache && site.is_some(),
        _site: site,
        _output: output_lock,
        waited: started.elapsed(),
    })
}

/// ` (pid 123)`, or nothing when the other build's process id is unknown.
fn pid_note(pid: Option<u32>) -> String {
    pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
}

/// A build cache that cannot be written slows the next build down; it does not fail this one.
fn cache_warning(config: &Config, e: &std::io::Error) -> String {
    format!(
        "cannot update the build cache {dir}: {e} (the next build will be slower; delete {dir} if this persists)",
        dir = crate::cache::dir(&config.root).display()
    )
}
