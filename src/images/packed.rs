//! A photo's outputs as the article cache keeps them: one byte string of fixed-width
//! records (`#[serde(with = "packed")]`), read back with one allocation and no decoding
//! field by field. serde's own form of eight outputs (seven fields each, the 64-bit keys as
//! ten-byte varints) was the largest part of reading a cached article with a photo.

use serde::{Deserializer, Serializer, de};

use super::{Format, Output};

/// One output: flags (original, offered), format, width, height, key, length.
const RECORD: usize = 1 + 1 + 4 + 4 + 8 + 8;

const ORIGINAL: u8 = 1;
const OFFERED: u8 = 2;

fn format_code(format: Format) -> u8 {
    match format {
        Format::Jpeg => 0,
        Format::Png => 1,
        Format::Webp => 2,
        Format::Gif => 3,
    }
}

fn format_of_code(code: u8) -> Option<Format> {
    [Format::Jpeg, Format::Png, Format::Webp, Format::Gif]
        .get(usize::from(code))
        .copied()
}

/// The outputs as one byte string.
pub fn pack(outputs: &[Output]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(outputs.len() * RECORD);
    for o in outputs {
        let flags = if o.original { ORIGINAL } else { 0 } | if o.offered { OFFERED } else { 0 };
        bytes.extend_from_slice(&[flags, format_code(o.format)]);
        bytes.extend_from_slice(&o.width.to_le_bytes());
        bytes.extend_from_slice(&o.height.to_le_bytes());
        bytes.extend_from_slice(&o.key.to_le_bytes());
        bytes.extend_from_slice(&o.len.to_le_bytes());
    }
    bytes
}

/// The outputs [`pack`] made `bytes` of; None when they are not such a string.
pub fn unpack(bytes: &[u8]) -> Option<Vec<Output>> {
    if !bytes.len().is_multiple_of(RECORD) {
        return None;
    }
    let mut outputs = Vec::with_capacity(bytes.len() / RECORD);
    for r in bytes.chunks_exact(RECORD) {
        let u32_at = |at: usize| u32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]]);
        let u64_at = |at: usize| u64::from(u32_at(at)) | u64::from(u32_at(at + 4)) << 32;
        if r[0] & !(ORIGINAL | OFFERED) != 0 {
            return None;
        }
        outputs.push(Output {
            original: r[0] & ORIGINAL != 0,
            offered: r[0] & OFFERED != 0,
            format: format_of_code(r[1])?,
            width: u32_at(2),
            height: u32_at(6),
            key: u64_at(10),
            len: u64_at(18),
        });
    }
    Some(outputs)
}

pub fn serialize<S: Serializer>(outputs: &[Output], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(&pack(outputs))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Output>, D::Error> {
    d.deserialize_bytes(Packed)
}

struct Packed;

impl de::Visitor<'_> for Packed {
    type Value = Vec<Output>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a photo's outputs, {RECORD} bytes each")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Vec<Output>, E> {
        unpack(bytes).ok_or_else(|| E::invalid_length(bytes.len(), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(original: bool, width: u32, format: Format, offered: bool) -> Output {
        Output {
            original,
            width,
            height: width / 2 + 1,
            format,
            key: 0xfedc_ba98_7654_3210 ^ u64::from(width),
            len: 4_000_000_000 + u64::from(width),
            offered,
        }
    }

    fn outputs() -> Vec<Output> {
        vec![
            output(true, 4000, Format::Png, false),
            output(false, 480, Format::Webp, true),
            output(false, 480, Format::Png, true),
            output(false, 1200, Format::Jpeg, false),
            output(false, 1, Format::Gif, true),
        ]
    }

    #[test]
    fn outputs_come_back_as_they_were_packed() {
        assert_eq!(unpack(&pack(&outputs())), Some(outputs()));
        assert_eq!(unpack(&[]), Some(Vec::new()));
    }

    #[test]
    fn a_string_of_another_shape_is_refused() {
        let bytes = pack(&outputs());
        assert_eq!(unpack(&bytes[..bytes.len() - 1]), None, "cut short");
        let mut unknown_format = bytes.clone();
        unknown_format[1] = 9;
        assert_eq!(unpack(&unknown_format), None);
        let mut unknown_flag = bytes;
        unknown_flag[0] |= 4;
        assert_eq!(unpack(&unknown_flag), None);
    }

    /// Through the article cache's own format, beside other fields.
    #[test]
    fn outputs_survive_postcard() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Photo {
            name: String,
            #[serde(with = "super")]
            outputs: Vec<Output>,
            width: u32,
        }
        let photo = Photo {
            name: "foto.jpg".into(),
            outputs: outputs(),
            width: 4000,
        };
        let bytes = postcard::to_stdvec(&photo).expect("written");
        assert_eq!(postcard::from_bytes::<Photo>(&bytes).ok(), Some(photo));
    }
}
