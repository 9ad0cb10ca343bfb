//! Run-time side: quantised weights, their compact byte format and scoring.
//!
//! Format (little endian): magic `WSLW`, version byte `1`, `bits: u8`, `classes: u16`,
//! `scale: f32`, then the `2^bits * classes` weights as a stream of zigzag LEB128 varints in
//! which a `0` is followed by the length of a run of zeros. Hashed tables are mostly zeros,
//! so this is several times smaller than the dense `i16` array it expands to at load.

const MAGIC: &[u8; 4] = b"WSLW";

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

    /// The real value of one quantised unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Serialises to the compact format described in the module docs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.w.len() / 2);
        out.extend_from_slice(MAGIC);
        out.push(1);
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.classes as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let mut i = 0;
        while i < self.w.len() {
            let v = self.w[i];
            if v == 0 {
                let run = self.w[i..].iter().take_while(|&&x| x == 0).count();
                out.push(0);
                put_varint(&mut out, run as u64);
                i += run;
            } else {
                let z = ((i32::from(v) << 1) ^ (i32::from(v) >> 31)) as u64;
                put_varint(&mut out, z);
                i += 1;
            }
        }
        out
    }

    /// Parses the compact format; `None` on any malformed or truncated input.
    pub fn from_bytes(data: &[u8]) -> Option<Self> {
        let (head, mut rest) = (data.get(..12)?, data.get(12..)?);
        if head.get(..4)? != MAGIC || head[4] != 1 {
            return None;
        }
        let bits = u32::from(head[5]);
        if !(1..=28).contains(&bits) {
            return None;
        }
        let classes = usize::from(u16::from_le_bytes([head[6], head[7]]));
        let scale = f32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        let n = (1usize << bits).checked_mul(classes)?;
        let mut w = Vec::with_capacity(n);
        while w.len() < n {
            let z = get_varint(&mut rest)?;
            if z == 0 {
                let run = usize::try_from(get_varint(&mut rest)?).ok()?;
                if run > n - w.len() {
                    return None;
                }
                w.resize(w.len() + run, 0);
            } else {
                let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
                w.push(i16::try_from(v).ok()?);
            }
        }
        Some(Weights {
            bits,
            classes,
            scale,
            w,
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(data: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = data.split_first()?;
        *data = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_bytes() {
        let mut real = vec![0.0f32; 16 * 3];
        real[4] = 1.5;
        real[5] = -0.25;
        real[40] = -3.0;
        let w = Weights::quantise(4, 3, &real);
        let bytes = w.to_bytes();
        assert!(
            bytes.len() < 40,
            "zero runs are compressed: {} bytes",
            bytes.len()
        );
        assert_eq!(Weights::from_bytes(&bytes), Some(w));
    }

    #[test]
    fn rejects_malformed_bytes() {
        let w = Weights::quantise(4, 3, &[1.0; 48]).to_bytes();
        assert_eq!(Weights::from_bytes(&w[..w.len() - 1]), None);
        assert_eq!(Weights::from_bytes(b"nope"), None);
        assert_eq!(Weights::from_bytes(&[]), None);
    }

    #[test]
    fn scores_pick_the_heaviest_allowed_class() {
        let mut real = vec![0.0f32; 4 * 2];
        real[2] = 1.0; // bucket 1, class 0
        real[3] = 2.0; // bucket 1, class 1
        let w = Weights::quantise(2, 2, &real);
        assert_eq!(w.best(&[1], |_| true), Some(1));
        assert_eq!(w.best(&[1], |c| c == 0), Some(0));
        assert_eq!(w.best(&[1], |_| false), None);
    }
}
