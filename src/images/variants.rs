//! The files made of one image: which widths and formats (planned from its size alone), and
//! their bytes (decoded once, oriented, resized and encoded; taken from the cache when the
//! same bytes were encoded with the same settings before).

use std::hash::{Hash, Hasher};
use std::path::Path;

use image::{DynamicImage, ImageDecoder};

use super::probe::{self, Probed};
use super::{Format, Output, Settings, cache};

/// Bump when the encoding changes, so cached files of the old one are not used.
const ENCODING_VERSION: u32 = 3;

/// The width of the social-card JPEG (og:image, twitter:image, feeds).
pub const SOCIAL_WIDTH: u32 = 1200;

/// What [`make`] made of an image.
pub struct Made {
    /// Its size as shown.
    pub width: u32,
    pub height: u32,
    pub outputs: Vec<Output>,
    /// The index of the social-card JPEG in `outputs`.
    pub social: usize,
    /// The format of the outputs every browser shows.
    pub fallback: Format,
}

/// Plans the outputs of an image and makes those the cache lacks; returns them all with
/// their sizes. The error says why the image cannot be decoded.
pub fn make(
    bytes: &[u8],
    probed: &Probed,
    settings: &Settings,
    cache_dir: &Path,
) -> Result<Made, String> {
    let mut decoder = probe::decoder(bytes, probed).map_err(|e| e.to_string())?;
    let orientation = orientation_of(&mut decoder);
    let (width, height) = match orientation {
        image::metadata::Orientation::Rotate90
        | image::metadata::Orientation::Rotate270
        | image::metadata::Orientation::Rotate90FlipH
        | image::metadata::Orientation::Rotate270FlipH => (probed.height, probed.width),
        _ => (probed.width, probed.height),
    };
    // Only looked at (`cermin check`): no key, no cache, nothing encoded.
    let source_hash = match settings.encode {
        true => xxhash_rust::xxh3::xxh3_64(bytes),
        false => 0,
    };
    // An animation is offered as it is: variants would hold its first frame only.
    let animated = super::animation::is_animated(probed.format, bytes);
    let (mut outputs, social) = if animated {
        plan_animation(width, height, probed.format)
    } else {
        plan(width, height, probed.format, settings)
    };
    let fallback = if animated {
        probed.format
    } else {
        probed.format.fallback()
    };
    let as_stored = orientation == image::metadata::Orientation::NoTransforms;
    // A still PNG or WebP shown as stored keeps its own bytes, metadata cut out (it was
    // encoded again before: its key says which, so no cached file of the old way is used).
    let png_or_webp_kept =
        as_stored && !animated && matches!(probed.format, Format::Png | Format::Webp);
    let key = |at: usize, o: &Output| {
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        (ENCODING_VERSION, source_hash, o.width, o.height, o.format).hash(&mut h);
        quality(o.format, settings).hash(&mut h);
        // An animation's original is its own bytes, a still image's is encoded again (the
        // keys of still images stay as they were, so their cached files stay good).
        if animated {
            "animation".hash(&mut h);
        }
        if at == 0 && png_or_webp_kept {
            "metadata cut".hash(&mut h);
        }
        h.finish()
    };
    if settings.encode {
        for (at, output) in outputs.iter_mut().enumerate() {
            output.key = key(at, output);
            output.len = cache::len(cache_dir, output.key, output.format).unwrap_or(0);
        }
    }
    if settings.encode && outputs.iter().any(|o| o.len == 0) {
        let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
        pixels.apply_orientation(orientation);
        let original = original_as_stored(probed.format, bytes, animated, as_stored);
        encode_missing(&mut outputs, &pixels, original, settings, cache_dir)?;
    }
    Ok(Made {
        width,
        height,
        outputs,
        social,
        fallback,
    })
}

/// The EXIF orientation a decoder reads (none when it has none).
fn orientation_of(decoder: &mut Box<dyn ImageDecoder + '_>) -> image::metadata::Orientation {
    decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms)
}

/// The original's bytes as published when it need not be turned: its own picture data,
/// bit for bit, with the camera data cut out (a JPEG's EXIF, XMP, IPTC and comment blocks;
/// a PNG's or WebP's EXIF, XMP, text and time chunks), a GIF as it is (it has no EXIF
/// block). None when it must be encoded again (turned by its EXIF orientation, or a file
/// whose blocks cannot be walked).
fn original_as_stored(
    format: Format,
    bytes: &[u8],
    animated: bool,
    as_stored: bool,
) -> Option<Vec<u8>> {
    match format {
        _ if animated => super::animation::without_metadata(format, bytes),
        Format::Gif => Some(bytes.to_vec()),
        _ if !as_stored => None,
        Format::Jpeg => super::strip::jpeg_without_metadata(bytes),
        Format::Png | Format::Webp => super::animation::without_metadata(format, bytes),
    }
}

/// The original of an image as [`make`] publishes it, when that needs no encoding (nor
/// the image cache): see [`original_as_stored`]. Only its header and EXIF block are read.
/// None when it must be encoded ([`make`] does it); the error says why it cannot be
/// decoded.
pub fn published_as_stored(bytes: &[u8], probed: &Probed) -> Result<Option<Vec<u8>>, String> {
    let mut decoder = probe::decoder(bytes, probed).map_err(|e| e.to_string())?;
    let as_stored = orientation_of(&mut decoder) == image::metadata::Orientation::NoTransforms;
    let animated = super::animation::is_animated(probed.format, bytes);
    Ok(original_as_stored(
        probed.format,
        bytes,
        animated,
        as_stored,
    ))
}

/// The quality setting that applies to a format (PNG and GIF are lossless).
fn quality(format: Format, settings: &Settings) -> u8 {
    match format {
        Format::Jpeg => settings.jpeg_quality,
        Format::Webp => settings.webp_quality,
        Format::Png | Format::Gif => 0,
    }
}

/// The height of an image `width` wide with the proportions of `full_width × full_height`.
pub fn scaled_height(full_width: u32, full_height: u32, width: u32) -> u32 {
    let h = (u64::from(full_height) * u64::from(width) + u64::from(full_width) / 2)
        / u64::from(full_width);
    (h as u32).max(1)
}

/// `name` without its extension (`foto` of `foto.jpg`): the start of its variants' names
/// unless another file of its bundle needs it kept apart ([`variant_stem`]).
pub fn plain_stem(name: &str) -> &str {
    // The last dot found as a byte: `rsplit_once` was most of publishing's own time.
    match name.bytes().rposition(|b| b == b'.') {
        Some(dot) => &name[..dot],
        None => name,
    }
}

/// The start of the names of `name`'s variants (`foto` for `foto-480w.webp`): its name
/// without the extension, or with the extension kept (`foto-png`) when that alone would give
/// two files of the bundle one name: another image with the same stem (`foto.jpg` beside
/// `foto.png`) or a file named like one of its variants (`foto-480w.jpg` beside `foto.jpg`).
pub fn variant_stem(name: &str, files: &[String]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let shares_the_stem = files.iter().any(|other| {
        other != name && Format::of_name(other).is_some() && plain_stem(other) == stem
    });
    let looks_like_a_variant = files.iter().any(|other| {
        other
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|rest| rest.split_once("w."))
            .is_some_and(|(digits, _)| {
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            })
    });
    if shares_the_stem || looks_like_a_variant {
        format!("{stem}-{}", ext.to_ascii_lowercase())
    } else {
        stem.to_string()
    }
}

/// Appends the path inside the bundle folder of the output `output` of the image `name`
/// whose variants' names start with `stem` (see [`super::Image::output_name`]).
pub fn push_output_name(out: &mut String, name: &str, stem: &str, output: &Output) {
    match output.original {
        true => out.push_str(name),
        false => {
            out.push_str(stem);
            push_variant_suffix(out, output);
        }
    }
}

/// Appends what follows the stem in a variant's name (`-480w.webp`). Written digit by digit:
/// a build writes eight of these per photo, and the formatting machinery was most of
/// publishing's time in a rebuild that changes no photo.
pub fn push_variant_suffix(out: &mut String, output: &Output) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut width = output.width;
    loop {
        at -= 1;
        digits[at] = b'0' + (width % 10) as u8;
        width /= 10;
        if width == 0 {
            break;
        }
    }
    out.push('-');
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
    out.push_str("w.");
    out.push_str(output.format.ext());
}

/// An output `width` wide of an image of size `full`, its key and length still unset.
fn sized_output(
    original: bool,
    width: u32,
    full: (u32, u32),
    format: Format,
    offered: bool,
) -> Output {
    Output {
        original,
        width,
        height: scaled_height(full.0, full.1, width),
        format,
        key: 0,
        len: 0,
        offered,
    }
}

/// The outputs of an image shown `width × height`, keys and sizes still unset, and the
/// index of the social card: the original re-encoded under its own name; WebP and fallback
/// variants at each configured width below its own (never upscaled), and at its own width
/// when that is within the widest; the social-card JPEG.
fn plan(width: u32, height: u32, format: Format, settings: &Settings) -> (Vec<Output>, usize) {
    let widest = settings.widths.last().copied().unwrap_or(width);
    let full_offered = width <= widest;
    let output = |original: bool, w: u32, format: Format, offered: bool| {
        sized_output(original, w, (width, height), format, offered)
    };
    let variant = |w: u32, format: Format, offered: bool| output(false, w, format, offered);
    let fallback = format.fallback();
    let mut outputs = vec![output(
        true,
        width,
        format,
        full_offered && (format == fallback || format == Format::Webp),
    )];
    for &w in settings.widths.iter().filter(|&&w| w < width) {
        outputs.push(variant(w, Format::Webp, true));
        outputs.push(variant(w, fallback, true));
    }
    if full_offered {
        for f in [Format::Webp, fallback] {
            if f != format {
                outputs.push(variant(width, f, true));
            }
        }
    }
    let social_width = SOCIAL_WIDTH.min(width);
    let social = match outputs
        .iter()
        .position(|o| o.format == Format::Jpeg && o.width == social_width)
    {
        Some(at) => at,
        None => {
            outputs.push(variant(social_width, Format::Jpeg, false));
            outputs.len() - 1
        }
    };
    (outputs, social)
}

/// The outputs of an animation (GIF, WebP or PNG): the file itself, offered at its own
/// size, and the social-card JPEG of its first frame.
fn plan_animation(width: u32, height: u32, format: Format) -> (Vec<Output>, usize) {
    let social_width = SOCIAL_WIDTH.min(width);
    let output = |original: bool, w: u32, format: Format, offered: bool| {
        sized_output(original, w, (width, height), format, offered)
    };
    let outputs = vec![
        output(true, width, format, true),
        output(false, social_width, Format::Jpeg, false),
    ];
    (outputs, 1)
}

/// Encodes the outputs the cache lacks, widest first, each resized from the one before
/// (or the full image), and keeps them in the cache; the original's output is `original`
/// when given.
fn encode_missing(
    outputs: &mut [Output],
    pixels: &DynamicImage,
    original: Option<Vec<u8>>,
    settings: &Settings,
    cache_dir: &Path,
) -> Result<(), String> {
    let mut order: Vec<usize> = (0..outputs.len())
        .filter(|&i| outputs[i].len == 0)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(outputs[i].width));
    let mut resized: Option<DynamicImage> = None;
    for i in order {
        let o = &outputs[i];
        let bytes = if let (0, Some(original)) = (i, &original) {
            // An animation as it is (without its metadata chunks), the original GIF (GIF
            // has no EXIF block), or a JPEG's picture data without its metadata.
            original.clone()
        } else {
            let source = resized.as_ref().unwrap_or(pixels);
            if source.width() != o.width {
                resized = Some(super::resize::resized(source, o.width, o.height));
            }
            let source = resized.as_ref().unwrap_or(pixels);
            encode(source, o.format, settings)?
        };
        cache::write(cache_dir, o.key, o.format, &bytes);
        outputs[i].len = bytes.len() as u64;
    }
    Ok(())
}

/// The pixels in `format`, with no metadata at all.
fn encode(pixels: &DynamicImage, format: Format, settings: &Settings) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let memory = if pixels.color().has_alpha() {
                let rgba = pixels.to_rgba8();
                webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height())
                    .encode(f32::from(settings.webp_quality))
            } else {
                let rgb = pixels.to_rgb8();
                webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height())
                    .encode(f32::from(settings.webp_quality))
            };
            out.extend_from_slice(&memory);
        }
        Format::Jpeg => {
            let rgb = pixels.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, settings.jpeg_quality)
                .encode_image(&rgb)
                .map_err(|e| e.to_string())?;
        }
        Format::Png | Format::Gif => {
            pixels
                .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(name: &str, stem: &str, outputs: &[Output]) -> Vec<(String, u32, u32, bool)> {
        outputs
            .iter()
            .map(|o| {
                let mut output_name = String::new();
                push_output_name(&mut output_name, name, stem, o);
                (output_name, o.width, o.height, o.offered)
            })
            .collect()
    }

    #[test]
    fn plans_no_variant_wider_than_the_image() {
        let (outputs, social) = plan(1000, 500, Format::Jpeg, &Settings::default());
        let s = |n: &str, w, h, offered| (n.to_string(), w, h, offered);
        assert_eq!(
            names("a/foto.jpg", "a/foto", &outputs),
            vec![
                s("a/foto.jpg", 1000, 500, true),
                s("a/foto-480w.webp", 480, 240, true),
                s("a/foto-480w.jpg", 480, 240, true),
                s("a/foto-960w.webp", 960, 480, true),
                s("a/foto-960w.jpg", 960, 480, true),
                s("a/foto-1000w.webp", 1000, 500, true),
            ]
        );
        assert_eq!(social, 0, "the original is the social card below 1200 px");
    }

    #[test]
    fn plans_a_large_png_with_a_social_jpeg() {
        let (outputs, social) = plan(4000, 3000, Format::Png, &Settings::default());
        let offered: Vec<_> = names("p.png", "p", &outputs)
            .into_iter()
            .filter(|o| o.3)
            .map(|o| o.0)
            .collect();
        assert_eq!(
            offered,
            [
                "p-480w.webp",
                "p-480w.png",
                "p-960w.webp",
                "p-960w.png",
                "p-1600w.webp",
                "p-1600w.png"
            ]
        );
        assert!(
            !outputs[0].offered,
            "the 4000-pixel original is not in srcset"
        );
        assert_eq!(
            names("p.png", "p", &outputs)[social],
            ("p-1200w.jpg".to_string(), 1200, 900, false)
        );
    }

    #[test]
    fn a_variant_is_named_by_its_width_in_digits() {
        let (mut outputs, _) = plan(1000, 500, Format::Jpeg, &Settings::default());
        for (width, name) in [
            (1, "f-1w.webp"),
            (40, "f-40w.webp"),
            (4294967295, "f-4294967295w.webp"),
        ] {
            outputs[1].width = width;
            assert_eq!(names("f.jpg", "f", &outputs)[1].0, name);
        }
    }

    #[test]
    fn an_animation_is_offered_as_it_is_with_a_social_jpeg() {
        let (outputs, social) = plan_animation(1600, 800, Format::Gif);
        assert_eq!(
            names("a.gif", "a-gif", &outputs),
            vec![
                ("a.gif".to_string(), 1600, 800, true),
                ("a-gif-1200w.jpg".to_string(), 1200, 600, false),
            ]
        );
        assert_eq!(social, 1);
    }

    #[test]
    fn variants_of_two_images_with_one_stem_get_names_of_their_own() {
        let files = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let bundle = files(&["foto.jpg", "foto.png", "peta.png", "index.md"]);
        assert_eq!(variant_stem("foto.jpg", &bundle), "foto-jpg");
        assert_eq!(variant_stem("foto.png", &bundle), "foto-png");
        assert_eq!(variant_stem("peta.png", &bundle), "peta");
        // A file named like a variant of another keeps its own name free.
        let bundle = files(&["foto.JPG", "foto-480w.jpg"]);
        assert_eq!(variant_stem("foto.JPG", &bundle), "foto-jpg");
        assert_eq!(variant_stem("foto-480w.jpg", &bundle), "foto-480w");
        // Not a variant's name: the stem stays.
        let bundle = files(&["foto.jpg", "foto-lama.jpg", "foto-w.jpg"]);
        assert_eq!(variant_stem("foto.jpg", &bundle), "foto");
    }
}
