//! Features of a speaker candidate, hashed without allocation: each is a template id mixed
//! with the hashes of its parts (how it was found, its shape, the words around it, how the
//! rules attributed the quotation).

use super::BITS;
use super::candidates::{Raw, Role};
use crate::attribution::speaker::is_pronoun;
use crate::attribution::{How, char_floor};
use crate::learn::hash;

/// How far (bytes) the word next to a candidate is looked for.
const WORD_REACH: usize = 24;

/// The context a quotation's candidates are judged in.
pub(super) struct Ctx<'t> {
    pub(super) text: &'t str,
    pub(super) how_h: u64,
    pub(super) frag_h: u64,
    pub(super) para_h: u64,
    pub(super) rule: Option<(usize, usize)>,
    pub(super) rule_cue_h: u64,
    pub(super) prev_same_para: bool,
    pub(super) open: usize,
    pub(super) close: usize,
    /// Byte offsets of the first quote marks in the windows.
    pub(super) marks: [usize; MAX_MARKS],
}

/// Quote marks counted between a candidate and the quotation.
pub(super) const MAX_MARKS: usize = 8;

pub(super) fn how_tag(h: How) -> &'static [u8] {
    match h {
        How::BeforeAdjacent => b"ba",
        How::AfterAdjacent => b"aa",
        How::Colon => b"co",
        How::BeforeInSentence => b"bs",
        How::SameSentence => b"ss",
        How::AfterInSentence => b"as",
        How::SentenceSubject => b"su",
        How::FollowOn => b"fo",
        How::PreviousSentence => b"ps",
        How::Unattributed => b"un",
    }
}

/// Feature builder: each feature is a template id mixed with the hashes of its parts.
///
/// A feature's hash folds its parts in order from [`hash::SEED`], so features that begin
/// with the same parts share that prefix: [`Self::add_from`] continues from a prefix folded
/// once ([`fold`]) and gives the bucket [`Self::add`] would.
pub(super) struct Feats<'a> {
    pub(super) out: &'a mut Vec<u32>,
}

impl Feats<'_> {
    fn add(&mut self, id: u32, parts: &[u64]) {
        self.add_from(id, hash::SEED, parts);
    }

    /// The feature whose first parts fold to `prefix`, followed by `parts`.
    #[inline]
    fn add_from(&mut self, id: u32, prefix: u64, parts: &[u64]) {
        self.out.push(hash::bucket(id, fold(prefix, parts), BITS));
    }
}

/// Folds feature parts into a hash state; `fold(SEED, parts)` is a whole feature's value.
#[inline]
pub(super) fn fold(state: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(state, |h, &p| hash::mix(h, p))
}

/// FNV-1a prime, as in [`hash::byte`].
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// [`h`] at compile time, for the fixed tags.
pub(super) const fn hc(b: &[u8]) -> u64 {
    let mut s = hash::SEED;
    let mut i = 0;
    while i < b.len() {
        s = (s ^ b[i] as u64).wrapping_mul(PRIME);
        i += 1;
    }
    s
}

/// The hash of a feature part.
pub(super) fn h(b: &[u8]) -> u64 {
    hash::bytes(hash::SEED, b)
}

/// The hash of a word, lower-cased (its first 16 bytes).
pub(super) fn h_lower(w: &str) -> u64 {
    w.bytes()
        .take(16)
        .fold(hash::SEED, |s, b| hash::byte(s, b.to_ascii_lowercase()))
}

/// The hashes of the buckets of [`bucket_of`], in order.
const NUM_H: [u64; 8] = [
    hc(b"0"),
    hc(b"1"),
    hc(b"2"),
    hc(b"3-4"),
    hc(b"5-8"),
    hc(b"9-16"),
    hc(b"17-40"),
    hc(b"41+"),
];

/// The hash of a small number: of its bucket's name ([`bucket_of`]).
pub(super) fn h_num(n: usize) -> u64 {
    let i = match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        17..=40 => 6,
        _ => 7,
    };
    NUM_H.get(i).copied().unwrap_or_default()
}

/// The name of the bucket of a small number.
#[cfg(test)]
pub(super) fn bucket_of(n: usize) -> &'static [u8] {
    match n {
        0 => b"0",
        1 => b"1",
        2 => b"2",
        3..=4 => b"3-4",
        5..=8 => b"5-8",
        9..=16 => b"9-16",
        17..=40 => b"17-40",
        _ => b"41+",
    }
}

/// `char::is_whitespace` for an ASCII byte.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// What [`span_features`] reads of a speaker phrase's words, in one pass.
struct Words<'t> {
    first: &'t str,
    last: &'t str,
    /// Words, counting an empty phrase as one.
    n: usize,
    /// Words starting with a capital letter.
    caps: usize,
}

fn starts_upper(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

fn words_of(s: &str) -> Words<'_> {
    let mut w = Words {
        first: "",
        last: "",
        n: 0,
        caps: 0,
    };
    let see = |word: &'_ str, w: &mut Words<'_>| {
        w.n += 1;
        w.caps += usize::from(starts_upper(word));
    };
    if s.is_ascii() {
        // Splitting on ASCII spaces is `split_whitespace` for ASCII text.
        for word in s
            .split(|c: char| is_space(c as u8))
            .filter(|x| !x.is_empty())
        {
            if w.n == 0 {
                w.first = word;
            }
            w.last = word;
            see(word, &mut w);
        }
    } else {
        for word in s.split_whitespace() {
            if w.n == 0 {
                w.first = word;
            }
            w.last = word;
            see(word, &mut w);
        }
    }
    if w.n == 0 {
        w.n = 1;
    }
    w
}

/// Hashes of the shapes of a speaker phrase.
const SHAPE_UNKNOWN: u64 = hc(b"?");
const SHAPE_PRON: u64 = hc(b"pron");
const SHAPE_REL: u64 = hc(b"rel");
const SHAPE_POSSPRON: u64 = hc(b"posspron");
const SHAPE_POSSNAME: u64 = hc(b"possname");
const SHAPE_LOWER: u64 = hc(b"lower");
const SHAPE_NAME: u64 = hc(b"name");
const SHAPE_DESC: u64 = hc(b"desc");

/// The hash of the shape of a speaker phrase `s` with words `w`: pronoun, relative pronoun,
/// name, description.
fn shape(s: &str, w: &Words<'_>) -> u64 {
    let first = w.first;
    if is_pronoun(first) && !s.contains(' ') {
        return SHAPE_PRON;
    }
    if ["who", "which"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(first))
    {
        return SHAPE_REL;
    }
    let possessive = s.ends_with("’s") || s.ends_with("'s") || s.ends_with('’');
    if ["his", "her", "their", "its"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(s))
    {
        return SHAPE_POSSPRON;
    }
    match (possessive, w.caps, starts_upper(first)) {
        (true, _, _) => SHAPE_POSSNAME,
        (_, 0, _) => SHAPE_LOWER,
        (_, _, true) => SHAPE_NAME,
        _ => SHAPE_DESC,
    }
}

/// The word just before (or after) byte `at`, looked for within a few bytes.
pub(super) fn word_at(text: &str, at: usize, before: bool) -> &str {
    if before {
        let lo = char_floor(text, at.saturating_sub(WORD_REACH));
        let head = text.get(lo..at).unwrap_or_default();
        // Back over spaces, then over the word.
        let end = back_while(head, head.len(), true);
        let start = back_while(head, end, false);
        let w = head.get(start..end).unwrap_or_default();
        if w.is_empty() { "^" } else { w }
    } else {
        let hi = char_floor(text, (at + WORD_REACH).min(text.len()));
        let tail = text.get(at..hi).unwrap_or_default();
        let start = forward_while(tail, 0, true);
        let end = forward_while(tail, start, false);
        let w = tail.get(start..end).unwrap_or_default();
        if w.is_empty() { "$" } else { w }
    }
}

/// Whether the character starting at byte `i` of `s` is whitespace, and its length.
fn space_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((is_space(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c.is_whitespace(), c.len_utf8()))
}

/// Moves forward from byte `i` of `s` over characters that are whitespace (`space`) or not.
fn forward_while(s: &str, mut i: usize, space: bool) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(i) {
        // ASCII by byte; other characters decoded.
        let (is, len) = if b.is_ascii() {
            (is_space(b), 1)
        } else {
            match space_at(s, i) {
                Some(x) => x,
                None => break,
            }
        };
        if is != space {
            break;
        }
        i += len;
    }
    i
}

/// Moves back from byte `end` of `s` over characters that are whitespace (`space`) or not.
fn back_while(s: &str, mut end: usize, space: bool) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = end.checked_sub(1).and_then(|i| bytes.get(i)) {
        if b.is_ascii() {
            if is_space(b) != space {
                break;
            }
            end -= 1;
            continue;
        }
        let mut start = end - 1;
        while start > 0 && bytes.get(start).is_some_and(|&b| b & 0xC0 == 0x80) {
            start -= 1;
        }
        match space_at(s, start) {
            Some((is, _)) if is == space => end = start,
            _ => break,
        }
    }
    end
}

const NONE: u64 = hc(b"none");
const SIDE_BEFORE: u64 = hc(b"B");
const SIDE_AFTER: u64 = hc(b"A");
const SIDE_LEAD_IN: u64 = hc(b"L");
const REL_NORULE: u64 = hc(b"norule");
const REL_SAME: u64 = hc(b"same");
const REL_BEFORE: u64 = hc(b"before-rule");
const REL_AFTER: u64 = hc(b"after-rule");

/// Span-level features of a candidate (not of how it was found); returns its shape's hash.
pub(super) fn span_features(ctx: &Ctx<'_>, span: Option<(usize, usize)>, f: &mut Feats<'_>) -> u64 {
    let how = ctx.how_h;
    let Some(span) = span else {
        f.add(1, &[NONE, how]);
        f.add(2, &[NONE, how, ctx.frag_h]);
        return NONE;
    };
    let phrase = ctx.text.get(span.0..span.1);
    let words = words_of(phrase.unwrap_or_default());
    let sh = phrase.map_or(SHAPE_UNKNOWN, |s| shape(s, &words));
    // Quote marks between the candidate and the quotation: another quotation in between, or
    // the candidate inside one.
    let (lo, hi) = if span.1 <= ctx.open {
        (span.1, ctx.open)
    } else {
        (ctx.close, span.0)
    };
    let between = h_num(ctx.marks.iter().filter(|&&m| lo <= m && m < hi).count());
    let side = if span.0 < ctx.open {
        SIDE_BEFORE
    } else {
        SIDE_AFTER
    };
    let side_between = fold(hash::SEED, &[side, between]);
    f.add_from(40, side_between, &[]);
    f.add_from(41, side_between, &[sh, how]);
    f.add(42, &[ctx.para_h, side, sh, how]);
    f.add(3, &[sh]);
    f.add(4, &[sh, h_num(words.n)]);
    f.add(5, &[h_lower(word_at(ctx.text, span.0, true))]);
    f.add(6, &[h_lower(word_at(ctx.text, span.1, false))]);
    // The head word (last word) and first word of the phrase.
    f.add(11, &[h_lower(words.last)]);
    f.add(12, &[h_lower(words.first)]);
    let same = ctx.rule.is_some_and(|r| r.0 < span.1 && span.0 < r.1);
    let rel = match ctx.rule {
        None => REL_NORULE,
        Some(_) if same => REL_SAME,
        Some(r) if span.1 <= r.0 => REL_BEFORE,
        Some(_) => REL_AFTER,
    };
    let rel_side_how = fold(hash::SEED, &[rel, side, how]);
    f.add_from(13, rel_side_how, &[]);
    f.add_from(14, rel_side_how, &[sh]);
    let rel_how = fold(hash::SEED, &[rel, how]);
    f.add_from(15, rel_how, &[ctx.rule_cue_h]);
    f.add_from(16, rel_how, &[ctx.frag_h, sh]);
    let how1 = fold(hash::SEED, &[how]);
    if same {
        f.add_from(7, how1, &[]);
        f.add_from(8, how1, &[sh]);
        f.add_from(9, how1, &[ctx.frag_h]);
    } else {
        f.add_from(10, how1, &[sh]);
    }
    sh
}

/// Features of one way a candidate was found.
pub(super) fn raw_features(ctx: &Ctx<'_>, r: &Raw<'_>, sh: u64, f: &mut Feats<'_>) {
    let role = r.role.hash();
    let side = match (r.after, r.lead_in) {
        (_, true) => SIDE_LEAD_IN,
        (true, _) => SIDE_AFTER,
        _ => SIDE_BEFORE,
    };
    let how = ctx.how_h;
    let cue = h_lower(r.cue);
    let frag = ctx.frag_h;
    let ordinal = h_num(r.ordinal);
    let rs = fold(hash::SEED, &[role, side]);
    f.add_from(20, rs, &[]);
    f.add_from(31, rs, &[sh]);
    let rs_cue = fold(rs, &[cue]);
    f.add_from(21, rs_cue, &[]);
    let rs_ord = fold(rs, &[ordinal]);
    f.add_from(22, rs_ord, &[]);
    f.add_from(23, rs, &[h_num(r.distance)]);
    f.add_from(24, rs, &[frag]);
    let rs_how = fold(rs, &[how]);
    f.add_from(25, rs_how, &[]);
    f.add_from(26, rs_how, &[ordinal]);
    f.add_from(27, rs_cue, &[frag]);
    f.add_from(29, rs_how, &[ctx.rule_cue_h]);
    f.add_from(30, rs_ord, &[frag, how]);
    if r.role == Role::Previous {
        f.add(28, &[role, h(&[u8::from(ctx.prev_same_para)]), how]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_time_hashes_are_the_run_time_ones() {
        for tag in [&b"none"[..], b"B", b"A", b"L", b"norule", b"possname", b""] {
            assert_eq!(hc(tag), h(tag));
        }
        for n in [0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 40, 41, 1000] {
            assert_eq!(h_num(n), h(bucket_of(n)), "{n}");
        }
    }

    #[test]
    fn a_shared_prefix_gives_the_whole_feature() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        Feats { out: &mut a }.add(7, &[1, 2, 3]);
        Feats { out: &mut b }.add_from(7, fold(hash::SEED, &[1, 2]), &[3]);
        assert_eq!(a, b);
    }

    #[test]
    fn phrase_words_as_split_whitespace_reads_them() {
        for s in [
            "",
            " ",
            "Ann Lee",
            " the  mayor\tof Paris ",
            "M. Lé\u{a0}Pen",
            "x",
        ] {
            let w = words_of(s);
            let all: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(w.first, all.first().copied().unwrap_or_default(), "{s:?}");
            assert_eq!(w.last, all.last().copied().unwrap_or_default(), "{s:?}");
            assert_eq!(w.n, all.len().max(1), "{s:?}");
        }
    }

    /// [`word_at`] as first written, with `str` methods.
    fn word_at_slow(text: &str, at: usize, before: bool) -> &str {
        if before {
            let lo = char_floor(text, at.saturating_sub(WORD_REACH));
            let head = text.get(lo..at).unwrap_or_default().trim_end();
            let w = head.rsplit(char::is_whitespace).next().unwrap_or_default();
            if w.is_empty() { "^" } else { w }
        } else {
            let hi = char_floor(text, (at + WORD_REACH).min(text.len()));
            let tail = text.get(at..hi).unwrap_or_default().trim_start();
            let w = tail.split(char::is_whitespace).next().unwrap_or_default();
            if w.is_empty() { "$" } else { w }
        }
    }

    #[test]
    fn the_word_next_to_a_span_is_what_str_methods_find() {
        let text = "“Yes,”\u{a0}said  Ann\u{2009}Lee’s \t aide, «non» \u{3000}x  é\u{85}ü\n\n end ";
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for before in [true, false] {
                assert_eq!(
                    word_at(text, at, before),
                    word_at_slow(text, at, before),
                    "{at} {before}"
                );
            }
        }
    }

    #[test]
    fn the_word_next_to_a_span_crosses_spaces_of_any_kind() {
        let text = "said\u{a0} Ann Lee ,\u{2009}and";
        assert_eq!(word_at(text, 7, true), "said");
        assert_eq!(word_at(text, 14, false), ",");
        assert_eq!(word_at(text, 0, true), "^");
        assert_eq!(word_at(text, text.len(), false), "$");
        let ascii = "He said  Ann Lee  told";
        assert_eq!(word_at(ascii, 9, true), "said");
        assert_eq!(word_at(ascii, 16, false), "told");
    }
}
