//! One problem per cause. Check finds broken links on the rendered pages, but an article's
//! summary shows on the home, tag and archive pages and a theme's link on every page: what a
//! user must fix is one line, so each broken link is reported once, at the line that writes
//! it (the article's Markdown, else the theme template), with the pages it shows on.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::link_sources::{self, LinkSource};
use super::{Destination, Problem, Severity, destination, problem};

/// A broken link on one page.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The output file it is on (`tags/x/index.html`).
    pub page: String,
    /// The element (`a`, `img`…).
    pub tag: String,
    /// The `href` or `src` as on the page, unescaped.
    pub raw: String,
    /// The site path it goes to, with its `#fragment` (`/2024/01/b/#x`).
    pub target: String,
    pub kind: &'static str,
    /// For a broken anchor: the output file that lacks the id, and the id.
    pub missing_id: Option<(String, String)>,
}

/// An article and the output file of its own page.
pub struct ArticlePage {
    pub file: PathBuf,
    pub page: String,
}

/// Where links may be written.
pub struct Sources<'a> {
    pub articles: &'a [ArticlePage],
    /// The theme's template files and the site's own `templates/`.
    pub templates: Vec<PathBuf>,
    pub root: &'a Path,
    /// The site's base URL with a trailing slash.
    pub base: String,
}

/// A link written in an article, and the site path it goes to from the article's page.
struct Written {
    file: String,
    link: LinkSource,
    target: Option<String>,
}

/// Where a problem is reported: a file, with a line and column when known.
type Place = (String, Option<usize>, Option<usize>);

/// The template files of the site: the theme's, but those the site's own `templates/`
/// replaces, and the site's.
pub fn template_files(config: &crate::config::Config) -> Vec<PathBuf> {
    let Ok(theme) = crate::render::templates::theme_dir(config) else {
        return Vec::new();
    };
    let mut by_name = BTreeMap::new();
    for dir in [theme.join("templates"), config.root.join("templates")] {
        for entry in WalkDir::new(&dir).follow_links(true).into_iter().flatten() {
            if entry.file_type().is_file()
                && let Ok(name) = entry.path().strip_prefix(&dir)
            {
                by_name.insert(name.to_path_buf(), entry.path().to_path_buf());
            }
        }
    }
    by_name.into_values().collect()
}

/// The findings grouped by cause: one problem per line that writes a broken link.
pub fn problems(findings: Vec<Finding>, sources: &Sources) -> Vec<Problem> {
    if findings.is_empty() {
        // A clean site reads no file again.
        return Vec::new();
    }
    let written = written_links(sources);
    let templates: Vec<(String, String)> = sources
        .templates
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((shown(sources.root, path), text))
        })
        .collect();
    // Looked up by the site path a link goes to, and by the link as written (a relative link
    // in a summary goes elsewhere from a list page).
    let mut written_at: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut written_as: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, w) in written.iter().enumerate() {
        if let Some(target) = &w.target {
            written_at.entry(target).or_default().push(i);
        }
        written_as.entry(&w.link.target).or_default().push(i);
    }
    // A template's broken link is on every page: its template is searched once.
    let mut template_places: HashMap<(String, String), Option<Place>> = HashMap::new();
    let mut groups: BTreeMap<Cause, Seen> = BTreeMap::new();
    for finding in &findings {
        let cause = |place, what: &str| Cause {
            kind: finding.kind,
            place,
            what: what.to_string(),
            tag: finding.tag.clone(),
            id: finding.missing_id.as_ref().map(|(_, id)| id.clone()),
        };
        let by_target = written_at.get(finding.target.as_str()).into_iter();
        let by_raw = written_as.get(finding.raw.as_str()).into_iter();
        let matches: BTreeSet<usize> = by_target.chain(by_raw).flatten().copied().collect();
        let mut keys: Vec<Cause> = matches
            .into_iter()
            .map(|i| &written[i])
            .map(|w| {
                let place = (w.file.clone(), Some(w.link.line), Some(w.link.column));
                cause(Some(place), &w.link.target)
            })
            .collect();
        if keys.is_empty() {
            let place = template_places
                .entry((finding.target.clone(), finding.raw.clone()))
                .or_insert_with(|| in_templates(&templates, finding))
                .clone();
            keys.push(cause(place, &finding.target));
        }
        for key in keys {
            let seen = groups.entry(key).or_default();
            seen.pages.insert(finding.page.clone());
            seen.targets.insert(finding.target.clone());
            if let Some((file, _)) = &finding.missing_id {
                seen.without_id.insert(file.clone());
            }
        }
    }
    groups
        .into_iter()
        .map(|(cause, seen)| {
            let content_dir = sources.root.join("content");
            // Files are named as the user gave the site: `./content` is `content`.
            let content_dir = content_dir.strip_prefix(".").unwrap_or(&content_dir);
            let message = message(&cause, &seen, content_dir);
            let pages: Vec<String> = seen.pages.into_iter().collect();
            // Not written in any source we read: shown at the first page that has it.
            let (file, line, column) = cause
                .place
                .unwrap_or_else(|| (pages[0].clone(), None, None));
            Problem {
                line,
                column,
                pages,
                ..problem(Severity::Error, cause.kind, file, message)
            }
        })
        .collect()
}

/// One line that writes a broken link, and what is wrong with it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Cause {
    kind: &'static str,
    place: Option<Place>,
    /// The link as written there.
    what: String,
    tag: String,
    /// The id a broken anchor asks for.
    id: Option<String>,
}

/// Where the pages show a cause's link.
#[derive(Debug, Default)]
struct Seen {
    pages: BTreeSet<String>,
    /// The site paths it goes to from those pages (one, but for relative links).
    targets: BTreeSet<String>,
    /// For a broken anchor: the output files that lack the id.
    without_id: BTreeSet<String>,
}

/// What is wrong with a cause's link.
fn message(cause: &Cause, seen: &Seen, content_dir: &Path) -> String {
    let what = &cause.what;
    // In a page bundle, a relative reference names a file of the bundle's folder.
    let bundle = cause
        .place
        .as_ref()
        .and_then(|(file, _, _)| crate::content::bundle::folder_of(content_dir, Path::new(file)))
        .filter(|_| {
            crate::content::bundle::resolve(what, &[], "/")
                == crate::content::bundle::Target::Missing
        });
    if let Some(folder) = bundle {
        let name = what.split(['?', '#']).next().unwrap_or(what);
        let what = if cause.kind == "missing-image" {
            format!("image {what}")
        } else {
            format!("link to {what}")
        };
        return format!(
            "{what} is not in the site: there is no {} in the article's bundle folder",
            folder.join(name).display()
        );
    }
    if let Some(id) = &cause.id {
        let files: Vec<&str> = seen.without_id.iter().map(String::as_str).collect();
        return match files[..] {
            [file] => format!("link to {what}: {file} has no element with id `{id}`"),
            // The pages are in `--format json`.
            _ => format!(
                "link to {what}: none of the {} pages it goes to has an element with id `{id}`",
                files.len()
            ),
        };
    }
    if cause.kind == "missing-image" {
        let target = seen.targets.first().map_or("", String::as_str);
        let path = target.split('#').next().unwrap_or("");
        return format!("image {what} is not in the site: there is no static{path}");
    }
    if cause.tag == "a" {
        format!("link to {what} goes nowhere")
    } else {
        format!("<{}> {what} is not in the site", cause.tag)
    }
}

/// Every link written in the articles, read from their files again.
fn written_links(sources: &Sources) -> Vec<Written> {
    let mut written = Vec::new();
    for article in sources.articles {
        let Ok(text) = std::fs::read_to_string(&article.file) else {
            continue;
        };
        let file = article.file.display().to_string();
        for link in link_sources::in_file(&text) {
            let target = match destination(&article.page, &link.target, &sources.base) {
                Destination::Site { path, fragment } => {
                    Some(super::site_target(&path, fragment.as_deref()))
                }
                _ => None,
            };
            written.push(Written {
                file: file.clone(),
                link,
                target,
            });
        }
    }
    written
}

/// The first template line that writes the finding's link, as its site path or as on the page.
fn in_templates(templates: &[(String, String)], finding: &Finding) -> Option<Place> {
    let path = finding.target.as_str();
    for (file, text) in templates {
        for (i, line) in text.lines().enumerate() {
            let at = [path, finding.raw.as_str()]
                .iter()
                .filter(|needle| needle.len() > 1)
                .find_map(|needle| line.find(needle));
            if let Some(at) = at {
                let column = line[..at].chars().count() + 1;
                return Some((file.clone(), Some(i + 1), Some(column)));
            }
        }
    }
    None
}

/// A path as users see it: under the site's folder, relative to it.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
