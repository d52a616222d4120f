//! Where the served files' bytes wait: in memory up to a budget, the rest compressed in a
//! scratch file.
//!
//! A site of 100,000 articles serves about 3 GB of pages, one of a million ten times that:
//! more than a machine's memory. So, as article bodies do in a build (`content::body`), the
//! files beyond the budget go to a scratch file (unlinked, in the system's temporary folder),
//! compressed with LZ4 (HTML shrinks several times; a page is unpacked in microseconds), and
//! the operating system's page cache decides what stays in memory. A file replaced by a save
//! gives its place in the scratch file back once no version of the served site holds it (a
//! request may still be answered from the version before), so the scratch file grows with the
//! site, not with the number of saves.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Files shorter than this stay in memory whatever the budget: their map entry costs about as
/// much, and a read would cost more than they do.
const SMALL: usize = 1024;

/// One served file's bytes, in memory or in the scratch file. Cloning it is cheap.
#[derive(Clone)]
pub struct ServedFile {
    stored: Stored,
}

#[derive(Clone)]
enum Stored {
    Memory(Arc<InMemory>),
    Scratch(Arc<Extent>),
}

struct InMemory {
    bytes: Vec<u8>,
    hash: u64,
    /// The store's count of bytes in memory, given back when the file is dropped.
    counted: Option<Arc<AtomicUsize>>,
}

impl Drop for InMemory {
    fn drop(&mut self) {
        if let Some(count) = &self.counted {
            count.fetch_sub(self.bytes.len(), Ordering::Relaxed);
        }
    }
}

/// A file's place in the scratch file, given back when the last version of the served site
/// that holds it is dropped.
struct Extent {
    scratch: Arc<Scratch>,
    offset: u64,
    /// The place's size: its stored bytes rounded up to a size class (see [`size_class`]).
    size: u64,
    stored_len: usize,
    compressed: bool,
    /// The file's own length and hash (of its bytes uncompressed), checked when it is read.
    len: usize,
    hash: u64,
}

impl Drop for Extent {
    fn drop(&mut self) {
        self.scratch.give_back(self.offset, self.size);
    }
}

/// The scratch file and its free places, by size class.
struct Scratch {
    file: File,
    space: Mutex<Space>,
}

#[derive(Default)]
struct Space {
    end: u64,
    free: HashMap<u64, Vec<u64>>,
}

impl Scratch {
    fn take(&self, size: u64) -> u64 {
        let mut space = self.space.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(offset) = space.free.get_mut(&size).and_then(Vec::pop) {
            return offset;
        }
        let offset = space.end;
        space.end += size;
        offset
    }

    fn give_back(&self, offset: u64, size: u64) {
        let mut space = self.space.lock().unwrap_or_else(PoisonError::into_inner);
        space.free.entry(size).or_default().push(offset);
    }
}

/// `len` rounded up to one of eight sizes per doubling: a place given back fits the next file
/// of about its size (a page or index chunk made again by a save), and less than an eighth of
/// a place (or 256 bytes) is left unused.
fn size_class(len: usize) -> u64 {
    let len = len.max(1) as u64;
    let step = (len.next_power_of_two() / 16).max(256);
    len.div_ceil(step) * step
}

/// Makes [`ServedFile`]s: in memory while the budget lasts, then in the scratch file.
pub struct Store {
    scratch: Option<Arc<Scratch>>,
    budget: usize,
    /// What may be in memory now: half the budget until the first render is stored, so that
    /// the files saves make (read at once by the tab that reloads, and made again by the next
    /// save of the same article) find room in memory.
    limit: AtomicUsize,
    in_memory: Arc<AtomicUsize>,
    /// A write to the scratch file failed (a full disk): said once.
    warned: AtomicBool,
}

impl Store {
    /// Every file stays in memory (`cermin check`, and the fresh renders tests compare with).
    pub fn in_memory() -> Store {
        Store {
            scratch: None,
            budget: usize::MAX,
            limit: AtomicUsize::new(usize::MAX),
            in_memory: Arc::default(),
            warned: AtomicBool::new(false),
        }
    }

    /// Files beyond `budget_mb` megabytes go to a scratch file. Without one (no writable
    /// temporary folder) they stay in memory, with a warning: that only costs memory.
    pub fn with_scratch_file(budget_mb: usize) -> Store {
        let scratch = match tempfile::tempfile() {
            Ok(file) => Some(Arc::new(Scratch {
                file,
                space: Mutex::default(),
            })),
            Err(e) => {
                eprintln!(
                    "warning: cannot make a scratch file in {} ({e}): every served file stays in memory; set TMPDIR to a writable folder",
                    std::env::temp_dir().display()
                );
                None
            }
        };
        let budget = budget_mb.saturating_mul(1 << 20);
        Store {
            scratch,
            budget,
            limit: AtomicUsize::new(budget / 2),
            in_memory: Arc::default(),
            warned: AtomicBool::new(false),
        }
    }

    /// Lets files in memory take the whole budget (see `limit`).
    pub fn first_render_stored(&self) {
        self.limit.store(self.budget, Ordering::Relaxed);
    }

    /// Stores one file's bytes, unless `old` (the file served at its path now) holds them
    /// already: then that is kept, neither written again nor read back later to compare.
    pub fn put(&self, bytes: &[u8], old: Option<&ServedFile>) -> ServedFile {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if let Some(old) = old.filter(|old| old.holds(bytes, hash)) {
            return old.clone();
        }
        let Some(scratch) = &self.scratch else {
            return ServedFile::new(bytes.to_vec());
        };
        if bytes.len() >= SMALL && !self.fits_in_memory(bytes.len()) {
            match write(scratch, bytes, hash) {
                Ok(extent) => {
                    return ServedFile {
                        stored: Stored::Scratch(Arc::new(extent)),
                    };
                }
                Err(e) => {
                    if !self.warned.swap(true, Ordering::Relaxed) {
                        eprintln!(
                            "warning: cannot write to the scratch file in {} ({e}): served files beyond the memory budget stay in memory; free space there or set TMPDIR to another folder",
                            std::env::temp_dir().display()
                        );
                    }
                    self.in_memory.fetch_add(bytes.len(), Ordering::Relaxed);
                }
            }
        } else if bytes.len() < SMALL {
            self.in_memory.fetch_add(bytes.len(), Ordering::Relaxed);
        }
        ServedFile {
            stored: Stored::Memory(Arc::new(InMemory {
                bytes: bytes.to_vec(),
                hash,
                counted: Some(self.in_memory.clone()),
            })),
        }
    }

    /// Takes `len` bytes from the memory budget if they fit.
    fn fits_in_memory(&self, len: usize) -> bool {
        self.in_memory
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                let limit = self.limit.load(Ordering::Relaxed);
                (used.saturating_add(len) <= limit).then_some(used + len)
            })
            .is_ok()
    }
}

/// Writes `bytes` (compressed when that makes them shorter) to a free place of the scratch
/// file; a failed write gives the place back.
fn write(scratch: &Arc<Scratch>, bytes: &[u8], hash: u64) -> io::Result<Extent> {
    let packed = lz4_flex::block::compress(bytes);
    let compressed = packed.len() < bytes.len();
    let stored: &[u8] = if compressed { &packed } else { bytes };
    let size = size_class(stored.len());
    let extent = Extent {
        scratch: scratch.clone(),
        offset: scratch.take(size),
        size,
        stored_len: stored.len(),
        compressed,
        len: bytes.len(),
        hash,
    };
    scratch.file.write_all_at(stored, extent.offset)?;
    Ok(extent)
}

impl ServedFile {
    /// A file held in memory, outside any store's budget.
    pub fn new(bytes: Vec<u8>) -> ServedFile {
        ServedFile {
            stored: Stored::Memory(Arc::new(InMemory {
                hash: xxhash_rust::xxh3::xxh3_64(&bytes),
                bytes,
                counted: None,
            })),
        }
    }

    /// The file's bytes, read back from the scratch file if they wait there.
    pub fn bytes(&self) -> io::Result<Cow<'_, [u8]>> {
        let extent = match &self.stored {
            Stored::Memory(file) => return Ok(Cow::Borrowed(&file.bytes)),
            Stored::Scratch(extent) => extent,
        };
        let mut stored = vec![0; extent.stored_len];
        extent
            .scratch
            .file
            .read_exact_at(&mut stored, extent.offset)
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot read a served file back from the server's scratch file: {e}"),
                )
            })?;
        let bytes = match extent.compressed {
            true => lz4_flex::block::decompress(&stored, extent.len).ok(),
            false => Some(stored),
        };
        match bytes {
            Some(bytes)
                if bytes.len() == extent.len
                    && xxhash_rust::xxh3::xxh3_64(&bytes) == extent.hash =>
            {
                Ok(Cow::Owned(bytes))
            }
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a served file in the server's scratch file was changed while serving: restart `cermin serve`",
            )),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        match &self.stored {
            Stored::Memory(file) => file.bytes.len(),
            Stored::Scratch(extent) => extent.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn hash(&self) -> u64 {
        match &self.stored {
            Stored::Memory(file) => file.hash,
            Stored::Scratch(extent) => extent.hash,
        }
    }

    /// Whether this file's bytes are `bytes`, whose hash is `hash`. Bytes in the scratch file
    /// are judged by length and 64-bit hash, not read back: a page a save makes again is
    /// mostly one whose old bytes are no longer in the page cache, and reading them from the
    /// disk cost more than the rest of the save (300,000 articles). The render already trusts
    /// hashes as much: a page whose inputs hash the same is not made again (`render::spec`).
    fn holds(&self, bytes: &[u8], hash: u64) -> bool {
        if self.len() != bytes.len() || self.hash() != hash {
            return false;
        }
        match &self.stored {
            Stored::Memory(file) => file.bytes == bytes,
            Stored::Scratch(_) => true,
        }
    }

    /// Whether the bytes wait in the scratch file.
    pub fn in_scratch_file(&self) -> bool {
        matches!(self.stored, Stored::Scratch(_))
    }
}

impl From<Vec<u8>> for ServedFile {
    fn from(bytes: Vec<u8>) -> ServedFile {
        ServedFile::new(bytes)
    }
}

/// The same bytes, wherever they wait (a file that cannot be read back equals none).
impl PartialEq for ServedFile {
    fn eq(&self, other: &ServedFile) -> bool {
        let same_place = match (&self.stored, &other.stored) {
            (Stored::Memory(a), Stored::Memory(b)) => Arc::ptr_eq(a, b),
            (Stored::Scratch(a), Stored::Scratch(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if same_place {
            return true;
        }
        if self.len() != other.len() || self.hash() != other.hash() {
            return false;
        }
        match (self.bytes(), other.bytes()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl std::fmt::Debug for ServedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = match self.in_scratch_file() {
            true => "in the scratch file",
            false => "in memory",
        };
        write!(f, "ServedFile({} bytes {place})", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that compresses, of `len` bytes, different for each `seed`.
    fn page(seed: usize, len: usize) -> Vec<u8> {
        format!("<p>{seed}</p>")
            .bytes()
            .chain((0..).map(|i| b"abcdefgh"[(i * 7 + seed) % 8]))
            .take(len)
            .collect()
    }

    /// Bytes LZ4 cannot shorten (a photo's, say).
    fn noise(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn files_read_back_the_same_from_memory_or_the_scratch_file() {
        let store = Store::with_scratch_file(0);
        assert!(store.scratch.is_some(), "the test needs a temporary folder");
        let files = [page(1, 10), page(2, 5000), noise(3, 5000), page(4, 100_000)];
        let stored: Vec<ServedFile> = files.iter().map(|b| store.put(b, None)).collect();
        let places: Vec<bool> = stored.iter().map(ServedFile::in_scratch_file).collect();
        assert_eq!(
            places,
            [false, true, true, true],
            "only the small file in memory"
        );
        for (file, bytes) in stored.iter().zip(&files) {
            assert_eq!(&*file.bytes().unwrap(), bytes.as_slice());
            assert_eq!(file.len(), bytes.len());
            assert_eq!(file, &ServedFile::new(bytes.clone()));
        }
        assert_ne!(stored[1], ServedFile::new(page(5, 5000)));
    }

    #[test]
    fn files_stay_in_memory_within_the_budget_and_count_out_when_dropped() {
        const PAGE: usize = 700_000;
        // 2 MB: room for two pages, and for one while the first render is stored.
        let store = Store::with_scratch_file(2);
        let first_render = [
            store.put(&page(0, PAGE), None),
            store.put(&page(1, PAGE), None),
        ];
        assert!(!first_render[0].in_scratch_file());
        assert!(
            first_render[1].in_scratch_file(),
            "the first render takes half"
        );
        store.first_render_stored();
        let saved = store.put(&page(2, PAGE), None);
        let more = store.put(&page(3, PAGE), None);
        assert!(!saved.in_scratch_file());
        assert!(more.in_scratch_file(), "over the budget");
        drop(saved);
        let again = store.put(&page(4, PAGE), None);
        assert!(
            !again.in_scratch_file(),
            "a dropped file gives its memory back"
        );
        let small = store.put(&page(5, 100), None);
        assert!(!small.in_scratch_file());
        assert_eq!(store.in_memory.load(Ordering::Relaxed), 2 * PAGE + 100);
        drop((first_render, more, again, small));
        assert_eq!(store.in_memory.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn a_place_given_back_is_taken_by_the_next_file_of_its_size() {
        let store = Store::with_scratch_file(0);
        let scratch = store.scratch.clone().unwrap();
        let end = || scratch.space.lock().unwrap().end;
        let held = store.put(&noise(1, 20_000), None);
        let version_before = held.clone();
        drop(held);
        let grown = end();
        // A version of the site still holds it: the next file goes after it.
        let next = store.put(&noise(2, 20_000), None);
        assert!(end() > grown);
        drop(version_before);
        let grown = end();
        for seed in 3..50 {
            let again = store.put(&noise(seed, 19_000 + seed as usize), None);
            assert_eq!(
                &*again.bytes().unwrap(),
                noise(seed, 19_000 + seed as usize)
            );
        }
        assert_eq!(
            end(),
            grown,
            "saves of a file of the same size reuse its place"
        );
        assert_eq!(&*next.bytes().unwrap(), noise(2, 20_000));
    }

    #[test]
    fn a_file_changed_in_the_scratch_file_is_an_error_not_other_bytes() {
        let store = Store::with_scratch_file(0);
        let file = store.put(&page(1, 5000), None);
        let Stored::Scratch(extent) = &file.stored else {
            panic!("in memory");
        };
        extent
            .scratch
            .file
            .write_all_at(b"XXXX", extent.offset)
            .unwrap();
        assert_eq!(
            file.bytes().unwrap_err().to_string(),
            "a served file in the server's scratch file was changed while serving: restart `cermin serve`"
        );
    }

    #[test]
    fn a_file_stored_again_with_the_same_bytes_is_the_file_served_now() {
        let store = Store::with_scratch_file(0);
        let old = store.put(&page(1, 5000), None);
        let again = store.put(&page(1, 5000), Some(&old));
        let Stored::Scratch(was) = &old.stored else {
            panic!("in memory");
        };
        assert!(matches!(&again.stored, Stored::Scratch(now) if Arc::ptr_eq(was, now)));
        let changed = store.put(&page(2, 5000), Some(&old));
        assert_eq!(&*changed.bytes().unwrap(), page(2, 5000));
        assert_ne!(changed, old);
    }

    #[test]
    fn size_classes_leave_at_most_an_eighth_unused() {
        for len in [
            1,
            255,
            256,
            257,
            1000,
            4096,
            4097,
            100_000,
            1 << 20,
            (1 << 20) + 1,
        ] {
            let size = size_class(len) as usize;
            assert!(size >= len, "{len}");
            assert!(size - len < (len / 8).max(256), "{len} → {size}");
        }
    }
}
