//! A JPEG's own bytes without its metadata: the EXIF block (camera, time, GPS position), XMP,
//! IPTC and comments are cut out, the compressed picture is kept bit for bit. For photos
//! shown as stored (no EXIF rotation), this publishes the original at full quality, and
//! quicker than encoding it again.

/// The JPEG without APP1 (EXIF, XMP), APP13 (IPTC), other application blocks but JFIF
/// (APP0), ICC colour profiles (APP2) and Adobe colour information (APP14), and comments;
/// None when the bytes are not a JPEG whose blocks can be walked up to its picture data.
pub fn jpeg_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        if marker == 0xFF {
            // Fill byte before a marker.
            at += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        if len < 2 || at + 2 + len > bytes.len() {
            return None;
        }
        let segment = &bytes[at..at + 2 + len];
        let payload = &segment[4..];
        let keep = match marker {
            0xE0 => true,
            // Only colour profiles: APP2 also holds MPF, with previews and their EXIF.
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xEE => payload.starts_with(b"Adobe"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        at += 2 + len;
        if marker == 0xDA {
            // Start of scan: the picture data, up to the end of the image; phones append
            // more pictures (with EXIF of their own) after it, which are left out. In the
            // data, 0xFF is followed by 0 or a restart marker, so the first FF D9 ends it.
            let end = memchr::memmem::find(&bytes[at..], &[0xFF, 0xD9])?;
            out.extend_from_slice(&bytes[at..at + end + 2]);
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_exif_and_comments_and_keeps_the_rest() {
        let jpeg = [
            &[0xFF, 0xD8][..],
            &[0xFF, 0xE0, 0, 4, b'J', b'F'],
            &[0xFF, 0xE1, 0, 8, b'E', b'x', b'i', b'f', 0, 0],
            &[0xFF, 0xFE, 0, 5, b'G', b'P', b'S'],
            &[
                0xFF, 0xE2, 0, 14, b'I', b'C', b'C', b'_', b'P', b'R', b'O', b'F', b'I', b'L',
                b'E', 0,
            ],
            &[0xFF, 0xE2, 0, 6, b'M', b'P', b'F', 0],
            &[0xFF, 0xDB, 0, 3, 7],
            &[0xFF, 0xDA, 0, 3, 1, 0xAB, 0xCD, 0xFF, 0xD9],
            b"appended preview with Exif",
        ]
        .concat();
        let expected = [
            &[0xFF, 0xD8][..],
            &[0xFF, 0xE0, 0, 4, b'J', b'F'],
            &[
                0xFF, 0xE2, 0, 14, b'I', b'C', b'C', b'_', b'P', b'R', b'O', b'F', b'I', b'L',
                b'E', 0,
            ],
            &[0xFF, 0xDB, 0, 3, 7],
            &[0xFF, 0xDA, 0, 3, 1, 0xAB, 0xCD, 0xFF, 0xD9],
        ]
        .concat();
        assert_eq!(jpeg_without_metadata(&jpeg), Some(expected));
        assert_eq!(
            jpeg_without_metadata(b"\xFF\xD8\xFF\xE1\x00\x40short"),
            None
        );
        assert_eq!(jpeg_without_metadata(b"GIF89a"), None);
    }
}
