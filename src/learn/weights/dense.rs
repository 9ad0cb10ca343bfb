//! The dense form of [`super::Weights`]: every bucket's row, padded and aligned so that a
//! row is one cache line read, and the row reads of scoring.

use super::HEAD;

/// The weights as `2^bits` rows of native `i16`, zero rows included, each row
/// [`stride`] weights apart: `classes` of them, then padding.
///
/// A row of 9 classes is 18 bytes; packed, one in four straddles two cache lines, and
/// every row needs two prefetches. Padded to 32 bytes, from a start aligned to 64, a row
/// is always within one line: one prefetch, and a line read per row (the table doubles
/// in size, but only its rows in use take cache).
#[derive(Debug, Clone)]
pub(super) struct Dense {
    /// The table, starting at `start` (a 64-byte or huge-page boundary; see
    /// [`super::pages`]), `len` weights long.
    table: Vec<i16>,
    start: usize,
    len: usize,
}

/// Weights from one row to the next in the dense table: `classes` rounded up to a power
/// of two while a row fits in a cache line (so that no row crosses one).
#[inline(always)]
pub(super) const fn stride(classes: usize) -> usize {
    if classes <= 32 {
        classes.next_power_of_two()
    } else {
        classes
    }
}

/// Asks for the rows of `feats` in the dense table `dense` of `2^bits` rows of `N`.
#[inline(always)]
pub(super) fn prefetch_dense<const N: usize>(dense: &[i16], bits: u32, feats: &[u32]) {
    let mask = (1usize << bits) - 1;
    for &f in feats {
        let at = (f as usize & mask) * stride(N);
        prefetch(dense.as_ptr().wrapping_add(at));
        // A row within one line needs one prefetch (see `Dense`); a longer one, two.
        if stride(N) > 32 {
            prefetch(dense.as_ptr().wrapping_add(at + N - 1));
        }
    }
}

/// Adds the rows of `feats` in the dense table `dense` of `2^bits` rows of `N` to `out`.
#[inline(always)]
pub(super) fn sum_dense<const N: usize>(
    dense: &[i16],
    bits: u32,
    feats: &[u32],
    out: &mut [i32; N],
) {
    let mask = (1usize << bits) - 1;
    if stride(N) == 16 {
        sum_rows16(dense, mask, feats, out);
        return;
    }
    // A local sum stays in registers.
    let mut sum = *out;
    for &f in feats {
        let at = (f as usize & mask) * stride(N);
        // Always in range (`at` is a masked bucket times `N`): one check, and the row's
        // length is then known to the compiler.
        let Some(row) = dense
            .get(at..at + N)
            .and_then(|r| <&[i16; N]>::try_from(r).ok())
        else {
            continue;
        };
        for (s, &w) in sum.iter_mut().zip(row) {
            *s += i32::from(w);
        }
    }
    *out = sum;
}

/// [`sum_dense`] for rows 16 weights apart (9 to 16 classes): the table read as whole
/// rows (`[i16; 16]`), so one bounds check finds a row and every class is a fixed lane;
/// the first eight lanes are one 16-byte chunk that the compiler widens and adds as
/// vectors. Padding lanes are zero, so adding them changes nothing, but only the `N` in use
/// are added.
#[inline(always)]
fn sum_rows16<const N: usize>(dense: &[i16], mask: usize, feats: &[u32], out: &mut [i32; N]) {
    let mut lo = [0i32; 8];
    let mut hi = [0i32; 8];
    let mut add = |f: u32| {
        let at = (f as usize & mask) * 16;
        if let Some(row) = dense
            .get(at..at + 16)
            .and_then(|r| <&[i16; 16]>::try_from(r).ok())
        {
            let (a, b) = row.split_at(8);
            for (s, &w) in lo.iter_mut().zip(a) {
                *s += i32::from(w);
            }
            for (s, &w) in hi.iter_mut().zip(b).take(N.saturating_sub(8)) {
                *s += i32::from(w);
            }
        }
    };
    // Two rows a turn: half the loop's own counting and branching.
    let pairs = feats.chunks_exact(2);
    let rest = pairs.remainder();
    for pair in pairs {
        if let &[f, g] = pair {
            add(f);
            add(g);
        }
    }
    rest.iter().for_each(|&f| add(f));
    for (o, s) in out.iter_mut().zip(lo.iter().chain(&hi)) {
        *o += s;
    }
}

/// Hints that the memory at `p` will be read soon (no effect where unsupported).
#[inline(always)]
pub(super) fn prefetch(p: *const i16) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is part of the x86_64 baseline, and a prefetch only hints the cache: it
    // reads nothing into the program and never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Dense {
    /// Expands the serialised rows of `data` (already validated by [`Weights::parse`]):
    /// every stored weight is decoded in one pass, then each row is copied to its bucket,
    /// found a bitmap word at a time.
    pub(super) fn expand(bits: u32, classes: usize, data: &[u8]) -> Dense {
        let buckets = 1usize << bits;
        let stride = stride(classes);
        let len = buckets * stride;
        let (mut table, start) = super::pages::zeroed(len);
        let bitmap = data.get(HEAD..HEAD + buckets / 8).unwrap_or_default();
        let stored: Vec<i16> = data
            .get(HEAD + buckets / 8..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|w| i16::from_le_bytes([w[0], w[1]]))
            .collect();
        let mut rows = stored.chunks_exact(classes.max(1));
        for (block, word) in bitmap.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            let mut set = u64::from_le_bytes(w);
            while set != 0 {
                let bucket = block * 64 + set.trailing_zeros() as usize;
                set &= set - 1;
                let at = start + bucket * stride;
                let (Some(src), Some(dst)) = (rows.next(), table.get_mut(at..at + classes)) else {
                    return Dense { table, start, len };
                };
                dst.copy_from_slice(src);
            }
        }
        Dense { table, start, len }
    }

    /// The rows, from their aligned start.
    #[inline(always)]
    pub(super) fn rows(&self) -> &[i16] {
        (self.table)
            .get(self.start..self.start + self.len)
            .unwrap_or_default()
    }
}
