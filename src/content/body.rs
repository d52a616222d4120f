//! An article's body HTML. Bodies are most of a loaded site's memory (about 6 KB each, 650 MB
//! at 100,000 articles) yet each is read only when its own page and its feeds are written. A
//! build therefore keeps the bodies beyond the first [`memory_budget`] bytes in a scratch file
//! (unlinked, in the system's temporary folder) and reads each back when needed; the operating
//! system's page cache decides what stays in memory. Sites whose bodies fit the budget (about
//! 20,000 articles) never touch the disk. Without a scratch file (serve, check, tests) bodies
//! stay in memory. Bodies taken from the build cache stay where they are, in the cache's file,
//! until a page needs them.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Bodies shorter than this stay in memory: a file read would cost more than they do.
const SMALL: usize = 512;

/// Body bytes kept in memory before bodies go to the scratch file: 128 MiB, or
/// `CERMIN_BODY_MEMORY_MB` (like Hugo's `HUGO_MEMORYLIMIT`, for machines short of memory or
/// of temporary space), checked by [`keep_bodies_on_disk`].
fn memory_budget() -> usize {
    static BUDGET: OnceLock<usize> = OnceLock::new();
    *BUDGET.get_or_init(|| {
        budget_setting()
            .ok()
            .flatten()
            .unwrap_or(DEFAULT_MEMORY_BUDGET)
    })
}

/// The budget `CERMIN_BODY_MEMORY_MB` asks for, if it is set.
fn budget_setting() -> Result<Option<usize>, String> {
    let Some(value) = std::env::var_os("CERMIN_BODY_MEMORY_MB") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    text.trim()
        .parse::<usize>()
        .ok()
        .and_then(|mb| mb.checked_mul(1 << 20))
        .map(Some)
        .ok_or_else(|| {
            format!(
                "CERMIN_BODY_MEMORY_MB={text:?} is not a number of megabytes: set it to a whole number such as 256, or unset it"
            )
        })
}

/// About 20,000 articles' bodies: a 10,000-article build stays well under 300 MB.
const DEFAULT_MEMORY_BUDGET: usize = 128 << 20;

/// Body bytes in memory so far, against [`memory_budget`]. Never given back: a build makes
/// each body once, so the few it drops (drafts, say) only make the budget a little tighter.
static IN_MEMORY: AtomicUsize = AtomicUsize::new(0);

/// The scratch file, shared by every thread: writers reserve their place by moving `end`.
struct ScratchFile {
    file: File,
    end: AtomicU64,
}

static SCRATCH: OnceLock<ScratchFile> = OnceLock::new();

/// Keeps the bodies made from now on that do not fit the memory budget in a scratch file.
/// Called by a build. Fails on a `CERMIN_BODY_MEMORY_MB` that is not a number; if no scratch
/// file can be made, bodies stay in memory.
pub fn keep_bodies_on_disk() -> Result<(), String> {
    budget_setting()?;
    if SCRATCH.get().is_none()
        && let Ok(file) = tempfile::tempfile()
    {
        let _ = SCRATCH.set(ScratchFile {
            file,
            end: AtomicU64::new(0),
        });
    }
    Ok(())
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

/// Takes `len` bytes from the memory budget if they fit.
fn fits_in_memory(len: usize) -> bool {
    IN_MEMORY
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
            (used + len <= memory_budget()).then_some(used + len)
        })
        .is_ok()
}

impl BodyHtml {
    pub fn new(html: String) -> BodyHtml {
        let len = html.len();
        let hash = xxhash_rust::xxh3::xxh3_64(html.as_bytes());
        let stored = match SCRATCH.get() {
            Some(scratch) if len >= SMALL && !fits_in_memory(len) => {
                let offset = scratch.end.fetch_add(len as u64, Ordering::Relaxed);
                match scratch.file.write_all_at(html.as_bytes(), offset) {
                    Ok(()) => Stored::Scratch { offset },
                    // A full temporary folder costs memory, not the build.
                    Err(_) => Stored::Memory(html.into_boxed_str()),
                }
            }
            _ => Stored::Memory(html.into_boxed_str()),
        };
        BodyHtml { stored, len, hash }
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
            Stored::Scratch { offset } => {
                let scratch = SCRATCH
                    .get()
                    .expect("a scratch body implies the scratch file");
                (&scratch.file, *offset, None)
            }
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
        let before = BodyHtml::new(long.clone());
        assert!(matches!(before.stored, Stored::Memory(_)) || SCRATCH.get().is_some());
        keep_bodies_on_disk().unwrap();
        // Use up the memory budget: from now on long bodies go to the scratch file.
        while fits_in_memory(1 << 20) {}
        let (small_body, long_body) = (BodyHtml::new(small.clone()), BodyHtml::new(long.clone()));
        assert!(matches!(small_body.stored, Stored::Memory(_)));
        assert!(matches!(long_body.stored, Stored::Scratch { .. }));
        assert_eq!(small_body.html().unwrap(), small);
        assert_eq!(long_body.html().unwrap(), long);
        assert_eq!(long_body.len(), long.len());
        assert_eq!(before, long_body);
        assert_eq!(before.hash(), long_body.hash());
        // Written in parallel, each body keeps its own place.
        use rayon::prelude::*;
        let bodies: Vec<(String, BodyHtml)> = (0..200)
            .into_par_iter()
            .map(|i| {
                let html = format!("<p>{i}</p>").repeat(100 + i);
                (html.clone(), BodyHtml::new(html))
            })
            .collect();
        for (html, body) in &bodies {
            assert_eq!(body.html().unwrap(), *html);
        }
    }
}
