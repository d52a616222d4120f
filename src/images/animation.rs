//! Whether a GIF is animated, read from its block structure without decoding: variants of an
//! animated GIF would keep only its first frame, so it is published as it is.

/// Whether the GIF `bytes` holds more than one frame (image descriptor). A broken or cut
/// file counts the frames found before the break.
pub fn is_animated_gif(bytes: &[u8]) -> bool {
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

    #[test]
    fn cut_and_foreign_bytes_are_not_animations() {
        let animated = gif(3);
        assert_eq!(frames(&animated[..20]), 0);
        assert!(!is_animated_gif(b"GIF89a"));
        assert!(!is_animated_gif(b""));
        assert!(!is_animated_gif(&[0x21; 64]));
    }
}
