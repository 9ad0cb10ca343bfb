//! Fixed word sets looked up in a few instructions, built at compile time.

/// A fixed set of words, looked up ignoring ASCII case in a few instructions whatever its
/// size: an open-addressing hash table built at compile time (`SLOTS`, a power of two, at
/// least twice the number of words, so a miss usually ends at the first empty slot).
///
/// Replaces linear scans and binary searches of string tables on the hot path: every token of
/// every window around a quotation is looked up in a word list or two.
pub struct WordSet<const SLOTS: usize> {
    words: &'static [&'static str],
    /// Index + 1 into `words`; 0 marks an empty slot.
    slots: [u16; SLOTS],
    /// Length of the longest word: longer input is rejected before hashing.
    max_len: usize,
    /// For each (first, last) letter pair ([`edge_index`]), the lengths of the words with it
    /// (bit `min(len, 31)`): most other words are rejected on that before hashing ("the",
    /// "for", "that" against the speech verbs; "and" is no "added").
    edges: [u32; EDGES],
    /// The same for the (second, second-to-last) letter pair of words of two or more bytes
    /// ([`inner_pair`]): rejects half the words the first table lets through ("sanders",
    /// "states" and "could" against the speech verbs), which would each cost a probe.
    inner: [u32; EDGES],
}

/// The (second, second-to-last) bytes of a word of two or more bytes.
const fn inner_pair(word: &[u8]) -> Option<(u8, u8)> {
    if word.len() < 2 {
        None
    } else {
        Some((word[1], word[word.len() - 2]))
    }
}

/// The bit of [`WordSet`]'s length mask for a word of `len` bytes.
const fn length_bit(len: usize) -> u32 {
    1 << if len < 31 { len } else { 31 }
}

/// Number of (first, last) pairs of [`edge_index`]: 26 letters and "anything else".
const EDGES: usize = 27 * 27;

/// The letter class of a byte: 0–25 for `a`–`z` in either case, 26 for anything else.
const fn letter(b: u8) -> usize {
    let l = b.to_ascii_lowercase();
    if l.is_ascii_lowercase() {
        (l - b'a') as usize
    } else {
        26
    }
}

/// [`letter`] of every byte, times 27 ([`edge_index`]'s first factor), so a lookup's quick
/// rejection costs two loads rather than two case folds.
static FIRST_LETTER: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (letter(b as u8) * 27) as u16;
        b += 1;
    }
    table
};

/// [`letter`] of every byte.
static LAST_LETTER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = letter(b as u8) as u8;
        b += 1;
    }
    table
};

/// The (first, last) letter pair of a non-empty word, as an index below [`EDGES`].
const fn edge_index(first: u8, last: u8) -> usize {
    letter(first) * 27 + letter(last)
}

/// [`edge_index`] by table, for lookups at run time.
fn edge_index_fast(first: u8, last: u8) -> usize {
    usize::from(FIRST_LETTER[usize::from(first)]) + usize::from(LAST_LETTER[usize::from(last)])
}

/// FNV-1a over the bytes of a word with bit 5 set (`| 0x20`): a coarser folding than ASCII
/// lower-casing (it also joins `@` and `` ` ``, `[` and `{`…) that costs one instruction a
/// byte, and words equal but for ASCII case still hash alike, which is all a lookup needs
/// (the comparison after it decides).
const fn hash_folded(word: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < word.len() {
        h ^= (word[i] | 0x20) as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

impl<const SLOTS: usize> WordSet<SLOTS> {
    /// Builds the table (at compile time when used in a `const` or `static`). A word that
    /// finds no free slot is left out; a test of each set checks that every word is found.
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut slots = [0u16; SLOTS];
        let mut edges = [0u32; EDGES];
        let mut inner = [0u32; EDGES];
        let mut max_len = 0;
        let mut n = 0;
        while n < words.len() {
            let w = words[n].as_bytes();
            if w.len() > max_len {
                max_len = w.len();
            }
            if !w.is_empty() {
                edges[edge_index(w[0], w[w.len() - 1])] |= length_bit(w.len());
            }
            if let Some((second, penult)) = inner_pair(w) {
                inner[edge_index(second, penult)] |= length_bit(w.len());
            }
            let mut at = hash_folded(w) as usize % SLOTS;
            let mut tries = 0;
            while tries < SLOTS && slots[at] != 0 {
                at = (at + 1) % SLOTS;
                tries += 1;
            }
            if tries < SLOTS && n < u16::MAX as usize {
                slots[at] = n as u16 + 1;
            }
            n += 1;
        }
        WordSet {
            words,
            slots,
            max_len,
            edges,
            inner,
        }
    }

    /// Whether `word` is in the set, ignoring ASCII case (`eq_ignore_ascii_case`).
    pub fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// Test helper: panics naming the first word of `list` the set misses in lower or upper
    /// case (each set must hold every word of the list it was built from).
    #[cfg(test)]
    pub fn assert_holds(&self, list: &[&str]) {
        for w in list {
            assert!(self.contains(w), "{w}");
            assert!(self.contains(&w.to_ascii_uppercase()), "{w}");
        }
    }

    /// [`WordSet::contains`] for bytes.
    ///
    /// The rejection on length and letters is inlined into the caller; most words end there,
    /// and only the others pay a call to hash and probe.
    #[inline(always)]
    pub fn contains_bytes(&self, word: &[u8]) -> bool {
        if word.len() > self.max_len || SLOTS == 0 {
            return false;
        }
        let edge = match word {
            [] => None,
            [first, .., last] => Some(edge_index_fast(*first, *last)),
            [only] => Some(edge_index_fast(*only, *only)),
        };
        // The empty word, if listed, has no edge pair and is found by hashing.
        let bit = length_bit(word.len());
        if edge.is_some_and(|e| self.edges.get(e).is_none_or(|&lens| lens & bit == 0)) {
            return false;
        }
        let inner = inner_pair(word).map(|(a, b)| edge_index_fast(a, b));
        if inner.is_some_and(|e| self.inner.get(e).is_none_or(|&lens| lens & bit == 0)) {
            return false;
        }
        self.probe(word)
    }

    /// The hash-table search of [`WordSet::contains_bytes`], past its quick rejection.
    #[inline(never)]
    fn probe(&self, word: &[u8]) -> bool {
        let mut at = hash_folded(word) as usize % SLOTS;
        for _ in 0..SLOTS {
            let Some(&slot) = self.slots.get(at) else {
                return false;
            };
            let Some(w) = usize::from(slot)
                .checked_sub(1)
                .and_then(|k| self.words.get(k))
            else {
                return false;
            };
            if w.as_bytes().eq_ignore_ascii_case(word) {
                return true;
            }
            at = (at + 1) % SLOTS;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_finds_its_words_in_any_case_and_nothing_else() {
        const WORDS: &[&str] = &["said", "told", "u.s", "according"];
        static SET: WordSet<16> = WordSet::new(WORDS);
        for w in WORDS {
            assert!(SET.contains(w), "{w}");
            assert!(SET.contains(&w.to_ascii_uppercase()), "{w}");
        }
        for w in [
            "",
            "sai",
            "saidd",
            "sad",
            "tolD ",
            "U.S.",
            "accordingly",
            "é",
            "sand",
            "TOOD",
        ] {
            assert!(!SET.contains(w), "{w}");
        }
        // Words longer than the length mask tells apart are still found, and told apart.
        const LONG: &[&str] = &["supercalifragilisticexpialidocious", "s"];
        static LONG_SET: WordSet<8> = WordSet::new(LONG);
        assert!(LONG_SET.contains("SUPERCALIFRAGILISTICEXPIALIDOCIOUS"));
        assert!(!LONG_SET.contains("supercalifragilisticexpialidociouss"));
        assert!(LONG_SET.contains("S") && !LONG_SET.contains("ss"));
        // A full table still answers misses.
        static FULL: WordSet<4> = WordSet::new(&["a", "b", "c", "d"]);
        assert!(FULL.contains("d") && !FULL.contains("e"));
    }

    #[test]
    fn edge_tables_agree_with_the_edge_index() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(edge_index_fast(a, b), edge_index(a, b), "{a} {b}");
            }
        }
    }
}
