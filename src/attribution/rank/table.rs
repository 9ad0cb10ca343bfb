//! The compiled-in model reduced to what ranking needs: a candidate's score is "speaker"
//! minus "not the speaker", so each set bucket keeps only that difference.
//!
//! [`crate::learn::Weights`] serves any number of classes and reads its rows from the
//! serialised bytes, with bounds checks per feature; ranking looks up some thirty features for
//! each of up to ten candidates of every ranked quotation, so this two-class table (one
//! bitmap word, one rank and one `i32` per lookup) pays for itself. Scores are the same
//! integers [`crate::learn::Weights::add_scores`] gives.

use crate::learn::Weights;

/// Score differences of every bucket of a two-class model, zero where it has no weights.
///
/// Dense (4 bytes a bucket, 1 MiB for 2^18 buckets) so that a lookup is one load: the
/// compact bitmap-and-rank form costs a population count per feature, which is a long
/// instruction sequence on the baseline x86-64 target.
pub(super) struct Table {
    diff: Vec<i32>,
}

impl Table {
    /// The table of a two-class model; `None` for any other.
    pub(super) fn new(w: &Weights) -> Option<Table> {
        if w.classes() != 2 {
            return None;
        }
        let diff = w
            .dense_rows()
            .chunks_exact(2)
            .map(|r| i32::from(r[1]) - i32::from(r[0]))
            .collect();
        Some(Table { diff })
    }

    /// The score of a candidate with features `feats`.
    #[inline]
    pub(super) fn score(&self, feats: &[u32]) -> i32 {
        feats
            .iter()
            .map(|&f| self.diff.get(f as usize).copied().unwrap_or(0))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_as_the_weights_do() {
        let mut real = vec![0.0f32; 2 << 8];
        for (i, x) in real.iter_mut().enumerate() {
            if i % 7 == 0 || i % 11 == 3 {
                *x = (i as f32 * 0.37).sin() * 5.0;
            }
        }
        let w = Weights::quantise(8, 2, &real);
        let t = Table::new(&w).unwrap_or_else(|| unreachable!());
        for feats in [vec![], vec![0, 3, 7], vec![14, 14, 255, 100, 1, 2, 3]] {
            let mut s = [0i32; 2];
            w.add_scores(&feats, &mut s);
            assert_eq!(t.score(&feats), s[1] - s[0], "{feats:?}");
        }
    }

    #[test]
    fn other_models_are_refused() {
        let w = Weights::quantise(8, 3, &[1.0; 3 << 8]);
        assert!(Table::new(&w).is_none());
    }
}
