//! Throughput of `extract_entities` on the `text` fields of a JSONL file (or any text file):
//! `cargo run --release -p whosaid --example bench_entities -- FILE [ROUNDS]`.
//!
//! Prints the median throughput over the rounds (one core), by wall clock and by this
//! thread's CPU time (which other processes on a busy machine disturb less), and a checksum
//! of the JSON of every result, so a speed change can be checked for identical output.

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
    let mut times = Vec::with_capacity(rounds);
    let mut cpu_times = Vec::with_capacity(rounds);
    let (mut n, mut sum) = (0, 0xcbf2_9ce4_8422_2325u64);
    for round in 0..rounds.max(1) {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        for t in &texts {
            let found = whosaid::extract_entities(t);
            if round == 0 {
                n += found.len();
                let json = serde_json::to_string(&found).expect("json");
                sum = json
                    .bytes()
                    .fold(sum, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
            }
        }
        times.push(t0.elapsed().as_secs_f64());
        cpu_times.push(cpu_seconds() - c0);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    eprintln!(
        "{n} entities, checksum {sum:016x}; median of {} rounds {:.2} M chars/s (CPU time: {:.2})",
        times.len(),
        chars as f64 / median(times) / 1e6,
        chars as f64 / median(cpu_times) / 1e6
    );
}

/// CPU time of the calling thread, in seconds.
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
