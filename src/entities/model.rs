//! The tagger: BIO tags over tokens, chosen greedily left to right by the averaged
//! perceptron whose weights are compiled into the binary (`data/ner.model`, trained by
//! `examples/train_ner.rs`).

use super::ahead::Partial;
use super::doc::Doc;
use super::features::{self, Feats};
use super::reuse::Kept;
use super::scratch::TagBuffers;
use super::tokenize::F_LINE_START;
use crate::Label;
use crate::learn::Weights;
use std::sync::LazyLock;

/// Number of tags: `O`, then `B-` and `I-` for PERSON, ORG, LOC, MISC in that order.
pub const TAGS: usize = 9;
/// The outside tag.
pub const O: u8 = 0;

/// The two passes' weights: the first pass sees the text, the second also the first pass's
/// tags of every occurrence of each word ([`super::history`]).
pub struct Models {
    /// First-pass weights (`data/ner.model`).
    pub first: Weights,
    /// Second-pass weights (`data/ner2.model`); without them the first pass is final.
    pub second: Option<Weights>,
}

static MODELS: LazyLock<Option<Models>> = LazyLock::new(|| {
    let ok = |w: Weights| (w.classes() == TAGS).then_some(w);
    let first = Weights::from_static(include_bytes!("../../data/ner.model")).and_then(ok)?;
    let second = Weights::from_static(include_bytes!("../../data/ner2.model")).and_then(ok);
    Some(Models { first, second })
});

/// The compiled-in weights, or `None` if they fail to parse (then no entity is tagged).
pub fn models() -> Option<&'static Models> {
    MODELS.as_ref()
}

/// First-pass score margins at or above this (in real score units, so that it survives a
/// retrain, whose quantisation scale differs) keep the first pass's tag without scoring the
/// token again in the second pass, when the tag before it is also unchanged. On the
/// development split, typed F1 with the second pass scoring every candidate is 89.97; at 20
/// it is 90.02 and the whole tagger runs about 15% faster than at 73 (the former setting,
/// 3000 quantised units); at 10, 89.96; at 0 (first pass only), 89.70.
pub const SURE: f32 = 20.0;

/// [`SURE`] in the quantised units of `first`.
fn sure_units(first: &Weights) -> i32 {
    let s = first.scale();
    if s > 0.0 {
        (SURE / s).min(i32::MAX as f32) as i32
    } else {
        i32::MAX
    }
}

/// Tags `doc` with both passes (leaves the history in `doc.hist`).
///
/// Each pass first sums, for the tokens it will score, every feature's row but the two of
/// the previous tag ([`Partial`]); the greedy pass then adds those two. The second pass
/// takes the first pass's features ([`Kept`]) and scores again only the tokens the first
/// was unsure of, and those whose previous tag it changed.
///
/// Its arrays are those of `doc.spare` (see [`super::scratch`]), given back after.
pub fn tag_two(doc: &mut Doc, first: &Weights, second: Option<&Weights>) -> Vec<u8> {
    let mut spare = std::mem::take(&mut doc.spare);
    let tags = tag_two_in(doc, first, second, &mut spare);
    doc.spare = spare;
    tags
}

/// [`tag_two`] in the arrays of `spare`.
fn tag_two_in(
    doc: &mut Doc,
    first: &Weights,
    second: Option<&Weights>,
    spare: &mut TagBuffers,
) -> Vec<u8> {
    doc.hist.clear();
    let mut margins = std::mem::take(&mut spare.margins);
    let mut kept = Kept::for_doc_in(
        doc,
        std::mem::take(&mut spare.kept_buckets),
        std::mem::take(&mut spare.kept_at),
    );
    let tags = first_pass(doc, first, &mut kept, &mut margins, spare);
    let Some(w) = second else {
        (spare.kept_buckets, spare.kept_at) = kept.into_vecs();
        spare.margins = margins;
        return tags;
    };
    let mut hist = std::mem::take(&mut doc.hist);
    super::history::compute_into(doc, &tags, &mut spare.counts, &mut hist);
    doc.hist = hist;
    let contexts = std::mem::take(&mut doc.contexts);
    doc.contexts = super::contexts::compute_in(doc, contexts, &mut spare.contexts);
    let doc = &*doc;
    let sure = sure_units(first);
    let known = |i: usize, prev: u8| {
        let prev_one = if i > 0 {
            tags.get(i - 1).copied().unwrap_or(O)
        } else {
            O
        };
        (margins.get(i).copied().unwrap_or(0) >= sure && prev == prev_one)
            .then(|| tags.get(i).copied().unwrap_or(O))
    };
    let bits = w.bits();
    // Kept features are buckets of the first pass's table size.
    let same_size = bits == first.bits();
    let fresh = |i: usize, prev: u8, f: &mut Feats| {
        if same_size {
            kept.second_pass(doc, i, prev, bits, f);
        } else {
            features::extract_into(doc, i, prev, bits, f);
        }
    };
    let mut unsure = std::mem::take(&mut spare.second_list);
    unsure.clear();
    unsure.extend((margins.iter().enumerate()).filter_map(|(i, &m)| (m < sure).then_some(i)));
    let sums = std::mem::take(&mut spare.second_sums);
    let part = Partial::compute_in(unsure, w, |i, f| fresh(i, O, f), sums);
    let out_tags = std::mem::take(&mut spare.final_tags);
    let out = greedy(doc, w, &part, known, fresh, |_, _, _, _| {}, out_tags);
    (spare.second_list, spare.second_sums) = part.into_vecs();
    (spare.kept_buckets, spare.kept_at) = kept.into_vecs();
    spare.margins = margins;
    spare.first_tags = tags;
    out
}

/// The first pass: [`tag`], also giving each token's margin between its tag's score and
/// the next best allowed tag's (`i32::MAX` for tokens not scored) and keeping every
/// candidate's features (extracted after `O`) in `kept`. Its other arrays are those of
/// `spare`: the tags are `spare.first_tags`, taken.
fn first_pass(
    doc: &Doc,
    w: &Weights,
    kept: &mut Kept,
    margins: &mut Vec<i32>,
    spare: &mut TagBuffers,
) -> Vec<u8> {
    margins.clear();
    margins.resize(doc.toks.len(), i32::MAX);
    let bits = w.bits();
    let mut cands = std::mem::take(&mut spare.first_list);
    cands.clear();
    cands.extend_from_slice(&doc.cands);
    let sums = std::mem::take(&mut spare.first_sums);
    let part = Partial::compute_in(
        cands,
        w,
        |i, f| {
            features::extract_into(doc, i, O, bits, f);
            kept.keep(i, O, f.as_slice());
        },
        sums,
    );
    let fresh = |i: usize, prev: u8, f: &mut Feats| features::extract_into(doc, i, prev, bits, f);
    let tags = greedy(
        doc,
        w,
        &part,
        |_, _| None,
        fresh,
        |i, s, prev, b| {
            let mut second = i32::MIN;
            for (t, &v) in s.iter().enumerate() {
                let other = (t != usize::from(b)) & allowed(prev, t);
                second = second.max(if other { v } else { i32::MIN });
            }
            if let Some(m) = margins.get_mut(i) {
                *m = s[usize::from(b)].saturating_sub(second);
            }
        },
        std::mem::take(&mut spare.first_tags),
    );
    (spare.first_list, spare.first_sums) = part.into_vecs();
    tags
}

/// The greedy left-to-right pass over partial scores: a token's scores are its partial
/// score plus the rows of the previous tag's two features; a token without one is scored
/// from the features `fresh(i, prev, out)` sets. `known(i, prev)` may give a token's tag
/// without scoring; `seen(i, scores, prev, tag)` hears of every token scored. The tags
/// are written in `tags` (cleared first).
fn greedy(
    doc: &Doc,
    w: &Weights,
    part: &Partial,
    known: impl FnMut(usize, u8) -> Option<u8>,
    mut fresh: impl FnMut(usize, u8, &mut Feats),
    mut seen: impl FnMut(usize, &[i32; TAGS], u8, u8),
    tags: Vec<u8>,
) -> Vec<u8> {
    let bits = w.bits();
    let mut feats = Feats::default();
    walk(doc, tags, known, |i, prev| {
        let s = match part.get(i) {
            Some(mut s) => {
                // The previous tag's row is always cached; the one with the word was asked
                // for with the partial score (for `O`, the usual previous tag).
                w.add_rows_n(&features::prev_buckets(doc, i, prev, bits), &mut s);
                s
            }
            None => {
                fresh(i, prev, &mut feats);
                let mut s = [0i32; TAGS];
                w.add_scores_n(feats.as_slice(), &mut s);
                s
            }
        };
        let b = best(&s, prev);
        seen(i, &s, prev, b);
        b
    })
}

/// The `B-` tag of `label`.
pub fn begin(label: Label) -> u8 {
    match label {
        Label::Person => 1,
        Label::Org => 3,
        Label::Loc => 5,
        Label::Misc => 7,
    }
}

/// The label of a non-`O` tag.
pub fn label(tag: u8) -> Label {
    match tag {
        1 | 2 => Label::Person,
        3 | 4 => Label::Org,
        5 | 6 => Label::Loc,
        _ => Label::Misc,
    }
}

/// Whether `tag` may follow `prev`: an `I-` tag only continues its own label.
#[inline]
pub fn allowed(prev: u8, tag: usize) -> bool {
    // `|`, not `||`: no branch per test (the tags before are as good as random).
    (tag % 2 == 1) | (tag == 0) | (usize::from(prev) + 1 == tag) | (usize::from(prev) == tag)
}

/// Tags `doc` left to right. `choose(i, features, prev)` returns the tag of candidate token
/// `i`; every other token is `O`. Training passes a `choose` that also updates the model.
pub fn decode(doc: &Doc, bits: u32, choose: impl FnMut(usize, &[u32], u8) -> u8) -> Vec<u8> {
    decode_with(doc, bits, |_, _| None, choose)
}

/// [`decode`], where `known(i, prev)` may give a token's tag without extracting its features.
pub fn decode_with(
    doc: &Doc,
    bits: u32,
    known: impl FnMut(usize, u8) -> Option<u8>,
    choose: impl FnMut(usize, &[u32], u8) -> u8,
) -> Vec<u8> {
    let features = |i: usize, prev: u8, f: &mut Feats| {
        features::extract_into(doc, i, prev, bits, f);
    };
    decode_by(doc, known, features, choose)
}

/// [`decode_with`], where `features(i, prev, out)` sets the features of token `i`.
fn decode_by(
    doc: &Doc,
    known: impl FnMut(usize, u8) -> Option<u8>,
    mut features: impl FnMut(usize, u8, &mut Feats),
    mut choose: impl FnMut(usize, &[u32], u8) -> u8,
) -> Vec<u8> {
    let mut feats = Feats::default();
    walk(doc, Vec::new(), known, |i, prev| {
        features(i, prev, &mut feats);
        choose(i, feats.as_slice(), prev)
    })
}

/// The greedy left-to-right walk every tagging shares: only candidate tokens are tagged
/// (the rest are `O`), each after the tag before it, which a line end resets to `O`;
/// `known(i, prev)` may give a token's tag, otherwise `tag(i, prev)` decides it. The tags
/// are written in `tags` (cleared first, its room perhaps made by a former text).
fn walk(
    doc: &Doc,
    mut tags: Vec<u8>,
    mut known: impl FnMut(usize, u8) -> Option<u8>,
    mut tag: impl FnMut(usize, u8) -> u8,
) -> Vec<u8> {
    tags.clear();
    tags.resize(doc.toks.len(), O);
    // The candidates from their list: no branch per token on whether it is one.
    for &i in &doc.cands {
        // Names never run across a line end.
        let prev = if i > 0 && doc.flags(i) & F_LINE_START == 0 {
            tags.get(i - 1).copied().unwrap_or(O)
        } else {
            O
        };
        let t = match known(i, prev) {
            Some(t) => t,
            None => tag(i, prev),
        };
        if let Some(slot) = tags.get_mut(i) {
            *slot = t;
        }
    }
    tags
}

/// Tags `doc` with the shipped model.
pub fn tag(doc: &Doc, w: &Weights) -> Vec<u8> {
    decode(doc, w.bits(), |_, feats, prev| {
        let mut s = [0i32; TAGS];
        w.add_scores_n(feats, &mut s);
        best(&s, prev)
    })
}

/// The highest-scoring tag allowed after `prev` (ties go to the lower tag, so `O` wins).
#[inline]
pub fn best<S: PartialOrd + Copy>(s: &[S; TAGS], prev: u8) -> u8 {
    let mut best = 0;
    for t in 1..TAGS {
        if allowed(prev, t) & (s[t] > s[best]) {
            best = t;
        }
    }
    best as u8
}

/// Entity spans of a tag sequence: `(first token, last token + 1, label)`.
#[cfg(test)]
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, Label)> {
    let all: Vec<usize> = (0..tags.len()).collect();
    spans_at(tags, &all)
}

/// [`spans`] of `tags`, `O` but at the tokens `at` (in text order): the walk of the
/// tagged tokens (the candidates) has no branch per token on whether it is one.
pub fn spans_at(tags: &[u8], at: &[usize]) -> Vec<(usize, usize, Label)> {
    let mut out: Vec<(usize, usize, Label)> = Vec::new();
    for &i in at {
        let Some(&t) = tags.get(i) else { continue };
        if t == O {
            continue;
        }
        match out.last_mut() {
            Some(last) if t % 2 == 0 && last.1 == i && begin(last.2) + 1 == t => last.1 = i + 1,
            _ => out.push((i, i + 1, label(t))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tags_only_continue_their_label() {
        assert!(allowed(1, 2) && allowed(2, 2) && !allowed(0, 2) && !allowed(3, 2));
        assert!(allowed(0, 5) && allowed(4, 0));
        assert_eq!(best(&[0, 0, 9, 0, 0, 0, 0, 0, 0], O), O);
        assert_eq!(best(&[0, 0, 9, 0, 0, 0, 0, 0, 0], 1), 2);
    }

    #[test]
    fn spans_join_begin_and_inside() {
        // B-PER I-PER O B-LOC B-LOC I-LOC
        assert_eq!(
            spans(&[1, 2, 0, 5, 5, 6]),
            [
                (0, 2, Label::Person),
                (3, 4, Label::Loc),
                (4, 6, Label::Loc)
            ]
        );
    }

    #[test]
    fn spans_at_the_tagged_tokens_equal_spans_of_all() {
        let mut rng = crate::testing::Rng::new(19);
        for _ in 0..2000 {
            let n = rng.below(30);
            let at: Vec<usize> = (0..n).filter(|_| rng.below(2) == 0).collect();
            let mut tags = vec![O; n];
            for &i in &at {
                tags[i] = rng.below(TAGS) as u8;
            }
            assert_eq!(spans_at(&tags, &at), spans(&tags), "{tags:?}");
        }
    }

    #[test]
    fn known_tags_skip_scoring() {
        let d = Doc::new("Peter Blackburn met Jan Hus in Paris");
        let mut scored = 0;
        let tags = decode_with(
            &d,
            17,
            |i, _| (i == 0).then_some(1),
            |_, _, prev| {
                scored += 1;
                if prev == 1 { 2 } else { 5 }
            },
        );
        assert_eq!(
            tags[..2],
            [1, 2],
            "the known tag is kept and seen as the previous tag"
        );
        assert_eq!(scored, d.cand.iter().filter(|&&c| c).count() - 1);
    }

    #[test]
    fn sure_first_pass_tags_stand() {
        let Some(m) = models() else { return };
        let mut d = Doc::new("Peter Blackburn met Jan Hus in Paris on Monday.");
        let mut margins = Vec::new();
        let mut spare = TagBuffers::default();
        let one = first_pass(
            &d,
            &m.first,
            &mut Kept::for_doc(&d),
            &mut margins,
            &mut spare,
        );
        let two = tag_two(&mut d, &m.first, m.second.as_ref());
        for (i, &mg) in margins.iter().enumerate() {
            let prev_same = i == 0 || one[i - 1] == two[i - 1];
            if mg >= sure_units(&m.first) && mg != i32::MAX && prev_same {
                assert_eq!(one[i], two[i]);
            }
        }
    }

    #[test]
    fn shipped_model_loads() {
        assert!(models().is_some_and(|m| m.second.is_some()));
    }
}
