//! The hash of the indexer's vocabulary: its keys are short words as one 128-bit number (see
//! [`super::word_spans::short_key`]), looked up once for every word the build reads, so the
//! hash is a single folded multiply of the key's halves with keys drawn at random for each
//! map (as `ahash` does without AES, less its general-purpose rounds). Random keys keep
//! words chosen to collide from being written in advance; the maps' order is never output.

use std::hash::{BuildHasher, Hasher};

/// Makes a [`KeyHasher`] with this map's random keys.
#[derive(Clone)]
pub struct KeyHash {
    keys: [u64; 2],
}

impl Default for KeyHash {
    fn default() -> KeyHash {
        let seeds = ahash::RandomState::new();
        KeyHash {
            keys: [seeds.hash_one(0u64), seeds.hash_one(1u64) | 1],
        }
    }
}

impl BuildHasher for KeyHash {
    type Hasher = KeyHasher;

    fn build_hasher(&self) -> KeyHasher {
        KeyHasher {
            keys: self.keys,
            state: 0,
        }
    }
}

/// The high and low halves of the 128-bit product, xor-ed: every bit of both inputs reaches
/// the high bits (the table's tag) and the low bits (its bucket).
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

pub struct KeyHasher {
    keys: [u64; 2],
    state: u64,
}

impl Hasher for KeyHasher {
    fn write_u128(&mut self, key: u128) {
        let (low, high) = (key as u64, (key >> 64) as u64);
        self.state = folded_multiply(low ^ self.keys[0] ^ self.state, high ^ self.keys[1]);
    }

    fn write_u64(&mut self, n: u64) {
        self.write_u128(u128::from(n));
    }

    /// Any other key, 16 bytes at a time (the vocabulary's keys never come here).
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(16) {
            let mut lanes = [0u8; 16];
            lanes[..chunk.len()].copy_from_slice(chunk);
            self.write_u128(u128::from_le_bytes(lanes) ^ (chunk.len() as u128) << 120);
        }
    }

    fn finish(&self) -> u64 {
        self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        let hash = KeyHash::default();
        let key = u128::from_le_bytes(*b"pembangunan\0\0\0\0\0");
        assert_eq!(hash.hash_one(key), hash.hash_one(key));
        // The 128 keys one bit away, in either half, spread over the buckets (low bits) and
        // the tags (top 7 bits) about as random numbers would: 128 draws of 65,536 buckets
        // nearly never share one, and of 128 tags they take 81 on average.
        let near: Vec<u64> = (0..128)
            .map(|bit| hash.hash_one(key ^ (1u128 << bit)))
            .collect();
        let distinct = |part: fn(u64) -> u64| {
            near.iter()
                .map(|&h| part(h))
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        assert!(distinct(|h| h & 0xffff) >= 120, "{near:x?}");
        assert!(distinct(|h| h >> 57) >= 60, "{near:x?}");
    }

    #[test]
    fn each_map_draws_its_own_keys() {
        let key = u128::from_le_bytes(*b"harga\0\0\0\0\0\0\0\0\0\0\0");
        assert_ne!(
            KeyHash::default().hash_one(key),
            KeyHash::default().hash_one(key)
        );
    }
}
