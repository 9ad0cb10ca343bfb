//! Tagger features for one token: the classic set of Ratinov & Roth (2009) — the word, its
//! shape, prefixes and suffixes, a two-token window each side, previous tags, gazetteer
//! memberships, word clusters and how the word is written elsewhere in the article. Each
//! feature is a template id and a value hash, reduced to a bucket of the weight table, so
//! extracting features never allocates.

use super::doc::Doc;
use super::history::{HIST_MAJORITY, HIST_TAG_SHIFT, HIST_WORD};
use super::tokenize::{
    F_CAPS_LINE, F_INIT_UPPER, F_LINE_START, F_LOWER, F_SENT_START, F_TABLE_LINE, F_UPPER,
};
use super::word::{fold_byte, fold_char};
use crate::learn::hash::{self, bucket};

/// Template ids. Changing any of them, or what a template hashes, invalidates the model.
/// Gaps are templates dropped because they did not measurably help (see data/README.md).
#[derive(Clone, Copy)]
#[repr(u32)]
enum T {
    Bias = 1,
    Word = 2,
    Shape = 3,
    Pre3 = 4,
    Suf2 = 5,
    Suf3 = 6,
    Suf4 = 7,
    WordM1 = 8,
    WordP1 = 9,
    WordM2 = 10,
    WordP2 = 11,
    ShapeM1 = 12,
    ShapeP1 = 13,
    BigramM1 = 14,
    BigramP1 = 15,
    Prev = 16,
    PrevWord = 18,
    Position = 20,
    Gaz = 22,
    GazM1 = 23,
    GazP1 = 24,
    DocStats = 25,
    Exact = 28,
    TableGaz = 37,
    TableWord = 38,
    TopicGaz = 39,
    TopicShape = 40,
    Hist = 41,
    HistShape = 42,
    HistM1 = 43,
    HistP1 = 44,
    Stage1 = 45,
    Stage1Window = 46,
    RunPos = 47,
    RunPosShape = 48,
    RunLast = 49,
    RunFirst = 50,
    RunBefore = 51,
    RunAfter = 52,
    Context = 54,
    Cluster64 = 55,
    Cluster512 = 56,
    Cluster2048 = 57,
    Cluster512M1 = 58,
    Cluster512P1 = 59,
}

/// The most features one token can have: 16 always-present ones, the 2 of the previous
/// tag, position, 3 × 16 gazetteer marks, 3 of the document and table, 2 of the topic, 5 of
/// the word clusters, 6 of the run, and in the second pass 5 of the history, up to
/// [`super::contexts`]'s 8 contexts and the first-pass window (97 in all).
pub const MAX: usize = 100;

/// Index in [`extract_base`]'s output of the previous tag's feature; the feature of the
/// previous tag with the word follows it. Every feature before them is always present, so
/// the two are found there whatever the token, which lets the second pass reuse the first
/// pass's features with only these two replaced ([`super::reuse`]).
pub const PREV_AT: usize = 16;

/// The feature buckets of one token, gathered in a fixed buffer (never more than [`MAX`]):
/// a push to a `Vec` per feature costs more, and one buffer serves every token of a text.
pub struct Feats {
    buf: [u32; MAX],
    n: usize,
}

impl Default for Feats {
    fn default() -> Self {
        Feats {
            buf: [0; MAX],
            n: 0,
        }
    }
}

impl Feats {
    /// The buckets gathered, in order.
    #[inline]
    pub fn as_slice(&self) -> &[u32] {
        self.buf.get(..self.n).unwrap_or_default()
    }

    /// Forgets every bucket.
    #[inline]
    pub fn clear(&mut self) {
        self.n = 0;
    }

    /// Replaces the buckets with `b`.
    #[inline]
    pub fn set_all(&mut self, b: &[u32]) {
        let n = b.len().min(MAX);
        if let (Some(dst), Some(src)) = (self.buf.get_mut(..n), b.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.n = n;
    }

    /// Overwrites the bucket at `k` (if there is one).
    #[inline]
    pub fn set(&mut self, k: usize, b: u32) {
        if k < self.n
            && let Some(slot) = self.buf.get_mut(k)
        {
            *slot = b;
        }
    }
}

/// Appends the feature buckets of token `i` to `out`, given the previous tag.
#[cfg(test)]
pub fn extract(doc: &Doc, i: usize, prev: u8, bits: u32, out: &mut Vec<u32>) {
    let mut f = Feats::default();
    extract_into(doc, i, prev, bits, &mut f);
    out.extend_from_slice(f.as_slice());
}

/// Sets `out` to the feature buckets of token `i`, given the previous tag.
#[inline]
pub fn extract_into(doc: &Doc, i: usize, prev: u8, bits: u32, out: &mut Feats) {
    out.clear();
    extract_base(doc, i, prev, bits, out);
    extract_hist(doc, i, bits, out);
}

/// The buckets of the features of the previous tag `prev` before token `i` (those at
/// [`PREV_AT`] and after it in [`extract_base`]'s output).
#[inline]
pub fn prev_buckets(doc: &Doc, i: usize, prev: u8, bits: u32) -> [u32; 2] {
    let word = doc.words.folded(i);
    [
        bucket(T::Prev as u32, u64::from(prev), bits),
        bucket(T::PrevWord as u32, hash::mix(u64::from(prev), word), bits),
    ]
}

/// Appends every feature of token `i` that does not come from the first pass's tags.
pub fn extract_base(doc: &Doc, i: usize, prev: u8, bits: u32, out: &mut Feats) {
    let w = &doc.words;
    // Context stops at line ends (a line is a sentence or a headline); lookups past the
    // text's ends or a line's ends yield 0.
    let starts_line = |j: usize| doc.flags(j) & F_LINE_START != 0;
    let none = usize::MAX;
    let m1 = if starts_line(i) {
        none
    } else {
        i.wrapping_sub(1)
    };
    let m2 = if m1 == none || starts_line(m1) {
        none
    } else {
        i.wrapping_sub(2)
    };
    let p1 = if starts_line(i + 1) { none } else { i + 1 };
    let p2 = if p1 == none || starts_line(i + 2) {
        none
    } else {
        i + 2
    };
    let word = w.folded(i);
    let shape = w.shape(i);
    let text = doc.word_bytes(i);
    let a = affixes(text);
    let (pre3, suf2, suf3, suf4) = (a.pre[2], a.suf[1], a.suf[2], a.suf[3]);
    let flags = doc.flags(i);
    let pos = u64::from(
        flags & (F_SENT_START | F_LINE_START | F_CAPS_LINE | F_INIT_UPPER | F_UPPER | F_LOWER),
    );
    // The features every token has, gathered in a fixed array and stored in one copy: a
    // push each would check the buffer's room each time.
    let b = |t: T, v: u64| bucket(t as u32, v, bits);
    let head = [
        b(T::Bias, 0),
        b(T::Word, word),
        b(T::Shape, shape),
        b(T::Exact, hash::bytes(hash::SEED, text)),
        b(T::Pre3, pre3),
        b(T::Suf2, suf2),
        b(T::Suf3, suf3),
        b(T::Suf4, suf4),
        b(T::WordM1, w.folded(m1)),
        b(T::WordP1, w.folded(p1)),
        b(T::WordM2, w.folded(m2)),
        b(T::WordP2, w.folded(p2)),
        b(T::ShapeM1, w.shape(m1)),
        b(T::ShapeP1, w.shape(p1)),
        b(T::BigramM1, hash::mix(w.folded(m1), word)),
        b(T::BigramP1, hash::mix(word, w.folded(p1))),
        // At PREV_AT: sixteen features above.
        b(T::Prev, u64::from(prev)),
        b(T::PrevWord, hash::mix(u64::from(prev), word)),
        b(T::Position, pos),
    ];
    // The count stays in a register while the features are pushed.
    let mut n = out.n;
    let buf = &mut out.buf;
    push_all(buf, &mut n, &head);
    let mut f = |t: T, v: u64| push_one(buf, &mut n, bucket(t as u32, v, bits));
    for (t, j) in [(T::Gaz, i), (T::GazM1, m1), (T::GazP1, p1)] {
        let mut g = doc.gaz.get(j).copied().unwrap_or(0);
        while g != 0 {
            let b = g.trailing_zeros();
            f(t, u64::from(b));
            g &= g - 1;
        }
    }
    let stats = u64::from(doc.stats.get(i).copied().unwrap_or(0)) << 16 | pos;
    f(T::DocStats, stats);
    let table = u64::from(flags & F_TABLE_LINE != 0);
    let gaz_begins = u64::from(doc.gaz.get(i).copied().unwrap_or(0) & 0x5555);
    f(T::TableGaz, table << 16 | gaz_begins);
    f(T::TableWord, hash::mix(table, word));
    if doc.topic != 0 {
        f(T::TopicGaz, hash::mix(doc.topic, table << 16 | gaz_begins));
        f(T::TopicShape, hash::mix(doc.topic, hash::mix(table, shape)));
    }
    // The word's clusters at three sizes, and its neighbours' at the middle one.
    let clusters = |j: usize| doc.clusters.get(j).copied().unwrap_or_default().values();
    let [c64, c512, c2048] = clusters(i);
    f(T::Cluster64, c64);
    f(T::Cluster512, c512);
    f(T::Cluster2048, c2048);
    f(T::Cluster512M1, clusters(m1)[1]);
    f(T::Cluster512P1, clusters(p1)[1]);
    run_features(doc, i, flags, shape, &mut f);
    out.n = n;
}

/// The tokens before and after token `i` on its line (`usize::MAX`, read as no token, where
/// the line ends): context features stop at line ends.
#[inline]
fn line_neighbours(doc: &Doc, i: usize) -> (usize, usize) {
    let starts_line = |j: usize| doc.flags(j) & F_LINE_START != 0;
    let m1 = if starts_line(i) {
        usize::MAX
    } else {
        i.wrapping_sub(1)
    };
    let p1 = if starts_line(i + 1) {
        usize::MAX
    } else {
        i + 1
    };
    (m1, p1)
}

/// The buckets among token `i`'s features that come from the word lists (marks of the token
/// and of its neighbours, and the table and topic features built on them). Training drops
/// them now and then ([`super::train`]'s gazetteer dropout), so that the word itself, its
/// shape and its context learn to carry the token too, as they must for names the lists
/// lack.
pub fn gazetteer_buckets(doc: &Doc, i: usize, bits: u32) -> Vec<u32> {
    let (m1, p1) = line_neighbours(doc, i);
    let mut out = Vec::new();
    for (t, j) in [(T::Gaz, i), (T::GazM1, m1), (T::GazP1, p1)] {
        let mut g = doc.gaz.get(j).copied().unwrap_or(0);
        while g != 0 {
            out.push(bucket(t as u32, u64::from(g.trailing_zeros()), bits));
            g &= g - 1;
        }
    }
    let table = u64::from(doc.flags(i) & F_TABLE_LINE != 0);
    let gaz_begins = u64::from(doc.gaz.get(i).copied().unwrap_or(0) & 0x5555);
    out.push(bucket(T::TableGaz as u32, table << 16 | gaz_begins, bits));
    if doc.topic != 0 {
        let v = hash::mix(doc.topic, table << 16 | gaz_begins);
        out.push(bucket(T::TopicGaz as u32, v, bits));
    }
    out
}

/// Stores bucket `b` in `buf` at `*n` and moves `*n` past it (nothing once the buffer is
/// full). Inlined into a closure over a local count, which stays in a register.
#[inline(always)]
fn push_one(buf: &mut [u32; MAX], n: &mut usize, b: u32) {
    if let Some(slot) = buf.get_mut(*n) {
        *slot = b;
        *n += 1;
    }
}

/// Stores `head` in `buf` from `*n` on, moving `*n` past them: in one copy when they fit
/// (always, with the buffer cleared first), else as many as fit, as a push each would.
#[inline(always)]
fn push_all(buf: &mut [u32; MAX], n: &mut usize, head: &[u32]) {
    if let Some(dst) = buf.get_mut(*n..*n + head.len()) {
        dst.copy_from_slice(head);
        *n += head.len();
        return;
    }
    for &h in head {
        push_one(buf, n, h);
    }
}

/// Appends the second pass's features of token `i`, from the first pass's tags in
/// `doc.hist` (nothing while it is empty, in the first pass).
pub fn extract_hist(doc: &Doc, i: usize, bits: u32, out: &mut Feats) {
    if doc.hist.is_empty() {
        return;
    }
    let (m1, p1) = line_neighbours(doc, i);
    let shape = doc.words.shape(i);
    let h = |j: usize| doc.hist.get(j).copied().unwrap_or(0);
    let (own, m1, p1) = (h(i), h(m1), h(p1));
    let b = |t: T, v: u64| bucket(t as u32, v, bits);
    let head = [
        b(T::Hist, u64::from(own & HIST_WORD)),
        b(T::HistShape, hash::mix(u64::from(own & HIST_WORD), shape)),
        b(T::HistM1, u64::from(m1 & HIST_MAJORITY)),
        b(T::HistP1, u64::from(p1 & HIST_MAJORITY)),
        b(T::Stage1, u64::from(own >> HIST_TAG_SHIFT)),
    ];
    // The count stays in a register while the features are pushed.
    let mut n = out.n;
    let buf = &mut out.buf;
    push_all(buf, &mut n, &head);
    let mut f = |t: T, v: u64| push_one(buf, &mut n, bucket(t as u32, v, bits));
    for &c in doc.contexts.of(i) {
        f(T::Context, c);
    }
    f(
        T::Stage1Window,
        u64::from(m1 >> HIST_TAG_SHIFT) << 16
            | u64::from(own >> HIST_TAG_SHIFT) << 8
            | u64::from(p1 >> HIST_TAG_SHIFT),
    );
    out.n = n;
}

/// Features of the run of candidates holding token `i` ([`super::runs`]): its length and
/// the token's place in it, and, for tokens inside it, its last and first words and the
/// words just outside it.
fn run_features(doc: &Doc, i: usize, flags: u16, shape: u64, f: &mut impl FnMut(T, u64)) {
    let Some(&(s, e)) = doc.runs.get(i) else {
        return;
    };
    let (s, e) = (s as usize, e as usize);
    if e <= s {
        return;
    }
    let w = &doc.words;
    let len = (e - s).min(4) as u64;
    let place = match (i == s, i + 1 == e) {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        (false, false) => 3,
    };
    let caps = u64::from(flags & F_CAPS_LINE != 0);
    let run = caps << 8 | len << 4 | place;
    f(T::RunPos, run);
    f(T::RunPosShape, hash::mix(run, shape));
    let outside = |j: usize| {
        if doc.flags(j) & F_LINE_START != 0 {
            0
        } else {
            w.folded(j)
        }
    };
    if i + 1 < e {
        f(T::RunLast, hash::mix(caps, w.folded(e - 1)));
        f(T::RunAfter, hash::mix(caps, outside(e)));
    }
    if i > s {
        f(T::RunFirst, hash::mix(caps, w.folded(s)));
        let before = if doc.flags(s) & F_LINE_START != 0 {
            0
        } else {
            w.folded(s.wrapping_sub(1))
        };
        f(T::RunBefore, hash::mix(caps, before));
    }
}

/// Hashes of the folded first and last one to four characters of a word.
struct Affixes {
    pre: [u64; 4],
    suf: [u64; 4],
}

fn affixes(b: &[u8]) -> Affixes {
    let mut a = Affixes {
        pre: [hash::SEED; 4],
        suf: [hash::SEED; 4],
    };
    if b.is_ascii() {
        // Most words: a byte is a char, folded by one table read.
        let (mut p, mut s) = (hash::SEED, hash::SEED);
        for k in 0..4 {
            if let Some(&c) = b.get(k) {
                p = hash::byte(p, fold_byte(c));
            }
            if let Some(&c) = b.len().checked_sub(k + 1).and_then(|j| b.get(j)) {
                s = hash::byte(s, fold_byte(c));
            }
            a.pre[k] = p;
            a.suf[k] = s;
        }
        return a;
    }
    // A token is a run of whole characters, so its bytes are valid UTF-8.
    let text = std::str::from_utf8(b).unwrap_or_default();
    let mut buf = [0u8; 4];
    let mut h = hash::SEED;
    for (k, c) in text.chars().take(4).enumerate() {
        h = hash::bytes(h, fold_char(c).encode_utf8(&mut buf).as_bytes());
        a.pre[k..].iter_mut().for_each(|p| *p = h);
    }
    // Suffixes are hashed back to front: only equality matters.
    let mut h = hash::SEED;
    for (k, c) in text.chars().rev().take(4).enumerate() {
        h = hash::bytes(h, fold_char(c).encode_utf8(&mut buf).as_bytes());
        a.suf[k..].iter_mut().for_each(|p| *p = h);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_stored_in_one_copy_equal_a_push_each() {
        let head: Vec<u32> = (1..=19).collect();
        for start in [0, 40, MAX - 19, MAX - 5, MAX] {
            let (mut buf, mut n) = ([0u32; MAX], start);
            push_all(&mut buf, &mut n, &head);
            let (mut one, mut m) = ([0u32; MAX], start);
            for &h in &head {
                if let Some(slot) = one.get_mut(m) {
                    *slot = h;
                    m += 1;
                }
            }
            assert_eq!((n, buf), (m, one), "from {start}");
        }
    }

    #[test]
    fn same_word_same_features_regardless_of_case_in_headlines() {
        let a = Doc::new("He met Smith today");
        let b = Doc::new("He met Smith tomorrow");
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        extract(&a, 2, 0, 18, &mut fa);
        extract(&b, 2, 0, 18, &mut fb);
        assert_eq!(fa.len(), fb.len());
        let differ = fa.iter().zip(&fb).filter(|(x, y)| x != y).count();
        assert!(
            (2..=6).contains(&differ),
            "only features of the next word differ: {differ}"
        );
        assert!(fa.iter().all(|&f| f < 1 << 18));
    }

    #[test]
    fn every_word_of_a_name_sees_how_the_name_ends() {
        // "Greater" has the same two words after it in both; only the name's last word,
        // three tokens on, differs.
        let a = Doc::new("we saw the Greater Milwaukee Golf Open today");
        let b = Doc::new("we saw the Greater Milwaukee Golf Club today");
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        extract(&a, 3, 0, 20, &mut fa);
        extract(&b, 3, 0, 20, &mut fb);
        assert_eq!(fa.len(), fb.len());
        let differ = fa.iter().zip(&fb).filter(|(x, y)| x != y).count();
        assert_eq!(differ, 1, "the run's last word is a feature");
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        let c = Doc::new("we saw a Greater Milwaukee Golf Open today");
        extract(&a, 5, 2, 20, &mut fa);
        extract(&c, 5, 2, 20, &mut fb);
        let differ = fa.iter().zip(&fb).filter(|(x, y)| x != y).count();
        assert_eq!(differ, 1, "the word before the run is a feature");
    }

    #[test]
    fn the_second_pass_sees_the_contexts_of_other_mentions() {
        let second_pass = |text| {
            let mut d = Doc::new(text);
            d.hist = vec![0; d.toks.len()];
            d.contexts = super::super::contexts::compute(&d);
            let mut f = Vec::new();
            extract(&d, 2, 0, 20, &mut f);
            f
        };
        let a = second_pass("we saw Varno today. shares of Varno rose");
        let b = second_pass("we saw Varno today. shares in Varno rose");
        assert_eq!(a.len(), b.len());
        let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        assert_eq!(differ, 1, "only the other mention's context differs");
    }

    #[test]
    fn gazetteer_buckets_are_the_word_list_features_of_the_token() {
        let d = Doc::new("He flew from Paris to Berlin today");
        let mut f = Vec::new();
        extract(&d, 3, 0, 20, &mut f);
        let g = gazetteer_buckets(&d, 3, 20);
        assert!(g.len() >= 2, "Paris is in a list: {}", g.len());
        assert!(
            g.iter().all(|b| f.contains(b)),
            "each is one of the token's"
        );
        // A word in no list, between words in none, has only the table feature.
        let e = Doc::new("he saw Zqxvbn today");
        assert_eq!(gazetteer_buckets(&e, 2, 20).len(), 1);
    }

    #[test]
    fn affixes_of_short_words_are_stable() {
        assert_eq!(
            affixes("Al".as_bytes()).suf[1],
            affixes("al".as_bytes()).suf[1]
        );
        assert_eq!(
            affixes("Kent".as_bytes()).suf[2],
            affixes("Bent".as_bytes()).suf[2]
        );
        assert_ne!(
            affixes("Kent".as_bytes()).pre[0],
            affixes("Bent".as_bytes()).pre[0]
        );
        assert_eq!(
            affixes("Zürich".as_bytes()).suf[3],
            affixes("ZURICH".as_bytes()).suf[3],
            "the ASCII and the general paths agree"
        );
        assert_eq!(
            affixes("Zürich".as_bytes()).pre[0],
            affixes("z".as_bytes()).pre[0]
        );
        assert_eq!(
            affixes("ÉCOLE".as_bytes()).pre[1],
            affixes("éc".as_bytes()).pre[3]
        );
        assert_eq!(
            affixes("Al".as_bytes()).pre[3],
            affixes("Al".as_bytes()).pre[1],
            "short words repeat their longest"
        );
        let _ = affixes("".as_bytes());
    }
}
