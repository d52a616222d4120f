//! The build cache in `<site>/.cermin-cache/`: what `cermin build` can reuse from the last
//! build. Parsed articles (keyed by file content) skip parsing and Markdown; output files
//! (keyed by the signature of their inputs) skip rendering and writing, hard-linked instead.
//!
//! Everything here is an optimization: a missing, stale or corrupt cache is ignored and
//! rebuilt, and a build with or without it writes the same bytes (tested).

pub mod articles;
pub mod outputs;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3Default;

/// The cache folder of a site.
pub fn dir(root: &Path) -> PathBuf {
    root.join(".cermin-cache")
}

/// Identifies the program that wrote a cache: a new cermin (even an unreleased rebuild of the
/// same version) renders differently, so its cache is not reused.
pub fn program_identity() -> u64 {
    let mut h = Xxh3Default::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        meta.len().hash(&mut h);
        meta.modified().ok().hash(&mut h);
    }
    h.finish()
}

/// Writes `bytes` to `path` whole or not at all (temporary file, then rename).
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
