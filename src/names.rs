//! Canonical person names: the fullest form of a name within one text, so that "Xi" or
//! "Secretary of State Antony Blinken" resolve to "Xi Jinping" and "Antony Blinken".
//!
//! [`NameIndex`] is built once per text (one linear pass over its words) and answers each
//! lookup from a token map, so resolving every speaker of an article never rescans it. It has
//! no knowledge of entity types: a "name" is a run of capitalised words, stripped of titles
//! ("Sen.", "Ukrainian President") and of sentence-initial function words ("The", "But").
//!
//! ```
//! use whosaid::names::NameIndex;
//! let text = "Secretary of State Antony Blinken spoke. Later Blinken left.";
//! let index = NameIndex::new(text);
//! assert_eq!(index.fullest("Blinken"), "Antony Blinken");
//! assert_eq!(index.fullest("Secretary of State Antony Blinken"), "Antony Blinken");
//! let at = text.rfind("Blinken").unwrap_or(0);
//! assert_eq!(whosaid::names::fullest_name(text, at, at + 7), "Antony Blinken");
//! ```

mod few_map;
mod lazy;
mod lists;
mod runs;

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) use few_map::FewMap;
use lazy::{FullIndex, Stretch};
use lists::{NOT_NAMES, SUFFIXES, TITLES};

use crate::attribution::word_set::WordSet;

/// Longest run of name words kept (longer runs are headlines or organisations).
const MAX_NAME_WORDS: usize = 5;

fn lower_key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// [`lower_key`] of an ASCII `word` of at most 32 bytes, written into `buf`.
fn ascii_lower_key<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let w = word.trim_end_matches('.');
    if !w.is_ascii() {
        return None;
    }
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Appends [`lower_key`] of `word` to `out`, without allocating for an ASCII word.
fn push_lower_key(out: &mut String, word: &str) {
    let w = word.trim_end_matches('.');
    if w.is_ascii() {
        out.extend(w.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

static TITLE_SET: WordSet<256> = WordSet::new(TITLES);
static NOT_NAME_SET: WordSet<512> = WordSet::new(NOT_NAMES);
static SUFFIX_SET: WordSet<16> = WordSet::new(SUFFIXES);

/// Whether `word` (any case, with or without its full stop) is in `set`, without allocating.
fn listed<const N: usize>(set: &WordSet<N>, word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.len() <= 14 && set.contains(w)
}

/// Whether `word` is a title or honorific ("Sen.", "President").
pub fn is_title(word: &str) -> bool {
    listed(&TITLE_SET, word)
}

fn is_not_name(word: &str) -> bool {
    listed(&NOT_NAME_SET, word) || crate::calendar::is_weekday_or_month(word.trim_end_matches('.'))
}

fn is_suffix(word: &str) -> bool {
    listed(&SUFFIX_SET, word)
}

/// A word without a possessive ending or trailing punctuation: `Xi’s,` → `Xi`.
fn bare(word: &str) -> &str {
    // Most words start with an ASCII letter or digit and end with two: nothing to strip.
    let b = word.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    if alnum(0) && alnum(b.len() - 1) && (b.len() < 2 || alnum(b.len() - 2)) {
        return word;
    }
    strip_around(word)
}

/// [`bare`] without its shortcut for plain words: the punctuation and possessive stripped.
fn strip_around(word: &str) -> &str {
    let w = word.trim_end_matches([',', ';', ':', ')', '”', '"', '?', '!']);
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w);
    let w = w.trim_start_matches(['(', '“', '"', '‘']);
    // A full stop after a word of two or more letters ends a sentence or an abbreviation
    // ("Jinping.", "Sen."); an initial keeps it ("F.").
    match w.strip_suffix('.') {
        Some(head) if head.chars().count() >= 2 => head,
        _ => w,
    }
}

/// Whether a bare word looks like part of a personal name: a capital then a lower-case letter
/// ("Xi", "McCain", "O'Rourke"), or an initial ("F.").
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    match chars.next() {
        Some('.') => word.chars().count() == 2,
        Some(c) => c.is_lowercase() || c == '\'' || c == '’',
        None => false,
    }
}

/// The words of `mention` that belong to the name itself: titles and function words before
/// the last title are dropped, as are possessive endings.
pub fn name_words(mention: &str) -> Vec<&str> {
    let mut words: Vec<&str> = mention
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect();
    let cut = words.iter().rposition(|w| is_title(w)).map_or(0, |p| p + 1);
    let not_part = |w: &&&str| is_not_name(w) || !is_name_word(w);
    let start = cut
        + words
            .get(cut..)
            .unwrap_or_default()
            .iter()
            .take_while(not_part)
            .count();
    // Cut at the first word that is not part of a name ("Paul Beck of Ohio").
    let end = start
        + words
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|w| !not_part(w))
            .count();
    // "NBC News", "USA Today": acronyms before one name word, with no title, name an
    // organisation; its last word alone ("News") would name nothing.
    let start = if cut == 0
        && end == start + 1
        && words
            .get(..start)
            .is_some_and(|w| w.iter().all(|w| is_acronym(w)))
    {
        0
    } else {
        start
    };
    words.truncate(end);
    words.drain(..start.min(end));
    words
}

/// A word of two to five capital ASCII letters: "NBC", "USA".
fn is_acronym(word: &str) -> bool {
    (2..=5).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `mention` has any [`name_words`], without collecting them: read from the end, a
/// word that is part of a name comes before any title (words before the last title are
/// dropped). Asked of every speaker and of every subject of a speech verb a pronoun may
/// refer to, most of which are then found in a cache without their words.
pub fn has_name_words(mention: &str) -> bool {
    for w in mention.split_whitespace().rev().map(bare) {
        if w.is_empty() {
            continue;
        }
        if is_title(w) {
            return false;
        }
        if is_name_word(w) && !is_not_name(w) {
            return true;
        }
    }
    false
}

/// The surname-like word of a name: its last word that is not a suffix.
fn surname<'a>(words: &[&'a str]) -> Option<&'a str> {
    words.iter().rev().find(|w| !is_suffix(w)).copied()
}

/// The full names found in one text, indexed by each of their words.
///
/// Built lazily: a lookup scans only the stretches of text around the occurrences of the word
/// it asks about (found with `memchr`), as [`runs::scan`] can start wherever no run of
/// capitalised words is open. Past a budget of work proportional to the text, or for words
/// the lazy search cannot match exactly, the whole text is indexed once, as before.
#[derive(Debug, Default)]
pub struct NameIndex<'t> {
    text: &'t str,
    /// The index of the whole text, once built.
    full: OnceCell<FullIndex<'t>>,
    /// Lower-cased name word → the names containing it, as `full.by_word` would list them.
    by_key: RefCell<FewMap<String, Rc<Vec<NameEntry<'t>>>>>,
    /// Work done lazily so far (bytes scanned, memchr searches weighted down).
    spent: Cell<usize>,
    /// Whether the text holds a Kelvin sign, the one non-ASCII letter that lower-cases to
    /// ASCII (`K` → `k`), which the lazy search would miss.
    kelvin: OnceCell<bool>,
    /// The names found so far for [`NameIndex::names_between`].
    stretch: RefCell<Stretch>,
}

#[derive(Debug, Clone)]
struct NameEntry<'t> {
    /// The name's words, as the text writes them (bare of punctuation).
    words: Vec<&'t str>,
    count: usize,
    /// Byte offset where this name first occurs (the only one needed, so the only one kept).
    first: Option<usize>,
}

impl NameEntry<'_> {
    fn text(&self) -> String {
        self.words.join(" ")
    }

    /// (start, end of the words as first written, name) of an occurrence at `p`.
    fn span(&self, p: usize) -> (usize, usize, String) {
        let len: usize = self.words.iter().map(|w| w.len() + 1).sum();
        (p, p + len.saturating_sub(1), self.text())
    }
}

impl<'t> NameIndex<'t> {
    /// An index of the names of `text`; the text is read only as lookups need it.
    pub fn new(text: &'t str) -> Self {
        NameIndex {
            text,
            ..NameIndex::default()
        }
    }

    /// The fullest form in the text of the name `mention` (titles dropped): the most frequent
    /// indexed full name that contains every word of the mention, preferring names where the
    /// mention's last word is the surname. Falls back to the mention without its titles, or
    /// the mention itself when it has no name words ("the ministry").
    pub fn fullest(&self, mention: &str) -> String {
        let words = name_words(mention);
        let Some(last) = surname(&words) else {
            return mention.trim().to_string();
        };
        let fallback = || words.join(" ");
        // The key lower-cased on the stack when it is ASCII (nearly always), else allocated.
        let mut buf = [0u8; 32];
        let owned;
        let key = match ascii_lower_key(last, &mut buf) {
            Some(k) => k,
            None => {
                owned = lower_key(last);
                owned.as_str()
            }
        };
        let names = self.names_with(key);
        if names.is_empty() {
            return fallback();
        }
        let contains_all = |e: &NameEntry<'_>| {
            words
                .iter()
                .all(|w| e.words.iter().any(|x| x.eq_ignore_ascii_case(w)))
        };
        let best_where = |surname_only: bool| {
            names
                .iter()
                .filter(|e| contains_all(e))
                .filter(|e| {
                    // `surname` of the entry's words, without collecting them first.
                    !surname_only
                        || e.words
                            .iter()
                            .rev()
                            .find(|w| !is_suffix(w))
                            .is_some_and(|s| s.eq_ignore_ascii_case(last))
                })
                .max_by_key(|e| (e.count, e.words.len(), std::cmp::Reverse(e.first)))
                .map(NameEntry::text)
        };
        best_where(true)
            .or_else(|| best_where(false))
            .unwrap_or_else(fallback)
    }

    /// The full name occurring last before byte `pos` and no further back than `max_back`
    /// bytes: the best guess for whom a pronoun at `pos` refers to, when nothing better is
    /// known.
    pub fn last_name_before(&self, pos: usize, max_back: usize) -> Option<String> {
        let full = self.full();
        let floor = pos.saturating_sub(max_back);
        let i = full.occurrences.partition_point(|&(p, _)| p < pos);
        let &(p, id) = full.occurrences.get(i.checked_sub(1)?)?;
        (p >= floor)
            .then(|| full.names.get(id).map(NameEntry::text))
            .flatten()
    }
}

impl NameIndex<'_> {
    /// The full names occurring at byte offsets `from..to`, in text order: (start, end of
    /// the name's words as first written, name).
    pub fn names_between(&self, from: usize, to: usize) -> Vec<(usize, usize, String)> {
        if let Some(found) = self.lazy_names_between(from, from, to, <[_]>::to_vec) {
            return found;
        }
        let full = self.full();
        let lo = full.occurrences.partition_point(|&(p, _)| p < from);
        let hi = full.occurrences.partition_point(|&(p, _)| p < to);
        full.occurrences
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter_map(|&(p, id)| Some(full.names.get(id)?.span(p)))
            .collect()
    }
}

impl NameIndex<'_> {
    /// The first `Some` that `pick(start, end, name)` gives for the names
    /// [`NameIndex::names_between`]`(from, to)` lists, read from the last back to the first
    /// starting at or after `lowest`: the latest name of a span that fits, without a string
    /// for each name passed over.
    pub fn rfind_between<T>(
        &self,
        from: usize,
        to: usize,
        lowest: usize,
        mut pick: impl FnMut(usize, usize, &str) -> Option<T>,
    ) -> Option<T> {
        let latest = |names: &[(usize, usize, String)]| {
            names
                .iter()
                .rev()
                .find_map(|(p, e, name)| pick(*p, *e, name))
        };
        if let Some(found) = self.lazy_names_between(from, lowest, to, latest) {
            return found;
        }
        let full = self.full();
        let lo = full
            .occurrences
            .partition_point(|&(p, _)| p < from.max(lowest));
        let hi = full.occurrences.partition_point(|&(p, _)| p < to);
        full.occurrences
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .rev()
            .find_map(|&(p, id)| {
                let (p, e, name) = full.names.get(id)?.span(p);
                pick(p, e, &name)
            })
    }
}

/// One-shot form of [`NameIndex::fullest`] for the mention at **byte** offsets `start..end` of
/// `text`. Build a [`NameIndex`] instead when resolving several mentions of one text; see
/// [`fullest_name_chars`] for code point offsets.
pub fn fullest_name(text: &str, start: usize, end: usize) -> String {
    let mention = text.get(start..end).unwrap_or_default();
    NameIndex::new(text).fullest(mention)
}

/// [`fullest_name`] for a mention given in code point offsets (the crate's public
/// convention, Python's `text[start:end]`).
pub fn fullest_name_chars(text: &str, start: usize, end: usize) -> String {
    let mut bytes = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let s = bytes.nth(start).unwrap_or(text.len());
    let e = bytes
        .nth(end.saturating_sub(start + 1))
        .unwrap_or(text.len());
    fullest_name(text, s, e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        for (list, f) in [
            (TITLES, is_title as fn(&str) -> bool),
            (NOT_NAMES, is_not_name),
            (SUFFIXES, is_suffix),
        ] {
            for w in list {
                assert!(
                    f(w) && f(&w.to_ascii_uppercase()) && f(&format!("{w}.")),
                    "{w}"
                );
            }
        }
        assert!(!is_title("Lee") && !is_not_name("Lee") && !is_suffix("Lee"));
    }

    #[test]
    fn has_name_words_is_whether_name_words_finds_any() {
        const PIECES: &[&str] = &[
            "Ann",
            "Lee",
            " ",
            "  ",
            "\n",
            "Sen.",
            "President",
            "the",
            "The",
            "of",
            "F.",
            "Xi’s",
            "(Bob",
            "Ray)",
            ",",
            "Jr.",
            "Monday",
            "é",
            "Émile",
            "x",
            "“",
            "”",
            "mr",
            "ABC",
        ];
        let mut rng = crate::testing::Rng::new(11);
        for _ in 0..20_000 {
            let m = rng.text(PIECES, 6);
            assert_eq!(has_name_words(&m), !name_words(&m).is_empty(), "{m:?}");
        }
    }

    #[test]
    fn ascii_keys_are_the_lower_keys() {
        for w in [
            "Lee",
            "LEE.",
            "O'Rourke",
            "",
            "...",
            "Zoë",
            "\u{212A}im",
            &"X".repeat(40),
        ] {
            let mut buf = [0u8; 32];
            match ascii_lower_key(w, &mut buf) {
                Some(k) => assert_eq!(k, lower_key(w), "{w}"),
                None => assert!(!w.is_ascii() || w.len() > 32, "{w}"),
            }
        }
    }

    #[test]
    fn bare_answers_as_without_its_shortcut() {
        const PIECES: &[&str] = &[
            "a", "Xi", "s", "S", "'", "’", ".", ",", "(", "“", "\"", "‘", ")", "”", "9", "é", "?",
        ];
        let mut rng = crate::testing::Rng::new(5);
        for _ in 0..20_000 {
            let w = rng.text(PIECES, 5);
            assert_eq!(bare(&w), strip_around(&w), "{w:?}");
        }
    }

    #[test]
    fn bare_keeps_plain_words_and_strips_the_rest() {
        for (w, b) in [
            ("Xi", "Xi"),
            ("Xi’s,", "Xi"),
            ("(Lee)", "Lee"),
            ("“Ann", "Ann"),
            ("Jinping.", "Jinping"),
            ("F.", "F."),
            ("Joneses’", "Joneses"),
            ("O'Rourke's", "O'Rourke"),
            ("Zoë", "Zoë"),
        ] {
            assert_eq!(bare(w), b, "{w}");
        }
    }

    #[test]
    fn runs_split_by_newlines_and_lower_case_words_as_before() {
        let i = NameIndex::new("Ann Lee\nBob Ray met Cy Dee and (Ed Fox) then “Gus Hale");
        for (mention, full) in [
            ("Lee", "Ann Lee"),
            ("Ray", "Bob Ray"),
            ("Dee", "Cy Dee"),
            ("Hale", "Gus Hale"),
            ("Fox", "Ed Fox"),
        ] {
            assert_eq!(i.fullest(mention), full);
        }
        assert_eq!(i.fullest("Met"), "Met");
    }

    #[test]
    fn code_point_offsets() {
        let t = "Émile Zola wrote. Later Zola left.";
        let at = t.chars().count() - "Zola left.".chars().count();
        assert_eq!(fullest_name_chars(t, at, at + 4), "Émile Zola");
        assert_eq!(fullest_name_chars(t, 99, 120), "");
    }

    #[test]
    fn surname_resolves_to_full_name() {
        let i = NameIndex::new("Jane Doe spoke. Then Doe left. Doe's car.");
        assert_eq!(i.fullest("Doe"), "Jane Doe");
        assert_eq!(i.fullest("Doe’s"), "Jane Doe");
    }

    #[test]
    fn titles_are_dropped() {
        let i = NameIndex::new("Ukrainian President Volodymyr Zelensky and Sen. Tim Kaine met.");
        assert_eq!(i.fullest("Zelensky"), "Volodymyr Zelensky");
        assert_eq!(i.fullest("Sen. Kaine"), "Tim Kaine");
        assert_eq!(i.fullest("Mr. Smith"), "Smith");
    }

    #[test]
    fn acronyms_before_one_name_word_stay_in_the_name() {
        let i =
            NameIndex::new("NBC News said so, and USA Today did too. FBI Director Comey spoke.");
        assert_eq!(i.fullest("NBC News"), "NBC News");
        assert_eq!(i.fullest("USA Today"), "USA Today");
        assert_eq!(i.fullest("FBI Director Comey"), "Comey");
    }

    #[test]
    fn surname_first_names_resolve_too() {
        let i = NameIndex::new("Xi Jinping arrived. Xi spoke.");
        assert_eq!(i.fullest("Xi"), "Xi Jinping");
    }

    #[test]
    fn most_frequent_full_form_wins() {
        let i = NameIndex::new("Bill Lee spoke. Ann Lee spoke. Ann Lee left. Lee said so.");
        assert_eq!(i.fullest("Lee"), "Ann Lee");
    }

    #[test]
    fn sentence_starts_and_commas_split_runs() {
        let i = NameIndex::new("The Kremlin said. Putin, Xi and Jane Doe met.");
        assert_eq!(i.fullest("Putin"), "Putin");
        assert_eq!(i.fullest("Doe"), "Jane Doe");
        assert_eq!(i.fullest("the ministry"), "the ministry");
    }

    #[test]
    fn last_name_before_a_position() {
        let t = "Ann Lee spoke. Bob Ray left. He sat.";
        let i = NameIndex::new(t);
        let he = t.find("He").unwrap_or(0);
        assert_eq!(i.last_name_before(he, 1000).as_deref(), Some("Bob Ray"));
        assert_eq!(i.last_name_before(0, 1000), None);
    }
}
