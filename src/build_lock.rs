//! One build at a time: an OS lock (`flock`, through `std::fs::File::lock`) on a lock file.
//!
//! A build locks its site (the build cache in `.cermin-cache/`) and its output folder (the
//! staging folder beside it), so two builds never share either: a second build waits for the
//! first. The lock file holds the holder's process id, for the waiting build to name. The
//! system releases the lock when the holder exits, even killed; the holder removes the file
//! as it finishes, so a finished build leaves nothing behind.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// The lock file of a site, in its root folder.
pub fn site_lock_path(root: &Path) -> PathBuf {
    root.join(".cermin-build.lock")
}

/// A lock held until dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    // Closing the file (after `drop` removed it) releases the lock.
    _file: File,
}

/// Takes the lock at `path`, creating the file. When another process holds it, `waiting` is
/// called once with that process's id (if it could be read), then this waits for it.
pub fn acquire(path: &Path, mut waiting: impl FnMut(Option<u32>)) -> io::Result<Lock> {
    let mut told = false;
    // Each turn means a build finished meanwhile; a file that keeps changing under us (a
    // file system that does not keep inode numbers) would otherwise loop forever.
    for _ in 0..1000 {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                if !told {
                    waiting(holder(&file));
                    told = true;
                }
                file.lock()?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
        // The build before us removes the file as it finishes: a lock on a removed file
        // excludes nobody, so take the one at the path now.
        if is_same_file(&file, path) {
            // For the message of a waiting build: not worth failing over. One write of a
            // fixed width, so a reader never sees a mix of two process ids.
            let _ = file.write_all_at(format!("{:>10}\n", std::process::id()).as_bytes(), 0);
            return Ok(Lock {
                path: path.to_path_buf(),
                _file: file,
            });
        }
    }
    Err(io::Error::other(format!(
        "cannot lock {}: the lock file keeps being replaced",
        path.display()
    )))
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked: a build waiting on this file then sees it is gone.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The process id a lock file names. The holder writes it right after taking the lock: a
/// file found empty is read again a few times.
fn holder(file: &File) -> Option<u32> {
    for _ in 0..50 {
        let mut text = [0u8; 16];
        let n = file.read_at(&mut text, 0).ok()?;
        if let Some(pid) = std::str::from_utf8(&text[..n])
            .ok()
            .and_then(|t| t.trim().parse().ok())
        {
            return Some(pid);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    None
}

/// Whether the open `file` is the one at `path` now.
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_names_the_holder_and_gets_it_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = acquire(&path, |_| panic!("nobody holds it")).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let second = std::thread::spawn({
            let path = path.clone();
            move || {
                acquire(&path, |pid| tx.send(pid).unwrap()).unwrap();
            }
        });
        // Locks of one process on two open files exclude each other (flock).
        assert_eq!(rx.recv().unwrap(), Some(std::process::id()));
        drop(first);
        second.join().unwrap();
        assert!(!path.exists(), "the last holder removes the file");
    }
}
