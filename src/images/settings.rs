//! `[images]` in site.toml: the widths and qualities of the variants and the pixel limit.

use std::hash::Hash;

use serde::Deserialize;

/// `[images]`: how local photos are turned into variants.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The widths of the variants, in pixels; an image is never made wider than it is.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// Quality of the WebP variants (0–100, lossy).
    #[serde(default = "default_webp_quality")]
    pub webp_quality: u8,
    /// Quality of the JPEG variants and of the re-encoded JPEG originals (1–100).
    #[serde(default = "default_jpeg_quality")]
    pub jpeg_quality: u8,
    /// The `sizes` attribute of images in article bodies: how wide the theme shows them.
    #[serde(default = "default_sizes")]
    pub sizes: String,
    /// Images with more pixels than this (width × height, read from the file's header
    /// before decoding) are not decoded: a decompression bomb is refused.
    #[serde(default = "default_max_pixels")]
    pub max_pixels: u64,
    /// Whether photos are encoded (false for `cermin check`, which only looks at them: their
    /// headers are read, no variant is made and the image cache is left alone). Not a key
    /// of site.toml.
    #[serde(skip, default = "encoding")]
    pub encode: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            widths: default_widths(),
            webp_quality: default_webp_quality(),
            jpeg_quality: default_jpeg_quality(),
            sizes: default_sizes(),
            max_pixels: default_max_pixels(),
            encode: true,
        }
    }
}

impl Settings {
    /// The settings checked: a message naming the key and the fix when one is wrong.
    pub fn checked(mut self) -> Result<Settings, String> {
        if self.widths.is_empty() || self.widths.iter().any(|w| !(16..=8192).contains(w)) {
            return Err(
                "[images] widths must be a list of widths from 16 to 8192 pixels, such as [480, 960, 1600]"
                    .into(),
            );
        }
        self.widths.sort_unstable();
        self.widths.dedup();
        if self.webp_quality > 100 || !(1..=100).contains(&self.jpeg_quality) {
            return Err(
                "[images] webp_quality must be 0 to 100 and jpeg_quality 1 to 100 (80 and 82 are good for photos)"
                    .into(),
            );
        }
        if self.max_pixels == 0 {
            return Err("[images] max_pixels must be more than 0, such as 50000000".into());
        }
        Ok(self)
    }
}

fn encoding() -> bool {
    true
}
fn default_widths() -> Vec<u32> {
    vec![480, 960, 1600]
}
fn default_webp_quality() -> u8 {
    80
}
fn default_jpeg_quality() -> u8 {
    82
}
/// The default theme's article column is at most 44rem wide.
fn default_sizes() -> String {
    "(max-width: 44rem) 100vw, 44rem".into()
}
/// 50 megapixels: a phone's largest photos; decoding one takes 200 MB.
fn default_max_pixels() -> u64 {
    50_000_000
}
