//! Whether an image is animated (a GIF, WebP or PNG), read from its structure without
//! decoding: variants of an animation would keep only its first frame, so it is published as
//! it is, without its metadata ([`without_metadata`]).

use super::Format;

/// Whether `bytes`, an image in `format`, is an animation.
pub fn is_animated(format: Format, bytes: &[u8]) -> bool {
    match format {
        Format::Gif => is_animated_gif(bytes),
        Format::Webp => is_animated_webp(bytes),
        Format::Png => is_animated_png(bytes),
        Format::Jpeg => false,
    }
}

/// An animation's bytes as published: a WebP without its EXIF and XMP chunks, a PNG without
/// its eXIf, text and time chunks, a GIF as it is (GIF has no EXIF block). None when the
/// file's structure cannot be walked.
pub fn without_metadata(format: Format, bytes: &[u8]) -> Option<Vec<u8>> {
    match format {
        Format::Gif => Some(bytes.to_vec()),
        Format::Webp => webp_without_metadata(bytes),
        Format::Png => png_without_metadata(bytes),
        Format::Jpeg => None,
    }
}

/// The chunks of a WebP file after its 12-byte RIFF header: (four-character code, the whole
/// chunk with its header and padding). None when one runs past the end.
fn webp_chunks(bytes: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return None;
    }
    let mut chunks = Vec::new();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().ok()?) as usize;
        // Chunks are padded to an even size; a last pad byte may be missing.
        let end = (at + 8).checked_add(len)?;
        let padded = (end + (len & 1)).min(bytes.len());
        chunks.push((&bytes[at..at + 4], bytes.get(at..end.max(padded))?));
        at = end + (len & 1);
    }
    Some(chunks)
}

/// Whether a WebP's extended header (VP8X) announces an animation.
fn is_animated_webp(bytes: &[u8]) -> bool {
    webp_chunks(bytes).is_some_and(|chunks| {
        chunks
            .iter()
            .any(|(code, chunk)| *code == b"VP8X" && chunk.get(8).is_some_and(|f| f & 0x02 != 0))
    })
}

fn webp_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = webp_chunks(bytes)?;
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    for (code, chunk) in chunks {
        match code {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut header = chunk.to_vec();
                // The flags of the chunks left out: EXIF (0x08) and XMP (0x04).
                if let Some(flags) = header.get_mut(8) {
                    *flags &= !0x0C;
                }
                out.extend_from_slice(&header);
            }
            _ => out.extend_from_slice(chunk),
        }
    }
    let riff_len = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_len.to_le_bytes());
    Some(out)
}

/// The chunks of a PNG file after its 8-byte signature: (type, the whole chunk with its
/// length, type and CRC). None when one runs past the end.
fn png_chunks(bytes: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let mut chunks = Vec::new();
    let mut at = 8;
    while at + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let end = at.checked_add(12 + len)?;
        chunks.push((&bytes[at + 4..at + 8], bytes.get(at..end)?));
        at = end;
    }
    Some(chunks)
}

/// Whether a PNG is an APNG of more than one frame: an animation control chunk (acTL)
/// before its image data.
fn is_animated_png(bytes: &[u8]) -> bool {
    let Some(chunks) = png_chunks(bytes) else {
        return false;
    };
    for (kind, chunk) in chunks {
        match kind {
            b"acTL" => {
                return chunk
                    .get(8..12)
                    .is_some_and(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) > 1);
            }
            b"IDAT" => return false,
            _ => {}
        }
    }
    false
}

fn png_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let chunks = png_chunks(bytes)?;
    let mut out = bytes[..8].to_vec();
    for (kind, chunk) in chunks {
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
    }
    Some(out)
}

/// Whether the GIF `bytes` holds more than one frame (image descriptor). A broken or cut
/// file counts the frames found before the break.
fn is_animated_gif(bytes: &[u8]) -> bool {
    frames(bytes) > 1
}

fn frames(bytes: &[u8]) -> usize {
    // Header (6) and logical screen descriptor (7), then the global colour table if any.
    let Some(&flags) = bytes.get(10) else {
        return 0;
    };
    let mut at = 13 + colour_table_len(flags);
    let mut count = 0;
    while let Some(&block) = bytes.get(at) {
        match block {
            // Extension: introducer, label, then data sub-blocks.
            0x21 => at = skip_sub_blocks(bytes, at + 2),
            // Image descriptor (10 bytes), local colour table, LZW code size, sub-blocks.
            0x2C => {
                count += 1;
                if count > 1 {
                    return count;
                }
                let Some(&flags) = bytes.get(at + 9) else {
                    return count;
                };
                at = skip_sub_blocks(bytes, at + 10 + colour_table_len(flags) + 1);
            }
            // Trailer, or anything else: the end of what can be read.
            _ => return count,
        }
    }
    count
}

/// The bytes of the colour table a descriptor's flags announce.
fn colour_table_len(flags: u8) -> usize {
    if flags & 0x80 == 0 {
        0
    } else {
        3 << ((flags & 0x07) + 1)
    }
}

/// The position after the sub-blocks starting at `at` (each a length byte and that many
/// bytes, ended by a zero length), or past the end.
fn skip_sub_blocks(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&len) = bytes.get(at) {
        at += 1;
        if len == 0 {
            return at;
        }
        at += usize::from(len);
    }
    usize::MAX
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::gif::{GifEncoder, Repeat};
    use image::{Delay, Frame, RgbaImage};

    fn gif(frames: usize) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut out);
            encoder.set_repeat(Repeat::Infinite).unwrap();
            for i in 0..frames {
                let pixels = RgbaImage::from_pixel(8, 6, image::Rgba([i as u8 * 60, 0, 0, 255]));
                encoder
                    .encode_frame(Frame::from_parts(
                        pixels,
                        0,
                        0,
                        Delay::from_numer_denom_ms(100, 1),
                    ))
                    .unwrap();
            }
        }
        out
    }

    #[test]
    fn tells_animations_from_still_gifs() {
        assert!(!is_animated_gif(&gif(1)));
        assert!(is_animated_gif(&gif(2)));
        assert!(is_animated_gif(&gif(5)));
    }

    /// A WebP of `chunks` (code, data), padded as RIFF pads them.
    fn webp(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        for (code, data) in chunks {
            body.extend_from_slice(*code);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        [&b"RIFF"[..], &(body.len() as u32).to_le_bytes(), &body].concat()
    }

    /// VP8X data with `flags`, for a canvas of 8 × 6.
    fn vp8x(flags: u8) -> Vec<u8> {
        vec![flags, 0, 0, 0, 7, 0, 0, 5, 0, 0]
    }

    #[test]
    fn tells_animated_webp_from_still_and_cuts_its_metadata() {
        let (animated, still) = (vp8x(0x02 | 0x08 | 0x04), vp8x(0x08));
        let frame: &[u8] = b"frame-data";
        let file = webp(&[
            (b"VP8X", &animated),
            (b"ANIM", &[0, 0, 0, 0, 0, 0]),
            (b"EXIF", b"gps!!"),
            (b"ANMF", frame),
            (b"XMP ", b"<x/>"),
        ]);
        assert!(is_animated(Format::Webp, &file));
        assert!(!is_animated(
            Format::Webp,
            &webp(&[(b"VP8X", &still), (b"VP8 ", frame)])
        ));
        assert!(!is_animated(Format::Webp, &file[..16]));
        let clean = without_metadata(Format::Webp, &file).unwrap();
        assert_eq!(
            clean,
            webp(&[
                (b"VP8X", &vp8x(0x02)),
                (b"ANIM", &[0, 0, 0, 0, 0, 0]),
                (b"ANMF", frame),
            ])
        );
    }

    /// A PNG of `chunks` (type, data); the CRCs are left zero (not read here).
    fn png(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in chunks {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(*kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&[0; 4]);
        }
        out
    }

    #[test]
    fn tells_apng_from_still_png_and_cuts_its_text() {
        let frames = |n: u8| [0, 0, 0, n, 0, 0, 0, 0];
        let ihdr: &[u8] = &[0, 0, 0, 8, 0, 0, 0, 6, 8, 6, 0, 0, 0];
        let apng = png(&[
            (b"IHDR", ihdr),
            (b"acTL", &frames(3)),
            (b"tEXt", b"GPS\0-6.2,106.8"),
            (b"IDAT", b"pixels"),
            (b"IEND", b""),
        ]);
        assert!(is_animated(Format::Png, &apng));
        let one_frame = png(&[(b"IHDR", ihdr), (b"acTL", &frames(1)), (b"IDAT", b"p")]);
        assert!(!is_animated(Format::Png, &one_frame));
        // Animation control after the image data is no APNG's.
        let late = png(&[(b"IHDR", ihdr), (b"IDAT", b"p"), (b"acTL", &frames(3))]);
        assert!(!is_animated(Format::Png, &late));
        assert_eq!(
            without_metadata(Format::Png, &apng).unwrap(),
            png(&[
                (b"IHDR", ihdr),
                (b"acTL", &frames(3)),
                (b"IDAT", b"pixels"),
                (b"IEND", b""),
            ])
        );
    }

    #[test]
    fn cut_and_foreign_bytes_are_not_animations() {
        let animated = gif(3);
        assert_eq!(frames(&animated[..20]), 0);
        assert!(!is_animated_gif(b"GIF89a"));
        assert!(!is_animated_gif(b""));
        assert!(!is_animated_gif(&[0x21; 64]));
    }
}
