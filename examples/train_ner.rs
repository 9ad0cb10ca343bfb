//! Trains the entity tagger and writes the weights the library compiles in.
//!
//! ```text
//! cargo run --release -p whosaid --example train_ner -- \
//!     TRAIN.jsonl DEV.jsonl data/ner.model [--epochs N] [--fold-epochs N] [--bits B] [--seed S]
//!     [--gaz-dropout P] [--bag B]
//! ```
//! TRAIN and DEV are CoNLL-2003 in the JSONL form of the shared data folder (one document a
//! line, `text` and `entities` with code point offsets and PER/ORG/LOC/MISC labels). Learns
//! from TRAIN only; DEV picks the epoch. Writes OUT (first pass) and `ner2.model` beside it
//! (second pass). Deterministic for given arguments. `--gaz-dropout P` (default 0, off) is
//! the chance in thousandths that a training token loses its word-list features in an epoch
//! (gazetteer dropout, `whosaid::entities::train::without_gazetteers`; tried at 200 and not
//! adopted, see data/README.md). `--bag B` (default 4) trains B perceptrons per pass, each
//! in its own order of the texts, and writes the mean of their weights. Rebuild the
//! library afterwards: the model is compiled in.

#[path = "support/corpus.rs"]
mod corpus;

use whosaid::Label;
use whosaid::entities::train::{Example, Settings, train};

fn load(path: &str) -> Vec<Example> {
    corpus::read(path)
        .into_iter()
        .map(|doc| {
            let gold = doc.json["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .filter_map(|e| {
                    let label = match e["label"].as_str()? {
                        "PER" => Label::Person,
                        "ORG" => Label::Org,
                        "LOC" => Label::Loc,
                        _ => Label::Misc,
                    };
                    Some((doc.byte(&e["start"])?, doc.byte(&e["end"])?, label))
                })
                .collect();
            Example {
                text: doc.text,
                gold,
            }
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str, default: u64| corpus::numeric_option(&args, name, default);
    let [train_path, dev_path, out_path] = [0, 1, 2].map(|i| {
        args.get(i)
            .expect("usage: train_ner TRAIN DEV OUT [--epochs N] [--bits B] [--seed S] [--bag B]")
            .clone()
    });
    let set = Settings {
        epochs: opt("--epochs", 12) as usize,
        fold_epochs: opt("--fold-epochs", 8) as usize,
        bits: opt("--bits", 18) as u32,
        seed: opt("--seed", 1996),
        folds: opt("--folds", 2) as usize,
        gaz_dropout: opt("--gaz-dropout", 0) as u32,
        bag: opt("--bag", 4) as usize,
    };
    // Checked before training, which takes a while, rather than after it.
    let second_path = out_path.replace("ner.model", "ner2.model");
    assert_ne!(
        second_path, out_path,
        "OUT must end in ner.model (ner2.model goes beside it)"
    );
    let (train_set, dev_set) = (load(&train_path), load(&dev_path));
    let (first, second) = train(&train_set, &dev_set, set, |m| eprintln!("{m}"));
    for (w, path) in [(first, &out_path), (second, &second_path)] {
        let bytes = w.to_bytes();
        std::fs::write(path, &bytes).expect("write model");
        eprintln!("wrote {path} ({} bytes)", bytes.len());
    }
}
