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

/// Whether `c` may sit inside a word between letters: `don't`, `Xi’s`, `well-known`, `U.S.`,
/// `9/11`.
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '/')
}

/// Tokenizes `text[from..to]` (clamped to the text and to character boundaries).
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token<'_>> {
    let to = to.min(text.len());
    let mut out = Vec::new();
    let Some(window) = text.get(from..to) else {
        return out;
    };
    let mut iter = window.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    iter.next();
                } else if joins_word(d) {
                    // Keep the joiner only if a letter follows, or it is the dot of an
                    // abbreviation like U.S. (a single letter before it).
                    let after = window
                        .get(j + d.len_utf8()..)
                        .and_then(|s| s.chars().next());
                    let single_letter_before = d == '.'
                        && window.get(start..end).is_some_and(|w| {
                            w.chars().count() == 1
                                || w.contains('.')
                                || crate::sentences::is_abbreviation(w)
                        });
                    if after.is_some_and(char::is_alphanumeric) || single_letter_before {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if let Some(t) = window.get(start..end) {
                out.push(Token {
                    text: t,
                    start: from + start,
                    end: from + end,
                    is_word: true,
                });
            }
        } else if !c.is_whitespace() {
            let end = i + c.len_utf8();
            if let Some(t) = window.get(i..end) {
                out.push(Token {
                    text: t,
                    start: from + i,
                    end: from + end,
                    is_word: false,
                });
            }
        }
    }
    out
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

    #[test]
    fn offsets_are_absolute_and_possessives_strip() {
        let t = "ab Xi’s";
        let toks = tokenize(t, 3, t.len());
        assert_eq!(toks[0].start, 3);
        assert_eq!(toks[0].stem(), "Xi");
        assert!(toks[0].is_possessive());
    }
}
