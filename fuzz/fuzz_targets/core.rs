//! Fuzzes the core API: `extract_quotes`, `extract_entities` and `speaker_of` on arbitrary
//! text, checking every result invariant (offsets slice out the reported words, spans in
//! order and never crossing, `speaker_of` agreeing with `extract_quotes`, determinism).
//!
//! Input layout: the bytes, decoded lossily as UTF-8, are the article; when they contain a
//! `\x01` byte, what follows it is also passed to `speaker_of` as the quote argument.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robust_support/mod.rs"]
mod robust_support;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = robust_support::check_text(&text) {
        panic!("invariant violated: {e}\n  text: {text:?}");
    }
    if let Some(split) = data.iter().position(|&b| b == 1) {
        let article = String::from_utf8_lossy(&data[..split]);
        let quote = String::from_utf8_lossy(&data[split + 1..]);
        let first = whosaid::speaker_of(&article, &quote);
        let again = whosaid::speaker_of(&article, &quote);
        assert_eq!(first, again, "speaker_of is not deterministic");
        if let Some(speaker) = &first {
            assert!(
                !speaker.trim().is_empty(),
                "speaker_of returned an empty name"
            );
        }
    }
});
