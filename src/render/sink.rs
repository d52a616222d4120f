//! Where rendered files go: the staging folder of a build (`output`), memory in `serve`,
//! the output folder itself for in-place rebuilds. Render owns the trait; writers implement it.

use anyhow::Result;

/// Where rendered files go.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative to the output root (`2022/01/27/a/index.html`).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Keeps the file the previous build made at `path`, whose inputs did not change.
    /// False when the sink cannot (the file is then rendered and put).
    fn keep(&self, _path: &str) -> Result<bool> {
        Ok(false)
    }

    /// Offers a group of files made together from one source (a photo's original and
    /// variants), all in the output folder `folder`, to keep at once without a look at each:
    /// `unchanged` says whether the previous build made these very files. True when the
    /// sink kept them all; false when it cannot vouch for them at once (each is then kept
    /// or put on its own). Every group of a render is offered, kept or not.
    fn keep_group(&self, _folder: &str, _paths: &[String], _unchanged: bool) -> Result<bool> {
        Ok(false)
    }
}
