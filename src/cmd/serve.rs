//! `cermin serve`: the site built in memory and served on a local HTTP server until Ctrl-C.

use anyhow::Result;

pub use crate::serve::ServeArgs;

/// `cermin serve`: serves the site (and, with `--watch`, rebuilds it on every save).
pub fn execute(args: ServeArgs) -> Result<()> {
    crate::serve::serve(args)
}
