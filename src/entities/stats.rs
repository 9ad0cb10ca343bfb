//! Document statistics: how each name candidate's word is written elsewhere in the text
//! (see [`super::doc`]'s `D_*` bits), and a number for each candidate word.
//!
//! Every pass here reads the tokens in a loop whose branches do not depend on the text
//! where it can: the candidates are walked from their list, and a token's bits are read
//! from a table of its flags, because a branch on each token's class or candidacy is
//! mispredicted a good part of the time.

use super::doc::{D_SEEN_ALLCAPS_MID, D_SEEN_CAP_MID, D_SEEN_LOWER};
use super::tokenize::{F_CAPS_LINE, F_LOWER, F_SENT_START, F_UPPER, F_WORD, Token};
use super::word::WordHashes;

/// The `D_*` bits a token with `flags` gives its word: none for punctuation and on an
/// all-caps line; lowercase; else none at a sentence start; capitals only; capitalised.
const fn bits_of(flags: u16) -> u8 {
    if flags & F_WORD == 0 || flags & F_CAPS_LINE != 0 {
        0
    } else if flags & (F_UPPER | F_LOWER) == F_LOWER {
        D_SEEN_LOWER
    } else if flags & F_SENT_START != 0 {
        0
    } else if flags & F_LOWER == 0 && flags & F_UPPER != 0 {
        D_SEEN_ALLCAPS_MID
    } else if flags & F_UPPER != 0 {
        D_SEEN_CAP_MID
    } else {
        0
    }
}

/// Every flag [`bits_of`] reads lies in the low byte.
const READ: u16 = F_WORD | F_CAPS_LINE | F_UPPER | F_LOWER | F_SENT_START;
const _: () = assert!(READ < 256);

/// [`bits_of`] of every low byte of flags.
const BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut f = 0;
    while f < 256 {
        t[f] = bits_of(f as u16);
        f += 1;
    }
    t
};

/// [`bits_of`] `flags`, by one load.
#[inline]
fn word_bits(flags: u16) -> u8 {
    BITS.get(usize::from(flags & READ)).copied().unwrap_or(0)
}

/// Tokens listed at a time by [`compute`] (their offsets in the block fit a `u16`).
const BLOCK: usize = 256;

/// Sets `stats` and `ids` (cleared first) to the `D_*` bits of each candidate's word (how
/// the word is written at every token; 0 for other tokens) and each candidate's word
/// number (its slot in the table of candidate words; `u32::MAX` for other tokens);
/// returns how many numbers there may be. `cand` tells the candidates, `cands` lists them
/// in text order.
///
/// Only candidates' words are looked up later, so only they enter the table; every other
/// word token is first tested against a bit filter of those words, which most (lowercase
/// words of no name) fail at the cost of one load.
pub fn compute(
    toks: &[Token],
    words: &WordHashes,
    (cand, cands): (&[bool], &[usize]),
    stats: &mut Vec<u8>,
    ids: &mut Vec<u32>,
) -> usize {
    let flags = |i: usize| toks.get(i).map_or(0, |t| t.flags);
    let mut filter = WordFilter([0; 64]);
    let mut seen = WordBits::new(toks.len() / 8);
    for &i in cands {
        let h = words.folded(i);
        filter.add(h);
        seen.add(h, word_bits(flags(i)));
    }
    // The other tokens that give bits to a word that may be a candidate's, a block at a
    // time: first listed without a branch (whether a lowercase word is also written
    // capitalised somewhere is as good as random), then looked up.
    let mut hits = [0u16; BLOCK];
    for (b, block) in toks.chunks(BLOCK).enumerate() {
        let base = b * BLOCK;
        let mut n = 0;
        for (j, t) in block.iter().enumerate() {
            let i = base + j;
            let c = cand.get(i).copied().unwrap_or(true);
            let pass = (word_bits(t.flags) != 0) & filter.may_hold(words.folded(i)) & !c;
            if let Some(slot) = hits.get_mut(n) {
                *slot = j as u16;
            }
            n += usize::from(pass);
        }
        for &j in hits.get(..n).unwrap_or_default() {
            let i = base + usize::from(j);
            seen.or_existing(words.folded(i), word_bits(flags(i)));
        }
    }
    stats.clear();
    ids.clear();
    stats.resize(toks.len(), 0);
    ids.resize(toks.len(), u32::MAX);
    for &i in cands {
        let (slot, b) = seen.find(words.folded(i));
        if let (Some(s), Some(id)) = (stats.get_mut(i), ids.get_mut(i)) {
            // Every candidate is numbered, but only words have statistics.
            *s = if flags(i) & F_WORD != 0 { b } else { 0 };
            *id = slot as u32;
        }
    }
    seen.keys.len()
}

/// A set of word hashes that may answer "maybe" for a word not in it, never "no" for one
/// in it: 4,096 bits, one per word, so an article's hundred-odd name words fill a few
/// percent.
struct WordFilter([u64; 64]);

impl WordFilter {
    #[inline]
    fn add(&mut self, h: u64) {
        let b = (h >> 52) as usize;
        if let Some(w) = self.0.get_mut(b / 64) {
            *w |= 1 << (b % 64);
        }
    }

    #[inline]
    fn may_hold(&self, h: u64) -> bool {
        let b = (h >> 52) as usize;
        self.0.get(b / 64).is_some_and(|w| w >> (b % 64) & 1 != 0)
    }
}

/// The `D_*` bits seen for each word hash: a linear-probing table, at most half full,
/// cheaper than a general map for one insert and one lookup per token. It grows with the
/// distinct words, not the tokens, so it stays in cache on a long text.
struct WordBits {
    keys: Vec<u64>,
    /// The bits, with [`WordBits::USED`] set on occupied slots.
    vals: Vec<u8>,
    used: usize,
    shift: u32,
}

impl WordBits {
    const USED: u8 = 0x80;

    fn new(words: usize) -> Self {
        let slots = (words * 2).next_power_of_two().clamp(16, 1 << 12);
        WordBits {
            keys: vec![0; slots],
            vals: vec![0; slots],
            used: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot holding `h`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, h: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut at = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        // At most half the slots are used, so the probe ends within the table's length.
        for _ in 0..self.keys.len() {
            let used = self.vals.get(at).is_some_and(|&v| v & Self::USED != 0);
            if !used || self.keys.get(at) == Some(&h) {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    fn add(&mut self, h: u64, bits: u8) {
        let mut at = self.slot(h);
        if self.vals.get(at).is_some_and(|&v| v & Self::USED == 0) {
            if (self.used + 1) * 2 > self.keys.len() {
                self.grow();
                at = self.slot(h);
            }
            self.used += 1;
        }
        if let (Some(k), Some(v)) = (self.keys.get_mut(at), self.vals.get_mut(at)) {
            *k = h;
            *v |= Self::USED | bits;
        }
    }

    /// Doubles the table, keeping every word.
    fn grow(&mut self) {
        let slots = self.keys.len() * 2;
        let old = std::mem::replace(
            self,
            WordBits {
                keys: vec![0; slots],
                vals: vec![0; slots],
                used: 0,
                shift: 64 - slots.trailing_zeros(),
            },
        );
        for (&k, &v) in old.keys.iter().zip(&old.vals) {
            if v & Self::USED != 0 {
                let at = self.slot(k);
                if let (Some(key), Some(val)) = (self.keys.get_mut(at), self.vals.get_mut(at)) {
                    *key = k;
                    *val = v;
                }
                self.used += 1;
            }
        }
    }

    /// Adds `bits` to `h`'s if `h` is in the table.
    fn or_existing(&mut self, h: u64, bits: u8) {
        let at = self.slot(h);
        if let Some(v) = self.vals.get_mut(at)
            && *v & Self::USED != 0
        {
            *v |= bits;
        }
    }

    /// The slot of `h` (which must be in the table) and its bits.
    fn find(&self, h: u64) -> (usize, u8) {
        let at = self.slot(h);
        (at, self.vals.get(at).map_or(0, |&v| v & !Self::USED))
    }

    #[cfg(test)]
    fn get(&self, h: u64) -> u8 {
        self.vals.get(self.slot(h)).map_or(0, |&v| v & !Self::USED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::doc::Doc;

    #[test]
    fn the_bits_table_equals_the_plain_tests() {
        // Every flag, not only those of the low byte.
        for flags in 0..=u16::MAX {
            assert_eq!(word_bits(flags), bits_of(flags), "flags {flags:#x}");
        }
    }

    #[test]
    fn word_bits_keep_the_union_of_each_words_bits() {
        let mut t = WordBits::new(4); // grows from 16 slots
        let keys: Vec<u64> = (0..40u64).map(|k| k << 58).collect(); // crowded slots
        for (n, &k) in keys.iter().enumerate() {
            t.add(k, 1 << (n % 3));
            t.add(k, 1 << ((n + 1) % 3));
        }
        for (n, &k) in keys.iter().enumerate() {
            assert_eq!(t.get(k), (1 << (n % 3)) | (1 << ((n + 1) % 3)), "key {n}");
        }
        assert_eq!(t.get(12345), 0, "an absent word has no bits");
        assert!(t.keys.len() >= 80 && t.used == 40, "at most half full");
    }

    #[test]
    fn candidate_stats_sum_up_every_token_of_their_word() {
        use std::collections::HashMap;
        let pieces = [
            "Kent ", "kent ", "KENT ", "Kent. ", "beat ", "Essex", " and ", "AND ", "\n", "of ",
            "the ", "The ", "U.S. ", "us ", "1860 ", "Munich ", "munich", "& ", "Co ",
        ];
        let mut rng = crate::testing::Rng::new(9);
        for _ in 0..500 {
            let text = rng.text(&pieces, 40);
            let d = Doc::new(&text);
            // The plain way: every word token's bits, by word.
            let mut by_word: HashMap<u64, u8> = HashMap::new();
            for (i, t) in d.toks.iter().enumerate() {
                *by_word.entry(d.words.folded(i)).or_default() |= bits_of(t.flags);
            }
            let mut ids: HashMap<u64, u32> = HashMap::new();
            for (i, t) in d.toks.iter().enumerate() {
                if !d.cand[i] {
                    assert_eq!((d.stats[i], d.word_id[i]), (0, u32::MAX), "{text:?} {i}");
                    continue;
                }
                let want = if t.flags & F_WORD != 0 {
                    by_word[&d.words.folded(i)]
                } else {
                    0
                };
                assert_eq!(d.stats[i], want, "{text:?} token {i}");
                let id = *ids.entry(d.words.folded(i)).or_insert(d.word_id[i]);
                assert_eq!(d.word_id[i], id, "one number per word");
                assert!((d.word_id[i] as usize) < d.word_ids);
            }
        }
    }
}
