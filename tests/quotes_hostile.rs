//! Hostile inputs: the quote pipeline must stay linear and never panic on them. Sizes are kept
//! moderate so the suite stays fast in debug builds; the time bound catches quadratic scans.
//! `cargo test -p whosaid --release --test quotes_hostile -- --ignored` also prints the speed
//! over PolNeAR train when the shared corpus is present.

mod cpu_time;

use cpu_time::thread_cpu_time;
use std::time::{Duration, Instant};
use whosaid::{extract_quotes, speaker_of};

/// Input size: large in release builds, smaller in debug ones (ten times slower per byte).
const SIZE: usize = if cfg!(debug_assertions) {
    100_000
} else {
    2_000_000
};

fn timed(name: &str, text: &str) -> usize {
    // CPU time, not wall time: other processes on a shared machine must not fail the bound.
    let t = thread_cpu_time();
    let n = extract_quotes(text).len();
    let _ = speaker_of(text, "x");
    let spent = thread_cpu_time().saturating_sub(t);
    println!("{name}: {} bytes, {spent:?}", text.len());
    // Generous: a quadratic scan would take hours at these sizes, a linear one well under this.
    let bound = if cfg!(debug_assertions) { 60 } else { 10 };
    assert!(spent < Duration::from_secs(bound), "{name}: {spent:?}");
    n
}

#[test]
fn unbalanced_quote_marks() {
    timed("curly openers", &"“a ".repeat(SIZE / 5));
    timed("straight marks", &"\"".repeat(SIZE));
    timed("closers", &"b” ".repeat(SIZE / 5));
}

#[test]
fn apostrophes_and_no_spaces() {
    timed("apostrophes", &"don't ".repeat(SIZE / 6));
    timed("bare apostrophes", &"'".repeat(SIZE));
    timed("no spaces", &"abcdefghij".repeat(SIZE / 10));
    timed("double apostrophes", &"''a".repeat(SIZE / 3));
}

#[test]
fn many_quotes_in_one_endless_sentence() {
    let n = timed("quotes", &"Ann Lee said “yes” and ".repeat(SIZE / 24));
    assert!(n > 0);
    timed("tags", &"<a href=\"x\">".repeat(SIZE / 13));
    timed("colons", &":\n\n“".repeat(SIZE / 6));
    timed("commas", &", ".repeat(SIZE / 2));
}

#[test]
fn odd_characters_never_panic() {
    for t in [
        "",
        "“",
        "”",
        "\"",
        "''",
        "„",
        "«",
        "»",
        "‘",
        "’",
        "“”",
        "“é”",
        "a“",
        "”a",
        "“\n”",
        "“a\n\n“b",
        "' '",
        "—“x”",
        "“x” ―",
        "said “",
        "“x,” said",
        ":“x”",
    ] {
        let _ = extract_quotes(t);
        let _ = speaker_of(t, t);
    }
}

#[test]
#[ignore]
fn speed_over_polnear_train() {
    let Ok(data) = std::fs::read_to_string("../shared/data/polnear/train.jsonl") else {
        return;
    };
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let t = Instant::now();
    let n: usize = texts.iter().map(|t| extract_quotes(t).len()).sum();
    let spent = t.elapsed().as_secs_f64();
    println!(
        "{n} quotes, {chars} chars, {:.2} M chars/s",
        chars as f64 / spent / 1e6
    );
}

/// Random texts built from the characters the pipeline cares about: it must never panic and
/// every offset must cut the text on its quote.
#[test]
fn random_texts_never_panic() {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "'",
        "''",
        "‘",
        "’",
        "«",
        "»",
        "„",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "—",
        "―",
        "(",
        ")",
        "Ann",
        "Lee",
        "said",
        "he",
        "according to",
        "told",
        "é",
        "日本",
        "U.S.",
        "Sen.",
        "a",
        "the",
        "who",
        "and",
        "by",
        "was",
        "called",
        "<b x=\"",
        ">",
        "9/11",
        "?",
        "!",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3_000 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let chars: Vec<char> = text.chars().collect();
        for q in extract_quotes(&text) {
            let s: String = chars
                .get(q.start..q.end)
                .unwrap_or_default()
                .iter()
                .collect();
            assert_eq!(s, q.quote, "{text:?}");
            if let (Some(a), Some(b)) = (q.speaker_start, q.speaker_end) {
                let m: String = chars.get(a..b).unwrap_or_default().iter().collect();
                assert_eq!(Some(m), q.speaker_mention, "{text:?}");
            }
        }
        let _ = speaker_of(&text, &text);
    }
}
