//! Variable-length unsigned numbers, as the index files and the search-term cache store
//! them: 7 bits a byte, low bits first, the high bit set on all but the last byte.

/// The bytes of `n` as a varint.
pub fn varint_length(n: u32) -> usize {
    (32 - n.leading_zeros() as usize).div_ceil(7).max(1)
}

/// Appends `n` as a varint.
pub fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at `at` (see [`push_varint`]), moving `at` past it.
pub fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let (mut n, mut shift) = (0u32, 0);
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift > 28 {
            return None;
        }
        n |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_take_seven_bits_a_byte() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, u32::MAX] {
            push_varint(&mut out, n);
        }
        assert_eq!(
            out,
            [0, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
        assert_eq!(varint_length(300), 2);
    }

    #[test]
    fn varints_read_back_and_a_cut_one_is_none() {
        let mut out = Vec::new();
        for n in [0, 300, u32::MAX] {
            push_varint(&mut out, n);
        }
        let mut at = 0;
        let read: Vec<Option<u32>> = (0..3).map(|_| read_varint(&out, &mut at)).collect();
        assert_eq!(read, [Some(0), Some(300), Some(u32::MAX)]);
        assert_eq!(read_varint(&[0x80, 0x80], &mut 0), None);
    }
}
