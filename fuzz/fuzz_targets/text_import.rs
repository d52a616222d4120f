//! A scraped text dump through `cermin import`'s text extractor.
#![no_main]

use cermin::import::{Rules, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|dump: &str| {
    let _ = text::extract(dump, &Rules::default(), None);
});
