//! The image cache, `.cermin-cache/images/`: every encoded file under the key of what made
//! it (source bytes, size, format, quality), so no image is encoded twice for the same
//! bytes and settings. Files are written whole (to a temporary name, then renamed), so a
//! build that stops, or two builds at once, never leave half a file under a key.

use std::path::{Path, PathBuf};

use super::Format;

/// The cache folder of the images of a site whose build cache is `cache_dir`.
pub fn folder(cache_dir: &Path) -> PathBuf {
    cache_dir.join("images")
}

/// The file holding the bytes of `key`.
pub fn file(cache_dir: &Path, key: u64, format: Format) -> PathBuf {
    folder(cache_dir).join(format!("{key:016x}.{}", format.ext()))
}

/// The size of the cached file of `key`, if it is there.
pub fn len(cache_dir: &Path, key: u64, format: Format) -> Option<u64> {
    std::fs::metadata(file(cache_dir, key, format))
        .ok()
        .map(|m| m.len())
}

/// The bytes of `key`, if they are there.
pub fn read(cache_dir: &Path, key: u64, format: Format) -> Option<Vec<u8>> {
    std::fs::read(file(cache_dir, key, format)).ok()
}

/// Keeps `bytes` under `key`. A cache that cannot be written only costs time later.
pub fn write(cache_dir: &Path, key: u64, format: Format, bytes: &[u8]) {
    let dir = folder(cache_dir);
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&dir) {
        use std::io::Write;
        if tmp.write_all(bytes).is_ok() {
            let _ = tmp.persist(file(cache_dir, key, format));
        }
    }
}
