//! Training of the ranker, for `examples/train_speakers.rs`: the choices the rules leave for
//! every quotation, and one perceptron update.

use super::{CLASSES, Choice};
use crate::attribution::{Attribution, How};
use crate::learn::Perceptron;
use crate::quotes::pairing::Candidate;

/// For training: each candidate quotation of `text` the quote filter keeps (quoted span in
/// bytes), with how the rules attributed it and its speaker choices as the rules alone see
/// them. Every kept quotation is an example, not only those [`ranks`] lets the ranker decide:
/// more data, and the features say how the rules found their speaker.
pub fn training_choices(text: &str) -> Vec<((usize, usize), How, Vec<Choice>)> {
    let cands = crate::quotes::pairing::pair(text);
    let mut out = Vec::with_capacity(cands.len());
    crate::attribution::attribute_with(
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
