//! Reading the shared corpora (JSONL, one document a line, offsets in code points) and the
//! command line for the training examples: shared by `train_ner` and `train_speakers`
//! through `#[path]`.

use std::io::BufRead;

/// One document: its text, the whole JSON object, and the byte offset of every code point
/// offset (one past the end included), since the library works in bytes.
pub struct Doc {
    pub text: String,
    pub json: serde_json::Value,
    bytes: Vec<usize>,
}

impl Doc {
    /// The byte offset of the code point offset held in `x`, if it is one inside the text.
    pub fn byte(&self, x: &serde_json::Value) -> Option<usize> {
        x.as_u64().and_then(|i| self.bytes.get(i as usize).copied())
    }
}

/// Every document of the JSONL file at `path`; panics with the path on a bad file (these are
/// offline training tools, not library code).
pub fn read(path: &str) -> Vec<Doc> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
        if line.trim().is_empty() {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text = json["text"].as_str().expect("text").to_string();
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        docs.push(Doc { text, json, bytes });
    }
    docs
}

/// The number after `--name` among `args`, or `default`; panics on a value that is no number.
pub fn numeric_option(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("number"))
}
