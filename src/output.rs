//! Writing the site: everything goes to a staging folder beside the output folder, which is
//! then swapped in at once. A failed or killed build leaves the old output as it was.
//!
//! Files whose bytes did not change are hard-linked from the old output instead of written,
//! so they keep their modification time (rsync and bucket syncs upload only what changed);
//! files no longer produced simply are not in the new tree.
//!
//! A cached build that changes few files (at most a tenth) of the folder the last cached
//! build made updates it in place instead: the new files, written in full in the staging
//! folder, are renamed over the old ones and files no longer produced are deleted. Making a
//! tree of a million links and deleting the old one would take minutes; this takes the time
//! of the changed files. An error before that point leaves the output as it was.

pub mod writers;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, anyhow, bail};
use rustix::fs::{AtFlags, Mode, OFlags};
use rustix::io::Errno;

use crate::build_lock::Lock;
use crate::cache::FileStamp;
use crate::cache::outputs::{Group, Kept, Offered, OutputCache};
use crate::render::{Groups, Sink};

/// How a build changed the output folder.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// A new output tree being filled beside the current one.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The staging folder, open: files and folders are made relative to it (`openat`,
    /// `mkdirat`), so the kernel walks only the part of each path inside the site.
    root: OwnedFd,
    /// The output folder as it was when the build started, open (none on a first build):
    /// cached builds look at its files relative to it.
    old_output: Option<OwnedFd>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    committed: bool,
    /// Whether there was an output folder to compare new files with (a first build has none).
    had_output: bool,
    /// Folders made so far (relative): saves two system calls per file.
    made_dirs: Mutex<HashSet<String, ahash::RandomState>>,
    /// The build cache to link unchanged files from, and the files put (not linked from the
    /// cache) with their stamps, for the cache to record.
    reuse: Option<Arc<OutputCache>>,
    put_files: Mutex<Vec<(String, FileStamp)>>,
    /// Files of the old output that stay as they are (cached builds only): linked into the
    /// staging tree only when the build ends by swapping trees.
    in_place: Mutex<Vec<String>>,
    /// Files in the staging tree, written or linked from the cache (only when the build may
    /// update in place: otherwise the tree is swapped in whole and the list would cost
    /// memory for nothing).
    staged: Mutex<Vec<String>>,
    /// Whether this build may keep old files where they are: a cached build into the folder
    /// the cache's last build made, whose files the cache lists.
    updatable: bool,
    /// Whether it keeps the files the last build made there without looking at each: the
    /// folder is as that build left it at its top (see [`OutputCache::left_as_made`]).
    trusted: bool,
    /// Whether every file the last build left is looked at (`--verify-output`): the files of
    /// a group too, whose untouched folder would otherwise vouch for them.
    verifying: bool,
    /// The groups of files of the last build offered to keep, each with how it was kept
    /// (for the cache to record; those kept where they are stay, and the cache knows their
    /// files). A group the last build did not make is not kept, and the cache learns of it
    /// from the render.
    groups: Mutex<Vec<Offered>>,
    /// How many files the groups kept where they are have.
    in_place_group_files: AtomicUsize,
}

/// An in-place update changes at most this share of the output's files (1/N); more
/// changes swap a whole new tree in.
const IN_PLACE_SHARE: usize = 10;

impl Staging {
    /// Starts a new tree for `output`. Refuses an output folder that holds a site's sources.
    /// The caller holds the output's lock ([`lock_output`]): the staging folder is its alone.
    pub fn new(output: &Path) -> Result<Staging> {
        let (parent, name) = prepare(output)?;
        let staging = parent.join(format!(".{name}.cermin-staging"));
        if staging.exists() {
            // Left over by a build that was killed: it was never swapped in.
            fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot remove {}", staging.display()))?;
        }
        fs::create_dir(&staging).map_err(|e| write_failed(output, &parent, e))?;
        let root = rustix::fs::open(
            &staging,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| write_failed(output, &staging, e.into()))?;
        let old_output = rustix::fs::open(
            output,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok();
        Ok(Staging {
            old_output,
            output: output.to_path_buf(),
            staging,
            root,
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            committed: false,
            had_output: output.is_dir(),
            made_dirs: Mutex::default(),
            reuse: None,
            put_files: Mutex::default(),
            in_place: Mutex::default(),
            staged: Mutex::default(),
            updatable: false,
            trusted: false,
            verifying: false,
            groups: Mutex::default(),
            in_place_group_files: AtomicUsize::new(0),
        })
    }

    /// Whether this build may keep old files where they are.
    fn updatable(&self) -> bool {
        self.updatable
    }

    /// Links files whose inputs did not change from `cache` instead of rendering them; of
    /// the files the last build left in the output folder, each is looked at before it is
    /// kept (see [`Staging::trusting_untouched_output`]).
    pub fn reusing(mut self, cache: Arc<OutputCache>) -> Staging {
        self.updatable = self.had_output && cache.made_in(&self.output);
        self.reuse = Some(cache);
        self.verifying = true;
        self
    }

    /// Keeps the files the last build made in the output folder without looking at each,
    /// when the folder is the one that build left, untouched at its top since: a `stat` per
    /// file is most of what a one-edit build of a big site costs. A file changed or deleted
    /// by hand deeper in the folder is then not noticed (`cermin build --verify-output`
    /// repairs it). The files of a group of files (a photo's variants) are kept with one look
    /// at their folder.
    pub fn trusting_untouched_output(mut self) -> Staging {
        self.verifying = false;
        self.trusted = self.updatable
            && self
                .reuse
                .as_ref()
                .is_some_and(|cache| cache.left_as_made(&self.output));
        self
    }

    /// The files put (rendered, not linked from the cache) so far, with their stamps.
    pub fn put_files(&self) -> Vec<(String, FileStamp)> {
        std::mem::take(&mut *self.put_files.lock().expect("staging lock"))
    }

    /// The groups of the last build offered so far, each with how it was kept.
    pub fn groups(&self) -> Vec<Offered> {
        self.groups.lock().expect("staging lock").clone()
    }

    /// Makes the folder of `path` in the staging tree, once.
    fn make_parent(&self, path: &str) -> Result<()> {
        if let Some((dir, _)) = path.rsplit_once('/') {
            let made = self.made_dirs.lock().expect("staging lock").contains(dir);
            if !made {
                self.make_dir(dir)?;
            }
        }
        Ok(())
    }

    /// Makes `dir` (relative) and those of its parents not made yet, top down: asking for a
    /// folder whose parent is missing would be a failed system call first.
    fn make_dir(&self, dir: &str) -> Result<()> {
        let missing: Vec<&str> = {
            let made = self.made_dirs.lock().expect("staging lock");
            let mut missing = vec![dir];
            let mut at = dir;
            while let Some((parent, _)) = at.rsplit_once('/') {
                if made.contains(parent) {
                    break;
                }
                missing.push(parent);
                at = parent;
            }
            missing
        };
        // Not under the lock: other threads keep writing meanwhile, and one of them may
        // make the same folder first.
        for dir in missing.into_iter().rev() {
            match rustix::fs::mkdirat(&self.root, dir, Mode::from_raw_mode(0o777)) {
                Err(e) if e != Errno::EXIST => {
                    return Err(write_failed(
                        &self.output,
                        &self.staging.join(dir),
                        e.into(),
                    ));
                }
                _ => {}
            }
            self.made_dirs
                .lock()
                .expect("staging lock")
                .insert(dir.to_string());
        }
        Ok(())
    }

    /// Swaps the new tree in place of the old output, then deletes the old one.
    pub fn commit(mut self) -> Result<WriteStats> {
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let staged = std::mem::take(&mut *self.staged.lock().expect("staging lock"));
        let mut in_place = std::mem::take(&mut *self.in_place.lock().expect("staging lock"));
        let kept_groups: Vec<usize> =
            std::mem::take(&mut *self.groups.lock().expect("staging lock"))
                .into_iter()
                .filter(|o| o.kept.is_in_place())
                .map(|o| o.at)
                .collect();
        let kept_files = self.in_place_group_files.load(Ordering::Relaxed);
        let few = staged.len() * IN_PLACE_SHARE <= staged.len() + in_place.len() + kept_files;
        if self.updatable() && few && self.update_in_place(&staged, &in_place, &kept_groups)? {
            fs::remove_dir_all(&self.staging)
                .with_context(|| format!("cannot remove {}", self.staging.display()))?;
            self.committed = true;
            return Ok(stats);
        }
        // A whole new tree: the files kept in place (those of the groups kept whole too) join
        // it as links, unless the render put new bytes at the same path after keeping it (one
        // of a feed pair, say).
        use rayon::prelude::*;
        if let Some(cache) = &self.reuse {
            for &at in &kept_groups {
                in_place.extend(cache.group_files(at));
            }
        }
        let written: HashSet<&str, ahash::RandomState> =
            staged.iter().map(String::as_str).collect();
        in_place
            .par_iter()
            .filter(|path| !written.contains(path.as_str()))
            .try_for_each(|path| -> Result<()> {
                self.make_parent(path)?;
                let target = self.staging.join(path);
                let old = self.output.join(path);
                match fs::hard_link(&old, &target) {
                    // Kept twice: linked already.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        return self.link_missing(path, &old, &target);
                    }
                    Err(_) => fs::copy(&old, &target).map(drop),
                    Ok(()) => Ok(()),
                }
                .map_err(|e| write_failed(&self.output, &old, e))
            })?;
        if !self.output.exists() {
            fs::rename(&self.staging, &self.output).with_context(|| {
                format!("cannot move the new site into {}", self.output.display())
            })?;
        } else if exchange(&self.staging, &self.output).is_ok() {
            // The staging path now holds the old site.
            fs::remove_dir_all(&self.staging)
                .with_context(|| format!("cannot remove {}", self.staging.display()))?;
        } else {
            let old = self.staging.with_extension("old");
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&self.output, &old)
                .with_context(|| format!("cannot move {} aside", self.output.display()))?;
            fs::rename(&self.staging, &self.output).with_context(|| {
                format!("cannot move the new site into {}", self.output.display())
            })?;
            fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
        }
        self.committed = true;
        Ok(stats)
    }
}

impl Staging {
    /// Puts the cache's copy of `path`, kept without a look (a trusted output folder) but
    /// gone from it (`old`) when the whole tree is swapped, at `target` in the new tree.
    fn link_missing(&self, path: &str, old: &Path, target: &Path) -> Result<()> {
        if self.reuse.as_ref().is_some_and(|c| c.link_to(path, target)) {
            return Ok(());
        }
        bail!(
            "{} was removed from the output folder, and the build cache has no copy of it: run `cermin build --verify-output` to make it again",
            old.display()
        )
    }

    /// Moves the staged files into the output folder and deletes the files the last build
    /// made that this one did not. False, with the output unchanged, when a folder cannot be
    /// made there (a file in the way, say): the build then swaps a whole tree in.
    fn update_in_place(
        &self,
        staged: &[String],
        in_place: &[String],
        kept_groups: &[usize],
    ) -> Result<bool> {
        use rayon::prelude::*;
        // Folders first, the one step that can fail for want of space or because something
        // is in the way: on failure nothing of the output has changed yet.
        let dirs: BTreeSet<&str> = staged.iter().flat_map(|path| ancestors(path)).collect();
        let mut made: Vec<PathBuf> = Vec::new();
        let ready = dirs.iter().all(|dir| {
            let full = self.output.join(dir);
            if full.is_dir() {
                return true;
            }
            let ok = fs::create_dir(&full).is_ok();
            made.push(full);
            ok
        }) && staged.iter().all(|path| !self.output.join(path).is_dir());
        if !ready {
            for dir in made.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
            return Ok(false);
        }
        // Each file is replaced at once: a reader sees the old page or the new one.
        staged.par_iter().try_for_each(|path| {
            let target = self.output.join(path);
            fs::rename(self.staging.join(path), &target)
                .map_err(|e| write_failed(&self.output, &target, e))
        })?;
        let Some(cache) = &self.reuse else {
            return Ok(true);
        };
        let produced: HashSet<&str, ahash::RandomState> =
            staged.iter().chain(in_place).map(String::as_str).collect();
        let stale = cache.paths_not_in(&produced, kept_groups);
        for path in &stale {
            let file = self.output.join(path);
            match fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(write_failed(&self.output, &file, e));
                }
                _ => {}
            }
        }
        // Folders left empty go too, deepest first (one still holding files stays).
        let mut emptied: Vec<&str> = stale.iter().flat_map(|p| ancestors(p)).collect();
        emptied.sort_unstable_by(|a, b| {
            b.matches('/')
                .count()
                .cmp(&a.matches('/').count())
                .then(a.cmp(b))
        });
        emptied.dedup();
        for dir in emptied {
            let _ = fs::remove_dir(self.output.join(dir));
        }
        Ok(true)
    }
}

/// The folders of a relative path, top down: `a/b/c.html` has `a` and `a/b`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(at, _)| &path[..at])
}

/// Checks that `output` can hold a site and makes its parent folder; returns the parent
/// folder and the output folder's name.
fn prepare(output: &Path) -> Result<(PathBuf, String)> {
    if output.join("site.toml").exists() || output.join("content").is_dir() {
        bail!(
            "refusing to write the site into {}: it holds a site's sources (site.toml or content/); choose another --output",
            output.display()
        );
    }
    if output.exists() && !output.is_dir() {
        bail!(
            "{} exists and is not a folder: remove it or choose another --output",
            output.display()
        );
    }
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Some(file) = parent.ancestors().find(|a| a.is_file()) {
        bail!(
            "cannot write the site into {}: {} is a file, not a folder; choose another --output",
            output.display(),
            file.display()
        );
    }
    fs::create_dir_all(parent).map_err(|e| write_failed(output, parent, e))?;
    Ok((parent.to_path_buf(), name))
}

/// Locks the output folder `output` for one build: its staging folder
/// (`.NAME.cermin-staging` beside it) is never shared. The lock file is
/// `.NAME.cermin-lock` beside it; `waiting` hears of a build holding it first (its
/// process id, when known), and this waits for that build to finish.
pub fn lock_output(output: &Path, waiting: impl FnMut(Option<u32>)) -> Result<Lock> {
    let (parent, name) = prepare(output)?;
    crate::build_lock::acquire(&parent.join(format!(".{name}.cermin-lock")), waiting)
        .map_err(|e| write_failed(output, &parent, e))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let old = self.had_output.then(|| self.output.join(path));
        let same = old.as_ref().and_then(|old| same_file(old, bytes));
        if let Some(meta) = same.as_ref().filter(|_| self.updatable()) {
            // Already there: it stays where it is unless the build swaps a whole tree in.
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.in_place
                .lock()
                .expect("staging lock")
                .push(path.to_string());
            self.put_files
                .lock()
                .expect("staging lock")
                .push((path.to_string(), FileStamp::exact(meta)));
            return Ok(());
        }
        self.make_parent(path)?;
        let kept = same.filter(|_| {
            let old = old.as_ref().expect("an old file to compare with");
            fs::hard_link(old, self.staging.join(path)).is_ok()
        });
        let failed = |e| write_failed(&self.output, &self.output.join(path), e);
        let meta = match kept {
            Some(meta) => {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                Some(meta)
            }
            None => {
                let file = write_new(&self.root, path, bytes).map_err(failed)?;
                self.written.fetch_add(1, Ordering::Relaxed);
                // Only the cache needs it; asked of the open file: no second walk of the path.
                self.reuse
                    .is_some()
                    .then(|| file.metadata())
                    .transpose()
                    .map_err(failed)?
            }
        };
        if self.updatable() {
            self.staged
                .lock()
                .expect("staging lock")
                .push(path.to_string());
        }
        if let (Some(_), Some(meta)) = (&self.reuse, meta) {
            // The cache records what it may link next time.
            self.put_files
                .lock()
                .expect("staging lock")
                .push((path.to_string(), FileStamp::exact(&meta)));
        }
        Ok(())
    }

    fn keep(&self, path: &str) -> Result<bool> {
        let Some(cache) = &self.reuse else {
            return Ok(false);
        };
        self.keep_made(
            path,
            || match self.trusted {
                true => cache.made_file(path),
                false => self
                    .old_output
                    .as_ref()
                    .is_some_and(|dir| cache.is_intact(dir, path)),
            },
            |target| cache.link_to(path, target),
        )
    }

    /// Keeps an unchanged group where it is when its folder is as the cache last saw it
    /// (no file of it added, removed or renamed since) and the build does not look at every
    /// file (`--verify-output`): one look and one entry for the whole group. Otherwise keeps it where it is when each of its files is still the one the
    /// last build made, or links the cache's copies of them into the new tree.
    fn keep_group(
        &self,
        key: &str,
        group: &Group,
        signature: u64,
        _previous: &Groups,
    ) -> Result<bool> {
        // The cache knows the last build's groups (they are not among its files' signatures).
        let last = self.reuse.as_ref().and_then(|c| {
            let at = c.group_at(key, group)?;
            Some((at, c.group_signature_at(at) == signature))
        });
        let kept = match last {
            Some((at, true)) => self.keep_group_as(key, at)?,
            _ => Kept::No,
        };
        if kept.is_kept() {
            self.unchanged.fetch_add(group.len(), Ordering::Relaxed);
        }
        if kept.is_in_place() {
            self.in_place_group_files
                .fetch_add(group.len(), Ordering::Relaxed);
        }
        if let Some((at, unchanged)) = last {
            self.groups.lock().expect("staging lock").push(Offered {
                at,
                kept,
                unchanged,
            });
        }
        Ok(kept.is_kept())
    }
}

impl Staging {
    /// How the group `key`, unchanged since the last build made it (its place `at` there),
    /// can be kept (see [`Sink::keep_group`]); its files are in place or in the staging tree
    /// when it can.
    fn keep_group_as(&self, key: &str, at: usize) -> Result<Kept> {
        let Some(cache) = self.reuse.as_ref() else {
            return Ok(Kept::No);
        };
        if let Some(output) = self.old_output.as_ref().filter(|_| self.updatable()) {
            if !self.verifying && cache.folder_is_intact(output, at) {
                return Ok(Kept::InItsFolder);
            }
            if cache.group_is_intact(output, at) {
                return Ok(Kept::InPlace);
            }
        }
        self.make_parent(key)?;
        if !cache.link_group_to(at, &self.staging) {
            return Ok(Kept::No);
        }
        if self.updatable() {
            self.staged
                .lock()
                .expect("staging lock")
                .extend(cache.group_files(at));
        }
        Ok(Kept::Linked)
    }

    /// Keeps the file the last build made at `path`: where it is when it is `intact` there
    /// (and the build may update in place), else `link`ed from the cache into the staging tree.
    fn keep_made(
        &self,
        path: &str,
        intact: impl FnOnce() -> bool,
        link: impl FnOnce(&Path) -> bool,
    ) -> Result<bool> {
        if self.updatable() && intact() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.in_place
                .lock()
                .expect("staging lock")
                .push(path.to_string());
            return Ok(true);
        }
        self.make_parent(path)?;
        let kept = link(&self.staging.join(path));
        if kept && self.updatable() {
            self.staged
                .lock()
                .expect("staging lock")
                .push(path.to_string());
        }
        if kept {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        Ok(kept)
    }
}

/// Writes a new file at `path` (relative to the folder `root`), returned still open. A file
/// already there (linked from the cache a moment ago, say) is replaced, never written
/// through: its inode is shared with the cache.
fn write_new(root: &OwnedFd, path: &str, bytes: &[u8]) -> io::Result<fs::File> {
    use std::io::Write;
    // As `File::create_new`: the permissions `rw-rw-rw-` less the umask.
    let open = || {
        rustix::fs::openat(
            root,
            path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )
    };
    let fd = match open() {
        Err(Errno::EXIST) => {
            rustix::fs::unlinkat(root, path, AtFlags::empty())?;
            open()?
        }
        other => other?,
    };
    let mut file = fs::File::from(fd);
    file.write_all(bytes)?;
    Ok(file)
}

/// An error writing the site, said in the user's terms: a full disk, a file over the size
/// limit, a read-only or unwritable folder name the output folder and what to do; anything
/// else names the path and the system's error.
fn write_failed(output: &Path, path: &Path, e: io::Error) -> anyhow::Error {
    let out = output.display();
    let path = path.display();
    match e.kind() {
        io::ErrorKind::StorageFull => anyhow!(
            "cannot write the site into {out}: the disk is full (no space left on device): free some space or choose another --output"
        ),
        io::ErrorKind::QuotaExceeded => anyhow!(
            "cannot write the site into {out}: the disk quota is exceeded: free some space or choose another --output"
        ),
        io::ErrorKind::FileTooLarge => anyhow!(
            "cannot write the site into {out}: {path} is larger than the file size limit allows (ulimit -f): raise the limit or make the page smaller"
        ),
        io::ErrorKind::ReadOnlyFilesystem => anyhow!(
            "cannot write the site into {out}: the file system is read-only: choose another --output"
        ),
        io::ErrorKind::PermissionDenied => anyhow!(
            "cannot write the site into {out}: permission denied on {path}: make the folder writable or choose another --output"
        ),
        _ => anyhow::Error::new(e).context(format!("cannot write {path}")),
    }
}

/// The metadata of the file at `path` if it holds exactly `bytes`.
fn same_file(path: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes).then_some(m)
        }
        _ => None,
    }
}

/// Atomically exchanges two paths (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; the call has no memory effects on us.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::outputs::{Signatures, SignedGroup};
    use std::time::{Duration, SystemTime};

    #[test]
    fn unchanged_files_keep_their_mtime_and_stale_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.put("a.html", b"A").unwrap();
        s.put("old.html", b"O").unwrap();
        s.commit().unwrap();
        let past = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(out.join("a.html"))
            .unwrap()
            .set_modified(past)
            .unwrap();

        let s = Staging::new(&out).unwrap();
        s.put("a.html", b"A").unwrap();
        s.put("b.html", b"B").unwrap();
        let stats = s.commit().unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert_eq!(
            fs::metadata(out.join("a.html"))
                .unwrap()
                .modified()
                .unwrap(),
            past
        );
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"B");
        assert!(!dir.path().join(".public.cermin-staging").exists());
    }

    /// A feed pair is kept as a pair: when one of the two must be rendered again, the one
    /// already kept is put too. The bytes put win, whether the tree is swapped or updated.
    #[test]
    fn a_file_kept_then_put_again_ends_with_the_bytes_put() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |files: &[(&str, &[u8], u64)], kept: &[&str]| {
            let cache = Arc::new(OutputCache::load(dir.path(), 1));
            let s = Staging::new(&out).unwrap().reusing(cache.clone());
            for path in kept {
                assert!(s.keep(path).unwrap(), "{path} was not kept");
            }
            for (path, bytes, _) in files {
                s.put(path, bytes).unwrap();
            }
            let put = s.put_files();
            s.commit().unwrap();
            let signatures = files
                .iter()
                .map(|(path, _, signature)| (path.to_string(), *signature))
                .collect();
            cache
                .save(&out, listed(&signatures), &Groups::default(), &put, &[])
                .unwrap();
        };
        build(&[("rss.xml", b"R1", 1), ("atom.xml", b"A1", 1)], &[]);
        // Both changed: more than a tenth of the files, so a new tree is swapped in.
        build(
            &[("rss.xml", b"R2", 2), ("atom.xml", b"A2", 2)],
            &["rss.xml"],
        );
        assert_eq!(fs::read(out.join("rss.xml")).unwrap(), b"R2");
        assert_eq!(fs::read(out.join("atom.xml")).unwrap(), b"A2");
        // Among many unchanged files: the folder is updated in place.
        let names: Vec<String> = (0..20).map(|i| format!("p{i}.html")).collect();
        let mut files: Vec<(&str, &[u8], u64)> =
            names.iter().map(|n| (n.as_str(), &b"P"[..], 7)).collect();
        files.extend([("rss.xml", &b"R2"[..], 2), ("atom.xml", &b"A2"[..], 2)]);
        build(&files, &[]);
        use std::os::unix::fs::MetadataExt;
        let folder = fs::metadata(&out).unwrap().ino();
        files.truncate(20);
        files.extend([("rss.xml", &b"R3"[..], 3), ("atom.xml", &b"A2"[..], 3)]);
        build(&files, &["rss.xml"]);
        assert_eq!(fs::metadata(&out).unwrap().ino(), folder, "not in place");
        assert_eq!(fs::read(out.join("rss.xml")).unwrap(), b"R3");
    }

    /// The entries of `signatures`, as a render lists them for the output cache.
    fn listed<'a>(
        signatures: &'a Signatures,
    ) -> impl Fn() -> Box<dyn Iterator<Item = (std::borrow::Cow<'a, str>, u64)> + 'a> {
        || {
            Box::new(
                signatures
                    .iter()
                    .map(|(path, s)| (path.as_str().into(), *s)),
            )
        }
    }

    /// One build of `pages` and the group of files `group` (named by its first file) into
    /// `out` with the cache in `root`: each page kept or put, the group offered, then its
    /// files put unless it was kept (each holding its own path and the signature). Returns
    /// how the group was kept.
    fn build_with_group(
        root: &Path,
        out: &Path,
        pages: &[String],
        group: &[&str],
        signature: u64,
    ) -> Kept {
        let cache = Arc::new(OutputCache::load(root, 1));
        let s = Staging::new(out)
            .unwrap()
            .reusing(cache.clone())
            .trusting_untouched_output();
        let mut signatures = Signatures::default();
        for page in pages {
            if !s.keep(page).unwrap() {
                s.put(page, b"P").unwrap();
            }
            signatures.insert(page.clone(), 1);
        }
        let key = group[0].to_string();
        let names = Group::new(group.iter().map(|f| f.rsplit_once('/').unwrap().1));
        if !s
            .keep_group(&key, &names, signature, &Groups::default())
            .unwrap()
        {
            for file in group {
                s.put(file, format!("{file} {signature}").as_bytes())
                    .unwrap();
            }
        }
        let group = SignedGroup {
            signature,
            group: names,
        };
        let groups: Groups = [(key, group)].into_iter().collect();
        let (put, offered) = (s.put_files(), s.groups());
        s.commit().unwrap();
        cache
            .save(out, listed(&signatures), &groups, &put, &offered)
            .unwrap();
        // A group the last build did not make is not kept, and not among the offers.
        assert!(offered.len() <= 1);
        offered.first().map_or(Kept::No, |o| o.kept)
    }

    /// Sets the modification time of `folder` an hour back: a folder changed in the last
    /// seconds is not recorded (a change in the same clock tick would go unseen).
    fn age(folder: &Path) {
        let past = SystemTime::now() - Duration::from_secs(3600);
        fs::File::open(folder).unwrap().set_modified(past).unwrap();
    }

    /// A group of files (a photo's variants) is kept with one look at its folder while no
    /// file was added, removed or renamed there since the cache recorded it; otherwise each
    /// file is looked at, and the group is linked again whole from the cache when one is
    /// missing.
    #[test]
    fn a_group_is_kept_at_once_while_its_folder_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pages: Vec<String> = (0..20).map(|i| format!("p{i}.html")).collect();
        let group = ["a/f.jpg", "a/f-480w.webp"];
        let build = || build_with_group(dir.path(), &out, &pages, &group, 2);
        assert_eq!(build(), Kept::No, "nothing to keep yet");
        age(&out.join("a"));
        assert_eq!(
            build(),
            Kept::InPlace,
            "the folder was not recorded yet: each file is looked at"
        );
        assert_eq!(
            build(),
            Kept::InItsFolder,
            "the untouched folder vouches for its group"
        );
        assert_eq!(build(), Kept::InItsFolder);
        fs::remove_file(out.join("a/f-480w.webp")).unwrap();
        assert_eq!(
            build(),
            Kept::Linked,
            "a file removed from the folder: the group is linked back from the cache"
        );
        assert_eq!(
            fs::read(out.join("a/f-480w.webp")).unwrap(),
            b"a/f-480w.webp 2"
        );
        age(&out.join("a"));
        assert_eq!(build(), Kept::InPlace);
        assert_eq!(build(), Kept::InItsFolder);
        assert_eq!(fs::read(out.join("a/f.jpg")).unwrap(), b"a/f.jpg 2");
    }

    /// A file of a group changed in place (its folder touched too, so that the folder does
    /// not vouch for it) is seen: the group is put again whole.
    #[test]
    fn a_group_with_a_file_changed_in_place_is_put_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pages: Vec<String> = (0..20).map(|i| format!("p{i}.html")).collect();
        let group = ["a/f.jpg", "a/f-480w.webp", "a/f-480w.jpg"];
        let build = || build_with_group(dir.path(), &out, &pages, &group, 4);
        build();
        age(&out.join("a"));
        assert_eq!(build(), Kept::InPlace);
        fs::write(out.join("a/f-480w.webp"), b"changed").unwrap();
        fs::write(out.join("a/other.txt"), b"").unwrap();
        fs::remove_file(out.join("a/other.txt")).unwrap();
        assert_eq!(build(), Kept::No);
        for file in group {
            assert_eq!(
                fs::read(out.join(file)).unwrap(),
                format!("{file} 4").as_bytes()
            );
        }
    }

    /// A group the cache holds is linked from it into another output folder (a build with
    /// `--output` elsewhere, say): the same files, not written again.
    #[test]
    fn a_group_is_linked_from_the_cache_into_another_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pages: Vec<String> = (0..20).map(|i| format!("p{i}.html")).collect();
        let group = ["a/f.jpg", "a/f-480w.webp", "a/f-480w.jpg"];
        build_with_group(dir.path(), &out, &pages, &group, 5);
        let elsewhere = dir.path().join("elsewhere");
        assert_eq!(
            build_with_group(dir.path(), &elsewhere, &pages, &group, 5),
            Kept::Linked
        );
        use std::os::unix::fs::MetadataExt;
        for file in group {
            let ino = |root: &Path| fs::metadata(root.join(file)).unwrap().ino();
            assert_eq!(ino(&elsewhere), ino(&out), "{file} is not a link");
            assert_eq!(
                fs::read(elsewhere.join(file)).unwrap(),
                format!("{file} 5").as_bytes()
            );
        }
    }

    /// The cache records a group as one entry (its signature, its files' names and stamps),
    /// not one per file; the group's files are still all known: a file of it the next build
    /// does not make is deleted, whether the output is updated in place or swapped whole.
    #[test]
    fn a_group_is_one_entry_and_its_stale_files_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pages: Vec<String> = (0..60).map(|i| format!("p{i}.html")).collect();
        let eight = [
            "a/f.jpg",
            "a/f-480w.webp",
            "a/f-480w.jpg",
            "a/f-960w.webp",
            "a/f-960w.jpg",
            "a/f-1600w.webp",
            "a/f-1600w.jpg",
            "a/f-1200w-social.jpg",
        ];
        build_with_group(dir.path(), &out, &pages, &eight, 8);
        let cache = OutputCache::load(dir.path(), 1);
        assert_eq!(cache.len(), 61, "60 pages and one group");
        let at = cache.group_at("a/f.jpg", &Group::new(eight.map(|f| &f[2..])));
        assert_eq!(cache.group_files(at.unwrap()), eight.map(String::from));
        // A smaller photo: no 1600-pixel variants. The folder is updated in place.
        use std::os::unix::fs::MetadataExt;
        let folder = fs::metadata(&out).unwrap().ino();
        let six = &eight[..5];
        build_with_group(dir.path(), &out, &pages, six, 6);
        assert_eq!(fs::metadata(&out).unwrap().ino(), folder, "not in place");
        for file in &eight {
            assert_eq!(out.join(file).exists(), six.contains(file), "{file}");
        }
        assert_eq!(fs::read(out.join("a/f.jpg")).unwrap(), b"a/f.jpg 6");
        // Another photo under another name, among few pages: a whole new tree.
        let other = ["a/g.jpg", "a/g-480w.webp"];
        build_with_group(dir.path(), &out, &pages[..1], &other, 9);
        assert_ne!(fs::metadata(&out).unwrap().ino(), folder, "swapped");
        let mut left: Vec<String> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["g-480w.webp", "g.jpg"]);
    }

    /// A group kept whole, with its folder untouched, joins a whole new tree as links of its
    /// old files (the tree is swapped when many pages change).
    #[test]
    fn a_group_kept_whole_is_linked_into_a_swapped_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pages: Vec<String> = (0..20).map(|i| format!("p{i}.html")).collect();
        let group = ["a/f.jpg", "a/f-480w.webp", "a/f-480w.jpg"];
        build_with_group(dir.path(), &out, &pages, &group, 3);
        age(&out.join("a"));
        build_with_group(dir.path(), &out, &pages, &group, 3);
        use std::os::unix::fs::MetadataExt;
        let inodes = || group.map(|f| fs::metadata(out.join(f)).unwrap().ino());
        let before = inodes();
        let folder = fs::metadata(&out).unwrap().ino();
        // Every page changed: more than a tenth of the files, so a new tree is made.
        let changed: Vec<String> = (0..20).map(|i| format!("q{i}.html")).collect();
        assert_eq!(
            build_with_group(dir.path(), &out, &changed, &group, 3),
            Kept::InItsFolder
        );
        assert_ne!(fs::metadata(&out).unwrap().ino(), folder, "swapped");
        assert_eq!(
            inodes(),
            before,
            "the group's files are linked, not written"
        );
        assert!(!out.join("p0.html").exists());
        assert_eq!(
            fs::read(out.join("a/f-480w.jpg")).unwrap(),
            b"a/f-480w.jpg 3"
        );
    }

    #[test]
    fn dropped_staging_leaves_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.put("a.html", b"A").unwrap();
        s.commit().unwrap();
        let s = Staging::new(&out).unwrap();
        s.put("a.html", b"CHANGED").unwrap();
        drop(s);
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"A");
    }

    #[test]
    fn refuses_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), "title='x'").unwrap();
        let err = Staging::new(dir.path()).err().unwrap();
        assert!(
            err.to_string()
                .starts_with("refusing to write the site into")
        );
    }
}
