//! Parsed articles from the last build, keyed by file path and content hash.
//!
//! Stored in 256 shards (by path) so loading is parallel and an edit rewrites one shard only
//! (at a million articles a shard holds ~4,000 articles and ~25 MB of bodies).
//! A shard file is the length of its entries, the entries (postcard), then the articles' body
//! HTML, which is most of its bytes: a build reads the entries only, and each body when a
//! page needs it (see [`BodyHtml`]), so a build with little to do reads little.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

pub use super::FileStamp;
use crate::config::Config;
use crate::content::body::CacheFile;
use crate::content::{Article, BodyHtml};

const SHARDS: usize = 256;

/// The form of an [`Entry`]: changed with the [`Article`] record (2: rare fields boxed, names
/// shared; 3: a photo's outputs hold no names; 4: the fields' signatures kept; 5: which
/// photo is the lead image kept, a photo's outputs packed, its plain stem not stored), so a
/// cache of another form is read as empty, not misread.
const FORMAT: u32 = 5;

/// Where a loaded article came from: its file's bytes (by hash) and stamp, parsed now or
/// taken from the build cache as it was (`from_cache`), and the warnings parsing gave.
pub struct Origin {
    pub content_hash: u64,
    pub stamp: Option<FileStamp>,
    pub warnings: Vec<String>,
    pub from_cache: bool,
}

/// One parsed file.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    /// Hash of the file's bytes.
    pub content_hash: u64,
    /// The file's identity when it was parsed, if it had not been modified for a while then
    /// (see [`FileStamp::of`]); an equal stamp now means the bytes need not be read again.
    pub stamp: Option<FileStamp>,
    pub article: Article,
    pub warnings: Vec<String>,
    /// Where the article's body is among the shard's bodies.
    body: BodyPlace,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct BodyPlace {
    offset: u64,
    len: u64,
    hash: u64,
}

#[derive(Serialize, Deserialize)]
struct Shard {
    fingerprint: u64,
    entries: Vec<(OsString, Entry)>,
}

impl Entry {
    /// The entry for the file as it is named now (`./content/a.md` or `/site/content/a.md`):
    /// messages name the file the way the user gave the site.
    /// Almost every entry is found where it was, with no warnings: then nothing is made
    /// (at 100,000 articles, three strings an article were ~1% of a one-edit build).
    fn found_at(mut self, file: &Path) -> Entry {
        // Compared as bytes: `Path`'s own equality parses both into components.
        if self.article.file.as_os_str() == file.as_os_str() {
            return self;
        }
        if !self.warnings.is_empty() {
            let old = self.article.file.display().to_string();
            let new = file.display().to_string();
            for warning in &mut self.warnings {
                if let Some(rest) = warning.strip_prefix(&old) {
                    *warning = format!("{new}{rest}");
                }
            }
        }
        self.article.file = file.to_path_buf();
        self
    }
}

/// The article cache of one build: entries are taken out as files are loaded.
pub struct ArticleCache {
    dir: PathBuf,
    content: PathBuf,
    fingerprint: u64,
    shards: Vec<Mutex<HashMap<OsString, Entry, ahash::RandomState>>>,
}

/// What parsing an article depends on besides its file: the program, the time zone (for
/// dates without one), the permalink pattern, the tag slugs set by hand and the settings of
/// its photos.
fn fingerprint(config: &Config) -> u64 {
    fingerprint_of_form(config, FORMAT)
}

/// [`fingerprint`] as the entries of `form` have it.
fn fingerprint_of_form(config: &Config, form: u32) -> u64 {
    let mut h = Xxh3Default::new();
    super::program_identity().hash(&mut h);
    form.hash(&mut h);
    config.timezone.name().hash(&mut h);
    config.permalink.hash(&mut h);
    // Bodies hold embed cards worded in the site's language.
    crate::embeds::EmbedWords::from_strings(&config.strings).hash(&mut h);
    config.tags.slugs.hash(&mut h);
    // Remote images are links (worded in the site's language) or kept as written.
    (config.remote_images, config.strings.get("remote_photo")).hash(&mut h);
    // Bundle photos are read into variants at the `[images]` widths and qualities, and
    // bodies show them with its `sizes`.
    config.images.hash(&mut h);
    // And images of `static/` they show, by their names.
    crate::images::static_images::listing_hash(config).hash(&mut h);
    h.finish()
}

/// The path of `file` inside the folder `content` (or `file` itself when it is elsewhere).
fn key_in<'p>(content: &Path, file: &'p Path) -> &'p Path {
    // Listed files are `content/` joined with the rest: cut as bytes, which costs nothing
    // beside `strip_prefix` parsing both paths into components (for every article of every
    // build); the same path either way.
    use std::os::unix::ffi::OsStrExt;
    let bytes = file.as_os_str().as_bytes();
    match bytes
        .strip_prefix(content.as_os_str().as_bytes())
        .and_then(|rest| rest.strip_prefix(b"/"))
    {
        Some(rest) if !rest.is_empty() && !rest.starts_with(b"/") => {
            Path::new(OsStr::from_bytes(rest))
        }
        _ => file.strip_prefix(content).unwrap_or(file),
    }
}

fn shard_of(file: &Path) -> usize {
    (xxh3_64(file.as_os_str().as_encoded_bytes()) % SHARDS as u64) as usize
}

fn shard_path(dir: &Path, shard: usize) -> PathBuf {
    dir.join(format!("articles-{shard:02}.bin"))
}

impl ArticleCache {
    /// Reads what the last build left; unreadable or stale shards count as empty.
    pub fn load(config: &Config) -> ArticleCache {
        ArticleCache::load_with(config, fingerprint(config))
    }

    /// Reads the shards written for `fingerprint`.
    fn load_with(config: &Config, fingerprint: u64) -> ArticleCache {
        let dir = super::dir(&config.root);
        let shards = (0..SHARDS)
            .into_par_iter()
            .map(|i| {
                let entries = read_shard(&shard_path(&dir, i), fingerprint)
                    .map(|entries| entries.into_iter().collect())
                    .unwrap_or_default();
                Mutex::new(entries)
            })
            .collect();
        ArticleCache {
            dir,
            content: config.content_dir(),
            fingerprint,
            shards,
        }
    }

    /// Entries are keyed by the path inside `content/`, so a build run from elsewhere
    /// (`--root`) finds them too.
    fn key<'p>(&self, file: &'p Path) -> &'p Path {
        key_in(&self.content, file)
    }

    /// The cached parse of `file` if it still has the stamp it had then.
    pub fn take_by_stamp(&self, file: &Path, stamp: Option<FileStamp>) -> Option<Entry> {
        let key = self.key(file);
        let mut shard = self.shards[shard_of(key)].lock().expect("cache lock");
        match shard.get(key.as_os_str()) {
            Some(entry) if stamp.is_some() && entry.stamp == stamp => shard
                .remove(key.as_os_str())
                .map(|entry| entry.found_at(file)),
            _ => None,
        }
    }

    /// The cached parse of `file` if its bytes still hash to `content_hash`.
    pub fn take(&self, file: &Path, content_hash: u64) -> Option<Entry> {
        self.take_any(file)
            .filter(|entry| entry.content_hash == content_hash)
    }

    /// The cached parse of `file`, whatever its bytes are now (a changed file's last parse
    /// still knows its photos).
    pub fn take_any(&self, file: &Path) -> Option<Entry> {
        let key = self.key(file);
        let mut shard = self.shards[shard_of(key)].lock().expect("cache lock");
        let entry = shard.remove(key.as_os_str())?;
        Some(entry.found_at(file))
    }

    /// Stores the articles of this build (all of them, drafts and future ones too), rewriting
    /// only the shards whose contents changed.
    pub fn save(&self, articles: &[Arc<Article>], origins: &[Origin]) -> std::io::Result<()> {
        let mut by_shard: Vec<Vec<usize>> = vec![Vec::new(); SHARDS];
        for (i, article) in articles.iter().enumerate() {
            by_shard[shard_of(self.key(&article.file))].push(i);
        }
        std::fs::create_dir_all(&self.dir)?;
        by_shard
            .into_par_iter()
            .enumerate()
            .try_for_each(|(shard, members)| {
                // Entries still in the map were not taken: their files are gone or changed.
                let leftovers = !self.shards[shard].lock().expect("cache lock").is_empty();
                let parsed = members.iter().any(|&i| !origins[i].from_cache);
                let path = shard_path(&self.dir, shard);
                if !leftovers && !parsed && path.exists() != members.is_empty() {
                    return Ok(());
                }
                if members.is_empty() {
                    return match std::fs::remove_file(&path) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                        _ => Ok(()),
                    };
                }
                let mut bodies = Vec::new();
                let entries = members
                    .iter()
                    .map(|&i| {
                        let body = &articles[i].content_html;
                        let place = BodyPlace {
                            offset: bodies.len() as u64,
                            len: body.len() as u64,
                            hash: body.hash(),
                        };
                        bodies.extend_from_slice(body.html()?.as_bytes());
                        let entry = EntryRef {
                            content_hash: origins[i].content_hash,
                            stamp: origins[i].stamp,
                            article: &articles[i],
                            warnings: &origins[i].warnings,
                            body: place,
                        };
                        Ok((self.key(&articles[i].file).as_os_str(), entry))
                    })
                    .collect::<std::io::Result<Vec<(&OsStr, EntryRef)>>>()?;
                let meta = postcard::to_stdvec(&ShardRef {
                    fingerprint: self.fingerprint,
                    entries,
                })
                .map_err(std::io::Error::other)?;
                let mut bytes = Vec::with_capacity(8 + meta.len() + bodies.len());
                bytes.extend_from_slice(&(meta.len() as u64).to_le_bytes());
                bytes.extend_from_slice(&meta);
                bytes.extend_from_slice(&bodies);
                crate::files::write_atomically(&path, &bytes)
            })
    }
}

/// The entries of the shard file at `path` with their bodies left in the file, if it is a
/// whole shard written for `fingerprint`.
fn read_shard(path: &Path, fingerprint: u64) -> Option<Vec<(OsString, Entry)>> {
    use std::io::Read;
    use std::os::unix::fs::FileExt;
    let mut file = std::fs::File::open(path).ok()?;
    let file_len = file.metadata().ok()?.len();
    let mut len = [0; 8];
    file.read_exact(&mut len).ok()?;
    let meta_len = u64::from_le_bytes(len);
    let bodies_at = 8u64.checked_add(meta_len).filter(|&end| end <= file_len)?;
    let mut meta = vec![0; usize::try_from(meta_len).ok()?];
    file.read_exact_at(&mut meta, 8).ok()?;
    let shard = postcard::from_bytes::<Shard>(&meta).ok()?;
    if shard.fingerprint != fingerprint {
        return None;
    }
    let bodies_len = file_len - bodies_at;
    let fits = |p: &BodyPlace| {
        p.offset
            .checked_add(p.len)
            .is_some_and(|end| end <= bodies_len)
    };
    if !shard.entries.iter().all(|(_, entry)| fits(&entry.body)) {
        return None;
    }
    let file = Arc::new(CacheFile {
        file,
        path: path.to_path_buf(),
    });
    let mut entries = shard.entries;
    for (_, entry) in &mut entries {
        let place = entry.body;
        entry.article.content_html = BodyHtml::in_cache_file(
            file.clone(),
            bodies_at + place.offset,
            place.len as usize,
            place.hash,
        );
    }
    Some(entries)
}

/// [`Entry`] by reference, for writing without cloning articles.
#[derive(Serialize)]
struct EntryRef<'a> {
    content_hash: u64,
    stamp: Option<FileStamp>,
    article: &'a Article,
    warnings: &'a [String],
    body: BodyPlace,
}

#[derive(Serialize)]
struct ShardRef<'a> {
    fingerprint: u64,
    entries: Vec<(&'a OsStr, EntryRef<'a>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries are keyed by the path inside `content/`, however the site's folder was given.
    #[test]
    fn an_articles_key_is_its_path_inside_the_content_folder() {
        fn key<'p>(content: &str, file: &'p str) -> &'p Path {
            key_in(Path::new(content), Path::new(file))
        }
        assert_eq!(key("content", "content/2024/a.md"), Path::new("2024/a.md"));
        assert_eq!(key("./content", "./content/a.md"), Path::new("a.md"));
        assert_eq!(
            key("/s/content", "/s/content/b/index.md"),
            Path::new("b/index.md")
        );
        // A longer folder name is not the content folder.
        assert_eq!(key("content", "contents/a.md"), Path::new("contents/a.md"));
        // Spelled otherwise: as `strip_prefix` takes it.
        assert_eq!(
            key("./content", "content//a.md"),
            Path::new("content//a.md")
        );
        assert_eq!(key("content", "content//a.md"), Path::new("a.md"));
    }

    #[test]
    fn a_cache_of_another_form_is_read_as_empty() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = Config::parse(
            root.path(),
            &root.path().join("site.toml"),
            "title = \"T\"\nbase_url = \"https://contoh.test/\"\n",
        )
        .expect("config");
        let file = config.content_dir().join("a.md");
        let text = "---\ntitle: A\ndate: 2024-05-01\n---\nIsi.\n";
        let (article, warnings) =
            crate::content::load::parse_bytes(&config, &file, text.as_bytes().to_vec())
                .expect("parsed");
        let origin = Origin {
            content_hash: 7,
            stamp: None,
            warnings,
            from_cache: false,
        };
        // Saved as the form before this one wrote its entries.
        let old_form = fingerprint_of_form(&config, FORMAT - 1);
        ArticleCache::load_with(&config, old_form)
            .save(&[Arc::new(article)], &[origin])
            .expect("saved");
        assert!(
            ArticleCache::load(&config).take(&file, 7).is_none(),
            "an entry of another form is not read"
        );
        // It was there, readable by its own form.
        let entry = ArticleCache::load_with(&config, old_form).take(&file, 7);
        assert_eq!(entry.map(|e| e.article.title.to_string()), Some("A".into()));
    }
}
