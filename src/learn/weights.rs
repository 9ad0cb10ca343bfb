//! Run-time side: quantised weights, their compact byte format and scoring.
//!
//! Format (little endian): magic `WSLW`, version byte `2`, `bits: u8`, `classes: u16`,
//! `scale: f32`, a bitmap of the `2^bits` buckets (bit set: the bucket has a nonzero weight),
//! then `classes` `i16` weights for each set bucket, in order. Empty buckets cost one bit,
//! so the file is about half the dense table; scoring uses the dense table, expanded with
//! plain copies at the first call (about a millisecond), so loading stays cheap.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

mod dense;
mod pages;

use dense::{Dense, prefetch, prefetch_dense, stride, sum_dense};

const MAGIC: &[u8; 4] = b"WSLW";
const VERSION: u8 = 2;

/// Quantised weights: one `i16` per (bucket, class), real weight = value × `scale`.
///
/// Kept in the serialised form (borrowed from the binary when compiled in), so loading
/// costs one pass over the bitmap and no copy. Once [`EXPAND_AFTER`] feature rows have
/// been read, it is expanded once into a dense bucket-major table ([`Dense`]): one multiply
/// finds a row and one contiguous read scores every class, where the compact form needs a
/// bitmap word, a rank and a popcount per feature (the dense table is about twice the
/// compact one: 2.4 MB for 2^17 buckets of 9 classes). Until then rows are read from the
/// compact form, so a process that scores little (one short text) never pays for the
/// expansion (about 5 ms with its page faults). Both give the same scores.
///
/// Why `i16` rows and not smaller ones (measured on the NER models, PolNeAR train, with
/// cachegrind at a 512 KB last level and by CPU time): two lookups in three land on a row
/// with a weight outside `i8` (frequent features have large weights), and the misses come
/// from the long tail of rare features, whose rows are read once per many texts whatever
/// their size. One byte per weight with the wide rows apart, found by bitmap and rank
/// (hardware `popcnt`), cut the scoring's misses by 13% but doubled its instructions and
/// was no faster; marking wide rows in the first byte of a dense `i8` table read more
/// lines (mark, then side row); interleaving both passes' rows per bucket saved 5% of the
/// misses; prefetching the next candidate's rows a token ahead gained under 2% for 7% more
/// instructions (features extracted twice when the tag before is mispredicted).
#[derive(Debug)]
pub struct Weights {
    bits: u32,
    classes: usize,
    scale: f32,
    data: Cow<'static, [u8]>,
    /// Number of set bits before each 64-bucket block of the bitmap.
    rank: Vec<u32>,
    /// Feature rows read from the compact form so far.
    served: AtomicUsize,
    dense: OnceLock<Dense>,
}

/// Feature rows read from the compact form before the dense table is built: about five
/// news articles, so a single short call stays fast and a long run soon scores densely
/// (a compact row costs several times a dense one, so waiting longer costs more than the
/// expansion).
pub const EXPAND_AFTER: usize = 25_000;

impl Clone for Weights {
    fn clone(&self) -> Self {
        Weights {
            bits: self.bits,
            classes: self.classes,
            scale: self.scale,
            data: self.data.clone(),
            rank: self.rank.clone(),
            served: AtomicUsize::new(self.served.load(Ordering::Relaxed)),
            dense: self.dense.clone(),
        }
    }
}

impl PartialEq for Weights {
    /// Equal when the serialised forms are (the dense table is derived from them).
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
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
                served: AtomicUsize::new(0),
                dense: OnceLock::new(),
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

    /// The dense table, expanded from the serialised form on first use.
    #[inline]
    fn dense(&self) -> &[i16] {
        self.dense
            .get_or_init(|| Dense::expand(self.bits, self.classes, &self.data))
            .rows()
    }

    /// The dense table if it is built or it is time to build it, having `rows` more
    /// rows to read; `None`: read them from the compact form.
    #[inline]
    fn dense_for(&self, rows: usize) -> Option<&[i16]> {
        if let Some(d) = self.dense.get() {
            return Some(d.rows());
        }
        self.count_compact(rows)
    }

    /// Counts `rows` read from the compact form; the dense table once they are enough.
    #[cold]
    #[inline(never)]
    fn count_compact(&self, rows: usize) -> Option<&[i16]> {
        let served = self.served.fetch_add(rows, Ordering::Relaxed);
        (served.saturating_add(rows) >= EXPAND_AFTER).then(|| self.dense())
    }

    /// The compact form's row of bucket `f` (`None`: all zero), as little-endian `i16`.
    #[inline]
    fn compact_row(&self, f: usize) -> Option<&[u8]> {
        let block = f / 64;
        let at = HEAD + block * 8;
        let word = u64::from_le_bytes(self.data.get(at..at + 8)?.try_into().ok()?);
        if word >> (f % 64) & 1 == 0 {
            return None;
        }
        let below = (word & ((1u64 << (f % 64)) - 1)).count_ones() as usize;
        let idx = *self.rank.get(block)? as usize + below;
        let row = 2 * self.classes;
        let start = HEAD + (1usize << self.bits) / 8 + idx * row;
        self.data.get(start..start + row)
    }

    /// Scores `feats` from the compact form, one row after another.
    fn add_compact(&self, feats: &[u32], out: &mut [i32]) {
        let mask = (1usize << self.bits) - 1;
        for &f in feats {
            for (s, w) in out.iter_mut().zip(
                self.compact_row(f as usize & mask)
                    .unwrap_or_default()
                    .chunks_exact(2),
            ) {
                *s += i32::from(i16::from_le_bytes([w[0], w[1]]));
            }
        }
    }

    /// [`Self::add_compact`] for `N` classes, branch-free per feature: every row offset is
    /// computed and prefetched first (an empty bucket reads a neighbour and keeps nothing),
    /// so the row loads overlap instead of waiting behind mispredicted branches.
    #[inline(never)]
    fn add_compact_n<const N: usize>(&self, feats: &[u32], out: &mut [i32; N]) {
        let data: &[u8] = &self.data;
        let mask = (1usize << self.bits) - 1;
        let base = HEAD + (1usize << self.bits) / 8;
        let mut starts = [0usize; BATCH];
        let mut keeps = [0i32; BATCH];
        let mut sum = *out;
        for chunk in feats.chunks(BATCH) {
            for ((&f, st), kp) in chunk.iter().zip(starts.iter_mut()).zip(keeps.iter_mut()) {
                let f = f as usize & mask;
                let block = f / 64;
                let at = HEAD + block * 8;
                let word = data
                    .get(at..at + 8)
                    .and_then(|w| w.try_into().ok())
                    .map_or(0, u64::from_le_bytes);
                let below = (word & ((1u64 << (f % 64)) - 1)).count_ones() as usize;
                let idx = self.rank.get(block).copied().unwrap_or(0) as usize + below;
                *st = base + idx * 2 * N;
                // 0 or -1: keeps the row only when its bucket is set, without a branch.
                *kp = (((word >> (f % 64)) & 1) as i32).wrapping_neg();
                prefetch(data.as_ptr().wrapping_add(*st).cast::<i16>());
            }
            for (&st, &keep) in starts.iter().zip(keeps.iter()).take(chunk.len()) {
                let Some(row) = data.get(st..st + 2 * N) else {
                    continue;
                };
                for (s, w) in sum.iter_mut().zip(row.chunks_exact(2)) {
                    *s += i32::from(i16::from_le_bytes([w[0], w[1]])) & keep;
                }
            }
        }
        *out = sum;
    }

    /// Adds the integer scores of every class for `feats` into `out` (length [`Self::classes`]).
    #[inline]
    pub fn add_scores(&self, feats: &[u32], out: &mut [i32]) {
        let Some(dense) = self.dense_for(feats.len()) else {
            self.add_compact(feats, out);
            return;
        };
        let mask = (1usize << self.bits) - 1;
        let stride = stride(self.classes);
        for &f in feats {
            let at = (f as usize & mask) * stride;
            if let Some(row) = dense.get(at..at + self.classes) {
                for (s, &w) in out.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// [`Self::add_scores`] for a class count known at compile time (lets the compiler
    /// unroll and vectorise the row); returns false, scoring nothing, if `N` is not the
    /// class count.
    ///
    /// Two phases per batch of features: the first finds every row and asks the memory for
    /// it, the second adds the rows, by then arrived or in flight. The table is larger than
    /// the caches, so without this the loads of a token's features wait one behind another.
    #[inline(always)]
    pub fn add_scores_n<const N: usize>(&self, feats: &[u32], out: &mut [i32; N]) -> bool {
        if N != self.classes {
            return false;
        }
        let Some(dense) = self.dense_for(feats.len()) else {
            self.add_compact_n(feats, out);
            return true;
        };
        // Each phase finds the rows again from the features (a mask and a multiply): a
        // buffer of row offsets would be zeroed on every call, which cost more.
        for chunk in feats.chunks(BATCH) {
            prefetch_dense::<N>(dense, self.bits, chunk);
            sum_dense(dense, self.bits, chunk, out);
        }
        true
    }

    /// Asks the memory for the rows of `feats` (of the dense table, once built), to be
    /// added soon by [`Self::add_rows_n`]: lets a caller that knows the next token's
    /// features have them arrive while it scores the current one.
    #[inline(always)]
    pub fn prefetch_rows<const N: usize>(&self, feats: &[u32]) {
        if let Some(d) = self.dense.get() {
            prefetch_dense::<N>(d.rows(), self.bits, feats);
        }
    }

    /// [`Self::add_scores_n`] without its prefetching, for rows asked for earlier
    /// ([`Self::prefetch_rows`]) or surely cached.
    #[inline(always)]
    pub fn add_rows_n<const N: usize>(&self, feats: &[u32], out: &mut [i32; N]) -> bool {
        if N != self.classes {
            return false;
        }
        match self.dense_for(feats.len()) {
            Some(dense) => sum_dense(dense, self.bits, feats, out),
            None => self.add_compact_n(feats, out),
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

    /// Every bucket's row of `classes` quantised weights, zero rows included, bucket-major:
    /// for callers that derive their own table from a model (see the speaker ranker's
    /// two-class score differences), so that only this module reads the format.
    pub fn dense_rows(&self) -> Vec<i16> {
        let rows = |d: &Dense| -> Vec<i16> {
            let c = self.classes;
            if stride(c) == c {
                // Unpadded (2 classes, say): the rows as they are, in one copy.
                return d.rows().to_vec();
            }
            (d.rows().chunks(stride(c)))
                .flat_map(|r| r.get(..c).unwrap_or_default().iter().copied())
                .collect()
        };
        match self.dense.get() {
            Some(d) => rows(d),
            None => rows(&Dense::expand(self.bits, self.classes, &self.data)),
        }
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
        let mut total = 0usize;
        for block in bitmap.chunks_exact(8) {
            rank.push(total as u32);
            total += block.iter().map(|b| b.count_ones() as usize).sum::<usize>();
        }
        if data.len() != HEAD + bitmap.len() + total * 2 * classes {
            return None;
        }
        Some(Weights {
            bits,
            classes,
            scale,
            data,
            rank,
            served: AtomicUsize::new(0),
            dense: OnceLock::new(),
        })
    }
}

/// Features scored per prefetch batch (a token has about fifty).
const BATCH: usize = 64;

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
    fn compact_and_dense_tables_score_alike() {
        // A pseudo-random table with empty buckets, small and large weights.
        let mut x = 12345u64;
        let real: Vec<f32> = (0..(1 << 10) * 9)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                match x >> 60 {
                    0..=7 => 0.0,
                    8..=13 => ((x >> 20) % 200) as f32 - 100.0,
                    _ => ((x >> 20) % 60_000) as f32 - 30_000.0,
                }
            })
            .collect();
        let w = Weights::quantise(10, 9, &real);
        assert!(w.dense.get().is_none(), "nothing expanded before scoring");
        let feats: Vec<u32> = (0..3000u32)
            .map(|k| k.wrapping_mul(2_654_435_761))
            .collect();
        let mut compact = [0i32; 9];
        w.add_compact_n(&feats, &mut compact);
        let mut generic = [0i32; 9];
        w.add_compact(&feats, &mut generic);
        assert_eq!(compact, generic);
        let mut dense = [0i32; 9];
        while w.dense.get().is_none() {
            dense = [0; 9];
            assert!(w.add_scores_n(&feats, &mut dense));
        }
        assert_ne!(compact, [0; 9]);
        assert_eq!(compact, dense);
        let mut again = [0i32; 9];
        assert!(w.add_scores_n(&feats, &mut again));
        assert_eq!(again, dense, "the dense table, once built, scores alike");
    }

    #[test]
    fn dense_rows_are_the_rows_unpadded() {
        for classes in [2, 3, 9] {
            let real: Vec<f32> = (0..(64 * classes))
                .map(|i| if i % 5 == 0 { (i as f32).sin() } else { 0.0 })
                .collect();
            let w = Weights::quantise(6, classes, &real);
            let rows = w.dense_rows();
            assert_eq!(rows.len(), 64 * classes);
            for (f, row) in rows.chunks(classes).enumerate() {
                let mut s = vec![0i32; classes];
                w.add_scores(&[f as u32], &mut s);
                let row: Vec<i32> = row.iter().map(|&x| i32::from(x)).collect();
                assert_eq!(row, s, "{classes} classes, row {f}");
            }
        }
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
        assert_eq!(a[..], b[..], "the generic and the fixed-size paths agree");
        assert_eq!(a[1], 4 * i32::from(i16::MAX));
    }
}
