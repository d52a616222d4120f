//! The output files of the last build, hard-linked into `.cermin-cache/output/` (no second
//! copy on disk), with the signature of the inputs each was rendered from. A page whose
//! signature is unchanged is linked from there instead of rendered and written, even into a
//! fresh output folder.
//!
//! The links sit side by side in that one folder, each named by a hash of its output path:
//! mirroring the site's tree would cost a folder per page (one per article), which would
//! make a first build's cache almost as dear to write as the site itself.
//!
//! A file is only reused if it is still exactly what the last build made (same inode, size
//! and modification time), so a file edited in place in the output is rendered again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3Default;

use super::FileStamp;

/// Every output file of a render with the signature of its inputs (or of its bytes).
pub type Signatures = std::collections::HashMap<String, u64, ahash::RandomState>;

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

#[derive(Serialize, Deserialize)]
struct Manifest {
    fingerprint: u64,
    /// The output folder the files were made in, as (device, inode): a build that swaps a
    /// new tree in (`--no-cache`, say) makes another folder, whose files the manifest
    /// does not list.
    folder: (u64, u64),
    files: Vec<(String, Made)>,
    /// The stamps of the folders of groups of files kept at once (see [`Made`] for files).
    groups: Vec<(String, FileStamp)>,
}

/// A folder's (device, inode), or zeros when it cannot be read.
fn folder_identity(folder: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(folder).map_or((0, 0), |m| (m.dev(), m.ino()))
}

/// The output cache of one site and settings.
pub struct OutputCache {
    manifest: PathBuf,
    farm: PathBuf,
    fingerprint: u64,
    made: HashMap<String, Made, ahash::RandomState>,
    /// The output folder the last build's files were made in.
    folder: (u64, u64),
    /// Cleared at the first failed link (an output folder on another file system).
    links_work: AtomicBool,
    /// The folders of groups of files (a photo's original and variants), as they were when
    /// the last build had made or checked every file of their groups in them.
    groups: HashMap<String, FileStamp, ahash::RandomState>,
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
        let (folder, made, groups) = std::fs::read(&manifest)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Manifest>(&bytes).ok())
            .filter(|m| m.fingerprint == fingerprint)
            .map(|m| {
                let groups = m.groups.into_iter().collect();
                (m.folder, m.files.into_iter().collect(), groups)
            })
            .unwrap_or_default();
        OutputCache {
            manifest,
            farm: dir.join("output"),
            fingerprint,
            made,
            folder,
            links_work: AtomicBool::new(true),
            groups,
        }
    }

    /// Whether the folder `output/folder` is as the last build left it with every file of
    /// its groups made or checked: no file added, removed or renamed in it since (each of
    /// those changes a folder's modification time). The files of its unchanged groups are
    /// then all there without a look at each. A file changed in place is not seen this way.
    pub fn folder_is_intact(&self, output: &Path, folder: &str) -> bool {
        self.groups.get(folder).is_some_and(|stamp| {
            std::fs::symlink_metadata(output.join(folder))
                .is_ok_and(|m| m.is_dir() && FileStamp::exact(&m) == *stamp)
        })
    }

    /// The stamps to record of the folders of this build's `groups` (a folder with whether
    /// its group was kept at once; one per group, so a folder may come more than once): a
    /// folder whose groups were all kept keeps its stamp, any other is looked at now, after
    /// the build (unless changed too recently to tell a later change from it).
    fn group_stamps(&self, output: &Path, groups: &[(String, bool)]) -> Vec<(String, FileStamp)> {
        let mut all_kept: HashMap<&str, bool, ahash::RandomState> = HashMap::default();
        for (folder, kept) in groups {
            *all_kept.entry(folder.as_str()).or_insert(true) &= *kept;
        }
        let mut stamps: Vec<(String, FileStamp)> = all_kept
            .into_par_iter()
            .filter_map(|(folder, kept)| {
                let stamp = match self.groups.get(folder).filter(|_| kept) {
                    Some(stamp) => *stamp,
                    None => std::fs::symlink_metadata(output.join(folder))
                        .ok()
                        .filter(|m| m.is_dir())
                        .and_then(|m| FileStamp::settled(&m))?,
                };
                Some((folder.to_string(), stamp))
            })
            .collect();
        stamps.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        stamps
    }

    /// The signature of every file the last build made, which the next render compares with.
    pub fn signatures(&self) -> Signatures {
        self.made
            .iter()
            .map(|(path, made)| (path.clone(), made.signature))
            .collect()
    }

    /// How many files the last build made.
    pub fn len(&self) -> usize {
        self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }

    /// Whether the folder `output` is the one the last build's files were made in, so that
    /// they are all the files it holds that a build made.
    pub fn made_in(&self, output: &Path) -> bool {
        !self.made.is_empty() && folder_identity(output) == self.folder
    }

    /// The output path of every file the last build made.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.made.keys().map(String::as_str)
    }

    /// Whether `path` in the output folder (open as `output`) is still the very file the
    /// last build made there. Asked relative to the open folder: at a million files, walking
    /// each full path again would be most of the cost.
    pub fn is_intact(&self, output: &std::os::fd::OwnedFd, path: &str) -> bool {
        self.made.get(path).is_some_and(|made| {
            rustix::fs::statat(output, path, rustix::fs::AtFlags::empty())
                .is_ok_and(|stat| made.matches_stat(&stat))
        })
    }

    /// Whether `file` is the very file the last build made at `path`.
    fn is_at(&self, path: &str, file: &Path) -> bool {
        self.made
            .get(path)
            .is_some_and(|made| std::fs::metadata(file).is_ok_and(|m| made.matches(&m)))
    }

    /// Where the cache keeps its link to the output file `path`.
    fn farm_file(&self, path: &str) -> PathBuf {
        self.farm.join(format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(path.as_bytes())
        ))
    }

    /// Hard-links the last build's `path` to `target`; false when it cannot be reused.
    pub fn link_to(&self, path: &str, target: &Path) -> bool {
        let cached = self.farm_file(path);
        if !self.links_work.load(Ordering::Relaxed) || !self.is_at(path, &cached) {
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

    /// Records a finished build whose output folder is `output`: `signatures` are all its
    /// files, `put` the ones it wrote (the others were linked from the cache) with their
    /// stamps as written, `groups` the folders of the groups of files it offered to keep at
    /// once, with whether each was kept.
    pub fn save(
        &self,
        output: &Path,
        signatures: &Signatures,
        put: &[(String, FileStamp)],
        groups: &[(String, bool)],
    ) -> std::io::Result<()> {
        // Nothing written, the same files with the same signatures in the same folder, every
        // group kept at once: the manifest and the links stand (a build with nothing to do
        // stays cheap).
        let unchanged = put.is_empty()
            && groups.iter().all(|(_, kept)| *kept)
            && signatures.len() == self.made.len()
            && folder_identity(output) == self.folder
            && signatures
                .iter()
                .all(|(path, s)| self.made.get(path).is_some_and(|m| m.signature == *s));
        if unchanged {
            return Ok(());
        }
        // Without a manifest nothing is reused, so a build killed while the links below are
        // half made cannot mislead the next one.
        match std::fs::remove_file(&self.manifest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        if self.made.is_empty() {
            // Nothing in the folder can be trusted (no manifest, or an old program's or
            // settings'): start it afresh rather than replace its files one by one.
            match std::fs::remove_dir_all(&self.farm) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        } else {
            for path in self.made.keys() {
                if !signatures.contains_key(path) {
                    let _ = std::fs::remove_file(self.farm_file(path));
                }
            }
        }
        std::fs::create_dir_all(&self.farm)?;
        let made: HashMap<&str, Made, ahash::RandomState> = put
            .par_iter()
            .filter_map(|(path, stamp)| {
                let made = Made {
                    signature: signatures[path],
                    stamp: *stamp,
                };
                if self.made.get(path).is_some_and(|old| old.stamp == *stamp) {
                    // Written again with the same bytes and kept: the cache links it already.
                    return Some((path.as_str(), made));
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
                Some((path.as_str(), made))
            })
            .collect();
        let mut files: Vec<(String, Made)> = Vec::with_capacity(signatures.len());
        for (path, &signature) in signatures {
            if let Some(m) = made.get(path.as_str()) {
                files.push((path.clone(), *m));
            } else if let Some(old) = self.made.get(path).filter(|m| m.signature == signature) {
                files.push((path.clone(), *old));
            }
        }
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // A manifest that lacks some of the folder's files cannot tell the next build which
        // files it must delete there: that build then makes a whole new tree.
        let folder = if files.len() == signatures.len() {
            folder_identity(output)
        } else {
            (0, 0)
        };
        let bytes = postcard::to_stdvec(&Manifest {
            fingerprint: self.fingerprint,
            folder,
            files,
            groups: self.group_stamps(output, groups),
        })
        .map_err(std::io::Error::other)?;
        std::fs::create_dir_all(self.manifest.parent().unwrap_or(Path::new(".")))?;
        crate::files::write_atomically(&self.manifest, &bytes)
    }
}
