//! Named entities: people, organisations, places and other names, each with the fullest
//! form of the same entity in the text.
//!
//! Pipeline, one module each: `tokenize` (newswire-style tokens) → `doc` (word hashes from
//! `word`, `gazetteer` marks, word `clusters`, which tokens may be names, how each word is
//! written elsewhere in the article) → `model` (greedy averaged-perceptron BIO tagger over `features`, run
//! twice: the second pass also sees the first pass's `history` of each word) → `heads`
//! (names ending in "Ministry", "Inc." are organisations) → `consistency` (one label per name
//! through the article) → `trim` (edges no name has, lists run together) → `origins`
//! ("Norrby of Sweden" is two names) → `qualifiers`
//! (a club's "(B)", a king's "III", "Euro 96") → `nicknames` (`Roberto "Hands of Stone"
//! Duran`) → `titles` ("The Road to Harbin" in quotes) → `possessives` ("Moody's said") → `events` ("... Open" is MISC) → `datelines`
//! (the place a story was filed from) → `results` (untagged sides of "Home 21 Away 13"
//! rows) → `participles` ("Ohio-based") → `surnames` → `acronyms` ("(WHO)") → `aliases`
//! (canonical forms) → code point offsets,
//! less a company suffix's period that is also the full stop (`periods`). `train` holds
//! the training loop used by `examples/train_ner.rs`.

pub(crate) mod acronyms;
pub(crate) mod ahead;
pub(crate) mod aliases;
pub(crate) mod clusters;
pub(crate) mod consistency;
pub(crate) mod contexts;
pub(crate) mod datelines;
pub(crate) mod doc;
pub(crate) mod events;
pub(crate) mod features;
pub(crate) mod gazetteer;
pub(crate) mod heads;
pub(crate) mod history;
pub(crate) mod model;
pub(crate) mod nicknames;
pub(crate) mod origins;
pub(crate) mod participles;
pub(crate) mod periods;
pub(crate) mod possessives;
pub(crate) mod qualifiers;
pub(crate) mod results;
pub(crate) mod reuse;
pub(crate) mod runs;
pub(crate) mod scratch;
pub(crate) mod slots;
pub(crate) mod stats;
pub(crate) mod surnames;
pub(crate) mod titles;
pub(crate) mod tokenize;
#[doc(hidden)]
pub mod train;
pub(crate) mod trim;
pub(crate) mod word;

use std::ops::Range;

use crate::learn::Weights;
use crate::text::CharOffsets;
use crate::{Entity, Label};
use doc::Doc;

/// Finds the named entities of `text`; see [`crate::extract_entities`].
pub fn extract(text: &str) -> Vec<Entity> {
    find(text).iter().map(|f| f.entity(text)).collect()
}

/// One entity of a text as ranges of it: what [`Entity`] holds, without its two strings.
/// The SQL functions write their results straight from these, so a call builds no string
/// per entity (two allocations and two frees each, about 4% of the work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte range of the entity as written.
    pub text: Range<usize>,
    /// Code point offsets, as in [`Entity`].
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// Byte range of its canonical form.
    pub canonical: Range<usize>,
}

impl Found {
    /// The entity as written in `text`, the text it was found in.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.text.clone()).unwrap_or_default()
    }

    /// Its canonical form in `text`, the text it was found in.
    pub fn canonical<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.canonical.clone()).unwrap_or_default()
    }

    /// The owned [`Entity`].
    pub fn entity(&self, text: &str) -> Entity {
        Entity {
            text: self.text(text).to_string(),
            start: self.start,
            end: self.end,
            label: self.label,
            canonical: self.canonical(text).to_string(),
        }
    }
}

/// The entities of `text` as [`Found`] ranges, in text order.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let Some(m) = model::models() else {
        return Vec::new();
    };
    // The per-token arrays are the last call's on this thread (see `scratch`).
    let mut doc = Doc::with_buffers(text, scratch::take());
    let found = find_in(&mut doc, m);
    scratch::give_back(doc.into_buffers());
    found
}

/// [`find`] in `doc`.
fn find_in(doc: &mut Doc, m: &model::Models) -> Vec<Found> {
    let text = doc.text;
    let spans = tag_spans(doc, &m.first, m.second.as_ref());
    let doc = &*doc;
    let canon = aliases::canonical(doc, &spans);
    let bytes = |&(s, e, _): &(usize, usize, Label)| {
        (
            doc.toks.get(s).map_or(0, |t| t.start),
            doc.toks.get(e.wrapping_sub(1)).map_or(0, |t| {
                t.end
                    .saturating_sub(periods::trailing_stop(doc, e.wrapping_sub(1)))
            }),
        )
    };
    // Byte ranges found once: the period test at a span's end reads its neighbours.
    let ranges: Vec<(usize, usize)> = spans.iter().map(bytes).collect();
    let map = CharOffsets::new(text, ranges.iter().flat_map(|&(s, e)| [s, e]));
    spans
        .iter()
        .zip(ranges)
        .zip(canon)
        .map(|((sp, (s, e)), canonical)| Found {
            // An empty range where `s..e` is not one (never, for token ranges).
            text: if s <= e { s..e } else { s..s },
            start: map.get(s),
            end: map.get(e),
            label: sp.2,
            canonical,
        })
        .collect()
}

/// Token spans `(first, last + 1, label)` of the entities of `doc`, tagged with `first`
/// and, when given, `second`.
pub(crate) fn tag_spans(
    doc: &mut Doc,
    first: &Weights,
    second: Option<&Weights>,
) -> Vec<(usize, usize, Label)> {
    let tags = model::tag_two(doc, first, second);
    let spans = heads::apply(
        doc,
        heads::join_after_heads(
            doc,
            heads::join_ampersands(doc, model::spans_at(&tags, &doc.cands)),
        ),
    );
    // The tags' array, for the next text (see `scratch`).
    doc.spare.final_tags = tags;
    let mut spans = heads::split_at_titles(doc, spans);
    heads::trim_titles(doc, &mut spans);
    heads::drop_determiners(doc, &mut spans);
    let spans = trim::apply(doc, spans);
    let spans = origins::apply(doc, consistency::apply(doc, spans));
    let mut spans = titles::apply(doc, nicknames::apply(doc, qualifiers::apply(doc, spans)));
    possessives::apply(doc, &mut spans);
    events::apply(doc, &mut spans);
    datelines::apply(doc, &mut spans);
    results::apply(doc, &mut spans);
    participles::apply(doc, &mut spans);
    surnames::apply(doc, &mut spans);
    acronyms::apply(doc, &mut spans);
    spans
}
