//! Training and evaluation of the tagger, for `examples/train_ner.rs`. Not part of the
//! supported API: it is public only so the example can reach it.
//!
//! Two passes are trained. The second pass's history features must look at test time the
//! way they look in training, so on the training texts they come from first-pass models
//! that never saw those texts (two-fold jackknife); on dev and at run time they come from
//! the first-pass model trained on everything.

use super::doc::Doc;
use super::features;
use super::history;
use super::model::{self, TAGS};
use crate::Label;
use crate::learn::{Perceptron, Weights, hash};

/// A training or evaluation text with its gold entities as byte ranges.
pub struct Example {
    /// The text.
    pub text: String,
    /// Gold entities: byte start, byte end, label.
    pub gold: Vec<(usize, usize, Label)>,
}

/// Settings of a training run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Bits of the feature table.
    pub bits: u32,
    /// Most epochs per pass; the dev set picks the best.
    pub epochs: usize,
    /// Epochs of the jackknife first-pass models.
    pub fold_epochs: usize,
    /// Seed of the example order.
    pub seed: u64,
    /// Folds of the jackknife that gives the training texts their history.
    pub folds: usize,
    /// Gazetteer dropout: the chance, in thousandths, that a training token loses its
    /// word-list features in an epoch ([`without_gazetteers`]; 0: never).
    pub gaz_dropout: u32,
    /// Perceptrons per pass, each seeing the texts in its own order; the pass's weights
    /// are their mean ([`Perceptron::mean_of`]). 1: a single perceptron.
    pub bag: usize,
}

/// Whether token `tok` of the `doc`th training text loses its word-list features in `epoch`,
/// with chance `per_mille` thousandths: a pure function of its arguments, so that training
/// stays deterministic for a given seed, and drawn afresh each epoch.
pub fn drops(seed: u64, epoch: usize, doc: usize, tok: usize, per_mille: u32) -> bool {
    let h = hash::mix(
        hash::mix(hash::mix(seed, epoch as u64), doc as u64),
        tok as u64,
    );
    per_mille > 0 && h % 1000 < u64::from(per_mille)
}

/// Mixed into the seed for the draws of [`without_gazetteers`], so that they are not those
/// of the shuffle of the examples, which starts from the same seed.
const GAZ_STREAM: u64 = 0x6a2;

/// Gazetteer dropout: sets `out` to `feats`, the features of token `tok` of `doc`, less
/// those of the word lists ([`features::gazetteer_buckets`]) when [`drops`] says so. The
/// lists mark most names the training split holds, so a tagger trained with them always
/// present leans on them and learns little else about the names it will find in no list;
/// without them now and then, the word's shape and its context must carry it too. Tagging
/// is unchanged. Off by default: at 0.2, CoNLL-2003 dev names none of whose words is in a
/// training name gained 0.9 F1 on average over six seeds, short of a clear gain, and names
/// were cut a little worse (see data/README.md).
pub fn without_gazetteers(
    (seed, epoch, per_mille): (u64, usize, u32),
    d: usize,
    doc: &Doc,
    tok: usize,
    bits: u32,
    feats: &[u32],
    out: &mut Vec<u32>,
) {
    out.clear();
    if !drops(seed ^ GAZ_STREAM, epoch, d, tok, per_mille) {
        out.extend_from_slice(feats);
        return;
    }
    let gone = features::gazetteer_buckets(doc, tok, bits);
    out.extend(feats.iter().filter(|b| !gone.contains(b)));
}

/// Precision/recall counts per label (PERSON, ORG, LOC, MISC).
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

    /// One line: overall and per-label F1.
    pub fn summary(&self) -> String {
        format!(
            "F1 {:.2} (PER {:.2} ORG {:.2} LOC {:.2} MISC {:.2})",
            self.f1(None),
            self.f1(Some(0)),
            self.f1(Some(1)),
            self.f1(Some(2)),
            self.f1(Some(3))
        )
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
pub(crate) fn gold_tags(doc: &Doc, gold: &[(usize, usize, Label)]) -> (Vec<u8>, usize) {
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

/// Scores the full pipeline with `first` (and `second`) on `examples`: exact span and label.
pub fn evaluate(first: &Weights, second: Option<&Weights>, examples: &[Example]) -> Counts {
    let mut c = Counts::default();
    for ex in examples {
        let mut doc = Doc::new(&ex.text);
        let spans = super::tag_spans(&mut doc, first, second);
        let pred: Vec<(usize, usize, Label)> = spans
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

/// Trains one pass on `docs` (with their `hist` already set for the second pass) for up to
/// `epochs`; after each epoch `score` rates the averaged weights (higher is better) and the
/// best are returned with their epoch.
fn train_pass(
    docs: &[Doc],
    gold: &[Vec<u8>],
    (bits, bag): (u32, usize),
    epochs: usize,
    (seed, gaz_dropout): (u64, u32),
    mut score: impl FnMut(usize, &Weights, usize) -> f64,
) -> (Weights, usize) {
    let mut kept = Vec::new();
    // Bagged perceptrons, each with its own order of the texts and its own shuffle seed.
    let mut bagged: Vec<(Perceptron, Vec<usize>, u64)> = (0..bag.max(1) as u64)
        .map(|k| {
            let order: Vec<usize> = (0..docs.len()).collect();
            (
                Perceptron::new(bits, TAGS),
                order,
                seed.wrapping_add(k).max(1),
            )
        })
        .collect();
    let mean = |bagged: &[(Perceptron, Vec<usize>, u64)]| {
        let models: Vec<Perceptron> = bagged.iter().map(|(p, _, _)| p.clone()).collect();
        match models.as_slice() {
            [one] => one.averaged(),
            _ => Perceptron::mean_of(&models).unwrap_or_else(|| Weights::quantise(bits, TAGS, &[])),
        }
    };
    let mut best: Option<(f64, Weights, usize)> = None;
    for epoch in 1..=epochs {
        let mut errors = 0usize;
        for (p, order, rng) in &mut bagged {
            // Fisher–Yates with xorshift: deterministic for a given seed.
            for i in (1..order.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                order.swap(i, (*rng % (i as u64 + 1)) as usize);
            }
            for &d in order.iter() {
                let (Some(doc), Some(g)) = (docs.get(d), gold.get(d)) else {
                    continue;
                };
                let mut s = [0f32; TAGS];
                model::decode(doc, bits, |i, feats, prev| {
                    let drop = (seed, epoch, gaz_dropout);
                    without_gazetteers(drop, d, doc, i, bits, feats, &mut kept);
                    let feats = kept.as_slice();
                    p.tick();
                    p.scores(feats, &mut s);
                    let guess = model::best(&s, prev);
                    let truth = usize::from(g.get(i).copied().unwrap_or(0));
                    errors += usize::from(truth != usize::from(guess));
                    p.update(feats, truth, usize::from(guess));
                    guess
                });
            }
        }
        let w = mean(&bagged);
        let f = score(epoch, &w, errors);
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, w, epoch));
        }
    }
    match best {
        Some((_, w, e)) => (w, e),
        None => (mean(&bagged), 0),
    }
}

/// Trains both passes on `train`, choosing epochs on `dev`. Returns the first- and
/// second-pass weights.
pub fn train(
    train: &[Example],
    dev: &[Example],
    set: Settings,
    mut log: impl FnMut(&str),
) -> (Weights, Weights) {
    let mut docs: Vec<Doc> = train.iter().map(|ex| Doc::new(&ex.text)).collect();
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

    let (first, e1) = train_pass(
        &docs,
        &gold,
        (set.bits, set.bag),
        set.epochs,
        (set.seed, set.gaz_dropout),
        |epoch, w, errors| {
            let c = evaluate(w, None, dev);
            log(&format!(
                "pass 1 epoch {epoch}: {errors} training errors; dev {}",
                c.summary()
            ));
            c.f1(None)
        },
    );
    log(&format!("pass 1: kept epoch {e1}"));

    // Jackknife: each fold's history comes from a model trained on the other folds.
    let folds = set.folds.max(2);
    for fold in 0..folds {
        let (held, rest): (Vec<usize>, Vec<usize>) =
            (0..docs.len()).partition(|i| i % folds == fold);
        let sub_docs: Vec<Doc> = rest
            .iter()
            .filter_map(|&i| train.get(i))
            .map(|ex| Doc::new(&ex.text))
            .collect();
        let sub_gold: Vec<Vec<u8>> = rest.iter().filter_map(|&i| gold.get(i).cloned()).collect();
        let (w, _) = train_pass(
            &sub_docs,
            &sub_gold,
            (set.bits, set.bag),
            set.fold_epochs,
            (set.seed, set.gaz_dropout),
            |e, _, _| e as f64,
        );
        for i in held {
            if let Some(doc) = docs.get_mut(i) {
                doc.hist.clear();
                let tags = model::tag(doc, &w);
                doc.hist = history::compute(doc, &tags);
                doc.contexts = super::contexts::compute(doc);
            }
        }
        log(&format!("jackknife fold {fold} done"));
    }

    let (second, e2) = train_pass(
        &docs,
        &gold,
        (set.bits, set.bag),
        set.epochs,
        (set.seed ^ 0x5eed, set.gaz_dropout),
        |epoch, w, errors| {
            let c = evaluate(&first, Some(w), dev);
            log(&format!(
                "pass 2 epoch {epoch}: {errors} training errors; dev {}",
                c.summary()
            ));
            c.f1(None)
        },
    );
    log(&format!(
        "pass 2: kept epoch {e2}; dev {}",
        evaluate(&first, Some(&second), dev).summary()
    ));
    (first, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        let texts = [
            "Ann Lee met Bo Chen in Paris on Monday.",
            "Bo Chen flew to Paris.",
            "Ann Lee stayed in Rome.",
        ];
        texts
            .iter()
            .map(|&t| {
                let at = |w: &str| t.find(w).map(|s| (s, s + w.len()));
                let mut gold = Vec::new();
                for (w, l) in [
                    ("Ann Lee", Label::Person),
                    ("Bo Chen", Label::Person),
                    ("Paris", Label::Loc),
                    ("Rome", Label::Loc),
                ] {
                    if let Some((s, e)) = at(w) {
                        gold.push((s, e, l));
                    }
                }
                Example {
                    text: t.to_string(),
                    gold,
                }
            })
            .collect()
    }

    #[test]
    fn a_bag_of_perceptrons_learns_deterministically() {
        let set = |bag| Settings {
            bits: 12,
            epochs: 4,
            fold_epochs: 2,
            seed: 1996,
            folds: 2,
            gaz_dropout: 0,
            bag,
        };
        let data = toy();
        let run = |bag| {
            let (a, b) = train(&data, &data, set(bag), |_| {});
            (
                a.to_bytes(),
                b.to_bytes(),
                evaluate(&a, Some(&b), &data).f1(None),
            )
        };
        let (one, three, again) = (run(1), run(3), run(3));
        assert_eq!(three, again, "same settings, same weights");
        assert_ne!(one.0, three.0, "a bag is not one perceptron");
        assert!(three.2 > 90.0, "{}", three.2);
    }

    fn dropped(seed: u64, epoch: usize, per_mille: u32) -> Vec<usize> {
        (0..500)
            .filter(|&i| drops(seed, epoch, 3, i, per_mille))
            .collect()
    }

    #[test]
    fn gazetteer_dropout_is_a_function_of_seed_epoch_and_token() {
        let a = dropped(1996, 1, 200);
        assert_eq!(a, dropped(1996, 1, 200), "same seed, same tokens");
        assert_ne!(a, dropped(1996, 2, 200), "each epoch draws again");
        assert_ne!(a, dropped(7, 1, 200), "another seed, other tokens");
        assert!((70..=130).contains(&a.len()), "about a fifth: {}", a.len());
        assert!(dropped(1996, 1, 0).is_empty());
        assert_eq!(dropped(1996, 1, 1000).len(), 500);
    }

    #[test]
    fn gazetteer_dropout_removes_only_the_word_list_features() {
        let doc = Doc::new("Officials said Tomas Brelli flew from Oslo to Paris on Monday.");
        let i = 6; // "Oslo"
        let (mut full, mut out) = (Vec::new(), Vec::new());
        features::extract(&doc, i, 0, 18, &mut full);
        without_gazetteers((1996, 1, 0), 0, &doc, i, 18, &full, &mut out);
        assert_eq!(out, full, "p = 0 leaves the features as they are");
        without_gazetteers((1996, 1, 1000), 0, &doc, i, 18, &full, &mut out);
        let gone = features::gazetteer_buckets(&doc, i, 18);
        assert!(gone.len() >= 2, "Oslo is in a list");
        assert_eq!(out.len(), full.len() - gone.len());
        assert!(out.iter().all(|b| full.contains(b) && !gone.contains(b)));
    }
}
