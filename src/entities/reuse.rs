//! The first pass's features of every candidate token, kept for the second pass.
//!
//! The second pass scores again the tokens the first was unsure of, with every first-pass
//! feature plus those of the first pass's tags ([`features::extract_hist`]). Of the
//! first-pass features only the two of the previous tag ([`features::PREV_AT`]) can
//! differ, when the second pass changed the tag before; so the rest are copied instead of
//! extracted again (about 900 instructions a token), in the same order, which keeps the
//! features, and so the scores, exactly those of a fresh extraction.

use super::doc::Doc;
use super::features::{self, Feats, PREV_AT};

/// First-pass feature buckets, with the previous tag they were extracted with.
#[derive(Default)]
pub struct Kept {
    /// Every kept token's buckets, one after another.
    buckets: Vec<u32>,
    /// Per token: its range in `buckets` (empty when not kept) and its previous tag.
    at: Vec<(u32, u32, u8)>,
}

impl Kept {
    /// Room for the tokens of `doc`.
    #[cfg(test)]
    pub fn for_doc(doc: &Doc) -> Self {
        Self::for_doc_in(doc, Vec::new(), Vec::new())
    }

    /// Room for the tokens of `doc` in the arrays of a former text's (see
    /// [`Kept::into_vecs`]), cleared first: nothing of that text is kept.
    pub fn for_doc_in(doc: &Doc, mut buckets: Vec<u32>, mut at: Vec<(u32, u32, u8)>) -> Self {
        let cands = doc.cand.iter().filter(|&&c| c).count();
        buckets.clear();
        buckets.reserve(cands * 48);
        at.clear();
        at.resize(doc.toks.len(), (0, 0, 0));
        Kept { buckets, at }
    }

    /// The arrays, to be reused.
    pub fn into_vecs(self) -> (Vec<u32>, Vec<(u32, u32, u8)>) {
        (self.buckets, self.at)
    }

    /// Keeps `f`, the features of token `i` extracted after tag `prev`.
    #[inline]
    pub fn keep(&mut self, i: usize, prev: u8, f: &[u32]) {
        let s = self.buckets.len() as u32;
        self.buckets.extend_from_slice(f);
        if let Some(a) = self.at.get_mut(i) {
            *a = (s, self.buckets.len() as u32, prev);
        }
    }

    /// Sets `out` to the features of token `i` after tag `prev` in the second pass
    /// (`doc.hist` set): the kept ones, with those of the previous tag replaced if it
    /// changed, then the history's. A token not kept is extracted afresh.
    pub fn second_pass(&self, doc: &Doc, i: usize, prev: u8, bits: u32, out: &mut Feats) {
        let kept = self
            .at
            .get(i)
            .filter(|&&(s, e, _)| e > s)
            .and_then(|&(s, e, p)| Some((self.buckets.get(s as usize..e as usize)?, p)));
        let Some((b, kept_prev)) = kept else {
            features::extract_into(doc, i, prev, bits, out);
            return;
        };
        out.set_all(b);
        if prev != kept_prev {
            let [p, pw] = features::prev_buckets(doc, i, prev, bits);
            out.set(PREV_AT, p);
            out.set(PREV_AT + 1, pw);
        }
        features::extract_hist(doc, i, bits, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{NEWS_PIECES, Rng};

    #[test]
    fn kept_features_equal_fresh_ones_whatever_the_previous_tag() {
        let mut rng = Rng::new(7);
        let mut checked = 0;
        for _ in 0..300 {
            let text = rng.text(NEWS_PIECES, 30);
            let mut doc = Doc::new(&text);
            let mut kept = Kept::for_doc(&doc);
            let mut f = Feats::default();
            let first: Vec<u8> = (0..doc.toks.len()).map(|_| rng.below(9) as u8).collect();
            for (i, &prev) in first.iter().enumerate() {
                if doc.cand[i] {
                    features::extract_into(&doc, i, prev, 17, &mut f);
                    kept.keep(i, prev, f.as_slice());
                }
            }
            doc.hist = super::super::history::compute(&doc, &first);
            doc.contexts = super::super::contexts::compute(&doc);
            for i in 0..doc.toks.len() {
                for prev in 0..9 {
                    let mut fresh = Vec::new();
                    features::extract(&doc, i, prev, 17, &mut fresh);
                    kept.second_pass(&doc, i, prev, 17, &mut f);
                    assert_eq!(f.as_slice(), fresh, "{text:?} token {i} after {prev}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000);
    }
}
