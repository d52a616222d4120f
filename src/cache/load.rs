//! Loading articles through the build cache: a layer around [`content::load`], which knows
//! nothing of it. An unchanged file (by its stamp, else by its bytes' hash) is taken from
//! the cache as it was; any other is read and parsed as `content` does.

use std::path::Path;

use anyhow::Result;

use super::FileStamp;
use super::articles::{ArticleCache, Entry, Origin, Place};
use crate::config::Config;
use crate::content::body::BodyStore;
use crate::content::load::{self as content, Loaded};
use crate::content::{Article, ContentError, ContentErrors};

/// Loads every article, taking unchanged ones from `cache` when there is one and keeping the
/// bodies it makes in `bodies`; returns each article's origin too, for saving the cache.
pub fn load_all(
    config: &Config,
    cache: Option<&ArticleCache>,
    bodies: &BodyStore,
) -> Result<(Loaded, Vec<Origin>)> {
    let listing = content::list_content(config)?;
    // Where each file's entry is, found for all at once.
    let places = cache.map(|c| c.places(&listing.files));
    let loaded = content::load_listed(listing, bodies, |n, file| {
        let cached = cache.zip(places.as_ref()).map(|(cache, places)| Cached {
            cache,
            place: places[n],
        });
        let (article, origin) = load_file(config, file, cached)?;
        Ok((article, origin.warnings.clone(), origin))
    });
    Ok(loaded)
}

/// The build cache as one file sees it: the cache, and where the file's entry is in it.
#[derive(Clone, Copy)]
struct Cached<'c> {
    cache: &'c ArticleCache,
    place: Option<Place>,
}

impl Cached<'_> {
    fn take_by_stamp(self, file: &Path, stamp: Option<FileStamp>) -> Option<Entry> {
        self.cache.take_by_stamp_at(self.place?, file, stamp)
    }

    fn take_any(self, file: &Path) -> Option<Entry> {
        self.cache.take_any_at(self.place?, file)
    }
}

/// Reads one file; parses it unless the cache has it with the same bytes.
fn load_file(
    config: &Config,
    file: &Path,
    cache: Option<Cached>,
) -> Result<(Article, Origin), ContentErrors> {
    let cannot_read = |e: std::io::Error| {
        ContentError::in_file(
            file,
            format!("cannot read: {}", crate::files::read_failure(&e)),
        )
    };
    let stamp = match cache {
        Some(_) => FileStamp::settled(&std::fs::metadata(file).map_err(cannot_read)?),
        None => None,
    };
    let hit = |entry: Entry| {
        let origin = Origin {
            content_hash: entry.content_hash,
            stamp,
            // A file touched but not changed: the entry is right but its stamp is not.
            from_cache: entry.stamp == stamp,
            warnings: entry.warnings,
        };
        (entry.article, origin)
    };
    // A bundle's article depends on its folder's files too (which references resolve):
    // taken from the cache only while they are the same files.
    let bundle = crate::content::bundle::folder_of(&config.content_dir(), file)
        .map(|folder| crate::content::bundle::listing(&folder))
        .unwrap_or_default();
    // And on its images' bytes (their sizes and variants): those of its bundle as the
    // listing found them, those of `static/` it shows looked at.
    let same_bundle = |entry: &Entry| {
        entry.article.bundle().len() == bundle.names().len()
            && entry
                .article
                .bundle()
                .iter()
                .zip(bundle.names())
                .all(|(a, b)| a == b)
            && entry
                .article
                .images()
                .iter()
                .all(|image| match image.is_in_the_bundle() {
                    true => image.stamp.is_some() && bundle.stamp(&image.name) == image.stamp,
                    false => entry
                        .article
                        .file
                        .parent()
                        .is_some_and(|f| image.is_current(f)),
                })
    };
    if let Some(entry) = cache.and_then(|c| c.take_by_stamp(file, stamp))
        && same_bundle(&entry)
    {
        return Ok(hit(entry));
    }
    let bytes = content::read_file(file)?;
    let content_hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let last = match cache.and_then(|c| c.take_any(file)) {
        Some(entry) if entry.content_hash == content_hash && same_bundle(&entry) => {
            return Ok(hit(entry));
        }
        last => last,
    };
    // Its photos as the last parse made them: those whose files are the same are kept.
    let prepared = last
        .as_ref()
        .map_or(&[][..], |entry| entry.article.images());
    let (article, warnings) = content::parse_bytes_reusing(config, file, bytes, prepared)?;
    let origin = Origin {
        content_hash,
        stamp,
        warnings,
        from_cache: false,
    };
    Ok((article, origin))
}
