//! Run-time side: quantised weights, their compact byte format and scoring.
//!
//! Format (little endian): magic `WSLW`, version byte `2`, `bits: u8`, `classes: u16`,
//! `scale: f32`, a bitmap of the `2^bits` buckets (bit set: the bucket has a nonzero weight),
//! then `classes` `i16` weights for each set bucket, in order. Most buckets of a hashed table
//! are empty, so this is a fraction of the dense table, and it expands with plain copies,
//! which keeps the first call fast.

use std::borrow::Cow;

const MAGIC: &[u8; 4] = b"WSLW";
const VERSION: u8 = 2;

/// Quantised weights: one `i16` per (bucket, class), real weight = value × `scale`.
///
/// Kept in the serialised form itself (borrowed from the binary when compiled in), plus a
/// small rank table over the bitmap: loading costs one pass over the bitmap, not a copy of
/// the table, and the working set while scoring is the bitmap, the ranks and the rows used.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    bits: u32,
    classes: usize,
    scale: f32,
    data: Cow<'static, [u8]>,
    /// Number of set bits before each 64-bucket block of the bitmap.
    rank: Vec<u32>,
}

const HEAD: usize = 12;

impl Weights {
    /// Quantises `2^bits * classes` real weights (bucket-major) to `i16`.
    pub fn quantise(bits: u32, classes: usize, real: &[f32]) -> Self {
        let max = real.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let q: Vec<i16> = real
            .iter()
            .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        let bytes = encode(bits, classes, scale, &q);
        match Self::parse(Cow::Owned(bytes)) {
            Some(w) => w,
            None => Weights {
                bits,
                classes,
                scale,
                data: Cow::Owned(Vec::new()),
                rank: Vec::new(),
            },
        }
    }

    /// Bits of the bucket table: pass to [`super::hash::bucket`].
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The real value of one quantised unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The stored weights of bucket `f` (`None`: all zero), as `classes` little-endian `i16`.
    #[inline]
    fn row(&self, f: u32) -> Option<&[u8]> {
        let f = f as usize;
        let block = f / 64;
        let at = HEAD + block * 8;
        let word = u64::from_le_bytes(self.data.get(at..at + 8)?.try_into().ok()?);
        let below = word & ((1u64 << (f % 64)) - 1);
        if word >> (f % 64) & 1 == 0 {
            return None;
        }
        let idx = *self.rank.get(block)? as usize + below.count_ones() as usize;
        let row = 2 * self.classes;
        let start = HEAD + (1usize << self.bits) / 8 + idx * row;
        self.data.get(start..start + row)
    }

    /// Adds the integer scores of every class for `feats` into `out` (length [`Self::classes`]).
    #[inline]
    pub fn add_scores(&self, feats: &[u32], out: &mut [i32]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (s, w) in out.iter_mut().zip(row.chunks_exact(2)) {
                    *s += i32::from(i16::from_le_bytes([w[0], w[1]]));
                }
            }
        }
    }

    /// [`Self::add_scores`] for a class count known at compile time (lets the compiler
    /// unroll); returns false, scoring nothing, if `N` is not the class count.
    ///
    /// Branch-free per feature: every row offset is computed first (a bucket without
    /// weights adds nothing), so the row loads of all features overlap in memory instead of
    /// each waiting behind a mispredicted "is the bucket empty" branch.
    #[inline]
    pub fn add_scores_n<const N: usize>(&self, feats: &[u32], out: &mut [i32; N]) -> bool {
        if N != self.classes {
            return false;
        }
        let data: &[u8] = &self.data;
        let mask = (1usize << self.bits) - 1;
        let base = HEAD + (1usize << self.bits) / 8;
        let row_len = 2 * N;
        // Phase one finds every row (the bitmap and ranks are small and cached) and asks
        // for it early; phase two adds them, by then mostly in flight or arrived.
        let mut starts = [0usize; 96];
        let mut keeps = [0i32; 96];
        for chunk in feats.chunks(96) {
            for ((&f, st), kp) in chunk.iter().zip(starts.iter_mut()).zip(keeps.iter_mut()) {
                let f = f as usize & mask;
                let block = f / 64;
                let at = HEAD + block * 8;
                let word = match data.get(at..at + 8) {
                    Some(w) => {
                        let mut wb = [0u8; 8];
                        wb.copy_from_slice(w);
                        u64::from_le_bytes(wb)
                    }
                    None => 0,
                };
                let bit = (word >> (f % 64)) & 1;
                let below = word & ((1u64 << (f % 64)) - 1);
                let idx = self.rank.get(block).copied().unwrap_or(0) as usize
                    + below.count_ones() as usize;
                *st = base + idx * row_len;
                // 0 or -1: keeps the row only when its bucket is set, without a branch.
                *kp = (bit as i32).wrapping_neg();
                prefetch(data, *st);
            }
            for (&st, &keep) in starts.iter().zip(keeps.iter()).take(chunk.len()) {
                let Some(row) = data.get(st..st + row_len) else {
                    continue;
                };
                for (s, w) in out.iter_mut().zip(row.chunks_exact(2)) {
                    *s += i32::from(i16::from_le_bytes([w[0], w[1]])) & keep;
                }
            }
        }
        true
    }

    /// The best class among those `allowed`, or `None` when no class is allowed.
    pub fn best(&self, feats: &[u32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
        let mut s = vec![0i32; self.classes];
        self.add_scores(feats, &mut s);
        s.iter()
            .enumerate()
            .filter(|&(c, _)| allowed(c))
            .max_by_key(|&(c, &v)| (v, std::cmp::Reverse(c)))
            .map(|(c, _)| c)
    }

    /// The serialised form described in the module docs.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.data.to_vec()
    }

    /// Parses the compact format, copying it; `None` on malformed or truncated input.
    pub fn from_bytes(data: &[u8]) -> Option<Self> {
        Self::parse(Cow::Owned(data.to_vec()))
    }

    /// Parses the compact format in place, for data compiled into the binary.
    pub fn from_static(data: &'static [u8]) -> Option<Self> {
        Self::parse(Cow::Borrowed(data))
    }

    fn parse(data: Cow<'static, [u8]>) -> Option<Self> {
        let head = data.get(..HEAD)?;
        if head.get(..4)? != MAGIC || head[4] != VERSION {
            return None;
        }
        let bits = u32::from(head[5]);
        if !(6..=28).contains(&bits) {
            return None;
        }
        let classes = usize::from(u16::from_le_bytes([head[6], head[7]]));
        if classes == 0 {
            return None;
        }
        let scale = f32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        let bitmap = data.get(HEAD..HEAD + (1usize << bits) / 8)?;
        let mut rank = Vec::with_capacity(bitmap.len() / 8);
        let mut total = 0u32;
        for block in bitmap.chunks_exact(8) {
            rank.push(total);
            total += block.iter().map(|b| b.count_ones()).sum::<u32>();
        }
        if data.len() != HEAD + bitmap.len() + total as usize * 2 * classes {
            return None;
        }
        Some(Weights {
            bits,
            classes,
            scale,
            data,
            rank,
        })
    }
}

/// Hints that `data[at..]` will be read soon (no effect where unsupported or out of range).
#[inline(always)]
fn prefetch(data: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(b) = data.get(at) {
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch only hints the cache:
        // it reads nothing into the program and never faults (the address is in bounds).
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                std::ptr::from_ref(b).cast::<i8>(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (data, at);
}

/// Serialises a dense quantised table.
fn encode(bits: u32, classes: usize, scale: f32, w: &[i16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len() / 2);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(bits as u8);
    out.extend_from_slice(&(classes as u16).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    let rows: Vec<&[i16]> = w.chunks(classes.max(1)).collect();
    for group in rows.chunks(8) {
        let mut mask = 0u8;
        for (k, row) in group.iter().enumerate() {
            if row.iter().any(|&v| v != 0) {
                mask |= 1 << k;
            }
        }
        out.push(mask);
    }
    for row in rows.iter().filter(|r| r.iter().any(|&v| v != 0)) {
        for v in row.iter() {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_bytes() {
        let mut real = vec![0.0f32; 64 * 3];
        real[4] = 1.5; // bucket 1
        real[5] = -0.25;
        real[40] = -3.0; // bucket 13
        real[63 * 3] = 1.0; // bucket 63
        let w = Weights::quantise(6, 3, &real);
        let bytes = w.to_bytes();
        assert_eq!(
            bytes.len(),
            12 + 8 + 3 * 3 * 2,
            "only nonzero buckets are stored"
        );
        assert_eq!(Weights::from_bytes(&bytes).as_ref(), Some(&w));
        let mut s = [0i32; 3];
        w.add_scores(&[13, 63, 2], &mut s);
        assert_eq!(s, [32767 / 3, -32767, 0]);
    }

    #[test]
    fn rejects_malformed_bytes() {
        let w = Weights::quantise(6, 3, &[1.0; 192]).to_bytes();
        assert!(Weights::from_bytes(&w).is_some());
        assert_eq!(Weights::from_bytes(&w[..w.len() - 1]), None);
        let mut longer = w.clone();
        longer.extend_from_slice(&[0, 0]);
        assert_eq!(Weights::from_bytes(&longer), None);
        assert_eq!(Weights::from_bytes(b"nope"), None);
        assert_eq!(Weights::from_bytes(&[]), None);
    }

    #[test]
    fn scores_pick_the_heaviest_allowed_class() {
        let mut real = vec![0.0f32; 64 * 2];
        real[2] = 1.0; // bucket 1, class 0
        real[3] = 2.0; // bucket 1, class 1
        let w = Weights::quantise(6, 2, &real);
        assert_eq!(w.best(&[1], |_| true), Some(1));
        assert_eq!(w.best(&[1], |c| c == 0), Some(0));
        assert_eq!(w.best(&[1], |_| false), None);
        let mut s = [0i32; 2];
        assert!(w.add_scores_n(&[1, 1, 5], &mut s));
        assert_eq!(s[1], 2 * i32::from(i16::MAX));
        assert!(!w.add_scores_n(&[1], &mut [0i32; 3]));
        let mut s = [0i32; 2];
        assert!(w.add_scores_n(&[0, 2, 63], &mut s));
        assert_eq!(s, [0, 0], "empty buckets next to a stored row add nothing");
        let many: Vec<u32> = (0..250).map(|k| k % 64).collect();
        let (mut a, mut b) = ([0i32; 2], vec![0i32; 2]);
        assert!(w.add_scores_n(&many, &mut a));
        w.add_scores(&many, &mut b);
        assert_eq!(a[..], b[..], "more features than one prefetch batch");
        assert_eq!(a[1], 4 * i32::from(i16::MAX));
    }
}
