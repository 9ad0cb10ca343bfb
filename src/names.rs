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

use std::collections::HashMap;

use crate::attribution::words::WordSet;

/// Words that introduce a name without being part of it (lower-case, no dot). A run of
/// capitalised words is cut after the last of these: "Ukrainian President Volodymyr Zelensky".
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "anchor",
    "assistant",
    "attorney",
    "ayatollah",
    "capt",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "col",
    "commissioner",
    "congressman",
    "congresswoman",
    "correspondent",
    "councilman",
    "councilwoman",
    "dame",
    "defense",
    "democrat",
    "deputy",
    "detective",
    "director",
    "dr",
    "emir",
    "first",
    "foreign",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "host",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lord",
    "lt",
    "madam",
    "majority",
    "mayor",
    "minister",
    "minority",
    "miss",
    "mr",
    "mrs",
    "ms",
    "nominee",
    "officer",
    "pope",
    "premier",
    "president",
    "press",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "representative",
    "republican",
    "rev",
    "sec",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sheriff",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "state",
    "supt",
    "vice",
];

/// Capitalised words that start sentences or clauses but never names.
const NOT_NAMES: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "during",
    "each",
    "even",
    "every",
    "few",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "it",
    "its",
    "just",
    "last",
    "like",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "next",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "two",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yes",
    "yet",
    "you",
    "your",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Name suffixes that never serve as the surname: "Donald Trump Jr."
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Longest run of name words kept (longer runs are headlines or organisations).
const MAX_NAME_WORDS: usize = 5;

fn lower_key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
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
    listed(&NOT_NAME_SET, word)
}

fn is_suffix(word: &str) -> bool {
    listed(&SUFFIX_SET, word)
}

/// A word without a possessive ending or trailing punctuation: `Xi’s,` → `Xi`.
fn bare(word: &str) -> &str {
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
    let words: Vec<&str> = mention
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect();
    let cut = words.iter().rposition(|w| is_title(w)).map_or(0, |p| p + 1);
    let mut rest: Vec<&str> = words.get(cut..).unwrap_or_default().to_vec();
    while rest
        .first()
        .is_some_and(|w| is_not_name(w) || !is_name_word(w))
    {
        rest.remove(0);
    }
    // Cut at the first word that is not part of a name ("Paul Beck of Ohio").
    if let Some(p) = rest.iter().position(|w| !is_name_word(w) || is_not_name(w)) {
        rest.truncate(p);
    }
    rest
}

/// The surname-like word of a name: its last word that is not a suffix.
fn surname<'a>(words: &[&'a str]) -> Option<&'a str> {
    words.iter().rev().find(|w| !is_suffix(w)).copied()
}

/// The first byte at or after `from` that is an upper-case ASCII letter or the lead byte of a
/// non-ASCII character (`C0` and up), eight bytes at a time.
fn next_upper_or_lead(bytes: &[u8], from: usize) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut p = from;
    while let Some(chunk) = bytes.get(p..p + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Per byte, high bit set when: both top bits set (a lead byte C0..FF) ...
        let lead = x & (x << 1) & HIGH;
        // ... or, for an ASCII byte, 0x41 <= b <= 0x5A (adding 0x3F sets bit 7 from 0x41 on,
        // adding 0x25 from 0x5B on; the low seven bits never carry into the next byte).
        let low = x & LOW7;
        let ge_a = low + ONES * 0x3F;
        let gt_z = low + ONES * 0x25;
        let upper = ge_a & !gt_z & !x & HIGH;
        let hits = lead | upper;
        if hits != 0 {
            return Some(p + (hits.trailing_zeros() / 8) as usize);
        }
        p += 8;
    }
    bytes
        .get(p..)?
        .iter()
        .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)
        .map(|k| p + k)
}

/// Start of the first word at or after byte `from` (a word start or whitespace) whose first
/// character after opening marks (`(`, `“`, `"`, `‘`) is upper-case, words being split at
/// ASCII whitespace as in [`NameIndex::new`]. Looks only at upper-case ASCII letters and
/// non-ASCII lead bytes, so the text between such words is crossed in a tight byte loop.
fn next_capitalised_word(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut p = from;
    loop {
        p = next_upper_or_lead(bytes, p)?;
        let upper = match bytes.get(p..) {
            Some([b, ..]) if b.is_ascii() => true,
            // U+2000..U+203F, general punctuation (’ “ ” —): never a capital, and frequent.
            Some([0xE2, 0x80, ..]) => false,
            _ => text
                .get(p..)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase),
        };
        if upper {
            // Back over the opening marks to where the word would start.
            let mut s = p;
            loop {
                let prev = bytes.get(..s).unwrap_or_default();
                if prev.ends_with(b"(") || prev.ends_with(b"\"") {
                    s -= 1;
                } else if prev.ends_with("“".as_bytes()) || prev.ends_with("‘".as_bytes()) {
                    s -= 3;
                } else {
                    break;
                }
            }
            let word_start = s == 0 || bytes.get(s - 1).is_some_and(u8::is_ascii_whitespace);
            if word_start && s >= from {
                return Some(s);
            }
        }
        p += 1;
    }
}

/// The full names found in one text, indexed by each of their words.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Distinct full names (two or more name words), with how often each occurs and the byte
    /// offsets where each occurrence starts.
    names: Vec<NameEntry>,
    /// Lower-cased name word → indexes into `names` of the full names containing it.
    by_word: HashMap<String, Vec<usize>>,
    /// Every occurrence of a full name, in text order: (byte offset, index into `names`).
    occurrences: Vec<(usize, usize)>,
}

#[derive(Debug)]
struct NameEntry {
    words: Vec<String>,
    count: usize,
    /// Byte offsets where this name occurs, in text order.
    positions: Vec<usize>,
}

impl NameEntry {
    fn text(&self) -> String {
        self.words.join(" ")
    }
}

impl NameIndex {
    /// Indexes the capitalised-word runs of `text` (one pass over its words).
    pub fn new(text: &str) -> Self {
        let mut index = NameIndex::default();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut run: Vec<(usize, &str)> = Vec::new();
        let mut key = String::new();
        let mut lower = String::new();
        let mut flush = |run: &mut Vec<(usize, &str)>, index: &mut NameIndex| {
            if run.len() < 2 {
                run.clear();
                return;
            }
            let cut = run
                .iter()
                .rposition(|(_, w)| is_title(w))
                .map_or(0, |p| p + 1);
            let mut words = run.get(cut..).unwrap_or_default();
            while words.first().is_some_and(|(_, w)| is_not_name(w)) {
                words = words.get(1..).unwrap_or_default();
            }
            if words.len() >= 2 && words.len() <= MAX_NAME_WORDS {
                key.clear();
                for (n, (_, w)) in words.iter().enumerate() {
                    if n > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                let pos = words.first().map_or(0, |(p, _)| *p);
                let id = match seen.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let list: Vec<String> =
                            words.iter().map(|(_, w)| (*w).to_string()).collect();
                        let id = index.names.len();
                        for w in &list {
                            // Most words of a new name are already keys (a surname seen
                            // before): look up before allocating a key.
                            lower.clear();
                            push_lower_key(&mut lower, w);
                            match index.by_word.get_mut(lower.as_str()) {
                                Some(ids) => ids.push(id),
                                None => {
                                    index.by_word.insert(lower.clone(), vec![id]);
                                }
                            }
                        }
                        index.names.push(NameEntry {
                            words: list,
                            count: 0,
                            positions: Vec::new(),
                        });
                        seen.insert(key.clone(), id);
                        id
                    }
                };
                if let Some(e) = index.names.get_mut(id) {
                    e.count += 1;
                    e.positions.push(pos);
                }
                index.occurrences.push((pos, id));
            }
            run.clear();
        };
        // Words are split at ASCII whitespace, byte by byte: those bytes are always character
        // boundaries, and the scan touches each byte once.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if run.is_empty() {
                // With no run open, a word without a capital changes nothing: go straight to
                // the next word that has one (most words of a text are skipped this way).
                match next_capitalised_word(text, i) {
                    Some(start) => i = start,
                    None => break,
                }
            }
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                if bytes[i] == b'\n' && !run.is_empty() {
                    flush(&mut run, &mut index);
                }
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let Some(word) = text.get(start..i) else {
                continue;
            };
            if word.is_empty() {
                continue;
            }
            // Only words with a capital (after an opening mark) can be part of a name.
            let lead = word.len() - word.trim_start_matches(['(', '“', '"', '‘']).len();
            let starts_upper = word
                .get(lead..)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
            if !starts_upper {
                if !run.is_empty() {
                    flush(&mut run, &mut index);
                }
                continue;
            }
            let b = bare(word);
            if is_name_word(b) || is_title(b) {
                if lead > 0 {
                    flush(&mut run, &mut index);
                }
                run.push((start + lead, b));
                // A comma, stop or possessive after the word ends the run ("Xi’s", "Putin,").
                let ends = b.len() + lead != word.len() && !b.ends_with('.');
                let stop = word.ends_with('.') && b.chars().count() > 2 && !is_title(b);
                if ends || stop {
                    flush(&mut run, &mut index);
                }
            } else {
                flush(&mut run, &mut index);
            }
        }
        flush(&mut run, &mut index);
        index
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
        let Some(ids) = self.by_word.get(&lower_key(last)) else {
            return fallback();
        };
        let contains_all = |e: &NameEntry| {
            words
                .iter()
                .all(|w| e.words.iter().any(|x| x.eq_ignore_ascii_case(w)))
        };
        let best_where = |surname_only: bool| {
            ids.iter()
                .filter_map(|&i| self.names.get(i))
                .filter(|e| contains_all(e))
                .filter(|e| {
                    !surname_only
                        || surname(&e.words.iter().map(String::as_str).collect::<Vec<_>>())
                            .is_some_and(|s| s.eq_ignore_ascii_case(last))
                })
                .max_by_key(|e| {
                    (
                        e.count,
                        e.words.len(),
                        std::cmp::Reverse(e.positions.first().copied()),
                    )
                })
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
        let floor = pos.saturating_sub(max_back);
        let i = self.occurrences.partition_point(|&(p, _)| p < pos);
        let &(p, id) = self.occurrences.get(i.checked_sub(1)?)?;
        (p >= floor)
            .then(|| self.names.get(id).map(NameEntry::text))
            .flatten()
    }
}

impl NameIndex {
    /// The full names occurring at byte offsets `from..to`, in text order: (start, end of
    /// the name's words as first written, name).
    pub fn names_between(&self, from: usize, to: usize) -> Vec<(usize, usize, String)> {
        let lo = self.occurrences.partition_point(|&(p, _)| p < from);
        let hi = self.occurrences.partition_point(|&(p, _)| p < to);
        self.occurrences
            .get(lo..hi)
            .unwrap_or_default()
            .iter()
            .filter_map(|&(p, id)| {
                let e = self.names.get(id)?;
                let len: usize = e.words.iter().map(|w| w.len() + 1).sum();
                Some((p, p + len.saturating_sub(1), e.text()))
            })
            .collect()
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
    fn capitalised_words_are_found_after_opening_marks_only_at_word_starts() {
        let t = "the iPhone and (“Xi met «Émile» a\"Bo é";
        let starts: Vec<&str> = std::iter::successors(next_capitalised_word(t, 0), |&s| {
            let end = t[s..].find(' ').map_or(t.len(), |e| s + e);
            next_capitalised_word(t, end)
        })
        .map(|s| &t[s..])
        .collect();
        assert_eq!(starts, vec!["(“Xi met «Émile» a\"Bo é"]);
        let t = "«Émile» Zola";
        assert_eq!(next_capitalised_word(t, 0), Some(t.find('Z').unwrap_or(0)));
        assert_eq!(next_capitalised_word("Émile", 0), Some(0));
        assert_eq!(next_capitalised_word("no capital here", 0), None);
    }

    #[test]
    fn upper_case_and_lead_bytes_are_found_eight_at_a_time_as_one_at_a_time() {
        let text = "abc@[`z{ ÀxyZ ’ 0123456789 Q é".repeat(3);
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)
                .map(|k| from + k);
            assert_eq!(next_upper_or_lead(bytes, from), expected, "{from}");
        }
        let all: Vec<u8> = (0..=255).collect();
        for from in 0..all.len() {
            let expected = all[from..]
                .iter()
                .position(|&b| b.is_ascii_uppercase() || b >= 0xC0)
                .map(|k| from + k);
            assert_eq!(next_upper_or_lead(&all, from), expected, "{from}");
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
