//! Per-token hashes computed once per text: the folded form (lowercase, digits as `0`) and
//! the word shape. Features, gazetteer lookups and document statistics all reuse them, so
//! each token's bytes are read a small, fixed number of times.

use super::tokenize::Token;
use crate::learn::hash;

/// Folded-form and shape hashes of every token of a text.
pub struct WordHashes {
    folded: Vec<u64>,
    shape: Vec<u64>,
}

impl WordHashes {
    /// Hashes every token of `text`.
    pub fn new(text: &str, toks: &[Token]) -> Self {
        let bytes = text.as_bytes();
        let (folded, shape) = toks
            .iter()
            .map(|t| hash_bytes(bytes.get(t.start..t.end).unwrap_or_default()))
            .unzip();
        WordHashes { folded, shape }
    }

    /// Hashes every token of `text`, but the shape only of the tokens at or beside a name
    /// candidate (`cand`; 0 for the others): the tagger reads shapes nowhere else, and a
    /// shape costs about as much as the folded form.
    #[cfg(test)]
    pub fn near_candidates(text: &str, toks: &[Token], cand: &[bool]) -> Self {
        Self::near_candidates_in(text, toks, cand, (Vec::new(), Vec::new()))
    }

    /// [`WordHashes::near_candidates`] in the arrays `bufs` (cleared first), as given back
    /// by [`WordHashes::into_vecs`] after a former text.
    pub fn near_candidates_in(
        text: &str,
        toks: &[Token],
        cand: &[bool],
        bufs: (Vec<u64>, Vec<u64>),
    ) -> Self {
        let bytes = text.as_bytes();
        let (mut folded, mut shape) = bufs;
        folded.clear();
        shape.clear();
        folded.reserve(toks.len());
        shape.reserve(toks.len());
        // A window over the candidate flags: before, at and after token `i`.
        let (mut before, mut at) = (false, cand.first().copied().unwrap_or(false));
        for (i, t) in toks.iter().enumerate() {
            let after = cand.get(i + 1).copied().unwrap_or(false);
            let w = bytes.get(t.start..t.end).unwrap_or_default();
            let (f, s) = if before | at | after {
                hash_bytes(w)
            } else {
                (hash_folded(w), 0)
            };
            folded.push(f);
            shape.push(s);
            (before, at) = (at, after);
        }
        WordHashes { folded, shape }
    }

    /// The arrays of the hashes, to be reused.
    pub fn into_vecs(self) -> (Vec<u64>, Vec<u64>) {
        (self.folded, self.shape)
    }

    /// Hash of token `i`'s folded form (0 past the ends).
    #[inline]
    pub fn folded(&self, i: usize) -> u64 {
        self.folded.get(i).copied().unwrap_or(0)
    }

    /// Hash of token `i`'s shape (0 past the ends).
    #[inline]
    pub fn shape(&self, i: usize) -> u64 {
        self.shape.get(i).copied().unwrap_or(0)
    }
}

/// Folded form: lowercase, every digit `0`, curly apostrophe as straight.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '0'..='9' => '0',
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{2019}' => '\'',
        c if c.is_ascii() => c,
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// [`fold_char`] of an ASCII byte (other bytes are returned unchanged).
#[inline]
pub fn fold_byte(b: u8) -> u8 {
    ASCII.get(usize::from(b)).map_or(b, |&[folded, _]| folded)
}

/// Shape class: `X` upper, `x` lower, `d` digit, anything else itself.
#[inline]
fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        fold_char(c)
    }
}

/// Hashes of the folded form and of the shape, where runs of one class longer than three are
/// cut to three ("Leicestershire" is `Xxxx`, "UN" is `XX`, "1996-08-30" is `dddd-dd-dd`).
#[inline]
pub fn hash_word(w: &str) -> (u64, u64) {
    hash_bytes(w.as_bytes())
}

/// [`hash_word`] of the UTF-8 bytes of a word (a token's byte range).
#[inline]
fn hash_bytes(w: &[u8]) -> (u64, u64) {
    let (mut f, mut s) = (hash::SEED, hash::SEED);
    let (mut last, mut run) = (0u8, 0u32);
    for &b in w {
        // One table read gives the folded byte and the shape class of an ASCII byte.
        let Some(&[folded, class]) = ASCII.get(usize::from(b)) else {
            return hash_unicode(std::str::from_utf8(w).unwrap_or_default());
        };
        f = hash::byte(f, folded);
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 3 {
            s = hash::byte(s, class);
        }
    }
    (f, s)
}

/// The first hash of [`hash_bytes`] alone.
#[inline]
pub(crate) fn hash_folded(w: &[u8]) -> u64 {
    let mut f = hash::SEED;
    for &b in w {
        let Some(&[folded, _]) = ASCII.get(usize::from(b)) else {
            return hash_unicode(std::str::from_utf8(w).unwrap_or_default()).0;
        };
        f = hash::byte(f, folded);
    }
    f
}

/// The folded byte and the shape class of every ASCII byte ([`fold_char`], [`shape_class`]).
const ASCII: [[u8; 2]; 128] = {
    let mut t = [[0u8; 2]; 128];
    let mut b = 0u8;
    while b < 128 {
        t[b as usize] = match b {
            b'A'..=b'Z' => [b + 32, b'X'],
            b'a'..=b'z' => [b, b'x'],
            b'0'..=b'9' => [b'0', b'd'],
            _ => [b, b],
        };
        b += 1;
    }
    t
};

/// [`hash_word`] for words with a non-ASCII character, char by char (same results on ASCII).
#[cold]
fn hash_unicode(w: &str) -> (u64, u64) {
    let (mut f, mut s) = (hash::SEED, hash::SEED);
    let (mut last, mut run) = ('\0', 0);
    let mut buf = [0u8; 4];
    for c in w.chars() {
        f = hash::bytes(f, fold_char(c).encode_utf8(&mut buf).as_bytes());
        let k = shape_class(c);
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= 3 {
            s = hash::bytes(s, k.encode_utf8(&mut buf).as_bytes());
        }
    }
    (f, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_digits() {
        assert_eq!(hash_word("LONDON").0, hash_word("London").0);
        assert_eq!(hash_word("1996").0, hash_word("2024").0);
        assert_eq!(hash_word("O’Neill").0, hash_word("O'Neill").0);
        assert_ne!(hash_word("Paris").0, hash_word("Paris.").0);
    }

    #[test]
    fn ascii_fast_path_matches_the_general_path() {
        for w in [
            "Leicestershire",
            "U.S.",
            "1996-08-30",
            "AT&T",
            "x",
            "",
            "a\u{7f}~ \t",
        ] {
            assert_eq!(hash_word(w), hash_unicode(w), "{w:?}");
            assert_eq!(hash_folded(w.as_bytes()), hash_word(w).0, "{w:?}");
        }
        for b in 0u8..128 {
            let w = String::from(char::from(b));
            assert_eq!(hash_word(&w), hash_unicode(&w), "byte {b}");
            assert_eq!(char::from(fold_byte(b)), fold_char(char::from(b)));
        }
        assert_eq!(hash_word("Zurich").1, hash_word("Zürich").1);
        assert_eq!(hash_folded("Zürich".as_bytes()), hash_word("Zürich").0);
    }

    #[test]
    fn shapes_near_candidates_equal_every_shape() {
        use super::super::tokenize::tokenize;
        let mut rng = crate::testing::Rng::new(11);
        let pieces = [
            "Kent ", "beat ", "U.S. ", "Zürich", ", ", "in ", "1996 ", "\n", "ÉCOLE ",
        ];
        for _ in 0..200 {
            let text = rng.text(&pieces, 20);
            let toks = tokenize(&text);
            let cand: Vec<bool> = toks.iter().map(|_| rng.below(3) == 0).collect();
            let all = WordHashes::new(&text, &toks);
            let near = WordHashes::near_candidates(&text, &toks, &cand);
            for i in 0..toks.len() {
                assert_eq!(near.folded(i), all.folded(i));
                let c = |j: usize| cand.get(j).copied().unwrap_or(false);
                if c(i) || c(i + 1) || (i > 0 && c(i - 1)) {
                    assert_eq!(near.shape(i), all.shape(i), "{text:?} token {i}");
                }
            }
        }
    }

    #[test]
    fn shapes_cut_long_runs() {
        assert_eq!(hash_word("Leicestershire").1, hash_word("Kent").1);
        assert_ne!(hash_word("Kent").1, hash_word("Li").1);
        assert_ne!(hash_word("UN").1, hash_word("Un").1);
    }
}
