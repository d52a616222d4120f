//! The header of the cache's binary files (the search term cache, the last index files):
//! a magic word, a format version, the program that wrote the file and a hash of the body,
//! so that a file from another format, another cermin or a torn write is never trusted.

use xxhash_rust::xxh3::xxh3_64;

/// Bytes before the body: magic (8), version (4), program identity (8), body hash (8).
pub const HEADER: usize = 8 + 4 + 8 + 8;

/// `body` behind the header of a file of kind `magic`, format `version`, written by this
/// program.
pub fn framed(magic: &[u8; 8], version: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&super::program_identity().to_le_bytes());
    out.extend_from_slice(&xxh3_64(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Whether `bytes` is a whole file of kind `magic` and format `version` written by the
/// program `identity`: its body starts at [`HEADER`].
pub fn is_intact(bytes: &[u8], magic: &[u8; 8], version: u32, identity: u64) -> bool {
    let Some(header) = bytes.get(..HEADER) else {
        return false;
    };
    let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().expect("8"));
    &header[..8] == magic
        && u32::from_le_bytes(header[8..12].try_into().expect("4")) == version
        && u64_at(12) == identity
        && u64_at(20) == xxh3_64(&bytes[HEADER..])
}
