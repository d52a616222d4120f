//! The raster images of `static/` (the site's and its theme's): published without camera
//! data under their own names, and, when an article shows one (`![](/images/a.jpg)`,
//! `image: /images/a.jpg`), with the variants and sizes a bundle's photo gets. They are
//! made like a bundle's photos (`super::made_image`), so the article that shows one and the
//! static copy that publishes it agree on every name and byte.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use super::static_rel;
use super::{Home, Image, cache};
use crate::cache::FileStamp;
use crate::config::Config;
use crate::content::Article;

/// The `static/` folders of a site, the site's own first (its files replace the theme's).
pub fn folders(config: &Config) -> Vec<PathBuf> {
    let mut dirs = vec![config.root.join("static")];
    if let Ok(theme) = crate::render::templates::theme_dir(config) {
        dirs.push(theme.join("static"));
    }
    dirs
}

/// A hash of which raster images `static/` holds, and in which static folder: an article
/// read before one was added (or before the site's replaced the theme's) is read again.
pub fn listing_hash(config: &Config) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for (at, dir) in folders(config).iter().enumerate() {
        // A folder that cannot be listed is reported by the static copy.
        for (rel, _) in crate::files::files_under(dir).unwrap_or_default() {
            if super::Format::of_name(&rel).is_some() {
                (at, rel).hash(&mut h);
            }
        }
    }
    h.finish()
}

/// The names of the files in the folder `rel_folder` (`images`, or empty for the top) of
/// the static folders `dirs`, sorted: the files an image's variants must not be named like.
pub fn siblings(dirs: &[PathBuf], rel_folder: &str) -> Vec<String> {
    let mut names = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir.join(rel_folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            if std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The static image at `rel` (`images/a.jpg`) in the folder `dir` of `dirs`, prepared as
/// published in the site folder of `rel` (its variants made or taken from the image cache);
/// None when it cannot be read as an image: a problem with the file itself goes to
/// `file_warnings`, one with its pixels (found only by decoding them) to `warnings`.
fn prepare(
    config: &Config,
    dirs: &[PathBuf],
    dir: &Path,
    rel: &str,
    file_warnings: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Option<Image> {
    let (rel_folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let folder = dir.join(rel_folder);
    let path = folder.join(name);
    let cache_dir = crate::cache::dir(&config.root);
    let stamp = super::stamp_of(&path, || super::is_inside_the_site(&folder, &cache_dir));
    let (bytes, probed) = super::read_probed(&path, &config.images, file_warnings)?;
    let siblings = siblings(dirs, rel_folder);
    let image = super::made_image(
        name,
        &path,
        &bytes,
        &probed,
        &siblings,
        &config.images,
        &cache_dir,
        warnings,
    )?;
    let site_folder = match rel_folder {
        "" => "/".to_string(),
        rel_folder => format!("/{}/", super::markup::escape_path(rel_folder)),
    };
    Some(Image {
        stamp,
        home: Some(Home {
            dir: folder,
            site_folder,
        }),
        ..image
    })
}

/// The static image an article's site path (`/images/a%20b.jpg?x#y`) names, prepared, if
/// it names a raster image of `static/` that can be read. What is wrong with the file is
/// said by the static copy, once ([`published_original`]); pixels that cannot be decoded
/// (which only making its variants finds) are said in `warnings`.
pub fn for_article(config: &Config, site_path: &str, warnings: &mut Vec<String>) -> Option<Image> {
    let rel = static_rel(site_path)?;
    super::Format::of_name(&rel)?;
    let dirs = folders(config);
    let dir = dirs.iter().find(|dir| dir.join(&rel).is_file())?;
    let key = memo_key(config, &dirs, dir, &rel);
    if let Some(image) = key
        .as_ref()
        .and_then(|key| PREPARED.lock().ok()?.get(key).cloned())
    {
        return Some(image);
    }
    let image = prepare(config, &dirs, dir, &rel, &mut Vec::new(), warnings)?;
    if let (Some(key), Ok(mut prepared)) = (key, PREPARED.lock()) {
        prepared.insert(key, image.clone());
    }
    Some(image)
}

/// What a prepared static image depends on: its file (by path and stamp), the folders
/// whose files its variants' names avoid (by their stamps: adding or removing a file
/// changes them) and the `[images]` settings.
type MemoKey = (PathBuf, FileStamp, Vec<Option<FileStamp>>, u64);

/// The static images this process prepared for articles: many articles show the same
/// banner or map, and reading the file and hashing its bytes for each would cost a
/// build without the article cache a read of the photo per article.
static PREPARED: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<MemoKey, Image>>> =
    std::sync::LazyLock::new(Default::default);

/// The key of the static image `rel` of `dir`, or None while the file or a folder changed
/// too recently to be told from a later change (then it is prepared each time).
fn memo_key(config: &Config, dirs: &[PathBuf], dir: &Path, rel: &str) -> Option<MemoKey> {
    use std::hash::{Hash, Hasher};
    let path = dir.join(rel);
    let stamp = FileStamp::settled(&std::fs::symlink_metadata(&path).ok()?)?;
    let rel_folder = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut folders = Vec::with_capacity(dirs.len());
    for folder in dirs.iter().map(|d| d.join(rel_folder)) {
        folders.push(match std::fs::metadata(folder) {
            Ok(meta) => Some(FileStamp::settled(&meta)?),
            Err(_) => None,
        });
    }
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (&config.images, &config.root).hash(&mut h);
    Some((path, stamp, folders, h.finish()))
}

/// The images of `static/` an article shows: those its HTML's `<img>`s name (but those of
/// its own bundle, published in `bundle_folder`) and its lead image `lead`, each once.
pub fn shown_by(
    config: &Config,
    html: &str,
    lead: Option<&str>,
    bundle_folder: Option<&str>,
    warnings: &mut Vec<String>,
) -> Vec<Image> {
    let mut paths: Vec<&str> = super::markup::img_sources(html)
        .into_iter()
        .chain(lead)
        .filter(|p| p.starts_with('/') && !bundle_folder.is_some_and(|f| p.starts_with(f)))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let mut images: Vec<Image> = Vec::new();
    for image in paths
        .into_iter()
        .filter_map(|path| for_article(config, path, warnings))
    {
        // `/images/a.jpg` and `/images/a.jpg?v=2` are one image.
        if !images
            .iter()
            .any(|i| (&i.home, &i.name) == (&image.home, &image.name))
        {
            images.push(image);
        }
    }
    images
}

/// The bytes of the static file `rel` (in the static folder `dir` of `dirs`) as
/// published: for a raster image, the original without its camera data (what the pages'
/// `srcset`s offer under its name); None for another file, or one that cannot be read as an
/// image (said in `warnings`), which is copied as it is. Only an image to be turned by its
/// EXIF orientation is decoded (and kept in the image cache); the others are published from
/// their own bytes, with no look at the cache.
pub fn published_original(
    config: &Config,
    dirs: &[PathBuf],
    dir: &Path,
    rel: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Vec<u8>>> {
    if super::Format::of_name(rel).is_none() {
        return Ok(None);
    }
    let path = dir.join(rel);
    let Some((bytes, probed)) = super::read_probed(&path, &config.images, warnings) else {
        return Ok(None);
    };
    match super::variants::published_as_stored(&bytes, &probed) {
        Ok(Some(original)) => return Ok(Some(original)),
        Ok(None) => {}
        Err(problem) => {
            warnings.push(format!(
                "{} cannot be read as an image ({problem}): copied as it is, without sizes or variants",
                path.display()
            ));
            return Ok(None);
        }
    }
    if !config.images.encode {
        // Only checked (`cermin check`): nothing is encoded, the file is there as it is.
        return Ok(None);
    }
    match prepare(config, dirs, dir, rel, &mut Vec::new(), warnings) {
        Some(image) => cached(config, &image, 0).map(Some),
        None => Ok(None),
    }
}

/// The bytes of an image's output `at` from the image cache.
fn cached(config: &Config, image: &Image, at: usize) -> Result<Vec<u8>> {
    let cache_dir = crate::cache::dir(&config.root);
    let output = &image.outputs[at];
    cache::read(&cache_dir, output.key, output.format)
        .ok_or_else(|| anyhow!("cannot write the image cache {}", cache_dir.display()))
}

/// The variants of the static images the articles show, each once: `(output path, bytes)`,
/// sorted. Their originals are static files ([`published_original`]).
pub fn variant_files(
    config: &Config,
    articles: &[std::sync::Arc<Article>],
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut shown: Vec<&Image> = articles
        .iter()
        .flat_map(|a| a.images().iter().filter(|i| !i.is_in_the_bundle()))
        .collect();
    shown.sort_by(|a, b| (&a.home, &a.name).cmp(&(&b.home, &b.name)));
    shown.dedup_by(|a, b| (&a.home, &a.name) == (&b.home, &b.name));
    let mut files = Vec::new();
    for image in shown {
        let Some(home) = &image.home else { continue };
        let cache_dir = crate::cache::dir(&config.root);
        let in_cache = |o: &super::Output| cache::file(&cache_dir, o.key, o.format).is_file();
        // The image cache was cleared since the article was read: made again.
        let remade = match config.images.encode && !image.outputs.iter().all(in_cache) {
            true => for_article(
                config,
                &super::markup::url(&home.site_folder, image, &image.outputs[0]),
                &mut Vec::new(),
            ),
            false => None,
        };
        let image = remade.as_ref().unwrap_or(image);
        for (at, output) in image.outputs.iter().enumerate().skip(1) {
            let name = image.output_name(output);
            let path = crate::content::bundle::output_file(&home.site_folder, &name);
            let bytes = match config.images.encode {
                true => cached(config, image, at)
                    .map_err(|e| anyhow!("{}: {e}", home.dir.join(&image.name).display()))?,
                false => Vec::new(),
            };
            files.push((path, bytes));
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_name_files_inside_static_only() {
        assert_eq!(
            static_rel("/images/a.jpg?x#y").as_deref(),
            Some("images/a.jpg")
        );
        assert_eq!(
            static_rel("/images/peta%20banjir.png").as_deref(),
            Some("images/peta banjir.png")
        );
        for outside in [
            "/../a.jpg",
            "/images/../../a.jpg",
            "//host/a.jpg",
            "a.jpg",
            "/a%5Cb.jpg",
        ] {
            assert_eq!(static_rel(outside), None, "{outside}");
        }
    }
}
