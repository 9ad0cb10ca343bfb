//! Document-level evidence for the second tagging pass: what the first pass said about each
//! token, and which labels it gave the other occurrences of the same word in the article.
//!
//! A team written "Leicestershire" in a sentence where the first pass is sure it is an ORG
//! helps the second pass label the all-caps headline mention and the mention in a results
//! table; a surname tagged PERSON in "Phil Simmons" helps the lone "Simmons" later.
//! (The "extended prediction history" of Ratinov & Roth 2009, computed over the whole text.)

use super::doc::Doc;
use super::model::O;
use crate::learn::hash::HashedMap;

/// Bits of the majority label of the word's other tagged occurrences (1..=4, 0 none).
pub const HIST_MAJORITY: u16 = 0b111;
/// The word was given more than one label.
pub const HIST_MIXED: u16 = 1 << 3;
/// The word was also left untagged where it is capitalised.
pub const HIST_ALSO_O: u16 = 1 << 4;
/// Everything about the word (majority, mixed, also untagged).
pub const HIST_WORD: u16 = HIST_MAJORITY | HIST_MIXED | HIST_ALSO_O;
/// The token's own first-pass tag is stored from this bit up.
pub const HIST_TAG_SHIFT: u16 = 8;

/// The history of every token of `doc` given the first pass `tags`.
pub fn compute(doc: &Doc, tags: &[u8]) -> Vec<u16> {
    let is_cand = |i: usize| doc.cand.get(i).copied().unwrap_or(false);
    // Per word: untagged-capitalised count, then one count per label. Sized for every
    // candidate being a distinct word, so it does not grow on an article (capped: a long
    // text's distinct words are far fewer than its candidates).
    let cands = (0..tags.len()).filter(|&i| is_cand(i)).count();
    let mut counts: HashedMap<[u32; 5]> =
        HashedMap::with_capacity_and_hasher(cands.min(1 << 12), Default::default());
    for (i, &t) in tags.iter().enumerate() {
        if is_cand(i) {
            let slot = if t == O {
                0
            } else {
                usize::from(t).div_ceil(2)
            };
            if let Some(c) = counts.entry(doc.words.folded(i)).or_default().get_mut(slot) {
                *c += 1;
            }
        }
    }
    tags.iter()
        .enumerate()
        .map(|(i, &t)| {
            let own = u16::from(t) << HIST_TAG_SHIFT;
            if !is_cand(i) {
                return own;
            }
            let Some(c) = counts.get(&doc.words.folded(i)) else {
                return own;
            };
            let mut v = own;
            let labels = &c[1..];
            if let Some((best, &n)) = labels
                .iter()
                .enumerate()
                .max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))
                && n > 0
            {
                v |= best as u16 + 1;
            }
            if labels.iter().filter(|&&n| n > 0).count() > 1 {
                v |= HIST_MIXED;
            }
            if c[0] > 0 {
                v |= HIST_ALSO_O;
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_see_the_labels_of_their_word_elsewhere() {
        let doc = Doc::new("KENT WIN\nKent and Kent beat Essex. Kent Smith");
        // First pass: KENT untagged, Kent twice B-ORG, then once B-PER.
        let mut tags = vec![O; doc.toks.len()];
        tags[2] = 3;
        tags[4] = 3;
        tags[8] = 1;
        let h = compute(&doc, &tags);
        assert_eq!(h[0] & HIST_MAJORITY, 2, "ORG wins the vote");
        assert_ne!(h[0] & HIST_MIXED, 0);
        assert_ne!(h[0] & HIST_ALSO_O, 0);
        assert_eq!(h[2] >> HIST_TAG_SHIFT, 3);
        assert_eq!(h[5], 0, "a lowercase word has no history");
    }
}
