//! `stat`s of many files through open folders near them. The kernel walks a path one
//! component at a time, and a cached build looks at every content and output file: a `stat`
//! of `2024/02/10/slug/index.html` from the output folder is five lookups, while through the
//! folder `2024/02/10`, opened once for its hundred pages, it is two.
//!
//! Each rayon thread keeps the last folder it opened: files are looked at in their listing's
//! (or the site's) order and a thread takes a run of neighbours, so most share it. The
//! folders are closed with the [`NearFolders`], at the end of the pass that made it: none
//! outlives the build that opened it (a folder replaced since would show its old files).

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::Mutex;

use rustix::fs::{AtFlags, Mode, OFlags, Stat};

/// A folder a thread opened, by its path from the base.
struct Near {
    folder: Vec<u8>,
    fd: OwnedFd,
}

/// The folders near the files one pass looks at, one per rayon thread, below `base`.
pub struct NearFolders<F> {
    /// What the paths are relative to (an open folder, or the working folder).
    base: F,
    /// How many of a path's components are walked from the folder kept for it.
    walked: usize,
    /// One per rayon thread (by its index): each is locked by its own thread only.
    slots: Vec<Mutex<Option<Near>>>,
}

impl NearFolders<BorrowedFd<'static>> {
    /// For paths relative to the working folder (or absolute), each looked at through its
    /// own folder.
    pub fn of_working_folder() -> NearFolders<BorrowedFd<'static>> {
        NearFolders::new(rustix::fs::CWD, 1)
    }
}

impl<F: AsFd> NearFolders<F> {
    /// For paths relative to `base` (absolute ones are taken as they are), of which the
    /// last `walked` components (at least one) are walked from the folder above them.
    pub fn new(base: F, walked: usize) -> NearFolders<F> {
        NearFolders {
            base,
            walked: walked.max(1),
            slots: (0..rayon::current_num_threads())
                .map(|_| Mutex::new(None))
                .collect(),
        }
    }

    /// The folder the paths are relative to.
    pub fn base(&self) -> BorrowedFd<'_> {
        self.base.as_fd()
    }

    /// The `stat` of `path` (following a symbolic link at its end, as `stat` does): the
    /// same answer as `statat(base, path)`, and the same error when there is none.
    pub fn stat(&self, path: &[u8]) -> rustix::io::Result<Stat> {
        let slot = rayon::current_thread_index().and_then(|i| self.slots.get(i));
        let (Some(slot), Some((folder, rest))) = (slot, split(path, self.walked)) else {
            return rustix::fs::statat(self.base.as_fd(), path, AtFlags::empty());
        };
        let Ok(mut near) = slot.try_lock() else {
            return rustix::fs::statat(self.base.as_fd(), path, AtFlags::empty());
        };
        if near.as_ref().is_none_or(|n| n.folder != folder) {
            // A folder that cannot be opened (gone, not a folder) is looked at the long way,
            // which gives the error the caller would have had.
            let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
            match rustix::fs::openat(self.base.as_fd(), folder, flags, Mode::empty()) {
                Ok(fd) => {
                    *near = Some(Near {
                        folder: folder.to_vec(),
                        fd,
                    })
                }
                Err(_) => {
                    *near = None;
                    return rustix::fs::statat(self.base.as_fd(), path, AtFlags::empty());
                }
            }
        }
        let near = near.as_ref().expect("a folder opened above");
        rustix::fs::statat(near.fd.as_fd(), rest, AtFlags::empty())
    }
}

/// `path` cut before its last `walked` components: (the folder, the rest), or None when
/// it has no folder part to keep (too few components, or only the root above them).
fn split(path: &[u8], walked: usize) -> Option<(&[u8], &[u8])> {
    let mut end = path.len();
    for _ in 0..walked {
        end = path[..end].iter().rposition(|&b| b == b'/')?;
    }
    let (folder, rest) = (&path[..end], &path[end + 1..]);
    // `/x` (the root) and `a//b` (an empty component) are left to the long way.
    (!folder.is_empty() && !folder.ends_with(b"/") && !rest.is_empty()).then_some((folder, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_cut_before_its_last_components() {
        let cut = |p: &str, n| split(p.as_bytes(), n).map(|(f, r)| (f.to_vec(), r.to_vec()));
        let pair = |f: &str, r: &str| Some((f.as_bytes().to_vec(), r.as_bytes().to_vec()));
        assert_eq!(
            cut("2024/02/10/a/index.html", 2),
            pair("2024/02/10", "a/index.html")
        );
        assert_eq!(
            cut("./content/2024/a.md", 1),
            pair("./content/2024", "a.md")
        );
        assert_eq!(cut("/s/content/a.md", 1), pair("/s/content", "a.md"));
        assert_eq!(cut("a/index.html", 2), None);
        assert_eq!(cut("index.html", 1), None);
        assert_eq!(cut("/a.md", 1), None);
        assert_eq!(cut("a//b.md", 1), None);
    }

    /// Every answer is the one a `stat` from the base gives: files in and out of the kept
    /// folder, one changed after its folder was opened, a missing one, a folder that is a
    /// file, across threads.
    #[test]
    fn a_stat_through_a_near_folder_is_the_stat_from_the_base() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = Vec::new();
        for day in ["2024/02/10", "2024/02/11", "2024/03/01"] {
            for page in ["a", "b", "c"] {
                let folder = dir.path().join(day).join(page);
                std::fs::create_dir_all(&folder).expect("folder");
                std::fs::write(folder.join("index.html"), page).expect("file");
                paths.push(format!("{day}/{page}/index.html"));
            }
        }
        std::fs::write(dir.path().join("2024/flat.html"), "x").expect("file");
        paths.extend(
            [
                "2024/flat.html",
                "2024/02/10/none/index.html",
                "2024/flat.html/x/y",
            ]
            .map(String::from),
        );
        let base = rustix::fs::open(
            dir.path(),
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        )
        .expect("open");
        let near = NearFolders::new(base.as_fd(), 2);
        let same = |path: &String| {
            let long = rustix::fs::statat(&base, path.as_str(), AtFlags::empty());
            let short = near.stat(path.as_bytes());
            match (long, short) {
                (Ok(a), Ok(b)) => a.st_ino == b.st_ino && a.st_size == b.st_size,
                (Err(a), Err(b)) => a == b,
                _ => false,
            }
        };
        assert!(paths.par_iter().all(same));
        // A file rewritten after its folder was opened is seen as it is now.
        std::fs::write(dir.path().join("2024/02/10/a/index.html"), "longer").expect("file");
        assert!(paths.par_iter().all(same));
        assert!(paths.iter().all(same), "and outside the pool's threads");
    }
}
