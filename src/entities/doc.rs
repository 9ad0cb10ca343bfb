//! Everything known about one text before tagging: tokens, word hashes, gazetteer marks,
//! which tokens may be part of a name, and document-wide statistics of each word.
//!
//! The document statistics give the tagger what a reader uses on an all-caps headline or a
//! sentence's first word: how the same word is written elsewhere in the article.

use super::gazetteer::Gazetteer;
use super::scratch::{DocBuffers, TagBuffers};
use super::tokenize::{
    F_CAPS_LINE, F_DIGIT, F_LOWER, F_SENT_START, F_UPPER, F_WORD, Token, tokenize_into,
};
use super::word::WordHashes;

/// Elsewhere in the text the word starts with a lowercase letter.
pub const D_SEEN_LOWER: u8 = 1;
/// Elsewhere the word is capitalised in mid-sentence, outside a headline.
pub const D_SEEN_CAP_MID: u8 = 1 << 1;
/// Elsewhere the word is written in capitals only, outside a headline (an acronym).
pub const D_SEEN_ALLCAPS_MID: u8 = 1 << 2;

/// A tokenized text with its per-token facts.
pub struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Token>,
    /// Their hashes.
    pub words: WordHashes,
    /// Gazetteer marks; see [`Gazetteer::mark`].
    pub gaz: Vec<u16>,
    /// Whether each token may be part of a name (the tagger looks at no other token).
    pub cand: Vec<bool>,
    /// The run of candidates holding each token; see [`super::runs`].
    pub runs: Vec<(u32, u32)>,
    /// Document statistics of each candidate's word (`D_*` bits; 0 for other tokens, whose
    /// statistics nothing reads).
    pub stats: Vec<u8>,
    /// What the first tagging pass said about each token and about the other occurrences
    /// of its word (see [`super::history`]); empty during the first pass.
    pub hist: Vec<u16>,
    /// The words around every mention of each word, for the second pass (see
    /// [`super::contexts`]); empty during the first pass.
    pub contexts: super::contexts::Contexts,
    /// Each candidate's word as a number below [`Doc::word_ids`], the same for every
    /// candidate with the same folded form (`u32::MAX` for other tokens): lets
    /// [`super::history`] and [`super::contexts`] gather by word in plain arrays.
    pub word_id: Vec<u32>,
    /// How many word numbers there may be.
    pub word_ids: usize,
    /// The article's first word when it opens an all-caps headline ("SOCCER - ..."), a
    /// hint of the topic that tells, say, teams from their cities; 0 otherwise.
    pub topic: u64,
    /// Arrays the tagger may fill instead of allocating its own (see [`super::scratch`]).
    pub spare: TagBuffers,
}

impl<'a> Doc<'a> {
    /// Analyses `text`.
    pub fn new(text: &'a str) -> Self {
        Self::with_buffers(text, DocBuffers::default())
    }

    /// Analyses `text` in the arrays `b` (see [`super::scratch`]): each is cleared and
    /// filled, so the result is that of [`Doc::new`] whatever they held.
    pub fn with_buffers(text: &'a str, b: DocBuffers) -> Self {
        let mut toks = b.toks;
        tokenize_into(text, &mut toks);
        let mut cand = b.cand;
        candidates(text, &toks, &mut cand);
        let words = WordHashes::near_candidates_in(text, &toks, &cand, (b.folded, b.shape));
        let topic = toks
            .first()
            .filter(|t| t.flags & F_CAPS_LINE != 0)
            .map_or(0, |_| words.folded(0));
        let mut gaz = b.gaz;
        let is_cand = |i: usize| cand.get(i).copied().unwrap_or(false);
        Gazetteer::get().mark_into(&toks, &words, is_cand, &mut gaz);
        let (mut stats_of, mut word_id) = (b.stats, b.word_id);
        let word_ids = stats(&toks, &words, &cand, &mut stats_of, &mut word_id);
        let mut runs = b.runs;
        super::runs::compute(&toks, &cand, &mut runs);
        let mut hist = b.hist;
        hist.clear();
        Doc {
            text,
            toks,
            words,
            gaz,
            cand,
            runs,
            stats: stats_of,
            word_id,
            word_ids,
            hist,
            contexts: super::contexts::Contexts::empty_in(b.context_ranges, b.context_words),
            topic,
            spare: b.tagger,
        }
    }

    /// The arrays of the doc, for the next text's [`Doc::with_buffers`].
    pub fn into_buffers(self) -> DocBuffers {
        let (folded, shape) = self.words.into_vecs();
        let (context_ranges, context_words) = self.contexts.into_vecs();
        DocBuffers {
            toks: self.toks,
            folded,
            shape,
            gaz: self.gaz,
            cand: self.cand,
            runs: self.runs,
            stats: self.stats,
            word_id: self.word_id,
            hist: self.hist,
            context_ranges,
            context_words,
            tagger: self.spare,
        }
    }

    /// The text of token `i` ("" past the ends).
    #[inline]
    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or_default()
    }

    /// The bytes of token `i` (empty past the ends): [`Doc::word`] without the check that
    /// the range falls on character boundaries, which token ranges always do.
    #[inline]
    pub fn word_bytes(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or_default()
    }

    /// The flags of token `i` (0 past the ends).
    #[inline]
    pub fn flags(&self, i: usize) -> u16 {
        self.toks.get(i).map_or(0, |t| t.flags)
    }
}

/// Lowercase words that may sit inside a name between capitalised words.
const CONNECTORS: &[&str] = &[
    "of", "and", "de", "van", "von", "der", "den", "la", "le", "du", "da", "del", "della", "di",
    "al", "el", "bin", "ibn", "the", "for", "on", "&", "y", "e", "upon", "dos", "das", "in",
];

/// Names are capitalised words, a few connectors between them ("Bank of England", "Ludwig
/// van Beethoven") and numbers opening them ("1860 Munich"). Everything else is tagged O
/// without scoring, which is most of the speed. Sets `cand` (cleared first) to them.
fn candidates(text: &str, toks: &[Token], cand: &mut Vec<bool>) {
    let upper = |i: usize| toks.get(i).is_some_and(|t| t.flags & F_UPPER != 0);
    cand.clear();
    cand.reserve(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let prev = i > 0 && cand.get(i - 1).copied().unwrap_or(false);
        let c = if t.flags & F_UPPER != 0 {
            true
        } else if t.flags & F_DIGIT != 0 && t.flags & F_LOWER == 0 {
            // "1860 Munich", but not the score in "Detroit 4 Kansas City".
            upper(i + 1) && !upper(i.wrapping_sub(1))
        } else if prev {
            let w = text.as_bytes().get(t.start..t.end).unwrap_or_default();
            // "Queen's Park": a possessive may continue a name, a connector may join two.
            let possessive = w == b"'s" || w == "\u{2019}s".as_bytes();
            possessive
                || ((upper(i + 1) || upper(i + 2)) && CONNECTORS.iter().any(|c| c.as_bytes() == w))
        } else {
            false
        };
        cand.push(c);
    }
}

/// Sets `stats` and `ids` (cleared first) to the `D_*` bits of each candidate's word (how
/// the word is written at every token) and each candidate's word number (its slot in the
/// table of candidate words); returns how many numbers there may be.
///
/// Only candidates' words are looked up later, so only they enter the table; every other
/// word token is first tested against a bit filter of those words, which most (lowercase
/// words of no name) fail at the cost of one load.
fn stats(
    toks: &[Token],
    words: &WordHashes,
    cand: &[bool],
    stats: &mut Vec<u8>,
    ids: &mut Vec<u32>,
) -> usize {
    let bits = |t: &Token| {
        if t.flags & F_WORD == 0 || t.flags & F_CAPS_LINE != 0 {
            0
        } else if t.flags & (F_UPPER | F_LOWER) == F_LOWER {
            D_SEEN_LOWER
        } else if t.flags & F_SENT_START != 0 {
            0
        } else if t.flags & F_LOWER == 0 && t.flags & F_UPPER != 0 {
            D_SEEN_ALLCAPS_MID
        } else if t.flags & F_UPPER != 0 {
            D_SEEN_CAP_MID
        } else {
            0
        }
    };
    // Every candidate is numbered, but only words have statistics.
    let is_cand = |i: usize| cand.get(i).copied().unwrap_or(false);
    let mut filter = WordFilter([0; 64]);
    let mut seen = WordBits::new(toks.len() / 8);
    for (i, t) in toks.iter().enumerate() {
        if is_cand(i) {
            let h = words.folded(i);
            filter.add(h);
            seen.add(h, bits(t));
        }
    }
    for (i, t) in toks.iter().enumerate() {
        let b = bits(t);
        if b != 0 && !is_cand(i) {
            let h = words.folded(i);
            if filter.may_hold(h) {
                seen.or_existing(h, b);
            }
        }
    }
    stats.clear();
    ids.clear();
    stats.reserve(toks.len());
    ids.reserve(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let (b, id) = if is_cand(i) {
            let (slot, b) = seen.find(words.folded(i));
            (if t.flags & F_WORD != 0 { b } else { 0 }, slot as u32)
        } else {
            (0, u32::MAX)
        };
        stats.push(b);
        ids.push(id);
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

    #[test]
    fn candidates_are_capitalised_words_and_connectors() {
        let d = Doc::new("the Bank of England said of it 1860 Munich");
        assert_eq!(
            d.cand,
            [false, true, true, true, false, false, false, true, true]
        );
        let d = Doc::new("Joost van der Westhuizen at Queen's Park, Detroit 4 Kansas City");
        assert_eq!(d.cand[..4], [true; 4]);
        assert!(!d.cand[4] && d.cand[6] && d.cand[7]);
        assert!(!d.cand[10], "a score between two names is not part of one");
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
                let mut one = Vec::new();
                stats(
                    std::slice::from_ref(t),
                    &WordHashes::new(&text, &d.toks[i..=i]),
                    &[true],
                    &mut one,
                    &mut Vec::new(),
                );
                *by_word.entry(d.words.folded(i)).or_default() |= one[0];
            }
            for (i, t) in d.toks.iter().enumerate() {
                if d.cand[i] && t.flags & F_WORD != 0 {
                    assert_eq!(
                        d.stats[i],
                        by_word[&d.words.folded(i)],
                        "{text:?} token {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn stats_see_how_a_word_is_written_elsewhere() {
        let d = Doc::new("LEICESTER WIN\nThey beat Leicester and the win was late.");
        assert_eq!(d.stats[0], D_SEEN_CAP_MID);
        assert_eq!(d.stats[1], D_SEEN_LOWER);
        assert_eq!(d.stats[2], 0, "a sentence's first word says nothing");
    }
}
