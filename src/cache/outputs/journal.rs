//! The output manifest's records of files in two parts, so that a build which changed a few
//! files writes a few records, not one per file of the site (13.5 MB at 100,000 articles):
//! a base (`output-files.bin`), rewritten now and then, and the changes since it, which every
//! build writes into the manifest (`output.bin`) whole, old changes and its own.
//!
//! A base names itself by a number the manifest repeats, so a manifest is read with the one
//! base it was written for. A build removes the manifest before it changes anything and
//! writes a new base before the manifest that goes with it: a build killed at any point
//! leaves either the last build's manifest and base or no manifest at all (and then nothing
//! is reused), never a manifest read with another base.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use super::Made;

/// The form of a base; one of another form is not read.
const FORM: u32 = 1;

/// The records of every file a build made, as that build left them.
#[derive(Serialize, Deserialize)]
struct Base<F> {
    form: u32,
    /// The number the manifest names it by.
    id: u64,
    /// The records (read as `Vec<(String, Made)>`, written from `&[(&str, Made)]`).
    files: F,
}

/// Where the base is, in the cache folder `dir`.
fn path(dir: &Path) -> PathBuf {
    dir.join("output-files.bin")
}

/// The files of the base numbered `id` in the cache folder `dir`; None when there is none,
/// or another.
pub(super) fn read_base(dir: &Path, id: u64) -> Option<Vec<(String, Made)>> {
    let bytes = std::fs::read(path(dir)).ok()?;
    let base: Base<Vec<(String, Made)>> = postcard::from_bytes(&bytes).ok()?;
    (base.form == FORM && base.id == id).then_some(base.files)
}

/// Writes `files` as the base in the cache folder `dir`, under a number that is not
/// `replaced`'s (the base it takes the place of); returns that number.
pub(super) fn write_base(
    dir: &Path,
    replaced: u64,
    files: &[(&str, Made)],
) -> std::io::Result<u64> {
    let id = new_id(replaced);
    let base = Base {
        form: FORM,
        id,
        files,
    };
    // Written as it is encoded: no buffer of the whole base in memory.
    crate::files::write_atomically_with(&path(dir), |file| {
        postcard::to_io(&base, file)
            .map(drop)
            .map_err(std::io::Error::other)
    })?;
    Ok(id)
}

/// A base's number: never `replaced`'s, nor (but by a 64-bit accident) one an earlier base
/// of this cache had.
fn new_id(replaced: u64) -> u64 {
    let mut h = Xxh3Default::new();
    replaced.hash(&mut h);
    std::process::id().hash(&mut h);
    std::time::SystemTime::now().hash(&mut h);
    match h.finish() {
        id if id == replaced => id.wrapping_add(1),
        id => id,
    }
}

/// Whether `changes` records of changes are enough to write a base of the `files` records
/// of a site anew, so that no build writes many: a build writes the changes every time (up
/// to a sixty-fourth of the base) and the base once in many builds.
pub(super) fn time_to_rewrite(changes: usize, files: usize) -> bool {
    changes > 1024.max(files / 64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::FileStamp;

    fn made(signature: u64) -> Made {
        let meta = std::fs::metadata(".").unwrap();
        Made {
            signature,
            stamp: FileStamp::exact(&meta),
        }
    }

    #[test]
    fn a_base_is_read_under_its_own_number_only() {
        let dir = tempfile::tempdir().unwrap();
        let files = [("a/index.html", made(1)), ("b.xml", made(2))];
        let id = write_base(dir.path(), 0, &files).unwrap();
        assert_ne!(id, 0);
        let read = read_base(dir.path(), id).expect("its own number");
        assert_eq!(read.len(), 2);
        assert_eq!((read[0].0.as_str(), read[0].1), files[0]);
        assert!(read_base(dir.path(), id ^ 1).is_none(), "another number");
        // Written again, the base has another number: a manifest of the first finds none.
        let again = write_base(dir.path(), id, &files[..1]).unwrap();
        assert_ne!(again, id);
        assert!(read_base(dir.path(), id).is_none());
        assert_eq!(read_base(dir.path(), again).map(|f| f.len()), Some(1));
    }

    #[test]
    fn a_base_is_rewritten_once_the_changes_are_many() {
        assert!(!time_to_rewrite(10, 150_000));
        assert!(!time_to_rewrite(1024, 10));
        assert!(time_to_rewrite(1025, 10));
        assert!(!time_to_rewrite(15_000, 1_000_000));
        assert!(time_to_rewrite(15_626, 1_000_000));
    }
}
