//! The runs of capitalised words that [`super::NameIndex`] takes names from.
//!
//! Words are split at ASCII whitespace. A run is a sequence of name or title words; it ends
//! at a line break, at a word without a capital, and after a word with a comma, stop or
//! possessive. Because nothing else carries over, the scan can start at any point where no
//! run is open, which is what lets the index read only the stretches of text it is asked
//! about.

use super::{MAX_NAME_WORDS, bare, is_name_word, is_not_name, is_title};

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

/// How many bytes of opening marks (`(`, `“`, `"`, `‘`) start `word`, and whether the
/// character after them is a capital.
fn capital_after_marks(word: &str) -> (usize, bool) {
    // A word starting with an ASCII byte other than `(` and `"` has no opening marks.
    if let Some(&b) = word.as_bytes().first()
        && b.is_ascii()
        && b != b'('
        && b != b'"'
    {
        return (0, b.is_ascii_uppercase());
    }
    let lead = word.len() - word.trim_start_matches(['(', '“', '"', '‘']).len();
    let upper = word
        .get(lead..)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    (lead, upper)
}

/// Ends the run: its words after the last title and without leading function words are a
/// full name when there are two to [`MAX_NAME_WORDS`] of them.
fn flush<'t>(
    run: &mut Vec<(usize, &'t str)>,
    on_name: &mut impl FnMut(usize, &[(usize, &'t str)]),
) {
    if run.len() >= 2 {
        let cut = run
            .iter()
            .rposition(|(_, w)| is_title(w))
            .map_or(0, |p| p + 1);
        let mut words = run.get(cut..).unwrap_or_default();
        while words.first().is_some_and(|(_, w)| is_not_name(w)) {
            words = words.get(1..).unwrap_or_default();
        }
        if let Some(&(pos, _)) = words.first() {
            if words.len() >= 2 && words.len() <= MAX_NAME_WORDS {
                on_name(pos, words);
            }
        }
    }
    run.clear();
}

/// Scans the words of `text` from byte `from`, where no run may be open (a line start, just
/// after a word without a capital, or the text start), calling `on_name(start, words)` for
/// each full name, in text order. Stops at the first point at or past `until` where no run is
/// open, and returns it (the text length at the end).
pub(super) fn scan<'t>(
    text: &'t str,
    from: usize,
    until: usize,
    on_name: &mut impl FnMut(usize, &[(usize, &'t str)]),
) -> usize {
    scan_with(text, from, until, &mut Vec::new(), on_name)
}

/// [`scan`] with `run` as the buffer for the run of words being read (left empty), so that a
/// caller scanning the stretch around each occurrence of a word in turn allocates it once.
pub(super) fn scan_with<'t>(
    text: &'t str,
    from: usize,
    until: usize,
    run: &mut Vec<(usize, &'t str)>,
    on_name: &mut impl FnMut(usize, &[(usize, &'t str)]),
) -> usize {
    run.clear();
    // Words are split at ASCII whitespace, byte by byte: those bytes are always character
    // boundaries, and the scan touches each byte once.
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if run.is_empty() {
            // With no run open, a word without a capital changes nothing: go straight to
            // the next word that has one (most words of a text are skipped this way).
            if i >= until {
                return i;
            }
            match next_capitalised_word(text, i) {
                Some(start) if start >= until => return start,
                Some(start) => i = start,
                None => return bytes.len(),
            }
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            if bytes[i] == b'\n' && !run.is_empty() {
                flush(run, on_name);
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
        let (lead, starts_upper) = capital_after_marks(word);
        if !starts_upper {
            if !run.is_empty() {
                flush(run, on_name);
            }
            continue;
        }
        let b = bare(word);
        if is_name_word(b) || is_title(b) {
            if lead > 0 {
                flush(run, on_name);
            }
            run.push((start + lead, b));
            // A comma, stop or possessive after the word ends the run ("Xi’s", "Putin,").
            let ends = b.len() + lead != word.len() && !b.ends_with('.');
            let stop = word.ends_with('.') && b.chars().count() > 2 && !is_title(b);
            if ends || stop {
                flush(run, on_name);
            }
        } else {
            flush(run, on_name);
        }
    }
    flush(run, on_name);
    bytes.len()
}

/// A point at or before byte `pos`, and not before `floor` (itself such a point and never
/// inside a word), where no run is open: walks back over the words with a capital just
/// before `pos` to a line break or to the word without a capital before them.
pub(super) fn open_point_before(text: &str, pos: usize, floor: usize) -> usize {
    let bytes = text.as_bytes();
    let space = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_whitespace);
    // The start of the word holding `pos` (or `pos` itself, between words).
    let mut at = pos.min(bytes.len()).max(floor);
    while at > floor && !space(at - 1) {
        at -= 1;
    }
    loop {
        if at <= floor {
            return floor;
        }
        // Back over the spaces before `at`: a line break closes any run.
        let mut end = at;
        while end > floor && space(end - 1) {
            if bytes.get(end - 1) == Some(&b'\n') {
                return at;
            }
            end -= 1;
        }
        if end <= floor {
            return at;
        }
        let mut start = end;
        while start > floor && !space(start - 1) {
            start -= 1;
        }
        // A word without a capital before `at` closed any run.
        if !text
            .get(start..end)
            .is_some_and(|w| capital_after_marks(w).1)
        {
            return at;
        }
        at = start;
    }
}

/// Every position where a word may start that equals `key` (lower-case ASCII) ignoring ASCII
/// case, in order: where its first letter stands as a capital, since every word of a name
/// starts with one (an ASCII word with an ASCII capital). `memchr` finds that byte, a rare
/// one, many bytes at a time; each hit is then compared whole.
pub(super) fn find_capitalised<'h>(
    haystack: &'h [u8],
    key: &'h [u8],
) -> impl Iterator<Item = usize> + 'h {
    let capital = key.first().map_or(0, u8::to_ascii_uppercase);
    memchr::memchr_iter(capital, haystack).filter(move |&at| {
        haystack
            .get(at..at + key.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of `text[from..]` scanned up to `until`, and where the scan stopped.
    fn names_from(text: &str, from: usize, until: usize) -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let end = scan(text, from, until, &mut |_, words| {
            out.push(words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
        });
        (out, end)
    }

    #[test]
    fn a_scan_from_any_open_point_finds_what_the_whole_scan_finds_there() {
        let text =
            "Sen. Ann Lee met (Bob Ray) and Gen. Cy Dee, then\nThe Ed Fox Jr. spoke. Xi’s Li Wei";
        let (all, end) = names_from(text, 0, usize::MAX);
        assert_eq!(end, text.len());
        assert_eq!(
            all,
            vec!["Ann Lee", "Bob Ray", "Cy Dee", "Ed Fox Jr", "Li Wei"]
        );
        for pos in 0..=text.len() {
            let from = open_point_before(text, pos, 0);
            assert!(from <= pos, "{pos}");
            // The names found from there on are exactly the whole scan's last ones.
            let (later, _) = names_from(text, from, usize::MAX);
            assert_eq!(&all[all.len() - later.len()..], &later[..], "{pos}");
            let (_, stop) = names_from(text, from, pos);
            assert!(stop >= pos, "{pos}");
        }
    }

    #[test]
    fn open_points_stop_at_line_breaks_and_words_without_capitals() {
        let t = "said Ann Lee\nBob Ray Cy";
        assert_eq!(open_point_before(t, t.len(), 0), t.find("Bob").unwrap_or(0));
        assert_eq!(open_point_before(t, 10, 0), t.find("Ann").unwrap_or(0));
        assert_eq!(open_point_before(t, 10, 9), 9);
        assert_eq!(open_point_before("Ann Lee", 5, 0), 0);
    }

    #[test]
    fn finds_a_capitalised_word_in_any_ascii_case() {
        let hits: Vec<usize> = find_capitalised(b"Lee, LEE, LeE fleet lee", b"lee").collect();
        assert_eq!(hits, vec![0, 5, 10]);
        assert_eq!(find_capitalised(b"Le", b"lee").count(), 0);
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
}
