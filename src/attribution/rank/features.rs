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
pub(super) struct Feats<'a> {
    pub(super) out: &'a mut Vec<u32>,
}

impl Feats<'_> {
    fn add(&mut self, id: u32, parts: &[u64]) {
        let h = parts.iter().fold(hash::SEED, |h, &p| hash::mix(h, p));
        self.out.push(hash::bucket(id, h, BITS));
    }
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

/// The hash of a small number.
pub(super) fn h_num(n: usize) -> u64 {
    h(bucket_of(n))
}

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

/// The shape of a speaker phrase: pronoun, relative pronoun, name, description.
pub(super) fn shape(text: &str, span: (usize, usize)) -> &'static [u8] {
    let Some(s) = text.get(span.0..span.1) else {
        return b"?";
    };
    let first = s.split_whitespace().next().unwrap_or_default();
    if is_pronoun(first) && !s.contains(' ') {
        return b"pron";
    }
    if ["who", "which"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(first))
    {
        return b"rel";
    }
    let possessive = s.ends_with("’s") || s.ends_with("'s") || s.ends_with('’');
    if ["his", "her", "their", "its"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(s))
    {
        return b"posspron";
    }
    let caps = s
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    match (
        possessive,
        caps,
        first.chars().next().is_some_and(char::is_uppercase),
    ) {
        (true, _, _) => b"possname",
        (_, 0, _) => b"lower",
        (_, _, true) => b"name",
        _ => b"desc",
    }
}

/// The word just before (or after) byte `at`, looked for within a few bytes.
pub(super) fn word_at(text: &str, at: usize, before: bool) -> &str {
    if before {
        let lo = char_floor(text, at.saturating_sub(WORD_REACH));
        let head = text.get(lo..at).unwrap_or_default().trim_end();
        let w = head
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default();
        if w.is_empty() { "^" } else { w }
    } else {
        let hi = char_floor(text, (at + WORD_REACH).min(text.len()));
        let tail = text.get(at..hi).unwrap_or_default().trim_start();
        let w = tail
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default();
        if w.is_empty() { "$" } else { w }
    }
}

/// Span-level features of a candidate (not of how it was found); returns its shape's hash.
pub(super) fn span_features(ctx: &Ctx<'_>, span: Option<(usize, usize)>, f: &mut Feats<'_>) -> u64 {
    let how = ctx.how_h;
    let Some(span) = span else {
        f.add(1, &[h(b"none"), how]);
        f.add(2, &[h(b"none"), how, ctx.frag_h]);
        return h(b"none");
    };
    let sh = h(shape(ctx.text, span));
    // Quote marks between the candidate and the quotation: another quotation in between, or
    // the candidate inside one.
    let (lo, hi) = if span.1 <= ctx.open {
        (span.1, ctx.open)
    } else {
        (ctx.close, span.0)
    };
    let between = h_num(ctx.marks.iter().filter(|&&m| lo <= m && m < hi).count());
    let side = h(if span.0 < ctx.open { b"B" } else { b"A" });
    f.add(40, &[side, between]);
    f.add(41, &[side, between, sh, how]);
    f.add(42, &[ctx.para_h, side, sh, how]);
    let phrase = ctx.text.get(span.0..span.1).unwrap_or_default();
    let mut words = phrase.split_whitespace();
    let first = words.next().unwrap_or_default();
    let (n, last) = words.fold((1, first), |(n, _), w| (n + 1, w));
    f.add(3, &[sh]);
    f.add(4, &[sh, h_num(n)]);
    f.add(5, &[h_lower(word_at(ctx.text, span.0, true))]);
    f.add(6, &[h_lower(word_at(ctx.text, span.1, false))]);
    // The head word (last word) and first word of the phrase.
    f.add(11, &[h_lower(last)]);
    f.add(12, &[h_lower(first)]);
    let rel = h(match ctx.rule {
        None => b"norule",
        Some(r) if r.0 < span.1 && span.0 < r.1 => b"same",
        Some(r) if span.1 <= r.0 => b"before-rule",
        Some(_) => b"after-rule",
    });
    f.add(13, &[rel, side, how]);
    f.add(14, &[rel, side, how, sh]);
    f.add(15, &[rel, how, ctx.rule_cue_h]);
    f.add(16, &[rel, how, ctx.frag_h, sh]);
    if ctx.rule.is_some_and(|r| r.0 < span.1 && span.0 < r.1) {
        f.add(7, &[how]);
        f.add(8, &[how, sh]);
        f.add(9, &[how, ctx.frag_h]);
    } else {
        f.add(10, &[how, sh]);
    }
    sh
}

/// Features of one way a candidate was found.
pub(super) fn raw_features(ctx: &Ctx<'_>, r: &Raw<'_>, sh: u64, f: &mut Feats<'_>) {
    let role = h(r.role.tag());
    let side = h(match (r.after, r.lead_in) {
        (_, true) => b"L",
        (true, _) => b"A",
        _ => b"B",
    });
    let how = ctx.how_h;
    let cue = h_lower(r.cue);
    let frag = ctx.frag_h;
    let ordinal = h_num(r.ordinal);
    f.add(20, &[role, side]);
    f.add(31, &[role, side, sh]);
    f.add(21, &[role, side, cue]);
    f.add(22, &[role, side, ordinal]);
    f.add(23, &[role, side, h_num(r.distance)]);
    f.add(24, &[role, side, frag]);
    f.add(25, &[role, side, how]);
    f.add(26, &[role, side, how, ordinal]);
    f.add(27, &[role, side, cue, frag]);
    f.add(29, &[role, side, how, ctx.rule_cue_h]);
    f.add(30, &[role, side, ordinal, frag, how]);
    if r.role == Role::Previous {
        f.add(28, &[role, h(&[u8::from(ctx.prev_same_para)]), how]);
    }
}
