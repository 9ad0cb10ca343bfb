//! Each candidate's score from every feature but the two of the previous tag, computed
//! before the greedy left-to-right pass that needs the previous tag.
//!
//! The weight table is larger than the core's caches, and a token's forty-odd rows are
//! mostly apart: scored one token at a time, right after its features are known, the loads
//! wait on memory even when asked for ahead. All but two features of a token do not depend
//! on the tag before it, so their rows can be summed in a loop that asks for the next
//! token's rows while it adds the current one's; the greedy pass then adds only the rows of
//! the previous tag's two features (the same integer sum in another order, so the same
//! scores).

use super::features::{Feats, PREV_AT};
use super::model::TAGS;
use crate::learn::Weights;
use std::cell::Cell;

/// How many tokens ahead the rows of a token's features are asked for.
const AHEAD: usize = 2;

/// Partial scores (every feature but the previous tag's two) of some tokens.
pub struct Partial {
    /// The tokens, in text order.
    list: Vec<usize>,
    /// Their partial scores.
    sums: Vec<[i32; TAGS]>,
    /// Where the last lookup ended in `list`: the greedy pass asks for tokens in text
    /// order, so a lookup moves on from there instead of searching.
    at: Cell<usize>,
}

impl Partial {
    /// The partial scores with `w` of the tokens `list` (in text order), whose features
    /// `feats_of(i, out)` sets, the previous tag's two at [`PREV_AT`] (left out of the
    /// sums).
    #[cfg(test)]
    pub fn compute(list: Vec<usize>, w: &Weights, feats_of: impl FnMut(usize, &mut Feats)) -> Self {
        Self::compute_in(list, w, feats_of, Vec::new())
    }

    /// [`Partial::compute`], the sums written in `sums` (cleared first, its room perhaps
    /// made by a former text; see [`Partial::into_vecs`]).
    pub fn compute_in(
        list: Vec<usize>,
        w: &Weights,
        mut feats_of: impl FnMut(usize, &mut Feats),
        mut sums: Vec<[i32; TAGS]>,
    ) -> Self {
        sums.clear();
        sums.reserve(list.len());
        // A ring of buffers: the features of the token `AHEAD` places on are extracted (and
        // their rows asked for) before the current token's rows are added, so the rows have
        // the time of several tokens' work to arrive.
        let mut bufs: [Feats; AHEAD + 1] = std::array::from_fn(|_| Feats::default());
        for (k, b) in bufs.iter_mut().enumerate().take(AHEAD) {
            if let Some(&j) = list.get(k) {
                feats_of(j, b);
                w.prefetch_rows::<TAGS>(b.as_slice());
            }
        }
        for k in 0..list.len() {
            if let Some(&j) = list.get(k + AHEAD)
                && let Some(next) = bufs.get_mut((k + AHEAD) % (AHEAD + 1))
            {
                feats_of(j, next);
                w.prefetch_rows::<TAGS>(next.as_slice());
            }
            let f = bufs.get(k % (AHEAD + 1)).map_or(&[][..], Feats::as_slice);
            let mut s = [0i32; TAGS];
            w.add_rows_n(f.get(..PREV_AT).unwrap_or_default(), &mut s);
            w.add_rows_n(f.get(PREV_AT + 2..).unwrap_or_default(), &mut s);
            sums.push(s);
        }
        Partial {
            list,
            sums,
            at: Cell::new(0),
        }
    }

    /// The arrays of the tokens and their sums, to be reused.
    pub fn into_vecs(self) -> (Vec<usize>, Vec<[i32; TAGS]>) {
        (self.list, self.sums)
    }

    /// The partial score of token `i`, if computed. Fast when asked in text order; any
    /// order gives the right answer (an earlier token is searched for).
    #[inline]
    pub fn get(&self, i: usize) -> Option<[i32; TAGS]> {
        let mut k = self.at.get();
        if self.list.get(k).is_none_or(|&t| t > i) {
            k = self.list.partition_point(|&t| t < i);
        }
        while self.list.get(k).is_some_and(|&t| t < i) {
            k += 1;
        }
        self.at.set(k);
        (self.list.get(k) == Some(&i))
            .then(|| self.sums.get(k).copied())
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::doc::Doc;
    use crate::entities::features;
    use crate::entities::model::{O, models};
    use crate::testing::{NEWS_PIECES, Rng};

    #[test]
    fn partial_scores_plus_the_previous_tags_equal_full_scores() {
        let Some(m) = models() else { return };
        let w = &m.first;
        let mut rng = Rng::new(5);
        for _ in 0..100 {
            let text = rng.text(NEWS_PIECES, 30);
            let doc = Doc::new(&text);
            // Lists shorter than the ring of buffers too (`AHEAD`), every other time.
            let cap = if rng.below(2) == 0 {
                AHEAD + 1
            } else {
                usize::MAX
            };
            let list: Vec<usize> = (0..doc.toks.len())
                .filter(|_| rng.below(2) == 0)
                .take(cap)
                .collect();
            let part = Partial::compute(list.clone(), w, |i, f| {
                features::extract_into(&doc, i, O, w.bits(), f)
            });
            // In order, then backwards: the same answers.
            let order: Vec<usize> = (0..doc.toks.len())
                .chain((0..doc.toks.len()).rev())
                .collect();
            for i in order {
                let Some(mut s) = part.get(i) else {
                    assert!(!list.contains(&i));
                    continue;
                };
                let prev = rng.below(9) as u8;
                w.add_scores_n(&features::prev_buckets(&doc, i, prev, w.bits()), &mut s);
                let mut full = [0i32; TAGS];
                let mut f = Vec::new();
                features::extract(&doc, i, prev, w.bits(), &mut f);
                w.add_scores_n(&f, &mut full);
                assert_eq!(s, full, "{text:?} token {i}");
            }
        }
    }
}
