//! Reading every `content/**/*.md` into Articles, in parallel, collecting every error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use rayon::prelude::*;
use walkdir::WalkDir;

use super::article::{Article, TagName};
use super::body::BodyStore;
use super::date::parse_date;
use super::front_matter::{self, KNOWN_KEYS};
use crate::cache::articles::{ArticleCache, FileStamp};
use crate::config::Config;
use crate::markdown;
use crate::text::{is_safe_url, slugify};

/// What loading found: the articles, and warnings to show (unknown keys and such).
pub struct Loaded {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// Per article, where it came from (for the build cache).
    pub origins: Vec<Origin>,
}

/// Where a loaded article came from: its file's bytes (by hash) and stamp, parsed now or
/// taken from the build cache as it was (`from_cache`), and the warnings parsing gave.
pub struct Origin {
    pub content_hash: u64,
    pub stamp: Option<FileStamp>,
    pub warnings: Vec<String>,
    pub from_cache: bool,
}

/// Every Markdown file under `content/`, sorted, as paths users can read (and open).
pub fn content_files(config: &Config) -> Result<Vec<PathBuf>> {
    let dir = config.content_dir();
    if !dir.is_dir() {
        return Err(anyhow!(
            "{}: no content folder: create it and put articles (*.md) in it",
            dir.display()
        ));
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| match e.loop_ancestor() {
            Some(ancestor) => anyhow!(
                "{}: symbolic link loop back to {}: remove the link",
                e.path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                ancestor.display()
            ),
            None => crate::files::walk_error(&dir, e),
        })?;
        if is_content_file(entry.path()) && crate::files::is_plain_file(&entry)? {
            files.push(entry.path().to_path_buf());
        }
    }
    Ok(files)
}

/// Tags one article may have. Every page that lists an article shows its tags, so a page of
/// thousands of tags makes every tag page huge (100,000 tags would write terabytes).
pub const MAX_TAGS: usize = 200;

/// The text without control characters (but tabs and line breaks) and non-characters: no
/// HTML page or XML feed may hold them, and a mirrored page sometimes does.
fn without_control_characters(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_hold_control_characters(text.as_bytes()) {
        return text.into();
    }
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().any(bad) {
        text.chars().filter(|c| !bad(*c)).collect::<String>().into()
    } else {
        text.into()
    }
}

/// False when a text surely has no control character (but tab and line breaks), U+FFFE or
/// U+FFFF: a byte scan, as decoding every character of every article is slow.
fn may_hold_control_characters(bytes: &[u8]) -> bool {
    // C0 controls and DEL are single bytes; C1 controls start with 0xC2; U+FFFE/F with 0xEF.
    // A fold of plain comparisons, not `any`: it runs on 16 bytes at a time.
    bytes.iter().fold(false, |seen, &b| {
        seen | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xEF)
    })
}

/// Whether a file is an article: `*.md`, not hidden (editors' temporary files are).
pub fn is_content_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".md") && !name.starts_with('.')
}

/// Loads every article, bodies in memory; all broken files are reported together.
pub fn load_all(config: &Config) -> Result<Loaded> {
    load_all_cached(config, None, &BodyStore::in_memory())
}

/// Loads every article, taking unchanged ones from the build cache when there is one and
/// keeping the bodies it makes in `bodies`.
pub fn load_all_cached(
    config: &Config,
    cache: Option<&ArticleCache>,
    bodies: &BodyStore,
) -> Result<Loaded> {
    let files = content_files(config)?;
    let results: Vec<_> = files
        .par_iter()
        .map(|f| {
            let started = std::time::Instant::now();
            let loaded = load_file_cached(config, f, cache).map(|(mut article, origin)| {
                bodies.place(&mut article.content_html);
                (article, origin)
            });
            crate::timing::add("load article", started);
            loaded
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut origins = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((article, origin)) => {
                articles.push(article);
                warnings.extend(origin.warnings.iter().cloned());
                origins.push(origin);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        let n = errors.len();
        let plural = if n == 1 {
            "file has an error"
        } else {
            "files have errors"
        };
        return Err(anyhow!(
            "{}\n{n} content {plural}; nothing was written",
            errors.join("\n")
        ));
    }
    Ok(Loaded {
        articles,
        warnings,
        origins,
    })
}

/// Reads and parses one file.
pub fn load_file(config: &Config, file: &Path) -> Result<(Article, Vec<String>), String> {
    load_file_cached(config, file, None).map(|(article, origin)| (article, origin.warnings))
}

/// Reads one file; parses it unless the cache has it with the same bytes.
fn load_file_cached(
    config: &Config,
    file: &Path,
    cache: Option<&ArticleCache>,
) -> Result<(Article, Origin), String> {
    let cannot_read = |e: std::io::Error| format!("{}: cannot read: {e}", file.display());
    let stamp = match cache {
        Some(_) => FileStamp::settled(&std::fs::metadata(file).map_err(cannot_read)?),
        None => None,
    };
    let hit = |entry: crate::cache::articles::Entry| {
        let origin = Origin {
            content_hash: entry.content_hash,
            stamp,
            // A file touched but not changed: the entry is right but its stamp is not.
            from_cache: entry.stamp == stamp,
            warnings: entry.warnings,
        };
        (entry.article, origin)
    };
    if let Some(entry) = cache.and_then(|c| c.take_by_stamp(file, stamp)) {
        return Ok(hit(entry));
    }
    let bytes = crate::files::read_regular(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let content_hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    if let Some(entry) = cache.and_then(|c| c.take(file, content_hash)) {
        return Ok(hit(entry));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!(
            "{}:{line}: the file is not UTF-8 text: save it with UTF-8 encoding",
            file.display()
        )
    })?;
    let (article, warnings) = parse_article(config, file, &text)?;
    let origin = Origin {
        content_hash,
        stamp,
        warnings,
        from_cache: false,
    };
    Ok((article, origin))
}

/// Turns the text of a content file into an Article.
pub fn parse_article(
    config: &Config,
    file: &Path,
    text: &str,
) -> Result<(Article, Vec<String>), String> {
    let cleaned = without_control_characters(text);
    let text = cleaned.as_ref();
    let name = file.display();
    let at = |line: usize, msg: String| {
        // Parser messages start with their column: "7: invalid YAML front matter: ...".
        let has_column = msg
            .split_once(": invalid ")
            .is_some_and(|(col, _)| !col.is_empty() && col.chars().all(|c| c.is_ascii_digit()));
        if has_column {
            format!("{name}:{line}:{msg}")
        } else {
            format!("{name}:{line}: {msg}")
        }
    };
    let split = front_matter::split(text).map_err(|(line, msg)| at(line, msg))?;
    let parsed = front_matter::parse(&split).map_err(|(line, msg)| at(line, msg))?;
    let mut warnings: Vec<String> = parsed
        .unknown_keys
        .iter()
        .map(|key| {
            format!(
                "{name}:{}: unknown front matter key `{key}` is ignored (known keys: {}; free-form data goes under `extra`)",
                front_matter::key_line(&split, key),
                KNOWN_KEYS.join(", ")
            )
        })
        .collect();
    let fm = parsed.front_matter;
    let field_error = |key: &str, msg: String| at(front_matter::key_line(&split, key), msg);

    let title = fm.title.trim().to_string();
    if title.is_empty() {
        return Err(field_error(
            "title",
            "`title` is empty: give the article a title".into(),
        ));
    }
    let date = parse_date(&fm.date.0, config.timezone)
        .map_err(|m| field_error("date", format!("date: {m}")))?;
    let updated = match &fm.updated {
        Some(d) => Some(
            parse_date(&d.0, config.timezone)
                .map_err(|m| field_error("updated", format!("updated: {m}")))?,
        ),
        None => None,
    };
    let slug_source = match &fm.slug {
        Some(s) => s.clone(),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let slug = slugify(&slug_source);
    if slug.is_empty() {
        return Err(field_error(
            "slug",
            format!(
                "cannot make a URL slug from `{slug_source}`: set `slug:` to letters, digits and dashes"
            ),
        ));
    }
    let mut authors: Vec<String> = fm.author.map(|a| a.into_vec()).unwrap_or_default();
    authors.extend(fm.authors.unwrap_or_default());
    authors.retain(|a| !a.trim().is_empty());

    let tag_names = fm.tags.map(|t| t.into_vec()).unwrap_or_default();
    if tag_names.len() > MAX_TAGS {
        return Err(field_error(
            "tags",
            format!(
                "{} tags; an article may have at most {MAX_TAGS} (every tag page lists all of an article's tags): keep the ones readers will follow",
                tag_names.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    for name in tag_names {
        let name = name.trim().to_string();
        let slug = slugify(&name);
        if slug.is_empty() {
            return Err(field_error(
                "tags",
                format!("tag `{name}` has no letters or digits: remove it or rename it"),
            ));
        }
        if seen.insert(slug.clone()) {
            tags.push(TagName { name, slug });
        }
    }
    if let Some(source) = &fm.source
        && !(source.starts_with("http://") || source.starts_with("https://"))
    {
        return Err(field_error(
            "source",
            format!(
                "`source` must be the original article's URL starting with http:// or https:// (got `{source}`)"
            ),
        ));
    }
    if let Some(image) = &fm.image
        && !(is_safe_url(image) && !image.starts_with("mailto:") && !image.starts_with("tel:"))
    {
        return Err(field_error(
            "image",
            format!(
                "`image` must be an http(s) URL or a site path such as /images/a.jpg (got `{image}`)"
            ),
        ));
    }

    let given_summary = fm
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let words = crate::embeds::EmbedWords::from_strings(&config.strings);
    let rendered = markdown::render_in(split.body, &words, given_summary.is_none());
    // Raw HTML the sanitizer removed: said once per kind of element, at its line.
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    for (line, element) in &rendered.removed {
        warnings.push(format!(
            "{name}:{}: <{element}> removed: it could load or run something from another site in readers' browsers (videos from YouTube and Vimeo become links by themselves; write other content as text or a link)",
            body_line + line - 1
        ));
    }
    let (summary_html, description) = match given_summary {
        Some(s) => (markdown::summary_from_text(s), s.to_string()),
        None => (rendered.summary_html.clone(), rendered.summary_text.clone()),
    };
    let path = crate::urls::permalink(&config.permalink, &date, &slug);
    let article = Article {
        file: file.to_path_buf(),
        structure_hash: super::article::structure_hash(&path, &date, &tags),
        title,
        slug,
        path,
        lastmod: updated.unwrap_or(date).to_rfc3339(),
        date,
        updated,
        authors,
        tags,
        summary_html,
        description,
        reading_time: rendered.reading_time(),
        word_count: rendered.word_count,
        content_html: super::BodyHtml::new(rendered.html),
        toc: rendered.toc,
        source: fm.source,
        source_name: fm.source_name.filter(|s| !s.trim().is_empty()),
        image: fm.image,
        image_caption: fm.image_caption.filter(|s| !s.trim().is_empty()),
        extra: fm.extra.into_iter().collect(),
        draft: fm.draft,
    };
    Ok((article, warnings))
}

#[cfg(test)]
mod tests {
    use super::without_control_characters;

    #[test]
    fn drops_control_characters_only() {
        let text = "a\u{0}b\tc\n\u{7f}d\u{85}e\u{a0}f\u{fffe}g\u{ffff}h\u{fffd}é\r\n";
        assert_eq!(
            without_control_characters(text),
            "ab\tc\nde\u{a0}fgh\u{fffd}é\r\n"
        );
        // Plain text is passed through without a copy.
        assert!(matches!(
            without_control_characters("kata · kata"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
