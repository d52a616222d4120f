//! Scraped HTML bytes (any encoding, or none) through `cermin import`'s HTML extractor.
//! The extractor catches panics so a batch goes on; libfuzzer's panic hook still aborts on
//! them, so every panic inside counts as a crash here.
#![no_main]

use cermin::import::{Rules, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &[u8]| {
    let _ = html::extract(page, &Rules::default(), Some("https://x.example/berita/a"));
});
