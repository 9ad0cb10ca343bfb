//! Hostile inputs: huge articles, floods of quote marks, apostrophes and capitalised words,
//! text without spaces, every Unicode code point, NULs, deep nesting.
//!
//! Each input runs through `extract_quotes`, `extract_entities` and `speaker_of`; results must
//! satisfy every invariant of `robust_support`, and cost must be linear: the time and the peak
//! memory per character of a big input are compared with those of a smaller input of the same
//! shape (a quadratic step shows up as a ratio near the size ratio, ≥ 20 here). Absolute time
//! bounds are generous (the CI machine is shared); the figures come from `cargo bench`.
//!
//! Sizes are the real ones in release builds (`cargo test -p whosaid --release`) and shrink in
//! debug builds, where the same shapes are still checked.

mod cpu_time;
mod robust_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cpu_time::thread_cpu_time;
use robust_support::{QUOTE_MARKS, check_entities, check_quotes};

// ---------------------------------------------------------------------------------------
// Peak-memory accounting: a counting allocator, per thread, so parallel tests do not mix.

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn on_alloc(size: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().saturating_add(size);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn on_dealloc(size: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(size)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_dealloc(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        on_alloc(new_size);
        on_dealloc(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`, returning its result, its wall time, its CPU time and the peak of extra heap it
/// allocated.
fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let start = Instant::now();
    let cpu = thread_cpu_time();
    let out = f();
    let cpu = thread_cpu_time().saturating_sub(cpu);
    let elapsed = start.elapsed();
    let peak = PEAK.with(Cell::get).saturating_sub(base);
    (out, elapsed, cpu, peak)
}

// ---------------------------------------------------------------------------------------
// Harness.

/// One big input at a time: timing on a shared 2-core machine is noisy enough already, and
/// several 50 MB inputs at once would only measure the memory bus.
static SERIAL: Mutex<()> = Mutex::new(());

const RELEASE: bool = !cfg!(debug_assertions);

/// `release` in release builds, `debug` in debug builds.
fn size(release: usize, debug: usize) -> usize {
    if RELEASE { release } else { debug }
}

/// Generous absolute bound for one call on the big input.
fn time_limit(chars: usize) -> Duration {
    // 1 µs per char (1 M chars/s, 50× below the target) plus slack, ×20 in debug builds.
    let base = Duration::from_secs(2) + Duration::from_micros(chars as u64);
    if RELEASE { base } else { base * 20 }
}

/// Per-char cost of the big input may be at most this multiple of the small input's.
const MAX_PER_CHAR_RATIO: f64 = 6.0;

#[derive(Debug, Clone, Copy)]
struct Cost {
    /// Wall time (for the absolute bound).
    time: Duration,
    /// Thread CPU time (for the linearity ratio).
    cpu: Duration,
    peak: usize,
}

/// A function under test: runs on (text, quote), checks its own result, and returns
/// something to keep it from being optimised away.
type Subject<'a> = (&'a str, &'a dyn Fn(&str, &str) -> usize);

fn run_quotes(text: &str, _: &str) -> usize {
    let quotes = whosaid::extract_quotes(text);
    quotes.len()
}

fn run_entities(text: &str, _: &str) -> usize {
    whosaid::extract_entities(text).len()
}

fn run_speaker_of(text: &str, quote: &str) -> usize {
    whosaid::speaker_of(text, quote).map_or(0, |s| s.len())
}

/// The public API; results are checked separately (outside the timed region) by
/// [`check_all`].
const API: [Subject<'static>; 3] = [
    ("extract_quotes", &run_quotes),
    ("extract_entities", &run_entities),
    ("speaker_of", &run_speaker_of),
];

/// Every invariant of the results on `text` (untimed).
fn check_all(text: &str, quote: &str) {
    let quotes = whosaid::extract_quotes(text);
    if let Err(e) = check_quotes(text, &quotes) {
        panic!("extract_quotes: {e}");
    }
    drop(quotes);
    let entities = whosaid::extract_entities(text);
    if let Err(e) = check_entities(text, &entities) {
        panic!("extract_entities: {e}");
    }
    drop(entities);
    if let Some(s) = whosaid::speaker_of(text, quote) {
        assert!(!s.trim().is_empty(), "speaker_of gave an empty speaker");
    }
}

/// Runs each subject on `text`, keeping the fastest of `reps` runs.
fn costs(subjects: &[Subject<'_>], text: &str, quote: &str, reps: usize) -> Vec<Cost> {
    let mut best = vec![
        Cost {
            time: Duration::MAX,
            cpu: Duration::MAX,
            peak: 0,
        };
        subjects.len()
    ];
    for _ in 0..reps {
        for (i, (_, f)) in subjects.iter().enumerate() {
            let (out, t, c, p) = measure(|| f(text, quote));
            std::hint::black_box(out);
            best[i] = Cost {
                time: best[i].time.min(t),
                cpu: best[i].cpu.min(c),
                peak: p,
            };
        }
    }
    best
}

/// Measures `make(big)` against `make(big / 25)` for each subject; `Ok(report)` when time and
/// memory per char stay flat, `Err(report)` when either grows with the input.
fn linearity(
    label: &str,
    big: usize,
    quote: &str,
    make: impl Fn(usize) -> String,
    subjects: &[Subject<'_>],
) -> Result<String, String> {
    let small_text = make((big / 25).max(1));
    let big_text = make(big);
    let small_chars = small_text.chars().count().max(1);
    let big_chars = big_text.chars().count().max(1);
    assert!(
        big_chars >= 10 * small_chars,
        "{label}: generator does not scale"
    );
    let mut report = Vec::new();
    // Noise can slow one run down; a real super-linear step fails every attempt.
    for attempt in 1..=3 {
        let small = costs(subjects, &small_text, quote, 5);
        // Big inputs that run fast get a few runs too, so one preemption does not decide.
        let reps = if big_chars < 5_000_000 { 3 } else { 1 };
        let big = costs(subjects, &big_text, quote, reps);
        report.clear();
        let mut time_ok = true;
        let mut memory_ok = true;
        for (i, (name, _)) in subjects.iter().enumerate() {
            let limit = time_limit(big_chars);
            if big[i].time > limit {
                return Err(format!(
                    "{label}: {name} took {:?} on {big_chars} chars (limit {limit:?})",
                    big[i].time
                ));
            }
            let per_char = |c: Cost, n: usize| c.cpu.as_secs_f64() / n as f64;
            // A floor of 20 ns per char on the small input hides timer noise on fast paths.
            let small_pc = per_char(small[i], small_chars).max(2e-8);
            let time_ratio = per_char(big[i], big_chars) / small_pc;
            // Memory per char, with 64 KiB of fixed overhead allowed on the small input.
            let mem_small = (small[i].peak + (64 << 10)) as f64 / small_chars as f64;
            let mem_ratio = big[i].peak as f64 / big_chars as f64 / mem_small;
            let mem_per_char = big[i].peak as f64 / big_chars as f64;
            report.push(format!(
                "{label}: {name}: {big_chars} chars in {:?} ({:.1} M chars/s of CPU), per-char CPU time ×{time_ratio:.2} vs {small_chars} chars, peak {} KiB ({mem_per_char:.1} B/char, ×{mem_ratio:.2})",
                big[i].time,
                big_chars as f64 / big[i].cpu.as_secs_f64().max(1e-9) / 1e6,
                big[i].peak >> 10,
            ));
            memory_ok &= mem_ratio <= 4.0 && mem_per_char <= 256.0;
            time_ok &= time_ratio <= MAX_PER_CHAR_RATIO;
        }
        if !memory_ok {
            // Memory is deterministic: no retry needed.
            return Err(format!(
                "memory is not linear (per-char peak ×4, or > 256 B/char):\n{}",
                report.join("\n")
            ));
        }
        if time_ok {
            return Ok(report.join("\n"));
        }
        eprintln!("{label}: attempt {attempt} looked super-linear, measuring again");
    }
    Err(format!(
        "time is not linear (per-char CPU ratio > {MAX_PER_CHAR_RATIO}) in 3 attempts:\n{}",
        report.join("\n")
    ))
}

/// Checks every invariant on `make(big)`, then that all three functions cost linear time
/// and memory on inputs of that shape.
fn assert_linear(label: &str, big: usize, quote: &str, make: impl Fn(usize) -> String) {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    check_all(&make(big), quote);
    match linearity(label, big, quote, make, &API) {
        Ok(report) => eprintln!("{report}"),
        Err(report) => panic!("{report}"),
    }
}

#[test]
fn linearity_check_catches_quadratic_time_and_memory() {
    // The harness itself: a deliberately quadratic function must fail, a linear one pass.
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let make = |n: usize| "ab“c” ".repeat(n);
    let quadratic_time = |text: &str, _: &str| {
        // For every char, rescan a growing prefix (bounded so the test stays quick).
        let bytes = text.as_bytes();
        let mut acc = 0usize;
        for i in 0..bytes.len() {
            acc = acc.wrapping_add(bytes[..i].iter().filter(|&&b| b == b'a').count());
        }
        acc
    };
    let quadratic_memory = |text: &str, _: &str| {
        // Keeps a copy of the text for every 1,000 bytes: memory grows with n².
        let copies: Vec<String> = (0..text.len() / 1000).map(|_| text.to_string()).collect();
        copies.len()
    };
    let linear = |text: &str, _: &str| text.bytes().filter(|&b| b == b'a').count();
    let n = size(2_000, 1_000);
    let time = linearity("quadratic time", n, "", make, &[("scan", &quadratic_time)]);
    assert!(time.is_err(), "a quadratic scan passed: {time:?}");
    let memory = linearity(
        "quadratic memory",
        20_000,
        "",
        make,
        &[("copy", &quadratic_memory)],
    );
    assert!(memory.is_err(), "quadratic memory passed: {memory:?}");
    let ok = linearity("linear", 20 * n, "", make, &[("count", &linear)]);
    assert!(ok.is_ok(), "a linear count failed: {ok:?}");
}

/// Realistic articles, from the benchmark set.
const ARTICLES: &[&str] = &[
    include_str!("../benches/articles/city-council-budget.txt"),
    include_str!("../benches/articles/flood-warning.txt"),
    include_str!("../benches/articles/port-strike.txt"),
    include_str!("../benches/articles/science-trial.txt"),
];

/// Repeats `unit` (cycling through the items) `n` times.
fn repeat_cycle(items: &[&str], n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(items[i % items.len()]);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The inputs.

#[test]
fn huge_article_50_mb() {
    // 50 MB of news text: ≈ 4,400 articles end to end, as one document.
    let per_rep: usize = ARTICLES.iter().map(|a| a.len()).sum::<usize>() / ARTICLES.len();
    let reps = size(50_000_000, 2_000_000) / per_rep;
    assert_linear("50 MB article", reps, "it is close", |n| {
        repeat_cycle(ARTICLES, n)
    });
}

#[test]
fn hundred_thousand_quote_marks_of_every_kind() {
    let n = size(100_000, 10_000);
    for mark in QUOTE_MARKS {
        // Unbalanced: the same mark over and over, with and without words between.
        let bare = mark.repeat(n);
        let spaced = format!("{mark}word ").repeat(n);
        for text in [&bare, &spaced] {
            let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
            check_all(text, "word");
            let costs = costs(&API, text, "word", 1);
            for (cost, (name, _)) in costs.iter().zip(API) {
                assert!(
                    cost.time <= time_limit(text.chars().count()),
                    "{name} on {n} × {mark:?}: {:?}",
                    cost.time
                );
            }
        }
    }
    // Balanced pairs of every kind, side by side and all at once, checked for linearity.
    let pairs: &[(&str, &str)] = &[
        ("“", "”"),
        ("\"", "\""),
        ("‘", "’"),
        ("'", "'"),
        ("«", "»"),
        ("„", "“"),
        ("‚", "‘"),
        ("‹", "›"),
        ("「", "」"),
        ("『", "』"),
        ("``", "''"),
        ("〝", "〞"),
        ("＂", "＂"),
    ];
    assert_linear("balanced pairs of every kind", n / 2, "said she", |k| {
        let mut out = String::new();
        for i in 0..k {
            let (open, close) = pairs[i % pairs.len()];
            out.push_str(open);
            out.push_str("We will win, said she");
            out.push_str(close);
            out.push_str(" Jane Doe said. ");
        }
        out
    });
    // Quoted stops and nothing else: no word follows any of them to end the look ahead.
    assert_linear("quoted stops", n, ".", |k| "“.”".repeat(k));
    assert_linear("unbalanced marks of every kind", 10 * n, "x", |k| {
        let mut out = String::new();
        for i in 0..k {
            out.push_str(QUOTE_MARKS[(i * 7) % QUOTE_MARKS.len()]);
            if i % 3 == 0 {
                out.push('x');
            }
        }
        out
    });
}

#[test]
fn a_million_apostrophes() {
    let n = size(1_000_000, 50_000);
    assert_linear("straight apostrophes", n, "'", |k| "'".repeat(k));
    assert_linear("curly apostrophes", n, "’", |k| "’".repeat(k));
    assert_linear("apostrophes in words", n, "don't", |k| {
        repeat_cycle(
            &["don’t ", "it's ", "O'Brien ", "’90s ", "rock ’n’ roll "],
            k,
        )
    });
}

#[test]
fn text_with_no_spaces() {
    let n = size(2_000_000, 100_000);
    assert_linear("lowercase, no spaces", n, "abc", |k| {
        repeat_cycle(&["abcdefgh", "ijklmnop", "qrstuvwxyz"], k)
    });
    assert_linear("capitals and marks, no spaces", n, "Word", |k| {
        repeat_cycle(
            &["Jane", "Doe", "“Word”", "said", ".", "NATO", "‘x’", "Über"],
            k,
        )
    });
    assert_linear("CJK, no spaces", n, "北京", |k| {
        repeat_cycle(&["北京", "「東京都」", "说", "“你好”"], k)
    });
}

/// Every Unicode scalar value, in order (≈ 1.1 M code points, 4.3 MB).
fn every_code_point() -> String {
    (0..=0x10_FFFF_u32).filter_map(char::from_u32).collect()
}

#[test]
fn every_character_class_of_unicode() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let all = every_code_point();
    assert_eq!(all.chars().count(), 0x11_0000 - 0x800);
    let limit = time_limit(all.chars().count()) * 4;
    let start = Instant::now();
    let quotes = whosaid::extract_quotes(&all);
    check_quotes(&all, &quotes).unwrap_or_else(|e| panic!("every code point: {e}"));
    let entities = whosaid::extract_entities(&all);
    check_entities(&all, &entities).unwrap_or_else(|e| panic!("every code point: {e}"));
    let _ = whosaid::speaker_of(&all, "abc");
    // Every code point between quote marks, one at a time, and next to capitals: each
    // character class meets the quote and name paths.
    let step = size(1, 37);
    let mut mixed = String::new();
    for (i, c) in all.chars().enumerate().step_by(step) {
        mixed.push_str(["“", "A", "”", " ", "‘", "Bc", "’", "«", "»"][i % 9]);
        mixed.push(c);
    }
    let quotes = whosaid::extract_quotes(&mixed);
    check_quotes(&mixed, &quotes).unwrap_or_else(|e| panic!("mixed code points: {e}"));
    let entities = whosaid::extract_entities(&mixed);
    check_entities(&mixed, &entities).unwrap_or_else(|e| panic!("mixed code points: {e}"));
    let _ = whosaid::speaker_of(&mixed, "A");
    assert!(
        start.elapsed() <= limit,
        "every code point took {:?}",
        start.elapsed()
    );
}

#[test]
fn nul_characters_inside_text() {
    let n = size(500_000, 20_000);
    assert_linear("NULs between characters", n, "said", |k| {
        repeat_cycle(
            &["\0", "“We\0will”", "\0said\0", "Jane\0Doe", "\0\0", "”\0“"],
            k,
        )
    });
    // NUL right next to quote marks and names must not shift offsets.
    let text = "\0“a\0b” said Ann\0Lee.\0 “\0” Doe \0";
    let quotes = whosaid::extract_quotes(text);
    check_quotes(text, &quotes).unwrap_or_else(|e| panic!("{e}"));
    let entities = whosaid::extract_entities(text);
    check_entities(text, &entities).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn deeply_nested_quotes() {
    let depth = size(100_000, 5_000);
    let opens = ["“", "‘", "«", "„", "‹", "\"", "'"];
    let closes = ["”", "’", "»", "“", "›", "\"", "'"];
    assert_linear("balanced nesting", depth, "deep", |d| {
        let mut out = String::new();
        for i in 0..d {
            out.push_str(opens[i % opens.len()]);
            out.push_str("w ");
        }
        out.push_str("deep");
        for i in (0..d).rev() {
            out.push_str(" w");
            out.push_str(closes[i % closes.len()]);
        }
        out.push_str(" said Jane Doe.");
        out
    });
    assert_linear("openings only", depth, "w", |d| {
        repeat_cycle(&["“", "w ", "‘", "w ", "«", "w "], 2 * d)
    });
    assert_linear("closings only", depth, "w", |d| {
        repeat_cycle(&["”", " w", "’", " w", "»", " w"], 2 * d)
    });
}

#[test]
fn a_million_capitalised_words() {
    let n = size(1_000_000, 50_000);
    assert_linear("capitalised words", n, "Doe", |k| {
        repeat_cycle(
            &[
                "Jane ", "Doe ", "Angela ", "Merkel ", "Said ", "The ", "United ", "Nations ",
                "Of ", "New ", "York ", "Xi ", "Jinping ", "Mr. ", "O'Brien ", "Zürich ",
            ],
            k,
        )
    });
    assert_linear("capitalised words in quotations", n / 4, "Doe", |k| {
        repeat_cycle(
            &["“Jane Doe Said", " Angela Merkel”", " Said ", "Ann Lee. "],
            k,
        )
    });
}

#[test]
fn one_long_quotation() {
    // A single quotation of many megabytes with the speaker at the very end.
    let n = size(1_000_000, 50_000);
    assert_linear("one long quotation", n, "We will win", |k| {
        format!("“{}” said Jane Doe.", "We will win and ".repeat(k))
    });
}
