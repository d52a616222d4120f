//! Reading every `content/**/*.md` into Articles, in parallel, collecting every error.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Result, anyhow};
use rayon::prelude::*;
use walkdir::WalkDir;

use super::article::{Article, ArticleExtras, TagName};
use super::body::BodyStore;
use super::bundle;
use super::date::parse_date;
use super::error::{ContentError, ContentErrors};
use super::fields::{KNOWN_KEYS, OneOrMany};
use super::front_matter;
use super::interned;
use super::remote_images::{self, RemoteImages};
use super::tags::{MAX_SEGMENT, shortened};
use crate::config::Config;
use crate::markdown;
use crate::text::{clean, is_safe_url, slugify};

/// What loading found: the articles, the broken files, and warnings to show (unknown keys
/// and such).
pub struct Loaded {
    /// Shared from the start: a million articles' records are made once, not copied from
    /// one list to another (each copy the size of all of them).
    pub articles: Vec<Arc<Article>>,
    /// Every problem of every file that could not be loaded (and of folder entries that
    /// could not be read), in file order. Callers must not publish a site that has any.
    pub errors: Vec<ContentError>,
    pub warnings: Vec<String>,
}

/// The Markdown files under `content/`, sorted, as paths users can read (and open), and the
/// entries that could not be listed (a symbolic link loop, a broken link, an unreadable
/// folder, a named pipe): each is one error, and the listing goes on past it.
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub errors: Vec<ContentError>,
}

/// Lists `content/`. Fails only when there is no content folder at all.
pub fn list_content(config: &Config) -> Result<Listing> {
    let dir = config.content_dir();
    if !dir.is_dir() {
        return Err(anyhow!(
            "{}: no content folder: create it and put articles (*.md) in it",
            dir.display()
        ));
    }
    Ok(list_folder(&dir))
}

/// The Markdown files under `dir` (a folder of `content/`), as [`list_content`] lists them.
pub fn list_folder(dir: &Path) -> Listing {
    let mut listing = Listing {
        files: Vec::new(),
        errors: Vec::new(),
    };
    // Siblings by name. Their paths share all but the name, so comparing whole paths as
    // bytes orders them as their names do, without `file_name` parsing each path again in
    // every comparison (a few percent of a one-edit build of a large site).
    let by_name = |a: &walkdir::DirEntry, b: &walkdir::DirEntry| {
        a.path()
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path().as_os_str().as_encoded_bytes())
    };
    for entry in WalkDir::new(dir).follow_links(true).sort_by(by_name) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!(
                        "symbolic link loop back to {}: remove the link",
                        ancestor.display()
                    ),
                    None => crate::files::walk_failure(&e),
                };
                listing.errors.push(ContentError::in_file(&path, message));
                continue;
            }
        };
        if !is_listed_content_file(&entry) {
            continue;
        }
        match crate::files::is_plain_file(&entry) {
            Ok(true) => listing.files.push(entry.path().to_path_buf()),
            Ok(false) => {}
            Err(e) => listing.errors.push(ContentError::in_file(entry.path(), e)),
        }
    }
    listing
}

/// Every Markdown file under `content/`, sorted; fails, naming every entry, if any cannot be
/// listed (see [`list_content`]).
pub fn content_files(config: &Config) -> Result<Vec<PathBuf>> {
    let listing = list_content(config)?;
    if listing.errors.is_empty() {
        Ok(listing.files)
    } else {
        let lines: Vec<String> = listing.errors.iter().map(ToString::to_string).collect();
        Err(anyhow!("{}", lines.join("\n")))
    }
}

/// [`is_content_file`] of an entry [`list_folder`] listed, read off the bytes after the
/// last `/` of its path (its folder's path joined with its name): no parse of the path and
/// no copy of the name, for every file under content/ (a photo site has one a photo).
fn is_listed_content_file(entry: &walkdir::DirEntry) -> bool {
    let path = entry.path().as_os_str().as_encoded_bytes();
    let name = path.rsplit(|&b| b == b'/').next().unwrap_or(path);
    name.ends_with(b".md") && !name.starts_with(b".")
}

/// Tags one article may have. Every page that lists an article shows its tags, so a page of
/// thousands of tags makes every tag page huge (100,000 tags would write terabytes).
pub const MAX_TAGS: usize = 200;

/// Whether a file is an article: `*.md`, not hidden (editors' temporary files are).
pub fn is_content_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".md") && !name.starts_with('.')
}

/// Loads every article, bodies in memory; the broken files are in [`Loaded::errors`], all
/// of them.
pub fn load_all(config: &Config) -> Result<Loaded> {
    let (loaded, _) = load_each(config, &BodyStore::in_memory(), |file| {
        load_file(config, file).map(|(article, warnings)| (article, warnings, ()))
    })?;
    Ok(loaded)
}

/// Loads every listed article with `load`, in parallel, keeping the bodies it makes in
/// `bodies` and collecting every error. `load` gives an article, its warnings, and what the
/// caller keeps beside each article (the build cache: where it came from), returned in the
/// articles' order.
pub fn load_each<T: Send>(
    config: &Config,
    bodies: &BodyStore,
    load: impl Fn(&Path) -> Result<(Article, Vec<String>, T), ContentErrors> + Sync,
) -> Result<(Loaded, Vec<T>)> {
    let listing = list_content(config)?;
    Ok(load_listed(listing, bodies, |_, file| load(file)))
}

/// [`load_each`] of the files `listing` holds; `load` is given each file's place in
/// `listing.files` too.
pub fn load_listed<T: Send>(
    listing: Listing,
    bodies: &BodyStore,
    load: impl Fn(usize, &Path) -> Result<(Article, Vec<String>, T), ContentErrors> + Sync,
) -> (Loaded, Vec<T>) {
    let Listing { files, mut errors } = listing;
    let results: Vec<_> = files
        .par_iter()
        .enumerate()
        .map(|(n, f)| {
            let started = std::time::Instant::now();
            let loaded = load(n, f).map(|(mut article, warnings, kept)| {
                bodies.place(&mut article.content_html);
                (Arc::new(article), warnings, kept)
            });
            crate::timing::add("load article", started);
            loaded
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut kept = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    for result in results {
        match result {
            Ok((article, article_warnings, beside)) => {
                articles.push(article);
                warnings.extend(article_warnings);
                kept.push(beside);
            }
            Err(e) => errors.extend(e.0),
        }
    }
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    let loaded = Loaded {
        articles,
        errors,
        warnings,
    };
    (loaded, kept)
}

/// Reads and parses one file.
pub fn load_file(config: &Config, file: &Path) -> Result<(Article, Vec<String>), ContentErrors> {
    parse_bytes(config, file, read_file(file)?)
}

/// The bytes of a content file.
pub fn read_file(file: &Path) -> Result<Vec<u8>, ContentErrors> {
    crate::files::read_regular(file).map_err(|e| ContentError::in_file(file, e).into())
}

/// Parses the bytes of a content file, which must be UTF-8 text.
pub fn parse_bytes(
    config: &Config,
    file: &Path,
    bytes: Vec<u8>,
) -> Result<(Article, Vec<String>), ContentErrors> {
    parse_bytes_reusing(config, file, bytes, &[])
}

/// [`parse_bytes`] of a file whose last parse made `prepared` of its bundle's photos: those
/// whose file is still the same are taken as they are (an edit of the text reads no photo).
pub fn parse_bytes_reusing(
    config: &Config,
    file: &Path,
    bytes: Vec<u8>,
    prepared: &[crate::images::Image],
) -> Result<(Article, Vec<String>), ContentErrors> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ContentError::at_line(
            file,
            line,
            "the file is not UTF-8 text: save it with UTF-8 encoding",
        )
    })?;
    parse_article_reusing(config, file, &text, prepared)
}

/// Turns the text of a content file into an Article. Every problem of the file is reported,
/// not only the first.
pub fn parse_article(
    config: &Config,
    file: &Path,
    text: &str,
) -> Result<(Article, Vec<String>), ContentErrors> {
    parse_article_reusing(config, file, text, &[])
}

/// [`parse_article`], taking the photos of `prepared` still the same (see
/// [`parse_bytes_reusing`]).
fn parse_article_reusing(
    config: &Config,
    file: &Path,
    text: &str,
    prepared: &[crate::images::Image],
) -> Result<(Article, Vec<String>), ContentErrors> {
    let cleaned = crate::text::without_forbidden_chars(text);
    let text = cleaned.as_ref();
    let one = |(line, msg): (usize, String)| ContentError::from_parser(file, line, msg);
    let split = front_matter::split(text).map_err(one)?;
    let parsed = front_matter::parse(&split).map_err(one)?;
    let name = file.display();
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
    let mut problems = Problems {
        file,
        split: &split,
        errors: Vec::new(),
    };

    let title = clean(fm.title).trim().to_string();
    if title.is_empty() {
        problems.add("title", "`title` is empty: give the article a title".into());
    }
    let date = parse_date(&fm.date.0, config.timezone)
        .map_err(|e| problems.add("date", e.message("date", &fm.date.0)))
        .ok();
    let updated = fm.updated.as_ref().and_then(|d| {
        parse_date(&d.0, config.timezone)
            .map_err(|e| problems.add("updated", e.message("updated", &d.0)))
            .ok()
    });
    let bundle_folder = bundle::folder_of(&config.content_dir(), file);
    let slug_source = match (&fm.slug, &bundle_folder) {
        (Some(s), _) => clean(s.clone()),
        // A bundle is named by its folder, not by `index`.
        (None, Some(folder)) => folder
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        (None, None) => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let slug = slugify(&slug_source);
    if slug.is_empty() {
        problems.add(
            "slug",
            format!(
                "cannot make a URL slug from `{slug_source}`: set `slug:` to letters, digits and dashes"
            ),
        );
    }
    let path = date.map(|date| crate::urls::permalink(&config.permalink, &date, &slug));
    // The longest segment of the permalink (of the slug alone while the date is broken).
    let longest = match &path {
        Some(path) => path.split('/').map(str::len).max().unwrap_or(0),
        None => slug.len(),
    };
    if longest > MAX_SEGMENT {
        let (what, fix) = match fm.slug {
            Some(_) => ("slug", "set a shorter `slug`"),
            None => ("the file name", "add a shorter `slug:` or rename the file"),
        };
        let message = format!(
            "{what} {:?} makes a URL segment of {longest} bytes; the limit is {MAX_SEGMENT}: {fix}",
            shortened(&slug_source)
        );
        match fm.slug {
            Some(_) => problems.add("slug", message),
            // Not on any line: the file's name is the slug.
            None => problems.errors.push(ContentError::in_file(file, message)),
        }
    }
    let mut bylines = Vec::new();
    for (key, value) in [("author", fm.author), ("authors", fm.authors)] {
        match value.map(OneOrMany::into_vec) {
            None => {}
            Some(Some(names)) => bylines.extend(names.into_iter().map(clean)),
            Some(None) => problems.add(
                key,
                format!("{key} must be a name or a list of names, such as {key}: [Ani, Budi]"),
            ),
        }
    }
    let authors: Box<[Arc<str>]> = super::authors::split_names(bylines.iter().map(String::as_str))
        .iter()
        .map(|n| interned::name(n))
        .collect();
    let category = fm
        .category
        .map(|c| clean(c).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .map(|c| interned::name(&c));
    let tags = match fm.tags.map(OneOrMany::into_vec) {
        None => Box::default(),
        Some(Some(names)) => tags(config, names, &mut problems),
        Some(None) => {
            problems.add(
                "tags",
                "tags must be a list of strings, such as tags: [Ekonomi, \"Pemilu 2024\"]".into(),
            );
            Box::default()
        }
    };
    let source = fm.source.map(clean);
    if let Some(source) = &source
        && !(source.starts_with("http://") || source.starts_with("https://"))
    {
        problems.add(
            "source",
            format!(
                "`source` must be the original article's URL starting with http:// or https:// (got `{source}`)"
            ),
        );
    }
    let id = fm.id.map(clean).filter(|s| !s.trim().is_empty());
    if let Some(id) = &id
        && !is_entry_id(id)
    {
        problems.add(
            "id",
            format!(
                "`id` must be a URI that never changes, such as tag:example.org,2022-01-27:slug (got `{id}`)"
            ),
        );
    }
    let bundle_files = bundle_folder
        .as_deref()
        .map(bundle::files)
        .unwrap_or_default();
    let bundle_site_folder = path.as_deref().map(bundle::site_folder);
    if let (Some(folder), Some(site_folder), Some(path)) =
        (&bundle_folder, &bundle_site_folder, &path)
        && let Some(page) = bundle_files
            .iter()
            .find(|f| bundle::output_file(site_folder, f) == crate::urls::output_file(path))
    {
        problems.errors.push(ContentError::in_file(
            file,
            format!(
                "the bundle file {} would replace the article's page: rename it",
                folder.join(page).display()
            ),
        ));
    }
    let mut image = fm.image.map(clean);
    if let (Some(folder), Some(site_folder), Some(given)) =
        (&bundle_folder, &bundle_site_folder, image.as_deref())
    {
        match bundle::resolve(given, &bundle_files, site_folder) {
            bundle::Target::Elsewhere => {}
            bundle::Target::File(site_path) => image = Some(site_path),
            bundle::Target::Missing => problems.add(
                "image",
                format!(
                    "`image: {given}` names no file in the bundle folder {}: add the file there or correct the name",
                    folder.display()
                ),
            ),
        }
    }
    if let Some(image) = &image
        && !(is_safe_url(image) && !image.starts_with("mailto:") && !image.starts_with("tel:"))
    {
        problems.add(
            "image",
            format!(
                "`image` must be an http(s) URL or a site path such as /images/a.jpg (got `{image}`)"
            ),
        );
    }
    let (Some(date), Some(path), true) = (date, path, problems.errors.is_empty()) else {
        problems.errors.sort_by_key(|e| e.line);
        return Err(ContentErrors(problems.errors));
    };

    let given_summary = fm.summary.map(clean);
    let given_summary = given_summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let words = crate::embeds::EmbedWords::from_strings(&config.strings);
    let mut rendered = markdown::render_in(split.body, &words, given_summary.is_none());
    // Raw HTML the sanitizer removed: said once per kind of element, at its line.
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    let mut images = Vec::new();
    if let (Some(folder), Some(site_folder)) = (&bundle_folder, &bundle_site_folder) {
        let (html, missing) = bundle::rewrite_html(&rendered.html, &bundle_files, site_folder);
        let cache_dir = crate::cache::dir(&config.root);
        let responsive = crate::images::responsive_bundle(
            &crate::images::Bundle {
                settings: &config.images,
                cache_dir: &cache_dir,
                folder,
                files: &bundle_files,
                prepared,
            },
            site_folder,
            &html,
            &mut warnings,
        );
        // A lead image no page can show (broken, hostile) is left out, as in the body.
        if image.as_deref().is_some_and(|lead| {
            lead.strip_prefix(site_folder.as_str())
                .is_some_and(|name| responsive.unshown.contains(&name))
        }) {
            image = None;
        }
        (rendered.html, images) = (responsive.html, responsive.images);
        rendered.summary_html =
            bundle::rewrite_html(&rendered.summary_html, &bundle_files, site_folder).0;
        for reference in missing {
            // The first line that writes it; the body's first line if it is written escaped.
            let line = split
                .body
                .find(reference.as_str())
                .map_or(0, |at| split.body[..at].matches('\n').count());
            warnings.push(format!(
                "{name}:{}: `{reference}` {} {}: add the file there or correct the reference",
                body_line + line,
                bundle::MISSING_FILE,
                folder.display()
            ));
        }
    }
    // Images of `static/` it shows get sizes and variants like those of a bundle.
    let shown = crate::images::static_images::shown_by(
        config,
        &rendered.html,
        image.as_deref(),
        bundle_site_folder.as_deref(),
        &mut warnings,
    );
    if !shown.is_empty() {
        rendered.html = crate::images::markup::responsive_html(
            &rendered.html,
            &shown,
            &bundle::site_folder(&path),
            &config.images.sizes,
        );
        images.extend(shown);
    }
    let (image, remote_image) = match image {
        Some(address)
            if config.remote_images == RemoteImages::Link && remote_images::is_remote(&address) =>
        {
            (None, Some(address))
        }
        image => (image, None),
    };
    if config.remote_images == RemoteImages::Link {
        let words = crate::text::escape_html(config.strings.get("remote_photo"));
        for html in [&mut rendered.html, &mut rendered.summary_html] {
            if let Cow::Owned(mut linked) = remote_images::links_in_place_of_images(html, &words) {
                linked.shrink_to_fit();
                *html = linked;
            }
        }
    }
    for (line, element) in &rendered.removed {
        warnings.push(format!(
            "{name}:{}: <{element}> removed: it could load or run something from another site in readers' browsers (videos from YouTube and Vimeo become links by themselves; write other content as text or a link)",
            body_line + line - 1
        ));
    }
    let (summary_html, description) = match given_summary {
        Some(s) => (markdown::summary_from_text(s), s.to_string()),
        None => (
            // Shown away from the article (lists, feeds): its `#part` links lead to it.
            markdown::fragment_links_to(&rendered.summary_html, &path).into_owned(),
            rendered.summary_text.clone(),
        ),
    };
    let source_name = fm
        .source_name
        .map(clean)
        .filter(|s| !s.trim().is_empty())
        .map(|s| interned::name(&s));
    let extra: serde_json::Map<String, serde_json::Value> = fm
        .extra
        .into_iter()
        .map(|(k, v)| (clean(k), clean_json(v)))
        .collect();
    let lead_image = super::article::lead_image_of(&path, image.as_deref(), &images);
    let mut article = Article {
        file: file.to_path_buf(),
        signatures: Default::default(),
        structure_hash: super::article::structure_hash(super::article::Placing {
            path: &path,
            date: &date,
            tags: &tags,
            authors: &authors,
            source: source.as_deref(),
            source_name: source_name.as_deref(),
            category: category.as_deref(),
            extra: &extra,
        }),
        title: title.into(),
        slug: slug.into(),
        path: path.into(),
        date,
        authors,
        tags,
        summary_html: summary_html.into(),
        description: description.into(),
        // Past 4 billion words the count says "at least".
        reading_time: u32::try_from(rendered.reading_time()).unwrap_or(u32::MAX),
        word_count: u32::try_from(rendered.word_count).unwrap_or(u32::MAX),
        has_code: rendered.has_code,
        content_html: super::BodyHtml::new(rendered.html),
        toc: rendered.toc.into(),
        source: source.map(String::into_boxed_str),
        source_name,
        category,
        image: image.map(String::into_boxed_str),
        draft: fm.draft,
        extras: ArticleExtras {
            updated,
            remote_image,
            image_caption: fm.image_caption.map(clean).filter(|s| !s.trim().is_empty()),
            id,
            extra,
            bundle: bundle_files,
            lead_image,
            images,
        }
        .boxed(),
    };
    article.signatures = super::signatures::Signatures::of(&article);
    Ok((article, warnings))
}

/// Whether a text can be a feed entry's id: a URI (a scheme such as `tag:`, `urn:` or
/// `https:` then more), with no spaces, quotes or angle brackets.
fn is_entry_id(id: &str) -> bool {
    let Some((scheme, rest)) = id.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.chars();
    scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !id
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>'))
}

/// The problems found in one file so far, each on the line of the key it is about.
struct Problems<'a> {
    file: &'a Path,
    split: &'a front_matter::Split<'a>,
    errors: Vec<ContentError>,
}

impl Problems<'_> {
    fn add(&mut self, key: &str, message: String) {
        let line = front_matter::key_line(self.split, key);
        self.errors
            .push(ContentError::at_line(self.file, line, message));
    }
}

/// An article's tags, each once (by slug), every unusable one reported.
fn tags(config: &Config, names: Vec<String>, problems: &mut Problems) -> Box<[Arc<TagName>]> {
    if names.len() > MAX_TAGS {
        problems.add(
            "tags",
            format!(
                "{} tags; an article may have at most {MAX_TAGS} (every tag page lists all of an article's tags): keep the ones readers will follow",
                names.len()
            ),
        );
        return Box::default();
    }
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    for name in names {
        let name = clean(name).trim().to_string();
        let slug = super::tags::slug_of(&name, &config.tags.slugs);
        if slug.is_empty() {
            problems.add(
                "tags",
                format!("tag `{name}` has no letters or digits: remove it or rename it"),
            );
        } else if slug.len() > MAX_SEGMENT {
            problems.add(
                "tags",
                format!(
                    "tag {:?} makes a URL segment of {} bytes; the limit is {MAX_SEGMENT}: shorten it, or give it a shorter slug under [tag_slugs] in site.toml",
                    shortened(&name),
                    slug.len()
                ),
            );
        } else if seen.insert(slug.clone()) {
            tags.push(interned::tag(TagName { name, slug }));
        }
    }
    tags.into()
}

/// Free-form front matter data with every string cleaned like the rest of the article.
fn clean_json(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(clean(s)),
        Value::Array(items) => Value::Array(items.into_iter().map(clean_json).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (clean(k), clean_json(v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder holding `files` (each with one byte), its listing, and the listed files'
    /// paths relative to it.
    fn listing_of(files: &[&str]) -> (tempfile::TempDir, Listing, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let listing = list_folder(dir.path());
        let names = listing
            .files
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        (dir, listing, names)
    }

    /// Folder by folder, each folder's entries in the byte order of their names: `a/` and
    /// `a-b/` with what they hold come before `a.md`, although `a/z.md` sorts after `a.md`
    /// as a whole path.
    #[test]
    fn the_listing_goes_folder_by_folder_in_the_byte_order_of_names() {
        let (_dir, listing, names) = listing_of(&[
            "b.md", "a0.md", "a.md", "a-b/x.md", "a/z.md", "a/y.md", "B.md",
        ]);
        assert_eq!(
            names,
            [
                "B.md", "a/y.md", "a/z.md", "a-b/x.md", "a.md", "a0.md", "b.md"
            ]
        );
        assert!(listing.errors.is_empty());
    }

    /// Only Markdown files are articles: not hidden ones (an editor's `.a.md.swp` or
    /// `.draft.md`), not a bundle's photos, not a folder named like an article.
    #[test]
    fn the_listing_keeps_markdown_files_only() {
        let (_dir, listing, names) = listing_of(&[
            "a.md",
            ".hidden.md",
            ".a.md.swp",
            "b/index.md",
            "b/foto.jpg",
            "b/.x.md",
            "c.md/d.md",
            "notes.mdx",
            "e.MD",
        ]);
        assert_eq!(names, ["a.md", "b/index.md", "c.md/d.md"]);
        for name in &names {
            assert!(is_content_file(Path::new(name)), "{name}");
        }
        assert!(listing.errors.is_empty());
    }
}
