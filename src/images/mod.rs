//! Local images: the raster photos of an article's page bundle become variants at the
//! configured widths (WebP, and the original format as fallback), re-encoded so no EXIF, GPS
//! or XMP data reaches the site, cached under `.cermin-cache/images/` by content hash and
//! settings. The work is done once, when an article is read ([`prepare`]); pages show the
//! result ([`markup`]) and the build publishes the cached files ([`publish`]). The raster
//! images of `static/` go the same way ([`static_images`]).

mod animation;
mod cache;
pub mod lookup;
pub mod markup;
mod packed;
mod probe;
pub mod publish;
mod resize;
mod settings;
pub mod static_images;
mod strip;
pub mod svg;
mod variants;

use std::path::{Path, PathBuf};

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
        // Compared without a lowercase copy: asked of every file of every bundle listed.
        let ext = name.rsplit_once('.')?.1;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("jpg") || is("jpeg") {
            Some(Format::Jpeg)
        } else if is("png") {
            Some(Format::Png)
        } else if is("webp") {
            Some(Format::Webp)
        } else if is("gif") {
            Some(Format::Gif)
        } else {
            None
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

/// One file cermin writes for an image: a variant, or the original re-encoded. It holds no
/// name: a variant's is made of its image's stem, its width and its format
/// ([`Image::output_name`]), so the article cache keeps no eight strings per photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Whether it is the original (published under the image's own name), not a variant.
    pub original: bool,
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
    /// The start of its variants' names when it is not the name without its extension
    /// (`foto-jpg` for `foto.jpg` beside `foto.png`; see [`variants::variant_stem`]); None
    /// for the plain one (`foto` of `foto-480w.webp`), read off the name ([`Image::stem`]).
    pub stem: Option<Box<str>>,
    /// The source file's stamp when it was read (None: too recent to trust, or a symbolic
    /// link, which is checked again on every build).
    pub stamp: Option<FileStamp>,
    /// Its size as shown (EXIF orientation applied).
    pub width: u32,
    pub height: u32,
    /// Every file made of it: the original's name first (full size, metadata removed),
    /// then the variants from the narrowest. Kept in the article cache as one string of
    /// fixed-width records (see `packed`).
    #[serde(with = "packed")]
    pub outputs: Vec<Output>,
    /// The format of the variants every browser shows.
    pub fallback: Format,
    /// The 1200-pixel (or narrower, never upscaled) JPEG for social cards and feeds.
    pub social: usize,
    /// Where an image of `static/` lives and is published; None for a bundle's own image
    /// (in its article's folder, published in its page's folder).
    pub home: Option<Home>,
}

/// The folders of an image of `static/` (which an article shows, but does not own).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Home {
    /// The folder of the file (`static/images` of the site or of its theme).
    pub dir: PathBuf,
    /// The site folder its files are published in (`/images/`).
    pub site_folder: String,
}

impl Image {
    /// The path of its output `output` inside the bundle folder: its own name for the
    /// original, `{stem}-{width}w.{ext}` for a variant (`foto-480w.webp`), published beside
    /// the original.
    pub fn output_name(&self, output: &Output) -> std::borrow::Cow<'_, str> {
        match output.original {
            true => std::borrow::Cow::Borrowed(&self.name),
            false => {
                let mut name = String::new();
                self.push_output_name(&mut name, output);
                std::borrow::Cow::Owned(name)
            }
        }
    }

    /// Appends [`Image::output_name`] to `out`.
    pub fn push_output_name(&self, out: &mut String, output: &Output) {
        variants::push_output_name(out, &self.name, self.stem(), output);
    }

    /// The start of its variants' names (`foto` of `foto-480w.webp`; see
    /// [`variants::variant_stem`]).
    pub fn stem(&self) -> &str {
        self.stem
            .as_deref()
            .unwrap_or_else(|| variants::plain_stem(&self.name))
    }

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

    /// The site folder its files are published in, for an article whose bundle is
    /// published in `bundle_folder`.
    pub fn site_folder<'a>(&'a self, bundle_folder: &'a str) -> &'a str {
        self.home
            .as_ref()
            .map_or(bundle_folder, |home| home.site_folder.as_str())
    }

    /// Whether it is a file of its article's own bundle (not one of `static/`).
    pub fn is_in_the_bundle(&self) -> bool {
        self.home.is_none()
    }

    /// Whether the file on disk (in `folder`, the article's folder, for a bundle's image) is
    /// still the one this was made of, and still a plain file in its folder (not since
    /// replaced by a symbolic link).
    pub fn is_current(&self, folder: &Path) -> bool {
        let Some(stamp) = self.stamp else {
            return false;
        };
        let folder = self.home.as_ref().map_or(folder, |home| home.dir.as_path());
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

/// The path inside `static/` a site path names: decoded, without its `?query#part`, and
/// only when it stays inside the folder.
pub fn static_rel(site_path: &str) -> Option<String> {
    let path = site_path
        .strip_prefix('/')
        .filter(|p| !p.starts_with('/'))?;
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_encoding::percent_decode_str(&path.replace("&amp;", "&"))
        .decode_utf8()
        .ok()?
        .into_owned();
    let inside = decoded
        .split('/')
        .all(|part| !matches!(part, "" | "." | "..") && !part.contains('\\'));
    inside.then_some(decoded)
}

/// The format and pixel size (EXIF orientation applied) of the raster image a site path
/// names in the `static/` folders `dirs` (the site's first), as published: the site's
/// default image's social-card tags. None when it names no raster image there that can be
/// read. Reads the header only.
pub fn size_as_published(
    dirs: &[PathBuf],
    site_path: &str,
    max_pixels: u64,
) -> Option<(Format, u32, u32)> {
    let rel = static_rel(site_path)?;
    let file = dirs
        .iter()
        .map(|dir| dir.join(&rel))
        .find(|file| file.is_file())?;
    let bytes = crate::files::read_regular(&file).ok()?;
    let probed = probe::probe(&bytes, max_pixels).ok()?;
    use image::metadata::Orientation::{Rotate90, Rotate90FlipH, Rotate270, Rotate270FlipH};
    Some(match probe::orientation(&bytes, probed.format) {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => {
            (probed.format, probed.height, probed.width)
        }
        _ => (probed.format, probed.width, probed.height),
    })
}

/// A page bundle whose photos are to be prepared.
pub struct Bundle<'a> {
    pub settings: &'a Settings,
    /// The site's build cache (`.cermin-cache/`), which holds the image cache.
    pub cache_dir: &'a Path,
    /// The bundle's folder and its files ([`crate::content::bundle::files`]).
    pub folder: &'a Path,
    pub files: &'a [String],
    /// The images the last read of this bundle's article made: one whose file is still
    /// the one it was made of is taken as it is, not read, hashed and looked up again.
    pub prepared: &'a [Image],
}

/// A bundle's article HTML made ready for its photos ([`responsive_bundle`]).
pub struct ResponsiveBundle<'a> {
    /// The HTML: photos made `<picture>`s, images that cannot be shown made their description.
    pub html: String,
    /// The bundle's images, [`prepare`]d.
    pub images: Vec<Image>,
    /// The files of the bundle no page shows as an image (see [`Prepared::unshown`]).
    pub unshown: Vec<&'a str>,
}

/// The article HTML of a bundle with its photos made `<picture>`s and its images that
/// cannot be shown made their description, and the bundle's images ([`prepare`]d): the one
/// call the article reader makes.
pub fn responsive_bundle<'a>(
    bundle: &Bundle<'a>,
    site_folder: &str,
    html: &str,
    warnings: &mut Vec<String>,
) -> ResponsiveBundle<'a> {
    let Prepared { images, unshown } = prepare(bundle, warnings);
    let html = markup::responsive_html(html, &images, site_folder, &bundle.settings.sizes);
    let html = markup::descriptions_in_place_of(&html, &unshown, site_folder);
    ResponsiveBundle {
        html,
        images,
        unshown,
    }
}

/// What [`prepare`] made of a bundle's files.
pub struct Prepared<'a> {
    pub images: Vec<Image>,
    /// The files named like images that no page shows as one: raster files that cannot be
    /// read (broken, not what their name says and unreadable, over the pixel limit) and
    /// SVGs that are not published. A browser would show a broken image, or one without a
    /// size, so pages show their description instead.
    pub unshown: Vec<&'a str>,
}

/// The bundle's images, prepared: each raster image probed, checked and turned into its
/// variants (taken from the image cache when they are there). Files that are not raster
/// images are left to the bundle copy; problems are warnings naming the file.
pub fn prepare<'a>(bundle: &Bundle<'a>, warnings: &mut Vec<String>) -> Prepared<'a> {
    let mut images = Vec::new();
    let mut unshown = Vec::new();
    // Whether the bundle folder's real path is inside the site (whose build cache is
    // `cache_dir`), asked once and only of a bundle with a photo.
    let mut inside: Option<bool> = None;
    for name in bundle.files {
        if Format::of_name(name).is_none() {
            if name.to_ascii_lowercase().ends_with(".svg")
                && let Some(warning) = svg::check_file(&bundle.folder.join(name))
            {
                warnings.push(warning);
                unshown.push(name.as_str());
            }
            continue;
        }
        let inside_the_site =
            || *inside.get_or_insert_with(|| is_inside_the_site(bundle.folder, bundle.cache_dir));
        match prepare_file(bundle, name, inside_the_site, warnings) {
            Some(image) => images.push(image),
            None => unshown.push(name.as_str()),
        }
    }
    Prepared { images, unshown }
}

/// Whether `folder`'s real path is inside the site whose build cache is `cache_dir`.
fn is_inside_the_site(folder: &Path, cache_dir: &Path) -> bool {
    let real = |p: &Path| p.canonicalize().ok();
    let root = cache_dir.parent().and_then(real);
    matches!((real(folder), root), (Some(f), Some(r)) if f.starts_with(&r))
}

/// The raster image `name` of the bundle (whose other files its variants must not take
/// the names of), probed, checked and turned into its variants, or as the bundle's last
/// read `prepared` it when its file is the same; None (with a warning naming the file)
/// when it cannot be read as an image. `inside_the_site` says whether the folder's real
/// path is inside the site, asked only of a plain file.
fn prepare_file(
    bundle: &Bundle,
    name: &str,
    inside_the_site: impl FnOnce() -> bool,
    warnings: &mut Vec<String>,
) -> Option<Image> {
    let path = bundle.folder.join(name);
    let stamp = stamp_of(&path, inside_the_site);
    if let Some(known) = bundle
        .prepared
        .iter()
        .find(|i| stamp.is_some() && i.stamp == stamp && i.is_in_the_bundle() && i.name == name)
    {
        // Said again as when it was read; its variants' names follow the bundle's files
        // of now.
        warn_if_misnamed(&path, known.outputs[0].format, warnings);
        let stem = variants::variant_stem(name, bundle.files);
        let stem = (stem != variants::plain_stem(name)).then(|| stem.into_boxed_str());
        return Some(Image {
            stem,
            ..known.clone()
        });
    }
    let (bytes, probed) = read_probed(&path, bundle.settings, warnings)?;
    made_image(
        name,
        &path,
        &bytes,
        &probed,
        bundle.files,
        bundle.settings,
        bundle.cache_dir,
        warnings,
    )
    .map(|image| Image { stamp, ..image })
}

/// The stamp of the image file at `path`: None for a symbolic link (or a file in a folder
/// linked from outside the site), so it is looked at again, and where it leads checked, on
/// every build.
fn stamp_of(path: &Path, inside_the_site: impl FnOnce() -> bool) -> Option<FileStamp> {
    std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .and_then(|m| FileStamp::settled(&m))
        .filter(|_| inside_the_site())
}

/// The bytes of the image file at `path` and what its header says; None (with a warning
/// naming the file) when it cannot be read, is no raster image or is over the pixel limit.
/// A file whose bytes are another format than its name says is a warning too.
fn read_probed(
    path: &Path,
    settings: &Settings,
    warnings: &mut Vec<String>,
) -> Option<(Vec<u8>, probe::Probed)> {
    let bytes = match crate::files::read_regular(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            warnings.push(format!("{}: {e}", path.display()));
            return None;
        }
    };
    let shown = path.display();
    let probed = match probe::probe(&bytes, settings.max_pixels) {
        Ok(probed) => probed,
        Err(problem) => {
            warnings.push(format!("{shown}: {problem}"));
            return None;
        }
    };
    warn_if_misnamed(path, probed.format, warnings);
    if probed.format == Format::Jpeg && probe::jpeg_is_cut_short(&bytes) {
        warnings.push(format!(
            "{shown}: is a JPEG cut short (its end is missing): published as far as it goes, the rest grey; replace it with the whole file"
        ));
    }
    Some((bytes, probed))
}

/// The warning for an image file at `path` whose bytes are in `format`, not the one its
/// name says.
fn warn_if_misnamed(path: &Path, format: Format, warnings: &mut Vec<String>) {
    if Some(format) != Format::of_name(&path.to_string_lossy()) {
        warnings.push(format!(
            "{} holds a {} image, not what its name says: processed as {}; rename it to end in .{}",
            path.display(),
            format.name(),
            format.name(),
            format.ext()
        ));
    }
}

/// The image `name` (read from `path`) with its variants made (or taken from the image
/// cache), its stamp still unset; None (with a warning) when its pixels cannot be decoded.
#[allow(clippy::too_many_arguments)]
fn made_image(
    name: &str,
    path: &Path,
    bytes: &[u8],
    probed: &probe::Probed,
    siblings: &[String],
    settings: &Settings,
    cache_dir: &Path,
    warnings: &mut Vec<String>,
) -> Option<Image> {
    let stem = variants::variant_stem(name, siblings);
    let stem = (stem != variants::plain_stem(name)).then(|| stem.into_boxed_str());
    match variants::make(bytes, probed, settings, cache_dir) {
        Ok(made) => Some(Image {
            name: name.to_string(),
            stem,
            stamp: None,
            width: made.width,
            height: made.height,
            outputs: made.outputs,
            fallback: made.fallback,
            social: made.social,
            home: None,
        }),
        Err(problem) => {
            warnings.push(format!(
                "{} cannot be read as an image ({problem}): copied as it is, without sizes or variants",
                path.display()
            ));
            None
        }
    }
}
