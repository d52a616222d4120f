//! The record that lets a cached build trust the output folder the last build left, without a
//! `stat` of each file it made there: `.cermin-cache/output-trust.bin` holds the folder's own
//! stamp (size, modification time, inode) as that build left it, and the stamp of the output
//! manifest (`output.bin`) it goes with.
//!
//! A file added, removed or renamed at the top of the folder changes the folder's stamp; a
//! file changed in place, or anything in a folder below, does not (docs/building.md says
//! which damage a plain cached build repairs and which needs `--verify-output`).
//!
//! The record is removed before a build changes the output folder and written again after
//! that build saved its manifest: a build killed in between leaves no record, and the next
//! one looks at every file. A folder stamp taken in the clock tick the record was written in
//! is not trusted, as git treats a "racily clean" file: a change in that same tick would
//! leave the stamp as it was.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FileStamp;

/// The form of the record; one of another form is not read.
const FORM: u32 = 1;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    form: u32,
    /// The output manifest's stamp when the record was written.
    manifest: FileStamp,
    /// The output folder's stamp.
    folder: FileStamp,
}

/// Where the record is, in the cache folder `dir`.
fn path(dir: &Path) -> PathBuf {
    dir.join("output-trust.bin")
}

/// The output folder's stamp as the last build left it, when the record goes with the
/// manifest whose stamp (as it was read) is `manifest` and was written in a later clock tick
/// than the folder's last change.
pub fn read(dir: &Path, manifest: FileStamp) -> Option<FileStamp> {
    let file = path(dir);
    let written = FileStamp::exact(&std::fs::metadata(&file).ok()?);
    let record: Record = postcard::from_bytes(&std::fs::read(&file).ok()?).ok()?;
    (record.form == FORM && record.manifest == manifest && record.folder.mtime < written.mtime)
        .then_some(record.folder)
}

/// Removes the record (before the output folder changes). A cache folder that is not there
/// (or is a file) holds none.
pub fn forget(dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(path(dir)) {
        Err(e)
            if !matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Err(e)
        }
        _ => Ok(()),
    }
}

/// Records the output folder's stamp `folder` with the manifest file `manifest` as it is now.
pub fn record(dir: &Path, manifest: &Path, folder: FileStamp) -> io::Result<()> {
    let record = Record {
        form: FORM,
        manifest: FileStamp::exact(&std::fs::metadata(manifest)?),
        folder,
    };
    let bytes = postcard::to_allocvec(&record).map_err(io::Error::other)?;
    crate::files::write_atomically(&path(dir), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn stamp(path: &Path) -> FileStamp {
        FileStamp::exact(&std::fs::metadata(path).unwrap())
    }

    /// Sets the modification time of `path` `secs` seconds back.
    fn age(path: &Path, secs: u64) {
        let past = SystemTime::now() - Duration::from_secs(secs);
        std::fs::File::open(path)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }

    /// The record is read back only with the manifest it was written with, and only while
    /// it is dated after the folder's last change; forgotten, there is none.
    #[test]
    fn a_record_stands_for_its_manifest_and_a_folder_changed_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let (manifest, folder) = (dir.path().join("output.bin"), dir.path().join("public"));
        std::fs::write(&manifest, b"m").unwrap();
        std::fs::create_dir(&folder).unwrap();
        age(&folder, 3600);
        record(dir.path(), &manifest, stamp(&folder)).unwrap();
        assert_eq!(read(dir.path(), stamp(&manifest)), Some(stamp(&folder)));
        // Another manifest (written whole and renamed in, as the cache writes it).
        let other = dir.path().join("other.bin");
        std::fs::write(&other, b"m").unwrap();
        assert_eq!(read(dir.path(), stamp(&other)), None);
        forget(dir.path()).unwrap();
        assert_eq!(read(dir.path(), stamp(&manifest)), None);
        forget(dir.path()).unwrap();
    }

    /// A folder stamp from the same clock tick as the record (or later) is not trusted: a
    /// change made in that tick would leave it as it was.
    #[test]
    fn a_folder_stamp_not_older_than_its_record_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (manifest, folder) = (dir.path().join("output.bin"), dir.path().join("public"));
        std::fs::write(&manifest, b"m").unwrap();
        std::fs::create_dir(&folder).unwrap();
        record(dir.path(), &manifest, stamp(&folder)).unwrap();
        let file = path(dir.path());
        let folder_time = std::fs::metadata(&folder).unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(folder_time)
            .unwrap();
        assert_eq!(read(dir.path(), stamp(&manifest)), None);
    }

    /// A cache folder that is a file holds no record to forget.
    #[test]
    fn forgetting_in_a_cache_folder_that_is_a_file_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_folder = dir.path().join(".cermin-cache");
        std::fs::write(&not_a_folder, b"x").unwrap();
        forget(&not_a_folder).unwrap();
    }
}
