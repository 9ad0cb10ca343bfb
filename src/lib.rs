//! Who said what, and about whom: quotations, their speakers and the named entities of news
//! text.
//!
//! `whosaid` is a plain Rust library (this crate) and a loadable SQLite extension (the
//! `extension/` package, a thin layer over [`register`]). The NLP core has no SQLite in it:
//!
//! ```
//! let article = "“We will win,” Jane Doe said on Monday. Doe added: “It is close.”";
//! let quotes = whosaid::extract_quotes(article);
//! assert_eq!(quotes[0].quote, "We will win,");
//! assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
//! assert_eq!(quotes[1].speaker.as_deref(), Some("Jane Doe"));
//! assert_eq!(whosaid::speaker_of(article, "it is close").as_deref(), Some("Jane Doe"));
//! ```
//!
//! # Offsets
//! Every `start`/`end` in the results is a 0-based Unicode code point offset, end exclusive,
//! the convention of Python's `text[start:end]` and SQLite's `substr(text, start + 1, end -
//! start)`. Inside, the pipeline works on byte offsets and converts once, at this edge.
//!
//! # Data flow
//! text → [`text`] (quote marks) → [`sentences`] → [`quotes`] (mark pairing, kinds) →
//! [`attribution`] (cue and speaker) → [`names`] (canonical forms); [`entities`] runs beside
//! the quote path over the same text and shares [`names`].

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod attribution;
pub mod calendar;
pub mod entities;
pub mod learn;
pub mod names;
pub mod quotes;
pub mod sentences;
pub mod sql;
#[cfg(test)]
mod testing;
pub mod text;

use serde::Serialize;

pub use sql::register;

/// Whether a quotation stands as someone's words or sits inside the writer's own sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A quoted sentence or clause given as someone's words: `“We will win,” she said.`
    Direct,
    /// A quoted fragment inside reported speech: `Putin praised China’s “balanced” position.`
    Partial,
}

impl QuoteKind {
    /// The name used in JSON and SQL results: `"direct"` or `"partial"`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
        }
    }
}

/// One quotation found in a text, with its attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub quote: String,
    /// Code point offset of the first character of `quote`.
    pub start: usize,
    /// Code point offset just past the last character of `quote`.
    pub end: usize,
    /// Direct speech or a partial quotation.
    pub kind: QuoteKind,
    /// The canonical name of the speaker: the fullest form of that name in the text.
    pub speaker: Option<String>,
    /// The words naming the speaker where the quotation is attributed, as written.
    pub speaker_mention: Option<String>,
    /// Code point offset where `speaker_mention` starts.
    pub speaker_start: Option<usize>,
    /// Code point offset where `speaker_mention` ends.
    pub speaker_end: Option<usize>,
    /// The speech verb or phrase that attributes the quotation ("said", "according to").
    pub cue: Option<String>,
}

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Label {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation: a company, party, agency, team or outlet.
    #[serde(rename = "ORG")]
    Org,
    /// A place: a country, city, region or geographic feature.
    #[serde(rename = "LOC")]
    Loc,
    /// Any other name: nationalities, events, works, products.
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    /// The name used in JSON and SQL results: `PERSON`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }
}

/// One named entity found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The entity as written.
    pub text: String,
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset just past the last character.
    pub end: usize,
    /// What kind of name it is.
    pub label: Label,
    /// The fullest form of the same entity in the text ("Xi" gives "Xi Jinping").
    pub canonical: String,
}

/// Finds the quotations in `text`, in text order, each with its speaker and cue.
///
/// ```
/// let q = whosaid::extract_quotes("“Prices will fall,” said Ann Lee, an economist.");
/// assert_eq!(q.len(), 1);
/// assert_eq!(q[0].kind, whosaid::QuoteKind::Direct);
/// assert_eq!(q[0].cue.as_deref(), Some("said"));
/// assert_eq!(q[0].speaker_mention.as_deref(), Some("Ann Lee"));
/// ```
pub fn extract_quotes(text: &str) -> Vec<Quote> {
    quotes::extract(text)
}

/// Finds the named entities in `text`, in text order.
///
/// ```
/// let e = whosaid::extract_entities("Angela Merkel flew to Paris. Merkel met the press.");
/// let merkel: Vec<_> = e.iter().filter(|e| e.label == whosaid::Label::Person).collect();
/// assert_eq!(merkel[1].text, "Merkel");
/// assert_eq!(merkel[1].canonical, "Angela Merkel");
/// assert!(e.iter().any(|e| e.text == "Paris" && e.label == whosaid::Label::Loc));
/// ```
pub fn extract_entities(text: &str) -> Vec<Entity> {
    entities::extract(text)
}

/// The canonical speaker of the quotation in `text` whose words contain `quote`.
///
/// Quote marks around `quote`, its letter case, and curly against straight apostrophes
/// (’ and ') do not matter; the first quotation that matches is the one. Returns `None` when
/// no quotation contains it, or when that quotation has no speaker.
///
/// ```
/// let text = "Ann Lee spoke first. “Prices will fall,” Lee said. “It’s late,” Tom Ray said.";
/// assert_eq!(whosaid::speaker_of(text, "prices WILL fall").as_deref(), Some("Ann Lee"));
/// assert_eq!(whosaid::speaker_of(text, "it's late").as_deref(), Some("Tom Ray"));
/// assert_eq!(whosaid::speaker_of(text, "nobody said this"), None);
/// ```
pub fn speaker_of(text: &str, quote: &str) -> Option<String> {
    quotes::speaker_of(text, quote)
}

/// The crate's version, as `whosaid_version()` reports it in SQL.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The README's Rust examples, run as doctests so the documentation cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
