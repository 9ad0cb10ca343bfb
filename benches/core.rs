//! Benchmarks of the core functions on realistic news text (`benches/articles/*.txt`,
//! written for this project) and of how cost scales from a 4 KB to a 40 MB document.
//!
//! Run: `cargo bench -p whosaid --bench core` (throughput is printed as chars/s;
//! one core, medians). Filter with a name, e.g. `cargo bench -p whosaid --bench core -- scale`.

use std::sync::OnceLock;

use divan::Bencher;
use divan::counter::CharsCount;

fn main() {
    divan::main();
}

const ARTICLES: &[(&str, &str)] = &[
    (
        "city-council-budget",
        include_str!("articles/city-council-budget.txt"),
    ),
    ("flood-warning", include_str!("articles/flood-warning.txt")),
    ("port-strike", include_str!("articles/port-strike.txt")),
    ("science-trial", include_str!("articles/science-trial.txt")),
];

fn article(name: &str) -> &'static str {
    ARTICLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("known article")
}

const NAMES: &[&str] = &[
    "city-council-budget",
    "flood-warning",
    "port-strike",
    "science-trial",
];

/// All articles one after the other: the "typical article" figure.
fn all_articles() -> &'static str {
    static ALL: OnceLock<String> = OnceLock::new();
    ALL.get_or_init(|| {
        ARTICLES
            .iter()
            .map(|(_, t)| *t)
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

/// Repeats the articles until the text is at least `bytes` long.
fn document(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    'fill: loop {
        for (_, t) in ARTICLES {
            if out.len() >= bytes {
                break 'fill;
            }
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    // Cut to `bytes` on a character boundary, so the 4 KB case is not one whole article.
    let mut cut = bytes.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// The words of the last curly-quoted passage of `text`, found by a plain scan (not by the
/// library), so `speaker_of` has a realistic argument whatever the extractor finds.
fn last_quote(text: &str) -> &str {
    let end = text.rfind('”').unwrap_or(text.len());
    let start = text[..end].rfind('“').map_or(0, |s| s + '“'.len_utf8());
    &text[start..end]
}

#[divan::bench(args = NAMES)]
fn extract_quotes(bencher: Bencher, name: &str) {
    let text = article(name);
    bencher
        .counter(CharsCount::of_str(text))
        .bench(|| whosaid::extract_quotes(divan::black_box(text)));
}

#[divan::bench(args = NAMES)]
fn extract_entities(bencher: Bencher, name: &str) {
    let text = article(name);
    bencher
        .counter(CharsCount::of_str(text))
        .bench(|| whosaid::extract_entities(divan::black_box(text)));
}

#[divan::bench(args = NAMES)]
fn speaker_of(bencher: Bencher, name: &str) {
    let text = article(name);
    let quote = last_quote(text);
    bencher
        .counter(CharsCount::of_str(text))
        .bench(|| whosaid::speaker_of(divan::black_box(text), divan::black_box(quote)));
}

/// Every function on the four articles together (≈11 KB).
mod all {
    use super::*;

    #[divan::bench]
    fn extract_quotes(bencher: Bencher) {
        let text = all_articles();
        bencher
            .counter(CharsCount::of_str(text))
            .bench(|| whosaid::extract_quotes(divan::black_box(text)));
    }

    #[divan::bench]
    fn extract_entities(bencher: Bencher) {
        let text = all_articles();
        bencher
            .counter(CharsCount::of_str(text))
            .bench(|| whosaid::extract_entities(divan::black_box(text)));
    }

    #[divan::bench]
    fn speaker_of(bencher: Bencher) {
        let text = all_articles();
        let quote = last_quote(text);
        bencher
            .counter(CharsCount::of_str(text))
            .bench(|| whosaid::speaker_of(divan::black_box(text), divan::black_box(quote)));
    }
}

/// Cost per character of a 4 KB document against a 40 MB one: the target is ≤ 1.5× per char.
/// Compare the chars/s of `kb4` and `mb40` in the output.
mod scale {
    use super::*;

    fn small() -> &'static str {
        static SMALL: OnceLock<String> = OnceLock::new();
        SMALL.get_or_init(|| document(4 << 10))
    }

    fn big() -> &'static str {
        static BIG: OnceLock<String> = OnceLock::new();
        BIG.get_or_init(|| document(40 << 20))
    }

    mod kb4 {
        use super::*;

        #[divan::bench]
        fn extract_quotes(bencher: Bencher) {
            let text = small();
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::extract_quotes(divan::black_box(text)));
        }

        #[divan::bench]
        fn extract_entities(bencher: Bencher) {
            let text = small();
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::extract_entities(divan::black_box(text)));
        }

        #[divan::bench]
        fn speaker_of(bencher: Bencher) {
            let text = small();
            let quote = last_quote(text);
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::speaker_of(divan::black_box(text), divan::black_box(quote)));
        }
    }

    mod mb40 {
        use super::*;

        #[divan::bench(sample_count = 7, sample_size = 1)]
        fn extract_quotes(bencher: Bencher) {
            let text = big();
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::extract_quotes(divan::black_box(text)));
        }

        #[divan::bench(sample_count = 7, sample_size = 1)]
        fn extract_entities(bencher: Bencher) {
            let text = big();
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::extract_entities(divan::black_box(text)));
        }

        #[divan::bench(sample_count = 7, sample_size = 1)]
        fn speaker_of(bencher: Bencher) {
            let text = big();
            let quote = last_quote(text);
            bencher
                .counter(CharsCount::of_str(text))
                .bench(|| whosaid::speaker_of(divan::black_box(text), divan::black_box(quote)));
        }
    }
}
