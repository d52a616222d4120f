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
    /// signature is the same). Returns whether each file (in the group's order) is kept; the
    /// others are put. Every group of a render is offered, kept or not.
    fn keep_group(&self, key: &str, group: &Group, unchanged: bool) -> Result<Vec<bool>> {
        group
            .files(key)
            .map(|path| {
                if unchanged {
                    self.keep(&path)
                } else {
                    Ok(false)
                }
            })
            .collect()
    }
}
