//! The output files of the last build, hard-linked into `.cermin-cache/output/` (no second
//! copy on disk), with the signature of the inputs each was rendered from. A page whose
//! signature is unchanged is linked from there instead of rendered and written, even into a
//! fresh output folder.
//!
//! The links sit side by side in that one folder, each named by a hash of its output path:
//! mirroring the site's tree would cost a folder per page (one per article), which would
//! make a first build's cache almost as dear to write as the site itself.
//!
//! A file is only linked from here if it is still exactly what the last build made (same
//! inode, size and modification time). A file left where it is in the output folder is
//! looked at the same way, unless the folder is the very one the last build left, its top
//! untouched since ([`OutputCache::left_as_made`], recorded in [`super::output_trust`]):
//! then the build trusts the files it made there, as a Hugo build trusts `public/`, and
//! `cermin build --verify-output` looks at every one.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use super::FileStamp;
pub use super::group_table::Group;
use super::group_table::{GroupTable, Patched, TableBuilder};

mod journal;

/// Every output file of a render with the signature of its inputs (or of its bytes); the
/// groups of files are apart ([`Groups`]).
pub type Signatures = std::collections::HashMap<String, u64, ahash::RandomState>;

/// The groups of a render, by the output path of their first file (see [`Group`]), each
/// with its signature.
pub type Groups = std::collections::HashMap<String, SignedGroup, ahash::RandomState>;

/// A [`Group`] with the signature of the inputs its files were made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedGroup {
    pub signature: u64,
    pub group: Group,
}

/// How a build kept a group of files the last build made (a group is kept whole or not at
/// all: one stamp stands for all its files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Not kept: its files were put again.
    No,
    /// Linked from the cache into the new tree, its files found as the last build made them.
    Linked,
    /// Left where it is, each of its files looked at and found as the last build made it.
    InPlace,
    /// Left where it is with one look at its folder, untouched since the cache recorded it.
    InItsFolder,
}

impl Kept {
    /// Whether the group's files are all there without being put again.
    pub fn is_kept(self) -> bool {
        self != Kept::No
    }

    /// Whether the group's files stay where they are in the output folder.
    pub fn is_in_place(self) -> bool {
        matches!(self, Kept::InPlace | Kept::InItsFolder)
    }
}

/// The stamps of the files of `group` (named by its first file `key`), in its order, as one
/// number, each as `stamp` finds it; None when it finds none for one (a file missing, say).
/// A group is kept only when every file of it is still the one the last build made, so the
/// manifest records this instead of a stamp per file.
fn group_stamp(group: &Group, key: &str, stamp: impl Fn(&str) -> Option<FileStamp>) -> Option<u64> {
    let mut h = Xxh3Default::new();
    for file in group.files(key) {
        stamp(&file)?.hash(&mut h);
    }
    Some(h.finish())
}

/// What the last build made at one output path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    pub signature: u64,
    pub stamp: FileStamp,
}

impl Made {
    fn matches(&self, meta: &std::fs::Metadata) -> bool {
        meta.is_file() && FileStamp::exact(meta) == self.stamp
    }

    fn matches_stat(&self, stat: &rustix::fs::Stat) -> bool {
        rustix::fs::FileType::from_raw_mode(stat.st_mode).is_file()
            && FileStamp::of_stat(stat) == self.stamp
    }
}

/// The form of the manifest: 4 since the files' records are a base and the changes since
/// it (see [`journal`]); 3 since its groups are a [`GroupTable`] of fixed-width records (2:
/// one entry per group, with its path, and a list of folder stamps; the first form had no
/// number). A manifest of another form is not read.
const FORM: u32 = 4;

/// The record of a build: read owned (`Manifest<String, GroupTable>`), written from
/// borrowed parts (`Manifest<&str, TableOut>`, the same bytes), so saving copies no path.
#[derive(Serialize, Deserialize)]
struct Manifest<S, G> {
    form: u32,
    fingerprint: u64,
    /// The output folder the files were made in, as (device, inode): a build that swaps a
    /// new tree in (`--no-cache`, say) makes another folder, whose files the manifest
    /// does not list.
    folder: (u64, u64),
    /// The number of the base of files' records these changes apply to (see [`journal`]).
    base: u64,
    /// The files made, or made anew, since the base was written.
    changed: Vec<(S, Made)>,
    /// The files of the base no longer made.
    removed: Vec<S>,
    /// The groups of files, each with its signature, the stamp of its files and of its folder.
    groups: G,
}

/// The groups as a build writes them: a new table, or the last one with a few records changed.
enum TableOut<'a> {
    New(GroupTable),
    Patched(Patched<'a>),
}

impl Serialize for TableOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TableOut::New(table) => table.serialize(s),
            TableOut::Patched(table) => table.serialize(s),
        }
    }
}

/// A group of the last build that a render offered to keep: its place in the last build's
/// [`GroupTable`], how it was kept, and whether its signature was the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offered {
    pub at: usize,
    pub kept: Kept,
    pub unchanged: bool,
}

/// The hash of an output path that names its link in the farm, and its stamp in the
/// loaded manifest: two paths of one hash would share a link anyway, and a stamp taken for
/// another path's never matches a file (its inode differs), so it is rendered again.
fn path_hash(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

/// The stamp of the folder `folder` itself (not of its files), or None when it is no folder.
fn folder_stamp(folder: &Path) -> Option<FileStamp> {
    std::fs::metadata(folder)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| FileStamp::exact(&m))
}

/// The bytes of the file `path` and its stamp as they were read.
fn read_with_stamp(path: &Path) -> Option<(Vec<u8>, FileStamp)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes).ok()?;
    Some((bytes, FileStamp::exact(&meta)))
}

/// A folder's (device, inode), or zeros when it cannot be read.
fn folder_identity(folder: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(folder).map_or((0, 0), |m| (m.dev(), m.ino()))
}

/// The output cache of one site and settings.
pub struct OutputCache {
    /// The cache folder.
    dir: PathBuf,
    manifest: PathBuf,
    farm: PathBuf,
    fingerprint: u64,
    /// The signature of every file (not group) the last build made: lent to the render as it
    /// is (a copy of a million paths would cost a one-edit build a second).
    previous: Signatures,
    /// The stamp of every file (not group) the last build made, by [`path_hash`]: the path
    /// is in `previous` already.
    stamps: HashMap<u64, FileStamp, ahash::RandomState>,
    /// The number of the base of files' records the manifest was read with.
    base: u64,
    /// The manifest's changes to that base (None: a file removed), which the next manifest
    /// repeats unless it comes with a new base.
    changes: HashMap<String, Option<Made>, ahash::RandomState>,
    /// The output folder the last build's files were made in.
    folder: (u64, u64),
    /// That folder's stamp as the last build left it, when its record stands (see
    /// [`super::output_trust`]).
    folder_stamp: Option<FileStamp>,
    /// Cleared at the first failed link (an output folder on another file system).
    links_work: AtomicBool,
    /// The groups of files the last build made (their paths are not in `previous`).
    groups: GroupTable,
}

/// What rendering depends on besides the pages' own inputs: the program, every setting,
/// the templates and the build's options. Any change makes every page render again.
pub fn fingerprint(config: &crate::config::Config, templates: u64, options: &str) -> u64 {
    let mut h = Xxh3Default::new();
    super::program_identity().hash(&mut h);
    config.output_settings_hash().hash(&mut h);
    templates.hash(&mut h);
    options.hash(&mut h);
    h.finish()
}

impl OutputCache {
    /// Reads the last build's manifest; a missing, corrupt or stale one means nothing is reused.
    pub fn load(root: &Path, fingerprint: u64) -> OutputCache {
        let dir = super::dir(root);
        let manifest = dir.join("output.bin");
        let (manifest_made, manifest_stamp) = match read_with_stamp(&manifest) {
            Some((bytes, stamp)) => (
                postcard::from_bytes::<Manifest<String, GroupTable>>(&bytes)
                    .ok()
                    .filter(|m| m.form == FORM && m.fingerprint == fingerprint),
                Some(stamp),
            ),
            None => (None, None),
        };
        let mut previous = Signatures::default();
        let mut stamps: HashMap<u64, FileStamp, ahash::RandomState> = HashMap::default();
        let mut groups = GroupTable::default();
        let mut folder = (0, 0);
        let mut folder_stamp = None;
        let mut base = 0;
        let mut changes: HashMap<String, Option<Made>, ahash::RandomState> = HashMap::default();
        // A manifest is read only with the base it was written for.
        let base_files = manifest_made
            .as_ref()
            .and_then(|m| journal::read_base(&dir, m.base));
        if let (Some(m), Some(files)) = (manifest_made, base_files) {
            folder_stamp = manifest_stamp.and_then(|stamp| super::output_trust::read(&dir, stamp));
            base = m.base;
            previous.reserve(files.len() + m.changed.len());
            stamps.reserve(files.len() + m.changed.len());
            for (path, made) in files {
                stamps.insert(path_hash(&path), made.stamp);
                previous.insert(path, made.signature);
            }
            for path in m.removed {
                previous.remove(&path);
                stamps.remove(&path_hash(&path));
                changes.insert(path, None);
            }
            for (path, made) in m.changed {
                stamps.insert(path_hash(&path), made.stamp);
                previous.insert(path.clone(), made.signature);
                changes.insert(path, Some(made));
            }
            groups = m.groups;
            folder = m.folder;
        }
        OutputCache {
            dir: dir.clone(),
            manifest,
            farm: dir.join("output"),
            fingerprint,
            previous,
            stamps,
            base,
            changes,
            folder,
            folder_stamp,
            links_work: AtomicBool::new(true),
            groups,
        }
    }

    /// Whether the folder of the last build's group `at` is as that build left it with every
    /// file of the group made or checked: no file added, removed or renamed in it since (each
    /// of those changes a folder's modification time). The group's files are then all there
    /// without a look at each. A file changed in place is not seen this way. `output` is the
    /// output folder, open: the folder is looked at relative to it (a short path to walk,
    /// once per photo of a cached build).
    pub fn folder_is_intact(&self, output: &std::os::fd::OwnedFd, at: usize) -> bool {
        self.groups.record(at).folder.is_some_and(|stamp| {
            let folder = folder_of(self.groups.key(at));
            let folder = if folder.is_empty() { "." } else { folder };
            rustix::fs::statat(output, folder, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).is_ok_and(
                |s| {
                    rustix::fs::FileType::from_raw_mode(s.st_mode).is_dir()
                        && FileStamp::of_stat(&s) == stamp
                },
            )
        })
    }

    /// The place in the last build's groups of the group `key` with the files `group`.
    pub fn group_at(&self, key: &str, group: &Group) -> Option<usize> {
        self.groups
            .find(key)
            .filter(|&at| self.groups.group(at) == group)
    }

    /// The signature of the last build's group `at`.
    pub fn group_signature_at(&self, at: usize) -> u64 {
        self.groups.record(at).signature
    }

    /// The signature of every file (not group: the staging asks the cache of those) the last
    /// build made, which the next render compares with.
    pub fn signatures(&self) -> &Signatures {
        &self.previous
    }

    /// How many entries (files and groups of files) the last build made.
    pub fn len(&self) -> usize {
        self.previous.len() + self.groups.len()
    }

    /// Whether the last build made a file (not a group) at `path`, whose signature the
    /// caller found in [`OutputCache::signatures`]: known by the path's hash alone, as the
    /// files' stamps are (see [`path_hash`]), one lookup a kept page.
    pub fn made_file(&self, path: &str) -> bool {
        self.stamps.contains_key(&path_hash(path))
    }

    /// What the last build made at `path`, a file (not a group).
    fn made(&self, path: &str) -> Option<Made> {
        let signature = *self.previous.get(path)?;
        let stamp = *self.stamps.get(&path_hash(path))?;
        Some(Made { signature, stamp })
    }

    /// The output paths of the files (not groups) the last build made.
    fn made_files(&self) -> impl Iterator<Item = &String> {
        self.previous.keys()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the folder `output` is the one the last build's files were made in, so that
    /// they are all the files it holds that a build made.
    pub fn made_in(&self, output: &Path) -> bool {
        !self.is_empty() && folder_identity(output) == self.folder
    }

    /// Whether `output` is the very folder the last build left, untouched at its top since:
    /// the folder the manifest describes, whose own stamp (size, modification time, inode)
    /// is the one recorded when that build had finished with it. Adding, removing or
    /// renaming a file at the top of the folder (`rm public/index.html`, an editor saving
    /// `public/index.html` by renaming a new file over it) changes that stamp; a file changed
    /// in place, or anything in a folder below, does not. A build may then trust that the
    /// files it made there are still as it made them (`--verify-output` looks at each).
    pub fn left_as_made(&self, output: &Path) -> bool {
        self.folder_stamp.is_some()
            && self.made_in(output)
            && folder_stamp(output) == self.folder_stamp
    }

    /// Forgets the record that lets the next build trust the output folder: called before a
    /// build changes that folder, so that a build killed before it saves the cache leaves
    /// the next one looking at every file.
    pub fn forget_output_folder(&self) -> std::io::Result<()> {
        super::output_trust::forget(&self.dir)
    }

    /// The output paths of the files the last build made that are not in `produced`; of its
    /// groups, those in `kept` (by their place; kept whole, so all their files are there) are
    /// left out.
    pub fn paths_not_in(
        &self,
        produced: &std::collections::HashSet<&str, ahash::RandomState>,
        kept: &[usize],
    ) -> Vec<String> {
        let files = self.made_files().filter(|p| !produced.contains(p.as_str()));
        let mut stale: Vec<String> = files.cloned().collect();
        let mut is_kept = vec![false; self.groups.len()];
        for &at in kept {
            is_kept[at] = true;
        }
        for at in (0..self.groups.len()).filter(|&at| !is_kept[at]) {
            let files = self.group_files(at).into_iter();
            stale.extend(files.filter(|f| !produced.contains(f.as_str())));
        }
        stale
    }

    /// The output paths of the files of the last build's group `at`.
    pub fn group_files(&self, at: usize) -> Vec<String> {
        let key = self.groups.key(at);
        self.groups.group(at).files(key).collect()
    }

    /// Whether `path` in the output folder (open as `output`) is still the very file the
    /// last build made there. Asked relative to the open folder: at a million files, walking
    /// each full path again would be most of the cost.
    pub fn is_intact(&self, output: &std::os::fd::OwnedFd, path: &str) -> bool {
        self.made(path).is_some_and(|made| {
            rustix::fs::statat(output, path, rustix::fs::AtFlags::empty())
                .is_ok_and(|stat| made.matches_stat(&stat))
        })
    }

    /// Whether the files of the last build's group `at` in the output folder (open as
    /// `output`) are all still the very files it made there.
    pub fn group_is_intact(&self, output: &std::os::fd::OwnedFd, at: usize) -> bool {
        let stat = |path: &str| {
            let stat = rustix::fs::statat(output, path, rustix::fs::AtFlags::empty()).ok()?;
            rustix::fs::FileType::from_raw_mode(stat.st_mode)
                .is_file()
                .then(|| FileStamp::of_stat(&stat))
        };
        let (key, group) = (self.groups.key(at), self.groups.group(at));
        group_stamp(group, key, stat) == Some(self.groups.record(at).stamp)
    }

    /// Whether `file` is the very file the last build `made`.
    fn is_at(&self, made: Option<&Made>, file: &Path) -> bool {
        made.is_some_and(|made| std::fs::metadata(file).is_ok_and(|m| made.matches(&m)))
    }

    /// Where the cache keeps its link to the output file `path`.
    fn farm_file(&self, path: &str) -> PathBuf {
        self.farm.join(format!("{:016x}", path_hash(path)))
    }

    /// Hard-links the last build's `path` to `target`; false when it cannot be reused.
    pub fn link_to(&self, path: &str, target: &Path) -> bool {
        self.link_made(self.made(path).as_ref(), path, target)
    }

    /// Hard-links the cache's copies of the files of the last build's group `at` into the
    /// folder `root` (whose folder of the group exists), when they are all still the files
    /// that build made; false when the group cannot be reused (some files may be linked
    /// then, which the caller replaces).
    pub fn link_group_to(&self, at: usize, root: &Path) -> bool {
        let (key, group) = (self.groups.key(at), self.groups.group(at));
        let stat = |path: &str| {
            let meta = std::fs::metadata(self.farm_file(path)).ok()?;
            meta.is_file().then(|| FileStamp::exact(&meta))
        };
        if !self.links_work.load(Ordering::Relaxed)
            || group_stamp(group, key, stat) != Some(self.groups.record(at).stamp)
        {
            return false;
        }
        group.files(key).all(|path| {
            match std::fs::hard_link(self.farm_file(&path), root.join(&path)) {
                Ok(()) => true,
                Err(e) => {
                    if e.raw_os_error() == Some(libc::EXDEV) {
                        self.links_work.store(false, Ordering::Relaxed);
                    }
                    false
                }
            }
        })
    }

    /// Hard-links the farm's `path`, which the last build `made`, to `target`.
    fn link_made(&self, made: Option<&Made>, path: &str, target: &Path) -> bool {
        let cached = self.farm_file(path);
        if !self.links_work.load(Ordering::Relaxed) || !self.is_at(made, &cached) {
            return false;
        }
        match std::fs::hard_link(cached, target) {
            Ok(()) => true,
            Err(e) => {
                if e.raw_os_error() == Some(libc::EXDEV) {
                    self.links_work.store(false, Ordering::Relaxed);
                }
                false
            }
        }
    }

    /// Records a finished build whose output folder is `output`: `signatures` lists all its
    /// files with their signatures, each time it is called (no map of a million paths is
    /// made for this), `groups` its groups of files (by the path of their first file), `put`
    /// the files it wrote (the others were linked from the cache or kept) with their stamps as
    /// written, `offered` the groups of the last build it offered to keep, with how each was
    /// kept.
    pub fn save<'s, I>(
        &self,
        output: &Path,
        signatures: impl Fn() -> I,
        groups: &Groups,
        put: &[(String, FileStamp)],
        offered: &[Offered],
    ) -> std::io::Result<()>
    where
        I: Iterator<Item = (Cow<'s, str>, u64)>,
    {
        // Every group of this build is one of the last build's, with the same signature.
        let same_groups = groups.len() == self.groups.len()
            && offered.len() == self.groups.len()
            && offered.iter().all(|o| o.unchanged);
        // Nothing written, the same files with the same signatures in the same folder, every
        // group kept at once: the manifest and the links stand (a build with nothing to do
        // stays cheap).
        let unchanged = put.is_empty()
            && same_groups
            && offered.iter().all(|o| o.kept == Kept::InItsFolder)
            && folder_identity(output) == self.folder
            && {
                let mut count = 0;
                let same = signatures().all(|(path, s)| {
                    count += 1;
                    self.signature_of(&path) == Some(s)
                });
                same && count == self.previous.len()
            };
        if unchanged {
            return self.record_output_folder(output);
        }
        // Without a manifest nothing is reused, so a build killed while the links below are
        // half made cannot mislead the next one.
        match std::fs::remove_file(&self.manifest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        if self.is_empty() {
            // Nothing in the folder can be trusted (no manifest, or an old program's or
            // settings'): start it afresh rather than replace its files one by one.
            match std::fs::remove_dir_all(&self.farm) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        } else {
            // The links of files no longer made go below, with their records.
            for at in (0..self.groups.len()).filter(|_| !same_groups) {
                let key = self.groups.key(at);
                let signature = self.groups.record(at).signature;
                let now = groups.get(key).filter(|g| g.signature == signature);
                if now.is_none() {
                    for file in self.groups.group(at).files(key) {
                        let _ = std::fs::remove_file(self.farm_file(&file));
                    }
                }
            }
        }
        std::fs::create_dir_all(&self.farm)?;
        // Links every file put into the farm; the stamp of each that is linked.
        let linked: HashMap<&str, FileStamp, ahash::RandomState> = put
            .par_iter()
            .filter_map(|(path, stamp)| {
                if self.made(path).is_some_and(|old| old.stamp == *stamp) {
                    // Written again with the same bytes and kept: the cache links it already.
                    return Some((path.as_str(), *stamp));
                }
                let cached = self.farm_file(path);
                let link = || std::fs::hard_link(output.join(path), &cached);
                // Fails on another file system: the file is rendered again next time.
                match link() {
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        std::fs::remove_file(&cached).ok()?;
                        link().ok()?;
                    }
                    other => other.ok()?,
                }
                Some((path.as_str(), *stamp))
            })
            .collect();
        // Each file's record now against the last build's: one lookup a file, and a record
        // written only where it changed.
        let mut changes: HashMap<String, Option<Made>, ahash::RandomState> = HashMap::default();
        // Files of this build, those with a record, files of the last build made again.
        let (mut count, mut recorded, mut made_again) = (0, 0, 0);
        for (path, signature) in signatures() {
            count += 1;
            let last = self.previous.get(path.as_ref()).copied();
            made_again += usize::from(last.is_some());
            let put = linked.get(path.as_ref());
            if put.is_none() && last == Some(signature) {
                // Kept as the last build made it: its record stands (most files of a
                // build; the stamp is not even looked up).
                recorded += 1;
                continue;
            }
            let old = self.made(&path);
            let now = match put {
                Some(&stamp) => Some(Made { signature, stamp }),
                None => old.filter(|m| m.signature == signature),
            };
            if now.is_some() {
                recorded += 1;
            }
            if now != old {
                changes.insert(path.into_owned(), now);
            }
        }
        // Files of the last build not made again (a page gone, a file now a group's): only
        // looked for when the count says there are some.
        if made_again < self.previous.len() {
            let now: HashSet<Cow<str>, ahash::RandomState> =
                signatures().map(|(path, _)| path).collect();
            for path in self.made_files().filter(|p| !now.contains(p.as_str())) {
                changes.insert(path.clone(), None);
                // Its link, unless the path is now a group's file put and linked anew.
                if !linked.contains_key(path.as_str()) {
                    let _ = std::fs::remove_file(self.farm_file(path));
                }
            }
        }
        let patched = same_groups
            .then(|| self.patched_groups(output, offered, &linked))
            .flatten();
        let (table, recorded_groups) = match patched {
            Some(patched) => (TableOut::Patched(patched), self.groups.len()),
            None => {
                let table = self.new_groups(output, groups, offered, &linked);
                let recorded = table.len();
                (TableOut::New(table), recorded)
            }
        };
        // A manifest that lacks some of the folder's files cannot tell the next build which
        // files it must delete there: that build then makes a whole new tree.
        let folder = if recorded + recorded_groups == count + groups.len() {
            folder_identity(output)
        } else {
            (0, 0)
        };
        // The changes since the base, the last build's and this one's; or a new base.
        let changes: HashMap<&str, Option<Made>, ahash::RandomState> = changes
            .iter()
            .map(|(path, made)| (path.as_str(), *made))
            .collect();
        let mut since_base: HashMap<&str, Option<Made>, ahash::RandomState> = self
            .changes
            .iter()
            .map(|(path, made)| (path.as_str(), *made))
            .collect();
        since_base.extend(changes.iter().map(|(path, made)| (*path, *made)));
        let base = if self.previous.is_empty()
            || journal::time_to_rewrite(since_base.len(), self.previous.len())
        {
            since_base.clear();
            journal::write_base(&self.dir, self.base, &self.files_with(&changes))?
        } else {
            self.base
        };
        let mut changed: Vec<(&str, Made)> = since_base
            .iter()
            .filter_map(|(path, made)| made.map(|made| (*path, made)))
            .collect();
        changed.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut removed: Vec<&str> = since_base
            .iter()
            .filter(|(_, made)| made.is_none())
            .map(|(path, _)| *path)
            .collect();
        removed.sort_unstable();
        let manifest = Manifest {
            form: FORM,
            fingerprint: self.fingerprint,
            folder,
            base,
            changed,
            removed,
            groups: table,
        };
        std::fs::create_dir_all(self.manifest.parent().unwrap_or(Path::new(".")))?;
        // Written as it is encoded: no buffer of the whole manifest in memory.
        crate::files::write_atomically_with(&self.manifest, |file| {
            postcard::to_io(&manifest, file)
                .map(drop)
                .map_err(std::io::Error::other)
        })?;
        match folder {
            (0, 0) => Ok(()),
            _ => self.record_output_folder(output),
        }
    }

    /// The records of every file this build made: the last build's with `changes` made.
    fn files_with<'a>(
        &'a self,
        changes: &HashMap<&'a str, Option<Made>, ahash::RandomState>,
    ) -> Vec<(&'a str, Made)> {
        let mut files: Vec<(&str, Made)> = self
            .made_files()
            .filter_map(|path| match changes.get(path.as_str()) {
                Some(now) => now.map(|made| (path.as_str(), made)),
                None => self.made(path).map(|made| (path.as_str(), made)),
            })
            .collect();
        let new = changes
            .iter()
            .filter(|(path, _)| !self.previous.contains_key(**path));
        files.extend(new.filter_map(|(path, now)| now.map(|made| (*path, made))));
        // In a fixed order, which need not be the paths': the base is read into a map.
        // Comparing a million paths was most of the time of writing it.
        files.sort_by_cached_key(|(path, _)| path_hash(path));
        files
    }

    /// The last build's groups as this build made them when they are the same groups (see
    /// `save`): each record as it was, but for the groups not kept with one look at their
    /// folder, whose stamps are taken again. None when a group's files cannot be recorded
    /// (a file put but not linked).
    fn patched_groups(
        &self,
        output: &Path,
        offered: &[Offered],
        linked: &HashMap<&str, FileStamp, ahash::RandomState>,
    ) -> Option<Patched<'_>> {
        let mut changes = Vec::new();
        for o in offered.iter().filter(|o| o.kept != Kept::InItsFolder) {
            let (key, group) = (self.groups.key(o.at), self.groups.group(o.at));
            let stamp = match o.kept.is_kept() {
                true => self.groups.record(o.at).stamp,
                false => group_stamp(group, key, |file| linked.get(file).copied())?,
            };
            changes.push((o.at, stamp, settled_folder(output, folder_of(key))));
        }
        Some(self.groups.with_changes(&changes))
    }

    /// A new table of this build's `groups`, in the order of their paths: the record of a
    /// group kept whole as the last build's (with its folder's stamp when kept with one look
    /// at the folder, else looked at now), or the stamps of its files put and linked. A group
    /// one of whose files is neither (it could not be linked) is left out.
    fn new_groups(
        &self,
        output: &Path,
        groups: &Groups,
        offered: &[Offered],
        linked: &HashMap<&str, FileStamp, ahash::RandomState>,
    ) -> GroupTable {
        let mut kept = vec![Kept::No; self.groups.len()];
        for o in offered {
            kept[o.at] = o.kept;
        }
        let mut in_order: Vec<(&String, &SignedGroup)> = groups.iter().collect();
        in_order.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut table = TableBuilder::default();
        for (key, SignedGroup { signature, group }) in in_order {
            let signature = *signature;
            let last = self
                .group_at(key, group)
                .filter(|&at| self.groups.record(at).signature == signature && kept[at].is_kept());
            let (stamp, folder) = match last {
                Some(at) => {
                    let record = self.groups.record(at);
                    let folder = match kept[at] {
                        Kept::InItsFolder => record.folder,
                        _ => settled_folder(output, folder_of(key)),
                    };
                    (record.stamp, folder)
                }
                None => {
                    let Some(stamp) = group_stamp(group, key, |file| linked.get(file).copied())
                    else {
                        continue;
                    };
                    (stamp, settled_folder(output, folder_of(key)))
                }
            };
            table.push(key, signature, group, stamp, folder);
        }
        table.finish()
    }

    /// Records the output folder `output` as this build left it, beside the manifest that
    /// lists every file it made there (see [`super::output_trust`]).
    fn record_output_folder(&self, output: &Path) -> std::io::Result<()> {
        match folder_stamp(output) {
            Some(folder) => super::output_trust::record(&self.dir, &self.manifest, folder),
            None => Ok(()),
        }
    }

    /// The signature the last build recorded for a file (not a group).
    fn signature_of(&self, path: &str) -> Option<u64> {
        self.previous.get(path).copied()
    }
}

/// The folder of an output path (`2024/05/slug` of `2024/05/slug/foto.jpg`; "" at the top).
fn folder_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// The stamp of the folder `folder` of the output folder `output` to record, unless it was
/// changed too recently to tell a later change from it (see [`FileStamp::settled`]).
fn settled_folder(output: &Path, folder: &str) -> Option<FileStamp> {
    std::fs::symlink_metadata(output.join(folder))
        .ok()
        .filter(|m| m.is_dir())
        .and_then(|m| FileStamp::settled(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One build's save of the files `pages` (path and signature) into `out`: each whose
    /// signature differs from the last build's is written anew; the others are left as
    /// they are. Returns the cache as the next build reads it.
    fn build(root: &Path, out: &Path, pages: &[(String, u64)]) -> OutputCache {
        let cache = OutputCache::load(root, 1);
        std::fs::create_dir_all(out).unwrap();
        let mut put = Vec::new();
        for (path, signature) in pages {
            if cache.signature_of(path) != Some(*signature) {
                let file = out.join(path);
                let _ = std::fs::remove_file(&file);
                std::fs::write(&file, format!("{path} {signature}")).unwrap();
                put.push((
                    path.clone(),
                    FileStamp::exact(&std::fs::metadata(&file).unwrap()),
                ));
            }
        }
        for path in cache.made_files() {
            if !pages.iter().any(|(p, _)| p == path) {
                std::fs::remove_file(out.join(path)).unwrap();
            }
        }
        let listed = || pages.iter().map(|(path, s)| (Cow::from(path.as_str()), *s));
        cache
            .save(out, listed, &Groups::default(), &put, &[])
            .unwrap();
        OutputCache::load(root, 1)
    }

    fn pages(n: usize, signature: impl Fn(usize) -> u64) -> Vec<(String, u64)> {
        (0..n)
            .map(|i| (format!("p{i}.html"), signature(i)))
            .collect()
    }

    /// Every file's record as the last build left it, whether it was read from the base or
    /// from the changes since it: the file's signature, and its stamp (found by linking).
    fn assert_records(cache: &OutputCache, out: &Path, pages: &[(String, u64)]) {
        assert_eq!(cache.previous.len(), pages.len());
        assert_eq!(cache.len(), pages.len() + cache.groups.len());
        for (path, signature) in pages {
            assert_eq!(cache.signature_of(path), Some(*signature), "{path}");
            let made = cache.made(path).expect("a record");
            assert!(
                made.matches(&std::fs::metadata(out.join(path)).unwrap()),
                "{path}"
            );
        }
    }

    /// A build that changes a few files writes their records beside the base and leaves
    /// the base as it is; the records read back are the build's, changed, added and removed
    /// files alike. Once the changes are many, a new base takes them in.
    #[test]
    fn a_few_changes_are_written_beside_the_base_until_they_are_many() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let base_file = dir.path().join(".cermin-cache/output-files.bin");
        let first = pages(20, |_| 1);
        let cache = build(dir.path(), &out, &first);
        assert_records(&cache, &out, &first);
        assert!(cache.changes.is_empty(), "a first build writes a base");
        let base = std::fs::read(&base_file).unwrap();

        // p3 changed, p19 gone, p20 new.
        let mut second = pages(19, |i| if i == 3 { 2 } else { 1 });
        second.push(("p20.html".into(), 1));
        let cache = build(dir.path(), &out, &second);
        assert_records(&cache, &out, &second);
        assert!(cache.signature_of("p19.html").is_none());
        assert!(!cache.made_file("p19.html"));
        assert_eq!(cache.changes.len(), 3);
        assert_eq!(std::fs::read(&base_file).unwrap(), base, "the base stands");

        // p19 back, p3 changed again: the changes of both builds are in the manifest.
        let mut third = pages(20, |i| if i == 3 { 3 } else { 1 });
        third.push(("p20.html".into(), 1));
        let cache = build(dir.path(), &out, &third);
        assert_records(&cache, &out, &third);
        assert_eq!(cache.changes.len(), 3);
        assert_eq!(std::fs::read(&base_file).unwrap(), base);

        // More changes than a base is worth keeping beside: a new base, no changes.
        let many = pages(1100, |_| 1);
        let cache = build(dir.path(), &out, &many);
        assert_records(&cache, &out, &many);
        assert!(cache.changes.is_empty());
        assert_ne!(std::fs::read(&base_file).unwrap(), base);
    }

    /// The manifest goes with the one base it was written for: with another base (a build
    /// killed after writing a new base, before its manifest), nothing is reused.
    #[test]
    fn a_manifest_with_another_base_reuses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = pages(5, |_| 1);
        let cache = build(dir.path(), &out, &first);
        assert_records(&cache, &out, &first);
        let cache_dir = dir.path().join(".cermin-cache");
        let manifest = std::fs::read(cache_dir.join("output.bin")).unwrap();
        // Another build made a new base, and was killed before its manifest was written.
        let again = pages(5, |_| 2);
        build(dir.path(), &out, &again);
        // The base it wrote holds the first build's records, under a number of its own.
        let files = cache.files_with(&HashMap::default());
        assert_eq!(files.len(), 5);
        journal::write_base(&cache_dir, cache.base, &files).unwrap();
        std::fs::write(cache_dir.join("output.bin"), manifest).unwrap();
        let cache = OutputCache::load(dir.path(), 1);
        assert!(cache.is_empty());
        assert!(!cache.made_file("p0.html"));
    }

    /// Writes `bytes` anew at `path` in `out` (a new file, not the old one changed) and
    /// returns what a build puts for it.
    fn put_anew(out: &Path, path: &str, bytes: &str) -> (String, FileStamp) {
        let file = out.join(path);
        let _ = std::fs::remove_file(&file);
        std::fs::write(&file, bytes).unwrap();
        let stamp = FileStamp::exact(&std::fs::metadata(&file).unwrap());
        (path.to_string(), stamp)
    }

    /// The groups table and the files' base and changes go together: a build that changes a
    /// few files and makes a group, one of whose files was a file of the last build, writes
    /// the changes beside the base, and the group reads back with its files linked in the
    /// cache (the link of the file gone is the group's file's, not removed).
    #[test]
    fn a_group_stands_beside_the_changes_of_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let base_file = dir.path().join(".cermin-cache/output-files.bin");
        let mut first = pages(5, |_| 1);
        first.push(("v.jpg".into(), 1));
        let cache = build(dir.path(), &out, &first);
        assert!(cache.made_file("v.jpg"));
        let base = std::fs::read(&base_file).unwrap();

        // p1 changed; v.jpg now the second file of the group g.jpg.
        let second = pages(5, |i| if i == 1 { 2 } else { 1 });
        let group = Group::new(["g.jpg", "v.jpg"]);
        let mut groups = Groups::default();
        let signed = SignedGroup {
            signature: 7,
            group: group.clone(),
        };
        groups.insert("g.jpg".into(), signed);
        let put = vec![
            put_anew(&out, "p1.html", "p1 2"),
            put_anew(&out, "g.jpg", "g 7"),
            put_anew(&out, "v.jpg", "v of g 7"),
        ];
        let listed = || {
            second
                .iter()
                .map(|(path, s)| (Cow::from(path.as_str()), *s))
        };
        cache.save(&out, listed, &groups, &put, &[]).unwrap();
        let cache = OutputCache::load(dir.path(), 1);
        assert_eq!(std::fs::read(&base_file).unwrap(), base, "the base stands");
        assert_eq!(cache.changes.len(), 2, "p1 changed, v.jpg removed");
        assert_records(&cache, &out, &second);
        assert!(!cache.made_file("v.jpg"));
        let at = cache.group_at("g.jpg", &group).expect("the group's record");
        assert_eq!(cache.group_signature_at(at), 7);
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        assert!(
            cache.link_group_to(at, &elsewhere),
            "the group's files are in the cache"
        );
        assert_eq!(std::fs::read(elsewhere.join("v.jpg")).unwrap(), b"v of g 7");

        // p2 changed, the group kept where it is: both read back, the base still stands.
        let third = pages(5, |i| [1, 2, 3, 1, 1][i]);
        let put = vec![put_anew(&out, "p2.html", "p2 3")];
        let offered = [Offered {
            at,
            kept: Kept::InPlace,
            unchanged: true,
        }];
        let listed = || third.iter().map(|(path, s)| (Cow::from(path.as_str()), *s));
        cache.save(&out, listed, &groups, &put, &offered).unwrap();
        let cache = OutputCache::load(dir.path(), 1);
        assert_eq!(std::fs::read(&base_file).unwrap(), base);
        assert_records(&cache, &out, &third);
        assert_eq!(cache.group_at("g.jpg", &group), Some(at));
        assert!(cache.made_in(&out), "every file and group recorded");
    }
}
