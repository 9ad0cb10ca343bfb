//! Run-time side: quantised weights, their compact byte format and scoring.
//!
//! Format (little endian): magic `WSLW`, version byte `2`, `bits: u8`, `classes: u16`,
//! `scale: f32`, a bitmap of the `2^bits` buckets (bit set: the bucket has a nonzero weight),
//! then `classes` `i16` weights for each set bucket, in order. Most buckets of a hashed table
//! are empty, so this is a fraction of the dense table, and it expands with plain copies,
//! which keeps the first call fast.

const MAGIC: &[u8; 4] = b"WSLW";
const VERSION: u8 = 2;

/// Quantised weights: one `i16` per (bucket, class), real weight = value × `scale`.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    bits: u32,
    classes: usize,
    scale: f32,
    w: Vec<i16>,
}

impl Weights {
    /// Quantises `2^bits * classes` real weights (bucket-major) to `i16`.
    pub fn quantise(bits: u32, classes: usize, real: &[f32]) -> Self {
        let max = real.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let w = real
            .iter()
            .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Weights {
            bits,
            classes,
            scale,
            w,
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

    /// Adds the integer scores of every class for `feats` into `out` (length [`Self::classes`]).
    #[inline]
    pub fn add_scores(&self, feats: &[u32], out: &mut [i32]) {
        for &f in feats {
            let base = f as usize * self.classes;
            if let Some(row) = self.w.get(base..base + self.classes) {
                for (s, &w) in out.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// [`Self::add_scores`] for a class count known at compile time (lets the compiler
    /// unroll and vectorise); returns false, scoring nothing, if `N` is not the class count.
    #[inline]
    pub fn add_scores_n<const N: usize>(&self, feats: &[u32], out: &mut [i32; N]) -> bool {
        if N != self.classes {
            return false;
        }
        for &f in feats {
            let base = f as usize * N;
            if let Some(row) = self
                .w
                .get(base..base + N)
                .and_then(|r| <&[i16; N]>::try_from(r).ok())
            {
                for k in 0..N {
                    out[k] += i32::from(row[k]);
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

    /// Serialises to the compact format described in the module docs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.w.len() / 2);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.classes as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows: Vec<&[i16]> = self.w.chunks(self.classes.max(1)).collect();
        for group in rows.chunks(8) {
            let mut bits = 0u8;
            for (k, row) in group.iter().enumerate() {
                if row.iter().any(|&v| v != 0) {
                    bits |= 1 << k;
                }
            }
            out.push(bits);
        }
        for row in rows.iter().filter(|r| r.iter().any(|&v| v != 0)) {
            for v in row.iter() {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Parses the compact format; `None` on any malformed or truncated input.
    pub fn from_bytes(data: &[u8]) -> Option<Self> {
        let head = data.get(..12)?;
        if head.get(..4)? != MAGIC || head[4] != VERSION {
            return None;
        }
        let bits = u32::from(head[5]);
        if !(3..=28).contains(&bits) {
            return None;
        }
        let classes = usize::from(u16::from_le_bytes([head[6], head[7]]));
        if classes == 0 {
            return None;
        }
        let scale = f32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        let nrows = 1usize << bits;
        let bitmap = data.get(12..12 + nrows / 8)?;
        let mut rows = data.get(12 + nrows / 8..)?.chunks_exact(2 * classes);
        let mut w = vec![0i16; nrows * classes];
        for (r, dst) in w.chunks_mut(classes).enumerate() {
            if bitmap.get(r / 8).is_some_and(|b| b & (1 << (r % 8)) != 0) {
                let src = rows.next()?;
                for (d, pair) in dst.iter_mut().zip(src.chunks_exact(2)) {
                    *d = i16::from_le_bytes([pair[0], pair[1]]);
                }
            }
        }
        if rows.next().is_some() || !rows.remainder().is_empty() {
            return None;
        }
        Some(Weights {
            bits,
            classes,
            scale,
            w,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_bytes() {
        let mut real = vec![0.0f32; 16 * 3];
        real[4] = 1.5; // bucket 1
        real[5] = -0.25;
        real[40] = -3.0; // bucket 13
        let w = Weights::quantise(4, 3, &real);
        let bytes = w.to_bytes();
        assert_eq!(
            bytes.len(),
            12 + 2 + 2 * 3 * 2,
            "only nonzero buckets are stored"
        );
        assert_eq!(Weights::from_bytes(&bytes), Some(w));
    }

    #[test]
    fn rejects_malformed_bytes() {
        let w = Weights::quantise(4, 3, &[1.0; 48]).to_bytes();
        assert_eq!(Weights::from_bytes(&w[..w.len() - 1]), None);
        let mut longer = w.clone();
        longer.extend_from_slice(&[0, 0]);
        assert_eq!(Weights::from_bytes(&longer), None);
        assert_eq!(Weights::from_bytes(b"nope"), None);
        assert_eq!(Weights::from_bytes(&[]), None);
    }

    #[test]
    fn scores_pick_the_heaviest_allowed_class() {
        let mut real = vec![0.0f32; 8 * 2];
        real[2] = 1.0; // bucket 1, class 0
        real[3] = 2.0; // bucket 1, class 1
        let w = Weights::quantise(3, 2, &real);
        assert_eq!(w.best(&[1], |_| true), Some(1));
        assert_eq!(w.best(&[1], |c| c == 0), Some(0));
        assert_eq!(w.best(&[1], |_| false), None);
        let mut s = [0i32; 2];
        assert!(w.add_scores_n(&[1, 1], &mut s));
        assert_eq!(s[1], 2 * i32::from(i16::MAX));
        assert!(!w.add_scores_n(&[1], &mut [0i32; 3]));
    }
}
