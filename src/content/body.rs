//! An article's body HTML. Bodies are most of a loaded site's memory (about 6 KB each, 650 MB
//! at 100,000 articles) yet each is read only when its own page and its feeds are written. A
//! build therefore keeps the bodies beyond the first `[build] body_memory_mb` in a scratch file
//! (unlinked, in the system's temporary folder) and reads each back when needed; the operating
//! system's page cache decides what stays in memory. Sites whose bodies fit the budget (about
//! 20,000 articles) never touch the disk. The build's [`BodyStore`] decides; serve, check
//! and import keep bodies in memory. Bodies taken from the build cache stay where they are, in the cache's file,
//! until a page needs them.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Bodies shorter than this stay in memory: a file read would cost more than they do.
const SMALL: usize = 512;

/// Where a build keeps the bodies it makes: in memory up to a budget, the rest in a scratch
/// file. Each build owns its store, so the budget starts afresh with every build; bodies
/// keep the scratch file open for as long as they live.
pub struct BodyStore {
    scratch: Option<Arc<ScratchFile>>,
    budget: usize,
    in_memory: AtomicUsize,
}

/// The scratch file, shared by every thread: writers reserve their place by moving `end`.
#[derive(Debug)]
struct ScratchFile {
    file: File,
    end: AtomicU64,
}

impl BodyStore {
    /// Every body stays in memory (serve, check and import hold few or need them all).
    pub fn in_memory() -> BodyStore {
        BodyStore {
            scratch: None,
            budget: usize::MAX,
            in_memory: AtomicUsize::new(0),
        }
    }

    /// Bodies beyond `budget_mb` megabytes go to a scratch file (unlinked, in the system's
    /// temporary folder). Without one (no writable temporary folder) they stay in memory,
    /// which only costs memory.
    pub fn with_scratch_file(budget_mb: usize) -> BodyStore {
        BodyStore {
            scratch: tempfile::tempfile().ok().map(|file| {
                Arc::new(ScratchFile {
                    file,
                    end: AtomicU64::new(0),
                })
            }),
            budget: budget_mb.saturating_mul(1 << 20),
            in_memory: AtomicUsize::new(0),
        }
    }

    /// Moves a body just made in memory to the scratch file when the memory budget is used
    /// up. A full temporary folder costs memory, not the build.
    pub fn place(&self, body: &mut BodyHtml) {
        let (Some(scratch), Stored::Memory(html)) = (&self.scratch, &body.stored) else {
            return;
        };
        if body.len < SMALL || self.fits_in_memory(body.len) {
            return;
        }
        let offset = scratch.end.fetch_add(body.len as u64, Ordering::Relaxed);
        if scratch.file.write_all_at(html.as_bytes(), offset).is_ok() {
            body.stored = Stored::Scratch {
                file: Arc::clone(scratch),
                offset,
            };
        }
    }

    /// Takes `len` bytes from the memory budget if they fit. Never given back: a build
    /// places each body once, so the few it drops (drafts, say) only tighten the budget.
    fn fits_in_memory(&self, len: usize) -> bool {
        self.in_memory
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                (used.saturating_add(len) <= self.budget).then_some(used + len)
            })
            .is_ok()
    }
}

/// An article's body HTML, in memory, in the scratch file or in a build cache file.
#[derive(Debug, Clone)]
pub struct BodyHtml {
    stored: Stored,
    len: usize,
    hash: u64,
}

#[derive(Debug, Clone)]
enum Stored {
    Memory(Box<str>),
    Scratch {
        file: Arc<ScratchFile>,
        offset: u64,
    },
    /// In a file of the build cache, open since it was read: replacing the file (the cache
    /// is only ever replaced whole, by renaming) leaves this one readable.
    Cached {
        file: Arc<CacheFile>,
        offset: u64,
    },
}

impl Default for BodyHtml {
    fn default() -> BodyHtml {
        BodyHtml::new(String::new())
    }
}

/// An open build cache file that holds bodies.
#[derive(Debug)]
pub struct CacheFile {
    pub file: File,
    pub path: std::path::PathBuf,
}

impl BodyHtml {
    /// A body in memory; a build's [`BodyStore`] may then move it to its scratch file.
    pub fn new(html: String) -> BodyHtml {
        let len = html.len();
        let hash = xxhash_rust::xxh3::xxh3_64(html.as_bytes());
        BodyHtml {
            stored: Stored::Memory(html.into_boxed_str()),
            len,
            hash,
        }
    }

    /// A body `len` bytes long at `offset` in `file`, a build cache file, whose bytes hash to
    /// `hash` (checked when it is read).
    pub fn in_cache_file(file: Arc<CacheFile>, offset: u64, len: usize, hash: u64) -> BodyHtml {
        BodyHtml {
            stored: Stored::Cached { file, offset },
            len,
            hash,
        }
    }

    /// The HTML, read back from the file it waits in if it is not in memory.
    pub fn html(&self) -> io::Result<Cow<'_, str>> {
        let (file, offset, cached) = match &self.stored {
            Stored::Memory(html) => return Ok(Cow::Borrowed(html)),
            Stored::Scratch { file, offset } => (&file.file, *offset, None),
            Stored::Cached { file, offset } => (&file.file, *offset, Some(&**file)),
        };
        let mut bytes = vec![0; self.len];
        let read = file.read_exact_at(&mut bytes, offset);
        let intact = read.is_ok() && xxhash_rust::xxh3::xxh3_64(&bytes) == self.hash;
        match (intact, cached) {
            (true, _) => {}
            (false, Some(cache)) => {
                // Damaged since it was written (the cache is replaced whole, never edited):
                // without it the next build parses its articles again.
                let _ = std::fs::remove_file(&cache.path);
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the build cache file {} is damaged (now removed): run the build again",
                        cache.path.display()
                    ),
                ));
            }
            (false, None) => {
                return Err(match read {
                    Err(e) => io::Error::new(
                        e.kind(),
                        format!(
                            "cannot read an article body back from the build's scratch file: {e}"
                        ),
                    ),
                    Ok(()) => io::Error::new(
                        io::ErrorKind::InvalidData,
                        "an article body in the build's scratch file was changed while building: run the build again",
                    ),
                });
            }
        }
        String::from_utf8(bytes)
            .map(Cow::Owned)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "an article body is not UTF-8"))
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A hash of the HTML, for build signatures.
    pub fn hash(&self) -> u64 {
        self.hash
    }
}

impl PartialEq for BodyHtml {
    fn eq(&self, other: &BodyHtml) -> bool {
        self.len == other.len
            && self.hash == other.hash
            && match (self.html(), other.html()) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_read_back_the_same_from_memory_or_scratch() {
        let small = "<p>pendek</p>".to_string();
        let long = "<p>Berita panjang, dengan “kutipan”.</p>\n".repeat(40);
        // A budget of nothing: every long body goes to the scratch file.
        let store = BodyStore::with_scratch_file(0);
        assert!(store.scratch.is_some(), "the test needs a temporary folder");
        let place = |html: &str| {
            let mut body = BodyHtml::new(html.to_string());
            store.place(&mut body);
            body
        };
        let in_memory = BodyHtml::new(long.clone());
        let (small_body, long_body) = (place(&small), place(&long));
        assert!(matches!(small_body.stored, Stored::Memory(_)));
        assert!(matches!(long_body.stored, Stored::Scratch { .. }));
        assert_eq!(small_body.html().unwrap(), small);
        assert_eq!(long_body.html().unwrap(), long);
        assert_eq!(long_body.len(), long.len());
        assert_eq!(in_memory, long_body);
        assert_eq!(in_memory.hash(), long_body.hash());
        // Placed in parallel, each body keeps its own place.
        use rayon::prelude::*;
        let bodies: Vec<(String, BodyHtml)> = (0..200)
            .into_par_iter()
            .map(|i| {
                let html = format!("<p>{i}</p>").repeat(100 + i);
                (html.clone(), place(&html))
            })
            .collect();
        for (html, body) in &bodies {
            assert_eq!(body.html().unwrap(), *html);
        }
    }

    #[test]
    fn bodies_stay_in_memory_within_the_budget_and_without_a_scratch_file() {
        let long = "<p>isi</p>".repeat(100);
        let store = BodyStore::with_scratch_file(1);
        let mut first = BodyHtml::new(long.clone());
        store.place(&mut first);
        assert!(matches!(first.stored, Stored::Memory(_)), "1 MB holds it");
        let memory = BodyStore::in_memory();
        for _ in 0..3 {
            let mut body = BodyHtml::new(long.repeat(1000));
            memory.place(&mut body);
            assert!(matches!(body.stored, Stored::Memory(_)));
        }
    }
}
