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
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use super::FileStamp;

mod journal;

/// Every output file of a render with the signature of its inputs (or of its bytes); a
/// [`Group`] of files stands in it once, under the path of its first file.
pub type Signatures = std::collections::HashMap<String, u64, ahash::RandomState>;

/// The groups of a render, by the output path of their first file (see [`Group`]).
pub type Groups = std::collections::HashMap<String, Group, ahash::RandomState>;

/// Output files made together from one source (a photo's original and its variants), all in
/// the folder of the first. A photo with eight files is one entry in the signatures, the
/// manifest and the lists of a build, not eight: it is kept, linked or made again whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The names of its files in their folder, the first file's first, each followed by a
    /// `/` (which no file name holds): one string, not one per file. Shared: most photos of
    /// a site have the same names (`foto.jpg`, `foto-480w.webp`, …), and the manifest keeps
    /// each list of names once.
    names: Arc<str>,
}

impl Group {
    /// The group of the files `names` (plain file names, no folder), the first one first.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Group {
        let mut all = String::new();
        for name in names {
            debug_assert!(!name.contains('/') && !name.is_empty());
            all.push_str(name);
            all.push('/');
        }
        Group { names: all.into() }
    }

    /// The names of its files, the first file's first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.split_terminator('/')
    }

    /// The output paths of its files, when `key` is the path of its first file.
    pub fn files<'a>(&'a self, key: &'a str) -> impl Iterator<Item = String> + 'a {
        let folder = key.rsplit_once('/').map_or("", |(folder, _)| folder);
        self.names().map(move |name| match folder {
            "" => name.to_string(),
            folder => format!("{folder}/{name}"),
        })
    }

    /// How many files it has.
    pub fn len(&self) -> usize {
        // Counted as bytes: a cached build asks this twice of every photo.
        self.names.bytes().filter(|&b| b == b'/').count()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
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

/// The form of the manifest: 2 since a group records one stamp for its files and the
/// index of its names, kept once for all groups that share them (the first form had no
/// number); 3 since the files' records are a base and the changes since it (see
/// [`journal`]). A manifest of another form is not read.
const FORM: u32 = 3;

/// The record of a build: read owned (`Manifest<String>`), written from borrowed parts
/// (`Manifest<&str>`, the same bytes), so saving copies no path.
#[derive(Serialize, Deserialize)]
struct Manifest<S> {
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
    /// The names of the groups' files (see [`Group`]), each list once.
    group_names: Vec<S>,
    /// The groups of files, by the path of their first file.
    groups: Vec<(S, GroupRecord)>,
    /// The stamps of the folders of groups of files kept at once (see [`Made`] for files).
    group_folders: Vec<(S, FileStamp)>,
}

impl Manifest<String> {
    /// Whether it is one this program wrote for these settings, whole.
    fn is_valid(&self, fingerprint: u64) -> bool {
        self.form == FORM
            && self.fingerprint == fingerprint
            && self
                .groups
                .iter()
                .all(|(_, g)| (g.names as usize) < self.group_names.len())
    }
}

/// A group of files in the manifest: its signature, its names (an index into the
/// manifest's `group_names`) and the [`group_stamp`] of its files.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct GroupRecord {
    signature: u64,
    names: u32,
    stamp: u64,
}

/// What the last build made of a [`Group`]: its signature, and the [`group_stamp`] of its
/// files, which a group kept file by file must still have.
#[derive(Debug, Clone)]
struct GroupMade {
    signature: u64,
    group: Group,
    stamp: u64,
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
    /// The signature of every file and group of files (by the path of its first file) the
    /// last build made: lent to the render as it is (a copy of a million paths would cost a
    /// one-edit build a second).
    previous: Signatures,
    /// The stamp of every file (not group) the last build made, by [`path_hash`]: the path
    /// is in `previous` already.
    stamps: HashMap<u64, FileStamp, ahash::RandomState>,
    /// How many files (not groups) the last build made.
    file_count: usize,
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
    /// The groups of files the last build made, by the path of their first file.
    groups: HashMap<String, GroupMade, ahash::RandomState>,
    /// The folders of groups of files (a photo's original and variants), as they were when
    /// the last build had made or checked every file of their groups in them.
    group_folders: HashMap<String, FileStamp, ahash::RandomState>,
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
                postcard::from_bytes::<Manifest<String>>(&bytes)
                    .ok()
                    .filter(|m| m.is_valid(fingerprint)),
                Some(stamp),
            ),
            None => (None, None),
        };
        let mut previous = Signatures::default();
        let mut stamps: HashMap<u64, FileStamp, ahash::RandomState> = HashMap::default();
        let mut groups: HashMap<String, GroupMade, ahash::RandomState> = HashMap::default();
        let mut group_folders = HashMap::default();
        let mut folder = (0, 0);
        let mut folder_stamp = None;
        let mut file_count = 0;
        let mut base = 0;
        let mut changes: HashMap<String, Option<Made>, ahash::RandomState> = HashMap::default();
        let base_files = manifest_made
            .as_ref()
            .and_then(|m| journal::read_base(&dir, m.base));
        if let (Some(m), Some(files)) = (manifest_made, base_files) {
            folder_stamp = manifest_stamp.and_then(|stamp| super::output_trust::read(&dir, stamp));
            base = m.base;
            previous.reserve(files.len() + m.changed.len() + m.groups.len());
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
            file_count = previous.len();
            let names: Vec<Group> = m
                .group_names
                .into_iter()
                .map(|names| Group {
                    names: names.into(),
                })
                .collect();
            groups.reserve(m.groups.len());
            for (key, record) in m.groups {
                if previous.insert(key.clone(), record.signature).is_some() {
                    // A file's path, now a group's: the path is the group's.
                    file_count -= 1;
                }
                let made = GroupMade {
                    signature: record.signature,
                    group: names[record.names as usize].clone(),
                    stamp: record.stamp,
                };
                groups.insert(key, made);
            }
            group_folders = m.group_folders.into_iter().collect();
            folder = m.folder;
        }
        OutputCache {
            dir: dir.clone(),
            manifest,
            farm: dir.join("output"),
            fingerprint,
            previous,
            stamps,
            file_count,
            base,
            changes,
            folder,
            folder_stamp,
            links_work: AtomicBool::new(true),
            groups,
            group_folders,
        }
    }

    /// Whether the folder `output/folder` is as the last build left it with every file of
    /// its groups made or checked: no file added, removed or renamed in it since (each of
    /// those changes a folder's modification time). The files of its unchanged groups are
    /// then all there without a look at each. A file changed in place is not seen this way.
    /// `output` is the output folder, open: the folder is looked at relative to it (a short
    /// path to walk, once per photo of a cached build).
    pub fn folder_is_intact(&self, output: &std::os::fd::OwnedFd, folder: &str) -> bool {
        self.group_folders.get(folder).is_some_and(|stamp| {
            let folder = if folder.is_empty() { "." } else { folder };
            rustix::fs::statat(output, folder, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).is_ok_and(
                |s| {
                    rustix::fs::FileType::from_raw_mode(s.st_mode).is_dir()
                        && FileStamp::of_stat(&s) == *stamp
                },
            )
        })
    }

    /// The stamps to record of the folders of this build's `groups` (a group, by the path
    /// of its first file, with how it was kept; a folder may hold more than one): a folder
    /// whose groups were all kept with one look at it keeps its stamp, any other is looked at now, after
    /// the build (unless changed too recently to tell a later change from it).
    fn folder_stamps<'a>(
        &self,
        output: &Path,
        groups: &'a [(String, Kept)],
    ) -> Vec<(&'a str, FileStamp)> {
        let mut all_kept: HashMap<&str, bool, ahash::RandomState> = HashMap::default();
        for (key, kept) in groups {
            let folder = key.rsplit_once('/').map_or("", |(folder, _)| folder);
            *all_kept.entry(folder).or_insert(true) &= *kept == Kept::InItsFolder;
        }
        let mut stamps: Vec<(&str, FileStamp)> = all_kept
            .into_par_iter()
            .filter_map(|(folder, kept)| {
                let stamp = match self.group_folders.get(folder).filter(|_| kept) {
                    Some(stamp) => *stamp,
                    None => std::fs::symlink_metadata(output.join(folder))
                        .ok()
                        .filter(|m| m.is_dir())
                        .and_then(|m| FileStamp::settled(&m))?,
                };
                Some((folder, stamp))
            })
            .collect();
        stamps.sort_unstable_by(|a, b| a.0.cmp(b.0));
        stamps
    }

    /// The signature of every file (and group of files) the last build made, which the next
    /// render compares with.
    pub fn signatures(&self) -> &Signatures {
        &self.previous
    }

    /// How many entries (files and groups of files) the last build made.
    pub fn len(&self) -> usize {
        self.previous.len()
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
        self.previous
            .keys()
            .filter(|path| !self.groups.contains_key(path.as_str()))
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
    /// groups, those in `kept` (kept whole, so all their files are there) are left out.
    pub fn paths_not_in(
        &self,
        produced: &std::collections::HashSet<&str, ahash::RandomState>,
        kept: &std::collections::HashSet<&str, ahash::RandomState>,
    ) -> Vec<String> {
        let files = self.made_files().filter(|p| !produced.contains(p.as_str()));
        let mut stale: Vec<String> = files.cloned().collect();
        for (key, made) in &self.groups {
            if !kept.contains(key.as_str()) {
                let files = made.group.files(key);
                stale.extend(files.filter(|f| !produced.contains(f.as_str())));
            }
        }
        stale
    }

    /// The output paths of the files of the last build's group `key`.
    pub fn group_files(&self, key: &str) -> Vec<String> {
        self.groups
            .get(key)
            .map_or_else(Vec::new, |made| made.group.files(key).collect())
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

    /// What the last build made of `group` under `key`, if it made that very group.
    fn group_made_as(&self, key: &str, group: &Group) -> Option<&GroupMade> {
        self.groups.get(key).filter(|made| made.group == *group)
    }

    /// Whether the files of `group` (named by its first file `key`) in the output folder
    /// (open as `output`) are all still the very files the last build made there.
    pub fn group_is_intact(&self, output: &std::os::fd::OwnedFd, key: &str, group: &Group) -> bool {
        self.group_made_as(key, group).is_some_and(|made| {
            let stat = |path: &str| {
                let stat = rustix::fs::statat(output, path, rustix::fs::AtFlags::empty()).ok()?;
                rustix::fs::FileType::from_raw_mode(stat.st_mode)
                    .is_file()
                    .then(|| FileStamp::of_stat(&stat))
            };
            group_stamp(group, key, stat) == Some(made.stamp)
        })
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

    /// Hard-links the cache's copies of the files of `group` (named by its first file `key`)
    /// into the folder `root` (whose folder of `key` exists), when they are all still the
    /// files the last build made; false when the group cannot be reused (some files may be
    /// linked then, which the caller replaces).
    pub fn link_group_to(&self, key: &str, group: &Group, root: &Path) -> bool {
        let Some(made) = self.group_made_as(key, group) else {
            return false;
        };
        let stat = |path: &str| {
            let meta = std::fs::metadata(self.farm_file(path)).ok()?;
            meta.is_file().then(|| FileStamp::exact(&meta))
        };
        if !self.links_work.load(Ordering::Relaxed)
            || group_stamp(group, key, stat) != Some(made.stamp)
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
    /// files and groups of files (`groups`, by the path of their first file) with their
    /// signatures, each time it is called (no map of a million paths is made for this), `put` the files
    /// it wrote (the others were linked from the cache or kept) with their stamps as written,
    /// `offered` the groups it offered to keep (by the path of their first file), with how
    /// each was kept.
    pub fn save<'s, I>(
        &self,
        output: &Path,
        signatures: impl Fn() -> I,
        groups: &Groups,
        put: &[(String, FileStamp)],
        offered: &[(String, Kept)],
    ) -> std::io::Result<()>
    where
        I: Iterator<Item = (Cow<'s, str>, u64)>,
    {
        // Nothing written, the same files with the same signatures in the same folder, every
        // group kept at once: the manifest and the links stand (a build with nothing to do
        // stays cheap).
        let unchanged = put.is_empty()
            && offered.iter().all(|(_, kept)| *kept == Kept::InItsFolder)
            && folder_identity(output) == self.folder
            && {
                let mut count = 0;
                let same = signatures().all(|(path, s)| {
                    count += 1;
                    self.signature_of(&path) == Some(s)
                });
                same && count == self.len()
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
            let group_signatures: HashMap<Cow<str>, u64, ahash::RandomState> =
                match self.groups.is_empty() {
                    true => HashMap::default(),
                    false => signatures()
                        .filter(|(path, _)| self.groups.contains_key(path.as_ref()))
                        .collect(),
                };
            for (key, made) in &self.groups {
                let now = groups
                    .get(key)
                    .filter(|_| group_signatures.get(key.as_str()) == Some(&made.signature));
                if now.is_none() {
                    for file in made.group.files(key) {
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
        let kept: HashSet<&str, ahash::RandomState> = offered
            .iter()
            .filter(|(_, kept)| kept.is_kept())
            .map(|(key, _)| key.as_str())
            .collect();
        // Each file's record now against the last build's: one lookup a file, and a record
        // written only where it changed.
        let mut changes: HashMap<String, Option<Made>, ahash::RandomState> = HashMap::default();
        let mut made_groups: Vec<(String, &Group, GroupRecord)> = Vec::with_capacity(groups.len());
        // Entries of this build, those with a record, files of the last build made again.
        let (mut count, mut recorded, mut made_again) = (0, 0, 0);
        for (path, signature) in signatures() {
            count += 1;
            if let Some(group) = groups.get(path.as_ref()) {
                let kept = kept.contains(path.as_ref());
                if let Some(stamp) = self.group_made(&path, group, signature, kept, &linked) {
                    let names = 0; // Numbered below, once the groups are in order.
                    made_groups.push((
                        path.into_owned(),
                        group,
                        GroupRecord {
                            signature,
                            names,
                            stamp,
                        },
                    ));
                    recorded += 1;
                }
                continue;
            }
            let last = self.previous.get(path.as_ref()).copied();
            let was_file = last.is_some()
                && (self.groups.is_empty() || !self.groups.contains_key(path.as_ref()));
            made_again += usize::from(was_file);
            let put = linked.get(path.as_ref());
            if put.is_none() && was_file && last == Some(signature) {
                // Kept as the last build made it: its record stands (most files of a
                // build; the stamp is not even looked up).
                recorded += 1;
                continue;
            }
            let old = self.made(&path).filter(|_| was_file);
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
        if made_again < self.file_count {
            let now: HashSet<Cow<str>, ahash::RandomState> =
                signatures().map(|(path, _)| path).collect();
            for path in self.made_files() {
                let gone = !now.contains(path.as_str());
                if gone || groups.contains_key(path) {
                    changes.insert(path.clone(), None);
                }
                if gone {
                    let _ = std::fs::remove_file(self.farm_file(path));
                }
            }
        }
        made_groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each list of names once, numbered in the order the groups first have it.
        let mut group_names: Vec<&str> = Vec::new();
        let mut numbers: HashMap<&str, u32, ahash::RandomState> = HashMap::default();
        for (_, group, record) in &mut made_groups {
            let names: &str = &group.names;
            record.names = *numbers.entry(names).or_insert_with(|| {
                group_names.push(names);
                group_names.len() as u32 - 1
            });
        }
        // A manifest that lacks some of the folder's files cannot tell the next build which
        // files it must delete there: that build then makes a whole new tree.
        let folder = if recorded == count {
            folder_identity(output)
        } else {
            (0, 0)
        };
        // The changes since the base, the last build's and this one's; or a new base.
        let mut since_base: HashMap<&str, Option<Made>, ahash::RandomState> = self
            .changes
            .iter()
            .map(|(path, made)| (path.as_str(), *made))
            .collect();
        let changes: HashMap<&str, Option<Made>, ahash::RandomState> = changes
            .iter()
            .map(|(path, made)| (path.as_str(), *made))
            .collect();
        since_base.extend(changes.iter().map(|(path, made)| (*path, *made)));
        let base = if self.is_empty() || journal::time_to_rewrite(since_base.len(), self.file_count)
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
            group_names,
            groups: made_groups
                .iter()
                .map(|(key, _, record)| (key.as_str(), *record))
                .collect(),
            group_folders: self.folder_stamps(output, offered),
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

    /// Records the output folder `output` as this build left it, beside the manifest that
    /// lists every file it made there (see [`super::output_trust`]).
    fn record_output_folder(&self, output: &Path) -> std::io::Result<()> {
        match folder_stamp(output) {
            Some(folder) => super::output_trust::record(&self.dir, &self.manifest, folder),
            None => Ok(()),
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
        let new = changes.iter().filter(|(path, _)| {
            !self.previous.contains_key(**path) || self.groups.contains_key(**path)
        });
        files.extend(new.filter_map(|(path, now)| now.map(|made| (*path, made))));
        // In a fixed order, which need not be the paths': the base is read into a map.
        // Comparing a million paths was most of the time of writing it.
        files.sort_by_cached_key(|(path, _)| path_hash(path));
        files
    }

    /// The signature the last build recorded for a file or a group (by its first file).
    fn signature_of(&self, path: &str) -> Option<u64> {
        self.previous.get(path).copied()
    }

    /// The [`group_stamp`] of `group` (named `key`) as this build made it: kept whole as the
    /// last build made it (the same group with the same signature), or each of its files put
    /// and linked (its stamp in `linked`). None when a file is neither (it could not be
    /// linked).
    fn group_made(
        &self,
        key: &str,
        group: &Group,
        signature: u64,
        kept: bool,
        linked: &HashMap<&str, FileStamp, ahash::RandomState>,
    ) -> Option<u64> {
        if kept {
            let old = self.group_made_as(key, group)?;
            return (old.signature == signature).then_some(old.stamp);
        }
        group_stamp(group, key, |file| linked.get(file).copied())
    }
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
        assert_eq!(cache.file_count, pages.len());
        assert_eq!(cache.len(), pages.len());
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
}
