//! Quotation detection. Placeholder baseline: pairs straight and curly double quote marks.

use crate::text::CharOffsets;
use crate::{Quote, QuoteKind};

/// Finds the quotations of `text`; see [`crate::extract_quotes`].
pub fn extract(text: &str) -> Vec<Quote> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i + c.len_utf8()),
            ('"', None) => open = Some(i + 1),
            ('”' | '"', Some(s)) => {
                spans.push((s, i));
                open = None;
            }
            ('\n', _) => open = None,
            _ => {}
        }
    }
    let map = CharOffsets::new(text, spans.iter().flat_map(|&(s, e)| [s, e]));
    spans
        .into_iter()
        .map(|(s, e)| Quote {
            quote: text.get(s..e).unwrap_or_default().to_string(),
            start: map.get(s),
            end: map.get(e),
            kind: QuoteKind::Direct,
            speaker: None,
            speaker_mention: None,
            speaker_start: None,
            speaker_end: None,
            cue: None,
        })
        .collect()
}

/// The canonical speaker of the quotation containing `quote`; see [`crate::speaker_of`].
pub fn speaker_of(text: &str, quote: &str) -> Option<String> {
    let needle = quote
        .trim_matches(|c: char| c.is_whitespace() || "\"'“”‘’«»„".contains(c))
        .to_lowercase();
    if needle.is_empty() {
        return None;
    }
    extract(text)
        .into_iter()
        .find(|q| q.quote.to_lowercase().contains(&needle))
        .and_then(|q| q.speaker)
}
