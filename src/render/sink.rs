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
}
