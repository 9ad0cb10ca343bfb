//! Quotation detection: the pipeline from quote marks to attributed quotations.
//!
//! marks ([`crate::text::scan_marks`]) → candidates ([`pairing`]) → cue and speaker
//! ([`crate::attribution`]) → keep or drop, kind ([`filter`]) → canonical speaker
//! ([`crate::attribution::resolve`]) → code point offsets ([`crate::text::CharOffsets`]).
//!
//! Everything runs in byte offsets over bounded windows: the cost is linear in the text plus
//! a fixed amount per quote mark.
//!
//! Error analysis on PolNeAR: `scripts/quote_errors.py` lists missed quotations, false ones
//! and wrong speakers by category, for tuning on the train split.

pub mod filter;
pub mod pairing;

use crate::attribution::resolve::Resolver;
use crate::attribution::{Attribution, attribute};
use crate::text::CharOffsets;
use crate::{Quote, QuoteKind};
use pairing::Candidate;

/// A quotation found, in bytes, before canonical names and offset conversion.
struct Found {
    cand: Candidate,
    attr: Attribution,
    kind: QuoteKind,
}

/// Candidates with their attributions, the ones kept as quotations, in text order.
fn find(text: &str) -> Vec<Found> {
    let cands = pairing::pair(text);
    let attrs = attribute(text, &cands);
    let mut kept_before: Option<usize> = None;
    cands
        .into_iter()
        .zip(attrs)
        .filter_map(|(cand, attr)| {
            let quoted = text.get(cand.start..cand.end)?;
            // "called her “Miss Piggy” and “Miss Housekeeping”": a quotation joined to a kept
            // one by "and", "or" or a comma is kept with it.
            let keep = filter::keep(text, &cand, &attr)
                || kept_before.is_some_and(|close| filter::joined(text, close, cand.open));
            kept_before = keep.then_some(cand.close);
            keep.then(|| Found {
                cand,
                attr,
                kind: filter::kind(quoted, &attr),
            })
        })
        .collect()
}

/// One quotation of a text, as [`Quote`] holds it but borrowing its words from the text: the
/// JSON form writes these directly, without copying every quotation, mention and cue into a
/// string of its own first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRef<'t> {
    /// [`Quote::quote`].
    pub quote: &'t str,
    /// [`Quote::start`].
    pub start: usize,
    /// [`Quote::end`].
    pub end: usize,
    /// [`Quote::kind`].
    pub kind: QuoteKind,
    /// [`Quote::speaker`] (a canonical name, not always words of the text).
    pub speaker: Option<String>,
    /// [`Quote::speaker_mention`].
    pub speaker_mention: Option<&'t str>,
    /// [`Quote::speaker_start`].
    pub speaker_start: Option<usize>,
    /// [`Quote::speaker_end`].
    pub speaker_end: Option<usize>,
    /// [`Quote::cue`].
    pub cue: Option<&'t str>,
}

impl QuoteRef<'_> {
    /// The owned [`Quote`].
    pub fn into_quote(self) -> Quote {
        Quote {
            quote: self.quote.to_string(),
            start: self.start,
            end: self.end,
            kind: self.kind,
            speaker: self.speaker,
            speaker_mention: self.speaker_mention.map(str::to_string),
            speaker_start: self.speaker_start,
            speaker_end: self.speaker_end,
            cue: self.cue.map(str::to_string),
        }
    }
}

/// Finds the quotations of `text`; see [`crate::extract_quotes`].
pub fn extract(text: &str) -> Vec<Quote> {
    extract_borrowed(text)
        .into_iter()
        .map(QuoteRef::into_quote)
        .collect()
}

/// [`extract`], borrowing the words of each quotation from `text`.
pub fn extract_borrowed(text: &str) -> Vec<QuoteRef<'_>> {
    let found = find(text);
    let mut resolver = Resolver::new(text);
    let speakers: Vec<Option<String>> = found
        .iter()
        .map(|f| f.attr.speaker.and_then(|(s, e)| resolver.canonical(s, e)))
        .collect();
    let map = CharOffsets::new(
        text,
        found.iter().flat_map(|f| {
            let (ss, se) = f.attr.speaker.unwrap_or((0, 0));
            [f.cand.start, f.cand.end, ss, se]
        }),
    );
    found
        .into_iter()
        .zip(speakers)
        .map(|(f, speaker)| QuoteRef {
            quote: text.get(f.cand.start..f.cand.end).unwrap_or_default(),
            start: map.get(f.cand.start),
            end: map.get(f.cand.end),
            kind: f.kind,
            speaker,
            speaker_mention: f.attr.speaker.and_then(|(s, e)| text.get(s..e)),
            speaker_start: f.attr.speaker.map(|(s, _)| map.get(s)),
            speaker_end: f.attr.speaker.map(|(_, e)| map.get(e)),
            cue: f.attr.cue.and_then(|(s, e)| text.get(s..e)),
        })
        .collect()
}

/// Lower-cases and unifies apostrophes, so `speaker_of` matches `don't` and `don’t`.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// The canonical speaker of the quotation containing `quote`; see [`crate::speaker_of`].
///
/// Does no more than [`extract`]: the same detection, then a canonical name for one quotation.
pub fn speaker_of(text: &str, quote: &str) -> Option<String> {
    let needle = fold(quote.trim_matches(|c: char| c.is_whitespace() || "\"'“”‘’«»„".contains(c)));
    if needle.is_empty() {
        return None;
    }
    let found = find(text);
    let hit = found.iter().enumerate().find(|(_, f)| {
        text.get(f.cand.start..f.cand.end)
            .is_some_and(|q| fold(q).contains(&needle))
    })?;
    let mut resolver = Resolver::new(text);
    // Earlier speakers inform pronoun resolution.
    for f in found.get(..hit.0)? {
        if let Some((s, e)) = f.attr.speaker {
            let _ = resolver.canonical(s, e);
        }
    }
    let (s, e) = hit.1.attr.speaker?;
    resolver.canonical(s, e)
}
