//! What an image file is, read from its first bytes and its header, before any decoding:
//! its real format (whatever its name says) and its size, checked against the pixel limit.

use std::io::Cursor;

use image::ImageDecoder;

use super::Format;

/// A raster image's format and size as stored (before EXIF orientation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probed {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// The format the bytes are in, by their signature.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Format::Gif)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// The image's format and size, or what is wrong with it (said after the file's name).
pub fn probe(bytes: &[u8], max_pixels: u64) -> Result<Probed, String> {
    let format = sniff(bytes).ok_or_else(|| {
        "is not a JPEG, PNG, WebP or GIF image (its bytes are another kind of file or broken): copied as it is, without sizes or variants".to_string()
    })?;
    let reader = image::ImageReader::with_format(Cursor::new(bytes), to_image_format(format));
    let (width, height) = reader.into_dimensions().map_err(|e| {
        // The decoder's words on one line: some of its messages end in a line break.
        let problem = e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        format!(
            "is a broken {} image ({problem}): copied as it is, without sizes or variants",
            format.name()
        )
    })?;
    if width == 0 || height == 0 {
        return Err(format!(
            "is a {} image of no pixels: copied as it is, without sizes or variants",
            format.name()
        ));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(format!(
            "claims {width} × {height} pixels, more than [images] max_pixels ({max_pixels}): not decoded (it could exhaust memory), copied as it is, without sizes or variants; make it smaller or raise max_pixels"
        ));
    }
    Ok(Probed {
        format,
        width,
        height,
    })
}

/// The decoder of `probed`'s format, with limits that let through only what was probed.
pub fn decoder<'a>(
    bytes: &'a [u8],
    probed: &Probed,
) -> image::ImageResult<Box<dyn ImageDecoder + 'a>> {
    let mut reader =
        image::ImageReader::with_format(Cursor::new(bytes), to_image_format(probed.format));
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(probed.width);
    limits.max_image_height = Some(probed.height);
    // RGBA in 16 bits per channel at most, with room for the decoder's own buffers.
    limits.max_alloc = Some(u64::from(probed.width) * u64::from(probed.height) * 8 + (64 << 20));
    reader.limits(limits);
    Ok(Box::new(reader.into_decoder()?))
}

/// Whether a JPEG ends before its picture data does (a file cut short in a download or a
/// copy): no end-of-image marker after its first scan. Decoders fill what is missing with
/// grey, as browsers do, so only this tells. The segments before the scan are stepped over by
/// their lengths: an EXIF thumbnail there holds an end marker of its own.
pub fn jpeg_is_cut_short(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false; // not a layout this check knows: say nothing
        }
        let marker = bytes[at + 1];
        match marker {
            0xFF => at += 1, // fill byte
            0x01 | 0xD0..=0xD7 => at += 2,
            0xD9 => return false,
            0xDA => return memchr::memmem::find(&bytes[at..], b"\xFF\xD9").is_none(),
            _ => at += 2 + usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]])),
        }
    }
    true
}

/// The EXIF orientation of an image whose header [`probe`] read (none when it has none or
/// its header cannot say).
pub fn orientation(bytes: &[u8], format: Format) -> image::metadata::Orientation {
    use image::ImageDecoder;
    image::ImageReader::with_format(Cursor::new(bytes), to_image_format(format))
        .into_decoder()
        .and_then(|mut decoder| decoder.orientation())
        .unwrap_or(image::metadata::Orientation::NoTransforms)
}

fn to_image_format(format: Format) -> image::ImageFormat {
    match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        Format::Gif => image::ImageFormat::Gif,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) claiming a size, with no pixel data.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(width.to_be_bytes());
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(13u32.to_be_bytes());
        png.extend(&ihdr);
        png.extend(crc32(&ihdr).to_be_bytes());
        // An empty IDAT: the header is all a probe reads.
        png.extend(0u32.to_be_bytes());
        png.extend(b"IDAT");
        png.extend(crc32(b"IDAT").to_be_bytes());
        png
    }

    /// The CRC of a PNG chunk (type and data).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        crc.sum()
    }

    #[test]
    fn sniffs_formats_by_their_bytes() {
        assert_eq!(sniff(&png_header(1, 1)), Some(Format::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(Format::Jpeg));
        assert_eq!(sniff(b"GIF89a.."), Some(Format::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::Webp));
        assert_eq!(sniff(b"<svg"), None);
    }

    #[test]
    fn tells_a_jpeg_cut_short_from_a_whole_one() {
        let mut whole = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut whole)
            .encode_image(&image::RgbImage::from_pixel(
                64,
                48,
                image::Rgb([9, 99, 199]),
            ))
            .unwrap();
        assert!(!jpeg_is_cut_short(&whole));
        // Bytes after the end (a phone's second picture) change nothing.
        assert!(!jpeg_is_cut_short(&[&whole[..], b"\0\0 lagi"].concat()));
        assert!(jpeg_is_cut_short(&whole[..whole.len() - 2]));
        // A thumbnail's end marker in an APP1 segment before the scan is not the end.
        let app1 = [&[0xFF, 0xE1, 0, 6][..], &[0xFF, 0xD9, 0, 0]].concat();
        let with_thumbnail = [&whole[..2], &app1, &whole[2..whole.len() - 2]].concat();
        assert!(jpeg_is_cut_short(&with_thumbnail));
    }

    #[test]
    fn says_what_is_broken_on_one_line() {
        let err = probe(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0rusak", 50_000_000).unwrap_err();
        assert!(err.starts_with("is a broken JPEG image ("), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn refuses_a_bomb_from_its_header_alone() {
        let bomb = png_header(30_000, 30_000);
        let err = probe(&bomb, 50_000_000).unwrap_err();
        assert!(
            err.starts_with(
                "claims 30000 × 30000 pixels, more than [images] max_pixels (50000000): not decoded"
            ),
            "{err}"
        );
        assert_eq!(
            probe(&png_header(300, 200), 50_000_000),
            Ok(Probed {
                format: Format::Png,
                width: 300,
                height: 200
            })
        );
    }
}
