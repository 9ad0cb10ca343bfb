//! A hash table of word or phrase hashes packed into bytes that are read in place, so that
//! a table compiled into the binary (`include_bytes!`) costs nothing to load: the word
//! lists of [`super::gazetteer`] and the word clusters of [`super::clusters`].

use crate::learn::hash::HashedMap;

/// Slots of a linear-probing table, little-endian `u64` each: the top `64 - BITS` bits of
/// the key hash, then the key's `BITS`-bit value; 0 is an empty slot. The slot count is a
/// power of two and at least a quarter of the slots are empty, so every probe run ends.
pub enum Slots<const BITS: u32> {
    /// The committed table, read in place.
    Static(&'static [u8]),
    /// A table built at run time (when the committed one is malformed, and in tests).
    Owned(Vec<u8>),
}

impl<const BITS: u32> Slots<BITS> {
    fn bytes(&self) -> &[u8] {
        match self {
            Slots::Static(b) => b,
            Slots::Owned(v) => v,
        }
    }

    /// Whether `bytes` is a table: whole slots, a power of two of them, a quarter empty.
    pub fn valid(bytes: &[u8]) -> bool {
        let slots = bytes.len() / 8;
        bytes.len() % 8 == 0 && slots.is_power_of_two() && slots >= 8 && {
            let empty = bytes
                .chunks_exact(8)
                .filter(|c| c.iter().all(|&b| b == 0))
                .count();
            empty * 4 >= slots
        }
    }

    /// The value stored for hash `h`, 0 if there is none.
    #[inline]
    pub fn get(&self, h: u64) -> u64 {
        let b = self.bytes();
        let mask = (b.len() / 8).saturating_sub(1);
        let tag = h >> BITS;
        let mut at = (h as usize) & mask;
        for _ in 0..=mask {
            let Some(c) = b.get(at * 8..at * 8 + 8) else {
                return 0;
            };
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            let v = u64::from_le_bytes(w);
            if v == 0 {
                return 0;
            }
            if v >> BITS == tag {
                return v & ((1 << BITS) - 1);
            }
            at = (at + 1) & mask;
        }
        0
    }

    /// Hints that the slot where a lookup of `h` starts will be read soon.
    #[inline]
    pub fn prefetch(&self, h: u64) {
        let b = self.bytes();
        let mask = (b.len() / 8).saturating_sub(1);
        #[cfg(target_arch = "x86_64")]
        if let Some(slot) = b.get(((h as usize) & mask) * 8) {
            // SAFETY: SSE is part of the x86_64 baseline, and a prefetch only hints the
            // cache: it reads nothing into the program and never faults (in bounds).
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    std::ptr::from_ref(slot).cast::<i8>(),
                );
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (b, mask, h);
    }

    /// Packs `entries` (hash to value; values must fit in `BITS` bits and not all be 0
    /// with a hash whose top bits are 0) into a table of `slots` slots, or of the smallest
    /// power of two that keeps a quarter of them empty if `slots` is too few.
    pub fn pack(entries: &HashedMap<u64>, slots: usize) -> Vec<u8> {
        let least = (entries.len() * 4).div_ceil(3).next_power_of_two();
        let slots = slots.max(least).next_power_of_two().max(8);
        let mask = slots - 1;
        let mut t = vec![0u64; slots];
        let mut keys: Vec<(u64, u64)> = entries.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        for (h, v) in keys {
            let mut at = (h as usize) & mask;
            while t.get(at).is_some_and(|&s| s != 0) {
                at = (at + 1) & mask;
            }
            if let Some(s) = t.get_mut(at) {
                *s = (h >> BITS) << BITS | (v & ((1 << BITS) - 1));
            }
        }
        t.iter().flat_map(|v| v.to_le_bytes()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash;

    #[test]
    fn a_table_finds_what_was_packed() {
        let mut m = HashedMap::default();
        for k in 1..100u64 {
            m.insert(hash::mix(k, 7), k);
        }
        let t = Slots::<16>::Owned(Slots::<16>::pack(&m, 0));
        for k in 1..100u64 {
            assert_eq!(t.get(hash::mix(k, 7)), k);
        }
        assert_eq!(t.get(hash::mix(1000, 7)), 0);
        assert!(
            !Slots::<16>::valid(&[1u8; 64]),
            "a table without empty slots is refused"
        );
    }

    #[test]
    fn wide_values_keep_every_bit_and_tables_keep_a_quarter_empty() {
        let mut m = HashedMap::default();
        for k in 1..=1000u64 {
            m.insert(hash::mix(k, 9), k << 20 | 0xf_ffff);
        }
        let packed = Slots::<32>::pack(&m, 8);
        assert!(
            Slots::<32>::valid(&packed),
            "grown past the slots asked for"
        );
        let t = Slots::<32>::Owned(packed);
        for k in 1..=1000u64 {
            assert_eq!(t.get(hash::mix(k, 9)), k << 20 | 0xf_ffff);
        }
    }
}
