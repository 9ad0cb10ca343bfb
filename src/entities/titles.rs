//! Titles in quotation marks: a film, book or song named in quotes ("The Quiet Harbour")
//! is one name, MISC by CoNLL's conventions, where the tagger sees only the capitalised
//! words in it that look like names of their own ("Harbour" a place).
//!
//! A quoted phrase is taken for a title when it is short, in title case (every word
//! capitalised but small function words, none of them last), holds no sentence punctuation
//! (quoted speech does) and the tagger found a name inside it: one name exactly covering it
//! keeps its label ("Dream Team" an organisation), otherwise the phrase becomes one MISC.

use super::doc::Doc;
use super::tokenize::{F_INIT_UPPER, F_LINE_START, F_WORD};
use crate::Label;

type Span = (usize, usize, Label);

/// Most words in a title.
const MAX_WORDS: usize = 8;

/// Words that may stand lowercase inside a title.
const SMALL: &[&str] = &[
    "of", "the", "a", "an", "in", "on", "and", "for", "to", "at", "with", "from", "by", "or", "is",
];

/// Replaces the names inside every quoted title by one span for the title.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let mut titles = titles(doc);
    // Spans are sorted and apart, so the one a boundary may fall inside is found by halving.
    let crossed = |b: usize| {
        let k = spans.partition_point(|sp| sp.1 <= b);
        spans.get(k).is_some_and(|sp| sp.0 < b)
    };
    titles.retain(|&(s, e)| !crossed(s) && !crossed(e));
    if titles.is_empty() {
        return spans;
    }
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut t = titles.iter().peekable();
    let mut inside: Vec<Span> = Vec::new();
    let flush = |inside: &mut Vec<Span>, out: &mut Vec<Span>, (s, e): (usize, usize)| {
        match inside.as_slice() {
            [] => {}
            [one] if one.0 == s && one.1 == e => out.push(*one),
            _ => out.push((s, e, Label::Misc)),
        }
        inside.clear();
    };
    for sp in spans {
        while let Some(&&(s, e)) = t.peek() {
            if sp.0 >= e {
                flush(&mut inside, &mut out, (s, e));
                t.next();
            } else {
                break;
            }
        }
        match t.peek() {
            Some(&&(s, e)) if sp.0 >= s && sp.1 <= e => inside.push(sp),
            _ => out.push(sp),
        }
    }
    if let Some(&(s, e)) = t.next() {
        flush(&mut inside, &mut out, (s, e));
    }
    out
}

/// Token ranges of the quoted phrases that read as titles, in order (`apply` drops those a
/// name crosses into, as in `Roberto "Hands of Stone" Duran`).
fn titles(doc: &Doc) -> Vec<(usize, usize)> {
    // Quote marks are the only tokens read: words (most tokens) are skipped by their flag,
    // other marks by their first byte.
    let bytes = doc.text.as_bytes();
    let is_quote = |t: &super::tokenize::Token| {
        t.flags & F_WORD == 0
            && match bytes.get(t.start) {
                Some(b'"') => t.end == t.start + 1,
                Some(0xE2) => matches!(doc.text.get(t.start..t.end), Some("\u{201c}" | "\u{201d}")),
                _ => false,
            }
    };
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in doc.toks.iter().enumerate() {
        if t.flags & F_LINE_START != 0 {
            open = None;
        }
        if !is_quote(t) {
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(o) => {
                let mut end = i;
                while end > o + 1 && matches!(doc.word(end - 1), "," | ".") {
                    end -= 1;
                }
                if is_title(doc, o + 1, end) {
                    out.push((o + 1, end));
                }
            }
        }
    }
    out
}

/// Whether tokens `s..e` read as a title.
fn is_title(doc: &Doc, s: usize, e: usize) -> bool {
    let small = |i: usize| SMALL.contains(&doc.word(i));
    let word = |i: usize| {
        let w = doc.word(i);
        doc.flags(i) & F_INIT_UPPER != 0
            || small(i)
            || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
    };
    e >= s + 2
        && e - s <= MAX_WORDS
        && doc.flags(s) & F_INIT_UPPER != 0
        && !small(e - 1)
        && (s..e).all(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_titles_are_one_name() {
        let d = Doc::new(r#"He starred in "The Road to Harbin", "Dream Team" and "Kim Lee's""#);
        // He starred in " The Road to Harbin " , " Dream Team " and " Kim Lee 's "
        let spans = vec![
            (7, 8, Label::Loc),
            (12, 14, Label::Org),
            (17, 19, Label::Person),
        ];
        assert_eq!(
            apply(&d, spans),
            vec![
                (4, 8, Label::Misc),
                (12, 14, Label::Org),
                (17, 19, Label::Person)
            ],
            "a name covering the title keeps its label; a possessive is no title"
        );
    }

    #[test]
    fn quoted_speech_and_untagged_phrases_are_left() {
        let d = Doc::new(r#""We Will Win, Says Ann Lee" and "The Long Walk" ; Al "The Long" Lee"#);
        let spans = vec![(5, 7, Label::Person), (15, 21, Label::Person)];
        assert_eq!(apply(&d, spans.clone()), spans);
    }
}
