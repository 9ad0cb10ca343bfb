//! Sentence and paragraph boundaries, found locally around a position.
//!
//! The quote pipeline never splits a whole article: it asks where the sentence around a
//! quotation starts or ends, searching a bounded distance, so hostile text (50 MB without a
//! full stop) costs no more than ordinary text. A full stop ends a sentence unless it belongs to
//! an abbreviation (`U.S.`, `Mr.`, `Sept.`), an initial (`John F. Kennedy`) or a number
//! (`3.5`), and the next word must start like a sentence (capital, digit or quote mark).

use crate::attribution::word_set::WordSet;
use crate::text::{char_at, char_before};

/// Words that end with a full stop without ending the sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "rev",
    "st", "jr", "sr", "vs", "v", "etc", "inc", "corp", "co", "ltd", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd",
    "dept", "univ", "est", "approx", "pres", "supt", "adm", "cmdr", "maj", "brig", "atty", "u.s",
    "u.k", "u.n", "e.g", "i.e", "d.c", "a.m", "p.m", "ph.d", "r", "d", "i",
];

static ABBREVIATION_SET: WordSet<256> = WordSet::new(ABBREVIATIONS);

/// Whether `word` (without its full stop, any case) is a known abbreviation such as "Sen".
pub fn is_abbreviation(word: &str) -> bool {
    word.len() <= 5 && ABBREVIATION_SET.contains(word)
}

/// How far (bytes) a boundary search looks before giving up at the search limit.
pub const MAX_SENTENCE: usize = 600;

/// Whether the full stop, `?` or `!` at byte `i` ends a sentence.
///
/// Closing quote marks and brackets right after the stop belong to the ending sentence; the
/// next word must look like a sentence start.
pub fn ends_sentence_at(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else { return false };
    if !matches!(b, b'.' | b'?' | b'!') {
        return false;
    }
    // Skip closing marks and brackets, then require whitespace, then a sentence-like start.
    let j = skip_closers(text, i + 1);
    match char_at(text, j) {
        None => return true,
        Some(c) if c.is_whitespace() => {}
        Some(_) => return false,
    }
    let mut k = j;
    while let Some(c) = char_at(text, k) {
        if c == '\n' {
            return true;
        }
        if c.is_whitespace() {
            k += c.len_utf8();
        } else {
            break;
        }
    }
    let next_ok = char_at(text, k).is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '«' | '„' | '[' | '—' | '–' | '-'
            )
    });
    if !next_ok {
        return false;
    }
    if b != b'.' {
        return true;
    }
    !is_abbreviation_before(text, i)
}

/// Whether the word ending at the full stop at byte `dot` is an abbreviation or an initial.
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let Some(head) = text.get(..dot) else {
        return false;
    };
    let start = head
        .char_indices()
        .rev()
        .take(12)
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '\''))
        .map_or_else(
            || if head.len() <= 12 * 4 { 0 } else { dot },
            |(p, c)| p + c.len_utf8(),
        );
    let Some(word) = head.get(start..) else {
        return false;
    };
    if word.is_empty() || word.len() > 12 {
        return false;
    }
    let mut chars = word.chars();
    // A single capital letter is an initial: "John F. Kennedy".
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    ABBREVIATION_SET.contains(word)
}

/// The offset past the closing quote marks and brackets at `i` (`.”)` ends a sentence).
fn skip_closers(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Start of the sentence that contains byte `pos`, searching back no further than `floor`.
///
/// Stops at a paragraph break (a newline) or just after a sentence end. The last line break
/// and the stops after it are found with `memchr`, many bytes at a time, and the stops are
/// then tried from the nearest back.
pub fn sentence_start(text: &str, pos: usize, floor: usize) -> usize {
    let floor = floor.max(pos.saturating_sub(MAX_SENTENCE));
    let bytes = text.as_bytes();
    let end = pos.min(bytes.len());
    if floor >= end {
        return floor;
    }
    let window = bytes.get(floor..end).unwrap_or_default();
    // Nothing before the last line break counts.
    let line = memchr::memrchr(b'\n', window).map(|n| n + 1);
    let after_line = window.get(line.unwrap_or(0)..).unwrap_or_default();
    for k in memchr::memrchr3_iter(b'.', b'?', b'!', after_line) {
        let stop = floor + line.unwrap_or(0) + k;
        if ends_sentence_at(text, stop) {
            // The sentence starts after the stop, its closing marks and spaces.
            let mut j = skip_closers(text, stop + 1);
            while bytes.get(j).is_some_and(|b| *b == b' ' || *b == b'\t') && j < pos {
                j += 1;
            }
            if j <= pos {
                return j;
            }
        }
    }
    line.map_or(floor, |n| floor + n)
}

/// End (exclusive, after the stop) of the sentence that contains byte `pos`, searching no
/// further than `ceiling`. Stops at a newline. Like [`sentence_start`], finds the line break
/// and the stops before it with `memchr`.
pub fn sentence_end(text: &str, pos: usize, ceiling: usize) -> usize {
    let bytes = text.as_bytes();
    let ceiling = ceiling.min(bytes.len()).min(pos + MAX_SENTENCE);
    let window = bytes.get(pos..ceiling).unwrap_or_default();
    let line = memchr::memchr(b'\n', window);
    let before_line = window
        .get(..line.unwrap_or(window.len()))
        .unwrap_or_default();
    for k in memchr::memchr3_iter(b'.', b'?', b'!', before_line) {
        if ends_sentence_at(text, pos + k) {
            return skip_closers(text, pos + k + 1).min(ceiling);
        }
    }
    line.map_or(ceiling.max(pos), |n| pos + n)
}

/// How far back (bytes) [`paragraph_start`] looks for a line break.
pub const MAX_PARAGRAPH_LOOKBACK: usize = 4 * MAX_SENTENCE;

/// Start of the paragraph (line) containing byte `pos`, looking back at most
/// [`MAX_PARAGRAPH_LOOKBACK`] bytes: a longer line counts as starting there, so text without
/// line breaks costs no more than text with them. The line break is found with `memrchr`,
/// many bytes at a time (asked for every quotation, often hundreds of bytes back).
pub fn paragraph_start(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let pos = pos.min(bytes.len());
    let floor = pos.saturating_sub(MAX_PARAGRAPH_LOOKBACK);
    match bytes
        .get(floor..pos)
        .and_then(|w| memchr::memrchr(b'\n', w))
    {
        Some(p) => floor + p + 1,
        None if floor == 0 => 0,
        // Land on a character boundary.
        None => (floor..pos)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(pos),
    }
}

/// Whether byte `pos` is preceded on its line by nothing but whitespace.
pub fn starts_line(text: &str, pos: usize) -> bool {
    let mut i = pos;
    while let Some(c) = char_before(text, i) {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
        i -= c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte searches `sentence_start` and `sentence_end` replaced, to check the
    /// `memchr` ones against.
    fn start_by_bytes(text: &str, pos: usize, floor: usize) -> usize {
        let floor = floor.max(pos.saturating_sub(MAX_SENTENCE));
        let bytes = text.as_bytes();
        let mut i = pos.min(bytes.len());
        while i > floor {
            let b = bytes[i - 1];
            if b == b'\n' {
                return i;
            }
            if matches!(b, b'.' | b'?' | b'!') && ends_sentence_at(text, i - 1) {
                let mut j = skip_closers(text, i);
                while bytes.get(j).is_some_and(|b| *b == b' ' || *b == b'\t') && j < pos {
                    j += 1;
                }
                if j <= pos {
                    return j;
                }
            }
            i -= 1;
        }
        floor
    }

    fn end_by_bytes(text: &str, pos: usize, ceiling: usize) -> usize {
        let bytes = text.as_bytes();
        let ceiling = ceiling.min(bytes.len()).min(pos + MAX_SENTENCE);
        let mut i = pos;
        while i < ceiling {
            let b = bytes[i];
            if b == b'\n' {
                return i;
            }
            if matches!(b, b'.' | b'?' | b'!') && ends_sentence_at(text, i) {
                return skip_closers(text, i + 1).min(ceiling);
            }
            i += 1;
        }
        ceiling.max(pos)
    }

    #[test]
    fn memchr_searches_agree_with_byte_by_byte_ones() {
        const PIECES: &[&str] = &[
            "Ann", "said", " ", "  ", ".", "?", "!", "\n", "”", "’", ")", "\"", "Sen.", "U.S.",
            "F.", "It", "a", "9", "—", "“", "\t", "é",
        ];
        let mut rng = crate::testing::Rng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let t = rng.text(PIECES, 30);
            for _ in 0..8 {
                let (a, b) = (rng.below(t.len() + 3), rng.below(t.len() + 3));
                assert_eq!(
                    sentence_start(&t, a, b),
                    start_by_bytes(&t, a, b),
                    "{t:?} {a} {b}"
                );
                assert_eq!(
                    sentence_end(&t, a, b),
                    end_by_bytes(&t, a, b),
                    "{t:?} {a} {b}"
                );
            }
        }
        let long = "word ".repeat(300) + "End. " + &"x".repeat(700);
        for pos in [0, 10, 1500, 1505, long.len()] {
            assert_eq!(sentence_start(&long, pos, 0), start_by_bytes(&long, pos, 0));
            assert_eq!(
                sentence_end(&long, pos, usize::MAX / 2),
                end_by_bytes(&long, pos, usize::MAX / 2)
            );
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut s = 0;
        while s < text.len() {
            let e = sentence_end(text, s, text.len());
            out.push(text[s..e].trim());
            s = e.max(s + 1);
        }
        out.retain(|x| !x.is_empty());
        out
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        let t =
            "Mr. Lee met U.S. officials in Sept. at 3.5 p.m. with John F. Kennedy. Then he left.";
        assert_eq!(
            split(t),
            vec![
                "Mr. Lee met U.S. officials in Sept. at 3.5 p.m. with John F. Kennedy.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn plain_stops_and_quotes_that_end_sentences() {
        let t = "He won. “We did it.” She left! Why? Yes.";
        assert_eq!(
            split(t),
            vec!["He won.", "“We did it.”", "She left!", "Why?", "Yes."]
        );
    }

    #[test]
    fn lower_case_next_word_continues_the_sentence() {
        assert_eq!(split("“We won.” said Ann."), vec!["“We won.” said Ann."]);
    }

    #[test]
    fn sentence_start_looks_back_to_the_stop() {
        let t = "First one. Second “quote” here.";
        let q = t.find('“').unwrap_or(0);
        assert_eq!(&t[sentence_start(t, q, 0)..q], "Second ");
        assert_eq!(sentence_start("a\nb", 2, 0), 2);
    }

    #[test]
    fn every_abbreviation_is_found_in_any_case() {
        for a in ABBREVIATIONS {
            assert!(ABBREVIATION_SET.contains(a), "{a}");
            assert!(ABBREVIATION_SET.contains(&a.to_ascii_uppercase()), "{a}");
        }
        assert!(is_abbreviation("Sen") && !is_abbreviation("approx") && !is_abbreviation("Lee"));
    }

    #[test]
    fn paragraphs() {
        assert_eq!(paragraph_start("ab\ncd", 4), 3);
        let long = "é".repeat(MAX_PARAGRAPH_LOOKBACK);
        let p = paragraph_start(&long, long.len());
        assert!(p > 0 && long.is_char_boundary(p));
        assert!(starts_line("x\n  y", 4));
        assert!(!starts_line("x y", 2));
    }
}
