//! The build cache in `<site>/.cermin-cache/`: what `cermin build` can reuse from the last
//! build. Parsed articles (keyed by file content) skip parsing and Markdown; output files
//! (keyed by the signature of their inputs) skip rendering and writing, hard-linked instead.
//!
//! Everything here is an optimization: a missing, stale or corrupt cache is ignored and
//! rebuilt, and a build with or without it writes the same bytes (tested).

pub mod articles;
pub mod checked;
pub mod group_table;
pub mod load;
pub mod output_trust;
pub mod outputs;

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
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

/// Size, modification time and inode of a file, as `make` and `git` use them to tell an
/// unchanged file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileStamp {
    len: u64,
    mtime: (i64, i64),
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file as it is now.
    pub fn exact(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            inode: meta.ino(),
        }
    }

    /// The stamp of a file from `stat` (the same as [`FileStamp::exact`] of its metadata).
    pub fn of_stat(stat: &rustix::fs::Stat) -> FileStamp {
        FileStamp {
            len: stat.st_size as u64,
            mtime: (stat.st_mtime, stat.st_mtime_nsec as i64),
            inode: stat.st_ino,
        }
    }

    /// The stamp of a file, or None when it was modified in the last two seconds: a write
    /// in the same clock tick as the one just seen would leave the stamp equal (git calls
    /// such files "racily clean"), so recent files are always read.
    pub fn settled(meta: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = meta.modified().ok()?;
        let age = std::time::SystemTime::now().duration_since(modified).ok()?;
        (age.as_secs() >= 2).then(|| FileStamp::exact(meta))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cached builds compare a file's `stat` with the stamp recorded from its metadata: the
    /// two must agree, or no file would ever be kept in place.
    #[test]
    fn a_files_stamp_from_stat_equals_its_stamp_from_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.html");
        std::fs::write(&file, b"<p>A</p>").unwrap();
        let stat = rustix::fs::stat(&file).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(FileStamp::of_stat(&stat), FileStamp::exact(&meta));
        std::fs::write(&file, b"<p>B, longer</p>").unwrap();
        let changed = rustix::fs::stat(&file).unwrap();
        assert_ne!(FileStamp::of_stat(&changed), FileStamp::exact(&meta));
    }
}
