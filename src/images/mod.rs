//! Local images: the raster photos of an article's page bundle become variants at the
//! configured widths (WebP, and the original format as fallback), re-encoded so no EXIF, GPS
//! or XMP data reaches the site, cached under `.cermin-cache/images/` by content hash and
//! settings. The work is done once, when an article is read ([`prepare`]); pages show the
//! result ([`markup`]) and the build publishes the cached files ([`publish`]).

mod animation;
mod cache;
pub mod lookup;
pub mod markup;
mod probe;
pub mod publish;
mod resize;
mod settings;
mod strip;
pub mod svg;
mod variants;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::FileStamp;
pub use settings::Settings;

/// A raster format cermin reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Format {
    /// The format of a file name's extension, if it names a raster image.
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            "gif" => Some(Format::Gif),
            _ => None,
        }
    }

    /// What people call it in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Gif => "GIF",
        }
    }

    /// The extension of files written in it.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
        }
    }

    /// The media type, for `<source type>` and feeds.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
        }
    }

    /// The format of the fallback variants of an image in this format: what every browser
    /// shows (a GIF's first frame as PNG; a WebP photo as JPEG).
    pub fn fallback(self) -> Format {
        match self {
            Format::Jpeg | Format::Webp => Format::Jpeg,
            Format::Png | Format::Gif => Format::Png,
        }
    }
}

/// One file cermin writes for an image: a variant, or the original re-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Its path inside the bundle folder (`foto-480w.webp`), published beside the original.
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// The key of its bytes in the image cache (content hash, size, format and settings).
    pub key: u64,
    /// Its size in bytes.
    pub len: u64,
    /// Whether a `srcset` offers it (the social card at a width not configured is not).
    pub offered: bool,
}

/// A raster image of an article's bundle, with the files made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Its path inside the bundle folder (`foto.jpg`).
    pub name: String,
    /// The source file's stamp when it was read (None: too recent to trust, or a symbolic
    /// link, which is checked again on every build).
    pub stamp: Option<FileStamp>,
    /// Its size as shown (EXIF orientation applied).
    pub width: u32,
    pub height: u32,
    /// Every file made of it: the original's name first (full size, metadata removed),
    /// then the variants from the narrowest.
    pub outputs: Vec<Output>,
    /// The format of the variants every browser shows.
    pub fallback: Format,
    /// The 1200-pixel (or narrower, never upscaled) JPEG for social cards and feeds.
    pub social: usize,
}

impl Image {
    /// The outputs in `format` that a `srcset` offers, narrowest first.
    pub fn srcset_outputs(&self, format: Format) -> Vec<&Output> {
        let mut offered: Vec<&Output> = self
            .outputs
            .iter()
            .filter(|o| o.format == format && o.offered)
            .collect();
        offered.sort_by_key(|o| o.width);
        offered
    }

    /// The widest output in the fallback format a `srcset` offers: the `src` of an `<img>`.
    pub fn fallback_src(&self) -> &Output {
        self.srcset_outputs(self.fallback)
            .last()
            .copied()
            .unwrap_or(&self.outputs[0])
    }

    /// The social-card JPEG.
    pub fn social(&self) -> &Output {
        &self.outputs[self.social]
    }

    /// Whether the file on disk is still the one this was made of, and still a plain file
    /// in its folder (not since replaced by a symbolic link).
    pub fn is_current(&self, folder: &Path) -> bool {
        let Some(stamp) = self.stamp else {
            return false;
        };
        std::fs::symlink_metadata(folder.join(&self.name))
            .is_ok_and(|meta| meta.is_file() && FileStamp::exact(&meta) == stamp)
    }

    /// Whether this image was read as a plain file of a bundle folder inside the site (and,
    /// being [`Image::is_current`], still is one): publishing it needs no look at its real
    /// path.
    pub fn is_inside_the_site(&self) -> bool {
        self.stamp.is_some()
    }
}

/// The article HTML of a bundle with its photos made `<picture>`s, and the bundle's images
/// ([`prepare`]d): the one call the article reader makes.
pub fn responsive_bundle(
    settings: &Settings,
    cache_dir: &Path,
    folder: &Path,
    files: &[String],
    site_folder: &str,
    html: &str,
    warnings: &mut Vec<String>,
) -> (String, Vec<Image>) {
    let images = prepare(folder, files, settings, cache_dir, warnings);
    let html = markup::responsive_html(html, &images, site_folder, &settings.sizes);
    (html, images)
}

/// The bundle's images, prepared: each raster image probed, checked and turned into its
/// variants (taken from the image cache when they are there). Files that are not raster
/// images are left to the bundle copy; problems are warnings naming the file.
pub fn prepare(
    folder: &Path,
    files: &[String],
    settings: &Settings,
    cache_dir: &Path,
    warnings: &mut Vec<String>,
) -> Vec<Image> {
    let mut images = Vec::new();
    // Whether the bundle folder's real path is inside the site (whose build cache is
    // `cache_dir`), asked once and only of a bundle with a photo.
    let mut inside: Option<bool> = None;
    let mut inside_the_site = || {
        *inside.get_or_insert_with(|| {
            let real = |p: &Path| p.canonicalize().ok();
            let root = cache_dir.parent().and_then(real);
            matches!((real(folder), root), (Some(f), Some(r)) if f.starts_with(&r))
        })
    };
    for name in files {
        let path = folder.join(name);
        let named = Format::of_name(name);
        if named.is_none() {
            if name.to_ascii_lowercase().ends_with(".svg")
                && let Some(warning) = svg::check_file(&path)
            {
                warnings.push(warning);
            }
            continue;
        }
        // Of the file itself: a symbolic link (or a file in a folder linked from outside
        // the site) gets no stamp, so it is looked at again, and where it leads checked, on
        // every build.
        let stamp = std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| FileStamp::settled(&m))
            .filter(|_| inside_the_site());
        let bytes = match crate::files::read_regular(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                warnings.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let shown = path.display();
        let probed = match probe::probe(&bytes, settings.max_pixels) {
            Ok(probed) => probed,
            Err(problem) => {
                warnings.push(format!("{shown}: {problem}"));
                continue;
            }
        };
        if Some(probed.format) != named {
            warnings.push(format!(
                "{shown} holds a {} image, not what its name says: processed as {}; rename it to end in .{}",
                probed.format.name(),
                probed.format.name(),
                probed.format.ext()
            ));
        }
        let stem = variants::variant_stem(name, files);
        match variants::make(name, &stem, &bytes, &probed, settings, cache_dir) {
            Ok(made) => images.push(Image {
                name: name.clone(),
                stamp,
                width: made.width,
                height: made.height,
                outputs: made.outputs,
                fallback: made.fallback,
                social: made.social,
            }),
            Err(problem) => warnings.push(format!(
                "{shown} cannot be read as an image ({problem}): copied as it is, without sizes or variants"
            )),
        }
    }
    images
}
