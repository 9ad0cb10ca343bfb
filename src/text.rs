//! Text primitives shared by every stage: offset conversion and quote-mark classification.
//!
//! The pipeline works in byte offsets (what Rust `str` slicing wants) and converts to
//! Unicode code point offsets once, at the public edge, with [`CharOffsets`].

/// Converts byte offsets of one text to code point offsets.
///
/// Built once per text from the byte offsets a result needs; a lookup first tries where the
/// previous one ended (results are read in text order), else binary-searches, so converting
/// every offset of a result costs one pass over the text plus `O(k log k)` at worst.
#[derive(Debug, Default)]
pub struct CharOffsets {
    /// Sorted, deduplicated byte offsets paired with their code point offsets.
    pairs: Vec<(usize, usize)>,
    /// Index in `pairs` of the last lookup.
    last: std::cell::Cell<usize>,
}

impl CharOffsets {
    /// Prepares conversion of `byte_offsets` (any order, duplicates allowed) within `text`.
    ///
    /// An offset that is past the end or not on a character boundary is mapped to the code
    /// point that contains it, so a bad offset can never panic here.
    pub fn new(text: &str, byte_offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = byte_offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let bytes = text.as_bytes();
        let mut pairs = Vec::with_capacity(wanted.len());
        // Characters starting before `at`, counted incrementally up to the last offset only.
        let (mut at, mut starts) = (0, 0);
        for byte in wanted {
            let end = byte.min(bytes.len());
            starts += char_starts(bytes.get(at..end).unwrap_or_default());
            at = end;
            // Inside a character: the character holding it, which started before.
            let inside = !text.is_char_boundary(end);
            pairs.push((byte, starts.saturating_sub(usize::from(inside))));
        }
        CharOffsets {
            pairs,
            last: std::cell::Cell::new(0),
        }
    }

    /// The code point offset of `byte`, which must have been given to [`CharOffsets::new`];
    /// an unknown offset yields the nearest known one at or below it.
    pub fn get(&self, byte: usize) -> usize {
        let last = self.last.get();
        for i in [last, last + 1] {
            if let Some(&(b, c)) = self.pairs.get(i)
                && b == byte
            {
                self.last.set(i);
                return c;
            }
        }
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => {
                self.last.set(i);
                self.pairs[i].1
            }
            Err(0) => 0,
            Err(i) => self.pairs[i - 1].1,
        }
    }
}

/// Number of characters starting in `bytes` (bytes that are not UTF-8 continuation bytes).
///
/// Counted in blocks into a `u8` (at most 255 per block), which the compiler vectorises
/// sixty-four bytes an iteration; a `usize` count widens every byte first and is several times
/// slower. Blocks of 192 bytes, a multiple of 64, leave no byte-by-byte tail but the last.
fn char_starts(bytes: &[u8]) -> usize {
    bytes
        .chunks(192)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from((b as i8) >= -0x40)));
            usize::from(n)
        })
        .sum()
}

/// How many quote marks (and bytes) one call to [`scan_marks`] looks at between tags: the
/// scanner skips markup such as `<tweet author="x">` whose attribute quotes are no quotation.
const MAX_TAG_LEN: usize = 600;

/// Whether a quote mark is a double mark (`"`, `“ ”`, `''`, `« »`, `„`) or a single one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// `"`, `“`, `”`, `„`, `«`, `»` and the two-apostrophe mark `''`.
    Double,
    /// `'`, `‘`, `’` when they are not apostrophes.
    Single,
}

/// Which way a quote mark faces, as far as its shape and neighbours tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    /// Opens a quotation: `“`, `„`, `«`, `‘`, or a straight mark with a space before it.
    Open,
    /// Closes a quotation: `”`, `»`, `’`, or a straight mark with a space after it.
    Close,
    /// A straight mark whose neighbours do not tell (`a"b`).
    Either,
}

/// One quote mark of a text, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the mark.
    pub pos: usize,
    /// Length of the mark in bytes (`''` is 2, `“` is 3).
    pub len: usize,
    /// Double or single.
    pub weight: Weight,
    /// Which way it faces.
    pub facing: Facing,
}

impl Mark {
    /// Byte offset just past the mark.
    pub fn end(&self) -> usize {
        self.pos + self.len
    }
}

/// The character just before byte `i`, if any.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The character at byte `i`, if any.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Whether the neighbours say "opening": nothing or a space or an opening bracket before, a
/// non-space after.
fn looks_open(before: Option<char>, after: Option<char>) -> bool {
    let before_ok = before.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '«' | '„'
            )
    });
    let after_ok = after.is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

/// Whether the neighbours say "closing": a non-space before, nothing or a space or
/// punctuation after.
fn looks_close(before: Option<char>, after: Option<char>) -> bool {
    let before_ok = before.is_some_and(|c| !c.is_whitespace());
    // Matched as characters (a string's `contains` would search it for each one).
    let after_ok = after.is_none_or(|c| {
        c.is_whitespace()
            || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
            || matches!(c, '—' | '–' | '-' | '”' | '’' | '»')
    });
    before_ok && after_ok
}

fn facing_of_straight(before: Option<char>, after: Option<char>) -> Facing {
    match (looks_open(before, after), looks_close(before, after)) {
        (true, false) => Facing::Open,
        (false, true) => Facing::Close,
        _ => Facing::Either,
    }
}

/// How a left double mark `“` faces: opening, unless it is a closing mark typed the wrong
/// way round, which its neighbours show: right after the quotation's last punctuation and
/// before a space or the end (`“It's unusual,“ said Lee`, `… in the future.“¶`).
fn facing_of_left_double(text: &str, pos: usize) -> Facing {
    let ends_words = char_before(text, pos).is_some_and(|c| matches!(c, ',' | '.' | '?' | '!'));
    let then_space = char_at(text, pos + '“'.len_utf8()).is_none_or(char::is_whitespace);
    if ends_words && then_space {
        Facing::Close
    } else {
        Facing::Open
    }
}

/// Classifies a single mark (`'`, `‘`, `’`): `None` when it is an apostrophe (`Xi’s`,
/// `don't`, `'90s`, `rock 'n' roll` halves are left to pairing).
fn single_mark(text: &str, pos: usize, len: usize, shape: char) -> Option<Facing> {
    let before = char_before(text, pos);
    let after = char_at(text, pos + len);
    if is_word_char(before) && is_word_char(after) {
        return None; // inside a word: Xi’s, don't
    }
    if after.is_some_and(|c| c.is_ascii_digit()) && !is_word_char(before) {
        // '90s, ’08: an elided century, unless a closing mark follows soon ('90 percent' is rare)
        return None;
    }
    match shape {
        '‘' => Some(Facing::Open),
        '’' => {
            if looks_close(before, after) {
                Some(Facing::Close)
            } else {
                None
            }
        }
        _ => match facing_of_straight(before, after) {
            Facing::Either => None,
            f => Some(f),
        },
    }
}

/// Skips an HTML/XML tag starting at `pos` (`<tweet author="x">`): returns the byte just past
/// its `>`, or `None` when `pos` does not start a tag on this line within [`MAX_TAG_LEN`].
fn tag_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let next = *bytes.get(pos + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/') {
        return None;
    }
    let limit = (pos + MAX_TAG_LEN).min(bytes.len());
    let window = bytes.get(pos + 1..limit)?;
    for (k, &b) in window.iter().enumerate() {
        match b {
            b'>' => return Some(pos + 2 + k),
            b'\n' | b'<' => return None,
            _ => {}
        }
    }
    None
}

/// Finds the bytes [`scan_marks`] acts on: `"`, `'`, the lead byte `E2` of the curly marks,
/// `<` (markup) and the lead byte `C2` of the guillemets. Every other byte only moves the
/// scan on, so skipping to the next of these is the same scan, done with `memchr`.
struct MarkBytes<'a> {
    bytes: &'a [u8],
    /// Next `"`, `'` or `E2` at or after the last position asked for (or the text length).
    common: usize,
    /// Next `<` or `C2`, likewise; searched apart so that a rare byte is looked for rarely.
    rare: usize,
    /// Whether `common` and `rare` have been searched yet.
    started: bool,
}

impl<'a> MarkBytes<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        MarkBytes {
            bytes,
            common: 0,
            rare: 0,
            started: false,
        }
    }

    /// The first byte at or after `from` that may start a mark or a tag.
    fn at_or_after(&mut self, from: usize) -> usize {
        let len = self.bytes.len();
        let rest = self.bytes.get(from..).unwrap_or_default();
        if !self.started || self.common < from {
            self.common = memchr::memchr3(b'"', b'\'', 0xE2, rest).map_or(len, |p| from + p);
        }
        if !self.started || self.rare < from {
            self.rare = memchr::memchr2(b'<', 0xC2, rest).map_or(len, |p| from + p);
        }
        self.started = true;
        self.common.min(self.rare)
    }
}

/// Every quote mark of `text`, in order, with apostrophes and markup attributes left out.
///
/// One pass over the bytes; marks are recognised by their UTF-8 lead bytes, so the cost is
/// linear whatever the text (a million apostrophes cost a million cheap checks). The bytes
/// between marks are skipped by [`MarkBytes`], many at a time, so a text without quote marks
/// costs about one `memchr`.
pub fn scan_marks(text: &str) -> Vec<Mark> {
    let bytes = text.as_bytes();
    // Room for the marks of a typical news article (a few dozen), so it seldom grows.
    let mut marks = Vec::with_capacity(64);
    let mut next = MarkBytes::new(bytes);
    let mut i = 0;
    loop {
        i = next.at_or_after(i);
        let Some(&b) = bytes.get(i) else { break };
        match b {
            b'"' => {
                let f = facing_of_straight(char_before(text, i), char_at(text, i + 1));
                marks.push(Mark {
                    pos: i,
                    len: 1,
                    weight: Weight::Double,
                    facing: f,
                });
                i += 1;
            }
            b'\'' => {
                if bytes.get(i + 1) == Some(&b'\'') {
                    let f = facing_of_straight(char_before(text, i), char_at(text, i + 2));
                    marks.push(Mark {
                        pos: i,
                        len: 2,
                        weight: Weight::Double,
                        facing: f,
                    });
                    i += 2;
                    continue;
                }
                if let Some(f) = single_mark(text, i, 1, '\'') {
                    marks.push(Mark {
                        pos: i,
                        len: 1,
                        weight: Weight::Single,
                        facing: f,
                    });
                }
                i += 1;
            }
            b'<' => match tag_end(bytes, i) {
                Some(e) => i = e,
                None => i += 1,
            },
            0xE2 if bytes.get(i + 1) == Some(&0x80) => {
                let (weight, facing) = match bytes.get(i + 2) {
                    Some(0x9C) => (Some(Weight::Double), Some(facing_of_left_double(text, i))),
                    Some(0x9D) => (Some(Weight::Double), Some(Facing::Close)),
                    Some(0x9E) => (Some(Weight::Double), Some(Facing::Open)),
                    Some(0x98) => (Some(Weight::Single), single_mark(text, i, 3, '‘')),
                    Some(0x99) => (Some(Weight::Single), single_mark(text, i, 3, '’')),
                    _ => (None, None),
                };
                if let (Some(weight), Some(facing)) = (weight, facing) {
                    marks.push(Mark {
                        pos: i,
                        len: 3,
                        weight,
                        facing,
                    });
                }
                i += 3;
            }
            0xC2 => {
                let facing = match bytes.get(i + 1) {
                    Some(0xAB) => Some(Facing::Open),
                    Some(0xBB) => Some(Facing::Close),
                    _ => None,
                };
                if let Some(facing) = facing {
                    marks.push(Mark {
                        pos: i,
                        len: 2,
                        weight: Weight::Double,
                        facing,
                    });
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(usize, Weight, Facing)> {
        scan_marks(text)
            .iter()
            .map(|m| (m.pos, m.weight, m.facing))
            .collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(scan_marks("Xi’s plan, don't, the '90s, ’08").is_empty());
    }

    #[test]
    fn curly_and_straight_marks_face_the_right_way() {
        let m = shapes("a “b” \"c\" ‘d’");
        assert_eq!(m[0], (2, Weight::Double, Facing::Open));
        assert_eq!(m[1].2, Facing::Close);
        assert_eq!(m[2].2, Facing::Open);
        assert_eq!(m[3].2, Facing::Close);
        assert_eq!(m[4], (14, Weight::Single, Facing::Open));
        assert_eq!(m[5].1, Weight::Single);
    }

    #[test]
    fn a_left_mark_after_the_last_punctuation_closes() {
        let facings = |t: &str| shapes(t).iter().map(|m| m.2).collect::<Vec<_>>();
        assert_eq!(
            facings("“It's unusual,“ said Lee"),
            vec![Facing::Open, Facing::Close]
        );
        assert_eq!(facings("“Not now.“"), vec![Facing::Open, Facing::Close]);
        // Before a word, or after a space, it opens.
        assert_eq!(facings("He said,“No.”"), vec![Facing::Open, Facing::Close]);
        assert_eq!(facings("a. “b"), vec![Facing::Open]);
    }

    #[test]
    fn two_apostrophes_are_one_double_mark() {
        let m = scan_marks("''We won,'' he said");
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].len, m[0].weight, m[0].facing),
            (2, Weight::Double, Facing::Open)
        );
        assert_eq!(m[1].facing, Facing::Close);
    }

    #[test]
    fn guillemets_and_low_marks() {
        let m = shapes("«a» „b“");
        assert_eq!(
            m.iter().map(|x| x.2).collect::<Vec<_>>(),
            vec![Facing::Open, Facing::Close, Facing::Open, Facing::Open]
        );
    }

    #[test]
    fn tag_attributes_are_skipped() {
        assert!(scan_marks("<tweet author=\"x\" id=\"1\">hi</tweet>").is_empty());
        assert_eq!(scan_marks("a < b \"c\"").len(), 2);
    }

    #[test]
    fn marks_far_apart_and_between_other_bytes_are_all_found() {
        let filler = "plain words, é and — dashes ".repeat(40);
        let text = format!("{filler}“a”{filler}<b x=\"1\">«c»{filler}'d' \"e\"{filler}");
        let found: Vec<&str> = scan_marks(&text)
            .iter()
            .map(|m| &text[m.pos..m.end()])
            .collect();
        assert_eq!(found, vec!["“", "”", "«", "»", "'", "'", "\"", "\""]);
    }

    #[test]
    fn converts_bytes_to_code_points() {
        let text = "a“é”b";
        // bytes: a=0, “=1..4, é=4..6, ”=6..9, b=9
        let map = CharOffsets::new(text, [9, 0, 4, 6, 1, 10]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(1), 1);
        assert_eq!(map.get(4), 2);
        assert_eq!(map.get(6), 3);
        assert_eq!(map.get(9), 4);
        assert_eq!(map.get(10), 5);
    }

    #[test]
    fn char_starts_counts_across_blocks() {
        let text = "Zoë said “ok” — 日本 😀 end. ".repeat(40);
        for end in (0..text.len()).step_by(7).chain([text.len()]) {
            let bytes = &text.as_bytes()[..end];
            let want = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
            assert_eq!(char_starts(bytes), want, "{end}");
        }
    }

    #[test]
    fn every_offset_agrees_with_counting_characters() {
        let text = "Zoë said “ok” — 日本 😀 end";
        let offsets: Vec<usize> = (0..=text.len() + 2).collect();
        let map = CharOffsets::new(text, offsets.iter().rev().copied());
        for &b in &offsets {
            // The character holding byte `b`, or the character count past the end.
            let want = text
                .char_indices()
                .take_while(|&(start, _)| start <= b)
                .count()
                .saturating_sub(usize::from(b < text.len()));
            let want = if b >= text.len() {
                text.chars().count()
            } else {
                want
            };
            assert_eq!(map.get(b), want, "byte {b}");
        }
    }

    #[test]
    fn inside_a_character_maps_to_that_character() {
        let map = CharOffsets::new("é", [1, 99]);
        assert_eq!(map.get(1), 0);
        assert_eq!(map.get(99), 1);
    }
}
