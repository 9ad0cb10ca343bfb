//! Document-level evidence for the second tagging pass: what the first pass said about each
//! token, and which labels it gave the other occurrences of the same word in the article.
//!
//! A team written "Leicestershire" in a sentence where the first pass is sure it is an ORG
//! helps the second pass label the all-caps headline mention and the mention in a results
//! table; a surname tagged PERSON in "Phil Simmons" helps the lone "Simmons" later.
//! (The "extended prediction history" of Ratinov & Roth 2009, computed over the whole text.)

use super::doc::Doc;
use super::model::O;

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
    let mut out = Vec::new();
    compute_into(doc, tags, &mut Vec::new(), &mut out);
    out
}

/// [`compute`] into `out`, with `counts` for room (both cleared first, their room perhaps
/// made by a former text).
pub fn compute_into(doc: &Doc, tags: &[u8], counts: &mut Vec<[u32; 5]>, out: &mut Vec<u16>) {
    // Per word (by its number, `doc.word_id`): untagged-capitalised count, then one count
    // per label.
    counts.clear();
    counts.resize(doc.word_ids, [0; 5]);
    let id = |i: usize| doc.word_id.get(i).map_or(usize::MAX, |&k| k as usize);
    // Only candidates have a word number: they are walked from their list, with no branch
    // per token on whether it is one.
    for &i in &doc.cands {
        let Some(&t) = tags.get(i) else { continue };
        let slot = if t == O {
            0
        } else {
            usize::from(t).div_ceil(2)
        };
        if let Some(c) = counts.get_mut(id(i)).and_then(|c| c.get_mut(slot)) {
            *c += 1;
        }
    }
    out.clear();
    out.extend(tags.iter().map(|&t| u16::from(t) << HIST_TAG_SHIFT));
    for &i in &doc.cands {
        if let (Some(h), Some(c)) = (out.get_mut(i), counts.get(id(i))) {
            *h |= summary(c);
        }
    }
}

/// The `HIST_WORD` bits of a word from its counts (untagged, then one per label).
fn summary(c: &[u32; 5]) -> u16 {
    let mut v = 0;
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
