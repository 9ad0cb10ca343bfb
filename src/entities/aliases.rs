//! Canonical forms: the fullest way the text names each entity.
//!
//! A mention takes the longest mention of the same label whose words contain it as a run
//! at the start or end ("Merkel" → "Angela Merkel", "Xi" → "Xi Jinping"), an all-caps
//! headline mention takes the same words as written in the body, and an acronym takes a
//! longer name whose capitalised words' initials spell it ("U.S." → "United States",
//! "NATO" → "North Atlantic Treaty Organization").

use std::ops::Range;

use super::doc::Doc;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

/// Longest name, in tokens, whose starts and ends are indexed.
const MAX_NAME: usize = 8;

type Span = (usize, usize, Label);

/// Mixed into acronym keys so they never meet word keys.
const ACRONYM: u64 = 0xac;

/// The canonical form of each span of `spans`, in order, as the byte range of the span
/// that names it most fully (always a span of the text, so no string is built). Linear in
/// the number of spans: every candidate long form is found through a hash index, never by
/// comparing all pairs.
pub fn canonical(doc: &Doc, spans: &[Span]) -> Vec<Range<usize>> {
    let range = |&(s, e, _): &Span| -> Range<usize> {
        let (Some(a), Some(b)) = (doc.toks.get(s), doc.toks.get(e.wrapping_sub(1))) else {
            return 0..0;
        };
        a.start..b.end
    };
    let text = |sp: &Span| -> &str { doc.text.get(range(sp)).unwrap_or_default() };
    let words = |s: usize, e: usize, l: Label| {
        (s..e).fold(hash::mix(hash::SEED, l as u64), |h, i| {
            hash::mix(h, doc.words.folded(i))
        })
    };
    // Whether each span is in capitals, and the hash of its words: each read several
    // times below, found once.
    let caps: Vec<bool> = spans.iter().map(|o| is_caps(doc, o)).collect();
    let own: Vec<u64> = spans.iter().map(|o| words(o.0, o.1, o.2)).collect();
    // Ranking of long forms: more tokens, then not in capitals, then earlier.
    let rank = |j: usize| {
        let o = spans.get(j)?;
        let caps = caps.get(j).copied().unwrap_or(false);
        Some((o.1 - o.0, !caps, std::cmp::Reverse(o.0)))
    };
    // Sized for their most keys up front (a span's starts, ends and initials): growing the
    // maps cost more than filling them.
    let keys: usize = spans
        .iter()
        .map(|o| 2 * (o.1 - o.0).clamp(1, MAX_NAME) - 1)
        .sum();
    let mut fuller: HashedMap<usize> =
        HashedMap::with_capacity_and_hasher(keys, Default::default());
    let mut body: HashedMap<usize> =
        HashedMap::with_capacity_and_hasher(spans.len(), Default::default());
    let keep = |map: &mut HashedMap<usize>, key: u64, j: usize| {
        let e = map.entry(key).or_insert(j);
        if rank(j) > rank(*e) {
            *e = j;
        }
    };
    for (j, o) in spans.iter().enumerate() {
        let len = o.1 - o.0;
        // Headlines in capitals ("LONDON DERBY") are no one's long form.
        if caps.get(j).copied().unwrap_or(false) {
            continue;
        }
        body.entry(own.get(j).copied().unwrap_or(0)).or_insert(j);
        if len <= MAX_NAME {
            // The starts' hashes one from the last (`words` folds left to right).
            let mut start = hash::mix(hash::SEED, o.2 as u64);
            for k in 1..len {
                start = hash::mix(start, doc.words.folded(o.0 + k - 1));
                keep(&mut fuller, start, j);
                keep(&mut fuller, words(o.1 - k, o.1, o.2), j);
            }
        }
        // Acronyms match whatever label the long form got: initials are evidence enough.
        if let Some(h) = initials(text(o)) {
            keep(&mut fuller, hash::mix(h, ACRONYM), j);
        }
    }
    spans
        .iter()
        .zip(own.iter().zip(&caps))
        .map(|(sp, (own, &caps))| {
            // The span's acronym, found at most once.
            let acr = std::cell::OnceCell::new();
            let acr = || *acr.get_or_init(|| acronym(text(sp)));
            let long = fuller
                .get(own)
                .or_else(|| acr().and_then(|h| fuller.get(&hash::mix(h, ACRONYM))));
            let long = long
                .and_then(|&j| spans.get(j))
                .filter(|o| o.1 - o.0 > sp.1 - sp.0 || acr().is_some());
            let same = || {
                if caps {
                    body.get(own).and_then(|&j| spans.get(j))
                } else {
                    None
                }
            };
            range(long.or_else(same).unwrap_or(sp))
        })
        .collect()
}

/// Hash of the initials of the capitalised words of a name of two or more such words, a
/// leading article left out: "The World Health Organization" is what "WHO" stands for, however
/// the tagger read the sentence-opening "The" (CoNLL's own names go both ways: "The Walt
/// Disney Co", "European Commission").
pub(crate) fn initials(name: &str) -> Option<u64> {
    let name = ["The ", "THE "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name);
    let mut h = hash::SEED;
    let mut n = 0;
    for c in name
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
    {
        h = hash::mix(h, u64::from(c));
        n += 1;
    }
    (2..=8).contains(&n).then_some(h)
}

/// Hash of the letters of an acronym ("U.S.", "NATO") in the form [`initials`] gives.
pub(crate) fn acronym(short: &str) -> Option<u64> {
    if short.chars().any(|c| c.is_lowercase() || c.is_whitespace()) {
        return None;
    }
    let mut h = hash::SEED;
    let mut n = 0;
    for c in short.chars().filter(|c| c.is_alphabetic()) {
        h = hash::mix(h, u64::from(c));
        n += 1;
    }
    (2..=8).contains(&n).then_some(h)
}

fn is_caps(doc: &Doc, sp: &Span) -> bool {
    (sp.0..sp.1).all(|i| doc.flags(i) & super::tokenize::F_LOWER == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon<'t>(text: &'t str, spans: &[(usize, usize, Label)]) -> Vec<&'t str> {
        let doc = Doc::new(text);
        let ranges = canonical(&doc, spans);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn short_names_take_the_full_name() {
        let c = canon(
            "Xi Jinping met Vladimir Putin. Putin thanked Xi.",
            &[
                (0, 2, Label::Person),
                (3, 5, Label::Person),
                (6, 7, Label::Person),
                (8, 9, Label::Person),
            ],
        );
        assert_eq!(
            c,
            [
                "Xi Jinping",
                "Vladimir Putin",
                "Vladimir Putin",
                "Xi Jinping"
            ]
        );
    }

    #[test]
    fn acronyms_take_their_long_form() {
        let c = canon(
            "the United States and the U.S. Navy",
            &[(1, 3, Label::Loc), (5, 6, Label::Loc)],
        );
        assert_eq!(c[1], "United States");
        assert_eq!(
            acronym("NATO"),
            initials("North Atlantic Treaty Organization")
        );
        assert_eq!(acronym("Nato"), None);
        assert_eq!(acronym("WHO"), initials("The World Health Organization"));
        assert_eq!(acronym("TWHO"), initials("To World Health Organization"));
    }

    #[test]
    fn headline_capitals_take_the_body_spelling() {
        let c = canon(
            "KENT WIN\nKent won.",
            &[(0, 1, Label::Org), (2, 3, Label::Org)],
        );
        assert_eq!(c, ["Kent", "Kent"]);
    }

    #[test]
    fn headlines_are_no_long_form() {
        let c = canon(
            "LONDON DERBY\nRain in London.",
            &[(0, 2, Label::Loc), (4, 5, Label::Loc)],
        );
        assert_eq!(c[1], "London");
    }

    #[test]
    fn labels_must_agree() {
        let c = canon(
            "George Washington visited Washington",
            &[(0, 2, Label::Person), (3, 4, Label::Loc)],
        );
        assert_eq!(c[1], "Washington");
    }
}
