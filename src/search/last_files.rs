//! The index files the last cached build made, kept in `.cermin-cache/search-files.bin`
//! with a hash of everything they were made of, so that a build whose site gives the same
//! hash (nothing the index shows changed) computes no index: each file is kept by its hash.
//!
//! The hash covers every document's keys as the kept index compares them
//! ([`super::saved::DocKeys`]: its terms' key, year, tags, source and category; what its
//! result shows: title, path, summary, date and time zone, source), made once a build for
//! both, the site's tags with their counts, and the language. The file is checked whole (magic,
//! version, the program that wrote it, a hash of its bytes); anything that does not check
//! out is no list, so a damaged file costs a full index, never a wrong one.
//!
//! Layout: `CRMNSRCH`, version (u32), program identity (u64), xxh3 of the rest (u64), then
//! the inputs' hash (u64) and the files (varint count; each varint length, path bytes and
//! its bytes' hash as u64).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3Default;

use super::saved::{DocKeys, doc_keys_of};
use super::stem::Stemmer;
use super::varint::{push_varint, read_varint};
use crate::cache::checked::{HEADER, framed, is_intact};
use crate::site::Site;

const MAGIC: &[u8; 8] = b"CRMNSRCH";
/// 2: the inputs' hash made of the documents' keys.
const VERSION: u32 = 2;

/// The file of the list in a site's cache folder.
pub fn path(cache_dir: &Path) -> PathBuf {
    cache_dir.join("search-files.bin")
}

/// The index files of a build and the hash of what they were made of.
#[derive(Debug, PartialEq, Eq)]
pub struct LastFiles {
    pub inputs: u64,
    /// Each file's path and the hash of its bytes, in the order the index gives them.
    pub files: Vec<(String, u64)>,
}

impl LastFiles {
    /// The list in `file`, or none when it is missing, written by another program or
    /// damaged.
    pub fn read(file: &Path) -> Option<LastFiles> {
        let bytes = std::fs::read(file).ok()?;
        LastFiles::parse(&bytes, crate::cache::program_identity())
    }

    fn parse(bytes: &[u8], identity: u64) -> Option<LastFiles> {
        if !is_intact(bytes, MAGIC, VERSION, identity) {
            return None;
        }
        let mut at = HEADER;
        let inputs = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
        at += 8;
        let count = read_varint(bytes, &mut at)? as usize;
        let mut files = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let len = read_varint(bytes, &mut at)? as usize;
            let path = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?;
            at += len;
            let hash = u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?);
            at += 8;
            files.push((path.to_string(), hash));
        }
        (at == bytes.len()).then_some(LastFiles { inputs, files })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(16 + self.files.len() * 32);
        body.extend_from_slice(&self.inputs.to_le_bytes());
        push_varint(&mut body, self.files.len() as u32);
        for (path, hash) in &self.files {
            push_varint(&mut body, path.len() as u32);
            body.extend_from_slice(path.as_bytes());
            body.extend_from_slice(&hash.to_le_bytes());
        }
        framed(MAGIC, VERSION, &body)
    }
}

/// A cached build's view of its last index files: the hash of what its own are made of, and
/// the list the last build left in the cache folder.
pub struct LastBuild {
    file: PathBuf,
    /// Every document's keys, which the hash is made of (the kept index compares them too).
    keys: Vec<DocKeys>,
    inputs: u64,
    last: Option<LastFiles>,
}

impl LastBuild {
    /// The last build's list in the cache folder `cache_dir`, for `site` (search on).
    pub fn read(site: &Site, cache_dir: &Path) -> LastBuild {
        let file = path(cache_dir);
        let keys = doc_keys_of(site);
        LastBuild {
            last: LastFiles::read(&file),
            inputs: inputs_hash_of(site, &keys),
            keys,
            file,
        }
    }

    /// Every document's keys ([`doc_keys_of`]), for the kept index.
    pub fn keys(&self) -> &[DocKeys] {
        &self.keys
    }

    /// The last build's files when they were made of the same as this build's would be.
    pub fn unchanged(&self) -> Option<&[(String, u64)]> {
        self.last
            .as_ref()
            .filter(|last| last.inputs == self.inputs)
            .map(|last| last.files.as_slice())
    }

    /// Leaves `files` (path and hash, in the index's order), made of this build's inputs,
    /// for the next build, unless the cache has them already.
    pub fn save(&self, files: Vec<(String, u64)>) {
        let list = LastFiles {
            inputs: self.inputs,
            files,
        };
        if self.last.as_ref() == Some(&list) {
            return;
        }
        // Only an optimization: a list that cannot be written makes the next build compute
        // its index (the article cache beside it warns of an unwritable folder).
        if let Some(dir) = self.file.parent() {
            let _ = std::fs::create_dir_all(dir)
                .and_then(|()| crate::files::write_atomically(&self.file, &list.to_bytes()));
        }
    }
}

/// A hash of everything the index files of `site` are made of: equal hashes, equal files.
#[cfg(test)]
fn inputs_hash(site: &Site) -> u64 {
    inputs_hash_of(site, &doc_keys_of(site))
}

/// [`inputs_hash`] of `site` whose documents' keys are `keys`. The kept index takes what
/// equal keys say for its files, so it holds for all of them: the keys are each
/// document's terms and result (the articles' fields they are made of, hashed when the
/// article was read), and the rest is the site's tags and the language.
fn inputs_hash_of(site: &Site, keys: &[DocKeys]) -> u64 {
    let language = &site.config.language;
    let stemmer = Stemmer::for_language(language);
    let mut h = Xxh3Default::new();
    (VERSION, language, stemmer.name()).hash(&mut h);
    site.config.search.enabled.hash(&mut h);
    keys.len().hash(&mut h);
    for key in keys {
        (key.terms, key.result).hash(&mut h);
    }
    for tag in site.tags.iter() {
        (&tag.name, &tag.slug, tag.articles.len()).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> LastFiles {
        LastFiles {
            inputs: 0x1234_5678_9abc_def0,
            files: vec![
                ("search/t/a.js".to_string(), 7),
                ("search/m/0.js".to_string(), u64::MAX),
                ("search/root.js".to_string(), 0),
            ],
        }
    }

    fn site(articles: &[(&str, &str)]) -> Site {
        let config = crate::config::Config::parse(
            Path::new("."),
            Path::new("site.toml"),
            "title = \"T\"\nlanguage = \"id\"\n[search]\nenabled = true\n",
        )
        .unwrap();
        let articles = articles
            .iter()
            .map(|(name, text)| {
                let file = format!("content/{name}.md");
                let a = crate::content::parse_article(&config, Path::new(&file), text);
                std::sync::Arc::new(a.unwrap().0)
            })
            .collect();
        let selection = crate::site::Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
        };
        Site::build(config, articles, selection).unwrap()
    }

    /// The same site gives the same hash; every field a result or a filter shows changes it.
    #[test]
    fn the_inputs_hash_follows_what_the_index_shows() {
        let text = "---\ntitle: Banjir\ndate: 2024-03-05T10:00:00+07:00\nslug: banjir\ntags: [Cuaca]\nsource_name: Kabar\nsource: https://kabar.id/a\ncategory: Kota\n---\nAir naik.\n";
        let other = text.replace("Banjir", "Gempa").replace("banjir", "gempa");
        let base = inputs_hash(&site(&[("a", text), ("b", &other)]));
        assert_eq!(base, inputs_hash(&site(&[("a", text), ("b", &other)])));
        for (what, from, to) in [
            ("body", "Air naik.", "Air surut."),
            ("title", "title: Banjir", "title: Banjir Besar"),
            ("path", "slug: banjir", "slug: banjir-besar"),
            ("date", "T10:00:00+07:00", "T11:00:00+07:00"),
            ("date and offset", "T10:00:00+07:00", "T23:00:00+00:00"),
            ("tag", "tags: [Cuaca]", "tags: [Hujan]"),
            ("source name", "source_name: Kabar", "source_name: Warta"),
            (
                "source",
                "source: https://kabar.id/a",
                "source: https://warta.id/a",
            ),
            ("category", "category: Kota", "category: Desa"),
        ] {
            let edited = text.replace(from, to);
            assert_ne!(edited, text, "{what}");
            let hash = inputs_hash(&site(&[("a", &edited), ("b", &other)]));
            assert_ne!(hash, base, "{what} left the hash as it was");
        }
        let one = inputs_hash(&site(&[("a", text)]));
        assert_ne!(one, base, "an article deleted");
    }

    #[test]
    fn a_written_list_reads_back() {
        let identity = crate::cache::program_identity();
        assert_eq!(LastFiles::parse(&list().to_bytes(), identity), Some(list()));
    }

    #[test]
    fn a_damaged_old_or_foreign_list_is_none() {
        let identity = crate::cache::program_identity();
        let good = list().to_bytes();
        for at in [0, 9, 14, 22, HEADER, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            assert_eq!(LastFiles::parse(&bad, identity), None, "byte {at} flipped");
        }
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
        assert_eq!(LastFiles::parse(&old, identity), None, "an older version");
        assert_eq!(LastFiles::parse(&good[..good.len() - 3], identity), None);
        assert_eq!(LastFiles::parse(&[], identity), None);
        assert_eq!(LastFiles::parse(&good, identity ^ 1), None);
    }
}
