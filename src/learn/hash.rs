//! Feature hashing without allocation: bytes are hashed incrementally into a `u64`, and a
//! feature is a template id mixed with one or more such hashes, reduced to a table bucket.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a offset basis: the starting state of [`bytes`].
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// Folds one byte into an FNV-1a state; use it to hash bytes as they are produced.
#[inline]
pub fn byte(state: u64, b: u8) -> u64 {
    (state ^ u64::from(b)).wrapping_mul(PRIME)
}

/// FNV-1a hash of `data`, starting from `state` (pass [`SEED`] for a fresh hash).
#[inline]
pub fn bytes(state: u64, data: &[u8]) -> u64 {
    data.iter().fold(state, |h, &b| byte(h, b))
}

/// Combines two hashes into one; order matters (`mix(a, b) != mix(b, a)`).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 29)
}

/// The bucket of a feature: template `id` with value hash `value`, in a table of
/// `2^bits` buckets.
#[inline]
pub fn bucket(id: u32, value: u64, bits: u32) -> u32 {
    let h = mix(u64::from(id).wrapping_mul(0xff51_afd7_ed55_8ccd), value);
    // High bits are the best mixed; `bits` is at most 32.
    (h >> (64 - bits.clamp(1, 32))) as u32
}

/// A map keyed by values that are already hashes; see [`PassThrough`].
pub type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// A `Hasher` for keys that are already well-mixed `u64` hashes: it uses them as they are.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, data: &[u8]) {
        self.0 = bytes(self.0 ^ SEED, data);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_equals_whole() {
        let mut h = SEED;
        for &b in b"Paris" {
            h = byte(h, b);
        }
        assert_eq!(h, bytes(SEED, b"Paris"));
    }

    #[test]
    fn buckets_stay_in_range_and_depend_on_template() {
        let v = bytes(SEED, b"paris");
        for bits in [1, 10, 18, 32] {
            assert!(u64::from(bucket(3, v, bits)) < (1u64 << bits));
        }
        assert_ne!(bucket(1, v, 20), bucket(2, v, 20));
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
