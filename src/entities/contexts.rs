//! Context aggregation for the second pass: the words around every mention of a word in the
//! article. One mention of "Varno" says nothing, but "Varno's board", "Varno shares" and
//! "chief executive of Varno" elsewhere in the text say it is a company (Ratinov & Roth
//! 2009's context aggregation, over the words just outside each mention's run of names).

use super::doc::Doc;
use super::tokenize::F_LINE_START;
use crate::learn::hash;

/// Most distinct contexts kept per word.
const MOST: usize = 8;

/// The contexts of each token's word.
#[derive(Default, Debug, Clone)]
pub struct Contexts {
    /// Per token: the range of `words` holding its word's contexts (empty for tokens that
    /// are no candidate).
    ranges: Vec<(u32, u32)>,
    /// Context hashes: the word before a mention's run (side 0) or after it (side 1).
    words: Vec<u64>,
}

impl Contexts {
    /// No contexts, in the arrays of a former text's (see [`Contexts::into_vecs`]).
    pub fn empty_in(mut ranges: Vec<(u32, u32)>, mut words: Vec<u64>) -> Self {
        ranges.clear();
        words.clear();
        Contexts { ranges, words }
    }

    /// The arrays, to be reused.
    pub fn into_vecs(self) -> (Vec<(u32, u32)>, Vec<u64>) {
        (self.ranges, self.words)
    }

    /// The contexts of token `i`'s word.
    pub fn of(&self, i: usize) -> &[u64] {
        self.ranges
            .get(i)
            .and_then(|&(s, e)| self.words.get(s as usize..e as usize))
            .unwrap_or_default()
    }
}

/// The working arrays of [`compute_in`], kept between texts (see [`super::scratch`]):
/// each word's set, the sets, and where each set's words went.
#[derive(Default)]
pub struct Work {
    pub set_of_word: Vec<u32>,
    pub sets: Vec<(usize, [u64; MOST])>,
    pub at: Vec<(u32, u32)>,
}

impl Work {
    /// No arrays yet.
    pub const fn new() -> Self {
        Work {
            set_of_word: Vec::new(),
            sets: Vec::new(),
            at: Vec::new(),
        }
    }
}

/// Collects the contexts of every candidate word of `doc`.
pub fn compute(doc: &Doc) -> Contexts {
    compute_in(doc, Contexts::default(), &mut Work::new())
}

/// [`compute`] in the arrays of `bufs` (a former text's contexts, whatever they hold),
/// with `work` for room (cleared first).
pub fn compute_in(doc: &Doc, bufs: Contexts, work: &mut Work) -> Contexts {
    let n = doc.toks.len();
    let Contexts {
        ranges: mut set_of,
        mut words,
    } = bufs;
    // Each word's set, in order of first mention, found by the word's number; the token
    // keeps its set's index (in the first half of its range, until the ranges are known).
    // Each set is held inline, so collecting costs no allocation per word.
    let Work {
        set_of_word,
        sets,
        at,
    } = work;
    set_of_word.clear();
    set_of_word.resize(doc.word_ids, u32::MAX);
    sets.clear();
    // Tokens that are no candidate keep `(0, 0)`, no contexts.
    set_of.clear();
    set_of.resize(n, (0, 0));
    let outside = |j: usize, side: u64| {
        (j < n && doc.flags(j) & F_LINE_START == 0).then(|| hash::mix(side, doc.words.folded(j)))
    };
    // Only candidates are in runs: they are walked from their list.
    for &i in &doc.cands {
        let (Some(&(s, e)), Some((k, _))) = (doc.runs.get(i), set_of.get_mut(i)) else {
            continue;
        };
        *k = u32::MAX;
        let (s, e) = (s as usize, e as usize);
        if e <= s {
            continue;
        }
        let before = if s > 0 && doc.flags(s) & F_LINE_START == 0 {
            outside(s - 1, 0)
        } else {
            None
        };
        let Some(word_set) = (doc.word_id.get(i)).and_then(|&w| set_of_word.get_mut(w as usize))
        else {
            continue;
        };
        if *word_set == u32::MAX {
            sets.push((0, [0; MOST]));
            *word_set = (sets.len() - 1) as u32;
        }
        *k = *word_set;
        let Some((len, set)) = sets.get_mut(*k as usize) else {
            continue;
        };
        for c in [before, outside(e, 1)].into_iter().flatten() {
            if *len < MOST && !set.get(..*len).unwrap_or_default().contains(&c) {
                if let Some(slot) = set.get_mut(*len) {
                    *slot = c;
                }
                *len += 1;
            }
        }
    }
    words.clear();
    words.reserve(sets.iter().map(|&(len, _)| len).sum());
    at.clear();
    at.extend(sets.iter().map(|(len, set)| {
        let s = words.len() as u32;
        words.extend_from_slice(set.get(..*len).unwrap_or_default());
        (s, words.len() as u32)
    }));
    for &i in &doc.cands {
        if let Some(r) = set_of.get_mut(i) {
            *r = at.get(r.0 as usize).copied().unwrap_or((0, 0));
        }
    }
    Contexts {
        ranges: set_of,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_in_a_former_texts_arrays_equal_fresh_ones() {
        let a = Doc::new("we saw Varno today. shares of Varno rose and Kent beat Essex");
        let b = Doc::new("Essex beat Kent");
        let mut work = Work::new();
        let reused = compute_in(
            &b,
            compute_in(&a, Contexts::default(), &mut work),
            &mut work,
        );
        let fresh = compute(&b);
        for i in 0..b.toks.len() {
            assert_eq!(reused.of(i), fresh.of(i));
        }
        assert_eq!(reused.ranges, fresh.ranges);
    }

    #[test]
    fn every_mention_sees_the_contexts_of_the_others() {
        let doc = Doc::new("we saw Varno today. shares of Varno rose");
        let c = compute(&doc);
        let first = c.of(2);
        assert_eq!(first, c.of(7), "both mentions share one set");
        assert!(
            first.contains(&hash::mix(0, doc.words.folded(6))),
            "'of' before"
        );
        assert!(
            first.contains(&hash::mix(1, doc.words.folded(3))),
            "'today' after"
        );
        assert!(c.of(1).is_empty(), "a lowercase word has none");
    }
}
