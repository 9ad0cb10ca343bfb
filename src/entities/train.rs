//! Training and evaluation of the tagger, for `examples/train_ner.rs`. Not part of the
//! supported API: it is public only so the example can reach it.

use super::doc::Doc;
use super::model::{self, TAGS};
use crate::Label;
use crate::learn::{Perceptron, Weights};

/// A training or evaluation text with its gold entities as byte ranges.
pub struct Example {
    /// The text.
    pub text: String,
    /// Gold entities: byte start, byte end, label.
    pub gold: Vec<(usize, usize, Label)>,
}

/// Precision/recall counts, overall and per label (PERSON, ORG, LOC, MISC).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Correct predictions, per label.
    pub tp: [usize; 4],
    /// Predictions, per label.
    pub pred: [usize; 4],
    /// Gold entities, per label.
    pub gold: [usize; 4],
}

impl Counts {
    /// F1 (percent) of label `l`, or overall for `None`.
    pub fn f1(&self, l: Option<usize>) -> f64 {
        let sum =
            |a: &[usize; 4]| l.map_or(a.iter().sum(), |l| a.get(l).copied().unwrap_or(0)) as f64;
        let (tp, p, g) = (sum(&self.tp), sum(&self.pred), sum(&self.gold));
        if tp == 0.0 { 0.0 } else { 200.0 * tp / (p + g) }
    }
}

fn index(l: Label) -> usize {
    match l {
        Label::Person => 0,
        Label::Org => 1,
        Label::Loc => 2,
        Label::Misc => 3,
    }
}

/// Gold BIO tags of `doc`; entities whose edges are not token edges are skipped (counted in
/// the second value).
pub fn gold_tags(doc: &Doc, gold: &[(usize, usize, Label)]) -> (Vec<u8>, usize) {
    let mut tags = vec![model::O; doc.toks.len()];
    let mut missed = 0;
    for &(s, e, l) in gold {
        let first = doc.toks.iter().position(|t| t.start == s);
        let last = doc.toks.iter().position(|t| t.end == e);
        match (first, last) {
            (Some(a), Some(b)) if a <= b => {
                let begin = model::begin(l);
                for (k, t) in tags.iter_mut().enumerate().take(b + 1).skip(a) {
                    *t = if k == a { begin } else { begin + 1 };
                }
            }
            _ => missed += 1,
        }
    }
    (tags, missed)
}

/// Scores `w` on `examples` with the full pipeline (exact span and label).
pub fn evaluate(w: &Weights, examples: &[Example]) -> Counts {
    let mut c = Counts::default();
    for ex in examples {
        let doc = Doc::new(&ex.text);
        let pred: Vec<(usize, usize, Label)> = super::tag_spans(&doc, w)
            .into_iter()
            .filter_map(|(s, e, l)| {
                Some((
                    doc.toks.get(s)?.start,
                    doc.toks.get(e.checked_sub(1)?)?.end,
                    l,
                ))
            })
            .collect();
        for p in &pred {
            c.pred[index(p.2)] += 1;
            if ex.gold.contains(p) {
                c.tp[index(p.2)] += 1;
            }
        }
        for g in &ex.gold {
            c.gold[index(g.2)] += 1;
        }
    }
    c
}

/// Trains for up to `epochs` passes over `train` in an order fixed by `seed`, and returns the
/// averaged weights of the epoch that scored best on `dev`, with that epoch's number.
pub fn train(
    train: &[Example],
    dev: &[Example],
    bits: u32,
    epochs: usize,
    seed: u64,
    mut log: impl FnMut(&str),
) -> (Weights, usize) {
    let docs: Vec<Doc> = train.iter().map(|ex| Doc::new(&ex.text)).collect();
    let mut missed = 0;
    let gold: Vec<Vec<u8>> = docs
        .iter()
        .zip(train)
        .map(|(d, ex)| {
            let (t, m) = gold_tags(d, &ex.gold);
            missed += m;
            t
        })
        .collect();
    let unreachable: usize = docs
        .iter()
        .zip(&gold)
        .map(|(d, g)| {
            g.iter()
                .zip(&d.cand)
                .filter(|&(&t, &c)| t != 0 && !c)
                .count()
        })
        .sum();
    log(&format!(
        "{} docs; {missed} gold entities off token edges; {unreachable} gold tokens not candidates",
        docs.len()
    ));
    let mut p = Perceptron::new(bits, TAGS);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = seed.max(1);
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=epochs {
        // Fisher–Yates with xorshift: deterministic for a given seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        for &d in &order {
            let (doc, g) = (&docs[d], &gold[d]);
            let mut s = [0f32; TAGS];
            model::decode(doc, bits, |i, feats, prev| {
                p.tick();
                p.scores(feats, &mut s);
                let guess = model::best(&s, prev);
                let truth = usize::from(g.get(i).copied().unwrap_or(0));
                errors += usize::from(truth != usize::from(guess));
                p.update(feats, truth, usize::from(guess));
                guess
            });
        }
        let w = p.averaged();
        let c = evaluate(&w, dev);
        let f = c.f1(None);
        log(&format!(
            "epoch {epoch}: {errors} training errors; dev F1 {f:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2})",
            c.f1(Some(0)),
            c.f1(Some(1)),
            c.f1(Some(2)),
            c.f1(Some(3))
        ));
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, w, epoch));
        }
    }
    match best {
        Some((_, w, e)) => (w, e),
        None => (p.averaged(), 0),
    }
}
