//! Where rendered files go: the staging folder of a build (`output`), memory in `serve`,
//! the output folder itself for in-place rebuilds. Render owns the trait; writers implement it.

use anyhow::Result;

use crate::cache::outputs::{Group, Groups};

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
    /// variants), all in one output folder, named by the path of its first file `key`, with
    /// the `signature` of its inputs: the previous build made these very files when it made
    /// the group with that signature, which the sink may know (a build's staging knows it
    /// from the build cache), else `previous` (the last render's groups) tells. Returns
    /// whether the group is kept whole; when it is not, every file of it is put (over any
    /// kept here). Every group of a render is offered, kept or not.
    fn keep_group(
        &self,
        key: &str,
        group: &Group,
        signature: u64,
        previous: &Groups,
    ) -> Result<bool> {
        if previous.get(key).map(|g| g.signature) != Some(signature) {
            return Ok(false);
        }
        for path in group.files(key) {
            if !self.keep(&path)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
