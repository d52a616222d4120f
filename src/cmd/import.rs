//! `cermin import PATH...`: scraped pages (HTML or text dumps) into content files.

use std::collections::HashMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use rayon::prelude::*;

use crate::config::Config;
use crate::content::front_matter;
use crate::import::saved_files::SavedImages;
use crate::import::{self, Extraction, ImportedArticle, NoArticle, RuleBook};

/// What `cermin import` was asked to do.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ImportArgs {
    /// The site's folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Files or folders (walked recursively): .html, .htm, .html.gz, .txt.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Use the rules of [import.sources.NAME] in site.toml.
    #[arg(long)]
    pub source: Option<String>,
    /// The original URL of the page (for a single page without a canonical link).
    #[arg(long)]
    pub url: Option<String>,
    /// Show what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print every line or block dropped and the rule that dropped it.
    #[arg(long)]
    pub explain: bool,
    /// Rewrite articles that are already in content/.
    #[arg(long)]
    pub force: bool,
    /// Tags to add to every imported article, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The date of pages that state none and have none in their URL (2022-01-27).
    #[arg(long)]
    pub date: Option<String>,
    /// Refuse pages that state no date instead of dating them by URL, --date or file time.
    #[arg(long)]
    pub strict_dates: bool,
    /// Download the lead and body images into the article's page bundle
    /// (content/YYYY/MM/slug/index.md with the images beside it); also `[import] fetch_images`.
    #[arg(long)]
    pub fetch_images: bool,
    /// `text` (the report) or `json`: one JSON object per page on stdout (the article
    /// found, what happened to it, what was dropped).
    #[arg(long = "format", value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// How `cermin import` reports: a line per page for people, or JSON for tools.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    #[default]
    Text,
    Json,
}

impl ImportArgs {
    /// Whether the report is JSON (`--format json`).
    pub fn json(&self) -> bool {
        self.format == ReportFormat::Json
    }
}

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Created(PathBuf),
    Updated(PathBuf),
    Unchanged(PathBuf),
    Failed(String),
}

/// The result of one input, with what its cleaning dropped.
#[derive(Debug, Clone)]
pub struct Imported {
    pub input: PathBuf,
    pub outcome: Outcome,
    /// What the extractor found, also when the article could not be placed (no date...);
    /// kept for `--format json` only.
    pub article: Option<ImportedArticle>,
    pub dropped: Vec<import::Dropped>,
    /// What the reader should check (a date not from the page, a missing source URL).
    pub warnings: Vec<String>,
}

/// Counts for the closing line.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub failed: usize,
}

impl Counts {
    pub fn of(results: &[Imported]) -> Counts {
        let mut c = Counts::default();
        for r in results {
            match r.outcome {
                Outcome::Created(_) => c.created += 1,
                Outcome::Updated(_) => c.updated += 1,
                Outcome::Unchanged(_) => c.unchanged += 1,
                Outcome::Failed(_) => c.failed += 1,
            }
        }
        c
    }
}

/// One input: a file to import, or an entry of a folder that cannot be read (a link that
/// loops, a folder without permission), reported as failed while the batch goes on.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub unreadable: Option<String>,
}

/// Inputs the importer reads, from files and folders (walked recursively, sorted).
pub fn input_files(paths: &[PathBuf]) -> Vec<Input> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_file() && is_importable(entry.path()) {
                            files.push(Input {
                                path: entry.path().to_path_buf(),
                                unreadable: None,
                            });
                        }
                    }
                    Err(e) => files.push(Input {
                        path: e.path().unwrap_or(path).to_path_buf(),
                        unreadable: Some(walk_problem(&e)),
                    }),
                }
            }
        } else {
            // A file named on the command line is always tried, whatever its name.
            files.push(Input {
                path: path.clone(),
                unreadable: None,
            });
        }
    }
    files
}

/// Why a folder entry cannot be walked, in the user's words.
fn walk_problem(e: &walkdir::Error) -> String {
    if e.loop_ancestor().is_some() {
        let target = e
            .path()
            .and_then(|p| std::fs::read_link(p).ok())
            .map(|t| format!(" to {}", t.display()))
            .unwrap_or_default();
        return format!("a link{target} that loops back into a folder it is in (skipped)");
    }
    match e.io_error() {
        Some(io) => format!("cannot read it: {io}"),
        None => format!("cannot read it: {e}"),
    }
}

fn is_importable(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    [".html", ".htm", ".html.gz", ".htm.gz", ".txt", ".txt.gz"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Reads an input, unpacking `.gz`.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("not a valid gzip file: {e}"))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn looks_like_html(path: &Path, bytes: &[u8]) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".html")
        || name.ends_with(".htm")
        || name.ends_with(".html.gz")
        || name.ends_with(".htm.gz")
    {
        return true;
    }
    if name.ends_with(".txt") || name.ends_with(".txt.gz") {
        return false;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    head.trim_start().starts_with('<') && (head.contains("<html") || head.contains("<!doctype"))
}

/// Runs the right extractor; a page whose URL belongs to a configured source is cleaned again
/// with that source's rules.
fn extract(
    path: &Path,
    bytes: &[u8],
    book: &RuleBook,
    args: &ImportArgs,
) -> Result<Extraction, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the file is empty".into());
    }
    let html = looks_like_html(path, bytes);
    if !html && bytes[..bytes.len().min(8192)].contains(&0) {
        return Err("a binary file, not an HTML page or a text dump".into());
    }
    let run = |rules: &import::Rules| -> Result<Extraction, NoArticle> {
        if html {
            import::html::extract(bytes, rules, args.url.as_deref())
        } else {
            import::text::extract(&String::from_utf8_lossy(bytes), rules, args.url.as_deref())
        }
    };
    let rules = book
        .rules_for(args.source.as_deref(), args.url.as_deref())
        .map_err(|e| e.to_string())?;
    let first = run(&rules).map_err(|e| e.0)?;
    if rules.source.is_none() && args.source.is_none() {
        let found = book
            .rules_for(None, first.article.source.as_deref())
            .map_err(|e| e.to_string())?;
        if found.source.is_some() {
            return run(&found).map_err(|e| e.0);
        }
    }
    Ok(first)
}

/// Articles already in the mirror, by source URL and by (title, date).
#[derive(Default)]
struct Existing {
    by_source: HashMap<String, PathBuf>,
    by_title_date: HashMap<(String, i64), PathBuf>,
}

impl Existing {
    fn scan(config: &Config) -> Result<Existing> {
        let mut existing = Existing::default();
        if !config.content_dir().is_dir() {
            return Ok(existing);
        }
        for file in crate::content::load::content_files(config)? {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            let Ok(split) = front_matter::split(&text) else {
                continue;
            };
            let Ok(parsed) = front_matter::parse(&split) else {
                continue;
            };
            let fm = parsed.front_matter;
            if let Some(source) = fm.source {
                existing
                    .by_source
                    .insert(normalize_url(&source), file.clone());
            }
            if let Ok(date) = crate::content::date::parse_date(&fm.date.0, config.timezone) {
                existing
                    .by_title_date
                    .insert((fm.title.trim().to_string(), date.timestamp()), file);
            }
        }
        Ok(existing)
    }

    fn find(&self, a: &ImportedArticle) -> Option<&PathBuf> {
        a.source
            .as_ref()
            .and_then(|s| self.by_source.get(&normalize_url(s)))
            .or_else(|| {
                let date = a.date?;
                self.by_title_date
                    .get(&(a.title.trim().to_string(), date.timestamp()))
            })
    }
}

/// URLs compared without scheme, `www.`, trailing slash or fragment.
fn normalize_url(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let url = url.split_once("://").map_or(url, |(_, rest)| rest);
    let url = url.strip_prefix("www.").unwrap_or(url);
    url.trim_end_matches('/').to_lowercase()
}

/// Where a new article goes: `content/YYYY/MM/slug.md`, or for an article with files of
/// its own `content/YYYY/MM/slug/index.md`, made unique (no file or folder of that name).
fn new_path(
    config: &Config,
    a: &ImportedArticle,
    taken: &std::collections::HashSet<PathBuf>,
    bundle: bool,
) -> Result<PathBuf, String> {
    let date = a.date.ok_or("no publication date found in the page")?;
    let slug = crate::text::slugify(&a.title);
    if slug.is_empty() {
        return Err("the headline has no letters or digits to make a file name from".into());
    }
    let dir = config.content_dir().join(date.format("%Y/%m").to_string());
    let at = |name: &str| match bundle {
        true => dir.join(name).join(crate::content::bundle::INDEX),
        false => dir.join(format!("{name}.md")),
    };
    let free = |name: &str| {
        let (file, folder) = (dir.join(format!("{name}.md")), dir.join(name));
        !file.exists() && !folder.exists() && !taken.contains(&file) && !taken.contains(&at(name))
    };
    let mut name = slug.clone();
    let mut n = 2;
    while !free(&name) {
        name = format!("{slug}-{n}");
        n += 1;
    }
    Ok(at(&name))
}

/// Writes through a temporary file, so a crash never leaves half an article.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().ok_or("no folder")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    crate::files::write_atomically(path, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Imports every input; never stops at a bad one.
pub fn import(args: &ImportArgs, mut progress: impl FnMut(&Imported)) -> Result<Vec<Imported>> {
    let config = Config::load(&args.root)?;
    let book = RuleBook::load(&args.root)?;
    if let Some(name) = &args.source {
        book.rules_for(Some(name), None)?;
    }
    let inputs = input_files(&args.paths);
    if inputs.is_empty() {
        return Err(anyhow!(
            "nothing to import: no .html, .htm, .html.gz or .txt files in the given paths"
        ));
    }
    if let Some(url) = &args.url
        && !import::rules::host_of(url)
            .is_some_and(|_| url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(anyhow!(
            "--url `{url}` is not a web address: give the page's original address, \
             starting with https:// or http://"
        ));
    }
    let date_flag = args
        .date
        .as_deref()
        .map(|d| import::undated::parse_date_flag(d, config.timezone))
        .transpose()
        .map_err(|e| anyhow!(e))?;
    let existing = Existing::scan(&config)?;
    // Extraction is the slow part and independent per page; writing stays in input order.
    let mut extracted: Vec<(PathBuf, Result<Extraction, String>, SavedImages)> = inputs
        .par_iter()
        .map(|input| {
            let mut saved = SavedImages::default();
            let result = match &input.unreadable {
                Some(problem) => Err(problem.clone()),
                None => read_input(&input.path).and_then(|bytes| {
                    // A saved page's images on disk stand in the page as addresses.
                    let bytes = match looks_like_html(&input.path, &bytes) {
                        true => {
                            let (page, found) =
                                SavedImages::find(&input.path, &bytes, book.fetch.max_bytes);
                            saved = found;
                            page
                        }
                        false => bytes,
                    };
                    extract(&input.path, &bytes, &book, args)
                }),
            };
            (input.path.clone(), result, saved)
        })
        .collect();
    // Paragraphs that repeat across a site's pages in this batch are its template.
    let mut found: Vec<&mut Extraction> = extracted
        .iter_mut()
        .filter_map(|(_, result, _)| result.as_mut().ok())
        .collect();
    import::batch::drop_site_templates(&mut found);
    let mut taken = std::collections::HashSet::new();
    let mut fetcher = (args.fetch_images || book.fetch.enabled)
        .then(|| import::images::Fetcher::new(book.fetch.clone()));
    let mut results = Vec::with_capacity(extracted.len());
    for (input, extraction, saved) in extracted {
        let mut warnings = Vec::new();
        let (outcome, article, dropped) = match extraction {
            Err(reason) => (Outcome::Failed(reason), None, Vec::new()),
            Ok(ex) if ex.article.date.is_none() && args.strict_dates => (
                Outcome::Failed(import::undated::STRICT_REFUSAL.into()),
                None,
                ex.dropped,
            ),
            Ok(mut ex) => {
                warnings = date_and_source_warnings(&mut ex.article, &input, date_flag, &config);
                for tag in &args.tags {
                    if !ex.article.tags.contains(tag) {
                        ex.article.tags.push(tag.clone());
                    }
                }
                let outcome = place(
                    &config,
                    &existing,
                    &mut taken,
                    &ex.article,
                    args,
                    &saved,
                    fetcher.as_mut(),
                    &mut warnings,
                );
                // Only the JSON report shows the article; a batch of thousands keeps none.
                let shown = args.json().then(|| {
                    // As the page named its saved images, not by their stand-ins.
                    saved.restore(&mut ex.article);
                    ex.article
                });
                (outcome, shown, ex.dropped)
            }
        };
        let imported = Imported {
            input,
            outcome,
            article,
            dropped,
            warnings,
        };
        progress(&imported);
        results.push(imported);
    }
    Ok(results)
}

/// Dates a page that states no date (see [`import::undated`]) and says what the reader
/// should check.
fn date_and_source_warnings(
    article: &mut ImportedArticle,
    input: &Path,
    date_flag: Option<chrono::DateTime<chrono::FixedOffset>>,
    config: &Config,
) -> Vec<String> {
    let mut warnings = Vec::new();
    if article.date.is_none() {
        let modified = std::fs::metadata(input).and_then(|m| m.modified()).ok();
        let fallback = import::undated::fallback_date(
            article.source.as_deref(),
            date_flag,
            modified,
            config.timezone,
        );
        if let Some(fallback) = fallback {
            article.date = Some(fallback.date);
            warnings.push(fallback.warning());
        }
    }
    if article.source.is_none() {
        warnings.push(
            "the page names no URL of its own: the article will have no credit link, and its relative links and images are left out; pass --url"
                .into(),
        );
    }
    warnings
}

/// Decides where an extracted article goes and writes it (unless `--dry-run`) with its
/// images: those `saved` with the page, and with `fetcher` those on the web. An image that
/// cannot be had goes to `warnings`.
#[allow(clippy::too_many_arguments)]
fn place(
    config: &Config,
    existing: &Existing,
    taken: &mut std::collections::HashSet<PathBuf>,
    article: &ImportedArticle,
    args: &ImportArgs,
    saved: &SavedImages,
    fetcher: Option<&mut import::images::Fetcher>,
    warnings: &mut Vec<String>,
) -> Outcome {
    if article.title.trim().is_empty() {
        return Outcome::Failed("no headline found".into());
    }
    if article.date.is_none() {
        return Outcome::Failed("no publication date found in the page".into());
    }
    let mut article = article.clone();
    if let Some(path) = existing.find(&article) {
        if !args.force {
            return Outcome::Unchanged(path.clone());
        }
        // Images can join an article that is a bundle; a plain `slug.md` keeps none.
        let files = match crate::content::bundle::folder_of(&config.content_dir(), path) {
            Some(_) => gather_images(&mut article, saved, fetcher, args, warnings),
            None => {
                warnings.extend(saved.strip(&mut article));
                Vec::new()
            }
        };
        // The article keeps the id its file has (feed readers know it by that).
        article.id = std::fs::read_to_string(path)
            .ok()
            .and_then(|old| id_in(&old));
        let text = import::write::to_content_file(&article);
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Outcome::Unchanged(path.clone());
        }
        if args.dry_run {
            return Outcome::Updated(path.clone());
        }
        if let Err(e) = write_bundle_files(path, &files)
            .and_then(|()| check_readable(config, path, &text))
            .and_then(|()| write_file(path, &text))
        {
            return Outcome::Failed(e);
        }
        return Outcome::Updated(path.clone());
    }
    let files = gather_images(&mut article, saved, fetcher, args, warnings);
    let path = match new_path(config, &article, taken, !files.is_empty()) {
        Ok(p) => p,
        Err(e) => return Outcome::Failed(e),
    };
    article.id = entry_id(config, &article, &path);
    let text = import::write::to_content_file(&article);
    // The images go first: the article's references to them are checked against them.
    let written = match args.dry_run {
        true => Ok(()),
        false => write_bundle_files(&path, &files),
    };
    if let Err(e) = written.and_then(|()| check_readable(config, &path, &text)) {
        remove_bundle(&path, &files);
        return Outcome::Failed(e);
    }
    taken.insert(path.clone());
    if !args.dry_run
        && let Err(e) = write_file(&path, &text)
    {
        remove_bundle(&path, &files);
        return Outcome::Failed(e);
    }
    Outcome::Created(path)
}

/// The article's images as bundle files, the article pointed at them: those saved with the
/// page, then (with a fetcher, and not in a dry run) those on the web.
fn gather_images(
    article: &mut ImportedArticle,
    saved: &SavedImages,
    fetcher: Option<&mut import::images::Fetcher>,
    args: &ImportArgs,
    warnings: &mut Vec<String>,
) -> Vec<(String, Vec<u8>)> {
    let mut names = std::collections::HashSet::new();
    let from_disk = saved.give_to(article, &mut names);
    warnings.extend(from_disk.problems);
    let mut files = from_disk.files;
    // A dry run fetches nothing: it only shows where the article would go.
    if let Some(fetcher) = fetcher.filter(|_| !args.dry_run) {
        let fetched = fetcher.bring_home(article, &mut names);
        warnings.extend(fetched.failures);
        files.extend(fetched.files);
    }
    files
}

/// Writes the files of a new bundle beside its `index.md` at `path`.
fn write_bundle_files(path: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let Some(dir) = path.parent().filter(|_| !files.is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, bytes) in files {
        let file = dir.join(name);
        crate::files::write_atomically(&file, bytes)
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}

/// Takes back the files of a new bundle that could not be written whole.
fn remove_bundle(path: &Path, files: &[(String, Vec<u8>)]) {
    if let Some(dir) = path.parent().filter(|_| !files.is_empty()) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The feed entry id of a new article: the one the build would make of its date and file
/// name today, written into the file so that it stays when the date or slug is corrected.
fn entry_id(config: &Config, article: &ImportedArticle, path: &Path) -> Option<String> {
    let date = article.date?.with_timezone(&config.timezone);
    // A bundle is named by its folder, as the build names it.
    let named_by = match crate::content::bundle::folder_of(&config.content_dir(), path) {
        Some(folder) => folder.file_name()?.to_owned(),
        None => path.file_stem()?.to_owned(),
    };
    let slug = crate::text::slugify(&named_by.to_string_lossy());
    Some(crate::render::feeds::tag_id(&config.base_url, &date, &slug))
}

/// The `id:` of an existing content file's front matter, if it has one.
fn id_in(text: &str) -> Option<String> {
    let split = front_matter::split(text).ok()?;
    front_matter::parse(&split).ok()?.front_matter.id
}

/// The file we are about to write must be an article the build accepts.
fn check_readable(config: &Config, path: &Path, text: &str) -> Result<(), String> {
    crate::content::parse_article(config, path, text)
        .map(|_| ())
        .map_err(|e| format!("the imported article would not build: {e}"))
}

/// `cermin import`: imports the pages; fails at the end when some could not be imported.
pub fn execute(args: ImportArgs) -> Result<()> {
    if report(&args)? {
        Ok(())
    } else {
        Err(anyhow!(
            "some pages could not be imported (see the lines starting with `failed`)"
        ))
    }
}

/// One input as a JSON object (for `--format json`): what happened, the article found and
/// what its cleaning dropped.
pub fn json_report(r: &Imported) -> serde_json::Value {
    let (status, path, reason) = match &r.outcome {
        Outcome::Created(p) => ("created", Some(p), None),
        Outcome::Updated(p) => ("updated", Some(p), None),
        Outcome::Unchanged(p) => ("unchanged", Some(p), None),
        Outcome::Failed(why) => ("failed", None, Some(why)),
    };
    let article = r.article.as_ref().map(|a| {
        serde_json::json!({
            "title": a.title,
            "date": a.date.map(|d| d.to_rfc3339()),
            "authors": a.authors,
            "tags": a.tags,
            "summary": a.summary,
            "source": a.source,
            "source_name": a.source_name,
            "image": a.image,
            "image_caption": a.image_caption,
            "body": a.body,
        })
    });
    let dropped: Vec<serde_json::Value> = r
        .dropped
        .iter()
        .map(|d| serde_json::json!({"rule": d.rule, "text": d.text}))
        .collect();
    serde_json::json!({
        "input": r.input.display().to_string(),
        "status": status,
        "path": path.map(|p| p.display().to_string()),
        "reason": reason,
        "article": article,
        "dropped": dropped,
    })
}

/// Prints the report: one line per input (and the drops with `--explain`), then the counts.
/// With `--format json`, one JSON object per input on stdout and the counts on stderr.
fn report(args: &ImportArgs) -> Result<bool> {
    let total = input_files(&args.paths).len();
    let bar = (std::io::stderr().is_terminal() && total > 5 && !args.explain && !args.json()).then(
        || {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                    .expect("valid template"),
            );
            bar
        },
    );
    let verb = if args.dry_run { "would be " } else { "" };
    let results = import(args, |r| {
        if args.json() {
            println!("{}", json_report(r));
            return;
        }
        let line = match &r.outcome {
            Outcome::Created(p) => {
                format!("{verb}created   {} <- {}", p.display(), r.input.display())
            }
            Outcome::Updated(p) => {
                format!("{verb}updated   {} <- {}", p.display(), r.input.display())
            }
            Outcome::Unchanged(p) => format!("unchanged {} <- {}", p.display(), r.input.display()),
            Outcome::Failed(why) => format!("failed    {}: {why}", r.input.display()),
        };
        let warnings = r
            .warnings
            .iter()
            .map(|w| format!("warning   {}: {w}", r.input.display()));
        match &bar {
            Some(bar) => {
                if matches!(r.outcome, Outcome::Failed(_)) {
                    bar.println(&line);
                }
                warnings.for_each(|w| bar.println(w));
                bar.inc(1);
            }
            None => {
                println!("{line}");
                warnings.for_each(|w| println!("{w}"));
            }
        }
        if args.explain {
            for d in &r.dropped {
                let text: String = d.text.chars().take(100).collect();
                println!("    dropped [{}] {}", d.rule, text.replace('\n', " "));
            }
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let c = Counts::of(&results);
    let closing = format!(
        "{} {}: {} created, {} updated, {} unchanged, {} failed",
        if args.dry_run { "Checked" } else { "Imported" },
        crate::text::count(results.len(), "page", "pages"),
        c.created,
        c.updated,
        c.unchanged,
        c.failed
    );
    if args.json() {
        eprintln!("{closing}");
    } else {
        println!("{closing}");
    }
    Ok(c.failed == 0)
}
