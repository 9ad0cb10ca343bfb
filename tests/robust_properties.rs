//! Property tests over generated news-like text (a small deterministic generator instead of
//! proptest, to keep dev-dependencies lean). For every generated text:
//! offsets slice out exactly the reported words (code point offsets), spans are in order,
//! inside the text and never cross; `speaker_of` agrees with `extract_quotes`; results are
//! identical across runs, across threads, and between the library and its SQL functions.
//!
//! `WHOSAID_PROP_CASES` overrides the number of cases (default 3,000; 300 in debug builds);
//! `WHOSAID_PROP_SEED` replays one seed.

mod robust_support;

use robust_support::{Rng, check_text, news_like};

fn cases() -> u64 {
    std::env::var("WHOSAID_PROP_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 300 } else { 3_000 })
}

fn seeds() -> Vec<u64> {
    match std::env::var("WHOSAID_PROP_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(seed) => vec![seed],
        None => (1..=cases()).collect(),
    }
}

/// quote, start, end, kind, speaker, cue: a row of the table-valued extract_quotes.
type QuoteRow = (String, i64, i64, String, Option<String>, Option<String>);

fn generate(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let max = if rng.chance(10) { 2_000 } else { 120 };
    let pieces = 1 + rng.below(max);
    news_like(&mut rng, pieces)
}

#[test]
fn invariants_hold_on_generated_text() {
    let mut failures = Vec::new();
    for seed in seeds() {
        let text = generate(seed);
        if let Err(e) = check_text(&text) {
            failures.push(format!(
                "seed {seed} (replay: WHOSAID_PROP_SEED={seed}): {e}\n  text: {text:?}"
            ));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generator_produces_quotations_and_names() {
    // Guards the property test itself: the generated texts must exercise the interesting
    // paths (quote marks, capitalised names), or the invariants above would hold vacuously.
    let texts: Vec<String> = (1..=200).map(generate).collect();
    let with_marks = texts
        .iter()
        .filter(|t| t.contains('“') && t.contains('”'))
        .count();
    let with_names = texts.iter().filter(|t| t.contains("Doe")).count();
    assert!(
        with_marks > 50,
        "only {with_marks} of 200 texts have curly quotes"
    );
    assert!(with_names > 50, "only {with_names} of 200 texts have names");
    // And the library finds something in them: offsets are checked on real results.
    let quotes: usize = texts.iter().map(|t| whosaid::extract_quotes(t).len()).sum();
    let entities: usize = texts
        .iter()
        .map(|t| whosaid::extract_entities(t).len())
        .sum();
    assert!(quotes > 0, "no quotation found in 200 generated texts");
    assert!(entities > 0, "no entity found in 200 generated texts");
}

#[test]
fn prefixes_of_a_text_never_break_invariants() {
    // Cutting a text anywhere (inside a quotation, a name, a multi-byte character's
    // neighbourhood) must still give valid results.
    let cases = if cfg!(debug_assertions) { 10 } else { 60 };
    for seed in 10_000..10_000 + cases {
        let text = generate(seed);
        let cuts: Vec<usize> = text.char_indices().map(|(b, _)| b).step_by(7).collect();
        for cut in cuts {
            let prefix = &text[..cut];
            if let Err(e) = check_text(prefix) {
                panic!("seed {seed}, prefix of {cut} bytes: {e}\n  text: {prefix:?}");
            }
        }
    }
}

#[test]
fn results_are_identical_across_threads() {
    let texts: Vec<String> = (20_000..20_000 + 200).map(generate).collect();
    let expected: Vec<_> = texts
        .iter()
        .map(|t| (whosaid::extract_quotes(t), whosaid::extract_entities(t)))
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let texts = &texts;
                s.spawn(move || {
                    // Each thread walks the texts in a different order.
                    let n = texts.len();
                    (0..n)
                        .map(|i| (i * (2 * k + 1) + k) % n)
                        .map(|i| {
                            let t = &texts[i];
                            (i, whosaid::extract_quotes(t), whosaid::extract_entities(t))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, q, e) in h.join().expect("worker thread panicked") {
                assert_eq!(q, expected[i].0, "extract_quotes differs on text {i}");
                assert_eq!(e, expected[i].1, "extract_entities differs on text {i}");
            }
        }
    });
}

#[test]
fn sql_results_equal_library_results() {
    let conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
    whosaid::register(&conn).expect("register");
    let cases = if cfg!(debug_assertions) { 100 } else { 500 };
    for seed in 30_000..30_000 + cases {
        let text = generate(seed);
        let (quotes_json, entities_json): (String, String) = conn
            .query_row(
                "SELECT extract_quotes(?1), extract_entities(?1)",
                [&text],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("scalar functions");
        let quotes: serde_json::Value = serde_json::from_str(&quotes_json).expect("JSON");
        let entities: serde_json::Value = serde_json::from_str(&entities_json).expect("JSON");
        let lib_quotes = whosaid::extract_quotes(&text);
        let lib_entities = whosaid::extract_entities(&text);
        assert_eq!(
            quotes,
            serde_json::to_value(&lib_quotes).expect("serialise"),
            "seed {seed}"
        );
        assert_eq!(
            entities,
            serde_json::to_value(&lib_entities).expect("serialise"),
            "seed {seed}"
        );
        // Table forms: one row per result, same fields.
        let mut stmt = conn
            .prepare("SELECT quote, start, \"end\", kind, speaker, cue FROM extract_quotes(?1)")
            .expect("prepare");
        let rows: Vec<QuoteRow> = stmt
            .query_map([&text], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let want: Vec<_> = lib_quotes
            .iter()
            .map(|q| {
                (
                    q.quote.clone(),
                    q.start as i64,
                    q.end as i64,
                    q.kind.as_str().to_string(),
                    q.speaker.clone(),
                    q.cue.clone(),
                )
            })
            .collect();
        assert_eq!(rows, want, "seed {seed}: table extract_quotes");
        let mut stmt = conn
            .prepare("SELECT text, start, \"end\", label, canonical FROM extract_entities(?1)")
            .expect("prepare");
        let rows: Vec<(String, i64, i64, String, String)> = stmt
            .query_map([&text], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        let want: Vec<_> = lib_entities
            .iter()
            .map(|e| {
                (
                    e.text.clone(),
                    e.start as i64,
                    e.end as i64,
                    e.label.as_str().to_string(),
                    e.canonical.clone(),
                )
            })
            .collect();
        assert_eq!(rows, want, "seed {seed}: table extract_entities");
        // speaker_of through SQL equals the library for every quotation.
        for q in &lib_quotes {
            let got: Option<String> = conn
                .query_row("SELECT speaker_of(?1, ?2)", [&text, &q.quote], |r| r.get(0))
                .expect("speaker_of");
            assert_eq!(got, whosaid::speaker_of(&text, &q.quote), "seed {seed}");
        }
        // SQL offsets work with SQLite's own substr().
        let mut stmt = conn
            .prepare(
                "SELECT count(*) FROM extract_quotes(?1) AS q \
                 WHERE substr(?1, q.start + 1, q.\"end\" - q.start) IS NOT q.quote",
            )
            .expect("prepare");
        let mismatches: i64 = stmt.query_row([&text], |r| r.get(0)).expect("substr check");
        if !text.contains('\0') {
            assert_eq!(
                mismatches, 0,
                "seed {seed}: substr() disagrees with offsets"
            );
        }
    }
}

#[test]
fn checks_reject_bad_results() {
    // The invariant checks must catch what they claim to, or every test above is vacuous.
    use robust_support::{check_entities, check_quotes};
    use whosaid::{Entity, Label, Quote, QuoteKind};
    let text = "a “bé” c “d” Jane Doe";
    let quote = |quote: &str, start, end| Quote {
        quote: quote.into(),
        start,
        end,
        kind: QuoteKind::Direct,
        speaker: None,
        speaker_mention: None,
        speaker_start: None,
        speaker_end: None,
        cue: None,
    };
    let good = vec![quote("bé", 3, 5), quote("d", 10, 11)];
    assert_eq!(check_quotes(text, &good), Ok(()));
    // Byte offsets instead of code point offsets.
    assert!(check_quotes(text, &[quote("bé", 5, 8)]).is_err());
    // Out of the text, reversed, out of order, crossing.
    assert!(check_quotes(text, &[quote("", 30, 30)]).is_err());
    assert!(check_quotes(text, &[quote("", 5, 3)]).is_err());
    assert!(check_quotes(text, &[good[1].clone(), good[0].clone()]).is_err());
    assert!(check_quotes(text, &[quote("“bé", 2, 5), quote("é” c", 4, 8)]).is_err());
    // Speaker offsets must slice out the mention, and come with a speaker.
    let mut q = quote("bé", 3, 5);
    q.speaker = Some("Jane Doe".into());
    q.speaker_mention = Some("Jane Doe".into());
    q.speaker_start = Some(13);
    q.speaker_end = Some(21);
    assert_eq!(check_quotes(text, std::slice::from_ref(&q)), Ok(()));
    q.speaker_start = Some(12);
    assert!(check_quotes(text, std::slice::from_ref(&q)).is_err());
    q.speaker_start = None;
    assert!(check_quotes(text, &[q]).is_err());
    let entity = |t: &str, start, end| Entity {
        text: t.into(),
        start,
        end,
        label: Label::Person,
        canonical: t.into(),
    };
    assert_eq!(check_entities(text, &[entity("Jane Doe", 13, 21)]), Ok(()));
    assert!(check_entities(text, &[entity("Jane Doe", 12, 20)]).is_err());
    assert!(check_entities(text, &[entity("", 13, 13)]).is_err());
    assert!(
        check_entities(text, &[entity("Jane Doe", 13, 21), entity("Jane", 13, 17)]).is_ok(),
        "nested spans do not cross"
    );
    assert!(check_entities(text, &[entity("Jane Doe", 13, 21), entity("Doe", 18, 21)]).is_ok());
    assert!(check_entities(text, &[entity("Doe", 18, 21), entity("Jane", 13, 17)]).is_err());
}
