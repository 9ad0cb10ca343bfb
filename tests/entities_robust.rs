//! `extract_entities` never panics and stays linear, whatever the input.

use std::time::Instant;
use whosaid::extract_entities;

fn check(text: &str) {
    let n = text.chars().count();
    for e in extract_entities(text) {
        assert!(e.start < e.end && e.end <= n);
        assert!(!e.text.is_empty() && !e.canonical.is_empty());
    }
}

#[test]
fn odd_characters_do_not_panic() {
    for text in [
        "\u{0}\u{1}A\u{feff}B\u{200d}C",
        "’s ’s 's 's . . U.S.. Inc.. A$ $A",
        "Ça va? ÉCOLE POLYTECHNIQUE – Zürich 東京 Москва Владимир Путин",
        "A\nB\nC\n\n\nD",
        "((((Smith)))) [Jones] {Brown} \"Lee\" «Kim»",
        "É",
        "a'",
        "A.",
        "-A-",
    ] {
        check(text);
    }
}

#[test]
fn one_giant_capitalised_word_is_linear() {
    let text = "AbcDef".repeat(200_000); // 1.2 MB, no spaces
    let t = Instant::now();
    let es = extract_entities(&text);
    assert!(es.len() <= 1);
    check(&text);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn many_capitalised_words_are_linear() {
    let text = "Alpha Beta Gamma Delta ".repeat(25_000); // 100,000 capitalised words
    let t = Instant::now();
    check(&text);
    let caps = "ALPHA BETA, GAMMA. ".repeat(20_000);
    check(&caps);
    let mixed = "Mr. Smith of Acme Inc. (AI) met the U.S. and Xi in New York.\n".repeat(5_000);
    check(&mixed);
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
}
