//! A hand-written, single-pass tokenizer shaped like newswire tokenisation (CoNLL/PTB style),
//! because entity boundaries are token boundaries.
//!
//! Words keep internal hyphens, periods, ampersands and apostrophes ("Anglo-Dutch", "U.S",
//! "AT&T", "O'Neill"); the possessive "'s" is split off ("Britain" "'s"); abbreviations keep
//! their final period ("U.S.", "Inc.", "J."); every other non-space character is a token of
//! its own. Linear in the input whatever it holds.

/// One token: a byte range plus the facts about it that later stages ask for repeatedly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// Bit set of the `F_*` flags.
    pub flags: u16,
}

/// Contains an uppercase letter.
pub const F_UPPER: u16 = 1;
/// Starts with an uppercase letter.
pub const F_INIT_UPPER: u16 = 1 << 1;
/// Contains a lowercase letter.
pub const F_LOWER: u16 = 1 << 2;
/// Contains a digit.
pub const F_DIGIT: u16 = 1 << 3;
/// Contains a letter or a digit (not punctuation).
pub const F_WORD: u16 = 1 << 4;
/// First token of its line.
pub const F_LINE_START: u16 = 1 << 5;
/// First token of its sentence.
pub const F_SENT_START: u16 = 1 << 6;
/// On a line with letters but no lowercase letter: an all-caps headline.
pub const F_CAPS_LINE: u16 = 1 << 7;
/// On a line with two or more numbers (tokens with digits and no letter) and at most two
/// lowercase words: a results or table row ("Leicestershire 296 Somerset 83").
pub const F_TABLE_LINE: u16 = 1 << 8;

impl Token {
    /// Whether every bit of `flag` is set.
    #[inline]
    #[cfg(test)]
    pub fn is(&self, flag: u16) -> bool {
        self.flags & flag == flag
    }
}

/// Words that keep a following period as part of the token.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "bros", "gen",
    "gov", "sen", "rep", "lt", "col", "capt", "sgt", "maj", "adm", "prof", "rev", "mt", "ft", "vs",
    "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec", "calif", "fla", "mass", "conn",
    "wash", "mich", "wisc", "colo", "ariz", "tex", "penn", "ill", "ind", "minn", "okla", "ore",
    "tenn", "va", "ky", "la", "md", "mo", "nev", "ala", "ark", "del", "kan", "neb", "wyo",
];

/// Splits `text` into tokens; see the module docs for the rules.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first), whose room a former text may have made.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    out.clear();
    out.reserve(text.len() / 5 + 1);
    let mut i = 0;
    let mut line_start = true;
    // Whether the last token is a lone ".", "?" or "!" (kept, not tested again from the
    // token: a test per token that was mispredicted a good part of the time).
    let mut after_stop = false;
    let mut line = Line::default();
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line.close(out);
            line_start = true;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == b'\r' {
            i += 1;
            continue;
        }
        let (ch, len) = decode(b, i);
        if ch.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        let mut flags = 0u16;
        if c.is_ascii_alphanumeric() || (c >= 0x80 && alnum(ch)) {
            i = scan_word(b, i, &mut flags);
        } else if matches!(ch, '\'' | '\u{2019}') && is_possessive(b, i + len) {
            flags |= F_WORD
                | if b.get(i + len) == Some(&b's') {
                    F_LOWER
                } else {
                    F_UPPER
                };
            i += len + 1;
        } else {
            i += len;
        }
        line.add(flags);
        if line_start {
            flags |= F_LINE_START | F_SENT_START;
            line_start = false;
        } else {
            flags |= F_SENT_START * u16::from(after_stop);
        }
        after_stop = (i == start + 1) & matches!(c, b'.' | b'?' | b'!');
        out.push(Token {
            start,
            end: i,
            flags,
        });
    }
    line.close(out);
}

/// What the tokenizer has seen of the current line, to flag its tokens when it ends.
#[derive(Default)]
struct Line {
    /// Index in the output of the line's first token.
    first: usize,
    has_lower: bool,
    has_letter: bool,
    /// Tokens that are numbers, and lowercase words (see [`is_table`]).
    numbers: u32,
    lower: u32,
}

impl Line {
    #[inline]
    fn add(&mut self, flags: u16) {
        self.has_lower |= flags & F_LOWER != 0;
        self.has_letter |= flags & (F_LOWER | F_UPPER) != 0;
        self.numbers += u32::from(flags & (F_DIGIT | F_UPPER | F_LOWER) == F_DIGIT);
        self.lower += u32::from(flags & (F_UPPER | F_LOWER) == F_LOWER);
    }

    /// Flags the line's tokens (all-caps line, table row) and starts the next line.
    fn close(&mut self, out: &mut [Token]) {
        let caps = self.has_letter && !self.has_lower;
        close_line(out, self.first, caps, is_table(self.numbers, self.lower));
        *self = Line {
            first: out.len(),
            ..Line::default()
        };
    }
}

/// A results or table row: at least two numbers and at most two lowercase words.
fn is_table(numbers: u32, lower: u32) -> bool {
    numbers >= 2 && lower <= 2
}

/// Sets the flags of a whole line on its tokens, from `first` on.
fn close_line(out: &mut [Token], first: usize, caps: bool, table: bool) {
    let flags = if caps { F_CAPS_LINE } else { 0 } | if table { F_TABLE_LINE } else { 0 };
    if flags != 0 {
        out.iter_mut().skip(first).for_each(|t| t.flags |= flags);
    }
}

/// Decodes the char at byte `i` (which must start a char) and its length; invalid positions
/// yield a replacement char of length 1 so the caller always advances.
#[inline]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let c = b.get(i).copied().unwrap_or(b' ');
    if c < 0x80 {
        return (char::from(c), 1);
    }
    let len = match c {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    let ch = b
        .get(i..i + len)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.chars().next());
    match ch {
        Some(ch) => (ch, len),
        None => ('\u{fffd}', 1),
    }
}

/// `char::is_alphanumeric`, answering at once for the General Punctuation block (curly
/// quotes, dashes, ellipses: frequent in news, and none a letter or digit) instead of
/// searching the Unicode tables.
#[inline]
fn alnum(ch: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&ch) && ch.is_alphanumeric()
}

#[inline]
fn alnum_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => alnum(decode(b, i).0),
        None => false,
    }
}

/// Scans a word starting at `i` and returns its end; sets the case and digit flags.
///
/// ASCII letters and digits, most of any text, are classified by byte; every other
/// character goes through the Unicode classes.
fn scan_word(b: &[u8], mut i: usize, flags_out: &mut u16) -> usize {
    let start = i;
    let mut flags = *flags_out | F_WORD;
    let mut has_dot = false;
    // A capital first letter is taken here without a branch (whether a word is capitalised
    // is as good as random), as the loop below would: then the loop's test of the byte
    // after a run of lowercase letters mostly meets the word's end.
    let initial = b.get(i).is_some_and(u8::is_ascii_uppercase);
    flags |= u16::from(initial) * (F_UPPER | F_INIT_UPPER);
    let mut letters = usize::from(initial);
    i += usize::from(initial);
    loop {
        // Runs of lowercase ASCII letters, most of a word's bytes, eight at a time.
        let run = lowercase_run(b, i);
        if run > 0 {
            flags |= F_LOWER;
            letters += run;
            i += run;
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        let (ch, len) = match c {
            b'A'..=b'Z' => {
                flags |= F_UPPER | if i == start { F_INIT_UPPER } else { 0 };
                letters += 1;
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                flags |= F_DIGIT;
                i += 1;
                continue;
            }
            // No other ASCII byte is a letter or digit: only a joiner may go on.
            b'-' | b'.' | b'&' | b'\'' => (char::from(c), 1),
            0..0x80 => break,
            _ => decode(b, i),
        };
        if alnum(ch) {
            if ch.is_uppercase() {
                flags |= F_UPPER;
                if i == start {
                    flags |= F_INIT_UPPER;
                }
            } else if ch.is_lowercase() {
                flags |= F_LOWER;
            } else if ch.is_numeric() {
                flags |= F_DIGIT;
            }
            letters += usize::from(ch.is_alphabetic());
            i += len;
            continue;
        }
        // Joiners stay inside a word when a letter or digit follows.
        let joins = matches!(ch, '-' | '.' | '&' | '\'' | '\u{2019}') && alnum_at(b, i + len);
        if !joins {
            break;
        }
        if matches!(ch, '\'' | '\u{2019}') && is_possessive(b, i + len) {
            break;
        }
        has_dot |= ch == '.';
        i += len;
    }
    *flags_out = flags;
    // Final period of an abbreviation, "US$"-style currency.
    match b.get(i) {
        Some(b'.')
            if has_dot || (letters == 1 && i == start + 1) || is_abbreviation(b.get(start..i)) =>
        {
            i + 1
        }
        Some(b'$') if letters <= 3 && flags & F_LOWER == 0 && flags & F_UPPER != 0 => i + 1,
        _ => i,
    }
}

/// The number of lowercase ASCII letters from byte `i` on, found a word (eight bytes) at a
/// time: a byte loop costs a compare and a branch per letter, and its exit, at a different
/// length every word, is mispredicted.
#[inline]
fn lowercase_run(b: &[u8], i: usize) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(i + n..i + n + 8) {
        let x = chunk.try_into().map_or(0, u64::from_le_bytes);
        // Per byte, on its low seven bits (so no sum carries into the next byte): the high
        // bit of `lo + 0x1f` is set from 'a' (0x61) up, that of `lo + 0x05` from '{' (0x7b)
        // up; a byte with its own high bit set is no ASCII letter.
        let lo = x & LOW7;
        let lower = (lo + 0x1f1f_1f1f_1f1f_1f1f) & !(lo + 0x0505_0505_0505_0505) & !x & HIGH;
        let other = !lower & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b
        .get(i + n..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count()
}

/// Whether the bytes at `i` (after an apostrophe) are a possessive "s" ending the word.
fn is_possessive(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), Some(b's' | b'S')) && !alnum_at(b, i + 1)
}

/// Capitalised abbreviations only ("Calif.", "Inc."): "ill." or "no." ends a sentence.
fn is_abbreviation(word: Option<&[u8]>) -> bool {
    word.is_some_and(|w| {
        w.len() <= 5
            && (w.first().is_some_and(u8::is_ascii_uppercase) || w == b"vs")
            && ABBREVIATIONS
                .iter()
                .any(|a| a.as_bytes().eq_ignore_ascii_case(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_punctuation_and_possessives() {
        assert_eq!(
            words("Britain's (Anglo-Dutch) AT&T, O'Neill."),
            [
                "Britain",
                "'s",
                "(",
                "Anglo-Dutch",
                ")",
                "AT&T",
                ",",
                "O'Neill",
                "."
            ]
        );
        assert_eq!(words("Russia’s “plan”"), ["Russia", "’s", "“", "plan", "”"]);
    }

    #[test]
    fn keeps_abbreviation_periods() {
        assert_eq!(
            words("the U.S. and Acme Inc. met J. Smith."),
            [
                "the", "U.S.", "and", "Acme", "Inc.", "met", "J.", "Smith", "."
            ]
        );
        assert_eq!(words("cost US$ 5"), ["cost", "US$", "5"]);
        assert_eq!(
            words("No. He fell ill."),
            ["No", ".", "He", "fell", "ill", "."]
        );
    }

    #[test]
    fn marks_lines_sentences_and_headlines() {
        let t = tokenize("SOCCER - ROMA WIN.\nRome won. It rained");
        assert!(t[0].is(F_LINE_START | F_CAPS_LINE));
        assert!(t[2].is(F_CAPS_LINE) && !t[2].is(F_SENT_START));
        assert!(t[5].is(F_LINE_START) && !t[5].is(F_CAPS_LINE));
        assert!(t[8].is(F_SENT_START) && !t[8].is(F_LINE_START));
        assert!(t[6].is(F_WORD) && t[8].is(F_INIT_UPPER) && !t[9].is(F_UPPER));
    }

    #[test]
    fn sentences_start_after_a_lone_stop_on_random_text() {
        let mut rng = crate::testing::Rng::new(17);
        let pieces = [
            "Kent ", ". ", "?", "!", "..", "U.S. ", "\n", "Inc.", "a", "3.5 ", "’s ", "\t",
        ];
        for _ in 0..2000 {
            let text = rng.text(&pieces, 30);
            let t = tokenize(&text);
            for (k, tok) in t.iter().enumerate() {
                let after_stop = k > 0 && {
                    let p = &t[k - 1];
                    p.end == p.start + 1 && matches!(text.as_bytes()[p.start], b'.' | b'?' | b'!')
                };
                let want = tok.is(F_LINE_START) || after_stop;
                assert_eq!(tok.is(F_SENT_START), want, "{text:?} token {k}");
            }
        }
    }

    #[test]
    fn case_flags_tell_the_letters_of_random_words() {
        let mut rng = crate::testing::Rng::new(23);
        let pieces = [
            "K", "ent", "US", "a", "Mc", "Do", "9", "-", ".", "'", " ", "É", "é", "ß", ",",
        ];
        for _ in 0..3000 {
            let text = rng.text(&pieces, 12);
            for t in tokenize(&text) {
                let w = &text[t.start..t.end];
                if !t.is(F_WORD) || w.starts_with(['\'', '\u{2019}']) {
                    continue;
                }
                let first = w.chars().next().is_some_and(char::is_uppercase);
                assert_eq!(t.is(F_INIT_UPPER), first, "{text:?} {w:?}");
                assert_eq!(t.is(F_UPPER), w.chars().any(char::is_uppercase), "{w:?}");
                assert_eq!(t.is(F_LOWER), w.chars().any(char::is_lowercase), "{w:?}");
            }
        }
    }

    #[test]
    fn marks_results_rows() {
        let t = tokenize("Leicestershire 296 Somerset 83\nThey made 296 and 83 in all");
        assert!(t[..4].iter().all(|t| t.is(F_TABLE_LINE)));
        assert!(!t[4].is(F_TABLE_LINE), "four lowercase words: a sentence");
        assert!(
            !tokenize("Kent 296 all out")[0].is(F_TABLE_LINE),
            "one number"
        );
    }

    #[test]
    fn lowercase_runs_match_a_byte_loop() {
        let mut rng = crate::testing::Rng::new(3);
        let alphabet = b"abyz`{AZ@[ 09.\x80\xc3\xfa\xe1\xdb";
        for _ in 0..5000 {
            let len = rng.below(40);
            let b: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(2) == 0 {
                        b'a' + rng.below(26) as u8
                    } else {
                        alphabet[rng.below(alphabet.len())]
                    }
                })
                .collect();
            for i in 0..=len {
                let slow = b[i..].iter().take_while(|c| c.is_ascii_lowercase()).count();
                assert_eq!(lowercase_run(&b, i), slow, "{b:?} at {i}");
            }
        }
        for byte in 0..=255u8 {
            let b = [byte; 9];
            assert_eq!(
                lowercase_run(&b, 0),
                if byte.is_ascii_lowercase() { 9 } else { 0 }
            );
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(alnum('é') && alnum('7') && !alnum('’') && !alnum('—'));
    }

    #[test]
    fn hostile_input_is_linear_and_safe() {
        let text = "AbcDef".repeat(100_000) + "\u{fffd}é\u{0}..--";
        let t = tokenize(&text);
        assert_eq!(t[0].end, 600_000);
        assert!(t.iter().all(|t| text.get(t.start..t.end).is_some()));
    }
}
