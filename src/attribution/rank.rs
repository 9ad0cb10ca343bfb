//! A learned second opinion on the speaker: the rules of [`super::attribute_one`] pick one
//! speaker, but the sentence often offers several (the subject of each speech verb before and
//! after the quotation, the object of "according to", the sentence's first noun phrase, a
//! possessive, the previous quotation's speaker). Which one PolNeAR's annotators chose depends
//! on cues the rules weigh by hand in a fixed order (nesting, "what X called", outer sources);
//! a ranker weighs them from data instead.
//!
//! Each candidate gets hashed features (how it was found, which cue and on which side, how
//! far, its shape, the rule's choice and how the rule found it); an averaged perceptron
//! trained on PolNeAR train (`examples/train_speakers.rs`) scores them and the best wins. The
//! rule's choice is always a candidate and wins ties, so an empty model changes nothing.
//!
//! Cost per quotation is bounded: two windows of at most [`REACH`] bytes are tokenized and at
//! most [`MAX_CHOICES`] candidates are scored.

use super::cues::{CueKind, cue_at};
use super::speaker::{Span, is_pronoun, phrase_after, subject_before};
use super::subject::{leading_subject, passive_agent};
use super::words::{Token, tokenize};
use super::{Attribution, How, char_floor, span_of};
use crate::learn::hash;
use crate::learn::{Perceptron, Weights};
use crate::quotes::pairing::Candidate;
use crate::sentences::sentence_end;
use std::sync::LazyLock;

/// How far (bytes) before and after the quotation candidates are looked for.
pub const REACH: usize = 120;
/// Most candidates per quotation (the rule's choice and "none" included).
pub const MAX_CHOICES: usize = 10;
/// Most names and pronouns taken on each side of the quotation.
const MAX_MENTIONS: usize = 2;
/// How far (bytes) the word next to a candidate is looked for.
const WORD_REACH: usize = 24;
/// Bits of the feature table.
pub const BITS: u32 = 18;
/// Classes: 0 "not the speaker", 1 "the speaker"; a candidate's score is the difference.
pub const CLASSES: usize = 2;

static MODEL: LazyLock<Option<Weights>> = LazyLock::new(|| {
    Weights::from_static(include_bytes!("../../data/speakers.model"))
        .filter(|w| w.classes() == CLASSES)
});

/// Whether the ranker gets a say for quotations the rules attributed this way: where they
/// found no cue at all, or fell back on the sentence before. On held-out folds of PolNeAR
/// train the ranker gains most there per quotation ranked (a third of them put right); it
/// also gains a little after an earlier cue of the sentence and on a sentence's subject, but
/// ranking those (a third of all quotations) would cost a fifth of the pipeline's time.
pub fn ranks(how: How) -> bool {
    matches!(how, How::PreviousSentence | How::Unattributed)
}

/// Whether a speaker model is compiled in.
pub fn enabled() -> bool {
    MODEL.is_some()
}

/// One speaker candidate: its byte span (`None`: no speaker) and its features.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The speaker's words, in bytes.
    pub span: Option<(usize, usize)>,
    /// Hashed feature buckets.
    pub feats: Vec<u32>,
}

/// Where a candidate came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Subject,
    Object,
    Agent,
    According,
    Participle,
    Leading,
    Possessive,
    Previous,
    Next,
    Mention,
}

impl Role {
    fn tag(self) -> &'static [u8] {
        match self {
            Role::Subject => b"subj",
            Role::Object => b"obj",
            Role::Agent => b"agent",
            Role::According => b"acc",
            Role::Participle => b"part",
            Role::Leading => b"lead",
            Role::Possessive => b"poss",
            Role::Previous => b"prev",
            Role::Next => b"next",
            Role::Mention => b"mention",
        }
    }
}

/// A raw candidate before features: span and the facts features are made of.
#[derive(Clone, Copy)]
struct Raw<'t> {
    span: (usize, usize),
    role: Role,
    after: bool,
    cue: &'t str,
    ordinal: usize,
    distance: usize,
    lead_in: bool,
}

/// The context a quotation's candidates are judged in.
struct Ctx<'t> {
    text: &'t str,
    how_h: u64,
    frag_h: u64,
    para_h: u64,
    rule: Option<(usize, usize)>,
    rule_cue_h: u64,
    prev_same_para: bool,
    open: usize,
    close: usize,
    /// Byte offsets of the first quote marks in the windows.
    marks: [usize; MAX_MARKS],
}

/// Quote marks counted between a candidate and the quotation.
const MAX_MARKS: usize = 8;

fn how_tag(h: How) -> &'static [u8] {
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
struct Feats<'a> {
    out: &'a mut Vec<u32>,
}

impl Feats<'_> {
    fn add(&mut self, id: u32, parts: &[u64]) {
        let h = parts.iter().fold(hash::SEED, |h, &p| hash::mix(h, p));
        self.out.push(hash::bucket(id, h, BITS));
    }
}

/// The hash of a feature part.
fn h(b: &[u8]) -> u64 {
    hash::bytes(hash::SEED, b)
}

/// The hash of a word, lower-cased (its first 16 bytes).
fn h_lower(w: &str) -> u64 {
    w.bytes()
        .take(16)
        .fold(hash::SEED, |s, b| hash::byte(s, b.to_ascii_lowercase()))
}

/// The hash of a small number.
fn h_num(n: usize) -> u64 {
    h(bucket_of(n))
}

fn bucket_of(n: usize) -> &'static [u8] {
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
fn shape(text: &str, span: (usize, usize)) -> &'static [u8] {
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
fn word_at(text: &str, at: usize, before: bool) -> &str {
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
fn span_features(ctx: &Ctx<'_>, span: Option<(usize, usize)>, f: &mut Feats<'_>) -> u64 {
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
fn raw_features(ctx: &Ctx<'_>, r: &Raw<'_>, sh: u64, f: &mut Feats<'_>) {
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

/// Adds candidates for every cue of `toks`, numbering cues outwards from the quotation.
fn cue_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let n = toks.len();
    let mut ordinal = 0;
    let mut words = 0;
    for i in 0..n {
        let k = if after { i } else { n - 1 - i };
        let Some(t) = toks.get(k) else { continue };
        if t.is_word {
            words += 1;
        }
        let Some(m) = cue_at(toks, k) else { continue };
        let mut push = |sp: Option<Span>, role: Role| {
            if let Some(span) = sp.and_then(|s| span_of(toks, s)) {
                raws.push(Raw {
                    span,
                    role,
                    after,
                    cue: t.text,
                    ordinal,
                    distance: words,
                    lead_in: false,
                });
            }
        };
        match m.kind {
            CueKind::According => push(phrase_after(toks, k + m.len, n), Role::According),
            CueKind::Participle => {
                push(subject_before(toks, k, 0), Role::Participle);
                push(leading_subject(toks, 0, k), Role::Participle);
            }
            CueKind::Verb => {
                if let Some(by) = passive_agent(toks, k) {
                    push(phrase_after(toks, by + 1, n), Role::Agent);
                }
                push(subject_before(toks, k, 0), Role::Subject);
                push(phrase_after(toks, k + m.len, n), Role::Object);
            }
        }
        ordinal += 1;
        if raws.len() >= MAX_CHOICES {
            break;
        }
    }
}

/// Names (runs of capitalised words) and pronouns nearest the quotation, outwards.
fn mention_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let n = toks.len();
    let mut seen = 0;
    let mut i = 0;
    let mut words = 0;
    while i < n && seen < MAX_MENTIONS {
        let k = if after { i } else { n - 1 - i };
        let Some(t) = toks.get(k) else { break };
        if t.is_word {
            words += 1;
        }
        let at = |j: usize| toks.get(j).filter(|t| t.is_capitalized());
        let span = if t.is_word && is_pronoun(t.text) {
            Some((k, k + 1))
        } else if t.is_capitalized() && at(k + 1).is_none() && !after {
            // The last word of a name read backwards: extend to its first word.
            let mut s = k;
            while s > 0 && k - s < 4 && at(s - 1).is_some() {
                s -= 1;
            }
            (s > 0).then_some((s, k + 1)) // a sentence's first word is often no name
        } else if t.is_capitalized() && after && (k == 0 || at(k - 1).is_none()) {
            let mut e = k + 1;
            while e < n && e - k < 4 && at(e).is_some() {
                e += 1;
            }
            Some((k, e))
        } else {
            None
        };
        if let Some(sp) = span.and_then(|s| span_of(toks, s)) {
            raws.push(Raw {
                span: sp,
                role: Role::Mention,
                after,
                cue: "",
                ordinal: seen,
                distance: words,
                lead_in: false,
            });
            seen += 1;
        }
        i += 1;
    }
}

/// Possessives naming whose words these are ("her remark that “…”", "in Lee’s view").
fn possessive_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let idx: Vec<usize> = if after {
        (0..toks.len().min(12)).collect()
    } else {
        (toks.len().saturating_sub(12)..toks.len()).rev().collect()
    };
    let mut seen = 0;
    for (d, k) in idx.into_iter().enumerate() {
        let Some(t) = toks.get(k) else { continue };
        let pron = ["his", "her", "their"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(t.text));
        if pron || (t.is_possessive() && t.is_capitalized()) {
            raws.push(Raw {
                span: (t.start, t.end),
                role: Role::Possessive,
                after,
                cue: if pron { t.text } else { "'s" },
                ordinal: seen,
                distance: d,
                lead_in: false,
            });
            seen += 1;
            if seen >= 2 {
                break;
            }
        }
    }
}

/// The candidates of one quotation with their features; `out` is cleared and refilled.
pub(super) fn choices(
    text: &str,
    c: &Candidate,
    a: &Attribution,
    sentence: usize,
    prev: Option<(&Candidate, &Attribution)>,
    out: &mut Vec<Choice>,
) {
    // The quotation's sentence (as the rules found it), within reach.
    let s_start = sentence.max(char_floor(text, c.open.saturating_sub(REACH)));
    let before = tokenize(text, s_start, c.open);
    let after = if c.unclosed {
        Vec::new()
    } else {
        let cap = char_floor(text, (c.close + REACH).min(text.len()));
        tokenize(text, c.close, sentence_end(text, c.close, cap))
    };
    let mut raws: Vec<Raw<'_>> = Vec::with_capacity(16);
    cue_candidates(&before, false, &mut raws);
    cue_candidates(&after, true, &mut raws);
    if let Some(sp) = leading_subject(&before, 0, before.len()).and_then(|s| span_of(&before, s)) {
        raws.push(Raw {
            span: sp,
            role: Role::Leading,
            after: false,
            cue: "",
            ordinal: 0,
            distance: 0,
            lead_in: false,
        });
    }
    // The noun phrase right after the closing mark: `,” Lee went on`.
    let i0 = after
        .iter()
        .take_while(|t| !t.is_word && ",—–-".contains(t.text))
        .count();
    if let Some(t) = after.get(i0) {
        let len = if is_pronoun(t.text) {
            1
        } else {
            after
                .iter()
                .skip(i0)
                .take(5)
                .take_while(|t| t.is_capitalized())
                .count()
        };
        if len > 0 {
            if let Some(sp) = span_of(&after, (i0, i0 + len)) {
                raws.push(Raw {
                    span: sp,
                    role: Role::Next,
                    after: true,
                    cue: "",
                    ordinal: 0,
                    distance: 0,
                    lead_in: false,
                });
            }
        }
    }
    // A paragraph ending in a colon before this one: its cues' speakers.
    let lead = if a.mid_sentence {
        None
    } else {
        super::context::paragraph_lead_in(text, c)
    };
    if let Some(lead) = &lead {
        let from = raws.len();
        cue_candidates(lead, false, &mut raws);
        if let Some(sp) = leading_subject(lead, 0, lead.len()).and_then(|s| span_of(lead, s)) {
            raws.push(Raw {
                span: sp,
                role: Role::Leading,
                after: false,
                cue: "",
                ordinal: 0,
                distance: 0,
                lead_in: true,
            });
        }
        for r in raws.iter_mut().skip(from) {
            r.lead_in = true;
        }
    }
    mention_candidates(&before, false, &mut raws);
    mention_candidates(&after, true, &mut raws);
    possessive_candidates(&before, false, &mut raws);
    possessive_candidates(&after, true, &mut raws);
    let prev_same_para = prev.is_some_and(|(p, _)| {
        p.close <= c.open
            && c.open - p.close < REACH
            && text
                .as_bytes()
                .get(p.close..c.open)
                .is_some_and(|g| !g.contains(&b'\n'))
    });
    if let Some(sp) = prev.and_then(|(_, pa)| pa.speaker) {
        raws.push(Raw {
            span: sp,
            role: Role::Previous,
            after: false,
            cue: "",
            ordinal: 0,
            distance: 0,
            lead_in: false,
        });
    }
    let fragment = super::starts_lowercase(text, c);
    let mut marks = [usize::MAX; MAX_MARKS];
    let quote_marks = before
        .iter()
        .rev()
        .chain(after.iter())
        .filter(|t| !t.is_word && "“”\"„«»".contains(t.text));
    for (m, t) in marks.iter_mut().zip(quote_marks) {
        *m = t.start;
    }
    let ctx = Ctx {
        text,
        how_h: h(how_tag(a.how)),
        frag_h: h(&[u8::from(fragment), u8::from(a.mid_sentence)]),
        para_h: h(&[u8::from(c.starts_paragraph)]),
        rule: a.speaker,
        rule_cue_h: h_lower(
            a.cue
                .and_then(|(s, e)| text.get(s..e))
                .and_then(|w| w.split_whitespace().next())
                .unwrap_or(""),
        ),
        prev_same_para,
        open: c.open,
        close: c.close,
        marks,
    };
    // The rule's choice first, then "none", then the others by first appearance.
    let mut spans = [None; MAX_CHOICES];
    let mut n = 0;
    let mut push = |sp: Option<(usize, usize)>, n: &mut usize| {
        if *n < MAX_CHOICES && !spans.get(..*n).unwrap_or_default().contains(&sp) {
            if let Some(slot) = spans.get_mut(*n) {
                *slot = sp;
                *n += 1;
            }
        }
    };
    push(a.speaker, &mut n);
    if a.speaker.is_some() {
        push(None, &mut n);
    }
    for r in &raws {
        push(Some(r.span), &mut n);
    }
    // Reuse the buffers of earlier quotations: no allocation once they are warm.
    out.truncate(n);
    while out.len() < n {
        out.push(Choice {
            span: None,
            feats: Vec::with_capacity(64),
        });
    }
    for (ch, &span) in out.iter_mut().zip(spans.iter()) {
        ch.span = span;
        ch.feats.clear();
        let mut f = Feats { out: &mut ch.feats };
        let sh = span_features(&ctx, span, &mut f);
        for r in raws.iter().filter(|r| Some(r.span) == span) {
            raw_features(&ctx, r, sh, &mut f);
        }
    }
}

/// The score of a choice: "speaker" minus "not the speaker".
fn score(w: &Weights, feats: &[u32]) -> i32 {
    let mut s = [0i32; CLASSES];
    w.add_scores(feats, &mut s);
    s[1] - s[0]
}

/// How much (in perceptron updates) another choice must outscore the rule's to replace it.
/// Held-out folds of PolNeAR train: none is best where the ranker runs ([`ranks`]).
pub const MARGIN: f32 = 0.0;

/// The speaker the compiled-in model prefers among `choices`; `None` when there is no model.
pub(super) fn best(choices: &[Choice]) -> Option<Option<(usize, usize)>> {
    best_with(MODEL.as_ref()?, choices)
}

/// The choice `w` prefers: the first (the rule's) unless another beats it by [`MARGIN`].
pub fn best_with(w: &Weights, choices: &[Choice]) -> Option<Option<(usize, usize)>> {
    let first = choices.first()?;
    let margin = (MARGIN / w.scale()) as i32;
    let rule = score(w, &first.feats);
    let mut best = (rule.saturating_add(margin), first.span);
    for ch in choices.iter().skip(1) {
        let s = score(w, &ch.feats);
        if s > best.0 {
            best = (s, ch.span);
        }
    }
    Some(best.1)
}

/// For training: each candidate quotation of `text` the quote filter keeps (quoted span in
/// bytes), with how the rules attributed it and its speaker choices as the rules alone see
/// them. Every kept quotation is an example, not only those [`ranks`] lets the ranker decide:
/// more data, and the features say how the rules found their speaker.
pub fn training_choices(text: &str) -> Vec<((usize, usize), How, Vec<Choice>)> {
    let cands = crate::quotes::pairing::pair(text);
    let mut out = Vec::with_capacity(cands.len());
    super::attribute_with(
        text,
        &cands,
        &mut |c: &Candidate, a: &Attribution, ch: &[Choice]| {
            out.push(((c.start, c.end), a.how, ch.to_vec()));
        },
    );
    out
}

/// One ranking update: `gold` indexes the right choices. Returns whether the guess was right.
pub fn train_step(p: &mut Perceptron, choices: &[Choice], gold: &[bool]) -> bool {
    p.tick();
    let mut s = [0.0f32; CLASSES];
    let mut guess = 0;
    let mut best = f32::MIN;
    for (i, ch) in choices.iter().enumerate() {
        p.scores(&ch.feats, &mut s);
        let v = s[1] - s[0];
        if v > best {
            best = v;
            guess = i;
        }
    }
    if gold.get(guess).copied().unwrap_or(false) {
        return true;
    }
    // The best-scoring right choice moves up, the guess down.
    let mut truth = None;
    let mut tbest = f32::MIN;
    for (i, ch) in choices.iter().enumerate() {
        if !gold.get(i).copied().unwrap_or(false) {
            continue;
        }
        p.scores(&ch.feats, &mut s);
        let v = s[1] - s[0];
        if v > tbest {
            tbest = v;
            truth = Some(i);
        }
    }
    if let (Some(t), Some(g)) = (truth.and_then(|t| choices.get(t)), choices.get(guess)) {
        p.update(&t.feats, 1, 0);
        p.update(&g.feats, 0, 1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The choices of the only candidate quotation of `text`, as the rules see them.
    fn choices_of(text: &str) -> (How, Vec<Option<String>>) {
        let all = training_choices(text);
        let (_, how, ch) = all.into_iter().next().unwrap_or_else(|| unreachable!());
        let spans = ch
            .iter()
            .map(|c| c.span.and_then(|(s, e)| text.get(s..e)).map(str::to_string))
            .collect();
        (how, spans)
    }

    #[test]
    fn only_guessed_attributions_are_ranked() {
        assert!(ranks(How::Unattributed));
        assert!(ranks(How::PreviousSentence));
        assert!(!ranks(How::AfterAdjacent));
        assert!(!ranks(How::BeforeAdjacent));
    }

    #[test]
    fn candidates_are_the_rule_then_none_then_names_around() {
        let text = "Yes, the new bridge is “the best thing to happen to this valley,” for Ann Lee.";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::Unattributed);
        assert_eq!(
            spans.first(),
            Some(&None),
            "the rule's (empty) choice comes first"
        );
        assert!(spans.contains(&Some("Ann Lee".to_string())), "{spans:?}");
    }

    #[test]
    fn cues_on_both_sides_give_candidates() {
        // An adjacent attribution is not ranked; a stand-alone quotation after a reporting
        // sentence is, with the subject of the verb after it as a candidate too.
        let text = "Ann Lee praised the plan.\n\n“It works well for everyone here,” Tom Baker \
                    added, according to the Daily Ledger.";
        let (how, _) = choices_of(text);
        assert!(!ranks(how), "an adjacent cue is left to the rules: {how:?}");
        let text = "Ann Lee praised the plan.\n\n“It works.” Tom Baker wrote to her later.";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::PreviousSentence);
        assert_eq!(spans.first(), Some(&Some("Ann Lee".to_string())));
        assert!(spans.contains(&None));
        assert!(spans.contains(&Some("Tom Baker".to_string())), "{spans:?}");
    }

    #[test]
    fn a_name_before_the_quotation_is_a_candidate_whole() {
        let text =
            "When asked whom she backed, Ms. Ann Lee smiled and said, “The one who listens.”";
        let (_, spans) = choices_of(text);
        assert!(
            spans.contains(&Some("Ms. Ann Lee".to_string())),
            "{spans:?}"
        );
        assert!(!spans.contains(&Some("Ms.".to_string())), "{spans:?}");
    }

    #[test]
    fn an_empty_model_keeps_the_rule_choice() {
        let w = Weights::quantise(4, CLASSES, &[0.0; 32]);
        let choices = [
            Choice {
                span: Some((0, 3)),
                feats: vec![1, 2],
            },
            Choice {
                span: None,
                feats: vec![3],
            },
        ];
        assert_eq!(best_with(&w, &choices), Some(Some((0, 3))));
        assert_eq!(best_with(&w, &[]), None);
    }

    #[test]
    fn training_moves_the_right_choice_up() {
        let mut p = Perceptron::new(6, CLASSES);
        let choices = [
            Choice {
                span: Some((0, 3)),
                feats: vec![1],
            },
            Choice {
                span: Some((5, 9)),
                feats: vec![2],
            },
        ];
        for _ in 0..3 {
            train_step(&mut p, &choices, &[false, true]);
        }
        let w = p.averaged();
        assert_eq!(best_with(&w, &choices), Some(Some((5, 9))));
    }
}
