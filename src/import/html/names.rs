//! Author names: the rules both importers share, in [`crate::import::names`].

pub use crate::import::names::*;
