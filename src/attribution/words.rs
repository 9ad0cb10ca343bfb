//! A small tokenizer for the short windows around a quotation: words (with their inner
//! apostrophes, hyphens and the dots of `U.S.` or initials) and single punctuation marks, each
//! with its byte span in the article.

/// One token of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    /// The token as written.
    pub text: &'t str,
    /// Byte offset in the article.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// A word (letters or digits), not punctuation.
    pub is_word: bool,
}

impl Token<'_> {
    /// Whether the word starts with a capital letter.
    pub fn is_capitalized(&self) -> bool {
        self.is_word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word is an article: "the", "a" or "an", in any case.
    pub fn is_article(&self) -> bool {
        self.is_word
            && ["the", "a", "an"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(self.text))
    }

    /// Whether this token is the punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.text.starts_with(c)
    }

    /// The word without a possessive ending (`Xi’s` → `Xi`).
    pub fn stem(&self) -> &str {
        self.text
            .strip_suffix("’s")
            .or_else(|| self.text.strip_suffix("'s"))
            .unwrap_or(self.text)
    }

    /// Whether the word is a possessive (`Xi’s`, `Joneses'`).
    pub fn is_possessive(&self) -> bool {
        self.stem().len() != self.text.len()
    }
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII and for the
/// General Punctuation block (U+2000–U+206F: curly quotes, dashes, ellipsis), which holds no
/// letter or digit and is most of the non-ASCII characters of news text.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The non-ASCII character starting at byte `i` of `s` (`None` past the end or off a
/// character boundary).
fn char_from(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Whether the character at byte `i` of `s` is a letter or digit (false past the end).
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b.is_ascii() => CLASS[usize::from(b)] == ALNUM,
        Some(_) => char_from(s, i).is_some_and(is_alnum),
    }
}

/// Whether the word `w`, followed by a full stop, keeps the stop: a single letter (`F.`), a
/// dotted abbreviation (`U.S.`) or a known abbreviation (`Sen.`).
fn keeps_dot(w: &str) -> bool {
    let mut chars = w.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    single || w.contains('.') || crate::sentences::is_abbreviation(w)
}

/// [`CLASS`] of ASCII punctuation and symbols.
const PUNCT: u8 = 0;
/// [`CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] of an ASCII space (`char::is_whitespace`, so the vertical tab too).
const SPACE: u8 = 2;
/// [`CLASS`] of a byte of a non-ASCII character, which is decoded instead.
const NON_ASCII: u8 = 3;
/// [`CLASS`] of the ASCII punctuation that may join the parts of a word (`don't`,
/// `well-known`, `U.S.`, `AT&T`, `9/11`): a token of its own like [`PUNCT`] when alone.
const JOINER: u8 = 4;

/// The class of each byte, so the tokenizer decides most bytes with one load.
static CLASS: [u8; 256] = {
    let mut table = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(byte, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            SPACE
        } else if matches!(byte, b'\'' | b'-' | b'.' | b'&' | b'/') {
            JOINER
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

/// End of the word of `window` that starts at byte `start` with a character of `len` bytes.
#[inline(never)]
fn word_end(window: &str, start: usize, len: usize) -> usize {
    let bytes = window.as_bytes();
    let mut end = start + len;
    loop {
        // Letters and digits, ASCII ones without decoding.
        let rest = bytes.get(end..).unwrap_or_default();
        end += rest
            .iter()
            .position(|&b| CLASS[usize::from(b)] != ALNUM)
            .unwrap_or(rest.len());
        let Some(&b) = bytes.get(end) else {
            return end;
        };
        // A joiner (`don't`, `Xi’s`, `well-known`, `U.S.`, `9/11`) and its length.
        let (d, dlen) = if b.is_ascii() {
            if !matches!(b, b'\'' | b'-' | b'.' | b'&' | b'/') {
                return end;
            }
            (char::from(b), 1)
        } else {
            let Some(d) = char_from(window, end) else {
                return end;
            };
            if is_alnum(d) {
                end += d.len_utf8();
                continue;
            }
            if d != '’' {
                return end;
            }
            (d, d.len_utf8())
        };
        // Keep the joiner only if a letter follows, or it is the dot of an abbreviation
        // like U.S. (a single letter before it).
        let keep = alnum_at(window, end + dlen)
            || (d == '.' && window.get(start..end).is_some_and(keeps_dot));
        if !keep {
            return end;
        }
        end += dlen;
    }
}

/// End of the word of `window` that starts at byte `start` with an ASCII letter or digit:
/// [`word_end`], inlined for the usual word, ASCII letters or digits up to a space or a
/// punctuation mark that joins nothing, which needs neither its joiner nor its non-ASCII
/// handling (nor the cost of its call, a third of the tokenizer's work per word).
#[inline(always)]
fn ascii_word_end(window: &str, start: usize) -> usize {
    // A slice walked by `position` compiles to a tighter loop than indexing the window.
    let rest = window.as_bytes().get(start + 1..).unwrap_or_default();
    let n = rest
        .iter()
        .position(|&b| CLASS[usize::from(b)] != ALNUM)
        .unwrap_or(rest.len());
    let end = start + 1 + n;
    match rest.get(n).map(|&b| CLASS[usize::from(b)]) {
        None | Some(SPACE | PUNCT) => end,
        // A joiner or a non-ASCII character: it may go on.
        _ => word_end(window, start, end - start),
    }
}

/// Tokenizes `text[from..to]` (clamped to the text and to character boundaries).
///
/// One pass over the bytes of the window; each byte is classified by one table load, only
/// non-ASCII characters are decoded, and the vector is sized for the window up front so it
/// rarely grows.
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokenize_into(&mut out, text, from, to);
    out
}

/// [`tokenize`] into `out` (cleared first), so that a caller tokenizing window after window
/// reuses one buffer rather than allocating one per window.
pub fn tokenize_into<'t>(out: &mut Vec<Token<'t>>, text: &'t str, from: usize, to: usize) {
    out.clear();
    let to = to.min(text.len());
    let Some(window) = text.get(from..to) else {
        return;
    };
    out.reserve(window.len() / 4 + 2);
    let bytes = window.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (end, is_word) = match CLASS[usize::from(b)] {
            SPACE => {
                i += 1;
                continue;
            }
            ALNUM => (ascii_word_end(window, i), true),
            PUNCT | JOINER => (i + 1, false),
            _ => {
                let Some(c) = char_from(window, i) else {
                    break;
                };
                let len = c.len_utf8();
                if is_alnum(c) {
                    (word_end(window, i, len), true)
                } else if c.is_whitespace() {
                    i += len;
                    continue;
                } else {
                    (i + len, false)
                }
            }
        };
        if let Some(t) = window.get(i..end) {
            out.push(Token {
                text: t,
                start: from + i,
                end: from + end,
                is_word,
            });
        }
        // The one space that mostly follows a token, skipped without another turn.
        i = end + usize::from(bytes.get(end) == Some(&b' '));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t, 0, t.len()).iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_apostrophes_hyphens_and_abbreviation_dots() {
        assert_eq!(
            words("Xi’s U.S. well-known, don't."),
            vec!["Xi’s", "U.S.", "well-known", ",", "don't", "."]
        );
        assert_eq!(
            words("John F. Kennedy said"),
            vec!["John", "F.", "Kennedy", "said"]
        );
        assert_eq!(words("He left."), vec!["He", "left", "."]);
        assert_eq!(words("Sen. Paul"), vec!["Sen.", "Paul"]);
        assert_eq!(words("9/11 widow"), vec!["9/11", "widow"]);
    }

    /// The tokenizer as it was before the one-table rewrite, kept to check the rewrite
    /// token for token on text of every awkward kind.
    mod reference {
        use super::super::{Token, is_alnum, keeps_dot};

        fn joins_word(c: char) -> bool {
            matches!(c, '\'' | '’' | '-' | '.' | '&' | '/')
        }

        fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
            let c = s.get(i..)?.chars().next()?;
            Some((c, c.len_utf8()))
        }

        fn word_end(window: &str, start: usize, len: usize) -> usize {
            let mut end = start + len;
            loop {
                let Some((d, dlen)) = char_at(window, end) else {
                    return end;
                };
                if is_alnum(d) {
                    end += dlen;
                } else if joins_word(d) {
                    let keep = char_at(window, end + dlen).is_some_and(|(a, _)| is_alnum(a))
                        || (d == '.' && window.get(start..end).is_some_and(keeps_dot));
                    if !keep {
                        return end;
                    }
                    end += dlen;
                } else {
                    return end;
                }
            }
        }

        pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
            let to = to.min(text.len());
            let Some(window) = text.get(from..to) else {
                return Vec::new();
            };
            let mut out = Vec::new();
            let mut i = 0;
            while let Some((c, len)) = char_at(window, i) {
                let (end, is_word) = if is_alnum(c) {
                    (word_end(window, i, len), true)
                } else if c.is_whitespace() {
                    i += len;
                    continue;
                } else {
                    (i + len, false)
                };
                if let Some(t) = window.get(i..end) {
                    out.push(Token {
                        text: t,
                        start: from + i,
                        end: from + end,
                        is_word,
                    });
                }
                i = end;
            }
            out
        }
    }

    #[test]
    fn same_tokens_as_the_reference_tokenizer() {
        // Pieces that meet at every kind of boundary: joiners before and after letters,
        // abbreviations, non-ASCII letters, spaces and punctuation, cut windows.
        const PIECES: &[&str] = &[
            "a", "Xi", "U", ".", "S", "'", "’", "-", "&", "/", "9", " ", "\n", "\x0b", "\u{a0}",
            "\u{2003}", "“", "”", "—", "é", "Zoë", "北京", "Sen", "Mr", ",", "\"", "(", "😀", "٣",
            "ǅ", "\u{2028}", "…",
        ];
        let mut rng = crate::testing::Rng::new(0x2545_f491_4f6c_dd1d);
        let articles = [
            include_str!("../../benches/articles/flood-warning.txt"),
            include_str!("../../benches/articles/port-strike.txt"),
        ];
        let mut texts: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
        for _ in 0..3000 {
            texts.push(rng.text(PIECES, 12));
        }
        for t in &texts {
            assert_eq!(
                tokenize(t, 0, t.len()),
                reference::tokenize(t, 0, t.len()),
                "{t:?}"
            );
            for _ in 0..4 {
                let (a, b) = (rng.below(t.len() + 2), rng.below(t.len() + 2));
                let (from, to) = (a.min(b), a.max(b));
                assert_eq!(
                    tokenize(t, from, to),
                    reference::tokenize(t, from, to),
                    "{t:?} {from}..{to}"
                );
            }
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(!is_alnum(c), "{c:?}");
        }
        for c in ['a', 'Z', '7', 'é', 'ß', '北', '٣'] {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn non_ascii_letters_and_spaces() {
        assert_eq!(
            words("Émile\u{a0}Zola’s\x0bcafé."),
            vec!["Émile", "Zola’s", "café", "."]
        );
    }

    #[test]
    fn offsets_are_absolute_and_possessives_strip() {
        let t = "ab Xi’s";
        let toks = tokenize(t, 3, t.len());
        assert_eq!(toks[0].start, 3);
        assert_eq!(toks[0].stem(), "Xi");
        assert!(toks[0].is_possessive());
    }
}
