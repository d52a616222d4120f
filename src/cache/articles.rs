//! Parsed articles from the last build, keyed by file path, read in place.
//!
//! Stored in 256 shards (by path) so loading is parallel and an edit rewrites one shard only
//! (at a million articles a shard holds ~4,000 articles and ~25 MB of bodies).
//! A shard file is an index of its entries sorted by path (fixed-width rows), their records
//! (postcard), then the articles' body HTML, which is most of its bytes. A build reads the
//! index and records of each shard as bytes and decodes a record only when its file is
//! taken: no map of every entry is made first. Every listed file's entry is found at once by
//! walking each shard's rows beside the files it holds ([`ArticleCache::places`]), so an
//! entry costs a comparison or two and a stamp comparison before its own decoding. Each body is read when a page needs it (see
//! [`BodyHtml`]), so a build with little to do reads little.
//!
//! Layout (little-endian u64s): the length of the part before the bodies, then that part:
//! the fingerprint, the xxh3 of the rest of the part, the entry count, one [`Row`] an entry
//! ([`ROW`] bytes), then the keys and records the rows point at (offsets from the part's
//! start); then the bodies. A part whose hash, bounds or order do not check out is read as
//! an empty shard; each body is checked by its hash when it is read.

use std::ffi::OsStr;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64};

pub use super::FileStamp;
use crate::config::Config;
use crate::content::body::CacheFile;
use crate::content::{Article, BodyHtml};

const SHARDS: usize = 256;

/// The form of a shard: changed with the [`Article`] record (2: rare fields boxed, names
/// shared; 3: a photo's outputs hold no names; 4: the fields' signatures kept; 5: which
/// photo is the lead image kept, a photo's outputs packed, its plain stem not stored) and
/// with the file's layout (6: an index of rows read in place), so a cache of another form
/// is read as empty, not misread.
const FORMAT: u32 = 6;

/// The part's header: fingerprint, hash of the rest, entry count.
const HEAD: usize = 24;
/// One [`Row`]: thirteen u64s.
const ROW: usize = 13 * 8;

/// Where a loaded article came from: its file's bytes (by hash) and stamp, parsed now or
/// taken from the build cache as it was (`from_cache`), and the warnings parsing gave.
pub struct Origin {
    pub content_hash: u64,
    pub stamp: Option<FileStamp>,
    pub warnings: Vec<String>,
    pub from_cache: bool,
}

/// One parsed file.
pub struct Entry {
    /// Hash of the file's bytes.
    pub content_hash: u64,
    /// The file's identity when it was parsed, if it had not been modified for a while then
    /// (see [`FileStamp::settled`]); an equal stamp now means the bytes need not be read
    /// again.
    pub stamp: Option<FileStamp>,
    pub article: Article,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BodyPlace {
    offset: u64,
    len: u64,
    hash: u64,
}

/// An entry's row of the index: where its key and record are in the part, what tells
/// whether its file changed, and where its body is among the bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    key: Range<u64>,
    record: Range<u64>,
    content_hash: u64,
    stamp: Option<FileStamp>,
    body: BodyPlace,
}

impl Row {
    fn push_to(&self, out: &mut Vec<u8>) {
        let stamp = self.stamp.unwrap_or(FileStamp {
            len: 0,
            mtime: (0, 0),
            inode: 0,
        });
        for word in [
            self.key.start,
            self.key.end - self.key.start,
            self.record.start,
            self.record.end - self.record.start,
            self.content_hash,
            self.stamp.is_some() as u64,
            stamp.len,
            stamp.mtime.0 as u64,
            stamp.mtime.1 as u64,
            stamp.inode,
            self.body.offset,
            self.body.len,
            self.body.hash,
        ] {
            out.extend_from_slice(&word.to_le_bytes());
        }
    }

    /// The row in `bytes` ([`ROW`] of them); its ranges are checked by the caller.
    fn parse(bytes: &[u8]) -> Row {
        let word = |n: usize| u64_at(bytes, n * 8);
        let span = |at: u64, len: u64| at..at.saturating_add(len);
        Row {
            key: span(word(0), word(1)),
            record: span(word(2), word(3)),
            content_hash: word(4),
            stamp: (word(5) != 0).then(|| FileStamp {
                len: word(6),
                mtime: (word(7) as i64, word(8) as i64),
                inode: word(9),
            }),
            body: BodyPlace {
                offset: word(10),
                len: word(11),
                hash: word(12),
            },
        }
    }
}

/// The little-endian u64 at `at` of `bytes`, which the caller has checked holds it.
fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The part of `bytes` in `range`, if it is inside.
fn slice<'b>(bytes: &'b [u8], range: &Range<u64>) -> Option<&'b [u8]> {
    let start = usize::try_from(range.start).ok()?;
    let end = usize::try_from(range.end).ok()?;
    bytes.get(start..end)
}

/// What a record holds: the entry's article (without its body) and warnings.
#[derive(Deserialize)]
struct Record {
    article: Article,
    warnings: Vec<String>,
}

/// [`Record`] by reference, for writing without cloning articles.
#[derive(Serialize)]
struct RecordRef<'a> {
    article: &'a Article,
    warnings: &'a [String],
}

/// One shard as the last build left it, its index and records as bytes: entries are taken
/// out (decoded) as files are loaded, each at most once.
struct Shard {
    part: Vec<u8>,
    count: usize,
    taken: Box<[AtomicBool]>,
    bodies: Arc<CacheFile>,
    bodies_at: u64,
}

impl Shard {
    fn row(&self, i: usize) -> Row {
        Row::parse(&self.part[HEAD + i * ROW..HEAD + (i + 1) * ROW])
    }

    /// The key of entry `i` (its range was checked when the shard was read).
    fn key(&self, i: usize) -> &[u8] {
        let at = HEAD + i * ROW;
        let start = u64_at(&self.part, at) as usize;
        &self.part[start..start + u64_at(&self.part, at + 8) as usize]
    }

    /// The entry of `key`, by binary search: the rows are sorted by key.
    fn find(&self, key: &[u8]) -> Option<usize> {
        let (mut low, mut high) = (0, self.count);
        while low < high {
            let mid = low + (high - low) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Entry `i`, decoded, unless it was taken already. A record that does not decode is a
    /// miss (and, not taken, makes the shard be written again).
    fn take(&self, i: usize) -> Option<Entry> {
        if self.taken[i].swap(true, Ordering::Relaxed) {
            return None;
        }
        let row = self.row(i);
        let record = slice(&self.part, &row.record)?;
        let Ok(Record {
            mut article,
            warnings,
        }) = postcard::from_bytes::<Record>(record)
        else {
            self.taken[i].store(false, Ordering::Relaxed);
            return None;
        };
        article.content_html = BodyHtml::in_cache_file(
            self.bodies.clone(),
            self.bodies_at + row.body.offset,
            row.body.len as usize,
            row.body.hash,
        );
        Some(Entry {
            content_hash: row.content_hash,
            stamp: row.stamp,
            article,
            warnings,
        })
    }

    /// Whether every entry was taken: none is left of a file gone or changed.
    fn all_taken(&self) -> bool {
        self.taken.iter().all(|t| t.load(Ordering::Relaxed))
    }
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

/// Where an entry lies in the cache: its shard and its row there (see
/// [`ArticleCache::places`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    shard: u16,
    row: u32,
}

impl Place {
    fn new(shard: usize, row: usize) -> Place {
        // Shards are fewer than 2^16; a shard of 2^32 rows would not be read (its rows
        // alone would pass 400 GB).
        Place {
            shard: shard as u16,
            row: row as u32,
        }
    }
}

/// The article cache of one build: entries are taken out as files are loaded.
pub struct ArticleCache {
    dir: PathBuf,
    content: PathBuf,
    fingerprint: u64,
    shards: Vec<Option<Shard>>,
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
            .map(|i| read_shard(&shard_path(&dir, i), fingerprint))
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

    /// Lets go of the index and records once every file is loaded (at 100,000 articles
    /// ~120 MB, else held to the end of the build); which entries were taken is kept for
    /// [`ArticleCache::save`]. Nothing is found in the cache after this.
    pub fn done_loading(&mut self) {
        for shard in self.shards.iter_mut().flatten() {
            shard.part = Vec::new();
            shard.count = 0;
        }
    }

    /// Where `file`'s entry is, by a binary search of its shard's rows.
    fn place(&self, file: &Path) -> Option<Place> {
        let key = self.key(file);
        let shard = shard_of(key);
        let row = self.shards[shard]
            .as_ref()?
            .find(key.as_os_str().as_encoded_bytes())?;
        Some(Place::new(shard, row))
    }

    /// Where the entry of each of `files` is (None for a file the cache does not hold), the
    /// same as a binary search for each would find, by one walk of each shard's rows beside
    /// the files it holds, both in key order: each file costs a comparison or two with rows
    /// read in the order they lie, not a search through rows spread over the whole part
    /// (~4% of a one-edit build at 100,000 articles, most of it waiting on memory).
    pub fn places(&self, files: &[PathBuf]) -> Vec<Option<Place>> {
        let keys: Vec<(usize, &[u8])> = files
            .par_iter()
            .map(|file| {
                let key = self.key(file);
                (shard_of(key), key.as_os_str().as_encoded_bytes())
            })
            .collect();
        let mut by_shard: Vec<Vec<(&[u8], usize)>> = vec![Vec::new(); SHARDS];
        for (n, &(shard, key)) in keys.iter().enumerate() {
            if self.shards[shard].is_some() {
                by_shard[shard].push((key, n));
            }
        }
        let found: Vec<Vec<(usize, Place)>> = by_shard
            .into_par_iter()
            .enumerate()
            .map(|(at, mut listed)| {
                let Some(shard) = &self.shards[at] else {
                    return Vec::new();
                };
                // The listing is sorted by name folder by folder, which is not quite the
                // order of whole paths as bytes ("a/b.md" after "a-b.md"): nearly sorted,
                // so this costs a pass.
                listed.sort_by(|a, b| a.0.cmp(b.0));
                let mut row = 0;
                let mut found = Vec::with_capacity(listed.len());
                for (key, n) in listed {
                    while row < shard.count && shard.key(row) < key {
                        row += 1;
                    }
                    if row < shard.count && shard.key(row) == key {
                        found.push((n, Place::new(at, row)));
                    }
                }
                found
            })
            .collect();
        let mut places = vec![None; files.len()];
        for (n, place) in found.into_iter().flatten() {
            places[n] = Some(place);
        }
        places
    }

    /// The shard and row `at` names, while the shard's rows are held.
    fn at(&self, at: Place) -> Option<(&Shard, usize)> {
        let shard = self.shards[at.shard as usize].as_ref()?;
        let row = at.row as usize;
        (row < shard.count).then_some((shard, row))
    }

    /// The cached parse of `file` if it still has the stamp it had then.
    pub fn take_by_stamp(&self, file: &Path, stamp: Option<FileStamp>) -> Option<Entry> {
        self.take_by_stamp_at(self.place(file)?, file, stamp)
    }

    /// [`ArticleCache::take_by_stamp`] of the entry at `at`, the place of `file`'s entry.
    pub fn take_by_stamp_at(
        &self,
        at: Place,
        file: &Path,
        stamp: Option<FileStamp>,
    ) -> Option<Entry> {
        let (shard, i) = self.at(at)?;
        debug_assert_eq!(shard.key(i), self.key(file).as_os_str().as_encoded_bytes());
        if stamp.is_none() || shard.row(i).stamp != stamp {
            return None;
        }
        shard.take(i).map(|entry| entry.found_at(file))
    }

    /// The cached parse of `file` if its bytes still hash to `content_hash`.
    pub fn take(&self, file: &Path, content_hash: u64) -> Option<Entry> {
        self.take_any(file)
            .filter(|entry| entry.content_hash == content_hash)
    }

    /// The cached parse of `file`, whatever its bytes are now (a changed file's last parse
    /// still knows its photos).
    pub fn take_any(&self, file: &Path) -> Option<Entry> {
        self.take_any_at(self.place(file)?, file)
    }

    /// [`ArticleCache::take_any`] of the entry at `at`, the place of `file`'s entry.
    pub fn take_any_at(&self, at: Place, file: &Path) -> Option<Entry> {
        let (shard, i) = self.at(at)?;
        debug_assert_eq!(shard.key(i), self.key(file).as_os_str().as_encoded_bytes());
        shard.take(i).map(|entry| entry.found_at(file))
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
            .try_for_each(|(shard, mut members)| {
                // Entries not taken: their files are gone or changed.
                let leftovers = self.shards[shard].as_ref().is_some_and(|s| !s.all_taken());
                let parsed = members.iter().any(|&i| !origins[i].from_cache);
                let path = shard_path(&self.dir, shard);
                if !leftovers && !parsed && self.shards[shard].is_some() != members.is_empty() {
                    return Ok(());
                }
                if members.is_empty() {
                    return match std::fs::remove_file(&path) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                        _ => Ok(()),
                    };
                }
                let key = |i: usize| self.key(&articles[i].file).as_os_str().as_encoded_bytes();
                members.sort_unstable_by(|&a, &b| key(a).cmp(key(b)));
                let bytes = self.shard_bytes(&members, articles, origins, key)?;
                crate::files::write_atomically(&path, &bytes)
            })
    }

    /// The file of a shard holding `members` (indexes into `articles`, sorted by `key`).
    fn shard_bytes<'a>(
        &self,
        members: &[usize],
        articles: &'a [Arc<Article>],
        origins: &[Origin],
        key: impl Fn(usize) -> &'a [u8],
    ) -> std::io::Result<Vec<u8>> {
        let data_at = (HEAD + members.len() * ROW) as u64;
        let mut rows = Vec::with_capacity(members.len() * ROW);
        let mut data = Vec::new();
        let mut bodies = Vec::new();
        let span = |data: &mut Vec<u8>, bytes: &[u8]| {
            let start = data_at + data.len() as u64;
            data.extend_from_slice(bytes);
            start..start + bytes.len() as u64
        };
        for &i in members {
            let body = &articles[i].content_html;
            let place = BodyPlace {
                offset: bodies.len() as u64,
                len: body.len() as u64,
                hash: body.hash(),
            };
            bodies.extend_from_slice(body.html()?.as_bytes());
            let record = postcard::to_stdvec(&RecordRef {
                article: &articles[i],
                warnings: &origins[i].warnings,
            })
            .map_err(std::io::Error::other)?;
            let row = Row {
                key: span(&mut data, key(i)),
                record: span(&mut data, &record),
                content_hash: origins[i].content_hash,
                stamp: origins[i].stamp,
                body: place,
            };
            row.push_to(&mut rows);
        }
        let mut part = Vec::with_capacity(data_at as usize + data.len());
        part.extend_from_slice(&self.fingerprint.to_le_bytes());
        part.extend_from_slice(&[0; 8]);
        part.extend_from_slice(&(members.len() as u64).to_le_bytes());
        part.extend_from_slice(&rows);
        part.extend_from_slice(&data);
        let hash = xxh3_64(&part[16..]);
        part[8..16].copy_from_slice(&hash.to_le_bytes());
        let mut bytes = Vec::with_capacity(8 + part.len() + bodies.len());
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&part);
        bytes.extend_from_slice(&bodies);
        Ok(bytes)
    }
}

/// The shard file at `path` with its bodies left in the file, if it is a whole shard
/// written for `fingerprint`: its part hashes to its hash, every row points inside it (and
/// inside the bodies), and the keys are in order.
fn read_shard(path: &Path, fingerprint: u64) -> Option<Shard> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path).ok()?;
    let file_len = file.metadata().ok()?.len();
    let mut len = [0; 8];
    file.read_exact_at(&mut len, 0).ok()?;
    let part_len = u64::from_le_bytes(len);
    let bodies_at = 8u64.checked_add(part_len).filter(|&end| end <= file_len)?;
    let part_len = usize::try_from(part_len).ok().filter(|&l| l >= HEAD)?;
    let mut part = vec![0; part_len];
    file.read_exact_at(&mut part, 8).ok()?;
    if u64_at(&part, 0) != fingerprint || u64_at(&part, 8) != xxh3_64(&part[16..]) {
        return None;
    }
    let count = usize::try_from(u64_at(&part, 16)).ok()?;
    let rows_end = count.checked_mul(ROW)?.checked_add(HEAD)?;
    if rows_end > part.len() {
        return None;
    }
    let bodies_len = file_len - bodies_at;
    let mut last_key: Option<&[u8]> = None;
    for i in 0..count {
        let row = Row::parse(&part[HEAD + i * ROW..HEAD + (i + 1) * ROW]);
        let key = slice(&part, &row.key)?;
        let body_end = row.body.offset.checked_add(row.body.len)?;
        if slice(&part, &row.record).is_none()
            || body_end > bodies_len
            || last_key.is_some_and(|last| last >= key)
        {
            return None;
        }
        last_key = Some(key);
    }
    Some(Shard {
        taken: (0..count).map(|_| AtomicBool::new(false)).collect(),
        part,
        count,
        bodies: Arc::new(CacheFile {
            file,
            path: path.to_path_buf(),
        }),
        bodies_at,
    })
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

    fn config_in(root: &Path) -> Config {
        Config::parse(
            root,
            &root.join("site.toml"),
            "title = \"T\"\nbase_url = \"https://contoh.test/\"\n",
        )
        .expect("config")
    }

    /// Articles `content/2024/a-<n>.md` titled by their number, with a stamp and hash of
    /// their own.
    fn articles(config: &Config, n: usize) -> (Vec<Arc<Article>>, Vec<Origin>) {
        (0..n)
            .map(|i| {
                let file = config.content_dir().join(format!("2024/a-{i}.md"));
                let text = format!("---\ntitle: Judul {i}\ndate: 2024-05-01\n---\nIsi {i}.\n");
                let (article, warnings) =
                    crate::content::load::parse_bytes(config, &file, text.into_bytes())
                        .expect("parsed");
                let origin = Origin {
                    content_hash: i as u64,
                    stamp: Some(stamp(i)),
                    warnings,
                    from_cache: false,
                };
                (Arc::new(article), origin)
            })
            .unzip()
    }

    fn stamp(i: usize) -> FileStamp {
        FileStamp {
            len: 100 + i as u64,
            mtime: (1_700_000_000 + i as i64, 5),
            inode: 9_000 + i as u64,
        }
    }

    /// Entries are found by their stamp (only an equal one) or their bytes' hash, each at
    /// most once, with their body; an entry no build took is gone after the next save.
    #[test]
    fn entries_are_taken_once_and_those_not_taken_are_dropped() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = config_in(root.path());
        // Enough for shards of several entries, so the binary search has work.
        let (articles, origins) = articles(&config, 700);
        ArticleCache::load(&config)
            .save(&articles, &origins)
            .expect("saved");
        let cache = ArticleCache::load(&config);
        for (i, article) in articles.iter().enumerate() {
            let file = &article.file;
            assert!(cache.take_by_stamp(file, Some(stamp(i + 1))).is_none());
            assert!(cache.take_by_stamp(file, None).is_none());
            let entry = cache.take_by_stamp(file, Some(stamp(i))).expect("by stamp");
            assert_eq!(&*entry.article.title, format!("Judul {i}"));
            assert_eq!(entry.content_hash, i as u64);
            assert_eq!(
                entry.article.content_html.html().expect("body"),
                format!("<p>Isi {i}.</p>\n")
            );
            assert!(cache.take_any(file).is_none(), "taken once");
        }
        let elsewhere = config.content_dir().join("2024/b.md");
        assert!(cache.take_any(&elsewhere).is_none());

        // The next build takes every entry but a-7's (its file is gone) by hash.
        let cache = ArticleCache::load(&config);
        assert!(cache.take(&articles[3].file, 4).is_none(), "another hash");
        for (i, article) in articles.iter().enumerate() {
            if i != 7 && i != 3 {
                assert!(cache.take(&article.file, i as u64).is_some(), "a-{i}");
            }
        }
        let kept: Vec<usize> = (0..articles.len()).filter(|&i| i != 7).collect();
        let origins: Vec<Origin> = kept
            .iter()
            .map(|&i| Origin {
                content_hash: i as u64,
                stamp: Some(stamp(i)),
                warnings: Vec::new(),
                from_cache: true,
            })
            .collect();
        let remaining: Vec<Arc<Article>> = kept.iter().map(|&i| articles[i].clone()).collect();
        let mut cache = cache;
        cache.done_loading();
        assert!(cache.take_any(&articles[7].file).is_none(), "let go of");
        cache.save(&remaining, &origins).expect("saved");
        let cache = ArticleCache::load(&config);
        assert!(cache.take_any(&articles[7].file).is_none(), "a-7 dropped");
        for &i in &kept {
            assert!(cache.take(&articles[i].file, i as u64).is_some(), "a-{i}");
        }
    }

    /// The places found for a whole listing at once are those a search for each file
    /// finds, whatever the listing's order (a folder's files come before a sibling named
    /// with `-` or `.`, which sort before `/` as bytes), for files the cache holds or not.
    #[test]
    fn places_of_a_listing_are_those_each_file_is_found_at() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = config_in(root.path());
        let (articles, origins) = articles(&config, 600);
        ArticleCache::load(&config)
            .save(&articles, &origins)
            .expect("saved");
        let cache = ArticleCache::load(&config);
        let content = config.content_dir();
        let mut listing = Vec::new();
        for i in 0..600 {
            // Held: a-<i>.md; not held: a folder beside it and a name with a dot.
            listing.push(content.join(format!("2024/a-{i}.md")));
            listing.push(content.join(format!("2024/a-{i}/index.md")));
            listing.push(content.join(format!("2024/a-{i}.x.md")));
        }
        listing.push(root.path().join("elsewhere.md"));
        for order in [false, true] {
            if order {
                // Backwards: every shard's files out of order.
                listing.reverse();
            }
            let places = cache.places(&listing);
            assert_eq!(places.len(), listing.len());
            for (file, place) in listing.iter().zip(&places) {
                assert_eq!(*place, cache.place(file), "{}", file.display());
            }
            let held = places.iter().filter(|p| p.is_some()).count();
            assert_eq!(held, 600);
        }
        // Each entry taken at its place, as the file it is.
        let places = cache.places(&listing);
        for (file, place) in listing.iter().zip(places) {
            let Some(place) = place else { continue };
            let entry = cache.take_any_at(place, file).expect("taken at its place");
            assert_eq!(entry.article.file, *file);
            assert!(cache.take_any_at(place, file).is_none(), "taken once");
        }
    }

    /// A shard whose index or records were changed, or that was cut short, is no shard:
    /// its articles are parsed again, never misread.
    #[test]
    fn a_damaged_or_cut_shard_is_read_as_empty() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = config_in(root.path());
        let (articles, origins) = articles(&config, 1);
        ArticleCache::load(&config)
            .save(&articles, &origins)
            .expect("saved");
        let shard = shard_path(
            &super::super::dir(root.path()),
            shard_of(Path::new("2024/a-0.md")),
        );
        let good = std::fs::read(&shard).expect("shard");
        let part_len = u64_at(&good, 0) as usize;
        let file = &articles[0].file;
        assert!(ArticleCache::load(&config).take(file, 0).is_some());
        // A row's key, a stamp, the key's bytes, a record's last byte.
        for at in [8 + HEAD, 8 + HEAD + 6 * 8, 8 + HEAD + ROW, 8 + part_len - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            std::fs::write(&shard, &bad).expect("written");
            assert!(
                ArticleCache::load(&config).take_any(file).is_none(),
                "byte {at} changed"
            );
        }
        for len in [0, 7, 8 + HEAD, part_len] {
            std::fs::write(&shard, &good[..len]).expect("written");
            assert!(
                ArticleCache::load(&config).take_any(file).is_none(),
                "cut at {len}"
            );
        }
    }
}
