//! The site's indexes (terms, archives, related articles) kept in `.cermin-cache/site.bin`
//! for the next cached build: after an edit that moves no article (the same paths, dates,
//! tags and terms, in the same order), they are read instead of made again. Making them
//! (every article's terms slugged and gathered, its related articles ranked among its tags'
//! neighbours) was ~10% of a one-edit build at 100,000 articles.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3Default;

use super::Indexes;
use crate::cache::checked::{HEADER, framed, is_intact};
use crate::config::Config;

const MAGIC: &[u8; 8] = b"CRMNSITE";
const VERSION: u32 = 1;

/// The file in the cache folder `cache_dir`.
pub fn path(cache_dir: &Path) -> PathBuf {
    cache_dir.join("site.bin")
}

/// What the indexes are made of: each article's place (`structure`, its structure hash in
/// site order) and the settings the indexes read.
pub fn key(config: &Config, structure: &[u64]) -> u64 {
    let mut h = Xxh3Default::new();
    structure.hash(&mut h);
    (&config.tags, &config.taxonomies).hash(&mut h);
    // Periods are the days of the site's time zone (structure hashes hold instants, and
    // every date is in that zone), named in its language; days may be off.
    config.timezone.name().hash(&mut h);
    (&config.language, config.archives.days).hash(&mut h);
    config.related_count.hash(&mut h);
    h.finish()
}

/// The indexes kept in `file` for `key`, if it holds whole ones written by this program.
pub fn read(file: &Path, key: u64) -> Option<Indexes> {
    let bytes = std::fs::read(file).ok()?;
    if !is_intact(&bytes, MAGIC, VERSION, crate::cache::program_identity()) {
        return None;
    }
    let (kept_key, indexes): (u64, Indexes) = postcard::from_bytes(&bytes[HEADER..]).ok()?;
    (kept_key == key).then_some(indexes)
}

/// Keeps `indexes`, made for `key`, in `file` (replaced whole).
pub fn write(file: &Path, key: u64, indexes: &Indexes) -> std::io::Result<()> {
    let body = postcard::to_stdvec(&(key, indexes)).map_err(std::io::Error::other)?;
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder)?;
    }
    crate::files::write_atomically(file, &framed(MAGIC, VERSION, &body))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::content::Article;
    use crate::site::{Selection, Site};

    fn settings(root: &Path, extra: &str) -> Config {
        let text = format!("title = \"T\"\nbase_url = \"https://contoh.test/\"\n{extra}");
        Config::parse(root, &root.join("site.toml"), &text).expect("config")
    }

    fn article(config: &Config, name: &str, date: &str, tags: &str) -> Arc<Article> {
        let file = config.content_dir().join(format!("{name}.md"));
        let text = format!("---\ntitle: {name}\ndate: {date}\ntags: [{tags}]\n---\nIsi.\n");
        let (article, _) =
            crate::content::load::parse_bytes(config, &file, text.into_bytes()).expect("parsed");
        Arc::new(article)
    }

    fn articles(config: &Config) -> Vec<Arc<Article>> {
        vec![
            article(config, "a", "2024-05-01", "Banjir, Kota"),
            article(config, "b", "2024-05-02", "Banjir"),
            article(config, "c", "2024-06-03", "Kota, Cuaca"),
        ]
    }

    fn selection() -> Selection {
        Selection {
            drafts: false,
            future: true,
            now: chrono::Utc::now(),
        }
    }

    fn site_indexes(site: &Site) -> (Vec<super::super::Term>, Vec<Box<[u32]>>, usize) {
        (site.tags.to_vec(), site.related.to_vec(), site.days.len())
    }

    /// A cached build makes the indexes, keeps them, and the next takes the kept ones: the
    /// same site either way.
    #[test]
    fn kept_indexes_are_taken_while_no_article_moved() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = settings(root.path(), "");
        let cache = root.path().join(".cermin-cache");
        let made = Site::build(config.clone(), articles(&config), selection()).unwrap();
        let first =
            Site::build_cached(config.clone(), articles(&config), selection(), &cache).unwrap();
        assert_eq!(site_indexes(&first), site_indexes(&made));
        let structure: Vec<u64> = made.articles.iter().map(|a| a.structure_hash).collect();
        let kept = read(&path(&cache), key(&config, &structure)).expect("kept");
        assert_eq!(kept, Indexes::of(&config, &made.articles));

        let second =
            Site::build_cached(config.clone(), articles(&config), selection(), &cache).unwrap();
        assert_eq!(site_indexes(&second), site_indexes(&made));
    }

    /// An article moved (a tag more), other settings, another program's or a damaged file:
    /// the kept indexes are not taken.
    #[test]
    fn kept_indexes_are_not_taken_for_other_places_settings_or_bytes() {
        let root = tempfile::tempdir().expect("temp dir");
        let config = settings(root.path(), "");
        let cache = root.path().join(".cermin-cache");
        let site =
            Site::build_cached(config.clone(), articles(&config), selection(), &cache).unwrap();
        let structure: Vec<u64> = site.articles.iter().map(|a| a.structure_hash).collect();
        let file = path(&cache);
        assert!(read(&file, key(&config, &structure)).is_some());

        let mut moved = articles(&config);
        moved[1] = article(&config, "b", "2024-05-02", "Banjir, Cuaca");
        let retagged =
            Site::build_cached(config.clone(), moved.clone(), selection(), &cache).unwrap();
        let made = Site::build(config.clone(), moved, selection()).unwrap();
        assert_eq!(site_indexes(&retagged), site_indexes(&made));
        assert_ne!(site_indexes(&retagged), site_indexes(&site));

        let fewer = settings(root.path(), "related_count = 1\n");
        assert_ne!(key(&fewer, &structure), key(&config, &structure));
        let no_days = settings(root.path(), "[archives]\ndays = false\n");
        assert_ne!(key(&no_days, &structure), key(&config, &structure));
        // The same instants fall on other days elsewhere.
        let elsewhere = settings(root.path(), "timezone = \"America/New_York\"\n");
        assert_ne!(key(&elsewhere, &structure), key(&config, &structure));

        let site_key = key(&config, &structure);
        write(&file, site_key, &Indexes::of(&config, &site.articles)).unwrap();
        assert!(read(&file, site_key).is_some());
        let mut bytes = std::fs::read(&file).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        assert!(read(&file, site_key).is_none(), "damaged");
    }
}
