//! The per-token arrays of one call to [`super::find`], kept by each thread between calls
//! and lent to its next call.
//!
//! A call fills some thirty arrays as long as the text's tokens (tokens, word hashes,
//! gazetteer marks, statistics, first-pass features, tags, scores): allocated, zeroed and
//! freed afresh for every article, they cost the allocator's work, the zeroing and cold
//! cache lines each time. Lent from the last call they are only cleared and refilled, so
//! the results are the same (every user clears and sizes what it borrows).
//!
//! The lending can never fail or panic: a call finds either the thread's buffers or, if
//! they are lent already (a call inside a call) or the thread is ending, empty ones. A
//! buffer grown past [`KEEP_BYTES`] by a long text is dropped when given back, so one
//! 50 MB article does not hold its memory for the thread's life.

use std::cell::Cell;

use super::model::TAGS;
use super::tokenize::Token;

/// The largest buffer kept for the next call: an array of the tokens of a news article
/// (a few thousand) fits, while a long text's arrays are freed after it. Small, too, so
/// that what a thread keeps stays small beside what a call allocates: a long text's call
/// then costs memory in proportion to its length, as before (the hostile-input tests
/// compare peak memory per char on a short and a long text; kept buffers of a megabyte
/// each hid most of the short text's).
pub const KEEP_BYTES: usize = 128 << 10;

/// The arrays of a [`super::doc::Doc`].
#[derive(Default)]
pub struct DocBuffers {
    pub toks: Vec<Token>,
    pub folded: Vec<u64>,
    pub shape: Vec<u64>,
    pub gaz: Vec<u16>,
    pub clusters: Vec<super::clusters::Clusters>,
    pub cand: Vec<bool>,
    pub cands: Vec<usize>,
    pub runs: Vec<(u32, u32)>,
    pub stats: Vec<u8>,
    pub word_id: Vec<u32>,
    pub hist: Vec<u16>,
    pub context_ranges: Vec<(u32, u32)>,
    pub context_words: Vec<u64>,
    /// The tagger's own arrays, carried by the `Doc` it tags.
    pub tagger: TagBuffers,
}

/// The arrays of [`super::model::tag_two`] and of what it calls.
#[derive(Default)]
pub struct TagBuffers {
    pub margins: Vec<i32>,
    pub kept_buckets: Vec<u32>,
    pub kept_at: Vec<(u32, u32, u8)>,
    pub first_list: Vec<usize>,
    pub first_sums: Vec<[i32; TAGS]>,
    pub first_tags: Vec<u8>,
    pub second_list: Vec<usize>,
    pub second_sums: Vec<[i32; TAGS]>,
    pub counts: Vec<[u32; 5]>,
    pub contexts: super::contexts::Work,
    /// The second pass's tags, given back by [`super::tag_spans`].
    pub final_tags: Vec<u8>,
}

/// Drops `v` if it holds more than [`KEEP_BYTES`].
fn cap<T>(v: &mut Vec<T>) {
    if v.capacity().saturating_mul(size_of::<T>()) > KEEP_BYTES {
        *v = Vec::new();
    }
}

impl DocBuffers {
    const fn new() -> Self {
        DocBuffers {
            toks: Vec::new(),
            folded: Vec::new(),
            shape: Vec::new(),
            gaz: Vec::new(),
            clusters: Vec::new(),
            cand: Vec::new(),
            cands: Vec::new(),
            runs: Vec::new(),
            stats: Vec::new(),
            word_id: Vec::new(),
            hist: Vec::new(),
            context_ranges: Vec::new(),
            context_words: Vec::new(),
            tagger: TagBuffers {
                margins: Vec::new(),
                kept_buckets: Vec::new(),
                kept_at: Vec::new(),
                first_list: Vec::new(),
                first_sums: Vec::new(),
                first_tags: Vec::new(),
                second_list: Vec::new(),
                second_sums: Vec::new(),
                counts: Vec::new(),
                contexts: super::contexts::Work::new(),
                final_tags: Vec::new(),
            },
        }
    }

    /// Drops every buffer above [`KEEP_BYTES`].
    fn cap(&mut self) {
        cap(&mut self.toks);
        cap(&mut self.folded);
        cap(&mut self.shape);
        cap(&mut self.gaz);
        cap(&mut self.clusters);
        cap(&mut self.cand);
        cap(&mut self.cands);
        cap(&mut self.runs);
        cap(&mut self.stats);
        cap(&mut self.word_id);
        cap(&mut self.hist);
        cap(&mut self.context_ranges);
        cap(&mut self.context_words);
        let t = &mut self.tagger;
        cap(&mut t.margins);
        cap(&mut t.kept_buckets);
        cap(&mut t.kept_at);
        cap(&mut t.first_list);
        cap(&mut t.first_sums);
        cap(&mut t.first_tags);
        cap(&mut t.second_list);
        cap(&mut t.second_sums);
        cap(&mut t.counts);
        cap(&mut t.contexts.set_of_word);
        cap(&mut t.contexts.sets);
        cap(&mut t.contexts.at);
        cap(&mut t.final_tags);
    }
}

thread_local! {
    static SPARE: Cell<DocBuffers> = const { Cell::new(DocBuffers::new()) };
}

/// The thread's buffers (empty ones if they are lent or the thread is ending).
pub fn take() -> DocBuffers {
    SPARE.try_with(Cell::take).unwrap_or_default()
}

/// Gives `b` back to the thread for its next call, less any buffer above [`KEEP_BYTES`].
pub fn give_back(mut b: DocBuffers) {
    b.cap();
    // A thread that is ending keeps nothing: `b` is dropped here.
    let _ = SPARE.try_with(|s| s.set(b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::doc::Doc;
    use crate::entities::model::models;
    use crate::testing::{NEWS_PIECES, Rng};

    #[test]
    fn reused_buffers_give_the_results_of_fresh_ones() {
        let Some(m) = models() else { return };
        let mut rng = Rng::new(21);
        for round in 0..300 {
            // Long and short texts in turn: a short one in a long one's arrays.
            let text = rng.text(NEWS_PIECES, if round % 2 == 0 { 200 } else { 8 });
            let reused = super::super::find(&text);
            let fresh = super::super::find_in(&mut Doc::new(&text), m);
            assert_eq!(reused, fresh, "{text:?}");
        }
        let mut doc = Doc::with_buffers("Peter Blackburn met Kent", take());
        // A call inside a call (which finds the buffers lent) gets empty ones.
        let inner = super::super::find("Ann Lee of Acme Inc. said");
        assert_eq!(
            inner,
            super::super::find_in(&mut Doc::new("Ann Lee of Acme Inc. said"), m)
        );
        assert!(!super::super::find_in(&mut doc, m).is_empty());
        give_back(doc.into_buffers());
    }

    #[test]
    fn large_buffers_are_not_kept() {
        let mut b = take();
        b.toks = Vec::with_capacity(KEEP_BYTES / size_of::<Token>() + 1);
        b.gaz = Vec::with_capacity(100);
        b.tagger.kept_buckets = Vec::with_capacity(KEEP_BYTES);
        give_back(b);
        let b = take();
        assert_eq!(b.toks.capacity(), 0);
        assert_eq!(b.tagger.kept_buckets.capacity(), 0);
        assert!(b.gaz.capacity() >= 100, "a small buffer is kept");
        assert_eq!(take().gaz.capacity(), 0, "lent buffers are not lent twice");
        give_back(b);
    }
}
