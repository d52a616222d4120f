//! Where rendered files go: the staging folder of a build (`output`), memory in `serve`,
//! the output folder itself for in-place rebuilds. Render owns the trait; writers implement it.

use anyhow::Result;

use crate::cache::outputs::Group;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative to the output root (`2022/01/27/a/index.html`).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// [`Sink::put`], handing the bytes over: a sink that writes on other threads keeps
    /// them without a copy.
    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.put(path, &bytes)
    }

    /// Keeps the file the previous build made at `path`, whose inputs did not change.
    /// False when the sink cannot (the file is then rendered and put).
    fn keep(&self, _path: &str) -> Result<bool> {
        Ok(false)
    }

    /// Offers a group of files made together from one source (a photo's original and
    /// variants), all in one output folder, named by the path of its first file `key`:
    /// `unchanged` says whether the previous build made these very files (the group's
    /// signature is the same). Returns whether the group is kept whole; when it is not, every
    /// file of it is put (over any kept here). Every group of a render is offered, kept or not.
    fn keep_group(&self, key: &str, group: &Group, unchanged: bool) -> Result<bool> {
        if !unchanged {
            return Ok(false);
        }
        for path in group.files(key) {
            if !self.keep(&path)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The signature of the group of files `key` (the path of its first file) as the
    /// previous build made it, when the sink knows it (a build's staging knows it from the
    /// build cache; otherwise the render's previous signatures tell).
    fn last_group_signature(&self, _key: &str) -> Option<u64> {
        None
    }
}
