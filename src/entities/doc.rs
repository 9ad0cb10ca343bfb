//! Everything known about one text before tagging: tokens, word hashes, gazetteer marks,
//! which tokens may be part of a name, and document-wide statistics of each word.
//!
//! The document statistics give the tagger what a reader uses on an all-caps headline or a
//! sentence's first word: how the same word is written elsewhere in the article.

use super::clusters::Clusters;
use super::gazetteer::Gazetteer;
use super::scratch::{DocBuffers, TagBuffers};
use super::tokenize::{F_CAPS_LINE, F_DIGIT, F_LOWER, F_UPPER, Token, tokenize_into};
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
    /// The word clusters of the tokens at or beside a candidate; see [`super::clusters`].
    pub clusters: Vec<Clusters>,
    /// Whether each token may be part of a name (the tagger looks at no other token).
    pub cand: Vec<bool>,
    /// The candidates in text order: the passes that look only at them walk this list,
    /// with no branch per token on whether it is one.
    pub cands: Vec<usize>,
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
        let (mut cand, mut cands) = (b.cand, b.cands);
        candidates(text, &toks, &mut cand, &mut cands);
        let words = WordHashes::near_candidates_in(text, &toks, &cand, (b.folded, b.shape));
        let topic = toks
            .first()
            .filter(|t| t.flags & F_CAPS_LINE != 0)
            .map_or(0, |_| words.folded(0));
        let mut gaz = b.gaz;
        Gazetteer::get().mark_into(&toks, &words, &cands, &mut gaz);
        let mut clusters = b.clusters;
        super::clusters::mark_into(&words, toks.len(), &mut clusters);
        let (mut stats, mut word_id) = (b.stats, b.word_id);
        let word_ids =
            super::stats::compute(&toks, &words, (&cand, &cands), &mut stats, &mut word_id);
        let mut runs = b.runs;
        super::runs::compute(&toks, &cands, &mut runs);
        let mut hist = b.hist;
        hist.clear();
        Doc {
            text,
            toks,
            words,
            gaz,
            clusters,
            cand,
            cands,
            runs,
            stats,
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
            clusters: self.clusters,
            cand: self.cand,
            cands: self.cands,
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

/// Lowercase words that may sit inside a name between capitalised words ([`is_connector`]
/// matches them; the list checks it).
#[cfg(test)]
const CONNECTORS: &[&str] = &[
    "of", "and", "de", "van", "von", "der", "den", "la", "le", "du", "da", "del", "della", "di",
    "al", "el", "bin", "ibn", "the", "for", "on", "&", "y", "e", "upon", "dos", "das", "in",
];

/// Whether `w` is one of the lowercase words that may sit inside a name between
/// capitalised words ("Bank of England", "Ludwig van Beethoven"): a match on the bytes, which the compiler
/// sorts out by length and first byte, instead of a walk through the list whose exit, at
/// a different place for every word, was mispredicted.
fn is_connector(w: &[u8]) -> bool {
    matches!(
        w,
        b"of"
            | b"and"
            | b"de"
            | b"van"
            | b"von"
            | b"der"
            | b"den"
            | b"la"
            | b"le"
            | b"du"
            | b"da"
            | b"del"
            | b"della"
            | b"di"
            | b"al"
            | b"el"
            | b"bin"
            | b"ibn"
            | b"the"
            | b"for"
            | b"on"
            | b"&"
            | b"y"
            | b"e"
            | b"upon"
            | b"dos"
            | b"das"
            | b"in"
    )
}

/// Names are capitalised words, a few connectors between them ("Bank of England", "Ludwig
/// van Beethoven") and numbers opening them ("1860 Munich"). Everything else is tagged O
/// without scoring, which is most of the speed. Sets `cand` to whether each token is one,
/// and `cands` to their list (both cleared first).
fn candidates(text: &str, toks: &[Token], cand: &mut Vec<bool>, cands: &mut Vec<usize>) {
    let upper = |i: usize| toks.get(i).is_some_and(|t| t.flags & F_UPPER != 0);
    cand.clear();
    cand.reserve(toks.len());
    cands.clear();
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
            possessive || ((upper(i + 1) || upper(i + 2)) && is_connector(w))
        } else {
            false
        };
        cand.push(c);
        if c {
            cands.push(i);
        }
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
        let listed: Vec<usize> = (0..d.cand.len()).filter(|&i| d.cand[i]).collect();
        assert_eq!(d.cands, listed);
    }

    /// `heads` and `participles` look for capitalised words among the candidates only.
    #[test]
    fn every_capitalised_word_is_a_candidate() {
        let mut rng = crate::testing::Rng::new(11);
        for _ in 0..300 {
            let text = rng.text(crate::testing::NEWS_PIECES, 40);
            let d = Doc::new(&text);
            for (i, t) in d.toks.iter().enumerate() {
                if t.flags & (F_UPPER | super::super::tokenize::F_INIT_UPPER) != 0 {
                    assert!(d.cand[i], "{:?} in {text:?}", d.word(i));
                }
            }
        }
    }

    #[test]
    fn connectors_match_the_list() {
        for c in CONNECTORS {
            assert!(is_connector(c.as_bytes()), "{c}");
        }
        let mut rng = crate::testing::Rng::new(5);
        for _ in 0..20_000 {
            let w: Vec<u8> = (0..rng.below(6))
                .map(|_| b"adehilnoprsuvy&"[rng.below(15)])
                .collect();
            let listed = CONNECTORS.iter().any(|c| c.as_bytes() == w);
            assert_eq!(
                is_connector(&w),
                listed,
                "{:?}",
                String::from_utf8_lossy(&w)
            );
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
