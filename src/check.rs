//! `cermin check`: builds the site in memory and reports every problem at once: broken internal
//! links (pages, anchors, images, files), duplicate permalinks and slugs, articles missing what
//! the theme shows, feed entries without a stable id. Nothing is written.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;
use serde::Serialize;

use crate::config::Config;
use crate::session::{Files, Session, SessionOptions};

mod causes;
mod link_sources;

/// How bad a problem is: errors fail the check, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// `broken-link`, `broken-anchor`, `missing-image`, `duplicate-permalink`,
    /// `permalink-clash`, `duplicate-slug`, `tag-names`, `content`, `missing-field`, `feed-id`.
    pub kind: &'static str,
    /// The output file or content file it is in.
    pub location: String,
    pub message: String,
    /// The file it is in again (for tools: `location` may be followed by more one day).
    pub file: String,
    /// 1-based line in `file`, when the problem is on one.
    pub line: Option<usize>,
    /// 1-based column in `line`, when known.
    pub column: Option<usize>,
    /// The output pages it shows on (site files such as `tags/x/index.html`), for a problem
    /// found on pages; empty for one found in the sources alone.
    pub pages: Vec<String>,
}

impl Problem {
    /// `file`, `file:line` or `file:line:column`: where to look.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file),
            (Some(line), None) => format!("{}:{line}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// Everything a check found.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub problems: Vec<Problem>,
    /// External links (only collected with `--external`), with the pages that use them.
    pub external_links: BTreeMap<String, Vec<String>>,
    pub pages_checked: usize,
    pub links_checked: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<(a|link|img|script|source|iframe|video|audio)\b[^>]*?\s(href|src)="([^"]*)""#)
        .expect("link pattern")
});
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]+)""#).expect("id pattern"));
static FEED_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(item|entry)>[\s\S]*?</(item|entry)>").expect("entry pattern"));
static ENTRY_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(guid[^>]*|id)>([^<]*)</(guid|id)>").expect("id pattern"));

fn problem(
    severity: Severity,
    kind: &'static str,
    location: impl Into<String>,
    message: String,
) -> Problem {
    let location = location.into();
    Problem {
        severity,
        kind,
        file: location.clone(),
        location,
        message,
        line: None,
        column: None,
        pages: Vec::new(),
    }
}

/// A problem in a content file, where it is.
fn content_problem(e: &crate::content::ContentError) -> Problem {
    Problem {
        line: e.line,
        column: e.column,
        ..problem(
            Severity::Error,
            "content",
            e.file.display().to_string(),
            e.to_string(),
        )
    }
}

/// Checks the site at `root`.
pub fn check(root: &Path, options: SessionOptions, external: bool) -> Result<Report> {
    let mut report = Report::default();
    let mut config = Config::load_with_base_url(root, options.base_url.as_deref())?;
    // Photos are looked at, not encoded: a check writes nothing.
    config.images.encode = false;
    // Content first, all files: a broken file is reported, not fatal to the rest of the check.
    let loaded = crate::content::load_all(&config)?;
    report
        .problems
        .extend(loaded.errors.iter().map(content_problem));
    let articles = loaded.articles;
    check_duplicates(&articles, &mut report);
    check_fields(&config, &articles, &mut report);
    for warning in loaded
        .warnings
        .into_iter()
        .chain(crate::content::terms::merged_names_in_site(
            articles.iter().map(|a| &**a),
            &config,
        ))
    {
        report.problems.push(warning_problem(warning));
    }
    // Where each article's page is, to take a broken link back to the article that holds it.
    let article_pages: Vec<causes::ArticlePage> = articles
        .iter()
        .map(|a| causes::ArticlePage {
            file: a.file.clone(),
            page: page_file(&a.path),
        })
        .collect();
    check_clashes(&config, &options, articles, &mut report);
    if report.errors() > 0 {
        // The site cannot be built; what was found so far is the report.
        report.problems.sort();
        return Ok(report);
    }
    let files = Session::open_to_check(root, options)?.files();
    let findings = check_links(&files, &config.base_url, external, &mut report);
    let sources = causes::Sources {
        articles: &article_pages,
        templates: causes::template_files(&config),
        root: &config.root,
        base: base_prefix(&config.base_url),
    };
    report.problems.extend(causes::problems(findings, &sources));
    drop_warnings_said_as_errors(&mut report);
    check_feeds(&files, &mut report);
    report.problems.sort();
    Ok(report)
}

/// A warning from loading (`content/a.md:4: unknown front matter key …`) or about tags
/// (`tags "C++" (content/a.md) and …`), placed at the file and line it starts with.
/// A file missing from a page bundle is a build warning and, once the pages are checked, a
/// broken image or link on the same line: said once, as the error.
fn drop_warnings_said_as_errors(report: &mut Report) {
    let errors: std::collections::HashSet<(String, Option<usize>)> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.file.clone(), p.line))
        .collect();
    report.problems.retain(|p| {
        !(p.kind == "content"
            && p.message.contains(crate::content::bundle::MISSING_FILE)
            && errors.contains(&(p.file.clone(), p.line)))
    });
}

fn warning_problem(message: String) -> Problem {
    // `tags "C++" (content/a.md) and …`, `authors "Ani" (content/b.md) and …`.
    let merged = message.contains(" are different names on one ");
    let (kind, place) = match message.split_once(' ').filter(|_| merged) {
        Some((_, rest)) => (
            "tag-names",
            rest.split_once(" (")
                .and_then(|(_, r)| r.split_once(')'))
                .map_or("", |(file, _)| file),
        ),
        None => (
            "content",
            message.split_once(": ").map_or("", |(place, _)| place),
        ),
    };
    let mut parts = place.rsplitn(2, ':');
    let (line, file) = match (parts.next(), parts.next()) {
        (Some(line), Some(file)) if line.parse::<usize>().is_ok() => (line.parse().ok(), file),
        _ => (None, place),
    };
    Problem {
        line,
        ..problem(Severity::Warning, kind, file.to_string(), message)
    }
}

/// Articles on one permalink, or on the path of a page cermin makes: every one, as the
/// build would find them.
fn check_clashes(
    config: &crate::config::Config,
    options: &SessionOptions,
    articles: Vec<std::sync::Arc<crate::content::Article>>,
    report: &mut Report,
) {
    let selection = crate::site::Selection {
        drafts: options.drafts,
        future: options.future,
        now: chrono::Utc::now(),
    };
    let Ok(site) = crate::site::Site::build(config.clone(), articles, selection) else {
        return;
    };
    for clash in crate::render::clashes(&site) {
        let file = clash
            .files
            .first()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        report
            .problems
            .push(problem(Severity::Error, clash.kind, file, clash.message));
    }
}

fn check_duplicates(articles: &[std::sync::Arc<crate::content::Article>], report: &mut Report) {
    let mut by_slug: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for a in articles {
        by_slug
            .entry(&a.slug)
            .or_default()
            .push(a.file.display().to_string());
    }
    for (slug, files) in by_slug.iter().filter(|(_, f)| f.len() > 1) {
        report.problems.push(problem(
            Severity::Warning,
            "duplicate-slug",
            files[0].clone(),
            format!(
                "shares the slug `{slug}` with {} (their permalinks differ only by date)",
                files[1..].join(" and ")
            ),
        ));
    }
}

/// What the default theme shows of an article: a byline, and alt text for the lead image.
fn check_fields(
    config: &crate::config::Config,
    articles: &[std::sync::Arc<crate::content::Article>],
    report: &mut Report,
) {
    for a in articles {
        let file = a.file.display().to_string();
        if a.authors.is_empty() && config.author.is_empty() {
            report.problems.push(problem(
                Severity::Warning,
                "missing-field",
                file.clone(),
                "no `author` (and no `author` in site.toml): pages show no byline and feeds name the site".into(),
            ));
        }
        if a.image.is_some() && a.image_caption().is_none() {
            report.problems.push(problem(
                Severity::Warning,
                "missing-field",
                file.clone(),
                "`image` without `image_caption`: the picture's alt text falls back to the title"
                    .into(),
            ));
        }
        if a.description.is_empty() {
            report.problems.push(problem(
                Severity::Warning,
                "missing-field",
                file,
                "no `summary` and no text paragraph: lists and feeds show an empty summary".into(),
            ));
        }
    }
}

/// The output file a site path names, if the site has it.
fn target_file(files: &Files, path: &str) -> Option<String> {
    let path = path.trim_start_matches('/');
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| files.contains_key(c.as_str()))
}

/// The output file of the page at a site path (`/2024/01/a/` is `2024/01/a/index.html`).
fn page_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Joins a relative link to the folder of the page it is on.
fn resolve_relative(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Where a link on `page` goes.
enum Destination {
    /// Nothing to check (`mailto:`, `tel:`, empty).
    Nothing,
    /// Another host.
    External,
    /// A path of this site (`/2024/01/`), and the fragment after `#`.
    Site {
        path: String,
        fragment: Option<String>,
    },
}

/// Where `raw` (an `href` or `src` as on the output file `page`, unescaped) goes.
fn destination(page: &str, raw: &str, base: &str) -> Destination {
    if raw.starts_with("mailto:") || raw.starts_with("tel:") || raw.is_empty() {
        return Destination::Nothing;
    }
    let (target, fragment) = match raw.split_once('#') {
        Some((t, f)) => (t, Some(f.to_string())),
        None => (raw, None),
    };
    let target = target.split('?').next().unwrap_or("");
    let path = if let Some(rest) = target.strip_prefix(base) {
        format!("/{rest}")
    } else if target.starts_with("http://")
        || target.starts_with("https://")
        || target.starts_with("//")
    {
        return Destination::External;
    } else if target.is_empty() {
        format!("/{page}")
    } else if target.starts_with('/') {
        target.to_string()
    } else {
        resolve_relative(page, target)
    };
    Destination::Site { path, fragment }
}

/// A link's site path and fragment as one string, with a folder's `index.html` left out, as
/// relative links write it: `/2024/01/index.html#x` and `/2024/01/#x` are one target.
fn site_target(path: &str, fragment: Option<&str>) -> String {
    let path = path
        .strip_suffix("index.html")
        .filter(|p| p.ends_with('/'))
        .unwrap_or(path);
    match fragment {
        Some(f) => format!("{path}#{f}"),
        None => path.to_string(),
    }
}

/// The site's base URL with one trailing slash, as links to the site start.
fn base_prefix(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

/// Every broken link of every page, one finding per page and link.
fn check_links(
    files: &Files,
    base_url: &str,
    external: bool,
    report: &mut Report,
) -> Vec<causes::Finding> {
    let html: Vec<(&str, Cow<str>)> = files
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .filter_map(|(k, v)| utf8(v.bytes().ok()?).map(|t| (&**k, t)))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = html
        .iter()
        .map(|(k, t)| {
            (
                *k,
                ID.captures_iter(t)
                    .map(|c| c.get(1).expect("group").as_str())
                    .collect(),
            )
        })
        .collect();
    report.pages_checked = html.len();
    let base = base_prefix(base_url);
    let mut findings = Vec::new();
    for (page, text) in &html {
        for cap in LINK.captures_iter(text) {
            let tag = &cap[1];
            let raw = cap[3].replace("&amp;", "&");
            report.links_checked += 1;
            let (path, fragment) = match destination(page, &raw, &base) {
                Destination::Nothing => continue,
                Destination::External => {
                    if external {
                        report
                            .external_links
                            .entry(raw.clone())
                            .or_default()
                            .push(page.to_string());
                    }
                    continue;
                }
                Destination::Site { path, fragment } => (path, fragment),
            };
            let finding = |kind, missing_id| causes::Finding {
                page: page.to_string(),
                tag: tag.to_string(),
                target: site_target(&path, fragment.as_deref()),
                raw: raw.clone(),
                kind,
                missing_id,
            };
            let Some(file) = target_file(files, &path) else {
                let kind = if tag == "img" || tag == "source" {
                    "missing-image"
                } else {
                    "broken-link"
                };
                findings.push(finding(kind, None));
                continue;
            };
            if let Some(fragment) = fragment.as_ref().filter(|f| !f.is_empty() && *f != "top")
                && file.ends_with(".html")
                && !ids
                    .get(file.as_str())
                    .is_some_and(|set| set.contains(fragment.as_str()))
            {
                findings.push(finding("broken-anchor", Some((file, fragment.clone()))));
            }
        }
    }
    findings
}

/// The text of a served file, if it is UTF-8.
fn utf8(bytes: Cow<'_, [u8]>) -> Option<Cow<'_, str>> {
    match bytes {
        Cow::Borrowed(b) => std::str::from_utf8(b).ok().map(Cow::Borrowed),
        Cow::Owned(b) => String::from_utf8(b).ok().map(Cow::Owned),
    }
}

fn check_feeds(files: &Files, report: &mut Report) {
    for (path, bytes) in files
        .iter()
        .filter(|(k, _)| k.ends_with("rss.xml") || k.ends_with("atom.xml"))
    {
        let Ok(bytes) = bytes.bytes() else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let mut seen = HashSet::new();
        for entry in FEED_ID.find_iter(&text) {
            match ENTRY_ID
                .captures(entry.as_str())
                .map(|c| c[2].trim().to_string())
            {
                Some(id) if !id.is_empty() => {
                    if !seen.insert(id.clone()) {
                        report.problems.push(problem(
                            Severity::Error,
                            "feed-id",
                            path.to_string(),
                            format!("two entries have the id {id}: readers will show only one"),
                        ));
                    }
                }
                _ => report.problems.push(problem(
                    Severity::Error,
                    "feed-id",
                    path.to_string(),
                    "an entry has no id (guid): readers cannot tell it from others".into(),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page() {
        assert_eq!(
            resolve_relative("2022/01/27/a/index.html", "../../../../tags/x/index.html"),
            "/tags/x/index.html"
        );
        assert_eq!(resolve_relative("index.html", "style.css"), "/style.css");
    }
}
