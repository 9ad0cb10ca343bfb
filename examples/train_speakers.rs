//! Trains the speaker ranker and writes the weights the library compiles in.
//!
//! ```text
//! cargo run --release -p whosaid --example train_speakers -- \
//!     TRAIN.jsonl data/speakers.model [--epochs N] [--folds K] [--seed S] [--bag B]
//! ```
//! TRAIN is PolNeAR in the JSONL form of the shared data folder (one document a line, `text`
//! and `quotes` with code point offsets, `speaker_start`/`speaker_end` of the speaker's
//! words). Each quotation the rules find that matches a gold one becomes a ranking example:
//! its speaker choices ([`whosaid::attribution::rank`]), right where they overlap the gold
//! speaker. With `--folds K` (default 5) it first reports, per fold of documents held out,
//! how often the rules and the ranker are right, then learns from every document. Each model
//! is the mean of `--bag B` (default 8) perceptrons that saw the examples in different
//! orders: one perceptron's held-out accuracy moved by half a point from one shuffle seed to
//! the next, a mean of eight by a fifth of that. Learns from TRAIN only; deterministic for
//! given arguments. Rebuild the library afterwards: the model
//! is compiled in.
//!
//! Error analysis: `DUMP_MISSES=1` prints quotations whose gold speaker is among no choice,
//! `DUMP_RANK=1` those the ranker gets wrong on held-out folds, `BY_HOW=1` one line per
//! held-out quotation (how the rules attributed it, rules right, ranker right, some choice
//! right), `TEST_ALL=1` holds out every quotation, not only those ranked at run time (to see
//! where ranking more would help).

#[path = "support/corpus.rs"]
mod corpus;

use whosaid::attribution::rank::{BITS, CLASSES, Choice, train_step, training_choices};
use whosaid::learn::{Perceptron, Weights};

/// A gold quotation: its trimmed span and its speaker's span, in bytes.
type Gold = ((usize, usize), Option<(usize, usize)>);

/// One quotation: its choices and which are right.
struct Example {
    choices: Vec<Choice>,
    gold: Vec<bool>,
    /// Which choices overlap the gold speaker at all (what the scorer counts right).
    hit: Vec<bool>,
    /// How the rules found their speaker.
    how: String,
    /// Whether the ranker decides this quotation at run time.
    ranked: bool,
    /// What the choices and the quotation read, for `DUMP_RANK`.
    note: String,
}

const TRIM: &str = " \t\r\n\u{a0}\"'“”‘’„‟«»‹›`´″,.;:!?-–—…()[]";

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e {
        let Some(c) = text.get(s..).and_then(|t| t.chars().next()) else {
            break;
        };
        if !TRIM.contains(c) {
            break;
        }
        s += c.len_utf8();
    }
    while e > s {
        let Some(c) = text.get(..e).and_then(|t| t.chars().next_back()) else {
            break;
        };
        if !TRIM.contains(c) {
            break;
        }
        e -= c.len_utf8();
    }
    (s, e)
}

/// An example for the error dumps: the gold speaker, the choices, and the text around
/// `lo..hi` (widened to character boundaries), paragraph breaks shown as ¶.
fn describe(
    text: &str,
    speaker: Option<(usize, usize)>,
    choices: &[Choice],
    lo: usize,
    hi: usize,
) -> String {
    let snip = |a: usize, b: usize| text.get(a..b).unwrap_or("?").replace('\n', " ¶ ");
    let lo = (0..=lo.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let hi = (hi.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    format!(
        "gold={:?} choices={:?}\n    {}",
        speaker.map(|(a, b)| snip(a, b)),
        choices
            .iter()
            .map(|c| c.span.map(|(a, b)| snip(a, b)))
            .collect::<Vec<_>>(),
        snip(lo, hi)
    )
}

fn load(path: &str) -> Vec<Vec<Example>> {
    let mut docs = Vec::new();
    for doc in corpus::read(path) {
        let (text, v) = (&doc.text, &doc.json);
        let at = |x: &serde_json::Value| doc.byte(x);
        // (quote span trimmed, speaker span or None)
        let gold: Vec<Gold> = v["quotes"]
            .as_array()
            .map(|qs| {
                qs.iter()
                    .filter_map(|q| {
                        let (s, e) = (at(&q["start"])?, at(&q["end"])?);
                        let sp = match (at(&q["speaker_start"]), at(&q["speaker_end"])) {
                            (Some(a), Some(b)) => Some((a, b)),
                            _ => None,
                        };
                        Some((trim(text, s, e), sp))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut used = vec![false; gold.len()];
        let mut examples = Vec::new();
        for ((s, e), how, choices) in training_choices(text) {
            let (ps, pe) = trim(text, s, e);
            let best = gold
                .iter()
                .enumerate()
                .filter(|(i, _)| !used[*i])
                .filter_map(|(i, ((gs, ge), _))| {
                    let ov = (*ge).min(pe) as f64 - (*gs).max(ps) as f64;
                    let longer = (ge - gs).max(pe - ps) as f64;
                    (ov > 0.0 && longer > 0.0 && ov / longer >= 0.5).then_some((i, ov / longer))
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let Some((gi, _)) = best else { continue };
            used[gi] = true;
            let speaker = gold[gi].1;
            // Right: the choices that overlap the gold speaker most tightly (overlap over
            // union), so the ranker learns the speaker's exact words, not a longer phrase.
            let fit: Vec<f64> = choices
                .iter()
                .map(|c| match (c.span, speaker) {
                    (Some((a, b)), Some((x, y))) if a.max(x) < b.min(y) => {
                        (b.min(y) - a.max(x)) as f64 / (b.max(y) - a.min(x)) as f64
                    }
                    (None, None) => 1.0,
                    _ => 0.0,
                })
                .collect();
            let top = fit.iter().copied().fold(0.0, f64::max);
            let labels: Vec<bool> = fit.iter().map(|&f| f > 0.0 && f >= top - 1e-9).collect();
            let hit: Vec<bool> = fit.iter().map(|&f| f > 0.0).collect();
            if std::env::var_os("DUMP_MISSES").is_some() && !labels.iter().any(|&g| g) {
                let qs: String = text.get(s..e).unwrap_or("?").chars().take(50).collect();
                let lo = speaker.map_or(s, |(a, _)| a.min(s)).saturating_sub(80);
                let hi = speaker.map_or(e, |(_, b)| b.max(e)) + 40;
                println!(
                    "MISS q={qs:?} {}",
                    describe(text, speaker, &choices, lo, hi)
                );
            }
            let note = if std::env::var_os("DUMP_RANK").is_some() {
                describe(text, speaker, &choices, s.saturating_sub(200), e + 120)
            } else {
                String::new()
            };
            // As at run time: the ways [`ranks`] names, and quotations the rules left without
            // a speaker.
            let ranked = whosaid::attribution::rank::ranks(how)
                || choices.first().is_some_and(|c| c.span.is_none());
            examples.push(Example {
                choices,
                gold: labels,
                hit,
                how: format!("{how:?}"),
                ranked,
                note,
            });
        }
        docs.push(examples);
    }
    docs
}

/// A deterministic shuffle (xorshift).
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        let j = (*seed % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// `bag` perceptrons trained in different example orders (seeds `seed`, `seed + 1`, …),
/// averaged into one model.
fn train_bagged(examples: &[&Example], epochs: usize, seed: u64, bag: usize) -> Weights {
    let models: Vec<Perceptron> = (0..bag.max(1) as u64)
        .map(|i| train(examples, epochs, seed + i))
        .collect();
    Perceptron::mean_of(&models).unwrap_or_else(|| unreachable!("models of one shape"))
}

fn train(examples: &[&Example], epochs: usize, seed: u64) -> Perceptron {
    let mut p = Perceptron::new(BITS, CLASSES);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut s = seed.max(1);
    for _ in 0..epochs {
        shuffle(&mut order, &mut s);
        for &i in &order {
            let ex = examples[i];
            if ex.gold.iter().any(|&g| g) {
                train_step(&mut p, &ex.choices, &ex.gold);
            }
        }
    }
    p
}

/// Margins (perceptron units) by which a choice must beat the rule's to replace it.
const MARGINS: [f32; 7] = [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0];

/// (rule right, ranker right at each margin, oracle right, total) on `examples`.
fn evaluate(w: &Weights, examples: &[&Example]) -> (usize, [usize; 7], usize, usize) {
    let (mut rule, mut ranked, mut oracle) = (0, [0; 7], 0);
    for ex in examples {
        rule += usize::from(ex.hit.first().copied().unwrap_or(false));
        oracle += usize::from(ex.hit.iter().any(|&g| g));
        let scores: Vec<f32> = ex
            .choices
            .iter()
            .map(|c| {
                let mut s = [0i32; CLASSES];
                w.add_scores(&c.feats, &mut s);
                (s[1] - s[0]) as f32 * w.scale()
            })
            .collect();
        let rule_score = scores.first().copied().unwrap_or(0.0);
        if std::env::var_os("BY_HOW").is_some() {
            let mut best = (rule_score, 0);
            for (i, &v) in scores.iter().enumerate().skip(1) {
                if v > best.0 {
                    best = (v, i);
                }
            }
            let r = ex.hit.first().copied().unwrap_or(false);
            let k = ex.hit.get(best.1).copied().unwrap_or(false);
            println!(
                "HOW {} {} {} {}",
                ex.how,
                u8::from(r),
                u8::from(k),
                u8::from(ex.hit.iter().any(|&g| g))
            );
        }
        for (m, count) in MARGINS.iter().zip(ranked.iter_mut()) {
            let mut best = (rule_score, 0);
            for (i, &v) in scores.iter().enumerate().skip(1) {
                if v > rule_score + m && v > best.0 {
                    best = (v, i);
                }
            }
            let right = ex.hit.get(best.1).copied().unwrap_or(false);
            *count += usize::from(right);
            if *m == 0.0 && !right && !ex.note.is_empty() && ex.hit.iter().any(|&g| g) {
                let rule_right = ex.hit.first().copied().unwrap_or(false);
                println!(
                    "RANKWRONG pick={} rule_right={rule_right} {}",
                    best.1, ex.note
                );
            }
        }
    }
    (rule, ranked, oracle, examples.len())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str, default: u64| corpus::numeric_option(&args, name, default);
    let (Some(train_path), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: train_speakers TRAIN.jsonl OUT.model [--epochs N] [--folds K] [--seed S] [--bag B]"
        );
        std::process::exit(2);
    };
    if train_path.contains("holdout") {
        eprintln!("refusing to train on a holdout split");
        std::process::exit(2);
    }
    let epochs = opt("--epochs", 12) as usize;
    let folds = opt("--folds", 5) as usize;
    let seed = opt("--seed", 7);
    let bag = opt("--bag", 8) as usize;
    let docs = load(train_path);
    let n: usize = docs.iter().map(Vec::len).sum();
    eprintln!("{} documents, {n} matched quotations", docs.len());
    let mut total = (0, [0usize; 7], 0, 0);
    for f in 0..folds {
        let train_ex: Vec<&Example> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .flat_map(|(_, d)| d.iter())
            .collect();
        let test_ex: Vec<&Example> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == f)
            .flat_map(|(_, d)| d.iter())
            .filter(|e| e.ranked || std::env::var_os("TEST_ALL").is_some())
            .collect();
        let w = train_bagged(&train_ex, epochs, seed, bag);
        let r = evaluate(&w, &test_ex);
        eprintln!(
            "fold {f}: rules {:.2}  ranker {:.2}  oracle {:.2}  (n={})",
            100.0 * r.0 as f64 / r.3 as f64,
            100.0 * r.1[0] as f64 / r.3 as f64,
            100.0 * r.2 as f64 / r.3 as f64,
            r.3
        );
        total.0 += r.0;
        for (t, x) in total.1.iter_mut().zip(r.1) {
            *t += x;
        }
        total.2 += r.2;
        total.3 += r.3;
    }
    if folds > 0 {
        let n = total.3.max(1) as f64;
        eprintln!(
            "held out: rules {:.2}  oracle {:.2}  (n={})",
            100.0 * total.0 as f64 / n,
            100.0 * total.2 as f64 / n,
            total.3
        );
        for (m, r) in MARGINS.iter().zip(total.1) {
            eprintln!("  ranker, margin {m:>4}: {:.2}", 100.0 * r as f64 / n);
        }
    }
    let all: Vec<&Example> = docs.iter().flatten().collect();
    let w = train_bagged(&all, epochs, seed, bag);
    let r = evaluate(&w, &all);
    eprintln!(
        "on train itself: rules {:.2}  ranker {:.2}",
        100.0 * r.0 as f64 / r.3.max(1) as f64,
        100.0 * r.1[0] as f64 / r.3.max(1) as f64
    );
    let bytes = w.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("wrote {out} ({} bytes)", bytes.len());
}
