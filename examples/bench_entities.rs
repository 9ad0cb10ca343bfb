//! Throughput of `extract_entities` on the `text` fields of a JSONL file (or any text file):
//! `cargo run --release -p whosaid --example bench_entities -- FILE [ROUNDS]`.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: bench_entities FILE [ROUNDS]");
    let rounds: usize = args.get(1).map_or(5, |r| r.parse().expect("rounds"));
    let data = std::fs::read_to_string(path).expect("read");
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        data.lines()
            .filter_map(|l| {
                serde_json::from_str::<serde_json::Value>(l).ok()?["text"]
                    .as_str()
                    .map(String::from)
            })
            .collect()
    } else {
        vec![data]
    };
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let warm = Instant::now();
    let _ = whosaid::extract_entities("Warm up in Paris.");
    eprintln!(
        "first call (tables load): {:.1} ms",
        warm.elapsed().as_secs_f64() * 1e3
    );
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for t in &texts {
            n += whosaid::extract_entities(t).len();
        }
    }
    let s = t0.elapsed().as_secs_f64();
    eprintln!(
        "{n} entities; {:.2} M chars/s",
        (chars * rounds) as f64 / s / 1e6
    );
}
