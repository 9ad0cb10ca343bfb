//! Shared by the `robust_*` tests and the fuzz targets (which include this file with
//! `#[path]`): a tiny deterministic text generator and the invariant checks that every result
//! of the public API must satisfy, whatever the NLP implementation behind it.
//!
//! Only the public API is used here (`whosaid::{extract_quotes, extract_entities,
//! speaker_of, Quote, Entity}`), so the checks survive rewrites of the NLP core.

#![allow(dead_code)]

use whosaid::{Entity, Quote};

/// xorshift64*: small, fast, deterministic; good enough to drive text generation.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Every quote mark a news text may use, paired and unpaired.
pub const QUOTE_MARKS: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "‹", "›", "「", "」", "『", "』", "``",
    "''", "〝", "〞", "＂",
];

const WORDS: &[&str] = &[
    "the",
    "a",
    "said",
    "says",
    "told",
    "according to",
    "added",
    "of",
    "in",
    "on",
    "and",
    "minister",
    "president",
    "reporters",
    "officials",
    "will",
    "not",
    "we",
    "it",
    "is",
    "was",
    "she",
    "he",
    "they",
    "Mr.",
    "Ms.",
    "Dr.",
    "on Monday",
    "last week",
    "economy",
    "vote",
    "don't",
    "it's",
    "rock 'n' roll",
    "'90s",
    "e.g.",
    "U.S.",
    "café",
    "naïve",
    "Zürich",
    "São Paulo",
    "Ελλάδα",
    "Москва",
    "北京",
    "東京都",
    "مرحبا",
    "שלום",
    "हिन्दी",
    "😀",
    "👩‍👩‍👧",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "\u{a0}",
    "\t",
    "\u{2028}",
    "\0",
    "-",
    "—",
    "–",
];

const NAMES: &[&str] = &[
    "Jane Doe",
    "Doe",
    "Ann Lee",
    "Lee",
    "John Smith",
    "Smith",
    "Angela Merkel",
    "Merkel",
    "Xi Jinping",
    "Xi",
    "the United Nations",
    "NATO",
    "Paris",
    "New York",
    "Acme Corp.",
    "Jean-Luc Picard",
    "O'Brien",
    "McDonald",
    "de la Cruz",
    "Ōsaka",
    "Łódź",
    "ÉCOLE",
];

const PUNCT: &[&str] = &[
    ".", ",", ":", ";", "!", "?", "…", "...", "(", ")", "[", "]", "\n", "\n\n", "\r\n", " ", "  ",
];

/// A random, news-like text: words, names, speech verbs, every kind of quote mark (often
/// unbalanced), punctuation, line breaks and a sprinkling of non-Latin scripts and control
/// characters. Roughly `pieces` tokens long.
pub fn news_like(rng: &mut Rng, pieces: usize) -> String {
    let mut out = String::new();
    let mut open: Vec<&str> = Vec::new();
    for _ in 0..pieces {
        match rng.below(12) {
            0 => {
                // Open a quotation, sometimes nested.
                let mark = *rng.pick(&["“", "\"", "‘", "«", "„", "'"]);
                open.push(mark);
                out.push_str(mark);
            }
            1 => {
                // Close the innermost quotation, or drop a stray mark.
                let mark = match open.pop() {
                    Some("“") | Some("„") => "”",
                    Some("‘") => "’",
                    Some("«") => "»",
                    Some(m) => m,
                    None => *rng.pick(QUOTE_MARKS),
                };
                out.push_str(mark);
            }
            2 => out.push_str(rng.pick::<&str>(QUOTE_MARKS)),
            3 | 4 => out.push_str(rng.pick::<&str>(NAMES)),
            5 | 6 => out.push_str(rng.pick::<&str>(PUNCT)),
            7 => {
                // A random code point from anywhere in Unicode.
                let c = loop {
                    if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                        break c;
                    }
                };
                out.push(c);
            }
            _ => out.push_str(rng.pick::<&str>(WORDS)),
        }
        if rng.chance(70) {
            out.push(' ');
        }
    }
    // Close most of what is still open, so balanced quotations are common.
    while let Some(m) = open.pop() {
        if rng.chance(80) {
            out.push_str(match m {
                "“" | "„" => "”",
                "‘" => "’",
                "«" => "»",
                m => m,
            });
        }
    }
    out
}

/// Byte offset of every code point of `text`, plus `text.len()` at the end, so a code point
/// span converts to a byte span in O(1) and checks stay linear on huge inputs.
pub struct CharIndex<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// `text.chars().skip(start).take(end - start)`, or an error when the span is invalid.
    pub fn slice(&self, start: usize, end: usize) -> Result<&'a str, String> {
        if start > end || end > self.len() {
            return Err(format!(
                "span {start}..{end} is not inside a text of {} code points",
                self.len()
            ));
        }
        Ok(&self.text[self.bytes[start]..self.bytes[end]])
    }
}

/// Spans must come in text order (by start) and never cross: two spans are either disjoint
/// or one contains the other.
fn check_order(what: &str, spans: &[(usize, usize)]) -> Result<(), String> {
    for (i, w) in spans.windows(2).enumerate() {
        let ((s1, e1), (s2, e2)) = (w[0], w[1]);
        if s2 < s1 {
            return Err(format!(
                "{what} #{} ({s2}..{e2}) starts before #{i} ({s1}..{e1})",
                i + 1
            ));
        }
    }
    // Crossing check in O(k log k): with spans sorted by start, keep a stack of open spans.
    let mut sorted: Vec<(usize, usize)> = spans.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for (s, e) in sorted {
        while stack.last().is_some_and(|&(_, top_end)| top_end <= s) {
            stack.pop();
        }
        if let Some(&(ts, te)) = stack.last() {
            if e > te {
                return Err(format!("{what} spans {ts}..{te} and {s}..{e} cross"));
            }
        }
        stack.push((s, e));
    }
    Ok(())
}

/// Every invariant of an `extract_quotes` result.
pub fn check_quotes(text: &str, quotes: &[Quote]) -> Result<(), String> {
    let index = CharIndex::new(text);
    for (i, q) in quotes.iter().enumerate() {
        let slice = index
            .slice(q.start, q.end)
            .map_err(|e| format!("quote #{i}: {e}"))?;
        if slice != q.quote {
            return Err(format!(
                "quote #{i}: offsets {}..{} slice out {slice:?}, not {:?}",
                q.start, q.end, q.quote
            ));
        }
        match (q.speaker_start, q.speaker_end, &q.speaker_mention) {
            (Some(s), Some(e), Some(mention)) => {
                let slice = index
                    .slice(s, e)
                    .map_err(|err| format!("quote #{i} speaker: {err}"))?;
                if slice != mention {
                    return Err(format!(
                        "quote #{i}: speaker offsets {s}..{e} slice out {slice:?}, not {mention:?}"
                    ));
                }
                // Only a pronoun with nobody fitting before it may stay unresolved.
                let pronoun =
                    ["he", "she", "him", "her"].contains(&mention.to_lowercase().as_str());
                if q.speaker.is_none() && !pronoun {
                    return Err(format!(
                        "quote #{i}: a speaker mention {mention:?} but no speaker"
                    ));
                }
            }
            (None, None, None) => {}
            other => {
                return Err(format!(
                    "quote #{i}: speaker_start/speaker_end/speaker_mention must be all set or all unset, got {other:?}"
                ));
            }
        }
        if let Some(s) = &q.speaker {
            if s.trim().is_empty() {
                return Err(format!("quote #{i}: empty speaker {s:?}"));
            }
        }
        if let Some(c) = &q.cue {
            if c.trim().is_empty() {
                return Err(format!("quote #{i}: empty cue {c:?}"));
            }
        }
    }
    let spans: Vec<_> = quotes.iter().map(|q| (q.start, q.end)).collect();
    check_order("quote", &spans)
}

/// Every invariant of an `extract_entities` result.
pub fn check_entities(text: &str, entities: &[Entity]) -> Result<(), String> {
    let index = CharIndex::new(text);
    for (i, e) in entities.iter().enumerate() {
        let slice = index
            .slice(e.start, e.end)
            .map_err(|err| format!("entity #{i}: {err}"))?;
        if slice != e.text {
            return Err(format!(
                "entity #{i}: offsets {}..{} slice out {slice:?}, not {:?}",
                e.start, e.end, e.text
            ));
        }
        if e.start == e.end || e.text.trim().is_empty() {
            return Err(format!("entity #{i}: empty entity {:?}", e.text));
        }
        if e.canonical.trim().is_empty() {
            return Err(format!("entity #{i}: empty canonical form"));
        }
    }
    let spans: Vec<_> = entities.iter().map(|e| (e.start, e.end)).collect();
    check_order("entity", &spans)
}

/// The characters `speaker_of` ignores around its `quote` argument.
pub fn trim_marks(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || QUOTE_MARKS.iter().any(|m| m.contains(c)) || c == '\0'
    })
}

/// How `speaker_of` compares words: letter case and the two apostrophes (’ and ') do not
/// count, since a user types "China's" for an article's "China’s".
pub fn fold_for_speaker_of(s: &str) -> String {
    s.replace('’', "'").to_lowercase()
}

/// `speaker_of(text, q.quote)` must name the speaker of a quotation that contains those
/// words (compared as [`fold_for_speaker_of`] does): of `q` itself when no other quotation of
/// the text contains them; wrapping the words in quote marks or changing their case changes
/// nothing.
pub fn check_speaker_of_agrees(text: &str, quotes: &[Quote]) -> Result<(), String> {
    for (i, q) in quotes.iter().enumerate().take(12) {
        let needle = fold_for_speaker_of(trim_marks(&q.quote));
        if needle.chars().count() < 2 {
            continue;
        }
        let candidates: Vec<&Quote> = quotes
            .iter()
            .filter(|c| fold_for_speaker_of(&c.quote).contains(&needle))
            .collect();
        let got = whosaid::speaker_of(text, &q.quote);
        let allowed: Vec<Option<&str>> = candidates.iter().map(|c| c.speaker.as_deref()).collect();
        if !allowed.contains(&got.as_deref()) {
            return Err(format!(
                "speaker_of(text, quote #{i} {:?}) = {got:?}, but the quotations containing it have speakers {allowed:?}",
                q.quote
            ));
        }
        // Quote marks around the words and their letter case do not matter.
        let dressed = format!("“{}”", q.quote.to_ascii_uppercase());
        let again = whosaid::speaker_of(text, &dressed);
        if again != got {
            return Err(format!(
                "speaker_of(text, {dressed:?}) = {again:?}, but speaker_of(text, {:?}) = {got:?}",
                q.quote
            ));
        }
        if candidates.len() == 1 && got != q.speaker {
            return Err(format!(
                "speaker_of(text, quote #{i}) = {got:?}, extract_quotes says {:?}",
                q.speaker
            ));
        }
    }
    Ok(())
}

/// All checks of one text through the core API; `Err` describes the first violation.
pub fn check_text(text: &str) -> Result<(), String> {
    let quotes = whosaid::extract_quotes(text);
    check_quotes(text, &quotes)?;
    let entities = whosaid::extract_entities(text);
    check_entities(text, &entities)?;
    check_speaker_of_agrees(text, &quotes)?;
    // Words that occur in no quotation have no speaker.
    let absent = "qzxjv wqkpf";
    if !text.to_lowercase().contains(absent) && whosaid::speaker_of(text, absent).is_some() {
        return Err("speaker_of found a speaker for words that are not in the text".into());
    }
    // Deterministic: a second run gives the same results.
    if whosaid::extract_quotes(text) != quotes {
        return Err("extract_quotes differs between two runs on the same text".into());
    }
    if whosaid::extract_entities(text) != entities {
        return Err("extract_entities differs between two runs on the same text".into());
    }
    Ok(())
}
